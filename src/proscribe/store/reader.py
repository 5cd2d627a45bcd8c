"""Read side: entities and names, claims and sources, derived timelines and events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select

from proscribe.errors import AmbiguousError, NotFoundError
from proscribe.model import Claim, DesignationList, Entity, Identifier, Name, Source, Timeline, name_key
from proscribe.store import schema
from proscribe.store.codec import claim_from_row, source_from_row, timeline_from_json
from proscribe.store.spans import seen_by_claim

if TYPE_CHECKING:
    from proscribe.store.engine import Store

_CHUNK = 500


class Reader:
    """Queries over one store; every method opens its own short connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- entities -------------------------------------------------------------------------------
    def _entities_where(self, condition: Any | None = None) -> list[Entity]:
        with self.store.engine.connect() as conn:
            query = select(schema.entities)
            if condition is not None:
                query = query.where(condition)
            rows = list(conn.execute(query.order_by(schema.entities.c.id)))
            ids = [row.id for row in rows]
            names: dict[str, list[Name]] = {}
            idents: dict[str, list[Identifier]] = {}
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                for n in conn.execute(select(schema.names).where(schema.names.c.entity_id.in_(chunk))):
                    names.setdefault(n.entity_id, []).append(Name(n.value, n.kind, n.script, n.lang))
                for i in conn.execute(
                    select(schema.identifiers).where(schema.identifiers.c.entity_id.in_(chunk))
                ):
                    idents.setdefault(i.entity_id, []).append(Identifier(i.scheme, i.value))
        return [
            Entity(
                id=row.id,
                name=row.name,
                kind=row.kind,
                names=tuple(n for n in names.get(row.id, []) if n.value != row.name),
                identifiers=tuple(idents.get(row.id, [])),
                country=row.country,
                description=row.description,
                note=row.note,
            )
            for row in rows
        ]

    def entities(self) -> list[Entity]:
        """Every entity with its names and identifiers."""
        return self._entities_where()

    def entities_matching(self, identifiers: Iterable[Identifier], name_keys: Iterable[str]) -> list[Entity]:
        """Entities holding one of the identifiers or a name with one of the keys (see name_key)."""
        wanted_idents = {(i.scheme, i.value) for i in identifiers}
        values = sorted({value for _scheme, value in wanted_idents})
        keys = sorted(set(name_keys))
        ids: set[str] = set()
        with self.store.engine.connect() as conn:
            for start in range(0, len(values), _CHUNK):
                query = select(schema.identifiers).where(
                    schema.identifiers.c.value.in_(values[start : start + _CHUNK])
                )
                ids.update(r.entity_id for r in conn.execute(query) if (r.scheme, r.value) in wanted_idents)
            for start in range(0, len(keys), _CHUNK):
                query = select(schema.names.c.entity_id).where(
                    schema.names.c.key.in_(keys[start : start + _CHUNK])
                )
                ids.update(r.entity_id for r in conn.execute(query))
        found = sorted(ids)
        out: list[Entity] = []
        for start in range(0, len(found), _CHUNK):
            out.extend(self._entities_where(schema.entities.c.id.in_(found[start : start + _CHUNK])))
        return out

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id, or NotFoundError."""
        found = self._entities_where(schema.entities.c.id == entity_id)
        if not found:
            raise NotFoundError(f"unknown entity {entity_id!r}")
        return found[0]

    def entity_names(self, ids: Sequence[str] = ()) -> dict[str, str]:
        """Canonical names by entity id (all entities, or those listed), in one query per 500 ids."""
        e = schema.entities
        with self.store.engine.connect() as conn:
            if not ids:
                return {row.id: row.name for row in conn.execute(select(e.c.id, e.c.name))}
            wanted = sorted(set(ids))
            out: dict[str, str] = {}
            for start in range(0, len(wanted), _CHUNK):
                query = select(e.c.id, e.c.name).where(e.c.id.in_(wanted[start : start + _CHUNK]))
                out.update((row.id, row.name) for row in conn.execute(query))
            return out

    def resolve_entity(self, text: str) -> Entity:
        """The entity an id, name or alias refers to, with all its names (see `resolve_ref`)."""
        return self.entity(self.resolve_ref(text)[0])

    def resolve_ref(self, text: str) -> tuple[str, str]:
        """(id, canonical name) of the entity an id, name or alias refers to, in one or two queries.

        Any script, case- and accent-insensitive. Precedence: exact id, then canonical name, then
        any other name. Several entities at the same level raise AmbiguousError listing them; none
        raises NotFoundError with suggestions.
        """
        query = text.strip()
        if not query:
            raise NotFoundError("empty entity name")
        e = schema.entities
        with self.store.engine.connect() as conn:
            row = conn.execute(select(e.c.id, e.c.name).where(e.c.id == query)).first()
            if row is not None:
                return row.id, row.name
            rows = list(
                conn.execute(
                    select(schema.names.c.entity_id, schema.names.c.kind, e.c.name)
                    .join(e, e.c.id == schema.names.c.entity_id)
                    .where(schema.names.c.key == name_key(query))
                    .distinct()
                )
            )
        names = {r.entity_id: r.name for r in rows}
        primary = sorted({r.entity_id for r in rows if r.kind == "primary"})
        for level in (primary, sorted(names)):
            if len(level) == 1:
                return level[0], names[level[0]]
            if len(level) > 1:
                listing = ", ".join(f"{i} ({names[i]})" for i in level)
                raise AmbiguousError(f"{query!r} names several entities: {listing}", level)
        hints = [r["entity_id"] for r in self.search_names(query, limit=5)]
        hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
        raise NotFoundError(f"unknown entity {query!r}{hint}")

    def search_names(self, text: str, limit: int = 20) -> list[dict[str, str]]:
        """Entities whose names contain the text (normalised), exact and prefix matches first."""
        key = name_key(text)
        if not key:
            return []
        pattern = f"%{key}%"
        with self.store.engine.connect() as conn:
            rows = list(
                conn.execute(
                    select(
                        schema.names.c.entity_id,
                        schema.names.c.value,
                        schema.names.c.key,
                        schema.entities.c.name,
                    )
                    .join(schema.entities, schema.entities.c.id == schema.names.c.entity_id)
                    .where(or_(schema.names.c.key.like(pattern), schema.entities.c.id == text.strip()))
                    .limit(limit * 20)
                )
            )
        ranked = sorted(
            rows, key=lambda r: (r.key != key, not r.key.startswith(key), len(r.key), r.entity_id)
        )
        out: list[dict[str, str]] = []
        seen: set[str] = set()
        for row in ranked:
            if row.entity_id in seen:
                continue
            seen.add(row.entity_id)
            out.append({"entity_id": row.entity_id, "name": row.name, "matched_name": row.value})
            if len(out) >= limit:
                break
        return out

    # -- claims and sources ---------------------------------------------------------------------
    def claims(self, entity_id: str | None = None, list_id: str | None = None) -> list[Claim]:
        """Stored claims, optionally for one entity and/or list."""
        query = select(schema.claims)
        if entity_id is not None:
            query = query.where(schema.claims.c.entity_id == entity_id)
        if list_id is not None:
            query = query.where(schema.claims.c.list_id == list_id)
        with self.store.engine.connect() as conn:
            return [claim_from_row(row) for row in conn.execute(query.order_by(schema.claims.c.id))]

    def sightings(self, claims: Sequence[Claim]) -> dict[str, tuple[date, ...]]:
        """For state claims starting a run of list snapshots: the dates of every snapshot of the run."""
        with self.store.engine.connect() as conn:
            return seen_by_claim(conn, claims)

    def claims_by_id(self, ids: Iterable[str]) -> dict[str, Claim]:
        """Claims by id."""
        wanted = sorted(set(ids))
        out: dict[str, Claim] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = select(schema.claims).where(schema.claims.c.id.in_(wanted[start : start + _CHUNK]))
                out.update((row.id, claim_from_row(row)) for row in conn.execute(query))
        return out

    def sources_of_claims(self, claim_ids: Iterable[str]) -> dict[str, tuple[int, Source]]:
        """For each claim id: the claim's tier and its source (one query per 500 ids)."""
        wanted = sorted(set(claim_ids))
        out: dict[str, tuple[int, Source]] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = (
                    select(
                        schema.claims.c.id.label("claim_id"),
                        schema.claims.c.tier.label("claim_tier"),
                        schema.sources,
                    )
                    .join(schema.sources, schema.sources.c.id == schema.claims.c.source_id)
                    .where(schema.claims.c.id.in_(wanted[start : start + _CHUNK]))
                )
                for row in conn.execute(query):
                    out[row.claim_id] = (row.claim_tier, source_from_row(row))
        return out

    def sources_by_id(self, ids: Iterable[str]) -> dict[str, Source]:
        """Sources by id."""
        wanted = sorted(set(ids))
        out: dict[str, Source] = {}
        with self.store.engine.connect() as conn:
            for start in range(0, len(wanted), _CHUNK):
                query = select(schema.sources).where(schema.sources.c.id.in_(wanted[start : start + _CHUNK]))
                out.update((row.id, source_from_row(row)) for row in conn.execute(query))
        return out

    def count_claims(self) -> int:
        """How many claims are stored."""
        with self.store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.claims)).scalar_one())

    def content_hash(self) -> str:
        """Digest of the stored claims (count and XOR of id hashes): changes whenever data changes."""
        with self.store.engine.connect() as conn:
            row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "content_hash")).first()
        return row[0] if row else "0-" + "0" * 32

    # -- lists and timelines --------------------------------------------------------------------
    def lists(self) -> dict[str, DesignationList]:
        """Lists known to the database."""
        with self.store.engine.connect() as conn:
            rows = list(conn.execute(select(schema.lists)))
        return {r.id: DesignationList(r.id, r.jurisdiction, r.name, r.kind, r.publisher, r.url) for r in rows}

    def timelines(
        self, entity_ids: Sequence[str] = (), jurisdictions: Sequence[str] = (), lists: Sequence[str] = ()
    ) -> list[Timeline]:
        """Stored (derived, as of now) timelines, filtered by entity, jurisdiction and list."""
        query = select(schema.timelines.c.data)
        if entity_ids:
            query = query.where(schema.timelines.c.entity_id.in_(list(entity_ids)))
        if jurisdictions:
            query = query.where(schema.timelines.c.jurisdiction.in_(list(jurisdictions)))
        if lists:
            query = query.where(schema.timelines.c.list_id.in_(list(lists)))
        query = query.order_by(
            schema.timelines.c.jurisdiction, schema.timelines.c.list_id, schema.timelines.c.entity_id
        )
        with self.store.engine.connect() as conn:
            return [timeline_from_json(row[0]) for row in conn.execute(query)]

    def events(
        self,
        since: date,
        until: date | None,
        jurisdictions: Sequence[str] = (),
        lists: Sequence[str] = (),
        entity_ids: Sequence[str] = (),
        after: tuple[date, str] | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Derived events that may fall in [since, until], ordered by (latest date, id), keyset-paged."""
        e = schema.events
        query = (
            select(e, schema.entities.c.name)
            .join(schema.entities, schema.entities.c.id == e.c.entity_id)
            .where(e.c.date_latest >= since)
        )
        if until is not None:
            query = query.where(or_(e.c.date_earliest.is_(None), e.c.date_earliest <= until))
        if jurisdictions:
            query = query.where(e.c.jurisdiction.in_(list(jurisdictions)))
        if lists:
            query = query.where(e.c.list_id.in_(list(lists)))
        if entity_ids:
            query = query.where(e.c.entity_id.in_(list(entity_ids)))
        if after is not None:
            query = query.where(
                or_(e.c.date_latest > after[0], and_(e.c.date_latest == after[0], e.c.id > after[1]))
            )
        query = query.order_by(e.c.date_latest, e.c.id).limit(limit)
        with self.store.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]
