"""Times of day: "4:52 pm IST", "shortly after 3 a.m.", "1630 hours", "18h30", "noon"; as text split into tokens
prints them, "9. 25 a. m." and "about 9: 25".

Read here, one clock at a time; ``dates.tag`` gives each the day it belongs to (the date of the
same phrase, else the nearest date of the sentence, else none: ``XXXX-XX-XXT16:52``). A time is
tagged before the dates of its sentence, so that "around 1630 hours" never becomes the year 1630.

The words live in ``data/dates.toml``: the named times (``[times] named``), the hedges and which
way they widen a time (``[times.hedges]``), the words that tell a.m. from p.m. ("in the evening"),
and the time zones as UTC offsets (``[zones]``), with the summer rule of those that change.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from crosscheck.lexicon import Gated, built_from_words, data, first_word, phrase_alternation, second_words

LEAD_CHARS = 300  # where an article's dateline names its place ("KATHMANDU, Nepal (AP) -")

# Where a bare hour may stop after a hedge ("a little after 10." / "a little after 10 on Thursday"), so that
# "about 10 people" is no time.
_BARE_HOUR_END = re.compile(
    r"\s*(?:$|[.,;:!?)]|[\u2014\u2013-](?!\s*\d)|(?:on|in|at|that|when|and|or|but|last|this|local|yesterday|today|tonight|"
    r"tomorrow|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)")
_UTC_OFFSET = re.compile(r"(?:GMT|UTC)\s?(?P<sign>[+\-\u2212])\s?(?P<h>\d{1,2})(?::?(?P<m>\d\d))?")
_SPACES = re.compile(r"\s+")


def words_of(phrase: str) -> str:
    """A phrase as the data files write it: single spaces, lower case."""
    return _SPACES.sub(" ", phrase.strip()).lower()


@dataclass(frozen=True)
class Clock:
    """One time of day as the text writes it, before it has a day."""

    start: int
    end: int
    text: str
    hour: int  # 0-24
    minute: int
    zone: str | None  # the zone's words as written ("IST", "local time"), None when none
    offset: str | None  # its UTC offset, when the zone alone gives it ("+05:30")
    seasonal: dict | None  # {"winter", "summer", "rule"} for a zone whose offset depends on the day
    approx: str | None  # about | after | before
    either_half: bool  # the hour may be a.m. or p.m.
    days_back: int | None = None  # "10.30pm last night": the day before publication; "this morning": that day


def _alternation(words, flags: str = "") -> str:
    body = phrase_alternation(words)
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@built_from_words
def lexicon() -> dict:
    spec = data("dates")
    times, zones = spec["times"], spec["zones"]
    return {
        "named": {k.lower(): tuple(int(x) for x in v.split(":")) for k, v in times["named"].items()},
        "clock_words": [w.lower() for w in times["clock_words"]],
        "half": {k.lower(): v for k, v in times["half_of_day"].items()},
        "half_day": {k.lower(): v for k, v in times.get("half_of_day_days_back", {}).items()},
        "hedges": {k.lower(): v for k, v in times["hedges"].items()},
        "day_parts": {k.lower(): v for k, v in times.get("day_parts", {}).items()},
        "day_parts_after": {k.lower(): v for k, v in times.get("day_parts_after", {}).items()},
        "local": [w.lower() for w in zones.get("local", [])],
        "fixed": dict(zones.get("fixed", {})),
        "seasonal": dict(zones.get("seasonal", {})),
        # a zone as written → (offset, seasonal): abbreviations by their case ("IST"), names in any case
        "zones": {**{(z if " " not in z else z.lower()): (v, None) for z, v in zones.get("fixed", {}).items()},
                  **{(z if " " not in z else z.lower()): (None, v) for z, v in zones.get("seasonal", {}).items()}},
    }


@built_from_words
def _before_a_clock() -> dict[str, re.Pattern]:
    """The words just before a number that make it a time of day ("at 20:55", "à 20:55": ``prepositions``) or no
    time ("for 1500 hours", "of around 4": ``not_before``), from ``[times]`` of ``data/dates.toml``."""
    times = data("dates")["times"]
    return {key: re.compile(rf"(?<!\w)(?:{_alternation(times[key])})\s+$", re.I) for key in ("prepositions", "not_before")}


def _words_before(key: str) -> re.Pattern:
    return _before_a_clock()[key]


@built_from_words
def clocks() -> Gated:
    """The compiled pattern of a time of day, tried only at a digit, a hedge or a named time."""
    lex = lexicon()
    hedges = _alternation(lex["hedges"], "i")
    named = _alternation(lex["named"], "i")
    clock_words = _alternation(lex["clock_words"], "i")
    half = _alternation(lex["half"], "i")
    abbreviations = [z for z in [*lex["fixed"], *lex["seasonal"]] if " " not in z]
    phrases = [z for z in [*lex["fixed"], *lex["seasonal"]] if " " in z]
    zone_words = (rf"(?:(?:GMT|UTC)\s?[+\-\u2212]\s?\d{{1,2}}(?::?\d\d)?|{_alternation(phrases, 'i')}|"
            rf"{_alternation(lex['local'], 'i')}|{_alternation(abbreviations)})")
    zone = f"(?P<zone>{zone_words})"
    pattern = re.compile(
        rf"""
        (?:(?P<hedge>{hedges})\s+)?
        (?:
            (?P<hm>(?P<h1>[01]?\d|2[0-3])(?P<sep>[:.])(?P<gap>[ ])?(?P<m1>[0-5]\d)(?::[0-5]\d)?(?![\d:]|\.\d))
          | (?P<hh>(?P<h2>[01]?\d|2[0-3])h(?P<m2>[0-5]\d)?(?!\w))
          | (?P<mil>(?P<h3>[01]\d|2[0-3])(?P<m3>[0-5]\d)(?=\s?(?:{clock_words}|{zone_words})(?!\w)(?!\s+of\b)
                                                       |\s?\((?:[01]\d|2[0-3])[0-5]\d\s?{zone_words}\)))
          | (?:12\s+)?(?P<named>{named})(?![\w-])
          | (?P<bare>(?P<h4>1[0-2]|0?[1-9])(?!\d|[:.,]\d|(?!(?i:[ap])(?:\.(?i:m)|(?i:m)\b))[^\W\d])
                (?(hedge)|(?=\s?(?:(?i:[ap])\.?[ ]?(?i:m)\b|o['\u2019]clock)|\s+{half}\b
                              |\s*(?:-|\u2013|to|and|until|till)\s*(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?(?i:[ap])\.?(?i:m)\b)))
        )
        (?:\s?(?P<ampm>(?i:[ap])(?:\.(?i:m)\.?|\.[ ](?i:m)(?:\.|(?!\w))|(?i:m)\b)))?
        (?:\s?(?P<oclock>o['\u2019]clock))?
        (?:\s?(?P<clockword>{clock_words})(?!\w))?
        (?:\s?(?P<paren>\()?{zone}(?(paren)\))(?![\w+\-]))?
        (?:(?=\s+(?P<half>{half})\b))?
        (?:(?=\s*(?:-|\u2013|to|and|until|till)\s*(?P<h5>1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s?
            (?P<ampm2>(?i:[ap])(?:\.(?i:m)|(?i:m)\b))))?
        """,
        re.VERBOSE,
    )
    hedge_words = list(lex["hedges"])
    firsts = {first_word(w) for w in [*hedge_words, *lex["named"]]}
    return Gated(pattern, firsts, digits=True, second_words=second_words(hedge_words))


@built_from_words
def _part_after() -> re.Pattern:
    return re.compile(rf"\s+(?:on\s+)?({_alternation(lexicon()['day_parts_after'], 'i')})\b")


def part_after(text: str, at: int) -> str | None:
    """The end of the day a word after a day names: "Wednesday night" is late, "Thursday morning" early."""
    m = _part_after().match(text, at)
    return lexicon()["day_parts_after"].get(words_of(m.group(1))) if m else None


def find(text: str, start: int, end: int) -> list[Clock]:
    """The times of day in ``text[start:end]``."""
    out = []
    for m in clocks().finditer(text, start, end):
        clock = _read(m, text, end)
        if clock is not None:
            out.append(clock)
    return out


def _read(m: re.Match, text: str, end: int) -> Clock | None:
    g = m.groupdict()
    lex = lexicon()
    ampm = (g["ampm"] or "").lower()[:1] or lex["half"].get(words_of(g["half"] or ""), "")[:1]
    if not ampm and g["ampm2"]:  # "between 9 and 11 p.m.", "4:30-5:15 pm": the range's end tells the half of day
        ampm = g["ampm2"].lower()[:1]
        first = int(g["h1"] or g["h4"] or 0) % 12
        if first > int(g["h5"]) % 12:  # "11 to 1 p.m.": the first is in the morning
            ampm = "a" if ampm == "p" else "p"
    approx = lex["hedges"].get(words_of(g["hedge"])) if g["hedge"] else None
    zone = g["zone"]
    either = False
    named = False
    if g["hm"]:
        hour, minute = int(g["h1"]), int(g["m1"])
        if g["sep"] == "." and not (g["ampm"] or g["clockword"] or zone):
            return None  # "10.30" is a number unless a.m./p.m., "hrs" or a zone says it is a time
        if g["gap"] and not (g["ampm"] or g["clockword"] or zone or g["half"] or g["hedge"]):
            return None  # "9: 25", as text split into tokens prints "9:25": a time only when more than a colon says so
        if not (g["ampm"] or g["clockword"] or zone or g["half"] or g["hedge"] or g["ampm2"]) and \
                not _words_before("prepositions").search(text, max(0, m.start() - 8), m.start()):
            return None  # a clock alone ("a timeline of events 01:26") is a video's length, a score, a timestamp
    elif g["hh"]:
        hour, minute = int(g["h2"]), int(g["m2"] or 0)
        if g["m2"] is None and (len(g["h2"]) < 2 or g["ampm"]):
            return None  # "18h" is a time, "4h" a duration
    elif g["mil"]:
        hour, minute = int(g["h3"]), int(g["m3"])
        if g["ampm"] or _words_before("not_before").search(text, max(0, m.start() - 8), m.start()):
            return None  # "for 1500 hours" is a duration
    elif g["named"]:
        hour, minute = lex["named"][words_of(g["named"])]
        named = True
        if g["ampm"]:
            return None
        if g["named"][0].isupper() and not (g["hedge"] or zone or _words_before("prepositions").search(
                text, max(0, m.start() - 8), m.start())):
            return None  # "Midnight in the American Empire" is a book
    else:
        hour, minute = int(g["h4"]), 0
        if g["clockword"]:
            return None  # "12 hours" is a duration
        if not (g["ampm"] or g["oclock"] or g["half"] or g["ampm2"]):
            if not (g["hedge"] and (zone or _BARE_HOUR_END.match(text, m.end(), end))):
                return None
            if _words_before("not_before").search(text, max(0, m.start() - 8), m.start()):
                return None  # "aftershocks of around 4" measure something; "a little after 10." is a time
        elif g["half"] and not (g["ampm"] or g["oclock"] or g["hedge"]) and not _words_before("prepositions").search(
                text, max(0, m.start() - 8), m.start()):
            return None  # "killed 7 in the evening" counts people; "at 7 in the evening" is a time
    if ampm and hour <= 12:
        if hour == 0:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    elif ampm and g["ampm"] and not (ampm == "p" and hour < 24 and g["hm"]):
        return None  # "16:30 am" says two things; "17:06 pm" only says the afternoon twice
    elif not named and not g["mil"] and not g["hh"]:
        # "4:52", "a little after 10" with no a.m./p.m.: a 24-hour clock when it could not be a 12-hour one
        either = 1 <= hour <= 12 and not (g["hm"] and g["h1"].startswith("0"))
    if named and hour == 24 and approx == "after":
        hour = 0  # "shortly after midnight on Thursday" is the start of Thursday
    if hour == 24 and not named:
        return None
    offset, seasonal = zone_offset(zone)
    stop = m.end()
    back = lex["half_day"].get(words_of(g["half"])) if g["half"] else None
    return Clock(m.start(), stop, text[m.start():stop], hour, minute, zone, offset, seasonal, approx, either, back)


def zone_offset(zone: str | None) -> tuple[str | None, dict | None]:
    """A zone's UTC offset ("+05:30"), or the summer and winter offsets of a zone that changes; none for "local"."""
    if not zone:
        return None, None
    lex = lexicon()
    words = _SPACES.sub(" ", zone.strip())
    if words.lower() in lex["local"]:
        return None, None
    m = _UTC_OFFSET.fullmatch(words)
    if m:
        return _offset(m.group("sign"), int(m.group("h")), int(m.group("m") or 0)), None
    return lex["zones"].get(words) or lex["zones"].get(words.lower()) or (None, None)


def _offset(sign: str, hours: int, minutes: int) -> str:
    sign = "-" if sign in ("-", "\u2212") else "+"
    return f"{sign}{hours:02d}:{minutes:02d}"


def seasonal_offset(seasonal: dict, day: dt.date | None) -> str | None:
    """The offset of a zone that changes in summer ("ET") on a given day; None when the day is unknown."""
    if day is None:
        return None
    return seasonal["summer"] if in_summer(day, seasonal.get("rule", "us")) else seasonal["winter"]


def in_summer(day: dt.date, rule: str) -> bool:
    """Daylight saving time: "us" from the second Sunday of March to the first Sunday of November; "eu" from the
    last Sunday of March to the last Sunday of October."""
    def sunday(month: int, nth: int) -> dt.date:
        days = [d for d in calendar.Calendar().itermonthdates(day.year, month) if d.month == month and d.weekday() == 6]
        return days[nth]

    if rule == "eu":
        return sunday(3, -1) <= day < sunday(10, -1)
    return sunday(3, 1) <= day < sunday(11, 0)


def offset_minutes(offset: str) -> int:
    """ "+05:30" → 330."""
    sign = -1 if offset[0] == "-" else 1
    hours, minutes = offset[1:].split(":")
    return sign * (int(hours) * 60 + int(minutes))


def offset_between(local_minutes: int, utc_minutes: int) -> str | None:
    """The offset that makes a local clock reading the UTC one ("10:52 p.m. local time (0352 GMT)" → -05:00)."""
    diff = (local_minutes - utc_minutes) % 1440
    if diff > 14 * 60:
        diff -= 1440
    if diff % 15:
        return None
    return _offset("-" if diff < 0 else "+", abs(diff) // 60, abs(diff) % 60)


_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|off|from|into|outside|across|over)\s+(?:the\s+)?$")
_DATELINE = re.compile(r"\s*([A-Z][A-Za-z.'\u2019-]*(?:[ -][A-Z][A-Za-z.'\u2019-]*)*)(?=\s*(?:,|\(|\u2014|\u2013|-))")
_CAPITALISED = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'\u2019.-]*(?:[ -][A-Z][A-Za-z\u00c0-\u024f'\u2019.-]*)*")


@built_from_words
def place_zones() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """The IANA zone of each city of the gazetteer (by name and country), and of each country that has only one."""
    from crosscheck.extract.places import geonames

    cities: dict[tuple[str, str], tuple[int, str]] = {}
    by_country: dict[str, set[str]] = {}
    for name, code, population, tz, _ in geonames()["cities"]:
        key = (name, code)
        if not tz:
            continue
        by_country.setdefault(code, set()).add(tz)
        if key not in cities or cities[key][0] < population:
            cities[key] = (population, tz)
    return {k: tz for k, (_, tz) in cities.items()}, {c: next(iter(z)) for c, z in by_country.items() if len(z) == 1}


def local_offset(text: str, start: int, end: int, body_start: int, day: dt.date | None, hour: int,
                 minute: int) -> tuple[str, str] | None:
    """The UTC offset of "local time": the zone of the first place the sentence names, else the article's dateline;
    on the day of the time (else none: an offset that changes in summer needs the day)."""
    if day is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from crosscheck.extract.places import gazetteer

    gaz = gazetteer()
    cities, countries = place_zones()
    lead = _DATELINE.match(text, body_start, min(len(text), body_start + LEAD_CHARS))
    runs = [m.group(0) for m in _CAPITALISED.finditer(text, start, end)
            if _PLACE_BEFORE.search(text, max(0, m.start() - 9), m.start())]
    for run in runs + ([lead.group(1)] if lead else []):
        run = run.rstrip(".")
        for name in (run, *run.split()):
            entry = gaz.get(name) or gaz.get(name.title())
            if entry is None or entry.kind not in ("city", "country"):
                continue
            tz = cities.get((entry.name, entry.country)) if entry.kind == "city" else countries.get(entry.country)
            if tz is None:
                continue
            try:
                when = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=hour * 60 + minute)
                delta = ZoneInfo(tz).utcoffset(when)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            total = int(delta.total_seconds() // 60)
            return _offset("-" if total < 0 else "+", abs(total) // 60, abs(total) % 60), entry.name
    return None
