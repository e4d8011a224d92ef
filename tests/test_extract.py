"""Claims from real sentences: who, what, when, where, and what must not become a claim."""
import datetime as dt

from crosscheck.extract import extract
from crosscheck.model import Article

PUB = dt.date(2021, 12, 30)


def claims(text, published=PUB):
    return extract(Article("a", "a.txt", text, published=published)).claims


def one(text, what=None, published=PUB):
    found = [c for c in claims(text, published) if what is None or c.what == what]
    assert len(found) == 1, found
    return found[0]


def test_sample_sentence_with_prepositions():
    c = one("After Geneva, Russia will hold talks with NATO in Brussels on January 12.")
    assert c.what == "meeting" and c.parties == {"Russia", "NATO"}
    assert c.where.name == "Brussels" and c.when.value.timex == "2022-01-12"
    assert c.modality == "future"
    assert c.trigger.text == "talks"


def test_organisation_spelling_variants_and_acronym_are_one_participant():
    a = one("This will be followed by a meeting with the Organisation for Security and Cooperation in Europe (OSCE) "
            "in Vienna on January 13 attended by the US and other NATO allies.")
    # onlookers named after "attended by" do not identify the event; "in Europe" inside the name is no place
    assert a.parties == {"OSCE"} and a.where.name == "Vienna"
    b = one("negotiations between Russia and the Organization for Security and Co-operation in Europe are scheduled "
            "to take place on January 13")
    assert b.parties == {"Russia", "OSCE"}


def test_three_events_in_one_sentence_each_get_their_own_slots():
    text = ('it will take place within the framework of the high-level Russian-American dialogue in Geneva on '
            '10 January, and then - at a meeting of the Russia-NATO Council on 12 January in Brussels, and on '
            '12 January in Vienna at a meeting of the OSCE Permanent Council", she told a press briefing.')
    found = {(c.trigger.text, frozenset(c.parties), c.where.name, c.when.value.timex) for c in claims(text)}
    assert ("dialogue", frozenset({"Russia", "United States"}), "Geneva", "2022-01-10") in found
    assert ("meeting", frozenset({"Russia", "NATO"}), "Brussels", "2022-01-12") in found
    assert ("meeting", frozenset({"OSCE"}), "Vienna", "2022-01-12") in found


def test_a_date_before_an_event_noun_belongs_to_it():
    found = claims("Moscow confirms an upcoming meeting of the Russia-NATO Council on 12 January and the "
                   "13 January consultations between Russia and the OSCE.")
    by_trigger = {c.trigger.text: c for c in found}
    assert by_trigger["meeting"].when.value.timex == "2022-01-12"
    assert by_trigger["meeting"].parties == {"Russia", "NATO"}
    assert by_trigger["consultations"].when.value.timex == "2022-01-13"
    assert by_trigger["consultations"].parties == {"Russia", "OSCE"}


def test_a_reports_date_is_not_the_events_date():
    c = one("According to a Reuters report on December 23, the US is prepared to hold talks with Russia but no "
            "specific date or location had been set.")
    assert c.when is None and c.parties == {"United States", "Russia"}
    c = one("The AP reported on Sunday that according to Putin, the US has agreed to conduct these talks in Geneva "
            "in January.")
    assert c.when.value.timex == "2022-01" and c.when.value.grain == "month"


def test_an_event_named_as_a_time_anchor_keeps_only_its_own_phrase():
    # the anchor is a mention of its own event (the Moscow-Washington meeting): the main event's place and the
    # date of the relative clause stay with the consultations
    text = ("According to him, the Russian-NATO consultations on security assurances will take place in Brussels "
            "following the meeting between the representatives of Moscow and Washington, which will take place on "
            "November 14.")
    [x] = [extract(Article("a", "a.txt", text, published=dt.date(2021, 12, 30)))]
    main = next(c for c in x.claims if c.trigger.text == "consultations")
    assert main.parties == {"Russia", "NATO"} and main.where.name == "Brussels" and main.when.value.month == 11
    anchor = [c for c in x.claims if c.trigger.text == "meeting"]
    assert all(c.where is None and c.when is None and c.parties == {"Russia", "United States"} for c in anchor)


def test_past_and_future_modality():
    assert one("The leaders of Japan and China met in Beijing last June.").modality == "past"
    assert one("Japan and China will meet in Beijing in June.").modality == "future"


def test_people_with_titles_give_their_side():
    c = one("Ukraine's foreign minister Dmytro Kuleba will meet his Russian counterpart Sergei Lavrov in Antalya, "
            "Turkey, on Thursday.")
    assert c.parties == {"Ukraine", "Russia"}
    assert c.where.name == "Antalya"
    people = {p.name: p for p in c.who if p.kind == "person"}
    assert people["Sergei Lavrov"].party == "Russia"


def test_theme_of_publishing_and_the_shared_subject_of_a_coordination():
    found = claims("The draught agreements were signed on December 17 and were published on December 18.")
    sign, publish = sorted(found, key=lambda c: c.trigger.start)
    assert (sign.what, publish.what) == ("sign", "publish")
    assert sign.theme == publish.theme == "draft agreement"
    assert publish.when.value.day == 18


def test_place_before_an_event_noun():
    c = one("Russia Will Seek Firm Security Guarantees From US During Geneva Talks on 10 January")
    assert c.where.name == "Geneva" and c.parties == {"Russia", "United States"}


def test_a_list_of_dates_gives_no_single_date():
    c = one("White House: Russia to negotiate with NATO and OSCE on January 12th and 13th")
    assert c.when is None


def test_capital_is_a_side_as_subject_and_a_place_after_in():
    c = one("Moscow and Washington will hold talks in Vienna on Monday.")
    assert c.parties == {"Russia", "United States"} and c.where.name == "Vienna"
    c = one("Iran and the European Union will meet in Moscow on March 3.")
    assert c.where.name == "Moscow" and c.parties == {"Iran", "European Union"}


def test_no_event_word_no_claim():
    assert claims("Tens of thousands of Russian troops have arrived near the border with Ukraine.") == ()


def test_provenance_offsets_and_line():
    text = "Headline\nIran and the European Union will hold talks in Vienna on March 3."
    c = one(text)
    assert c.line == 2
    assert text[c.sentence.start:c.sentence.end] == c.sentence.text
    assert text[c.trigger.start:c.trigger.end] == "talks"
    assert text[c.when.expression.start:c.when.expression.end] == "March 3"
    assert text[c.where.span.start:c.where.span.end] == "Vienna"
