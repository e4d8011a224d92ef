"""Claims → events: which claims, across and within articles, speak of one event.

The principle: two claims speak of one event when they name the same kind of
event (``what``), compatible participants (one side's parties are all on the
other side), and agree on at least one anchor (the date, at the grain both
know; the place, allowing containment; for events that happen once to a thing,
such as publishing a document, the thing), and nothing rules it out: one is
past and the other still to come; each states a year and the years differ
(the 2008 fight and the 2012 fight are look-alikes); the participants differ;
both name people on one side and the people differ; the objects differ.
Events that seldom name who takes part (an earthquake, a fire, an attack;
``identity = "place-and-date"`` in ``data/events.toml``) are one event only
when their places agree and their dates do, and are then compared on what they count; the incidents one happening
is told by are one family (an explosion and the fire it set, a storm and its landfall: ``_family``), the event's kind
the one most of its articles tell it by. Two reports of one such event
may give days up to ``SAME_EVENT_MAX_DAYS`` apart (the day in dispute must
not be what keeps them apart); two storms a week apart are two events; an
report with no day joins another in the same town only, and one from an
article with no publication date only with a participant in common as well (a
town sees more than one quake, and such articles' days stay unknown). A
conflict is then
an event whose claims disagree on a remaining slot (``compare``).

A claim joins an event only if it fits every claim already in it, so a chain
of near-matches cannot glue two events together; a claim that fits several
events (it names only "Russia", say) joins none of them. An article event
(``extract.events``) stays whole: clusters that hold mentions of one are joined
unless something in one rules out the other, and a mention with nothing to group
by alone joins its article event's cluster (``with_article_events``). An incident
report that gives no day and names only a country tells the incident of that
country whose day lies at most ``SAME_EVENT_MAX_DAYS`` before its publication.
What the corpus says of a person (an age) is grouped by person, across every
event (``person_events``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from itertools import combinations

from crosscheck import canonical
from crosscheck.agreement import SAME_EVENT_MAX_DAYS, days_agree, days_apart, dates_match, parties_compatible, places_agree, \
    themes_agree
from crosscheck.extract.measures import person_measures
from crosscheck.lexicon import built_from_words, data
from crosscheck.model import Claim, Event, Extraction, Participant, Place, Span, TimeValue
from crosscheck.stories import story_events


PARTY_SUBSETS_MAX = 3  # independent_parts files a reading under its party subsets up to this size
PARTIES_OF_A_DEAL = 2  # parties in common that make two reports of a deal one deal (``by_parties``)


def group(extractions: list[Extraction] | tuple[Extraction, ...], singletons: bool = False) -> tuple[Event, ...]:
    """Events of two or more claims (with ``singletons``, of one too), in a stable order: the articles are read
    in the order of what they say (``canonical``), whatever their names or the order they came in; then what the
    corpus says of each person (``person_events``); then what the main events of each story's articles state
    (``stories.story_events``)."""
    extractions = canonical.in_order(extractions)
    sides = known_sides((m.name, m.party) for x in extractions for m in x.people)
    claims = [c for x in extractions for c in with_sides(x.claims, sides)]
    events = events_of(claims, singletons)
    return events + person_events(claims, singletons) + story_events(extractions, singletons)


PERSON = "person"  # the kind of the events that hold what sources say of one person, wherever they say it


def person_events(claims: Iterable[Claim], singletons: bool = False) -> tuple[Event, ...]:
    """What the claims say of each person (their age: ``of_person`` measures), by surname, across the whole
    corpus: a person's age belongs to the person, not to the event the sentence tells ("Brian Nichols, 37, is
    accused of ...", in an article about the trial; "Nichols, 37," in one about the escape). Events of claims from
    two or more articles (with ``singletons``, from one too), each claim holding only those figures (the day and
    place of its sentence are its event's, not the person's)."""
    by_person: dict[str, list[Claim]] = {}
    for c in claims:
        figures = _person_figures(c)
        for name in dict.fromkeys(q.of for q in figures):
            by_person.setdefault(name, []).append(replace(c, quantities=tuple(q for q in figures if q.of == name),
                                                          who=(), when=None, where=None, theme=None, context=()))
    events = []
    for name, members in sorted(by_person.items()):
        if singletons or len({c.article for c in members}) > 1:
            events.append(_event(PERSON, members, [f"{c.id}: a figure of {name}" for c in members], label=name))
    return tuple(events)


def people_figured(claims: Iterable[Claim]) -> tuple[str, ...]:
    """The surnames the claims give a figure of (``person_events``), in order."""
    return tuple(dict.fromkeys(q.of for c in claims for q in _person_figures(c)))


def _person_figures(c: Claim) -> tuple:
    measures = person_measures()
    return tuple(q for q in c.quantities if q.measure in measures and q.of)


def events_of(claims: Iterable[Claim], singletons: bool = False) -> tuple[Event, ...]:
    """The events among claims whose people already have their side (``with_sides``), in a stable order: those of
    two or more claims (with ``singletons``, also those one claim alone tells).

    Claims are taken in the order given (the canonical order of their articles, ``canonical``), never by their
    articles' names: the same content groups the same, whatever the files are called."""
    by_class: dict[str, list[tuple[Claim, Reading]]] = {}
    loose: dict[str, list[tuple[Claim, Reading]]] = {}  # mentions of an article event that cannot group by themselves
    rank: dict[int, int] = {}  # each claim's place in the order given, by identity
    for c in claims:
        r = reading(c)
        if groupable(r):
            rank[id(c)] = len(rank)
            by_class.setdefault(_family(c.what), []).append((c, r))
        elif c.frame is not None:
            rank[id(c)] = len(rank)
            loose.setdefault(_family(c.what), []).append((c, r))
    events: list[Event] = []
    for family, members in sorted(by_class.items()):
        # the most specific claims open clusters first (most parties, then a date, then a place), as value groups
        # gather the most specific value first; among equals, the order given (a stable sort)
        members.sort(key=lambda m: (-len(m[1].parties), m[1].when is None, m[1].where is None))
        for cluster in with_article_events(_clusters(members), loose.get(family, [])):
            if len(cluster.claims) > 1 or singletons:
                ordered = sorted(cluster.claims, key=lambda c: rank[id(c)])
                events.append(_event(_kind_of(ordered), ordered, cluster.reasons))
    events.sort(key=lambda e: rank[id(e.claims[0])])
    return tuple(events)


INCIDENTS = "incidents"  # the family of the incident classes: grouped together, by place and date


def _family(what: str) -> str:
    """The classes grouped together: the incidents one happening is told by (an explosion and the fire it set, a
    storm and its landfall: ``incident = true`` and ``identity = "place-and-date"``), each other class alone."""
    return INCIDENTS if by_place_and_date(what) and what in classes_where("incident") else what


@built_from_words
def classes_where(key: str, value: object = True) -> frozenset[str]:
    """The event classes of ``data/events.toml`` whose ``key`` is ``value`` ("incident", "generic", "by_year";
    ``identity`` "parties" or "place-and-date")."""
    return frozenset(name for name, spec in data("events")["classes"].items() if spec.get(key) == value)


def _kind_of(claims: list[Claim]) -> str:
    """An event's kind: the class most of its claims' articles tell it by, the first told among equals; a generic
    word ("the incident": ``generic = true``) only when no article tells it by another."""
    generic = classes_where("generic")
    claims = [c for c in claims if c.what not in generic] or claims
    counts = Counter(c.what for c in {(c.article, c.what): c for c in claims}.values())
    best = max(counts.values())
    return next(c.what for c in claims if counts[c.what] == best)


@dataclass(frozen=True)
class Reading:
    """A claim as grouping reads it: the kind of event, tense, object, participants, date and place, without
    offsets. Claims that read alike group alike, so a cluster checks each distinct reading once, and a reading is
    all a warm check needs of a claim to find the parts of a corpus (``independent_parts``)."""

    what: str
    modality: str
    theme: str | None
    who: tuple[tuple[str, str, str], ...]  # (kind, name, party) of each participant
    when: TimeValue | None
    where: Place | None  # without its span
    dated: bool = True  # whether the claim's article has a publication date (``Claim.dated``)
    # the publication date of an incident's report that names only a country and no day (``anchor``); else None,
    # so that reports that read alike still share one reading
    published: dt.date | None = None

    @cached_property
    def parties(self) -> frozenset[str]:
        return frozenset(party for _, _, party in self.who)

    @cached_property
    def people(self) -> dict[str, str]:
        """The person named on each side."""
        return {party: name for kind, name, party in self.who if kind == "person"}

    def __getstate__(self) -> dict:  # cached properties are not stored
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @cached_property
    def unsided(self) -> tuple[str, ...]:
        """People named without a side: their party is their own name, until the corpus gives them one."""
        return tuple(name for kind, name, party in self.who if kind == "person" and party == name)

    @property
    def identity(self) -> str:
        """The reading as a string that is the same in every process (a set's order is not), for digests."""
        where = (self.where.name, self.where.country, self.where.kind) if self.where else None
        return repr((self.what, self.modality, self.theme, self.who, _value_identity(self.when), where, self.dated,
                     self.published))


def _value_identity(v: TimeValue | None) -> tuple | None:
    return None if v is None else (v.year, v.month, v.day, v.grain, tuple(sorted(v.stated)), v.week, v.quarter,
                                   v.ref, _value_identity(v.end))


_NO_SPAN = Span(0, 0, "")


SITE = "site"  # the kind of place a reading gives an incident told only by its named spot ("at Terrigal Beach")


def reading(c: Claim) -> Reading:
    """The claim as grouping reads it; an incident no place names is where its named spot is, as specific as a town
    (a site is never compared: only its name joins reports)."""
    no_day_country_only = c.when is None and c.where is not None and c.where.kind == "country" and \
        by_place_and_date(c.what)
    where = replace(c.where, span=_NO_SPAN) if c.where else None
    if where is None and c.site is not None and by_place_and_date(c.what):
        where = Place(c.site.name, None, SITE, _NO_SPAN)
    return Reading(c.what, c.modality, c.theme, tuple((p.kind, p.name, p.party) for p in c.who),
                   c.when.value if c.when else None, where, c.dated, c.published if no_day_country_only else None)


def _town_or_site(p: Place) -> bool:
    return p.kind in ("city", SITE)


def known_sides(people: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The side the corpus gives each titled person, from (name, party) in corpus order: the side most often
    named, the first named on a tie ("Sherman" → United States, wherever her title is given)."""
    counts: dict[str, Counter] = {}
    for name, party in people:
        if party:
            counts.setdefault(name, Counter())[party] += 1
    return {name: c.most_common(1)[0][0] for name, c in counts.items()}


def _sided(kind: str, name: str, party: str, sides: dict[str, str]) -> str:
    """A person named without a side (party is the name itself) takes the side the corpus gives them."""
    return sides.get(name, party) if kind == "person" and party == name else party


def with_sides(claims: Iterable[Claim], sides: dict[str, str]) -> list[Claim]:
    out = []
    for c in claims:
        if any(_sided(p.kind, p.name, p.party, sides) != p.party for p in c.who):
            c = replace(c, who=tuple(replace(p, party=_sided(p.kind, p.name, p.party, sides)) for p in c.who))
        out.append(c)
    return out


def reading_with_sides(r: Reading, sides: dict[str, str]) -> Reading:
    """``with_sides`` for a reading: the same reading as the claim with its sides would give."""
    if not any(name in sides for name in r.unsided):
        return r
    return replace(r, who=tuple((kind, name, _sided(kind, name, party, sides)) for kind, name, party in r.who))


@dataclass
class _Cluster:
    claims: list[Claim] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # one claim for each distinct reading, with how many claims read so: a claim is checked against each reading
    # once, not against every member (a story told by a thousand articles has a handful of readings)
    readings: dict[Reading, list] = field(default_factory=dict)

    def add(self, claim: Claim, r: Reading) -> None:
        self.claims.append(claim)
        self.readings.setdefault(r, [claim, 0])[1] += 1

    def fit(self, r: Reading) -> tuple[int, Claim, Reading, str] | None:
        """(how many members anchor the reading, the first of them and its reading, why), or None if it cannot
        join."""
        if any(ruled_out(r, rep) for rep in self.readings):
            return None
        count, first = 0, None
        for rep, (claim, n) in self.readings.items():
            why = anchor(r, rep)
            if why:
                count += n
                first = first or (claim, rep, why)
        return (count, *first) if first else None


def _clusters(members: list[tuple[Claim, Reading]]) -> list[_Cluster]:
    """Greedy: each claim joins the one cluster it fits best, opens a new one, or (fitting several equally) none.

    Only clusters filed under one of the claim's lookup keys are tried (``_blocking_keys``): nothing that could
    fit is missed, and not all pairs are compared.
    """
    clusters: list[_Cluster] = []
    by_key: dict[str, set[int]] = {}
    for claim, r in members:
        filed_under, look_up = _blocking_keys(r)
        candidates = sorted(set().union(*(by_key.get(k, ()) for k in look_up)))
        fits = []
        for i in candidates:
            fit = clusters[i].fit(r)
            if fit:
                fits.append((fit[0], i, *fit[1:]))
        fits.sort(key=lambda f: (f[0], f[1]), reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            _, i, member, rep, why = fits[0]
            shared = ", ".join(sorted(r.parties & rep.parties)) or (
                f"object {claim.theme}" if claim.theme else "none named")
            clusters[i].reasons.append(f"{claim.id} joined {member.id}: {why}; same kind of event and "
                                       f"participants ({shared}); nothing rules it out")
        elif not fits:
            i = len(clusters)
            clusters.append(_Cluster())
        else:
            continue
        clusters[i].add(claim, r)
        for k in filed_under:
            by_key.setdefault(k, set()).add(i)
    return clusters


def _frame(c: Claim) -> tuple[str, int] | None:
    return None if c.frame is None else (c.article, c.frame)


def with_article_events(clusters: list[_Cluster], loose: list[tuple[Claim, Reading]]) -> list[_Cluster]:
    """Clusters joined where they hold mentions of one article event, and the mentions that could not group alone
    ("Ten people are killed", in an article about one quake) added to the cluster of their article event.

    An article event is one event by its article's own account (``extract.events``): when other articles' claims
    joined its mentions in different clusters (one through the place, one through the day), the clusters are
    one event, unless something in one rules out something in the other (then they stay apart, as two
    clusters that do not fit). A mention with no anchor of its own joins its article event's cluster when it
    has exactly one."""
    joined = Components()
    holding: dict[tuple[str, int], list[int]] = {}
    for i, cluster in enumerate(clusters):
        for c in cluster.claims:
            key = _frame(c)
            if key is not None and i not in holding.setdefault(key, []):
                holding[key].append(i)
    for key in sorted(holding, key=lambda k: holding[k][0]):
        for i in holding[key][1:]:
            a, b = joined.root(holding[key][0]), joined.root(i)
            if a == b or any(ruled_out(x, y) for x in clusters[a].readings for y in clusters[b].readings):
                continue
            joined.join(b, a)  # the first cluster takes in the other: its claims, readings and reasons
            clusters[a].claims.extend(clusters[b].claims)
            for r, (claim, n) in clusters[b].readings.items():
                clusters[a].readings.setdefault(r, [claim, 0])[1] += n
            clusters[a].reasons.extend(clusters[b].reasons)
            clusters[a].reasons.append(f"{clusters[b].claims[0].id} and {clusters[a].claims[0].id} are mentions of "
                                       f"one event of their article")
    for c, r in loose:
        roots = {joined.root(i) for i in holding.get(_frame(c), ())}
        if len(roots) == 1:
            cluster = clusters[roots.pop()]
            if not any(ruled_out(r, rep) for rep in cluster.readings):
                cluster.add(c, r)
                cluster.reasons.append(f"{c.id} is a mention of an event of its article told there")
    return [cluster for i, cluster in enumerate(clusters) if joined.root(i) == i]


def _blocking_keys(r: Reading) -> tuple[set[str], set[str]]:
    """(keys a claim's cluster is filed under, keys to look clusters up by).

    Two claims that can be one event share a party (``ruled_out`` demands it) and an anchor (``anchor``: a date
    both can read as one, or a place in one country), or a word of their object. A full date is filed under its
    day, its month and its day of the month, so that "12 January" finds "12 January", "January" and "the 12th",
    but not every other claim of January: a corpus of a hundred thousand articles stays near-linear.
    """
    if by_place_and_date(r.what):
        keys = {f"place:{r.where.country or r.where.name}"}  # ``anchor`` demands places that agree: one country
        return keys, keys
    filed, looked = _anchor_keys(r)
    parties = sorted(r.parties)
    objects = _object_keys(r)
    return ({f"{p}|{k}" for p in parties for k in filed} | objects,
            {f"{p}|{k}" for p in parties for k in looked} | objects)


def _object_keys(r: Reading) -> set[str]:
    return {f"object:{w}" for w in (r.theme or "").split()}


def _anchor_keys(r: Reading) -> tuple[set[str], set[str]]:
    filed: set[str] = set()
    looked: set[str] = set()
    v = r.when if r.when is not None and r.when.is_calendar else None
    if by_parties(r.what) and len(r.parties) >= PARTIES_OF_A_DEAL:  # any two of its parties find the other reports
        pairs = {"parties:" + "+".join(pair) for pair in combinations(sorted(r.parties)[:PARTY_SUBSETS_MAX + 1], 2)}
        filed |= pairs
        looked |= pairs
    if v is not None and v.year is not None and by_year(r.what):  # "the presidential election of 2016"
        filed.add(f"year:{v.year}")
        looked.add(f"year:{v.year}")
    if v is not None and v.month is not None and v.day is not None and v.end is None:
        filed |= {f"date:{v.month}-{v.day}", f"month:{v.month}", f"day:{v.day}"}
        looked |= {f"date:{v.month}-{v.day}", f"month-only:{v.month}", f"day-only:{v.day}"}
        near = _day_number(v)
        if near is not None:  # a plan and its outcome a day or two apart (``plan_and_outcome``)
            filed.add(f"near:{near}")
            looked |= {f"near:{near + d}" for d in range(-SAME_EVENT_MAX_DAYS, SAME_EVENT_MAX_DAYS + 1)}
    elif v is not None and v.month is not None:  # a month, or a range of days: read against the month
        filed |= {f"month-only:{v.month}", f"month:{v.month}"}
        looked |= {f"month:{v.month}", f"month-only:{v.month}"}
    elif v is not None and v.day is not None:  # "the 12th", month unknown
        filed.add(f"day-only:{v.day}")
        looked |= {f"day:{v.day}", f"day-only:{v.day}"}
    if r.where is not None and r.where.kind != "continent":  # "in Europe" is too loose to join events by
        place = f"place:{r.where.country or r.where.name}"  # a city and its country share the country
        filed.add(place)
        looked.add(place)
    return filed, looked


def _day_number(v: TimeValue) -> int | None:
    """A day's place in the calendar (a leap year standing for a year nobody knows), so that days near each other,
    across a month's end, are near in number."""
    try:
        return dt.date(v.year or 2000, v.month, v.day).toordinal()
    except ValueError:
        return None


class Components:
    """Union-find: which nodes are joined, directly or through others."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def root(self, node):
        parent = self.parent
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(self, a, b) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[ra] = rb

    def groups(self, nodes: Iterable) -> list[list]:
        """``nodes`` gathered by what they are joined to, in their order."""
        found: dict = {}
        for node in nodes:
            found.setdefault(self.root(node), []).append(node)
        return list(found.values())


def independent_parts(readings: Mapping[str, Reading]) -> list[list[str]]:
    """Readings (of groupable claims with their sides, by name) split into parts that group alone as they group
    together.

    A claim's fate in ``_clusters`` depends only on the clusters that hold a claim it shares a blocking key with
    and is not ruled out by: any other candidate cluster holds a claim that rules it out, so never fits. The
    connected components of that relation are therefore independent, and a part's events are a function of its
    claims alone; that is what lets a warm check regroup only the parts a change touched. Pairs are found by
    ``part_keys`` (one side's parties within the other's, as ``ruled_out`` demands), so that most pairs it would
    rule out are never tried.
    """
    filed_by: dict[str, list[str]] = {}
    looked_by: dict[str, list[str]] = {}
    for name, r in readings.items():
        filed, looked = part_keys(r)
        for k in filed:
            filed_by.setdefault(k, []).append(name)
        for k in looked:
            looked_by.setdefault(k, []).append(name)
    joined = Components()
    for k, lookers in looked_by.items():
        for j in filed_by.get(k, ()):
            for i in lookers:
                if joined.root(i) != joined.root(j) and not ruled_out(readings[i], readings[j]):
                    joined.join(i, j)
    return joined.groups(readings)


def part_keys(r: Reading) -> tuple[set[str], set[str]]:
    """``_blocking_keys`` refined for ``independent_parts``: any pair ``_clusters`` could compare and that is not
    ruled out shares one of these keys, in one direction or the other.

    Claims whose parties are within another's: the wider one is filed under each subset of its parties ("<") and
    the narrower looks up its own set; and the other way round (">"). A set wider than ``PARTY_SUBSETS_MAX``
    stands for its first parties, so a pair may be tried in vain, never missed.
    """
    if not groupable(r):  # a mention that groups only through its article event (``with_article_events``)
        return set(), set()
    if by_place_and_date(r.what):
        keys = {f"{_family(r.what)}|{k}" for k in _blocking_keys(r)[0]}
        return keys, keys
    filed_at, looked_at = _anchor_keys(r)
    parties = sorted(r.parties)
    own = "+".join(parties[:PARTY_SUBSETS_MAX])
    subsets = ["+".join(s) for n in range(1, min(len(parties), PARTY_SUBSETS_MAX) + 1)
               for s in combinations(parties, n)]
    objects = {f"{r.what}|{k}" for k in _object_keys(r)}
    filed = {f"{r.what}<{s}|{a}" for s in subsets for a in filed_at} | objects
    looked = {f"{r.what}>{s}|{a}" for s in subsets for a in looked_at} | objects
    if parties:
        filed |= {f"{r.what}>{own}|{a}" for a in filed_at}
        looked |= {f"{r.what}<{own}|{a}" for a in looked_at}
    return filed, looked


def groupable(r: Reading) -> bool:
    if by_place_and_date(r.what):  # a country alone is too wide without a day ("a quake in Iran") or a publication date
        return r.where is not None and (_town_or_site(r.where) or (r.when is not None and r.when.month is not None)
                                        or r.published is not None)
    has_identity = bool(r.who) or r.theme is not None
    has_anchor = r.when is not None or r.where is not None or r.theme is not None
    return has_identity and (has_anchor or (by_parties(r.what) and len(r.parties) >= PARTIES_OF_A_DEAL))


def by_year(what: str) -> bool:
    """Events a country holds once a year at most (an election: ``by_year = true``): reports of the same parties
    naming the same year, one of them by its year alone, are one such event."""
    return what in classes_where("by_year")


def by_parties(what: str) -> bool:
    """Events told by the parties they bind (a deal: its buyer and its target, ``identity = "parties"``): the same
    ``PARTIES_OF_A_DEAL`` parties or more are one such event, whatever day or place each report gives."""
    return what in classes_where("identity", "parties")


def by_place_and_date(what: str) -> bool:
    """Events that seldom name who takes part (an earthquake, a fire): one event only at one place and date."""
    return what in classes_where("identity", "place-and-date")


def ruled_out(a: Reading, b: Reading) -> str | None:
    """Why two claims cannot be one event, or None."""
    if {a.modality, b.modality} == {"past", "future"} and not plan_and_outcome(a, b):
        return "one is past, the other still to come"
    if a.when and b.when and _stated_years_differ(a.when, b.when):
        return "different years, each stated"  # the 2008 fight and the 2012 fight: look-alikes, not one event
    if a.theme and b.theme and not themes_agree(a.theme, b.theme):
        return "different objects"
    if by_place_and_date(a.what):  # who an incident names (a witness, an outlet, a minister) does not identify it
        if a.when and b.when and not days_agree(a.when, b.when):
            apart = days_apart(a.when, b.when)
            if apart is None or apart > SAME_EVENT_MAX_DAYS:  # the attacks of January and of November
                return "different days"
        return None
    pa, pb = a.parties, b.parties
    if pa and pb:
        if not parties_compatible(pa, pb):
            return "different participants"
        people_a, people_b = a.people, b.people
        if any(people_a[s] != people_b[s] for s in people_a.keys() & people_b.keys()):
            return "different people on one side"
    elif not (a.theme and b.theme):
        return "no participants to compare"
    return None


def plan_and_outcome(a: Reading, b: Reading) -> int | None:
    """How many days apart a plan ("will meet in Brussels on Tuesday") and its outcome ("met at Ramstein on
    Wednesday") are, when the same parties are named on both and their days lie at most ``SAME_EVENT_MAX_DAYS``
    apart; else None. A venue or a day that changed is then a warning, not a reason to keep the two apart."""
    if {a.modality, b.modality} != {"past", "future"} or not a.parties or a.parties != b.parties:
        return None
    apart = days_apart(a.when, b.when) if a.when and b.when else None
    return apart if apart is not None and apart <= SAME_EVENT_MAX_DAYS else None


def _stated_years_differ(a, b) -> bool:
    return "year" in a.stated and "year" in b.stated and None not in (a.year, b.year) and a.year != b.year


def anchor(a: Reading, b: Reading) -> str | None:
    """What two claims agree on that makes them one event, or None."""
    if by_place_and_date(a.what):
        if not (a.where and b.where):
            return None
        if not places_agree(a.where, b.where):
            # two towns of one country on one stated day: the gazetteer does not know every district of a city
            # (Croydon in London); a day in dispute then parts them
            if a.where.country and a.where.country == b.where.country and a.when and b.when and \
                    days_apart(a.when, b.when) == 0:
                return f"same country ({a.where.name} ~ {b.where.name}) and day ({a.when.timex})"
            return None
        place = f"same place ({a.where.name} ~ {b.where.name})"
        if a.when and b.when:
            if dates_match(a.when, b.when):
                return f"{place} and date ({a.when.timex} ~ {b.when.timex})"
            apart = days_apart(a.when, b.when)
            if apart is not None and apart <= SAME_EVENT_MAX_DAYS:  # the day in dispute does not part two reports
                return f"{place}, dates {apart} day{'s' if apart > 1 else ''} apart ({a.when.timex} ~ {b.when.timex})"
            return None
        fresh = _fresh_report(a, b) or _fresh_report(b, a)
        if fresh:
            return f"{place}, {fresh}"
        if not (_town_or_site(a.where) and _town_or_site(b.where)):
            return None
        if a.dated and b.dated:  # a report that gives no day: the town must agree
            return f"{place}, no date to compare"
        shared = _actors(a) & _actors(b)
        if shared:  # from an undated article, whose days stay unknown: a town sees more than one quake
            return f"{place} and participants ({', '.join(sorted(shared))}), no date to compare"
        return None
    if a.when and b.when and dates_match(a.when, b.when):
        return f"same date ({a.when.timex} ~ {b.when.timex})"
    apart = plan_and_outcome(a, b)
    if apart is not None:
        return f"a plan and its outcome, {apart} day{'s' * (apart != 1)} apart ({a.when.timex} ~ {b.when.timex})"
    apart = days_apart(a.when, b.when) if a.when and b.when else None
    if apart is not None and apart <= SAME_EVENT_MAX_DAYS and (a.parties == b.parties or _people(a) & _people(b)):
        # "the board removed her on Friday" / "she was ousted on Saturday": the day in dispute does not part them
        return f"same participants, days {apart} apart ({a.when.timex} ~ {b.when.timex})"
    if a.where and b.where and places_agree(a.where, b.where):
        return f"same place ({a.where.name} ~ {b.where.name})"
    if themes_agree(a.theme, b.theme):
        return f"same object ({a.theme} ~ {b.theme})"
    if by_year(a.what) and a.when and b.when and a.when.year is not None and a.when.year == b.when.year and \
            (a.when.month is None or b.when.month is None):
        return f"same year ({a.when.year}): one {a.what} a year"
    shared = a.parties & b.parties
    if by_parties(a.what) and len(shared) >= PARTIES_OF_A_DEAL:
        return f"same parties ({', '.join(sorted(shared))})"
    return None


def _fresh_report(a: Reading, b: Reading) -> str | None:
    """Why a report that gives no day and names only a country (``a``: "a car bomb exploded outside the consulate
    in Afghanistan", published on the 10th) tells the incident ``b`` gives a day for: that day lies at most
    ``SAME_EVENT_MAX_DAYS`` before its publication (news tells a fresh incident without its day; an old one, by it).
    Else None."""
    if a.published is None or a.when is not None or b.when is None or b.when.month is None or b.when.day is None:
        return None
    try:
        day = dt.date(b.when.year or a.published.year, b.when.month, b.when.day)
    except ValueError:
        return None
    before = (a.published - day).days
    if 0 <= before <= SAME_EVENT_MAX_DAYS:
        return f"a report with no day, published {before} day{'s' * (before != 1)} after {b.when.timex}"
    return None


def _people(r: Reading) -> set[str]:
    return {name for kind, name, _ in r.who if kind == "person"}


def _actors(r: Reading) -> set[str]:
    """The organisations and people a reading names (a country an incident names is where it happened)."""
    return {party for kind, _, party in r.who if kind != "country"}


def _event(what: str, claims: list[Claim], reasons: list[str], label: str | None = None) -> Event:
    label = label or event_label(what, [p for c in claims for p in c.who], [c.where for c in claims if c.where])
    about = "|".join(c.id for c in claims) if what != PERSON else f"{PERSON}:{label}|" + "|".join(c.id for c in claims)
    digest = hashlib.sha1(about.encode()).hexdigest()[:10]
    return Event(f"ev-{digest}", what, label, tuple(claims), tuple(reasons))


def event_label(what: str, who: list[Participant], places: list[Place] = ()) -> str:
    """"Russia–NATO meeting": the parties named most often, then the kind of event; with no party, the most
    specific place named ("Gaziantep earthquake")."""
    counts = Counter(p.party for p in who)
    parties = [name for name, _ in counts.most_common(3)]
    if not parties and places:
        named = Counter(p.name for p in places)
        parties = [max(places, key=lambda p: (p.kind == "city", named[p.name])).name]
    noun = data("events")["classes"].get(what, {}).get("label", what)
    return f"{'–'.join(parties)} {noun}".strip() if parties else noun
