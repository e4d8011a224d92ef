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
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from crosscheck import __version__, timing
from crosscheck.ci import baseline as baselines
from crosscheck.ci import accept as accepting
from crosscheck.ci import config as configuration
from crosscheck.store.cache import DEFAULT_DIR, DEFAULT_KEEP_CHECKS, Cache
from crosscheck.report.formats import FAILURE_FORMATS, FORMATS, annotations, write, write_failure
from crosscheck.report.formats import statistics as format_statistics
from crosscheck.ci.config import SLOTS
from crosscheck.ci.rules import help_markdown, help_text
from crosscheck.ingest import JSONL_SUFFIXES, count_inputs, input_files, iter_inputs, parse_date
from crosscheck.ingest.files import BUILD_FOLDERS, GIT_SAFE, GIT_TIMEOUT_S, use_encoding
from crosscheck.ingest.accepts import BadAccept
from crosscheck.ingest.published import Table, TableError, read_table
from crosscheck.lexicon import LexiconError, use_lexicon
from crosscheck.model import Report, Skipped
from crosscheck.pipeline import check as run_check
from crosscheck.pipeline import default_jobs, extract_all, tag_article
from crosscheck.pipeline import _file_key as file_key
from crosscheck.pipeline import events as run_events
from crosscheck.report import claim_data, date_data
from crosscheck.report.events import events_data, render_events
from crosscheck.report.html import events_html
from crosscheck.report.paths import Relative
from crosscheck.report.text import printable

EXIT_OK, EXIT_CONFLICTS, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"warning": 1, "error": 2}
DEFAULT_BASELINE = "crosscheck-baseline.json"
LOCAL_FORMATS = ("text", "concise")  # read in a terminal: paths from the current folder, not the repository's top
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


def _encoding(ctx, param, value: str) -> str:
    try:
        use_encoding(value)
    except LookupError:
        raise click.BadParameter(f"{value!r} is not an encoding Python knows (try utf-8, latin-1, cp1252 or auto)")
    return value


def _slot_list(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    slots = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    for slot in slots:
        if slot not in SLOTS:
            raise click.BadParameter(f"{slot!r} is not a slot (expected one of {', '.join(SLOTS)})")
    return slots


def _severity(configured: dict[str, str], selected: tuple[str, ...], ignored: tuple[str, ...]) -> dict[str, str]:
    """The configuration's severities with --select over them (the slots named kept, at their default severity
    where the configuration turned them off; every other slot off), then --ignore (off)."""
    severity = dict(configured)
    if selected:
        for slot in SLOTS:
            if slot not in selected:
                severity[slot] = "off"
            elif severity.get(slot) == "off":
                del severity[slot]
    for slot in ignored:
        severity[slot] = "off"
    return severity


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
    @click.option("--encoding", default="utf-8", show_default=True, metavar="NAME", callback=_encoding,
                  help="Encoding of text and HTML files: a codec's name (latin-1, cp1252...), or auto (UTF-8 where "
                       "it is, else detected by charset-normalizer). JSONL is always UTF-8.")
    @functools.wraps(fn)
    def wrapper(*args, paths, published, published_from, lexicons, excludes, config_file, follow_links, encoding,
                **kwargs):
        use_encoding(encoding)
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
@click.option("--select", "selected", multiple=True, callback=_slot_list, metavar="SLOTS",
              help="Report only these slots (repeatable, or comma-separated: --select when,where), over the "
                   "configuration's severities.")
@click.option("--ignore", "ignored", multiple=True, callback=_slot_list, metavar="SLOTS",
              help="Do not report these slots (repeatable, or comma-separated: --ignore role).")
@click.option("--quiet", "-q", is_flag=True, help="The findings alone: no header, no summary line, no note on stderr "
                                                  "but errors.")
@click.option("--statistics", is_flag=True, help="Print how many conflicts of each slot and severity instead of the "
                                                 "conflicts.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colours in the text report (auto: on a terminal, unless NO_COLOR is set; FORCE_COLOR forces).")
@click.option("--show-files", is_flag=True, help="Print the files that would be read, one a line, and exit.")
@click.option("--show-settings", is_flag=True, help="Print the configuration file used and the settings it gives, "
                                                     "and exit.")
@click.option("--timings", "timings_file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the seconds each stage took (ingest, extract, index, group, compare, report) to FILE, as "
                   "JSON.")
@click.option("--show-paths", is_flag=True, help="In the text and HTML reports, cite each quote by its file and line "
                                                  "(the other formats always name the files).")
def check(settings, run, fmt, output, fail_on, exit_zero, baseline_file, changed_since, changed_files, explain,
          selected, ignored, quiet, statistics, color, show_files, show_settings, timings_file, show_paths):
    """Report conflicts between (and within) the articles at PATHS.

    PATHS are .txt/.md/.html files, folders of them (read recursively) or .jsonl corpora; without PATHS, the
    configuration's.
    """
    config = settings.config
    baseline_path = baseline_file or (Path(config.baseline) if config.baseline else None)
    if show_settings:
        _show_settings(settings, run, fail_on, baseline_path)
        return
    if show_files:
        _show_files(settings)
        return
    try:
        known = baselines.read(baseline_path) if baseline_path else None
    except baselines.BaselineError as err:
        raise CrosscheckError(str(err)) from None
    changed = _changed(changed_since, changed_files, settings.paths)

    def failed(problems: list[tuple[str, str]]) -> None:  # never a clean run in a CI format: the failure, in it
        if fmt not in FAILURE_FORMATS:
            return  # nothing written, not even an empty file
        relative = Relative(Path.cwd() if fmt in LOCAL_FORMATS else _root(settings))
        with _output(output) as out:
            write_failure([(relative(path), problem) for path, problem in problems], fmt, out)

    severity = _severity(config.severity, selected, ignored)
    with timing.recording() if timings_file else contextlib.nullcontext() as watch:
        started = time.perf_counter()
        report = _run(settings, run, failed=failed, quiet=quiet, changed=changed, baseline=known, severity=severity)
        with timing.stage("report"):
            shown = _for_output(report, settings, fmt, changed)
            with _output(output) as out:
                if statistics:
                    out.write(format_statistics(report, fmt))
                else:
                    write(shown, fmt, out, explain=explain, quiet=quiet, color=color, show_paths=show_paths)
    if watch is not None:
        _write_timings(timings_file, watch, time.perf_counter() - started, len(report.articles))
    if report.stale and not quiet:
        n = len(report.stale)
        _say(f"crosscheck: {n} baseline entr{'y' if n == 1 else 'ies'} no longer match{'es' * (n == 1)} a conflict "
             f"(rewrite it with `crosscheck baseline`)")
    threshold = SEVERITY_RANK.get(fail_on or config.fail_on or "error")
    failing = threshold is not None and any(SEVERITY_RANK[c.severity] >= threshold for c in report.conflicts)
    sys.exit(EXIT_CONFLICTS if failing and not exit_zero else EXIT_OK)


def _write_timings(path: Path, watch: timing.Stopwatch, total: float, articles: int) -> None:
    """``--timings``: the seconds of each stage, the check's whole wall time (start-up excepted) and the articles."""
    rounded = {name: round(seconds, 4) for name, seconds in watch.seconds.items()}
    try:
        path.write_text(json.dumps({"stages": rounded, "total": round(total, 4), "articles": articles}, indent=1)
                        + "\n", "utf-8")
    except OSError as err:
        raise CrosscheckError(f"timings {path}: cannot write: {err.strerror or err}") from None


def _for_output(report: Report, settings: Settings, fmt: str, changed: list[str] | None) -> Report:
    """The report as a format shows it: paths relative to the root (``_root``; the current folder for the formats
    a person reads in a terminal), and, when the check was scoped, which articles changed (findings land there)."""
    root = Path.cwd() if fmt in LOCAL_FORMATS else _root(settings)
    options = dict(report.options, root=str(root))
    github = [os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")]
    if all(github) and fmt == "markdown":  # in GitHub Actions: a pull-request comment links to the commit's files
        options["link_base"] = "{}/{}/blob/{}/".format(*(quote(part, safe="/:") for part in github))
    if changed is not None:
        wanted = {file_key(p) for p in changed}
        options["changed"] = frozenset(a.id for a in report.articles if file_key(a.path) in wanted)
    return replace(report, options=options)


def _root(settings: Settings) -> Path:
    """What paths are relative to in a CI format: the git top folder of the articles, else the configuration's
    folder, else the current one."""
    first = Path(settings.paths[0])
    top = _git_top(first if first.is_dir() else first.parent)
    if top is not None:
        return top
    if settings.config.source is not None:
        return settings.config.source.resolve().parent
    return Path.cwd()


def _show_files(settings: Settings) -> None:
    """What a check would read: each file, from the current folder where it is under it; skipped paths on stderr."""
    relative = Relative(Path.cwd())  # one, so that what it learns of each folder serves every file
    for entry in input_files(settings.paths, settings.exclude, settings.follow_links):
        if isinstance(entry, Skipped):
            _warn(entry)
        else:
            click.echo(printable(relative(str(entry[0]))))


def _show_settings(settings: Settings, run: dict, fail_on: str | None, baseline: Path | None) -> None:
    config = settings.config
    lines = [("configuration", str(config.source) if config.source else "none (the defaults)"),
             ("root", str(_root(settings))),
             ("paths", ", ".join(settings.paths)),
             ("exclude", ", ".join(settings.exclude) or "-"),
             ("build folders left out", ", ".join(BUILD_FOLDERS) + ", hidden ones, and what git ignores"),
             ("fail-on", fail_on or config.fail_on or "error"),
             ("baseline", str(baseline) if baseline else "-"),
             ("lexicon", ", ".join(config.lexicon) or "-"),
             ("cache-dir", "none (--no-cache)" if run["no_cache"] else
              str(run["cache_dir"] or config.cache_dir or DEFAULT_DIR)),
             ("cache-keep", f"{config.cache_keep or DEFAULT_KEEP_CHECKS} checks"),
             ("jobs", str(run["jobs"] or config.jobs or default_jobs())),
             ("severity", ", ".join(f"{k} = {v}" for k, v in sorted(config.severity.items())) or "-"),
             ("follow-links", "yes" if settings.follow_links else "no")]
    for key, value in lines:
        click.echo(printable(f"{key}: {value}"))


@main.command()
@click.argument("slot", type=click.Choice(SLOTS))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="Output format.")
def rule(slot, fmt):
    """Explain a slot's conflicts: what it compares, what agrees, an example, how to accept one."""
    click.echo(help_markdown(slot) if fmt == "markdown" else help_text(slot), nl=fmt == "markdown")


@main.command()
@click.argument("target", metavar="CONFLICT-ID")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False), metavar="[FILE]...")
@click.option("--reason", required=True, metavar="TEXT", help="Why the discrepancy is known and kept (required).")
def accept(target, files, reason):
    """Accept a conflict in an article's front matter, with a reason, so nobody edits YAML by hand.

    CONFLICT-ID is a conflict's id (as the reports give it: when-3f1c2b9a0d) or a slot (when, where, who,
    quantity, role: every conflict of that slot the article is in). Without FILE, the articles the conflict's
    finding lands on, found by checking the configuration's paths. A JSONL record is not rewritten: the field to
    add is printed.
    """
    try:
        item = accepting.entry(target, reason)
    except accepting.AcceptError as err:
        raise CrosscheckError(str(err)) from None
    paths = [str(f) for f in files] or _accept_paths(target)
    for path in paths:
        file, _, record = path.rpartition(":")
        if (file and record.isdigit()) or Path(path).suffix.lower() in JSONL_SUFFIXES:
            where = f"line {record} of {file}" if file and record.isdigit() else path
            click.echo(printable(f"{where}: add to the record {accepting.jsonl_field(item)}"))
            continue
        try:
            _say("crosscheck: " + accepting.add(Path(path), item))
        except accepting.AcceptError as err:
            raise CrosscheckError(str(err)) from None


def _accept_paths(target: str) -> list[str]:
    """The files a conflict's finding lands on, by a check of the configuration's paths."""
    if "-" not in target:
        raise CrosscheckError(f"accept {target}: a slot is accepted in the articles you name: give FILE")
    try:
        config = configuration.find()
    except configuration.ConfigError as err:
        raise CrosscheckError(str(err)) from None
    if not config.paths:
        raise CrosscheckError(f"accept {target}: no FILE given, and no 'paths' in a configuration file")
    try:
        use_lexicon(*config.lexicon)
    except LexiconError as err:
        raise CrosscheckError(str(err)) from None
    report = _run(Settings(config.paths, None, config.exclude, config),
                  dict(jobs=None, cache_dir=None, no_cache=False, progress=False))
    every = (*report.conflicts, *report.baselined, *(c for c, _ in report.suppressed))
    found = [c for c in every if c.id == target]
    if not found:
        raise CrosscheckError(f"accept {target}: no such conflict in {', '.join(config.paths)}")
    articles = {a.id: a.path for a in report.articles}
    landing = annotations(replace(report, conflicts=(found[0],)))
    return sorted({articles[a["article"]] for a in landing})


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


@main.command("cache")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help=f"The cache folder (default: the configuration's, else {DEFAULT_DIR}).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Settings file (default: crosscheck.toml or [tool.crosscheck] in pyproject.toml, found from the "
                   "current folder up).")
@click.option("--prune", is_flag=True, help="Drop the entries no check used in the last N checks (--keep).")
@click.option("--keep", type=click.IntRange(min=1), metavar="N",
              help=f"With --prune: the checks an entry outlives unused (default: the configuration's cache-keep, "
                   f"else {DEFAULT_KEEP_CHECKS}).")
def cache_command(cache_dir, config_file, prune, keep):
    """Show the extraction cache's size (entries, MiB on disk, checks that used it); --prune drops what no check
    used in the last N checks (every check does that at its end, N being cache-keep)."""
    try:
        config = configuration.load(config_file) if config_file else configuration.find()
    except configuration.ConfigError as err:
        raise CrosscheckError(str(err)) from None
    folder = cache_dir or Path(config.cache_dir or DEFAULT_DIR)
    if not (folder / "extractions.sqlite").is_file():
        raise CrosscheckError(f"cache {folder}: no cache there (a check with a cache makes one)")
    try:
        cache = Cache(folder)
    except OSError as err:
        raise CrosscheckError(f"cache {folder} cannot be used ({err.strerror or err})") from None
    try:
        if prune:
            keep = keep or config.cache_keep or DEFAULT_KEEP_CHECKS
            dropped = cache.prune(keep)
            click.echo(f"dropped {dropped:,} entr{'y' if dropped == 1 else 'ies'} no check used in the last {keep} "
                       f"checks")
        counts = cache.counts()
        click.echo(printable(f"cache {folder}: {sum(counts.values()):,} entries ({counts['article']:,} articles, "
                             f"{counts['file']:,} files, {counts['part']:,} parts, {counts['reading']:,} readings), "
                             f"{_mib(cache.size())} on disk, used by {cache.checks():,} checks"))
        if cache.problem:
            _say(f"crosscheck: {cache.problem}")
    finally:
        cache.close()


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
                where = (c.where.name if c.where else "?") + (f" ({c.site.name})" if c.site else "")
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


def _run(settings: Settings, run: dict, failed=None, quiet: bool = False, **scope) -> Report:
    """The whole check with the run options; skipped inputs reported on stderr, none read is exit 2. A malformed
    accept entry is exit 2 too, one line each (``failed`` gets them first, to say so in the output format)."""
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
        with timing.stage("ingest"):
            total = count_inputs(settings.paths, settings.exclude, settings.follow_links) if show else None
        with _progress(total) as tick:
            scope.setdefault("severity", config.severity)
            report = run_check(settings.paths, settings.published, jobs=jobs, cache=cache, exclude=settings.exclude,
                               progress=tick, follow_links=settings.follow_links, **scope)
        if cache is not None:
            with timing.stage("index"):
                _prune(cache, config.cache_keep, quiet)
    finally:
        if cache is not None:
            if cache.problem:
                _say(f"crosscheck: {cache.problem}")
            cache.close()
    bad = [s for s in report.skipped if isinstance(s, BadAccept)]
    if bad:
        if failed is not None:
            failed([(s.path, s.reason) for s in bad])
        for s in bad[1:]:
            _say(f"crosscheck: {s.path}: {s.reason}")
        raise CrosscheckError(f"{bad[0].path}: {bad[0].reason}" + (f" (and {len(bad) - 1} more above)" if bad[1:]
                                                                    else ""))
    for s in report.skipped if not quiet else ():
        _warn(s)
    if not report.articles:
        raise CrosscheckError("no article could be read from " + ", ".join(settings.paths))
    return report


def _prune(cache: Cache, keep: int | None, quiet: bool) -> None:
    """After a check: the cache's entries no check used in the last ``keep`` checks dropped, and said."""
    dropped = cache.finish(keep)
    if dropped and not quiet:
        _say(f"crosscheck: cache {cache.folder}: dropped {dropped:,} entr{'y' if dropped == 1 else 'ies'} no check "
             f"used in the last {keep or DEFAULT_KEEP_CHECKS} checks; {_mib(cache.size())} on disk now")


def _mib(size: int) -> str:
    return f"{size / 2**20:,.1f} MiB"


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


def _changed(since: str | None, files: tuple[str, ...], paths: tuple[str, ...] = ()) -> list[str] | None:
    """The files whose conflicts to report: changed since a git revision (untracked ones too), or given. git runs
    in the repository of the articles (of each of ``paths``), else in the current folder; a change is counted
    from where the branch left ``since`` (their merge base), so what changed on ``since`` meanwhile is not the
    branch's."""
    if since is None and not files:
        return None
    found = list(files)
    if since is not None and since.startswith("-"):  # it would be read as one of git's options (--output=...)
        raise CrosscheckError(f"--changed-since {since}: not a git revision")
    if since is not None:
        tops = {_git_top(Path(p) if Path(p).is_dir() else Path(p).parent) for p in paths} - {None} or \
            {Path(_git(since, Path.cwd(), "rev-parse", "--show-toplevel").strip())}
        for top in sorted(tops):
            base = _git(since, top, "merge-base", since, "HEAD", check=False).strip() or since
            untracked = ["ls-files", "-z", "--others", "--exclude-standard", "--full-name"]
            for command in (["diff", "-z", "--name-only", base, "--"], untracked):  # -z: names as they are
                found += [str(top / name) for name in _git(since, top, *command).split("\0") if name.strip()]
    return found


def _git_top(folder: Path) -> Path | None:
    """The top folder of the git repository ``folder`` is in, None when it is in none (or git is not installed)."""
    try:
        done = subprocess.run(["git", *GIT_SAFE, "-C", str(folder), "rev-parse", "--show-toplevel"],
                              capture_output=True, text=True, timeout=GIT_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def _git(since: str, where: Path, *args: str, check: bool = True) -> str:
    try:
        done = subprocess.run(["git", *GIT_SAFE, "-C", str(where), *args], capture_output=True,
                              timeout=GIT_TIMEOUT_S)
    except FileNotFoundError:
        raise CrosscheckError("--changed-since needs git, which is not installed") from None
    except subprocess.SubprocessError as err:
        raise CrosscheckError(f"--changed-since {since}: git failed ({err})") from None
    if done.returncode != 0:
        if not check:
            return ""
        raise CrosscheckError(f"--changed-since {since}: {os.fsdecode(done.stderr).strip() or 'git failed'}")
    return os.fsdecode(done.stdout)  # a file name that is not UTF-8 is kept as the file system has it


def _none_read(read: int, settings: Settings) -> None:
    if not read:
        raise CrosscheckError("no article could be read from " + ", ".join(settings.paths))


if __name__ == "__main__":  # pragma: no cover
    main()
