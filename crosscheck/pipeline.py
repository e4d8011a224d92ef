"""The pipeline as functions that return data: load → extract → group → compare → accept.

The CLI only wraps these; anything the CLI shows, a Python caller can get. Articles stream in;
extraction runs in ``jobs`` processes and is served from the cache where it can; what is kept
per article is its claims, not its text, so memory grows with claims.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from itertools import islice
from pathlib import Path

from crosscheck import baseline as accepted
from crosscheck.cache import Cache
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.group import group
from crosscheck.ingest import iter_inputs, load
from crosscheck.lexicon import use_lexicon, user_lexicon_paths
from crosscheck.model import Article, Conflict, Corpus, Extraction, Report, Skipped
from crosscheck.timex import tag_article

Paths = Iterable[str | Path]
BATCH = 256  # articles read, looked up in the cache and extracted together
PARALLEL_MIN_ARTICLES = 64  # fewer misses than this are extracted in-process: a pool costs more than it saves


def extract_all(articles: Iterable[Article | Skipped]) -> Iterator[Extraction | Skipped]:
    """Extract article after article; an article the extractor cannot read is skipped, not fatal."""
    for item in articles:
        yield item if isinstance(item, Skipped) else _extract_one(item)


def _extract_one(article: Article) -> Extraction | Skipped:
    try:
        return extract(article)
    except Exception as err:  # a bug must cost one article, not the whole corpus
        return Skipped(article.path, f"could not be read for claims ({type(err).__name__}: {err})")


def extract_lean(article: Article) -> Extraction | Skipped:
    """An extraction without the article's text and date list: the report quotes sentences, which the claims keep,
    and the dates that matter are in the claims."""
    x = _extract_one(article)
    return replace(x, article=replace(x.article, text=""), dates=()) if isinstance(x, Extraction) else x


def start_worker(lexicons: tuple[str, ...]) -> None:
    use_lexicon(*lexicons)


def extract_many(items: Iterable[Article | Skipped], jobs: int = 1, cache: Cache | None = None,
                 progress: Callable[[int], None] | None = None) -> Iterator[Extraction | Skipped]:
    """Extractions (without texts) in input order, from the cache where it has them, else in ``jobs`` processes."""
    pool: ProcessPoolExecutor | None = None
    done = 0
    try:
        stream = iter(items)
        while batch := list(islice(stream, BATCH)):
            articles = [a for a in batch if isinstance(a, Article)]
            keys = {a.id: cache.key(a) for a in articles} if cache else {}
            hits = cache.get_many(list(keys.values())) if cache else {}
            misses = [a for a in articles if keys.get(a.id) not in hits]
            if jobs > 1 and len(misses) >= PARALLEL_MIN_ARTICLES and pool is None:
                pool = ProcessPoolExecutor(jobs, initializer=start_worker, initargs=(user_lexicon_paths(),))
            fresh = list(pool.map(extract_lean, misses, chunksize=16)) if pool and misses else \
                [extract_lean(a) for a in misses]
            by_id = dict(zip((a.id for a in misses), fresh))
            if cache:
                cache.put_many([(keys[a.id], x) for a, x in zip(misses, fresh) if isinstance(x, Extraction)])
            for item in batch:
                if isinstance(item, Skipped):
                    yield item
                else:
                    if item.id in by_id:
                        yield by_id[item.id]
                    else:
                        cached = hits[keys[item.id]]
                        yield replace(cached, article=replace(cached.article, path=item.path))
                    done += 1
            if progress:
                progress(done)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def check(source: Corpus | Paths, published: dt.date | None = None, *, jobs: int = 1, cache: Cache | None = None,
          exclude: Iterable[str] = (), progress: Callable[[int], None] | None = None,
          severity: dict[str, str] | None = None, changed: Iterable[str] | None = None,
          baseline: set[str] | None = None) -> Report:
    """Every conflict in a corpus (or in the articles at ``source`` paths).

    ``severity`` overrides a slot's severity (``"off"`` drops the slot); ``changed`` keeps only conflicts that
    involve one of those files (all articles are still compared); ``baseline`` holds accepted conflict ids.
    """
    items = (list(source.articles) + list(source.skipped)) if isinstance(source, Corpus) else \
        iter_inputs(source, published, exclude)
    extractions: list[Extraction] = []
    skipped: list[Skipped] = []
    for item in extract_many(items, jobs=jobs, cache=cache, progress=progress):
        (skipped if isinstance(item, Skipped) else extractions).append(item)
    events = group(extractions)
    conflicts = _with_severity(compare(events, extractions), severity or {})
    in_scope, out_of_scope = _in_scope(conflicts, extractions, changed)
    report = Report(tuple(x.article for x in extractions), tuple(skipped), tuple(extractions), events, in_scope,
                    out_of_scope=out_of_scope)
    return accepted.apply(report, baseline)


def _with_severity(conflicts: tuple[Conflict, ...], severity: dict[str, str]) -> tuple[Conflict, ...]:
    out = []
    for c in conflicts:
        level = severity.get(c.slot, c.severity)
        if level != "off":
            out.append(c if level == c.severity else replace(c, severity=level))
    return tuple(out)


def _in_scope(conflicts: tuple[Conflict, ...], extractions: list[Extraction],
              changed: Iterable[str] | None) -> tuple[tuple[Conflict, ...], int]:
    """Conflicts that involve a changed file (all of them when ``changed`` is None), and how many others."""
    if changed is None:
        return conflicts, 0
    wanted = {_file_key(p) for p in changed}
    paths = {x.article.id: _file_key(x.article.path) for x in extractions}
    keep = tuple(c for c in conflicts if any(paths.get(claim.article) in wanted
                                             for v in c.values for claim in v.claims))
    return keep, len(conflicts) - len(keep)


def _file_key(path: str) -> str:
    """The file a path names, resolved; a JSONL record ("corpus.jsonl:12") names its corpus file."""
    file, _, record = path.rpartition(":")
    if file and record.isdigit():
        path = file
    return str(Path(path).resolve())


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


__all__ = ["check", "default_jobs", "extract", "extract_all", "extract_many", "load", "tag_article"]
