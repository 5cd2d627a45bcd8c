"""OFAC's text SDN list end to end: ingested with a date, linked by name, re-ingested to nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_helpers import fresh_store, shared
from sqlalchemy import select

from proscribe.cli import main
from proscribe.ingest.lists import ingest_list
from proscribe.store import schema


def test_sdn_text_excerpt_links_to_registry_entities_and_reingests_to_nothing(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    path = str(shared("us-ofac-sdn-txt", "sdnlist_2016-02_excerpt.txt"))
    command = ["--db", store.url, "ingest", "list", "us-ofac-sdn-txt", path, "--format", "json"]
    runner = CliRunner()
    undated = runner.invoke(main, command)
    assert undated.exit_code == 2
    assert "the file states no date; pass --date YYYY-MM-DD" in undated.stderr

    first = runner.invoke(main, [*command, "--date", "2016-02-17"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)["imports"][0]
    assert (report["records"], report["new_entities"]) == (1273, 1261)
    # The file prints each entry under every one of its names, so the first is no primary name:
    # ANSAR ALLAH is Hizballah's entry, filed under the alias it shares with the Houthis. Where a
    # record's names match several entities, the one holding most of them takes it, and the
    # report says so with the counts.
    assert report["links"] == {"most names": 3, "name": 9, "new": 1261}
    assert report["ambiguous"] == []
    for line in (
        "ANSAR ALLAH: names match several entities; linked to hezbollah, which holds most "
        "(hezbollah 2, houthis 1, pij 1)",
        "AL MANSOOREEN: names match several entities; linked to lashkar-e-taiba, which holds most "
        "(lashkar-e-taiba 4, jamaat-ud-dawa 1)",
        "AL QAEDA: names match several entities; linked to al-qaeda, which holds most "
        "(al-qaeda 4, the-base 1)",
    ):
        assert line in report["warnings"]
    with store.engine.connect() as conn:
        spans = schema.record_spans
        linked = dict(
            conn.execute(
                select(spans.c.record_key, spans.c.entity_id).where(
                    ~spans.c.entity_id.startswith("ofac-txt-")
                )
            ).all()
        )
    # Checked by hand: each is the registry entity the record's names describe (the A-B excerpt
    # holds some entries only under an alias, e.g. PIJ under ABU GHUNAYM SQUAD ...).
    assert linked == {
        "A.I.C. COMPREHENSIVE RESEARCH INSTITUTE": "aum-shinrikyo",
        "ABU GHUNAYM SQUAD OF THE HIZBALLAH BAYT AL-MAQDIS": "pij",
        "AD-DAWLA AL-ISLAMIYYA FI AL-'IRAQ WA-SH-SHAM": "isil",
        "AGIR": "irgc",
        "AL MANSOOREEN": "lashkar-e-taiba",  # its other names include LASHKAR E-TAYYIBA
        "AL NUSRAH FRONT FOR THE PEOPLE OF LEVANT": "hts",
        "AL QAEDA": "al-qaeda",
        "AL-SHABAAB": "al-shabaab",
        "ANSAR ALLAH": "hezbollah",  # ... a.k.a. HIZBALLAH; ... a.k.a. PARTY OF GOD
        "ARMY OF MOHAMMED": "jaish-e-mohammed",
        "ASKATASUNA [2]": "eta",
        "BOKO HARAM": "boko-haram",
    }
    # hts had no us-sdgt evidence before: the text list alone shows it listed there.
    (sdgt,) = store.reader().timelines(["hts"], lists=["us-sdgt"])
    assert (sdgt.state_at(date(2016, 2, 17)), sdgt.state_at(date(2016, 2, 16))) == ("listed", None)

    again = runner.invoke(main, [*command, "--date", "2016-02-17"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["imports"][0]["new_claims"] == 0


@pytest.mark.parametrize("text_first", [True, False], ids=["date-order", "newest-first"])
def test_text_list_entries_filed_under_a_shared_alias_join_their_own_entity_in_either_order(
    tmp_path: Path, text_first: bool
) -> None:
    # The text list files Hizballah first as ANSAR ALLAH, the Houthis' name, and ETA as ASKATASUNA,
    # also the name of OFAC's Gestoras Pro-Amnistia record (7219). In date order the first name
    # alone linked Hizballah's entry to the Houthis, who thus showed on the FTO list in 2016; newest
    # first, both entries were ambiguous against the entities the 2024 CSV had made.
    store = fresh_store(tmp_path)
    text = ("us-ofac-sdn-txt", [shared("us-ofac-sdn-txt", "sdnlist_2016-02_excerpt.txt")], date(2016, 2, 17))
    csv = ("us-ofac-sdn-csv", [shared("us-ofac-sdn-csv", "2024-04", "sdn.csv")], date(2024, 4, 10))
    reports = {
        source: ingest_list(store, source, paths, snapshot_date=day)
        for source, paths, day in ([text, csv] if text_first else [csv, text])
    }
    with store.engine.connect() as conn:
        spans = schema.record_spans
        entity_of = dict(
            conn.execute(
                select(spans.c.record_key, spans.c.entity_id).where(spans.c.source_name == "us-ofac-sdn-txt")
            ).all()
        )
    assert (entity_of["ANSAR ALLAH"], entity_of["ASKATASUNA [2]"]) == ("hezbollah", "eta")
    assert not any("ANSAR ALLAH" in line for line in reports["us-ofac-sdn-txt"].ambiguous)
    (fto,) = store.reader().timelines(["houthis"], lists=["us-fto"])
    assert fto.state_at(date(2016, 2, 17)) != "listed"
    (fto,) = store.reader().timelines(["hezbollah"], lists=["us-fto"])
    assert fto.state_at(date(2016, 2, 17)) == "listed"
