"""Date expressions: find them, read them, resolve them.

Two passes, after HeidelTime's design:

1. **find and read**: one compiled pattern finds candidate expressions (never
   a scan of the whole text by dateparser, which is slow and reads "we", "may"
   and "2 minutes" as dates); each match becomes an underspecified value that
   records which parts the text stated ("the 15th" states a day only).
2. **resolve**: the missing parts come from the publication date, the way the
   clause's tense points ("will meet on the 12th" looks forward, "met on the
   7th" back; with no cue, the nearest such day), a year stated earlier in the
   same sentence, or what the reader remembers from the article so far: the
   date just mentioned ("two days later", "the following year") and the
   quarter a results story is about ("the quarter", "a year earlier").
   Nothing is guessed without an anchor: with no publication date, a year stays
   unknown (``XXXX-01-12``).

Dates in other languages ("12 janvier 2022", "12. Januar") are read with the
month names of dateparser's locales, for the languages of ``data/dates.toml``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from crosscheck.lexicon import Gated, built_from_words, data, first_word, phrase_alternation, phrase_gate
from crosscheck.model import Article, Span, TimeExpression, TimeValue
from crosscheck.extract.tense import NO_CUE, Tense, sentence_tense
from crosscheck.extract.document import sentences as split_sentences
from crosscheck.extract import times
from crosscheck.extract.months import MONTHS, foreign_months, foreign_weekdays, is_month_name  # noqa: F401 (re-exported)

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# Words after "the 15th" that make it something other than a day of the month.
NOT_A_DAY_AFTER = re.compile(
    r"\s*(?:century|centuries|anniversary|birthday|time|times|floor|place|round|amendment|minute|"
    r"annual|consecutive|largest|biggest|most|straight|edition|session|congress|district|"
    r"parliament|army|division|fleet|street|avenue|precinct|grade|hole|inning|seed|overall)\b",
    re.I,
)

_M = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
      r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_D = r"(?:3[01]|[12]\d|0?[1-9])"
_ORD = r"(?:st|nd|rd|th)"
_Y = r"(?:1[6-9]\d\d|20\d\d)"
_REL = r"(?i:last|next|this|coming|past|previous|following)"
_YEAR_REL = r"(?i:(?:of\s+)?(?:next|last|this|the\s+following|the\s+previous)\s+year)"
_MOD = r"(?i:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end|mid-)\s*)"

PATTERN = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>{_Y})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
  | (?P<num>\b(?P<n1>{_D})(?P<sep>[./])(?P<n2>{_D})(?P=sep)(?P<ny>{_Y}|\d\d)\b)
  | (?P<md>(?:(?P<mdwd>{_WD}),?\s+)?(?:(?P<mdmod>{_MOD}))?(?P<mdm>{_M})\s+(?P<mdd>{_D}){_ORD}?\b
        (?:\s*(?P<mdsep>-|–|and|to|or|through|until)\s*(?:(?P<mdm2>{_M})\s+)?(?P<mdd2>{_D}){_ORD}?\b)?
        (?:,?\s+(?P<mdy>{_Y})\b|\s+(?P<mdyr>{_YEAR_REL})\b)?)
  | (?P<dm>(?:(?P<dmwd>{_WD}),?\s+)?(?P<dmd>{_D}){_ORD}?
        (?:\s*(?P<dmsep>-|–|and|to|or)\s*(?P<dmd2>{_D}){_ORD}?)?\s+(?:of\s+)?(?P<dmm>{_M})\b
        (?:,?\s+(?P<dmy>{_Y})\b|\s+(?P<dmyr>{_YEAR_REL})\b)?)
  | (?P<my>(?:(?P<mymod>{_MOD}))?(?P<mym>{_M}),?\s+(?:of\s+)?(?P<myy>{_Y})\b)
  | (?P<century>\b(?:(?i:the)\s+)?(?P<centn>\d{{1,2}})(?:st|nd|rd|th)[-\s]+(?i:century)\b)
  | (?P<spoken>\b(?:(?i:the\s+year)\s+)?(?P<spk>(?i:nineteen[-\s]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|
        eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?|
        two\s+thousand(?:\s+and)?(?:[-\s]+(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)?))\b)
  | (?P<period>\b(?i:the)\s+(?P<permod>(?i:latest|current|comparable|year[-\s]earlier|year[-\s]ago|full|fiscal|
        latest\s+fiscal|current\s+fiscal|comparable\s+year[-\s]ago|comparable\s+year[-\s]earlier)\s+)?
        (?P<perunit>(?i:quarter|period|year|weekend|month))\b(?!\s*-)(?!['’]s\b)(?!\s+(?:of|before|after|earlier|later|ago|when|in\s+which)\b))
  | (?P<yearago>\b(?i:year[-\s](?:earlier|ago))\b(?=\s+[a-z]))
  | (?P<quarter>\b(?:(?i:the)\s+)?(?:(?P<qy0>{_Y})\s+|(?P<qrel>(?i:next|last|this))\s+year['’]s\s+)?(?P<qord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[-\s]+(?P<qunit>quarter|half)\b
        (?:\s+of\s+(?P<qy>{_Y}|(?:this|last|next)\s+year))?)
  | (?P<relunit>\b(?P<ruthe>(?i:the)\s+)?(?:(?P<rumod>{_MOD}))?(?P<rurel>{_REL})\s+(?P<ruunit>(?i:week(?:end)?|month|year|quarter|decade|century)|
        (?P<rumonth>{_M})|(?P<ruwd>{_WD})|(?P<ruseason>(?i:spring|summer|autumn|fall|winter)))\b)
  | (?P<ago>\b(?P<agon>(?i:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few))
        \s+(?P<agounit>(?i:day|week|month|year|decade))s?\s+(?P<agodir>(?i:ago|earlier|later|before|after|from\s+now|previously)))
  | (?P<thed>\b(?i:the\s+)(?P<thedmod>(?:same|next|following|previous|preceding)\s+)?(?P<theday>day)\s*(?P<thedir>before|after|earlier|later)?\b)
  | (?P<deictic>\b(?P<dword>(?i:yesterday|today|tomorrow|tonight))\b)
  | (?P<ref>\b(?P<rword>(?i:now|currently|recently|lately|the\s+(?:near\s+|distant\s+)?future|
        the\s+past(?!\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?|quarters?|centur(?:y|ies))\b)|
        these\s+days|nowadays|formerly|recent\s+(?:days|weeks|months|years|decades)|
        in\s+the\s+coming\s+(?:days|weeks|months|years)))\b)
  | (?P<wd>(?:(?P<wdmod>(?i:earlier|later|late|early))\s+(?:on\s+)?)?\b(?P<wdw>{_WD})\b(?!,?\s+{_M}))
  | (?P<ord>\bthe\s+(?P<ordd>{_D})(?:{_ORD})\b(?:\s*(?P<ordsep>and|or|-|–)\s*(?:the\s+)?(?P<ordd2>{_D}){_ORD}\b)?)
  | (?P<decade>\b(?:the\s+)?(?P<decy>1[6-9]\d0|20[0-9]0)(?:'s|s)\b)
  | (?P<mon>\b(?:(?P<monmod>{_MOD}))?(?P<monm>January|February|March|April|May|June|July|August|September|October|November|December)\b)
  | (?P<season>\b(?:(?P<seamod>{_MOD}))?(?i:this|last|next|the)\s+(?P<seaname>spring|summer|autumn|fall|winter)\b)
  | (?P<year>\b(?:(?P<yrmod>{_MOD}))?(?P<yy>{_Y})\b)
  | (?P<fy>\b(?:fiscal|the\s+fiscal\s+year)\s+(?P<fyy>{_Y})\b)
    """,
    re.VERBOSE,
)

# Every word a date expression can begin with (and any number): ``PATTERN`` is tried only there.
FIRST_WORDS = frozenset(
    [*MONTHS, *WEEKDAYS, *NUMBER_WORDS, *SEASONS, *ORDINAL_QUARTERS, "early", "late", "mid", "the", "end",
     "last", "next", "this", "coming", "past", "previous", "following", "yesterday", "today", "tomorrow",
     "tonight", "now", "currently", "recently", "lately", "these", "nowadays", "formerly", "in", "earlier",
     "later", "fiscal", "recent", "year", "nineteen"])
_AFTER_THE = frozenset(["#", "day", "same", "next", "following", "previous", "preceding", *ORDINAL_QUARTERS, *SEASONS,
                        "future", "past", "end", "beginning", "start", "middle", "fiscal", "last", "this", "coming",
                        "near", "distant", "latest", "current", "comparable", "year", "full", "quarter", "period",
                        "weekend", "month", "early", "late", "mid"])
_AFTER_A = frozenset(["few", "day", "week", "month", "year", "decade"])
CANDIDATES = Gated(PATTERN, FIRST_WORDS, digits=True, second_words={
    "the": _AFTER_THE, "a": _AFTER_A, "an": _AFTER_A, "in": frozenset(["the"]),
    "year": frozenset(["earlier", "ago"])})

# A lone month name is a date only in a date-like setting ("in May", "last March"), never "may" or
# "March of the Living"; a lone year only when it is not a quantity ("2022 troops", "$2000").
_MONTH_BEFORE = re.compile(r"(?:\b(?:in|since|until|till|by|from|through|during|of|early|late|mid|last|next|this|"
                           r"before|after|until|to|and|or|between|for|every|each)\s+|-)$", re.I)
_AFTER_YEAR_NOT_DATE = re.compile(r"\s*(?:[-%]|\.\d|,\d|(?:troops|people|soldiers|men|women|cars|units|votes|"
                                  r"shares|tons|tonnes|barrels|km|miles|metres|meters|feet|jobs|dollars|euros|"
                                  r"points|pages|words|times|members|cases|deaths|homes|acres)\b)", re.I)
_BEFORE_YEAR_NOT_DATE = re.compile(r"(?:[$€£#+]|\d[.,]?\s*|\bNo\.?\s*|\bNumber\s+|\bpage\s+|\bat\s+)$|[A-Z][a-z]+\s+$")


_NEEDS_TENSE = frozenset(["month-day", "month", "ordinal-day", "weekday", "period"])  # the kinds whose direction the verb gives


def tag_article(article: Article, sentences: list[Span] | None = None) -> list[TimeExpression]:
    """Every date expression of one article, resolved against its publication date."""
    if sentences is None:
        sentences = split_sentences(article.text, article.body_start)
    return tag(article.text, article.published, sentences, article.body_start)


@dataclass
class _Context:
    """What a reader remembers while reading one article: the dates just mentioned, the quarter under discussion."""

    day: TimeValue | None = None  # the last full date: "two days later" counts from it
    calendar: TimeValue | None = None  # the last year, month or day: "the following year" counts from it
    quarter: TimeValue | None = None  # the last quarter: "the quarter", "a year earlier" in a results story

    def remember(self, expr: TimeExpression, kind: str) -> None:
        """Only what the text named counts: a value derived from the context must not move it ("a year ago")."""
        value = expr.value
        if value.ref or value.year is None or expr.anaphoric or kind in ("period", "yearago"):
            return
        if value.is_calendar:
            self.calendar = value
            if value.grain == "day" and value.month and value.day:
                self.day = value
        if kind == "quarter" and value.quarter and value.quarter.startswith("Q"):
            self.quarter = value


def tag(text: str, published: dt.date | None, sentences: list[Span], start: int = 0) -> list[TimeExpression]:
    """Every date expression in ``text[start:]``, resolved."""
    found: list[TimeExpression] = []
    context = _Context()
    day_first = numeric_order(text)
    for sentence in sentences:
        if sentence.end <= start:
            continue
        year_in_sentence: int | None = None
        begin = max(start, sentence.start)
        clocks = times.find(text, begin, sentence.end)  # first: "around 1630 hours" is a time, never the year 1630
        foreign = foreign_dates().finditer(text, begin, sentence.end)
        in_sentence = [_foreign_date(f, published) for f in foreign]
        in_sentence += [_relative_day(r, published) for r in _relative_days()[0].finditer(text, begin, sentence.end)]
        weekdays = foreign_weekday_names().finditer(text, begin, sentence.end)
        in_sentence += [_foreign_weekday(w, published, sentence_tense(text, sentence, w.start(), w.end()))
                        for w in weekdays if _a_foreign_weekday(text, w, foreign, begin)]
        for m in CANDIDATES.finditer(text, begin, sentence.end):
            if any(f.start() < m.end() and m.start() < f.end() for f in foreign):
                continue  # "12 janvier 2022" is one date, not a year
            clock = next((c for c in clocks if c.start < m.end() and m.start() < c.end), None)
            if clock is not None:  # "July 14 2030 GMT": the date stops where the time begins
                m = PATTERN.match(text, m.start(), clock.start) if m.start() < clock.start else None
                if m is None or not m.group(0).strip():
                    continue
            reading = _read(m, text, day_first)
            if reading is None:
                continue
            value, kind = reading
            if value.year is not None and "year" in value.stated:
                year_in_sentence = value.year
            tense = sentence_tense(text, sentence, m.start(), m.end()) if kind in _NEEDS_TENSE else NO_CUE
            try:
                expr = _resolve(m, text, value, kind, published, tense, context, year_in_sentence)
            except (OverflowError, ValueError):  # past the calendar's ends (published 9999-12-31, "next Thursday")
                continue
            if expr is None:
                continue
            in_sentence.extend(_split_list(m, expr))
            context.remember(expr, kind)
        found.extend(in_sentence)
        if clocks:
            found.extend(_times_of_day(text, clocks, in_sentence, published, (begin, sentence.end, start)))
    found.sort(key=lambda e: e.start)
    return found


# What may stand between a time and the date of the same phrase: "10:45 p.m. on Thursday, July 14",
# "July 14 at 10:45 p.m.", "3 a.m. (0300 GMT) Friday".
_SAME_PHRASE = re.compile(r"[\s,(]*(?:(?:on|of|at|in\s+the\s+(?:morning|afternoon|evening)|local\s+time)[\s,]*)*", re.I)
SAME_PHRASE_MAX_GAP = 30  # characters between a time and its date


def _times_of_day(text: str, clocks: list[times.Clock], dates: list[TimeExpression],
                  published: dt.date | None, where: tuple[int, int, int]) -> list[TimeExpression]:
    """Each time of day of a sentence on the day it belongs to: the date of the same phrase, else the nearest date of
    the sentence, else none (``XXXX-XX-XXT16:52``). ``where``: the sentence's start and end, the body's start."""
    days = [d for d in dates if d.value.is_calendar and d.value.grain == "day" and d.value.month and d.value.day
            and d.value.end is None]
    out: list[TimeExpression] = []
    for c, last in _time_ranges(text, clocks):
        day, how = _day_of(text, c.start, (last or c).end, days)
        if day is None and c.days_back is not None and published is not None:
            d = published - dt.timedelta(days=c.days_back)
            value = TimeValue(d.year, d.month, d.day, "minute", frozenset({"time"}))
            anchor, direction, anaphoric = f"publication date {published.isoformat()}", "none", False
            reason = "'last night'" if c.days_back else "'this morning', 'tonight': the day of publication"
        elif day is None:
            value = TimeValue(None, None, None, "minute", frozenset({"time"}))
            anchor, direction, reason, anaphoric = "no date in the sentence", "none", "day unknown", False
        else:
            v = day.value
            value = TimeValue(v.year, v.month, v.day, "minute", v.stated | {"time"})
            anchor = f"{how} '{day.text}'"
            direction, reason, anaphoric = day.direction, day.reason, day.anaphoric
        offset = c.offset
        if offset is None and c.seasonal is not None:
            known = _date_of(value) or published
            offset = times.seasonal_offset(c.seasonal, known)
        if offset is None and c.zone is not None and times.words_of(c.zone) in times.lexicon()["local"]:
            place = times.local_offset(text, *where, _date_of(value) or published, c.hour, c.minute)
            if place is not None:  # "07:15 local time" in a sentence (or a dateline) that names Kathmandu
                offset, zone_name = place
                reason = (reason + "; " if reason else "") + f"local time of {zone_name}"
        value = replace(value, hour=c.hour, minute=c.minute, zone=offset, approx=c.approx,
                        either_half=c.either_half)
        end = c.end
        if last is not None:  # "between 9 and 11 p.m.": one interval, its end on the same day (or the next)
            value = replace(value, end=replace(value, hour=last.hour, minute=last.minute, approx=last.approx,
                                               either_half=last.either_half))
            end = last.end
        out.append(TimeExpression(c.start, end, text[c.start:end], value, anchor, direction, reason, anaphoric))
    return _bracketed_zones(text, out)


_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|to|until|till|and)\s*", re.I)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.I)


def _time_ranges(text: str, clocks: list[times.Clock]) -> list[tuple[times.Clock, times.Clock | None]]:
    """Each clock, with the clock that closes its range: "from 10 a.m. to 2 p.m.", "between 9 and 11 p.m.", "4:30-5:15"."""
    out: list[tuple[times.Clock, times.Clock | None]] = []
    i = 0
    while i < len(clocks):
        c = clocks[i]
        nxt = clocks[i + 1] if i + 1 < len(clocks) else None
        gap = _RANGE_GAP.fullmatch(text, c.end, nxt.start) if nxt is not None else None
        if gap is not None and (gap.group(0).strip().lower() != "and" or _BETWEEN.search(text, max(0, c.start - 9), c.start)):
            out.append((c if c.zone or not nxt.zone else replace(c, zone=nxt.zone, offset=nxt.offset, seasonal=nxt.seasonal), nxt))
            i += 2
            continue
        out.append((c, None))
        i += 1
    return out


def _day_of(text: str, start: int, end: int, days: list[TimeExpression]) -> tuple[TimeExpression | None, str]:
    """The date a time at ``text[start:end]`` is on, and how it was chosen."""
    best: tuple[int, TimeExpression] | None = None
    for d in days:
        gap = text[end:d.start] if d.start >= end else text[d.end:start] if d.end <= start else None
        if gap is None:
            continue
        if len(gap) <= SAME_PHRASE_MAX_GAP and _SAME_PHRASE.fullmatch(gap):
            return d, "the date of the same phrase"
        if best is None or len(gap) < best[0]:
            best = (len(gap), d)
    return (best[1], "the nearest date of the sentence") if best else (None, "")


def _date_of(v: TimeValue) -> dt.date | None:
    if v.year is None or v.month is None or v.day is None or not _valid(v.year, v.month, v.day):
        return None
    return dt.date(v.year, v.month, v.day)


_BRACKET = re.compile(r"\s*[(\[]\s*$")


def _bracketed_zones(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """ "10:52 p.m. local time (0352 GMT)": the bracketed time in a zone gives the first its offset, and the bracketed
    one the day of the first (in UTC), so the two say one instant."""
    out = list(found)
    for i in range(1, len(out)):
        first, second = out[i - 1], out[i]
        if first.value.zone is not None or second.value.zone is None or not _BRACKET.fullmatch(
                text, first.end, second.start):
            continue
        local = first.value.hour * 60 + first.value.minute
        theirs = second.value.hour * 60 + second.value.minute - times.offset_minutes(second.value.zone)
        offset = times.offset_between(local, theirs)
        if offset is None:
            continue
        out[i - 1] = replace(first, value=replace(first.value, zone=offset, either_half=False),
                             reason=(first.reason + "; " if first.reason else "") + f"zone from '{second.text}'")
        day = _date_of(first.value)
        if day is not None:
            instant = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=local - times.offset_minutes(offset))
            shift = dt.timedelta(minutes=times.offset_minutes(second.value.zone))
            there = (instant + shift).date()
            out[i] = replace(second, value=replace(second.value, year=there.year, month=there.month, day=there.day,
                                                   stated=first.value.stated),
                             anchor=f"the time before it, '{first.text}'")
    return out


@built_from_words
def foreign_dates() -> Gated:
    """Day-month(-year) dates with ``foreign_months``."""
    names = foreign_months()
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?i)\b(?P<day>{_D})\.?\s+(?:de\s+)?(?P<month>{alternatives})\.?"
                         rf"(?:\s+(?:de\s+|del\s+)?(?P<year>{_Y})\b)?(?!\w)")
    return Gated(pattern, (), digits=True, second_words={"#": frozenset(map(first_word, names)) | {"de"}})


@built_from_words
def _relative_days() -> tuple[Gated, dict[str, int]]:
    """The days of ``[relative_days]`` in ``data/dates.toml`` ("hier", "ayer", "gestern"), days before publication."""
    days = {" ".join(k.lower().split()): int(v) for k, v in data("dates").get("relative_days", {}).items()}
    return phrase_gate(days), days


def _relative_day(m: re.Match, published: dt.date | None) -> TimeExpression:
    """The day a word of ``[relative_days]`` names, counted from publication ("ayer": the day before it)."""
    back = _relative_days()[1][" ".join(m.group(0).lower().split())]
    if published is None:
        return TimeExpression(m.start(), m.end(), m.group(0), TimeValue(grain="day"), "no publication date", "none",
                              "date unknown")
    day = published - dt.timedelta(days=back)
    direction = "past" if back > 0 else "future" if back < 0 else "none"
    return TimeExpression(m.start(), m.end(), m.group(0), TimeValue(day.year, day.month, day.day, "day", frozenset()),
                          f"publication date {published.isoformat()}", direction,
                          f"{abs(back)} day{'s' * (abs(back) != 1)} {'before' if back > 0 else 'after'} publication"
                          if back else "the day of publication")


@built_from_words
def foreign_weekday_names() -> Gated:
    """Weekday names of ``foreign_weekdays`` ("vendredi", "am Freitag")."""
    names = foreign_weekdays()
    alternatives = phrase_alternation(names)
    return Gated(re.compile(rf"(?i)\b(?P<weekday>{alternatives})(?!\w)"), names)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _a_foreign_weekday(text: str, m: re.Match, foreign: list[re.Match], begin: int) -> bool:
    """Whether a foreign weekday name is a day of its own: not the weekday of a date beside it ("vendredi 24 janvier
    2020" is that date), nor a capitalised word of a name ("Santo Domingo", "Domingo Pérez")."""
    if any(f.start() - 12 <= m.start() < f.end() for f in foreign):
        return False
    if m.group(0)[0].isupper():
        after = _NAME_WORD.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        before = _NAME_WORD.findall(text, max(begin, m.start() - 30), m.start())
        if (after and after.group(0)[0].isupper()) or (before and before[-1][0].isupper() and m.start() > begin):
            return False
    return True


def _foreign_weekday(m: re.Match, published: dt.date | None, tense: Tense = NO_CUE) -> TimeExpression:
    """The day a foreign weekday name stands for: the next such day on or after publication when its clause looks
    forward ("se reunirán el lunes"), else the latest on or before it (news reports the past)."""
    if published is None:
        return TimeExpression(m.start(), m.end(), m.group(0), TimeValue(grain="day"), "no publication date", "none",
                              "date unknown")
    wd = foreign_weekdays()[m.group("weekday").lower()]
    if tense.direction == "future":
        day, direction, reason = published + dt.timedelta(days=(wd - published.weekday()) % 7), "future", tense.reason
    else:
        day = published - dt.timedelta(days=(published.weekday() - wd) % 7)
        direction, reason = "past", tense.reason or "no tense cue: news reports the past"
    return TimeExpression(m.start(), m.end(), m.group(0), TimeValue(day.year, day.month, day.day, "day", frozenset()),
                          f"publication date {published.isoformat()}", direction, reason)


def _foreign_date(m: re.Match, published: dt.date | None) -> TimeExpression:
    day, month = int(m.group("day")), foreign_months()[m.group("month").lower()]
    if m.group("year"):
        value = TimeValue(int(m.group("year")), month, day, "day", frozenset({"year", "month", "day"}))
        return TimeExpression(m.start(), m.end(), m.group(0), value, "stated", "none")
    if published is None:
        value = TimeValue(None, month, day, "day", frozenset({"month", "day"}))
        return TimeExpression(m.start(), m.end(), m.group(0), value, "no publication date", "none", "year unknown")
    year = _year_for(month, day, published, "")
    value = TimeValue(year, month, day, "day", frozenset({"month", "day"}))
    return TimeExpression(m.start(), m.end(), m.group(0), value, f"publication date {published.isoformat()}", "none",
                          "the nearest such day: no tense cue read in this language")


def _split_list(m: re.Match, expr: TimeExpression) -> list[TimeExpression]:
    """"January 12th and 13th" is two dates, each with its own span; "January 1-9" stays one range."""
    g = m.groupdict()
    prefix = next((p for p in ("md", "dm", "ord") if g[p]), None)
    if prefix is None or not g[f"{prefix}d2"] or (g.get(f"{prefix}sep") or "").lower() not in ("and", "or"):
        return [expr]
    first_end = _day_end(m, f"{prefix}d")
    second_start, second_end = m.start(f"{prefix}d2"), _day_end(m, f"{prefix}d2")
    if prefix == "dm":  # "12 and 13 January": the month closes the list
        second_end = m.end(0)
        first_end = _day_end(m, "dmd")
    text = m.string
    first = replace(expr, end=first_end, text=text[expr.start:first_end], value=replace(expr.value, end=None))
    second_value = replace(expr.value, day=int(g[f"{prefix}d2"]), end=None)
    second = replace(expr, start=second_start, end=second_end, text=text[second_start:second_end], value=second_value)
    return [first, second]


def _day_end(m: re.Match, group: str) -> int:
    suffix = re.match(_ORD, m.string[m.end(group):m.end(group) + 2])
    return m.end(group) + (len(suffix.group(0)) if suffix else 0)


def numeric_order(text: str) -> bool | None:
    """Whether the article writes numeric dates day first: "30/12/2021" settles "12/01/2022" as 12 January.

    None when no date of the article settles it (or two settle it both ways): such dates keep only their year.
    """
    if _NUMERIC_DATE_PROBE.search(text) is None:  # most articles write no numeric date: a quick scan says so
        return None
    firsts = {int(a) > 12 for a, _, b in _NUMERIC_DATE.findall(text) if (int(a) > 12) != (int(b) > 12)}
    return firsts.pop() if len(firsts) == 1 else None


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([./])(\d{1,2})\2(?:\d{4}|\d\d)\b")
_NUMERIC_DATE_PROBE = re.compile(r"\d[./]\d\d?[./]\d")  # in every match of _NUMERIC_DATE; starts with a digit, which
# the engine skips to without trying each character


def _read(m: re.Match, text: str, day_first: bool | None = None) -> tuple[TimeValue, str] | None:
    """The value the words state, before resolution, and the kind of expression."""
    g = m.groupdict()
    if g["iso"]:
        return TimeValue(int(g["iy"]), int(g["im"]), int(g["id"]), "day", frozenset({"year", "month", "day"})), "absolute"
    if g["num"]:
        a, b, y = int(g["n1"]), int(g["n2"]), int(g["ny"])
        y = y + 2000 if y < 100 else y
        if g["sep"] == "." or a > 12 or (day_first and b <= 12):  # 30.12.2021, 30/12/2021: day first
            day, month = a, b
        elif b > 12 or day_first is False:
            month, day = a, b
        else:  # 12/01/2022: either order, and nothing in the article says which; only the year is sure
            return TimeValue(y, None, None, "day", frozenset({"year"})), "absolute"
        if not _valid(y, month, day):
            return None
        return TimeValue(y, month, day, "day", frozenset({"year", "month", "day"})), "absolute"
    if g["md"] or g["dm"]:
        p = "md" if g["md"] else "dm"
        month = MONTHS[g[f"{p}m"].lower().rstrip(".")]
        day = int(g[f"{p}d"])
        year = int(g[f"{p}y"]) if g[f"{p}y"] else None
        stated = {"month", "day"} | ({"year"} if year else set())
        end = None
        if g[f"{p}d2"] and g[f"{p}sep"] in ("-", "–", "to", "through", "until"):  # a range; "and" lists are split later
            month2 = MONTHS[g["mdm2"].lower().rstrip(".")] if p == "md" and g["mdm2"] else month
            day2 = int(g[f"{p}d2"])
            end = TimeValue(year, month2, day2, "day", frozenset(stated))
        value = TimeValue(year, month, day, "day", frozenset(stated), end=end)
        if year and not _valid(year, month, day):
            return None
        if g[f"{p}yr"]:
            return value, "year-relative:" + g[f"{p}yr"]
        return value, "absolute" if year else "month-day"
    if g["my"]:
        return TimeValue(int(g["myy"]), MONTHS[g["mym"].lower().rstrip(".")], None, "month",
                         frozenset({"year", "month"})), "absolute"
    if g["century"]:
        return TimeValue((int(g["centn"]) - 1) * 100, grain="century", stated=frozenset({"year"})), "absolute"
    if g["period"]:
        return TimeValue(grain="ref"), "period"
    if g["yearago"]:
        return TimeValue(grain="ref"), "yearago"
    if g["spoken"]:
        return TimeValue(_spoken_year(g["spk"]), grain="year", stated=frozenset({"year"})), "absolute"
    if g["relunit"]:
        return TimeValue(grain="ref"), "relunit"
    if g["ago"]:
        return TimeValue(grain="ref"), "offset"
    if g["thed"]:
        if not g["thedmod"] and not g["thedir"]:
            return None
        return TimeValue(grain="ref"), "theday"
    if g["deictic"]:
        return TimeValue(grain="ref"), "deictic"
    if g["ref"]:
        return TimeValue(grain="ref"), "ref"
    if g["wd"]:
        return TimeValue(grain="day"), "weekday"
    if g["ord"]:
        if NOT_A_DAY_AFTER.match(text, m.end()) or re.match(r"\s+[a-z]", text[m.end():m.end() + 2]) and not re.match(
                r"\s+(?:of|and|or|to|in|at|when|after|before|the|a|an|was|were|is|will|would|but|with|for|by)\b",
                text[m.end():m.end() + 8]):
            return None
        return TimeValue(None, None, int(g["ordd"]), "day", frozenset({"day"})), "ordinal-day"
    if g["quarter"]:
        return TimeValue(grain="quarter" if g["qunit"] == "quarter" else "half"), "quarter"
    if g["decade"]:
        return TimeValue(int(g["decy"]), grain="decade", stated=frozenset({"year"})), "absolute"
    if g["mon"]:
        before = text[max(0, m.start() - 12):m.start()]
        if not g["monmod"] and not _MONTH_BEFORE.search(before):
            return None
        if g["monm"] in ("May", "March") and re.match(r"\s+(?:of\s+the|[A-Z])", text[m.end():m.end() + 8]):
            return None
        return TimeValue(None, MONTHS[g["monm"].lower()], None, "month", frozenset({"month"})), "month"
    if g["season"]:
        return TimeValue(grain="season"), "season"
    if g["year"]:
        before = text[max(0, m.start() - 12):m.start()]
        if _AFTER_YEAR_NOT_DATE.match(text, m.end()) or _BEFORE_YEAR_NOT_DATE.search(before):
            if not re.search(r"\b(?:in|since|by|of|until|from|during|for|before|after)\s+$", before, re.I):
                return None
        return TimeValue(int(g["yy"]), grain="year", stated=frozenset({"year"})), "absolute"
    if g["fy"]:
        return TimeValue(int(g["fyy"]), grain="year", stated=frozenset({"year"})), "absolute"
    return None


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def _spoken_year(words: str) -> int:
    """"nineteen ninety-six" → 1996, "two thousand and one" → 2001 (broadcast transcripts spell years out)."""
    parts = [w for w in re.split(r"[-\s]+", words.lower()) if w and w != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(_TENS.get(w, NUMBER_WORDS.get(w) or 0) for w in parts[2:])
    return 1900 + sum(_TENS.get(w, NUMBER_WORDS.get(w) or 0) for w in parts[1:])


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _resolve(m: re.Match, text: str, value: TimeValue, kind: str, published: dt.date | None, tense: Tense,
             context: _Context, year_in_sentence: int | None) -> TimeExpression | None:
    """Fill what the words left open, and say from what."""
    g = m.groupdict()
    span_text = m.group(0)
    make = lambda v, anchor, direction="none", reason="", anaphoric=False: TimeExpression(  # noqa: E731
        m.start(), m.start() + len(span_text.rstrip(" ,")), span_text.rstrip(" ,"), v, anchor, direction, reason, anaphoric)
    pub = f"publication date {published.isoformat()}" if published else "no publication date"

    if kind == "absolute":
        return make(value, "stated")

    if kind == "month-day" or kind.startswith("year-relative:"):
        if kind.startswith("year-relative:"):
            phrase = kind.split(":", 1)[1].lower()
            shift = 1 if "next" in phrase or "following" in phrase else -1 if ("last" in phrase or "previous" in phrase) else 0
            if published is None:
                return make(value, pub, "none", f"'{phrase}' needs a publication date")
            year = published.year + shift
            return make(_with_year(value, year), pub, "future" if shift > 0 else "past" if shift < 0 else "none",
                        f"'{phrase}'")
        if year_in_sentence is not None:
            return make(_with_year(value, year_in_sentence), "a year stated earlier in the sentence", "none")
        if published is None:
            return make(value, pub, tense.direction, "year unknown")
        year = _year_for(value.month, value.day, published, tense.direction)
        return make(_with_year(value, year), pub, tense.direction or "past", tense.reason)

    if kind == "month":
        before = text[max(0, m.start() - 6):m.start()].lower()
        direction = "past" if "last" in before else "future" if "next" in before else tense.direction
        if "this" in before:
            direction = "none"
        if published is None:
            return make(value, pub, direction, "year unknown")
        year = published.year if direction == "none" else _year_for(value.month, None, published, direction)
        return make(replace(value, year=year), pub, direction or "none", tense.reason)

    if kind == "ordinal-day":
        if published is None:
            return make(value, pub, tense.direction, "month unknown")
        direction = tense.direction or "past"
        y, mth = published.year, published.month
        if direction == "future" and value.day < published.day:
            y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
        elif direction == "past" and value.day > published.day:
            y, mth = (y - 1, 12) if mth == 1 else (y, mth - 1)
        if not _valid(y, mth, value.day):
            return make(value, pub, direction, "no such day in the month")
        return make(replace(value, year=y, month=mth), pub, direction, tense.reason or "no tense cue: news reports the past")

    if kind == "weekday":
        wd = WEEKDAYS[g["wdw"].lower()]
        # A capitalised weekday inside a name ("Black Friday", "Good Friday") or chrome is still a weekday; fine.
        # "late Wednesday", "Wednesday night": the end of the day, which may spill past midnight
        part = times.lexicon()["day_parts"].get(times.words_of(g["wdmod"] or "")) or times.part_after(text, m.end())
        if published is None:
            return make(replace(value, approx=part), pub, tense.direction, "date unknown")
        direction = tense.direction or "past"
        delta = (published.weekday() - wd) % 7
        day = published - dt.timedelta(days=delta) if direction == "past" else published + dt.timedelta(days=(wd - published.weekday()) % 7)
        return make(TimeValue(day.year, day.month, day.day, "day", frozenset(), approx=part), pub, direction,
                    tense.reason or "no tense cue: news reports the past")

    if kind == "relunit":
        return _relunit(g, make, published, pub, context)

    if kind == "offset":
        return _offset(g, make, published, pub, context)

    if kind == "period":
        return _period(g, make, published, pub, tense, context)

    if kind == "yearago":  # "a year-earlier loss": the quarter under discussion, a year back, else last year
        if context.quarter is not None:
            return make(replace(context.quarter, year=context.quarter.year - 1, stated=frozenset()),
                        "the quarter under discussion", "past")
        if published is None:
            return make(TimeValue(grain="ref", ref="PAST_REF"), pub, "past")
        return make(TimeValue(published.year - 1, grain="year"), pub, "past")

    if kind == "theday":
        base = context.day
        if base is None or base.year is None or base.month is None or base.day is None:
            return make(TimeValue(grain="day"), "no date just mentioned", "none", anaphoric=True)
        d = dt.date(base.year, base.month, base.day)
        word = (g["thedir"] or g["thedmod"] or "").strip().lower()
        shift = -1 if word in ("before", "earlier", "previous", "preceding") else 1 if word in ("after", "later", "next", "following") else 0
        d = d + dt.timedelta(days=shift)
        return make(TimeValue(d.year, d.month, d.day, "day", frozenset()), "the date just mentioned", "none", anaphoric=True)

    if kind == "deictic":
        word = g["dword"].lower()
        if published is None:
            return make(TimeValue(grain="day"), pub, "none")
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
        d = published + dt.timedelta(days=shift)
        return make(TimeValue(d.year, d.month, d.day, "day", frozenset()), pub, "none")

    if kind == "ref":
        word = g["rword"].lower()
        ref = ("FUTURE_REF" if ("future" in word or "coming" in word) else
               "PAST_REF" if word.startswith(("recent", "lately", "the past", "formerly")) else "PRESENT_REF")
        return make(TimeValue(grain="ref", ref=ref), "the time of writing", "none")

    if kind == "quarter":
        n = ORDINAL_QUARTERS[g["qord"].lower()]
        label = f"Q{n}" if g["qunit"] == "quarter" else f"H{n}"
        year = None
        if g["qy0"]:
            year = int(g["qy0"])
        elif g["qrel"]:
            year = published.year + {"next": 1, "last": -1}.get(g["qrel"].lower(), 0) if published else None
        elif g["qy"]:
            if g["qy"].isdigit():
                year = int(g["qy"])
            elif published:
                year = published.year + (1 if g["qy"].startswith("next") else -1 if g["qy"].startswith("last") else 0)
        elif published:
            year = published.year
        grain = "quarter" if g["qunit"] == "quarter" else "half"
        return make(TimeValue(year, grain=grain, quarter=label), "stated" if (g["qy"] or g["qy0"]) else pub)

    if kind == "season":
        if published is None:
            return make(TimeValue(grain="season", quarter=SEASONS[g["seaname"].lower()]), pub)
        return make(TimeValue(published.year, grain="season", quarter=SEASONS[g["seaname"].lower()]), pub)
    return None


def _with_year(value: TimeValue, year: int | None) -> TimeValue:
    end = replace(value.end, year=year) if value.end is not None else None
    if year is not None and value.month and value.day and not _valid(year, value.month, value.day):
        return value
    return replace(value, year=year, end=end)


def _year_for(month: int, day: int | None, published: dt.date, direction: str) -> int:
    """The year that puts a month (and day) on the side of the publication date the tense points to."""
    when = (month, day or 0)
    now = (published.month, published.day if day else 0)
    if direction == "future":
        return published.year if when >= now else published.year + 1
    if direction == "past":
        return published.year if when <= now else published.year - 1
    # no cue: the nearest occurrence
    this = dt.date(published.year, month, min(day or 15, 28))
    gap = (this - published).days
    if gap > 183:
        return published.year - 1
    if gap < -183:
        return published.year + 1
    return published.year


def _relunit(g: dict, make, published: dt.date | None, pub: str, context: _Context) -> TimeExpression:
    rel = g["rurel"].lower()
    unit = (g["ruunit"] or "").lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "this": 0}[rel]
    direction = "past" if step < 0 else "future" if step > 0 else "none"
    base = context.calendar
    if g["ruthe"] and rel in ("following", "previous") and unit in ("year", "month") and base is not None and (
            unit == "year" or base.month is not None):  # "the following year": from the date just mentioned
        if unit == "year":
            return make(TimeValue(base.year + step, grain="year"), "the date just mentioned", direction,
                        f"'{rel}'", anaphoric=True)
        total = base.year * 12 + base.month - 1 + step
        return make(TimeValue(total // 12, total % 12 + 1, None, "month"), "the date just mentioned", direction,
                    f"'{rel}'", anaphoric=True)
    if published is None:
        if g["rumonth"]:
            return make(TimeValue(None, MONTHS[g["rumonth"].lower().rstrip(".")], None, "month", frozenset({"month"})),
                        pub, direction)
        return make(TimeValue(grain="ref", ref="PAST_REF" if step < 0 else "FUTURE_REF" if step > 0 else "PRESENT_REF"),
                    pub, direction)
    if g["rumonth"]:
        month = MONTHS[g["rumonth"].lower().rstrip(".")]
        if step == 0:
            year = published.year
        else:
            year = _year_for(month, None, published, direction)
            if step < 0 and month == published.month:
                year -= 1
            if step > 0 and month == published.month:
                year += 1
        return make(TimeValue(year, month, None, "month", frozenset({"month"})), pub, direction, f"'{rel}'")
    if g["ruwd"]:
        wd = WEEKDAYS[g["ruwd"].lower()]
        if step < 0:
            d = published - dt.timedelta(days=(published.weekday() - wd) % 7 or 7)
        elif step > 0:
            d = published + dt.timedelta(days=(wd - published.weekday()) % 7 or 7)
        else:
            d = published + dt.timedelta(days=wd - published.weekday())
        return make(TimeValue(d.year, d.month, d.day, "day", frozenset()), pub, direction, f"'{rel}'")
    if g["ruseason"]:
        return make(TimeValue(published.year + (step if step else 0), grain="season",
                              quarter=SEASONS[g["ruseason"].lower()]), pub, direction)
    if unit == "year":
        return make(TimeValue(published.year + step, grain="year"), pub, direction, f"'{rel}'")
    if unit == "month":
        y, mth = published.year, published.month + step
        y, mth = (y - 1, 12) if mth == 0 else (y + 1, 1) if mth == 13 else (y, mth)
        return make(TimeValue(y, mth, None, "month"), pub, direction, f"'{rel}'")
    if unit in ("week", "weekend"):
        d = published + dt.timedelta(weeks=step)
        iso = d.isocalendar()
        return make(TimeValue(iso[0], grain="week", week=iso[1]), pub, direction, f"'{rel}'")
    if unit == "quarter":
        q = (published.month - 1) // 3 + step
        y = published.year + q // 4
        return make(TimeValue(y, grain="quarter", quarter=f"Q{q % 4 + 1}"), pub, direction, f"'{rel}'")
    if unit == "decade":
        return make(TimeValue((published.year // 10 + step) * 10, grain="decade"), pub, direction)
    return make(TimeValue((published.year // 100 + step) * 100, grain="century"), pub, direction)


def _period(g: dict, make, published: dt.date | None, pub: str, tense: Tense, context: _Context) -> TimeExpression:
    """"the quarter", "the latest period", "the year-ago quarter", "the weekend": the period under discussion.

    A results story talks of one quarter: the last one it named, else the last one that ended before
    publication. "current" is the publication date's own period.
    """
    unit = g["perunit"].lower()
    mod = re.sub(r"[-\s]+", " ", (g["permod"] or "").lower()).strip()
    back = 1 if ("ago" in mod or "earlier" in mod) else 0
    current = "current" in mod
    if unit in ("quarter", "period"):
        if context.quarter is not None and not current:
            q = context.quarter
            return make(replace(q, year=q.year - back, stated=frozenset()), "the quarter under discussion",
                        "past" if back else "none")
        if published is None:
            return make(TimeValue(grain="quarter", quarter="QX"), pub)
        index = (published.month - 1) // 3 - (0 if current else 1)  # the quarter that ended last, or this one
        year = published.year + index // 4 - back
        return make(TimeValue(year, grain="quarter", quarter=f"Q{index % 4 + 1}"), pub, "past" if back else "none",
                    "the current quarter" if current else "the last quarter that ended before publication")
    if published is None:
        grain = {"year": "year", "month": "month"}.get(unit, "weekend")
        return make(TimeValue(grain=grain), pub)
    if unit == "year":
        return make(TimeValue(published.year - back, grain="year"), pub, "past" if back else "none")
    if unit == "month":
        total = published.year * 12 + published.month - 1 - 12 * back
        return make(TimeValue(total // 12, total % 12 + 1, None, "month"), pub, "past" if back else "none")
    # the weekend: the one before publication unless the clause looks ahead
    saturday = 5
    if tense.direction == "future":
        day = published + dt.timedelta(days=(saturday - published.weekday()) % 7)
    else:
        day = published - dt.timedelta(days=(published.weekday() - saturday) % 7)
    iso = day.isocalendar()
    return make(TimeValue(iso[0], grain="weekend", week=iso[1]), pub, tense.direction or "past",
                tense.reason or "no tense cue: news reports the past")


def _offset(g: dict, make, published: dt.date | None, pub: str, context: _Context) -> TimeExpression:
    """'three years ago' (from the publication date), 'two days later' (from the date just mentioned, else the
    publication date); in a story about a quarter, 'a year ago' is that quarter a year back."""
    n = NUMBER_WORDS.get(g["agon"].lower().replace("  ", " "), None) if not g["agon"].isdigit() else int(g["agon"])
    unit = g["agounit"].lower()
    direction_word = g["agodir"].lower()
    anaphoric = direction_word in ("later", "earlier", "before", "after")
    sign = 1 if direction_word in ("later", "after", "from now") else -1
    if unit == "year" and n is not None and context.quarter is not None and direction_word in ("ago", "earlier"):
        q = context.quarter
        return make(replace(q, year=q.year - n, stated=frozenset()), "the quarter under discussion", "past",
                    anaphoric=anaphoric)
    base = context.day if anaphoric else None
    if base is not None:
        anchor_date, anchor = dt.date(base.year, base.month, base.day), "the date just mentioned"
    else:
        if published is None:
            return make(TimeValue(grain="ref", ref="PAST_REF" if sign < 0 else "FUTURE_REF"), pub, "none")
        anchor_date, anchor = published, pub
    if n is None:
        return make(TimeValue(grain="ref", ref="PAST_REF" if sign < 0 else "FUTURE_REF"), anchor, "none", anaphoric=anaphoric)
    if unit == "day":
        d = anchor_date + dt.timedelta(days=sign * n)
        return make(TimeValue(d.year, d.month, d.day, "day"), anchor, "past" if sign < 0 else "future", anaphoric=anaphoric)
    if unit == "week":
        d = anchor_date + dt.timedelta(weeks=sign * n)
        iso = d.isocalendar()
        return make(TimeValue(iso[0], grain="week", week=iso[1]), anchor, "none", anaphoric=anaphoric)
    if unit == "month":
        total = anchor_date.year * 12 + anchor_date.month - 1 + sign * n
        return make(TimeValue(total // 12, total % 12 + 1, None, "month"), anchor, "none", anaphoric=anaphoric)
    if unit == "year":
        return make(TimeValue(anchor_date.year + sign * n, grain="year"), anchor, "none", anaphoric=anaphoric)
    return make(TimeValue((anchor_date.year + sign * n * 10) // 10 * 10, grain="decade"), anchor, "none", anaphoric=anaphoric)


def display(value: TimeValue) -> str:
    """A date as a reader writes it: '12 January 2022', '12 January (year unknown)'."""
    if value.ref:
        return {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}[value.ref]
    year = str(value.year) if value.year is not None else None
    if value.is_time:
        clock = f"{value.hour:02d}:{value.minute or 0:02d}"
        if value.end is not None and value.end.is_time:
            clock += f"\u2013{value.end.hour:02d}:{value.end.minute or 0:02d}"
        elif value.either_half:  # "a little after 10"
            clock += f" or {(value.hour + 12) % 24:02d}:{value.minute or 0:02d}"
        if value.zone is not None:
            clock += " UTC" if value.zone == "+00:00" else f" UTC{value.zone}"
        if value.approx:
            clock = f"{_HEDGE_DISPLAY.get(value.approx, value.approx)} {clock}"
        day = replace(value, grain="day", hour=None, minute=None, zone=None, approx=None, either_half=False, end=None)
        on = display(day) if value.month or value.day else "day unknown"
        return f"{clock}, {on}"
    if value.grain == "day" and value.approx in ("late", "early"):
        return f"{value.approx} {display(replace(value, approx=None))}"
    if value.grain == "day":
        month = calendar.month_name[value.month] if value.month else None
        if value.day and month:
            out = f"{value.day} {month}"
        elif value.day:
            out = f"the {value.day}{_ordinal(value.day)} (month unknown)"
        else:
            out = month or "a day"
        if value.end is not None and value.end.day:
            out = f"{value.day}–{value.end.day} {month}" if value.end.month == value.month else f"{out} – {display(value.end)}"
        return f"{out} {year}" if year else (out if value.day and not month else f"{out} (year unknown)")
    if value.grain == "month":
        month = calendar.month_name[value.month] if value.month else "a month"
        return f"{month} {year}" if year else f"{month} (year unknown)"
    return value.timex


_HEDGE_DISPLAY = {"about": "around", "after": "shortly after", "before": "shortly before"}


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
