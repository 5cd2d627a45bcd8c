"""Evaluate screening on labelled name pairs (the nomenklatura name-bench CSV format), two ways.

Input columns: case_group, schema, name1, name2, is_match (true/false); others are ignored. `schema`
Person is scored as a person, anything else (Company, Organization, LegalEntity, Vessel) as an
organisation.

- The pair scorer: each pair scored bare, as `score.compare` does: unit token weights (no corpus
  rarity) and no alias graph.
- Through the index, as `proscribe screen` works: every distinct second name becomes an entity of one
  index, beside the bundled registry's organisations (their names in every script: the competition a
  real registry gives); each first name is screened against it (`match.match`: candidate blocking,
  rarity weights, the alias graph), and the pair's score is the one its second name's entity got, or 0
  when blocking never offered it as a candidate (counted: what the pair figures cannot see).

The report gives precision, recall and F1 at the chosen threshold and at the threshold that maximises
F1 on the file, so the file's own optimum is visible but never silently used.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from proscribe.errors import FormatError, InputError
from proscribe.model.entity import Entity, EntityKind, Name
from proscribe.screen.index import NameIndex
from proscribe.screen.match import MAX_QUERY_CHARS, match
from proscribe.screen.normalise import normalise
from proscribe.screen.score import compare
from proscribe.sources.bundled import load_entities
from proscribe.sources.textio import utf8_text

REQUIRED = ("schema", "name1", "name2", "is_match")
_BOOL = {"true": True, "false": False, "1": True, "0": False}


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled pair."""

    line: int
    group: str
    kind: str
    name1: str
    name2: str
    is_match: bool


@dataclass(frozen=True, slots=True)
class Metrics:
    """Precision, recall and F1 at one threshold."""

    threshold: float
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    tn: int

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "threshold": self.threshold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
        }


def read_pairs(path: Path) -> Iterator[Pair]:
    """Read labelled pairs, naming the file and line of anything malformed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    with io.StringIO(utf8_text(data, str(path)), newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise FormatError(f"{path}: missing columns {missing} (need {list(REQUIRED)})")
            for row in reader:
                line = reader.line_num
                label = (row["is_match"] or "").strip().lower()
                if label not in _BOOL:
                    raise FormatError(f"{path}: line {line}: is_match must be true or false, got {label!r}")
                kind = "person" if (row["schema"] or "").strip() == "Person" else "organisation"
                yield Pair(line, row.get("case_group") or "", kind, row["name1"], row["name2"], _BOOL[label])
        except csv.Error as exc:  # a cell over the csv module's size limit, say
            raise FormatError(f"{path}: line {reader.reader.line_num}: {exc}") from None


def metrics(scored: list[tuple[float, bool]], threshold: float) -> Metrics:
    """Confusion counts and P/R/F1 when a pair counts as a match at score >= threshold."""
    tp = sum(1 for score, label in scored if score >= threshold and label)
    fp = sum(1 for score, label in scored if score >= threshold and not label)
    fn = sum(1 for score, label in scored if score < threshold and label)
    tn = len(scored) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Metrics(threshold, precision, recall, f1, tp, fp, fn, tn)


def best_metrics(scored: list[tuple[float, bool]]) -> Metrics:
    """The metrics at the threshold (0.01 steps) that maximises F1; ties go to the one nearest 0.5."""
    return max(
        (metrics(scored, step / 100) for step in range(1, 100)), key=lambda m: (m.f1, -abs(m.threshold - 0.5))
    )


def evaluate(path: Path, threshold: float) -> dict[str, Any]:
    """Score every pair of `path` by the pair scorer and through the index: metrics at `threshold` and best.

    The best threshold is searched in 0.01 steps, for each way separately.
    """
    pairs = list(read_pairs(path))
    if not pairs:
        raise FormatError(f"{path}: no pairs")
    started = time.perf_counter()
    scored = [(compare(normalise(p.name1), normalise(p.name2), p.kind).value, p.is_match) for p in pairs]
    elapsed = time.perf_counter() - started
    chosen = metrics(scored, threshold)
    groups: dict[str, list[tuple[float, bool]]] = {}
    for pair, item in zip(pairs, scored, strict=True):
        groups.setdefault(pair.group, []).append(item)
    return {
        "file": str(path),
        "scope": SCOPE,
        "pairs": len(pairs),
        "matches": sum(1 for p in pairs if p.is_match),
        "ms_per_pair": round(1000 * elapsed / len(pairs), 4),
        "at_threshold": chosen.as_dict(),
        "best": best_metrics(scored).as_dict(),
        "groups": {name: _group(items, threshold) for name, items in sorted(groups.items())},
        "through_index": through_index(pairs, threshold),
    }


def _bench_entities(pairs: list[Pair]) -> dict[tuple[str, str], Entity]:
    """One entity per distinct (second name, kind) of the pairs, numbered in file order."""
    entities: dict[tuple[str, str], Entity] = {}
    for pair in pairs:
        key = (pair.name2, pair.kind)
        if key in entities or not normalise(pair.name2).tokens:
            continue
        kind: EntityKind = "person" if pair.kind == "person" else "organisation"
        entities[key] = Entity(
            id=f"bench-{len(entities) + 1}", name=pair.name2, kind=kind, names=(Name(pair.name2, "primary"),)
        )
    return entities


def through_index(pairs: list[Pair], threshold: float) -> dict[str, Any]:
    """Screen each pair's first name against an index of every second name and the bundled registry.

    A pair scores what its second name's entity scored among the query's hits: 0 when that entity
    was not among them, which for a match is a loss of the candidate blocking (`not_offered`).
    """
    targets = _bench_entities(pairs)
    registry = load_entities()
    index = NameIndex.from_entities([*targets.values(), *registry])
    everyone = len(targets) + len(registry)
    started = time.perf_counter()
    scored: list[tuple[float, bool]] = []
    not_offered = 0
    for pair in pairs:
        target = targets.get((pair.name2, pair.kind))
        hits = match(index, pair.name1, 0.0, everyone) if len(pair.name1) <= MAX_QUERY_CHARS else []
        score = next((hit.score for hit in hits if target is not None and hit.entity_id == target.id), None)
        if score is None and pair.is_match:
            not_offered += 1
        scored.append((score or 0.0, pair.is_match))
    elapsed = time.perf_counter() - started
    return {
        "scope": INDEX_SCOPE,
        "entities": everyone,
        "names": len(index.entries),
        "ms_per_query": round(1000 * elapsed / len(pairs), 4),
        "not_offered": not_offered,
        "at_threshold": metrics(scored, threshold).as_dict(),
        "best": best_metrics(scored).as_dict(),
    }


def _group(items: list[tuple[float, bool]], threshold: float) -> dict[str, Any]:
    """Per case group: how many pairs, and the share of them decided right at the threshold."""
    right = sum(1 for score, label in items if (score >= threshold) == label)
    return {
        "pairs": len(items),
        "matches": sum(1 for _, label in items if label),
        "accuracy": right / len(items),
    }


SCOPE = (
    "pair scorer only: each pair is scored directly, without the candidate index (blocking) that "
    "`proscribe screen` goes through; the `through the index` lines measure that path"
)
INDEX_SCOPE = (
    "each first name screened as `proscribe screen` does, against one index of every distinct second "
    "name and the bundled registry; a pair scores what its second name's entity got (0 if not offered)"
)


def summary_lines(report: dict[str, Any]) -> list[str]:
    """Human-readable report, ending with the `P=... R=... F1=...` line for the chosen threshold."""
    chosen, best = report["at_threshold"], report["best"]
    groups = [
        f"  {name}: {g['pairs']} pairs ({g['matches']} matches), {g['accuracy']:.3f} decided right"
        for name, g in report["groups"].items()
    ]
    return [
        f"{report['file']}: {report['pairs']} pairs ({report['matches']} matches), "
        f"{report['ms_per_pair']} ms per pair",
        f"scope: {report['scope']}",
        f"best threshold {best['threshold']:.2f}: P={best['precision']:.3f} R={best['recall']:.3f} "
        f"F1={best['f1']:.3f}",
        f"threshold {chosen['threshold']:.2f}: tp={chosen['tp']} fp={chosen['fp']} fn={chosen['fn']} "
        f"tn={chosen['tn']}; by case group:",
        *groups,
        *_index_lines(report["through_index"]),
        f"P={chosen['precision']:.3f} R={chosen['recall']:.3f} F1={chosen['f1']:.3f}",
    ]


def _index_lines(found: dict[str, Any]) -> list[str]:
    chosen, best = found["at_threshold"], found["best"]
    return [
        f"through the index ({found['entities']} entities, {found['names']} names; "
        f"{found['ms_per_query']} ms per query): threshold {chosen['threshold']:.2f}: "
        f"P={chosen['precision']:.3f} R={chosen['recall']:.3f} F1={chosen['f1']:.3f}; best threshold "
        f"{best['threshold']:.2f}: P={best['precision']:.3f} R={best['recall']:.3f} F1={best['f1']:.3f}; "
        f"{found['not_offered']} matches never offered as candidates",
    ]
