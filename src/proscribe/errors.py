"""One error tree for the whole package, so surfaces can map each kind to an exit code or HTTP status.

ProscribeError
├── InputError            bad user input (unknown entity/jurisdiction, malformed date or option)
│   ├── ShrunkSnapshotError   a snapshot far smaller than the one before, not marked whole
│   ├── SameDaySnapshotError  another snapshot of the list is held for that day
│   ├── NotFoundError     the named thing does not exist
│   └── AmbiguousError    the name fits several things; `.candidates` lists them
├── DataError             a data file or vocabulary is invalid (names the file and entry)
├── FormatError           an input file does not have the structure its adapter relies on
├── HostileInputError     an input is refused for safety (XXE, size, binary, private address)
├── FetchError            a download failed
└── StoreError            the database is missing, not initialised or inconsistent
"""

from __future__ import annotations

from datetime import date


class ProscribeError(Exception):
    """Base of every error proscribe raises on purpose."""


class InputError(ProscribeError):
    """The user gave something proscribe cannot use."""


class ShrunkSnapshotError(InputError):
    """A snapshot unlike the whole list beside it (over a quarter fewer records, or hardly any in
    common): refused unless marked whole or partial."""


class SameDaySnapshotError(InputError):
    """A different snapshot of the list is already held for that day (a whole list: one per day)."""

    def __init__(self, message: str, day: date, dated_by_file: bool) -> None:
        super().__init__(message)
        self.day = day
        self.dated_by_file = dated_by_file


class NotFoundError(InputError):
    """The named entity, jurisdiction, list or source does not exist."""


class AmbiguousError(InputError):
    """A name fits several things; the message lists the candidates."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class DataError(ProscribeError):
    """A data file (vocabulary, bundled dataset) is invalid; the message names file and entry."""


class FormatError(ProscribeError):
    """An input file lacks the structure its adapter relies on; the message names file and element/line."""


class HostileInputError(ProscribeError):
    """An input is refused for safety reasons (entities in XML, oversize, binary, private address)."""


class FetchError(ProscribeError):
    """A network download failed or returned something unusable."""


class StoreError(ProscribeError):
    """The database is missing, uninitialised or inconsistent."""
