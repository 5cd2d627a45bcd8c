"""`proscribe verify`: are the stored timelines, events and name keys what the evidence gives?

The check is proscribe.store.verify; this module parses the options and prints its report.
"""

from __future__ import annotations

import sys

import click

from proscribe.cli.registry import store_from
from proscribe.cli.render import Section, emit_sections, output_format
from proscribe.store.verify import verify_store

_CHECKED = ("entities", "timelines", "events", "names", "clean", "repaired", "keys_repaired")
_SECTIONS = (
    Section(
        "checked",
        lambda d: [{key: d[key] for key in _CHECKED}],
        _CHECKED,
    ),
    Section("drift", lambda d: list(d["drift"]), ("entity", "list", "problem", "detail")),
)


def register(main: click.Group) -> None:
    """Add `verify` to the main group."""

    @main.command("verify")
    @click.option(
        "--repair",
        is_flag=True,
        help="Re-derive the drifted timelines and rewrite stale name keys (one transaction); exit 0.",
    )
    @output_format
    @click.pass_context
    def verify(ctx: click.Context, repair: bool, fmt: str) -> None:
        """Re-derive every timeline, event and name key from the stored evidence; compare with the store.

        Exits 1 when they differ (each drifted entity and list, or name, is listed), unless --repair
        mended them.
        """
        store = store_from(ctx)
        store.require_initialised()
        report = verify_store(store, repair)
        emit_sections(report.as_dict(), fmt, _SECTIONS, "verify")
        if report.drift and not repair:
            sys.exit(1)
