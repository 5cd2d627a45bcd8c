"""IMO ship numbers as lists write them: read, checked by their check digit, or refused.

A ship's IMO number is seven digits, the last the check digit of the first six (their sum weighted
7 down to 2, modulo 10). It stays with the hull through renamings and reflaggings, so it is the one
identifier by which the lists of several publishers name the same vessel (`IMO_SCHEME`). A number
that fails its check is a typing error in the list; kept, it would join ships that are not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from proscribe.model import IMO_SCHEME, Identifier
from proscribe.sources.records import Counter

# A number as written, with or without its prefix ("IMO 9187629", "IMO No. 9187629", "9187629").
_WRITTEN = re.compile(r"^(?:IMO\s*(?:No\.?|number)?\s*:?\s*)?(\d{7})$", re.IGNORECASE)
# A note a list writes after the number: the register's country (`IMO 9256860 (Russia)`).
_NOTE = re.compile(r"\s*\([^()]*\)$")


def read_imo(text: str) -> str | None:
    """The IMO number `text` states (seven digits), or None when it is none or fails its check digit."""
    match = _WRITTEN.match(text.strip())
    # Seven zeros pass the check digit, and are a placeholder, not a ship.
    if match is None or not imo_checks(match[1]) or match[1] == "0000000":
        return None
    return match[1]


def imo_checks(digits: str) -> bool:
    """Whether seven digits are an IMO number: the last is the check digit of the first six."""
    if len(digits) != 7 or not digits.isdigit():
        return False
    weighted = sum(int(digit) * weight for digit, weight in zip(digits[:6], range(7, 1, -1), strict=True))
    return weighted % 10 == int(digits[6])


def imo_identifiers(texts: Iterable[str], counter: Counter, field: str) -> tuple[Identifier, ...]:
    """The `imo` identifiers a vessel's registration numbers give, each number once, in order.

    A number may carry the register's country after it (`IMO 9256860 (Russia)`) and a closing
    period. One that is no IMO number passing its check digit (`IMO 15411`, a national register's
    `RS 150443 (Russia)`) is counted under `field`, never kept: a wrong number would join ships
    that are not one. A blank text states nothing.
    """
    found: dict[str, None] = {}
    for text in texts:
        written = " ".join(text.split())
        if not written:
            continue
        number = read_imo(_NOTE.sub("", written).rstrip(" ."))
        if number is None:
            counter.add(field, written)
        else:
            found[number] = None
    return tuple(Identifier(IMO_SCHEME, number) for number in found)
