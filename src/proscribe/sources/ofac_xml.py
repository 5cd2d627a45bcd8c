"""Adapter for OFAC's `sdnList` XML: `sdn.xml` and the non-SDN `consolidated.xml` (same schema).

Structure relied on (asserted; drift raises FormatError naming file and line), namespace-agnostic
because OFAC moved it from `http://tempuri.org/sdnList.xsd` to the Sanctions List Service URL:
`sdnList` > `publshInformation/Publish_Date` (mm/dd/yyyy, the snapshot date) and `sdnEntry` with
`uid` (the record key, shared with the CSV `ent_num`), `lastName`, optional `firstName`,
`sdnType` (`sdn_type` lookup), `programList/program` (`program` lookup) and `akaList/aka`
(`type` via `aka_type`, `category` weak -> weak alias). Names are written `LAST, First` as in the CSV.
`addressList/address/country` gives the record's countries, as written (a nationality's or a
citizenship's country is not an address's). An individual's `nationalityList/nationality/country`
and `citizenshipList/citizenship/country` give its nationalities, as written, in file order.
An individual's `dateOfBirthList/dateOfBirthItem/dateOfBirth` give its dates of birth, written as in
the CSV remarks (`12 Jan 1962`, `1962`, `circa 1962`, `01 Jan 1953 to 31 Dec 1954`; read by
`ofac_csv.read_ofac_birth`); one this cannot read is counted under `dateOfBirth`.
A vessel's `idList/id` whose `idType` is `Vessel Registration Identification` gives its IMO
number (`idNumber` `IMO 9187629`), kept as an `imo` identifier (`ofac_csv.vessel_imo`); one that is
no valid IMO number is counted under `Vessel Registration Identification`. The same id on another
kind of entry (OFAC's shipping companies carry their IMO company number so) is not read.
A `Record_Count` that differs from the entries found is reported as a warning (excerpts exist);
a file holding under EXCERPT_SHARE of the entries it declares (and EXCERPT_MISSING fewer at least) is
read as a part of the list (its absences prove nothing), as an excerpt imported without `--partial`
would otherwise delist the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import InputFile, dmy_or_mdy, format_error
from proscribe.sources.meta import SourceMeta, sets_named_by
from proscribe.sources.ofac_csv import VESSEL_ID, read_ofac_birth, vessel_imo
from proscribe.sources.records import (
    Counter,
    ListRecord,
    ParsedList,
    dedupe,
    join_countries,
    make_names,
    unique_nationalities,
)
from proscribe.sources.xmlsafe import local, parse_xml

_KINDS: dict[str, EntityKind] = {
    "organisation": "organisation",
    "person": "person",
    "vessel": "vessel",
    "aircraft": "aircraft",
}


def _children(element: etree._Element) -> dict[str, etree._Element]:
    return {local(child.tag): child for child in element if isinstance(child.tag, str)}


def _text(fields: dict[str, etree._Element], tag: str) -> str:
    element = fields.get(tag)
    return (element.text or "").strip() if element is not None else ""


def _full_name(fields: dict[str, etree._Element]) -> str:
    last, first = _text(fields, "lastName"), _text(fields, "firstName")
    return f"{last}, {first}" if last and first else last or first


def parse(meta: SourceMeta, files: Sequence[InputFile]) -> ParsedList:
    """Read one sdnList XML file into records."""
    if len(files) != 1:
        raise format_error(meta.id, "input", f"expects exactly one XML file, got {len(files)}")
    source = files[0]
    root = parse_xml(source.data, source.name)
    if local(root.tag) != "sdnList":
        raise format_error(
            source.name, f"line {root.sourceline}", f"root is <{local(root.tag)}>, not sdnList"
        )
    owners = sets_named_by(meta, source.name)
    if owners:
        # sdn.xml and consolidated.xml share the schema: only the name tells the lists apart.
        raise format_error(
            source.name,
            "file name",
            f"named as the file of {' or '.join(owners)}, not of {meta.id} "
            f"({meta.set_files['primary']}.xml): ingest it as {owners[0]}",
        )
    counter = Counter()
    warnings: list[str] = []
    records: list[ListRecord] = []
    published = None
    declared = None
    for element in root:
        if not isinstance(element.tag, str):
            continue
        tag = local(element.tag)
        if tag == "publshInformation":
            info = _children(element)
            published = dmy_or_mdy(_text(info, "Publish_Date"), day_first=False)
            count = _text(info, "Record_Count")
            declared = int(count) if count.isdigit() else None
        elif tag == "sdnEntry":
            records.append(_record(meta, source.name, element, counter))
        else:
            raise format_error(source.name, f"line {element.sourceline}", f"unexpected element <{tag}>")
    if published is None:
        raise format_error(source.name, "publshInformation", "missing or malformed Publish_Date (mm/dd/yyyy)")
    excerpt = (
        declared is not None
        and len(records) < EXCERPT_SHARE * declared
        and declared - len(records) >= EXCERPT_MISSING
    )
    if declared is not None and declared != len(records):
        warnings.append(
            f"{source.name}: Record_Count says {declared}, the file holds {len(records)} entries"
            + ("; read as a part of the list, whose absences prove nothing" if excerpt else "")
        )
    return ParsedList(
        meta.id,
        published,
        dedupe(records, warnings, source.name),
        counter.counts,
        tuple(warnings),
        scope=f"{len(records)} of the {declared} entries it declares" if excerpt else None,
        partial=excerpt,
    )


# A file holding fewer of the entries it declares than this share is an excerpt: lists lose a few
# percent between publications, not a quarter, and OFAC states the count of the file it publishes.
# On a handful of entries a quarter is one or two: those are only reported.
EXCERPT_SHARE = 0.75
EXCERPT_MISSING = 10


def _record(meta: SourceMeta, name: str, element: etree._Element, counter: Counter) -> ListRecord:
    where = f"line {element.sourceline} <sdnEntry>"
    fields = _children(element)
    key = _text(fields, "uid")
    if not key.isdigit():
        raise format_error(name, where, f"uid {key!r} is not a number")
    primary = _full_name(fields)
    if not primary:
        raise format_error(name, f"{where} uid {key}", "missing lastName")
    raw_type = _text(fields, "sdnType")
    kind = _KINDS.get(meta.lookup("sdn_type", raw_type) or "")
    if kind is None:
        counter.add("sdnType", raw_type)
        kind = "other"
    list_ids = [meta.list]
    programs = fields.get("programList")
    for program in programs if programs is not None else ():
        tag = (program.text or "").strip()
        mapped = meta.lookup("program", tag)
        if mapped is None:
            counter.add("program", tag)
        elif mapped not in list_ids:
            list_ids.append(mapped)
    aliases: list[tuple[str, str]] = []
    aka_list = fields.get("akaList")
    for aka in aka_list if aka_list is not None else ():
        aka_fields = _children(aka)
        value = _full_name(aka_fields)
        if not value:
            continue
        alias_kind = meta.lookup("aka_type", _text(aka_fields, "type"))
        if alias_kind is None:
            counter.add("aka type", _text(aka_fields, "type"))
            alias_kind = "alias"
        if _text(aka_fields, "category") == "weak" and alias_kind == "alias":
            alias_kind = "weak_alias"
        aliases.append((value, alias_kind))
    address_list = fields.get("addressList")
    countries = [
        _text(_children(address), "country")
        for address in (address_list if address_list is not None else ())
        if isinstance(address.tag, str)
    ]
    ships = vessel_imo(_vessel_ids(fields.get("idList")), counter) if kind == "vessel" else ()
    return ListRecord(
        key=key,
        kind=kind,
        list_ids=tuple(list_ids),
        names=make_names(primary, aliases),
        identifiers=(Identifier(meta.scheme, key), *ships),
        country=join_countries(countries),
        birth_dates=_births(fields.get("dateOfBirthList"), counter) if kind == "person" else (),
        nationalities=_nationalities(fields) if kind == "person" else (),
    )


# Where an `sdnEntry` states a person's nationalities and citizenships: (list, item) elements.
_NATIONALITY_LISTS = (("nationalityList", "nationality"), ("citizenshipList", "citizenship"))


def _nationalities(fields: dict[str, etree._Element]) -> tuple[str, ...]:
    """The `country` of each nationality, then of each citizenship, as written (an empty one states none)."""
    found: list[str] = []
    for list_tag, item_tag in _NATIONALITY_LISTS:
        items = fields.get(list_tag)
        for item in items if items is not None else ():
            if isinstance(item.tag, str) and local(item.tag) == item_tag:
                found.append(_text(_children(item), "country"))
    return unique_nationalities(found)


def _vessel_ids(ids: etree._Element | None) -> list[str]:
    """The `idNumber`s of an `idList`'s vessel registration identifications, as written, in file order."""
    found: list[str] = []
    for item in ids if ids is not None else ():
        if not isinstance(item.tag, str):
            continue
        fields = _children(item)
        number = " ".join(_text(fields, "idNumber").split())
        if _text(fields, "idType") == VESSEL_ID and number:
            found.append(number)
    return found


def _births(items: etree._Element | None, counter: Counter) -> tuple[str, ...]:
    """The dates of birth of a `dateOfBirthList`, as stored, in file order (an empty one states none)."""
    found: list[PartialDate | None] = []
    for item in items if items is not None else ():
        if not isinstance(item.tag, str):
            continue
        text = " ".join(_text(_children(item), "dateOfBirth").split())
        if not text:
            continue
        found.append(read_ofac_birth(text))
        if found[-1] is None:
            counter.add("dateOfBirth", text)
    return unique_births(found)
