"""The phrase matcher finds exactly what one alternation over every phrase finds, at far less cost."""

from __future__ import annotations

import random
import re

from proscribe.news.gazetteer import _alias_pattern
from proscribe.news.phrases import PhraseMatcher, compact
from proscribe.sources.bundled import load_entities

WRAP = r"(?<![\w])(?:{})(?![\w])"


def _full(patterns: dict[str, str], flags: int) -> re.Pattern[str]:
    body = "|".join(patterns[key] for key in sorted(patterns, key=len, reverse=True))
    return re.compile(WRAP.replace("{}", body), flags)


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]  # type: ignore[attr-defined]


def test_compact_reads_text_as_the_index_does() -> None:
    assert compact("Al-Qa'ida  Network") == "alqaidanetwork"
    assert compact("İSTANBUL ıslam") == "istanbulislam"


def test_the_same_matches_as_the_full_alternation_on_varied_spellings() -> None:
    names = sorted({n.value for e in load_entities() for n in e.all_names() if len(n.value) >= 3})
    patterns = {name: _alias_pattern(name) for name in names}
    matcher = PhraseMatcher(patterns, WRAP, re.IGNORECASE)
    full = _full(patterns, re.IGNORECASE)
    rng = random.Random(7)

    def respell(name: str) -> str:
        # The spellings news text uses: other case, hyphens for spaces or none, apostrophes dropped.
        out = name.upper() if rng.random() < 0.3 else name
        out = out.replace(" ", rng.choice([" ", "-", "", "  "])) if rng.random() < 0.5 else out
        return out.replace("'", "") if rng.random() < 0.5 else out

    fillers = ["the", "banned", "also", "al", "and", "in 2024,", "(", ")", "-", "Hamass", "tal"]
    for _ in range(300):
        words = [respell(rng.choice(names)) if rng.random() < 0.4 else rng.choice(fillers) for _ in range(12)]
        text = rng.choice([" ", ", ", "-"]).join(words)
        assert _spans(matcher.finditer(text)) == _spans(full.finditer(text)), text


def test_exact_phrases_and_ones_starting_with_punctuation() -> None:
    patterns = {key: re.escape(key) for key in ("ISIL", "ISIL-K", "AQAP", "(AQIM)", "PKK", "P")}
    matcher = PhraseMatcher(patterns, WRAP)
    full = _full(patterns, 0)
    for text in ("ISIL-K and ISIL, not isil; AQAP's (AQIM) PKK-P", "P PKK", "xISIL ISILx", ""):
        assert _spans(matcher.finditer(text)) == _spans(full.finditer(text))
    assert [m.group(0) for m in matcher.finditer("ISIL-K and (AQIM)")] == ["ISIL-K", "(AQIM)"]


def test_a_text_with_no_candidate_compiles_nothing() -> None:
    matcher = PhraseMatcher({"Hamas": _alias_pattern("Hamas")}, WRAP, re.IGNORECASE)
    assert matcher.candidates("the weather in Oslo") == ()
    assert list(matcher.finditer("the weather in Oslo")) == []
    assert [m.group(0) for m in matcher.finditer("HAMAS and hamas")] == ["HAMAS", "hamas"]
