"""The assessment's parts, without network or database: language, sentences, vocabulary,
near-copies and named things."""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

import numpy as np
import pytest

from monitor.assess.decision import ADD_BATCH, CorpusDocument, CorpusIndex, SentenceBlock
from monitor.assess.embedding import Vectors
from monitor.assess.entities import (
    name_key,
    named_things,
    new_things,
    tallies,
    without_act_names,
)
from monitor.assess.neardup import NUM_PERM, DuplicateIndex, containment, minhash, shingles
from monitor.assess.relevance import lexical_relevance
from monitor.assess.text import detect_language, split_sentences
from monitor.assess.vocabulary import is_context_word, lexical_signals


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("De Europese Commissie stelt voor de regels voor AI uit te stellen.", "nl"),
        ("Die KI-Verordnung verbietet seit Februar bestimmte Praktiken.", "de"),
        ("Le règlement sur l'IA entre en vigueur le 1er août.", "fr"),
        ("The AI Act enters into force on 1 August 2024.", "en"),
        ("Il regolamento europeo sull'intelligenza artificiale entra in vigore.", "it"),
    ],
)
def test_the_language_of_a_sentence(text: str, language: str) -> None:
    assert detect_language(text).code == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Short headlines whose identifier splits its confidence among varieties
        # ("ar" 0.66, "ary" 0.31): no EU language is written in their scripts.
        ("وافق الاتحاد الأوروبي على قانون الذكاء الاصطناعي", "ar"),
        ("欧盟通过人工智能法案 新规则将于明年生效", "zh"),
        ("האיחוד האירופי אישר את חוק הבינה המלאכותית", "he"),
        # Greek and Cyrillic are the EU's own.
        ("Европейският парламент прие Акта за изкуствения интелект", "bg"),
        ("Η Επιτροπή δημοσίευσε κατευθυντήριες γραμμές για την ΤΝ", "el"),  # noqa: RUF001
    ],
)
def test_a_text_in_a_script_no_eu_language_uses_is_not_given_an_eu_language(
    text: str, language: str
) -> None:
    assert detect_language(text).code == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Norwegian's written standards split the identifier's confidence ("no" 0.74,
        # "nn" 0.12): together they are plainly Norwegian, not Swedish or Danish.
        ("Datatilsynet advarer mot bruk av kunstig intelligens i skolen", "no"),
        ("Regjeringen vil regulere kunstig intelligens strengere", "no"),
        # Danish stays Danish.
        ("Datatilsynet advarer mod brug af kunstig intelligens i skolen", "da"),
    ],
)
def test_a_language_outside_the_eu_written_in_several_standards_is_named(
    text: str, language: str
) -> None:
    assert detect_language(text).code == language


def test_a_declared_language_decides_for_very_short_texts() -> None:
    assert detect_language("AI Act", hint="nl").code == "nl"


def test_sentences_survive_abbreviations_initials_and_dates() -> None:
    text = (
        "The AI Act (Regulation (EU) 2024/1689) applies from Aug. 2, 2026. Fines reach €35 m. "
        "Dr. Smith said so. M. Breton a dit non.\nA new paragraph."
    )
    assert split_sentences(text, "en") == [
        "The AI Act (Regulation (EU) 2024/1689) applies from Aug. 2, 2026.",
        "Fines reach €35 m.",
        "Dr. Smith said so.",
        "M. Breton a dit non.",
        "A new paragraph.",
    ]


@pytest.mark.parametrize(
    ("text", "least", "most"),
    [
        ("The EU AI Act bans social scoring.", 0.7, 1.0),
        ("De AI-verordening treedt in werking.", 0.7, 1.0),
        ("Die KI-Verordnung gilt ab August.", 0.7, 1.0),
        ("Le règlement sur l\u2019IA entre en vigueur.", 0.7, 1.0),
        ("Regulation (EU) 2024/1689 was published.", 0.7, 1.0),
        ("The EU's code of practice for general-purpose AI was published.", 0.5, 1.0),
        ("Microsoft appeals for a new US agency to regulate AI", 0.0, 0.5),
        ("The US Senate debated artificial intelligence and chips.", 0.0, 0.1),
        ("Apple was fined under the Digital Markets Act by the European Commission.", 0.0, 0.1),
        ("Bake the bread for forty minutes.", 0.0, 0.1),
    ],
)
def test_the_vocabulary_scores_headlines_by_how_clearly_they_name_the_act(
    text: str, least: float, most: float
) -> None:
    signals = lexical_signals("", title=text)
    assert least <= lexical_relevance(signals, title=text, title_only=True) <= most


def test_lower_case_ai_words_are_not_mistaken_for_the_act() -> None:
    signals = lexical_signals("Ik zei ai, en ki is geen woord. Ia.")
    assert signals.ai_mentions == 0 and not signals.act_names and not signals.described_in


def test_containment_sees_an_excerpt_that_jaccard_would_miss() -> None:
    assert containment(0.5, 100, 200) == pytest.approx(1.0)
    assert containment(0.1, 100, 100) == pytest.approx(0.18, abs=0.01)
    assert containment(0.0, 100, 100) == 0.0


def test_a_near_copy_is_found_and_an_unrelated_text_is_not() -> None:
    story = " ".join(
        f"Sentence {i} of the wire story about the AI Office and the code of practice."
        for i in range(40)
    )
    index = DuplicateIndex()
    index.add("wire", story)
    index.add("other", "A completely different text about football results " * 20)
    edited = story.replace("Sentence 3 ", "Line three ")[: len(story) // 2]
    found = index.nearest(edited)
    assert found is not None and found[0] == "wire" and found[1] > 0.9
    assert index.nearest("Nothing alike here at all, about cooking pasta well.") is None


def test_copies_are_found_among_many_texts_as_the_index_grows() -> None:
    # Past its first capacity (64 rows) and several doublings; the first key wins a tie.
    index = DuplicateIndex()
    texts = [
        " ".join(
            f"Report {n} sentence {i} on topic {n * 7 % 13} and detail {n}." for i in range(12)
        )
        for n in range(300)
    ]
    for n, text in enumerate(texts):
        index.add(f"text-{n}", text)
    index.add("text-0", "a second add of a key is ignored")
    assert len(index) == 300
    for n in (0, 63, 64, 150, 299):
        found = index.nearest(texts[n][: len(texts[n]) // 2])
        assert found is not None and found[0] == f"text-{n}" and found[1] > 0.7


def test_sentence_blocks_keep_similarities_within_a_thousandth_or_so() -> None:
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(40, 512)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = rng.normal(size=(10, 512)).astype(np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    block = SentenceBlock.of(vectors)
    assert block.codes.dtype == np.int8 and len(block) == 40
    error = np.abs(queries @ vectors.T - queries @ block.vectors().T).max()
    assert error < 0.003
    zero = SentenceBlock.of(np.zeros((1, 512), dtype=np.float32))
    assert not zero.vectors().any()


def test_a_large_add_is_indexed_in_batches_like_one_by_one() -> None:
    class Counting:
        """Vectors from the text's hash; counts the calls and the largest one."""

        name = "counting"
        languages = frozenset({"en"})

        def __init__(self) -> None:
            self.largest = 0

        def embed(self, texts: Sequence[str]) -> Vectors:
            self.largest = max(self.largest, len(texts))
            rows = [np.random.default_rng(abs(hash(t)) % 2**32).normal(size=512) for t in texts]
            out = np.asarray(rows, dtype=np.float32).reshape(len(texts), 512)
            normalised: Vectors = out / np.linalg.norm(out, axis=1, keepdims=True)
            return normalised

    documents = [
        CorpusDocument(f"d{n}", f"Title {n}", "en", f"First sentence {n}. Second one {n}.")
        for n in range(ADD_BATCH * 2 + 10)
    ]
    batched, single = CorpusIndex(Counting()), CorpusIndex(Counting())
    batched.add(documents)
    for document in documents:
        single.add([document])
    assert batched.embedder.largest <= 2 * ADD_BATCH  # type: ignore[attr-defined]
    assert batched.sentence_count == single.sentence_count
    assert np.allclose(batched.doc_vectors, single.doc_vectors)
    assert [len(b) for b in batched.sentence_blocks] == [len(b) for b in single.sentence_blocks]
    assert len(batched.documents) == len(batched.doc_vectors) == len(documents)


def test_named_things_in_an_article_and_those_the_corpus_lacks() -> None:
    text = (
        "On 2 February 2025 the European Commission's AI Office fined OpenAI €35 million, "
        "or 7% of turnover, under Regulation (EU) 2024/1689, said Henna Virkkunen in Brussels."
    )
    found = named_things(text, "en")
    assert "OpenAI" in found["names"] and "Henna Virkkunen" in found["names"]
    assert found["amounts"] == ["€35 million", "7%"]
    assert found["dates"] == ["2 February 2025"]
    assert found["references"] == ["2024/1689"]
    known = named_things("Henna Virkkunen spoke in Brussels about OpenAI.", "en")
    fresh = new_things(found, known)
    assert "OpenAI" not in fresh["names"] and "€35 million" in fresh["amounts"]


def test_the_first_word_after_a_title_is_no_name() -> None:
    # A title has no full stop: "Nakon" opens the text's first sentence.
    found = named_things("EU postigao dogovor o pravilima\nNakon 36 sati pregovora.", "hr")
    assert found["names"] == []


def test_the_acts_own_name_and_weekdays_are_no_new_names() -> None:
    things = {
        "names": ["Aktu", "Intleacht Shaorga Dé Máirt", "Henna Virkkunen", "AI Office"],
        "amounts": ["€35 million"],
    }
    act_names = ("Aktu o umjetnoj inteligenciji", "Acht um Intleacht Shaorga", "AI Act")
    assert without_act_names(things, act_names) == {
        "names": ["Henna Virkkunen", "AI Office"],
        "amounts": ["€35 million"],
    }
    # Irish and Maltese weekdays are capitalised, and no names either.
    found = named_things("Thug siad a gceadú Dé Máirt. Taw l-approvazzjoni nhar it-Tlieta.", "ga")
    assert found["names"] == []


def test_a_frequent_word_that_opens_a_sentence_is_no_part_of_the_name_after_it() -> None:
    # "Ani Mistral" is "nor Mistral"; "Microsoft" opens a name of its own where the text
    # writes it capitalised inside a sentence too.
    found = named_things("Firma varovala Microsoft. Ani Mistral ho nepodepíše.", "cs")
    assert found["names"] == ["Microsoft", "Mistral"]
    found = named_things("Microsoft Teams mají výpadek. Uživatelé Microsoft varovali.", "cs")
    assert "Microsoft Teams" in found["names"]


@pytest.mark.parametrize(
    ("inflected", "name"),
    [
        ("Microsoftu", "Microsoft"),
        ("Microsofttal", "Microsoft"),
        ("Microsoftist", "Microsoft"),
        ("Googlea", "Google"),
        ("Googlu", "Google"),
        ("Google-lel", "Google"),
        ("ChatGPT:n", "ChatGPT"),
        ("Virkkunenové", "Virkkunen"),
    ],
)
def test_a_name_is_compared_by_its_stems_as_languages_decline_it(inflected: str, name: str) -> None:
    assert name_key(inflected) == name_key(name)
    fresh = new_things({"names": [inflected]}, {"names": [name, "Mistral AI"]})
    assert fresh["names"] == []


def test_names_that_share_no_stem_stay_apart() -> None:
    assert name_key("Meta") != name_key("Mistral")
    assert name_key("Apple") != name_key("Applied Intuition")
    fresh = new_things({"names": ["Anthropic", "Meta"]}, {"names": ["Mistral", "Microsoft"]})
    assert fresh["names"] == ["Anthropic", "Meta"]


@pytest.mark.parametrize(
    ("language", "name", "act_name"),
    [
        ("hr", "Akt EU-a", "Akt o umjetnoj inteligenciji"),
        ("ro", "Regulamentul UE", "Regulamentul privind inteligența artificială"),
        ("hu", "EP", "mesterségesintelligencia-rendelet"),
        ("mt", "Att tal-UE IA", "Att dwar l-IA"),
        ("et", "ELi", "tehisintellekti määrus"),
    ],
)
def test_the_eus_and_ais_own_names_are_no_new_names(
    language: str, name: str, act_name: str
) -> None:
    things = {"names": [name, "Henna Virkkunen"]}
    context = functools.partial(is_context_word, language=language)
    assert without_act_names(things, (act_name,), context)["names"] == ["Henna Virkkunen"]
    # Without the language's EU and AI words the name stays: the test can fail.
    assert name in without_act_names(things, (act_name,))["names"]


def test_the_acts_name_behind_an_elided_article_is_no_new_name() -> None:
    things = {"names": ["L'AI Act", "Henna Virkkunen"]}
    assert without_act_names(things, ("AI Act",))["names"] == ["Henna Virkkunen"]


def test_greek_weekdays_and_a_maltese_article_before_a_noun_are_no_names() -> None:
    found = named_things("Οι υπουργοί συναντώνται την Τετάρτη στις Βρυξέλλες.", "el")  # noqa: RUF001
    assert "Τετάρτη" not in found["names"]
    found = named_things("Il-ministru qalet lil Reuters. Qal Is-Sur Breton.", "mt")
    assert found["names"] == ["Reuters", "Is-Sur Breton"]


def test_counts_are_read_apart_from_sums_dates_years_and_references() -> None:
    text = (
        "Poslanci 13. března 2024 schválili nařízení (EU) 2024/1689 poměrem 523 hlasů "
        "proti 46; pokuty až 35 milionů eur nebo 7 % obratu, 1 200 firem, 3 dny, 2025."
    )
    assert tallies(text, named_things(text, "cs")) == {"523", "46", "1200"}


def test_german_nouns_are_not_names_but_inner_capitals_are() -> None:
    found = named_things(
        "Die Kommission hat OpenAI eine Strafe auferlegt, sagte Henna Virkkunen.", "de"
    )
    assert found["names"] == ["Henna Virkkunen", "OpenAI"] or set(found["names"]) == {
        "Henna Virkkunen",
        "OpenAI",
    }


def test_our_minhash_is_datasketchs_value_for_value() -> None:
    from datasketch import MinHash  # noqa: PLC0415 (a test dependency only)

    rng = random.Random(2024)
    texts = [
        "",
        "one",
        "The AI Office said on Tuesday that the code of practice applies from August.",
        " ".join(
            rng.choice(["ai", "act", "eu", "rules", "ban", "fine", "office"]) for _ in range(400)
        ),
        "Ελληνικά και кирилица, ÀÉÎ, 日本語",
    ]
    for text in texts:
        grams = shingles(text)
        theirs = MinHash(num_perm=NUM_PERM, seed=7)
        if grams:
            theirs.update_batch(list(grams))
        assert np.array_equal(minhash(grams), np.asarray(theirs.hashvalues, dtype=np.uint32))


def test_the_eu_languages_are_scored_apart_when_their_shares_underflow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Renormalising the world identifier's shares over the EU's languages needs a
    # share to renormalise: where every one is 0.0 in float32, the restricted
    # identifier scores them itself.
    import monitor.assess.text as text_module  # noqa: PLC0415

    world = text_module._world_identifier()
    sample = "De Europese Commissie stelt de AI-verordening uit voor hoog-risicosystemen."
    real = world.rank(sample)

    def underflowed(_self: object, _text: str) -> list[tuple[str, float]]:
        return [("sr", 0.6), ("mk", 0.4)] + [(c, 0.0) for c, _ in real if c not in ("sr", "mk")]

    monkeypatch.setattr(type(world), "rank", underflowed)
    found = text_module.detect_language(sample)
    assert found.code == "nl" and found.confidence > 0.9


def test_a_german_noun_beside_the_acts_name_is_no_new_name() -> None:
    things = {"names": ["Einhaltung der KI-Verordnung", "Bundesnetzagentur", "Karsten Wildberger"]}
    kept = without_act_names(things, ("KI-Verordnung",), language="de")["names"]
    assert kept == ["Bundesnetzagentur", "Karsten Wildberger"]
    # A name beside it stays ("OpenAI" has an inner capital), and in French a
    # capitalised word is a name.
    assert without_act_names(
        {"names": ["OpenAI und KI-Verordnung"]}, ("KI-Verordnung",), language="de"
    )["names"]
    assert without_act_names({"names": ["Mistral et AI Act"]}, ("AI Act",), language="fr")["names"]
