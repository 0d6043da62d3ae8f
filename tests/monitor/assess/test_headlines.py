"""Copies by their headline: the same headline under a different teaser is the same story."""

from __future__ import annotations

import pytest

from monitor.assess.headlines import HeadlineIndex, headline_words, likeness


@pytest.mark.parametrize(
    ("known", "seen"),
    [
        # A label in front, another case, a dotted acronym (feeds carried both).
        (
            "Exclusive: OpenAI Lobbied the E.U. to Water Down AI Regulation",
            "OpenAI Lobbied the E.U. To Water Down AI Regulation",
        ),
        # One little word more, another apostrophe.
        (
            "TikTok is hit with $368 million fine under Europe's strict data privacy rules",
            "TikTok hit with $368 million fine under Europe\u2019s strict data privacy rules",
        ),
        ("Europe\u2019s new AI law threatens US firms", "Europe's new AI law threatens US firms"),
        # Accents dropped by one outlet's feed.
        ("Bruxelles adopte le règlement sur l'IA", "Bruxelles adopte le reglement sur l'IA"),
    ],
)
def test_the_same_headline_is_found_however_an_outlet_writes_it(known: str, seen: str) -> None:
    headlines = HeadlineIndex()
    headlines.add("first", known)
    found = headlines.same(seen)
    assert found is not None and found[0] == "first" and found[1] >= 0.9


@pytest.mark.parametrize(
    "seen",
    [
        "EU agrees landmark deal on chip rules",  # one word apart, another story
        "EU agrees deal",  # too short to tell stories apart
        "",
    ],
)
def test_another_headline_or_a_short_one_is_not_a_copy(seen: str) -> None:
    headlines = HeadlineIndex()
    headlines.add("first", "EU agrees landmark deal on AI rules")
    headlines.add("short", "EU agrees deal")
    assert headlines.same(seen) is None


def test_a_copy_is_found_among_many_headlines_sharing_its_common_words() -> None:
    headlines = HeadlineIndex()
    for n in range(300):
        headlines.add(f"other-{n}", f"EU AI rules: the week's news number {n} in Brussels")
    headlines.add("deal", "EU AI rules: negotiators clinch deal after 36 hours in Brussels")
    found = headlines.same("EU AI rules: negotiators clinch a deal after 36 hours in Brussels")
    assert found is not None and found[0] == "deal"
    assert found[1] == pytest.approx(11 / 12)
    assert len(headlines) == 301


def test_words_and_likeness() -> None:
    assert headline_words("E.U. Reaches a Deal!") == {"e", "u", "reaches", "a", "deal"}
    assert likeness(frozenset({"a", "b"}), frozenset()) == 0.0
