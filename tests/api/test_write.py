"""Write endpoints and tokens: 401 and no change without a live token; screening and extraction."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from click.testing import CliRunner

from proscribe.api.news import ExtractorCache
from proscribe.api.tokens import create_token, revoke_token, token_hash
from proscribe.cli import main
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.news import ingest_news
from proscribe.news.document import Document

if TYPE_CHECKING:
    from conftest import Live

UN_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un" / "un_2020-01-01.xml"


def _upload(client: httpx.Client, headers: dict[str, str]) -> httpx.Response:
    files = {"files": (UN_FIXTURE.name, UN_FIXTURE.read_bytes(), "application/xml")}
    return client.post(
        "/api/ingest/list", data={"source": "un-sc-consolidated"}, files=files, headers=headers
    )


def test_ingest_without_a_live_token_is_refused_and_changes_nothing(fresh: Live) -> None:
    _, revoked = create_token(fresh.store, "old")
    revoke_token(fresh.store, "old")
    before = fresh.store.reader().content_hash()
    with fresh.client() as client:
        for headers in (
            {},
            {"Authorization": "Bearer psk_not-a-real-token"},
            {"Authorization": f"Bearer {revoked}"},
            {"Authorization": f"Basic {revoked}"},
        ):
            response = _upload(client, headers)
            assert response.status_code == 401, headers
            assert response.headers["www-authenticate"] == 'Bearer realm="proscribe"'
            assert response.json()["detail"] == "a valid API token is required: Authorization: Bearer <token>"
    assert fresh.store.reader().content_hash() == before


def test_a_dry_run_upload_reports_the_import_and_stores_nothing(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    before = fresh.store.reader().content_hash()
    files = {"files": (UN_FIXTURE.name, UN_FIXTURE.read_bytes(), "application/xml")}
    with fresh.client() as client:
        response = client.post(
            "/api/ingest/list",
            data={"source": "un-sc-consolidated", "dry_run": "true"},
            files=files,
            headers={"Authorization": f"Bearer {secret}"},
        )
    assert response.status_code == 200, response.text
    report = response.json()["report"]
    # 4 state claims, 3 dated listings, and TAi.902's move from un-1267 to un-1988 in 2011 (2 more).
    assert (report["dry_run"], report["records"], report["new_claims"]) == (True, 4, 9)
    assert fresh.store.reader().content_hash() == before


def test_a_list_snapshot_is_withdrawn_with_a_token_and_a_reason(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    auth = {"Authorization": f"Bearer {secret}"}
    with fresh.client() as client:
        assert _upload(client, auth).status_code == 200
        [held] = fresh.store.reader().snapshots_of("un-sc-consolidated")
        path = f"/api/sources/snapshots/{held['id']}/withdraw"
        assert client.post(path, json={"reason": "wrong file"}).status_code == 401
        assert fresh.store.reader().snapshots_of("un-sc-consolidated") != []
        content = fresh.store.reader().content_hash()
        preview = client.post(path, json={"reason": "wrong file", "dry_run": True}, headers=auth)
        assert preview.status_code == 200, preview.text
        assert preview.json()["report"]["dry_run"] is True
        assert fresh.store.reader().content_hash() == content
        taken_back = [(c["effect"], c["entity"], c["action"]) for c in preview.json()["report"]["changes"]]
        done = client.post(path, json={"reason": "wrong file"}, headers=auth)
        assert done.status_code == 200, done.text
        report = done.json()["report"]
        assert (report["snapshot_id"], report["snapshot_date"], report["claims_set_aside"]) == (
            held["id"],
            "2020-01-01",
            9,
        )
        assert [(c["effect"], c["entity"], c["action"]) for c in report["changes"]] == taken_back
        # The listings the file dated (2001, 2013, 2014), TAi.902's 2001 one on un-1267 with its move
        # to un-1988 when that list opened (2011-06-17); NAe.001's "not a date" gave no event.
        assert taken_back == [
            ("taken back", "un-tai-902", "list"),
            ("taken back", "un-tai-902", "delist"),
            ("taken back", "un-tai-902", "list"),
            ("taken back", "un-qdi-901", "list"),
            ("taken back", "un-qde-900", "list"),
        ]
        again = client.post(path, json={"reason": "wrong file"}, headers=auth)
        assert (again.status_code, again.json()["detail"]) == (
            400,
            f"snapshot {held['id']} is already withdrawn",
        )
        unknown = client.post("/api/sources/snapshots/src-nope/withdraw", json={"reason": "x"}, headers=auth)
        assert unknown.status_code == 404
        page = client.get("/official-sources/un-sc-consolidated").text
        assert "No snapshot of this source is held" in page
        assert '<table id="withdrawn">' in page and "<td>wrong file</td>" in page and "by loader" in page
    assert fresh.store.reader().snapshots_of("un-sc-consolidated") == []
    assert fresh.store.reader().withdrawn_snapshots_of("un-sc-consolidated")[0]["decided_by"] == "loader"


def test_a_news_claim_is_rejected_and_restored_with_a_token(fresh: Live) -> None:
    article = Document(
        "hoax",
        "Britain lifted its ban on Hamas on 2 March 2026, the Home Office said.",
        date(2026, 3, 4),
        "https://news.example.org/hoax",
    )
    ingest_news(fresh.store, [article])
    _, secret = create_token(fresh.store, "reviewer")
    auth = {"Authorization": f"Bearer {secret}"}
    status = "/api/status?entity=hamas&in=GB&at=2026-06-01"
    with fresh.client() as client:
        claims = client.get("/api/sources?entity=hamas").json()["claims"]
        (claim_id,) = [c["id"] for c in claims if c["source"]["url"] == "https://news.example.org/hoax"]
        assert client.get(status).json()["jurisdictions"][0]["lists"][0]["state"] == "not_listed"
        body = {"claim_ids": [claim_id], "reason": "never happened"}
        assert client.post("/api/claims/reject", json=body).status_code == 401
        done = client.post("/api/claims/reject", json=body, headers=auth)
        assert done.status_code == 200, done.text
        report = done.json()["report"]
        assert (report["decided_by"], [c["id"] for c in report["claims"]]) == ("reviewer", [claim_id])
        assert client.get(status).json()["jurisdictions"][0]["lists"][0]["state"] == "listed"
        rejected = client.get("/api/claims/rejected").json()["rejections"]
        assert [(r["claim"]["id"], r["reason"], r["decided_by"]) for r in rejected] == [
            (claim_id, "never happened", "reviewer")
        ]
        # The entity's page says what was set aside, and why, rather than hiding it.
        page = client.get("/entities/hamas").text
        assert '<p class="small muted rejected">' in page
        assert (
            'GB delist 2026-03-02 per <a href="https://news.example.org/hoax" rel="noopener">hoax</a>: '
            "never happened, by reviewer" in page
        )
        again = client.post("/api/claims/reject", json=body, headers=auth)
        assert again.status_code == 400 and "already rejected" in again.json()["detail"]
        unknown = client.post("/api/claims/reject", json={**body, "claim_ids": ["clm-nope"]}, headers=auth)
        assert unknown.status_code == 404
        back = client.post("/api/claims/restore", json={**body, "reason": "it did"}, headers=auth)
        assert back.status_code == 200, back.text
        assert client.get(status).json()["jurisdictions"][0]["lists"][0]["state"] == "not_listed"
        assert client.get("/api/claims/rejected").json()["rejections"] == []
        assert len(client.get("/api/claims/rejected?all=true").json()["rejections"]) == 1
        assert "muted rejected" not in client.get("/entities/hamas").text


def test_ingest_with_a_token_imports_the_snapshot(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    before = fresh.store.reader().content_hash()
    with fresh.client() as client:
        response = _upload(client, {"Authorization": f"Bearer {secret}"})
        assert response.status_code == 200, response.text
        assert response.json()["token"] == "loader"
        assert "proscribe-upload-" not in response.text
        assert client.get("/api/whoami", headers={"Authorization": f"Bearer {secret}"}).json() == {
            "token": "loader"
        }
    assert fresh.store.reader().content_hash() != before


def test_an_upload_named_as_a_folder_or_a_path_is_imported_under_a_plain_name(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    with fresh.client() as client:
        for name in ("..", "../../etc/passwd", "."):
            files = {"files": (name, UN_FIXTURE.read_bytes(), "application/xml")}
            response = client.post(
                "/api/ingest/list",
                data={"source": "un-sc-consolidated"},
                files=files,
                headers={"Authorization": f"Bearer {secret}"},
            )
            assert response.status_code == 200, (name, response.text)
            assert response.json()["report"]["records"] == 4


def test_tokens_are_stored_only_as_hashes_and_the_cli_manages_them(fresh: Live) -> None:
    runner = CliRunner()
    created = runner.invoke(main, ["--db", fresh.db_url, "token", "create", "analyst"])
    assert created.exit_code == 0, created.output
    secret = created.output.split()[0]
    assert secret.startswith("psk_")
    listed = runner.invoke(main, ["--db", fresh.db_url, "token", "list", "--format", "json"])
    assert secret not in listed.output and token_hash(secret) not in listed.output
    assert '"name": "analyst"' in listed.output
    with fresh.client() as client:
        assert client.get("/api/whoami", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
        revoked = runner.invoke(main, ["--db", fresh.db_url, "token", "revoke", "analyst"])
        assert revoked.output == "revoked 1 token(s)\n"
        assert client.get("/api/whoami", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    again = runner.invoke(main, ["--db", fresh.db_url, "token", "revoke", "analyst"])
    assert again.exit_code == 2
    assert "no live token with id or name 'analyst'" in again.output


def test_screening_finds_the_taliban_by_its_russian_name(http: httpx.Client) -> None:
    response = http.post("/api/screen", json={"names": ["Талибан", "Acme Trading LLC"]})
    assert response.status_code == 200
    first, second = response.json()["results"]
    assert first["query"] == "Талибан"
    assert first["results"][0]["entity_id"] == "taliban"
    assert first["results"][0]["matched_name"] == "Талибан"
    assert {
        "jurisdiction": "RU",
        "list": "ru-terrorist",
        "state": "suspended",
        "scope": None,
        "since": "2025-04-17",
        "closed_on": None,
        "note": None,
    } in first["results"][0]["designations"]
    assert second["results"] == []


def test_screening_follows_the_date_and_its_receipt_names_the_day_used(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"names": ["Taliban"], "jurisdictions": ["KG"]}

    def screen_on(day: str) -> dict[str, Any]:
        monkeypatch.setenv("PROSCRIBE_NOW", f"{day}T12:00:00")
        response = http.post("/api/screen", json=body)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()["results"][0]
        return result

    before = screen_on("2024-09-01")
    assert [hit["entity_id"] for hit in before["results"]] == ["taliban"]
    assert before["receipt"]["parameters"]["filters"]["at"] == "2024-09-01"
    # Kyrgyzstan delisted the Taliban on 2024-09-02 (its sources disagree on the day by a little, so the
    # state is not `listed`): a screener built the day before must not answer for the day after.
    after = screen_on("2024-09-03")
    assert after["results"] == []
    assert after["receipt"]["parameters"]["filters"]["at"] == "2024-09-03"
    status = http.get("/api/status", params={"entity": "taliban", "in": "KG"}).json()
    assert status["jurisdictions"][0]["lists"][0]["state"] not in ("listed", "suspended")


def test_screening_refuses_more_than_1000_names(http: httpx.Client) -> None:
    response = http.post("/api/screen", json={"names": ["x"] * 1001})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert (
        response.json()["detail"] == "names: List should have at most 1000 items after validation, not 1001"
    )


def test_extract_returns_claims_with_evidence_and_stores_nothing(live: Live, http: httpx.Client) -> None:
    text = (
        "Moscow, 17 April 2025. The Supreme Court of Russia suspended the ban on the Taliban on Thursday, "
        "the court said."
    )
    before = live.store.reader().content_hash()
    response = http.post("/api/extract", json={"text": text})
    assert response.status_code == 200
    (claim,) = response.json()["claims"]
    assert (claim["entity_id"], claim["jurisdiction"], claim["action"]) == ("taliban", "RU", "suspend")
    assert claim["evidence"] == (
        "The Supreme Court of Russia suspended the ban on the Taliban on Thursday, the court said."
    )
    assert text[claim["span"][0] : claim["span"][1]] == claim["evidence"]
    assert response.json()["warnings"] == []
    assert live.store.reader().content_hash() == before


def test_extract_warns_of_an_act_reported_done_after_publication(http: httpx.Client) -> None:
    text = "On 6 November 2025 the UN Security Council removed the Haqqani Network from its sanctions list."
    late = http.post("/api/extract", json={"text": text, "published_on": "2024-11-07"}).json()
    [warning] = late["warnings"]
    assert warning.endswith(
        "reports a delist of Haqqani Network (UN) on 2025-11-06 as done, after its publication date "
        "2024-11-07: is "
        "the publication date (published_on) right? Answers as_of count the claim from 2024-11-07"
    )
    assert warning.startswith(late["document"]["id"])
    right = http.post("/api/extract", json={"text": text, "published_on": "2025-11-07"}).json()
    assert (len(right["claims"]), right["warnings"]) == (1, [])
    # The text dates the article: a published_on given besides is not used, and the answer says so.
    datelined = http.post(
        "/api/extract", json={"text": f"date 2025-11-07\n{text}", "published_on": "2025-11-17"}
    ).json()
    assert datelined["document"]["published_on"] == "2025-11-07"
    assert datelined["warnings"] == [
        f"{datelined['document']['id']}: published_on 2025-11-17 not used: the article dates itself "
        "2025-11-07 (from its page, text, URL or record)"
    ]


ARTICLE = (
    "Bishkek, 3 March 2025. The Supreme Court of Kyrgyzstan removed the Taliban from the list of banned "
    "organisations, the court's press service said."
)


def test_the_extractor_is_built_once_per_registry_content(fresh: Live) -> None:
    extractors = ExtractorCache()
    first = extractors.get(fresh.store)
    assert extractors.get(fresh.store) is first
    ingest_list(fresh.store, "un-sc-consolidated", [UN_FIXTURE])
    rebuilt = extractors.get(fresh.store)
    assert rebuilt is not first
    assert extractors.get(fresh.store) is rebuilt


def test_news_ingest_needs_a_token_and_then_stores_the_evidence(fresh: Live) -> None:
    before = fresh.store.reader().content_hash()
    with fresh.client() as client:
        refused = client.post("/api/ingest/news", json={"text": ARTICLE, "published_on": "2025-03-03"})
        assert refused.status_code == 401
        assert fresh.store.reader().content_hash() == before
        _, secret = create_token(fresh.store, "newsroom")
        stored = client.post(
            "/api/ingest/news",
            json={"text": ARTICLE, "url": "https://example.org/kg-taliban", "published_on": "2025-03-03"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert stored.status_code == 200, stored.text
        assert stored.json()["report"]["new_claims"] == 1
        sources = client.get("/api/sources", params={"entity": "taliban", "in": "KG"}).json()["claims"]
    (news,) = [c for c in sources if c["source"]["url"] == "https://example.org/kg-taliban"]
    assert news["action"] == "delist"
    assert news["evidence"] == (
        "The Supreme Court of Kyrgyzstan removed the Taliban from the list of banned organisations, "
        "the court's press service said."
    )
    assert news["span"] == [23, 145]
    assert ARTICLE[23:145] == news["evidence"]


def test_extract_refuses_to_fetch_a_loopback_url(live: Live, http: httpx.Client) -> None:
    response = http.post("/api/extract", json={"url": f"{live.url}/news"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "resolves to non-public address 127.0.0.1; refused" in response.json()["detail"]
    malformed = http.post("/api/extract", json={"url": "http://[::1/news"})
    assert malformed.status_code == 400
    assert malformed.json()["detail"] == "http://[::1/news: not a valid URL: Invalid IPv6 URL"
    empty = http.post("/api/extract", json={})
    assert empty.status_code == 400
    assert empty.json()["detail"] == "give the article's text or its URL"


def test_identity_judgements_over_http_need_a_token_and_change_every_answer(fresh: Live) -> None:
    from proscribe.ingest.lists import ingest_list

    lists = UN_FIXTURE.parents[1]
    ingest_list(fresh.store, "un-sc-consolidated", [UN_FIXTURE])
    ingest_list(fresh.store, "uk-hmt-ofsi-consolidated", [lists / "uk-judgements" / "conlist_2020-06-01.csv"])
    _, secret = create_token(fresh.store, "analyst-token")
    body = {
        "judgement": "same",
        "entity_id": "gb-hmt-9101",
        "other_id": "un-qde-900",
        "reason": "one group, two names",
    }
    with fresh.client() as client:
        before = client.get("/api/entities/gb-hmt-9101").json()
        assert before["id"] == "gb-hmt-9101"
        refused = client.post("/api/identity/judgements", json=body)
        assert refused.status_code == 401
        shipped = client.get("/api/identity/judgements").json()["judgements"]
        assert {j["decided_by"] for j in shipped} == {"proscribe dataset"}  # nothing but the dataset's

        done = client.post(
            "/api/identity/judgements", json=body, headers={"Authorization": f"Bearer {secret}"}
        )
        assert done.status_code == 200, done.text
        report = done.json()["report"]
        assert (report["action"], report["claims"]) == ("merge", 4)
        [held] = [j for j in client.get("/api/identity/judgements").json()["judgements"] if j not in shipped]
        assert (held["entity"]["id"], held["other"]["id"], held["decided_by"]) == (
            "gb-hmt-9101",
            "un-qde-900",
            "analyst-token",
        )
        # The cached answer for the merged entity is not served again: it is now the kept entity.
        after = client.get("/api/entities/gb-hmt-9101").json()
        assert after["id"] == "un-qde-900"
        assert [m["entity"]["id"] for m in after["merged"]] == ["gb-hmt-9101"]
        moved = client.get("/entities/gb-hmt-9101")
        assert (moved.status_code, moved.headers["location"]) == (307, "/entities/un-qde-900")
        page = client.get("/entities/un-qde-900")
        assert "Merged into this entity by analysts' judgement" in page.text
        assert "one group, two names" in page.text

        again = client.post(
            "/api/identity/judgements", json=body, headers={"Authorization": f"Bearer {secret}"}
        )
        assert again.status_code == 400
        assert "already merged into un-qde-900" in again.json()["detail"]
        withdrawn = client.post(
            f"/api/identity/judgements/{report['judgement_id']}/withdraw",
            json={"reason": "checked again"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert withdrawn.status_code == 200, withdrawn.text
        assert client.get("/api/entities/gb-hmt-9101").json()["id"] == "gb-hmt-9101"
        suggestions = client.get("/api/identity/suggestions", params={"limit": 2}).json()
        # NARNIA TRADING CO: UN NAe.001 and OFSI's 9103 and 9104 (the bundled namesakes are judged
        # distinct by the dataset).
        assert suggestions["count"] == 3
        assert len(suggestions["suggestions"]) == 2


def test_a_split_over_http_needs_a_token_and_parts_the_record_in_every_answer(fresh: Live) -> None:
    from proscribe.ingest.lists import ingest_list

    lists = UN_FIXTURE.parents[1]
    ingest_list(fresh.store, "un-sc-consolidated", [UN_FIXTURE])
    # OFSI 9201 "OLD EXAMPLE GROUP" shares the UN front QDe.900's former name: linked to it.
    ingest_list(fresh.store, "uk-hmt-ofsi-consolidated", [lists / "uk-split" / "conlist_2020-06-01.csv"])
    _, secret = create_token(fresh.store, "analyst-token")
    body = {"source": "uk-hmt-ofsi-consolidated", "record_key": "9201", "reason": "a shipping firm"}
    with fresh.client() as client:
        before = client.get("/api/entities/un-qde-900").json()
        assert "OEG SHIPPING" in {n["value"] for n in before["names"]}
        assert client.post("/api/identity/splits", json=body).status_code == 401

        done = client.post("/api/identity/splits", json=body, headers={"Authorization": f"Bearer {secret}"})
        assert done.status_code == 200, done.text
        report = done.json()["report"]
        assert (report["from_entity"], report["to_entity"], report["claims"]) == (
            "un-qde-900",
            "gb-hmt-9201",
            4,
        )
        # The cached answer is not served again: the name left with the record.
        after = client.get("/api/entities/un-qde-900").json()
        assert "OEG SHIPPING" not in {n["value"] for n in after["names"]}
        assert client.get("/api/entities/OEG SHIPPING").json()["id"] == "gb-hmt-9201"
        [held] = [
            j
            for j in client.get("/api/identity/judgements").json()["judgements"]
            if j["id"] == report["judgement_id"]
        ]
        assert (held["judgement"], held["decided_by"]) == ("distinct", "analyst-token")

        again = client.post("/api/identity/splits", json=body, headers={"Authorization": f"Bearer {secret}"})
        assert again.status_code == 400
        assert "the entity minted for it" in again.json()["detail"]
        unknown = client.post(
            "/api/identity/splits",
            json={**body, "record_key": "1"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert unknown.status_code == 404


def test_a_snapshot_that_changes_no_record_still_refreshes_cached_answers(
    fresh: Live, tmp_path: Path
) -> None:
    # The UN list re-published a month later, every record the same: no new claim, but each record
    # was seen once more, and the evidence an analyst reads says so.
    later = tmp_path / "un_2020-02-01.xml"
    later.write_text(
        UN_FIXTURE.read_text(encoding="utf-8").replace(
            'dateGenerated="2020-01-01', 'dateGenerated="2020-02-01'
        ),
        encoding="utf-8",
    )
    _, secret = create_token(fresh.store, "loader")
    auth = {"Authorization": f"Bearer {secret}"}
    with fresh.client() as client:
        assert _upload(client, auth).status_code == 200
        first = client.get("/api/sources", params={"entity": "un-qdi-901"})
        [seen] = [c["sightings"] for c in first.json()["claims"] if c.get("sightings")]
        assert (seen["count"], seen["last"]) == (1, "2020-01-01")
        files = {"files": (later.name, later.read_bytes(), "application/xml")}
        report = client.post(
            "/api/ingest/list", data={"source": "un-sc-consolidated"}, files=files, headers=auth
        ).json()["report"]
        assert (report["new_claims"], report["changes"]) == (0, {})
        again = client.get(
            "/api/sources", params={"entity": "un-qdi-901"}, headers={"If-None-Match": first.headers["etag"]}
        )
        assert again.status_code == 200
        [seen] = [c["sightings"] for c in again.json()["claims"] if c.get("sightings")]
        assert (seen["count"], seen["last"]) == (2, "2020-02-01")


def test_official_sources_list_the_snapshots_held(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    with fresh.client() as client:
        assert _upload(client, {"Authorization": f"Bearer {secret}"}).status_code == 200
        rows = {row["source"]: row for row in client.get("/api/official-sources").json()["sources"]}
        assert (rows["un-sc-consolidated"]["snapshots"], rows["un-sc-consolidated"]["last"]) == (
            1,
            "2020-01-01",
        )
        held = client.get("/api/official-sources/un-sc-consolidated").json()
        assert [(s["date"], s["records"], s["claims"], s["sha256"]) for s in held["snapshots"]] == [
            ("2020-01-01", 4, 9, hashlib.sha256(UN_FIXTURE.read_bytes()).hexdigest())
        ]
        # The web page shows the same snapshots, and its JSON twin is the API's answer.
        assert client.get("/official-sources/un-sc-consolidated.json").json() == held
        assert client.get("/official-sources", params={"format": "json"}).json()["sources"] == list(
            rows.values()
        )
        page = client.get("/official-sources/un-sc-consolidated").text
        assert '<tr data-date="2020-01-01">' in page
        assert held["snapshots"][0]["sha256"] in page and "imported from a file" in page
        # A closed list says so, and which list took over, in the API and on its pages.
        assert (
            rows["uk-hmt-ofsi-consolidated"]["closed_on"],
            rows["uk-hmt-ofsi-consolidated"]["succeeded_by"],
        ) == (
            "2026-01-28",
            "gb-uksl",
        )
        assert (rows["uk-sanctions-list"]["closed_on"], rows["un-sc-consolidated"]["closed_on"]) == (
            None,
            None,
        )
        # The pages are keyed by source: the successor is named by the source whose records go on it.
        successor = '<a href="/official-sources/uk-sanctions-list">UK Sanctions List</a> (uk-sanctions-list)'
        assert f"Closed on 2026-01-28; succeeded by {successor}" in client.get("/official-sources").text
        ofsi = client.get("/official-sources/uk-hmt-ofsi-consolidated").text
        assert f"Its publisher closed this list on 2026-01-28; it was succeeded by {successor}." in ofsi
        assert "closed this list" not in page
        assert client.get("/official-sources/narnia-list").status_code == 404
        unknown = client.get("/api/official-sources/narnia-list")
        assert unknown.status_code == 404
        assert unknown.headers["content-type"] == "application/problem+json"
        assert unknown.json()["detail"].startswith("unknown source 'narnia-list'; known: ca-sema,")


def test_an_upload_marked_partial_is_held_as_partial_and_delists_nothing(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    auth = {"Authorization": f"Bearer {secret}"}
    later = UN_FIXTURE.with_name("un_2020-02-01.xml")
    with fresh.client() as client:
        assert _upload(client, auth).status_code == 200
        files = {"files": (later.name, later.read_bytes(), "application/xml")}
        form = {"source": "un-sc-consolidated", "partial": "true"}
        report = client.post("/api/ingest/list", data=form, files=files, headers=auth).json()["report"]
        # Read whole, February delists QDi.901 and amends QDe.900 (see the CLI test); as a part of
        # the list it is compared with nothing.
        assert report["changes"] == {}
        held = client.get("/api/official-sources/un-sc-consolidated").json()["snapshots"]
        assert [(s["date"], s["covers"], s["partial"]) for s in held] == [
            ("2020-01-01", "the whole list", False),
            ("2020-02-01", "part of the list (marked partial at import)", True),
        ]
        page = client.get("/official-sources/un-sc-consolidated").text
        assert "partial: a record it leaves out is not read as delisted" in page
        # Absence in a part proves nothing, so it offers no window of changes.
        assert "changes since the snapshot before" not in page


def test_each_snapshot_links_to_the_changes_since_the_one_before(fresh: Live) -> None:
    _, secret = create_token(fresh.store, "loader")
    auth = {"Authorization": f"Bearer {secret}"}
    later = UN_FIXTURE.with_name("un_2020-02-01.xml")
    with fresh.client() as client:
        assert _upload(client, auth).status_code == 200
        files = {"files": (later.name, later.read_bytes(), "application/xml")}
        assert client.post(
            "/api/ingest/list", data={"source": "un-sc-consolidated"}, files=files, headers=auth
        )
        page = client.get("/official-sources/un-sc-consolidated").text
        link = "/changes?in=UN&amp;since=2020-01-02&amp;until=2020-02-01&amp;order=oldest"
        # The first snapshot has none before it; the second links to the window between them.
        assert page.count("changes since the snapshot before") == 1
        assert f'<a class="small" href="{link}">changes since the snapshot before</a>' in page
        window = client.get(link.replace("&amp;", "&") + "&format=json").json()
        assert [(c["date"], c["entity_id"], c["action"]) for c in window["changes"]] == [
            ("2020-01-20", "un-qdi-903", "list"),
            ("2020-01-02/2020-02-01", "un-qdi-901", "delist"),
            ("2020-01-02/2020-02-01", "un-qde-900", "amend"),
        ]


def test_upload_errors_name_the_uploaded_file_and_the_api_fields(fresh: Live, tmp_path: Path) -> None:
    _, secret = create_token(fresh.store, "loader")
    auth = {"Authorization": f"Bearer {secret}"}
    with fresh.client() as client:
        empty = client.post(
            "/api/ingest/list",
            data={"source": "un-sc-consolidated"},
            files={"files": ("consolidated.xml", b"", "application/xml")},
            headers=auth,
        )
        assert empty.status_code == 422, empty.text
        detail = empty.json()["detail"]
        assert detail.startswith("consolidated.xml: "), detail
        assert "proscribe-upload-" not in detail and "/tmp" not in detail
        bad_day = client.post(
            "/api/ingest/list",
            data={"source": "un-sc-consolidated", "snapshot_date": "2020-02-30"},
            files={"files": (UN_FIXTURE.name, UN_FIXTURE.read_bytes(), "application/xml")},
            headers=auth,
        )
        assert bad_day.status_code == 400
        assert bad_day.json()["detail"].startswith("parameter 'snapshot_date': malformed date '2020-02-30'")
        both = client.post(
            "/api/ingest/list",
            data={"source": "un-sc-consolidated", "partial": "true", "whole": "true"},
            files={"files": (UN_FIXTURE.name, UN_FIXTURE.read_bytes(), "application/xml")},
            headers=auth,
        )
        assert both.status_code == 400
        assert both.json()["detail"] == (
            "a snapshot is either part of the list (partial=true) or the whole list (whole=true)"
        )
        bad_published = client.post("/api/extract", json={"text": "x", "published_on": "2025-13-01"})
        assert bad_published.status_code == 400
        assert bad_published.json()["detail"].startswith("parameter 'published_on': malformed date")


def test_a_refused_url_does_not_name_a_cli_option(http: httpx.Client, live: Live) -> None:
    detail = http.post("/api/extract", json={"url": f"{live.url}/news"}).json()["detail"]
    assert "--" not in detail
    assert detail.endswith("refused: the server fetches only from public addresses")


def test_screening_on_other_days_answers_each_day_over_one_name_index(http: httpx.Client) -> None:
    """Filters choose designations only: a new day reuses the index, never another day's designations."""

    def russia(at: str) -> list[tuple[str, str | None]]:
        response = http.post("/api/screen", json={"names": ["Талибан"], "at": at, "jurisdictions": ["RU"]})
        assert response.status_code == 200, response.text
        [hit] = [r for r in response.json()["results"][0]["results"] if r["entity_id"] == "taliban"]
        return [(d["state"], d["since"]) for d in hit["designations"]]

    assert russia("2024-06-01") == [("listed", "2003-02-14")]
    assert russia("2025-06-01") == [("suspended", "2025-04-17")]
    assert russia("2024-06-01") == [("listed", "2003-02-14")]


def test_a_reviewed_suggestion_file_over_http_needs_a_token_and_is_all_or_nothing(fresh: Live) -> None:
    people = UN_FIXTURE.parents[1] / "people"
    ingest_list(fresh.store, "un-sc-consolidated", [people / "un_2021-05-01.xml"])
    ingest_list(fresh.store, "uk-hmt-ofsi-consolidated", [people / "conlist_2021-06-01.csv"])
    _, secret = create_token(fresh.store, "reviewer")
    good = b"entity,into,decision\nun-qdi-961,gb-hmt-9301,merge\nun-qdi-964,gb-hmt-9304,distinct\n"
    bad = good + b"un-qdi-962,gb-hmt-9302,perhaps\n"
    form = {"reason": "same name and date of birth"}
    auth = {"Authorization": f"Bearer {secret}"}
    with fresh.client() as client:
        refused = client.post("/api/identity/reviews", data=form, files={"file": ("r.csv", good, "text/csv")})
        assert refused.status_code == 401
        before = fresh.store.reader().content_hash()
        wrong = client.post(
            "/api/identity/reviews", data=form, files={"file": ("r.csv", bad, "text/csv")}, headers=auth
        )
        assert wrong.status_code == 422
        assert wrong.json()["detail"].startswith("r.csv: line 4: decision 'perhaps' is not one of")
        assert fresh.store.reader().content_hash() == before
        done = client.post(
            "/api/identity/reviews", data=form, files={"file": ("r.csv", good, "text/csv")}, headers=auth
        )
        assert done.status_code == 200, done.text
        report = done.json()["report"]
        assert (report["merged"], report["distinct"], report["already"]) == (1, 1, 0)
        assert client.get("/api/entities/un-qdi-961").json()["id"] == "gb-hmt-9301"
        held = [
            j
            for j in client.get("/api/identity/judgements").json()["judgements"]
            if j["decided_by"] == "reviewer"
        ]
        assert sorted((j["judgement"], j["entity"]["id"]) for j in held) == [
            ("distinct", "gb-hmt-9304"),
            ("same", "un-qdi-961"),
        ]
        again = client.post(
            "/api/identity/reviews", data=form, files={"file": ("r.csv", good, "text/csv")}, headers=auth
        )
        assert (again.json()["report"]["already"], again.json()["report"]["merged"]) == (2, 0)
