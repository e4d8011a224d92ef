"""The HTML report: one self-contained page a fact-checker opens in a browser, prints or mails.

Built from the same data as the JSON report (``report_data``) and the events view (``events_data``), so it says
what every other format says. The page fetches nothing: the CSS is inline, the timelines are inline SVG, and the
one small script only filters the conflicts (by slot, severity and outlet); with JavaScript off every conflict is
shown and the filter controls stay hidden. Every string taken from the articles (ids, titles, file names, quotes)
goes through ``html.escape``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any, Iterable

from crosscheck import __version__
from crosscheck.model import Article, Report
from crosscheck.report import sources
from crosscheck.report.json import report_data
from crosscheck.report.text import explain_event
from crosscheck.report.sources import held_by, number, outlet, tally  # noqa: F401  (number, outlet: the page's too)
from crosscheck.report.sources import timeline_points

QUOTE_CONTEXT = 160  # characters of a long sentence kept either side of the value, cut at a word boundary
SEVERITIES = ("error", "warning")


def esc(value: Any) -> str:
    """Text from the data, safe in element content and in quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


# ---------------------------------------------------------------- sources


def _sources(articles: Iterable[Article]) -> dict[str, dict[str, Any]]:
    """Article id → what the page shows of it: outlet, title, publication date, file."""
    return {i: {"id": s.id, "outlet": s.outlet, "label": s.label, "title": s.title, "path": s.path,
                "published": s.published, "published_source": s.published_source, "url": s.url,
                "warnings": s.warnings, "source": s}
            for i, s in sources.sources(articles).items()}


def _anchor(prefix: str, ident: str) -> str:
    """An id attribute from data: only characters that need no escaping, and never two alike for two idents."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", ident)
    return f"{prefix}-{safe}" if safe == ident else f"{prefix}-{safe}-{hashlib.sha1(ident.encode()).hexdigest()[:8]}"


def _source_ref(src: dict[str, Any], marks: Iterable[str] = (), compact: bool = False) -> str:
    """A source as a list item: its outlet (a link to its row in the articles table), title and date; ``compact``:
    the title only as the link's tooltip."""
    date = src["published"].isoformat() if src["published"] else "date unknown"
    title = f' title="{esc(src["title"])} ({esc(src["path"])})"' if src["title"] else f' title="{esc(src["path"])}"'
    badges = "".join(f' <span class="badge {m.split()[0]}">{esc(m)}</span>' for m in marks)
    shown = "" if compact else f' <span class="title">{esc(src["title"] or "(no title)")}</span>'
    when = "" if compact and not src["published"] else f' <time class="date">{esc(date)}</time>'
    return (f'<li><a href="#{_anchor("a", src["id"])}"{title}><span class="outlet">{esc(src["label"])}</span></a>'
            f'{shown}{when}{badges}</li>')


def _unknown_source(ident: str) -> dict[str, Any]:
    return {"id": ident, "outlet": ident, "label": ident, "title": None, "path": ident, "published": None,
            "published_source": None, "url": None, "warnings": (), "source": sources.unknown(ident)}


# ---------------------------------------------------------------- quotes


def quote(claim: dict[str, Any]) -> str:
    """The sentence around the value, cut at word boundaries, holding the event word, the value inside ``<mark>``."""
    lead, before, value, after, tail = sources.quote_parts(claim, QUOTE_CONTEXT)
    if not value:
        return esc(before)
    return f"{lead}{esc(before)}<mark>{esc(value)}</mark>{esc(after)}{tail}"


# ---------------------------------------------------------------- timelines

def timeline_svg(points: list[tuple[dt.date, float, str, str]], width: int = 360, height: int = 140) -> str:
    """Value against publication date, a dot per source, joined in date order when each day has one figure: a
    rising toll reads as a rise."""
    left, right, top, bottom = 56, 16, 12, 30
    days = [p[0].toordinal() for p in points]
    figures = [p[1] for p in points]
    d0, d1 = min(days), max(days)
    f0, f1 = min(figures), max(figures)

    def x(day: int) -> float:
        return left + (width - left - right) * ((day - d0) / (d1 - d0) if d1 > d0 else 0.5)

    def y(figure: float) -> float:
        return top + (height - top - bottom) * (1 - ((figure - f0) / (f1 - f0) if f1 > f0 else 0.5))

    described = "; ".join(f"{shown} from {source} on {day.isoformat()}" for day, _, shown, source in points)
    parts = [f'<svg class="timeline" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'aria-label="{esc("Timeline: " + described)}">',
             f'<line class="axis" x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}"/>',
             f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}"/>',
             f'<text x="{left - 6}" y="{y(f1) + 4:.1f}" text-anchor="end">{esc(_figure(f1))}</text>']
    if f1 > f0:
        parts.append(f'<text x="{left - 6}" y="{y(f0) + 4:.1f}" text-anchor="end">{esc(_figure(f0))}</text>')
    parts.append(f'<text x="{x(d0):.1f}" y="{height - 10}" text-anchor="{"start" if d1 > d0 else "middle"}">'
                 f'{esc(points[0][0].isoformat())}</text>')
    if d1 > d0:
        parts.append(f'<text x="{x(d1):.1f}" y="{height - 10}" text-anchor="end">{esc(points[-1][0].isoformat())}'
                     f'</text>')
    if len({p[0] for p in points}) == len(points):  # one figure a day: a series; else dots alone, no zigzag
        line = " ".join(f"{x(p[0].toordinal()):.1f},{y(p[1]):.1f}" for p in points)
        parts.append(f'<polyline class="trend" points="{line}"/>')
    for day, figure, shown, source in points:
        parts.append(f'<circle cx="{x(day.toordinal()):.1f}" cy="{y(figure):.1f}" r="4">'
                     f'<title>{esc(f"{shown}: {source}, {day.isoformat()}")}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def _figure(f: float) -> str:
    return str(int(f)) if f.is_integer() else f"{f:g}"


# ---------------------------------------------------------------- conflicts


def conflict_html(c: dict[str, Any], sources: dict[str, dict], outlet_index: dict[str, int] | None = None,
                  show_paths: bool = False, explained: list[str] | None = None,
                  known: dict[str, Any] | None = None) -> str:
    """One conflict: its heading, the value table (majority, earliest and latest report marked), a timeline for
    a figure reported on different days, the quotes with the value marked, and why its claims are one event."""
    def src(ident: str) -> dict:
        return sources.get(ident) or _unknown_source(ident)

    if known is None:  # each article's Source (``report_html`` makes it once for every conflict)
        known = {i: s["source"] for i, s in sources.items() if "source" in s}
    held = held_by(c)
    counted = tally(held, known)
    earliest, latest, both_sides = counted.earliest, counted.latest, counted.both_sides
    outlets = sorted({src(a)["outlet"] for h in held for a in h})
    outlet_index = outlet_index or {o: i for i, o in enumerate(outlets)}
    anchor = _anchor("c", c["id"])

    badges = [f'<span class="badge sev {esc(c["severity"])}">{esc(c["severity"])}</span>',
              f'<span class="badge slot">{esc(c["slot"])}</span>']
    if c["within_article"]:
        badges.append('<span class="badge within">within one article</span>')
    elif both_sides:
        badges.append('<span class="badge within">an article on both sides</span>')
    numbers = " ".join(str(outlet_index[o]) for o in outlets if o in outlet_index)  # the filter's outlet numbers
    out = [f'<article class="conflict {esc(c["severity"])}" id="{anchor}" data-slot="{esc(c["slot"])}" '
           f'data-severity="{esc(c["severity"])}" data-outlets="{numbers}" '
           f'aria-labelledby="{anchor}-h">',
           f'<h3 id="{anchor}-h">{" ".join(badges)} <a class="self" href="#{anchor}">{esc(c["event"]["label"])}</a>'
           f'</h3>']
    event = c["event"]
    facts = [f"{name}: {esc(value)}" for name, value in (("what", event.get("what")), ("where", event.get("where")),
                                                          ("when", event.get("when"))) if value]
    if event.get("who"):
        facts.append("who: " + esc(", ".join(event["who"])))
    out.append(f'<p class="event">Event: {" · ".join(facts)} · id <code>{esc(c["id"])}</code></p>')

    out.append(f'<table class="values"><caption>The values the sources give: {esc(counted.ratio)}</caption><thead><tr>'
               '<th scope="col">value</th><th scope="col">sources</th><th scope="col">who says it</th>'
               '</tr></thead><tbody>')
    for v, h, row in zip(c["values"], held, counted.rows):
        marks = [f'<span class="badge {m.split()[0]}">{esc(m)}</span>' for m in row.marks]
        claims_n = len({(x["article"], x["start"]) for x in v["claims"]})
        count = row.count + (f", {claims_n} statements" if claims_n != len(h) else "")
        rows = []
        for a in h:
            m = []
            s = src(a)
            if s["published"] and s["published"] == earliest:
                m.append("earliest")
            if s["published"] and s["published"] == latest:
                m.append("latest")
            if a in both_sides:
                m.append("both sides")
            rows.append(_source_ref(s, m))
        cls = ' class="majority"' if row.majority else ""
        out.append(f'<tr{cls}><th scope="row"><strong>{esc(v["display"])}</strong> {" ".join(marks)}</th>'
                   f'<td class="count">{esc(count)}</td><td><ul class="sources">{"".join(rows)}</ul></td></tr>')
    out.append("</tbody></table>")

    points = timeline_points(c, known)  # none unless a figure was reported on two days or more
    if points:
        out.append(f'<figure class="chart">{timeline_svg(points)}<figcaption>The figures by publication date: '
                   f'{esc("; ".join(f"{p[0].isoformat()} {p[3]}: {p[2]}" for p in points))}.</figcaption>'
                   f'</figure>')

    out.append('<div class="quotes">')
    for v in c["values"]:
        out.append(f'<h4><mark>{esc(v["display"])}</mark></h4><ul>')
        seen = set()
        for claim in v["claims"]:
            key = (claim["article"], claim["start"])
            if key in seen:
                continue
            seen.add(key)
            s = src(claim["article"])
            out.append(f'<li><blockquote>{quote(claim)}</blockquote><p class="cite">— '
                       f'<a href="#{_anchor("a", s["id"])}">{esc(s["label"])}</a>, line {esc(claim["line"])}'
                       + (f' (<code>{esc(s["path"])}:{esc(claim["line"])}</code>)' if show_paths else "")
                       + (" (from elsewhere in the article)" if claim.get("gathered") else "") + "</p></li>")
        out.append("</ul>")
    out.append("</div>")
    if explained:  # in words: what each article gives, what they share (``text.explain_event``)
        out.append("<details><summary>Why these claims are one event</summary><ul>"
                   + "".join(f"<li>{esc(r)}</li>" for r in explained) + "</ul></details>")
    elif event.get("reasons"):
        out.append("<details><summary>Why these claims are one event</summary><ul>"
                   + "".join(f"<li>{esc(r)}</li>" for r in event["reasons"]) + "</ul></details>")
    out.append("</article>")
    return "\n".join(out)


# ---------------------------------------------------------------- pages


def report_html(report: Report, show_paths: bool = False) -> str:
    """The conflict report (``crosscheck check --format html``) as one self-contained page."""
    data = report_data(report)
    s = data["summary"]
    sources = _sources(report.articles)
    conflicts = data["conflicts"]
    head = (f'<header><h1>crosscheck: {_count(s["conflicts"], "conflict")} in {_count(s["articles"], "article")}</h1>'
            '<dl class="summary">'
            f'<div><dt>articles</dt><dd>{s["articles"]}</dd></div>'
            f'<div><dt>claims</dt><dd>{s["claims"]}</dd></div>'
            f'<div><dt>events</dt><dd>{s["events"]}</dd></div>'
            f'<div class="error"><dt>errors</dt><dd>{s["errors"]}</dd></div>'
            f'<div class="warning"><dt>warnings</dt><dd>{s["warnings"]}</dd></div>'
            f'<div><dt>skipped inputs</dt><dd>{s["skipped"]}</dd></div>'
            '</dl>')
    extras = [f"{s['baselined']} in the baseline" if s["baselined"] else "",
              f"{s['suppressed']} accepted in article metadata" if s["suppressed"] else "",
              f"{s['out_of_scope']} involving no changed file" if s["out_of_scope"] else ""]
    if any(extras):
        head += "<p>Not shown: " + esc(", ".join(e for e in extras if e)) + ".</p>"
    head += "</header>"
    body = [head]
    if data["skipped"]:
        body.append('<section id="skipped"><h2>Skipped inputs</h2><ul>'
                    + "".join(f"<li><code>{esc(x['path'])}</code>: {esc(x['reason'])}</li>" for x in data["skipped"])
                    + "</ul></section>")
    body.append('<main id="main"><h2 id="conflicts">Conflicts</h2>')
    if conflicts:
        outlets = _outlets(conflicts, sources)
        body.append(_filters(conflicts, outlets))
        body.append('<nav aria-label="Conflicts"><ol class="toc">' + "".join(
            f'<li><a href="#{_anchor("c", c["id"])}">{esc(c["event"]["label"])}</a> '
            f'<span class="badge sev {esc(c["severity"])}">{esc(c["severity"])}</span> '
            f'<span class="badge slot">{esc(c["slot"])}</span></li>' for c in conflicts) + "</ol></nav>")
        body.append('<p id="none-shown" hidden>No conflict matches these filters.</p>')
        index = {o: i for i, o in enumerate(outlets)}
        known = {i: x["source"] for i, x in sources.items()}
        by_event: dict[str, list[str]] = {}  # each event's words made once, whatever its conflicts
        words = {}
        for c in report.conflicts:
            if c.event is not None:
                if c.event.id not in by_event:
                    by_event[c.event.id] = explain_event(c.event, known)
                words[c.id] = by_event[c.event.id]
        body.extend(conflict_html(c, sources, index, show_paths, words.get(c["id"]), known) for c in conflicts)
    else:
        body.append('<p class="agree">No conflicts: the sources agree wherever they speak of the same event.</p>')
    body.append("</main>")
    body.append(_articles_section(sources.values()))
    return page(f"crosscheck: {_count(s['conflicts'], 'conflict')} in {_count(s['articles'], 'article')}",
                "\n".join(body), script=bool(conflicts))


def events_html(data: dict[str, Any], articles: Iterable[Article], everything: bool = False) -> str:
    """The events view (``crosscheck events --format html``): each event told by two or more articles (with
    ``everything``, all), each value with how many sources hold it and which."""
    sources = _sources(articles)
    s = data["summary"]
    shown = [e for e in data["events"] if everything or len(e["articles"]) > 1]
    body = [f'<header><h1>crosscheck events: what the sources agree on</h1><dl class="summary">'
            f'<div><dt>articles</dt><dd>{s["articles"]}</dd></div>'
            f'<div><dt>events</dt><dd>{s["events"]}</dd></div>'
            f'<div><dt>told by 2+ articles</dt><dd>{s["multi_source"]}</dd></div>'
            f'<div><dt>skipped inputs</dt><dd>{s["skipped"]}</dd></div></dl></header>']
    if data["skipped"]:
        body.append('<section id="skipped"><h2>Skipped inputs</h2><ul>'
                    + "".join(f"<li><code>{esc(x['path'])}</code>: {esc(x['reason'])}</li>" for x in data["skipped"])
                    + "</ul></section>")
    body.append('<main id="main"><h2>Events</h2>')
    if shown:
        body.append('<nav aria-label="Events"><ol class="toc">' + "".join(
            f'<li><a href="#{_anchor("e", e["id"])}">{esc(e["label"])}</a> ({len(e["articles"])} articles)</li>'
            for e in shown) + "</ol></nav>")
    else:
        body.append("<p>No event is told by two or more articles.</p>")
    for e in shown:
        anchor = _anchor("e", e["id"])
        n = len(e["articles"])
        rows, agreed = [], []
        for v in e["values"]:
            held = v["articles"]
            if n > 1 and len(held) == n:
                agreed.append(f'{esc(v["slot"])} <strong>{esc(v["display"])}</strong>')
            agree = f"{len(held)} sources agree" if len(held) > 1 else "1 source"
            slot = v["slot"] + (f" ({v['measure']})" if v["measure"] else "")
            refs = "".join(_source_ref(sources.get(a) or _unknown_source(a), compact=True) for a in held)
            quotes = "".join(f"<li><blockquote>{quote(x)}</blockquote><p class=\"cite\">— "
                             f"{esc((sources.get(x['article']) or _unknown_source(x['article']))['label'])}, "
                             f"line {esc(x['line'])}</p></li>" for x in v["claims"])
            rows.append(f'<tr class="{"agreed" if len(held) > 1 else "single"}"><td>{esc(slot)}</td>'
                        f'<th scope="row"><strong>{esc(v["display"])}</strong></th><td class="count">{esc(agree)}</td>'
                        f'<td><ul class="sources inline">{refs}</ul><details><summary>quotes</summary><ul>{quotes}</ul>'
                        f'</details></td></tr>')
        body.append(f'<article class="event-view" id="{anchor}"><h3><a class="self" href="#{anchor}">'
                    f'{esc(e["label"])}</a> <span class="badge slot">{esc(e["what"])}</span> '
                    f'<span class="badge">{n} article{"s" * (n != 1)}</span></h3>'
                    + (f'<p class="agree">All {n} sources agree: {" · ".join(agreed)}</p>' if agreed else "")
                    + '<table class="values"><thead><tr><th scope="col">slot</th><th scope="col">value</th>'
                    '<th scope="col">agreement</th><th scope="col">who says it</th></tr></thead><tbody>'
                    + "".join(rows) + "</tbody></table></article>")
    body.append("</main>")
    body.append(_articles_section(sources.values()))
    return page("crosscheck events", "\n".join(body), script=False)


def _outlets(conflicts: list[dict], sources: dict[str, dict]) -> list[str]:
    return sorted({(sources.get(x["article"]) or _unknown_source(x["article"]))["outlet"]
                   for c in conflicts for v in c["values"] for x in v["claims"]})


def _filters(conflicts: list[dict], outlets: list[str]) -> str:
    """The filter controls: hidden until the script shows them (with JavaScript off every conflict is shown). An
    outlet is chosen by its number in ``outlets``, which each conflict's ``data-outlets`` lists."""
    slots = sorted({c["slot"] for c in conflicts})

    def select(name: str, label: str, options: list[str], values: list[str] | None = None) -> str:
        return (f'<label>{label} <select name="{name}"><option value="">all</option>'
                + "".join(f'<option value="{esc(v)}">{esc(o)}</option>' for o, v in zip(options, values or options))
                + "</select></label>")

    present = [sev for sev in SEVERITIES if any(c["severity"] == sev for c in conflicts)]
    return ('<form id="filters" class="filters" hidden aria-label="Filter the conflicts">'
            + select("slot", "slot", slots) + select("severity", "severity", present)
            + select("outlet", "outlet", outlets, [str(i) for i in range(len(outlets))])
            + '<button type="reset">show all</button> <output id="shown" aria-live="polite"></output></form>')


def _articles_section(sources: Iterable[dict]) -> str:
    rows = []
    for s in sources:
        date = s["published"].isoformat() if s["published"] else "unknown"
        how = f" ({s['published_source']})" if s["published"] and s["published_source"] else ""
        rows.append(f'<tr id="{_anchor("a", s["id"])}"><th scope="row">{esc(s["label"])}</th>'
                    f'<td>{esc(s["title"] or "(no title)")}</td><td>{esc(date + how)}'
                    + "".join(f'<br><span class="warn">⚠ {esc(w)}</span>' for w in s["warnings"]) + '</td>'
                    f'<td><code>{esc(s["path"])}</code>'
                    + (f'<br><span class="url">{esc(s["url"])}</span>' if s["url"] else "")  # as text: nothing fetched
                    + '</td></tr>')
    return ('<section id="articles"><h2>Articles</h2><table class="articles"><thead><tr><th scope="col">outlet</th>'
            '<th scope="col">title</th><th scope="col">published</th><th scope="col">file and address</th></tr>'
            '</thead><tbody>'
            + "".join(rows) + "</tbody></table></section>")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def page(title: str, body: str, script: bool = True) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="crosscheck {esc(__version__)}">'
            f"<title>{esc(title)}</title><style>{CSS}</style></head>\n"
            '<body><a class="skip" href="#main">Skip to the report</a>\n'
            f"{body}\n<footer><p>Made by crosscheck {esc(__version__)}. This page is self-contained: it loads "
            "nothing from the network.</p></footer>\n"
            + (f"<script>{SCRIPT}</script>\n" if script else "") + "</body></html>\n")


CSS = """
:root{--error:#b00020;--warning:#8a5a00;--mark:#ffe36e;--ink:#1b1b1b;--soft:#5a5a5a;--line:#d0d0d0;--focus:#1a5fd0}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;
 max-width:72rem;padding:1rem 1.5rem}
a{color:#0b4fa8}
a:focus-visible,button:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);
 outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}
h1{font-size:1.6rem;margin:.5rem 0}
.summary{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:0 0 1rem}
.summary div{border:1px solid var(--line);border-radius:6px;padding:.3rem .8rem}
.summary dt{font-size:.8rem;color:var(--soft)}.summary dd{margin:0;font-size:1.4rem;font-weight:700}
.summary .error dd{color:var(--error)}.summary .warning dd{color:var(--warning)}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0 1rem;padding:.5rem;
 background:#f4f4f4;border-radius:6px}
.toc{columns:2 24rem}
.conflict,.event-view{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;
 padding:.5rem 1rem;margin:1rem 0;break-inside:avoid-page}
.conflict.error{border-left-color:var(--error)}.conflict.warning{border-left-color:var(--warning)}
.conflict h3,.event-view h3{margin:.3rem 0}
.self{color:inherit;text-decoration:none}.self:hover,.self:focus-visible{text-decoration:underline}
.event{color:var(--soft);margin:.2rem 0 .6rem;font-size:.9rem}
.badge{display:inline-block;font-size:.75rem;font-weight:600;padding:0 .4rem;border-radius:4px;
 border:1px solid currentColor;vertical-align:middle;color:var(--soft)}
.badge.sev.error{color:#fff;background:var(--error);border-color:var(--error)}
.badge.sev.warning{color:#fff;background:var(--warning);border-color:var(--warning)}
.badge.within,.badge.both{color:#7a1f8a}.badge.majority{color:#0d6b2f}
.badge.earliest,.badge.latest{color:#0b4fa8}
table{border-collapse:collapse;width:100%;margin:.4rem 0}
caption{text-align:left;font-size:.8rem;color:var(--soft)}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
tr.majority th{background:#eef7f0}
.count{white-space:nowrap}
.sources{list-style:none;margin:0;padding:0}.sources li{margin:0 0 .2rem}
.sources.inline li{display:inline-block;white-space:nowrap;margin-right:.8rem}
.agree{margin:.2rem 0 .4rem}
.outlet{font-weight:600}.title{color:var(--soft)}.date{font-variant-numeric:tabular-nums;white-space:nowrap}
mark{background:var(--mark);color:inherit;padding:0 .1em;font-weight:700}
.quotes h4{margin:.6rem 0 .2rem}.quotes ul,details ul{margin:0;padding-left:1.2rem}
blockquote{margin:.2rem 0;padding-left:.6rem;border-left:3px solid var(--line)}
.cite{margin:0 0 .4rem;font-size:.85rem;color:var(--soft)}
.chart{margin:.5rem 0}.timeline{max-width:100%;height:auto;font-size:11px}
.timeline .axis{stroke:#888}.timeline .trend{fill:none;stroke:var(--error);stroke-width:2}
.timeline circle{fill:var(--error)}.timeline text{fill:var(--soft)}
figcaption{font-size:.85rem;color:var(--soft)}
summary{cursor:pointer}
code{font-size:.9em}
footer{margin-top:2rem;color:var(--soft);font-size:.85rem}
[hidden]{display:none!important}
@media (max-width:40rem){
 body{padding:.5rem}
 table.values,table.values caption,table.values tbody,table.values tr,table.values th,table.values td{display:block}
 table.values thead{display:none}
 table.values tr{border-bottom:1px solid var(--line);padding:.3rem 0}
 table.values th,table.values td{border:0;padding:.1rem 0}
 .articles{font-size:.85rem}
}
.warn{color:var(--warning);font-size:.85rem}
.outlet,code,.url{overflow-wrap:anywhere}.url{font-size:.85rem;color:var(--soft)}
@media print{
 body{max-width:none;padding:0;font-size:11pt}
 .filters,.skip,.toc,footer{display:none!important}
 .conflict,.event-view{break-inside:avoid;border-left-width:3pt}
 a{color:inherit;text-decoration:none}
 mark{background:none;text-decoration:underline;font-weight:700}
 .badge.sev.error,.badge.sev.warning{color:#000;background:none}
 details::details-content{content-visibility:visible;display:block}
 details>summary{list-style:none;font-weight:700}
}
"""

SCRIPT = """
(function(){
var form=document.getElementById('filters');if(!form)return;
var items=[].slice.call(document.querySelectorAll('article.conflict'));
var none=document.getElementById('none-shown'),shown=document.getElementById('shown');
function apply(){
 var slot=form.slot.value,sev=form.severity.value,out=form.outlet.value,n=0;
 items.forEach(function(el){
  var ok=(!slot||el.dataset.slot===slot)&&(!sev||el.dataset.severity===sev)&&
   (!out||el.dataset.outlets.split(' ').indexOf(out)>=0);
  el.hidden=!ok;if(ok)n++;
 });
 none.hidden=n>0;shown.textContent=n+' of '+items.length+' shown';
}
form.addEventListener('change',apply);
form.addEventListener('reset',function(){setTimeout(apply,0);});
form.addEventListener('submit',function(e){e.preventDefault();});
var asked=new URLSearchParams(location.search);
['slot','severity','outlet'].forEach(function(k){
 var v=asked.get(k);if(v===null)return;var sel=form[k];
 for(var i=0;i<sel.options.length;i++){var o=sel.options[i];if(o.value===v||o.text===v)sel.value=o.value;}});
form.hidden=false;apply();
window.addEventListener('beforeprint',function(){
 [].forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
})();
"""
