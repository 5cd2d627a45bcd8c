"""Ingest official list snapshots: file(s) -> adapter -> identity -> snapshot diff -> one transaction.

`ingest_list` is the one entry point. For one snapshot (a file, or an OFAC CSV set) it:
1. parses the input with the source's adapter (pure; format drift or hostile input raises before
   anything is written);
2. links records to entities (earlier snapshots of the same source, identifiers, names; see
   proscribe.resolve.identity) and mints entities for the rest;
3. builds state claims, dated `list` events, and list / delist / amend claims against the nearest
   earlier and later snapshots already held (proscribe.resolve.snapshots);
4. writes sources, entities, claims, the `snapshots` row and its `snapshot_records` in ONE
   transaction through `ingest_batch`. Any failure leaves the database as it was.
Re-ingesting the same bytes produces the same claim ids, so it adds nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, insert, select

from proscribe import vocab
from proscribe.errors import DataError, FormatError, InputError
from proscribe.ingest.core import ingest_batch
from proscribe.model import Claim, ClaimBatch, Source, source_id
from proscribe.resolve.identity import EntityIndex, link_records
from proscribe.resolve.snapshots import (
    SnapshotView,
    decode_fingerprint,
    diff_claims,
    encode_fingerprint,
    neighbours,
    record_claims,
    removal_claims,
    view_of,
)
from proscribe.sources.common import InputFile
from proscribe.sources.meta import SourceMeta, source_meta
from proscribe.sources.records import ListRecord
from proscribe.sources.registry import parse_files, read_inputs
from proscribe.store import Store, schema


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
    changes: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    ambiguous: list[str] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "source": self.source,
            "files": list(self.files),
            "snapshot_date": self.snapshot_date.isoformat(),
            "records": self.records,
            "already_held": self.already_held,
            "new_claims": self.new_claims,
            "existing_claims": self.existing_claims,
            "new_entities": self.new_entities,
            "changes": dict(sorted(self.changes.items())),
            "links": dict(sorted(self.links.items())),
            "ambiguous": list(self.ambiguous),
            "unmapped": dict(sorted(self.unmapped.items())),
            "warnings": list(self.warnings),
        }


def snapshot_groups(source_name: str, paths: Sequence[Path]) -> list[list[Path]]:
    """How input files form snapshots: all together for a file-set source (OFAC CSV), else one each."""
    if len(source_meta(source_name).urls) > 1:
        return [list(paths)]
    return [[path] for path in paths]


def content_sha256(files: Sequence[InputFile]) -> str:
    """sha256 of one file, or of the sorted `basename:sha256` lines of a file set."""
    if len(files) == 1:
        return hashlib.sha256(files[0].data).hexdigest()
    lines = sorted(f"{Path(f.name).name}:{hashlib.sha256(f.data).hexdigest()}" for f in files)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def ingest_list(
    store: Store,
    source_name: str,
    paths: Sequence[Path],
    snapshot_date: date | None = None,
    retrieval: Retrieval | None = None,
) -> ListImportReport:
    """Import one snapshot of `source_name` from `paths`; see the module docstring."""
    if not paths:
        raise InputError("no input files given")
    meta = source_meta(source_name)
    files = read_inputs(paths)
    parsed = parse_files(source_name, files)
    if not parsed.records and meta.mode == "full":
        raise FormatError(f"{paths[0]}: no records: a snapshot of {source_name} cannot be empty")
    day = parsed.snapshot_date or snapshot_date
    if day is None:
        raise InputError(f"{paths[0]}: the file states no date; pass --date YYYY-MM-DD")
    warnings = list(parsed.warnings)
    if snapshot_date and parsed.snapshot_date and snapshot_date != parsed.snapshot_date:
        warnings.append(f"--date {snapshot_date} ignored: {paths[0]} states {parsed.snapshot_date}")
    sha = content_sha256(files)
    store.require_initialised()
    held_as = _snapshot_with(store, sha)
    if held_as is not None and held_as[2] != meta.id:
        raise InputError(f"{paths[0]}: these bytes are already held as a snapshot of {held_as[2]}")
    if held_as is None:
        source = _source(meta, day, sha, retrieval)
    else:
        # The same bytes are the same snapshot, whatever date or URL they arrive with now.
        source = store.reader().sources_by_id([held_as[0]])[held_as[0]]
        if held_as[1] != day:
            warnings.append(f"{paths[0]}: already held as the snapshot of {held_as[1]}; that date is kept")
        day = held_as[1]
    held, previous = _held_snapshots(store, meta.id, exclude=source.id)
    # Loading every entity is only needed when some record key is new to this source.
    fresh = any(record.key not in previous for record in parsed.records)
    index = EntityIndex(store.reader().entities() if fresh else ())
    identity = link_records(parsed.records, index, previous, meta.entity_prefix)
    links = {key: link.entity_id for key, link in identity.links.items()}
    current = view_of(source, day, parsed.records, links)
    jurisdictions = _jurisdictions(meta, parsed.records)
    claims = record_claims(source, jurisdictions, day, parsed.records, links)
    changes = _change_claims(
        store, meta, held, current, source, jurisdictions, parsed.removed, warnings, paths[0]
    )
    batch = ClaimBatch(
        sources=(source,),
        entities=identity.new_entities,
        claims=tuple(claims + changes),
        warnings=tuple(warnings) + identity.ambiguous,
        unmapped=dict(parsed.unmapped),
    )
    already = held_as is not None
    names = ", ".join(Path(p).name for p in paths)

    def write_snapshot(conn: Connection) -> None:
        if already:
            return
        conn.execute(
            insert(schema.snapshots).values(
                id=source.id,
                source_name=meta.id,
                list_id=meta.list,
                snapshot_date=day,
                sha256=sha,
                filename=names,
                url=retrieval.url if retrieval else meta.url,
                retrieved_at=retrieval.retrieved_at if retrieval else None,
                etag=retrieval.etag if retrieval else None,
                last_modified=retrieval.last_modified if retrieval else None,
                record_count=len(parsed.records),
            )
        )
        rows = [
            {
                "snapshot_id": source.id,
                "record_key": key,
                "entity_id": links[key],
                "fingerprint": encode_fingerprint(current, key),
            }
            for key in current.entities
        ]
        if rows:
            conn.execute(insert(schema.snapshot_records), rows)

    result = ingest_batch(store, batch, extra=write_snapshot)
    return ListImportReport(
        source=meta.id,
        files=[str(p) for p in paths],
        snapshot_date=day,
        records=len(parsed.records),
        already_held=already,
        new_claims=result.new_claims,
        existing_claims=result.existing_claims,
        new_entities=result.new_entities,
        changes=dict(Counter(claim.action or "" for claim in changes)),
        links=dict(Counter(link.how for link in identity.links.values())),
        ambiguous=list(identity.ambiguous),
        unmapped=dict(result.unmapped),
        warnings=list(result.warnings),
    )


def _change_claims(
    store: Store,
    meta: SourceMeta,
    held: list[SnapshotView],
    current: SnapshotView,
    source: Source,
    jurisdictions: dict[str, str],
    removed: tuple[str, ...],
    warnings: list[str],
    name: Path,
) -> list[Claim]:
    """Delists of a delta file, or list/delist/amend claims against the nearest held snapshots."""
    if meta.mode == "delta":
        claims, removal_warnings = removal_claims(removed, held, source, current.date, jurisdictions)
        warnings += removal_warnings
        return claims
    changes: list[Claim] = []
    earlier, later = neighbours(held, current.date)
    if earlier is not None:
        changes += diff_claims(earlier, current, source, jurisdictions)
        if len(current.entities) * 2 < len(earlier.entities):
            warnings.append(
                f"{name}: {len(current.entities)} records against {len(earlier.entities)} in the "
                f"snapshot of {earlier.date}: check that the file is complete"
            )
    if later is not None:
        later_source = store.reader().sources_by_id([later.source_id])[later.source_id]
        changes += diff_claims(current, later, later_source, jurisdictions)
    return changes


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


def _source(meta: SourceMeta, day: date, sha: str, retrieval: Retrieval | None) -> Source:
    uri = retrieval.url if retrieval else meta.url
    return Source(
        id=source_id("official_list", uri, sha),
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


def _held_snapshots(
    store: Store, source_name: str, exclude: str
) -> tuple[list[SnapshotView], dict[str, str]]:
    """Views of every held snapshot of the source (except `exclude`) and the latest entity per key."""
    snaps = schema.snapshots
    recs = schema.snapshot_records
    views: dict[str, SnapshotView] = {}
    latest: dict[str, str] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(snaps.c.id, snaps.c.snapshot_date)
            .where(snaps.c.source_name == source_name, snaps.c.id != exclude)
            .order_by(snaps.c.snapshot_date, snaps.c.id)
        ).all()
        for row in rows:
            views[row.id] = SnapshotView(row.id, row.snapshot_date, {}, {}, {}, frozenset())
        if not views:
            return [], latest
        records = conn.execute(
            select(recs.c.snapshot_id, recs.c.record_key, recs.c.entity_id, recs.c.fingerprint).where(
                recs.c.snapshot_id.in_(list(views))
            )
        ).all()
    dated: dict[str, set[str]] = {snapshot: set() for snapshot in views}
    for record in records:
        view = views[record.snapshot_id]
        digest, lists, was_dated = decode_fingerprint(record.fingerprint or "")
        view.entities[record.record_key] = record.entity_id
        view.lists[record.record_key] = lists
        view.fingerprints[record.record_key] = digest
        if was_dated:
            dated[record.snapshot_id].add(record.record_key)
    out = []
    for snapshot_id, view in views.items():
        out.append(
            SnapshotView(
                view.source_id,
                view.date,
                view.entities,
                view.lists,
                view.fingerprints,
                frozenset(dated[snapshot_id]),
            )
        )
    for view in sorted(out, key=lambda v: (v.date, v.source_id)):
        latest.update(view.entities)
    return out, latest
