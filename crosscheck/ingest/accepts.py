"""The discrepancies an article's own metadata accepts (front matter, or a JSONL record's ``crosscheck`` field).

Read at ingest, with the article; ``ci.baseline.apply`` sets the accepted conflicts aside after comparing.

A suppression that cannot be read never removes anything quietly: an entry without a reason, with a slot
crosscheck does not have ("quantiy"), a malformed conflict id or an unknown key makes the input a ``BadAccept``,
and a check that meets one stops with exit 2 and one line naming the file, the entry and what is wrong, as a
bad configuration does.
"""
from __future__ import annotations

import difflib
import re

from crosscheck.ci.config import SLOTS
from crosscheck.model import CONFLICT_ID_HEX, Skipped, Suppression

ENTRY_KEYS = ("conflict", "slot", "reason")
SHOWN_MAX_CHARS = 60  # of a wrong value quoted in the one line that names it
_CONFLICT_ID = re.compile(rf"(?P<slot>[a-z]+)-[0-9a-f]{{{CONFLICT_ID_HEX}}}")
EXAMPLE = "{slot: when, reason: ...} or {conflict: when-3f1c2b9a0d, reason: ...}"


class BadAccept(Skipped):
    """An input whose ``crosscheck.accept`` metadata is malformed: not a file to skip, a user's error (exit 2)."""


def suppressions(meta: object, where: str) -> tuple[tuple[Suppression, ...], str | None]:
    """The ``crosscheck: {accept: [{conflict|slot: ..., reason: ...}]}`` block of an article's metadata.

    Returns the suppressions and, when the block is malformed, a one-line problem naming the entry; an input with
    a problem is never checked with part of its suppressions (see ``BadAccept``).
    """
    if not isinstance(meta, dict) or "crosscheck" not in meta:
        return (), None
    block = meta["crosscheck"]
    if not isinstance(block, dict) or set(block) - {"accept"}:
        return (), f"{where}: 'crosscheck' must hold only 'accept', a list of {EXAMPLE}"
    entries = block.get("accept")
    if not isinstance(entries, list):
        return (), f"{where}: 'crosscheck.accept' must be a list of {EXAMPLE}"
    out = []
    for n, entry in enumerate(entries):
        problem = _problem(entry)
        if problem:
            return (), f"{where}: crosscheck.accept[{n}]: {problem}"
        out.append(Suppression(entry.get("conflict") or entry["slot"], entry["reason"].strip()))
    return tuple(out), None


def _problem(entry: object) -> str | None:
    """What is wrong with one accept entry, if anything."""
    if not isinstance(entry, dict):
        return f"must be a mapping such as {EXAMPLE}"
    unknown = sorted(str(k) for k in entry if k not in ENTRY_KEYS)
    if unknown:
        return f"unknown key {_shown(unknown[0])}{_did_you_mean(unknown[0], ENTRY_KEYS)} (expected {', '.join(ENTRY_KEYS)})"
    if ("conflict" in entry) == ("slot" in entry):
        return "needs either a 'conflict' id or a 'slot', not both" if "slot" in entry else \
            "needs a 'conflict' id or a 'slot'"
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        return "needs a 'reason' (why the discrepancy is accepted)"
    if "slot" in entry:
        slot = entry["slot"]
        if slot not in SLOTS:
            return f"unknown slot {_shown(slot)}{_did_you_mean(slot, SLOTS)} (expected one of {', '.join(SLOTS)})"
        return None
    ident = entry["conflict"]
    m = _CONFLICT_ID.fullmatch(ident) if isinstance(ident, str) else None
    if m is None or m["slot"] not in SLOTS:
        return (f"{_shown(ident)} is not a conflict id (a slot, a dash and {CONFLICT_ID_HEX} hex digits, as "
                f"`crosscheck check --format json` gives them: 'when-3f1c2b9a0d')")
    return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_MAX_CHARS else text[:SHOWN_MAX_CHARS] + "..."


def _did_you_mean(word: object, choices) -> str:
    close = difflib.get_close_matches(str(word), choices, n=1) if isinstance(word, str) else []
    return f" (did you mean {close[0]!r}?)" if close else ""
