"""Which way a clause points in time: the future, the past, or no cue.

The cue nearest to a word inside its clause decides ("will meet on the 12th"
looks forward, "met on the 7th" back); a clause with none says nothing, and
the caller leans to the past, as news mostly reports what happened.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.lexicon import Gated, built_from_words, grammar, phrase_gate, word_set
from crosscheck.model import Span


@dataclass(frozen=True)
class Tense:
    direction: str  # "future", "past" or "" when the clause has no cue
    reason: str = ""


NO_CUE = Tense("", "")
_WORDS = re.compile(r"[\w']+")
# A comma and a lower-case word: a new phrase, which the cue before it does not govern. A comma before a capital
# is an apposition ("in Brussels, Belgium on the 12th") and keeps the phrase going.
_PHRASE_BREAK = re.compile(r",\s+[a-z]")


@built_from_words
def _patterns() -> tuple[Gated, Gated, re.Pattern, re.Pattern]:
    g = grammar()
    future = phrase_gate(g["tense"]["future"])
    past = phrase_gate(g["tense"]["past"])
    ed = re.compile(r"(?<![\w'-])[a-z][a-z-]{2,}ed\b")
    clause = re.compile("|".join(re.escape(b) for b in g["clauses"]["boundaries"]), re.I)
    return future, past, ed, clause


def clause_bounds(text: str, sentence: Span, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds ``text[start:end]``."""
    lo, hi = sentence.start, sentence.end
    for b_start, b_end in _boundaries(text, sentence.start, sentence.end):
        if b_end <= start:
            lo = b_end
        elif b_start >= end:
            hi = b_start
            break
    return lo, hi


@built_from_words(maxsize=1024)
def _boundaries(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    *_, clause = _patterns()
    return tuple(b.span() for b in clause.finditer(text, start, end))


@built_from_words(maxsize=1024)
def cues(text: str, lo: int, hi: int) -> tuple[tuple[int, str, str], ...]:
    """(offset, direction, word) of every tense cue in ``text[lo:hi]``."""
    future, past, ed, _ = _patterns()
    before_blockers = word_set("tense", "not_past_before")
    not_ed = word_set("tense", "not_past_ed")
    found: list[tuple[int, str, str]] = []
    for m in future.finditer(text, lo, hi):
        found.append((m.start(), "future", m.group(0)))
    taken = [(s, s + len(w)) for s, _, w in found]
    for m in past.finditer(text, lo, hi):
        if _passive(text, lo, m.start(), before_blockers) and m.group(0).lower() not in ("was", "were", "had", "did"):
            continue
        if not any(a <= m.start() < b for a, b in taken):
            found.append((m.start(), "past", m.group(0)))
    for m in ed.finditer(text, lo, hi):
        word = m.group(0).lower()
        if word in not_ed or any(a <= m.start() < b for a, b in taken):
            continue
        if _passive(text, lo, m.start(), before_blockers):
            continue
        found.append((m.start(), "past", m.group(0)))
    return tuple(sorted(found))


def _passive(text: str, lo: int, at: int, blockers: frozenset[str]) -> bool:
    """Whether the word at ``at`` follows an auxiliary or determiner ("will be held", "the proposed")."""
    before = [w.lower() for w in _WORDS.findall(text, max(lo, at - 30), at)]
    return bool(before) and (before[-1] in blockers or (len(before) > 1 and before[-1] in ("not", "also", "then", "formally")
                                                        and before[-2] in blockers))


def sentence_tense(text: str, sentence: Span, start: int, end: int) -> Tense:
    """The tense cue nearest to ``text[start:end]`` in its clause (one before it is preferred)."""
    lo, hi = clause_bounds(text, sentence, start, end)
    found = cues(text, lo, hi)
    if not found:
        return NO_CUE
    before = [c for c in found if c[0] < start]
    if before and not _PHRASE_BREAK.search(text, before[-1][0], start):
        offset, direction, word = before[-1]
    else:  # a cue before a comma governs another phrase ("declared a dividend, payable Dec. 15")
        after = [c for c in found if c[0] >= start and not _PHRASE_BREAK.search(text, start, c[0])]
        if not after:
            return NO_CUE
        offset, direction, word = after[0]
    return Tense(direction, f"'{word}' in the clause")
