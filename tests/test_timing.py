"""The stage table: each stage's time summed over its stretches, an inner stage pausing the outer one, and what
``crosscheck check --timings FILE`` writes."""
import json

import pytest
from click.testing import CliRunner

from crosscheck import timing
from crosscheck.cli import main


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_an_inner_stage_pauses_the_outer_one_and_stretches_add_up(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timing.time, "perf_counter", clock)
    with timing.recording() as watch:
        with timing.stage("group"):
            clock.now += 2
            with timing.stage("compare"):
                clock.now += 3
            clock.now += 1
        with timing.stage("compare"):
            clock.now += 4
        clock.now += 100  # in no stage
    assert watch.seconds == {"ingest": 0, "extract": 0, "index": 0, "group": 3, "compare": 7, "report": 0}


def test_nothing_is_recorded_outside_a_recording_and_a_stage_name_is_checked(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timing.time, "perf_counter", clock)
    with timing.stage("extract"):
        clock.now += 5
    with timing.recording() as watch:
        pass
    assert sum(watch.seconds.values()) == 0
    with pytest.raises(ValueError, match="unknown stage"):
        with timing.stage("parse"):
            pass


def test_a_decorated_function_counts_to_its_stage(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(timing.time, "perf_counter", clock)

    @timing.staged("index")
    def look_up(x):
        clock.now += 2
        return x * 2

    with timing.recording() as watch:
        assert look_up(21) == 42
    assert watch.seconds["index"] == 2


ARTICLE = "Russia and NATO will meet in Geneva on January 12, officials said.\n"
OTHER = "Russia and NATO will meet in Geneva on January 13, a spokesperson said.\n"


def test_check_writes_the_seconds_of_every_stage(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2022-01-03\n" + ARTICLE, "utf-8")
    (folder / "b.txt").write_text("date 2022-01-03\n" + OTHER, "utf-8")
    out = tmp_path / "timings.json"
    plain = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--no-cache"])
    timed = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--no-cache", "--timings", str(out)])
    assert timed.exit_code == plain.exit_code == 1  # the conflict is found either way
    assert timed.stdout == plain.stdout  # the report is the same with or without the table
    written = json.loads(out.read_text("utf-8"))
    assert list(written["stages"]) == list(timing.STAGES)
    assert all(isinstance(s, float) and s >= 0 for s in written["stages"].values())
    assert sum(written["stages"].values()) <= written["total"] + 1e-3
    assert written["articles"] == 2


def test_timings_that_cannot_be_written_stop_the_run_with_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, "utf-8")
    done = CliRunner().invoke(main, ["check", str(folder), "--no-cache", "--timings", str(tmp_path / "no" / "t.json")])
    assert done.exit_code == 2
    assert "timings" in done.output and "cannot write" in done.output
