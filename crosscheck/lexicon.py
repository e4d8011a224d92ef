"""The data files crosscheck reads text with, loaded once.

Words live in ``crosscheck/data/*.toml`` so that a user (``--lexicon FILE``)
or a contributor can extend them without touching code.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@lru_cache(maxsize=None)
def data(name: str) -> dict[str, Any]:
    """One built-in data file, parsed."""
    return tomllib.loads(resources.files("crosscheck.data").joinpath(f"{name}.toml").read_text("utf-8"))


def phrase_pattern(phrases, flags: int = re.I) -> re.Pattern:
    """One pattern matching any of the phrases as whole words, longest first."""
    alternatives = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)
    return re.compile(rf"(?<![\w'’-])(?:{body})(?![\w’-]|'\w)", flags)


@lru_cache(maxsize=None)
def grammar() -> dict[str, Any]:
    return data("grammar")


@lru_cache(maxsize=None)
def word_set(section: str, key: str) -> frozenset[str]:
    """A list of the grammar file as a set of lower-case words."""
    return frozenset(w.lower() for w in grammar()[section][key])
