"""What the server-rendered pages say without any script: the part of an organisation listed and since
when, a jurisdiction as known on a day, how many names a search found, the A-Z index's filters, pages
past the last, error messages in the page's own terms, and the forms that need a script."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from conftest import Server

HTML = {"Accept": "text/html"}


def _get(server: Server, path: str, **params: str) -> httpx.Response:
    return httpx.get(f"{server.url}{path}", params=params, headers=HTML, trust_env=False, timeout=30)


def _row(html: str, entity: str, at: str) -> str:
    """The jurisdiction page's table row of `entity` (the first list holding it)."""
    start = html.index(f'<tr><td><a href="/entities/{entity}?at={at}">')
    return html[start : html.index("</tr>", start)]


def test_a_widened_scope_says_since_when_on_the_jurisdiction_and_entity_pages(server: Server) -> None:
    """The UK proscribed Hezbollah's External Security Organisation in 2001 and the whole of it on
    2019-03-01; Hamas's military wing in 2001 and the whole of it on 2021-11-26."""
    html = _get(server, "/jurisdictions/GB", at="2025-06-01").text
    hezbollah = _row(html, "hezbollah", "2025-06-01")
    assert '<span class="small muted scope">whole organisation (since 2019-03-01)</span>' in hezbollah
    assert '<td class="nowrap">2001-03-29</td>' in hezbollah
    hamas = _row(html, "hamas", "2025-06-01")
    assert '<span class="small muted scope">whole organisation (since 2021-11-26)</span>' in hamas
    # The entity page's table as served (a browser without JavaScript shows it as it is).
    entity = _get(server, "/entities/hezbollah", at="2020-06-01").text
    row = entity[entity.index('data-list="gb-proscribed"') :]
    row = row[: row.index("</tr>")]
    assert '<span class="small muted scope">whole organisation (since 2019-03-01)</span>' in row
    # A scope the listing had from its first day says no "since": the EU's military wing.
    eu = entity[entity.index('data-list="eu-terrorist"') :]
    assert '<span class="small muted scope">military wing</span></td>' in eu[: eu.index("</tr>")]


def test_a_jurisdiction_page_as_known_on_a_day(uk_server: Server) -> None:
    """Known on 2019-06-01, the OFSI file of 2020-03-15 was not yet published: its records are not
    on the page, and the latest change known is the UK's proscription of all of Hezbollah."""
    known = {"at": "2025-06-01", "as_of": "2019-06-01"}
    twin = _get(uk_server, "/jurisdictions/GB.json", **known).json()
    api = _get(uk_server, "/api/jurisdictions/GB", **known).json()
    assert (twin["as_of"], twin["rows"]) == ("2019-06-01", api["rows"])
    assert not [row for row in twin["rows"] if row["list"] == "gb-hmt"]
    assert [(c["date"], c["name"], c["action"]) for c in twin["changes"][:2]] == [
        ("2019-03-01", "Hezbollah", "list"),
        ("2019-02-25", "Hezbollah", "propose_list"),
    ]
    html = _get(uk_server, "/jurisdictions/GB", **known).text
    assert "As known on 2019-06-01: only the sources published or retrieved by then count" in html
    assert '<input type="hidden" name="as_of" value="2019-06-01">' in html
    assert "gb-hmt-9001" not in html and "Palestine Action" not in html
    assert '<a href="/entities/hezbollah?at=2025-06-01&amp;as_of=2019-06-01">' in html
    # As known now, the OFSI record and the later changes are there.
    now = _get(uk_server, "/jurisdictions/GB", at="2025-06-01").text
    assert "gb-hmt-9001" in now and "Palestine Action" in now
    # The index keeps the knowledge day in its links to each jurisdiction and list.
    index = _get(uk_server, "/jurisdictions", **known).text
    assert '<a href="/jurisdictions/GB?at=2025-06-01&amp;as_of=2019-06-01">United Kingdom</a>' in index
    assert 'href="/jurisdictions/GB?at=2025-06-01&amp;as_of=2019-06-01&amp;list=gb-proscribed"' in index


def test_a_page_of_a_list_past_its_last_is_not_found(uk_server: Server) -> None:
    past = _get(uk_server, "/jurisdictions/GB", at="2025-06-01", list="gb-proscribed", page="2")
    assert past.status_code == 404
    assert "page 2 of the list gb-proscribed on 2025-06-01 does not exist: the last is page 1" in past.text
    # A page number pages one list: without the list it would show page 1 as if it were page 2.
    alone = _get(uk_server, "/jurisdictions/GB.json", page="2")
    assert (alone.status_code, alone.json()["detail"]) == (
        400,
        "parameter 'page' pages one list: give 'list' too (e.g. ?list=gb-uksl&page=2)",
    )


def test_a_search_says_how_many_it_found_and_pages_on(server: Server) -> None:
    """28 of the bundled entities have a name or alias containing "al" (al-Qaeda, Hamas's
    al-Qassam Brigades, the Taliban, Hezbollah...): 20 on the first page, 8 on the second."""
    first = _get(server, "/", q="al").text
    assert (
        "28 entities have a name or alias containing “<bdi>al</bdi>”; 1–20 shown, best matches first."
        in first
    )
    assert len(re.findall(r'<li><bdi><a href="/entities/', first)) == 20
    assert '<a class="button secondary" rel="next" href="/?q=al&amp;page=2">Next →</a>' in first
    assert (
        '<a href="/entities?starting=al">2 entities whose name starts “<bdi>al</bdi>”, A to Z →</a>' in first
    )
    second = _get(server, "/", q="al", page="2", format="json").json()
    assert (second["found"], second["found_more"], second["page"], second["pages"]) == (28, False, 2, 2)
    assert [r["entity_id"] for r in second["results"]] == [
        *("pij", "pkk", "atomwaffen", "russian-imperial-movement"),
        *("lgbt-movement", "cjng", "boko-haram", "samidoun"),
    ]
    past = _get(server, "/", q="al", page="3")
    assert past.status_code == 404 and "the last is page 2" in past.text
    # One page found: no pager, no count past it.
    hamas = _get(server, "/", q="Hamas").text
    assert "1 entity has a name or alias containing" in hamas and 'rel="next"' not in hamas
    assert 'id="screen-hint"' not in hamas


def test_a_search_that_finds_nothing_points_to_screening(server: Server) -> None:
    html = _get(server, "/", q="Jong Un Kim").text
    assert "<p>No name contains “Jong Un Kim”.</p>" in html
    assert '<p id="screen-hint">Screening matches a name however its words are ordered' in html
    assert 'paste it on the <a href="/screen">screening page</a>.' in html


def test_an_index_filter_without_a_letter_or_digit_is_refused(server: Server) -> None:
    for starting in ("'", "#", " - "):
        refused = _get(server, "/entities", starting=starting, format="json")
        assert refused.status_code == 400, starting
        assert refused.json()["detail"] == (
            f"parameter 'starting': {starting.strip()!r} holds no letter or digit, and names are "
            "filed under their first letter or digit (OFAC's 'ABBAS, Rim with the A's): "
            "give one, e.g. ?starting=a"
        )
    # Punctuation before a letter is set aside, and the page says so.
    html = _get(server, "/entities", starting="'al").text
    assert '<h1>Entities starting “&#39;al” <span class="muted">(2)</span></h1>' in html
    assert "so these are the names starting “al”." in html


def test_changes_errors_name_the_pages_parameters(server: Server) -> None:
    """An `until` before the default first day is an empty window, not an error about a `since` the
    reader never gave; a window given backwards names the parameters as the page takes them."""
    early = _get(server, "/changes", until="1800-01-01")
    assert early.status_code == 200 and "No changes match." in early.text
    assert _get(server, "/changes", until="1800-01-01", format="json").json()["changes"] == []
    # So do the feeds, which share the page's window.
    feed = httpx.get(f"{server.url}/feeds/changes.json", params={"until": "1800-01-01"}, trust_env=False)
    assert (feed.status_code, feed.json()["items"]) == (200, [])
    backwards = _get(server, "/changes", since="2020-01-01", until="2019-01-01", format="json")
    assert (backwards.status_code, backwards.json()["detail"]) == (
        400,
        "parameter 'until': 2019-01-01 is before parameter 'since' 2020-01-01",
    )


def test_the_screen_and_news_forms_sent_without_a_script_read_nothing(server: Server) -> None:
    """Without JavaScript the forms post to their page, which says nothing was read: the names or
    article never stand in a URL, and the answer does not repeat them."""
    for path, field, said in (
        ("/screen", "names", "Nothing was screened."),
        ("/news", "text", "Nothing was read."),
    ):
        form = _get(server, path).text
        assert f'method="post" action="{path}"' in form
        sent = httpx.post(f"{server.url}{path}", data={field: "Secret Name"}, trust_env=False)
        assert sent.status_code == 200
        assert sent.headers["cache-control"] == "no-store"
        assert f"<strong>{said}</strong>" in sent.text
        assert "Secret Name" not in sent.text


def test_a_jurisdictions_rows_say_when_the_official_list_last_showed_each_entry(uk_server: Server) -> None:
    """OFSI's list of 2020-03-15 is the only UK snapshot held: its entries are listed today on its
    word of 2020, and each row says when the list last showed them; the curated proscriptions, from
    no snapshot, say nothing of the kind."""
    rows = _get(uk_server, "/jurisdictions/GB.json", at="2025-06-01").json()["rows"]
    seen = {(r["entity_id"], r["list"]): r["last_seen"] for r in rows if r["state"] == "listed"}
    assert {key: day for key, day in seen.items() if day} == {
        ("gb-hmt-9001", "gb-hmt"): "2020-03-15",
        ("gb-hmt-9001", "gb-sanctions-ct"): "2020-03-15",
        ("gb-hmt-9002", "gb-hmt"): "2020-03-15",
        ("gb-hmt-9004", "gb-hmt"): "2020-03-15",
        ("gb-hmt-9004", "gb-sanctions-ct"): "2020-03-15",
    }
    # The bundled dataset's curated listings (Hezbollah's asset freeze, Hamas's proscription).
    assert (seen["hezbollah", "gb-sanctions-ct"], seen["hamas", "gb-proscribed"]) == (None, None)
    page = _get(uk_server, "/jurisdictions/GB", at="2025-06-01", list="gb-sanctions-ct").text
    assert "last seen on the list 2020-03-15" in page
