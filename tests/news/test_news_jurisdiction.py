"""Which jurisdiction designates: only what the text (or the authority it names) says (own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe.model import Entity
from proscribe.news.document import Document
from proscribe.news.extract import Extractor


@pytest.fixture(scope="module")
def homed() -> Extractor:
    """Organisations with a home country, which must never stand in for the designating state."""
    return Extractor(
        [
            Entity("hamas", "Hamas", country="PS"),
            Entity("taliban", "Taliban", country="AF"),
            Entity("wagner", "Wagner Group", country="RU"),
        ]
    )


def _events(extractor: Extractor, text: str, published: date | None = None) -> list[tuple[str, str, str]]:
    claims = extractor.extract(Document("t", text, published))
    return [(c.jurisdiction, c.organisation, c.action) for c in claims]


@pytest.mark.parametrize(
    "text",
    [
        "The ban on Hamas was lifted on Tuesday.",
        "The terrorist designation of the Wagner Group was revoked in March 2022.",
        "The Justice Ministry has asked the Supreme Court to lift the ban on the Taliban.",
    ],
)
def test_the_organisations_home_is_not_the_designating_state(homed: Extractor, text: str) -> None:
    assert _events(homed, text, date(2026, 1, 15)) == []


def test_a_state_named_elsewhere_in_the_article_still_counts(homed: Extractor) -> None:
    text = "Japan banned the Taliban in 2003. The ban on Hamas was lifted on Tuesday."
    assert _events(homed, text, date(2026, 1, 15)) == [("JP", "Taliban", "list"), ("JP", "Hamas", "delist")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # No state named in the act's sentences: the dateline's capital (or country) says whose act.
        ("LONDON, 5 July 2025 -- The ban on Hamas was lifted on Tuesday.", [("GB", "Hamas", "delist")]),
        ("TOKYO, 5 July 2025 -- The ban on Hamas was lifted on Tuesday.", [("JP", "Hamas", "delist")]),
        # A state the article names beats the dateline; an unknown place gives none.
        ("LONDON, 5 July 2025 -- Japan lifted the ban on Hamas on Tuesday.", [("JP", "Hamas", "delist")]),
        ("SPRINGFIELD, 5 July 2025 -- The ban on Hamas was lifted on Tuesday.", []),
        # Datelines with no date: a colon (Indian papers) or the agency in brackets and a dash.
        ("NEW DELHI: The ban on Hamas was lifted on Tuesday.", [("IN", "Hamas", "delist")]),
        ("MOSCOW (AP) -- The ban on Hamas was lifted on Tuesday.", [("RU", "Hamas", "delist")]),
        ("TOKYO — The ban on Hamas was lifted on Tuesday.", [("JP", "Hamas", "delist")]),
        ("NOTE: The ban on Hamas was lifted on Tuesday.", []),
    ],
)
def test_a_datelines_capital_is_the_last_resort(
    homed: Extractor, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _events(homed, text) == expected


def test_the_authoritys_state_counts(homed: Extractor) -> None:
    assert _events(homed, "The Home Secretary lifted the ban on Hamas.") == [("GB", "Hamas", "delist")]


def test_a_trailing_agent_of_another_verb_is_not_the_designating_state(homed: Extractor) -> None:
    text = "Japan added the Wagner Group to its terrorist list, a step praised by Ukraine."
    assert _events(homed, text) == [("JP", "Wagner Group", "list")]
    assert _events(homed, "The Taliban was banned by Russia in 2003.") == [("RU", "Taliban", "list")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2014 a court in Almaty banned the Wagner Group as a terrorist organisation.", "KZ"),
        ("A district court in St Petersburg declared the Wagner Group extremist in 2024.", "RU"),
        ("The Almaty city court designated Hamas as a terrorist organisation in 2023.", "KZ"),
        ("A court in Karachi banned the Taliban in 2022.", "PK"),
    ],
)
def test_a_court_in_a_city_that_is_not_the_capital_acts_for_its_state(
    homed: Extractor, text: str, expected: str
) -> None:
    """Courts sit outside capitals too: a city the gazetteer knows (`cities`) names its state."""
    assert [c[0] for c in _events(homed, text)] == [expected]


def test_a_city_where_a_group_is_based_does_not_designate(homed: Extractor) -> None:
    """A city naming a group ("Karachi-based", "the Karachi Taliban") is its home, not a designating
    state's seat."""
    assert _events(homed, "The Karachi-based Taliban were banned in 2022.") == []
    assert _events(homed, "The Karachi Taliban were banned in 2022.") == []


def test_the_state_a_body_is_named_with_designates(homed: Extractor) -> None:
    """With no state near the act, the body's own state ("Kyrgyzstan's State Commission") beats a
    place the sentence only mentions ("the talks in Qatar")."""
    quote = (
        '"After the talks in Qatar, the Taliban may be removed from the list of banned groups, but it is '
        'up to the courts to decide," '
    )
    for body in (
        "an official of Kyrgyzstan's State Commission for Religious Affairs said.",
        "an official of the State Commission for Religious Affairs of Kyrgyzstan said.",
    ):
        assert _events(homed, quote + body) == [("KG", "Taliban", "propose_delist")], body


@pytest.mark.parametrize(
    "text",
    [
        "Israel called on Japan to ban Hamas.",
        "Israel has repeatedly called upon Japan to designate Hamas as a terrorist organisation.",
        "Israel appealed to Japan to designate Hamas as a terrorist organisation.",
    ],
)
def test_a_state_called_on_to_act_is_the_proposals_state(homed: Extractor, text: str) -> None:
    """A request that another state list a group proposes it in the state whose list would change."""
    assert _events(homed, text) == [("JP", "Hamas", "propose_list")]


def test_kosovo_designates_under_its_own_code(extractor: Extractor) -> None:
    """Kosovo, with no ISO code of its own, designates as XK (the code the EU and the IMF use)."""
    text = "Kosovo designated Hamas as a terrorist organisation on 26 June 2020."
    claims = extractor.extract(Document("t", text, date(2020, 7, 1)))
    assert [(c.jurisdiction, c.organisation, c.action, c.date.iso() if c.date else None) for c in claims] == [
        ("XK", "Hamas", "list", "2020-06-26")
    ]
