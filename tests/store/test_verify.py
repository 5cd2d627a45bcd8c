"""`verify`: the stored timelines and events are checked against a re-derivation from the claims,
drift is named per entity and list, and a repair restores exactly what the claims give."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from proscribe.errors import NotFoundError
from proscribe.store import Store
from proscribe.store.verify import verify_store

# Drift written by hand into the bundled dataset's derived rows, one of each kind.
CORRUPTIONS = (
    "UPDATE timelines SET open_state = 'suspended' WHERE entity_id = 'taliban' AND list_id = 'kz-terrorist'",
    "UPDATE timelines SET data = '{}', conflicts = 3 WHERE entity_id = 'al-qaeda' AND list_id = 'us-fto'",
    "DELETE FROM timelines WHERE entity_id = 'isil' AND list_id = 'ru-terrorist'",
    "DELETE FROM events WHERE entity_id = 'hamas' AND list_id = 'gb-proscribed'",
    "INSERT INTO timelines (entity_id, list_id, jurisdiction, data, conflicts) "
    "VALUES ('fbk', 'us-fto', 'US', '{}', 0)",
    # A key as an older Unicode might have folded it: search by that name would miss.
    "UPDATE names SET key = 'талибан ' WHERE entity_id = 'taliban' AND value = 'Талибан'",
)


def _derived(store: Store) -> tuple[list[Any], list[Any]]:
    """Every stored timeline and event row, in a stable order."""
    with store.engine.connect() as conn:
        timelines = conn.execute(text("SELECT * FROM timelines ORDER BY entity_id, list_id")).all()
        events = conn.execute(text("SELECT * FROM events ORDER BY id")).all()
    return [tuple(r) for r in timelines], [tuple(r) for r in events]


def _corrupt(store: Store) -> int:
    """Apply CORRUPTIONS; returns how many events the hamas deletion removed."""
    with store.engine.begin() as conn:
        removed = conn.execute(
            text("SELECT count(*) FROM events WHERE entity_id = 'hamas' AND list_id = 'gb-proscribed'")
        ).scalar_one()
        for statement in CORRUPTIONS:
            conn.execute(text(statement))
    return int(removed)


def test_a_store_as_written_verifies_clean(registry: Store) -> None:
    timelines, events = _derived(registry)
    report = verify_store(registry)
    assert report.drift == []
    assert (report.timelines, report.events) == (len(timelines), len(events))
    with registry.engine.connect() as conn:
        assert report.names == conn.execute(text("SELECT count(*) FROM names")).scalar_one()
    assert report.timelines > 200 and report.events > 300  # the bundled dataset, all of it read


def test_drift_is_named_and_a_repair_restores_what_the_claims_give(registry: Store) -> None:
    timelines, events = _derived(registry)
    before_hash = registry.reader().content_hash()
    removed = _corrupt(registry)
    assert removed >= 1

    found = verify_store(registry)
    assert [(d.entity_id, d.list_id, d.problem, d.detail) for d in found.drift] == [
        ("al-qaeda", "us-fto", "stale", "stored data, conflicts not what its claims give"),
        ("fbk", "us-fto", "orphaned", "a timeline is stored but no counted claim gives it"),
        ("hamas", "gb-proscribed", "events", f"{removed} derived event(s) not stored, 0 stored not derived"),
        ("isil", "ru-terrorist", "missing", "its claims give a timeline that is not stored"),
        ("taliban", "", "name_key", "name 'Талибан': stored key 'талибан ', the rules give 'талибан'"),
        ("taliban", "kz-terrorist", "stale", "stored open_state not what its claims give"),
    ]
    # A check alone writes nothing.
    assert verify_store(registry).drift == found.drift

    with pytest.raises(NotFoundError):
        registry.reader().resolve_ref("талибан")

    repaired = verify_store(registry, repair=True)
    assert repaired.drift == found.drift
    # Every timeline of the five entities is re-derived (fbk has none of its own left).
    owners = {"al-qaeda", "fbk", "hamas", "isil", "taliban"}
    assert repaired.repaired == sum(1 for row in timelines if row[0] in owners)
    assert repaired.keys_repaired == 1
    assert registry.reader().resolve_ref("талибан")[0] == "taliban"
    assert _derived(registry) == (timelines, events)
    assert verify_store(registry).drift == []
    # Answers changed, so every cached answer (ETags, screening indexes) must go.
    assert registry.reader().content_hash() != before_hash


def test_the_command_exits_1_on_drift_and_0_once_repaired(sqlite_registry: Store) -> None:
    _corrupt(sqlite_registry)
    db = f"sqlite:///{sqlite_registry.engine.url.database}"
    script = [str(Path(sys.executable).with_name("proscribe")), "--db", db]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*script, "verify", *args], capture_output=True, text=True, check=False)

    found = run()
    assert found.returncode == 1, found.stderr
    drift_lines = found.stdout.split("drift (6)")[1].strip().splitlines()[2:]
    assert [line.split()[:3] for line in drift_lines] == [
        ["al-qaeda", "us-fto", "stale"],
        ["fbk", "us-fto", "orphaned"],
        ["hamas", "gb-proscribed", "events"],
        ["isil", "ru-terrorist", "missing"],
        ["taliban", "name_key", "name"],
        ["taliban", "kz-terrorist", "stale"],
    ]
    mended = run("--repair", "--format", "json")
    assert mended.returncode == 0, mended.stderr
    report = json.loads(mended.stdout)
    assert (report["clean"], len(report["drift"]), report["repaired"] > 0) == (False, 6, True)
    clean = run()
    assert clean.returncode == 0
    assert "drift: none" in clean.stdout
