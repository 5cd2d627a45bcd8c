"""Source metadata: one YAML file per official source in data/sources/, validated at load.

Each file names the publisher, the official download URL(s), the format (which adapter reads it),
the jurisdiction and default list, the prefix of entity ids minted for unlinked records, the
identifier scheme of record keys, the `mode` (`full` snapshots are diffed against each other;
`delta` files state their own additions and removals), and `lookups`: tables mapping the messy
values found in files (UN_LIST_TYPE "Al-Qaida", alias quality "f.k.a.", OFAC program "SDGT") to
our vocabulary. A source in another format of a list already described may take the tables it
does not define from that source (`lookups_from: us-ofac-sdn-csv`). `references` are patterns that
find another list's record number in a field's text (OFSI's "UN Ref QI.A.12.01."): each match
becomes an identifier in that list's scheme, so the record links to that list's entity. Each
pattern carries examples, checked at load. `fixed_fields` gives, for a format published with
fields at fixed positions (OFAC's `.ff` files), each file role's column widths in order; the last
may be null, "to the end of the line".
"""

from __future__ import annotations

import codecs
import re
import string
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, get_args

import yaml

from proscribe.errors import DataError, NotFoundError
from proscribe.model import EntityKind, Identifier
from proscribe.vocab import YAML_LOADER

# Lookup tables whose values are name kinds (see proscribe.sources.records.NAME_KINDS).
_NAME_KIND_TABLES = frozenset({"alias_quality", "alt_type", "aka_type", "alias_type", "alias_prefix"})
_NAME_KINDS = frozenset({"primary", "alias", "weak_alias", "former", "translation"})
# Lookup tables whose values are entity kinds.
_ENTITY_KIND_TABLES = frozenset({"sdn_type", "marker", "section", "designation_type"})
_ENTITY_KINDS = frozenset(get_args(EntityKind))
_REQUIRED = ("id", "title", "publisher", "format", "jurisdiction", "list", "entity_prefix", "scheme")


class _Template(string.Formatter):
    """str.format where a field with an integer spec (`{0:03d}`) reads its digits as a number."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec.endswith("d"):
            value = int(value)
        return super().format_field(value, format_spec)


_TEMPLATE = _Template()


@dataclass(frozen=True, slots=True)
class CrossReference:
    """Another list's record number written in a field of this one, and how to spell it there."""

    field: str  # the column or attribute holding the text
    pattern: re.Pattern[str]
    scheme: str  # the identifier scheme of the list referred to (`un`)
    value: str  # a format template over the pattern's groups: `QDi.{0:03d}`

    def find(self, text: str) -> list[Identifier]:
        """Every reference in `text`, in order, once each."""
        out: list[Identifier] = []
        for match in self.pattern.finditer(text):
            found = Identifier(self.scheme, _TEMPLATE.format(self.value, *match.groups()))
            if found not in out:
                out.append(found)
        return out


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What proscribe knows about one official source, read from data/sources/<id>.yaml."""

    id: str
    title: str
    publisher: str
    format: str
    jurisdiction: str
    list: str
    entity_prefix: str
    scheme: str
    urls: dict[str, str] = field(default_factory=dict)
    encodings: tuple[str, ...] = ()
    lookups: dict[str, dict[str, str]] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    note: str | None = None
    mode: str = "full"
    source_kind: str = "official_list"
    update_by_default: bool = True
    references: tuple[CrossReference, ...] = ()
    fixed_fields: dict[str, tuple[int | None, ...]] = field(default_factory=dict)
    # A file set's members by role (primary, alt, add, comments): the stem each file's name ends with.
    set_files: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The main official URL (the first one listed)."""
        return next(iter(self.urls.values()), "")

    def lookup(self, table: str, value: str) -> str | None:
        """Map a raw value through one lookup table; None when unmapped (the caller counts it)."""
        return self.lookups.get(table, {}).get(value.strip())

    @property
    def reference_fields(self) -> tuple[str, ...]:
        """The fields `references` read, each once."""
        return tuple(dict.fromkeys(reference.field for reference in self.references))

    def references_in(self, field_name: str, text: str) -> tuple[Identifier, ...]:
        """Identifiers in other lists' schemes that `text`, the value of `field_name`, refers to."""
        found = (i for r in self.references if r.field == field_name for i in r.find(text))
        return tuple(dict.fromkeys(found))


def validate(name: str, raw: Any) -> SourceMeta:
    """Check one metadata file's content (`name` is its file name) and build its SourceMeta."""
    if not isinstance(raw, dict):
        raise DataError(f"data/sources/{name}: expected a mapping at the top level")
    missing = [key for key in _REQUIRED if not isinstance(raw.get(key), str) or not raw[key]]
    if missing:
        raise DataError(f"data/sources/{name}: missing or empty field(s) {', '.join(missing)}")
    if raw["id"] + ".yaml" != name:
        raise DataError(f"data/sources/{name}: id {raw['id']!r} does not match the file name")
    urls = raw.get("urls", {})
    lookups = raw.get("lookups", {})
    if not isinstance(urls, dict) or not all(isinstance(v, str) for v in urls.values()):
        raise DataError(f"data/sources/{name}: urls must map file names to URLs")
    if not isinstance(lookups, dict) or not all(isinstance(t, dict) for t in lookups.values()):
        raise DataError(f"data/sources/{name}: lookups must map table names to mappings")
    for table in _NAME_KIND_TABLES & set(lookups):
        wrong = sorted({str(v) for v in lookups[table].values()} - _NAME_KINDS)
        if wrong:
            raise DataError(f"data/sources/{name}: lookups.{table} maps to unknown name kind(s) {wrong}")
    for table in _ENTITY_KIND_TABLES & set(lookups):
        wrong = sorted({str(v) for v in lookups[table].values()} - _ENTITY_KINDS)
        if wrong:
            raise DataError(f"data/sources/{name}: lookups.{table} maps to unknown entity kind(s) {wrong}")
    mode = raw.get("mode", "full")
    if mode not in ("full", "delta"):
        raise DataError(f"data/sources/{name}: mode must be full or delta, got {mode!r}")
    source_kind = raw.get("source_kind", "official_list")
    if source_kind not in ("official_list", "curated"):
        raise DataError(
            f"data/sources/{name}: source_kind must be official_list or curated, got {source_kind!r}"
        )
    encodings = tuple(raw.get("encodings", ()))
    for encoding in encodings:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DataError(f"data/sources/{name}: unknown encoding {encoding!r}") from None
    return SourceMeta(
        id=raw["id"],
        title=raw["title"],
        publisher=raw["publisher"],
        format=raw["format"],
        jurisdiction=raw["jurisdiction"],
        list=raw["list"],
        entity_prefix=raw["entity_prefix"],
        scheme=raw["scheme"],
        urls={str(k): v for k, v in urls.items()},
        encodings=encodings,
        lookups={str(t): {str(k).strip(): str(v) for k, v in m.items()} for t, m in lookups.items()},
        files=tuple(raw.get("files", ())),
        note=raw.get("note"),
        mode=mode,
        source_kind=source_kind,
        update_by_default=bool(raw.get("update_by_default", True)),
        references=_references(name, raw.get("references", [])),
        fixed_fields=_fixed_fields(name, raw.get("fixed_fields", {})),
        set_files=_set_files(name, raw.get("set_files", {})),
    )


_SET_ROLES = ("primary", "alt", "add", "comments")


def _set_files(name: str, raw: Any) -> dict[str, str]:
    """Validate `set_files`: file role -> the lower-case stem of that file's name, a primary among them."""
    where = f"data/sources/{name}: set_files"
    if not isinstance(raw, dict):
        raise DataError(f"{where} must map file roles to file-name stems")
    unknown = sorted(str(role) for role in raw if role not in _SET_ROLES)
    if unknown:
        raise DataError(f"{where}: unknown role(s) {unknown}; known: {list(_SET_ROLES)}")
    for role, stem in raw.items():
        if not isinstance(stem, str) or not stem or stem != stem.lower() or "." in stem:
            raise DataError(f"{where}.{role}: {stem!r} is not a lower-case file-name stem")
    if raw and "primary" not in raw:
        raise DataError(f"{where}: names no primary file")
    return {str(role): str(stem) for role, stem in raw.items()}


def _fixed_fields(name: str, raw: Any) -> dict[str, tuple[int | None, ...]]:
    """Validate `fixed_fields`: per file role, positive column widths; only the last may be null."""
    if not isinstance(raw, dict):
        raise DataError(f"data/sources/{name}: fixed_fields must map file roles to lists of widths")
    out: dict[str, tuple[int | None, ...]] = {}
    for role, widths in raw.items():
        where = f"data/sources/{name}: fixed_fields.{role}"
        if not isinstance(widths, list) or not widths:
            raise DataError(f"{where}: expected a non-empty list of column widths")
        for index, width in enumerate(widths):
            rest = width is None and index == len(widths) - 1
            if not rest and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
                raise DataError(
                    f"{where}[{index}]: {width!r} is not a positive width (only the last may be null)"
                )
        out[str(role)] = tuple(widths)
    return out


def _references(name: str, raw: Any) -> tuple[CrossReference, ...]:
    """Validate the `references` entries: pattern, scheme, template and examples that prove them."""
    if not isinstance(raw, list):
        raise DataError(f"data/sources/{name}: references must be a list")
    out: list[CrossReference] = []
    for index, entry in enumerate(raw):
        where = f"data/sources/{name}: references[{index}]"
        if not isinstance(entry, dict):
            raise DataError(f"{where}: expected a mapping")
        missing = [k for k in ("field", "pattern", "scheme", "value") if not isinstance(entry.get(k), str)]
        if missing:
            raise DataError(f"{where}: missing or non-text field(s) {', '.join(missing)}")
        try:
            pattern = re.compile(entry["pattern"])
        except re.error as exc:
            raise DataError(f"{where}: pattern does not compile: {exc}") from None
        if pattern.groups < 1:
            raise DataError(f"{where}: pattern has no group to build the value from")
        reference = CrossReference(entry["field"], pattern, entry["scheme"], entry["value"])
        examples = entry.get("examples")
        if not isinstance(examples, dict) or not examples:
            raise DataError(f"{where}: needs `examples` mapping sample text to the value it yields")
        for text, expected in examples.items():
            try:
                got = [found.value for found in reference.find(str(text))]
            except (ValueError, IndexError, KeyError) as exc:
                raise DataError(f"{where}: value template {entry['value']!r} fails: {exc}") from None
            wanted = [] if expected is None else [str(expected)]
            if got != wanted:
                raise DataError(f"{where}: example {text!r} yields {got}, expected {wanted}")
        out.append(reference)
    return tuple(out)


def sets_named_by(meta: SourceMeta, file_name: str) -> list[str]:
    """The other sources of `meta`'s format whose primary file `file_name` names, when it does not
    name `meta`'s own: OFAC's `consolidated.xml` given to the SDN source, say. A name naming
    neither (a renamed download) is left to the content."""
    stem = file_name.lower().rsplit("/", 1)[-1].rpartition(".")[0]
    own = meta.set_files.get("primary")
    if own is None or own in stem:
        return []
    return sorted(
        other.id
        for other in all_sources().values()
        if other.format == meta.format
        and other.id != meta.id
        and other.set_files.get("primary", "\0") in stem
    )


@cache
def all_sources() -> dict[str, SourceMeta]:
    """Every known official source by id, loaded from the package's data/sources/*.yaml."""
    folder = resources.files("proscribe") / "data" / "sources"
    raws: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            raws[entry.name] = yaml.load(entry.read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except yaml.YAMLError as exc:
            raise DataError(f"data/sources/{entry.name}: invalid YAML: {exc}") from None
    out: dict[str, SourceMeta] = {}
    for name, raw in raws.items():
        meta = validate(name, with_inherited_lookups(name, raw, raws))
        out[meta.id] = meta
    return out


def with_inherited_lookups(name: str, raw: Any, raws: dict[str, Any]) -> Any:
    """`raw` with the lookup tables of the source its `lookups_from` names, where it has none of its own.

    Several formats of one list share its vocabulary (OFAC's program tags), kept in one file.
    """
    if not isinstance(raw, dict) or "lookups_from" not in raw:
        return raw
    parent = raw["lookups_from"]
    base = raws.get(f"{parent}.yaml")
    if not isinstance(base, dict):
        raise DataError(f"data/sources/{name}: lookups_from names unknown source {parent!r}")
    if "lookups_from" in base:
        raise DataError(f"data/sources/{name}: lookups_from {parent!r} itself inherits; name the origin")
    own = raw.get("lookups") or {}
    inherited = base.get("lookups") or {}
    if not isinstance(own, dict) or not isinstance(inherited, dict):
        raise DataError(f"data/sources/{name}: lookups must map table names to mappings")
    return {**raw, "lookups": {**inherited, **own}}


def source_meta(source_name: str) -> SourceMeta:
    """The metadata of one source; NotFoundError listing the known ids otherwise."""
    sources = all_sources()
    if source_name not in sources:
        raise NotFoundError(f"unknown source {source_name!r}; known: {', '.join(sorted(sources))}")
    return sources[source_name]
