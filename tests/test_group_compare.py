"""Grouping claims into events and flagging conflicts, on sentences from several made-up sources."""
import datetime as dt

from crosscheck.agreement import dates_agree, dates_match, places_agree
from crosscheck.compare import compare
from crosscheck.extract import extract
from crosscheck.group import group
from crosscheck.model import Article, TimeValue


def run(*texts, published=None):
    articles = [Article(f"s{i}", f"s{i}.txt", t, published=published) for i, t in enumerate(texts)]
    extractions = [extract(a) for a in articles]
    events = group(extractions)
    return events, compare(events, extractions)


def date_conflicts(conflicts):
    return [c for c in conflicts if c.slot == "when"]


def test_same_event_different_day_is_a_conflict_with_sources():
    events, conflicts = run(
        "Iran and the European Union will hold talks in Vienna on March 3.",
        "Talks between Iran and the EU are scheduled to take place in Vienna on March 4.",
        "The European Union will meet Iran in Vienna on March 3, diplomats said.",
    )
    [c] = date_conflicts(conflicts)
    assert c.severity == "error" and not c.within_article
    majority, minority = c.values
    assert majority.value.endswith("-03-03") and {x.article for x in majority.claims} == {"s0", "s2"}
    assert minority.value.endswith("-03-04") and {x.article for x in minority.claims} == {"s1"}


def test_coarser_grain_agrees():
    _, conflicts = run(
        "Japan and South Korea will hold talks in Seoul on 10 May.",
        "South Korea and Japan agreed to meet in Seoul in May.",
    )
    assert date_conflicts(conflicts) == []


def test_past_summit_is_not_the_coming_talks_in_the_same_city():
    events, conflicts = run(
        "The presidents of China and India met in New Delhi last June for a summit.",
        "China and India will meet in New Delhi on January 10.",
        published=dt.date(2021, 12, 20),
    )
    assert conflicts == ()


def test_different_participants_are_different_events():
    _, conflicts = run(
        "After Vienna, Iran will hold talks with the IAEA in Geneva on March 3.",
        "Iran will hold talks with the European Union in Geneva on March 5.",
    )
    assert conflicts == ()


def test_a_claim_that_fits_two_events_joins_neither():
    events, conflicts = run(
        "Russia will hold talks with NATO in Brussels on January 12 and with the OSCE in Vienna on January 13.",
        "Russia and NATO will meet in Brussels on January 12.",
        "Russia and the OSCE will meet in Vienna on January 13.",
        "Russia will meet on January 14.",
    )
    assert all(not any(cl.article == "s3" for cl in e.claims) for e in events)
    assert date_conflicts(conflicts) == []


def test_contradiction_inside_one_article():
    _, conflicts = run("The ministry published the new guidelines on March 2. The guidelines were drafted in January "
                       "and were published on March 3.")
    [c] = date_conflicts(conflicts)
    assert c.within_article


def test_a_place_that_differs_is_a_where_conflict():
    _, conflicts = run(
        "Germany and France will hold talks in Paris on 4 April.",
        "France and Germany will hold talks in Berlin on 4 April.",
    )
    [c] = [c for c in conflicts if c.slot == "where"]
    assert {v.value for v in c.values} == {"Paris", "Berlin"}


def test_city_inside_country_agrees():
    _, conflicts = run(
        "Germany and France will hold talks in Paris on 4 April.",
        "France and Germany will hold talks in France on 4 April.",
    )
    assert [c for c in conflicts if c.slot == "where"] == []


def test_title_rank_that_differs_is_a_role_warning():
    _, conflicts = run(
        "Deputy Secretary of State Wendy Sherman spoke.",
        "First Deputy Secretary of State Wendy Sherman spoke.",
        "Secretary of State Wendy Sherman's office said.",
    )
    [c] = [c for c in conflicts if c.slot == "role"]
    assert c.severity == "warning"
    # the two ranks differ; the title that names no rank leaves it out, and sides with neither
    assert sorted(v.value for v in c.values) == ["Deputy Secretary of State", "First Deputy Secretary of State"]


def test_shorter_title_and_vice_for_deputy_agree():
    _, conflicts = run(
        "Deputy Foreign Minister Sergei Ryabkov said so.",
        "Vice Minister Sergey Ryabkov said so.",
    )
    assert [c for c in conflicts if c.slot == "role"] == []


def test_agreement_rules():
    jan10 = TimeValue(2022, 1, 10, "day", frozenset({"month", "day"}))
    jan10_unknown_year = TimeValue(None, 1, 10, "day", frozenset({"month", "day"}))
    jan10_other_inferred_year = TimeValue(2023, 1, 10, "day", frozenset({"month", "day"}))
    january = TimeValue(None, 1, None, "month", frozenset({"month"}))
    jan12 = TimeValue(2022, 1, 12, "day", frozenset({"month", "day"}))
    assert dates_agree(jan10, jan10_unknown_year) and dates_match(jan10, jan10_unknown_year)
    assert dates_agree(jan10, jan10_other_inferred_year)  # inferred years never conflict by themselves
    assert dates_agree(jan10, january) and dates_match(jan10, january)
    assert not dates_agree(jan10, jan12)
    stated_2022 = TimeValue(2022, 1, 10, "day", frozenset({"year", "month", "day"}))
    stated_2023 = TimeValue(2023, 1, 10, "day", frozenset({"year", "month", "day"}))
    assert not dates_agree(stated_2022, stated_2023)


def test_place_containment():
    from crosscheck.model import Place, Span

    geneva = Place("Geneva", "CH", "city", Span(0, 6, "Geneva"))
    swiss = Place("Switzerland", "CH", "country", Span(0, 11, "Switzerland"))
    vienna = Place("Vienna", "AT", "city", Span(0, 6, "Vienna"))
    assert places_agree(geneva, swiss) and not places_agree(geneva, vienna)
