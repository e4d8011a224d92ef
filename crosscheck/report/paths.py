"""Paths as a report shows them: relative to a root (the articles' git top folder, for CI formats; see the CLI).

The root travels in ``Report.options["root"]``; without it a path is shown as it was given. A report may hold a
hundred thousand articles, so a path under the root is made relative with string work alone, once per file (a
JSONL corpus's records share their file's); only a path outside it is resolved, in case a link leads under it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

_NOT_PLAIN = re.compile(r"(?:^|/)\.\.?(?:/|$)|//")  # a "." or ".." part, or "//": left to normpath


class Relative:
    def __init__(self, root: str | Path):
        self.cwd = os.getcwd()
        self.roots = [r.rstrip(os.sep) or os.sep for r in dict.fromkeys((os.path.abspath(root),
                                                                         str(Path(root).resolve())))]
        self.cwd_part = next((self._under(self.cwd, r) for r in self.roots if self._under(self.cwd, r) is not None),
                             None)
        self.memo: dict[str, str] = {}

    @staticmethod
    def _under(form: str, root: str) -> str | None:
        if form == root:
            return ""
        prefix = root if root.endswith(os.sep) else root + os.sep
        return form[len(prefix):] if form.startswith(prefix) else None

    def __call__(self, path: str) -> str:
        file, _, record = path.rpartition(":")
        file, suffix = (file, f":{record}") if file and record.isdigit() else (path, "")
        shown = self.memo.get(file)
        if shown is None:
            shown = self.memo[file] = self._file(file)
        return shown + suffix

    def _file(self, file: str) -> str:
        if os.sep == "/" and not _NOT_PLAIN.search(file):  # the usual paths: string work alone
            if not file.startswith("/"):
                if self.cwd_part is not None:
                    return f"{self.cwd_part}/{file}" if self.cwd_part else file
            else:
                for root in self.roots:
                    part = self._under(file, root)
                    if part is not None:
                        return part or "."
        for form in (os.path.normpath(os.path.join(self.cwd, file)), None):
            if form is None:  # outside the root as written: a link may still lead under it
                try:
                    form = str(Path(file).resolve())
                except (OSError, RuntimeError):
                    break
            for root in self.roots:
                part = self._under(form, root)
                if part is not None:
                    return Path(part).as_posix() if part else "."
        return file


def shown_paths(report) -> Callable[[str], str]:
    """How the report's paths are shown: relative to ``report.options["root"]``, else as given."""
    root = report.options.get("root") if report is not None else None
    return Relative(root) if root else (lambda path: path)
