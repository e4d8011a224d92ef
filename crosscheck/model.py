"""The plain values the pipeline stages hand to each other.

Every stage (ingest → extract → group → compare → report) takes and returns
these frozen dataclasses, so a stage can be tested, cached or replaced alone.
Offsets are character offsets into ``Article.text`` exactly as it was read.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from crosscheck.lexicon import built_from_words, data

# ---------------------------------------------------------------- ingest



CONFLICT_ID_HEX = 10  # the digest length of a conflict id ("when-3f1c2b9a0d"; ``compare._conflict``)

@dataclass(frozen=True)
class Suppression:
    """A known, accepted discrepancy, written in an article's metadata: a conflict id or a slot, and why."""

    target: str  # a conflict id ("when-3f2a...") or a slot ("when", "role", ...)
    reason: str


@dataclass(frozen=True)
class Article:
    """One source document, its text untouched."""

    id: str
    path: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # where the date came from: "option", "jsonl", "front-matter", ...
    body_start: int = 0  # where prose begins, after front matter or a metadata line
    url: str | None = None
    suppress: tuple[Suppression, ...] = ()  # conflicts this article's metadata accepts, each with a reason
    outlet: str | None = None  # who published it, as its metadata names it (a "source" or "outlet" field)
    warnings: tuple[str, ...] = ()  # what the report should say of it (publication dates that disagree)

    def without_text(self) -> Article:
        """The article as a report lists it: what is kept of a hundred thousand articles, so built cheaply."""
        fields = dict(self.__dict__)
        fields["text"] = ""
        return Article(**fields)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why (one line, names the file)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Corpus:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()


# ---------------------------------------------------------------- time


@dataclass(frozen=True)
class TimeValue:
    """A calendar value at some grain; None marks a part nobody knows.

    ``stated`` names the parts the text wrote out; the others were inferred
    (from the publication date, the tense, a nearby date) and weigh less
    when two values are compared.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    grain: str = "day"  # minute | day | month | year | week | weekend | quarter | half | season | decade | century | ref
    stated: frozenset[str] = frozenset()
    week: int | None = None
    quarter: str | None = None  # "Q1".."Q4", "H1", "H2", "SP", "SU", "FA", "WI"
    ref: str | None = None  # PRESENT_REF, PAST_REF, FUTURE_REF
    end: TimeValue | None = None  # the last day of a range ("January 1-9"), else None
    # A time of day (grain "minute"): the clock as written, on the day above (None parts: day unknown).
    hour: int | None = None  # 0-23; 24 for "midnight" that ends the day (TIMEX3 T24:00)
    minute: int | None = None
    zone: str | None = None  # UTC offset "+01:00" where the text names a zone ("IST", "GMT", "Moscow time")
    approx: str | None = None  # how the text hedges it: about | after | before (a time), late | early (a day)
    either_half: bool = False  # "a little after 10": the hour may be a.m. or p.m.

    @property
    def timex(self) -> str:
        """The TIMEX3 value TimeBank would write."""
        if self.ref:
            return self.ref
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.grain == "decade":
            return y[:3]
        if self.grain == "century":
            return y[:2]
        if self.grain == "year":
            return y
        if self.grain == "week":
            return f"{y}-W{self.week:02d}" if self.week else f"{y}-WXX"
        if self.grain == "weekend":
            return f"{y}-W{self.week:02d}-WE" if self.week else f"{y}-WXX-WE"
        if self.grain in ("quarter", "half", "season"):
            return f"{y}-{self.quarter}"
        m = f"{self.month:02d}" if self.month is not None else "XX"
        if self.grain == "month":
            return f"{y}-{m}"
        d = f"{self.day:02d}" if self.day is not None else "XX"
        if self.grain == "minute" and self.hour is not None:
            return f"{y}-{m}-{d}T{self.hour:02d}:{self.minute or 0:02d}"
        return f"{y}-{m}-{d}"

    @property
    def is_time(self) -> bool:
        """Whether the value carries a time of day."""
        return self.grain == "minute" and self.hour is not None

    @property
    def clock_only(self) -> bool:
        """Whether the value is a time of day its text gives no day for ("at 21:00")."""
        return self.is_time and None in (self.month, self.day)

    @property
    def is_calendar(self) -> bool:
        """Whether the value is a year, month, day or time of day that can be compared part by part."""
        return self.ref is None and self.grain in ("minute", "day", "month", "year")


@dataclass(frozen=True)
class TimeExpression:
    """A date expression found in an article and how it was read."""

    start: int
    end: int
    text: str
    value: TimeValue
    anchor: str  # what the value was resolved against: "stated", "publication date 2021-12-30", ...
    direction: str  # past | future | none: which way an open expression was resolved, and why below
    reason: str = ""
    anaphoric: bool = False  # "two days later", "the day before": leans on another date


# ---------------------------------------------------------------- claims


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Participant:
    """Who takes part: a country, an organisation or a person, normalised."""

    name: str  # canonical: "Russia", "NATO", "Sergei Ryabkov"
    kind: str  # country | organisation | person
    party: str  # the side a person speaks for ("Russia" for Ryabkov); the name itself otherwise
    span: Span
    role: str | None = None  # "Deputy Foreign Minister"


@dataclass(frozen=True)
class Place:
    name: str  # canonical gazetteer name
    country: str | None  # ISO 3166 alpha-2 of the place's country
    kind: str  # city | country | region
    span: Span


@dataclass(frozen=True)
class Site:
    """A named spot inside a place where an event happens: "the 53rd Street tunnel", "Terrigal Beach"."""

    name: str  # as written, its site noun included ("53rd Street tunnel")
    noun: str  # the site noun, lower case ("tunnel", "beach", "tram stop")
    span: Span


@dataclass(frozen=True)
class When:
    expression: TimeExpression

    @property
    def value(self) -> TimeValue:
        return self.expression.value


@dataclass(frozen=True)
class Quantity:
    """A count or measure a sentence gives for its event ("at least 35 people were killed"), as an interval."""

    measure: str  # what is counted, from the lexicon: dead, injured, magnitude, ...
    low: float
    high: float | None  # None: no upper bound ("at least 35")
    span: Span  # the words that give it
    unit: str | None = None  # the unit as written, canonical: "km", "mph", "USD", "t", "%", "year"; None for a count
    source: str | None = None  # who the text says gives the figure, when it names them: "USGS", "health ministry"
    stated: float | None = None  # the number as written ("at least 35" is 35); None for "dozens"
    by_unit: bool = False  # known by its unit alone, no phrasing naming the measure ("a 25-tonne truck")
    of: str | None = None  # then the thing it measures, when a noun follows: "truck"

    @property
    def value(self) -> str:
        """The number as the JSON report writes it: "35", ">=35", "20000-99999"."""
        low, high = _number(self.low), None if self.high is None else _number(self.high)
        if high is None:
            return f">={low}"
        return low if low == high else f"{low}-{high}"

    @property
    def figure(self) -> str:
        """The figure as the text states it, for a conflict's value: "35", ">=35", "~100000", "<=50", "12 km",
        "41.2%"; an interval when no single number was stated ("dozens": "24-99")."""
        stated = self.stated
        if stated is None or (self.low == self.high == stated):
            text = self.value
        elif self.high is None:
            text = f">={_number(stated)}"
        elif self.low == 0 and self.high == stated:
            text = f"<={_number(stated)}"
        else:
            text = f"~{_number(stated)}"
        if self.unit is None:
            return text
        return f"{text}{self.unit}" if self.unit == "%" else f"{text} {self.unit}"


def _number(x: float) -> str:
    """A figure as news writes it: "35", "2.6", "11.5 million" (the scales in ``[numbers] written``)."""
    for name, scale in _written_scales():
        if abs(x) >= scale and abs(x * 1000 / scale - round(x * 1000 / scale)) < 1e-6:
            return f"{round(x / scale, 3):g} {name}"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@built_from_words
def _written_scales() -> list[tuple[str, float]]:
    return sorted(data("measures")["numbers"].get("written", {}).items(), key=lambda kv: -kv[1])


@dataclass(frozen=True)
class Gathered:
    """A slot a claim took from its article event: stated in another sentence of the article."""

    slot: str  # when | where | who
    sentence: Span  # the sentence that states it
    line: int
    column: int = 1  # of the sentence's first character, on ``line``


@dataclass(frozen=True)
class Claim:
    """One (who, what, when, where) statement of one sentence, with provenance."""

    id: str
    article: str
    sentence: Span
    line: int  # 1-based line of the sentence's start
    what: str  # event class from the lexicon: meeting, summit, publish, ...
    trigger: Span
    who: tuple[Participant, ...] = ()
    when: When | None = None
    where: Place | None = None
    theme: str | None = None  # the object an event class is identified by ("draft agreements")
    modality: str = "unknown"  # future | past | unknown
    quantities: tuple[Quantity, ...] = ()
    column: int = 1  # of the sentence's first character, on ``line``
    context: tuple[Gathered, ...] = ()  # the slots taken from the claim's article event (``extract.events``)
    dated: bool = True  # whether the article has a publication date (else its relative dates stay unknown)
    published: dt.date | None = None  # the article's publication date
    frame: int | None = None  # the article event it is a mention of (``extract.events``), numbered in its article
    site: Site | None = None  # the named spot inside ``where`` ("the 53rd Street tunnel"): shown, never compared

    def stated(self, slot: str) -> bool:
        """Whether the claim's own sentence states ``slot`` (rather than its article event elsewhere)."""
        return all(g.slot != slot for g in self.context)

    def source_of(self, slot: str) -> tuple[Span, int, int]:
        """(the sentence stating ``slot``, its line, the column it starts at): the claim's own, unless it gathered
        the slot from another sentence of its article."""
        for g in self.context:
            if g.slot == slot:
                return g.sentence, g.line, g.column
        return self.sentence, self.line, self.column

    @cached_property
    def parties(self) -> frozenset[str]:  # asked for at every comparison while grouping: computed once
        return frozenset(p.party for p in self.who)


@dataclass(frozen=True)
class PersonMention:
    """A person named with a title, for comparing titles across sources."""

    article: str
    name: str  # canonical full name as first met
    party: str | None
    role: str
    span: Span
    sentence: Span
    line: int
    column: int = 1  # of the sentence's first character


@dataclass(frozen=True)
class Extraction:
    """What one article yields."""

    article: Article
    claims: tuple[Claim, ...] = ()
    people: tuple[PersonMention, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    story: tuple[str, ...] = ()  # the names its headline and lead tell its story by (``extract.story``)
    main: int | None = None  # its main event (``Claim.frame``), the one its headline and lead speak of most


# ---------------------------------------------------------------- group and compare


@dataclass(frozen=True)
class Event:
    """Claims taken to speak of one real event, and why they were joined."""

    id: str
    what: str
    label: str
    claims: tuple[Claim, ...]
    reasons: tuple[str, ...] = ()

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(c.article for c in self.claims)


@dataclass(frozen=True)
class ConflictValue:
    value: str  # normalised: TIMEX3 for when, canonical name for where/who, the title for role
    display: str
    claims: tuple[Claim | PersonMention, ...]


@dataclass(frozen=True)
class Conflict:
    id: str
    slot: str  # when | where | who | role | quantity
    severity: str  # error | warning
    within_article: bool
    label: str
    event: Event | None
    values: tuple[ConflictValue, ...]  # majority first


@dataclass(frozen=True)
class Report:
    """A check's outcome. It counts claims and events rather than holding them: a warm check of a large corpus
    never reads most of them (``extract`` and ``group`` give them to a caller who wants them)."""

    articles: tuple[Article, ...]  # without their texts
    skipped: tuple[Skipped, ...]
    conflicts: tuple[Conflict, ...]  # the ones to act on: not in the baseline, not suppressed, in scope
    claims: int = 0
    events: int = 0
    options: dict = field(default_factory=dict, hash=False, compare=False)
    baselined: tuple[Conflict, ...] = ()  # known already: in the baseline file
    suppressed: tuple[tuple[Conflict, Suppression], ...] = ()  # accepted in an article's metadata
    stale: tuple[str, ...] = ()  # baseline entries that no longer match any conflict
    out_of_scope: int = 0  # conflicts that involve no changed article (--changed-since)
    work: dict[str, int] = field(default_factory=dict, hash=False, compare=False)  # what this run had to redo
