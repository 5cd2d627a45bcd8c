"""HTTP behaviour: ETag and 304, problem+json errors, the OpenAPI document, pages and their JSON twins."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

import httpx
from openapi_spec_validator import validate
from sqlalchemy import text

from proscribe.ingest.core import ingest_batch
from proscribe.model import Claim, ClaimBatch, Entity, Name, PartialDate, Source, source_id

if TYPE_CHECKING:
    from conftest import Live


def test_reads_carry_an_etag_and_revalidate_with_304(http: httpx.Client) -> None:
    first = http.get("/api/timeline", params={"entity": "taliban"})
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, no-cache"
    again = http.get("/api/timeline", params={"entity": "taliban"}, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    other = http.get("/api/timeline", params={"entity": "hts"})
    assert other.headers["etag"] != tag


def test_errors_are_problem_documents_that_say_what_was_wrong(http: httpx.Client) -> None:
    unknown = http.get("/api/status", params={"entity": "no-such-group"})
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    assert unknown.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "unknown entity 'no-such-group'",
    }
    bad_date = http.get("/api/status", params={"entity": "taliban", "at": "2025-02-30"})
    assert bad_date.status_code == 400
    assert bad_date.json()["detail"].startswith("parameter 'at': malformed date '2025-02-30'")
    bad_code = http.get("/api/status", params={"entity": "taliban", "in": "Russia"})
    assert bad_code.json()["detail"] == "parameter 'in': 'Russia' is not a jurisdiction code (e.g. RU, UN)"
    missing = http.get("/api/status")
    assert missing.status_code == 422
    assert missing.json()["detail"] == "entity: Field required"
    nowhere = http.get("/api/nothing-here")
    assert nowhere.status_code == 404
    assert nowhere.headers["content-type"] == "application/problem+json"


def test_a_browser_gets_an_html_error_page(http: httpx.Client) -> None:
    page = http.get("/entities/no-such-group", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "unknown entity &#39;no-such-group&#39;" in page.text


def test_the_openapi_document_validates_and_lists_every_endpoint(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    validate(spec)
    assert {
        "/api/entities",
        "/api/entities/{name}",
        "/api/status",
        "/api/timeline",
        "/api/matrix",
        "/api/changes",
        "/api/sources",
        "/api/screen",
        "/api/extract",
        "/api/ingest/list",
        "/api/identity/judgements",
        "/api/identity/suggestions",
        "/api/claims/rejected",
        "/feeds/changes.atom",
        "/feeds/changes.json",
    } <= set(spec["paths"])
    secured = {path for path, ops in spec["paths"].items() for op in ops.values() if op.get("security")}
    assert secured == {
        "/api/ingest/news",
        "/api/ingest/list",
        "/api/whoami",
        "/api/identity/judgements",
        "/api/identity/judgements/{judgement_id}/withdraw",
        "/api/identity/reviews",
        "/api/identity/splits",
        "/api/sources/snapshots/{snapshot_id}/withdraw",
        "/api/claims/reject",
        "/api/claims/restore",
    }
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    docs = http.get("/docs")
    assert docs.status_code == 200
    assert "GET /api/status" in docs.text
    assert "cdn" not in docs.text.lower()


def test_pages_render_and_have_json_twins(http: httpx.Client) -> None:
    pages = ("/", "/changes", "/screen", "/news", "/identity", "/jurisdictions/RU", "/entities/taliban")
    for path in (*pages, "/official-sources", "/official-sources/un-sc-consolidated"):
        page = http.get(path)
        assert page.status_code == 200, path
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert 'rel="alternate" type="application/json"' in page.text, path
    twin = http.get("/entities/taliban.json").json()
    assert twin["entity"]["id"] == "taliban"
    assert twin["status"] == http.get("/api/status", params={"entity": "taliban", "at": twin["at"]}).json()
    assert twin["timeline"] == http.get("/api/timeline", params={"entity": "taliban"}).json()
    assert http.get("/entities/taliban", params={"format": "json"}).json() == twin
    overview = http.get("/jurisdictions/RU.json", params={"at": "2025-06-01"}).json()
    assert overview == http.get("/api/jurisdictions/RU", params={"at": "2025-06-01"}).json()


def test_index_json_is_the_home_pages_json_twin(http: httpx.Client) -> None:
    twin = http.get("/index.json", params={"q": "Taliban"})
    assert twin.status_code == 200
    assert twin.headers["content-type"] == "application/json"
    assert twin.json() == http.get("/", params={"q": "Taliban", "format": "json"}).json()
    assert twin.json()["results"][0]["entity_id"] == "taliban"


def test_an_alias_in_any_script_redirects_to_the_canonical_page(http: httpx.Client) -> None:
    response = http.get("/entities/Талибан", params={"at": "2024-06-01"})
    assert response.status_code == 307
    assert response.headers["location"] == "/entities/taliban?at=2024-06-01"


def test_a_name_with_a_slash_can_be_looked_up_by_url(http: httpx.Client) -> None:
    name = quote("Azov (Azov Regiment / Battalion)", safe="")
    detail = http.get(f"/api/entities/{name}")
    assert detail.status_code == 200, detail.text
    assert detail.json()["id"] == "azov"
    page = http.get(f"/entities/{name}", params={"at": "2024-06-01"})
    assert page.status_code == 307
    assert page.headers["location"] == "/entities/azov?at=2024-06-01"
    assert http.get(f"/entities/{name}.json").headers["location"] == "/entities/azov.json"
    missing = http.get("/api/entities/no%2Fsuch")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "unknown entity 'no/such'"


def test_search_on_the_home_page_finds_names_in_any_script(http: httpx.Client) -> None:
    data = http.get("/", params={"q": "طالبان", "format": "json"}).json()
    assert [r["entity_id"] for r in data["results"]] == ["taliban"]
    assert len(data["latest_changes"]) == 20
    dates = [c["date"] for c in data["latest_changes"]]
    assert dates[0] >= dates[-1]


def test_a_misspelt_search_says_nothing_matched_before_offering_close_names(http: httpx.Client) -> None:
    page = http.get("/", params={"q": "Hezbolah"}).text
    assert "No name contains “Hezbolah”. Names close in spelling:" in page
    assert '<a href="/entities/hezbollah">Hezbollah</a>' in page
    exact = http.get("/", params={"q": "Hezbollah"}).text
    assert "Names close in spelling" not in exact and '<a href="/entities/hezbollah">' in exact


def test_every_asset_is_served_by_the_app(http: httpx.Client) -> None:
    for path in ("/", "/entities/taliban", "/screen", "/news", "/docs"):
        page = http.get(path).text
        assets = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page)
        assert assets, path
        assert all(a.startswith(("/", "data:")) for a in assets), (path, assets)
    for asset in ("app.css", "common.js", "dates.js", "entity.js", "screen.js", "news.js"):
        response = http.get(f"/static/{asset}")
        assert response.status_code == 200, asset
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    world = http.get("/assets/world.svg")
    assert world.headers["content-type"] == "image/svg+xml"
    assert 'data-code="RU"' in world.text and 'data-code="KZ"' in world.text


def test_the_changes_page_is_the_api_answer_with_the_same_filters(http: httpx.Client) -> None:
    params = {"in": "RU", "entity": "taliban", "since": "2024-01-01", "order": "oldest"}
    twin = http.get("/changes", params={**params, "format": "json"}).json()
    assert twin == http.get("/api/changes", params=params).json()
    # The page reads newest first unless asked otherwise; the API, oldest first.
    newest = http.get("/changes", params={**params, "order": "", "format": "json"})
    assert newest.status_code == 422
    default = {k: v for k, v in params.items() if k != "order"}
    assert (
        http.get("/changes", params={**default, "format": "json"}).json()["changes"] == twin["changes"][::-1]
    )
    assert [c["action"] for c in twin["changes"]] == [
        "propose_delist",
        "propose_delist",
        "propose_delist",
        "suspend",
    ]
    page = http.get("/changes", params=params).text
    assert page.count('<span class="badge action-propose_delist">') == 3
    # Each change shows what its evidence notes about it (here the curated claims' remarks).
    assert [c["notes"] for c in twin["changes"]][:2] == [
        ["Ministries reported to Putin that the Taliban could be removed."],
        ["Law enabling courts to suspend a terrorist ban (mechanism aimed at the Taliban)."],
    ]
    assert (
        '<div class="small muted">Ministries reported to Putin that the Taliban could be removed.</div>'
        in page
    )
    # Each proposal says who decides it, where its sources say: two of the three do.
    assert [[d["authority"] for d in c["deciders"]] for c in twin["changes"]] == [
        ["President of Russia"],
        [],
        ["Supreme Court of the Russian Federation"],
        [],
    ]
    decided = re.findall(r'<div class="small decided-by">([^<]*)</div>', page)
    assert decided == [
        "decided by President of Russia",
        "decided by Supreme Court of the Russian Federation",
    ]
    # The list is named, with its id (the filter's value) beside the name.
    lists = re.findall(r'<td data-label="List">([^<]*)<span class="small muted nowrap">([^<]*)</span>', page)
    assert set(lists) == {("Unified federal list of organisations recognised as terrorist ", "ru-terrorist")}
    assert '<option value="ru-terrorist">ru-terrorist: Unified federal list of organisations' in page


def test_an_unexpected_failure_is_a_problem_document_that_leaks_nothing(breakable: Live) -> None:
    with breakable.store.begin() as conn:
        conn.execute(text("DROP TABLE timelines"))
    with breakable.client() as client:
        response = client.get("/api/status", params={"entity": "taliban"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "the server failed to answer; the error has been logged"
    assert "timelines" not in response.text


def test_head_answers_every_read_with_the_get_headers_and_no_body(http: httpx.Client) -> None:
    for path in (
        "/api/status?entity=taliban",
        "/api/entities/taliban",
        "/feeds/changes.atom",
        "/",
        "/entities/taliban",
        "/index.json",
        "/assets/world.svg",
        "/static/app.css",
        "/openapi.json",
        "/docs",
    ):
        get = http.get(path)
        head = http.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
        assert head.headers.get("etag") == get.headers.get("etag"), path
        assert head.headers["content-length"] == get.headers["content-length"], path
    assert http.head("/api/status", params={"entity": "no-such-group"}).status_code == 404


def test_a_method_not_allowed_says_which_are(http: httpx.Client) -> None:
    post = http.post("/api/status", params={"entity": "taliban"})
    assert post.status_code == 405
    assert post.headers["content-type"] == "application/problem+json"
    assert post.headers["allow"] == "GET, HEAD"
    get = http.get("/api/screen")
    assert get.status_code == 405
    assert get.headers["allow"] == "POST"
    # One path, two routers (reads and writes): both methods are named.
    delete = http.delete("/api/identity/judgements")
    assert delete.status_code == 405
    assert delete.headers["allow"] == "GET, HEAD, POST"


def test_if_none_match_compares_weakly_and_accepts_a_star(http: httpx.Client) -> None:
    first = http.get("/api/timeline", params={"entity": "taliban"})
    tag = first.headers["etag"]
    for header in (f"W/{tag}", f'"other", W/{tag}', "*", f'{tag},"other"'):
        again = http.get("/api/timeline", params={"entity": "taliban"}, headers={"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.headers["etag"] == tag
    stale = http.get("/api/timeline", params={"entity": "taliban"}, headers={"If-None-Match": 'W/"other"'})
    assert stale.status_code == 200


def test_large_answers_are_gzipped_for_clients_that_accept_it(http: httpx.Client) -> None:
    plain = http.get("/api/matrix", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    zipped = http.get("/api/matrix", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert zipped.json() == plain.json()
    assert int(zipped.headers["content-length"]) < len(plain.content) / 5
    # A small answer is sent as it is; the map, already gzipped by its route, is not gzipped twice.
    small = http.get("/api/entities/taliban", headers={"Accept-Encoding": "gzip"})
    assert len(small.content) < 1024 and "content-encoding" not in small.headers
    world = http.get("/assets/world.svg", headers={"Accept-Encoding": "gzip"})
    assert world.headers["content-encoding"] == "gzip" and 'data-code="RU"' in world.text


def test_api_errors_name_the_api_parameters(http: httpx.Client) -> None:
    window = http.get("/api/changes", params={"since": "2025-06-01", "until": "2025-01-01"})
    assert window.status_code == 400
    assert window.json()["detail"] == "parameter 'until': 2025-01-01 is before parameter 'since' 2025-06-01"
    for path in ("/changes", "/feeds/changes.json"):
        response = http.get(path, params={"since": "2025-06-01", "until": "2025-01-01", "format": "json"})
        assert response.status_code == 400, path
        assert response.json()["detail"].startswith("parameter 'until': 2025-01-01"), path
    # An `until` alone, before the default first day, is a window with nothing in it: never an error
    # blaming a `since` the caller did not give.
    early = http.get("/api/changes", params={"until": "1800-01-01"})
    assert (early.status_code, early.json()["changes"]) == (200, [])
    reported = http.get(
        "/api/changes", params={"reported_since": "2025-06-01", "reported_until": "2025-01-01"}
    )
    assert reported.json()["detail"] == (
        "parameter 'reported_until': 2025-01-01 is before parameter 'reported_since' 2025-06-01"
    )
    for path in ("/api/status", "/api/timeline", "/api/sources"):
        empty = http.get(path, params={"entity": " "})
        assert empty.status_code == 400, path
        assert empty.json()["detail"] == "parameter 'entity': give an entity id or name", path


def test_an_ambiguous_name_page_lists_each_candidate_by_name(fresh: Live) -> None:
    source = Source(id=source_id("news", "https://example.org/a"), kind="news", uri="https://example.org/a")
    front = Entity(id="org-x", name="Example Front", names=(Name("Фронт Примера"),))
    other = Entity(id="org-y", name="Other Front", names=(Name("Фронт Примера"),))
    claim = Claim(
        kind="event",
        entity_id="org-x",
        jurisdiction="RU",
        list_id="ru-terrorist",
        date=PartialDate.parse("2020-05-01"),
        source_id=source.id,
        record_key="a#1",
        action="list",
        tier=3,
    )
    ingest_batch(fresh.store, ClaimBatch((source,), (front, other), (claim,)))
    with fresh.client() as client:
        page = client.get("/entities/Фронт Примера", headers={"Accept": "text/html"})
        assert page.status_code == 400
        assert '<a href="/entities/org-x">Example Front</a>' in page.text
        assert '<a href="/entities/org-y">Other Front</a>' in page.text
        problem = client.get("/api/status", params={"entity": "Фронт Примера"}).json()
        assert problem["candidates"] == ["org-x", "org-y"]


def test_the_entity_page_states_un_and_eu_without_javascript(http: httpx.Client) -> None:
    """The server's HTML agrees with its own table (the script only repaints on the slider)."""
    page = http.get("/entities/taliban", params={"at": "2024-06-01"}).text
    for code, state in (("UN", "listed"), ("EU", "no_data")):
        chip = f'<span class="chip state-{state}" data-code="{code}">'
        assert f'{chip}{code}: <span class="st">{state.replace("_", " ")}</span></span>' in page


def test_changes_by_the_day_first_reported_on_the_api_and_the_page(http: httpx.Client) -> None:
    """What the registry learned in April 2025, whatever day each change took effect."""
    april = {"reported_since": "2025-04-01", "reported_until": "2025-04-30"}
    api = http.get("/api/changes", params=april).json()
    assert (api["reported_since"], api["reported_until"]) == ("2025-04-01", "2025-04-30")
    assert [(c["date"], c["entity_id"], c["action"], c["first_reported"]) for c in api["changes"]] == [
        ("2025-04-17", "taliban", "suspend", "2025-04-17"),
        ("2025-04-23", "muslim-brotherhood", "list", "2025-04-23"),
    ]
    # The page asks the same (newest first), keeps the window in its form and its next-page link,
    # and leaves it out of the feed links (feeds take the window of effect only).
    twin = http.get("/changes", params={**april, "format": "json"}).json()
    assert [c["id"] for c in twin["changes"]] == [c["id"] for c in api["changes"]][::-1]
    page = http.get("/changes", params=april).text
    assert 'id="reported_since" name="reported_since" type="date" value="2025-04-01"' in page
    assert 'href="/feeds/changes.atom?"' in page
    # The Russian ministries' proposal of 2024-05-27 is first reported by a source of 2024-06-03.
    russia = http.get("/changes", params={"in": "RU", "entity": "taliban"}).text
    assert "first reported 2024-06-03" in russia
    # Ordered by report, the page offers the same order to its feed links; paging keeps the order.
    learned = http.get("/changes", params={"in": "GB", "order": "reported"}).text
    assert '<option value="reported" selected>latest reported first</option>' in learned
    assert 'href="/feeds/changes.atom?in=GB&amp;order=reported"' in learned
    assert "Latest first reported first, 100 a page" in learned
    # The UK's listing of HTS dated only 2017 was first reported on 2025-10-22, after its delisting.
    gb = http.get("/changes", params={"in": "GB", "order": "reported", "format": "json"}).json()
    assert [(c["entity_id"], c["date"], c["first_reported"]) for c in gb["changes"][:3]] == [
        ("palestine-action", "2026-02-13", "2026-02-13"),
        ("hts", "2017", "2025-10-22"),
        ("hts", "2025-10-21", "2025-10-21"),
    ]
    bad = http.get("/api/changes", params={"reported_since": "2025-04-01", "reported_until": "2025-03-01"})
    assert bad.status_code == 400
    assert bad.json()["detail"] == (
        "parameter 'reported_until': 2025-03-01 is before parameter 'reported_since' 2025-04-01"
    )
