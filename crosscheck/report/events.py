"""The events view (``crosscheck events``): every event with every value of every slot, agreeing or not.

The JSON contract ``crosscheck/events@1`` (read by ../shared/eval/score.py; change it only under a new name)::

    {"schema": "crosscheck/events@1",
     "articles": [{"id": ..., "path": ..., "title": ..., "published": ..., "published_source": ...}],
     "skipped": [{"path": ..., "reason": ...}],
     "events": [{"id": "ev-...", "label": "Nice attack", "what": "attack", "articles": ["01_cnn", ...],
                 "values": [{"slot": "when" | "where" | "who" | "quantity", "measure": "dead" | null,
                             "of": "rifle" | null, "value": "2016-07-14", "display": "14 July 2016", "articles": [...],
                             "claims": [{"article": ..., "sentence": ..., "line": ..., "start": ..., "end": ...,
                                         "value_text": ..., "value_start": ..., "value_end": ...,
                                         "claim": ..., "gathered": false}]}]}],
     "summary": {"articles": 11, "skipped": 0, "events": 40, "multi_source": 6}}

An event's ``values`` come slot by slot (when, where, who, quantity), each value with the sources that hold it,
most sources first. A value gathered from another sentence of an article (its dateline, its lead) quotes that
sentence, with ``gathered: true``; each sentence is quoted once per value.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from crosscheck.extract.dates import display
from crosscheck.extract.events import inferred_day, stated_value
from crosscheck.model import Claim, Event
from crosscheck.report.json import article_data, evidence_data

SCHEMA = "crosscheck/events@1"
SLOTS = ("when", "where", "site", "who", "quantity")  # a site is shown as a value of where, "kind": "site"


def events_data(articles, skipped, events: tuple[Event, ...]) -> dict[str, Any]:
    """The events view as plain data, in the documented JSON shape; events told by most articles first, then in the
    order given (``group``'s: by what the articles say, never by their names)."""
    ordered = sorted(events, key=lambda e: -len(e.articles))
    return {
        "schema": SCHEMA,
        "articles": [article_data(a) for a in articles],
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        "events": [event_data(e) for e in ordered],
        "summary": {"articles": len(articles), "skipped": len(skipped), "events": len(events),
                    "multi_source": sum(len(e.articles) > 1 for e in events)},
    }


def event_data(e: Event) -> dict[str, Any]:
    return {"id": e.id, "label": e.label, "what": e.what, "articles": sorted(e.articles),
            "values": [value_data(*v) for v in values(e)], "reasons": list(e.reasons)}


def values(e: Event) -> list[tuple[str, str | None, str | None, str, str, list[Claim]]]:
    """(slot, measure, what it counts, value, display, claims) of every value an event's claims hold, slot by slot,
    the value most articles hold first. Counts of different things are different values ("2 companies", "2
    banks")."""
    found: dict[tuple[str, str | None, str | None, str], tuple[str, list[Claim]]] = {}
    for c in e.claims:
        for slot, measure, of, value, shown in _slot_values(c):
            found.setdefault((slot, measure, of, value), (shown, []))[1].append(c)
    out = [(*key, shown, claims) for key, (shown, claims) in found.items()]
    out.sort(key=lambda v: (SLOTS.index(v[0]), v[1] or "", v[2] or "", -len({c.article for c in v[5]}), v[3]))
    return out


def _slot_values(c: Claim) -> Iterator[tuple[str, str | None, str | None, str, str]]:
    if c.when is not None and c.when.value.is_calendar and not (inferred_day(c.when) and not c.when.value.is_time):
        v = stated_value(c.when)  # a day no article states is no value; a time on it is its clock
        yield "when", None, None, v.timex, display(v)
    if c.where is not None:
        yield "where", None, None, c.where.name, c.where.name
    if c.site is not None:  # a named spot: a value of where, kept apart from the gazetteer's places
        yield "site", None, None, c.site.name, c.site.name
    for p in c.who:
        yield "who", None, None, p.name, p.name
    for q in c.quantities:
        yield "quantity", q.measure, q.of, q.figure, q.figure  # as stated: "~214000", not its interval


def value_data(slot: str, measure: str | None, of: str | None, value: str, shown: str,
               claims: list[Claim]) -> dict[str, Any]:
    quoted, seen = [], set()
    for c in claims:
        data = evidence_data(slot, c, value)
        key = (data["article"], data["start"])
        if key not in seen:
            seen.add(key)
            quoted.append(data)
    out = {"slot": "where" if slot == "site" else slot, "measure": measure, "of": of, "value": value,
           "display": shown, "articles": sorted({c.article for c in claims}), "claims": quoted}
    if slot in ("where", "site"):
        out["kind"] = "site" if slot == "site" else "place"
    return out


def render_events(data: dict[str, Any], console: Console, everything: bool = False) -> None:
    """The events view for people: each event told by two or more articles (``everything``: all), with each value
    and how many sources hold it."""
    summary = data["summary"]
    console.print(Text.assemble(("crosscheck events ", "bold"),
                                f"{summary['articles']} articles · {summary['events']} events · "
                                f"{summary['multi_source']} told by two or more articles"))
    outlets = {a["id"]: a.get("outlet") or a["id"] for a in data["articles"]}
    shared = {o for o in outlets.values() if list(outlets.values()).count(o) > 1}
    labels = {i: f"{o} ({i})" if o in shared else o for i, o in outlets.items()}  # who says it, by outlet
    for e in data["events"]:
        if len(e["articles"]) < 2 and not everything:
            continue
        console.print(Text.assemble("\n", (e["label"], "bold"), f" · {len(e['articles'])} articles"))
        for v in e["values"]:
            n = len(v["articles"])
            measure = " of ".join(x for x in (v["measure"], v.get("of")) if x)
            slot = v["slot"] + (f" ({measure})" if measure else "")
            agree = f"{n} sources agree" if n > 1 else "1 source"
            who = ", ".join(labels.get(a, a) for a in v["articles"])
            console.print(f"  {escape(slot):<28} {escape(v['display']):<22} {agree}: {escape(who)}")
