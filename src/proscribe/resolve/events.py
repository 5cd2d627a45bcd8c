"""Merge claims that report the same real-world event into one Event supported by all its sources.

Rules (each tested in tests/resolve/test_timeline.py):
1. Only claims about the same entity, list, action and scope can merge.
2. Two claims merge when their dates are compatible: the dates overlap (e.g. "2005-03" and
   "2005-03-15"), or they are at most MERGE_WINDOW_DAYS apart (reports a few days apart, such as a
   list published on 2024-09-02 and a ministry's confirmation on 2024-09-06). But official
   claims (tier 1) of one record (same record key: one entry of one list, read from its successive
   snapshots) whose dates do not overlap never merge: a list shows each change of its entry once,
   so a renaming seen between the 2018 snapshots and another seen between the 2020 and 2025 ones
   are two amendments.
3. The merged event's date is the date of its best claim: most trusted tier first, then the
   most precise date, then the earliest; narrowed to a more precise date another member gives
   within it (a delisting seen between snapshots of 2021-07-07 and 2024-04-10 that a curated
   source dates 2021-11-30 happened on 2021-11-30: both hold). When members give different dates,
   the note says so; an official claim that another claim of the same list entry dates within its
   window (`coarser_readings`: what an import out of date order leaves beside the narrower
   reading found later) gives no date of its own.
4. Authorities are kept in order of first appearance (best tier first), without repeats; a body
   the authority vocabulary knows is named as it is there, whatever the wording of its sources;
   one it does not know, named both with a remark or its office holder and without, is named
   once, without ("Unidad de Información Financiera (Macri government)"). A wording joining bodies
   the vocabulary knows ("US Department of the Treasury (OFAC) and Department of State") names
   each of them, so a source naming one of the two repeats nothing.
5. A claim whose date is open on a side (unknown, or "by 2024-06-03") fits every event on that
   side, so it never joins two events: events are formed from the claims with bounded dates,
   then each open one supports the best event it fits (most trusted best claim, then most
   sources, then earliest). Otherwise an undated news report of a delisting would fuse the two
   dates trusted sources disagree on into one event, and hide the disagreement.
6. A report that names no scope does not make an act of its own beside one that does: claims
   without a scope (an event of them) support the event of a named scope they fit (same action,
   compatible date, rule 2), the best one by rule 5's order, when every event they fit has that
   one scope. The EU's listing of Hezbollah's military wing, reported by one source as the
   military wing's and by another as Hezbollah's, is one listing of the military wing, not that
   and a listing of the whole organisation. Fitting events of two scopes, or none, they stay an
   event of their own (a later listing with no scope after a partial one is an extension).
7. A proposal's deciders (who its sources say decides it) are kept like its authorities (rule 4:
   vocabulary names, best tier first, no repeats), each with the claims that name it, so that a
   disagreement on who decides can be shown with its sources (resolve.timeline rule 14). A generic
   wording whose words all belong to exactly one other decider's name is that body, not a rival:
   "the court" and "Supreme Court" beside "Supreme Court of Kazakhstan" are one decider.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from proscribe import vocab
from proscribe.model import Claim, Decider, Event, PartialDate
from proscribe.vocab import authority_wordings

MERGE_WINDOW_DAYS = 7

# Every (jurisdiction, wording) the claims of a first import repeat (one per list record) is read
# once: the vocabulary's lookup costs more than the rest of a one-claim timeline. One memo per
# loaded authority vocabulary (a reloaded one, in tests, starts a memo of its own).
_named: tuple[Mapping[str, object] | None, dict[tuple[str, str], tuple[str, ...]]] = (None, {})


def known_names(jurisdiction: str, text: str) -> tuple[str, ...]:
    """`vocab.authority_names`, memoised for as long as the authority vocabulary stays loaded."""
    global _named
    loaded = vocab.authorities()
    owner, memo = _named
    if owner is not loaded:
        memo = {}
        _named = (loaded, memo)
    key = (jurisdiction, text)
    found = memo.get(key)
    if found is None:
        found = memo[key] = vocab.authority_names(jurisdiction, text)
    return found


def known_name(jurisdiction: str, text: str) -> str:
    """`vocab.authority_name` through the memo of `known_names`."""
    return "; ".join(known_names(jurisdiction, text))


@lru_cache(maxsize=4096)
def _shortened_wordings(name: str) -> frozenset[str]:
    """The wordings of `name` other than itself as written (`authority_wordings` past the first)."""
    return frozenset(list(authority_wordings(name))[1:])


def _best_first(claim: Claim) -> tuple[int, int, tuple[object, ...]]:
    width = claim.date.width_days
    return (claim.tier, width if width is not None else 10**9, claim.date.sort_key())


def _compatible(claim: Claim, members: list[Claim]) -> bool:
    if claim.tier == 1 and any(
        m.tier == 1 and m.record_key == claim.record_key and not m.date.overlaps(claim.date) for m in members
    ):
        return False  # rule 2: another change of the same list entry
    for member in members:
        gap = member.date.gap_days(claim.date)
        if gap is not None and gap <= MERGE_WINDOW_DAYS:
            return True
    return False


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    """True when every possible day of `inner` is possible for `outer`, and `inner` is narrower."""
    if inner.earliest is None or inner.latest is None or inner == outer:
        return False
    starts = outer.earliest is None or outer.earliest <= inner.earliest
    ends = outer.latest is None or inner.latest <= outer.latest
    return starts and ends


def _to_event(members: list[Claim]) -> Event:
    ranked = sorted(members, key=_best_first)
    best = ranked[0]
    when = best.date
    for claim in ranked[1:]:
        if _within(claim.date, when):
            when = claim.date
    authorities: list[str] = []
    for claim in ranked:
        for named in known_names(claim.jurisdiction, claim.authority) if claim.authority else ():
            if named not in authorities:
                authorities.append(named)
    # A body the vocabulary does not know, named once with a remark or its office holder and once
    # without ("Government of Guatemala (announcement)"), is named once, plainly.
    named_plainly = set(authorities)
    authorities = [name for name in authorities if not named_plainly.intersection(_shortened_wordings(name))]
    coarser = coarser_readings(members)
    dates = sorted({claim.date.iso() for claim in members if claim.id not in coarser})
    note = f"sources give {', '.join(dates)}; using {when.iso()}" if len(dates) > 1 else None
    legal_basis = next((claim.legal_basis for claim in ranked if claim.legal_basis), None)
    return Event(
        action=best.action or "",
        date=when,
        claim_ids=tuple(sorted(claim.id for claim in members)),
        authorities=tuple(authorities),
        legal_basis=legal_basis,
        scope=next((claim.scope for claim in ranked if claim.scope), None),  # rule 6
        note=note,
        deciders=event_deciders(members),  # rule 7
    )


def event_deciders(members: Sequence[Claim]) -> tuple[Decider, ...]:
    """Rule 7: each body the claims of one event name as its decider, with those claims, a generic
    wording folded into the one named body it can only mean (best claim's body first)."""
    named: dict[str, list[str]] = {}
    if not any(claim.decider for claim in members):
        return ()  # the usual case: only proposals name who decides them
    for claim in sorted(members, key=_best_first):
        if claim.decider:
            named.setdefault(known_name(claim.jurisdiction, claim.decider), []).append(claim.id)
    words = {name: _name_words(name) for name in named}
    widest = [name for name in named if not any(words[name] < words[other] for other in named)]
    claims = {name: list(ids) for name, ids in named.items()}
    for name in named:
        wider = [other for other in widest if words[name] < words[other]]
        if len(wider) == 1:
            claims[wider[0]].extend(claims.pop(name))
    return tuple(Decider(name, tuple(sorted(ids))) for name, ids in claims.items())


def _name_words(name: str) -> frozenset[str]:
    """A body's name as a set of words, plural and article aside: "the courts" ~ "Supreme Court"."""
    words = re.findall(r"\w+", name.casefold())
    return frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in ("the", "of"))


def coarser_readings(claims: Sequence[Claim]) -> set[str]:
    """Ids of the official claims that another official claim of the same list entry dates within.

    Snapshots imported out of date order leave a change's first, wider window (2017-06-30 to
    2020-03-20) beside the narrower one found when the snapshot between came in (2018-10-29 to
    2020-03-20): both stay, as claims are never deleted, but the wider one says nothing the
    narrower does not.
    """
    # Only claims of one entry are compared: an event may gather every snapshot diff of many entries.
    entries: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.tier == 1:
            entries.setdefault(claim.record_key, []).append(claim)
    return {
        claim.id
        for entry in entries.values()
        if len(entry) > 1  # a date is never within itself (`_within`)
        for claim in entry
        if any(_within(other.date, claim.date) for other in entry)
    }


def merge_events(claims: Iterable[Claim]) -> list[Event]:
    """Group event claims into events (rules 1-6), ordered by date."""
    groups: dict[tuple[str, str | None], list[Claim]] = {}
    for claim in claims:
        if claim.kind != "event" or claim.action is None:
            continue
        groups.setdefault((claim.action, claim.scope), []).append(claim)
    if not groups:
        return []
    clustered = {key: _group_clusters(members) for key, members in groups.items()}
    for (action, scope), clusters in clustered.items():
        if scope is not None:
            continue
        kept = []
        for cluster in clusters:
            # Its dated claims place the event; an open-dated one it holds fits any event (rule 5).
            placing = [claim for claim in cluster if claim.date.width_days is not None] or cluster
            fitting = [
                (named, other)
                for (other_action, named), others in clustered.items()
                if other_action == action and named is not None
                for other in others
                if any(_compatible(claim, other) for claim in placing)
            ]
            if len({named for named, _ in fitting}) == 1:
                min((other for _, other in fitting), key=_support_rank).extend(cluster)  # rule 6
            else:
                kept.append(cluster)
        clusters[:] = kept
    events = [_to_event(cluster) for clusters in clustered.values() for cluster in clusters]
    return sorted(events, key=lambda e: (e.date.sort_key(), e.action, e.claim_ids))


def _group_clusters(members: list[Claim]) -> list[list[Claim]]:
    """The claims of one action and scope grouped into the events they report (rules 2 and 5)."""
    ordered = sorted(members, key=lambda c: (c.date.sort_key(), c.id))
    bounded = [c for c in ordered if c.date.width_days is not None]
    clusters = _clusters(bounded)
    if not clusters:
        clusters = _clusters(ordered)  # only open dates: they can only support one another
    else:
        for claim in ordered:
            if claim.date.width_days is not None:
                continue
            fitting = [cluster for cluster in clusters if _compatible(claim, cluster)]
            if fitting:
                min(fitting, key=_support_rank).append(claim)
            else:
                clusters.append([claim])
    return clusters


def _clusters(ordered: list[Claim]) -> list[list[Claim]]:
    """Claims (in date order) grouped into runs of compatible claims (rule 2)."""
    clusters: list[list[Claim]] = []
    for claim in ordered:
        if clusters and _compatible(claim, clusters[-1]):
            clusters[-1].append(claim)
        else:
            clusters.append([claim])
    return clusters


def _support_rank(cluster: list[Claim]) -> tuple[int, int, tuple[object, ...]]:
    """Rule 5's order of the events an open-dated claim fits: best tier, most sources, earliest."""
    best = min(cluster, key=_best_first)
    return (best.tier, -len(cluster), best.date.sort_key())


def date_span(dates: Iterable[PartialDate]) -> PartialDate:
    """The smallest PartialDate containing all of `dates`."""
    items = list(dates)
    low = min((d.earliest for d in items if d.earliest), default=None)
    high = max((d.latest for d in items if d.latest), default=None)
    return PartialDate.between(low, high)
