"""Blocking meets a name written as two words with the same name written as one, either way round.

The scorer already lets two neighbouring query words meet one word across scripts (نصر الله ~
Nasrallah) and joins the words of names with different numbers of words (Abdul Rahman ~ Abdulrahman);
blocking must bring such names to it. Each index below holds the name among a crowd of names that share
more separate words with the query, so that without joined keys the name is not among the candidates.
"""

from __future__ import annotations

import pytest

from proscribe.model import Entity, Name
from proscribe.screen.index import NameIndex, blocking_keys, joined_pairs
from proscribe.screen.match import CANDIDATES, DEFAULT_THRESHOLD, match
from proscribe.screen.normalise import normalise
from proscribe.screen.score import compare

SURNAMES = [
    "Abbas",
    "Bakri",
    "Dabbagh",
    "Fakhri",
    "Ghanem",
    "Habibi",
    "Jaber",
    "Kassem",
    "Latif",
    "Mansour",
    "Nuri",
    "Qadri",
    "Rashidi",
    "Saleh",
    "Tamimi",
    "Wahbi",
    "Yasin",
    "Zaidi",
    "Amiri",
    "Badawi",
    "Darwish",
    "Fadel",
    "Ghazal",
    "Hamdan",
    "Jamal",
    "Karim",
    "Lutfi",
    "Masri",
    "Najjar",
    "Qasim",
    "Sabri",
    "Taha",
    "Wazir",
    "Yunis",
    "Zuhdi",
    "Asadi",
    "Bazzi",
    "Dahir",
    "Faris",
    "Ghali",
    "Hijazi",
    "Jundi",
    "Kanaan",
    "Labib",
    "Moussa",
    "Nasif",
    "Omari",
    "Rifai",
    "Shami",
]
TARGET = Entity("ofac-2686", "NASRALLAH, Hasan", "person")


def _crowd(first: str, second: str) -> list[Entity]:
    """People named `first second <surname>`: each shares two separate words with the query."""
    return [Entity(f"p{n}", f"{first} {second} {surname}", "person") for n, surname in enumerate(SURNAMES)]


def test_the_scorer_accepts_the_two_word_arabic_spelling() -> None:
    """By hand: query hsn | nsr allh, name nasrallah | hasan, across scripts. hsn ~ hasan and the joined
    nsrallh ~ nasrallah agree on skeletons (hsn, nsrl: 7 consonants over the name, 0.92), so each pair is
    0.75 * 0.92 + 0.25 * spelling: hsn/hasan spelling 0.644 -> 0.851, credit 2 * 0.851 - 0.9 = 0.802;
    nsrallh/nasrallah loose spelling (nsralh/nasralah) 0.8125 -> 0.8985, credit 0.897. Query coverage
    (0.802 + 2 * 0.897) / 3 = 0.8654 (the joined pair covers both words), the name's (0.897 + 0.802) / 2 =
    0.8496; a person: 0.45 * 0.8496 + 0.55 * 0.8654 = 0.8583."""
    score = compare(normalise("حسن نصر الله"), normalise("NASRALLAH, Hasan"), "person")
    assert score.value == 0.8583
    assert "token 'nsrallh' ~ 'nasrallah' (consonants 'nsrl' agree across scripts)" in score.detail


def test_two_words_in_the_query_meet_one_in_the_index() -> None:
    index = NameIndex.from_entities([*_crowd("Hassan", "Nasser"), TARGET])
    target = len(index) - 1
    assert target in index.candidates(normalise("حسن نصر الله"), CANDIDATES)
    hits = match(index, "حسن نصر الله")
    assert [(hit.entity_id, hit.score) for hit in hits] == [("ofac-2686", 0.8583)]


def test_one_word_in_the_query_meets_two_in_the_index() -> None:
    """The index holds 'Abdul Rahman' apart; the query writes it as one word (the scorer joins the words
    of names with different numbers of words: abdulrahmanhamdan ~ abdulrahmanhamdan, 0.95). Spelt alike
    in one script, the whole-name skeleton meets it too; the joined key is filed all the same."""
    wanted = Entity("wanted", "Abdul Rahman Hamdan", "person")
    index = NameIndex.from_entities([*_crowd("Abdul", "Hamdan"), *_crowd("Rahman", "Hamdani"), wanted])
    assert "j:abdulrahman" in blocking_keys(normalise("Abdul Rahman Hamdan"))
    hits = match(index, "Abdulrahman Hamdan")
    assert hits[0].entity_id == "wanted"
    assert hits[0].score >= DEFAULT_THRESHOLD


def test_one_word_in_the_query_meets_two_across_scripts() -> None:
    """The index holds نصر الله (nsr allh) among names one letter from the query: 'Nasrallah' finds it by
    the joined skeleton (the scorer: whole-name skeletons 'nsrl' agree across scripts, 0.85)."""
    wanted = Entity("wanted", "نصر الله", "person")
    crowd = [Entity(f"p{n}", f"Nasrallahi {surname}", "person") for n, surname in enumerate(SURNAMES)]
    index = NameIndex.from_entities([*crowd, wanted])
    assert "c:nsrl" in blocking_keys(normalise("نصر الله"))
    assert len(index) - 1 in index.candidates(normalise("Nasrallah"), CANDIDATES)
    hits = match(index, "Nasrallah")
    assert [(hit.entity_id, hit.score) for hit in hits] == [("wanted", 0.85)]


def test_names_in_the_same_script_written_as_one_word_meet() -> None:
    index = NameIndex.from_entities([*_crowd("Hassan", "Nasser"), Entity("t", "Hassan Nasrallah", "person")])
    hits = match(index, "Hassan Nasr Allah")
    assert hits and hits[0].entity_id == "t"


@pytest.mark.parametrize(
    ("name", "pairs"),
    [
        ("حسن نصر الله", ["hsnnsr", "nsrallh"]),
        ("Hezbollah Party", []),  # 'party' is weak
        ("J. Smith Jones", ["smithjones"]),  # an initial is not half a word
        ("Unit 8200 Alpha", []),  # nor is a number
    ],
)
def test_which_neighbours_are_joined(name: str, pairs: list[str]) -> None:
    assert [joined.text for _at, joined in joined_pairs(normalise(name))] == pairs


def test_short_joined_skeletons_are_not_keys() -> None:
    """'Abu Ali' joined is 'abuali', skeleton 'abl': two consonants, shared by too many names to block on."""
    keys = blocking_keys(normalise("Abu Ali"))
    assert "j:abuali" in keys
    assert not any(key.startswith(("s:", "c:")) and key.endswith("abl") for key in keys)


def test_an_alias_written_apart_is_found_by_its_one_word_form() -> None:
    entity = Entity("ansar", "Houthis", names=(Name("Ansar Allah"),))
    index = NameIndex.from_entities([entity, *_crowd("Ansar", "Allahi")])
    hits = match(index, "Ansarallah")
    assert [(hit.entity_id, hit.matched_name, hit.score) for hit in hits] == [("ansar", "Ansar Allah", 0.95)]
