"""``crosscheck accept``: write an accept entry into an article's front matter, so nobody edits YAML by hand.

The entry is checked as a check reads it (``ingest.accepts``) before anything is written, and the file is read
back afterwards: a file whose front matter would no longer read the same is left as it was. Front matter with no
``crosscheck`` key gets the lines appended, its own lines and comments untouched; one that has a ``crosscheck``
block is rewritten from its data (comments in it are lost, which the message says). A JSONL record is never
rewritten: the field to add is printed instead.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from crosscheck.ingest.accepts import suppressions

_FRONT = re.compile(r"\A(?P<bom>\ufeff)?---[ \t]*(?P<nl>\r?\n)(?P<body>.*?)(?P<end>\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z))",
                    re.S)


class AcceptError(ValueError):
    """An entry or a file ``accept`` cannot write; the message names it and the problem."""


def entry(target: str, reason: str) -> dict[str, str]:
    """The accept entry for a conflict id or a slot, checked as a check would read it."""
    key = "conflict" if "-" in target else "slot"
    item = {key: target, "reason": reason}
    _, problem = suppressions({"crosscheck": {"accept": [item]}}, "accept")
    if problem:
        raise AcceptError(problem.replace("accept: crosscheck.accept[0]: ", f"{target}: "))
    return {key: target, "reason": reason.strip()}


def jsonl_field(item: dict[str, str]) -> str:
    """The field to add to a JSONL record (or to merge into its ``crosscheck.accept`` list)."""
    return '"crosscheck": ' + json.dumps({"accept": [item]}, ensure_ascii=False)


def add(path: Path, item: dict[str, str]) -> str:
    """Write ``item`` into the front matter of the article at ``path``; what was done, in a few words."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as err:
        raise AcceptError(f"{path}: cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise AcceptError(f"{path}: not valid UTF-8") from None
    before = _accepted(text, path)
    target = item.get("conflict") or item.get("slot")
    if any(s.target == target for s in before):
        return f"{path}: already accepts {target}"
    nl = "\r\n" if "\r\n" in text[:200] else "\n"
    front = _FRONT.match(text)
    lines = ["crosscheck:", "  accept:", f"    - {next(iter(item))}: {_scalar(target)}",
             f"      reason: {_scalar(item['reason'])}"]
    note = "added to its front matter"
    if front is None:
        new = "---" + nl + nl.join(lines) + nl + "---" + nl + text
        note = "front matter added"
    else:
        meta = _load(front["body"], path)
        if "crosscheck" not in meta:
            new = text[:front.end("body")] + nl + nl.join(lines) + text[front.end("body"):]
        else:
            block = meta["crosscheck"] if isinstance(meta["crosscheck"], dict) else {}
            block.setdefault("accept", []).append(dict(item))
            body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000).rstrip("\n")
            new = (front["bom"] or "") + "---" + front["nl"] + body.replace("\n", nl) + text[front.start("end"):]
            note = "front matter rewritten, its comments not kept"
    after = _accepted(new, path)
    if after[:len(before)] != before or [s.target for s in after[len(before):]] != [target]:
        raise AcceptError(f"{path}: the front matter would not read back the same; add the entry by hand:\n"
                          + "\n".join(lines))
    tmp = path.with_name(path.name + ".crosscheck-tmp")
    try:
        tmp.write_bytes(new.encode("utf-8"))
        tmp.replace(path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise AcceptError(f"{path}: cannot write: {err.strerror or err}") from None
    return f"{path}: accepts {target} ({note})"


def _scalar(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax, which YAML reads)."""
    return json.dumps(text, ensure_ascii=False)


def _load(body: str, path: Path) -> dict:
    try:
        meta = yaml.safe_load(body)
    except (yaml.YAMLError, RecursionError):
        raise AcceptError(f"{path}: its front matter is not YAML crosscheck can read") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise AcceptError(f"{path}: its front matter is not a mapping")
    return meta


def _accepted(text: str, path: Path) -> tuple:
    front = _FRONT.match(text)
    if front is None:
        return ()
    accepted, problem = suppressions(_load(front["body"], path), "front matter")
    if problem:
        raise AcceptError(f"{path}: {problem}")
    return accepted
