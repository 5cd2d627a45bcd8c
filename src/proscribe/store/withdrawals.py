"""Withdrawn list snapshots and superseded claims: which claims no read counts, and the store side of
a withdrawal.

A snapshot is withdrawn by moving its row from `snapshots` to `withdrawn_snapshots` (with the
reason, who and when) and undoing what it did to the runs of its series: runs it started are
removed, runs it extended end again at the snapshot before it. Its claims stay stored (claims are
never deleted); `counted` keeps them out of every read, and the claims other snapshots made on its
word alone (`claim_grounds`) too. Only the latest snapshot of a series can
be withdrawn, so undoing its runs restores them exactly as they were before its import.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, delete, func, insert, select, update

from proscribe.model import Claim
from proscribe.store import judgements, schema, spans
from proscribe.store.codec import claim_from_row

_W = schema.withdrawn_snapshots
_G = schema.claim_grounds
_T = schema.record_spans
_S = schema.snapshots
_X = schema.superseded_claims
_R = schema.claim_rejections
_CHUNK = 500  # entity ids per IN (...) list, well under every backend's bound-parameter limit


def counted() -> ColumnElement[bool]:
    """The claims reads count: not cited to a withdrawn snapshot, nor grounded on withdrawn ones only,
    nor superseded (a claim the bundled dataset, or an article read again, no longer makes), nor
    rejected by an analyst."""
    withdrawn = select(_W.c.source_id)
    standing = select(_G.c.claim_id).where(_G.c.source_id.not_in(withdrawn))
    fallen = select(_G.c.claim_id).where(_G.c.source_id.in_(withdrawn), _G.c.claim_id.not_in(standing))
    return and_(
        schema.claims.c.source_id.not_in(withdrawn),
        schema.claims.c.id.not_in(fallen),
        schema.claims.c.id.not_in(select(_X.c.claim_id)),
        schema.claims.c.id.not_in(rejected()),
    )


def rejected() -> Select[tuple[str]]:
    """The ids of the claims an analyst's rejection in force sets aside (proscribe.ingest.rejections)."""
    return select(_R.c.claim_id).where(_R.c.restored_at.is_(None))


def supersede_dataset_claims(
    conn: Connection, record_key: str, current: set[str], reason: str, when: datetime
) -> tuple[list[tuple[str, str]], int, int]:
    """Set aside the stored claims of the bundled dataset (`record_key`) that it no longer makes.

    `current` holds the ids of the claims the dataset makes now (see `supersede_claims`). Returns
    the (entity, list) timelines to re-derive, and how many claims were set aside and restored.
    """
    aside, revived = supersede_claims(conn, schema.claims.c.record_key == record_key, current, reason, when)
    keys = [(claim.entity_id, claim.list_id or "") for claim in (*aside, *revived)]
    return keys, len(aside), len(revived)


def supersede_claims(
    conn: Connection, scope: ColumnElement[bool], current: set[str], reason: str, when: datetime
) -> tuple[list[Claim], list[Claim]]:
    """Set aside the stored claims in `scope` that a fresh reading of their source no longer makes.

    `scope` selects every claim one reading has the whole say on (the bundled dataset's; those
    read from some news articles); `current` holds the ids of the claims the reading makes now.
    Claims are never deleted: the superseded stay stored, and `counted` keeps them out of every
    read; one made again counts again. Returns the claims set aside and the ones restored, in id
    order: their timelines must be re-derived.
    """
    c = schema.claims
    standing = select(c).where(scope, c.c.id.not_in(select(_X.c.claim_id))).order_by(c.c.id)
    stale = [claim_from_row(row) for row in conn.execute(standing) if row.id not in current]
    if stale:
        rows = [{"claim_id": claim.id, "reason": reason, "superseded_at": when} for claim in stale]
        conn.execute(insert(_X), rows)
    # A claim made again (a correction taken back, an earlier reading restored) counts again.
    revived: list[Claim] = []
    wanted = sorted(current)
    for start in range(0, len(wanted), _CHUNK):
        fallen = select(c).join(_X, _X.c.claim_id == c.c.id).where(c.c.id.in_(wanted[start : start + _CHUNK]))
        revived.extend(claim_from_row(row) for row in conn.execute(fallen.order_by(c.c.id)))
    if revived:
        conn.execute(delete(_X).where(_X.c.claim_id.in_([claim.id for claim in revived])))
    return stale, revived


def _falling(conn: Connection, snapshot_id: str) -> list[tuple[str, str]]:
    """The (claim, entity) pairs grounded on the snapshot and on no other held snapshot."""
    others = select(_G.c.claim_id).where(
        _G.c.source_id != snapshot_id, _G.c.source_id.not_in(select(_W.c.source_id))
    )
    query = (
        select(schema.claims.c.id, schema.claims.c.entity_id)
        .join(_G, _G.c.claim_id == schema.claims.c.id)
        .where(_G.c.source_id == snapshot_id, _G.c.claim_id.not_in(others))
    )
    return [(row.id, row.entity_id) for row in conn.execute(query)]


def withdrawn_ids(conn: Connection) -> set[str]:
    """The source ids of every withdrawn snapshot."""
    return set(conn.execute(select(_W.c.source_id)).scalars())


def withdrawn_of(conn: Connection, source_name: str) -> list[dict[str, Any]]:
    """The withdrawn snapshots of one source, in the order they were withdrawn."""
    rows = conn.execute(select(_W).where(_W.c.source_name == source_name).order_by(_W.c.withdrawn_at))
    return [dict(row._mapping) for row in rows]


def withdraw(
    conn: Connection, snapshot_id: str, reason: str, decided_by: str | None, when: datetime
) -> tuple[set[str], int]:
    """Withdraw one held snapshot, the latest of its series (checked by the caller).

    Returns the entities whose timelines must be re-derived and how many claims cite the snapshot
    (now set aside); `run_ends` before and after says what it did to the runs.
    """
    row = conn.execute(select(_S).where(_S.c.id == snapshot_id)).one()
    series = row.series or row.source_name
    earlier = [snap for snap in spans.calendar(conn, series) if snap.date < row.snapshot_date]
    entities = touched_entities(conn, snapshot_id)
    cited = select(schema.claims.c.entity_id).where(schema.claims.c.source_id == snapshot_id)
    claims = conn.execute(select(func.count()).select_from(cited.subquery())).scalar_one()
    claims += len(_falling(conn, snapshot_id))
    conn.execute(delete(_T).where(_T.c.first_id == snapshot_id))
    if earlier:
        before = earlier[-1]
        # A run that reached this snapshot without starting at it ran over the one before it too.
        conn.execute(
            update(_T).where(_T.c.last_id == snapshot_id).values(last_id=before.id, last_date=before.date)
        )
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
    return entities, int(claims)


def run_ends(
    conn: Connection, starting: Collection[str] = (), reaching: Collection[str] = ()
) -> dict[tuple[str, str], str]:
    """The runs that start at one of the `starting` snapshots or end at one of the `reaching` ones,
    as (first snapshot id, record key) -> last snapshot id.

    Read before and after a withdrawal of several snapshots, it gives the net count of the runs
    removed and shortened: a run two of them shortened in turn counts once.
    """
    found: dict[tuple[str, str], str] = {}
    for column, ids in ((_T.c.first_id, sorted(starting)), (_T.c.last_id, sorted(reaching))):
        for start in range(0, len(ids), _CHUNK):
            query = select(_T.c.first_id, _T.c.record_key, _T.c.last_id).where(
                column.in_(ids[start : start + _CHUNK])
            )
            found.update(((row.first_id, row.record_key), row.last_id) for row in conn.execute(query))
    return found


def description(conn: Connection, snapshot_id: str) -> dict[str, str]:
    """A held snapshot as an analyst finds its file again: id, date, file names and sha256."""
    row = conn.execute(select(_S).where(_S.c.id == snapshot_id)).one()
    return {
        "id": row.id,
        "date": row.snapshot_date.isoformat(),
        "files": row.filename or "",
        "sha256": row.sha256,
    }


def touched_entities(conn: Connection, snapshot_id: str) -> set[str]:
    """The entities a withdrawal of the snapshot touches: those its claims, its runs or the claims
    grounded on it alone are about."""
    touched = select(_T.c.entity_id).where((_T.c.first_id == snapshot_id) | (_T.c.last_id == snapshot_id))
    cited = select(schema.claims.c.entity_id).where(schema.claims.c.source_id == snapshot_id)
    grounded = {entity_id for _, entity_id in _falling(conn, snapshot_id)}
    return set(conn.execute(touched).scalars()) | set(conn.execute(cited).scalars()) | grounded


DerivedEvent = tuple[
    str, str, str, str, str, str, bool
]  # entity id, name, jurisdiction, list, action, date, refuted


def derived_events(conn: Connection, entity_ids: set[str]) -> set[DerivedEvent]:
    """The stored events of the entities (read as the canonical entity each was merged into, if any).

    Compared before and after a withdrawal, they say which events it takes back (and which it
    brings back: a delisting the withdrawn snapshot had made the last word on, say).
    """
    merged = judgements.canonical_map(conn)
    owners = sorted({merged.get(entity_id, entity_id) for entity_id in entity_ids})
    e = schema.events
    found: set[DerivedEvent] = set()
    for start in range(0, len(owners), _CHUNK):
        query = (
            select(e.c.entity_id, schema.entities.c.name, e.c.jurisdiction, e.c.list_id)
            .add_columns(e.c.action, e.c.date_text, e.c.refuted)
            .join(schema.entities, schema.entities.c.id == e.c.entity_id)
            .where(e.c.entity_id.in_(owners[start : start + _CHUNK]))
        )
        found.update(
            (r.entity_id, r.name, r.jurisdiction, r.list_id, r.action, r.date_text, bool(r.refuted))
            for r in conn.execute(query)
        )
    return found


def later_in_series(conn: Connection, snapshot_id: str) -> tuple[str, date, list[tuple[str, date]]] | None:
    """The snapshot's source name, date and the later snapshots compared with it (None: not held).

    Those are the snapshots of its series dated after it and, across a partial snapshot and the
    whole list: for a partial one, the first whole snapshot after it; for a whole one, the partial
    snapshots after it up to the next whole one.
    """
    row = conn.execute(select(_S).where(_S.c.id == snapshot_id)).first()
    if row is None:
        return None
    day, source = row.snapshot_date, row.source_name
    series = row.series or source
    later = [(snap.id, snap.date) for snap in spans.calendar(conn, series) if snap.date > day]
    wholes = [snap for snap in spans.calendar(conn, source) if snap.date > day]
    if row.partial:
        later += [(snap.id, snap.date) for snap in wholes[:1]]
    elif series == source:
        until = wholes[0].date if wholes else None
        later += [
            (snap.id, snap.date)
            for snap, _ in spans.partial_snapshots(conn, source)
            if day < snap.date and (until is None or snap.date < until)
        ]
    return source, day, sorted(later, key=lambda item: item[1])
