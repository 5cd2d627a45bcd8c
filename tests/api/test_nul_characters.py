"""A NUL character (U+0000) in a request is an input error on both backends, before any read.

PostgreSQL cannot compare or store text holding one: such a request used to fail there with a
500 (an entity name in the path or a parameter, a reason or an article text in a JSON body),
while SQLite answered. Now both refuse it with the status of any other bad input, naming the
parameter or field, and store nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proscribe.api.tokens import create_token

if TYPE_CHECKING:
    from conftest import Live

NUL = "\x00"

# (path, parameters, the parameter the refusal names); each asked once as is, with NUL removed.
READS = [
    ("/api/status", {"entity": f"tali{NUL}ban", "in": "RU"}, "entity"),
    ("/api/sources", {"entity": f"taliban{NUL}"}, "entity"),
    ("/api/changes", {"entity": f"{NUL}taliban", "in": "RU"}, "entity"),
    ("/api/entities", {"q": f"Hamas{NUL}"}, "q"),
    ("/feeds/changes.atom", {"entity": f"tali{NUL}ban"}, "entity"),
    ("/changes", {"in": "RU", "entity": f"tali{NUL}ban"}, "entity"),
]


def test_a_nul_in_a_parameter_or_the_path_is_refused_naming_it(on_each_backend: Live) -> None:
    with on_each_backend.client() as client:
        for path, params, named in READS:
            clean = {key: value.replace(NUL, "") for key, value in params.items()}
            assert client.get(path, params=clean).status_code == 200, path
            refused = client.get(path, params=params)
            assert refused.status_code == 400, (path, refused.text)
            assert refused.json()["detail"] == f"parameter {named!r}: contains a NUL character (U+0000)"
        for path in ("/api/entities/tali%00ban", "/entities/tali%00ban", "/api/jurisdictions/R%00U"):
            refused = client.get(path)
            assert refused.status_code == 400, (path, refused.text)
            assert "the path contains a NUL character" in refused.json()["detail"]
        # A browser gets the error page, with the same words.
        page = client.get("/entities/tali%00ban", headers={"Accept": "text/html"})
        assert page.status_code == 400 and "the path contains a NUL character" in page.text


def test_a_nul_in_a_json_body_is_refused_naming_the_field_and_stores_nothing(
    on_each_backend: Live,
) -> None:
    _, secret = create_token(on_each_backend.store, "analyst")
    auth = {"Authorization": f"Bearer {secret}"}
    reader = on_each_backend.store.reader()
    before = reader.content_hash()
    article = "Russia's Supreme Court banned the Taliban as a terrorist organisation on 14 February 2003."
    with on_each_backend.client() as client:
        judgements = client.get("/api/identity/judgements").json()
        asked = [
            ("/api/ingest/news", {"text": article.replace("Taliban", f"Tali{NUL}ban")}, "text"),
            (
                "/api/identity/judgements",
                {"judgement": "distinct", "entity_id": "taliban", "other_id": "hamas", "reason": f"n{NUL}"},
                "reason",
            ),
            ("/api/screen", {"names": ["Hamas", f"Ha{NUL}mas"]}, "names"),
            ("/api/extract", {"text": f"{article}{NUL}"}, "text"),
        ]
        for path, body, field in asked:
            refused = client.post(path, json=body, headers=auth)
            assert refused.status_code == 422, (path, refused.text)
            assert refused.json()["detail"] == f"{field}: Value error, contains a NUL character (U+0000)"
        assert client.get("/api/identity/judgements").json() == judgements
        assert reader.content_hash() == before
        # Without the NUL, the same screening answers.
        screened = client.post("/api/screen", json={"names": ["Hamas"]}, headers=auth)
        assert screened.status_code == 200 and screened.json()["results"][0]["results"]
