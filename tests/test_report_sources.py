"""Who says it and which value: every format shows each source by outlet, title and date, how many sources hold
each value, the majority, the earliest and latest report, a figure's timeline, and articles on both sides."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.report.sources import domain, outlet, trend

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
QUAKE = [  # a toll that rises over three days, from four outlets named four ways
    {"id": "a1", "url": "https://edition.cnn.com/2023/02/06/quake.html", "title": "Quake kills 35 in Gaziantep",
     "published": "2023-02-06",
     "text": "A magnitude 6.1 earthquake struck Gaziantep, Turkey on February 6, 2023, killing 35 people, officials "
             "said."},
    {"id": "a2", "outlet": "Reuters", "title": "Gaziantep quake toll rises to 40", "published": "2023-02-07",
     "text": "The earthquake that struck Gaziantep, Turkey on February 6, 2023 killed 40 people, officials said."},
    {"id": "a3", "title": "Toll of Gaziantep quake reaches 52", "published": "2023-02-08",
     "text": "The earthquake that hit Gaziantep, Turkey on February 6, 2023 killed 52 people, officials said."},
    {"id": "a4", "url": "https://www.bbc.co.uk/news/x", "title": "Turkey quake", "published": "2023-02-08",
     "text": "The earthquake that hit Gaziantep, Turkey on February 6, 2023 killed 52 people, officials said."},
]


def run(*args, width=100):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": str(width)})


@pytest.fixture
def quake(tmp_path):
    path = tmp_path / "quake.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in QUAKE), encoding="utf-8")
    return path


def test_outlets_from_metadata_urls_and_file_names():
    assert domain("https://edition.cnn.com/2016/07/14/x") == "cnn.com"
    assert domain("https://www.bbc.co.uk/news/x") == "bbc.co.uk"
    assert domain("http://npr.org/x") == "npr.org"  # a prefix is left off only when a domain stays
    assert domain("not a url") is None
    assert outlet({"outlet": "Reuters", "url": "https://x.com", "path": "a.md", "id": "a"}) == "Reuters"
    assert outlet({"url": None, "path": "corpus/a.md", "id": "a"}) == "a.md"
    assert outlet({"url": None, "path": "corpus.jsonl:3", "id": "r3"}) == "r3"  # a JSONL record: its id


def test_the_terminal_report_shows_who_says_it_and_which_value(quake):
    result = run("check", quake, "--no-cache")
    assert result.exit_code == 1
    out = result.output
    for shown in ("cnn.com", "Reuters", "bbc.co.uk", "a3", "Quake kills 35 in Gaziantep", "2023-02-07"):
        assert shown in out
    assert "1 source : 1 : 2" in out
    assert "majority" in out and "earliest report" in out and "latest report" in out
    assert "2023-02-06: 35 → 2023-02-07: 40 → 2023-02-08: 52 (rising)" in out  # a rise, not a dispute
    assert "cnn.com, line 1" in out and "quake.jsonl" not in out  # no path unless asked for
    shown = run("check", quake, "--no-cache", "--show-paths").output
    assert f"{quake}:1" in shown


def test_an_outlet_in_front_matter_and_an_article_on_both_sides(tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: Daily Planet\npublished: 2023-02-06\ntitle: Quake\n---\n"
                                   "The earthquake that struck Gaziantep, Turkey on February 6, 2023 killed 35 people, "
                                   "officials said.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nsource: Metropolis Times\npublished: 2023-02-06\n---\n"
                                   "The earthquake that struck Gaziantep, Turkey on February 6, 2023 killed 35 people, "
                                   "officials said.\n", encoding="utf-8")
    result = run("check", tmp_path, "--no-cache", "--format", "json")
    outlets = {a["id"]: a["outlet"] for a in json.loads(result.output)["articles"]}
    assert outlets == {"a": "Daily Planet", "b": "Metropolis Times"}


def test_samples_mark_the_article_on_both_sides_and_the_majority():
    out = run("check", SAMPLES, "--no-cache", width=100).output
    assert "3 sources : 1 · an article on both sides" in out
    assert "002_f91752d79a3f6b7c.txt 2021-12-30 (both sides)" in out
    assert "within one article" in out
    assert "Sources" in out and "Russia Will Seek Firm Security Guarantees" in out


def test_markdown_and_json_say_the_same(quake):
    md = run("check", quake, "--no-cache", "--format", "markdown").output
    assert "1 source : 1 : 2" in md
    assert "(2 sources, majority, latest report): a3, bbc.co.uk" in md
    assert "By publication date: 2023-02-06&#58; 35" in md
    assert "| cnn.com | 2023-02-06 | Quake kills 35 in Gaziantep |" in md  # the sources table, with the file
    assert "quake.jsonl&#58;1" in md
    data = json.loads(run("check", quake, "--no-cache", "--format", "json").output)
    assert [a["outlet"] for a in data["articles"]] == ["cnn.com", "Reuters", "a3", "bbc.co.uk"]
    assert data["articles"][0]["url"] == QUAKE[0]["url"]


def test_ci_formats_always_name_the_files(quake):
    junit = run("check", quake, "--no-cache", "--format", "junit").output
    assert f"{quake}:1:" in junit
    github = run("check", quake, "--no-cache", "--format", "github").output
    assert f"file={quake}".replace(":", "%3A").replace(",", "%2C") in github or f"file={quake}" in github


def test_html_tallies_outlets(quake, tmp_path):
    out = tmp_path / "r.html"
    run("check", quake, "--no-cache", "--format", "html", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert "1 source : 1 : 2" in page and "cnn.com" in page and "Reuters" in page
    assert "2 sources" in page and "majority" in page


def test_trends():
    import datetime as dt
    d = [dt.date(2023, 2, i) for i in (6, 7, 8)]
    assert trend([(d[0], 35, "35", "x"), (d[1], 40, "40", "x"), (d[2], 52, "52", "x")]) == "rising"
    assert trend([(d[0], 52, "52", "x"), (d[2], 40, "40", "x")]) == "falling"
    assert trend([(d[0], 35, "35", "x"), (d[1], 52, "52", "x"), (d[2], 40, "40", "x")]) == "up and down"


# ---------------------------------------------------------------- quotes and the header


def test_quotes_are_cut_at_word_boundaries_and_grow_with_the_terminal():
    narrow = run("check", SAMPLES, "--no-cache", width=80).output
    wide = run("check", SAMPLES, "--no-cache", width=160).output
    assert "…okeswoman" not in narrow and "…ill be" not in narrow and "…ween" not in narrow
    assert "«12 January»" in narrow  # the value stands out where no style is shown
    line = "[…] it will take place within the framework"
    assert line in wide and line not in narrow  # a wider terminal quotes more of the sentence


def test_a_quote_keeps_the_event_word():
    from crosscheck.report.sources import window
    sentence = ("The summit, which diplomats from a dozen countries had prepared for months in a series of "
                "meetings in three capitals and by telephone, will be held on January 10.")
    value = sentence.index("January 10")
    lo, hi = window(sentence, 0, value, value + len("January 10"), 30)
    assert sentence[lo:hi].startswith("by telephone")  # a word boundary, about 30 characters before
    lo, hi = window(sentence, 0, value, value + len("January 10"), 30, keep=(4, 10))  # "summit"
    assert sentence[lo:hi].startswith("summit,") and sentence[lo:hi].endswith("January 10.")


def test_the_value_is_reverse_video_on_a_terminal_and_bold_in_markdown():
    import io
    from rich.console import Console
    from crosscheck import pipeline
    from crosscheck.report.text import render
    out = io.StringIO()
    render(pipeline.check([str(SAMPLES)]), Console(file=out, force_terminal=True, color_system="standard",
                                                   width=100))
    assert "\x1b[1;7m12 January\x1b[0m" in out.getvalue() and "«" not in out.getvalue()
    md = run("check", SAMPLES, "--no-cache", "--format", "markdown").output
    assert "**12 January**" in md


def test_the_header_does_not_wrap_at_80_columns():
    import re
    out = run("check", SAMPLES, "--no-cache", width=80).output.splitlines()
    assert re.match(r"│ crosscheck 5 articles · \d+ claims · \d+ events +│$", out[1])
    assert re.match(r"│ \d+ conflicts \(\d+ errors, \d+ warnings?\) +│$", out[2])
    for line in out:
        assert len(line) <= 80
    assert re.search(r"events · \d+ conflicts \(", run("check", SAMPLES, "--no-cache", width=160).output.splitlines()[1])


# ---------------------------------------------------------------- --explain


def test_explain_says_in_words_which_article_gave_what_once_per_event(tmp_path):
    import re
    out = run("check", SAMPLES, "--no-cache", "--explain", width=120).output
    out = re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", out))  # the panels' text, unwrapped
    assert not re.search(r"#\d", out)  # no claim numbers, which appear nowhere else
    assert "002_f91752d79a3f6b7c.txt (2021-12-30) gives the day 13 January 2022 (line 11)" in out
    assert "line 11 took its place (Vienna) from line 12 of the same article" in out
    assert "one event because: the same kind of event (meeting) naming OSCE in every article" in out
    assert "the same date, 13 January 2022, in 3 articles" in out  # a day is one day, its year written or not
    # two conflicts of one event: explained once, the second pointing back
    (tmp_path / "a.txt").write_text("date 2024-05-06\nA tornado hit Joplin on Sunday, killing 116 people and "
                                    "injuring 40.\n")
    (tmp_path / "b.txt").write_text("date 2024-05-06\nA tornado hit Joplin on Sunday, killing 89 people and "
                                    "injuring 75.\n")
    out = run("check", tmp_path, "--no-cache", "--explain", width=120).output
    assert out.count("one event because") == 1 and "the same event as the quantity" in out


def test_the_events_view_names_outlets(quake):
    out = run("events", quake).output
    assert "cnn.com" in out and "Reuters" in out and "bbc.co.uk" in out
