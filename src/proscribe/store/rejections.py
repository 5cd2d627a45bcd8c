"""Analysts' rejections of claims, on the store side: record, restore, and read them back.

A rejection says a claim misreads its source (the extractor took "urged the EU to list X" for a
listing, a curated fact was copied wrongly). It is a row of `claim_rejections`, never deleted:
restoring the claim stamps the row, and rejecting it again adds a new one. While a rejection is in
force, `store.withdrawals.counted` keeps the claim out of every read; the claim stays stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from proscribe.store import schema
from proscribe.store.codec import date_from_row

_R = schema.claim_rejections
_CHUNK = 500  # claim ids per IN (...) list, well under every backend's bound-parameter limit


def rejection_id(claim_id: str, rejected_at: datetime) -> str:
    """Deterministic id of one rejection."""
    text = "\x1f".join((claim_id, rejected_at.isoformat()))
    return "rej-" + hashlib.sha256(text.encode()).hexdigest()[:24]


def claim_rows(conn: Connection, claim_ids: Collection[str]) -> dict[str, dict[str, Any]]:
    """The stored claims among `claim_ids`, each with its source (kind, uri, title) and entity name."""
    c, s, e = schema.claims, schema.sources, schema.entities
    wanted = sorted(claim_ids)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(c, s.c.kind.label("source_kind"), s.c.uri.label("source_uri"))
            .add_columns(s.c.title.label("source_title"), e.c.name.label("entity_name"))
            .join(s, s.c.id == c.c.source_id)
            .join(e, e.c.id == c.c.entity_id)
            .where(c.c.id.in_(wanted[start : start + _CHUNK]))
        )
        found.update((row.id, dict(row._mapping)) for row in conn.execute(query))
    return found


def claims_citing(conn: Connection, uri: str) -> dict[str, list[str]]:
    """The ids of the claims citing each kind of source stored under `uri` (a URL, `urn:sha256:...`)."""
    c, s = schema.claims, schema.sources
    query = select(s.c.kind, c.c.id).join(c, c.c.source_id == s.c.id).where(s.c.uri == uri)
    found: dict[str, list[str]] = {}
    for row in conn.execute(query.order_by(s.c.kind, c.c.id)):
        found.setdefault(row.kind, []).append(row.id)
    return found


def in_force(conn: Connection, claim_ids: Collection[str]) -> dict[str, dict[str, Any]]:
    """The rejections in force of any of `claim_ids`, by claim id."""
    wanted = sorted(claim_ids)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(_R).where(
            _R.c.claim_id.in_(wanted[start : start + _CHUNK]), _R.c.restored_at.is_(None)
        )
        found.update((row.claim_id, dict(row._mapping)) for row in conn.execute(query))
    return found


def record(
    conn: Connection, claim_ids: Collection[str], reason: str, decided_by: str | None, rejected_at: datetime
) -> list[str]:
    """Reject the claims (the caller has checked none is rejected already); returns the rejection ids."""
    ids = {claim_id: rejection_id(claim_id, rejected_at) for claim_id in sorted(claim_ids)}
    rows: list[dict[str, object]] = [
        {
            "id": ids[claim_id],
            "claim_id": claim_id,
            "reason": reason,
            "decided_by": decided_by,
            "rejected_at": rejected_at,
        }
        for claim_id in ids
    ]
    if rows:
        conn.execute(insert(_R), rows)
    return list(ids.values())


def restore(
    conn: Connection, rejection_ids: Collection[str], reason: str, restored_by: str | None, when: datetime
) -> None:
    """Stamp the rejections as restored (they stay stored, with why and by whom)."""
    wanted = sorted(rejection_ids)
    for start in range(0, len(wanted), _CHUNK):
        conn.execute(
            update(_R)
            .where(_R.c.id.in_(wanted[start : start + _CHUNK]))
            .values(restored_at=when, restore_reason=reason, restored_by=restored_by)
        )


def history(conn: Connection, include_restored: bool = False) -> list[dict[str, Any]]:
    """Every rejection in force (or every one ever made), oldest first, each with its claim's row
    (under `claim`, as `claim_rows` gives it)."""
    query = select(_R)
    if not include_restored:
        query = query.where(_R.c.restored_at.is_(None))
    rows = [dict(row._mapping) for row in conn.execute(query.order_by(_R.c.rejected_at, _R.c.id))]
    claims = claim_rows(conn, {row["claim_id"] for row in rows})
    return [{**row, "claim": claims[row["claim_id"]]} for row in rows]


def claim_summary(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row of `claim_rows`, as reports and listings of rejections show it."""
    day = date_from_row(row["date_earliest"], row["date_latest"], row["date_precision"])
    return {
        "id": row["id"],
        "entity": row["entity_id"],
        "name": row["entity_name"],
        "jurisdiction": row["jurisdiction"],
        "list": row["list_id"],
        "claim": row["action"] or row["state"],
        "date": day.iso(),
        "evidence": row["evidence"],
        "source": row["source_uri"],
        "title": row["source_title"],
    }
