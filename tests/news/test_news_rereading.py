"""Reading an article again: what it no longer says is set aside, what it says again counts again.

The scenario is the one a user meets: a report that the Security Council removed the Haqqani
Network "from its sanctions list" is ingested before any UN list file, so it can only go to the
UN's default list; once a snapshot shows the network on the 1988 (Taliban) list, ingesting the
report again reads it as a removal from that list, and the first reading must not stay beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from sqlalchemy import text

from proscribe.cli import main
from proscribe.store import open_store

# A UN consolidated list in the published schema, written for this test: the network on the
# 1988 list (its real reference number, which the bundled dataset knows) and nothing else.
SNAPSHOT = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2025-11-20T10:00:00-05:00">
  <INDIVIDUALS/>
  <ENTITIES>
    <ENTITY>
      <DATAID>1</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>HAQQANI NETWORK (HQN)</FIRST_NAME>
      <UN_LIST_TYPE>Taliban</UN_LIST_TYPE>
      <REFERENCE_NUMBER>TAe.012</REFERENCE_NUMBER>
      <LISTED_ON>2012-11-05</LISTED_ON>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""
REPORT = "The UN Security Council on Thursday removed the Haqqani Network from its sanctions list.\n"


def _run(db: Path | str, *args: str) -> str:
    url = db if isinstance(db, str) else f"sqlite:///{db}"
    result = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _ingest(db: Path | str, article: Path) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(_run(db, "ingest", "news", str(article), "--published", "2025-11-07"))
    return report


def _un_removals(db: Path | str) -> list[tuple[str, str, str]]:
    timeline = json.loads(_run(db, "timeline", "haqqani", "--in", "UN", "--format", "json"))
    return [
        (t["list"], e["action"], e["date"])
        for t in timeline["timelines"]
        for e in t["events"]
        if e["action"] == "delist"
    ]


def _superseded(db: Path | str) -> list[tuple[str, str]]:
    store = open_store(db if isinstance(db, str) else f"sqlite:///{db}")
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT c.list_id, s.reason FROM superseded_claims s "
                    "JOIN claims c ON c.id = s.claim_id ORDER BY c.list_id"
                )
            )
            return [(str(row[0]), str(row[1])) for row in rows]
    finally:
        store.dispose()


def _read_before_and_after_the_snapshot(db: Path, folder: Path) -> Path:
    """Ingest the report, then the snapshot, then the report again; the report's path."""
    article = folder / "removal.txt"
    article.write_text(REPORT)
    _ingest(db, article)
    snapshot = folder / "un.xml"
    snapshot.write_text(SNAPSHOT)
    _run(db, "ingest", "list", "un-sc-consolidated", str(snapshot))
    _ingest(db, article)
    return article


def test_an_article_read_again_keeps_only_its_latest_reading(tmp_path: Path, db_url: str) -> None:
    """On both backends: the report read again moves its removal to the 1988 list."""
    db = db_url
    _run(db, "init")
    article = tmp_path / "removal.txt"
    article.write_text(REPORT)
    first = _ingest(db, article)
    assert (first["new_claims"], first["claims_superseded"]) == (1, 0)
    assert _un_removals(db) == [("un-consolidated", "delist", "2025-11-06")]
    [old_id] = [
        c["id"]
        for c in json.loads(_run(db, "sources", "haqqani", "--format", "json"))["claims"]
        if c["source"]["kind"] == "news"
    ]

    snapshot = tmp_path / "un.xml"
    snapshot.write_text(SNAPSHOT)
    _run(db, "ingest", "list", "un-sc-consolidated", str(snapshot))
    # Ingesting the report again: the network is on the 1988 list now, so the removal is from it.
    second = _ingest(db, article)
    assert (second["new_claims"], second["existing_claims"]) == (1, 0)
    assert (second["claims_superseded"], second["claims_restored"]) == (1, 0)
    assert second["warnings"] == [
        "removal: no longer read from the article, set aside: "
        f"delist of haqqani on un-consolidated, 2025-11-06 ({old_id})"
    ]
    assert _un_removals(db) == [("un-1988", "delist", "2025-11-06")]
    # Stored still, with why and when; counted by no read, at any --as-of.
    [(list_id, reason)] = _superseded(db)
    assert list_id == "un-consolidated" and reason.startswith(
        "no longer read from the article (read again on "
    )
    as_of = json.loads(
        _run(db, "timeline", "haqqani", "--in", "UN", "--as-of", "2025-12-31", "--format", "json")
    )
    assert [t["list"] for t in as_of["timelines"]] == ["un-1988"]

    # The same reading again changes nothing.
    third = _ingest(db, article)
    assert (third["new_claims"], third["existing_claims"], third["claims_superseded"]) == (0, 1, 0)
    assert third["warnings"] == []


def test_the_earlier_reading_counts_again_when_the_article_reads_so_again(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    _run(db, "init")
    article = _read_before_and_after_the_snapshot(db, tmp_path)
    # The snapshot taken back, nothing puts the network on the 1988 list: the first reading returns.
    [held] = json.loads(_run(db, "sources", "list", "un-sc-consolidated", "--format", "json"))["snapshots"]
    snapshot_id = held["id"]
    _run(db, "sources", "withdraw", snapshot_id, "--reason", "test: imported by mistake")
    again = _ingest(db, article)
    assert (again["new_claims"], again["claims_superseded"], again["claims_restored"]) == (0, 1, 1)
    assert [w.split(": ", 2)[1] for w in again["warnings"]] == [
        "no longer read from the article, set aside",
        "read from the article again, counted again",
    ]
    assert _un_removals(db) == [("un-consolidated", "delist", "2025-11-06")]
    assert [row[0] for row in _superseded(db)] == ["un-1988"]


def test_a_claim_the_article_never_gave_is_not_touched(tmp_path: Path) -> None:
    """Only the article's own claims are its to set aside: another article's report, and the bundled
    dataset's claims on the same entity, stand whatever the re-reading finds."""
    db = tmp_path / "p.db"
    _run(db, "init")
    before = json.loads(_run(db, "sources", "haqqani", "--format", "json"))["claims"]
    other = tmp_path / "other.txt"
    other.write_text("Canada listed the Haqqani Network as a terrorist entity on 9 November 2012.\n")
    _run(db, "ingest", "news", str(other), "--published", "2012-11-10")
    _read_before_and_after_the_snapshot(db, tmp_path)
    after = {c["id"] for c in json.loads(_run(db, "sources", "haqqani", "--format", "json"))["claims"]}
    assert {c["id"] for c in before} <= after
    assert len(_superseded(db)) == 1
    canada = json.loads(_run(db, "status", "haqqani", "--in", "CA", "--at", "2013-01-01", "--format", "json"))
    assert [(row["state"], row["since"]) for j in canada["jurisdictions"] for row in j["lists"]] == [
        ("listed", "2012-11-09")
    ]


def test_the_same_text_under_another_name_makes_the_same_claims(tmp_path: Path) -> None:
    """An article saved twice (`removal.txt`, `removal (1).txt`) is one source with one reading:
    read under the second name it makes the claims the first made, so nothing is set aside and
    an analyst's rejection of its claim still holds; two copies in one run make one claim each."""
    db = tmp_path / "p.db"
    _run(db, "init")
    article = tmp_path / "removal.txt"
    article.write_text(REPORT)
    _ingest(db, article)
    [claim] = [
        c["id"]
        for c in json.loads(_run(db, "sources", "haqqani", "--format", "json"))["claims"]
        if c["source"]["kind"] == "news"
    ]
    _run(db, "sources", "reject", claim, "--reason", "test: the Council removed someone else")
    assert _un_removals(db) == []

    copy = tmp_path / "removal (1).txt"
    copy.write_text(REPORT)
    again = _ingest(db, copy)
    assert (again["new_claims"], again["existing_claims"], again["claims_superseded"]) == (0, 1, 0)
    assert again["warnings"] == []
    assert _un_removals(db) == []  # still rejected
    assert _superseded(db) == []

    fresh = tmp_path / "fresh.db"
    _run(fresh, "init")
    both: dict[str, Any] = json.loads(
        _run(fresh, "ingest", "news", str(article), str(copy), "--published", "2025-11-07")
    )
    assert (both["new_claims"], both["new_sources"]) == (1, 1)
