"""Shared pieces of the answers: jurisdiction codes, timelines at a knowledge date, source references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from proscribe import vocab
from proscribe.model import Claim, Conflict, Event, Interval, Lapse, Source, Timeline
from proscribe.resolve.timeline import resolve_timeline
from proscribe.store import Reader

JSON = dict[str, Any]


def jurisdiction_codes(jurisdictions: Sequence[str]) -> list[str]:
    """Validated, upper-cased jurisdiction codes (NotFoundError names an unknown one)."""
    return [vocab.jurisdiction(code).code for code in jurisdictions]


def list_ids(lists: Sequence[str]) -> list[str]:
    """Validated list ids in their stored (lower) case: a filter on a list that does not exist would
    match nothing, and an empty answer would read as "not designated"."""
    return [vocab.designation_list(list_id).id for list_id in lists]


def timelines_known_by(
    reader: Reader, entity_ids: Sequence[str], codes: Sequence[str], as_of: date | None
) -> list[Timeline]:
    """Stored timelines, or timelines re-derived from the claims known by `as_of`."""
    if as_of is None:
        return reader.timelines(entity_ids, codes)
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    wanted = set(entity_ids)
    # Many entities (a whole-registry matrix as of a date): one scan beats a query per entity.
    batches = (
        [reader.claims()] if len(wanted) > 50 else [reader.claims(entity_id) for entity_id in entity_ids]
    )
    for claims in batches:
        for claim in claims:
            if claim.entity_id in wanted and claim.list_id and (not codes or claim.jurisdiction in codes):
                by_key[(claim.entity_id, claim.list_id)].append(claim)
    seen = reader.sightings([claim for claims in by_key.values() for claim in claims])
    out = []
    for (entity_id, list_id), claims in sorted(by_key.items()):
        timeline = resolve_timeline(entity_id, claims[0].jurisdiction, list_id, claims, as_of, seen)
        if timeline.intervals or timeline.events or timeline.state_claim_ids:
            out.append(timeline)
    return sorted(out, key=lambda t: (t.jurisdiction, t.list_id))


def timelines_of_lists(
    reader: Reader,
    jurisdictions: Sequence[str],
    lists: Sequence[str],
    as_of: date | None,
    entities: Sequence[str] = (),
) -> list[Timeline]:
    """The timelines of `entities` (ids or names; every entity when empty) on the lists of
    `jurisdictions` and `lists` (all when empty; all validated), stored or re-derived from the
    claims known by `as_of`."""
    entity_ids = sorted({reader.resolve_ref(entity)[0] for entity in entities})
    codes = jurisdiction_codes(jurisdictions)
    wanted = list_ids(lists)
    if as_of is None:
        return reader.timelines(entity_ids, codes, wanted)
    return [
        t
        for t in timelines_known_by(reader, entity_ids or sorted(reader.entity_names()), codes, as_of)
        if not wanted or t.list_id in wanted
    ]


SourceMap = dict[str, tuple[int, Source]]


def source_refs(by_claim: SourceMap, claim_ids: Iterable[str]) -> list[JSON]:
    """The distinct sources behind some claims, most trusted first."""
    best: dict[str, tuple[int, Source]] = {}
    for claim_id in claim_ids:
        found = by_claim.get(claim_id)
        if found and (found[1].id not in best or found[0] < best[found[1].id][0]):
            best[found[1].id] = found
    ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].id))
    return [{"url": s.uri, "title": s.title, "kind": s.kind} for _tier, s in ranked]


def claims_shown(timeline: Timeline, day: date) -> set[str]:
    """Claim ids whose sources a status entry cites: current and previous interval, the listing that
    extended the designation to its present scope, pending proposals."""
    ids: set[str] = set()
    interval = timeline.interval_at(day)
    if interval is not None:
        ids.update(interval.claim_ids)
        index = timeline.intervals.index(interval)
        if index > 0:
            ids.update(timeline.intervals[index - 1].claim_ids)
        extension = scope_extension(timeline, interval, day)
        if extension is not None:
            ids.update(extension.claim_ids)
    for pending in timeline.pending_at(day):
        ids.update(pending.claim_ids)
    return ids


WHOLE = "whole organisation"  # the scope the curated data gives a listing of the entire organisation
_LISTINGS = frozenset({"list", "relist", "reinstate"})


def scope_in_force(
    timeline: Timeline, interval: Interval | None, at: date
) -> tuple[str | None, Event | None]:
    """What part of the organisation the designation in force on `at` covers, when sources say, and
    the listing that made it so.

    The listings since the state began, up to `at` (a listing of another part while listed changes
    no state, but widens what is listed): the whole organisation once one says so, else each part
    they name, oldest first ("External Security Organisation; military wing" for GB's Hezbollah
    in 2015). The listing returned is the one that named the whole organisation, else the one that
    added the last part. (None, None) when the state is not listed or suspended, or no source
    names a part.
    """
    if interval is None or interval.state not in ("listed", "suspended"):
        return None, None
    began = interval.from_day or (interval.start.earliest if interval.start else None)
    parts: list[str] = []
    setting: Event | None = None
    for event in timeline.events:
        if event.refuted or event.action not in _LISTINGS or not event.scope:
            continue
        first = event.date.earliest
        if (
            first is None
            or first > at
            or (began is not None and event.date.latest and event.date.latest < began)
        ):
            continue
        if event.scope == WHOLE:
            if parts != [WHOLE]:
                parts, setting = [WHOLE], event
        elif WHOLE not in parts and event.scope not in parts:
            parts.append(event.scope)
            setting = event
    return "; ".join(parts) or None, setting


def scope_extension(timeline: Timeline, interval: Interval | None, at: date) -> Event | None:
    """The listing that, after the designation in force on `at` began, extended it to its present
    scope (the UK's proscription of Hamas: its military wing from 2001, the whole organisation
    from 2021-11-26); None when the act that began the state set the scope, or none is known."""
    _, setting = scope_in_force(timeline, interval, at)
    if setting is None or interval is None or set(setting.claim_ids) & set(interval.claim_ids):
        return None
    return setting


def list_closed_note(list_id: str, at: date) -> str | None:
    """Said of a list its publisher has closed by `at` (see DesignationList.closed_note), else None."""
    found = vocab.lists().get(list_id)
    return found.closed_note(at) if found else None


def closed_on(list_id: str, at: date) -> str | None:
    """The day a list was closed, when that is on or before `at`, else None."""
    found = vocab.lists().get(list_id)
    if found is None or found.closed_on is None or at < found.closed_on:
        return None
    return found.closed_on.isoformat()


def list_closure(list_id: str) -> JSON | None:
    """`{"on", "succeeded_by", "note"}` for a list its publisher has closed, else None.

    `note` is what an answer about any day from `on` must add (the web's table shows it then).
    """
    found = vocab.lists().get(list_id)
    if found is None or found.closed_on is None:
        return None
    return {
        "on": found.closed_on.isoformat(),
        "succeeded_by": found.succeeded_by,
        "note": found.closed_note(found.closed_on),
    }


def list_name(list_id: str) -> str:
    """The official name of a list, or its id when the vocabulary does not know it."""
    found = vocab.lists().get(list_id)
    return found.name if found else list_id


def entity_ref(ref: tuple[str, str]) -> JSON:
    """The `{"id", "name"}` object every answer starts with."""
    return {"id": ref[0], "name": ref[1]}


def claim_detail(claim: Claim, source: Source | None) -> JSON:
    """One claim with its source and evidence, as shown in timelines and source listings."""
    return {
        "id": claim.id,
        "kind": claim.kind,
        "action": claim.action,
        "state": claim.state,
        "date": claim.date.iso(),
        "authority": claim.authority,
        "legal_basis": claim.legal_basis,
        "scope": claim.scope,
        "decider": claim.decider,
        "evidence": claim.evidence,
        "span": list(claim.span) if claim.span else None,
        "rule": claim.rule,
        "confidence": claim.confidence,
        "note": claim.note,
        # The record an official list claim was read from (UN reference, OFAC ent_num, EU logicalId):
        # what an analyst looks up in the publisher's own file.
        "record": claim.record_key if source and source.kind == "official_list" else None,
        "source": {
            "url": source.uri if source else None,
            "title": source.title if source else None,
            "kind": source.kind if source else None,
            "published_on": source.published_on.isoformat() if source and source.published_on else None,
        },
    }


def day_note(timeline: Timeline, interval: Interval | None, day: date) -> str | None:
    """What an answer for `day` notes of the state: its interval's note, that the day it began is
    disputed, that it began when one list took over another's entries, and a term run out with no
    renewal on record (resolver rule 15)."""
    lapse = timeline.lapse_at(day) if interval is not None and interval.state == "listed" else None
    notes = [
        interval.note if interval else None,
        _disputed_start(timeline, interval),
        takeover_note(timeline.list_id, interval),
        lapse.note if lapse else None,
    ]
    return "; ".join(filter(None, notes)) or None


def takeover_note(list_id: str, interval: Interval | None) -> str | None:
    """Said of a state that began on the day a list took over another's entries (the UN's 1988 list,
    opened on 2011-06-17 with the 1267 list's Taliban entries): on the new list, that it was taken
    over; on the old one, that leaving it was a transfer. Without it, one reads as a listing of
    2011 and the other as a UN delisting."""
    if interval is None or interval.from_day is None:
        return None
    lists = vocab.lists()
    here = lists.get(list_id)
    if (
        interval.state == "listed"
        and here is not None
        and here.took_over_from is not None
        and here.opened_on == interval.from_day
    ):
        return f"taken over from {here.took_over_from} when this list opened on {here.opened_on.isoformat()}"
    if interval.state == "not_listed":
        for successor in lists.values():
            if successor.took_over_from == list_id and successor.opened_on == interval.from_day:
                return (
                    f"moved to {successor.id} when it took over this list's entries on "
                    f"{interval.from_day.isoformat()}: a transfer, not an end of sanctions"
                )
    return None


def _disputed_start(timeline: Timeline, interval: Interval | None) -> str | None:
    """The date conflict over the change that began `interval`, said where the state is settled
    (Kazakhstan's removal of the Taliban, not_listed since "2023-12-29/2024-06-03"): without it
    only the uncertain days before say that the sources disagree."""
    if interval is None or interval.state == "uncertain" or interval.from_day is None:
        return None
    day_before = interval.from_day - timedelta(days=1)
    for conflict in timeline.conflicts:
        if conflict.kind == "date" and conflict.window is not None and conflict.window.latest == day_before:
            return f"start disputed: {conflict.description}"
    return None


def conflicts_bearing_on(timeline: Timeline, day: date) -> list[Conflict]:
    """The conflicts that bear on an answer for `day`: those over something dated on or before it.

    A dispute over a removal in 2024 says nothing of the state in 2010 (`timeline` lists every
    conflict). A conflict whose dates cannot be told is kept.
    """
    if not timeline.conflicts:
        return []
    dated = [(e.date.earliest, frozenset(e.claim_ids)) for e in (*timeline.events, *timeline.proposals)]
    kept = []
    for conflict in timeline.conflicts:
        ids = set(conflict.claim_ids)
        days = [earliest for earliest, claims in dated if earliest is not None and not claims.isdisjoint(ids)]
        if conflict.window is not None and conflict.window.earliest is not None:
            days.append(conflict.window.earliest)
        if not days or min(days) <= day:
            kept.append(conflict)
    return kept


def lapse_json(lapse: Lapse | None) -> JSON | None:
    """A stretch past a listing's term with no renewal on record, as JSON (None: none)."""
    if lapse is None:
        return None
    return {
        "from": lapse.from_day.isoformat(),
        "until": lapse.until_day.isoformat() if lapse.until_day else None,
        "last_in_force": lapse.renewed.isoformat(),
        "term_years": lapse.years,
        "basis": lapse.basis,
        "note": lapse.note,
    }


def interval_json(interval: Interval, list_id: str) -> JSON:
    """One timeline interval of list `list_id` as JSON (`takeover`: see `takeover_note`)."""
    return {
        "state": interval.state,
        "start": interval.start.iso() if interval.start else None,
        "end": interval.end.iso() if interval.end else None,
        "from": interval.from_day.isoformat() if interval.from_day else None,
        "until": interval.until_day.isoformat() if interval.until_day else None,
        "authority": interval.authority,
        "note": interval.note,
        "takeover": takeover_note(list_id, interval),
        "candidates": list(interval.candidates),
        "claims": list(interval.claim_ids),
    }
