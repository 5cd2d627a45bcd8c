"""Real-list values both backends must store and answer alike (PostgreSQL: PROSCRIBE_TEST_PG_URL).

Each test pins a difference found by building the same registry from ../shared's lists on SQLite
and on PostgreSQL and comparing every answer.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from proscribe.ingest.lists import ingest_list
from proscribe.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


def test_a_country_spelled_out_in_full_is_stored_whole(registry: Store, tmp_path: Path) -> None:
    """OFAC's add.csv names countries in full (`Congo, Democratic Republic of the`): a VARCHAR(8)
    column, which SQLite never enforces, made PostgreSQL refuse the whole 2019-01 set."""
    folder = tmp_path / "ofac"
    shutil.copytree(FIXTURES / "ofac-2020-01", folder)
    (folder / "add.csv").write_text(
        '10,1,"1 Main St","Kinshasa","Congo, Democratic Republic of the",-0- \n'
        '11,2,-0- ,"Abu Dhabi","United Arab Emirates",-0- \n',
        encoding="utf-8",
    )
    files = [folder / name for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")]
    report = ingest_list(registry, "us-ofac-sdn-csv", files, date(2020, 1, 15))
    assert report.new_claims > 0
    reader = registry.reader()
    assert reader.entity("ofac-10").country == "Congo, Democratic Republic of the"
    assert reader.entity("ofac-11").country == "United Arab Emirates"
