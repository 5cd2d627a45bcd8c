"""Whole lists that leave out an entry another source, numbering entries alike, dates on them before.

OFAC publishes its lists in several formats whose entries share one numbering (the `ofac`
prefix). Its enhanced XML of 2025-01-10 dates entry 19640 on the SDN list from 2016-09-01 (the
day it entered the sectoral list); the whole SDN CSV sets of 2019-01-15 and 2021-07-07 do not
show it. Each such whole list is evidence the entry was not on the list that day: a `not_listed`
state claim (`resolve.snapshots.unlisted_claims`), which the resolver reports as a conflict with
the stated date instead of a listing unbroken since 2016.

Pairs are found from either side, so the claims are the same in any import order: a whole
snapshot just imported is checked against the other sources' held entries, and a snapshot
stating listing dates against the other sources' held whole snapshots. Only sources of the same
prefix are compared (their record keys name the same entries), and only a whole snapshot of a
source's own list (`list` in its metadata) proves an absence. A whole snapshot leaving out more
such entries than CUT_SHARE of the records it holds (and at least CUT_ENTRIES) looks cut, or like
an excerpt imported as the whole list: its absences are not read, and the import says so.

Each claim records its grounds (`claim_grounds`): the snapshots stating the listing date. Withdraw
every one of them and no read counts the claim, as the store would be had they never been held.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import select

from proscribe.model import Claim, Source
from proscribe.resolve.snapshots import SnapshotView, decode_fingerprint, listed_on_of, unlisted_claims
from proscribe.resolve.spans import Snapshot
from proscribe.sources.meta import SourceMeta, all_sources
from proscribe.store import Store, schema, spans

# (claim id, source id of a snapshot whose stated date prompted the claim)
Ground = tuple[str, str]


def partners(meta: SourceMeta) -> list[SourceMeta]:
    """The other full-list sources numbering entries as `meta` does (same entity prefix)."""
    return [
        other
        for other in all_sources().values()
        if other.entity_prefix == meta.entity_prefix and other.id != meta.id and other.mode == "full"
    ]


# Real whole lists leave out a few entries another format dates on them (OFAC's SDN CSV set of
# 2019, 7,000 records, leaves out 20 its enhanced XML dates); a 2-entry excerpt read as whole, 210.
CUT_SHARE = 0.25
CUT_ENTRIES = 10


def across_sources(
    store: Store,
    meta: SourceMeta,
    source: Source,
    current: SnapshotView,
    whole: bool,
    jurisdictions: Mapping[str, str],
) -> tuple[list[Claim], list[Ground], list[str]]:
    """The `not_listed` claims the new snapshot pairs with the other sources' held snapshots, their
    grounds, and what the import report says of whole snapshots that look cut."""
    others = partners(meta)
    if not others:
        return [], [], []
    claims: list[Claim] = []
    grounds: list[Ground] = []
    warnings: list[str] = []
    if whole and meta.mode == "full":
        here, grounds = _left_out_here(store, meta, others, source, current, jurisdictions, warnings)
        claims += here
    there = _left_out_there(store, others, current, jurisdictions, warnings)
    claims += there
    grounds += [(claim.id, source.id) for claim in there]
    return claims, sorted(set(grounds)), warnings


def _looks_cut(absent: int, records: int) -> bool:
    return absent >= CUT_ENTRIES and absent > CUT_SHARE * records


def _cut_warning(meta: SourceMeta, day: date, absent: int, records: int) -> str:
    return (
        f"the whole {meta.id} snapshot of {day.isoformat()} ({records} records) leaves out {absent} "
        f"entries that other sources numbering entries alike date on {meta.list} before that day: it "
        "looks cut, or like a part of the list, so nothing is read into what it leaves out. If it is "
        "a part, withdraw it (`proscribe sources withdraw`) and import it again with --partial"
    )


def _left_out_here(
    store: Store,
    meta: SourceMeta,
    others: Sequence[SourceMeta],
    source: Source,
    current: SnapshotView,
    jurisdictions: Mapping[str, str],
    warnings: list[str],
) -> tuple[list[Claim], list[Ground]]:
    """Entries the other sources show later, dated on this source's list before this whole snapshot,
    each with the later snapshots showing it so dated."""
    runs = schema.record_spans
    shown = current.memberships()
    absent: dict[tuple[str, str, str], set[str]] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                runs.c.record_key, runs.c.entity_id, runs.c.fingerprint, runs.c.first_id, runs.c.last_date
            ).where(
                runs.c.source_name.in_(sorted(other.id for other in others)), runs.c.last_date > current.date
            )
        ).all()
        found = []
        for key, entity_id, stored, first_id, last_date in rows:
            if meta.list not in decode_fingerprint(stored)[1]:
                continue
            stated = listed_on_of(stored, meta.list)
            if stated is not None and stated < current.date and (key, meta.list) not in shown:
                found.append((key, entity_id, first_id, last_date))
        series = spans.series_of(conn, {first_id for _, _, first_id, _ in found})
        calendars = {name: spans.calendar(conn, name) for name in set(series.values())}
    for key, entity_id, first_id, last_date in found:
        run = calendars[series[first_id]]
        start = next(snap.date for snap in run if snap.id == first_id)
        later = {snap.id for snap in run if start <= snap.date <= last_date and snap.date > current.date}
        absent.setdefault((key, entity_id, meta.list), set()).update(later)
    missing = len({key for key, _, _ in absent})
    if _looks_cut(missing, len(current.entities)):
        warnings.append(_cut_warning(meta, current.date, missing, len(current.entities)))
        return [], []
    claims = unlisted_claims(source, current.date, absent, jurisdictions)
    grounds = [
        (claim.id, ground)
        for claim in claims
        for ground in absent[(claim.record_key, claim.entity_id, claim.list_id or "")]
    ]
    return claims, grounds


def _left_out_there(
    store: Store,
    others: Sequence[SourceMeta],
    current: SnapshotView,
    jurisdictions: Mapping[str, str],
    warnings: list[str],
) -> list[Claim]:
    """Entries this snapshot dates on another source's list before a whole snapshot of it leaving them out."""
    dated: dict[str, list[tuple[str, date]]] = {}
    for (key, list_id), stated in current.stated.items():
        if stated < current.date:
            dated.setdefault(list_id, []).append((key, stated))
    claims: list[Claim] = []
    for other in others:
        entries = dated.get(other.list)
        if not entries:
            continue
        earliest = min(stated for _, stated in entries)
        with store.engine.connect() as conn:
            between = [s for s in spans.calendar(conn, other.id) if earliest < s.date < current.date]
        for snapshot in between:
            claims += _absent_from(store, other, snapshot, entries, current, jurisdictions, warnings)
    return claims


def _absent_from(
    store: Store,
    other: SourceMeta,
    snapshot: Snapshot,
    entries: Sequence[tuple[str, date]],
    current: SnapshotView,
    jurisdictions: Mapping[str, str],
    warnings: list[str],
) -> list[Claim]:
    with store.engine.connect() as conn:
        covering = spans.spans_covering(conn, other.id, other.id, [snapshot])
    held = [span for span in covering if span.covers(snapshot.date)]
    shown = {span.record_key for span in held if other.list in decode_fingerprint(span.fingerprint)[1]}
    absent = [
        (key, current.entities[key], other.list)
        for key, stated in entries
        if stated < snapshot.date and key not in shown
    ]
    if not absent:
        return []
    records = len({span.record_key for span in held})
    if _looks_cut(len(absent), records):
        warnings.append(_cut_warning(other, snapshot.date, len(absent), records))
        return []
    cited = store.reader().sources_by_id([snapshot.id])[snapshot.id]
    return unlisted_claims(cited, snapshot.date, absent, jurisdictions)
