"""crosscheck as CI runs it, end to end through the CLI in a temporary git repository: a main branch, a
pull-request branch, ``--changed-since``, a baseline, suppressions, and every CI format (issue 13: CI that never
lies)."""
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

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json").read_text())
GITHUB = re.compile(r"::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
                    r"endLine=(?P<end_line>\d+),endColumn=(?P<end_col>\d+),title=(?P<title>[^:]+)::(?P<msg>.+)")


def run(*args, cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", "-c", "init.defaultBranch=main",
                           *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def article(folder: Path, name: str, text: str, meta: str = "") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\npublished: 2022-03-01\n{meta}---\n{text}\n")
    return path


VIENNA_3 = "Iran and the European Union will hold talks in Vienna on March 3."
VIENNA_4 = "Talks between Iran and the EU are scheduled to take place in Vienna on March 4."
VIENNA_3_AGAIN = "The European Union will meet Iran in Vienna on March 3, diplomats said."


@pytest.fixture()
def repo(tmp_path):
    """main: two 1-against-1 conflicts (Vienna: a says March 3, b March 4; Brussels: p and q); then the branch pr."""
    repo = tmp_path / "repo"
    articles = repo / "articles"
    article(articles, "a.md", VIENNA_3)
    article(articles, "b.md", VIENNA_4)
    article(articles, "p.md", "Russia and NATO will meet in Brussels on March 12.")
    article(articles, "q.md", "NATO and Russia are due to hold a meeting in Brussels on March 13.")
    (repo / "crosscheck.toml").write_text('paths = ["articles"]\n')
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "main")
    git(repo, "checkout", "-qb", "pr")
    return repo


def findings(output: str) -> list[re.Match]:
    lines = [line for line in output.splitlines() if line.startswith("::")]
    matches = [GITHUB.fullmatch(line) for line in lines]
    assert all(matches), lines
    return matches


# ---------------------------------------------------------------- 1. a bad suppression never removes findings


@pytest.mark.parametrize("entry, problem", [
    ("    - slot: when\n", "crosscheck.accept[0]: needs a 'reason'"),
    ("    - slot: quantiy\n      reason: kept\n", "crosscheck.accept[0]: unknown slot 'quantiy' (did you mean "
                                                  "'quantity'?)"),
    ("    - conflict: when-12\n      reason: kept\n", "crosscheck.accept[0]: 'when-12' is not a conflict id"),
    ("    - slot: when\n      reson: kept\n", "crosscheck.accept[0]: unknown key 'reson' (did you mean 'reason'?)"),
    ("    - slot: when\n      reason: ok\n    - {slot: where}\n", "crosscheck.accept[1]: needs a 'reason'"),
])
def test_a_bad_accept_entry_stops_the_check_with_one_line(repo, entry, problem):
    article(repo / "articles", "b.md", VIENNA_4, meta="crosscheck:\n  accept:\n" + entry)
    result = run("check", "--format", "json", cwd=repo)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "articles/b.md: front matter: " + problem in line, line
    github = run("check", "--format", "github", cwd=repo)
    assert github.exit_code == 2
    [annotation] = github.stdout.splitlines()
    assert annotation.startswith("::error file=articles/b.md,line=1,title=crosscheck could not run::")
    sarif = run("check", "--format", "sarif", "-o", repo / "out.sarif", cwd=repo)
    assert sarif.exit_code == 2
    log = json.loads((repo / "out.sarif").read_text())
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False and log["runs"][0]["results"] == []
    assert problem in invocation["toolExecutionNotifications"][0]["message"]["text"]
    junit = ET.fromstring(run("check", "--format", "junit", cwd=repo).stdout).find("testsuite")
    assert junit.get("errors") == "1"
    assert run("check", "--format", "json", "-o", repo / "out.json", cwd=repo).exit_code == 2
    assert not (repo / "out.json").exists()  # nothing written, not even an empty report
    assert run("baseline", cwd=repo).exit_code == 2 and not (repo / "crosscheck-baseline.json").exists()


def test_a_bad_accept_in_a_jsonl_record_names_its_line(repo):
    (repo / "articles" / "more.jsonl").write_text(
        json.dumps({"id": "j1", "text": VIENNA_3_AGAIN, "published": "2022-03-01"}) + "\n"
        + json.dumps({"id": "j2", "text": VIENNA_4, "published": "2022-03-01",
                      "crosscheck": {"accept": [{"slot": "date", "reason": "kept"}]}}) + "\n")
    result = run("check", cwd=repo)
    assert result.exit_code == 2
    assert "articles/more.jsonl:2: line 2: crosscheck.accept[0]: unknown slot 'date'" in result.stderr


def test_a_good_accept_entry_still_sets_its_conflict_aside(repo):
    article(repo / "articles", "b.md", VIENNA_4, meta="crosscheck:\n  accept:\n    - slot: when\n"
                                                      "      reason: The talks moved; kept as published.\n")
    data = json.loads(run("check", "articles/a.md", "articles/b.md", "--format", "json", cwd=repo).stdout)
    assert data["conflicts"] == [] and data["summary"]["suppressed"] == 1


# ---------------------------------------------------------------- 2. annotations land on what changed


def test_without_a_scope_a_one_against_one_conflict_annotates_both_sides(repo):
    result = run("check", "articles/a.md", "articles/b.md", "--format", "github", cwd=repo)
    assert result.exit_code == 1
    found = findings(result.stdout)
    assert sorted(m["file"] for m in found) == ["articles/a.md", "articles/b.md"]
    by_file = {m["file"]: m["msg"] for m in found}
    assert "this source says 3 March 2022; 1 other source says 4 March 2022 (b)" in by_file["articles/a.md"]
    assert "this source says 4 March 2022; 1 other source says 3 March 2022 (a)" in by_file["articles/b.md"]


def test_with_changed_since_annotations_land_on_the_changed_file(repo):
    article(repo / "articles", "c.md", VIENNA_3_AGAIN)  # the pull request adds a source of the majority
    result = run("check", "--format", "github", "--changed-since", "main", cwd=repo)
    assert result.exit_code == 1
    [m] = findings(result.stdout)  # the Brussels conflict (p, q) is not the pull request's
    assert m["file"] == "articles/c.md"
    text = (repo / "articles" / "c.md").read_text().splitlines()[int(m["line"]) - 1]
    assert text[int(m["col"]) - 1:int(m["end_col"]) - 1] == "March 3"
    assert m["msg"].endswith("this source says 3 March 2022; 1 other source says 4 March 2022 (b) "
                             f"[{json.loads(run('check', '--format', 'json', cwd=repo).stdout)['conflicts'][0]['id']}]")
    assert "(c" not in m["msg"] and ", c" not in m["msg"]  # never the annotated article among "other sources"

    sarif = run("check", "--format", "sarif", "--changed-since", "main", cwd=repo)
    log = json.loads(sarif.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run_ = log["runs"][0]
    [res] = run_["results"]
    [loc] = res["locations"]
    artifact = loc["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "articles/c.md", "uriBaseId": "%SRCROOT%"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    region = loc["physicalLocation"]["region"]
    assert region["endLine"] == region["startLine"] and region["endColumn"] - region["startColumn"] == len("March 3")
    assert sorted(r["physicalLocation"]["artifactLocation"]["uri"] for r in res["relatedLocations"]) == \
        ["articles/a.md", "articles/b.md"]
    rule = run_["tool"]["driver"]["rules"][res["ruleIndex"]]
    assert rule["id"] == res["ruleId"] == "when"
    assert rule["helpUri"].startswith("https://") and "**What agrees.**" in rule["help"]["markdown"]
    assert rule["fullDescription"]["text"] and rule["shortDescription"]["text"]


def test_a_conflict_within_one_article_says_the_same_article_also_says(tmp_path):
    samples = ROOT / "samples" / "geneva-2022"
    result = run("check", samples, "--format", "github", "--no-cache", cwd=ROOT)
    inside = [m["msg"] for m in findings(result.stdout) if "publication" in m["title"]]
    assert len(inside) == 2  # both sides, neither more a majority than the other
    assert all("the same article also says" in msg and "other source" not in msg for msg in inside)


def test_changed_since_counts_from_where_the_branch_left_main(repo):
    article(repo / "articles", "c.md", VIENNA_3_AGAIN)
    git(repo, "checkout", "-q", "main")  # main moves on meanwhile: q is edited there, not on the branch
    (repo / "articles" / "q.md").write_text((repo / "articles" / "q.md").read_text() + "\nMore later.\n")
    git(repo, "commit", "-qam", "main moves on")
    git(repo, "checkout", "-q", "pr")
    data = json.loads(run("check", "--format", "json", "--changed-since", "main", cwd=repo).stdout)
    assert [c["event"]["label"] for c in data["conflicts"]] == ["European Union–Iran meeting"]
    assert data["summary"]["out_of_scope"] == 1


# ---------------------------------------------------------------- 3. repository-relative paths


def test_paths_are_relative_to_the_repository_wherever_crosscheck_runs(repo, tmp_path):
    article(repo / "articles", "c.md", VIENNA_3_AGAIN)
    from_sub = run("check", "--format", "github", "--changed-since", "main", cwd=repo / "articles")
    assert [m["file"] for m in findings(from_sub.stdout)] == ["articles/c.md"]  # paths from crosscheck.toml
    given = run("check", ".", "--format", "github", "--changed-since", "main", cwd=repo / "articles")
    assert [m["file"] for m in findings(given.stdout)] == ["articles/c.md"]  # a path given in a subfolder
    # from outside the repository: git runs in the articles' repository, paths are still the repository's
    outside = run("check", repo / "articles", "--format", "json", "--changed-since", "main", cwd=tmp_path)
    assert outside.exit_code == 1, outside.output
    data = json.loads(outside.stdout)
    assert {a["path"] for a in data["articles"]} == {f"articles/{n}.md" for n in "abcpq"}
    assert data["summary"]["out_of_scope"] == 1
    junit = ET.fromstring(run("check", repo / "articles", "--format", "junit", "--changed-since", "main",
                              cwd=tmp_path).stdout)
    [case] = [c for c in junit.iter("testcase") if c.get("classname") == "crosscheck.when"]
    assert case.get("file") == "articles/c.md"
    assert "articles/b.md:4:" in case.find("failure").text
    jsonl = run("check", repo / "articles", "--format", "jsonl", cwd=tmp_path).stdout
    assert all(not claim["article"].startswith("/") for line in jsonl.splitlines()
               for c in [json.loads(line)] if c["type"] == "conflict" for v in c["values"] for claim in v["claims"])


# ---------------------------------------------------------------- 4. scope is honest


def test_headers_say_what_was_left_out_and_baseline_entries_out_of_scope_are_not_stale(repo):
    (repo / "crosscheck.toml").write_text('paths = ["articles"]\nbaseline = "crosscheck-baseline.json"\n')
    assert run("baseline", cwd=repo).exit_code == 0  # on main: Vienna (a, b) and Brussels (p, q)
    assert len(json.loads((repo / "crosscheck-baseline.json").read_text())["conflicts"]) == 2
    articles = repo / "articles"
    article(articles, "c.md", VIENNA_3_AGAIN)  # Vienna in scope again, and baselined
    article(articles, "e.md", "France and Germany will hold talks in Paris on May 5.")
    article(articles, "f.md", "Talks between Germany and France will take place in Paris on May 6.",
            meta="crosscheck:\n  accept:\n    - slot: when\n      reason: The date is disputed; both are quoted.\n")
    article(articles, "g.md", "China and India will hold talks in Delhi on March 9.")
    article(articles, "h.md", "Talks between India and China will take place in Delhi on March 10.")
    (articles / "x.txt").write_bytes(b"\x00binary")
    note = "not shown: 1 baselined, 1 accepted, 1 out of scope; 1 input skipped"

    text = run("check", "--changed-since", "main", cwd=repo)
    assert text.exit_code == 1
    flat = re.sub(r"[\s│]+", " ", text.stdout)  # the header's panel wraps at the terminal's width
    assert "1 conflict (1 error, 0 warnings)" in flat and note in flat
    assert "no longer match" not in text.stderr  # Brussels is out of scope, not stale
    data = json.loads(run("check", "--changed-since", "main", "--format", "json", cwd=repo).stdout)
    assert data["summary"]["stale_baseline"] == 0 and data["summary"]["baselined"] == 1
    markdown = run("check", "--changed-since", "main", "--format", "markdown", cwd=repo).stdout
    assert "Not shown: " + note.removeprefix("not shown: ") in markdown  # a sentence of its own there
    junit = ET.fromstring(run("check", "--changed-since", "main", "--format", "junit", cwd=repo).stdout)
    assert note in junit.find("testsuite").find("system-out").text
    props = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert props == {"baselined": "1", "suppressed": "1", "out_of_scope": "1", "skipped": "1"}
    concise = run("check", "--changed-since", "main", "--format", "concise", cwd=repo).stdout
    assert concise.splitlines()[-1] == f"Found 1 conflict (1 error, 0 warnings); {note}."

    (articles / "q.md").unlink()  # now the Brussels entry matches nothing in the corpus: stale
    stale = run("check", "--changed-since", "main", cwd=repo)
    assert "1 baseline entry no longer matches a conflict" in stale.stderr


# ---------------------------------------------------------------- 5. the cache never ends up in a commit


def test_the_cache_folder_ignores_itself_in_git(repo, tmp_path):
    run("check", cwd=repo)
    cache = repo / ".crosscheck-cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert ".crosscheck-cache" not in git(repo, "status", "--porcelain", "--untracked-files=all")
    own = tmp_path / "mine"  # a folder of the user's, named as the cache: never given a .gitignore
    own.mkdir()
    (own / "notes.txt").write_text("mine")
    run("check", "--cache-dir", own, cwd=repo)
    assert not (own / ".gitignore").exists() and (own / "extractions.sqlite").exists()


# ---------------------------------------------------------------- 6. files a user does not mean are not read


def test_ignored_files_build_folders_and_excludes_are_left_out(repo):
    articles = repo / "articles"
    (repo / ".gitignore").write_text("drafts/\n*.tmp.md\n")
    for name in ("drafts/z.md", "x.tmp.md", "node_modules/pkg/m.md", "pkg.egg-info/PKG.md", ".venv/v.md",
                 "old/o.md", "sub/d.md", "sub/old/o2.md", "forced.tmp.md"):
        article(articles, name, VIENNA_4)
    git(repo, "add", "-f", "articles/forced.tmp.md")  # tracked: read whatever the ignore files say
    shown = run("check", "--show-files", "--exclude", "old", "--exclude", "d.md", cwd=repo)
    assert shown.exit_code == 0
    assert shown.stdout.splitlines() == [f"articles/{n}" for n in ("a.md", "b.md", "forced.tmp.md", "p.md", "q.md")]
    # a folder named on the command line is read even if git ignores it
    assert run("check", "articles/drafts", "--show-files", cwd=repo).stdout.splitlines() == ["articles/drafts/z.md"]
    # the configuration's excludes: a path from its folder, wherever crosscheck runs
    (repo / "crosscheck.toml").write_text('paths = ["articles"]\nexclude = ["articles/sub"]\n')
    sub = run("check", "--show-files", cwd=repo / "articles" / "old")
    assert "sub/d.md" not in sub.stdout and str(articles / "a.md") in sub.stdout  # not under the current folder
    assert "o.md" in sub.stdout.splitlines()  # under it: from it


def test_show_settings_names_the_configuration_file(repo):
    result = run("check", "--show-settings", "--fail-on", "warning", cwd=repo / "articles")
    assert result.exit_code == 0
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["configuration"] == str((repo / "crosscheck.toml").resolve())
    assert lines["root"] == str(repo.resolve()) and lines["fail-on"] == "warning"
    assert lines["baseline"] == "-" and lines["exclude"] == "-"


# ---------------------------------------------------------------- crosscheck accept


def test_accept_writes_the_entry_where_the_finding_lands_and_the_check_then_passes(repo):
    article(repo / "articles", "c.md", VIENNA_3_AGAIN)  # a and c against b: b is the minority
    [conflict] = [c for c in json.loads(run("check", "--format", "json", cwd=repo).stdout)["conflicts"]
                  if "Iran" in c["event"]["label"]]
    result = run("accept", conflict["id"], "--reason", 'The talks moved: "twice".', cwd=repo)
    assert result.exit_code == 0, result.output
    assert "articles/b.md: accepts " + conflict["id"] in result.stderr
    assert "crosscheck" not in (repo / "articles" / "a.md").read_text()
    data = json.loads(run("check", "articles/a.md", "articles/b.md", "articles/c.md", "--format", "json",
                          cwd=repo).stdout)
    assert data["conflicts"] == [] and data["suppressed"][0]["reason"] == 'The talks moved: "twice".'
    again = run("accept", conflict["id"], "--reason", "again", "articles/b.md", cwd=repo)
    assert again.exit_code == 0 and "already accepts" in again.stderr


def test_accept_a_slot_in_a_file_keeps_its_front_matter_and_date(repo):
    path = repo / "articles" / "notes.txt"
    path.write_text("date 2022-03-01\nTalks between Iran and the EU are scheduled in Vienna on March 4.\n")
    assert run("accept", "when", "--reason", "kept", path, cwd=repo).exit_code == 0
    assert run("accept", "role", "--reason", "titles vary", path, cwd=repo).exit_code == 0
    [claim] = [json.loads(line) for line in run("claims", path, "--format", "jsonl", cwd=repo).stdout.splitlines()]
    assert claim["when"]["value"] == "2022-03-04"  # the date line is still read after the front matter
    from crosscheck.ingest import load
    [a] = load([path]).articles
    assert [(s.target, s.reason) for s in a.suppress] == [("when", "kept"), ("role", "titles vary")]


def test_accept_refuses_a_bad_entry_and_prints_the_field_for_jsonl(repo):
    bad = run("accept", "quantiy", "--reason", "x", repo / "articles" / "a.md", cwd=repo)
    assert bad.exit_code == 2 and "unknown slot 'quantiy' (did you mean 'quantity'?)" in bad.stderr
    assert run("accept", "when-12", "--reason", "x", repo / "articles" / "a.md", cwd=repo).exit_code == 2
    assert run("accept", "when", "--reason", " ", repo / "articles" / "a.md", cwd=repo).exit_code == 2
    assert "crosscheck" not in (repo / "articles" / "a.md").read_text()
    corpus = repo / "c.jsonl"
    corpus.write_text('{"id": "j", "text": "x"}\n')
    jsonl = run("accept", "when", "--reason", "kept", corpus, cwd=repo)
    assert jsonl.stdout.strip().endswith('add to the record "crosscheck": {"accept": [{"slot": "when", '
                                         '"reason": "kept"}]}')
    assert corpus.read_text() == '{"id": "j", "text": "x"}\n'


# ---------------------------------------------------------------- a pull-request comment


def test_markdown_for_a_pull_request_comment(repo, monkeypatch):
    article(repo / "articles", "c.md", VIENNA_3_AGAIN)
    comment = run("check", "--format", "markdown", "--changed-since", "main", cwd=repo).stdout
    lines = comment.splitlines()
    assert lines[0] == "<!-- crosscheck-report -->"  # a bot finds its comment by it
    assert "_Only conflicts that involve a changed file are reported; the whole corpus was compared. Not shown: 1 " \
           "out of scope._" in comment
    assert '- <a href="articles/b.md#L4">articles/b.md&#58;4</a> Talks between Iran and the EU are scheduled to ' \
           'take place in Vienna on **March 4**.' in lines
    [conflict] = json.loads(run("check", "--format", "json", "--changed-since", "main", cwd=repo).stdout)["conflicts"]
    assert f'`crosscheck accept {conflict["id"]} --reason "..."`' in comment
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "newsroom/archive")
    monkeypatch.setenv("GITHUB_SHA", "0123abc")
    linked = run("check", "--format", "markdown", "--changed-since", "main", cwd=repo).stdout
    assert '<a href="https://github.com/newsroom/archive/blob/0123abc/articles/b.md#L4">' in linked
