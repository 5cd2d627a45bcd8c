"""Build the cross-script and look-alike name-pair set for `proscribe eval screen`.

Positives are real variant spellings: every alias of every registry entity against its canonical name
(Cyrillic, Arabic, Persian, Turkish forms...), and OFAC SDN `alt.csv` aliases (a.k.a./f.k.a./n.k.a.)
against the primary name of the same `ent_num`. Negatives are look-alikes: for each sampled name, the
most similar name of a *different* entity by rapidfuzz's WRatio (a generic measure, not proscribe's
scorer, so the set is not built to flatter it). Pairs whose two names normalise identically are left
out of the negatives (shared aliases such as "The Base" are real ambiguity, not errors).

Usage: .venv/bin/python scripts/build_screen_pairs.py
        [--ofac-dir ../shared/data/lists/us-ofac-sdn-csv/2021-07] [--sample 400]
        [--out tests/fixtures/screen/cross-script-pairs.csv]
Columns follow the nomenklatura name bench (case_group,schema,name1,name2,is_match,quality,category,notes);
case groups: registry_alias_latin / registry_alias_cross_script (and _lookalike_ twins), ofac_alias,
ofac_lookalike.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from rapidfuzz import fuzz, process

from proscribe.screen.normalise import normalise
from proscribe.sources.bundled import load_entities

REPO = Path(__file__).resolve().parents[1]
COLUMNS = ("case_group", "schema", "name1", "name2", "is_match", "quality", "category", "notes")
OFAC_SCHEMA = {"individual": "Person", "vessel": "Vessel", "aircraft": "Vessel"}


def _lookalike(name: str, owner: str, names: list[str], owners: list[str]) -> str | None:
    """The most similar name (WRatio) that belongs to another entity and normalises differently."""
    key = normalise(name).key
    for candidate, _score, position in process.extract(name, names, scorer=fuzz.WRatio, limit=12):
        if owners[position] != owner and normalise(candidate).key != key:
            return str(candidate)
    return None


def registry_pairs() -> list[tuple[str, ...]]:
    """Aliases against canonical names (positives) and look-alikes of other entities (negatives)."""
    entities = load_entities()
    names = [n.value for e in entities for n in e.all_names()]
    owners = [e.id for e in entities for _ in e.all_names()]
    rows = []
    for entity in entities:
        for name in entity.all_names()[1:]:
            script = name.script
            where = "latin" if script == "Latn" else "cross_script"
            positive = (f"registry_alias_{where}", "Organization", name.value, entity.name, "true")
            rows.append((*positive, "", script, entity.id))
            other = _lookalike(name.value, entity.id, names, owners)
            if other is not None:
                note = f"{entity.id} vs {owners[names.index(other)]}"
                negative = (f"registry_lookalike_{where}", "Organization", name.value, other, "false")
                rows.append((*negative, "", script, note))
    return rows


def ofac_pairs(folder: Path, sample: int, rng: random.Random) -> list[tuple[str, ...]]:
    """OFAC alt.csv aliases against primary names, and primary-name look-alikes, `sample` of each."""
    primary: dict[str, tuple[str, str]] = {}
    with (folder / "sdn.csv").open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 2 and row[1].strip():
                kind = row[2].strip()
                primary[row[0].strip()] = (row[1].strip(), OFAC_SCHEMA.get(kind, "Organization"))
    aliases: list[tuple[str, str]] = []
    with (folder / "alt.csv").open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) > 3 and row[0].strip() in primary and row[3].strip():
                aliases.append((row[0].strip(), row[3].strip()))
    rows = []
    for ent_num, alias in rng.sample(aliases, min(sample, len(aliases))):
        name, schema = primary[ent_num]
        rows.append(("ofac_alias", schema, alias, name, "true", "", "alt.csv", f"ent_num {ent_num}"))
    numbers = sorted(primary)
    names = [primary[n][0] for n in numbers]
    for ent_num in rng.sample(numbers, min(sample, len(numbers))):
        name, schema = primary[ent_num]
        other = _lookalike(name, ent_num, names, numbers)
        if other is not None:
            rows.append(("ofac_lookalike", schema, name, other, "false", "", "WRatio", f"ent_num {ent_num}"))
    return rows


def main() -> None:
    """Write the pair set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--ofac-dir", type=Path, default=REPO.parent / "shared/data/lists/us-ofac-sdn-csv/2021-07"
    )
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20240410)
    parser.add_argument("--out", type=Path, default=REPO / "tests/fixtures/screen/cross-script-pairs.csv")
    args = parser.parse_args()
    rows = registry_pairs() + ofac_pairs(args.ofac_dir, args.sample, random.Random(args.seed))
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} pairs ({sum(1 for r in rows if r[4] == 'true')} matches)")


if __name__ == "__main__":
    main()
