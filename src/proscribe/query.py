"""Answers: status at a date (and as of a knowledge date), timelines, matrix, changes, sources, search.

Every function takes a Reader first and returns a JSON-ready dict; the CLI, API and web render
exactly these dicts, so every surface gives the same answer.

Valid time (`at`) picks the day whose state is asked; knowledge time (`as_of`) keeps only the
claims whose sources were published or retrieved by then and re-derives the timelines from them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from proscribe import clock, vocab
from proscribe.errors import InputError
from proscribe.model import Claim, Interval, Source, Timeline
from proscribe.resolve.timeline import resolve_timeline
from proscribe.store import Reader

JSON = dict[str, Any]


def _codes(jurisdictions: Sequence[str]) -> list[str]:
    return [vocab.jurisdiction(code).code for code in jurisdictions]


def _timelines(
    reader: Reader, entity_ids: Sequence[str], codes: Sequence[str], as_of: date | None
) -> list[Timeline]:
    """Stored timelines, or timelines re-derived from the claims known by `as_of`."""
    if as_of is None:
        return reader.timelines(entity_ids, codes)
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for entity_id in entity_ids:
        for claim in reader.claims(entity_id):
            if claim.list_id and (not codes or claim.jurisdiction in codes):
                by_key[(claim.entity_id, claim.list_id)].append(claim)
    out = []
    for (entity_id, list_id), claims in sorted(by_key.items()):
        timeline = resolve_timeline(entity_id, claims[0].jurisdiction, list_id, claims, as_of)
        if timeline.intervals or timeline.events or timeline.state_claim_ids:
            out.append(timeline)
    return sorted(out, key=lambda t: (t.jurisdiction, t.list_id))


SourceMap = dict[str, tuple[int, Source]]


def _source_refs(by_claim: SourceMap, claim_ids: Iterable[str]) -> list[JSON]:
    """The distinct sources behind some claims, most trusted first."""
    best: dict[str, tuple[int, Source]] = {}
    for claim_id in claim_ids:
        found = by_claim.get(claim_id)
        if found and (found[1].id not in best or found[0] < best[found[1].id][0]):
            best[found[1].id] = found
    ranked = sorted(best.values(), key=lambda pair: (pair[0], pair[1].id))
    return [{"url": s.uri, "title": s.title, "kind": s.kind} for _tier, s in ranked]


def _claims_shown(timeline: Timeline, day: date) -> set[str]:
    """Claim ids whose sources a status entry cites: current and previous interval, pending proposals."""
    ids: set[str] = set()
    interval = timeline.interval_at(day)
    if interval is not None:
        ids.update(interval.claim_ids)
        index = timeline.intervals.index(interval)
        if index > 0:
            ids.update(timeline.intervals[index - 1].claim_ids)
    for pending in timeline.pending_at(day):
        ids.update(pending.claim_ids)
    return ids


def _list_name(list_id: str) -> str:
    found = vocab.lists().get(list_id)
    return found.name if found else list_id


def _entity_ref(ref: tuple[str, str]) -> JSON:
    return {"id": ref[0], "name": ref[1]}


def _state_entry(by_claim: SourceMap, timeline: Timeline, at: date) -> JSON:
    interval = timeline.interval_at(at)
    state = interval.state if interval else "no_data"
    pending = [
        {
            "action": p.action,
            "date": p.date.iso(),
            "authority": "; ".join(p.authorities) or None,
            "sources": _source_refs(by_claim, p.claim_ids),
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
        for c in timeline.conflicts
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
                "sources": _source_refs(by_claim, before.claim_ids),
            }
    return {
        "list": timeline.list_id,
        "list_name": _list_name(timeline.list_id),
        "state": state,
        "since": interval.start.iso() if interval and interval.start else None,
        "until": interval.end.iso() if interval and interval.end and interval.until_day else None,
        "authority": interval.authority if interval else None,
        "note": interval.note if interval else None,
        "candidates": list(interval.candidates) if interval else [],
        "sources": _source_refs(by_claim, interval.claim_ids) if interval else [],
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
    """Is the entity designated, where, on `at` (default today), per sources known by `as_of`?"""
    ref = reader.resolve_ref(entity)
    codes = _codes(jurisdictions)
    day = at or clock.today()
    grouped: dict[str, list[JSON]] = defaultdict(list)
    timelines = _timelines(reader, [ref[0]], codes, as_of)
    by_claim = reader.sources_of_claims(cid for t in timelines for cid in _claims_shown(t, day))
    for timeline in timelines:
        grouped[timeline.jurisdiction].append(_state_entry(by_claim, timeline, day))
    return {
        "entity": _entity_ref(ref),
        "at": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        # Jurisdictions asked for but without any data are shown with no lists, not silently dropped.
        "jurisdictions": [
            {"jurisdiction": code, "lists": grouped[code]} for code in sorted(set(grouped) | set(codes))
        ],
    }


def _claim_detail(claim: Claim, source: Source | None) -> JSON:
    return {
        "id": claim.id,
        "kind": claim.kind,
        "action": claim.action,
        "state": claim.state,
        "date": claim.date.iso(),
        "authority": claim.authority,
        "legal_basis": claim.legal_basis,
        "scope": claim.scope,
        "evidence": claim.evidence,
        "span": list(claim.span) if claim.span else None,
        "rule": claim.rule,
        "confidence": claim.confidence,
        "note": claim.note,
        "source": {
            "url": source.uri if source else None,
            "title": source.title if source else None,
            "kind": source.kind if source else None,
            "published_on": source.published_on.isoformat() if source and source.published_on else None,
        },
    }


def _interval_json(interval: Interval) -> JSON:
    return {
        "state": interval.state,
        "start": interval.start.iso() if interval.start else None,
        "end": interval.end.iso() if interval.end else None,
        "from": interval.from_day.isoformat() if interval.from_day else None,
        "until": interval.until_day.isoformat() if interval.until_day else None,
        "authority": interval.authority,
        "note": interval.note,
        "candidates": list(interval.candidates),
        "claims": list(interval.claim_ids),
    }


def timeline(
    reader: Reader, entity: str, jurisdictions: Sequence[str] = (), as_of: date | None = None
) -> JSON:
    """Every list timeline of the entity, with intervals, events, proposals, conflicts and claim details."""
    ref = reader.resolve_ref(entity)
    timelines = _timelines(reader, [ref[0]], _codes(jurisdictions), as_of)
    claim_ids = {cid for t in timelines for e in (*t.events, *t.proposals) for cid in e.claim_ids}
    claim_ids |= {cid for t in timelines for cid in t.state_claim_ids}
    claims = reader.claims_by_id(claim_ids)
    sources = reader.sources_by_id(c.source_id for c in claims.values())

    def event_json(event: Any) -> JSON:
        return {
            "action": event.action,
            "date": event.date.iso(),
            "authorities": list(event.authorities),
            "scope": event.scope,
            "note": event.note,
            "refuted": event.refuted,
            "claims": list(event.claim_ids),
        }

    return {
        "entity": _entity_ref(ref),
        "as_of": as_of.isoformat() if as_of else None,
        "timelines": [
            {
                "jurisdiction": t.jurisdiction,
                "list": t.list_id,
                "list_name": _list_name(t.list_id),
                "intervals": [_interval_json(i) for i in t.intervals],
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
            }
            for t in timelines
        ],
        "claims": {cid: _claim_detail(c, sources.get(c.source_id)) for cid, c in sorted(claims.items())},
    }


def matrix(
    reader: Reader,
    entities: Sequence[str] = (),
    jurisdictions: Sequence[str] = (),
    at: date | None = None,
    as_of: date | None = None,
) -> JSON:
    """One row per (entity, jurisdiction, list) with the state on `at`."""
    entity_ids = [reader.resolve_ref(e)[0] for e in entities]
    codes = _codes(jurisdictions)
    day = at or clock.today()
    if as_of is None:
        timelines = reader.timelines(entity_ids, codes)
    else:
        ids = entity_ids or sorted(reader.entity_names())
        timelines = _timelines(reader, ids, codes, as_of)
    names = reader.entity_names(sorted({t.entity_id for t in timelines}))
    rows = []
    for t in sorted(timelines, key=lambda t: (t.entity_id, t.jurisdiction, t.list_id)):
        interval = t.interval_at(day)
        rows.append(
            {
                "entity_id": t.entity_id,
                "name": names.get(t.entity_id, t.entity_id),
                "jurisdiction": t.jurisdiction,
                "list": t.list_id,
                "state": interval.state if interval else "no_data",
                "since": interval.start.iso() if interval and interval.start else None,
                "pending": len(t.pending_at(day)),
                "conflicts": len(t.conflicts),
            }
        )
    return {"at": day.isoformat(), "as_of": as_of.isoformat() if as_of else None, "rows": rows}


def _parse_cursor(cursor: str | None) -> tuple[date, str] | None:
    if not cursor:
        return None
    day, _, event_id = cursor.partition("~")
    try:
        return date.fromisoformat(day), event_id
    except ValueError:
        raise InputError(f"malformed cursor {cursor!r}") from None


def changes(
    reader: Reader,
    since: date,
    until: date | None = None,
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    entities: Sequence[str] = (),
    limit: int = 100,
    cursor: str | None = None,
) -> JSON:
    """Designation events (decisions and proposals) that may have happened between `since` and `until`."""
    if until is not None and until < since:
        raise InputError(f"--until {until} is before --since {since}")
    entity_ids = [reader.resolve_ref(e)[0] for e in entities]
    rows = reader.events(
        since, until, _codes(jurisdictions), lists, entity_ids, _parse_cursor(cursor), limit + 1
    )
    page = rows[:limit]
    by_claim = reader.sources_of_claims(cid for row in page for cid in row["claim_ids"].split("|"))
    out = []
    for row in page:
        claim_ids = row["claim_ids"].split("|")
        out.append(
            {
                "id": row["id"],
                "date": row["date_text"],
                "entity_id": row["entity_id"],
                "name": row["name"],
                "jurisdiction": row["jurisdiction"],
                "list": row["list_id"],
                "action": row["action"],
                "authority": row["authority"],
                "refuted": bool(row["refuted"]),
                "sources": _source_refs(by_claim, claim_ids),
            }
        )
    next_cursor = None
    if len(rows) > limit and page:
        last = page[-1]
        next_cursor = f"{last['date_latest'].isoformat()}~{last['id']}"
    return {
        "since": since.isoformat(),
        "until": until.isoformat() if until else None,
        "changes": out,
        "next_cursor": next_cursor,
    }


def sources(reader: Reader, entity: str, jurisdictions: Sequence[str] = ()) -> JSON:
    """Every claim about the entity (in the jurisdictions), with its source and evidence."""
    ref = reader.resolve_ref(entity)
    codes = set(_codes(jurisdictions))
    claims = [c for c in reader.claims(ref[0]) if not codes or c.jurisdiction in codes]
    by_source = reader.sources_by_id(c.source_id for c in claims)
    rows = []
    for claim in sorted(claims, key=lambda c: (c.jurisdiction, c.list_id or "", c.date.sort_key(), c.id)):
        detail = _claim_detail(claim, by_source.get(claim.source_id))
        rows.append({"jurisdiction": claim.jurisdiction, "list": claim.list_id, **detail})
    return {"entity": _entity_ref(ref), "claims": rows}


def search(reader: Reader, text: str, limit: int = 20) -> JSON:
    """Entities whose names (any script) contain the text."""
    return {"query": text, "results": reader.search_names(text, limit)}


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
    codes = _codes(jurisdictions)
    if as_of is None:
        timelines = reader.timelines((), codes, lists)
    else:
        timelines = [
            t
            for t in _timelines(reader, sorted(reader.entity_names()), codes, as_of)
            if not lists or t.list_id in lists
        ]
    out: dict[str, list[JSON]] = defaultdict(list)
    for t in timelines:
        interval = t.interval_at(day)
        if interval and interval.state in states:
            out[t.entity_id].append(
                {
                    "jurisdiction": t.jurisdiction,
                    "list": t.list_id,
                    "state": interval.state,
                    "since": interval.start.iso() if interval.start else None,
                }
            )
    return dict(out)


def jurisdiction_overview(
    reader: Reader, code: str, at: date | None = None, as_of: date | None = None
) -> JSON:
    """Everything one jurisdiction designates on `at`, and its recorded changes over time."""
    found = vocab.jurisdiction(code)
    day = at or clock.today()
    table = matrix(reader, (), [found.code], day, as_of)
    history = changes(reader, date(1900, 1, 1), None, [found.code], limit=1000)
    return {
        "jurisdiction": {"code": found.code, "name": found.name},
        "at": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "lists": [
            {"id": item.id, "name": item.name, "kind": item.kind} for item in vocab.lists_of(found.code)
        ],
        "rows": table["rows"],
        "changes": history["changes"],
    }


def entity_detail(reader: Reader, entity: str) -> JSON:
    """An entity's names (with scripts), identifiers and the jurisdictions with data about it."""
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
        "jurisdictions": sorted({t.jurisdiction for t in timelines}),
    }
