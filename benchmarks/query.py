"""Benchmark: status queries against the bundled database (target p99 < 5 ms) and one CLI call's wall time.

Runs 10,000 random in-process `query.status` calls (random entity, jurisdiction subset, day, and one
in ten with --as-of), prints p50/p99, then times the `proscribe status` process (target < 1 s) and,
when it is over, the slowest imports (python -X importtime). With `--changes`, it then imports
every UN snapshot and the three OFAC SDN sets in ../shared/data/lists and times a page of 50
`changes` in each order, first and deep (no target: each order should cost about the same).

    .venv/bin/python benchmarks/query.py [--queries N] [--changes]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from proscribe import query
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.store import Store, open_store

DEFAULT_LISTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--changes", action="store_true", help="also time pages of changes on a larger store")
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        store = open_store(url)
        init_registry(store)
        reader = store.reader()
        timelines = reader.timelines()
        pairs = sorted({(t.entity_id, t.jurisdiction) for t in timelines})
        timings: list[float] = []
        for index in range(args.queries):
            entity, code = rng.choice(pairs)
            day = date(1995, 1, 1) + timedelta(days=rng.randrange(11_500))
            as_of = day + timedelta(days=rng.randrange(400)) if index % 10 == 0 else None
            start = time.perf_counter()
            query.status(reader, entity, [code], day, as_of)
            timings.append((time.perf_counter() - start) * 1000)
        p50, p99 = statistics.median(timings), percentile(timings, 0.99)
        print(f"status queries: {len(timings)}  p50 {p50:.2f} ms  p99 {p99:.2f} ms  (target p99 < 5 ms)")

        script = Path(sys.executable).with_name("proscribe")
        env = {**os.environ, "PROSCRIBE_DB_URL": url}
        command = [str(script), "status", "Taliban", "--in", "RU", "--at", "2024-06-01"]
        walls = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
        wall = statistics.median(walls)
        print(f"`proscribe status` process wall time: median {wall * 1000:.0f} ms of 5  (target < 1000 ms)")
        if wall >= 1.0:
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", "import proscribe.cli"],
                capture_output=True,
                text=True,
            )
            rows = [line.split("|") for line in done.stderr.splitlines() if line.startswith("import time:")][
                1:
            ]
            slow = sorted(rows, key=lambda r: -int(r[1].strip()))[:15]
            print("slowest imports (cumulative us):")
            for row in slow:
                print(f"  {row[1].strip():>9}  {row[2].rstrip()}")
        if args.changes:
            time_changes_pages(store, args.lists)


# The OFAC SDN CSV sets held, with the day each was published.
SDN_SETS = (("2019-01", date(2019, 1, 15)), ("2021-07", date(2021, 7, 7)), ("2024-04", date(2024, 4, 10)))


def time_changes_pages(store: Store, lists: Path) -> None:
    """Median time of a page of 50 changes, first and halfway down, in each order `changes` reads."""
    for path in sorted((lists / "un-sc-consolidated").glob("*-??.xml")):
        ingest_list(store, "un-sc-consolidated", [path])
    for folder, day in SDN_SETS:
        ingest_list(store, "us-ofac-sdn-csv", sorted((lists / "us-ofac-sdn-csv" / folder).glob("*.csv")), day)
    reader = store.reader()
    start = date(1900, 1, 1)
    page = query.changes(reader, start, limit=1000)
    total = len(page["changes"])
    while page["next_cursor"]:
        page = query.changes(reader, start, limit=1000, cursor=page["next_cursor"])
        total += len(page["changes"])
    print(f"changes pages of 50 on {total:,} events (median of 30):")
    for order in ("oldest", "newest", "reported"):
        halfway = None
        for _ in range(total // 2000):
            halfway = query.changes(reader, start, limit=1000, cursor=halfway, order=order)["next_cursor"]
        line = []
        for label, cursor in (("first", None), ("halfway", halfway)):
            timings = []
            for _ in range(30):
                begun = time.perf_counter()
                query.changes(reader, start, limit=50, cursor=cursor, order=order)
                timings.append((time.perf_counter() - begun) * 1000)
            line.append(f"{label} {statistics.median(timings):.1f} ms")
        print(f"  order={order:<9} " + ", ".join(line))


if __name__ == "__main__":
    main()
