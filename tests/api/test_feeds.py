"""The change feeds: Atom that meets RFC 4287's required elements, JSON Feed 1.1, and their filters."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _one(parent: etree._Element, tag: str) -> etree._Element:
    found = parent.findall(f"{ATOM}{tag}")
    assert len(found) == 1, f"{parent.tag} must have exactly one atom:{tag}, has {len(found)}"
    return found[0]


def _check_atom(document: bytes) -> list[etree._Element]:
    """Assert the RFC 4287 rules a feed reader relies on; return the entries."""
    feed = etree.fromstring(document)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (_one(feed, tag).text or "").strip(), tag
    assert RFC3339.match(_one(feed, "updated").text or "")
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")].count("self") == 1
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (_one(entry, tag).text or "").strip(), tag
        assert RFC3339.match(_one(entry, "updated").text or "")
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"
        ]
        assert alternates or entry.find(f"{ATOM}content") is not None
        assert all(link.get("href") for link in entry.findall(f"{ATOM}link"))
    ids = [_one(e, "id").text for e in entries]
    assert len(ids) == len(set(ids))
    return entries


def test_the_atom_feed_is_valid_and_lists_the_latest_50_changes_newest_first(http: httpx.Client) -> None:
    response = http.get("/feeds/changes.atom")
    assert response.headers["content-type"] == "application/atom+xml"
    entries = _check_atom(response.content)
    changes = http.get("/api/changes", params={"limit": 1000}).json()["changes"]
    newest = [f"urn:proscribe:change:{c['id']}" for c in reversed(changes)][:50]
    assert [_one(e, "id").text for e in entries] == newest


def test_the_atom_feed_filters_by_jurisdiction_and_entity(http: httpx.Client) -> None:
    response = http.get("/feeds/changes.atom", params={"in": "RU", "entity": "taliban"})
    entries = _check_atom(response.content)
    titles = [_one(e, "title").text for e in entries]
    assert titles == [
        "Taliban: suspend in Russian Federation (ru-terrorist), 2025-04-17",
        "Taliban: propose delist in Russian Federation (ru-terrorist), 2025-03-31",
        "Taliban: propose delist in Russian Federation (ru-terrorist), 2024-12-28",
        "Taliban: propose delist in Russian Federation (ru-terrorist), 2024-05-27",
        "Taliban: list in Russian Federation (ru-terrorist), 2003-02-14",
    ]
    first = entries[0]
    assert _one(first, "updated").text == "2025-04-17T00:00:00Z"
    related = [link.get("href") for link in first.findall(f"{ATOM}link") if link.get("rel") == "related"]
    assert "https://news.az/news/russia-s-supreme-court-suspends-ban-on-taliban-activities" in related


def test_the_json_feed_mirrors_the_atom_feed(http: httpx.Client) -> None:
    params = {"in": "RU", "list": "ru-terrorist", "entity": "taliban"}
    response = http.get("/feeds/changes.json", params=params)
    assert response.headers["content-type"] == "application/feed+json"
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "proscribe: designation changes"
    assert feed["feed_url"].endswith("/feeds/changes.json?in=RU&list=ru-terrorist&entity=taliban")
    items = feed["items"]
    atom = _check_atom(http.get("/feeds/changes.atom", params=params).content)
    assert [i["id"] for i in items] == [_one(e, "id").text for e in atom]
    assert items[0]["_proscribe"]["action"] == "suspend"
    assert items[0]["url"].endswith("/entities/taliban")
    datetime.fromisoformat(items[0]["date_published"])


def test_a_proposals_entry_says_who_decides_it(http: httpx.Client) -> None:
    """The Prosecutor General's 2025 petition went to the Supreme Court, which then suspended the ban."""
    params = {"in": "RU", "entity": "taliban", "since": "2025-03-31", "until": "2025-03-31"}
    [entry] = _check_atom(http.get("/feeds/changes.atom", params=params).content)
    assert _one(entry, "summary").text == (
        "Taliban: propose delist in Russian Federation (ru-terrorist), 2025-03-31 by Prosecutor General's "
        "Office of Russia, to be decided by Supreme Court of the Russian Federation. Sources: "
        "https://24.kg/english/326511_Taliban_removed_from_list_of_terrorist_organizations_in_Russia/."
    )


def test_a_list_filter_keeps_only_that_list(http: httpx.Client) -> None:
    feed = http.get("/feeds/changes.json", params={"list": "un-1988"}).json()
    assert feed["items"]
    assert {item["_proscribe"]["list"] for item in feed["items"]} == {"un-1988"}


def test_a_feed_asked_for_under_another_host_never_reaches_other_clients(http: httpx.Client) -> None:
    # Links are absolute, built from the request's host: one host's feed must not be cached for another.
    params = {"in": "KG"}
    evil = http.get("/feeds/changes.atom", params=params, headers={"Host": "evil.example"})
    assert b'href="http://evil.example/feeds/changes.atom?in=KG"' in evil.content
    normal = http.get("/feeds/changes.atom", params=params)
    assert b"evil.example" not in normal.content
    base = str(http.base_url).rstrip("/")
    assert f'href="{base}/feeds/changes.atom?in=KG"'.encode() in normal.content
    assert normal.headers["etag"] != evil.headers["etag"]
    again = http.get("/feeds/changes.json", params=params, headers={"Host": "evil.example"})
    assert "evil.example" not in http.get("/feeds/changes.json", params=params).text
    assert again.json()["feed_url"] == "http://evil.example/feeds/changes.json?in=KG"


def test_the_feeds_honour_since_and_until_like_the_changes_page(http: httpx.Client) -> None:
    assert http.get("/feeds/changes.json", params={"since": "2030-01-01"}).json()["items"] == []
    window = {"since": "2024-01-01", "until": "2024-12-31", "in": "RU"}
    items = http.get("/feeds/changes.json", params=window).json()["items"]
    page = http.get("/changes", params={**window, "format": "json"}).json()["changes"]
    assert [i["_proscribe"]["id"] for i in items] == [c["id"] for c in page]
    assert items and all("2024" in i["_proscribe"]["date"] for i in items)
    atom = _check_atom(http.get("/feeds/changes.atom", params=window).content)
    assert [_one(e, "id").text for e in atom] == [i["id"] for i in items]
    bad = http.get("/feeds/changes.atom", params={"since": "2024-02-30"})
    assert bad.status_code == 400
    assert bad.json()["detail"].startswith("parameter 'since': malformed date '2024-02-30'")


def test_the_changes_pages_links_carry_its_filters_once(http: httpx.Client) -> None:
    page = http.get("/changes").text
    more = re.search(r'href="([^"]*cursor=[^"]*)"', page)
    assert more is not None
    assert more.group(1).startswith("?order=newest&amp;cursor=")
    filtered = http.get("/changes", params={"since": "2001-01-01", "in": "RU"}).text
    assert 'href="/feeds/changes.atom?since=2001-01-01&amp;in=RU"' in filtered


def test_a_feed_by_report_reads_what_was_learned_lately_and_dates_entries_by_it(http: httpx.Client) -> None:
    """`order=reported`: the 50 most recently first reported; each entry is published on the day a
    held source first reported the change and not updated before then (values checked by hand)."""
    items = http.get("/feeds/changes.json", params={"in": "RU", "order": "reported"}).json()["items"]
    api = http.get("/api/changes", params={"in": "RU", "order": "reported", "limit": 50}).json()
    assert [i["_proscribe"]["id"] for i in items] == [c["id"] for c in api["changes"]]
    # Meta's listing dated only "2022" was reported from 2022-01-01 on: by report it follows the
    # March 2022 steps; by the day of effect (its latest day, 2022-12-31) it leads them.
    by_report = [(i["_proscribe"]["entity_id"], i["_proscribe"]["date"]) for i in items]
    assert by_report.index(("meta", "2022")) == by_report.index(("meta", "2022-03-11")) + 1
    by_effect = http.get("/feeds/changes.json", params={"in": "RU"}).json()["items"]
    effect_order = [(i["_proscribe"]["entity_id"], i["_proscribe"]["date"]) for i in by_effect]
    assert effect_order.index(("meta", "2022")) < effect_order.index(("meta", "2022-03-21"))
    proposal = next(i for i in items if i["_proscribe"]["date"] == "2024-05-27")
    assert (proposal["date_published"], proposal["date_modified"]) == (
        "2024-06-03T00:00:00Z",
        "2024-06-03T00:00:00Z",
    )

    # Atom: the UK's 2017 listing of HTS, first reported on 2025-10-22; the US revocation of the
    # Houthis' designations, announced on 2021-02-12 and in force on 2021-02-16.
    gb = _check_atom(http.get("/feeds/changes.atom", params={"in": "GB", "order": "reported"}).content)
    hts = next(
        e
        for e in gb
        if _one(e, "title").text == "Hay'at Tahrir al-Sham: list in United Kingdom (gb-proscribed), 2017"
    )
    assert (_one(hts, "published").text, _one(hts, "updated").text) == (
        "2025-10-22T00:00:00Z",
        "2025-10-22T00:00:00Z",
    )
    us = _check_atom(http.get("/feeds/changes.atom", params={"in": "US", "entity": "houthis"}).content)
    revoked = [e for e in us if (_one(e, "title").text or "").startswith("Ansar Allah (Houthis): delist")]
    assert len(revoked) == 2
    assert {(_one(e, "published").text, _one(e, "updated").text) for e in revoked} == {
        ("2021-02-12T00:00:00Z", "2021-02-16T00:00:00Z")
    }
    assert http.get("/feeds/changes.atom", params={"order": "oldest"}).status_code == 422


def test_a_change_names_the_part_of_the_organisation_it_concerns(http: httpx.Client) -> None:
    """The EU listed Hezbollah's military wing in 2013, not the whole group: the feed, the changes
    answer and the changes page all say so."""
    params = {"in": "EU", "entity": "hezbollah", "since": "2013-07-22", "until": "2013-07-22"}
    [entry] = _check_atom(http.get("/feeds/changes.atom", params=params).content)
    assert _one(entry, "title").text == (
        "Hezbollah: list (military wing) in European Union (eu-terrorist), 2013-07-22"
    )
    [change] = http.get("/api/changes", params=params).json()["changes"]
    assert (change["action"], change["scope"]) == ("list", "military wing")
    page = http.get("/changes", params=params).text
    assert '<span class="small scope">military wing</span>' in page
    # A change whose sources name no part carries none.
    whole = {"in": "EU", "entity": "hamas", "since": "2001-01-01", "until": "2001-12-31"}
    [change] = http.get("/api/changes", params=whole).json()["changes"]
    assert (change["action"], change["scope"]) == ("list", None)


def test_a_change_the_sources_date_two_ways_says_so_in_the_feed_and_on_the_page(http: httpx.Client) -> None:
    """Kazakhstan's one removal of the Taliban, dated 2023-12-29 by three sources and 2024-06-03 by two,
    is two changes: each says the date is disputed, in the feed's summary and on the changes page."""
    dispute = "sources disagree on the date of the delist: 2023-12-29 (3 sources) vs 2024-06-03 (2 sources)"
    params = {"in": "KZ", "entity": "taliban", "since": "2023-01-01"}
    entries = _check_atom(http.get("/feeds/changes.atom", params=params).content)
    assert [_one(e, "title").text for e in entries] == [
        "Taliban: delist in Kazakhstan (kz-terrorist), 2024-06-03",
        "Taliban: delist in Kazakhstan (kz-terrorist), 2023-12-29",
    ]
    assert all(f". Disputed: {dispute}. " in (_one(e, "summary").text or "") for e in entries)
    page = http.get("/changes", params=params).text
    assert page.count(f'<div class="small disputed"><strong>disputed:</strong> {dispute}</div>') == 2
