"""How the whole check scales with the corpus: time, memory and accuracy at 1,000 to 100,000 articles.

``bench/bench.py`` times the stages on one core over copies of the samples; this script asks what a
user with a large corpus sees. For each size N it writes a synthetic JSONL corpus and runs the CLI
cold in a subprocess (``crosscheck check CORPUS --format json``, plus ``--jobs`` and a fresh
``--cache-dir`` when ``crosscheck check --help`` offers them), and prints:

  - wall seconds and articles/s, and the growth from one size to the next against N and N log N,
    so a reader sees whether grouping and comparing stay near-linear as events pile up;
  - the peak memory of the crosscheck process tree (the sampled sum of the resident sets of the
    process and its workers, or the kernel's high-water mark of its largest process if higher;
    pages forked workers share count once per process, so with workers it is an upper bound);
  - how many planted conflicts were found, and how many other conflicts were reported: every other
    conflict is a false alarm, since stories were built not to disagree;
  - extraction alone on one core (in-process, ``extract`` over the first 2,000 articles of the smallest
    corpus, CPU time);
  - with ``--cache-dir``: a warm re-check after one article's date changed, which must be fast and
    must report the conflict that change makes;
  - with ``--timings`` (``crosscheck check --timings FILE``): the seconds of each stage (ingest, extract, index,
    group, compare, report) at each size, and each stage's growth from one size to the next, so that a stage that
    grows faster than N log N shows which one it is.

``make bench`` runs it at 1,000, 10,000 and 100,000 articles; ``make bench-large`` at 10,000, 100,000 and 300,000
(slow: several minutes; not part of ``make bench``).

The corpus is made of real sentences. A story is one meeting between two parties (countries and
bodies the tool knows) in a city on a day, told by 3-6 articles; each article opens with an event
sentence modelled on the Geneva 2022 samples ("After Geneva, Russia will hold talks with NATO in
Brussels on January 12.") and mixes in more event sentences and neutral filler: ECB+ sentences, taken
verbatim, in which crosscheck itself finds no claim, no date and no titled person. No two stories of
one pair of parties share a city or a day of the year (nor the day after it), so stories never merge.
In one story in PLANT_EVERY one article gives the next day: that conflict, and only it, must be
reported. Articles are published 2-9 days before the event, so "on 12 January" resolves to the year
of the event. Everything is drawn from ``random.Random(--seed)``: the same seed gives the same corpora
(as long as crosscheck finds the same ECB+ sentences neutral).
"""
from __future__ import annotations

import argparse
from collections import Counter
import datetime as dt
import itertools
import json
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from crosscheck.extract import extract
from crosscheck.ingest import load
from crosscheck.model import Article

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = ROOT.parent / "shared" / "ecbplus"

DEFAULT_SIZES = (1_000, 10_000, 100_000)
LARGE_SIZES = (10_000, 100_000, 300_000)  # make bench-large
STAGE_MIN_SECONDS = 0.5  # a stage's growth is told only where it takes this long at the larger size: below, noise
QUICK_SIZES = (1_000, 5_000)
STARTUP_ARTICLES = 3  # a corpus this small measures what every run pays before its first article
ROUNDS = 5  # extraction speed varies from second to second: the median of rounds is shown
EXTRACTION_SAMPLE = 2_000  # articles timed for extraction alone: enough for a steady rate, in seconds not minutes
SAMPLE_SECONDS = 0.05  # how often the process tree's memory is read
SHARD_ARTICLES = 20_000  # about 20 MB a file: a corpus spread over files, as archives are
EXIT_RAN = (0, 1)  # crosscheck check: 0 no conflict, 1 conflicts found; anything else means it could not run

ARTICLES_PER_STORY = (3, 6)
EXTRA_EVENT_SENTENCES = (0, 2)  # after the opening one
FILLER_SENTENCES = (4, 9)
SENTENCES_PER_PARAGRAPH = (1, 3)
FILLER_WORDS = (6, 40)  # shorter ECB+ lines are headlines and captions, longer ones run-ons
# A whole sentence, not a headline or a fragment. Not one opening with ECB+'s `` (its tokens re-joined):
# crosscheck ends no sentence before it, so the line would run on from the event sentence before it.
FILLER_SHAPE = re.compile(r"^[A-Z\"'‘“].*[.!?]['\"’”]*$")

PLANT_EVERY = 50  # one story in this many has an article that gives the next day
PUBLISHED_DAYS_BEFORE = (2, 9)
EVENT_YEARS = range(2015, 2024)
DAY_SLOT_YEAR = 2021  # not a leap year: a story's day is a day of this year, its next day is kept free
DAY_SLOTS = range(0, 364, 2)  # every other day, so the day after a story's day belongs to no other story

PARTIES = (
    "Russia", "the United States", "NATO", "China", "France", "Germany", "Japan", "India", "Brazil", "Turkey",
    "Iran", "the European Union", "the OSCE", "the United Nations", "Ukraine", "Poland", "Canada", "Mexico",
    "Egypt", "Israel", "South Korea", "Australia", "Italy", "Spain", "Sweden", "Norway", "Finland", "Greece",
    "Argentina", "Chile", "Nigeria", "Kenya", "South Africa", "Indonesia", "Vietnam", "Pakistan", "Saudi Arabia",
    "Qatar", "the African Union", "ASEAN", "the Council of Europe", "the IAEA", "the World Bank", "the IMF",
    "Morocco", "Portugal", "Austria", "Jordan", "Algeria", "Colombia", "Peru", "Thailand", "Malaysia",
    "the Philippines", "New Zealand", "Denmark", "the Netherlands", "Belgium", "Ireland", "Hungary", "Romania",
    "Kazakhstan", "Azerbaijan", "Armenia", "Serbia", "Ethiopia", "Ghana", "Senegal", "Cuba", "the Arab League",
)
CITIES = (  # each one the gazetteer finds in "... in CITY on January 12"
    "Geneva", "Vienna", "Brussels", "Paris", "Berlin", "Tokyo", "Ankara", "Cairo", "Ottawa", "Warsaw", "Madrid",
    "Rome", "Oslo", "Helsinki", "Stockholm", "Lisbon", "Athens", "Prague", "Budapest", "Copenhagen", "Dublin",
    "Amsterdam", "Bern", "Ljubljana", "Zagreb", "Bucharest", "Sofia", "Riga", "Tallinn", "Vilnius", "Nairobi",
    "Addis Ababa", "Rabat", "Tunis", "Doha", "Riyadh", "Muscat", "Amman", "Baku", "Astana", "Tashkent",
    "New Delhi", "Bangkok", "Jakarta", "Manila", "Hanoi", "Seoul", "Canberra", "Wellington", "Santiago", "Lima",
    "Bogota", "Brasilia", "Buenos Aires", "Montevideo", "Havana", "Singapore", "Kuala Lumpur", "Istanbul",
    "Dubai", "Abu Dhabi", "Beijing", "Moscow", "Washington", "London", "Kyiv", "Minsk", "Belgrade", "Sarajevo",
    "Skopje", "Tirana", "Valletta", "Luxembourg", "Monaco", "Tbilisi", "Yerevan", "Dakar", "Accra", "Abuja",
    "Kinshasa", "Luanda", "Harare", "Lusaka", "Kampala", "Kigali", "Pretoria", "Cape Town", "Mumbai", "Osaka",
    "Shanghai", "Sydney", "Toronto", "Montreal", "New York", "Chicago", "Munich", "Milan", "Barcelona",
    "Marseille", "Lyon", "Hamburg", "Frankfurt", "Salzburg", "Krakow", "Porto", "Seville", "Naples", "Venice",
    "Edinburgh", "Manchester", "Rotterdam", "Antwerp", "Gothenburg", "Bergen",
)

# Event sentences, after the Geneva 2022 samples. The opening sentence of an article names the
# parties, the city and the day; the others may leave out the city or the day.
FULL_TEMPLATES = (
    "{A} will hold talks with {B} in {city} on {date}.",
    "After weeks of preparation, {A} will hold talks with {B} in {city} on {date}.",
    "Talks between {A} and {B} are scheduled to take place in {city} on {date}.",
    "{A} and {B} will meet in {city} on {date}, officials said.",
    "{A} and {B} will meet in {city} on {date} to discuss security guarantees.",
    "{A} and {B} will hold discussions in {city} on {date} in the shape of an interagency delegation, "
    "according to plans.",
    "The first round of negotiations between {A} and {B} will be held in {city} on {date}.",
    "Negotiations between {A} and {B} are scheduled to take place in {city} on {date}, a spokesperson said.",
    "A spokesperson confirmed that the talks between {A} and {B} will be held in {city} on {date}.",
    "{A} will attend a meeting with {B} in {city} on {date}.",
    "The consultations between {A} and {B} in {city} on {date} will focus on security guarantees.",
)
PARTIAL_TEMPLATES = (
    "{A} and {B} have agreed to meet in {city} for security talks.",
    "{A} and {B} will meet in {city} to discuss security guarantees.",
    "The talks between {A} and {B} in {city} will be the first in months.",
    "Negotiations between {A} and {B} will begin on {date}, a spokesperson told reporters.",
    "A spokesperson said that the talks between {A} and {B} are scheduled for {date}.",
)
DATE_FORMATS = ("{month} {day}", "{day} {month}", "{month} {ordinal}")


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Story:
    """One meeting: who, where and when, the same in every article unless planted."""

    id: int
    a: str
    b: str
    city: str
    day: dt.date


@dataclass(frozen=True)
class EventSentence:
    template: str
    date_format: str
    swapped: bool  # B named first


@dataclass(frozen=True)
class Draft:
    """One article before rendering: its sentences are kept so that it can be told again with another day."""

    id: str
    story: Story
    published: dt.date
    day: dt.date  # the day its event sentences give
    paragraphs: tuple[tuple[EventSentence | str, ...], ...]  # a str is a filler sentence

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(self._sentence(s) for s in p) for p in self.paragraphs)

    def record(self) -> str:
        return json.dumps({"id": self.id, "text": self.text, "published": self.published.isoformat()},
                          ensure_ascii=False)

    def _sentence(self, s: EventSentence | str) -> str:
        if isinstance(s, str):
            return s
        a, b = (self.story.b, self.story.a) if s.swapped else (self.story.a, self.story.b)
        out = s.template.format(A=a, B=b, city=self.story.city, date=_date_text(self.day, s.date_format))
        return out[0].upper() + out[1:]


@dataclass
class Corpus:
    files: list[Path]  # SHARD_ARTICLES articles a file
    drafts: list[Draft]  # in file order

    @property
    def stories(self) -> int:
        return len({d.story.id for d in self.drafts})

    def planted(self) -> dict[int, str]:
        """Story id -> the article that gives another day."""
        return {d.story.id: d.id for d in self.drafts if d.day != d.story.day}


def _date_text(day: dt.date, form: str) -> str:
    suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return form.format(month=day.strftime("%B"), day=day.day, ordinal=f"{day.day}{suffix}")


def filler_sentences(folder: Path = ECBPLUS) -> list[str]:
    """ECB+ lines in which crosscheck finds no claim, date or titled person: filler must not make or move an event."""
    files = sorted(folder.glob("*/*.txt"))
    if not files:
        sys.exit(f"scale.py: no ECB+ documents under {folder}: the filler sentences come from there")
    found: set[str] = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        x = extract(Article(path.name, str(path), text))
        busy = [(c.sentence.start, c.sentence.end) for c in x.claims] + [(d.start, d.end) for d in x.dates] + \
               [(p.span.start, p.span.end) for p in x.people]
        start = 0
        for line in text.splitlines(keepends=True):
            end = start + len(line)
            if _neutral_shape(line.strip()) and not any(s < end and e > start for s, e in busy):
                found.add(line.strip())
            start = end
    return sorted(found)


def _neutral_shape(line: str) -> bool:
    """A whole sentence of ordinary length, without figures, not ending on a name."""
    words = line.split()
    return (FILLER_WORDS[0] <= len(words) <= FILLER_WORDS[1] and FILLER_SHAPE.match(line) is not None
            and not any(ch.isdigit() for ch in line))


class Slots:
    """Hands out (parties, city, day) so that no two stories of one pair share a city or a day."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.pairs = list(itertools.combinations(PARTIES, 2))
        self.free: dict[tuple[str, str], tuple[list[str], list[int]]] = {}

    def take(self) -> tuple[str, str, str, dt.date]:
        while True:
            pair = self.rng.choice(self.pairs)
            if pair not in self.free:
                self.free[pair] = (self.rng.sample(CITIES, len(CITIES)), self.rng.sample(DAY_SLOTS, len(DAY_SLOTS)))
            cities, days = self.free[pair]
            if cities and days:
                break
        slot = dt.date(DAY_SLOT_YEAR, 1, 1) + dt.timedelta(days=days.pop())
        return pair[0], pair[1], cities.pop(), dt.date(self.rng.choice(EVENT_YEARS), slot.month, slot.day)


def build(n: int, fillers: list[str], seed: int) -> list[Draft]:
    """N articles in shuffled order, in stories of 3-6, every PLANT_EVERY-th story with a conflicting day."""
    rng = random.Random(f"{seed}:{n}")
    slots = Slots(rng)
    drafts: list[Draft] = []
    for story_id in itertools.count():
        if len(drafts) >= n:
            break
        size = min(rng.randint(*ARTICLES_PER_STORY), n - len(drafts))
        a, b, city, day = slots.take()
        planted = story_id % PLANT_EVERY == PLANT_EVERY // 2 and size >= ARTICLES_PER_STORY[0]
        story = Story(story_id, a, b, city, day)
        odd = rng.randrange(size) if planted else -1
        drafts.extend(_draft(story, f"s{story_id:06d}-{k}", day + dt.timedelta(days=k == odd), fillers, rng)
                      for k in range(size))
    rng.shuffle(drafts)
    return drafts


def _draft(story: Story, ident: str, day: dt.date, fillers: list[str], rng: random.Random) -> Draft:
    def event(templates: tuple[str, ...]) -> EventSentence:
        return EventSentence(rng.choice(templates), rng.choice(DATE_FORMATS), rng.random() < 0.5)

    lead = event(FULL_TEMPLATES)
    rest: list[EventSentence | str] = [event(FULL_TEMPLATES + PARTIAL_TEMPLATES)
                                       for _ in range(rng.randint(*EXTRA_EVENT_SENTENCES))]
    rest += rng.sample(fillers, rng.randint(*FILLER_SENTENCES))
    rng.shuffle(rest)
    sentences = [lead, *rest]
    paragraphs = []
    while sentences:
        take = rng.randint(*SENTENCES_PER_PARAGRAPH)
        paragraphs.append(tuple(sentences[:take]))
        sentences = sentences[take:]
    published = story.day - dt.timedelta(days=rng.randint(*PUBLISHED_DAYS_BEFORE))
    return Draft(ident, story, published, day, tuple(paragraphs))


def write(drafts: list[Draft], folder: Path, name: str) -> Corpus:
    """NAME.jsonl, or NAME.1.jsonl, NAME.2.jsonl, ... when the articles fill more than one file."""
    shards = [drafts[i:i + SHARD_ARTICLES] for i in range(0, len(drafts), SHARD_ARTICLES)]
    files = [folder / (f"{name}.jsonl" if len(shards) == 1 else f"{name}.{k}.jsonl") for k in range(1, len(shards) + 1)]
    for path, shard in zip(files, shards):
        path.write_text("".join(d.record() + "\n" for d in shard), encoding="utf-8")
    return Corpus(files, drafts)


# ---------------------------------------------------------------- running the CLI


@dataclass(frozen=True)
class Run:
    wall: float
    peak_bytes: int
    report: dict
    stages: dict[str, float] | None = None  # seconds per stage, where crosscheck check has --timings


def cli_options() -> set[str]:
    """Which of --jobs, --cache-dir and --timings this crosscheck's check command has (they are newer than the
    rest)."""
    help_text = subprocess.run(_crosscheck() + ["check", "--help"], capture_output=True, text=True, check=True).stdout
    return {opt for opt in ("--jobs", "--cache-dir", "--timings") if re.search(rf"(?<![\w-]){opt}\b", help_text)}


def _crosscheck() -> list[str]:
    script = Path(sys.executable).with_name("crosscheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crosscheck"]


def check(files: list[Path], out: Path, options: set[str], jobs: int, cache: Path) -> Run:
    """One run of the CLI, timed, its process tree's memory watched; cold unless ``cache`` was filled before.

    It runs in the corpus's folder, so that the settings of no crosscheck.toml or pyproject.toml apply.
    """
    cmd = _crosscheck() + ["check", *map(str, files), "--format", "json"]
    if "--jobs" in options:
        cmd += ["--jobs", str(jobs)]
    if "--cache-dir" in options:
        cmd += ["--cache-dir", str(cache)]
    timings = out.with_suffix(".timings.json")
    if "--timings" in options:
        cmd += ["--timings", str(timings)]
    err = out.with_suffix(".stderr")
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, cwd=files[0].parent)
        watcher = TreeMemory(child.pid)
        _, status, usage = os.wait4(child.pid, 0)  # wait4, not Popen.wait: it gives the tree's largest process
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    sampled = watcher.stop()
    if child.returncode not in EXIT_RAN:
        tail = err.read_text(errors="replace").strip().splitlines()[-20:]
        sys.exit(f"scale.py: {' '.join(cmd)} exited with {child.returncode}:\n" + "\n".join(tail))
    report = json.loads(out.read_text(encoding="utf-8"))
    if report["skipped"]:  # every figure would be off: say why rather than print them
        sys.exit(f"scale.py: crosscheck skipped {len(report['skipped'])} input(s): {report['skipped'][0]}")
    stages = json.loads(timings.read_text(encoding="utf-8"))["stages"] if "--timings" in options else None
    return Run(wall, max(sampled, usage.ru_maxrss * 1024), report, stages)


class TreeMemory:
    """The largest sum of resident sets seen over a process and its descendants (worker pools included)."""

    PAGE = os.sysconf("SC_PAGE_SIZE")

    def __init__(self, pid: int):
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak

    def _watch(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree()))

    def _tree(self) -> list[int]:
        """The process and its descendants, through /proc/PID/task/TID/children where the kernel has it."""
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    todo += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
            except (FileNotFoundError, ProcessLookupError):  # it ended, or the kernel lacks children files
                continue
        return tree

    def _rss(self, pid: int) -> int:
        try:
            return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self.PAGE
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return 0


# ---------------------------------------------------------------- scoring and figures


@dataclass(frozen=True)
class Score:
    found: int
    planted: int
    other: int


def score(report: dict, corpus: Corpus) -> Score:
    """A planted story is found when a date conflict sets its odd article against the others of the story."""
    story_of = {d.id: d.story.id for d in corpus.drafts}
    planted = corpus.planted()
    found: set[int] = set()
    other = 0
    for conflict in report["conflicts"]:
        groups = [{c["article"] for c in v["claims"]} for v in conflict["values"]]
        stories = {story_of.get(a) for g in groups for a in g}
        story = stories.pop() if len(stories) == 1 else None
        odd = planted.get(story)
        hit = conflict["slot"] == "when" and odd is not None and story not in found and any(
            odd in g and any(h - {odd} for h in groups[:i] + groups[i + 1:]) for i, g in enumerate(groups))
        if hit:
            found.add(story)
        else:
            other += 1
    return Score(len(found), len(planted), other)


def growth(rows: list[tuple[int, float]]) -> list[str]:
    """Time ratio between consecutive sizes against the N and N log N ratios, and the fitted exponent."""
    lines = []
    for (n1, t1), (n2, t2) in zip(rows, rows[1:]):
        n_ratio, t_ratio = n2 / n1, t2 / t1
        nlogn_ratio = n2 * math.log(n2) / (n1 * math.log(n1))
        verdict = "no faster than N log N" if t_ratio <= nlogn_ratio else "FASTER than N log N"
        lines.append(f"  {n1:>7,} -> {n2:>7,}: N x{n_ratio:.1f}, time x{t_ratio:.2f} (N log N x{nlogn_ratio:.2f}), "
                     f"time ~ N^{math.log(t_ratio) / math.log(n_ratio):.2f}: {verdict}")
    return lines


def stage_table(runs: list[tuple[int, Run]]) -> list[str]:
    """Seconds per stage at each size, the start-up and what no stage holds as "other"."""
    names = list(runs[0][1].stages)
    lines = [f"{'articles':>9} " + " ".join(f"{name:>8}" for name in names) + f" {'other':>8} {'wall':>8}"]
    for n, run in runs:
        other = run.wall - sum(run.stages.values())
        lines.append(f"{n:>9,} " + " ".join(f"{run.stages[name]:>8.2f}" for name in names)
                     + f" {other:>8.2f} {run.wall:>8.2f}")
    return lines


def stage_growth(runs: list[tuple[int, Run]]) -> list[str]:
    """Each stage's growth between consecutive sizes: the exponent k of time ~ N^k, against N log N."""
    lines = []
    for name in runs[0][1].stages:
        parts = []
        for (n1, r1), (n2, r2) in zip(runs, runs[1:]):
            t1, t2 = r1.stages[name], r2.stages[name]
            if t2 < STAGE_MIN_SECONDS or t1 <= 0:
                parts.append(f"{n1:,}->{n2:,} too small to tell ({t2:.2f} s)")
                continue
            nlogn = n2 * math.log(n2) / (n1 * math.log(n1))
            verdict = "within N log N" if t2 / t1 <= nlogn else "FASTER than N log N"
            parts.append(f"{n1:,}->{n2:,} N^{math.log(t2 / t1) / math.log(n2 / n1):.2f} ({verdict})")
        lines.append(f"  {name:<8} " + "; ".join(parts))
    return lines


def extraction_rate(files: list[Path]) -> tuple[int, list[float]]:
    """Articles per CPU second for extraction alone, in this process, over ROUNDS passes of the corpus's first
    EXTRACTION_SAMPLE articles."""
    articles = load(files).articles[:EXTRACTION_SAMPLE]
    extract(articles[0])  # the lexicons and the gazetteer load once, outside the timing
    rates = []
    for _ in range(ROUNDS):
        start = time.process_time()
        for article in articles:
            extract(article)
        rates.append(len(articles) / (time.process_time() - start))
    return len(articles), rates


def change_one(corpus: Corpus) -> tuple[Corpus, str]:
    """The corpus with one article of an unplanted story moved to the next day: a new conflict, one changed line."""
    planted = corpus.planted()
    sizes = Counter(d.story.id for d in corpus.drafts)
    index = next(i for i, d in enumerate(corpus.drafts)
                 if d.story.id not in planted and sizes[d.story.id] >= ARTICLES_PER_STORY[0])
    target = corpus.drafts[index]
    changed = replace(target, day=target.day + dt.timedelta(days=1))
    path = corpus.files[index // SHARD_ARTICLES]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[index % SHARD_ARTICLES] = changed.record() + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return Corpus(corpus.files, corpus.drafts[:index] + [changed] + corpus.drafts[index + 1:]), changed.id


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES,
                    help=f"corpus sizes, comma-separated (default: {','.join(map(str, DEFAULT_SIZES))})")
    ap.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))}: a smoke run")
    ap.add_argument("--large", action="store_true", help=f"sizes {','.join(map(str, LARGE_SIZES))}, the warm re-check "
                    f"at the smallest (make bench-large; slow)")
    ap.add_argument("--jobs", type=_positive, default=os.cpu_count(), help="--jobs for crosscheck, if it has it "
                    "(default: %(default)s)")
    ap.add_argument("--recheck-size", type=_size, default=None,
                    help="corpus of the warm re-check (default: the largest size)")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="write corpora, reports and caches here and keep them")
    ap.add_argument("--seed", type=int, default=1, help="the corpora are a function of the seed (default: 1)")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes = QUICK_SIZES
    if args.large:
        args.sizes = LARGE_SIZES
        args.recheck_size = args.recheck_size or min(LARGE_SIZES)
    if args.recheck_size is None:
        args.recheck_size = max(args.sizes)
    return args


def _sizes(text: str) -> tuple[int, ...]:
    sizes = tuple(sorted({_size(s) for s in text.split(",") if s.strip()}))
    if not sizes:
        raise argparse.ArgumentTypeError("no size given")
    return sizes


def _size(text: str) -> int:
    """A corpus size: large enough for a whole story, so that the re-check has one to change."""
    n = _positive(text)
    if n < ARTICLES_PER_STORY[1]:
        raise argparse.ArgumentTypeError(f"a corpus has at least {ARTICLES_PER_STORY[1]} articles, not {n}")
    return n


def _positive(text: str) -> int:
    try:
        n = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    options = cli_options()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args, options, args.keep.resolve())
        return
    with tempfile.TemporaryDirectory(prefix="crosscheck-scale-") as tmp:
        run(args, options, Path(tmp))


def run(args: argparse.Namespace, options: set[str], work: Path) -> None:
    flags = ", ".join(f"{o} {'yes' if o in options else 'absent'}" for o in ("--jobs", "--cache-dir", "--timings"))
    print(f"crosscheck scale: sizes {','.join(map(str, args.sizes))}, seed {args.seed}, jobs {args.jobs} "
          f"({flags}), {os.cpu_count()} CPUs, Python {platform.python_version()}", flush=True)
    fillers = filler_sentences()
    startup = check(write(build(STARTUP_ARTICLES, fillers, args.seed), work, "startup").files,
                    work / "startup.json", options, args.jobs, work / "cache-startup")
    print(f"start-up: {startup.wall:.2f} s wall, {startup.peak_bytes / 2**20:.0f} MiB for {STARTUP_ARTICLES} "
          f"articles; {len(fillers):,} neutral ECB+ filler sentences", flush=True)
    print(f"{'articles':>9} {'stories':>8} {'words/art':>9} {'wall s':>8} {'articles/s':>10} {'peak MiB':>9} "
          f"{'planted found':>13} {'other conflicts':>15}", flush=True)
    timings, smallest, rechecked, runs = [], None, None, []
    for n in sorted(set(args.sizes) | {args.recheck_size}):
        corpus = write(build(n, fillers, args.seed), work, f"corpus-{n}")
        cold = check(corpus.files, work / f"report-{n}.json", options, args.jobs, work / f"cache-{n}")
        if n == args.recheck_size:
            rechecked = corpus, cold
        if n == min(args.sizes):
            smallest = corpus.files
        if n in args.sizes:  # else built and run cold only to be re-checked warm
            timings.append((n, cold.wall))
            runs.append((n, cold))
            print(_row(corpus, cold), flush=True)
    if len(timings) > 1:
        print("growth (wall time, start-up included):")
        print("\n".join(growth(timings)), flush=True)
    if runs and runs[0][1].stages is not None:
        print("stages, cold (wall seconds; other: start-up, settings and what no stage holds):")
        print("\n".join(stage_table(runs)), flush=True)
        if len(runs) > 1:
            print(f"growth by stage (time ~ N^k; told where a stage takes {STAGE_MIN_SECONDS} s or more):")
            print("\n".join(stage_growth(runs)), flush=True)
    count, rates = extraction_rate(smallest)
    print(f"extraction alone, one core: {count:,} articles x {ROUNDS} rounds: median "
          f"{statistics.median(rates):,.0f} articles/s (best {max(rates):,.0f}; CPU time, in-process)", flush=True)
    recheck(*rechecked, options, args.jobs, work)


def _row(corpus: Corpus, cold: Run) -> str:
    n = len(corpus.drafts)
    s = score(cold.report, corpus)
    words = sum(len(d.text.split()) for d in corpus.drafts) / n
    return (f"{n:>9,} {corpus.stories:>8,} {words:>9.0f} {cold.wall:>8.2f} {n / cold.wall:>10,.0f} "
            f"{cold.peak_bytes / 2**20:>9.0f} {f'{s.found}/{s.planted}':>13} {s.other:>15}")


def recheck(corpus: Corpus, cold: Run, options: set[str], jobs: int, work: Path) -> None:
    """Re-run with the cold run's cache after one article changed: only that article should be extracted again."""
    if "--cache-dir" not in options:
        print("warm re-check: skipped, crosscheck check has no --cache-dir")
        return
    n = len(corpus.drafts)
    changed, article = change_one(corpus)
    warm = check(changed.files, work / f"report-{n}-warm.json", options, jobs, work / f"cache-{n}")
    s = score(warm.report, changed)
    seen = any(article in {c["article"] for v in x["values"] for c in v["claims"]} for x in warm.report["conflicts"])
    work = warm.report["summary"].get("work")  # what the cache spared, where crosscheck reports it
    redone = f"; extracted {work['extracted']:,}, regrouped {work['regrouped']:,} of {work['parts']:,} parts" \
        if work else ""
    print(f"warm re-check: {n:,} articles, 1 changed ({article}): {warm.wall:.2f} s wall (cold {cold.wall:.2f} s), "
          f"{warm.peak_bytes / 2**20:.0f} MiB{redone}; conflicts {len(cold.report['conflicts'])} cold, "
          f"{len(warm.report['conflicts'])} warm; planted found {s.found}/{s.planted} (the change included), "
          f"other {s.other}; the changed article's conflict {'reported' if seen else 'MISSED'}", flush=True)


if __name__ == "__main__":
    main()
