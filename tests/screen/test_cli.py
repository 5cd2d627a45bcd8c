"""`proscribe screen` and `proscribe eval screen` through the real CLI on a SQLite registry."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from proscribe.cli import main
from proscribe.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "screen"


def _screen(store: Store, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["--db", store.url, "screen", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_screen_json_with_designations_and_receipt(sqlite_registry: Store) -> None:
    data = _screen(sqlite_registry, "طالبان", "--in", "UN", "--at", "2024-01-01")
    assert data["query"] == "طالبان"
    (result,) = data["results"]
    assert (result["entity_id"], result["matched_name"], result["score"]) == ("taliban", "طالبان", 1.0)
    assert [(d["jurisdiction"], d["list"], d["state"]) for d in result["designations"]] == [
        ("UN", "un-1988", "listed")
    ]
    receipt = data["receipt"]
    assert receipt["content_hash"] == sqlite_registry.reader().content_hash()
    assert receipt["parameters"]["filters"]["at"] == "2024-01-01"
    assert len(receipt["receipt_hash"]) == 64


def test_screen_acceptance_through_cli(sqlite_registry: Store) -> None:
    assert _screen(sqlite_registry, "Daesh")["results"][0]["entity_id"] == "isil"
    assert [r["entity_id"] for r in _screen(sqlite_registry, "Pakistani Taliban")["results"]] == ["ttp"]
    assert _screen(sqlite_registry, "Hamas Trading LLC")["results"] == []
    assert _screen(sqlite_registry, "CORP")["results"] == []


def test_screen_table_output(sqlite_registry: Store) -> None:
    result = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen", "Taleban", "--in", "UN"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "screening: Taleban"
    assert lines[1].split() == [
        *("ENTITY_ID", "NAME", "MATCHED_NAME", "SCORE", "DETAIL", "DESIGNATIONS", "BIRTH_DATES"),
        "MAY_BE_SAME_AS",
    ]
    assert lines[3].startswith("taliban")


def test_screen_bulk_file(sqlite_registry: Store, tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("who\nТалибан\nNobody In Particular\n", encoding="utf-8")
    args = ["--db", sqlite_registry.url, "screen", "--file", str(source), "--column", "who"]
    result = CliRunner().invoke(main, [*args, "--out", str(target), "--workers", "1"])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["line"], r["entity_id"], r["score"]) for r in rows] == [("2", "taliban", "1.0000")]


def test_screen_bulk_file_with_a_row_for_every_name(sqlite_registry: Store, tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("who\nТалибан\nNobody In Particular\n", encoding="utf-8")
    args = ["--db", sqlite_registry.url, "screen", "--file", str(source), "--column", "who"]
    result = CliRunner().invoke(main, [*args, "--out", str(target), "--workers", "1", "--every-name"])
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["line"], r["entity_id"], r["detail"]) for r in rows][1:] == [
        ("3", "", "no match at or above 0.80")
    ]
    assert rows[0]["entity_id"] == "taliban"
    alone = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen", "Hamas", "--every-name"])
    assert alone.exit_code == 2
    assert "--every-name goes with --file" in alone.stderr


def test_screen_needs_a_name_or_a_file(sqlite_registry: Store) -> None:
    result = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen"])
    assert result.exit_code == 2
    assert "give either NAME, or --file with --out" in result.output


def test_eval_screen_prints_final_prf_line() -> None:
    result = CliRunner().invoke(main, ["eval", "screen", str(FIXTURES / "pairs-small.csv")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "P=1.000 R=1.000 F1=1.000"


def test_all_entities_shows_designations_and_a_true_receipt(sqlite_registry: Store) -> None:
    data = _screen(sqlite_registry, "Taliban", "--all-entities", "--at", "2024-06-01")
    taliban = next(r for r in data["results"] if r["entity_id"] == "taliban")
    lists = {(d["jurisdiction"], d["list"]) for d in taliban["designations"]}
    assert ("UN", "un-1988") in lists and len(lists) > 1
    assert data["receipt"]["parameters"]["filters"]["all_entities"] is True
    # --in keeps every entity screenable but shows only that jurisdiction's designations.
    data = _screen(sqlite_registry, "Taliban", "--all-entities", "--in", "RU", "--at", "2024-06-01")
    taliban = next(r for r in data["results"] if r["entity_id"] == "taliban")
    assert {d["jurisdiction"] for d in taliban["designations"]} == {"RU"}
    filters = data["receipt"]["parameters"]["filters"]
    assert (filters["jurisdictions"], filters["all_entities"]) == (["RU"], True)


def test_screen_options_are_validated_in_bulk_mode(sqlite_registry: Store, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("name\nTaliban\n", encoding="utf-8")
    base = ["--db", sqlite_registry.url, "screen", "--file", str(source), "--out", str(tmp_path / "o.csv")]
    for extra in (["--threshold", "1.5"], ["--limit", "-1"], ["--workers", "-3"]):
        result = CliRunner().invoke(main, [*base, *extra])
        assert result.exit_code == 2, (extra, result.output)
    for out in (str(source), str(tmp_path / "nodir" / "o.csv"), str(tmp_path)):
        result = CliRunner().invoke(main, [*base[:-1], out])
        assert result.exit_code == 2, (out, result.output)
        assert result.output.startswith("error: --out"), result.output
    assert source.read_text(encoding="utf-8") == "name\nTaliban\n"


def test_an_empty_name_or_search_text_is_an_error_not_a_clean_result(sqlite_registry: Store) -> None:
    """Nothing screened must not read as "(no results)": an empty or blank NAME (or search TEXT)
    exits 2 with an error, as the API (400) and the web page refuse it."""
    for blank in ("", "   "):
        screened = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen", blank, "--no-cache"])
        assert (screened.exit_code, screened.stdout) == (2, "")
        assert screened.stderr == "error: NAME is empty: give a name to screen\n"
        searched = CliRunner().invoke(main, ["--db", sqlite_registry.url, "search", blank])
        assert searched.exit_code == 2
        assert "Invalid value for TEXT: empty: give a name, or part of one, to search for" in searched.stderr
    # A name of marks alone ("...", "—") would find nothing either.
    for marks in ("...", "—"):
        screened = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen", marks, "--no-cache"])
        assert (screened.exit_code, screened.stdout) == (2, "")
        assert screened.stderr == f"error: NAME {marks!r} has no letter or digit: nothing to screen\n"


TALIBAN_IN_KZ = "state uncertain on 2024-03-01"
TALIBAN_NOTE = (
    f"1 strong match not shown (taliban): {TALIBAN_IN_KZ}, and the screening counts only listed, suspended"
)
HAMAS_NOT_IN = "1 strong match not shown (hamas): no state on record on"


def test_a_strong_match_the_states_leave_out_is_noted(sqlite_registry: Store) -> None:
    """In KZ on 2024-03-01 the Taliban's listing is `uncertain` (sources say 2023-12-29 or 2024-06-03):
    the default states leave it out, and the result says so instead of a bare "(no results)"."""
    args = [
        "--db",
        sqlite_registry.url,
        "screen",
        "Taliban",
        "--in",
        "KZ",
        "--at",
        "2024-03-01",
        "--no-cache",
    ]
    data = _screen(sqlite_registry, *args[3:])
    assert data["results"] == []
    assert data["not_shown"] == [
        {"entity_id": "taliban", "name": "Taliban", "score": 1.0, "reason": TALIBAN_IN_KZ}
    ]
    assert data["notes"] == [TALIBAN_NOTE]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    assert table.output.splitlines() == ["screening: Taliban", "(no results)", "", TALIBAN_NOTE]
    # Asked for, the state is screened: a hit, and nothing left to note.
    uncertain = _screen(sqlite_registry, *args[3:], "--state", "uncertain")
    assert [r["entity_id"] for r in uncertain["results"]] == ["taliban"]
    assert (uncertain["not_shown"], uncertain["notes"]) == ([], [])
    # Left out by the jurisdiction asked; a weak match is never noted.
    in_ru = _screen(sqlite_registry, "Hamas", "--in", "RU", "--at", "2024-03-01", "--no-cache")
    assert in_ru["notes"] == [f"{HAMAS_NOT_IN} 2024-03-01 in the jurisdictions or lists screened"]
    assert _screen(sqlite_registry, "Hamas Trading LLC", "--in", "RU", "--no-cache")["notes"] == []


def test_bulk_writes_one_row_per_hit_with_an_unread_date_of_birth(
    sqlite_registry: Store, tmp_path: Path
) -> None:
    """A date of birth that cannot be read rides on each hit's row; only a name without a hit gets a
    row of its own for it, and a strong match left out is noted the same way."""
    names, hits = tmp_path / "names.csv", tmp_path / "hits.csv"
    names.write_text(
        "id,name,dob\n8,Hamas,1999-99-99\n9,Nobody In Particular,1999-99-99\n10,Taliban,\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main,
        [
            *("--db", sqlite_registry.url, "screen", "--file", str(names), "--id-column", "id"),
            *("--dob-column", "dob", "--out", str(hits), "--workers", "1", "--no-cache"),
            *("--in", "UN", "--at", "2024-03-01"),
        ],
    )
    assert result.exit_code == 0, result.output
    unread = (
        "date of birth '1999-99-99' not read: give it as YYYY-MM-DD, YYYY-MM or YYYY (a date such as "
        "03/04/1970 reads differently in Europe and the United States); screened by name alone"
    )
    with hits.open(encoding="utf-8", newline="") as handle:
        rows = [(r["line"], r["id"], r["entity_id"], r["detail"]) for r in csv.DictReader(handle)]
    hamas_in_un = f"{HAMAS_NOT_IN} 2024-03-01 in the jurisdictions or lists screened"
    assert rows == [
        ("2", "8", "", f"{unread}; {hamas_in_un}"),
        ("3", "9", "", unread),
        ("4", "10", "taliban", "exact alias 'Taliban'"),
    ]
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert (summary["rows"], summary["hits"], summary["skipped"]) == (3, 1, 0)
    assert (summary["birth_dates_unread"], summary["matches_not_shown"]) == (2, 1)
    result = CliRunner().invoke(
        main,
        [
            *("--db", sqlite_registry.url, "screen", "--file", str(names), "--id-column", "id"),
            *("--dob-column", "dob", "--out", str(hits), "--workers", "2", "--no-cache"),
        ],
    )
    assert result.exit_code == 0, result.output
    with hits.open(encoding="utf-8", newline="") as handle:
        rows = [(r["line"], r["entity_id"], r["detail"]) for r in csv.DictReader(handle)]
    assert rows == [
        ("2", "hamas", f"exact alias 'Hamas'; {unread}"),
        ("3", "", unread),
        ("4", "taliban", "exact alias 'Taliban'"),
    ]
