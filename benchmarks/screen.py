"""Screening benchmark: proscribe's matcher side by side with nomenklatura's logic-v2 on the same candidates.

Index: every name (primary and a.k.a./f.k.a./n.k.a. from the remarks) of the 2024-04 OFAC SDN CSV plus
the bundled registry. Queries (default 10,000, fixed seed): exact aliases (list and registry, any
script), one- or two-character typos of names, reordered tokens, Cyrillic renderings of Latin names, and
non-matches (tokens of unrelated names recombined). For each query proscribe's index gives the
candidate names; proscribe ranks them (timed end to end, blocking included) and logic-v2 scores the same
candidate entities (timed for scoring only; the query gets the expected entity's schema, which helps it).

Times are CPU time of this process (time.process_time), so other load on the machine does not skew the
ratio; the cold start is given as wall and CPU time. Printed: queries/s, mean and p99 latency, recall@1
(right entity ranked first) overall and per variant,
false positives on non-matches at each system's threshold, the speed ratio, and proscribe's cold start
(import + parse + index, in a fresh process) and peak RSS.

With `--db URL` it also times single `proscribe screen NAME` calls in fresh processes against that
registry (wall time, median of `--repeat` runs): cold (`--no-cache`, and the first run into an empty cache
folder, which builds and writes it) and warm (the index and designations loaded from the cache), and
prints the cache files' sizes. `--single-only` runs only that part.

Usage: .venv/bin/python benchmarks/screen.py [--queries 10000] [--skip-nomenklatura]
       [--db sqlite:////tmp/qa-v5.db [--single-only] [--repeat 3]]
Needs the `bench` extra (nomenklatura) for the side-by-side part.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from proscribe.model import Entity, Name
from proscribe.screen.index import NameIndex
from proscribe.screen.match import CANDIDATES, DEFAULT_THRESHOLD, match
from proscribe.screen.normalise import normalise
from proscribe.sources.bundled import load_entities

REPO = Path(__file__).resolve().parents[1]
SDN = REPO.parent / "shared" / "data" / "lists" / "us-ofac-sdn-csv" / "2024-04" / "sdn.csv"
AKA = re.compile(r"\b[afn]\.k\.a\. '([^']+)'")
NK_THRESHOLD = 0.7
SINGLE_QUERY = "Hamas"
MIX = {"alias": 0.2, "typo": 0.3, "reorder": 0.15, "cyrillic": 0.15, "none": 0.2}
TO_CYRILLIC = [
    ("shch", "щ"), ("sh", "ш"), ("kh", "х"), ("ch", "ч"), ("ts", "ц"), ("zh", "ж"), ("ya", "я"),
    ("yu", "ю"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"),
    ("h", "х"), ("i", "и"), ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
    ("p", "п"), ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"),
    ("x", "кс"), ("y", "й"), ("z", "з"),
]  # fmt: skip
COLD_START = """
import resource, sys, time
t = time.perf_counter()
sys.path.insert(0, {bench!r})
from screen import load_sdn
from proscribe.screen.index import NameIndex
from proscribe.sources.bundled import load_entities
entities = load_sdn() + list(load_entities())
index = NameIndex.from_entities(entities)
usage = resource.getrusage(resource.RUSAGE_SELF)
print(time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, len(index))
"""


def load_sdn(path: Path = SDN) -> list[Entity]:
    """Entities of the OFAC SDN CSV: primary name plus the aliases written in the remarks column."""
    out = []
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 12 or not row[1].strip():
                continue
            aliases = tuple(Name(a.strip()) for a in AKA.findall(row[11]) if a.strip())
            kind = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}.get(row[2].strip())
            out.append(Entity(f"ofac-{row[0].strip()}", row[1].strip(), kind or "organisation", aliases))
    return out


def _typo(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.choice((1, 2))):
        letters = [i for i, c in enumerate(chars) if c.isalpha()]
        if len(letters) < 6:
            break
        i = rng.choice(letters[1:-1])
        action = rng.choice(("delete", "swap", "double", "replace"))
        if action == "delete":
            del chars[i]
        elif action == "swap" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif action == "double":
            chars.insert(i, chars[i])
        else:
            chars[i] = rng.choice("aeioukstnrl")
    return "".join(chars)


def _reorder(text: str, rng: random.Random) -> str:
    if "," in text:
        last, _, first = text.partition(",")
        return f"{first.strip()} {last.strip()}"
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def _cyrillic(text: str) -> str:
    out, lower, i = [], text.lower(), 0
    while i < len(lower):
        for latin, cyr in TO_CYRILLIC:
            if lower.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            out.append(lower[i])
            i += 1
    return "".join(out)


def make_queries(sdn: list[Entity], registry: list[Entity], n: int, seed: int) -> list[tuple[str, Any, str]]:
    """(query, expected entity id or None, variant) for `n` queries in the MIX proportions."""
    rng = random.Random(seed)
    with_alias = [e for e in sdn if e.names]
    latin = [e for e in sdn if len(e.name) >= 8]
    foreign = [(e.id, n.value) for e in registry for n in e.names if n.script != "Latn"]
    words = [w for e in sdn for w in e.name.replace(",", " ").split() if len(w) > 3]
    makers: dict[str, Callable[[], tuple[str, Any]]] = {
        "alias": lambda: (
            rng.choice(foreign)
            if rng.random() < 0.1
            else (lambda e: (e.id, rng.choice(e.names).value))(rng.choice(with_alias))
        ),
        "typo": lambda: (lambda e: (e.id, _typo(e.name, rng)))(rng.choice(latin)),
        "reorder": lambda: (lambda e: (e.id, _reorder(e.name, rng)))(rng.choice(latin)),
        "cyrillic": lambda: (lambda e: (e.id, _cyrillic(e.name)))(rng.choice(latin)),
        "none": lambda: (None, " ".join(rng.sample(words, rng.choice((2, 3))))),
    }
    queries = []
    for variant, share in MIX.items():
        for _ in range(round(n * share)):
            expected, text = makers[variant]()
            queries.append((text, expected, variant))
    rng.shuffle(queries)
    return queries


def run_proscribe(
    index: NameIndex, queries: list[tuple[str, Any, str]]
) -> tuple[list[float], list[Any], list[Any]]:
    """Latency (s), top entity and top score per query, end to end."""
    times, top, scores = [], [], []
    for text, _expected, _variant in queries:
        started = time.process_time()
        hits = match(index, text, threshold=0.0, limit=1)
        times.append(time.process_time() - started)
        top.append(hits[0].entity_id if hits else None)
        scores.append(hits[0].score if hits else 0.0)
    return times, top, scores


def run_logic_v2(
    index: NameIndex, entities: dict[str, Entity], queries: list[tuple[str, Any, str]]
) -> tuple[list[float], list[Any], list[Any], float]:
    """logic-v2 on the candidate entities proscribe's index gives each query (scoring time only)."""
    started = time.process_time()
    from followthemoney import model
    from nomenklatura.matching import LogicV2, ScoringConfig

    config = ScoringConfig.defaults()
    schema = {"person": "Person", "vessel": "Vessel", "aircraft": "Airplane"}
    cache: dict[str, Any] = {}

    def ftm(entity: Entity) -> Any:
        if entity.id not in cache:
            proxy = model.make_entity(schema.get(entity.kind, "Organization"))
            proxy.id = entity.id
            for name in entity.all_names():
                proxy.add("name", name.value)
            cache[entity.id] = proxy
        return cache[entity.id]

    warm = model.make_entity("Organization")
    warm.id = "warm"
    warm.add("name", "warm up")
    LogicV2.compare(warm, ftm(next(iter(entities.values()))), config)
    first_call = time.process_time() - started
    times, top, scores = [], [], []
    for number, (text, expected, _variant) in enumerate(queries):
        ids = dict.fromkeys(index.entries[n].entity_id for n in index.candidates(normalise(text), CANDIDATES))
        candidates = [ftm(entities[i]) for i in ids]
        query = model.make_entity(
            schema.get(entities[expected].kind, "Organization") if expected else "LegalEntity"
        )
        query.id = f"query-{number}"  # logic-v2 caches name analysis by entity id
        query.add("name", text)
        started = time.process_time()
        results = [(LogicV2.compare(query, c, config).score, c.id) for c in candidates]
        times.append(time.process_time() - started)
        best = max(results, default=(0.0, None))
        top.append(best[1])
        scores.append(best[0])
    return times, top, scores, first_call


def report(name: str, queries: list[tuple[str, Any, str]], run: tuple[Any, ...], threshold: float) -> float:
    """Print one system's figures; return its mean latency."""
    times, top, scores = run[0], run[1], run[2]
    mean = statistics.fmean(times)
    p99 = statistics.quantiles(times, n=100)[98]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_positive = 0
    for (_text, expected, variant), got, score in zip(queries, top, scores, strict=True):
        total[variant] += 1
        if expected is None:
            false_positive += score >= threshold
        elif got == expected:
            right[variant] += 1
    matched = sum(total[v] for v in total if v != "none")
    recall = sum(right.values()) / matched
    per_variant = ", ".join(f"{v} {right[v] / total[v]:.3f}" for v in MIX if v != "none")
    print(
        f"{name:10} {1 / mean:8.1f} q/s  mean {1000 * mean:6.2f} ms  p99 {1000 * p99:6.2f} ms  "
        f"recall@1 {recall:.3f} ({per_variant})  "
        f"non-matches >= {threshold}: {false_positive}/{total['none']}"
    )
    return mean


def _timed_screen(db: str, cache: Path, *extra: str) -> tuple[float, float]:
    """Wall and CPU time of one `proscribe screen` in a fresh process (CPU: less skewed by other load)."""
    env = {**os.environ, "PROSCRIBE_DB_URL": db, "PROSCRIBE_CACHE_DIR": str(cache)}
    command = [str(Path(sys.executable).with_name("proscribe")), "screen", SINGLE_QUERY, "--format", "json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*command, *extra], env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"proscribe screen failed: {done.stderr.strip()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def single_screen(db: str, repeat: int) -> None:
    """Print cold and warm times of a single `proscribe screen` against `db`, and the cache's size."""
    runs: dict[str, list[tuple[float, float]]] = {"cold": [], "first": [], "warm": []}
    size = {"index": 0, "designations": 0}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder) / "cache"
            runs["cold"].append(_timed_screen(db, cache, "--no-cache"))
            runs["first"].append(_timed_screen(db, cache))
            runs["warm"].extend(_timed_screen(db, cache) for _ in range(3))
            for path in cache.glob("*.bin"):
                size[path.name.split("-")[0]] = path.stat().st_size

    def median(kind: str) -> str:
        wall = statistics.median(w for w, _ in runs[kind])
        cpu = statistics.median(c for _, c in runs[kind])
        return f"{wall:.2f} s wall ({cpu:.2f} s CPU)"

    print(f"single screen {SINGLE_QUERY!r} in a fresh process, median of {repeat} (warm: {3 * repeat}):")
    print(f"  cold, --no-cache:                      {median('cold')}")
    print(f"  first run (builds, writes the cache):  {median('first')}")
    print(f"  warm (index and designations cached):  {median('warm')}")
    index, designations = size["index"] / 1e6, size["designations"] / 1e6
    print(f"  cache files: index {index:.1f} MB, designations {designations:.1f} MB")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-nomenklatura", action="store_true")
    parser.add_argument("--db", help="Also time single `proscribe screen` calls against this registry.")
    parser.add_argument("--single-only", action="store_true", help="Only the single-screen timing (--db).")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of the single-screen timing.")
    args = parser.parse_args()
    if args.db:
        single_screen(args.db, args.repeat)
        if args.single_only:
            return
    if not SDN.is_file():
        sys.exit(f"{SDN} is absent")
    cold = subprocess.run(
        [sys.executable, "-c", COLD_START.format(bench=str(Path(__file__).parent))],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    wall, cpu, rss, names = (float(x) for x in cold.stdout.split())
    print(
        f"cold start (import + parse SDN + index {names:.0f} names): {wall:.2f} s wall, {cpu:.2f} s CPU, ",
        end="",
    )
    print(f"peak RSS {rss:.0f} MB")
    sdn, registry = load_sdn(), list(load_entities())
    entities = {e.id: e for e in sdn + registry}
    index = NameIndex.from_entities(entities.values())
    queries = make_queries(sdn, registry, args.queries, args.seed)
    counts = Counter(v for _, _, v in queries)
    print(f"{len(queries)} queries: " + ", ".join(f"{v} {counts[v]}" for v in MIX))
    ours = report("proscribe", queries, run_proscribe(index, queries), DEFAULT_THRESHOLD)
    if args.skip_nomenklatura:
        return
    nk_run = run_logic_v2(index, entities, queries)
    theirs = report("logic-v2", queries, nk_run, NK_THRESHOLD)
    print(f"logic-v2 first call (reference data load): {nk_run[3]:.1f} s")
    print(f"speed ratio (logic-v2 scoring time / proscribe end-to-end time per query): {theirs / ours:.1f}x")
    candidates = defaultdict(int)
    for text, _expected, _variant in queries[:1000]:
        candidates[len(index.candidates(normalise(text), CANDIDATES))] += 1
    mean_candidates = sum(k * v for k, v in candidates.items()) / sum(candidates.values())
    print(f"candidate names per query (first 1000): mean {mean_candidates:.1f}, max {max(candidates)}")


if __name__ == "__main__":
    main()
