"""`proscribe extract`, `proscribe ingest news` and `proscribe eval extract`: news articles to claims."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path
from typing import Any, cast

import click

from proscribe.cli.registry import day_value, store_from
from proscribe.cli.render import table, terminal_width
from proscribe.model import Entity
from proscribe.news.evaluate import (
    evaluate,
    load_decider_labels,
    load_gold,
    load_labels,
    overlay_deciders,
    overlay_legal_bases,
)
from proscribe.news.extract import Extractor
from proscribe.news.inputs import FetchOptions, dateline_dates, load_documents, unused_dates

_COLUMNS = (
    "doc_id",
    "jurisdiction",
    "organisation",
    "action",
    "date",
    "authority",
    "decider",
    "legal_basis",
    "rule",
    "confidence",
)


def entities_for(ctx: click.Context) -> list[Entity]:
    """Registry entities: from the store when it is initialised, else the bundled dataset."""
    store = store_from(ctx)
    if store.is_initialised():
        return store.reader().entities()
    from proscribe.sources.bundled import load_entities

    return list(load_entities())


def _print_claims(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        click.echo(table(rows, _COLUMNS, terminal_width()))


def _print_eval(report: dict[str, Any], errors: bool) -> None:
    overall = report["overall"]
    click.echo(
        f"events: P {overall['precision']:.3f}  R {overall['recall']:.3f}  F1 {overall['f1']:.3f}  "
        f"(tp {overall['tp']}, fp {overall['fp']}, fn {overall['fn']})"
    )
    click.echo(
        f"date accuracy {report['date_accuracy']:.3f}, authority accuracy {report['authority_accuracy']:.3f} "
        f"on {report['matched']} matched events"
    )
    decider = report["decider"]
    if decider["labelled"]:
        click.echo(
            f"decider accuracy {decider['accuracy']:.3f}, precision {decider['precision']:.3f}, "
            f"recall {decider['recall']:.3f} on {decider['labelled']} matched proposals "
            "with a labelled decider"
        )
    basis = report["legal_basis"]
    if basis["labelled"]:
        click.echo(
            f"legal basis accuracy {basis['accuracy']:.3f}, precision {basis['precision']:.3f}, "
            f"recall {basis['recall']:.3f} on {basis['labelled']} matched events "
            f"({basis['gold']} stating a law)"
        )
    d = report["distractors"]
    click.echo(
        f"distractors: {d['items_with_claims']} of {d['items']} items with claims, "
        f"{d['false_positives']} claims"
    )
    for title, key in (("per action", "by_action"), ("per jurisdiction", "by_jurisdiction")):
        rows = [{"key": k, **v} for k, v in report[key].items()]
        click.echo(f"\n{title}:")
        click.echo(table(rows, ("key", "precision", "recall", "f1", "tp", "fp", "fn")))
    if errors:
        click.echo("\nerrors:")
        for error in report["errors"]:
            click.echo(json.dumps(error, ensure_ascii=False))


def _codec(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An encoding Python knows (`cp1251`, `windows-1251`, `latin-1`), or None."""
    if value is None:
        return None
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(
            f"unknown encoding {value!r} (e.g. cp1251, latin-1, koi8-r)", param=param
        ) from None


def register(main: click.Group) -> None:
    """Add `extract`, `ingest news` and `eval extract`."""
    published = click.option(
        "--published", callback=day_value, help="Publication date YYYY-MM-DD (fallback)."
    )
    inputs = click.argument("inputs", nargs=-1, required=True)
    encoding = click.option(
        "--encoding",
        callback=_codec,
        metavar="NAME",
        help="Encoding of files that are not UTF-8 (e.g. cp1251, latin-1): never guessed.",
    )

    @main.command()
    @inputs
    @published
    @encoding
    @click.option("--allow-private", is_flag=True, help="Allow URLs on loopback/private/link-local hosts.")
    @click.option(
        "--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True
    )
    @click.pass_context
    def extract(
        ctx: click.Context,
        inputs: tuple[str, ...],
        published: date | None,
        encoding: str | None,
        allow_private: bool,
        fmt: str,
    ) -> None:
        """Extract designation claims (with evidence) from files, directories, JSONL records or URLs."""
        # Nothing is stored: an input with no text is left out, said on stderr, the others read.
        skipped: list[str] = []
        options = FetchOptions(allow_private=allow_private, encoding=encoding)
        documents = load_documents(inputs, published, options, skipped)
        extractor = Extractor(entities_for(ctx))
        found = [(document, extractor.extract(document)) for document in documents]
        _print_claims([c.to_json() for _document, claims in found for c in claims], fmt)
        # On stderr, so the claims on stdout stay one JSON document or one record a line.
        warnings = [f"{reason}; skipped" for reason in skipped]
        warnings += unused_dates(documents, published) + dateline_dates(documents, published)
        warnings += [
            line for document, claims in found for line in extractor.doubtful_dates(document, claims)
        ]
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)

    ingest_group = cast(click.Group, main.commands["ingest"])
    eval_group = cast(click.Group, main.commands["eval"])

    @ingest_group.command(name="news")
    @inputs
    @published
    @encoding
    @click.option("--allow-private", is_flag=True, help="Allow URLs on loopback/private/link-local hosts.")
    @click.pass_context
    def ingest_news_cmd(
        ctx: click.Context,
        inputs: tuple[str, ...],
        published: date | None,
        encoding: str | None,
        allow_private: bool,
    ) -> None:
        """Store the claims of news articles as news-tier evidence (one transaction; re-runs add nothing)."""
        from proscribe.ingest.news import ingest_news

        options = FetchOptions(allow_private=allow_private, encoding=encoding)
        documents = load_documents(inputs, published, options)
        report = ingest_news(store_from(ctx), documents)
        report.warnings[:0] = unused_dates(documents, published) + dateline_dates(documents, published)
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))

    @eval_group.command(name="extract")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option(
        "--errors", is_flag=True, help="List every miss, false alarm and wrong date with its evidence."
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
    @click.option(
        "--deciders",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="JSONL of decider labels (doc_id, jurisdiction, organisation, action, decider) to overlay.",
    )
    @click.option(
        "--legal-bases",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="JSONL of legal-basis labels (doc_id, jurisdiction, organisation, action, legal_basis) to "
        "overlay; every other gold event counts as stating no law.",
    )
    @click.pass_context
    def eval_extract(
        ctx: click.Context,
        file: Path,
        errors: bool,
        as_json: bool,
        deciders: Path | None,
        legal_bases: Path | None,
    ) -> None:
        """Score extraction on a labelled JSONL file (news-dev format): P/R/F1, dates, authorities,
        deciders, legal bases."""
        extractor = Extractor(entities_for(ctx))
        gold = load_gold(file)
        if deciders is not None:
            gold = overlay_deciders(gold, load_decider_labels(deciders), extractor.org_key_of, str(deciders))
        if legal_bases is not None:
            labels = load_labels(legal_bases, "legal_basis")
            gold = overlay_legal_bases(gold, labels, extractor.org_key_of, str(legal_bases))
        report = evaluate(gold, extractor.extract, extractor.org_key_of).to_json()
        if as_json:
            click.echo(
                json.dumps(report if errors else {k: v for k, v in report.items() if k != "errors"}, indent=2)
            )
        else:
            _print_eval(report, errors)
