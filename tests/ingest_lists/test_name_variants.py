"""Names in brackets become names of their own: stored, searched, screened; older stores catch up at init."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store, shared
from sqlalchemy import delete, select, update

from proscribe.cli import main
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.store import Store, schema

MARCH, APRIL = (FIXTURES / "un-variants" / f"un_2021-0{m}-01.xml" for m in (3, 4))
STATED = {
    "un-qdi-950": {
        ("SAMIR EXAMPLAR", "primary", "Latn"),
        ("Samir Examplar Qadiri (سمير المثالي القادري)", "alias", "Latn"),
        ("Abu Mithal Zayed (birth name)", "alias", "Latn"),
    },
    "un-qde-951": {
        ("NORTHERN EXAMPLE NETWORK (NEN)", "primary", "Latn"),
        ("شبكة المثال الشمالية (Northern Example Web - sub-unit name)", "alias", "Latn"),
        ("EXAMPLE NETWORK (PAKISTAN)", "alias", "Latn"),
    },
}
VARIANTS = {
    "un-qdi-950": {
        ("Samir Examplar Qadiri", "alias", "Latn"),
        ("سمير المثالي القادري", "alias", "Arab"),
        ("Abu Mithal Zayed", "alias", "Latn"),
    },
    # The primary's acronym gives an alias and is a name of its own; "(PAKISTAN)" names a
    # branch and stays whole.
    "un-qde-951": {
        ("NORTHERN EXAMPLE NETWORK", "alias", "Latn"),
        ("NEN", "acronym", "Latn"),
        ("شبكة المثال الشمالية", "alias", "Arab"),
        ("Northern Example Web", "alias", "Latn"),
    },
}


def _names(store: Store) -> dict[str, set[tuple[str, str, str]]]:
    n = schema.names
    out: dict[str, set[tuple[str, str, str]]] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(n.c.entity_id, n.c.value, n.c.kind, n.c.script).where(n.c.entity_id.in_(STATED))
        )
        for row in rows:
            out.setdefault(row.entity_id, set()).add((row.value, row.kind, row.script))
    return out


def _screen(store: Store, name: str) -> list[tuple[str, str, float]]:
    result = CliRunner().invoke(main, ["--db", store.url, "screen", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["results"]
    return [(hit["entity_id"], hit["matched_name"], hit["score"]) for hit in hits]


def test_bracketed_names_are_stored_beside_the_stated_name_and_screen_exactly(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [MARCH])
    assert _names(store) == {key: STATED[key] | VARIANTS[key] for key in STATED}
    assert _screen(store, "سمير المثالي القادري")[:1] == [("un-qdi-950", "سمير المثالي القادري", 1.0)]
    assert _screen(store, "Northern Example Web")[:1] == [("un-qde-951", "Northern Example Web", 1.0)]
    search = CliRunner().invoke(main, ["--db", store.url, "search", "Abu Mithal Zayed", "--format", "json"])
    assert search.exit_code == 0, search.output
    assert "un-qdi-950" in search.stdout
    # The acronym alone finds its record, in screening and as a name to ask the status of.
    assert _screen(store, "NEN")[:1] == [("un-qde-951", "NEN", 1.0)]
    status = CliRunner().invoke(main, ["--db", store.url, "status", "NEN", "--in", "UN", "--format", "json"])
    assert status.exit_code == 0, status.output
    assert json.loads(status.stdout)["entity"]["id"] == "un-qde-951"


def test_an_older_store_gains_the_variants_at_init_and_its_next_snapshot_amends_nothing(
    tmp_path: Path,
) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [MARCH])
    # Make it a store written before variants existed: no variant rows, no rules version.
    n = schema.names
    with store.begin() as conn:
        for entity_id, variants in VARIANTS.items():
            conn.execute(
                delete(n).where(n.c.entity_id == entity_id, n.c.value.in_([v for v, _, _ in variants]))
            )
        conn.execute(delete(schema.meta).where(schema.meta.c.key == "name_variants"))
        conn.execute(update(schema.meta).where(schema.meta.c.key == "content_hash").values(value="0-0"))
    assert _names(store) == STATED
    before = store.reader().content_hash()

    result = CliRunner().invoke(main, ["--db", store.url, "init"])
    assert result.exit_code == 0, result.output
    assert "added 7 name variants to stored entities: the variant rules changed" in result.output
    assert _names(store) == {key: STATED[key] | VARIANTS[key] for key in STATED}
    # The answers change, so the content hash (which keys cached answers) does too.
    assert store.reader().content_hash() != before
    assert init_registry(store).variants_added == 0

    # The stated names are what snapshots are compared by: the next one is no amendment.
    report = ingest_list(store, "un-sc-consolidated", [APRIL])
    assert (report.new_claims, report.changes, report.names_added) == (0, {}, 0)


def test_real_un_list_names_in_other_scripts_and_sub_units_find_their_entities(tmp_path: Path) -> None:
    path = shared("un-sc-consolidated", "un-consolidated_2026-02-27.xml")
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [path])
    # Checked by hand against the file: QDe.137 (linked to hts) states this alias as
    # "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)"; LYi.004 states
    # "Akrin Saleh Akrin (أقرين صالح أقرين)"; KPi.035 "Jin Tiesan (金铁三)".
    assert _screen(store, "Ansar al-Mujahideen Network")[:1] == [("hts", "Ansar al-Mujahideen Network", 1.0)]
    assert _screen(store, "شبكة أنصار المجاهدين")[:1] == [("hts", "شبكة أنصار المجاهدين", 1.0)]
    assert _screen(store, "أقرين صالح أقرين")[:1] == [("un-lyi-004", "أقرين صالح أقرين", 1.0)]
    assert _screen(store, "Akrin Saleh Akrin")[:1] == [("un-lyi-004", "Akrin Saleh Akrin", 1.0)]
    assert _screen(store, "金铁三")[:1] == [("un-kpi-035", "金铁三", 1.0)]
    # A remark is not a name: "Encep Nurjaman (birth name)" (QDi.087) screens as Encep Nurjaman.
    assert _screen(store, "Encep Nurjaman")[:1] == [("un-qdi-087", "Encep Nurjaman", 1.0)]
    # A field listing several spellings gives each: IRi.039's alias field is "Qasim Soleimani;
    # Qasem Sulaimani; ... Kasim Sulaymani", CDe.003's name "COMPAGNIE AERIENNE DES GRANDS LACS
    # (CAGL) ; GREAT LAKES BUSINESS COMPANY (GLBC)".
    assert _screen(store, "Qasem Sulaymani")[:1] == [("un-iri-039", "Qasem Sulaymani", 1.0)]
    assert _screen(store, "Great Lakes Business Company")[:1] == [
        ("un-cde-003", "GREAT LAKES BUSINESS COMPANY", 1.0)
    ]
    # A primary name's acronym variant links by name: "TEHRIK-E TALIBAN PAKISTAN (TTP)" (QDe.132)
    # and "EASTERN TURKISTAN ISLAMIC MOVEMENT (ETIM)" (QDe.088) are the registry's ttp and etim.
    spans = schema.record_spans
    with store.engine.connect() as conn:
        linked = dict(
            conn.execute(
                select(spans.c.record_key, spans.c.entity_id).where(
                    spans.c.record_key.in_(["QDe.132", "QDe.088", "QDe.010"])
                )
            ).all()
        )
    assert linked == {"QDe.132": "ttp", "QDe.088": "etim", "QDe.010": "imu"}
