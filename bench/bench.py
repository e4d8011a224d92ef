"""Speed of extraction, of the whole check and of start-up, printed as figures and ratios (``make bench``).

Every figure is measured in this run, beside what it is compared with, because the machine's speed varies from
second to second (two runs of the same code can differ by a third); a ratio measured in one run holds better than
either figure alone. On one core, CPU time:
  - extraction against one pass of a compiled ``\\w+`` over the same texts (the least any reader of the words
    pays), on the sample articles (repeated, each copy its own article with a line of its own, so no cache keyed on
    the text serves it), on TimeBank and on ECB+ (when ../shared holds them): articles/s, words/s, and how many
    times the time of a ``\\w+`` pass extraction takes (issue 15 asks for at most 12);
  - how many patterns are compiled while extracting articles the process has not seen (the newscluster articles,
    when ../shared holds them; none should be, once each reader has been used);
  - the whole check (extract, group, compare) of the sample corpus;
  - the date tagger over the TimeBank documents;
  - start-up: ``crosscheck check`` of one small file with no cache, in a fresh process with its bytecode compiled
    (as an installed package runs), beside the interpreter's own start-up (issue 15 asks for at most 0.5 s).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
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
SHARED = ROOT.parent / "shared"
TIMEBANK = SHARED / "timex" / "timebank"
ECBPLUS = SHARED / "ecbplus"
NEWSCLUSTER = SHARED / "newscluster"
PACKAGE_ROOT = Path(crosscheck.__file__).resolve().parent.parent  # the crosscheck this bench imported

ROUNDS = 5  # each figure is the median (and best) of rounds
WORD = re.compile(r"\w+")
TARGET_TIMES_WORD_PASS = 12  # issue 15: extraction at 1/12 of one \w+ pass or faster
TARGET_STARTUP_S = 0.5  # issue 15: a check of one small file, no cache
STARTUP_RUNS = 5
STARTUP_TEXT = "Russia and NATO met in Geneva on January 10, officials said.\n"


def corpus(n: int) -> list[Article]:
    base = list(crosscheck.load([SAMPLES]).articles)
    # each copy gets a line of its own, so that no cache keyed on the text can serve it
    return [replace(a, id=f"{a.id}-{i}", text=f"{a.text}\nCopy {i}.\n")
            for i, a in ((i, base[i % len(base)]) for i in range(n))]


def timebank() -> list[Article]:
    docs = [json.loads(p.read_text()) for p in sorted(TIMEBANK.glob("*.json"))]
    return [Article(d["id"], d["id"], d["text"], published=parse_date(d["dct"])) for d in docs]


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def word_pass(texts: list[str]) -> int:
    return sum(len(WORD.findall(t)) for t in texts)


def against_word_pass(name: str, articles: list[Article], rounds: int) -> list:
    """Extraction of ``articles`` in ``rounds`` chunks, each beside a ``\\w+`` pass over the same chunk: prints
    articles/s, words/s and the ratio of the two times (median and best of the rounds); returns the extractions."""
    per_round = max(1, len(articles) // rounds)
    rates, ratios, extractions, words = [], [], [], 0
    for r in range(rounds):
        chunk = articles[r * per_round:(r + 1) * per_round]
        texts = [a.text for a in chunk]
        n_words, _, word_cpu = timed(lambda: word_pass(texts))
        done, _, cpu = timed(lambda: [extract(a) for a in chunk])
        _, _, word_cpu2 = timed(lambda: word_pass(texts))  # before and after: the machine's speed drifts
        extractions.extend(done)
        words += n_words
        rates.append((len(chunk) / cpu, n_words / cpu))
        ratios.append(cpu / ((word_cpu + word_cpu2) / 2))
    median = statistics.median(ratios)
    art_s = statistics.median(r[0] for r in rates)
    print(f"extraction, {name}: {len(extractions):,} articles ({words / len(extractions):,.0f} words each), {rounds} "
          f"rounds: {art_s:,.0f} articles/s (best {max(r[0] for r in rates):,.0f}), "
          f"{statistics.median(r[1] for r in rates):,.0f} words/s on one core; "
          f"{median:.1f}x the time of one \\w+ pass (best {min(ratios):.1f}x; target {TARGET_TIMES_WORD_PASS}x "
          f"or less: {'met' if median <= TARGET_TIMES_WORD_PASS else 'not met'})")
    return extractions


def compiles_while_extracting(articles: list[Article]) -> int:
    """Patterns compiled while extracting articles the process has not seen (the regex module's own cache of
    patterns asked for by their text counts as no compile)."""
    import re._compiler as compiler  # noqa: PLC0415 (only to count its calls)

    real, count = compiler.compile, [0]

    def counting(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    compiler.compile = counting
    try:
        for a in articles:
            extract(a)
    finally:
        compiler.compile = real
    return count[0]


def startup() -> None:
    """``crosscheck check`` of one small file, no cache, in fresh processes; bytecode compiled once beforehand into a
    folder of its own (``PYTHONDONTWRITEBYTECODE`` would have every run compile the sources again, which no
    installed package does); the compact GeoNames read from a cache folder of its own, kept after the first run."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "a.txt").write_text(STARTUP_TEXT, "utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"), XDG_CACHE_HOME=str(Path(tmp) / "cache"),
                   PYTHONPATH=os.pathsep.join([str(PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
        command = [sys.executable, "-m", "crosscheck", "check", str(folder), "--no-cache"]

        def run(cmd) -> float:
            start = time.perf_counter()
            done = subprocess.run(cmd, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  check=False)
            if done.returncode not in (0, 1):  # 1: conflicts found; anything else is no start-up worth timing
                raise SystemExit(f"bench: {' '.join(map(str, cmd))} failed ({done.returncode}): "
                                 f"{done.stderr.decode(errors='replace')[-300:]}")
            return time.perf_counter() - start

        first = run(command)  # compiles the bytecode and builds the compact GeoNames
        checks, bare = [], []
        for _ in range(STARTUP_RUNS):
            bare.append(run([sys.executable, "-c", "pass"]))
            checks.append(run(command))
        median = statistics.median(checks)
        print(f"start-up: crosscheck check of one small file, no cache: {median:.2f} s wall (best {min(checks):.2f} s, "
              f"median of {STARTUP_RUNS}; the first run, which compiles the bytecode and keeps the compact GeoNames, "
              f"{first:.2f} s); the interpreter alone {statistics.median(bare):.2f} s; target {TARGET_STARTUP_S} s: "
              f"{'met' if median <= TARGET_STARTUP_S else 'not met'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="articles in the synthetic corpus of the samples")
    args = ap.parse_args()
    startup()
    articles = corpus(args.n)
    extract(articles[0])  # load the lexicons and the gazetteer once, outside the timing
    extractions = against_word_pass("sample articles", articles, ROUNDS)
    tb = timebank() if TIMEBANK.is_dir() else []
    if tb:
        against_word_pass("TimeBank", tb, ROUNDS)
    ecb = list(crosscheck.load([ECBPLUS]).articles) if ECBPLUS.is_dir() else []
    if ecb:
        against_word_pass("ECB+", ecb, ROUNDS)
    unseen = list(crosscheck.load([NEWSCLUSTER]).articles) if NEWSCLUSTER.is_dir() else ecb[:200]
    if unseen:
        first = compiles_while_extracting(unseen)
        again = compiles_while_extracting([replace(a, text=f"{a.text}\nOnce more.\n") for a in unseen])
        print(f"patterns compiled while extracting {len(unseen)} articles not seen before: {first} (phrasings "
              f"compiled when first met, once a process); the same articles again, each text changed: {again}")
    claims = sum(len(x.claims) for x in extractions)
    (events, conflicts), _, cpu = timed(lambda: (lambda ev: (ev, compare(ev, extractions)))(group(extractions)))
    print(f"group + compare: {claims:,} claims, {len(events):,} events, {len(conflicts):,} conflicts "
          f"in {cpu:.2f} s CPU")
    _, wall, cpu = timed(lambda: _check(articles))
    print(f"whole check: {args.n} articles in {wall:.2f} s wall, {cpu:.2f} s CPU: {args.n / cpu:,.0f} articles/s "
          f"on one core")
    if tb:
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
