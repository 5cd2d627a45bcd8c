"""Build the bundled registry dataset from the curated facts in ../shared/data/facts.

Reads `organisations.csv` and `events.csv`, normalises them (list labels to list ids, dates to
PartialDate text, alias annotations to name kinds, scope notes to a `scope` field, what a
proposal's authority or note says of who decides it to a `decider` field, publication dates read
from dated URLs) and writes the project's own data files:

    src/proscribe/data/registry/entities.yaml
    src/proscribe/data/registry/claims.jsonl

Run: .venv/bin/python scripts/build_dataset.py [FACTS_DIR]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import yaml

from proscribe import vocab
from proscribe.model import PartialDate

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "proscribe" / "data" / "registry"

# Parenthetical annotations on aliases in the facts: what they say about the name. Affiliates and
# organisations banned together with this one are other organisations, not names of it: they are kept
# in the entity's note instead, so that neither news extraction nor screening merges them into it.
_ANNOTATION_KINDS = (
    (re.compile(r"former name", re.I), "former"),
    (re.compile(r"affiliate|co-banned", re.I), "related"),
    (re.compile(r"alias|military wing|list", re.I), "alias"),
)
_ABBREVIATION = re.compile(r"^(.*?)\s*\(([A-Z]{2,6})\)$")
_ANNOTATION = re.compile(r"^(.*?)\s*\(([^()]*)\)$")

# Scope notes: designations of part of an organisation are different acts from whole-group ones.
_SCOPES = (
    (
        re.compile(
            r"extended to the (whole|entire)|entire organisation|whole (organisation|movement)"
            r"|\bbans? (on )?all (its )?activit",
            re.I,
        ),
        "whole organisation",
    ),
    (re.compile(r"External Security Organisation only", re.I), "External Security Organisation"),
    (
        re.compile(
            r"(military|armed) wing[^.;]*only|only[^.;]*military wing|Brigades only"
            # A note that opens on the part listed ("Military wing (Qassam Brigades) designated
            # since 2010"), or a renewal of a listing of the Brigades.
            r"|(?:^|[.;:]\s+)(military|armed) wing\b|re-?listing of the [^.;]*Brigades",
            re.I,
        ),
        "military wing",
    ),
    (re.compile(r"extended from[^.;]*to the military wing", re.I), "military wing"),
    (re.compile(r"chapters? only|chapter-level|(Lebanese|Egyptian|Jordanian) chapter", re.I), "chapter"),
)

# Who decides a proposal, where its authority or note says so: the body it was sent or laid before,
# or whose approval it awaits. Claims keep these wordings; timelines name the body as the authority
# vocabulary does for the claim's jurisdiction ("Parliament" in GB is the UK Parliament).
_DECIDERS = (
    (
        re.compile(
            r"subject to affirmative resolution|if Parliament approved"
            r"|(?:motion|laid) (?:to|in|before) Parliament",
            re.I,
        ),
        "Parliament",
    ),
    (re.compile(r"(?:report|proposal) to the President", re.I), "President"),
    (
        re.compile(
            r"(?:petition|request|claim|application) to (?:the )?Supreme Court|asked the Supreme Court", re.I
        ),
        "Supreme Court",
    ),
    (re.compile(r"(?:urging|asking) the government to (?:ban|list|designate)", re.I), "Government"),
)

# Rows recorded as `list` whose note says the act confirmed or renamed an existing listing, or
# reframed the regime it stands on: these are amendments (the state does not change), kept apart so
# they are not read as a second listing date.
_AMENDMENT = re.compile(
    r"not a new (entity )?listing|as an alias to the existing|retention confirmed|reviewed and maintained"
    r"|regime event|not (the )?first listing",
    re.I,
)

_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})(?:/|$)"),
    re.compile(r"/((?:19|20)\d{2})-(\d{2})-(\d{2})"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|\d{0,6}$)"),
)


def split_name(raw: str) -> list[dict[str, str]]:
    """Turn one alias cell into name records, separating abbreviations and annotations."""
    value = raw.strip()
    if not value:
        return []
    if m := _ABBREVIATION.match(value):
        return [{"value": m[1], "kind": "alias"}, {"value": m[2], "kind": "weak_alias"}]
    if m := _ANNOTATION.match(value):
        for pattern, kind in _ANNOTATION_KINDS:
            if pattern.search(m[2]):
                return [{"value": m[1], "kind": kind, "note": m[2]}]
    return [{"value": value, "kind": "alias"}]


def published_from_url(url: str) -> str | None:
    """A publication day read from a dated URL path, when it has one."""
    for pattern in _URL_DATES:
        if m := pattern.search(url):
            try:
                return PartialDate.parse(f"{m[1]}-{m[2]}-{m[3]}").iso()
            except ValueError:
                continue
    return None


def scope_of(note: str) -> str | None:
    """The part of the organisation a designation covers, when the note restricts it."""
    for pattern, scope in _SCOPES:
        if pattern.search(note):
            return scope
    return None


def decider_of(text: str) -> str | None:
    """The body a proposal's authority or note says decides it, when it names one."""
    for pattern, decider in _DECIDERS:
        if pattern.search(text):
            return decider
    return None


# Aliases in the facts that other bodies use for other organisations: kept as weak aliases (found
# by search and screening, never enough to link an official record). The UK listed Libya's
# "REVOLUTIONARY GUARD CORPS" in 2011 (HMT group 11714), which is not Iran's IRGC.
_SHARED_ALIASES = {("irgc", "Revolutionary Guard Corps")}

# Names the facts' own sources call an organisation by that its alias column lacks: the news outlets'
# wording, so extraction and screening know it. Each must appear in a source title of events.csv.
_SOURCE_ALIASES = {"lgbt-movement": ("international LGBT movement",)}


def build(facts: Path) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Read the facts and return (entities, claims) as plain records."""
    entities: list[dict[str, object]] = []
    with (facts / "organisations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names: list[dict[str, str]] = []
            related: list[str] = []
            seen = {row["canonical_name"]}
            for cell in row["aliases"].split("|"):
                for name in split_name(cell):
                    if name["kind"] == "related":
                        related.append(f"{name['value']} ({name['note']})")
                    elif name["value"] not in seen:
                        seen.add(name["value"])
                        if (row["org_id"], name["value"]) in _SHARED_ALIASES:
                            name["kind"] = "weak_alias"
                        names.append(name)
            for value in _SOURCE_ALIASES.get(row["org_id"], ()):
                if value not in seen:
                    seen.add(value)
                    names.append({"value": value, "kind": "alias"})
            entity: dict[str, object] = {
                "id": row["org_id"],
                "name": row["canonical_name"],
                "kind": "organisation",
                "description": row["type"] or None,
                "country": row["country_of_origin"] or None,
                "names": names,
            }
            if row["wikidata_qid"]:
                entity["identifiers"] = [{"scheme": "wikidata", "value": row["wikidata_qid"]}]
            note = " ".join(
                filter(
                    None, [row["note"], f"Related organisations: {'; '.join(related)}." if related else ""]
                )
            )
            if note:
                entity["note"] = note
            entities.append(entity)

    known_ids = {str(e["id"]) for e in entities}
    claims: list[dict[str, object]] = []
    with (facts / "events.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"events.csv:{line}"
            if row["org_id"] not in known_ids:
                raise SystemExit(f"{where}: unknown org_id {row['org_id']!r}")
            designation_list = vocab.list_for_name(row["jurisdiction"], row["list_name"])
            if designation_list is None:
                raise SystemExit(f"{where}: no list id for {row['jurisdiction']} / {row['list_name']!r}")
            date = PartialDate.parse(row["date"])
            if date.precision != row["date_precision"]:
                raise SystemExit(
                    f"{where}: date {row['date']} does not have precision {row['date_precision']}"
                )
            record: dict[str, object] = {
                "row": line,
                "entity": row["org_id"],
                "jurisdiction": row["jurisdiction"],
                "list": designation_list.id,
                "list_label": row["list_name"],
                "kind": row["claim_kind"],
            }
            if row["claim_kind"] == "state":
                record["state"] = {"list": "listed", "delist": "not_listed", "suspend": "suspended"}[
                    row["action"]
                ]
            elif row["action"] == "list" and _AMENDMENT.search(row["note"]):
                record["action"] = "amend"
                record["original_action"] = "list"
            else:
                record["action"] = row["action"]
            record["date"] = date.iso()
            for key in ("authority", "legal_basis"):
                if row[key]:
                    record[key] = row[key]
            scope = scope_of(row["note"])
            if scope:
                record["scope"] = scope
            decider = (
                decider_of(f"{row['authority']} {row['note']}")
                if row["action"].startswith("propose_")
                else None
            )
            if decider and row["claim_kind"] == "event":
                record["decider"] = decider
            record["source"] = {
                "url": row["source_url"],
                "title": row["source_title"],
                "published_on": published_from_url(row["source_url"]),
            }
            if row["note"]:
                record["note"] = row["note"]
            claims.append(record)
    for org_id, values in _SOURCE_ALIASES.items():
        titles = " ".join(
            str(source.get("title", "")).casefold()
            for claim in claims
            if claim["entity"] == org_id and isinstance(source := claim["source"], dict)
        )
        missing = [value for value in values if value.casefold() not in titles]
        if missing:
            raise SystemExit(f"events.csv: no source title of {org_id} says {missing[0]!r}")
    return entities, claims


def main() -> None:
    facts = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "facts"
    entities, claims = build(facts)
    OUT.mkdir(parents=True, exist_ok=True)
    header = (
        "# Registry organisations, normalised from the curated facts (scripts/build_dataset.py).\n"
        "# names: every alias with its kind (alias | weak_alias | former); scripts are detected at load.\n"
    )
    with (OUT / "entities.yaml").open("w", encoding="utf-8") as handle:
        handle.write(header)
        yaml.safe_dump({"entities": entities}, handle, allow_unicode=True, sort_keys=False, width=120)
    with (OUT / "claims.jsonl").open("w", encoding="utf-8") as handle:
        for claim in claims:
            handle.write(json.dumps(claim, ensure_ascii=False, sort_keys=False) + "\n")
    print(f"{len(entities)} entities, {len(claims)} claims -> {OUT}")


if __name__ == "__main__":
    main()
