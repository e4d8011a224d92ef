"""The report in the formats CI tools read: JSON Lines, GitHub annotations, SARIF 2.1.0, JUnit XML, Markdown.

``text`` and ``json`` live in ``report``; every format here is built from the same
``report_data`` dictionaries, so all formats say the same thing. ``jsonl``,
``sarif`` and ``junit`` are stable contracts (documented in the README).

Whatever the articles hold, every format stays well formed and harmless to its reader: output is valid
UTF-8 (a lone surrogate becomes U+FFFD), JUnit holds no character XML 1.0 forbids, GitHub annotations and
Markdown show control characters escaped, and Markdown renders no markup, HTML or @mention from the data.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote
from xml.etree import ElementTree as ET

from rich.console import Console

from crosscheck import __version__
from crosscheck.ci.config import SLOTS
from crosscheck.ci.rules import DEFAULT_SEVERITY, DOCS_URL, full_description, help_markdown, help_text, help_uri, rules
from crosscheck.model import Report
from crosscheck.report.html import report_html
from crosscheck.report.json import SCHEMA, report_data, write_json
from crosscheck.report.paths import shown_paths
from crosscheck.report.sources import held_by, quote_parts, tally, timeline_points, timeline_text, unknown
from crosscheck.report.sources import sources as sources_of
from crosscheck.report.text import printable, render, scope_note

FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif", "junit", "markdown", "html")
FAILURE_FORMATS = ("concise", "github", "sarif", "junit")  # the formats that say so when a check could not run
CONFLICT_SCHEMA = "crosscheck/conflict@1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"  # SARIF's base for repository-relative paths


_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Unicode:
    """A text stream that never receives a lone surrogate, which no UTF-8 file can hold."""

    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(_SURROGATE.sub("\ufffd", text))

    def flush(self) -> None:
        self.out.flush()

    def __getattr__(self, name: str):
        return getattr(self.out, name)


def write(report: Report, fmt: str, out: IO[str], explain: bool = False, quiet: bool = False,
          color: str = "auto", show_paths: bool = False) -> None:
    """The report in ``fmt`` (one of ``FORMATS``) on ``out``. ``quiet``: the findings alone, no header or summary
    (``text``, ``concise``); ``color``: ``auto`` (a terminal, unless ``NO_COLOR``; ``FORCE_COLOR`` forces it),
    ``always`` or ``never`` (``text``); ``show_paths``: each source's file too, in the formats for people (the CI
    formats always locate a conflict by its files)."""
    out = _Unicode(out)
    if fmt == "text":
        console = Console(file=out, highlight=False, force_terminal=True if color == "always" else None,
                          no_color=True if color == "never" else None,
                          color_system=None if color == "never" else "auto")
        render(report, console, explain=explain, quiet=quiet, show_paths=show_paths)
    elif fmt == "html":
        out.write(report_html(report, show_paths=show_paths))
    elif fmt == "json":
        write_json(report, out)
    elif fmt == "concise":
        out.write(concise(report, quiet))
    else:
        out.write(_WRITERS[fmt](report))


def statistics(report: Report, fmt: str = "text") -> str:
    """How many conflicts of each slot and severity (``--statistics``), most first: ``   2  when      error``;
    in JSON, a list of ``{"slot", "severity", "count"}``."""
    counts: dict[tuple[str, str], int] = {}
    for c in report.conflicts:
        counts[(c.slot, c.severity)] = counts.get((c.slot, c.severity), 0) + 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], SLOTS.index(kv[0][0]), kv[0][1]))
    if fmt in ("json", "jsonl"):
        return json.dumps([{"slot": slot, "severity": level, "count": n} for (slot, level), n in rows]) + "\n"
    return "".join(f"{n:>4}  {slot:<9} {level}\n" for (slot, level), n in rows)


# ---------------------------------------------------------------- JSON Lines


def jsonl(report: Report) -> str:
    """One conflict a line, then one summary line: easy to grep, diff and stream."""
    data = report_data(report)
    lines = [json.dumps({"schema": CONFLICT_SCHEMA, "type": "conflict", **c}, ensure_ascii=False)
             for c in data["conflicts"]]
    lines.append(json.dumps({"schema": CONFLICT_SCHEMA, "type": "summary", **data["summary"]}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- where a finding lands


def annotations(report: Report, data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Each finding a CI format shows, one per (conflict, source, value) annotated: where it lands and what it says.

    A finding lands on the claims of the changed articles when the check was scoped (``report.options["changed"]``,
    the ids of the articles changed), else on the minority's claims; with no majority (1 against 1, or within one
    article) on every side. The claims not annotated are its related ones. The message names the other values and
    their sources, never the annotated article among them: "the same article also says" where it holds another.
    """
    data = data or report_data(report)
    paths = _paths(report)
    changed = report.options.get("changed")
    found = []
    for c in data["conflicts"]:
        pairs = [(n, claim) for n, v in enumerate(c["values"]) for claim in v["claims"]]
        chosen = _chosen(c, pairs, changed)
        groups: dict[tuple[str, int], list[dict]] = {}
        for n, claim in chosen:
            groups.setdefault((claim["article"], n), []).append(claim)
        for (article, n), claims in groups.items():
            value = c["values"][n]
            related = [claim for m, claim in pairs if (claim["article"], m) != (article, n)]
            found.append({"conflict": c, "article": article, "value": value,
                          "locations": _unique([_place(claim, paths) for claim in claims]),
                          "related": _unique([_place(claim, paths) for claim in related]),
                          "message": _message(c, value, article)})
    return found


def _place(claim: dict, paths: dict[str, str]) -> tuple:
    """(file, line, column, the claim, where its value ends: (line, column), or None for a JSONL record's line)."""
    file, line, col = _location(claim, paths)
    exact = (line, col) == (claim["value_line"], claim["value_column"]) and not _is_record(claim, paths)
    return file, line, col, claim, (_end(claim) if exact else None)


def _chosen(c: dict, pairs: list[tuple[int, dict]], changed) -> list[tuple[int, dict]]:
    if changed is not None:
        mine = [(n, claim) for n, claim in pairs if claim["article"] in changed]
        if mine:
            return mine
    counts = [len(_sources(v)) for v in c["values"]]
    top = max(counts)
    if counts.count(top) > 1:  # no majority: every side is annotated, never an arbitrary one
        return pairs
    majority = counts.index(top)
    return [(n, claim) for n, claim in pairs if n != majority]


def _message(c: dict, value: dict, article: str) -> str:
    parts = [f"this source says {value['display']}"]
    for other in c["values"]:
        if other is value:
            continue
        sources = [s for s in _sources(other) if s != article]
        if sources:
            parts.append(f"{len(sources)} other source{'s say' if len(sources) > 1 else ' says'} {other['display']} "
                         f"({', '.join(sources)})")
        if article in _sources(other):
            parts.append(f"the same article also says {other['display']}")
    return f"{c['event']['label']}: " + "; ".join(parts)


def _unique(locations: list[tuple]) -> list[tuple]:
    """(file, line, column, claim), one per place."""
    seen, out = set(), []
    for loc in locations:
        if loc[:3] not in seen:
            seen.add(loc[:3])
            out.append(loc)
    return out


# ---------------------------------------------------------------- concise


def concise(report: Report, quiet: bool = False) -> str:
    """One line per finding, ``path:line:col: slot: label: this source says X; 2 other sources say Y [id]``, as
    ruff's default style: grep-able, one line in a log. Then one summary line (not when ``quiet``)."""
    data = report_data(report)
    lines = []
    for a in annotations(report, data):
        c = a["conflict"]
        for file, line, col, _, _ in a["locations"]:
            lines.append(printable(f"{file}:{line}:{col}: {c['slot']}: {a['message']} [{c['id']}]"))
    if not quiet:
        lines.append(f"Found {summary_line(data['summary'])}.")
    return "".join(line + "\n" for line in lines)


def summary_line(s: dict[str, Any]) -> str:
    """'2 conflicts (1 error, 1 warning); not shown: 2 baselined, 1 accepted, 1 out of scope; 5 inputs skipped'."""
    def count(n: int, noun: str) -> str:
        return f"{n} {noun}{'s' * (n != 1)}"
    line = f"{count(s['conflicts'], 'conflict')} ({count(s['errors'], 'error')}, {count(s['warnings'], 'warning')})"
    note = scope_note(s)
    return f"{line}; {note}" if note else line


# ---------------------------------------------------------------- GitHub workflow commands


def github(report: Report) -> str:
    """``::error file=…,line=…,col=…,endColumn=…,title=…::message``, one per claim a finding lands on."""
    out = []
    for a in annotations(report):
        c = a["conflict"]
        command = "error" if c["severity"] == "error" else "warning"
        title = f"crosscheck {c['slot']}: {c['event']['label']}"
        for file, line, col, _, end in a["locations"]:
            span = f",endLine={end[0]},endColumn={end[1]}" if end else ""
            out.append(f"::{command} file={_property(file)},line={line},col={col}{span},title={_property(title)}"
                       f"::{_data(a['message'] + ' [' + c['id'] + ']')}")
    return "".join(line + "\n" for line in out)


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------- SARIF 2.1.0


def sarif(report: Report) -> str:
    """SARIF 2.1.0: a result per finding (``annotations``), located where it lands, its other claims related."""
    results = []
    for a in annotations(report):
        c = a["conflict"]
        related = [dict(_sarif_location(loc, report), id=i) for i, loc in enumerate(a["related"])]
        results.append({
            "ruleId": c["slot"],
            "ruleIndex": SLOTS.index(c["slot"]),
            "level": "error" if c["severity"] == "error" else "warning",
            "message": {"text": a["message"]},
            "locations": [_sarif_location(loc, report) for loc in a["locations"]],
            **({"relatedLocations": related} if related else {}),
            "partialFingerprints": {"crosscheckConflict/v1": c["id"],
                                    "crosscheckSource/v1": f"{a['article']}|{a['value']['value']}"},
            "properties": {"conflict": c["id"], "withinArticle": c["within_article"],
                           "values": [v["value"] for v in c["values"]]},
        })
    shown = shown_paths(report)
    skipped = [{"level": "warning", "message": {"text": f"skipped {shown(s.path)}: {s.reason}"}}
               for s in report.skipped]
    return _sarif_log(report, results, {"executionSuccessful": True,
                                        **({"toolExecutionNotifications": skipped} if skipped else {})})


def _sarif_log(report: Report | None, results: list, invocation: dict) -> str:
    root = report.options.get("root") if report is not None else None
    run = {
        "tool": {"driver": {
            "name": "crosscheck", "version": __version__, "informationUri": DOCS_URL,
            "rules": [{"id": slot, "name": f"{slot}-conflict", "shortDescription": {"text": rules()[slot]["short"]},
                       "fullDescription": {"text": full_description(slot)},
                       "help": {"text": help_text(slot), "markdown": help_markdown(slot)},
                       "helpUri": help_uri(slot),
                       "defaultConfiguration": {"level": DEFAULT_SEVERITY.get(slot, "error")}}
                      for slot in SLOTS],
        }},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",  # columns count characters, as the JSON report's do
        "results": results,
    }
    if root:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(root).resolve().as_uri().rstrip("/") + "/"}}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_location(loc: tuple, report: Report) -> dict[str, Any]:
    file, line, col, claim, end = loc
    region: dict[str, Any] = {"startLine": line, "startColumn": col}
    if end:
        region.update(endLine=end[0], endColumn=end[1], snippet={"text": claim["value_text"]})
    return {"physicalLocation": {"artifactLocation": _artifact(file), "region": region},
            "message": {"text": claim["sentence"]}}


def _artifact(file: str) -> dict[str, str]:
    """A repository-relative path as a relative ``uri`` under ``%SRCROOT%``; any other as a file URI."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": SRCROOT}


def _end(claim: dict) -> tuple[int, int]:
    """(line, column) just after a claim's value."""
    line, col, text = claim["value_line"], claim["value_column"], claim["value_text"]
    if "\n" in text:
        return line + text.count("\n"), len(text) - text.rindex("\n")
    return line, col + len(text)


def write_failure(problems: list[tuple[str, str]], fmt: str, out: IO[str]) -> None:
    """A check that could not run (a malformed accept entry: ``(path, problem)``), said in the format a CI reads,
    so that it never shows as a clean run: annotations, a SARIF invocation that did not succeed, JUnit errors."""
    out = _Unicode(out)
    located = [(*_file_line(path), f"{path}: {problem}") for path, problem in problems]
    if fmt == "github":
        out.write("".join(f"::error file={_property(file)},line={line},title=crosscheck could not run::{_data(text)}\n"
                          for file, line, text in located))
    elif fmt == "concise":
        out.write("".join(printable(f"{file}:{line}:1: accept: crosscheck could not run: {text}") + "\n"
                          for file, line, text in located))
    elif fmt == "sarif":
        notes = [{"level": "error", "message": {"text": text},
                  "locations": [{"physicalLocation": {"artifactLocation": _artifact(file),
                                                      "region": {"startLine": line}}}]}
                 for file, line, text in located]
        out.write(_sarif_log(None, [], {"executionSuccessful": False, "exitCode": 2,
                                        "toolExecutionNotifications": notes}))
    elif fmt == "junit":
        suite = ET.Element("testsuite", name="crosscheck", tests=str(len(located)), failures="0",
                           errors=str(len(located)), skipped="0")
        for file, _, text in located:
            case = ET.SubElement(suite, "testcase", classname="crosscheck.accept", name=file)
            ET.SubElement(case, "error", type="bad-accept", message=text)
        out.write(_junit_xml(suite))


def _file_line(path: str) -> tuple[str, int]:
    file, _, record = path.rpartition(":")
    return (file, int(record)) if file and record.isdigit() else (path, 1)


# ---------------------------------------------------------------- JUnit XML


def junit(report: Report) -> str:
    """One test suite; a failing test case per conflict, a skipped one per unreadable article."""
    data = report_data(report)
    suite = ET.Element("testsuite", name="crosscheck", tests=str(max(1, len(data["conflicts"])) + len(data["skipped"])),
                       failures=str(len(data["conflicts"])), errors="0", skipped=str(len(data["skipped"])))
    where = {}
    for a in annotations(report, data):
        where.setdefault(a["conflict"]["id"], a["locations"][0])
    paths = _paths(report)
    for c in data["conflicts"]:
        file, line = where[c["id"]][:2] if c["id"] in where else ("", 0)
        case = ET.SubElement(suite, "testcase", classname=f"crosscheck.{c['slot']}", name=c["event"]["label"],
                             file=file, line=str(line))
        failure = ET.SubElement(case, "failure", type=c["severity"],
                                message=" / ".join(f"{v['display']} ({', '.join(_sources(v))})" for v in c["values"]))
        failure.text = "\n".join(f"{v['display']}: {':'.join(map(str, _location(claim, paths)[:2]))}: "
                                 f"{claim['sentence']}" for v in c["values"] for claim in v["claims"])
    if not data["conflicts"]:
        ET.SubElement(suite, "testcase", classname="crosscheck", name="no conflicts")
    for s in data["skipped"]:
        case = ET.SubElement(suite, "testcase", classname="crosscheck.input", name=s["path"])
        ET.SubElement(case, "skipped", message=s["reason"])
    summary = data["summary"]
    properties = ET.Element("properties")
    for key in ("baselined", "suppressed", "out_of_scope", "skipped"):
        ET.SubElement(properties, "property", name=key, value=str(summary[key]))
    suite.insert(0, properties)
    ET.SubElement(suite, "system-out").text = f"crosscheck: {summary_line(summary)}"
    return _junit_xml(suite)


def _junit_xml(suite: ET.Element) -> str:
    root = ET.Element("testsuites", name="crosscheck")
    root.append(suite)
    for element in root.iter():
        element.attrib = {k: _xml(v) for k, v in element.attrib.items()}
        if element.text:
            element.text = _xml(element.text)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(text: str) -> str:
    """Text XML 1.0 can hold, and a CI page can show: a character XML forbids (an escape sequence's ESC, NUL, a lone
    surrogate, U+FFFE) or a control or bidi character is written as an escape (``\\x1b``), so the file always
    parses."""
    text = printable(text, keep="\n\t")
    return _XML_FORBIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) if _XML_FORBIDDEN.search(text) else text


# ---------------------------------------------------------------- Markdown


MARKDOWN_MARKER = "<!-- crosscheck-report -->"  # a bot finds its own comment by this line, and updates it


def markdown(report: Report) -> str:
    """A pull-request comment: a hidden marker line (``MARKDOWN_MARKER``), the scope, a table, then each conflict's
    evidence folded, each quote linked to ``file#Lline`` (on GitHub, ``report.options["link_base"]``, the blob URL of
    the commit) with its value in bold, and how to accept it."""
    data = report_data(report)
    s = data["summary"]
    paths = _paths(report)
    base = report.options.get("link_base", "")
    lines = [MARKDOWN_MARKER, f"### crosscheck: {s['conflicts']} conflict{'s' * (s['conflicts'] != 1)} in "
             f"{s['articles']} articles", ""]
    scope = "Only conflicts that involve a changed file are reported; the whole corpus was compared." \
        if report.options.get("changed") is not None else ""
    note = scope_note(s)
    notes = " ".join(x for x in (scope, f"{note[:1].upper()}{note[1:]}." if note else "")
                     if x)
    if notes:
        lines += [f"_{notes}_", ""]  # counts only: nothing from the articles
    known = sources_of(report.articles)
    if data["conflicts"]:
        lines += ["| severity | slot | event | values |", "|---|---|---|---|"]
        for c in data["conflicts"]:
            counted = tally(held_by(c), known)
            values = "<br>".join(f"**{_md(v['display'])}** ({', '.join([row.count, *row.marks])}): "
                                 f"{_md(', '.join(_labels(v, known, counted)))}" for v, row in zip(c["values"], counted.rows))
            marks = " · within one article" if c["within_article"] else (
                " · an article on both sides" if counted.both_sides else "")
            lines.append(f"| {c['severity']} | {c['slot']} | {_md(c['event']['label'])}<br>{counted.ratio}{marks} | "
                         f"{values} |")
        lines.append("")
        for c in data["conflicts"]:
            lines += [f"<details><summary>{_md(c['event']['label'])} ({c['slot']}, <code>{c['id']}</code>)"
                      f"</summary>", ""]
            points = timeline_points(c, known)
            if points:
                lines += [f"By publication date: {_md(timeline_text(points))}", ""]
            for v in c["values"]:
                lines.append(f"**{_md(v['display'])}**")
                lines += [f"- {_md_link(claim, paths, base)} {_md_quote(claim)}" for claim in v["claims"]]
                lines.append("")
            lines += [f"Known and kept? `crosscheck accept {c['id']} --reason \"...\"` writes the entry into the "
                      f"article's front matter.", "", "</details>", ""]
        cited = sorted({x["article"] for c in data["conflicts"] for v in c["values"] for x in v["claims"]})
        lines += ["| source | published | title | file |", "|---|---|---|---|"]
        for a in cited:
            src = known.get(a) or unknown(a)
            warned = "".join(f"<br>⚠ {_md(w)}" for w in src.warnings)
            lines.append(f"| {_md(src.label)} | {src.date}{warned} | {_md(src.title or '(no title)')} | "
                         f"{_md(paths.get(a, src.path))} |")
        lines.append("")
    else:
        lines += ["The sources agree wherever they speak of the same event.", ""]
    return "\n".join(lines)


def _md_link(claim: dict, paths: dict[str, str], base: str) -> str:
    """``<a href="articles/b.md#L4">articles/b.md:4</a>``: the address percent-encoded, the text escaped (an HTML
    link, so that no markdown link syntax ever comes from the data)."""
    file, line, _ = _location(claim, paths)
    return f'<a href="{base}{quote(file)}#L{line}">{_md(f"{file}:{line}")}</a>'


MD_QUOTE_CONTEXT = 160  # characters of a long sentence kept either side of the value in a markdown quote


def _md_quote(claim: dict) -> str:
    """The sentence around the value, the value in bold."""
    lead, before, value, after, tail = quote_parts(claim, MD_QUOTE_CONTEXT)
    return lead + _md(before) + (f"**{_md(value)}**" if value else "") + _md(after) + tail


def _label(article: str, known: dict) -> str:
    return (known.get(article) or unknown(article)).label


def _labels(value: dict, known: dict, counted) -> list[str]:
    return [_label(a, known) + (" (both sides)" if a in counted.both_sides else "") for a in _sources(value)]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")  # what can act mid-line; the data never starts a line
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "&#64;", ":": "&#58;"}


def _md(text: str) -> str:
    """Text from the articles as Markdown that renders it as written: no emphasis, link, image, HTML tag, table
    cell break, @mention or autolink; control characters escaped; on one line."""
    text = printable(text.replace("\r", " ").replace("\n", " "))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub("[<>&@:]", lambda m: _MD_ENTITIES[m.group(0)], text)


# ---------------------------------------------------------------- shared


def _paths(report: Report) -> dict[str, str]:
    """Each article's path as the report shows it (``report.paths``)."""
    shown = shown_paths(report)
    return {a.id: shown(a.path) for a in report.articles}


def _sources(value: dict) -> list[str]:
    return sorted({claim["article"] for claim in value["claims"]})


def _is_record(claim: dict, paths: dict[str, str]) -> bool:
    file, _, record = paths.get(claim["article"], claim["article"]).rpartition(":")
    return bool(file) and record.isdigit()


def _location(claim: dict, paths: dict[str, str]) -> tuple[str, int, int]:
    """(file, line, column) of a claim's value; a JSONL record points at its line of the corpus."""
    path = paths.get(claim["article"], claim["article"])
    file, _, record = path.rpartition(":")
    if file and record.isdigit():
        return file, int(record), 1
    return path, claim["value_line"], claim["value_column"]


_WRITERS = {"concise": concise, "jsonl": jsonl, "github": github, "sarif": sarif, "junit": junit, "markdown": markdown, "html": report_html}
__all__ = ["FORMATS", "SCHEMA", "annotations", "statistics", "write", "write_failure"]
