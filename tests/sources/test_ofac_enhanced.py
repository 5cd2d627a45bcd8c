"""OFAC enhanced XML adapter: lists and programs, names in several scripts, alias types and quality."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_record() -> None:
    parsed = parse_files("us-ofac-enhanced-xml", read_inputs([FIXTURES / "ofac-enhanced" / "enhanced.xml"]))
    assert parsed.snapshot_date == date(2024, 5, 24)
    [front] = parsed.records
    assert (front.key, front.kind, front.list_ids, front.listed_on) == (
        "777",
        "organisation",
        ("us-sdn", "us-sdgt"),
        date(2019, 3, 1),
    )
    assert [(n.value, n.kind, n.script) for n in front.names] == [
        ("EXAMPLE FRONT", "primary", "Latn"),
        ("جبهة المثال", "alias", "Arab"),
        ("OLD FRONT", "former", "Latn"),
        ("EF", "weak_alias", "Latn"),
    ]
    # An organisation's `Organization Established Date` is no date of birth.
    assert front.birth_dates == ()
    assert parsed.unmapped == {"sanctionsProgram=MOONPROG": 1}


def test_vessels_fixture_matches_its_golden_file() -> None:
    """SEA STAR's `Vessel Registration Identification` document `IMO 9123453` is kept (its MMSI is
    not read); SEA MIST's `IMO 9123454` fails its check digit (that of 912345 is 3): counted, not
    kept. MYSTERY SHIPPING CO's document of that type is a shipping company's IMO company number,
    not a ship's: not read."""
    parsed = parse_files("us-ofac-enhanced-xml", read_inputs([FIXTURES / "ofac-enhanced" / "vessels.xml"]))
    expected, actual = golden("ofac_enhanced_vessels.json", parsed)
    assert actual == expected
    assert [(r.key, r.kind, [i.key() for i in r.identifiers]) for r in parsed.records] == [
        ("12", "vessel", ["ofac:12", "imo:9123453"]),
        ("30", "vessel", ["ofac:30"]),
        ("31", "organisation", ["ofac:31"]),
    ]
    assert parsed.unmapped == {"Vessel Registration Identification=IMO 9123454": 1}


def test_missing_entities_is_a_format_error() -> None:
    data = (
        b"<sanctionsData><publicationInfo><dataAsOf>2024-01-01</dataAsOf></publicationInfo></sanctionsData>"
    )
    with pytest.raises(FormatError, match=re.escape("h.xml: line 1: no <entities> element")):
        parse_files("us-ofac-enhanced-xml", [InputFile("h.xml", data)])


def _entity(key: str, programs: tuple[str, ...]) -> str:
    listed = '<sanctionsList refId="1550" datePublished="2007-10-25">SDN List</sanctionsList>'
    named = "".join(f"<sanctionsProgram>{program}</sanctionsProgram>" for program in programs)
    return (
        f'<entity id="{key}"><generalInfo><entityType>Entity</entityType></generalInfo>'
        f"<sanctionsLists>{listed}</sanctionsLists><sanctionsPrograms>{named}</sanctionsPrograms>"
        "<names><name><isPrimary>true</isPrimary><translations><translation><isPrimary>true</isPrimary>"
        f"<formattedFullName>ENTRY {key}</formattedFullName></translation></translations></name></names>"
        "</entity>"
    )


def _documents(*documents: tuple[str, str]) -> str:
    """An `identityDocuments` element holding (type, number) documents, as OFAC writes them."""
    return "<identityDocuments>{}</identityDocuments>".format(
        "".join(
            f'<identityDocument id="{n}"><type refId="{n}">{kind}</type>'
            f"<documentNumber>{number}</documentNumber><isValid>true</isValid></identityDocument>"
            for n, (kind, number) in enumerate(documents)
        )
    )


def test_only_a_vessels_registration_document_gives_an_imo_number() -> None:
    """A vessel's `Vessel Registration Identification` is its IMO number, however OFAC prefixes it;
    its MMSI is not. A shipping company's document of that type is its IMO company number (the real
    lists give nine DPRK companies one): not read, not counted."""
    vessel = _entity("1", ("IRAN",)).replace(">Entity<", ">Vessel<", 1)
    company = _entity("2", ("DPRK3",))
    entities = (
        vessel.replace(
            "</entity>",
            _documents(
                ("Vessel Registration Identification", "IMO 9187629"),
                ("MMSI", "422023900"),
                ("Vessel Registration Identification", "9187629"),
            )
            + "</entity>",
        )
        + company.replace(
            "</entity>", _documents(("Vessel Registration Identification", "IMO 5878589")) + "</entity>"
        )
        + _entity("3", ("IRAN",))
        .replace(">Entity<", ">Vessel<", 1)
        .replace("</entity>", _documents(("Vessel Registration Identification", "RS 150443")) + "</entity>")
    )
    data = (
        "<sanctionsData><publicationInfo><dataAsOf>2024-08-28</dataAsOf></publicationInfo>"
        f"<entities>{entities}</entities></sanctionsData>"
    ).encode()
    parsed = parse_files("us-ofac-enhanced-xml", [InputFile("v.xml", data)])
    assert [(r.kind, [i.key() for i in r.identifiers]) for r in parsed.records] == [
        ("vessel", ["ofac:1", "imo:9187629"]),
        ("organisation", ["ofac:2"]),
        ("vessel", ["ofac:3"]),
    ]
    # A national register's number is no IMO number: counted, never kept.
    assert parsed.unmapped == {"Vessel Registration Identification=RS 150443": 1}


def test_a_program_list_takes_the_sdn_date_only_when_it_is_the_entrys_one_program() -> None:
    """The file dates lists, not programs. OFAC listed the IRGC on the SDN list on 2007-10-25 under
    NPWMD (`IRGC` program in later files), and under SDGT only in 2017 and as an FTO in 2019: among
    several programs a program list is undated. An entry under SDGT alone was listed under it."""
    entities = _entity("1", ("SDGT",)) + _entity("2", ("IRGC", "SDGT", "FTO"))
    data = (
        "<sanctionsData><publicationInfo><dataAsOf>2024-08-28</dataAsOf></publicationInfo>"
        f"<entities>{entities}</entities></sanctionsData>"
    ).encode()
    alone, several = parse_files("us-ofac-enhanced-xml", [InputFile("p.xml", data)]).records
    assert alone.list_ids == ("us-sdn", "us-sdgt")
    assert [alone.listed_on_for(list_id) for list_id in alone.list_ids] == [date(2007, 10, 25)] * 2
    assert several.list_ids == ("us-sdn", "us-sdgt", "us-fto")
    assert [several.listed_on_for(list_id) for list_id in several.list_ids] == [
        date(2007, 10, 25),
        None,
        None,
    ]


def test_address_countries_are_named_by_the_files_reference_values() -> None:
    """An address names its country by reference (`refId`): the file's `COUNTRY` reference value
    gives the name. Two states and a repeat: each state once, in file order."""
    references = "".join(
        f'<referenceValue refId="{ref}"><type>COUNTRY</type><value>{name}</value></referenceValue>'
        for ref, name in (("11171", "Russia"), ("11065", "China"))
    )
    addresses = "".join(
        f'<address><country refId="{ref}">{text}</country></address>'
        for ref, text in (("11171", "Russia"), ("11065", "as typed"), ("11171", "Russia"))
    )
    entity = _entity("1", ("SDGT",)).replace("</entity>", f"<addresses>{addresses}</addresses></entity>")
    data = (
        "<sanctionsData><publicationInfo><dataAsOf>2025-01-10</dataAsOf></publicationInfo>"
        f"<referenceValues>{references}</referenceValues><entities>{entity}</entities></sanctionsData>"
    ).encode()
    [record] = parse_files("us-ofac-enhanced-xml", [InputFile("c.xml", data)]).records
    assert record.country == "Russia; China"


def _birthdate(value: str, period: tuple[str, str] | None, approximate: bool = False) -> str:
    """A `Birthdate` feature as OFAC writes it: the value, and the period from its first to its last day."""
    dated = ""
    if period is not None:
        first, last = period
        dated = (
            f"<valueDate><fromDateBegin>{first}</fromDateBegin><fromDateEnd>{first}</fromDateEnd>"
            f"<toDateBegin>{last}</toDateBegin><toDateEnd>{last}</toDateEnd>"
            f"<isApproximate>{str(approximate).lower()}</isApproximate></valueDate>"
        )
    return (
        f'<feature><type featureTypeId="8">Birthdate</type><value>{value}</value>{dated}'
        "<isPrimary>false</isPrimary></feature>"
    )


def _with_features(entity: str, kind: str, features: str) -> str:
    return entity.replace("<entityType>Entity</entityType>", f"<entityType>{kind}</entityType>").replace(
        "</entity>", f"<features>{features}</features></entity>"
    )


def test_an_individuals_birthdate_features_are_its_dates_of_birth() -> None:
    """Real spellings (IRGC export of 2024-08-28) with their periods; `circa 1957` is marked
    approximate and widens a year each side. A feature without a period is read from its value; one
    with neither readable is counted; an empty one states nothing. An entity's Birthdate is not read."""
    features = "".join(
        (
            _birthdate("10 Oct 1957", ("1957-10-10", "1957-10-10")),
            _birthdate("1972", ("1972-01-01", "1972-12-31")),
            _birthdate("circa 1957", ("1957-01-01", "1957-12-31"), approximate=True),
            _birthdate("1951 to 1953", ("1951-01-01", "1953-12-31")),
            _birthdate("21 Mar 1965 to 20 Mar 1966", ("1965-03-21", "1966-03-20")),
            _birthdate("Apr 1961", ("1961-04-01", "1961-04-30")),
            _birthdate("1972", ("1972-01-01", "1972-12-31")),  # repeated: stored once
            _birthdate("Mar 1955 to Mar 1956", None),
            _birthdate("1380 AH", None),
            '<feature><type featureTypeId="8">Birthdate</type></feature>',
        )
    )
    person = _with_features(_entity("1", ("SDGT",)), "Individual", features)
    entity = _with_features(
        _entity("2", ("SDGT",)), "Entity", _birthdate("1990", ("1990-01-01", "1990-12-31"))
    )
    data = (
        "<sanctionsData><publicationInfo><dataAsOf>2024-08-28</dataAsOf></publicationInfo>"
        f"<entities>{person}{entity}</entities></sanctionsData>"
    ).encode()
    parsed = parse_files("us-ofac-enhanced-xml", [InputFile("b.xml", data)])
    assert [(r.key, r.kind, r.birth_dates) for r in parsed.records] == [
        (
            "1",
            "person",
            (
                "1957-10-10",
                "1972",
                "1956-01-01/1958-12-31",
                "1951-01-01/1953-12-31",
                "1965-03-21/1966-03-20",
                "1961-04",
                "1955-03-01/1956-03-31",
            ),
        ),
        ("2", "organisation", ()),
    ]
    assert parsed.unmapped == {"Birthdate=1380 AH": 1}


def test_an_unreadable_period_falls_back_to_the_value_or_is_counted() -> None:
    features = _birthdate("1962", ("1962-01-01", "not a day")) + _birthdate("", ("1402-01-01", "1402-12-30"))
    person = _with_features(_entity("1", ("SDGT",)), "Individual", features)
    data = (
        "<sanctionsData><publicationInfo><dataAsOf>2024-08-28</dataAsOf></publicationInfo>"
        f"<entities>{person}</entities></sanctionsData>"
    ).encode()
    parsed = parse_files("us-ofac-enhanced-xml", [InputFile("b.xml", data)])
    assert parsed.records[0].birth_dates == ("1962",)
    # Without a value, the period's bounds name it: a Hijri year is nobody's Gregorian birth year.
    assert parsed.unmapped == {"Birthdate=1402-01-01..1402-12-30": 1}


def test_real_irgc_export_dates_of_birth(shared_dir: Path) -> None:
    """The IRGC export of 2024-08-28: 156 of its 165 individuals have a Birthdate, all read, each
    period agreeing with its value. Checked by hand in the file: 12057 NAQDI, Mohammad Reza (`1951
    to 1953`, `1960 to 1962`, `Apr 1961`, `1953`), 11177 SHAHLAI, Abdul Reza (`circa 1957`, marked
    approximate), 39438 NEJAT, Hossein (`Mar 1955 to Mar 1956`)."""
    path = shared_dir / "data" / "lists" / "us-ofac-enhanced-xml" / "enhanced_program-IRGC_2024-08-28.xml"
    parsed = parse_files("us-ofac-enhanced-xml", read_inputs([path]))
    by_key = {record.key: record for record in parsed.records}
    assert by_key["12057"].birth_dates == (
        "1951-01-01/1953-12-31",
        "1960-01-01/1962-12-31",
        "1961-04",
        "1953",
    )
    assert by_key["11177"].birth_dates == ("1956-01-01/1958-12-31",)
    assert by_key["39438"].birth_dates == ("1955-03-01/1956-03-31",)
    persons = [record for record in parsed.records if record.kind == "person"]
    assert (len(persons), sum(1 for record in persons if record.birth_dates)) == (165, 156)
    assert not [record.key for record in parsed.records if record.kind != "person" and record.birth_dates]
    assert not [key for key in parsed.unmapped if key.startswith("Birthdate=")]


def _nationality(kind: str, value: str, ref: str) -> str:
    """A `Nationality Country` or `Citizenship Country` feature as OFAC writes it."""
    type_id = "10" if kind.startswith("Nationality") else "11"
    return (
        f'<feature><type featureTypeId="{type_id}">{kind}</type><value>{value}</value>'
        f"<valueRefId>{ref}</valueRefId><isPrimary>true</isPrimary></feature>"
    )


def test_nationality_and_citizenship_features_are_a_persons_nationalities() -> None:
    """Named by the reference value their `valueRefId` points at (as the real files write them,
    `Palestinian` for the feature and the reference alike), else by their own value; one with
    neither is counted under its type; an entity's is not read; one stated twice is kept once."""
    references = (
        '<referenceValue refId="11197"><type>COUNTRY</type><value>Syria</value></referenceValue>'
        '<referenceValue refId="91021"><type>COUNTRY</type><value>Palestinian</value></referenceValue>'
    )
    features = "".join(
        (
            _nationality("Nationality Country", "Syria", "11197"),
            _nationality("Citizenship Country", "Palestinian", "91021"),
            _nationality("Citizenship Country", "Turkey", "99999"),  # no such reference
            _nationality("Nationality Country", "Syria", "11197"),
            _nationality("Nationality Country", "", "88888"),
        )
    )
    person = _with_features(_entity("1", ("SDGT",)), "Individual", features)
    entity = _with_features(
        _entity("2", ("SDGT",)), "Entity", _nationality("Nationality Country", "", "11197")
    )
    data = (
        "<sanctionsData><publicationInfo><dataAsOf>2024-08-28</dataAsOf></publicationInfo>"
        f"<referenceValues>{references}</referenceValues><entities>{person}{entity}</entities></sanctionsData>"
    ).encode()
    parsed = parse_files("us-ofac-enhanced-xml", [InputFile("n.xml", data)])
    assert [(r.key, r.nationalities) for r in parsed.records] == [
        ("1", ("Syria", "Palestinian", "Turkey")),
        ("2", ()),
    ]
    assert parsed.unmapped == {"Nationality Country=88888": 1}


def test_real_irgc_export_nationalities(shared_dir: Path) -> None:
    """The IRGC export of 2024-08-28, checked by hand: 26120 (Mhd Amer ALCHWIKI) has a `Citizenship
    Country` and a `Nationality Country` feature, both of reference 11197, "Syria": stored once. 120
    of its 165 people state one."""
    path = shared_dir / "data" / "lists" / "us-ofac-enhanced-xml" / "enhanced_program-IRGC_2024-08-28.xml"
    parsed = parse_files("us-ofac-enhanced-xml", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["26120"].nationalities == ("Syria",)
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.nationalities)) == (165, 120)
    assert not [k for k in parsed.unmapped if "Country=" in k]
