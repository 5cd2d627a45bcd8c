"""Benchmark: ingest every UN snapshot and the 2024-04 OFAC sdn.csv into a fresh SQLite database.

Prints records/s, the ratio of the whole ingest to a bare parse of the same files (lxml for XML,
the csv module for CSV; target <= 3x), the total time of the UN series including snapshot diffs
(target < 10 s on 2 cores), how that time splits between our adapter + identity + diff and
the store's write/timeline rebuild, and the ratio for a routine update (the last UN snapshot
imported onto the one before it).

    .venv/bin/python benchmarks/ingest.py [--lists ../shared/data/lists]
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from datetime import date
from pathlib import Path

from lxml import etree

from proscribe.ingest import core
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.sources.registry import parse_files, read_inputs
from proscribe.store import open_store

DEFAULT_LISTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    args = parser.parse_args()
    un_files = sorted((args.lists / "un-sc-consolidated").glob("*.xml"))
    sdn = args.lists / "us-ofac-sdn-csv" / "2024-04" / "sdn.csv"
    files = [*un_files, sdn]

    start = time.perf_counter()
    bare_records = bare_parse(files)
    bare = time.perf_counter() - start

    start = time.perf_counter()
    adapter_records = sum(len(parse_files("un-sc-consolidated", read_inputs([f])).records) for f in un_files)
    adapter_records += len(parse_files("us-ofac-sdn-csv", read_inputs([sdn])).records)
    adapters = time.perf_counter() - start

    write_time = 0.0
    original = core.ingest_batch

    def timed_ingest_batch(*a: object, **k: object) -> core.IngestReport:
        nonlocal write_time
        begun = time.perf_counter()
        try:
            return original(*a, **k)  # type: ignore[arg-type]
        finally:
            write_time += time.perf_counter() - begun

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        init_registry(store)
        import proscribe.ingest.lists as lists_module

        lists_module.ingest_batch = timed_ingest_batch  # measure the store's share of the time
        start = time.perf_counter()
        records = 0
        routine = 0.0
        for path in un_files:
            begun = time.perf_counter()
            records += ingest_list(store, "un-sc-consolidated", [path]).records
            routine = time.perf_counter() - begun  # the last one: a routine update of a held list
        un_total = time.perf_counter() - start
        un_write = write_time
        records += ingest_list(store, "us-ofac-sdn-csv", [sdn], snapshot_date=date(2024, 4, 10)).records
        total = time.perf_counter() - start
        lists_module.ingest_batch = original

    print(f"files: {len(un_files)} UN snapshots + OFAC 2024-04 sdn.csv; records ingested: {records}")
    print(f"bare lxml/csv parse: {bare:.2f} s ({bare_records} rows/elements)")
    print(f"adapters alone (hardened parse, records): {adapters:.2f} s ({adapter_records} records)")
    print(
        f"whole ingest: {total:.2f} s = {records / total:,.0f} records/s; "
        f"ratio to bare parse: {total / bare:.1f}x"
    )
    print(f"  of which store writes + timeline rebuilds (ingest_batch): {write_time:.2f} s")
    print(f"UN series incl. diffs: {un_total:.2f} s (target < 10 s); ingest_batch share {un_write:.2f} s")
    last = un_files[-1]
    start = time.perf_counter()
    bare_parse([last])
    last_bare = time.perf_counter() - start
    print(
        f"routine update (the {last.name} snapshot onto the one before): {routine:.2f} s = "
        f"{routine / last_bare:.1f}x its bare parse ({last_bare:.3f} s)"
    )


if __name__ == "__main__":
    main()
