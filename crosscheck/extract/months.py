"""Month and weekday names: English, and those of the languages ``data/dates.toml`` lists (from dateparser's locales).

Below both the sentence splitter (a day's ordinal dot before a month, "am 12. Januar", ends no sentence)
and the date tagger, so neither imports the other for them.
"""
from __future__ import annotations

import calendar
import json
from importlib.util import find_spec
from pathlib import Path

from crosscheck.lexicon import built_from_words, data

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

_MONTH_KEYS = [calendar.month_name[i].lower() for i in range(1, 13)]


@built_from_words
def foreign_months() -> dict[str, int]:
    """Month names (lower case) → number, in the languages of ``data/dates.toml``, from dateparser's locales."""
    names: dict[str, int] = {}
    for lang in data("dates")["languages"]:
        info = _locale_file(lang)
        if info is None:
            from dateparser.languages.loader import default_loader

            info = default_loader.get_locale(lang).info
        for number, key in enumerate(_MONTH_KEYS, 1):
            for name in info.get(key, []):
                name = name.lower().rstrip(".")
                if len(name) >= 4 and name not in MONTHS:  # short abbreviations read English words as months
                    names.setdefault(name, number)
    return names


_WEEKDAY_KEYS = [calendar.day_name[i].lower() for i in range(7)]  # "monday" ... "sunday", as dateparser files them
FOREIGN_WEEKDAY_MIN_LETTERS = 5  # shorter names are abbreviations ("lun", "mo", "fr") that read other words as days


@built_from_words
def foreign_weekdays() -> dict[str, int]:
    """Weekday names (lower case) → Monday 0 ... Sunday 6, in the languages of ``data/dates.toml``, from dateparser's
    locales ("vendredi", "viernes", "freitag")."""
    names: dict[str, int] = {}
    for lang in data("dates")["languages"]:
        info = _locale_file(lang)
        if info is None:
            from dateparser.languages.loader import default_loader

            info = default_loader.get_locale(lang).info
        for number, key in enumerate(_WEEKDAY_KEYS):
            for name in info.get(key, []):
                name = name.lower().rstrip(".")
                if len(name) >= FOREIGN_WEEKDAY_MIN_LETTERS and name != key and name not in MONTHS:
                    names.setdefault(name, number)
    return names


_LOCALE_FILE_HEAD = "info = "


def _locale_file(lang: str) -> dict | None:
    """A language's data as dateparser ships it (``dateparser/data/date_translation_data/LANG.py``: ``info = {...}``,
    plain JSON after the name), read as data without importing dateparser, whose import took a quarter of a small
    check's start-up. What dateparser's loader gives for a language (not a regional locale such as ``de-AT``, which it
    merges with its parent); None where the file is missing or is not that shape, and dateparser itself is asked."""
    if not lang.isalpha():
        return None
    spec = find_spec("dateparser")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "data" / "date_translation_data" / f"{lang}.py"
    try:
        text = path.read_text("utf-8")
        info = json.loads(text[len(_LOCALE_FILE_HEAD):]) if text.startswith(_LOCALE_FILE_HEAD) else None
    except (OSError, ValueError, RecursionError):
        return None
    return info if isinstance(info, dict) and info.get("name") == lang else None


def is_month_name(word: str) -> bool:
    """A month's name in English or in one of the languages read."""
    w = word.lower().rstrip(".")
    return w in MONTHS or w in foreign_months()
