"""The wording two texts share, where no sentence vectors can compare them."""

from __future__ import annotations

from monitor.assess.wording import (
    PREFIX,
    WordFrequencies,
    shared_words,
    word_keys,
    wording_similarity,
)


def test_words_are_cut_to_a_stem_and_function_words_left_out() -> None:
    keys = word_keys("Riktlinjerna om förbuden och riktlinjer för AI i EU", "sv")
    assert "riktl" in keys and "förbu" in keys
    # "och", "om", "för" are Swedish function words; "AI", "EU" too short to say anything.
    assert not keys & {"och", "om", "för", "ai", "eu"}
    assert all(len(key) <= PREFIX for key in keys)
    # Numbers are named things' business, not wording's.
    assert not word_keys("2024 1689 36", "sv")


def test_the_same_words_are_alike_and_other_words_are_not() -> None:
    df = WordFrequencies()
    a = word_keys("Förhandlarna kom överens om historiska regler efter maratonförhandlingar", "sv")
    b = word_keys("Maratonförhandlingar gav historiska regler", "sv")
    c = word_keys("Kontoret söker oberoende experter till en vetenskaplig panel", "sv")
    for keys in (a, b, c):
        df.add(keys)
    assert wording_similarity(a, a, df) == 1.0
    assert wording_similarity(a, c, df) == 0.0
    assert 0.3 < wording_similarity(a, b, df) < 1.0


def test_a_rare_shared_word_counts_more_than_a_common_one() -> None:
    df = WordFrequencies()
    for _ in range(20):
        df.add(word_keys("kommissionen regler", "sv"))
    df.add(word_keys("trilogen", "sv"))
    article = word_keys("kommissionen trilogen", "sv")
    common = word_keys("kommissionen panel", "sv")
    rare = word_keys("trilogen panel", "sv")
    assert wording_similarity(article, rare, df) > wording_similarity(article, common, df)
    assert shared_words("Kommissionen och trilogen", "sv", article, df) == [
        "trilogen",
        "Kommissionen",
    ]
