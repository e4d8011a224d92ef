"""Claims → events: which claims, across and within articles, speak of one event.

The principle: two claims speak of one event when they name the same kind of
event (``what``), compatible participants (one side's parties are all on the
other side), and agree on at least one anchor (the date, at the grain both
know; the place, allowing containment; for events that happen once to a thing,
such as publishing a document, the thing), and nothing rules it out: one is
past and the other still to come; each states a year and the years differ
(the 2008 fight and the 2012 fight are look-alikes); the participants differ;
both name people on one side and the people differ; the objects differ.
Events that seldom name who takes part (an earthquake, a fire; ``identity =
"place-and-date"`` in ``data/events.toml``) are one event only when both place
and date agree, and are then compared on what they count. A conflict is then
an event whose claims disagree on a remaining slot (``compare``).

A claim joins an event only if it fits every claim already in it, so a chain
of near-matches cannot glue two events together; a claim that fits several
events (it names only "Russia", say) joins none of them.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace

from crosscheck.agreement import dates_match, parties_compatible, places_agree, themes_agree
from crosscheck.lexicon import built_from_words, data
from crosscheck.model import Claim, Event, Extraction, Participant, Place


def group(extractions: list[Extraction] | tuple[Extraction, ...]) -> tuple[Event, ...]:
    """Events of two or more claims, in a stable order."""
    claims = _with_known_parties(extractions)
    by_class: dict[str, list[Claim]] = {}
    for c in claims:
        if _groupable(c):
            by_class.setdefault(c.what, []).append(c)
    events: list[Event] = []
    for what, members in sorted(by_class.items()):
        members.sort(key=lambda c: (-len(c.parties), c.article, c.sentence.start, c.trigger.start))
        for cluster in _clusters(members):
            if len(cluster.claims) > 1:
                events.append(_event(what, cluster.claims, cluster.reasons))
    events.sort(key=lambda e: (e.claims[0].article, e.claims[0].sentence.start))
    return tuple(events)


@dataclass
class _Cluster:
    claims: list[Claim] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    # one claim for each distinct reading of the slots that decide grouping, with how many claims read so:
    # a claim is checked against each reading once, not against every member (a story told by a thousand
    # articles has a handful of readings)
    readings: dict[tuple, list] = field(default_factory=dict)

    def add(self, claim: Claim) -> None:
        self.claims.append(claim)
        reading = self.readings.setdefault(_reading(claim), [claim, 0])
        reading[1] += 1

    def fit(self, claim: Claim) -> tuple[int, Claim, str] | None:
        """(how many members anchor the claim, the first of them, why), or None if it cannot join."""
        if any(ruled_out(claim, rep) for rep, _ in self.readings.values()):
            return None
        count, first = 0, None
        for rep, n in self.readings.values():
            why = anchor(claim, rep)
            if why:
                count += n
                first = first or (rep, why)
        return (count, *first) if first else None


def _clusters(members: list[Claim]) -> list[_Cluster]:
    """Greedy: each claim joins the one cluster it fits best, opens a new one, or (fitting several equally) none.

    Only clusters filed under one of the claim's lookup keys are tried (``_blocking_keys``): nothing that could
    fit is missed, and not all pairs are compared.
    """
    clusters: list[_Cluster] = []
    by_key: dict[str, set[int]] = {}
    for claim in members:
        filed_under, look_up = _blocking_keys(claim)
        candidates = sorted(set().union(*(by_key.get(k, ()) for k in look_up)))
        fits = []
        for i in candidates:
            fit = clusters[i].fit(claim)
            if fit:
                fits.append((fit[0], i, fit[1], fit[2]))
        fits.sort(key=lambda f: (f[0], f[1]), reverse=True)
        if fits and (len(fits) == 1 or fits[0][0] > fits[1][0]):
            _, i, member, why = fits[0]
            shared = ", ".join(sorted(claim.parties & member.parties)) or (
                f"object {claim.theme}" if claim.theme else "none named")
            clusters[i].reasons.append(f"{claim.id} joined {member.id}: {why}; same kind of event and "
                                       f"participants ({shared}); nothing rules it out")
        elif not fits:
            i = len(clusters)
            clusters.append(_Cluster())
        else:
            continue
        clusters[i].add(claim)
        for k in filed_under:
            by_key.setdefault(k, set()).add(i)
    return clusters


def _blocking_keys(c: Claim) -> tuple[set[str], set[str]]:
    """(keys a claim's cluster is filed under, keys to look clusters up by).

    Two claims that can be one event share a party (``ruled_out`` demands it) and an anchor (``anchor``: a date
    both can read as one, or a place in one country), or a word of their object. A full date is filed under its
    day, its month and its day of the month, so that "12 January" finds "12 January", "January" and "the 12th",
    but not every other claim of January: a corpus of a hundred thousand articles stays near-linear.
    """
    if _by_place_and_date(c.what):
        keys = {f"month:{c.when.value.month}"} if c.when is not None else set()
        return keys, keys
    filed, looked = _anchor_keys(c)
    parties = sorted(c.parties)
    objects = {f"object:{w}" for w in (c.theme or "").split()}
    return ({f"{p}|{k}" for p in parties for k in filed} | objects,
            {f"{p}|{k}" for p in parties for k in looked} | objects)


def _anchor_keys(c: Claim) -> tuple[set[str], set[str]]:
    filed: set[str] = set()
    looked: set[str] = set()
    v = c.when.value if c.when is not None and c.when.value.is_calendar else None
    if v is not None and v.month is not None and v.day is not None and v.end is None:
        filed |= {f"date:{v.month}-{v.day}", f"month:{v.month}", f"day:{v.day}"}
        looked |= {f"date:{v.month}-{v.day}", f"month-only:{v.month}", f"day-only:{v.day}"}
    elif v is not None and v.month is not None:  # a month, or a range of days: read against the month
        filed |= {f"month-only:{v.month}", f"month:{v.month}"}
        looked |= {f"month:{v.month}", f"month-only:{v.month}"}
    elif v is not None and v.day is not None:  # "the 12th", month unknown
        filed.add(f"day-only:{v.day}")
        looked |= {f"day:{v.day}", f"day-only:{v.day}"}
    if c.where is not None and c.where.kind != "continent":  # "in Europe" is too loose to join events by
        place = f"place:{c.where.country or c.where.name}"  # a city and its country share the country
        filed.add(place)
        looked.add(place)
    return filed, looked


def _reading(c: Claim) -> tuple:
    """The slots ``ruled_out`` and ``anchor`` read, and nothing else (no offsets)."""
    people = tuple(sorted((p.party, p.name) for p in c.who if p.kind == "person"))
    where = (c.where.name, c.where.kind) if c.where else None
    return c.modality, c.theme, c.parties, people, c.when.value if c.when else None, where


def _groupable(c: Claim) -> bool:
    if _by_place_and_date(c.what):
        return c.where is not None and c.when is not None and c.when.value.month is not None
    has_identity = bool(c.who) or c.theme is not None
    has_anchor = c.when is not None or c.where is not None or c.theme is not None
    return has_identity and has_anchor


def _by_place_and_date(what: str) -> bool:
    """Events that seldom name who takes part (an earthquake, a fire): one event only at one place and date."""
    return what in _place_and_date_classes()


@built_from_words
def _place_and_date_classes() -> frozenset[str]:
    return frozenset(name for name, spec in data("events")["classes"].items()
                     if spec.get("identity") == "place-and-date")


def ruled_out(a: Claim, b: Claim) -> str | None:
    """Why two claims cannot be one event, or None."""
    if {a.modality, b.modality} == {"past", "future"}:
        return "one is past, the other still to come"
    if a.when and b.when and _stated_years_differ(a.when.value, b.when.value):
        return "different years, each stated"  # the 2008 fight and the 2012 fight: look-alikes, not one event
    if a.theme and b.theme and not themes_agree(a.theme, b.theme):
        return "different objects"
    if _by_place_and_date(a.what):
        return None if a.parties == b.parties or not (a.parties and b.parties) else "different participants"
    pa, pb = a.parties, b.parties
    if pa and pb:
        if not parties_compatible(pa, pb):
            return "different participants"
        people_a = {p.party: p.name for p in a.who if p.kind == "person"}
        people_b = {p.party: p.name for p in b.who if p.kind == "person"}
        if any(people_a[s] != people_b[s] for s in people_a.keys() & people_b.keys()):
            return "different people on one side"
    elif not (a.theme and b.theme):
        return "no participants to compare"
    return None


def _stated_years_differ(a, b) -> bool:
    return "year" in a.stated and "year" in b.stated and None not in (a.year, b.year) and a.year != b.year


def anchor(a: Claim, b: Claim) -> str | None:
    """What two claims agree on that makes them one event, or None."""
    if _by_place_and_date(a.what):
        if a.when and b.when and a.where and b.where and dates_match(a.when.value, b.when.value) and \
                places_agree(a.where, b.where):
            return f"same place ({a.where.name} ~ {b.where.name}) and date ({a.when.value.timex} ~ {b.when.value.timex})"
        return None
    if a.when and b.when and dates_match(a.when.value, b.when.value):
        return f"same date ({a.when.value.timex} ~ {b.when.value.timex})"
    if a.where and b.where and places_agree(a.where, b.where):
        return f"same place ({a.where.name} ~ {b.where.name})"
    if themes_agree(a.theme, b.theme):
        return f"same object ({a.theme} ~ {b.theme})"
    return None


def _with_known_parties(extractions) -> list[Claim]:
    """Give a person the side their title gives them anywhere in the corpus ("Sherman" → United States)."""
    sides: dict[str, Counter] = {}
    for x in extractions:
        for m in x.people:
            if m.party:
                sides.setdefault(m.name, Counter())[m.party] += 1
    side = {name: c.most_common(1)[0][0] for name, c in sides.items()}
    out = []
    for x in extractions:
        for c in x.claims:
            if any(p.kind == "person" and p.party == p.name and p.name in side for p in c.who):
                who = tuple(replace(p, party=side[p.name]) if p.kind == "person" and p.party == p.name and p.name in side
                            else p for p in c.who)
                c = replace(c, who=who)
            out.append(c)
    return out


def _event(what: str, claims: list[Claim], reasons: list[str]) -> Event:
    claims = sorted(claims, key=lambda c: (c.article, c.sentence.start, c.trigger.start))
    label = event_label(what, [p for c in claims for p in c.who], [c.where for c in claims if c.where])
    digest = hashlib.sha1("|".join(c.id for c in claims).encode()).hexdigest()[:10]
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
