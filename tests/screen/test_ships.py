"""Ships by their IMO number: a screened text that is one finds the ships holding it, whatever they
are called now; through the real CLI on a real database (SQLite and PostgreSQL), after importing a
hand-written SEMA snapshot that lists a tanker with its number."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.store import Store

SEMA = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ca" / "sema_2023.xml"
SHIP = "ca-sema-ru-1-part-3-7"


def _run(store: Store, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", store.url, *args])
    assert result.exit_code == 0, result.output
    return result


def _screen(store: Store, *args: str) -> list[dict[str, Any]]:
    out = _run(store, "screen", *args, "--format", "json").stdout
    results: list[dict[str, Any]] = json.loads(out)["results"]
    return results


@pytest.fixture
def ships(registry: Store) -> Store:
    """The bundled registry plus a SEMA snapshot listing the tanker Northern Example, IMO 9300104."""
    _run(registry, "ingest", "list", "ca-sema", str(SEMA), "--date", "2023-06-01")
    return registry


def test_an_imo_number_finds_the_ship_holding_it(ships: Store) -> None:
    for written in ("IMO 9300104", "9300104", "imo no. 9300104"):
        (hit,) = _screen(ships, written)
        assert (hit["entity_id"], hit["name"], hit["matched_name"], hit["score"]) == (
            SHIP,
            "Northern Example",
            "IMO 9300104",
            1.0,
        ), written
        assert hit["detail"] == "IMO number 9300104: the ship's own number, kept through renamings"
        assert [d["list"] for d in hit["designations"]] == ["ca-sema"]


def test_a_number_failing_its_check_digit_or_held_by_no_ship_finds_nothing(ships: Store) -> None:
    assert _screen(ships, "IMO 9300105") == []  # the check digit of 930010 is 4
    assert _screen(ships, "IMO 9512343") == []  # a valid number no list gives


def test_the_designation_filters_apply_to_ships_found_by_number(ships: Store) -> None:
    assert _screen(ships, "IMO 9300104", "--in", "US") == []
    assert [hit["entity_id"] for hit in _screen(ships, "IMO 9300104", "--in", "CA")] == [SHIP]
    # Before its listing (2023-05-19) the ship is no designated entity.
    assert _screen(ships, "IMO 9300104", "--at", "2023-05-01") == []


def test_the_receipt_of_a_screening_by_number_verifies(ships: Store) -> None:
    from proscribe.screen.service import Filters, Screener, verify

    receipt = json.loads(_run(ships, "screen", "IMO 9300104", "--format", "json").stdout)["receipt"]
    filters = Filters(
        **{k: tuple(v) if isinstance(v, list) else v for k, v in receipt["parameters"]["filters"].items()}
    )
    assert verify(receipt, Screener.from_reader(ships.reader(), filters)) == []


def test_bulk_screening_finds_ships_by_number_beside_names(ships: Store, tmp_path: Path) -> None:
    names = tmp_path / "fleet.csv"
    names.write_text("ref,name\nv1,IMO 9300104\nv2,Northern Example\nv3,IMO 9300105\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    args = ("screen", "--file", str(names), "--id-column", "ref", "--out", str(out), "--workers", "1")
    _run(ships, *args)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["id"], r["entity_id"], r["matched_name"], r["score"]) for r in rows] == [
        ("v1", SHIP, "IMO 9300104", "1.0000"),
        ("v2", SHIP, "Northern Example", "1.0000"),
    ]
