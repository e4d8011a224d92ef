"""The cache drops what no check used in the last N checks, through the CLI: ``crosscheck cache --prune --keep N``
and every check's own pruning (``cache-keep`` in the settings)."""
import json
import sqlite3

from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.store.cache import DEFAULT_KEEP_CHECKS

A = "date 2022-01-03\nRussia and NATO will meet in Geneva on January 12, officials said.\n"
B = "date 2022-01-03\nChina and Japan will hold talks in Tokyo on March 3, a spokesperson said.\n"


def _corpora(tmp_path):
    for name, text in (("a", A), ("b", B)):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, "utf-8")
    return tmp_path / "a", tmp_path / "b", tmp_path / "cache"


def _check(folder, cache, *more):
    done = CliRunner().invoke(main, ["check", str(folder), "--cache-dir", str(cache), "--format", "json", *more])
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)["summary"]["work"], done.stderr


def _cache(cache, *more):
    done = CliRunner().invoke(main, ["cache", "--cache-dir", str(cache), *more])
    assert done.exit_code == 0, done.output
    return done.stdout


def test_prune_drops_what_the_last_checks_did_not_use_and_keeps_what_they_did(tmp_path):
    a, b, cache = _corpora(tmp_path)
    assert _check(a, cache)[0]["extracted"] == 1
    _check(b, cache)
    _check(b, cache)
    shown = _cache(cache)
    assert "2 articles" in shown and "used by 3 checks" in shown and "MiB on disk" in shown
    pruned = _cache(cache, "--prune", "--keep", "2")  # the last two checks read b only
    assert "dropped" in pruned and "1 articles" in pruned
    assert _check(b, cache)[0]["extracted"] == 0  # still served from the cache
    assert _check(a, cache)[0]["extracted"] == 1  # gone: extracted again


def test_nothing_used_within_the_last_checks_is_dropped(tmp_path):
    a, b, cache = _corpora(tmp_path)
    _check(a, cache)
    _check(b, cache)
    assert "dropped 0 entries" in _cache(cache, "--prune", "--keep", "2")
    assert _check(a, cache)[0]["extracted"] == 0
    assert _check(b, cache)[0]["extracted"] == 0


def test_each_check_prunes_by_the_settings_cache_keep_and_says_so(tmp_path, monkeypatch):
    a, b, cache = _corpora(tmp_path)
    (tmp_path / "crosscheck.toml").write_text("cache-keep = 1\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    _, said = _check(a, cache)
    assert "dropped" not in said
    _, said = _check(b, cache)  # a's entries were used by no check of the last one: this one
    assert "dropped" in said and "in the last 1 checks" in said and "MiB on disk now" in said
    assert _check(a, cache)[0]["extracted"] == 1
    _, said = _check(a, cache, "--quiet")
    assert said == ""  # --quiet: no note


def test_a_cache_written_before_pruning_keeps_its_entries_for_the_default_number_of_checks(tmp_path):
    a, b, cache = _corpora(tmp_path)
    _check(a, cache)
    with sqlite3.connect(cache / "extractions.sqlite") as db:  # as a crosscheck that did not prune left it
        db.execute("DROP TABLE used")
        db.execute("DROP TABLE meta")
    for _ in range(DEFAULT_KEEP_CHECKS - 1):
        _check(b, cache)
    assert _check(a, cache)[0]["extracted"] == 0  # never noted: counted as used by check 0, not dropped yet


def test_cache_without_a_cache_folder_is_one_line(tmp_path):
    done = CliRunner().invoke(main, ["cache", "--cache-dir", str(tmp_path / "none")])
    assert done.exit_code == 2
    assert "no cache there" in done.output
