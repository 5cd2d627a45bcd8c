"""GET /api/documents: the articles and curated sources held, answered as `sources documents` answers."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from click.testing import CliRunner

from proscribe.cli import main

if TYPE_CHECKING:
    from conftest import Live

WINDOW = {"kind": "curated", "entity": "taliban", "since": "2024-06-01", "until": "2024-12-31"}


def test_documents_over_http(fresh: Live) -> None:
    with fresh.client() as client:
        response = client.get("/api/documents", params=WINDOW)
        assert response.status_code == 200
        # The curated sources on the Taliban known from the second half of 2024, latest first.
        assert [d["known_from"] for d in response.json()["documents"]] == [
            "2024-12-28",
            "2024-09-06",
            "2024-09-02",
            "2024-06-03",
            "2024-06-03",
        ]
        options = [f"--{name}={value}" for name, value in WINDOW.items()]
        cli = CliRunner().invoke(
            main, ["--db", fresh.db_url, "sources", "documents", *options, "--format", "json"]
        )
        assert cli.exit_code == 0, cli.output
        assert response.json() == json.loads(cli.output)
        assert client.get("/api/documents").json()["documents"] == []  # no news article held

        etag = client.get("/api/documents", params={"kind": "all"}).headers["etag"]
        again = client.get("/api/documents", params={"kind": "all"}, headers={"If-None-Match": etag})
        assert again.status_code == 304


def test_bad_document_parameters_are_problems(fresh: Live) -> None:
    with fresh.client() as client:
        for params, status in (
            ({"kind": "gazette"}, 422),
            ({"since": "2024-13-01"}, 400),
            ({"since": "2025-01-01", "until": "2024-01-01"}, 400),
            ({"entity": "no such group"}, 404),
            ({"limit": "0"}, 422),
        ):
            bad = client.get("/api/documents", params=params)
            assert bad.status_code == status, (params, bad.text)
            assert bad.headers["content-type"].startswith("application/problem+json"), params
