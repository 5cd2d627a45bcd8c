"""Vocabularies loaded from data files and validated at load: jurisdictions, lists, authorities.

Every error names the file and the entry, so a bad edit to a data file is found at once.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from proscribe.errors import DataError
from proscribe.model import Authority, DesignationList, Jurisdiction
from proscribe.model.jurisdiction import SUPRANATIONAL

# The C loader when PyYAML was built with libyaml: vocabularies load several times faster.
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIST_KINDS = ("terrorist", "extremist", "sanctions", "export-control", "other")
_AUTHORITY_KINDS = (
    "court",
    "ministry",
    "prosecutor",
    "head_of_state",
    "head_of_government",
    "legislature",
    "council",
    "agency",
    "government",
)


def data_dir() -> Path:
    """The package's data folder."""
    return Path(str(resources.files("proscribe") / "data"))


def read_document(path: Path) -> dict[str, Any]:
    """Read a YAML data file whose top level is a mapping (DataError naming the file otherwise)."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read data file: {exc}") from None
    if not isinstance(document, dict):
        raise DataError(f"{path}: expected a mapping at the top level")
    return document


def entries_of(path: Path, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The list under `key`, checking that every entry is a mapping."""
    entries = document.get(key)
    if not isinstance(entries, list):
        raise DataError(f"{path}: expected a top-level `{key}:` list")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise DataError(f"{path}: {key}[{index}] is not a mapping")
    return entries


def load_yaml(path: Path, key: str) -> list[dict[str, Any]]:
    """Read `path` and return its list under `key`, checking that every entry is a mapping."""
    return entries_of(path, read_document(path), key)


def require_text(path: Path, where: str, entry: dict[str, Any], field: str) -> str:
    """A non-empty string field of an entry (DataError naming file, entry and field otherwise)."""
    value = entry.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{path}: {where}: missing or empty `{field}`")
    return value


def _strings(path: Path, where: str, entry: dict[str, Any], field: str) -> tuple[str, ...]:
    value = entry.get(field) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise DataError(f"{path}: {where}: `{field}` must be a list of strings")
    return tuple(value)


@functools.cache
def jurisdictions() -> dict[str, Jurisdiction]:
    """All jurisdictions by code: ISO 3166-1 alpha-2 plus UN and EU."""
    path = data_dir() / "jurisdictions.yaml"
    out: dict[str, Jurisdiction] = {}
    for index, entry in enumerate(load_yaml(path, "jurisdictions")):
        where = f"jurisdictions[{index}]"
        code = require_text(path, where, entry, "code")
        try:
            alpha3 = entry.get("alpha3")
            if alpha3 is not None and not isinstance(alpha3, str):
                raise ValueError(f"alpha3 must be a string, got {alpha3!r}")
            item = Jurisdiction(
                code,
                require_text(path, where, entry, "name"),
                _strings(path, where, entry, "aliases"),
                alpha3,
            )
        except ValueError as exc:
            raise DataError(f"{path}: {where} ({code}): {exc}") from None
        if code in out:
            raise DataError(f"{path}: {where}: duplicate code {code}")
        if code in SUPRANATIONAL and item.alpha3 is not None:
            raise DataError(f"{path}: {where} ({code}): no state, so no `alpha3`")
        if code not in SUPRANATIONAL and item.alpha3 is None:
            raise DataError(f"{path}: {where} ({code}): missing `alpha3` (its ISO 3166-1 alpha-3 code)")
        taken = next((other.code for other in out.values() if other.alpha3 == item.alpha3), None)
        if item.alpha3 is not None and taken is not None:
            raise DataError(f"{path}: {where} ({code}): alpha3 {item.alpha3} is already {taken}'s")
        out[code] = item
    return out


@functools.cache
def lists() -> dict[str, DesignationList]:
    """All designation lists by id, from every YAML file in data/lists/ (ids unique across files)."""
    known = jurisdictions()
    out: dict[str, DesignationList] = {}
    for path in sorted((data_dir() / "lists").glob("*.yaml")):
        for index, entry in enumerate(load_yaml(path, "lists")):
            where = f"lists[{index}]"
            list_id = require_text(path, where, entry, "id")
            where = f"{where} ({list_id})"
            code = require_text(path, where, entry, "jurisdiction")
            kind = require_text(path, where, entry, "kind")
            if code not in known:
                raise DataError(f"{path}: {where}: unknown jurisdiction {code!r}")
            if kind not in _LIST_KINDS:
                raise DataError(f"{path}: {where}: kind must be one of {_LIST_KINDS}, got {kind!r}")
            if list_id in out:
                raise DataError(f"{path}: {where}: duplicate list id {list_id!r}")
            out[list_id] = DesignationList(
                id=list_id,
                jurisdiction=code,
                name=require_text(path, where, entry, "name"),
                kind=kind,  # type: ignore[arg-type]
                publisher=entry.get("publisher"),
                url=entry.get("url"),
                legal_basis=entry.get("legal_basis"),
                aliases=_strings(path, where, entry, "aliases"),
                closed_on=_date(path, where, entry, "closed_on"),
                succeeded_by=entry.get("succeeded_by"),
                opened_on=_date(path, where, entry, "opened_on"),
                took_over_from=entry.get("took_over_from"),
                compilation=_flag(path, where, entry, "compilation"),
                several_rows=_flag(path, where, entry, "several_rows"),
                **_term(path, where, entry),
            )
    _check_aliases_unique(out)
    _check_successors(out)
    _check_predecessors(out)
    return out


def _term(path: Path, where: str, entry: dict[str, Any]) -> dict[str, Any]:
    """The optional fixed term of a list's listings: `term_years` (1-99) with the `term_basis` setting it."""
    years, basis = entry.get("term_years"), entry.get("term_basis")
    if years is None and basis is None:
        return {}
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 99:
        raise DataError(f"{path}: {where}: term_years must be a whole number of years (1-99), got {years!r}")
    if not isinstance(basis, str) or not basis.strip():
        raise DataError(f"{path}: {where}: term_years needs term_basis, the law that sets the term")
    return {"term_years": years, "term_basis": basis.strip()}


def _flag(path: Path, where: str, entry: dict[str, Any], key: str) -> bool:
    """An optional true/false field (false when absent)."""
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise DataError(f"{path}: {where}: {key} must be true or false, got {value!r}")
    return value


def _date(path: Path, where: str, entry: dict[str, Any], key: str) -> date | None:
    """An optional ISO date field (YAML reads an unquoted one as a date already)."""
    value = entry.get(key)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataError(f"{path}: {where}: {key} must be a date (YYYY-MM-DD), got {value!r}") from None


def _check_successors(found: dict[str, DesignationList]) -> None:
    """A successor must be a known list of the same jurisdiction, named only by a closed list."""
    for item in found.values():
        if item.succeeded_by is None:
            continue
        successor = found.get(item.succeeded_by)
        where = f"lists: {item.id}: succeeded_by {item.succeeded_by!r}"
        if item.closed_on is None:
            raise DataError(f"{where} needs closed_on")
        if successor is None or successor.jurisdiction != item.jurisdiction:
            raise DataError(f"{where} is not a list of {item.jurisdiction}")


def _check_predecessors(found: dict[str, DesignationList]) -> None:
    """A list a new one took over from must be a known other list of the same jurisdiction, and the
    day of the takeover given."""
    for item in found.values():
        if item.took_over_from is None:
            continue
        before = found.get(item.took_over_from)
        where = f"lists: {item.id}: took_over_from {item.took_over_from!r}"
        if item.opened_on is None:
            raise DataError(f"{where} needs opened_on")
        if before is None or before.id == item.id or before.jurisdiction != item.jurisdiction:
            raise DataError(f"{where} is not another list of {item.jurisdiction}")


def _check_aliases_unique(by_id: dict[str, DesignationList]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for item in by_id.values():
        for label in (item.name, *item.aliases):
            key = (item.jurisdiction, label.casefold())
            if seen.get(key, item.id) != item.id:
                raise DataError(
                    f"lists: label {label!r} in {item.jurisdiction} names both {seen[key]} and {item.id}"
                )
            seen[key] = item.id


@functools.cache
def _lists_by_label() -> dict[tuple[str, str], DesignationList]:
    out: dict[tuple[str, str], DesignationList] = {}
    for item in lists().values():
        for label in (item.id, item.name, *item.aliases):
            out[(item.jurisdiction, label.casefold())] = item
    return out


def list_for_name(jurisdiction: str, name: str) -> DesignationList | None:
    """The list a source calls `name` in `jurisdiction` (by id, official name or alias), if known."""
    return _lists_by_label().get((jurisdiction, name.strip().casefold()))


def lists_of(jurisdiction: str) -> list[DesignationList]:
    """Every known list of one jurisdiction."""
    return [item for item in lists().values() if item.jurisdiction == jurisdiction]


@functools.cache
def authorities() -> dict[str, Authority]:
    """Known proposing/deciding bodies by id."""
    path = data_dir() / "authorities.yaml"
    known = jurisdictions()
    out: dict[str, Authority] = {}
    labels: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(load_yaml(path, "authorities")):
        where = f"authorities[{index}]"
        auth_id = require_text(path, where, entry, "id")
        code = require_text(path, where, entry, "jurisdiction")
        if code not in known:
            raise DataError(f"{path}: {where} ({auth_id}): unknown jurisdiction {code!r}")
        if auth_id in out:
            raise DataError(f"{path}: {where}: duplicate authority id {auth_id!r}")
        kind = require_text(path, where, entry, "kind")
        if kind not in _AUTHORITY_KINDS:
            raise DataError(
                f"{path}: {where} ({auth_id}): kind must be one of {_AUTHORITY_KINDS}, got {kind!r}"
            )
        authority = Authority(
            auth_id,
            code,
            require_text(path, where, entry, "name"),
            kind,
            _strings(path, where, entry, "aliases"),
        )
        for label in (authority.name, *authority.aliases):
            # One wording names one body of a state, or timelines would fold two bodies into one.
            other = labels.setdefault((code, _fold_label(label)), auth_id)
            if other != auth_id:
                raise DataError(f"{path}: {where} ({auth_id}): {label!r} already names {other!r} in {code}")
        out[auth_id] = authority
    return out


@functools.cache
def authorities_digest() -> str:
    """A digest of the authority vocabulary: stored timelines name bodies by it, so when it changes
    they are re-derived (proscribe.store.writer.rederive_on_new_rules)."""
    canonical = json.dumps(
        [
            sorted(
                (item.id, item.jurisdiction, item.name, item.kind, sorted(item.aliases))
                for item in authorities().values()
            ),
            sorted(name_particles()),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@functools.cache
def name_particles() -> frozenset[str]:
    """The lower-case words that stand inside or before a person's name ("al", "bin", "van"), from
    `name_particles` in authorities.yaml: an office holder's name after a body's may hold them
    ("Minister of Interior X Mazen al-Faraya"). Each must be one lower-case word (DataError else)."""
    path = data_dir() / "authorities.yaml"
    value = read_document(path).get("name_particles") or []
    if not isinstance(value, list):
        raise DataError(f"{path}: `name_particles` must be a list of words")
    for word in value:
        if not isinstance(word, str) or not re.fullmatch(r"[^\W\d_A-Z]+", word) or word != word.lower():
            raise DataError(f"{path}: name_particles: {word!r} is not one lower-case word")
    return frozenset(value)


def _fold_label(text: str) -> str:
    return " ".join(text.split()).casefold()


@functools.cache
def _authorities_by_label() -> dict[tuple[str, str], Authority]:
    return {
        (item.jurisdiction, _fold_label(label)): item
        for item in authorities().values()
        for label in (item.name, *item.aliases)
    }


def authority_name(jurisdiction: str, text: str) -> str:
    """The vocabulary's name for the body `text` names in `jurisdiction`, else `text` as written.

    Sources word one body differently ("Supreme Court of Russia", "Supreme Court of the Russian
    Federation"); a timeline names it once. A joint wording names its bodies joined by "; " (see
    `authority_names`).
    """
    return "; ".join(authority_names(jurisdiction, text))


def authority_names(jurisdiction: str, text: str) -> tuple[str, ...]:
    """The bodies `text` names in `jurisdiction`, as the vocabulary names them; else `text` as written.

    A wording reduced to one known body names it. A joint wording ("Public Safety Minister Bill
    Blair / Governor in Council", "US Department of the Treasury (OFAC) and Department of State")
    names each of its parts' bodies, in its order, when the vocabulary knows every part: a part it
    cannot reduce may be a name with "and" in it, so then the wording is kept whole.
    """
    known = _known_body(jurisdiction, text)
    if known is not None:
        return (known,)
    parts = _JOINT.split(_REMARK.sub("", text))
    if len(parts) > 1:
        bodies = [_known_body(jurisdiction, part) for part in parts]
        if all(bodies):
            return tuple(dict.fromkeys(body for body in bodies if body))
    return (text,)


def _known_body(jurisdiction: str, text: str) -> str | None:
    known = _authorities_by_label()
    for wording in authority_wordings(text):
        found = known.get((jurisdiction, _fold_label(wording)))
        if found is not None:
            return found.name
    return None


# What joins two bodies in one wording: "A / B", "A and B", "A with B".
_JOINT = re.compile(r"\s+(?:/|and|with|&)\s+")
# A remark closing a wording: "President of Kazakhstan (announcement)".
_REMARK = re.compile(r"\s*\([^()]*\)\s*$")
# A remark inside one: "Home Secretary (Jack Straw) laid draft order".
_INNER_REMARK = re.compile(r"\s*\([^()]*\)")
# A person's name after a body's: "Home Secretary Theresa May", "Secretary of State Marco Rubio".
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# A particle joined to the word it goes with: "al-Faraya", "el-Sisi", "d'Estaing".
_JOINED_PARTICLE = re.compile(r"([^\W\d_]+)[-'’](.+)")


def authority_wordings(text: str) -> Iterator[str]:
    """The wordings that may name a known body, most literal first.

    The text as written; without a closing remark in brackets; without any remark; and, failing
    those, the words before a person's name (at most four words ending it, each capitalised or a
    `name_particles` word, alone or joined to a capitalised one: "Mazen al-Faraya") or before
    what the body did (at most four lower-case words: "UK Parliament order", "Home Secretary
    (Jack Straw) laid draft order"). A shortened wording only counts when the vocabulary knows it,
    so "UN Security Council Committee pursuant to resolution 751 (1992)" or "US Department of the
    Treasury (OFAC)" are named as written.
    """
    yield text
    bare = _REMARK.sub("", text)
    if bare != text:
        yield bare
    plain = " ".join(_INNER_REMARK.sub(" ", bare).split())
    if plain != " ".join(bare.split()):
        yield plain
    words = plain.split()
    for is_word in (_person_word, _lower_word):  # a person's name; what the body did
        for cut in range(len(words) - 1, max(0, len(words) - 5), -1):
            if not all(is_word(word) for word in words[cut:]):
                break
            if is_word is _person_word and words[-1].casefold() in name_particles():
                continue  # a name ends in its own word, never in a particle ("... van")
            yield " ".join(words[:cut])


def _person_word(word: str) -> bool:
    """A word of a person's name: capitalised ("Mazen"), a particle ("bin", "van") or a particle
    joined to a capitalised word ("al-Faraya", "d'Estaing")."""
    if not _NAME_WORD.fullmatch(word):
        return False
    if word[:1].isupper() or word in name_particles():
        return True
    joined = _JOINED_PARTICLE.match(word)
    return joined is not None and joined[1] in name_particles() and joined[2][:1].isupper()


def _lower_word(word: str) -> bool:
    """A lower-case word, as what a body did is written after its name ("laid draft order")."""
    return _NAME_WORD.fullmatch(word) is not None and word[:1].islower()


def designation_list(list_id: str) -> DesignationList:
    """The list with this id (case-insensitive), or NotFoundError naming it and the closest ids."""
    import difflib

    from proscribe.errors import NotFoundError

    known = lists()
    found = known.get(list_id.strip().lower())
    if found is None:
        close = difflib.get_close_matches(list_id.strip().lower(), known, n=3, cutoff=0.75)
        hint = f"did you mean {', '.join(close)}?" if close else "list ids look like us-sdn or ru-terrorist"
        raise NotFoundError(f"unknown list {list_id!r}: {hint}")
    return found


def jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction with this code (case-insensitive), or InputError naming it."""
    from proscribe.errors import NotFoundError

    found = jurisdictions().get(code.strip().upper())
    if found is None:
        raise NotFoundError(f"unknown jurisdiction {code!r}: use an ISO 3166-1 alpha-2 code, UN or EU")
    return found


_NOT_WORDS = re.compile(r"[^\w]+")


def _fold_country(text: str) -> str:
    return " ".join(_NOT_WORDS.sub(" ", text.casefold().replace("\u2019", "").replace("'", "")).split())


@functools.cache
def _countries_by_label() -> dict[str, str]:
    """Every state's code, ISO name, aliases and list spellings (folded) to its code.

    From jurisdictions.yaml (UN and EU are no states) and country_spellings.yaml; a label naming
    two states, or a spelling of an unknown code, is a DataError naming the file.
    """
    known = jurisdictions()
    out: dict[str, str] = {}

    def add(path: Path, code: str, label: str) -> None:
        other = out.setdefault(_fold_country(label), code)
        if other != code:
            raise DataError(f"{path}: {code}: {label!r} already names {other}")

    for code, item in known.items():
        if code not in SUPRANATIONAL:
            for label in (code, item.name, *item.aliases):
                add(data_dir() / "jurisdictions.yaml", code, label)
    for path, where, code, entry in _spelling_entries():
        for label in _strings(path, where, entry, "spellings"):
            add(path, code, label)
    return out


@functools.cache
def _within() -> dict[str, str]:
    """The state each territory with a code of its own is part of (`within`: Hong Kong in China)."""
    out: dict[str, str] = {}
    for path, where, code, entry in _spelling_entries():
        parent = entry.get("within")
        if parent is None:
            continue
        if not isinstance(parent, str) or parent not in jurisdictions() or parent in SUPRANATIONAL:
            raise DataError(f"{path}: {where} ({code}): `within` must be a state's code, got {parent!r}")
        out[code] = parent
    return out


def _spelling_entries() -> Iterator[tuple[Path, str, str, dict[str, Any]]]:
    path = data_dir() / "country_spellings.yaml"
    for index, entry in enumerate(load_yaml(path, "countries")):
        where = f"countries[{index}]"
        code = require_text(path, where, entry, "code")
        if code not in jurisdictions() or code in SUPRANATIONAL:
            raise DataError(f"{path}: {where}: {code!r} is no state in jurisdictions.yaml")
        if not any(_strings(path, where, entry, key) for key in ("spellings", "nationals")) and (
            "within" not in entry
        ):
            raise DataError(f"{path}: {where} ({code}): none of `spellings`, `nationals` and `within`")
        yield path, where, code, entry


@functools.cache
def _nationals_by_label() -> dict[str, str]:
    """`_countries_by_label` plus the words for a state's nationals (`nationals`: "Afghan"), folded.

    Kept apart from the countries' labels: an address is never in "British". A word naming two
    states, or a state's name or spelling for another, is a DataError naming the file.
    """
    out = dict(_countries_by_label())
    for path, where, code, entry in _spelling_entries():
        for label in _strings(path, where, entry, "nationals"):
            other = out.setdefault(_fold_country(label), code)
            if other != code:
                raise DataError(f"{path}: {where} ({code}): {label!r} already names {other}")
    return out


@functools.cache
def _states_by_alpha3() -> dict[str, str]:
    """Each state's ISO alpha-3 code (`IRQ`) to its alpha-2 code.

    An alpha-3 code that is also another state's name, alias or spelling ("UAE" is the United Arab
    Emirates' spelling, not a code) would read one text two ways: a DataError naming the file.
    """
    labels = _countries_by_label()
    out: dict[str, str] = {}
    for code, item in jurisdictions().items():
        if item.alpha3 is None:
            continue
        other = labels.get(_fold_country(item.alpha3), code)
        if other != code:
            raise DataError(
                f"{data_dir() / 'jurisdictions.yaml'}: {code}: alpha3 {item.alpha3} already names {other}"
            )
        out[item.alpha3] = code
    return out


def country_code(text: str | None) -> str | None:
    """The ISO code of the state a list writes as `text` ("Syrian Arab Republic", "Korea, North"), if known.

    Lists state countries as free text, each in its own wording; a remark in brackets after the
    name ("Pakistan (at time of listing)") is dropped. Three capital letters are read as an ISO
    alpha-3 code, as the EU's legacy files write countries (`IRQ`); lower case is not, so a word
    is never taken for a code. None when the text names no state the vocabulary knows, or not one
    alone ("Sudan/South Sudan"), so nothing is read into it.
    """
    return _code_in(text, _countries_by_label())


def _code_in(text: str | None, found: dict[str, str]) -> str | None:
    """The code `text` names in a table of folded labels (see `country_code`)."""
    if not text:
        return None
    by_alpha3 = _states_by_alpha3().get(text.strip())
    if by_alpha3 is not None:
        return by_alpha3
    while True:
        code = found.get(_fold_country(text))
        bare = _REMARK.sub("", text)
        if code is not None or bare == text or not bare:
            return code
        text = bare


def country_codes(text: str | None) -> frozenset[str]:
    """The codes of the states in a record's countries ("Iraq; United Arab Emirates"), the known ones.

    A territory brings the state it is part of: an address in Hong Kong is one in China too (the
    UN writes "China, Hong Kong Special Administrative Region", HM Treasury "China").
    """
    if not text:
        return frozenset()
    codes = {code for part in text.split(";") if (code := country_code(part)) is not None}
    return _with_parents(codes)


def _with_parents(codes: set[str]) -> frozenset[str]:
    within = _within()
    return frozenset(codes | {within[code] for code in codes if code in within})


def nationality_codes(values: Iterable[str]) -> frozenset[str]:
    """The codes of the states a person's listed nationalities name, the known ones.

    Lists write a nationality as the state's name ("Afghanistan", "Korea, North"), its ISO code
    (the FtM and CSL files: "af", "AF") or the word for its nationals (HM Treasury: "Afghan"),
    read through country_spellings.yaml's `nationals`; a remark in brackets is dropped ("Iranian
    (Iranian citizenship)"). A territory brings its state, as in `country_codes`. A value naming
    no state alone ("former Soviet Union") adds nothing, so nothing is read into it.
    """
    labels = _nationals_by_label()
    return _with_parents({code for value in values if (code := _code_in(value, labels)) is not None})
