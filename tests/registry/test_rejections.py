"""Rejecting claims that misread their source, and restoring them (proscribe.ingest.rejections).

The article here is written for the test: it reports a lifting of the UK's ban on Hamas that never
happened, so the registry would answer "not listed" on its word alone until an analyst rejects it.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from proscribe import query
from proscribe.cli import main
from proscribe.errors import InputError, NotFoundError
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.news import ingest_news
from proscribe.ingest.rejections import reject_claims, restore_claims
from proscribe.news.document import Document
from proscribe.query.rejections import rejection_list
from proscribe.store import Store
from proscribe.store.verify import verify_store

HOAX_URL = "https://news.example.org/hoax"
HOAX = Document(
    "hoax",
    "Britain lifted its ban on Hamas on 2 March 2026, the Home Office said. "
    "Canada also removed Hamas from its list of terrorist entities on 3 March 2026.",
    date(2026, 3, 4),
    HOAX_URL,
    "A report that was wrong",
)
UN_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un" / "un_2020-01-01.xml"
LATER = date(2026, 6, 1)


def _gb_hamas(store: Store, as_of: date | None = None) -> tuple[str, str | None]:
    """The state of Hamas on the UK's proscribed list on LATER, and since when."""
    answer = query.status(store.reader(), "hamas", ["GB"], LATER, as_of)
    (entry,) = answer["jurisdictions"][0]["lists"]
    return entry["state"], entry["since"]


def _news_claims(store: Store) -> dict[str, str]:
    """The hoax's stored claims on Hamas, by jurisdiction: their ids."""
    claims = query.sources(store.reader(), "hamas", [])["claims"]
    return {c["jurisdiction"]: c["id"] for c in claims if c["source"]["url"] == HOAX_URL}


def test_a_rejected_claim_counts_in_no_read_until_it_is_restored(registry: Store) -> None:
    assert _gb_hamas(registry) == ("listed", "2001-03-29")
    ingest_news(registry, [HOAX])
    assert _gb_hamas(registry) == ("not_listed", "2026-03-02")
    claims = _news_claims(registry)
    assert sorted(claims) == ["CA", "GB"]

    report = reject_claims(registry, [claims["GB"]], "No such decision: the ban stands", "analyst A")
    assert [
        (c["id"], c["entity"], c["jurisdiction"], c["list"], c["claim"], c["date"]) for c in report.claims
    ] == [(claims["GB"], "hamas", "GB", "gb-proscribed", "delist", "2026-03-02")]
    assert report.claims[0]["source"] == HOAX_URL
    assert [(c["effect"], c["what"], c["date"], c["jurisdiction"], c["action"]) for c in report.changes] == [
        ("taken back", "event", "2026-03-02", "GB", "delist")
    ]
    assert _gb_hamas(registry) == ("listed", "2001-03-29")
    # Knowledge-time answers leave it out too, and the Canadian claim of the same article stands.
    assert _gb_hamas(registry, as_of=date(2026, 5, 1)) == ("listed", "2001-03-29")
    assert set(_news_claims(registry)) == {"CA"}
    listed = rejection_list(registry.reader())["rejections"]
    assert [(r["claim"]["id"], r["reason"], r["decided_by"], r["restored_at"]) for r in listed] == [
        (claims["GB"], "No such decision: the ban stands", "analyst A", None)
    ]
    assert verify_store(registry).drift == []

    # The same article again makes the same claim, which stays rejected.
    again = ingest_news(registry, [HOAX])
    assert again.new_claims == 0
    assert _gb_hamas(registry) == ("listed", "2001-03-29")

    restored = restore_claims(registry, [claims["GB"]], "Rejected by mistake", "analyst B")
    assert [(c["effect"], c["what"], c["action"]) for c in restored.changes] == [
        ("brought back", "event", "delist")
    ]
    assert restored.claims[0]["rejection"] == listed[0]["id"]
    assert _gb_hamas(registry) == ("not_listed", "2026-03-02")
    assert rejection_list(registry.reader())["rejections"] == []
    (kept,) = rejection_list(registry.reader(), include_restored=True)["rejections"]
    assert (kept["restore_reason"], kept["restored_by"]) == ("Rejected by mistake", "analyst B")
    assert kept["restored_at"] is not None
    assert verify_store(registry).drift == []


def test_every_claim_of_a_source_is_rejected_at_once(registry: Store) -> None:
    ingest_news(registry, [HOAX])
    claims = _news_claims(registry)
    reject_claims(registry, [claims["CA"]], "Canada did no such thing")
    before = registry.reader().content_hash()
    report = reject_claims(registry, [], "The whole article is a hoax", source_uri=HOAX_URL)
    assert [c["id"] for c in report.claims] == [claims["GB"]]
    assert report.unchanged == 1  # the Canadian claim, already rejected
    assert registry.reader().content_hash() != before
    assert _news_claims(registry) == {}
    assert len(rejection_list(registry.reader())["rejections"]) == 2
    with pytest.raises(NotFoundError, match=re.escape("no stored source 'https://news.example.org/other'")):
        reject_claims(registry, [], "why", source_uri="https://news.example.org/other")


def test_a_dry_run_reports_and_changes_nothing(registry: Store) -> None:
    ingest_news(registry, [HOAX])
    claims = _news_claims(registry)
    before = registry.reader().content_hash()
    report = reject_claims(registry, [claims["GB"]], "check first", dry_run=True)
    assert report.dry_run and [c["action"] for c in report.changes] == ["delist"]
    assert registry.reader().content_hash() == before
    assert _gb_hamas(registry) == ("not_listed", "2026-03-02")
    assert rejection_list(registry.reader(), include_restored=True)["rejections"] == []


def test_what_cannot_be_rejected_is_refused_naming_why(registry: Store) -> None:
    ingest_news(registry, [HOAX])
    claims = _news_claims(registry)
    ingest_list(registry, "un-sc-consolidated", [UN_FIXTURE])
    listed = next(c for c in query.sources(registry.reader(), "un-qde-900", [])["claims"])
    before = registry.reader().content_hash()
    with pytest.raises(InputError, match=r"cites an official list .*proscribe sources withdraw"):
        reject_claims(registry, [listed["id"]], "the list is wrong")
    with pytest.raises(NotFoundError, match="no claim 'clm-nope'"):
        reject_claims(registry, [claims["GB"], "clm-nope"], "why")
    with pytest.raises(InputError, match="needs a reason"):
        reject_claims(registry, [claims["GB"]], "  ")
    with pytest.raises(InputError, match="name the claims to reject"):
        reject_claims(registry, [], "why")
    with pytest.raises(InputError, match="is not rejected: there is nothing to restore"):
        restore_claims(registry, [claims["GB"]], "why")
    assert registry.reader().content_hash() == before  # every refusal left the store as it was
    reject_claims(registry, [claims["GB"]], "wrong", "analyst A")
    with pytest.raises(InputError, match=r"already rejected \(on \d{4}-\d\d-\d\d by analyst A: wrong\)"):
        reject_claims(registry, [claims["GB"]], "again")


def _cli(db_url: str, *args: str) -> Any:
    result = CliRunner().invoke(main, ["--db", db_url, *args])
    return result


def test_the_cli_rejects_lists_and_restores(registry: Store, db_url: str) -> None:
    ingest_news(registry, [HOAX])
    claims = _news_claims(registry)
    shown = _cli(db_url, "sources", "claims", "hamas", "--format", "csv")
    assert shown.exit_code == 0 and claims["GB"] in shown.output  # the id to reject is on the table
    done = _cli(db_url, "sources", "reject", claims["GB"], "--reason", "never happened", "--by", "A")
    assert done.exit_code == 0, done.output
    assert done.output.startswith("rejected 1 claim(s); ")
    assert "taken back  event" in done.output
    listing = json.loads(_cli(db_url, "sources", "rejected", "--format", "json").output)
    assert [(r["claim"]["id"], r["reason"]) for r in listing["rejections"]] == [
        (claims["GB"], "never happened")
    ]
    status = json.loads(
        _cli(db_url, "status", "hamas", "--in", "GB", "--at", "2026-06-01", "--format", "json").output
    )
    assert status["jurisdictions"][0]["lists"][0]["state"] == "listed"
    refused = _cli(db_url, "sources", "reject", claims["GB"], "--reason", "again")
    assert refused.exit_code == 2 and "already rejected" in refused.output
    back = _cli(db_url, "sources", "restore", claims["GB"], "--reason", "it did happen")
    assert back.exit_code == 0 and "brought back  event" in back.output
    everything = _cli(db_url, "sources", "rejected", "--all")
    assert "never happened" in everything.output and "RESTORED_AT" in everything.output
