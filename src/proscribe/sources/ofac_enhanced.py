"""Adapter for OFAC's Sanctions List Service ENHANCED_XML (`sanctionsData`).

Structure relied on (asserted; drift raises FormatError naming file and line), namespace-agnostic:
`sanctionsData` > `publicationInfo/dataAsOf` (ISO, the snapshot date) and `entities/entity[@id]`
(the id is the OFAC uid / `ent_num`, the record key) with `generalInfo/entityType` (`entity_type`
lookup), `sanctionsLists/sanctionsList[@datePublished]` (`sanctions_list` lookup; the first
list's publication date is the listing date), `sanctionsPrograms/sanctionsProgram` (`program`
lookup: `SDGT` adds `us-sdgt`, `-` adds nothing; the file dates no program, so a program list
takes the SDN date only when it is the entry's one program) and `names/name` (`isPrimary`,
`aliasType` via `alias_type`, `isLowQuality` -> weak alias) whose
`translations/translation/formattedFullName` give the name in each script. The countries of
`addresses/address/country[@refId]` are the record's countries, as named by the file's
`referenceValues/referenceValue[@refId]` of type `COUNTRY` (`value`; the element's own text when
the reference is missing). An individual's `features/feature` whose `type` is `Birthdate` give its
dates of birth: the `valueDate` period from `fromDateBegin` to `toDateEnd` (a year the file marks
`isApproximate` widens by one year each side, as `circa 1962` does in OFAC's other formats), or,
without a readable period, the `value` as written (`12 Jan 1962`); one with neither readable is
counted under `Birthdate`. Its features of type `Nationality Country` and `Citizenship Country`
give its nationalities, in file order: the country their `valueRefId` names among the reference
values (the feature's `value` as written when the reference is missing); one with neither is
counted under its type. A vessel's `identityDocuments/identityDocument` whose `type` is
`Vessel Registration Identification` gives its IMO number (`documentNumber`, `IMO 9187629`), kept
as an `imo` identifier (`ofac_csv.vessel_imo`); one that is no valid IMO number is counted under
`Vessel Registration Identification` (on another kind of entry, a shipping company's IMO company
number, it is not read). Other reference values and elements are not used for claims.
`publicationInfo/filters` says what part of the lists an export holds (`ParsedList.scope`): one
filtered by program or anything but sanctions list is partial (see `_scope`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from lxml import etree

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import approximate_year, unique_births
from proscribe.sources.common import InputFile, format_error, iso_date, read_stated_birth
from proscribe.sources.meta import SourceMeta
from proscribe.sources.ofac_csv import VESSEL_ID, birth_between, read_ofac_birth, vessel_imo
from proscribe.sources.records import (
    Counter,
    ListRecord,
    ParsedList,
    clean,
    dedupe,
    join_countries,
    make_names,
    unique_nationalities,
)
from proscribe.sources.xmlsafe import local, parse_xml

# How the filters of `publicationInfo` are named in a snapshot's scope.
_FILTER_LABELS = {"sanctionsLists": "lists", "sanctionsPrograms": "programs"}
_KINDS: dict[str, EntityKind] = {
    "person": "person",
    "organisation": "organisation",
    "vessel": "vessel",
    "aircraft": "aircraft",
}


def _kids(element: etree._Element | None, name: str) -> Iterator[etree._Element]:
    if element is None:
        return
    for child in element:
        if isinstance(child.tag, str) and local(child.tag) == name:
            yield child


def _one(element: etree._Element | None, name: str) -> etree._Element | None:
    return next(_kids(element, name), None)


def _text(element: etree._Element | None, name: str) -> str:
    found = _one(element, name)
    return clean(found.text) if found is not None else ""


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one ENHANCED_XML file into records."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one XML file, got {len(files)}")
    source = files[0]
    root = parse_xml(source.data, source.name)
    if local(root.tag) != "sanctionsData":
        raise format_error(
            source.name, f"line {root.sourceline}", f"root is <{local(root.tag)}>, not sanctionsData"
        )
    snapshot = iso_date(_text(_one(root, "publicationInfo"), "dataAsOf"))
    if snapshot is None:
        raise format_error(source.name, "publicationInfo", "missing or malformed dataAsOf")
    entities = _one(root, "entities")
    if entities is None:
        raise format_error(source.name, f"line {root.sourceline}", "no <entities> element")
    counter = Counter()
    countries = _countries(_one(root, "referenceValues"))
    records = [
        _record(meta, source.name, element, counter, countries) for element in _kids(entities, "entity")
    ]
    warnings: list[str] = []
    scope, partial_by = _scope(_one(_one(root, "publicationInfo"), "filters"))
    if partial_by:
        warnings.append(
            f"{source.name}: the file is filtered by {partial_by}: its records are evidence of "
            "presence only; a record it leaves out is not read as delisted"
        )
    return ParsedList(
        meta.id,
        snapshot,
        dedupe(records, warnings, source.name),
        counter.counts,
        tuple(warnings),
        scope=scope,
        partial=partial_by is not None,
    )


def _countries(references: etree._Element | None) -> dict[str, str]:
    """The file's country names by reference id (`referenceValue` of type `COUNTRY`)."""
    return {
        item.get("refId", ""): _text(item, "value")
        for item in _kids(references, "referenceValue")
        if _text(item, "type").upper() == "COUNTRY"
    }


def _scope(filters: etree._Element | None) -> tuple[str | None, str | None]:
    """What part of OFAC's lists the file holds, from `publicationInfo/filters`, and what makes it partial.

    A filter by sanctions list alone keeps whole lists: files with the same filter are compared
    with each other. Any other filter (by program, say) keeps part of a list, so absence from
    the file proves nothing: the second value names those filters (None when there are none).
    """
    if filters is None:
        return None, None
    parts: list[str] = []
    partial: list[str] = []
    for group in filters:
        if not isinstance(group.tag, str):
            continue
        values = sorted(clean(item.text) for item in group if isinstance(item.tag, str) and clean(item.text))
        if not values:
            continue
        label = _FILTER_LABELS.get(local(group.tag), local(group.tag))
        parts.append(f"{label}: {', '.join(values)}")
        if label != "lists":
            partial.append(parts[-1])
    return ("; ".join(parts) or None), ("; ".join(partial) or None)


def _record(
    meta: SourceMeta, name: str, element: etree._Element, counter: Counter, countries: dict[str, str]
) -> ListRecord:
    key = (element.get("id") or "").strip()
    where = f"line {element.sourceline} <entity>"
    if not key.isdigit():
        raise format_error(name, where, f"id {key!r} is not a number")
    raw_type = _text(_one(element, "generalInfo"), "entityType")
    kind = _KINDS.get(meta.lookup("entity_type", raw_type) or "")
    if kind is None:
        counter.add("entityType", raw_type)
        kind = "other"
    lists: list[str] = []
    # Each list's own date: an entry on the non-SDN list since 2014 and the SDN list since 2022
    # (Sberbank) was listed on the SDN list in 2022. Several non-SDN lists map to one: the earliest.
    dated: dict[str, date] = {}
    undated: dict[str, date | None] = {}
    for item in _kids(_one(element, "sanctionsLists"), "sanctionsList"):
        mapped = meta.lookup("sanctions_list", clean(item.text))
        published = iso_date(item.get("datePublished", ""))
        if mapped is None:
            counter.add("sanctionsList", clean(item.text))
            continue
        if mapped not in lists:
            lists.append(mapped)
        if published is not None and (mapped not in dated or published < dated[mapped]):
            dated[mapped] = published
    sdn = meta.lookup("sanctions_list", "SDN List")
    listed_on = (dated.get(sdn) if sdn else None) or min(dated.values(), default=None)
    programs = [
        clean(program.text) for program in _kids(_one(element, "sanctionsPrograms"), "sanctionsProgram")
    ]
    for program in programs:
        mapped = meta.lookup("program", program)
        if mapped is None:
            counter.add("sanctionsProgram", program)
        elif mapped != "-" and mapped not in lists:
            lists.append(mapped)
            # The file dates lists, not programs. An entry under one program was put on the SDN
            # list under it, so that day is the program list's; among several, a program may have
            # come later (IRGC: SDN 2007-10-25 under NPWMD, SDGT 2017, FTO 2019), so it is undated.
            undated[mapped] = listed_on if len(set(programs)) == 1 else None
    if not lists:
        lists.append(meta.list)
    primary = ""
    aliases: list[tuple[str, str]] = []
    for entry in _kids(_one(element, "names"), "name"):
        is_primary = _text(entry, "isPrimary") == "true"
        alias_kind = "alias"
        if not is_primary:
            alias_kind = meta.lookup("alias_type", _text(entry, "aliasType")) or "alias"
            if _text(entry, "isLowQuality") == "true" and alias_kind == "alias":
                alias_kind = "weak_alias"
        for translation in _kids(_one(entry, "translations"), "translation"):
            full = _text(translation, "formattedFullName").strip("\u202a\u202b\u202c\u200e\u200f")
            if not full:
                continue
            if is_primary and not primary and _text(translation, "isPrimary") == "true":
                primary = full
            else:
                aliases.append((full, "alias" if is_primary else alias_kind))
    if not primary:
        raise format_error(name, f"{where} id {key}", "no primary name translation")
    # Dated apart only when the lists' dates differ, so other entries keep their stored form.
    dates: dict[str, date | None] = {**dated, **undated}
    apart = tuple(sorted(dates.items())) if len(set(dates.values()) | {listed_on}) > 1 else ()
    places = [
        countries.get(found.get("refId", "")) or clean(found.text)
        for address in _kids(_one(element, "addresses"), "address")
        for found in _kids(address, "country")
    ]
    ships = vessel_imo(_vessel_ids(element), counter) if kind == "vessel" else ()
    return ListRecord(
        key,
        kind,
        tuple(lists),
        make_names(primary, aliases),
        (Identifier(meta.scheme, key), *ships),
        listed_on,
        country=join_countries(places),
        list_dates=apart,
        birth_dates=_births(element, counter) if kind == "person" else (),
        nationalities=_nationalities(element, countries, counter) if kind == "person" else (),
    )


def _vessel_ids(element: etree._Element) -> list[str]:
    """The numbers of an entity's vessel registration identity documents, as written, in file order."""
    return [
        _text(document, "documentNumber")
        for document in _kids(_one(element, "identityDocuments"), "identityDocument")
        if _text(document, "type") == VESSEL_ID and _text(document, "documentNumber")
    ]


def _births(element: etree._Element, counter: Counter) -> tuple[str, ...]:
    """The dates of birth of an entity's `Birthdate` features, as stored, in file order."""
    found: list[PartialDate | None] = []
    for feature in _kids(_one(element, "features"), "feature"):
        if _text(feature, "type").casefold() != "birthdate":
            continue
        period = _one(feature, "valueDate")
        value = _text(feature, "value")
        read = _period(period) if period is not None else None
        if read is None and value:
            read = read_ofac_birth(value)
        if read is None and (value or period is not None):
            # Named by what the file writes: the value, else the period's bounds.
            bounds = "..".join(_text(period, tag) for tag in ("fromDateBegin", "toDateEnd"))
            counter.add("Birthdate", value or bounds)
        found.append(read)
    return unique_births(found)


# The feature types that state a person's nationality or citizenship (compared case-folded).
_NATIONALITY_FEATURES = frozenset({"nationality country", "citizenship country"})


def _nationalities(element: etree._Element, countries: dict[str, str], counter: Counter) -> tuple[str, ...]:
    """The countries of an entity's nationality and citizenship features, as the file names them."""
    found: list[str] = []
    for feature in _kids(_one(element, "features"), "feature"):
        kind = _text(feature, "type")
        if kind.casefold() not in _NATIONALITY_FEATURES:
            continue
        value = countries.get(_text(feature, "valueRefId")) or _text(feature, "value")
        if value:
            found.append(value)
        else:
            counter.add(kind, _text(feature, "valueRefId"))
    return unique_nationalities(found)


def _period(period: etree._Element) -> PartialDate | None:
    """A `valueDate`: the days from `fromDateBegin` to `toDateEnd` (None when either is unreadable).

    OFAC states a year as 1 January to 31 December and a month as its first to its last day; the
    bounds are read back to that precision, so the enhanced file stores a date of birth as the
    sdnList XML and the CSV remarks that write it `1962` or `Sep 1958` do.
    """
    first = read_stated_birth(_text(period, "fromDateBegin"))
    last = read_stated_birth(_text(period, "toDateEnd"))
    if first is None or last is None or first.earliest is None or last.latest is None:
        return None
    found = birth_between(first.earliest, last.latest)
    if found is not None and found.precision == "year" and _text(period, "isApproximate") == "true":
        return approximate_year(first.earliest.year)
    return found
