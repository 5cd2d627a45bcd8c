"""The FCDO's UK Sanctions List CSV: rows grouped by Unique ID, names and scripts, regimes to lists.

The fixture is hand-written in the published layout (the `Report Date:` line, the 58-column header)
with made-up entries; see tests/fixtures/lists/uk-fcdo.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs
from proscribe.sources.uk_fcdo import report_date

FIXTURE = FIXTURES / "uk-fcdo" / "uk-sanctions-list_2026-10-08.csv"
HEADER = (
    "Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name type,Alias strength,"
    "Regime Name,Designation Type,Date Designated"
)
CT = '"The Counter-Terrorism (Sanctions) (EU Exit) Regulations 2019"'


def _parse(*lines: str) -> list[tuple[str, str, tuple[str, ...]]]:
    data = "\r\n".join(["Report Date: 20-Nov-2026", HEADER, *lines]).encode()
    parsed = parse_files("uk-sanctions-list", [InputFile("l.csv", data)])
    return [(r.key, r.name, r.list_ids) for r in parsed.records]


def test_fixture_groups_rows_by_unique_id_with_names_scripts_and_lists() -> None:
    parsed = parse_files("uk-sanctions-list", read_inputs([FIXTURE]))
    assert parsed.snapshot_date == date(2026, 10, 8)
    front, person, ship, narnia, exchange = parsed.records
    # Two address rows repeat the primary name (once with stray spaces): one name, not two.
    assert (front.key, front.kind, front.list_ids, front.listed_on) == (
        "CTI0901",
        "organisation",
        ("gb-uksl", "gb-sanctions-ct"),
        date(2019, 5, 2),
    )
    assert [(n.value, n.kind) for n in front.names] == [
        ("EXAMPLE FRONT", "primary"),
        ("FRONT EXEMPLAIRE", "alias"),
        ("EX-FRONT", "weak_alias"),
    ]
    assert [i.key() for i in front.identifiers] == ["gb-uksl:CTI0901", "gb-hmt:9001"]
    assert [(n.value, n.kind, n.script) for n in person.names] == [
        ("Hans MÜLLER", "primary", "Latn"),
        ("هانس مولر", "alias", "Arab"),
        ("Hans MUELLER", "alias", "Latn"),
    ]
    assert [i.key() for i in person.identifiers] == ["gb-uksl:AQD0977", "gb-hmt:9002", "un:QDi.977"]
    assert (person.kind, person.list_ids, person.listed_on) == (
        "person",
        ("gb-uksl", "gb-sanctions-ct"),
        date(2014, 6, 11),
    )
    # A date of birth on each of its two name rows: a day, and a year with 00 for day and month.
    assert person.birth_dates == ("1970-01-01", "1971")
    assert [r.birth_dates for r in (front, ship, narnia, exchange)] == [(), (), (), ()]
    assert (ship.kind, ship.list_ids, ship.name, ship.listed_on) == (
        "vessel",
        ("gb-uksl",),
        "EXAMPLE CARRIER",
        date(2024, 7, 31),
    )
    # A ship's IMO number, as the list writes it (`IMO9000003`), is kept.
    assert [i.key() for i in ship.identifiers] == ["gb-uksl:RUS2901", "imo:9000003"]
    # The Afghanistan (Taliban) regime is a sanctions regime, not a counter-terrorism one.
    assert (exchange.list_ids, [i.key() for i in exchange.identifiers]) == (
        ("gb-uksl",),
        ["gb-uksl:AFG0901", "gb-hmt:9003", "un:TAe.901"],
    )
    # What the metadata does not know is counted, and the entry still kept.
    assert (narnia.kind, narnia.list_ids, narnia.listed_on) == ("other", ("gb-uksl",), None)
    assert [(n.value, n.kind) for n in narnia.names] == [("NARNIA TRADING", "primary"), ("NT", "alias")]
    assert parsed.unmapped == {
        "Designation Type=Company": 1,
        "Date Designated=1 Oct 2026": 1,
        "Regime Name=The Narnia (Sanctions) Regulations 2030": 2,
        "Name type=Nickname": 1,
    }


def test_only_a_ships_imo_number_is_read_and_one_failing_its_check_is_counted_once() -> None:
    header = f"{HEADER},IMO number"
    row = "01/02/2026,{},,,{},,Primary Name,,{},{},02/05/2019,{}".format
    russia = '"The Russia (Sanctions) (EU Exit) Regulations 2019"'
    lines = [
        row("RUS2903", "SEA STAR", russia, "Ship", "9187629"),
        row("RUS2903", "SEA STAR", russia, "Ship", "IMO 9187629"),  # another row, written otherwise
        row("RUS2904", "SEA MIST", russia, "Ship", "IMO9187620"),
        row("RUS2904", "SEA MIST", russia, "Ship", "IMO9187620"),
        row("RUS2905", "SEA DUST", russia, "Ship", ""),
        # An entity's number is no ship's (a shipping company's IMO company number): not read.
        row("RUS2906", "MYSTERY SHIPPING CO", russia, "Entity", "IMO 5878589"),
    ]
    data = "\r\n".join(["Report Date: 20-Nov-2026", header, *lines]).encode()
    parsed = parse_files("uk-sanctions-list", [InputFile("l.csv", data)])
    assert [(r.key, r.kind, [i.key() for i in r.identifiers][1:]) for r in parsed.records] == [
        ("RUS2903", "vessel", ["imo:9187629"]),
        ("RUS2904", "vessel", []),
        ("RUS2905", "vessel", []),
        ("RUS2906", "organisation", []),
    ]
    assert parsed.unmapped == {"IMO number=IMO9187620": 1}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Report Date: 08-Oct-2026", date(2026, 10, 8)),
        ("Report Date: 1-feb-2026,,,", date(2026, 2, 1)),
        ("Report Date: 31-Feb-2026", None),
        ("Report Date: 08-Okt-2026", None),
        ("Last Updated,15/03/2020", None),
    ],
)
def test_report_date_line(line: str, expected: date | None) -> None:
    assert report_date(line.split(",")) == expected


def test_an_entry_whose_primary_name_comes_after_its_alias_is_still_named_by_it() -> None:
    assert _parse(
        f"01/01/2026,CTD0001,,,OLD NAME,,Alias,Good quality,{CT},Entity,01/01/2026",
        f"01/01/2026,CTD0001,,,NEW NAME,,Primary Name,,{CT},Entity,01/01/2026",
    ) == [("CTD0001", "NEW NAME", ("gb-uksl", "gb-sanctions-ct"))]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["Last Updated,15/03/2020", HEADER], "f.csv: line 1: expected `Report Date: dd-Mon-yyyy`"),
        (
            ["Report Date: 08-Oct-2026", "Last Updated,Name 6,Name 1,Name type"],
            "f.csv: line 2: header lacks column(s) Unique ID, Regime Name, Designation Type, Date Designated",
        ),
        (
            ["Report Date: 08-Oct-2026", HEADER, f"01/01/2026,CTD0001,,,A NAME,,Primary Name,,{CT},Entity"],
            "f.csv: line 3: expected 11 columns, got 10",
        ),
        (
            ["Report Date: 08-Oct-2026", HEADER, f"01/01/2026,CTD 1,,,A NAME,,Primary Name,,{CT},Entity,"],
            "f.csv: line 3: Unique ID 'CTD 1' is not an entry reference",
        ),
        (
            ["Report Date: 08-Oct-2026", HEADER, f"01/01/2026,CTD0001,,,,,Primary Name,,{CT},Entity,"],
            "f.csv: Unique ID CTD0001: no row of this entry has a name",
        ),
        (
            ["Report Date: 08-Oct-2026", HEADER, '01/01/2026,CTD0001,,,"A NAME'],
            "f.csv: line 3: expected 11 columns, got 5",  # cut short inside a quoted cell
        ),
    ],
)
def test_drift_is_a_format_error_naming_file_and_line(lines: list[str], message: str) -> None:
    data = "\n".join(lines).encode()
    with pytest.raises(FormatError, match=re.escape(message)):
        parse_files("uk-sanctions-list", [InputFile("f.csv", data)])


def test_address_countries_are_the_records_countries() -> None:
    header = f"{HEADER},Address Line 1,Address Country,Nationality(/ies)"
    row = "01/02/2026,CTI0901,,,EXAMPLE FRONT,,Primary Name,,{},Entity,02/05/2019,{},{},{}".format
    lines = [
        row(CT, "1 Example Street", "Syria", ""),
        row(CT, "2 Other Road", "Lebanon", ""),
        row(CT, "3 Third Lane", "Syria", ""),
        row(CT, "", "", "Iraq"),
    ]
    data = "\r\n".join(["Report Date: 20-Nov-2026", header, *lines]).encode()
    [record] = parse_files("uk-sanctions-list", [InputFile("l.csv", data)]).records
    assert record.country == "Syria; Lebanon"


def test_dates_of_birth_are_a_persons_only_and_the_unread_counted() -> None:
    header = f"{HEADER},D.O.B"
    row = "01/02/2026,{},,,{},,Primary Name,,{},{},02/05/2019,{}".format
    lines = [
        row("CTI0902", "HASSAN", CT, "Individual", "00/00/1975"),
        row("CTI0902", "HASSAN", CT, "Individual", "00/06/1975"),
        row("CTI0902", "HASSAN", CT, "Individual", "00/00/1975"),  # an address row repeats it
        row("CTI0902", "HASSAN", CT, "Individual", ""),
        row("CTI0902", "HASSAN", CT, "Individual", "31/02/1975"),
        row("CTI0902", "HASSAN", CT, "Individual", "31/02/1975"),
        row("CTI0903", "HASSAN TRADING", CT, "Entity", "01/01/2001"),
    ]
    data = "\r\n".join(["Report Date: 20-Nov-2026", header, *lines]).encode()
    parsed = parse_files("uk-sanctions-list", [InputFile("l.csv", data)])
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("CTI0902", ("1975", "1975-06")),
        ("CTI0903", ()),
    ]
    assert parsed.unmapped == {"D.O.B=31/02/1975": 1}


def test_a_header_without_a_date_of_birth_column_states_none() -> None:
    data = "\r\n".join(
        [
            "Report Date: 20-Nov-2026",
            HEADER,
            f"01/02/2026,CTI0902,,,HASSAN,,Primary Name,,{CT},Individual,02/05/2019",
        ]
    )
    [record] = parse_files("uk-sanctions-list", [InputFile("l.csv", data.encode())]).records
    assert (record.kind, record.birth_dates) == ("person", ())


def test_a_persons_nationalities_are_read_from_the_nationality_column() -> None:
    """The fixture's Hans Müller (AQD0977): one row says "(1) Narnian (2) Germany", the other
    "Narnian": one per item, once each, in order. A header without the column states none."""
    parsed = parse_files("uk-sanctions-list", read_inputs([FIXTURE]))
    assert {r.key: r.nationalities for r in parsed.records if r.nationalities} == {
        "AQD0977": ("Narnian", "Germany")
    }
    assert "Nationality(/ies)" not in HEADER
