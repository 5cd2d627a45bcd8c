"""Opaque page cursors: a position in an ordered answer, handed out and passed back unchanged.

A cursor is URL-safe base64 of a JSON list: the kind of answer it pages (an order of the changes,
the matrix), then the string parts of the position. Passing one to another kind of answer, or a
cursor that was altered, is an input error naming what to do instead.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

from proscribe.errors import InputError


def encode_cursor(kind: str, parts: Sequence[str]) -> str:
    """The cursor for position `parts` of an answer of `kind`."""
    text = json.dumps([kind, *parts], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, list[str]]:
    """The kind and the position parts of `cursor`; InputError when it is not one this module made."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, *parts = json.loads(text)
        if not isinstance(kind, str) or not all(isinstance(v, str) for v in parts):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise malformed(cursor) from None
    return kind, parts


def malformed(cursor: str) -> InputError:
    """The error for a cursor that is not a `next_cursor` passed back unchanged."""
    return InputError(f"malformed cursor {cursor!r}: pass back a next_cursor unchanged")
