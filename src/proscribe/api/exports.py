"""Export endpoints under `/api/export/`: the registry in formats other tools load (FollowTheMoney).

`GET /api/export/ftm` streams what `proscribe export ftm` writes, line for line. An export can run
to megabytes (a registry holding OFAC's list exports 15,000 entities), so it is streamed rather
than rendered into the response cache; it still carries the ETag every read does, and a client
whose copy is current gets `304` without the export being computed again.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from proscribe.query.ftm import DEFAULT_STATES, EXPORTABLE_STATES, MEDIA_TYPE, ftm_entities, json_line
from proscribe.store import Store
from proscribe.web.http import (
    code_params,
    day_param,
    known_query_parameters,
    list_params,
    not_modified,
    read_headers,
)

RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {MEDIA_TYPE: {}}, "description": "FollowTheMoney entities, one JSON object per line"},
    304: {"description": "Not modified (the ETag in If-None-Match is current)"},
    400: {"description": "Invalid parameter", "content": {"application/problem+json": {}}},
    404: {"description": "Unknown jurisdiction, list or entity", "content": {"application/problem+json": {}}},
}


def export_router(store: Store) -> APIRouter:
    """Build the router of export endpoints over `store`."""
    router = APIRouter(prefix="/api/export", tags=["export"], dependencies=[Depends(known_query_parameters)])

    # Synchronous on purpose: the export reads every timeline before its first line, which belongs
    # on a worker thread, not on the event loop.
    @router.get(
        "/ftm",
        summary="Designated entities and their designations (Sanction) as FollowTheMoney JSON lines",
        responses=RESPONSES,
        response_class=StreamingResponse,
    )
    def ftm(
        request: Request,
        at: Annotated[
            str | None,
            Query(description="Only the designations in force on this day (default: the whole history)"),
        ] = None,
        as_of: Annotated[
            str | None,
            Query(description="Knowledge time: use only what sources had published by this day"),
        ] = None,
        in_: Annotated[
            tuple[str, ...], Query(alias="in", description="Jurisdiction codes; repeat or comma-separate")
        ] = (),
        list_: Annotated[
            tuple[str, ...],
            Query(alias="list", description="List ids, e.g. us-fto; repeat or comma-separate"),
        ] = (),
        entity: Annotated[
            tuple[str, ...],
            Query(description="Only these entities: ids, names or aliases in any script; repeatable"),
        ] = (),
        state: Annotated[
            tuple[str, ...],
            Query(
                description=f"States exported as designations: {', '.join(EXPORTABLE_STATES)} "
                f"(default: {', '.join(DEFAULT_STATES)}); repeat or comma-separate"
            ),
        ] = (),
    ) -> Response:
        day, known = day_param(at, "at"), day_param(as_of, "as_of")
        codes, lists, states = code_params(in_), list_params(list_), list_params(state)
        entities = tuple(name for name in entity if name.strip())
        reader = store.reader()
        headers = read_headers(request, reader.content_hash())
        unchanged = not_modified(request, headers)
        if unchanged is not None:
            return unchanged
        found = ftm_entities(reader, day, known, codes, lists, states or DEFAULT_STATES, entities)
        # The first item is taken here, so a bad parameter (an unknown list) is answered as a problem
        # document before the response has begun.
        first = list(itertools.islice(found, 1))
        name = f"proscribe-{day.isoformat()}.ftm.json" if day else "proscribe.ftm.json"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return StreamingResponse(
            _lines(itertools.chain(first, found)), media_type=MEDIA_TYPE, headers=headers
        )

    return router


def _lines(items: Iterator[dict[str, Any]]) -> Iterator[bytes]:
    """The export's lines, a few hundred to a chunk so a large export is not sent a line at a time."""
    while chunk := list(itertools.islice(items, 256)):
        yield b"".join(json_line(item) for item in chunk)
