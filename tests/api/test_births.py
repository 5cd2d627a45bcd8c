"""Dates of birth over HTTP: an entity's listed dates, and screening names given with one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from proscribe.ingest.lists import ingest_list

if TYPE_CHECKING:
    from conftest import Live

BIRTHS = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un-births"


@pytest.fixture()
def births(fresh: Live) -> Live:
    """A server over a registry holding a UN snapshot whose people state dates of birth."""
    ingest_list(fresh.store, "un-sc-consolidated", [BIRTHS / "un_2021-03-01.xml"])
    return fresh


def test_an_entity_answers_with_its_listed_dates_of_birth(births: Live) -> None:
    with births.client() as http:
        entity = http.get("/api/entities/un-qdi-951").json()
    assert entity["birth_dates"] == [
        {"value": "1971-03-14", "label": "1971-03-14", "source": "un-sc-consolidated", "record": "QDi.951"},
        {"value": "1972", "label": "1972", "source": "un-sc-consolidated", "record": "QDi.951"},
    ]


def test_screening_weighs_one_date_of_birth_per_name(births: Live) -> None:
    body = {
        "names": ["Abu Example al-Testi", "Abu Example al-Testi", "Abu Example al-Testi"],
        "birth_dates": ["1971", "1990-05", None],
        "threshold": 0.6,
    }
    with births.client() as http:
        answer = http.post("/api/screen", json=body)
    assert answer.status_code == 200, answer.text
    first, second, third = (entry["results"][0] for entry in answer.json()["results"])
    assert (first["score"], second["score"], third["score"]) == (1.0, 0.7, 1.0)
    assert first["detail"].endswith("agrees with listed 1971-03-14 (un-sc-consolidated QDi.951)")
    assert second["detail"].endswith("differs from every listed one (1971-03-14, 1972): score lowered by 0.3")
    assert "date of birth" not in third["detail"]
    assert [b["value"] for b in third["birth_dates"]] == ["1971-03-14", "1972"]
    receipts = [entry["receipt"]["parameters"].get("birth_date") for entry in answer.json()["results"]]
    assert receipts == ["1971", "1990-05", None]


def test_a_date_list_of_another_length_is_refused_an_ambiguous_date_is_a_warning(births: Live) -> None:
    """A list that does not pair dates with names is a malformed request; one date that cannot be
    read is that name's problem: it is screened by name alone, and its entry says why."""
    with births.client() as http:
        short = http.post("/api/screen", json={"names": ["Abu", "Hamas"], "birth_dates": ["1971"]})
        ambiguous = http.post("/api/screen", json={"names": ["Abu"], "birth_dates": ["03/04/1970"]})
    assert short.status_code == 400
    assert short.json()["detail"] == "birth_dates must give one value (or null) per name: 1 for 2 names"
    assert ambiguous.status_code == 200
    [entry] = ambiguous.json()["results"]
    [warning] = entry["warnings"]
    assert (warning["position"], warning["value"]) == (0, "03/04/1970")
    assert warning["message"].startswith(
        "date of birth '03/04/1970' not read: give it as YYYY-MM-DD, YYYY-MM or YYYY"
    )
