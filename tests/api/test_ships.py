"""Ships over HTTP: screening an IMO number through POST /api/screen, and a ship's entity answer."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from proscribe.ingest.lists import ingest_list

if TYPE_CHECKING:
    from conftest import Live

SEMA = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ca" / "sema_2023.xml"


def test_screening_an_imo_number_finds_the_ship_and_its_entity_names_the_number(fresh: Live) -> None:
    ingest_list(fresh.store, "ca-sema", [SEMA], snapshot_date=date(2023, 6, 1))
    with fresh.client() as http:
        answer = http.post("/api/screen", json={"names": ["IMO 9300104", "IMO 9300105"]})
        entity = http.get("/api/entities/ca-sema-ru-1-part-3-7").json()
    assert answer.status_code == 200, answer.text
    found, none = answer.json()["results"]
    assert [(r["entity_id"], r["matched_name"], r["score"]) for r in found["results"]] == [
        ("ca-sema-ru-1-part-3-7", "IMO 9300104", 1.0)
    ]
    assert none["results"] == []
    assert (entity["kind"], entity["identifiers"]) == (
        "vessel",
        [{"scheme": "ca-sema", "value": "RU-1, Part 3-7"}, {"scheme": "imo", "value": "9300104"}],
    )
