"""A nationality a list record states for a person, with the record that states it.

Lists write nationalities as free text (a state's name, its ISO code, the word for its nationals);
the value is kept as the file writes it and compared through `proscribe.vocab.nationality_codes`.
"""

from __future__ import annotations

from typing import NamedTuple


class NationalityStatement(NamedTuple):
    """One nationality (or citizenship) one list record states, as the file writes it."""

    value: str
    source_name: str
    record_key: str
