"""The check on a Dask cluster (``pip install crosscheck[dask]``): extraction spread over the workers.

Extraction is nearly all of the work and needs nothing but one article, so it maps over a Dask bag
of articles; what comes back is claims, small beside the texts, and grouping and comparing run on
the client exactly as ``crosscheck.check`` runs them. A user with a cluster passes its client (or
nothing, for Dask's local scheduler); no scheduler of our own.

    from dask.distributed import Client
    from crosscheck.distributed import check_on_dask
    report = check_on_dask(["archive/"], partitions=64)
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from crosscheck.ci import baseline as accepted
from crosscheck.store.incremental import find_in
from crosscheck.ingest import iter_inputs
from crosscheck.lexicon import user_lexicon_paths
from crosscheck.model import Article, Extraction, Report, Skipped
from crosscheck.pipeline import extract_lean, start_worker


def check_on_dask(paths: Iterable[str], published: dt.date | None = None, partitions: int = 16,
                  baseline: set[str] | None = None) -> Report:
    """``crosscheck.check`` with extraction on Dask's workers (the current scheduler or client)."""
    import dask.bag as db

    items = list(iter_inputs(paths, published))
    skipped = [i for i in items if isinstance(i, Skipped)]
    articles = [i for i in items if isinstance(i, Article)]
    lexicons = user_lexicon_paths()
    bag = db.from_sequence(articles, npartitions=max(1, min(partitions, len(articles))))
    results = bag.map_partitions(_extract_partition, lexicons).compute()
    extractions = [x for x in results if isinstance(x, Extraction)]
    skipped += [x for x in results if isinstance(x, Skipped)]
    found = find_in(extractions)
    report = Report(tuple(x.article for x in extractions), tuple(skipped), found.conflicts,
                    claims=sum(len(x.claims) for x in extractions), events=found.events)
    return accepted.apply(report, baseline)


def _extract_partition(articles: list[Article], lexicons: tuple[str, ...]) -> list[Extraction | Skipped]:
    start_worker(lexicons)  # a worker reads the same words as the client
    return [extract_lean(a) for a in articles]
