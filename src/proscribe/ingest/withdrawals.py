"""Withdraw an imported list snapshot: take back an import that was wrong, and say why.

Claims are never deleted, so a snapshot imported with a wrong `--date`, or a part of a list read as
the whole (every record it left out delisted), would otherwise stay in every answer. Withdrawing it
records the decision (reason, who, when), sets its claims aside (stored, counted by no read, at any
`--as-of`) and restores the runs of its series as they were before it; the timelines of the
entities it touched are re-derived, in one transaction. The same file can then be imported again,
correctly: it becomes a snapshot of its own, with claims of its own.

Only the latest snapshot of its series can be withdrawn: the snapshots after it were compared with
it, so they would have to go first (and be imported again after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from proscribe import clock
from proscribe.errors import InputError, NotFoundError
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

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "snapshot_id": self.snapshot_id,
            "source": self.source,
            "snapshot_date": self.snapshot_date.isoformat(),
            "reason": self.reason,
            "claims_set_aside": self.claims_set_aside,
            "runs_removed": self.runs_removed,
            "runs_shortened": self.runs_shortened,
            "timelines_rebuilt": self.timelines_rebuilt,
        }


def withdraw_snapshot(
    store: Store, snapshot_id: str, reason: str, decided_by: str | None = None
) -> WithdrawalReport:
    """Withdraw the held snapshot `snapshot_id` (as `sources list SOURCE` gives it); see the module doc."""
    why = reason.strip()
    if not why:
        raise InputError("a withdrawal needs a reason (--reason): it is what the next analyst will read")
    store.require_initialised()
    with store.begin() as conn:
        found = withdrawals.later_in_series(conn, snapshot_id)
        if found is None:
            if snapshot_id in withdrawals.withdrawn_ids(conn):
                raise InputError(f"snapshot {snapshot_id} is already withdrawn")
            raise NotFoundError(
                f"no held snapshot {snapshot_id!r} (ids as in `proscribe sources list SOURCE`)"
            )
        source, day, later = found
        if later:
            listed = ", ".join(f"{ident} ({when})" for ident, when in later)
            raise InputError(
                f"snapshot {snapshot_id} of {source} ({day}) is not the latest of its series: the "
                f"snapshots after it were compared with it; withdraw them first: {listed}"
            )
        entities, claims, removed, shortened = withdrawals.withdraw(
            conn, snapshot_id, why, decided_by, clock.now()
        )
        writer.note_change(conn, f"withdrawn snapshot\x1f{snapshot_id}")
        rebuilt = writer.rebuild_timelines(conn, [(entity_id, "") for entity_id in sorted(entities)])
    return WithdrawalReport(snapshot_id, source, day, why, claims, removed, shortened, rebuilt)
