"""The seed story's disagreement on who decides: after the two seed articles are ingested over the
bundled dataset, Russia's 2024 proposal to drop the Taliban is decided by the President per two sources
and by the Supreme Court alone per a third, and `status` shows that as a conflict."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from proscribe.cli import main

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "seeds"
SEED_FILES = ("000_6310cedfa362e261.txt", "003_6f18ff6c816bd48a.txt")
CURATED = "https://1lurer.am/en/2024/06/03/1/1135417"


def _run(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_outlets_disagreeing_on_who_decides_are_a_conflict(tmp_path: Path) -> None:
    if not (SEEDS / SEED_FILES[0]).exists():
        pytest.skip(f"shared data not found at {SEEDS} (the project's ../shared checkout)")
    db = tmp_path / "p.db"
    _run(db, "init")
    before = json.loads(_run(db, "status", "Taliban", "--in", "RU", "--at", "2024-06-01", "--format", "json"))
    [item] = before["jurisdictions"][0]["lists"]
    assert item["conflicts"] == []

    _run(db, "ingest", "news", *(str(SEEDS / name) for name in SEED_FILES))
    after = json.loads(_run(db, "status", "Taliban", "--in", "RU", "--at", "2024-06-01", "--format", "json"))
    [item] = after["jurisdictions"][0]["lists"]
    assert (item["state"], item["since"]) == ("listed", "2003-02-14")
    [pending] = item["pending"]
    assert (pending["action"], pending["date"]) == ("propose_delist", "2024-05-27")
    deciders = {
        d["authority"]: sorted(s["title"] or s["url"] for s in d["sources"]) for d in pending["deciders"]
    }
    curated_title = next(s["title"] for s in pending["sources"] if s["url"] == CURATED)
    assert deciders == {
        "President of Russia": sorted([curated_title, "000_6310cedfa362e261"]),
        "Supreme Court of the Russian Federation": ["003_6f18ff6c816bd48a"],
    }
    [conflict] = item["conflicts"]
    assert conflict["kind"] == "decider"
    assert conflict["description"] == (
        "sources disagree on who decides the propose_delist of 2024-05-27: President of Russia "
        "(2 sources) vs Supreme Court of the Russian Federation (1 source)"
    )
    assert conflict["window"] == "2024-05-27"

    table = _run(db, "status", "Taliban", "--in", "RU", "--at", "2024-06-01")
    assert (
        "decided by President of Russia or Supreme Court of the Russian Federation (sources disagree)"
        in table
    )
    # What was known before the articles were read: the curated report alone, no disagreement.
    known = json.loads(
        _run(
            db,
            "status",
            "Taliban",
            "--in",
            "RU",
            "--at",
            "2024-06-01",
            "--as-of",
            "2024-06-03",
            "--format",
            "json",
        )
    )
    [item] = known["jurisdictions"][0]["lists"]
    assert [d["authority"] for d in item["pending"][0]["deciders"]] == ["President of Russia"]
    assert item["conflicts"] == []


def test_changes_say_who_decides_each_proposal(tmp_path: Path) -> None:
    """`changes` (table and JSON) carries each proposal's deciders with their sources: one body for
    the curated report alone, both bodies once the seed articles disagree."""
    if not (SEEDS / SEED_FILES[0]).exists():
        pytest.skip(f"shared data not found at {SEEDS} (the project's ../shared checkout)")
    db = tmp_path / "p.db"
    _run(db, "init")
    window = ("changes", "--since", "2024-05-01", "--until", "2024-06-30", "--in", "RU")
    [row] = json.loads(_run(db, *window, "--format", "json"))["changes"]
    assert (row["entity_id"], row["action"], row["date"]) == ("taliban", "propose_delist", "2024-05-27")
    assert [(d["authority"], [s["url"] for s in d["sources"]]) for d in row["deciders"]] == [
        ("President of Russia", [CURATED])
    ]

    _run(db, "ingest", "news", *(str(SEEDS / name) for name in SEED_FILES))
    rows = json.loads(_run(db, *window, "--entity", "taliban", "--format", "json"))["changes"]
    [proposal] = [r for r in rows if r["action"] == "propose_delist"]
    assert sorted(d["authority"] for d in proposal["deciders"]) == [
        "President of Russia",
        "Supreme Court of the Russian Federation",
    ]
    table = csv.DictReader(io.StringIO(_run(db, *window, "--entity", "taliban", "--format", "csv")))
    decided = {row["decided_by"] for row in table if row["action"] == "propose_delist"}
    assert decided == {"President of Russia or Supreme Court of the Russian Federation"}
