"""Store side of snapshot runs (proscribe.resolve.spans): read them, apply a plan, derive sightings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, or_, select, update

from proscribe.model import Claim
from proscribe.resolve.spans import Snapshot, Span, SpanPlan, sightings
from proscribe.store import schema

_CHUNK = 500
_T = schema.record_spans


def calendar(conn: Connection, source_name: str) -> list[Snapshot]:
    """The held snapshots of a source, oldest first."""
    snaps = schema.snapshots
    rows = conn.execute(
        select(snaps.c.id, snaps.c.snapshot_date)
        .where(snaps.c.source_name == source_name)
        .order_by(snaps.c.snapshot_date, snaps.c.id)
    )
    return [Snapshot(row.id, row.snapshot_date) for row in rows]


def spans_covering(conn: Connection, source_name: str, snapshots: Iterable[Snapshot | None]) -> list[Span]:
    """Every span of the source that runs over one of the given snapshots."""
    days = [s.date for s in snapshots if s is not None]
    if not days:
        return []
    covering = or_(*(and_(_T.c.first_date <= day, _T.c.last_date >= day) for day in days))
    rows = conn.execute(select(_T).where(_T.c.source_name == source_name, covering))
    return [_span(row) for row in rows]


def apply_plan(conn: Connection, source_name: str, plan: SpanPlan) -> None:
    """Write a plan's deletions, moves and insertions."""
    key = and_(_T.c.first_id == bindparam("b_first"), _T.c.record_key == bindparam("b_key"))
    if plan.deleted:
        conn.execute(
            delete(_T).where(key), [{"b_first": s.first.id, "b_key": s.record_key} for s in plan.deleted]
        )
    if plan.moved:
        conn.execute(
            update(_T)
            .where(key)
            .values(last_id=bindparam("b_last"), last_date=bindparam("b_last_date"), raw=bindparam("b_raw")),
            [
                {
                    "b_first": s.first.id,
                    "b_key": s.record_key,
                    "b_last": s.last.id,
                    "b_last_date": s.last.date,
                    "b_raw": s.raw,
                }
                for s in plan.moved
            ],
        )
    rows = [_row(source_name, span) for span in plan.inserted]
    for start in range(0, len(rows), _CHUNK):
        conn.execute(insert(_T), rows[start : start + _CHUNK])


def seen_by_claim(conn: Connection, claims: Sequence[Claim]) -> dict[str, tuple[date, ...]]:
    """For each state claim that starts a span: the dates of every snapshot of its run.

    A span has one state claim per list of its record; each of them gets the span's sightings.
    """
    states = [c for c in claims if c.kind == "state"]
    if not states:
        return {}
    entity_ids = sorted({c.entity_id for c in states})
    columns = (_T.c.first_id, _T.c.record_key, _T.c.source_name, _T.c.first_date, _T.c.last_date)
    rows: list[Any] = []
    if len(entity_ids) > _CHUNK * 4:
        rows = list(conn.execute(select(*columns)))
    else:
        for start in range(0, len(entity_ids), _CHUNK):
            chunk = entity_ids[start : start + _CHUNK]
            rows.extend(conn.execute(select(*columns).where(_T.c.entity_id.in_(chunk))))
    calendars: dict[str, list[date]] = {}
    by_key: dict[tuple[str, str], tuple[date, ...]] = {}
    for row in rows:
        days = calendars.get(row.source_name)
        if days is None:
            days = calendars[row.source_name] = [s.date for s in calendar(conn, row.source_name)]
        by_key[(row.first_id, row.record_key)] = sightings(row.first_date, row.last_date, days)
    out: dict[str, tuple[date, ...]] = {}
    for claim in states:
        found = by_key.get((claim.source_id, claim.record_key))
        if found:
            out[claim.id] = found
    return out


def _span(row: Any) -> Span:
    return Span(
        record_key=row.record_key,
        entity_id=row.entity_id,
        fingerprint=row.fingerprint,
        first=Snapshot(row.first_id, row.first_date),
        last=Snapshot(row.last_id, row.last_date),
        raw=row.raw,
    )


def _row(source_name: str, span: Span) -> dict[str, Any]:
    return {
        "first_id": span.first.id,
        "record_key": span.record_key,
        "source_name": source_name,
        "first_date": span.first.date,
        "last_id": span.last.id,
        "last_date": span.last.date,
        "entity_id": span.entity_id,
        "fingerprint": span.fingerprint,
        "raw": span.raw,
    }
