"""Where a check spends its time, stage by stage: ingest, extract, index, group, compare, report.

A check's stages interleave: articles stream in and are extracted batch by batch, grouping and comparing
alternate part by part. So each stage's time is summed over its stretches (``with stage("extract"): ...``), and a
stage entered inside another pauses the outer one: the figures add up to the time spent in stages, and none is
counted twice. Nothing is recorded unless a check runs inside ``recording()`` (``crosscheck check --timings FILE``);
otherwise ``stage`` costs one look at a global per stretch.

This module imports nothing of crosscheck's: every stage may use it.
"""
from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Iterator

# ingest: finding, reading and parsing the inputs; extract: claims from articles (in-process, or waiting for the
# workers); index: the cache and its index (keys, outlines, look-ups, writes, the partition into parts); group:
# claims into events; compare: the values of each event's slots; report: the report rendered and written
STAGES = ("ingest", "extract", "index", "group", "compare", "report")


class Stopwatch:
    """Seconds of wall time per stage, the innermost stage running being the one that counts."""

    __slots__ = ("seconds", "_stack", "_since")

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self._stack: list[str] = []
        self._since = 0.0

    def enter(self, name: str) -> None:
        now = time.perf_counter()
        if self._stack:
            self.seconds[self._stack[-1]] += now - self._since
        self._stack.append(name)
        self._since = now

    def leave(self) -> None:
        now = time.perf_counter()
        self.seconds[self._stack.pop()] += now - self._since
        self._since = now


_running: Stopwatch | None = None


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Count the time of the block to stage ``name`` (one of ``STAGES``) while a recording runs."""
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r} (expected one of {', '.join(STAGES)})")
    watch = _running
    if watch is None:
        yield
        return
    watch.enter(name)
    try:
        yield
    finally:
        watch.leave()


@contextlib.contextmanager
def recording() -> Iterator[Stopwatch]:
    """Record the stages of what runs inside the block; the stopwatch holds their seconds."""
    global _running
    previous, _running = _running, Stopwatch()
    try:
        yield _running
    finally:
        _running = previous


def staged(name: str):
    """A function whose every call counts to stage ``name`` (see ``stage``)."""
    def decorate(fn):
        @functools.wraps(fn)
        def timed(*args, **kwargs):
            with stage(name):
                return fn(*args, **kwargs)
        return timed
    return decorate
