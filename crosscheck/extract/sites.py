"""Sites: the named spots inside a place where an event happens.

Outlets that agree on the city often name the spot too: "the 53rd Street tunnel", "Terrigal Beach", "the Sandilands
tram stop", "West Coast Bank". A site is a capitalised name (up to ``SITE_NAME_WORDS`` words; an ordinal such as
"53rd" counts as one) right before a site noun of ``[sites]`` in ``data/places.toml``, after a locative preposition
("at", "in", "near": ``[attachment] locative`` of ``data/grammar.toml``, and ``SITE_PREPOSITIONS``), with "the"
or "a" between them allowed. A name the gazetteer knows as a whole ("Palm Beach") is a place, not a site, and a
country's name before a noun ("at Australia beach") says which country, not which spot; a name followed by another
capitalised word is part of a longer name. Sites are shown and agreed on, never compared with a
place of the gazetteer.
"""
from __future__ import annotations

import re

from crosscheck.extract.months import is_month_name
from crosscheck.extract.places import gazetteer
from crosscheck.lexicon import Gated, built_from_words, data, first_word, grammar, phrase_alternation, word_set
from crosscheck.model import Site, Span

SITE_NAME_WORDS = 4  # "Croydon University", "53rd Street", "West Coast": the words of a site's name
SITE_PREPOSITIONS = ("on", "into", "off", "along", "by", "outside", "inside", "near")  # "on the Jeddah circuit"
_NAME_WORD = r"(?:\d{1,4}(?:st|nd|rd|th)|[A-Z][\w'’.&-]*)"
_NEXT_CAPITALISED = re.compile(r"\s+[A-Z]")


@built_from_words
def _pattern() -> tuple[Gated, frozenset[str]]:
    noun = phrase_alternation(data("places")["sites"]["nouns"])
    prepositions = [*grammar()["attachment"]["locative"], *SITE_PREPOSITIONS]
    before = phrase_alternation(prepositions)
    pattern = re.compile(
        rf"(?<![\w'’-])(?i:{before})\s+(?:(?i:the|a|an)\s+)?"
        rf"(?P<name>(?:{_NAME_WORD}\s+){{0,{SITE_NAME_WORDS - 1}}}{_NAME_WORD})\s+(?P<noun>(?i:{noun}))(?![\w-])")
    plain = word_set("attachment", "function_words") | {"the", "a", "an"}
    # every site begins with a preposition: the pattern is tried only where one does (``Gated``), not at every
    # character of every sentence
    return Gated(pattern, map(first_word, prepositions)), frozenset(plain)


def sites(text: str, start: int, end: int) -> list[Site]:
    """The sites named in ``text[start:end]`` (a sentence), in order."""
    pattern, plain = _pattern()
    gaz = gazetteer()
    found = []
    for m in pattern.finditer(text, start, end):
        words = m.group("name").split()
        if all(w.lower() in plain or is_month_name(w) for w in words):
            continue
        if _NEXT_CAPITALISED.match(text, m.end(), end):
            continue  # "at the Palace Theatre Company": a longer name
        lo, hi = m.start("name"), m.end("noun")
        name = " ".join(text[lo:hi].split())
        if gaz.get(name) is not None:
            continue  # "Palm Beach" is a city
        named = gaz.get(" ".join(words))
        if named is not None and named.kind in ("country", "continent"):
            continue  # "at Australia beach": an Australian beach, no spot
        found.append(Site(name, " ".join(m.group("noun").lower().split()), Span(lo, hi, text[lo:hi])))
    return found
