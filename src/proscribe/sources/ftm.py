"""Adapter for FollowTheMoney / OpenSanctions JSON lines: entity files and `entities.delta.json` files.

Structure relied on (asserted per line; drift raises FormatError naming file and line): one JSON
object per line, `{"id", "schema", "properties": {...}, "datasets": [...]}`; in a delta file each
line is `{"op": "ADD" | "MOD" | "DEL", "entity": {...}}`. Records are the entities of a schema in
the `schema` lookup (Person, Organization, Company, ...) that are targets or that a `Sanction`
object points at (`properties.entity`). Lists come from the datasets of the entity and of its
sanctions through the `dataset` lookup (`-` marks a dataset known to carry no designation); an
entity with no mapped list is counted, not kept. Names: `caption` (primary), `name`, `alias`,
`weakAlias`, `previousName`. The entity's `country` property (FtM's lower-case codes, `ru`) gives
the record's countries: FtM states no address country on a person or a company apart from it (the
country the entity is associated with, where an address's country goes), and the linked `Address`
entities are often not in the file. A Person's `nationality` then `citizenship` values (codes,
`ru`) are its nationalities, as written; `birthCountry` and `jurisdiction` are not read. A Person's
`birthDate` values (ISO to the day, month or year: `1962`, `1962-01`, `1962-01-12`) are its dates
of birth; one that cannot be read, or a `birthDate` on an
entity of another schema, is counted, not kept. Referents such as `ofac-32733` become identifiers
through the `referent_prefix` lookup, so the record links to the entity OFAC files already created.
A Vessel's `imoNumber` values (`IMO9187629`) are its IMO number, kept as an `imo` identifier, so
it links to the ship other lists give that number; one that is no valid IMO number is counted under
`imoNumber`, not kept. FtM gives organisations an `imoNumber` too, the IMO company number: not read.
A delta file's date is the version in its file name (`20240528014702-pfh...` -> 2024-05-28).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import PurePath
from typing import Any

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, format_error, read_stated_birth
from proscribe.sources.imo import imo_identifiers
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import (
    Counter,
    ListRecord,
    ParsedList,
    join_countries,
    make_names,
    unique_nationalities,
)
from proscribe.sources.textio import decode_text

_KINDS: dict[str, EntityKind] = {
    "person": "person",
    "organisation": "organisation",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_NAME_PROPS = (("alias", "alias"), ("weakAlias", "weak_alias"), ("previousName", "former"))
_VERSION = re.compile(r"^(\d{4})(\d{2})(\d{2})\d{6}-")


def delta_version(file_name: str) -> str | None:
    """The version a delta file is named after (`20240528014702`), which orders deltas; None if none."""
    match = _VERSION.match(PurePath(file_name).name)
    return match[0][:-1] if match else None


_NO_LIST = "-"


def _is_version_index(text: str) -> bool:
    """Whether `text` is OpenSanctions' `delta.json`: one JSON object mapping versions to delta URLs."""
    head = text[:200].lstrip()
    if not head.startswith("{") or '"versions"' not in head:
        return False
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(document, dict) and isinstance(document.get("versions"), dict)


def _lines(meta: SourceMeta, source: InputFile) -> list[tuple[int, dict[str, Any]]]:
    out = []
    text = decode_text(source.data, source.name, meta.encodings)
    if _is_version_index(text):
        raise format_error(
            source.name,
            "input",
            "an index of delta versions (`versions`: version -> URL), not entities: ingest the "
            "entities.delta.json files it names",
        )
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise format_error(source.name, f"line {number}", f"not JSON: {exc.msg}") from None
        except RecursionError:
            # Python's decoder recurses per level: arrays nested some thousands deep exhaust the stack.
            raise format_error(source.name, f"line {number}", "JSON nested too deep to read") from None
        if not isinstance(value, dict):
            raise format_error(source.name, f"line {number}", "expected a JSON object")
        out.append((number, value))
    return out


def _entity(name: str, number: int, value: dict[str, Any]) -> dict[str, Any]:
    """The entity object of a line, its shape checked: what the adapter reads is what it asserted."""
    if not isinstance(value.get("id"), str) or not isinstance(value.get("schema"), str):
        raise format_error(name, f"line {number}", "entity without string `id` and `schema`")
    # Record keys are trimmed (ListRecord); a Sanction names its entity by the same, trimmed, id.
    value["id"] = value["id"].strip()
    if not value["id"]:
        raise format_error(name, f"line {number}", "entity with an empty `id`")
    properties = value.setdefault("properties", {})
    if not isinstance(properties, dict):
        raise format_error(name, f"line {number}", "`properties` is not an object")
    for prop, values in properties.items():
        if not _strings(values):
            raise format_error(name, f"line {number}", f"property `{prop}` is not a list of strings")
    for field in ("datasets", "referents"):
        if not _strings(value.get(field, [])):
            raise format_error(name, f"line {number}", f"`{field}` is not a list of strings")
    if not isinstance(value.get("caption", ""), str):
        raise format_error(name, f"line {number}", "`caption` is not a string")
    # JSON can spell a NUL character (\u0000), which no name or id holds and PostgreSQL cannot store.
    texts = {
        **{f"`{field}`": [value.get(field, "")] for field in ("id", "schema", "caption")},
        **{f"`{field}`": value.get(field, []) for field in ("datasets", "referents")},
        **{f"property `{prop}`": values for prop, values in properties.items()},
    }
    for where, values in texts.items():
        if any("\x00" in text for text in values):
            raise format_error(name, f"line {number}", f"{where} holds a NUL character (\\u0000)")
    return value


def _strings(values: object) -> bool:
    return isinstance(values, list) and all(isinstance(item, str) for item in values)


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one FtM entity file (full snapshot) or one delta file into records."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one JSON lines file, got {len(files)}")
    source = files[0]
    entities: dict[str, tuple[int, dict[str, Any]]] = {}
    removed: list[str] = []
    snapshot = None
    for number, value in _lines(meta, source):
        if meta.mode == "delta":
            op = value.get("op")
            if op not in ("ADD", "MOD", "DEL") or not isinstance(value.get("entity"), dict):
                raise format_error(source.name, f"line {number}", "expected {op: ADD|MOD|DEL, entity: {...}}")
            entity = _entity(source.name, number, value["entity"])
            if op == "DEL":
                removed.append(entity["id"])
                continue
        else:
            entity = _entity(source.name, number, value)
        entities[entity["id"]] = (number, entity)
    if meta.mode == "delta":
        match = _VERSION.match(PurePath(source.name).name)
        if match is None:
            raise format_error(
                source.name, "file name", "a delta file is named after its version (YYYYMMDDhhmmss-...)"
            )
        snapshot = date(int(match[1]), int(match[2]), int(match[3]))
    counter = Counter()
    sanctioned: dict[str, list[str]] = {}
    for _, entity in entities.values():
        if entity["schema"] == "Sanction":
            for target in entity["properties"].get("entity", []):
                sanctioned.setdefault(target.strip(), []).extend(entity.get("datasets", []))
    records = []
    for key, (number, entity) in entities.items():
        kind_name = meta.lookup("schema", entity["schema"])
        if kind_name is None or (not entity.get("target") and key not in sanctioned):
            continue
        record = _record(meta, source.name, number, entity, sanctioned.get(key, []), counter)
        if record is not None:
            records.append(record)
    return ParsedList(meta.id, snapshot, tuple(records), counter.counts, (), tuple(removed))


def _record(
    meta: SourceMeta, name: str, number: int, entity: dict[str, Any], datasets: list[str], counter: Counter
) -> ListRecord | None:
    props: dict[str, list[str]] = entity.get("properties", {})
    lists: list[str] = []
    for dataset in [*entity.get("datasets", []), *datasets]:
        mapped = meta.lookup("dataset", dataset)
        if mapped is None:
            counter.add("dataset", dataset)
        elif mapped != _NO_LIST and mapped not in lists:
            lists.append(mapped)
    if not lists:
        counter.add("no mapped list", entity["schema"])
        return None
    caption = entity.get("caption")
    names = [n for n in props.get("name", []) if n.strip()]
    if isinstance(caption, str) and caption.strip():
        names.insert(0, caption)
    if not names:
        raise format_error(name, f"line {number}", f"entity {entity['id']} has no name")
    aliases = [(n, "alias") for n in names[1:]]
    aliases += [(n, kind) for prop, kind in _NAME_PROPS for n in props.get(prop, [])]
    identifiers = [Identifier(meta.scheme, entity["id"])]
    for referent in entity.get("referents", []):
        for prefix, scheme in meta.lookups.get("referent_prefix", {}).items():
            if referent.startswith(prefix) and referent[len(prefix) :].isdigit():
                identifiers.append(Identifier(scheme, referent[len(prefix) :]))
    kind = _KINDS.get(meta.lookup("schema", entity["schema"]) or "", "other")
    if kind == "vessel":
        identifiers.extend(imo_identifiers(props.get("imoNumber", []), counter, "imoNumber"))
    return ListRecord(
        entity["id"],
        kind,
        tuple(lists),
        make_names(names[0], aliases),
        tuple(identifiers),
        country=join_countries(props.get("country", [])),
        birth_dates=unique_births(_births(props.get("birthDate", []), kind, counter)),
        nationalities=(
            unique_nationalities([*props.get("nationality", []), *props.get("citizenship", [])])
            if kind == "person"
            else ()
        ),
    )


def _births(values: list[str], kind: EntityKind, counter: Counter) -> list[PartialDate | None]:
    """A Person's `birthDate` values read; an empty one states nothing.

    A value that cannot be read is counted under `birthDate`, and so is any on an entity that is
    not a person (FtM gives only Person the property: another schema's is not a birth to keep).
    """
    found = []
    for value in values:
        if not value.strip():
            continue
        read = read_stated_birth(value) if kind == "person" else None
        if read is None:
            counter.add("birthDate", value.strip())
        found.append(read)
    return found
