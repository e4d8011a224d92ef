"""A content-addressed cache of extractions, so a re-check after one edit re-reads one article.

SQLite in ``.crosscheck-cache/extractions.sqlite`` (the folder is configurable). The key is a
hash of everything extraction depends on: the article (id, text, publication date, metadata),
the extractor's code and the words it reads (built-in data files and the user's lexicon), so a
new extractor or a new lexicon never serves a stale result. Safe with concurrent runs (WAL,
a busy timeout, one short transaction per batch) and after a killed run (SQLite's journal); a
cache file that is corrupt is set aside and rebuilt, never fatal.
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from dataclasses import fields
from pathlib import Path

from crosscheck import __version__
from crosscheck.lexicon import DATA_FILES, data
from crosscheck.model import Article, Extraction

CACHE_FORMAT = 1  # raise when the stored shape changes
DEFAULT_DIR = ".crosscheck-cache"
BUSY_TIMEOUT_S = 30
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name != "path")  # a moved corpus is still cached


class Cache:
    def __init__(self, folder: str | Path = DEFAULT_DIR):
        self.folder = Path(folder)
        self.path = self.folder / "extractions.sqlite"
        self.problem: str | None = None  # a one-line note when the cache had to be rebuilt
        self._words = f"{_code_fingerprint()}|{_words_fingerprint()}"
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as err:
            self.problem = f"cache {self.path} was unreadable ({err}); rebuilt"
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM extractions").fetchone()  # fails here on a corrupt file
        return db

    def key(self, article: Article) -> str:
        """A hash of the extractor, its words and every field of the article."""
        h = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}|{self._words}".encode())
        for name in _ARTICLE_FIELDS:
            h.update(b"\x1f" + repr(getattr(article, name)).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, Extraction]:
        """The cached extractions among ``keys``; one that cannot be read is a miss."""
        found: dict[str, Extraction] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            try:
                rows = self._db.execute(f"SELECT key, value FROM extractions WHERE key IN ({','.join('?' * len(chunk))})",
                                        chunk).fetchall()
            except sqlite3.DatabaseError as err:
                self.problem = f"cache {self.path} could not be read ({err}); extracting afresh"
                return found
            for key, blob in rows:
                try:
                    found[key] = pickle.loads(zlib.decompress(blob))
                except Exception:  # a damaged row is a miss, not a failure
                    continue
        return found

    def put_many(self, items: list[tuple[str, Extraction]]) -> None:
        if not items:
            return
        rows = [(key, zlib.compress(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL))) for key, x in items]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO extractions (key, value) VALUES (?, ?)", rows)
        except sqlite3.DatabaseError as err:  # a full disk or a locked file costs the cache, not the check
            self.problem = f"cache {self.path} could not be written ({err})"

    def close(self) -> None:
        self._db.close()


def _code_fingerprint() -> str:
    """A hash of the package's own source: any change to the extractor, released or not, misses the cache."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _words_fingerprint() -> str:
    """A hash of every word list extraction reads (built-in and user's), so a new lexicon misses the cache."""
    return hashlib.sha256(repr([data(name) for name in DATA_FILES]).encode()).hexdigest()[:16]
