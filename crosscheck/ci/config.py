"""Settings from the project's own files, so that CI runs the same check as a person does.

Found by walking up from the current folder: ``crosscheck.toml`` (top level) or
``[tool.crosscheck]`` in ``pyproject.toml``; the first folder that has either wins.
Paths in the file are relative to the file's folder. Command-line options override it.

    [tool.crosscheck]
    paths = ["articles/", "archive.jsonl"]
    exclude = ["articles/drafts/*"]
    fail-on = "error"
    baseline = "crosscheck-baseline.json"
    lexicon = ["newsroom-words.toml"]
    cache-dir = ".crosscheck-cache"
    cache-keep = 20       # entries no check used in the last 20 checks are dropped
    [tool.crosscheck.severity]
    role = "error"        # a slot's severity: error | warning | off
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.lexicon import read_user_file

SLOTS = ("when", "where", "who", "quantity", "role")
SEVERITIES = ("error", "warning", "off")


class ConfigError(ValueError):
    """A configuration file crosscheck cannot use; the message names the file and the problem."""


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file the settings came from, None for the defaults
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    lexicon: tuple[str, ...] = ()
    cache_dir: str | None = None
    jobs: int | None = None
    severity: dict[str, str] = field(default_factory=dict)
    cache_keep: int | None = None  # checks an entry of the cache outlives unused (``store.cache.DEFAULT_KEEP_CHECKS``)


KEYS = {"paths", "exclude", "fail-on", "baseline", "lexicon", "cache-dir", "cache-keep", "jobs", "severity"}


def find(start: Path | None = None) -> Config:
    """The settings that apply in ``start`` (the current folder by default)."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        own = directory / "crosscheck.toml"
        if own.is_file():
            return load(own)
        project = directory / "pyproject.toml"
        if project.is_file():
            table = _tool_table(project, _read(project))
            if table is not None:
                return _config(project, table)
    return Config()


def load(path: Path) -> Config:
    """Settings from one file: ``crosscheck.toml`` (top level) or a ``pyproject.toml`` (``[tool.crosscheck]``)."""
    data = _read(path)
    table = (_tool_table(path, data) or {}) if path.name == "pyproject.toml" else data
    return _config(path, table)


def _tool_table(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """``[tool.crosscheck]`` of a pyproject.toml, None when it has none."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"config {path}: 'tool' must be a table (got {_kind(tool)})")
    table = tool.get("crosscheck")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"config {path}: 'tool.crosscheck' must be a table (got {_kind(table)})")
    return table


def _kind(value: Any) -> str:
    """A TOML value's type as the file spells it."""
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _read(path: Path) -> dict[str, Any]:
    return read_user_file(path, "config", ConfigError)


def _config(path: Path, table: dict[str, Any]) -> Config:
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise ConfigError(f"config {path}: unknown setting {unknown[0]!r} (expected one of {', '.join(sorted(KEYS))})")
    base = path.parent

    def wrong(key: str, expected: str) -> ConfigError:
        return ConfigError(f"config {path}: '{key}' must be {expected} (got {_kind(table[key])})")

    def strings(key: str) -> list[str]:
        value = table.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong(key, "a string or an array of strings")
        return value

    def paths(key: str) -> tuple[str, ...]:
        return tuple(str(base / v) for v in strings(key))

    def single(key: str) -> str | None:
        if key not in table:
            return None
        if not isinstance(table[key], str) or not table[key]:
            raise wrong(key, "a path (a string)")
        return str(base / table[key])

    severity = table.get("severity", {})
    if not isinstance(severity, dict) or any(k not in SLOTS or v not in SEVERITIES for k, v in severity.items()):
        raise ConfigError(f"config {path}: 'severity' maps a slot ({', '.join(SLOTS)}) to one of "
                          f"{', '.join(SEVERITIES)}")
    fail_on = table.get("fail-on")
    if fail_on not in (None, "error", "warning", "never") or isinstance(fail_on, bool):
        raise ConfigError(f"config {path}: 'fail-on' must be error, warning or never")
    jobs = table.get("jobs")
    if jobs is not None and (type(jobs) is not int or jobs < 1):
        raise wrong("jobs", "a whole number of 1 or more")
    keep = table.get("cache-keep")
    if keep is not None and (type(keep) is not int or keep < 1):
        raise wrong("cache-keep", "a whole number of 1 or more")
    # a glob with a slash is a path from the file's folder too ("articles/drafts" wherever crosscheck runs)
    exclude = tuple(e for glob in strings("exclude")
                    for e in ((glob, str(base.resolve() / glob)) if "/" in glob and not glob.startswith(("/", "*"))
                              else (glob,)))
    return Config(path, paths("paths"), exclude, fail_on, single("baseline"), paths("lexicon"),
                  single("cache-dir"), jobs, dict(severity), keep)
