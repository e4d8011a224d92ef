"""Part by part, grouping gives what grouping the whole corpus gives, and a warm check redoes only what changed."""
import datetime as dt
import json
from pathlib import Path

import pytest

from crosscheck.store.cache import Cache
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.group import group, independent_parts, reading
from crosscheck.store.incremental import find_in
from crosscheck.ingest import load
from crosscheck.model import Article
from crosscheck.pipeline import check
from crosscheck.stories import STORY

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "geneva-2022"
ECBPLUS = ROOT.parent / "shared" / "ecbplus"

STORIES = [  # several events of one kind that share parties, places and months, so that parts must be told apart
    "Iran and the European Union will hold talks in Vienna on March 3.",
    "Talks between Iran and the EU are scheduled to take place in Vienna on March 4.",
    "Iran will hold talks with the IAEA in Vienna on March 9.",
    "The IAEA and Iran are due to meet in Vienna on 9 March, diplomats said.",
    "Iran said it would meet the EU in Geneva in March.",
    "Deputy Secretary of State Wendy Sherman will meet Russian officials in Geneva on January 10.",
    "Sherman is due to meet Russia in Geneva on January 11.",
    "First Deputy Secretary of State Wendy Sherman travelled to Brussels on Monday.",
    "Russia and NATO will meet in Brussels on January 12.",
    "NATO and Russia meet on January 13 in Brussels.",
]


def extractions(texts, published=dt.date(2022, 1, 2)):
    return [extract(Article(f"a{i}", f"a{i}.txt", t, published=published)) for i, t in enumerate(texts)]


def whole(xs):
    return compare(group(xs), xs)


@pytest.mark.parametrize("texts", [STORIES, STORIES[::-1], STORIES * 2])
def test_part_by_part_is_the_whole_corpus_grouped(texts):
    xs = extractions(texts)
    found = find_in(xs)
    assert found.conflicts == whole(xs) and found.conflicts
    compared = [e for e in group(xs) if e.what != STORY]  # a story's summary is shown, never compared
    assert found.events == len(compared) and found.parts > 1


def test_part_by_part_on_the_samples():
    xs = [extract(a) for a in load([SAMPLES]).articles]
    found = find_in(xs)
    assert found.conflicts == whole(xs)
    assert {c.slot for c in found.conflicts} >= {"when", "role"}


@pytest.mark.skipif(not ECBPLUS.exists(), reason="../shared/ecbplus is not here")
def test_part_by_part_on_ecbplus():
    xs = [extract(a) for a in load([ECBPLUS], published=dt.date(2012, 6, 1)).articles]
    assert find_in(xs).conflicts == whole(xs)


def test_parts_never_split_claims_that_group_together():
    xs = extractions(STORIES)
    claims = [c for x in xs for c in x.claims]
    part_of = {}
    for n, part in enumerate(independent_parts({str(k): reading(c) for k, c in enumerate(claims)})):
        part_of.update({int(k): n for k in part})
    events = group(xs)
    assert any(len(e.articles) > 1 for e in events)
    for event in events:
        assert len({part_of[claims.index(c)] for c in event.claims}) == 1


def write_corpus(folder: Path, texts) -> None:
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i}.md").write_text(f"---\npublished: 2022-01-02\n---\n{text}\n")


def test_a_warm_check_redoes_only_the_changed_article_and_its_parts(tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder, STORIES)
    cache = Cache(tmp_path / "cache")
    cold = check([folder], cache=cache)
    assert cold.work["extracted"] == len(STORIES) and cold.work["regrouped"] == cold.work["parts"]
    warm = check([folder], cache=cache)
    assert warm.work["extracted"] == 0 and warm.work["regrouped"] == 0 and warm.conflicts == cold.conflicts
    (folder / "a1.md").write_text("---\npublished: 2022-01-02\n---\nTalks between Iran and the EU are scheduled to "
                                  "take place in Vienna on March 3.\n")
    edited = check([folder], cache=cache)
    assert edited.work["extracted"] == 1 and 1 <= edited.work["regrouped"] < edited.work["parts"]
    assert edited.conflicts == check([folder]).conflicts  # the same as with no cache at all
    assert len(edited.conflicts) == len(cold.conflicts) - 1  # the March 3/4 conflict is gone


def test_a_side_given_elsewhere_reaches_cached_parts(tmp_path):
    """A person's side comes from any article: a new article that gives one changes parts it is not in."""
    folder = tmp_path / "corpus"
    texts = ["Wendy Sherman will meet Russian officials in Geneva on January 10. Sherman said the talks would be "
             "frank.", "Russia and the United States will meet in Geneva on January 11."]
    write_corpus(folder, texts)
    cache = Cache(tmp_path / "cache")
    assert check([folder], cache=cache).conflicts == ()  # whose side Wendy Sherman is on, nobody says
    write_corpus(folder, texts + ["US Deputy Secretary of State Wendy Sherman spoke to reporters in Washington."])
    warm = check([folder], cache=cache)
    assert warm.work["extracted"] == 1
    [conflict] = warm.conflicts
    assert conflict.slot == "when" and conflict == check([folder]).conflicts[0]


def test_the_json_summary_says_what_the_cache_spared(tmp_path):
    from click.testing import CliRunner

    from crosscheck.cli import main

    folder = tmp_path / "corpus"
    write_corpus(folder, STORIES)
    args = ["check", str(folder), "--format", "json", "--cache-dir", str(tmp_path / "cache")]
    CliRunner().invoke(main, args)
    work = json.loads(CliRunner().invoke(main, args).output)["summary"]["work"]
    assert work["extracted"] == 0 and work["regrouped"] == 0 and work["parts"] > 0


def test_articles_removed_added_and_another_corpus_in_between(tmp_path, monkeypatch):
    """The cached partition is brought up to date whatever happened since: articles gone, articles new, and a
    check of another corpus with the same cache (whose partition then has little in common)."""
    from crosscheck.store import incremental

    updates = []
    update = incremental._update
    monkeypatch.setattr(incremental, "_update", lambda *args: updates.append(args) or update(*args))
    folder, other = tmp_path / "corpus", tmp_path / "other"
    write_corpus(folder, STORIES)
    write_corpus(other, STORIES[2:])
    cache = Cache(tmp_path / "cache")
    check([folder], cache=cache)
    (folder / "a0.md").unlink()
    (folder / "a3.md").unlink()
    write_corpus(folder, STORIES + ["The European Union and Iran will hold talks in Vienna on March 5."])
    (folder / "a8.md").unlink()
    for paths in ([folder], [other], [folder]):
        warm = check(paths, cache=cache)
        assert warm.conflicts == check(paths).conflicts and warm.events == check(paths).events
    removed_added = [(len(args[2]), len(args[3])) for args in updates]  # the partition was updated, not redone
    assert len(removed_added) >= 2 and all(r and a for r, a in removed_added)


def test_a_cache_that_loses_values_midway_is_rebuilt(tmp_path):
    import sqlite3

    folder = tmp_path / "corpus"
    write_corpus(folder, STORIES)
    cache = Cache(tmp_path / "cache")
    check([folder], cache=cache)
    with sqlite3.connect(cache.path) as db:
        db.execute("DELETE FROM extractions")  # outlines still there: the parts to regroup cannot be read back
    (folder / "a1.md").write_text("---\npublished: 2022-01-02\n---\nTalks between Iran and the EU are scheduled to "
                                  "take place in Vienna on March 5.\n")
    warm = check([folder], cache=cache)
    assert "rebuilt" in cache.problem
    assert warm.conflicts == check([folder]).conflicts and warm.work["extracted"] == len(STORIES)
    again = check([folder], cache=cache)  # the rebuilt cache serves the next check
    assert again.work["extracted"] == 0 and again.conflicts == warm.conflicts


def test_an_unchanged_jsonl_file_is_not_read_again(tmp_path, monkeypatch):
    from crosscheck import pipeline

    def records(texts, prefix):
        return "".join(json.dumps({"id": f"{prefix}{i}", "text": t, "published": "2022-01-02"}) + "\n"
                       for i, t in enumerate(texts))

    (tmp_path / "one.jsonl").write_text(records(STORIES[:5], "a"))
    (tmp_path / "two.jsonl").write_text(records(STORIES[5:], "b"))
    files = [tmp_path / "one.jsonl", tmp_path / "two.jsonl"]
    cache = Cache(tmp_path / "cache")
    cold = check(files, cache=cache)
    read = []
    real = pipeline.read_file
    monkeypatch.setattr(pipeline, "read_file", lambda path, *args: read.append(path.name) or real(path, *args))
    (tmp_path / "two.jsonl").write_text(records(STORIES[5:] + [STORIES[0]], "b"))
    warm = check(files, cache=cache)
    assert read == ["two.jsonl"] and warm.work["extracted"] == 1
    assert warm.conflicts == check(files).conflicts and len(warm.articles) == len(cold.articles) + 1
    assert [a.path for a in warm.articles] == [a.path for a in check(files).articles]
    (tmp_path / "two.jsonl").write_text(records(STORIES[5:], "a"))  # now its ids repeat the first file's
    read.clear()
    again = check(files, cache=cache)
    assert read == ["two.jsonl"] and [s.reason for s in again.skipped] == [s.reason for s in check(files).skipped]
    assert again.skipped and again.conflicts == check(files).conflicts
