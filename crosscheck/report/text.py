"""The terminal conflict report: a header, then one panel per conflict, the quotes under the value they hold.

Every string that comes from the articles (ids, titles, quotes, values, paths) goes through ``printable`` and
into a ``Text``: control characters (escape sequences, OSC hyperlinks, a bidi override) are shown escaped,
never sent to the terminal, and nothing is read as rich markup.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosscheck.extract.dates import display
from crosscheck.model import Claim, Conflict, ConflictValue, PersonMention, Report
from crosscheck.report.json import value_span, report_data
from crosscheck.report.sources import Source, tally, timeline_points, timeline_text, unknown, window
from crosscheck.report.sources import sources as sources_of

QUOTE_CONTEXT_MIN = 60  # characters of a long sentence kept at least either side of the value
QUOTE_LINES = 3  # a quote fills about this many lines of the terminal: its window grows with the terminal's width
QUOTE_MARGIN = 8  # columns a quote does not get: the panel's borders and the indent
# C0 and C1 controls, DEL, bidi embeddings, overrides and isolates, lone surrogates: never written raw
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str, keep: str = "") -> str:
    """``text`` with each control character written as an escape (``\\x1b``, ``\\u202e``), except those in ``keep``."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: m.group(0) if m.group(0) in keep else _escape(m.group(0)), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def render(report: Report, console: Console, explain: bool = False, quiet: bool = False,
           show_paths: bool = False) -> None:
    """The terminal conflict report: a header, the sources the conflicts cite (outlet, date, title; with
    ``show_paths`` the file), then one panel per conflict (with ``explain``, why its claims were taken for one
    event); ``quiet``: the panels alone."""
    known = sources_of(report.articles)
    if quiet:
        explained: dict[str, str] = {}
        for c in report.conflicts:
            console.print(_panel(c, known, explain, show_paths, console.width, _marks(console), explained))
        return
    data = report_data(report)["summary"]
    counts = Text(f"{_count(data['articles'], 'article')} · {_count(data['claims'], 'claim')} · "
                  f"{_count(data['events'], 'event')}")
    found = Text.assemble((_count(data["conflicts"], "conflict"),
                           "bold red" if data["errors"] else "bold yellow" if data["conflicts"] else "bold green"),
                          f" ({_count(data['errors'], 'error')}, {_count(data['warnings'], 'warning')})")
    one_line = Text.assemble(("crosscheck ", "bold"), counts, " · ", found)
    # the panel's borders and padding take 4 columns: a header that would wrap is two lines instead
    header = one_line if one_line.cell_len + 4 <= console.width else Text.assemble(("crosscheck ", "bold"), counts,
                                                                                    "\n", found)
    if scope_note(data):
        header.append("\n" + scope_note(data), style="dim")
    console.print(Panel(header, expand=False))
    for s in report.skipped:
        console.print(Text.assemble(("skipped ", "yellow"), printable(f"{s.path}: {s.reason}")))
    cited = sorted({x.article for c in report.conflicts for v in c.values for x in v.claims})
    if cited:
        console.print(_sources_table([known.get(a) or unknown(a) for a in cited], show_paths))
    cited_ids = set(cited)
    others = sum(bool(a.warnings) for a in report.articles if a.id not in cited_ids)
    if others:
        console.print(Text(f"⚠ {others} more article{'s' * (others != 1)} whose publication dates disagree "
                           f"(each named, with its warning, in --format json)", style="yellow"))
    explained: dict[str, str] = {}  # event id → the conflict that explained it: each event explained once
    for c in report.conflicts:
        console.print(_panel(c, known, explain, show_paths, console.width, _marks(console), explained))
    if not report.conflicts:
        console.print(Text("No conflicts: the sources agree wherever they speak of the same event.", style="green"))


def scope_note(s: dict[str, Any]) -> str:
    """What a report leaves out, and why: 'not shown: 2 baselined, 1 accepted, 1 out of scope; 5 inputs skipped'
    ('' when it leaves nothing out)."""
    left = [f"{s[key]} {word}" for key, word in (("baselined", "baselined"), ("suppressed", "accepted"),
                                                  ("out_of_scope", "out of scope")) if s[key]]
    parts = ["not shown: " + ", ".join(left)] if left else []
    if s["skipped"]:
        parts.append(f"{s['skipped']} input{'s' * (s['skipped'] != 1)} skipped")
    return "; ".join(parts)


def _sources_table(cited: list[Source], show_paths: bool) -> Table:
    """Each source the conflicts cite, once: its outlet, publication date (and where it was read), title."""
    table = Table(title="Sources", title_justify="left", title_style="bold", box=None, pad_edge=False,
                  show_header=False)
    table.add_column("outlet", style="cyan", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("title")
    for s in sorted(cited, key=lambda s: (s.published or dt.date.max, s.label)):
        title = Text(printable(s.title or "(no title)"))
        if show_paths:
            title.append("  " + printable(s.path), style="dim")
        for w in s.warnings:
            title.append("\n⚠ " + printable(w), style="yellow")
        table.add_row(Text(printable(s.label)), Text(s.date), title)
    return table


def _marks(console: Console) -> tuple[str, str]:
    """How a quote's value stands out where no style is shown (a file, a pipe, ``TERM=dumb``): between « »."""
    return ("", "") if console.is_terminal and console.color_system else ("«", "»")


def _panel(c: Conflict, known: dict[str, Source], explain: bool = False, show_paths: bool = False,
           width: int = 80, marks: tuple[str, str] = ("", ""), explained: dict[str, str] | None = None) -> Panel:
    colour = "red" if c.severity == "error" else "yellow"
    title = Text.assemble((f" {c.severity.upper()} ", f"bold white on {colour}"), " ", (c.slot, "bold"), " · ",
                          (printable(c.label), "bold"))
    held = [sorted({x.article for x in v.claims}) for v in c.values]
    counted = tally(held, known)
    tallied = Text(counted.ratio, style="bold")
    if c.within_article:
        tallied.append(" · within one article", style="magenta")
    elif counted.both_sides:
        tallied.append(" · an article on both sides", style="magenta")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("value")
    table.add_column("held by", no_wrap=True)
    table.add_column("who says it")
    for v, h, row in zip(c.values, held, counted.rows):
        who = Text("\n").join(_who(a, known, counted) for a in h)
        count = Text(row.count)
        for mark in row.marks:
            count.append("\n" + mark, style="green" if mark == "majority" else "blue")
        table.add_row(Text(printable(v.display), style=f"bold {colour}" if row.majority else colour), count, who)
    evidence: list[Text | Padding] = []
    points = timeline_points({"slot": c.slot, "values": [{"value": v.value, "claims": [{"article": a} for a in h]}
                                                          for v, h in zip(c.values, held)]}, known)
    if points:
        evidence += [Text.assemble(("by publication date ", "bold"), printable(timeline_text(points))), Text("")]
    for v in c.values:  # the quotes under the value they hold
        evidence.append(Text(printable(v.display), style=f"bold {colour}"))
        evidence.extend(Padding(_quote(c.slot, v, x, known, show_paths, width, marks), (0, 0, 0, 2))
                        for x in _one_per_article(c.slot, v.claims))
    if explain and c.event is not None:
        evidence.append(Text("why one event", style="bold"))
        said = explained.get(c.event.id) if explained is not None else None
        if said is not None:
            evidence.append(Padding(Text(printable(f"the same event as the {said} conflict above"), style="dim"),
                                    (0, 0, 0, 2)))
        else:
            if explained is not None:
                explained[c.event.id] = f"{c.slot} · {c.label}"
            evidence.extend(Padding(Text(printable(line), style="dim"), (0, 0, 0, 2))
                            for line in explain_event(c.event, known))
    return Panel(Group(tallied, table, Text(""), *evidence), title=title, title_align="left", border_style=colour)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _one_per_article(slot: str, claims) -> list:
    """One quote per sentence that states the value (claims that gathered it from one sentence share that quote)."""
    seen, out = set(), []
    for x in claims:
        key = (x.article, _source(slot, x)[0].start)
        if key not in seen:
            seen.add(key)
            out.append(x)
    return out


def _who(article: str, known: dict[str, Source], counted) -> Text:
    """A source in a value row: its outlet, its date, and whether it is on both sides of the conflict."""
    s = known.get(article) or unknown(article)
    text = Text.assemble((printable(s.label), "cyan"), " ", (s.date, "dim"))
    if article in counted.both_sides:
        text.append(" (both sides)", style="magenta")
    return text


def _cite(article: str, line: int, known: dict[str, Source], show_paths: bool) -> str:
    """Where a quote stands: "reuters.com, line 11"; with ``show_paths``, "path/to/file.txt:11"."""
    s = known.get(article) or unknown(article)
    return f"{s.path}:{line}" if show_paths else f"{s.label}, line {line}"


def quote_context(width: int, cite: int, value: int) -> int:
    """Characters of a sentence kept either side of a value: the quote fills about ``QUOTE_LINES`` lines of a
    terminal ``width`` wide, less its citation."""
    return max(QUOTE_CONTEXT_MIN, ((width - QUOTE_MARGIN) * QUOTE_LINES - cite - value) // 2)


def _quote(slot: str, v: ConflictValue, x: Claim | PersonMention, known: dict[str, Source],
           show_paths: bool = False, width: int = 80, marks: tuple[str, str] = ("", "")) -> Text:
    """The sentence stating the value, centred on it, cut at word boundaries and holding the event word; the value
    in reverse video (and between ``marks`` where the output shows no style)."""
    start, end, _ = value_span(slot, x, v.value)
    s, line = _source(slot, x)
    cite = _cite(x.article, line, known, show_paths)
    keep = (x.trigger.start, x.trigger.end) if isinstance(x, Claim) else None
    lo, hi = window(s.text, s.start, start, end, quote_context(width, len(cite) + 2, end - start), keep)
    text = Text.assemble((printable(cite), "cyan"), "  ")
    cut = (start, end) if lo <= start < end <= hi else (hi, hi)  # the value, highlighted, if it is quoted
    before, value, after = (s.text[a - s.start:b - s.start] for a, b in ((lo, cut[0]), cut, (cut[1], hi)))
    shown = marks[0] + _flat(value) + marks[1] if value else ""
    text.append_text(Text.assemble("…" if lo > s.start else "", _flat(before), (shown, "bold reverse"),
                                   _flat(after), "…" if hi < s.end else ""))
    return text


def _flat(text: str) -> str:
    """A piece of a quote on one line, escaped: the value is highlighted by pieces, so escaping cannot shift it."""
    return printable(text.replace("\n", " "))


def _source(slot: str, x: Claim | PersonMention) -> tuple:
    """(the sentence stating the slot's value, its line)."""
    return x.source_of(slot)[:2] if isinstance(x, Claim) else (x.sentence, x.line)


SLOT_NOUNS = {"when": "the day", "where": "the place", "who": "the parties"}


def explain_event(event, known: dict[str, Source]) -> list[str]:
    """Why an event's claims are one event, in words: what each article gives (each value with its line; a slot
    taken from another sentence of the article says which), then what they share."""
    by_article: dict[str, list[Claim]] = {}
    for x in event.claims:
        by_article.setdefault(x.article, []).append(x)
    lines = []
    for article in sorted(by_article, key=lambda a: ((known.get(a) or unknown(a)).published or dt.date.max, a)):
        gives = []
        for slot in ("when", "where", "who"):
            stated: dict[str, list[int]] = {}  # value → the lines stating it
            taken: dict[str, dict[int, list[int]]] = {}  # value → source line → the lines that took it from there
            for x in by_article[article]:
                value = _slot_value(x, slot)
                if value is None:
                    continue
                _, line, _ = x.source_of(slot)
                if x.stated(slot):
                    stated.setdefault(value, []).append(line)
                else:
                    taken.setdefault(value, {}).setdefault(line, []).append(x.line)
                    stated.setdefault(value, [])
            if stated:
                gives.append(f"{SLOT_NOUNS[slot]} " + ", ".join(
                    f"{v} ({_lines_said(slot, v, lines, taken.get(v, {}))})" for v, lines in stated.items()))
        figures = sorted({f"{q.measure} {q.figure}" for x in by_article[article] for q in x.quantities})
        if figures:
            gives.append("the figures " + ", ".join(figures))
        s = known.get(article) or unknown(article)
        lines.append(f"{s.label} ({s.date}) gives " + ("; ".join(gives) if gives else "nothing of its own"))
    lines.append("one event because: " + "; ".join(_shared(event, by_article)) + "; nothing rules it out")
    return lines


EXPLAIN_LINES_MAX = 5  # line numbers named in one place; the rest counted


def _lines_said(slot: str, value: str, lines: list[int], taken: dict[int, list[int]]) -> str:
    """ "line 12; line 11 took its place (Vienna) from line 12 of the same article"."""
    lines = set(lines) | {source for source, takers in taken.items() if set(takers) <= {source}}
    parts = [_line_list(sorted(lines))] if lines else []
    for source, takers in taken.items():
        takers = sorted(set(takers) - {source})  # another sentence of the line that states it: that line says it
        if not takers:
            continue
        verb = "took its" if len(takers) == 1 else "took their"
        parts.append(f"{_line_list(takers)} {verb} {_noun(slot)} ({value}) from line {source} of the same article")
    return "; ".join(parts)


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:EXPLAIN_LINES_MAX]))
    more = f" and {len(numbers) - EXPLAIN_LINES_MAX} more" if len(numbers) > EXPLAIN_LINES_MAX else ""
    return f"line{'s' * (len(numbers) > 1)} {shown}{more}"


def _noun(slot: str) -> str:
    return {"when": "date", "where": "place", "who": "participants"}[slot]


def _slot_value(x: Claim, slot: str) -> str | None:
    if slot == "when":
        return display(x.when.value) if x.when is not None else None
    if slot == "where":
        return x.where.name if x.where is not None else None
    return ", ".join(sorted({p.party for p in x.who})) or None


def _shared(event, by_article: dict[str, list[Claim]]) -> list[str]:
    """What the articles of an event have in common: its kind and the parties each names, and each date and place
    two or more of them give."""
    n = len(by_article)
    parties = [frozenset(p.party for x in xs for p in x.who) for xs in by_article.values()]
    common = frozenset.intersection(*parties) if parties else frozenset()
    out = [f"the same kind of event ({event.what})" + (f" naming {', '.join(sorted(common))} in "
                                                       f"{'every article' if n > 1 else 'the article'}"
                                                       if common else "")]
    for slot in ("when", "where"):
        held: dict[object, tuple[str, set[str]]] = {}  # a day is one day whether its year was written or not
        for article, xs in by_article.items():
            for x in xs:
                value = _slot_value(x, slot)
                if value is None:
                    continue
                v = x.when.value if slot == "when" else None
                key = (v.month, v.day) if v is not None and v.month and v.day else value
                shown, articles = held.setdefault(key, (value, set()))
                if v is not None and v.year is not None and "year unknown" in shown:
                    held[key] = (value, articles)
                articles.add(article)
        for shown, articles in sorted(held.values(), key=lambda kv: -len(kv[1])):
            if len(articles) > 1:
                noun = "date" if slot == "when" else "place"
                out.append(f"the same {noun}, {shown}, in {len(articles)} articles")
    return out
