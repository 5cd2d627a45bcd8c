"""Constructions read for recall (own sentences): states joined in an act, a designation "imposed on" an
organisation, a quotation's speaker named in the sentence before, a court's guilty verdict, and a list
entry kept apart from the court's ban it follows."""

from __future__ import annotations

from datetime import date

from proscribe.news.document import Document
from proscribe.news.extract import Extractor

Event = tuple[str, str, str, str | None, str | None]


def _events(extractor: Extractor, text: str, published: date | None = None) -> list[Event]:
    claims = extractor.extract(Document("t", text, published))
    return [
        (c.jurisdiction, c.organisation, c.action, c.date.iso() if c.date else None, c.authority)
        for c in claims
    ]


# --- "join A and B in ...ing X": A and B did it; the subject does or proposes it as its clause says.


def test_states_joined_in_a_listing_have_listed_and_the_subject_too(extractor: Extractor) -> None:
    text = (
        "Japan joined Canada and the European Union in listing the Wagner Group as a terrorist organisation."
    )
    assert _events(extractor, text) == [
        ("JP", "Wagner Group", "list", None, None),
        ("CA", "Wagner Group", "list", None, None),
        ("EU", "Wagner Group", "list", None, None),
    ]


def test_a_subject_that_will_join_only_proposes(extractor: Extractor) -> None:
    text = (
        "New Zealand had already banned the Taliban, and it will now join Britain, France and others in "
        "extending the designation to Hamas."
    )
    events = _events(extractor, text, date(2025, 3, 4))
    assert ("NZ", "Taliban", "list", None, None) in events
    assert [e for e in events if e[1] == "Hamas"] == [
        ("NZ", "Hamas", "propose_list", None, None),
        ("GB", "Hamas", "list", None, None),
        ("FR", "Hamas", "list", None, None),
    ]


def test_join_without_an_act_after_it_adds_nothing(extractor: Extractor) -> None:
    text = "Norway joined Sweden in talks last year, and Norway banned Hamas in 2024."
    assert _events(extractor, text) == [("NO", "Hamas", "list", "2024", None)]


# --- "the designations imposed on X": X was listed.


def test_designations_imposed_on_an_organisation_were_a_listing(extractor: Extractor) -> None:
    text = (
        "Canada will lift its ban on the Wagner Group next month. Effective 3 June 2025, Canada "
        "revokes the terrorist designations previously imposed on the Wagner Group."
    )
    assert _events(extractor, text, date(2025, 5, 2)) == [
        ("CA", "Wagner Group", "delist", "2025-06-03", None),
        ("CA", "Wagner Group", "list", None, None),
    ]


def test_a_ban_imposed_on_an_organisation_that_a_court_upholds_is_one_confirmation(
    extractor: Extractor,
) -> None:
    text = "A Kenyan tribunal on Monday upheld the ban imposed on Hamas."
    assert _events(extractor, text, date(2025, 5, 7)) == [
        ("KE", "Hamas", "list", "2025-05-05", "Kenyan tribunal")
    ]


# --- '"...," he said.': the body of the speaker the sentence before introduced.


def test_a_quotation_a_pronoun_says_takes_the_body_of_the_speaker_introduced_before(
    extractor: Extractor,
) -> None:
    text = (
        "Tajikistan removed the Taliban from its list of banned organisations. "
        "A spokesman for the Ministry of Justice, Rustam Karimov, said the change was under way. "
        '"The Taliban could also be excluded from the list of extremist organisations," he said.'
    )
    assert _events(extractor, text) == [
        ("TJ", "Taliban", "delist", None, None),
        ("TJ", "Taliban", "propose_delist", None, "Ministry of Justice"),
    ]


def test_a_quotation_with_no_speaker_introduced_before_has_no_body(extractor: Extractor) -> None:
    text = (
        "Tajikistan removed the Taliban from its list of banned organisations. "
        "The decision came after months of talks with the Ministry of Justice. "
        '"The Taliban could also be excluded from the list of extremist organisations," he said.'
    )
    # Unattributed and undated, the proposal is the decision the article reports (merged into it).
    assert _events(extractor, text) == [("TJ", "Taliban", "delist", None, None)]


# --- a court's guilty verdict, and the list entry that follows it.


def test_a_court_finding_an_organisation_guilty_of_extremism_lists_it(extractor: Extractor) -> None:
    text = 'In April 2017, a court in Minsk found the Wagner Group guilty of "extremist activity".'
    assert _events(extractor, text) == [("BY", "Wagner Group", "list", "2017-04", "court in Minsk")]


def test_a_journalists_guilty_finding_is_no_act(extractor: Extractor) -> None:
    text = "Reporters in Russia found the Wagner Group guilty of extremist activity in their documentary."
    assert _events(extractor, text) == []


def test_a_list_entry_stays_apart_from_the_court_ban_it_follows(extractor: Extractor) -> None:
    text = (
        "Russia on Tuesday added the Taliban to its list of terrorist and extremist organisations. "
        "A court in Moscow had found the Taliban guilty of extremist activity."
    )
    assert _events(extractor, text) == [
        ("RU", "Taliban", "list", None, None),
        ("RU", "Taliban", "list", None, "court in Moscow"),
    ]


def test_two_mentions_of_one_list_entry_still_merge(extractor: Extractor) -> None:
    text = (
        "Russia added the Taliban to its list of terrorist organisations in March 2024. "
        "The Taliban was placed on the list by the Supreme Court."
    )
    assert _events(extractor, text) == [("RU", "Taliban", "list", "2024-03", "Supreme Court")]
