"""The JSON report: the contract ``crosscheck/report@1``, and the data of claims and dates.

The JSON shape is read by other tools (../shared/eval/score.py among them):
change it only with a new schema name.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import IO, Any

from crosscheck.model import Article, Claim, Conflict, ConflictValue, PersonMention, Quantity, Report, TimeExpression
from crosscheck.extract.dates import display
from crosscheck.report.paths import shown_paths
from crosscheck.report.sources import outlet

SCHEMA = "crosscheck/report@1"


# ---------------------------------------------------------------- data


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data, in the documented JSON shape; paths relative to ``report.options["root"]`` when
    it has one."""
    errors = sum(c.severity == "error" for c in report.conflicts)
    shown = shown_paths(report)
    return {
        "schema": SCHEMA,
        "articles": [article_data(a, shown(a.path)) for a in report.articles],
        "skipped": [{"path": shown(s.path), "reason": s.reason} for s in report.skipped],
        "conflicts": [conflict_data(c) for c in report.conflicts],
        "baselined": [c.id for c in report.baselined],
        "stale_baseline": list(report.stale),
        "suppressed": [{"id": c.id, "slot": c.slot, "label": c.label, "reason": s.reason}
                       for c, s in report.suppressed],
        "summary": {
            "articles": len(report.articles), "skipped": len(report.skipped), "claims": report.claims,
            "events": report.events, "conflicts": len(report.conflicts), "errors": errors,
            "warnings": len(report.conflicts) - errors, "baselined": len(report.baselined),
            "suppressed": len(report.suppressed), "stale_baseline": len(report.stale),
            "out_of_scope": report.out_of_scope,
            "work": dict(report.work),  # extracted (articles), parts, regrouped (parts): what the cache spared
        },
    }


def article_data(a: Article, path: str | None = None) -> dict[str, Any]:
    out = {"id": a.id, "path": a.path if path is None else path, "title": a.title,
           "published": a.published.isoformat() if a.published else None, "published_source": a.published_source,
           "outlet": outlet(a), "url": a.url}
    if a.warnings:
        out["warnings"] = list(a.warnings)
    return out


def conflict_data(c: Conflict) -> dict[str, Any]:
    return {
        "id": c.id, "slot": c.slot, "severity": c.severity, "within_article": c.within_article,
        "event": event_summary(c),
        "values": [{"value": v.value, "display": v.display, "claims": [evidence_data(c.slot, x, v.value) for x in v.claims]}
                   for v in c.values],
    }


def event_summary(c: Conflict) -> dict[str, Any]:
    if c.event is None:
        return {"label": c.label, "who": [], "what": c.slot, "where": None, "when": None, "reasons": []}
    claims = c.event.claims
    who = Counter(p.party for x in claims for p in x.who)
    where = Counter(x.where.name for x in claims if x.where)
    when = Counter(x.when.value.timex for x in claims if x.when)
    return {
        "id": c.event.id, "label": c.label, "who": [w for w, _ in who.most_common()], "what": c.event.what,
        "where": where.most_common(1)[0][0] if where else None,
        "when": when.most_common(1)[0][0] if when else None,
        "reasons": list(c.event.reasons),
    }


def evidence_data(slot: str, x: Claim | PersonMention, value: str | None = None) -> dict[str, Any]:
    start, end, text = value_span(slot, x, value)
    sentence, line, column = x.source_of(slot) if isinstance(x, Claim) else (x.sentence, x.line, x.column)
    out = {"article": x.article, "sentence": sentence.text, "line": line,
           "start": sentence.start, "end": sentence.end, "value_text": text,
           "value_start": start, "value_end": end,
           "value_line": line, "value_column": column + max(0, start - sentence.start)}
    if isinstance(x, Claim):
        out.update({"claim": x.id, "trigger": x.trigger.text, "modality": x.modality,
                    "who": [p.name for p in x.who], "gathered": not x.stated(slot)})
        if x.when is not None:
            out["resolution"] = {"anchor": x.when.expression.anchor, "direction": x.when.expression.direction,
                                 "reason": x.when.expression.reason}
    return out


def value_span(slot: str, x: Claim | PersonMention, value: str | None = None) -> tuple[int, int, str]:
    if isinstance(x, PersonMention):
        return x.span.start - len(x.role) - 1, x.span.end, f"{x.role} {x.name}"
    if slot == "when" and x.when is not None:
        e = x.when.expression
        return e.start, e.end, e.text
    if slot == "where" and x.where is not None:
        return x.where.span.start, x.where.span.end, x.where.span.text
    if slot == "site" and x.site is not None:
        return x.site.span.start, x.site.span.end, x.site.span.text
    if slot == "quantity":
        q = next((q for q in x.quantities if value in (q.figure, q.value)), x.quantities[0] if x.quantities else None)
        if q is not None:
            return q.span.start, q.span.end, q.span.text
    return x.trigger.start, x.trigger.end, x.trigger.text


def claim_data(c: Claim) -> dict[str, Any]:
    """One extracted claim, for ``crosscheck claims --format jsonl``."""
    return {
        "id": c.id, "article": c.article, "line": c.line, "sentence": c.sentence.text,
        "start": c.sentence.start, "end": c.sentence.end,
        "what": {"class": c.what, "trigger": c.trigger.text, "start": c.trigger.start, "end": c.trigger.end},
        "who": [{"name": p.name, "kind": p.kind, "party": p.party, "role": p.role, "text": p.span.text,
                 "start": p.span.start, "end": p.span.end} for p in c.who],
        "when": ({"value": c.when.value.timex, "display": display(c.when.value), "grain": c.when.value.grain,
                  "stated": sorted(c.when.value.stated), "text": c.when.expression.text,
                  "start": c.when.expression.start, "end": c.when.expression.end,
                  "anchor": c.when.expression.anchor, "direction": c.when.expression.direction}
                 if c.when else None),
        "where": ({"name": c.where.name, "country": c.where.country, "kind": c.where.kind, "text": c.where.span.text,
                   "start": c.where.span.start, "end": c.where.span.end} if c.where else None),
        "site": ({"name": c.site.name, "noun": c.site.noun, "start": c.site.span.start, "end": c.site.span.end,
                  "gathered": not c.stated("site")} if c.site else None),
        "theme": c.theme, "modality": c.modality,
        "event": None if c.frame is None else f"{c.article}/{c.frame}",
        "gathered": [{"slot": g.slot, "line": g.line, "sentence": g.sentence.text, "start": g.sentence.start,
                      "end": g.sentence.end} for g in c.context],
        "quantities": [quantity_data(q) for q in c.quantities],
    }


def quantity_data(q: Quantity) -> dict[str, Any]:
    """One figure of a claim: ``value`` is the number as stated (None for "dozens"), ``low``/``high`` the interval
    it means (``high`` None: no upper bound), ``unit`` the unit as written ("mph", "km", "USD", "%"), ``source``
    the body the text says gives it, ``of`` what it measures when a noun or a name says ("boats", "Nichols")."""
    def number(x):
        return None if x is None else int(x) if float(x).is_integer() else x

    return {"measure": q.measure, "value": number(q.stated), "low": number(q.low), "high": number(q.high),
            "unit": q.unit, "source": q.source, "of": q.of, "text": q.span.text, "start": q.span.start,
            "end": q.span.end}


def date_data(article: Article, e: TimeExpression) -> dict[str, Any]:
    """One date expression, for ``crosscheck dates --format jsonl`` (the scorer's contract)."""
    v = e.value
    return {"article": article.id, "start": e.start, "end": e.end, "text": e.text,
            "type": "TIME" if v.is_time else "DATE", "value": v.timex,
            "grain": v.grain, "stated": sorted(v.stated),
            "inferred": sorted({"year", "month", "day"} - set(v.stated)) if v.is_calendar else [],
            "end_value": v.end.timex if v.end else None, "zone": v.zone, "approx": v.approx,
            "anchor": e.anchor, "direction": e.direction, "reason": e.reason, "anaphoric": e.anaphoric}


def write_json(report: Report, out: IO[str]) -> None:
    """Indented, except that each article takes one line: json's C encoder writes a hundred thousand of them in a
    blink, its indenting encoder (pure Python) in seconds."""
    fields = []
    one_line = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for all: json.dumps makes one a call
    for key, value in report_data(report).items():
        if key == "articles" and value:
            text = "[\n" + ",\n".join("    " + one_line(a) for a in value) + "\n  ]"
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        fields.append(f"  {json.dumps(key)}: {text}")
    out.write("{\n" + ",\n".join(fields) + "\n}\n")
