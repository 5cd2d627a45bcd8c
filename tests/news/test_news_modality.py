"""Denials, rumours, conditions, demands by non-deciders and challenges state no act (own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe.news.document import Document
from proscribe.news.extract import Extractor

PUBLISHED = date(2026, 1, 15)


def _events(extractor: Extractor, text: str) -> list[tuple[str, str, str, str | None]]:
    claims = extractor.extract(Document("t", text, PUBLISHED))
    return [(c.jurisdiction, c.organisation, c.action, c.date.iso() if c.date else None) for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        "The Home Office denied reports that Britain had proscribed Hamas.",
        "The ministry dismissed claims that Japan would soon designate Hamas.",
        "Tokyo denied that Japan had removed the Taliban from its list.",
        "Claims that Canada had delisted Hamas were false, officials said.",
        "Reports that Japan had banned PMC Wagner turned out to be untrue.",
        "Rumours that Kazakhstan had delisted the Taliban spread online.",
        "Unconfirmed reports said Japan had designated Hamas.",
        "If Tokyo removed the Taliban from the list, trade would grow.",
        "Were Japan to delist the Taliban, exports would rise.",
        "Had Canada banned Hamas earlier, the rally would not have happened.",
        "Analysts say Japan could designate PMC Wagner this year.",
        "Experts expect Canada to list Hamas as a terrorist entity.",
        "Canada's opposition leader demanded that the government list PMC Wagner as a terrorist group.",
        "The opposition called on the government to proscribe Hamas in Britain.",
        "Canada's public safety minister said he was not considering removing Hamas from the list.",
        "Japan has no plans to remove the Taliban from its list of banned groups.",
        "Hamas said it would seek to have its proscription in Britain overturned.",
        "Hamas challenged its ban in Japan's Supreme Court on Monday.",
        "PMC Wagner appealed against its designation in Canada last week.",
    ],
)
def test_no_act_is_stated(extractor: Extractor, text: str) -> None:
    assert _events(extractor, text) == []


def test_a_report_alone_is_still_an_attributed_claim(extractor: Extractor) -> None:
    assert _events(extractor, "Hamas claims that Japan has removed it from its terrorist list.") == [
        ("JP", "Hamas", "delist", None)
    ]


def test_a_states_proposal_is_still_a_proposal(extractor: Extractor) -> None:
    assert _events(
        extractor, "Canada's public safety minister said he was considering designating Hamas."
    ) == [("CA", "Hamas", "propose_list", None)]
    text = "If approved by Parliament, the order will proscribe Hamas in Britain."
    assert _events(extractor, text) == [("GB", "Hamas", "propose_list", None)]


def test_an_expired_ban_is_a_delisting(extractor: Extractor) -> None:
    text = "Kazakhstan's ban on the Taliban expired on Monday and was not renewed."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", "2026-01-12")]


def test_a_quashed_ban_is_a_delisting(extractor: Extractor) -> None:
    text = "The ban on Hamas in Japan was quashed by the High Court on Monday."
    assert [e[:3] for e in _events(extractor, text)] == [("JP", "Hamas", "delist")]


def test_a_ban_after_to_or_a_modal_is_a_verb_not_a_generic_noun(extractor: Extractor) -> None:
    assert _events(extractor, "Japan could ban Hamas.") == [("JP", "Hamas", "propose_list", None)]
    assert _events(extractor, "Prosecutors asked the Supreme Court to ban Hamas in Russia.") == [
        ("RU", "Hamas", "propose_list", None)
    ]
