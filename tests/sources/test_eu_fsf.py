"""EU FSF legacy XML adapter: names and translations, TERR programme to eu-terrorist, drift errors."""

from __future__ import annotations

import re
from datetime import date

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.model import Source
from proscribe.resolve.snapshots import diff_claims, view_of
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_records() -> None:
    parsed = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "global.xml"]))
    assert parsed.snapshot_date == date(2016, 3, 5)
    army, person = parsed.records
    assert (army.key, army.kind, army.list_ids) == ("501", "organisation", ("eu-fsf", "eu-terrorist"))
    assert [(n.value, n.kind) for n in army.names] == [
        ("Example Liberation Army", "primary"),
        ("Armée de libération exemplaire", "translation"),
    ]
    assert (person.key, person.kind, person.list_ids, person.name) == (
        "502",
        "person",
        ("eu-fsf",),
        "Jane Doe",
    )
    assert parsed.unmapped == {"programme=ATLANTIS": 1}


def test_unknown_child_element_is_a_format_error() -> None:
    data = b'<WHOLE Date="05/03/2016"><ENTITY Id="1" Type="E">\n<SHOE/></ENTITY></WHOLE>'
    with pytest.raises(FormatError, match=re.escape("g.xml: line 2: unexpected element <SHOE> in ENTITY 1")):
        parse_files("eu-fsf", [InputFile("g.xml", data)])


def test_v11_export_reads_into_the_same_records() -> None:
    parsed = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "export_v11.xml"]))
    assert parsed.snapshot_date == date(2026, 3, 2)
    army, person = parsed.records
    assert (army.key, army.kind, army.list_ids, army.listed_on) == (
        "501",
        "organisation",
        ("eu-fsf", "eu-terrorist"),
        date(2016, 1, 1),
    )
    assert [(n.value, n.kind) for n in army.names] == [
        ("Example Liberation Army", "primary"),
        ("Armée de libération exemplaire", "translation"),
        ("ELA", "weak_alias"),
    ]
    assert (person.key, person.kind, person.name, person.listed_on) == ("503", "person", "John Roe", None)
    assert parsed.unmapped == {"programme=ATLANTIS": 1}


def test_legacy_then_v11_snapshots_diff_by_the_same_keys() -> None:
    legacy = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "global.xml"]))
    current = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "export_v11.xml"]))
    links = {r.key: f"eu-fsf-{r.key}" for r in (*legacy.records, *current.records)}
    s1 = Source(id="s1", kind="official_list", uri="u")
    s2 = Source(id="s2", kind="official_list", uri="u")
    assert legacy.snapshot_date is not None and current.snapshot_date is not None
    v1 = view_of(s1, legacy.snapshot_date, legacy.records, links)
    v2 = view_of(s2, current.snapshot_date, current.records, links)
    claims = diff_claims(v1, v2, s2, {"eu-fsf": "EU", "eu-terrorist": "EU"})
    assert [(c.action, c.record_key, c.list_id) for c in claims] == [
        ("delist", "502", "eu-fsf"),
        ("list", "503", "eu-fsf"),
        ("amend", "501", "eu-fsf"),
        ("amend", "501", "eu-terrorist"),
    ]


def test_legacy_address_countries_are_the_records_countries() -> None:
    """ADDRESS/COUNTRY holds an ISO alpha-3 code, kept as written; a CITIZEN country is no address's."""

    def address(city: str, country: str) -> str:
        return f"<ADDRESS><STREET/><CITY>{city}</CITY><COUNTRY>{country}</COUNTRY></ADDRESS>"

    extra = address("Karachi", "PAK") + address("Kabul", "AFG") + address("Lahore", "PAK") + address("", "")
    data = (
        '<WHOLE Date="11/02/2016"><ENTITY Id="327" Type="E" programme="TAQA">'
        "<NAME><WHOLENAME>Afghan Support Committee</WHOLENAME><LANGUAGE/></NAME>"
        f"{extra}<CITIZEN><COUNTRY>SAU</COUNTRY></CITIZEN></ENTITY></WHOLE>"
    ).encode()
    [record] = parse_files("eu-fsf", [InputFile("c.xml", data)]).records
    assert record.country == "PAK; AFG"


def test_v11_address_countries_are_the_english_names_or_the_codes() -> None:
    """`countryDescription` names the state (the code when there is no name); `00` is no state."""

    def address(code: str, description: str) -> str:
        return f'<address city="X" countryIso2Code="{code}" countryDescription="{description}"/>'

    extra = (
        address("US", "UNITED STATES")
        + address("00", "UNKNOWN")
        + address("PK", "")
        + address("US", "UNITED STATES")
    )
    data = (
        '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00">'
        '<sanctionEntity logicalId="980"><subjectType classificationCode="E"/>'
        f'<nameAlias wholeName="Global Relief Foundation" strong="true"/>{extra}'
        '<citizenship countryIso2Code="IQ" countryDescription="IRAQ"/></sanctionEntity></export>'
    ).encode()
    [record] = parse_files("eu-fsf", [InputFile("c.xml", data)]).records
    assert record.country == "UNITED STATES; PK"
