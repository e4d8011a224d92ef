"""Articles → stories: which articles tell one story, and what they state of it that no event gathers.

Events (``group``) join claims on an anchor their sentences state: a day, a place, the parties. Much of
what outlets agree on has none: "the leak of 11.5 million documents", "some 214,000 offshore entities",
"the 2.6-terabyte leak" belong to the story the articles tell, not to a dated, placed event of their
sentences. A story is known by its names instead:

1. Two articles are linked when their headlines and leads share at least ``STORY_NAMES_SHARED`` story names
   (``extract.story``: "Mossack", "Fonseca", "Süddeutsche"; never a country, a month or a title).
2. Articles are taken in the order of what they say (``canonical``); each joins the story it is linked with
   the largest share of the members of, when that share is at least ``STORY_LINKED_SHARE`` (so a chain of
   articles each sharing names with the next cannot glue two stories together), else opens a story.
3. A story's event (kind ``story``) holds what its articles state: the figures of every event they tell ("the
   197 girls who remain in captivity", in an article about a release), and the day, place and site their main
   events' own sentences give, grouped in an event of several articles or not:
   it is the story's summary, and a figure one outlet gives in the event of a crash and another in a
   sentence that names no anchor still meet there. It shows what the story's articles agree on and where
   their figures differ; it is never compared for conflicts: a story holds many things one noun counts
   (the two companies of one paragraph and the 20,000 of another), and its articles' main events may be
   different happenings of the story (the leak on Sunday, a resignation on Tuesday).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from crosscheck.extract.measures import person_measures
from crosscheck.model import Claim, Event, Extraction

STORY = "story"  # the kind of the events that hold what a story's articles state outside any event
STORY_NAMES_SHARED = 3  # story names two articles share at least, to be linked
STORY_LINKED_SHARE = 0.5  # an article joins a story when linked with at least this share of its members
STORY_NAME_POSTINGS_MAX = 500  # an article is compared, through one name, with at most this many earlier articles
STORY_LABEL_NAMES = 2  # a story's label: its names most shared among its articles, up to this many


def stories(names: Sequence[Sequence[str]]) -> list[int]:
    """The story of each article (its story names given in the canonical order of the articles), numbered by
    the first article of each, in order."""
    postings: dict[str, list[int]] = {}
    story_of: list[int] = []
    sizes: Counter = Counter()
    for i, own in enumerate(names):
        shared: Counter = Counter()
        for name in own:
            for j in postings.get(name, ())[:STORY_NAME_POSTINGS_MAX]:
                shared[j] += 1
        linked = Counter(story_of[j] for j, n in shared.items() if n >= STORY_NAMES_SHARED)
        best = None
        for story, n in sorted(linked.items()):
            share = n / sizes[story]
            if share >= STORY_LINKED_SHARE and (best is None or share > best[0]):
                best = (share, story)
        story = best[1] if best else i
        story_of.append(story)
        sizes[story] += 1
        for name in own:
            postings.setdefault(name, []).append(i)
    return story_of


def story_events(extractions: Sequence[Extraction], singletons: bool = False) -> tuple[Event, ...]:
    """The events of the stories of two or more articles (``extractions`` in the canonical order): each holds the
    claims of its articles that state a figure, and those of their main events that state a day, a place or a site,
    stripped to what they state. With
    ``singletons``, also a story whose statements come from one article."""
    by_story: dict[int, list[Extraction]] = {}
    for x, story in zip(extractions, stories([x.story for x in extractions])):
        by_story.setdefault(story, []).append(x)
    out = []
    for members in by_story.values():
        if len(members) < 2:
            continue
        claims = [stated for x in members for c in x.claims
                  for stated in [_stated(c, x.main is not None and c.frame == x.main)] if stated is not None]
        if len({c.article for c in claims}) > 1 or (singletons and claims):
            out.append(_story_event(members, claims))
    return tuple(out)


def _stated(c: Claim, main: bool) -> Claim | None:
    """What a claim states of its story: its figures (not a person's: ``group.person_events``), and for a mention of
    its article's ``main`` event the day, the place and the site its own sentence gives; None if nothing."""
    figures = tuple(q for q in c.quantities if q.measure not in person_measures())
    when = c.when if main and c.when is not None and c.stated("when") and c.when.value.is_calendar else None
    where = c.where if main and c.where is not None and c.stated("where") else None
    site = c.site if main and c.site is not None and c.stated("site") else None
    if not (figures or when or where or site):
        return None
    return replace(c, quantities=figures, when=when, where=where, site=site, who=(), theme=None, context=())


def _story_event(members: list[Extraction], claims: list[Claim]) -> Event:
    counts = Counter(name for x in members for name in x.story)
    shared = [name for name, n in counts.most_common() if n > 1]
    label = " ".join(name.title() for name in shared[:STORY_LABEL_NAMES])
    reasons = [f"{len(members)} articles tell one story: their headlines and leads share the names "
               f"{', '.join(shared[:6])}"]
    digest = hashlib.sha1(f"{STORY}|{'|'.join(c.id for c in claims)}".encode()).hexdigest()[:10]
    return Event(f"ev-{digest}", STORY, f"{label} story".strip(), tuple(claims), tuple(reasons))
