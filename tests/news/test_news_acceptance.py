"""Acceptance on the shared data: seed documents give exactly their labelled events; dev-set floor;
ingest of the seeds shows up in `status`; hostile input writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from proscribe.cli import main

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
SEEDS = SHARED / "seeds"
DEV = SHARED / "news-dev" / "dev.jsonl"
SEED_FILES = {"seed-000": "000_6310cedfa362e261.txt", "seed-003": "003_6f18ff6c816bd48a.txt"}


def _need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (the project's ../shared checkout)")


def _run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("seed_id", sorted(SEED_FILES))
def test_seed_extract_yields_exactly_the_labelled_events(tmp_path: Path, seed_id: str) -> None:
    _need(SEEDS / "seeds.jsonl")
    gold = next(
        json.loads(line)
        for line in (SEEDS / "seeds.jsonl").read_text().splitlines()
        if json.loads(line)["id"] == seed_id
    )
    output = _run(tmp_path / "x.db", "extract", str(SEEDS / SEED_FILES[seed_id]), "--format", "jsonl")
    claims = [json.loads(line) for line in output.splitlines()]
    got = sorted((c["jurisdiction"], c["organisation"], c["action"], c["date"]) for c in claims)
    want = sorted((e["jurisdiction"], e["organisation"], e["action"], e["date"]) for e in gold["events"])
    assert got == want
    assert not any("Leave a Comment" in c["evidence"] or "Scroll to Top" in c["evidence"] for c in claims)
    assert all(c["rule"] and 0 < c["confidence"] <= 1 and c["entity_id"] == "taliban" for c in claims)


def test_dev_set_accuracy_targets(tmp_path: Path) -> None:
    """The issue's targets on the dev set: event F1 >= 0.85, date accuracy >= 0.80 on matched events."""
    _need(DEV)
    report = json.loads(_run(tmp_path / "x.db", "eval", "extract", str(DEV), "--json"))
    assert report["overall"]["f1"] >= 0.85
    assert report["date_accuracy"] >= 0.80
    assert report["distractors"]["false_positives"] == 0


def test_ingested_seeds_appear_in_status(tmp_path: Path) -> None:
    _need(SEEDS / "seeds.jsonl")
    db = tmp_path / "p.db"
    _run(db, "init")
    files = [str(SEEDS / name) for name in SEED_FILES.values()]
    first = json.loads(_run(db, "ingest", "news", *files))
    assert first["new_claims"] == 10 and first["new_sources"] == 2
    again = json.loads(_run(db, "ingest", "news", *files))
    assert again["new_claims"] == 0 and again["existing_claims"] == 10
    status = json.loads(_run(db, "status", "Taliban", "--in", "RU", "--at", "2024-06-01", "--format", "json"))
    (ru_list,) = [
        item for j in status["jurisdictions"] for item in j["lists"] if item["list"] == "ru-terrorist"
    ]
    listing_titles = {s["title"] for s in ru_list["sources"]}
    pending_titles = {s["title"] for p in ru_list["pending"] for s in p["sources"]}
    seeds = {Path(name).stem for name in SEED_FILES.values()}
    assert seeds <= listing_titles
    assert seeds <= pending_titles


def test_an_undated_listing_holds_from_the_publication_date(tmp_path: Path) -> None:
    """The seeds carry no date (their README: May 2024 reports); with one, Turkey's listing shows."""
    _need(SEEDS / "seeds.jsonl")
    db = tmp_path / "p.db"
    _run(db, "init")
    _run(db, "ingest", "news", str(SEEDS / SEED_FILES["seed-003"]), "--published", "2024-05-30")
    turkey = json.loads(_run(db, "status", "Taliban", "--in", "TR", "--at", "2024-06-01", "--format", "json"))
    (tr_list,) = [
        item for j in turkey["jurisdictions"] for item in j["lists"] if item["list"] == "tr-terrorist"
    ]
    assert tr_list["state"] == "listed"
    assert "003_6f18ff6c816bd48a" in [s["title"] for s in tr_list["sources"]]


def test_hostile_input_writes_nothing(tmp_path: Path) -> None:
    _need(SEEDS / "seeds.jsonl")
    db = tmp_path / "p.db"
    _run(db, "init")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    before = _run(db, "sources", "Taliban", "--format", "json")
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{db}", "ingest", "news", str(SEEDS / SEED_FILES["seed-000"]), str(big)]
    )
    assert result.exit_code == 1
    assert "over the" in result.output
    assert _run(db, "sources", "Taliban", "--format", "json") == before
    refused = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", "extract", "http://127.0.0.1/x"])
    assert refused.exit_code == 1 and "non-public address 127.0.0.1" in refused.output


def test_eval_extract_on_a_binary_file_is_an_error_naming_it(tmp_path: Path) -> None:
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_bytes(b"\xac\xed\x00\x05binary")
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "eval", "extract", str(labelled)]
    )
    assert result.exit_code == 1
    assert f"{labelled}: binary data (NUL bytes), not text" in result.output


def test_a_news_report_cannot_rewrite_a_better_sourced_listing(tmp_path: Path) -> None:
    """End to end: the bundled curated facts show Hizb ut-Tahrir on Russia's terrorist list since
    2006-07-28; an article claiming the Supreme Court designated it in 2026 is stored and shown, as
    refuted, and `status` in 2020 stays `listed` on the curated source."""
    db = tmp_path / "p.db"
    _run(db, "init")
    article = tmp_path / "report.txt"
    article.write_text(
        "On 5 March 2026 the Supreme Court of Russia designated Hizb ut-Tahrir as terrorist.\n"
    )
    stored = json.loads(_run(db, "ingest", "news", str(article), "--published", "2026-03-06"))
    assert stored["new_claims"] == 1
    status = json.loads(
        _run(db, "status", "Hizb ut-Tahrir", "--in", "RU", "--at", "2020-01-01", "--format", "json")
    )
    [row] = status["jurisdictions"][0]["lists"]
    assert (row["list"], row["state"], row["since"]) == ("ru-terrorist", "listed", "2006-07-28")
    [conflict] = row["conflicts"]
    assert conflict["kind"] == "overruled"
    assert conflict["resolution"] == "listing on 2026-03-05 set aside: the more trusted source prevails"
    timeline = json.loads(_run(db, "timeline", "hizb-ut-tahrir", "--in", "RU", "--format", "json"))
    events = [(e["action"], e["date"], e["refuted"]) for t in timeline["timelines"] for e in t["events"]]
    assert events == [("list", "2026-03-05", True)]


def test_a_un_removal_reported_in_the_news_joins_the_list_the_person_is_on(tmp_path: Path) -> None:
    """QDi.336 is on the UN 1267 list in the 2020-03-20 file; a report that the Security Council
    removed him "from its sanctions list" is about that list, not a second UN list he was never on."""
    snapshot = SHARED / "lists" / "un-sc-consolidated" / "un-consolidated_2020-03-20.xml"
    _need(snapshot)
    db = tmp_path / "p.db"
    _run(db, "init")
    _run(db, "ingest", "list", "un-sc-consolidated", str(snapshot))
    article = tmp_path / "removal.txt"
    article.write_text(
        "The UN Security Council on Thursday removed Anas Hasan Khattab from its sanctions list.\n"
    )
    _run(db, "ingest", "news", str(article), "--published", "2025-11-07")
    status = json.loads(
        _run(db, "status", "un-qdi-336", "--in", "UN", "--at", "2025-12-01", "--format", "json")
    )
    rows = [(row["list"], row["state"], row["since"]) for j in status["jurisdictions"] for row in j["lists"]]
    assert rows == [("un-1267", "not_listed", "2025-11-06")]


def test_the_bundled_dataset_knows_the_news_wording_of_a_name(tmp_path: Path) -> None:
    """ "the international LGBT movement", as the outlets the facts cite call it, is the bundled entity
    (scripts/build_dataset.py adds the wording its sources' titles use)."""
    article = tmp_path / "a.txt"
    article.write_text(
        "Russia's Supreme Court designated the international LGBT movement as extremist on 30 November 2023."
    )
    output = _run(tmp_path / "x.db", "extract", str(article), "--format", "jsonl")
    claims = [json.loads(line) for line in output.splitlines()]
    assert [(c["entity_id"], c["jurisdiction"], c["action"], c["date"]) for c in claims] == [
        ("lgbt-movement", "RU", "list", "2023-11-30")
    ]
