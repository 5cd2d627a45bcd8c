"""The `proscribe` command: a click group whose commands live in small modules, imported on demand.

Each command module exposes `register(main)`. COMMANDS maps every command path to its module, so
`proscribe status` imports only what status needs (the process starts fast) while `--help` still
lists everything. Command bodies stay thin: parse options, call one core function, render.
ProscribeError subclasses become one line on stderr: exit 2 for user errors (unknown entity or
jurisdiction, malformed date), 1 for data or store problems.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from proscribe.errors import InputError, ProscribeError

# Command path -> module under proscribe.cli that registers it.
COMMANDS: dict[str, str] = {
    "init": "registry",
    "status": "registry",
    "timeline": "registry",
    "matrix": "registry",
    "changes": "registry",
    "sources": "registry",
    "sources claims": "registry",
    "search": "registry",
    "ingest list": "lists",
    "sources list": "lists",
    "sources withdraw": "lists",
    "sources reject": "rejections",
    "sources restore": "rejections",
    "sources rejected": "rejections",
    "sources documents": "documents",
    "update": "lists",
    "screen": "screen",
    "eval screen": "screen",
    "serve": "serve",
    "token": "serve",
    "extract": "news",
    "ingest news": "news",
    "eval extract": "news",
    "identity": "identity",
    "export ftm": "export",
    "verify": "verify",
}
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(COMMANDS.values()))
_registered: set[str] = set()


def _load(module: str) -> None:
    if module not in _registered:
        _registered.add(module)
        importlib.import_module(f"proscribe.cli.{module}").register(main)


class _LazyGroup(click.Group):
    """A group whose commands are registered by their module the first time they are asked for."""

    prefix = ""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = {path[len(self.prefix) :].split(" ")[0] for path in COMMANDS if path.startswith(self.prefix)}
        return sorted(names | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = COMMANDS.get(f"{self.prefix}{cmd_name}")
            if module is None:
                for path, owner in COMMANDS.items():
                    if path.startswith(f"{self.prefix}{cmd_name} "):
                        module = owner
                        break
            if module is not None:
                _load(module)
        return self.commands.get(cmd_name)


class SubGroup(_LazyGroup):
    """A lazily filled subgroup (`ingest`, `eval`, `sources`, ...): its commands are paths with a prefix."""

    def __init__(self, *args: Any, prefix: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix = prefix

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and f"{self.prefix}{cmd_name}" in COMMANDS:
            _load(COMMANDS[f"{self.prefix}{cmd_name}"])
        return self.commands.get(cmd_name)


class _Main(_LazyGroup):
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


@main.group(cls=SubGroup, prefix="ingest ")
def ingest() -> None:
    """Add evidence: official list files, news articles."""


@main.group(name="eval", cls=SubGroup, prefix="eval ")
def evaluate() -> None:
    """Measure accuracy on labelled data."""


@main.group(cls=SubGroup, prefix="export ")
def export() -> None:
    """Write the registry in formats other tools read (FollowTheMoney)."""


def load_all() -> None:
    """Register every command (for documentation checks and shell completion)."""
    for module in COMMAND_MODULES:
        _load(module)
