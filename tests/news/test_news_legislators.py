"""A call by legislators is not their chamber's proposal, nor the addressee's (sentences written for
these tests). The news-dev guidelines annotate proposals by state actors: a legislature or one of its
chambers or committees, not calls by its members, opposition parties or commentators."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe.news.document import Document
from proscribe.news.extract import Extractor

PUBLISHED = date(2026, 1, 15)


def _events(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    claims = extractor.extract(Document("t", text, PUBLISHED))
    return [(c.jurisdiction, c.organisation, c.action) for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        "Lawmakers urged the EU to list Hamas as a terrorist organisation.",
        "US senators on Tuesday pressed Japan to designate Hamas as a terrorist group.",
        "A group of MPs called on the government to proscribe PMC Wagner in Britain.",
        "Legislators from both parties want Canada to list PMC Wagner as a terrorist entity.",
        "Members of the European Parliament asked the EU to add Hamas to its terrorist list.",
    ],
)
def test_a_call_by_lawmakers_proposes_nothing(extractor: Extractor, text: str) -> None:
    assert _events(extractor, text) == []


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # The chamber itself calls: a legislature's proposal.
        (
            "The European Parliament urged the EU to list PMC Wagner as a terrorist organisation.",
            [("EU", "Wagner Group", "propose_list")],
        ),
        # Members voting for a motion are the chamber acting.
        (
            "Members of Parliament voted for a motion calling on the government of Canada to list Hamas as a "
            "terrorist entity.",
            [("CA", "Hamas", "propose_list")],
        ),
        # Lawmakers who act (not call) are still read as they act.
        ("Japanese lawmakers said Japan had designated Hamas in 2025.", [("JP", "Hamas", "list")]),
    ],
)
def test_a_chamber_and_what_lawmakers_report_still_count(
    extractor: Extractor, text: str, events: list[tuple[str, str, str]]
) -> None:
    assert _events(extractor, text) == events
