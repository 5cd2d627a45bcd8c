"""The writer lock: imports running at once, in threads or processes, queue instead of racing.

Two imports of one file at once used to fail with a UNIQUE constraint error (each checked what
was stored, then both inserted), and two different snapshots at once would each diff against a
database the other was changing. Under the lock the second waits, then finds the first's work.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.errors import StoreError
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ListImportReport, ingest_list
from proscribe.store import Store, open_store

UN = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un"


def _claim_ids(store: Store) -> set[str]:
    return {c.id for c in store.reader().claims()}


def test_imports_started_together_queue_and_agree_with_imports_run_in_turn(
    registry: Store, tmp_path: Path
) -> None:
    files = [
        UN / "un_2020-01-01.xml",
        UN / "un_2020-01-01.xml",
        UN / "un_2020-02-01.xml",
        UN / "un_2020-02-01.xml",
    ]
    start = threading.Barrier(len(files))
    reports: list[ListImportReport] = []
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        # Each thread its own Store, as each process would have: only the lock stands between them.
        own = open_store(registry.url)
        start.wait()
        try:
            reports.append(ingest_list(own, "un-sc-consolidated", [path]))
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=run, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each file was imported once; its second import found it held.
    assert sorted((r.snapshot_date.isoformat(), r.already_held) for r in reports) == [
        ("2020-01-01", False),
        ("2020-01-01", True),
        ("2020-02-01", False),
        ("2020-02-01", True),
    ]
    in_turn = open_store(f"sqlite:///{tmp_path / 'in-turn.db'}")
    init_registry(in_turn)
    # The lock let them through one at a time, in the order they finished: replay that order.
    for report in reports:
        if not report.already_held:
            ingest_list(in_turn, "un-sc-consolidated", [Path(f) for f in report.files])
    assert _claim_ids(registry) == _claim_ids(in_turn)
    delists = [c for c in registry.reader().claims(entity_id="un-qdi-901") if c.action == "delist"]
    assert [c.date.iso() for c in delists] == ["2020-01-02/2020-02-01"]


def test_a_writer_that_cannot_get_the_lock_in_time_says_the_database_is_busy(registry: Store) -> None:
    """Another process holds the lock: a write waits, then fails with a clear StoreError, and
    succeeds once the holder has gone (even killed: the lock dies with its holder)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from proscribe.store import open_store\n"
            "with open_store(sys.argv[1]).writing():\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            registry.url,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        began = time.monotonic()
        with pytest.raises(StoreError) as raised, registry.writing(timeout=0.5):
            pass
        assert time.monotonic() - began >= 0.5
        assert str(raised.value) == (
            f"database {registry.url} is busy: another import, update or identity change has been "
            "writing to it for over 0.5 s; try again when it ends"
        )
        before = registry.reader().content_hash()
        with pytest.raises(StoreError, match="is busy"), registry.writing(timeout=0.2):
            ingest_list(registry, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
        assert registry.reader().content_hash() == before
    finally:
        holder.kill()
        holder.wait()
    report = ingest_list(registry, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    # 4 state claims, 3 dated listings and TAi.902's move from un-1267 to un-1988 in 2011 (2 more).
    assert (report.new_claims, report.already_held) == (9, False)


def test_the_lock_is_reentrant_within_an_import(registry: Store) -> None:
    """An import holds the lock for its whole read-diff-write and opens write transactions inside it."""
    with registry.writing(timeout=0.5):
        report = ingest_list(registry, "un-sc-consolidated", [UN / "un_2020-01-01.xml"])
    assert (report.new_claims, report.already_held) == (9, False)  # the file's claims, as above


def test_the_wait_is_set_by_the_environment_and_a_bad_value_is_a_clear_error(
    registry: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROSCRIBE_WRITE_LOCK_TIMEOUT", "soon")
    result = CliRunner().invoke(
        main, ["--db", registry.url, "ingest", "list", "un-sc-consolidated", str(UN / "un_2020-01-01.xml")]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: PROSCRIBE_WRITE_LOCK_TIMEOUT='soon': give a number of seconds (0 or more)\n"
    )
