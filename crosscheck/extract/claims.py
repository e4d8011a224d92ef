"""Sentences → claims: (who, what, when, where) with provenance.

For each sentence: find the event words (``data/events.toml``), the
participants, places and dates; then attach each of those to one event word,
by the way English ties phrases to the words they modify:

- a phrase with a preposition ("talks *with NATO* *in Brussels* *on 12
  January*") belongs to the nearest event word before it in its clause, or,
  when it opens the clause, to the first one after it;
- a bare name or date right before an event noun modifies it ("the *13
  January* consultations", "*Russia-NATO* talks", "the *Geneva* talks");
- a bare name elsewhere is a subject: it belongs to the next event word
  ("*Russia* will hold talks");
- report words (said, told, a report) take their own slots and make no
  claim: a report's date is not the date of the event it reports;
- an event named only as a time anchor ("following the meeting between
  ...", "ahead of the June 16 summit") is a mention of its own event: what
  its own phrase holds is its own ("the accident occurred around 5:10
  a.m."), and a later relative clause (", which will take place on ...")
  falls back to the sentence's main event;
- an event word inside a proper name ("the London Fire Brigade") names no
  event, and a sentence of page chrome (a caption, a credit) none at all;
- a phrase after "attended by", "as well as", "including" names onlookers,
  kept out of the participants that identify the event.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from crosscheck.extract import dates as timex
from crosscheck.agreement import dates_agree
from crosscheck.extract.entities import Finder, finder, opening_person, registry
from crosscheck.lexicon import built_from_words, data, grammar, phrase_alternation, phrase_gate, phrase_pattern, singular, \
    word_set
from crosscheck.model import (Article, Claim, Extraction, Participant, PersonMention, Place, Quantity, Site, Span,
                              TimeExpression, When)
from crosscheck.extract.measures import person_measures, quantities
from crosscheck.extract.sites import sites
from crosscheck.extract.tense import clause_bounds, sentence_tense
from crosscheck.extract import document
from crosscheck.extract.events import Orphan, gather
from crosscheck.extract.story import story_names

PRENOMINAL_MAX_GAP_WORDS = 3  # "Russia-US security guarantee talks": words between a modifier and its noun
REFERENCE_MAX_GAP_WORDS = 6  # "following a high-level summit": words between the connective and the event
REFERENCE_GAP = re.compile(rf"\s+(?:[\w'’.-]+\s+){{0,{REFERENCE_MAX_GAP_WORDS}}}")
THEME_MAX_WORDS = 6
RELATIVE_BOUNDARY = re.compile(r"(?:,\s*(?:which|where|when)|\s(?:that|which))\b", re.I)
PERIPHERAL = re.compile(r"\b(?:attended\s+by|joined\s+by|as\s+well\s+as|including|along\s+with|among\s+them|such\s+as)\b",
                        re.I)
COORDINATED = re.compile(r"\s*(?:-|–|/|,|(?:,\s*)?(?:and|or|&)(?:\s+the)?|['’]s(?:\s+and)?)?\s*", re.I)
WHO_MAX_GAP_WORDS = 8  # "talks between Russia and NATO": participants stand close to their event word
OBJECT_DETERMINERS = ("the", "a", "an", "his", "her", "its", "their")  # "met his counterpart"
_WORDS = re.compile(r"[\w'’]+")
_LETTERS = re.compile(r"[A-Za-z]+")
_PUNCTUATION = re.compile(r"[,;:.()\"“”]")
PASSIVE_AUX_ANYWHERE = re.compile(r"\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s", re.I)
PASSIVE_AUX = re.compile(r"(?:\b(?:was|were|is|are|be|been|being|has\s+been|have\s+been|had\s+been)\s+)$", re.I)


@dataclass(frozen=True)
class EventClass:
    name: str
    label: str
    claim: bool
    theme: bool


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    cls: EventClass
    noun: bool
    reference: bool  # named only as a time anchor for another event


@dataclass
class _Slots:
    who: list[Participant]
    onlookers: list[Participant]
    when: list[TimeExpression]
    where: list[Place]
    sites: list[Site] = field(default_factory=list)


class Lexicon:
    """The event words, compiled once."""

    def __init__(self) -> None:
        self.classes: dict[str, EventClass] = {}
        self.words: dict[str, tuple[EventClass, bool]] = {}
        for name, spec in data("events")["classes"].items():
            cls = EventClass(name, spec.get("label", name), spec.get("claim", True), spec.get("theme", False))
            self.classes[name] = cls
            for w in spec.get("verbs", []):
                self.words.setdefault(w.lower(), (cls, False))
            for w in spec.get("nouns", []):
                self.words[w.lower()] = (cls, True)
        # nouns a language always capitalises ("Erdbeben", "Anschlag", as the lexicon writes them): their capital
        # says nothing of a name
        self.incidents = frozenset(name for name, spec in data("events")["classes"].items() if spec.get("incident"))
        self.hosted = frozenset(name for name, spec in data("events")["classes"].items() if spec.get("hosted"))
        self.capitalised = frozenset(w.lower() for spec in data("events")["classes"].values()
                                     for w in spec.get("nouns", []) if w[:1].isupper())
        self.pattern = phrase_gate(self.words)
        g = grammar()["attachment"]
        self.linking = word_set("attachment", "linking")
        self.function_words = word_set("attachment", "function_words")
        self.connectives = phrase_gate(g["reference"])
        self.felt = phrase_gate(g["felt"])
        self.spelling = {a.lower(): b.lower() for b, a in data("spelling")["variants"]}
        # a verb of a class with an object names another class when its object is one of that class's ("released
        # 21 schoolgirls" is a release, not a publication)
        self.by_object = {w.lower(): self.classes[name] for name, spec in data("events")["classes"].items()
                          for w in spec.get("objects", [])}


@built_from_words
def lexicon() -> Lexicon:
    return Lexicon()


def extract(article: Article, find: Finder | None = None) -> Extraction:
    """Every claim, titled person and date of one article."""
    find = find or finder()
    lex = lexicon()
    text = article.text
    doc = document.read(text, article.body_start, article.title)
    spans = list(doc.sentences)
    dates = timex.tag_article(article, spans)
    titled = find.people(text, article.body_start)
    people = registry(titled + find.untitled(text, article.body_start, titled))
    organisations = {**find.frequent_names(text, article.body_start, people), **find.acronyms(text, article.body_start)}
    lines = doc.lines
    mentions: list[tuple[int, Claim, frozenset[str]]] = []
    orphans: list[Orphan] = []
    lead_days: list[tuple[int, TimeExpression]] = []  # the days lead sentences naming no event state
    lead_sites: list[tuple[int, Site]] = []  # and the spots they name ("the show at Terrigal Beach")
    people_mentions: list[PersonMention] = []
    by_sentence = _by_sentence([d for d in dates if not _stamped(text, d.start)], spans)
    titled_in = _titled_by_sentence(titled, spans)
    for index, sentence in enumerate(spans):
        line = lines.line(sentence.start)
        in_sentence = titled_in.get(index, [])
        for span, person in in_sentence:
            canonical = people.get(person.name, person)
            if person.role:
                people_mentions.append(PersonMention(article.id, canonical.name, canonical.party or person.party,
                                                     person.role, span, sentence, line, lines.column(sentence.start)))
        if index in doc.chrome:
            continue
        found, figures = _sentence_claims(article, sentence, line, by_sentence.get(index, []), people, in_sentence,
                                          organisations, find, lex, column=lines.column(sentence.start))
        mentions.extend((index, c, unstated) for c, unstated in found)
        if figures:  # the day or year the sentence states, if any: a figure of "In 2008, ..." is another event's
            day = _one_date(by_sentence.get(index, []))
            orphans.extend(Orphan(index, q, day) for q in figures)
        if index in doc.lead and not found:  # "the trains 'bumped into each other' Wednesday morning"
            day = _one_date(by_sentence.get(index, []))
            if day is not None and day.value.day is not None and not day.value.is_time:
                lead_days.append((index, day))
            lead_sites.extend((index, x) for x in sites(text, sentence.start, sentence.end))
    mentions, orphans = _ages_told_by_the(doc, people, mentions, orphans)
    claims, main = gather(doc, mentions, orphans, article.id, _setting(doc, find, lex), article.published, lead_days,
                          lead_sites)
    return Extraction(article, tuple(claims), tuple(people_mentions), tuple(dates), story_names(doc), main)


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}")


_THE_BEFORE = re.compile(r"(?<![\w'’])(?i:the)\s+\Z")


def _ages_told_by_the(doc: document.Document, people: dict, mentions: list[tuple[int, Claim, frozenset[str]]],
                      orphans: list[Orphan]) -> tuple[list[tuple[int, Claim, frozenset[str]]], list[Orphan]]:
    """An age told with "the" and no name ("The 65-year-old two-time NFL Coach of the Year") is the age of the
    person the sentence before opens with ("Bruce Arians ... is retiring"); "a 31-year-old" names nobody known."""
    def of_whom(index: int, q: Quantity) -> Quantity:
        if q.measure not in person_measures() or q.of is not None or index == 0 or index - 1 in doc.chrome:
            return q
        if not _THE_BEFORE.search(doc.text, max(0, q.span.start - 8), q.span.start):
            return q
        person = opening_person(doc.text, doc.sentences[index - 1], people)
        return q if person is None else replace(q, of=person.surname)

    mentions = [(i, replace(c, quantities=tuple(of_whom(i, q) for q in c.quantities)) if c.quantities else c, u)
                for i, c, u in mentions]
    return mentions, [replace(o, quantity=of_whom(o.sentence, o.quantity)) for o in orphans]


def _setting(doc: document.Document, find: Finder, lex: Lexicon) -> Place | None:
    """Where the article's story happens when no mention says: its dateline's place, else the first city its headline
    or lead names ("NYC subway work trains collide"), else the first country; never a place it was felt in ("se ha
    sentido en las ciudades de Guayaquil")."""
    if doc.dateline is not None:
        place = find.lookup(doc.text, doc.dateline.start, doc.dateline.text.title(), placed=True)
        if place is not None:
            return place
    found: list[Place] = []
    for i in [*([doc.headline] if doc.headline is not None else []), *doc.lead]:
        if i >= len(doc.sentences):
            break
        s = doc.sentences[i]
        felt = [m.end() for m in lex.felt.finditer(doc.text, s.start, s.end)]
        for run in _CAPITALISED_RUN.finditer(doc.text, s.start, s.end):
            words = list(re.finditer(r"\S+", run.group(0)))
            for w in words:  # "Two New York City subway trains": the place may start inside the run
                place = find.lookup(doc.text, run.start() + w.start(), run.group(0)[w.start():])
                if place is not None and felt and _felt_at(doc.text, s, felt, run.start() + w.start()):
                    break
                if place is not None:
                    found.append(place)
                    break
        city = next((p for p in found if p.kind == "city"), None)
        if city is not None:
            return city
    return next((p for p in found if p.kind == "country"), None)


STAMP_REACH = 40  # characters before a date looked at for the label of a publication stamp


@built_from_words
def _stamp_label() -> re.Pattern:
    """A publication stamp's label and colon ending the text before a date ("Updated: 2016-07-15 06:50"; the labels
    of ``published_labels`` in ``data/sources.toml``)."""
    return re.compile(rf"(?:{phrase_pattern(data('sources')['published_labels']).pattern})\s*:\s*\Z", re.I)


def _stamped(text: str, start: int) -> bool:
    """Whether a date is a publication stamp's: the day a page was published or updated is no event's day."""
    return _stamp_label().search(text, max(0, start - STAMP_REACH), start) is not None


def _by_sentence(dates: list[TimeExpression], spans: list[Span]) -> dict[int, list[TimeExpression]]:
    out: dict[int, list[TimeExpression]] = {}
    i = 0
    for d in dates:
        while i < len(spans) and spans[i].end <= d.start:
            i += 1
        if i < len(spans) and spans[i].start <= d.start:
            out.setdefault(i, []).append(d)
    return out


def _titled_by_sentence(titled: list[tuple[Span, object]], spans: list[Span]) -> dict[int, list]:
    """The titled mentions of each sentence, in their order: found by halving, not by trying every mention in every
    sentence (which grew with the square of a long article's length)."""
    starts = [s.start for s in spans]
    out: dict[int, list] = {}
    for mention in titled:
        at = mention[0].start
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i].end:
            out.setdefault(i, []).append(mention)
    return out


def _sentence_claims(article: Article, sentence: Span, line: int, dates: list[TimeExpression], people, titled,
                     organisations: dict[str, str], find: Finder, lex: Lexicon,
                     column: int = 1) -> tuple[list[tuple[Claim, frozenset[str]]], list[Quantity]]:
    """The sentence's event mentions as claims (with what the sentence itself states, and the slots it says nothing
    of), and, when it names no event, the figures it gives (they belong to the article's main event:
    ``extract.events``)."""
    text = article.text
    triggers = _triggers(text, sentence, lex)
    if not any(t.cls.claim for t in triggers):
        return [], quantities(text, sentence.start, sentence.end)
    figures = quantities(text, sentence.start, sentence.end)
    # a number a figure's phrasing reads is no year: "1600 wurden verletzt", "1600 were injured"
    dates = [d for d in dates if not any(q.measure != "count" and q.span.start <= d.start and d.end <= q.span.end
                                         for q in figures)]
    dates = [d for d in dates if not (d.value.clock_only and _bound_before(text, d.start))]  # "extinguished by 7 a.m."
    # and a bare number a time or a date reads is no count: "a las 18.58 hora local"
    figures = [q for q in figures if q.measure != "count" or not any(d.start < q.span.end and q.span.start < d.end
                                                                     for d in dates)]
    who = find.participants(text, sentence.start, sentence.end, people, titled, organisations)
    felt = [m.end() for m in lex.felt.finditer(text, sentence.start, sentence.end)]
    who = [p for p in who if not _felt_at(text, sentence, felt, p.span.start)]
    nouns = [t for t in triggers if _word_key_of(t.text) in lex.capitalised]  # "Ein Erdbeben" names nobody
    who = [p for p in who if not any(p.span.start <= t.start < p.span.end for t in nouns)]
    who = [p for p in who if not _capital_of_an_incident(text, p, triggers, find, lex)]
    hosts = [h for h in (_host_country(text, p, triggers, find, lex) for p in who) if h is not None]
    who = [p for p in who if not any(h.span.start == p.span.start for h in hosts)]
    taken = [(p.span.start, p.span.end) for p in who]
    triggers = [t for t in triggers if not any(a <= t.start < b for a, b in taken)]
    places = [p for p in find.places(text, sentence.start, sentence.end)
              if not any(a <= p.span.start < b for a, b in taken)]
    places += _prenominal_places(text, triggers, find, places, taken) + hosts
    places = [p for p in places if not _felt_at(text, sentence, felt, p.span.start)]
    named_sites = [x for x in sites(text, sentence.start, sentence.end) if not any(a <= x.span.start < b for a, b in taken)
                   and not _felt_at(text, sentence, felt, x.span.start)]
    slots = {id(t): _Slots([], [], [], []) for t in triggers}
    peripheral_from = _peripheral_marks(text, sentence)
    previous: tuple[Participant, Trigger | None] | None = None
    for p in who:
        if previous is not None and COORDINATED.fullmatch(text, previous[0].span.end, p.span.start):
            t = previous[1]  # "between Russia and NATO", "Russia-NATO": one phrase, one attachment
        else:
            t = _attach(text, sentence, triggers, p.span.start, p.span.end, lex, kind="who")
        previous = (p, t)
        if t is not None:
            onlooker = any(m < p.span.start and _same_clause(text, sentence, m, p.span.start)
                           and not any(m < tr.start < p.span.start for tr in triggers) for m in peripheral_from)
            (slots[id(t)].onlookers if onlooker else slots[id(t)].who).append(p)
    unattached: list[tuple[str, object, int, int]] = []
    for place in places:
        t = _attach(text, sentence, triggers, place.span.start, place.span.end, lex, kind="where")
        if t is not None:
            slots[id(t)].where.append(place)
        else:
            unattached.append(("where", place, place.span.start, place.span.end))
    for x in named_sites:
        t = _attach(text, sentence, triggers, x.span.start, x.span.end, lex, kind="where")
        if t is not None:
            slots[id(t)].sites.append(x)
    for d in dates:
        t = _attach(text, sentence, triggers, d.start, d.end, lex, kind="when")
        if t is not None:
            slots[id(t)].when.append(d)
        else:
            unattached.append(("when", d, d.start, d.end))
    for kind, value, start, end in unattached:  # "a truck killed 84 in Nice on Thursday in an assault"
        t = _event_of_its_clause(text, sentence, triggers, start, end)
        if t is not None and not getattr(slots[id(t)], kind):
            getattr(slots[id(t)], kind).append(value)
    claims = []
    unstated: list[frozenset[str]] = []  # the slots each claim's sentence says nothing of: its event may fill them
    themes: dict[int, str | None] = {}
    for t in triggers:
        if not t.cls.claim:
            continue
        s = slots[id(t)]
        theme = _theme(text, sentence, t, triggers, themes) if t.cls.theme else None
        themes[id(t)] = theme
        cls = next((lex.by_object[w] for w in (theme or "").split() if w in lex.by_object), t.cls)
        when = _one_date(s.when) or _clock(s.when)  # a time of day alone takes its day from its event
        tense = sentence_tense(text, sentence, t.start, t.end + 1)
        modality = tense.direction or _modality_from_date(when, article)
        claims.append(Claim(
            id=f"{article.id}#{len(claims) + 1}", article=article.id, sentence=sentence, line=line,
            what=cls.name, trigger=Span(t.start, t.end, t.text), who=_unique(s.who),
            when=When(when) if when else None, where=s.where[0] if s.where else None, theme=theme,
            modality=modality or "unknown", column=column, site=s.sites[0] if s.sites else None))
        dated = s.when and not (when and when.value.clock_only)  # a clock alone leaves the day to its event
        unstated.append(frozenset(slot for slot, found in (("who", s.who), ("when", dated), ("where", s.where),
                                                           ("site", s.sites)) if not found))
    claims = _with_quantities(claims, figures) if claims else claims
    return list(zip(claims, unstated)), []


def _with_quantities(claims: list[Claim], found: list[Quantity]) -> list[Claim]:
    """Each count goes to the event word nearest to it ("killing 35" to the attack it follows)."""
    counts: dict[int, list[Quantity]] = {}
    for q in found:
        nearest = min(range(len(claims)), key=lambda i: abs(claims[i].trigger.start - q.span.start))
        counts.setdefault(nearest, []).append(q)
    return [replace(c, quantities=tuple(counts[i])) if i in counts else c for i, c in enumerate(claims)]


def _triggers(text: str, sentence: Span, lex: Lexicon) -> list[Trigger]:
    found = lex.pattern.finditer(text, sentence.start, sentence.end)
    if not any(lex.words[_word_key(m)][0].claim for m in found):
        return []  # a sentence with no event to claim needs none of the rest
    out = []
    for m in found:
        key = _word_key(m)
        if key not in lex.capitalised and _in_a_name(text, sentence, m.start(), m.end()):
            continue
        cls, noun = lex.words[key]
        if not noun and m.group(0)[0].isupper() and document.at_sentence_start(text, sentence.start, m.start()):
            continue  # "Met Police said", "Die Minister werden": a verb does not open a report's sentence
        if noun and _modifies_a_noun(text, m.end(), sentence.end):
            continue  # "eight fire engines": no fire
        lo, _ = clause_bounds(text, sentence, m.start(), m.end())
        reference = any(REFERENCE_GAP.fullmatch(text, c.end(), m.start())
                        for c in lex.connectives.finditer(text, max(lo, m.start() - 80), m.start()))
        out.append(Trigger(m.start(), m.end(), m.group(0), cls, noun, reference))
    return out


_WORDS_AFTER = re.compile(r"(?:[ \t]+[a-z]+\b){1,3}")


def _modifies_a_noun(text: str, end: int, sentence_end: int) -> bool:
    """Whether an event noun stands before a noun it modifies (``[compounds] heads``): "fire engines", "crash
    barrier", "fire and rescue crews" (two modifiers joined: ``[compounds] joined_by``)."""
    m = _WORDS_AFTER.match(text, end, sentence_end)
    if m is None:
        return False
    heads, joined_by = _compounds()
    words = m.group(0).split()
    if words[0] in heads:
        return True
    return words[0] in joined_by and any(w in heads for w in words[1:3])


@built_from_words
def _compounds() -> tuple[frozenset[str], frozenset[str]]:
    spec = data("events").get("compounds", {})
    return frozenset(spec.get("heads", ())), frozenset(spec.get("joined_by", ()))


def _word_key(m: re.Match) -> str:
    """The event word matched, as the lexicon files it: "according  to" (two spaces, a tab) is "according to"."""
    return _word_key_of(m.group(0))


def _word_key_of(words: str) -> str:
    return " ".join(words.lower().split())


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")


def _in_a_name(text: str, sentence: Span, start: int, end: int) -> bool:
    """Whether an event word is part of a proper name: capitalised inside a sentence, beside another capitalised word
    ("the London Fire Brigade", "the National Hurricane Center")."""
    if not text[start].isupper() or start == sentence.start or _title_case(text, sentence.start, sentence.end):
        return False
    return bool(_CAPITALISED_BEFORE.search(text, max(sentence.start, start - 30), start)
                or _CAPITALISED_AFTER.match(text, end))


TITLE_CASE_MIN_SHARE = 0.6  # a headline Written Like This: its capitals say nothing of names


def _title_case(text: str, start: int, end: int) -> bool:
    words = _LETTERS.findall(text, start, end)
    return len(words) > 2 and sum(w[0].isupper() for w in words) >= TITLE_CASE_MIN_SHARE * len(words)


def _felt_at(text: str, sentence: Span, felt: list[int], start: int) -> bool:
    """Whether a name stands in the clause after "felt in" (``felt`` in ``[attachment]``): a place the event was felt
    in, no place or party of it."""
    return any(m <= start and _same_clause(text, sentence, m, start) for m in felt)


def _peripheral_marks(text: str, sentence: Span) -> list[int]:
    return [m.end() for m in PERIPHERAL.finditer(text, sentence.start, sentence.end)]


def _same_clause(text: str, sentence: Span, a: int, b: int) -> bool:
    return clause_bounds(text, sentence, a, a) == clause_bounds(text, sentence, b, b)


def _attach(text: str, sentence: Span, triggers: list[Trigger], start: int, end: int, lex: Lexicon,
            kind: str) -> Trigger | None:
    """The event word a phrase at ``text[start:end]`` belongs to (see the module docstring)."""
    if not triggers:
        return None
    lo, hi = clause_bounds(text, sentence, start, end)
    in_clause = [t for t in triggers if lo <= t.start < hi]
    right = [t for t in in_clause if t.start >= end]
    left = [t for t in in_clause if t.end <= start]
    head = right[0] if right else None
    if head is not None and head.noun and _modifies(text, end, head.start, lex):
        return head
    prep = _preposition_before(text, lo, start)
    if prep in lex.linking or (kind in ("where", "when") and prep):
        for t in reversed(left):
            if kind == "who" and len(_WORDS.findall(text, t.end, start)) > WHO_MAX_GAP_WORDS:
                break
            if not t.reference or "," not in text[t.end:start]:
                return t
        if right and _opens_clause(text, lo, start, lex):
            return right[0]  # a fronted phrase: "On January 10, Russia will hold talks"
        if RELATIVE_BOUNDARY.match(text, lo - _boundary_width(text, lo)):
            main = [t for t in triggers if t.end <= lo and t.cls.claim and not t.reference]
            return main[-1] if main else None
        return None
    verb_before = left and not left[-1].noun and _modifies(text, left[-1].end, start, lex, allow=OBJECT_DETERMINERS)
    if right and not (verb_before and right[0].cls == left[-1].cls):
        return right[0]
    if verb_before:
        return left[-1]  # an object right after its verb: "met Washington", "to acquire Activision in a deal"
    return None


def _event_of_its_clause(text: str, sentence: Span, triggers: list[Trigger], start: int, end: int) -> Trigger | None:
    """The event word after a place or a date that no event word takes, when its clause names none before it: the
    clause's verb names no event ("a truck killed 84 people in Nice on Thursday in a terrorist assault"). The
    phrase goes to it only when it states no place or date of its own (``_sentence_claims``)."""
    lo, hi = clause_bounds(text, sentence, start, end)
    in_clause = [t for t in triggers if lo <= t.start < hi]
    if any(t.end <= start for t in in_clause):
        return None
    return next((t for t in in_clause if t.start >= end and t.cls.claim), None)


def _opens_clause(text: str, lo: int, start: int, lex: Lexicon) -> bool:
    """Whether only other fronted phrases stand before ``start`` in its clause ("and on 12 January in Vienna")."""
    for word in _WORDS.findall(text, lo, start):
        if not (word[0].isupper() or word[0].isdigit() or word.lower() in lex.linking
                or word.lower() in lex.function_words or word.lower() in ("then", "also")):
            return False
    return True


def _boundary_width(text: str, lo: int) -> int:
    m = re.search(r"(?:,\s*(?:which|where|when)|\s(?:that|which))\s*$", text[max(0, lo - 12):lo], re.I)
    return len(m.group(0)) if m else 0


def _preposition_before(text: str, lo: int, start: int) -> str | None:
    """The preposition that opens the phrase at ``start`` ("on" in "on the 12th"), if any."""
    words = _LETTERS.findall(text, max(lo, start - 30), start)
    while words and words[-1].lower() in ("the", "a", "an", "early", "late", "earlier", "later"):
        words.pop()
    return words[-1].lower() if words else None


def _modifies(text: str, end: int, noun_start: int, lex: Lexicon, allow: tuple[str, ...] = ()) -> bool:
    """Whether only modifier words stand between a phrase and a noun ("the 13 January consultations")."""
    gap = text[end:noun_start]
    if _PUNCTUATION.search(gap):
        return False
    words = _WORDS.findall(gap)
    words = [w for w in words if w.lower() not in ("s",)]
    if len(words) > PRENOMINAL_MAX_GAP_WORDS:
        return False
    return not any(w.lower() in lex.function_words and w.lower() not in allow for w in words)


def _prenominal_places(text: str, triggers: list[Trigger], find: Finder, places: list[Place],
                       taken: list[tuple[int, int]]) -> list[Place]:
    """A place name right before an event noun: "the Geneva talks"."""
    out = []
    for t in triggers:
        if not t.noun:
            continue
        m = re.search(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)\s+$", text[max(0, t.start - 40):t.start])
        if not m:
            continue
        words = list(re.finditer(r"\S+", m.group(1)))
        for w in words:  # the place ends at the noun: "During Geneva Talks", "the New York talks"
            at = max(0, t.start - 40) + m.start(1) + w.start()
            if any(a <= at < b for a, b in taken) or any(p.span.start == at for p in places):
                break
            place = find.lookup(text, at, m.group(1)[w.start():])
            if place is not None and place.kind == "city" and place.span.end == max(0, t.start - 40) + m.end(1):
                out.append(place)
                break
    return out


def _capital_of_an_incident(text: str, p: Participant, triggers: list[Trigger], find: Finder, lex: Lexicon) -> bool:
    """Whether a capital named right before an incident's noun is its place, not its country's government ("the
    Paris attacks", "the Ankara bombing"; "Moscow says" and "Moscow-Washington talks" keep their parties)."""
    alias = find.aliases.get(p.span.text)
    if alias is None or alias.kind != "capital":
        return False
    head = next((t for t in triggers if t.start >= p.span.end), None)
    return head is not None and head.noun and head.cls.name in lex.incidents and \
        _modifies(text, p.span.end, head.start, lex)


def _host_country(text: str, p: Participant, triggers: list[Trigger], find: Finder, lex: Lexicon) -> Place | None:
    """A country (or its adjective) right before the noun of an event a country hosts (``hosted = true``: "the
    Brazilian Grand Prix") is where the event is held, not a party to it."""
    alias = find.aliases.get(p.span.text)
    if alias is None or alias.kind != "country":
        return None
    head = next((t for t in triggers if t.start >= p.span.end), None)
    if head is None or not head.noun or head.cls.name not in lex.hosted or not _modifies(text, p.span.end, head.start,
                                                                                          lex):
        return None
    return Place(alias.name, alias.code, "country", p.span)


def _one_date(found: list[TimeExpression]) -> TimeExpression | None:
    """The date of a claim: one calendar value; several that disagree (a list, "12th and 13th") say none."""
    calendar = [d for d in found if d.value.is_calendar and not d.anaphoric and (d.value.month or d.value.day or
                                                                                   d.value.grain == "year")]
    if not calendar:
        return None
    first = calendar[0]
    if all(dates_agree(first.value, d.value) for d in calendar[1:]):
        return max(calendar, key=lambda d: (d.value.day is not None, d.value.month is not None, d.value.year is not None, d.value.is_time))
    return None


@built_from_words
def _bounds() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{phrase_alternation(data('dates')['times'].get('bounds', ()))})\s+\Z", re.I)


def _bound_before(text: str, start: int) -> bool:
    """Whether a time of day is a bound ("by 7 a.m.", ``[times] bounds``), not the moment of its event."""
    return _bounds().search(text, max(0, start - 16), start) is not None


def _clock(found: list[TimeExpression]) -> TimeExpression | None:
    """The time of day a phrase gives with no day ("at 21:00", "at 17:06 (1336 GMT)": one instant, however many
    zones tell it): the claim's day is its event's."""
    clocks = [d for d in found if d.value.clock_only and not d.anaphoric]
    return clocks[0] if clocks and all(dates_agree(clocks[0].value, d.value) for d in clocks[1:]) else None


def _modality_from_date(when: TimeExpression | None, article: Article) -> str:
    v = when.value if when else None
    if v is None or article.published is None or None in (v.year, v.month) or "year" not in v.stated:
        return ""
    key = (v.year, v.month, v.day or 0)
    pub = (article.published.year, article.published.month, article.published.day if v.day else 0)
    return "future" if key > pub else "past" if key < pub else ""


def _theme(text: str, sentence: Span, t: Trigger, triggers: list[Trigger], themes: dict[int, str | None]) -> str | None:
    """The object an event is done to: "the draft agreements" of "published the draft agreements"."""
    lex = lexicon()
    before = text[sentence.start:t.start]
    aux = PASSIVE_AUX.search(before)
    if aux is not None:
        head = before[:aux.start()].rstrip()
        if re.search(r"\b(?:and|or|but)$", head, re.I):  # "were signed ... and were published": same subject
            first_aux = PASSIVE_AUX_ANYWHERE.search(before)
            head = before[:first_aux.start()] if first_aux else ""
        words = re.findall(r"[\w'’-]+", head)[-THEME_MAX_WORDS:]
    elif not t.noun:
        after = re.match(r"\s*((?:[\w'’-]+\s*){1,%d})" % THEME_MAX_WORDS, text[t.end:sentence.end])
        words = re.findall(r"[\w'’-]+", after.group(1)) if after else []
        cut = next((i for i, w in enumerate(words) if w.lower() in lex.linking or w.lower() in ("and", "to", "that")),
                   len(words))
        words = words[:cut]
    else:
        return None
    content = [singular(lex.spelling.get(w.lower(), w.lower())) for w in words
               if w.lower() not in lex.function_words and not w[0].isupper() and not w[0].isdigit()]
    return " ".join(content[-2:]) or None


def _unique(people: list[Participant]) -> tuple[Participant, ...]:
    seen: dict[str, Participant] = {}
    for p in people:
        key = p.name
        if key not in seen or (p.kind == "person" and seen[key].kind != "person"):
            seen[key] = p
    return tuple(seen.values())
