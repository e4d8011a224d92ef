"""Ingest: every kind of input, its publication date, and bad input reported, never fatal."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from crosscheck import load
from crosscheck.ingest import parse_date
from crosscheck.model import Article

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "geneva-2022"


def articles(corpus) -> dict[str, Article]:
    return {a.id: a for a in corpus.articles}


def test_sample_folder_loads_every_article_and_skips_gold_json():
    corpus = load([SAMPLES])
    assert sorted(articles(corpus)) == sorted(p.stem for p in SAMPLES.glob("*.txt"))
    assert not corpus.skipped  # gold.json is not an input


def test_leading_date_line_is_the_publication_date_and_not_body():
    a = articles(load([SAMPLES]))["002_f91752d79a3f6b7c"]
    assert a.published == dt.date(2021, 12, 30)
    assert a.published_source == "date-line"
    assert "2021-12-30" not in a.text[a.body_start:]
    assert a.text[a.body_start:].lstrip().startswith("Russia Will Seek")


def test_page_banner_date_is_not_a_publication_date():
    a = articles(load([SAMPLES]))["003_d3ed57b0465f031a"]  # "-4.4 C / Europe / Sunday, December 3, 2023"
    assert a.published is None


def test_yaml_front_matter_date_title_and_body(tmp_path):
    (tmp_path / "story.md").write_text(
        "---\ntitle: Talks in Vienna\npublished: 2022-03-04\nurl: https://example.org/a\n---\n"
        "The ministers met in Vienna on Thursday.\n")
    a = articles(load([tmp_path]))["story"]
    assert (a.published, a.published_source, a.title, a.url) == (
        dt.date(2022, 3, 4), "front-matter", "Talks in Vienna", "https://example.org/a")
    assert a.text[a.body_start:].startswith("The ministers met")


def test_published_option_overrides_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-12-30\nThe ministers met in Vienna.\n")
    a = articles(load([tmp_path], published=dt.date(2020, 1, 2)))["a"]
    assert (a.published, a.published_source) == (dt.date(2020, 1, 2), "option")


def test_jsonl_corpus_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "x1", "text": "NATO and Russia met in Brussels.", "published": "2022-01-12",
                    "title": "Met", "url": "https://example.org/x1"}),
        "{not json",
        json.dumps({"id": "x2"}),
        json.dumps({"id": "x1", "text": "a second x1"}),
        json.dumps({"text": "No id here.", "date": "12 January 2022"}),
    ]
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    corpus = load([tmp_path / "corpus.jsonl"])
    got = articles(corpus)
    assert set(got) == {"x1", "corpus:5"}
    assert got["x1"].published == dt.date(2022, 1, 12) and got["x1"].title == "Met"
    assert got["corpus:5"].published == dt.date(2022, 1, 12)
    reasons = sorted(s.reason for s in corpus.skipped)
    assert len(reasons) == 3
    assert any("line 2 is not valid JSON" in r for r in reasons)
    assert any("line 3 has no 'text' field" in r for r in reasons)
    assert any("line 4 repeats the id 'x1'" in r for r in reasons)
    assert all(":" in s.path for s in corpus.skipped)  # path:line names the line


def test_html_main_text_and_meta_date(tmp_path):
    paragraph = "Russia and NATO will meet in Brussels on 12 January to discuss security guarantees. " * 4
    (tmp_path / "page.html").write_text(
        "<html><head><title>Talks</title>"
        '<meta property="article:published_time" content="2021-12-30T08:33:00Z"></head>'
        f"<body><nav>Home | World | Sport</nav><article><h1>Talks</h1><p>{paragraph}</p>"
        f"<p>{paragraph}</p></article></body></html>")
    a = articles(load([tmp_path]))["page"]
    assert a.published == dt.date(2021, 12, 30) and a.published_source == "html-meta"
    assert "Brussels on 12 January" in a.text
    assert "Home | World" not in a.text


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("The ministers met in Vienna.\n")
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "only-meta.md").write_text("---\ntitle: x\n---\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    corpus = load([tmp_path, tmp_path / "missing.txt", tmp_path / "notes.pdf"])
    assert list(articles(corpus)) == ["good"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["latin1.txt"].startswith("not valid UTF-8: byte 0xe9")
    assert reasons["only-meta.md"] == "no text after the metadata"
    assert reasons["missing.txt"] == "no such file or directory"
    assert reasons["notes.pdf"].startswith("unsupported file type '.pdf'")


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story from {folder}.\n")
    ids = sorted(articles(load([tmp_path])))
    assert len(ids) == 2 and len(set(ids)) == 2


def test_inputs_are_never_changed(tmp_path):
    (tmp_path / "a.md").write_text("---\npublished: 2022-01-01\n---\nNATO met Russia in Brussels on 12 January.\n")
    (tmp_path / "b.jsonl").write_text('{"id": "b", "text": "NATO met Russia on 13 January."}\n{oops\n')
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    load([tmp_path])
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()}
    assert before == after


@pytest.mark.parametrize("raw, expected", [
    ("2021-12-30", dt.date(2021, 12, 30)),
    ("2021-12-30T08:33:00Z", dt.date(2021, 12, 30)),
    ("30 December 2021", dt.date(2021, 12, 30)),
    ("December 30, 2021", dt.date(2021, 12, 30)),
    ("not a date", None),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("top, expected, source", [
    ("08:33 GMT 30.12.2021 (Updated: 09:32 GMT 30.12.2021)\n", dt.date(2021, 12, 30), "timestamp-line"),
    ("MOSCOW, Dec 30, 2021 (Reuters) - Russia said on Thursday ...\n", dt.date(2021, 12, 30), "dateline"),
    ("Talks in Geneva\nPublished: 30 December 2021 10:00\nUpdated: 2 January 2022\n", dt.date(2021, 12, 30),
     "published-line"),
    ("Posted on January 5, 2022 by the desk\n", dt.date(2022, 1, 5), "published-line"),
    # page chrome: the day's weather and date is when the page was fetched, not when the story was written
    ("-4.4 C\nEurope\nSunday, December 3, 2023\n\nUkrainian forces disrupt a railway link\n", None, None),
    # a date in the story is not a publication date
    ("Russia and NATO will meet on 12 January 2022 in Brussels.\n", None, None),
])
def test_publication_date_from_the_top_lines_with_evidence(tmp_path, top, expected, source):
    (tmp_path / "a.txt").write_text(top + "The delegations met in Geneva.\n")
    a = articles(load([tmp_path]))["a"]
    assert (a.published, a.published_source) == (expected, source)


def test_a_jsonl_corpus_is_read_a_record_at_a_time_and_bad_lines_are_skipped(tmp_path):
    corpus = tmp_path / "big.jsonl"
    with corpus.open("wb") as f:
        f.write(b'{"id": "a", "text": "NATO met Russia."}\n')
        f.write(b'{"id": "b", "text": "caf\xe9"}\n')  # not UTF-8
        f.write(b'{"id": "c", "text": "Talks in Vienna."}\n')
    got = load([corpus])
    assert [a.id for a in got.articles] == ["a", "c"]
    assert got.skipped[0].reason == "line 2 is not valid UTF-8 (byte 0xe9)"


def test_a_file_that_vanishes_mid_run_is_skipped(tmp_path):
    from crosscheck.ingest import iter_inputs

    (tmp_path / "a.txt").write_text("NATO met Russia in Brussels.\n")
    (tmp_path / "b.txt").write_text("Talks in Vienna.\n")
    items = iter_inputs([tmp_path])
    first = next(items)  # the folder is listed, a.txt read
    (tmp_path / "b.txt").unlink()
    [rest] = list(items)
    assert first.id == "a" and rest.reason.startswith("cannot read: No such file")
