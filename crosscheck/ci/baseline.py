"""Accepted conflicts: a baseline file of known ones, and suppressions written in an article's metadata.

A baseline lets a team adopt crosscheck on a corpus that already holds conflicts: ``crosscheck
baseline PATH...`` writes today's conflicts, and ``check --baseline FILE`` then fails only on new
ones. Entries are conflict ids, which depend on the event (its kind and parties) and the values in
dispute, never on lines or offsets, so they survive unrelated edits. An entry that matches no
conflict any more is reported as stale, so the file can be pruned.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from crosscheck.lexicon import read_user_file
from crosscheck.model import Conflict, Report, Suppression

SCHEMA = "crosscheck/baseline@1"


class BaselineError(ValueError):
    """A baseline file crosscheck cannot use; the message names the file and the problem."""


def write(report: Report, path: Path) -> int:
    """Write every conflict of ``report`` (including ones already accepted) to ``path``; how many."""
    conflicts = sorted({c.id: c for c in (*report.conflicts, *report.baselined)}.values(), key=lambda c: c.id)
    data = {"schema": SCHEMA, "conflicts": [
        {"id": c.id, "slot": c.slot, "label": c.label, "values": [v.value for v in c.values]} for c in conflicts]}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    tmp.replace(path)  # never a half-written baseline
    return len(conflicts)


def read(path: Path) -> set[str]:
    data = read_user_file(path, "baseline", BaselineError, toml=False)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("conflicts"), list):
        raise BaselineError(f"baseline {path}: not a crosscheck baseline (expected schema {SCHEMA!r})")
    ids = set()
    for n, entry in enumerate(data["conflicts"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise BaselineError(f"baseline {path}: 'conflicts[{n}].id' must be a string (a conflict id)")
        ids.add(entry["id"])
    return ids


def apply(report: Report, known: set[str] | None = None, found: set[str] | None = None) -> Report:
    """Move conflicts the baseline knows, or an article's metadata accepts, out of the ones to act on. ``found``
    holds the ids of every conflict of the corpus, those out of scope too (by default the report's): an entry that
    matches none of them is stale."""
    articles = {a.id: a for a in report.articles}
    keep, baselined, suppressed = [], [], []
    for c in report.conflicts:
        accepted = _suppression(c, articles)
        if accepted is not None:
            suppressed.append((c, accepted))
        elif known is not None and c.id in known:
            baselined.append(c)
        else:
            keep.append(c)
    found = {c.id for c in report.conflicts} if found is None else found | {c.id for c in report.conflicts}
    stale = tuple(sorted(known - found)) if known is not None else ()
    return replace(report, conflicts=tuple(keep), baselined=tuple(baselined), suppressed=tuple(suppressed),
                   stale=stale)


def _suppression(c: Conflict, articles: dict) -> Suppression | None:
    """An article among the conflict's sources that accepts it, by its id or its slot."""
    for value in c.values:
        for claim in value.claims:
            article = articles.get(claim.article)
            for s in article.suppress if article else ():
                if s.target in (c.id, c.slot):
                    return s
    return None

