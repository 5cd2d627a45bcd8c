"""OpenSanctions delta files: removals become delists after the last file that showed the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import FIXTURES, fresh_store

from proscribe.errors import InputError
from proscribe.ingest.lists import ingest_list


def test_delta_removal_is_a_curated_delist_in_the_window(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    first = ingest_list(
        store, "opensanctions-ftm-delta", [FIXTURES / "ftm" / "20240101000000-aaa.entities.delta.json"]
    )
    second = ingest_list(
        store, "opensanctions-ftm-delta", [FIXTURES / "ftm" / "20240105000000-bbb.entities.delta.json"]
    )
    assert (first.records, first.changes) == (2, {})
    assert second.changes == {"delist": 1}
    assert second.warnings == ["removed record NK-ghost was never seen in an earlier file of this source"]
    [delist] = [c for c in store.reader().claims(entity_id="os-nk-front") if c.action == "delist"]
    assert (delist.list_id, delist.jurisdiction, delist.date.iso(), delist.tier) == (
        "un-consolidated",
        "UN",
        "2024-01-02/2024-01-05",
        2,
    )
    source = store.reader().sources_by_id([delist.source_id])[delist.source_id]
    assert (source.kind, source.published_on.isoformat() if source.published_on else None) == (
        "curated",
        "2024-01-05",
    )


def test_an_aggregators_snapshot_is_not_official_evidence_of_freshness(tmp_path: Path) -> None:
    """`last_seen` says how fresh the *official* evidence is: an OpenSanctions export (a curated,
    tier 2 copy) showing the entity is not a sighting on the official list."""
    from datetime import date

    from proscribe import query

    store = fresh_store(tmp_path)
    ingest_list(
        store, "opensanctions-ftm", [FIXTURES / "ftm" / "entities.ftm.json"], snapshot_date=date(2024, 1, 3)
    )
    data = query.status(store.reader(), "os-nk-front", at=date(2024, 2, 1))
    rows = [row for j in data["jurisdictions"] for row in j["lists"]]
    assert rows and {row["state"] for row in rows} == {"listed"}
    assert [row["last_seen"] for row in rows] == [None] * len(rows)


def test_several_delta_files_of_one_day_are_all_held(tmp_path: Path) -> None:
    """OpenSanctions publishes deltas several times a day: each is a change set, not a view of the
    whole list, so a second one of the same day is imported, and a record added and removed on that
    day is listed and delisted on it."""
    store = fresh_store(tmp_path)
    reports = [
        ingest_list(store, "opensanctions-ftm-delta", [FIXTURES / "ftm" / f"{version}.entities.delta.json"])
        for version in (
            "20240101000000-aaa",
            "20240105000000-bbb",
            "20240105120000-ccc",
            "20240105180000-ddd",
        )
    ]
    assert [(r.records, r.changes) for r in reports] == [
        (2, {}),
        (1, {"delist": 1}),
        (1, {}),
        (0, {"delist": 1}),
    ]
    assert reports[3].warnings == []
    [listed] = [c for c in store.reader().claims(entity_id="os-nk-third") if c.state == "listed"]
    [delist] = [c for c in store.reader().claims(entity_id="os-nk-third") if c.action == "delist"]
    assert (listed.date.iso(), delist.date.iso(), delist.list_id) == (
        "2024-01-05",
        "2024-01-05",
        "un-consolidated",
    )
    held = store.reader().snapshots_of("opensanctions-ftm-delta")
    assert [str(s["snapshot_date"]) for s in held] == ["2024-01-01", "2024-01-05", "2024-01-05", "2024-01-05"]


def test_a_delta_older_than_one_held_is_refused(tmp_path: Path) -> None:
    """Out of order, the later removal of a record the older delta adds would be lost: the removal was
    read first as that of a record never seen, and the older delta would then list it for good."""
    store = fresh_store(tmp_path)
    delta = FIXTURES / "ftm"
    ingest_list(store, "opensanctions-ftm-delta", [delta / "20240105180000-ddd.entities.delta.json"])
    before = store.reader().content_hash()
    with pytest.raises(
        InputError,
        match="delta version 20240105120000 is older than version 20240105180000, already held",
    ):
        ingest_list(store, "opensanctions-ftm-delta", [delta / "20240105120000-ccc.entities.delta.json"])
    assert store.reader().content_hash() == before
    assert store.reader().claims(entity_id="os-nk-third") == []


def _delta(folder: Path, version: str, lines: list[tuple[str, str, str, list[str]]]) -> Path:
    """A delta file of (op, id, name, referents) lines, all on the UN consolidated dataset."""
    import json

    path = folder / f"{version}.entities.delta.json"
    rows = [
        {
            "op": op,
            "entity": {
                "id": key,
                "caption": name,
                "schema": "Organization",
                "properties": {"name": [name]},
                "referents": referents,
                "datasets": ["un_sc_sanctions"],
                "target": True,
            },
        }
        for op, key, name, referents in lines
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_modified_record_with_another_entitys_identifier_is_not_merged_into_it(tmp_path: Path) -> None:
    """NK-a carries OFAC's 101 and NK-b OFAC's 202; a MOD gives NK-a 202 instead. NK-a stays linked to
    its entity, which does not take 202 (held by NK-b's): lent, it would make every later record
    carrying 202 match two entities. The import says so."""
    from proscribe.model import Identifier

    store = fresh_store(tmp_path)
    first = _delta(
        tmp_path,
        "20240101000000-aaa",
        [("ADD", "NK-a", "Alpha Group", ["ofac-101"]), ("ADD", "NK-b", "Beta Group", ["ofac-202"])],
    )
    ingest_list(store, "opensanctions-ftm-delta", [first])
    second = _delta(tmp_path, "20240102000000-bbb", [("MOD", "NK-a", "Alpha Group", ["ofac-202"])])
    report = ingest_list(store, "opensanctions-ftm-delta", [second])
    assert report.warnings == [
        f"{second.name}: identifier ofac:202 is held by entity os-nk-b; a record linked to os-nk-a (by "
        "its earlier snapshots or its names) now carries it too: not added to os-nk-a. If the two are "
        "one, merge them (`proscribe identity merge`)"
    ]
    holders = {
        entity.id for entity in store.reader().entities() if Identifier("ofac", "202") in entity.identifiers
    }
    assert holders == {"os-nk-b"}
