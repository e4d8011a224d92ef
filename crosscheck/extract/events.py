"""Article events: the mentions of one event across an article's sentences, and the slots they gather.

Real articles spread a story over sentences: the headline names the quake, the dateline its place
("ANKARA (Reuters) -"), the lead its day, and a later sentence says only "the quake killed 300 people".
Event coreference inside one article puts them back together:

1. Every mention of an event (a verb or a noun of ``data/events.toml``: "struck", "the quake", "the
   crash") is a mention of an article event of its kind; the incident classes are one kind here (an
   outlet's explosion is the fire it set, "the incident" either). The kinds a mention may refer to are its own
   and, for an outcome ("died", "killed"; ``outcome = true``), the article's main incident.
2. The main event is the kind the article speaks of most, headline and lead weighing more
   (``Document.weight``).
3. A mention refers to its kind's article event unless the text marks another: a marker word just
   before it ("another", "a previous"; ``[coreference] other_event``), a year below the lead other than
   the article's own ("the Bam quake of December 2003"), or a value it states that the event already
   has otherwise (a different stated year, a day further than
   ``SAME_EVENT_MAX_DAYS`` away, a place that is not within the event's place; any date, against a day
   nobody knows: "on Sunday" in an article with no publication date; not a time of day, which states no
   day). A marked mention keeps only its own slots: the earlier quake an article recalls is never the new one.
4. The article event's slots are the union of what its mentions state (the first stated of each, its named
   site too: "the 53rd Street tunnel"); the
   place of a main event that is an incident, when no mention names one, is the article's setting:
   its dateline's, else the first city its headline or lead names (a country holds many elections,
   and a meeting is told by its parties). Each claim keeps the values its own sentence
   states and takes the others from its event, marked as gathered (``Claim.context``: the slot and the
   sentence that states it). A main event no mention dates takes the day its lead states in a sentence that
   names no event ("the trains 'bumped into each other' Wednesday morning"), when that day lies on the side of the
   publication date its tense says; an incident no sentence of its article dates ("a tram overturned in London",
   reported that day) takes the day its article was published: a day to group by, never one compared
   (``inferred_day``; a time of day on it is compared by its clock). A main incident no mention names a spot of
   takes the first its lead names in a sentence that names no event ("into the show at Terrigal Beach").
5. A figure in a sentence that names no event ("the toll rose to 35") belongs to the article's main
   event, unless the sentence states another year than its ("In 2008, ... a turnout of 58 per cent").
A mention that states no value of its own makes no claim: it only joins the slots of its event.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from crosscheck.agreement import SAME_EVENT_MAX_DAYS, days_agree, days_apart, parties_compatible, places_agree
from crosscheck.extract.document import Document
from crosscheck.lexicon import built_from_words, data, phrase_alternation
from crosscheck.model import Claim, Gathered, Place, Quantity, Site, Span, TimeExpression, TimeValue, When

RECALLED_YEARS_IN_LEAD = 2  # a lead mention whose stated year lies this many years from publication recalls another
MARKER_MAX_WORDS = 3
MARKER_REACH = 80  # characters before a mention looked at for a marker word
FRAMES_PER_KIND_MAX = 32  # article events of one kind an article may tell; past that, mentions keep their own slots  # "another deadly quake": words between a marker of another event and the mention
ALL_SLOTS = frozenset({"who", "when", "where", "site"})
_WORDS_BEFORE = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Orphan:
    """A figure stated in a sentence that names no event."""

    sentence: int
    quantity: Quantity
    when: TimeExpression | None = None  # the date its sentence states: one at odds with the main event's is another's


@dataclass
class _Frame:
    """An article event: its kind and the first value of each slot its mentions state, with where."""

    what: str
    modality: str
    weight: int = 0
    when: tuple[TimeExpression, int] | None = None  # the value and the index of the sentence stating it
    where: tuple[Place, int] | None = None
    site: tuple[Site, int] | None = None  # the first named spot a mention states ("the 53rd Street tunnel")
    who: tuple[frozenset[str], int, tuple] | None = None  # (parties, sentence index, participants)
    members: list[int] = field(default_factory=list)  # positions of its claims
    sides: set[frozenset[str]] = field(default_factory=set)  # the party sets its members name (a few distinct)
    day_unknown: bool = False  # a mention gave its day, one nobody knows ("on Sunday", no publication date)


@built_from_words
def _coreference() -> tuple[frozenset[str], frozenset[str], re.Pattern]:
    """(outcome kinds, incident kinds, the pattern of words that mark another event)."""
    spec = data("events")
    classes = spec["classes"]
    outcomes = frozenset(n for n, c in classes.items() if c.get("outcome"))
    incidents = frozenset(n for n, c in classes.items() if c.get("incident"))
    marker = re.compile(rf"\b(?:{phrase_alternation(spec['coreference']['other_event'])})\b", re.I)
    return outcomes, incidents, marker


def gather(doc: Document, mentions: list[tuple[int, Claim, frozenset[str]]], orphans: list[Orphan], article_id: str,
           setting: Place | None, published: dt.date | None,
           lead_days: Sequence[tuple[int, TimeExpression]] = (),
           lead_sites: Sequence[tuple[int, Site]] = ()) -> tuple[list[Claim], int | None]:
    """Mentions (the index of their sentence, the claim the sentence makes, the slots it says nothing of) → claims
    with their article events' slots, and the figures of sentences that name no event given to the main event;
    claims that state nothing of their own are dropped; ``lead_days`` and ``lead_sites``, the days and the named
    spots lead sentences that name no event state (the main event's, when no mention dates it or names its spot).
    With the main event's number (``Claim.frame``), if any."""
    outcomes, incidents, marker = _coreference()
    mentions = _share_in_sentence(doc, mentions, outcomes | incidents, marker)
    claims = [(index, c) for index, c, _ in mentions]
    unstated = [slots for _, _, slots in mentions]
    frames: list[_Frame] = []
    by_kind: dict[str, list[_Frame]] = {}
    own: list[bool] = []  # whether a claim is its own event (marked as another, or at odds with every event)
    for position, (index, c) in enumerate(claims):
        if _marked(doc.text, doc.sentences[index].start, c.trigger.start, marker) or \
                _recalled(doc, index, c, published, c.what in incidents | outcomes):
            own.append(True)
            continue
        of_kind = by_kind.setdefault(_family_key(c.what, incidents), [])
        frame = next((f for f in of_kind if not _at_odds(f, c)), None)
        if frame is None:
            if len(of_kind) >= FRAMES_PER_KIND_MAX:  # a list of look-alikes, not a story: each keeps its own slots
                own.append(True)
                continue
            frame = _Frame(c.what, c.modality)
            frames.append(frame)
            of_kind.append(frame)
        own.append(False)
        frame.weight += doc.weight(index)
        frame.members.append(position)
        _fill(frame, c, index, published is None and "when" not in unstated[position])
    main = max(frames, key=lambda f: (f.weight, -f.members[0]), default=None)
    if main is not None and main.what in incidents:  # "84 people died": the toll of the article's incident
        for frame in frames:
            if frame.what not in outcomes:
                continue
            for position in frame.members:
                index, c = claims[position]
                if _at_odds(main, c):
                    continue
                same = next((p for p in main.members if claims[p][0] == index), None)
                if same is not None:  # "a quake hit Gaziantep, killing 35": the toll joins the sentence's quake
                    claims[same] = (index, replace(claims[same][1],
                                                   quantities=claims[same][1].quantities + c.quantities))
                    claims[position] = (index, replace(c, what=main.what, quantities=()))
                else:
                    claims[position] = (index, replace(c, what=main.what))
                    main.members.append(position)
                _fill(main, c, index, published is None and "when" not in unstated[position])
            frame.members = [p for p in frame.members if claims[p][1].what == frame.what]
    if main is not None and main.what in incidents and main.where is None and setting is not None:
        main.where = (setting, doc.sentence_of(setting.span.start) or 0)
    if main is not None and main.when is None and not main.day_unknown:
        main.when = next(((d, i) for i, d in lead_days if _in_its_tense(main, d, published)), None)
    if main is not None and main.what in incidents and main.site is None and lead_sites:
        main.site = (lead_sites[0][1], lead_sites[0][0])  # "A few minutes into the show at Terrigal Beach, ..."
    for frame in frames:  # an incident its article dates nowhere: the day it was reported
        if frame.when is None and not frame.day_unknown and frame.what in incidents and frame.modality != "future" \
                and published is not None and frame.members:
            frame.when = (publication_day(published), claims[frame.members[0]][0])
    out: list[Claim] = []
    members = {p: f for f in frames for p in f.members}
    number = {id(f): n for n, f in enumerate(frames)}
    for position, (index, c) in enumerate(claims):
        states = _states_something(c)  # before its event's slots come in: "at 21:00" takes its event's day
        if not own[position] and position in members and not _spans_several(c, by_kind.get(_family_key(c.what, incidents), [])):
            frame = members[position]
            c = replace(_with_frame(doc, frame, c, unstated[position]), frame=number[id(frame)])
        if states:
            out.append(c)
    if main is not None and main.members:
        for o in orphans:
            orphan = _orphan_claim(doc, o, main.what, main.modality, article_id)
            if _another_year(main, o.when):
                continue  # "In 2008, ... a turnout rate of 58 per cent": the figure of another election
            out.append(replace(_with_frame(doc, main, orphan, ALL_SLOTS), frame=number[id(main)]))
    out.sort(key=lambda c: (c.sentence.start, c.trigger.start))
    return [replace(c, id=f"{article_id}#{i}", dated=published is not None, published=published)
            for i, c in enumerate(out, 1)], (None if main is None else number[id(main)])


INCIDENT_FAMILY = "incident"  # the frames of the incident classes: one outlet's explosion is the fire it set


def _family_key(what: str, incidents: frozenset[str]) -> str:
    """The kinds whose mentions may be one article event: the incident classes together ("the barge caught fire",
    "the explosion", "the incident"), each other class alone."""
    return INCIDENT_FAMILY if what in incidents else what


def _share_in_sentence(doc: Document, mentions: list[tuple[int, Claim, frozenset[str]]], family: frozenset[str],
                       marker: re.Pattern) -> list[tuple[int, Claim, frozenset[str]]]:
    """A mention of a happening that states neither place nor day takes those of the first mention of a happening
    in its sentence that states them: "shattered by death and mayhem Thursday night in ... Nice when a truck barreled
    ... in what the president called a terrorist assault" tells one event (a mention marked as another keeps its
    own)."""
    def plain(index: int, c: Claim) -> bool:
        return c.what in family and not _marked(doc.text, doc.sentences[index].start, c.trigger.start, marker)

    out = []
    for index, c, unstated in mentions:
        if plain(index, c) and {"when", "where"} <= unstated:
            giver = next((g for i, g, u in mentions if i == index and g is not c and plain(i, g)
                          and not {"when", "where"} <= u), None)
            if giver is not None:  # marked as gathered: the values are the giver's to claim, not the mention's
                shared = [slot for slot in ("when", "where") if getattr(giver, slot) is not None]
                s = doc.sentences[index]
                context = [Gathered(slot, s, doc.lines.line(s.start), doc.lines.column(s.start)) for slot in shared]
                c = replace(c, when=giver.when, where=giver.where, context=c.context + tuple(context))
                unstated = unstated - set(shared)
        out.append((index, c, unstated))
    return out


def _another_year(frame: _Frame, when: TimeExpression | None) -> bool:
    """Whether a sentence states a year other than its article event's ("In 2008, ..." in a story of 2016)."""
    if when is None or frame.when is None or "year" not in when.value.stated:
        return False
    a, b = frame.when[0].value.year, when.value.year
    return None not in (a, b) and a != b


def _marked(text: str, sentence_start: int, trigger_start: int, marker: re.Pattern) -> bool:
    """Whether a marker of another event stands just before the mention ("another quake", "the 1999 quake")."""
    reach = max(sentence_start, trigger_start - MARKER_REACH)
    words = _WORDS_BEFORE.findall(text, reach, trigger_start)[-(MARKER_MAX_WORDS + 1):]
    return any(marker.fullmatch(w) for w in words)


def _recalled(doc: Document, index: int, c: Claim, published: dt.date | None, incident: bool) -> bool:
    """Whether a mention below the lead states a year other than the article's own ("the Bam quake of December
    2003"), or one in the lead a year ``RECALLED_YEARS_IN_LEAD`` from it ("the biggest since the quake of 17 August
    1999"): news tells its fresh event by the day ("on Sunday"), and names a year for one it recalls; a happening
    below the lead dated by its month alone ("In February, a quake ... hit Zarand") is one it recalls too."""
    if index == doc.headline or c.when is None:
        return False
    v = c.when.value
    if incident and index not in doc.lead and v.grain == "month" and "month" in v.stated and "day" not in v.stated:
        return True
    if "year" not in v.stated:
        return False
    if index in doc.lead:  # a lead may name last year's December; a year further back is another event
        return published is not None and c.when.value.year is not None and \
            abs(c.when.value.year - published.year) >= RECALLED_YEARS_IN_LEAD
    return published is None or c.when.value.year != published.year


def _at_odds(frame: _Frame, c: Claim) -> bool:
    """Whether a mention states a tense, participants, year, day or place an article event already has otherwise."""
    if {frame.modality, c.modality} == {"past", "future"}:
        return True
    if c.who and any(not parties_compatible(parties, c.parties) for parties in frame.sides):
        return True
    if frame.when is None and frame.day_unknown and c.when is not None and not c.when.value.clock_only:
        return True  # "on Sunday" in an undated article: "in September" below cannot be shown to be that day
    if frame.when is not None and c.when is not None:
        a, b = frame.when[0].value, c.when.value
        if ("year" in a.stated or "year" in b.stated) and None not in (a.year, b.year) and a.year != b.year:
            return True  # in one article, a year inferred from its publication date is as good as stated
        if not days_agree(a, b):  # "In October" against the event's 10 November; a day or two apart is one event
            apart = days_apart(a, b)
            if apart is None or apart > SAME_EVENT_MAX_DAYS:
                return True
    if frame.where is not None and c.where is not None and not places_agree(frame.where[0], c.where):
        return True
    return False


PUBLICATION_DAY = "the day of publication: the article states no day"  # the anchor of an inferred day


def publication_day(published: dt.date) -> TimeExpression:
    """The day of an incident its article reports and dates nowhere ("a tram overturned in London"): the day the
    article was published, as a reader takes it; a day to group by, never one to compare (``inferred_day``)."""
    value = TimeValue(published.year, published.month, published.day, "day", frozenset())
    return TimeExpression(0, 0, "", value, PUBLICATION_DAY, "none", "no day stated: the day it was reported")


def inferred_day(when: When | None) -> bool:
    """Whether a claim's day is its article's publication day, inferred (``publication_day``): no value to dispute
    (a time of day on it is compared by its clock alone: ``stated_value``)."""
    return when is not None and when.expression.anchor == PUBLICATION_DAY


def stated_value(when: When) -> TimeValue:
    """What a claim's time says of itself: its value, the inferred day left out ("at 3:10 p.m." reported on 28
    September is 15:10 on a day nobody states)."""
    v = when.value
    return replace(v, year=None, month=None, day=None) if inferred_day(when) else v


def _in_its_tense(frame: _Frame, day: TimeExpression, published: dt.date | None) -> bool:
    """Whether a day is on the side of the publication date the event's tense puts it (a past event's day is not
    after the article was published, a coming one's not before)."""
    v = day.value
    if published is None or None in (v.year, v.month, v.day):
        return False
    on = dt.date(v.year, v.month, v.day)
    return not ((frame.modality == "past" and on > published) or (frame.modality == "future" and on < published))


def _fill(frame: _Frame, c: Claim, index: int, unknown_day: bool) -> None:
    """Give the frame the slots the mention states that it lacks (``unknown_day``: the mention states a day that
    nobody knows)."""
    if frame.when is None and c.when is not None and c.when.value.is_calendar and not frame.day_unknown \
            and not c.when.value.clock_only:
        frame.when = (c.when.expression, index)
    elif frame.when is None and c.when is None and unknown_day:
        frame.day_unknown = True
    if c.where is not None and (frame.where is None or (frame.where[0].kind != "city" and c.where.kind == "city")):
        frame.where = (c.where, index)
    if c.site is not None and frame.site is None:
        frame.site = (c.site, index)
    if c.who:
        frame.sides.add(c.parties)
    if frame.who is None and c.who:
        frame.who = (c.parties, index, c.who)


def _spans_several(c: Claim, frames: list[_Frame]) -> bool:
    """Whether a mention names the parties of several events of its kind ("Russia will negotiate with NATO and the
    OSCE"): like a claim that fits several events, it takes the slots of none."""
    return c.who != () and sum(f.what == c.what and bool(f.sides) and not _at_odds(f, c) for f in frames) > 1


def _with_frame(doc: Document, frame: _Frame, c: Claim, unstated: frozenset[str]) -> Claim:
    """The claim with the slots its sentence says nothing of taken from its article event, each marked as gathered
    (a sentence that names two days, "on 12 and 13 January", has a date: not one its event may fill)."""
    changes: dict = {}
    context = list(c.context)
    for slot in ("when", "where", "who", "site"):
        got = getattr(frame, slot) if slot in unstated else None
        if got is None or (getattr(c, slot) and not (slot == "when" and c.when.value.clock_only)):
            continue
        value, index = got[0], got[1]
        if slot == "when" and c.when is not None:  # "at 21:00": the time its sentence states, on its event's day
            if value.value.day is None:
                continue
            value = _on_day(c.when.expression, value)  # on an inferred day, still inferred: its clock alone compared
        changes[slot] = When(value) if slot == "when" else got[2] if slot == "who" else value
        s = doc.sentences[index]
        context.append(Gathered(slot, s, doc.lines.line(s.start), doc.lines.column(s.start)))
    return replace(c, **changes, context=tuple(context)) if changes else c


def _on_day(clock: TimeExpression, day: TimeExpression) -> TimeExpression:
    """A time of day on the day its event has: the clock's words and offsets, the day's year, month and day."""
    v, d = clock.value, day.value
    value = replace(v, year=d.year, month=d.month, day=d.day,
                    stated=v.stated | {part for part in ("year", "month", "day") if part in d.stated})
    anchor = PUBLICATION_DAY if day.anchor == PUBLICATION_DAY else f"the day of its event: {day.text}"
    return replace(clock, value=value, anchor=anchor)


def _states_something(c: Claim) -> bool:
    stated = {g.slot for g in c.context}
    return bool(c.quantities or c.theme or (c.who and "who" not in stated) or (c.when and "when" not in stated)
                or (c.where and "where" not in stated) or (c.site and "site" not in stated))


def _orphan_claim(doc: Document, o: Orphan, what: str, modality: str, article_id: str) -> Claim:
    s = doc.sentences[o.sentence]
    q = o.quantity
    return Claim(id=f"{article_id}#0", article=article_id, sentence=s, line=doc.lines.line(s.start), what=what,
                 trigger=Span(q.span.start, q.span.end, q.span.text), quantities=(q,), modality=modality,
                 column=doc.lines.column(s.start))
