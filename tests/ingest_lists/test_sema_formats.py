"""Canada's SEMA list across its changes of format: a snapshot in the later English tags, then one in
the bilingual tags, ingested as a user would, diff into exactly the changes the list made."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store

from proscribe.cli import main


def test_sema_snapshots_in_two_formats_diff_into_the_lists_own_changes(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, ["--db", store.url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    def ingest(name: str, day: str) -> dict[str, object]:
        out = run("ingest", "list", "ca-sema", str(FIXTURES / "ca" / name), "--date", day, "--format", "json")
        report: dict[str, object] = json.loads(out)["imports"][0]
        return report

    first = ingest("sema_2023.xml", "2023-06-01")
    assert (first["records"], first["new_entities"]) == (5, 5)
    second = ingest("sema_2025.xml", "2025-03-01")
    # Four records unchanged through the change of tags; Haiti's item 2 gone, Moldova's item 21 new.
    assert (second["records"], second["new_entities"], second["changes"]) == (5, 1, {"delist": 1, "list": 1})
    again = ingest("sema_2025.xml", "2025-03-01")
    assert (again["new_claims"], again["already_held"]) == (0, True)

    changes = json.loads(run("changes", "--since", "2023-01-01", "--list", "ca-sema", "--format", "json"))
    assert [(c["date"], c["entity_id"], c["action"]) for c in changes["changes"]] == [
        # The ship's listing, dated by the file (DateOfListing), before the first snapshot held.
        ("2023-05-19", "ca-sema-ru-1-part-3-7", "list"),
        ("2024-12-09", "ca-sema-md-1-part-1-21", "list"),
        # The file dates no removal: it fell between the two snapshots.
        ("2023-06-02/2025-03-01", "ca-sema-ht-1-part-2-2", "delist"),
    ]

    # The ship is found by its IMO number, and exported with it.
    status = json.loads(run("status", "imo:9300104", "--in", "CA", "--format", "json"))
    assert status["entity"]["id"] == "ca-sema-ru-1-part-3-7"
    exported = run("export", "ftm", "--entity", "imo:9300104")
    ship = json.loads(exported.splitlines()[0])
    assert (ship["schema"], ship["properties"]["imoNumber"]) == ("Vessel", ["9300104"])
