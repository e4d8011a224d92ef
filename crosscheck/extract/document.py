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
from crosscheck.lexicon import built_from_words, grammar, phrase_alternation
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
        for end in _sentence_ends(line.group(0)):
            cut = line.start() + end.start()
            last = _last_word(text, begin, cut + 1).lower().rstrip(".!?")
            if text[cut] == "." and (last in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)
                                     or _ordinal_day(last, text, line.start() + end.end())
                                     or _split_decimal(last, text, line.start() + end.end())):
                continue  # "Dr.", "U.S.", a day's ordinal dot ("am 12. Januar"), a decimal point split off ("6. 4")
            _add(out, text, begin, line.start() + end.end())
            begin = line.start() + end.end()
        _add(out, text, begin, line.end())
    return out


_MARKS = re.compile(r"[.!?]+")  # a run of marks: a sentence end begins where one does


def _sentence_ends(line: str) -> list[re.Match]:
    """The matches ``_SENTENCE_END.finditer(line)`` gives, tried only where a run of marks begins (its lookbehind
    allows no other place): the engine, asked at every character of a line, took most of the splitter's time."""
    out = []
    search, match = _MARKS.search, _SENTENCE_END.match
    run = search(line)
    while run is not None:
        at = run.start()
        m = match(line, at) if at == 0 or line[at - 1] not in ".!?" else None
        if m is None:
            run = search(line, run.end())
        else:
            out.append(m)
            run = search(line, m.end())
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


_DECIMAL_PART = re.compile(r"\d{1,2}(?![\d,.])\s+[a-z(]")  # "4 on the Richter scale", "4 (kilometres)"


def _split_decimal(word: str, text: str, next_start: int) -> bool:
    """ "6. 4 on the Richter scale": a decimal point as text split into tokens prints it, not a sentence end (the
    number before it of one or two digits, the one after it too, and the sentence going on in lower case)."""
    return bool(re.fullmatch(r"\d{1,2}", word)) and _DECIMAL_PART.match(text, next_start) is not None


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


HEADLINE_WEIGHT = 3  # how much more a mention in the headline says about what an article is about
LEAD_WEIGHT = 2  # ... and one in the lead
LEAD_SENTENCES = 3  # body sentences after the headline that make the lead
# "ANKARA (Reuters) -", "TEMPE, Ariz. --", "PARIS - ": a place in capitals (then a region, an agency) and a dash
_DATELINE = re.compile(r"(?P<place>[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,3})(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)?"
                       r"(?: \([^()\n]{1,40}\))? ?(?:-{1,2}|—|–) ")


@dataclass(frozen=True)
class Document:
    """An article read once: its sentences and lines, which sentence is the headline, which make the lead, and the
    dateline's place words. Every reader works from it; none splits the text again."""

    text: str
    sentences: tuple[Span, ...]
    lines: LineIndex
    headline: int | None  # index of the headline sentence (the article's title, first in its body)
    lead: range  # indices of the lead sentences
    dateline: Span | None  # the place words of a dateline opening the lead
    chrome: frozenset[int] = frozenset()  # sentences that are page chrome (a caption, a gallery, a credit)

    def weight(self, index: int) -> int:
        """How much a mention in sentence ``index`` says about what the article is about."""
        return HEADLINE_WEIGHT if index == self.headline else LEAD_WEIGHT if index in self.lead else 1

    def sentence_of(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset``."""
        i = bisect.bisect_right([s.start for s in self.sentences], offset) - 1
        return i if i >= 0 and offset < self.sentences[i].end else None


def read(text: str, body_start: int = 0, title: str | None = None) -> Document:
    spans = tuple(sentences(text, body_start))
    chrome = _chrome()
    marked = {i for i, s in enumerate(spans) if chrome.match(s.text)}
    if spans:
        starts = [s.start for s in spans]
        for lo, hi in chrome_lines(text, body_start):
            i = bisect.bisect_left(starts, lo)
            while i < len(spans) and spans[i].start < hi:
                marked.add(i)
                i += 1
    top = next((i for i in range(len(spans)) if i not in marked), len(spans))  # after an address line, say
    headline = top if top < len(spans) and title and spans[top].text.strip() == title.strip() else None
    first = top if headline is None else top + 1
    dateline = None
    for i in range(top, min(first + LEAD_SENTENCES, len(spans))):  # a first line that is a dateline is no title
        m = _DATELINE.match(text, spans[i].start)
        if m:
            dateline = Span(m.start("place"), m.end("place"), m.group("place"))
            break
    return Document(text, spans, LineIndex(text), headline, range(first, first + LEAD_SENTENCES), dateline,
                    frozenset(marked))


def at_sentence_start(text: str, start: int, at: int) -> bool:
    """Whether only spaces, quotes and brackets stand between a sentence's ``start`` and ``at``."""
    return not text[start:at].strip(" \t\n\"'“‘(")


CHROME_LINE_MAX_CHARS = 600  # a longer line is prose: page chrome is short (a newsletter prompt runs to ~500)
TITLE_SCAN_LINES = 30  # top lines where an article's title is looked for
TITLE_REPEATED_MIN_WORDS = 5  # a headline the page repeats further down is this long at least


@built_from_words
def _chrome() -> re.Pattern:
    """The openers of page chrome (``[chrome]`` in ``data/grammar.toml``)."""
    return re.compile(f"(?:{phrase_alternation(grammar()['chrome']['openers'])})", re.I)


@built_from_words
def _chrome_line() -> re.Pattern:
    """Whole lines of page chrome (``lines`` of ``[chrome]``): weather and date banners, publication stamps, link
    lines, share bars, newsletter prompts, cookie notices."""
    return re.compile("|".join(f"(?:{p})" for p in grammar()["chrome"].get("lines", ())) or "(?!)", re.I)


def is_chrome_line(line: str) -> bool:
    """Whether a line of an article is page chrome: it opens with a chrome opener, or a chrome pattern matches it
    whole."""
    line = line.strip()
    if not line:
        return False
    if _chrome().match(line):
        return True
    return len(line) <= CHROME_LINE_MAX_CHARS and _chrome_line().fullmatch(line) is not None


def chrome_lines(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:]`` that a chrome pattern matches whole. (An opener makes chrome
    of its own sentence only: a gallery's line of captions, "Photos: ... A 31-year-old ... killing at least 84
    people", still states the story in its other sentences.)"""
    pattern = _chrome_line()
    header = _gallery_header()
    out = []
    counts: set[str] = set()  # the sizes of the galleries a page shows ("8 show all", "34 show all")
    for m in _LINE.finditer(text, start):
        line = m.group(0).strip()
        if not line:
            continue
        gallery = header.search(line) if _DIGIT.search(line) else None  # a header gives its size in digits
        if gallery is not None:
            counts.add(gallery.group("n"))
        if gallery is not None or (len(line) <= CHROME_LINE_MAX_CHARS and pattern.fullmatch(line)) or (
                counts and (c := _CAPTION_COUNTER.match(line)) is not None and c.group("n") in counts):
            out.append((m.start(), m.end()))
    return out


_DIGIT = re.compile(r"\d")
_CAPTION_COUNTER = re.compile(r"\d{1,3}/(?P<n>\d{1,3})\s")  # "1/34 30 November 2017 A supporter of ...": a caption


@built_from_words
def _gallery_header() -> re.Pattern:
    """A photo gallery's header, its size before the words of ``gallery`` in ``[chrome]`` ("34 show all UK news in
    pictures", "Croydon Tram derailment 8 show all ..."): the line is chrome, and so are the lines its captions
    open with their counter ("1/34 ...", "2/34 ...")."""
    words = phrase_alternation(grammar()["chrome"].get("gallery", ()))
    return re.compile(rf"(?:^|\s)(?P<n>\d{{1,3}})\s+(?:{words})\b", re.I) if words else re.compile("(?!)")


def title_line(text: str, start: int = 0) -> str | None:
    """An article's title from its top lines: the first line that is not chrome nor a label (fewer than
    ``title_min_words`` words). A page that opens with chrome (a weather banner, the day's date, teasers of other
    stories) names its own headline by repeating it further down (after a breadcrumb: "WorldRussia<headline>"): the
    first top line repeated so is the title. With no such line, the first line."""
    shortest = int(grammar()["chrome"].get("title_min_words", 1))
    top = []
    for m in _LINE.finditer(text, start):
        if m.group(0).strip():
            top.append(m)
            if len(top) >= TITLE_SCAN_LINES:
                break
    if not top:
        return None
    lines = [m.group(0).strip() for m in top]

    def words(line: str) -> int:  # counted no further than needed: a top line may be megabytes long
        return len(line.split(maxsplit=max(shortest, TITLE_REPEATED_MIN_WORDS)))

    fit = [i for i, line in enumerate(lines) if not is_chrome_line(line) and words(line) >= shortest]
    if is_chrome_line(lines[0]):
        for i in fit:
            if words(lines[i]) >= TITLE_REPEATED_MIN_WORDS and any(
                    later.endswith(lines[i]) for later in lines[i + 1:]):
                return lines[i]
    return lines[fit[0]] if fit else lines[0]
