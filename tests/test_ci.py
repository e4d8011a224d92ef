"""crosscheck as a CI check, end to end through the CLI: formats, exit codes, configuration, baseline,
suppressions, changed files, cache, processes and hostile input."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from crosscheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "geneva-2022"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"


def run(*args, cwd: Path | None = None):
    """The CLI in ``cwd`` (a fresh folder by default: no configuration, a cache of its own)."""
    old = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture()
def corpus(tmp_path):
    """Two sources on one event that disagree on the day, one that agrees, in a folder of their own."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("---\npublished: 2022-03-01\n---\nIran and the European Union will hold talks "
                                 "in Vienna on March 3.\n")
    (folder / "b.md").write_text("---\npublished: 2022-03-01\n---\nTalks between Iran and the EU are scheduled to "
                                 "take place in Vienna on March 4.\n")
    (folder / "c.md").write_text("---\npublished: 2022-03-01\n---\nThe European Union will meet Iran in Vienna on "
                                 "March 3, diplomats said.\n")
    return folder


def cache_args(tmp_path):
    return ["--cache-dir", tmp_path / "cache"]


# ---------------------------------------------------------------- formats


def test_jsonl_is_one_conflict_a_line_then_a_summary(corpus, tmp_path):
    result = run("check", corpus, "--format", "jsonl", *cache_args(tmp_path))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["type"] for line in lines] == ["conflict", "summary"]
    assert lines[0]["schema"] == "crosscheck/conflict@1" and lines[0]["slot"] == "when"
    assert lines[1]["conflicts"] == 1 and lines[1]["articles"] == 3


def test_github_annotations_point_at_the_minority_claim(corpus, tmp_path):
    result = run("check", corpus, "--format", "github", *cache_args(tmp_path))
    [line] = result.output.splitlines()
    m = re.fullmatch(r"::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),endLine=4,endColumn=(?P<end>\d+),"
                     r"title=(?P<title>[^:]+)::(?P<msg>.+)", line)
    assert m, line
    assert m["file"].endswith("b.md") and m["line"] == "4"
    text = (corpus / "b.md").read_text().splitlines()[3]
    assert text[int(m["col"]) - 1:].startswith("March 4")
    assert text[int(m["col"]) - 1:int(m["end"]) - 1] == "March 4"
    assert "this source says 4 March 2022; 2 other sources say 3 March 2022 (a, c)" in m["msg"]


def test_sarif_validates_against_the_sarif_2_1_0_schema(corpus, tmp_path):
    out = tmp_path / "report.sarif"
    result = run("check", corpus, "--format", "sarif", "-o", out, *cache_args(tmp_path))
    assert result.exit_code == 1 and result.output == ""
    log = json.loads(out.read_text())
    schema = json.loads(SARIF_SCHEMA.read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    [res] = log["runs"][0]["results"]
    assert res["ruleId"] == "when" and res["level"] == "error"
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("b.md")
    assert len(res["relatedLocations"]) == 2


def test_sarif_of_the_samples_validates_too(tmp_path):
    result = run("check", SAMPLES, "--format", "sarif", *cache_args(tmp_path))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(json.loads(result.output))


def test_junit_is_a_failing_case_per_conflict(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    result = run("check", corpus, "--format", "junit", *cache_args(tmp_path))
    suite = ET.fromstring(result.stdout).find("testsuite")
    assert suite.get("failures") == "1" and suite.get("skipped") == "1"
    assert [c.get("classname") for c in suite.iter("testcase")] == ["crosscheck.when", "crosscheck.input"]


def test_markdown_is_a_summary_table(corpus, tmp_path):
    result = run("check", corpus, "--format", "markdown", *cache_args(tmp_path))
    assert result.output.startswith("<!-- crosscheck-report -->\n### crosscheck: 1 conflict in 3 articles")
    assert "| error | when |" in result.output and "<details>" in result.output


def test_exit_zero_and_fail_on(corpus, tmp_path):
    assert run("check", corpus, "--exit-zero", *cache_args(tmp_path)).exit_code == 0
    assert run("check", corpus, "--fail-on", "never", *cache_args(tmp_path)).exit_code == 0
    assert run("check", corpus, *cache_args(tmp_path)).exit_code == 1


# ---------------------------------------------------------------- configuration


def test_configuration_is_found_walking_up_and_options_override_it(corpus, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.crosscheck]\npaths = ["articles"]\nfail-on = "never"\n'
                                             '[tool.crosscheck.severity]\nwhen = "warning"\n')
    deeper = tmp_path / "sub" / "dir"
    deeper.mkdir(parents=True)
    result = run("check", "--format", "json", *cache_args(tmp_path), cwd=deeper)
    assert result.exit_code == 0  # fail-on never, from the file
    [c] = json.loads(result.output)["conflicts"]
    assert c["severity"] == "warning"  # severity per slot, from the file
    assert run("check", "--fail-on", "warning", *cache_args(tmp_path), cwd=deeper).exit_code == 1


def test_crosscheck_toml_and_exclude(corpus, tmp_path):
    (tmp_path / "crosscheck.toml").write_text('paths = ["articles"]\nexclude = ["*/b.md"]\n')
    result = run("check", "--format", "json", *cache_args(tmp_path), cwd=tmp_path)
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["summary"]["articles"] == 2


def test_a_bad_configuration_is_one_line_and_exit_two(tmp_path):
    (tmp_path / "crosscheck.toml").write_text('paths = ["x"]\ncolour = "red"\n')
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output.strip().endswith("unknown setting 'colour' (expected one of baseline, cache-dir, "
                                          "cache-keep, exclude, fail-on, jobs, lexicon, paths, severity)")


def test_no_paths_anywhere_is_exit_two(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.exit_code == 2 and "no PATH given" in result.output


# ---------------------------------------------------------------- baseline and suppressions


def test_baseline_accepts_todays_conflicts_and_reports_stale_ones(corpus, tmp_path):
    base = tmp_path / "baseline.json"
    result = run("baseline", corpus, "-o", base, *cache_args(tmp_path))
    assert result.exit_code == 0 and json.loads(base.read_text())["schema"] == "crosscheck/baseline@1"
    # an unrelated edit and moved lines do not change the conflict's id
    (corpus / "c.md").write_text("---\npublished: 2022-03-01\n---\n\nDiplomats gathered.\nThe European Union will "
                                 "meet Iran in Vienna on March 3, diplomats said.\n")
    result = run("check", corpus, "--baseline", base, "--format", "json", *cache_args(tmp_path))
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["conflicts"] == [] and len(data["baselined"]) == 1
    # a new conflict fails; the old entry, no longer matching, is stale
    (corpus / "c.md").write_text("---\npublished: 2022-03-01\n---\nThe European Union will meet Iran in Vienna on "
                                 "March 5.\n")
    (corpus / "b.md").unlink()
    result = run("check", corpus, "--baseline", base, *cache_args(tmp_path))
    assert result.exit_code == 1 and "1 baseline entry no longer match" in result.output


def test_an_unreadable_baseline_is_exit_two(corpus, tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{}")
    result = run("check", corpus, "--baseline", bad, *cache_args(tmp_path))
    assert result.exit_code == 2 and f"baseline {bad}: not a crosscheck baseline" in result.output


def test_an_article_can_accept_a_discrepancy_with_a_reason(corpus, tmp_path):
    (corpus / "b.md").write_text("---\npublished: 2022-03-01\ncrosscheck:\n  accept:\n    - slot: when\n"
                                 "      reason: The date moved; this story is kept as published.\n---\n"
                                 "Talks between Iran and the EU are scheduled to take place in Vienna on March 4.\n")
    result = run("check", corpus, "--format", "json", *cache_args(tmp_path))
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["conflicts"] == []
    assert data["suppressed"][0]["reason"] == "The date moved; this story is kept as published."


# ---------------------------------------------------------------- changed files


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_reports_only_conflicts_of_changed_files(corpus, tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "corpus")
    (tmp_path / "articles" / "d.md").write_text("---\npublished: 2022-03-01\n---\nChina and India will hold talks "
                                                "in Delhi on March 9.\n")
    result = run("check", "articles", "--changed-since", "HEAD", "--format", "json", *cache_args(tmp_path),
                 cwd=tmp_path)
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["summary"]["out_of_scope"] == 1  # the Vienna conflict is not d's
    result = run("check", "articles", "--changed", "articles/b.md", *cache_args(tmp_path), cwd=tmp_path)
    assert result.exit_code == 1
    bad = run("check", "articles", "--changed-since", "no-such-rev", *cache_args(tmp_path), cwd=tmp_path)
    assert bad.exit_code == 2 and "--changed-since no-such-rev" in bad.output


# ---------------------------------------------------------------- cache and processes


def test_the_cache_serves_unchanged_articles_and_survives_corruption(corpus, tmp_path):
    first = run("check", corpus, "--format", "json", *cache_args(tmp_path))
    store = tmp_path / "cache" / "extractions.sqlite"
    assert store.exists()
    again = run("check", corpus, "--format", "json", *cache_args(tmp_path))
    assert json.loads(again.output)["conflicts"] == json.loads(first.output)["conflicts"]
    for extra in store.parent.glob("extractions.sqlite-*"):
        extra.unlink()
    store.write_bytes(b"this is not a database" * 100)
    rebuilt = run("check", corpus, "--format", "json", *cache_args(tmp_path))
    assert rebuilt.exit_code == 1 and "rebuilt" in rebuilt.output
    assert json.loads(rebuilt.output[rebuilt.output.index("{"):])["conflicts"] == json.loads(first.output)["conflicts"]


def test_a_changed_article_is_extracted_again(corpus, tmp_path):
    run("check", corpus, *cache_args(tmp_path))
    (corpus / "b.md").write_text("---\npublished: 2022-03-01\n---\nTalks between Iran and the EU are scheduled to "
                                 "take place in Vienna on March 3.\n")
    assert run("check", corpus, *cache_args(tmp_path)).exit_code == 0


def test_processes_give_the_same_report(tmp_path):
    corpus = tmp_path / "many.jsonl"
    sample_texts = [p.read_text() for p in sorted(SAMPLES.glob("*.txt"))]
    with corpus.open("w") as f:
        for i in range(80):  # enough for a pool
            f.write(json.dumps({"id": f"a{i}", "text": sample_texts[i % 5], "published": "2021-12-30"}) + "\n")
    one = run("check", corpus, "--format", "json", "--jobs", "1", "--no-cache")
    two = run("check", corpus, "--format", "json", "--jobs", "2", "--no-cache")
    assert json.loads(one.output)["conflicts"] == json.loads(two.output)["conflicts"]
    assert json.loads(two.output)["summary"]["articles"] == 80


# ---------------------------------------------------------------- hostile input


def test_hostile_inputs_are_skipped_and_counted(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SAMPLES / "000_d1ed51578ae4d2f3.txt", folder)
    (folder / "binary.txt").write_bytes(os.urandom(2048) + b"\x00")
    (folder / "lines.jsonl").write_text('{"id": "ok", "text": "NATO and Russia met in Brussels."}\n\x07garbage{\n')
    with (folder / "huge.txt").open("wb") as f:  # a 200 MB file, sparse: no disk is spent on it
        f.truncate(200 * 1024 * 1024)
    (folder / "loop").mkdir()
    (folder / "loop" / "back").symlink_to(folder, target_is_directory=True)
    result = run("check", folder, "--format", "json", "--no-cache")
    data = json.loads(result.output[result.output.index("{"):])
    reasons = {Path(s["path"]).name: s["reason"] for s in data["skipped"]}
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["huge.txt"].startswith("file too large: 210 MB")
    assert reasons["lines.jsonl:2"].startswith("line 2 is not valid JSON")
    assert data["summary"]["articles"] == 2 and data["summary"]["skipped"] == 3
    assert result.exit_code in (0, 1)


def test_the_check_on_dask_gives_the_same_conflicts():
    from crosscheck import check
    from crosscheck.distributed import check_on_dask

    local = check([SAMPLES])
    spread = check_on_dask([SAMPLES], partitions=3)
    assert [c.id for c in spread.conflicts] == [c.id for c in local.conflicts]
    assert len(spread.articles) == 5


def test_progress_counts_articles_against_the_corpus_total(tmp_path):
    from crosscheck.ingest import count_inputs

    (tmp_path / "corpus").mkdir()
    for i in range(3):
        (tmp_path / "corpus" / f"a{i}.txt").write_text("Russia and NATO will meet in Brussels on 12 January.\n")
    (tmp_path / "corpus" / "more.jsonl").write_text("".join(
        json.dumps({"id": f"j{i}", "text": "NATO and Russia meet in Brussels on 12 January."}) + "\n" for i in range(4)))
    (tmp_path / "corpus" / "drafts").mkdir()
    (tmp_path / "corpus" / "drafts" / "x.md").write_text("A draft.\n")
    assert count_inputs([tmp_path / "corpus"]) == 8
    assert count_inputs([tmp_path / "corpus"], exclude=["*/drafts/*"]) == 7
    shown = run("check", tmp_path / "corpus", "--progress", "--no-cache", "--exclude", "*/drafts/*")
    assert "crosscheck: 7/7 articles" in shown.output  # not a terminal: a plain line, at least at the end


def test_rule_explains_a_slot_and_sarif_rules_carry_the_same_help():
    result = run("rule", "quantity")
    assert result.exit_code == 0
    for part in ("quantity (error by default)", "What it compares:", "What agrees:", "Example:", "crosscheck accept",
                 "slot: quantity", "More: https://"):
        assert part in result.output, part
    assert "warning by default" in run("rule", "role").output
    assert run("rule", "quantiy").exit_code == 2
    markdown = run("rule", "when", "--format", "markdown").output.rstrip("\n")
    log = json.loads(run("check", SAMPLES, "--format", "sarif", "--no-cache").output)
    [when] = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "when"]
    assert when["help"]["markdown"] == markdown and when["helpUri"] in markdown


def test_encoding_auto_reads_a_latin_1_file_instead_of_skipping_it(tmp_path):
    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "l.txt").write_bytes("date 2022-03-01\nLa d\xe9l\xe9gation: Iran and the European Union will hold talks "
                                   "in Vienna on March 3.\n".encode("latin-1"))
    (folder / "u.txt").write_text("date 2022-03-01\nTalks between Iran and the EU are scheduled to take place in "
                                  "Vienna on March 4.\n", encoding="utf-16")
    plain = run("check", folder, "--no-cache", "--format", "json")
    assert plain.exit_code == 2
    assert "l.txt: not valid UTF-8: byte 0xe9 at offset 20 (--encoding auto detects another encoding)" in plain.stderr
    for encoding in ("auto", "latin-1"):
        result = run("check", folder, "--no-cache", "--format", "json", "--encoding", encoding)
        data = json.loads(result.stdout)
        if encoding == "auto":  # UTF-16 with its byte-order mark too
            assert result.exit_code == 1 and {a["id"] for a in data["articles"]} == {"l", "u"}
            [claim] = [c for v in data["conflicts"][0]["values"] for c in v["claims"] if c["article"] == "l"]
            assert claim["sentence"].startswith("La d\xe9l\xe9gation") and claim["value_text"] == "March 3"
        else:
            assert [a["id"] for a in data["articles"]] == ["l"]
    bad = run("check", folder, "--encoding", "klingon")
    assert bad.exit_code == 2 and "'klingon' is not an encoding" in bad.output


def _schema(name: str):
    from importlib import resources

    schema = json.loads(resources.files("crosscheck").joinpath("schemas", f"{name}-1.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_shipped_json_schemas_validate_real_output(corpus, tmp_path):
    report, conflict, events = _schema("report"), _schema("conflict"), _schema("events")
    samples = json.loads(run("check", SAMPLES, "--format", "json", "--no-cache").stdout)
    report.validate(samples)
    assert samples["conflicts"]
    # suppressed, baselined and skipped entries too
    (corpus / "b.md").write_text("---\npublished: 2022-03-01\ncrosscheck:\n  accept:\n    - slot: when\n"
                                 "      reason: kept\n---\nTalks between Iran and the EU are scheduled to take place "
                                 "in Vienna on March 4.\n")
    (corpus / "x.txt").write_bytes(b"\x00")
    (corpus / "d.md").write_text("Russia and NATO will meet in Brussels on March 12, 2022.\n")
    (corpus / "e.md").write_text("NATO and Russia are due to hold a meeting in Brussels on March 13, 2022.\n")
    run("baseline", corpus, "-o", tmp_path / "base.json", "--no-cache")
    full = json.loads(run("check", corpus, "--format", "json", "--no-cache", "--baseline", tmp_path / "base.json").stdout)
    assert full["suppressed"] and full["skipped"] and full["baselined"]
    report.validate(full)
    lines = [json.loads(line) for line in run("check", SAMPLES, "--format", "jsonl", "--no-cache").stdout.splitlines()]
    for line in lines:
        conflict.validate(line)
    events.validate(json.loads(run("events", SAMPLES, "--format", "json").stdout))
    broken = dict(samples, conflicts=[dict(samples["conflicts"][0], slot="date")])
    assert not report.is_valid(broken) and not report.is_valid({k: v for k, v in samples.items() if k != "summary"})


def test_select_ignore_quiet_statistics_and_color(tmp_path):
    stats = run("check", SAMPLES, "--statistics", "--no-cache")
    assert stats.exit_code == 1 and stats.stdout.splitlines() == ["   3  when      error", "   1  role      warning"]
    assert json.loads(run("check", SAMPLES, "--statistics", "--format", "json", "--no-cache").stdout)[1] == \
        {"slot": "role", "severity": "warning", "count": 1}
    ignored = run("check", SAMPLES, "--ignore", "role", "--format", "concise", "-q", "--no-cache")
    lines = ignored.stdout.splitlines()
    assert lines and all(": when: " in line for line in lines)  # findings only: no summary line
    selected = run("check", SAMPLES, "--select", "role,where", "--format", "concise", "--no-cache")
    assert selected.exit_code == 0  # a warning is below the default fail-on
    assert selected.stdout.splitlines()[-1] == "Found 1 conflict (0 errors, 1 warning)."
    # --select turns back on a slot the configuration turned off
    (tmp_path / "crosscheck.toml").write_text(f'paths = ["{SAMPLES}"]\n[severity]\nrole = "off"\n')
    assert "role" not in run("check", "--statistics", "--no-cache", cwd=tmp_path).stdout
    assert "role" in run("check", "--statistics", "--select", "role", "--no-cache", cwd=tmp_path).stdout
    assert run("check", SAMPLES, "--select", "rol").exit_code == 2
    quiet = run("check", SAMPLES, "-q", "--no-cache")
    assert "crosscheck 5 articles" not in quiet.stdout and "OSCE–Russia meeting" in quiet.stdout
    assert "\x1b[" in run("check", SAMPLES, "--no-cache", "--color", "always").stdout
    assert "\x1b[" not in run("check", SAMPLES, "--no-cache", "--color", "never").stdout


def _within(shown, real) -> bool:
    """``shown`` is part of ``real``: a mapping's keys with equal parts, a list's items each part of some item."""
    if isinstance(shown, dict):
        return isinstance(real, dict) and all(k in real and _within(v, real[k]) for k, v in shown.items())
    if isinstance(shown, list):
        return isinstance(real, list) and all(any(_within(s, r) for r in real) for s in shown)
    return shown == real


def test_the_readme_json_example_is_the_real_output_of_the_samples(tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## The JSON report"):]
    example = json.loads(section[section.index("```json\n") + 8:section.index("\n```", section.index("```json"))])
    real = json.loads(run("check", SAMPLES, "--format", "json", "--no-cache").stdout)
    assert example["conflicts"] and example["articles"]
    assert _within(example, real), "README's JSON example is not the samples' output: " + json.dumps(
        {k: real[k] for k in ("summary",)}, ensure_ascii=False)
    _schema("report").validate(example)


def test_every_option_of_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [f"{name} {opt}" for name, command in main.commands.items() for p in command.params
               for opt in p.opts if opt.startswith("--") and opt not in readme]
    assert missing == []
