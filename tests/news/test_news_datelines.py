"""An article's day: a dateline opening its text dates it when it states no other date, for its
relative dates and for when answers --as-of count its claims alike; and how warnings name the
organisations of its claims. Sentences written for these tests."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from proscribe.cli import main
from proscribe.model import Entity
from proscribe.news.document import Document
from proscribe.news.extract import Extractor
from proscribe.news.inputs import FetchOptions, dateline_dates, document_from, load_documents, unused_dates

ARTICLE = (
    "Oslo, 12 March 2026. Norway's Supreme Court on Tuesday recognised the Taliban as a terrorist "
    "organisation.\n"
)


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", db, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_dateline_dates_an_article_that_states_no_other_date() -> None:
    document = document_from("a1", ARTICLE, None, None)
    assert (document.pub_date, document.dated_by) == (date(2026, 3, 12), "dateline")
    assert dateline_dates([document]) == [
        "a1: publication date 2026-03-12 read from the dateline opening its text: its relative dates "
        "count from it, and answers --as-of count its claims from it"
    ]
    # After a headline (a first line with no full stop), the dateline opens the next line.
    headed = document_from(
        "a2", "Norway bans the Taliban\nOSLO, March 12, 2026 (AP) -- The court ruled.", None, None
    )
    assert (headed.pub_date, headed.dated_by) == (date(2026, 3, 12), "dateline")
    # A date in the middle of the first sentence is no dateline.
    plain = document_from("a3", "The court ruled on 12 March 2026 that the Taliban is banned.", None, None)
    assert (plain.pub_date, plain.dated_by) == (None, None)


def test_a_date_the_article_states_wins_over_its_dateline_and_the_dateline_over_published() -> None:
    prefixed = document_from("b1", "date 2026-03-14\n" + ARTICLE, None, None)
    assert (prefixed.pub_date, prefixed.dated_by) == (date(2026, 3, 14), "text")
    in_url = document_from("b2", ARTICLE, "https://news.example.org/2026/03/13/ban", None)
    assert (in_url.pub_date, in_url.dated_by) == (date(2026, 3, 13), "url")
    recorded = document_from("b3", ARTICLE, None, date(2026, 4, 1), stated=date(2026, 3, 15))
    assert (recorded.pub_date, recorded.dated_by) == (date(2026, 3, 15), "record")
    # --published stands in only for an article that gives no date; the dateline is its own.
    given = document_from("b4", ARTICLE, None, date(2026, 4, 1))
    assert (given.pub_date, given.dated_by) == (date(2026, 3, 12), "dateline")
    assert unused_dates([given], date(2026, 4, 1)) == [
        "b4: --published 2026-04-01 not used: the article dates itself 2026-03-12 (from the dateline "
        "opening its text)"
    ]
    undated = document_from("b5", "The court banned the Taliban.", None, date(2026, 4, 1))
    assert (undated.pub_date, undated.dated_by) == (date(2026, 4, 1), "given")


def test_a_jsonl_records_pub_date_is_its_own(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text(
        json.dumps({"id": "r1", "text": ARTICLE, "pub_date": "2026-03-15"})
        + "\n"
        + json.dumps({"id": "r2", "text": ARTICLE})
        + "\n"
    )
    documents = load_documents([str(records)], date(2026, 4, 1), FetchOptions())
    assert [(d.id, d.pub_date, d.dated_by) for d in documents] == [
        ("r1", date(2026, 3, 15), "record"),
        ("r2", date(2026, 3, 12), "dateline"),
    ]


def test_an_article_dated_by_its_dateline_counts_from_that_day(tmp_path: Path) -> None:
    """ "On Tuesday" is read from the dateline's day, and the article is known from that day too: an
    answer --as-of a later day holds its claim, whenever it was imported."""
    db = f"sqlite:///{tmp_path / 'registry.db'}"
    _run(db, "init")
    article = tmp_path / "oslo.txt"
    article.write_text(ARTICLE)
    extracted = CliRunner().invoke(main, ["--db", db, "extract", str(article)], catch_exceptions=False)
    [claim] = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert (claim["jurisdiction"], claim["action"], claim["date"]) == ("NO", "list", "2026-03-10")
    assert extracted.stderr == (
        "warning: oslo: publication date 2026-03-12 read from the dateline opening its text: its relative "
        "dates count from it, and answers --as-of count its claims from it\n"
    )
    report = json.loads(_run(db, "ingest", "news", str(article)))
    assert report["warnings"] == [
        "oslo: publication date 2026-03-12 read from the dateline opening its text: its relative dates "
        "count from it, and answers --as-of count its claims from it"
    ]
    claims = json.loads(_run(db, "sources", "taliban", "--in", "NO", "--format", "json"))["claims"]
    assert [(c["date"], c["source"]["published_on"]) for c in claims if c["source"]["kind"] == "news"] == [
        ("2026-03-10", "2026-03-12")
    ]


def test_warnings_name_a_registry_entity_by_its_name_and_an_unknown_one_by_the_articles_words() -> None:
    extractor = Extractor([Entity("hamas", "Hamas")])
    document = Document(
        "w1",
        "Norway banned the Northern Lantern Front on 3 May 2002. Canada listed Hamas in November 2002.",
        date(2001, 1, 1),
    )
    claims = extractor.extract(document)
    assert extractor.doubtful_dates(document, claims) == [
        "w1: reports a list of the unknown organisation 'Northern Lantern Front' (NO) on 2002-05-03 as done, "
        "after its publication date 2001-01-01: is the publication date (--published) right? Answers "
        "--as-of count the claim from 2001-01-01",
        "w1: reports a list of Hamas (CA) on 2002-11 as done, after its publication date 2001-01-01: is the "
        "publication date (--published) right? Answers --as-of count the claim from 2001-01-01",
    ]


def test_a_dateline_after_today_is_no_publication_date() -> None:
    """An article cannot have been published in the future: "March 10, 2062" is a typo."""
    future = document_from("f1", "Oslo, 10 March 2062. The court banned the Taliban.", None, None)
    assert (future.pub_date, future.dated_by) == (None, None)
    given = document_from("f2", "Oslo, 10 March 2062. The court banned the Taliban.", None, date(2026, 4, 1))
    assert (given.pub_date, given.dated_by) == (date(2026, 4, 1), "given")


def test_a_dateline_overriding_published_is_said_once() -> None:
    given = document_from("o1", ARTICLE, None, date(2026, 4, 1))
    assert dateline_dates([given], date(2026, 4, 1)) == []
    assert len(unused_dates([given], date(2026, 4, 1))) == 1
    same = document_from("o2", ARTICLE, None, date(2026, 3, 12))
    assert len(dateline_dates([same], date(2026, 3, 12))) == 1


def test_a_doubtful_date_asks_about_where_the_date_came_from() -> None:
    """A decision reported done after the article's date: --published cannot fix a dateline's date,
    so the warning asks about the dateline."""
    extractor = Extractor([Entity("hamas", "Hamas")])
    text = "Oslo, 1 January 2025. Norway's Supreme Court banned Hamas on 12 May 2025."
    document = document_from("d1", text, None, date(2025, 6, 1))
    [warning] = extractor.doubtful_dates(document, extractor.extract(document))
    assert warning == (
        "d1: reports a list of Hamas (NO) on 2025-05-12 as done, after its publication date 2025-01-01: "
        "is the date of the dateline opening the text right? Answers --as-of count the claim from 2025-01-01"
    )
