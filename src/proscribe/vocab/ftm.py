"""The FollowTheMoney vocabulary of `export ftm` (data/export/ftm.yaml), validated at load.

Each mapping must cover every value of proscribe's own vocabulary (entity kinds, name kinds, list
kinds), so a kind added to the model without its FtM counterpart fails here, naming the file,
rather than being exported as something it is not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from proscribe.errors import DataError
from proscribe.model.entity import EntityKind, NameKind
from proscribe.model.jurisdiction import ListKind
from proscribe.vocab import data_dir, read_document

# FtM names schemata in CamelCase, properties in camelCase and topics in dotted lower case.
_SCHEMA = re.compile(r"^[A-Z][A-Za-z]+$")
_PROPERTY = re.compile(r"^[a-z][A-Za-z]+$")
_TOPIC = re.compile(r"^[a-z]+(\.[a-z]+)*$")


@dataclass(frozen=True)
class FtmVocabulary:
    """FtM schema per entity kind, property per name kind, topics per list kind."""

    schemata: dict[str, str]
    names: dict[str, str]
    topics: dict[str, tuple[str, ...]]


def vocabulary_path() -> Path:
    """The data file the vocabulary is read from."""
    return data_dir() / "export" / "ftm.yaml"


@functools.cache
def ftm_vocabulary() -> FtmVocabulary:
    """The vocabulary of data/export/ftm.yaml (DataError naming the file and key if it is invalid)."""
    return parse_vocabulary(vocabulary_path())


def parse_vocabulary(path: Path) -> FtmVocabulary:
    """Read and check one vocabulary file."""
    document = read_document(path)
    schemata = _mapping(path, document, "schemata", get_args(EntityKind), _SCHEMA)
    names = _mapping(path, document, "names", get_args(NameKind), _PROPERTY)
    raw_topics = _section(path, document, "topics", get_args(ListKind))
    topics: dict[str, tuple[str, ...]] = {}
    for kind, value in raw_topics.items():
        if not isinstance(value, list) or not all(isinstance(t, str) and _TOPIC.match(t) for t in value):
            raise DataError(f"{path}: topics.{kind}: expected a list of FtM topics such as crime.terror")
        topics[kind] = tuple(value)
    return FtmVocabulary(schemata, names, topics)


def _section(path: Path, document: dict[str, Any], key: str, kinds: tuple[str, ...]) -> dict[str, Any]:
    section = document.get(key)
    if not isinstance(section, dict):
        raise DataError(f"{path}: expected a `{key}:` mapping")
    missing = [kind for kind in kinds if kind not in section]
    unknown = sorted(str(kind) for kind in section if kind not in kinds)
    if missing or unknown:
        raise DataError(
            f"{path}: {key}: "
            + "; ".join(
                part
                for part in (
                    f"no entry for {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(unknown)} (known: {', '.join(kinds)})" if unknown else "",
                )
                if part
            )
        )
    return section


def _mapping(
    path: Path, document: dict[str, Any], key: str, kinds: tuple[str, ...], pattern: re.Pattern[str]
) -> dict[str, str]:
    section = _section(path, document, key, kinds)
    for kind, value in section.items():
        if not isinstance(value, str) or not pattern.match(value):
            raise DataError(f"{path}: {key}.{kind}: {value!r} is not an FtM name")
    return dict(section)
