"""Bulk screening: 100,000 generated names through worker processes, one output row per hit."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from proscribe.errors import FormatError, HostileInputError, InputError
from proscribe.screen.bulk import MAX_CELL_CHARS, OUTPUT_COLUMNS, screen_file
from proscribe.screen.service import Screener
from proscribe.sources.bundled import load_entities

ROWS = 100_000
PLANTED = {"Талибан": "taliban", "Daesh": "isil", "Pakistani Taliban": "ttp"}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener.build(load_entities())


def _write_names(path: Path) -> dict[int, str]:
    """Generated non-matching names, with a registry alias planted in every 1,000th row."""
    planted: dict[int, str] = {}
    names = list(PLANTED)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "full_name"])
        for row in range(1, ROWS + 1):
            if row % 1000 == 0:
                name = names[(row // 1000) % len(names)]
                planted[row] = name
            else:
                name = f"Customer {row:06d} Qwzx"
            writer.writerow([row, name])
    return planted


def test_bulk_writes_one_row_per_hit(
    tmp_path: Path, screener: Screener, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    planted = _write_names(source)
    report = screen_file(screener, source, target, column="full_name", workers=2)
    assert (report.rows, report.hits, report.rows_with_hits, report.skipped, report.workers) == (
        ROWS,
        100,
        100,
        0,
        2,
    )
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == OUTPUT_COLUMNS
    # `line` is the file line: the header is line 1, data row N is line N + 1.
    assert {int(r["line"]) - 1: r["query"] for r in rows} == planted
    assert all(r["id"] == "" for r in rows)
    assert all(r["entity_id"] == PLANTED[r["query"]] for r in rows)
    first = next(r for r in rows if r["query"] == "Pakistani Taliban")
    assert (first["score"], first["matched_name"]) == ("0.9667", "Pakistan Taliban")
    assert "100000/100000" in capsys.readouterr().err


def test_bulk_in_process_matches_single_screening(tmp_path: Path, screener: Screener) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text("name\nТалибан\nHamas Trading LLC\nCORP\n", encoding="utf-8")
    report = screen_file(screener, source, target, workers=1, progress=False)
    assert (report.rows, report.hits) == (3, 1)
    with target.open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    single = screener.screen("Талибан")["results"][0]
    assert (row["entity_id"], float(row["score"]), row["detail"]) == (
        single["entity_id"],
        single["score"],
        single["detail"],
    )


def test_every_name_gives_each_record_a_row_an_auditor_can_count(tmp_path: Path, screener: Screener) -> None:
    """With `every_name`, a record screened without a hit says so, so the output alone shows that
    every record was screened; records with hits and records not screened are written as without it."""
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text("id,name\nc1,Талибан\nc2,Acme Trading LLC\nc3,\nc4,...\n", encoding="utf-8")
    report = screen_file(
        screener, source, target, id_column="id", workers=1, progress=False, threshold=0.85, every_name=True
    )
    assert (report.rows, report.hits, report.rows_with_hits, report.skipped) == (4, 1, 1, 2)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = [(r["line"], r["id"], r["query"], r["entity_id"], r["detail"]) for r in csv.DictReader(handle)]
    assert rows == [
        ("2", "c1", "Талибан", "taliban", screener.screen("Талибан", threshold=0.85)["results"][0]["detail"]),
        ("3", "c2", "Acme Trading LLC", "", "no match at or above 0.85"),
        ("4", "c3", "", "", "not screened: no name"),
        ("5", "c4", "...", "", "not screened: no letter or digit"),
    ]
    # Without it, the name without a hit writes nothing, as before.
    screen_file(screener, source, target, id_column="id", workers=1, progress=False, threshold=0.8549)
    with target.open(encoding="utf-8", newline="") as handle:
        assert [r["id"] for r in csv.DictReader(handle)] == ["c1", "c3", "c4"]
    # The threshold is said as given, not rounded to one that was not tested.
    screen_file(screener, source, target, workers=1, progress=False, threshold=0.8549, every_name=True)
    with target.open(encoding="utf-8", newline="") as handle:
        details = [r["detail"] for r in csv.DictReader(handle) if r["query"] == "Acme Trading LLC"]
    assert details == ["no match at or above 0.8549"]


def test_cells_a_spreadsheet_would_run_are_written_as_text(tmp_path: Path, screener: Screener) -> None:
    """An input echoed back (ids, queries) cannot become a formula when the results open in Excel."""
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text(
        'ref,name\n@SUM(1+1),=Taliban\n-7,"=HYPERLINK(""http://evil.example"",""x"")\nmore"\n',
        encoding="utf-8",
    )
    report = screen_file(screener, source, target, column="name", id_column="ref", workers=1, progress=False)
    assert (report.rows, report.hits, report.skipped) == (2, 1, 1)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["id"], r["query"], r["entity_id"], r["matched_name"]) for r in rows] == [
        ("'@SUM(1+1)", "'=Taliban", "taliban", "Taliban"),
        ("-7", '\'=HYPERLINK("http://evil.example","x")\nmore', "", ""),
    ]


def test_overlong_cells_are_reported_not_screened(tmp_path: Path, screener: Screener) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text("name\n" + "Taliban " * 60 + "\nTaliban\n", encoding="utf-8")
    report = screen_file(screener, source, target, workers=1, progress=False)
    assert (report.rows, report.hits, report.skipped) == (2, 1, 1)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["line"], r["entity_id"], r["detail"]) for r in rows] == [
        ("2", "", "not screened: longer than 400 characters"),
        ("3", "taliban", "exact alias 'Taliban'"),
    ]


def test_missing_column_names_the_file(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_text("title\nTaliban\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"names\.csv: no column 'name' \(columns: title\)"):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        # Saved by a spreadsheet in Windows-1252: the é of the third name (line 4) is one byte 0xE9.
        (
            "name\nTaliban\nHamas\nCaf\xe9 Example\n".encode("cp1252"),
            FormatError,
            "line 4: not UTF-8 text (byte 0xe9)",
        ),
        (b"name\nTaliban\n\x00\x01\x02\x03", HostileInputError, "line 3: binary content (NUL bytes)"),
        ("name\nTaliban\nCaf\xe9".encode()[:-1], FormatError, "line 3: ends inside a UTF-8 character"),
    ],
)
def test_a_file_that_is_not_utf8_text_is_refused_with_its_line_and_nothing_written(
    tmp_path: Path, screener: Screener, content: bytes, error: type[Exception], message: str
) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_bytes(content)
    with pytest.raises(error, match=re.escape(f"names.csv: {message}")):
        screen_file(screener, source, target, workers=1, progress=False)
    assert not target.exists()


def test_a_byte_order_mark_is_not_part_of_the_first_column_name(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_bytes("name\nTaliban\n".encode("utf-8-sig"))
    report = screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)
    assert (report.rows, report.rows_with_hits) == (1, 1)


def test_a_broken_character_across_read_blocks_names_its_line(tmp_path: Path, screener: Screener) -> None:
    # The file is checked in blocks of 1 MiB: the first byte of a two-byte character ends the
    # first block, and what follows on line 3 is no continuation byte.
    head = b"name\nTaliban\n"
    filler = b"Customer " * ((1 << 20) // 9)
    line_three = filler[: (1 << 20) - len(head) - 1] + b"\xc3A\n"
    source = tmp_path / "names.csv"
    source.write_bytes(head + line_three)
    with pytest.raises(FormatError, match=re.escape("names.csv: line 3: not UTF-8 text (byte 0xc3)")):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)


def _hits(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_input_file_is_never_the_output(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_text("name\nTaliban\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(source)
    for target in (source, tmp_path / "link.csv", tmp_path / "." / "names.csv"):
        with pytest.raises(InputError, match="is the input file"):
            screen_file(screener, source, target, workers=1, progress=False)
    assert source.read_text(encoding="utf-8") == "name\nTaliban\n"


def test_a_failed_run_leaves_an_existing_output_as_it_was(tmp_path: Path, screener: Screener) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    target.write_text("earlier results\n", encoding="utf-8")
    source.write_text("title\nTaliban\n", encoding="utf-8")
    with pytest.raises(FormatError):
        screen_file(screener, source, target, workers=1, progress=False)
    # A CSV error late in the file (after rows were screened) does not touch it either.
    source.write_text("name\nTaliban\n" + "Someone Else\n" * 50 + '"Smith\nHamas\n', encoding="utf-8")
    with pytest.raises(FormatError):
        screen_file(screener, source, target, workers=1, progress=False)
    assert target.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hits.csv", "names.csv"]  # no temporary left


@pytest.mark.parametrize("target", ["missing-dir/out.csv", "."])
def test_a_bad_output_path_is_an_input_error(tmp_path: Path, screener: Screener, target: str) -> None:
    source = tmp_path / "names.csv"
    source.write_text("name\nTaliban\n", encoding="utf-8")
    with pytest.raises(InputError, match="--out"):
        screen_file(screener, source, tmp_path / target, workers=1, progress=False)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 1.5}, "threshold must be between 0 and 1"),
        ({"limit": -1}, "limit must be at least 1"),
        ({"limit": 0}, "limit must be at least 1"),
        ({"workers": -3}, "workers must be at least 1"),
    ],
)
def test_options_are_validated(
    tmp_path: Path, screener: Screener, options: dict[str, float], message: str
) -> None:
    source = tmp_path / "names.csv"
    source.write_text("name\nTaliban\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        screen_file(screener, source, tmp_path / "out.csv", progress=False, **options)  # type: ignore[arg-type]
    assert not (tmp_path / "out.csv").exists()


def test_an_unclosed_quote_is_an_error_naming_its_line(tmp_path: Path, screener: Screener) -> None:
    lines = ["id,name"] + [f"{i},Customer {i:05d} Qwzx" for i in range(1, 1001)]
    lines[10] = '10,"Smith  John'
    lines[-1] = "1000,Taliban"
    source, target = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"names\.csv: line 11: a quote opened here is never closed"):
        screen_file(screener, source, target, workers=1, progress=False)
    assert not target.exists()


def test_a_stray_quote_meeting_another_quote_is_an_error(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_text('name\nTaliban\n"Smith\nJones\n"Doe, J"\nHamas\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"line 3: malformed CSV"):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)


def test_a_quote_swallowing_many_lines_is_an_error(tmp_path: Path, screener: Screener) -> None:
    body = "".join(f"{i},Customer {i}\n" for i in range(200))
    source = tmp_path / "names.csv"
    source.write_text(f'id,name\n1,"Smith\n{body}2,Jones",x\n3,Taliban\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"line 2: a quoted cell runs over 202 lines"):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)


def test_a_name_with_a_line_break_is_reported_not_screened(tmp_path: Path, screener: Screener) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_text('name,x\n"Smith\n3,Taliban",y\nHamas,z\n', encoding="utf-8")
    screen_file(screener, source, target, workers=1, progress=False)
    rows = _hits(target)
    assert (rows[0]["line"], rows[0]["entity_id"]) == ("2", "")
    assert "line break" in rows[0]["detail"]
    assert [r["line"] for r in rows[1:]] == ["4"]


def test_an_over_long_cell_gets_a_row_and_the_next_line_is_right(tmp_path: Path, screener: Screener) -> None:
    # Over the csv module's default field limit (131,072), under MAX_CELL_CHARS.
    source, target = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_text('name\nTaliban\n"' + "x" * 140_000 + '"\nHamas\n', encoding="utf-8")
    report = screen_file(screener, source, target, workers=1, progress=False)
    rows = _hits(target)
    assert (report.rows, report.skipped) == (3, 1)
    assert [(r["line"], r["detail"]) for r in rows if not r["entity_id"]] == [
        ("3", "not screened: longer than 400 characters")
    ]
    assert {r["line"] for r in rows if r["entity_id"] == "hamas"} == {"4"}


def test_a_cell_over_the_cell_limit_names_its_line(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_text('name\nTaliban\n"' + "x" * (MAX_CELL_CHARS + 1) + '"\nHamas\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"names\.csv: line 3: a cell longer than"):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)
    assert not (tmp_path / "out.csv").exists()


def test_lines_blank_names_and_ids(tmp_path: Path, screener: Screener) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "out.csv"
    source.write_text("id,name\n1,Hamas\n\n\n2,\n3,   \n4\n\n5,Taliban\n", encoding="utf-8")
    report = screen_file(screener, source, target, workers=1, progress=False, id_column="id")
    rows = _hits(target)
    assert (report.rows, report.skipped) == (5, 3)
    assert [(r["line"], r["id"], r["entity_id"]) for r in rows] == [
        ("2", "1", "hamas"),
        ("5", "2", ""),
        ("6", "3", ""),
        ("7", "4", ""),
        ("9", "5", "taliban"),
    ]
    assert all(r["detail"] == "not screened: no name" for r in rows if not r["entity_id"])


def test_a_missing_id_column_is_named(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_text("name\nTaliban\n", encoding="utf-8")
    with pytest.raises(FormatError, match="no column 'ref'"):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False, id_column="ref")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name\nTaliban\n".encode("utf-16"), "the file is UTF-16"),
        (b"\xfe\xff" + "name\nTaliban\n".encode("utf-16-be"), "the file is UTF-16 (big-endian)"),
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf\n\n", "the file is empty"),
    ],
)
def test_utf16_and_empty_files_are_named(
    tmp_path: Path, screener: Screener, content: bytes, message: str
) -> None:
    source = tmp_path / "names.csv"
    source.write_bytes(content)
    with pytest.raises(FormatError, match=re.escape(message)):
        screen_file(screener, source, tmp_path / "out.csv", workers=1, progress=False)
    assert not (tmp_path / "out.csv").exists()
