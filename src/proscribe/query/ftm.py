"""The registry as FollowTheMoney entities: what `export ftm` writes, for OpenSanctions-style tools.

Each designated entity becomes an FtM entity (Organization, Person, Vessel, Airplane or LegalEntity,
as data/export/ftm.yaml maps its kind), with its names, its countries as ISO codes, topics from the
kinds of list it is on, a vessel's IMO number (`imoNumber`) and, for a person, the dates of birth
its lists state (`birthDate`; a span such as "1965 to 1967" goes to `notes`, FtM dates being
points). Each stretch of a timeline in an
exported state becomes a `Sanction` pointing at it: the list (`program`, `programId`), the
jurisdiction (`country`), the `authority` (the deciding body the sources name, else the list's
publisher, as OpenSanctions fills it), `startDate` / `endDate`, `status` (listed, suspended or
uncertain), the part of the organisation listed when sources name one (`provisions`, FtM's "scope
of sanctions": `military wing`, or `whole organisation (since 2019-03-01)` when a later listing
widened it, the narrower part before then said in the `description`), the entry numbers of the
official list records behind it (`authorityId`, and `unscId` on a UN list) and the URLs of its
sources, those of any listing that widened it and of the change that ended it included
(`sourceUrl`: web addresses only; a text ingested from a file, held as `urn:sha256:...`, is named
in the `description` instead). The
registry's history is kept: a designation that ended is exported with its end, unless `at` asks only
for those in force on a day.
`as_of` re-derives the timelines from the sources known by then, as every other answer does.

A list its publisher closed (OFSI's `gb-hmt`, on 2026-01-28, succeeded by `gb-uksl`) holds its last
recorded states, not designations in force: a stretch still open when it closed ends on the closing
day, the `description` saying the list closed, which list succeeded it and that this end is no
delisting; an export `at` a day on or after the closing day leaves that list out.

FtM dates are days or prefixes (2024, 2024-05). A boundary the sources give only as a window
("between the snapshots of 2017-06-30 and 2017-07-03") is exported as the day the state surely held
from (start) or until (end), and the window as reported is kept in the Sanction's `description`, so
nothing is made more precise than it is without saying so.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson

from proscribe import vocab
from proscribe.errors import InputError
from proscribe.model import (
    IMO_SCHEME,
    DesignationList,
    Entity,
    Interval,
    PartialDate,
    Timeline,
    is_web_url,
)
from proscribe.model.birth import birth_label
from proscribe.query.common import scope_extension, scope_in_force, takeover_note, timelines_of_lists
from proscribe.query.status import legal_basis
from proscribe.store import Reader
from proscribe.vocab.ftm import ftm_vocabulary

JSON = dict[str, Any]
EXPORTABLE_STATES = ("listed", "suspended", "uncertain")
DEFAULT_STATES = ("listed", "suspended")
MEDIA_TYPE = "application/x-ndjson"  # one JSON object per line, as FtM tools read them


def json_line(item: JSON) -> bytes:
    """One exported object as a line of FtM JSON lines (UTF-8, compact, newline-terminated)."""
    return orjson.dumps(item) + b"\n"


@dataclass(frozen=True)
class _Designation:
    """One exported stretch of a timeline (`interval`) and what its Sanction says of it.

    `exported` is the stretch with the end the Sanction gives (the list's closing day when its list
    closed while it held); `ended_by` the claims of the change that ended it, `widened_by` those of
    the listings that widened its scope, all cited as its sources; `scope` the part of the
    organisation listed; `notes` what its description adds (the narrower scope before it widened,
    the list's closure).
    """

    timeline: Timeline
    interval: Interval
    exported: Interval
    ended_by: tuple[str, ...] = ()
    widened_by: tuple[str, ...] = ()
    scope: str | None = None
    notes: tuple[str, ...] = ()


def ftm_entities(
    reader: Reader,
    at: date | None = None,
    as_of: date | None = None,
    jurisdictions: Sequence[str] = (),
    lists: Sequence[str] = (),
    states: Sequence[str] = DEFAULT_STATES,
    entities: Sequence[str] = (),
) -> Iterator[JSON]:
    """The FtM entities of the designations in `states` (each entity, then its Sanctions), by entity id.

    `at` keeps only the designations in force on that day (none of a list closed by then); `as_of`
    counts only the sources known by then; `jurisdictions`, `lists` and `entities` (ids or names,
    in any script) narrow it down. See the module docstring for the mapping.
    """
    unknown = sorted(set(states) - set(EXPORTABLE_STATES))
    if unknown or not states:
        raise InputError(
            f"cannot export the state(s) {', '.join(unknown) or '(none)'}: a designation is one of "
            f"{', '.join(EXPORTABLE_STATES)}"
        )
    by_entity: dict[str, list[_Designation]] = {}
    for timeline in timelines_of_lists(reader, jurisdictions, lists, as_of, entities):
        closing = vocab.lists().get(timeline.list_id)
        if at is not None and closing and closing.closed_on is not None and at >= closing.closed_on:
            # A closed list's last recorded states are not designations in force (as query.status says).
            continue
        for index, interval in enumerate(timeline.intervals):
            if interval.state in states and (at is None or interval.covers(at)):
                stretch = _designation(timeline, index, closing, at)
                by_entity.setdefault(timeline.entity_id, []).append(stretch)
    claims = reader.claims_by_id(
        claim_id
        for found in by_entity.values()
        for d in found
        for claim_id in (*d.interval.claim_ids, *d.ended_by, *d.widened_by)
    )
    sources = reader.sources_by_id({claim.source_id for claim in claims.values()})
    known_lists = reader.lists()
    mapping = ftm_vocabulary()
    births = reader.birth_dates(sorted(by_entity))
    for entity in reader.entities_by_id(sorted(by_entity)):
        found = sorted(
            by_entity[entity.id],
            key=lambda d: (d.timeline.jurisdiction, d.timeline.list_id, d.interval.from_day or date.min),
        )
        kinds = {known_lists[d.timeline.list_id].kind for d in found if d.timeline.list_id in known_lists}
        topics = sorted({topic for kind in kinds for topic in mapping.topics[kind]})
        yield _entity(entity, topics, [b.value for b in births.get(entity.id, ())])
        for designation in found:
            timeline, interval = designation.timeline, designation.interval
            listed = known_lists.get(timeline.list_id)
            cited = [claims[cid] for cid in interval.claim_ids if cid in claims]
            # The listing's sources, then the widening's and the end's: each is a claim the Sanction makes.
            later = (*designation.widened_by, *designation.ended_by)
            held = [
                sources[c.source_id]
                for c in (*cited, *(claims[cid] for cid in later if cid in claims))
                if c.source_id in sources
            ]
            # An official list's entry number: the record key of its claims (tier 1).
            entries = [c.record_key for c in cited if c.tier == 1 and c.record_key]
            basis = legal_basis(timeline, interval)
            # A stretch that begins where the sources first show it ("at least since"), not at a
            # decision, has no known start: its first sighting is no listing date.
            sighted = bool(cited) and all(c.kind == "state" or c.action == "amend" for c in cited)
            exported = designation.exported
            yield _sanction(
                entity.id,
                timeline,
                dataclasses.replace(exported, start=None, from_day=None) if sighted else exported,
                listed.name if listed else timeline.list_id,
                interval.authority or (listed.publisher if listed else None),
                basis["text"] if basis else None,
                entries,
                [source.uri for source in held if is_web_url(source.uri)],
                # A text ingested from a file has no web address (urn:sha256:...): FtM's `sourceUrl`
                # holds URLs a reader can open, so it is named in the description instead.
                [
                    f"{source.title or 'a document'} ({source.uri})"
                    for source in held
                    if not is_web_url(source.uri)
                ],
                designation.scope,
                designation.notes,
            )


def _designation(
    timeline: Timeline, index: int, listing: DesignationList | None, at: date | None
) -> _Designation:
    """The stretch `timeline.intervals[index]` as exported (in an export for the day `at`, if any).

    Its end is sourced by the claims that began the stretch after it (the delisting, the
    suspension; on both sides of a window the sources disagree on, the same claims). A stretch its
    list's closing day cuts is exported as ending then, said in words: nothing delisted it, but a
    closed list designates no one, and a tool reading an open Sanction would take it as in force.
    The scope is the one on `at`, else on the stretch's last day.
    """
    interval = timeline.intervals[index]
    after = timeline.intervals[index + 1] if index + 1 < len(timeline.intervals) else None
    ended_by = after.claim_ids if after is not None and interval.until_day is not None else ()
    exported, closure = interval, None
    closed_on = listing.closed_on if listing else None
    note = listing.closed_note(closed_on) if listing and closed_on else None
    if closed_on and note and (interval.until_day is None or interval.until_day > closed_on):
        closure = note
        if interval.from_day is None or interval.from_day < closed_on:
            exported, ended_by = dataclasses.replace(interval, end=None, until_day=closed_on), ()
            closure += "; endDate is the list's closing day, not a delisting"
    day = at or (exported.until_day - timedelta(days=1) if exported.until_day else date.max)
    scope, _ = scope_in_force(timeline, interval, day)
    before, widened_by = None, _widenings(timeline, interval, day)
    extension = scope_extension(timeline, interval, day)
    if scope is not None and extension is not None:
        # As the web and CLI word it: the day the scope took effect when a later listing widened it.
        since = extension.date.iso()
        first = extension.date.earliest
        earlier = scope_in_force(timeline, interval, first - timedelta(days=1))[0] if first else None
        scope = f"{scope} (since {since})"
        before = f"before {since} the listing covered: {earlier}" if earlier else None
    # A stretch begun or ended by one list taking over another's entries: neither a listing of
    # that day nor a delisting (the UN's 1988 list, opened on 2011-06-17).
    began = takeover_note(timeline.list_id, interval)
    ended = takeover_note(timeline.list_id, after) if after is not None and exported is interval else None
    return _Designation(
        timeline,
        interval,
        exported,
        ended_by,
        widened_by,
        scope,
        tuple(text for text in (before, began, ended, closure) if text),
    )


def _widenings(timeline: Timeline, interval: Interval, day: date) -> tuple[str, ...]:
    """The claims of each listing that widened the stretch's scope after it began, up to `day`, oldest
    first (the UK's Hezbollah: its military wing in 2008, the whole organisation in 2019): the scope
    and the narrower one before it, which the Sanction states, rest on them."""
    found: list[tuple[str, ...]] = []
    while (extension := scope_extension(timeline, interval, day)) is not None:
        found.append(extension.claim_ids)
        if extension.date.earliest is None:
            break
        day = extension.date.earliest - timedelta(days=1)
    return tuple(claim_id for claim_ids in reversed(found) for claim_id in claim_ids)


def _entity(entity: Entity, topics: list[str], births: Sequence[str] = ()) -> JSON:
    mapping = ftm_vocabulary()
    props: dict[str, list[str]] = {"name": [entity.name]}
    if entity.kind == "person":
        for value in dict.fromkeys(births):
            if "/" in value:
                # FtM dates are points (a day, a month, a year); a span a list gives stays in words.
                _add(props, "notes", f"date of birth as listed: {birth_label(value)}")
            else:
                _add(props, "birthDate", value)
    for name in entity.names:
        _add(props, mapping.names[name.kind], name.value)
    if entity.kind == "vessel":
        for identifier in entity.identifiers:
            if identifier.scheme == IMO_SCHEME:
                _add(props, "imoNumber", identifier.value)
    countries = [part.strip() for part in (entity.country or "").split(";") if part.strip()]
    notes = [entity.note] if entity.note else []
    for text in countries:
        code = vocab.country_code(text)
        if code is not None:
            _add(props, "country", code.lower())
        else:
            # A country no vocabulary entry names is kept as the list wrote it, not dropped.
            notes.append(f"country as listed: {text}")
    if entity.description:
        _add(props, "description", entity.description)
    for note in notes:
        _add(props, "notes", note)
    if topics:
        props["topics"] = topics
    return {"id": entity.id, "schema": mapping.schemata[entity.kind], "properties": props}


def _sanction(
    entity_id: str,
    timeline: Timeline,
    interval: Interval,
    program: str,
    authority: str | None,
    basis: str | None,
    entries: list[str],
    urls: list[str],
    unlinked: list[str],
    scope: str | None,
    notes: Sequence[str],
) -> JSON:
    start, start_window = _boundary(interval.start, interval.from_day)
    end, end_window = _boundary(interval.end, interval.until_day)
    props: dict[str, list[str]] = {
        "entity": [entity_id],
        "country": [timeline.jurisdiction.lower()],
        "program": [program],
        "programId": [timeline.list_id],
        "status": [interval.state],
    }
    for key, value in (
        ("authority", authority),
        ("startDate", start),
        ("endDate", end),
        # FtM's "scope of sanctions": a wing's listing must not read as the whole group's.
        ("provisions", scope),
    ):
        if value:
            props[key] = [value]
    for entry in entries:
        _add(props, "authorityId", entry)
        if timeline.jurisdiction == "UN":
            _add(props, "unscId", entry)
    for url in urls:
        _add(props, "sourceUrl", url)
    described = [
        text
        for text in (
            f"the sources allow {' or '.join(interval.candidates)}" if interval.state == "uncertain" else "",
            f"legal basis: {basis}" if basis else "",
            f"start reported as {start_window}" if start_window else "",
            f"end reported as {end_window}" if end_window else "",
            interval.note or "",
            *notes,
            f"per sources held without a web address: {'; '.join(dict.fromkeys(unlinked))}"
            if unlinked
            else "",
        )
        if text
    ]
    if described:
        props["description"] = ["; ".join(described)]
    identity = "\x1f".join((entity_id, timeline.list_id, interval.state, start or "", end or ""))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:20]
    return {"id": f"proscribe-sanction-{digest}", "schema": "Sanction", "properties": props}


def _boundary(reported: PartialDate | None, day: date | None) -> tuple[str | None, str | None]:
    """An FtM date for a boundary, and the reported window when the date had to be narrowed to a day."""
    if reported is not None and reported.precision in ("day", "month", "year"):
        return reported.iso(), None
    window = reported.iso() if reported is not None and reported.precision == "range" else None
    return (day.isoformat() if day else None), window


def _add(props: dict[str, list[str]], key: str, value: str) -> None:
    values = props.setdefault(key, [])
    if value not in values:
        values.append(value)
