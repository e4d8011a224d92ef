"""Events → conflicts: where the claims about one event disagree.

Per slot, the values of an event's claims are gathered into value groups of
mutually agreeing values (most specific first: "12 January" gathers
"January" and "XXXX-01-12"); two or more groups make a conflict. A coarse
value that fits several groups ("January" against 12 and 13 January) takes
no side. People's titles are compared across the whole corpus: a rank that
differs ("Deputy" / "First Deputy Secretary of State") is a ``role`` warning.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import replace
from typing import Callable, Iterable, NamedTuple, Sequence, TypeVar

from crosscheck import canonical
from crosscheck.agreement import dates_agree, places_agree
from crosscheck.extract.entities import SAME_FIRST_NAME_MIN_RATIO
from crosscheck.lexicon import data
from crosscheck.group import PERSON, by_place_and_date, person_events
from crosscheck.stories import STORY
from crosscheck.model import (CONFLICT_ID_HEX, Claim, Conflict, ConflictValue, Event, Extraction, PersonMention, Place,
                              Quantity)
from crosscheck.extract.measures import agree as quantity_agree
from crosscheck.extract.dates import display
from crosscheck.extract.events import inferred_day, stated_value

SEVERITY = {"when": "error", "where": "error", "who": "error", "quantity": "error", "role": "warning"}

# An article that gives two figures of one measure is nearly always counting two things (the dead of the attack and
# of one it recalls, the toll at dawn and at noon, a part and the whole): figures conflict only across articles.
QUANTITY_MIN_ARTICLES = 2

AGE_SAME_MAX_DAYS = 180  # a person's ages are compared among reports published at most this far apart

T = TypeVar("T")
CONVERSION_MARGIN = 0.03  # a figure given in another unit was rounded: "10 miles" is 16 km, not 16.09


def compare(events: Sequence[Event], extractions: Sequence[Extraction] = ()) -> tuple[Conflict, ...]:
    """Every conflict, errors first, then by label; titles are compared with the articles in their canonical order
    (``canonical``), as ``group`` reads them. A story's event is never compared (``stories``)."""
    extractions = canonical.in_order(extractions)
    published = {x.article.id: x.article.published for x in extractions}
    people = person_events(c for x in extractions for c in x.claims)
    return in_order([*event_conflicts([e for e in events if e.what not in (PERSON, STORY)], published),
                     *event_conflicts(people, published), *role_conflicts([m for x in extractions for m in x.people])])


def in_order(conflicts: Iterable[Conflict]) -> tuple[Conflict, ...]:
    """Errors first, then by label and slot; the id settles the rest, so that the order never depends on the order
    the conflicts were found in (a warm check finds them part by part)."""
    return tuple(sorted(conflicts, key=lambda c: (c.severity != "error", c.label, c.slot, c.id)))


def event_conflicts(events: Sequence[Event], published: dict[str, dt.date | None]) -> list[Conflict]:
    """The conflicts inside each event: its date, its place, its counts."""
    conflicts: list[Conflict] = []
    for event in events:
        if event.what == PERSON:  # what the corpus says of one person: only their figures are theirs
            conflicts.extend(quantity_conflicts(event, published))
            continue
        dated = [c for c in event.claims if c.when is not None and c.when.value.is_calendar
                 and not (inferred_day(c.when) and not c.when.value.is_time)]  # an inferred day: its clock alone
        groups = value_groups(dated, lambda c: stated_value(c.when), dates_agree, _date_specificity, by_first=True,
                              key=lambda c: stated_value(c.when))
        if len(groups) > 1:
            conflicts.append(_changed(_conflict("when", event, [
                ConflictValue(stated_value(rep.when).timex, display(stated_value(rep.when)), tuple(members))
                for rep, members in groups]), published))
        placed = [c for c in event.claims if c.where is not None]
        agree = places_within_one_country if by_place_and_date(event.what) else places_agree
        groups = value_groups(placed, lambda c: c.where, agree, lambda p: {"city": 2, "country": 1}.get(p.kind, 0),
                              key=lambda c: (c.where.name, c.where.kind))
        if len(groups) > 1:
            conflicts.append(_changed(_conflict("where", event, [
                ConflictValue(rep.where.name, rep.where.name, tuple(members)) for rep, members in groups]), published))
        conflicts.extend(quantity_conflicts(event, published))
    return conflicts


def _changed(c: Conflict, published: dict[str, dt.date | None]) -> Conflict:
    """A day or a venue that a plan gave and its outcome changed ("will meet in Brussels" / "met at Ramstein"): each
    value told in one tense only, the plan's and the outcome's differing. A warning, the plan first, then in the
    order reported."""
    tenses = [{x.modality for x in v.claims} for v in c.values]
    if not all(len(t) == 1 for t in tenses) or len({next(iter(t)) for t in tenses} & {"past", "future"}) < 2:
        return c
    def order(v: ConflictValue) -> tuple:
        known = [published[x.article] for x in v.claims if published.get(x.article)]
        return (v.claims[0].modality != "future", min(known) if known else dt.date.max)
    return replace(c, severity="warning", label=f"{c.label} (plan and outcome)", values=tuple(sorted(c.values, key=order)))


def places_within_one_country(a: Place, b: Place) -> bool:
    """Where an incident happened, as outlets zoom in or out: a district and its city, a town and its region agree
    (the gazetteer does not know every district: Croydon in London); towns of two countries do not."""
    return places_agree(a, b) or (a.country is not None and a.country == b.country)


def value_groups(items: Sequence[T], value: Callable[[T], object], agree: Callable[[object, object], bool],
                 specificity: Callable[[object], int],
                 key: Callable[[T], object] | None = None, by_first: bool = False) -> list[tuple[T, list[T]]]:
    """(representative, members) of mutually agreeing values, the group with most sources first. With ``by_first`` a
    value joins a group that its most specific value agrees with (a late-night "23:00 Thursday" gathers both the
    Thursday and the Friday a report of the early hours gives), else every value of the group must agree.

    Items are gathered by ``key`` (by default the value) first, so the work grows with the distinct values, not
    with the items: a story retold by a thousand articles has a handful of dates.
    """
    key = key or value
    by_value: dict[object, list[T]] = {}
    for item in items:
        by_value.setdefault(key(item), []).append(item)
    first_value = {k: value(members[0]) for k, members in by_value.items()}
    ordered = sorted(by_value, key=lambda k: -specificity(first_value[k]))
    groups: list[tuple[object, list[object], list[T]]] = []  # (representative value, values, items)
    for v in ordered:
        fits = [g for g in groups if all(agree(first_value[v], first_value[w]) for w in (g[1][:1] if by_first else g[1]))]
        if len(fits) == 1:
            fits[0][1].append(v)
            fits[0][2].extend(by_value[v])
        elif not fits:
            groups.append((v, [v], list(by_value[v])))
    groups.sort(key=lambda g: -len({_source(m) for m in g[2]}))
    return [(members[0], members) for _, _, members in groups]


def quantity_conflicts(event: Event, published: dict[str, dt.date | None]) -> list[Conflict]:
    """Figures of one measure whose intervals do not overlap (35 dead / 53 dead), compared in one unit (miles as
    km, mph as km/h; each currency apart, never converted), oldest report first: a toll that rose is still a
    conflict, and the reader sees the latest figure last. Two named sources that differ ("6.3 per USGS", "6.1 per
    the national institute") are a warning; the same source, or one unnamed, an error."""
    spec = data("measures")
    labels = spec["measures"]
    by_measure: dict[tuple[str, str | None, str | None], list[_Count]] = {}
    of_person = event.what == PERSON
    for c in event.claims:
        for q in c.quantities:
            if bool(labels.get(q.measure, {}).get("of_person")) != of_person:
                continue  # a person's age is compared among what the corpus says of that person (``person_events``)
            thing = None
            own = labels.get(q.measure, {})
            if own.get("events") and event.what not in own["events"]:  # a price outside a deal: an amount of money
                q = replace(q, measure=own.get("outside", q.measure), by_unit=True)
            if q.by_unit and labels.get(q.measure, {}).get("by_thing"):
                if q.of is None:
                    continue  # "drove 2 km along the front", "$5,967": a length or an amount of what?
                thing = q.of
            base, factor = _base_unit(spec, q.unit)
            measure = labels.get(q.measure, {}).get("compared_as", q.measure)  # "taken to hospital": injured
            by_measure.setdefault((measure, base, thing), []).append(_Count(c, q, factor))
    out = []
    for (measure, base, thing), pairs in sorted(by_measure.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
        if labels.get(measure, {}).get("several"):
            pairs = _one_thing_each(pairs)
        if len({p.article for p in pairs}) < QUANTITY_MIN_ARTICLES:
            continue
        if of_person and _years_apart(pairs, published):
            continue  # a person is a year older in a report a year later
        groups = value_groups(pairs, lambda p: p.compared, quantity_agree, _narrowness,
                              key=lambda p: (p.compared.low, p.compared.high))
        # "dozens", "hundreds": an order of magnitude takes no side against a number
        groups = [g for g in groups if any(p.quantity.stated is not None for p in g[1])]
        groups = _with_own_sources(groups)
        if len(groups) < 2:
            continue

        def first_report(members) -> tuple:
            dates = [published.get(c.article) for c in members]
            known = [d for d in dates if d is not None]
            return (min(known) if known else dt.date.max,)

        groups.sort(key=lambda g: first_report(g[1]))
        values = []
        for rep, members in groups:
            dates = sorted({published[c.article] for c in members if published.get(c.article)})
            when = f" (reported {dates[0].isoformat()})" if dates else ""
            sources = {c.quantity.source for c in members}
            source = next(iter(sources)) if len(sources) == 1 else None
            per = "" if source is None else f" per the {source}" if source[:1].islower() else f" per {source}"
            converted = f" ({_count_display(rep.in_unit(base), round_to=True)})" if rep.factor != 1.0 and base else ""
            values.append(ConflictValue(rep.quantity.figure, _count_display(rep.quantity) + converted + per + when,
                                        tuple(c.claim for c in members)))
        name = labels.get(measure, {}).get("label", measure)
        label = f"{thing}'s {name}" if of_person else (
            f"{event.label}: {name}" + (f" of the {thing}" if thing else "") + (f" ({base})" if base else ""))
        conflict = _conflict("quantity", event, values, label=label)
        if _named_apart([members for _, members in groups]):
            conflict = replace(conflict, severity="warning")
        out.append(conflict)
    return out


def _one_thing_each(pairs: list["_Count"]) -> list["_Count"]:
    """The figures of a measure an event is told by moment after moment (``several`` in ``measures.toml``: the
    laps of a race) less those of an article that gives two different ones: it tells several moments, none of
    them the event's."""
    values: dict[str, set] = {}
    for p in pairs:
        values.setdefault(p.article, set()).add((p.quantity.low, p.quantity.high))
    many = {article for article, seen in values.items() if len(seen) > 1}
    return [p for p in pairs if p.article not in many] if many else pairs


def _years_apart(pairs: list["_Count"], published: dict[str, dt.date | None]) -> bool:
    """Whether the reports that have a publication date lie more than ``AGE_SAME_MAX_DAYS`` apart: a person's age
    is compared among reports of one time only."""
    dates = [d for d in (published.get(p.article) for p in pairs) if d is not None]
    return bool(dates) and (max(dates) - min(dates)).days > AGE_SAME_MAX_DAYS


def _with_own_sources(groups: list) -> list:
    """The value groups that some source gives against another source's value. An article that gives two figures of
    one measure counts two things (the girls freed and the girls taken, three boats and five): two figures
    conflict only where each has a source that does not give the other. A vague amount ("dozens") puts its article
    on no side: it joined a group only because it agrees with every number."""
    articles = [{p.article for p in members if p.quantity.stated is not None} for _, members in groups]
    return [g for i, g in enumerate(groups)
            if any(articles[i] - articles[j] and articles[j] - articles[i] for j in range(len(groups)) if j != i)]


def _named_apart(groups: list[list["_Count"]]) -> bool:
    """Every figure has a named source and no source gives figures of two groups: sources that disagree."""
    seen: set[str] = set()
    for members in groups:
        sources = {_source_key(c.quantity.source) for c in members}
        if None in sources or sources & seen:
            return False
        seen |= sources
    return True


def _source_key(source: str | None) -> str | None:
    return None if source is None else re.sub(r"[\W_]+", " ", source.lower()).strip()


def _base_unit(spec: dict, unit: str | None) -> tuple[str | None, float]:
    """The unit a figure is compared in and the factor to it: miles are compared as km, mph as km/h; a currency is
    its own unit."""
    if unit is None:
        return None, 1.0
    u = spec["units"].get(unit)
    if u is None:
        return unit, 1.0  # a currency, or a unit of the user's lexicon with no kind
    return spec["kinds"].get(u["kind"], {}).get("base", unit), float(u.get("factor", 1))


class _Count(NamedTuple):
    claim: Claim
    quantity: Quantity
    factor: float = 1.0  # to the unit the measure is compared in

    @property
    def article(self) -> str:
        return self.claim.article

    def in_unit(self, base: str) -> Quantity:
        """The figure as written, converted to the unit it is compared in: "18 mi" as "29 km"."""
        q, f = self.quantity, self.factor
        return replace(q, low=q.low * f, high=None if q.high is None else q.high * f, unit=base,
                       stated=None if q.stated is None else q.stated * f)

    @property
    def compared(self) -> Quantity:
        """The figure in the unit its measure is compared in."""
        q, f = self.quantity, self.factor
        if f == 1.0:
            return q
        low = q.low * f * (1 - CONVERSION_MARGIN)
        high = None if q.high is None else q.high * f * (1 + CONVERSION_MARGIN)
        return replace(q, low=low, high=high)


def _narrowness(q: Quantity) -> float:
    return -(float("inf") if q.high is None else q.high - q.low)


def _count_display(q: Quantity, round_to: bool = False) -> str:
    """A figure for the reader, in the unit it was written in: "at least 35", "about 100,000", "12 km", "150 mph"."""
    def n(x: float) -> str:
        if round_to:
            x = round(x, 1) if x < 10 else round(x)
        return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"

    if q.stated is not None and not (q.low == q.high == q.stated):
        if q.high is None:
            text = f"at least {n(q.stated)}"
        elif q.low == 0 and q.high == q.stated:
            text = f"up to {n(q.stated)}"
        elif q.high == q.stated:
            text = f"nearly {n(q.stated)}"
        else:
            text = f"about {n(q.stated)}"
    elif q.high is None:
        text = f"at least {n(q.low)}"
    else:
        text = n(q.low) if q.low == q.high else f"{n(q.low)}–{n(q.high)}"
    if q.unit is None:
        return text
    return f"{text}{q.unit}" if q.unit == "%" else f"{text} {q.unit}"


def _source(item) -> str:
    return item.article


def _date_specificity(v) -> int:
    return v.is_time * 16 + (v.day is not None) * 8 + (v.month is not None) * 4 + (v.year is not None) * 2 + ("year" in v.stated)


def _conflict(slot: str, event: Event | None, values: list[ConflictValue], label: str | None = None) -> Conflict:
    articles = {c.article for v in values for c in v.claims}
    label = label or (event.label if event else slot)
    # a stable id: what the conflict is about and its values, never lines, offsets or which party is named most
    # (a baseline entry must survive unrelated edits)
    about = [event.what, *sorted({p for c in event.claims for p in c.parties})] if event else [label]
    if slot == "quantity":
        about.append(label)
    key = "|".join([slot, *about] + sorted(v.value for v in values))
    return Conflict(
        id=f"{slot}-{hashlib.sha1(key.encode()).hexdigest()[:CONFLICT_ID_HEX]}", slot=slot, severity=SEVERITY[slot],
        within_article=len(articles) == 1, label=label, event=event, values=tuple(values))


# ---------------------------------------------------------------- roles


def role_conflicts(mentions: Sequence[PersonMention]) -> list[Conflict]:
    """One person, titles of different rank or office across (or within) sources."""
    titles = data("titles")
    synonyms = {w.lower(): group[0].lower() for group in titles["rank_synonyms"] for w in group}
    synonyms.update({w.lower().rstrip("."): group[0].lower() for group in titles["office_synonyms"] for w in group
                     if " " not in w})
    phrases = sorted(((w.lower(), group[0].lower()) for group in titles["office_synonyms"] for w in group if " " in w),
                     key=lambda p: -len(p[0]))  # "Chief Executive Officer" is one office word: "CEO"
    ranks = {r.lower() for r in titles["ranks"]}
    qualifiers = {w.lower() for q in titles["qualifiers"] for w in q.split()}

    def parse(role: str) -> tuple[frozenset[str], frozenset[str]]:
        role = role.lower()
        for phrase, office in phrases:
            role = role.replace(phrase, office)
        words = [synonyms.get(w.strip("."), w.strip(".")) for w in re.findall(r"[\w-]+\.?", role)]
        rank = frozenset(w for w in words if w in ranks)
        office = frozenset(w for w in words if w not in ranks and w not in qualifiers and w not in ("of", "the", "for"))
        return rank, office

    def agree(a: PersonMention, b: PersonMention) -> bool:
        """Same rank of one office; different offices are held at different times and say nothing.

        A title that names no rank is the shorter form of a ranked one ("Admiral" of "Chief Admiral",
        "Sgt." of "Deputy Sgt."): only two ranks that differ ("Deputy" / "First Deputy") conflict.
        """
        (ra, oa), (rb, ob) = parse(a.role), parse(b.role)
        same_office = oa <= ob or ob <= oa
        return ra == rb or not same_office or not ra or not rb

    out = []
    for person, group in _people(mentions).items():
        groups = value_groups(group, lambda m: m, agree, lambda m: len(parse(m.role)[0]) + len(parse(m.role)[1]),
                              key=lambda m: m.role)
        if len(groups) > 1:
            values = []
            for _, members in groups:
                title = Counter(m.role for m in members).most_common(1)[0][0]
                values.append(ConflictValue(title, title, tuple(members)))
            out.append(_conflict("role", None, values, label=f"{person}'s title"))
    return out


def surname_of(name: str) -> str:
    """Titles are compared among namesakes only: a person's mentions share a surname."""
    return name.split()[-1]


def _people(mentions: Sequence[PersonMention]) -> dict[str, list[PersonMention]]:
    """Mentions by person: same surname, first names alike (Sergei / Sergey)."""
    from rapidfuzz.fuzz import ratio

    people: dict[str, list[PersonMention]] = {}
    by_surname: dict[str, list[str]] = {}  # so that a mention is compared with namesakes only
    for m in mentions:
        surname = surname_of(m.name)
        first = m.name.split()[0] if len(m.name.split()) > 1 else None
        key = next((k for k in by_surname.get(surname, []) if first is None or len(k.split()) == 1
                    or ratio(k.split()[0], first) >= SAME_FIRST_NAME_MIN_RATIO), None)
        if key is None:
            key = m.name
            by_surname.setdefault(surname, []).append(key)
        people.setdefault(key, []).append(m)
    return people
