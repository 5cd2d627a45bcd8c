"""Which screening hits may be one entity: the suggested pairs no analyst has decided yet.

Each list's entry is an entity of its own until an analyst merges it with another (the linker never
joins people by name alone), so a person the UN and OFAC both list is two hits of one screening, or
one hit whose other entry, designated elsewhere, the filters left out. The identity layer suggests
such pairs (`proscribe.query.identity.undecided_pairs`: a shared identifier, or a shared name weighed
by the dates of birth and nationalities the lists state). A result row names the entities its hit
may be, strongest pair first, saying whether each is another hit of the same screening, so that an
analyst neither counts one person twice nor misses the other entry's designations. A pair judged
`same` has become one entity (one hit, nothing to say); one judged `distinct` is no longer suggested.

The pairs depend on the registry's content alone (not on the filters): the screening cache keeps
them per store and content hash, as it keeps the index.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from proscribe.query.identity import undecided_pairs
from proscribe.store import Reader

# How a bulk or table cell marks an entity that is another hit of the same name.
ALSO_A_HIT = " (also a hit)"


@dataclass(frozen=True, slots=True)
class Counterpart:
    """An entity a hit may be: its id and name, the evidence, and why they may be two after all."""

    entity_id: str
    name: str
    why: str
    cautions: tuple[str, ...]


# Entity id -> the entities it may be, strongest pair first.
Pairs = Mapping[str, Sequence[Counterpart]]


def pairs_from(suggestions: Iterable[Mapping[str, Any]]) -> dict[str, list[Counterpart]]:
    """Each entity's counterparts, from both sides of every pair, in the suggestions' (ranked) order."""
    out: dict[str, list[Counterpart]] = {}
    for suggestion in suggestions:
        entity, into = suggestion["entity"], suggestion["into"]
        why = str(suggestion["why"])
        cautions = tuple(str(caution) for caution in suggestion["cautions"])
        out.setdefault(str(entity["id"]), []).append(
            Counterpart(str(into["id"]), str(into["name"]), why, cautions)
        )
        out.setdefault(str(into["id"]), []).append(
            Counterpart(str(entity["id"]), str(entity["name"]), why, cautions)
        )
    return out


def read_pairs(reader: Reader) -> dict[str, list[Counterpart]]:
    """The registry's undecided pairs, each entity's strongest first (the ranking is memoised per
    content hash in `proscribe.query.identity`, so asking again over unchanged data is cheap)."""
    return pairs_from(undecided_pairs(reader))


def may_be_same_as(pairs: Pairs, entity_id: str, hits: Collection[str]) -> list[dict[str, Any]]:
    """A result row's `may_be_same_as`: the entities `entity_id` may be, strongest first, each with
    `in_results` (whether it is among `hits`, the entity ids of the same screening's results)."""
    return [
        {
            "entity_id": other.entity_id,
            "name": other.name,
            "in_results": other.entity_id in hits,
            "why": other.why,
            "cautions": list(other.cautions),
        }
        for other in pairs.get(entity_id, ())
    ]


def _cell_part(entity_id: str, in_results: bool, cautions: Sequence[str]) -> str:
    """One entity of a `may_be_same_as` cell: its id, whether it is also a hit, and the doubts about
    the pair in brackets (`gb-hmt-9304 (also a hit) [but their dates of birth differ (1955; 1962)]`),
    so a spreadsheet row says what the table's note and the JSON's `cautions` say."""
    doubts = f" [but {'; '.join(cautions)}]" if cautions else ""
    return entity_id + (ALSO_A_HIT if in_results else "") + doubts


def pairs_cell(pairs: Pairs, entity_id: str, hits: Collection[str]) -> str:
    """The same as one cell: `un-soi-009 (also a hit); gb-hmt-9301`, or empty (each with its
    cautions in brackets, if any)."""
    return "; ".join(
        _cell_part(other.entity_id, other.entity_id in hits, other.cautions)
        for other in pairs.get(entity_id, ())
    )


def cell_of(rows: Sequence[Mapping[str, Any]]) -> str:
    """A result row's `may_be_same_as` as one cell (as `pairs_cell` writes it)."""
    return "; ".join(
        _cell_part(str(row["entity_id"]), bool(row["in_results"]), [str(c) for c in row["cautions"]])
        for row in rows
    )
