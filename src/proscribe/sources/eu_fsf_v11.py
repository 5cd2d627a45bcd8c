"""Reader for the EU Financial Sanctions Files XML v1.1 (`<export generationDate=...>`), used by `eu_fsf`.

Structure relied on (asserted; drift raises FormatError naming file and line), namespace-agnostic:
`export[@generationDate]` (ISO; the snapshot date) > `sanctionEntity[@logicalId]` (the record key,
the same id as the legacy XML's ENTITY `Id` and the CSV's `Entity_logical_id`) with optional
`@designationDate` (the listing date), `regulation[@programme]` (`programme` lookup, as for the
legacy XML), `subjectType[@classificationCode]` (`entity_type` lookup: P, E) and `nameAlias`
(`@wholeName`, or first/middle/last name; `@nameLanguage` makes it a translation; `@strong="false"`
a weak alias). `@unitedNationId` (the UN reference of a UN listing, read by the source's
`references`) adds a `un` identifier. `address[@countryDescription]` (the English name, `UNITED
STATES`; `@countryIso2Code` when it gives no name) gives the record's countries; the code `00`
(`UNKNOWN`) states none. A person's `birthdate` elements give its dates of birth (`_birth`: the
`@birthdate` date, or `@year` with `@monthOfYear` and `@dayOfMonth`, or `@yearRangeFrom` and
`@yearRangeTo`; `@circa`; `@calendarType`), and its `citizenship` elements its nationalities,
named as addresses' countries are (`@countryDescription`, `AFGHANISTAN`, else `@countryIso2Code`;
`00` states none). Identifications and remarks are not used for claims.
"""

from __future__ import annotations

from lxml import etree

from proscribe.model import EntityKind, Identifier, PartialDate
from proscribe.model.birth import unique_births
from proscribe.sources.common import format_error, iso_date, read_stated_birth
from proscribe.sources.meta import SourceMeta
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
from proscribe.sources.xmlsafe import local

_KINDS: dict[str, EntityKind] = {"person": "person", "organisation": "organisation"}
# The country code of an address whose country the EU does not know (described as `UNKNOWN`).
_UNKNOWN_COUNTRY = "00"
# The attributes of a `birthdate` that state its date, in the order a count of an unread one shows them.
_BIRTH_ATTRIBUTES = (
    "birthdate",
    "dayOfMonth",
    "monthOfYear",
    "year",
    "yearRangeFrom",
    "yearRangeTo",
    "circa",
    "calendarType",
)
# The calendar of the dates this reads; a year of another (`ISLAMIC` 1343) is no Gregorian year.
_GREGORIAN = "GREGORIAN"


def parse_export(meta: SourceMeta, name: str, root: etree._Element) -> ParsedList:
    """Records of a v1.1 `export` root element (already parsed safely)."""
    snapshot = iso_date(root.get("generationDate", ""))
    if snapshot is None:
        raise format_error(name, "export", "missing or malformed generationDate attribute")
    counter = Counter()
    records = []
    for element in root:
        if isinstance(element.tag, str) and local(element.tag) == "sanctionEntity":
            records.append(_record(meta, name, element, counter))
    warnings: list[str] = []
    return ParsedList(meta.id, snapshot, dedupe(records, warnings, name), counter.counts, tuple(warnings))


def _record(meta: SourceMeta, name: str, element: etree._Element, counter: Counter) -> ListRecord:
    key = (element.get("logicalId") or "").strip()
    where = f"line {element.sourceline} <sanctionEntity>"
    if not key.isdigit():
        raise format_error(name, where, f"logicalId {key!r} is not a number")
    children = [child for child in element if isinstance(child.tag, str)]
    subject = next((c for c in children if local(c.tag) == "subjectType"), None)
    code = subject.get("classificationCode", "") if subject is not None else ""
    kind = _KINDS.get(meta.lookup("entity_type", code) or "")
    if kind is None:
        counter.add("classificationCode", code)
        kind = "other"
    lists = [meta.list]
    for regulation in (c for c in children if local(c.tag) == "regulation"):
        programme = regulation.get("programme", "")
        mapped = meta.lookup("programme", programme)
        if mapped is None:
            counter.add("programme", programme)
        elif mapped not in lists:
            lists.append(mapped)
    names: list[tuple[str, str]] = []
    for alias in (c for c in children if local(c.tag) == "nameAlias"):
        parts = (alias.get("firstName", ""), alias.get("middleName", ""), alias.get("lastName", ""))
        whole = clean(alias.get("wholeName")) or clean(" ".join(parts))
        if not whole:
            continue
        kind_of_name = "translation" if alias.get("nameLanguage") else "alias"
        if alias.get("strong") == "false":
            kind_of_name = "weak_alias"
        names.append((whole, kind_of_name))
    if not names:
        raise format_error(name, f"{where} logicalId {key}", "no nameAlias with a name")
    countries = _countries(children, "address")
    births: dict[str, PartialDate | None] = {}
    if kind == "person":
        for birth in (c for c in children if local(c.tag) == "birthdate"):
            stated = _stated(birth)
            # The same date stated twice (under two acts) is read, and counted when unread, once.
            if stated and stated not in births:
                births[stated] = _birth(birth)
                if births[stated] is None:
                    counter.add("birthdate", stated)
    listed = element.get("designationDate")
    listed_on = iso_date(listed) if listed else None
    if listed and listed_on is None:
        counter.add("designationDate", listed)
    return ListRecord(
        key,
        kind,
        tuple(lists),
        make_names(names[0][0], names[1:]),
        (
            Identifier(meta.scheme, key),
            *(
                found
                for field_name in meta.reference_fields
                for found in meta.references_in(field_name, element.get(field_name, ""))
            ),
        ),
        listed_on,
        country=join_countries(countries),
        birth_dates=unique_births(births.values()),
        nationalities=unique_nationalities(_countries(children, "citizenship")) if kind == "person" else (),
    )


def _countries(children: list[etree._Element], tag: str) -> list[str]:
    """The countries of the children named `tag` (`address`, `citizenship`), in file order: the
    English name, else the ISO code; one the EU does not know (`00`) is left out."""
    return [
        clean(child.get("countryDescription")) or clean(child.get("countryIso2Code"))
        for child in children
        if local(child.tag) == tag and clean(child.get("countryIso2Code")) != _UNKNOWN_COUNTRY
    ]


def _stated(element: etree._Element) -> str:
    """What a `birthdate` states of its date, as `name=value` pairs (`year=1343 calendarType=ISLAMIC`),
    or "" when it states none (a birthdate giving only a place: the calendar and `circa` alone
    state no date). The defaults, `circa="false"` and the Gregorian calendar, are left out."""
    values = {name: clean(element.get(name)) for name in _BIRTH_ATTRIBUTES}
    if not any(values[name] for name in _BIRTH_ATTRIBUTES[:6]):
        return ""
    if values["circa"] == "false":
        values["circa"] = ""
    if values["calendarType"] == _GREGORIAN:
        values["calendarType"] = ""
    return " ".join(f"{name}={value}" for name, value in values.items() if value)


def _birth(element: etree._Element) -> PartialDate | None:
    """The date of birth a `birthdate` element states, or None when this cannot read it.

    `@birthdate` is a full date; without it `@year`, with `@monthOfYear` and `@dayOfMonth` when
    known. `circa="true"` widens a year alone by one year each side, as the legacy XML's
    "(approximative)" and the UN's "approximately" are read; a span of years
    (`@yearRangeFrom`..`@yearRangeTo`) is read as stated, circa or not, as the legacy XML's
    approximate spans are. Not read: a date of another calendar (`ISLAMIC` year 1343, which the
    EU lists beside the Gregorian ones), a span open at one end (`@yearRangeTo` alone: "born by
    1980" has no earliest day), a day without its month.
    """
    if clean(element.get("calendarType")) not in ("", _GREGORIAN):
        return None
    full, year = clean(element.get("birthdate")), clean(element.get("year"))
    month, day = clean(element.get("monthOfYear")), clean(element.get("dayOfMonth"))
    first, last = clean(element.get("yearRangeFrom")), clean(element.get("yearRangeTo"))
    if full:
        return read_stated_birth(full)
    if year and (month or day):
        # Day-first numbers, 0 for an unknown day: `0/4/1960` is April 1960, `12/0/1960` nothing.
        return read_stated_birth(f"{day or 0}/{month or 0}/{year}")
    if year:
        return read_stated_birth(f"circa {year}" if element.get("circa") == "true" else year)
    if first and last:
        return read_stated_birth(f"{first}-{last}")
    return None
