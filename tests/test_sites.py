"""Sites: the named spots inside a place where an event happens ("the 53rd Street tunnel"), read after a locative
preposition, gathered by the article event like its other slots, and shown by ``crosscheck events`` as values of
where (kind "site"), never compared with the gazetteer's places."""
import json

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.extract.sites import sites


def names(text):
    return [(s.name, s.noun) for s in sites(text, 0, len(text))]


@pytest.mark.parametrize("text, expected", [
    ("Two work trains collided in the 53rd Street tunnel on Sunday.", [("53rd Street tunnel", "tunnel")]),
    ("A crowd had gathered at Terrigal Beach in New South Wales.", [("Terrigal Beach", "beach")]),
    ("The tram derailed near the Sandilands tram stop.", [("Sandilands tram stop", "tram stop")]),
    ("A bomb exploded at a West Coast Bank branch in Woodburn.", [("West Coast Bank", "bank")]),
])
def test_a_site_is_a_name_before_a_site_noun_after_a_locative(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "He lives in Palm Beach.",  # the gazetteer's city
    "Thousands flee fireworks explosion at Australia beach",  # which country, not which spot
    "They met at the Palace Theatre Company offices.",  # part of a longer name
    "He was taken to St George's Hospital.",  # no locative: where he was taken, not where it happened
    "The Street was quiet.",
])
def test_no_site(text):
    assert names(text) == []


def test_outlets_that_name_one_site_agree_on_it(tmp_path):
    for name, lead in (("a", "Two work trains collided in the 53rd Street tunnel in New York early on Wednesday."),
                       ("b", "Two work trains collided in New York early on Wednesday, officials said.")):
        (tmp_path / f"{name}.txt").write_text(f"date 2017-12-27\n{lead}\n"
                                              + ("The crash happened in the 53rd Street tunnel.\n" if name == "b" else ""))
    runner = CliRunner()
    events = json.loads(runner.invoke(main, ["events", str(tmp_path), "--format", "json"]).output)["events"]
    [crash] = [e for e in events if e["what"] == "crash"]
    [site] = [v for v in crash["values"] if v.get("kind") == "site"]
    assert (site["slot"], site["value"], site["articles"]) == ("where", "53rd Street tunnel", ["a", "b"])
    assert {v["value"] for v in crash["values"] if v.get("kind") == "place"} == {"New York City"}
    rows = [json.loads(line) for line in runner.invoke(main, ["claims", str(tmp_path), "--format", "jsonl"]).output
            .splitlines()]
    assert {(r["article"], r["site"]["name"], r["site"]["gathered"]) for r in rows if r["site"]} >= {
        ("a", "53rd Street tunnel", False), ("b", "53rd Street tunnel", False)}
    result = runner.invoke(main, ["check", str(tmp_path), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output  # a site is never a conflict with a city
