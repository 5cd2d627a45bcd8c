"""Measure how much the linking of list records to entities depends on the order files are imported in.

Identity links one file at a time (docs/sources.md, Identity), so which entity a record joins can
depend on what the store already held. This imports every real list file in ../shared/data/lists
into fresh SQLite stores in three orders (date order, newest first, and a fixed shuffle, or a
seeded one with --seed) and prints:

- the groups of records that differ between each pair of orders: records held together in one
  store and not in the other, over the records both hold;
- the bundled organisations holding different records in different orders, with the records;
- for each order, the bundled organisations the dataset gives a UN number that hold the UN record
  of that number.

Steps a store refuses (an OpenSanctions delta older than the one held, say) are listed; the
comparison is over what each store holds. It takes a few minutes (two stores at a time).

    .venv/bin/python scripts/identity_orders.py [--lists ../shared/data/lists] [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from sqlalchemy import select

from proscribe.errors import ProscribeError
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.sources.bundled import load_entities
from proscribe.store import judgements, open_store, schema

DEFAULT_LISTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lists"
Record = tuple[str, str]  # (source, record key)


@dataclass(frozen=True)
class Step:
    """One import: a snapshot of a source, with its date (the order key) and how it is imported."""

    name: str
    source: str
    files: tuple[str, ...]  # paths or globs under the lists folder
    day: date
    stated: bool = True  # the file states its date; otherwise it is passed as the snapshot date
    partial: bool = False
    whole: bool = False


def _un(name: str, partial: bool = False) -> Step:
    day = date.fromisoformat(name.removesuffix(".xml").removesuffix("_excerpt").rsplit("_", 1)[1])
    return Step(f"un:{day}", "un-sc-consolidated", (f"un-sc-consolidated/{name}",), day, partial=partial)


def _delta(stamp: str) -> Step:
    path = f"opensanctions-ftm/sanctions-delta/{stamp}.entities.delta.json"
    return Step(f"ftm-delta:{stamp}", "opensanctions-ftm-delta", (path,), date(2026, 8, 11))


# Every real file, in date order. The dates a file does not state are those of its publication.
STEPS = (
    Step(
        "uk:2014-04-02",
        "uk-hmt-ofsi-consolidated",
        ("uk-hmt-ofsi-consolidated/hmt-sanctionsconlist_2014-04-02.csv",),
        date(2014, 4, 2),
    ),
    Step(
        "eu:2016-02-11",
        "eu-fsf",
        ("eu-fsf/eu-fsf-legacy-global_2016-02-11_excerpt.xml",),
        date(2016, 2, 11),
        partial=True,
    ),
    _un("un-consolidated_2016-02-11_excerpt.xml", partial=True),
    Step(
        "uk:2016-02-12",
        "uk-hmt-ofsi-consolidated",
        ("uk-hmt-ofsi-consolidated/hmt-sanctionsconlist_2016-02-12_excerpt.csv",),
        date(2016, 2, 12),
        partial=True,
    ),
    Step(
        "sdn-txt:2016-02",
        "us-ofac-sdn-txt",
        ("us-ofac-sdn-txt/sdnlist_2016-02_excerpt.txt",),
        date(2016, 2, 17),
        stated=False,
        partial=True,
    ),
    *(
        _un(f"un-consolidated_{day}.xml")
        for day in (
            "2017-06-20",
            "2017-06-30",
            "2017-07-03",
            "2018-06-07",
            "2018-06-21",
            "2018-08-24",
            "2018-10-29",
        )
    ),
    Step(
        "non-sdn-xml:2018-04-06",
        "us-ofac-non-sdn-xml",
        ("us-ofac-non-sdn-xml/consolidated_2018-04-06.xml",),
        date(2018, 4, 6),
    ),
    Step(
        "non-sdn-legacy:2018-04",
        "us-ofac-non-sdn-legacy",
        ("us-ofac-non-sdn-legacy/2018-04/cons_*.csv",),
        date(2018, 4, 6),
        stated=False,
    ),
    Step(
        "eu-csv:2018-07-04",
        "eu-fsf-csv",
        ("eu-fsf/eu-fsf-csv-v1_2018-07-04_excerpt.csv",),
        date(2018, 7, 4),
        partial=True,
    ),
    Step(
        "sdn-csv:2019-01",
        "us-ofac-sdn-csv",
        ("us-ofac-sdn-csv/2019-01/*.csv",),
        date(2019, 1, 15),
        stated=False,
    ),
    _un("un-consolidated_2020-03-20.xml"),
    Step("ca:2020-04", "ca-sema", ("ca-sema/sema-lmes_2020-04.xml",), date(2020, 4, 15), stated=False),
    Step(
        "sdn-xml:2020-10-29",
        "us-ofac-sdn-xml",
        ("us-ofac-sdn-xml/sdn_2020-10-29_tiny-excerpt.xml",),
        date(2020, 10, 29),
        partial=True,
    ),
    Step(
        "sdn-csv:2021-07",
        "us-ofac-sdn-csv",
        ("us-ofac-sdn-csv/2021-07/*.csv",),
        date(2021, 7, 7),
        stated=False,
    ),
    Step(
        "sdn-csv:2024-04",
        "us-ofac-sdn-csv",
        ("us-ofac-sdn-csv/2024-04/sdn.csv",),
        date(2024, 4, 10),
        stated=False,
    ),
    Step(
        "non-sdn-xml:2024-05-06",
        "us-ofac-non-sdn-xml",
        ("us-ofac-non-sdn-xml/consolidated_2024-05-06.xml",),
        date(2024, 5, 6),
        whole=True,
    ),
    Step(
        "enhanced:2024-05-24",
        "us-ofac-enhanced-xml",
        ("us-ofac-enhanced-xml/enhanced_filtered-yemen_2024-05-24.xml",),
        date(2024, 5, 24),
    ),
    Step(
        "enhanced:2024-08-28",
        "us-ofac-enhanced-xml",
        ("us-ofac-enhanced-xml/enhanced_program-IRGC_2024-08-28.xml",),
        date(2024, 8, 28),
    ),
    Step(
        "enhanced:2025-01-10",
        "us-ofac-enhanced-xml",
        ("us-ofac-enhanced-xml/cons_enhanced_2025-01-10.xml",),
        date(2025, 1, 10),
    ),
    Step(
        "csl:2025-02",
        "us-trade-csl",
        ("us-trade-csl/consolidated_2025-02.csv.gz",),
        date(2025, 2, 27),
        stated=False,
    ),
    _un("un-consolidated_2025-11-20.xml"),
    Step(
        "non-sdn-csv:2025-12",
        "us-ofac-non-sdn-csv",
        ("us-ofac-non-sdn-csv/2025-12/*.csv",),
        date(2025, 12, 1),
        stated=False,
    ),
    _un("un-consolidated_2026-02-27.xml"),
    Step(
        "ftm:t1",
        "opensanctions-ftm",
        ("opensanctions-ftm/t1_entities.ftm.json",),
        date(2026, 8, 11),
        stated=False,
    ),
    Step(
        "ftm:zala",
        "opensanctions-ftm",
        ("opensanctions-ftm/zala_entities.ftm.json",),
        date(2026, 8, 11),
        stated=False,
    ),
    *(_delta(stamp) for stamp in ("20240527194702-wnk", "20240528014702-pfh", "20240528134729-3iv")),
)

# The shuffled order the figures in the issue notes were measured with (a fixed permutation).
SHUFFLED = (
    "un:2017-07-03",
    "non-sdn-xml:2018-04-06",
    "sdn-csv:2019-01",
    "un:2018-08-24",
    "sdn-txt:2016-02",
    "enhanced:2025-01-10",
    "un:2017-06-20",
    "eu-csv:2018-07-04",
    "non-sdn-xml:2024-05-06",
    "ftm-delta:20240528014702-pfh",
    "uk:2014-04-02",
    "ftm:zala",
    "un:2018-06-07",
    "sdn-csv:2021-07",
    "ftm-delta:20240527194702-wnk",
    "enhanced:2024-08-28",
    "non-sdn-csv:2025-12",
    "non-sdn-legacy:2018-04",
    "un:2026-02-27",
    "enhanced:2024-05-24",
    "un:2017-06-30",
    "un:2020-03-20",
    "ftm:t1",
    "sdn-xml:2020-10-29",
    "un:2018-10-29",
    "uk:2016-02-12",
    "ca:2020-04",
    "un:2025-11-20",
    "un:2016-02-11",
    "eu:2016-02-11",
    "ftm-delta:20240528134729-3iv",
    "csl:2025-02",
    "un:2018-06-21",
    "sdn-csv:2024-04",
)


def build(db: Path, steps: list[Step], lists: Path) -> list[str]:
    """Import `steps` in order into a fresh store at `db`; returns the steps refused, with why."""
    db.unlink(missing_ok=True)
    store = open_store(f"sqlite:///{db}")
    init_registry(store)
    refused: list[str] = []
    for step in steps:
        paths = sorted(path for pattern in step.files for path in lists.glob(pattern))
        try:
            ingest_list(
                store,
                step.source,
                paths,
                snapshot_date=None if step.stated else step.day,
                partial=step.partial,
                whole=step.whole,
            )
        except ProscribeError as exc:
            refused.append(f"{step.name}: {str(exc).splitlines()[0][:160]}")
    store.dispose()
    return refused


def groups(db: Path) -> dict[Record, str]:
    """Each record the store holds -> the entity it is read as (merges followed)."""
    store = open_store(f"sqlite:///{db}")
    with store.engine.connect() as conn:
        merged = judgements.canonical_map(conn)
        spans = schema.record_spans
        rows = conn.execute(select(spans.c.source_name, spans.c.record_key, spans.c.entity_id).distinct())
        out = {(row.source_name, row.record_key): merged.get(row.entity_id, row.entity_id) for row in rows}
    store.dispose()
    return out


def partition(entity_of: dict[Record, str], common: set[Record]) -> dict[Record, frozenset[Record]]:
    """Each of `common` -> the records of `common` held on the same entity."""
    members: dict[str, set[Record]] = defaultdict(set)
    for record, entity_id in entity_of.items():
        if record in common:
            members[entity_id].add(record)
    return {record: frozenset(members[entity_of[record]]) for record in common}


def differing_groups(first: dict[Record, str], second: dict[Record, str]) -> int:
    """How many distinct (group here, group there) disagreements the two stores have."""
    common = set(first) & set(second)
    a, b = partition(first, common), partition(second, common)
    return len({(a[r], b[r]) for r in common if a[r] != b[r]})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--seed", type=int, help="shuffle with this seed instead of the fixed permutation")
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    args = parser.parse_args()
    by_name = {step.name: step for step in STEPS}
    shuffled = [by_name[name] for name in SHUFFLED]
    if args.seed is not None:
        shuffled = list(STEPS)
        random.Random(args.seed).shuffle(shuffled)
    orders = {"date order": list(STEPS), "newest first": list(reversed(STEPS)), "shuffled": shuffled}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        dbs = {label: folder / f"{label.replace(' ', '-')}.db" for label in orders}
        with ProcessPoolExecutor(max_workers=2) as pool:
            futures = {
                label: pool.submit(build, dbs[label], steps, args.lists) for label, steps in orders.items()
            }
            refused = {label: future.result() for label, future in futures.items()}
        held = {label: groups(db) for label, db in dbs.items()}
    for label in orders:
        print(f"{label}: {len(held[label]):,} records held; steps refused: {len(refused[label])}")
        for line in refused[label]:
            print(f"    {line}")
    print("\ngroups of records that differ between two orders:")
    for one, other in combinations(orders, 2):
        print(f"  {one} vs {other}: {differing_groups(held[one], held[other])}")

    bundled = load_entities()
    common = set.intersection(*(set(entity_of) for entity_of in held.values()))
    differing = []
    for entity in bundled:
        sets = [frozenset(r for r in common if held[label][r] == entity.id) for label in orders]
        if len(set(sets)) > 1:
            differing.append((entity.id, sets))
    print(f"\nbundled organisations holding different records in different orders: {len(differing)}")
    for entity_id, sets in differing:
        print(f"  {entity_id}: {' / '.join(str(len(s)) for s in sets)} records ({', '.join(orders)})")
        for record in sorted(set().union(*sets)):
            marks = " ".join("Y" if record in s else "-" for s in sets)
            print(f"      {marks}  {record[0]} {record[1]}")

    un_numbers = [(e.id, i.value) for e in bundled for i in e.identifiers if i.scheme == "un"]
    print(f"\nbundled organisations on their own UN record (of {len(un_numbers)} given a UN number):")
    for label in orders:
        on = {value: held[label].get(("un-sc-consolidated", value)) for _, value in un_numbers}
        wrong = [
            f"{value} on {on[value]}, not {entity_id}"
            for entity_id, value in un_numbers
            if on[value] != entity_id
        ]
        print(f"  {label}: {len(un_numbers) - len(wrong)}" + (f" ({'; '.join(wrong)})" if wrong else ""))


if __name__ == "__main__":
    main()
