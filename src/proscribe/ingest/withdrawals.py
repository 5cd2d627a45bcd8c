"""Withdraw an imported list snapshot: take back an import that was wrong, and say why.

Claims are never deleted, so a snapshot imported with a wrong `--date`, or a part of a list read as
the whole (every record it left out delisted), would otherwise stay in every answer. Withdrawing it
records the decision (reason, who, when), sets its claims aside (stored, counted by no read, at any
`--as-of`) and restores the runs of its series as they were before it; the timelines of the
entities it touched are re-derived, in one transaction. The same file can then be imported again,
correctly: it becomes a snapshot of its own, with claims of its own.

Only a snapshot no later one was compared with can be withdrawn: the latest of its series, and
no partial snapshot after a whole one it was compared with, or the reverse (see
`store.withdrawals.later_in_series`). The later ones have to go first, and be imported again
after: `with_later` withdraws them with it, latest first, in the same transaction, and the report
names their files (`import_again`).

The report lists the events the withdrawal takes back (and any it brings back), so its effect is
read before it is trusted; a `dry_run` does the whole withdrawal in a transaction it rolls back.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection

from proscribe import clock
from proscribe.errors import InputError, NotFoundError
from proscribe.ingest import lent, naming, relinks
from proscribe.store import Store, withdrawals, writer


@dataclass(frozen=True)
class WithdrawalReport:
    """What a withdrawal did: the snapshot, the claims set aside, the runs undone, what was re-derived."""

    snapshot_id: str
    source: str
    snapshot_date: date
    reason: str
    claims_set_aside: int
    runs_removed: int
    runs_shortened: int
    timelines_rebuilt: int
    changes: list[dict[str, str]] = field(default_factory=list)
    dry_run: bool = False
    # Merges the import of the snapshot made (identity rule 5), withdrawn with it.
    merges_undone: list[dict[str, str]] = field(default_factory=list)
    # What its records alone had given entities, taken back with it (proscribe.ingest.lent): names,
    # identifiers, record details, and the entities it minted that nothing else holds (set aside).
    names_taken_back: int = 0
    identifiers_taken_back: int = 0
    details_taken_back: int = 0
    entities_set_aside: list[str] = field(default_factory=list)
    # With `with_later`: the later snapshots withdrawn first ({id, date, files, sha256}, latest
    # first), to import again; the counts and events above are those of the whole withdrawal.
    import_again: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "dry_run": self.dry_run,
            "snapshot_id": self.snapshot_id,
            "source": self.source,
            "snapshot_date": self.snapshot_date.isoformat(),
            "reason": self.reason,
            "claims_set_aside": self.claims_set_aside,
            "runs_removed": self.runs_removed,
            "runs_shortened": self.runs_shortened,
            "timelines_rebuilt": self.timelines_rebuilt,
            "changes": self.changes,
            "merges_undone": self.merges_undone,
            "names_taken_back": self.names_taken_back,
            "identifiers_taken_back": self.identifiers_taken_back,
            "details_taken_back": self.details_taken_back,
            "entities_set_aside": self.entities_set_aside,
            "import_again": self.import_again,
        }


class _RolledBack(Exception):
    """Ends a dry run's transaction (so it is rolled back) once its report is complete."""


def withdraw_snapshot(
    store: Store,
    snapshot_id: str,
    reason: str,
    decided_by: str | None = None,
    dry_run: bool = False,
    with_later: bool = False,
) -> WithdrawalReport:
    """Withdraw the held snapshot `snapshot_id` (as `sources list SOURCE` gives it); see the module doc."""
    why = reason.strip()
    if not why:
        raise InputError("a withdrawal needs a reason (--reason): it is what the next analyst will read")
    store.require_initialised()
    done: list[WithdrawalReport] = []
    with suppress(_RolledBack):
        _withdraw(store, snapshot_id, why, decided_by, dry_run, with_later, done)
    return done[0]


@dataclass
class _Tally:
    """What the withdrawals of one transaction did, added up."""

    claims: int = 0
    # The entities whose timelines are re-derived, once, when every snapshot is withdrawn.
    touched: set[str] = field(default_factory=set)
    undone: list[dict[str, str]] = field(default_factory=list)
    names: int = 0
    identifiers: int = 0
    details: int = 0
    set_aside: list[str] = field(default_factory=list)


def _withdraw(
    store: Store,
    snapshot_id: str,
    why: str,
    decided_by: str | None,
    dry_run: bool,
    with_later: bool,
    done: list[WithdrawalReport],
) -> None:
    """The withdrawal in one transaction; its report goes into `done` (a dry run then rolls back)."""
    with store.begin() as conn:
        found = withdrawals.later_in_series(conn, snapshot_id)
        if found is None:
            if snapshot_id in withdrawals.withdrawn_ids(conn):
                raise InputError(f"snapshot {snapshot_id} is already withdrawn")
            raise NotFoundError(
                f"no held snapshot {snapshot_id!r} (ids as in `proscribe sources list SOURCE`)"
            )
        source, day, later = found
        if later and not with_later:
            listed = ", ".join(f"{ident} ({when})" for ident, when in later)
            raise InputError(
                f"snapshot {snapshot_id} of {source} ({day}) was compared with later snapshots (of "
                f"its series, or a part of the list beside the whole list): withdraw them first, or "
                f"with it (--with-later), and import them again: {listed}"
            )
        order = _latest_first(conn, snapshot_id)
        again = [withdrawals.description(conn, ident) for ident in order[:-1]]
        scope: set[str] = set()
        for ident in order:
            scope |= withdrawals.touched_entities(conn, ident) | relinks.merged_by(conn, ident)
        before = withdrawals.derived_events(conn, scope)
        tally = _Tally()
        runs = withdrawals.run_ends(conn, starting=order, reaching=order)
        for ident in order:
            reason = why if ident == snapshot_id else f"withdrawn with {snapshot_id} ({day}): {why}"
            _withdraw_one(conn, ident, reason, decided_by, tally)
        rebuilt = writer.rebuild_timelines(conn, [(entity_id, "") for entity_id in sorted(tally.touched)])
        # Net of the whole withdrawal: a run two of its snapshots shortened in turn counts once.
        left = withdrawals.run_ends(conn, starting={first for first, _ in runs})
        removed = sum(1 for key in runs if key not in left)
        shortened = sum(1 for key, last in runs.items() if key in left and left[key] != last)
        after = withdrawals.derived_events(conn, scope)
        done.append(
            WithdrawalReport(
                snapshot_id,
                source,
                day,
                why,
                tally.claims,
                removed,
                shortened,
                rebuilt,
                _event_changes(before, after),
                dry_run,
                tally.undone,
                tally.names,
                tally.identifiers,
                tally.details,
                sorted(tally.set_aside),
                again,
            )
        )
        if dry_run:
            raise _RolledBack


def _latest_first(conn: Connection, snapshot_id: str) -> list[str]:
    """The snapshot and every held one compared with it or with those, in an order each can be
    withdrawn in (no later one compared with it left): the given snapshot last."""
    chain: dict[str, date] = {}
    pending = [snapshot_id]
    while pending:
        found = withdrawals.later_in_series(conn, pending.pop())
        assert found is not None
        for ident, when in found[2]:
            if ident not in chain:
                chain[ident] = when
                pending.append(ident)
    chain.pop(snapshot_id, None)
    return [
        ident for ident, _ in sorted(chain.items(), key=lambda item: (item[1], item[0]), reverse=True)
    ] + [snapshot_id]


def _withdraw_one(
    conn: Connection, snapshot_id: str, why: str, decided_by: str | None, tally: _Tally
) -> None:
    """Withdraw one snapshot no held later one was compared with; add what it did to `tally`."""
    found = withdrawals.later_in_series(conn, snapshot_id)
    if found is None or found[2]:
        raise InputError(
            f"snapshot {snapshot_id} cannot be withdrawn yet: a later one compared with it is held"
        )
    unmerging = relinks.merged_by(conn, snapshot_id)
    started = lent.runs_started_by(conn, snapshot_id)
    entities, claims = withdrawals.withdraw(conn, snapshot_id, why, decided_by, clock.now())
    writer.note_change(conn, f"withdrawn snapshot\x1f{snapshot_id}")
    # An entity the snapshot renamed takes back the name of its newest record still held, and
    # one it merged by the names it stated is its own again.
    renamed = naming.settle_names(conn, entities)
    tally.undone += relinks.withdraw_merges(conn, snapshot_id, why, clock.now())
    taken = lent.take_back(conn, started)
    tally.touched |= entities | renamed | unmerging
    tally.claims += claims
    tally.names += taken.names
    tally.identifiers += taken.identifiers
    tally.details += taken.details
    # Each entity once, should two of the snapshots withdrawn together name it.
    tally.set_aside += [e for e in taken.entities_set_aside if e not in tally.set_aside]


def _event_changes(
    before: set[withdrawals.DerivedEvent], after: set[withdrawals.DerivedEvent]
) -> list[dict[str, str]]:
    """Events taken back (stored before, not after) and brought back, by date, list and entity."""
    rows = [("taken back", event) for event in before - after] + [("brought back", e) for e in after - before]
    rows.sort(key=lambda item: (item[1][5], item[1][2], item[1][3], item[1][1], item[1][4], item[0]))
    return [
        {
            "effect": effect,
            "date": day,
            "jurisdiction": jurisdiction,
            "list": list_id,
            "action": action + (" (refuted)" if refuted else ""),
            "entity": entity_id,
            "name": name,
        }
        for effect, (entity_id, name, jurisdiction, list_id, action, day, refuted) in rows
    ]
