"""A name several entities hold is refused with the candidates, never resolved silently to one.

The bundled dataset has such names: "The Resistance Front" is the canonical name of `trf` (India's
listing) and an alias on the US listing of `lashkar-e-taiba` (the two are judged distinct); "The
Base" is the neo-Nazi network `the-base` and an alias of `al-qaeda`. Answering for one of them
would hide the other's listings, so every surface lists both, with ids, names and lists, and an
id always names its entity.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import httpx
import pytest
from click.testing import CliRunner

from proscribe import query
from proscribe.api import create_app
from proscribe.cli import main
from proscribe.errors import AmbiguousError
from proscribe.store import Store

TRF_MESSAGE = (
    "'The Resistance Front' names 2 entities; ask again by id: "
    "lashkar-e-taiba (Lashkar-e-Taiba; lists gb-proscribed, kz-terrorist, pk-proscribed, ru-terrorist, "
    "us-fto); trf (The Resistance Front; lists us-fto)"
)


def test_a_canonical_name_another_entity_holds_as_an_alias_is_ambiguous(registry: Store) -> None:
    reader = registry.reader()
    with pytest.raises(AmbiguousError) as caught:
        reader.resolve_ref("The Resistance Front")
    assert str(caught.value) == TRF_MESSAGE
    assert caught.value.candidates == ["lashkar-e-taiba", "trf"]
    # Any spelling of the shared name: case, punctuation.
    with pytest.raises(AmbiguousError) as caught:
        reader.resolve_entity("the resistance-front")
    assert caught.value.candidates == ["lashkar-e-taiba", "trf"]
    with pytest.raises(AmbiguousError) as caught:
        reader.resolve_ref("The Base")
    assert caught.value.candidates == ["al-qaeda", "the-base"]
    # Every answer taking an entity refuses it the same way.
    with pytest.raises(AmbiguousError) as caught:
        query.status(reader, "The Resistance Front", at=date(2025, 8, 1))
    assert str(caught.value) == TRF_MESSAGE
    with pytest.raises(AmbiguousError) as caught:
        query.matrix(reader, ["The Base"])
    assert str(caught.value) == (
        "'The Base' names 2 entities; ask again by id: al-qaeda (al-Qaeda; lists ae-terrorist, "
        "gb-proscribed, kg-banned, kz-terrorist, py-terrorist, ru-terrorist, tj-terrorist, un-1267, us-fto); "
        "the-base (The Base; lists au-terrorist, ca-terrorist, gb-proscribed, nz-terrorist)"
    )
    # Ids, and names only one entity holds, still name their entity.
    assert reader.resolve_ref("trf") == ("trf", "The Resistance Front")
    assert reader.resolve_ref("TRF") == ("trf", "The Resistance Front")
    assert reader.resolve_ref("Kashmir Resistance") == ("trf", "The Resistance Front")
    assert reader.resolve_ref("Army of the Pure") == ("lashkar-e-taiba", "Lashkar-e-Taiba")
    assert reader.resolve_ref("the-base") == ("the-base", "The Base")
    answer = query.status(reader, "lashkar-e-taiba", ["US"], at=date(2025, 8, 1))
    assert answer["entity"] == {"id": "lashkar-e-taiba", "name": "Lashkar-e-Taiba"}


def test_the_cli_says_which_entities_share_the_name_and_exits_2(sqlite_registry: Store) -> None:
    for command in (
        ["status", "The Resistance Front"],
        ["timeline", "The Resistance Front"],
        ["sources", "The Resistance Front"],
        ["matrix", "--entity", "The Resistance Front"],
    ):
        result = CliRunner().invoke(main, ["--db", sqlite_registry.url, *command])
        assert result.exit_code == 2, command
        assert result.stdout == ""
        assert result.stderr == f"error: {TRF_MESSAGE}\n"
    result = CliRunner().invoke(main, ["--db", sqlite_registry.url, "status", "trf", "--format", "json"])
    assert result.exit_code == 0, result.output


def test_the_api_answers_a_shared_name_with_a_problem_listing_the_candidates(sqlite_registry: Store) -> None:
    requests = (
        ("/api/status?entity=The%20Resistance%20Front&at=2025-08-01", {}),
        ("/api/status?entity=trf", {}),
        # The web page of a shared name links each candidate, instead of redirecting to one.
        ("/entities/The%20Resistance%20Front", {"accept": "text/html"}),
        ("/entities/Kashmir%20Resistance", {}),
    )
    # A loop of its own in a thread of its own: a browser test run before may hold this thread's.
    with ThreadPoolExecutor(1) as pool:
        responses = pool.submit(lambda: asyncio.run(_get(sqlite_registry, *requests))).result()
    ambiguous, by_id, page, alias = responses
    assert ambiguous.status_code == 400
    assert ambiguous.headers["content-type"] == "application/problem+json"
    assert ambiguous.json() == {
        "type": "about:blank",
        "title": "Ambiguous name",
        "status": 400,
        "detail": TRF_MESSAGE,
        "candidates": ["lashkar-e-taiba", "trf"],
    }
    assert by_id.status_code == 200
    assert page.status_code == 400
    assert '<a href="/entities/lashkar-e-taiba">Lashkar-e-Taiba</a>' in page.text
    assert '<a href="/entities/trf">The Resistance Front</a>' in page.text
    assert (alias.status_code, alias.headers["location"]) == (307, "/entities/trf")


async def _get(store: Store, *requests: tuple[str, dict[str, str]]) -> list[httpx.Response]:
    """GET each (path, headers) from the app in process, redirects not followed."""
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://proscribe.test") as client:
        return [await client.get(path, headers=headers) for path, headers in requests]
