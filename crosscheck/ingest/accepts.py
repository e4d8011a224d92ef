"""The discrepancies an article's own metadata accepts (front matter, or a JSONL record's ``crosscheck`` field).

Read at ingest, with the article; ``ci.baseline.apply`` sets the accepted conflicts aside after comparing.
"""
from __future__ import annotations

from crosscheck.model import Suppression

def suppressions(meta: object, where: str) -> tuple[tuple[Suppression, ...], str | None]:
    """The ``crosscheck: {accept: [{conflict|slot: ..., reason: ...}]}`` block of an article's metadata.

    Returns the suppressions and, when the block is malformed, a one-line problem (the article is still read).
    """
    if not isinstance(meta, dict) or "crosscheck" not in meta:
        return (), None
    block = meta["crosscheck"]
    entries = block.get("accept") if isinstance(block, dict) else None
    if not isinstance(entries, list):
        return (), f"{where}: 'crosscheck' metadata needs a list 'accept' of {{conflict or slot, reason}}"
    out = []
    for entry in entries:
        target = entry.get("conflict") or entry.get("slot") if isinstance(entry, dict) else None
        reason = entry.get("reason") if isinstance(entry, dict) else None
        if not isinstance(target, str) or not isinstance(reason, str) or not reason.strip():
            return tuple(out), f"{where}: each accepted conflict needs a 'conflict' id or a 'slot', and a 'reason'"
        out.append(Suppression(target, reason.strip()))
    return tuple(out), None
