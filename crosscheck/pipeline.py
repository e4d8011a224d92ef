"""The pipeline as functions that return data: load → extract → group → compare → accept.

The CLI only wraps these; anything the CLI shows, a Python caller can get. Articles stream in;
extraction runs in ``jobs`` processes and is served from the cache where it can; what is kept
per article is its outline and the claims made in this run, not its text, so memory grows with
claims. Grouping and comparing run part by part (``incremental``), each part served from the
cache when its claims are unchanged.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from crosscheck.ci import baseline as accepted
from crosscheck.store.cache import Cache
from crosscheck.extract import extract
from crosscheck.group import Reading, group
from crosscheck.store.incremental import CacheLost, Outline, Readings, index_rows, outline
from crosscheck.store.incremental import find as find_conflicts
from crosscheck.ingest import JSONL_SUFFIXES, input_files, iter_inputs, load, read_file
from crosscheck.lexicon import use_lexicon, user_lexicon_paths
from crosscheck.model import Article, Conflict, Corpus, Event, Extraction, Report, Skipped
from crosscheck.timing import stage, staged
from crosscheck.extract.dates import tag_article

Paths = Iterable[str | Path]
# what became of an input: extracted now (with its outline and readings), skipped, or outlined in the cache
_Got = tuple[Extraction, Outline, dict[str, Reading]] | Skipped | Outline
BATCH = 256  # articles read, looked up in the cache and extracted together
PARALLEL_MIN_ARTICLES = 64  # fewer misses than this are extracted in-process: a pool costs more than it saves
PARENT_POLL_S = 0.5  # how often a worker looks whether its parent is still there
FILE_KEPT_MAX_ARTICLES = 500_000  # a JSONL file's articles are kept in one cache row up to this many (~150 MB)


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


def start_worker(lexicons: tuple[str, ...], parent: int | None = None) -> None:
    use_lexicon(*lexicons)
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """A worker leaves when the check that started it is gone (killed with SIGKILL, it cannot say so), instead of
    waiting forever for work that will never come."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_S)
    os._exit(1)


def extract_many(items: Iterable[Article | Skipped], jobs: int = 1, cache: Cache | None = None,
                 progress: Callable[[int], None] | None = None) -> Iterator[Extraction | Skipped]:
    """Extractions (without texts) in input order, from the cache where it has them, else in ``jobs`` processes."""
    for batch in _batches(items, jobs, cache, progress):
        cached = cache.extractions([key for _, key, got in batch if isinstance(got, Outline)]) if cache else {}
        for item, key, got in batch:
            x = got[0] if isinstance(got, tuple) else cached.get(key) if isinstance(got, Outline) else got
            if x is None:  # gone from the cache since it was looked up: extract it again
                x = extract_lean(item)
            yield replace(x, article=replace(x.article, path=item.path)) if isinstance(x, Extraction) else x


def _batches(items: Iterable[Article | Skipped | _Known], jobs: int, cache: Cache | None,
             progress: Callable[[int], None] | None) -> Iterator[list[tuple[Article | Skipped | _Known, str, _Got]]]:
    """Batches of (input, its cache key, what became of it); a skipped input is its own result. Fresh extractions
    are cached, with their outlines, as they come.

    With workers, a batch is handed to them as soon as it is read, and its results are collected after the batch
    before it has been outlined, cached and yielded: the parent's cache work overlaps the workers' extraction
    instead of leaving them idle (before, a large check spent a third of its time so). The batches come out in
    the same order, each cached before the next is: what a check reports and caches is the same."""
    pool: ProcessPoolExecutor | None = None
    done = 0
    indexed: set[str] = set()  # readings put in the cache in this run: a story's articles share most of them

    def finished(batch: list, keys: list[str], hits: dict[str, Outline], fresh: Iterable[Extraction | Skipped]
                 ) -> list[tuple[Article | Skipped | _Known, str, _Got]]:
        with stage("extract"):
            made = iter(list(fresh))  # the workers' results, waited for
        with stage("index"):
            out = []
            for item, key in zip(batch, keys):
                got = item if isinstance(item, Skipped) else item.outline if isinstance(item, _Known) else \
                    hits[key] if key in hits else next(made)
                out.append((item, key, (got, *outline(got)) if isinstance(got, Extraction) else got))
            if cache:
                new = [(key, got) for _, key, got in out if isinstance(got, tuple)]
                readings = {d: r for _, (_, _, rs) in new for d, r in rs.items() if d not in indexed}
                if cache.put_articles([(key, x, o) for key, (x, o, _) in new], index_rows(readings)):
                    indexed.update(readings)
        return out

    pending: tuple | None = None  # the batch handed to the workers, collected after the one before it
    try:
        stream = iter(items)
        while True:
            with stage("ingest"):
                batch = list(islice(stream, BATCH))
            started = None
            if batch:
                with stage("index"):
                    keys = [a.key if isinstance(a, _Known) else cache.key(a) if cache and isinstance(a, Article)
                            else "" for a in batch]
                    hits = cache.outlines([k for a, k in zip(batch, keys) if isinstance(a, Article) and k]) \
                        if cache else {}
                misses = [a for a, k in zip(batch, keys) if isinstance(a, Article) and k not in hits]
                with stage("extract"):
                    if jobs > 1 and len(misses) >= PARALLEL_MIN_ARTICLES and pool is None:
                        pool = ProcessPoolExecutor(jobs, initializer=start_worker,
                                                   initargs=(user_lexicon_paths(), os.getpid()))
                    # handed to the workers now (map submits every chunk at once), collected in ``finished``
                    fresh = pool.map(extract_lean, misses, chunksize=16) if pool and misses else \
                        [extract_lean(a) for a in misses]
                started = (batch, keys, hits, fresh)
            if pending is not None:
                out = finished(*pending)
                done += sum(not isinstance(item, Skipped) for item in pending[0])
                if progress:
                    progress(done)
                yield out
            if started is None:
                break
            pending = started
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


@dataclass(frozen=True)
class _Known:
    """An article of a JSONL file unchanged since a check that kept the whole file's articles: not parsed, not
    hashed, not looked up again."""

    article: Article  # without its text
    key: str
    outline: Outline


def _inputs(paths: Paths, published: dt.date | None, exclude: Iterable[str], cache: Cache | None,
            read: dict[str, str], follow_links: bool = False) -> Iterator[Article | Skipped | _Known]:
    """The corpus's articles, or their ``_Known`` selves; ``read`` gets the digest of each JSONL file read afresh,
    so that its articles can be kept (``_Read.keep_files``)."""
    seen: set[str] = set()
    for entry in input_files(paths, exclude, follow_links):
        if isinstance(entry, Skipped):
            yield entry
            continue
        file, root = entry
        with stage("index"):
            digest = _file_digest(file, published, cache) if cache and file.suffix.lower() in JSONL_SUFFIXES else None
            known = cache.files([digest]).get(digest) if digest else None
        if known is not None and seen.isdisjoint(k.article.id for k in known):
            seen.update(k.article.id for k in known)
            yield from known
            continue
        if digest:
            read[str(file)] = digest
        yield from read_file(file, published, seen, root)


def _file_digest(file: Path, published: dt.date | None, cache: Cache) -> str | None:
    try:
        with file.open("rb") as f:
            content = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None  # read_file reports it
    return cache.digest("jsonl", str(file), repr(published), content)


class _Read:
    """The corpus as a check holds it: each article (without its text), its cache key and outline, and the
    extractions made in this run; others are read from the cache only for the parts that need them."""

    def __init__(self, cache: Cache | None):
        self.cache = cache
        self.articles: list[Article] = []
        self.keys: list[str] = []
        self.outlines: list[Outline] = []
        self.skipped: list[Skipped] = []
        self.fresh: dict[int, Extraction] = {}
        self.readings: dict[str, Reading] = {}  # of the fresh extractions, by digest

    def add(self, batch: list[tuple[Article | Skipped | _Known, str, _Got]]) -> None:
        for item, key, got in batch:
            if isinstance(got, Skipped):
                self.skipped.append(got)
                continue
            if isinstance(got, tuple):
                self.fresh[len(self.articles)], got, readings = got
                self.readings.update(readings)
            self.articles.append(item.article if isinstance(item, _Known) else item.without_text())
            self.keys.append(key)
            self.outlines.append(got)

    def keep_files(self, read: dict[str, str]) -> None:
        """Keep the articles of each JSONL file read afresh, in the cache under the file's digest, unless one of its
        lines was skipped (a repeated id, say, depends on other files) or it is too large for one row."""
        if not self.cache or not read:
            return
        kept: dict[str, list[_Known]] = {file: [] for file in read}
        for a, key, o in zip(self.articles, self.keys, self.outlines):
            file = a.path.rpartition(":")[0]
            if file in kept:
                kept[file].append(_Known(a, key, o))
        for s in self.skipped:
            kept.pop(s.path.rpartition(":")[0], None)
            kept.pop(s.path, None)
        self.cache.put_files([(read[file], tuple(known)) for file, known in kept.items()
                              if 0 < len(known) <= FILE_KEPT_MAX_ARTICLES])

    @staged("index")
    def fetch(self, positions: list[int]) -> dict[int, Extraction]:
        """Whole extractions: made in this run, or from the cache."""
        wanted = [p for p in positions if p not in self.fresh]
        cached = self.cache.extractions([self.keys[p] for p in wanted]) if self.cache and wanted else {}
        out = {p: self.fresh[p] for p in positions if p in self.fresh}
        for p in wanted:
            x = cached.get(self.keys[p])
            if x is None:
                raise CacheLost(f"the extraction of {self.articles[p].path} could not be read back")
            out[p] = replace(x, article=replace(x.article, path=self.articles[p].path))
        return out


def check(source: Corpus | Paths, published: dt.date | None = None, *, jobs: int = 1, cache: Cache | None = None,
          exclude: Iterable[str] = (), progress: Callable[[int], None] | None = None,
          severity: dict[str, str] | None = None, changed: Iterable[str] | None = None,
          baseline: set[str] | None = None, follow_links: bool = False) -> Report:
    """Every conflict in a corpus (or in the articles at ``source`` paths).

    ``severity`` overrides a slot's severity (``"off"`` drops the slot); ``changed`` keeps only conflicts that
    involve one of those files (all articles are still compared); ``baseline`` holds accepted conflict ids. With
    a ``cache``, unchanged articles are not extracted again and unchanged parts of the corpus not regrouped.
    ``follow_links`` follows symbolic links that lead out of the folders given.
    """
    options = dict(published=published, jobs=jobs, exclude=exclude, progress=progress, severity=severity,
                   changed=changed, baseline=baseline, follow_links=follow_links)
    try:
        return _check(source, cache=cache, **options)
    except CacheLost as err:  # a damaged row found halfway: the check is still owed, and the cache is rebuilt
        if cache is None:
            raise
        lost = f"cache {cache.path}: {err}"
    cache.clear()
    try:
        report = _check(source, cache=cache, **options)
        cache.problem = f"{lost}; rebuilt"
    except CacheLost:  # it could not even be emptied
        report = _check(source, cache=None, **options)
        cache.problem = f"{lost}; checked without it"
    return report


def _check(source: Corpus | Paths, published: dt.date | None, jobs: int, cache: Cache | None, exclude: Iterable[str],
           progress: Callable[[int], None] | None, severity: dict[str, str] | None, changed: Iterable[str] | None,
           baseline: set[str] | None, follow_links: bool = False) -> Report:
    files: dict[str, str] = {}
    items = (list(source.articles) + list(source.skipped)) if isinstance(source, Corpus) else \
        _inputs(source, published, exclude, cache, files, follow_links)
    with _no_cycle_collection():
        read = _Read(cache)
        for batch in _batches(items, jobs, cache, progress):
            read.add(batch)
        with stage("index"):
            read.keep_files(files)
        with stage("group"):  # its index and compare stretches are counted to those (``incremental``)
            found = find_conflicts(read.outlines, read.keys, read.fetch, Readings(read.readings, cache), cache)
    conflicts = _with_severity(found.conflicts, severity or {})
    in_scope, out_of_scope = _in_scope(conflicts, read.articles, changed)
    work = {"extracted": len(read.fresh), "parts": found.parts, "regrouped": found.regrouped}
    report = Report(tuple(read.articles), tuple(read.skipped), in_scope, claims=sum(o.claims for o in read.outlines),
                    events=found.events, out_of_scope=out_of_scope, work=work)
    # a baseline entry is stale only when no conflict of the whole corpus matches it (out of scope or a slot turned
    # off, it still matches one)
    return accepted.apply(report, baseline, found={c.id for c in found.conflicts})


@dataclass(frozen=True)
class Events:
    """What ``crosscheck events`` shows: every event of a corpus, agreeing or not, with the articles read."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    events: tuple[Event, ...]


def events(source: Corpus | Paths, published: dt.date | None = None, *, exclude: Iterable[str] = (),
           follow_links: bool = False) -> Events:
    """Every event of a corpus, one claim's included: the view of what its sources agree on as well as where they
    disagree. Extracted afresh (no cache): a corpus a person reads through."""
    items = (list(source.articles) + list(source.skipped)) if isinstance(source, Corpus) else \
        iter_inputs(source, published, exclude, follow_links)
    done = list(extract_all(items))
    extractions = [x for x in done if isinstance(x, Extraction)]
    return Events(tuple(x.article.without_text() for x in extractions),
                  tuple(x for x in done if isinstance(x, Skipped)), group(extractions, singletons=True))


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector walks every live object each time enough new ones were made: with a large corpus's
    hundreds of thousands of claims alive, that was most of a warm check's time, for nothing (claims make no
    cycles; reference counting frees them; a cold check's peak memory is the same with it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _with_severity(conflicts: tuple[Conflict, ...], severity: dict[str, str]) -> tuple[Conflict, ...]:
    out = []
    for c in conflicts:
        level = severity.get(c.slot, c.severity)
        if level != "off":
            out.append(c if level == c.severity else replace(c, severity=level))
    return tuple(out)


def _in_scope(conflicts: tuple[Conflict, ...], articles: list[Article],
              changed: Iterable[str] | None) -> tuple[tuple[Conflict, ...], int]:
    """Conflicts that involve a changed file (all of them when ``changed`` is None), and how many others."""
    if changed is None:
        return conflicts, 0
    wanted = {_file_key(p) for p in changed}
    paths = {a.id: _file_key(a.path) for a in articles}
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


__all__ = ["Events", "check", "default_jobs", "events", "extract", "extract_all", "extract_many", "load", "tag_article"]
