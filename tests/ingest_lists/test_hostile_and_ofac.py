"""Hostile or malformed files leave the database unchanged; OFAC CSV sets diff by ent_num; any order works."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store, shared
from sqlalchemy import func, select

from proscribe.cli import main
from proscribe.errors import FormatError, InputError
from proscribe.ingest.lists import ingest_list
from proscribe.sources.registry import parse_files, read_inputs
from proscribe.store import Store, schema


def _snapshot_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.snapshots)).scalar_one())


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("xxe.xml", "xxe.xml: XML with a DOCTYPE or entity declarations is refused"),
        ("billion_laughs.xml", "billion_laughs.xml: XML with a DOCTYPE or entity declarations is refused"),
        (
            "truncated.xml",
            "truncated.xml: line 25: malformed XML: Premature end of data in tag LISTED_ON line 25, line 25, "
            "column 23; the root element is never closed: the file looks cut short",
        ),
        ("bad_encoding.xml", "bad_encoding.xml: line 2: malformed XML: Invalid bytes in character encoding"),
        ("wrong_root.xml", "wrong_root.xml: line 2: root is <sdnList>"),
    ],
)
def test_hostile_file_exits_non_zero_and_changes_nothing(tmp_path: Path, fixture: str, message: str) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    before = (store.reader().content_hash(), _snapshot_count(store))
    result = CliRunner().invoke(
        main, ["--db", store.url, "ingest", "list", "un-sc-consolidated", str(FIXTURES / "hostile" / fixture)]
    )
    assert result.exit_code == 1
    assert message in result.output
    assert (store.reader().content_hash(), _snapshot_count(store)) == before


def test_an_encrypted_zip_set_exits_non_zero_naming_the_member_and_changes_nothing(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
            archive.write(FIXTURES / "ofac-2020-01" / name, name)
    data = bytearray(buffer.getvalue())
    # Flag bit 0 (encrypted) on the first member, in its local and its central directory header.
    data[data.find(b"PK\x03\x04") + 6] |= 1
    data[data.find(b"PK\x01\x02") + 8] |= 1
    path = tmp_path / "sdn_set.zip"
    path.write_bytes(bytes(data))
    before = (store.reader().content_hash(), _snapshot_count(store))
    result = CliRunner().invoke(
        main, ["--db", store.url, "ingest", "list", "us-ofac-sdn-csv", str(path), "--date", "2020-01-01"]
    )
    assert result.exit_code == 1
    assert f"{path}: member 'sdn.csv' is encrypted; proscribe cannot read it" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (store.reader().content_hash(), _snapshot_count(store)) == before


def test_a_utf8_csv_cut_inside_a_character_is_called_cut_short(tmp_path: Path) -> None:
    """A download cut inside a multi-byte character was "not valid utf_8 text"; read as another
    encoding, its last character would have been a wrong one, unnoticed."""
    store = fresh_store(tmp_path)
    fixture = (FIXTURES / "csl" / "consolidated.csv").read_text(encoding="utf-8")
    row = next(line for line in fixture.splitlines() if line.startswith("abc123,"))
    added = "".join(
        row.replace("abc123,", f"{key},").replace("Example Widgets Ltd.", name) + "\n"
        for key, name in (("abc124", "Société Exemple"), ("abc125", "Exemple Frères"))
    )
    whole = (fixture + added).encode()
    cut = tmp_path / "consolidated.csv"
    cut.write_bytes(whole[: whole.index("Frè".encode()) + 3])
    before = store.reader().content_hash()
    result = CliRunner().invoke(
        main, ["--db", store.url, "ingest", "list", "us-trade-csl", str(cut), "--date", "2025-02-01"]
    )
    assert result.exit_code == 1
    assert f"{cut}: line 7: the file ends inside a UTF-8 character: it looks cut short" in result.output
    assert store.reader().content_hash() == before
    # The same file whole is read.
    cut.write_bytes(whole)
    result = CliRunner().invoke(
        main, ["--db", store.url, "ingest", "list", "us-trade-csl", str(cut), "--date", "2025-02-01"]
    )
    assert result.exit_code == 0, result.output
    assert {"Société Exemple", "Exemple Frères"} <= {e.name for e in store.reader().entities()}


def test_undated_file_without_date_is_a_user_error(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    result = CliRunner().invoke(
        main,
        ["--db", store.url, "ingest", "list", "us-ofac-sdn-csv", str(FIXTURES / "ofac-2020-01" / "sdn.csv")],
    )
    assert result.exit_code == 2
    assert re.search(r"sdn.csv: the file states no date; pass --date YYYY-MM-DD", result.output)


def test_snapshots_in_reverse_order_give_the_same_dated_changes(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    later = ingest_list(store, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-02-01.xml"])
    earlier = ingest_list(store, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    assert later.changes == {}
    assert earlier.changes == {"delist": 1, "amend": 1}
    claims = [c for c in store.reader().claims(entity_id="un-qdi-901") if c.action == "delist"]
    assert [(c.list_id, c.date.iso(), c.known_from) for c in claims] == [
        ("un-1267", "2020-01-02/2020-02-01", later.snapshot_date)
    ]


def test_ofac_set_with_duplicates_and_stray_eof(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    first = ingest_list(
        store,
        "us-ofac-sdn-csv",
        sorted((FIXTURES / "ofac-2020-01").glob("*.csv")),
        snapshot_date=date.fromisoformat("2020-01-15"),
    )
    second = ingest_list(
        store,
        "us-ofac-sdn-csv",
        sorted((FIXTURES / "ofac-2020-06").glob("*.csv")),
        snapshot_date=date.fromisoformat("2020-06-15"),
    )
    assert (first.records, second.records) == (4, 4)
    # 11 left us-sdn; 14 joined us-sdn and us-sdgt; 10 gained an alias and lost its former name.
    assert second.changes == {"delist": 1, "list": 2, "amend": 3}
    assert second.unmapped == {"Program=NEWPROG": 1}


def test_ofac_2019_to_2021_diff_counts(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    for month, day in (("2019-01", "2019-01-15"), ("2021-07", "2021-07-07")):
        files = sorted(shared("us-ofac-sdn-csv", month).glob("*.csv"))
        ingest_list(store, "us-ofac-sdn-csv", files, snapshot_date=date.fromisoformat(day))
    sdn = [c for c in store.reader().claims(list_id="us-sdn") if c.kind == "event"]
    # Counted by hand with the csv module: ent_nums only in 2021-07 (1858) and only in 2019-01 (261).
    assert sum(c.action == "list" for c in sdn) == 1858
    removed = sorted(int(c.record_key) for c in sdn if c.action == "delist")
    assert (len(removed), removed[:5]) == (261, [587, 899, 1544, 4355, 4356])
    assert {c.date.iso() for c in sdn} == {"2019-01-16/2021-07-07"}
    window = "2019-01-16/2021-07-07"  # the registry's curated us-sdgt events are left out
    sdgt = [c for c in store.reader().claims(list_id="us-sdgt") if c.date.iso() == window]
    assert (sum(c.action == "list" for c in sdgt), sum(c.action == "delist" for c in sdgt)) == (331, 30)
    # Counted with the csv module: 86 ent_nums in both sets changed their names (primary plus
    # alt.csv), on 111 (record, list) pairs held by both; each amendment says what changed.
    amends = [c for c in store.reader().claims() if c.action == "amend" and c.record_key != "bundled"]
    assert (len(amends), len({c.record_key for c in amends})) == (111, 86)
    assert all(c.note for c in amends)
    # 22 kept their names and only changed programs: ent_num 11317 (NIOC) gained SDGT. That is a
    # listing on us-sdgt, not an amendment of its us-sdn entry.
    nioc = sorted(
        (c.list_id, c.action or "state") for c in store.reader().claims() if c.record_key == "11317"
    )
    assert nioc == [("us-sdgt", "list"), ("us-sdgt", "state"), ("us-sdn", "state"), ("us-sdn", "state")]


def test_ofac_2024_file_ends_at_its_eof_byte(tmp_path: Path) -> None:
    """The 2024-04 sdn.csv has 11,118 SDN rows, OFAC's end-of-file byte, then 449 rows of the non-SDN
    Consolidated list (its 58 "duplicates" are entities on both lists). Counted by hand with the csv
    module: read as SDN rows, 391 entities not on the SDN list were listed on it (ent_num 17016,
    Gazprombank, under UKRAINE-EO13662; 9639 under NS-PLC)."""
    store = fresh_store(tmp_path)
    copy = tmp_path / "sdn.csv"
    shutil.copy(shared("us-ofac-sdn-csv", "2024-04", "sdn.csv"), copy)
    report = ingest_list(store, "us-ofac-sdn-csv", [copy], snapshot_date=date.fromisoformat("2024-04-10"))
    assert report.records == 11118
    assert [w.rsplit("/", 1)[-1] for w in report.warnings] == [
        "sdn.csv: line 11119: the file ends at OFAC's end-of-file byte; the 449 row(s) after it are not "
        "part of it and were not read (programs: UKRAINE-EO13662 290, NS-PLC 78, CMIC-EO13959 68, "
        "RUSSIA-EO14024 66, SYRIA 3, FSE-SY 2, VENEZUELA-EO13850 2, 561-Related 1, CAATSA - RUSSIA 1, "
        "FSE-IR 1, SDGT 1)",
        "sdn.csv: the set has no alt or add file, so it states no addresses or aliases: no change to them "
        "is read from this snapshot",
    ]
    keys = {c.record_key for c in store.reader().claims(list_id="us-sdn")}
    assert "17016" not in keys and "9639" not in keys and "40018" in keys


def test_ofac_2018_publication_reads_the_same_in_xml_and_csv() -> None:

    xml = parse_files(
        "us-ofac-non-sdn-xml", read_inputs([shared("us-ofac-non-sdn-xml", "consolidated_2018-04-06.xml")])
    )
    csv_set = sorted(shared("us-ofac-non-sdn-legacy", "2018-04").glob("*.csv"))
    csv = parse_files("us-ofac-non-sdn-legacy", read_inputs(csv_set))
    by_key = {r.key: r for r in csv.records}
    assert len(xml.records) == len(by_key) == 639
    assert all((r.name, r.kind) == (by_key[r.key].name, by_key[r.key].kind) for r in xml.records)


def test_same_bytes_under_another_date_are_the_held_snapshot(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    files = sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))
    ingest_list(store, "us-ofac-sdn-csv", files, snapshot_date=date(2020, 1, 15))
    before = store.reader().content_hash()
    again = ingest_list(store, "us-ofac-sdn-csv", list(reversed(files)), snapshot_date=date(2020, 2, 1))
    assert (again.already_held, again.snapshot_date, again.new_claims) == (True, date(2020, 1, 15), 0)
    assert again.warnings[-1].endswith("already held as the snapshot of 2020-01-15; that date is kept")
    assert store.reader().content_hash() == before


def test_empty_snapshot_is_refused_and_a_collapsed_one_refused_unless_said_whole(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    empty = tmp_path / "empty.xml"
    empty.write_bytes(
        b'<CONSOLIDATED_LIST dateGenerated="2020-03-01T00:00:00Z"><INDIVIDUALS/></CONSOLIDATED_LIST>'
    )
    with pytest.raises(
        FormatError, match=re.escape("empty.xml: no records: a snapshot of un-sc-consolidated")
    ):
        ingest_list(store, "un-sc-consolidated", [empty])
    ingest_list(store, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    one = tmp_path / "one.xml"
    one.write_bytes(
        b'<CONSOLIDATED_LIST dateGenerated="2020-03-01T00:00:00Z"><ENTITIES><ENTITY>'
        b"<FIRST_NAME>X</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.900</REFERENCE_NUMBER></ENTITY></ENTITIES>"
        b"</CONSOLIDATED_LIST>"
    )
    before = store.reader().content_hash()
    refused = (
        "one.xml: 1 records against 4 in the snapshot of 2020-01-01 (75% fewer): refused, as every "
        "record it leaves out would be delisted. If the file holds part of the list, import it with "
        "--partial; if it is the whole list, with --whole"
    )
    with pytest.raises(InputError, match=re.escape(refused)):
        ingest_list(store, "un-sc-consolidated", [one])
    assert store.reader().content_hash() == before
    with pytest.raises(InputError, match="either part of the list"):
        ingest_list(store, "un-sc-consolidated", [one], partial=True, whole=True)
    report = ingest_list(store, "un-sc-consolidated", [one], whole=True)
    # QDe.900 stays (renamed "X": an amend); the three others are delisted.
    assert report.changes == {"amend": 1, "delist": 3}
    assert report.warnings[-1].endswith(
        "one.xml: 1 records against 4 in the snapshot of 2020-01-01 (75% fewer): "
        "imported as the whole list (--whole)"
    )


def test_same_bytes_under_another_source_are_refused(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    rows = tmp_path / "cons_prim.csv"
    rows.write_bytes((FIXTURES / "ofac-2020-01" / "sdn.csv").read_bytes())
    ingest_list(store, "us-ofac-non-sdn-csv", [rows], snapshot_date=date(2020, 1, 15))
    [held] = [snapshot["id"] for snapshot in _snapshots(store)]
    # Both sources read the file: the bytes are one source's, and the one holding them may be wrong.
    with pytest.raises(InputError) as caught:
        ingest_list(store, "us-ofac-non-sdn-legacy", [rows], snapshot_date=date(2020, 1, 15))
    assert str(caught.value) == (
        f"{rows}: these bytes are already held as snapshot {held} of us-ofac-non-sdn-csv, another source: a "
        "file is the snapshot of one source. If us-ofac-non-sdn-csv was the wrong source for them, take that "
        f'snapshot back (`proscribe sources withdraw {held} --reason "wrong source"`) and import them again '
        "as us-ofac-non-sdn-legacy"
    )


def test_bytes_held_under_another_source_and_of_another_format_say_the_format_first(tmp_path: Path) -> None:
    """A UN file already held, given to an OFAC CSV source: the wrong source leads, with the one to use."""
    store = fresh_store(tmp_path)
    un_file = FIXTURES / "un" / "un_2020-01-01.xml"
    ingest_list(store, "un-sc-consolidated", [un_file])
    [held] = [snapshot["id"] for snapshot in _snapshots(store)]
    with pytest.raises(FormatError) as caught:
        ingest_list(store, "us-ofac-sdn-csv", [un_file], snapshot_date=date(2020, 1, 15))
    assert str(caught.value) == (
        f"{un_file}: wrong source: us-ofac-sdn-csv (ofac_csv) does not read the file, but source "
        "un-sc-consolidated does: `proscribe ingest list un-sc-consolidated FILE...` (ofac_csv read it as: "
        "file name: extension .xml is not one of .csv, .pip, .del, .ff); these bytes are already held as "
        f"snapshot {held} of un-sc-consolidated"
    )


def _snapshots(store: Store) -> list[dict[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.snapshots.c.id)).all()
    return [{"id": str(row[0])} for row in rows]


@pytest.mark.parametrize(
    ("given", "warned"),
    [
        ("2019-06-01", None),
        (
            "2025-02-01",
            "the newest listing the file dates is of 2019-05-16, 2088 days before the snapshot date",
        ),
        ("2019-05-01", "the file dates a listing 2019-05-16, after the snapshot date 2019-05-01"),
    ],
)
def test_a_date_the_files_listing_dates_contradict_is_warned(
    tmp_path: Path, given: str, warned: str | None
) -> None:
    """The CSL fixture dates one listing, 2019-05-16 (abc123); the file states no snapshot date."""
    store = fresh_store(tmp_path)
    report = ingest_list(
        store,
        "us-trade-csl",
        [FIXTURES / "csl" / "consolidated.csv"],
        snapshot_date=date.fromisoformat(given),
    )
    doubts = [w for w in report.warnings if "listing" in w and "snapshot date" in w]
    if warned is None:
        assert doubts == []
    else:
        [doubt] = doubts
        assert doubt.startswith(f"{FIXTURES / 'csl' / 'consolidated.csv'}: {warned}")
