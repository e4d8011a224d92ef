"""How many: the counts a sentence gives for its event, read as intervals.

"at least 35 people were killed" is dead ≥ 35; "tens of thousands" is 20,000–99,999; "about
100,000 troops" is 85,000–115,000; "a magnitude 7.8 earthquake" is magnitude 7.8. Two counts of
one measure agree when their intervals overlap ("at least 40" agrees with 62; 35 dead and 53 dead
do not). The measures and their words live in ``data/measures.toml``.
"""
from __future__ import annotations

import re

from crosscheck.lexicon import Gated, built_from_words, data, first_word
from crosscheck.model import Quantity, Span

ABOUT_MARGIN = 0.15  # "about 100" is 85-115
NEARLY_MARGIN = 0.15  # "nearly 100" is 85-100
SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12,
    "a hundred": 100, "a thousand": 1000,
}
VAGUE = {  # words that give only an order of magnitude
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "tens of thousands": (20000, 99999), "hundreds of thousands": (200000, 999999), "millions": (2e6, 9.99e6),
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


@built_from_words
def _patterns() -> tuple[Gated, dict[str, str], dict[str, str], dict[str, str]]:
    spec = data("measures")
    hedge_of = {w: kind for kind, words in spec["hedges"].items() for w in words}
    measure_of_after: dict[str, str] = {}
    measure_of_before: dict[str, str] = {}
    for measure, words in spec["measures"].items():
        for w in words.get("after", []):
            measure_of_after.setdefault(w.lower(), measure)
        for w in words.get("before", []):
            measure_of_before.setdefault(w.lower(), measure)

    def alt(words) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    number = (rf"(?P<hedgeN>(?:{alt(hedge_of)})\s+)?(?P<numN>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
              rf"{alt(VAGUE)}|{alt(SMALL_NUMBERS)})(?:\s+(?P<scaleN>{alt(SCALES)}))?")
    people = r"(?:[-\s]+(?:people|persons|civilians|others|men|women|children|residents|workers|passengers|police|"  \
             r"officers|soldiers|students|victims))?"
    verb = r"(?:\s+(?:were|was|have\s+been|had\s+been|are|is|reportedly|reported|confirmed|feared|believed))*"
    first, second = number.replace("N>", "1>"), number.replace("N>", "2>")
    after = rf"\b{first}(?:\s+of)?{people}{verb}\s*(?P<after>{alt(measure_of_after)})\b"
    before = rf"\b(?P<before>{alt(measure_of_before)})(?:\s+(?:to|at|of|by))?\s*{second}\b"
    starts = [*hedge_of, *VAGUE, *SMALL_NUMBERS, *measure_of_before]
    hedges = {w.lower(): kind for w, kind in hedge_of.items()}
    return Gated(re.compile(rf"{after}|{before}", re.I), map(first_word, starts), digits=True), \
        measure_of_after, measure_of_before, hedges


def quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Every count in ``text[start:end]`` with its measure."""
    pattern, after, before, hedges = _patterns()
    found = []
    for m in pattern.finditer(text, start, end):
        n = "1" if m.group("after") else "2"
        measure = after[_key(m.group("after"))] if m.group("after") else before[_key(m.group("before"))]
        interval = _interval(m.group(f"num{n}"), m.group(f"scale{n}"), hedges.get(_key(m.group(f"hedge{n}") or "")))
        if interval is None:
            continue
        found.append(Quantity(measure, interval[0], interval[1], Span(m.start(), m.end(), m.group(0))))
    return found


def _key(words: str) -> str:
    return re.sub(r"\s+", " ", words.strip().lower())


def _interval(number: str, scale: str | None, hedge: str | None) -> tuple[float, float | None] | None:
    word = _key(number)
    if word in VAGUE:
        low, high = VAGUE[word]
    else:
        value = SMALL_NUMBERS.get(word)
        if value is None:
            try:
                value = float(word.replace(",", ""))
            except ValueError:
                return None
        value *= SCALES.get(_key(scale or ""), 1)
        low, high = value, value
    if hedge == "at_least":
        return low, None
    if hedge == "about":
        return low * (1 - ABOUT_MARGIN), high * (1 + ABOUT_MARGIN)
    if hedge == "nearly":
        return low * (1 - NEARLY_MARGIN), high
    if hedge == "at_most":
        return 0, high
    return low, high


def agree(a: Quantity, b: Quantity) -> bool:
    """Two counts of one measure can both be true: their intervals overlap."""
    a_high = float("inf") if a.high is None else a.high
    b_high = float("inf") if b.high is None else b.high
    return a.low <= b_high and b.low <= a_high
