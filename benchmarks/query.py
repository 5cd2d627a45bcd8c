"""Benchmark: status queries against the bundled database (target p99 < 5 ms) and one CLI call's wall time.

Runs 10,000 random in-process `query.status` calls (random entity, jurisdiction subset, day, and one
in ten with --as-of), prints p50/p99, then times the `proscribe status` process (target < 1 s) and,
when it is over, the slowest imports (python -X importtime).

    .venv/bin/python benchmarks/query.py [--queries N]
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
from proscribe.store import open_store


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=10_000)
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


if __name__ == "__main__":
    main()
