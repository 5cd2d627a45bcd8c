"""OFAC's text SDN list end to end: ingested with a date, linked by name, re-ingested to nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from ingest_helpers import fresh_store, shared
from sqlalchemy import select

from proscribe.cli import main
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
    assert (report["records"], report["new_entities"]) == (1273, 1262)
    # An alias two registry entities share is reported, not guessed.
    assert "AL MANSOOREEN: names match several entities: jamaat-ud-dawa, lashkar-e-taiba" in first.stderr
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
        "AL NUSRAH FRONT FOR THE PEOPLE OF LEVANT": "hts",
        "AL QAEDA": "al-qaeda",
        "AL-SHABAAB": "al-shabaab",
        "ANSAR ALLAH": "houthis",
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
