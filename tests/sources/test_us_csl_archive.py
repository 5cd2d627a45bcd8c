"""CSL CSV adapter, and compressed inputs checked before extraction (gzip and zip bombs, traversal)."""

from __future__ import annotations

import gzip
import io
import re
import struct
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.errors import FormatError, HostileInputError
from proscribe.model import Identifier
from proscribe.sources.archive import unpack
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_a_listing_year_before_1900_is_a_typing_error_not_a_date() -> None:
    """The real CSL file dates one entry `0017-05-26` (next to "82 FR 24242": 2017) and two
    `0097-06-30`: read as dates, "listed since 0017-05-26". Counted as unmapped instead."""
    fixture = (FIXTURES / "csl" / "consolidated.csv").read_bytes()
    typed = fixture.replace(b",2019-05-16,", b",0019-05-16,")
    assert typed != fixture
    parsed = parse_files("us-trade-csl", [InputFile("consolidated.csv", typed)])
    assert [r.listed_on for r in parsed.records] == [None, None, None]
    assert parsed.unmapped["start_date=0019-05-16"] == 2


def test_only_the_sdn_rows_program_tags_that_are_lists_add_one() -> None:
    header = "_id,source,entity_number,type,programs,name,start_date,alt_names"
    sdn = "Specially Designated Nationals (SDN) - Treasury Department"
    ssi = "Sectoral Sanctions Identifications List (SSI) - Treasury Department"
    rows = [
        header,
        f'11,{sdn},11,Entity,"FTO; SDGT; IRAQ3",KATAIB EXAMPLE,,',
        f"12,{sdn},12,Entity,TCO,EXAMPLE CARTEL,,",
        f"13,{sdn},13,Entity,IRAN,EXAMPLE SHIPPING,,",
        # A non-SDN Treasury list's row: its tags name programs of that list, not the SDGT list.
        f"14,{ssi},14,Entity,SDGT,EXAMPLE BANK,,",
    ]
    parsed = parse_files("us-trade-csl", [InputFile("consolidated.csv", "\n".join(rows).encode())])
    assert [record.list_ids for record in parsed.records] == [
        # FTO is the State Department's list, tagged by the CSL late: not read from the tag.
        ("us-csl", "us-sdn", "us-sdgt"),
        ("us-csl", "us-sdn", "us-tco"),
        ("us-csl", "us-sdn"),
        ("us-csl", "us-ofac-cons"),
    ]
    # Tags that add no list are not values left unmapped.
    assert parsed.unmapped == {}


def test_csl_rows_lists_identifiers_and_repeats() -> None:
    parsed = parse_files("us-trade-csl", read_inputs([FIXTURES / "csl" / "consolidated.csv"]))
    front, widgets, doe = parsed.records
    # Its SDGT tag puts it on that list too, as OFAC's own files do.
    assert (front.key, front.kind, front.list_ids) == ("777", "organisation", ("us-csl", "us-sdn", "us-sdgt"))
    assert front.identifiers == (Identifier("csl", "777"), Identifier("ofac", "777"))
    assert [n.value for n in front.names] == ["EXAMPLE FRONT", "JABHAT AL-MITHAL", "THE FRONT"]
    assert (widgets.kind, widgets.list_ids, widgets.listed_on) == (
        "other",
        ("us-csl", "us-bis-entity-list"),
        date(2019, 5, 16),
    )
    assert (doe.kind, doe.listed_on) == ("person", None)
    assert parsed.unmapped == {
        "dates_of_birth=1962-13-01": 1,
        "source=Moon Denied List - Lunar Department": 1,
        "start_date=not-a-date": 1,
    }
    assert [w.rsplit("/", 1)[-1] for w in parsed.warnings] == [
        "consolidated.csv: 1 repeated record key(s) merged"
    ]


def test_a_persons_dates_of_birth_are_read_in_order_once_each() -> None:
    """`1962-01-12; 1963; 1962-13-01; 1963`: a day and a year, kept once each in file order; the
    month 13 is no date, counted, not kept."""
    parsed = parse_files("us-trade-csl", read_inputs([FIXTURES / "csl" / "consolidated.csv"]))
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("777", ()),
        ("abc123", ()),
        ("def456", ("1962-01-12", "1963")),
    ]
    assert parsed.unmapped["dates_of_birth=1962-13-01"] == 1


def test_a_vessels_registration_id_is_its_imo_number_and_a_companys_is_not_read() -> None:
    """The vessels fixture's SDN rows: SEA STAR's `IMO 9123453, Vessel Registration Identification`
    is kept beside its OFAC number (its MMSI is not read); SEA MIST's `RU, IMO 9123454, ...` (a
    country code before the number) fails its check digit, that of 912345 being 3: counted, not
    kept. MYSTERY SHIPPING CO's id of that type is its IMO company number, not a ship's: not read."""
    parsed = parse_files("us-trade-csl", read_inputs([FIXTURES / "csl" / "vessels.csv"]))
    expected, actual = golden("us_csl_vessels.json", parsed)
    assert actual == expected
    assert [(r.key, r.kind, [i.key() for i in r.identifiers]) for r in parsed.records] == [
        ("vsl12", "vessel", ["csl:vsl12", "ofac:12", "imo:9123453"]),
        ("vsl30", "vessel", ["csl:vsl30", "ofac:30"]),
        ("shp31", "organisation", ["csl:shp31", "ofac:31"]),
    ]
    assert parsed.unmapped == {"Vessel Registration Identification=IMO 9123454": 1}


def test_real_file_vessel_imo_numbers(shared_dir: Path) -> None:
    """The February 2025 file: 433 vessel rows, all from the SDN list; 431 give a `Vessel Registration
    Identification`, 430 of them a valid IMO number, which each keeps (checked by hand with the csv
    module). BONU 5's `IMO 15411` is no IMO number: counted. MAR AZUL and ST. VITAMIN (an MMSI only)
    give none. Checked by hand: ARTAVIL (OFAC 15036) `IMO 9187629, ...`; PEGAS (34942) `RU, IMO 9256860,
    ...`. Nine DPRK shipping companies give an IMO company number as their `Vessel Registration
    Identification` (CHONGBONG SHIPPING CO LTD `IMO 5878589`): not read."""
    path = shared_dir / "data" / "lists" / "us-trade-csl" / "consolidated_2025-02.csv.gz"
    parsed = parse_files("us-trade-csl", read_inputs([path]))
    vessels = [r for r in parsed.records if r.kind == "vessel"]
    numbered = {
        ofac.value: imo.value
        for r in vessels
        for ofac in r.identifiers
        for imo in r.identifiers
        if ofac.scheme == "ofac" and imo.scheme == "imo"
    }
    assert (len(vessels), len(numbered)) == (433, 430)
    assert (numbered["15036"], numbered["34942"]) == ("9187629", "9256860")
    assert not [
        r.key for r in parsed.records if r.kind != "vessel" and any(i.scheme == "imo" for i in r.identifiers)
    ]
    assert {k: v for k, v in parsed.unmapped.items() if k.startswith("Vessel")} == {
        "Vessel Registration Identification=IMO 15411": 1
    }


def test_dates_of_birth_of_every_form_the_list_writes_and_none_on_an_entity() -> None:
    header = "_id,source,entity_number,type,name,start_date,alt_names,dates_of_birth"
    sdn = "Specially Designated Nationals (SDN) - Treasury Department"
    rows = [
        header,
        f"1,{sdn},1,Individual,ONE,,,circa 1967",
        f"2,{sdn},2,Individual,TWO,,,1958 to 1960",
        f"3,{sdn},3,Individual,THREE,,,1967; 1966; 1968",
        f"4,{sdn},4,Individual,FOUR,,, ; ",
        # A repeated row's other date is kept with the first row's.
        f"5,{sdn},5,Individual,FIVE,,,1972-08-06",
        f"5,{sdn},5,Individual,FIVE,,,1977-08-22",
        # An entity has no birth: the value is not kept, but the report shows it.
        f"6,{sdn},6,Entity,SIX,,,1990",
    ]
    parsed = parse_files("us-trade-csl", [InputFile("c.csv", "\n".join(rows).encode())])
    assert [(r.key, r.birth_dates) for r in parsed.records] == [
        ("1", ("1966-01-01/1968-12-31",)),
        ("2", ("1958-01-01/1960-12-31",)),
        ("3", ("1967", "1966", "1968")),
        ("4", ()),
        ("5", ("1972-08-06", "1977-08-22")),
        ("6", ()),
    ]
    assert parsed.unmapped == {"dates_of_birth=1990": 1}


def test_a_file_without_the_column_states_no_date_of_birth() -> None:
    rows = ["_id,source,entity_number,type,name,start_date,alt_names", "1,X,1,Individual,ONE,,"]
    [record] = parse_files("us-trade-csl", [InputFile("c.csv", "\n".join(rows).encode())]).records
    assert record.birth_dates == ()


def test_real_file_dates_of_birth(shared_dir: Path) -> None:
    """The February 2025 file: 5147 of its 5284 people have dates of birth (5856 distinct ones),
    all read. Checked by hand against the CSV: Sundus ABD AL-GHAFAR (`circa 1967`), Musa ABU
    DAWUD (`1958 to 1960`), Samuel FLORES BORREGO (`1972-08-06; 1977-08-22`), Hajji 'ABD AL-NASIR
    (`1967; 1966; 1968`)."""
    path = shared_dir / "data" / "lists" / "us-trade-csl" / "consolidated_2025-02.csv.gz"
    parsed = parse_files("us-trade-csl", read_inputs([path]))
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.birth_dates)) == (5284, 5147)
    assert sum(len(r.birth_dates) for r in parsed.records) == 5856
    by_key = {r.key: r for r in parsed.records}
    assert by_key["8183"].birth_dates == ("1966-01-01/1968-12-31",)
    assert by_key["19810"].birth_dates == ("1958-01-01/1960-12-31",)
    assert by_key["11919"].birth_dates == ("1972-08-06", "1977-08-22")
    assert by_key["26095"].birth_dates == ("1967", "1966", "1968")
    assert [key for key in parsed.unmapped if key.startswith("dates_of_birth")] == []


@pytest.mark.parametrize(
    ("cut", "message"),
    [(lambda line: line.rsplit(",", 3)[0], "fewer cells"), (lambda line: line + ",extra", "more cells")],
)
def test_a_row_with_another_number_of_cells_than_the_header_names_its_line(
    cut: Callable[[str], str], message: str
) -> None:
    lines = (FIXTURES / "csl" / "consolidated.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = cut(lines[2])
    damaged = InputFile("consolidated.csv", ("\n".join(lines) + "\n").encode())
    with pytest.raises(
        FormatError, match=re.escape(f"consolidated.csv: line 3: {message} than header columns")
    ):
        parse_files("us-trade-csl", [damaged])


def test_gzipped_csl_reads_like_the_plain_file(tmp_path: Path) -> None:
    packed = tmp_path / "consolidated.csv.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "csl" / "consolidated.csv").read_bytes()))
    plain = parse_files("us-trade-csl", read_inputs([FIXTURES / "csl" / "consolidated.csv"]))
    assert parse_files("us-trade-csl", read_inputs([packed])).records == plain.records


def test_gzip_bomb_is_refused() -> None:
    bomb = InputFile("bomb.csv.gz", gzip.compress(b"\0" * 5_000_000))
    with pytest.raises(
        HostileInputError, match=re.escape("bomb.csv.gz: inflates beyond the limit of 1000000 bytes")
    ):
        unpack(bomb, max_bytes=1_000_000)


def test_a_gzip_inflating_past_200_to_1_is_refused_within_the_size_limit() -> None:
    """A 5 MB run of zeros packs into about 5 KB (1000:1): a bomb, though well under 512 MB."""
    bomb = InputFile("bomb.csv.gz", gzip.compress(b"\0" * 5_000_000))
    with pytest.raises(HostileInputError, match=re.escape("bomb.csv.gz: compresses more than 200:1")):
        unpack(bomb)
    # Text that packs like real lists (well under 200:1) inflates.
    rows = "".join(f"{n},NAME {n * 7919 % 100003},PROGRAM\n" for n in range(100_000)).encode()
    [plain] = unpack(InputFile("list.csv.gz", gzip.compress(rows)))
    assert plain.data == rows


def test_truncated_gzip_is_a_format_error() -> None:
    with pytest.raises(FormatError, match=re.escape("cut.gz: truncated gzip data")):
        unpack(InputFile("cut.gz", gzip.compress(b"x" * 10_000)[:-12]))


def test_every_member_of_a_multi_member_gzip_is_read() -> None:
    """`cat a.gz b.gz` (and parallel compressors) make one valid gzip file of several members: the
    first alone was read, and the rest dropped without a word."""
    head, tail = b"ent_num,name\n1,A\n", b"2,B\n3,C\n"
    [joined] = unpack(InputFile("list.csv.gz", gzip.compress(head) + gzip.compress(tail)))
    assert joined.data == head + tail
    [padded] = unpack(InputFile("list.csv.gz", gzip.compress(head) + b"\0" * 512))
    assert padded.data == head
    with pytest.raises(
        FormatError, match=re.escape("list.csv.gz: bytes after the gzip data at offset 37, not a gzip member")
    ):
        unpack(InputFile("list.csv.gz", gzip.compress(head) + b"trailing text"))
    with pytest.raises(FormatError, match=re.escape("list.csv.gz: truncated gzip data")):
        unpack(InputFile("list.csv.gz", gzip.compress(head) + gzip.compress(tail)[:-12]))


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _patched(data: bytes, signature: bytes, offset: int, value: int) -> bytearray:
    """`data` with the 16-bit field at `offset` of the first header starting `signature` set to `value`."""
    out = bytearray(data)
    struct.pack_into("<H", out, out.find(signature) + offset, value)
    return out


def _damaged_zips() -> dict[str, bytes]:
    rows = {"sdn.csv": b"ent_num,name\n" + b"1,A\n" * 500}
    local, central = b"PK\x03\x04", b"PK\x01\x02"
    encrypted = _patched(_patched(_zip(rows), local, 6, 1), central, 8, 1)  # flag bit 0
    unknown_method = _patched(_patched(_zip(rows), local, 8, 99), central, 10, 99)
    damaged = {}
    for name, method in (("bzip2", zipfile.ZIP_BZIP2), ("lzma", zipfile.ZIP_LZMA)):
        data = bytearray(_zip(rows, method))
        start = data.find(local) + 30 + len("sdn.csv")
        data[start + 20 : start + 32] = bytes(12)
        damaged[name] = bytes(data)
    return {
        "encrypted": bytes(encrypted),
        "unknown-method": bytes(unknown_method),
        "bzip2": damaged["bzip2"],
        "lzma": damaged["lzma"],
    }


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("encrypted", "encrypted.zip: member 'sdn.csv' is encrypted; proscribe cannot read it"),
        ("unknown-method", "unknown-method.zip: unreadable member 'sdn.csv': That compression method"),
        ("bzip2", "bzip2.zip: unreadable member 'sdn.csv': Invalid data stream"),
        ("lzma", "lzma.zip: unreadable member 'sdn.csv': Corrupt input data"),
    ],
)
def test_a_zip_member_python_cannot_read_is_a_format_error_naming_it(case: str, message: str) -> None:
    """Each of these escaped as Python's own exception (RuntimeError, NotImplementedError, OSError,
    LZMAError): a traceback, not an error naming the file."""
    with pytest.raises(FormatError, match=re.escape(message)):
        unpack(InputFile(f"{case}.zip", _damaged_zips()[case]))


def test_an_empty_zip_is_called_empty() -> None:
    """It was read as the list itself: "malformed XML: Start tag expected" for a zip file."""
    with pytest.raises(FormatError, match=re.escape("none.zip: an empty zip archive (no files in it)")):
        unpack(InputFile("none.zip", _zip({})))
    with pytest.raises(FormatError, match=re.escape("folders.zip: an empty zip archive (no files in it)")):
        unpack(InputFile("folders.zip", _zip({"2024/": b""})))


def test_zip_members_are_checked_before_extraction() -> None:
    assert [f.name for f in unpack(InputFile("set.zip", _zip({"sdn.csv": b"a", "alt.csv": b"b"})))] == [
        "set.zip:sdn.csv",
        "set.zip:alt.csv",
    ]
    with pytest.raises(HostileInputError, match=re.escape("evil.zip: member '../x.csv' escapes the archive")):
        unpack(InputFile("evil.zip", _zip({"../x.csv": b"a"})))
    with pytest.raises(
        HostileInputError, match=re.escape("ratio.zip: member 'z.csv' compresses more than 200:1")
    ):
        unpack(InputFile("ratio.zip", _zip({"z.csv": b"\0" * 1_000_000})))


def test_address_countries_are_the_codes_ending_each_address() -> None:
    """`addresses` ends each `; `-separated address with its country's code; one ending with a
    ZIP code or a free-text place states none that can be read reliably."""
    fixture = (FIXTURES / "csl" / "consolidated.csv").read_text(encoding="utf-8")
    addresses = '"Basrah, IQ; SY; 120 SAINT JOHN DRIVE, PHARR, TX, 78577; Istanbul, Turkey; Baghdad, IQ"'
    typed = fixture.replace("SDGT,EXAMPLE FRONT,,,", f"SDGT,EXAMPLE FRONT,,{addresses},", 1)
    assert typed != fixture
    front = parse_files("us-trade-csl", [InputFile("consolidated.csv", typed.encode())]).records[0]
    assert front.country == "IQ; SY"


def test_a_persons_nationalities_then_citizenships_are_its_nationalities() -> None:
    """The fixture's DOE Jane: `nationalities` "SY; IQ", then `citizenships` "GB; SY" (SY again:
    kept once). A header without the columns states none."""
    parsed = parse_files("us-trade-csl", read_inputs([FIXTURES / "csl" / "consolidated.csv"]))
    assert {r.key: r.nationalities for r in parsed.records if r.nationalities} == {
        "def456": ("SY", "IQ", "GB")
    }
    rows = ["_id,source,entity_number,type,name,start_date,alt_names", "1,X,1,Individual,ONE,,"]
    [record] = parse_files("us-trade-csl", [InputFile("c.csv", "\n".join(rows).encode())]).records
    assert record.nationalities == ()


def test_real_file_nationalities(shared_dir: Path) -> None:
    """The February 2025 file, checked by hand against the CSV: 9935 (Abu Sufian ... 'ABD
    AL-RAZZIQ) `nationalities` "CA; SD"; 10047 (Muhammad Yusif ABDALLAH) only `citizenships` "LB;
    PY". 3343 of its 5284 people state one."""
    path = shared_dir / "data" / "lists" / "us-trade-csl" / "consolidated_2025-02.csv.gz"
    parsed = parse_files("us-trade-csl", read_inputs([path]))
    by_key = {r.key: r for r in parsed.records}
    assert by_key["9935"].nationalities == ("CA", "SD")
    assert by_key["10047"].nationalities == ("LB", "PY")
    people = [r for r in parsed.records if r.kind == "person"]
    assert (len(people), sum(1 for r in people if r.nationalities)) == (5284, 3343)
    assert not [r.key for r in parsed.records if r.kind != "person" and r.nationalities]
