"""Weigh a date of birth given with a screened name against the dates of birth lists state.

A name alone cannot tell a customer from a listed namesake; a date of birth often can. When the
screener is given one, every hit whose entity has dates of birth on its lists is checked:

- a listed date that can be the same (the two intervals overlap: 1962 and 1962-01-12 agree, and
  so do 1966 and a list's "circa 1966") leaves the score as it is, and the detail says which
  listed date agreed and which record states it;
- when every listed date differs, the score is lowered by `DIFFERING_BIRTH_PENALTY` and the detail
  lists them. A perfect name match then scores 0.7, under the default threshold of 0.8: lists
  carry wrong and alternative dates, so a differing date makes a match unlikely, not impossible,
  and a lower threshold still shows it;
- an entity no list gives a date of birth for is not checked, and the detail says so.

Only unambiguous dates are taken from the user: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A date such as
`03/04/1970` is the 3rd of April in Europe and the 4th of March in the United States, and guessing
would silently clear or flag the wrong person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from proscribe.errors import InputError
from proscribe.model import PartialDate
from proscribe.model.birth import BirthStatement, birth_label
from proscribe.screen.match import Hit

DIFFERING_BIRTH_PENALTY = 0.3
_ISO_FORMS = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MOST_SHOWN = 4  # listed dates named in one detail; more are counted


def read_stated_birth(text: str) -> PartialDate:
    """The date of birth a user gave, as `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (InputError otherwise)."""
    value = text.strip()
    if _ISO_FORMS.match(value):
        try:
            return PartialDate.parse(value)
        except InputError:
            pass
    raise InputError(
        f"date of birth {text!r} not read: give it as YYYY-MM-DD, YYYY-MM or YYYY "
        "(a date such as 03/04/1970 reads differently in Europe and the United States)"
    )


def birth_rows(statements: Sequence[BirthStatement]) -> list[dict[str, str]]:
    """The dates of birth of a hit as its JSON shows them: value (as stored), label (in words), source
    and record, one per statement."""
    return [
        {"value": s.value, "label": birth_label(s.value), "source": s.source_name, "record": s.record_key}
        for s in statements
    ]


def birth_text(statements: Sequence[BirthStatement]) -> str:
    """The distinct listed dates of birth in words, `; ` between two (for CSV cells)."""
    return "; ".join(dict.fromkeys(birth_label(s.value) for s in statements))


def weigh(
    score: float, listed: Sequence[BirthStatement], stated: PartialDate, stated_text: str
) -> tuple[float, str]:
    """A hit's score and the detail to add once the stated date of birth is weighed against `listed`."""
    if not listed:
        return score, f"date of birth {stated_text} not checked: no list states one for this entity"
    for statement in listed:
        if stated.overlaps(PartialDate.parse(statement.value)):
            return score, (
                f"date of birth {stated_text} agrees with listed {birth_label(statement.value)} "
                f"({statement.source_name} {statement.record_key})"
            )
    values = list(dict.fromkeys(birth_label(s.value) for s in listed))
    shown = ", ".join(values[:MOST_SHOWN]) + (
        f" and {len(values) - MOST_SHOWN} more" if len(values) > MOST_SHOWN else ""
    )
    lowered = round(max(0.0, score - DIFFERING_BIRTH_PENALTY), 4)
    return lowered, (
        f"date of birth {stated_text} differs from every listed one ({shown}): "
        f"score lowered by {DIFFERING_BIRTH_PENALTY}"
    )


def apply(
    hits: Sequence[Hit],
    births: Mapping[str, Sequence[BirthStatement]],
    stated_text: str,
    threshold: float,
    limit: int,
) -> list[Hit]:
    """The hits once the stated date of birth is weighed: rescored, explained, those under
    `threshold` dropped, best first (ties by entity id), at most `limit`."""
    stated = read_stated_birth(stated_text)
    shown = stated_text.strip()
    out = []
    for hit in hits:
        score, note = weigh(hit.score, births.get(hit.entity_id, ()), stated, shown)
        if score >= threshold:
            out.append(replace(hit, score=score, detail=f"{hit.detail}; {note}"))
    out.sort(key=lambda hit: (-hit.score, hit.entity_id))
    return out[:limit]
