"""HM Treasury consolidated CSV adapter: Windows-1252, rows grouped by Group ID, regimes to lists."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_groups_names_and_regimes() -> None:
    parsed = parse_files(
        "uk-hmt-ofsi-consolidated", read_inputs([FIXTURES / "uk" / "conlist_2020-03-15.csv"])
    )
    assert parsed.snapshot_date == date(2020, 3, 15)
    front, person, specimen = parsed.records
    assert (front.key, front.kind, front.list_ids, front.listed_on) == (
        "9001",
        "organisation",
        ("gb-hmt", "gb-sanctions-ct"),
        date(2019, 5, 2),
    )
    assert [(n.value, n.kind) for n in front.names] == [
        ("EXAMPLE FRONT", "primary"),
        ("FRONT EXEMPLAIRE", "alias"),
        ("OLD FRONT", "former"),
    ]
    assert (person.kind, person.list_ids, [n.value for n in person.names]) == (
        "person",
        ("gb-hmt",),
        ["Hans MÜLLER", "Hans MULLER"],
    )
    # Each name row repeats the person's dates of birth: 00 is an unknown day or month, and
    # 29/02/1969 a day that never was (counted once for the person, not once per row).
    assert (front.birth_dates, person.birth_dates) == ((), ("1970-01-01",))
    assert (specimen.key, specimen.birth_dates) == ("9004", ("1962-01-12", "1966", "1958-09"))
    assert parsed.unmapped == {"Regime=Narnia": 2, "Alias Type=Nickname": 1, "DOB=29/02/1969": 1}


def test_missing_preamble_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=re.escape("c.csv: line 1: expected `Last Updated,dd/mm/yyyy`")):
        parse_files("uk-hmt-ofsi-consolidated", [InputFile("c.csv", b"Name 6,Name 1\n")])


def test_missing_column_is_named() -> None:
    data = b"Last Updated,15/03/2020\nName 6,Name 1,Group Type,Alias Type,Regime,Listed On\n"
    with pytest.raises(FormatError, match=re.escape("d.csv: line 2: header lacks column(s) Group ID")):
        parse_files("uk-hmt-ofsi-consolidated", [InputFile("d.csv", data)])


def test_a_group_under_two_regimes_is_dated_on_each_list_by_its_own_rows() -> None:
    header = (
        "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,"
        "Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,"
        "Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID"
    )
    blanks = "," * 22

    def row(name: str, alias: str, regime: str, listed: str) -> str:
        return f"{name}{blanks},Individual,{alias},{regime},{listed},01/01/2020,7001"

    text = "\n".join(
        [
            "Last Updated,15/03/2020",
            header,
            row("SAMPLE", "Primary name", "Somalia", "28/04/2012"),
            row("SAMPLE", "Primary name", "Al-Qaida", "08/11/2003"),
            row("SAMPEL", "AKA", "Somalia", "28/04/2012"),
        ]
    )
    parsed = parse_files("uk-hmt-ofsi-consolidated", [InputFile("conlist.csv", text.encode("cp1252"))])
    [record] = parsed.records
    assert record.list_ids == ("gb-hmt", "gb-sanctions-ct")
    assert (record.listed_on_for("gb-hmt"), record.listed_on_for("gb-sanctions-ct")) == (
        date(2003, 11, 8),
        date(2003, 11, 8),
    )
    # A group whose regimes' lists were listed on different days says so per list.
    later = text.replace("Al-Qaida,08/11/2003", "Al-Qaida,08/11/2013")
    [record] = parse_files("uk-hmt-ofsi-consolidated", [InputFile("conlist.csv", later.encode())]).records
    assert (record.listed_on_for("gb-hmt"), record.listed_on_for("gb-sanctions-ct")) == (
        date(2012, 4, 28),
        date(2013, 11, 8),
    )


def test_a_group_states_the_countries_of_its_rows_addresses() -> None:
    header = (
        "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,"
        "Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,"
        "Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID"
    )

    def row(name: str, alias: str, country: str) -> str:
        return f"{name}{',' * 21}{country},,Entity,{alias},Syria,26/06/2012,26/06/2012,12691"

    text = "\n".join(
        [
            "Last Updated,15/03/2020",
            header,
            row("MINISTRY OF DEFENCE", "Prime Alias", "Syria"),
            row("MINISTRY OF DEFENCE", "Prime Alias", "Syria"),
            row("MINISTRY OF DEFENCE", "Prime Alias", ""),
            row("MOD", "AKA", "Syria (previous address)"),
        ]
    )
    [record] = parse_files("uk-hmt-ofsi-consolidated", [InputFile("conlist.csv", text.encode())]).records
    assert record.country == "Syria; Syria (previous address)"


def test_dob_is_read_for_individuals_only() -> None:
    header = (
        "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,"
        "Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,"
        "Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID"
    )

    def row(name: str, dob: str, kind: str, group: str) -> str:
        return f"{name},,,,,,,{dob}{',' * 16}{kind},Prime Alias,Al-Qaida,08/11/2003,01/01/2020,{group}"

    text = "\n".join(
        [
            "Last Updated,15/03/2020",
            header,
            row("SAMPLE", "00/00/1957", "Individual", "7001"),
            row("SAMPLE", "15/10/1963", "Individual", "7001"),
            row("SAMPLE", "00/00/1957", "Individual", "7001"),
            row("SAMPLE", "", "Individual", "7001"),
            row("SAMPLE", "1963-10-15", "Individual", "7001"),  # the same day, ISO
            row("SAMPLE", "31/06/1960", "Individual", "7001"),
            row("SAMPLE", "12/00/1960", "Individual", "7001"),
            row("SAMPLE", "unknown", "Individual", "7001"),
            row("SAMPLE TRADING", "01/01/1990", "Entity", "7002"),
        ]
    )
    parsed = parse_files("uk-hmt-ofsi-consolidated", [InputFile("conlist.csv", text.encode("cp1252"))])
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("7001", ("1957", "1963-10-15")),
        ("7002", ()),
    ]
    assert parsed.unmapped == {"DOB=31/06/1960": 1, "DOB=12/00/1960": 1, "DOB=unknown": 1}


def test_real_file_birth_dates(shared_dir: Path) -> None:
    """The complete list of 2014-04-02, checked by hand: Abu Mohammed AL-JAWLANI (12883) 00/00/1979,
    1976, 1977, 1978 and 1975 on each of his 20 name rows; Abdul Habib ALIZAI (11274) 15/10/1963,
    14/02/1973, 00/00/1957, 00/00/1967. 878 of its 1337 individuals state a DOB; the one it
    cannot read is Benjamin YEATEN's 29/02/1969 (1969 was no leap year)."""
    path = shared_dir / "data" / "lists" / "uk-hmt-ofsi-consolidated" / "hmt-sanctionsconlist_2014-04-02.csv"
    parsed = parse_files("uk-hmt-ofsi-consolidated", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["12883"].birth_dates == ("1979", "1976", "1977", "1978", "1975")
    assert by_key["11274"].birth_dates == ("1963-10-15", "1973-02-14", "1957", "1967")
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.birth_dates)) == (1337, 878)
    assert {k: n for k, n in parsed.unmapped.items() if k.startswith("DOB=")} == {"DOB=29/02/1969": 1}


def test_a_persons_nationality_cells_are_read_as_written_and_numbered_ones_split() -> None:
    """The fixture's SPECIMEN (group 9004): its `Ivo` rows say "(1) Somali (2) Swedish", its `Ivan`
    rows "Somali": one nationality per item, once each, in order. Nothing is counted: the cell is
    free text, kept as the list writes it."""
    parsed = parse_files(
        "uk-hmt-ofsi-consolidated", read_inputs([FIXTURES / "uk" / "conlist_2020-03-15.csv"])
    )
    assert {r.key: r.nationalities for r in parsed.records if r.nationalities} == {
        "9004": ("Somali", "Swedish")
    }
    assert not [k for k in parsed.unmapped if k.startswith("Nationality")]


def test_real_file_nationalities(shared_dir: Path) -> None:
    """The complete list of 2014-04-02, checked by hand: Said BAHAJI (7059) "(1) German (2)
    Moroccan"; Abdul Rahman AGHA (6941) "(1) Afghan (2) Pakistani"; Abu Mohammed AL-JAWLANI
    (12883) "Syrian" on each of his name rows. 529 of its 1337 individuals state one."""
    path = shared_dir / "data" / "lists" / "uk-hmt-ofsi-consolidated" / "hmt-sanctionsconlist_2014-04-02.csv"
    parsed = parse_files("uk-hmt-ofsi-consolidated", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["7059"].nationalities == ("German", "Moroccan")
    assert by_key["6941"].nationalities == ("Afghan", "Pakistani")
    assert by_key["12883"].nationalities == ("Syrian",)
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.nationalities)) == (1337, 529)
