"""EU FSF CSV v1.0 adapter: rows grouped by entity, re-saved quoted lines unwrapped, drift errors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs

HEADER = (
    "Date_file;Entity_logical_id;Subject_type;Programme;Naal_logical_id;Entity_logical_id;"
    "Naal_wholename;Naal_lastname;Naal_firstname;Naal_middlename;Naal_language"
)


def test_plain_and_rewrapped_rows_group_by_entity() -> None:
    rows = [
        HEADER,
        "05/03/2016;7;E;TERR;1;7;Example Liberation Army;;;;",
        '"05/03/2016;7;E;TERR;2;7;""ELA"" Brigade;;;;FR\t\t\t"',
        "05/03/2016;8;P;ZWE;3;8;;Doe;Jane;Q.;",
    ]
    parsed = parse_files("eu-fsf-csv", [InputFile("f.csv", "\n".join(rows).encode())])
    assert parsed.snapshot_date == date(2016, 3, 5)
    assert [(r.key, r.kind, r.list_ids, [(n.value, n.kind) for n in r.names]) for r in parsed.records] == [
        (
            "7",
            "organisation",
            ("eu-fsf", "eu-terrorist"),
            [("Example Liberation Army", "primary"), ('"ELA" Brigade', "translation")],
        ),
        ("8", "person", ("eu-fsf",), [("Jane Q. Doe", "primary")]),
    ]
    assert parsed.warnings == ()


def test_short_row_names_the_line() -> None:
    data = f"{HEADER}\n05/03/2016;7;E\n".encode()
    with pytest.raises(FormatError, match=re.escape("g.csv: line 2: expected 11 columns, got 3")):
        parse_files("eu-fsf-csv", [InputFile("g.csv", data)])


def test_address_countries_are_read_from_addr_country() -> None:
    header = f"{HEADER};Addr_country;Citi_country"
    rows = [
        header,
        "04/07/2018;234;E;IRQ;1;234;Rafidain Bank;;;;;IRQ;",
        "04/07/2018;234;E;IRQ;1;234;Rafidain Bank;;;;;JOR;",
        "04/07/2018;234;E;IRQ;1;234;Rafidain Bank;;;;;IRQ;",
        "04/07/2018;234;E;IRQ;1;234;Rafidain Bank;;;;;;GBR",
    ]
    [record] = parse_files("eu-fsf-csv", [InputFile("c.csv", "\n".join(rows).encode())]).records
    assert record.country == "IRQ; JOR"


def test_birth_dates_are_read_from_birt_date_for_persons() -> None:
    """One row per birth section, as in the real file: a date twice (two acts), a year, approximate
    forms as the legacy XML writes them, `N/A` (states nothing), a day that never was (counted)."""
    header = f"{HEADER};Birt_date;Birt_place"
    rows = [
        header,
        "04/07/2018;191;P;TERR;1;191;Khalid Shaikh MOHAMMED;;;;;;",
        "04/07/2018;191;P;TERR;;191;;;;;;1965-04-14;-",
        "04/07/2018;191;P;TERR;;191;;;;;;1965-04-14;Karachi",
        "04/07/2018;191;P;TERR;;191;;;;;;1964-03-01;-",
        "04/07/2018;191;P;TERR;;191;;;;;;1963;-",
        "04/07/2018;191;P;TERR;;191;;;;;;1957 (approximative);-",
        "04/07/2018;191;P;TERR;;191;;;;;;1958 - 1963 (approximative);-",
        "04/07/2018;191;P;TERR;;191;;;;;;N/A;Baghdad",
        "04/07/2018;191;P;TERR;;191;;;;;;1969-02-29;-",
        "04/07/2018;20;P;IRQ;2;20;Qusay Saddam Hussein Al-Tikriti;;;;;;",
        "04/07/2018;20;P;IRQ;;20;;;;;;N/A;Baghdad",
        "04/07/2018;20;P;IRQ;;20;;;;;;1969-02-29;-",
        "04/07/2018;234;E;IRQ;3;234;Rafidain Bank;;;;;1941-05-01;",
    ]
    parsed = parse_files("eu-fsf-csv", [InputFile("b.csv", "\n".join(rows).encode())])
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        (
            "191",
            (
                "1965-04-14",
                "1964-03-01",
                "1963",
                "1956-01-01/1958-12-31",
                "1958-01-01/1963-12-31",
            ),
        ),
        ("20", ()),
        ("234", ()),  # an entity is not born
    ]
    # Counted once per person stating it.
    assert parsed.unmapped == {"Birt_date=1969-02-29": 2}


def test_a_header_without_birt_date_states_no_birth_dates() -> None:
    rows = [HEADER, "04/07/2018;191;P;TERR;1;191;Khalid Shaikh MOHAMMED;;;;"]
    [record] = parse_files("eu-fsf-csv", [InputFile("n.csv", "\n".join(rows).encode())]).records
    assert record.birth_dates == ()


def test_real_file_birth_dates(shared_dir: Path) -> None:
    """The 2018-07-04 excerpt, checked by hand: Robert Mugabe (1) `Birt_date` 1924-02-21 on two
    rows; Khalid Shaikh Mohammed (191) 1965-04-14 and 1964-03-01; Qusay Saddam Hussein (20) only
    `N/A` (the legacy XML of 2016 has 1965 and 1966: this file lost years given alone). 10 of its
    61 persons state a date; nothing is left unread."""
    path = shared_dir / "data" / "lists" / "eu-fsf" / "eu-fsf-csv-v1_2018-07-04_excerpt.csv"
    parsed = parse_files("eu-fsf-csv", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["1"].birth_dates == ("1924-02-21",)
    assert by_key["191"].birth_dates == ("1965-04-14", "1964-03-01")
    assert by_key["20"].birth_dates == ()
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.birth_dates)) == (61, 10)
    assert parsed.unmapped == {}


def test_real_file_citizenships(shared_dir: Path) -> None:
    """The 2018-07-04 excerpt, checked by hand: Qusay Saddam Hussein (20) `Citi_country` IRQ on one
    of his rows (empty on the others); Robert Mugabe (1) and Khalid Shaikh Mohammed (191) none. 58 of
    its 61 persons state one."""
    path = shared_dir / "data" / "lists" / "eu-fsf" / "eu-fsf-csv-v1_2018-07-04_excerpt.csv"
    parsed = parse_files("eu-fsf-csv", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["20"].nationalities == ("IRQ",)
    assert by_key["1"].nationalities == by_key["191"].nationalities == ()
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.nationalities)) == (61, 58)


def test_a_header_without_citi_country_states_no_nationality() -> None:
    rows = [HEADER, "04/07/2018;191;P;TERR;1;191;Khalid Shaikh MOHAMMED;;;;"]
    [record] = parse_files("eu-fsf-csv", [InputFile("n.csv", "\n".join(rows).encode())]).records
    assert record.nationalities == ()
