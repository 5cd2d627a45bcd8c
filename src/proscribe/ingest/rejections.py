"""Reject claims that misread their source, and restore them: an analyst's correction, with a reason.

News claims are machine-read, and the extractor errs ("urged the EU to list X" read as a listing);
a curated fact may be copied wrongly. Claims are never deleted, so without this a wrong claim would
stay in every answer. Rejecting it records the decision (reason, who, when) and sets the claim
aside: stored, counted by no read, at any `--as-of`; the timelines of its entity are re-derived,
in one transaction. Re-ingesting the article makes the same claim (ids are deterministic), which
stays rejected. Restoring takes the rejection back; both stay on record (`sources rejected --all`).

Only claims read from a news article or a curated fact can be rejected. An official list's claims
say what the list said: a wrong import is withdrawn (`sources withdraw`), a record linked to the
wrong entity is split off (`identity split`).

The report lists the claims and the events, pending proposals and conflicts the change takes back
or brings back, so its effect is read before it is trusted; a `dry_run` does the whole change in a
transaction it rolls back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from proscribe import clock
from proscribe.errors import InputError, NotFoundError
from proscribe.store import Store, judgements, rejections, schema, writer
from proscribe.store.codec import timeline_from_json

# Source kinds whose claims are a reading of a text, which an analyst may find wrong.
REJECTABLE = ("news", "curated")
_CHUNK = 500
# (what, entity id, entity name, jurisdiction, list, action or conflict kind, date)
Outcome = tuple[str, str, str, str, str, str, str]


@dataclass(frozen=True)
class RejectionReport:
    """What a rejection (or a restoration) did: the claims, what their absence changes, the rebuild."""

    action: str  # reject | restore
    reason: str
    decided_by: str | None
    claims: list[dict[str, Any]]
    timelines_rebuilt: int
    changes: list[dict[str, str]] = field(default_factory=list)
    # With a source URI: claims of it already rejected (reject) or not rejected (restore), left as they are.
    unchanged: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view."""
        return {
            "dry_run": self.dry_run,
            "action": self.action,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "claims": self.claims,
            "unchanged": self.unchanged,
            "timelines_rebuilt": self.timelines_rebuilt,
            "changes": self.changes,
        }


class _RolledBack(Exception):
    """Ends a dry run's transaction (so it is rolled back) once its report is complete."""


def reject_claims(
    store: Store,
    claim_ids: Sequence[str],
    reason: str,
    decided_by: str | None = None,
    source_uri: str | None = None,
    dry_run: bool = False,
) -> RejectionReport:
    """Reject the claims `claim_ids`, or every claim read from the source stored under `source_uri`."""
    return _change(store, "reject", claim_ids, reason, decided_by, source_uri, dry_run)


def restore_claims(
    store: Store,
    claim_ids: Sequence[str],
    reason: str,
    decided_by: str | None = None,
    source_uri: str | None = None,
    dry_run: bool = False,
) -> RejectionReport:
    """Take back the rejections of `claim_ids` (or of every rejected claim of `source_uri`)."""
    return _change(store, "restore", claim_ids, reason, decided_by, source_uri, dry_run)


def _change(
    store: Store,
    action: str,
    claim_ids: Sequence[str],
    reason: str,
    decided_by: str | None,
    source_uri: str | None,
    dry_run: bool,
) -> RejectionReport:
    why = reason.strip()
    if not why:
        raise InputError(
            f"to {action} a claim needs a reason (--reason): it is what the next analyst will read"
        )
    if not claim_ids and not source_uri:
        raise InputError(
            f"name the claims to {action} (their ids: the `id` column of `proscribe sources ENTITY` "
            "gives them) or the source they were read from (--source URL)"
        )
    store.require_initialised()
    done: list[RejectionReport] = []
    with suppress(_RolledBack), store.begin() as conn:
        wanted, unchanged = _chosen(conn, action, list(dict.fromkeys(claim_ids)), source_uri)
        rows = rejections.claim_rows(conn, wanted)
        merged = judgements.canonical_map(conn)
        owners = {merged.get(row["entity_id"], row["entity_id"]) for row in rows.values()}
        before = _outcomes(conn, owners)
        now = clock.now()
        if action == "reject":
            made = dict(
                zip(sorted(wanted), rejections.record(conn, wanted, why, decided_by, now), strict=True)
            )
        else:
            held = rejections.in_force(conn, wanted)
            made = {claim_id: held[claim_id]["id"] for claim_id in wanted}
            rejections.restore(conn, made.values(), why, decided_by, now)
        if made:
            writer.note_change(conn, f"claims {action}\x1f{now.isoformat()}\x1f" + "\x1f".join(sorted(made)))
        rebuilt = writer.rebuild_timelines(conn, [(owner, "") for owner in sorted(owners)]) if made else 0
        after = _outcomes(conn, owners)
        listed = [
            {**rejections.claim_summary(rows[claim_id]), "rejection": made[claim_id]}
            for claim_id in sorted(made)
        ]
        listed.sort(key=lambda item: (item["entity"], item["jurisdiction"], item["list"] or "", item["id"]))
        done.append(
            RejectionReport(
                action, why, decided_by, listed, rebuilt, _changes(before, after), unchanged, dry_run
            )
        )
        if dry_run:
            raise _RolledBack
    return done[0]


def _chosen(
    conn: Connection, action: str, claim_ids: list[str], source_uri: str | None
) -> tuple[list[str], int]:
    """The claims to change, checked (an error names the first that cannot be), and how many of the
    source's claims are left as they are (already rejected, or not rejected, when restoring)."""
    wanted = list(claim_ids)
    from_source: set[str] = set()
    if source_uri:
        citing = rejections.claims_citing(conn, source_uri)
        if not citing:
            raise NotFoundError(f"no stored source {source_uri!r} (the URL, or urn:sha256:... of a text)")
        readable = [claim_id for kind in REJECTABLE for claim_id in citing.get(kind, [])]
        if not readable:
            raise InputError(_not_rejectable(f"the source {source_uri}", ", ".join(sorted(citing))))
        from_source = set(readable)
        wanted += [claim_id for claim_id in readable if claim_id not in wanted]
    rows = rejections.claim_rows(conn, wanted)
    held = rejections.in_force(conn, wanted)
    chosen: list[str] = []
    for claim_id in wanted:
        row = rows.get(claim_id)
        if row is None:
            raise NotFoundError(
                f"no claim {claim_id!r} (ids as the `id` column of `proscribe sources ENTITY` gives them)"
            )
        if row["source_kind"] not in REJECTABLE:
            raise InputError(_not_rejectable(f"claim {claim_id}", row["source_kind"]))
        rejection = held.get(claim_id)
        if (rejection is None) == (action == "reject"):
            chosen.append(claim_id)
        elif claim_id not in from_source:
            raise InputError(_already(claim_id, action, rejection))
    return chosen, len(set(wanted)) - len(chosen)


def _not_rejectable(what: str, kinds: str) -> str:
    return (
        f"{what} cites an official list ({kinds}): a list's claims say what the list said. Withdraw a "
        "wrong import (`proscribe sources withdraw SNAPSHOT_ID`), or split a record linked to the wrong "
        "entity (`proscribe identity split`)"
    )


def _already(claim_id: str, action: str, rejection: dict[str, Any] | None) -> str:
    if rejection is None:
        return f"claim {claim_id} is not rejected: there is nothing to restore"
    by = f" by {rejection['decided_by']}" if rejection["decided_by"] else ""
    when = rejection["rejected_at"].date().isoformat()
    return f"claim {claim_id} is already rejected (on {when}{by}: {rejection['reason']})"


def _outcomes(conn: Connection, owners: Iterable[str]) -> set[Outcome]:
    """The events, pending proposals and conflicts of the stored timelines of the (canonical) entities."""
    t, e = schema.timelines, schema.entities
    wanted = sorted(owners)
    found: set[Outcome] = set()
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(t.c.entity_id, t.c.list_id, t.c.jurisdiction, t.c.data, e.c.name)
            .join(e, e.c.id == t.c.entity_id)
            .where(t.c.entity_id.in_(wanted[start : start + _CHUNK]))
        )
        for row in conn.execute(query):
            timeline = timeline_from_json(row.data)
            where = (row.entity_id, row.name, row.jurisdiction, row.list_id)
            found.update(("event", *where, event.action, event.date.iso()) for event in timeline.events)
            found.update(("proposal", *where, event.action, event.date.iso()) for event in timeline.proposals)
            found.update(
                ("conflict", *where, conflict.kind, conflict.window.iso() if conflict.window else "")
                for conflict in timeline.conflicts
            )
    return found


def _changes(before: set[Outcome], after: set[Outcome]) -> list[dict[str, str]]:
    """What is taken back (there before, not after) and brought back, by date, list and entity."""
    rows = [("taken back", item) for item in before - after] + [
        ("brought back", item) for item in after - before
    ]
    rows.sort(
        key=lambda pair: (pair[1][6], pair[1][3], pair[1][4], pair[1][2], pair[1][0], pair[1][5], pair[0])
    )
    return [
        {
            "effect": effect,
            "what": what,
            "date": day,
            "jurisdiction": jurisdiction,
            "list": list_id,
            "action": action,
            "entity": entity_id,
            "name": name,
        }
        for effect, (what, entity_id, name, jurisdiction, list_id, action, day) in rows
    ]
