"""A candidate index over every name of every entity, built once, so a query scores a few dozen names.

Blocking keys per identifying token: the token itself ("t:"), its consonant skeleton ("s:", for spellings
across scripts), its character trigrams ("g:") and, for tokens of DELETE_MIN letters or more, the token
and every one-letter deletion of it ("d:", the symmetric-deletion scheme: a query token looks up its own
text and its deletions among the indexed tokens' texts and deletions, so an insertion (hasan / hassan),
a deletion, a substitution (cotsar / costar meet at "cosar") or a swap of neighbours always meets); plus
the whole-name skeleton ("k:"). A word may be written as two (نصر الله, Nasrallah), and the scorer lets two
neighbouring query words meet one word across scripts, and compares names joined (`compact`); so two
neighbouring identifying words are also filed joined, under the joined text ("j:") and its skeleton
("c:", from three consonants), which a query word looks up besides its own keys, and a query looks its
neighbouring words up joined among the indexed words ("t:", "s:"): the two spellings meet either way
round. Keys shared by more than `MAX_POSTINGS` names (per kind) are too common to block on.

Choosing which names go on to full scoring: each query token finds, per indexed name, its best key (an
exact token beats a one-edit key, which beats a skeleton, which beats shared trigrams); the names are then
ranked by an estimate of the score itself - the rarity-weighted share of the query's tokens found (two
neighbouring words found joined count as both, at that key's quality), and
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
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import accumulate, chain

from proscribe.model import Entity
from proscribe.screen.aliases import AliasGraph, distinct_pairs
from proscribe.screen.normalise import (
    NormalName,
    Token,
    joinable,
    normalise,
    skeleton,
    skeleton_consonants,
)
from proscribe.screen.score import WEAK_WEIGHT, token_weights

# Keys shared by more names than this are too common to block on (per key kind).
MAX_POSTINGS = {"t": 3000, "s": 1500, "g": 100, "d": 400, "k": 1500, "j": 3000, "c": 1500}
MIN_RARITY_WEIGHT = 0.5
DELETE_MIN = 4
JOINED_SKELETON_MIN = 3
# How much of a query token a key kind says was found (trigrams: times the share of its trigrams shared).
_KEY_QUALITY = {"t": 1.0, "d": 0.9, "s": 0.85, "g": 0.7, "j": 1.0, "c": 0.85}
_BLEND = 0.6  # weight of the smaller coverage in the estimate (the scorer uses 0.45-0.7 by kind)
_SKELETON_ESTIMATE = 0.9  # a name whose whole skeleton equals the query's...
_SKELETON_MIN = 5  # ...when that skeleton has this many consonants ('mdl' is too short to mean much)
_EXACT = "x:"  # prefix of the exact-key postings (not a blocking key: every name has one, never too common)
_BISECT_LOOKUPS = 5000  # key lookups before a dict of the keys is built (about 30 queries)
_INDEX_TYPE = "I"  # unsigned, at least 4 bytes on every platform proscribe runs on (checked by the cache)


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


def joined_pairs(name: NormalName) -> Iterator[tuple[int, Token]]:
    """(position of the first, the two read as one word) for each two neighbouring words that may be one
    word written apart (`joinable`, as the scorer joins them: at most one weak, Hizb Allah ~ Hizballah;
    neither a number nor an initial). Only the joined word's text and skeleton are filled in: they are
    all its keys need."""
    tokens = name.tokens
    for at in range(len(tokens) - 1):
        first, second = tokens[at], tokens[at + 1]
        if joinable(first, second):
            text = first.text + second.text
            yield at, Token(text, skeleton(text))


def _pair_skeleton(first: Token, second: Token, joined: Token) -> bool:
    """Whether two words' joined skeleton is worth a key: JOINED_SKELETON_MIN consonants or more, and more
    than either word has alone (Muhammad Yahya joined is 'mmd', Muhammad's own: it would find every name
    holding Muhammad next to a word without consonants, as if it were Muhammad written apart)."""
    consonants = skeleton_consonants(joined.skeleton)
    return consonants >= JOINED_SKELETON_MIN and consonants > max(
        skeleton_consonants(first.skeleton), skeleton_consonants(second.skeleton)
    )


def joined_keys(first: Token, second: Token, joined: Token) -> set[str]:
    """The keys two neighbouring words are filed under joined: the text ("j:") and the skeleton ("c:",
    see `_pair_skeleton`). A query word looks up "j:" + its text and "c:" + its skeleton too, to meet a
    name that writes it as two words."""
    keys = {"j:" + joined.text}
    if _pair_skeleton(first, second, joined):
        keys.add("c:" + joined.skeleton)
    return keys


def one_word_keys(first: Token, second: Token, joined: Token) -> set[str]:
    """The keys two neighbouring query words look up joined, among the indexed words ("t:", "s:")."""
    keys = {"t:" + joined.text}
    if _pair_skeleton(first, second, joined):
        keys.add("s:" + joined.skeleton)
    return keys


def split_keys(token: Token) -> set[str]:
    """The keys a query word looks up to meet a name that writes it as two words ("j:", "c:")."""
    keys = {"j:" + token.text}
    if skeleton_consonants(token.skeleton) >= JOINED_SKELETON_MIN:
        keys.add("c:" + token.skeleton)
    return keys


def blocking_keys(name: NormalName) -> set[str]:
    """The keys a name is filed under (and a query looks up)."""
    keys: set[str] = set()
    for token in name.strong:
        keys |= token_keys(token)
        if token.reading is not None:  # a final ة before another word, read t (Jabhat)
            keys |= token_keys(token.reading)
    for at, joined in joined_pairs(name):
        keys |= joined_keys(name.tokens[at], name.tokens[at + 1], joined)
    if len(name.skeleton) >= 3:
        keys.add("k:" + name.skeleton)
    return keys


@dataclass(frozen=True, slots=True)
class IndexParts:
    """Everything a `NameIndex` holds, as flat lists of strings and typed arrays.

    This is what the on-disk cache (`proscribe.screen.cache`) stores: strings and arrays load in
    milliseconds, where unpickling tens of thousands of dataclasses takes seconds. The names themselves
    are kept as written (`originals`) and normalised again only when a query makes them candidates.
    """

    entity_ids: list[str]  # per entity (an entity is an (id, canonical name, kind) triple)
    entity_names: list[str]
    kinds: list[str]
    owners: array[int]  # per entry: the number of its entity
    originals: list[str]  # per entry: the name as written
    keys: list[str]  # blocking keys too common to use left out, plus "x:" + each exact key, sorted
    offsets: array[int]  # per key: where its entry numbers start in `postings` (and one past the last)
    postings: array[int]  # entry numbers, ascending per key
    tokens: list[str]  # every token text of every name...
    rarity: array[float]  # ...and its rarity weight
    strong_weight: array[float]  # per entry: the summed weight of its identifying tokens


class _Entries:
    """The entries of an index by number, each normalised the first time it is asked for."""

    __slots__ = ("_index",)

    def __init__(self, index: NameIndex) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index.parts.originals)

    def __getitem__(self, number: int) -> Entry:
        return self._index.entry(number)

    def __iter__(self) -> Iterator[Entry]:
        return (self._index.entry(number) for number in range(len(self)))


class _Weights:
    """The scorer's token weights of each entry's name, computed the first time they are asked for."""

    __slots__ = ("_index",)

    def __init__(self, index: NameIndex) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index.parts.originals)

    def __getitem__(self, number: int) -> tuple[float, ...]:
        return self._index.name_weights(number)


class _ExactOwners(Mapping[str, frozenset[str]]):
    """Exact name key -> the entities holding a name with that key (the alias graph's `by_key`)."""

    def __init__(self, index: NameIndex) -> None:
        self._index = index

    def __getitem__(self, key: str) -> frozenset[str]:
        numbers = self._index.postings(_EXACT + key)
        if numbers is None:
            raise KeyError(key)
        return frozenset(self._index.entity_id(number) for number in numbers)

    def __iter__(self) -> Iterator[str]:
        return (key[len(_EXACT) :] for key in self._index.parts.keys if key.startswith(_EXACT))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class NameIndex:
    """Every name of every entity, with blocking postings and token rarities; names normalised on demand.

    Built from entries (`from_entities`), every name is normalised once to file its keys; loaded from
    `IndexParts` (the screening cache), a name is normalised again only when a query makes it a
    candidate. Both give the same answers: normalisation is deterministic, and the cache is keyed on
    the code and data that do it.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        built = list(entries)
        self._setup(_build_parts(built))
        self._entries: list[Entry | None] = list(built)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> NameIndex:
        """Index every name (canonical, aliases, former names, translations) of every entity."""
        return cls(_entries(entities))

    @classmethod
    def from_parts(cls, parts: IndexParts) -> NameIndex:
        """An index over `parts` (as another index's `parts` gave them); ValueError if they do not fit."""
        size, entities = len(parts.originals), len(parts.entity_ids)
        if not (
            len(parts.owners) == len(parts.strong_weight) == size
            and len(parts.entity_names) == len(parts.kinds) == entities
            and len(parts.offsets) == len(parts.keys) + 1
            and len(parts.tokens) == len(parts.rarity)
            and (not parts.offsets or (parts.offsets[0] == 0 and parts.offsets[-1] == len(parts.postings)))
            and (not parts.owners or max(parts.owners) < entities)
        ):
            # (The entry numbers in `postings` are not checked one by one here - 30 ms on a large index:
            # the cache's digest vouches for them.)
            raise ValueError("index parts do not fit together")
        index = cls.__new__(cls)
        index._setup(parts)
        index._entries = [None] * size
        return index

    def _setup(self, parts: IndexParts) -> None:
        self.parts = parts
        # Key -> its number: a dict once many lookups are coming (bulk, a server); until then a binary
        # search of the sorted keys, which costs nothing to set up (a single screening's lookups are few).
        self._slots: dict[str, int] | None = None
        self._lookups = 0
        self._rarity = dict(zip(parts.tokens, parts.rarity, strict=True))
        self._weights: dict[int, tuple[float, ...]] = {}
        self.entries = _Entries(self)
        self.weights = _Weights(self)
        self.aliases = AliasGraph(by_key=_ExactOwners(self), distinct=distinct_pairs())

    def __len__(self) -> int:
        return len(self.parts.originals)

    def entry(self, number: int) -> Entry:
        """Indexed name `number`, with its entity (normalised now if it was not yet)."""
        found = self._entries[number]
        if found is None:
            parts = self.parts
            owner = parts.owners[number]
            name = normalise(parts.originals[number])
            found = Entry(parts.entity_ids[owner], parts.entity_names[owner], parts.kinds[owner], name)
            self._entries[number] = found
        return found

    def entity_id(self, number: int) -> str:
        """The entity id of indexed name `number` (without normalising the name)."""
        return self.parts.entity_ids[self.parts.owners[number]]

    def name_weights(self, number: int) -> tuple[float, ...]:
        """The scorer's token weights of indexed name `number` (computed once)."""
        found = self._weights.get(number)
        if found is None:
            found = self._weights[number] = token_weights(self.entry(number).name, self.weight)
        return found

    def postings(self, key: str) -> array[int] | None:
        """The entry numbers filed under `key`, ascending; None for a key unknown or too common to use."""
        slots = self._slots
        if slots is None:
            self._lookups += 1
            if self._lookups > _BISECT_LOOKUPS:
                slots = self.hash_keys()
        if slots is not None:
            slot = slots.get(key)
            if slot is None:
                return None
        else:
            keys = self.parts.keys
            slot = bisect_left(keys, key)
            if slot == len(keys) or keys[slot] != key:
                return None
        offsets = self.parts.offsets
        return self.parts.postings[offsets[slot] : offsets[slot + 1]]

    def hash_keys(self) -> dict[str, int]:
        """Look keys up in a dict from now on (built once; bulk screening builds it before forking, so
        its workers share it)."""
        if self._slots is None:
            self._slots = dict(zip(self.parts.keys, range(len(self.parts.keys)), strict=True))
        return self._slots

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
        return self.candidate_sets(query, limit, allowed)[0]

    def candidate_sets(
        self,
        query: NormalName,
        limit: int = 40,
        allowed: Collection[str] | None = None,
        others: int = 0,
    ) -> tuple[list[int], list[int]]:
        """`candidates`, and with `others` also the entries of entities outside `allowed` worth scoring.

        The second list (empty without `allowed` or `others`) holds the exact-key entries of entities
        `allowed` leaves out, then their best `others` by the same estimate: what a screening without
        the filter would have scored first, so that a strong match the filter hides can be said to
        exist. The keys are looked up once for both lists; the first is what `candidates` returns.
        """
        found: dict[int, float] = {}  # entry -> rarity-weighted share of the query's tokens found in it
        # entry -> what else of the entry's own words a query word accounts for: found there written as
        # two words, it covers both (the estimate's share of the name's own words)
        own_extra: dict[int, float] = {}
        total = 0.0
        tokens = {token.text: token for token in query.strong}
        qualities: dict[str, dict[int, float]] = {}  # token text -> entry -> how well it was found there
        for text in sorted(tokens):  # sorted: the same sums in every process
            token = tokens[text]
            weight = self.weight(token) if not token.weak else 1.0
            total += weight
            by_kind: dict[str, list[array[int]]] = {"g": [], "s": [], "d": [], "t": [], "c": [], "j": []}
            keys = token_keys(token) | split_keys(token)
            if token.reading is not None:  # a final ة before another word, read t (Jabhat)
                keys |= token_keys(token.reading)
            for key in sorted(keys):
                ids = self.postings(key)
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
            for kind in ("c", "j"):  # the word written as two in the name
                value = _KEY_QUALITY[kind]
                for ids in by_kind[kind]:
                    for number in ids:
                        if value >= quality.get(number, 0.0):
                            quality[number] = value
                            if weight * value > own_extra.get(number, 0.0):
                                own_extra[number] = weight * value
            qualities[text] = quality
            if found:
                for number, value in quality.items():
                    found[number] = found.get(number, 0.0) + weight * value
            else:
                found = {number: weight * value for number, value in quality.items()}
        for number, gain in self._joined_gains(query, qualities).items():
            found[number] = found.get(number, 0.0) + gain
        sure = list(self.postings(_EXACT + query.key) or ())
        near: set[int] = set()
        if len(query.skeleton) >= _SKELETON_MIN:
            same = self.postings("k:" + query.skeleton)
            if same is not None and len(same) <= MAX_POSTINGS["k"]:
                near = set(same)
                for number in same:
                    found.setdefault(number, 0.0)
        outside: dict[int, float] = {}
        sure_outside: list[int] = []
        if allowed is not None:
            entity_ids, owners = self.parts.entity_ids, self.parts.owners
            kept = {}
            for number, value in found.items():
                if entity_ids[owners[number]] in allowed:
                    kept[number] = value
                elif others:
                    outside[number] = value
            found = kept
            sure_outside = [n for n in sure if others and entity_ids[owners[n]] not in allowed]
            sure = [n for n in sure if entity_ids[owners[n]] in allowed]
        best = heapq.nlargest(limit, self._estimates(found, own_extra, total, near))
        chosen = sure + [-n for _, n in best if -n not in sure]
        if not outside and not sure_outside:
            return chosen, []
        best_outside = heapq.nlargest(others, self._estimates(outside, own_extra, total, near))
        return chosen, sure_outside + [-n for _, n in best_outside if -n not in sure_outside]

    def _estimates(
        self, found: dict[int, float], own_extra: dict[int, float], total: float, near: set[int]
    ) -> list[tuple[float, int]]:
        """(estimated score, -entry) of each entry found: the rarity-weighted share of the query's
        tokens it holds, blended with the share of its own tokens that accounts for; an entry whose
        whole-name skeleton is the query's is estimated at least _SKELETON_ESTIMATE."""
        # Inlined: this loop runs over every name any key found.
        strong_weight, low, high, inverse = self.parts.strong_weight, _BLEND, 1 - _BLEND, 1 / total
        estimates = []
        for number, matched in found.items():
            own = (matched + own_extra.get(number, 0.0)) / strong_weight[number]
            if own > 1.0:
                own = 1.0
            share = matched * inverse
            estimate = low * own + high * share if own < share else low * share + high * own
            estimates.append((estimate, -number))
        if near:
            estimates = [(max(e, _SKELETON_ESTIMATE) if -n in near else e, n) for e, n in estimates]
        return estimates

    def _joined_gains(self, query: NormalName, qualities: dict[str, dict[int, float]]) -> dict[int, float]:
        """Per entry, what finding two neighbouring query words joined adds to finding them one by one.

        Two words found joined are both found, at the key's quality; an entry keeps its best such gain
        (pairs overlap: of 'a b c', 'ab' and 'bc' cannot both hold).
        """
        gains: dict[int, float] = {}
        tokens = query.tokens
        strong = {token.text for token in query.strong}

        def weight(token: Token) -> float:
            if token.text not in strong:
                return 0.0
            return 1.0 if token.weak else self.weight(token)

        for at, joined in joined_pairs(query):
            first, second = tokens[at], tokens[at + 1]
            if first.text == second.text:
                continue
            # As the query's weight counts them: a weak word not at all (unless every word is weak).
            weights = weight(first), weight(second)
            quality: dict[int, float] = {}
            for key in sorted(one_word_keys(first, second, joined)):  # "t:" after "s:": the better wins
                ids = self.postings(key)
                if ids is not None and len(ids) <= MAX_POSTINGS[key[0]]:
                    quality.update(dict.fromkeys(ids, _KEY_QUALITY[key[0]]))
            one, two = qualities.get(first.text, {}), qualities.get(second.text, {})
            for number, value in quality.items():
                apart = weights[0] * one.get(number, 0.0) + weights[1] * two.get(number, 0.0)
                gain = (weights[0] + weights[1]) * value - apart
                if gain > gains.get(number, 0.0):
                    gains[number] = gain
        return gains


def _rarity_weight(df: int, size: int) -> float:
    rarity = math.log((size + 1) / (df + 1)) / (math.log(size + 1) / 2)
    return MIN_RARITY_WEIGHT + (1 - MIN_RARITY_WEIGHT) * min(1.0, max(0.0, rarity))


def _build_parts(entries: list[Entry]) -> IndexParts:
    """File every entry under its blocking keys and exact key; count token rarities."""
    postings: defaultdict[str, list[int]] = defaultdict(list)
    token_df: Counter[str] = Counter()
    entities: dict[tuple[str, str, str], int] = {}
    owners = array(_INDEX_TYPE)
    for number, entry in enumerate(entries):
        for key in blocking_keys(entry.name):
            postings[key].append(number)
        postings[_EXACT + entry.name.key].append(number)
        token_df.update({t.text for t in entry.name.tokens})
        owners.append(entities.setdefault((entry.entity_id, entry.entity_name, entry.kind), len(entities)))
    size = max(1, len(entries))
    rarity = {text: _rarity_weight(df, size) for text, df in token_df.items()}
    strong_weight = array(
        "d",
        (
            max(1e-9, sum(rarity.get(t.text, 1.0) if not t.weak else 1.0 for t in entry.name.strong))
            for entry in entries
        ),
    )
    # Keys too common to block on are never looked at: leaving them out changes nothing but the size.
    limits = {**MAX_POSTINGS, "x": len(entries)}
    keys = sorted([key for key, ids in postings.items() if len(ids) <= limits[key[0]]])
    lists = [postings[key] for key in keys]
    offsets = array(_INDEX_TYPE, accumulate(map(len, lists), initial=0))
    tokens = sorted(rarity)
    return IndexParts(
        entity_ids=[key[0] for key in entities],
        entity_names=[key[1] for key in entities],
        kinds=[key[2] for key in entities],
        owners=owners,
        originals=[entry.name.original for entry in entries],
        keys=keys,
        offsets=offsets,
        postings=array(_INDEX_TYPE, chain.from_iterable(lists)),
        tokens=tokens,
        rarity=array("d", (rarity[text] for text in tokens)),
        strong_weight=strong_weight,
    )


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
