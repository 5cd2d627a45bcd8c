"""What a snapshot covers: partial files prove no absence, a set without its alias file states no aliases."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store, shared, un_excerpt
from lxml import etree
from sqlalchemy import select

from proscribe import query
from proscribe.cli import main
from proscribe.errors import InputError
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.query.official import snapshots_held
from proscribe.sources.common import InputFile
from proscribe.sources.meta import source_meta
from proscribe.sources.ofac_enhanced import parse as parse_enhanced
from proscribe.store import Store, schema

UN = FIXTURES / "un"


def _changes(store: Store, source_id: str | None = None) -> list[tuple[str, str, str, str, str]]:
    """(action, record, list, window, source) of every list/delist/amend claim, in a stable order."""
    c = schema.claims
    query = select(c.c.action, c.c.record_key, c.c.list_id, c.c.date_earliest, c.c.date_latest, c.c.source_id)
    query = query.where(
        c.c.action.in_(["list", "delist", "amend"]),
        c.c.kind == "event",
        c.c.source_id.in_(select(schema.snapshots.c.id)),
    )
    if source_id is not None:
        query = query.where(c.c.source_id == source_id)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return sorted((r[0], r[1], r[2] or "", f"{r[3]}..{r[4]}", r[5]) for r in rows)


def test_a_partial_excerpt_proves_no_absence_and_full_snapshots_still_diff_across_it(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    excerpt = un_excerpt(tmp_path, {"TAi.902"}, "2020-01-15")
    report = ingest_list(store, "un-sc-consolidated", [excerpt], partial=True)
    # One record shown: its state claim and its dated listing, which for TAi.902 (2001, before
    # un-1988 opened) is three (on un-1267, moved to un-1988 on 2011-06-17); nothing read into the
    # three left out.
    assert (report.records, report.new_claims, report.changes) == (1, 4, {})
    later = ingest_list(store, "un-sc-consolidated", [UN / "un_2020-02-01.xml"])
    # The full snapshot of 2020-02-01 is compared with the full one of 2020-01-01, not the excerpt:
    # the same changes as with no excerpt held, and the delisting's window starts after 2020-01-01.
    assert later.changes == {"amend": 1, "delist": 1, "list": 1}
    delist = [row for row in _changes(store) if row[0] == "delist"]
    # And TAi.902's move off un-1267 when un-1988 opened (its 2001 listing date is before), stated
    # by the whole lists' run of it (begun on 2020-01-01) and by the excerpt's.
    transfer = ("delist", "TAi.902", "un-1267", "2011-06-17..2011-06-17")
    assert [row[:4] for row in delist] == [
        ("delist", "QDi.901", "un-1267", "2020-01-02..2020-02-01"),
        transfer,
        transfer,
    ]
    assert sorted(row[4] for row in delist if row[1] == "TAi.902") == sorted(
        _snapshot_of(store, day) for day in ("2020-01-01", "2020-01-15")
    )

    held = snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"]
    assert [(s["date"], s["covers"], s["partial"], s["compared_with"]) for s in held] == [
        ("2020-01-01", "the whole list", False, "un-sc-consolidated"),
        (
            "2020-01-15",
            "part of the list (marked partial at import)",
            True,
            f"un-sc-consolidated~{held[1]['id']}",
        ),
        ("2020-02-01", "the whole list", False, "un-sc-consolidated"),
    ]


def test_a_partial_excerpt_imported_last_between_two_full_snapshots_changes_nothing(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-02-01.xml"])
    before = _changes(store)
    report = ingest_list(
        store, "un-sc-consolidated", [un_excerpt(tmp_path, {"QDe.900"}, "2020-01-20")], partial=True
    )
    assert report.changes == {}
    # Only what the excerpt states: the listing date its record gives (LISTED_ON), cited to it.
    added = sorted(set(_changes(store)) - set(before))
    assert [row[:4] for row in added] == [("list", "QDe.900", "un-1267", "2014-05-14..2014-05-14")]
    assert set(before) <= set(_changes(store))


def test_without_partial_the_same_excerpt_is_refused_or_read_as_delistings(tmp_path: Path) -> None:
    """The control: what --partial prevents, and why a file a quarter smaller is refused."""
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    excerpt = un_excerpt(tmp_path, {"TAi.902"}, "2020-01-15")
    with pytest.raises(InputError, match="import it with --partial"):
        ingest_list(store, "un-sc-consolidated", [excerpt])
    report = ingest_list(store, "un-sc-consolidated", [excerpt], whole=True)
    assert report.changes == {"delist": 3}


def test_a_file_losing_a_quarter_is_refused_and_a_tenth_is_reported(tmp_path: Path) -> None:
    """A file cut at a line boundary parses; read as the whole list it delists the rest for good.
    Real lists lose a few percent at a time: over a quarter is refused, over a tenth is reported."""
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])  # 4 records
    before = store.reader().content_hash()
    half = un_excerpt(tmp_path, {"QDe.900", "QDi.901"}, "2020-01-15")
    with pytest.raises(InputError, match=r"2 records against 4 in the snapshot of 2020-01-01 \(50% fewer\)"):
        ingest_list(store, "un-sc-consolidated", [half])
    assert store.reader().content_hash() == before
    three = un_excerpt(tmp_path, {"QDe.900", "QDi.901", "TAi.902"}, "2020-01-20")
    report = ingest_list(store, "un-sc-consolidated", [three])
    assert report.changes == {"delist": 1}
    assert [w for w in report.warnings if "fewer" in w] == [
        f"{three}: 3 records against 4 in the snapshot of 2020-01-01 (25% fewer): more than a list usually "
        "loses at once; every record it leaves out is now delisted. If the file may be cut short, check it "
        "against the publisher's"
    ]
    again = ingest_list(
        store, "un-sc-consolidated", [un_excerpt(tmp_path, {"QDe.900", "QDi.901", "TAi.902"}, "2020-02-01")]
    )
    assert [w for w in again.warnings if "fewer" in w] == []


def test_partial_does_not_apply_to_delta_files(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    delta = next((FIXTURES / "ftm").glob("*delta*.json"))
    with pytest.raises(InputError, match="--partial does not apply"):
        ingest_list(store, "opensanctions-ftm-delta", [delta], date(2024, 5, 28), partial=True)


def test_cli_partial_flag(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    runner = CliRunner()
    base = ["--db", store.url, "ingest", "list", "un-sc-consolidated"]
    assert runner.invoke(main, [*base, str(UN / "un_2020-01-01.xml")]).exit_code == 0
    excerpt = str(un_excerpt(tmp_path, {"TAi.902"}, "2020-01-15"))
    result = runner.invoke(main, [*base, excerpt, "--partial", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imports"][0]["changes"] == {}
    listed = runner.invoke(
        main, ["--db", store.url, "sources", "list", "un-sc-consolidated", "--format", "csv"]
    )
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("date,id,records,claims,covers,partial,not_stated,files,")
    assert [line.split(",")[4:6] for line in lines[1:]] == [
        ["the whole list", "False"],
        ["part of the list (marked partial at import)", "True"],
    ]


# -- OFAC sets without their alias file ---------------------------------------------------------------


def _set(folder: Path, sdn: str, with_alt: bool) -> list[Path]:
    folder.mkdir()
    (folder / "sdn.csv").write_text(sdn, encoding="cp1252")
    files = [folder / "sdn.csv"]
    for name in ("alt.csv", "add.csv") if with_alt else ():
        shutil.copy(FIXTURES / "ofac-2020-01" / name, folder / name)
        files.append(folder / name)
    return files


def test_a_set_without_its_alias_file_compares_primary_names_only(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    sdn = (FIXTURES / "ofac-2020-01" / "sdn.csv").read_text(encoding="cp1252")
    ingest_list(store, "us-ofac-sdn-csv", _set(tmp_path / "a", sdn, True), date(2020, 1, 15))
    renamed = sdn.replace('"DOE, John"', '"DOE, John Q."')
    report = ingest_list(store, "us-ofac-sdn-csv", _set(tmp_path / "b", renamed, False), date(2020, 2, 1))
    # Records 10 and 11 have aliases in alt.csv; the second set has none. Only the renaming is an amend.
    assert report.changes == {"amend": 1}
    with store.engine.connect() as conn:
        notes = conn.execute(
            select(schema.claims.c.record_key, schema.claims.c.note).where(
                schema.claims.c.action == "amend", schema.claims.c.record_key != "bundled"
            )
        ).all()
    assert [tuple(row) for row in notes] == [
        (
            "11",
            'renamed "DOE, John" -> "DOE, John Q."; aliases not compared (the snapshot of 2020-02-01 '
            "does not state them)",
        )
    ]
    held = snapshots_held(store.reader(), "us-ofac-sdn-csv")["snapshots"]
    assert [(s["date"], s["not_stated"], s["partial"]) for s in held] == [
        ("2020-01-15", [], False),
        ("2020-02-01", ["addresses", "aliases"], False),
    ]
    # A third, full set: compared with the one before it (no aliases) on primary names too.
    third = ingest_list(store, "us-ofac-sdn-csv", _set(tmp_path / "c", renamed, True), date(2020, 3, 1))
    assert third.changes == {}


def _amends(store: Store) -> list[tuple[str, str, str, str]]:
    """(record, list, window, note) of every amend claim read from a list snapshot."""
    c = schema.claims
    query = select(c.c.record_key, c.c.list_id, c.c.date_earliest, c.c.date_latest, c.c.note).where(
        c.c.action == "amend", c.c.source_id.in_(select(schema.snapshots.c.id))
    )
    with store.engine.connect() as conn:
        return sorted((r[0], r[1], f"{r[2]}..{r[3]}", r[4]) for r in conn.execute(query))


def test_aliases_are_compared_across_a_set_that_does_not_state_them(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    sdn = (FIXTURES / "ofac-2020-01" / "sdn.csv").read_text(encoding="cp1252")
    ingest_list(store, "us-ofac-sdn-csv", _set(tmp_path / "a", sdn, True), date(2020, 1, 15))
    assert (
        ingest_list(store, "us-ofac-sdn-csv", _set(tmp_path / "b", sdn, False), date(2020, 2, 1)).changes
        == {}
    )
    # The third set drops record 10's former name and gives record 11 a new alias.
    third = _set(tmp_path / "c", sdn, True)
    alt = (tmp_path / "c" / "alt.csv").read_text(encoding="cp1252")
    changed = alt.replace('10,2,"fka","OLD EXAMPLE TRADING",-0- \n', "") + '11,5,"aka","DOE, Jack",-0- \n'
    (tmp_path / "c" / "alt.csv").write_text(changed, encoding="cp1252")
    report = ingest_list(store, "us-ofac-sdn-csv", third, date(2020, 3, 1))
    # Compared with the set of 2020-01-15, the last that stated aliases; dated within (01-15, 03-01].
    assert report.changes == {"amend": 4}
    why = "compared with the snapshot of 2020-01-15 (the snapshot of 2020-02-01 does not state aliases)"
    dropped = f'names removed: "OLD EXAMPLE TRADING" (former); {why}'
    assert _amends(store) == [
        ("10", "us-fto", "2020-01-16..2020-03-01", dropped),
        ("10", "us-sdgt", "2020-01-16..2020-03-01", dropped),
        ("10", "us-sdn", "2020-01-16..2020-03-01", dropped),
        ("11", "us-sdn", "2020-01-16..2020-03-01", f'names added: "DOE, Jack" (alias); {why}'),
    ]


def test_real_alias_changes_across_a_2021_sdn_csv_alone(tmp_path: Path) -> None:
    first = sorted(shared("us-ofac-sdn-csv", "2019-01").glob("*.csv"))
    later = sorted(shared("us-ofac-sdn-csv", "2021-07").glob("*.csv"))
    (tmp_path / "direct").mkdir()
    (tmp_path / "via").mkdir()
    direct = fresh_store(tmp_path / "direct")
    ingest_list(direct, "us-ofac-sdn-csv", first, date(2019, 1, 15))
    ingest_list(direct, "us-ofac-sdn-csv", later, date(2021, 7, 7))
    store = fresh_store(tmp_path / "via")
    ingest_list(store, "us-ofac-sdn-csv", first, date(2019, 1, 15))
    alone = ingest_list(
        store, "us-ofac-sdn-csv", [shared("us-ofac-sdn-csv", "2021-07", "sdn.csv")], date(2020, 6, 1)
    )
    assert alone.changes == {"amend": 25, "delist": 291, "list": 2204}
    report = ingest_list(store, "us-ofac-sdn-csv", later, date(2021, 7, 7))
    # Alias changes between the two full sets, read across the one without alt.csv: 106 (81 records).
    assert report.changes == {"amend": 106}
    amends = _amends(store)
    across = [row for row in amends if row[2] == "2019-01-16..2021-07-07"]
    assert len(across) == 106 and len({row[0] for row in across}) == 81
    # Each is an amendment the two full sets show when compared directly.
    assert {row[:2] for row in across} <= {row[:2] for row in _amends(direct)}
    # ent_num 12478 (ANSAR BANK): alt.csv of 2021-07 adds alias 41999 "BANK ANSAR".
    assert (
        "12478",
        "us-sdn",
        "2019-01-16..2021-07-07",
        (
            'names added: "BANK ANSAR" (alias); compared with the snapshot of 2019-01-15 (the snapshot '
            "of 2020-06-01 does not state aliases)"
        ),
    ) in across


def test_real_2024_sdn_csv_alone_after_the_full_2021_set(tmp_path: Path) -> None:
    full = sorted(shared("us-ofac-sdn-csv", "2021-07").glob("*.csv"))
    alone = shared("us-ofac-sdn-csv", "2024-04", "sdn.csv")
    store = fresh_store(tmp_path)
    ingest_list(store, "us-ofac-sdn-csv", full, date(2021, 7, 7))
    report = ingest_list(store, "us-ofac-sdn-csv", [alone], date(2024, 4, 10))
    # Comparing every name read each alias of 5,271 records as removed (5,321 amends); primary
    # names alone give 47 renamings. Delistings and listings do not depend on aliases. (3,258
    # listings when the 449 non-SDN rows after the file's end-of-file byte were read as SDN rows.)
    assert report.changes == {"amend": 47, "delist": 500, "list": 2867}
    with store.engine.connect() as conn:
        notes = {
            row.record_key: row.note
            for row in conn.execute(
                select(schema.claims.c.record_key, schema.claims.c.note).where(
                    schema.claims.c.action == "amend", schema.claims.c.record_key != "bundled"
                )
            )
        }
    assert all(note.startswith("renamed ") for note in notes.values())
    assert notes["16692"] == (
        'renamed "SECHIN, Igor" -> "SECHIN, Igor Ivanovich"; aliases not compared (the snapshot of '
        "2024-04-10 does not state them)"
    )


# -- OFAC enhanced XML exports filtered by list or by program -------------------------------------------


def _filtered(filters: str) -> InputFile:
    data = (FIXTURES / "ofac-enhanced" / "enhanced.xml").read_bytes()
    stamp = b"</dataAsOf>"
    return InputFile("enhanced.xml", data.replace(stamp, stamp + filters.encode(), 1))


def test_enhanced_filters_give_the_scope() -> None:
    meta = source_meta("us-ofac-enhanced-xml")
    by_list = parse_enhanced(
        meta,
        [
            _filtered(
                "<filters><sanctionsLists><sanctionsList refId='91512'>Consolidated List</sanctionsList>"
                "</sanctionsLists></filters>"
            )
        ],
    )
    assert (by_list.scope, by_list.partial) == ("lists: Consolidated List", False)
    by_program = parse_enhanced(
        meta,
        [
            _filtered(
                "<filters><sanctionsLists><sanctionsList>SDN List</sanctionsList></sanctionsLists>"
                "<sanctionsPrograms><sanctionsProgram>IRGC</sanctionsProgram></sanctionsPrograms></filters>"
            )
        ],
    )
    assert (by_program.scope, by_program.partial) == ("lists: SDN List; programs: IRGC", True)
    assert by_program.warnings == (
        "enhanced.xml: the file is filtered by programs: IRGC: its records are evidence of presence only; "
        "a record it leaves out is not read as delisted",
    )
    unfiltered = parse_enhanced(meta, [_filtered("")])
    assert (unfiltered.scope, unfiltered.partial) == (None, False)


def test_real_program_exports_are_not_read_as_delistings(tmp_path: Path) -> None:
    folder = shared("us-ofac-enhanced-xml")
    store = fresh_store(tmp_path)
    names = (
        "enhanced_filtered-yemen_2024-05-24.xml",
        "enhanced_program-IRGC_2024-08-28.xml",
        "cons_enhanced_2025-01-10.xml",
    )
    reports = [ingest_list(store, "us-ofac-enhanced-xml", [folder / name]) for name in names]
    # Read as one series these gave 10 + 512 delistings; each export is a different part of the lists.
    assert [(r.records, r.changes) for r in reports] == [(10, {}), (293, {}), (443, {})]
    held = snapshots_held(store.reader(), "us-ofac-enhanced-xml")["snapshots"]
    assert [(s["date"], s["partial"], s["covers"][:31]) for s in held] == [
        ("2024-05-24", True, "lists: CAPTA List, Consolidated"),
        ("2024-08-28", True, "lists: CAPTA List, Consolidated"),
        ("2025-01-10", False, "lists: Consolidated List"),
    ]
    assert held[1]["covers"].endswith("; programs: IRGC")
    assert held[2]["compared_with"] == "us-ofac-enhanced-xml~lists: Consolidated List"


def test_real_uk_excerpt_after_the_full_list(tmp_path: Path) -> None:
    folder = shared("uk-hmt-ofsi-consolidated")
    store = fresh_store(tmp_path)
    ingest_list(store, "uk-hmt-ofsi-consolidated", [folder / "hmt-sanctionsconlist_2014-04-02.csv"])
    excerpt = folder / "hmt-sanctionsconlist_2016-02-12_excerpt.csv"
    # The 2016 file keeps 463 of the list's groups: read whole, it delisted the other 2,120.
    with pytest.raises(
        InputError, match=r"463 records against 2297 in the snapshot of 2014-04-02 \(80% fewer\): refused"
    ):
        ingest_list(store, "uk-hmt-ofsi-consolidated", [excerpt])
    report = ingest_list(store, "uk-hmt-ofsi-consolidated", [excerpt], partial=True)
    assert (report.records, report.changes) == (463, {})


def _cut_un(path: Path, folder: Path, keep: int) -> Path:
    """The real UN file kept well-formed but cut to its first `keep` records of each section."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    for section in root:
        for record in list(section)[keep:]:
            section.remove(record)
    out = folder / f"cut_{path.name}"
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return out


def test_a_whole_snapshot_beside_a_held_cut_one_is_refused_in_either_order(tmp_path: Path) -> None:
    """A cut file held as the whole list makes its neighbour read every record it lacks as removed
    (or removed and listed again): the neighbour is refused, whichever came first, and nothing is stored."""
    june7 = shared("un-sc-consolidated", "un-consolidated_2018-06-07.xml")
    june21 = shared("un-sc-consolidated", "un-consolidated_2018-06-21.xml")
    (tmp_path / "a").mkdir()
    later_cut = fresh_store(tmp_path / "a")
    ingest_list(later_cut, "un-sc-consolidated", [_cut_un(june21, tmp_path, 50)])
    with pytest.raises(InputError, match=r"1098 records against 100 in the snapshot of 2018-06-21 .*refused"):
        ingest_list(later_cut, "un-sc-consolidated", [june7])
    held = snapshots_held(later_cut.reader(), "un-sc-consolidated")["snapshots"]
    assert [s["date"] for s in held] == ["2018-06-21"]
    (tmp_path / "b").mkdir()
    earlier_cut = fresh_store(tmp_path / "b")
    ingest_list(earlier_cut, "un-sc-consolidated", [_cut_un(june7, tmp_path, 50)])
    with pytest.raises(InputError, match=r"1100 records against 100 in the snapshot of 2018-06-07 .*refused"):
        ingest_list(earlier_cut, "un-sc-consolidated", [june21])
    # Both whole after all: said so, it is imported.
    report = ingest_list(earlier_cut, "un-sc-consolidated", [june21], whole=True)
    assert report.records == 1100


def _events(store: Store, record: str) -> list[tuple[str, str, str]]:
    """(action, window, note) of the event claims of one record, in a stable order."""
    c = schema.claims
    query = select(c.c.action, c.c.date_earliest, c.c.date_latest, c.c.note).where(
        c.c.record_key == record, c.c.kind == "event"
    )
    with store.engine.connect() as conn:
        return sorted((r[0], f"{r[1]}..{r[2]}", r[3] or "") for r in conn.execute(query))


def _claim_ids(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(schema.claims.c.id)).scalars())


def test_what_a_partial_snapshot_shows_and_the_next_whole_one_leaves_out_was_removed(tmp_path: Path) -> None:
    """QDi.901 is in the whole list of 2020-01-01 and an excerpt of 2020-01-15, not in the whole list
    of 2020-02-01: removed within 2020-01-16/2020-02-01, which the excerpt narrows; in any order."""
    excerpt = un_excerpt(tmp_path, {"QDi.901"}, "2020-01-15")
    orders = {
        "in date order": [
            (UN / "un_2020-01-01.xml", False),
            (excerpt, True),
            (UN / "un_2020-02-01.xml", False),
        ],
        "excerpt last": [
            (UN / "un_2020-02-01.xml", False),
            (UN / "un_2020-01-01.xml", False),
            (excerpt, True),
        ],
        "excerpt first": [
            (excerpt, True),
            (UN / "un_2020-02-01.xml", False),
            (UN / "un_2020-01-01.xml", False),
        ],
    }
    held: dict[str, set[tuple[str, str, str, str, str]]] = {}
    for name, files in orders.items():
        (tmp_path / name).mkdir()
        store = fresh_store(tmp_path / name)
        for path, partial in files:
            ingest_list(store, "un-sc-consolidated", [path], partial=partial)
        delists = {row for row in _changes(store) if row[0] == "delist"}
        # TAi.902's move off un-1267 when un-1988 opened is a delist too, but one its file's listing
        # date states, cited (like the dated listing) to each snapshot that began a run of it: which
        # of the whole lists those are depends on the import order (claims made stay).
        assert {row[:4] for row in delists if row[1] == "TAi.902"} == {
            ("delist", "TAi.902", "un-1267", "2011-06-17..2011-06-17")
        }
        held[name] = {row for row in delists if row[1] != "TAi.902"}
        assert _events(store, "QDi.901") == [
            ("delist", "2020-01-02..2020-02-01", ""),
            (
                "delist",
                "2020-01-16..2020-02-01",
                "shown by a part of the list of 2020-01-15; the whole list of 2020-02-01 does not show it",
            ),
            # The file's listing date, stated by both whole lists' run and the excerpt's.
            ("list", "2013-07-24..2013-07-24", ""),
            ("list", "2013-07-24..2013-07-24", ""),
        ]
        [un] = query.status(store.reader(), "un-qdi-901", ["UN"], at=date(2020, 3, 1))["jurisdictions"]
        assert [(e["state"], e["since"]) for e in un["lists"]] == [("not_listed", "2020-01-16/2020-02-01")]
    assert held["in date order"] == held["excerpt last"] == held["excerpt first"]


def test_what_a_partial_snapshot_shows_and_the_whole_one_before_left_out_was_listed(tmp_path: Path) -> None:
    """NAe.001 (its listing date unreadable, so undated) is not in a whole list of 2019-12-01 and is in
    an excerpt of 2019-12-20: listed within 2019-12-02/2019-12-20, cited to the excerpt."""
    root = etree.parse(str(UN / "un_2020-01-01.xml")).getroot()
    root.set("dateGenerated", "2019-12-01T10:00:00Z")
    for section in root:
        for record in list(section):
            if record.findtext("REFERENCE_NUMBER", "").strip() == "NAe.001":
                section.remove(record)
    whole = tmp_path / "un_2019-12-01.xml"
    whole.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    excerpt = un_excerpt(tmp_path, {"NAe.001"}, "2019-12-20")
    for name, files in {"whole first": [whole, excerpt], "excerpt first": [excerpt, whole]}.items():
        (tmp_path / name).mkdir()
        store = fresh_store(tmp_path / name)
        for path in files:
            ingest_list(store, "un-sc-consolidated", [path], partial=path == excerpt)
        assert _events(store, "NAe.001") == [("list", "2019-12-02..2019-12-20", "")]
        [listing] = [row for row in _changes(store) if row[1] == "NAe.001"]
        assert listing[4] == _snapshot_of(store, "2019-12-20")


def _snapshot_of(store: Store, day: str) -> str:
    with store.engine.connect() as conn:
        snaps = schema.snapshots
        return str(
            conn.execute(
                select(snaps.c.id).where(snaps.c.snapshot_date == date.fromisoformat(day))
            ).scalar_one()
        )


def test_a_partial_snapshot_a_whole_one_was_compared_with_is_withdrawn_after_it(tmp_path: Path) -> None:
    """The whole list of 2020-02-01 was compared with the excerpt before it: the excerpt cannot go
    first; once the whole list is withdrawn (and the removal it showed with it), it can."""
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [un_excerpt(tmp_path, {"QDi.901"}, "2020-01-15")], partial=True)
    ingest_list(store, "un-sc-consolidated", [UN / "un_2020-02-01.xml"])
    excerpt, whole = _snapshot_of(store, "2020-01-15"), _snapshot_of(store, "2020-02-01")
    with pytest.raises(InputError, match=f"compared with later snapshots.*import them again: {whole} "):
        withdraw_snapshot(store, excerpt, "checking the order")
    # Or with it, in one go: the whole list is the file to import again.
    preview = withdraw_snapshot(store, excerpt, "checking the order", dry_run=True, with_later=True)
    assert [item["id"] for item in preview.import_again] == [whole]
    assert snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"] != []
    withdraw_snapshot(store, whole, "checking the order")
    assert [row[:4] for row in _changes(store)] == [("list", "QDi.901", "un-1267", "2013-07-24..2013-07-24")]
    withdraw_snapshot(store, excerpt, "checking the order")
    assert snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"] == []


def test_real_un_excerpt_entries_no_whole_snapshot_shows_are_removed(tmp_path: Path) -> None:
    """Checked by hand: QDi.199 (ATA ABDOULAZIZ RASHID) and TAi.081 (AHMADULLAH) are in the UN's 2016
    excerpt and in no whole UN file from 2017-06-20 on. They stayed listed for good; now removed
    within 2016-02-12/2017-06-20, in either import order."""
    excerpt = shared("un-sc-consolidated", "un-consolidated_2016-02-11_excerpt.xml")
    whole = shared("un-sc-consolidated", "un-consolidated_2017-06-20.xml")
    held = []
    for name, files in {"excerpt first": [excerpt, whole], "whole first": [whole, excerpt]}.items():
        (tmp_path / name).mkdir()
        store = fresh_store(tmp_path / name)
        reports = [ingest_list(store, "un-sc-consolidated", [p], partial=p == excerpt) for p in files]
        assert reports[1].changes == {"delist": 2}
        expected = {
            "un-qdi-199": [("un-1267", "not_listed", "2016-02-12/2017-06-20")],
            # TAi.081, listed in 2001, was on un-1267 until un-1988 took it over on 2011-06-17.
            "un-tai-081": [
                ("un-1267", "not_listed", "2011-06-17"),
                ("un-1988", "not_listed", "2016-02-12/2017-06-20"),
            ],
        }
        for entity, lists in expected.items():
            [un] = query.status(store.reader(), entity, ["UN"], at=date(2026, 1, 1))["jurisdictions"]
            assert [(e["list"], e["state"], e["since"]) for e in un["lists"]] == lists
        held.append(_claim_ids(store))
    assert held[0] == held[1]


def test_a_file_sharing_hardly_any_record_with_its_neighbour_is_refused(tmp_path: Path) -> None:
    """Two OpenSanctions exports of different datasets (t1: 6 EU FSF entries; zala: 13 others), read
    as two days of one list, were 6 delistings and 13 listings. They share no record: refused in
    either order, and imported with --whole if it really is the list."""
    t1 = shared("opensanctions-ftm", "t1_entities.ftm.json")
    zala = shared("opensanctions-ftm", "zala_entities.ftm.json")
    for name, (first, second) in {"t1 first": (t1, zala), "zala first": (zala, t1)}.items():
        (tmp_path / name).mkdir()
        store = fresh_store(tmp_path / name)
        ingest_list(store, "opensanctions-ftm", [first], snapshot_date=date(2024, 5, 1))
        before = store.reader().content_hash()
        with pytest.raises(
            InputError, match=r"records, 0 of them in the snapshot of 2024-05-01 .*another list"
        ):
            ingest_list(store, "opensanctions-ftm", [second], snapshot_date=date(2024, 5, 2))
        assert store.reader().content_hash() == before
    forced = ingest_list(store, "opensanctions-ftm", [t1], snapshot_date=date(2024, 5, 2), whole=True)
    # Every zala record leaves each list it was on (87 memberships, counted by hand from the file's
    # mapped datasets: 16 for Kalashnikov, 15 for LLC CST, ...), every t1 record joins one.
    assert forced.changes == {"delist": 87, "list": 6}


def test_whole_snapshots_years_apart_may_differ_in_size_as_lists_grow(tmp_path: Path) -> None:
    """OFAC's SDN list grew from 7,378 sdn.csv lines (2019-01) to 11,568 (2024-04): over a quarter,
    but in five years. Either set beside the other is read as a whole list, in either order, with
    the same changes; a file cut to a quarter of the list is still refused five years apart."""
    old = sorted(shared("us-ofac-sdn-csv", "2019-01").glob("*.csv"))
    new = [shared("us-ofac-sdn-csv", "2024-04", "sdn.csv")]
    (tmp_path / "forward").mkdir()
    (tmp_path / "backward").mkdir()
    forward = fresh_store(tmp_path / "forward")
    ingest_list(forward, "us-ofac-sdn-csv", old, date(2019, 1, 15))
    ingest_list(forward, "us-ofac-sdn-csv", new, date(2024, 4, 10))
    # Counted by hand from the two sdn.csv files: 726 ent_nums gone, and 5 that lost a program (the
    # FTO designations revoked in 2022: GAMA'A AL-ISLAMIYYA, AUM SHINRIKYO, KAHANE CHAI, ...); 4,856
    # new, less 391 under programs of the non-SDN lists only (CMIC-EO13959, NS-PLC, ...), plus 36 held
    # ones on a further list; 57 renamed (one claim per list they are on).
    rows = _changes(forward)
    assert {
        action: len({row[1] for row in rows if row[0] == action}) for action in ("list", "delist", "amend")
    } == {
        "list": 4501,
        "delist": 731,
        "amend": 57,
    }
    assert {row[3] for row in rows} == {"2019-01-16..2024-04-10"}
    backward = fresh_store(tmp_path / "backward")
    ingest_list(backward, "us-ofac-sdn-csv", new, date(2024, 4, 10))
    ingest_list(backward, "us-ofac-sdn-csv", old, date(2019, 1, 15))

    def strip(rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, str, str, str]]:
        return [row[:4] for row in rows]

    assert strip(_changes(backward)) == strip(_changes(forward))

    lines = shared("us-ofac-sdn-csv", "2019-01", "sdn.csv").read_bytes().splitlines(keepends=True)
    (tmp_path / "cut").mkdir()
    cut = tmp_path / "cut" / "sdn.csv"
    cut.write_bytes(b"".join(lines[:2500]))
    store = fresh_store(tmp_path / "cut")
    ingest_list(store, "us-ofac-sdn-csv", [cut], date(2019, 1, 15))
    with pytest.raises(InputError, match=r"records against 2500 in the snapshot of 2019-01-15 .*refused"):
        ingest_list(store, "us-ofac-sdn-csv", new, date(2024, 4, 10))
