"""Reading an article again with its publication date put right: the article and its claims take it.

The date an article was published is the day "what did we know on K" counts its claims from. A
mistyped `--published` (2025-11-17 for 2025-11-07) must be correctable by ingesting the article
again with the right date, and an article ingested again with no date at all must keep the one it
was stored with, rather than have its claims read as of no day or reported as known from today. A
decision an article reports as done after the date it is given as published shows the date is wrong:
the report says so, and says nothing of acts the article schedules for later.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from proscribe import clock
from proscribe.cli import main

REMOVAL = "On 6 November 2025 the UN Security Council removed the Haqqani Network from its sanctions list.\n"
BAN = "Hizb ut-Tahrir is banned in Germany.\n"


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _ingest(db: str, article: Path, *published: str) -> dict[str, Any]:
    args = ["--published", published[0]] if published else []
    report: dict[str, Any] = json.loads(_run(db, "ingest", "news", str(article), *args))
    return report


def _news_claims(db: str, entity: str) -> list[dict[str, Any]]:
    claims = json.loads(_run(db, "sources", entity, "--format", "json"))["claims"]
    return [c for c in claims if c["source"]["kind"] == "news"]


def _removal_reported(db: str) -> list[tuple[str, str]]:
    """The Haqqani removal in `changes`, as (day it took effect, day first reported)."""
    changes = json.loads(
        _run(db, "changes", "--since", "2025-11-01", "--entity", "haqqani", "--in", "UN", "--format", "json")
    )["changes"]
    return [(c["date"], c["first_reported"]) for c in changes if c["list"] == "un-consolidated"]


def test_a_mistyped_publication_date_is_put_right_by_reading_the_article_again(
    tmp_path: Path, db_url: str
) -> None:
    """On both backends: the source, its claim and the answers as of a day take the corrected date."""
    db = db_url
    _run(db, "init")
    article = tmp_path / "removal.txt"
    article.write_text(REMOVAL)
    first = _ingest(db, article, "2025-11-17")
    assert (first["new_claims"], first["sources_redated"]) == (1, 0)
    [claim] = _news_claims(db, "haqqani")
    assert claim["source"]["published_on"] == "2025-11-17"
    assert _removal_reported(db) == [("2025-11-06", "2025-11-17")]
    as_of = ["--since", "2025-11-01", "--entity", "haqqani", "--format", "json"]
    # Known from the 17th: on the 10th, proscribe could not have known of it.
    assert json.loads(_run(db, "changes", *as_of, "--reported-until", "2025-11-10"))["changes"] == []

    second = _ingest(db, article, "2025-11-07")
    assert (second["new_claims"], second["existing_claims"], second["sources_redated"]) == (0, 1, 1)
    assert second["warnings"] == [
        "removal: publication date now 2025-11-07 (stored as 2025-11-17): "
        "answers --as-of count its claims from 2025-11-07"
    ]
    [again] = _news_claims(db, "haqqani")
    assert again["id"] == claim["id"]  # the same claim: what the article says did not change
    assert again["source"]["published_on"] == "2025-11-07"
    assert _removal_reported(db) == [("2025-11-06", "2025-11-07")]
    reported = json.loads(_run(db, "changes", *as_of, "--reported-until", "2025-11-10"))["changes"]
    assert [(c["list"], c["first_reported"]) for c in reported] == [("un-consolidated", "2025-11-07")]

    # Read again without a date: the stored one stands, and no warning claims otherwise.
    third = _ingest(db, article)
    assert (third["new_claims"], third["sources_redated"], third["warnings"]) == (0, 0, [])
    assert _news_claims(db, "haqqani")[0]["source"]["published_on"] == "2025-11-07"
    # The same date again: nothing to do.
    fourth = _ingest(db, article, "2025-11-07")
    assert (fourth["sources_redated"], fourth["warnings"]) == (0, [])
    assert _removal_reported(db) == [("2025-11-06", "2025-11-07")]


def test_an_article_stored_undated_takes_the_date_it_is_read_with(tmp_path: Path) -> None:
    """An undated ban read with no date is an undated claim known from the day it was imported;
    read again with the publication date, it is the listing as of that day, known from then."""
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    _run(db, "init")
    article = tmp_path / "ban.txt"
    article.write_text(BAN)
    first = _ingest(db, article)
    assert first["warnings"] == [
        "ban: no publication date (give --published, a pub_date, a dated URL or a dateline opening the "
        "text): "
        f"answers --as-of count its claims from {clock.today().isoformat()}"
    ]
    [undated] = _news_claims(db, "hizb-ut-tahrir")
    assert (undated["kind"], undated["date"], undated["source"]["published_on"]) == ("event", "unknown", None)

    second = _ingest(db, article, "2025-01-02")
    assert (second["new_claims"], second["claims_superseded"], second["sources_redated"]) == (1, 1, 1)
    assert second["warnings"] == [
        "ban: no longer read from the article, set aside: "
        f"list of hizb-ut-tahrir on de-ban, unknown ({undated['id']})",
        "ban: publication date now 2025-01-02 (stored undated): "
        "answers --as-of count its claims from 2025-01-02",
    ]
    [dated] = _news_claims(db, "hizb-ut-tahrir")
    assert (dated["kind"], dated["state"], dated["date"]) == ("state", "listed", "2025-01-02")
    assert dated["source"]["published_on"] == "2025-01-02"
    # Read again undated, it keeps its date and its state claim.
    third = _ingest(db, article)
    assert (third["new_claims"], third["claims_superseded"], third["warnings"]) == (0, 0, [])
    assert [c["id"] for c in _news_claims(db, "hizb-ut-tahrir")] == [dated["id"]]


SCHEDULED = (
    "The State Department will designate the Haqqani Network as a terrorist organization "
    "on 20 November 2025.\n\n"
    "Effective 16 November 2025, the UN Security Council removed the Haqqani Network "
    "from its sanctions list.\n"
)


def test_an_act_reported_done_after_the_publication_date_is_flagged(tmp_path: Path) -> None:
    """A removal reported as done on 6 November 2025 in an article given as published a year
    before: the report says the date is doubtful; put right, the warning goes."""
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    _run(db, "init")
    article = tmp_path / "removal.txt"
    article.write_text(REMOVAL)
    first = _ingest(db, article, "2024-11-07")
    assert first["warnings"] == [
        "removal: reports a delist of Haqqani Network (UN) on 2025-11-06 as done, after its publication date "
        "2024-11-07: is the publication date (--published) right? Answers --as-of count the claim "
        "from 2024-11-07"
    ]
    second = _ingest(db, article, "2025-11-07")
    assert second["warnings"] == [
        "removal: publication date now 2025-11-07 (stored as 2024-11-07): "
        "answers --as-of count its claims from 2025-11-07"
    ]


def test_acts_an_article_schedules_after_its_publication_are_not_flagged(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    _run(db, "init")
    article = tmp_path / "scheduled.txt"
    article.write_text(SCHEDULED)
    report = _ingest(db, article, "2025-11-07")
    assert (report["new_claims"], report["warnings"]) == (2, [])
    dated = sorted((c["action"], c["date"]) for c in _news_claims(db, "haqqani"))
    assert dated == [("delist", "2025-11-16"), ("list", "2025-11-20")]


def test_extract_warns_on_stderr_and_keeps_stdout_json(tmp_path: Path) -> None:
    article = tmp_path / "removal.txt"
    article.write_text(REMOVAL)
    db = f"sqlite:///{tmp_path / 'registry.db'}"  # not initialised: the bundled entities are read
    result = CliRunner().invoke(
        main,
        ["--db", db, "extract", str(article), "--published", "2024-11-07", "--format", "json"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    [claim] = json.loads(result.stdout)
    assert (claim["action"], claim["date"]) == ("delist", "2025-11-06")
    assert result.stderr == (
        "warning: removal: reports a delist of Haqqani Network (UN) on 2025-11-06 as done, after its "
        "publication date 2024-11-07: is the publication date (--published) right? Answers --as-of count "
        "the claim from 2024-11-07\n"
    )


def test_a_date_the_article_gives_itself_wins_and_the_report_says_so(tmp_path: Path) -> None:
    """--published only stands in for a date the article lacks: given for an article whose text
    dates it, it is not used, and the report says so rather than leave it to look applied."""
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    _run(db, "init")
    article = tmp_path / "removal.txt"
    article.write_text(f"date 2025-11-07\n{REMOVAL}")
    report = _ingest(db, article, "2025-11-17")
    assert report["warnings"] == [
        "removal: --published 2025-11-17 not used: the article dates itself 2025-11-07 "
        "(from its page, text, URL or record)"
    ]
    assert report["sources_redated"] == 0
    assert _news_claims(db, "haqqani")[0]["source"]["published_on"] == "2025-11-07"
