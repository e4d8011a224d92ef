"""Shared fixtures: a folder of articles written for a test, read by the CLI as a user would."""
import json

import pytest
from click.testing import CliRunner

from crosscheck.cli import main


@pytest.fixture
def corpus_json(tmp_path):
    """``corpus_json(command, name=text, ...)``: the articles written as ``name.txt`` into a folder of their own,
    and the JSON ``crosscheck COMMAND FOLDER --format json`` prints for them (``check`` without a cache)."""
    def run(command: str, **texts: str) -> dict:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name, text in texts.items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        args = [command, str(folder), "--format", "json"] + (["--no-cache"] if command == "check" else [])
        return json.loads(CliRunner().invoke(main, args, catch_exceptions=False).stdout)
    return run
