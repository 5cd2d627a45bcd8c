"""Check that the stored derived data is what the rules derive from the stored evidence.

Timelines and events are derived data (DESIGN.md): every write re-derives those of the entities it
touched, and every answer reads them. A write that missed an entity (a bug, an interrupted manual
edit, a store restored from mismatched backups) would leave answers the evidence no longer
supports, and nothing else would show it. The lookup keys of names (`name_key`), which every
search, link and screening reads, are derived too, and follow Unicode's data: a Python with a
newer Unicode version may fold a rare character otherwise than the one that stored the key.
`verify_derived` re-derives every timeline in memory, exactly as the writer does, and every name
key, and compares them with the stored rows; with `repair` it writes the derived rows in place of
the drifted ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select, union, update

from proscribe import clock
from proscribe.model import name_key
from proscribe.store import judgements, schema, withdrawals
from proscribe.store.engine import Store
from proscribe.store.writer import derive_timelines, note_change, rebuild_timelines

_CHUNK = 500
# The columns compared: every column the writer sets.
_TIMELINE_COLUMNS = ("jurisdiction", "data", "conflicts", "open_state", "open_from")
_EVENT_COLUMNS = (
    "entity_id",
    "list_id",
    "jurisdiction",
    "action",
    "date_earliest",
    "date_latest",
    "date_text",
    "authority",
    "claim_ids",
    "refuted",
    "sort_name",
    "first_reported",
)


@dataclass(frozen=True)
class Drift:
    """One (entity, list) whose stored derived rows differ from what its claims give, or one name
    of an entity whose stored key is not its `name_key` (`list_id` empty)."""

    entity_id: str
    list_id: str
    problem: str  # missing | stale | orphaned | events | name_key
    detail: str

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {
            "entity": self.entity_id,
            "list": self.list_id,
            "problem": self.problem,
            "detail": self.detail,
        }


@dataclass
class VerifyReport:
    """What a check read, what differed, and what a repair re-derived."""

    entities: int = 0
    timelines: int = 0
    events: int = 0
    names: int = 0
    drift: list[Drift] = field(default_factory=list)
    repaired: int = 0  # timelines re-derived
    keys_repaired: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "entities": self.entities,
            "timelines": self.timelines,
            "events": self.events,
            "names": self.names,
            "clean": not self.drift,
            "drift": [d.as_dict() for d in self.drift],
            "repaired": self.repaired,
            "keys_repaired": self.keys_repaired,
        }


def verify_store(store: Store, repair: bool = False) -> VerifyReport:
    """`verify_derived` on `store`, under its writer lock: no import can change the claims while
    they are compared, and a repair is one transaction."""
    with store.begin() as conn:
        return verify_derived(conn, repair)


def verify_derived(conn: Connection, repair: bool = False) -> VerifyReport:
    """Re-derive every stored entity's timelines and events, and every name key, and compare them
    with the stored rows.

    Checked: each (entity, list) the claims give has its timeline (`missing` if not), with the same
    data, conflict count and open state (`stale`) and the same events (`events`); no timeline is
    stored that the claims do not give (`orphaned`: an entity merged into another, or whose claims
    were all withdrawn); each name's stored key is its `name_key` (`name_key`, listed with no
    list). With `repair`, the drifted entities' timelines are re-derived and the stale keys
    rewritten in this transaction, and the change is folded into the content hash, so cached
    answers go too.
    """
    merged = judgements.canonical_map(conn)
    # Every entity with a claim on a list or a stored timeline, read as the entity it is merged into.
    claimed = select(schema.claims.c.entity_id).where(
        schema.claims.c.list_id.is_not(None), withdrawals.counted()
    )
    stored = select(schema.timelines.c.entity_id)
    ids = {row[0] for row in conn.execute(union(claimed, stored))}
    canonical = sorted({merged.get(entity_id, entity_id) for entity_id in ids})
    report = VerifyReport(entities=len(canonical))
    for start in range(0, len(canonical), _CHUNK):
        derived = derive_timelines(conn, canonical[start : start + _CHUNK], merged)
        report.timelines += len(derived.timelines)
        report.events += len(derived.events)
        report.drift.extend(_compare(conn, derived.held, derived.timelines, derived.events, merged))
    stale_keys = _stale_name_keys(conn, report)
    report.drift.extend(
        Drift(entity_id, "", "name_key", f"name {value!r}: stored key {stored!r}, the rules give {key!r}")
        for entity_id, value, stored, key in stale_keys
    )
    report.drift.sort(key=lambda d: (d.entity_id, d.list_id, d.problem, d.detail))
    if repair and report.drift:
        for entity_id, value, _stored, key in stale_keys:
            n = schema.names
            conn.execute(update(n).where(n.c.entity_id == entity_id, n.c.value == value).values(key=key))
        drifted_lists = [(d.entity_id, d.list_id) for d in report.drift if d.list_id]
        report.repaired = rebuild_timelines(conn, drifted_lists)
        report.keys_repaired = len(stale_keys)
        drifted = "\x1e".join(f"{d.entity_id}\x1f{d.list_id}" for d in report.drift)
        note_change(conn, f"verify-repair\x1f{drifted}\x1f{clock.now().isoformat()}")
    return report


def _stale_name_keys(conn: Connection, report: VerifyReport) -> list[tuple[str, str, str, str]]:
    """(entity, name, stored key, derived key) of every name whose stored key the rules no longer give."""
    n = schema.names
    stale = []
    for row in conn.execute(select(n.c.entity_id, n.c.value, n.c.key)):
        report.names += 1
        key = name_key(row.value)
        if key != row.key:
            stale.append((row.entity_id, row.value, row.key, key))
    return stale


def _compare(
    conn: Connection,
    held: list[str],
    timelines: list[dict[str, Any]],
    events: list[dict[str, Any]],
    merged: Mapping[str, str],
) -> Iterable[Drift]:
    """The drift between the derived rows of some entities and the rows stored for them."""
    t, e = schema.timelines, schema.events
    stored = {
        (r.entity_id, r.list_id): r._mapping for r in conn.execute(select(t).where(t.c.entity_id.in_(held)))
    }
    derived = {(row["entity_id"], row["list_id"]): row for row in timelines}
    for key in sorted(set(stored) - set(derived)):
        owner = merged.get(key[0])
        why = f"merged into {owner}" if owner else "no counted claim gives it"
        yield Drift(key[0], key[1], "orphaned", f"a timeline is stored but {why}")
    for key in sorted(derived):
        row = stored.get(key)
        if row is None:
            yield Drift(key[0], key[1], "missing", "its claims give a timeline that is not stored")
            continue
        differing = _differing(row, derived[key])
        if differing:
            yield Drift(key[0], key[1], "stale", f"stored {', '.join(differing)} not what its claims give")
    stored_events: dict[tuple[str, str], set[tuple[Any, ...]]] = {}
    for r in conn.execute(select(e).where(e.c.entity_id.in_(held))):
        stored_events.setdefault((r.entity_id, r.list_id), set()).add(_event_key(r._mapping))
    derived_events: dict[tuple[str, str], set[tuple[Any, ...]]] = {}
    for event in events:
        derived_events.setdefault((event["entity_id"], event["list_id"]), set()).add(_event_key(event))
    for key in sorted(set(stored_events) | set(derived_events)):
        if key not in derived and key in stored:
            continue  # an orphaned timeline, said above; its events go with it
        have, want = stored_events.get(key, set()), derived_events.get(key, set())
        if have != want:
            yield Drift(
                key[0],
                key[1],
                "events",
                f"{len(want - have)} derived event(s) not stored, {len(have - want)} stored not derived",
            )


def _differing(stored: Mapping[Any, Any], derived: Mapping[str, Any]) -> list[str]:
    return [column for column in _TIMELINE_COLUMNS if _same(stored[column]) != _same(derived[column])]


def _event_key(row: Mapping[Any, Any]) -> tuple[Any, ...]:
    return (row["id"], *(_same(row[c]) for c in _EVENT_COLUMNS))


def _same(value: Any) -> Any:
    """A column value as compared (a date as its ISO form, whatever type the driver returns)."""
    if isinstance(value, date):
        return value.isoformat()
    return value
