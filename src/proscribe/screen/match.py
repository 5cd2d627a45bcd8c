"""Rank the entities of an index against one query name: alias graph first, then scored candidates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from proscribe.errors import InputError
from proscribe.screen.aliases import DISTINCT_CAP
from proscribe.screen.index import NameIndex
from proscribe.screen.normalise import NormalName, normalise
from proscribe.screen.score import Memo, compare, similarity, token_weights

DEFAULT_THRESHOLD = 0.8
DEFAULT_LIMIT = 10
CANDIDATES = 40
MAX_QUERY_CHARS = 400  # longer text is not a name; refusing it keeps the token alignment small


@dataclass(frozen=True, slots=True)
class Hit:
    """One entity matching a query: its best-scoring name, the score and why."""

    entity_id: str
    name: str
    matched_name: str
    score: float
    detail: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "entity_id": self.entity_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": self.score,
            "detail": self.detail,
        }


def _tie_break(query: NormalName, text: str, name: NormalName) -> tuple[bool, bool, float]:
    """Which of an entity's equally scored names explains a hit, so that it names what was screened.

    Several names of one entity can score 1.0 (Al Zawahiri Ayman and Ayman Al Zawahiri, reordered, for
    "Ayman al-Zawahiri"): first the name whose normalised key is the query's (an exact alias), then a name
    in the query's script (Талибан for a Cyrillic query, Taliban for a Latin one), then the spelling as
    written closest to the query's (Levenshtein similarity; the query's own spelling is 1.0).
    """
    return (
        name.key == query.key,
        name.script == query.script,
        Levenshtein.normalized_similarity(name.original, text),
    )


def match(
    index: NameIndex,
    text: str,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    allowed: Collection[str] | None = None,
) -> list[Hit]:
    """Entities scoring at least `threshold` for `text`, best first (ties by entity id), at most `limit`.

    `allowed`, when given, restricts the result to those entity ids (the designation filter).
    Raises InputError for text longer than MAX_QUERY_CHARS.
    """
    return rank(index, text, threshold, limit, allowed)[0]


def rank(
    index: NameIndex,
    text: str,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = DEFAULT_LIMIT,
    allowed: Collection[str] | None = None,
    outside: int = 0,
) -> tuple[list[Hit], list[Hit]]:
    """`match`'s hits, and with `outside` the entities `allowed` left out that score at least
    `threshold` too, best first (their `detail` left empty: only their being there is reported).

    Those are looked for among the `outside` best candidates the filter took away (and any whose
    name is the query's exactly), so saying that a strong match was not shown costs a few scores,
    not a second screening; a filtered-out entity the index ranks lower is not found.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"a name to screen has at most {MAX_QUERY_CHARS} characters, got {len(text)}")
    query = normalise(text)
    if not query.tokens:
        return [], []
    owners = index.aliases.owners(query)
    held = index.aliases.held_apart(owners)
    memo: Memo = {}
    query_weights = token_weights(query, index.weight)
    chosen, others = index.candidate_sets(query, CANDIDATES, allowed, outside if allowed is not None else 0)

    def best_names(numbers: list[int]) -> list[tuple[float, int]]:
        """Per entity its best name's (score, entry number) scoring at least `threshold`, best first."""
        # Per entity: the best name's (score, tie-break, entry number); see _tie_break.
        best: dict[str, tuple[float, tuple[bool, bool, float], int]] = {}
        for number in numbers:
            entry = index.entries[number]
            value = similarity(query, entry.name, entry.kind, (query_weights, index.weights[number]), memo)
            if entry.entity_id in held:
                value = min(value, DISTINCT_CAP)
            current = best.get(entry.entity_id)
            if current is not None and value < current[0]:
                continue  # (most names lose on the score: the tie-break is not worth computing for them)
            tie = _tie_break(query, text, entry.name)
            # Names equal on all of that: the one indexed first, whatever order the candidates came in.
            if current is None or (value, tie, -number) > (current[0], current[1], -current[2]):
                best[entry.entity_id] = (value, tie, number)
        return sorted(
            ((value, number) for value, _tie, number in best.values() if value >= threshold),
            key=lambda item: (-item[0], index.entries[item[1]].entity_id),
        )

    hits = []
    for value, number in best_names(chosen)[:limit]:
        entry = index.entries[number]
        detail = compare(query, entry.name, entry.kind, index.weight).detail
        reason = held.get(entry.entity_id)
        if reason is not None:
            detail = f"{detail}; {reason}"
        hits.append(Hit(entry.entity_id, entry.entity_name, entry.name.original, value, detail))
    hidden = []
    for value, number in best_names(others) if others else []:
        entry = index.entries[number]
        hidden.append(Hit(entry.entity_id, entry.entity_name, entry.name.original, value, ""))
    return hits, hidden
