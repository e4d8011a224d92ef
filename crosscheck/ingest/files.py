"""Articles from files, folders and JSONL corpora, with their publication dates.

Inputs are streamed one article at a time, so memory grows with what the
later stages keep, not with the corpus. Bad input never stops a run: each
unreadable file (or JSONL line) becomes a ``Skipped`` with a one-line reason,
and the rest is still read. The text is kept exactly as decoded, so every
offset a later stage reports indexes the article as the user gave it.

The publication date comes from, in order: the caller (``--published``), the
file's own metadata (a JSONL field, YAML front matter, a first line such as
``date 2021-12-30``, HTML meta through htmldate), else it stays unknown. The
body is never scanned for a date: a banner with the day's weather and date is
not when the article was published.
"""
from __future__ import annotations

import codecs
import datetime as dt
import fnmatch
import json
import os
import re
import stat
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from crosscheck.extract.document import title_line
from crosscheck.ingest import pubdate
from crosscheck.ingest.accepts import BadAccept, suppressions
from crosscheck.ingest.published import Row, Table, disagreement, text_date
from crosscheck.model import Article, Corpus, Skipped

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_LINE_BYTES = MAX_FILE_BYTES  # one JSONL record: read no further than this into memory
MAX_HTML_BYTES = 5 * 1024 * 1024  # trafilatura takes about a second a megabyte, far more on some pages
MAX_DATE_CHARS = 100  # a date written in metadata is short; dateparser takes seconds on a few kilobytes
MAX_OUTLET_CHARS = 100  # an outlet's name is short; a longer "source" field is something else
BINARY_PROBE_BYTES = 8192
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# folders a build or a package manager makes, never articles, left out of every walk (hidden ones, .venv and .git
# among them, are left out too)
BUILD_FOLDERS = ("*.egg-info", "node_modules", "__pycache__", "site-packages")
GIT_TIMEOUT_S = 30
_ENCODING = ["utf-8"]  # of text and HTML files (``use_encoding``)
MOSTLY_ASCII_SHARE = 0.9  # with --encoding auto, bytes this ASCII are not read in a multi-byte CJK encoding
_ASCII = bytes(range(0x80))  # deleted from a text, what is left is not ASCII
# git run on a corpus's folder never runs a command the repository's own configuration names
GIT_SAFE = ("-c", "core.fsmonitor=false")
_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # how a lone surrogate comes in a JSON line

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_LINE = re.compile(
    r"\A\s*(?:date|published|pubdate|updated|posted)\s*[:=]?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|"
    r"\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})[ \t]*",
    re.I,
)


def load(paths: Iterable[str | Path], published: dt.date | None = None, exclude: Iterable[str] = (),
         follow_links: bool = False) -> Corpus:
    """Every article at ``paths``, and every input that could not be read."""
    articles, skipped = [], []
    for item in iter_inputs(paths, published, exclude, follow_links):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    return Corpus(tuple(articles), tuple(skipped))


def iter_inputs(paths: Iterable[str | Path], published: dt.date | None = None,
                exclude: Iterable[str] = (), follow_links: bool = False) -> Iterator[Article | Skipped]:
    """Articles (or reasons to skip) one at a time, files in a stable order; files matching an ``exclude`` glob
    are left out."""
    seen_ids: set[str] = set()
    for entry in input_files(paths, exclude, follow_links):
        if isinstance(entry, Skipped):
            yield entry
        else:
            file, root = entry
            yield from read_file(file, published, seen_ids, root)


def input_files(paths: Iterable[str | Path], exclude: Iterable[str] = (),
                follow_links: bool = False) -> Iterator[tuple[Path, Path] | Skipped]:
    """(file, the folder it was found under) for every input file, in a stable order, or why a path is skipped.

    Only regular files are given (a FIFO, a socket or a device is skipped, never opened). A symbolic link is
    followed only to a place inside the folders given (a file given alone: its folder), unless ``follow_links``.
    """
    exclude = tuple(exclude)
    paths = [Path(raw) for raw in paths]
    roots = [] if follow_links else [_resolved(p if p.is_dir() else p.parent) for p in paths]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            yield Skipped(shown(path), "no such file or directory")
            continue
        if path.is_dir():
            try:
                files = _walk(path, follow_links, exclude)
            except OSError as err:
                yield Skipped(shown(path), f"cannot list folder: {err.strerror or err}")
                continue
            for file in files:
                yield _checked(file, roots) or (file, path)
        elif path.suffix.lower() not in SUPPORTED:
            yield Skipped(shown(path), f"unsupported file type '{path.suffix}' (expected .txt, .md, .html or .jsonl)")
        else:
            yield _checked(path, roots) or (path, path.parent)


def shown(path: Path | str) -> str:
    """A path as a line can show it: a byte of the name that is not UTF-8 written as \\xff."""
    text = str(path)
    return os.fsencode(text).decode("utf-8", "backslashreplace") if _LONE_SURROGATE.search(text) else text


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _checked(file: Path, roots: list[Path | None]) -> Skipped | None:
    """Why ``file`` is not read, if it is not: a name that is not UTF-8, a link out of the folders given, not a
    regular file."""
    if _LONE_SURROGATE.search(str(file)):
        return Skipped(shown(file), "file name is not valid UTF-8 (rename the file)")
    if roots and file.is_symlink():
        target = _resolved(file)
        if target is None or not any(root is not None and target.is_relative_to(root) for root in roots):
            return Skipped(shown(file), "symbolic link to outside the folders given: not followed "
                                        "(--follow-links follows it)")
    try:
        mode = file.stat().st_mode
    except OSError as err:
        return Skipped(shown(file), f"cannot read: {err.strerror or err}")
    return None if stat.S_ISREG(mode) else Skipped(shown(file), f"not a regular file: {_kind(mode)}")


def _kind(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a file")


class _NotRegular(OSError):
    """Opened, and found not to be a regular file (it changed after it was listed)."""


def _open_regular(path: Path):
    """``path`` opened for reading in binary, and its size; a FIFO or a device is never waited on or read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular(f"not a regular file: {_kind(info.st_mode)}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), info.st_size
    except BaseException:
        os.close(fd)
        raise


def count_inputs(paths: Iterable[str | Path], exclude: Iterable[str] = (), follow_links: bool = False) -> int:
    """About how many articles ``iter_inputs`` will give (a file each; a JSONL file, its lines), for a progress
    bar's total: one quick pass that parses nothing."""
    files = (entry[0] for entry in input_files(paths, exclude, follow_links) if not isinstance(entry, Skipped))
    return sum(_lines(file) if file.suffix.lower() in JSONL_SUFFIXES else 1 for file in files)


def _lines(path: Path) -> int:
    try:
        f, _ = _open_regular(path)
        with f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return 1


def _excluded(path: Path, globs: tuple[str, ...]) -> bool:
    """Whether ``path`` (a file or a folder met in a walk) is left out by a glob: a glob without a slash matches its
    name ("drafts", "d.md", "*.bak"), as ruff's ``exclude`` does; one with a slash its path, as given, absolute or
    from the current folder ("articles/drafts", "*/drafts/*"). A folder left out leaves out all it holds."""
    if not globs:
        return False
    if any(fnmatch.fnmatch(path.name, glob) for glob in globs if "/" not in glob):
        return True
    paths = [glob.rstrip("/") for glob in globs if "/" in glob]
    if not paths:
        return False
    forms = {path.as_posix(), os.path.abspath(path), path.resolve().as_posix()}
    try:
        forms.add(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        pass
    return any(fnmatch.fnmatch(form, glob) for form in forms for glob in paths)


def _git_ignored(folder: Path) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """What git ignores under ``folder`` (``.gitignore``, ``.git/info/exclude``, the global excludes), from git itself:
    (files, folders) relative to it, untracked ones only (a tracked file is read whatever the ignore files say).
    None when the folder is in no repository, git is not installed, or the folder itself is ignored (it was named)."""
    try:
        done = subprocess.run(["git", *GIT_SAFE, "-C", str(folder), "ls-files", "-z", "--others", "--ignored",
                               "--exclude-standard", "--directory"], capture_output=True, timeout=GIT_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    entries = [os.fsdecode(e) for e in done.stdout.split(b"\0") if e]
    if "./" in entries:
        return None
    return (frozenset(e for e in entries if not e.endswith("/")),
            tuple(e for e in entries if e.endswith("/")))


def _walk(folder: Path, follow_links: bool = False, exclude: tuple[str, ...] = ()) -> list[Path]:
    """Supported files under ``folder``, sorted; left out: hidden files and folders, build folders
    (``BUILD_FOLDERS``), what git ignores there, and what an ``exclude`` glob matches. Linked folders are entered
    only with ``follow_links``, each real folder once (loops cut)."""
    found = []
    visited: set[tuple[int, int]] = set()
    ignored = _git_ignored(folder)
    ignored_files, ignored_dirs = ignored if ignored else (frozenset(), ())
    skip_dirs = BUILD_FOLDERS + exclude

    def relative(dirpath: str, name: str) -> str:
        rel = os.path.relpath(os.path.join(dirpath, name), folder)
        return Path(rel).as_posix()

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=follow_links):
        if follow_links:
            try:
                info = os.stat(dirpath)
            except OSError:
                dirnames[:] = []
                continue
            if (info.st_dev, info.st_ino) in visited:
                dirnames[:] = []
                continue
            visited.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not _excluded(Path(dirpath) / d, skip_dirs)
                             and not (ignored_dirs and relative(dirpath, d) + "/" in ignored_dirs))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED:
                continue
            if (ignored_files and relative(dirpath, name) in ignored_files) or _excluded(Path(dirpath) / name, exclude):
                continue
            found.append(Path(dirpath) / name)
    return found


def read_file(path: Path, published: dt.date | Table | None, seen_ids: set[str],
              root: Path) -> Iterator[Article | Skipped]:
    """One input file's articles (a JSONL file's, one record at a time); ``seen_ids`` holds the ids met so far.
    ``published`` is every article's date (``--published``), or a table of each file's (``--published-from``)."""
    suffix = path.suffix.lower()
    table = published if isinstance(published, Table) else None
    published = None if table is not None else published
    if suffix in JSONL_SUFFIXES:  # a corpus may be any size: read a record at a time
        for item in _stream_jsonl(path, published, seen_ids):
            yield _by_url(_with_row(item, table.row(path, item.id) or table.row(item.path))
                          if table is not None and isinstance(item, Article) else item)
        return
    try:
        f, size = _open_regular(path)
        with f:
            if size <= MAX_FILE_BYTES:
                data = f.read(MAX_FILE_BYTES + 1)  # never more than the limit, whatever the file grew to
                size = max(size, len(data))
        if size > MAX_FILE_BYTES:
            yield Skipped(str(path), f"file too large: {size / 1e6:.0f} MB (limit {MAX_FILE_BYTES / 1e6:.0f} MB)")
            return
        if suffix in HTML_SUFFIXES and size > MAX_HTML_BYTES:
            yield Skipped(str(path), f"HTML file too large: {size / 1e6:.1f} MB (limit {MAX_HTML_BYTES / 1e6:.0f} MB "
                                     f"for HTML)")
            return
    except _NotRegular as err:
        yield Skipped(str(path), str(err))
        return
    except OSError as err:
        yield Skipped(str(path), f"cannot read: {err.strerror or err}")
        return
    text, problem = _decode(data)
    if problem:
        yield Skipped(str(path), problem)
        return
    if suffix in HTML_SUFFIXES:
        item = _from_html(path, text, published)
    else:
        item = _from_text(path, text, published)
    if isinstance(item, Article):
        item = _unique_id(item, path, root, seen_ids)
        if table is not None:
            item = _with_row(item, table.row(path, item.id))
    yield _by_url(item)


def _by_url(item: Article | Skipped) -> Article | Skipped:
    """An article nothing else dates, dated by its address's path ("https://www.nytimes.com/2017/12/27/...")."""
    if not isinstance(item, Article) or item.published is not None:
        return item
    date = pubdate.url_date(item.url)
    return replace(item, published=date, published_source="url") if date is not None else item


def _with_row(article: Article, row: Row | None) -> Article:
    """The article with what a --published-from row gives: its date (over any other, the warning gone) and title,
    and the address and outlet its own metadata lacks."""
    if row is None:
        return article
    changes = {}
    if row.published is not None:
        changes.update(published=row.published, published_source="published-from", warnings=())
    if row.url and not article.url:
        changes["url"] = row.url
    if row.outlet and not article.outlet:
        changes["outlet"] = row.outlet
    if row.title:
        changes["title"] = row.title
    return replace(article, **changes) if changes else article


def use_encoding(name: str) -> None:
    """The encoding of the text and HTML files read from now on (``--encoding``): a codec's name, or ``"auto"``:
    UTF-8 where the bytes are UTF-8, else what charset-normalizer recognises. JSONL is always UTF-8."""
    if name != "auto":
        codecs.lookup(name)  # LookupError for a name Python does not know
    _ENCODING[0] = name


def _decode(data: bytes) -> tuple[str, str | None]:
    """The file's text, or why it cannot be read as text."""
    if not data.strip():
        return "", "empty file"
    encoding = _ENCODING[0]
    if encoding == "auto" and data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with its mark: NULs are text
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:BINARY_PROBE_BYTES]:
        return "", "binary file, not text"
    codec = "utf-8-sig" if encoding in ("auto", "utf-8", "utf8") else encoding
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as err:
        if encoding != "auto":
            hint = " (--encoding auto detects another encoding)" if codec == "utf-8-sig" else ""
            name = "UTF-8" if codec == "utf-8-sig" else encoding
            return "", f"not valid {name}: byte 0x{data[err.start]:02x} at offset {err.start}{hint}"
    from charset_normalizer import from_bytes
    from charset_normalizer.constant import IANA_SUPPORTED
    from charset_normalizer.utils import is_multi_byte_encoding

    found = None
    if len(data) - len(data.translate(None, _ASCII)) >= MOSTLY_ASCII_SHARE * len(data):
        # a short Latin-1 text reads as Big5 as well as anything; a CJK text is never mostly ASCII bytes
        found = from_bytes(data, cp_isolation=[e for e in IANA_SUPPORTED if not is_multi_byte_encoding(e)]).best()
    found = found or from_bytes(data).best()
    if found is None:
        return "", "not UTF-8, and no other encoding recognised (--encoding NAME reads it)"
    return str(found), None


def _unique_id(article: Article, path: Path, root: Path, seen_ids: set[str]) -> Article:
    """The file name is the id; a second file of the same name gets its path under the folder."""
    ident = article.id
    if ident in seen_ids:
        try:
            ident = path.relative_to(root).with_suffix("").as_posix()
        except ValueError:
            ident = path.with_suffix("").as_posix()
    seen_ids.add(ident)
    if ident == article.id:
        return article
    return replace(article, id=ident)


# ---------------------------------------------------------------- text and markdown


def _from_text(path: Path, text: str, published: dt.date | None) -> Article | Skipped:
    meta, body_start, source = {}, 0, None
    front = _FRONT_MATTER.match(text)
    chosen = False  # the date was chosen by the user: nothing to check it against
    if front:
        meta = _yaml(front.group("body"))
        body_start = front.end()
        date, key = _meta_date(meta)
        chosen = key == "published"  # 'published:' is an override
        source = "front-matter" if date else None
    else:
        date = None
    if date is None:
        line = _DATE_LINE.match(text, body_start)
        if line:
            date = parse_date(line.group("date"))
            if date is not None:
                body_start, source = line.end(), "date-line"
    warnings: tuple[str, ...] = ()
    if published is None and not chosen:
        found = text_date(text, body_start) if date is not None else pubdate.detect(text, body_start)
        if date is None and found is not None:
            date, source = found.date, found.source
        elif date is not None and found is not None:
            warnings = _warned(date, source, found)
    if not text[body_start:].strip():
        return Skipped(str(path), "no text after the metadata")
    if published is not None:
        date, source = published, "option"
    title = meta.get("title") if isinstance(meta.get("title"), str) else title_line(text, body_start)
    accepted, problem = suppressions(meta, "front matter")
    if problem:
        return BadAccept(str(path), problem)
    return Article(path.stem, str(path), text, title, date, source if date else None, body_start,
                   meta.get("url") if isinstance(meta.get("url"), str) else None, accepted, outlet=_outlet(meta),
                   warnings=warnings)


def _warned(date: dt.date, source: str | None, found: pubdate.Evidence) -> tuple[str, ...]:
    said = disagreement((date, source or "metadata"), [(found.date, found.source, found.text)])
    return (said,) if said else ()


def _outlet(meta: dict) -> str | None:
    """Who published the article, as its metadata names it: an ``outlet`` or ``source`` field (a short string)."""
    for key in ("outlet", "source"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip() and len(value) <= MAX_OUTLET_CHARS:
            return " ".join(value.split())
    return None


def _yaml(block: str) -> dict:
    import yaml

    try:
        meta = yaml.safe_load(block)
    except (yaml.YAMLError, RecursionError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _meta_date(meta: dict) -> tuple[dt.date | None, str | None]:
    """The publication date the metadata gives, and the key that gives it."""
    for key in ("published", "date", "pubdate", "published_at", "datePublished"):
        value = meta.get(key)
        if isinstance(value, dt.datetime):
            return value.date(), key
        if isinstance(value, dt.date):
            return value, key
        if isinstance(value, str):
            parsed = parse_date(value)
            if parsed:
                return parsed, key
    return None, None


# ---------------------------------------------------------------- HTML


def _from_html(path: Path, html: str, published: dt.date | None) -> Article | Skipped:
    """Main text through trafilatura; the date only from the page's metadata, through htmldate."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        return Skipped(str(path), "no main text found in the HTML")
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    url = meta.url if meta is not None and meta.url else None
    date, source = published, "option"
    warnings: tuple[str, ...] = ()
    if date is None:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        date, source = (parse_date(found), "html-meta") if found else (None, None)
        evidence = text_date(text)
        if date is not None and evidence is not None:
            warnings = _warned(date, source, evidence)
    return Article(path.stem, str(path), text, title, date, source if date else None, 0, url, warnings=warnings)


# ---------------------------------------------------------------- JSONL


def _stream_jsonl(path: Path, published: dt.date | None, seen_ids: set[str]) -> Iterator[Article | Skipped]:
    """Records one line at a time: memory holds one article, whatever the corpus's size."""
    try:
        f, _ = _open_regular(path)
        with f:
            head = f.read(BINARY_PROBE_BYTES)
            if not head.strip():
                yield Skipped(str(path), "empty file")
                return
            if b"\x00" in head:
                yield Skipped(str(path), "binary file, not text")
                return
            f.seek(0)
            for number, raw in enumerate(iter(lambda: f.readline(MAX_LINE_BYTES + 1), b""), 1):
                if len(raw) > MAX_LINE_BYTES:  # never held whole: the rest of the line is read past in chunks
                    size = len(raw) + _skip_line(f) if not raw.endswith(b"\n") else len(raw)
                    yield Skipped(f"{path}:{number}", f"line {number} is too large: {size / 1e6:.0f} MB "
                                                      f"(limit {MAX_LINE_BYTES / 1e6:.0f} MB)")
                    continue
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as err:
                    yield Skipped(f"{path}:{number}", f"line {number} is not valid UTF-8 (byte 0x{raw[err.start]:02x})")
                    continue
                yield from _record(path, number, line, published, seen_ids)
    except _NotRegular as err:
        yield Skipped(str(path), str(err))
    except OSError as err:
        yield Skipped(str(path), f"cannot read: {err.strerror or err}")


def _skip_line(f) -> int:
    """Read past the rest of a line; how many bytes it had."""
    skipped = 0
    while chunk := f.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _record(path: Path, number: int, line: str, published: dt.date | None,
            seen_ids: set[str]) -> Iterator[Article | Skipped]:
    """One line of a JSONL corpus: an article, a reason to skip it, or nothing for a blank line."""
    if not line.strip():
        return
    where = f"{path}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        yield Skipped(where, f"line {number} is not valid JSON: {err.msg} (column {err.colno})")
        return
    except RecursionError:
        yield Skipped(where, f"line {number} is nested too deeply to read")
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        yield Skipped(where, f"line {number} has no 'text' field")
        return
    if isinstance(record.get("id"), (dict, list)):
        yield Skipped(where, f"line {number}: 'id' must be a string or a number")
        return
    ident = str(record["id"]) if record.get("id") not in (None, "") else f"{path.stem}:{number}"
    if _SURROGATE_ESCAPE.search(line):  # JSON can spell a lone surrogate, which no UTF-8 output can hold
        if _LONE_SURROGATE.search(ident):
            yield Skipped(where, f"line {number}: the id {_escaped(ident)!r} holds a lone surrogate (not Unicode text)")
            return
        record = _without_surrogates(record)
    if ident in seen_ids:
        yield Skipped(where, f"line {number} repeats the id {ident!r}")
        return
    seen_ids.add(ident)
    date, source = published, "option"
    warnings: tuple[str, ...] = ()
    if date is None:
        raw = record.get("published") or record.get("date")
        date, source = (parse_date(str(raw)), "jsonl") if raw else (None, None)
        if date is None and (found := pubdate.detect(record["text"])) is not None:
            date, source = found.date, found.source
        elif date is not None and (found := text_date(record["text"])) is not None:
            warnings = _warned(date, source, found)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    url = record.get("url") if isinstance(record.get("url"), str) else None
    accepted, problem = suppressions(record, f"line {number}")
    if problem:
        yield BadAccept(where, problem)
        return
    yield Article(ident, where, record["text"], title, date, source if date else None, 0, url, accepted,
                  outlet=_outlet(record), warnings=warnings)


def _escaped(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _without_surrogates(record: dict) -> dict:
    """The record with each lone surrogate of its strings replaced by U+FFFD (one character for one: offsets
    stay), walked without recursion (a record may be nested deep)."""
    def clean(value):
        return _LONE_SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value

    top = {clean(k): clean(v) for k, v in record.items()}
    stack = [top]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, dict):
                value = {clean(k): clean(v) for k, v in value.items()}
            elif isinstance(value, list):
                value = [clean(v) for v in value]
            else:
                continue
            node[key] = value
            stack.append(value)
    return top


# ---------------------------------------------------------------- dates


def parse_date(value: str) -> dt.date | None:
    """A full calendar date from metadata or an option: ISO first, then other written forms; nothing longer than
    ``MAX_DATE_CHARS`` is a date."""
    value = value.strip()
    if len(value) > MAX_DATE_CHARS:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    if not re.search(r"\d{4}", value):
        return None
    import dateparser

    parsed = dateparser.parse(value, languages=None,
                              settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None
