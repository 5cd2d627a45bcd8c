"""The CLI as a user runs it: formats, error lines and exit codes, the installed console script."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from proscribe.cli import COMMANDS, load_all, main
from proscribe.store import Store

REPO = Path(__file__).resolve().parents[2]


def invoke(store: Store, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", store.url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_table_is_the_default_and_csv_has_the_same_rows(sqlite_registry: Store) -> None:
    code, out, _ = invoke(sqlite_registry, "status", "Taliban", "--in", "RU", "--at", "2025-06-01")
    assert code == 0
    assert out.splitlines()[0] == "Taliban (taliban) at 2025-06-01"
    assert "ru-terrorist  suspended  2025-04-17" in out
    code, out, _ = invoke(
        sqlite_registry, "status", "Taliban", "--in", "RU", "--at", "2025-06-01", "--format", "csv"
    )
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["list"], row["state"], row["since"], row["sources"]) == (
        "ru-terrorist",
        "suspended",
        "2025-04-17",
        "2",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "Nobody At All"), "error: unknown entity 'Nobody At All'"),
        (("status", "Taliban", "--in", "XX"), "error: unknown jurisdiction 'XX'"),
        (("status", "Taliban", "--at", "2024-02-30"), "error: malformed date '2024-02-30'"),
        (
            ("changes", "--since", "2025-01-01", "--until", "2024-01-01"),
            "error: --until 2024-01-01 is before",
        ),
    ],
)
def test_user_errors_are_one_line_on_stderr_with_exit_2(
    sqlite_registry: Store, args: tuple[str, ...], message: str
) -> None:
    code, out, err = invoke(sqlite_registry, *args)
    assert code == 2
    assert out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_uninitialised_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'empty.db'}", "status", "Taliban"])
    assert result.exit_code == 1
    assert "is not initialised: run `proscribe init`" in result.stderr


def test_search_and_sources(sqlite_registry: Store) -> None:
    code, out, _ = invoke(sqlite_registry, "search", "талиб", "--format", "csv")
    assert code == 0 and "taliban,Taliban,Талибан" in out
    code, out, _ = invoke(sqlite_registry, "sources", "Taliban", "--in", "KG", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3
    assert {r["url"] for r in rows if r["action"] == "delist"} == {
        "https://yenisafak.com/en/news/taliban-disappears-from-kyrgyzstans-list-of-prohibited-organizations-3690483",
        "https://dcyh5l5lgidpq.cloudfront.net/a/kyrgyzstan-afghanistan-taliban-terrorist-list/33109802.html",
    }


def test_installed_console_script_runs(sqlite_registry: Store) -> None:
    script = Path(sys.executable).with_name("proscribe")
    env = {**os.environ, "PROSCRIBE_DB_URL": sqlite_registry.url}
    done = subprocess.run(
        [str(script), "status", "Taliban", "--in", "KZ", "--at", "2024-03-01", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"state": "uncertain"' in done.stdout


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            out.extend(_commands(command, full + " "))
        else:
            out.append(full)
    return out


def test_every_command_and_option_is_documented() -> None:
    load_all()
    doc = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))
    missing = [f"proscribe {c}" for c in _commands(main) if f"proscribe {c}" not in doc]
    assert missing == [], f"undocumented commands in docs/: {missing}"
    options = {
        opt
        for name in _commands(main)
        for param in _lookup(name).params
        for opt in getattr(param, "opts", [])
        if opt.startswith("--") and opt != "--help"
    }
    assert sorted(o for o in options if o not in doc) == []


def _lookup(path: str) -> click.Command:
    command: click.Command = main
    for part in path.split():
        assert isinstance(command, click.Group)
        command = command.commands[part]
    return command


def test_lazy_command_table_matches_what_modules_register() -> None:
    load_all()
    registered = _commands(main)
    assert [c for c in registered if c not in COMMANDS and c.split()[0] not in COMMANDS] == []
    assert all(_lookup(path) is not None for path in COMMANDS)
