"""Runs of identical snapshots (record_spans) on real stores: any ingestion order, and nothing skipped.

The fixture series in tests/fixtures/lists/un has four snapshots:
- 2020-01-01: QDi.901, TAi.902, QDe.900 (first aliases), NAe.001 (unmapped list type);
- 2020-01-15: QDi.901, QDe.900 (one alias more), NAe.001; TAi.902 is missing;
- 2020-02-01: TAi.902, QDi.903 (new, dated), QDe.900, NAe.001; QDi.901 is gone;
- 2020-03-01: TAi.902, QDi.903, QDe.900, QDe.904 (new, undated); NAe.001 is gone.
Both backends run (PostgreSQL when PROSCRIBE_TEST_PG_URL is set); the reference is the series
ingested in date order into a SQLite file.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import FIXTURES
from sqlalchemy import select

from proscribe.ingest.lists import ingest_list
from proscribe.model import Claim, Timeline
from proscribe.query.common import timelines_known_by
from proscribe.store import Store, open_store, schema, writer

SOURCE = "un-sc-consolidated"
UN = FIXTURES / "un"
JAN1, JAN15, FEB1, MAR1 = date(2020, 1, 1), date(2020, 1, 15), date(2020, 2, 1), date(2020, 3, 1)
DAYS = (JAN1, JAN15, FEB1, MAR1)
FILES = {day: UN / f"un_{day.isoformat()}.xml" for day in DAYS}
ORDERS = {
    "date": (JAN1, JAN15, FEB1, MAR1),
    "reverse": (MAR1, FEB1, JAN15, JAN1),
    # Splits the TAi.902 run 01-01..03-01 at 01-15, then moves runs starting 03-01 back to 02-01.
    "shuffled": (JAN1, MAR1, JAN15, FEB1),
}


def _ingest(store: Store, order: Sequence[date]) -> None:
    for day in order:
        ingest_list(store, SOURCE, [FILES[day]])


@dataclass(frozen=True)
class Derived:
    """What a store holds, projected so that stores filled in different orders can be compared."""

    shapes: dict[tuple[str, str], tuple[Any, ...]]  # intervals and events, without claim ids or notes
    conflicts: dict[tuple[str, str], tuple[Any, ...]]  # (kind, description, window, resolution)
    notes: dict[tuple[str, str, str, str], str | None]  # (entity, list, action, date) -> event note
    states: dict[tuple[str, str, date], str | None]  # state of every timeline on every snapshot date
    # As known on each snapshot date K (query `as_of=K`): (K, entity, list, day) -> state on day.
    known: dict[tuple[date, str, str, date], str | None]
    events: set[tuple[str, str | None, str | None, str]]  # event claims: (key, list, action, date)
    state_claims: set[tuple[str, str | None, str]]  # state claims: (key, list, date)
    orphans: set[tuple[str, str | None, str]]  # state claims no run starts with (no sightings)
    spans: list[tuple[str, str, date, date]]  # (key, entity, first, last)


def _shape(timeline: Timeline) -> tuple[Any, ...]:
    intervals = tuple(
        (
            i.state,
            i.start.iso() if i.start else None,
            i.end.iso() if i.end else None,
            i.from_day,
            i.until_day,
            i.note,
            i.candidates,
        )
        for i in timeline.intervals
    )
    events = tuple((e.action, e.date.iso(), e.refuted) for e in timeline.events)
    return intervals, events


def _conflicts(timeline: Timeline) -> tuple[Any, ...]:
    return tuple(
        (c.kind, c.description, c.window.iso() if c.window else None, c.resolution)
        for c in timeline.conflicts
    )


def _derive(store: Store) -> Derived:
    reader = store.reader()
    timelines = reader.timelines()
    claims = reader.claims()
    states_claims = [c for c in claims if c.kind == "state"]
    seen = reader.sightings(states_claims)
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.record_spans)).all()
    entity_ids = sorted({c.entity_id for c in claims})
    known = {
        (as_of, t.entity_id, t.list_id, day): t.state_at(day)
        for as_of in DAYS
        for t in timelines_known_by(reader, entity_ids, (), as_of)
        for day in DAYS
    }
    return Derived(
        shapes={(t.entity_id, t.list_id): _shape(t) for t in timelines},
        conflicts={(t.entity_id, t.list_id): _conflicts(t) for t in timelines},
        notes={(t.entity_id, t.list_id, e.action, e.date.iso()): e.note for t in timelines for e in t.events},
        states={(t.entity_id, t.list_id, day): t.state_at(day) for t in timelines for day in DAYS},
        known=known,
        events={(c.record_key, c.list_id, c.action, c.date.iso()) for c in claims if c.kind == "event"},
        state_claims={(c.record_key, c.list_id, c.date.iso()) for c in states_claims},
        orphans={(c.record_key, c.list_id, c.date.iso()) for c in states_claims if not seen.get(c.id)},
        spans=sorted((r.record_key, r.entity_id, r.first_date, r.last_date) for r in rows),
    )


def _stored_timelines(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    t, e = schema.timelines, schema.events
    with store.engine.connect() as conn:
        columns = (t.c.entity_id, t.c.list_id, t.c.jurisdiction, t.c.data, t.c.conflicts, t.c.open_state)
        timelines = conn.execute(select(*columns, t.c.open_from).order_by(t.c.entity_id, t.c.list_id)).all()
        events = conn.execute(select(e).order_by(e.c.id)).all()
    return [tuple(row) for row in timelines], [tuple(row) for row in events]


def _rebuild_everything(store: Store) -> int:
    claims = schema.claims
    with store.begin() as conn:
        keys = conn.execute(
            select(claims.c.entity_id, claims.c.list_id).where(claims.c.list_id.is_not(None)).distinct()
        ).all()
        return writer.rebuild_timelines(conn, [(row.entity_id, row.list_id) for row in keys])


@pytest.fixture(scope="module")
def in_date_order(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Derived]:
    """The fixture series ingested in date order into a SQLite file."""
    folder = tmp_path_factory.mktemp("date-order")
    store = open_store(f"sqlite:///{folder / 'reference.db'}")
    store.init()
    _ingest(store, ORDERS["date"])
    yield _derive(store)
    store.dispose()


def test_the_series_in_date_order(in_date_order: Derived) -> None:
    assert in_date_order.spans == [
        ("NAe.001", "un-nae-001", JAN1, FEB1),
        ("QDe.900", "un-qde-900", JAN1, JAN1),
        ("QDe.900", "un-qde-900", JAN15, MAR1),
        ("QDe.904", "un-qde-904", MAR1, MAR1),
        ("QDi.901", "un-qdi-901", JAN1, JAN15),
        ("QDi.903", "un-qdi-903", FEB1, MAR1),
        ("TAi.902", "un-tai-902", JAN1, JAN1),
        ("TAi.902", "un-tai-902", FEB1, MAR1),
    ]
    assert in_date_order.events == {
        ("NAe.001", "un-consolidated", "delist", "2020-02-02/2020-03-01"),
        ("QDe.900", "un-1267", "amend", "2020-01-02/2020-01-15"),
        ("QDe.900", "un-1267", "list", "2014-05-14"),
        ("QDe.904", "un-1267", "list", "2020-02-02/2020-03-01"),
        ("QDi.901", "un-1267", "delist", "2020-01-16/2020-02-01"),
        ("QDi.901", "un-1267", "list", "2013-07-24"),
        ("QDi.903", "un-1267", "list", "2020-01-20"),
        # Its 2001 listing date is before un-1988 opened: on un-1267 until un-1988 took it over.
        ("TAi.902", "un-1267", "delist", "2011-06-17"),
        ("TAi.902", "un-1267", "list", "2001-01-25"),
        ("TAi.902", "un-1988", "delist", "2020-01-02/2020-01-15"),
        ("TAi.902", "un-1988", "list", "2011-06-17"),
        # Back on 02-01 with its 2001 listing date: that date is its first listing's, this is a re-listing.
        ("TAi.902", "un-1988", "relist", "2020-01-16/2020-02-01"),
    }
    # One state claim per run, and every one of them starts a run.
    assert in_date_order.state_claims == {
        ("NAe.001", "un-consolidated", "2020-01-01"),
        ("QDe.900", "un-1267", "2020-01-01"),
        ("QDe.900", "un-1267", "2020-01-15"),
        ("QDe.904", "un-1267", "2020-03-01"),
        ("QDi.901", "un-1267", "2020-01-01"),
        ("QDi.903", "un-1267", "2020-02-01"),
        ("TAi.902", "un-1988", "2020-01-01"),
        ("TAi.902", "un-1988", "2020-02-01"),
    }
    assert in_date_order.orphans == set()
    # TAi.902 was missing on 01-15 and back (with its 2001 listing date) on 02-01: re-listed, so the
    # later run's two sightings agree with the events (they were a conflict when the stated date
    # was taken for this listing's).
    assert in_date_order.conflicts.get(("un-tai-902", "un-1988"), ()) == ()
    assert {key: state for key, state in in_date_order.states.items() if key[2] in (JAN15, MAR1)} == {
        ("un-nae-001", "un-consolidated", JAN15): "listed",
        ("un-nae-001", "un-consolidated", MAR1): "not_listed",
        ("un-qde-900", "un-1267", JAN15): "listed",
        ("un-qde-900", "un-1267", MAR1): "listed",
        ("un-qde-904", "un-1267", JAN15): "not_listed",
        ("un-qde-904", "un-1267", MAR1): "listed",
        ("un-qdi-901", "un-1267", JAN15): "listed",
        ("un-qdi-901", "un-1267", MAR1): "not_listed",
        ("un-qdi-903", "un-1267", JAN15): "not_listed",
        ("un-qdi-903", "un-1267", MAR1): "listed",
        ("un-tai-902", "un-1267", JAN15): "not_listed",
        ("un-tai-902", "un-1267", MAR1): "not_listed",
        ("un-tai-902", "un-1988", JAN15): "not_listed",
        ("un-tai-902", "un-1988", MAR1): "listed",
    }


# Pairing 01-01 or 01-15 directly with 03-01 (before the snapshots between were held) gives
# wider windows; those claims stay (append-only) and merge into the events the narrow windows date.
_WIDER = {
    # Before 01-01 arrives, nothing shows TAi.902 before 01-15: its re-listing on 02-01 implies a
    # removal any time after it came onto the 1988 list (which took it over on 2011-06-17).
    "reverse": {("TAi.902", "un-1988", "delist", "2011-06-18/2020-01-15")},
    "shuffled": {
        ("TAi.902", "un-1988", "relist", "2020-01-16/2020-03-01"),
        ("NAe.001", "un-consolidated", "delist", "2020-01-02/2020-03-01"),
        ("NAe.001", "un-consolidated", "delist", "2020-01-16/2020-03-01"),
        ("QDe.900", "un-1267", "amend", "2020-01-02/2020-03-01"),
        ("QDe.904", "un-1267", "list", "2020-01-02/2020-03-01"),
        ("QDe.904", "un-1267", "list", "2020-01-16/2020-03-01"),
        ("QDi.901", "un-1267", "delist", "2020-01-02/2020-03-01"),
        ("QDi.901", "un-1267", "delist", "2020-01-16/2020-03-01"),
    },
}
# State claims of runs that a snapshot ingested later moved back or joined: they stay (append-only)
# but no run starts with them any more, so they have no sightings.
_LEFT_BEHIND = {
    "reverse": {
        ("NAe.001", "un-consolidated", "2020-01-15"),
        ("NAe.001", "un-consolidated", "2020-02-01"),
        ("QDe.900", "un-1267", "2020-02-01"),
        ("QDe.900", "un-1267", "2020-03-01"),
        ("QDi.901", "un-1267", "2020-01-15"),
        ("QDi.903", "un-1267", "2020-03-01"),
        ("TAi.902", "un-1988", "2020-03-01"),
    },
    "shuffled": {
        ("QDe.900", "un-1267", "2020-03-01"),
        ("QDi.903", "un-1267", "2020-03-01"),
        ("TAi.902", "un-1988", "2020-03-01"),
    },
}


@pytest.mark.parametrize("order", ["date", "reverse", "shuffled"])
def test_any_ingestion_order_derives_the_same_timelines(
    store: Store, in_date_order: Derived, order: str
) -> None:
    _ingest(store, ORDERS[order])
    derived = _derive(store)
    reference = in_date_order
    # The state of every entity on every list on every snapshot date, and the runs, are the same.
    assert derived.states == reference.states
    assert derived.spans == reference.spans
    if order == "date":
        assert derived == reference
        return
    assert derived.shapes == reference.shapes
    assert derived.events - reference.events == _WIDER[order]
    assert reference.events <= derived.events
    # The wider claims are coarser readings of the same entries: no event's note lists their dates.
    assert derived.notes == reference.notes
    assert derived.state_claims == reference.state_claims | _LEFT_BEHIND[order]
    assert derived.orphans == _LEFT_BEHIND[order]


@pytest.mark.parametrize("order", ["reverse", "shuffled"])
def test_any_ingestion_order_reports_the_same_conflicts(
    store: Store, in_date_order: Derived, order: str
) -> None:
    """The same conflicts whatever the order (none for TAi.902, re-listed on 02-01 after its 01-15
    delisting: the 03-01 state claim left behind when its run moved back to 02-01 must not make one).
    """
    _ingest(store, ORDERS[order])
    assert _derive(store).conflicts == in_date_order.conflicts


@pytest.mark.parametrize("order", ["reverse", "shuffled"])
def test_any_ingestion_order_gives_the_same_answers_as_of_each_snapshot(
    store: Store, in_date_order: Derived, order: str
) -> None:
    """As known on 02-01, QDi.903 (first shown on 02-01, LISTED_ON 2020-01-20) was not listed before.

    Ingested after 03-01, the 02-01 file shows QDi.903 byte for byte as 03-01 does, so the record
    is not parsed again; its run moves back to start at 02-01 and must still get the `list` event
    cited to 02-01, or as of 02-01 the listing date would be unknown.
    """
    _ingest(store, ORDERS[order])
    derived = _derive(store)
    pairs = {
        k: (in_date_order.known.get(k), derived.known.get(k)) for k in in_date_order.known | derived.known
    }
    assert {key: pair for key, pair in pairs.items() if pair[0] != pair[1]} == {}


@pytest.mark.parametrize("order", ["date", "reverse", "shuffled"])
def test_rebuilding_every_timeline_from_scratch_changes_nothing(store: Store, order: str) -> None:
    _ingest(store, ORDERS[order])
    before = _stored_timelines(store)
    # One per entity, and a second for TAi.902: on un-1267 until un-1988 took it over in 2011.
    assert len(before[0]) == 7
    assert _rebuild_everything(store) == 7
    assert _stored_timelines(store) == before


def test_every_order_of_the_series_agrees_on_states_and_skips_no_rebuild(
    tmp_path: Path, in_date_order: Derived
) -> None:
    """All 24 orders of the four snapshots (SQLite): same runs and states; no timeline left stale."""
    for number, order in enumerate(itertools.permutations(DAYS)):
        store = open_store(f"sqlite:///{tmp_path / f'order-{number}.db'}")
        store.init()
        _ingest(store, order)
        derived = _derive(store)
        assert (derived.states, derived.spans) == (in_date_order.states, in_date_order.spans), order
        assert in_date_order.events <= derived.events, order
        before = _stored_timelines(store)
        _rebuild_everything(store)
        assert _stored_timelines(store) == before, order
        store.dispose()


@pytest.mark.parametrize(
    ("order", "state_claims"),
    [
        ((JAN1, FEB1, MAR1), ["2020-01-01"]),
        # 03-01 first: its run of TAi.902 moves back to 01-01; the 03-01 state claim keeps no run.
        ((MAR1, JAN1, FEB1), ["2020-01-01", "2020-03-01"]),
    ],
)
def test_sightings_of_a_record_shown_by_every_snapshot(
    store: Store, order: tuple[date, ...], state_claims: list[str]
) -> None:
    _ingest(store, order)
    reader = store.reader()
    claims = reader.claims(entity_id="un-tai-902")
    states = sorted((c for c in claims if c.kind == "state"), key=_day)
    assert [_day(c) for c in states] == state_claims
    # The record is in all three snapshots held: its run's state claim is seen on every one of them.
    seen = reader.sightings(claims)
    assert {_day(c): seen[c.id] for c in states if seen.get(c.id)} == {"2020-01-01": (JAN1, FEB1, MAR1)}
    # 01-15 does not show TAi.902: the run splits into 01-01 and 02-01..03-01, the tail with a new
    # state claim cited to the 02-01 snapshot.
    ingest_list(store, SOURCE, [FILES[JAN15]])
    claims = reader.claims(entity_id="un-tai-902")
    states = sorted((c for c in claims if c.kind == "state"), key=_day)
    assert [_day(c) for c in states] == sorted([*state_claims, "2020-02-01"])
    seen = reader.sightings(claims)
    assert {_day(c): seen[c.id] for c in states if seen.get(c.id)} == {
        "2020-01-01": (JAN1,),
        "2020-02-01": (FEB1, MAR1),
    }
    [tail] = [c for c in states if _day(c) == "2020-02-01"]
    assert reader.sources_by_id([tail.source_id])[tail.source_id].published_on == FEB1


def _day(claim: Claim) -> str:
    return claim.date.iso()


def test_real_un_series_rebuilds_to_the_same_timelines(un_store: Store) -> None:
    """All 11 real UN snapshots (../shared; skipped when absent): re-deriving everything changes nothing."""
    with un_store.engine.connect() as conn:
        held = conn.execute(
            select(schema.snapshots.c.snapshot_date).order_by(schema.snapshots.c.snapshot_date)
        )
        assert len(held.all()) == 11
    before = _stored_timelines(un_store)
    rebuilt = _rebuild_everything(un_store)
    assert rebuilt == len(before[0])
    assert _stored_timelines(un_store) == before
