"""Read endpoints under `/api/`: entities, status, timeline, matrix, changes, sources, jurisdictions,
official sources and their snapshots.

Every handler parses its parameters, then calls exactly one `proscribe.query` function, so the API
returns the same JSON as the CLI's `--format json`. Responses carry an ETag and are served from the
response cache while the registry content is unchanged (see `proscribe.web.http`).

The handlers are `async` but call the (synchronous) query layer directly: reads are short local
queries that never wait for a writer (SQLite in WAL mode; PostgreSQL MVCC), so running them on the
event loop saves a thread hop per request (benchmarks/api_load.py: about 370 -> 460 requests/s).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from proscribe import query, vocab
from proscribe.errors import InputError
from proscribe.model.entity import EntityKind
from proscribe.query.documents import documents_held
from proscribe.query.identity import judgement_list, merge_suggestions
from proscribe.query.jurisdictions import jurisdiction_index
from proscribe.query.official import official_sources, snapshots_held
from proscribe.query.rejections import rejection_list
from proscribe.store import Reader, Store
from proscribe.web.http import (
    ResponseCache,
    cached_response,
    code_params,
    day_param,
    entity_param,
    first_day,
    json_bytes,
    known_query_parameters,
    list_params,
    page_within,
    window_params,
)
from proscribe.web.views import window_changes

Build = Callable[[Reader], Any]

EntityParam = Annotated[
    str, Query(description="Entity id, name or alias in any script (e.g. taliban, Талибан)")
]
InParam = Annotated[
    tuple[str, ...],
    Query(
        alias="in", description="Jurisdiction codes (ISO 3166-1 alpha-2, UN, EU); repeat or comma-separate"
    ),
]
AtParam = Annotated[str | None, Query(description="Valid time: the state in force on this day (YYYY-MM-DD)")]
AsOfParam = Annotated[
    str | None,
    Query(description="Knowledge time: use only what sources had published by this day (YYYY-MM-DD)"),
]
SEARCH_LIMIT = 20
LIST_PAGE = 500
JSON_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}}},
    304: {"description": "Not modified (the ETag in If-None-Match is current)"},
    400: {"description": "Invalid parameter", "content": {"application/problem+json": {}}},
    404: {"description": "Unknown entity or jurisdiction", "content": {"application/problem+json": {}}},
}


def read_router(store: Store, cache: ResponseCache) -> APIRouter:
    """Build the router of read endpoints over `store`."""
    router = APIRouter(
        prefix="/api",
        tags=["read"],
        responses=JSON_RESPONSES,
        dependencies=[Depends(known_query_parameters)],
    )

    def respond(request: Request, build: Build) -> Response:
        reader = store.reader()
        return cached_response(
            request, reader.content_hash(), cache, lambda: (json_bytes(build(reader)), "application/json")
        )

    @router.get("/entities", summary="Search entities by any name, or list them all A to Z, a page at a time")
    async def entities(
        request: Request,
        q: Annotated[
            str, Query(description="Name in any script; left out, every entity is listed, paged")
        ] = "",
        limit: Annotated[
            int | None,
            Query(ge=1, le=500, description="Results (default 20), or entities a page (default 500)"),
        ] = None,
        page: Annotated[int, Query(ge=1, description="Page of the listing (without `q`)")] = 1,
    ) -> Response:
        if q.strip() and page > 1:
            # A search answers its best `limit` names, unpaged: page 2 would be page 1 again.
            raise InputError(
                "parameter 'page' pages the listing without 'q'; a search gives its best 'limit'"
            )

        def build(reader: Reader) -> Any:
            if q.strip():
                return query.search(reader, q, limit=limit or SEARCH_LIMIT)
            return page_within(query.entity_index(reader, page=page, size=limit or LIST_PAGE), "the index")

        return respond(request, build)

    # `:path` so a name holding "/" (60 canonical names do: "HARAKAT UL-MUJAHIDIN / HUM") can be asked for.
    @router.get("/entities/{name:path}", summary="One entity with all its names and identifiers")
    async def entity(request: Request, name: str) -> Response:
        return respond(request, lambda reader: query.entity_detail(reader, name))

    @router.get("/identity/judgements", summary="Analysts' identity judgements (merges, distinct pairs)")
    async def identity_judgements(
        request: Request,
        include_withdrawn: Annotated[
            bool, Query(alias="all", description="Include withdrawn judgements")
        ] = False,
    ) -> Response:
        return respond(request, lambda reader: judgement_list(reader, include_withdrawn))

    @router.get("/claims/rejected", summary="Claims analysts rejected as misreading their source")
    async def rejected_claims(
        request: Request,
        include_restored: Annotated[
            bool, Query(alias="all", description="Include rejections since taken back")
        ] = False,
    ) -> Response:
        return respond(request, lambda reader: rejection_list(reader, include_restored))

    @router.get("/identity/suggestions", summary="Pairs of entities that share an identifier or a name")
    async def identity_suggestions(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        kind: Annotated[EntityKind | None, Query(description="Only pairs of this kind of entity")] = None,
        offset: Annotated[
            int, Query(ge=0, description="Skip this many, strongest first (the next page)")
        ] = 0,
    ) -> Response:
        return respond(request, lambda reader: merge_suggestions(reader, limit, kind, offset))

    @router.get("/status", summary="Designation state of an entity per jurisdiction and list on a day")
    async def status(
        request: Request, entity: EntityParam, in_: InParam = (), at: AtParam = None, as_of: AsOfParam = None
    ) -> Response:
        name, codes = entity_param(entity), code_params(in_)
        day, known = day_param(at, "at"), day_param(as_of, "as_of")
        return respond(request, lambda reader: query.status(reader, name, codes, at=day, as_of=known))

    @router.get("/timeline", summary="Intervals, events, pending proposals and conflicts, with claims")
    async def timeline(
        request: Request, entity: EntityParam, in_: InParam = (), as_of: AsOfParam = None
    ) -> Response:
        name, codes, known = entity_param(entity), code_params(in_), day_param(as_of, "as_of")
        return respond(request, lambda reader: query.timeline(reader, name, codes, as_of=known))

    @router.get("/matrix", summary="Entities × jurisdictions: the state of each designation on a day")
    async def matrix(
        request: Request,
        entity: Annotated[
            tuple[str, ...], Query(description="Entity ids or names; repeat; empty means all")
        ] = (),
        in_: InParam = (),
        at: AtParam = None,
        as_of: AsOfParam = None,
        limit: Annotated[
            int | None,
            Query(ge=1, le=5000, description="Rows a page, in (entity, jurisdiction, list) order; none: all"),
        ] = None,
        cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
    ) -> Response:
        names, codes = list_params(entity), code_params(in_)
        day, known = day_param(at, "at"), day_param(as_of, "as_of")
        return respond(
            request,
            lambda reader: query.matrix(
                reader, names, codes, at=day, as_of=known, limit=limit, cursor=cursor
            ),
        )

    @router.get(
        "/changes",
        summary="Designation changes in a date window, oldest, newest or latest reported first, by cursor",
    )
    async def changes(
        request: Request,
        since: Annotated[str | None, Query(description="First day (YYYY-MM-DD), default 1900-01-01")] = None,
        until: Annotated[str | None, Query(description="Last day (YYYY-MM-DD), default today")] = None,
        in_: InParam = (),
        list_: Annotated[
            tuple[str, ...], Query(alias="list", description="List ids, e.g. ru-terrorist")
        ] = (),
        entity: Annotated[tuple[str, ...], Query(description="Entity ids or names")] = (),
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
        order: Annotated[
            str,
            Query(
                pattern="^(oldest|newest|reported)$",
                description="`oldest` first (default), `newest` first, or `reported`: the latest first "
                "reported by a held source first",
            ),
        ] = "oldest",
        reported_since: Annotated[
            str | None,
            Query(description="Only changes a held source first reported on or after this day (YYYY-MM-DD)"),
        ] = None,
        reported_until: Annotated[str | None, Query(description="...and by this day (YYYY-MM-DD)")] = None,
    ) -> Response:
        first, end = window_params(since, until)
        reported = window_params(reported_since, reported_until, ("reported_since", "reported_until"))
        # A default `since` the caller never gave is never the day their `until` is said to precede.
        start = first_day(first, end, reported[0])
        codes, lists, entities = code_params(in_), list_params(list_), list_params(entity)

        return respond(
            request,
            lambda reader: window_changes(
                reader, start, end, reported, codes, lists, entities, limit, cursor, order
            ),
        )

    @router.get("/sources", summary="Every source about an entity's designations, with evidence sentences")
    async def sources(request: Request, entity: EntityParam, in_: InParam = ()) -> Response:
        name, codes = entity_param(entity), code_params(in_)
        return respond(request, lambda reader: query.sources(reader, name, codes))

    @router.get(
        "/documents",
        summary="News articles and curated sources held, latest first, with what became of their claims",
    )
    async def documents(
        request: Request,
        kind: Annotated[
            str,
            Query(pattern="^(news|curated|all)$", description="`news` (default), `curated`, or `all`"),
        ] = "news",
        since: Annotated[
            str | None,
            Query(description="Known from this day on: published, else first counted (YYYY-MM-DD)"),
        ] = None,
        until: Annotated[str | None, Query(description="...and by this day (YYYY-MM-DD)")] = None,
        entity: Annotated[
            str | None, Query(description="Only documents with a claim about this entity (id or name)")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> Response:
        first, last = window_params(since, until)
        about = entity_param(entity) if entity is not None else None
        return respond(request, lambda reader: documents_held(reader, kind, first, last, about, limit))

    @router.get("/official-sources", summary="Official list sources and the snapshots held of each")
    async def official(request: Request) -> Response:
        return respond(request, official_sources)

    @router.get(
        "/official-sources/{source}",
        summary="One official source's snapshots: date, files, sha256, retrieval, claims citing each",
    )
    async def snapshots(request: Request, source: str) -> Response:
        return respond(request, lambda reader: snapshots_held(reader, source))

    @router.get(
        "/jurisdictions",
        summary="Every jurisdiction with designations held, its lists and how many each has in force",
    )
    async def jurisdictions(request: Request, at: AtParam = None, as_of: AsOfParam = None) -> Response:
        day, known = day_param(at, "at"), day_param(as_of, "as_of")
        return respond(request, lambda reader: jurisdiction_index(reader, at=day, as_of=known))

    @router.get("/jurisdictions/{code}", summary="Everything a jurisdiction designates on a day")
    async def jurisdiction(
        request: Request, code: str, at: AtParam = None, as_of: AsOfParam = None
    ) -> Response:
        known_code = vocab.jurisdiction(code.upper()).code
        day, known = day_param(at, "at"), day_param(as_of, "as_of")
        return respond(
            request, lambda reader: query.jurisdiction_overview(reader, known_code, at=day, as_of=known)
        )

    return router
