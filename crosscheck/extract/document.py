"""Sentences, clauses and words with their offsets.

A small rule-based splitter: news text comes one paragraph (or one headline)
a line, so a line break always ends a sentence, and inside a line a sentence
ends at . ! ? followed by a capital, unless the dot closes a known abbreviation.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from crosscheck.extract.months import is_month_name
from crosscheck.model import Span

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "no vs etc inc ltd corp co dept est approx fig al u.s u.k u.n e.u a.m p.m".split()
)

# tried only where a run of marks begins (the lookbehind): from inside a run it would rescan the run, and a
# line of 32 KB of "!" took 15 s
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u0400-\u04ff])")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w'\u2019.-]*\w|[A-Za-z\u00c0-\u024f]|\d[\d,.]*\d|\d|[^\w\s]")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def sentences(text: str, start: int = 0) -> list[Span]:
    """Sentence spans of ``text[start:]``, offsets into ``text``."""
    out: list[Span] = []
    for line in _LINE.finditer(text, start):
        begin = line.start()
        for end in _SENTENCE_END.finditer(line.group(0)):
            cut = line.start() + end.start()
            last = _last_word(text, begin, cut + 1).lower().rstrip(".!?")
            if text[cut] == "." and (last in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)
                                     or _ordinal_day(last, text, line.start() + end.end())):
                continue  # "Dr.", "U.S.", and a day's ordinal dot ("am 12. Januar")
            _add(out, text, begin, line.start() + end.end())
            begin = line.start() + end.end()
        _add(out, text, begin, line.end())
    return out


def _last_word(text: str, start: int, end: int) -> str:
    """The run of non-space characters that ends at ``end`` (not before ``start``): found from its end, so that a
    line of a thousand skipped abbreviations ("Mr. Mr. ...") is not scanned again for each."""
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _ordinal_day(word: str, text: str, next_start: int) -> bool:
    """ "12." before a month name is a day, as German and other languages write it, not a sentence end."""
    if not re.fullmatch(r"\d{1,2}", word):
        return False
    following = re.match(r"\w+", text[next_start:next_start + 20])
    return bool(following) and is_month_name(following.group(0))


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    start += len(chunk) - len(chunk.lstrip())
    end = start + len(stripped)
    out.append(Span(start, end, text[start:end]))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words, numbers and punctuation marks of ``text[start:end]``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]


class LineIndex:
    """Maps a character offset to its 1-based line number."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def column(self, offset: int) -> int:
        return offset - self._starts[self.line(offset) - 1] + 1
