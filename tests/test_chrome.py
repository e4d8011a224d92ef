"""Page chrome is not text: publication stamps, link lines, weather and date banners, share bars, cookie notices
and newsletter prompts make no claim and are never an article's title (rules in data/grammar.toml [chrome])."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.extract import extract
from crosscheck.extract.document import chrome_lines, is_chrome_line, title_line
from crosscheck.ingest import load

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("line", [
    "-4.4 C", "12°C Sunny", "68 °F",  # weather banners
    "This content was published on", "Published", "Last updated:", "2 minutes", "3 min read",  # publication stamps
    "Sunday, December 3, 2023", "3 December 2023", "Nov. 30, 2009",  # the day's date a page prints
    "MUST READ: Trump says the wall will be built", "ALSO READ", "Read more", "More", "Related stories",
    "READ MORE: Second kidnapped Nigerian schoolgirl found by Army",  # link lines
    "Share", "Share this", "Facebook Twitter Email", "Share on Facebook | Tweet | WhatsApp", "Print",  # share bars
    "We use cookies to give you the best experience on our site. Accept all cookies",  # a cookie notice
    "Newsletter Sign Up Continue reading the main story Please verify you're not a robot.",  # newsletter prompts
    "Sign up for our daily newsletter", "Subscribe to the Morning Briefing newsletter",
    "Advertisement", "Advertisement Continue reading the main story",
    "https://www.example.com/news/2017/12/27/quake", "http: / / www. example. com / news / quake",  # addresses
])
def test_a_chrome_line(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", [
    "More Than 70 People Killed In Truck Attack In Nice, France",  # a headline that opens with "More"
    "Russia will press for robust security guarantees from the US at the Geneva talks",
    "The earthquake killed 35 people, officials said.",
    "Share prices fell 3% after the announcement on Monday.",  # "share" in prose
    "Published documents show the deal was signed on 12 January.",
    "A 12 C temperature rise is not what the report says.",
    "Email records show the minister was told on 3 December 2023.",
])
def test_not_a_chrome_line(line):
    assert not is_chrome_line(line)


def test_no_chrome_line_in_the_samples_yields_a_claim():
    corpus = load([SAMPLES])
    found = 0
    for article in corpus.articles:
        spans = chrome_lines(article.text, article.body_start)
        found += len(spans)
        for claim in extract(article).claims:
            for lo, hi in spans:
                assert not (claim.sentence.start < hi and lo < claim.sentence.end), (article.id, claim.sentence.text)
            for q in claim.quantities:
                assert not any(lo <= q.span.start < hi for lo, hi in spans)
    assert found >= 20  # the samples do hold chrome: 13 "This content was published on", a weather banner, ...


def test_no_publication_stamp_is_a_publish_claim():
    result = CliRunner().invoke(main, ["claims", str(SAMPLES), "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 0 and result.output
    assert "This content was published on" not in result.output


def test_a_title_is_a_headline_not_a_temperature():
    text = ("-4.4 C\nEurope\nSunday, December 3, 2023\n\nAnother story entirely\n\nRussia will press for robust "
            "security guarantees\n\nWorldRussiaRussia will press for robust security guarantees\n\nThe talks open "
            "in Geneva on January 10.\n")
    assert title_line(text) == "Russia will press for robust security guarantees"
    assert title_line("MUST READ\nQuake kills 35 in Gaziantep\nThe quake struck on Monday.\n") == \
        "Quake kills 35 in Gaziantep"
    assert title_line("Quake kills 35\nThe quake struck on Monday.\n") == "Quake kills 35"  # no chrome: line one
    titles = {a.id: a.title for a in load([SAMPLES]).articles}
    assert titles["003_d3ed57b0465f031a"] == \
        "Russia will press for robust security guarantees from the US at the Geneva talks"
    assert not any(is_chrome_line(t) for t in titles.values())


def test_the_headline_after_an_address_line_is_the_headline():
    from crosscheck.extract.document import read
    text = ("http: / / www. example. com / news / quake\n\nQuake kills 35 in Gaziantep\n\n"
            "The quake struck on Monday. It was felt in Syria.\n")
    title = title_line(text)
    doc = read(text, 0, title)
    assert title == "Quake kills 35 in Gaziantep"
    assert doc.sentences[doc.headline].text.strip() == title
    assert doc.sentences[doc.lead.start].text.startswith("The quake struck")
    assert all(i in doc.chrome for i in range(doc.headline))


def test_a_photo_gallery_and_its_captions_are_chrome():
    text = ("Seven dead as tram overturns\n\nA tram overturned in Croydon on Wednesday, killing seven people.\n"
            "34 show all UK news in pictures\n1/34 30 November 2017 A supporter wears a mask as he protests AP\n"
            "2/34 29 November 2017 A sign reads 'We want our future back' Rex Features\n"
            "Croydon Tram derailment 8 show all Croydon Tram derailment 1/8 The scene after a tram overturned, "
            "injuring another 40 Steve Parsons/PA 2/8 Police officers walk the site\n"
            "9/11 changed how cities guard their transport, the report said.\n")
    lines = [text[a:b] for a, b in chrome_lines(text)]
    assert lines[0] == "34 show all UK news in pictures" and lines[1].startswith("1/34") and lines[2].startswith("2/34")
    assert lines[3].startswith("Croydon Tram derailment 8 show all") and len(lines) == 4  # "9/11" is no caption
