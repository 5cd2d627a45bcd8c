"""One output convention for every read command: `--format table|json|csv`, same data, three renderings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

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


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain aligned text table."""
    if not rows:
        return "(no results)"
    cells = [[_cell(row.get(col)) for col in columns] for row in rows]
    widths = [max(len(col), *(len(r[i]) for r in cells)) for i, col in enumerate(columns)]
    lines = ["  ".join(col.upper().ljust(widths[i]) for i, col in enumerate(columns)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(r[i].ljust(widths[i]) for i in range(len(columns))).rstrip() for r in cells)
    return "\n".join(lines)


def to_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(col)) for col in columns])
    return buffer.getvalue()


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
    click.echo(table(flat, columns))
