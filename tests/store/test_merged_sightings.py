"""Sightings survive a merge: the snapshots showing a merged entity's records still count for it.

The UN test list shows QDe.900 (un-qde-900) in each of its four snapshots (2020-01-01, -01-15,
-02-01, -03-01); the OFSI list of 2020-06-01 shows group 9101 (gb-hmt-9101). An analyst merges the
UN entity into the OFSI one: the UN run is stored under un-qde-900 while its claims are read as
gb-hmt-9101's, and the answers must still say when the UN list last showed the group.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from proscribe import query
from proscribe.ingest.judgements import merge_entities, unmerge_entity
from proscribe.ingest.lists import ingest_list
from proscribe.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
UN_DAYS = ["2020-01-01", "2020-01-15", "2020-02-01", "2020-03-01"]


@pytest.fixture
def two_apart(registry: Store) -> Store:
    for path in sorted((FIXTURES / "un").glob("un_2020-*.xml")):
        ingest_list(registry, "un-sc-consolidated", [path])
    ingest_list(registry, "uk-hmt-ofsi-consolidated", [FIXTURES / "uk-judgements" / "conlist_2020-06-01.csv"])
    return registry


def _last_seen(store: Store, entity: str, as_of: date | None = None) -> dict[str, str | None]:
    answer = query.status(store.reader(), entity, at=date(2020, 7, 1), as_of=as_of)
    return {item["list"]: item["last_seen"] for j in answer["jurisdictions"] for item in j["lists"]}


def _seen_on(store: Store, entity: str) -> dict[str, list[str]]:
    return {t["list"]: t["seen_on"] for t in query.timeline(store.reader(), entity)["timelines"]}


def _sightings(store: Store, entity: str) -> list[tuple[str, int, str, str]]:
    claims = query.sources(store.reader(), entity)["claims"]
    found = [(c["list"], c["sightings"]) for c in claims if c.get("sightings")]
    return sorted((lst, s["count"], s["first"], s["last"]) for lst, s in found)


def test_a_merged_entitys_snapshots_still_date_the_answers(two_apart: Store) -> None:
    assert _last_seen(two_apart, "un-qde-900") == {"un-1267": "2020-03-01"}
    assert _seen_on(two_apart, "un-qde-900") == {"un-1267": UN_DAYS}

    merge_entities(two_apart, "un-qde-900", "gb-hmt-9101", "the same front under its English name")
    merged = {"gb-hmt": "2020-06-01", "gb-sanctions-ct": "2020-06-01", "un-1267": "2020-03-01"}
    assert _last_seen(two_apart, "gb-hmt-9101") == merged
    assert _last_seen(two_apart, "un-qde-900") == merged  # the merged id reads as the kept entity
    assert _last_seen(two_apart, "gb-hmt-9101", as_of=date(2020, 7, 1)) == merged
    assert _last_seen(two_apart, "gb-hmt-9101", as_of=date(2020, 2, 1)) == {"un-1267": "2020-02-01"}
    assert _seen_on(two_apart, "gb-hmt-9101") == {
        "gb-hmt": ["2020-06-01"],
        "gb-sanctions-ct": ["2020-06-01"],
        "un-1267": UN_DAYS,
    }
    # The UN record's first state claim stands for its first snapshot; the claim of 2020-01-15
    # starts the run of the three after it.
    assert _sightings(two_apart, "gb-hmt-9101") == [
        ("gb-hmt", 1, "2020-06-01", "2020-06-01"),
        ("gb-sanctions-ct", 1, "2020-06-01", "2020-06-01"),
        ("un-1267", 1, "2020-01-01", "2020-01-01"),
        ("un-1267", 3, "2020-01-15", "2020-03-01"),
    ]

    unmerge_entity(two_apart, "un-qde-900", "not the same after all")
    assert _last_seen(two_apart, "un-qde-900") == {"un-1267": "2020-03-01"}
    assert _last_seen(two_apart, "gb-hmt-9101") == {"gb-hmt": "2020-06-01", "gb-sanctions-ct": "2020-06-01"}
