"""Times of day: read as TIMEX3 minute values on the day they belong to, with their zone and hedge, and compared."""
import datetime as dt
import json

import pytest

from crosscheck.agreement import dates_agree, dates_match
from crosscheck.extract.dates import display, tag
from crosscheck.extract.document import sentences
from crosscheck.model import Article, TimeValue
from crosscheck.report.json import date_data

PUB = dt.date(2016, 7, 15)  # a Friday


def found(text, published=PUB):
    return tag(text, published, sentences(text))


def times(text, published=PUB):
    return [(e.text, e.value.timex, e.value.zone, e.value.approx) for e in found(text, published) if e.value.is_time]


@pytest.mark.parametrize("text, expected", [
    ("The quake struck at 4:52 pm IST on Monday, the seismology centre said.",
     [("4:52 pm IST", "2016-07-11T16:52", "+05:30", None)]),
    ("The storm made landfall at 9:40 p.m. ET on Sunday near the coast.",  # summer in the US: EDT
     [("9:40 p.m. ET", "2016-07-10T21:40", "-04:00", None)]),
    ("The storm made landfall at 9:40 p.m. ET on January 10, 2016.",  # winter: EST
     [("9:40 p.m. ET", "2016-01-10T21:40", "-05:00", None)]),
    ("The first train left the station at 07:15 local time.", [("07:15 local time", "XXXX-XX-XXT07:15", None, None)]),
    ("The convoy reached the checkpoint around 1630 hours, a spokesman said.",
     [("around 1630 hours", "XXXX-XX-XXT16:30", None, "about")]),
    ("The march set off from the Place de la République at 18h30, police said.",
     [("18h30", "XXXX-XX-XXT18:30", None, None)]),
    ("The march began at 18h30 on Saturday.", [("18h30", "2016-07-09T18:30", None, None)]),
    ("The fire was reported at 10.30pm on July 13.", [("10.30pm", "2016-07-13T22:30", None, None)]),
    ("The quake jolted the island at 17:06 pm (1336 GMT).", [("17:06 pm", "XXXX-XX-XXT17:06", "+03:30", None),
                                                             ("1336 GMT", "XXXX-XX-XXT13:36", "+00:00", None)]),
    ("The minister will speak at noon on Friday.", [("noon", "2016-07-15T12:00", None, None)]),
    ("The ceasefire ends at midnight on Friday.", [("midnight", "2016-07-15T24:00", None, None)]),
    ("The ferry capsized shortly after 3 a.m. yesterday.", [("shortly after 3 a.m.", "2016-07-14T03:00", None, "after")]),
    ("The truck drove into the crowd around 10:45 p.m. on Thursday, July 14.",
     [("around 10:45 p.m.", "2016-07-14T22:45", None, "about")]),
    ("The blast was heard shortly after midnight on Thursday.", [("shortly after midnight", "2016-07-14T00:00", None, "after")]),
    ("Power came back a little after 10.", [("a little after 10", "XXXX-XX-XXT10:00", None, "after")]),
    ("The talks resume at 0900 GMT on Monday.", [("0900 GMT", "2016-07-11T09:00", "+00:00", None)]),
    ("The first vote is due at 5 AM Moscow time on July 17.", [("5 AM Moscow time", "2016-07-17T05:00", "+03:00", None)]),
    ("Rescuers arrived at 7 in the evening on Tuesday.", [("7", "2016-07-12T19:00", None, None)]),
    ("The trains bumped into each other at about 5am, officials said.", [("about 5am", "XXXX-XX-XXT05:00", None, "about")]),
    ("The fireworks show at 21:00 turned to chaos.", [("21:00", "XXXX-XX-XXT21:00", None, None)]),
    ("Dozens were taken to hospital after the attack at around 10.30pm last night.",
     [("around 10.30pm", "2016-07-14T22:30", None, "about")]),
    ("The minister will speak at 9 this morning.", [("9", "2016-07-15T09:00", None, None)]),
    ("On July 12, the verdict was read at 14:00 GMT+3.", [("14:00 GMT+3", "2016-07-12T14:00", "+03:00", None)]),
    # as text split into tokens prints them
    ("At 9. 25 a. m. on Thursday, sailors spotted the boats.", [("9. 25 a. m.", "2016-07-14T09:25", None, None)]),
    ("At about 9: 25 Thursday morning, sailors spotted the boats.",
     [("about 9: 25", "2016-07-14T09:25", None, "about")]),
    ("It hit at 1: 53 p. m. local time.", [("1: 53 p. m. local time", "XXXX-XX-XXT13:53", None, None)]),
])
def test_time_forms(text, expected):
    assert times(text) == expected


def test_a_time_is_never_a_year():
    text = "The convoy reached the checkpoint around 1630 hours, a spokesman said."
    assert [e for e in found(text) if not e.value.is_time] == []
    assert [e.value.year for e in found(text)] == [None]


def test_a_year_right_before_a_time_keeps_the_date():
    assert [(e.text, e.value.timex) for e in found("The plane landed on July 14 2030 GMT.")] == [
        ("July 14", "2016-07-14"), ("2030 GMT", "2016-07-14T20:30")]


@pytest.mark.parametrize("text", [
    "About 10 people were hurt.",
    "The search went on for 12 hours.",
    "Volunteers gave 1500 hours of their time.",
    "Shares rose 10.30 percent.",
    "It is a 4h drive from the capital.",
    "The landslide killed 7 in the evening rush.",
    "Police moved the crowd, about 5-6,000 people, off the beach.",
    "WATCH: a timeline of the siege 01:26",
    "The ferry left port at 16:30 am.",
    "There have been at least four aftershocks of around 4.",  # a magnitude
    "The final score was 9: 25 after extra time.",  # a colon and a space alone say no time
])
def test_not_times(text):
    assert times(text) == []


def test_the_time_takes_the_date_of_its_phrase_over_a_nearer_one():
    text = "After talks on July 12, the deal was signed at 4 p.m. on July 13."
    assert times(text) == [("4 p.m.", "2016-07-13T16:00", None, None)]


def test_else_the_nearest_date_of_the_sentence():
    text = "On Wednesday rescuers, who had worked through the night, found the boy at 6 a.m."
    (t,) = [e for e in found(text) if e.value.is_time]
    assert t.value.timex == "2016-07-13T06:00" and t.anchor.startswith("the nearest date of the sentence")


def test_a_bracketed_zone_gives_the_local_time_its_offset_and_the_two_one_instant():
    text = "The storm hit at 10:52 p.m. local time (0352 GMT) on Thursday."
    local, utc = [e for e in found(text) if e.value.is_time]
    assert local.value.zone == "-05:00" and local.value.timex == "2016-07-14T22:52"
    assert utc.value.timex == "2016-07-15T03:52"
    assert dates_agree(local.value, utc.value)


def test_a_wire_clock_with_its_gmt_in_brackets_is_a_time_in_the_zone_they_make():
    text = "The quake, which struck at 1353 (1023 GMT) on Sunday, was felt across the Gulf."
    local, utc = [e for e in found(text) if e.value.is_time]
    assert local.text == "1353" and local.value.zone == "+03:30" and dates_agree(local.value, utc.value)
    assert [e.text for e in found("The club was founded in 1353 (and rebuilt).") if e.value.is_time] == []


def test_a_range_of_times():
    (t,) = [e for e in found("Polls were open between 9 and 11 p.m. on Friday.") if e.value.is_time]
    assert t.text == "9 and 11 p.m." and t.value.timex == "2016-07-15T21:00" and t.value.end.timex == "2016-07-15T23:00"
    assert display(t.value) == "21:00\u201323:00, 15 July 2016"
    assert dates_agree(t.value, _t(22, 30, day=15))
    assert not dates_agree(t.value, _t(23, 30, day=15))


def test_dates_jsonl_gives_each_expression_its_type():
    text = "The ferry capsized shortly after 3 a.m. on Thursday, July 14."
    article = Article("a1", "a1.txt", text, published=PUB)
    rows = [date_data(article, e) for e in found(text)]
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("shortly after 3 a.m.", "TIME", "2016-07-14T03:00"), ("Thursday, July 14", "DATE", "2016-07-14")]
    assert rows[0]["grain"] == "minute" and rows[0]["approx"] == "after"
    json.dumps(rows)


# ---------------------------------------------------------------- comparing


def _t(hour, minute=0, day=14, zone=None, approx=None, month=7, year=2016, either=False):
    stated = frozenset({"month", "day", "time"})
    return TimeValue(year, month, day, "minute", stated, hour=hour, minute=minute, zone=zone, approx=approx,
                     either_half=either)


def test_a_time_is_still_a_calendar_value():
    assert _t(16, 30).is_calendar and _t(16, 30).timex == "2016-07-14T16:30"
    assert TimeValue(grain="minute", hour=17, minute=6).timex == "XXXX-XX-XXT17:06"


def test_times_that_differ_disagree():
    assert not dates_agree(_t(16, 30), _t(16, 52))
    assert dates_agree(_t(16, 30), _t(16, 30))


def test_hedges_widen():
    assert dates_agree(_t(16, 48, approx="about"), _t(16, 52))  # around 16:48 is 16:43-16:53
    assert not dates_agree(_t(16, 40, approx="about"), _t(16, 52))
    assert dates_agree(_t(6, 0, approx="about"), _t(6, 10))  # "around 6am" rounds to the hour
    assert dates_agree(_t(23, 0, approx="about"), _t(23, 30, approx="about"))  # "around 11pm", "around 11:30pm"
    assert not dates_agree(_t(6, 0, approx="about"), _t(6, 40, approx="about"))
    assert dates_agree(_t(6, 0, approx="about"), _t(6, 20))  # within the half hour the rounding hides
    assert not dates_agree(_t(5, 10, approx="about"), _t(5, 30, approx="about"))
    assert not dates_agree(_t(22, 30, approx="about"), _t(22, 45, approx="about"))
    assert dates_agree(_t(22, 30, approx="about"), _t(22, 34, approx="about"))
    assert not dates_agree(_t(21, 40), _t(22, 0, approx="after"))  # 9:40 against a little after 10
    assert dates_agree(_t(22, 20), _t(22, 0, approx="after"))
    assert not dates_agree(_t(3, 0, approx="after"), _t(7, 0, approx="about"))  # shortly after 3 against around 7
    assert dates_agree(_t(23, 40), _t(24, 0, approx="before"))  # shortly before midnight


def test_times_compare_in_utc_when_both_zones_are_known():
    assert dates_agree(_t(16, 52, zone="+05:30"), _t(11, 22, zone="+00:00"))
    assert not dates_agree(_t(16, 52, zone="+05:30"), _t(16, 52, zone="+00:00"))
    # across midnight: 23:30 EDT on the 14th is 03:30 UTC on the 15th
    assert dates_agree(_t(23, 30, zone="-04:00"), _t(3, 30, day=15, zone="+00:00"))


def test_a_zone_only_one_side_names_conflicts_only_where_no_zone_explains_it():
    assert dates_agree(_t(16, 52), _t(11, 22, zone="+00:00"))  # India's 4:52 pm is 11:22 GMT
    assert dates_agree(_t(22, 45), _t(20, 45, zone="+00:00"))
    assert not dates_agree(_t(16, 30), _t(16, 52, zone="+00:00"))  # no zone is 22 minutes off
    assert not dates_agree(_t(16, 30), _t(16, 30, day=20, zone="+00:00"))


def test_a_time_of_an_unknown_day_is_compared_by_its_clock():
    unknown = TimeValue(grain="minute", stated=frozenset({"time"}), hour=16, minute=30)
    assert dates_agree(unknown, _t(16, 30)) and not dates_agree(unknown, _t(16, 52))


def test_a_time_agrees_with_its_date_and_not_with_another_day():
    day = TimeValue(2016, 7, 14, "day", frozenset({"month", "day"}))
    assert dates_agree(_t(16, 30), day)
    assert not dates_agree(_t(16, 30, day=15), day)


def test_an_hour_that_may_be_am_or_pm():
    assert dates_agree(_t(10, 0, approx="after", either=True), _t(22, 10))
    assert display(_t(10, 0, approx="after", either=True)) == "shortly after 10:00 or 22:00, 14 July 2016"


def test_late_wednesday_against_just_after_midnight_thursday_is_no_error():
    late_wednesday = TimeValue(2016, 7, 13, "day", frozenset(), approx="late")
    early_thursday = TimeValue(2016, 7, 14, "day", frozenset(), approx="early")
    assert dates_agree(late_wednesday, _t(0, 20, day=14))
    assert dates_agree(early_thursday, _t(23, 50, day=13))
    assert not dates_agree(late_wednesday, _t(9, 0, day=14))
    # a day told with no time may be either side of midnight (an attack at 23:00 is "Friday" in a report of the
    # early hours), within the spill; a time well into the next day is another day
    assert dates_agree(TimeValue(2016, 7, 13, "day", frozenset()), _t(0, 20, day=14))
    assert not dates_agree(TimeValue(2016, 7, 13, "day", frozenset()), _t(9, 0, day=14))


def test_late_wednesday_is_read_as_late():
    (e,) = found("Police said the attacker was shot late Wednesday.")
    assert e.value.timex == "2016-07-13" and e.value.approx == "late"


def test_grouping_leaves_times_out():
    # two outlets that give one event different times still speak of one event
    assert dates_match(_t(16, 30), _t(16, 52))
    assert not dates_match(_t(16, 30), _t(16, 30, day=15))


def test_local_time_takes_the_zone_of_the_place_named():
    (t,) = [e for e in found("The quake struck in Kathmandu at 11:56 local time on Saturday.") if e.value.is_time]
    assert t.value.zone == "+05:45" and "Kathmandu" in t.reason
    (t,) = [e for e in found("The train left from Paris at 07:15 local time on January 12, 2016.") if e.value.is_time]
    assert t.value.zone == "+01:00"  # winter in Paris
    (t,) = [e for e in found("Jackson said the ship sank at 07:15 local time on July 12.") if e.value.is_time]
    assert t.value.zone is None  # a person's name is no place


def test_local_time_from_the_dateline():
    text = "KATHMANDU, Nepal (AP) \u2014 Rescuers reached the village at 07:15 local time on July 12."
    (t,) = [e for e in found(text) if e.value.is_time]
    assert t.value.zone == "+05:45"


@pytest.mark.parametrize("text, approx", [
    ("Police said the attack began Wednesday night.", "late"),
    ("The shelling resumed early Thursday, residents said.", "early"),
    ("The shelling resumed on Thursday morning.", "early"),
    ("The ministers met Thursday in Paris.", None),
])
def test_parts_of_a_day(text, approx):
    (e,) = found(text)
    assert e.value.grain == "day" and e.value.approx == approx


# ---------------------------------------------------------------- through the pipeline


def _check(*texts, published=dt.date(2023, 5, 12)):
    from crosscheck.compare import compare
    from crosscheck.extract import extract
    from crosscheck.group import group

    articles = [Article(f"s{i}", f"s{i}.txt", t, published=published) for i, t in enumerate(texts)]
    extractions = [extract(a) for a in articles]
    return [c for c in compare(group(extractions), extractions) if c.slot == "when"]


def test_two_times_of_one_event_are_a_when_conflict():
    [c] = _check(
        "The earthquake struck Kathmandu at 16:30 on Thursday, officials said.",
        "The earthquake struck Kathmandu at 4:52 pm on Thursday, May 11, the agency said.",
        "The earthquake struck Kathmandu on Thursday, the ministry said.",
    )
    assert sorted(v.value for v in c.values) == ["2023-05-11T16:30", "2023-05-11T16:52"]
    assert all("11 May 2023" in v.display for v in c.values)


def test_times_that_agree_make_no_conflict():
    assert _check(
        "The earthquake struck Kathmandu at 4:52 pm IST on Thursday, officials said.",
        "The earthquake struck Kathmandu at 11:22 GMT on Thursday, the agency said.",
        "The earthquake struck Kathmandu around 4:50 pm on Thursday, the ministry said.",
    ) == []


def test_a_users_lexicon_adds_a_zone_and_a_hedge(tmp_path):
    from crosscheck.lexicon import use_lexicon

    extra = tmp_path / "zones.toml"
    extra.write_text('[dates.zones.fixed]\n"ACWST" = "+08:45"\n[dates.times.hedges]\n"not long after" = "after"\n')
    try:
        use_lexicon(extra)
        assert times("The storm passed Eucla not long after 6:10 pm ACWST.") == [
            ("not long after 6:10 pm ACWST", "XXXX-XX-XXT18:10", "+08:45", "after")]
    finally:
        use_lexicon()
    assert times("The storm passed Eucla not long after 6:10 pm ACWST.") == [("6:10 pm", "XXXX-XX-XXT18:10", None, None)]
