"""Pair scores and their explanations, checked by hand against the formula in proscribe.screen.score.

Coverage arithmetic for the organisation cases (a = 0.7 on the smaller coverage, 0.3 on the larger):
"Hamas Trading LLC" vs "Hamas": query coverage 1 / (1 + 1 + 0.1) = 0.4762, candidate 1 -> 0.6333.
"Pakistani Taliban" vs "Taliban": 1 / 2 = 0.5 and 1 -> 0.65.
"Движение Талибан" vs "Taliban": 1 / 1.1 = 0.9091 and 1 -> 0.9364.
"Deutsche Bank AG" vs "Deutsche Bank GmbH": 2 / 2.1 = 0.9524 on both sides, times 0.85 -> 0.8095.
"CORP" vs "Acme Corp": the all-weak query counts its token fully (1); the candidate 0.1 / 1.1 -> 0.3636.
For people a = 0.45: "Boris Johnson" vs "Alexandre Boris de Pfeffel Johnson": 1 and 2 / 4.1 -> 0.7695.
"""

from __future__ import annotations

import pytest

from proscribe.screen.match import DEFAULT_THRESHOLD
from proscribe.screen.normalise import normalise
from proscribe.screen.score import Score, compare, similarity

CASES = [
    ("Taleban", "Taliban", "organisation", 0.8905, "token 'taleban' ~ 'taliban' (spelling 0.90)"),
    (
        "Hamas Trading LLC",
        "Hamas",
        "organisation",
        0.6333,
        "token 'hamas' matched alias 'Hamas'; weak token 'llc' ignored; unmatched token 'trading'",
    ),
    (
        "Pakistani Taliban",
        "Taliban",
        "organisation",
        0.65,
        "token 'taliban' matched alias 'Taliban'; unmatched token 'pakistani'",
    ),
    (
        "Движение Талибан",
        "Taliban",
        "organisation",
        0.9364,
        "token 'taliban' matched alias 'Taliban' via transliteration; weak token 'dvizhenie' ignored",
    ),
    (
        "طالبان",
        "Taliban",
        "organisation",
        0.9119,
        "query transliterated to 'talban'; token 'talban' ~ 'taliban' (spelling 0.91)",
    ),
    (
        "حزب الله",
        "Hezbollah",
        "organisation",
        0.85,
        "query transliterated to 'hzb allh'; consonant skeleton 'hsbl' agrees across scripts",
    ),
    ("Талибан", "Taliban", "organisation", 1.0, "exact alias 'Taliban' (via transliteration 'taliban')"),
    (
        "V. Putin",
        "Vladimir Putin",
        "person",
        0.875,
        "token 'putin' matched alias 'Vladimir Putin'; initial 'v' ~ 'vladimir'",
    ),
    (
        "A. Nazarbayev",
        "Nursultan Nazarbayev",
        "person",
        0.475,  # 0.5, times 0.95: another initial in place of the given name
        "token 'nazarbayev' matched alias 'Nursultan Nazarbayev'; unmatched token 'a'; "
        "alias token 'nursultan' not in query; a name in place of another (a relative?)",
    ),
    (
        "Deutsche Bank AG",
        "Deutsche Bank GmbH",
        "organisation",
        0.8095,
        "tokens 'deutsche', 'bank' matched alias 'Deutsche Bank GmbH'; "
        "weak token 'ag' ignored; legal forms differ",
    ),
    (
        "CORP",
        "Acme Corp",
        "organisation",
        0.3636,
        "only weak token 'corp' in common; alias token 'acme' not in query",
    ),
    (
        "Roger Federman",
        "Roger Federer",
        "person",
        0.7964,
        "token 'roger' matched alias 'Roger Federer'; token 'federman' ~ 'federer' (spelling 0.75)",
    ),
    (
        "Boris Johnson",
        "Alexandre Boris de Pfeffel Johnson",
        "person",
        0.7695,
        "tokens 'boris', 'johnson' matched alias 'Alexandre Boris de Pfeffel Johnson'; "
        "alias tokens 'alexandre', 'pfeffel' not in query",
    ),
    ("AlisherUsmanov", "Alisher Usmanov", "person", 0.95, "joined words 'alisherusmanov' ~ 'alisherusmanov'"),
]


@pytest.mark.parametrize(("query", "candidate", "kind", "value", "detail"), CASES)
def test_compare(query: str, candidate: str, kind: str, value: float, detail: str) -> None:
    score = compare(normalise(query), normalise(candidate), kind)
    assert (score.value, score.detail) == (value, detail)
    assert similarity(normalise(query), normalise(candidate), kind) == value


def test_people_tolerate_missing_names_more_than_organisations() -> None:
    query, candidate = normalise("Boris Johnson"), normalise("Alexandre Boris de Pfeffel Johnson")
    assert compare(query, candidate, "organisation").value == 0.6415
    assert compare(query, candidate, "person").value == 0.7695


def test_empty_name_scores_zero() -> None:
    assert compare(normalise("«»"), normalise("Taliban")).detail == "nothing to compare after normalisation"
    assert similarity(normalise("--"), normalise("Taliban")) == 0.0


def test_different_numbers_do_not_match() -> None:
    # "44" and "45" are different tokens, never spelling variants: half of each name matches -> 0.5.
    score = compare(normalise("Brigade 44"), normalise("Brigade 45"))
    assert score == Score(
        0.5, "token 'brigade' matched alias 'Brigade 45'; unmatched token '44'; alias token '45' not in query"
    )


def test_a_name_in_place_of_another_is_likely_a_relative() -> None:
    """People sharing all names but one, each with a name the other lacks, are more often relatives than
    one person: times NAME_IN_PLACE. By hand: 'al' is weak (0.1), the rest 1; four names and 'al' of
    5.1 match on each side, 4.1 / 5.1 = 0.8039, times 0.95 = 0.7637, under the threshold. A middle name
    only left out (Yusuf) is no such sign: 0.45 * 4.1 / 5.1 + 0.55 * 1 = 0.9118."""
    relative = compare(
        normalise("Omar Khalid Yusuf Hamid Al-Rashidi"),
        normalise("Omar Khalid Yusuf Hamid Al-Harbi"),
        "person",
    )
    assert relative.value == 0.7637 < DEFAULT_THRESHOLD
    assert relative.detail.endswith("a name in place of another (a relative?)")
    shorter = compare(
        normalise("Omar Khalid Hamid Al-Rashidi"), normalise("Omar Khalid Yusuf Hamid Al-Rashidi"), "person"
    )
    assert shorter.value == 0.9118
    assert "in place" not in shorter.detail
    # Organisations are untouched: a word in place of another is scored by coverage alone.
    assert (
        compare(
            normalise("Omar Khalid Yusuf Hamid Al-Rashidi"),
            normalise("Omar Khalid Yusuf Hamid Al-Harbi"),
            "organisation",
        ).value
        == 0.8039
    )


def test_father_and_son_named_the_other_way_round_are_two_people() -> None:
    """ "Salim bin Yusuf" is Salim, son of Yusuf; "Yusuf bin Salim" his father or his son. Every word
    matches (1.0), times LINEAGE_REVERSED (0.7); in Arabic script too. The same lineage spelled
    differently is not reversed."""
    son = compare(normalise("Salim bin Yusuf Al-Qasimi"), normalise("Yusuf bin Salim Al-Qasimi"), "person")
    assert son.value == 0.7 < DEFAULT_THRESHOLD
    assert son.detail.endswith("father and son named the other way round")
    assert normalise("سالم بن يوسف").lineage == normalise("Salim bin Yusuf").lineage
    same = compare(normalise("Salim bin Yusuf"), normalise("Saleem ibn Yousef"), "person")
    assert "other way round" not in same.detail
    # Organisations carry no lineage to compare.
    assert compare(normalise("Salim bin Yusuf"), normalise("Yusuf bin Salim"), "organisation").value == 1.0


def test_spellings_of_one_given_name_meet_exactly() -> None:
    """Mohammed and Muhammad, Yousef and Yusuf are one name each (data/screen/name_spellings.yaml):
    the names meet exactly. Hasan and Husayn are two names and stay a spelling variant. A typo is
    measured against the word as written: "Monamed" is one letter from Mohamed (spelling 0.89), and
    no match for every spelling of Muhammad."""
    same = compare(normalise("Mohammed Yousef Al-Harbi"), normalise("Muhammad Yusuf al-Harbi"), "person")
    assert same.value == 1.0
    assert same.detail == "tokens 'mohammed', 'yousef', 'harbi' matched alias 'Muhammad Yusuf al-Harbi'"
    assert compare(normalise("Osama bin Laden"), normalise("Usama bin Laden"), "person").value == 1.0
    assert compare(normalise("Hasan Ali"), normalise("Husayn Ali"), "person").value < 1.0
    typo = compare(normalise("Monamed Ali"), normalise("Mohamed Ali"), "person")
    assert typo.detail.startswith("token 'ali' matched alias 'Mohamed Ali'; token 'monamed' ~ 'mohamed'")
    assert compare(normalise("Monamed Ali"), normalise("Muhammad Ali"), "person").value < DEFAULT_THRESHOLD
