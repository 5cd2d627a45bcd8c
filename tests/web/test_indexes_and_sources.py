"""The ways into the registry besides search: the jurisdictions index, the A-Z index of entities; and
how pages name a source held without a web address (a news text ingested from a file) and the list
that succeeded a closed one."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import Page, expect

from proscribe.web.render import web_url

if TYPE_CHECKING:
    from conftest import Server

# The registry's identifier of conftest's UNLINKED_TEXT (the sha256 of its text), ingested from the
# file kz-hamas.txt: the one source of Kazakhstan's listing of Hamas on 2025-03-03.
URN = "urn:sha256:7f012f711c59e7a3ccba575f129cb8eb519a099fd8dde52ae06c8db431c4ca22"
HELD = f'<span class="source-held" title="held without a web address: {URN}">kz-hamas</span>'
DAY = "2025-06-01"
# Every jurisdiction the bundled data (plus that text) designates in, ordered by name.
CODES = [
    *("AR", "AU", "BH", "BD", "CA", "CN", "CO", "EG", "EU", "FI", "FR", "DE", "GT", "HN", "HU"),
    *("IN", "IL", "JP", "JO", "KZ", "KW", "KG", "LT", "MY", "NZ", "NG", "OM", "PK", "PY", "PE"),
    *("QA", "RU", "SA", "TJ", "TT", "TR", "UA", "AE", "GB", "UN", "US", "UZ"),
]


def _get(server: Server, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, trust_env=False, timeout=30)


def test_web_url_tells_a_link_from_an_identifier() -> None:
    assert [
        web_url(value)
        for value in (
            "https://example.org/a",
            "HTTP://EXAMPLE.ORG",
            URN,
            "http:/no-host",
            "javascript:alert(1)",
            "",
            None,
        )
    ] == [True, True, False, False, False, False, False]


def test_the_jurisdictions_index_counts_what_each_list_has_in_force(unlinked_server: Server) -> None:
    index = _get(unlinked_server, "/api/jurisdictions", at=DAY).json()
    assert (index["at"], index["as_of"]) == (DAY, None)
    assert [j["code"] for j in index["jurisdictions"]] == CODES
    by_code = {j["code"]: j for j in index["jurisdictions"]}
    assert by_code["KZ"] == {
        "code": "KZ",
        "name": "Kazakhstan",
        "listed": 8,
        "lists": [
            {
                "id": "kz-terrorist",
                "name": "Terrorist organisations banned in Kazakhstan",
                "kind": "terrorist",
                "listed": 8,
                "suspended": 0,
                "uncertain": 0,
                "recorded": 9,
                "list_closed": None,
            }
        ],
    }
    assert [(x["id"], x["listed"], x["suspended"], x["recorded"]) for x in by_code["RU"]["lists"]] == [
        ("ru-terrorist", 9, 1, 10),
        ("ru-extremist", 4, 0, 4),
        ("ru-rosfinmonitoring", 1, 0, 1),
    ]
    # Each count is what the jurisdiction's own page shows that day, row by row.
    for code, found in by_code.items():
        rows = _get(unlinked_server, f"/api/jurisdictions/{code}", at=DAY).json()["rows"]
        states = Counter((row["list"], row["state"]) for row in rows)
        recorded = Counter(row["list"] for row in rows)
        assert {
            x["id"]: (x["listed"], x["suspended"], x["uncertain"], x["recorded"]) for x in found["lists"]
        } == {
            lid: (states[(lid, "listed")], states[(lid, "suspended")], states[(lid, "uncertain")], n)
            for lid, n in recorded.items()
        }, code
        assert found["listed"] == len({row["entity_id"] for row in rows if row["state"] == "listed"}), code
    # The page's JSON twin is the API's answer, as known on a day too.
    assert _get(unlinked_server, "/jurisdictions", at=DAY, format="json").json() == index
    known = {"at": "2018-01-01", "as_of": "2018-01-01"}
    earlier = _get(unlinked_server, "/api/jurisdictions", **known).json()
    assert earlier["as_of"] == "2018-01-01"
    assert _get(unlinked_server, "/jurisdictions", format="json", **known).json() == earlier
    page = _get(unlinked_server, "/jurisdictions", **known).text
    assert '<input type="hidden" name="as_of" value="2018-01-01">' in page


def test_the_jurisdictions_page_links_each_jurisdiction_and_list(unlinked_server: Server) -> None:
    html = _get(unlinked_server, "/jurisdictions", at=DAY).text
    assert '<h1>Jurisdictions and their lists <span class="muted">(42)</span></h1>' in html
    assert '<li><a href="/jurisdictions" aria-current="page">Jurisdictions</a></li>' in html
    assert '<a href="/jurisdictions/KZ?at=2025-06-01">Kazakhstan</a>' in html
    assert (
        '<li data-list="ru-terrorist"><a href="/jurisdictions/RU?at=2025-06-01&amp;list=ru-terrorist">'
        "Unified federal list of organisations recognised as terrorist</a>"
    ) in html
    assert (
        '<span class="small muted nowrap">ru-terrorist</span>: 9 listed, 1 suspended '
        '<span class="small muted">(10 recorded)</span></li>'
    ) in html
    # Every page leads to it; /lists, where one might look for the lists, too.
    assert '<li><a href="/jurisdictions">Jurisdictions</a></li>' in _get(unlinked_server, "/").text
    moved = _get(unlinked_server, "/lists", at=DAY)
    assert (moved.status_code, moved.headers["location"]) == (308, "/jurisdictions?at=2025-06-01")
    bad = _get(unlinked_server, "/api/jurisdictions", at="2025-02-30")
    assert bad.status_code == 400 and "parameter 'at'" in bad.json()["detail"]


def test_a_closed_list_is_counted_as_closed_in_the_index(uk_server: Server) -> None:
    """OFSI closed gb-hmt on 2026-01-28: its three entities are its last recorded states, and the one
    only it held is no longer counted as listed in the United Kingdom."""

    def gb(at: str) -> dict[str, object]:
        index = _get(uk_server, "/api/jurisdictions", at=at).json()
        return next(j for j in index["jurisdictions"] if j["code"] == "GB")

    closed, before = gb("2026-11-22"), gb("2025-12-31")
    assert (closed["listed"], before["listed"]) == (20, 21)
    assert closed["lists"] == before["lists"]
    assert [(x["id"], x["listed"], x["list_closed"] and x["list_closed"]["on"]) for x in closed["lists"]] == [
        ("gb-hmt", 3, "2026-01-28"),
        ("gb-proscribed", 18, None),
        ("gb-sanctions-ct", 3, None),
    ]
    html = _get(uk_server, "/jurisdictions", at="2026-11-22").text
    assert "closed on 2026-01-28, 3 listed when it closed" in html
    assert "closed on" not in _get(uk_server, "/jurisdictions", at="2025-12-31").text


def test_the_entity_index_is_titled_entities_and_has_no_page_past_its_last(unlinked_server: Server) -> None:
    html = _get(unlinked_server, "/entities").text
    assert "<title>Entities · proscribe</title>" in html
    assert '<h1>Entities <span class="muted">(56)</span></h1>' in html
    assert "<h2>All entities (56)</h2>" in _get(unlinked_server, "/").text
    detail = "page 2 of the index does not exist: the last is page 1"
    for path in ("/entities", "/api/entities"):
        past = _get(unlinked_server, path, page="2")
        assert (past.status_code, past.json()["detail"]) == (404, detail), path
    page = httpx.get(
        f"{unlinked_server.url}/entities?page=2", headers={"Accept": "text/html"}, trust_env=False
    )
    assert page.status_code == 404 and detail in page.text
    # So is a page of identity suggestions past the last.
    past = _get(unlinked_server, "/identity", page="999", format="json")
    assert (past.status_code, past.json()["detail"]) == (
        404,
        "page 999 of the suggestions does not exist: the last is page 1",
    )
    # A prefix no name has is one empty page, not a missing one.
    none = _get(unlinked_server, "/entities", starting="zzz")
    assert none.status_code == 200 and "No entity starts with “zzz”." in none.text


@pytest.mark.parametrize("path", ["/changes?in=KZ", "/jurisdictions/KZ?at=2025-06-01"])
def test_a_source_without_a_web_address_is_named_not_linked(unlinked_server: Server, path: str) -> None:
    html = httpx.get(f"{unlinked_server.url}{path}", trust_env=False).text
    assert HELD in html
    assert 'href="urn:' not in html
    # Sources with a web address stay links.
    assert 'rel="noopener noreferrer">' in html


def test_the_documents_page_shows_the_identifier_as_text(unlinked_server: Server) -> None:
    html = _get(unlinked_server, "/documents").text
    assert f'kz-hamas<br><span class="small muted">{URN}</span>' in html
    assert 'href="urn:' not in html


@pytest.mark.browser
def test_the_evidence_panel_names_a_source_without_a_web_address(unlinked_page: Page) -> None:
    unlinked_page.goto("/entities/hamas?at=2025-06-01")
    expect(unlinked_page.locator("body")).to_have_attribute("data-ready", "true")
    unlinked_page.click('.tl-ev[data-jurisdiction="KZ"][data-date="2025-03-03"]')
    source = unlinked_page.locator("#evidence dd.source")
    expect(source).to_contain_text("kz-hamas")
    expect(source.locator("div.small.muted").first).to_have_text(URN)
    expect(source.locator("a")).to_have_count(0)
    expect(unlinked_page.locator('a[href^="urn:"]')).to_have_count(0)


def test_official_sources_name_the_successor_of_a_closed_list_by_its_source(server: Server) -> None:
    successor = '<a href="/official-sources/uk-sanctions-list">UK Sanctions List</a> (uk-sanctions-list)'
    assert f"Closed on 2026-01-28; succeeded by {successor}</span>" in _get(server, "/official-sources").text
    ofsi = _get(server, "/official-sources/uk-hmt-ofsi-consolidated").text
    assert f"Its publisher closed this list on 2026-01-28; it was succeeded by {successor}." in ofsi
    # The JSON keeps the closure as the list vocabulary states it.
    data = _get(server, "/official-sources/uk-hmt-ofsi-consolidated.json").json()
    assert (data["closed_on"], data["succeeded_by"]) == ("2026-01-28", "gb-uksl")
