"""State answers: status of an entity on a day, the matrix, designations for screening filters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from proscribe import clock, vocab
from proscribe.errors import InputError
from proscribe.model import Interval, Timeline
from proscribe.query.common import (
    JSON,
    SourceMap,
    claims_shown,
    closed_on,
    conflicts_bearing_on,
    day_note,
    entity_ref,
    jurisdiction_codes,
    lapse_json,
    list_closed_note,
    list_name,
    scope_extension,
    scope_in_force,
    source_refs,
    timelines_known_by,
    timelines_of_lists,
)
from proscribe.query.cursor import decode_cursor, encode_cursor, malformed
from proscribe.query.identity import suggestions_about
from proscribe.store import Reader


def last_seen(seen_on: Sequence[date], day: date) -> str | None:
    """The latest official snapshot on or before `day` showing the record on its list, if any."""
    before = [d for d in seen_on if d <= day]
    return max(before).isoformat() if before else None


def seen_on_by_timeline(
    reader: Reader, timelines: Sequence[Timeline], as_of: date | None
) -> dict[tuple[str, str], list[date]]:
    """For each timeline, by (entity id, list id): the dates of the official snapshots showing its
    record on the list, oldest first; only snapshots dated by `as_of` when one is given.

    Official means the publisher's own list (tier 1): an aggregator's copy (OpenSanctions, tier 2)
    says what the aggregator showed, not how fresh the official evidence is.
    """
    claims = reader.claims_by_id(cid for t in timelines for cid in t.state_claim_ids)
    seen = reader.sightings([claim for claim in claims.values() if claim.tier == 1])
    out: dict[tuple[str, str], list[date]] = {}
    for t in timelines:
        days = {d for cid in t.state_claim_ids for d in seen.get(cid, ()) if as_of is None or d <= as_of}
        out[t.entity_id, t.list_id] = sorted(days)
    return out


def scope_at(timeline: Timeline, interval: Interval | None, at: date) -> str | None:
    """What part of the organisation the designation in force on `at` covers (see
    `query.common.scope_in_force`); None when no source names a part."""
    return scope_in_force(timeline, interval, at)[0]


def _scope_since(timeline: Timeline, interval: Interval | None, at: date) -> str | None:
    """Since when the designation in force on `at` covers what `scope_at` says: the date of the
    listing that named that scope."""
    setting = scope_in_force(timeline, interval, at)[1]
    return setting.date.iso() if setting is not None else None


def _scope_extension(
    by_claim: SourceMap, timeline: Timeline, interval: Interval | None, at: date
) -> JSON | None:
    """The act that extended the designation in force to its present scope after it began: its date,
    authority, legal basis and sources (see `query.common.scope_extension`)."""
    event = scope_extension(timeline, interval, at)
    if event is None:
        return None
    return {
        "date": event.date.iso(),
        "scope": event.scope,
        "authority": "; ".join(event.authorities) or None,
        "legal_basis": event.legal_basis,
        "sources": source_refs(by_claim, event.claim_ids),
    }


def legal_basis(timeline: Timeline, interval: Interval | None) -> JSON | None:
    """The legal basis of the state on the day: the one the deciding act's sources give, else the
    list's own (its vocabulary entry), each saying which it is."""
    if interval is None:
        return None
    deciding = set(interval.claim_ids)
    for event in timeline.events:
        if event.legal_basis and deciding & set(event.claim_ids):
            return {"text": event.legal_basis, "from": "the act's sources"}
    listed = vocab.lists().get(timeline.list_id)
    if listed is not None and listed.legal_basis:
        return {"text": listed.legal_basis, "from": "the list"}
    return None


def _news_only(by_claim: SourceMap, interval: Interval | None) -> str | None:
    """Said of a state a change began on news reports alone, no official list, gazette or curated
    source behind it: one article saying a group was removed must not read as the list's word."""
    if interval is None or interval.from_day is None or interval.state == "uncertain":
        return None
    found = [by_claim[cid][1] for cid in interval.claim_ids if cid in by_claim]
    if not found or any(source.kind != "news" for source in found):
        return None
    count = len({source.id for source in found})
    reports = "a news report" if count == 1 else f"{count} news reports"
    return f"on {reports} only: no official list, gazette or curated source on record"


def _state_entry(by_claim: SourceMap, timeline: Timeline, at: date, seen_on: Sequence[date]) -> JSON:
    interval = timeline.interval_at(at)
    state = interval.state if interval else "no_data"
    closed = list_closed_note(timeline.list_id, at) if interval else None
    pending = [
        {
            "action": p.action,
            "date": p.date.iso(),
            "authority": "; ".join(p.authorities) or None,
            "sources": source_refs(by_claim, p.claim_ids),
            # Who decides it, per source: two bodies here are also a `decider` conflict.
            "deciders": [
                {"authority": d.name, "sources": source_refs(by_claim, d.claim_ids)} for d in p.deciders
            ],
        }
        for p in timeline.pending_at(at)
    ]
    conflicts = [
        {
            "kind": c.kind,
            "description": c.description,
            "window": c.window.iso() if c.window else None,
            "resolution": c.resolution,
            "claims": list(c.claim_ids),
        }
        for c in conflicts_bearing_on(timeline, at)
    ]
    previous = None
    if interval is not None and interval in timeline.intervals:
        index = timeline.intervals.index(interval)
        if index > 0:
            before = timeline.intervals[index - 1]
            previous = {
                "state": before.state,
                "since": before.start.iso() if before.start else None,
                "authority": before.authority,
                "sources": source_refs(by_claim, before.claim_ids),
            }
    return {
        "list": timeline.list_id,
        "list_name": list_name(timeline.list_id),
        "state": state,
        "scope": scope_at(timeline, interval, at),
        "scope_since": _scope_since(timeline, interval, at),
        "scope_extension": _scope_extension(by_claim, timeline, interval, at),
        "legal_basis": legal_basis(timeline, interval),
        "since": interval.start.iso() if interval and interval.start else None,
        "until": interval.end.iso() if interval and interval.end and interval.until_day else None,
        "authority": interval.authority if interval else None,
        "note": "; ".join(
            filter(None, [day_note(timeline, interval, at), closed, _news_only(by_claim, interval)])
        )
        or None,
        "lapse": lapse_json(timeline.lapse_at(at)),
        "candidates": list(interval.candidates) if interval else [],
        "sources": source_refs(by_claim, interval.claim_ids) if interval else [],
        # How fresh the official evidence is: an answer resting on a snapshot of 2014 says so.
        "last_seen": last_seen(seen_on, at),
        "pending": pending,
        "conflicts": conflicts,
        "previous": previous,
    }


def status(
    reader: Reader,
    entity: str,
    jurisdictions: Sequence[str] = (),
    at: date | None = None,
    as_of: date | None = None,
) -> JSON:
    """Is the entity designated, where, on `at` (default today), per sources known by `as_of`? With
    the entities it may be (`may_be`): their designations are not counted until an analyst merges them."""
    ref = reader.resolve_ref(entity)
    codes = jurisdiction_codes(jurisdictions)
    day = at or clock.today()
    grouped: dict[str, list[JSON]] = defaultdict(list)
    timelines = timelines_known_by(reader, [ref[0]], codes, as_of)
    by_claim = reader.sources_of_claims(cid for t in timelines for cid in claims_shown(t, day))
    seen_on = seen_on_by_timeline(reader, timelines, as_of)
    for timeline in timelines:
        grouped[timeline.jurisdiction].append(
            _state_entry(by_claim, timeline, day, seen_on[timeline.entity_id, timeline.list_id])
        )
    listed_here = jurisdictions_in_force(timelines, day)
    return {
        "entity": entity_ref(ref),
        "at": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        # Jurisdictions asked for but without any data are shown with no lists, not silently dropped.
        "jurisdictions": [
            {"jurisdiction": code, "lists": grouped[code]} for code in sorted(set(grouped) | set(codes))
        ],
        "may_be": may_be(reader, ref[0], codes, day, as_of, listed_here),
    }


# The states in which a list holds its entry: a designation to screen against.
_IN_FORCE = ("listed", "suspended")


def jurisdictions_in_force(timelines: Sequence[Timeline], day: date) -> set[str]:
    """The jurisdictions whose lists hold (list or suspend) the entity of `timelines` on `day`."""
    return {
        t.jurisdiction for t in timelines if (interval := t.interval_at(day)) and interval.state in _IN_FORCE
    }


def may_be(
    reader: Reader,
    entity_id: str,
    codes: Sequence[str],
    day: date,
    as_of: date | None,
    listed_here: set[str],
) -> list[JSON]:
    """The entities the linker kept apart from this one that may be it (suggested pairs no analyst
    has decided), strongest first, each with its own state on `day` on its lists in `codes` (every
    jurisdiction when none): designations an answer about this entity alone does not count.

    A person the UN lists and the UK lists under an entry of its own is two entities until an analyst
    merges them; asked about the UN's, the UK's answer would read `no_data`. So each names the
    jurisdictions where it is listed and this entity is not (`listed_where_this_is_not`, against
    `listed_here`), the evidence for and against the pair (`why`, `cautions`) and the command that
    merges them. The pairs are those suggested on the registry as it stands (identity is reviewed
    now), less, as known by `as_of`, those whose other entity no source had reported yet: an audit
    of what was known on that day does not name an entry published later. Their states are as
    known by `as_of`, like the answer's.
    """
    suggestions = suggestions_about(reader, entity_id)
    if as_of is not None:
        suggestions = [s for s in suggestions if _known_by(reader, _other(s, entity_id)["id"], as_of)]
    if not suggestions:
        return []
    others = [_other(s, entity_id) for s in suggestions]
    timelines = timelines_known_by(reader, [o["id"] for o in others], codes, as_of)
    seen_on = seen_on_by_timeline(reader, timelines, as_of)
    lists: dict[str, list[JSON]] = defaultdict(list)
    for t in sorted(timelines, key=lambda t: (t.jurisdiction, t.list_id)):
        interval = t.interval_at(day)
        lists[t.entity_id].append(
            {
                "jurisdiction": t.jurisdiction,
                "list": t.list_id,
                "list_name": list_name(t.list_id),
                "state": interval.state if interval else "no_data",
                "since": interval.start.iso() if interval and interval.start else None,
                "authority": interval.authority if interval else None,
                "last_seen": last_seen(seen_on[t.entity_id, t.list_id], day),
            }
        )
    found = []
    for suggestion, other in zip(suggestions, others, strict=True):
        theirs = lists.get(other["id"], [])
        elsewhere = {e["jurisdiction"] for e in theirs if e["state"] in _IN_FORCE} - listed_here
        found.append(
            {
                "entity": other,
                "kind": suggestion["kind"],
                "lists": theirs,
                "listed_where_this_is_not": sorted(elsewhere),
                "why": suggestion["why"],
                "cautions": suggestion["cautions"],
                "command": suggestion["command"],
            }
        )
    return found


def _other(suggestion: JSON, entity_id: str) -> JSON:
    """The entity of a suggested pair that is not `entity_id`."""
    other: JSON = suggestion["into"] if suggestion["entity"]["id"] == entity_id else suggestion["entity"]
    return other


def _known_by(reader: Reader, entity_id: str, as_of: date) -> bool:
    """Whether any held source had reported the entity by `as_of` (any claim of it known then)."""
    return any(claim.known_by(as_of) for claim in reader.claims(entity_id))


MATRIX_CURSOR = "matrix"


def matrix(
    reader: Reader,
    entities: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    at: date | None = None,
    as_of: date | None = None,
    limit: int | None = None,
    cursor: str | None = None,
    with_last_seen: bool = False,
) -> JSON:
    """One row per (entity, jurisdiction, list) with the state on `at`, in that order.

    With `limit`, a page of at most that many rows, from the position `cursor` (the previous
    page's `next_cursor`); `next_cursor` is None on the last page, and always without `limit`.
    `with_last_seen` adds each row's `last_seen`: the latest official snapshot by `at` showing the
    entry (a state resting on a file of 2014 says so), at the cost of reading the sightings.
    """
    entity_ids = [reader.resolve_ref(e)[0] for e in entities]
    codes = jurisdiction_codes(jurisdictions)
    day = at or clock.today()
    after = _matrix_position(cursor)
    if as_of is None and (limit is not None or after is not None):
        timelines = reader.timelines_after(entity_ids, codes, after, (limit or 10**9) + 1)
    elif as_of is None:
        timelines = reader.timelines(entity_ids, codes)
    else:
        ids = entity_ids or sorted(reader.entity_names())
        timelines = timelines_known_by(reader, ids, codes, as_of)
    ordered = sorted(timelines, key=_matrix_key)
    if after is not None:
        ordered = [t for t in ordered if _matrix_key(t) > after]
    page = ordered if limit is None else ordered[:limit]
    next_cursor = None
    if limit is not None and len(ordered) > limit:
        next_cursor = encode_cursor(MATRIX_CURSOR, _matrix_key(page[-1]))
    names = reader.entity_names(sorted({t.entity_id for t in page}))
    seen = seen_on_by_timeline(reader, page, as_of) if with_last_seen else {}
    rows = []
    for t in page:
        interval = t.interval_at(day)
        freshness = {"last_seen": last_seen(seen[t.entity_id, t.list_id], day)} if with_last_seen else {}
        rows.append(
            {
                "entity_id": t.entity_id,
                "name": names.get(t.entity_id, t.entity_id),
                "jurisdiction": t.jurisdiction,
                "list": t.list_id,
                "state": interval.state if interval else "no_data",
                "scope": scope_at(t, interval, day),
                "scope_since": _scope_since(t, interval, day),
                "since": interval.start.iso() if interval and interval.start else None,
                "note": day_note(t, interval, day),
                "pending": len(t.pending_at(day)),
                "conflicts": len(conflicts_bearing_on(t, day)),
                **freshness,
            }
        )
    return {
        "at": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "rows": rows,
        "next_cursor": next_cursor,
    }


def _matrix_key(timeline: Timeline) -> tuple[str, str, str]:
    return (timeline.entity_id, timeline.jurisdiction, timeline.list_id)


def _matrix_position(cursor: str | None) -> tuple[str, str, str] | None:
    """The (entity, jurisdiction, list) after which a matrix page starts, from its cursor."""
    if not cursor:
        return None
    kind, parts = decode_cursor(cursor)
    if kind != MATRIX_CURSOR:
        raise InputError(f"this cursor pages another answer ({kind}), not the matrix")
    if len(parts) != 3:
        raise malformed(cursor)
    return (parts[0], parts[1], parts[2])


def designations_at(
    reader: Reader,
    at: date | None = None,
    as_of: date | None = None,
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    states: Sequence[str] = ("listed", "suspended"),
) -> dict[str, list[JSON]]:
    """For each entity in one of `states` on `at`: its designations (for screening filters)."""
    day = at or clock.today()
    out: dict[str, list[JSON]] = defaultdict(list)
    for t in timelines_of_lists(reader, jurisdictions, lists, as_of):
        interval = t.interval_at(day)
        if interval and interval.state in states:
            out[t.entity_id].append(
                {
                    "jurisdiction": t.jurisdiction,
                    "list": t.list_id,
                    "state": interval.state,
                    "scope": scope_at(t, interval, day),
                    "since": interval.start.iso() if interval.start else None,
                    # A closed list's state is its last recorded, not one in force: a screener must see so.
                    "closed_on": closed_on(t.list_id, day),
                    # As `status` notes it: "at least since" a first sighting, a disputed start, a
                    # term run out; `since` alone would read as the day of the designation.
                    "note": day_note(t, interval, day),
                }
            )
    return dict(out)
