"""The terminal conflict report: a header, then one panel per conflict, the quotes under the value they hold.

Every string that comes from the articles (ids, titles, quotes, values, paths) goes through ``printable`` and
into a ``Text``: control characters (escape sequences, OSC hyperlinks, a bidi override) are shown escaped,
never sent to the terminal, and nothing is read as rich markup.
"""
from __future__ import annotations

import re

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosscheck.model import Article, Claim, Conflict, ConflictValue, PersonMention, Report
from crosscheck.report.json import value_span, report_data

QUOTE_CONTEXT = 110  # characters of a long sentence kept either side of the value
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


def render(report: Report, console: Console, explain: bool = False, quiet: bool = False) -> None:
    """The terminal conflict report: a header, then one panel per conflict (with ``explain``, why its claims were
    taken for one event); ``quiet``: the panels alone."""
    if quiet:
        titles = {a.id: a for a in report.articles}
        for c in report.conflicts:
            console.print(_panel(c, titles, explain))
        return
    data = report_data(report)["summary"]
    header = Text.assemble(
        ("crosscheck ", "bold"),
        f"{_count(data['articles'], 'article')} · {_count(data['claims'], 'claim')} · "
        f"{_count(data['events'], 'event')} · ",
        (_count(data["conflicts"], "conflict"),
         "bold red" if data["errors"] else "bold yellow" if data["conflicts"] else "bold green"),
        f" ({_count(data['errors'], 'error')}, {_count(data['warnings'], 'warning')})",
    )
    if scope_note(data):
        header.append("\n" + scope_note(data), style="dim")
    console.print(Panel(header, expand=False))
    for s in report.skipped:
        console.print(Text.assemble(("skipped ", "yellow"), printable(f"{s.path}: {s.reason}")))
    titles = {a.id: a for a in report.articles}
    for c in report.conflicts:
        console.print(_panel(c, titles, explain))
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


def _panel(c: Conflict, articles: dict[str, Article], explain: bool = False) -> Panel:
    colour = "red" if c.severity == "error" else "yellow"
    title = Text.assemble((f" {c.severity.upper()} ", f"bold white on {colour}"), " ", (c.slot, "bold"), " · ",
                          (printable(c.label), "bold"))
    if c.within_article:
        title.append("  · within one article", style="magenta")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("value")
    table.add_column("sources")
    for v in c.values:
        sources = sorted({x.article for x in v.claims})
        table.add_row(Text(printable(v.display), style=f"bold {colour}"), Text(printable(", ".join(sources))))
    evidence: list[Text | Padding] = []
    for v in c.values:  # the quotes under the value they hold
        evidence.append(Text(printable(v.display), style=f"bold {colour}"))
        evidence.extend(Padding(_quote(c.slot, v, x, articles), (0, 0, 0, 2))
                        for x in _one_per_article(c.slot, v.claims))
    if explain and c.event is not None:
        evidence.append(Text("why one event", style="bold"))
        evidence.extend(Padding(Text(printable(reason), style="dim"), (0, 0, 0, 2)) for reason in c.event.reasons)
        gathered = gathered_lines(c.event.claims)
        if gathered:
            evidence.append(Text("slots gathered from elsewhere in an article", style="bold"))
            evidence.extend(Padding(Text(printable(line), style="dim"), (0, 0, 0, 2)) for line in gathered)
    return Panel(Group(table, Text(""), *evidence), title=title, title_align="left", border_style=colour)


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


def _quote(slot: str, v: ConflictValue, x: Claim | PersonMention, articles: dict[str, Article]) -> Text:
    start, end, _ = value_span(slot, x, v.value)
    s, line = _source(slot, x)
    lo, hi = max(s.start, start - QUOTE_CONTEXT), min(s.end, end + QUOTE_CONTEXT)
    text = Text.assemble((printable(f"{x.article}:{line}"), "cyan"), "  ")
    cut = (start, end) if s.start <= start < end <= s.end else (hi, hi)  # the value, highlighted, if it is quoted
    before, value, after = (s.text[a - s.start:b - s.start] for a, b in ((lo, cut[0]), cut, (cut[1], hi)))
    text.append_text(Text.assemble("…" if lo > s.start else "", _flat(before), (_flat(value), "bold reverse"),
                                   _flat(after), "…" if hi < s.end else ""))
    return text


def _flat(text: str) -> str:
    """A piece of a quote on one line, escaped: the value is highlighted by pieces, so escaping cannot shift it."""
    return printable(text.replace("\n", " "))


def _source(slot: str, x: Claim | PersonMention) -> tuple:
    """(the sentence stating the slot's value, its line)."""
    return x.source_of(slot)[:2] if isinstance(x, Claim) else (x.sentence, x.line)


def gathered_lines(claims) -> list[str]:
    """Which sentence gave a claim each slot its own sentence leaves open: "02_reuters:7 took its place from line 2
    (ANKARA)", once per article, slot and source line."""
    seen, out = set(), []
    for x in claims:
        for g in x.context:
            key = (x.article, g.slot, g.line)
            if key in seen:
                continue
            seen.add(key)
            value = {"when": lambda: x.when.expression.text, "where": lambda: x.where.span.text,
                     "who": lambda: ", ".join(p.name for p in x.who)}[g.slot]()
            noun = {"when": "date", "where": "place", "who": "participants"}[g.slot]
            out.append(f"{x.article}:{x.line} took its {noun} ({value}) from line {g.line} of the same article")
    return out
