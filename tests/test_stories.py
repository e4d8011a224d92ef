"""Stories, not sentences: article events gather slots across sentences, and group across articles."""
from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.extract.document import read
from crosscheck.extract.events import inferred_day
from crosscheck.group import group
from crosscheck.model import Article

PUBLISHED = dt.date(2024, 4, 4)


def article(name: str, text: str, published: dt.date | None = PUBLISHED, title: str | None = None) -> Article:
    return Article(name, f"{name}.txt", text, title=title, published=published)


def claims_of(text: str, **kw):
    return extract(article("a", text, **kw)).claims


# ---------------------------------------------------------------- the document


def test_document_knows_headline_lead_and_dateline():
    text = "Strong quake shakes coastal city\nHUALIEN (Reuters) - A strong earthquake struck on Wednesday.\nMore."
    doc = read(text, 0, "Strong quake shakes coastal city")
    assert doc.headline == 0 and 1 in doc.lead
    assert doc.dateline.text == "HUALIEN"
    assert doc.weight(0) > doc.weight(1) > doc.weight(5)


def test_no_dateline_in_an_ordinary_lead():
    assert read("Officials said the bridge was closed.").dateline is None


# ---------------------------------------------------------------- slots gathered across sentences


def test_a_later_sentence_takes_the_place_and_day_of_its_event():
    text = ("An earthquake struck in Kathmandu on Wednesday morning, officials said.\n"
            "Rescuers searched collapsed buildings through the night.\n"
            "The quake killed nine people, the fire agency said.")
    cs = claims_of(text)
    toll = next(c for c in cs if c.quantities)
    assert toll.what == "earthquake"
    assert toll.where.name == "Kathmandu" and toll.when.value.timex == "2024-04-03"
    assert {g.slot for g in toll.context} >= {"where", "when"}
    source, line, _ = toll.source_of("where")
    assert line == 1 and "Kathmandu" in source.text  # the quote is the sentence that states the place


def test_a_figure_in_a_sentence_that_names_no_event_goes_to_the_main_event():
    text = ("A bomb attack hit a market in Peshawar on Tuesday.\n"
            "Police said 23 people were killed.")
    cs = claims_of(text)
    figure = next(c for c in cs if c.quantities)
    assert figure.what == "attack" and figure.where.name == "Peshawar"
    assert figure.quantities[0].measure == "dead" and figure.quantities[0].low == 23


def test_the_dateline_gives_the_place_when_no_sentence_does():
    text = "MANILA (AP) - A fire gutted a shopping mall on Monday.\nThe blaze killed 8 people."
    cs = claims_of(text)
    assert all(c.where is not None and c.where.name == "Manila" for c in cs if c.what == "fire")


def test_a_mention_that_states_nothing_makes_no_claim():
    cs = claims_of("The talks were tense.")
    assert cs == ()


# ---------------------------------------------------------------- a second event kept apart


def test_another_quake_the_article_recalls_keeps_its_own_slots():
    text = ("An earthquake struck Hualien on Wednesday, officials said.\n"
            "The quake killed nine people.\n"
            "A previous earthquake in Chi-Chi killed 2,400 people in 1999.")
    cs = claims_of(text)
    old = next(c for c in cs if any(q.low == 2400 for q in c.quantities))
    assert old.when is not None and old.when.value.year == 1999
    assert old.where is None or old.where.name != "Hualien"
    assert not old.context  # nothing gathered from the new quake


def test_a_stated_year_that_differs_makes_another_event():
    text = ("An earthquake struck Hualien on Wednesday.\n"
            "In 1999 an earthquake killed 2,400 people on the island.")
    cs = claims_of(text)
    old = next(c for c in cs if any(q.low == 2400 for q in c.quantities))
    assert old.when.value.year == 1999 and not old.context


def test_a_mention_naming_two_events_parties_gathers_from_neither():
    text = ("Russia will hold talks with NATO in Brussels on January 12.\n"
            "Russia will also meet the OSCE in Vienna on January 13.\n"
            "Russia wants talks with NATO and the OSCE.")
    cs = claims_of(text, published=dt.date(2021, 12, 30))
    both = next(c for c in cs if {"NATO", "OSCE"} <= c.parties)
    assert both.where is None and both.when is None


# ---------------------------------------------------------------- across articles


def test_reports_that_disagree_on_the_day_are_still_one_event():
    a = article("a", "A tornado tore through Joplin on Sunday, killing 116 people.", published=dt.date(2024, 5, 6))
    b = article("b", "A tornado hit Joplin on Saturday.\nThe storm killed 116 people.", published=dt.date(2024, 5, 6))
    xs = [extract(a), extract(b)]
    events = group(xs)
    conflicts = compare(events, xs)
    assert any(c.slot == "when" and {v.value for v in c.values} == {"2024-05-05", "2024-05-04"} for c in conflicts)


def test_two_storms_a_week_apart_are_two_events():
    a = article("a", "A tornado hit Joplin on 1 May, killing 12 people.")
    b = article("b", "A tornado hit Joplin on 9 May, killing 3 people.")
    xs = [extract(a), extract(b)]
    assert compare(group(xs), xs) == ()
    assert not any(len(e.articles) > 1 for e in group(xs))


def test_undated_reports_group_on_the_town_and_who_took_part():
    a = article("a", "Taliban fighters attacked a police post in Kunduz.\nThe attack killed 12 people.", published=None)
    b = article("b", "A Taliban attack on a police post in Kunduz killed 15 people.", published=None)
    xs = [extract(a), extract(b)]
    conflicts = compare(group(xs), xs)
    assert [sorted(v.value for v in c.values) for c in conflicts if c.slot == "quantity"] == [["12", "15"]]


def test_undated_quakes_in_one_town_are_not_one_event_by_the_town_alone():
    a = article("a", "An earthquake hit the island of Qeshm, in Qeshm.\nThe quake injured five people.", published=None)
    b = article("b", "A strong earthquake struck in Qeshm, injuring 50 people.", published=None)
    xs = [extract(a), extract(b)]
    assert compare(group(xs), xs) == ()


def test_figures_inside_one_article_are_not_a_conflict():
    a = article("a", "A bomb attack hit Quetta on Monday, killing 30 people.\nA bombing in Quetta in 2013 killed 90.")
    xs = [extract(a)]
    assert [c for c in compare(group(xs), xs) if c.slot == "quantity"] == []


# ---------------------------------------------------------------- crosscheck events


def test_events_command_lists_what_sources_agree_on(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-04-04\nAn earthquake struck in Kathmandu on Wednesday.\n"
                                    "The quake killed nine people.\n")
    (tmp_path / "b.txt").write_text("date 2024-04-04\nKATHMANDU (AP) - A powerful quake hit the city on Wednesday, "
                                    "killing nine people.\n")
    result = CliRunner().invoke(main, ["events", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "crosscheck/events@1"
    [quake] = [e for e in data["events"] if e["what"] == "earthquake" and len(e["articles"]) == 2]
    values = {(v["slot"], v["measure"], v["value"]): v for v in quake["values"]}
    assert values[("quantity", "dead", "9")]["articles"] == ["a", "b"]
    assert values[("when", None, "2024-04-03")]["articles"] == ["a", "b"]
    assert values[("where", None, "Kathmandu")]["articles"] == ["a", "b"]
    claim = values[("where", None, "Kathmandu")]["claims"][0]
    assert {"article", "sentence", "line", "start", "end", "gathered"} <= claim.keys()
    text = CliRunner().invoke(main, ["events", str(tmp_path)])
    assert text.exit_code == 0 and "2 sources agree" in text.output


def test_events_command_on_nothing_readable_exits_2(tmp_path):
    (tmp_path / "a.bin").write_bytes(b"\x00\x01")
    assert CliRunner().invoke(main, ["events", str(tmp_path / "missing")]).exit_code == 2


# ---------------------------------------------------------------- a plan and its outcome


def test_a_plan_and_its_outcome_are_one_event_and_a_changed_venue_is_a_warning():
    plan = article("plan", "Serbia and Kosovo will meet in Brussels on Tuesday.", published=dt.date(2024, 6, 3))
    done = article("done", "Serbia and Kosovo met in Vienna on Wednesday.", published=dt.date(2024, 6, 5))
    xs = [extract(plan), extract(done)]
    conflicts = compare(group(xs), xs)
    where = [c for c in conflicts if c.slot == "where"]
    assert len(where) == 1 and where[0].severity == "warning" and "plan and outcome" in where[0].label
    assert [v.value for v in where[0].values] == ["Brussels", "Vienna"]  # the plan first


def test_a_past_meeting_months_before_is_not_the_plan():
    old = article("old", "Serbia and Kosovo met in Brussels on 2 March.", published=dt.date(2024, 6, 3))
    plan = article("plan", "Serbia and Kosovo will meet in Vienna on Tuesday.", published=dt.date(2024, 6, 3))
    xs = [extract(old), extract(plan)]
    assert compare(group(xs), xs) == ()


def test_explain_says_which_sentence_gave_a_gathered_slot(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-05-06\nA tornado tore through Joplin on Sunday.\n"
                                    "The storm killed 116 people.\n")
    (tmp_path / "b.txt").write_text("date 2024-05-06\nA tornado hit Joplin on Sunday, killing 89 people.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--explain", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert "took its place (Joplin) from line 2 of the same article" in result.output


def test_page_chrome_makes_no_claim():
    text = ("A truck attack in Nice killed 84 people on Thursday.\n"
            "Photos: Harrowing images of the truck attack in Nice on Friday, July 15.\n"
            "Media caption The attack in Nice on Friday killed 80 people.")
    cs = claims_of(text, published=dt.date(2016, 7, 15))
    assert all(c.line == 1 for c in cs if c.context == () or c.stated("when"))
    assert {q.low for c in cs for q in c.quantities} == {84}


def test_a_month_the_event_is_not_in_marks_a_recalled_event():
    text = ("A suicide bomber attacked the German consulate in Kabul on Thursday, killing six people.\n"
            "In October, the militants bombed a police station.")
    cs = claims_of(text, published=dt.date(2016, 11, 11))
    october = next(c for c in cs if c.when is not None and c.when.value.month == 10)
    assert not october.context  # nothing gathered from the consulate attack


def test_releasing_people_is_a_release_not_a_publication():
    cs = claims_of("Boko Haram released 21 schoolgirls on Thursday, the government said.")
    assert [c.what for c in cs] == ["release"]
    assert [c.what for c in claims_of("The ministry released the draft agreements on Thursday.")] == ["publish"]


def test_the_same_person_a_day_apart_is_one_event():
    a = article("a", "Coach Bruce Arians retired on Monday.", published=dt.date(2018, 1, 2))
    b = article("b", "Coach Bruce Arians retired on Sunday.", published=dt.date(2018, 1, 2))
    xs = [extract(a), extract(b)]
    assert [c.slot for c in compare(group(xs), xs)] == ["when"]


def test_counts_of_one_thing_conflict_across_sources_but_not_within_one():
    a = article("a", "Somali pirates attacked a tanker in Mogadishu on Tuesday.\n"
                     "Navy officers seized six AK-47 rifles.\nThey found three boats and five boats nearby.")
    b = article("b", "Pirates attacked a tanker in Mogadishu on Tuesday.\nThe navy seized 14 AK-47 rifles.")
    xs = [extract(a), extract(b)]
    conflicts = [c for c in compare(group(xs), xs) if c.slot == "quantity"]
    assert [sorted(v.value for v in c.values) for c in conflicts] == [["14", "6"]]
    assert "number of the rifle" in conflicts[0].label


def test_a_date_inside_an_until_clause_is_not_the_events():
    cs = claims_of("Bruce Arians said he did not decide to retire until the kick went through at Seattle on Sunday night.",
                   published=dt.date(2018, 1, 2))
    assert all(c.when is None for c in cs)
    [talks] = claims_of("Talks between Iran and the EU began in Vienna on Monday and will last until 5 April.")
    assert talks.when.value.timex == "2024-04-01"  # Monday's, not the day the clause names


# ---------------------------------------------------------------- article events group whole


def test_the_mentions_of_one_article_event_are_one_event_even_without_an_anchor_between_them():
    # undated, in one town, no participant: across articles that is no anchor, inside one article event it is one
    a = article("a", "An earthquake struck Qeshm island in Iran.\nThe quake in Qeshm killed ten people.\n"
                     "The quake in Qeshm injured 50 people.", published=None)
    [event] = group([extract(a)], singletons=True)
    assert [c.id for c in event.claims] == ["a#1", "a#2", "a#3"]
    assert any("one event of their article" in r or "an event of its article" in r for r in event.reasons)


def test_claims_say_which_article_event_they_mention(tmp_path):
    (tmp_path / "a.txt").write_text("A bomb attack hit a market in Peshawar on Tuesday.\nPolice said 23 people were "
                                    "killed.\nIn 2013 another bombing in Peshawar killed 90.\n")
    result = CliRunner().invoke(main, ["claims", str(tmp_path), "--format", "jsonl", "--published", "2024-04-04"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    by_line = {r["line"]: r["event"] for r in rows}
    assert by_line[1] == by_line[2] == "a/0"
    assert by_line[3] is None  # another event the article recalls: a mention of no event of the article


def test_a_day_nobody_knows_is_not_filled_by_a_recalled_month():
    # no publication date: "on Sunday" cannot be resolved, and the September quake below is another one
    text = ("An earthquake with a magnitude of 5.6 shook the island of Qeshm on Sunday.\n"
            "Several houses were damaged and two villagers were injured in the quake.\n"
            "The same island was hit by a 6.1 quake in September.")
    cs = claims_of(text, published=None)
    assert all(c.when is None for c in cs if "September" not in c.sentence.text)


def test_a_lead_that_recalls_a_quake_years_back_does_not_date_the_new_one():
    # the new quake's lead states no day; the one it recalls is no day of it
    text = ("A powerful earthquake struck Gaziantep, killing 35 people.\n"
            "The earthquake of 17 August 1999 in Izmit killed 17,000 people.\n")
    cs = claims_of(text, published=dt.date(2023, 2, 7))
    new = [c for c in cs if "Gaziantep" in c.sentence.text]
    assert new and all(c.when is None or c.when.value.year == 2023 for c in new)
    [old] = [c for c in cs if "1999" in c.sentence.text]
    assert old.when.value.year == 1999 and old.frame != new[0].frame


def test_an_incident_its_article_dates_nowhere_groups_on_the_day_it_was_reported(corpus_json):
    # "a tram overturned in Croydon", reported on 9 November: that day, to group by, never a day to dispute
    conflicts = corpus_json("check", a="date 2016-11-09\nA tram overturned in Croydon, killing seven people.\n",
                            b="date 2016-11-09\nA tram overturned in Croydon on Wednesday, killing five people.\n",
                            c="date 2016-11-10\nA tram overturned in Croydon, killing seven people.\n")["conflicts"]
    assert [c["slot"] for c in conflicts] == ["quantity"]  # the toll; no day: c's is only the day it was reported
    held = {v["value"]: sorted(x["article"] for x in v["claims"]) for v in conflicts[0]["values"]}
    assert held["5"] == ["b"] and "a" in held["7"]
    [c] = claims_of("A tram overturned in Croydon, killing seven people.", published=dt.date(2016, 11, 9))
    assert inferred_day(c.when) and c.when.value.timex == "2016-11-09" and not c.stated("when")
    [c] = claims_of("Storm Ciara will hit Leeds, forecasters say.", published=dt.date(2016, 11, 9))
    assert c.when is None  # a coming event is not dated by the day it is announced


def test_a_time_of_day_joins_an_event_whose_day_nobody_knows():
    # no publication date: "Friday" cannot be resolved, yet "around 5:30 p.m." states no day to be at odds with it
    text = ("A bomb exploded Friday at a bank in Woodburn, killing two officers.\n"
            "The bomb detonated around 5:30 p.m. at the bank.")
    cs = claims_of(text, published=None)
    [clock] = [c for c in cs if c.when is not None]
    assert clock.when.value.timex == "XXXX-XX-XXT17:30"
    assert len({c.frame for c in cs}) == 1 and clock.where is not None and clock.where.name == "Woodburn"


# ---------------------------------------------------------------- what sources say of a person


def test_a_persons_age_is_compared_across_articles_about_different_events(tmp_path):
    (tmp_path / "a.txt").write_text("date 2005-03-12\nPolice arrested Brian Nichols, 33, in Atlanta on Saturday.\n")
    (tmp_path / "b.txt").write_text("date 2005-03-14\nProsecutors charged Brian Nichols, 34, with murder on Monday.\n")
    (tmp_path / "c.txt").write_text("date 2005-03-14\nThe trial of Nichols, 33, will open in April.\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    [age] = [c for c in json.loads(result.output)["conflicts"] if c["event"]["label"] == "Nichols's age"]
    assert sorted(v["value"] for v in age["values"]) == ["33 year", "34 year"]
    assert sorted(c["article"] for v in age["values"] for c in v["claims"]) == ["a", "b", "c"]
    events = json.loads(CliRunner().invoke(main, ["events", str(tmp_path), "--format", "json"]).output)["events"]
    [person] = [e for e in events if e["what"] == "person"]
    assert person["label"] == "Nichols"


def test_ages_in_reports_far_apart_in_time_are_not_compared():
    a = article("a", "Police arrested Brian Nichols, 33, in Atlanta on Saturday.", published=dt.date(2005, 3, 12))
    b = article("b", "The trial of Nichols, 36, opened in Atlanta on Monday.", published=dt.date(2008, 12, 15))
    xs = [extract(a), extract(b)]
    assert [c for c in compare(group(xs), xs) if "age" in c.label] == []


# ---------------------------------------------------------------- words that are no event


def test_an_event_noun_that_modifies_another_noun_is_no_event():
    cs = claims_of("A tram derailed in Croydon on Wednesday.\nEight fire engines and four fire and rescue crews "
                   "were at the scene.")
    assert all(c.what != "fire" for c in cs)
    counts = {q.of: q.low for c in cs for q in c.quantities if q.measure == "count"}
    assert counts == {"engine": 8, "crew": 4}  # "fire and rescue crews": the noun after both modifiers


def test_a_city_whose_name_holds_a_particle_is_a_place():
    [c] = claims_of("A bomb attack hit the German consulate in Mazar-i-Sharif on Thursday.")
    assert c.where is not None and c.where.country == "AF"


def test_a_report_with_no_day_tells_the_incident_of_the_days_before_it_was_published():
    a = article("a", "A car bomb exploded outside the German consulate in Afghanistan, injuring 84 people.",
                published=dt.date(2016, 11, 10))
    b = article("b", "A Taliban bomb attack hit Mazar-i-Sharif in Afghanistan on Thursday, wounding 120 people.",
                published=dt.date(2016, 11, 11))
    xs = [extract(a), extract(b)]
    [c] = [c for c in compare(group(xs), xs) if c.slot == "quantity"]
    assert sorted(v.value for v in c.values) == ["120", "84"]
    later = article("a", "A car bomb exploded outside the German consulate in Afghanistan, injuring 84 people.",
                    published=dt.date(2016, 11, 20))  # ten days on: an incident of its own days, not Thursday's
    xs = [extract(later), extract(b)]
    assert [c for c in compare(group(xs), xs) if c.slot == "quantity"] == []


# ---------------------------------------------------------------- stories: articles known by their names


def test_story_names_are_the_leads_names_not_what_every_story_shares():
    from crosscheck.extract.story import story_names
    title = "Leak Exposes Offshore Deals Of Brackley Harwood Clients"
    text = (f"{title}\nHackers breached the servers of Brackley Harwood in Panama on 3 March, President Ortiz "
            "said on Monday, and Indian and French clients were named by the Kestrel Gazette.\n")
    names = story_names(read(text, 0, title))
    assert names[:2] == ("brackley", "harwood")  # from the lead, in the order met
    assert "exposes" not in names and "offshore" not in names  # a title-case headline names nothing by capitals
    assert not {"panama", "march", "president", "monday", "indian", "french"} & set(names)
    assert {"ortiz", "kestrel", "gazette"} <= set(names)
    # a capital after a colon, a quote or a dash opens a phrase: no name
    text = "Croydon tram: Seven dead after derailment at Sandilands\nThe driver said: \"Several cars left the track.\"\n"
    names = story_names(read(text, 0, "Croydon tram: Seven dead after derailment at Sandilands"))
    assert "sandilands" in names and not {"seven", "several"} & set(names)


def test_articles_sharing_names_are_one_story_and_a_chain_does_not_glue_two():
    from crosscheck.stories import stories
    assert stories([("a", "b", "c"), ("a", "b", "c", "d"), ("x", "y", "z")]) == [0, 0, 2]
    # 1 shares three names with 0, 2 with 1 only: it joins neither half of a story of two, so it opens its own...
    chain = [("a", "b", "c"), ("a", "b", "c", "d", "e", "f"), ("d", "e", "f", "g"), ("e", "f", "g", "h")]
    # ...2 is linked with one of story 0's two members (a half share): it joins; 3 with 2 alone of three: its own
    assert stories(chain) == [0, 0, 0, 3]
    assert stories([]) == []


HACK_A = ("Hackers stole data of Brackley Harwood clients\ndate 2024-03-10\n\n"
          "Hackers breached the servers of law firm Brackley Harwood and sent 4.2 million documents to the "
          "Kestrel Gazette, the paper said on Sunday.\n"
          "The files describe 120,000 shell companies set up by the firm over four decades.\n")
HACK_B = ("Brackley Harwood files: what we know\ndate 2024-03-11\n\n"
          "The Kestrel Gazette obtained 4.2 million documents from Brackley Harwood after a hack.\n"
          "The documents show 150,000 shell companies created for clients of Brackley Harwood.\n")


def test_a_storys_figures_are_shown_together_and_never_compared(tmp_path):
    (tmp_path / "a.txt").write_text(HACK_A)
    (tmp_path / "b.txt").write_text(HACK_B)
    (tmp_path / "c.txt").write_text("Storm floods farms\ndate 2024-03-11\n\nA storm flooded 4.2 million acres "
                                    "of farmland in Sorrel County, officials said.\n")
    result = CliRunner().invoke(main, ["events", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [story] = [e for e in json.loads(result.output)["events"] if e["what"] == "story"]
    assert story["articles"] == ["a", "b"] and story["label"] == "Brackley Harwood story"
    values = {(v["measure"], v["of"], v["value"]): v["articles"] for v in story["values"]}
    assert values[("count", "document", "4.2 million")] == ["a", "b"]
    assert values[("count", "company", "120000")] == ["a"] and values[("count", "company", "150000")] == ["b"]
    assert "tell one story" in story["reasons"][0]
    check = CliRunner().invoke(main, ["check", str(tmp_path), "--format", "json", "--no-cache"])
    assert check.exit_code == 0 and json.loads(check.output)["conflicts"] == []


def test_a_name_between_a_number_and_its_noun_modifies_what_is_counted():
    def counted(text):
        return [(q.of, q.low) for c in claims_of(text) for q in c.quantities if q.measure == "count"]
    assert counted("Hackers breached 40 Equifax servers on Monday.") == [("server", 40)]
    # a plural name is itself what is counted; a country's adjective tells a share of a total; a month, a day
    assert counted("Hackers breached 40 Senate Republicans servers on Monday.") == []
    assert counted("Hackers breached 40 Nigerian servers on Monday.") == []
    assert counted("Hackers breached 12 January servers on Monday.") == []


# ---------------------------------------------------------------- a time of day takes its event's day


def test_a_time_with_no_day_takes_its_events_day(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-04-04\nA fire destroyed a warehouse in Leeds on Wednesday.\n"
                                    "The blaze broke out at 21:00, the fire service said.\n")
    lines = CliRunner().invoke(main, ["claims", str(tmp_path), "--format", "jsonl"]).output.splitlines()
    [clock] = [c for c in map(json.loads, lines) if "21:00" in c["sentence"]]
    assert clock["when"]["value"] == "2024-04-03T21:00"  # Wednesday's, from the lead
    assert "when" in {g["slot"] for g in clock["gathered"]}  # the day is gathered; the clock is its own


def test_a_time_with_no_day_stays_a_time_when_its_event_has_none():
    [c] = [c for c in claims_of("A fire destroyed a warehouse in Leeds at 21:00.", published=None)]
    assert c.when.value.timex == "XXXX-XX-XXT21:00"


def test_a_main_event_no_mention_dates_takes_the_day_its_lead_states(tmp_path):
    (tmp_path / "a.txt").write_text(
        "date 2024-04-04\nTwo freight trains collided in a tunnel near Leeds, injuring one worker.\n"
        "Network officials say the trains \"bumped into each other\" Wednesday morning.\n"
        "Firefighters freed the driver after the accident occurred around 5:10 a.m.\n")
    lines = CliRunner().invoke(main, ["claims", str(tmp_path), "--format", "jsonl"]).output.splitlines()
    found = {c["sentence"][:12]: c for c in map(json.loads, lines)}
    assert found["Two freight "]["when"]["value"] == "2024-04-03"  # the lead's Wednesday, gathered
    assert found["Two freight "]["gathered"][0]["sentence"].startswith("Network officials")
    assert found["Firefighters"]["when"]["value"] == "2024-04-03T05:10"


def test_a_lead_day_on_the_wrong_side_of_publication_dates_nothing():
    # a past crash is not dated by the coming Friday a lead sentence names
    [c, *_] = claims_of("Two freight trains collided in a tunnel near Leeds.\nThe line will reopen on Friday.\n")
    assert c.when is None or inferred_day(c.when)
    [c, *_] = claims_of("Two freight trains collided in a tunnel near Leeds.\nThe line was closed on Monday.\n")
    assert c.when.value.timex == "2024-04-01"


def test_a_publication_stamp_is_no_events_day():
    [c] = claims_of("Truck attack kills 84 in Nice Updated: 2024-04-05 06:50 (Xinhua)", published=dt.date(2024, 4, 5))
    assert (c.when is None or inferred_day(c.when)) and c.quantities[0].low == 84
    [c] = claims_of("Truck attack kills 84 in Nice on 2024-04-04", published=dt.date(2024, 4, 5))
    assert c.when.value.timex == "2024-04-04"


def test_a_storys_summary_holds_what_its_events_hold_too(tmp_path):
    # a toll two outlets give in one dated, placed event and a third in a sentence with no anchor meet in the story
    head = "Kestrel Line tram derails at Brackley Junction\ndate 2024-04-04\n\n"
    (tmp_path / "a.txt").write_text(head + "A Kestrel Line tram crashed at Brackley Junction in Leeds on Sunday, "
                                           "injuring 12 people.\n")
    (tmp_path / "b.txt").write_text(head + "A Kestrel Line tram derailed at Brackley Junction in Leeds on Sunday, "
                                           "injuring 12 people.\n")
    (tmp_path / "c.txt").write_text("Kestrel Line tram crash at Brackley Junction: what we know\ndate 2024-04-06\n\n"
                                    "The Kestrel Line tram crash at Brackley Junction left 12 people injured, "
                                    "officials said.\n")
    events = json.loads(CliRunner().invoke(main, ["events", str(tmp_path), "--format", "json"]).output)["events"]
    [crash] = [e for e in events if e["what"] == "crash"]
    [story] = [e for e in events if e["what"] == "story"]
    def held(event):
        return {v["value"]: v["articles"] for v in event["values"] if v["slot"] == "quantity"}
    assert held(crash)["12"] == ["a", "b"] and held(story)["12"] == ["a", "b", "c"]


def test_where_an_event_was_felt_is_neither_its_place_nor_its_parties():
    text = ("Quake kills ten in southern Iran\nA powerful earthquake hit southern Iran on Sunday.\n"
            "The quake, which struck at 1353 (1023 GMT), was felt in the Gulf states of Oman and the UAE.\n")
    claims = claims_of(text, published=dt.date(2005, 11, 28))
    [felt] = [c for c in claims if "felt" in c.sentence.text]
    assert felt.who == () and felt.where.name == "Iran"  # gathered from its event, which it is one of
    assert felt.when.value.timex == "2005-11-27T13:53" and felt.when.value.zone == "+03:30"


def test_a_time_on_an_inferred_day_is_compared_by_its_clock(corpus_json):
    # one outlet dates the landfall, the other only gives its time: one event, and 3:05 against 3:10
    [when] = corpus_json("check", a="date 2022-09-28\nHurricane Ian made landfall in Florida at 3:10 p.m. as a "
                                    "Category 4 storm.\n",
                         b="date 2022-09-28\nHurricane Ian made landfall in Florida at 3:05 p.m. on Wednesday.\n"
                         )["conflicts"]
    assert when["slot"] == "when"
    assert {v["value"] for v in when["values"]} == {"2022-09-28T15:05", "XXXX-XX-XXT15:10"}


def test_an_inferred_day_is_no_value_the_events_show(corpus_json):
    text = "date 2016-11-09\nA tram overturned in Croydon, killing seven people.\n"
    events = corpus_json("events", a=text, b=text)["events"]
    [crash] = [e for e in events if e["what"] == "crash"]
    assert {v["slot"] for v in crash["values"]} == {"where", "quantity"}  # one event, and no day anyone stated


def test_the_incidents_one_happening_is_told_by_are_one_event(corpus_json):
    # one outlet tells the fire, another the explosion: one happening, by place and day; a fire a week later is another
    [injured] = corpus_json(
        "check", a="date 2018-01-01\nA barge carrying fireworks caught fire off Sydney on Sunday night, injuring two "
                   "people.\n",
        b="date 2018-01-01\nAn explosion on a fireworks barge in Sydney on Sunday injured three people.\n",
        c="date 2018-01-09\nA fire gutted a warehouse in Sydney on Monday, injuring five people.\n")["conflicts"]
    held = {v["value"]: [x["article"] for x in v["claims"]] for v in injured["values"]}
    assert held == {"2": ["a"], "3": ["b"]}


def test_a_storys_summary_holds_the_figures_of_every_event_its_articles_tell(corpus_json):
    # the 197 girls still held are told in a sentence about deaths, not in the release each article is about
    texts = {name: f"date 2016-10-14\nBoko Haram frees 21 Chibok schoolgirls in Maiduguri\n\nBoko Haram freed 21 "
                   f"Chibok schoolgirls in Maiduguri on Thursday, {outlet} reported, after talks brokered by the Red "
                   "Cross.\nSome 197 Chibok girls remain captive, and it is not known how many of them have died.\n"
             for name, outlet in (("a", "Reuters"), ("b", "AP"))}
    events = corpus_json("events", **texts)["events"]
    [story] = [e for e in events if e["what"] == "story"]
    held = {(v["value"], tuple(v["articles"])) for v in story["values"] if v["slot"] == "quantity"}
    assert ("~197", ("a", "b")) in held and ("21", ("a", "b")) in held  # "some 197": about 197, as stated


# ---------------------------------------------------------------- one sentence, one happening


def test_a_place_and_day_whose_verb_names_no_event_go_to_the_event_after_them():
    # "killed" names no event of its own: the place and day it governs are the assault's
    [c] = [c for c in claims_of("A truck killed 84 people in Nice on Thursday night in a terrorist assault.")
           if c.what == "attack"]
    assert c.where.name == "Nice" and c.when.value.timex == "2024-04-04"
    assert not {g.slot for g in c.context} & {"when", "where"}  # stated, not gathered


def test_a_place_or_day_its_event_already_has_is_not_taken_from_an_earlier_verb():
    cs = claims_of("The guidelines were drafted in January and were published on March 3.")
    assert [c.when.value.timex for c in cs if c.what == "publish"] == ["2024-03-03"]


def test_a_capital_before_an_incident_is_its_place_not_its_government():
    cs = claims_of("It came eight months after the Paris attacks that traumatised the nation.")
    [c] = [c for c in cs if c.what == "attack"]
    assert c.where.name == "Paris" and c.who == ()
    [talks] = [c for c in claims_of("Moscow and Washington held talks on Monday.") if c.what == "meeting"]
    assert {p.name for p in talks.who} == {"Russia", "United States"}  # a capital as a party stays one


def test_the_happenings_of_one_sentence_share_its_place_and_day():
    # the death and the assault are one event: the assault takes the death's Nice and Thursday, so the Paris
    # attacks the next sentence recalls are at odds with it and keep their own slots and figures
    cs = claims_of("A celebration was shattered by death Thursday night in the southern French city of Nice when a "
                   "truck barreled through the crowd, in what the president called a terrorist assault. It came eight "
                   "months after the Paris attacks, which killed 130 people.\n"
                   "Officials said at least 84 people were killed.\n", published=dt.date(2016, 7, 15))
    toll = next(c for c in cs if any(q.low == 84 for q in c.quantities))
    paris = next(c for c in cs if any(q.low == 130 for q in c.quantities))
    assert toll.where.name == "Nice" and paris.where.name == "Paris" and toll.frame != paris.frame
    assert not paris.context  # nothing gathered from the Nice attack


def test_a_happening_below_the_lead_dated_by_its_month_is_one_the_article_recalls():
    text = ("A powerful earthquake hit a Gulf island in southern Iran, killing 10 people.\n"
            "Rescuers handed out blankets and water to the survivors.\n"
            "Aid agencies sent tents to the villages.\n"
            "In February, a quake measuring 6. 4 on the Richter scale hit the southern town of Zarand, killing 612 "
            "people.\n")
    cs = claims_of(text, published=None)
    old = next(c for c in cs if any(q.low == 612 for q in c.quantities))
    assert old.frame is None or old.frame != next(c for c in cs if any(q.low == 10 for q in c.quantities)).frame
    assert not any(c.where is not None and c.where.name == "Zarand" for c in cs
                   if any(q.low == 10 for q in c.quantities))


def test_a_decimal_point_split_off_by_tokenised_text_ends_no_sentence():
    from crosscheck.extract.document import sentences
    text = "A quake measuring 6. 4 on the Richter scale hit the town. It killed 612. 4 people were hurt."
    assert [s.text for s in sentences(text)] == ["A quake measuring 6. 4 on the Richter scale hit the town.",
                                                 "It killed 612.", "4 people were hurt."]


def test_a_place_noun_after_its_adjectives_still_introduces_the_place():
    from crosscheck.extract.entities import finder
    text = "It happened in the southern French city of Nice on Thursday."
    assert [p.name for p in finder().places(text, 0, len(text))] == ["Nice"]


def test_the_incident_classes_are_one_article_event():
    # the explosion and the fire are one happening: the fire's time of day is on the explosion's Sunday
    cs = claims_of("A fireworks barge exploded off Terrigal on Sunday night, injuring two men.\n"
                   "The barge caught fire at 9pm, the police said.\n")
    [fire] = [c for c in cs if c.what == "fire"]
    assert fire.when.value.timex == "2024-03-31T21:00" and not inferred_day(fire.when)


def test_the_incident_is_the_article_s_incident_and_names_no_kind_of_its_own(corpus_json):
    events = corpus_json("events",
                         a="date 2018-01-01\nBarge blast\n\nA fireworks barge exploded at Terrigal Beach on Dec. 31, "
                           "injuring two men.\n",
                         b="date 2018-01-01\nFireworks chaos\n\nThousands were evacuated and two were injured during "
                           "the incident at Terrigal Beach on Dec. 31.\n")["events"]
    [e] = [e for e in events if len({c["article"] for v in e["values"] for c in v["claims"]}) == 2]
    assert e["what"] == "attack"  # the specific word's kind, not "incident"
    assert any(v["slot"] == "quantity" and v["value"] == "2" for v in e["values"])


def test_a_spot_the_lead_names_outside_any_event_is_the_main_incident_s():
    cs = claims_of("Fireworks chaos on the coast\n"
                   "A few minutes into the show at Terrigal Beach, the fireworks began to go off at random.\n"
                   "A barge exploded on Sunday night, injuring two men.\n")
    [blast] = [c for c in cs if c.what == "attack"]
    assert blast.site is not None and blast.site.name == "Terrigal Beach"
    assert "site" in {g.slot for g in blast.context}  # gathered from the lead, with where


def test_an_age_told_with_the_is_the_age_of_the_person_the_sentence_before_opens_with(corpus_json):
    events = corpus_json(
        "events",
        a="date 2018-01-02\nArians retires\n\nBruce Arians, one of the NFL's biggest personalities, is retiring.\n"
          "The 65-year-old two-time Coach of the Year announced it on Monday.\n",
        b="date 2018-01-02\nArians retires\n\nArizona coach Bruce Arians, 65, announced his retirement on Monday.\n",
        c="date 2018-01-02\nRetirement\n\nHamilton's win was good but the real star was Verstappen.\n"
          "The 19-year-old was praised.\n")["events"]
    people = {e["label"]: e for e in events if e["what"] == "person"}
    assert {c["article"] for v in people["Arians"]["values"] for c in v["claims"]} == {"a", "b"}
    assert "Hamilton" not in people and "Verstappen" not in people  # a possessive opens no sentence with its subject


def test_a_race_is_an_event_its_figures_belong_to():
    cs = claims_of("The Brazilian Grand Prix at Interlagos was halted on Sunday, Max Verstappen said.\n"
                   "Verstappen overtook half the field.\n"
                   "The 19-year-old Dutchman finished third.\n")
    [age] = [q for c in cs for q in c.quantities if q.measure == "age"]
    assert age.of == "Verstappen"
    assert all(c.what == "contest" for c in cs if c.quantities)


DEAL_A = ("date 2022-01-18\nMicrosoft to buy Activision\n\nThe deal was announced on Tuesday, when Microsoft "
          "agreed to buy Activision for $68.7 billion.\nShares of Activision rose, and analysts said Microsoft "
          "would gain. The "
          "purchase by Microsoft is its largest; Activision said it welcomed the offer, and Activision staff "
          "cheered.\n")
DEAL_B = ("date 2022-01-18\nMicrosoft buys Activision\n\nMicrosoft agreed on Tuesday to acquire Activision in a deal "
          "worth $75 billion.\nThe deal makes Microsoft a leader, and Activision shares jumped. Analysts said "
          "Microsoft paid a premium; shares of Microsoft fell and Activision rose 25 percent.\n")


def test_reports_of_a_deal_between_the_same_two_parties_are_one_deal_and_its_price_is_compared(corpus_json):
    [c] = corpus_json("check", a=DEAL_A, b=DEAL_B)["conflicts"]
    assert c["slot"] == "quantity" and "price" in c["event"]["label"]
    assert sorted(v["value"] for v in c["values"]) == ["68.7 billion USD", "75 billion USD"]


def test_a_price_outside_a_deal_is_an_amount_of_money_compared_by_its_thing(corpus_json):
    report = corpus_json("check",
                         a="date 2022-01-18\nFire\n\nA fire destroyed a warehouse in Leeds on Tuesday, causing damage "
                           "worth $5 million.\n",
                         b="date 2022-01-18\nFire\n\nA fire destroyed a warehouse in Leeds on Tuesday, causing damage "
                           "worth $9 million.\n")
    assert [c for c in report["conflicts"] if c["slot"] == "quantity"] == []


def test_a_time_of_day_after_by_is_a_bound_not_the_moment_of_its_event():
    cs = claims_of("A fire gutted a dairy building in Palmer on Tuesday.\n"
                   "Dispatchers got a call at 3:30 a.m. Tuesday that the building was on fire.\n"
                   "The fire was extinguished by 7 a.m., after crews attacked it from all sides.\n")
    assert {c.when.value.timex for c in cs if c.when is not None and c.when.value.hour is not None} <= \
        {"2024-04-02T03:30"}


def test_an_earlier_offer_between_the_same_parties_is_another_deal(corpus_json):
    body = ("Shares of Acacia jumped, while Cisco slipped. Analysts said Acacia gained, and that Cisco paid well; the "
            "board of Acacia and investors in Cisco cheered.\n")
    report = corpus_json(
        "check",
        a="date 2021-01-14\nAcacia agrees to Cisco offer\n\nOptical maker Acacia on Thursday agreed to an increased "
          "offer of $4.5 billion from Cisco.\nAcacia had earlier agreed to a $2.84 billion offer from Cisco, but it "
          "terminated the original deal.\n" + body,
        b="date 2021-01-14\nCisco to buy Acacia\n\nOn Thursday Cisco agreed to acquire Acacia for $4.5 billion, or "
          "$115 per share, up from $70 a share.\n" + body)
    assert [c for c in report["conflicts"] if c["slot"] == "quantity"] == []
    events = corpus_json("events")["events"]  # the same folder: the two reports are one deal
    assert any(e["what"] == "deal" and set(e["articles"]) == {"a", "b"} for e in events)


ELECTION_A = ("date 2016-11-10\nUnited States Presidential Election, 2016\n\nThe United States presidential "
              "election of 2016 was the 58th presidential election. The US Elections Project estimates that "
              "128.8 million "
              "Americans cast a ballot in 2016, a turnout rate of 55.6 percent.\n")
ELECTION_B = ("date 2016-11-10\nUS Election 2016: the numbers\n\nVoter turnout for the 2016 US presidential "
              "election was expected to shatter records.\nThe US Elections Project estimates a turnout rate of "
              "54.2 per cent.\n"
              "In 2008, Obama and John McCain recorded the highest turnout in US history, a turnout rate of 58 per "
              "cent, according to the American Presidency Project.\n")


def test_reports_of_a_country_s_election_by_its_year_are_one_election(corpus_json):
    [c] = corpus_json("check", a=ELECTION_A, b=ELECTION_B)["conflicts"]
    assert "turnout" in c["event"]["label"]
    # the 58 per cent of 2008 is another election's: a sentence stating another year gives the story no figure
    assert sorted(v["value"] for v in c["values"]) == ["54.2%", "55.6%"]


def test_a_vague_amount_takes_no_side_in_a_dispute(corpus_json):
    # "dozens" agrees with every number: the article that says it is on no side of "about 100" against "202"
    lead = "date 2016-07-15\nNice attack\n\nA truck attack killed 84 people in Nice on Thursday"
    texts = {"a": lead + ".\nAbout 100 people were injured, officials said.\n"
                         "Later, around 202 were reported injured.\n",
             "b": lead + ", killing and wounding dozens.\nTwo tourists were injured in the attack.\n",
             "c": lead + ", injuring around 100.\n"}
    conflicts = corpus_json("check", **texts)["conflicts"]
    [injured] = [c for c in conflicts if c["event"]["label"].endswith("injured")]
    assert {"~100", "~202"} <= {v["value"] for v in injured["values"]}


def test_a_kidnapping_the_sentence_recalls_keeps_its_own_date():
    cs = claims_of("Boko Haram freed 21 schoolgirls on Thursday, more than two years after they were kidnapped from "
                   "their school in Chibok in April 2014.", published=dt.date(2016, 10, 14))
    [freed] = [c for c in cs if c.what == "release"]
    assert freed.when.value.timex == "2016-10-13"


def test_a_country_before_a_race_is_where_it_is_held():
    [c] = [c for c in claims_of("Lewis Hamilton won the Brazilian Grand Prix on Sunday.") if c.what == "contest"]
    assert c.where is not None and c.where.name == "Brazil" and "Brazil" not in {p.name for p in c.who}
