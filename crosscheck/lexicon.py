"""The data files crosscheck reads text with, loaded once.

Words live in ``crosscheck/data/*.toml`` so that a user (``--lexicon FILE``)
or a contributor can extend them without touching code.
"""
from __future__ import annotations

import bisect
import re
import sys
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


DATA_FILES = ("actors", "dates", "events", "grammar", "measures", "places", "sources", "spelling", "titles")
_user: dict[str, Any] = {}  # the user's lexicon, merged over the built-in files
_user_paths: list[str] = []  # where it came from, for worker processes to read it again
_built: list = []  # every cache built from the words, emptied when the user's lexicon changes


class LexiconError(ValueError):
    """A user lexicon file that cannot be used; the message names the file and the problem."""


def built_from_words(fn=None, *, maxsize: int | None = None):
    """Cache what is compiled from the data files (patterns, gazetteer) until the words change."""
    def decorate(f):
        cached = lru_cache(maxsize=maxsize)(f)
        _built.append(cached)
        return cached
    return decorate(fn) if fn is not None else decorate


@built_from_words
def data(name: str) -> dict[str, Any]:
    """One data file: the built-in one, with the user's lexicon merged over it."""
    base = tomllib.loads(resources.files("crosscheck.data").joinpath(f"{name}.toml").read_text("utf-8"))
    return _merge(base, _user.get(name, {}))


def read_user_file(path, kind: str, error: type[ValueError], toml: bool = True) -> dict[str, Any]:
    """A user's TOML (or JSON) file, parsed; ``error`` names the file and the problem in one line."""
    import json

    try:
        text = Path(path).read_text("utf-8")
        return tomllib.loads(text) if toml else json.loads(text)
    except OSError as err:
        raise error(f"{kind} {path}: cannot read: {err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as err:
        raise error(f"{kind} {path}: not valid {'TOML' if toml else 'JSON'}: {err}") from None
    except RecursionError:
        raise error(f"{kind} {path}: nested too deeply to read") from None


def use_lexicon(*paths) -> None:
    """Merge the user's TOML files over the built-in words (``--lexicon``); no path goes back to the built-in ones.

    A file holds tables named after the data files: ``[events.classes.earthquake]``,
    ``[[actors.organisation]]``, ``[places.aliases]``... Lists are extended, tables merged, values replaced.
    """
    merged: dict[str, Any] = {}
    for path in paths:
        loaded = read_user_file(path, "lexicon", LexiconError)
        unknown = sorted(set(loaded) - set(DATA_FILES))
        if unknown:
            raise LexiconError(f"lexicon {path}: unknown table {unknown[0]!r} (expected one of {', '.join(DATA_FILES)})")
        for name, table in loaded.items():
            _check_types(table, _schema(name), name, path)
        _check_languages(loaded, path)
        merged = _merge(merged, loaded)
    _user_paths[:] = [str(p) for p in paths]
    if merged == _user:
        return  # the same words: keep what was compiled from them
    _user.clear()
    _user.update(merged)
    for cached in _built:
        cached.cache_clear()


# A lexicon's value types, learnt from the built-in files: ("dict", {key: schema}, schema of any key or None),
# ("list", schema of an element), a scalar's kind ("string", "boolean", "number"), None for anything.
_ANY = "any"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "table"}.get(type(value), type(value).__name__)


@lru_cache(maxsize=None)
def _schema(name: str):
    base = tomllib.loads(resources.files("crosscheck.data").joinpath(f"{name}.toml").read_text("utf-8"))
    return _shape(base)


def _shape(value: Any):
    if isinstance(value, dict):
        children = {k: _shape(v) for k, v in value.items()}
        kinds = {_kind(v) for v in value.values()}
        common = None
        alike = len(kinds) == 1 and (kinds != {"table"} or set.intersection(*(set(v) for v in value.values())))
        if alike and (len(value) > 1 or kinds <= {"string", "array"}):  # like entries (event classes, aliases)
            for child in children.values():
                common = _joined(common, child)
        return ("dict", children, common)
    if isinstance(value, list):
        element = None
        for item in value:
            element = _joined(element, _shape(item))
        tables = [item for item in value if isinstance(item, dict)]
        required = frozenset.intersection(*(frozenset(t) for t in tables)) if tables else frozenset()
        lengths = {len(item) for item in value if isinstance(item, list)}
        if isinstance(element, tuple) and element[0] == "list" and len(lengths) == 1 and len(value) > 1:
            element = (*element[:3], lengths.pop())  # a list of pairs: each entry a pair
        return ("list", element, required, None)  # required: the keys every table of the list has
    return _kind(value)


def _joined(a, b):
    if a is None or b is None:
        return a if b is None else b
    if a == b:
        return a
    if isinstance(a, tuple) and isinstance(b, tuple) and a[0] == b[0]:
        if a[0] == "list":
            return ("list", _joined(a[1], b[1]), a[2] & b[2] if a[1] and b[1] else a[2] or b[2],
                    a[3] if a[3] == b[3] else None)
        keys = {**a[1], **b[1]}
        return ("dict", {k: _joined(a[1].get(k), b[1].get(k)) for k in keys}, _joined(a[2], b[2]))
    return _ANY


def _refined(own, like):
    """A key's own schema, with what its like entries say where its own says nothing (an empty list's elements)."""
    if own is None:
        return like
    if not (isinstance(own, tuple) and isinstance(like, tuple) and own[0] == like[0]):
        return own
    if own[0] == "list":
        return ("list", _refined(own[1], like[1]), own[2] or like[2], own[3] if own[3] is not None else like[3])
    return ("dict", {k: _refined(own[1].get(k), like[1].get(k)) for k in {**like[1], **own[1]}},
            _refined(own[2], like[2]))


_EXPECTED = {"dict": "a table", "list": "an array", "string": "a string", "boolean": "a boolean (true or false)",
             "number": "a number"}


def _check_types(value: Any, schema, where: str, path) -> None:
    """Each value of a user's lexicon has the type the built-in words have there (one line naming the file, the
    key and the type expected), so a mistake stops the run instead of failing every article."""
    stack = [(value, schema, where)]
    while stack:
        value, schema, where = stack.pop()
        if schema is None or schema == _ANY:
            continue
        expected = schema[0] if isinstance(schema, tuple) else schema
        if _kind(value) != {"dict": "table", "list": "array"}.get(expected, expected):
            raise LexiconError(f"lexicon {path}: '{where}' must be {_EXPECTED[expected]} (got {_kind(value)})")
        if expected == "dict":
            _, children, common = schema
            stack.extend((v, _refined(children.get(k), common), f"{where}.{k}") for k, v in value.items())
        elif expected == "list":
            if schema[3] is not None and len(value) != schema[3]:
                raise LexiconError(f"lexicon {path}: '{where}' must have {schema[3]} items (has {len(value)})")
            for i, v in enumerate(value):
                missing = sorted(schema[2] - set(v)) if isinstance(v, dict) else []
                if missing:  # an entry added to a list of tables is used whole
                    raise LexiconError(f"lexicon {path}: '{where}[{i}]' needs the key {missing[0]!r}")
                stack.append((v, schema[1], f"{where}[{i}]"))


def _check_languages(loaded: dict[str, Any], path) -> None:
    """``dates.languages`` names languages dateparser has month names for."""
    languages = loaded.get("dates", {}).get("languages", [])
    if languages:
        from dateparser.languages.loader import default_loader

        for lang in languages:
            try:
                default_loader.get_locale(lang)
            except (ValueError, KeyError):
                raise LexiconError(f"lexicon {path}: 'dates.languages' has {lang!r}, not a language dateparser "
                                   f"knows (such as 'de', 'fr')") from None


def user_lexicon_paths() -> tuple[str, ...]:
    return tuple(_user_paths)


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for key, value in extra.items():
            out[key] = _merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


def phrase_alternation(phrases) -> str:
    """The phrases as one regex alternation, longest first, a space matching any run of spaces.

    Written as a trie (``_trie_alternation``: the characters phrases share are written once) where that matches
    exactly what the flat alternation matches, else flat. The regex engine tries a flat alternation phrase after
    phrase, several microseconds at each place a list of hundreds of event words is tried; a trie takes a few
    steps."""
    alternatives = sorted({p for p in phrases if p}, key=len, reverse=True)
    trie = _trie_alternation(alternatives)
    if trie is not None:
        return trie
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)


_IRREGULAR_SPACE = re.compile(r"^\s|\s$|\s\s|[^\S ]")  # a space at an end, two spaces, a tab or another space


def _trie_alternation(phrases: list[str]) -> str | None:
    """The phrases as one trie-shaped group: each character once for every phrase it begins, the longer
    continuation tried first (a greedy optional group). It matches what the flat alternation sorted longest first
    matches, in any pattern around it: the phrases that match at one place all lie on one path of the trie (two
    branches of a node start with different characters, so at most one of them matches there), and a path is tried
    from its longest phrase to its shortest, as the flat alternation tries them. That holds as long as no two
    branches of a node can match the same character: None (use the flat alternation) when two begin with letters
    that are one letter to a case-blind pattern ("M" and "m", "K" and the Kelvin sign), or a phrase has spaces that
    are not single spaces between words (a run of spaces could then be split between two branches)."""
    if any(_IRREGULAR_SPACE.search(p) for p in phrases):
        return None
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, dict]) -> str | None:
        keys = sorted(k for k in node if k)
        if any(_one_to_a_case_blind_pattern(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]):
            return None
        branches = []
        for key in keys:
            rest = emit(node[key])
            if rest is None:
                return None
            branches.append((r"\s+" if key == " " else re.escape(key)) + rest)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    body = emit(root)
    return None if body is None else f"(?:{body})" if body else ""


def _one_to_a_case_blind_pattern(a: str, b: str) -> bool:
    """Whether characters ``a`` and ``b`` can match one character of a text under ``re.I``."""
    return re.fullmatch(re.escape(a), b, re.I) is not None or re.fullmatch(re.escape(b), a, re.I) is not None


def phrase_pattern(phrases, flags: int = re.I) -> re.Pattern:
    """One pattern matching any of the phrases as whole words, longest first."""
    return re.compile(rf"(?<![\w'’-])(?:{phrase_alternation(phrases)})(?![\w’-]|'\w)", flags)


def phrase_gate(phrases, flags: int = re.I) -> "Gated":
    """``phrase_pattern``, tried only where one of the phrases' first words starts (and, for a word that never
    stands alone, "the" of "the Kremlin", only before one of the second words)."""
    phrases = list(phrases)
    return Gated(phrase_pattern(phrases, flags), map(first_word, phrases), second_words=second_words(phrases))


def second_words(phrases) -> dict[str, frozenset[str]]:
    """For each first word that never makes a phrase alone, the words that follow it."""
    follow: dict[str, set[str]] = {}
    alone: set[str] = set()
    for phrase in phrases:
        words = [w.lower() for w in _WORD_RUN.findall(phrase)]
        if len(words) == 1:
            alone.add(words[0])
        elif words:
            follow.setdefault(words[0], set()).add("#" if words[1][0] in _DIGITS else words[1])
    return {w: frozenset(after) for w, after in follow.items() if w not in alone}


@built_from_words
def grammar() -> dict[str, Any]:
    return data("grammar")


def singular(word: str) -> str:
    """A plural noun's singular by the endings in ``grammar.toml`` ``[plural]``: "countries" → "country"."""
    endings, keep, min_length = _plural()
    if len(word) <= min_length or word.endswith(keep):
        return word
    for ending, replacement in endings:
        if word.endswith(ending):
            return word[:-len(ending)] + replacement
    return word


@built_from_words
def _plural() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], int]:
    spec = grammar()["plural"]
    return tuple((a, b) for a, b in spec["endings"]), tuple(spec["keep"]), spec["min_length"]


@built_from_words
def word_set(section: str, key: str) -> frozenset[str]:
    """A list of the grammar file as a set of lower-case words."""
    return frozenset(w.lower() for w in grammar()[section][key])


_WORD_RUN = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(r"([^\W_]+)")
_DIGITS = frozenset("0123456789")


class Gated:
    """A pattern tried only where a word it can begin with starts.

    Python's regex engine tries a long alternation at every character; a scan
    of the words and a set lookup skips most of them, which makes extraction
    several times faster. A match is the one ``pattern.finditer`` would find,
    as long as every match of the pattern starts with one of ``first_words``
    (lower-cased) or, with ``digits``, with a digit. ``second_words`` narrows
    frequent first words to the words that may follow them ("the" only before
    "day", "15th", ...; "#" stands for any number).
    """

    def __init__(self, pattern: re.Pattern, first_words, digits: bool = False,
                 second_words: dict[str, frozenset[str]] | None = None):
        self.pattern = pattern
        self.first_words = frozenset(w.lower() for w in first_words)
        self.digits = digits
        self.second_words = second_words or {}
        self._keys = self.first_words | {"#"} if digits else self.first_words  # "#": any number
        self._memo: tuple[str, list[int]] | None = None

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
        """The matches ``pattern.finditer(text, start, end)`` would give, as a list."""
        if end is None:
            end = len(text)
        memo = self._memo  # the last text's candidates, asked again sentence by sentence: looked up here, not called
        candidates = memo[1] if memo is not None and memo[0] is text else self._candidates(text)
        lo = bisect.bisect_left(candidates, start)
        hi = bisect.bisect_left(candidates, end, lo)
        if lo == hi:
            return []
        match = self.pattern.match
        found = []
        resume = start
        for i in range(lo, hi):
            at = candidates[i]
            if at < resume:
                continue
            m = match(text, at, end)
            if m is not None:
                found.append(m)
                resume = m.end() if m.end() > at else at + 1
        return found

    def _candidates(self, text: str) -> list[int]:
        """Where the pattern may start in ``text``; kept for the last text, which is asked again sentence by sentence
        (``finditer`` looks there first)."""
        starts, words, where = _word_index(text)
        keys = self._keys
        follow, last = self.second_words, len(words) - 1
        at: list[int] = []
        # the words of the text that may begin a match, by walking the shorter of the two (a text has a few hundred
        # distinct words, a list may have thousands); in any order: the offsets are sorted below
        present = [w for w in where if w in keys] if len(where) < len(keys) else [w for w in keys if w in where]
        for key in present:
            after = follow.get(key)
            if after is None:
                at.extend(where[key])
            else:
                at.extend(i for i in where[key] if i == last or words[i + 1] in after)
        at.sort()
        found = [starts[i] for i in at]
        self._memo = (text, found)
        return found


@lru_cache(maxsize=16)
def _word_index(text: str) -> tuple[list[int], list[str], dict[str, list[int]]]:
    """Each word's start, the word lower-cased ("#" for a number), and where each word stands: one scan of a text
    shared by every gated pattern (a split and running lengths: no match object per word)."""
    lower = text.lower()
    same_length = len(lower) == len(text)
    parts = _WORD_SPLIT.split(lower if same_length else text)  # separator, word, separator, ...
    offsets = list(accumulate(map(len, parts), initial=0))
    words = parts[1::2] if same_length else [w.lower() for w in parts[1::2]]
    words = ["#" if w[0] in _DIGITS else w for w in words]
    where: dict[str, list[int]] = {}
    get = where.get
    for i, w in enumerate(words):
        at = get(w)
        if at is None:
            where[w] = [i]
        else:
            at.append(i)
    return offsets[1:-1:2], words, where


def first_word(phrase: str) -> str:
    """The word a phrase begins with, as ``Gated`` sees words."""
    m = _WORD_RUN.search(phrase)
    return m.group(0).lower() if m else ""
