"""The bundled registry dataset (curated, sourced facts shipped with proscribe) as entities and claims.

Files: data/registry/entities.yaml and data/registry/claims.jsonl, built from the curated facts by
scripts/build_dataset.py. Every claim keeps its source URL and title; `state` rows are "listed at
least since" assertions. data/registry/judgements.yaml, curated by hand, holds the identity decisions
the dataset ships (bundled entities that share a name yet are not one); data/registry/list_numbers.yaml,
also curated by hand, the numbers official lists give bundled entities (UN `QDe.137`, OFAC 16937 for
`hts`), which become their identifiers. Loading validates everything and names the file, line and
field on error.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from proscribe import vocab
from proscribe.errors import DataError, InputError
from proscribe.model import (
    ACTIONS,
    PROPOSALS,
    STATES,
    Claim,
    ClaimBatch,
    Entity,
    Identifier,
    Name,
    PartialDate,
    Source,
    SourceKind,
    source_id,
)
from proscribe.sources.meta import all_sources

SOURCE_KIND: SourceKind = "curated"
# The record key of every dataset claim: what `init` knows the dataset's own claims by.
BUNDLED_RECORD_KEY = "bundled"
_NAME_KINDS = ("primary", "alias", "weak_alias", "former", "translation")


def registry_dir() -> Path:
    """Folder of the bundled registry files."""
    return vocab.data_dir() / "registry"


@functools.cache
def load_entities() -> tuple[Entity, ...]:
    """The registry's organisations with their names in every script and their identifiers."""
    path = registry_dir() / "entities.yaml"
    out: list[Entity] = []
    seen: set[str] = set()
    for index, entry in enumerate(vocab.load_yaml(path, "entities")):
        where = f"{path}: entities[{index}]"
        entity_id = entry.get("id")
        if not isinstance(entity_id, str) or not entity_id:
            raise DataError(f"{where}: missing `id`")
        if entity_id in seen:
            raise DataError(f"{where}: duplicate id {entity_id!r}")
        seen.add(entity_id)
        names = []
        for raw in entry.get("names") or []:
            kind = raw.get("kind", "alias")
            if kind not in _NAME_KINDS:
                raise DataError(f"{where} ({entity_id}): name kind {kind!r} not in {_NAME_KINDS}")
            try:
                names.append(Name(str(raw["value"]), kind))
            except (KeyError, ValueError) as exc:
                raise DataError(f"{where} ({entity_id}): bad name {raw!r}: {exc}") from None
        identifiers = tuple(
            Identifier(str(i["scheme"]), str(i["value"])) for i in entry.get("identifiers") or []
        ) + tuple(_list_numbers().given.get(entity_id, ()))
        out.append(
            Entity(
                id=entity_id,
                name=str(entry.get("name") or ""),
                kind=entry.get("kind", "organisation"),
                names=tuple(names),
                identifiers=identifiers,
                country=entry.get("country"),
                description=entry.get("description"),
                note=entry.get("note"),
            )
        )
        if not out[-1].name:
            raise DataError(f"{where} ({entity_id}): missing `name`")
    numbers = _list_numbers()
    unknown = sorted((set(numbers.given) | {e for ids in numbers.apart.values() for e in ids}) - seen)
    if unknown:
        raise DataError(f"{registry_dir() / LIST_NUMBERS}: unknown entity id(s): {', '.join(unknown)}")
    return tuple(out)


LIST_NUMBERS = "list_numbers.yaml"
LIST_NUMBERS_VERSION = 1


@dataclass(frozen=True, slots=True)
class ListNumbers:
    """The list numbers the dataset gives bundled entities, and those it keeps apart from them."""

    # Entity id -> the numbers lists give it (its identifiers).
    given: dict[str, list[Identifier]]
    # A number (`ofac:33983`) -> the entities a record bearing it is never linked to by name.
    apart: dict[Identifier, frozenset[str]]


@functools.cache
def _list_numbers() -> ListNumbers:
    """The package's list numbers, checked against the identifier schemes of the known sources."""
    schemes = {meta.scheme for meta in all_sources().values()}
    schemes |= {ref.scheme for meta in all_sources().values() for ref in meta.references}
    return read_list_numbers(registry_dir() / LIST_NUMBERS, frozenset(schemes))


def numbers_kept_apart() -> dict[Identifier, frozenset[str]]:
    """A list number -> the bundled entities the dataset says a record bearing it is not."""
    return _list_numbers().apart


def read_list_numbers(path: Path, schemes: frozenset[str]) -> ListNumbers:
    """The numbers official lists give bundled entities, and those kept apart from them (curated by hand).

    Validated: every scheme is a source's identifier scheme, a number is given to one entity only
    (a list holds one record per designee, so one number naming two entities is a typing error that
    would leave every record citing it unlinked as ambiguous), and no number is both given to an
    entity and kept apart from it.
    """
    document = vocab.read_document(path)
    if document.get("version") != LIST_NUMBERS_VERSION:
        raise DataError(f"{path}: `version` must be {LIST_NUMBERS_VERSION}, not {document.get('version')!r}")
    given: dict[str, list[Identifier]] = {}
    holders: dict[Identifier, str] = {}
    for where, entity_id, identifier in _numbers(path, document, "list_numbers", schemes, ()):
        if identifier in holders:
            raise DataError(
                f"{path}: {where}: {identifier.key()} is given to {holders[identifier]} already "
                f"(here: {entity_id}); one number names one designee"
            )
        holders[identifier] = entity_id
        given.setdefault(entity_id, []).append(identifier)
    apart: dict[Identifier, set[str]] = {}
    if document.get("kept_apart") is not None:
        for where, entity_id, identifier in _numbers(path, document, "kept_apart", schemes, ("reason",)):
            if holders.get(identifier) == entity_id:
                raise DataError(
                    f"{path}: {where}: {identifier.key()} is given to {entity_id} in `list_numbers` "
                    "and kept apart from it here"
                )
            if entity_id in apart.get(identifier, ()):
                raise DataError(f"{path}: {where}: {identifier.key()} is kept apart from {entity_id} twice")
            apart.setdefault(identifier, set()).add(entity_id)
    return ListNumbers(given, {ident: frozenset(ids) for ident, ids in apart.items()})


def _numbers(
    path: Path, document: dict[str, Any], section: str, schemes: frozenset[str], extra: tuple[str, ...]
) -> list[tuple[str, str, Identifier]]:
    """(where, entity id, identifier) for each entry of a section of the list numbers file, checked."""
    out: list[tuple[str, str, Identifier]] = []
    for index, entry in enumerate(vocab.entries_of(path, document, section)):
        where = f"{section}[{index}]"
        unknown = sorted(set(entry) - {"entity", "scheme", "value", "record", "checked", *extra})
        if unknown:
            raise DataError(f"{path}: {where}: unknown field(s) {', '.join(unknown)}")
        entity_id, scheme, value = (
            vocab.require_text(path, where, entry, field).strip() for field in ("entity", "scheme", "value")
        )
        for field in ("record", "checked", *extra):
            vocab.require_text(path, where, entry, field)
        if scheme not in schemes:
            raise DataError(
                f"{path}: {where}: field `scheme`: {scheme!r} is no source's identifier scheme "
                f"({', '.join(sorted(schemes))})"
            )
        out.append((where, entity_id, Identifier(scheme, value)))
    return out


def _field(record: dict[str, Any], key: str, where: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value:
        raise DataError(f"{where}: missing or empty field `{key}`")
    return value


def parse_claim(record: dict[str, Any], where: str, entity_ids: set[str]) -> tuple[Source, Claim]:
    """Validate one claims.jsonl record and return its source and claim."""
    entity_id = _field(record, "entity", where)
    if entity_id not in entity_ids:
        raise DataError(f"{where}: field `entity`: unknown entity {entity_id!r}")
    code = _field(record, "jurisdiction", where)
    if code not in vocab.jurisdictions():
        raise DataError(f"{where}: field `jurisdiction`: unknown code {code!r}")
    list_id = _field(record, "list", where)
    designation_list = vocab.lists().get(list_id)
    if designation_list is None:
        raise DataError(f"{where}: field `list`: unknown list id {list_id!r}")
    if designation_list.jurisdiction != code:
        raise DataError(
            f"{where}: field `list`: {list_id} belongs to {designation_list.jurisdiction}, not {code}"
        )
    kind = _field(record, "kind", where)
    try:
        when = PartialDate.parse(_field(record, "date", where))
    except InputError as exc:
        raise DataError(f"{where}: field `date`: {exc}") from None
    action = record.get("action")
    state = record.get("state")
    if kind == "event" and action not in ACTIONS:
        raise DataError(f"{where}: field `action`: {action!r} not in {ACTIONS}")
    if kind == "state" and state not in STATES:
        raise DataError(f"{where}: field `state`: {state!r} not in {STATES}")
    if kind not in ("event", "state"):
        raise DataError(f"{where}: field `kind`: {kind!r} is neither event nor state")
    decider = record.get("decider")
    if decider is not None and (kind != "event" or action not in PROPOSALS):
        raise DataError(f"{where}: field `decider`: only a proposal names who decides it, not {action!r}")
    raw_source = record.get("source") or {}
    url = _field(raw_source, "url", f"{where}: source")
    published = raw_source.get("published_on")
    try:
        published_on = date.fromisoformat(published) if published else None
    except ValueError:
        raise DataError(f"{where}: field `source.published_on`: malformed {published!r}") from None
    source = Source(
        id=source_id(SOURCE_KIND, url),
        kind=SOURCE_KIND,
        uri=url,
        title=raw_source.get("title"),
        publisher=None,
        published_on=published_on,
    )
    claim = Claim(
        kind="event" if kind == "event" else "state",
        entity_id=entity_id,
        jurisdiction=code,
        list_id=list_id,
        date=when,
        source_id=source.id,
        record_key=BUNDLED_RECORD_KEY,
        action=action if kind == "event" else None,
        state=state if kind == "state" else None,
        authority=record.get("authority"),
        legal_basis=record.get("legal_basis"),
        scope=record.get("scope"),
        decider=decider,
        original=record.get("list_label"),
        note=record.get("note"),
        known_from=published_on,
        tier=source.tier,
    )
    return source, claim


@functools.cache
def load_batch() -> ClaimBatch:
    """The whole bundled dataset as one batch (duplicate rows collapse to one claim id)."""
    entities = load_entities()
    entity_ids = {entity.id for entity in entities}
    path = registry_dir() / "claims.jsonl"
    sources: dict[str, Source] = {}
    claims: dict[str, Claim] = {}
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{line_no}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: not JSON: {exc}") from None
        source, claim = parse_claim(record, where, entity_ids)
        sources.setdefault(source.id, source)
        claims.setdefault(claim.id, claim)
    return ClaimBatch(tuple(sources.values()), entities, tuple(claims.values()))


@dataclass(frozen=True)
class DatasetJudgement:
    """One identity decision shipped with the dataset: two bundled entities that are not one."""

    entity_id: str
    other_id: str
    reason: str
    decided_on: date


JUDGEMENTS_VERSION = 1


@functools.cache
def load_judgements() -> tuple[DatasetJudgement, ...]:
    """The dataset's `distinct` judgements, checked against the bundled entities."""
    kinds = {entity.id: entity.kind for entity in load_entities()}
    return read_judgements(registry_dir() / "judgements.yaml", kinds)


def read_judgements(path: Path, kinds: Mapping[str, str]) -> tuple[DatasetJudgement, ...]:
    """Validate a judgements file against the entities it may name (id -> kind)."""
    document = vocab.read_document(path)
    if document.get("version") != JUDGEMENTS_VERSION:
        raise DataError(f"{path}: `version` must be {JUDGEMENTS_VERSION}, not {document.get('version')!r}")
    decided_on = document.get("decided_on")
    if isinstance(decided_on, str):
        try:
            decided_on = date.fromisoformat(decided_on)
        except ValueError:
            raise DataError(f"{path}: `decided_on`: malformed date {decided_on!r}") from None
    if not isinstance(decided_on, date):
        raise DataError(f"{path}: `decided_on` must be a date (YYYY-MM-DD)")
    out: list[DatasetJudgement] = []
    seen: set[frozenset[str]] = set()
    for index, entry in enumerate(vocab.entries_of(path, document, "judgements")):
        where = f"judgements[{index}]"
        unknown = sorted(set(entry) - {"entity", "other", "reason"})
        if unknown:
            raise DataError(f"{path}: {where}: unknown field(s) {', '.join(unknown)}")
        pair = [vocab.require_text(path, where, entry, field) for field in ("entity", "other")]
        for field, entity_id in zip(("entity", "other"), pair, strict=True):
            if entity_id not in kinds:
                raise DataError(f"{path}: {where}: field `{field}`: unknown entity {entity_id!r}")
        if pair[0] == pair[1]:
            raise DataError(f"{path}: {where}: an entity is never distinct from itself ({pair[0]})")
        if kinds[pair[0]] != kinds[pair[1]]:
            raise DataError(
                f"{path}: {where}: {pair[0]} ({kinds[pair[0]]}) and {pair[1]} ({kinds[pair[1]]}) are of "
                "different kinds, which are never suggested as one; the judgement would say nothing"
            )
        if frozenset(pair) in seen:
            raise DataError(f"{path}: {where}: {pair[0]} and {pair[1]} are judged twice")
        seen.add(frozenset(pair))
        reason = " ".join(vocab.require_text(path, where, entry, "reason").split())
        out.append(DatasetJudgement(pair[0], pair[1], reason, decided_on))
    return tuple(out)
