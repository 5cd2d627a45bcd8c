"""The `proscribe` command: a click group whose commands live in small modules (see COMMAND_MODULES).

Each module exposes `register(main)`. Command bodies stay thin: parse options, call one core
function, render. ProscribeError subclasses become one line on stderr: exit 2 for user errors
(unknown entity or jurisdiction, malformed date), 1 for data or store problems.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from proscribe.errors import InputError, ProscribeError

COMMAND_MODULES: tuple[str, ...] = ("registry", "screen", "lists", "serve", "news")


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except ProscribeError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="proscribe")
@click.option(
    "--db", "db_url", envvar="PROSCRIBE_DB_URL", help="Database URL (default: sqlite:///proscribe.db)."
)
@click.pass_context
def main(ctx: click.Context, db_url: str | None) -> None:
    """proscribe: who designates whom, since when, on whose word."""
    ctx.obj = {"db_url": db_url}


@main.group()
def ingest() -> None:
    """Add evidence: official list files, news articles."""


@main.group(name="eval")
def evaluate() -> None:
    """Measure accuracy on labelled data."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"proscribe.cli.{_name}").register(main)
