"""OFAC legacy CSV adapter: golden output, duplicates and stray EOF bytes, drift errors."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.errors import FormatError, HostileInputError
from proscribe.sources import ofac_csv
from proscribe.sources.common import InputFile
from proscribe.sources.meta import source_meta
from proscribe.sources.registry import parse_files, read_inputs


def test_golden_set() -> None:
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))))
    expected, actual = golden("ofac_2020-01.json", parsed)
    assert actual == expected


def test_duplicates_and_rows_after_the_eof_byte_are_reported() -> None:
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-06").glob("*.csv"))))
    assert [r.key for r in parsed.records] == ["10", "12", "13", "14"]
    assert [w.rsplit("/", 1)[-1] for w in parsed.warnings] == [
        "sdn.csv: line 6: the file ends at OFAC's end-of-file byte; the 2 row(s) after it are not part of "
        "it and were not read (programs: NS-PLC 1, UKRAINE-EO13662 1)",
        "sdn.csv: the set has no add file, so it states no addresses: no change to them is read from this "
        "snapshot",
        "sdn.csv: 1 repeated record key(s) merged",
    ]
    assert parsed.unstated == {"addresses"}
    gamma = parsed.records[3]
    assert (gamma.kind, gamma.list_ids) == ("aircraft", ("us-sdn", "us-sdgt"))


def test_pipe_delimited_set_reads_like_csv() -> None:
    rows = b'10|"EXAMPLE TRADING LLC"|-0- |"SDGT"|-0- |-0- |-0- |-0- |-0- |-0- |-0- |-0- \n'
    parsed = parse_files("us-ofac-non-sdn-legacy", [InputFile("cons_prim.pip", rows)])
    assert [(r.key, r.name, r.list_ids) for r in parsed.records] == [
        ("10", "EXAMPLE TRADING LLC", ("us-ofac-cons",))
    ]


_ROW = b'10,"EXAMPLE TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'


@pytest.mark.parametrize(
    ("source", "name", "owner"),
    [
        # OFAC's two lists ship sets alike but for their names: read as the other list, every
        # entry would be put on the wrong one (and later delisted from it).
        ("us-ofac-sdn-csv", "cons_prim.csv", "us-ofac-non-sdn-csv, us-ofac-non-sdn-legacy"),
        ("us-ofac-sdn-csv", "cons_alt.csv", "us-ofac-non-sdn-csv, us-ofac-non-sdn-legacy"),
        ("us-ofac-non-sdn-csv", "sdn.csv", "us-ofac-sdn-csv"),
        ("us-ofac-non-sdn-legacy", "2024/sdn_comments.pip", "us-ofac-sdn-csv"),
    ],
)
def test_a_file_of_the_other_ofac_list_is_refused_naming_its_source(
    source: str, name: str, owner: str
) -> None:
    # The wrong source leads (when another source reads the row), the set it belongs to after.
    message = f"file name: belongs to the file set of {owner}, not of {source}"
    with pytest.raises(FormatError, match=f"^{re.escape(name)}: .*{re.escape(message)}"):
        parse_files(source, [InputFile(name, _ROW)])


def test_set_members_are_told_by_the_longest_stem_their_name_ends_with() -> None:
    meta = source_meta("us-ofac-sdn-csv")
    assert ofac_csv._role(meta, "downloads/2024-04_sdn.csv") == ("primary", ",")
    assert ofac_csv._role(meta, "sdn_comments.pip") == ("comments", "|")
    assert ofac_csv._role(source_meta("us-ofac-non-sdn-csv"), "CONS_ALT.CSV") == ("alt", ",")
    with pytest.raises(
        FormatError, match=re.escape("names.csv: file name: not one of us-ofac-sdn-csv's set")
    ):
        ofac_csv._role(meta, "names.csv")


def _fixed(*cells: tuple[str, int]) -> str:
    """One fixed-field line: each value left-aligned in its width (ent_num right-aligned, as OFAC does)."""
    first, *rest = cells
    return first[0].rjust(first[1]) + "".join(value.ljust(width) for value, width in rest)


PRIMARY_WIDTHS = (10, 350, 12, 50, 200, 8, 25, 14, 8, 40, 150, 1000)


def _primary(ent_num: str, name: str, kind: str, program: str, remarks: str = "-0-") -> str:
    values = (ent_num, name, kind, program, *["-0-"] * 7, remarks)
    return _fixed(*zip(values, PRIMARY_WIDTHS, strict=True))


def test_fixed_field_set_reads_like_csv() -> None:
    prim = _primary("10", "EXAMPLE TRADING LLC", "-0-", "SDGT] [FTO") + "\r\n"
    prim += _primary("11", 'SHIP "SAMPLE"', "vessel", "IRAN") + "\r\n"
    # The file ends at OFAC's end-of-file byte, as in the delimited files: what follows is reported.
    prim += "\x1a" + _primary("12", "APPENDED LLC", "-0-", "NS-PLC") + "\r\n"
    alt = _fixed(("10", 10), ("1", 10), ("fka", 8), ("OLD EXAMPLE LLC", 350), ("-0-", 200)) + "\r\n"
    comments = _fixed(("11", 10), ("Overflow of the remarks beyond 1000 characters.", 48)) + "\r\n"
    parsed = parse_files(
        "us-ofac-non-sdn-legacy",
        [
            InputFile("cons_prim.ff", prim.encode("cp1252")),
            InputFile("cons_alt.ff", alt.encode("cp1252")),
            InputFile("cons_comments.ff", comments.encode("cp1252")),
        ],
    )
    assert [(r.key, r.kind, [(n.value, n.kind) for n in r.names]) for r in parsed.records] == [
        ("10", "organisation", [("EXAMPLE TRADING LLC", "primary"), ("OLD EXAMPLE LLC", "former")]),
        # The fixed-field files keep the double quotes the delimited ones turn into apostrophes.
        ("11", "vessel", [('SHIP "SAMPLE"', "primary")]),
    ]
    assert parsed.warnings == (
        "cons_prim.ff: line 3: the file ends at OFAC's end-of-file byte; the 1 row(s) after it are not "
        "part of it and were not read (programs: NS-PLC 1)",
        "cons_prim.ff: the set has no add file, so it states no addresses: no change to them is read "
        "from this snapshot",
    )


def test_a_layout_with_the_wrong_number_of_columns_is_refused() -> None:
    meta = replace(source_meta("us-ofac-non-sdn-legacy"), fixed_fields={"alt": (10, 10, 358)})
    alt = InputFile("cons_alt.ff", b"x" * 378)
    prim = InputFile("cons_prim.ff", _primary("10", "X", "-0-", "SDGT").encode())
    with pytest.raises(FormatError, match=re.escape("cons_alt.ff: layout: us-ofac-non-sdn-legacy gives 3")):
        ofac_csv.parse(meta, [prim, alt])


def test_fixed_field_line_of_the_wrong_length_names_file_and_line() -> None:
    prim = _primary("10", "EXAMPLE", "-0-", "SDGT") + "\n" + _primary("11", "SHORT", "-0-", "SDGT")[:-5]
    with pytest.raises(
        FormatError, match=re.escape("cons_prim.ff: line 2: expected 1867 characters, got 1862")
    ):
        parse_files("us-ofac-non-sdn-legacy", [InputFile("cons_prim.ff", prim.encode())])
    # The spillover file's remarks run to the end of the line; its ent_num still needs its 10.
    primary = InputFile("cons_prim.ff", _primary("11", "X", "-0-", "SDGT").encode())
    for line, error in (
        ("11", "line 1: expected at least 10 characters, got 2"),
        ("     11Overflow", "line 1: ent_num '11Ove' is not a number"),  # shifted: a column out of place
    ):
        with pytest.raises(FormatError, match=re.escape(f"cons_comments.ff: {error}")):
            parse_files("us-ofac-non-sdn-legacy", [primary, InputFile("cons_comments.ff", line.encode())])


def test_a_source_without_a_fixed_field_layout_refuses_ff_files() -> None:
    with pytest.raises(
        FormatError, match=re.escape("sdn.ff: file name: us-ofac-sdn-csv has no fixed-field layout")
    ):
        parse_files("us-ofac-sdn-csv", [InputFile("sdn.ff", _primary("10", "X", "-0-", "SDGT").encode())])


def test_short_row_names_file_and_line() -> None:
    with pytest.raises(FormatError, match=re.escape("short_row_sdn.csv: line 1: expected 12 columns, got 4")):
        parse_files("us-ofac-sdn-csv", read_inputs([FIXTURES / "hostile" / "short_row_sdn.csv"]))


def test_binary_input_is_refused() -> None:
    with pytest.raises(HostileInputError, match=re.escape("binary_sdn.csv: binary content")):
        parse_files("us-ofac-sdn-csv", read_inputs([FIXTURES / "hostile" / "binary_sdn.csv"]))


def test_set_without_primary_file_is_refused() -> None:
    with pytest.raises(FormatError, match=re.escape("us-ofac-sdn-csv: input: the set has no primary file")):
        parse_files("us-ofac-sdn-csv", [InputFile("alt.csv", b'10,1,"aka","X",-0- \n')])


def test_non_numeric_ent_num_is_a_format_error() -> None:
    row = b'X1,"NAME",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    with pytest.raises(FormatError, match=re.escape("sdn.csv: line 1: ent_num 'X1' is not a number")):
        parse_files("us-ofac-sdn-csv", [InputFile("sdn.csv", row)])


def test_alias_and_address_rows_of_an_absent_ent_num_are_reported() -> None:
    sdn = b'10,"EXAMPLE TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    alt = b'10,1,"aka","EXAMPLE TRADE",-0- \n99,2,"aka","NOBODY KNOWN",-0- \n'
    add = b'98,1,"Main St","Springfield","Ruritania",-0- \n'
    parsed = parse_files(
        "us-ofac-sdn-csv", [InputFile("sdn.csv", sdn), InputFile("alt.csv", alt), InputFile("add.csv", add)]
    )
    assert [n.value for n in parsed.records[0].names] == ["EXAMPLE TRADING LLC", "EXAMPLE TRADE"]
    assert [w for w in parsed.warnings if "not in sdn.csv" in w] == [
        "alt.csv: rows of 1 ent_num(s) not in sdn.csv were not read (99)",
        "add.csv: rows of 1 ent_num(s) not in sdn.csv were not read (98)",
    ]


def test_a_set_mixed_from_two_publications_is_refused() -> None:
    """Six ent_nums of alt.csv that sdn.csv lacks: over MIXED_SET_ORPHANS, another download's file."""
    sdn = b'10,"EXAMPLE TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    alt = b"".join(b'%d,1,"aka","STRAY %d",-0- \n' % (key, key) for key in range(90, 96))
    with pytest.raises(
        FormatError,
        match=re.escape(
            "alt.csv: input: rows of 6 ent_num(s) not in sdn.csv (90, 91, 92, 93, 94 and 1 more): the files "
            "look to come from different publications; import the files of one download together (or "
            "leave out alt.csv, and its aliases are not stated)"
        ),
    ):
        parse_files("us-ofac-sdn-csv", [InputFile("sdn.csv", sdn), InputFile("alt.csv", alt)])


def test_real_sets_mixed_from_2019_and_2021_are_refused(shared_dir: Path) -> None:
    """The 2019-01 sdn.csv with the 2021-07 alt.csv: 993 stray ent_nums; the reverse: 60. Each real
    set alone has none (checked by hand with the csv module)."""
    base = shared_dir / "data" / "lists" / "us-ofac-sdn-csv"
    for primary, other, strays in (("2019-01", "2021-07", 993), ("2021-07", "2019-01", 60)):
        files = read_inputs([base / primary / "sdn.csv", base / other / "alt.csv"])
        with pytest.raises(FormatError, match=f"rows of {strays} ent_num"):
            parse_files("us-ofac-sdn-csv", files)
        whole = read_inputs(sorted((base / primary).glob("*.csv")))
        assert not [w for w in parse_files("us-ofac-sdn-csv", whole).warnings if "ent_num" in w]


def test_an_entry_states_the_countries_of_all_its_addresses() -> None:
    sdn = b'10,"EXAMPLE TRADING LLC",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    add = (
        b'10,1,"Main St","Dubai","United Arab Emirates",-0- \n'
        b'10,2,-0- ,"Baghdad","Iraq",-0- \n'
        b'10,3,-0- ,"Sharjah","United Arab Emirates",-0- \n'
        b"10,4,-0- ,-0- ,-0- ,-0- \n"
    )
    parsed = parse_files("us-ofac-sdn-csv", [InputFile("sdn.csv", sdn), InputFile("add.csv", add)])
    assert [r.country for r in parsed.records] == ["United Arab Emirates; Iraq"]


# -- dates of birth ------------------------------------------------------------------------------


def test_an_individuals_dates_of_birth_are_read_from_its_remarks() -> None:
    """DOE, John's remarks: `DOB 01 Jan 1960; alt. DOB 1961; alt. DOB circa 1958; alt. DOB Between 1955
    and 1956; alt. DOB 01 Mar 1962 to 28 Feb 1963; alt. DOB 1380 AH; POB Havana, Cuba.`"""
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))))
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("10", ()),
        (
            "11",
            (
                "1960-01-01",
                "1961",
                "1957-01-01/1959-12-31",  # circa: a year either side
                "1955-01-01/1956-12-31",
                "1962-03-01/1963-02-28",
            ),
        ),
        ("12", ()),
        ("13", ()),
    ]
    # A Hijri year is no date this reads: counted, not dropped.
    assert parsed.unmapped["DOB=1380 AH"] == 1


def test_only_an_individual_has_dates_of_birth_and_its_overflow_is_read_too() -> None:
    """A bank's `SWIFT/BIC DOBAATWW` is no date of birth, nor is a vessel's remark; the comments file
    goes on with an individual's remarks where OFAC cut them. The passport note's `Alt. DOB:` repeats
    a date the remarks gave (SDN 11313), so it is stored once."""
    sdn = (
        b'10,"VTB BANK (AUSTRIA) AG",-0- ,"UKRAINE-EO13662",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        b'"SWIFT/BIC DOBAATWW; Linked To: FUNDACION PARA LA PAZ DE CORDOBA."\n'
        b'11,"SEA STAR",vessel,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1990."\n'
        b'12,"ROBOW, Mukhtar",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1969; '
        b"alt. DOB 10 Oct 1969; (Following data derived from an Eritrean passport: Alt. DOB: 10 October "
        b'1969; Alt. POB: Keren); alt. DOB 26 Sep 1946 to 07 De"\n'
    )
    comments = b'12,"c 1946; alt. DOB 01 Jan 1970 to 31 Dec 1970."\n'
    parsed = parse_files(
        "us-ofac-sdn-csv", [InputFile("sdn.csv", sdn), InputFile("sdn_comments.csv", comments)]
    )
    assert [(r.key, r.kind, r.birth_dates) for r in parsed.records] == [
        ("10", "organisation", ()),
        ("11", "vessel", ()),
        ("12", "person", ("1969", "1969-10-10", "1946-09-26/1946-12-07", "1970")),
    ]
    assert not [key for key in parsed.unmapped if key.startswith("DOB=")]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # Each spelling as the real SDN CSV sets of 2019-01 to 2024-04 write it.
        ("10 Dec 1948", "1948-12-10"),
        ("1946", "1946"),
        ("Mar 1945", "1945-03"),
        ("circa 1951", "1950-01-01/1952-12-31"),
        ("circa Mar 1961", "1960-01-01/1962-12-31"),  # a year each side, as for "circa 1961"
        ("circa 1979-1982", "1978-01-01/1983-12-31"),
        ("1929 to 1930", "1929-01-01/1930-12-31"),
        ("01 Jan 1953 to 31 Dec 1954", "1953-01-01/1954-12-31"),
        ("26 Sep 1946 to 07 Dec 1946", "1946-09-26/1946-12-07"),
        ("Mar 1962 to Feb 1963", "1962-03-01/1963-02-28"),
        # A whole year or month written as a span is stored as the year or month it is.
        ("01 Jan 1970 to 31 Dec 1970", "1970"),
        ("01 Feb 1970 to 28 Feb 1970", "1970-02"),
        ("01 Jan 1960 to 01 Jan 1960", "1960-01-01"),
    ],
)
def test_ofac_spellings_of_a_date_of_birth(text: str, stored: str) -> None:
    found = ofac_csv.read_ofac_birth(text)
    assert found is not None and found.iso() == stored


@pytest.mark.parametrize("text", ["1380 AH", "31 Dec 1963 to 01 Jan 1961", "Jan 1960 to", "30-35 years old"])
def test_what_is_not_a_date_of_birth_is_not_read(text: str) -> None:
    assert ofac_csv.read_ofac_birth(text) is None


def test_real_sdn_set_dates_of_birth(shared_dir: Path) -> None:
    """The 2019-01 SDN set: 3,662 of its 3,845 individuals state a date of birth, all read. Three
    checked by hand against sdn.csv: 15960 `DOB 01 Jan 1953 to 31 Dec 1954`; 12057 `DOB circa 1952;
    alt. DOB circa Mar 1961; alt. DOB circa Apr 1961; alt. DOB 1953`; 11313 `DOB 1969; alt. DOB 10
    Oct 1969` (and the passport note's `Alt. DOB: 10 October 1969`)."""
    folder = shared_dir / "data" / "lists" / "us-ofac-sdn-csv" / "2019-01"
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted(folder.glob("*.csv"))))
    by_key = {record.key: record for record in parsed.records}
    assert by_key["15960"].birth_dates == ("1953-01-01/1954-12-31",)
    # "circa Mar 1961" and "circa Apr 1961" are both 1960 to 1962: stored once.
    assert by_key["12057"].birth_dates == ("1951-01-01/1953-12-31", "1960-01-01/1962-12-31", "1953")
    assert by_key["11313"].birth_dates == ("1969", "1969-10-10")
    persons = [record for record in parsed.records if record.kind == "person"]
    assert (len(persons), sum(1 for record in persons if record.birth_dates)) == (3845, 3662)
    assert not [record.key for record in parsed.records if record.kind != "person" and record.birth_dates]
    assert not [key for key in parsed.unmapped if key.startswith("DOB=")]


# -- nationalities ---------------------------------------------------------------------------------


def test_an_individuals_nationalities_are_read_from_its_remarks() -> None:
    """DOE, John's remarks go on `nationality Cuba; alt. citizen Spain; nationality: Cuban; Citizen's
    Card Number 110101196001010011 (China).`: the first two are read; the colon form is counted, not
    guessed; a Citizen's Card is an identity document, not a citizenship."""
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))))
    assert [(r.key, r.nationalities) for r in parsed.records] == [
        ("10", ()),
        ("11", ("Cuba", "Spain")),
        ("12", ()),
        ("13", ()),
    ]
    assert {k: v for k, v in parsed.unmapped.items() if k.startswith("nationality=")} == {
        "nationality=nationality: Cuban": 1
    }


def test_only_an_individual_has_nationalities_and_each_is_stated_once() -> None:
    """A vessel's `nationality` remark is not read; a person's overflow in the comments file is; a
    nationality stated twice (`nationality Iraq; citizen Iraq`) is kept once; the period ending
    the remarks is not part of the last one."""
    sdn = (
        b'11,"SEA STAR",vessel,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"nationality Iran."\n'
        b'12,"DOE, Jim",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1969; nationality Iraq; '
        b'citizen Iraq; alt. nationality Jor"\n'
    )
    comments = b'12,"dan; nationality possibly Syrian; alt. citizen Germany."\n'
    parsed = parse_files(
        "us-ofac-sdn-csv", [InputFile("sdn.csv", sdn), InputFile("sdn_comments.csv", comments)]
    )
    assert [(r.key, r.nationalities) for r in parsed.records] == [
        ("11", ()),
        ("12", ("Iraq", "Jordan", "Germany")),
    ]
    assert parsed.unmapped == {"nationality=nationality possibly Syrian": 1}


def test_real_sdn_set_nationalities(shared_dir: Path) -> None:
    """The 2024-04 SDN set, checked by hand against sdn.csv: 11744 (Hassan Dahir Aweys) `nationality
    Somalia; citizen Somalia`; 11377 `nationality Egypt; alt. nationality Pakistan`; 11313 (Mukhtar
    Robow) `nationality Eritrea`, its passport note's `nationality: Eritrean` counted; 7940 `nationality
    possibly Palestinian` (with two more) counted. 3,963 of the 5,798 individuals state one."""
    folder = shared_dir / "data" / "lists" / "us-ofac-sdn-csv" / "2024-04"
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted(folder.glob("*.csv"))))
    by_key = {record.key: record for record in parsed.records}
    assert by_key["11744"].nationalities == ("Somalia",)
    assert by_key["11377"].nationalities == ("Egypt", "Pakistan")
    assert by_key["11313"].nationalities == ("Eritrea",)
    assert by_key["7940"].nationalities == ()
    assert {k: v for k, v in parsed.unmapped.items() if k.startswith("nationality=")} == {
        "nationality=nationality possibly Palestinian": 3,
        "nationality=nationality: Eritrean": 1,
    }
    persons = [record for record in parsed.records if record.kind == "person"]
    assert (len(persons), sum(1 for record in persons if record.nationalities)) == (5798, 3963)
    assert not [record.key for record in parsed.records if record.kind != "person" and record.nationalities]


# -- vessels' IMO numbers ------------------------------------------------------------------------


def test_a_vessels_imo_number_is_an_identifier_and_a_companys_is_not() -> None:
    """The fixture: SEA STAR's `Vessel Registration Identification IMO 9123453; MMSI 422000001.` gives
    its IMO number (the MMSI is not read); MYSTERY HOLDINGS' item of that label is a shipping
    company's IMO company number, as OFAC gives nine DPRK companies one: not a ship's, not read."""
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))))
    assert [(r.key, r.kind, [i.key() for i in r.identifiers]) for r in parsed.records] == [
        ("10", "organisation", ["ofac:10"]),
        ("11", "person", ["ofac:11"]),
        ("12", "vessel", ["ofac:12", "imo:9123453"]),
        ("13", "organisation", ["ofac:13"]),
    ]
    assert not [key for key in parsed.unmapped if key.startswith("Vessel")]


def test_every_way_ofac_writes_a_vessels_registration_is_read_or_counted() -> None:
    """As the real SDN sets write them: with and without the `IMO` prefix, with a doubled space, with
    the register's country after it, and cut by the remarks' width and gone on in the comments
    file. A number failing its check digit (SDN 23428 ZEUS's `IMO 04714` of 2019, corrected to
    8799619 by 2021) and a national register's number (`RS 150443 (Russia)`) are counted, not kept."""
    vessel = '{},"SHIP {}",vessel,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"{}"\n'.format
    sdn = "".join(
        vessel(key, key, remarks)
        for key, remarks in (
            (1, "Vessel Registration Identification IMO 9187629; MMSI 572469210."),
            (2, "Secondary sanctions risk: section 510.214; Vessel Registration Identification 8606173."),
            (3, "Vessel Registration Identification IMO  8730455; Linked To: EXAMPLE SHIPPING."),
            (4, "Vessel Registration Identification IMO 9256860 (Russia)"),
            (5, "Vessel Registration Identification IMO 04714; Linked To: EXAMPLE SHIPPING."),
            (6, "Vessel Registration Identification RS 150443 (Russia); MMSI 273385420."),
            (7, "Linked To: EXAMPLE SHIPPING; Vessel Registration Identification IMO 91876"),
        )
    )
    comments = '7,"29; MMSI 572469210."\n'
    parsed = parse_files(
        "us-ofac-sdn-csv",
        [InputFile("sdn.csv", sdn.encode()), InputFile("sdn_comments.csv", comments.encode())],
    )
    assert [[i.value for i in r.identifiers if i.scheme == "imo"] for r in parsed.records] == [
        ["9187629"],
        ["8606173"],
        ["8730455"],
        ["9256860"],
        [],
        [],
        ["9187629"],
    ]
    assert parsed.unmapped == {
        "Vessel Registration Identification=IMO 04714": 1,
        "Vessel Registration Identification=RS 150443 (Russia)": 1,
    }


def test_real_sdn_sets_vessel_imo_numbers(shared_dir: Path) -> None:
    """Counted by hand with the csv module (rows up to OFAC's end-of-file byte, each ent_num once):

    - 2019-01: 323 vessels, 319 with a `Vessel Registration Identification`, 317 valid; BONU 5's
      `IMO 15411` and ZEUS's `IMO 04714` are counted;
    - 2021-07: 406 vessels, 401 with one, 400 valid (BONU 5's counted; ZEUS now IMO 8799619);
    - 2024-04: 526 vessels, 524 with one, 521 valid; BONU 5's `15411 (Malta)` and two Russian
      register numbers (SHELLEST `RS 150443 (Russia)`, NEGA `RS 130280 (Russia)`) are counted.

    ARTAVIL (15036) is IMO 9187629 in all three; PEGAS (34942, 2024-04) writes `IMO 9256860 (Russia)`.
    The nine DPRK shipping companies whose remarks give an IMO company number under that label
    (CHONGBONG SHIPPING CO LTD, 19569: `IMO 5878589`) keep no `imo` identifier."""
    base = shared_dir / "data" / "lists" / "us-ofac-sdn-csv"
    expected = {
        "2019-01": (323, 317, {"IMO 15411", "IMO 04714"}),
        "2021-07": (406, 400, {"IMO 15411"}),
        "2024-04": (526, 521, {"15411 (Malta)", "RS 150443 (Russia)", "RS 130280 (Russia)"}),
    }
    for folder, (vessels, numbered, counted) in expected.items():
        parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((base / folder).glob("*.csv"))))
        by_key = {record.key: record for record in parsed.records}
        ships = [record for record in parsed.records if record.kind == "vessel"]
        imo = {r.key: [i.value for i in r.identifiers if i.scheme == "imo"] for r in parsed.records}
        assert (len(ships), sum(1 for r in ships if imo[r.key])) == (vessels, numbered), folder
        assert not [key for key, values in imo.items() if values and by_key[key].kind != "vessel"], folder
        assert imo["15036"] == ["9187629"] and imo["19569"] == [], folder
        unread = {key.split("=", 1)[1] for key in parsed.unmapped if key.startswith("Vessel Registration")}
        assert unread == counted, folder
    assert imo["34942"] == ["9256860"]
