"""The date tagger on real sentences: what is a date, what value, resolved from what."""
import datetime as dt

import pytest

from crosscheck.extract.document import sentences
from crosscheck.extract.dates import display, tag

PUB = dt.date(2021, 12, 30)  # a Thursday


def dates(text, published=PUB):
    return [(e.text, e.value.timex) for e in tag(text, published, sentences(text))]


@pytest.mark.parametrize("text, expected", [
    # the sample corpus
    ("Russia will hold talks with NATO in Brussels on January 12.", [("January 12", "2022-01-12")]),
    ("an upcoming meeting of the Russia-NATO Council on 12 January", [("12 January", "2022-01-12")]),
    ("the 13 January consultations between Russia and the OSCE", [("13 January", "2022-01-13")]),
    ("will be held in Geneva on January 10 next year", [("January 10 next year", "2022-01-10")]),
    ("The leaders met in Geneva last June for a summit.", [("last June", "2021-06")]),
    ("The draught agreements were signed on December 17 and were published on December 18.",
     [("December 17", "2021-12-17"), ("December 18", "2021-12-18")]),
    # other phrasings
    ("The vote took place on 3 March 2019.", [("3 March 2019", "2019-03-03")]),
    ("Sunday, December 3, 2023", [("Sunday, December 3, 2023", "2023-12-03")]),
    ("Updated: 09:32 GMT 30.12.2021", [("09:32 GMT", "2021-12-30T09:32"), ("30.12.2021", "2021-12-30")]),
    ("filed on 2021-11-02", [("2021-11-02", "2021-11-02")]),
    ("Talks are expected in February.", [("February", "2022-02")]),
    ("Profits fell in the third quarter of 1997.", [("the third quarter of 1997", "1997-Q3")]),
    ("in the 1990s", [("the 1990s", "199")]),
    ("He left two years ago.", [("two years ago", "2019")]),
    ("She visited Kyiv last week.", [("last week", "2021-W51")]),
    ("Sales grew 5% in December 1997.", [("December 1997", "1997-12")]),
    # centuries, spoken years (broadcast transcripts), periods of a results story, present and past references
    ("the 20th century", [("the 20th century", "19")]),
    ("Keating's convictions were thrown out in nineteen ninety-six.", [("nineteen ninety-six", "1996")]),
    ("His promise to halve unemployment by the year two thousand", [("the year two thousand", "2000")]),
    ("Oil prices are now at their lowest level.", [("now", "PRESENT_REF")]),
    ("In recent years, the market has moved on.", [("recent years", "PAST_REF")]),
    ("The company will consider buying back debt in the near future.", [("the near future", "FUTURE_REF")]),
    ("Officials met over the weekend.", [("the weekend", "2021-W51-WE")]),
    ("The talks will resume after the weekend.", [("the weekend", "2021-W52-WE")]),
    ("Revenue rose in the 1988 third quarter.", [("the 1988 third quarter", "1988-Q3")]),
    ("Profit will rise in next year's first quarter.", [("next year's first quarter", "2022-Q1")]),
])
def test_values(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text", [
    "We may meet again.",
    "The March of the Living drew thousands.",
    "2 minutes",
    "Russia massed about 100,000 troops near the border.",
    "a G20 meeting",
    "Call +41 22 730 2021 for details.",
    "-4.4 C",
    "on the 15th floor of the building",
    "Russia deployed 2022 soldiers.",
])
def test_not_dates(text):
    assert dates(text) == []


def test_day_of_month_looks_back_in_a_past_sentence():
    # 004 of the sample corpus: reported on the 28th, "on the 15th ... submitted" is 15 December, not January
    text = "On the 15th, the Russian Ministry of Foreign Affairs submitted the draft security guarantee treaty."
    assert dates(text, dt.date(2021, 12, 28)) == [("the 15th", "2021-12-15")]


def test_day_of_month_looks_forward_in_a_future_sentence():
    text = "Ryabkov also said that Russia-NATO talks will take place in Brussels, Belgium on the 12th."
    assert dates(text, dt.date(2021, 12, 28)) == [("the 12th", "2022-01-12")]


def test_weekday_resolves_to_the_last_such_day_in_a_past_sentence():
    text = "The ministry's spokeswoman told reporters on Tuesday that the talks are scheduled."
    assert dates(text) == [("Tuesday", "2021-12-28")]


def test_weekday_resolves_forward_in_a_future_sentence():
    text = "The ministers will meet on Monday in Vienna."
    assert dates(text) == [("Monday", "2022-01-03")]


def test_without_a_publication_date_the_year_stays_unknown():
    assert dates("They will meet in Geneva on January 10.", None) == [("January 10", "XXXX-01-10")]
    assert dates("on the 15th, the ministry submitted the draft", None) == [("the 15th", "XXXX-XX-15")]


def test_stated_parts_and_grain():
    [jan] = tag("in January", PUB, sentences("in January"))
    assert jan.value.grain == "month" and jan.value.stated == frozenset({"month"})
    [full] = tag("on 12 January 2022", PUB, sentences("on 12 January 2022"))
    assert full.value.stated == frozenset({"year", "month", "day"})


def test_a_list_of_days_is_two_dates_and_a_range_is_one():
    assert dates("Russia to negotiate with NATO and OSCE on January 12th and 13th") == [
        ("January 12th", "2022-01-12"), ("13th", "2022-01-13")]
    [holiday] = tag("Russia's New Year holiday is January 1-9", PUB, sentences("Russia's New Year holiday is January 1-9"))
    assert holiday.value.end is not None and holiday.value.end.day == 9


def test_two_days_later_counts_from_the_date_just_mentioned():
    found = tag("The talks open on January 10. Two days later, NATO meets.", PUB,
                sentences("The talks open on January 10. Two days later, NATO meets."))
    assert found[-1].anaphoric


def test_offsets_index_the_text():
    text = "Senior officials said on Thursday that the talks will open on 10 January."
    for e in tag(text, PUB, sentences(text)):
        assert text[e.start:e.end] == e.text


def test_display():
    [e] = tag("on 12 January 2022", PUB, sentences("on 12 January 2022"))
    assert display(e.value) == "12 January 2022"
    [e] = tag("on January 10", None, sentences("on January 10"))
    assert display(e.value) == "10 January (year unknown)"


def test_a_results_story_speaks_of_one_quarter():
    text = ("Unisys had a loss of $648.2 million in the third quarter. Revenue rose 3.7% in the quarter. "
            "A year earlier, it earned $30 million. The year-earlier results included a gain.")
    assert dates(text, dt.date(1989, 10, 30)) == [
        ("the third quarter", "1989-Q3"), ("the quarter", "1989-Q3"), ("A year earlier", "1988-Q3"),
        ("year-earlier", "1988-Q3")]


def test_the_quarter_with_none_named_is_the_last_that_ended_and_current_is_this_one():
    text = "Sales fell in the latest quarter. They should recover in the current quarter."
    assert dates(text, dt.date(1989, 11, 2)) == [("the latest quarter", "1989-Q3"), ("the current quarter", "1989-Q4")]


def test_the_following_year_counts_from_the_year_just_mentioned():
    text = "The plant opened in 1995. The following year it doubled output."
    assert dates(text, dt.date(1998, 4, 18)) == [("1995", "1995"), ("The following year", "1996")]


def test_a_date_just_mentioned_carries_to_the_next_sentence():
    text = "The talks will begin on 10 January. Two days later, the delegations will leave Geneva."
    assert dates(text) == [("10 January", "2022-01-10"), ("Two days later", "2022-01-12")]


def test_a_year_earlier_without_a_date_just_mentioned_counts_from_publication():
    assert dates("Net income was $5 million, against $3 million a year earlier.", dt.date(1989, 11, 2)) == [
        ("a year earlier", "1988")]


def test_without_a_tense_cue_a_month_day_is_the_nearest_one():
    # "payable" after a comma is not governed by "declared": the nearest 15 December to 26 October 1989
    text = "Oneida Ltd. declared a 10% stock dividend, payable Dec. 15 to stock of record Nov. 17."
    assert dates(text, dt.date(1989, 10, 26)) == [("Dec. 15", "1989-12-15"), ("Nov. 17", "1989-11-17")]
    assert dates("The stock split would be paid in January.", dt.date(1989, 10, 30)) == [("January", "1990-01")]


def test_numeric_day_month_order_is_settled_by_the_article_or_left_open():
    assert dates("Signed 30/12/2021; talks on 12/01/2022.") == [("30/12/2021", "2021-12-30"), ("12/01/2022", "2022-01-12")]
    assert dates("Signed 12/30/2021; talks on 12/01/2022.") == [("12/30/2021", "2021-12-30"), ("12/01/2022", "2022-12-01")]
    assert dates("Talks on 12/01/2022.") == [("12/01/2022", "2022-XX-XX")]


def test_ahead_of_a_named_date_takes_the_tense_of_its_clause():
    # sample 002: the June 16 summit had taken place; "ahead of" says nothing of the publication date
    text = "A view shows Mont-Blanc bridge decorated with flags of the USA and Russia ahead of the June 16 summit."
    assert dates(text) == [("June 16", "2021-06-16")]


@pytest.mark.parametrize("text, expected", [
    ("Les pourparlers auront lieu le 12 janvier 2022 à Genève.", [("12 janvier 2022", "2022-01-12")]),
    ("Die Gespräche finden am 12. Januar in Genf statt.", [("12. Januar", "2022-01-12")]),
    ("La reunión será el 10 de enero de 2022 en Ginebra.", [("10 de enero de 2022", "2022-01-10")]),
    ("Переговоры пройдут 12 января 2022 года в Брюсселе.", [("12 января 2022", "2022-01-12")]),
    ("The Mars 12 rover landed.", []),  # a month name of another language counts only beside a day
])
def test_dates_in_other_languages_with_dateparser_month_names(text, expected):
    assert dates(text) == expected
