"""A state a change began on news reports alone says so: one article saying Canada removed Hamas
must not read as Canada's list (the bundled dataset holds Canada's 2002 listing, a curated source)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from proscribe import query
from proscribe.cli import main
from proscribe.store import Store

ARTICLE = (
    "Ottawa, 12 March 2026.\n\nThe Government of Canada removed Hamas from its list of terrorist entities "
    "on 10 March 2026, the public safety minister said.\n"
)


def _canada(store: Store, day: date) -> dict[str, object]:
    answer = query.status(store.reader(), "hamas", jurisdictions=("CA",), at=day)
    [entry] = answer["jurisdictions"][0]["lists"]
    return entry


def test_a_removal_only_a_news_report_gives_says_so(registry: Store, tmp_path: Path) -> None:
    article = tmp_path / "canada.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", registry.url, "ingest", "news", str(article)])
    assert result.exit_code == 0, result.output
    after = _canada(registry, date(2026, 4, 1))
    assert (after["state"], after["since"], after["note"]) == (
        "not_listed",
        "2026-03-10",
        "on a news report only: no official list, gazette or curated source on record",
    )
    # The listing before it rests on a curated source: nothing to say.
    before = _canada(registry, date(2025, 1, 1))
    assert (before["state"], before["note"]) == ("listed", None)
