"""Benchmark: ingest every UN snapshot and the 2024-04 OFAC sdn.csv into a fresh SQLite database.

Prints records/s, the ratio of the whole ingest to a bare parse of the same files (lxml for XML,
the csv module for CSV; target <= 3x), the total time of the UN series including snapshot diffs
(target < 10 s on 2 cores), and the ratio for a routine update (the last UN snapshot imported
onto the one before it).

It also measures the *write floor*: every INSERT / UPDATE / DELETE the ingest sent to SQLite is
recorded (with its parameters, as the driver got them) and replayed, file by file in one
transaction each, into a copy of the database as it was before the ingest. That is the time
SQLite itself needs for the rows the ingest must store, with no Python work at all; the rest of
the ingest is reading, linking, diffing and deriving. Timings are the best of several runs (the
machine is shared and noisy; both sides of each ratio are measured the same way).

    .venv/bin/python benchmarks/ingest.py [--lists ../shared/data/lists] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import event

from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.store import open_store

DEFAULT_LISTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"
SDN_DATE = date(2024, 4, 10)
Writes = list[list[tuple[str, Any, bool]]]  # per ingested file: (statement, parameters, executemany)


def bare_parse(paths: list[Path]) -> int:
    """Parse the files with no processing at all: the anchor the ingest is compared with."""
    count = 0
    for path in paths:
        data = path.read_bytes()
        if path.suffix == ".xml":
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
            count += sum(len(section) for section in root)
        else:
            count += sum(1 for _ in csv.reader(io.StringIO(data.decode("cp1252"))))
    return count


def best(runs: int, work: Callable[[], object]) -> float:
    """The shortest of `runs` timings of `work`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def ingest_all(
    folder: Path, un_files: list[Path], sdn: Path, writes: Writes | None = None
) -> dict[str, float]:
    """One full run into a fresh database under `folder`: timings of its parts (and the writes, if asked)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / 'bench.db'}{suffix}").unlink(missing_ok=True)
    store = open_store(f"sqlite:///{folder / 'bench.db'}")
    init_registry(store)
    store.dispose()
    shutil.copy(folder / "bench.db", folder / "before.db")
    if writes is not None:

        def record(
            _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
        ) -> None:
            if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
                writes[-1].append((statement, parameters, many))

        event.listen(store.engine, "before_cursor_execute", record)
    start = time.perf_counter()
    routine = 0.0
    records = 0
    for path in un_files:
        if writes is not None:
            writes.append([])
        begun = time.perf_counter()
        # The 2016 file is an excerpt: imported as the part of the list it is.
        partial = "excerpt" in path.name
        records += ingest_list(store, "un-sc-consolidated", [path], partial=partial).records
        routine = time.perf_counter() - begun  # the last one: a routine update of a held list
    un_total = time.perf_counter() - start
    if writes is not None:
        writes.append([])
    records += ingest_list(store, "us-ofac-sdn-csv", [sdn], snapshot_date=SDN_DATE).records
    # Closing counts: SQLite checkpoints what is left in the write-ahead log when the last
    # connection closes, as it does when an `ingest list` process ends.
    store.dispose()
    total = time.perf_counter() - start
    return {"total": total, "un": un_total, "routine": routine, "records": records}


def replay(folder: Path, writes: Writes) -> float:
    """Apply the recorded writes to a copy of the pre-ingest database, one transaction per file."""
    target = folder / "replay.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copy(folder / "before.db", target)
    conn = sqlite3.connect(target, isolation_level=None)
    # The store's own settings (proscribe.store.engine), so the comparison is like for like.
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "cache_size=-32768"):
        conn.execute(f"PRAGMA {pragma}")
    start = time.perf_counter()
    for transaction in writes:
        conn.execute("BEGIN")
        for statement, parameters, many in transaction:
            if many:
                conn.executemany(statement, parameters)
            else:
                conn.execute(statement, parameters)
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--runs", type=int, default=3, help="timed runs per measure (the best is kept)")
    args = parser.parse_args()
    un_files = sorted((args.lists / "un-sc-consolidated").glob("*.xml"))
    sdn = args.lists / "us-ofac-sdn-csv" / "2024-04" / "sdn.csv"
    files = [*un_files, sdn]

    bare_records = bare_parse(files)
    bare = best(args.runs * 2, lambda: bare_parse(files))
    last_bare = best(args.runs * 2, lambda: bare_parse(un_files[-1:]))

    runs: list[dict[str, float]] = []
    writes: Writes = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            runs.append(ingest_all(Path(folder), un_files, sdn, writes if run == 0 else None))
        floor = best(args.runs, lambda: replay(Path(folder), writes))
    total = min(r["total"] for r in runs)
    un_total = min(r["un"] for r in runs)
    routine = min(r["routine"] for r in runs)
    records = int(runs[0]["records"])
    statements = sum(len(t) for t in writes)
    rows = sum(len(p) if many else 1 for t in writes for _, p, many in t)

    print(f"files: {len(un_files)} UN snapshots + OFAC 2024-04 sdn.csv; records ingested: {records}")
    print(f"best of {args.runs} ingests, {args.runs * 2} bare parses")
    print(f"bare lxml/csv parse: {bare:.2f} s ({bare_records} rows/elements)")
    print(
        f"whole ingest: {total:.2f} s = {records / total:,.0f} records/s; "
        f"ratio to bare parse: {total / bare:.1f}x (target <= 3x)"
    )
    print(
        f"  write floor (SQLite alone replaying the ingest's {statements} write statements, "
        f"{rows} rows): {floor:.2f} s = {floor / bare:.1f}x bare parse"
    )
    print(f"  everything else (parsing, linking, diffing, deriving): {total - floor:.2f} s")
    print(f"UN series incl. diffs: {un_total:.2f} s (target < 10 s)")
    print(
        f"routine update (the {un_files[-1].name} snapshot onto the one before): {routine:.3f} s = "
        f"{routine / last_bare:.1f}x its bare parse ({last_bare:.3f} s)"
    )


if __name__ == "__main__":
    main()
