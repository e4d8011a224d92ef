"""The pipeline as functions that return data: load → extract → group → compare.

The CLI only wraps these; anything the CLI shows, a Python caller can get.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.group import group
from crosscheck.ingest import iter_inputs, load
from crosscheck.model import Article, Corpus, Extraction, Report, Skipped
from crosscheck.timex import tag_article

Paths = Iterable[str | Path]


def extract_all(articles: Iterable[Article | Skipped]) -> Iterator[Extraction | Skipped]:
    """Extract article after article; an article the extractor cannot read is skipped, not fatal."""
    for item in articles:
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield extract(item)
        except Exception as err:  # a bug must cost one article, not the whole corpus
            yield Skipped(item.path, f"could not be read for claims ({type(err).__name__}: {err})")


def check(source: Corpus | Paths, published: dt.date | None = None) -> Report:
    """Every conflict in a corpus (or in the articles at ``source`` paths)."""
    items = (list(source.articles) + list(source.skipped)) if isinstance(source, Corpus) else iter_inputs(source, published)
    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    for item in extract_all(items):
        (skipped if isinstance(item, Skipped) else extractions).append(item)
    events = group(extractions)
    conflicts = compare(events, extractions)
    return Report(tuple(x.article for x in extractions), tuple(skipped), tuple(extractions), events, conflicts)


__all__ = ["check", "extract", "extract_all", "load", "tag_article"]
