"""Identity answers: the analysts' judgements on record, and pairs of entities that look like one.

Suggestions come from the evidence the automatic linker uses (a shared identifier; for
organisations and other non-people, a shared name in any script, brackets and remarks removed),
found between entities that ended up apart: a record linked before the rules could see the link,
or one the linker reported as ambiguous. People, whom the linker never joins by name, are
suggested by a shared name of two parts or more in any order, weighed by the dates of birth their
lists state (`compare_births`), then by the nationalities they state (`compare_nationalities`).
They are proposals for an analyst, never applied.
"""

from __future__ import annotations

import copy
import csv
import io
import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from proscribe.model import PartialDate, name_key
from proscribe.model.birth import BirthStatement, birth_label, births_agree
from proscribe.model.nationality import NationalityStatement
from proscribe.query.common import JSON
from proscribe.spreadsheet import safe_cell
from proscribe.store import Reader
from proscribe.vocab import country_codes, jurisdictions, nationality_codes


def judgement_list(reader: Reader, include_withdrawn: bool = False) -> JSON:
    """Every identity judgement in force (or every one ever made), oldest first."""
    return {"judgements": [_judgement_json(row) for row in reader.judgements(include_withdrawn)]}


def merged_into(reader: Reader, entity_ids: Sequence[str]) -> list[JSON]:
    """The merge judgements behind the given merged entities (as on an entity's page)."""
    wanted = set(entity_ids)
    return [
        _judgement_json(row)
        for row in reader.judgements()
        if row["judgement"] == "same" and row["entity_id"] in wanted
    ]


def distinct_from(reader: Reader, entity_id: str, merged: Sequence[str] = ()) -> list[JSON]:
    """The distinct judgements naming the entity (or one merged into it), each seen from its side.

    `other` is always the entity it is not, so a page can say "not the same as ...".
    """
    mine = {entity_id, *merged}
    out: list[JSON] = []
    for row in reader.judgements():
        if row["judgement"] != "distinct" or not mine & {row["entity_id"], row["other_id"]}:
            continue
        item = _judgement_json(row)
        if row["other_id"] in mine:
            item["entity"], item["other"] = item["other"], item["entity"]
        out.append(item)
    return out


def merge_suggestions(reader: Reader, limit: int = 50, kind: str | None = None, offset: int = 0) -> JSON:
    """Pairs of entities that share an identifier or a name, strongest evidence first (of one
    `kind` of entity, if given; `limit` of them after the first `offset`, `count` saying how many).

    Each names the entity to merge and the one to keep (the one with evidence on more lists, then
    more claims, so the curated entity usually stays), the shared values, and the command. A pair
    that one list source holds as separate records (UN QDe.143 and QDe.145 are both "Ansar
    al-Sharia", in Tunisia and in Libya) is most likely two namesakes: it says so and ranks last.
    So is a pair sharing names only, whose lists place them in different states (the UN's North
    Korean and the UK's Syrian "MINISTRY OF DEFENCE"), which the linker kept apart for that reason.
    """
    ranked = [s for s in _ranked_suggestions(reader) if kind is None or s["kind"] == kind]
    return {"count": len(ranked), "suggestions": copy.deepcopy(ranked[offset : offset + limit])}


def suggestions_about(reader: Reader, entity_id: str) -> list[JSON]:
    """The suggested pairs that name the (canonical) entity, strongest first: whom it may be, and why
    (as `merge_suggestions` gives them), for its page to say so until an analyst decides."""
    return copy.deepcopy(
        [s for s in _ranked_suggestions(reader) if entity_id in (s["entity"]["id"], s["into"]["id"])]
    )


def undecided_pairs(reader: Reader) -> list[JSON]:
    """Every suggested pair, strongest first, cut to who they are and why: `entity`, `into` ({id,
    name}), `why` and `cautions`, fresh copies (from the memoised ranking `merge_suggestions` pages
    through), for screening to say which of its hits may be one."""
    return [
        {
            "entity": dict(s["entity"]),
            "into": dict(s["into"]),
            "why": s["why"],
            "cautions": list(s["cautions"]),
        }
        for s in _ranked_suggestions(reader)
    ]


# Every suggestion of the last few registries read, by database and content hash: weighing every
# pair takes most of a second on a registry holding whole official lists, and a page of them, or the
# few about one entity, is asked for far more often than the registry changes (every write, an
# identity judgement included, moves the content hash).
_RANKED_KEPT = 4
_ranked: OrderedDict[tuple[str, str], list[JSON]] = OrderedDict()
_ranked_lock = threading.Lock()


def _ranked_suggestions(reader: Reader) -> list[JSON]:
    """Every suggestion for the registry as it is now, ranked (memoised; callers copy what they hand out)."""
    key = (reader.store.engine.url.render_as_string(hide_password=True), reader.content_hash())
    with _ranked_lock:
        if key in _ranked:
            _ranked.move_to_end(key)
            return _ranked[key]
    found = _rank_suggestions(reader)
    with _ranked_lock:
        _ranked[key] = found
        while len(_ranked) > _RANKED_KEPT:
            _ranked.popitem(last=False)
    return found


def _rank_suggestions(reader: Reader) -> list[JSON]:
    """Weigh every pair of entities that share an identifier or a name (see `merge_suggestions`)."""
    pairs: dict[tuple[str, str], list[dict[str, str]]] = {}
    for item in reader.identity_overlaps():
        key = (min(item["a"], item["b"]), max(item["a"], item["b"]))
        pairs.setdefault(key, []).append(item)
    weight = reader.evidence_counts(sorted({entity_id for pair in pairs for entity_id in pair}))
    names = reader.entity_names(sorted({entity_id for pair in pairs for entity_id in pair}))
    records = reader.records_of(sorted({entity_id for pair in pairs for entity_id in pair}))
    countries = {
        entity_id: country_codes(text)
        for entity_id, text in reader.entity_countries(sorted({e for pair in pairs for e in pair})).items()
    }
    people = sorted({e for pair, items in pairs.items() if items[0]["kind"] == "person" for e in pair})
    births = reader.birth_dates(people) if people else {}
    nationals = reader.nationalities(people) if people else {}
    ranked: list[tuple[tuple[bool, int, int, int, int, str, str], JSON]] = []
    for (a, b), items in pairs.items():
        keep, merge = sorted((a, b), key=lambda i: (-weight.get(i, (0, 0))[0], -weight.get(i, (0, 0))[1], i))
        shared = _shared(items, merge)
        identifiers = sum(1 for s in shared if s["via"] == "identifier")
        apart = _listed_apart(records.get(merge, set()), records.get(keep, set()))
        placed = (countries.get(merge, frozenset()), countries.get(keep, frozenset()))
        elsewhere = not identifiers and all(placed) and not placed[0] & placed[1]
        person = items[0]["kind"] == "person"
        born = compare_births(births.get(merge, []), births.get(keep, [])) if person else None
        national = (
            compare_nationalities(nationals.get(merge, []), nationals.get(keep, [])) if person else None
        )
        why = _why(shared)
        if born is not None and born.verdict != DIFFER:
            why += f"; {born.said}"
        if national is not None and national.verdict == SAME:
            why += f"; {national.said}"
        buts = [
            f"{source} lists them as separate records ({', '.join(keys)})" for source, keys in apart.items()
        ]
        if elsewhere:
            buts.append(
                "their lists place them in different states "
                f"({', '.join(sorted(placed[0]))}; {', '.join(sorted(placed[1]))})"
            )
        if born is not None and born.verdict == DIFFER:
            buts.append(born.said)
        # A shared identifier outweighs what the lists say of their nationalities (a second one is
        # often left out of one list): only a pair joined by names alone is doubted for them.
        nationality_doubt = national is not None and national.verdict == DIFFER and not identifiers
        if nationality_doubt and national is not None:
            buts.append(national.said)
        if buts:
            why += "; but " + "; ".join(buts)
        # So does a date of birth in common to the day: lists disagree on a person's nationality
        # (one gives the birth state, one a later citizenship) far more often than two namesakes
        # share a birthday. The doubt is still said, but the pair ranks with the undoubted ones.
        outweighed = nationality_doubt and born is not None and born.verdict == SAME_DAY
        doubted = len(buts) > (1 if outweighed else 0)
        strength = BIRTH_STRENGTH[born.verdict] if born is not None else 0
        same_nationality = int(national is not None and national.verdict == SAME)
        rank = (doubted, -identifiers, -strength, -same_nationality, -len(shared), merge, keep)
        suggestion: JSON = {
            "kind": items[0]["kind"],
            "entity": {"id": merge, "name": names.get(merge, merge)},
            "into": {"id": keep, "name": names.get(keep, keep)},
            "shared": shared,
            "listed_apart": {source: list(keys) for source, keys in apart.items()},
        }
        if born is not None:
            suggestion["birth_dates"] = {
                "verdict": born.verdict,
                "entity": list(born.mine),
                "into": list(born.theirs),
            }
        if national is not None:
            suggestion["nationalities"] = {
                "verdict": national.verdict,
                "entity": list(national.mine),
                "into": list(national.theirs),
            }
        suggestion["cautions"] = buts  # why they may be two after all (also in `why`, after "but")
        suggestion["why"] = why
        suggestion["command"] = f"proscribe identity merge {merge} {keep} --reason '...'"
        ranked.append((rank, suggestion))
    ranked.sort(key=lambda pair: pair[0])
    return [suggestion for _rank, suggestion in ranked]


# The columns of a review file: what `identity review` reads back (entity, into, decision) and
# what the analyst decides by; `decision` is left empty for them to fill in.
REVIEW_COLUMNS = ("entity", "into", "kind", "births", "nationalities", "why", "decision")


def review_rows(suggestions: JSON) -> list[dict[str, str]]:
    """The rows of a review file for `merge_suggestions`' answer, one per suggestion, undecided."""
    return [
        {
            "entity": s["entity"]["id"],
            "into": s["into"]["id"],
            "kind": s["kind"],
            "births": (s.get("birth_dates") or {}).get("verdict", ""),
            "nationalities": (s.get("nationalities") or {}).get("verdict", ""),
            "why": s["why"],
            "decision": "",
        }
        for s in suggestions["suggestions"]
    ]


def review_csv(suggestions: JSON) -> str:
    """A review file (CSV) for `merge_suggestions`' answer, cells safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    for row in review_rows(suggestions):
        writer.writerow([safe_cell(row[column]) for column in REVIEW_COLUMNS])
    return buffer.getvalue()


# How two people's dates of birth compare (`BirthComparison.verdict`), strongest evidence first.
SAME_DAY = "same_day"  # both state one date known to the day
SAME = "same"  # both state one date, known to the month or year only ("1938")
AGREE = "agree"  # no date in common, but two that can be one (1964 and 1964-02-01; spans that overlap)
UNKNOWN = "unknown"  # one of them has no date of birth on any list
DIFFER = "differ"  # both have dates, and none of one's can be any of the other's
BIRTH_STRENGTH = {SAME_DAY: 3, SAME: 2, AGREE: 1, UNKNOWN: 0, DIFFER: -1}


class BirthComparison(NamedTuple):
    """What two people's listed dates of birth say about them being one: the verdict, the distinct
    dates each holds (as stored) and the words a suggestion's reason uses."""

    verdict: str
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    said: str


def compare_births(mine: Sequence[BirthStatement], theirs: Sequence[BirthStatement]) -> BirthComparison:
    """Weigh the dates of birth the lists state for two people (see the verdicts above).

    A date both hold is the strongest sign, the more so when known to the day: a year alone is
    shared by many namesakes. Dates that merely overlap (a year and a day in it) can be one. When
    every date of one differs from every date of the other, they are most likely two people who
    share a name: a list's error is possible, so the pair is still shown, last.
    """
    a = tuple(dict.fromkeys(s.value for s in mine))
    b = tuple(dict.fromkeys(s.value for s in theirs))
    if not a or not b:
        return BirthComparison(UNKNOWN, a, b, "no date of birth to compare")
    common = [value for value in a if value in b]
    if common:
        exact = [value for value in common if PartialDate.parse(value).precision == "day"]
        verdict = SAME_DAY if exact else SAME
        return BirthComparison(verdict, a, b, f"same date of birth {birth_label((exact or common)[0])}")
    agreeing = next(((x, y) for x in a for y in b if births_agree(x, y)), None)
    if agreeing is not None:
        return BirthComparison(
            AGREE,
            a,
            b,
            f"dates of birth that can be one ({birth_label(agreeing[0])}; {birth_label(agreeing[1])})",
        )
    return BirthComparison(
        DIFFER, a, b, f"their dates of birth differ ({_births_said(a)}; {_births_said(b)})"
    )


class NationalityComparison(NamedTuple):
    """What two people's listed nationalities say about them being one: the verdict (`SAME`,
    `DIFFER` or `UNKNOWN`), the distinct values each holds (as the lists write them) and the words
    a suggestion's reason uses."""

    verdict: str
    mine: tuple[str, ...]
    theirs: tuple[str, ...]
    said: str


def compare_nationalities(
    mine: Sequence[NationalityStatement], theirs: Sequence[NationalityStatement]
) -> NationalityComparison:
    """Weigh the nationalities the lists state for two people, compared as the states they name.

    A state both hold (the UN's "Afghanistan" and HM Treasury's "Afghan") supports the pair, after
    the dates of birth: a nationality is shared by far more namesakes than a date. When both name
    states and none is shared, they may be two people: a list may leave out a second nationality,
    so the pair is still shown, with the doubt. A value naming no known state ("former Soviet
    Union", "Kuwaiti citizenship withdrawn in 2002") is kept and shown but not weighed: with none
    left on one side, there is nothing to compare (`UNKNOWN`).
    """
    a = tuple(dict.fromkeys(s.value for s in mine))
    b = tuple(dict.fromkeys(s.value for s in theirs))
    codes_a, codes_b = nationality_codes(a), nationality_codes(b)
    if not codes_a or not codes_b:
        return NationalityComparison(UNKNOWN, a, b, "no nationality to compare")
    common = codes_a & codes_b
    if common:
        states = ", ".join(sorted(jurisdictions()[code].name for code in common))
        return NationalityComparison(SAME, a, b, f"same nationality ({states})")
    return NationalityComparison(
        DIFFER, a, b, f"their lists give different nationalities ({_values_said(a)}; {_values_said(b)})"
    )


def _values_said(values: Sequence[str]) -> str:
    """A few values as the lists write them, the rest counted."""
    shown = ", ".join(values[:WHY_NAMES])
    return shown + (f" and {len(values) - WHY_NAMES} more" if len(values) > WHY_NAMES else "")


def _births_said(values: Sequence[str]) -> str:
    """A few dates of birth in words, the rest counted."""
    shown = ", ".join(birth_label(value) for value in values[:WHY_NAMES])
    return shown + (f" and {len(values) - WHY_NAMES} more" if len(values) > WHY_NAMES else "")


def _listed_apart(mine: set[tuple[str, str]], theirs: set[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Sources that list the two entities as different records: the publisher holds them apart."""
    out: dict[str, tuple[str, ...]] = {}
    for source in sorted({s for s, _ in mine} & {s for s, _ in theirs}):
        keys_mine = {k for s, k in mine if s == source}
        keys_theirs = {k for s, k in theirs if s == source}
        if keys_mine - keys_theirs and keys_theirs - keys_mine:
            out[source] = tuple(sorted(keys_mine | keys_theirs))
    return out


def _shared(items: list[dict[str, str]], merge: str) -> list[dict[str, str]]:
    """The distinct shared values of one pair, each as the entity to merge states it and the other does."""
    out: dict[tuple[str, str, str], dict[str, str]] = {}
    for item in items:
        mine, theirs = (
            (item["a_value"], item["b_value"]) if item["a"] == merge else (item["b_value"], item["a_value"])
        )
        out.setdefault(
            (item["via"], mine, theirs), {"via": item["via"], "value": mine, "other_value": theirs}
        )
    return sorted(out.values(), key=lambda s: (s["via"] != "identifier", s["value"], s["other_value"]))


# Names a suggestion's one-line reason quotes; `shared` in the JSON has every one.
WHY_NAMES = 4


def _why(shared: list[dict[str, str]]) -> str:
    """One line saying what a pair shares: each identifier, then each name once, however many
    spellings of it the two hold ("'AFGHAN SUPPORT COMMITTEE'", not also "... matches 'Afghan
    Support Committee'"), the first few quoted and the rest counted."""
    parts = [f"same identifier {s['value']}" for s in shared if s["via"] == "identifier"]
    spelt: dict[str, str] = {}  # one spelling per name, as the entity to merge writes it
    for item in shared:
        if item["via"] != "identifier":
            spelt.setdefault(name_key(item["value"]), item["value"])
    names = list(spelt.values())
    if names:
        quoted = ", ".join(repr(name) for name in names[:WHY_NAMES])
        more = f" and {len(names) - WHY_NAMES} more" if len(names) > WHY_NAMES else ""
        label = "same name" if len(names) == 1 else f"{len(names)} names in common:"
        parts.append(f"{label} {quoted}{more}")
    return "; ".join(parts)


def _judgement_json(row: dict[str, Any]) -> JSON:
    return {
        "id": row["id"],
        "judgement": row["judgement"],
        "entity": {"id": row["entity_id"], "name": row["entity_name"]},
        "other": {"id": row["other_id"], "name": row["other_name"]},
        "reason": row["reason"],
        "decided_by": row["decided_by"],
        "decided_at": _iso(row["decided_at"]),
        "withdrawn_at": _iso(row["withdrawn_at"]),
        "withdraw_reason": row["withdraw_reason"],
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")
