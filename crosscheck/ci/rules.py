"""The rules of a check, one per slot: what a slot compares, what agrees, an example and how to accept one.

The words are in ``rules.toml``; ``crosscheck rule SLOT`` prints them and the SARIF log's rules carry them
(``shortDescription``, ``fullDescription``, ``help`` in markdown, ``helpUri`` at the README's section).
"""
from __future__ import annotations

from functools import cache
from importlib import resources

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from crosscheck.ci.config import SLOTS
from crosscheck.compare import SEVERITY

DOCS_URL = "https://pypi.org/project/crosscheck/"  # the README, as the package index shows it
DEFAULT_SEVERITY = SEVERITY  # a rule's default level: the severity compare gives its conflicts


@cache
def rules() -> dict[str, dict[str, str]]:
    """Each slot's texts, in the order of ``SLOTS``."""
    data = tomllib.loads(resources.files("crosscheck.ci").joinpath("rules.toml").read_text("utf-8"))
    return {slot: data[slot] for slot in SLOTS}


def help_uri(slot: str) -> str:
    return f"{DOCS_URL}#{rules()[slot]['section']}"


def accept_example(slot: str) -> str:
    return ("---\ncrosscheck:\n  accept:\n"
            f"    - slot: {slot}          # or  conflict: {slot}-3f1c2b9a0d (its id in the report)\n"
            "      reason: Why the discrepancy is known and kept.\n---")


def full_description(slot: str) -> str:
    r = rules()[slot]
    return f"{r['short']} Compares: {r['compares']} Agrees: {r['agrees']}"


def help_markdown(slot: str) -> str:
    """The rule's help as markdown (SARIF ``help.markdown``, and ``crosscheck rule``)."""
    r = rules()[slot]
    return (f"**{slot}**: {r['short']}\n\n"
            f"**What it compares.** {r['compares']}\n\n"
            f"**What agrees.** {r['agrees']}\n\n"
            f"**Example.** {r['example']}\n\n"
            f"**Accepting one.** `crosscheck accept CONFLICT-ID --reason \"...\"` writes it into the article's front "
            f"matter (or a JSONL record's `crosscheck` field):\n\n```yaml\n{accept_example(slot)}\n```\n\n"
            f"A whole corpus's conflicts of today: `crosscheck baseline PATH...`, then `check --baseline`.\n\n"
            f"More: {help_uri(slot)}")


def help_text(slot: str) -> str:
    """The rule for a terminal (``crosscheck rule SLOT``)."""
    r = rules()[slot]
    level = DEFAULT_SEVERITY.get(slot, "error")
    return (f"{slot} ({level} by default): {r['short']}\n\n"
            f"What it compares: {r['compares']}\n\n"
            f"What agrees: {r['agrees']}\n\n"
            f"Example: {r['example']}\n\n"
            f"Accepting one: `crosscheck accept CONFLICT-ID --reason \"...\" [FILE]` writes into the article's front "
            f"matter (or a JSONL record's 'crosscheck' field):\n\n"
            f"{accept_example(slot)}\n\n"
            f"or per slot in the configuration ([tool.crosscheck.severity] {slot} = \"off\"), or a baseline "
            f"(`crosscheck baseline PATH...`).\n\nMore: {help_uri(slot)}\n")
