"""Check that one list's snapshot series tells the same history whatever order it is imported in.

Snapshots may come in any order (docs/sources.md, Snapshots and diffs): imported in date order or
shuffled, the series must derive the same timelines. This imports the series into a fresh SQLite
store in date order, then in `--orders` seeded random orders, and compares, per (entity, list),
the intervals, the events (without claim ids), the conflicts and the state on every snapshot day.
It prints each difference and exits 1 if there is any.

Identity across sources is another matter (scripts/identity_orders.py): this imports one source,
so every record links to the same entity in every order and the timelines compare directly.

    .venv/bin/python scripts/series_orders.py [--lists ../shared/data/lists] [--orders N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.model import Timeline
from proscribe.store import open_store

DEFAULT_LISTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"
SOURCE = "un-sc-consolidated"
History = dict[tuple[str, str], tuple[Any, ...]]


def snapshot_day(path: Path) -> date:
    """The day a UN file's name gives (`un-consolidated_2017-06-30.xml`, `..._excerpt.xml`)."""
    return date.fromisoformat(path.stem.removesuffix("_excerpt").rsplit("_", 1)[1])


def history(timeline: Timeline, days: list[date]) -> tuple[Any, ...]:
    """What a timeline tells, without the claim ids (which depend on the snapshot a claim came from)."""
    intervals = tuple(
        (i.state, i.start.iso() if i.start else None, i.end.iso() if i.end else None, i.note)
        for i in timeline.intervals
    )
    events = tuple((e.action, e.date.iso(), e.refuted, e.note) for e in timeline.events)
    conflicts = tuple(
        (c.kind, c.description, c.window.iso() if c.window else None, c.resolution)
        for c in timeline.conflicts
    )
    return intervals, events, conflicts, tuple(timeline.state_at(day) for day in days)


def import_series(files: list[Path], days: list[date]) -> History:
    """The histories of every timeline a fresh store holds after importing `files` in that order."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'series.db'}")
        init_registry(store)
        for path in files:
            ingest_list(store, SOURCE, [path], partial="excerpt" in path.name)
        found = {(t.entity_id, t.list_id): history(t, days) for t in store.reader().timelines()}
        store.dispose()
    return found


def main() -> int:
    """Import the series in date order and in random orders; print what differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--orders", type=int, default=5, help="random orders to try (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = sorted((args.lists / SOURCE).glob("*.xml"), key=snapshot_day)
    if not files:
        parser.error(f"no {SOURCE} files under {args.lists}")
    days = [snapshot_day(path) for path in files]
    reference = import_series(files, days)
    print(f"date order: {len(files)} snapshots, {len(reference)} timelines")
    shuffler = random.Random(args.seed)
    differing = 0
    for number in range(1, args.orders + 1):
        order = files[:]
        shuffler.shuffle(order)
        began = time.perf_counter()
        found = import_series(order, days)
        keys = sorted(set(reference) | set(found))
        differ = [key for key in keys if reference.get(key) != found.get(key)]
        named = ", ".join(str(snapshot_day(path)) for path in order)
        print(
            f"order {number} ({named}): {len(differ)} timelines differ [{time.perf_counter() - began:.1f} s]"
        )
        for key in differ:
            print(
                f"  {key[0]} {key[1]}\n    date order: {reference.get(key)}\n    this order: {found.get(key)}"
            )
        differing += len(differ)
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
