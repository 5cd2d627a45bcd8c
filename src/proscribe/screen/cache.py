"""An on-disk cache of built screening indexes and designations, so `proscribe screen` starts in a blink.

Building a screener over a large registry normalises every name and decodes every timeline (seconds);
the CLI would do it on every call. This cache keeps three kinds of file:

* an index file per (store, `Reader.content_hash()`): the `IndexParts` of the candidate index;
* a designations file per (store, content hash, filters with the effective `at` day): the
  designations of the entities a screening may return, and (in sections of their own) those, in any
  state, of the entities it leaves out, which say why a strong match was not shown;
* a pairs file per (store, content hash): the suggested pairs no analyst has decided, which tell
  a result which entities its hit may be (proscribe.screen.pairs); weighing them takes most of a
  second on a registry holding whole official lists.

Every file is keyed (and named) on its `fingerprint()` too: a digest of proscribe's own code and bundled
data, the Python and anyascii versions and the machine's byte order, so any change to the code that
normalises, indexes or derives designations (or to its data) makes every older file a miss, with
nothing to remember to bump. `CACHE_FORMAT` numbers the file layout itself.

The files are not pickles: a header (JSON: the full key, the sections' layout and a SHA-256 of the
body) then flat sections (NUL-joined UTF-8 strings, typed arrays); each entity's designations are a
JSON text, decoded when a result shows them. A file is used only when it
is a regular file owned by the current user, not writable by group or others, and its header key and
digest match exactly; anything else (missing, truncated, corrupt, foreign, stale) is a miss: the caller
rebuilds and the file is overwritten. Files are written to a temporary file in the same folder and
renamed into place (readers never see half a file), mode 0600, in a folder made 0700. Only the most
recently used `KEEP_INDEXES` index files, `KEEP_DESIGNATIONS` designations files and `KEEP_PAIRS`
pairs files are kept.

The folder is `$PROSCRIBE_CACHE_DIR`, else `$XDG_CACHE_HOME/proscribe`, else `~/.cache/proscribe`
(`proscribe.settings.cache_dir`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

import anyascii
from sqlalchemy.engine import make_url

from proscribe import settings
from proscribe.screen.index import IndexParts, NameIndex

CACHE_FORMAT = 1  # the file layout below; the code and data that build the content are fingerprinted
MAGIC = b"proscribe screening cache\n"
KEEP_INDEXES = 3
KEEP_DESIGNATIONS = 8
KEEP_PAIRS = 3
# The sections of a designations file: (entity ids, their designations as JSON texts), for the
# entities a screening may return, then for those it leaves out.
_DESIGNATION_SECTIONS = (("entities", "designations"), ("unscreened_entities", "unscreened"))
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by a run that died
_SEP = "\x00"
_HEADER_BYTES = 8
_MAX_HEADER = 1 << 20
_ARRAY_TYPES = ("I", "d")  # the array typecodes the files hold (their item sizes are fingerprinted)
# The array fields of IndexParts and their typecodes; every other field is a list of strings.
_ARRAY_FIELDS = {"owners": "I", "offsets": "I", "postings": "I", "rarity": "d", "strong_weight": "d"}
_PACKAGE = Path(__file__).resolve().parents[1]
# The layers above the screen layer (pyproject's import-linter contract; a test checks the two agree):
# screening cannot import them, so they cannot change what it builds, and are left out of the fingerprint.
ABOVE_SCREEN = ("cli", "api", "web", "ingest")

Designations = Mapping[str, Sequence[Mapping[str, Any]]]
# The sections of a pairs file: one string per pair in each (the cautions as a JSON list).
_PAIR_SECTIONS = ("entity", "entity_name", "into", "into_name", "why", "cautions")


@cache
def fingerprint() -> str:
    """Digest of everything that decides what a cache file holds, besides the data itself.

    Every Python file of the proscribe package that screening can import (all but the layers above it,
    `ABOVE_SCREEN`) and every bundled data file, so no change to normalising, indexing, scoring weights
    or designations can be forgotten; the file layout; the Python and anyascii versions; the machine's
    byte order and array item sizes.
    """
    digest = hashlib.sha256()
    digest.update(f"{CACHE_FORMAT}\x1f{sys.version}\x1f{anyascii.__version__}\x1f{sys.byteorder}".encode())
    digest.update(repr([(code, array(code).itemsize) for code in _ARRAY_TYPES]).encode())
    files = sorted(
        (relative, path)
        for path in _PACKAGE.rglob("*")
        if "__pycache__" not in (relative := path.relative_to(_PACKAGE)).parts
        and (path.suffix == ".py" or relative.parts[0] == "data")
        and relative.parts[0].removesuffix(".py") not in ABOVE_SCREEN
        and path.is_file()
    )
    if not any(path.suffix == ".py" for _relative, path in files):
        # Without the source to digest, code changes could not be told apart: never match a file.
        digest.update(os.urandom(16))
    for relative, path in files:
        digest.update(b"\x1e" + relative.as_posix().encode() + b"\x1f")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def store_identity(url: str) -> str | None:
    """The store a URL names, without its password; None for one that cannot be cached (in memory).

    A SQLite path is made absolute, so the same relative URL from two folders names two stores.
    """
    try:
        parsed = make_url(url)
    except Exception:  # an unparsable URL (sqlalchemy raises several kinds) is simply not cached
        return None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        parsed = parsed.set(database=os.path.abspath(database))
    return parsed.render_as_string(hide_password=True)  # the password as ***: the store, not the login


@dataclass(frozen=True, slots=True)
class _Section:
    name: str
    kind: str  # "str" (NUL-joined UTF-8) or an array typecode
    size: int  # bytes
    count: int  # strings in a "str" section (so [] and [""] differ), else 0


class ScreenCache:
    """Index and designations files in one folder (see the module docstring for the rules)."""

    def __init__(
        self, directory: Path, keep_indexes: int = KEEP_INDEXES, keep_designations: int = KEEP_DESIGNATIONS
    ) -> None:
        self.directory = directory
        self.keep = {"index": keep_indexes, "designations": keep_designations, "pairs": KEEP_PAIRS}
        self.problem: str | None = None  # why the folder cannot be used, once found out

    @classmethod
    def default(cls) -> ScreenCache:
        """The cache in the user's folder (`proscribe.settings.cache_dir`)."""
        return cls(settings.cache_dir())

    # -- the two kinds of entry ---------------------------------------------------------------------
    def load_index(self, store: str, content_hash: str) -> NameIndex | None:
        """The index of `store` at `content_hash`, or None (a miss)."""
        found = self._load("index", {"store": store, "content_hash": content_hash})
        if found is None:
            return None
        values: dict[str, Any] = {}
        for field in fields(IndexParts):
            value = found.get(field.name)
            typecode = _ARRAY_FIELDS.get(field.name)
            if typecode is None and not isinstance(value, list):
                return None
            if typecode is not None and not (isinstance(value, array) and value.typecode == typecode):
                return None
            values[field.name] = value
        try:
            return NameIndex.from_parts(IndexParts(**values))
        except ValueError:
            return None

    def store_index(self, store: str, content_hash: str, index: NameIndex) -> None:
        """Keep `index` as the index of `store` at `content_hash` (quietly does nothing if it cannot)."""
        parts = index.parts
        self._store(
            "index",
            {"store": store, "content_hash": content_hash},
            {field.name: getattr(parts, field.name) for field in fields(IndexParts)},
        )

    def load_designations(
        self, store: str, content_hash: str, filters: Mapping[str, Any]
    ) -> Designations | None:
        """The designations of `store` at `content_hash` for `filters` (their `at` the effective day)."""
        found = self.load_designation_sets(store, content_hash, filters)
        return found[0] if found is not None else None

    def load_designation_sets(
        self, store: str, content_hash: str, filters: Mapping[str, Any]
    ) -> tuple[Designations, Designations | None] | None:
        """`load_designations`, and the designations in any state of the entities the filters leave
        out when the file holds them (None when it was stored without)."""
        found = self._load("designations", {"store": store, "content_hash": content_hash, "filters": filters})
        if found is None:
            return None
        sets: list[Designations | None] = []
        for ids_section, texts_section in _DESIGNATION_SECTIONS:
            ids, texts = found.get(ids_section), found.get(texts_section)
            if ids is None and texts is None and sets:
                sets.append(None)  # stored without the entities left out
                continue
            if not isinstance(ids, list) or not isinstance(texts, list) or len(ids) != len(texts):
                return None
            sets.append(StoredDesignations(dict(zip(ids, texts, strict=True))))
        kept, unscreened = sets
        return (kept, unscreened) if kept is not None else None

    def store_designations(
        self,
        store: str,
        content_hash: str,
        filters: Mapping[str, Any],
        designations: Designations,
        unscreened: Designations | None = None,
    ) -> None:
        """Keep `designations` for `filters`, with `unscreened` (the designations in any state of the
        entities they leave out) when given (quietly does nothing if it cannot)."""
        sections: dict[str, list[str]] = {}
        named = zip(_DESIGNATION_SECTIONS, (designations, unscreened), strict=True)
        for (ids_section, texts_section), values in named:
            if values is None:
                continue
            texts = []
            for value in values.values():
                # Key order kept (a designation's keys come out as they went in); a value JSON would give
                # back changed (a tuple, a non-string key) is not stored, rather than answered differently.
                text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
                if json.loads(text) != value:
                    return
                texts.append(text)
            sections[ids_section], sections[texts_section] = list(values), texts
        self._store(
            "designations", {"store": store, "content_hash": content_hash, "filters": filters}, sections
        )

    def load_pairs(self, store: str, content_hash: str) -> list[dict[str, Any]] | None:
        """The undecided pairs of `store` at `content_hash` (as `store_pairs` was given them), or None."""
        found = self._load("pairs", {"store": store, "content_hash": content_hash})
        if found is None:
            return None
        columns = [found.get(name) for name in _PAIR_SECTIONS]
        if not all(isinstance(column, list) for column in columns):
            return None
        lists = [column for column in columns if isinstance(column, list)]
        if len({len(column) for column in lists}) != 1:
            return None
        out = []
        for entity, entity_name, into, into_name, why, cautions in zip(*lists, strict=True):
            try:
                decoded = json.loads(cautions)
            except ValueError:
                return None
            if not isinstance(decoded, list) or not all(isinstance(item, str) for item in decoded):
                return None
            out.append(
                {
                    "entity": {"id": entity, "name": entity_name},
                    "into": {"id": into, "name": into_name},
                    "why": why,
                    "cautions": decoded,
                }
            )
        return out

    def store_pairs(self, store: str, content_hash: str, pairs: Sequence[Mapping[str, Any]]) -> None:
        """Keep the undecided pairs (`entity`, `into`: {id, name}; `why`; `cautions`) of `store` at
        `content_hash`, in their order (quietly does nothing if it cannot)."""
        columns: dict[str, list[str]] = {name: [] for name in _PAIR_SECTIONS}
        for pair in pairs:
            columns["entity"].append(str(pair["entity"]["id"]))
            columns["entity_name"].append(str(pair["entity"]["name"]))
            columns["into"].append(str(pair["into"]["id"]))
            columns["into_name"].append(str(pair["into"]["name"]))
            columns["why"].append(str(pair["why"]))
            columns["cautions"].append(json.dumps([str(c) for c in pair["cautions"]], ensure_ascii=False))
        self._store("pairs", {"store": store, "content_hash": content_hash}, dict(columns))

    # -- files -------------------------------------------------------------------------------------
    def _path(self, kind: str, key: Mapping[str, Any]) -> Path:
        # The fingerprint names the file too: two installs sharing the folder (a release and a
        # checkout, say) each keep their own files instead of replacing each other's on every run.
        named = {"kind": kind, "fingerprint": fingerprint(), **key}
        name = hashlib.sha256(_canonical(named).encode()).hexdigest()[:32]
        return self.directory / f"{kind}-{name}.bin"

    def _usable(self, create: bool) -> bool:
        """Whether the folder may be used: ours and not writable by others (made 0700 when created)."""
        if self.problem is not None:
            return False
        if not hasattr(os, "getuid"):
            self.problem = "file ownership cannot be checked on this system"
            return False
        try:
            info = os.stat(self.directory)
        except FileNotFoundError:
            if not create:
                return False
            try:
                os.makedirs(self.directory, mode=0o700, exist_ok=True)
                os.chmod(self.directory, 0o700)
                info = os.stat(self.directory)
            except OSError as exc:
                self.problem = f"cannot create {self.directory}: {exc.strerror}"
                return False
        except OSError as exc:
            self.problem = f"cannot use {self.directory}: {exc.strerror}"
            return False
        if not stat.S_ISDIR(info.st_mode):
            self.problem = f"{self.directory} is not a folder"
        elif info.st_uid != os.getuid():
            self.problem = f"{self.directory} belongs to another user"
        elif info.st_mode & 0o022:
            self.problem = f"{self.directory} is writable by other users"
        return self.problem is None

    def _load(self, kind: str, key: Mapping[str, Any]) -> dict[str, Any] | None:
        if not self._usable(create=False):
            return None
        path = self._path(kind, key)
        try:
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return None
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None  # someone else could have written it: rebuilt and replaced
            with os.fdopen(handle, "rb", closefd=False) as stream:
                data = stream.read()
        except OSError:
            return None
        finally:
            os.close(handle)
        try:
            sections = _decode(data, {"kind": kind, "fingerprint": fingerprint(), **key})
        except (ValueError, TypeError, KeyError, UnicodeDecodeError, OverflowError):
            return None
        if sections is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # most recently used: pruned last
        return sections

    def _store(self, kind: str, key: Mapping[str, Any], sections: Mapping[str, Any]) -> None:
        try:
            data = _encode({"kind": kind, "fingerprint": fingerprint(), **key}, sections)
        except ValueError:
            return  # a name holding NUL, say, cannot be stored this way: such data is just not cached
        if not self._usable(create=True):
            return
        path = self._path(kind, key)
        temporary = None
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".bin", dir=self.directory)
            with os.fdopen(descriptor, "wb") as stream:  # mkstemp made it 0600
                stream.write(data)
            os.replace(temporary, path)
            temporary = None
        except OSError:
            return  # a full disk or a read-only folder costs speed, never the screening
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        self._prune(kind)

    def _prune(self, kind: str) -> None:
        """Remove all but the most recently used files of `kind`, and temporary files left by dead runs."""
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return
        now = time.time()
        mine: list[tuple[float, str]] = []
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.startswith(".tmp-") and now - info.st_mtime > STALE_TEMP_SECONDS:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            elif entry.name.startswith(f"{kind}-") and entry.name.endswith(".bin"):
                mine.append((info.st_mtime, entry.path))
        for _mtime, path in sorted(mine, reverse=True)[self.keep[kind] :]:
            with contextlib.suppress(OSError):
                os.unlink(path)


class StoredDesignations(Mapping[str, Sequence[Mapping[str, Any]]]):
    """Designations loaded from the cache: entity id -> its designations, each entity's decoded when
    first asked for (a screening shows a handful; decoding all of a large registry's takes 60 ms)."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts
        self._decoded: dict[str, Sequence[Mapping[str, Any]]] = {}

    def __getitem__(self, entity_id: str) -> Sequence[Mapping[str, Any]]:
        found = self._decoded.get(entity_id)
        if found is None:
            found = self._decoded[entity_id] = json.loads(self._texts[entity_id])
        return found

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _encode(key: Mapping[str, Any], sections: Mapping[str, Any]) -> bytes:
    """Header (key, layout, body digest) and body; ValueError for what would not load back the same."""
    layout: list[_Section] = []
    chunks: list[bytes] = []
    for name, value in sections.items():
        if isinstance(value, array):
            chunk, kind, count = value.tobytes(), str(value.typecode), 0
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            if any(_SEP in item for item in value):
                raise ValueError(f"section {name}: a string holds NUL")
            chunk, kind, count = _SEP.join(value).encode(), "str", len(value)
        else:
            raise ValueError(f"section {name}: neither an array nor a list of strings")
        layout.append(_Section(name, kind, len(chunk), count))
        chunks.append(chunk)
    body = b"".join(chunks)
    header = {
        "key": key,
        "sections": [[s.name, s.kind, s.size, s.count] for s in layout],
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    encoded = _canonical(header).encode()
    return MAGIC + len(encoded).to_bytes(_HEADER_BYTES, "big") + encoded + body


def _decode(data: bytes, key: Mapping[str, Any]) -> dict[str, Any] | None:
    """The sections of a file whose key is `key` and whose body is intact; None otherwise."""
    if not data.startswith(MAGIC):
        return None
    start = len(MAGIC) + _HEADER_BYTES
    length = int.from_bytes(data[len(MAGIC) : start], "big")
    if length > _MAX_HEADER or start + length > len(data):
        return None
    header = json.loads(data[start : start + length])
    # Compared as canonical JSON: the key of a file must be this key exactly (not merely hash alike).
    if not isinstance(header, dict) or _canonical(header.get("key")) != _canonical(key):
        return None
    body = memoryview(data)[start + length :]
    if hashlib.sha256(body).hexdigest() != header.get("sha256"):
        return None
    out: dict[str, Any] = {}
    at = 0
    for name, kind, size, count in header["sections"]:
        chunk = body[at : at + size]
        at += size
        if len(chunk) != size:
            return None
        if kind == "str":
            out[name] = str(chunk, "utf-8").split(_SEP) if count else []
            if len(out[name]) != count:
                return None
        elif kind in _ARRAY_TYPES:
            values = array(kind)
            if size % values.itemsize:
                return None
            values.frombytes(chunk)
            out[name] = values
        else:
            return None
    return out if at == len(body) else None
