"""`update`: download each official source, keep the raw files, and ingest what changed.

For each source, every file named in its metadata `urls` is fetched conditionally (ETag /
Last-Modified from the previous download). Raw files are kept under
`<data_home>/raw/<source>/<UTC timestamp>/` with a `manifest.json` recording URL, sha256,
retrieval time and validators (and the address redirects led to, when elsewhere). When every
file answers 304 the source is `not_modified`; when the content hashes to a snapshot already
held it is `unchanged`; otherwise the new snapshot is ingested (dated by the file, else by the
retrieval day). A failing source does not stop the others; its outcome says why. A list that
changed again on a day already held (OFAC may publish twice a day) is `deferred`, not failed: a
whole list has one snapshot per day, so its later state is imported by the first update of
another day (or, for a file that states its date, with the publisher's next version dated
another day); the deferred download is not kept.

A download that fails to import (malformed, or refused for holding over a quarter fewer records
than the snapshot before) stays on disk for review, marked with the error in `import-failed.txt`.
Validators are only sent for the newest download the store holds as a snapshot (matched by
content hash): were those of a download never imported sent (it failed, the process died before
its import ended, or the database is a new one), the server would answer 304 Not Modified to
every later update and the file would never be read. `whole=True` (`update SOURCE
--whole`) imports a shrunk list as the whole list, with its retrieval kept as for any other.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from proscribe import settings
from proscribe.errors import (
    FetchError,
    InputError,
    ProscribeError,
    SameDaySnapshotError,
    ShrunkSnapshotError,
    StoreError,
)
from proscribe.ingest.lists import Retrieval, holds_snapshot, ingest_list, set_sha256
from proscribe.sources.fetch import Fetched, fetch
from proscribe.sources.meta import SourceMeta, all_sources, source_meta
from proscribe.store import Store

FAILED_MARKER = "import-failed.txt"


@dataclass
class UpdateOutcome:
    """What `update` did for one source."""

    source: str
    status: str
    files: list[str] = field(default_factory=list)
    report: dict[str, object] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "source": self.source,
            "status": self.status,
            "files": self.files,
            "report": self.report,
            "error": self.error,
        }


def update(
    store: Store,
    sources: Sequence[str] = (),
    mirror: str | None = None,
    transport: httpx.BaseTransport | None = None,
    home: Path | None = None,
    whole: bool = False,
) -> list[UpdateOutcome]:
    """Update the named sources (all with URLs when none are named); see the module docstring.

    `mirror` replaces each official URL by `<mirror>/<source id>/<file name>`. `whole` says the
    downloads are the whole list even when they hold over a quarter fewer records than the
    snapshot before; it applies only to sources named.
    """
    store.require_initialised()
    settings.write_lock_timeout()  # a bad setting fails here, before any download is fetched or judged
    if whole and not sources:
        raise InputError("--whole applies to the sources named: name the ones whose list really shrank")
    metas = updatable(sources)
    root = (home or settings.data_home()) / "raw"
    outcomes = []
    for meta in metas:
        try:
            outcomes.append(_update_one(store, meta, root, mirror, transport, whole))
        except ProscribeError as exc:
            outcomes.append(UpdateOutcome(meta.id, "failed", error=str(exc)))
    return outcomes


def updatable(sources: Sequence[str] = ()) -> list[SourceMeta]:
    """The named sources (NotFoundError for unknown ids), or every source with download URLs that is
    updated by default (one format per list: the alternative formats of a list are opt-in)."""
    if sources:
        return [source_meta(name) for name in sources]
    return [m for m in all_sources().values() if m.urls and m.update_by_default]


def _update_one(
    store: Store,
    meta: SourceMeta,
    root: Path,
    mirror: str | None,
    transport: httpx.BaseTransport | None,
    whole: bool,
) -> UpdateOutcome:
    if not meta.urls:
        raise FetchError(f"{meta.id}: no download URL in data/sources/{meta.id}.yaml")
    previous_dir, previous = _latest_imported(store, root / meta.id)
    fetched: dict[str, Fetched] = {}
    for filename, official in meta.urls.items():
        url = f"{mirror.rstrip('/')}/{meta.id}/{filename}" if mirror else official
        before = previous.get(filename, {})
        usable = previous_dir is not None and (previous_dir / filename).is_file()
        fetched[filename] = fetch(
            url,
            etag=before.get("etag") if usable else None,
            last_modified=before.get("last_modified") if usable else None,
            transport=transport,
        )
    if all(item.not_modified for item in fetched.values()):
        return UpdateOutcome(meta.id, "not_modified", files=sorted(fetched))
    first = next(item for item in fetched.values() if not item.not_modified)
    folder = root / meta.id / first.retrieved_at.strftime("%Y%m%dT%H%M%S%fZ")
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict[str, Any]] = {}
    paths = []
    for filename, item in fetched.items():
        target = folder / filename
        if item.not_modified:
            assert previous_dir is not None
            target.write_bytes((previous_dir / filename).read_bytes())
            manifest[filename] = dict(previous[filename])
        else:
            target.write_bytes(item.data)
            manifest[filename] = {
                "url": item.url,
                "sha256": hashlib.sha256(item.data).hexdigest(),
                "retrieved_at": item.retrieved_at.isoformat(),
                "etag": item.etag,
                "last_modified": item.last_modified,
            }
            if item.final_url is not None:
                manifest[filename]["final_url"] = item.final_url
        paths.append(target)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    retrieval = Retrieval(first.url, first.retrieved_at, first.etag, first.last_modified)
    try:
        report = ingest_list(
            store, meta.id, paths, snapshot_date=first.retrieved_at.date(), retrieval=retrieval, whole=whole
        )
    except SameDaySnapshotError as exc:
        # The list changed again on a day already held (OFAC may publish twice a day). Claims are
        # dated by the day, so the later state waits for a snapshot of another day; the download
        # is not kept (it is fetched again then), and nothing is wrong with it or the database.
        shutil.rmtree(folder)
        when = (
            "when the publisher dates a version another day"
            if exc.dated_by_file
            else "by the first update of another day"
        )
        return UpdateOutcome(
            meta.id,
            "deferred",
            error=f"{meta.id} changed again on {exc.day}, a day already held (one snapshot per day): "
            f"the list as it is then is imported {when}",
        )
    except ShrunkSnapshotError as exc:
        message = f"{exc} (here: after review, `proscribe update {meta.id} --whole` fetches and imports it)"
        (folder / FAILED_MARKER).write_text(message + "\n", encoding="utf-8")
        raise ShrunkSnapshotError(message) from exc
    except StoreError:
        raise  # the database was busy or unreachable: nothing is wrong with the download
    except ProscribeError as exc:
        (folder / FAILED_MARKER).write_text(f"{exc}\n", encoding="utf-8")
        raise
    status = "unchanged" if report.already_held else "ingested"
    return UpdateOutcome(meta.id, status, files=[str(p) for p in paths], report=report.as_dict())


def _latest_imported(store: Store, folder: Path) -> tuple[Path | None, dict[str, dict[str, Any]]]:
    """The newest download folder of a source whose files the store holds as a snapshot, and its manifest.

    Folders marked as failed, incomplete (a file of the manifest missing) or not held (never
    imported into this store) are passed over.
    """
    if not folder.is_dir():
        return None, {}
    for candidate in sorted((p for p in folder.iterdir() if p.is_dir()), reverse=True):
        manifest = candidate / "manifest.json"
        if not manifest.is_file() or (candidate / FAILED_MARKER).exists():
            continue
        try:
            data: dict[str, dict[str, Any]] = json.loads(manifest.read_text(encoding="utf-8"))
            hashes = [(name, str(entry["sha256"])) for name, entry in data.items()]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            continue  # a manifest edited by hand into something else: that download is not trusted
        complete = bool(hashes) and all((candidate / name).is_file() for name, _ in hashes)
        if complete and holds_snapshot(store, set_sha256(hashes)):
            return candidate, data
    return None, {}
