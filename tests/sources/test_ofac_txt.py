"""OFAC sdnlist.txt adapter: entries listed under each of their names read as one record each."""

from __future__ import annotations

import re

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs

SHARED_TXT = FIXTURES.parents[2] / ".." / "shared" / "data" / "lists" / "us-ofac-sdn-txt"
TITLE = b'ALPHABETICAL LISTING OF SPECIALLY DESIGNATED NATIONALS AND BLOCKED\nPERSONS ("SDN List"):\n\n'


def _parse(body: bytes) -> list[tuple[str, str, list[str]]]:
    parsed = parse_files("us-ofac-sdn-txt", [InputFile("sdnlist.txt", TITLE + body)])
    return [(r.key, r.kind, [n.value for n in r.names]) for r in parsed.records]


def test_windows_line_ends_read_the_same() -> None:
    path = FIXTURES / "ofac-txt" / "sdnlist.txt"
    unix = parse_files("us-ofac-sdn-txt", read_inputs([path]))
    windows = parse_files(
        "us-ofac-sdn-txt", [InputFile(str(path), path.read_bytes().replace(b"\n", b"\r\n"))]
    )
    assert windows.records == unix.records
    assert len(unix.records) == 8


def test_entries_with_the_same_names_but_other_details_stay_apart() -> None:
    body = (
        b"KAPPA CO. (a.k.a. KAPPA), Street 1, City A [SDGT].\n\n"
        b"KAPPA (a.k.a. KAPPA CO.), Street 1, City A [SDGT].\n\n"
        b"KAPPA (a.k.a. KAPPA CO.), Street 2, City B [SDGT].\n"
    )
    assert _parse(body) == [
        ("KAPPA CO.", "organisation", ["KAPPA CO.", "KAPPA"]),
        ("KAPPA", "organisation", ["KAPPA", "KAPPA CO."]),
    ]


def test_semicolon_inside_an_alias_stays_in_it() -> None:
    body = b"LAMBDA (a.k.a. LAMBDA; THE FIRST; a.k.a. LAMDA), City [SDGT].\n"
    assert _parse(body) == [("LAMBDA", "organisation", ["LAMBDA", "LAMBDA; THE FIRST", "LAMDA"])]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"SDN LIST\n\nALPHA, City [SDGT].\n", "sdnlist.txt: line 1: the file does not start with"),
        (
            TITLE + b"ALPHA, City [SDGT].\n\nBETA, City\nwithout tags.\n",
            "sdnlist.txt: line 6: paragraph does not end with program tags like [SDGT].",
        ),
        (
            TITLE + b"ALPHA (a.k.a. BETA, City [SDGT].\n",
            "sdnlist.txt: line 4: the list of other names is not closed",
        ),
    ],
)
def test_drift_names_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=re.escape(message)):
        parse_files("us-ofac-sdn-txt", [InputFile("sdnlist.txt", data)])


def _real() -> list[tuple[str, str, int]]:
    path = SHARED_TXT / "sdnlist_2016-02_excerpt.txt"
    if not path.exists():
        pytest.skip(f"shared list data not available at {path}")
    return [
        (r.key, r.kind, len(r.names)) for r in parse_files("us-ofac-sdn-txt", read_inputs([path])).records
    ]


def test_real_excerpt_first_entries() -> None:
    # Checked by hand against the first 38 paragraphs of the file: five paragraphs of 7TH OF TIR,
    # two of 32 COUNTY SOVEREIGNTY COMMITTEE, A.I.C. and ABAROA PRECIADO, Aristoteles, and six
    # of ABBASI DAVANI, Fereidoon (listed under each of its names) are one entry each.
    assert _real()[:26] == [
        ("2ND ACADEMY OF NATURAL SCIENCES", "organisation", 9),
        ("7 KARNES", "organisation", 1),
        ("7TH OF TIR", "organisation", 8),
        ("8TH IMAM INDUSTRIES GROUP", "organisation", 5),
        ("32 COUNTY SOVEREIGNTY COMMITTEE", "organisation", 7),
        ("101 DAYS CAMPAIGN", "organisation", 8),
        ("2904977 CANADA, INC.", "organisation", 3),
        ("A A TRADING FZCO", "organisation", 1),
        ("A K DIFUSION S.A. PUBLICIDAD Y MERCADEO", "organisation", 1),
        ("A K EDUCAL S.A. EDUCACION CON CALIDAD", "organisation", 1),
        ("A RAHMAN, Mohamad Iqbal", "person", 8),
        ("A.A. RASPLETIN MAIN SYSTEM DESIGN BUREAU", "organisation", 10),
        ("A.I.C. COMPREHENSIVE RESEARCH INSTITUTE", "organisation", 5),
        ("A.T.E. INTERNATIONAL LTD.", "organisation", 2),
        ("A.W.A. ENGINEERING LIMITED", "organisation", 1),
        ("AAYADH, Abou", "person", 10),
        ("ABAROA DIAZ, Victor Manuel", "person", 1),
        ("ABAROA FOX MARINE", "organisation", 3),
        ("ABAROA PRECIADO, Aristoteles", "person", 2),
        ("ABAROA PRECIADO, Rosa Yolanda Nabila", "person", 1),
        ("ABAROA PRECIADO, Victor Hussein", "person", 1),
        ("ABAUNZA MARTINEZ, Javier", "person", 1),
        ("ABBAKAR MUHAMAD, Abdul Aziz", "person", 1),
        ("ABBAS, Abdul Hussein", "person", 1),
        ("ABBAS, Abu", "person", 2),
        ("ABBASI DAVANI, Fereidoon", "person", 7),
    ]


def test_real_excerpt_programs_and_aliases() -> None:
    path = SHARED_TXT / "sdnlist_2016-02_excerpt.txt"
    if not path.exists():
        pytest.skip(f"shared list data not available at {path}")
    parsed = parse_files("us-ofac-sdn-txt", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["ABU SAYYAF GROUP"].list_ids == ("us-sdn", "us-fto", "us-sdgt")
    butt = by_key["BUTT, Abdul Majid"]
    assert (butt.kind, len(butt.names), butt.names[-1].value) == ("person", 9, "RASHID, Abdul Majid")
    # Programs OFAC has since retired are still known; none is left unmapped. Only nationalities
    # not in the `nationality Somalia` form are counted, checked by hand: ABU DHESS and one other
    # "nationality possibly Palestinian", and the passport note of Mukhtar Robow's entry
    # ("...: nationality: Eritrean"), whose own item "nationality Eritrea" is read.
    assert parsed.unmapped == {
        "nationality=nationality possibly Palestinian": 2,
        "nationality=nationality: Eritrean": 1,
    }
    assert by_key["ABU DHESS, Mohamed"].nationalities == ()
    assert by_key["ALI, Mujahid Mukhtar Robow"].nationalities == ("Eritrea",)
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.nationalities)) == (773, 424)


def test_a_hostile_run_of_brackets_is_refused_in_one_pass() -> None:
    # 20,000 tags that do not end the paragraph: a backtracking search would take minutes.
    body = b"ALPHA, City [SDGT].\n\nBETA, City " + b"[SDGT] " * 20_000 + b"and more text\n"
    with pytest.raises(FormatError, match=re.escape("sdnlist.txt: line 6: paragraph does not end with")):
        _parse(body)
    many = _parse(b"ALPHA, City " + b"[SDGT] " * 20_000 + b"[FTO].\n")
    assert many == [("ALPHA", "organisation", ["ALPHA"])]
    # A 60,005-character alias is read in one pass too, then refused: longer than a name can be.
    with pytest.raises(FormatError, match=re.escape("name 'DELTA; x; x; x;") + ".* has 60005 characters"):
        _parse(b"GAMMA (a.k.a. DELTA" + b"; x" * 20_000 + b"), City [SDGT].\n")


def test_an_individuals_dates_of_birth_are_read_from_its_entry() -> None:
    """The fixture: `DOB 01 Jan 1970; alt. DOB 1971; alt. DOB 1389 AH` (the Hijri year counted once,
    however many names the entry is listed under), `DOB\\n1975 (individual)` wrapped over two lines,
    `DOB circa 1980` and `DOB Between 1960 and 1962`."""
    parsed = parse_files("us-ofac-sdn-txt", read_inputs([FIXTURES / "ofac-txt" / "sdnlist.txt"]))
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("ALPHA GROUP", ()),
        ("BETA-MAN, Carl Ivo", ("1970-01-01", "1971")),
        ("DELTA RUIZ, Eva Maria", ("1975",)),
        ("GAMMA TRADE, LTDA.", ()),
        ("OMEGA, Ivan", ("1979-01-01/1981-12-31",)),
        ("OMEGA, Ivan [2]", ("1960-01-01/1962-12-31",)),
        ("SEA EXAMPLE", ()),
        ("SEA FOAM", ()),
    ]
    assert parsed.unmapped == {
        "program=NEWPROG": 1,
        "DOB=1389 AH": 1,
        "Vessel Registration Identification=IMO 9234564": 1,
        "nationality=nationality possibly Narnian": 1,
    }


def test_an_individuals_nationalities_are_read_from_its_entry() -> None:
    """The fixture: BETA-MAN's `nationality Colombia; alt. citizen\nMexico` (wrapped over two lines)
    are read; his `nationality possibly Narnian` is no statement of one: counted (above), not kept."""
    parsed = parse_files("us-ofac-sdn-txt", read_inputs([FIXTURES / "ofac-txt" / "sdnlist.txt"]))
    assert {r.key: r.nationalities for r in parsed.records if r.nationalities} == {
        "BETA-MAN, Carl Ivo": ("Colombia", "Mexico")
    }


def test_a_vessels_imo_number_is_read_from_its_entry() -> None:
    """The fixture's vessels: SEA EXAMPLE's `Vessel Registration Identification\\nIMO 9234563`,
    wrapped over two lines, is kept; SEA FOAM's `IMO 9234564 (vessel)` (its kind marker is not part
    of the number) fails its check digit, that of 923456 being 3: counted, not kept."""
    parsed = parse_files("us-ofac-sdn-txt", read_inputs([FIXTURES / "ofac-txt" / "sdnlist.txt"]))
    assert [(r.key, [i.key() for i in r.identifiers]) for r in parsed.records if r.kind == "vessel"] == [
        ("SEA EXAMPLE", ["imo:9234563"]),
        ("SEA FOAM", []),
    ]
    assert not [r.key for r in parsed.records if r.kind != "vessel" and r.identifiers]


def test_an_entry_listed_under_each_name_gives_its_imo_number_once_and_only_vessels_have_one() -> None:
    """A vessel listed under its two names is one record with its number; an unread number is
    counted once. A shipping company's `Vessel Registration Identification` is its IMO company
    number, not a ship's: not read."""
    body = (
        b"~(vessels):~\n\n"
        b"KAPPA STAR (f.k.a. KAPPA SUN) Vessel Registration Identification IMO 9187629; MMSI 422023900"
        b" [IRAN].\n\n"
        b"KAPPA SUN (f.k.a. KAPPA STAR) Vessel Registration Identification IMO 9187629; MMSI 422023900"
        b" [IRAN].\n\n"
        b"KAPPA MOON (a.k.a. KAPPA LUNA) Vessel Registration Identification IMO 9187620 [IRAN].\n\n"
        b"KAPPA LUNA (a.k.a. KAPPA MOON) Vessel Registration Identification IMO 9187620 [IRAN].\n\n"
    )
    company = b"KAPPA SHIPPING, Street 1, City A; Vessel Registration Identification IMO 5878589 [DPRK3].\n\n"
    parsed = parse_files("us-ofac-sdn-txt", [InputFile("sdnlist.txt", TITLE + company + body)])
    assert [(r.key, r.kind, [i.key() for i in r.identifiers]) for r in parsed.records] == [
        ("KAPPA SHIPPING", "organisation", []),
        ("KAPPA STAR", "vessel", ["imo:9187629"]),
        ("KAPPA MOON", "vessel", []),
    ]
    assert parsed.unmapped == {"Vessel Registration Identification=IMO 9187620": 1}


def test_an_entry_listed_under_each_name_counts_an_unread_date_once_and_only_people_have_one() -> None:
    body = (
        b"KAPPA, Ivo (a.k.a. KAPA, Ivo); DOB 01 Jan 1953 to 31 Dec 1954; alt. DOB 1402 AH (individual)"
        b" [SDGT].\n\n"
        b"KAPA, Ivo (a.k.a. KAPPA, Ivo); DOB 01 Jan 1953 to 31 Dec 1954; alt. DOB 1402 AH (individual)"
        b" [SDGT].\n\n"
        b"KAPPA SHIPPING, Street 1, City A; DOB 1990 [SDGT].\n"
    )
    parsed = parse_files("us-ofac-sdn-txt", [InputFile("sdnlist.txt", TITLE + body)])
    assert [(r.key, r.kind, r.birth_dates) for r in parsed.records] == [
        ("KAPPA, Ivo", "person", ("1953-01-01/1954-12-31",)),
        ("KAPPA SHIPPING", "organisation", ()),
    ]
    assert parsed.unmapped == {"DOB=1402 AH": 1}


def test_real_excerpt_dates_of_birth() -> None:
    """721 of the excerpt's 773 individuals state a date of birth, all read. Checked by hand in the
    file: AFRIDI, Amanullah `DOB 1973; alt. DOB 1968; ...; alt. DOB 1975`, A RAHMAN, Mohamad Iqbal `DOB
    17 Aug\\n1957; alt. DOB 17 Aug 1958`, ALI, Maalim Salman `DOB 1978 to 1980`."""
    path = SHARED_TXT / "sdnlist_2016-02_excerpt.txt"
    if not path.exists():
        pytest.skip(f"shared list data not available at {path}")
    parsed = parse_files("us-ofac-sdn-txt", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["AFRIDI, Amanullah"].birth_dates == (
        "1973",
        "1968",
        "1969",
        "1970",
        "1971",
        "1972",
        "1974",
        "1975",
    )
    assert by_key["A RAHMAN, Mohamad Iqbal"].birth_dates == ("1957-08-17", "1958-08-17")
    assert by_key["ALI, Maalim Salman"].birth_dates == ("1978-01-01/1980-12-31",)
    persons = [r for r in parsed.records if r.kind == "person"]
    assert (len(persons), sum(1 for r in persons if r.birth_dates)) == (773, 721)
    assert not [r.key for r in parsed.records if r.kind != "person" and r.birth_dates]
