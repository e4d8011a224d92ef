"""Who says it, and which value most of them hold: what every report format shows of a conflict's sources.

A *source* is shown by its outlet: the ``outlet``/``source`` field of its JSONL record or front matter, else its
URL's domain (``www.`` and the other host prefixes of ``[outlets]`` in ``data/sources.toml`` left off), else its
file name (a JSONL record: its id). Two articles of one outlet are told apart by their ids ("cnn.com (01_cnn)").

A value's *tally* counts the outlets that hold it, and the articles within them; the value more outlets hold than
any other is the majority; the value reported in the earliest (latest) dated article is marked earliest (latest);
an article that holds two values of one conflict is "on both sides". Every format reads these from here, so the
terminal, markdown, HTML and JSON say the same thing.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import urlsplit

from crosscheck.lexicon import built_from_words, data
from crosscheck.model import Article


@built_from_words
def _host_prefixes() -> tuple[str, ...]:
    return tuple(p.lower().rstrip(".") + "." for p in data("sources").get("outlets", {}).get("host_prefixes", ()))


def domain(url: str | None) -> str | None:
    """The outlet a URL names: its host without ``www.`` (or another prefix of the data), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host or "." not in host or not re.fullmatch(r"[\w.-]+", host):
        return None
    for prefix in _host_prefixes():
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix):]
    return host


def _get(article: Article | dict, name: str):
    return article.get(name) if isinstance(article, dict) else getattr(article, name, None)


def outlet(article: Article | dict) -> str:
    """Who published an article: its own outlet field, its URL's domain, else its file name (a JSONL record's id)."""
    named = _get(article, "outlet")
    if isinstance(named, str) and named.strip():
        return named.strip()
    host = domain(_get(article, "url"))
    if host:
        return host
    path = str(_get(article, "path") or "")
    file, _, record = path.rpartition(":")
    if file and record.isdigit():  # a line of a JSONL corpus
        return str(_get(article, "id"))
    return Path(path).name or str(_get(article, "id"))


@dataclass(frozen=True)
class Source:
    """An article as the reports show it."""

    id: str
    outlet: str
    label: str  # the outlet, with the article's id when the outlet has several articles
    title: str | None
    published: dt.date | None
    published_source: str | None
    path: str
    url: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def date(self) -> str:
        return self.published.isoformat() if self.published else "date unknown"


def sources(articles: Iterable[Article]) -> dict[str, Source]:
    """Article id → its ``Source``."""
    articles = list(articles)
    outlets = {a.id: outlet(a) for a in articles}
    shared = {o for o, n in Counter(outlets.values()).items() if n > 1}
    return {a.id: Source(a.id, outlets[a.id], f"{outlets[a.id]} ({a.id})" if outlets[a.id] in shared
                         else outlets[a.id], a.title, a.published, a.published_source, a.path, a.url,
                         tuple(getattr(a, "warnings", ()) or ())) for a in articles}


def unknown(ident: str) -> Source:
    return Source(ident, ident, ident, None, None, None, ident)


# ---------------------------------------------------------------- tallies


@dataclass(frozen=True)
class Row:
    """One value of a conflict: who holds it."""

    articles: tuple[str, ...]  # sorted ids
    outlets: tuple[str, ...]
    majority: bool
    earliest: bool
    latest: bool

    @property
    def count(self) -> str:
        """ "3 sources", "2 sources (3 articles)", "1 source"."""
        n, m = len(self.outlets), len(self.articles)
        return f"{n} source{'s' * (n != 1)}" + (f" ({m} articles)" if m != n else "")

    @property
    def marks(self) -> list[str]:
        return [m for m, on in (("majority", self.majority), ("earliest report", self.earliest),
                                ("latest report", self.latest)) if on]


@dataclass(frozen=True)
class Tally:
    rows: tuple[Row, ...]
    both_sides: frozenset[str]  # articles holding two values
    earliest: dt.date | None
    latest: dt.date | None

    @property
    def ratio(self) -> str:
        """ "3 sources : 1": the outlets of each value, in the values' order."""
        counts = [str(len(r.outlets)) for r in self.rows]
        if not counts:
            return ""
        return f"{counts[0]} source{'s' * (counts[0] != '1')}" + "".join(f" : {c}" for c in counts[1:])


def tally(held: Sequence[Iterable[str]], known: dict[str, Source]) -> Tally:
    """Who holds each value (``held``: the article ids of each value, in the conflict's order)."""
    def src(ident: str) -> Source:
        return known.get(ident) or unknown(ident)

    held = [tuple(sorted(set(h))) for h in held]
    outlets = [tuple(sorted({src(a).outlet for a in h})) for h in held]
    counts = [len(o) for o in outlets]
    top = max(counts, default=0)
    majority = counts.index(top) if counts and counts.count(top) == 1 else None
    days = [src(a).published for h in held for a in h if src(a).published]
    earliest, latest = (min(days), max(days)) if days else (None, None)
    if earliest == latest:  # one day (or none) known: nothing is earlier or later
        earliest = latest = None
    rows = tuple(Row(h, o, i == majority, earliest is not None and any(src(a).published == earliest for a in h),
                     latest is not None and any(src(a).published == latest for a in h))
                 for i, (h, o) in enumerate(zip(held, outlets)))
    both = frozenset(a for a, n in Counter(a for h in held for a in h).items() if n > 1)
    return Tally(rows, both, earliest, latest)


def held_by(conflict: dict[str, Any]) -> list[list[str]]:
    """The article ids of each value of a conflict as report data (``report_data``) gives it."""
    return [sorted({x["article"] for x in v["claims"]}) for v in conflict["values"]]


# ---------------------------------------------------------------- timelines

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
TIMELINE_MIN_DAYS = 2  # a figure is a timeline when reported on at least this many publication days


def number(value: str) -> float | None:
    """The figure a quantity value stands for: "35", ">=35", "~100", "12 km" are 35, 35, 100, 12; an interval
    ("24-99") its low end."""
    found = _NUMBER.search(value.replace(",", ""))
    return float(found.group()) if found else None


def timeline_points(conflict: dict[str, Any], known: dict[str, Source]) -> list[tuple[dt.date, float, str, str]]:
    """(publication date, figure, value, outlet) of every dated source of a quantity conflict, in date order; empty
    unless the figures were reported on ``TIMELINE_MIN_DAYS`` days or more."""
    if conflict.get("slot") != "quantity":
        return []
    points = set()
    for v in conflict["values"]:
        figure = number(v["value"])
        if figure is None:
            continue
        for claim in v["claims"]:
            s = known.get(claim["article"])
            if s and s.published:
                points.add((s.published, figure, v["value"], s.label))
    points = sorted(points)
    return points if len(points) >= 2 and len({p[0] for p in points}) >= TIMELINE_MIN_DAYS else []


def trend(points: list[tuple[dt.date, float, str, str]]) -> str:
    """ "rising", "falling" or "up and down": how the figures move from day to day (each day's highest)."""
    by_day: dict[dt.date, float] = {}
    for day, figure, _, _ in points:
        by_day[day] = max(figure, by_day.get(day, figure))
    series = [by_day[d] for d in sorted(by_day)]
    steps = [b - a for a, b in zip(series, series[1:])]
    if all(s >= 0 for s in steps) and any(s > 0 for s in steps):
        return "rising"
    if all(s <= 0 for s in steps) and any(s < 0 for s in steps):
        return "falling"
    return "level" if not any(steps) else "up and down"


def timeline_text(points: list[tuple[dt.date, float, str, str]]) -> str:
    """ "2016-07-14: 77, 80 → 2016-07-15: 84 → 2016-07-16: 85 (rising)": the figures by publication day."""
    days: dict[dt.date, list[str]] = {}
    for day, _, value, _ in points:
        if value not in days.setdefault(day, []):
            days[day].append(value)
    return " → ".join(f"{d.isoformat()}: {', '.join(v)}" for d, v in sorted(days.items())) + f" ({trend(points)})"


# ---------------------------------------------------------------- quotes


def window(sentence: str, s0: int, start: int, end: int, context: int,
           keep: tuple[int, int] | None = None) -> tuple[int, int]:
    """(lo, hi), offsets like ``s0`` (the sentence's start): about ``context`` characters of the sentence either side
    of the value ``start``-``end``, widened to hold ``keep`` (the event word) when the sentence holds it, and cut at
    word boundaries (never inside a word). The whole sentence when the value is not in it."""
    n = len(sentence)
    a, b = start - s0, end - s0
    if not (0 <= a <= b <= n):
        return s0, s0 + n
    lo, hi = max(0, a - context), min(n, b + context)
    if keep is not None and 0 <= keep[0] - s0 < keep[1] - s0 <= n:
        lo, hi = min(lo, keep[0] - s0), max(hi, keep[1] - s0)
    if lo > 0 and not sentence[lo - 1].isspace():  # inside a word: start after its end
        space = _next_space(sentence, lo, min(a, keep[0] - s0) if keep and keep[0] - s0 >= 0 else a)
        lo = space + 1 if space != -1 else lo
    if hi < n and not sentence[hi].isspace():  # inside a word: end before it
        limit = max(b, keep[1] - s0) if keep and keep[1] - s0 <= n else b
        space = sentence.rfind(" ", limit, hi)
        hi = space if space != -1 else hi
    while lo < a and sentence[lo].isspace():
        lo += 1
    while hi > b and sentence[hi - 1].isspace():
        hi -= 1
    return s0 + lo, s0 + hi


def _next_space(text: str, lo: int, limit: int) -> int:
    i = lo
    while i < limit:
        if text[i].isspace():
            return i
        i += 1
    return -1


def quote_parts(claim: dict[str, Any], context: int) -> tuple[str, str, str, str, str]:
    """("…" or "", before, value, after, "…" or "") of a quoted claim (report data): the sentence around the value,
    cut at word boundaries, holding the claim's event word (``trigger``, the occurrence nearest the value)."""
    sentence, s0 = claim["sentence"], claim["start"]
    start, end = claim["value_start"], claim["value_end"]
    if not (s0 <= start < end <= s0 + len(sentence)):
        return "", sentence.replace("\n", " "), "", "", ""
    keep = None
    trigger = claim.get("trigger")
    if trigger:
        found = [m.start() for m in re.finditer(re.escape(trigger), sentence)]
        if found:
            at = min(found, key=lambda i: abs(s0 + i - start))
            keep = (s0 + at, s0 + at + len(trigger))
    lo, hi = window(sentence, s0, start, end, context, keep)
    flat = [sentence[a - s0:b - s0].replace("\n", " ") for a, b in ((lo, start), (start, end), (end, hi))]
    return "…" * (lo > s0), flat[0], flat[1], flat[2], "…" * (hi < s0 + len(sentence))
