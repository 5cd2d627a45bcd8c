"""A candidate index over every name of every entity, built once, so a query scores a few dozen names.

Blocking keys per identifying token: the token itself ("t:"), its consonant skeleton ("s:", for spellings
across scripts), its character trigrams ("g:") and, for tokens of DELETE_MIN letters or more, every
one-letter deletion ("d:", so "cotsar" and "costar" meet at "cosar": one edit or swap apart); plus the
whole-name skeleton ("k:").
A query collects the names sharing its keys, each key weighted by its rarity (inverse document
frequency); keys shared by more than `MAX_POSTINGS` names (per kind) are too common to block on.
The best `limit` names go on to full scoring; names whose exact key equals the query's always do.
Token document frequencies also give the rarity weights used by the scorer.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from proscribe.model import Entity
from proscribe.screen.aliases import AliasGraph
from proscribe.screen.normalise import NormalName, Token, normalise
from proscribe.screen.score import WEAK_WEIGHT, token_weights

# Keys shared by more names than this are too common to block on (per key kind).
MAX_POSTINGS = {"t": 3000, "s": 1500, "g": 100, "d": 400, "k": 1500}
MIN_RARITY_WEIGHT = 0.5
DELETE_MIN = 5
_KEY_WEIGHT = {"t": 1.0, "s": 0.8, "g": 0.25, "d": 0.6, "k": 1.0}


@dataclass(frozen=True, slots=True)
class Entry:
    """One indexed name: the entity it belongs to, the entity's canonical name and kind."""

    entity_id: str
    entity_name: str
    kind: str
    name: NormalName


def _trigrams(text: str) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def blocking_keys(name: NormalName) -> set[str]:
    """The keys a name is filed under (and a query looks up)."""
    keys: set[str] = set()
    for token in name.strong:
        keys.add("t:" + token.text)
        if len(token.skeleton) >= 2:
            keys.add("s:" + token.skeleton)
        if len(token.text) >= 3:
            keys.update("g:" + gram for gram in _trigrams(token.text))
        if len(token.text) >= DELETE_MIN and not token.number:
            text = token.text
            keys.update("d:" + text[:i] + text[i + 1 :] for i in range(len(text)))
    if len(name.skeleton) >= 3:
        keys.add("k:" + name.skeleton)
    return keys


class NameIndex:
    """Every name of every entity, normalised once, with blocking postings and token rarities."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: list[Entry] = list(entries)
        postings: dict[str, list[int]] = {}
        token_df: dict[str, int] = {}
        for number, entry in enumerate(self.entries):
            for key in blocking_keys(entry.name):
                postings.setdefault(key, []).append(number)
            for text in {t.text for t in entry.name.tokens}:
                token_df[text] = token_df.get(text, 0) + 1
        self._postings = postings
        self._size = max(1, len(self.entries))
        self._rarity = {text: self._rarity_weight(df) for text, df in token_df.items()}
        self.aliases = AliasGraph.build((e.entity_id, e.name) for e in self.entries)
        # Token weights of every indexed name, computed once (the scorer's candidate side).
        self.weights = [token_weights(entry.name, self.weight) for entry in self.entries]
        self._exact: dict[str, list[int]] = {}
        for number, entry in enumerate(self.entries):
            self._exact.setdefault(entry.name.key, []).append(number)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> NameIndex:
        """Index every name (canonical, aliases, former names, translations) of every entity."""
        return cls(_entries(entities))

    def __len__(self) -> int:
        return len(self.entries)

    def _rarity_weight(self, df: int) -> float:
        rarity = math.log((self._size + 1) / (df + 1)) / (math.log(self._size + 1) / 2)
        return MIN_RARITY_WEIGHT + (1 - MIN_RARITY_WEIGHT) * min(1.0, max(0.0, rarity))

    def weight(self, token: Token) -> float:
        """Rarity weight of a token: weak tokens WEAK_WEIGHT; common tokens down to MIN_RARITY_WEIGHT.

        Weights of indexed tokens are computed once at build; a token no name has is as rare as can be (1).
        """
        if token.weak:
            return WEAK_WEIGHT
        return self._rarity.get(token.text, 1.0)

    def candidates(
        self, query: NormalName, limit: int = 40, allowed: Collection[str] | None = None
    ) -> list[int]:
        """Entry numbers worth scoring for `query` (of `allowed` entities only, when given).

        Entries whose exact key equals the query's come first, then the best `limit` by blocking votes.
        """
        votes: defaultdict[int, float] = defaultdict(float)
        for key in sorted(blocking_keys(query)):  # sorted: the same sums in every process
            ids = self._postings.get(key)
            if ids is None or len(ids) > MAX_POSTINGS[key[0]]:
                continue
            vote = _KEY_WEIGHT[key[0]] * math.log((self._size + 1) / len(ids))
            for number in ids:
                votes[number] += vote
        exact = self._exact.get(query.key, [])
        if allowed is not None:
            exact = [n for n in exact if self.entries[n].entity_id in allowed]
            votes = defaultdict(
                float, {n: v for n, v in votes.items() if self.entries[n].entity_id in allowed}
            )
        best = heapq.nlargest(limit, votes.items(), key=itemgetter(1))  # ties: first voted first
        return exact + [n for n, _ in best if n not in exact]


def _entries(entities: Iterable[Entity]) -> Iterator[Entry]:
    for entity in entities:
        seen: set[tuple[str, str]] = set()
        for name in entity.all_names():
            normal = normalise(name.value)
            # Spellings that normalise alike are kept once per script, so a result can show the
            # spelling in the query's script (Талибан for a Cyrillic query, Taliban for a Latin one).
            if not normal.tokens or (normal.key, normal.script) in seen:
                continue
            seen.add((normal.key, normal.script))
            yield Entry(entity.id, entity.name, entity.kind, normal)
