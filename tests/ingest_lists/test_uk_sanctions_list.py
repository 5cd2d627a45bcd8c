"""The UK Sanctions List carries the OFSI list's records on: same entities, one UK timeline, diffs.

OFSI closed its consolidated list on 28 January 2026. An entry of the FCDO list that came from the
OFSI list keeps its `OFSI Group ID`, so it joins the entity the OFSI record of that group made,
and the UK counter-terrorism list (`gb-sanctions-ct`) reads both publishers' snapshots as one
history. Fixtures: the hand-written OFSI list of 2020-03-15 (groups 9001 EXAMPLE FRONT, 9002 Hans
MÜLLER) and the hand-written UK Sanctions List of 2026-10-08 (CTI0901 = group 9001, AQD0977 = group
9002, and three entries the OFSI list never had).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from ingest_helpers import FIXTURES

from proscribe import query
from proscribe.ingest.lists import ingest_list
from proscribe.store import Store

OFSI = FIXTURES / "uk" / "conlist_2020-03-15.csv"
UKSL = FIXTURES / "uk-fcdo" / "uk-sanctions-list_2026-10-08.csv"


def _lists(store: Store, entity: str, day: date) -> dict[str, tuple[str, str | None]]:
    answer = query.status(store.reader(), entity, at=day)
    return {
        item["list"]: (item["state"], item["since"]) for j in answer["jurisdictions"] for item in j["lists"]
    }


def test_entries_carried_over_from_the_ofsi_list_join_its_entities(registry: Store) -> None:
    ingest_list(registry, "uk-hmt-ofsi-consolidated", [OFSI])
    report = ingest_list(registry, "uk-sanctions-list", [UKSL])
    assert (report.records, report.new_entities) == (5, 3)  # the ship, NAR0001 and AFG0901 are new
    assert report.unmapped == {
        "Designation Type=Company": 1,
        "Date Designated=1 Oct 2026": 1,
        "Regime Name=The Narnia (Sanctions) Regulations 2030": 2,
        "Name type=Nickname": 1,
    }
    assert _lists(registry, "gb-hmt-9001", date(2026, 10, 9)) == {
        "gb-hmt": ("listed", "2019-05-02"),
        "gb-sanctions-ct": ("listed", "2019-05-02"),
        "gb-uksl": ("listed", "2019-05-02"),
    }
    # The OFSI list's last state stands, said to be the last it published.
    answer = query.status(registry.reader(), "gb-hmt-9001", at=date(2026, 10, 9))
    notes = {item["list"]: item["note"] for j in answer["jurisdictions"] for item in j["lists"]}
    assert notes == {
        "gb-hmt": "list closed on 2026-01-28; succeeded by gb-uksl: the state is the last recorded from it",
        "gb-sanctions-ct": None,
        "gb-uksl": None,
    }
    front = registry.reader().entity("gb-hmt-9001")
    assert {i.key() for i in front.identifiers} == {"gb-hmt:9001", "gb-uksl:CTI0901"}
    assert "EX-FRONT" in {n.value for n in front.names}
    # The person: the OFSI group and the FCDO entry are one entity, found by the new name's Arabic form.
    assert registry.reader().resolve_ref("هانس مولر")[0] == "gb-hmt-9002"
    assert registry.reader().resolve_ref("EXAMPLE CARRIER")[0] == "gb-uksl-rus2901"
    again = ingest_list(registry, "uk-sanctions-list", [UKSL])
    assert (again.new_claims, again.new_entities) == (0, 0)


def test_a_later_snapshot_diffs_into_a_delisting_and_an_amendment(registry: Store, tmp_path: Path) -> None:
    ingest_list(registry, "uk-sanctions-list", [UKSL])
    # The file of 2026-11-20: the ship delisted, the entity's weak alias dropped.
    text = UKSL.read_bytes().decode("utf-8")
    _report_date, rest = text.split("\r\n", 1)
    rows = list(csv.reader(io.StringIO(rest, newline="")))
    kept = [row for row in rows if not row or (row[1] != "RUS2901" and row[4] != "EX-FRONT")]
    assert len(rows) - len(kept) == 2
    out = io.StringIO()
    out.write("Report Date: 20-Nov-2026\r\n")
    csv.writer(out).writerows(kept)
    path = tmp_path / "UK-Sanctions-List.csv"
    path.write_bytes(out.getvalue().encode("utf-8"))
    report = ingest_list(registry, "uk-sanctions-list", [path])
    assert (report.snapshot_date, report.changes) == (
        date(2026, 11, 20),
        {"amend": 2, "delist": 1},
    )  # amend on each of its 2 lists
    rows = query.changes(registry.reader(), date(2026, 10, 1), jurisdictions=["GB"])["changes"]
    assert sorted((r["date"], r["entity_id"], r["list"], r["action"]) for r in rows) == [
        ("2026-10-09/2026-11-20", "gb-uksl-cti0901", "gb-sanctions-ct", "amend"),
        ("2026-10-09/2026-11-20", "gb-uksl-cti0901", "gb-uksl", "amend"),
        ("2026-10-09/2026-11-20", "gb-uksl-rus2901", "gb-uksl", "delist"),
    ]
    assert _lists(registry, "gb-uksl-rus2901", date(2026, 11, 21)) == {
        "gb-uksl": ("not_listed", "2026-10-09/2026-11-20")
    }
