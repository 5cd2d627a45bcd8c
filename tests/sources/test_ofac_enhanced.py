"""OFAC enhanced XML adapter: lists and programs, names in several scripts, alias types and quality."""

from __future__ import annotations

import re
from datetime import date

import pytest
from adapter_helpers import FIXTURES

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
    assert parsed.unmapped == {"sanctionsProgram=MOONPROG": 1}


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
