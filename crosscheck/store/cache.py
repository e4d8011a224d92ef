"""A content-addressed cache, so that a re-check after one edit re-reads one article and regroups
only the parts of the corpus it is in.

SQLite in ``.crosscheck-cache/extractions.sqlite`` (the folder is configurable). Every key is a
hash of what the value was computed from, starting with ``fingerprint()``: the extractor's code
and the words it reads (built-in data files and the user's lexicon), so a new extractor or a new
lexicon never serves a stale result. The tables:

- ``extractions`` and ``outlines``, by article (id, text, publication date, metadata), and
  ``files``: a JSONL file's articles, keys and outlines, by the file's content;
- ``readings`` (claims as grouping reads them, by digest) and ``reading_keys``, the index that
  tells a new reading which others it could be compared with;
- ``parts``, the events and conflicts of a part of a corpus, by the digest of its claims;
- ``state``, the last check's partition, which the next check updates;
- ``used``: for each article (its outline and extraction), kept file, part and reading, the number of the last
  check that wrote or read it, and ``meta``: how many checks used the cache.

**Pruning.** A check notes what it used (an article's outline, its extraction and the readings the outline names
are used together, and so are a kept JSONL file's articles); at its end (``finish``) the entries no check used in
the last ``keep`` checks (``DEFAULT_KEEP_CHECKS``, or ``cache-keep`` in the settings) are dropped, with their index
rows, and so are entries no check ever noted (written by a crosscheck that did not prune). The file is compacted
when a quarter of its entries or more went.

Safe with concurrent runs (WAL, a busy timeout, one short transaction per batch; the partition is
checked against the readings it was made of, whoever wrote it) and after a killed run (SQLite's
journal); a cache file that is corrupt is set aside and rebuilt, never fatal. Rows are JSON of plain
values (``codec``), never pickles: a cache folder from a pull request cannot run code, and a row
that does not decode is a miss.
"""
from __future__ import annotations

import hashlib
import sqlite3
import zlib
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from crosscheck import __version__
from crosscheck.lexicon import DATA_FILES, built_from_words, data
from crosscheck.model import Article, Extraction
from crosscheck.store import codec

if TYPE_CHECKING:
    from crosscheck.group import Reading
    from crosscheck.store.incremental import Found, Outline

    ReadingRow = tuple[str, Reading, list[int], list[int]]  # digest, reading, codes of keys filed and looked up

CACHE_FORMAT = 4  # raise when the stored shape changes (4: JSON rows, ``codec``, instead of pickle)
DEFAULT_DIR = ".crosscheck-cache"
DEFAULT_KEEP_CHECKS = 20  # an entry no check used in this many checks is dropped (``cache-keep`` in the settings)
COMPACT_SHARE = 0.25  # the file is compacted (VACUUM) when pruning dropped this share of its entries or more
BUSY_TIMEOUT_S = 30
COMPRESSION_LEVEL = 1  # zlib's fastest: a cold run writes every extraction, and claims compress well anyway
_TABLES = ("outlines", "extractions", "parts", "state", "files", "readings", "reading_keys")  # the first five: key → value
# what ``used`` notes (an article stands for its outline and its extraction) → the tables its entries are in
_USED = {"article": ("outlines", "extractions"), "file": ("files",), "part": ("parts",), "reading": ("readings",)}
# the article's fields a key hashes besides its text; not its path, so that a moved corpus is still cached
_ARTICLE_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("path", "text"))


class Cache:
    def __init__(self, folder: str | Path = DEFAULT_DIR):
        self.folder = Path(folder)
        self.path = self.folder / "extractions.sqlite"
        self.problem: str | None = None  # a one-line note when the cache had to be rebuilt
        self._db = self._open()
        self.check_number = self._checks() + 1  # this check's number: what ``used`` notes for what it uses
        self._read_now: dict[str, set[str]] = {kind: set() for kind in _USED}  # what this check read: noted at its end

    def _open(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._ignore_in_git()
        try:
            return self._connect()
        except sqlite3.DatabaseError as err:
            self.problem = f"cache {self.path} was unreadable ({err}); rebuilt"
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
            return self._connect()

    def _ignore_in_git(self) -> None:
        """A ``.gitignore`` of ``*`` in the cache folder, as ruff's cache has, so that the cache never ends up in a
        commit; written only where the folder holds nothing but the cache (never into a folder of the user's)."""
        ignore = self.folder / ".gitignore"
        if ignore.exists():
            return
        if all(p.name.startswith(self.path.name) for p in self.folder.iterdir()):
            try:
                ignore.write_text("# Written by crosscheck: the cache is never committed.\n*\n", "utf-8")
            except OSError:
                pass  # a read-only folder: the cache still works

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: never corrupt, at worst the last writes lost on a power cut
        with db:
            for table in _TABLES[:5]:
                db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS readings (id INTEGER PRIMARY KEY, digest TEXT UNIQUE NOT NULL, "
                       "value BLOB NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS reading_keys (code INTEGER NOT NULL, filed INTEGER NOT NULL, "
                       "reading INTEGER NOT NULL)")
            db.execute("CREATE INDEX IF NOT EXISTS reading_keys_by_code ON reading_keys (code, filed)")
            db.execute("CREATE TABLE IF NOT EXISTS used (kind TEXT NOT NULL, key TEXT NOT NULL, "
                       "check_number INTEGER NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
        db.execute("SELECT count(*) FROM outlines").fetchone()  # fails here on a corrupt file
        return db

    def _checks(self) -> int:
        """How many checks used the cache before this one."""
        row = self._read("SELECT value FROM meta WHERE name = 'checks'", [])
        return row[0][0] if row else 0

    def key(self, article: Article) -> str:
        """A hash of the extractor, its words and every field of the article."""
        return self.digest(article.text, repr(tuple(getattr(article, name) for name in _ARTICLE_FIELDS)))

    def digest(self, *texts: str) -> str:
        """A hash of the texts and of the extractor and its words: what a cached value was computed from."""
        h = _hash_of_fingerprint().copy()
        for text in texts:
            h.update(b"\x1f" + text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    # ------------------------------------------------------------ articles

    def outlines(self, keys: list[str]) -> dict[str, Outline]:
        """The outlines the cache has among ``keys``: what grouping needs of each article, read for every article."""
        found = self._get("outlines", keys, expect="Outline")
        self._read_articles(found.items())
        return found

    def extractions(self, keys: list[str]) -> dict[str, Extraction]:
        found = self._get("extractions", keys, expect="Extraction")
        self._read_now["article"].update(found)
        return found

    def _read_articles(self, outlines) -> None:
        """Articles this check read, by (key, outline): their outline and extraction, and the readings it names."""
        articles, readings = self._read_now["article"], self._read_now["reading"]
        for key, outline in outlines:
            articles.add(key)
            readings.update(entry[1] for entry in outline.readings)

    def _note(self, kind: str, keys) -> None:
        """Note entries as used by this check, in the transaction that writes them (so that a check pruning
        meanwhile keeps them)."""
        self._db.executemany("INSERT OR REPLACE INTO used (kind, key, check_number) VALUES (?, ?, ?)",
                             [(kind, key, self.check_number) for key in keys])

    def put_articles(self, items: list[tuple[str, Extraction, Outline]], readings: list[ReadingRow]) -> bool:
        """Extractions, their outlines and the readings the outlines name, in one transaction: an outline is never
        there without the rest. Whether they were written."""
        def write(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO extractions (key, value) VALUES (?, ?)",
                           [(k, _pack(x)) for k, x, _ in items])
            db.executemany("INSERT OR REPLACE INTO outlines (key, value) VALUES (?, ?)",
                           [(k, _pack(o)) for k, _, o in items])
            self._insert_readings(readings)
            self._note("article", [k for k, _, _ in items])
            self._note("reading", {entry[1] for _, _, o in items for entry in o.readings})

        return self._write(write)

    def files(self, keys: list[str]) -> dict[str, tuple]:
        """A JSONL file's articles (without texts), keys and outlines, by the digest of the file: all a warm check
        needs of a file that has not changed."""
        found = self._get("files", keys, expect="tuple[_Known, ...]")
        self._read_now["file"].update(found)
        for known in found.values():
            self._read_articles((k.key, k.outline) for k in known)
        return found

    def put_files(self, items: list[tuple[str, tuple]]) -> None:
        def write(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO files (key, value) VALUES (?, ?)", [(k, _pack(v)) for k, v in items])
            self._note("file", [k for k, _ in items])

        self._write(write)

    # ------------------------------------------------------------ grouping (``incremental``)

    def parts(self, keys: list[str]) -> dict[str, Found]:
        """The events and conflicts of parts seen before, by the digest of their claims."""
        found = self._get("parts", keys, expect="Found")
        self._read_now["part"].update(found)
        return found

    def put_parts(self, items: list[tuple[str, Found]]) -> None:
        def write(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO parts (key, value) VALUES (?, ?)", [(k, _pack(v)) for k, v in items])
            self._note("part", [k for k, _ in items])

        self._write(write)

    def partition(self) -> dict[str, int] | None:
        """The last check's readings (by digest) and the part each fell in, whatever corpus it checked."""
        key = self.digest("partition")
        return self._get("state", [key], expect="dict[str, int]").get(key)

    def put_partition(self, labels: dict[str, int]) -> None:
        self._write(lambda db: db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)",
                                          (self.digest("partition"), _pack(labels))))

    def readings(self, digests: list[str]) -> dict[str, Reading]:
        found = self._get("readings", digests, key="digest", expect="Reading")
        self._read_now["reading"].update(found)
        return found

    def unknown_readings(self, digests: list[str]) -> list[str]:
        """Those of ``digests`` the cache has no reading for."""
        known: set[str] = set()
        for chunk in _chunks(digests):
            known.update(d for (d,) in self._read(f"SELECT digest FROM readings WHERE digest IN ({_marks(chunk)})", chunk))
        return [d for d in digests if d not in known]

    def put_readings(self, readings: list[ReadingRow]) -> None:
        """Readings with the codes of the keys they are filed and looked up under, for ``neighbours``."""
        self._write(lambda db: self._insert_readings(readings))

    def _insert_readings(self, readings: list[ReadingRow]) -> None:
        self._note("reading", [digest for digest, *_ in readings])
        for digest, reading, filed, looked in readings:
            row = self._db.execute("INSERT OR IGNORE INTO readings (digest, value) VALUES (?, ?)",
                                   (digest, _pack(reading)))
            if row.rowcount:
                self._db.executemany("INSERT INTO reading_keys (code, filed, reading) VALUES (?, ?, ?)",
                                     [(c, 1, row.lastrowid) for c in filed] + [(c, 0, row.lastrowid) for c in looked])

    def neighbours(self, filed: list[int], looked: list[int]) -> set[str]:
        """Readings that look up a key in ``filed`` or are filed under one in ``looked``: all a reading with those
        keys could be compared with (and a few more, where two keys share a code)."""
        found: set[str] = set()
        for codes, role in ((looked, 1), (filed, 0)):
            for chunk in _chunks(codes):
                found.update(d for (d,) in self._read(
                    "SELECT r.digest FROM reading_keys k JOIN readings r ON r.id = k.reading "
                    f"WHERE k.filed = ? AND k.code IN ({_marks(chunk)})", [role, *chunk]))
        return found

    # ------------------------------------------------------------ storage

    def _get(self, table: str, keys: list[str], key: str = "key", expect: str | None = None) -> dict:
        """The values among ``keys``; one that cannot be read, or is not of the type ``expect`` names, is a miss."""
        found: dict = {}
        for chunk in _chunks(keys):
            for k, blob in self._read(f"SELECT {key}, value FROM {table} WHERE {key} IN ({_marks(chunk)})", chunk):
                try:
                    found[k] = codec.loads(zlib.decompress(blob), expect)
                except (codec.CodecError, zlib.error, TypeError):  # a damaged or foreign row is a miss
                    continue
        return found

    def _read(self, query: str, args: list) -> list[tuple]:
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.DatabaseError as err:
            self.problem = f"cache {self.path} could not be read ({err}); computing afresh"
            return []

    def _write(self, write: Callable[[sqlite3.Connection], object]) -> bool:
        """One transaction; a full disk or a locked file costs the cache, not the check."""
        try:
            with self._db:
                write(self._db)
            return True
        except sqlite3.DatabaseError as err:
            self.problem = f"cache {self.path} could not be written ({err})"
            return False
        except codec.CodecError as err:  # a value of a class the codec does not know: a bug, which costs the cache
            self.problem = f"cache {self.path}: a value could not be stored ({err})"
            return False

    # ------------------------------------------------------------ pruning

    def finish(self, keep: int | None = None) -> int:
        """The end of a check: what it used is noted as used by it, and the entries no check used in the last
        ``keep`` checks (``DEFAULT_KEEP_CHECKS``), this one included, are dropped. How many entries were dropped."""
        return self.prune(keep, this_check=True)

    def prune(self, keep: int | None = None, this_check: bool = False) -> int:
        """Drop the entries no check used in the last ``keep`` checks (``DEFAULT_KEEP_CHECKS``); with
        ``this_check``, this cache's user is a check that ends here and counts as the last one. How many entries
        were dropped."""
        keep = keep or DEFAULT_KEEP_CHECKS
        last = self.check_number if this_check else self.check_number - 1
        newest_dropped = last - keep  # an entry last used by that check or an earlier one goes
        dropped = [0]

        def write(db: sqlite3.Connection) -> None:
            if this_check:
                for kind, keys in self._read_now.items():
                    self._note(kind, keys)
                db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('checks', ?)", (self.check_number,))
            if newest_dropped < 0:  # an entry never noted (written before crosscheck pruned) counts as check 0's
                return
            kept = "SELECT key FROM used WHERE kind = ? AND check_number > ?"
            db.execute(f"DELETE FROM reading_keys WHERE reading IN (SELECT id FROM readings WHERE digest NOT IN "
                       f"({kept}))", ("reading", newest_dropped))
            for kind, tables in _USED.items():
                for table in tables:
                    column = "digest" if table == "readings" else "key"
                    done = db.execute(f"DELETE FROM {table} WHERE {column} NOT IN ({kept})", (kind, newest_dropped))
                    dropped[0] += done.rowcount if table != "extractions" else 0  # an article counts once
            db.execute("DELETE FROM used WHERE check_number <= ?", (newest_dropped,))

        if not self._write(write):
            return 0
        for keys in self._read_now.values():
            keys.clear()
        if dropped[0] and dropped[0] >= COMPACT_SHARE * (dropped[0] + self.entries()):
            try:
                self._db.execute("VACUUM")
            except sqlite3.DatabaseError as err:  # another check has it open: compacted another time
                self.problem = f"cache {self.path} could not be compacted ({err})"
        return dropped[0]

    def entries(self) -> int:
        """How many entries the cache holds: articles (an outline and its extraction), kept files, parts and
        readings."""
        return sum(self.counts().values())

    def counts(self) -> dict[str, int]:
        """The entries of each kind: "article", "file", "part", "reading"."""
        counts = {kind: self._read(f"SELECT count(*) FROM {tables[0]}", []) for kind, tables in _USED.items()}
        return {kind: rows[0][0] if rows else 0 for kind, rows in counts.items()}

    def checks(self) -> int:
        """How many checks have used the cache."""
        return self.check_number - 1

    def size(self) -> int:
        """Bytes on disk: the database and its write-ahead log."""
        return sum(p.stat().st_size for p in (self.path, self.path.with_name(self.path.name + "-wal")) if p.exists())

    def clear(self) -> None:
        """Empty every table: a cache found inconsistent is rebuilt by the check that found it."""
        self._write(lambda db: [db.execute(f"DELETE FROM {table}") for table in _TABLES])

    def close(self) -> None:
        self._db.close()


def _chunks(items: list, size: int = 500) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _marks(chunk: list) -> str:
    return ",".join("?" * len(chunk))


def _pack(value: object) -> bytes:
    """JSON of plain values (``codec``), compressed: a row is data, and reading one never runs anything."""
    return zlib.compress(codec.dumps(value), COMPRESSION_LEVEL)


@built_from_words
def _hash_of_fingerprint():
    """sha256 fed the fingerprint, copied for each digest: a hundred thousand keys start from it."""
    return hashlib.sha256(fingerprint().encode())


@built_from_words
def fingerprint() -> str:
    """What every cached value was computed with: the cache's format, the package's version and source, and its
    words; a digest that starts from it is never served to another extractor or lexicon."""
    return f"{CACHE_FORMAT}|{__version__}|{_code_fingerprint()}|{_words_fingerprint()}"


def _code_fingerprint() -> str:
    """A hash of the package's own source: any change to the extractor, released or not, misses the cache."""
    h = hashlib.sha256()
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _words_fingerprint() -> str:
    """A hash of every word list extraction reads (built-in and user's), so a new lexicon misses the cache."""
    return hashlib.sha256(repr([data(name) for name in DATA_FILES]).encode()).hexdigest()[:16]
