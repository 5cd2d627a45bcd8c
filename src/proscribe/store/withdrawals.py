"""Withdrawn list snapshots: which claims no read counts, and the store side of a withdrawal.

A snapshot is withdrawn by moving its row from `snapshots` to `withdrawn_snapshots` (with the
reason, who and when) and undoing what it did to the runs of its series: runs it started are
removed, runs it extended end again at the snapshot before it. Its claims stay stored (claims are
never deleted); `counted` keeps them out of every read. Only the latest snapshot of a series can
be withdrawn, so undoing its runs restores them exactly as they were before its import.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select, update

from proscribe.store import schema, spans

_W = schema.withdrawn_snapshots
_T = schema.record_spans
_S = schema.snapshots


def counted() -> ColumnElement[bool]:
    """The claims reads count: those whose source is not a withdrawn snapshot."""
    return schema.claims.c.source_id.not_in(select(_W.c.source_id))


def withdrawn_ids(conn: Connection) -> set[str]:
    """The source ids of every withdrawn snapshot."""
    return set(conn.execute(select(_W.c.source_id)).scalars())


def withdrawn_of(conn: Connection, source_name: str) -> list[dict[str, Any]]:
    """The withdrawn snapshots of one source, in the order they were withdrawn."""
    rows = conn.execute(select(_W).where(_W.c.source_name == source_name).order_by(_W.c.withdrawn_at))
    return [dict(row._mapping) for row in rows]


def withdraw(
    conn: Connection, snapshot_id: str, reason: str, decided_by: str | None, when: datetime
) -> tuple[set[str], int, int, int]:
    """Withdraw one held snapshot, the latest of its series (checked by the caller).

    Returns the entities whose timelines must be re-derived, how many claims cite the snapshot (now
    set aside), and how many runs were removed and how many shortened.
    """
    row = conn.execute(select(_S).where(_S.c.id == snapshot_id)).one()
    series = row.series or row.source_name
    earlier = [snap for snap in spans.calendar(conn, series) if snap.date < row.snapshot_date]
    touched = select(_T.c.entity_id).where((_T.c.first_id == snapshot_id) | (_T.c.last_id == snapshot_id))
    cited = select(schema.claims.c.entity_id).where(schema.claims.c.source_id == snapshot_id)
    entities = set(conn.execute(touched).scalars()) | set(conn.execute(cited).scalars())
    claims = conn.execute(select(func.count()).select_from(cited.subquery())).scalar_one()
    removed = conn.execute(delete(_T).where(_T.c.first_id == snapshot_id)).rowcount
    shortened = 0
    if earlier:
        before = earlier[-1]
        # A run that reached this snapshot without starting at it ran over the one before it too.
        shortened = conn.execute(
            update(_T).where(_T.c.last_id == snapshot_id).values(last_id=before.id, last_date=before.date)
        ).rowcount
    conn.execute(
        insert(_W).values(
            source_id=snapshot_id,
            source_name=row.source_name,
            series=row.series,
            snapshot_date=row.snapshot_date,
            sha256=row.sha256,
            filename=row.filename,
            record_count=row.record_count,
            reason=reason,
            decided_by=decided_by,
            withdrawn_at=when,
        )
    )
    conn.execute(delete(_S).where(_S.c.id == snapshot_id))
    return entities, int(claims), int(removed or 0), int(shortened or 0)


def later_in_series(conn: Connection, snapshot_id: str) -> tuple[str, date, list[tuple[str, date]]] | None:
    """The snapshot's source name, date and the snapshots of its series dated after it (None: not held)."""
    row = conn.execute(select(_S).where(_S.c.id == snapshot_id)).first()
    if row is None:
        return None
    series = row.series or row.source_name
    later = [(snap.id, snap.date) for snap in spans.calendar(conn, series) if snap.date > row.snapshot_date]
    return row.source_name, row.snapshot_date, later
