"""News in French, Spanish, German and Tagalog: the event words, figures, numbers, times and country names of the
data files' other languages, read end to end through the CLI (articles written for these tests)."""
import json

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.extract.measures import quantities
from crosscheck.extract.places import gazetteer

FR = ("Séisme en Turquie : au moins 35 morts\n\nANKARA (AFP) - Un séisme de magnitude 6,8 a frappé l'est de la "
      "Turquie vendredi 24 janvier 2020, faisant au moins 35 morts et 1 600 blessés.\n"
      "Le tremblement de terre a eu lieu à 20h55 heure locale.\n")
ES = ("Terremoto en Turquía deja al menos 35 muertos\n\nANKARA (EFE) - Un terremoto de magnitud 6,8 sacudió el este "
      "de Turquía el viernes 24 de enero de 2020, dejando al menos 35 muertos y 1.600 heridos.\n"
      "El sismo ocurrió a las 20:55 hora local.\n")
DE = ("Erdbeben in der Türkei: Mindestens 35 Tote\n\nANKARA (dpa) - Ein Erdbeben der Stärke 6,8 hat den Osten der "
      "Türkei am 24. Januar 2020 erschüttert und mindestens 35 Menschen getötet, 1600 wurden verletzt.\n"
      "Das Beben ereignete sich um 20.55 Uhr Ortszeit.\n")
TL = ("Lindol sa Turkey: 30 ang patay\n\nANKARA - Umabot na sa 30 ang patay sa lindol na may lakas na 6,8 noong "
      "24 Enero 2020.\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": "120"})


def figures(text):
    return [(q.measure, q.low, q.high) for q in quantities(text, 0, len(text))]


@pytest.mark.parametrize("text, expected", [
    ("faisant au moins 35 morts et 1 600 blessés", [("dead", 35, None), ("injured", 1600, 1600)]),
    ("dejando al menos 35 muertos y 1.600 heridos", [("dead", 35, None), ("injured", 1600, 1600)]),
    ("mindestens 35 Menschen getötet, 1600 wurden verletzt", [("dead", 35, None), ("injured", 1600, 1600)]),
    ("Umabot na sa 30 ang patay", [("dead", 30, 30)]),
    ("Bei dem Erdbeben kamen mindestens 35 Menschen ums Leben.", [("dead", 35, None)]),  # the verb first
    ("En el sismo murieron al menos 35 personas.", [("dead", 35, None)]),
    ("Dans le séisme, 35 personnes ont péri.", [("dead", 35, 35)]),
    ("un séisme de magnitude 6,8", [("magnitude", 6.8, 6.8)]),
    ("ein Erdbeben der Stärke 6,8", [("magnitude", 6.8, 6.8)]),
])
def test_figures_in_other_languages(text, expected):
    assert figures(text) == expected


def test_numbers_as_each_language_writes_them():
    assert figures("killed 1\u00a0600 people") == [("dead", 1600, 1600)]  # a no-break space groups thousands
    assert figures("The deal is worth $1.125 billion.")[0][1] == 1.125e9  # a decimal before a scale
    assert figures("It measured 6.8 on the scale.")[0][1] == 6.8
    assert figures("3,475 people were killed.") == [("dead", 3475, 3475)]  # a comma before three digits groups
    assert figures("sacudió el este de Turquía el viernes 24 de enero de 2020") == []  # a day, no count
    assert figures("The bomb went off in the 2500 block of Oregon 214.") == []  # an address


def test_countries_by_their_names_in_other_languages():
    g = gazetteer()
    assert {g.get(n).name for n in ("Turquie", "Turquía", "Türkei", "Türkiye")} == {"Turkey"}
    assert g.get("Pilipinas").name == g.get("Filipinas").name == "Philippines"
    assert g.get("Un") is None and g.get("Maurice") is None  # an article, a given name


def test_articles_in_four_languages_are_one_event_and_their_tolls_are_compared(tmp_path):
    for name, text in (("fr", FR), ("es", ES), ("de", DE), ("tl", TL)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = run("check", tmp_path, "--published", "2020-01-25", "--format", "json", "--no-cache")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    [dead] = [c for c in report["conflicts"] if c["event"]["label"].endswith("dead")]
    held = {v["value"]: sorted({c["article"] for c in v["claims"]}) for v in dead["values"]}
    assert held[">=35"] == ["de", "es", "fr"] and held["30"] == ["tl"]
    assert not [c for c in report["conflicts"] if c["event"]["label"].endswith("injured")]  # 1 600 is 1.600
    events = json.loads(run("events", tmp_path, "--published", "2020-01-25", "--format", "json").stdout)["events"]
    [quake] = [e for e in events if e["what"] == "earthquake"]
    times = {v["value"] for v in quake["values"] if v["slot"] == "when"}
    assert "2020-01-24T20:55" in times
    places = {v["value"] for v in quake["values"] if v["slot"] == "where"}
    assert places <= {"Ankara", "Turkey"}


def test_a_capitalised_small_word_of_another_language_names_nobody(tmp_path):
    (tmp_path / "a.txt").write_text("Séisme en Turquie\n\nEn Turquie, au moins 912 personnes ont été tuées lors du "
                                    "séisme de lundi 6 février 2023.\nEn Turquie, le séisme a fait 5 385 blessés.\n",
                                    encoding="utf-8")
    rows = [json.loads(line) for line in run("claims", tmp_path, "--format", "jsonl", "--published",
                                             "2023-02-07").output.splitlines()]
    assert rows and not any("En Turquie" in json.dumps(r.get("who")) for r in rows)


def test_weekdays_in_other_languages_are_the_latest_such_day(tmp_path):
    (tmp_path / "a.txt").write_text("Un séisme a frappé lundi le sud de la Turquie.\nEl sismo del viernes 24 de enero "
                                    "de 2020.\nDas Beben am Freitag war stark.\nSanto Domingo recibió ayuda.\n",
                                    encoding="utf-8")
    out = run("dates", tmp_path / "a.txt", "--published", "2023-02-07").output
    assert "'lundi' = 2023-02-06" in out and "'Freitag' = 2023-02-03" in out
    assert "'viernes'" not in out and "Domingo" not in out  # a date's own weekday; a name


@pytest.mark.parametrize("text, expected", [
    ("El candidato obtuvo el 41,2% de los votos.", ("percent", 41.2)),
    ("Le candidat a obtenu 41,2 % des voix.", ("percent", 41.2)),
    ("Die Partei erhielt 41,2 Prozent der Stimmen.", ("percent", 41.2)),
    ("con una participación del 60,3%", ("turnout", 60.3)),
    ("für 2,6 Milliarden Euro", ("price", 2.6e9)),
    ("pour 3,4 milliards de dollars", ("price", 3.4e9)),
    ("por 2.600 millones de euros", ("price", 2.6e9)),  # 2,600 millions
    ("The deal is worth $1.125 billion.", ("price", 1.125e9)),  # a decimal before an English scale
])
def test_vote_shares_turnouts_and_money_in_other_languages(text, expected):
    assert [(m, low) for m, low, _ in figures(text)] == [expected]


def test_a_time_in_local_words_is_no_count(tmp_path):
    (tmp_path / "a.txt").write_text("date 2016-04-17\nEl terremoto se produjo el sábado a las 18.58 hora local en "
                                    "Ecuador, a una profundidad de 20 kilómetros.\n", encoding="utf-8")
    [row] = [json.loads(line) for line in run("claims", tmp_path, "--format", "jsonl").output.splitlines()]
    assert row["when"]["value"] == "2016-04-16T18:58"
    assert [(q["measure"], q["value"], q["unit"]) for q in row["quantities"]] == [("depth", 20, "km")]


def test_the_small_words_of_other_languages_leave_names_whole():
    from crosscheck.extract.entities import finder
    text = "Marine Le Pen spoke in Paris. Later, Le Pen said she would run. Tarun Das met officials. Das left."
    assert {p.name for _, p in finder().untitled(text, 0, [])} >= {"Le Pen", "Tarun Das"}


def test_a_coming_meeting_in_other_languages_is_in_the_future(tmp_path):
    (tmp_path / "a.txt").write_text("Les dirigeants se réuniront à Genève lundi.\nLos líderes se reunirán en Ginebra "
                                    "el lunes.\nDie Minister werden sich am Montag in Genf treffen.\n"
                                    "Le séisme a frappé lundi.\n", encoding="utf-8")
    out = run("dates", tmp_path / "a.txt", "--published", "2022-01-05").output
    assert out.count("= 2022-01-10") == 3 and "'lundi' = 2022-01-03" in out  # the quake's Monday is past
    rows = [json.loads(line) for line in run("claims", tmp_path, "--format", "jsonl", "--published",
                                             "2022-01-05").output.splitlines()]
    assert [r["what"]["class"] for r in rows] == ["meeting", "meeting", "meeting", "earthquake"]  # "Die" is no death
    assert [r["modality"] for r in rows[:3]] == ["future"] * 3


def test_days_named_by_their_distance_from_publication(tmp_path):
    (tmp_path / "a.txt").write_text("El sismo de ayer dejó 35 muertos.\nLe séisme d'hier a fait 35 morts.\n"
                                    "Das Beben von gestern forderte 35 Tote.\nDie Lage hier ist ruhig.\n",
                                    encoding="utf-8")
    out = run("dates", tmp_path / "a.txt", "--published", "2022-01-05").output
    assert out.count("= 2022-01-04") == 3 and "'hier'" not in out  # German "hier" is "here"
