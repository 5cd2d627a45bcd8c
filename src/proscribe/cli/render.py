"""One output convention for every read command: `--format table|json|csv`, same data, three renderings."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from proscribe.spreadsheet import safe_cell

F = TypeVar("F", bound=Callable[..., Any])
Rows = Callable[[dict[str, Any]], list[dict[str, Any]]]


def output_format(func: F) -> F:
    """Add the shared `--format` option (table by default)."""
    option = click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output format: a human table, the JSON document, or CSV rows.",
    )
    return option(func)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], width: int | None = None) -> str:
    """A plain aligned text table; given a `width`, long cells wrap inside their column to fit it.

    Without a width every row is one line (what `grep` and `cut` expect from a pipe). A terminal
    too narrow for the columns even at their floors (header, longest word) gets one block per row
    instead, a field to a line (`records`), rather than lines the terminal itself would break.
    """
    if not rows:
        return "(no results)"
    cells = [[_cell(row.get(col)) for col in columns] for row in rows]
    widths = [max(len(col), *(len(r[i]) for r in cells)) for i, col in enumerate(columns)]
    if width is not None:
        floors = [
            max([len(col), *(min(len(word), LONGEST_UNBROKEN) for r in cells for word in r[i].split())])
            for i, col in enumerate(columns)
        ]
        if not fits(widths, width) and not fits(floors, width):
            return records(cells, columns, width)
        widths = fit_widths(widths, floors, width)
    lines = ["  ".join(col.upper().ljust(widths[i]) for i, col in enumerate(columns)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        parts = [
            textwrap.wrap(cell, w, break_on_hyphens=False) or [""] if len(cell) > w else [cell]
            for cell, w in zip(r, widths, strict=True)
        ]
        for k in range(max(len(p) for p in parts)):
            line = "  ".join(
                (p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, widths, strict=True)
            )
            lines.append(line.rstrip())
    return "\n".join(lines)


# A word up to this long (a date range, any id) keeps its column wide enough for it; longer ones (URLs) break.
LONGEST_UNBROKEN = 40


def fits(widths: Sequence[int], total: int) -> bool:
    """Whether columns of `widths`, two spaces apart, fit in `total` characters."""
    return sum(widths) + 2 * (len(widths) - 1) <= total


def records(cells: Sequence[Sequence[str]], columns: Sequence[str], width: int) -> str:
    """One block per row, `FIELD  value` a line, values wrapped at `width`; empty fields left out.

    For a terminal narrower than a table's columns: like psql's expanded display, every value
    stays readable at any width.
    """
    label = max(len(col) for col in columns)
    room = max(width - label - 2, 20)
    blocks = []
    for number, row in enumerate(cells, 1):
        lines = [f"-[ {number} ]".ljust(min(width, label + 2 + room), "-")]
        for col, cell in zip(columns, row, strict=True):
            if not cell:
                continue
            wrapped = textwrap.wrap(cell, room, break_on_hyphens=False) or [""]
            lines.append(f"{col.upper().ljust(label)}  {wrapped[0]}")
            lines.extend(f"{'':{label}}  {more}" for more in wrapped[1:])
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def fit_widths(widths: Sequence[int], floors: Sequence[int], total: int) -> list[int]:
    """Column widths that fit `total` characters (two between columns) by narrowing the widest.

    A column never narrows below its floor (its header and its words), so a table too wide even
    then keeps the floors and the terminal wraps it.
    """
    least = [min(w, f) for w, f in zip(widths, floors, strict=True)]
    room = total - 2 * (len(widths) - 1)
    if sum(widths) <= room:
        return list(widths)
    if sum(least) >= room:
        return least
    # The largest cap on column widths that fits: columns narrower than it keep their width.
    low, high = 0, max(widths)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(lo, min(w, cap)) for w, lo in zip(widths, least, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(lo, min(w, low)) for w, lo in zip(widths, least, strict=True)]


def terminal_width() -> int | None:
    """The terminal's width when standard output is one, else None (a pipe gets one line per row)."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header row; a cell a spreadsheet would run as a formula is kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(_cell(row.get(col))) for col in columns])
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Section:
    """One titled table of a multi-part answer (a timeline's intervals, events, proposals, conflicts)."""

    title: str
    rows: Rows
    columns: Sequence[str]
    # Left out when empty: a part only some answers can have (a listing's term run out).
    optional: bool = False


def emit_sections(data: dict[str, Any], fmt: str, sections: Sequence[Section], title: str) -> None:
    """Print `data` as JSON, as CSV rows of its first section, or as a table per section.

    A section with no rows still prints its title with "none", so an empty part (no conflicts)
    reads as checked rather than left out.
    """
    if fmt != "table":
        emit(data, fmt, sections[0].rows, sections[0].columns)
        return
    width = terminal_width()
    parts = [title]
    for section in sections:
        flat = section.rows(data)
        if not flat and section.optional:
            continue
        if not flat:
            parts.append(f"\n{section.title}: none")
            continue
        parts.append(f"\n{section.title} ({len(flat)})\n{table(flat, section.columns, width)}")
    click.echo("\n".join(parts))


def emit(
    data: dict[str, Any], fmt: str, rows: Rows, columns: Sequence[str], title: str | None = None
) -> None:
    """Print `data` as JSON, or its rows (via `rows`) as a table or CSV."""
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    flat = rows(data)
    if fmt == "csv":
        click.echo(to_csv(flat, columns), nl=False)
        return
    if title:
        click.echo(title)
    click.echo(table(flat, columns, terminal_width()))
