"""The official-list commands end to end: ingest list (report), sources list (snapshots held)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store, shared

from proscribe.cli import main


def test_ingest_list_report_and_list_sources(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    runner = CliRunner()
    files = [str(FIXTURES / "un" / name) for name in ("un_2020-01-01.xml", "un_2020-02-01.xml")]
    result = runner.invoke(
        main, ["--db", store.url, "ingest", "list", "un-sc-consolidated", *files, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)["imports"]
    assert [(r["snapshot_date"], r["records"], r["new_claims"], r["changes"]) for r in reports] == [
        # 4 records: 4 state claims + 3 dated list events (NAe.001 has no valid LISTED_ON), + 2 for
        # TAi.902's 2001 listing, before un-1988 opened: on un-1267, moved to un-1988 on 2011-06-17.
        ("2020-01-01", 4, 9, {}),
        # Unchanged TAi.902 and NAe.001 only gain a sighting. New QDi.903 and amended QDe.900
        # start runs (state + dated list event each), + delist QDi.901 + amend QDe.900. The changes
        # count QDi.903's dated listing (2020-01-20, per the file) as the addition it is.
        ("2020-02-01", 4, 6, {"amend": 1, "delist": 1, "list": 1}),
    ]
    # Both snapshots hold the unmapped value: one line, counted over the run.
    assert "unmapped un-sc-consolidated: UN_LIST_TYPE=Narnia x2 (in 2 snapshots)\n" in result.stderr
    assert result.stderr.count("UN_LIST_TYPE=Narnia") == 1

    listing = runner.invoke(main, ["--db", store.url, "sources", "list", "--format", "json"])
    rows = {row["source"]: row for row in json.loads(listing.stdout)["sources"]}
    assert (rows["un-sc-consolidated"]["snapshots"], rows["un-sc-consolidated"]["last"]) == (2, "2020-02-01")
    assert rows["us-ofac-sdn-csv"]["snapshots"] == 0
    # A source is labelled with the jurisdictions of the lists its records go on: an aggregator's many.
    assert [
        rows[name]["jurisdiction"] for name in ("un-sc-consolidated", "us-ofac-sdn-csv", "opensanctions-ftm")
    ] == [
        "UN",
        "US",
        "AR, AU, BE, CA, CH, EU, FR, GB, IL, IN, JP, LV, MC, MY, NZ, TW, UA, UN, US",
    ]

    # One source's snapshots: what each answer drawn from the list rests on, to audit it.
    held = runner.invoke(
        main, ["--db", store.url, "sources", "list", "un-sc-consolidated", "--format", "json"]
    )
    assert held.exit_code == 0, held.output
    snapshots = json.loads(held.stdout)["snapshots"]
    assert [(s["date"], s["records"], s["claims"], s["files"]) for s in snapshots] == [
        ("2020-01-01", 4, 9, "un_2020-01-01.xml"),
        ("2020-02-01", 4, 6, "un_2020-02-01.xml"),
    ]
    assert [s["sha256"] for s in snapshots] == [
        hashlib.sha256((FIXTURES / "un" / name).read_bytes()).hexdigest()
        for name in ("un_2020-01-01.xml", "un_2020-02-01.xml")
    ]
    # Read from disk: no retrieval, and no URL (the file did not come from the official one).
    assert {(s["retrieved_at"], s["etag"], s["url"]) for s in snapshots} == {(None, None, None)}
    table = runner.invoke(main, ["--db", store.url, "sources", "list", "un-sc-consolidated"])
    assert table.stdout.splitlines()[0].split() == [
        "DATE",
        "ID",
        "RECORDS",
        "CLAIMS",
        "COVERS",
        "PARTIAL",
        "NOT_STATED",
        "FILES",
        "SHA256",
        "RETRIEVED_AT",
    ]
    assert {(s["covers"], s["partial"], tuple(s["not_stated"])) for s in snapshots} == {
        ("the whole list", False, ())
    }
    unknown = runner.invoke(main, ["--db", store.url, "sources", "list", "narnia-list"])
    assert unknown.exit_code == 2
    assert "unknown source 'narnia-list'; known: ca-sema," in unknown.stderr


def test_unknown_source_is_a_user_error(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    result = CliRunner().invoke(
        main, ["--db", store.url, "ingest", "list", "narnia-list", str(FIXTURES / "un" / "un_2020-01-01.xml")]
    )
    assert result.exit_code == 2
    assert "unknown source 'narnia-list'; known: ca-sema," in result.stderr


def test_a_file_given_to_the_wrong_source_is_refused_naming_the_right_one(tmp_path: Path) -> None:
    """The EU's folder holds its CSV next to its XML, and OFAC's two lists ship look-alike CSV sets:
    a file handed to the wrong source is refused with the source to use, and nothing is stored."""
    store = fresh_store(tmp_path)
    runner = CliRunner()
    eu_csv = shared("eu-fsf", "eu-fsf-csv-v1_2018-07-04_excerpt.csv")
    wrong = runner.invoke(main, ["--db", store.url, "ingest", "list", "eu-fsf", str(eu_csv)])
    assert wrong.exit_code == 1
    # The wrong source first, with the command to use; what the XML reader made of a CSV after it.
    assert wrong.stderr == (
        f"error: {eu_csv}: wrong source: eu-fsf (eu_fsf) does not read the file, but source eu-fsf-csv "
        "does: `proscribe ingest list eu-fsf-csv FILE...` (eu_fsf read it as: line 1: not XML: the file "
        "begins '\"Date_filexxxx;Entity_logical_id;Subject', not with a tag)\n"
    )
    non_sdn = sorted(str(path) for path in shared("us-ofac-non-sdn-csv", "2025-12").glob("*.csv"))
    misfiled = runner.invoke(
        main, ["--db", store.url, "ingest", "list", "us-ofac-sdn-csv", *non_sdn, "--date", "2025-12-01"]
    )
    assert misfiled.exit_code == 1
    assert (
        "cons_add.csv: wrong source: us-ofac-sdn-csv (ofac_csv) does not read the file, but sources "
        "us-ofac-non-sdn-csv and us-ofac-non-sdn-legacy do: "
        "`proscribe ingest list us-ofac-non-sdn-csv FILE...` "
        "(ofac_csv read it as: file name: belongs to the file set of us-ofac-non-sdn-csv, "
        "us-ofac-non-sdn-legacy, not of us-ofac-sdn-csv"
    ) in misfiled.stderr
    listing = runner.invoke(main, ["--db", store.url, "sources", "list", "--format", "json"])
    held = {row["source"]: row["snapshots"] for row in json.loads(listing.stdout)["sources"]}
    assert (held["eu-fsf"], held["eu-fsf-csv"], held["us-ofac-sdn-csv"]) == (0, 0, 0)
    right = runner.invoke(main, ["--db", store.url, "ingest", "list", "eu-fsf-csv", str(eu_csv)])
    assert right.exit_code == 0, right.output


def test_a_failing_file_says_which_files_before_it_were_imported(tmp_path: Path) -> None:
    """Each snapshot is its own transaction: when the second of three fails, the first is stored,
    and the user sees its report and what was not tried, then the error (exit non-zero)."""
    store = fresh_store(tmp_path)
    good = FIXTURES / "un" / "un_2020-01-01.xml"
    broken = tmp_path / "un_2020-01-15.xml"
    broken.write_bytes((FIXTURES / "un" / "un_2020-01-15.xml").read_bytes()[:400])
    files = [str(good), str(broken), str(FIXTURES / "un" / "un_2020-02-01.xml")]
    result = CliRunner().invoke(main, ["--db", store.url, "ingest", "list", "un-sc-consolidated", *files])
    assert result.exit_code != 0
    assert "2020-01-01" in result.stdout
    assert (
        "note: the 1 snapshot(s) above were imported; the next one failed and the 1 after it were not tried"
        in (result.stderr)
    )
    assert str(broken) in result.stderr.splitlines()[-1]
    listing = CliRunner().invoke(main, ["--db", store.url, "sources", "list", "--format", "json"])
    rows = {row["source"]: row for row in json.loads(listing.stdout)["sources"]}
    assert (rows["un-sc-consolidated"]["snapshots"], rows["un-sc-consolidated"]["last"]) == (1, "2020-01-01")


def test_a_snapshot_dated_after_today_is_refused(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    sdn = str(FIXTURES / "ofac-2020-01" / "sdn.csv")
    result = CliRunner().invoke(
        main, ["--db", store.url, "ingest", "list", "us-ofac-sdn-csv", sdn, "--date", "2099-01-01"]
    )
    assert result.exit_code == 2
    assert "--date gives 2099-01-01, after today" in result.stderr


def test_a_dry_run_reports_the_changes_and_stores_nothing(tmp_path: Path) -> None:
    """Claims are never deleted, so an analyst previews a file before importing it: the dry run's report
    is the import's own (same counts, same changes), and the database is left exactly as it was."""
    store = fresh_store(tmp_path)
    runner = CliRunner()
    base = ["--db", store.url, "ingest", "list", "un-sc-consolidated"]
    assert runner.invoke(main, [*base, str(FIXTURES / "un" / "un_2020-01-01.xml")]).exit_code == 0
    before = store.reader().content_hash()
    later = str(FIXTURES / "un" / "un_2020-02-01.xml")

    dry = runner.invoke(main, [*base, later, "--dry-run", "--format", "json"])
    assert dry.exit_code == 0, dry.output
    [preview] = json.loads(dry.stdout)["imports"]
    assert store.reader().content_hash() == before
    assert [str(s["snapshot_date"]) for s in store.reader().snapshots_of("un-sc-consolidated")] == [
        "2020-01-01"
    ]
    assert preview["dry_run"] is True
    assert [(c["list"], c["action"], c["record"], c["date"]) for c in preview["changed"]] == [
        ("un-1267", "amend", "QDe.900", "2020-01-02/2020-02-01"),
        ("un-1267", "delist", "QDi.901", "2020-01-02/2020-02-01"),
        ("un-1267", "list", "QDi.903", "2020-01-20"),
    ]

    real = runner.invoke(main, [*base, later, "--format", "json"])
    [report] = json.loads(real.stdout)["imports"]
    assert report["dry_run"] is False
    assert {**preview, "dry_run": False} == report

    table = runner.invoke(main, [*base, str(FIXTURES / "un" / "un_2020-01-01.xml"), "--dry-run"])
    assert table.stdout.startswith("dry run: nothing was stored\n\nchanges: none\n")
    two = runner.invoke(main, [*base, later, str(FIXTURES / "un" / "un_2020-01-01.xml"), "--dry-run"])
    assert two.exit_code != 0
    assert "--dry-run previews one snapshot at a time (2 given)" in two.output


def test_a_redirected_import_logs_no_progress_bar(tmp_path: Path) -> None:
    """With stderr going to a file (cron, CI), the log gets the notes, not a bar's \\r redraws."""
    store = fresh_store(tmp_path)
    script = Path(sys.executable).with_name("proscribe")
    files = [str(FIXTURES / "un" / "un_2020-01-01.xml"), str(FIXTURES / "un" / "un_2020-02-01.xml")]
    env = {**os.environ, "PROSCRIBE_DB_URL": store.url}
    with (tmp_path / "err.log").open("w") as log:
        done = subprocess.run(
            [str(script), "ingest", "list", "un-sc-consolidated", *files], stderr=log, env=env, check=False
        )
    assert done.returncode == 0
    text = (tmp_path / "err.log").read_text()
    assert "\r" not in text and "it/s" not in text


def test_an_official_claim_names_the_list_record_it_was_read_from(tmp_path: Path) -> None:
    """`sources ENTITY` gives the record key to look up in the publisher's file; other claims have none."""
    store = fresh_store(tmp_path)
    runner = CliRunner()
    files = [str(FIXTURES / "un" / name) for name in ("un_2020-01-01.xml", "un_2020-02-01.xml")]
    assert (
        runner.invoke(main, ["--db", store.url, "ingest", "list", "un-sc-consolidated", *files]).exit_code
        == 0
    )
    result = runner.invoke(main, ["--db", store.url, "sources", "un-qde-900", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # The state claim of each run (the record was amended on 2020-02-01), its dated listing, the amendment.
    assert sorted((r["record"], r["action"], r["state"], r["date"]) for r in rows) == [
        ("QDe.900", "", "listed", "2020-01-01"),
        ("QDe.900", "", "listed", "2020-02-01"),
        ("QDe.900", "amend", "", "2020-01-02/2020-02-01"),
        ("QDe.900", "list", "", "2014-05-14"),
        ("QDe.900", "list", "", "2014-05-14"),
    ]
    # A curated claim has no list record: its evidence is the URL it cites.
    curated = runner.invoke(main, ["--db", store.url, "sources", "taliban", "--in", "KG", "--format", "json"])
    assert curated.exit_code == 0, curated.output
    claims = json.loads(curated.stdout)["claims"]
    assert claims and {c["record"] for c in claims} == {None}


def test_an_entity_is_found_by_its_number_on_a_list(tmp_path: Path) -> None:
    """An analyst holding a UN reference or an OFAC ent_num asks by it (any case, with or without
    the scheme); a number no list gives is still unknown."""
    store = fresh_store(tmp_path)
    runner = CliRunner()
    imported = runner.invoke(
        main,
        [
            "--db",
            store.url,
            "ingest",
            "list",
            "un-sc-consolidated",
            str(FIXTURES / "un" / "un_2020-01-01.xml"),
        ],
    )
    assert imported.exit_code == 0, imported.output
    for ref in ("QDi.901", "qdi.901", "un:QDi.901"):
        result = runner.invoke(main, ["--db", store.url, "status", ref, "--in", "UN", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["entity"]["id"] == "un-qdi-901"
    unknown = runner.invoke(main, ["--db", store.url, "status", "QDi.999"])
    assert unknown.exit_code != 0 and "unknown entity 'QDi.999'" in unknown.stderr
