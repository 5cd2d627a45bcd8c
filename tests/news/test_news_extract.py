"""Extraction rules on sentences written for these tests (never corpus text)."""

from __future__ import annotations

from datetime import date

import pytest

from proscribe import vocab
from proscribe.model import Entity, Name, PartialDate
from proscribe.news.document import Document
from proscribe.news.extract import Extractor


def _events(
    extractor: Extractor, text: str, published: date | None = None
) -> list[tuple[str, str, str, str | None]]:
    claims = extractor.extract(Document("t", text, published))
    return [(c.jurisdiction, c.organisation, c.action, c.date.iso() if c.date else None) for c in claims]


def test_enumerated_jurisdictions_give_one_claim_each(extractor: Extractor) -> None:
    text = "Hamas is a militant group. It is banned in Canada, Japan, Egypt and Turkey."
    assert _events(extractor, text) == [
        ("CA", "Hamas", "list", None),
        ("JP", "Hamas", "list", None),
        ("EG", "Hamas", "list", None),
        ("TR", "Hamas", "list", None),
    ]


def test_subject_state_and_absolute_date(extractor: Extractor) -> None:
    assert _events(
        extractor, "Since 2015, Kazakhstan has designated the Taleban as a terrorist organisation."
    ) == [("KZ", "Taliban", "list", "2015")]


def test_modality_turns_an_act_into_a_proposal(extractor: Extractor) -> None:
    assert _events(
        extractor, "Officials said the Taliban may be excluded from the list of banned groups in Uzbekistan."
    ) == [("UZ", "Taliban", "propose_delist", None)]


def test_the_month_of_may_and_a_person_named_may_are_no_modal(extractor: Extractor) -> None:
    """ "16 May 2024" says when and "Theresa May" who: the act is stated, not a proposal; a headline
    in title case ("May Remove") is still a modal."""
    assert _events(extractor, "Germany's interior ministry on 16 May 2024 outlawed Hamas.") == [
        ("DE", "Hamas", "list", "2024-05-16")
    ]
    assert _events(extractor, "On May 3, 2024, Japan added PMC Wagner to its list of terrorist groups.") == [
        ("JP", "Wagner Group", "list", "2024-05-03")
    ]
    assert _events(extractor, "Home Secretary Theresa May proscribed Hamas in Britain on 12 July 2013.") == [
        ("GB", "Hamas", "list", "2013-07-12")
    ]
    assert _events(extractor, "Russia May Remove Taliban From Terror List") == [
        ("RU", "Taliban", "propose_delist", None)
    ]


def test_declared_extremist_without_as_is_a_listing(extractor: Extractor) -> None:
    """ "declared X extremist" lists X like "declared X an extremist organisation"; "declared war on
    terrorist groups" and "after the terrorist attack" declare nothing of an organisation."""
    assert _events(extractor, "A Moscow court on 9 June 2021 declared PMC Wagner extremist.") == [
        ("RU", "Wagner Group", "list", "2021-06-09")
    ]
    assert _events(extractor, "Russia declared war on terrorist groups such as Hamas.") == []
    text = "Russia declared a state of emergency in Moscow after the terrorist attack on Hamas offices."
    assert _events(extractor, text) == []


def test_a_decision_that_took_effect_is_the_act(extractor: Extractor) -> None:
    """ "the decision to remove X took effect on D" reports the removal; one that has not taken
    effect stays a proposal."""
    text = "Kyrgyzstan's decision to remove the Taliban from its list took effect on 20 September 2024."
    assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024-09-20")]
    text = "Kyrgyzstan's decision to remove the Taliban from its list has not taken effect yet."
    assert _events(extractor, text) == [("KG", "Taliban", "propose_delist", None)]


def test_a_proscription_subject_to_parliamentary_approval_is_proposed(extractor: Extractor) -> None:
    """An order laid before Parliament: "announced the proscription of X, subject to parliamentary
    approval" proposes it; "announced the proscription of X" states it."""
    text = (
        "The Home Office announced the proscription of Hamas on 19 November 2021, "
        "subject to parliamentary approval."
    )
    assert _events(extractor, text) == [("GB", "Hamas", "propose_list", "2021-11-19")]
    text = "The Home Office announced the proscription of Hamas on 26 November 2021."
    assert _events(extractor, text) == [("GB", "Hamas", "list", "2021-11-26")]
    # After a verb too, and the planned start ("from 26 November") does not date the proposal.
    text = "Hamas will be proscribed in Britain from 26 November 2021, subject to parliamentary approval."
    assert _events(extractor, text) == [("GB", "Hamas", "propose_list", None)]
    text = "The Home Secretary proscribed Hamas on 19 November 2021, subject to approval by Parliament."
    assert _events(extractor, text) == [("GB", "Hamas", "propose_list", "2021-11-19")]


def test_lifting_an_asset_freeze_is_a_delisting_by_the_council(extractor: Extractor) -> None:
    """EU foreign ministers meet as the Council; lifting an asset freeze on a group delists it, a
    freeze on something else ("on funding for X's charities") is no act on X."""
    text = "EU foreign ministers on 20 May 2025 lifted the asset freeze on Hamas."
    claims = extractor.extract(Document("t", text, None))
    assert [(c.jurisdiction, c.organisation, c.action, c.authority) for c in claims] == [
        ("EU", "Hamas", "delist", "Council of the European Union")
    ]
    assert _events(extractor, "Britain lifted a freeze on funding for Hamas charities.") == []


def test_a_state_that_owns_the_list_is_where_the_act_is(extractor: Extractor) -> None:
    """ "removed from the US list" is a US delisting (the US is the list's owner, not the act's
    object, as Syria is in "removed Syria from the list"); "Canada lists X" is a state ending in
    "a", not the article "a"."""
    text = "Hamas was removed from the US list of terrorist organisations in February 2021."
    assert _events(extractor, text) == [("US", "Hamas", "delist", "2021-02")]
    assert _events(extractor, "The United States removed Syria from its list in 2025.") == []
    assert _events(extractor, "Canada lists Hamas and the Taliban as terrorist entities.") == [
        ("CA", "Hamas", "list", None),
        ("CA", "Taliban", "list", None),
    ]


def test_taking_a_group_off_a_list_delists_it(extractor: Extractor) -> None:
    """ "took X off its list", "dropped X from the register": the object stands between the verb and
    the list; a note taken of X is no act."""
    text = "Kazakhstan took the Taliban off its list of banned organisations in December 2023."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", "2023-12")]
    text = "In 2024 Kyrgyzstan dropped the Taliban from the register of terrorist groups."
    assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024")]
    assert _events(extractor, "Kazakhstan took note of the Taliban statement on terrorism.") == []


def test_a_stated_listing_is_dated_only_by_when_it_began(extractor: Extractor) -> None:
    """ "has been on Russia's list since 2003" lists it from 2003; "remains on the list despite a ruling
    in 2014" lists it, undated; "continues to list X" is a state, not a plan; "is not on" is nothing."""
    text = "The Taliban have been on Russia's list of terrorist organisations since 2003."
    assert _events(extractor, text) == [("RU", "Taliban", "list", "2003")]
    text = "Hamas remains on the European Union's terrorist list despite a ruling in 2014."
    assert _events(extractor, text) == [("EU", "Hamas", "list", None)]
    text = "Tajikistan continues to list the Taliban as a terrorist organisation."
    assert _events(extractor, text) == [("TJ", "Taliban", "list", None)]
    assert _events(extractor, "Hamas is not on Japan's list of terrorist groups.") == []
    # "still lists X" states a listing with no "as terrorist" after it, and a year after it dates the
    # state, not the act: "still listed ... in 2020" is no listing in 2020.
    assert _events(extractor, "Tajikistan still lists the Taleban.") == [("TJ", "Taliban", "list", None)]
    text = "Turkey still listed the Taliban as a terrorist group in 2020."
    assert _events(extractor, text) == [("TR", "Taliban", "list", None)]


def test_negation_gives_no_claim(extractor: Extractor) -> None:
    assert _events(extractor, "Britain has not yet proscribed Hamas, the minister said.") == []
    assert _events(extractor, "The government refused calls to proscribe Hamas in Britain.") == []


def test_speculation_about_the_past_gives_no_claim(extractor: Extractor) -> None:
    assert _events(extractor, "The Taliban may have been removed from the list in Uzbekistan.") == []


def test_a_laws_passing_does_not_date_the_act(extractor: Extractor) -> None:
    """ "after amendments were made to the law in 2023" dates the amendments; "in December 2023" before
    the law still dates the act, as does a time before the law's name."""
    text = "Kazakhstan removed the Taleban from its list after amendments were made to the law in 2023."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", None)]
    text = "Under a law adopted in 2023, Kazakhstan removed the Taleban from its list in December 2023."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", "2023-12")]
    assert _events(extractor, "Russia banned Hamas in 2003 under the law on extremism.") == [
        ("RU", "Hamas", "list", "2003")
    ]


def test_a_question_put_is_no_plan(extractor: Extractor) -> None:
    """ "Asked whether X would ban Y" is a reporter's question; "considering whether to" still proposes."""
    text = "Asked whether Japan would ban Hamas, the minister declined to comment."
    assert _events(extractor, text) == []
    text = "Japan is considering whether to ban Hamas."
    assert _events(extractor, text) == [("JP", "Hamas", "propose_list", None)]


def test_capital_metonym_and_relative_date(extractor: Extractor) -> None:
    text = "Moscow added PMC Wagner to its list of terrorist organisations on Monday."
    assert _events(extractor, text, date(2024, 6, 5)) == [("RU", "Wagner Group", "list", "2024-06-03")]


def test_the_group_refers_to_the_main_organisation(extractor: Extractor) -> None:
    text = "Hamas held a rally in Gaza. Australia listed the group as a terrorist organisation in 2022."
    assert _events(extractor, text) == [("AU", "Hamas", "list", "2022")]


def test_origin_state_is_not_the_designating_state(extractor: Extractor) -> None:
    assert _events(extractor, "New Zealand designated Russia's PMC Wagner as a terrorist entity.") == [
        ("NZ", "Wagner Group", "list", None)
    ]


def test_a_date_on_the_reporting_verb_does_not_date_a_decision(extractor: Extractor) -> None:
    text = (
        "The minister said on Friday that Kazakhstan had removed the Taliban from its list of banned groups."
    )
    assert _events(extractor, text, date(2024, 6, 7)) == [("KZ", "Taliban", "delist", None)]


def test_every_claim_names_its_rule_evidence_and_span(extractor: Extractor) -> None:
    text = "Leave a Comment\nCanada listed Hamas as a terrorist entity."
    (claim,) = extractor.extract(Document("d1", text))
    assert claim.rule == "list-list-verb"
    assert claim.evidence == "Canada listed Hamas as a terrorist entity."
    assert text[claim.span[0] : claim.span[1]] == claim.evidence
    assert claim.to_json()["entity_id"] == "hamas"


def test_unknown_organisation_near_a_trigger(extractor: Extractor) -> None:
    claims = extractor.extract(
        Document("d2", "Canada listed the Northern Liberation Front as a terrorist entity.")
    )
    assert [(c.organisation, c.entity_id, c.jurisdiction) for c in claims] == [
        ("Northern Liberation Front", None, "CA")
    ]


def test_a_name_that_ends_an_enumeration_and_the_sentence_loses_the_full_stop(extractor: Extractor) -> None:
    text = "On 20 February 2025 the United States designated Hamas, the Wagner Group and Riders Unidos."
    assert [org for _, org, _, _ in _events(extractor, text)] == ["Hamas", "Wagner Group", "Riders Unidos"]


def test_an_acronym_read_off_a_list_name_does_not_spot_an_organisation() -> None:
    agency = Entity("cia-example", "CENTRAL IRAN AGENCY", names=(Name("CIA", "acronym"),))
    text = "Canada listed CIA as a terrorist entity."
    assert Extractor([agency]).extract(Document("d", text)) == []
    curated = Entity("cia-example", "CENTRAL IRAN AGENCY", names=(Name("CIA"),))
    assert [c.entity_id for c in Extractor([curated]).extract(Document("d", text))] == ["cia-example"]


def test_a_question_asserts_nothing(extractor: Extractor) -> None:
    assert _events(extractor, "Why is Hamas being banned in Britain?") == []


def test_a_gerund_subject_is_a_proposal_or_a_refusal(extractor: Extractor) -> None:
    assert _events(extractor, "Proscribing Hamas in Canada will protect the public.") == [
        ("CA", "Hamas", "propose_list", None)
    ]
    assert _events(extractor, "Proscribing Hamas in Canada is not appropriate, he said.") == []


def test_a_roster_names_the_groups_of_the_previous_act(extractor: Extractor) -> None:
    text = (
        "Japan lifted the ban on three exile groups on Monday. "
        "The groups are - Northern Liberation Front, Eastern Citizens Forum and Southern Unity Council."
    )
    assert _events(extractor, text, date(2024, 3, 6)) == [
        ("JP", "Northern Liberation Front", "delist", "2024-03-04"),
        ("JP", "Eastern Citizens Forum", "delist", "2024-03-04"),
        ("JP", "Southern Unity Council", "delist", "2024-03-04"),
    ]
    # The counted groups before the act's words ("declared 14 organisations unlawful associations").
    text = (
        "India's home ministry on Monday declared 14 organisations unlawful associations. The groups are: "
        "Hamas; the Taleban; PMC Wagner."
    )
    assert _events(extractor, text, date(2023, 4, 11)) == [
        ("IN", "Hamas", "list", "2023-04-10"),
        ("IN", "Taliban", "list", "2023-04-10"),
        ("IN", "Wagner Group", "list", "2023-04-10"),
    ]


def test_a_wing_is_not_its_parent(extractor: Extractor) -> None:
    text = "Previously, Canada only listed Hamas' military wing, the Red Hand Brigades."
    assert _events(extractor, text) == [("CA", "Red Hand Brigades", "list", None)]


def test_a_scheduled_act_with_a_fixed_day_is_the_act(extractor: Extractor) -> None:
    text = "Kazakhstan will remove the Taliban from its list of banned groups on Tuesday."
    assert _events(extractor, text, date(2021, 11, 27)) == [("KZ", "Taliban", "delist", "2021-11-30")]


def test_a_future_act_without_a_date_is_a_proposal(extractor: Extractor) -> None:
    assert _events(extractor, "Kazakhstan will remove the Taliban from its list of banned groups.") == [
        ("KZ", "Taliban", "propose_delist", None)
    ]


def test_the_requesting_state_is_not_the_listing_state(extractor: Extractor) -> None:
    text = "The Egyptian government rejected the US request to designate Hamas as a terrorist organisation."
    assert _events(extractor, text) == [("EG", "Hamas", "propose_list", None)]


def test_sanctions_on_a_country_are_not_a_designation(extractor: Extractor) -> None:
    assert _events(extractor, "The decision follows the lifting of sanctions on Syria by Hamas allies.") == []


def test_a_loose_removal_gives_way_to_a_precise_suspension(extractor: Extractor) -> None:
    text = (
        "Russia has removed the Taliban from its list of terrorist organisations. "
        "The court suspended the ban on the Taliban in Russia on 17 April 2025."
    )
    assert _events(extractor, text) == [("RU", "Taliban", "suspend", "2025-04-17")]


def test_registry_names_in_other_scripts(extractor: Extractor) -> None:
    claims = extractor.extract(
        Document("ru", "Верховный суд признал движение Талибан террористической организацией в России.")
    )
    assert [(c.jurisdiction, c.entity_id, c.action, c.org_mention) for c in claims] == [
        ("RU", "taliban", "list", "Талибан")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das Innenministerium hat Hamas in Deutschland verboten.", ("DE", "Hamas", "list")),
        # A call to ban, its body's state named only by the body ("Bundestag").
        (
            "Der Bundestag forderte die Bundesregierung auf, die Hamas zu verbieten.",
            ("DE", "Hamas", "propose_list"),
        ),
        (
            "Kasachstan hat die Taliban von der Liste der terroristischen Organisationen gestrichen.",
            ("KZ", "Taliban", "delist"),
        ),
        (
            "Kanada will die PMC Wagner als Terrororganisation einstufen.",
            ("CA", "Wagner Group", "propose_list"),
        ),
        (
            "Le Kazakhstan a retiré les talibans de sa liste des organisations terroristes.",
            ("KZ", "Taliban", "delist"),
        ),
        ("La France a prononcé la dissolution du groupe Hamas.", ("FR", "Hamas", "list")),
        ("قزاقستان طالبان را از فهرست سازمان‌های تروریستی حذف کرد.", ("KZ", "Taliban", "delist")),
        ("روسیه قصد دارد طالبان را از فهرست گروه‌های تروریستی خارج کند.", ("RU", "Taliban", "propose_delist")),
        ("भारत सरकार ने हमास को आतंकवादी संगठन घोषित किया।", ("IN", "Hamas", "list")),
        ("कजाकिस्तान ने तालिबान को आतंकवादी संगठनों की सूची से हटा दिया।", ("KZ", "Taliban", "delist")),
    ],
)
def test_german_french_persian_hindi(extractor: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    assert [(c.jurisdiction, c.organisation, c.action) for c in extractor.extract(Document("x", text))] == [
        expected
    ]


def test_years_and_bodies_in_other_languages(extractor: Extractor) -> None:
    """ "en 2003", "в 2003 году", "seit 2023" date an act as "in 2003" does; "Верховный суд России" is
    Russia's Supreme Court; the Bundestag calls, the federal government it calls on decides."""
    assert _events(extractor, "La France a prononcé la dissolution du groupe Hamas en 2003.") == [
        ("FR", "Hamas", "list", "2003")
    ]
    text = "Верховный суд России признал движение Талибан террористической организацией в 2003 году."
    (claim,) = extractor.extract(Document("t", text))
    assert (claim.jurisdiction, claim.action, claim.date, claim.authority) == (
        "RU",
        "list",
        PartialDate.year(2003),
        "Supreme Court of Russia",
    )
    text = "Der Bundestag forderte die Bundesregierung auf, die Hamas zu verbieten."
    (claim,) = extractor.extract(Document("t", text))
    assert (claim.authority, claim.decider) == ("Bundestag", "Federal Government")


def test_negation_in_french(extractor: Extractor) -> None:
    assert _events(extractor, "Le gouvernement n'a pas interdit le Hamas en France.") == []


def test_a_dateline_is_the_reference_for_relative_dates(extractor: Extractor) -> None:
    text = "ANKARA, 7 July 2025 (Wire) -- Turkey will remove the Taliban from its list, effective tomorrow."
    assert _events(extractor, text, date(2025, 7, 8)) == [("TR", "Taliban", "delist", "2025-07-08")]


def test_an_effective_date_before_the_act_dates_it(extractor: Extractor) -> None:
    text = "Effective March 3, I am revoking the designation of Hamas as a terrorist group in Japan."
    assert _events(extractor, text, date(2024, 2, 27)) == [("JP", "Hamas", "delist", "2024-03-03")]


def test_a_later_sentence_dates_the_act(extractor: Extractor) -> None:
    text = "Japan has revoked the terrorist designation of Hamas. Tuesday's move ends a long debate."
    assert _events(extractor, text, date(2024, 3, 7)) == [("JP", "Hamas", "delist", "2024-03-05")]
    # "The decision was made in late December" (the act's day, not the day it was made public).
    text = (
        "Japan has revoked the terrorist designation of Hamas, the ministry said on Monday. The decision "
        "was made in late December but only made public on Monday."
    )
    assert _events(extractor, text, date(2024, 6, 3)) == [("JP", "Hamas", "delist", "2023-12")]
    text = "Japan has revoked the terrorist designation of Hamas. The decree was signed on 29 December."
    assert _events(extractor, text, date(2024, 6, 3)) == [("JP", "Hamas", "delist", "2023-12-29")]


def test_a_far_date_belongs_to_another_event(extractor: Extractor) -> None:
    text = (
        "Japan explained the Hamas designation in a long report, saying that the group's role in the "
        "attack on the embassy building in the capital on 3 March 2019 amounted to terrorism."
    )
    assert _events(extractor, text) == [("JP", "Hamas", "list", None)]


def test_the_eu_and_its_council_designate(extractor: Extractor) -> None:
    assert _events(extractor, "The European Union added Hamas to its terrorist list.") == [
        ("EU", "Hamas", "list", None)
    ]
    text = "The Council of the European Union removed PMC Wagner from its list on 3 April 2019."
    (claim,) = extractor.extract(Document("eu", text))
    assert (claim.jurisdiction, claim.action, claim.authority) == (
        "EU",
        "delist",
        "Council of the European Union",
    )


def test_every_registry_country_is_known(extractor: Extractor) -> None:
    assert _events(
        extractor, "Lithuania's parliament recognised PMC Wagner as a terrorist organisation."
    ) == [("LT", "Wagner Group", "list", None)]


def test_an_act_on_something_else_of_the_organisation(extractor: Extractor) -> None:
    assert _events(extractor, "Police in Japan banned the march by Hamas supporters in Tokyo.") == []
    assert _events(extractor, "Japan banned the activities of Hamas in 2023.") == [
        ("JP", "Hamas", "list", "2023")
    ]


def test_similar_steps_elsewhere_are_a_proposal(extractor: Extractor) -> None:
    text = "Kazakhstan removed the Taliban from its list, and similar steps are considered in Uzbekistan."
    assert _events(extractor, text) == [
        ("KZ", "Taliban", "delist", None),
        ("UZ", "Taliban", "propose_delist", None),
    ]


def test_the_same_step_taken_or_considered_elsewhere(extractor: Extractor) -> None:
    """ "X took a similar step in December 2023" is the last act, done in X and dated by its sentence;
    "Y is considering the same move" proposes it in Y."""
    text = (
        "Kyrgyzstan removed the Taleban from its list of banned groups in September 2024. Kazakhstan took "
        "a similar step in December 2023. Russia is considering the same move."
    )
    assert _events(extractor, text) == [
        ("KG", "Taliban", "delist", "2024-09"),
        ("KZ", "Taliban", "delist", "2023-12"),
        ("RU", "Taliban", "propose_delist", None),
    ]


def test_following_suit_and_doing_the_same(extractor: Extractor) -> None:
    """ "X followed suit in 2024" is the last act, done in X; "Y signalled it would do the same" proposes
    it in Y; "Z has not followed suit" is nothing."""
    text = (
        "Kazakhstan removed the Taleban from its list of banned groups in December 2023, after Uzbekistan "
        "signalled it would do the same. Kyrgyzstan followed suit in September 2024. Russia has not "
        "followed suit, and Tajikistan never did the same."
    )
    assert _events(extractor, text) == [
        ("KZ", "Taliban", "delist", "2023-12"),
        ("UZ", "Taliban", "propose_delist", None),
        ("KG", "Taliban", "delist", "2024-09"),
    ]
    # In one sentence, the time after the phrase dates it; "decades after it was designated" is a clause
    # of its own, so the suspension's day does not date the designation.
    text = (
        "Kazakhstan removed the Taleban from its list in December 2023, and Kyrgyzstan did the same in "
        "September 2024."
    )
    assert _events(extractor, text) == [
        ("KZ", "Taliban", "delist", "2023-12"),
        ("KG", "Taliban", "delist", "2024-09"),
    ]
    text = (
        "Russia's Supreme Court suspended its ban on the Taleban on 17 April 2025, more than two decades "
        "after it was designated a terrorist organisation."
    )
    assert _events(extractor, text) == [
        ("RU", "Taliban", "suspend", "2025-04-17"),
        ("RU", "Taliban", "list", None),
    ]


def test_a_relative_clause_adding_a_member_dates_its_listing(extractor: Extractor) -> None:
    """ "X's list includes Y, which was added in 2002" lists Y from 2002; a statement "which was added to
    its website" lists nothing."""
    text = "Canada's list of terrorist entities includes Hamas, which was added in 2002."
    assert _events(extractor, text) == [("CA", "Hamas", "list", "2002")]
    text = "Canada's Hamas issued a statement, which was added to its website in 2002."
    assert _events(extractor, text) == []


def test_a_reference_never_points_ahead(extractor: Extractor) -> None:
    """ "the movement" before any organisation is named is no one, even the article's most frequent
    organisation, named only later."""
    text = (
        "The justice ministry asked Russia's Supreme Court to recognise the movement as extremist. In 2021 "
        "the court outlawed Hamas, and in 2022 Russia banned Hamas again."
    )
    assert [e[1] for e in _events(extractor, text)] == ["Hamas", "Hamas"]


def test_an_acronym_an_article_introduces_names_its_organisation(extractor: Extractor) -> None:
    """ "Tehreek-e-Labbaik Pakistan (TLP)" ... "the TLP": the same organisation; the list's keeper ("the
    list maintained by the National Counter Terrorism Authority") is no object; "the ban" lifted later
    is the banned party's, not the keeper's."""
    text = (
        "Pakistan banned the Tehreek-e-Labbaik Pakistan (TLP) in April 2021. The TLP was added to the list "
        "of proscribed organisations maintained by the National Counter Terrorism Authority (NACTA). In "
        "November 2021 the government lifted the ban."
    )
    assert _events(extractor, text) == [
        ("PK", "Tehreek-e-Labbaik Pakistan", "list", "2021-04"),
        ("PK", "Tehreek-e-Labbaik Pakistan", "delist", "2021-11"),
    ]


def test_the_state_that_asked_is_never_the_fallback(extractor: Extractor) -> None:
    """A headline naming only the requesting state ("US request") gives no claim in it, even when the
    article's acts are mostly that state's; the state asked ("Ankara") is the proposal's."""
    body = "\n\nThe United States designated Hamas in 1997. The US has since designated PMC Wagner."
    expected = [("US", "Hamas", "list", "1997"), ("US", "Wagner Group", "list", None)]
    text = "Government Rejects US Request to Classify Hamas as Terrorist Group" + body
    assert _events(extractor, text) == expected
    text = "Ankara Rejects US Request to Classify Hamas as Terrorist Group" + body
    assert _events(extractor, text) == [("TR", "Hamas", "propose_list", None), *expected]


def test_a_dated_decision_to_act_is_the_act(extractor: Extractor) -> None:
    """ "decided to add X" is a decision announced; dated in its clause ("today", "in December 2023") it
    is the act itself."""
    text = "Kazakhstan has decided to remove the Taleban from its list of terrorist organisations."
    assert _events(extractor, text) == [("KZ", "Taliban", "propose_delist", None)]
    text = (
        "In December 2023 Kazakhstan decided to remove the Taleban from its list of terrorist organisations."
    )
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", "2023-12")]


def test_a_press_release_dateline_and_an_apposed_leader(extractor: Extractor) -> None:
    """A mixed-case dateline with a full date ("Brussels, 19 January 2024 -") dates "today"; a name with
    ", the leader of X" after it is a person, the act's object; the list's owner ("the EU list") beats
    a place the apposition names ("in Gaza")."""
    text = (
        "Brussels, 19 January 2024 - The Council today decided to add Yahya Sinwar, the leader of Hamas in "
        "Gaza, to the EU list of persons, groups and entities subject to restrictive measures."
    )
    claims = extractor.extract(Document("t", text, date(2024, 1, 22)))
    assert [(c.jurisdiction, c.organisation, c.org_kind, c.action, str(c.date)) for c in claims] == [
        ("EU", "Yahya Sinwar", "person", "list", "2024-01-19")
    ]


def test_a_plural_reference_takes_every_organisation_of_the_last_act(extractor: Extractor) -> None:
    """ "the groups" after an act on two organisations is both of them; "it" stays one; a gerund with a
    reference as its object ("considering listing the groups") is a verb, not a bare noun."""
    first = "The United States designated Hamas and PMC Wagner as terrorist organisations in 2025. "
    text = first + "Canada said it was considering listing the groups as well."
    assert _events(extractor, text)[2:] == [
        ("CA", "Hamas", "propose_list", None),
        ("CA", "Wagner Group", "propose_list", None),
    ]
    text = first + "Japan listed the Taliban in 2003 and lifted the ban on it in 2024."
    assert _events(extractor, text)[2:] == [
        ("JP", "Taliban", "list", "2003"),
        ("JP", "Taliban", "delist", "2024"),
    ]


def test_a_gerund_after_that_is_no_act(extractor: Extractor) -> None:
    """ "argue that banning X would ..." is an opinion about an act, not one: nothing when a non-state
    speaker argues it, a proposal when an official says it."""
    assert _events(extractor, "Critics argue that banning Hamas in Japan would achieve little.") == []
    text = "Japan's foreign minister said that banning Hamas would send a message."
    assert _events(extractor, text) == [("JP", "Hamas", "propose_list", None)]


def test_an_organisations_minister_is_not_the_organisation(extractor: Extractor) -> None:
    """ "added the Taleban's interior minister to its list" lists the minister; "X and ministers of Y"
    still acts on X."""
    text = "The UN Security Council added the Taleban's interior minister to its sanctions list."
    assert _events(extractor, text) == []
    text = "The EU sanctioned Hamas and ministers of the Iranian government in 2024."
    assert _events(extractor, text) == [("EU", "Hamas", "list", "2024")]


def test_a_name_an_organisation_owns_is_what_the_act_is_on(extractor: Extractor) -> None:
    """ "banned Hamas's Al-Aqsa TV" bans the channel, not Hamas; its activities are Hamas's own; a
    title-case headline capitalises every word, so its possessive says nothing."""
    assert _events(extractor, "Germany banned Hamas's Al-Aqsa TV in March 2022.") == []
    text = "Germany banned Hamas's activities in November 2023."
    assert _events(extractor, text) == [("DE", "Hamas", "list", "2023-11")]
    assert _events(extractor, "Germany Bans Hamas's Activities") == [("DE", "Hamas", "list", None)]


def test_a_hyphenated_link_is_no_act_on_the_group(extractor: Extractor) -> None:
    """ "Hamas-linked charities", "Hamas-run schools": the act is on them, not on Hamas."""
    assert _events(extractor, "Turkey's ban on Hamas-linked charities took effect in 2024.") == []
    text = "Germany banned Hamas-affiliated groups and PMC Wagner in November 2023."
    assert _events(extractor, text) == [("DE", "Wagner Group", "list", "2023-11")]


def test_a_state_something_is_done_to_does_not_designate(extractor: Extractor) -> None:
    """With no state in its clause, the act is the sentence's actor's, not that of the state sanctions
    were lifted on."""
    text = "The US lifted sanctions on Syria in June 2025, while keeping Hamas on its list."
    assert _events(extractor, text) == [("US", "Hamas", "list", None)]


def test_a_reference_to_the_group_never_binds_to_a_person(extractor: Extractor) -> None:
    """The minister who announced the act is no referent of "the network" in the next sentence."""
    text = (
        "Japan has designated Hamas as a terrorist organisation, Foreign Minister Yoko Kamikawa announced. "
        "Britain proscribed the group in 2021."
    )
    assert _events(extractor, text) == [("JP", "Hamas", "list", None), ("GB", "Hamas", "list", "2021")]


def test_an_explainers_sequence_of_acts(extractor: Extractor) -> None:
    """ "Canada followed in 2002" follows the act before its sentence (not the British one after it);
    "the group's military wing" is a part, no act on the group; "in 2008 before banning it in 2019"
    dates the ban 2019."""
    text = (
        "The United States designated Hamas a terrorist organisation in 1997. Canada followed in 2002, and "
        "the United Kingdom proscribed the group's military wing in 2008 before banning it in its entirety "
        "in 2019."
    )
    assert _events(extractor, text) == [
        ("US", "Hamas", "list", "1997"),
        ("GB", "Hamas", "list", "2019"),
        ("CA", "Hamas", "list", "2002"),
    ]


def test_following_a_lead_follows_the_act_of_the_state_it_names(extractor: Extractor) -> None:
    """ "studying whether to follow Washington's lead" proposes the US act, not the state's own listing
    in the same sentence; "followed Washington's lead" does it, even after another state's listing."""
    text = (
        "The United States revoked the designation of Hamas in March 2025. Russia, which has considered "
        "Hamas terrorist since 2020, said it was studying whether to follow Washington's lead. "
        "Kazakhstan followed Washington's lead in April 2025."
    )
    assert _events(extractor, text) == [
        ("US", "Hamas", "delist", "2025-03"),
        ("RU", "Hamas", "list", "2020"),
        ("RU", "Hamas", "propose_delist", None),
        ("KZ", "Hamas", "delist", "2025-04"),
    ]


def test_a_pronoun_before_a_lists_name_is_the_object(extractor: Extractor) -> None:
    """ "still lists it under its al-Qaida sanctions regime": the list's name is no part of the object, so
    the pronoun is; "considered the terrorist threat" and "considered X's attack terrorist in nature"
    classify nothing."""
    text = (
        "Britain removed Hamas from its list in 2025. The UN still lists it under its Taliban sanctions "
        "regime."
    )
    assert _events(extractor, text) == [("GB", "Hamas", "delist", "2025"), ("UN", "Hamas", "list", None)]
    assert _events(extractor, "Russia considered the threat from terrorist groups such as Hamas.") == []
    assert _events(extractor, "Officials considered Hamas' attack on Israel terrorist in nature.") == []


def test_a_dateline_after_a_headline_dates_the_article(extractor: Extractor) -> None:
    """A first line with no full stop is a headline; the dateline opening the next gives the day that
    "12 September" without a year counts from."""
    text = (
        "Kyrgyzstan drops Taleban from banned list\n\nBISHKEK, 20 September 2024 -- Kyrgyzstan's "
        "Supreme Court removed the Taleban from its list of banned groups on 12 September."
    )
    assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024-09-12")]


def test_a_states_own_body_acts_for_it(extractor: Extractor) -> None:
    text = "The Philippines' Anti-Terrorism Council designated the New People's Army as terrorist."
    assert _events(extractor, text) == [("PH", "New People's Army", "list", None)]


def test_a_body_where_an_act_happens_is_not_its_author(extractor: Extractor) -> None:
    (claim,) = extractor.extract(
        Document("o", "Britain's Home Secretary laid an order in Parliament to proscribe Hamas.")
    )
    assert (claim.jurisdiction, claim.action, claim.authority) == ("GB", "propose_list", "Home Secretary")


def test_a_date_between_subject_and_verb_dates_the_act(extractor: Extractor) -> None:
    text = "Japan on Tuesday added Hamas to its list of terrorist groups."
    assert _events(extractor, text, date(2026, 1, 15)) == [("JP", "Hamas", "list", "2026-01-13")]
    text = "Japan said on Tuesday that it had added Hamas to its list of terrorist groups."
    assert _events(extractor, text, date(2026, 1, 15)) == [("JP", "Hamas", "list", None)]


def test_a_body_of_another_state_is_not_the_designating_one(extractor: Extractor) -> None:
    """Each state's act is credited to a body of that state, or to none; never to another state's."""
    text = (
        "Hamas has been banned in Japan since 2005, after a ruling by the UN Security Council and "
        "the Supreme Court of the Russian Federation."
    )
    # Russia's court, though named here, took no act for Japan; nor did the UN's council.
    assert [(c.jurisdiction, c.authority) for c in extractor.extract(Document("j", text))] == [("JP", None)]
    text = (
        "The Home Secretary wants Britain to follow the United States, which designated Hamas "
        "a terrorist group in 1997."
    )
    assert [(c.jurisdiction, c.action, c.authority) for c in extractor.extract(Document("u", text))] == [
        ("US", "list", None)
    ]
    text = (
        "The Taliban are banned in Russia, after a ruling by the UN Security Council "
        "and Russia's Supreme Court."
    )
    (claim,) = extractor.extract(Document("r", text))
    assert (claim.jurisdiction, claim.authority) == ("RU", "Supreme Court of Russia")


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("Germany's Interior Minister on Thursday banned the activities of Hamas.", "Ministry of Interior"),
        ("France's Minister of the Interior banned the activities of Hamas.", "Ministry of Interior"),
        (
            "German Federal Interior Minister Nancy Faeser banned the activities of Hamas.",
            "Federal Ministry of the Interior",
        ),
        ("Bundesinnenministerin Nancy Faeser hat Hamas verboten.", "Federal Ministry of the Interior"),
    ],
)
def test_an_interior_minister_acts_for_the_ministry(extractor: Extractor, text: str, authority: str) -> None:
    (claim,) = extractor.extract(Document("m", text))
    assert (claim.action, claim.authority) == ("list", authority)


def test_a_name_in_an_aside_of_a_lists_name_is_no_object(extractor: Extractor) -> None:
    """ "its ISIL (Da'esh) and Al-Qaida sanctions list": the aside is part of the list's name too."""
    text = "The UN Security Council removed Anas Khattab from its HAMAS (Islamic Resistance Movement) and "
    assert _events(extractor, text + "Taleban sanctions list.") == []
    text = "The UN Security Council removed HAMAS (Islamic Resistance Movement) from its sanctions list."
    assert _events(extractor, text) == [("UN", "Hamas", "delist", None)]


def test_a_court_that_ruled_to_act_acted(extractor: Extractor) -> None:
    text = "Kazakhstan's Supreme Court has ruled to remove the Taleban from the list of banned groups."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", None)]
    text = "Kazakhstan's Supreme Court has been asked to remove the Taleban from the list of banned groups."
    assert _events(extractor, text) == [("KZ", "Taliban", "propose_delist", None)]


def test_a_courts_finding_that_a_group_is_terrorist_lists_it(extractor: Extractor) -> None:
    """A court, tribunal or judge finding "that X is a terrorist organisation" lists X; the same words
    from a report, a denial or a finding about someone's claims list nothing."""
    text = "A military court in Rostov-on-Don ruled on 2 February 2024 that PMC Wagner is a terrorist group."
    assert _events(extractor, text) == [("RU", "Wagner Group", "list", "2024-02-02")]
    text = (
        "The tribunal in New Delhi held on 3 March 2012 that the Taliban was an unlawful and terrorist group."
    )
    assert _events(extractor, text) == [("IN", "Taliban", "list", "2012-03-03")]
    for text in (
        "A Russian report found that PMC Wagner is a terrorist organisation in all but name.",
        "A court in Moscow found that PMC Wagner is not a terrorist organisation.",
        "A court in Moscow ruled that claims that Hamas is a terrorist group were unfounded.",
        "Russia's Supreme Court found that there was no evidence that the Taliban is a terrorist group.",
    ):
        assert _events(extractor, text) == [], text


def test_the_day_an_act_took_effect_dates_it(extractor: Extractor) -> None:
    """The effective date is the act's: said in the act's sentence or the next, it beats the day the
    act was decided; an unrelated change taking effect, or a planned effect, dates nothing."""
    first = (
        "Kyrgyzstan's Supreme Court removed the Taleban from its list of banned groups on 12 September 2024"
    )
    for text in (
        f"{first}; the decision took effect on 20 September 2024.",
        f"{first}, a decision that came into force on 20 September 2024.",
        f"{first}. The removal entered into force on 20 September 2024.",
    ):
        assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024-09-20")], text
    text = "Kyrgyzstan removed the Taleban from its list. The decision took effect on 20 September 2024."
    assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024-09-20")]
    # The evidence runs on to the sentence the date comes from.
    (claim,) = extractor.extract(Document("t", f"Background. {text} Reactions."))
    assert claim.evidence == text
    assert f"Background. {text} Reactions."[claim.span[0] : claim.span[1]] == text
    text = f"{first}. A new law on religion took effect on 1 March 2025."
    assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024-09-12")]
    text = "Russia plans to remove the Taleban from its list. The change would take effect on 1 May 2025."
    assert _events(extractor, text) == [("RU", "Taliban", "propose_delist", None)]
    # "announcing the designation of X, effective 30 days from today": a counted offset is the act's day.
    text = "Today, the State Department is announcing the designation of Hamas, effective 30 days from today."
    assert _events(extractor, text, date(2024, 1, 17)) == [("US", "Hamas", "list", "2024-02-16")]
    # A done act taking effect ahead: the day counted forward ("on Wednesday" after a Monday).
    text = "Kyrgyzstan has removed the Taleban from its list. The removal takes effect on Wednesday."
    assert _events(extractor, text, date(2024, 9, 16)) == [("KG", "Taliban", "delist", "2024-09-18")]


def test_becoming_a_proscribed_organisation_is_a_listing(extractor: Extractor) -> None:
    """ "became a proscribed organisation" changes a status, though "proscribed" is an adjective there;
    a conditional "should X become ..." lists nothing."""
    text = "Hamas became a proscribed organisation in Britain on 26 November 2021."
    assert _events(extractor, text) == [("GB", "Hamas", "list", "2021-11-26")]
    text = "Should PMC Wagner become a proscribed organisation in Britain, membership would be a crime."
    assert _events(extractor, text) == []


def test_a_rejected_proposal_is_no_listing(extractor: Extractor) -> None:
    """ "A proposal to ban X was rejected" opens with a proposal noun, not a headline's "X to ban": a
    proposal at most, never the act."""
    text = "A proposal to ban Hamas was rejected by the Indian parliament in 2024."
    assert [e[2] for e in _events(extractor, text)] == ["propose_list"]


def test_the_organisations_own_body_is_not_the_designating_authority(extractor: Extractor) -> None:
    """ "the Taliban government" is the Taliban's: it removed nothing from Russia's list."""
    text = (
        "Moscow recognised the Taleban government on 3 July 2025, months after removing it from the "
        "list of terrorist organisations."
    )
    assert [(c.jurisdiction, c.action, c.authority) for c in extractor.extract(Document("t", text))] == [
        ("RU", "delist", None)
    ]
    text = "Russia's government removed the Taleban from the list of terrorist organisations in April 2025."
    assert [c.authority for c in extractor.extract(Document("t", text))] == ["Government"]


def _credited(extractor: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    return [(c.jurisdiction, c.action, c.authority) for c in extractor.extract(Document("t", text))]


def test_a_body_of_a_state_acts_for_it(extractor: Extractor) -> None:
    """ "the Attorney General of Kyrgyzstan" is a body and its state, not a person named "of Kyrgyzstan";
    legislatures, the White House and EU ministers are bodies too."""
    text = "The Attorney General of Kyrgyzstan asked the Supreme Court to remove the Taleban from the list."
    assert _credited(extractor, text) == [("KG", "propose_delist", "Attorney General")]
    text = "Paraguay's Congress designated Hamas a terrorist organisation on 15 August 2019."
    assert _credited(extractor, text) == [("PY", "list", "Congress")]
    text = "The White House designated Hamas as a terrorist organisation in 1997."
    assert _credited(extractor, text) == [("US", "list", "White House")]
    text = "EU ministers added PMC Wagner to the sanctions list in December 2021."
    assert _credited(extractor, text) == [("EU", "list", "Council of the European Union")]
    # A group whose name ends in "Congress" is no legislature.
    text = "Sri Lanka lifted its ban on the Canadian Tamil Congress and Hamas in 2015."
    assert {c[2] for c in _credited(extractor, text)} == {None}


def test_passive_and_coordinated_acts(extractor: Extractor) -> None:
    """ "was declared extremist" lists; "were delisted ... and redesignated in 2025" is two acts on the
    one subject, each with its own date; "United States" is no reporting verb ("states")."""
    assert _events(extractor, "In Russia, PMC Wagner was declared extremist in 2023.") == [
        ("RU", "Wagner Group", "list", "2023")
    ]
    text = "Hamas was delisted by the United States in February 2021 and redesignated in March 2025."
    assert _events(extractor, text) == [
        ("US", "Hamas", "delist", "2021-02"),
        ("US", "Hamas", "list", "2025-03"),
    ]
    text = "The United States removed Hamas from its list in 2021 and designated it again in 2025."
    assert _events(extractor, text) == [("US", "Hamas", "delist", "2021"), ("US", "Hamas", "list", "2025")]
    text = "The European Union de-listed Hamas in 2014, but relisted it in 2017."
    assert _events(extractor, text) == [("EU", "Hamas", "delist", "2014"), ("EU", "Hamas", "list", "2017")]
    # A body in another act's clause is that act's: the court's ruling is not the relisting's.
    text = "The European Union de-listed Hamas after a court ruling in 2014, but relisted it in 2017."
    assert [c.authority for c in extractor.extract(Document("t", text))] == ["court", None]


def test_a_vote_to_act_is_a_proposal_and_a_failure_to_act_is_none(extractor: Extractor) -> None:
    assert _events(extractor, "The Bundestag voted to ban Hamas activities in Germany in 2020.") == [
        ("DE", "Hamas", "propose_list", "2020")
    ]
    text = "The Kyrgyz parliament failed to remove the Taleban from the list of banned organisations in 2024."
    assert _events(extractor, text) == []


def test_mentions_dated_in_different_months_are_different_acts(extractor: Extractor) -> None:
    """A full proscription in 2021 and the partial ban in force since 2001 are two acts; mentions of one
    act with dates of one year stay one event (its most precise date)."""
    text = "Britain proscribed Hamas in full in November 2021. The group had been partly banned since 2001."
    assert _events(extractor, text) == [("GB", "Hamas", "list", "2021-11"), ("GB", "Hamas", "list", "2001")]
    text = "Britain proscribed Hamas in November 2021. Hamas was proscribed on 26 November 2021 in Britain."
    assert _events(extractor, text) == [("GB", "Hamas", "list", "2021-11-26")]
    # Months apart in one year: two acts too (a sanction in July, a designation in November).
    text = "The United States designated Hamas on 24 November 2025. It had sanctioned Hamas in July 2025."
    assert _events(extractor, text) == [
        ("US", "Hamas", "list", "2025-11-24"),
        ("US", "Hamas", "list", "2025-07"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kremlin denies plans to delist Taliban", []),
        ("UK Considers Banning Hamas", [("GB", "Hamas", "propose_list", None)]),
        ("Kazakhstan No Longer Lists Taliban As Terrorist Group", [("KZ", "Taliban", "delist", None)]),
        ("Germany bans Hamas", [("DE", "Hamas", "list", None)]),
        ("It is unclear whether Kyrgyzstan will remove the Taleban from its list.", []),
    ],
)
def test_headlines_and_doubts(
    extractor: Extractor, text: str, expected: list[tuple[str, str, str, None]]
) -> None:
    """Headline wordings: a denied plan, a gerund ("Banning"), "No Longer Lists", a verb "bans" (not the
    generic noun); and a journalist's doubt, which states nothing."""
    assert _events(extractor, text) == expected


def test_lifting_the_ban_just_reported_delists_its_organisation(extractor: Extractor) -> None:
    """ "but lifted the ban" names no one: it undoes the ban the sentence reported; "lifted the ban on
    six groups" stays the ban of the groups that follow."""
    text = "Pakistan banned Hamas in April 2021 but lifted the ban in November 2021."
    assert _events(extractor, text) == [
        ("PK", "Hamas", "list", "2021-04"),
        ("PK", "Hamas", "delist", "2021-11"),
    ]
    text = "Pakistan banned Hamas in April 2021. In November 2021 it lifted the ban on six other groups."
    assert _events(extractor, text) == [("PK", "Hamas", "list", "2021-04")]


def test_a_designation_that_undergoes_a_suspension_is_not_a_listing(extractor: Extractor) -> None:
    """ "X's designation ... was suspended" suspends X; the noun it undergoes states no listing."""
    text = "The Taleban's designation as a terrorist group was suspended by Russia's Supreme Court in 2025."
    assert _events(extractor, text) == [("RU", "Taliban", "suspend", "2025")]


def test_the_treasuries_act_for_their_states(extractor: Extractor) -> None:
    text = "The Office of Foreign Assets Control designated PMC Wagner on 13 December 2016."
    assert _credited(extractor, text) == [("US", "list", "US Treasury")]
    text = "HM Treasury added PMC Wagner to the sanctions list in March 2022."
    assert _credited(extractor, text) == [("GB", "list", "HM Treasury")]
    text = "Treasury Secretary Janet Yellen said the department had designated PMC Wagner."
    assert _credited(extractor, text) == [("US", "list", "US Treasury")]


@pytest.mark.parametrize(
    ("text", "expected", "body"),
    [
        # "The Council" and "the Treasury" alone are the claim's state's: named so by the registry.
        (
            "The Council today decided to add PMC Wagner to the EU's list of terrorist groups.",
            [("EU", "list", "Council")],
            "Council of the European Union",
        ),
        (
            "WASHINGTON (Reuters) - The Treasury designated PMC Wagner on 13 December 2016.",
            [("US", "list", "Treasury")],
            "U.S. Department of the Treasury (OFAC)",
        ),
        (
            "LONDON (Reuters) - The Treasury added PMC Wagner to the UK sanctions list in March 2022.",
            [("GB", "list", "Treasury")],
            "HM Treasury (OFSI)",
        ),
        # Another council is no body of the act.
        (
            "The Council of Europe noted that the EU had added PMC Wagner to its terrorist list.",
            [("EU", "list", None)],
            None,
        ),
    ],
)
def test_the_council_or_the_treasury_alone_is_the_states_own(
    extractor: Extractor, text: str, expected: list[tuple[str, str, str | None]], body: str | None
) -> None:
    claims = extractor.extract(Document("c", text))
    assert _credited(extractor, text) == expected
    assert [vocab.authority_name(c.jurisdiction, c.authority) if c.authority else None for c in claims] == [
        body
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A relative clause whose subject designates its antecedent, even after a preposition.
        (
            "Officials met leaders of Hamas, which Canada listed as a terrorist entity in November 2002.",
            [("CA", "Hamas", "list", "2002-11")],
        ),
        # A participle in apposition, and a compound adjective.
        (
            "Hamas, designated by the United States in 1997, rejected the deal.",
            [("US", "Hamas", "list", "1997")],
        ),
        ("The US-designated terrorist group Hamas rejected the deal.", [("US", "Hamas", "list", None)]),
        ("Envoys met the UN-sanctioned Taleban in Doha.", [("UN", "Taliban", "list", None)]),
        # The main clause's cue is not the apposed participle's.
        ("The summit discussed Hamas, banned in Germany since 2023.", [("DE", "Hamas", "list", "2023")]),
        # ... with an adverb before the participle.
        ("The Taleban, still banned in Russia at the time, attended.", [("RU", "Taliban", "list", None)]),
        # "which designated Israel" is the antecedent's own act; "Anglo-French" names no state's act.
        ("Hamas, which designated Israel as an enemy state, rejected the deal.", []),
        ("The Anglo-French talks discussed Hamas.", []),
        # "remain banned" is a state, as "are banned" is.
        (
            "The Taleban remain banned in Tajikistan, Turkey and Canada.",
            [
                ("TJ", "Taliban", "list", None),
                ("TR", "Taliban", "list", None),
                ("CA", "Taliban", "list", None),
            ],
        ),
    ],
)
def test_relative_clauses_appositions_and_compounds(
    extractor: Extractor, text: str, expected: list[tuple[str, str, str, str | None]]
) -> None:
    assert _events(extractor, text) == expected


def test_a_bid_to_block_a_proscription_is_no_act_and_the_lords_are_a_body(extractor: Extractor) -> None:
    text = "The High Court refused Hamas's bid to block its proscription in Britain on 4 July 2025."
    assert _events(extractor, text) == []
    text = "The House of Lords approved the order to proscribe Hamas on 3 July 2025."
    assert _credited(extractor, text) == [("GB", "list", "House of Lords")]


def test_the_ban_on_an_organisation_undergoes_the_act(extractor: Extractor) -> None:
    """ "The ban on X, in force since 2003, was suspended on D": X is the object, D the act's date (a
    state's start only dates an act when nothing else does); "until" ends a state and dates nothing."""
    text = (
        "The ban on the Taleban, in force since 2003, was suspended by Russia's top court on 17 April 2025."
    )
    assert _events(extractor, text) == [("RU", "Taliban", "suspend", "2025-04-17")]
    assert _events(extractor, "Germany has banned Hamas since November 2023.") == [
        ("DE", "Hamas", "list", "2023-11")
    ]
    text = "Kazakhstan excluded the Taleban from its list, while Kyrgyzstan kept it on its list until 2024."
    assert ("KG", "Taliban", "list", None) in _events(extractor, text)


def test_a_registry_is_a_list(extractor: Extractor) -> None:
    text = "Argentina added Hamas to the national registry of terrorist organisations in July 2024."
    assert _events(extractor, text) == [("AR", "Hamas", "list", "2024-07")]
    text = "Kyrgyzstan took the Taleban off its registry of banned organisations in 2024."
    assert _events(extractor, text) == [("KG", "Taliban", "delist", "2024")]


def test_asset_freezes_are_sanctions_listings(extractor: Extractor) -> None:
    assert _events(extractor, "Japan imposed an asset freeze on PMC Wagner in 2023.") == [
        ("JP", "Wagner Group", "list", "2023")
    ]
    assert _events(extractor, "The EU froze the assets of PMC Wagner in December 2021.") == [
        ("EU", "Wagner Group", "list", "2021-12")
    ]
    assert _events(extractor, "Japan's cabinet approved new asset freezes on Hamas in 2024.") == [
        ("JP", "Hamas", "list", "2024")
    ]


def test_suspending_the_ban_just_reported(extractor: Extractor) -> None:
    """ "suspended the ban on 17 April 2025": the ban of the organisation just named ("on" a date is
    no organisation), and the precise suspension wins over the loose "removed"."""
    text = (
        "Russia removed the Taleban from its list after the Supreme Court suspended the ban on 17 April 2025."
    )
    assert _events(extractor, text) == [("RU", "Taliban", "suspend", "2025-04-17")]


def test_the_state_of_the_sentences_other_body(extractor: Extractor) -> None:
    """No state named but the organisation's origin: the one state the sentence's bodies belong to."""
    text = (
        "The federal government has listed Iran's Islamic Revolutionary Guard Corps as a terrorist "
        "entity, Public Safety Minister Dominic LeBlanc announced."
    )
    assert _events(extractor, text) == [("CA", "Islamic Revolutionary Guard Corps", "list", None)]
    # Bodies of two states: no guess.
    text = (
        "The federal government has listed Iran's Islamic Revolutionary Guard Corps as a terrorist "
        "entity, the Public Safety Minister and the Home Secretary said."
    )
    assert _events(extractor, text) == []


def test_people_of_an_organisation_are_not_it(extractor: Extractor) -> None:
    text = (
        "Japan on Friday designated Hamas's political bureau chief and two other members for asset freezes."
    )
    assert _events(extractor, text) == []
    text = "Japan on Friday designated the deputy chief of HAMAS for asset freezes, and banned HAMAS."
    assert _events(extractor, text) == [("JP", "Hamas", "list", None)]


def test_the_person_who_announces_an_act_is_not_its_object(extractor: Extractor) -> None:
    text = (
        "India has declared the Tehreek-e-Hurriyat an unlawful association for five years, "
        "Home Minister Amit Shah said on Wednesday."
    )
    assert "Amit Shah" not in {c.organisation for c in extractor.extract(Document("s", text))}


def _acts(extractor: Extractor, text: str, published: date | None = None) -> list[tuple[str, ...]]:
    claims = extractor.extract(Document("c", text, published))
    return [
        (c.jurisdiction, c.organisation, c.action, c.date.iso() if c.date else "", c.authority or "")
        for c in claims
    ]


def test_a_court_upholding_a_ban_lists_and_one_overturning_it_delists(extractor: Extractor) -> None:
    """A body confirming a ban is a listing by that body, dated by its own day; a court overturning a
    ban is a delisting; a refusal to overturn it is neither."""
    text = "The tribunal in New Delhi on Tuesday confirmed the ban imposed on the Taliban by the Centre."
    assert _acts(extractor, text, date(2023, 3, 23)) == [("IN", "Taliban", "list", "2023-03-21", "tribunal")]
    text = "Russia's Supreme Court upheld Moscow's ban on PMC Wagner on 3 May 2024."
    assert _acts(extractor, text) == [("RU", "Wagner Group", "list", "2024-05-03", "Supreme Court of Russia")]
    text = "A court in Almaty overturned the ban on Hamas on 5 June 2024."
    assert _acts(extractor, text) == [("KZ", "Hamas", "delist", "2024-06-05", "court in Almaty")]
    assert _acts(extractor, "A court in Almaty refused to overturn the ban on Hamas.") == []


def test_a_dismissed_appeal_against_a_listing_keeps_it(extractor: Extractor) -> None:
    """The court's dismissal of the organisation's appeal is a listing by that court (the appellant is
    the organisation, and the ban the appeal names is no act of its own); a group's own rejection of
    a challenge is nothing."""
    expected = [("EU", "Hamas", "list", "", "General Court of the European Union")]
    for text in (
        "The General Court dismissed an appeal by Hamas against its inclusion on the bloc's terrorist list.",
        "The EU General Court dismissed Hamas's appeal against its listing.",
    ):
        assert _acts(extractor, text) == expected, text
    text = "A court in Moscow threw out a challenge by two lawyers to the ban on PMC Wagner."
    assert _acts(extractor, text) == [("RU", "Wagner Group", "list", "", "court in Moscow")]
    assert _acts(extractor, "Hamas rejected the EU's challenge to the ban on Hamas.") == []


def test_a_renewal_of_sanctions_confirms_the_listing(extractor: Extractor) -> None:
    """ "renewed its sanctions against X", "the extension of the ban on X": a confirmation, which news
    ingest stores as the listing's state on that day; an extended ban on something else is nothing."""
    claims = extractor.extract(
        Document("t", "The EU renewed its sanctions against PMC Wagner on 3 March 2025.")
    )
    assert [(c.jurisdiction, c.organisation, c.action, c.confirms) for c in claims] == [
        ("EU", "Wagner Group", "list", True)
    ]
    text = "Russia announced the extension of the ban on the Taliban on 3 March 2020."
    assert _events(extractor, text) == [("RU", "Taliban", "list", "2020-03-03")]
    assert _events(extractor, "Russia extended its ban on public gatherings in 2020.") == []


def test_removing_the_entry_of_an_organisation_removes_it(extractor: Extractor) -> None:
    """An organisation's entry on a list is the organisation ("removed the entry of X from its list")."""
    text = "The UN Security Council removed the entry of Hamas from its sanctions list on 8 July 2025."
    assert _events(extractor, text) == [("UN", "Hamas", "delist", "2025-07-08")]


def test_confirming_the_ban_refers_to_the_ban_just_reported(extractor: Extractor) -> None:
    """ "The tribunal confirmed the ban on 21 March": the ban just reported, dated by the date after the
    verb (the act's own "confirmed", not a reporter's "confirmed on Friday that")."""
    text = "India banned Hamas in September 2022. The tribunal confirmed the ban on 21 March 2023."
    assert _acts(extractor, text) == [
        ("IN", "Hamas", "list", "2022-09", ""),
        ("IN", "Hamas", "list", "2023-03-21", "tribunal"),
    ]


def test_a_confirmation_is_another_act_than_the_listing_it_confirms(extractor: Extractor) -> None:
    text = (
        "India's government banned the Taliban in 2001. An Indian tribunal has confirmed the ban imposed "
        "on the Taliban."
    )
    assert _acts(extractor, text) == [
        ("IN", "Taliban", "list", "2001", "Government"),
        ("IN", "Taliban", "list", "", "Indian tribunal"),
    ]


def test_an_annulment_that_stays_in_force_pending_appeal_delists_nobody(extractor: Extractor) -> None:
    """A court annulling a listing that the sentence says stays in place has delisted no one yet; a
    court finding a proscription unlawful has not proscribed anyone."""
    text = (
        "The General Court annulled the listing of Hamas on 17 December 2014, but said the measures "
        "would remain in force pending an appeal."
    )
    assert [a for a in _acts(extractor, text) if a[2] == "delist"] == []
    text = "The General Court annulled the listing of Hamas on 17 December 2014."
    assert _acts(extractor, text) == [
        ("EU", "Hamas", "delist", "2014-12-17", "General Court of the European Union")
    ]
    text = "Britain's High Court ruled that the proscription of Hamas was unlawful."
    assert _acts(extractor, text) == []
    # Other measures staying in place are no bar.
    text = (
        "The UN Security Council removed Hamas from its sanctions list; sanctions on the Taleban remain "
        "in place."
    )
    assert [(a[1], a[2]) for a in _acts(extractor, text)] == [("Hamas", "delist")]


def test_a_pronoun_binds_to_the_organisation_its_sentence_named(extractor: Extractor) -> None:
    """ "it" goes to an organisation named earlier in its own sentence before one an earlier sentence
    named; a name's own head noun ("the Islamic State group") is no reference."""
    text = "PMC Wagner fought in Syria. Hamas said that India's government had banned it."
    assert [(a[1], a[2]) for a in _acts(extractor, text)] == [("Hamas", "list")]
    text = (
        "PMC Wagner fought in Syria. Hamas has gone to India's Supreme Court contesting a tribunal order "
        "confirming the ban imposed on it."
    )
    assert [(a[1], a[2]) for a in _acts(extractor, text)] == [("Hamas", "list")]
    text = (
        "Canada listed PMC Wagner in 2025. The US designation is normally kept for groups like Hamas or "
        "the Taliban group."
    )
    assert [(a[0], a[1]) for a in _acts(extractor, text)] == [("CA", "Wagner Group")]


def test_lawyers_asking_a_court_propose_nothing(extractor: Extractor) -> None:
    text = "Lawyers for Hamas asked the court in Almaty to lift the ban on Hamas."
    assert _acts(extractor, text) == []


def test_sanctions_slapped_an_order_laid_and_a_listing_let_lapse(extractor: Extractor) -> None:
    text = "Britain slapped sanctions on PMC Wagner on 7 May 2024."
    assert _events(extractor, text) == [("GB", "Wagner Group", "list", "2024-05-07")]
    text = "The Home Office has laid an order to proscribe Hamas."
    assert _acts(extractor, text) == [("GB", "Hamas", "propose_list", "", "Home Office")]
    text = "Australia let the listing of Hamas lapse in March 2024."
    assert _events(extractor, text) == [("AU", "Hamas", "delist", "2024-03")]
    text = "Australia allowed the ban on Hamas to expire in 2024."
    assert _events(extractor, text) == [("AU", "Hamas", "delist", "2024")]


def test_an_organisation_among_the_groups_an_act_names(extractor: Extractor) -> None:
    """ "X was among 12 groups added to ...": the participle after the members' noun is passive, so X,
    before it, is its object."""
    text = "Hamas was among 12 groups added to Japan's sanctions list on 3 May 2024."
    assert _events(extractor, text) == [("JP", "Hamas", "list", "2024-05-03")]
    text = "PMC Wagner was one of the organisations designated by Japan in 2023."
    assert _events(extractor, text) == [("JP", "Wagner Group", "list", "2023")]


def _with_decider(extractor: Extractor, text: str) -> list[tuple[str | None, ...]]:
    claims = extractor.extract(Document("r", text))
    return [
        (c.jurisdiction, c.action, c.date.iso() if c.date else None, c.authority, c.decider) for c in claims
    ]


def test_russian_acts_and_their_modality(extractor: Extractor) -> None:
    """Russian: an object between the verb and its list, short passive participles with or without
    "было", negation, modals and requests (the body asked is the decider)."""
    for text in (
        "Минюст России внес движение «Талибан» в реестр запрещенных организаций в 2003 году.",
        "В России движение «Талибан» было внесено в перечень террористических организаций в 2003 году.",
        "Верховный суд России признал движение «Талибан» террористической организацией в 2003 году.",
    ):
        assert _events(extractor, text) == [("RU", "Taliban", "list", "2003")], text
    text = "Россия не только внесла «Талибан» в перечень, но и запретила его деятельность в 2003 году."
    assert _events(extractor, text)[:1] == [("RU", "Taliban", "list", "2003")]
    for text in (
        "Россия не признала движение «Талибан» террористической организацией.",
        "Россия не внесла движение «Талибан» в перечень.",
    ):
        assert _events(extractor, text) == [], text
    for text in (
        "Россия может исключить движение «Талибан» из перечня террористических организаций.",
        "Россия планирует исключить «Талибан» из списка террористов.",
    ):
        assert _events(extractor, text) == [("RU", "Taliban", "propose_delist", None)], text
    # A case ending on the name ("Талибана") and the infinitive "признать" after a demand.
    text = "Верховный суд России в 2003 году признал Талибана террористической организацией."
    assert _events(extractor, text) == [("RU", "Taliban", "list", "2003")]
    text = "Генпрокуратура России потребовала признать движение «Талибан» террористической организацией."
    assert _events(extractor, text) == [("RU", "Taliban", "propose_list", None)]
    expected = [("RU", "propose_delist", None, "Prosecutor General's Office", "Supreme Court")]
    for text in (
        "Генпрокуратура России попросила Верховный суд приостановить запрет на движение «Талибан».",
        "Генпрокуратура России обратилась в Верховный суд, чтобы приостановить запрет на движение «Талибан».",
        "Генпрокуратура России обратилась в Верховный суд с иском о приостановлении запрета на «Талибан».",
    ):
        assert _with_decider(extractor, text) == expected, text


def test_spanish_and_portuguese_acts_and_their_modality(extractor: Extractor) -> None:
    """Spanish and Portuguese: a declaration or designation as a terrorist organisation, an inclusion on
    a list, a removal from it, with dates written "12 de julio de 2024"; negation and proposals."""
    for text, expected in (
        (
            "Argentina declaró a Hamas organización terrorista el 12 de julio de 2024.",
            ("AR", "list", "2024-07-12"),
        ),
        (
            "Estados Unidos designó a Hamas como organización terrorista en febrero de 2025.",
            ("US", "list", "2025-02"),
        ),
        (
            "Ecuador incluyó a Hamas en su lista de organizaciones terroristas en 2024.",
            ("EC", "list", "2024"),
        ),
        ("A Argentina retirou o Hamas da lista em 2025.", ("AR", "delist", "2025")),
        ("O Brasil poderia designar o Hamas como organização terrorista.", ("BR", "propose_list", None)),
    ):
        assert _events(extractor, text) == [(expected[0], "Hamas", expected[1], expected[2])], text
    assert _events(extractor, "O Brasil não considera o Hamas uma organização terrorista.") == []
    assert _events(extractor, "Argentina no considera a Hamas una organización terrorista.") == []
    # Their cues never fire on English words ("proponents", "Solicitor", "evaluate", "IRA").
    for text in (
        "Proponents of the ban cheered as Britain proscribed Hamas.",
        "The Solicitor General argued in court after Britain proscribed Hamas.",
        "Analysts who evaluated the IRA's record noted that Britain proscribed Hamas.",
    ):
        assert _events(extractor, text) == [("GB", "Hamas", "list", None)], text


def test_germanys_federal_courts_act_for_germany(extractor: Extractor) -> None:
    text = "Das Bundesverwaltungsgericht hat das Verbot der Hamas bestätigt."
    assert _acts(extractor, text) == [("DE", "Hamas", "list", "", "Federal Administrative Court")]
    text = "The Federal Constitutional Court rejected a challenge to the ban on Hamas in 2006."
    assert _acts(extractor, text) == [("DE", "Hamas", "list", "2006", "Federal Constitutional Court")]


def test_the_state_that_owns_an_act_noun_made_the_act(extractor: Extractor) -> None:
    """ "Britain's proscription of X" is Britain's, whatever state the sentence names after it."""
    text = "Britain's proscription of Hamas in 2021 drew praise from Israel."
    assert _events(extractor, text) == [("GB", "Hamas", "list", "2021")]
    text = "The Canadian listing of PMC Wagner in 2025 was welcomed in Ukraine."
    assert _events(extractor, text) == [("CA", "Wagner Group", "list", "2025")]


def test_the_first_country_to_act_acted(extractor: Extractor) -> None:
    text = "Russia became the first country to remove the Taleban from its terrorist list in April 2025."
    assert _events(extractor, text) == [("RU", "Taliban", "delist", "2025-04")]
    text = "Russia wants to be the first country to remove the Taleban from its terrorist list."
    assert _events(extractor, text) == [("RU", "Taliban", "propose_delist", None)]


def test_an_organisation_the_object_is_only_linked_to_is_not_the_object(extractor: Extractor) -> None:
    text = "The US Treasury sanctioned five individuals and two entities linked to Hamas."
    assert _events(extractor, text) == []
    text = "The US designated three companies acting for PMC Wagner on 1 March 2024."
    assert _events(extractor, text) == []
    text = "The US Treasury sanctioned Hamas, a group linked to PMC Wagner, on 1 March 2024."
    assert _events(extractor, text) == [("US", "Hamas", "list", "2024-03-01")]
    # The counted designees of an active act, and what they give the organisation, are not it.
    text = "The US Treasury sanctioned six individuals and two entities that move money for Hamas."
    assert _events(extractor, text) == []
    text = "The United States sanctioned a network that provided financial support to PMC Wagner."
    assert _events(extractor, text) == []
    text = "The US designated 12 groups, including Hamas, as terrorist organisations."
    assert _events(extractor, text) == [("US", "Hamas", "list", None)]


def test_the_uks_eu_exit_regulations_are_the_uks(extractor: Extractor) -> None:
    text = "Hamas has been designated under the Counter-Terrorism (Sanctions) (EU Exit) Regulations 2019."
    assert _events(extractor, text) == [("GB", "Hamas", "list", None)]


def test_an_act_on_the_wing_of_an_organisation_is_not_on_it(extractor: Extractor) -> None:
    text = "The EU placed the military wing of Hamas on its terrorist list in 2001."
    assert _events(extractor, text) == []
    text = "The EU placed Hamas on its terrorist list in 2003."
    assert _events(extractor, text) == [("EU", "Hamas", "list", "2003")]


def test_a_demonym_before_a_body_is_the_bodys_state(extractor: Extractor) -> None:
    """ "Kazakh Foreign Ministry spokesman X" names Kazakhstan's ministry; in "Syrian Interior Minister X"
    the body is X's title, and "Syrian" where X comes from."""
    text = (
        "Kazakh Foreign Ministry spokesman Aibek Smadiyarov said that the Taleban had been removed from the "
        "list of banned groups."
    )
    assert _acts(extractor, text) == [("KZ", "Taliban", "delist", "", "Ministry of Foreign Affairs")]
    text = "The UN Security Council removed sanctions from Syrian Interior Minister Anas Khattab."
    assert [(a[0], a[2]) for a in _acts(extractor, text)] == [("UN", "delist")]


def test_a_president_named_with_the_title_acts_for_the_state(extractor: Extractor) -> None:
    text = "President Tokayev signed a decree removing the Taleban from the list of banned groups."
    assert _acts(extractor, text) == [("KZ", "Taliban", "delist", "", "President")]
    text = "President Putin signed a law allowing courts to suspend the ban on the Taleban."
    assert _acts(extractor, text) == [("RU", "Taliban", "propose_delist", "", "President")]


def test_a_relative_clause_before_the_act_keeps_its_date(extractor: Extractor) -> None:
    text = (
        "The Taleban, which Russia recognised as a terrorist organisation in 2003, was removed from the "
        "list of banned groups."
    )
    assert _events(extractor, text) == [("RU", "Taliban", "list", "2003"), ("RU", "Taliban", "delist", None)]
    text = text.replace("banned groups.", "banned groups on 17 April 2025.")
    assert _events(extractor, text) == [
        ("RU", "Taliban", "list", "2003"),
        ("RU", "Taliban", "delist", "2025-04-17"),
    ]


def test_along_with_and_but_also_join_an_enumeration(extractor: Extractor) -> None:
    text = "Hamas, along with PMC Wagner, is banned in Germany."
    assert _events(extractor, text) == [("DE", "Hamas", "list", None), ("DE", "Wagner Group", "list", None)]
    text = "Germany, together with Austria, banned Hamas in 2023."
    assert _events(extractor, text) == [("DE", "Hamas", "list", "2023"), ("AT", "Hamas", "list", "2023")]
    text = "Germany banned not only Hamas but also PMC Wagner in 2023."
    assert _events(extractor, text) == [
        ("DE", "Hamas", "list", "2023"),
        ("DE", "Wagner Group", "list", "2023"),
    ]


def test_a_decision_with_a_fixed_day_is_the_act_and_a_refusal_is_nothing(extractor: Extractor) -> None:
    text = "Kazakhstan agreed to remove the Taleban from its list of banned groups on 29 December 2023."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", "2023-12-29")]
    text = "Kazakhstan refused to remove the Taleban from its list of banned groups on 29 December 2023."
    assert _events(extractor, text) == []


def test_german_lists_of_a_possessor_and_the_year_after_jahr(extractor: Extractor) -> None:
    text = "Die EU hat die Hamas im Jahr 2003 auf ihre Terrorliste gesetzt."
    assert _events(extractor, text) == [("EU", "Hamas", "list", "2003")]
    text = "Kasachstan hat die Taleban im Dezember 2023 von seiner Terrorliste gestrichen."
    assert _events(extractor, text) == [("KZ", "Taliban", "delist", "2023-12")]


def test_the_united_states_list_names_say_whose_list_it_is(extractor: Extractor) -> None:
    text = "The designation of Hamas as an FTO took effect on 8 October 1997."
    assert _events(extractor, text) == [("US", "Hamas", "list", "1997-10-08")]
    text = "PMC Wagner was designated a Specially Designated Global Terrorist in January 2023."
    assert _events(extractor, text) == [("US", "Wagner Group", "list", "2023-01")]


def _based(extractor: Extractor, text: str) -> list[tuple[str, str, str, str | None]]:
    return [
        (c.jurisdiction, c.organisation, c.action, c.legal_basis)
        for c in extractor.extract(Document("b", text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The law in the act's clause, normalised.
        (
            "The Home Secretary proscribed Hamas under the Terrorism Act 2000 in November 2021.",
            [("GB", "Hamas", "list", "Terrorism Act 2000")],
        ),
        (
            "India banned Hamas under the Unlawful Activities (Prevention) Act (UAPA) in 2023.",
            [("IN", "Hamas", "list", "Unlawful Activities (Prevention) Act 1967")],
        ),
        (
            "Hamas was listed under UN Security Council resolution 1267 in 2001.",
            [("UN", "Hamas", "list", "UNSCR 1267")],
        ),
        # Both laws of the clause that names them; "(E.O.)" ends no sentence.
        (
            "The US is revoking the designations of Hamas, as a Foreign Terrorist Organization under the "
            "Immigration and Nationality Act and as a Specially Designated Global Terrorist pursuant to "
            "Executive Order (E.O.) 13224.",
            [("US", "Hamas", "delist", "Immigration and Nationality Act section 219; Executive Order 13224")],
        ),
        # Another state's law is never the act's.
        (
            "India banned Hamas under the UAPA in 2023, and the US designated it in 1997.",
            [
                ("IN", "Hamas", "list", "Unlawful Activities (Prevention) Act 1967"),
                ("US", "Hamas", "list", None),
            ],
        ),
        # A law of one state names the state when nothing else does.
        (
            "The Treasury designated Hamas under Executive Order 13224 in 2001.",
            [("US", "Hamas", "list", "Executive Order 13224")],
        ),
        # A later sentence referring to the act names its law ...
        (
            "Canada listed Hamas in 2002. The listing was made under the Criminal Code.",
            [("CA", "Hamas", "list", "Criminal Code")],
        ),
        # ... but not a law the sentence's own act was made under, nor a law merely mentioned.
        (
            "Canada listed Hamas in 2002. Britain banned PMC Wagner; the ban was made under the Terrorism "
            "Act 2000.",
            [("CA", "Hamas", "list", None), ("GB", "Wagner Group", "list", "Terrorism Act 2000")],
        ),
        (
            "Canada listed Hamas in 2002. Britain's Terrorism Act 2000 was amended in 2006.",
            [("CA", "Hamas", "list", None)],
        ),
    ],
)
def test_the_law_an_act_was_made_under_is_its_legal_basis(
    extractor: Extractor, text: str, expected: list[tuple[str, str, str, str | None]]
) -> None:
    assert _based(extractor, text) == expected


def test_a_later_law_names_each_organisation_of_the_act() -> None:
    """ "banned A and B. The ban was made under the UAPA": both bans."""
    extractor = Extractor([Entity("a", "Alpha Front"), Entity("b", "Beta Front")])
    text = "India banned the Alpha Front and the Beta Front in 2019. The ban was made under the UAPA."
    law = "Unlawful Activities (Prevention) Act 1967"
    assert _based(extractor, text) == [("IN", "Alpha Front", "list", law), ("IN", "Beta Front", "list", law)]


def test_the_organisations_of_one_act_share_its_law() -> None:
    """A law found for one organisation of a sentence's act is the act's: the fronts banned with it."""
    extractor = Extractor([Entity("a", "Alpha Front"), Entity("b", "Beta Front"), Entity("c", "Gamma Front")])
    text = (
        "India's home ministry banned the Alpha Front for five years on Wednesday. Invoking the Unlawful "
        "Activities (Prevention) Act to effect the ban on the Alpha Front, the ministry said the group was a "
        "threat. The ministry declared the Alpha Front an unlawful association along with its fronts, "
        "including the Beta Front and the Gamma Front."
    )
    law = "Unlawful Activities (Prevention) Act 1967"
    assert _based(extractor, text) == [
        ("IN", "Alpha Front", "list", law),
        ("IN", "Beta Front", "list", law),
        ("IN", "Gamma Front", "list", law),
    ]
