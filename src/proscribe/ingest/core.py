"""Write one ClaimBatch atomically and rebuild the derived timelines it touches, in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field

from sqlalchemy import Connection

from proscribe import clock, vocab
from proscribe.errors import DataError
from proscribe.ingest import dataset_entities, naming
from proscribe.model import Claim, ClaimBatch
from proscribe.resolve.timeline import RULES_VERSION
from proscribe.sources.variants import rules as variant_rules
from proscribe.store import Store, spans, withdrawals, writer

_SUPERSEDED = (
    "the bundled dataset no longer makes this claim: its fact was corrected, or is read differently now"
)


@dataclass
class IngestReport:
    """What one ingest did: counts of new and already-known items, warnings and unmapped values."""

    new_claims: int = 0
    existing_claims: int = 0
    new_entities: int = 0
    new_sources: int = 0
    timelines_rebuilt: int = 0
    # Timelines re-derived because the resolver's rules or the authority vocabulary changed (init).
    rederived: int = 0
    # Names added to stored entities because the name variant rules changed (init).
    variants_added: int = 0
    # Identity judgements shipped with the dataset and recorded by this run (init).
    judgements_added: int = 0
    # Stored claims of the dataset it no longer makes, set aside by this run, and ones it makes
    # again, counted again (init).
    claims_superseded: int = 0
    claims_restored: int = 0
    # Bundled entities brought to the current dataset (renamed, or kind, country, description or
    # note changed), and the names and identifiers only an older dataset gave them, retracted (init).
    entities_refreshed: int = 0
    names_retracted: int = 0
    identifiers_retracted: int = 0
    # Held articles read again with another publication date, which they now carry (news).
    sources_redated: int = 0
    warnings: list[str] = field(default_factory=list)
    unmapped: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when the database changed."""
        return bool(
            self.new_claims
            or self.new_entities
            or self.new_sources
            or self.claims_superseded
            or self.claims_restored
            or self.entities_refreshed
            or self.names_retracted
            or self.identifiers_retracted
            or self.sources_redated
        )

    def as_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "new_claims": self.new_claims,
            "existing_claims": self.existing_claims,
            "new_entities": self.new_entities,
            "new_sources": self.new_sources,
            "timelines_rebuilt": self.timelines_rebuilt,
            "rederived": self.rederived,
            "variants_added": self.variants_added,
            "judgements_added": self.judgements_added,
            "claims_superseded": self.claims_superseded,
            "claims_restored": self.claims_restored,
            "entities_refreshed": self.entities_refreshed,
            "names_retracted": self.names_retracted,
            "identifiers_retracted": self.identifiers_retracted,
            "sources_redated": self.sources_redated,
            "warnings": list(self.warnings),
            "unmapped": dict(self.unmapped),
        }


def _check_references(batch: ClaimBatch, conn: Connection) -> None:
    """Every claim must point at an entity and a source that exist (in the batch or the store)."""
    from sqlalchemy import select

    from proscribe.store import schema

    entity_ids = {e.id for e in batch.entities}
    source_ids = {s.id for s in batch.sources}
    missing_entities = {c.entity_id for c in batch.claims} - entity_ids
    if missing_entities:
        stored = {
            r[0]
            for r in conn.execute(
                select(schema.entities.c.id).where(schema.entities.c.id.in_(missing_entities))
            )
        }
        if missing_entities - stored:
            raise DataError(f"claims refer to unknown entities: {sorted(missing_entities - stored)[:5]}")
    missing_sources = {c.source_id for c in batch.claims} - source_ids
    if missing_sources:
        stored = {
            r[0]
            for r in conn.execute(select(schema.sources.c.id).where(schema.sources.c.id.in_(missing_sources)))
        }
        if missing_sources - stored:
            raise DataError(f"claims refer to unknown sources: {sorted(missing_sources - stored)[:5]}")


class _DryRun(Exception):
    """Raised inside a dry run's transaction once its report is complete, so that it rolls back."""


def ingest_batch(
    store: Store,
    batch: ClaimBatch,
    extra: Callable[[Connection], Iterable[tuple[str, str]]] | None = None,
    dry_run: bool = False,
) -> IngestReport:
    """Write the batch in one transaction (append-only, idempotent) and rebuild affected timelines.

    `extra` runs inside the same transaction, after the claims and before the rebuild (e.g. to
    record snapshot rows and runs); it returns further (entity, list) timelines to re-derive. If
    anything fails, nothing of the batch is written. A `dry_run` does all of it, reports what it
    did, and rolls the transaction back: the report of an import that stores nothing.
    """
    store.require_initialised()
    report = IngestReport(warnings=list(batch.warnings), unmapped=dict(batch.unmapped))
    # A dry run's transaction ends in _DryRun, which rolls it back once the report is complete.
    with suppress(_DryRun):
        _write_batch(store, batch, extra, report, dry_run)
    return report


def _write_batch(
    store: Store,
    batch: ClaimBatch,
    extra: Callable[[Connection], Iterable[tuple[str, str]]] | None,
    report: IngestReport,
    dry_run: bool,
) -> None:
    with store.begin() as conn:
        writer.sync_lists(conn)
        _check_references(batch, conn)
        report.new_sources = writer.add_sources(conn, batch.sources)
        created = writer.add_entities(conn, batch.entities)
        report.new_entities = len(created)
        new = writer.add_claims(conn, batch.claims, new_entities=created)
        report.new_claims = len(new)
        report.existing_claims = len({c.id for c in batch.claims}) - len(new)
        keys = {(c.entity_id, c.list_id) for c in new if c.list_id}
        if extra is not None:
            keys.update(extra(conn))
        fresh: dict[str, list[Claim]] = {entity_id: [] for entity_id in created}
        for claim in new:
            if claim.entity_id in fresh:
                fresh[claim.entity_id].append(claim)
        report.timelines_rebuilt = writer.rebuild_timelines(conn, keys, fresh)
        if dry_run:
            raise _DryRun


def init_registry(store: Store) -> IngestReport:
    """Create/upgrade the schema and load the bundled dataset (a second run adds nothing).

    Stored timelines are re-derived first when the resolver's rules or the authority vocabulary
    changed since they were stored, and stored names gain the variants new name variant rules
    find. The dataset's identity judgements not yet on record are recorded in the same
    transaction as its claims.
    """
    from proscribe.ingest.judgements import apply_dataset_judgements
    from proscribe.sources.bundled import (
        BUNDLED_RECORD_KEY,
        load_batch,
        load_entities,
        load_judgements,
        numbers_kept_apart,
    )

    judged: list[tuple[int, list[str]]] = []
    superseded: list[tuple[int, int]] = []
    refreshed: list[dataset_entities.Refreshed] = []
    batch = load_batch()

    def judge(conn: Connection) -> list[tuple[str, str]]:
        judged.append(apply_dataset_judgements(conn, load_judgements()))
        # A distinct judgement changes no timeline; a claim the dataset no longer makes does.
        keys, aside, restored = withdrawals.supersede_dataset_claims(
            conn, BUNDLED_RECORD_KEY, {c.id for c in batch.claims}, _SUPERSEDED, clock.now()
        )
        if aside or restored:
            writer.note_change(conn, f"dataset-claims\x1f{aside}\x1f{restored}\x1f{clock.now().isoformat()}")
        superseded.append((aside, restored))
        refreshed.append(dataset_entities.refresh(conn, load_entities()))
        return keys

    with store.writing():  # two `init`s at once would both migrate and re-derive
        store.init()
        with store.begin() as conn:
            if writer.stored_rules_version(conn) != RULES_VERSION:
                # A store from before entities minted for records took their newest record's names.
                naming.settle_names(conn, spans.entities_with_runs(conn))
            rederived = writer.rederive_on_new_rules(conn, RULES_VERSION, vocab.authorities_digest())
            variants_added = writer.add_variants_on_new_rules(conn, variant_rules().version)
            clashes = writer.identifiers_held_elsewhere(
                conn, {entity.id: entity.identifiers for entity in load_entities()}
            )
            apart = numbers_kept_apart()
            held = writer.holders_of(conn, apart)
            misjoined = sorted(
                ((entity_id, ident) for ident, ids in held.items() for entity_id in ids & apart[ident]),
                key=lambda pair: (pair[0], pair[1].key()),
            )
        report = ingest_batch(store, batch, extra=judge)
    report.rederived = rederived
    report.claims_superseded, report.claims_restored = superseded[0]
    report.variants_added = variants_added
    report.entities_refreshed = refreshed[0].entities
    report.names_retracted = refreshed[0].names
    report.identifiers_retracted = refreshed[0].identifiers
    report.judgements_added, warnings = judged[0]
    report.warnings.extend(warnings)
    report.warnings.extend(
        f"the dataset gives {entity_id} the list number {identifier.key()}, which {other} holds in this "
        f"store (a record linked there before the dataset knew the number): if they are one, "
        f"`proscribe identity merge {other} {entity_id}`; if a record of another list was linked to "
        f"{other} wrongly, `proscribe identity split` it"
        for entity_id, identifier, other in clashes
    )
    report.warnings.extend(
        f"{entity_id} holds the list number {identifier.key()} in this store, which the dataset keeps "
        f"apart from it (a record linked there by name before): `proscribe identity split` that record"
        for entity_id, identifier in misjoined
    )
    return report
