"""EU FSF CSV v1.0 adapter: rows grouped by entity, re-saved quoted lines unwrapped, drift errors."""

from __future__ import annotations

import re
from datetime import date

import pytest

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files

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
