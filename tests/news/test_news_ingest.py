"""News ingest: which registry list a news claim is about, and the news-tier source of an article."""

from __future__ import annotations

from datetime import date
from typing import Any

from proscribe.ingest.news import list_for, news_batch, news_source
from proscribe.model import Entity, Name
from proscribe.news.document import Document
from proscribe.news.extract import Extractor

TALIBAN = Entity("taliban", "Taliban", names=(Name("Taleban"),))


def test_list_follows_the_wording_and_the_organisation() -> None:
    assert list_for("RU", "It was recognised as a terrorist organisation.", TALIBAN).id == "ru-terrorist"  # type: ignore[union-attr]
    assert list_for("RU", "The court banned it as extremist.", TALIBAN).id == "ru-extremist"  # type: ignore[union-attr]
    assert list_for("UN", "The Taliban is under UN sanctions.", TALIBAN).id == "un-1988"  # type: ignore[union-attr]
    assert list_for("US", "The group was designated.", None).id == "us-fto"  # type: ignore[union-attr]
    assert list_for("ZZ", "Banned as terrorist.", None) is None
    # An asset freeze is a sanctions listing.
    assert list_for("JP", "Japan imposed an asset freeze on it.", None).id == "jp-mof-sanctions"  # type: ignore[union-attr]


def test_an_article_is_one_news_source_and_known_claims_only() -> None:
    document = Document(
        "a1",
        "Kazakhstan removed the Taliban from its list of banned organisations in 2023. "
        "Canada listed the Northern Liberation Front as a terrorist entity.",
        date(2024, 6, 3),
        "https://news.example.org/a1",
        "Lists change",
    )
    source = news_source(document)
    assert (source.kind, source.tier, source.publisher, source.published_on) == (
        "news",
        3,
        "news.example.org",
        date(2024, 6, 3),
    )
    batch = news_batch([document], Extractor([TALIBAN]))
    assert [(c.entity_id, c.jurisdiction, c.list_id, c.action, c.date.iso()) for c in batch.claims] == [
        ("taliban", "KZ", "kz-terrorist", "delist", "2023")
    ]
    (claim,) = batch.claims
    assert claim.source_id == source.id and claim.known_from == date(2024, 6, 3)
    assert claim.record_key == "a1:0-77" and claim.evidence == document.text[0:77]
    assert batch.unmapped == {"Northern Liberation Front": 1}
    assert batch.warnings == ("a1: unknown organisation 'Northern Liberation Front' (list, CA) not stored",)


def test_a_report_naming_no_regime_goes_to_the_one_list_the_entity_is_on() -> None:
    person = Entity("un-qdi-900", "Sample Person")
    evidence = "The UN Security Council removed Sample Person from its sanctions list."
    assert list_for("UN", evidence, person).id == "un-consolidated"  # type: ignore[union-attr]
    assert list_for("UN", evidence, person, held={"un-1267"}).id == "un-1267"  # type: ignore[union-attr]
    # On two of them, the report does not say which: the jurisdiction's default, as before.
    both = {"un-1267", "un-1988"}
    assert list_for("UN", evidence, person, held=both).id == "un-consolidated"  # type: ignore[union-attr]
    # A list named after the organisation still comes first.
    assert list_for("UN", "The Taliban is under UN sanctions.", TALIBAN, held={"un-1267"}).id == "un-1988"  # type: ignore[union-attr]


def test_an_undated_article_counts_as_known_from_its_url_month_or_its_import(monkeypatch: Any) -> None:
    """For answers --as-of a day: never "known since forever" (it would show later reports)."""
    monkeypatch.setenv("PROSCRIBE_NOW", "2026-11-22T12:00:00+00:00")
    text = "Kazakhstan removed the Taliban from its list of banned organisations."
    filed = Document("b1", text, None, "https://news.example.org/2024/10/taliban-list", "Lists change")
    unfiled = Document("b2", text, None, "https://news.example.org/taliban-list", "Lists change")
    batch = news_batch([filed, unfiled], Extractor([TALIBAN]))
    assert [(c.record_key, c.date.iso(), c.known_from) for c in batch.claims] == [
        ("b1:0-69", "unknown", date(2024, 10, 31)),
        ("b2:0-69", "unknown", date(2026, 11, 22)),
    ]
    assert batch.warnings == (
        "b1: no publication date (give --published, a pub_date, a dated URL or a dateline opening the "
        "text): answers --as-of count its claims from 2024-10-31",
        "b2: no publication date (give --published, a pub_date, a dated URL or a dateline opening the "
        "text): answers --as-of count its claims from 2026-11-22",
    )


def test_a_dated_confirmation_is_stored_as_the_listing_standing_that_day() -> None:
    """The court's confirmation is a state claim "listed as of" its day, so the resolver never reads it
    as a second listing that contradicts the first one's date; the original listing stays an event."""
    document = Document(
        "c1",
        "Kazakhstan banned the Taliban in 2005. The Supreme Court of Kazakhstan upheld the ban on the "
        "Taliban on 3 May 2012.",
        date(2012, 5, 4),
    )
    batch = news_batch([document], Extractor([TALIBAN]))
    assert [(c.kind, c.action, c.state, c.date.iso(), c.authority) for c in batch.claims] == [
        ("event", "list", None, "2005", None),
        ("state", None, "listed", "2012-05-03", "Supreme Court"),
    ]


def test_the_law_a_claim_names_chooses_the_list_it_makes() -> None:
    """A US designation under E.O. 13224 is a Specially Designated Global Terrorist's, whatever its
    wording; a law no list names, or naming several lists, leaves the choice to the wording."""
    evidence = "The group was designated as a terrorist organisation."
    assert list_for("US", evidence, None, legal_basis="Executive Order 13224").id == "us-sdgt"  # type: ignore[union-attr]
    law = "Immigration and Nationality Act section 219"
    assert list_for("US", evidence, None, legal_basis=law).id == "us-fto"  # type: ignore[union-attr]
    # "Criminal Code" is part of the Australian list's "Criminal Code Act 1995 Division 102".
    assert list_for("AU", evidence, None, legal_basis="Criminal Code").id == "au-terrorist"  # type: ignore[union-attr]
    assert list_for("US", evidence, None, legal_basis="Organised Crime Act 2019").id == "us-fto"  # type: ignore[union-attr]


def test_an_act_under_two_laws_is_a_claim_on_each_list_they_make() -> None:
    document = Document(
        "h1",
        "WASHINGTON (Reuters) - Effective February 16, the State Department is revoking the designations "
        "of the Taliban as a Foreign Terrorist Organization under the Immigration and Nationality Act and "
        "as a Specially Designated Global Terrorist pursuant to Executive Order (E.O.) 13224. "
        "Britain proscribed the Taliban under the Terrorism Act 2000 on 2 March 2021.",
        date(2021, 2, 5),
        "https://news.example.org/h1",
    )
    batch = news_batch([document], Extractor([TALIBAN]))
    claims = sorted((c.jurisdiction, c.list_id, c.action, c.date.iso(), c.legal_basis) for c in batch.claims)
    both = "Immigration and Nationality Act section 219; Executive Order 13224"
    assert claims == [
        ("GB", "gb-proscribed", "list", "2021-03-02", "Terrorism Act 2000"),
        ("US", "us-fto", "delist", "2021-02-16", both),
        ("US", "us-sdgt", "delist", "2021-02-16", both),
    ]
