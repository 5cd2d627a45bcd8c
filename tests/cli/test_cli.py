"""The CLI as a user runs it: formats, error lines and exit codes, the installed console script."""

from __future__ import annotations

import csv
import io
import json
import os
import re
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
    assert re.search(r"ru-terrorist  suspended +2025-04-17", out)  # no part named: the SCOPE cell is blank
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


def test_status_table_spells_out_its_conflicts(sqlite_registry: Store) -> None:
    code, out, _ = invoke(sqlite_registry, "status", "Taliban", "--in", "KZ", "--at", "2024-03-01")
    assert code == 0
    lines = out.splitlines()
    assert "kz-terrorist  uncertain" in _part(lines, "Lists (1)")[3]
    conflicts = [re.split(r"\s{2,}", line) for line in _part(lines, "Conflicts (2)")[3:]]
    assert conflicts == [
        [
            "KZ",
            "kz-terrorist",
            "date",
            "sources disagree on the date of the list: 2005-03-15 (2 sources); also reported: 2015",
            "2015 set aside: already listed on 2006-10-12 per a curated source",
        ],
        [
            "KZ",
            "kz-terrorist",
            "date",
            "2023-12-29/2024-06-02",
            "sources disagree on the date of the delist: 2023-12-29 (3 sources) vs 2024-06-03 (2 sources)",
        ],
    ]
    code, out, _ = invoke(sqlite_registry, "status", "Taliban", "--in", "TR", "--at", "2025-06-01")
    assert out.splitlines()[-1] == "Conflicts: none"
    # A qualified answer says so: a state seen on a date, with nothing known before it.
    code, out, _ = invoke(
        sqlite_registry, "status", "Taliban", "--in", "CA", "--at", "2025-06-01", "--format", "csv"
    )
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["state"], row["since"], row["note"]) == (
        "listed",
        "2025-04-17",
        "at least since 2025-04-17 (per a curated source; earlier state unknown)",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "Nobody At All"), "error: unknown entity 'Nobody At All'"),
        (("status", "Taliban", "--in", "XX"), "error: unknown jurisdiction 'XX'"),
        (("status", "Taliban", "--at", "2024-02-30"), "error: malformed date '2024-02-30'"),
        (("status", "Taliban", "--at", ""), "error: malformed date ''"),
        (("screen", "Taliban\nHamas"), "error: NAME 'Taliban\\nHamas' holds a line break: give one name"),
        (("timeline", "Taliban", "--as-of", ""), "error: malformed date ''"),
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


def test_in_takes_comma_separated_codes_as_the_api_does(sqlite_registry: Store) -> None:
    """`--in ru,kz` is `--in RU --in KZ` (the API's `in=RU,KZ`); an empty `--in` is refused rather than
    read as no filter, which would answer for every jurisdiction."""
    both = ("status", "Taliban", "--at", "2024-03-01", "--format", "csv")
    code, out, _ = invoke(sqlite_registry, *both, "--in", "ru,kz")
    assert code == 0
    assert [(r["jurisdiction"], r["state"]) for r in csv.DictReader(io.StringIO(out))] == [
        ("KZ", "uncertain"),
        ("RU", "listed"),
    ]
    assert invoke(sqlite_registry, *both, "--in", "RU", "--in", "KZ")[1] == out
    code, out, err = invoke(sqlite_registry, *both, "--in", " , ")
    assert (code, out) == (2, "")
    assert "Invalid value for '--in': empty: give a jurisdiction code such as RU or UN" in err


def test_uninitialised_database_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{tmp_path / 'empty.db'}", "status", "Taliban"])
    assert result.exit_code == 1
    assert "is not initialised: run `proscribe init`" in result.stderr
    # Asking did not create the file: `init` later is not fooled, and nothing is left behind.
    assert not (tmp_path / "empty.db").exists()


def test_extract_without_a_database_uses_the_bundled_registry_and_creates_no_file(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "On 3 March 2021 Canada listed the Proud Boys as a terrorist entity.\n", encoding="utf-8"
    )
    db = tmp_path / "never.db"
    result = CliRunner().invoke(
        main, ["--db", f"sqlite:///{db}", "extract", str(article), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [claim] = json.loads(result.stdout)
    assert (claim["jurisdiction"], claim["action"], claim["date"]) == ("CA", "list", "2021-03-03")
    assert not db.exists()


def test_search_and_sources(sqlite_registry: Store) -> None:
    code, out, _ = invoke(sqlite_registry, "search", "талиб", "--format", "csv")
    assert code == 0 and "taliban,Taliban,Талибан,name" in out
    code, out, _ = invoke(sqlite_registry, "search", "Талибн", "--format", "csv")
    assert out.splitlines() == ["entity_id,name,matched_name,match", "taliban,Taliban,Талибан,similar"]
    code, out, _ = invoke(sqlite_registry, "sources", "Taliban", "--in", "KG", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3
    # On whose word: the curator's remark travels with the claim into the table and CSV.
    [yeni] = [r for r in rows if "yenisafak" in r["url"]]
    assert yeni["note"] == (
        "Updated list of 20 banned groups published 2 Sept 2024 without the Taliban; "
        "no formal announcement at the time."
    )
    assert {r["url"] for r in rows if r["action"] == "delist"} == {
        "https://yenisafak.com/en/news/taliban-disappears-from-kyrgyzstans-list-of-prohibited-organizations-3690483",
        "https://dcyh5l5lgidpq.cloudfront.net/a/kyrgyzstan-afghanistan-taliban-terrorist-list/33109802.html",
    }


def test_timeline_table_shows_events_proposals_and_conflicts_not_only_intervals(
    sqlite_registry: Store,
) -> None:
    """The human table is where an analyst reads a disagreement: every part of the timeline is there,
    a date set aside is marked so, and an empty part says "none" rather than vanishing."""
    code, out, _ = invoke(sqlite_registry, "timeline", "Taliban", "--in", "KZ")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Taliban (taliban)"
    titles = [line for line in lines if line and line[0].isupper() and not line.startswith(("JURIS", "KZ"))]
    assert titles[1:] == ["Intervals (4)", "Events (4)", "Proposals: none", "Conflicts (2)"]
    events = out[out.index("Events (4)") : out.index("Proposals")].splitlines()[3:-1]
    assert [re.split(r"\s{2,}", line)[2:4] for line in events] == [
        ["2005-03-15", "list"],
        ["2015", "list (refuted)"],
        ["2023-12-29", "delist"],
        ["2024-06-03", "delist"],
    ]
    assert any(
        "sources disagree on the date of the delist: 2023-12-29 (3 sources) vs 2024-06-03 (2 sources)" in line
        for line in lines
    )
    assert any("2015 set aside: already listed on 2006-10-12 per a curated source" in line for line in lines)

    code, out, _ = invoke(sqlite_registry, "timeline", "Taliban", "--in", "RU", "--as-of", "2025-01-01")
    assert out.splitlines()[0] == "Taliban (taliban) as known on 2025-01-01"
    proposals = out[out.index("Proposals (2)") : out.index("Conflicts")]
    assert "2024-05-27  propose_delist" in proposals and "2024-12-28  propose_delist" in proposals

    code, out, _ = invoke(sqlite_registry, "timeline", "Taliban", "--in", "KZ", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["state"], r["from"]) for r in rows] == [
        ("not_listed", ""),
        ("listed", "2005-03-15"),
        ("uncertain", "2023-12-29"),
        ("not_listed", "2024-06-03"),
    ]


def test_matrix_rows_name_each_organisation(sqlite_registry: Store) -> None:
    """ "Which organisations does Russia list" is answered with names, not only ids."""
    code, out, _ = invoke(sqlite_registry, "matrix", "--in", "RU", "--at", "2024-06-01", "--format", "csv")
    assert code == 0
    rows = {(r["entity_id"], r["list"]): r for r in csv.DictReader(io.StringIO(out))}
    assert (rows[("taliban", "ru-terrorist")]["name"], rows[("taliban", "ru-terrorist")]["state"]) == (
        "Taliban",
        "listed",
    )
    assert rows[("lgbt-movement", "ru-extremist")]["since"] == "2023-11-30"


def test_changes_mark_a_refuted_event(sqlite_registry: Store) -> None:
    """A report the resolver set aside still appears among the changes, marked, never as plain fact."""
    code, out, _ = invoke(
        sqlite_registry,
        "changes",
        "--since",
        "2005-01-01",
        "--until",
        "2015-12-31",
        "--in",
        "KZ",
        "--entity",
        "taliban",
        "--format",
        "csv",
    )
    assert code == 0
    rows = [(r["date"], r["action"], r["refuted"]) for r in csv.DictReader(io.StringIO(out))]
    assert rows == [("2005-03-15", "list", ""), ("2015", "list", "refuted")]


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
    """A fresh `proscribe A B` loads the module COMMANDS gives for its longest listed prefix.

    So that module must be the one defining the command, or the command is found only once some
    other command happened to load its module (in-process tests pass; a real shell says "no such").
    """
    load_all()
    unreachable = []
    for path in _commands(main):
        words = path.split()
        owner = next(
            (
                COMMANDS[" ".join(words[:n])]
                for n in range(len(words), 0, -1)
                if " ".join(words[:n]) in COMMANDS
            ),
            None,
        )
        command = _lookup(path)
        if isinstance(command, click.Group) and command.callback is None:
            continue
        defined_in = getattr(command.callback, "__module__", "")
        if owner is None or defined_in != f"proscribe.cli.{owner}":
            unreachable.append((path, owner, defined_in))
    assert unreachable == []
    assert all(_lookup(path) is not None for path in COMMANDS)


def test_tables_wrap_long_cells_to_a_width_and_stay_one_line_per_row_without_one() -> None:
    from proscribe.cli.render import fit_widths, table

    rows = [
        {
            "in": "KZ",
            "authority": "Ministry of Foreign Affairs of Kazakhstan (announcement); Security Council",
        },
        {"in": "RU", "authority": "Supreme Court"},
    ]
    assert table(rows, ["in", "authority"], 40).splitlines() == [
        "IN  AUTHORITY",
        "--  ------------------------------------",
        "KZ  Ministry of Foreign Affairs of",
        "    Kazakhstan (announcement); Security",
        "    Council",
        "RU  Supreme Court",
    ]
    assert len(table(rows, ["in", "authority"]).splitlines()) == 4
    # Only the widest columns narrow, never below their floor (header, longest word).
    assert fit_widths([2, 30, 70], [2, 9, 7], 80) == [2, 30, 44]
    assert fit_widths([2, 40, 70], [2, 9, 7], 80) == [2, 37, 37]
    assert fit_widths([2, 30, 70], [2, 9, 7], 200) == [2, 30, 70]
    assert fit_widths([20, 30, 70], [20, 9, 12], 30) == [20, 9, 12]


def _in_terminal(columns: int, *args: str) -> list[str]:
    """The lines the installed command prints on a pseudo-terminal `columns` wide."""
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50"}
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("proscribe")), *args], stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=60) == 0
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n").splitlines()


def _part(lines: list[str], title: str) -> list[str]:
    """The title line of a part of a table answer and its lines, up to the blank line ending it."""
    start = lines.index(title)
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def test_a_terminal_gets_the_table_wrapped_to_its_width(sqlite_registry: Store) -> None:
    args = ["--db", sqlite_registry.url, "status", "Taliban", "--in", "KZ", "--at", "2024-07-01"]
    everything = _in_terminal(150, *args)
    assert max(len(line) for line in everything) <= 150
    lines = _part(everything, "Lists (1)")
    assert lines[1].startswith("JURISDICTION  LIST")
    # The deciding authorities wrap inside their column; joined again they read as in the JSON.
    code, out, _ = invoke(sqlite_registry, *args[2:], "--format", "json")
    assert code == 0
    [kz] = json.loads(out)["jurisdictions"]
    authority = kz["lists"][0]["authority"]
    start = lines[1].index("AUTHORITY")
    end = start + len(lines[2][start:].split("  ")[0])
    wrapped = " ".join(line[start:end].strip() for line in lines[3:] if line[start:end].strip())
    assert wrapped == authority
    assert len(lines) > 4


def test_a_terminal_too_narrow_for_the_columns_gets_one_block_per_row(sqlite_registry: Store) -> None:
    args = ["--db", sqlite_registry.url, "status", "Taliban", "--at", "2024-07-01"]
    everything = _in_terminal(72, *args)
    assert max(len(line) for line in everything) <= 72
    lines = _part(everything, "Lists (8)")
    code, out, _ = invoke(sqlite_registry, *args[2:], "--format", "json")
    assert code == 0
    rows = [
        (j["jurisdiction"], item["list"]) for j in json.loads(out)["jurisdictions"] for item in j["lists"]
    ]
    # One numbered block per (jurisdiction, list), in the table's order, each field on its own line.
    blocks = [i for i, line in enumerate(lines) if line.startswith("-[ ")]
    assert [lines[i].split()[1] for i in blocks] == [str(n) for n in range(1, len(rows) + 1)]
    assert [(lines[i + 1].split()[1], lines[i + 2].split()[1]) for i in blocks] == rows
    assert lines[blocks[0] + 1].startswith("JURISDICTION  ")
