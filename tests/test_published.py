"""Publication dates checked against the text: metadata and the article's own "Published:" line or dateline
that disagree make a warning naming both and the one used; 'published:' in the front matter and a
--published-from table choose."""
import json

from click.testing import CliRunner

from crosscheck.cli import main

BODY = "Russia and the United States will meet in Geneva on January 10, officials said.\n"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": "100"})


def articles(folder, *more):
    result = run("check", folder, "--no-cache", "--format", "json", "--exit-zero", *more)
    assert result.exit_code == 0, result.output
    return {a["id"]: a for a in json.loads(result.stdout)["articles"]}


def test_front_matter_against_the_published_line(tmp_path):
    (tmp_path / "a.md").write_text(f"---\ndate: 2021-12-30\n---\nTalks set\nPublished: 5 January 2022\n{BODY}")
    (tmp_path / "b.md").write_text(f"---\ndate: 2021-12-30\n---\nTalks set\nPublished: 31 December 2021\n{BODY}")
    (tmp_path / "c.md").write_text(f"---\ndate: 2021-12-30\n---\nTalks set\nUpdated: 5 January 2022\n{BODY}")
    found = articles(tmp_path)
    [warning] = found["a"]["warnings"]
    assert "front matter 2021-12-30" in warning and '"Published:" line 2022-01-05' in warning
    assert "used 2021-12-30" in warning and found["a"]["published"] == "2021-12-30"
    assert "warnings" not in found["b"]  # a day apart: time zones
    assert "warnings" not in found["c"]  # a later update is no disagreement
    out = run("check", tmp_path, "--no-cache", "--exit-zero").output
    assert "publication dates disagree" in out  # on the terminal too, beside the article


def test_a_jsonl_field_against_the_dateline(tmp_path):
    record = {"id": "r1", "published": "2022-03-01",
              "text": "MOSCOW, Dec 30, 2021 (Reuters) - " + BODY}
    (tmp_path / "c.jsonl").write_text(json.dumps(record) + "\n")
    [warning] = articles(tmp_path)["r1"]["warnings"]
    assert "JSONL field 2022-03-01" in warning and "dateline 2021-12-30" in warning


def test_published_in_front_matter_chooses(tmp_path):
    (tmp_path / "a.md").write_text(f"---\npublished: 2022-01-05\n---\nTalks set\nPublished: 30 December 2021\n"
                                   f"{BODY}")
    found = articles(tmp_path)["a"]
    assert found["published"] == "2022-01-05" and "warnings" not in found


def test_a_published_from_table_chooses_and_names_the_outlet(tmp_path):
    (tmp_path / "a.md").write_text(f"---\ndate: 2021-12-30\n---\nTalks set\nPublished: 5 January 2022\n{BODY}")
    (tmp_path / "b.txt").write_text(f"Talks in Geneva\n{BODY}")
    table = tmp_path / "sources.tsv"
    table.write_text("file\turl\ttitle\tdate\n"
                     "a.md\thttps://www.reuters.com/x\tRussia, US to meet\t2022-01-05\n"
                     "b.txt\thttp://edition.cnn.com/y\t\t2021-12-29\n")
    found = articles(tmp_path, "--published-from", table)
    assert found["a"]["published"] == "2022-01-05" and found["a"]["published_source"] == "published-from"
    assert "warnings" not in found["a"] and found["a"]["title"] == "Russia, US to meet"
    assert found["a"]["outlet"] == "reuters.com" and found["b"]["outlet"] == "cnn.com"
    assert found["b"]["published"] == "2021-12-29" and found["b"]["title"] == "Talks in Geneva"


def test_a_broken_table_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.md").write_text(BODY)
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\twhen\na.md\t2022-01-05\n")
    result = run("check", tmp_path / "a.md", "--published-from", bad)
    assert result.exit_code == 2 and "bad.tsv" in result.stderr and "'file'" in result.stderr
    bad.write_text("file\tpublished\na.md\tsoon\n")
    result = run("check", tmp_path / "a.md", "--published-from", bad)
    assert result.exit_code == 2 and "line 2" in result.stderr and "'soon' is not a date" in result.stderr
    assert "Traceback" not in result.output
    result = run("check", tmp_path / "a.md", "--published-from", tmp_path / "missing.tsv")
    assert result.exit_code == 2


def test_an_address_whose_path_holds_the_day_dates_an_article_nothing_else_dates(tmp_path):
    records = [{"id": "a", "url": "https://www.nytimes.com/2017/12/27/us/subway.html", "text": BODY},
               {"id": "b", "url": "http://articles.latimes.com/2005/nov/28/world/fg-quake28", "text": BODY},
               {"id": "c", "url": "https://example.com/news/2017/12345", "text": BODY},  # no day in the path
               {"id": "d", "url": "https://example.com/2017/12/27/x", "published": "2017-12-20", "text": BODY}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (tmp_path / "e.txt").write_text("https://www.bbc.co.uk/news/2016/07/15/nice\n" + BODY)
    found = articles(tmp_path)
    assert (found["a"]["published"], found["a"]["published_source"]) == ("2017-12-27", "url")
    assert found["b"]["published"] == "2005-11-28" and found["c"]["published"] is None
    assert found["d"]["published"] == "2017-12-20"  # the article's own field wins
    assert (found["e"]["published"], found["e"]["published_source"]) == ("2016-07-15", "url")


def test_an_address_as_tokenised_corpora_print_it_dates_the_article_and_is_no_title(tmp_path):
    (tmp_path / "a.txt").write_text("http: / / articles. example. com / 2011 - 11 - 12 / india / 303\n\n"
                                    "Somali pirate attack foiled in Gulf of Aden\n\n" + BODY)
    (tmp_path / "b.txt").write_text("http: / / www. example. com / news / navy - foils - pirates\n\n" + BODY)
    found = articles(tmp_path)
    assert (found["a"]["published"], found["a"]["published_source"]) == ("2011-11-12", "url")
    assert found["a"]["title"] == "Somali pirate attack foiled in Gulf of Aden"
    assert found["b"]["published"] is None  # no day in the path
