"""Adapter for the UN Security Council Consolidated List XML (`CONSOLIDATED_LIST`).

Structure relied on (asserted; drift raises FormatError naming file and line):
`CONSOLIDATED_LIST[@dateGenerated]` > `INDIVIDUALS/INDIVIDUAL` and `ENTITIES/ENTITY`, each with
`REFERENCE_NUMBER` (the record key, trimmed: the UN ships `KPi.034 ` with a trailing space),
`UN_LIST_TYPE` (mapped to a list id by the `list_type` lookup), `FIRST_NAME`..`FOURTH_NAME`,
optional `NAME_ORIGINAL_SCRIPT`, `LISTED_ON`, and `*_ALIAS` (`QUALITY`, `ALIAS_NAME`; quality
mapped by the `alias_quality` lookup). Both the 2016 and the current schema share these elements.

Each record carries a digest of its element's bytes (and of the source's metadata, which decides
the mapping). Given the digests held from the last snapshot (`known`), records whose digest is
the same are not built again: a routine daily file differs from yesterday's in a few entries.
"""

from __future__ import annotations

import collections
import hashlib
from collections.abc import Mapping, Sequence

from lxml import etree

from proscribe.model import EntityKind, Identifier
from proscribe.sources.common import InputFile, format_error, iso_date, split_alias
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import Counter, ListRecord, ParsedList, clean, dedupe, make_names
from proscribe.sources.xmlsafe import parse_xml, text_of

_SECTIONS: dict[str, tuple[str, EntityKind]] = {
    "INDIVIDUALS": ("INDIVIDUAL", "person"),
    "ENTITIES": ("ENTITY", "organisation"),
}
# Bump when the reading of an element changes, so held digests stop matching.
_VERSION = 1
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def parse(meta: SourceMeta, files: Sequence[InputFile], known: Mapping[str, str] | None = None) -> ParsedList:
    """Read one UN consolidated list file into records (skipping those `known` by digest)."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one XML file, got {len(files)}")
    source = files[0]
    root = parse_xml(source.data, source.name)
    if root.tag != "CONSOLIDATED_LIST":
        raise format_error(
            source.name, f"line {root.sourceline}", f"root is <{root.tag}>, not CONSOLIDATED_LIST"
        )
    generated = iso_date(root.get("dateGenerated", ""))
    if generated is None:
        raise format_error(source.name, "CONSOLIDATED_LIST", "missing or malformed dateGenerated attribute")
    counter = Counter()
    found: list[tuple[str, str, etree._Element, EntityKind]] = []
    salt = _salt(meta)
    for section in root:
        if section.tag not in _SECTIONS:
            raise format_error(
                source.name, f"line {section.sourceline}", f"unexpected section <{section.tag}>"
            )
        tag, kind = _SECTIONS[section.tag]
        for element in section:
            if element.tag != tag:
                raise format_error(
                    source.name, f"line {element.sourceline}", f"expected <{tag}>, got <{element.tag}>"
                )
            key = clean(element.findtext("REFERENCE_NUMBER"))
            digest = hashlib.blake2b(etree.tostring(element, with_tail=False), key=salt, digest_size=16)
            found.append((key, digest.hexdigest(), element, kind))
    counts = collections.Counter(key for key, _, _, _ in found)
    held = known or {}
    records: list[ListRecord] = []
    unchanged: list[str] = []
    for key, raw, element, kind in found:
        if key and counts[key] == 1 and held.get(key) == raw:
            unchanged.append(key)
        else:
            records.append(_record(meta, source.name, element, kind, counter, raw))
    warnings: list[str] = []
    return ParsedList(
        meta.id,
        generated,
        dedupe(records, warnings, source.name),
        counter.counts,
        tuple(warnings),
        unchanged=tuple(unchanged),
    )


def _salt(meta: SourceMeta) -> bytes:
    """What else decides a record's reading: this adapter's version and the source's metadata."""
    return hashlib.blake2b(f"{_VERSION}|{meta!r}".encode(), digest_size=16).digest()


def _record(
    meta: SourceMeta, name: str, element: etree._Element, kind: EntityKind, counter: Counter, raw: str
) -> ListRecord:
    where = f"line {element.sourceline} <{element.tag}>"
    fields: dict[str, etree._Element] = {}
    alias_elements: list[etree._Element] = []
    alias_tag = f"{element.tag}_ALIAS"
    for child in element:
        if child.tag == alias_tag:
            alias_elements.append(child)
        elif isinstance(child.tag, str):
            fields.setdefault(child.tag, child)
    key = clean(text_of(fields.get("REFERENCE_NUMBER")))
    if not key:
        raise format_error(name, where, "missing REFERENCE_NUMBER")
    list_type = text_of(fields.get("UN_LIST_TYPE"))
    list_id = meta.lookup("list_type", list_type)
    if list_id is None:
        counter.add("UN_LIST_TYPE", list_type)
        list_id = meta.list
    primary = clean(" ".join(text_of(fields.get(part)) for part in _NAME_PARTS))
    if not primary:
        raise format_error(name, f"{where} {key}", "missing FIRST_NAME")
    aliases: list[tuple[str, str]] = []
    original = clean(text_of(fields.get("NAME_ORIGINAL_SCRIPT")))
    if original:
        aliases.append((original, "alias"))
    for alias in alias_elements:
        value = text_of(alias.find("ALIAS_NAME"))
        if not value:
            continue
        quality = text_of(alias.find("QUALITY"))
        alias_kind = meta.lookup("alias_quality", quality)
        if alias_kind is None:
            counter.add("QUALITY", quality)
            alias_kind = "alias"
        aliases.extend((part, alias_kind) for part in split_alias(value))
    listed_text = text_of(fields.get("LISTED_ON"))
    listed_on = iso_date(listed_text)
    if listed_text and listed_on is None:
        counter.add("LISTED_ON", listed_text)
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=(list_id,),
        names=make_names(primary, aliases),
        identifiers=(Identifier(meta.scheme, key),),
        listed_on=listed_on,
        raw=raw,
    )
