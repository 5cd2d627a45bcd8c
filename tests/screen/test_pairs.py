"""Screening says which hits may be one entity: the suggested pairs no analyst has decided.

Over the UN and OFSI fixtures (tests/fixtures/lists/people, un, uk-judgements): the UN's KARIM
EXAMPLE AL-MUSTERI (un-qdi-961) and OFSI's entry 9301 share a name and a date of birth; on
2022-01-01 the UN lists the first (un-1267) and OFSI the second (gb-hmt, gb-sanctions-ct). The UN
front NARNIA TRADING CO (un-nae-001) has two OFSI namesakes, 9103 and 9104, which OFSI lists as two
records; none of the three is designated on a list the registry knows then (hence --all-entities).
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.ingest.core import init_registry
from proscribe.ingest.judgements import mark_distinct, merge_entities
from proscribe.ingest.lists import ingest_list
from proscribe.model import Entity
from proscribe.screen.bulk import OUTPUT_COLUMNS, screen_file
from proscribe.screen.cache import ScreenCache, store_identity
from proscribe.screen.pairs import pairs_from
from proscribe.screen.service import Filters, Screener, verify
from proscribe.store import Store, open_store

LISTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
KARIM = "Karim Example al-Musteri"
KARIM_WHY = "same name 'KARIM EXAMPLE AL-MUSTERI'; same date of birth 1971-03-14"
NARNIA_WHY = "same name 'NARNIA TRADING CO'"
OFSI_APART = "uk-hmt-ofsi-consolidated lists them as separate records (9103, 9104)"
DAY = Filters(at="2022-01-01")


def _ingest_pairs(store: Store) -> None:
    for source, path in (
        ("un-sc-consolidated", LISTS / "un" / "un_2020-01-01.xml"),
        ("uk-hmt-ofsi-consolidated", LISTS / "uk-judgements" / "conlist_2020-06-01.csv"),
        ("un-sc-consolidated", LISTS / "people" / "un_2021-05-01.xml"),
        ("uk-hmt-ofsi-consolidated", LISTS / "people" / "conlist_2021-06-01.csv"),
    ):
        ingest_list(store, source, [path])


@pytest.fixture
def paired(registry: Store) -> Store:
    """The bundled registry plus the fixtures that leave pairs undecided, on SQLite and PostgreSQL."""
    _ingest_pairs(registry)
    return registry


@pytest.fixture
def paired_sqlite(tmp_path: Path) -> Iterator[Store]:
    """The same registry in a SQLite file only, for what does not concern the backend."""
    opened = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    init_registry(opened)
    _ingest_pairs(opened)
    yield opened
    opened.dispose()


def _seen(results: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    return [(r["entity_id"], r["may_be_same_as"]) for r in results]


def _karim(entity_id: str, name: str, in_results: bool) -> dict[str, Any]:
    return {"entity_id": entity_id, "name": name, "in_results": in_results, "why": KARIM_WHY, "cautions": []}


def test_both_entities_of_a_pair_are_hits_and_each_names_the_other(paired: Store) -> None:
    results = Screener.from_reader(paired.reader(), DAY).screen(KARIM)["results"]
    assert [(r["entity_id"], r["score"], [d["list"] for d in r["designations"]]) for r in results] == [
        ("gb-hmt-9301", 1.0, ["gb-hmt", "gb-sanctions-ct"]),
        ("un-qdi-961", 1.0, ["un-1267"]),
    ]
    assert _seen(results) == [
        ("gb-hmt-9301", [_karim("un-qdi-961", "KARIM EXAMPLE AL-MUSTERI", True)]),
        ("un-qdi-961", [_karim("gb-hmt-9301", "Karim Example AL-MUSTERI", True)]),
    ]


def test_a_hit_whose_other_entity_is_filtered_out_still_names_it(paired_sqlite: Store) -> None:
    """Asked about GB only, the UN's entry is no hit; OFSI's says whom it may be, not among the results."""
    screener = Screener.from_reader(paired_sqlite.reader(), Filters(jurisdictions=("GB",), at="2022-01-01"))
    assert _seen(screener.screen(KARIM)["results"]) == [
        ("gb-hmt-9301", [_karim("un-qdi-961", "KARIM EXAMPLE AL-MUSTERI", False)])
    ]
    # An entity nobody may be has an empty list.
    hamas = Screener.from_reader(paired_sqlite.reader(), DAY).screen("Hamas")["results"]
    assert _seen(hamas) == [("hamas", [])]


def test_an_entity_in_several_pairs_names_them_strongest_first_with_their_cautions(
    paired_sqlite: Store,
) -> None:
    screener = Screener.from_reader(paired_sqlite.reader(), Filters(at="2022-01-01", all_entities=True))
    narnia = screener.screen("Narnia Trading Co")["results"]

    def other(entity_id: str, why: str = NARNIA_WHY, cautions: tuple[str, ...] = ()) -> dict[str, Any]:
        return {
            "entity_id": entity_id,
            "name": "NARNIA TRADING CO",
            "in_results": True,
            "why": why,
            "cautions": list(cautions),
        }

    apart = (f"{NARNIA_WHY}; but {OFSI_APART}", (OFSI_APART,))
    # OFSI's two records are suggested last between themselves: OFSI lists them apart.
    assert _seen(narnia) == [
        ("gb-hmt-9103", [other("un-nae-001"), other("gb-hmt-9104", *apart)]),
        ("gb-hmt-9104", [other("un-nae-001"), other("gb-hmt-9103", *apart)]),
        ("un-nae-001", [other("gb-hmt-9103"), other("gb-hmt-9104")]),
    ]


def test_after_an_analysts_judgement_nothing_is_suggested(paired: Store) -> None:
    merge_entities(paired, "un-qdi-961", "gb-hmt-9301", "same name and date of birth on both lists")
    results = Screener.from_reader(paired.reader(), DAY).screen(KARIM)["results"]
    # One entity now: one hit, holding the UN listing too, and no pair left to name.
    assert [(r["entity_id"], [d["list"] for d in r["designations"]]) for r in results] == [
        ("gb-hmt-9301", ["gb-hmt", "gb-sanctions-ct", "un-1267"])
    ]
    assert _seen(results) == [("gb-hmt-9301", [])]

    everyone = Filters(at="2022-01-01", all_entities=True)
    mark_distinct(paired, "un-nae-001", "gb-hmt-9103", "a UN front in another country")
    mark_distinct(paired, "un-nae-001", "gb-hmt-9104", "a UN front in another country")
    mark_distinct(paired, "gb-hmt-9103", "gb-hmt-9104", "two branches OFSI lists apart")
    narnia = Screener.from_reader(paired.reader(), everyone).screen("Narnia Trading Co")["results"]
    assert _seen(narnia) == [("gb-hmt-9103", []), ("gb-hmt-9104", []), ("un-nae-001", [])]


def test_the_cache_keeps_the_pairs_and_a_judgement_is_a_miss(paired_sqlite: Store, tmp_path: Path) -> None:
    folder = ScreenCache(tmp_path / "cache")
    reader = paired_sqlite.reader()
    fresh = Screener.from_reader(reader, DAY).screen(KARIM)
    built = Screener.from_reader(reader, DAY, cache=folder).screen(KARIM)
    loaded = Screener.from_reader(reader, DAY, cache=folder)
    assert sorted(path.name.split("-")[0] for path in (tmp_path / "cache").glob("*.bin")) == [
        "designations",
        "index",
        "pairs",
    ]
    assert built == fresh and loaded.screen(KARIM) == fresh
    # The pairs of a store at one content hash, as they went in (the cautions too).
    store = store_identity(paired_sqlite.url)
    assert store is not None
    suggestions = folder.load_pairs(store, reader.content_hash())
    assert suggestions is not None and len(suggestions) == 8
    assert suggestions[0] == {
        "entity": {"id": "un-qdi-961", "name": "KARIM EXAMPLE AL-MUSTERI"},
        "into": {"id": "gb-hmt-9301", "name": "Karim Example AL-MUSTERI"},
        "why": KARIM_WHY,
        "cautions": [],
    }
    mark_distinct(paired_sqlite, "un-qdi-961", "gb-hmt-9301", "different fathers' names in the files")
    after = Screener.from_reader(paired_sqlite.reader(), DAY, cache=folder).screen(KARIM)
    assert _seen(after["results"]) == [("gb-hmt-9301", []), ("un-qdi-961", [])]


def test_bulk_output_ends_with_the_entities_each_hit_may_be(paired_sqlite: Store, tmp_path: Path) -> None:
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text(f"name\n{KARIM}\nHamas\n", encoding="utf-8")
    everywhere = Screener.from_reader(paired_sqlite.reader(), DAY)
    screen_file(everywhere, source, target, workers=1, progress=False)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(OUTPUT_COLUMNS)
    assert OUTPUT_COLUMNS[-2:] == ("birth_dates", "may_be_same_as")  # appended after the older columns
    assert [(r[0], r[3], r[-1]) for r in rows[1:]] == [
        ("2", "gb-hmt-9301", "un-qdi-961 (also a hit)"),
        ("2", "un-qdi-961", "gb-hmt-9301 (also a hit)"),
        ("3", "hamas", ""),
    ]
    in_gb = Screener.from_reader(paired_sqlite.reader(), Filters(jurisdictions=("GB",), at="2022-01-01"))
    screen_file(in_gb, source, target, workers=2, progress=False)
    with target.open(encoding="utf-8", newline="") as handle:
        assert [(r["entity_id"], r["may_be_same_as"]) for r in csv.DictReader(handle)] == [
            ("gb-hmt-9301", "un-qdi-961"),
            ("hamas", ""),
        ]


def test_the_cli_table_and_json_show_the_pairs(paired_sqlite: Store) -> None:
    args = ["--db", paired_sqlite.url, "screen", KARIM, "--at", "2022-01-01", "--no-cache"]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[1].split()[-2:] == ["BIRTH_DATES", "MAY_BE_SAME_AS"]
    assert lines[3].endswith("un-qdi-961 (also a hit)") and lines[4].endswith("gb-hmt-9301 (also a hit)")
    assert lines[5:] == [
        "",
        "May be one entity (1; kept apart until an analyst decides: proscribe identity merge, or distinct)",
        f"gb-hmt-9301 may be un-qdi-961 KARIM EXAMPLE AL-MUSTERI (both hits here): {KARIM_WHY}",
    ]
    as_json = CliRunner().invoke(main, [*args, "--in", "GB", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    (row,) = json.loads(as_json.output)["results"]
    assert row["may_be_same_as"] == [_karim("un-qdi-961", "KARIM EXAMPLE AL-MUSTERI", False)]
    assert json.loads(as_json.output)["receipt"]["results"][0]["may_be_same_as"] == row["may_be_same_as"]
    # A hit with no pair: the column is empty and no note follows.
    hamas = CliRunner().invoke(main, ["--db", paired_sqlite.url, "screen", "Hamas", "--no-cache"])
    assert "May be one entity" not in hamas.output


# -- receipts ---------------------------------------------------------------------------------------

ENTITIES = [
    Entity("un-qdi-961", "KARIM EXAMPLE AL-MUSTERI", kind="person"),
    Entity("gb-hmt-9301", "Karim Example AL-MUSTERI", kind="person"),
]
PAIRS = pairs_from(
    [
        {
            "entity": {"id": "un-qdi-961", "name": "KARIM EXAMPLE AL-MUSTERI"},
            "into": {"id": "gb-hmt-9301", "name": "Karim Example AL-MUSTERI"},
            "why": KARIM_WHY,
            "cautions": [],
        }
    ]
)


def _sealed(body: dict[str, Any]) -> dict[str, Any]:
    """A receipt as proscribe writes it: the body and a SHA-256 over its canonical JSON."""
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return {**body, "receipt_hash": hashlib.sha256(text).hexdigest()}


def test_a_receipt_made_before_the_pairs_still_verifies_and_an_altered_one_does_not() -> None:
    screener = Screener.build(ENTITIES, filters=Filters(at="2024-01-01"), pairs=PAIRS)
    receipt = screener.screen(KARIM)["receipt"]
    assert receipt["version"] == 2
    assert [r["may_be_same_as"][0]["entity_id"] for r in receipt["results"]] == ["un-qdi-961", "gb-hmt-9301"]
    assert verify(receipt, screener) == []

    # Version 1 receipts had no `may_be_same_as` in their rows.
    body = {key: value for key, value in receipt.items() if key != "receipt_hash"}
    rows = [{k: v for k, v in row.items() if k != "may_be_same_as"} for row in receipt["results"]]
    old = _sealed({**body, "version": 1, "results": rows})
    assert verify(old, screener) == []

    # What the old receipt did record is still checked: a changed score fails, sealed again or not.
    changed = [{**rows[0], "score": 0.9}, rows[1]]
    assert verify(_sealed({**body, "version": 1, "results": changed}), screener) == [
        "re-running the screening gives different results"
    ]
    assert verify({**old, "results": changed}, screener) == [
        "receipt hash does not match its content (the receipt was altered)",
        "re-running the screening gives different results",
    ]
    # A current receipt must carry the pairs: rows without them do not reproduce.
    assert verify(_sealed({**body, "results": rows}), screener) == [
        "re-running the screening gives different results"
    ]
    # Nor do pairs that differ from the registry's (a hit said not to be another's pair).
    unpaired = [{**row, "may_be_same_as": []} for row in receipt["results"]]
    assert verify(_sealed({**body, "results": unpaired}), screener) == [
        "re-running the screening gives different results"
    ]


def test_on_the_real_un_and_sdn_lists_omar_is_two_hits_that_may_be_one(
    shared_dir: Path, tmp_path: Path
) -> None:
    """OMAR, Hassan Mahat: UN SOi.009 and OFAC 12824, born on the same day, listed apart."""
    from datetime import date

    lists = shared_dir / "data" / "lists"
    store = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    init_registry(store)
    ingest_list(
        store, "un-sc-consolidated", [lists / "un-sc-consolidated" / "un-consolidated_2025-11-20.xml"]
    )
    sdn = lists / "us-ofac-sdn-csv" / "2024-04" / "sdn.csv"
    ingest_list(store, "us-ofac-sdn-csv", [sdn], snapshot_date=date(2024, 4, 10))
    results = Screener.from_reader(store.reader(), Filters(at="2025-12-01")).screen("Hassan Mahat Omar")[
        "results"
    ]
    why = (
        "same name 'OMAR, Hassan Mahat'; same date of birth 1979-04-10; "
        "but their lists give different nationalities (Kenya; Ethiopia)"
    )
    caution = ["their lists give different nationalities (Kenya; Ethiopia)"]
    assert [(r["entity_id"], r["score"], r["may_be_same_as"]) for r in results] == [
        (
            "ofac-12824",
            1.0,
            [
                {
                    "entity_id": "un-soi-009",
                    "name": "HASSAN MAHAT OMAR",
                    "in_results": True,
                    "why": why,
                    "cautions": caution,
                }
            ],
        ),
        (
            "un-soi-009",
            1.0,
            [
                {
                    "entity_id": "ofac-12824",
                    "name": "OMAR, Hassan Mahat",
                    "in_results": True,
                    "why": why,
                    "cautions": caution,
                }
            ],
        ),
    ]
    store.dispose()


def test_a_pairs_cautions_go_with_it_into_every_csv_cell(paired_sqlite: Store, tmp_path: Path) -> None:
    """OFSI lists its two NARNIA TRADING CO records apart: the CLI's CSV and bulk cells say so in
    brackets after the entity, as the table's note and the JSON's `cautions` do."""
    args = ["--db", paired_sqlite.url, "screen", "Narnia Trading Co", "--at", "2022-01-01"]
    as_csv = CliRunner().invoke(main, [*args, "--all-entities", "--no-cache", "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    cells = [(r["entity_id"], r["may_be_same_as"]) for r in csv.DictReader(as_csv.output.splitlines())]
    assert cells == [
        ("gb-hmt-9103", f"un-nae-001 (also a hit); gb-hmt-9104 (also a hit) [but {OFSI_APART}]"),
        ("gb-hmt-9104", f"un-nae-001 (also a hit); gb-hmt-9103 (also a hit) [but {OFSI_APART}]"),
        ("un-nae-001", "gb-hmt-9103 (also a hit); gb-hmt-9104 (also a hit)"),
    ]
    source, target = tmp_path / "names.csv", tmp_path / "hits.csv"
    source.write_text("name\nNarnia Trading Co\n", encoding="utf-8")
    everyone = Screener.from_reader(paired_sqlite.reader(), Filters(at="2022-01-01", all_entities=True))
    screen_file(everyone, source, target, workers=1, progress=False)
    with target.open(encoding="utf-8", newline="") as handle:
        assert [(r["entity_id"], r["may_be_same_as"]) for r in csv.DictReader(handle)] == cells
