"""Runs of list snapshots: how a new snapshot extends, splits or starts the runs of its records.

A list is re-published often (the UN daily, OFAC several times a week) and almost all of it is
the same as last time. Writing one state claim per record per snapshot would grow the store with
every download and re-derive every timeline each time. Instead, a *span* is a run of consecutive
held snapshots of one source that show a record unchanged (same entity, same fingerprint):
- the span's first snapshot makes the state claims (`listed` on its date, one per list);
- later snapshots of the run only move the span's end (its *sightings* are the held snapshot
  dates from its first to its last; the resolver reads them, see resolve.timeline rule 11).

`plan_snapshot` is pure: given the spans around a new snapshot's date and what the snapshot shows,
it says which spans to insert, move or delete, and which spans start (and so need state claims).
Snapshots may arrive in any order: one falling between two held snapshots A < D < B can split a
span that ran across it, move a span that started at B back to D, or join the spans ending at A
and starting at B.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A held snapshot of a source: its id (= the id of its Source) and its date.

    `unstated` names the facets its input leaves out (proscribe.sources.records.FACETS); it does
    not take part in equality (a snapshot is its id and date).
    """

    id: str
    date: date
    unstated: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass(frozen=True, slots=True)
class Span:
    """A run of consecutive held snapshots of one source showing one record unchanged."""

    record_key: str
    entity_id: str
    fingerprint: str
    first: Snapshot
    last: Snapshot
    raw: str | None = None
    # The names the record states (see resolve.snapshots.encode_names); None for runs stored
    # before runs kept them.
    names: str | None = None
    # What the record states beyond its names (resolve.snapshots.encode_details); None for runs
    # stored before runs kept it.
    details: str | None = None

    def covers(self, day: date) -> bool:
        """True when the run includes the snapshot of `day`."""
        return self.first.date <= day <= self.last.date

    def ending(self, last: Snapshot, raw: str | None = None, shown: Shown | None = None) -> Span:
        """The same run ending at `last`, with `raw` when given.

        `raw` is the run's latest record digest; the record as `shown` fills in the run's names
        and details only where it has none (runs stored before runs kept them).
        """
        return Span(
            self.record_key,
            self.entity_id,
            self.fingerprint,
            self.first,
            last,
            raw or self.raw,
            self.names or (shown.names if shown else None),
            self.details or (shown.details if shown else None),
        )

    def starting(self, first: Snapshot, raw: str | None = None, shown: Shown | None = None) -> Span:
        """The same run starting at `first`; `raw` and `shown` as for `ending`."""
        return Span(
            self.record_key,
            self.entity_id,
            self.fingerprint,
            first,
            self.last,
            raw or self.raw,
            self.names or (shown.names if shown else None),
            self.details or (shown.details if shown else None),
        )


@dataclass(frozen=True, slots=True)
class Shown:
    """What the new snapshot shows for one record key."""

    entity_id: str
    fingerprint: str
    raw: str | None = None
    names: str | None = None
    details: str | None = None


@dataclass
class SpanPlan:
    """The changes one snapshot makes to the spans of its source."""

    # Spans that start here need state claims citing their first snapshot: the new one, or the
    # later neighbour for the tail of a run the new snapshot splits.
    inserted: list[Span] = field(default_factory=list)
    moved: list[Span] = field(default_factory=list)  # same first snapshot and key, new end or raw
    deleted: list[Span] = field(default_factory=list)
    # Runs whose only change is one more sighting (the new date): most of a routine update.
    grown: list[Span] = field(default_factory=list)
    # Entities whose runs changed in any other way (start, split, join): their timelines change.
    reshaped: set[str] = field(default_factory=set)


def plan_snapshot(
    new: Snapshot,
    shown: Mapping[str, Shown],
    earlier: Snapshot | None,
    later: Snapshot | None,
    around: Sequence[Span],
) -> SpanPlan:
    """How the spans change when `new` (between held snapshots `earlier` and `later`) is added.

    `around` holds every span of the source covering `earlier` or `later`.
    """
    by_key_a: dict[str, Span] = {}
    by_key_b: dict[str, Span] = {}
    for span in around:
        if earlier is not None and span.covers(earlier.date):
            by_key_a[span.record_key] = span
        if later is not None and span.covers(later.date):
            by_key_b[span.record_key] = span
    plan = SpanPlan()
    for key in sorted(set(shown) | set(by_key_a) | set(by_key_b)):
        record = shown.get(key)
        a = by_key_a.get(key)
        b = by_key_b.get(key)
        if a is not None and a is b:
            if record is not None and _same(a, record):
                plan.grown.append(a)  # the run already spans the new date: one more sighting
                if _fills(a, record):
                    plan.moved.append(a.ending(a.last, None, record))
                continue
            assert earlier is not None and later is not None
            plan.moved.append(a.ending(earlier))
            plan.inserted.append(a.starting(later))
            plan.reshaped.add(a.entity_id)
            if record is not None:
                plan.inserted.append(_fresh(key, record, new))
                plan.reshaped.add(record.entity_id)
            continue
        extend = a is not None and record is not None and _same(a, record)
        join = b is not None and record is not None and _same(b, record)
        if a is not None and extend and b is not None and join:
            plan.moved.append(a.ending(b.last, _raw(record, a), record))
            plan.deleted.append(b)
            plan.reshaped.add(a.entity_id)
        elif a is not None and extend:
            plan.moved.append(a.ending(new, _raw(record, a), record))
            plan.grown.append(a)
        elif b is not None and join:
            plan.deleted.append(b)
            plan.inserted.append(b.starting(new, _raw(record, b), record))
            plan.reshaped.add(b.entity_id)
        elif record is not None:
            plan.inserted.append(_fresh(key, record, new))
            plan.reshaped.add(record.entity_id)
    return plan


def sightings(span_first: date, span_last: date, calendar: Sequence[date]) -> tuple[date, ...]:
    """The held snapshot dates (sorted `calendar`) a span runs over."""
    start = bisect.bisect_left(calendar, span_first)
    end = bisect.bisect_right(calendar, span_last)
    return tuple(calendar[start:end])


def _same(span: Span, record: Shown) -> bool:
    return span.entity_id == record.entity_id and span.fingerprint == record.fingerprint


def _raw(record: Shown | None, span: Span) -> str | None:
    return record.raw if record is not None and record.raw is not None else span.raw


def _fills(span: Span, record: Shown) -> bool:
    """True when the record as shown gives the run names or details it lacks."""
    return (span.names is None and record.names is not None) or (
        span.details is None and record.details is not None
    )


def _fresh(key: str, record: Shown, new: Snapshot) -> Span:
    return Span(key, record.entity_id, record.fingerprint, new, new, record.raw, record.names, record.details)
