"""Shared fixtures for the news tests: a small hand-built registry and the extractor over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.model import Entity, Name
from proscribe.news.extract import Extractor

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture(scope="session")
def entities() -> list[Entity]:
    """Three organisations with aliases in several scripts."""
    return [
        Entity(
            "taliban", "Taliban", names=(Name("Taleban"), Name("Талибан"), Name("طالبان"), Name("तालिबान"))
        ),
        Entity("hamas", "Hamas", names=(Name("HAMAS"), Name("Islamic Resistance Movement"), Name("हमास"))),
        Entity("wagner", "Wagner Group", names=(Name("PMC Wagner"),), country="RU"),
    ]


@pytest.fixture(scope="session")
def extractor(entities: list[Entity]) -> Extractor:
    """The extractor over the hand-built registry."""
    return Extractor(entities)
