"""The command line: a thin layer over ``crosscheck.pipeline`` and ``crosscheck.report``.

Exit codes (documented in the README):
  0  nothing at or above --fail-on
  1  conflicts at or above --fail-on
  2  crosscheck could not run: bad options, or no article could be read
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import sys

import click
from rich.console import Console

from crosscheck import __version__
from crosscheck.ingest import iter_inputs, parse_date
from crosscheck.lexicon import LexiconError, use_lexicon
from crosscheck.model import Skipped
from crosscheck.pipeline import check as run_check
from crosscheck.pipeline import extract_all, tag_article
from crosscheck.report import claim_data, date_data, render, write_json

EXIT_OK, EXIT_CONFLICTS, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"warning": 1, "error": 2}


class CrosscheckError(click.ClickException):
    exit_code = EXIT_ERROR


def _published(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date (try 2021-12-30)")
    return parsed


def _lexicon(ctx, param, value: tuple[str, ...]) -> tuple[str, ...]:
    try:
        use_lexicon(*value)
    except LexiconError as err:
        raise CrosscheckError(str(err)) from None
    return value


def input_options(fn):
    """PATH..., --published and --lexicon, shared by every command that reads articles."""
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
    @click.option("--published", callback=_published, metavar="DATE",
                  help="Publication date of every article, over the files' own metadata (e.g. 2021-12-30).")
    @click.option("--lexicon", "lexicons", multiple=True, metavar="FILE", callback=_lexicon, expose_value=False,
                  help="A TOML file of your own aliases, places, titles and event words, merged over the built-in "
                       "ones (repeatable).")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


def format_option(*choices: str):
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help="Output format.")


def _warn(skipped: Skipped) -> None:
    click.echo(f"crosscheck: skipped {skipped.path}: {skipped.reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crosscheck")
def main() -> None:
    """Find where news sources disagree: claims, events and conflicts across articles."""


@main.command()
@input_options
@format_option("text", "json")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--explain", is_flag=True, help="Show why the claims of each conflict were taken for one event.")
def check(paths, published, fmt, fail_on, explain):
    """Report conflicts between (and within) the articles at PATHS.

    PATHS are .txt/.md/.html files, folders of them (read recursively) or .jsonl corpora.
    """
    report = run_check(paths, published)
    for s in report.skipped:
        _warn(s)
    if not report.articles:
        raise CrosscheckError("no article could be read from " + ", ".join(paths))
    if fmt == "json":
        write_json(report, sys.stdout)
    else:
        render(report, Console(highlight=False), explain=explain)
    threshold = SEVERITY_RANK.get(fail_on)
    failing = threshold is not None and any(SEVERITY_RANK[c.severity] >= threshold for c in report.conflicts)
    sys.exit(EXIT_CONFLICTS if failing else EXIT_OK)


@main.command()
@input_options
@format_option("text", "jsonl")
def claims(paths, published, fmt):
    """Show the (who, what, when, where) claims extracted from each article."""
    console = Console(highlight=False)
    read = 0
    for item in extract_all(iter_inputs(paths, published)):
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
                console.print(f"[cyan]{c.article}:{c.line}[/] [bold]{c.what}[/] ({c.trigger.text}, {c.modality}) "
                              f"who: {who} · when: {when} · where: {where}" + (f" · object: {c.theme}" if c.theme else ""))
    if not read:
        raise CrosscheckError("no article could be read from " + ", ".join(paths))


@main.command()
@input_options
@format_option("text", "jsonl")
def dates(paths, published, fmt):
    """Show every date expression, its value and how it was resolved."""
    console = Console(highlight=False)
    read = 0
    for item in iter_inputs(paths, published):
        if isinstance(item, Skipped):
            _warn(item)
            continue
        read += 1
        if fmt != "jsonl":
            source = f"published {item.published.isoformat()} ({item.published_source})" if item.published else (
                "publication date unknown: years that need it stay unknown")
            console.print(f"[bold cyan]{item.id}[/] {source}")
        for e in tag_article(item):
            if fmt == "jsonl":
                click.echo(json.dumps(date_data(item, e), ensure_ascii=False))
            else:
                console.print(f"[cyan]{item.id}[/] {e.start}-{e.end} [bold]{e.text!r}[/] = {e.value.timex} "
                              f"({e.value.grain}; {e.anchor}" + (f"; {e.direction}" if e.direction != "none" else "")
                              + (f": {e.reason}" if e.reason else "") + ")")
    if not read:
        raise CrosscheckError("no article could be read from " + ", ".join(paths))


if __name__ == "__main__":  # pragma: no cover
    main()
