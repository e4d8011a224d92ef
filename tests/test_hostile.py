"""Hostile input, hostile caches (issue 12): nothing read runs code, no input crashes or hangs a run, and the
output cannot be turned against its reader. Each case was reproduced on main before it was fixed."""
from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import sqlite3
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.extract import extract
from crosscheck.ingest import load
from crosscheck.model import Article
from crosscheck.pipeline import check
from crosscheck.store import codec
from crosscheck.store.cache import Cache
from crosscheck.store.incremental import outline

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "geneva-2022"
STORY = ["Russia and NATO will meet in Brussels on January 12.", "NATO and Russia meet on January 13 in Brussels."]


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def story(folder: Path, texts=STORY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i}.txt").write_text(f"date 2022-01-02\n{text}\n", "utf-8")
    return folder


# ---------------------------------------------------------------- 1. nothing in a cache runs code


class _Payload:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def test_a_planted_pickle_row_in_the_cache_is_never_executed(tmp_path):
    folder = story(tmp_path / "corpus")
    cache = Cache(tmp_path / "cache")
    cold = check([folder], cache=cache)
    cache.close()
    marker = tmp_path / "pwned"
    assert pickle.loads(pickle.dumps(_Payload(tmp_path / "probe"))) is None and (tmp_path / "probe").exists()
    db = sqlite3.connect(tmp_path / "cache" / "extractions.sqlite")
    payload = zlib.compress(pickle.dumps(_Payload(marker)))
    with db:
        for table in ("outlines", "extractions", "parts", "state", "files", "readings"):
            db.execute(f"UPDATE {table} SET value = ?", (payload,))
    db.close()
    cache = Cache(tmp_path / "cache")
    warm = check([folder], cache=cache)
    assert not marker.exists()
    assert warm.conflicts == cold.conflicts and warm.work["extracted"] == len(STORY)  # every row a miss
    result = run("check", folder, "--cache-dir", tmp_path / "cache", "--format", "json")
    assert not marker.exists() and result.exit_code == 1


def test_cached_values_round_trip_as_plain_json():
    for article in load([SAMPLES]).articles:
        x = extract(article)
        assert codec.loads(codec.dumps(x)) == x
        o, readings = outline(x)
        assert codec.loads(codec.dumps(o)) == o
        for r in readings.values():
            assert codec.loads(codec.dumps(r)).identity == r.identity
    assert codec.loads(codec.dumps({"a": 1, "b": 2})) == {"a": 1, "b": 2}
    assert codec.loads(codec.dumps(Article("i\ud800", "p", "t", published=dt.date(2022, 1, 2)))).id == "i\ud800"


def test_rows_of_the_right_shape_and_the_wrong_types_are_misses(tmp_path):
    folder = story(tmp_path / "corpus")
    cache = Cache(tmp_path / "cache")
    cold = check([folder], cache=cache)
    rows = {"outlines": b'{"@":"Outline","v":["many",[[0,"d",[]]],[]]}',
            "extractions": b'{"@":"Extraction","v":[1,[],[],[]]}', "parts": b'{"@":"Found","v":[1,[7],0,0]}',
            "state": b'{"d":[["x",[]]]}', "readings": b'{"@":"Span","v":[1,2,"x"]}', "files": b'[1]'}
    with cache._db:
        for table, row in rows.items():
            cache._db.execute(f"UPDATE {table} SET value = ?", (zlib.compress(row),))
    warm = check([folder], cache=cache)
    assert warm.conflicts == cold.conflicts and warm.work["extracted"] == len(STORY)


@pytest.mark.parametrize("row", [b'{"@": "Popen", "v": ["sh"]}', b'{"@": "Span", "v": [1]}', b"\x80\x04K\x01.",
                                 b'{"x": 1}', b"[" * 100_000 + b"]" * 100_000, b'{"@": "__main__._Payload", "v": []}',
                                 b'{"@":"Outline","v":["many",[],[]]}', b'{"@":"Span","v":[1,2,3]}',
                                 b'{"@":"TimeValue","v":[1,2,3,"day",{"f":[1]},null,null,null,null]}',
                                 b'{"@":"Outline","v":[1,[[1,"d",[2]]],[]]}', b'{"@": 5, "v": []}'])
def test_a_row_that_does_not_decode_is_refused(row):
    with pytest.raises(codec.CodecError):
        codec.loads(row)


# ---------------------------------------------------------------- 2. no input crashes or hangs the run


@pytest.fixture
def deadline():
    """Fail, rather than hang, a test whose input would block the run."""
    import signal

    def expired(signum, frame):
        raise TimeoutError("the run blocked")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def skipped_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("crosscheck: skipped")]


def test_a_file_name_that_is_not_utf8_is_skipped_in_one_line(tmp_path):
    folder = story(tmp_path / "c")
    (folder / "a1.txt").rename(Path(os.fsdecode(bytes(folder / "b")) + os.fsdecode(b"\xff.txt")))
    for fmt in ("text", "json", "sarif", "junit", "markdown", "github", "jsonl"):
        result = run("check", folder, "--no-cache", "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        assert "Traceback" not in result.output
        assert [line for line in skipped_lines(result)] == [
            f"crosscheck: skipped {folder}/b\\xff.txt: file name is not valid UTF-8 (rename the file)"]


def test_a_jsonl_id_with_a_lone_surrogate_is_skipped_and_other_strings_are_repaired(tmp_path):
    corpus = tmp_path / "c.jsonl"
    records = [{"id": "a\ud800", "text": STORY[0]}, {"id": "b", "text": STORY[0], "title": "T\udc00"},
               {"id": "c", "text": STORY[1] + " \ud83d"}]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    result = run("check", corpus, "--no-cache", "--published", "2022-01-02", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [s["path"] for s in report["skipped"]] == [f"{corpus}:1"] and "lone surrogate" in report["skipped"][0]["reason"]
    assert [a["title"] for a in report["articles"]] == ["T\ufffd", None] and report["conflicts"]


def test_a_jsonl_line_nested_100000_deep_is_skipped(tmp_path):
    corpus = tmp_path / "c.jsonl"
    deep = '{"id": "x", "text": "t", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    corpus.write_text(deep + "\n" + json.dumps({"id": "a", "text": STORY[0]}) + "\n", "utf-8")
    corpus = load([corpus])
    assert [a.id for a in corpus.articles] == ["a"] and "nested too deeply" in corpus.skipped[0].reason


def test_deep_yaml_front_matter_is_no_metadata(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("---\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\n" + STORY[0] + "\n", "utf-8")
    assert load([f]).articles[0].text.endswith(STORY[0] + "\n")


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_only_regular_files_are_read(tmp_path, deadline, kind):
    import socket

    folder = story(tmp_path / "c")
    odd = folder / "odd.txt"
    if kind == "fifo":
        os.mkfifo(odd)
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(odd))
    else:
        odd.symlink_to("/dev/zero")
    for paths in ([folder], [folder / "a0.txt", folder / "a1.txt", odd]):
        corpus = load(paths, follow_links=True)
        assert len(corpus.articles) == 2
        assert [s.path for s in corpus.skipped] == [str(odd)] and "not a regular file" in corpus.skipped[0].reason
    result = run("check", folder, "--no-cache", "--follow-links", "--progress")
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_fifo_turned_jsonl_is_not_waited_on(tmp_path, deadline):
    os.mkfifo(tmp_path / "f.jsonl")
    story(tmp_path)
    result = run("check", tmp_path, "--cache-dir", tmp_path / ".cache", "--progress")
    assert result.exit_code == 1 and "not a regular file: a FIFO" in result.stderr


def test_a_symlink_out_of_the_folders_given_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("date 2022-01-02\nNATO and Russia meet on January 14 in Brussels, the secret says.\n")
    folder = story(tmp_path / "c")
    (folder / "passwd.txt").symlink_to(secret)
    (folder / "inside.txt").symlink_to(folder / "a0.txt")  # a link within the folder is followed
    (folder / "sub").symlink_to(outside, target_is_directory=True)
    corpus = load([folder])
    assert sorted(a.id for a in corpus.articles) == ["a0", "a1", "inside"]
    assert [s.path for s in corpus.skipped] == [str(folder / "passwd.txt")]
    assert "--follow-links" in corpus.skipped[0].reason
    assert load([folder / "passwd.txt"]).skipped  # named alone, it still leads out of its folder
    result = run("check", folder, "--no-cache", "--format", "sarif")
    assert "secret" not in result.stdout and "passwd.txt: symbolic link" in result.stderr
    followed = load([folder], follow_links=True)
    assert sorted(a.id for a in followed.articles) == ["a0", "a1", "inside", "passwd", "secret"]
    assert "secret" in run("check", folder, "--no-cache", "--format", "sarif", "--follow-links").stdout


# ---------------------------------------------------------------- 2. the user's own files: one line, exit 2


@pytest.mark.parametrize("setting, message", [
    ("exclude = 5", "'exclude' must be a string or an array of strings (got an integer)"),
    ("cache-dir = 5", "'cache-dir' must be a path (a string) (got an integer)"),
    ("baseline = 7", "'baseline' must be a path (a string) (got an integer)"),
    ("jobs = true", "'jobs' must be a whole number of 1 or more (got a boolean)"),
    ("jobs = 1.5", "'jobs' must be a whole number of 1 or more (got a number)"),
    ("paths = [1]", "'paths' must be a string or an array of strings (got an array)"),
    ("lexicon = {a = 1}", "'lexicon' must be a string or an array of strings (got a table)"),
    ("severity = 3", "'severity' maps a slot"),
    ("fail-on = true", "'fail-on' must be error, warning or never"),
])
def test_every_setting_is_type_checked(tmp_path, monkeypatch, setting, message):
    story(tmp_path / "c")
    (tmp_path / "crosscheck.toml").write_text(setting + "\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "c", "--no-cache")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"Error: config {tmp_path / 'crosscheck.toml'}: {message}")


@pytest.mark.parametrize("content, message", [("tool = 5", "'tool' must be a table (got an integer)"),
                                              ("[tool]\ncrosscheck = 5", "'tool.crosscheck' must be a table")])
def test_a_pyproject_above_the_folder_with_a_tool_of_the_wrong_type(tmp_path, monkeypatch, content, message):
    story(tmp_path / "c")
    (tmp_path / "pyproject.toml").write_text(content + "\n")
    monkeypatch.chdir(tmp_path / "c")
    result = run("check", ".", "--no-cache")
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: config {tmp_path / 'pyproject.toml'}: {message}")


@pytest.mark.parametrize("content, message", [
    ("events.classes.meeting.nouns = 5", "'events.classes.meeting.nouns' must be an array (got number)"),
    ("places.aliases = ['x']", "'places.aliases' must be a table (got array)"),
    ("[events.classes.x]\nlabel = 'x'\nnouns = 'n'", "'events.classes.x.nouns' must be an array (got string)"),
    ("events.classes.summit.verbs = [3]", "'events.classes.summit.verbs[0]' must be a string (got number)"),
    ("[[actors.organisation]]\nname = 5\naliases = []", "'actors.organisation[0].name' must be a string (got number)"),
    ("titles.ranks = [1]", "'titles.ranks[0]' must be a string (got number)"),
    ("sources.head_lines = 'x'", "'sources.head_lines' must be a number (got string)"),
    ("places = 5", "'places' must be a table (got number)"),
    ("x = " + "[" * 5000 + "]" * 5000, "nested too deeply to read"),
    # found by fuzzing the lexicon (each crashed every article's extraction)
    ("[[actors.organisation]]\nname = 'X'", "'actors.organisation[0]' needs the key 'aliases'"),
    ("spelling.variants = [[]]", "'spelling.variants[0]' must have 2 items (has 0)"),
    ("dates.languages = ['[']", "'dates.languages' has '[', not a language dateparser knows (such as 'de', 'fr')"),
    ("actors.extra_countries = {XX = -2}", "'actors.extra_countries.XX' must be a string (got number)"),
])
def test_a_lexicon_value_of_the_wrong_type_names_the_lexicon(tmp_path, content, message):
    lexicon = tmp_path / "words.toml"
    lexicon.write_text(content + "\n")
    result = run("check", SAMPLES, "--no-cache", "--lexicon", lexicon)
    assert result.exit_code == 2 and result.stderr == f"Error: lexicon {lexicon}: {message}\n"


def test_a_lexicon_of_the_right_types_still_merges(tmp_path):
    lexicon = tmp_path / "words.toml"
    lexicon.write_text('[events.classes.hearing]\nlabel = "hearing"\nnouns = ["inquiry session"]\n'
                       '[[actors.organisation]]\nname = "Danube Commission"\naliases = ["DC"]\n'
                       '[places.aliases]\n"Big Apple" = "New York City"\n')
    assert run("check", SAMPLES, "--no-cache", "--lexicon", lexicon).exit_code == 1


@pytest.mark.parametrize("content, message", [
    ('{"schema": "crosscheck/baseline@1", "conflicts": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply to read"),
    ('{"schema": "crosscheck/baseline@1", "conflicts": [{"id": ["x"]}]}', "'conflicts[0].id' must be a string"),
])
def test_a_broken_baseline_is_one_line_and_exit_2(tmp_path, content, message):
    base = tmp_path / "baseline.json"
    base.write_text(content)
    result = run("check", story(tmp_path / "c"), "--no-cache", "--baseline", base)
    assert result.exit_code == 2 and result.stderr.startswith(f"Error: baseline {base}: {message}")
    assert len(result.stderr.splitlines()) == 1


# ---------------------------------------------------------------- 2. text and dates that dropped an article


@pytest.mark.parametrize("gap", ["  ", "\t", " \u00a0"])
def test_according_to_with_two_spaces_or_a_tab_keeps_the_article(gap):
    text = f"Russia and NATO met in Brussels on January 12, according{gap}to a report on December 23."
    x = extract(Article("a", "a.txt", text, published=dt.date(2022, 1, 2)))
    assert [c.what for c in x.claims] == [c.what for c in extract(Article(
        "a", "a.txt", text.replace(gap, " "), published=dt.date(2022, 1, 2))).claims]


@pytest.mark.parametrize("published", ["9999-12-31", "9999-12-27", "0001-01-01"])
@pytest.mark.parametrize("phrase", ["next Thursday", "last Thursday", "next week", "this weekend", "next year",
                                    "last month", "two days later", "tomorrow"])
def test_dates_at_the_ends_of_the_calendar_do_not_drop_the_article(tmp_path, published, phrase):
    (tmp_path / "a.txt").write_text(f"Russia and NATO will meet {phrase} in Brussels on January 12.\n")
    result = run("check", tmp_path, "--no-cache", "--published", published, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["skipped"] == [], result.stderr


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    text = (SAMPLES / "000_d1ed51578ae4d2f3.txt").read_text()
    for i in range(300):  # enough misses for a pool, and enough work to kill it midway
        (tmp_path / f"a{i}.txt").write_text(f"{text}\nCopy {i}.\n")
    parent = subprocess.Popen([sys.executable, "-m", "crosscheck", "check", str(tmp_path), "--no-cache", "-j2"],
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    start = time.monotonic()
    while len(_children(parent.pid)) < 2 and time.monotonic() - start < 60 and parent.poll() is None:
        time.sleep(0.05)
    workers = _children(parent.pid)
    assert len(workers) == 2
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [w for w in workers if Path(f"/proc/{w}").exists()
                 and Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    for w in alive:  # the test's own strays, by pid
        os.kill(w, signal.SIGKILL)
    assert alive == []


# ---------------------------------------------------------------- 5. output that cannot be turned against its reader

HOSTILE = {  # what an id, a title or a quote may hold
    "markup": "z[/nope] [bold red]x[/] [link=https://evil.example]y[/link]",
    "escape": "clear\x1b[2Jscreen\x1b[31mred",
    "osc": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "bidi": "abc\u202edcba\u2066 csi\x9b2J",
    "xml": "nul\x00bell\x07vt\x0bff\x0c\ufffe",
    "markdown": "<script>alert(1)</script> @octocat | `tick` **bold** [a](https://evil.example) ![i](x)",
}
FORMATS_ALL = ("text", "json", "jsonl", "github", "sarif", "junit", "markdown")


def hostile_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "hostile.jsonl"
    lines = []
    for i, (name, bad) in enumerate(HOSTILE.items()):
        for j, text in enumerate(STORY):
            lines.append(json.dumps({"id": f"{name}{j} {bad}", "title": f"{bad} \ud800", "published": "2022-01-02",
                                     "text": f"{text[:-1]}, {bad} said\ud83d.\n"}))
    corpus.write_text("\n".join(lines) + "\n", "utf-8")
    return corpus


def assert_harmless(text: str, fmt: str) -> None:
    """No control character raw (JSON formats: the data as it is, but escaped by JSON), no lone surrogate."""
    never = "\x1b\x07\x00\x0b\x0c" + ("" if fmt in ("json", "jsonl", "sarif") else "\u202e\u2066\x9b")
    raw = [c for c in never + ("\ufffe" if fmt == "junit" else "") if c in text]
    assert raw == [], (fmt, raw)
    assert not any("\ud800" <= c <= "\udfff" for c in text), fmt


@pytest.mark.parametrize("fmt", FORMATS_ALL)
def test_hostile_ids_titles_and_quotes_through_every_format(tmp_path, fmt):
    from xml.etree import ElementTree as ET

    corpus = hostile_corpus(tmp_path)
    out = tmp_path / f"report.{fmt}"
    result = run("check", corpus, "--no-cache", "--format", fmt, "-o", out, "--explain")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.stderr == ""
    data = out.read_bytes().decode("utf-8")  # valid UTF-8, or this raises
    assert_harmless(data, fmt)
    if fmt in ("json", "sarif"):
        parsed = json.loads(data)
        assert parsed
    elif fmt == "jsonl":
        assert all(json.loads(line) for line in data.splitlines())
    elif fmt == "junit":
        assert ET.fromstring(data.split("\n", 1)[1]).find("testsuite") is not None
        assert "\\x1b[2J" in data  # escaped, not dropped
    elif fmt == "github":
        assert all(line.startswith(("::error ", "::warning ")) for line in data.splitlines())
    elif fmt == "markdown":
        assert "<script>" not in data and "@octocat" not in data and not re.search(r"(?<!\\)\]\(", data)
        assert "`tick`" not in data and "[/nope]" not in data
    elif fmt == "text":
        assert "z[/nope]" in data and "[bold red]x[/]" in data  # shown as written, not read as markup
        assert "\\x1b[2J" in data and "\\u202e" in data


def test_hostile_strings_in_the_claims_and_dates_commands_and_stderr(tmp_path):
    corpus = hostile_corpus(tmp_path)
    for command in ("claims", "dates", "events"):
        result = run(command, corpus)
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        assert_harmless(result.output, command)
        assert "z[/nope]" in result.output
    bad = tmp_path / "bad\x1b[2J.jsonl"
    bad.write_text("not json\n" + json.dumps({"id": "x", "text": STORY[0]}) + "\n")
    result = run("check", bad, "--no-cache")
    assert "\x1b" not in result.stderr and "bad\\x1b[2J.jsonl:1" in result.stderr
    result = run("check", tmp_path / "missing\x1b]8;;x\x07.txt", "--no-cache")
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_every_format_writes_a_lone_surrogate_as_u_fffd(tmp_path):
    from crosscheck.model import Corpus
    from crosscheck.report.formats import write
    import io

    articles = tuple(Article(f"a{i}", f"a{i}.txt", f"{t[:-1]}, officials said\ud800.", title="T\udc00",
                             published=dt.date(2022, 1, 2)) for i, t in enumerate(STORY))
    report = check(Corpus(articles))
    assert report.conflicts
    for fmt in FORMATS_ALL:
        out = io.StringIO()
        write(report, fmt, out)
        assert not any("\ud800" <= c <= "\udfff" for c in out.getvalue()), fmt
        if fmt in ("json", "jsonl", "sarif"):  # data: replaced; for people (text, markdown, junit): shown escaped
            assert "\ufffd" in out.getvalue(), fmt
        out.getvalue().encode("utf-8")


# ---------------------------------------------------------------- 3. time linear in the input (the splitter, ingest)


def _cpu(fn) -> float:
    import time

    start = time.process_time()
    fn()
    return time.process_time() - start


@pytest.mark.parametrize("text", ["!" * 32_000, "." * 32_000, "?!." * 11_000, "Mr. " * 8_000, "12. Januar " * 3_000,
                                  "U.S. " * 6_000], ids=["bangs", "dots", "mixed", "mr", "ordinal-days", "u.s."])
def test_the_sentence_splitter_is_linear(text):
    from crosscheck.extract.document import sentences

    small = _cpu(lambda: sentences(text[:len(text) // 8]))
    assert _cpu(lambda: sentences(text)) < 0.5 + 16 * small  # 8x the text: ~8x the time (15 s before for '!')


def test_the_sentence_splitter_on_a_megabyte_of_dots_finishes():
    from crosscheck.extract.document import sentences

    assert _cpu(lambda: sentences("." * 1_000_000)) < 5
    assert [s.text for s in sentences("He left!!! Then she came. Mr. Smith stayed?! Yes.")] == [
        "He left!!!", "Then she came.", "Mr. Smith stayed?!", "Yes."]


def test_a_long_published_field_is_not_handed_to_dateparser(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": STORY[0], "published": "January 12 2022 " * 1_500}) + "\n")
    spent = _cpu(lambda: load([corpus]))
    assert spent < 2 and load([corpus]).articles[0].published is None  # 7.8 s before


def test_a_megabyte_top_line_is_read_for_its_date_quickly(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Published: 30 December 2021 " + "(and more) " * 100_000 + "\n" + STORY[0] + "\n")
    article = None
    assert _cpu(lambda: load([f])) < 5
    article = load([f]).articles[0]
    assert article.published == dt.date(2021, 12, 30)


def test_html_over_its_size_limit_is_skipped_in_one_line(tmp_path):
    from crosscheck.ingest import files

    page = tmp_path / "big.html"
    para = "<p>" + STORY[0] * 20 + "</p>\n"
    page.write_text("<html><body><article>" + para * (files.MAX_HTML_BYTES // len(para) + 10) + "</article></body></html>")
    story(tmp_path)
    corpus = load([tmp_path])
    assert len(corpus.articles) == 2 and [s.path for s in corpus.skipped] == [str(page)]
    assert corpus.skipped[0].reason.startswith("HTML file too large: 5.")


def test_a_changed_since_revision_is_never_read_as_a_git_option(tmp_path):
    target = tmp_path / "written-by-git"
    result = run("check", story(tmp_path / "c"), "--no-cache", f"--changed-since=--output={target}")
    assert result.exit_code == 2 and not target.exists() and "not a git revision" in result.stderr


def test_an_unforeseen_error_is_one_line_and_exit_2_never_1(tmp_path, monkeypatch):
    import crosscheck.cli as cli

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom\x1b[2J")

    monkeypatch.setattr(cli, "run_check", broken)
    result = run("check", story(tmp_path / "c"), "--no-cache")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == ["Error: internal error (ZeroDivisionError: boom\\x1b[2J); please report it "
                                          "(CROSSCHECK_DEBUG=1 shows where)"]
    monkeypatch.setenv("CROSSCHECK_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run("check", tmp_path / "c", "--no-cache")


def test_a_huge_jsonl_line_is_never_held_whole(tmp_path, monkeypatch):
    import tracemalloc

    from crosscheck.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(files, "MAX_LINE_BYTES", 1000, raising=False)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "big", "text": "x" * 20_000_000}) + "\n"
                      + json.dumps({"id": "a", "text": STORY[0]}) + "\n")
    tracemalloc.start()
    loaded = load([corpus])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [a.id for a in loaded.articles] == ["a"] and peak < 5_000_000  # the line is 20 MB
    assert loaded.skipped[0].reason == "line 1 is too large: 20 MB (limit 0 MB)"
