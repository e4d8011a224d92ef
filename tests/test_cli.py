"""End to end through the command line: the sample corpus's gold conflicts and traps, formats, exit codes."""
import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GENEVA = SAMPLES / "geneva-2022"
GOLD = json.loads((GENEVA / "gold.json").read_text())


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def report():
    result = run("check", GENEVA, "--format", "json")
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"\s+", " ", "".join(c for c in text if not unicodedata.combining(c))).lower()


def month_day(value):
    m = re.match(r"^(?:\d{4}|XXXX|-)?-(\d{2})-(\d{2})", value)
    return m and (m.group(1), m.group(2))


def shows(conflict, gold):
    """The reported conflict holds two gold values in two value groups, each cited by a gold article."""
    groups = []
    for gval, articles in gold["values"].items():
        hits = {i for i, v in enumerate(conflict["values"])
                if month_day(v["value"]) == month_day(gval) and {c["article"] for c in v["claims"]} & set(articles)}
        groups.append(hits)
    return any(a | b and len(a | b) >= 2 for i, a in enumerate(groups) for b in groups[i + 1:])


@pytest.mark.parametrize("gold", [g for g in GOLD["conflicts"] if not g.get("optional")], ids=lambda g: g["event"])
def test_every_gold_conflict_is_reported(report, gold):
    assert any(c["slot"] == gold["slot"] and shows(c, gold) for c in report["conflicts"])


@pytest.mark.parametrize("trap", GOLD["traps"], ids=lambda t: t["why"][:40])
def test_no_trap_is_reported(report, trap):
    for conflict in report["conflicts"]:
        quoted = [fold(c["sentence"]) for v in conflict["values"] for c in v["claims"]]
        assert not (any(fold(trap["a"][1]) in q for q in quoted) and any(fold(trap["b"][1]) in q for q in quoted))


def test_no_false_alarm(report):
    golds = GOLD["conflicts"]
    for conflict in report["conflicts"]:
        assert any(conflict["slot"] in (g["slot"], "who" if g["slot"] == "role" else g["slot"])
                   and (shows(conflict, g) or conflict["slot"] == "role") for g in golds), conflict["event"]["label"]


def test_within_article_conflict_is_marked(report):
    [drafts] = [c for c in report["conflicts"] if {month_day(v["value"]) for v in c["values"]} == {("12", "17"), ("12", "18")}]
    assert drafts["within_article"] is True


def test_json_report_shape_and_offsets(report):
    assert report["schema"] == "crosscheck/report@1"
    assert {a["id"] for a in report["articles"]} == {p.stem for p in GENEVA.glob("*.txt")}
    assert report["summary"]["articles"] == 5 and report["summary"]["conflicts"] == len(report["conflicts"])
    texts = {p.stem: p.read_text(encoding="utf-8") for p in GENEVA.glob("*.txt")}
    for conflict in report["conflicts"]:
        assert conflict["severity"] in ("error", "warning")
        for value in conflict["values"]:
            for claim in value["claims"]:
                text = texts[claim["article"]]
                assert text[claim["start"]:claim["end"]] == claim["sentence"]
                assert text[claim["value_start"]:claim["value_end"]] == claim["value_text"]
                assert text.count("\n", 0, claim["start"]) + 1 == claim["line"]


def test_terminal_report_names_conflicts_and_quotes():
    result = run("check", SAMPLES)
    assert result.exit_code == 1
    assert "Russia–NATO meeting" in result.output
    assert "within one article" in result.output
    assert "12 January 2022" in result.output


def test_fail_on_never_exits_zero():
    assert run("check", GENEVA, "--fail-on", "never", "--format", "json").exit_code == 0


def test_fail_on_warning_counts_role_warnings(tmp_path):
    (tmp_path / "a.txt").write_text("Deputy Secretary of State Wendy Sherman spoke.")
    (tmp_path / "b.txt").write_text("First Deputy Secretary of State Wendy Sherman spoke.")
    assert run("check", tmp_path).exit_code == 0
    assert run("check", tmp_path, "--fail-on", "warning").exit_code == 1


def test_agreeing_sources_exit_zero(tmp_path):
    (tmp_path / "a.txt").write_text("Iran and the European Union will hold talks in Vienna on March 3.")
    (tmp_path / "b.txt").write_text("Talks between Iran and the EU are scheduled in Vienna on 3 March.")
    result = run("check", tmp_path)
    assert result.exit_code == 0 and "No conflicts" in result.output


def test_published_option_sets_years(tmp_path):
    (tmp_path / "a.txt").write_text("Iran and the European Union will hold talks in Vienna on March 3.")
    out = run("claims", tmp_path, "--format", "jsonl", "--published", "2021-12-30").stdout
    [claim] = [json.loads(line) for line in out.splitlines()]
    assert claim["when"]["value"] == "2022-03-03"
    assert run("claims", tmp_path, "--published", "not a date").exit_code == 2


def test_claims_text_and_jsonl():
    out = run("claims", GENEVA / "000_d1ed51578ae4d2f3.txt").output
    assert "meeting" in out and "Brussels" in out
    lines = [json.loads(line) for line in run("claims", GENEVA, "--format", "jsonl").stdout.splitlines()]
    assert any(c["what"]["class"] == "publish" and c["theme"] == "draft agreement" for c in lines)


def test_dates_jsonl_contract():
    lines = [json.loads(line) for line in run("dates", GENEVA / "002_f91752d79a3f6b7c.txt", "--format", "jsonl").stdout.splitlines()]
    text = (GENEVA / "002_f91752d79a3f6b7c.txt").read_text()
    assert lines and all(text[d["start"]:d["end"]] == d["text"] for d in lines)
    assert {"article", "start", "end", "text", "value", "grain"} <= set(lines[0])
    assert any(d["text"] == "12 January" and d["value"] == "2022-01-12" for d in lines)


def test_bad_inputs_are_skipped_with_one_line_each(tmp_path):
    (tmp_path / "good.txt").write_text("Iran and the European Union will hold talks in Vienna on March 3.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "corpus.jsonl").write_text('{"id": "j1", "text": "Iran and Iraq will meet in Baghdad on May 2."}\nnot json\n')
    result = run("check", tmp_path, tmp_path / "missing.txt", "--format", "json", "--no-cache")  # no cache note
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert {a["id"] for a in report["articles"]} == {"good", "j1"}
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 5
    for name in ("empty.txt", "binary.txt", "latin1.txt", "corpus.jsonl:2", "missing.txt"):
        assert sum(name in line for line in errors) == 1, name
    assert len(report["skipped"]) == 5


def test_nothing_readable_is_exit_two(tmp_path):
    result = run("check", tmp_path / "missing")
    assert result.exit_code == 2
    assert "missing" in result.stderr


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for name in main.commands:
        assert f"crosscheck {name}" in readme
