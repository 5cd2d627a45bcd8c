"""Cheap gates before costly searches: the literal words a regular expression cannot match without.

Every sentence is searched with every trigger (and every trigger sentence with every authority
rule), yet most sentences hold few of them. Each rule's pattern is read once, from the `re`
module's own parse tree, for a set of literal strings one of which every match must contain:
"revok" for `revok(?:e|es|ed|ing)`, {"list", "regist"} for a lookahead `(?=.*(?:list|regist))`.
A sentence is scanned once for all the rules' literals (`LiteralScreen.present`: plain substring
tests, far cheaper than the searches), and a rule none of whose literals it holds is not searched.

The screen never changes what a rule matches, only whether it is tried: literals are compared in
lower case with lower-cased text, and a text holding a character that case-insensitive matching
equates with another in a way lower-casing does not ("ſ" with "s", "ı" and "İ" with "i", Greek and
old Cyrillic letter variants) passes every rule. A pattern that promises no literal of
`MIN_LITERAL` characters or more has no literals (None): it is always searched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from re import _casefix as casefix  # type: ignore[attr-defined]
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]
from typing import Any

# Shorter literals are in nearly every sentence: a screen on them saves nothing.
MIN_LITERAL = 3

Literals = frozenset[str]


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Lower-case literal strings one of which every match of `pattern` contains (None: none promised)."""
    try:
        tree = parser.parse(pattern, flags)
    except re.error:
        return None
    found = _sequence(list(tree))
    if found is None or min(len(text) for text in found) < MIN_LITERAL:
        return None
    if any(_unsafe(char) for text in found for char in text):
        return None
    return frozenset(text.lower() for text in found)


class LiteralScreen:
    """The literals of many rules, tested against one text at a time."""

    def __init__(self, literal_sets: Iterable[Literals | None]) -> None:
        universe: set[str] = set()
        for literals in literal_sets:
            universe |= literals or set()
        self._universe = tuple(sorted(universe))

    def present(self, text: str) -> frozenset[str] | None:
        """The literals `text` holds (None: it holds a character the screen cannot judge; try every rule)."""
        if _exotic().search(text):
            return None
        lowered = text.lower()
        return frozenset(literal for literal in self._universe if literal in lowered)


def admits(literals: Literals | None, present: frozenset[str] | None) -> bool:
    """True when a rule with these literals may match a text holding `present`."""
    return literals is None or present is None or not literals.isdisjoint(present)


def _unsafe(char: str) -> bool:
    return len(char.lower()) != 1 or _exotic().match(char) is not None


@functools.cache
def _exotic() -> re.Pattern[str]:
    """Characters case-insensitive matching equates with others beyond what lower-casing does."""
    chars = {chr(code) for code in range(0x10000) if len(chr(code).lower()) != 1}
    for key, values in casefix._EXTRA_CASES.items():
        for code in (key, *values):
            char = chr(code)
            if not (char.isascii() or "\u0400" <= char <= "\u04ff"):
                chars.add(char)
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]")


def _sequence(items: list[tuple[Any, Any]]) -> Literals | None:
    """The best literal set a sequence of parse items promises: its longest run of plain characters, or
    the most selective set one of its required items promises."""
    options: list[Literals] = []
    run: list[str] = []
    for op, value in items:
        if op is constants.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        promised = _item(op, value)
        if promised is not None:
            options.append(promised)
    if run:
        options.append(frozenset({"".join(run)}))
    if not options:
        return None
    # The most selective: the set whose shortest literal is longest, then the smaller set.
    return max(options, key=lambda found: (min(len(text) for text in found), -len(found)))


def _item(op: Any, value: Any) -> Literals | None:
    """What one parse item promises (None: nothing, e.g. an optional part or a character class)."""
    if op is constants.SUBPATTERN:
        return _sequence(list(value[-1]))
    if op is constants.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            promised = _sequence(list(branch))
            if promised is None:
                return None  # one way through promises nothing, so the whole choice promises nothing
            union |= promised
        return frozenset(union)
    if op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
        low, _high, body = value
        return _sequence(list(body)) if low >= 1 else None
    if op is constants.ASSERT:
        return _sequence(list(value[1]))  # a lookahead or lookbehind that must hold needs its text too
    if op is constants.ATOMIC_GROUP:
        return _sequence(list(value))
    return None
