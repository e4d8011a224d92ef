"""The fast paths of extraction give what the slow ones gave: the per-article names found without a compiled pattern,
lines in capitals judged once, the compact GeoNames kept in the user's cache, month names read without dateparser."""
import json
import random
import re

import pytest

import crosscheck
from crosscheck.extract import months, places
from crosscheck.extract.entities import _in_capitals_line, _registry_matches
from crosscheck.extract.document import sentences

NAMES = ["Ryabkov", "Sergei Ryabkov", "Sherman", "Wendy Sherman", "Ray", "OSCE", "Foo Bar Association", "FBA", "Bar"]


def _by_pattern(names, text, start, end):
    """The alternation of the names, longest first, that ``_registry_matches`` stands for."""
    body = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’-])(?:{body})(?![\w’-])")
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text, start, end)]


def test_registry_matches_are_the_alternations_on_the_samples():
    for article in crosscheck.load(["samples"]).articles:
        text = article.text
        for s in sentences(text):
            assert _registry_matches(NAMES, text, s.start, s.end) == _by_pattern(NAMES, text, s.start, s.end)


def test_registry_matches_are_the_alternations_on_random_text():
    rng = random.Random(7)
    pieces = [*NAMES, " ", " ", "-", "'", "’", "s", "x", ".", ",", "Ryab", "Shermans", "\n"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert _registry_matches(NAMES, text, start, end) == _by_pattern(NAMES, text, start, end), (text, start, end)


def _capitals_line_by_scan(text, at):
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)


def test_a_line_in_capitals_is_judged_as_a_scan_of_its_line_judges_it():
    text = ("RUSSIA SAYS TALKS WILL GO AHEAD\nThe XYZ met the ABC.\nNATO\n\nUN AND EU MEET IN GENEVA TODAY, "
            "OFFICIALS SAY\nWHO said")
    for at in [m.start() for m in re.finditer(r"[A-Z]{2,}", text)]:
        assert _in_capitals_line(text, at) == _capitals_line_by_scan(text, at), at


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    places.geonames.cache_clear()
    yield tmp_path / "crosscheck"
    places.geonames.cache_clear()


def test_compact_geonames_is_kept_and_read_back(cache_home):
    built = places.geonames()
    kept = list(cache_home.glob("geonames-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text("utf-8")) == built
    assert built == places._build_geonames()
    places.geonames.cache_clear()
    assert places.geonames() == built


@pytest.mark.parametrize("content", ["not json", "[]", '{"countries": [], "cities": [], "continents": []}',
                                     "\x80\x04\x95 a pickle"])
def test_a_broken_compact_geonames_is_built_again(cache_home, content):
    built = places.geonames()
    kept = next(cache_home.glob("geonames-*.json"))
    kept.write_text(content, "utf-8", errors="surrogateescape")
    places.geonames.cache_clear()
    assert places.geonames() == built
    assert json.loads(kept.read_text("utf-8")) == built


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    places.geonames.cache_clear()
    try:
        assert places.geonames() == places._build_geonames()
    finally:
        places.geonames.cache_clear()


def test_month_names_read_from_the_locale_files_are_dateparsers(monkeypatch):
    read = months.foreign_months()
    months.foreign_months.cache_clear()
    monkeypatch.setattr(months, "_locale_file", lambda lang: None)  # dateparser's loader for every language
    try:
        asked = months.foreign_months()
        assert list(asked.items()) == list(read.items()) and len(read) > 100
    finally:
        months.foreign_months.cache_clear()
        monkeypatch.undo()


def test_sentence_ends_tried_at_runs_of_marks_are_the_patterns():
    from crosscheck.extract.document import _SENTENCE_END, _sentence_ends

    rng = random.Random(3)
    pieces = [".", "!", "?", "...", " ", "A", "a", "1", '"', "'", ")", "]", "(", "\u201d", "\u201c", "Ж", "Mr", "\t"]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert [m.span() for m in _sentence_ends(line)] == [m.span() for m in _SENTENCE_END.finditer(line)], line


def test_every_numeric_date_holds_the_probe_that_skips_articles_without_one():
    from crosscheck.extract.dates import _NUMERIC_DATE, _NUMERIC_DATE_PROBE

    rng = random.Random(5)
    pieces = ["1", "2", "3", ".", "/", " ", "a", "12", "2022", "30"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if _NUMERIC_DATE.search(text):
            assert _NUMERIC_DATE_PROBE.search(text), text


def _flat_alternation(phrases):
    """The plain alternation, longest first, that ``phrase_alternation`` writes as a trie where it can."""
    alternatives = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives)


def _matches(body, text, flags, around):
    pattern = re.compile(around.format(body=body), flags)
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


# a phrase list alone, as a whole word, and inside a pattern that backtracks into it
AROUND = ["(?:{body})", r"(?<![\w'’-])(?:{body})(?![\w’-]|'\w)", r"((?:{body}))(\s+\w+)?\s+(?:york|fires)\b"]


def test_phrase_alternation_matches_what_the_flat_alternation_matches_on_random_text():
    from crosscheck.lexicon import phrase_alternation

    rng = random.Random(11)
    words = ["new", "New", "york", "fire", "fires", "fire-", "a", "ab", "abc", "-", "'s", "ı", "i", "K", "k", "\u212a",
             "the", "th", "e", "x.y", "(", "[", "?"]
    for _ in range(300):
        phrases = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(0, 8))]
        body = phrase_alternation(phrases)
        for _ in range(5):
            text = " ".join(rng.choice([*words, "  ", "\n", "york"]) for _ in range(rng.randint(0, 12)))
            for flags in (0, re.I):
                for around in AROUND:
                    assert _matches(body, text, flags, around) == _matches(_flat_alternation(phrases), text, flags,
                                                                           around), (phrases, text, flags, around)


def test_phrase_alternation_is_a_trie_for_the_event_words_and_matches_the_flat_one_on_the_samples():
    from crosscheck.extract.claims import lexicon
    from crosscheck.lexicon import phrase_alternation

    words = list(lexicon().words)
    body = phrase_alternation(words)
    assert not body.startswith(re.escape(max(words, key=len)))  # a trie, not the longest phrase first
    for article in crosscheck.load(["samples"]).articles:
        for around in AROUND[:2]:
            assert _matches(body, article.text, re.I, around) == _matches(_flat_alternation(words), article.text,
                                                                          re.I, around)


def test_sites_tried_where_a_preposition_begins_are_the_patterns_sites():
    from crosscheck.extract.sites import _pattern

    gated, _ = _pattern()
    texts = [a.text for a in crosscheck.load(["samples"]).articles] + [
        "The crash happened at the 53rd Street tunnel, near Terrigal Beach and inside the Sandilands tram stop.",
        "Police said in the West Coast Bank branch, on the Jeddah circuit, Inside the Palace Theatre Company."]
    for text in texts:
        for s in sentences(text):
            assert [m.span() for m in gated.finditer(text, s.start, s.end)] == \
                [m.span() for m in gated.pattern.finditer(text, s.start, s.end)]
