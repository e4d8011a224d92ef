"""Speed of extraction and of the whole check, printed as figures (``make bench``).

Builds a corpus of N articles from the sample articles (repeated, each copy its
own article with a line of its own, so no cache keyed on the text serves it),
then times, on one core:
  - extraction alone (articles/s, median and best of rounds),
  - the whole check: extract, group, compare (articles/s),
  - the date tagger over the TimeBank documents in ../shared, if present (CPU seconds).
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from pathlib import Path

import crosscheck
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.group import group
from crosscheck.ingest import parse_date
from crosscheck.model import Article
from crosscheck.extract.dates import tag_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TIMEBANK = ROOT.parent / "shared" / "timex" / "timebank"


def corpus(n: int) -> list[Article]:
    base = list(crosscheck.load([SAMPLES]).articles)
    # each copy gets a line of its own, so that no cache keyed on the text can serve it
    return [replace(a, id=f"{a.id}-{i}", text=f"{a.text}\nCopy {i}.\n")
            for i, a in ((i, base[i % len(base)]) for i in range(n))]


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


ROUNDS = 5  # the machine's speed varies from second to second; each figure is shown as median (best) of rounds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="articles in the synthetic corpus")
    args = ap.parse_args()
    articles = corpus(args.n)
    words = sum(len(a.text.split()) for a in articles)
    extract(articles[0])  # load the lexicons and the gazetteer once, outside the timing
    per_round = max(1, args.n // ROUNDS)
    rates, extractions = [], []
    for r in range(ROUNDS):
        chunk = articles[r * per_round:(r + 1) * per_round]
        done, _, cpu = timed(lambda: [extract(a) for a in chunk])
        extractions.extend(done)
        rates.append(len(chunk) / cpu)
    print(f"extraction: {len(extractions)} articles ({words:,} words), {ROUNDS} rounds: "
          f"{statistics.median(rates):,.0f} (best {max(rates):,.0f}) articles/s on one core")
    claims = sum(len(x.claims) for x in extractions)
    (events, conflicts), _, cpu = timed(lambda: (lambda ev: (ev, compare(ev, extractions)))(group(extractions)))
    print(f"group + compare: {claims:,} claims, {len(events):,} events, {len(conflicts):,} conflicts "
          f"in {cpu:.2f} s CPU")
    _, wall, cpu = timed(lambda: _check(articles))
    print(f"whole check: {args.n} articles in {wall:.2f} s wall, {cpu:.2f} s CPU: {args.n / cpu:,.0f} articles/s "
          f"on one core")
    if TIMEBANK.is_dir():
        docs = [json.loads(p.read_text()) for p in sorted(TIMEBANK.glob("*.json"))]
        tb = [Article(d["id"], d["id"], d["text"], published=parse_date(d["dct"])) for d in docs]
        tb_words = sum(len(a.text.split()) for a in tb)
        cpus = []
        for _ in range(ROUNDS):
            found, _, cpu = timed(lambda: [e for a in tb for e in tag_article(a)])
            cpus.append(cpu)
        print(f"date tagging: {len(tb)} TimeBank documents ({tb_words:,} words), {len(found):,} expressions in "
              f"{statistics.median(cpus):.2f} s CPU (best {min(cpus):.2f} s; "
              f"{tb_words / statistics.median(cpus):,.0f} words/s)")


def _check(articles: list[Article]):
    extractions = [extract(a) for a in articles]
    events = group(extractions)
    return compare(events, extractions)


if __name__ == "__main__":
    main()
