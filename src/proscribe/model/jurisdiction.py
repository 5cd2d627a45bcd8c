"""Jurisdictions (ISO 3166-1 alpha-2 codes plus UN and EU), designation lists and authorities."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ListKind = Literal["terrorist", "extremist", "sanctions", "export-control", "other"]

SUPRANATIONAL = frozenset({"UN", "EU"})
_ALPHA2 = re.compile(r"^[A-Z]{2}$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


def is_jurisdiction_code(code: str) -> bool:
    """True for a syntactically valid code: two capital letters (ISO 3166-1 alpha-2, UN or EU)."""
    return bool(_ALPHA2.match(code))


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A state or a supranational body that keeps designation lists."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    # The state's ISO 3166-1 alpha-3 code (`IRQ`), as some lists write countries; None for UN and EU.
    alpha3: str | None = None

    def __post_init__(self) -> None:
        if not is_jurisdiction_code(self.code):
            raise ValueError(f"jurisdiction code must be two capital letters, got {self.code!r}")
        if self.alpha3 is not None and not _ALPHA3.match(self.alpha3):
            raise ValueError(f"alpha3 must be three capital letters, got {self.alpha3!r}")


@dataclass(frozen=True, slots=True)
class DesignationList:
    """One list (or equivalent legal ban regime) kept by a jurisdiction, e.g. `ru-terrorist`."""

    id: str
    jurisdiction: str
    name: str
    kind: ListKind
    publisher: str | None = None
    url: str | None = None
    legal_basis: str | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    # A list its publisher stopped publishing (OFSI's, on 2026-01-28): its last state stands in the
    # timelines, but an answer for a later day says the list is closed and which list took over.
    closed_on: date | None = None
    succeeded_by: str | None = None
    # A list opened to take over entries another list kept (the UN's 1988 Taliban list, opened on
    # 2011-06-17 by resolution 1988 with the Taliban entries of the 1267 list): an entry a file dates
    # earlier was on `took_over_from` until `opened_on`, and on this list from then, not before.
    opened_on: date | None = None
    took_over_from: str | None = None
    # A list that gathers the entries of other lists (trade.gov's Consolidated Screening List): it
    # may hold one designee once per list it gathers, so two of its entries on one entity are not a
    # duplicate when they come from different gathered lists (proscribe.resolve.identity rule 2).
    compilation: bool = False
    # A list that writes one designee in several rows: BIS's Denied Persons List a row per address,
    # its Entity List a row per address or country, the State Department's nonproliferation and
    # ITAR debarment lists a row per action. Its rows naming one entity by their primary names are
    # that designee's rows, not rivals for it (proscribe.resolve.identity rule 3).
    several_rows: bool = False
    # A list whose listings lapse after a fixed term unless renewed (Australia's Criminal Code
    # listings on their third anniversary; New Zealand's designations after 3 years): the term in
    # years and the law that sets it. A listed stretch with no renewal on record past its term
    # says so (proscribe.resolve.terms); it stays listed, since a renewal may simply be unreported.
    term_years: int | None = None
    term_basis: str | None = None

    def closed_note(self, at: date) -> str | None:
        """What an answer about day `at` must say of this list being closed, if it is by then."""
        if self.closed_on is None or at < self.closed_on:
            return None
        after = f"; succeeded by {self.succeeded_by}" if self.succeeded_by else ""
        return f"list closed on {self.closed_on.isoformat()}{after}: the state is the last recorded from it"


@dataclass(frozen=True, slots=True)
class Authority:
    """A body that proposes or decides designations (court, ministry, council, head of state)."""

    id: str
    jurisdiction: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
