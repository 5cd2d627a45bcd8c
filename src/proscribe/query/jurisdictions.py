"""The jurisdictions the registry holds designations of: an index of who designates, on which lists.

A reader who does not yet know which entity to ask about starts from the other side: which
governments and bodies the registry covers, the lists each keeps, and how many entities each list
has in force on a day. Every jurisdiction with at least one timeline is named; each list with at
least one entity recorded on it is counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from proscribe import clock, vocab
from proscribe.query.common import JSON, list_closure, timelines_of_lists
from proscribe.store import Reader

# The states a list's entry can be in on a day, besides `not_listed` and no data: the states the
# jurisdiction page shows as "in force" (a suspended listing still stands; an uncertain one may).
IN_FORCE = ("listed", "suspended", "uncertain")


def jurisdiction_index(reader: Reader, at: date | None = None, as_of: date | None = None) -> JSON:
    """Every jurisdiction with designations held, by name, each with its lists and their counts on `at`.

    Per list: `listed`, `suspended` and `uncertain` (entities in that state on `at`) and `recorded`
    (entities with any recorded state on it, ended ones included); per jurisdiction, `listed`: the
    entities listed on any of its lists that day, each counted once, leaving out a list closed by
    then (`list_closed`: its counts are the last states recorded from it). `as_of` counts only the
    sources known by then, as every answer does.
    """
    day = at or clock.today()
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    listed_anywhere: dict[str, set[str]] = defaultdict(set)
    for timeline in timelines_of_lists(reader, (), (), as_of):
        interval = timeline.interval_at(day)
        tally = counts[(timeline.jurisdiction, timeline.list_id)]
        tally["recorded"] += 1
        if interval is not None and interval.state in IN_FORCE:
            tally[interval.state] += 1
            # A list its publisher closed (OFSI's gb-hmt) holds its last recorded states, none in force.
            if interval.state == "listed" and not _closed_by(timeline.list_id, day):
                listed_anywhere[timeline.jurisdiction].add(timeline.entity_id)
    known = vocab.lists()
    codes = sorted({code for code, _list_id in counts}, key=lambda c: (_name(c).casefold(), c))
    return {
        "at": day.isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "jurisdictions": [
            {
                "code": code,
                "name": _name(code),
                "listed": len(listed_anywhere.get(code, ())),
                "lists": [
                    {
                        "id": list_id,
                        "name": known[list_id].name if list_id in known else list_id,
                        "kind": known[list_id].kind if list_id in known else None,
                        **{state: counts[(code, list_id)][state] for state in IN_FORCE},
                        "recorded": counts[(code, list_id)]["recorded"],
                        "list_closed": list_closure(list_id),
                    }
                    for list_id in _lists_of(code, {lid for c, lid in counts if c == code})
                ],
            }
            for code in codes
        ],
    }


def _name(code: str) -> str:
    """A jurisdiction's name (its code when the vocabulary does not know it)."""
    found = vocab.jurisdictions().get(code)
    return found.name if found else code


def _lists_of(code: str, held: set[str]) -> list[str]:
    """The lists of `code` with entities recorded, in the vocabulary's order (as the jurisdiction
    page shows them), then any the vocabulary does not know, by id."""
    ordered = [item.id for item in vocab.lists_of(code) if item.id in held]
    return ordered + sorted(held - set(ordered))


def _closed_by(list_id: str, day: date) -> bool:
    """Whether the list's publisher had closed it by `day`."""
    closed = list_closure(list_id)
    return closed is not None and day.isoformat() >= closed["on"]
