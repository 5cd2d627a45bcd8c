"""POST endpoints: screening (open to all) and list-file ingestion (bearer token required).

`/api/screen` screens up to 1,000 names against the registry (optionally only organisations
designated in some jurisdictions/lists on a day) and returns each name's explained matches plus a
receipt. `/api/ingest/list` imports one official list snapshot; without a live token it is refused
with 401 before anything is written.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile
from fastapi.responses import Response
from pydantic import Field

from proscribe import clock
from proscribe.api.auth import Authorised
from proscribe.api.bodies import RequestBody
from proscribe.errors import HostileInputError, InputError, ProscribeError
from proscribe.ingest.judgements import mark_distinct, merge_entities, withdraw_judgement
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.rejections import reject_claims, restore_claims
from proscribe.ingest.reviews import MAX_REVIEW_BYTES, apply_review
from proscribe.ingest.splits import split_record
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.model import IMO_SCHEME
from proscribe.screen.births import read_stated_birth
from proscribe.screen.index import NameIndex
from proscribe.screen.match import MAX_QUERY_CHARS
from proscribe.screen.pairs import Pairs, read_pairs
from proscribe.screen.service import (
    Births,
    Filters,
    Screener,
    Ships,
    designation_sets,
    has_line_break,
    has_name,
    printable,
)
from proscribe.store import Store
from proscribe.web.http import (
    code_params,
    day_param,
    json_bytes,
    known_query_parameters,
    list_params,
    option_names,
    public_text,
)
from proscribe.web.pages import SCREEN_MAX_NAMES

_SCREENERS = 8
MAX_UPLOAD_BYTES = 64 * 1024 * 1024


class ScreenRequest(RequestBody):
    """Names to screen, and which designations make an organisation a possible match."""

    names: list[str] = Field(min_length=1, max_length=SCREEN_MAX_NAMES, description="Names in any script")
    birth_dates: list[str | None] | None = Field(
        default=None,
        description="A date of birth per name (YYYY-MM-DD, YYYY-MM or YYYY; null where none), in the "
        "order of `names`: weighed against the dates of birth lists state",
    )
    jurisdictions: list[str] = Field(default_factory=list, description="Only organisations designated here")
    lists: list[str] = Field(default_factory=list, description="Only organisations on these lists")
    at: str | None = Field(default=None, description="Designations in force on this day (YYYY-MM-DD)")
    as_of: str | None = Field(default=None, description="Per sources published by this day (YYYY-MM-DD)")
    any_state: bool = Field(default=False, description="Also match organisations no longer designated")
    threshold: float = Field(default=0.8, ge=0.0, le=1.0)
    limit: int = Field(default=5, ge=1, le=50)


class JudgementRequest(RequestBody):
    """An identity judgement: `same` reads entity_id as other_id from now on; `distinct` parts them."""

    judgement: Literal["same", "distinct"]
    entity_id: str = Field(min_length=1, description="Exact entity id (merged away when `same`)")
    other_id: str = Field(min_length=1, description="Exact entity id (kept when `same`)")
    reason: str = Field(min_length=1, max_length=2000, description="Why; kept with the judgement")
    decided_by: str | None = Field(default=None, max_length=200, description="Who (default: the token name)")


class SplitRequest(RequestBody):
    """A list record to part from the entity it was linked to, onto an entity of its own."""

    source: str = Field(min_length=1, description="The list source (`uk-hmt-ofsi-consolidated`)")
    record_key: str = Field(min_length=1, max_length=200, description="The record's key in that list")
    reason: str = Field(min_length=1, max_length=2000, description="Why; kept with the judgement")
    decided_by: str | None = Field(default=None, max_length=200, description="Who (default: the token name)")


class WithdrawRequest(RequestBody):
    """Why a judgement, or an imported list snapshot, is withdrawn."""

    reason: str = Field(min_length=1, max_length=2000)
    decided_by: str | None = Field(default=None, max_length=200)


class SnapshotWithdrawRequest(WithdrawRequest):
    """Why an imported list snapshot is withdrawn; `dry_run` reports the effect and changes nothing."""

    dry_run: bool = Field(default=False, description="Report the events it would take back; change nothing")
    with_later: bool = Field(
        default=False,
        description="Withdraw the later snapshots compared with it too (listed in `import_again`)",
    )


class ClaimsRequest(RequestBody):
    """Claims to reject (or restore): by id, or every claim read from one source; and why."""

    claim_ids: list[str] = Field(
        default_factory=list, max_length=10_000, description="Claim ids (as `GET /api/sources` gives them)"
    )
    source: str | None = Field(
        default=None, max_length=4000, description="Every claim read from this source (URL or urn:sha256:...)"
    )
    reason: str = Field(min_length=1, max_length=2000, description="Why; kept on record")
    decided_by: str | None = Field(default=None, max_length=200, description="Who (default: the token name)")
    dry_run: bool = Field(default=False, description="Report the effect; change nothing")


class ScreenerCache:
    """The last few screeners, keyed by registry version and filters, over one shared name index.

    Indexing every name is the slow part (seconds on a registry of all the official lists) and
    depends only on the registry's content, as do the undecided pairs that tell a result which
    entities its hit may be; filters (`at`, jurisdictions, lists, `as_of`) only choose the
    designations. So a new combination of filters costs a designations query, not a new index.
    The filters carry the effective `at` day (the API fills in today), so a screener built
    yesterday is never asked about today's designations."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, Filters], Screener] = {}
        self._index: tuple[str, NameIndex, Births, Ships, Pairs] | None = None
        self._lock = threading.Lock()

    def get(self, store: Store, filters: Filters) -> Screener:
        """A screener over the current registry content for `filters`."""
        reader = store.reader()
        version = reader.content_hash()
        key = (version, filters)
        with self._lock:
            found = self._items.get(key)
            held = self._index if self._index is not None and self._index[0] == version else None
        if found is not None:
            return found
        designations = unscreened = None
        if filters.states:
            # The second set says what a strong match the filters leave out is (`not_shown`).
            designations, unscreened = designation_sets(
                reader, filters, filters.at or clock.today().isoformat()
            )
        index, births, ships, pairs = (
            held[1:]
            if held
            else (
                NameIndex.from_entities(reader.entities()),
                reader.birth_dates(),
                reader.identifier_holders(IMO_SCHEME),
                read_pairs(reader),
            )
        )
        screener = Screener(index, version, filters, designations, births, ships, pairs, unscreened)
        with self._lock:
            self._index = (version, index, births, ships, pairs)
            if len(self._items) >= _SCREENERS:
                self._items.pop(next(iter(self._items)))
            self._items[key] = screener
        return screener


# The CLI options the core's messages name, and the form fields of /api/ingest/list that stand for them.
CLI_OPTIONS = {"--date": "snapshot_date", "--partial": "partial=true", "--whole": "whole=true"}


def _said_as(report: dict[str, Any], words: dict[str, str]) -> dict[str, Any]:
    """An import report with its file names and warnings in the caller's terms (see `option_names`)."""
    out = dict(report)
    for key in ("files", "warnings"):
        if isinstance(report.get(key), list):
            out[key] = [public_text(str(item), words) for item in report[key]]
    return out


def write_router(store: Store) -> APIRouter:
    """Build the router of POST endpoints over `store`."""
    router = APIRouter(prefix="/api", dependencies=[Depends(known_query_parameters)])
    screeners = ScreenerCache()

    @router.post(
        "/screen",
        tags=["screen"],
        summary="Screen up to 1,000 names against the registry",
        description="One entry per name, in order: `{query, results, receipt}`. Each result gives "
        "`entity_id`, `name`, `matched_name`, `score`, `detail` (why), `designations`, `birth_dates` "
        "and `may_be_same_as`: the entities the hit may be (suggested pairs no analyst has decided), "
        "strongest first, each `{entity_id, name, in_results, why, cautions}`, `in_results` saying "
        "whether it is another hit of the same name. `not_shown` and `notes` name strong matches the "
        "filters left out (a state such as `uncertain` on the day, or no designation where asked); "
        "`warnings` (`{position, value, message}`) a date of birth not read, the name then screened "
        "by name alone.",
    )
    def screen(body: ScreenRequest) -> Response:
        # As the CLI reads them: without terminal escapes or control characters (`printable`).
        names = [printable(name) for name in body.names]
        empty = [index for index, name in enumerate(names) if not name]
        if empty:
            raise InputError(f"names[{empty[0]}] is empty: give a name to screen (names counted from 0)")
        broken = [index for index, name in enumerate(names) if has_line_break(name)]
        if broken:
            first = broken[0]
            raise InputError(
                f"names[{first}] ({names[first][:60]!r}) holds a line break: one name each "
                "(names counted from 0)"
            )
        blank = [index for index, name in enumerate(names) if not has_name(name)]
        if blank:
            first = blank[0]
            raise InputError(f"names[{first}] ({names[first]!r}) has no letter or digit: nothing to screen")
        # Refused by its position before any is screened, as an empty name is: a batch answered
        # without one of its names would read as that name having no hit.
        long = [index for index, name in enumerate(names) if len(name) > MAX_QUERY_CHARS]
        if long:
            first = long[0]
            raise InputError(
                f"names[{first}] has {len(names[first])} characters (it starts {names[first][:30]!r}): a "
                f"name to screen has at most {MAX_QUERY_CHARS} (names counted from 0; nothing was screened)"
            )
        births = body.birth_dates if body.birth_dates is not None else [None] * len(names)
        if len(births) != len(names):
            raise InputError(
                f"birth_dates must give one value (or null) per name: {len(births)} for {len(names)} names"
            )
        # The effective day, never None: it keys the screener cache (so "today" moves with the
        # clock) and the receipt records it, as the CLI's does.
        at = day_param(body.at, "at") or clock.today()
        as_of = day_param(body.as_of, "as_of")
        filters = Filters(
            jurisdictions=code_params(body.jurisdictions, "jurisdictions"),
            lists=list_params(body.lists),
            at=at.isoformat(),
            as_of=as_of.isoformat() if as_of else None,
            states=() if body.any_state else ("listed", "suspended"),
        )
        screener = screeners.get(store, filters)
        results = []
        for position, (name, birth) in enumerate(zip(names, births, strict=True)):
            stated = (birth or "").strip() or None
            warnings = []
            if stated is not None:
                try:
                    read_stated_birth(stated)
                except InputError as error:
                    # As the CLI's bulk screening does: one unreadable date must neither fail the
                    # batch nor let a listed name through; the name is screened by name alone.
                    message = f"{error}; screened by name alone"
                    warnings.append({"position": position, "value": birth, "message": message})
                    stated = None
            entry = screener.screen(name, body.threshold, body.limit, stated)
            results.append({**entry, "warnings": warnings})
        return Response(
            json_bytes({"count": len(results), "results": results}), media_type="application/json"
        )

    @router.post(
        "/ingest/list", tags=["ingest"], summary="Import one official list snapshot (token required)"
    )
    def ingest_list_files(
        token_name: Authorised,
        source: Annotated[
            str, Form(description="Source name, e.g. un-sc-consolidated (see proscribe sources list)")
        ],
        files: Annotated[list[UploadFile], File(description="The snapshot's file(s)")],
        snapshot_date: Annotated[
            str | None, Form(description="Snapshot day when the file states none")
        ] = None,
        partial: Annotated[
            bool,
            Form(description="The files hold part of the list: what they leave out is not delisted"),
        ] = False,
        whole: Annotated[
            bool,
            Form(
                description="The files hold the whole list, though over a quarter smaller than the one before"
            ),
        ] = False,
        dry_run: Annotated[
            bool,
            Form(description="Import in a transaction rolled back: report what would change, store nothing"),
        ] = False,
    ) -> dict[str, Any]:
        day = day_param(snapshot_date, "snapshot_date")
        with tempfile.TemporaryDirectory(prefix="proscribe-upload-") as folder:
            paths = []
            # What the core says of the files and options, said as the caller knows them: the upload's
            # own name, never the server's temporary path; the form fields, not the CLI's options.
            words = {folder: "upload", **CLI_OPTIONS}
            for index, upload in enumerate(files):
                data = upload.file.read(MAX_UPLOAD_BYTES + 1)
                if len(data) > MAX_UPLOAD_BYTES:
                    raise HostileInputError(f"{upload.filename}: larger than {MAX_UPLOAD_BYTES} bytes")
                # One sub-folder per upload keeps each file's own name, which some adapters read.
                name = Path(upload.filename or "").name
                path = Path(folder) / str(index) / (name if name not in ("", ".", "..") else "upload")
                path.parent.mkdir()
                path.write_bytes(data)
                paths.append(path)
                words[str(path)] = upload.filename or path.name
            try:
                report = ingest_list(
                    store, source, paths, day, partial=partial, whole=whole, dry_run=dry_run
                ).as_dict()
            except ProscribeError as exc:
                raise option_names(exc, words) from None
        return {"token": token_name, "report": _said_as(report, words)}

    @router.post(
        "/identity/judgements", tags=["identity"], summary="Record an identity judgement (token required)"
    )
    def judge(token_name: Authorised, body: JudgementRequest) -> dict[str, Any]:
        who = body.decided_by or token_name
        if body.judgement == "same":
            report = merge_entities(store, body.entity_id, body.other_id, body.reason, who)
        else:
            report = mark_distinct(store, body.entity_id, body.other_id, body.reason, who)
        return {"token": token_name, "report": report.as_dict()}

    @router.post(
        "/identity/reviews",
        tags=["identity"],
        summary="Record a reviewed suggestion file's decisions, all or none (token required)",
    )
    def review(
        token_name: Authorised,
        file: Annotated[
            UploadFile,
            File(
                description="CSV with entity, into, decision (merge | distinct | empty) and optionally reason"
            ),
        ],
        reason: Annotated[str, Form(description="Kept with each judgement whose row gives no reason")],
        decided_by: Annotated[str | None, Form(description="Who decides (default: the token's name)")] = None,
    ) -> dict[str, Any]:
        name = Path(file.filename or "").name or "upload"
        data = file.file.read(MAX_REVIEW_BYTES + 1)
        report = apply_review(store, data, name, reason, decided_by or token_name)
        return {"token": token_name, "report": report.as_dict()}

    @router.post(
        "/identity/splits",
        tags=["identity"],
        summary="Split a list record off the entity it was linked to (token required)",
    )
    def split(token_name: Authorised, body: SplitRequest) -> dict[str, Any]:
        report = split_record(store, body.source, body.record_key, body.reason, body.decided_by or token_name)
        return {"token": token_name, "report": report.as_dict()}

    @router.post(
        "/identity/judgements/{judgement_id}/withdraw",
        tags=["identity"],
        summary="Withdraw an identity judgement (token required)",
    )
    def withdraw(token_name: Authorised, judgement_id: str, body: WithdrawRequest) -> dict[str, Any]:
        report = withdraw_judgement(store, judgement_id, body.reason, body.decided_by or token_name)
        return {"token": token_name, "report": report.as_dict()}

    @router.post(
        "/sources/snapshots/{snapshot_id}/withdraw",
        tags=["ingest"],
        summary="Withdraw an imported list snapshot, the latest of its series or with the later ones "
        "(token required)",
    )
    def withdraw_list_snapshot(
        token_name: Authorised, snapshot_id: str, body: SnapshotWithdrawRequest
    ) -> dict[str, Any]:
        by = body.decided_by or token_name
        report = withdraw_snapshot(store, snapshot_id, body.reason, by, body.dry_run, body.with_later)
        return {"token": token_name, "report": report.as_dict()}

    @router.post(
        "/claims/reject",
        tags=["ingest"],
        summary="Reject news or curated claims that misread their source (token required)",
    )
    def reject(token_name: Authorised, body: ClaimsRequest) -> dict[str, Any]:
        by = body.decided_by or token_name
        report = reject_claims(store, body.claim_ids, body.reason, by, body.source, body.dry_run)
        return {"token": token_name, "report": report.as_dict()}

    @router.post(
        "/claims/restore", tags=["ingest"], summary="Take back rejections of claims (token required)"
    )
    def restore(token_name: Authorised, body: ClaimsRequest) -> dict[str, Any]:
        by = body.decided_by or token_name
        report = restore_claims(store, body.claim_ids, body.reason, by, body.source, body.dry_run)
        return {"token": token_name, "report": report.as_dict()}

    @router.get("/whoami", tags=["ingest"], summary="Check a token: the name it was created with")
    def whoami(token_name: Authorised) -> dict[str, str]:
        return {"token": token_name}

    return router
