"""When an article was published, read from its own top lines, with the evidence.

Only forms that say "this is when it was published" count: a labelled line
("Published: 30 December 2021", "(Updated: 09:32 GMT 30.12.2021)"), a
timestamp line ("08:33 GMT 30.12.2021"), an agency dateline ("MOSCOW, Dec 30,
2021 (Reuters) -"). A bare date line is not enough: page chrome prints the
day's date beside the weather ("-4.4 C / Europe / Sunday, December 3, 2023"),
and that is the day the page was fetched, not the day the story was written.
A date must state its day, month and year. Last of all, an address whose path holds the day
("https://www.nytimes.com/2017/12/27/us/...", ".../2005/nov/28/world/...", given as the article's
``url`` or as a top line of its own, also as tokenised corpora print it: "http: / / www. x. com / 2011 - 11 - 12 /")
says when the page was published.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from crosscheck.extract.months import MONTHS
from crosscheck.lexicon import built_from_words, data, phrase_alternation
from crosscheck.model import Span


@dataclass(frozen=True)
class Evidence:
    date: dt.date
    source: str  # "published-line" | "timestamp-line" | "dateline" | "url"
    text: str  # the line that says so


_LINE = re.compile(r"[^\r\n]+")
URL_RANK = 10_000  # an address's day is the last evidence: after every label, an update's too
DATE_CHARS = 200  # of a top line, where its date is looked for: a line may be megabytes long
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}T?|[+-]\d{2}:?\d{2}))?"


@built_from_words
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, list[str], int]:
    spec = data("sources")
    label = phrase_alternation(spec["published_labels"])
    labelled = re.compile(rf"(?i)(?:^|\()\s*(?P<label>{label})\b\s*(?:on|at)?\s*:?\s*(?P<rest>[^)\n]*)")
    timestamp = re.compile(rf"^\s*(?:{_TIME}[,\s]+)?(?P<rest>[^()\n]{{6,40}}?)(?:[,\s]+{_TIME})?\s*(?:\(.*\))?\s*$")
    agencies = "|".join(re.escape(a) for a in sorted(spec["agencies"], key=len, reverse=True))
    dateline = re.compile(rf"^\s*[A-Z][A-Za-z.'’ -]+,\s+(?P<rest>[^()\n]{{6,40}}?)\s*\((?:{agencies})\)\s*[-–—]")
    return labelled, timestamp, dateline, [w.lower() for w in spec["published_labels"]], int(spec["head_lines"])


def detect(text: str, start: int = 0) -> Evidence | None:
    """The publication date an article's top lines give, or None."""
    labelled, timestamp, dateline, order, head = _patterns()
    found: list[tuple[int, Evidence]] = []
    lines = []  # the top lines, found without splitting the whole text
    for m in _LINE.finditer(text, start):
        if m.group(0).strip():
            lines.append(m.group(0))
            if len(lines) >= head:
                break
    for line in lines:
        for m in labelled.finditer(line):
            date = _full_date(m.group("rest"))
            if date:
                rank = order.index(re.sub(r"\s+", " ", m.group("label").lower()))
                if re.search(r"updated|modified", m.group("label"), re.I):
                    rank += len(order) + 2  # an update is later than a dateline or a timestamp
                found.append((rank, Evidence(date, "published-line", line.strip())))
        m = dateline.match(line)
        if m and (date := _full_date(m.group("rest"))):
            found.append((len(order), Evidence(date, "dateline", line.strip())))
        m = timestamp.match(line)
        if m and re.search(_TIME, line) and (date := _full_date(m.group("rest"))):
            found.append((len(order) + 1, Evidence(date, "timestamp-line", line.strip())))
        if (date := url_date(untokenised(line.strip()))) is not None:
            found.append((URL_RANK, Evidence(date, "url", line.strip())))
    return min(found, key=lambda f: f[0])[1] if found else None


# a web address whose path holds a year, a month (a number or a name) and a day: "/2017/12/27/", "/2005/nov/28/"
_URL_DATE = re.compile(r"https?://[^\s/]+/(?:[^\s?#]*?/)?(?P<year>(?:19|20)\d\d)[/-](?P<month>\d{1,2}|[A-Za-z]{3,9})"
                       r"[/-](?P<day>\d{1,2})(?=[/._-]|$)")


# an address as tokenised corpora print it, its punctuation set apart by spaces: "http: / / www. x. com / 2011 - 11 - 12 /"
_TOKENISED_URL = re.compile(r"https?\s*:\s*/\s*/\s*\S")
_SPACED_PUNCTUATION = re.compile(r"\s*([/:.?=&#_-])\s*")


def untokenised(line: str) -> str:
    """A top line that is a web address printed with spaces around its punctuation, put back together ("http: / /
    www. x. com / 2011 - 11 - 12 /" is "http://www.x.com/2011-11-12/"); any other line as it is."""
    if not _TOKENISED_URL.match(line) or len(line) > DATE_CHARS * 5:
        return line
    joined = _SPACED_PUNCTUATION.sub(r"\1", line)
    return joined if not any(c.isspace() for c in joined) else line


def url_date(url: str | None) -> dt.date | None:
    """The day a web address's path gives (a bare address, no spaces), or None."""
    if not url or any(c.isspace() for c in url):
        return None
    m = _URL_DATE.match(url)
    if m is None:
        return None
    month = m.group("month")
    number = int(month) if month.isdigit() else MONTHS.get(month.lower())
    try:
        return dt.date(int(m.group("year")), number, int(m.group("day"))) if number else None
    except ValueError:
        return None


def _full_date(chunk: str) -> dt.date | None:
    """The first date in ``chunk`` that states its day, month and year (read in its first ``DATE_CHARS``)."""
    from crosscheck.extract.dates import tag

    chunk = chunk[:DATE_CHARS]

    for e in tag(chunk, None, [Span(0, len(chunk), chunk)]):
        v = e.value
        if {"year", "month", "day"} <= v.stated and v.year and v.month and v.day:
            return dt.date(v.year, v.month, v.day)
    return None
