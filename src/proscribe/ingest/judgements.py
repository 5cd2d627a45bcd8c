"""Analysts' identity decisions: merge two entities into one, undo a merge, mark two as distinct.

Linking list records to entities is automatic and cautious (proscribe.resolve.identity): an
ambiguous record, or one linked before the rules could see the link, becomes an entity of its own.
The analyst who knows better records a judgement here, with a reason. A merge is applied to every
read (names, claims, timelines, screening) and to later imports (a record matching the merged
entity links to the one it is read as), while the stored claims keep the entity they were made
about, so withdrawing the merge restores exactly what was there. Each decision is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import Connection, func, select

from proscribe import clock
from proscribe.errors import InputError, NotFoundError
from proscribe.sources.bundled import DatasetJudgement
from proscribe.store import Store, judgements, schema, withdrawals, writer

DATASET_DECIDER = "proscribe dataset"


@dataclass(frozen=True)
class JudgementReport:
    """What one decision did: the judgement, the entities it joins or parts, what was re-derived."""

    judgement_id: str
    action: str  # merge | unmerge | distinct | withdraw
    entity_id: str
    other_id: str
    claims: int = 0  # claims now read as the other entity (merge) or again as their own (unmerge)
    timelines_rebuilt: int = 0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "judgement_id": self.judgement_id,
            "action": self.action,
            "entity_id": self.entity_id,
            "other_id": self.other_id,
            "claims": self.claims,
            "timelines_rebuilt": self.timelines_rebuilt,
        }


def merge_entities(
    store: Store, entity_id: str, into: str, reason: str, decided_by: str | None = None
) -> JudgementReport:
    """Record that `entity_id` is the same entity as `into`, and read it as `into` from now on.

    Both are exact entity ids. `into` may itself be merged: the merge goes to the entity it is
    read as. Refused: a missing reason, an entity already merged, a merge into itself (or into an
    entity merged into it), different kinds (a person is never an organisation), and a pair an
    analyst marked distinct (withdraw that first).
    """
    why = require_reason(reason)
    store.require_initialised()
    with store.begin() as conn:
        return merge_in(conn, entity_id, into, why, decided_by)


def merge_in(
    conn: Connection, entity_id: str, into: str, why: str, decided_by: str | None
) -> JudgementReport:
    """`merge_entities` within the caller's transaction (the reason already checked)."""
    merged = judgements.canonical_map(conn)
    kinds = _kinds(conn, [entity_id, into])
    if entity_id in merged:
        held = judgements.active(conn, judgements.SAME, [entity_id])
        found = next(j for j in held if j["entity_id"] == entity_id)
        raise InputError(
            f"{entity_id} is already merged into {found['other_id']} (judgement {found['id']}); "
            f"undo that first with `proscribe identity unmerge {entity_id}`"
        )
    target = merged.get(into, into)
    kinds.update(_kinds(conn, [target]))
    if target == entity_id:
        raise InputError(f"cannot merge {entity_id} into itself ({into} is read as {entity_id})")
    if kinds[entity_id] != kinds[target]:
        raise InputError(
            f"cannot merge {entity_id} ({kinds[entity_id]}) into {target} ({kinds[target]}): "
            "entities of different kinds are never the same"
        )
    for found in judgements.active(conn, judgements.DISTINCT, [entity_id]):
        if {found["entity_id"], found["other_id"]} == {entity_id, target}:
            raise InputError(
                f"{entity_id} and {target} were judged distinct (judgement {found['id']}: "
                f"{found['reason']}); withdraw that first"
            )
    moved = _claim_count(conn, judgements.with_members(merged, [entity_id]))
    ident = judgements.record(conn, judgements.SAME, entity_id, target, why, decided_by, clock.now())
    rebuilt = writer.rebuild_timelines(conn, [(entity_id, ""), (target, "")])
    writer.note_change(conn, f"judgement\x1f{ident}")
    return JudgementReport(ident, "merge", entity_id, target, moved, rebuilt)


def unmerge_entity(
    store: Store, entity_id: str, reason: str, decided_by: str | None = None
) -> JudgementReport:
    """Withdraw the merge of `entity_id`: it is read as itself again (the merge stays on record)."""
    why = require_reason(reason)
    store.require_initialised()
    with store.begin() as conn:
        _kinds(conn, [entity_id])
        held = [
            j for j in judgements.active(conn, judgements.SAME, [entity_id]) if j["entity_id"] == entity_id
        ]
        if not held:
            raise InputError(f"{entity_id} is not merged into another entity")
        return _withdraw(conn, held[0], why, decided_by, "unmerge")


def mark_distinct(
    store: Store, entity_id: str, other_id: str, reason: str, decided_by: str | None = None
) -> JudgementReport:
    """Record that two entities are not the same: merge suggestions stop proposing the pair."""
    why = require_reason(reason)
    store.require_initialised()
    with store.begin() as conn:
        return distinct_in(conn, entity_id, other_id, why, decided_by)


def distinct_in(
    conn: Connection, entity_id: str, other_id: str, why: str, decided_by: str | None
) -> JudgementReport:
    """`mark_distinct` within the caller's transaction (the reason already checked)."""
    _kinds(conn, [entity_id, other_id])
    merged = judgements.canonical_map(conn)
    one, other = merged.get(entity_id, entity_id), merged.get(other_id, other_id)
    if one == other:
        raise InputError(
            f"{entity_id} and {other_id} are merged into one entity ({one}); unmerge before "
            "marking them distinct"
        )
    first, second = sorted((one, other))
    for found in judgements.active(conn, judgements.DISTINCT, [first]):
        if {found["entity_id"], found["other_id"]} == {first, second}:
            raise InputError(f"{first} and {second} are already judged distinct (judgement {found['id']})")
    ident = judgements.record(conn, judgements.DISTINCT, first, second, why, decided_by, clock.now())
    writer.note_change(conn, f"judgement\x1f{ident}")
    return JudgementReport(ident, "distinct", first, second)


def withdraw_judgement(
    store: Store, judgement_id: str, reason: str, decided_by: str | None = None
) -> JudgementReport:
    """Withdraw a judgement in force by its id (a merge is undone; a distinct pair is suggested again)."""
    why = require_reason(reason)
    store.require_initialised()
    with store.begin() as conn:
        rows = [j for j in judgements.history(conn, include_withdrawn=True) if j["id"] == judgement_id]
        if not rows:
            raise NotFoundError(f"unknown judgement {judgement_id!r}")
        if rows[0]["withdrawn_at"] is not None:
            raise InputError(
                f"judgement {judgement_id} was already withdrawn on {rows[0]['withdrawn_at']:%Y-%m-%d}"
            )
        return _withdraw(conn, rows[0], why, decided_by, "withdraw")


def apply_dataset_judgements(conn: Connection, entries: Iterable[DatasetJudgement]) -> tuple[int, list[str]]:
    """Record the dataset's `distinct` judgements not yet on record; returns (added, warnings).

    Each has a fixed id (pair and decision date), so a second run adds nothing, and one an analyst
    withdrew stays withdrawn. A pair analysts merged keeps their merge; the warning says so.
    """
    j = schema.judgements
    on_record = set(conn.execute(select(j.c.id)).scalars())
    merged = judgements.canonical_map(conn)
    added = 0
    warnings: list[str] = []
    for entry in entries:
        first, second = sorted((entry.entity_id, entry.other_id))
        decided_at = datetime.combine(entry.decided_on, time(), UTC)
        if judgements.judgement_id(judgements.DISTINCT, first, second, decided_at) in on_record:
            continue
        if merged.get(first, first) == merged.get(second, second):
            warnings.append(
                f"the dataset judges {first} and {second} distinct, but analysts merged them; "
                "their merge stands (withdraw it to apply the dataset's judgement at the next init)"
            )
            continue
        if any(
            {found["entity_id"], found["other_id"]} == {first, second}
            for found in judgements.active(conn, judgements.DISTINCT, [first])
        ):
            continue
        ident = judgements.record(
            conn, judgements.DISTINCT, first, second, entry.reason, DATASET_DECIDER, decided_at
        )
        writer.note_change(conn, f"judgement\x1f{ident}")
        added += 1
    return added, warnings


def _withdraw(
    conn: Connection, found: dict[str, Any], reason: str, decided_by: str | None, action: str
) -> JudgementReport:
    note = f"{reason} (by {decided_by})" if decided_by else reason
    judgements.withdraw(conn, found["id"], note, clock.now())
    claims = rebuilt = 0
    if found["judgement"] == judgements.SAME:
        merged = judgements.canonical_map(conn)
        claims = _claim_count(conn, judgements.with_members(merged, [found["entity_id"]]))
        keys = [(found["entity_id"], ""), (found["other_id"], "")]
        rebuilt = writer.rebuild_timelines(conn, keys)
    writer.note_change(conn, f"withdrawn\x1f{found['id']}")
    return JudgementReport(found["id"], action, found["entity_id"], found["other_id"], claims, rebuilt)


def require_reason(reason: str) -> str:
    """The reason with its whitespace folded; InputError when there is none (every judgement has one)."""
    why = " ".join(reason.split())
    if not why:
        raise InputError("a judgement needs a reason (--reason): it is what the next analyst will read")
    return why


def _kinds(conn: Connection, ids: list[str]) -> dict[str, str]:
    """Kinds of the entities, by exact id; NotFoundError names any missing one."""
    e = schema.entities
    found = {row.id: row.kind for row in conn.execute(select(e.c.id, e.c.kind).where(e.c.id.in_(ids)))}
    for entity_id in ids:
        if entity_id not in found:
            raise NotFoundError(
                f"unknown entity id {entity_id!r} (judgements take exact ids; try `proscribe search`)"
            )
    return found


def _claim_count(conn: Connection, ids: list[str]) -> int:
    c = schema.claims
    query = select(func.count()).select_from(c).where(c.c.entity_id.in_(ids), withdrawals.counted())
    return int(conn.execute(query).scalar_one())
