"""Conflicts part by part, so that a warm check redoes only what a change touched.

Three steps, each cached:

1. Outline: each article's claims as grouping reads them (``group.Reading``, named by a digest) and
   its titled people. Cached with the extraction, and all a warm check reads of an unchanged article.
2. Partition: the readings fall into independent parts (``group.independent_parts``). The last
   check's partition is cached, and a check updates it: the parts that lost a reading are split
   anew, and each new reading is joined to the readings it could be compared with, which the cache's
   index of keys names (``Cache.neighbours``). A first check, or one of another corpus, partitions
   from scratch.
3. Parts: a part's events and conflicts are a function of its claims alone, cached under a digest of
   the articles' keys, the claims' positions and their readings. Only parts not seen before are
   grouped, from whole extractions.

Titles are compared among namesakes (one surname), a part of their own. On a cold check every step
runs in full, and the conflicts are the ones ``group`` and ``compare`` give for the whole corpus.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from crosscheck import canonical
from crosscheck.store.cache import Cache, fingerprint
from crosscheck.compare import event_conflicts, in_order, role_conflicts, surname_of
from crosscheck.group import Components, Reading, events_of, groupable, independent_parts, known_sides, part_keys, \
    people_figured, person_events, reading, reading_with_sides, ruled_out, with_sides
from crosscheck.model import Conflict, Extraction
from crosscheck.timing import stage, staged

DELTA_MAX_SHARE = 0.5  # a partition whose readings changed by more than this share is made again from scratch

Fetch = Callable[[list[int]], dict[int, Extraction]]  # articles' positions in the corpus → their extractions


@dataclass(frozen=True)
class Outline:
    """What grouping needs of an article before its extraction is read whole."""

    claims: int  # how many claims the article makes
    # (position in Extraction.claims, reading's digest, people named without a side, article event or -1) of each
    # claim that can group, alone or through its article event (``group.with_article_events``)
    readings: tuple[tuple[int, str, tuple[str, ...], int], ...]
    people: tuple[tuple[str, str | None], ...]  # (name, party) of each titled person, in order
    aged: tuple[str, ...] = ()  # the surnames the article gives a figure of (an age: ``group.person_events``)
    order: str = ""  # the article's place in the order a corpus is grouped in (``canonical.article_key``)


def outline(x: Extraction) -> tuple[Outline, dict[str, Reading]]:
    """The article's outline, and its readings by digest."""
    readings: dict[str, Reading] = {}
    entries = []
    for i, c in enumerate(x.claims):
        r = reading(c)
        if groupable(r) or c.frame is not None:
            d = digest_of(r)
            readings[d] = r
            entries.append((i, d, r.unsided, -1 if c.frame is None else c.frame))
    return Outline(len(x.claims), tuple(entries), tuple((m.name, m.party) for m in x.people),
                   people_figured(x.claims), canonical.article_key(x)), readings


def digest_of(r: Reading) -> str:
    return hashlib.sha1(f"{fingerprint()}|{r.identity}".encode()).hexdigest()[:24]


def index_rows(readings: dict[str, Reading]) -> list[tuple[str, Reading, list[int], list[int]]]:
    """Readings with the codes of their part keys, for the cache's index (``Cache.neighbours``)."""
    return [(d, r, *_codes(r)) for d, r in readings.items()]


def _codes(r: Reading) -> tuple[list[int], list[int]]:
    filed, looked = part_keys(r)
    return [_code(k) for k in filed], [_code(k) for k in looked]


def _code(key: str) -> int:
    """A key as a signed 64-bit integer, as SQLite stores it; two keys that share one only cost a comparison."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True)
class Found:
    events: int
    conflicts: tuple[Conflict, ...]
    parts: int = 0  # how many parts the corpus fell into
    regrouped: int = 0  # how many of them were not in the cache and were grouped in this run


class CacheLost(RuntimeError):
    """A value the cache named a moment ago cannot be read back (a damaged row, a cache pruned meanwhile)."""


class Readings:
    """Readings by digest: the ones made in this run, the rest read from the cache when asked for."""

    def __init__(self, known: dict[str, Reading], cache: Cache | None):
        self.known = known
        self.cache = cache

    def get(self, digests: Collection[str]) -> dict[str, Reading]:
        missing = [d for d in digests if d not in self.known]
        if missing:
            found = self.cache.readings(missing) if self.cache else {}
            if len(found) < len(missing):
                raise CacheLost(f"{len(missing) - len(found)} reading(s) missing from the cache")
            self.known.update(found)
        return {d: self.known[d] for d in digests}


@dataclass(frozen=True)
class _Part:
    """Claims that group alone (``kind`` "events"), or one surname's titled mentions ("titles")."""

    kind: str
    members: tuple[tuple[int, int, str], ...]  # (article's position, claim's position, reading's digest), in order
    surname: str = ""

    def digest(self, cache: Cache, keys: Sequence[str]) -> str:
        return cache.digest(self.kind, self.surname, *(f"{keys[a]}:{i}:{d}" for a, i, d in self.members))


def find(outlines: Sequence[Outline], keys: Sequence[str], fetch: Fetch, readings: Readings,
         cache: Cache | None = None) -> Found:
    """The corpus's events (how many) and conflicts, from the cache for every part it has seen.

    ``outlines`` and ``keys`` (the articles' cache keys) are in corpus order; ``fetch`` reads whole extractions.
    The articles are grouped in the order of what they say (``Outline.order``), never of their names or of the
    order they came in, as ``group`` reads them.
    """
    order = sorted(range(len(outlines)), key=lambda p: outlines[p].order)
    if order != list(range(len(outlines))):
        outlines, keys, fetch = [outlines[p] for p in order], [keys[p] for p in order], _reordered(fetch, order)
    sides = known_sides(p for o in outlines for p in o.people)
    parts = [*_claim_parts(outlines, sides, readings, cache), *_namesakes(outlines)]
    with stage("index"):
        digests = [p.digest(cache, keys) for p in parts] if cache else []
        known = cache.parts(digests) if cache else {}
    results: list[Found | None] = [known.get(d) for d in digests] if cache else [None] * len(parts)
    missing = [i for i, r in enumerate(results) if not isinstance(r, Found)]
    if missing:
        extractions = fetch(sorted({a for i in missing for a, _, _ in parts[i].members}))
        published = {x.article.id: x.article.published for x in extractions.values()}
        for i in missing:
            results[i] = _solve(parts[i], extractions, sides, published)
        if cache:
            with stage("index"):
                cache.put_parts([(digests[i], results[i]) for i in missing])
    with stage("compare"):
        conflicts = in_order(c for r in results for c in r.conflicts)
    return Found(sum(r.events for r in results), conflicts, len(parts), len(missing))


def _reordered(fetch: Fetch, order: list[int]) -> Fetch:
    """``fetch`` for positions in ``order`` (position n is the corpus's ``order[n]``)."""
    def fetched(positions: list[int]) -> dict[int, Extraction]:
        got = fetch(sorted(order[n] for n in positions))
        return {n: got[order[n]] for n in positions}
    return fetched


def find_in(extractions: Sequence[Extraction]) -> Found:
    """``find`` over extractions held in memory, with no cache."""
    outlined = [outline(x) for x in extractions]
    readings = {d: r for _, rs in outlined for d, r in rs.items()}
    return find([o for o, _ in outlined], [""] * len(extractions),
                lambda positions: {p: extractions[p] for p in positions}, Readings(readings, None))


def _claim_parts(outlines: Sequence[Outline], sides: dict[str, str], readings: Readings,
                 cache: Cache | None) -> list[_Part]:
    """Parts of two claims or more (one claim alone makes no event), each claim under the reading it has once its
    people have their sides."""
    members: dict[str, list[tuple[int, int]]] = {}
    to_side: list[tuple[int, int, str]] = []
    frames: dict[tuple[int, int], tuple[int, int]] = {}  # (article, claim) → (article, article event)
    for a, o in enumerate(outlines):
        for i, d, unsided, frame in o.readings:
            if frame >= 0:
                frames[(a, i)] = (a, frame)
            if unsided and any(name in sides for name in unsided):
                to_side.append((a, i, d))
            else:
                members.setdefault(d, []).append((a, i))
    if to_side:
        before = readings.get({d for _, _, d in to_side})
        for a, i, d in to_side:
            sided = reading_with_sides(before[d], sides)
            name = digest_of(sided)
            readings.known[name] = sided
            members.setdefault(name, []).append((a, i))
    # the parts that hold mentions of one article event are one part: grouping joins their clusters
    joined = Components()
    nodes = []
    for n, part in enumerate(_partition(members, readings, cache)):
        for d in part:
            for a, i in members[d]:
                node = ("claim", a, i, d)
                nodes.append(node)
                joined.join(node, ("part", n))
                if (a, i) in frames:
                    joined.join(node, ("event", *frames[(a, i)]))
    parts = []
    for group in joined.groups(nodes):
        claims = sorted((a, i, d) for _, a, i, d in group)
        if len(claims) > 1:
            parts.append(_Part("events", tuple(claims)))
    return parts


@staged("index")
def _partition(current: Collection[str], readings: Readings, cache: Cache | None) -> list[list[str]]:
    """The independent parts of the current readings: the cached partition updated, or one made from scratch."""
    old = cache.partition() if cache else None
    parts = None
    if old:
        removed, added = old.keys() - current, [d for d in current if d not in old]
        if len(removed) + len(added) <= DELTA_MAX_SHARE * len(current):
            problem = cache.problem
            parts = _update(old, current, removed, added, readings, cache)
            if cache.problem is not problem:  # the index could not be read: the update may have missed a join
                parts = None
    if parts is None:
        parts = independent_parts(readings.get(current))
        if cache:
            _index(current, readings, cache)
    if cache:
        cache.put_partition({d: n for n, part in enumerate(parts) for d in part})
    return parts


def _update(old: dict[str, int], current: Collection[str], removed: set[str], added: list[str], readings: Readings,
            cache: Cache) -> list[list[str]]:
    """The old partition, brought up to date: components only split when readings go (so only the parts that lost
    one are split anew) and only join through the readings that come (so each is joined to its neighbours)."""
    affected = {old[d] for d in removed}
    joined = Components()
    redo = []
    for d in current:
        if d in old:
            if old[d] in affected:
                redo.append(d)
            else:
                joined.join(d, ("part", old[d]))
    for part in independent_parts(readings.get(redo)):
        for d in part:
            joined.join(d, part[0])
    if added:
        _index(added, readings, cache)
        new = readings.get(added)
        present = set(current)
        for d in added:
            near = [c for c in cache.neighbours(*_codes(new[d])) if c in present and c != d]
            near_readings = readings.get(near)
            for c in near:
                if joined.root(c) != joined.root(d) and not ruled_out(new[d], near_readings[c]):
                    joined.join(d, c)
    return joined.groups(current)


def _index(digests: Collection[str], readings: Readings, cache: Cache) -> None:
    """Put the readings the cache's index lacks into it (a reading made in this run: a person given a side)."""
    unknown = cache.unknown_readings(list(digests))
    if unknown:
        cache.put_readings(index_rows(readings.get(unknown)))


def _namesakes(outlines: Sequence[Outline]) -> list[_Part]:
    by_surname: dict[str, list[tuple[int, int, str]]] = {}
    for a, o in enumerate(outlines):
        for surname in dict.fromkeys([*(surname_of(name) for name, _ in o.people), *o.aged]):
            by_surname.setdefault(surname, []).append((a, 0, ""))
    return [_Part("titles", tuple(articles), surname=surname) for surname, articles in by_surname.items()
            if len(articles) > 1 or _mentions_in(outlines[articles[0][0]], surname) > 1]


def _mentions_in(o: Outline, surname: str) -> int:
    return sum(surname_of(name) == surname for name, _ in o.people)


def _solve(part: _Part, extractions: dict[int, Extraction], sides: dict[str, str], published: dict) -> Found:
    if part.kind == "titles":
        mentions = [m for a, _, _ in part.members for m in extractions[a].people if surname_of(m.name) == part.surname]
        people = [e for e in person_events(c for a, _, _ in part.members for c in extractions[a].claims)
                  if e.label == part.surname]
        with stage("compare"):
            return Found(len(people), tuple(role_conflicts(mentions)) + tuple(event_conflicts(people, published)))
    claims = with_sides([extractions[a].claims[i] for a, i, _ in part.members], sides)
    events = events_of(claims)
    with stage("compare"):
        return Found(len(events), tuple(event_conflicts(events, published)))
