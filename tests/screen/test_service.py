"""The screening service: designation filter, results with designations, receipts that verify."""

from __future__ import annotations

from typing import Any

import pytest

from proscribe.errors import InputError
from proscribe.model import Entity, Name
from proscribe.screen.service import Filters, Screener, designation_label, entities_hash, make_receipt, verify
from proscribe.store import Store

ENTITIES = [
    Entity("taliban", "Taliban", names=(Name("Талибан"), Name("طالبان"))),
    Entity("ttp", "Tehrik-e-Taliban Pakistan", names=(Name("Pakistan Taliban"),)),
    Entity("hamas", "Hamas", names=(Name("حماس"),)),
]
DESIGNATIONS: dict[str, list[dict[str, Any]]] = {
    "taliban": [{"jurisdiction": "UN", "list": "un-1988", "state": "listed", "since": "2001-01-19"}],
    "ttp": [{"jurisdiction": "US", "list": "us-fto", "state": "listed", "since": "2010-09-01"}],
}


@pytest.fixture
def screener() -> Screener:
    return Screener.build(ENTITIES, filters=Filters(at="2024-01-01"), designations=DESIGNATIONS)


def test_results_carry_designations(screener: Screener) -> None:
    out = screener.screen("Талибан")
    assert out["query"] == "Талибан"
    assert out["results"] == [
        {
            "entity_id": "taliban",
            "name": "Taliban",
            "matched_name": "Талибан",
            "score": 1.0,
            "detail": "exact alias 'Талибан'",
            "designations": DESIGNATIONS["taliban"],
            "birth_dates": [],
            "may_be_same_as": [],
        }
    ]


def test_undesignated_entities_are_not_returned(screener: Screener) -> None:
    assert screener.screen("حماس")["results"] == []
    unfiltered = Screener.build(ENTITIES)
    assert [r["entity_id"] for r in unfiltered.screen("حماس")["results"]] == ["hamas"]


def test_receipt_records_everything_and_verifies(screener: Screener) -> None:
    receipt = screener.screen("Pakistani Taliban", threshold=0.85, limit=3)["receipt"]
    assert receipt["query"] == "Pakistani Taliban"
    assert receipt["parameters"] == {
        "threshold": 0.85,
        "limit": 3,
        "filters": {
            "jurisdictions": [],
            "lists": [],
            "at": "2024-01-01",
            "as_of": None,
            "states": ["listed", "suspended"],
            "all_entities": False,
        },
    }
    assert receipt["content_hash"] == entities_hash(ENTITIES)
    assert [r["entity_id"] for r in receipt["results"]] == ["ttp"]
    body = {k: v for k, v in receipt.items() if k != "receipt_hash"}
    assert make_receipt(body["query"], body["parameters"], body["content_hash"], body["results"]) == receipt
    assert verify(receipt, screener) == []


def test_verify_detects_tampering_and_changed_data(screener: Screener) -> None:
    receipt = screener.screen("Taliban")["receipt"]
    tampered = {**receipt, "results": []}
    assert verify(tampered, screener) == [
        "receipt hash does not match its content (the receipt was altered)",
        "re-running the screening gives different results",
    ]
    changed = Screener.build(ENTITIES[:2], filters=Filters(at="2024-01-01"), designations=DESIGNATIONS)
    assert verify(receipt, changed) == ["the database content changed since the screening"]


def test_bad_parameters_are_input_errors(screener: Screener) -> None:
    with pytest.raises(InputError, match="threshold must be between 0 and 1"):
        screener.screen("Taliban", threshold=1.5)
    with pytest.raises(InputError, match="limit must be at least 1"):
        screener.screen("Taliban", limit=0)
    with pytest.raises(InputError, match="a name to screen has at most 400 characters, got 401"):
        screener.screen("x" * 401)


def test_from_store_filters_by_jurisdiction(sqlite_registry: Store) -> None:
    reader = sqlite_registry.reader()
    filters = Filters(jurisdictions=("PK",), at="2024-06-01")
    screener = Screener.from_reader(reader, filters)
    assert screener.content_hash == reader.content_hash()
    assert [r["entity_id"] for r in screener.screen("Pakistani Taliban")["results"]] == ["ttp"]
    assert screener.screen("TTP")["results"][0]["designations"] == [
        {
            "jurisdiction": "PK",
            "list": "pk-proscribed",
            "state": "listed",
            "scope": None,
            "since": "2008-08-25",
            "closed_on": None,
            "note": None,
        }
    ]
    # ISIL has no Pakistani designation in the registry, so it cannot be returned under --in PK.
    assert screener.screen("Daesh")["results"] == []


def test_a_designation_label_names_the_part_listed_and_a_closed_list() -> None:
    """The CSV's and the table's `J:list:state`: the scope and a closed list's closing day in brackets,
    so neither a wing's listing nor a closed list's last state reads as the whole group's in force."""
    row = {"jurisdiction": "GB", "list": "gb-hmt", "state": "listed", "scope": None, "closed_on": None}
    assert designation_label(row) == "GB:gb-hmt:listed"
    assert (
        designation_label({**row, "closed_on": "2026-01-28"}) == "GB:gb-hmt:listed (list closed 2026-01-28)"
    )
    assert (
        designation_label({**row, "scope": "military wing", "closed_on": "2026-01-28"})
        == "GB:gb-hmt:listed (military wing; list closed 2026-01-28)"
    )


def test_a_designation_known_only_from_a_later_sighting_says_so(sqlite_registry: Store) -> None:
    """Kazakhstan's ban on Hizb ut-Tahrir is on record only as a state seen on 2006-10-12: the hit's
    designation says "at least since", as `status` does, so `since` does not read as the ban's day."""
    screener = Screener.from_reader(sqlite_registry.reader(), Filters(jurisdictions=("KZ",), at="2024-03-01"))
    [hit] = screener.screen("Hizb ut-Tahrir")["results"]
    assert [(d["since"], d["note"]) for d in hit["designations"]] == [
        ("2006-10-12", "at least since 2006-10-12 (per a curated source; earlier state unknown)")
    ]
