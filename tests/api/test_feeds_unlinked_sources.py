"""A source held without a web address (a news text ingested from a file, stored as `urn:sha256:...`)
in the feeds and the FollowTheMoney export: named as text, never given out as a link or a URL."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import orjson
from click.testing import CliRunner
from lxml import etree

from proscribe.cli import main

if TYPE_CHECKING:
    from conftest import Live

ATOM = "{http://www.w3.org/2005/Atom}"
# Kazakhstan's listing of Hamas is in no bundled source: this text, read from a file, is its only one.
TEXT = (
    "ASTANA, 4 March 2025. Kazakhstan's Supreme Court on 3 March 2025 recognised Hamas as a terrorist "
    "organisation and banned its activity in Kazakhstan.\n"
)
# The registry's identifier of TEXT: the sha256 of the article's text (proscribe.ingest.news).
URN = "urn:sha256:7f012f711c59e7a3ccba575f129cb8eb519a099fd8dde52ae06c8db431c4ca22"
SUMMARY = (
    "Hamas: list in Kazakhstan (kz-terrorist), 2025-03-03 by Supreme Court of Kazakhstan. "
    f"Sources: kz-hamas (held without a web address: {URN})."
)
KZ_HAMAS = {"in": "KZ", "entity": "hamas"}


def _ingest_text(live: Live, folder: Path) -> None:
    """`proscribe ingest news kz-hamas.txt`: the article from a file, so with no URL."""
    article = folder / "kz-hamas.txt"
    article.write_text(TEXT, encoding="utf-8")
    args = ["--db", live.db_url, "ingest", "news", str(article), "--published", "2025-03-04"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert orjson.loads(result.output)["new_claims"] == 1


def test_the_feeds_name_a_source_without_a_web_address_and_do_not_link_it(
    fresh: Live, tmp_path: Path
) -> None:
    _ingest_text(fresh, tmp_path)
    with fresh.client() as client:
        feed = etree.fromstring(client.get("/feeds/changes.atom", params=KZ_HAMAS).content)
        [entry] = feed.findall(f"{ATOM}entry")
        links = [(link.get("rel"), link.get("href")) for link in entry.findall(f"{ATOM}link")]
        assert links == [("alternate", f"{fresh.url}/entities/hamas")]
        assert entry.findtext(f"{ATOM}summary") == SUMMARY
        [item] = client.get("/feeds/changes.json", params=KZ_HAMAS).json()["items"]
        assert item["content_text"] == SUMMARY
        # The change itself keeps the identifier, as /api/changes gives it.
        assert item["_proscribe"]["sources"] == [{"url": URN, "title": "kz-hamas", "kind": "news"}]
        # A source with a web address is still a related link (the bundled Taliban entries).
        taliban = etree.fromstring(
            client.get("/feeds/changes.atom", params={"in": "RU", "entity": "taliban"}).content
        )
        related = [link.get("href") for link in taliban.iter(f"{ATOM}link") if link.get("rel") == "related"]
        assert related and all(href.startswith(("https://", "http://")) for href in related)


def test_the_ftm_export_keeps_source_url_for_web_addresses(fresh: Live, tmp_path: Path) -> None:
    _ingest_text(fresh, tmp_path)
    with fresh.client() as client:
        body = client.get("/api/export/ftm", params={"entity": "hamas", "in": "KZ"}).content
    assert [orjson.loads(line) for line in body.splitlines()][1] == {
        "id": "proscribe-sanction-446f4ae261b3f302bf31",
        "schema": "Sanction",
        "properties": {
            "entity": ["hamas"],
            "country": ["kz"],
            "program": ["Terrorist organisations banned in Kazakhstan"],
            "programId": ["kz-terrorist"],
            "status": ["listed"],
            "authority": ["Supreme Court of Kazakhstan"],
            "startDate": ["2025-03-03"],
            "description": [f"per sources held without a web address: kz-hamas ({URN})"],
        },
    }
    # Every other designation of Hamas cites web pages, and keeps them as sourceUrl: 18, the sources of
    # the listings that widened a scope and of the changes that ended a stretch among them.
    with fresh.client() as client:
        whole = client.get("/api/export/ftm", params={"entity": "hamas"}).content
    urls = [
        url for line in whole.splitlines() for url in orjson.loads(line)["properties"].get("sourceUrl", [])
    ]
    assert len(urls) == 18
    assert all(url.startswith(("https://", "http://")) for url in urls)
