"""Canada SEMA XML adapter: keys from regime code, schedule and item; people and entities."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
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
