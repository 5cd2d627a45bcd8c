"""The alias graph: which entities a name is a known alias of, decided before any string similarity.

A query whose normalised form equals a known name of an entity (in any script: Daesh, داعش and ISIL all
belong to `isil`) identifies that entity outright. Entities declared distinct in data/screen/aliases.yaml
(the Taliban and Tehrik-e-Taliban Pakistan; al-Qaeda and the neo-Nazi "The Base") are then held apart:
when the query is an exact alias of one, the look-alike other cannot score above `DISTINCT_CAP`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from proscribe.errors import DataError
from proscribe.screen.normalise import NormalName, data_file
from proscribe.vocab import YAML_LOADER

DISTINCT_CAP = 0.5


@cache
def distinct_pairs() -> dict[str, dict[str, str]]:
    """The bundled distinct pairs (data/screen/aliases.yaml), loaded once."""
    return load_distinct(data_file("aliases.yaml"))


def load_distinct(path: Path) -> dict[str, dict[str, str]]:
    """Load an aliases file: entity id -> {distinct entity id: reason}, made symmetric."""
    where = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{where}: cannot read: {exc}") from exc
    if not isinstance(data, dict) or set(data) - {"distinct"}:
        raise DataError(f"{where}: expected a mapping with the key 'distinct'")
    entries = data.get("distinct") or []
    if not isinstance(entries, list):
        raise DataError(f"{where}: 'distinct' must be a list")
    out: dict[str, dict[str, str]] = {}
    for number, entry in enumerate(entries, start=1):
        if (
            not isinstance(entry, list)
            or len(entry) != 3
            or not all(isinstance(part, str) and part.strip() for part in entry)
        ):
            raise DataError(f"{where}: distinct entry {number} must be [entity id, entity id, reason]")
        first, second, reason = entry
        if first == second:
            raise DataError(f"{where}: distinct entry {number} names {first!r} twice")
        if second in out.get(first, {}):
            raise DataError(f"{where}: distinct entry {number} ({first}, {second}) is listed twice")
        out.setdefault(first, {})[second] = reason
        out.setdefault(second, {})[first] = reason
    return out


@dataclass
class AliasGraph:
    """Exact alias keys -> entity ids, and the pairs of entities that must never be merged."""

    by_key: Mapping[str, Collection[str]] = field(default_factory=dict)
    distinct: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, names: Iterable[tuple[str, NormalName]]) -> AliasGraph:
        """Build from (entity id, normalised name) pairs and the bundled distinct pairs."""
        by_key: dict[str, set[str]] = {}
        for entity_id, name in names:
            if name.key:
                by_key.setdefault(name.key, set()).add(entity_id)
        return cls(by_key, distinct_pairs())

    def owners(self, query: NormalName) -> frozenset[str]:
        """The entities that have the query as one of their names (usually zero or one)."""
        return frozenset(self.by_key.get(query.key, ()))

    def held_apart(self, owners: frozenset[str]) -> dict[str, str]:
        """Entities declared distinct from an owner of the query (and not owners themselves) -> detail."""
        out: dict[str, str] = {}
        for owner in sorted(owners):
            for other, reason in self.distinct.get(owner, {}).items():
                if other not in owners and other not in out:
                    out[other] = f"query is a known alias of '{owner}', held apart from '{other}': {reason}"
        return out
