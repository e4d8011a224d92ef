"""Property fuzzing (issue 12): no bytes crash ingest, no text crashes extraction, no small corpus crashes a check
or any format, and every output parses.

Bounded for ``make test`` (the "ci" profile: a fixed set of examples, well under a minute); ``make fuzz``
runs the "fuzz" profile (many more, random each run). Every exception this ever finds becomes a regression
test in ``test_hostile.py``.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
from xml.etree import ElementTree as ET

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from crosscheck.extract import extract  # noqa: E402
from crosscheck.ingest import load  # noqa: E402
from crosscheck.model import Article, Corpus, Skipped  # noqa: E402
from crosscheck.pipeline import check  # noqa: E402
from crosscheck.report.formats import FORMATS, write  # noqa: E402

_COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                     HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=25, derandomize=True, database=None, **_COMMON)
settings.register_profile("fuzz", max_examples=1500, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# words the extractor reacts to, so that random text reaches its patterns, not just its tokenizer
WORDS = ["Russia", "NATO", "the", "United States", "Mr.", "Dr.", "U.S.", "met", "meet", "will", "meeting", "talks",
         "summit", "in", "on", "Brussels", "Geneva", "Moscow", "January", "12", "12th", "2022", "next", "last",
         "Thursday", "week", "year", "two days later", "according", "to", "said", "killed", "at least", "35",
         "about", "100,000", "people", "Deputy Foreign Minister", "Sergei Ryabkov", "Ryabkov", "President",
         "(", ")", "\"", "'", ",", ".", "!", "?", ";", ":", "-", "\u2013", "\u201c", "\u201d", "\n", "\n\n", "  ", "\t",
         "\x1b[2J", "[/x]", "\u202e", "\ufeff", "\u00a0", "12. Januar", "1/2/2022", "Q3", "Dec.", "OSCE", "IAEA"]
texts = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=60).map(" ".join)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                  st.sampled_from([dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2022, 1, 2)]))
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     st.text(max_size=12)),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                        max_size=4), max_leaves=12)


def _one_line(skipped: Skipped) -> None:
    assert skipped.reason and "\n" not in skipped.reason and skipped.path


@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".html"]))
def test_any_bytes_are_read_or_skipped_in_one_line(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / f"a{suffix}").write_bytes(data)
    corpus = load([folder])
    for s in corpus.skipped:
        _one_line(s)
    for a in corpus.articles:
        assert isinstance(a.text, str) and a.id


@given(records=st.lists(st.one_of(
    json_values,
    st.fixed_dictionaries({"text": texts}, optional={"id": json_values, "title": json_values,
                                                     "published": json_values, "url": json_values,
                                                     "crosscheck": json_values})), max_size=5))
def test_any_jsonl_records_are_read_or_skipped_in_one_line(tmp_path_factory, records):
    corpus_file = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    corpus_file.write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    corpus = load([corpus_file])
    for s in corpus.skipped:
        _one_line(s)
    assert len({a.id for a in corpus.articles}) == len(corpus.articles)


@given(text=texts, published=dates)
def test_any_text_extracts_with_offsets_into_it(text, published):
    x = extract(Article("a", "a.txt", text, published=published))
    for c in x.claims:
        assert text[c.sentence.start:c.sentence.end] == c.sentence.text
        assert c.sentence.start <= c.trigger.start < c.trigger.end <= c.sentence.end
    for e in x.dates:
        assert text[e.start:e.end] == e.text


@settings(max_examples=max(10, settings.default.max_examples // 20))  # a whole check each: fewer
@given(bodies=st.lists(texts, min_size=1, max_size=4), published=dates,
       ids=st.lists(st.text(min_size=1, max_size=8), min_size=4, max_size=4, unique=True))
def test_any_small_corpus_checks_and_every_format_parses(bodies, published, ids):
    story = "Russia and NATO will meet in Brussels on January 12. "
    articles = tuple(Article(ids[i], f"{i}.txt", story + body, title=ids[i], published=published)
                     for i, body in enumerate(bodies))
    report = check(Corpus(articles))
    for fmt in FORMATS:
        out = io.StringIO()
        write(report, fmt, out)
        data = out.getvalue()
        data.encode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(data)
        elif fmt == "jsonl":
            [json.loads(line) for line in data.splitlines()]
        elif fmt == "junit":
            ET.fromstring(data.split("\n", 1)[1])
        if fmt not in ("json", "jsonl", "sarif"):
            assert "\x1b" not in data


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_toml, value)) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


toml_values = st.recursive(
    st.one_of(st.sampled_from(["", "x", "NATO", "(", "a b", "\\", "["]), st.integers(-3, 5), st.booleans(),
              st.floats(allow_nan=False, allow_infinity=False)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["label", "nouns", "verbs", "name", "aliases", "theme", "claim", "after", "x"]), inner,
        max_size=3), max_leaves=6)


@settings(max_examples=max(10, settings.default.max_examples // 10))
@given(data=st.data())
def test_any_lexicon_stops_in_one_line_or_extracts(tmp_path_factory, data):
    """A user lexicon that passes the check never makes extraction fail (found: an organisation without
    aliases, a spelling pair of no words, an unknown language)."""
    import sys

    from crosscheck.lexicon import DATA_FILES, LexiconError, use_lexicon

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    from importlib import resources

    name = data.draw(st.sampled_from(DATA_FILES))
    node = tomllib.loads(resources.files("crosscheck.data").joinpath(f"{name}.toml").read_text("utf-8"))
    path = []
    while isinstance(node, dict) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(node)))
        path.append(key)
        node = node[key]
    value = data.draw(toml_values)
    for key in reversed(path):
        value = {key: value}
    lexicon = tmp_path_factory.mktemp("lexicon") / "words.toml"
    lexicon.write_text(f"{json.dumps(name)} = {_toml(value)}\n", "utf-8")
    try:
        use_lexicon(lexicon)
    except LexiconError as err:
        assert str(err).startswith(f"lexicon {lexicon}: ") and "\n" not in str(err)
        return
    try:
        extract(Article("a", "a.txt", "Deputy Foreign Minister Sergei Ryabkov said Russia and NATO will meet in "
                                      "Brussels on 12. Januar 2022, according to officials.", published=dt.date(2022, 1, 2)))
    finally:
        use_lexicon()


@settings(max_examples=max(10, settings.default.max_examples // 10))
@given(table=st.dictionaries(st.sampled_from(["paths", "exclude", "fail-on", "baseline", "lexicon", "cache-dir", "jobs",
                                              "severity"]), toml_values, max_size=3),
       baseline=json_values)
def test_any_configuration_or_baseline_stops_in_one_line_or_runs(tmp_path_factory, table, baseline):
    from click.testing import CliRunner

    from crosscheck.cli import main

    folder = tmp_path_factory.mktemp("config")
    (folder / "a.txt").write_text("date 2022-01-02\nRussia and NATO will meet in Brussels on January 12.\n")
    (folder / "crosscheck.toml").write_text("\n".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in table.items()) + "\n")
    (folder / "baseline.json").write_text(json.dumps(baseline))
    for extra in ([], ["--baseline", str(folder / "baseline.json")]):
        result = CliRunner().invoke(main, ["check", str(folder / "a.txt"), "--config", str(folder / "crosscheck.toml"),
                                           "--no-cache", "-j1", *extra])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")
