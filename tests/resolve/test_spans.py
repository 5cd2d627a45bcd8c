"""Runs of list snapshots (proscribe.resolve.spans) and how the resolver reads their sightings (rule 11)."""

from __future__ import annotations

from datetime import date

from proscribe.model import Claim, Conflict, PartialDate
from proscribe.resolve.spans import Shown, Snapshot, Span, SpanPlan, plan_snapshot, sightings
from proscribe.resolve.timeline import resolve_timeline

S0 = Snapshot("snap-2019-12-01", date(2019, 12, 1))
S1 = Snapshot("snap-2020-01-01", date(2020, 1, 1))
S2 = Snapshot("snap-2020-02-01", date(2020, 2, 1))
S3 = Snapshot("snap-2020-03-01", date(2020, 3, 1))
S4 = Snapshot("snap-2020-04-01", date(2020, 4, 1))


def span(
    key: str, entity: str, fingerprint: str, first: Snapshot, last: Snapshot, raw: str | None = None
) -> Span:
    return Span(key, entity, fingerprint, first, last, raw)


# (a) A snapshot after the latest held one.


def test_appending_extends_unchanged_runs_and_starts_new_ones() -> None:
    same = span("k1", "e1", "f1", S0, S1, "raw-1")
    changed = span("k2", "e2", "f2", S1, S1, "raw-2")
    gone = span("k4", "e4", "f4", S0, S1)
    shown = {
        "k1": Shown("e1", "f1", "raw-1b"),
        "k2": Shown("e2", "f2-amended", "raw-2b"),
        "k3": Shown("e3", "f3", "raw-3"),
    }
    plan = plan_snapshot(S2, shown, S1, None, [same, changed, gone])
    assert plan == SpanPlan(
        inserted=[
            Span("k2", "e2", "f2-amended", S2, S2, "raw-2b"),
            Span("k3", "e3", "f3", S2, S2, "raw-3"),
        ],
        moved=[Span("k1", "e1", "f1", S0, S2, "raw-1b")],
        deleted=[],
        grown=[same],
        reshaped={"e2", "e3"},
    )


def test_appending_keeps_the_held_raw_digest_when_the_record_was_not_read_again() -> None:
    same = span("k1", "e1", "f1", S1, S1, "raw-1")
    plan = plan_snapshot(S2, {"k1": Shown("e1", "f1")}, S1, None, [same])
    assert plan == SpanPlan(moved=[Span("k1", "e1", "f1", S1, S2, "raw-1")], grown=[same])


def test_a_record_linked_to_another_entity_starts_a_new_run() -> None:
    held = span("k1", "e1", "f1", S1, S1)
    plan = plan_snapshot(S2, {"k1": Shown("e9", "f1")}, S1, None, [held])
    assert plan == SpanPlan(inserted=[Span("k1", "e9", "f1", S2, S2)], reshaped={"e9"})


def test_the_first_snapshot_of_a_source_starts_every_run() -> None:
    plan = plan_snapshot(S1, {"k2": Shown("e2", "f2"), "k1": Shown("e1", "f1")}, None, None, [])
    assert plan == SpanPlan(
        inserted=[Span("k1", "e1", "f1", S1, S1), Span("k2", "e2", "f2", S1, S1)], reshaped={"e1", "e2"}
    )


# (b) A snapshot D between held snapshots A < D < B, with a run across A..B.


def test_a_snapshot_inside_a_run_that_shows_the_record_unchanged_only_adds_a_sighting() -> None:
    across = span("k", "e", "f", S0, S3, "raw")
    plan = plan_snapshot(S2, {"k": Shown("e", "f", "raw")}, S1, S3, [across])
    assert plan == SpanPlan(grown=[across])


def test_a_changed_record_inside_a_run_splits_it_in_three() -> None:
    across = span("k", "e", "f", S0, S4, "raw")
    plan = plan_snapshot(S2, {"k": Shown("e", "f-amended", "raw-d")}, S1, S3, [across])
    assert plan == SpanPlan(
        inserted=[Span("k", "e", "f", S3, S4, "raw"), Span("k", "e", "f-amended", S2, S2, "raw-d")],
        moved=[Span("k", "e", "f", S0, S1, "raw")],
        deleted=[],
        grown=[],
        reshaped={"e"},
    )


def test_a_record_linked_to_another_entity_inside_a_run_reshapes_both_entities() -> None:
    across = span("k", "e", "f", S1, S3)
    plan = plan_snapshot(S2, {"k": Shown("e-other", "f")}, S1, S3, [across])
    assert plan.moved == [Span("k", "e", "f", S1, S1)]
    assert plan.inserted == [Span("k", "e", "f", S3, S3), Span("k", "e-other", "f", S2, S2)]
    assert (plan.deleted, plan.grown, plan.reshaped) == ([], [], {"e", "e-other"})


def test_a_record_absent_inside_a_run_cuts_it_in_two() -> None:
    across = span("k", "e", "f", S1, S3, "raw")
    plan = plan_snapshot(S2, {}, S1, S3, [across])
    assert plan == SpanPlan(
        inserted=[Span("k", "e", "f", S3, S3, "raw")],
        moved=[Span("k", "e", "f", S1, S1, "raw")],
        deleted=[],
        grown=[],
        reshaped={"e"},
    )


# (c) and (d): runs at A and at B that D's record continues.


def test_a_snapshot_equal_to_the_runs_on_both_sides_joins_them() -> None:
    before = span("k", "e", "f", S0, S1, "raw-a")
    after = span("k", "e", "f", S3, S4, "raw-b")
    plan = plan_snapshot(S2, {"k": Shown("e", "f", "raw-d")}, S1, S3, [before, after])
    assert plan == SpanPlan(
        inserted=[],
        moved=[Span("k", "e", "f", S0, S4, "raw-d")],
        deleted=[after],
        grown=[],
        reshaped={"e"},
    )


def test_a_snapshot_equal_to_the_later_run_only_moves_its_start_back() -> None:
    after = span("k", "e", "f", S3, S4, "raw-b")
    plan = plan_snapshot(S2, {"k": Shown("e", "f")}, S1, S3, [after])
    assert plan == SpanPlan(
        inserted=[Span("k", "e", "f", S2, S4, "raw-b")],
        moved=[],
        deleted=[after],
        grown=[],
        reshaped={"e"},
    )


def test_a_snapshot_equal_to_the_earlier_run_but_not_the_later_one_extends_the_earlier() -> None:
    before = span("k", "e", "f", S0, S1)
    after = span("k", "e", "f-later", S3, S3)
    plan = plan_snapshot(S2, {"k": Shown("e", "f")}, S1, S3, [before, after])
    assert plan == SpanPlan(moved=[Span("k", "e", "f", S0, S2)], grown=[before])


def test_a_snapshot_differing_from_both_neighbouring_runs_starts_its_own() -> None:
    before = span("k", "e", "f-a", S1, S1)
    after = span("k", "e", "f-b", S3, S3)
    plan = plan_snapshot(S2, {"k": Shown("e", "f-d")}, S1, S3, [before, after])
    assert plan == SpanPlan(inserted=[Span("k", "e", "f-d", S2, S2)], reshaped={"e"})


def test_runs_that_cover_neither_neighbour_are_ignored() -> None:
    elsewhere = span("k", "e", "f", S3, S4)
    plan = plan_snapshot(S1, {}, None, S2, [elsewhere])
    assert plan == SpanPlan()


# (e) Sightings.


def test_sightings_are_the_held_dates_within_a_run() -> None:
    calendar = [S0.date, S1.date, S2.date, S3.date, S4.date]
    assert sightings(S1.date, S3.date, calendar) == (S1.date, S2.date, S3.date)
    assert sightings(S2.date, S2.date, calendar) == (S2.date,)
    assert sightings(date(2020, 1, 15), date(2020, 3, 15), calendar) == (S2.date, S3.date)
    assert sightings(date(2020, 1, 2), date(2020, 1, 31), calendar) == ()
    assert sightings(S0.date, S4.date, calendar) == tuple(calendar)


# Rule 11 in the resolver.

D1, D2, D3 = date(2020, 1, 1), date(2020, 2, 1), date(2020, 3, 1)


def _claims() -> tuple[Claim, Claim]:
    state = Claim(
        kind="state",
        entity_id="org",
        jurisdiction="KK",
        list_id="kk-list",
        date=PartialDate.day(D1),
        source_id="snapshot-2020-01-01",
        record_key="r",
        state="listed",
        known_from=D1,
        tier=1,
    )
    delist = Claim(
        kind="event",
        entity_id="org",
        jurisdiction="KK",
        list_id="kk-list",
        date=PartialDate.day(date(2020, 1, 20)),
        source_id="gazette-2020-01-20",
        record_key="g",
        action="delist",
        known_from=date(2020, 1, 20),
        tier=1,  # as trusted as the list: the conflict is shown, not settled (rule 8, not 12)
    )
    return state, delist


def test_later_sightings_of_a_run_contradicting_a_delisting_make_one_snapshot_conflict() -> None:
    state, delist = _claims()
    seen = {state.id: (D1, D2, D3)}
    timeline = resolve_timeline("org", "KK", "kk-list", [state, delist], seen=seen)
    assert [(i.state, i.from_day, i.until_day) for i in timeline.intervals] == [
        ("listed", D1, date(2020, 1, 20)),
        ("not_listed", date(2020, 1, 20), None),
    ]
    assert timeline.conflicts == (
        Conflict(
            kind="snapshot",
            description=(
                "a source shows the entity listed on 2 snapshots from 2020-02-01 to 2020-03-01, "
                "but the reported events imply not_listed"
            ),
            claim_ids=(state.id, delist.id),
            window=PartialDate.between(D2, D3),
        ),
    )
    assert timeline.state_claim_ids == (state.id,)


def test_sightings_after_as_of_do_not_count() -> None:
    state, delist = _claims()
    seen = {state.id: (D1, D2, D3)}
    timeline = resolve_timeline("org", "KK", "kk-list", [state, delist], as_of=date(2020, 2, 15), seen=seen)
    assert timeline.conflicts == (
        Conflict(
            kind="snapshot",
            description=(
                "a source shows the entity listed on 2020-02-01, but the reported events imply not_listed"
            ),
            claim_ids=(state.id, delist.id),
            window=PartialDate.day(D2),
        ),
    )
    before_second = resolve_timeline(
        "org", "KK", "kk-list", [state, delist], as_of=date(2020, 1, 31), seen=seen
    )
    assert before_second.conflicts == ()


def test_without_sightings_a_state_claim_counts_only_on_its_own_date() -> None:
    state, delist = _claims()
    timeline = resolve_timeline("org", "KK", "kk-list", [state, delist])
    assert timeline.conflicts == ()
    assert [(i.state, i.from_day, i.until_day) for i in timeline.intervals] == [
        ("listed", D1, date(2020, 1, 20)),
        ("not_listed", date(2020, 1, 20), None),
    ]
