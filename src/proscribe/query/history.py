"""History and evidence: timelines, changes, sources, search, jurisdiction and entity overviews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from proscribe import clock, vocab
from proscribe.errors import InputError
from proscribe.model import Claim, Conflict, filing_key
from proscribe.model.birth import birth_label
from proscribe.query.common import (
    JSON,
    claim_detail,
    entity_ref,
    interval_json,
    jurisdiction_codes,
    lapse_json,
    list_closure,
    list_ids,
    list_name,
    source_refs,
    timelines_known_by,
)
from proscribe.query.cursor import decode_cursor, encode_cursor, malformed
from proscribe.query.identity import distinct_from, merged_into, suggestions_about
from proscribe.query.rejections import rejections_of
from proscribe.query.status import jurisdictions_in_force, matrix, may_be, seen_on_by_timeline
from proscribe.resolve.events import coarser_readings, event_deciders
from proscribe.store import EventKey, Reader, event_key


def timeline(
    reader: Reader, entity: str, jurisdictions: Sequence[str] = (), as_of: date | None = None
) -> JSON:
    """Every list timeline of the entity, with intervals, events, proposals, conflicts and claim details,
    and the entities it may be (`may_be`, as in `status`; their states on `may_be_at`, the day known
    by: `as_of`, or today): their timelines are not among these until an analyst merges them."""
    ref = reader.resolve_ref(entity)
    codes = jurisdiction_codes(jurisdictions)
    timelines = timelines_known_by(reader, [ref[0]], codes, as_of)
    claim_ids = {cid for t in timelines for e in (*t.events, *t.proposals) for cid in e.claim_ids}
    claim_ids |= {cid for t in timelines for cid in t.state_claim_ids}
    claims = reader.claims_by_id(claim_ids)
    sources = reader.sources_by_id(c.source_id for c in claims.values())
    seen_on = seen_on_by_timeline(reader, timelines, as_of)

    def event_json(event: Any) -> JSON:
        return {
            "action": event.action,
            "date": event.date.iso(),
            "authorities": list(event.authorities),
            "scope": event.scope,
            "note": event.note,
            "refuted": event.refuted,
            "claims": list(event.claim_ids),
            "deciders": [{"authority": d.name, "claims": list(d.claim_ids)} for d in event.deciders],
        }

    day = as_of or clock.today()
    return {
        "entity": entity_ref(ref),
        "as_of": as_of.isoformat() if as_of else None,
        "timelines": [
            {
                "jurisdiction": t.jurisdiction,
                "list": t.list_id,
                "list_name": list_name(t.list_id),
                "list_closed": list_closure(t.list_id),
                "intervals": [interval_json(i, t.list_id) for i in t.intervals],
                "events": [
                    event_json(e) for e in t.events if e.action not in ("propose_list", "propose_delist")
                ],
                "proposals": [event_json(e) for e in t.proposals],
                "conflicts": [
                    {
                        "kind": c.kind,
                        "description": c.description,
                        "window": c.window.iso() if c.window else None,
                        "resolution": c.resolution,
                        "claims": list(c.claim_ids),
                    }
                    for c in t.conflicts
                ],
                "state_claims": list(t.state_claim_ids),
                # Days past a listing's fixed term with no renewal on record (resolver rule 15).
                "lapses": [lapse_json(lapse) for lapse in t.lapses],
                "seen_on": [d.isoformat() for d in seen_on[t.entity_id, t.list_id]],
            }
            for t in timelines
        ],
        "claims": {cid: claim_detail(c, sources.get(c.source_id)) for cid, c in sorted(claims.items())},
        "may_be_at": day.isoformat(),
        "may_be": may_be(reader, ref[0], codes, day, as_of, jurisdictions_in_force(timelines, day)),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _open_conflicts(reader: Reader, rows: Sequence[Any]) -> dict[tuple[str, str], list[Conflict]]:
    """The conflicts no rule settled on the timelines of a page's changes, by (entity, list)."""
    found: dict[tuple[str, str], list[Conflict]] = {}
    for timeline in reader.timelines_in_conflict(sorted({row["entity_id"] for row in rows})):
        unsettled = [c for c in timeline.conflicts if c.resolution is None]
        if unsettled:
            found[(timeline.entity_id, timeline.list_id)] = unsettled
    return found


def _first_reported(day: date | None, members: Sequence[Claim]) -> str | None:
    """The first day a held source reported a change or, when none of the sources that first
    reported it is dated (a curated fact of 1997 with no publication day), the change's date as
    precisely as that source gives it: `1997`, not a `1997-01-01` no source said."""
    if day is None or any(c.known_from == day for c in members):
        return _iso(day)
    undated = [c.date for c in members if c.known_from is None and c.date.earliest == day]
    return undated[0].iso() if undated else _iso(day)


# The orders changes are read in: by the day they took effect, forwards or backwards, or by the
# day a held source first reported them, most recent first ("what did we learn lately").
CHANGE_ORDERS = ("oldest", "newest", "reported")


def _encode_cursor(key: EventKey, order: str) -> str:
    """An opaque, URL-safe cursor for the position `key` (its days, then jurisdiction, list, name,
    entity, action and id) in one of `CHANGE_ORDERS`."""
    return encode_cursor(order, [v.isoformat() if isinstance(v, date) else v for v in key])


def _parse_cursor(cursor: str | None, order: str) -> EventKey | None:
    if not cursor:
        return None
    days = 2 if order == "reported" else 1
    made_for, parts = decode_cursor(cursor)
    if made_for not in CHANGE_ORDERS:
        raise InputError(f"this cursor pages another answer ({made_for}), not the changes")
    if made_for != order:
        raise InputError(f"this cursor pages {made_for} first; ask for the same order to go on")
    try:
        if len(parts) != days + 6:
            raise ValueError
        return (*(date.fromisoformat(day) for day in parts[:days]), *parts[days:])
    except ValueError:
        raise malformed(cursor) from None


def changes(
    reader: Reader,
    since: date | None,
    until: date | None = None,
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    entities: Sequence[str] = (),
    limit: int = 100,
    cursor: str | None = None,
    order: str = "oldest",
    reported_since: date | None = None,
    reported_until: date | None = None,
) -> JSON:
    """Designation events (decisions and proposals) that may have happened between `since` and `until`,
    or that a held source first reported between `reported_since` and `reported_until`, or both.

    The first pair asks when changes took effect; the second what the registry learned in a time
    (a delisting of 2023 first reported last week is news since last week). At least `since` or
    `reported_since` is needed. `order` is one of `CHANGE_ORDERS`: `oldest` first by default (a
    history read forwards), `newest` for "what changed lately", `reported` for "what did we learn
    lately" (the latest first reported first). A page's `next_cursor` continues in the same order.
    """
    if order not in CHANGE_ORDERS:
        raise InputError(f"unknown order {order!r}: use one of {', '.join(CHANGE_ORDERS)}")
    if since is None and reported_since is None:
        raise InputError("give --since (when changes took effect) or --reported-since (when first reported)")
    if since is not None and until is not None and until < since:
        raise InputError(f"--until {until} is before --since {since}")
    if reported_since is not None and reported_until is not None and reported_until < reported_since:
        raise InputError(f"--reported-until {reported_until} is before --reported-since {reported_since}")
    entity_ids = [reader.resolve_ref(e)[0] for e in entities]
    by_report = order == "reported"
    rows = reader.events(
        since,
        until,
        jurisdiction_codes(jurisdictions),
        list_ids(lists),
        entity_ids,
        _parse_cursor(cursor, order),
        limit + 1,
        newest_first=order != "oldest",
        reported=(reported_since, reported_until),
        by_report=by_report,
    )
    page = rows[:limit]
    by_claim = reader.sources_of_claims(cid for row in page for cid in row["claim_ids"].split("|"))
    claims = reader.claims_by_id(cid for row in page for cid in row["claim_ids"].split("|"))
    open_conflicts = _open_conflicts(reader, page)
    out = []
    for row in page:
        claim_ids = row["claim_ids"].split("|")
        # What the evidence says about the change: an amendment's names, a curator's remark.
        # A wider reading of the same entry, left by an import out of date order, says nothing more.
        members = [claims[c] for c in claim_ids if c in claims]
        coarser = coarser_readings(members)
        # First reported first, whatever order the sources were imported in.
        told = sorted(members, key=lambda c: (c.known_from or date.min, c.id))
        notes = list(dict.fromkeys(c.note for c in told if c.note and c.id not in coarser))
        out.append(
            {
                "id": row["id"],
                "date": row["date_text"],
                "entity_id": row["entity_id"],
                "name": row["name"],
                "jurisdiction": row["jurisdiction"],
                "list": row["list_id"],
                "action": row["action"],
                # The part of the organisation the change names (an event's claims name one scope or
                # none, resolve.events rule 1): a wing's listing must not read as the whole group's.
                "scope": next((c.scope for c in members if c.scope), None),
                "authority": row["authority"],
                "refuted": bool(row["refuted"]),
                # What the sources dispute about this change (its date, most often), left unsettled:
                # two rows for one removal dated two ways must not read as two removals.
                "disputed": [
                    c.description
                    for c in open_conflicts.get((row["entity_id"], row["list_id"]), ())
                    if not set(c.claim_ids).isdisjoint(claim_ids)
                ],
                "first_reported": _first_reported(row["first_reported"], members),
                "notes": notes,
                "sources": source_refs(by_claim, claim_ids),
                # Who decides a proposal, per its sources (several: they disagree); none otherwise.
                "deciders": [
                    {"authority": d.name, "sources": source_refs(by_claim, d.claim_ids)}
                    for d in event_deciders(members)
                ],
            }
        )
    next_cursor = None
    if len(rows) > limit and page:
        next_cursor = _encode_cursor(event_key(page[-1], by_report), order)
    return {
        "since": _iso(since),
        "until": _iso(until),
        "reported_since": _iso(reported_since),
        "reported_until": _iso(reported_until),
        "order": order,
        "changes": out,
        "next_cursor": next_cursor,
    }


def sources(reader: Reader, entity: str, jurisdictions: Sequence[str] = ()) -> JSON:
    """Every claim about the entity (in the jurisdictions), with its source and evidence."""
    ref = reader.resolve_ref(entity)
    codes = set(jurisdiction_codes(jurisdictions))
    claims = [c for c in reader.claims(ref[0]) if not codes or c.jurisdiction in codes]
    by_source = reader.sources_by_id(c.source_id for c in claims)
    seen = reader.sightings(claims)
    rows = []
    for claim in sorted(claims, key=lambda c: (c.jurisdiction, c.list_id or "", c.date.sort_key(), c.id)):
        detail = claim_detail(claim, by_source.get(claim.source_id))
        row = {"jurisdiction": claim.jurisdiction, "list": claim.list_id, **detail}
        if claim.id in seen:
            # A list snapshot's state claim stands for the run of identical snapshots it starts.
            days = seen[claim.id]
            row["sightings"] = {
                "count": len(days),
                "first": days[0].isoformat() if days else None,
                "last": days[-1].isoformat() if days else None,
            }
        rows.append(row)
    return {"entity": entity_ref(ref), "claims": rows}


def search(reader: Reader, text: str, limit: int = 20) -> JSON:
    """Entities whose names (any script) contain the text, or failing that, are closest in spelling."""
    return {"query": text, "results": reader.search_names(text, limit)}


def entity_index(reader: Reader, page: int = 1, size: int = 500, starting: str = "") -> JSON:
    """One page of every entity by canonical name (A to Z), optionally those starting with a prefix.

    `initials` are the first characters the names start with, each with its count, so a reader can
    jump to a letter of a registry too large for one page.
    """
    if page < 1 or size < 1:
        raise InputError("page and size must be positive")
    # Filed under their first letter or digit: OFAC's "'ABBAS, Rim" goes with the A's.
    keyed = sorted(
        ((filing_key(name), entity_id, name) for entity_id, name in reader.entity_names().items()),
    )
    initials: dict[str, int] = {}
    for key, _entity_id, _name in keyed:
        initial = key[:1].upper()
        initials[initial] = initials.get(initial, 0) + 1
    prefix = filing_key(starting)
    chosen = [(i, n) for key, i, n in keyed if key.startswith(prefix)]
    pages = max(1, -(-len(chosen) // size))
    start = (page - 1) * size
    return {
        "starting": starting.strip(),
        "total": len(chosen),
        "page": page,
        "pages": pages,
        "size": size,
        "initials": [{"initial": k, "count": v} for k, v in sorted(initials.items())],
        "entities": [{"id": i, "name": n} for i, n in chosen[start : start + size]],
    }


# The most recent changes an overview carries; the rest are a `changes` query away.
LATEST_CHANGES = 100


def jurisdiction_overview(
    reader: Reader, code: str, at: date | None = None, as_of: date | None = None
) -> JSON:
    """Everything one jurisdiction designates on `at`, and its latest recorded changes (newest first),
    both as known on `as_of` when given (the changes a held source had reported by then)."""
    found = vocab.jurisdiction(code)
    day = at or clock.today()
    # How fresh each row's official evidence is: a state resting on a snapshot of 2014 says so.
    table = matrix(reader, (), [found.code], day, as_of, with_last_seen=True)
    history = changes(
        reader,
        date(1900, 1, 1),
        None,
        [found.code],
        limit=LATEST_CHANGES,
        order="newest",
        reported_until=as_of,
    )
    return {
        "jurisdiction": {"code": found.code, "name": found.name},
        "at": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "lists": [
            {"id": item.id, "name": item.name, "kind": item.kind, "list_closed": list_closure(item.id)}
            for item in vocab.lists_of(found.code)
        ],
        "rows": table["rows"],
        "changes": history["changes"],
        "more_changes": history["next_cursor"] is not None,
    }


def entity_detail(reader: Reader, entity: str) -> JSON:
    """An entity's names (with scripts), identifiers, the dates of birth and nationalities its list
    records state, the jurisdictions with data about it, and its identity: the entities merged into
    it, those judged not it, and those it may be (the suggested pairs naming it, not yet decided)."""
    found = reader.resolve_entity(entity)
    timelines = reader.timelines([found.id])
    return {
        "id": found.id,
        "name": found.name,
        "kind": found.kind,
        "country": found.country,
        "description": found.description,
        "note": found.note,
        "names": [{"value": n.value, "kind": n.kind, "script": n.script} for n in found.all_names()],
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in found.identifiers],
        "birth_dates": [
            {"value": b.value, "label": birth_label(b.value), "source": b.source_name, "record": b.record_key}
            for b in reader.birth_dates([found.id]).get(found.id, [])
        ],
        "nationalities": [
            {"value": n.value, "source": n.source_name, "record": n.record_key}
            for n in reader.nationalities([found.id]).get(found.id, [])
        ],
        "jurisdictions": sorted({t.jurisdiction for t in timelines}),
        "merged": merged_into(reader, found.merged),
        "distinct": distinct_from(reader, found.id, found.merged),
        "suggested": suggestions_about(reader, found.id),  # whom it may be: for an analyst to decide
        "rejected": rejections_of(reader, [found.id, *found.merged]),
    }
