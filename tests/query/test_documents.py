"""`sources documents`: the articles and curated sources held, and what became of their claims
(counted, set aside by a later reading, rejected by an analyst). Over HTTP: tests/api/test_documents.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from proscribe.cli import main

REMOVAL = "On 6 November 2025 the UN Security Council removed the Haqqani Network from its sanctions list.\n"
BAN = "Hizb ut-Tahrir is banned in Germany.\n"


def _run(db: str, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def _documents(db: str, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_run(db, "sources", "documents", *args, "--format", "json"))
    return data


def _counts(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (d["title"], d["known_from"], d["claims"], d["counted"], d["set_aside"], d["rejected"], d["entities"])
        for d in data["documents"]
    ]


def test_the_bundled_sources_about_an_entity_in_a_window(db_url: str) -> None:
    """On both backends: the curated sources on the Taliban known from the second half of 2024
    (checked against the facts' events: the Kazakh removal reports of 3 June, the Kyrgyz ones of
    2 and 6 September, the Russian law of 28 December), latest first."""
    _run(db_url, "init")
    data = _documents(
        db_url, "--kind", "curated", "--entity", "Талибан", "--since", "2024-06-01", "--until", "2024-12-31"
    )
    assert (data["kind"], data["entity"], data["since"], data["until"], data["more"]) == (
        "curated",
        "taliban",
        "2024-06-01",
        "2024-12-31",
        False,
    )
    assert [(d["known_from"], d["claims"]) for d in data["documents"]] == [
        ("2024-12-28", 4),
        ("2024-09-06", 1),
        ("2024-09-02", 1),
        ("2024-06-03", 1),
        ("2024-06-03", 2),
    ]
    assert {d["url"] for d in data["documents"][3:]} == {
        "https://theatlasnews.co/brief/2024/06/03/kazakhstan-removes-taliban-from-terror-list/",
        "https://1lurer.am/en/2024/06/03/1/1135417",
    }
    assert all(d["kind"] == "curated" and d["entities"] == ["taliban"] for d in data["documents"])
    # Two at most: the first two, and a note that more match.
    short = _documents(db_url, "--kind", "curated", "--entity", "taliban", "--limit", "2")
    assert ([d["known_from"] for d in short["documents"]], short["more"]) == (
        ["2025-04-18", "2025-04-17"],
        True,
    )


def test_articles_with_claims_set_aside_and_rejected(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    _run(db, "init")
    assert _documents(db)["documents"] == []
    removal, ban = tmp_path / "removal.txt", tmp_path / "ban.txt"
    removal.write_text(REMOVAL)
    ban.write_text(BAN)
    _run(db, "ingest", "news", str(removal), "--published", "2025-11-07")
    _run(db, "ingest", "news", str(ban))  # undated: an undated claim, known from today
    _run(db, "ingest", "news", str(ban), "--published", "2025-01-02")  # read again: the first set aside
    [claim] = [
        c["id"]
        for c in json.loads(_run(db, "sources", "haqqani", "--format", "json"))["claims"]
        if c["source"]["kind"] == "news"
    ]
    _run(db, "sources", "reject", claim, "--reason", "misread: the Council removed someone else")

    data = _documents(db)
    assert _counts(data) == [
        ("removal", "2025-11-07", 1, 0, 0, 1, ["haqqani"]),
        ("ban", "2025-01-02", 2, 1, 1, 0, ["hizb-ut-tahrir"]),
    ]
    assert data["documents"][0]["url"].startswith("urn:sha256:")
    assert _counts(_documents(db, "--entity", "hizb-ut-tahrir")) == [
        ("ban", "2025-01-02", 2, 1, 1, 0, ["hizb-ut-tahrir"])
    ]
    assert _counts(_documents(db, "--since", "2025-06-01"))[0][0] == "removal"
    assert len(_documents(db, "--kind", "all", "--limit", "1000")["documents"]) == 245 + 2
    table = _run(db, "sources", "documents")
    assert table.splitlines()[0].split() == [
        "KNOWN_FROM",
        "KIND",
        "TITLE",
        "PUBLISHER",
        "CLAIMS",
        "COUNTED",
        "SET_ASIDE",
        "REJECTED",
        "ENTITIES",
        "URL",
    ]
    assert "--until 2025-01-01 is before --since 2025-06-01" in _run(
        db, "sources", "documents", "--since", "2025-06-01", "--until", "2025-01-01", code=2
    )
