"""The order a corpus is grouped in: by what its articles say, never by their names or the order they came in.

Grouping is greedy (a claim joins the cluster it fits best as it comes), and where two values tie, the first
one met is shown; so the order articles are read in decides some answers. That order must be the same for
the same content, whatever the files are called (``u.txt`` or ``c.txt``), however a JSONL corpus's lines
are ordered or its ids spelled, and however many jobs extracted them. ``article_key`` orders articles by
their publication date (the oldest first, undated last), then by a digest of what the extractor read in
them: their claims and titled people without the article's id or path, and their metadata. Articles whose
keys are equal say the same things; which of them is named first is the only thing their order decides.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from functools import lru_cache

from crosscheck.model import Extraction

UNDATED = "~"  # sorts after every ISO date: undated articles come last
# what names an article rather than says something: left out of its digest (the text itself is read through its
# claims; ``dates`` is not kept by a check's lean extractions, so it is left out everywhere)
_NAMES = {"Article": frozenset({"id", "path", "text"}), "Claim": frozenset({"id", "article"}),
          "PersonMention": frozenset({"article"}), "Extraction": frozenset({"dates"})}


def article_key(x: Extraction) -> str:
    """The article's place in the order a corpus is grouped in: its publication date, then its content's digest."""
    published = x.article.published.isoformat() if x.article.published else UNDATED
    data = json.dumps(x, default=_plain, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return f"{published}|{hashlib.sha256(data.encode('utf-8', 'surrogatepass')).hexdigest()}"


def in_order(extractions: Iterable[Extraction]) -> list[Extraction]:
    """Extractions in the order of their ``article_key``."""
    return sorted(extractions, key=article_key)


def _plain(value: object) -> object:
    """What JSON's encoder cannot write itself, as values that are the same in every process: a dataclass as its
    class name and fields (names left out), a set's members sorted (its iteration order changes with the hash
    seed), a date in ISO form."""
    kept = _kept_fields(type(value))
    if kept is not None:
        state = value.__dict__
        return [type(value).__name__, *(state[name] for name in kept)]
    if isinstance(value, (frozenset, set)):
        return sorted(value, key=_json)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return repr(value)


@lru_cache(maxsize=None)
def _kept_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass that say something (None for a class that is not one)."""
    if not is_dataclass(cls):
        return None
    left_out = _NAMES.get(cls.__name__, frozenset())
    return tuple(f.name for f in fields(cls) if f.name not in left_out)


def _json(value: object) -> str:
    return json.dumps(value, default=_plain, ensure_ascii=False)
