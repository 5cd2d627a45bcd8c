"""Ranking against the bundled registry: the issue's acceptance names, alias graph and distinctions."""

from __future__ import annotations

import pytest

from proscribe.model import Entity, Name
from proscribe.screen.index import NameIndex
from proscribe.screen.match import DEFAULT_THRESHOLD, Hit, match
from proscribe.screen.normalise import normalise
from proscribe.screen.score import similarity
from proscribe.sources.bundled import load_entities


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.from_entities(load_entities())


@pytest.mark.parametrize("query", ["Талибан", "طالبان", "Taleban", "Движение Талибан"])
def test_taliban_in_any_script_ranks_first(index: NameIndex, query: str) -> None:
    hits = match(index, query)
    assert hits[0].entity_id == "taliban"
    assert hits[0].score >= 0.9
    # Every other hit is below the threshold: the look-alikes are held apart (0.5) or absent.
    assert [h.entity_id for h in hits] == ["taliban"]


def test_exact_alias_prefers_the_query_script(index: NameIndex) -> None:
    # "Taliban" and "Талибан" both normalise to "taliban"; the Cyrillic query is shown the Cyrillic alias.
    assert match(index, "ТАЛИБАН")[0] == Hit("taliban", "Taliban", "Талибан", 1.0, "exact alias 'Талибан'")
    assert match(index, "TALIBAN")[0] == Hit("taliban", "Taliban", "Taliban", 1.0, "exact alias 'Taliban'")


def test_transliterated_exact_alias_explains_itself() -> None:
    index = NameIndex.from_entities([Entity("taliban", "Taliban")])
    assert match(index, "Талибан")[0] == Hit(
        "taliban", "Taliban", "Taliban", 1.0, "exact alias 'Taliban' (via transliteration 'taliban')"
    )


def test_known_alias_holds_look_alikes_apart(index: NameIndex) -> None:
    hits = {h.entity_id: h for h in match(index, "Талибан", threshold=0.0, limit=5)}
    assert hits["ttp"].score == 0.5
    assert hits["ttp"].detail.endswith(
        "query is a known alias of 'taliban', held apart from 'ttp': "
        "Tehrik-e-Taliban Pakistan is a separate Pakistani movement, not the Afghan Taliban"
    )


def test_pakistani_taliban_is_ttp_not_taliban(index: NameIndex) -> None:
    hits = match(index, "Pakistani Taliban", threshold=0.0, limit=2)
    assert [(h.entity_id, h.score) for h in hits] == [("ttp", 0.9667), ("taliban", 0.65)]
    assert hits[0].matched_name == "Pakistan Taliban"
    assert (
        hits[0].detail
        == "token 'taliban' matched alias 'Pakistan Taliban'; token 'pakistani' ~ 'pakistan' (spelling 0.93)"
    )


@pytest.mark.parametrize("query", ["Daesh", "داعش", "ИГИЛ", "Islamic State"])
def test_daesh_is_isil(index: NameIndex, query: str) -> None:
    hits = match(index, query)
    assert (hits[0].entity_id, hits[0].score) == ("isil", 1.0)
    assert hits[0].name == "Islamic State of Iraq and the Levant"


def test_hamas_trading_llc_stays_below_threshold(index: NameIndex) -> None:
    assert match(index, "Hamas Trading LLC") == []
    below = match(index, "Hamas Trading LLC", threshold=0.0, limit=1)[0]
    assert (below.entity_id, below.score) == ("hamas", 0.6333)
    assert below.score < DEFAULT_THRESHOLD


def test_generic_word_matches_nothing(index: NameIndex) -> None:
    assert match(index, "CORP") == []
    assert match(index, "The Movement") == []


def test_shared_alias_returns_both_owners(index: NameIndex) -> None:
    hits = match(index, "The Base")
    assert [(h.entity_id, h.score) for h in hits] == [("al-qaeda", 1.0), ("the-base", 1.0)]


def test_allowed_restricts_the_result(index: NameIndex) -> None:
    assert [h.entity_id for h in match(index, "The Base", allowed={"the-base"})] == ["the-base"]
    assert match(index, "Taliban", allowed={"hamas"}) == []


def test_candidate_set_is_small(index: NameIndex) -> None:
    assert len(index.candidates(normalise("Taleban"), limit=40)) <= 40
    assert len(index) > 250


def test_rarity_weight_lowers_common_tokens() -> None:
    # 9 names, "bank" in all of them: log(10 / 10) = 0 -> the floor 0.5; a word in one name:
    # log(10 / 2) / (log(10) / 2) = 1.40, capped at 1 -> weight 1.0; weak tokens always 0.1.
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india"]
    index = NameIndex.from_entities([Entity(f"e{i}", f"Bank {word}") for i, word in enumerate(words)])
    assert index.weight(normalise("bank").tokens[0]) == 0.5
    assert index.weight(normalise("alpha").tokens[0]) == 1.0
    assert index.weight(normalise("unseen").tokens[0]) == 1.0
    assert index.weight(normalise("llc").tokens[0]) == 0.1


def test_a_tie_at_one_is_explained_by_the_exact_alias() -> None:
    """Both names score 1.0 for the query (the reordered one by its tokens), but the hit names the one whose
    normalised key is the query's, although the reordered one is indexed first."""
    entity = Entity(
        "zawahiri",
        "Al Zawahiri Ayman",
        "person",
        names=(Name("Al Zawahiri Ayman", "alias"), Name("Ayman Al Zawahiri", "alias")),
    )
    index = NameIndex.from_entities([entity])
    query = normalise("Ayman al-Zawahiri")
    assert [similarity(query, entry.name, "person") for entry in index.entries] == [1.0, 1.0]
    assert match(index, "Ayman al-Zawahiri") == [
        Hit("zawahiri", "Al Zawahiri Ayman", "Ayman Al Zawahiri", 1.0, "exact alias 'Ayman Al Zawahiri'")
    ]


def test_without_an_exact_alias_the_closest_spelling_explains_the_hit() -> None:
    """Two reorderings of the query, both 1.0 by their tokens, neither its key: the hit names the one
    written closer to the query (Levenshtein distance 11 of 23 characters against 14 for the reversed
    name indexed first)."""
    entity = Entity(
        "zawahiri",
        "Zawahiri Muhammad Ayman",
        "person",
        names=(Name("Muhammad Ayman Zawahiri", "alias"),),
    )
    hits = match(NameIndex.from_entities([entity]), "Ayman Muhammad Zawahiri")
    assert [(hit.matched_name, hit.score) for hit in hits] == [("Muhammad Ayman Zawahiri", 1.0)]
