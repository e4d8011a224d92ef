"""Publication dates checked against the text, and the user's own per-file dates (``--published-from FILE.tsv``).

An article's publication date may be written in several places: the page's metadata (a JSONL field, HTML meta,
a ``date`` front-matter key or a first line ``date 2021-12-30``) and the article's own top lines (a "Published:"
line, an agency dateline, a timestamp line: ``pubdate``). When two of them name days more than
``PUBLISHED_AGREE_DAYS`` apart, the article carries a warning naming each and the one used. An explicit choice
silences it: ``published:`` in the front matter, a row of a ``--published-from`` table, or ``--published``.

A ``--published-from`` table is tab-separated with a header row: a ``file`` (or ``path`` or ``id``) column and a
``published`` (or ``date``) column, and optionally ``url``, ``outlet`` (or ``source``) and ``title``, which fill in
what the article's own metadata lacks (``../shared/newscluster/*/sources.tsv`` has this shape). A row names an
article by its file name, its path as given or under the table's folder, or its id.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from crosscheck.ingest import pubdate

PUBLISHED_AGREE_DAYS = 1  # dates a day apart agree: a page's metadata is often in another time zone than its text
MAX_TABLE_BYTES = 20 * 1024 * 1024
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
HEAD_CHARS = 2000  # where a year must stand for the top lines to be read for a date at all (most texts: none)
_UPDATE = re.compile(r"updated|modified", re.I)
SOURCE_NAMES = {"front-matter": "front matter", "date-line": "date line", "jsonl": "JSONL field",
                "html-meta": "page metadata", "published-line": "\"Published:\" line", "dateline": "dateline",
                "timestamp-line": "timestamp line"}


class TableError(ValueError):
    """A --published-from table that cannot be used: one line naming the file and the problem."""


@dataclass(frozen=True)
class Row:
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Table:
    """A ``--published-from`` table: article → its row."""

    path: str
    digest: str  # of the table's content: what a cache key holds of it
    rows: tuple[tuple[str, Row], ...]

    def __repr__(self) -> str:  # a stable key: the cache's digest of a JSONL file holds it
        return f"Table({self.digest})"

    def row(self, path: Path | str, ident: str | None = None) -> Row | None:
        keys = {str(path), Path(str(path)).name, Path(str(path)).as_posix()}
        try:
            keys.add(Path(str(path)).resolve().as_posix())
        except (OSError, RuntimeError):
            pass
        if ident is not None:
            keys.add(ident)
        found = [self._index[k] for k in keys if k in self._index]
        return min(found, key=lambda f: f[0])[1] if found else None

    @cached_property
    def _index(self) -> dict[str, tuple[int, Row]]:
        """Each key's first row and its place: an article is looked up once, not against every row."""
        index: dict[str, tuple[int, Row]] = {}
        for n, (key, row) in enumerate(self.rows):
            index.setdefault(key, (n, row))
        return index


def read_table(path: Path | str) -> Table:
    """The table at ``path``, every row checked; ``TableError`` names the line and the problem."""
    from crosscheck.ingest.files import parse_date

    path = Path(path)
    try:
        data = path.read_bytes()[:MAX_TABLE_BYTES + 1]
    except OSError as err:
        raise TableError(f"--published-from {path}: cannot read: {err.strerror or err}") from None
    if len(data) > MAX_TABLE_BYTES:
        raise TableError(f"--published-from {path}: larger than {MAX_TABLE_BYTES // 2 ** 20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise TableError(f"--published-from {path}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
                         f"{err.start})") from None
    lines = list(csv.reader(text.splitlines(), delimiter="\t"))
    if not lines:
        raise TableError(f"--published-from {path}: empty (expected a header row: file, published)")
    header = [h.strip().lower() for h in lines[0]]

    def column(*names: str) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    key, when = column("file", "path", "id"), column("published", "date")
    url, outlet, title = column("url"), column("outlet", "source"), column("title")
    if key is None or when is None:
        raise TableError(f"--published-from {path}: the header needs a 'file' (or 'path', 'id') column and a "
                         f"'published' (or 'date') column; it has {', '.join(header) or 'none'}")
    rows = []
    folder = path.parent
    for number, cells in enumerate(lines[1:], 2):
        if not any(c.strip() for c in cells):
            continue

        def cell(i: int | None) -> str | None:
            return cells[i].strip() or None if i is not None and i < len(cells) else None

        name, raw = cell(key), cell(when)
        if name is None:
            raise TableError(f"--published-from {path}: line {number} names no file")
        date = parse_date(raw) if raw else None
        if raw and date is None:
            raise TableError(f"--published-from {path}: line {number}: {raw!r} is not a date (try 2021-12-30)")
        row = Row(date, cell(url), cell(outlet), cell(title))
        rows.append((name, row))
        joined = folder / name
        if joined.as_posix() != name:
            rows.append((joined.as_posix(), row))
            try:
                rows.append((joined.resolve().as_posix(), row))
            except (OSError, RuntimeError):
                pass
    return Table(str(path), hashlib.sha256(data).hexdigest()[:16], tuple(rows))


def text_date(text: str, start: int = 0) -> pubdate.Evidence | None:
    """The publication date the article's own top lines give, looked for only where a year stands near the top."""
    if not _YEAR.search(text, start, start + HEAD_CHARS):
        return None
    return pubdate.detect(text, start)


def disagreement(used: tuple[dt.date, str], others: list[tuple[dt.date, str, str]]) -> str | None:
    """A warning when another place gives a day more than ``PUBLISHED_AGREE_DAYS`` from the one used: (date,
    source) used, (date, source, line) of the others. A later "Updated:" line is no disagreement."""
    day, source = used
    apart = [(d, s, line) for d, s, line in others
             if abs((d - day).days) > PUBLISHED_AGREE_DAYS and not (_UPDATE.search(line) and d > day)]
    if not apart:
        return None
    said = ", ".join(f"{SOURCE_NAMES.get(s, s)} {d.isoformat()}" for d, s, _ in apart)
    return (f"publication dates disagree: {SOURCE_NAMES.get(source, source)} {day.isoformat()}, {said}; used "
            f"{day.isoformat()} (choose with 'published:' in the front matter or --published-from)")
