"""The literal screen before the trigger, authority and cue searches: it may skip a search, never a match."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proscribe.news.document import fold
from proscribe.news.gates import LiteralScreen, admits, required_literals
from proscribe.news.gazetteer import find_authorities
from proscribe.news.patterns import find_triggers, nearest_cue
from proscribe.news.rules import load_rules
from proscribe.news.ruletypes import Rules


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"revok(?:e|es|ed|ing)\b", {"revok"}),
        (r"\bban(?:s|ned|ning)?\b", {"ban"}),
        (r"(?:lift|lifted) the ban", {" the ban"}),
        (r"(?:proscri|designat)\w*", {"proscri", "designat"}),
        # A lookahead that must hold needs its text too; an optional part promises nothing.
        (r"\b(?:is|was)\b(?= on (?:the )?(?:blacklist|register))", {"blacklist", "register"}),
        (r"(?:the )?\bwing", {"wing"}),
        # Upper-case literals are compared in lower case, as the folded text is.
        (r"(?-i:[A-Z]\w+ )Tribunal", {"tribunal"}),
        # Nothing of three characters promised: always searched.
        (r"ab?c", None),
        (r"(?:x|yz)+w", None),
        (r"(?:ban|b)\w+", None),
        (r"\w+ed", None),
        # A character case-insensitive matching equates with another beyond lower-casing.
        ("\u017fanction", None),
    ],
)
def test_the_literals_every_match_contains(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected


def test_a_text_with_a_character_lower_casing_cannot_judge_passes_every_rule() -> None:
    """ "ſ" is an "s" to case-insensitive matching, though not to lower-casing: the screen lets the
    text through rather than skip a rule that matches it."""
    rules = load_rules()
    text = "the united \u017ftates \u017fanctioned hamas"
    assert any(t.regex.search(text) for t in rules.triggers)
    assert rules.trigger_screen.present(text) is None
    assert [t.rule.id for t in find_triggers(text, rules)] == ["list-sanction-verb"]


def _unscreened(rules: Rules) -> Rules:
    return dataclasses.replace(
        rules,
        triggers=tuple(dataclasses.replace(t, literals=None) for t in rules.triggers),
        authorities=tuple(dataclasses.replace(a, literals=None) for a in rules.authorities),
        cues=tuple(dataclasses.replace(c, literals=None) for c in rules.cues),
        context_literals=None,
        trigger_screen=LiteralScreen([]),
        authority_screen=LiteralScreen([]),
        cue_screen=LiteralScreen([]),
    )


SENTENCES = [
    "Kazakhstan removed the Taliban from its list of banned organisations in December 2023.",
    "The General Court dismissed an appeal by Hamas against its inclusion on the EU terrorist list.",
    "Britain's Home Secretary laid an order to proscribe Palestine Action on 23 June 2025.",
    "Минюст России внес движение «Талибан» в реестр запрещенных организаций в 2003 году.",
    "Das Bundesinnenministerium hat am 2. November 2023 die Hamas verboten.",
    "La France a inscrit le Hamas sur sa liste des organisations terroristes en 2003.",
    "The weather in Almaty was mild, and the markets were calm.",
    "President Tokayev signed a decree removing the Taleban from the list of banned groups.",
    "Russia's Supreme Court suspended the ban on the Taliban's activities on 17 April 2025.",
    "The US Treasury slapped sanctions on PMC Wagner, and the State Department designated it.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_screened_searches_find_what_unscreened_ones_find(sentence: str) -> None:
    rules = load_rules()
    plain = _unscreened(rules)
    folded = fold(sentence)
    found = [(t.start, t.end, t.rule.id) for t in find_triggers(folded, rules)]
    assert found == [(t.start, t.end, t.rule.id) for t in find_triggers(folded, plain)]
    assert find_authorities(sentence, rules) == find_authorities(sentence, plain)
    # The modality cue each trigger takes, from the clause's start.
    for start, _end, _rule in found:
        screened = nearest_cue(folded, 0, start, rules)
        unscreened = nearest_cue(folded, 0, start, plain)
        assert (screened and (screened[0].id, screened[1])) == (
            unscreened and (unscreened[0].id, unscreened[1])
        )


_PIECES = st.sampled_from(
    [
        "ban", "BANNED", "list", "listed", "terror", "designat", "proscribed", "removed", "lifted",
        "the", " ", ",", "on", "its", "from", "\u017f", "\u0130", "\u0131", "remain", "upheld",
        "sanctions", "order", "court", "ministry", "suspen", "запрещ", "список", "verbot", "x",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=12).map(" ".join))
def test_the_screen_never_skips_a_rule_that_matches(text: str) -> None:
    rules = load_rules()
    folded = fold(text)
    present = rules.trigger_screen.present(folded)
    for trigger in rules.triggers:
        if trigger.regex.search(folded):
            assert admits(trigger.literals, present), (trigger.id, text)
    present = rules.authority_screen.present(text)
    for authority in rules.authorities:
        if authority.regex.search(text):
            assert admits(authority.literals, present), (authority.id, text)
    present = rules.cue_screen.present(folded)
    for cue in rules.cues:
        if cue.regex.search(folded):
            assert admits(cue.literals, present), (cue.id, text)
