"""The compiled words: gated patterns find what the plain patterns find, and a user's lexicon merges."""
from pathlib import Path

import pytest

from crosscheck.extract import dates as timex
from crosscheck.extract.entities import finder
from crosscheck.lexicon import Gated, data, phrase_gate, second_words, use_lexicon

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples" / "geneva-2022").glob("*.txt"))


@pytest.mark.parametrize("name", ["dates", "actors", "titles"])
def test_a_gated_pattern_finds_what_the_plain_pattern_finds(name):
    gated = {"dates": timex.CANDIDATES, "actors": finder().actor_pattern, "titles": finder().person_pattern}[name]
    for path in SAMPLES:
        text = path.read_text()
        plain = [m.span() for m in gated.pattern.finditer(text) if "\n" not in m.group(0)]
        assert [m.span() for m in gated.finditer(text) if "\n" not in m.group(0)] == plain, path.name


def test_a_gate_narrows_frequent_first_words_by_the_next_one():
    assert second_words(["the Kremlin", "the White House", "Kremlin"]) == {"the": frozenset({"kremlin", "white"})}
    gate = phrase_gate(["the Kremlin", "the White House"])
    text = "The talks at the White House and the Kremlin; the house."
    assert [m.group(0) for m in gate.finditer(text)] == ["the White House", "the Kremlin"]
    assert isinstance(gate, Gated)


def test_a_user_lexicon_extends_lists_and_merges_tables(tmp_path):
    words = tmp_path / "w.toml"
    words.write_text('[places]\nnot_places = ["Zzyzx"]\n[places.aliases]\n"Big Apple" = "New York City"\n')
    try:
        use_lexicon(words)
        places = data("places")
        assert "Zzyzx" in places["not_places"] and "March" in places["not_places"]  # extended, not replaced
        assert places["aliases"]["Big Apple"] == "New York City" and places["aliases"]["Kiev"] == "Kyiv"
    finally:
        use_lexicon()
    assert "Zzyzx" not in data("places")["not_places"]
