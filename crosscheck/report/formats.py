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
from typing import IO, Any
from xml.etree import ElementTree as ET

from rich.console import Console

from crosscheck import __version__
from crosscheck.model import Report
from crosscheck.report.html import report_html
from crosscheck.report.json import SCHEMA, report_data, write_json
from crosscheck.report.sources import held_by, quote_parts, tally, timeline_points, timeline_text, unknown
from crosscheck.report.sources import sources as sources_of
from crosscheck.report.text import printable, render

FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit", "markdown", "html")
CONFLICT_SCHEMA = "crosscheck/conflict@1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = {
    "when": "Sources give different dates for one event.",
    "where": "Sources give different places for one event.",
    "who": "Sources name different participants for one event.",
    "quantity": "Sources give counts for one event that cannot both be true.",
    "role": "Sources give one person titles of different rank.",
}


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


def write(report: Report, fmt: str, out: IO[str], explain: bool = False, show_paths: bool = False) -> None:
    """The report in ``fmt`` (one of ``FORMATS``) on ``out``; ``show_paths``: each source's file too, in the formats
    for people (the CI formats always locate a conflict by its files)."""
    out = _Unicode(out)
    if fmt == "text":
        render(report, Console(file=out, highlight=False), explain=explain, show_paths=show_paths)
    elif fmt == "html":
        out.write(report_html(report, show_paths=show_paths))
    elif fmt == "json":
        write_json(report, out)
    else:
        out.write(_WRITERS[fmt](report))


# ---------------------------------------------------------------- JSON Lines


def jsonl(report: Report) -> str:
    """One conflict a line, then one summary line: easy to grep, diff and stream."""
    data = report_data(report)
    lines = [json.dumps({"schema": CONFLICT_SCHEMA, "type": "conflict", **c}, ensure_ascii=False)
             for c in data["conflicts"]]
    lines.append(json.dumps({"schema": CONFLICT_SCHEMA, "type": "summary", **data["summary"]}, ensure_ascii=False))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- GitHub workflow commands


def github(report: Report) -> str:
    """``::error file=…,line=…,col=…,title=…::message``, one per claim holding a minority value."""
    paths = _paths(report)
    out = []
    for c in report_data(report)["conflicts"]:
        command = "error" if c["severity"] == "error" else "warning"
        title = f"crosscheck {c['slot']}: {c['event']['label']}"
        for value in c["values"][1:] or c["values"]:
            others = "; ".join(f"{v['display']} ({', '.join(_sources(v))})" for v in c["values"] if v is not value)
            for claim in value["claims"]:
                file, line, col = _location(claim, paths)
                message = f"{c['event']['label']}: this source says {value['display']}; other sources say {others}"
                out.append(f"::{command} file={_property(file)},line={line},col={col},title={_property(title)}"
                           f"::{_data(message)}")
    return "".join(line + "\n" for line in out)


def _data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# ---------------------------------------------------------------- SARIF 2.1.0


def sarif(report: Report) -> str:
    """SARIF 2.1.0: a result per conflict, located at the claims of the minority values, the others related."""
    paths = _paths(report)
    results = []
    for c in report_data(report)["conflicts"]:
        minority = c["values"][1:] or c["values"]
        majority = [v for v in c["values"] if v not in minority]
        values = "; ".join(f"{v['display']} ({', '.join(_sources(v))})" for v in c["values"])
        results.append({
            "ruleId": c["slot"],
            "level": "error" if c["severity"] == "error" else "warning",
            "message": {"text": f"{c['event']['label']}: the sources disagree: {values}"},
            "locations": [_sarif_location(claim, paths) for v in minority for claim in v["claims"]],
            "relatedLocations": [dict(_sarif_location(claim, paths), id=i) for i, claim in
                                 enumerate(claim for v in majority for claim in v["claims"])],
            "partialFingerprints": {"crosscheckConflict/v1": c["id"]},
            "properties": {"withinArticle": c["within_article"], "values": [v["value"] for v in c["values"]]},
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crosscheck", "version": __version__,
                "rules": [{"id": slot, "name": f"{slot}-conflict", "shortDescription": {"text": text},
                           "defaultConfiguration": {"level": "warning" if slot == "role" else "error"}}
                          for slot, text in RULES.items()],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _sarif_location(claim: dict, paths: dict[str, str]) -> dict[str, Any]:
    file, line, col = _location(claim, paths)
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": file},
            "region": {"startLine": line, "startColumn": col, "snippet": {"text": claim["value_text"]}},
        },
        "message": {"text": claim["sentence"]},
    }


# ---------------------------------------------------------------- JUnit XML


def junit(report: Report) -> str:
    """One test suite; a failing test case per conflict, a skipped one per unreadable article."""
    data = report_data(report)
    paths = _paths(report)
    suite = ET.Element("testsuite", name="crosscheck", tests=str(max(1, len(data["conflicts"])) + len(data["skipped"])),
                       failures=str(len(data["conflicts"])), errors="0", skipped=str(len(data["skipped"])))
    for c in data["conflicts"]:
        case = ET.SubElement(suite, "testcase", classname=f"crosscheck.{c['slot']}", name=c["event"]["label"])
        failure = ET.SubElement(case, "failure", type=c["severity"],
                                message=" / ".join(f"{v['display']} ({', '.join(_sources(v))})" for v in c["values"]))
        failure.text = "\n".join(f"{v['display']}: {_path_line(claim, paths)}: {claim['sentence']}"
                                 for v in c["values"] for claim in v["claims"])
    if not data["conflicts"]:
        ET.SubElement(suite, "testcase", classname="crosscheck", name="no conflicts")
    for s in data["skipped"]:
        case = ET.SubElement(suite, "testcase", classname="crosscheck.input", name=s["path"])
        ET.SubElement(case, "skipped", message=s["reason"])
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


def markdown(report: Report) -> str:
    """A summary fit for a pull-request comment: a table, then each conflict's evidence folded, then the sources
    cited (outlet, date, title and file: a pull request is read beside its files)."""
    data = report_data(report)
    s = data["summary"]
    known = sources_of(report.articles)
    lines = [f"### crosscheck: {s['conflicts']} conflict{'s' * (s['conflicts'] != 1)} in {s['articles']} articles",
             ""]
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
            lines += [f"<details><summary>{_md(c['event']['label'])} ({c['slot']})</summary>", ""]
            points = timeline_points(c, known)
            if points:
                lines += [f"By publication date: {_md(timeline_text(points))}", ""]
            for v in c["values"]:
                lines.append(f"**{_md(v['display'])}**")
                lines += [f"> {_md(_label(claim['article'], known))}, line {claim['line']}: {_md_quote(claim)}"
                          for claim in v["claims"]]
                lines.append("")
            lines += ["</details>", ""]
        cited = sorted({x["article"] for c in data["conflicts"] for v in c["values"] for x in v["claims"]})
        lines += ["| source | published | title | file |", "|---|---|---|---|"]
        for a in cited:
            src = known.get(a) or unknown(a)
            warned = "".join(f"<br>⚠ {_md(w)}" for w in src.warnings)
            lines.append(f"| {_md(src.label)} | {src.date}{warned} | {_md(src.title or '(no title)')} | {_md(src.path)} |")
        lines.append("")
    else:
        lines += ["The sources agree wherever they speak of the same event.", ""]
    extras = [f"{len(report.baselined)} in the baseline" if report.baselined else "",
              f"{len(report.suppressed)} accepted in article metadata" if report.suppressed else "",
              f"{len(data['skipped'])} article(s) skipped" if data["skipped"] else ""]
    if any(extras):
        lines += ["_Not shown: " + ", ".join(e for e in extras if e) + "._", ""]
    return "\n".join(lines)


MD_QUOTE_CONTEXT = 160  # characters of a long sentence kept either side of the value in a markdown quote


def _md_quote(claim: dict) -> str:
    """The sentence around the value, the value in bold."""
    lead, before, value, after, tail = quote_parts(claim, MD_QUOTE_CONTEXT)
    return lead + _md(before) + (f"**{_md(value)}**" if value else "") + _md(after) + tail


def _label(article: str, known: dict) -> str:
    return (known.get(article) or unknown(article)).label


def _labels(value: dict, known: dict, counted=None) -> list[str]:
    both = counted.both_sides if counted is not None else frozenset()
    return [_label(a, known) + (" (both sides)" if a in both else "") for a in _sources(value)]


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
    return {a.id: a.path for a in report.articles}


def _sources(value: dict) -> list[str]:
    return sorted({claim["article"] for claim in value["claims"]})


def _path_line(claim: dict, paths: dict[str, str]) -> str:
    file, line, _ = _location(claim, paths)
    return f"{file}:{line}"


def _location(claim: dict, paths: dict[str, str]) -> tuple[str, int, int]:
    """(file, line, column) of a claim's value; a JSONL record points at its line of the corpus."""
    path = paths.get(claim["article"], claim["article"])
    file, _, record = path.rpartition(":")
    if file and record.isdigit():
        return file, int(record), 1
    return path, claim["value_line"], claim["value_column"]


_WRITERS = {"jsonl": jsonl, "github": github, "sarif": sarif, "junit": junit, "markdown": markdown, "html": report_html}
__all__ = ["FORMATS", "SCHEMA", "write"]
