"""The resolver's rules, one by one, on small hand-made claim sets."""

from __future__ import annotations

import dataclasses
from datetime import date

from proscribe.model import Claim, PartialDate
from proscribe.resolve.events import MERGE_WINDOW_DAYS, coarser_readings, merge_events
from proscribe.resolve.timeline import resolve_timeline

_counter = iter(range(10_000))


def event(action: str, when: str, tier: int = 2, known: str | None = None, scope: str | None = None) -> Claim:
    return Claim(
        kind="event",
        entity_id="org",
        jurisdiction="KK",
        list_id="kk-list",
        date=PartialDate.parse(when),
        source_id=f"src-{next(_counter)}",
        record_key="r",
        action=action,  # type: ignore[arg-type]
        authority=f"authority of {when}",
        scope=scope,
        tier=tier,
        known_from=date.fromisoformat(known) if known else None,
    )


def snapshot(state: str, when: str) -> Claim:
    return Claim(
        kind="state",
        entity_id="org",
        jurisdiction="KK",
        list_id="kk-list",
        date=PartialDate.parse(when),
        source_id=f"src-{next(_counter)}",
        record_key="r",
        state=state,  # type: ignore[arg-type]
        tier=1,
    )


def resolve(*claims: Claim, as_of: date | None = None):  # type: ignore[no-untyped-def]
    return resolve_timeline("org", "KK", "kk-list", claims, as_of)


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_reports_a_few_days_apart_merge_into_one_event() -> None:
    events = merge_events([event("delist", "2024-09-02"), event("delist", "2024-09-06")])
    [merged] = events
    assert merged.date.iso() == "2024-09-02"
    assert len(merged.claim_ids) == 2
    assert merged.note == "sources give 2024-09-02, 2024-09-06; using 2024-09-02"
    apart = merge_events(
        [event("delist", "2024-09-02"), event("delist", f"2024-09-{2 + MERGE_WINDOW_DAYS + 1:02d}")]
    )
    assert len(apart) == 2


def test_changes_of_one_list_entry_seen_in_different_windows_stay_apart() -> None:
    """Rule 2 of merging: one entry of one list shows each of its changes once; two renamings seen
    between successive snapshots are two amendments, however close the windows."""
    first, second = (
        event("amend", "2018-08-25/2018-10-29", tier=1),
        event("amend", "2018-10-30/2020-03-20", tier=1),
    )
    same_record = [dataclasses.replace(c, record_key="LYi.025") for c in (first, second)]
    assert [e.date.iso() for e in merge_events(same_record)] == [
        "2018-08-25/2018-10-29",
        "2018-10-30/2020-03-20",
    ]
    # Reports from different records (say a gazette and a list) a day apart are still one event.
    gazette = dataclasses.replace(first, record_key="gazette-7")
    [merged] = merge_events([gazette, same_record[1]])
    assert len(merged.claim_ids) == 2


def test_overlapping_precisions_merge_and_the_precise_date_wins() -> None:
    [merged] = merge_events([event("list", "2005-03"), event("list", "2005-03-15")])
    assert merged.date.iso() == "2005-03-15"


def test_the_most_trusted_source_sets_the_date() -> None:
    [merged] = merge_events([event("list", "2024-01-03", tier=3), event("list", "2024-01-05", tier=1)])
    assert merged.date.iso() == "2024-01-05"


def test_list_then_delist_gives_three_intervals() -> None:
    timeline = resolve(event("list", "2003-02-14"), event("delist", "2024-09-02"))
    assert [(i.state, i.from_day, i.until_day) for i in timeline.intervals] == [
        ("not_listed", None, d("2003-02-14")),
        ("listed", d("2003-02-14"), d("2024-09-02")),
        ("not_listed", d("2024-09-02"), None),
    ]
    assert timeline.state_at(d("2003-02-13")) == "not_listed"
    assert timeline.state_at(d("2003-02-14")) == "listed"


def test_suspension_is_its_own_state_and_settles_a_delisting_proposal() -> None:
    timeline = resolve(
        event("list", "2003-02-14"), event("propose_delist", "2024-05-27"), event("suspend", "2025-04-17")
    )
    assert timeline.state_at(d("2025-06-01")) == "suspended"
    assert [p.action for p in timeline.pending_at(d("2024-06-01"))] == ["propose_delist"]
    assert timeline.pending_at(d("2025-06-01")) == ()
    assert timeline.pending_at(d("2024-05-26")) == ()


def test_a_listing_on_record_only_as_a_later_state_settles_a_listing_proposal() -> None:
    """Kazakhstan's prosecutor asked in 2005 to ban a group; no source dates the ban, but a curated
    source has it listed on 2006-10-12: from that day the proposal is carried out, not pending."""
    timeline = resolve(event("propose_list", "2005-03-17"), snapshot("listed", "2006-10-12"))
    assert [p.action for p in timeline.pending_at(d("2006-10-11"))] == ["propose_list"]
    assert timeline.pending_at(d("2006-10-12")) == ()
    assert timeline.pending_at(d("2024-03-01")) == ()
    # A state held since before the proposal says nothing of its outcome: a call to remove a
    # listed group stays pending while the group stays listed.
    kept = resolve(
        event("list", "2003-02-14"), event("propose_delist", "2024-05-27"), snapshot("listed", "2025-01-01")
    )
    assert [p.action for p in kept.pending_at(d("2025-06-01"))] == ["propose_delist"]


def test_renewal_while_listed_is_not_a_conflict() -> None:
    timeline = resolve(event("list", "2019-01-10"), event("relist", "2024-01-10"))
    assert timeline.conflicts == ()
    assert [i.state for i in timeline.intervals] == ["not_listed", "listed"]


def test_listing_of_another_scope_is_an_extension() -> None:
    timeline = resolve(event("list", "2001-03-29", scope="military wing"), event("list", "2019-03-01"))
    assert timeline.conflicts == ()
    assert timeline.state_at(d("2010-01-01")) == "listed"


def test_another_rows_listing_on_a_list_writing_several_rows_is_an_extension() -> None:
    """Rule 4: the Entity List writes the GRU in two rows, listed 2017-01-04 and 2022-03-03: two
    acts on one designee, not two dates of one listing. On a list holding a designee once, two
    entries' listing dates still disagree (an identity joining them may be wrong)."""

    def row(key: str, when: str, list_id: str) -> Claim:
        return dataclasses.replace(event("list", when, tier=1), record_key=key, list_id=list_id, id="")

    def resolve_on(list_id: str, *claims: Claim):  # type: ignore[no-untyped-def]
        return resolve_timeline("org", "US", list_id, claims)

    rows = [row("el-1", "2017-01-04", "us-bis-entity-list"), row("el-2", "2022-03-03", "us-bis-entity-list")]
    timeline = resolve_on("us-bis-entity-list", *rows)
    assert timeline.conflicts == ()
    assert [(i.state, i.start.iso() if i.start else None) for i in timeline.intervals] == [
        ("not_listed", None),
        ("listed", "2017-01-04"),
    ]
    assert [e.date.iso() for e in timeline.events] == ["2017-01-04", "2022-03-03"]
    # A report not read from a row may date the same act: the dates disagree, as ever.
    news = dataclasses.replace(event("list", "2022-03-03"), list_id="us-bis-entity-list", id="")
    assert len(resolve_on("us-bis-entity-list", rows[0], news).conflicts) == 1
    # The same row dated twice (two snapshots reading its date differently) disagrees with itself.
    again = row("el-1", "2022-03-03", "us-bis-entity-list")
    assert len(resolve_on("us-bis-entity-list", rows[0], again).conflicts) == 1
    entries = [row("1", "2017-01-04", "us-sdn"), row("2", "2022-03-03", "us-sdn")]
    [conflict] = resolve_on("us-sdn", *entries).conflicts
    assert conflict.kind == "date"


def test_a_report_naming_no_scope_supports_the_scoped_act_it_fits() -> None:
    """Events rule 6: the EU listed Hezbollah's military wing; a report of "Hezbollah" listed three
    days later is that act, not a second one of the whole organisation."""
    wing = event("list", "2013-07-22", tier=3, scope="military wing")
    plain = event("list", "2013-07-25", tier=1)
    [merged] = merge_events([plain, wing])
    assert (merged.scope, merged.date.iso()) == ("military wing", "2013-07-25")
    assert merged.claim_ids == tuple(sorted((wing.id, plain.id)))
    assert merged.note == "sources give 2013-07-22, 2013-07-25; using 2013-07-25"
    timeline = resolve(plain, wing)
    assert [(e.action, e.scope) for e in timeline.events] == [("list", "military wing")]
    assert [(i.state, i.start and i.start.iso()) for i in timeline.intervals] == [
        ("not_listed", None),
        ("listed", "2013-07-25"),
    ]


def test_a_report_naming_no_scope_fitting_two_scopes_or_none_stays_its_own_act() -> None:
    eso = event("list", "2001-03-29", scope="External Security Organisation")
    wing = event("list", "2001-03-30", scope="military wing")
    plain = event("list", "2001-03-31")
    assert sorted(str(e.scope) for e in merge_events([eso, wing, plain])) == [
        "External Security Organisation",
        "None",
        "military wing",
    ]
    # Years apart: the later listing with no scope is the whole organisation's (an extension).
    later = event("list", "2019-03-01")
    assert [(e.date.iso(), e.scope) for e in merge_events([wing, later])] == [
        ("2001-03-30", "military wing"),
        ("2019-03-01", None),
    ]
    # Another action is another act, whatever its scope.
    assert len(merge_events([wing, event("delist", "2001-03-30")])) == 2
    # An undated report joined to the later listing fits any event: the later one's dated report
    # places it, so it does not carry it into the partial listing of 2001.
    undated = event("list", "unknown")
    assert sorted(
        (e.date.iso(), e.scope, len(e.claim_ids)) for e in merge_events([wing, later, undated])
    ) == [
        ("2001-03-30", "military wing", 1),
        ("2019-03-01", None, 2),
    ]
    # Undated alone, it supports the one scoped listing there is.
    [only] = merge_events([wing, undated])
    assert (only.scope, len(only.claim_ids)) == ("military wing", 2)


def test_conflicting_delisting_dates_leave_an_uncertain_window() -> None:
    timeline = resolve(
        event("list", "2005-03-15"), event("delist", "2023-12-29"), event("delist", "2024-06-03")
    )
    [conflict] = timeline.conflicts
    assert conflict.kind == "date"
    assert conflict.window is not None and conflict.window.iso() == "2023-12-29/2024-06-02"
    assert timeline.state_at(d("2023-12-28")) == "listed"
    assert timeline.state_at(d("2024-03-01")) == "uncertain"
    assert timeline.interval_at(d("2024-03-01")).candidates == ("listed", "not_listed")  # type: ignore[union-attr]
    assert timeline.state_at(d("2024-06-03")) == "not_listed"


def test_a_snapshot_refutes_an_impossible_listing_date() -> None:
    timeline = resolve(event("list", "2005-03-15"), event("list", "2015"), snapshot("listed", "2006-10-12"))
    [conflict] = timeline.conflicts
    assert conflict.resolution == "2015 set aside: already listed on 2006-10-12 per an official source"
    assert timeline.state_at(d("2010-01-01")) == "listed"
    assert [e.refuted for e in timeline.events] == [False, True]


def test_a_weaker_report_of_a_later_first_listing_is_set_aside() -> None:
    """Rule 5: a news report of a 2026 "listing" of a group a curated source dates to 2003 cannot be
    its first listing; the 23 years between are listed, not uncertain, and the report is shown refuted."""
    timeline = resolve(event("list", "2003-02-14"), event("list", "2026-03-10", tier=3))
    [conflict] = timeline.conflicts
    assert conflict.description == (
        "sources disagree on the date of the list: 2003-02-14 (1 source); also reported: 2026-03-10"
    )
    assert conflict.resolution == (
        "2026-03-10 set aside: already listed on 2003-02-14 per a curated source (more trusted)"
    )
    assert conflict.window is None
    assert timeline.state_at(d("2010-01-01")) == "listed"
    assert timeline.state_at(d("2003-02-13")) == "not_listed"
    assert [(e.date.iso(), e.refuted) for e in timeline.events] == [
        ("2003-02-14", False),
        ("2026-03-10", True),
    ]


def test_a_weaker_report_of_an_earlier_listing_stays_a_conflict() -> None:
    """Rule 5: a weaker date that would have the entity listed on more days is not set aside: doubt
    never removes a designation, so the days between stay uncertain. Equal trust settles nothing."""
    for weaker in (event("list", "2000", tier=3), event("list", "2026-03-10", tier=2)):
        timeline = resolve(event("list", "2003-02-14"), weaker)
        [conflict] = timeline.conflicts
        assert conflict.resolution is None
        assert timeline.state_at(d("2010-01-01" if weaker.tier == 2 else "2001-06-01")) == "uncertain"


def test_a_weaker_report_of_an_earlier_removal_is_set_aside_a_later_one_is_not() -> None:
    """Rule 5, removals: an official source dates the delisting 2024-06-03. A news report of it in
    2023 says it was off the list on days the better source has it on: set aside. One of 2025 would
    keep it listed longer: a conflict, uncertain between."""
    official = [event("list", "2005-03-15", tier=1), event("delist", "2024-06-03", tier=1)]
    timeline = resolve(*official, event("delist", "2023-01-10", tier=3))
    [conflict] = timeline.conflicts
    assert conflict.resolution == (
        "2023-01-10 set aside: delisted only on 2024-06-03 per an official source (more trusted)"
    )
    assert timeline.state_at(d("2023-06-01")) == "listed"
    assert timeline.state_at(d("2024-06-03")) == "not_listed"
    timeline = resolve(*official, event("delist", "2025-02-01", tier=3))
    [conflict] = timeline.conflicts
    assert conflict.resolution is None
    assert timeline.state_at(d("2024-12-01")) == "uncertain"
    assert timeline.state_at(d("2025-02-01")) == "not_listed"


def test_a_date_set_aside_for_being_too_early_names_the_last_sighting_that_refutes_it() -> None:
    """Two delisting dates; list snapshots still show the entry after the first: the conflict says
    which state claim, seen when, sets that date aside."""
    timeline = resolve(
        event("list", "2005-03-15"),
        event("delist", "2019-04-01", tier=3),
        event("delist", "2021-09-30"),
        snapshot("listed", "2019-06-01"),
        snapshot("listed", "2020-02-10"),
    )
    [conflict] = timeline.conflicts
    assert conflict.description == (
        "sources disagree on the date of the delist: 2021-09-30 (1 source); also reported: 2019-04-01"
    )
    assert conflict.resolution == "2019-04-01 set aside: still listed on 2020-02-10 per an official source"
    assert timeline.state_at(d("2021-01-01")) == "listed"
    assert timeline.state_at(d("2021-09-30")) == "not_listed"


def test_a_delisting_between_two_snapshots_is_uncertain_inside_the_window() -> None:
    timeline = resolve(event("list", "2010-01-01"), event("delist", "2017-07-01/2017-07-03"))
    assert timeline.state_at(d("2017-06-30")) == "listed"
    assert timeline.state_at(d("2017-07-01")) == "uncertain"
    assert timeline.state_at(d("2017-07-02")) == "uncertain"
    assert timeline.state_at(d("2017-07-03")) == "not_listed"


def test_a_snapshot_alone_means_listed_at_least_since() -> None:
    timeline = resolve(snapshot("listed", "2024-09-06"))
    [interval] = timeline.intervals
    assert (interval.state, interval.from_day, interval.until_day) == ("listed", d("2024-09-06"), None)
    assert interval.note == "at least since 2024-09-06 (per an official source; earlier state unknown)"
    assert timeline.state_at(d("2024-01-01")) is None


def test_a_snapshot_contradicting_the_events_is_a_conflict() -> None:
    """A delisting in an official gazette (tier 1) against a list snapshot (tier 1): shown, not settled."""
    timeline = resolve(
        event("list", "2003-02-14"), event("delist", "2010-01-01", tier=1), snapshot("listed", "2012-05-05")
    )
    [conflict] = timeline.conflicts
    assert conflict.kind == "snapshot"
    assert "listed on 2012-05-05" in conflict.description and "not_listed" in conflict.description
    assert timeline.state_at(d("2011-01-01")) == "not_listed"


def test_a_more_trusted_snapshot_overrules_a_reported_delisting() -> None:
    listing, delisting, still_listed = (
        event("list", "2003-02-14"),
        event("delist", "2010-01-01"),  # curated from a report (tier 2)
        snapshot("listed", "2012-05-05"),
    )
    timeline = resolve(listing, delisting, still_listed)
    assert [(i.state, i.from_day, i.until_day) for i in timeline.intervals] == [
        ("not_listed", None, d("2003-02-14")),
        ("listed", d("2003-02-14"), None),
    ]
    assert [(e.action, e.refuted) for e in timeline.events] == [("list", False), ("delist", True)]
    [conflict] = timeline.conflicts
    assert (conflict.kind, conflict.description, conflict.window, conflict.resolution) == (
        "overruled",
        "a delisting on 2010-01-01 (1 source) is contradicted by a more trusted source showing the "
        "entity listed on 2012-05-05",
        PartialDate.parse("2012-05-05"),
        "delisting on 2010-01-01 set aside: the more trusted source prevails",
    )
    assert conflict.claim_ids == (delisting.id, still_listed.id)
    # Known before the snapshot was published, the report stood.
    early = resolve(listing, delisting, snapshot("listed", "2012-05-05"), as_of=d("2011-01-01"))
    assert early.state_at(d("2011-01-01")) == "not_listed" and early.conflicts == ()


def test_an_overruled_delisting_cites_every_better_sighting_after_it_whatever_pieces_they_come_in() -> None:
    """The same list evidence, as one run seen on two snapshots, or as that run beside an
    amendment the list dates by the run's first day (a store that lacks the snapshots between
    an old one and the run): the conflict reads the same, and names every claim it rests on."""
    listing, delisting = event("list", "2014-05-14", tier=1), event("delist", "2025-11-06")
    run = snapshot("listed", "2025-11-20")
    seen = {run.id: (d("2025-11-20"), d("2026-02-27"))}
    amended = event("amend", "2017-07-01/2025-11-20", tier=1)
    alone = resolve_timeline("org", "KK", "kk-list", [listing, delisting, run], seen=seen)
    beside = resolve_timeline("org", "KK", "kk-list", [listing, delisting, amended, run], seen=seen)
    description = (
        "a delisting on 2025-11-06 (1 source) is contradicted by a more trusted source showing the "
        "entity listed on 2 snapshots from 2025-11-20 to 2026-02-27"
    )
    window = PartialDate.between(d("2025-11-20"), d("2026-02-27"))
    assert [(c.kind, c.description, c.window) for c in alone.conflicts] == [
        ("overruled", description, window)
    ]
    assert [(c.kind, c.description, c.window) for c in beside.conflicts] == [
        ("overruled", description, window)
    ]
    assert alone.conflicts[0].claim_ids == (delisting.id, run.id)
    assert beside.conflicts[0].claim_ids == (delisting.id, amended.id, run.id)


def test_a_delisting_is_not_overruled_by_what_could_precede_it_or_follow_a_relisting() -> None:
    # The snapshot falls inside the month the delisting is dated to: it may predate it.
    within = resolve(event("list", "2003"), event("delist", "2010-05"), snapshot("listed", "2010-05-20"))
    assert [e.refuted for e in within.events] == [False, False]
    assert within.state_at(d("2010-06-01")) == "not_listed"
    # A relisting between the delisting and the snapshot explains the snapshot.
    relisted = resolve(
        event("list", "2003"),
        event("delist", "2010-01-01"),
        event("list", "2011-03-01"),
        snapshot("listed", "2012-05-05"),
    )
    assert relisted.conflicts == () and relisted.state_at(d("2010-06-01")) == "not_listed"
    # A suspension may stay on a published list: shown as a conflict, never overruled.
    suspended = resolve(
        event("list", "2003"), event("suspend", "2010-01-01"), snapshot("listed", "2012-05-05")
    )
    assert [c.kind for c in suspended.conflicts] == ["snapshot"]
    assert suspended.state_at(d("2011-01-01")) == "suspended"


def test_with_its_delisting_overruled_a_later_listing_is_a_second_report_of_the_first() -> None:
    """Once the delisting is set aside, nothing ends the 2003 listing: a 2014 `list` can only be a
    report of that listing with another date (rule 5), which the 2012 snapshot refutes."""
    timeline = resolve(
        event("list", "2003-02-14"),
        event("delist", "2010-01-01", tier=3),
        snapshot("listed", "2012-05-05"),
        event("list", "2014-06-01", tier=3),
    )
    assert [(i.state, i.from_day) for i in timeline.intervals] == [
        ("not_listed", None),
        ("listed", d("2003-02-14")),
    ]
    assert [(e.action, e.date.iso(), e.refuted) for e in timeline.events] == [
        ("list", "2003-02-14", False),
        ("delist", "2010-01-01", True),
        ("list", "2014-06-01", True),
    ]
    assert [(c.kind, c.resolution) for c in timeline.conflicts] == [
        ("overruled", "delisting on 2010-01-01 set aside: the more trusted source prevails"),
        ("date", "2014-06-01 set aside: already listed on 2012-05-05 per an official source"),
    ]


def test_knowledge_time_drops_claims_published_later() -> None:
    claims = (
        event("list", "2003-02-14"),
        event("propose_delist", "2024-05-27", known="2024-06-03"),
        event("suspend", "2025-04-17", known="2025-04-18"),
    )
    early = resolve(*claims, as_of=d("2024-06-02"))
    assert early.proposals == () and early.state_at(d("2025-06-01")) == "listed"
    late = resolve(*claims, as_of=d("2025-04-18"))
    assert late.state_at(d("2025-06-01")) == "suspended"


def test_an_undated_decision_happened_by_its_publication_day() -> None:
    timeline = resolve(event("list", "2003-02-14"), event("delist", "unknown", known="2024-05-30"))
    assert timeline.state_at(d("2010-01-01")) == "uncertain"
    assert timeline.state_at(d("2024-05-30")) == "not_listed"


def test_a_decision_with_no_date_at_all_is_shown_but_not_laid_out() -> None:
    undated = event("delist", "unknown")
    timeline = resolve(event("list", "2003-02-14"), undated)
    assert [e.action for e in timeline.events] == ["delist", "list"]
    assert timeline.state_at(d("2024-01-01")) == "listed"


def test_a_more_trusted_source_already_showing_the_entity_listed_overrules_a_first_listing() -> None:
    """A news report (tier 3) that a court "designated" a group in 2026 cannot rewrite the twenty
    years a curated source (tier 2) has shown it listed: the report is set aside, shown as refuted
    with a conflict naming both, and the state follows the better source."""
    curated = dataclasses.replace(snapshot("listed", "2006-07-28"), tier=2)
    report = event("list", "2026-03-05", tier=3)
    timeline = resolve(curated, report)
    assert [(i.state, i.from_day, i.until_day) for i in timeline.intervals] == [
        ("listed", d("2006-07-28"), None)
    ]
    assert timeline.state_at(d("2020-01-01")) == "listed"
    assert [(e.action, e.refuted) for e in timeline.events] == [("list", True)]
    [conflict] = timeline.conflicts
    assert (conflict.kind, conflict.description, conflict.window, conflict.resolution) == (
        "overruled",
        "a listing on 2026-03-05 (1 source) is contradicted by a more trusted source showing the "
        "entity already listed on 2006-07-28",
        PartialDate.parse("2006-07-28"),
        "listing on 2026-03-05 set aside: the more trusted source prevails",
    )
    assert conflict.claim_ids == (report.id, curated.id)


def test_a_first_listing_stands_against_a_source_no_more_trusted_or_not_before_it() -> None:
    curated = dataclasses.replace(snapshot("listed", "2006-07-28"), tier=2)
    # As trusted as the state claim: the disagreement is shown, not settled.
    even = resolve(curated, event("list", "2026-03-05", tier=2))
    assert [c.kind for c in even.conflicts] == ["snapshot"]
    assert even.state_at(d("2020-01-01")) == "not_listed" and not any(e.refuted for e in even.events)
    # Known only as "by 2026-03-05", the listing may have come before the sighting.
    unbounded = resolve(curated, event("list", "../2026-03-05", tier=3))
    assert not any(e.refuted for e in unbounded.events)
    # A listing that the sighting follows is what the sighting shows.
    before = resolve(curated, event("list", "2005-01-10", tier=3))
    assert before.conflicts == () and before.state_at(d("2005-06-01")) == "listed"


def test_a_first_listing_known_only_by_a_day_leaves_the_days_before_uncertain() -> None:
    """Rules 6 and 10: "X is listed in Canada", in an article of 2026-03-05, is a listing on or before
    that day. The entity is listed from then on; before, it may or may not have been. (It once read
    as not listed on every day, after the listing too.)"""
    timeline = resolve(event("list", "../2026-03-05", tier=3))
    assert [(i.state, i.from_day, i.until_day, i.candidates) for i in timeline.intervals] == [
        ("uncertain", None, d("2026-03-05"), ("not_listed", "listed")),
        ("listed", d("2026-03-05"), None, ()),
    ]
    assert timeline.state_at(d("2026-07-01")) == "listed"
    assert timeline.state_at(d("2020-01-01")) == "uncertain"
    assert timeline.intervals[0].note == "list dated only to ../2026-03-05"
    # A list showing the entity on an earlier day fits it (no conflict), and says the listing had
    # come by then.
    shown = snapshot("listed", "2025-04-17")
    seen = resolve(event("list", "../2026-03-05", tier=3), shown)
    assert seen.conflicts == ()
    assert [(i.state, i.from_day, i.until_day) for i in seen.intervals] == [
        ("uncertain", None, d("2025-04-17")),
        ("listed", d("2025-04-17"), None),
    ]
    listed = seen.intervals[1]
    assert (listed.start, listed.claim_ids[-1]) == (PartialDate.parse("2025-04-17"), shown.id)
    assert (
        listed.note == "at least since 2025-04-17 (per an official source); list dated only to ../2026-03-05"
    )
    # A later removal ends it as before.
    removed = resolve(event("list", "../2026-03-05", tier=3), event("delist", "2026-06-01"))
    assert [removed.state_at(d(day)) for day in ("2026-04-01", "2026-07-01")] == ["listed", "not_listed"]


def test_a_window_between_snapshots_narrows_to_a_precise_date_reported_within_it() -> None:
    """The list shows the removal between snapshots of 2021-07-07 and 2024-04-10; a curated source
    dates it 2021-11-30. Both hold: the event happened on 2021-11-30, which settles the proposal
    of 2021-11-26 instead of leaving three years uncertain."""
    seen_gone = event("delist", "2021-07-08/2024-04-10", tier=1)
    dated = event("delist", "2021-11-30", tier=2)
    timeline = resolve(
        event("list", "1997-10-08", tier=1), event("propose_delist", "2021-11-26"), seen_gone, dated
    )
    [delisting] = [e for e in timeline.events if e.action == "delist"]
    assert delisting.date.iso() == "2021-11-30"
    assert delisting.note == "sources give 2021-07-08/2024-04-10, 2021-11-30; using 2021-11-30"
    assert timeline.state_at(d("2022-06-01")) == "not_listed"
    assert timeline.pending_at(d("2022-06-01")) == ()
    # A report outside the window is not narrowed into it.
    outside = merge_events([seen_gone, event("delist", "2021-07-03", tier=2)])
    assert [e.date.iso() for e in outside] == ["2021-07-08/2024-04-10"]


def test_a_wider_window_of_the_same_list_entry_gives_no_date_of_its_own() -> None:
    """Snapshots imported out of date order: an entry's removal, first seen between the snapshots of
    2017-06-30 and 2020-03-20, then between 2018-10-29 and 2020-03-20 once that one came in. One
    event, dated by the narrower window, whose note lists no second date; a window of another entry
    (another list publishing the same removal) is a date of its own."""
    wide = event("delist", "2017-07-01/2020-03-20", tier=1)
    narrow = event("delist", "2018-10-30/2020-03-20", tier=1)
    [merged] = merge_events([wide, narrow])
    assert (merged.date.iso(), merged.note) == ("2018-10-30/2020-03-20", None)
    assert coarser_readings([wide, narrow]) == {wide.id}
    elsewhere = dataclasses.replace(wide, record_key="r2", id="")
    [merged] = merge_events([elsewhere, narrow])
    assert (
        merged.note
        == "sources give 2017-07-01/2020-03-20, 2018-10-30/2020-03-20; using 2018-10-30/2020-03-20"
    )


def test_a_date_conflict_counts_one_list_entry_once() -> None:
    """Three runs of one UN entry (three snapshots apart, or an excerpt and the whole list) state its
    listing date 2001-10-06; a curated source gives 2000. One source against one."""
    runs = [event("list", "2001-10-06", tier=1) for _ in range(3)]
    timeline = resolve(event("list", "2000"), *runs)
    assert [c.description for c in timeline.conflicts] == [
        "sources disagree on the date of the list: 2000 (1 source) vs 2001-10-06 (1 source)"
    ]
    other_list = dataclasses.replace(runs[0], record_key="r2", id="")
    timeline = resolve(event("list", "2000"), *runs, other_list)
    assert [c.description for c in timeline.conflicts] == [
        "sources disagree on the date of the list: 2000 (1 source) vs 2001-10-06 (2 sources)"
    ]


def test_at_least_since_names_the_authority_of_its_state_claim() -> None:
    seen = dataclasses.replace(snapshot("listed", "2019-01-15"), authority="OFAC")
    [interval] = resolve(seen).intervals
    assert (interval.state, interval.authority) == ("listed", "OFAC")


def test_an_undated_report_does_not_fuse_two_dates_trusted_sources_disagree_on() -> None:
    """Rule 5: Kazakhstan's delisting, dated 2023-12-29 by three sources and 2024-06-03 by two; an
    undated and a "by 2024-06-03" report fit both dates, so they join one event and bridge none."""
    early = [event("delist", "2023-12-29") for _ in range(3)]
    late = [event("delist", "2024-06-03") for _ in range(2)]
    undated, by_june = event("delist", "unknown", tier=3), event("delist", "../2024-06-03", tier=3)
    events = merge_events([*early, *late, undated, by_june])
    assert [(e.date.iso(), len(e.claim_ids)) for e in events] == [("2023-12-29", 5), ("2024-06-03", 2)]
    assert undated.id in events[0].claim_ids and by_june.id in events[0].claim_ids
    # The disagreement stays in the timeline: a date conflict, the state uncertain between the two.
    timeline = resolve(event("list", "2005-03-15"), *early, *late, undated, by_june)
    assert [c.description for c in timeline.conflicts] == [
        # The undated and the "by" report are not support for 2023-12-29, the event they joined.
        "sources disagree on the date of the delist: 2023-12-29 (3 sources) vs 2024-06-03 (2 sources); "
        "2 reports without a day fit each date"
    ]
    assert timeline.interval_at(date(2024, 3, 1)).state == "uncertain"


def test_undated_reports_alone_still_make_one_event() -> None:
    events = merge_events([event("delist", "unknown"), event("delist", "../2024-06-03")])
    assert [(e.date.iso(), len(e.claim_ids)) for e in events] == [("../2024-06-03", 2)]


def test_one_body_worded_two_ways_is_named_once() -> None:
    """A curated source and a news report name Russia's Supreme Court differently: one authority."""
    curated = dataclasses.replace(
        event("list", "2003-02-14", tier=2),
        jurisdiction="RU",
        authority="Supreme Court of the Russian Federation",
    )
    news = dataclasses.replace(
        event("list", "2003-02-14", tier=3), jurisdiction="RU", authority="Supreme Court of Russia"
    )
    other = dataclasses.replace(
        event("list", "2003-02-14", tier=3), jurisdiction="RU", authority="Zamoskvoretsky court"
    )
    [merged] = merge_events([news, curated, other])
    assert merged.authorities == ("Supreme Court of the Russian Federation", "Zamoskvoretsky court")


def test_a_body_the_vocabulary_does_not_know_is_named_once_without_its_remark() -> None:
    """Guatemala's government, named with and without a remark: one authority."""
    worded = [
        "Government of Guatemala (announcement)",
        "Government of Guatemala",
        "Congress of Guatemala (motion, 100-20)",
    ]
    claims = [
        dataclasses.replace(event("list", "2024-07-17", tier=2), jurisdiction="GT", authority=text)
        for text in worded
    ]
    [merged] = merge_events(claims)
    assert sorted(merged.authorities) == ["Congress of Guatemala (motion, 100-20)", "Government of Guatemala"]


def test_a_joint_wording_names_each_body_it_joins() -> None:
    """Rule 4: "Treasury and State" beside "Treasury" is two bodies, each named once."""
    worded = ["US Department of the Treasury (OFAC) and Department of State", "US Department of the Treasury"]
    claims = [
        dataclasses.replace(event("list", "2026-01-13", tier=2), jurisdiction="US", authority=text)
        for text in worded
    ]
    [merged] = merge_events(claims)
    assert merged.authorities == ("U.S. Department of the Treasury (OFAC)", "U.S. Department of State")


def test_an_amendment_alone_means_listed_at_least_since_its_day() -> None:
    """Rule 13: "HTS added as an alias of the Nusrah Front's listing, June 2018" says HTS was listed then."""
    amendment = event("amend", "2018-06")
    timeline = resolve(amendment, event("delist", "2025-11-06"))
    listed, delisted = timeline.intervals
    assert (listed.state, listed.from_day, listed.until_day) == ("listed", d("2018-06-30"), d("2025-11-06"))
    assert listed.claim_ids == (amendment.id,)
    assert listed.note == "at least since 2018-06 (per a curated source; earlier state unknown)"
    assert (delisted.state, delisted.from_day) == ("not_listed", d("2025-11-06"))
    assert timeline.state_at(d("2018-01-01")) is None and timeline.conflicts == ()
    assert [e.action for e in timeline.events] == ["amend", "delist"]


def test_an_amendment_after_a_listing_neither_dates_it_nor_conflicts() -> None:
    """UNSCR 2253 (2015) reframed the regime ISIL was listed under since 2004: one listing, one date."""
    timeline = resolve(event("list", "2004-10-18", tier=1), event("amend", "2015-12-17"))
    assert [(i.state, i.from_day) for i in timeline.intervals] == [
        ("not_listed", None),
        ("listed", d("2004-10-18")),
    ]
    assert timeline.conflicts == ()


def test_an_amendment_where_the_events_imply_not_listed_is_a_conflict() -> None:
    timeline = resolve(
        event("list", "2003-02-14"), event("delist", "2010-01-01"), event("amend", "2012-05-05")
    )
    [conflict] = timeline.conflicts
    assert conflict.kind == "snapshot"
    assert conflict.description == (
        "a source shows the entity listed on 2012-05-05, but the reported events imply not_listed"
    )
