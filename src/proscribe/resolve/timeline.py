"""Resolve the claims about one (entity, list) into a Timeline: pure function, claims in, timeline out.

Rules (each tested in tests/resolve/test_timeline.py):
1. Knowledge time: with `as_of=K`, only claims whose source was published (or retrieved) by K
   count; a claim with no such date counts from the first possible day of the event it reports.
2. Event claims merge into events (see resolve.events).
3. Decisions change the state: list / relist / reinstate -> listed, delist -> not_listed,
   suspend -> suspended. Suspension is its own state, not a removal. Proposals and amendments
   change nothing.
4. A decision that leaves the state as it was is not a transition: a `relist` while listed is a
   renewal, and a listing of a different scope (military wing, whole organisation) while listed is
   an extension. So is, on a list writing one designee in several rows (`several_rows`: the
   Entity List's rows for the GRU of 2017 and 2022), a listing only other rows of the list report
   than those reporting the listing in force: another act on the designee, not a rival date.
5. Two decisions of the same action and scope with no other transition between them are two
   reports of one transition that disagree on its date: a *date conflict*. Both are kept and
   reported; a state claim (snapshot) that contradicts one of them refutes it (a listing dated
   after a snapshot already showing the entity listed cannot be the listing), and so does a more
   trusted source's date where it shows the entity listed on days a less trusted date says it was
   not (a news report of a 2026 "listing" of a group a curated source dates to 2003; a removal a
   news report dates before an official one); a weaker date that would have the entity listed on
   more days, and dates of equal best trust, stay in conflict. Each date counts
   its sources: each report, and each entry of an official list once, however many of its
   snapshots repeat the date.
6. The days on which a transition may or may not have happened form an *uncertain* interval:
   between conflicting candidate dates, and within an imprecise date (a delisting known to lie
   between two list snapshots, or dated only to a month). The new state holds from the last day
   the transition may have happened.
7. Before the first transition, a `list` implies the entity was not listed. Otherwise nothing is
   known before the first evidence, except that a state claim ("on the list as of D") starts a
   "listed at least since D" interval.
8. A state claim that contradicts the derived state on its date is reported as a conflict.
9. A proposal is pending on day D when it was made by D and no later decision on or before D
   settles it, nor a state it sought held from a day after it and by D (a ban on record only as
   "listed at least since" a later day; see model.timeline.Timeline.pending_at).
10. A decision reported without an end date happened by its source's publication day ("X has
    been banned", published 2024-05-30, is a listing on or before that day). A decision with no
    date at all is kept among the events but not laid out as a transition. Known only as "by D",
    a decision may have come any day after what is known before it: a first listing so dated
    leaves the days before D uncertain (rule 6), not in the state rule 7 gives; a state claim
    showing the entity listed on an earlier day S says it came by S: listed at least since S.
11. A list snapshot's state claim is made once, by the first snapshot of a run showing the record
    unchanged; `seen` gives, per such claim, the dates of every snapshot of the run (see
    proscribe.resolve.spans), or none when another run already counts its snapshot. Sightings
    count wherever a snapshot does (rules 5, 8 and 12), and under `as_of=K` only those dated by K.
12. A better source overrules a removal: a delisting whose every report comes from sources less
    trusted than a state claim (tier) that shows the entity `listed` after the delisting's last
    possible day, and before the next transition could have begun, did not happen as reported.
    It is set aside (shown as refuted, not laid out) and reported as a conflict naming both
    sides. A UN list still carrying an entry weeks after a blog says it was struck off is listed.
    Equal tiers are not overruled (rule 8 reports them), nor are suspensions, which a list may
    keep showing.
13. An amendment attests the entry it amends: on its day the entity was listed. It counts as a
    `listed` state claim of its own source (rules 7, 8 and 12): an amendment before any decision
    starts a "listed at least since" interval (a curated "HTS added in 2018 as an alias of the
    Nusrah Front's listing" says HTS was listed in 2018, whatever else is known), and one dated
    where the events imply the entity was not listed is a conflict. It changes no state itself
    (rule 3), so an amendment dated after a listing does not date the listing.
14. A proposal whose sources name different bodies as the one that decides it is a *decider
    conflict*, each body shown with how many sources name it: one outlet has the Russian
    ministries' proposal to drop the Taliban decided by the president, another says only the
    Supreme Court can. The proposal stands either way; no state changes.
15. On a list whose listings lapse after a fixed term unless renewed (`term_years`: Australia's
    Criminal Code listings, New Zealand's designations), the days of a listed interval after its
    term ran out with no later listing, renewal or sighting on record are a *lapse*: the state
    stays `listed` (a renewal may go unreported), and an answer for such a day says whose term
    ended when (see resolve.terms).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from proscribe.model import (
    PROPOSALS,
    STATE_AFTER,
    Claim,
    Conflict,
    Event,
    Interval,
    Lapse,
    PartialDate,
    State,
    Timeline,
)
from proscribe.resolve.events import date_span, known_name, merge_events
from proscribe.resolve.terms import lapsed_terms
from proscribe.vocab import lists

_RENEWALS = frozenset({"relist", "reinstate"})

# Bump whenever a rule changes so that stored timelines would come out differently: `proscribe
# init` then re-derives every stored timeline (see ingest.core.init_registry). 2: rule 12. 3: a date
# set aside by rule 5 says which state claim contradicts it. 4: "at least since" names the kind of
# source of its state claim (it said "list snapshot" for news and curated reports too). 5: rule 12 also
# sets aside a first listing that a more trusted source shows was already in force. 6: claims of one
# list entry with disjoint dates are separate events (proscribe.resolve.events rule 2). 7: a merged
# event's date narrows to a more precise date a member gives within it (events rule 3); an "at least
# since" interval names the authority of its state claims. 8: a claim with an open date never joins
# two events (events rule 5). 9: authorities are named as the authority vocabulary names them (events
# rule 4), so one body worded two ways is named once. 10: a date conflict counts a report without a
# day apart, not as support for the date of the event it joined. 11: a known body is named through a
# closing remark or its office holder's name ("Home Secretary Theresa May (draft order laid)"). 12:
# OFAC's and OFSI's full names are named as the vocabulary names them. 13: a body named with and
# without a remark in one event is named once, plainly (events rule 4). 14: an official claim another
# claim of the same list entry dates within its window gives no date to an event's note (rule 3); a
# date conflict counts an entry of an official list once, not once per snapshot run. 15: an amendment
# attests a listing on its day (rule 13). 16: a stored event records the first day a held source
# reported it (events.first_reported). 17: a decision set aside cites every better sighting after it
# (rule 12), not only the first claim's. 18: claims naming no scope support the event of the one named
# scope they fit (events rule 6). 19: proposals keep who decides them, and sources naming different
# deciders are a conflict (rule 14). 20: a joint wording names each body it joins ("Public Safety
# Minister Bill Blair / Governor in Council"), and the authority vocabulary knows more bodies.
# 21: a first decision known only as "by D" leaves the days before D uncertain, not in the prior state.
# 22: a state claim showing its outcome before D dates it: "at least since" that day.
# 23: on a list writing a designee in several rows, another row's listing is an extension (rule 4).
# 24: on a list whose listings lapse after a term unless renewed, the days past a term with no renewal
# on record are shown (rule 15). 25: in a date conflict, a less trusted date is set aside where a more
# trusted one shows the entity listed on days it says it was not (rule 5).
RULES_VERSION = 25


@dataclass
class _Transition:
    """One change of state, possibly reported with conflicting dates."""

    effect: State
    candidates: list[Event]
    refuted: list[Event] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # why each refuted date was set aside
    window_start: date | None = None
    certain_from: date | None = None

    @property
    def shown(self) -> list[Event]:
        return self.candidates

    def display_date(self) -> PartialDate:
        if len(self.candidates) == 1:
            return self.candidates[0].date
        return date_span(event.date for event in self.candidates)

    def claim_ids(self) -> tuple[str, ...]:
        if len(self.candidates) == 1:
            return self.candidates[0].claim_ids  # the usual case: one report, already a tuple
        return tuple(cid for event in self.candidates for cid in event.claim_ids)

    def authority(self) -> str | None:
        names = [name for event in self.candidates for name in event.authorities]
        return "; ".join(dict.fromkeys(names)) or None


def resolve_timeline(
    entity_id: str,
    jurisdiction: str,
    list_id: str,
    claims: Iterable[Claim],
    as_of: date | None = None,
    seen: Mapping[str, Sequence[date]] | None = None,
) -> Timeline:
    """Derive the timeline of one entity on one list from its claims (rules 1-11)."""
    if as_of is None:
        known = [_bounded(c) for c in claims]
    else:
        known = [_bounded(c) for c in claims if c.known_by(as_of)]
    sightings = _sightings(known, seen or {}, as_of)
    events = merge_events(known)
    # Rule 10: a decision with no date at all cannot be placed; it is shown, not laid out.
    decisions = [e for e in events if e.action in STATE_AFTER and (e.date.earliest or e.date.latest)]
    # Decisions are laid out by the day they had certainly happened: "by 2024-05-30" comes after 2003.
    decisions.sort(key=lambda e: (e.date.latest or date.max, e.date.earliest or date.min))
    proposals = tuple(e for e in events if e.action in PROPOSALS)
    attested = [_attested(c) for c in known if c.kind == "event" and c.action == "amend" and c.date.latest]
    sightings.update((c.id, (c.date.latest,)) for c in attested if c.date.latest)
    states = sorted((*(c for c in known if c.kind == "state"), *attested), key=lambda c: c.date.sort_key())

    listing = lists().get(list_id)
    # Rule 4: on a list writing a designee in several rows, which row reports each official claim.
    several = listing is not None and listing.several_rows
    rows = {c.id: c.record_key for c in known if c.tier == 1 and c.record_key} if several else {}
    # Only decisions are weighed by tier (rule 12): most timelines hold none, only a snapshot's state.
    tiers = {c.id: c.tier for c in known} if decisions else {}
    decisions, conflicts, refuted_ids = _overrule(decisions, states, sightings, tiers, rows)
    transitions = _group_transitions(decisions, rows)
    open_ids = _open_ids(known) if decisions else set()
    for index, transition in enumerate(transitions):
        previous = transitions[index - 1].effect if index else None
        _refute(transition, previous, states, sightings)
        _outrank(transition, tiers, open_ids)
        _place(transition, transitions[index - 1].certain_from if index else None)
        refuted_ids.update(event.claim_ids for event in transition.refuted)
        if len(transition.candidates) + len(transition.refuted) > 1:
            conflicts.append(_date_conflict(transition, open_ids, _witnesses(known)))

    intervals = _intervals(transitions, states)
    conflicts.extend(_state_conflicts(intervals, states, sightings))
    if proposals:
        conflicts.extend(_decider_conflicts(proposals, {c.id: c.source_id for c in known}))
    shown_events = (
        tuple(dataclasses.replace(e, refuted=True) if e.claim_ids in refuted_ids else e for e in events)
        if refuted_ids
        else tuple(events)
    )
    lapses: tuple[Lapse, ...] = ()
    if listing is not None and listing.term_years and listing.term_basis:
        # Rule 15: every day the sources show the listing made, renewed or in force.
        in_force = [e.date for e in shown_events if not e.refuted and STATE_AFTER.get(e.action) == "listed"]
        in_force.extend(
            PartialDate.day(day) for s in states if s.state == "listed" for day in sightings.get(s.id, ())
        )
        lapses = lapsed_terms(intervals, in_force, listing.term_years, listing.term_basis)
    return Timeline(
        entity_id=entity_id,
        jurisdiction=jurisdiction,
        list_id=list_id,
        events=shown_events,
        intervals=tuple(intervals),
        proposals=proposals,
        conflicts=tuple(conflicts),
        state_claim_ids=tuple(c.id for c in states),
        lapses=lapses,
    )


def _open_ids(known: Sequence[Claim]) -> set[str]:
    """The event claims whose date is open on a side (undated, or "by" a day): rule 5 counts them apart."""
    return {c.id for c in known if c.kind == "event" and (c.date.earliest is None or c.date.latest is None)}


def _witnesses(known: Sequence[Claim]) -> dict[str, str]:
    """Who stands behind each claim in a date conflict (rule 5): one entry of an official list counts
    once however many of its snapshots repeat it; any other report counts by its source."""
    return {c.id: f"entry\x1f{c.record_key}" if c.tier == 1 else f"source\x1f{c.source_id}" for c in known}


def _attested(amendment: Claim) -> Claim:
    """Rule 13: the `listed` state an amendment attests, as a state claim of its source (same id)."""
    return dataclasses.replace(amendment, kind="state", state="listed", action=None)


def _sightings(
    known: list[Claim], seen: Mapping[str, Sequence[date]], as_of: date | None
) -> dict[str, tuple[date, ...]]:
    """Rule 11: the days each known state claim was observed on (its own day when not a run)."""
    out: dict[str, tuple[date, ...]] = {}
    for claim in known:
        if claim.kind != "state":
            continue
        days = seen.get(claim.id)
        if days is not None:
            out[claim.id] = tuple(d for d in days if as_of is None or d <= as_of)
        elif claim.date.latest is not None:
            out[claim.id] = (claim.date.latest,)
    return out


def _overrule(
    decisions: list[Event],
    states: list[Claim],
    sightings: Mapping[str, tuple[date, ...]],
    tiers: Mapping[str, int],
    rows: Mapping[str, str],
) -> tuple[list[Event], list[Conflict], set[tuple[str, ...]]]:
    """Rule 12: drop the decisions a better source's `listed` state contradicts.

    A delisting is contradicted by the entity seen listed after it (before the next change); a
    first listing by the entity seen listed before it, which the listing says it was not (a news
    report of a "designation" in 2026 of a group a curated source has listed since 2006). Returns
    the decisions left, one conflict per decision set aside and the claim ids of the events set
    aside. Each pass lays the transitions out again, since setting one aside changes what follows
    it (a later listing becomes a renewal).
    """
    conflicts: list[Conflict] = []
    refuted: set[tuple[str, ...]] = set()
    if not decisions:
        return decisions, conflicts, refuted  # most timelines: a snapshot's state alone
    while True:
        transitions = _group_transitions(decisions, rows)
        for index, transition in enumerate(transitions):
            _place(transition, transitions[index - 1].certain_from if index else None)
        found = None
        for index, transition in enumerate(transitions):
            following = transitions[index + 1].window_start if index + 1 < len(transitions) else date.max
            found = _contradiction(transition, following, states, sightings, tiers)
            if found is None and index == 0:
                found = _contradicted_listing(transition, states, sightings, tiers)
            if found is not None:
                break
        if found is None:
            return decisions, conflicts, refuted
        transition, witnesses, days = found
        refuted.update(event.claim_ids for event in transition.candidates)
        dropped = {id(event) for event in transition.candidates}
        decisions = [event for event in decisions if id(event) not in dropped]
        conflicts.append(_overruled(transition, witnesses, days))


def _contradiction(
    transition: _Transition,
    following: date | None,
    states: list[Claim],
    sightings: Mapping[str, tuple[date, ...]],
    tiers: Mapping[str, int],
) -> tuple[_Transition, list[Claim], list[date]] | None:
    """The better-sourced `listed` state claims (and their days) that overrule a delisting, if any."""
    if transition.effect != "not_listed" or following is None:
        return None
    latest = [event.date.latest for event in transition.candidates]
    if any(day is None for day in latest):
        return None
    last_possible = max(day for day in latest if day is not None)
    return _listed_by_better_source(transition, states, sightings, tiers, last_possible, following)


def _contradicted_listing(
    transition: _Transition,
    states: list[Claim],
    sightings: Mapping[str, tuple[date, ...]],
    tiers: Mapping[str, int],
) -> tuple[_Transition, list[Claim], list[date]] | None:
    """The better-sourced `listed` state claims seen before a first listing, which imply it was not."""
    if transition.effect != "listed" or transition.candidates[0].action != "list":
        return None
    earliest = [event.date.earliest for event in transition.candidates]
    if any(day is None for day in earliest):
        return None  # "by 2026-03-05": it may have happened before any sighting
    first_possible = min(day for day in earliest if day is not None)
    return _listed_by_better_source(transition, states, sightings, tiers, date.min, first_possible)


def _listed_by_better_source(
    transition: _Transition,
    states: list[Claim],
    sightings: Mapping[str, tuple[date, ...]],
    tiers: Mapping[str, int],
    after: date,
    before: date,
) -> tuple[_Transition, list[Claim], list[date]] | None:
    """Every `listed` state claim more trusted than every report of the transition and seen strictly
    between `after` and `before`, with the days they were seen on (together, each day once).

    All of them rather than the first: the same evidence reaches the resolver in different pieces
    depending on which snapshots a store holds (one run of two snapshots, or an amendment dated by
    the first of them beside the run), and the conflict must read the same either way.
    """
    weakest_report = min(tiers.get(cid, 3) for event in transition.candidates for cid in event.claim_ids)
    witnesses: list[Claim] = []
    days: set[date] = set()
    for claim in states:
        if claim.state != "listed" or claim.tier >= weakest_report:
            continue
        seen = [day for day in sightings.get(claim.id, ()) if after < day < before]
        if seen:
            witnesses.append(claim)
            days.update(seen)
    return (transition, witnesses, sorted(days)) if witnesses else None


def _overruled(transition: _Transition, witnesses: list[Claim], days: list[date]) -> Conflict:
    events = transition.candidates
    reported = " or ".join(event.date.iso() for event in events)
    sources = sum(len(event.claim_ids) for event in events)
    when = days[0].isoformat() if len(days) == 1 else f"{len(days)} snapshots from {days[0]} to {days[-1]}"
    decision = "listing" if transition.effect == "listed" else "delisting"
    already = " already" if transition.effect == "listed" else ""
    return Conflict(
        kind="overruled",
        description=(
            f"a {decision} on {reported} ({sources} source{'s' if sources != 1 else ''}) is contradicted "
            f"by a more trusted source showing the entity{already} listed on {when}"
        ),
        claim_ids=(
            *(cid for event in events for cid in event.claim_ids),
            *dict.fromkeys(claim.id for claim in witnesses),
        ),
        window=PartialDate.between(days[0], days[-1]),
        resolution=f"{decision} on {reported} set aside: the more trusted source prevails",
    )


def _bounded(claim: Claim) -> Claim:
    """Rule 10: a reported decision happened by the day its source was published."""
    if claim.kind != "event" or claim.date.latest is not None or claim.known_from is None:
        return claim
    if claim.action not in STATE_AFTER or (claim.date.earliest and claim.date.earliest > claim.known_from):
        return claim
    return dataclasses.replace(claim, date=PartialDate.between(claim.date.earliest, claim.known_from))


def _group_transitions(decisions: list[Event], rows: Mapping[str, str]) -> list[_Transition]:
    """Rules 3-5: turn ordered decisions into transitions, grouping alternative dates.

    `rows` gives the list row (record key) of each official claim, on a list writing one designee
    in several rows (empty otherwise).
    """
    transitions: list[_Transition] = []
    for event in decisions:
        effect = STATE_AFTER[event.action]
        if transitions and transitions[-1].effect == effect:
            current = transitions[-1]
            first = current.candidates[0]
            if event.action in _RENEWALS or event.scope != first.scope or event.action != first.action:
                continue  # rule 4: renewal or extension, the state does not change
            if _another_row(event, current.candidates, rows):
                continue  # rule 4: another row's act on the designee
            current.candidates.append(event)
        else:
            transitions.append(_Transition(effect, [event]))
    return transitions


def _another_row(event: Event, candidates: list[Event], rows: Mapping[str, str]) -> bool:
    """Rule 4: whether only list rows other than those reporting `candidates` report `event`."""
    mine = {rows.get(claim_id) for claim_id in event.claim_ids}
    if not mine or None in mine:
        return False  # a claim not read from a row: it may date the same act
    theirs = {rows[claim_id] for other in candidates for claim_id in other.claim_ids if claim_id in rows}
    return bool(theirs) and not mine & theirs


def _refute(
    transition: _Transition,
    previous: State | None,
    states: list[Claim],
    sightings: Mapping[str, tuple[date, ...]],
) -> None:
    """Rule 5: drop candidate dates that a snapshot contradicts (unless that would drop them all)."""
    if len(transition.candidates) < 2:
        return
    kept: list[Event] = []
    refuted: list[Event] = []
    reasons: list[str] = []
    for event in transition.candidates:
        already = next(
            (s for s in states if s.state == transition.effect and s.date.before(event.date)), None
        )
        still = max(
            (
                s
                for s in states
                if previous is not None and s.state == previous and _last_seen(s, sightings).after(event.date)
            ),
            key=lambda s: _last_seen(s, sightings).sort_key(),
            default=None,
        )
        if already is not None:
            reasons.append(f"already {already.state} on {already.date.iso()} per {_source_kind(already)}")
        elif still is not None:
            seen = _last_seen(still, sightings).iso()
            reasons.append(f"still {still.state} on {seen} per {_source_kind(still)}")
        (kept if already is None and still is None else refuted).append(event)
    if kept:
        transition.candidates, transition.refuted, transition.reasons = kept, refuted, reasons


def _outrank(transition: _Transition, tiers: Mapping[str, int], open_ids: set[str]) -> None:
    """Rule 5: set aside a date that only less trusted sources give, where a more trusted source's
    date shows the entity listed on days that date says it was not.

    A news report of a 2026 "listing" of a group a curated source dates to 2003 cannot be its first
    listing: the better source has it listed since 2003, so the 23 years between are not uncertain.
    Likewise a delisting a news report dates before a better source's. The other way round (a weaker
    report of an earlier listing, or of a later removal) would have the entity listed on more days:
    it stays a conflict and its days uncertain, as with dates of equal trust; doubt never removes a
    designation (the same side rule 12 takes). A report open on a side dates nothing (it fits every
    date), so it lends no trust to the date it joined. Suspensions are left as they are.
    """
    if len(transition.candidates) < 2 or transition.effect not in ("listed", "not_listed"):
        return
    best: dict[int, int] = {}
    for event in transition.candidates:
        dated = [tiers.get(cid, 3) for cid in event.claim_ids if cid not in open_ids]
        if dated:
            best[id(event)] = min(dated)
    if not best:
        return
    top = min(best.values())
    leaders = [e for e in transition.candidates if best.get(id(e)) == top]
    kind = f"{_SOURCE_KINDS.get(top, 'a source')} (more trusted)"
    if transition.effect == "listed":
        # Listed at least from the last day any of the best dates may be.
        anchor = max(leaders, key=lambda e: e.date.latest or date.max)
        bound = anchor.date.latest
        reason = f"already listed on {anchor.date.iso()} per {kind}"
        outranked = [
            e
            for e in transition.candidates
            if best.get(id(e), top) > top
            and bound is not None
            and e.date.earliest
            and e.date.earliest > bound
        ]
    else:
        # Listed at least until the first day any of the best dates may be.
        anchor = min(leaders, key=lambda e: e.date.earliest or date.min)
        bound = anchor.date.earliest
        reason = f"delisted only on {anchor.date.iso()} per {kind}"
        outranked = [
            e
            for e in transition.candidates
            if best.get(id(e), top) > top and bound is not None and e.date.latest and e.date.latest < bound
        ]
    if not outranked:
        return
    dropped = {id(e) for e in outranked}
    transition.candidates = [e for e in transition.candidates if id(e) not in dropped]
    transition.refuted.extend(outranked)
    transition.reasons.extend(reason for _ in outranked)


_SOURCE_KINDS = {1: "an official source", 2: "a curated source", 3: "a news report"}


def _source_kind(claim: Claim) -> str:
    """How a conflict names the kind of source a claim comes from, by its tier (model.source.TIER_BY_KIND)."""
    return _SOURCE_KINDS.get(claim.tier, "a source")


def _last_seen(claim: Claim, sightings: Mapping[str, tuple[date, ...]]) -> PartialDate:
    days = sightings.get(claim.id)
    return PartialDate.day(days[-1]) if days else claim.date


def _place(transition: _Transition, previous_certain: date | None) -> None:
    """Rule 6: the window of days in which the transition may have happened."""
    earliest = [e.date.earliest for e in transition.candidates]
    latest = [e.date.latest for e in transition.candidates]
    start = min((d for d in earliest if d), default=None)
    if start is None or (previous_certain and start < previous_certain):
        start = previous_certain
    transition.window_start = start
    transition.certain_from = None if any(d is None for d in latest) else max(d for d in latest if d)


def _date_conflict(transition: _Transition, open_ids: set[str], witnesses: Mapping[str, str]) -> Conflict:
    """The date conflict of a transition whose sources give several dates.

    Each date counts the sources that give it: a report, or an entry of an official list (its
    snapshots repeat one statement, however many are held, or in whatever order they came in). A
    report open on a side (undated, or "by" a day) fits every date, so it is counted apart, not as
    support for the date it was filed under.
    """
    action = transition.candidates[0].action
    parts = []
    for e in transition.candidates:
        dated = len({witnesses.get(cid, cid) for cid in e.claim_ids if cid not in open_ids})
        parts.append(f"{e.date.iso()} ({dated} source{'s' if dated != 1 else ''})")
    description = f"sources disagree on the date of the {action}: " + " vs ".join(parts)
    fitting = len(
        {witnesses.get(cid, cid) for e in transition.candidates for cid in e.claim_ids if cid in open_ids}
    )
    if fitting:
        reports = (
            f"{fitting} report{'s' if fitting != 1 else ''} without a day fit{'s' if fitting == 1 else ''}"
        )
        description += f"; {reports} each date"
    resolution = None
    if transition.refuted:
        dates = ", ".join(e.date.iso() for e in transition.refuted)
        description += f"; also reported: {dates}"
        resolution = "; ".join(
            f"{e.date.iso()} set aside: {reason}"
            for e, reason in zip(transition.refuted, transition.reasons, strict=True)
        )
    window = None
    if (
        transition.window_start
        and transition.certain_from
        and transition.window_start < transition.certain_from
    ):
        window = PartialDate.between(transition.window_start, transition.certain_from - timedelta(days=1))
    all_events = transition.candidates + transition.refuted
    return Conflict(
        kind="date",
        description=description,
        claim_ids=tuple(cid for e in all_events for cid in e.claim_ids),
        window=window,
        resolution=resolution,
    )


def _decider_conflicts(proposals: Sequence[Event], source_of: Mapping[str, str]) -> list[Conflict]:
    """Rule 14: the proposals whose sources disagree on who decides them."""
    out: list[Conflict] = []
    for proposal in proposals:
        if len(proposal.deciders) < 2:
            continue
        parts = []
        for decider in proposal.deciders:
            count = len({source_of.get(cid, cid) for cid in decider.claim_ids})
            parts.append(f"{decider.name} ({count} source{'s' if count != 1 else ''})")
        dated = proposal.date.earliest is not None or proposal.date.latest is not None
        which = (
            f"the {proposal.action} of {proposal.date.iso()}" if dated else f"the undated {proposal.action}"
        )
        out.append(
            Conflict(
                kind="decider",
                description=f"sources disagree on who decides {which}: " + " vs ".join(parts),
                claim_ids=tuple(cid for decider in proposal.deciders for cid in decider.claim_ids),
                window=proposal.date if dated else None,
            )
        )
    return out


def _intervals(transitions: list[_Transition], states: list[Claim]) -> list[Interval]:
    """Rules 6-7: lay the transitions out as consecutive intervals."""
    out: list[Interval] = []
    cursor: date | None = None
    state: State | None = None
    since: PartialDate | None = None
    since_claims: tuple[str, ...] = ()
    authority: str | None = None
    note: str | None = None
    if transitions and transitions[0].candidates[0].action == "list":
        state = "not_listed"
    elif transitions or states:
        first_day = transitions[0].window_start if transitions else None
        early = [
            s for s in states if s.state and (first_day is None or (s.date.latest or first_day) < first_day)
        ]
        if early:
            snapshot = early[0]
            state, cursor, since = snapshot.state, snapshot.date.latest, snapshot.date
            since_claims = tuple(s.id for s in early if s.state == snapshot.state)
            # The list's publisher, when the state claim names it: "at least since" still says whose list.
            authority = next(
                (
                    known_name(s.jurisdiction, s.authority)
                    for s in early
                    if s.state == snapshot.state and s.authority
                ),
                None,
            )
            note = (
                f"at least since {snapshot.date.iso()} (per {_source_kind(snapshot)}; earlier state unknown)"
            )
    for transition in transitions:
        start, certain = transition.window_start, transition.certain_from
        shown: Claim | None = None
        if start is None:
            # Known only as "by D" (rule 10): it may have come any day after what is known before it,
            # so the state before holds on no day for certain; a state claim showing its outcome
            # earlier says it had come by then.
            start = cursor
            shown = _shown_before(states, transition.effect, cursor, certain)
            certain = shown.date.latest if shown is not None else certain
        if state is not None and start is not None and (cursor is None or cursor < start):
            out.append(
                Interval(
                    state, since, transition.display_date(), cursor, start, since_claims, authority, note
                )
            )
        if (start is not None or state is not None) and (certain is None or start is None or start < certain):
            out.append(
                Interval(
                    "uncertain",
                    transition.display_date(),
                    transition.display_date(),
                    start,
                    certain,
                    transition.claim_ids(),
                    transition.authority(),
                    _uncertain_note(transition),
                    tuple(s for s in (state, transition.effect) if s),
                )
            )
        state, cursor, since = transition.effect, certain, transition.display_date()
        since_claims, authority, note = transition.claim_ids(), transition.authority(), None
        if shown is not None:
            since, since_claims = shown.date, (*since_claims, shown.id)
            note = (
                f"at least since {shown.date.iso()} (per {_source_kind(shown)}); "
                f"{transition.candidates[0].action} dated only to {transition.display_date().iso()}"
            )
        if certain is None:
            return out
    if state is not None:
        out.append(Interval(state, since, None, cursor, None, since_claims, authority, note))
    return out


def _shown_before(
    states: Sequence[Claim], effect: State, after: date | None, by: date | None
) -> Claim | None:
    """The earliest state claim showing `effect` on or after `after` and before `by`, if any."""
    fits = [
        s
        for s in states
        if s.state == effect
        and s.date.latest is not None
        and (after is None or after <= s.date.latest)
        and (by is None or s.date.latest < by)
    ]
    return min(fits, key=lambda s: (s.date.latest or date.max, s.id), default=None)


def _uncertain_note(transition: _Transition) -> str:
    if len(transition.candidates) > 1:
        dates = " or ".join(e.date.iso() for e in transition.candidates)
        return f"sources disagree: {transition.candidates[0].action} on {dates}"
    return f"{transition.candidates[0].action} dated only to {transition.candidates[0].date.iso()}"


def _state_conflicts(
    intervals: list[Interval], states: list[Claim], sightings: Mapping[str, tuple[date, ...]]
) -> list[Conflict]:
    """Rules 8 and 11: snapshots that contradict the derived state on their own date.

    A run of snapshots contradicting one interval is one conflict, windowed by the first and the
    last contradicting snapshot date.
    """
    out: list[Conflict] = []
    for claim in states:
        days = sightings.get(claim.id, ())
        contradicted: dict[int, list[date]] = {}
        for day in days:
            index = next((n for n, i in enumerate(intervals) if i.covers(day)), None)
            if index is None:
                continue
            covering = intervals[index]
            if covering.state == claim.state:
                continue
            if covering.state == "uncertain" and claim.state in covering.candidates:
                continue
            contradicted.setdefault(index, []).append(day)
        for index, bad_days in contradicted.items():
            covering = intervals[index]
            when = (
                bad_days[0].isoformat()
                if len(bad_days) == 1
                else f"{len(bad_days)} snapshots from {bad_days[0].isoformat()} to {bad_days[-1].isoformat()}"
            )
            out.append(
                Conflict(
                    kind="snapshot",
                    description=(
                        f"a source shows the entity {claim.state} on {when}, "
                        f"but the reported events imply {covering.state}"
                    ),
                    claim_ids=(claim.id, *covering.claim_ids),
                    window=claim.date
                    if days == (claim.date.latest,)
                    else PartialDate.between(bad_days[0], bad_days[-1]),
                )
            )
    return out
