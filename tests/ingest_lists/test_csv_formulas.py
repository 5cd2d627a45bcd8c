"""CSV output keeps a hostile list record's name from running as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store

from proscribe.cli import main
from proscribe.spreadsheet import safe_cell

HOSTILE = '=HYPERLINK("http://evil.example/x","Open")'


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (HOSTILE, "'" + HOSTILE),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("\t=1+1", "'\t=1+1"),
        ("  =1+1", "'  =1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        # Plain numbers, ordinary text and empty cells are written as they are.
        ("-0.5", "-0.5"),
        ("+7", "+7"),
        ("1e-3", "1e-3"),
        ("Taliban", "Taliban"),
        ("Abu Muhammad al-Jawlani", "Abu Muhammad al-Jawlani"),
        ("a=b", "a=b"),
        ("", ""),
        ("   ", "   "),
        # Digits of other scripts are not numbers to a spreadsheet.
        ("-\u0663", "'-\u0663"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_kept_as_text(text: str, written: str) -> None:
    assert safe_cell(text) == written


def test_a_list_record_named_like_a_formula_is_text_in_csv_and_as_listed_in_json(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    snapshot = tmp_path / "un_2020-01-01.xml"
    original = (FIXTURES / "un" / "un_2020-01-01.xml").read_text(encoding="utf-8")
    escaped = HOSTILE.replace('"', "&quot;")
    snapshot.write_text(original.replace("NARNIA TRADING CO", escaped), encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(main, ["--db", store.url, "ingest", "list", "un-sc-consolidated", str(snapshot)])
    assert ingested.exit_code == 0, ingested.output

    found = runner.invoke(main, ["--db", store.url, "search", "hyperlink", "--format", "csv"])
    assert found.exit_code == 0, found.output
    rows = list(csv.DictReader(io.StringIO(found.stdout)))
    assert [(row["name"], row["matched_name"]) for row in rows] == [("'" + HOSTILE,) * 2]

    as_json = runner.invoke(main, ["--db", store.url, "search", "hyperlink", "--format", "json"])
    assert [r["name"] for r in json.loads(as_json.stdout)["results"]] == [HOSTILE]
