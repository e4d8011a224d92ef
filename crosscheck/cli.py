"""The command line: a thin layer over ``crosscheck.pipeline``, ``crosscheck.report.formats`` and ``crosscheck.ci.baseline``.

Exit codes (documented in the README):
  0  nothing at or above --fail-on (or --exit-zero)
  1  conflicts at or above --fail-on
  2  crosscheck could not run: bad options or configuration, or no article could be read
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from crosscheck import __version__
from crosscheck.ci import baseline as baselines
from crosscheck.ci import config as configuration
from crosscheck.store.cache import DEFAULT_DIR, Cache
from crosscheck.report.formats import FORMATS, write
from crosscheck.ingest import count_inputs, iter_inputs, parse_date
from crosscheck.ingest.published import Table, TableError, read_table
from crosscheck.lexicon import LexiconError, use_lexicon
from crosscheck.model import Report, Skipped
from crosscheck.pipeline import check as run_check
from crosscheck.pipeline import default_jobs, extract_all, tag_article
from crosscheck.pipeline import events as run_events
from crosscheck.report import claim_data, date_data
from crosscheck.report.events import events_data, render_events
from crosscheck.report.html import events_html
from crosscheck.report.text import printable

EXIT_OK, EXIT_CONFLICTS, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"warning": 1, "error": 2}
DEFAULT_BASELINE = "crosscheck-baseline.json"
PROGRESS_LINE_S = 10  # with --progress in a log (no terminal): a line this often, and one at the end


class CrosscheckError(click.ClickException):
    exit_code = EXIT_ERROR

    def __init__(self, message: str):
        super().__init__(printable(message))  # a file name or a value from the user's files: shown, never obeyed


def _say(line: str) -> None:
    """One line on stderr, its control characters (from a file name, an id) escaped."""
    click.echo(printable(line), err=True)


def _printable_data(value):
    """Report data with every string escaped (``printable``), for a view written to a terminal."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: _printable_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable_data(v) for v in value]
    return value


def _shown(text: str) -> str:
    """Data for a rich console line: escaped, and never read as markup."""
    return escape(printable(text))


@dataclass(frozen=True)
class Settings:
    """What a command runs with: its options over the configuration file over the defaults."""

    paths: tuple[str, ...]
    published: dt.date | Table | None  # --published, or --published-from's table
    exclude: tuple[str, ...]
    config: configuration.Config
    follow_links: bool = False


def _published(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date (try 2021-12-30)")
    return parsed


def input_options(fn):
    """PATH..., --published, --lexicon, --exclude and --config: how every command finds and reads articles."""
    @click.argument("paths", nargs=-1, type=click.Path(path_type=str))
    @click.option("--published", callback=_published, metavar="DATE",
                  help="Publication date of every article, over the files' own metadata (e.g. 2021-12-30).")
    @click.option("--published-from", "published_from", type=click.Path(path_type=Path, dir_okay=False),
                  metavar="FILE.tsv", help="Each file's publication date (and url, outlet, title), from a tab-separated "
                                           "table with a header: file, published[, url, outlet, title].")
    @click.option("--lexicon", "lexicons", multiple=True, metavar="FILE",
                  help="A TOML file of your own aliases, places, titles and event words, merged over the built-in "
                       "ones (repeatable; added to the configuration's).")
    @click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
                  help="Leave out files matching GLOB (repeatable; added to the configuration's).")
    @click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
                  help="Settings file (default: crosscheck.toml or [tool.crosscheck] in pyproject.toml, "
                       "found from the current folder up).")
    @click.option("--follow-links", is_flag=True,
                  help="Follow symbolic links that lead out of the folders given (by default they are skipped).")
    @functools.wraps(fn)
    def wrapper(*args, paths, published, published_from, lexicons, excludes, config_file, follow_links, **kwargs):
        try:
            config = configuration.load(config_file) if config_file else configuration.find()
            use_lexicon(*config.lexicon, *lexicons)
            if published_from is not None:
                if published is not None:
                    raise CrosscheckError("--published and --published-from: give one")
                published = read_table(published_from)
        except (configuration.ConfigError, LexiconError, TableError) as err:
            raise CrosscheckError(str(err)) from None
        chosen = tuple(paths) or config.paths
        if not chosen:
            raise CrosscheckError("no PATH given, and no 'paths' in a configuration file")
        settings = Settings(chosen, published, (*config.exclude, *excludes), config, follow_links)
        return fn(*args, settings=settings, **kwargs)
    return wrapper


def run_options(fn):
    """--jobs, --cache-dir, --no-cache and --progress: how a corpus is extracted."""
    @click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
                  help="Processes for extraction (default: the configuration's, else every core).")
    @click.option("--cache-dir", type=click.Path(path_type=Path), metavar="DIR",
                  help=f"Extraction cache folder (default: the configuration's, else {DEFAULT_DIR}).")
    @click.option("--no-cache", is_flag=True, help="Extract every article afresh and store nothing.")
    @click.option("--progress/--no-progress", default=None,
                  help="Progress on stderr: articles done of the total, rate, time left (default: on a "
                       "terminal, never under CI; in a log, a line every 10 s).")
    @functools.wraps(fn)
    def wrapper(*args, jobs, cache_dir, no_cache, progress, **kwargs):
        return fn(*args, run=dict(jobs=jobs, cache_dir=cache_dir, no_cache=no_cache, progress=progress), **kwargs)
    return wrapper


def format_option(*choices: str):
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help="Output format.")


def _warn(skipped: Skipped) -> None:
    _say(f"crosscheck: skipped {skipped.path}: {skipped.reason}")


class _Commands(click.Group):
    """Exit 1 means conflicts found, and nothing else: an error crosscheck did not foresee is one line on stderr and
    exit 2, not a traceback and Python's exit 1 (``CROSSCHECK_DEBUG=1`` shows the traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as err:
            if os.environ.get("CROSSCHECK_DEBUG"):
                raise
            raise CrosscheckError(f"internal error ({type(err).__name__}: {err}); please report it "
                                  f"(CROSSCHECK_DEBUG=1 shows where)") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosscheck")
def main() -> None:
    """Find where news sources disagree: claims, events and conflicts across articles."""


@main.command()
@input_options
@run_options
@format_option(*FORMATS)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: the configuration's, else error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when conflicts are found (crosscheck still exits 2 "
                                                 "when it cannot run).")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Accepted conflicts (written by `crosscheck baseline`): only new ones count.")
@click.option("--changed-since", metavar="REV",
              help="Report only conflicts that involve files changed since git revision REV (the whole corpus is "
                   "still compared).")
@click.option("--changed", "changed_files", multiple=True, type=click.Path(path_type=str), metavar="FILE",
              help="Report only conflicts that involve FILE (repeatable).")
@click.option("--explain", is_flag=True, help="Show why the claims of each conflict were taken for one event.")
@click.option("--show-paths", is_flag=True, help="In the text and HTML reports, cite each quote by its file and line "
                                                  "(the other formats always name the files).")
def check(settings, run, fmt, output, fail_on, exit_zero, baseline_file, changed_since, changed_files, explain,
          show_paths):
    """Report conflicts between (and within) the articles at PATHS.

    PATHS are .txt/.md/.html files, folders of them (read recursively) or .jsonl corpora; without PATHS, the
    configuration's.
    """
    config = settings.config
    baseline_path = baseline_file or (Path(config.baseline) if config.baseline else None)
    try:
        known = baselines.read(baseline_path) if baseline_path else None
    except baselines.BaselineError as err:
        raise CrosscheckError(str(err)) from None
    changed = _changed(changed_since, changed_files)
    report = _run(settings, run, changed=changed, baseline=known)
    with _output(output) as out:
        write(report, fmt, out, explain=explain, show_paths=show_paths)
    if report.stale:
        _say(f"crosscheck: {len(report.stale)} baseline entr{'y' if len(report.stale) == 1 else 'ies'} "
             f"no longer match a conflict (rewrite it with `crosscheck baseline`)")
    threshold = SEVERITY_RANK.get(fail_on or config.fail_on or "error")
    failing = threshold is not None and any(SEVERITY_RANK[c.severity] >= threshold for c in report.conflicts)
    sys.exit(EXIT_CONFLICTS if failing and not exit_zero else EXIT_OK)


@main.command()
@input_options
@run_options
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help=f"Baseline file to write (default: the configuration's, else {DEFAULT_BASELINE}).")
def baseline(settings, run, output):
    """Accept today's conflicts: write them to a baseline file that `check --baseline` reads."""
    report = _run(settings, run)
    target = output or Path(settings.config.baseline or DEFAULT_BASELINE)
    try:
        count = baselines.write(report, target)
    except OSError as err:
        raise CrosscheckError(f"baseline {target}: cannot write: {err.strerror or err}") from None
    _say(f"crosscheck: wrote {count} conflict{'s' * (count != 1)} to {target}")


@main.command()
@input_options
@format_option("text", "jsonl")
def claims(settings, fmt):
    """Show the (who, what, when, where) claims extracted from each article."""
    console = Console(highlight=False)
    read = 0
    inputs = iter_inputs(settings.paths, settings.published, settings.exclude, settings.follow_links)
    for item in extract_all(inputs):
        if isinstance(item, Skipped):
            _warn(item)
            continue
        read += 1
        for c in item.claims:
            if fmt == "jsonl":
                click.echo(json.dumps(claim_data(c), ensure_ascii=False))
            else:
                who = ", ".join(p.name for p in c.who) or "?"
                when = c.when.expression.text + f" = {c.when.value.timex}" if c.when else "?"
                where = c.where.name if c.where else "?"
                console.print(f"[cyan]{_shown(f'{c.article}:{c.line}')}[/] [bold]{_shown(c.what)}[/] "
                              + _shown(f"({c.trigger.text}, {c.modality}) who: {who} · when: {when} · where: {where}"
                                       + (f" · object: {c.theme}" if c.theme else "")
                                       + "".join(f" · {q.measure}: {q.figure}" + (f" per {q.source}" if q.source
                                                                                  else "")
                                                 + f" ({q.span.text})" for q in c.quantities)))
    _none_read(read, settings)


@main.command()
@input_options
@format_option("text", "json", "html")
@click.option("--all", "everything", is_flag=True, help="In the text format, also the events one article alone tells.")
def events(settings, fmt, everything):
    """Show every event with every value of every slot, and the sources holding each: what the sources agree on as
    well as where they disagree."""
    found = run_events(settings.paths, settings.published, exclude=settings.exclude,
                       follow_links=settings.follow_links)
    for s in found.skipped:
        _warn(s)
    _none_read(len(found.articles), settings)
    data = events_data(found.articles, found.skipped, found.events)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "html":
        click.echo(events_html(data, found.articles, everything), nl=False)
    else:
        render_events(_printable_data(data), Console(highlight=False), everything)


@main.command()
@input_options
@format_option("text", "jsonl")
def dates(settings, fmt):
    """Show every date expression, its value and how it was resolved."""
    console = Console(highlight=False)
    read = 0
    for item in iter_inputs(settings.paths, settings.published, settings.exclude, settings.follow_links):
        if isinstance(item, Skipped):
            _warn(item)
            continue
        read += 1
        if fmt != "jsonl":
            source = f"published {item.published.isoformat()} ({item.published_source})" if item.published else (
                "publication date unknown: years that need it stay unknown")
            console.print(f"[bold cyan]{_shown(item.id)}[/] {_shown(source)}")
        for e in tag_article(item):
            if fmt == "jsonl":
                click.echo(json.dumps(date_data(item, e), ensure_ascii=False))
            else:
                console.print(f"[cyan]{_shown(item.id)}[/] {e.start}-{e.end} [bold]{_shown(repr(e.text))}[/] = "
                              + _shown(f"{e.value.timex} ({e.value.grain}; {e.anchor}"
                                       + (f"; {e.direction}" if e.direction != "none" else "")
                                       + (f": {e.reason}" if e.reason else "") + ")"))
    _none_read(read, settings)


# ---------------------------------------------------------------- helpers


def _run(settings: Settings, run: dict, **scope) -> Report:
    """The whole check with the run options; skipped inputs reported on stderr, none read is exit 2."""
    config = settings.config
    cache = None
    if not run["no_cache"]:
        folder = run["cache_dir"] or Path(config.cache_dir or DEFAULT_DIR)
        try:
            cache = Cache(folder)
        except OSError as err:
            _say(f"crosscheck: cache {folder} cannot be used ({err.strerror or err}); extracting afresh")
    jobs = run["jobs"] or config.jobs or default_jobs()
    show = run["progress"] if run["progress"] is not None else (sys.stderr.isatty() and not os.environ.get("CI"))
    try:
        with _progress(count_inputs(settings.paths, settings.exclude, settings.follow_links) if show else None) as tick:
            report = run_check(settings.paths, settings.published, jobs=jobs, cache=cache, exclude=settings.exclude,
                               progress=tick, severity=config.severity, follow_links=settings.follow_links, **scope)
    finally:
        if cache is not None:
            if cache.problem:
                _say(f"crosscheck: {cache.problem}")
            cache.close()
    for s in report.skipped:
        _warn(s)
    if not report.articles:
        raise CrosscheckError("no article could be read from " + ", ".join(settings.paths))
    return report


@contextlib.contextmanager
def _progress(total: int | None):
    """A progress callback, when there is a ``total`` to show progress against: articles done, their rate and the
    time left, on stderr; a bar on a terminal, a line every ``PROGRESS_LINE_S`` in a log; nothing otherwise."""
    if total is None:
        yield None
        return
    start = time.monotonic()

    def rate(done: int) -> float:
        return done / max(time.monotonic() - start, 1e-9)

    if not sys.stderr.isatty():
        last = [start]

        def line(done: int) -> None:
            now = time.monotonic()
            if now - last[0] >= PROGRESS_LINE_S or done >= total:
                last[0] = now
                left = max(total - done, 0) / max(rate(done), 1e-9)
                _say(f"crosscheck: {done:,}/{total:,} articles, {rate(done):,.0f}/s, "
                     f"{dt.timedelta(seconds=round(left))} left")

        yield line
        return
    with Progress(SpinnerColumn(), BarColumn(), MofNCompleteColumn(), TextColumn("articles {task.fields[rate]}"),
                  TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=Console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task("checking", total=total, rate="")
        yield lambda done: bar.update(task, completed=done, rate=f"{rate(done):,.0f}/s")


@contextlib.contextmanager
def _output(path: Path | None):
    if path is None:
        yield sys.stdout
        return
    try:
        with path.open("w", encoding="utf-8") as out:
            yield out
    except OSError as err:
        raise CrosscheckError(f"output {path}: cannot write: {err.strerror or err}") from None


def _changed(since: str | None, files: tuple[str, ...]) -> list[str] | None:
    """The files whose conflicts to report: changed since a git revision (untracked ones too), or given."""
    if since is None and not files:
        return None
    found = list(files)
    if since is not None and since.startswith("-"):  # it would be read as one of git's options (--output=...)
        raise CrosscheckError(f"--changed-since {since}: not a git revision")
    if since is not None:
        top = _git(since, "rev-parse", "--show-toplevel").strip()
        untracked = ["ls-files", "--others", "--exclude-standard", "--full-name"]
        for command in (["diff", "--name-only", since, "--"], untracked):
            found += [str(Path(top) / name) for name in _git(since, *command).splitlines() if name.strip()]
    return found


def _git(since: str, *args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        raise CrosscheckError("--changed-since needs git, which is not installed") from None
    except subprocess.CalledProcessError as err:
        raise CrosscheckError(f"--changed-since {since}: {(err.stderr or '').strip() or 'git failed'}") from None


def _none_read(read: int, settings: Settings) -> None:
    if not read:
        raise CrosscheckError("no article could be read from " + ", ".join(settings.paths))


if __name__ == "__main__":  # pragma: no cover
    main()
