"""Snapshots of one official list, and the claims they support: state at each date, dated changes between.

Pure functions (no I/O). A `SnapshotView` is what one snapshot says: for each record key, its
entity, the lists it is on and a fingerprint of its names. Rules:
- Claims take the jurisdiction of their list (`jurisdictions` maps list id -> jurisdiction code).
- A run of snapshots showing a record unchanged (a span, see resolve.spans) yields one `state`
  claim `listed` per list of the record, dated and cited to the run's first snapshot; the later
  snapshots of the run are its sightings, not further claims.
- A record whose file states a listing date (UN `LISTED_ON`) yields a `list` event on that date,
  cited to the first snapshot of each run of the record. When the date is before the record's list
  opened to take over another's entries (the UN's 1988 list, opened on 2011-06-17 with the 1267
  list's Taliban entries), it is a `list` on the older list that day, a `delist` from it (a transfer)
  and a `list` on the newer on the opening day.
- Comparing consecutive snapshots S1 < S2 of the same source, by record key and list:
  present in S1 and absent in S2 is a `delist` dated within (S1, S2]; absent in S1 and present in
  S2 is a `list` dated within (S1, S2], unless the file states the listing date (then the dated
  event above stands for it), and a `relist` within (S1, S2] when that stated date is not after
  S1 (the UN re-imposing its Iran sanctions in 2025 re-listed entries with their 2006-2008
  dates): the date is an earlier listing's, and when no held snapshot showed the entry
  before, it was removed within (the stated date, the first snapshot after it] (`lapse_claims`);
  An entity another record of the snapshot keeps on the list (a compilation's entries from two
  lists it gathers, an entry the list re-keyed) is neither delisted nor listed there. Present in
  both with a different fingerprint (names, aliases) is an `amend` within (S1, S2], whose note
  says which names changed (`amend_note`) when both sides' names are known. A name written again
  in other letter case or spacing (the UN's "IraqI NEWS AGENCY" of June 2018, "IRAQI NEWS
  AGENCY" in August) is the same name: when that is all that changed, there is no amendment. A
  record whose names are unchanged but whose lists changed gets only the `list` / `delist`
  events of those lists: it is not amended on the lists it stayed on. When either side states no
  aliases (an OFAC set without its alias file), only primary names are compared: an alias one
  side does not state is unknown there, not removed. Change claims cite the later snapshot's
  source: its content is the evidence of the change.
- Only snapshots of one series are compared (see proscribe.ingest.lists): a file holding a stated
  part of a list is compared with files holding the same part, and a partial file (absence
  proves nothing) with none.
- A delta file (OpenSanctions `entities.delta.json`) is not diffed: each key it removes is a
  `delist` within (the last held file showing the key, the delta's date].
- Snapshots may arrive in any order: a new snapshot is compared with its nearest earlier and its
  nearest later neighbour. Claims derived from an earlier, coarser pairing stay (append-only);
  their wider window still contains the event.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from proscribe import vocab
from proscribe.model import Action, Claim, DesignationList, PartialDate, Source, State
from proscribe.sources.records import ListRecord

# `SnapshotView.date` hides the type's name inside the class.
Day = date


@dataclass(frozen=True, slots=True)
class SnapshotView:
    """What one snapshot says, by record key: the entity, its lists and its name fingerprint."""

    source_id: str
    date: date
    entities: dict[str, str]
    lists: dict[str, tuple[str, ...]]
    fingerprints: dict[str, str] = field(default_factory=dict)
    dated: frozenset[str] = frozenset()
    # The stated names of each record (`encode_names`), where known: what an amendment changed.
    names: Mapping[str, str | None] = field(default_factory=dict)
    # Facets the snapshot's input does not state (`aliases`: only primary names are known).
    unstated: frozenset[str] = frozenset()
    # The listing date the file states for each (record key, list), where it states one.
    stated: Mapping[tuple[str, str], Day] = field(default_factory=dict)

    def memberships(self) -> set[tuple[str, str]]:
        """Every (record key, list id) pair of the snapshot."""
        return {(key, list_id) for key, lists in self.lists.items() for list_id in lists}

    def holdings(self) -> set[tuple[str, str]]:
        """Every (entity id, list id) pair the snapshot's records hold."""
        return {(self.entities[key], list_id) for key, lists in self.lists.items() for list_id in lists}


def view_of(
    source: Source, day: date, records: Iterable[ListRecord], links: Mapping[str, str]
) -> SnapshotView:
    """The view of a freshly parsed snapshot, given the entity each record key links to."""
    entities: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    fingerprints: dict[str, str] = {}
    names: dict[str, str | None] = {}
    dated: set[str] = set()
    stated: dict[tuple[str, str], date] = {}
    for record in records:
        entities[record.key] = links[record.key]
        lists[record.key] = record.list_ids
        fingerprints[record.key] = record.fingerprint()
        names[record.key] = encode_names(record)
        if record.listed_on is not None:
            dated.add(record.key)
            apart = dict(record.list_dates)
            for list_id in record.list_ids:
                listed_on = apart.get(list_id, record.listed_on)
                if listed_on is not None:
                    stated[(record.key, list_id)] = listed_on
    return SnapshotView(source.id, day, entities, lists, fingerprints, frozenset(dated), names, stated=stated)


def encode_fingerprint(record: ListRecord) -> str:
    """The stored form of a record's reading: `names|list,list|listed_on|content[|list=day;...]`.

    Names decide amendments, lists and the listing date the diff (and the dated `list` events of
    a run, which may start where the record was not parsed again); `content` (everything the
    record states) decides whether a run of identical snapshots goes on. The last part, only when
    the file dates lists apart, gives those lists' own listing dates (`list=` when it leaves one
    undated).
    """
    lists = ",".join(record.list_ids)
    listed = record.listed_on.isoformat() if record.listed_on else ""
    stored = f"{record.fingerprint()}|{lists}|{listed}|{record.content()}"
    if record.list_dates:
        stored += "|" + ";".join(
            f"{list_id}={day.isoformat() if day else ''}" for list_id, day in record.list_dates
        )
    return stored


# Pure and called for every record of both sides of a diff, on strings that repeat across snapshots.
@lru_cache(maxsize=65_536)
def decode_fingerprint(stored: str) -> tuple[str, tuple[str, ...], bool]:
    """Inverse of `encode_fingerprint`: (names hash, lists, whether the file dated the listing)."""
    digest, lists, dated, *_ = (*stored.split("|"), "", "")
    return digest, tuple(item for item in lists.split(",") if item), dated not in ("", "0")


# Pure, and read for every dated record of each side of a diff, on strings that repeat across snapshots.
@lru_cache(maxsize=65_536)
def listed_on_of(stored: str, list_id: str | None = None) -> date | None:
    """The listing date a stored fingerprint records, of `list_id` when the file dated it apart
    (None when undated, that list left undated, or stored before dates were)."""
    parts = stored.split("|")
    if list_id is not None and len(parts) > 4:
        for item in parts[4].split(";"):
            named, _, day = item.partition("=")
            if named == list_id:
                return date.fromisoformat(day) if len(day) == 10 else None
    if len(parts) < 3 or len(parts[2]) != 10:
        return None
    return date.fromisoformat(parts[2])


def view_of_fingerprints(
    snapshot_id: str,
    day: date,
    shown: Mapping[str, tuple[str, str]],
    names: Mapping[str, str | None] | None = None,
    unstated: frozenset[str] = frozenset(),
) -> SnapshotView:
    """The view of a snapshot from each record key's (entity, stored fingerprint) and stated names."""
    entities: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}
    fingerprints: dict[str, str] = {}
    dated: set[str] = set()
    stated: dict[tuple[str, str], date] = {}
    for key, (entity_id, stored) in shown.items():
        digest, on_lists, was_dated = decode_fingerprint(stored)
        entities[key] = entity_id
        lists[key] = on_lists
        fingerprints[key] = digest
        if was_dated:
            dated.add(key)
            for list_id in on_lists:
                listed_on = listed_on_of(stored, list_id)
                if listed_on is not None:
                    stated[(key, list_id)] = listed_on
    return SnapshotView(
        snapshot_id, day, entities, lists, fingerprints, frozenset(dated), names or {}, unstated, stated
    )


# `json.dumps(..., ensure_ascii=False)` builds an encoder per call; one, built once, writes the same text.
_JSON = json.JSONEncoder(ensure_ascii=False)


def encode_names(record: ListRecord) -> str:
    """The stored form of the names a record states: JSON `[[kind, value], ...]` in file order."""
    return _JSON.encode([[name.kind, name.value] for name in record.names])


def encode_details(record: ListRecord) -> str:
    """The stored form of what a record states beyond its names (`ListRecord.details`): JSON
    `[[kind, value], ...]`, `[]` for a record stating none."""
    return _JSON.encode([list(detail) for detail in record.details()])


def decode_details(stored: str) -> set[tuple[str, str]]:
    """Inverse of `encode_details`, as a set of (kind, value)."""
    return {(kind, value) for kind, value in json.loads(stored)}


def amend_note(before: str | None, after: str | None, most: int = 10) -> str | None:
    """What changed in a record's names between two snapshots, in words; None when unknown or none.

    `renamed "OLD" -> "NEW"` for a new primary name, then `names added: "X" (alias), ...`,
    `names removed: ...` and `names re-classed: "X" alias -> weak alias` (at most `most` of
    each, then how many more).
    """
    if before is None or after is None:
        return None
    old = [(kind, value) for kind, value in json.loads(before)]
    new = [(kind, value) for kind, value in json.loads(after)]
    # Compared as spelled, not as typed: a list re-typing a name in capitals has not changed it.
    old_spelled = {(kind, spelling(value)) for kind, value in old}
    new_spelled = {(kind, spelling(value)) for kind, value in new}
    added = [(kind, value) for kind, value in new if (kind, spelling(value)) not in old_spelled]
    removed = [(kind, value) for kind, value in old if (kind, spelling(value)) not in new_spelled]
    parts: list[str] = []
    old_primary = [value for kind, value in removed if kind == "primary"]
    new_primary = [value for kind, value in added if kind == "primary"]
    if len(old_primary) == 1 and len(new_primary) == 1:
        parts.append(f'renamed "{old_primary[0]}" -> "{new_primary[0]}"')
        added = [pair for pair in added if pair[0] != "primary"]
        removed = [pair for pair in removed if pair[0] != "primary"]
    # A name kept under another kind (an a.k.a. the list now calls weak) is one change, not two.
    was = {spelling(value): kind for kind, value in removed}
    reclassed = [(was[spelling(value)], kind, value) for kind, value in added if spelling(value) in was]
    moved = {spelling(value) for _, _, value in reclassed}
    added = [pair for pair in added if spelling(pair[1]) not in moved]
    removed = [pair for pair in removed if spelling(pair[1]) not in moved]
    listed = (
        ("names added", [f'"{value}" ({_kind(kind)})' for kind, value in added]),
        ("names removed", [f'"{value}" ({_kind(kind)})' for kind, value in removed]),
        ("names re-classed", [f'"{value}" {_kind(old)} -> {_kind(new)}' for old, new, value in reclassed]),
    )
    for label, items in listed:
        if items:
            more = f" and {len(items) - most} more" if len(items) > most else ""
            parts.append(f"{label}: {', '.join(items[:most])}{more}")
    return "; ".join(parts) or None


def spelling(value: str) -> str:
    """A name as spelled: letter case and runs of spaces set aside (what an amendment compares)."""
    return " ".join(value.split()).casefold()


def _kind(kind: str) -> str:
    return kind.replace("_", " ")


def span_claims(
    source: Source, jurisdictions: Mapping[str, str], day: date, key: str, entity_id: str, stored: str
) -> list[Claim]:
    """The state claims of a run starting at the snapshot `source` of `day`: `listed`, one per list."""
    on_day = PartialDate.day(day)
    _, on_lists, _ = decode_fingerprint(stored)
    return [
        _claim(source, jurisdictions, entity_id, list_id, key, on_day, day, state="listed")
        for list_id in on_lists
    ]


def listing_claims(
    source: Source, jurisdictions: Mapping[str, str], day: date, key: str, entity_id: str, stored: str
) -> list[Claim]:
    """The dated `list` events the file of a run's first snapshot states (UN `LISTED_ON`), one per list."""
    _, on_lists, _ = decode_fingerprint(stored)
    claims = []
    for list_id in on_lists:
        listed_on = listed_on_of(stored, list_id)
        if listed_on is None:
            continue
        moved = _taken_over(list_id, listed_on)
        if moved is None:
            when = PartialDate.day(listed_on)
            claims.append(_claim(source, jurisdictions, entity_id, list_id, key, when, day, action="list"))
            continue
        before, opened = moved
        steps: tuple[tuple[str, Action, date, str], ...] = (
            (
                before.id,
                "list",
                listed_on,
                f"on {before.id} until {list_id} took its entries over on {opened}",
            ),
            (
                before.id,
                "delist",
                opened,
                f"moved to {list_id} when it opened: a transfer, not an end of sanctions",
            ),
            (list_id, "list", opened, f"moved from {before.id}, which listed it on {listed_on}"),
        )
        for list_of, action, on, note in steps:
            when = PartialDate.day(on)
            claims.append(
                _claim(source, jurisdictions, entity_id, list_of, key, when, day, action=action, note=note)
            )
    return claims


def _taken_over(list_id: str, listed_on: date) -> tuple[DesignationList, date] | None:
    """The list that kept an entry `list_id` took over, and the day it did, when the file dates the
    listing before `list_id` opened (the UN's 1988 Taliban entries, dated from 2001); else None.

    The file gives the entry's first listing date, not the day it came to the list it now names:
    read as is, it would put the entry on a list years before that list existed.
    """
    found = vocab.lists().get(list_id)
    if found is None or found.opened_on is None or found.took_over_from is None:
        return None
    if listed_on >= found.opened_on:
        return None
    return vocab.lists()[found.took_over_from], found.opened_on


def diff_claims(
    earlier: SnapshotView, later: SnapshotView, later_source: Source, jurisdictions: Mapping[str, str]
) -> list[Claim]:
    """The list / delist / amend event claims between two snapshots, cited to the later one."""
    if not earlier.date < later.date:
        raise ValueError(f"snapshots must be in date order, got {earlier.date} and {later.date}")
    window = PartialDate.between(earlier.date + timedelta(days=1), later.date)
    before, after = earlier.memberships(), later.memberships()
    # An entity another entry keeps on the list is neither struck off nor newly put on it.
    held_before, held_after = earlier.holdings(), later.holdings()
    claims: list[Claim] = []

    def add(key: str, entity_id: str, list_id: str, action: Action, note: str | None = None) -> None:
        claims.append(
            _claim(
                later_source,
                jurisdictions,
                entity_id,
                list_id,
                key,
                window,
                later.date,
                action=action,
                note=note,
            )
        )

    for key, list_id in sorted(before - after):
        if (earlier.entities[key], list_id) not in held_after:
            add(key, earlier.entities[key], list_id, "delist")
    for key, list_id in sorted(after - before):
        if (later.entities[key], list_id) in held_before:
            continue
        if key not in later.dated:
            add(key, later.entities[key], list_id, "list")
            continue
        listed_on = later.stated.get((key, list_id))
        if listed_on is not None and listed_on <= earlier.date:
            # The file dates the entry's first listing, before a whole snapshot that did not show it.
            add(key, later.entities[key], list_id, "relist", relist_note(listed_on, earlier.date))
    without_aliases = [view for view in (earlier, later) if "aliases" in view.unstated]
    for key in sorted(set(earlier.fingerprints) & set(later.fingerprints)):
        if without_aliases:
            note = _primary_names_changed(earlier.names.get(key), later.names.get(key), without_aliases)
            if note is None:
                continue
        elif earlier.fingerprints[key] != later.fingerprints[key]:
            old, new = earlier.names.get(key), later.names.get(key)
            note = amend_note(old, new)
            if note is None and old is not None and new is not None:
                # Same names, so only the lists changed: the list / delist events above say which.
                continue
        else:
            continue
        for list_id in sorted(set(earlier.lists[key]) & set(later.lists[key])):
            add(key, later.entities[key], list_id, "amend", note)
    return claims


def relist_note(listed_on: date, absent_on: date) -> str:
    """What a re-listing's evidence says: the stated listing date is an earlier listing's."""
    return (
        f"listed again: the file dates the listing {listed_on.isoformat()}, but the snapshot of "
        f"{absent_on.isoformat()} does not show the entry"
    )


def lapse_claims(
    relistings: Iterable[Claim],
    listed_on: Mapping[tuple[str, str], date],
    snapshot_days: Iterable[date],
    later_source: Source,
    jurisdictions: Mapping[str, str],
) -> list[Claim]:
    """The removal a re-listing implies of an entry no earlier snapshot showed.

    The file dates the entry's listing (day L), and every snapshot of the series before the
    re-listing leaves it out: it was removed within (L, the first snapshot after L]. With no
    snapshot after L before the re-listing's window, nothing more is known. Cited, like the
    re-listing, to the later snapshot, whose stated date is the evidence.
    """
    days = sorted(set(snapshot_days))
    claims: list[Claim] = []
    for relisting in relistings:
        stated = listed_on.get((relisting.record_key, relisting.list_id or ""))
        window_start = relisting.date.earliest
        if stated is None or window_start is None or relisting.known_from is None:
            continue
        # On a list that took the entry over (the UN's 1988 list, from 2011-06-17), it could not
        # leave the list before it came onto it.
        moved = _taken_over(relisting.list_id or "", stated)
        since = (
            f"it came onto {relisting.list_id} on {moved[1].isoformat()} (taken over from {moved[0].id})"
            if moved
            else f"its listing of {stated.isoformat()}"
        )
        stated = moved[1] if moved else stated
        first = next((day for day in days if day > stated), None)
        if first is None or first >= window_start:
            continue
        claims.append(
            _claim(
                later_source,
                jurisdictions,
                relisting.entity_id,
                relisting.list_id or "",
                relisting.record_key,
                PartialDate.between(stated + timedelta(days=1), first),
                relisting.known_from,
                action="delist",
                note=(
                    f"removed after {since}: the snapshot of "
                    f"{first.isoformat()} does not show the entry, which is listed again later"
                ),
            )
        )
    return claims


def unlisted_claims(
    whole_source: Source,
    day: date,
    absent: Iterable[tuple[str, str, str]],
    jurisdictions: Mapping[str, str],
) -> list[Claim]:
    """`not_listed` on `day` of the entries (record key, entity, list) a whole list of that day leaves out.

    Made for entries another source numbering entries alike dates on the list from before `day`
    (see proscribe.ingest.absences): the whole list is evidence the entry was not on it that day.
    Cited to the whole list's snapshot, as a diff is; the note does not name the other source,
    so the claim is the same whichever of its snapshots was imported first.
    """
    note = (
        f"the whole list of {day.isoformat()} does not show this entry, which another source "
        "numbering entries alike dates on the list from before that day"
    )
    return [
        _claim(
            whole_source,
            jurisdictions,
            entity_id,
            list_id,
            key,
            PartialDate.day(day),
            day,
            state="not_listed",
            note=note,
        )
        for key, entity_id, list_id in sorted(set(absent))
    ]


def absence_claims(
    partial: SnapshotView, whole: SnapshotView, whole_source: Source, jurisdictions: Mapping[str, str]
) -> list[Claim]:
    """The removals the first whole snapshot after a partial one shows of the entries it showed.

    A partial file proves presence only, so it is compared with no snapshot of its own series; but
    the whole list of a later day that leaves out an entry the partial file showed proves the entry
    was removed within (the partial's day, the whole's]. Cited to the whole snapshot, as a diff is.
    """
    if not partial.date < whole.date:
        raise ValueError(f"the partial snapshot must come first, got {partial.date} and {whole.date}")
    window = PartialDate.between(partial.date + timedelta(days=1), whole.date)
    held = whole.holdings()
    note = (
        f"shown by a part of the list of {partial.date.isoformat()}; the whole list of "
        f"{whole.date.isoformat()} does not show it"
    )
    return [
        _claim(
            whole_source,
            jurisdictions,
            partial.entities[key],
            list_id,
            key,
            window,
            whole.date,
            action="delist",
            note=note,
        )
        for key, list_id in sorted(partial.memberships() - whole.memberships())
        # An entity another entry of the whole list keeps on it was not struck off (`diff_claims`).
        if (partial.entities[key], list_id) not in held
    ]


def presence_claims(
    whole: SnapshotView, partial: SnapshotView, partial_source: Source, jurisdictions: Mapping[str, str]
) -> list[Claim]:
    """The listings a partial snapshot shows of entries the last whole snapshot before it left out.

    Within (the whole's day, the partial's]; an entry the partial file dates is listed by its dated
    event, or re-listed when that date is on or before the whole's day (as `diff_claims` does).
    Cited to the partial snapshot, whose records are the evidence.
    """
    return [
        claim
        for claim in diff_claims(whole, partial, partial_source, jurisdictions)
        if claim.action in ("list", "relist")
    ]


def _primary_names_changed(
    before: str | None, after: str | None, without_aliases: list[SnapshotView]
) -> str | None:
    """The amend note when a side states no aliases: primary names compared alone; None if unchanged.

    Aliases one side does not state are unknown there, not removed. With either side's names
    unknown (runs stored before runs kept names) nothing can be compared.
    """
    if before is None or after is None:
        return None
    old, new = _primary_only(before), _primary_only(after)
    what = amend_note(old, new)
    if what is None:
        return None
    dates = " and ".join(view.date.isoformat() for view in without_aliases)
    return f"{what}; aliases not compared (the snapshot of {dates} does not state them)"


def _primary_only(names: str) -> str:
    return json.dumps([pair for pair in json.loads(names) if pair[0] == "primary"], ensure_ascii=False)


def alias_claims(
    reference: SnapshotView,
    skipped: SnapshotView,
    later: SnapshotView,
    later_source: Source,
    jurisdictions: Mapping[str, str],
) -> list[Claim]:
    """Amendments of aliases across a snapshot that does not state them, cited to the later one.

    `skipped` (the snapshot just before `later`) states primary names only, so `diff_claims`
    compares those alone; the aliases of each record present in all three are compared here
    with `reference`, the last snapshot before that did state them. A change is dated within
    (reference, later]: when in that window it happened, no held file says.
    """
    if not reference.date < skipped.date < later.date:
        raise ValueError(
            f"snapshots must be in date order, got {reference.date}, {skipped.date} and {later.date}"
        )
    window = PartialDate.between(reference.date + timedelta(days=1), later.date)
    because = (
        f"compared with the snapshot of {reference.date} (the snapshot of {skipped.date} does not "
        "state aliases)"
    )
    claims: list[Claim] = []
    for key in sorted(set(reference.names) & set(skipped.entities) & set(later.names)):
        before, after = reference.names[key], later.names[key]
        if before is None or after is None:
            continue
        changed = amend_note(_aliases_only(before), _aliases_only(after))
        if changed is None:
            continue
        note = f"{changed}; {because}"
        for list_id in sorted(set(reference.lists[key]) & set(later.lists[key])):
            claims.append(
                _claim(
                    later_source,
                    jurisdictions,
                    later.entities[key],
                    list_id,
                    key,
                    window,
                    later.date,
                    action="amend",
                    note=note,
                )
            )
    return claims


def _aliases_only(names: str) -> str:
    return json.dumps([pair for pair in json.loads(names) if pair[0] != "primary"], ensure_ascii=False)


def removal_claims(
    removed: Iterable[str],
    last_seen: Mapping[str, tuple[date, str, tuple[str, ...]]],
    source: Source,
    day: date,
    jurisdictions: Mapping[str, str],
) -> tuple[list[Claim], list[str]]:
    """Delist claims for the keys a delta file removes, and warnings for keys never seen.

    `last_seen` maps a record key to the last held snapshot date on or before `day` showing it,
    with its entity and lists. Each removal is dated within (that date, the delta's date].
    """
    claims: list[Claim] = []
    warnings: list[str] = []
    for key in removed:
        if key not in last_seen:
            warnings.append(f"removed record {key} was never seen in an earlier file of this source")
            continue
        seen_on, entity_id, on_lists = last_seen[key]
        when = PartialDate.between(min(seen_on + timedelta(days=1), day), day)
        for list_id in on_lists:
            claims.append(_claim(source, jurisdictions, entity_id, list_id, key, when, day, action="delist"))
    return claims, warnings


def list_authority(list_id: str, source: Source) -> str | None:
    """Whose list an entry is on: the body the list vocabulary names for it, else the publisher of an
    official file (None from an aggregator, which decides nothing).

    OFAC's SDN file marks the State Department's FTO designations, the EU's FSF file (published by
    the Commission) the Council's terrorist list, and OpenSanctions copies other bodies' lists: the
    file's publisher is where the entry was read, not who listed it.
    """
    known = vocab.lists().get(list_id)
    if known is not None and known.publisher:
        return known.publisher
    return source.publisher if source.kind == "official_list" else None


def _claim(
    source: Source,
    jurisdictions: Mapping[str, str],
    entity_id: str,
    list_id: str,
    key: str,
    when: PartialDate,
    known: date,
    *,
    action: Action | None = None,
    state: State | None = None,
    note: str | None = None,
) -> Claim:
    return Claim(
        kind="event" if action else "state",
        entity_id=entity_id,
        jurisdiction=jurisdictions[list_id],
        list_id=list_id,
        date=when,
        source_id=source.id,
        record_key=key,
        action=action,
        state=state,
        authority=list_authority(list_id, source),
        original=key,
        known_from=known,
        tier=source.tier,
        note=note,
    )
