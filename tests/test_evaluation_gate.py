"""The evaluation gate: the shared scorers' figures may rise, never fall below the pinned floors.

Runs the scorers of ../shared/eval through the installed CLI, as anyone would with ``make eval``.
Skipped where ../shared is not beside the project.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CLI = Path(sys.executable).parent / "crosscheck"

# Raise these when the figures rise; never lower them to make a change pass.
TIMEBANK_FLOORS = {"relaxed": 0.93, "strict": 0.86, "value": 0.86}  # issue targets: 0.91, 0.82, 0.85
# The real multi-outlet clusters and the ECB+ topics with gold (issue 10's targets: recall 0.8, precision 0.85,
# at most 3 traps, agreements 0.7): the figures reached, pinned.
STORY_FLOORS = {"recall": 0.38, "precision": 0.78, "agreements": 0.48}
STORY_MAX_TRAPS = 0
ECB_MAX_ACROSS = 0  # conflicts across two look-alike events of one ECB+ topic


def run(scorer: str, *args: str) -> str:
    script = SHARED / "eval" / scorer
    if not script.exists():
        pytest.skip(f"{script} is not here")
    cmd = [sys.executable, str(script), *args]
    if scorer == "score_timex.py":
        cmd += ["--cmd", f"{CLI} dates {{jsonl}} --format jsonl"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_timebank_dates_stay_above_the_floors():
    out = run("score_timex.py", str(SHARED / "timex" / "timebank"))
    m = re.search(r"relaxed P [\d.]+ R [\d.]+ F1 (?P<relaxed>[\d.]+); strict P [\d.]+ R [\d.]+ F1 (?P<strict>[\d.]+); "
                  r"value accuracy (?P<value>[\d.]+)", out)
    assert m, out
    for name, floor in TIMEBANK_FLOORS.items():
        assert float(m.group(name)) >= floor, f"TimeBank {name} {m.group(name)} fell below {floor}"


def test_gold_corpora_full_recall_no_false_alarm_no_trap():
    out = run("score.py", str(SHARED / "corpora"), "--cmd", f"{CLI} check {{dir}} --format json")
    m = re.search(r"recall (?P<recall>[\d.]+) .*precision (?P<precision>[\d.]+) .*traps hit (?P<traps>\d+)", out)
    assert m, out
    assert float(m.group("recall")) == 1.0 and float(m.group("precision")) == 1.0 and int(m.group("traps")) == 0, out


def test_real_clusters_stay_above_the_floors():
    out = run("score.py", str(SHARED / "newscluster"), str(SHARED / "ecbplus"),
              "--cmd", f"{CLI} check {{dir}} --format json", "--events-cmd", f"{CLI} events {{dir}} --format json")
    m = re.search(r"recall (?P<recall>[\d.]+) .*precision (?P<precision>[\d.]+) .*traps hit (?P<traps>\d+)", out)
    grouped = re.search(r"agreements: grouped \d+/\d+ \((?P<agreements>[\d.]+)\)", out)
    assert m and grouped, out
    figures = {**{k: float(v) for k, v in m.groupdict().items() if k != "traps"},
               "agreements": float(grouped.group("agreements"))}
    for name, floor in STORY_FLOORS.items():
        assert figures[name] >= floor, f"{name} {figures[name]} fell below {floor}\n{out}"
    assert int(m.group("traps")) <= STORY_MAX_TRAPS, out


def test_look_alike_events_are_never_compared():
    out = run("score_ecb.py", str(SHARED / "ecbplus"), "--cmd", f"{CLI} check {{dir}} --format json")
    m = re.search(r"(?P<across>\d+) across two events", out.strip().splitlines()[-1])
    assert m, out
    assert int(m.group("across")) <= ECB_MAX_ACROSS, out
