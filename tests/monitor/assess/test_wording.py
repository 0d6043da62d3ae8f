"""The wording two texts share, where no sentence vectors can compare them."""

from __future__ import annotations

from monitor.assess.wording import PREFIX, WordIndex, shared_words, word_keys


def test_words_are_cut_to_a_stem_and_function_words_left_out() -> None:
    keys = word_keys("Riktlinjerna om förbuden och riktlinjer för AI i EU", "sv")
    assert "riktl" in keys and "förbu" in keys
    # "och", "om", "för" are Swedish function words; "AI", "EU" too short to say anything.
    assert not keys & {"och", "om", "för", "ai", "eu"}
    assert all(len(key) <= PREFIX for key in keys)
    # Numbers are named things' business, not wording's.
    assert not word_keys("2024 1689 36", "sv")


def _index(*texts: str) -> WordIndex:
    index = WordIndex()
    for text in texts:
        index.add(word_keys(text, "sv"))
    return index


def test_the_same_words_are_alike_and_other_words_are_not() -> None:
    a = "Förhandlarna kom överens om historiska regler efter maratonförhandlingar"
    b = "Maratonförhandlingar gav historiska regler"
    c = "Kontoret söker oberoende experter till en vetenskaplig panel"
    index = _index(a, b, c)
    query = index.query(word_keys(a, "sv"))
    assert abs(index.similarity(query, 0) - 1.0) < 1e-9
    assert index.similarity(query, 2) == 0.0
    assert 0.3 < index.similarity(query, 1) < 1.0


def test_a_document_whose_words_are_not_kept_is_like_nothing() -> None:
    index = _index("historiska regler")
    index.add(None)
    assert index.documents == 1 and len(index.rows) == 2
    assert index.similarity(index.query(word_keys("historiska regler", "sv")), 1) == 0.0


def test_a_rare_shared_word_counts_more_than_a_common_one() -> None:
    index = _index(*(["kommissionen regler"] * 20), "trilogen")
    index.add(word_keys("kommissionen panel", "sv"))
    index.add(word_keys("trilogen panel", "sv"))
    query = index.query(word_keys("kommissionen trilogen", "sv"))
    assert index.similarity(query, 22) > index.similarity(query, 21)
    # Words the documents never had count in the article's length, at the most weight.
    longer = index.query(word_keys("kommissionen trilogen oanade", "sv"))
    assert index.similarity(longer, 22) < index.similarity(query, 22)
    theirs = index.keys_of(22)
    assert shared_words("Kommissionen och trilogen", "sv", theirs, index) == ["trilogen"]
    both = word_keys("kommissionen trilogen", "sv")
    assert shared_words("Kommissionen och trilogen", "sv", both, index) == [
        "trilogen",
        "Kommissionen",
    ]
