"""The names an article's story is told by: what lets two articles be known as one story.

An article's headline and lead name what it is about: "the leak of 11.5 million documents from Panamanian
law firm Mossack Fonseca ... Sueddeutsche Zeitung ... the ICIJ". The story names are the capitalised words
of the headline and the first ``STORY_SENTENCES`` sentences that stand inside a sentence (its first word is
capitalised anyway, and so is the first after a colon, a quote or a dash: "Croydon tram: Seven dead"), leaving
out what many different stories share: countries, continents and the adjectives of countries ("Iran",
"Indian"), month and day names, function words and titles ("President"). A sentence set in title case
("Panama Papers Scandal Sparks Chorus of Denials") names nothing by its capitals and is skipped. Names are
kept lower-cased, in the order first met; ``stories`` links articles by them.
"""
from __future__ import annotations

import re

from crosscheck.extract.document import Document
from crosscheck.extract.months import is_month_name
from crosscheck.extract.places import gazetteer
from crosscheck.lexicon import built_from_words, data, word_set

STORY_SENTENCES = 6  # the headline, then this many sentences, tell what the article is about
TITLE_CASE_SHARE = 0.6  # a sentence whose words are capitalised beyond this share is in title case
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_OPENS = re.compile(r"(?:[:;\"“‘(]|\s[-–—])\s*\Z")  # what opens a phrase inside a sentence: a colon, a quote, a dash


def story_names(doc: Document) -> tuple[str, ...]:
    """The story names of an article read into ``doc`` (see the module's docstring)."""
    indices = [*([doc.headline] if doc.headline is not None else []),
               *range(doc.lead.start, doc.lead.start + STORY_SENTENCES)]
    wide = _wide_words()
    found: dict[str, None] = {}
    for i in indices:
        if i >= len(doc.sentences) or i in doc.chrome:
            continue
        s = doc.sentences[i]
        matches = list(_WORD.finditer(doc.text, s.start, s.end))
        words = [m.group(0) for m in matches]
        if not words or sum(w[0].isupper() for w in words) > TITLE_CASE_SHARE * len(words):
            continue
        for m in matches[1:]:
            w = m.group(0)
            if not w[0].isupper() or _OPENS.search(doc.text, max(s.start, m.start() - 3), m.start()):
                continue  # "Croydon tram: Seven dead", "said: 'We ...": a capital that opens a phrase names nothing
            w = _POSSESSIVE.sub("", w)
            key = w.lower()
            if key in wide or is_month_name(w) or _country_wide(w):
                continue
            found.setdefault(key, None)
    return tuple(found)


@built_from_words
def _wide_words() -> frozenset[str]:
    """Capitalised words many stories share: function words, weekdays, titles, the adjectives of countries."""
    titles = data("titles")
    words = {*word_set("attachment", "function_words"), *data("events")["story"]["not_names"],
             *(w.lower() for w in titles["ranks"]), *(w.lower().rstrip(".") for w in titles["courtesy"]),
             *(w.lower() for office in titles["offices"] for w in office.split())}
    words |= {name.lower() for names in data("actors")["demonyms"].values() for name in names}
    words |= {w.lower() for agency in data("sources")["agencies"] for w in agency.split()}
    return frozenset(words)


def _country_wide(word: str) -> bool:
    place = gazetteer().get(word)
    return place is not None and place.kind in ("country", "continent")
