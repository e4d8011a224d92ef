"""Speed of extraction and of the whole check, printed as figures (``make bench``).

Builds a corpus of N articles from the sample articles (repeated, each copy its
own article), then times, on one core:
  - extraction alone (articles/s),
  - the whole check: extract, group, compare (articles/s),
  - the date tagger over the TimeBank documents in ../shared, if present (CPU seconds).
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

import crosscheck
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.group import group
from crosscheck.ingest import parse_date
from crosscheck.model import Article
from crosscheck.timex import tag_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TIMEBANK = ROOT.parent / "shared" / "timex" / "timebank"


def corpus(n: int) -> list[Article]:
    base = list(crosscheck.load([SAMPLES]).articles)
    return [replace(base[i % len(base)], id=f"{base[i % len(base)].id}-{i}") for i in range(n)]


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="articles in the synthetic corpus")
    args = ap.parse_args()
    articles = corpus(args.n)
    words = sum(len(a.text.split()) for a in articles)
    extract(articles[0])  # load the lexicons and the gazetteer once, outside the timing
    extractions, wall, cpu = timed(lambda: [extract(a) for a in articles])
    print(f"extraction: {args.n} articles ({words:,} words) in {wall:.2f} s wall, {cpu:.2f} s CPU: "
          f"{args.n / cpu:,.0f} articles/s on one core")
    claims = sum(len(x.claims) for x in extractions)
    (events, conflicts), wall, cpu = timed(lambda: (lambda ev: (ev, compare(ev, extractions)))(group(extractions)))
    print(f"group + compare: {claims:,} claims, {len(events):,} events, {len(conflicts):,} conflicts in {cpu:.2f} s CPU")
    _, wall, cpu = timed(lambda: _check(articles))
    print(f"whole check: {args.n} articles in {wall:.2f} s wall, {cpu:.2f} s CPU: {args.n / cpu:,.0f} articles/s on one core")
    if TIMEBANK.is_dir():
        docs = [json.loads(p.read_text()) for p in sorted(TIMEBANK.glob("*.json"))]
        tb = [Article(d["id"], d["id"], d["text"], published=parse_date(d["dct"])) for d in docs]
        tb_words = sum(len(a.text.split()) for a in tb)
        found, wall, cpu = timed(lambda: [e for a in tb for e in tag_article(a)])
        print(f"date tagging: {len(tb)} TimeBank documents ({tb_words:,} words), {len(found):,} expressions "
              f"in {cpu:.2f} s CPU ({tb_words / cpu:,.0f} words/s)")


def _check(articles: list[Article]):
    extractions = [extract(a) for a in articles]
    events = group(extractions)
    return compare(events, extractions)


if __name__ == "__main__":
    main()
