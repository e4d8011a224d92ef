"""When two slot values say the same thing, at the grain both know.

Shared by grouping (agreement is evidence that two claims are one event) and
comparing (disagreement inside an event is a conflict), so both read values
by the same rules:

- dates agree on every part both know; a year that either side inferred
  (not stated) is left out, since a wrong or missing publication date must
  not make a conflict by itself; "January" agrees with "10 January";
- places agree when they are the same or one contains the other (Geneva, Switzerland);
- participants agree when one side's parties are all on the other side.
"""
from __future__ import annotations

import datetime as dt

from crosscheck.model import Place, TimeValue
from crosscheck.extract.places import gazetteer


def dates_agree(a: TimeValue, b: TimeValue) -> bool:
    """Whether two calendar values can name the same time."""
    if not (a.is_calendar and b.is_calendar):
        return True  # nothing comparable: no evidence of disagreement
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
    """Agreement that is evidence of one event: they agree, and share at least a month or a day."""
    if not (a.is_calendar and b.is_calendar) or not dates_agree(a, b):
        return False
    return (a.day is not None and b.day is not None) or (a.month is not None and b.month is not None)


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
    import datetime as dt

    if not (a.is_calendar and b.is_calendar) or a.end is not None or b.end is not None:
        return None
    if None in (a.month, a.day, b.month, b.day) or (a.year is None and b.year is None):
        return None
    try:
        return abs((dt.date(a.year or b.year, a.month, a.day) - dt.date(b.year or a.year, b.month, b.day)).days)
    except ValueError:  # 29 February of a year that has none
        return None
