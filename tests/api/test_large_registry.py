"""Pages over a registry the size analysts hold (the bundled data plus OFAC's real SDN list):
each stays one readable page, and nothing an overview leaves out is out of reach."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Live

# Fixture `sdn_live` (tests/api/conftest.py): 56 bundled entities + 11,089 minted from the SDN list. Its
# other 29 records join bundled ones: 27 by the OFAC numbers the dataset gives them
# (data/registry/list_numbers.yaml; among them ETA, which this set, sent without its alias file, names
# only "EUZKADI TA ASKATASUNA", and JAISH-I-MOHAMMED), MS-13 and the Taliban by name.
ENTITIES = 11_145


def test_the_home_page_leads_to_the_index_instead_of_naming_every_organisation(sdn_live: Live) -> None:
    with sdn_live.client() as http:
        data = http.get("/", params={"format": "json"}).json()
        assert (data["entities_total"], data["entities"]) == (ENTITIES, [])
        page = http.get("/").text
        assert f"All entities ({ENTITIES})" in page
        assert '<a href="/entities">browse them A to Z →</a>' in page
        assert '<a href="/entities?starting=B" title="' in page
        # The page stays a page: the bundled registry's home is about 20 KB; this one too.
        assert len(page.encode()) < 60_000


def test_the_index_pages_every_organisation_from_a_to_z(sdn_live: Live) -> None:
    with sdn_live.client() as http:
        first = http.get("/entities", params={"format": "json"}).json()
        assert (first["total"], first["pages"], len(first["entities"])) == (ENTITIES, 23, 500)
        last = http.get("/entities", params={"format": "json", "page": 23}).json()
        assert len(last["entities"]) == ENTITIES - 22 * 500
        names = [e["name"] for e in first["entities"]] + [e["name"] for e in last["entities"]]
        keys = [re.sub(r"^[\W_]+", "", n).casefold() for n in names]
        assert keys == sorted(keys)
        assert sum(i["count"] for i in first["initials"]) == ENTITIES
        # The four SDN banks whose names start "BANK M", checked in the file.
        banks = http.get("/entities", params={"format": "json", "starting": "bank m"}).json()
        assert [e["name"] for e in banks["entities"]] == [
            "BANK MARKAZI JOMHOURI ISLAMI IRAN",
            "BANK MASKAN",
            "BANK MELLAT",
            "BANK MELLI IRAN",
        ]
        # OFAC's "'ABBAS, Rim" is filed under A, where a reader looks for it.
        abbas = http.get("/entities", params={"format": "json", "starting": "abbas,"}).json()
        assert "'ABBAS, Rim" in [e["name"] for e in abbas["entities"]]
        html = http.get("/entities", params={"page": 2}).text
        assert 'rel="prev" href="/entities?starting=&amp;page=1"' in html
        assert 'rel="next" href="/entities?starting=&amp;page=3"' in html
        assert http.get("/entities", params={"page": 0}).status_code == 422


def test_a_long_list_is_paged_by_name_on_the_jurisdiction_page(sdn_live: Live) -> None:
    with sdn_live.client() as http:
        overview = http.get("/api/jurisdictions/US", params={"at": "2024-06-01"}).json()
        in_force = sorted(
            (r["name"].casefold(), r["entity_id"])
            for r in overview["rows"]
            if r["list"] == "us-sdn" and r["state"] == "listed"
        )
        assert len(in_force) == 11_118
        page = http.get("/jurisdictions/US", params={"at": "2024-06-01", "list": "us-sdn", "page": 2}).text
        assert "11118 in force on 2024-06-01; showing 501–1000, by name." in page
        shown = re.findall(r'<tr><td><a href="/entities/([^"?]+)\?at=2024-06-01">', page)
        assert shown == [entity_id for _name, entity_id in in_force[500:1000]]
        # Only the list asked for; the others are one link away.
        assert 'id="list-us-fto"' not in page and 'id="list-us-sdn"' in page
        whole = http.get("/jurisdictions/US", params={"at": "2024-06-01"}).text
        assert whole.count("<tr><td><a href=") < 2_000
        assert 'href="/jurisdictions/US?at=2024-06-01&amp;list=us-sdn&amp;page=2" rel="next"' in whole
        wrong = http.get("/jurisdictions/US", params={"list": "ru-terrorist"})
        assert wrong.status_code == 400 and "is not a list of US" in wrong.text


def test_recent_changes_come_first_on_pages_and_feeds(sdn_live: Live) -> None:
    with sdn_live.client() as http:
        page = http.get("/changes", params={"format": "json"}).json()
        oldest = http.get("/api/changes", params={"limit": 1000}).json()["changes"]
        assert page["order"] == "newest"
        assert [c["id"] for c in page["changes"]] == [c["id"] for c in oldest[::-1][:100]]
        assert http.get("/api/changes", params={"order": "newest", "limit": 100}).json() == page
        assert "Earlier changes →" in http.get("/changes").text
        assert "Later changes →" in http.get("/changes", params={"order": "oldest"}).text
        home = http.get("/", params={"format": "json"}).json()
        assert [c["id"] for c in home["latest_changes"]] == [c["id"] for c in page["changes"][:20]]


def test_responses_stay_small_enough_to_read(sdn_live: Live) -> None:
    with sdn_live.client() as http:
        sizes = {path: len(http.get(path).content) for path in ("/", "/entities", "/changes")}
        assert all(size < 300_000 for size in sizes.values()), sizes
