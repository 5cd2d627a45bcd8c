"""`POST /api/screen` says which hits may be one entity (suggested pairs no analyst has decided).

Over the UN and OFSI fixtures of `pairs` (tests/fixtures/lists/people): the UN's KARIM EXAMPLE
AL-MUSTERI (un-qdi-961) and OFSI's entry 9301 share a name and a date of birth, and each list holds
its own entry, designated on 2022-01-01.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from proscribe.api.tokens import create_token

if TYPE_CHECKING:
    import httpx

    from conftest import Live

KARIM = "Karim Example al-Musteri"
KARIM_WHY = "same name 'KARIM EXAMPLE AL-MUSTERI'; same date of birth 1971-03-14"


def _other(entity_id: str, name: str, in_results: bool) -> dict[str, Any]:
    return {"entity_id": entity_id, "name": name, "in_results": in_results, "why": KARIM_WHY, "cautions": []}


def _screen(http: httpx.Client, **body: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    answer = http.post("/api/screen", json={"names": [KARIM], "at": "2022-01-01", **body})
    assert answer.status_code == 200, answer.text
    (found,) = answer.json()["results"]
    assert found["receipt"]["results"] == found["results"]
    return [(r["entity_id"], r["may_be_same_as"]) for r in found["results"]]


def test_each_hit_names_the_entities_it_may_be_until_an_analyst_decides(pairs: Live) -> None:
    _, secret = create_token(pairs.store, "analyst")
    with pairs.client() as http:
        # Both entries are hits: each names the other, among the results.
        assert _screen(http) == [
            ("gb-hmt-9301", [_other("un-qdi-961", "KARIM EXAMPLE AL-MUSTERI", True)]),
            ("un-qdi-961", [_other("gb-hmt-9301", "Karim Example AL-MUSTERI", True)]),
        ]
        # Only the OFSI entry is designated in GB: it still names the UN's, not among the results.
        assert _screen(http, jurisdictions=["GB"]) == [
            ("gb-hmt-9301", [_other("un-qdi-961", "KARIM EXAMPLE AL-MUSTERI", False)])
        ]
        body = {
            "judgement": "same",
            "entity_id": "un-qdi-961",
            "other_id": "gb-hmt-9301",
            "reason": "same name and date of birth on both lists",
        }
        judged = http.post(
            "/api/identity/judgements", headers={"Authorization": f"Bearer {secret}"}, json=body
        )
        assert judged.status_code == 200, judged.text
        # One entity now: one hit, nothing left to say.
        assert _screen(http) == [("gb-hmt-9301", [])]


def test_a_hit_from_a_closed_list_says_the_list_is_closed(pairs: Live) -> None:
    """OFSI closed its consolidated list (gb-hmt) on 2026-01-28: screened for a later day, OFSI's entry
    is still a hit (its last recorded state is listed) but its designation carries the closing day, so
    no one reads it as a listing in force; screened for a day before, it carries none."""
    with pairs.client() as http:
        for day, closed in (("2026-02-01", "2026-01-28"), ("2026-01-27", None)):
            answer = http.post("/api/screen", json={"names": [KARIM], "at": day})
            assert answer.status_code == 200, answer.text
            (found,) = answer.json()["results"]
            designations = {r["entity_id"]: r["designations"] for r in found["results"]}
            # The regime's list (gb-sanctions-ct) is not closed: only the consolidated list's entry is.
            assert designations["gb-hmt-9301"] == [
                {
                    "jurisdiction": "GB",
                    "list": list_id,
                    "state": "listed",
                    "scope": None,
                    "since": "2020-06-02/2021-06-01",
                    "closed_on": closed if list_id == "gb-hmt" else None,
                    "note": None,
                }
                for list_id in ("gb-hmt", "gb-sanctions-ct")
            ]
            assert [d["closed_on"] for d in designations["un-qdi-961"]] == [None]
