"""Identity judgements on one Connection: which entities an analyst said are one, or are not.

A `same` judgement reads its entity as the other one (its *canonical* entity) everywhere; chains
(A is B, B is C) resolve to the end of the chain. Judgements are never deleted: withdrawing one
stamps it, so the store keeps who decided what, when and why, and what was undone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from proscribe.store import schema

SAME = "same"
DISTINCT = "distinct"


def canonical_map(conn: Connection) -> dict[str, str]:
    """Every entity merged into another, mapped to the entity it is read as (chains followed)."""
    j = schema.judgements
    query = select(j.c.entity_id, j.c.other_id).where(j.c.judgement == SAME, j.c.withdrawn_at.is_(None))
    direct = {row.entity_id: row.other_id for row in conn.execute(query)}
    return flatten(direct)


def flatten(direct: Mapping[str, str]) -> dict[str, str]:
    """Follow each chain of merges to its end; a cycle (never written, see `record`) stops where it closes."""
    out: dict[str, str] = {}
    for start in direct:
        seen = {start}
        current = direct[start]
        while current in direct and current not in seen:
            seen.add(current)
            current = direct[current]
        out[start] = current
    return out


def members(mapping: Mapping[str, str], canonical_ids: Iterable[str]) -> dict[str, list[str]]:
    """For each canonical id: the entities read as it (sorted; empty when none)."""
    wanted = set(canonical_ids)
    out: dict[str, list[str]] = {entity_id: [] for entity_id in wanted}
    for member, canonical in sorted(mapping.items()):
        if canonical in wanted:
            out[canonical].append(member)
    return out


def with_members(mapping: Mapping[str, str], canonical_ids: Collection[str]) -> list[str]:
    """The canonical ids and every entity read as one of them."""
    wanted = set(canonical_ids)
    return sorted(wanted | {member for member, canonical in mapping.items() if canonical in wanted})


def judgement_id(judgement: str, entity_id: str, other_id: str, decided_at: datetime) -> str:
    """Deterministic id of one decision."""
    text = "\x1f".join((judgement, entity_id, other_id, decided_at.isoformat()))
    return "jdg-" + hashlib.sha256(text.encode()).hexdigest()[:24]


def record(
    conn: Connection,
    judgement: str,
    entity_id: str,
    other_id: str,
    reason: str,
    decided_by: str | None,
    decided_at: datetime,
) -> str:
    """Append one judgement (the caller has checked it makes sense); returns its id."""
    ident = judgement_id(judgement, entity_id, other_id, decided_at)
    conn.execute(
        insert(schema.judgements).values(
            id=ident,
            judgement=judgement,
            entity_id=entity_id,
            other_id=other_id,
            reason=reason,
            decided_by=decided_by,
            decided_at=decided_at,
        )
    )
    return ident


def active(conn: Connection, judgement: str, entity_ids: Collection[str]) -> list[dict[str, Any]]:
    """Judgements of one kind, not withdrawn, that name any of the entities (on either side)."""
    j = schema.judgements
    wanted = sorted(entity_ids)
    query = select(j).where(
        j.c.judgement == judgement,
        j.c.withdrawn_at.is_(None),
        j.c.entity_id.in_(wanted) | j.c.other_id.in_(wanted),
    )
    return [dict(row._mapping) for row in conn.execute(query.order_by(j.c.decided_at, j.c.id))]


def active_decided_by(conn: Connection, judgement: str, decided_by: str) -> list[dict[str, Any]]:
    """Judgements of one kind, not withdrawn, that `decided_by` made."""
    j = schema.judgements
    query = select(j).where(
        j.c.judgement == judgement, j.c.withdrawn_at.is_(None), j.c.decided_by == decided_by
    )
    return [dict(row._mapping) for row in conn.execute(query.order_by(j.c.decided_at, j.c.id))]


def withdraw(conn: Connection, ident: str, reason: str, withdrawn_at: datetime) -> None:
    """Stamp one judgement as withdrawn (it stays stored, with why)."""
    j = schema.judgements
    conn.execute(update(j).where(j.c.id == ident).values(withdrawn_at=withdrawn_at, withdraw_reason=reason))


def history(conn: Connection, include_withdrawn: bool = False) -> list[dict[str, Any]]:
    """Every judgement (or only those in force), oldest first, with both entities' names."""
    j = schema.judgements
    e = schema.entities
    other = e.alias("other")
    query = (
        select(j, e.c.name.label("entity_name"), other.c.name.label("other_name"))
        .join(e, e.c.id == j.c.entity_id)
        .join(other, other.c.id == j.c.other_id)
    )
    if not include_withdrawn:
        query = query.where(j.c.withdrawn_at.is_(None))
    return [dict(row._mapping) for row in conn.execute(query.order_by(j.c.decided_at, j.c.id))]
