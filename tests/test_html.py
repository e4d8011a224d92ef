"""The HTML report: one self-contained page that parses, shows every conflict and escapes whatever the articles say;
and, where Chromium is installed, that a real browser renders it without a console error."""
import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.report.html import number, outlet, quote

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CHROMIUM = Path("/usr/bin/chromium")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class Page(HTMLParser):
    """Every start tag with its attributes, the text of each script and style, and whether tags nest properly."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.styles, self.stack, self.problems = [], [], [], [], []
        self.text = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        elif self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        else:
            self.text.append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def all_text(self):
        return re.sub(r"\s+", " ", " ".join(self.text))


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = run("check", SAMPLES, "--format", "html", "-o", out)
    assert result.exit_code == 1, result.output
    data = json.loads(run("check", SAMPLES, "--format", "json").stdout)
    return out, out.read_text(encoding="utf-8"), data


def assert_self_contained(text, page):
    """No resource is fetched: no external src or href, no @import or url() in the CSS, no script file, no font."""
    for tag, attrs in page.tags:
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        assert href is None or href.startswith("#"), (tag, attrs)
        assert tag not in ("link", "img", "iframe", "object", "embed", "base"), tag
    css = "".join(page.styles)
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert not re.search(r"""(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:)?//""", text)


def test_the_samples_page_parses_and_shows_every_conflict(samples_page):
    _, text, data = samples_page
    page = Page(text)
    assert text.startswith("<!DOCTYPE html>") and page.problems == [] and page.stack == []
    assert data["summary"]["articles"] == 5 and len(data["conflicts"]) == 4
    shown = page.find("article")
    assert len(shown) == 4
    for c in data["conflicts"]:
        [article] = [a for a in shown if a.get("id") == f"c-{c['id']}"]
        assert article["data-slot"] == c["slot"] and article["data-severity"] == c["severity"]
        assert "hidden" not in article  # every conflict is shown with JavaScript off
        assert c["event"]["label"] in page.all_text()
        for v in c["values"]:
            assert v["display"] in page.all_text()
    words = page.all_text()
    assert "5 articles" in words and "4 conflicts" in words
    assert "majority" in words and "3 sources : 1" in words


def test_the_samples_page_is_self_contained(samples_page):
    _, text, _ = samples_page
    page = Page(text)
    assert_self_contained(text, page)
    assert "http://" not in text and "https://" not in text  # not even as text: no quote of the samples has a URL
    assert len(page.find("style")) == 1 and len(page.find("script")) == 1
    assert "@media print" in "".join(page.styles) and ":focus-visible" in "".join(page.styles)


def test_sources_are_shown_by_outlet_title_and_date(samples_page):
    _, text, data = samples_page
    page = Page(text)
    words = page.all_text()
    for a in data["articles"]:
        assert Path(a["path"]).name in words  # no URL: the file name is the outlet
        if a["title"]:
            assert a["title"] in words
    assert "2021-12-30" in words  # 002's date line
    rows = page.find("tr")
    assert sum(r.get("id", "").startswith("a-") for r in rows) == 5  # the articles table, each row a link target


def test_within_article_conflicts_and_articles_on_both_sides_are_marked(samples_page):
    _, text, data = samples_page
    sections = {m.group(1): m.group(0)
                for m in re.finditer(r'<article class="conflict[^"]*" id="c-([^"]+)".*?</article>', text, re.S)}
    assert any(c["within_article"] for c in data["conflicts"])  # the samples have one: drafts published 17 and 18 Dec
    for c in data["conflicts"]:
        held = [{x["article"] for x in v["claims"]} for v in c["values"]]
        both = len(set().union(*held)) < sum(map(len, held))  # an article holds two of the values
        assert ("within one article" in sections[c["id"]]) == c["within_article"]
        assert ("both sides" in sections[c["id"]]) == both


def test_quotes_mark_the_value(samples_page):
    _, text, data = samples_page
    for c in data["conflicts"]:
        for v in c["values"]:
            for claim in v["claims"]:
                assert f"<mark>{claim['value_text']}</mark>".replace("&", "&amp;").replace('"', "&quot;") in text


def test_the_filters_are_keyboard_controls_shown_only_by_the_script(samples_page):
    _, text, data = samples_page
    page = Page(text)
    [form] = page.find("form")
    assert "hidden" in form  # with JavaScript off there is nothing to filter with
    names = [a["name"] for a in page.find("select")]
    assert names == ["slot", "severity", "outlet"]
    assert page.find("a", href="#main") and page.find("details") and page.find("nav")


def write_article(folder, name, title, url, published, sentence):
    meta = [f"title: {json.dumps(title)}", f"published: {published}"] + ([f"url: {json.dumps(url)}"] if url else [])
    path = folder / name
    path.write_text("---\n" + "\n".join(meta) + "\n---\n" + sentence + "\n", encoding="utf-8")
    return path


@pytest.fixture
def toll(tmp_path):
    sentence = "The earthquake that hit Gaziantep on 6 February 2023 killed {} people."
    write_article(tmp_path, "a.md", "Quake kills dozens", "https://www.reuters.com/world/quake", "2023-02-06",
                  sentence.format(62))
    write_article(tmp_path, "b.md", "Toll rises", "https://apnews.com/article/quake", "2023-02-07",
                  sentence.format(120))
    write_article(tmp_path, "c.md", "Toll rises again", None, "2023-02-08", sentence.format(300))
    return tmp_path


def test_a_figure_reported_on_different_days_is_a_timeline(toll):
    result = run("check", toll, "--no-cache", "--format", "html")
    assert result.exit_code == 1, result.output
    page = Page(result.stdout)
    assert page.problems == []
    [svg] = page.find("svg")
    assert svg["role"] == "img" and "62 from reuters.com on 2023-02-06" in svg["aria-label"]
    assert len(page.find("circle")) == 3 and len(page.find("polyline")) == 1
    words = page.all_text()
    assert "reuters.com" in words and "apnews.com" in words and "c.md" in words  # domain, else file name
    assert "earliest report" in words and "latest report" in words
    assert "https://www.reuters.com/world/quake" in words  # the address as text, never a link
    assert_self_contained(result.stdout, page)


def test_a_timeline_joins_its_dots_only_when_each_day_has_one_figure(toll):
    write_article(toll, "d.md", "Another count", None, "2023-02-08",
                  "The earthquake that hit Gaziantep on 6 February 2023 killed 250 people.")
    page = Page(run("check", toll, "--no-cache", "--format", "html").stdout)
    assert len(page.find("circle")) == 4 and not page.find("polyline")


def test_sources_that_agree_make_a_page_without_a_script(tmp_path):
    sentence = "The earthquake that hit Gaziantep on 6 February 2023 killed 62 people."
    write_article(tmp_path, "a.md", "Quake", "https://www.reuters.com/q", "2023-02-06", sentence)
    write_article(tmp_path, "b.md", "Quake", "https://apnews.com/q", "2023-02-07", sentence)
    result = run("check", tmp_path, "--no-cache", "--format", "html")
    assert result.exit_code == 0, result.output
    page = Page(result.stdout)
    assert page.problems == [] and not page.find("script") and not page.find("form")
    assert "No conflicts" in page.all_text() and "0 conflicts in 2 articles" in page.all_text()


def test_skipped_inputs_are_listed(tmp_path):
    sentence = "The earthquake that hit Gaziantep on 6 February 2023 killed {} people."
    write_article(tmp_path, "a.md", "Quake", None, "2023-02-06", sentence.format(62))
    write_article(tmp_path, "b.md", "Quake", None, "2023-02-07", sentence.format(120))
    (tmp_path / "<b>empty<b>.md").write_text("---\ntitle: nothing\n---\n", encoding="utf-8")
    result = run("check", tmp_path, "--no-cache", "--format", "html")
    page = Page(result.stdout)
    assert page.find("section", id="skipped") and not page.find("b")
    assert "&lt;b&gt;empty&lt;b&gt;.md" in result.stdout and "no text after the metadata" in page.all_text()


def test_hostile_text_is_escaped(tmp_path):
    evil = '<script>alert("x")</script><b onmouseover=alert(1)>'
    sentence = "The earthquake that hit Gaziantep on 6 February 2023 killed {} people " + evil + "."
    name = "<script>alert(1)<img src=x onerror=alert(2)>.md"
    write_article(tmp_path, name, evil, 'javascript:alert(3)"><script>', "2023-02-06", sentence.format(62))
    write_article(tmp_path, "plain.md", "Toll <i>rises</i> & more", "https://apnews.com/x", "2023-02-07",
                  sentence.format(120))
    result = run("check", tmp_path, "--no-cache", "--format", "html")
    assert result.exit_code == 1, result.output
    text = result.stdout
    page = Page(text)
    assert page.problems == []
    assert len(page.find("script")) == 1  # only the page's own filter script
    assert not page.find("b") and not page.find("img") and not page.find("i")
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)
    assert "&lt;script&gt;alert(1)&lt;img src=x onerror=alert(2)&gt;.md" in text  # the file name, as outlet
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text  # the title and the quote
    assert "Toll &lt;i&gt;rises&lt;/i&gt; &amp; more" in text
    assert evil not in text and name not in text
    assert_self_contained(text, page)


def test_events_page_shows_what_sources_agree_on():
    result = run("events", SAMPLES, "--format", "html")
    assert result.exit_code == 0, result.output
    page = Page(result.stdout)
    assert page.problems == [] and page.stack == []
    data = json.loads(run("events", SAMPLES, "--format", "json").stdout)
    told = [e for e in data["events"] if len(e["articles"]) > 1]
    assert told and len(page.find("article")) == len(told)
    words = page.all_text()
    for e in told:
        assert e["label"] in words
    assert re.search(r"\b[2-9] sources agree\b", words)
    assert_self_contained(result.stdout, page)


def test_quote_is_cut_at_word_boundaries_around_the_value():
    words, tail = " ".join(f"word{i}" for i in range(100)), " ".join(f"tail{i}" for i in range(100))
    sentence = words + " killed 62 people " + tail
    at = sentence.index("killed 62")
    claim = {"sentence": sentence, "start": 1000, "value_start": 1000 + at, "value_end": 1000 + at + 9}
    shown = quote(claim)
    assert "<mark>killed 62</mark>" in shown and shown.startswith("…word") and shown.endswith("…")
    assert re.match(r"…word\d+ ", shown) and re.search(r" tail\d+…$", shown)


def test_outlets_and_figures():
    assert outlet({"url": "https://www.reuters.com/x", "path": "a.md", "id": "a"}) == "reuters.com"
    assert outlet({"url": None, "path": "corpus/a.md", "id": "a"}) == "a.md"
    assert [number(v) for v in ("35", ">=35", "~100", "12 km", "24-99", "41.2%")] == [35, 35, 100, 12, 24, 41.2]


def chromium(*args, timeout=90):
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                               *args], capture_output=True, text=True, timeout=timeout)


def test_a_real_browser_renders_the_page(samples_page, tmp_path):
    if not (CHROMIUM.exists() and shutil.which(str(CHROMIUM))):
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    path, _, data = samples_page
    shot = tmp_path / "report.png"
    result = chromium(f"--screenshot={shot}", "--window-size=1200,2000", path.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = chromium("--dump-dom", path.as_uri())
    dom = result.stdout
    for c in data["conflicts"]:
        assert f'id="c-{c["id"]}"' in dom
    assert re.search(r'<form id="filters" class="filters" aria-label', dom)  # the script ran: filters shown
    assert "4 of 4 shown" in dom
    errors = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert errors == [], errors
    [warning] = [c for c in data["conflicts"] if c["severity"] == "warning"]
    dom = chromium("--dump-dom", path.as_uri() + "?severity=warning").stdout  # a filter asked for in the address
    assert "1 of 4 shown" in dom
    pdf = tmp_path / "report.pdf"  # printed: the @media print rules apply
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    shown = re.findall(r'<article class="conflict[^"]*" id="c-([^"]+)"(?![^>]*hidden)', dom)
    assert shown == [warning["id"]]
