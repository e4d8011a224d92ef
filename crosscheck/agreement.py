"""When two slot values say the same thing, at the grain both know.

Shared by grouping (agreement is evidence that two claims are one event) and
comparing (disagreement inside an event is a conflict), so both read values
by the same rules:

- dates agree on every part both know; a year that either side inferred
  (not stated) is left out, since a wrong or missing publication date must
  not make a conflict by itself; "January" agrees with "10 January";
- times of day agree when they agree on the day and their intervals overlap: a clock is a point,
  "around" widens it both ways, "shortly after" / "a little after" later, "shortly before" earlier
  (the widths below); in UTC when both zones are known, clock against clock when neither is, and
  when only one is, disagreeing only where no zone's offset makes them one time; a time whose
  day is unknown (``XXXX-XX-XXT16:52``) is compared by its clock alone; a time against a date
  compares the days, and "late Wednesday" does not disagree with a time just after midnight on
  Thursday (nor "early Thursday" with one just before);
- places agree when they are the same or one contains the other (Geneva, Switzerland);
- participants agree when one side's parties are all on the other side.
"""
from __future__ import annotations

import datetime as dt

from crosscheck.model import Place, TimeValue
from crosscheck.extract.places import gazetteer
from crosscheck.extract.times import offset_minutes


AROUND_MINUTES = 5  # "around 10:45 p.m." is 10:40-10:50 p.m.: "around 10:30" and "around 10:45" disagree
AROUND_HOUR_MINUTES = 30  # "around 11pm" rounds to the hour: 22:30-23:30, so it agrees with "around 11:30pm"
SHORTLY_AFTER_MINUTES = 30  # "shortly after 3 a.m.", "a little after 10" is 3:00-3:30
SHORTLY_BEFORE_MINUTES = 30  # "shortly before midnight" is 23:30-24:00
WIDENING = {  # (earlier, later) minutes, by the direction data/dates.toml gives a hedge
    "about": (AROUND_MINUTES, AROUND_MINUTES),
    "after": (0, SHORTLY_AFTER_MINUTES),
    "before": (SHORTLY_BEFORE_MINUTES, 0),
}
LATE_DAY_SPILL_MINUTES = 120  # "late Wednesday" may be Thursday up to 02:00
EARLY_DAY_SPILL_MINUTES = 120  # "early Thursday" may be Wednesday from 22:00
DAY = 24 * 60
ZONE_STEP_MINUTES = 15  # every zone's offset from UTC is a multiple of a quarter hour
MAX_ZONE_HOURS = 14  # and lies within 14 hours of it


def dates_agree(a: TimeValue, b: TimeValue) -> bool:
    """Whether two calendar values (days, months, years, times of day) can name the same time."""
    if not (a.is_calendar and b.is_calendar):
        return True  # nothing comparable: no evidence of disagreement
    if a.is_time and b.is_time:
        return times_agree(a, b)
    if days_agree(a, b):
        return True
    return _spills_over_midnight(a, b) or _spills_over_midnight(b, a)


def days_agree(a: TimeValue, b: TimeValue) -> bool:
    """Whether two calendar values agree on their year, month and day (any time of day left out)."""
    if not (a.is_calendar and b.is_calendar):
        return True
    if a.end is not None or b.end is not None:
        return _ranges_overlap(a, b)
    if a.year is not None and b.year is not None and a.year != b.year and "year" in a.stated and "year" in b.stated:
        return False
    if a.month is not None and b.month is not None and a.month != b.month:
        return False
    if a.day is not None and b.day is not None and a.day != b.day:
        return False
    return True


def dates_match(a: TimeValue, b: TimeValue) -> bool:
    """Agreement that is evidence of one event: they agree on the day, and share at least a month or a day.

    Times of day are left out: two outlets that give an event different times still speak of one event (that is the
    conflict to find), and a claim's reading for grouping (``group._value_identity``) holds no time."""
    if not (a.is_calendar and b.is_calendar) or not days_agree(a, b):
        return False
    return (a.day is not None and b.day is not None) or (a.month is not None and b.month is not None)


def times_agree(a: TimeValue, b: TimeValue) -> bool:
    """Two times of day: the same day (or instant, in UTC) and overlapping intervals.

    When only one of them names its zone, the other may be in any zone: they disagree only when no zone's offset
    (a multiple of ``ZONE_STEP_MINUTES``, at most ``MAX_ZONE_HOURS``) makes them one time ("4:52 pm" against
    "11:22 GMT" may be India's time; "16:30" against "16:52 GMT" is no one's)."""
    in_utc = a.zone is not None and b.zone is not None
    one_zone = (a.zone is None) != (b.zone is None)
    days = _common_days(a, b)
    if days is None and not days_agree(a, b):
        return False
    shifts = range(-MAX_ZONE_HOURS * 60, MAX_ZONE_HOURS * 60 + 1, ZONE_STEP_MINUTES) if one_zone else (0,)
    base_a, base_b = (days[0] * DAY, days[1] * DAY) if days is not None else (0, 0)
    turns = (0,) if days is not None else (-DAY, 0, DAY)  # a day unknown: clock against clock, round the dial
    for lo_a, hi_a in _intervals(a, in_utc):
        for lo_b, hi_b in _intervals(b, in_utc):
            lo_a2, hi_a2, lo_b2, hi_b2 = lo_a + base_a, hi_a + base_a, lo_b + base_b, hi_b + base_b
            if any(_overlap(lo_a2, hi_a2, lo_b2 + t + z, hi_b2 + t + z) for t in turns for z in shifts):
                return True
    return False


def _overlap(lo_a: int, hi_a: int, lo_b: int, hi_b: int) -> bool:
    """Two intervals of minutes share more than an end ("around 5:00" and "around 5:10" touch at 5:05 only); a
    point (a time stated without a hedge) agrees with an interval that holds it, ends included."""
    if lo_a == hi_a or lo_b == hi_b:
        return lo_a <= hi_b and lo_b <= hi_a
    return lo_a < hi_b and lo_b < hi_a


def _intervals(v: TimeValue, in_utc: bool) -> list[tuple[int, int]]:
    """The minutes of its day a time may be at (one reading, or two for an hour that may be a.m. or p.m.)."""
    earlier, later = WIDENING.get(v.approx or "", (0, 0))
    if v.approx == "about" and not v.minute:
        earlier = later = AROUND_HOUR_MINUTES
    shift = -offset_minutes(v.zone) if in_utc else 0
    hours = [v.hour]
    if v.either_half:
        hours.append((v.hour + 12) % 24)
    length = 0  # a range ("between 9 and 11 p.m.") lasts to its end, past midnight if the end comes first
    if v.end is not None and v.end.is_time:
        length = (v.end.hour * 60 + (v.end.minute or 0) - v.hour * 60 - (v.minute or 0)) % DAY
    return [(h * 60 + (v.minute or 0) - earlier + shift, h * 60 + (v.minute or 0) + length + later + shift)
            for h in hours]


def _common_days(a: TimeValue, b: TimeValue) -> tuple[int, int] | None:
    """Both days as day numbers of one calendar, when both are known to the day; a year that either inferred is
    taken from the other. None when a day is unknown or the stated years differ."""
    if None in (a.month, a.day, b.month, b.day):
        return None
    year = a.year if a.year is not None else b.year
    if a.year is not None and b.year is not None and a.year != b.year:
        if "year" in a.stated and "year" in b.stated:
            return None
        year = a.year if "year" in a.stated else b.year
    try:
        return dt.date(year or 2000, a.month, a.day).toordinal(), dt.date(year or 2000, b.month, b.day).toordinal()
    except ValueError:
        return None


def _spills_over_midnight(date: TimeValue, time: TimeValue) -> bool:
    """ "late Wednesday" against a time just after midnight on Thursday, "early Thursday" against one just before;
    a day told with no time of day may be either (an attack at 23:00 on Thursday is "Friday" in a report of the
    early hours)."""
    if date.is_time or not time.is_time or date.approx not in ("late", "early", None):
        return False
    days = _common_days(date, time)
    if days is None:
        return False
    clock = time.hour * 60 + (time.minute or 0) + (days[1] - days[0]) * DAY  # minutes from the start of the date's day
    late = DAY <= clock < DAY + LATE_DAY_SPILL_MINUTES
    early = -EARLY_DAY_SPILL_MINUTES <= clock < 0
    return late if date.approx == "late" else early if date.approx == "early" else late or early


def _ranges_overlap(a: TimeValue, b: TimeValue) -> bool:
    def bounds(v: TimeValue) -> tuple[tuple, tuple]:
        end = v.end or v
        return (v.month or 0, v.day or 0), (end.month or 13, end.day or 32)

    if a.month is None or b.month is None:
        return True
    (a0, a1), (b0, b1) = bounds(a), bounds(b)
    return a0 <= b1 and b0 <= a1


def places_agree(a: Place, b: Place) -> bool:
    if a.name == b.name:
        return True
    gaz = gazetteer()
    return gaz.contains(a.name, b.name) or gaz.contains(b.name, a.name) or (
        a.kind == "continent" or b.kind == "continent")


def parties_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """One side names a part of the other's participants: "talks with NATO" and "Russia–NATO talks"."""
    return bool(a & b) and (a <= b or b <= a)


def themes_agree(a: str | None, b: str | None) -> bool:
    """Two objects share a content word ("draft agreement", "draft")."""
    if not a or not b:
        return False
    return bool(set(a.split()) & set(b.split()))


SAME_EVENT_MAX_DAYS = 2  # reports of one event may differ on its day by this much (the day in dispute); more: two


def days_apart(a: TimeValue, b: TimeValue) -> int | None:
    """How many days lie between two days that both know their month and day (the year, where one is unknown, taken
    as the other's), or None."""
    if not (a.is_calendar and b.is_calendar) or a.end is not None or b.end is not None:
        return None
    if None in (a.month, a.day, b.month, b.day) or (a.year is None and b.year is None):
        return None
    try:
        return abs((dt.date(a.year or b.year, a.month, a.day) - dt.date(b.year or a.year, b.month, b.day)).days)
    except ValueError:  # 29 February of a year that has none
        return None
