"""Ingest official list snapshots: file(s) -> adapter -> identity -> snapshot diff -> one transaction.

`ingest_list` is the one entry point. For one snapshot (a file, or an OFAC CSV set) it:
1. parses the input with the source's adapter (pure; format drift or hostile input raises before
   anything is written);
2. links records to entities (earlier snapshots of the same source, identifiers, names; see
   proscribe.resolve.identity) and mints entities for the rest;
3. works out how the snapshot changes the runs of identical snapshots of each record
   (proscribe.resolve.spans): a run that goes on gains a sighting; a run that starts makes state
   claims and the file's dated `list` events; list / delist / amend claims come from comparing
   with the nearest earlier and later snapshots already held of the same *series*
   (proscribe.resolve.snapshots). A series is the source for files holding the whole list; a
   file holding a stated part of it (an OFAC export filtered by list) is compared with files
   holding the same part; a partial file (filtered by program, or marked partial at import:
   absence in it proves nothing) is a series of its own, compared only with the whole snapshots
   of the source on either side of it (`_across_partials`);
4. writes sources, entities, claims, the `snapshots` row and the runs in ONE transaction through
   `ingest_batch`, re-deriving only the timelines the snapshot can change. Any failure leaves
   the database as it was.
Records whose bytes are the same as in the latest held snapshot are not parsed again (adapters
that can tell, see sources.registry.SKIPPING). Bytes already held are recognised by their sha256
and add nothing.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import NoReturn

from sqlalchemy import Connection, func, insert, select

from proscribe import clock, vocab
from proscribe.errors import DataError, FormatError, InputError, SameDaySnapshotError, ShrunkSnapshotError
from proscribe.ingest import absences, naming, relinks
from proscribe.ingest.core import ingest_batch
from proscribe.model import Claim, ClaimBatch, Entity, Source, name_key, source_id
from proscribe.resolve.identity import EntityIndex, Relinks, entity_id_for, link_records, names_lent
from proscribe.resolve.snapshots import (
    SnapshotView,
    absence_claims,
    alias_claims,
    decode_fingerprint,
    diff_claims,
    encode_details,
    encode_fingerprint,
    encode_names,
    lapse_claims,
    listing_claims,
    presence_claims,
    removal_claims,
    span_claims,
    view_of_fingerprints,
)
from proscribe.resolve.spans import Shown, Snapshot, Span, plan_snapshot
from proscribe.sources.bundled import numbers_kept_apart
from proscribe.sources.common import InputFile
from proscribe.sources.meta import SourceMeta, source_meta
from proscribe.sources.records import ListRecord, ParsedList, lost_characters
from proscribe.sources.registry import delta_version, parse_files, read_inputs
from proscribe.sources.variants import with_variants
from proscribe.store import Store, schema, spans, withdrawals, writer
from proscribe.store.codec import claim_from_row


@dataclass(frozen=True, slots=True)
class Retrieval:
    """How a snapshot was downloaded (for `update`): URL, time and HTTP validators."""

    url: str
    retrieved_at: datetime
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class ListImportReport:
    """What importing one snapshot did."""

    source: str
    files: list[str]
    snapshot_date: date
    records: int = 0
    already_held: bool = False
    new_claims: int = 0
    existing_claims: int = 0
    new_entities: int = 0
    # Names and identifiers linked records gave entities stored earlier (see resolve.identity).
    names_added: int = 0
    changes: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    ambiguous: list[str] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Each change the snapshot shows (`changes` counts them), in (list, action, record) order.
    changed: list[dict[str, str]] = field(default_factory=list)
    # Nothing was stored: the report of what the import would have done (`--dry-run`).
    dry_run: bool = False

    def as_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "dry_run": self.dry_run,
            "source": self.source,
            "files": list(self.files),
            "snapshot_date": self.snapshot_date.isoformat(),
            "records": self.records,
            "already_held": self.already_held,
            "new_claims": self.new_claims,
            "existing_claims": self.existing_claims,
            "new_entities": self.new_entities,
            "names_added": self.names_added,
            "changes": dict(sorted(self.changes.items())),
            "links": dict(sorted(self.links.items())),
            "ambiguous": list(self.ambiguous),
            "unmapped": dict(sorted(self.unmapped.items())),
            "warnings": list(self.warnings),
            "changed": [dict(change) for change in self.changed],
        }


def main_file(meta: SourceMeta, paths: Sequence[Path]) -> Path:
    """The file an import's messages name: of a set, its primary file (`sdn.csv`, not `add.csv`).

    The source's first download (`urls` in its metadata) is its primary file; matched by stem, so
    a legacy set passed as `.csv` files is named by `cons_prim.csv` all the same.
    """
    primary = Path(next(iter(meta.urls), "")).stem.casefold()
    return next((Path(p) for p in paths if primary and Path(p).stem.casefold() == primary), Path(paths[0]))


def snapshot_groups(source_name: str, paths: Sequence[Path]) -> list[list[Path]]:
    """How input files form snapshots: all together for a file-set source (OFAC CSV), else one each."""
    if len(source_meta(source_name).urls) > 1:
        return [list(paths)]
    return [[path] for path in paths]


def content_sha256(files: Sequence[InputFile]) -> str:
    """sha256 of one file, or of the sorted `basename:sha256` lines of a file set."""
    return set_sha256([(f.name, hashlib.sha256(f.data).hexdigest()) for f in files])


def set_sha256(files: Sequence[tuple[str, str]]) -> str:
    """`content_sha256` from each file's (name, sha256): the hash a snapshot of those files is held by."""
    if len(files) == 1:
        return files[0][1]
    lines = sorted(f"{Path(name).name}:{sha}" for name, sha in files)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def holds_snapshot(store: Store, sha: str) -> bool:
    """Whether the store holds a snapshot with this content hash (`content_sha256`)."""
    return _snapshot_with(store, sha) is not None


def ingest_list(
    store: Store,
    source_name: str,
    paths: Sequence[Path],
    snapshot_date: date | None = None,
    retrieval: Retrieval | None = None,
    partial: bool = False,
    whole: bool = False,
    dry_run: bool = False,
) -> ListImportReport:
    """Import one snapshot of `source_name` from `paths`; see the module docstring.

    A `dry_run` does the whole import in a transaction it rolls back: its report (changes,
    warnings, links) says what the import would do, and nothing is stored.

    `partial` says the files hold part of the list (an excerpt, a selection): their records are
    evidence of presence only, and nothing is read into what they leave out. A snapshot that
    loses more than a quarter of the records of the one before (`REFUSED_LOSS`) is refused unless
    it is `partial`, or `whole` says it is the whole list all the same.
    """
    if partial and whole:
        raise InputError("a snapshot is either part of the list (--partial) or the whole list (--whole)")
    # The writer lock spans the reads the diff and the links rest on, not only the final write.
    with store.writing(), cyclic_gc_paused():
        report = _ingest_list(store, source_name, paths, snapshot_date, retrieval, partial, whole, dry_run)
    report.dry_run = dry_run
    return report


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one snapshot is read and written.

    An import allocates hundreds of thousands of short-lived, acyclic objects (records, names,
    claims, rows); reference counting frees them, and the collector's full passes over every live
    object would only add time (about a seventh of an import). It is restored on the way out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _ingest_list(
    store: Store,
    source_name: str,
    paths: Sequence[Path],
    snapshot_date: date | None,
    retrieval: Retrieval | None,
    partial: bool,
    whole: bool,
    dry_run: bool = False,
) -> ListImportReport:
    if not paths:
        raise InputError("no input files given")
    meta = source_meta(source_name)
    main = main_file(meta, paths)
    if partial and meta.mode == "delta":
        raise InputError(
            f"{meta.id} publishes delta files, which state their changes: --partial does not apply"
        )
    files = read_inputs(paths)
    sha = content_sha256(files)
    store.require_initialised()
    held_as = _snapshot_with(store, sha)
    if held_as is not None:
        return _already_held(store, meta, paths, files, held_as, snapshot_date)
    with store.engine.connect() as conn:
        held = spans.calendar(conn, meta.id)
        latest = spans.spans_covering(conn, meta.id, meta.id, held[-1:])
    carried = {span.record_key: span for span in latest}
    # A run stored before runs kept names (or details) is read again, so that it gains them.
    known = {k: s.raw for k, s in carried.items() if s.raw and s.names is not None and s.details is not None}
    parsed = parse_files(source_name, files, known)
    if not parsed.records and not parsed.unchanged and meta.mode == "full":
        raise FormatError(f"{main}: no records: a snapshot of {source_name} cannot be empty")
    day = parsed.snapshot_date or snapshot_date
    if day is None:
        raise InputError(f"{main}: the file states no date; pass --date YYYY-MM-DD")
    # A day of slack: a publisher's clock may run ahead of ours (the UN dates its files at UTC-4).
    if day > clock.today() + timedelta(days=1):
        given_by = "the file states" if parsed.snapshot_date else "--date gives"
        raise InputError(
            f"{main}: {given_by} {day}, after today ({clock.today()}): a snapshot cannot be of a later day"
        )
    warnings = list(parsed.warnings)
    damaged = lost_characters(parsed.records)
    if damaged:
        warnings.append(f"{main}: {damaged}")
    if snapshot_date and parsed.snapshot_date and snapshot_date != parsed.snapshot_date:
        warnings.append(f"--date {snapshot_date} ignored: {main} states {parsed.snapshot_date}")
    if parsed.snapshot_date is None:
        warnings += _doubtful_date(main, day, parsed.records)
    with store.engine.connect() as conn:
        withdrawn = withdrawals.withdrawn_ids(conn)
    source = _source(meta, day, sha, retrieval, withdrawn)
    scope, is_partial = _coverage(parsed, partial)
    series = snapshot_series(meta.id, source.id, parsed.scope, is_partial)
    if series != meta.id:
        # Only snapshots of the same series are compared; a partial file is a series of its own.
        with store.engine.connect() as conn:
            held = spans.calendar(conn, series)
            latest = spans.spans_covering(conn, meta.id, series, held[-1:])
    if meta.mode == "delta":
        _require_delta_order(store, meta, main)
    # A whole-list snapshot is the list as of its day, so one per day; delta files are change sets,
    # and OpenSanctions publishes several a day.
    same_day = [snap for snap in held if snap.date == day and meta.mode != "delta"]
    if same_day:
        raise SameDaySnapshotError(
            f"{main}: a different snapshot of {meta.id} dated {day} is already held "
            f"({same_day[0].id}); one snapshot per day"
            + ("" if parsed.snapshot_date or retrieval else " (pass --date for another day)"),
            day=day,
            dated_by_file=parsed.snapshot_date is not None,
        )
    new = Snapshot(source.id, day, parsed.unstated)
    earlier = max((snap for snap in held if snap.date < day), key=lambda snap: snap.date, default=None)
    later = min((snap for snap in held if snap.date > day), key=lambda snap: snap.date, default=None)
    with store.engine.connect() as conn:
        # Appending after the latest snapshot (the usual case): the runs around are those read above.
        if later is None and held and earlier == held[-1]:
            around = latest
        else:
            around = spans.spans_covering(conn, meta.id, series, [earlier, later])
        previous = _previous_entities(conn, meta.id, parsed.records, around)
        reference = _aliases_reference(held, earlier, parsed.unstated)
        stated = spans.spans_covering(conn, meta.id, series, [reference]) if reference else []
    # Only records new to this source are linked by identifier or name: look up just their candidates.
    unseen = [record for record in parsed.records if record.key not in previous]
    index = EntityIndex(
        store.reader().entities_matching(
            (i for r in unseen for i in r.identifiers),
            (name_key(n.value) for r in unseen for n in with_variants(r.names)),
        )
        if unseen
        else (),
        apart=numbers_kept_apart(),
    )
    identity = link_records(parsed.records, index, previous, meta.entity_prefix)
    shown = {
        record.key: Shown(
            identity.entity_of(record.key),
            encode_fingerprint(record),
            record.raw,
            encode_names(record),
            encode_details(record),
        )
        for record in parsed.records
    }
    for key in parsed.unchanged:
        span = carried[key]
        shown[key] = Shown(span.entity_id, span.fingerprint, span.raw, span.names, span.details)
    # Rule 5 of identity: a record this snapshot is now the first of, linked as if it came first.
    relinked = relinks.found_by_names(store, meta, parsed.records, identity, day)
    plan = plan_snapshot(new, shown, earlier, later, around)
    jurisdictions = _jurisdictions(meta, parsed.records)
    sources = {source.id: source, **_sources_of(store, plan.inserted, source.id)}
    claims: list[Claim] = []
    for span in plan.inserted:
        # Each run starts as it would have, had the snapshots come in date order.
        first = sources[span.first.id]
        where = (first, jurisdictions, span.first.date, span.record_key, span.entity_id, span.fingerprint)
        claims += span_claims(*where) + listing_claims(*where)
    current = view_of_fingerprints(
        source.id,
        day,
        {k: (v.entity_id, v.fingerprint) for k, v in shown.items()},
        {k: v.names for k, v in shown.items()},
        parsed.unstated,
    )
    changes = _change_claims(
        store,
        meta,
        around,
        earlier,
        later,
        current,
        source,
        jurisdictions,
        parsed.removed,
        warnings,
        main,
        whole,
        [snap.date for snap in held],
    )
    if meta.mode == "full" and (is_partial or series == meta.id):
        changes += _across_partials(store, meta, current, source, is_partial, jurisdictions)
    if meta.mode == "full" and not is_partial and later is not None:
        changes += _earlier_lapses(store, meta, series, held, current, jurisdictions)
    if earlier is not None and meta.mode == "full":
        # A record the file dates (UN LISTED_ON) is listed by its dated event, not by the diff:
        # such an addition is a change of this snapshot all the same, and the report shows it.
        added = current.memberships() - _view(around, earlier).memberships()
        # A re-listing (the file's date is an earlier listing's) is among the changes already.
        added -= {(c.record_key, c.list_id or "") for c in changes if c.action == "relist"}
        dated_additions = [c for c in claims if c.action == "list" and (c.record_key, c.list_id) in added]
    else:
        dated_additions = []
    if reference is not None and earlier is not None:
        changes += alias_claims(
            _view(stated, reference), _view(around, earlier), current, source, jurisdictions
        )
    unlisted, grounds, cut = absences.across_sources(
        store, meta, source, current, series == meta.id, jurisdictions
    )
    warnings += cut
    if unlisted:
        warnings.append(_unlisted_warning(main, unlisted))
    batch = ClaimBatch(
        sources=(source,),
        entities=identity.new_entities,
        claims=tuple(claims + changes + unlisted),
        warnings=tuple(warnings) + identity.ambiguous,
        unmapped=dict(parsed.unmapped),
    )
    names = ", ".join(Path(p).name for p in paths)
    record_count = len(shown)
    lent_names, lent_identifiers = names_lent(parsed.records, identity)
    # Rule 5 the other way round: records of other lists these names would have linked in date order.
    lent_links = relinks.found_by_lent_names(store, meta, lent_names, day)
    lent = 0
    identity_warnings: list[str] = []
    merge_lines: list[str] = []

    def write_snapshot(conn: Connection) -> set[tuple[str, str]]:
        conn.execute(
            insert(schema.snapshots).values(
                id=source.id,
                source_name=meta.id,
                list_id=meta.list,
                snapshot_date=day,
                sha256=sha,
                filename=names,
                url=retrieval.url if retrieval else None,
                retrieved_at=retrieval.retrieved_at if retrieval else None,
                etag=retrieval.etag if retrieval else None,
                last_modified=retrieval.last_modified if retrieval else None,
                record_count=record_count,
                series=series,
                scope=scope,
                partial=is_partial,
                unstated=",".join(sorted(parsed.unstated)) or None,
            )
        )
        spans.apply_plan(conn, meta.id, plan)
        # A snapshot that changes no record still moves runs' ends (sightings), which the evidence
        # and the resolver read: every cached answer keyed on the content hash must go.
        writer.note_change(conn, f"snapshot\x1f{source.id}")
        nonlocal lent
        clashes = writer.identifiers_held_elsewhere(conn, lent_identifiers)
        clashing = {(entity_id, ident) for entity_id, ident, _ in clashes}
        lendable = {
            entity_id: [ident for ident in idents if (entity_id, ident) not in clashing]
            for entity_id, idents in lent_identifiers.items()
        }
        identity_warnings[:] = [
            f"{names}: identifier {ident.key()} is held by entity {other}; a record linked to "
            f"{entity_id} (by its earlier snapshots or its names) now carries it too: not added to "
            f"{entity_id}. If the two are one, merge them (`proscribe identity merge`)"
            for entity_id, ident, other in clashes
        ]
        lent = writer.add_names(conn, lent_names, lendable)
        grown = {
            (span.entity_id, list_id)
            for span in plan.grown
            for list_id in decode_fingerprint(span.fingerprint)[1]
        }
        reshaped = {(entity_id, "") for entity_id in plan.reshaped}
        renamed = {(entity_id, "") for entity_id in _rename(conn, meta, shown, around, identity.new_entities)}
        joined, merge_lines[:] = relinks.record_merges(conn, relinked.found, source.id, meta.id, clock.now())
        for other in lent_links:
            moved, lines = relinks.record_merges(
                conn, other.found, source.id, other.source_name, clock.now(), given_by=meta.id
            )
            joined |= moved
            merge_lines.extend(lines)
        merged = {(entity_id, "") for entity_id in joined}
        writer.add_record_details(conn, meta.id, _details(parsed.records))
        # A claim standing again on this snapshot's word (its earlier grounds withdrawn) counts again.
        regrounded = writer.add_grounds(conn, grounds)
        counted_again = {(c.entity_id, c.list_id or "") for c in unlisted if c.id in regrounded}
        return reshaped | renamed | merged | counted_again | writer.unsettled_by_sighting(conn, grown, day)

    result = ingest_batch(store, batch, extra=write_snapshot, dry_run=dry_run)
    links = Counter(link.how for link in identity.links.values())
    if parsed.unchanged:
        links["unchanged since the last snapshot"] = len(parsed.unchanged)
    return ListImportReport(
        source=meta.id,
        files=[str(p) for p in paths],
        snapshot_date=day,
        records=record_count,
        new_claims=result.new_claims,
        existing_claims=result.existing_claims,
        new_entities=result.new_entities,
        names_added=lent,
        changes=dict(Counter(claim.action or "" for claim in changes + dated_additions)),
        links=dict(links),
        ambiguous=list(identity.ambiguous),
        unmapped=dict(result.unmapped),
        warnings=list(result.warnings)
        + identity_warnings
        + [f"{link.key}: {link.detail}" for link in identity.links.values() if link.detail]
        + [f"{main}: {line}" for line in merge_lines]
        + _kept_lines(main, relinked, lent_links),
        changed=_changed(changes + dated_additions),
    )


def _kept_lines(main: Path, relinked: Relinks, lent: Sequence[relinks.LentLinks]) -> list[str]:
    """The report's lines on records rule 5 found elsewhere by name but left where they were,
    but for pairs the import merged all the same (one way round or the other)."""
    merged = {frozenset((minted, into)) for _key, minted, into in relinked.found}
    merged |= {frozenset((minted, into)) for other in lent for _key, minted, into in other.found}
    lines = [
        f"{main}: {line}" for minted, into, line in relinked.kept if frozenset((minted, into)) not in merged
    ]
    return lines + [
        f"{main}: {other.source_name} {line}"
        for other in lent
        for minted, into, line in other.kept
        if frozenset((minted, into)) not in merged
    ]


def _details(records: Sequence[ListRecord]) -> list[tuple[str, str, str]]:
    """What each record states beyond its names, as `record_details` keeps it (see splits); a
    record stating neither identifiers nor countries gets a `read` row, so it is known to state none."""
    found = [(r.key, kind, value) for r in records for kind, value in r.details()]
    return found + [(r.key, "read", "") for r in records if not r.identifiers and not r.country]


def _unlisted_warning(name: Path, unlisted: Sequence[Claim]) -> str:
    """The import report's line on entries a whole list left out that another source dates on it."""
    keys = sorted({claim.record_key for claim in unlisted})
    days = sorted({claim.date.iso() for claim in unlisted})
    example = unlisted[0]
    entries = f"{len(keys)} {'entry' if len(keys) == 1 else 'entries'}"
    snapshots = f"{len(days)} snapshot{'s' if len(days) != 1 else ''}"
    return (
        f"{name}: {entries} another source numbering entries alike dates on a list before a whole "
        f"snapshot of that list leaves them out ({snapshots}; e.g. {example.record_key} on "
        f"{example.list_id}, not shown on {example.date.iso()}): each is a conflict on its timeline, "
        "as either the stated date is another list's, or the whole snapshot is older than its date"
    )


def _rename(
    conn: Connection,
    meta: SourceMeta,
    shown: Mapping[str, Shown],
    around: Sequence[Span],
    minted: Sequence[Entity],
) -> set[str]:
    """Settle the names (`naming`) of the entities minted from this snapshot's records that may change.

    Only a record stating other names than its runs in the snapshots beside it (or shown by
    neither) can change which names the newest record gives: the others' entities keep theirs.
    """
    fresh = {entity.id for entity in minted}
    restated = {
        shown[key].entity_id
        for key in _restated(shown, around)
        if shown[key].entity_id not in fresh
        and shown[key].entity_id == entity_id_for(meta.entity_prefix, key)
    }
    return naming.settle_names(conn, restated)


def _restated(shown: Mapping[str, Shown], around: Sequence[Span]) -> set[str]:
    """Keys of the records stating other names than their runs in the snapshots beside (or not in them)."""
    beside: dict[str, set[str | None]] = {}
    for span in around:
        beside.setdefault(span.record_key, set()).add(span.names)
    return {key for key, seen in shown.items() if beside.get(key, {None}) != {seen.names}}


# A file dated by --date whose newest stated listing is older than this is probably older than
# its date: the lists proscribe reads add entries every few weeks.
STALE_LISTING_DAYS = 365


def _doubtful_date(name: Path, day: date, records: Sequence[ListRecord]) -> list[str]:
    """Warnings when the listing dates a file states contradict the snapshot date given for it.

    A file that dates no snapshot is dated by --date (or the retrieval), and a wrong date is
    costly: every change against its neighbours is placed by it. The file's own listing dates
    bound it: none may come after the day, and the newest should not be years before it (the CSL
    file of ../shared, committed in February 2025, lists nothing after 2022-04-21).
    """
    stated = [
        when for record in records for when in (record.listed_on, *dict(record.list_dates).values()) if when
    ]
    if not stated:
        return []
    newest = max(stated)
    if newest > day:
        return [
            f"{name}: the file dates a listing {newest}, after the snapshot date {day}: a snapshot "
            "cannot show a later listing; check the date"
        ]
    if (day - newest).days > STALE_LISTING_DAYS:
        return [
            f"{name}: the newest listing the file dates is of {newest}, {(day - newest).days} days "
            f"before the snapshot date {day}: the file may be older than that date; check it"
        ]
    return []


def _changed(changes: Sequence[Claim]) -> list[dict[str, str]]:
    """One row per change claim: what changed, for which record and entity, on which list, when."""
    rows = {
        (c.list_id or "", c.action or "", c.record_key, c.entity_id, c.date.iso(), c.note or "")
        for c in changes
    }
    columns = ("list", "action", "record", "entity", "date", "note")
    return [dict(zip(columns, row, strict=True)) for row in sorted(rows)]


def _held_elsewhere(
    meta: SourceMeta, main: Path, files: Sequence[InputFile], snapshot_id: str, held_source: str
) -> NoReturn:
    """Refuse bytes held as a snapshot of another source, leading with what is wrong.

    Most often the file is not of the source named at all (a UN XML given to an OFAC CSV source):
    that comes first, with the source that reads it. When the named source reads it too (two
    sources of one format), the bytes are one source's snapshot, and the one they are held under
    may be the wrong one: taking that snapshot back lets them be imported under the right one.
    """
    held = f"these bytes are already held as snapshot {snapshot_id} of {held_source}"
    try:
        parse_files(meta.id, files)
    except FormatError as error:
        raise FormatError(f"{error}; {held}") from None
    raise InputError(
        f"{main}: {held}, another source: a file is the snapshot of one source. If {held_source} was "
        f"the wrong source for them, take that snapshot back (`proscribe sources withdraw {snapshot_id} "
        f'--reason "wrong source"`) and import them again as {meta.id}'
    )


def _already_held(
    store: Store,
    meta: SourceMeta,
    paths: Sequence[Path],
    files: Sequence[InputFile],
    held_as: tuple[str, date, str],
    asked: date | None,
) -> ListImportReport:
    """The report for bytes already held: nothing to write, whatever date they arrive with now."""
    snapshot_id, day, held_source = held_as
    main = main_file(meta, paths)
    if held_source != meta.id:
        _held_elsewhere(meta, main, files, snapshot_id, held_source)
    warnings = []
    if asked is not None and asked != day:
        warnings.append(f"{main}: already held as the snapshot of {day}; that date is kept")
    snaps = schema.snapshots
    with store.engine.connect() as conn:
        records = conn.execute(select(snaps.c.record_count).where(snaps.c.id == snapshot_id)).scalar_one()
        cited = conn.execute(
            select(func.count()).select_from(schema.claims).where(schema.claims.c.source_id == snapshot_id)
        ).scalar_one()
    return ListImportReport(
        source=meta.id,
        files=[str(p) for p in paths],
        snapshot_date=day,
        records=int(records),
        already_held=True,
        existing_claims=int(cited),
        warnings=warnings,
    )


def _previous_entities(
    conn: Connection, source_name: str, records: Sequence[ListRecord], around: Sequence[Span]
) -> dict[str, str]:
    """The entity each record key was linked to before: nearest run first, else its latest run."""
    previous = {span.record_key: span.entity_id for span in sorted(around, key=lambda s: s.last.date)}
    missing = sorted({record.key for record in records} - set(previous))
    runs = schema.record_spans
    for start in range(0, len(missing), 500):
        rows = conn.execute(
            select(runs.c.record_key, runs.c.entity_id)
            .where(runs.c.source_name == source_name, runs.c.record_key.in_(missing[start : start + 500]))
            .order_by(runs.c.last_date)
        )
        previous.update((row.record_key, row.entity_id) for row in rows)
    return previous


def _sources_of(store: Store, inserted: Sequence[Span], new_id: str) -> dict[str, Source]:
    """Sources of the held snapshots at which some inserted run starts (a split's tail)."""
    wanted = {span.first.id for span in inserted} - {new_id}
    return store.reader().sources_by_id(wanted) if wanted else {}


# A whole-list snapshot losing more than this share of the records of the one before is refused
# (unless marked --whole or --partial): real lists lose a few percent at a time (7% at most between
# consecutive UN snapshots in ../shared: 1,093 records in 2018-10, 1,014 in 2020-03), while a file
# cut at a line boundary still parses. Over WARNED_LOSS, the import report says so.
REFUSED_LOSS = 0.25
# ... and by at least this many records, for the checks against a held neighbour (see `_cut`).
CUT_RECORDS = 10
WARNED_LOSS = 0.10
# Lists grow over the years (OFAC's SDN CSV: 7,378 lines in 2019-01, 11,568 in 2024-04, 57% more
# in five years and a quarter; 29% at most within a year, in 2022): against a later neighbour, an
# earlier snapshot may be smaller by this much more, compounded, per year between the two.
GROWTH_PER_YEAR = 0.15


def _change_claims(
    store: Store,
    meta: SourceMeta,
    around: Sequence[Span],
    earlier: Snapshot | None,
    later: Snapshot | None,
    current: SnapshotView,
    source: Source,
    jurisdictions: dict[str, str],
    removed: tuple[str, ...],
    warnings: list[str],
    name: Path,
    whole: bool,
    held_days: Sequence[date],
) -> list[Claim]:
    """Delists of a delta file, or list/delist/amend claims against the nearest held snapshots."""
    if meta.mode == "delta":
        claims, removal_warnings = removal_claims(
            removed, _last_seen(store, meta.id, removed, current.date), source, current.date, jurisdictions
        )
        warnings += removal_warnings
        return claims
    changes: list[Claim] = []
    if earlier is not None:
        before = _view(around, earlier)
        if _unlike(current, before) and not whole:
            raise ShrunkSnapshotError(_another_list(name, current, before))
        changes += diff_claims(before, current, source, jurisdictions)
        changes += _lapses(store, meta, changes, current, held_days, earlier.date, source, jurisdictions)
        lost = 1 - len(current.entities) / max(1, len(before.entities))
        shrunk = (
            f"{name}: {len(current.entities)} records against {len(before.entities)} in the "
            f"snapshot of {earlier.date} ({lost:.0%} fewer)"
        )
        if lost > REFUSED_LOSS:
            # Claims are never deleted: a cut or partial file read as whole would delist the rest for good.
            if not whole:
                raise ShrunkSnapshotError(
                    f"{shrunk}: refused, as every record it leaves out would be delisted. If the file "
                    "holds part of the list, import it with --partial; if it is the whole list, with --whole"
                )
            warnings.append(f"{shrunk}: imported as the whole list (--whole)")
        elif lost > WARNED_LOSS:
            warnings.append(
                f"{shrunk}: more than a list usually loses at once; every record it leaves out is now "
                "delisted. If the file may be cut short, check it against the publisher's"
            )
        grown = _years(earlier.date, current.date)
        if _cut(len(before.entities), len(current.entities), grown) and not whole:
            raise ShrunkSnapshotError(_neighbour_cut(name, current, before, earlier))
    if later is not None:
        later_source = store.reader().sources_by_id([later.id])[later.id]
        after = _view(around, later)
        if _unlike(current, after) and not whole:
            raise ShrunkSnapshotError(_another_list(name, current, after))
        if not whole and (
            _cut(len(after.entities), len(current.entities))
            or _cut(len(current.entities), len(after.entities), _years(current.date, later.date))
        ):
            if len(after.entities) < len(current.entities):
                raise ShrunkSnapshotError(_neighbour_cut(name, current, after, later))
            raise ShrunkSnapshotError(
                f"{name}: {len(current.entities)} records against {len(after.entities)} in the snapshot "
                f"of {later.date}: refused, as every record it leaves out would be delisted and listed "
                "again. If the file holds part of the list, import it with --partial; if it is the "
                "whole list, with --whole"
            )
        following = diff_claims(current, after, later_source, jurisdictions)
        days = [*held_days, current.date]
        changes += following
        changes += _lapses(store, meta, following, after, days, current.date, later_source, jurisdictions)
    return changes


def _across_partials(
    store: Store,
    meta: SourceMeta,
    current: SnapshotView,
    source: Source,
    is_partial: bool,
    jurisdictions: dict[str, str],
) -> list[Claim]:
    """Changes between partial snapshots of the source and the whole snapshots next to them.

    A partial snapshot is compared with the last whole one before it (what it shows that the
    whole list left out was listed in between: `presence_claims`) and the first whole one after
    it (what it shows that the whole list leaves out was removed in between: `absence_claims`).
    The same claims come out whichever of the two is imported first. The UN's 2016 excerpt shows
    QDi.199, which no whole snapshot from 2017 on does: without this it stayed listed for good.
    """
    with store.engine.connect() as conn:
        wholes = spans.calendar(conn, meta.id)
        partials = spans.partial_snapshots(conn, meta.id)
        before = max((w for w in wholes if w.date < current.date), key=lambda w: w.date, default=None)
        after = min((w for w in wholes if w.date > current.date), key=lambda w: w.date, default=None)
        if is_partial:
            around = spans.spans_covering(conn, meta.id, meta.id, [before, after])
            sources = store.reader().sources_by_id([after.id]) if after else {}
            claims = presence_claims(_view(around, before), current, source, jurisdictions) if before else []
            if after is not None:
                claims += absence_claims(current, _view(around, after), sources[after.id], jurisdictions)
            return claims
        claims = []
        for partial, series in partials:
            if before is not None and partial.date <= before.date:
                continue
            if after is not None and partial.date >= after.date:
                continue
            if partial.date == current.date:
                continue
            shown = _view(spans.spans_covering(conn, meta.id, series, [partial]), partial)
            if partial.date < current.date:
                claims += absence_claims(shown, current, source, jurisdictions)
            else:
                cited = store.reader().sources_by_id([partial.id])[partial.id]
                claims += presence_claims(current, shown, cited, jurisdictions)
        return claims


def _cut(smaller: int, larger: int, grown: float = 0.0) -> bool:
    """True when a snapshot of `smaller` records beside one of `larger` looks cut from the list.

    Over REFUSED_LOSS fewer, and by at least CUT_RECORDS: on a list of a handful of entries a
    quarter is one or two, the churn of any month. When the smaller snapshot is the earlier one,
    `grown` is the years between them: the list may have grown by GROWTH_PER_YEAR a year since.
    A later snapshot gets no such allowance: lists shrink a few percent at a time.
    """
    kept = (1 - REFUSED_LOSS) / (1 + GROWTH_PER_YEAR) ** grown
    return larger - smaller >= CUT_RECORDS and smaller < kept * larger


def _years(earlier: date, later: date) -> float:
    """Years from one snapshot date to a later one (0 when not later)."""
    return max(0, (later - earlier).days) / 365.25


# Consecutive snapshots of one list share most records (the UN files of 2020-03 and 2025-11, five
# years apart: 91% of the smaller); two lists, or two datasets of an aggregator, share few. On a
# list of a handful of entries, a month's churn is half of it: those are let be.
UNLIKE_SHARE = 0.5
UNLIKE_RECORDS = 5


def _unlike(current: SnapshotView, held: SnapshotView) -> bool:
    """True when two snapshots of a series share too few records to be states of one list."""
    smaller = min(len(current.entities), len(held.entities))
    shared = len(current.entities.keys() & held.entities.keys())
    return smaller >= UNLIKE_RECORDS and shared < UNLIKE_SHARE * smaller


def _another_list(name: Path, current: SnapshotView, held: SnapshotView) -> str:
    """Why a file is refused when it shares hardly any record with the held snapshot beside it."""
    shared = len(current.entities.keys() & held.entities.keys())
    return (
        f"{name}: {len(current.entities)} records, {shared} of them in the snapshot of {held.date} "
        f"({len(held.entities)} records): refused, as it looks like another list (another dataset or "
        "export), not a later state of this one, and every record of either would read as removed "
        "or added. Another list or dataset needs a source of its own (a file in data/sources/); "
        "if the file holds part of this list, import it with --partial; if it is this whole list, "
        "with --whole"
    )


def _neighbour_cut(name: Path, current: SnapshotView, held: SnapshotView, snapshot: Snapshot) -> str:
    """Why a file is refused when the held snapshot beside it holds far fewer records."""
    return (
        f"{name}: {len(current.entities)} records against {len(held.entities)} in the snapshot of "
        f"{snapshot.date} ({snapshot.id}): refused, as that snapshot looks like part of the list held "
        "as the whole, and this file would read the records it leaves out as removed and listed "
        "again. If it holds part of the list, take it back (`proscribe sources withdraw`, when it is "
        "the latest of its series) and import it again with --partial; if both are whole lists, "
        "import this file with --whole"
    )


def _lapses(
    store: Store,
    meta: SourceMeta,
    changes: Sequence[Claim],
    later: SnapshotView,
    days: Sequence[date],
    absent_on: date,
    later_source: Source,
    jurisdictions: dict[str, str],
) -> list[Claim]:
    """The removals implied by re-listings (`lapse_claims`) of entries unseen up to `absent_on`."""
    relistings = [claim for claim in changes if claim.action == "relist"]
    if not relistings:
        return []
    seen = _last_seen(store, meta.id, [claim.record_key for claim in relistings], absent_on)
    unseen = [claim for claim in relistings if claim.record_key not in seen]
    return lapse_claims(
        unseen, later.stated, [day for day in days if day <= absent_on], later_source, jurisdictions
    )


def _earlier_lapses(
    store: Store,
    meta: SourceMeta,
    series: str,
    held: Sequence[Snapshot],
    current: SnapshotView,
    jurisdictions: dict[str, str],
) -> list[Claim]:
    """The narrower removals a snapshot older than a held re-listing shows (`lapse_claims`).

    A re-listing dated by its file to day L, of an entry no snapshot before it showed, implies a
    removal within (L, the first snapshot after L]. Imported after the re-listing, an older
    snapshot that leaves the entry out and comes before that first snapshot narrows the window to
    (L, its day]: the claim the re-listing's import would have made, had it been held then. So the
    UN's 2025 re-listings of its Iran entries (dated 2006-2010) lapse within (L, 2017-06-20]
    whichever of the files is imported first.
    """
    later_ids = {snap.id: snap for snap in held if snap.date > current.date}
    table = schema.claims
    shown = current.memberships()
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(table).where(table.c.source_id.in_(sorted(later_ids)), table.c.action == "relist")
        )
        relistings = [
            claim
            for claim in map(claim_from_row, rows)
            if claim.date.earliest is not None
            and claim.date.earliest > current.date
            and (claim.record_key, claim.list_id or "") not in shown
        ]
    if not relistings:
        return []
    seen = _last_seen(store, meta.id, [claim.record_key for claim in relistings], current.date)
    unseen = [claim for claim in relistings if claim.record_key not in seen]
    days = sorted({*(snap.date for snap in held), current.date})
    sources = store.reader().sources_by_id({claim.source_id for claim in unseen})
    claims: list[Claim] = []
    for cited in sorted({claim.source_id for claim in unseen}):
        relisted = later_ids[cited]
        with store.engine.connect() as conn:
            view = _view(spans.spans_covering(conn, meta.id, series, [relisted]), relisted)
        mine = [claim for claim in unseen if claim.source_id == cited]
        found = lapse_claims(mine, view.stated, days, sources[cited], jurisdictions)
        # Only the removals this snapshot bounds: the others are held already.
        claims += [claim for claim in found if claim.date.latest == current.date]
    return claims


def _aliases_reference(
    held: Sequence[Snapshot], earlier: Snapshot | None, unstated: frozenset[str]
) -> Snapshot | None:
    """The snapshot to compare aliases with when the one before states none (None: no need, or none held).

    A full set, then a set without its alias file, then a full set again: the third states aliases,
    the second does not, so the third's aliases are compared with the first's.
    """
    if earlier is None or "aliases" not in earlier.unstated or "aliases" in unstated:
        return None
    stating = [snap for snap in held if snap.date < earlier.date and "aliases" not in snap.unstated]
    return stating[-1] if stating else None


def _view(around: Sequence[Span], snapshot: Snapshot) -> SnapshotView:
    shown = {s.record_key: (s.entity_id, s.fingerprint) for s in around if s.covers(snapshot.date)}
    names = {s.record_key: s.names for s in around if s.covers(snapshot.date)}
    return view_of_fingerprints(snapshot.id, snapshot.date, shown, names, snapshot.unstated)


def _last_seen(
    store: Store, source_name: str, keys: Sequence[str], day: date
) -> dict[str, tuple[date, str, tuple[str, ...]]]:
    """For each key: the last held snapshot date on or before `day` showing it, its entity and lists."""
    runs = schema.record_spans
    out: dict[str, tuple[date, str, tuple[str, ...]]] = {}
    with store.engine.connect() as conn:
        held = [snap.date for snap in spans.calendar(conn, source_name) if snap.date <= day]
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), 500):
            rows = conn.execute(
                select(runs).where(
                    runs.c.source_name == source_name,
                    runs.c.record_key.in_(wanted[start : start + 500]),
                    runs.c.first_date <= day,
                )
            )
            for row in rows:
                seen = [d for d in held if row.first_date <= d <= row.last_date]
                if seen and (row.record_key not in out or seen[-1] > out[row.record_key][0]):
                    out[row.record_key] = (seen[-1], row.entity_id, decode_fingerprint(row.fingerprint)[1])
    return out


def _require_delta_order(store: Store, meta: SourceMeta, path: Path) -> None:
    """Refuse a delta file older than one already held: deltas are change sets, applied in order.

    Out of order, a removal is lost: a later delta's `DEL` of a record this one adds was read as
    the removal of a record never seen (a warning, no claim), and this one would list it for good.
    """
    version = delta_version(path.name)
    snaps = schema.snapshots
    with store.engine.connect() as conn:
        names = conn.execute(select(snaps.c.filename).where(snaps.c.source_name == meta.id)).scalars()
        held = sorted(v for v in (delta_version(name or "") for name in names) if v is not None)
    if version is not None and held and held[-1] > version:
        raise InputError(
            f"{path}: delta version {version} is older than version {held[-1]}, already held: delta "
            "files are change sets applied in order (a later removal of a record this one adds would "
            "be lost); import them oldest first, into a database that holds none newer"
        )


def _coverage(parsed: ParsedList, marked_partial: bool) -> tuple[str | None, bool]:
    """What part of the list the snapshot holds (None: all of it), and whether it is partial."""
    if not marked_partial or parsed.partial:
        return parsed.scope, parsed.partial
    if parsed.scope:
        return f"{parsed.scope}; part of it (marked partial at import)", True
    return "part of the list (marked partial at import)", True


# The longest series the store keeps (proscribe.store.schema: snapshots.series).
SERIES_MAX = 200


def snapshot_series(source_name: str, snapshot_id: str, scope: str | None, partial: bool) -> str:
    """The series a snapshot is compared within: the source for the whole list, else `source~scope`.

    A partial file (absence in it proves nothing) is a series of its own: no snapshot's absences
    are read against it, only its records against the whole list (`_across_partials`).
    """
    if partial:
        return f"{source_name}~{snapshot_id}"
    series = f"{source_name}~{scope}" if scope else source_name
    if len(series) <= SERIES_MAX:
        return series
    # A scope a file states at length (OFAC's enhanced XML names every list it holds): its start
    # and a digest of the whole, one series per scope within the width the store keeps.
    digest = hashlib.sha256(series.encode()).hexdigest()[:12]
    return f"{series[: SERIES_MAX - len(digest) - 1]}~{digest}"


def _jurisdictions(meta: SourceMeta, records: Sequence[ListRecord]) -> dict[str, str]:
    """Jurisdiction of every known list; DataError when the metadata maps to a list nobody defined."""
    known = {item.id: item.jurisdiction for item in vocab.lists().values()}
    for record in records:
        for list_id in record.list_ids:
            if list_id not in known:
                raise DataError(
                    f"data/sources/{meta.id}.yaml: list {list_id!r} (record {record.key}) is not defined"
                )
    return known


def _source(
    meta: SourceMeta, day: date, sha: str, retrieval: Retrieval | None, withdrawn: set[str]
) -> Source:
    uri = retrieval.url if retrieval else meta.url
    ident, again = source_id("official_list", uri, sha), 0
    while ident in withdrawn:
        # The same bytes, imported again after a withdrawal: a snapshot of its own, with claims of
        # its own (the withdrawn one's stay set aside under the old id).
        again += 1
        ident = source_id("official_list", uri, f"{sha}\x1fimported again after withdrawal {again}")
    return Source(
        id=ident,
        kind="curated" if meta.source_kind == "curated" else "official_list",
        uri=uri,
        title=f"{meta.title} ({day.isoformat()})",
        publisher=meta.publisher,
        published_on=day,
        retrieved_at=retrieval.retrieved_at if retrieval else None,
        sha256=sha,
    )


def _snapshot_with(store: Store, sha: str) -> tuple[str, date, str] | None:
    """The id, date and source name of the held snapshot with this content hash, if any."""
    snaps = schema.snapshots
    with store.engine.connect() as conn:
        query = select(snaps.c.id, snaps.c.snapshot_date, snaps.c.source_name).where(snaps.c.sha256 == sha)
        row = conn.execute(query).first()
    return (row.id, row.snapshot_date, row.source_name) if row else None
