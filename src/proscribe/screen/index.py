"""A candidate index over every name of every entity, built once, so a query scores a few dozen names.

Blocking keys per identifying token: the token itself ("t:"), its consonant skeleton ("s:", for spellings
across scripts), its character trigrams ("g:") and, for tokens of DELETE_MIN letters or more, the token
and every one-letter deletion of it ("d:", the symmetric-deletion scheme: a query token looks up its own
text and its deletions among the indexed tokens' texts and deletions, so an insertion (hasan / hassan),
a deletion, a substitution (cotsar / costar meet at "cosar") or a swap of neighbours always meets); plus
the whole-name skeleton ("k:"). Keys shared by more than `MAX_POSTINGS` names (per kind) are too common
to block on.

Choosing which names go on to full scoring: each query token finds, per indexed name, its best key (an
exact token beats a one-edit key, which beats a skeleton, which beats shared trigrams); the names are then
ranked by an estimate of the score itself - the rarity-weighted share of the query's tokens found, and
the share of the name's own tokens they account for, blended as the scorer blends its two coverages. So
a name made of the query's words, one misspelt, outranks a longer name that contains a common word of
the query exactly (Hassan Al-Tikriti before Noor Barzan Ibrahim Hasan Al-Tikriti for "Hasan Al-Tikriti"),
and a common token cannot starve a rare one: a name sharing nothing but "Muhammed" covers little of
"Wali Muhammed". The best `limit` names go on to full scoring; names whose exact key equals the query's
always do, and one whose whole-name skeleton (of five consonants or more) equals the query's is ranked
as a near match. Token document frequencies also give the rarity weights used by the scorer.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from proscribe.model import Entity
from proscribe.screen.aliases import AliasGraph
from proscribe.screen.normalise import NormalName, Token, normalise
from proscribe.screen.score import WEAK_WEIGHT, token_weights

# Keys shared by more names than this are too common to block on (per key kind).
MAX_POSTINGS = {"t": 3000, "s": 1500, "g": 100, "d": 400, "k": 1500}
MIN_RARITY_WEIGHT = 0.5
DELETE_MIN = 4
# How much of a query token a key kind says was found (trigrams: times the share of its trigrams shared).
_KEY_QUALITY = {"t": 1.0, "d": 0.9, "s": 0.85, "g": 0.7}
_BLEND = 0.6  # weight of the smaller coverage in the estimate (the scorer uses 0.45-0.7 by kind)
_SKELETON_ESTIMATE = 0.9  # a name whose whole skeleton equals the query's...
_SKELETON_MIN = 5  # ...when that skeleton has this many consonants ('mdl' is too short to mean much)


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


def token_keys(token: Token) -> set[str]:
    """The keys one identifying token is filed under (and looks up)."""
    text = token.text
    keys = {"t:" + text}
    if len(token.skeleton) >= 2:
        keys.add("s:" + token.skeleton)
    if len(text) >= 3:
        keys.update("g:" + gram for gram in _trigrams(text))
    if not token.number:
        if len(text) >= DELETE_MIN - 1:
            keys.add("d:" + text)
        if len(text) >= DELETE_MIN:
            keys.update("d:" + text[:i] + text[i + 1 :] for i in range(len(text)))
    return keys


def blocking_keys(name: NormalName) -> set[str]:
    """The keys a name is filed under (and a query looks up)."""
    keys: set[str] = set()
    for token in name.strong:
        keys |= token_keys(token)
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
        # Per name: the summed rarity weight of its identifying tokens (the estimate's denominator).
        self._strong_weight = [
            max(1e-9, sum(self.weight(t) if not t.weak else 1.0 for t in entry.name.strong))
            for entry in self.entries
        ]
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

        Entries whose exact key equals the query's come first, then the best `limit` by estimated score
        (ties: first indexed first); a whole-name skeleton equal to the query's counts as a near match.
        """
        found: dict[int, float] = {}  # entry -> rarity-weighted share of the query's tokens found in it
        total = 0.0
        tokens = {token.text: token for token in query.strong}
        for text in sorted(tokens):  # sorted: the same sums in every process
            token = tokens[text]
            weight = self.weight(token) if not token.weak else 1.0
            total += weight
            by_kind: dict[str, list[list[int]]] = {"g": [], "s": [], "d": [], "t": []}
            keys = token_keys(token)
            for key in sorted(keys):
                ids = self._postings.get(key)
                if ids is not None and len(ids) <= MAX_POSTINGS[key[0]]:
                    by_kind[key[0]].append(ids)
            # Each name keeps the best key of this token: trigrams first, overwritten by better kinds.
            per_gram = _KEY_QUALITY["g"] / max(1, sum(1 for key in keys if key[0] == "g"))
            grams = Counter(chain.from_iterable(by_kind["g"]))
            quality = {number: per_gram * shared for number, shared in grams.items()}
            for kind in ("s", "d", "t"):
                value = _KEY_QUALITY[kind]
                for ids in by_kind[kind]:
                    quality.update(dict.fromkeys(ids, value))
            if found:
                for number, value in quality.items():
                    found[number] = found.get(number, 0.0) + weight * value
            else:
                found = {number: weight * value for number, value in quality.items()}
        sure = self._exact.get(query.key, [])
        if allowed is not None:
            sure = [n for n in sure if self.entries[n].entity_id in allowed]
        near: set[int] = set()
        if len(query.skeleton) >= _SKELETON_MIN:
            same = self._postings.get("k:" + query.skeleton, [])
            if len(same) <= MAX_POSTINGS["k"]:
                near = set(same)
                for number in same:
                    found.setdefault(number, 0.0)
        if allowed is not None:
            entries = self.entries
            found = {n: v for n, v in found.items() if entries[n].entity_id in allowed}
        # The estimate, inlined (this loop runs over every name any key found).
        strong_weight, low, high, inverse = self._strong_weight, _BLEND, 1 - _BLEND, 1 / total
        estimates = []
        for number, matched in found.items():
            own = matched / strong_weight[number]
            if own > 1.0:
                own = 1.0
            share = matched * inverse
            estimate = low * own + high * share if own < share else low * share + high * own
            estimates.append((estimate, -number))
        if near:
            estimates = [(max(e, _SKELETON_ESTIMATE) if -n in near else e, n) for e, n in estimates]
        best = heapq.nlargest(limit, estimates)
        return sure + [-n for _, n in best if -n not in sure]


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
