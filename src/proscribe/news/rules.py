"""Load the news vocabularies and rules (data/news/*.yaml), validated at load so a bad edit fails loudly.

Every regular expression is compiled here; a DataError names the file and the entry that is wrong.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

from proscribe.errors import DataError
from proscribe.news.gates import LiteralScreen, required_literals
from proscribe.news.ruletypes import (
    ACTIONS,
    BODY_SIDES,
    CUE_KINDS,
    DECIDER_KINDS,
    ORG_SIDES,
    AuthorityRule,
    Cue,
    DeciderRule,
    DeciderRules,
    JurisdictionNames,
    Rules,
    Trigger,
)
from proscribe.vocab import entries_of, read_document, require_text


def data_dir() -> Path:
    """The folder holding the news rule files."""
    return Path(str(resources.files("proscribe") / "data" / "news"))


def _strings(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise DataError(f"{path}: {where}: expected a list of non-empty strings")
    return tuple(value)


def _compile(path: Path, where: str, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise DataError(f"{path}: {where}: invalid pattern {pattern!r}: {exc}") from None


def _choice(path: Path, where: str, value: Any, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise DataError(f"{path}: {where}: `{field}` must be one of {', '.join(allowed)}, got {value!r}")
    return str(value)


def _unique_id(path: Path, where: str, entry: dict[str, Any], seen: set[str]) -> str:
    rule_id = require_text(path, where, entry, "id")
    if rule_id in seen:
        raise DataError(f"{path}: {where}: duplicate id {rule_id!r}")
    seen.add(rule_id)
    return rule_id


def _triggers(path: Path) -> tuple[Trigger, ...]:
    out: list[Trigger] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries_of(path, read_document(path), "triggers")):
        where = f"triggers[{index}]"
        rule_id = _unique_id(path, where, entry, seen)
        where = f"{where} ({rule_id})"
        confidence = entry.get("confidence", 0.8)
        if not isinstance(confidence, (int, float)) or not 0 < confidence <= 1:
            raise DataError(f"{path}: {where}: `confidence` must be a number in (0, 1]")
        regex = _compile(path, where, require_text(path, where, entry, "pattern"))
        out.append(
            Trigger(
                id=rule_id,
                action=_choice(path, where, entry.get("action"), ACTIONS, "action"),
                regex=regex,
                org=_choice(path, where, entry.get("org", "either"), ORG_SIDES, "org"),
                context=bool(entry.get("context", False)),
                confidence=float(confidence),
                proposal=bool(entry.get("proposal", False)),
                stative=bool(entry.get("stative", False)),
                after_body=bool(entry.get("after_body", False)),
                confirms=bool(entry.get("confirms", False)),
                entry=bool(entry.get("entry", False)),
                literals=required_literals(regex.pattern, regex.flags),
            )
        )
    return tuple(out)


def _cues(path: Path) -> tuple[dict[str, Any], tuple[Cue, ...]]:
    document = read_document(path)
    out: list[Cue] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries_of(path, document, "cues")):
        where = f"cues[{index}]"
        rule_id = _unique_id(path, where, entry, seen)
        where = f"{where} ({rule_id})"
        kind = _choice(path, where, entry.get("kind"), CUE_KINDS, "kind")
        regex = _compile(path, where, require_text(path, where, entry, "pattern"))
        dated_act = entry.get("dated_act", False)
        if not isinstance(dated_act, bool):
            raise DataError(f"{path}: {where}: `dated_act` must be true or false")
        absorbed, dominant = bool(entry.get("absorbed", False)), bool(entry.get("dominant", False))
        literals = required_literals(regex.pattern, regex.flags)
        out.append(Cue(rule_id, kind, regex, absorbed, dominant, dated_act=dated_act, literals=literals))
    fields = ("context", "effective", "took_effect", "reporting", "clause_breaks", "attributive", "roster")
    for field in (*fields, "non_state", "stays_in_force"):
        require_text(path, "top level", document, field)
    if not isinstance(document.get("window"), int) or document["window"] <= 0:
        raise DataError(f"{path}: top level: `window` must be a positive integer")
    return document, tuple(out)


def _post_cues(path: Path, document: dict[str, Any]) -> tuple[Cue, ...]:
    out: list[Cue] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries_of(path, document, "post_cues")):
        where = f"post_cues[{index}]"
        rule_id = _unique_id(path, where, entry, seen)
        kind = _choice(path, f"{where} ({rule_id})", entry.get("kind"), CUE_KINDS, "kind")
        regex = _compile(path, where, require_text(path, where, entry, "pattern"))
        after_any = entry.get("after_any", False)
        if not isinstance(after_any, bool):
            raise DataError(f"{path}: {where} ({rule_id}): `after_any` must be true or false")
        out.append(Cue(rule_id, kind, regex, after_any=after_any))
    return tuple(out)


def _false_report(path: Path, document: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    entry = document.get("false_report")
    if not isinstance(entry, dict):
        raise DataError(f"{path}: expected a top-level `false_report:` mapping with `before` and `after`")
    return (
        _compile(path, "false_report before", require_text(path, "false_report", entry, "before")),
        _compile(path, "false_report after", require_text(path, "false_report", entry, "after")),
    )


def _quote_speaker(path: Path, document: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    entry = document.get("quote_speaker")
    if not isinstance(entry, dict):
        raise DataError(f"{path}: quote_speaker: expected a mapping with 'pronoun' and 'previous'")
    pronoun = _compile(path, "quote_speaker.pronoun", require_text(path, "quote_speaker", entry, "pronoun"))
    previous = _compile(
        path, "quote_speaker.previous", require_text(path, "quote_speaker", entry, "previous")
    )
    if "subject" not in previous.groupindex:
        raise DataError(f"{path}: quote_speaker.previous: needs a (?P<subject>...) group")
    return pronoun, previous


def _bodies(path: Path, entries: list[dict[str, Any]], key: str) -> tuple[AuthorityRule, ...]:
    """Body rules (authorities.yaml `authorities`, deciders.yaml `bodies`): pattern, name, state."""
    out: list[AuthorityRule] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{key}[{index}]"
        rule_id = _unique_id(path, where, entry, seen)
        where = f"{where} ({rule_id})"
        jurisdiction = entry.get("jurisdiction")
        if jurisdiction is not None and not re.fullmatch(r"[A-Z]{2}", str(jurisdiction)):
            raise DataError(f"{path}: {where}: `jurisdiction` must be a two-letter code")
        pattern = r"(?<![\w-])(?:" + require_text(path, where, entry, "pattern") + r")(?![\w-])"
        regex = _compile(path, where, pattern)
        out.append(
            AuthorityRule(
                rule_id,
                regex,
                require_text(path, where, entry, "name"),
                jurisdiction,
                bool(entry.get("keep_text", False)),
                required_literals(regex.pattern, regex.flags),
            )
        )
    return tuple(out)


def _authorities(path: Path) -> tuple[AuthorityRule, ...]:
    return _bodies(path, entries_of(path, read_document(path), "authorities"), "authorities")


def _laws(path: Path) -> tuple[AuthorityRule, ...]:
    """Legal-basis rules (laws.yaml): shaped as bodies are; a name may cite the pattern's groups."""
    rules = _bodies(path, entries_of(path, read_document(path), "laws"), "laws")
    for index, rule in enumerate(rules):
        cited = [int(number) for number in re.findall(r"\\(\d+)", rule.name)]
        if any(number > rule.regex.groups for number in cited):
            raise DataError(
                f"{path}: laws[{index}] ({rule.id}): `name` cites a group the pattern does not have"
            )
    return rules


# Words between an addressee phrase and its body ("to Russian dictator Vladimir Putin"): checked one by
# one against the filler list or a capital in the original text, so the expression only captures them.
_FILLER = r"(?P<filler>(?:[\w'.-]+\s+){0,3})$"


def _decider_rule(path: Path, where: str, entry: dict[str, Any], seen: set[str]) -> DeciderRule:
    rule_id = _unique_id(path, where, entry, seen)
    where = f"{where} ({rule_id})"
    kind = _choice(path, where, entry.get("kind"), DECIDER_KINDS, "kind")
    side = _choice(path, where, entry.get("body"), BODY_SIDES, "body")
    pattern = require_text(path, where, entry, "pattern")
    if side == "after":
        pattern = f"(?:{pattern}){_FILLER}"
    then = entry.get("then")
    if then is not None and (not isinstance(then, str) or side != "after"):
        raise DataError(f"{path}: {where}: `then` must be a pattern, and only with `body: after`")
    reach = entry.get("reach", 60)
    if not isinstance(reach, int) or reach <= 0:
        raise DataError(f"{path}: {where}: `reach` must be a positive integer")
    grants = entry.get("grants")
    if grants is not None and (not isinstance(grants, str) or kind != "statement"):
        raise DataError(f"{path}: {where}: `grants` must be a pattern, and only with `kind: statement`")
    return DeciderRule(
        id=rule_id,
        kind=kind,
        side=side,
        regex=_compile(path, where, pattern),
        then=_compile(path, f"{where} then", then) if then else None,
        bodies=frozenset(_strings(path, f"{where} bodies", entry.get("bodies"))),
        suppress=bool(entry.get("suppress", False)),
        reach=reach,
        grants=_compile(path, f"{where} grants", grants) if grants else None,
    )


def _deciders(path: Path) -> DeciderRules:
    document = read_document(path)
    bodies = _bodies(path, entries_of(path, document, "bodies"), "bodies")
    seen: set[str] = set()
    rules = tuple(
        _decider_rule(path, f"rules[{index}]", entry, seen)
        for index, entry in enumerate(entries_of(path, document, "rules"))
    )
    names = {b.name for b in bodies} | {a.name for a in _authorities(path.parent / "authorities.yaml")}
    for rule in rules:
        unknown = sorted(rule.bodies - names)
        if unknown:
            raise DataError(f"{path}: rules ({rule.id}): `bodies` names no known body: {', '.join(unknown)}")
    return DeciderRules(
        bodies=bodies,
        rules=rules,
        prefilter=_pattern(path, document, "prefilter"),
        filler=frozenset(w.casefold() for w in _strings(path, "filler", document.get("filler"))),
        act_reference=_pattern(path, document, "act_reference"),
    )


def _jurisdictions(path: Path) -> tuple[JurisdictionNames, ...]:
    out: list[JurisdictionNames] = []
    owner: dict[str, str] = {}
    for index, entry in enumerate(entries_of(path, read_document(path), "jurisdictions")):
        code = require_text(path, f"jurisdictions[{index}]", entry, "code")
        where = f"jurisdictions[{index}] ({code})"
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise DataError(f"{path}: {where}: code must be two capital letters")
        fields = {f: _strings(path, f"{where} {f}", entry.get(f)) for f in ("names", "demonyms", "capitals")}
        metonyms = _strings(path, f"{where} metonyms", entry.get("metonyms"))
        cities = _strings(path, f"{where} cities", entry.get("cities"))
        for value in (*fields["names"], *fields["demonyms"], *fields["capitals"], *metonyms, *cities):
            key = value.casefold()
            if owner.get(key, code) != code:
                raise DataError(f"{path}: {where}: {value!r} also names {owner[key]}")
            owner[key] = code
        out.append(
            JurisdictionNames(code, fields["names"], fields["demonyms"], fields["capitals"], metonyms, cities)
        )
    return tuple(out)


def _boilerplate(path: Path) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out: list[tuple[str, re.Pattern[str]]] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries_of(path, read_document(path), "boilerplate")):
        where = f"boilerplate[{index}]"
        rule_id = _unique_id(path, where, entry, seen)
        out.append(
            (rule_id, _compile(path, f"{where} ({rule_id})", require_text(path, where, entry, "pattern")))
        )
    return tuple(out)


def _numbered(path: Path, document: dict[str, Any], key: str, low: int, high: int) -> dict[str, int]:
    table = document.get(key)
    if not isinstance(table, dict):
        raise DataError(f"{path}: expected a top-level `{key}:` mapping")
    out: dict[str, int] = {}
    for number, words in table.items():
        if not isinstance(number, int) or not low <= number <= high:
            raise DataError(f"{path}: {key}: key {number!r} must be a number from {low} to {high}")
        for word in _strings(path, f"{key}[{number}]", words):
            out[word.casefold()] = number
    return out


def _dates(
    path: Path,
) -> tuple[dict[str, int], dict[str, int], tuple[tuple[str, re.Pattern[str], str, int], ...]]:
    document = read_document(path)
    months = _numbered(path, document, "months", 1, 12)
    weekdays = _numbered(path, document, "weekdays", 0, 6)
    relative: list[tuple[str, re.Pattern[str], str, int]] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries_of(path, document, "relative")):
        where = f"relative[{index}]"
        rule_id = _unique_id(path, where, entry, seen)
        units = [unit for unit in ("days", "months", "years") if unit in entry]
        if len(units) != 1 or not isinstance(entry[units[0]], int):
            raise DataError(
                f"{path}: {where} ({rule_id}): give exactly one of days, months, years (an integer)"
            )
        pattern = r"(?<!\w)(?:" + require_text(path, where, entry, "pattern") + r")(?!\w)"
        relative.append((rule_id, _compile(path, where, pattern), units[0], entry[units[0]]))
    return months, weekdays, tuple(relative)


def _words(path: Path, document: dict[str, Any], field: str) -> str:
    """A regular expression matching any of a list of words (whole words, case as folded)."""
    words = _strings(path, field, document.get(field))
    if not words:
        raise DataError(f"{path}: `{field}` must list at least one word")
    return r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"


def _list_kinds(path: Path, document: dict[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    out: list[tuple[str, re.Pattern[str]]] = []
    for index, entry in enumerate(entries_of(path, document, "list_kinds")):
        where = f"list_kinds[{index}]"
        kind = _choice(
            path, where, entry.get("kind"), ("terrorist", "extremist", "sanctions", "other"), "kind"
        )
        words = _strings(path, f"{where} ({kind}) words", entry.get("words"))
        out.append((kind, re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)))
    return tuple(out)


def _pattern(path: Path, document: dict[str, Any], field: str) -> re.Pattern[str]:
    return _compile(path, field, require_text(path, "top level", document, field))


def _grouped(path: Path, document: dict[str, Any], field: str, groups: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _pattern(path, document, field)
    missing = [name for name in groups if name not in pattern.groupindex]
    if missing:
        raise DataError(f"{path}: {field}: needs the named groups {', '.join(missing)}")
    return pattern


@functools.cache
def load_rules(folder: Path | None = None) -> Rules:
    """Load and compile every news rule file from `folder` (default: the package's data/news)."""
    base = folder or data_dir()
    cue_doc, cues = _cues(base / "cues.yaml")
    refs_path = base / "references.yaml"
    refs = read_document(refs_path)
    months, weekdays, relative = _dates(base / "dates.yaml")
    dates_path = base / "dates.yaml"
    dates_doc = read_document(dates_path)
    cue_path = base / "cues.yaml"
    triggers = _triggers(base / "triggers.yaml")
    context = _compile(cue_path, "context", cue_doc["context"])
    context_literals = required_literals(context.pattern, context.flags)
    authorities = _authorities(base / "authorities.yaml")
    laws = _laws(base / "laws.yaml")
    return Rules(
        triggers=triggers,
        cues=cues,
        post_cues=_post_cues(cue_path, cue_doc),
        cue_window=int(cue_doc["window"]),
        context=context,
        effective=_compile(cue_path, "effective", cue_doc["effective"]),
        took_effect=_compile(cue_path, "took_effect", cue_doc["took_effect"]),
        reporting=_compile(cue_path, "reporting", cue_doc["reporting"]),
        clause_breaks=_compile(cue_path, "clause_breaks", cue_doc["clause_breaks"]),
        attributive=_compile(cue_path, "attributive", cue_doc["attributive"]),
        roster=_compile(cue_path, "roster", cue_doc["roster"]),
        non_state=_compile(cue_path, "non_state", cue_doc["non_state"]),
        false_report=_false_report(cue_path, cue_doc),
        quote_speaker=_quote_speaker(cue_path, cue_doc),
        stays_in_force=_compile(cue_path, "stays_in_force", cue_doc["stays_in_force"]),
        trigger_screen=LiteralScreen([*(t.literals for t in triggers), context_literals]),
        context_literals=context_literals,
        authority_screen=LiteralScreen(a.literals for a in authorities),
        cue_screen=LiteralScreen(c.literals for c in cues),
        authorities=authorities,
        laws=laws,
        law_screen=LiteralScreen(law.literals for law in laws),
        deciders=_deciders(base / "deciders.yaml"),
        jurisdictions=_jurisdictions(base / "jurisdictions.yaml"),
        boilerplate=_boilerplate(base / "boilerplate.yaml"),
        anaphors=_compile(refs_path, "anaphors", require_text(refs_path, "top level", refs, "anaphors")),
        org_heads=frozenset(_strings(refs_path, "org_heads", refs.get("org_heads"))),
        org_connectors=frozenset(_strings(refs_path, "org_connectors", refs.get("org_connectors"))),
        person_apposition=_pattern(refs_path, refs, "person_apposition"),
        person_titles=_compile(
            refs_path, "person_titles", require_text(refs_path, "top level", refs, "person_titles")
        ),
        proposer_nouns=_pattern(refs_path, refs, "proposer_nouns"),
        example_cues=_pattern(refs_path, refs, "example_cues"),
        relation_cues=_pattern(refs_path, refs, "relation_cues"),
        list_name_cues=_pattern(refs_path, refs, "list_name_cues"),
        list_name_after=_pattern(refs_path, refs, "list_name_after"),
        prepositions=_pattern(refs_path, refs, "prepositions"),
        list_nouns=_pattern(refs_path, refs, "list_nouns"),
        owned_list_nouns=_pattern(refs_path, refs, "owned_list_nouns"),
        act_anaphors=_pattern(refs_path, refs, "act_anaphors"),
        part_nouns=_pattern(refs_path, refs, "part_nouns"),
        unnamed=_pattern(refs_path, refs, "unnamed"),
        act_references=_pattern(refs_path, refs, "act_references"),
        act_ties=_pattern(refs_path, refs, "act_ties"),
        act_date_before=_pattern(refs_path, refs, "act_date_before"),
        act_date_after=_pattern(refs_path, refs, "act_date_after"),
        act_law_before=_pattern(refs_path, refs, "act_law_before"),
        effect_date=_pattern(refs_path, refs, "effect_date"),
        effect_date_ahead=_pattern(refs_path, refs, "effect_date_ahead"),
        object_of=_pattern(refs_path, refs, "object_of"),
        branch_parents=frozenset(
            name.casefold() for name in _strings(refs_path, "branch_parents", refs.get("branch_parents"))
        ),
        branch_after=_pattern(refs_path, refs, "branch_after"),
        branch_not=_pattern(refs_path, refs, "branch_not"),
        counted_object=_pattern(refs_path, refs, "counted_object"),
        org_objects=frozenset(_strings(refs_path, "org_objects", refs.get("org_objects"))),
        origin_noun=re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}{_words(refs_path, refs, 'origin_nouns')}"),
        locative=re.compile(rf"{_words(refs_path, refs, 'locatives')}\s+(?:the\s+)?$"),
        wing_after=re.compile(rf"^\s+{_words(refs_path, refs, 'wing_kinds')} wing\b"),
        wing_before=re.compile(r"\bwing,?\s+(?:the\s+)?$"),
        wing_of=re.compile(rf"{_words(refs_path, refs, 'wing_kinds')} wing of\s+(?:the\s+)?$"),
        listing=re.compile(_words(refs_path, refs, "listing_words")),
        act_noun=re.compile(_words(refs_path, refs, "act_nouns")),
        list_kinds=_list_kinds(refs_path, refs),
        similar_acts=_pattern(refs_path, refs, "similar_acts"),
        similar_proposed=_pattern(refs_path, refs, "similar_proposed"),
        similar_done=_pattern(refs_path, refs, "similar_done"),
        joined=_grouped(refs_path, refs, "joined", ("verb", "states")),
        stop_words=frozenset(_strings(refs_path, "stop_words", refs.get("stop_words"))),
        generic_words=frozenset(
            w.casefold() for w in _strings(refs_path, "generic_words", refs.get("generic_words"))
        ),
        months=months,
        weekdays=weekdays,
        dateline=_pattern(dates_path, dates_doc, "dateline"),
        relative=relative,
        year_prepositions=_year_prepositions(dates_path, dates_doc),
        date_connectors=_date_connectors(dates_path, dates_doc),
        spellings=_spellings(base / "spellings.yaml"),
    )


def _spellings(path: Path) -> tuple[tuple[str, ...], ...]:
    """The families of spellings of one name word, each spelling (apostrophes left out) in one family."""
    document = read_document(path)
    families = document.get("families")
    if not isinstance(families, list) or not families:
        raise DataError(f"{path}: `families` must be a non-empty list of lists of spellings")
    seen: dict[str, int] = {}
    out: list[tuple[str, ...]] = []
    for index, family in enumerate(families):
        where = f"families[{index}]"
        words = _strings(path, where, family)
        if len(words) < 2:
            raise DataError(f"{path}: {where}: a family needs at least two spellings")
        for word in words:
            if not re.fullmatch(r"[a-z]+(?:'[a-z]+)*", word):
                raise DataError(f"{path}: {where}: {word!r} is not one lower-case Latin word")
            bare = word.replace("'", "")
            if seen.setdefault(bare, index) != index:
                raise DataError(f"{path}: {where}: {word!r} is already in families[{seen[bare]}]")
        out.append(words)
    return tuple(out)


def _date_connectors(path: Path, document: dict[str, Any]) -> tuple[str, ...]:
    """The words that may join a date's parts ("the 27th of November", "12 de julio de 2024")."""
    words = _strings(path, "date_connectors", document.get("date_connectors"))
    if not words:
        raise DataError(f"{path}: date_connectors: expected a non-empty list of words")
    return tuple(word.casefold() for word in words)


def _year_prepositions(path: Path, document: dict[str, Any]) -> tuple[str, ...]:
    """The words after which a bare year is a date; an empty list would make every number a year."""
    words = _strings(path, "year_prepositions", document.get("year_prepositions"))
    if not words:
        raise DataError(f"{path}: year_prepositions: expected a non-empty list of words")
    return tuple(word.casefold() for word in words)
