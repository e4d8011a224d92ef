"""Figures: each measure, unit, hedge and number form read from a news-style sentence, and the numbers that never
count; then how figures of one event are compared (units converted, currencies apart, sources)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.extract.measures import agree, quantities
from crosscheck.group import group
from crosscheck.lexicon import use_lexicon
from crosscheck.model import Article


def read(text):
    return [(q.measure, q.value, q.unit) for q in quantities(text, 0, len(text))]


def one(text):
    found = quantities(text, 0, len(text))
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- measures and phrasings


@pytest.mark.parametrize("text, expected", [
    # dead: subject-verb-number, number-noun, "claimed the lives of", "claimed N lives"
    ("The death toll jumped to 97 on Thursday, the civil defence agency said.", ("dead", "97", None)),
    ("By nightfall the toll had now reached 61.", ("dead", "61", None)),
    ("The toll now stands at 212 after rescuers found more bodies.", ("dead", "212", None)),
    ("The death toll from Monday's landslide in the northern hills has risen to 4,365.", ("dead", "4365", None)),
    ("At least 97 people have died since the cyclone came ashore.", ("dead", ">=97", None)),
    ("Gunmen opened fire on the bus, killing 84 people.", ("dead", "84", None)),
    ("Monsoon floods have claimed the lives of 1,204 people this year.", ("dead", "1204", None)),
    ("The blaze claimed 12 lives in the old town.", ("dead", "12", None)),
    ("Nine miners were killed when the shaft collapsed.", ("dead", "9", None)),
    ("The attack left 12 dead.", ("dead", "12", None)),
    ("The number of people confirmed dead has climbed to 1,500.", ("dead", "1500", None)),
    ("Rescue teams have recovered 23 bodies from the wreckage.", ("dead", "23", None)),
    # injured, critical, hospitalised
    ("Forty others were injured in the stampede.", ("injured", "40", None)),
    ("The explosion, wounding more than 8,500, shattered windows across the port.", ("injured", ">=8500", None)),
    ("Five were in critical condition at the city's main hospital.", ("critical", "5", None)),
    ("Eighteen people remain in a critical condition, doctors said.", ("critical", "18", None)),
    ("Over 30 pupils were rushed to hospital after the gas leak.", ("hospitalised", ">=30", None)),
    ("Six people were badly hurt in the collision.", ("critical", "6", None)),
    ("The ambulance service said eight people have serious or life-threatening injuries.", ("critical", "8", None)),
    ("Three passengers suffered serious injuries.", ("critical", "3", None)),
    ("In all, 51 had been taken to two hospitals.", ("hospitalised", "51", None)),
    ("Twenty were taken to St George's university hospital.", ("hospitalised", "20", None)),
    # missing, rescued, evacuated, displaced, arrested
    ("Twenty-three fishermen are still missing off the coast.", ("missing", "23", None)),
    ("Divers rescued 45 people from the capsized ferry.", ("rescued", "45", None)),
    ("Around 200 people were pulled from the rubble overnight.", ("rescued", "170-230", None)),
    ("Firefighters evacuated 3,000 residents from the valley.", ("evacuated", "3000", None)),
    ("The government said 12,000 people had been moved to shelters.", ("evacuated", "12000", None)),
    ("More than 2,000 families were displaced by the fighting.", ("displaced", ">=2000", None)),
    ("Police arrested 12 people after the clashes.", ("arrested", "12", None)),
    ("Two dozen protesters were detained outside parliament.", ("arrested", "24", None)),
    # aboard, destroyed, derailed
    ("The plane was carrying 162 people when it lost contact.", ("aboard", "162", None)),
    ("The ferry had 304 passengers and crew on board.", ("aboard", "304", None)),
    ("Nearly 300 homes were destroyed by the wildfire.", ("destroyed", "255-300", None)),
    ("Seven coaches derailed just outside the station.", ("derailed", "7", None)),
    ("Three of the carriages came off the tracks.", ("derailed", "3", None)),
    # magnitude
    ("A magnitude 6.1 quake struck the island on Sunday.", ("magnitude", "6.1", None)),
    ("A 5.6-magnitude tremor shook the capital.", ("magnitude", "5.6", None)),
    ("The geological survey put the magnitude at 6.3.", ("magnitude", "6.3", None)),
    ("The quake had a magnitude of 6.4.", ("magnitude", "6.4", None)),
    ("The seismology institute recorded it as 6.5 after the earthquake.", ("magnitude", "6.5", None)),
    ("After the tremor, the country's seismology institute said 6.1.", ("magnitude", "6.1", None)),
    ("The observatory put the quake at 5.9.", ("magnitude", "5.9", None)),
    # depth, wind speed, speed, distance, weight
    ("The quake struck at a depth of about 12 kilometres.", ("depth", "10.2-13.8", "km")),
    ("The tremor was 10 km deep.", ("depth", "10", "km")),
    ("The hurricane made landfall with winds of 150 mph.", ("wind_speed", "150", "mph")),
    ("Gusts of up to 120 km/h tore roofs off houses.", ("wind_speed", "0-120", "km/h")),
    ("The storm brought 20-25 mph winds to the coast.", ("wind_speed", "20-25", "mph")),
    ("The train was travelling at 80 km/h when it left the rails.", ("speed", "80", "km/h")),
    ("The lorry drove nearly 2 kilometres along the seafront.", ("distance", "1.7-2", "km")),
    ("A 25-tonne truck ploughed into the crowd.", ("weight", "25", "t")),
    ("The 19-ton truck was found abandoned.", ("weight", "19", "t")),
    ("The leak runs to 2.6 terabytes of files.", ("data_size", "2.6", "TB")),
    ("Hackers stole 900 GB of mail.", ("data_size", "900", "GB")),
    # money, vote share, turnout, seats, votes, prison terms, laps
    ("The insurer agreed to pay $2.6 billion to settle the claims.", ("price", "2.6 billion", "USD")),
    ("The insurer set aside $2.6 billion.", ("money", "2.6 billion", "USD")),
    ("Cisco will pay $115 per share for Acacia.", ("unit_price", "115", "USD")),  # the price of one share
    ("Damage was estimated at 7.8bn euros.", ("money", "7.8 billion", "EUR")),
    ("The club was fined £3m for the breach.", ("money", "3 million", "GBP")),
    ("The lender lost $1.3bn in the quarter.", ("money", "1.3 billion", "USD")),
    ("She won 41.2% of the vote in the first round.", ("percent", "41.2", "%")),
    ("The incumbent took 52 per cent of the vote.", ("percent", "52", "%")),
    ("Turnout was 67.4%, the election commission said.", ("turnout", "67.4", "%")),
    ("Officials reported a turnout of 52 percent.", ("turnout", "52", "%")),
    ("The party won 52 seats in the 120-member assembly.", ("seats", "52", None)),
    ("The motion passed with 219 votes.", ("votes", "219", None)),
    ("He was sentenced to eight years in prison.", ("prison_term", "8", "year")),
    ("A court jailed him for 18 months.", ("prison_term", "18", "month")),
    ("She led for 40 laps before retiring.", ("laps", "40", None)),
    ("He crashed on lap 52 of the race.", ("laps", "52", None)),
])
def test_each_measure_is_read_with_its_unit(text, expected):
    assert read(text) == [expected]


def test_several_figures_of_one_sentence_each_get_their_measure():
    assert read("Eleven people were killed and 40 others were injured, and 7 remain missing.") == [
        ("dead", "11", None), ("injured", "40", None), ("missing", "7", None)]


# ---------------------------------------------------------------- numbers as written


@pytest.mark.parametrize("text, low, high, stated", [
    ("3,475 people had died", 3475, 3475, 3475),
    ("Forty-two people were killed", 42, 42, 42),
    ("nine people were killed", 9, 9, 9),
    ("two dozen people were arrested", 24, 24, 24),
    ("A hundred people were hurt", 100, 100, 100),
    ("Almost 1.2 million people were displaced", 1.02e6, 1.2e6, 1.2e6),
    ("143 million people were affected", 143e6, 143e6, 143e6),
    ("Dozens of people were injured", 24, 99, None),
    ("Hundreds were evacuated", 200, 999, None),
    ("tens of thousands of people were displaced", 20000, 99999, None),
    ("Between 10 and 12 people are missing", 10, 12, None),
    ("10 to 12 people are missing", 10, 12, None),
])
def test_numbers_as_people_write_them(text, low, high, stated):
    q = one(text)
    assert (q.low, q.high, q.stated) == (pytest.approx(low), pytest.approx(high), stated)


@pytest.mark.parametrize("hedge, low, high", [
    ("at least", 50, None), ("more than", 50, None), ("about", 42.5, 57.5), ("around", 42.5, 57.5),
    ("nearly", 42.5, 50), ("almost", 42.5, 50), ("up to", 0, 50),
])
def test_hedges_make_intervals(hedge, low, high):
    q = one(f"Police said {hedge} 50 people were arrested.")
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high) if high else None)


def test_a_verbs_particle_is_no_hedge():
    q = one("Boko Haram militants handed over 21 Chibok schoolgirls to the authorities.")
    assert (q.low, q.high, q.span.text) == (21, 21, "21")
    freed = one("Militants freed over 21 schoolgirls.")
    assert (freed.low, freed.high) == (21, None)


# ---------------------------------------------------------------- never a count


@pytest.mark.parametrize("text", [
    "The raid killed 16-year-old Karim as he slept.",  # an age
    "A 12-year-old girl was among those killed.",
    "The victim, aged 19, died at the scene.",
    "Joyce Achieng, 19, was among those killed.",
    "Relatives gathered to mark the March 9 deaths.",  # a date
    "In 2014 people were killed in similar clashes.",  # a year
    "The 2014 deaths were blamed on the insurgents.",
    "The ferry left at 10:30 and sank soon after.",  # a time
    "He was taken to hospital at 3 pm.",
    "Flight 370 passengers were never found.",  # a flight number
    "Route 66 was closed.",
    "Call 911 if you see the suspect.",  # a phone number
    "Case 42 was filed on Monday.",  # a case number
    "The storm strengthened to Category 3.",  # a rank
    "It was the third attack this year.",  # an ordinal
    "The 2nd battalion was deployed.",
    "The Boeing 737 passengers were evacuated.",  # a model
    "The earlier toll of 35 was revised.",  # an earlier toll
    "With 98% of the votes counted, she led.",  # the share counted, not the share won
    "Three of the victims were children.",  # a part of the total
    "Not one passenger was hurt.",  # none
    "No one was injured in the blast.",
    "Five police officers were among those killed.",  # a part of the total
    "Twenty were treated, of which four are in a critical condition.",
    "The airline flew 9 million passengers last year.",  # passengers, not aboard
    "The meeting lasted 2 minutes.",
    "It was -4.4 C in Geneva.",
    "a G20 meeting",
])
def test_numbers_that_are_never_a_figure(text):
    # an age is read as the person's age (``ages``), never as a count of the event
    assert [q for q in quantities(text, 0, len(text)) if q.measure != "age"] == []


def test_a_figure_told_over_many_incidents_is_no_figure_of_one():
    def tolls(text):
        return [(q.measure, q.low) for q in quantities(text, 0, len(text)) if q.measure != "count"]
    assert tolls("Figures show 20 people were injured in 112 tram-related accidents last year.") == []
    assert tolls("Militants have killed 300 people in 40 attacks since 2015.") == []
    assert tolls("Seven people were killed in the crash.") == [("dead", 7)]
    assert tolls("The quake killed 300 people in 12 villages.") == [("dead", 300)]  # villages are no incidents


def test_a_number_of_things_is_a_count_of_its_noun():
    def counts(text):
        return [(q.low, q.of) for q in quantities(text, 0, len(text)) if q.measure == "count"]
    assert counts("After the quake, officials said five villages were damaged.") == [(5, "village")]
    assert counts("Navy officers seized six AK-47 rifles and ammunition.") == [(6, "rifle")]
    # a model's number as tokenised text prints it is no count either
    assert counts("They were found with six AK 47 rifles.") == [(6, "rifle")]
    assert counts("Six AK - 47 rifles were confiscated.") == [(6, "rifle")]
    assert counts("It is not part of the net-zero balance.") == []  # a word's part
    # up to three words before the counted noun; another set beside one counted is no count of its noun
    assert counts("Five fire rescue units were at the scene.") == [(5, "unit")]
    assert counts("They seized seven AK-47 assault rifles, two other rifles and a launcher.") == [(7, "rifle")]
    assert counts("Three pirate boats approached the ship.") == [(3, "boat")]
    assert counts("Call 911 if you see the suspect.") == []
    # a plural's singular, so that "214,000 offshore entities" and "an entity" count one thing
    assert counts("The files name 214,000 offshore entities.") == [(214000, "entity")]
    assert counts("The bank closed 18 branches.") == [(18, "branch")]
    assert counts("The two countries agreed to talk.") == []  # "country" is never counted
    # a number of happenings (the plural of an incident noun) is told as they come, no figure of one event
    assert counts("There have been at least four aftershocks of around 4.0.") == []
    assert counts("Witnesses heard three explosions.") == []


def test_a_large_figure_is_written_as_news_writes_it():
    assert read("The leak of 11.5 million documents shook the firm.") == [("count", "11.5 million", None)]
    assert read("The breach exposed 145,500,000 consumers.")[0][1] == "145.5 million"
    assert read("The breach exposed 3,475,123 consumers.")[0][1] == "3475123"  # not a round figure: in digits


@pytest.mark.parametrize("text, age, whose", [
    ("Mohamed Lahouaiej Bouhlel, 31, a Tunisian, drove the truck.", 31, "Bouhlel"),
    ("Amina Ali (19) was found in the forest.", 19, "Ali"),
    ("The 19-year-old Max Verstappen drove superbly.", 19, "Verstappen"),
    ("Coach Bruce Arians, aged 65, retired on Monday.", 65, "Arians"),
    ("A 42-year-old man was arrested.", 42, None),
])
def test_ages_are_read_with_whose_they_are(text, age, whose):
    [q] = [q for q in quantities(text, 0, len(text)) if q.measure == "age"]
    assert (q.low, q.of) == (age, whose)


def test_a_number_split_by_a_comma_is_no_age():
    text = "In Paris, 30, 000 people marched."
    assert [q for q in quantities(text, 0, len(text)) if q.measure == "age"] == []


def test_a_figure_repeated_in_another_unit_is_one_figure():
    assert read("The quake struck at a depth of 10 kilometres (6 miles), the agency said.") == [("depth", "10", "km")]
    assert read("The hurricane packed winds of 120 mph (195 km/h).") == [("wind_speed", "120", "mph")]


def test_a_part_told_beside_the_total_is_skipped():
    assert read("At least 62 people, among them nine pilgrims, were killed when the bridge gave way.") == [
        ("dead", ">=62", None)]


def test_a_decimal_split_by_tokenised_text_is_no_figure():
    text = "It was a magnitude - 6. 4 - magnitude quake. It happened in 2010. 5 people died."
    second = text.index("4 -")
    assert quantities(text, second, text.index(" It happened")) == []  # the ".4" of 6.4, not a magnitude 4
    assert [(q.measure, q.value) for q in quantities(text, text.index("5 people"), len(text))] == [("dead", "5")]


def test_a_sentence_is_read_alone_within_its_bounds():
    text = "Officials met on Monday. 35 people were killed. 12 were hurt."
    start = text.index("35")
    end = text.index(" 12")
    assert [(q.measure, q.value) for q in quantities(text, start, end)] == [("dead", "35")]


# ---------------------------------------------------------------- sources


@pytest.mark.parametrize("text, source", [
    ("The USGS put it at 6.3 after the earthquake.", "USGS"),
    ("Forty-two people were killed, according to the health ministry.", "health ministry"),
    ("The quake measured 6.1, said the country's seismology institute.", "country's seismology institute"),
    ("Turkey's disaster agency AFAD said 3,475 people had died.", "AFAD"),
    ("According to the U.S. Geological Survey, the quake had a magnitude of 6.4.", "U.S. Geological Survey"),
    ("The U.S. Geological Survey (USGS) said the quake had a magnitude of 6.8.", "USGS"),  # by its short name
    ("Ecuador's Geophysical Institute put the magnitude slightly lower, at 6.7.", "Ecuador's Geophysical Institute"),
    ("Officials said 35 people were killed.", None),  # unnamed
    ("35 people were killed, police said.", None),
    ("At least 35 people were killed in the blast.", None),
])
def test_the_source_named_with_a_figure(text, source):
    assert one(text).source == source


def test_each_figure_takes_the_source_nearest_to_it():
    text = "The USGS put it at 6.3, while the national seismology institute recorded it as 6.5 after the quake."
    assert [(q.value, q.source) for q in quantities(text, 0, len(text))] == [
        ("6.3", "USGS"), ("6.5", "national seismology institute")]


# ---------------------------------------------------------------- comparing


def conflicts(*texts):
    articles = [Article(f"s{i}", f"s{i}.txt", t) for i, t in enumerate(texts)]
    extractions = [extract(a) for a in articles]
    return compare(group(extractions), extractions)


def test_units_are_converted_before_comparing():
    same = conflicts("The earthquake that hit Gaziantep on 6 February struck at a depth of 16 km.",
                     "The earthquake that hit Gaziantep on 6 February struck at a depth of 10 miles.")
    assert same == ()
    [c] = conflicts("The earthquake that hit Gaziantep on 6 February struck at a depth of 10 km.",
                    "The earthquake that hit Gaziantep on 6 February struck at a depth of 18 miles.")
    assert c.label == "Gaziantep earthquake: depth (km)"
    assert [v.value for v in c.values] == ["10 km", "18 mi"]
    assert [v.display for v in c.values] == ["10 km", "18 mi (29 km)"]  # as written, and as compared
    assert c.severity == "error"


def test_currencies_are_never_converted():
    found = conflicts("The storm that hit Manila on 6 February caused damage of $2 billion.",
                      "The storm that hit Manila on 6 February caused damage of €2 billion.")
    assert found == ()  # different currencies are different figures, neither agreeing nor conflicting


def test_two_named_sources_that_differ_are_a_warning():
    [c] = conflicts("The earthquake that hit Gaziantep on 6 February had a magnitude of 7.8, according to USGS.",
                    "The earthquake that hit Gaziantep on 6 February had a magnitude of 7.5, according to AFAD.")
    assert c.severity == "warning" and c.label == "Gaziantep earthquake: magnitude"
    assert sorted(v.display for v in c.values) == ["7.5 per AFAD", "7.8 per USGS"]  # undated: either may come first


def test_the_same_or_an_unnamed_source_differing_is_an_error():
    [c] = conflicts("The earthquake that hit Gaziantep on 6 February had a magnitude of 7.8, according to USGS.",
                    "The earthquake that hit Gaziantep on 6 February had a magnitude of 7.5, according to USGS.")
    assert c.severity == "error"
    [c] = conflicts("The earthquake that hit Gaziantep on 6 February had a magnitude of 7.8, according to USGS.",
                    "The earthquake that hit Gaziantep on 6 February had a magnitude of 7.5.")
    assert c.severity == "error"


def test_people_taken_to_hospital_are_compared_with_the_injured():
    [c] = conflicts("The earthquake that hit Gaziantep on 6 February injured 120 people.",
                    "The earthquake that hit Gaziantep on 6 February left 84 people taken to hospital.")
    assert c.label == "Gaziantep earthquake: injured" and sorted(v.value for v in c.values) == ["120", "84"]


def test_lower_bounds_and_other_measures_do_not_conflict():
    assert conflicts("The earthquake that hit Gaziantep on 6 February killed at least 40 people.",
                     "The earthquake that hit Gaziantep on 6 February killed 62 people and injured 300.") == ()


def test_intervals_agree_when_they_overlap():
    assert agree(one("about 100,000 troops"), one("tens of thousands of troops"))
    assert not agree(one("35 people were killed"), one("53 people were killed"))


# ---------------------------------------------------------------- output and data


def test_claims_show_their_figures(tmp_path):
    content = ("date 2023-02-07\nA magnitude 7.8 earthquake struck Gaziantep on 6 February, the USGS said, and "
               "at least 35 people were killed.\n")
    (tmp_path / "a.txt").write_text(content)
    toll = content.index("at least 35")
    result = CliRunner().invoke(main, ["claims", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [claim] = [json.loads(line) for line in result.output.splitlines()]
    assert claim["quantities"] == [
        {"measure": "magnitude", "value": 7.8, "low": 7.8, "high": 7.8, "unit": None, "source": "USGS", "of": None,
         "text": "magnitude 7.8", "start": content.index("magnitude"), "end": content.index(" earthquake")},
        {"measure": "dead", "value": 35, "low": 35, "high": None, "unit": None, "source": "USGS", "of": None,
         "text": "at least 35 people were killed", "start": toll, "end": toll + 30}]
    text = CliRunner().invoke(main, ["claims", str(tmp_path)]).output
    assert "magnitude: 7.8 per USGS" in text and "dead: >=35" in text


def test_a_lexicon_adds_a_measure(tmp_path):
    lexicon = tmp_path / "words.toml"
    lexicon.write_text('[measures.measures.stranded]\nlabel = "stranded"\nunit = "count"\n'
                       'right = ["{people} {be} stranded"]\n[measures.phrasing]\npeople = ["travellers"]\n')
    assert [r for r in read("About 400 travellers were stranded at the airport.") if r[0] != "count"] == []
    use_lexicon(lexicon)
    try:
        assert read("About 400 travellers were stranded at the airport.") == [("stranded", "340-460", None)]
    finally:
        use_lexicon()


def test_a_figure_known_by_its_unit_is_compared_with_figures_of_the_same_thing():
    [c] = conflicts("The earthquake that hit Gaziantep on 6 February buried a 25-tonne truck.",
                    "The earthquake that hit Gaziantep on 6 February buried a 19-ton tipper truck.")
    assert c.label == "Gaziantep earthquake: weight of the truck (t)"
    assert sorted(v.value for v in c.values) == ["19 t", "25 t"]
    assert conflicts("The earthquake that hit Gaziantep on 6 February opened a crack 2 km along the road.",
                     "The earthquake that hit Gaziantep on 6 February opened a crack 3 km along the road.") == ()


def test_the_thing_a_unit_figure_measures():
    assert [(q.measure, q.of) for q in quantities("nine billion tons of coal", 0, 25)] == [("weight", "coal")]
    assert [q.of for q in quantities("drove 2 km along the front", 0, 26)] == [None]
    assert [q.by_unit for q in quantities("travelling at 80 km/h", 0, 21)] == [False]


def test_one_hospitals_patients_are_no_count_of_the_injured():
    def tolls(text):
        return [(q.measure, q.low) for q in quantities(text, 0, len(text)) if q.measure != "count"]
    assert tolls("St George's Hospital in Tooting said 20 people have been brought in for treatment.") == []
    assert tolls("A total of 51 had been taken to two hospitals.") == [("hospitalised", 51)]
    assert tolls("More than 50 people were taken to hospital, the ambulance service said.") == [("hospitalised", 50)]


def test_laps_an_article_tells_lap_by_lap_are_no_figure_of_the_race(corpus_json):
    head = "date 2016-11-13\n"
    report = corpus_json("check", a=head + "Ericsson crashed on lap 13 at the Interlagos circuit in Sao Paulo on "
                                           "Sunday.\n",
                         b=head + "Ericsson crashed on lap 14 in Sao Paulo on Sunday.\n",
                         c=head + "A car crashed on lap 8 in Sao Paulo on Sunday. Another crashed on lap 20 in Sao "
                                  "Paulo on Sunday, and the race was stopped on lap 29.\n")
    laps = [c for c in report["conflicts"] if c["event"]["label"].endswith("laps")]
    assert [sorted(v["value"] for v in c["values"]) for c in laps] == [["13", "14"]]


def test_a_duration_is_a_figure_of_the_thing_it_lasts():
    def durations(text):
        return [(q.low, q.unit, q.of) for q in quantities(text, 0, len(text)) if q.measure == "duration"]
    assert durations("The Pope began a five-day visit.") == [(5, "day", "visit")]
    assert durations("They declared a three-month state of emergency.") == [(3, "month", "state")]
    assert [(q.measure, q.low) for q in quantities("He was jailed for two years.", 0, 28)] == [("prison_term", 2)]
    assert [q.measure for q in quantities("the 16-year-old boy", 0, 19)] == ["age"]


def test_the_people_who_had_their_data_stolen_are_the_affected():
    text = "The breach brings the total to 145.5 million people who had their personal information accessed."
    assert [(q.measure, q.low) for q in quantities(text, 0, len(text))] == [("affected", 145.5e6)]
