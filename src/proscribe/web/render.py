"""Jinja2 rendering for the web pages: one autoescaping environment, asset URLs and shared globals."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2

from proscribe import vocab
from proscribe.model import is_web_url
from proscribe.model.birth import birth_label

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")

# The designation states a page can show, in legend order, with their labels.
STATES: tuple[tuple[str, str], ...] = (
    ("listed", "Listed"),
    ("suspended", "Suspended"),
    ("uncertain", "Uncertain"),
    ("not_listed", "Not listed"),
    # The entity page's map: a state that is the last recorded on a list its publisher closed.
    ("closed", "On a closed list (last recorded)"),
    ("no_data", "No data"),
)


@functools.cache
def _asset_version(name: str) -> str:
    """A short hash of a static file, appended to its URL so browsers refetch it only when it changes."""
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:10]


def static_url(name: str) -> str:
    """The URL of a static asset served by the app itself."""
    return f"/static/{name}?v={_asset_version(name)}"


def feed_query(filters: dict[str, str]) -> str:
    """The non-empty filters of a changes view as a query string (for feed and paging links)."""
    return urlencode([(key, value) for key, value in filters.items() if value])


# Pages and feeds ask it of each source address: a link, or an identifier shown as text.
web_url = is_web_url


def jurisdiction_name(code: str | None) -> str:
    """The display name of a jurisdiction code (the code itself when unknown)."""
    if not code:
        return ""
    found = vocab.jurisdictions().get(code)
    return found.name if found else code


def list_name(list_id: str | None) -> str:
    """The display name of a list id (the id itself when the vocabulary does not know it)."""
    if not list_id:
        return ""
    found = vocab.lists().get(list_id)
    return found.name if found else list_id


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment (autoescaping on, undefined variables are errors)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["birth_label"] = birth_label
    env.tests["web_url"] = web_url
    env.globals.update(
        static=static_url,
        jurisdiction_name=jurisdiction_name,
        list_name=list_name,
        feed_query=feed_query,
        states=STATES,
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render one page template with `context` (plus `json_url`, `nav` and `version` defaults)."""
    context.setdefault("json_url", None)
    context.setdefault("nav", None)
    context.setdefault("version", "")
    return environment().get_template(template).render(**context)
