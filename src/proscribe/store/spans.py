"""Store side of snapshot runs (proscribe.resolve.spans): read them, apply a plan, derive sightings."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, or_, select

from proscribe.model import Claim
from proscribe.resolve.spans import Snapshot, Span, SpanPlan, sightings
from proscribe.store import bulk, schema

_CHUNK = 500
_T = schema.record_spans


_S = schema.snapshots
# Snapshots stored before series existed belong to their source's whole-list series.
_series = func.coalesce(_S.c.series, _S.c.source_name)


def calendar(conn: Connection, series: str) -> list[Snapshot]:
    """The held snapshots of a series (for a whole list: the source's name), oldest first."""
    rows = conn.execute(
        select(_S.c.id, _S.c.snapshot_date, _S.c.unstated)
        .where(_series == series)
        .order_by(_S.c.snapshot_date, _S.c.id)
    )
    return [Snapshot(row.id, row.snapshot_date, _facets(row.unstated)) for row in rows]


def partial_snapshots(conn: Connection, source_name: str) -> list[tuple[Snapshot, str]]:
    """The held partial snapshots of a source (absence in them proves nothing), oldest first, each
    with its series."""
    rows = conn.execute(
        select(_S.c.id, _S.c.snapshot_date, _S.c.unstated, _series.label("series"))
        .where(_S.c.source_name == source_name, _S.c.partial.is_(True))
        .order_by(_S.c.snapshot_date, _S.c.id)
    )
    return [(Snapshot(row.id, row.snapshot_date, _facets(row.unstated)), row.series) for row in rows]


def entities_with_runs(conn: Connection) -> list[str]:
    """Every entity some held run of a list record is about."""
    return sorted(conn.execute(select(_T.c.entity_id).distinct()).scalars())


def series_of(conn: Connection, snapshot_ids: Iterable[str]) -> dict[str, str]:
    """The series of each held snapshot named (for a whole list: its source's name)."""
    wanted = sorted(set(snapshot_ids))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        rows = conn.execute(select(_S.c.id, _series).where(_S.c.id.in_(wanted[start : start + 500])))
        found.update((row[0], row[1]) for row in rows)
    return found


def _facets(stored: str | None) -> frozenset[str]:
    return frozenset(stored.split(",")) if stored else frozenset()


def spans_covering(
    conn: Connection, source_name: str, series: str, snapshots: Iterable[Snapshot | None]
) -> list[Span]:
    """Every span of the source's `series` that runs over one of the given snapshots."""
    days = [s.date for s in snapshots if s is not None]
    if not days:
        return []
    covering = or_(*(and_(_T.c.first_date <= day, _T.c.last_date >= day) for day in days))
    columns = (_T.c.record_key, _T.c.entity_id, _T.c.fingerprint, _T.c.first_id, _T.c.first_date)
    rest = (_T.c.last_id, _T.c.last_date, _T.c.raw, _T.c.names, _T.c.details)
    query = select(*columns, *rest).where(_T.c.source_name == source_name, covering)
    if _has_other_series(conn, source_name):
        query = query.where(_T.c.first_id.in_(select(_S.c.id).where(_series == series)))
    rows = conn.execute(query).all()  # one fetch, not a driver call per row
    # Positional rows and one Snapshot per held snapshot: a routine update reads every run of the list.
    made: dict[str, Snapshot] = {}

    def snapshot(snapshot_id: str, day: date) -> Snapshot:
        found = made.get(snapshot_id)
        if found is None:
            found = made[snapshot_id] = Snapshot(snapshot_id, day)
        return found

    return [
        Span(
            key,
            entity_id,
            fingerprint,
            snapshot(first_id, first_day),
            snapshot(last_id, last_day),
            raw,
            names,
            details,
        )
        for key, entity_id, fingerprint, first_id, first_day, last_id, last_day, raw, names, details in rows
    ]


def apply_plan(conn: Connection, source_name: str, plan: SpanPlan) -> None:
    """Write a plan's deletions, moves and insertions."""
    key = and_(_T.c.first_id == bindparam("b_first"), _T.c.record_key == bindparam("b_key"))
    if plan.deleted:
        conn.execute(
            delete(_T).where(key), [{"b_first": s.first.id, "b_key": s.record_key} for s in plan.deleted]
        )
    bulk.update_rows(
        conn,
        _T,
        ("first_id", "record_key"),
        [
            {
                "last_id": s.last.id,
                "last_date": s.last.date,
                "raw": s.raw,
                "names": s.names,
                "details": s.details,
                "first_id": s.first.id,
                "record_key": s.record_key,
            }
            for s in plan.moved
        ],
    )
    bulk.insert_rows(conn, _T, [_row(source_name, span) for span in plan.inserted])


def _has_other_series(conn: Connection, source_name: str) -> bool:
    """True when some snapshot of the source is outside its whole-list series (the usual case: none)."""
    query = select(_S.c.id).where(_S.c.source_name == source_name, _series != source_name).limit(1)
    return conn.execute(query).first() is not None


def seen_by_claim(
    conn: Connection, claims: Sequence[Claim], entity_ids: Collection[str] | None = None
) -> dict[str, tuple[date, ...]]:
    """For each state claim of a list snapshot: the dates of the snapshots it stands for.

    Runs are looked up by the entity they are stored under: the claims' own entities, or
    `entity_ids` when given (claims read as the entity theirs was merged into: see
    `Reader.sightings`, which passes the merged entities too).

    A claim that starts a run stands for every snapshot of the run (a span has one state claim
    per list of its record; each gets the run's sightings). A claim whose run was later moved
    back or joined to an earlier one (snapshots imported out of order; or every snapshot's own
    claim in a store migrated from per-snapshot claims) lies inside another run of the same
    record, which already counts its snapshot: it stands for none (an empty tuple). Claims of
    other sources are not in the answer (they count on their own date).
    """
    states = [c for c in claims if c.kind == "state"]
    if not states:
        return {}
    entity_ids = sorted({c.entity_id for c in states} if entity_ids is None else set(entity_ids))
    columns = (_T.c.first_id, _T.c.record_key, _T.c.source_name, _T.c.first_date, _T.c.last_date)
    rows: list[Any] = []
    if len(entity_ids) > _CHUNK * 4:
        rows = list(conn.execute(select(*columns)))
    else:
        for start in range(0, len(entity_ids), _CHUNK):
            chunk = entity_ids[start : start + _CHUNK]
            rows.extend(conn.execute(select(*columns).where(_T.c.entity_id.in_(chunk))))
    # Every snapshot of the sources involved, by id: (series, date); and each series' dates.
    held: dict[str, tuple[str, date]] = {}
    calendars: dict[str, list[date]] = {}
    sources = sorted({row.source_name for row in rows})
    if sources:
        query = (
            select(_S.c.id, _series, _S.c.snapshot_date)
            .where(_S.c.source_name.in_(sources))
            .order_by(_S.c.snapshot_date, _S.c.id)
        )
        for snapshot_id, series, day in conn.execute(query):
            held[snapshot_id] = (series, day)
            calendars.setdefault(series, []).append(day)
    starts: dict[tuple[str, str], tuple[date, ...]] = {}
    runs: dict[tuple[str, str], list[tuple[date, date]]] = {}  # (series, key) -> extents
    for row in rows:
        series = held[row.first_id][0]
        starts[(row.first_id, row.record_key)] = sightings(row.first_date, row.last_date, calendars[series])
        runs.setdefault((series, row.record_key), []).append((row.first_date, row.last_date))
    out: dict[str, tuple[date, ...]] = {}
    for claim in states:
        found = starts.get((claim.source_id, claim.record_key))
        if found is not None:
            out[claim.id] = found
        elif claim.source_id in held:
            series, day = held[claim.source_id]
            extents = runs.get((series, claim.record_key), ())
            if any(first <= day <= last for first, last in extents):
                out[claim.id] = ()
    return out


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
        "names": span.names,
        "details": span.details,
    }
