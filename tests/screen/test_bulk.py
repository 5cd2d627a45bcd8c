"""Bulk screening: 100,000 generated names through worker processes, one output row per hit."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from proscribe.errors import FormatError, HostileInputError
from proscribe.screen.bulk import OUTPUT_COLUMNS, screen_file
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
    assert {int(r["row"]): r["query"] for r in rows} == planted
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


def test_overlong_cells_are_reported_not_screened(tmp_path: Path, screener: Screener) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text("name\n" + "Taliban " * 60 + "\nTaliban\n", encoding="utf-8")
    report = screen_file(screener, source, target, workers=1, progress=False)
    assert (report.rows, report.hits, report.skipped) == (2, 1, 1)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["row"], r["entity_id"], r["detail"]) for r in rows] == [
        ("1", "", "not screened: longer than 400 characters"),
        ("2", "taliban", "exact alias 'Taliban'"),
    ]


def test_missing_column_names_the_file(tmp_path: Path, screener: Screener) -> None:
    source = tmp_path / "names.csv"
    source.write_text("title\nTaliban\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"names\.csv: no column 'name'"):
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
