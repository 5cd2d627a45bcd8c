"""Canada SEMA XML adapter: keys from regime code, schedule and item; people and entities."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.records import ListRecord
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_records() -> None:
    parsed = parse_files("ca-sema", read_inputs([FIXTURES / "ca" / "sema.xml"]))
    assert parsed.snapshot_date is None
    assert [(r.key, r.kind, [n.value for n in r.names]) for r in parsed.records] == [
        ("MM-1-7", "organisation", ["Example Gems Co. Ltd.", "Example Gems", "Example Gemstones Company"]),
        ("Narnia-Narnie-2-1", "person", ["Jane Q. DOE"]),
        ("MM-2-9", "person", ["Richard Roe"]),
    ]
    assert parsed.unmapped == {"Country=Narnia / Narnie": 1, "DateOfBirth=1958-02-30": 1}


def test_a_persons_dates_of_birth_are_read_each_of_those_joined_by_or() -> None:
    """`1962-01-12 or 1963` is two dates of birth; `1958-02-30` is no date: counted, not kept."""
    parsed = parse_files("ca-sema", read_inputs([FIXTURES / "ca" / "sema.xml"]))
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("MM-1-7", ()),
        ("Narnia-Narnie-2-1", ("1962-01-12", "1963")),
        ("MM-2-9", ()),
    ]
    assert parsed.unmapped["DateOfBirth=1958-02-30"] == 1


def _records(*fields: str) -> bytes:
    """A SEMA file of one record per `fields` (the inner XML of each record)."""
    inner = "".join(
        f"<record><Country>Iran</Country>{body}<Schedule>1</Schedule><Item>{n}</Item></record>"
        for n, body in enumerate(fields, start=1)
    )
    return f"<data-set>{inner}</data-set>".encode()


def test_dates_of_birth_of_every_form_the_list_writes_and_none_on_an_entity() -> None:
    person = "<LastName>Roe</LastName><GivenName>Rich</GivenName>"
    data = _records(
        f"{person}<DateOfBirth>1964-03</DateOfBirth>",
        f"{person}<DateOfBirth>1972-08-10 or 1972-08-11</DateOfBirth>",
        f"{person}<DateOfBirth>1955 OR 1955</DateOfBirth>",
        f"{person}<DateOfBirth></DateOfBirth>",
        # The tag of later files, shared with a ship's build date.
        f"{person}<DateOfBirthOrShipBuildDate>1961-05-02</DateOfBirthOrShipBuildDate>",
        # An entity has no birth: the value is not kept, but the report shows it.
        "<Entity>Example Shipping</Entity><DateOfBirth>1990</DateOfBirth>",
    )
    parsed = parse_files("ca-sema", [InputFile("s.xml", data)])
    assert [r.birth_dates for r in parsed.records] == [
        ("1964-03",),
        ("1972-08-10", "1972-08-11"),
        ("1955",),
        (),
        ("1961-05-02",),
        (),
    ]
    assert parsed.unmapped == {"DateOfBirth=1990": 1}


def test_real_file_dates_of_birth(shared_dir: Path) -> None:
    """The 2020 file: 212 of its 985 people have a date of birth, all of them read (checked by
    hand: Than Shwe, item 1 of Burma's schedule 2, `1933-02-02`; Tin Naing Thein `1955`; Maung
    Maung Soe `1964-03`; Mansour Othman ABAHUSSAIN `1972-08-10 or 1972-08-11`)."""
    path = shared_dir / "data" / "lists" / "ca-sema" / "sema-lmes_2020-04.xml"
    parsed = parse_files("ca-sema", read_inputs([path]))
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.birth_dates)) == (985, 212)
    by_key = {r.key: r for r in parsed.records}
    assert by_key["MM-2-1"].birth_dates == ("1933-02-02",)
    assert by_key["MM-2-13"].birth_dates == ("1955",)
    assert by_key["JVCFOR-1-53"].birth_dates == ("1964-03",)
    assert by_key["JVCFOR-1-54"].birth_dates == ("1972-08-10", "1972-08-11")
    assert [key for key in parsed.unmapped if key.startswith("DateOfBirth")] == []


def test_record_without_item_is_a_format_error() -> None:
    data = b"<data-set>\n<record><Country>Iran</Country><Entity>X</Entity></record></data-set>"
    with pytest.raises(FormatError, match=re.escape("s.xml: line 2 <record>: missing Country or Item")):
        parse_files("ca-sema", [InputFile("s.xml", data)])


def _fixture(name: str) -> tuple[ListRecord, ...]:
    return parse_files("ca-sema", read_inputs([FIXTURES / "ca" / name])).records


def test_later_files_list_ships_with_their_imo_number_and_date_each_listing() -> None:
    """The English tags of later files: ships beside people and entities, and a listing date."""
    parsed = parse_files("ca-sema", read_inputs([FIXTURES / "ca" / "sema_2023.xml"]))
    assert [(r.key, r.kind, r.listed_on, [i.key() for i in r.identifiers]) for r in parsed.records] == [
        ("RU-1, Part 1-12", "person", date(2022, 2, 24), ["ca-sema:RU-1, Part 1-12"]),
        ("BY-1, Part 2-3", "organisation", date(2021, 6, 21), ["ca-sema:BY-1, Part 2-3"]),
        ("RU-1, Part 3-7", "vessel", date(2023, 5, 19), ["ca-sema:RU-1, Part 3-7", "imo:9300104"]),
        ("IR-1, Part 1-40", "person", date(2022, 10, 17), ["ca-sema:IR-1, Part 1-40"]),
        ("HT-1, Part 2-2", "organisation", None, ["ca-sema:HT-1, Part 2-2"]),
    ]
    # A person's title (TitleOrShip) does not make a ship; the ship's build year is no birth.
    assert [r.birth_dates for r in parsed.records] == [("1971-04-09",), (), (), ("1968", "1969"), ()]
    # Text in a person's IMO field and a listing date that is no ISO date are shown, not kept.
    assert parsed.unmapped == {"ShipIMONumber=Not applicable": 1, "DateOfListing=17/11/2022": 1}


def test_the_bilingual_tags_of_the_newest_files_read_as_the_english_ones() -> None:
    """`Country-Pays`, `EntityOrShip-EntiteOuNavire`, ...: the same four records, field for field,
    so a list kept across the change of tags shows no change where the list made none."""
    english, bilingual = _fixture("sema_2023.xml"), _fixture("sema_2025.xml")
    assert bilingual[:4] == english[:4]
    added = bilingual[4]
    # "Moldova / Moldavie" is not in the lookup whole; its English part is.
    assert (added.key, added.name, added.listed_on, added.birth_dates) == (
        "MD-1, Part 1-21",
        "Ion Exemplu",
        date(2024, 12, 9),
        ("1980-12",),
    )


def test_an_element_the_adapter_does_not_know_is_counted() -> None:
    parsed = parse_files("ca-sema", read_inputs([FIXTURES / "ca" / "sema_2025.xml"]))
    assert parsed.unmapped == {"ShipIMONumber=Not applicable": 1, "element=PlaceOfBirth": 1}


def test_ship_kind_imo_checks_and_namespaced_tags() -> None:
    ship = "<EntityOrShip>Example Star</EntityOrShip>"
    built = "<DateOfBirthOrShipBuildDate>{}</DateOfBirthOrShipBuildDate>"
    data = _records(
        # A ship's type alone makes a vessel; so does an IMO number alone.
        f"{ship}<TitleOrShip>Bulk Carrier</TitleOrShip>",
        f"{ship}<ShipIMONumber>IMO 9512343</ShipIMONumber>" + built.format(1999),
        # A number failing its check digit is a typing error: counted, and no identifier.
        f"{ship}<ShipIMONumber>9512344</ShipIMONumber>",
        # An entity with neither is an organisation, and a date on it is counted (no birth).
        "<EntityOrShip>Example Holdings</EntityOrShip>" + built.format(2001),
    )
    parsed = parse_files("ca-sema", [InputFile("s.xml", data)])
    assert [(r.kind, [i.value for i in r.identifiers][1:]) for r in parsed.records] == [
        ("vessel", []),
        ("vessel", ["9512343"]),
        ("organisation", []),
        ("organisation", []),
    ]
    assert parsed.unmapped == {"ShipIMONumber=9512344": 1, "DateOfBirthOrShipBuildDate=2001": 1}

    spaced = (
        b'<data-set xmlns="urn:example:sema"><record><Country-Pays>Iran</Country-Pays>'
        b"<EntityOrShip-EntiteOuNavire>Example Bank</EntityOrShip-EntiteOuNavire>"
        b"<Schedule-Annexe>1</Schedule-Annexe><Item-NumeroDarticle>4</Item-NumeroDarticle></record></data-set>"
    )
    [record] = parse_files("ca-sema", [InputFile("n.xml", spaced)]).records
    assert (record.key, record.name, record.kind) == ("IR-1-4", "Example Bank", "organisation")


def test_a_record_naming_a_person_and_an_entity_or_stating_a_field_twice_is_a_format_error() -> None:
    both = _records("<LastName>Roe</LastName><EntityOrShip>Roe Ltd</EntityOrShip>")
    with pytest.raises(FormatError, match=re.escape("names both a person ('Roe') and an entity ('Roe Ltd')")):
        parse_files("ca-sema", [InputFile("s.xml", both)])
    twice = _records("<Entity>Roe Ltd</Entity><Entity-Entite>Roe Limited</Entity-Entite>")
    with pytest.raises(FormatError, match=re.escape("Entity stated twice: 'Roe Ltd', 'Roe Limited'")):
        parse_files("ca-sema", [InputFile("s.xml", twice)])
