"""Shared helpers for the adapter tests: fixture paths and a stable JSON rendering for golden files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from proscribe.sources.records import ParsedList

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


def render(parsed: ParsedList) -> dict[str, Any]:
    """A JSON-ready view of a parsed list, compared with golden files."""
    return {
        "source": parsed.source_name,
        "date": parsed.snapshot_date.isoformat() if parsed.snapshot_date else None,
        "unmapped": dict(sorted(parsed.unmapped.items())),
        "warnings": [w.replace(str(FIXTURES) + "/", "") for w in parsed.warnings],
        "removed": list(parsed.removed),
        "records": [
            {
                "key": r.key,
                "kind": r.kind,
                "lists": list(r.list_ids),
                "names": [[n.value, n.kind, n.script] for n in r.names],
                "identifiers": [i.key() for i in r.identifiers],
                "listed_on": r.listed_on.isoformat() if r.listed_on else None,
                "country": r.country,
                "birth_dates": list(r.birth_dates),
                "nationalities": list(r.nationalities),
            }
            for r in parsed.records
        ],
    }


def golden(name: str, parsed: ParsedList) -> tuple[dict[str, Any], dict[str, Any]]:
    """(expected, actual) for a golden file under fixtures/lists/golden/.

    With PROSCRIBE_UPDATE_GOLDEN=1 in the environment the file is first rewritten from the
    adapter's output (after a deliberate change of what adapters read): review its diff.
    """
    path = FIXTURES / "golden" / name
    actual = render(parsed)
    if os.environ.get("PROSCRIBE_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8")), actual
