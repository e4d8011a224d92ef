"""Write docs/terminal-report.svg: the terminal report of the samples, as rich draws it on a 100-column colour
terminal (rich's SVG export). Run from the project root: python docs/terminal.py"""
import io
from pathlib import Path

from rich.console import Console

from crosscheck.pipeline import check
from crosscheck.report.text import render

ROOT = Path(__file__).resolve().parent.parent
console = Console(record=True, width=100, force_terminal=True, color_system="truecolor", file=io.StringIO())
render(check([str(ROOT / "samples")]), console)
console.save_svg(str(ROOT / "docs" / "terminal-report.svg"), title="crosscheck check samples/")
