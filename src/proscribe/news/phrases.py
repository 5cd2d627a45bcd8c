"""Match many phrases in short texts quickly: one alternation per text, over the phrases it could hold.

A single regular expression alternating every name of a large registry (tens of thousands of names
once official lists are imported) takes seconds to compile, and every news import would pay that.
Yet a text can hold only the phrases whose first characters it has: a phrase's pattern matches
only where the text, read from a word's start with spaces, hyphens and apostrophes left out and
case folded, begins with the phrase read the same way (`compact`). So phrases are indexed by the
first `PREFIX` characters of that reading, and a text is matched with an alternation of its
candidates alone, compiled once per set of candidates (and cached).

The candidates keep the order of the full alternation (longest phrase first), so at each position
the phrase that matches is the one the full alternation would match: no phrase outside the set
can match anywhere in the text, and the order among those inside it is the same.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator, Mapping

# How many compacted characters index a phrase: enough to tell most names apart by their start.
PREFIX = 8
# Folded alike by the `re` module's IGNORECASE matching, though not by str.casefold.
_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


_LEFT_OUT_RUN = re.compile(r"[\s\-']+")


def compact(text: str) -> str:
    """The text with spaces, hyphens and apostrophes left out, case folded: how the index reads it."""
    return _LEFT_OUT_RUN.sub("", text.translate(_DOTTED_I)).casefold()


# Where a phrase's match may begin: not after a word character, and not on a space or hyphen (the
# patterns begin with a word, or an apostrophe they let vanish).
_PHRASE_START = re.compile(r"(?<!\w)[^\s-]")
# The runs of a text its reading keeps.
_KEPT = re.compile(r"[^\s\-']+")


class PhraseMatcher:
    """Finds phrases given as regular expressions, each keyed by the literal phrase it stands for.

    `patterns` maps a phrase to its pattern; a pattern must match only text whose `compact` reading
    starts with the phrase's (its words may be joined by spaces or hyphens, or not at all; its
    apostrophes may be left out; a suffix may follow). `wrap` turns the alternation into the
    expression searched, e.g. adding word-boundary guards, and `flags` are its flags.
    """

    def __init__(self, patterns: Mapping[str, str], wrap: str, flags: int = 0) -> None:
        order = sorted(patterns, key=len, reverse=True)
        self._patterns = [patterns[phrase] for phrase in order]
        self._wrap = wrap
        self._flags = flags
        self._by_prefix: dict[str, list[int]] = {}
        for rank, phrase in enumerate(order):
            key = compact(phrase)[:PREFIX]
            self._by_prefix.setdefault(key, []).append(rank)
        self._lengths = sorted({len(key) for key in self._by_prefix})
        self._compile = functools.lru_cache(maxsize=512)(self._alternation)

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches the full alternation would give, in order."""
        ranks = self.candidates(text)
        if not ranks:
            return iter(())
        return self._compile(ranks).finditer(text)

    def candidates(self, text: str) -> tuple[int, ...]:
        """The ranks of the phrases that could match somewhere in `text`."""
        # The text's reading (`compact`) is built once, piece by piece, so that where each piece
        # begins in it is known; a start inside a piece is found from the piece's own reading.
        pieces = [(m.start(), m.group(0)) for m in _KEPT.finditer(text.translate(_DOTTED_I))]
        if not pieces:
            return ()
        begins = [begin for begin, _ in pieces]
        readings = [piece.casefold() for _, piece in pieces]
        offsets = list(itertools.accumulate((len(r) for r in readings[:-1]), initial=0))
        reading = "".join(readings)
        found: set[int] = set()
        for start in _PHRASE_START.finditer(text):
            at = start.start()
            index = bisect.bisect_right(begins, at) - 1
            if index < 0:
                continue
            begin, piece = pieces[index]
            inner = at - begin
            if inner >= len(piece):
                continue  # an apostrophe between pieces: the next piece's own start covers it
            if inner and len(readings[index]) != len(piece):
                inner = len(piece[:inner].casefold())
            window = reading[offsets[index] + inner : offsets[index] + inner + PREFIX]
            for length in self._lengths:
                if length > len(window):
                    break
                hit = self._by_prefix.get(window[:length])
                if hit is not None:
                    found.update(hit)
        return tuple(sorted(found))

    def _alternation(self, ranks: tuple[int, ...]) -> re.Pattern[str]:
        body = "|".join(self._patterns[rank] for rank in ranks)
        return re.compile(self._wrap.replace("{}", body), self._flags)
