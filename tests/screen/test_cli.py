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
