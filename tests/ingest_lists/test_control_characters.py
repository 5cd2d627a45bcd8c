"""A list entry whose name holds terminal escape sequences is stored, screened and written without them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from ingest_helpers import fresh_store

from proscribe.cli import main

ROW = '10,"EVIL \x1b[2J\x1b[31mRED\x1b[0m CORP",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'


def test_an_escaped_name_is_stored_clean_found_by_screening_and_reported(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    sdn = tmp_path / "sdn.csv"
    sdn.write_text(ROW, encoding="utf-8")
    runner = CliRunner()
    ingested = runner.invoke(
        main,
        [
            "--db",
            store.url,
            "ingest",
            "list",
            "us-ofac-sdn-csv",
            str(sdn),
            "--partial",
            "--date",
            "2024-01-01",
        ],
    )
    assert ingested.exit_code == 0, ingested.output
    assert (
        f"warning: {sdn}: 1 value(s) held control characters, kept without them (escape sequences "
        "and C0 controls removed, C1 characters read as Windows-1252): "
        "'EVIL \\x1b[2J\\x1b[31mRED\\x1b[0m CORP' read as 'EVIL RED CORP'\n"
    ) in ingested.stderr

    screened = runner.invoke(
        main,
        [
            "--db",
            store.url,
            "screen",
            "EVIL RED CORP",
            "--all-entities",
            "--threshold",
            "0.5",
            "--format",
            "json",
        ],
    )
    assert screened.exit_code == 0, screened.output
    hits = json.loads(screened.stdout)["results"]
    assert [(hit["entity_id"], hit["name"], hit["score"]) for hit in hits] == [
        ("ofac-10", "EVIL RED CORP", 1.0)
    ]

    # A query holding escapes is screened, and echoed, without them, as list names are stored.
    escaped = runner.invoke(
        main,
        ["--db", store.url, "screen", "EVIL \x1b[31mRED\x1b[0m CORP", "--all-entities", "--format", "json"],
    )
    assert escaped.exit_code == 0, escaped.output
    answer = json.loads(escaped.stdout)
    assert (answer["query"], [h["entity_id"] for h in answer["results"]]) == ("EVIL RED CORP", ["ofac-10"])
    only = runner.invoke(main, ["--db", store.url, "screen", "\x1b[31m\x1b[0m", "--all-entities"])
    assert (only.exit_code, only.stderr) == (2, "error: NAME is empty: give a name to screen\n")

    names = tmp_path / "names.csv"
    names.write_text("name\nEVIL \x1b[31mRED\x1b[0m CORP\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    bulk = runner.invoke(
        main,
        [
            "--db",
            store.url,
            "screen",
            "--file",
            str(names),
            "--column",
            "name",
            "--out",
            str(out),
            "--all-entities",
            "--threshold",
            "0.5",
        ],
    )
    assert bulk.exit_code == 0, bulk.output
    written = out.read_text(encoding="utf-8")
    assert "\x1b" not in written
    assert [
        (row["query"], row["entity_id"], row["name"]) for row in csv.DictReader(io.StringIO(written))
    ] == [("EVIL RED CORP", "ofac-10", "EVIL RED CORP")]
