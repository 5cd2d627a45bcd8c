"""Rank the entities of an index against one query name: alias graph first, then scored candidates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from proscribe.errors import InputError
from proscribe.screen.aliases import DISTINCT_CAP
from proscribe.screen.index import NameIndex
from proscribe.screen.normalise import normalise
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
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"a name to screen has at most {MAX_QUERY_CHARS} characters, got {len(text)}")
    query = normalise(text)
    if not query.tokens:
        return []
    owners = index.aliases.owners(query)
    held = index.aliases.held_apart(owners)
    # Per entity: (score, same spelling as the query, same script, -entry number) - ties go to the
    # name written as the query was, then to a name in the query's script, then to the first indexed.
    best: dict[str, tuple[float, bool, bool, int]] = {}
    memo: Memo = {}
    query_weights = token_weights(query, index.weight)
    for number in index.candidates(query, CANDIDATES, allowed):
        entry = index.entries[number]
        value = similarity(query, entry.name, entry.kind, (query_weights, index.weights[number]), memo)
        if entry.entity_id in held:
            value = min(value, DISTINCT_CAP)
        rank = (value, entry.name.original == text, entry.name.script == query.script, -number)
        current = best.get(entry.entity_id)
        if current is None or rank > current:
            best[entry.entity_id] = rank
    ranked = sorted(
        ((rank[0], -rank[3]) for rank in best.values() if rank[0] >= threshold),
        key=lambda item: (-item[0], index.entries[item[1]].entity_id),
    )
    hits = []
    for value, number in ranked[:limit]:
        entry = index.entries[number]
        detail = compare(query, entry.name, entry.kind, index.weight).detail
        reason = held.get(entry.entity_id)
        if reason is not None:
            detail = f"{detail}; {reason}"
        hits.append(Hit(entry.entity_id, entry.entity_name, entry.name.original, value, detail))
    return hits
