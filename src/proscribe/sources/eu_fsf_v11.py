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
(`UNKNOWN`) states none. Birth dates, citizenships, identifications and remarks are not used for
claims.
"""

from __future__ import annotations

from lxml import etree

from proscribe.model import EntityKind, Identifier
from proscribe.sources.common import format_error, iso_date
from proscribe.sources.meta import SourceMeta
from proscribe.sources.records import (
    Counter,
    ListRecord,
    ParsedList,
    clean,
    dedupe,
    join_countries,
    make_names,
)
from proscribe.sources.xmlsafe import local

_KINDS: dict[str, EntityKind] = {"person": "person", "organisation": "organisation"}
# The country code of an address whose country the EU does not know (described as `UNKNOWN`).
_UNKNOWN_COUNTRY = "00"


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
    countries = [
        clean(address.get("countryDescription")) or clean(address.get("countryIso2Code"))
        for address in (c for c in children if local(c.tag) == "address")
        if clean(address.get("countryIso2Code")) != _UNKNOWN_COUNTRY
    ]
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
    )
