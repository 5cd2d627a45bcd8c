"""Benchmark: a bounded HTTP load on loopback against `proscribe serve` (one worker, SQLite).

Mixed read workload (40% status, 25% timeline, 20% search, 15% matrix) with random entities,
jurisdictions and days, so most requests are distinct (about one in three repeats an earlier URL).
Two phases, each a fixed number of requests with a time cap: reads alone, then reads while official
list snapshots are ingested in parallel by `proscribe ingest list` (the UN consolidated lists in
../shared when present, else the repository's small UN fixtures). Prints throughput and p50/p99.
Target: >= 200 requests/s, p99 < 50 ms and zero errors in both phases.

    .venv/bin/python benchmarks/api_load.py [--requests N] [--duration S] [--concurrency C]

Only 127.0.0.1 is contacted; every loop is bounded by count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parents[1]
PROSCRIBE = str(Path(sys.executable).with_name("proscribe"))
SHARED_UN = REPO.parent / "shared" / "data" / "lists" / "un-sc-consolidated"
FIXTURE_UN = REPO / "tests" / "fixtures" / "lists" / "un"
CODES = ["RU", "KZ", "KG", "TJ", "UZ", "TR", "US", "GB", "CA", "UN", "EU", "AU", "IN", "DE", "FR"]
SEARCHES = [
    "tal",
    "Талибан",
    "طالبان",
    "hamas",
    "hay",
    "Hezbollah",
    "al-Q",
    "ИГИЛ",
    "wagner",
    "PKK",
    "lashkar",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def workload(rng: random.Random, entities: list[str], count: int) -> list[str]:
    """`count` request paths drawn from the mix (status, timeline, search, matrix)."""
    start = date(2000, 1, 1)

    def day() -> str:
        return (start + timedelta(days=rng.randrange(9500))).isoformat()

    def codes() -> str:
        return "".join(f"&in={c}" for c in rng.sample(CODES, rng.randrange(0, 3)))

    paths = []
    for _ in range(count):
        roll = rng.random()
        entity = rng.choice(entities)
        if roll < 0.40:
            paths.append(f"/api/status?entity={entity}&at={day()}{codes()}")
        elif roll < 0.65:
            paths.append(f"/api/timeline?entity={entity}{codes()}")
        elif roll < 0.85:
            paths.append(f"/api/entities?q={quote(rng.choice(SEARCHES))}")
        else:
            other = rng.choice(entities)
            paths.append(f"/api/matrix?entity={entity}&entity={other}&at={day()}{codes()}")
    return paths


async def run(
    port: int, paths: list[str], concurrency: int, duration: float
) -> tuple[list[tuple[float, str]], int, float]:
    """Send `paths` over `concurrency` keep-alive connections until done or `duration` s.

    The client is a minimal HTTP/1.1 reader on asyncio streams (status line, Content-Length, body),
    so on a 2-core machine it takes as little CPU as possible from the server it measures.
    Returns (latency, path) samples, the number of errors (non-200 or broken connection) and the elapsed time.
    """
    samples: list[tuple[float, str]] = []
    errors = 0
    queue = iter(paths)
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for path in queue:
                if time.perf_counter() > deadline:
                    return
                began = time.perf_counter()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                samples.append((time.perf_counter() - began, path))
                if not head.startswith(b"HTTP/1.1 200 "):
                    errors += 1
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            errors += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples, errors, time.perf_counter() - began


def report(name: str, samples: list[tuple[float, str]], errors: int, elapsed: float) -> bool:
    """Print throughput, p50/p99 overall and p99 per endpoint; True when the targets are met."""
    latencies = [latency for latency, _ in samples]
    rate = len(latencies) / elapsed
    p50, p99 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.99) * 1000
    ok = rate >= 200 and p99 < 50 and errors == 0
    print(
        f"{name:<20} {len(latencies):>6} req in {elapsed:6.2f} s  {rate:7.1f} req/s  "
        f"p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  errors {errors}  "
        f"[{'meets' if ok else 'MISSES'} >=200 req/s, p99 < 50 ms, 0 errors]"
    )
    by_kind: dict[str, list[float]] = {}
    for latency, path in samples:
        by_kind.setdefault(path.split("?")[0], []).append(latency)
    print(
        "    p99 by endpoint: "
        + ", ".join(
            f"{kind} {percentile(values, 0.99) * 1000:.1f} ms" for kind, values in sorted(by_kind.items())
        )
    )
    return ok


def ingest_files() -> list[Path]:
    # Whole snapshots only (`*-??.xml`): the 2016 excerpt is part of the list, imported with --partial.
    files = sorted(SHARED_UN.glob("un-consolidated_*-??.xml")) if SHARED_UN.is_dir() else []
    return files or sorted(FIXTURE_UN.glob("*.xml"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=4000, help="requests per phase")
    parser.add_argument("--duration", type=float, default=60.0, help="time cap per phase, seconds")
    parser.add_argument("--concurrency", type=int, default=4, help="keep-alive connections")
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PROSCRIBE_DB_URL": f"sqlite:///{Path(folder) / 'bench.db'}"}
        subprocess.run([PROSCRIBE, "init"], env=env, check=True, capture_output=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [PROSCRIBE, "serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    entities = [
                        e["id"] for e in httpx.get(f"{base}/api/entities", trust_env=False).json()["entities"]
                    ]
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                raise SystemExit("proscribe serve did not start")
            print(f"proscribe serve, 1 worker, SQLite; {args.concurrency} concurrent connections on loopback")
            print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run")
            asyncio.run(run(port, workload(rng, entities, 200), args.concurrency, args.duration))  # warm-up
            results = [
                report(
                    "reads",
                    *asyncio.run(
                        run(port, workload(rng, entities, args.requests), args.concurrency, args.duration)
                    ),
                )
            ]
            files = ingest_files()
            loader = subprocess.Popen(
                [PROSCRIBE, "ingest", "list", "un-sc-consolidated", *map(str, files)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            samples, errors, elapsed = asyncio.run(
                run(port, workload(rng, entities, args.requests), args.concurrency, args.duration)
            )
            still_running = loader.poll() is None
            loader.wait(timeout=600)
            if loader.returncode != 0:
                print(f"ingest failed: {loader.stderr.read().decode()[-500:] if loader.stderr else ''}")
            outcome = "outlasted" if still_running else "ended during"
            print(f"(ingesting {len(files)} UN snapshot(s); the ingest {outcome} the load phase)")
            results.append(report("reads during ingest", samples, errors, elapsed))
        finally:
            server.terminate()
            server.wait(timeout=10)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
