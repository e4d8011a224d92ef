"""Hostile input, hostile caches (issue 12): nothing read runs code, no input crashes or hangs a run, and the
output cannot be turned against its reader. Each case was reproduced on main before it was fixed."""
from __future__ import annotations

import datetime as dt
import json
import pickle
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


@pytest.mark.parametrize("row", [b'{"@": "Popen", "v": ["sh"]}', b'{"@": "Span", "v": [1]}', b"\x80\x04K\x01.",
                                 b'{"x": 1}', b"[" * 100_000 + b"]" * 100_000, b'{"@": "__main__._Payload", "v": []}'])
def test_a_row_that_does_not_decode_is_refused(row):
    with pytest.raises(codec.CodecError):
        codec.loads(row)
