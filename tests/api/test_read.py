"""Read endpoints over real HTTP: the CLI's JSON, hand-checked states, search in any script, paging."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
from click.testing import CliRunner

from proscribe.cli import main

if TYPE_CHECKING:
    from conftest import Live

ASIA_PLUS = (
    "https://www.asiaplustj.info/en/news/world/20250418/russia-removes-afghanistans-taliban-from-terror-list"
)


def test_status_is_the_same_json_as_the_cli(live: Live, http: httpx.Client) -> None:
    response = http.get("/api/status", params={"entity": "taliban", "in": "RU", "at": "2025-06-01"})
    cli = CliRunner().invoke(
        main,
        ["--db", live.db_url, "status", "taliban", "--in", "RU", "--at", "2025-06-01", "--format", "json"],
    )
    assert cli.exit_code == 0, cli.output
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(cli.output)
    (russia,) = response.json()["jurisdictions"]
    assert russia["jurisdiction"] == "RU"
    assert [(item["list"], item["state"], item["since"]) for item in russia["lists"]] == [
        ("ru-terrorist", "suspended", "2025-04-17")
    ]


def test_matrix_on_2024_06_01_for_the_taliban(http: httpx.Client) -> None:
    rows = http.get("/api/matrix", params={"entity": "taliban", "at": "2024-06-01"}).json()["rows"]
    states = {(row["jurisdiction"], row["list"]): row["state"] for row in rows}
    assert states[("RU", "ru-terrorist")] == "listed"
    assert states[("KG", "kg-banned")] == "listed"
    assert states[("KZ", "kz-terrorist")] in ("uncertain", "not_listed")


def test_repeated_and_comma_separated_jurisdictions_are_the_same_filter(http: httpx.Client) -> None:
    repeated = http.get("/api/status", params=[("entity", "taliban"), ("in", "RU"), ("in", "kz")]).json()
    joined = http.get("/api/status", params={"entity": "taliban", "in": "RU,KZ"}).json()
    assert repeated == joined
    assert [j["jurisdiction"] for j in joined["jurisdictions"]] == ["KZ", "RU"]


def test_search_and_detail_accept_any_script(http: httpx.Client) -> None:
    found = http.get("/api/entities", params={"q": "Талибан"}).json()
    assert found["results"][0] == {
        "entity_id": "taliban",
        "name": "Taliban",
        "matched_name": "Талибан",
        "match": "name",
    }
    detail = http.get("/api/entities/Талибан").json()
    assert detail["id"] == "taliban"
    assert {"value": "طالبان", "kind": "alias", "script": "Arab"} in detail["names"]


def test_listing_entities_without_a_query_is_paged_by_limit(http: httpx.Client) -> None:
    first = http.get("/api/entities", params={"limit": 3}).json()
    assert len(first["entities"]) == 3
    assert (first["page"], first["size"]) == (1, 3)
    everything = http.get("/entities", params={"format": "json"}).json()
    assert first["total"] == everything["total"] > 3
    assert first["pages"] == -(-everything["total"] // 3)
    second = http.get("/api/entities", params={"limit": 3, "page": 2}).json()
    assert first["entities"] + second["entities"] == everything["entities"][:6]
    default = http.get("/api/entities").json()
    assert default["size"] == 500
    assert http.get("/api/entities", params={"limit": 501}).status_code == 422


def test_timeline_shows_the_russian_suspension_with_its_sources(http: httpx.Client) -> None:
    data = http.get("/api/timeline", params={"entity": "taliban", "in": "RU"}).json()
    (row,) = data["timelines"]
    suspension = [e for e in row["events"] if e["action"] == "suspend"]
    assert [e["date"] for e in suspension] == ["2025-04-17"]
    urls = {data["claims"][cid]["source"]["url"] for cid in suspension[0]["claims"]}
    assert (
        "https://www.asiaplustj.info/en/news/world/20250418/russia-removes-afghanistans-taliban-from-terror-list"
        in urls
    )


def test_changes_pages_by_cursor_without_gaps_or_repeats(http: httpx.Client) -> None:
    whole = http.get("/api/changes", params={"in": "RU", "limit": 1000}).json()
    assert whole["next_cursor"] is None
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, str | int] = {"in": "RU", "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = http.get("/api/changes", params=params).json()
        assert len(page["changes"]) <= 3
        seen += [c["id"] for c in page["changes"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [c["id"] for c in whole["changes"]]
    assert len(seen) == len(set(seen)) > 3


def matrix_pages(http: httpx.Client, params: dict[str, str | int]) -> list[list[dict[str, object]]]:
    """Every page of `/api/matrix` with `params`, following `next_cursor` to the end."""
    pages = []
    cursor = None
    while True:
        page = http.get("/api/matrix", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        pages.append(page.json()["rows"])
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return pages


def test_the_matrix_pages_by_cursor_without_gaps_or_repeats(http: httpx.Client) -> None:
    for asked in ({"in": "RU,KZ,US", "at": "2024-06-01"}, {"in": "RU,KZ", "as_of": "2024-06-01"}):
        whole = http.get("/api/matrix", params=asked).json()
        assert whole["next_cursor"] is None
        rows = whole["rows"]
        assert len(rows) > 7
        keys = [(r["entity_id"], r["jurisdiction"], r["list"]) for r in rows]
        assert keys == sorted(keys)
        pages = matrix_pages(http, {**asked, "limit": 7})
        assert [len(page) for page in pages[:-1]] == [7] * (len(pages) - 1)
        assert 1 <= len(pages[-1]) <= 7
        assert [row for page in pages for row in page] == rows


def test_a_matrix_cursor_from_elsewhere_or_altered_is_refused(http: httpx.Client) -> None:
    changes = http.get("/api/changes", params={"in": "RU", "limit": 1}).json()["next_cursor"]
    refused = http.get("/api/matrix", params={"in": "RU", "limit": 2, "cursor": changes})
    assert refused.status_code == 400
    assert "this cursor pages another answer (oldest), not the matrix" in refused.text
    matrix = http.get("/api/matrix", params={"in": "RU", "limit": 2}).json()["next_cursor"]
    assert matrix is not None
    wrong = http.get("/api/changes", params={"in": "RU", "cursor": matrix})
    assert wrong.status_code == 400
    assert "this cursor pages another answer (matrix), not the changes" in wrong.text
    cut = http.get("/api/matrix", params={"in": "RU", "limit": 2, "cursor": matrix[:-3]})
    assert cut.status_code == 400
    assert "pass back a next_cursor unchanged" in cut.text


def test_changes_filter_by_entity_lists_the_russian_taliban_history(http: httpx.Client) -> None:
    changes = http.get("/api/changes", params={"in": "RU", "entity": "taliban"}).json()["changes"]
    assert [(c["date"], c["action"]) for c in changes] == [
        ("2003-02-14", "list"),
        ("2024-05-27", "propose_delist"),
        ("2024-12-28", "propose_delist"),
        ("2025-03-31", "propose_delist"),
        ("2025-04-17", "suspend"),
    ]


def test_a_blank_or_unknown_parameter_is_refused_by_name(http: httpx.Client) -> None:
    """The API's callers are programs: an empty `as_of=` read as not given, or a misspelt `asof`
    ignored, would answer an audit of what was known then as known now. Each is a 400 naming the
    parameter (an empty `since=` was once a 500); the pages, whose forms send blank fields, take them."""
    asked = {"in": "RU", "entity": "taliban"}
    assert len(http.get("/api/changes", params=asked).json()["changes"]) == 5
    for blank in ({"since": ""}, {"until": " "}, {"as_of": ""}):
        answer = http.get(
            "/api/changes" if "as_of" not in blank else "/api/status", params={**asked, **blank}
        )
        [name] = blank
        assert (answer.status_code, answer.json()["detail"]) == (
            400,
            f"parameter {name!r} is empty: give a value or leave it out",
        )
    misspelt = http.get("/api/status", params={**asked, "asof": "2024-01-01"})
    assert misspelt.status_code == 400
    assert misspelt.json()["detail"] == "unknown parameter 'asof': /api/status takes as_of, at, entity, in"
    page = http.get("/changes", params={**asked, "since": "", "until": "", "format": "json"})
    assert page.status_code == 200 and len(page.json()["changes"]) == 5
    # What common clients add and changes nothing: a cache-buster, `format=json` (as the pages take it).
    busted = http.get("/api/changes", params={**asked, "_": "1700000000", "format": "json"})
    assert busted.status_code == 200 and len(busted.json()["changes"]) == 5
    assert http.get("/api/changes", params={**asked, "format": "csv"}).status_code == 400
    # A search answers its best `limit` names: a page 2 would silently be page 1 again.
    paged = http.get("/api/entities", params={"q": "al", "page": "2"})
    assert (paged.status_code, paged.json()["detail"]) == (
        400,
        "parameter 'page' pages the listing without 'q'; a search gives its best 'limit'",
    )
    # The write endpoints too: `?as_of=` on a screening would otherwise be screened as of now.
    posted = http.post("/api/screen", params={"as_of": "2000-01-01"}, json={"names": ["Hamas"]})
    assert (posted.status_code, posted.json()["detail"]) == (
        400,
        "unknown parameter 'as_of': /api/screen takes none",
    )


def test_sources_lists_every_claim_with_its_source(http: httpx.Client) -> None:
    data = http.get("/api/sources", params={"entity": "taliban", "in": "RU"}).json()
    assert data["entity"] == {"id": "taliban", "name": "Taliban"}
    assert data["claims"] and all(c["jurisdiction"] == "RU" and c["source"]["url"] for c in data["claims"])


def test_an_entity_says_which_namesakes_it_is_not(http: httpx.Client) -> None:
    # The dataset ships "The Base" (al-Qaeda's name in English, and a neo-Nazi group's) as distinct.
    base = http.get("/api/entities/the-base").json()
    [judged] = base["distinct"]
    assert (judged["entity"]["id"], judged["other"]["id"]) == ("the-base", "al-qaeda")
    assert judged["decided_by"] == "proscribe dataset"
    assert judged["reason"].startswith('"The Base" is the English meaning of al-Qaeda')
    qaeda = http.get("/api/entities/al-qaeda").json()
    assert [(d["entity"]["id"], d["other"]["id"]) for d in qaeda["distinct"]] == [("al-qaeda", "the-base")]
    lashkar = http.get("/api/entities/lashkar-e-taiba").json()
    assert sorted(d["other"]["id"] for d in lashkar["distinct"]) == ["jamaat-ud-dawa", "trf"]
    page = http.get("/entities/the-base", headers={"Accept": "text/html"}).text
    assert 'Not the same as (identity judgement):\n<a href="/entities/al-qaeda">al-Qaeda</a>:' in page
    assert http.get("/api/entities/taliban").json()["distinct"] == []
