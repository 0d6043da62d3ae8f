"""The assessment against the shipped seed corpus, with the real embedder (its weights are local).

These are hand-made cases of each verdict; the labelled evaluation set and its
figures live in benchmarks/eval.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from monitor.assess.assessor import in_publication_order
from monitor.assess.decision import Assessment, CorpusDocument, CorpusIndex, Thresholds, assess
from monitor.assess.embedding import default_embedder
from monitor.resources import bundled_config_dir
from monitor.seeds import load_seed_corpus

SEEDS = bundled_config_dir() / "seeds"
META = (SEEDS / "en-2024-09-25-zhitong-meta-ai-pact.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def index() -> CorpusIndex:
    return _seed_index()


def _seed_index() -> CorpusIndex:
    """A fresh index of the seeds, for the tests that change it."""
    corpus = CorpusIndex(default_embedder())
    corpus.add([CorpusDocument.from_seed(s) for s in load_seed_corpus(SEEDS / "seeds.toml")])
    return corpus


def judge(index: CorpusIndex, text: str, published: str = "") -> Assessment:
    return assess(text, index, published=published)


def test_a_new_development_in_english_is_an_update_with_its_new_sentences(
    index: CorpusIndex,
) -> None:
    result = judge(
        index,
        "Most large AI model providers have signed the EU's general-purpose AI code of "
        "practice, the European Commission said on Friday. OpenAI, Anthropic, Google and "
        "Mistral signed the voluntary code, which helps providers show compliance with the "
        "AI Act's obligations that apply from 2 August 2025. Meta declined to sign, saying "
        "the code creates legal uncertainty. The AI Office will supervise compliance and can "
        "fine providers up to 3% of global turnover from August 2026.",
        published="2025-08-01",
    )
    assert result.verdict == "update" and result.relevant
    assert len(result.novel_sentences) >= 3
    assert "Anthropic" in result.new_things.get("names", [])
    # The seeds (2023-2024) are outside the window of an article of August 2025.
    assert result.nearest_document_id == ""
    assert result.reasons and "the corpus has nothing like it" in result.reasons[0]


def test_the_time_window_decides_what_counts_as_known(index: CorpusIndex) -> None:
    # Weeks after the seed on Meta and the AI Pact, "Meta declined to sign a voluntary
    # code" is what the corpus already says; a year later it is news again.
    text = (
        "Meta declined to sign the EU's voluntary AI Pact, a spokesperson said, "
        "while Microsoft and Google confirmed they would sign. The company said it was "
        "focusing on compliance work under the AI Act. Mistral will not sign either."
    )
    soon = judge(index, text, published="2024-10-10")
    later = judge(index, text, published="2025-10-10")
    assert soon.verdict == "known"
    assert soon.nearest_document_id == "seed-en-2024-09-25-zhitong-meta-ai-pact"
    assert later.verdict == "update" and later.nearest_document_id == ""


def test_a_german_new_development_is_an_update(index: CorpusIndex) -> None:
    result = judge(
        index,
        "Seit dem 2. Februar 2025 gelten die ersten Verbote der KI-Verordnung. Verboten sind "
        "unter anderem Social Scoring durch Behörden und das ungezielte Auslesen von "
        "Gesichtsbildern aus dem Internet. Die Europäische Kommission veröffentlichte "
        "Leitlinien zu den verbotenen Praktiken.",
    )
    assert (result.language, result.verdict) == ("de", "update")


def test_a_dutch_translation_of_an_english_seed_is_known(index: CorpusIndex) -> None:
    result = judge(
        index,
        "De ambities van de Europese Unie om het voortouw te nemen met baanbrekende regels "
        "voor kunstmatige intelligentie hangen aan een zijden draad nu lidstaten en wetgevers "
        "woensdag bijeenkomen om een akkoord te bereiken over biometrische surveillance en de "
        "regulering van systemen als ChatGPT. Als er een akkoord komt, kan de AI-wet van de EU, "
        "die twee jaar geleden door de Europese Commissie werd voorgesteld, dienen als "
        "maatstaf voor landen die een alternatief zoeken voor de lichte aanpak van de "
        "Verenigde Staten en de voorlopige regels van China. Zonder akkoord dreigt de AI-wet "
        "door tijdgebrek op de plank te belanden.",
    )
    assert (result.language, result.verdict) == ("nl", "known")
    assert result.nearest_document_id == "seed-en-2023-12-06-reuters-ai-act-trilogue"


def test_a_french_rewrite_of_a_seed_is_known(index: CorpusIndex) -> None:
    result = judge(
        index,
        "Meta refuse de rejoindre le pacte volontaire de l'Union européenne sur l'intelligence "
        "artificielle avant l'entrée en vigueur du règlement sur l'IA. Contrairement à "
        "Microsoft et Google, qui ont confirmé leur signature, Meta se concentre sur ses "
        "travaux de mise en conformité. L'entreprise pourrait rejoindre le pacte plus tard.",
    )
    assert (result.language, result.verdict) == ("fr", "known")
    assert result.nearest_document_id == "seed-en-2024-09-25-zhitong-meta-ai-pact"


@pytest.mark.parametrize("cut", [2500, 4000])
def test_an_excerpt_or_syndicated_copy_is_a_duplicate(index: CorpusIndex, cut: int) -> None:
    result = judge(index, META.replace("Zhitong", "Newswire")[:cut])
    assert result.verdict == "duplicate"
    assert result.duplicate_of == "seed-en-2024-09-25-zhitong-meta-ai-pact"
    assert result.duplicate_similarity >= Thresholds().duplicate_containment


@pytest.mark.parametrize(
    "text",
    [
        "The US Commerce Department tightened export controls on advanced chips to China, "
        "adding dozens of companies to its entity list. Nvidia shares fell 3%.",
        "Ireland's Data Protection Commission fined TikTok 530 million euros under the GDPR "
        "for sending European users' data to China.",
        "Preheat the oven to 200 degrees. Mix flour, butter and sugar, then bake.",
    ],
)
def test_near_topic_and_off_topic_news_is_irrelevant(index: CorpusIndex, text: str) -> None:
    result = judge(index, text)
    assert result.verdict == "irrelevant" and not result.relevant
    assert result.reasons[0].startswith("not about the AI Act")


def test_a_language_the_embedder_lacks_is_judged_on_vocabulary_and_says_so(
    index: CorpusIndex,
) -> None:
    result = judge(
        index,
        "Europos Sąjungos AI Act įsigalioja rugpjūčio mėnesį, o Europos Komisija skelbia "
        "naujas gaires dėl bendrosios paskirties dirbtinio intelekto modelių.",
    )
    assert result.language == "lt" and result.semantic is None
    assert result.relevant
    assert any("not covered by the embedder" in reason for reason in result.reasons)


def test_the_time_window_makes_an_old_story_news_again(index: CorpusIndex) -> None:
    text = (
        "Meta refuses to join the EU's voluntary AI Pact before the AI Act applies, while "
        "Microsoft and Google confirmed they would sign the commitments. Meta says it is "
        "focusing on compliance work and may join at a later stage."
    )
    within = judge(index, text, published="2024-09-27")
    assert within.nearest_document_id == "seed-en-2024-09-25-zhitong-meta-ai-pact"
    later = judge(index, text, published="2026-06-01")
    assert later.nearest_document_id == "" and later.verdict == "update"
    assert "nothing like it" in later.reasons[0]


def test_the_assessment_is_json_ready(index: CorpusIndex) -> None:
    data = judge(index, "The EU AI Act's first rules apply from February 2025.").to_dict()
    assert set(data) >= {
        "verdict",
        "language",
        "relevance",
        "nearest_document_id",
        "similarity",
        "novel_sentences",
        "new_things",
        "reasons",
    }
    assert isinstance(data["reasons"], list)


def test_a_report_is_not_the_story_of_a_document_dated_after_it(index: CorpusIndex) -> None:
    # The Meta / AI Pact seed is of 2024-09-25: a week before it, the same words
    # cannot re-tell it (the window reaches back, and forward by two days only).
    text = (
        "Meta declined to sign the EU's voluntary AI Pact, a spokesperson said, while "
        "Microsoft and Google confirmed they would sign. The company said it was focusing "
        "on compliance work under the AI Act."
    )
    before = judge(index, text, published="2024-09-18")
    after = judge(index, text, published="2024-10-01")
    assert after.nearest_document_id == "seed-en-2024-09-25-zhitong-meta-ai-pact"
    assert before.nearest_document_id != "seed-en-2024-09-25-zhitong-meta-ai-pact"


def test_a_copy_whose_cut_leaves_the_act_out_is_still_a_duplicate() -> None:
    corpus = _seed_index()
    source = (
        "EU negotiators reached a provisional deal on the Artificial Intelligence Act on "
        "Friday night after 36 hours of talks in Brussels. The rules ban social scoring "
        "and limit the police's use of facial recognition in public places. Companies "
        "that break them face fines of up to 7 per cent of their global turnover."
    )
    first = assess(source, corpus, title="EU strikes deal on landmark AI Act")
    corpus.learn(CorpusDocument("item-1", "EU strikes deal", "en", source), "item-1", first, True)
    # A syndicated teaser: the same wire text under a headline without the Act,
    # which on its own words would not pass for AI Act news.
    copy = source.replace("on the Artificial Intelligence Act ", "")
    headline = "Negotiators clinch deal after 36 hours of talks"
    alone = assess(copy, _seed_index(), title=headline)
    result = assess(copy, corpus, title=headline)
    assert first.verdict == "update" and alone.verdict == "irrelevant"
    assert result.verdict == "duplicate" and result.duplicate_of == "item-1"
    assert result.relevant


def test_a_false_alarm_that_joined_the_corpus_does_not_make_its_subject_relevant() -> None:
    corpus = _seed_index()
    off_topic = (
        "Senators introduced a bill that would bar artificial intelligence from launching "
        "nuclear weapons without meaningful human control. The bipartisan bill was filed "
        "in Washington on Wednesday."
    )
    later = (
        "A second group of senators proposed rules on artificial intelligence in nuclear "
        "command and control, saying humans must keep the final say over launches."
    )
    before = assess(later, corpus, title="Senators propose AI rules for nuclear weapons")
    # As if the first had been flagged by mistake: it joins the corpus as an update.
    wrong = replace(assess(off_topic, corpus), verdict="update", relevant=True)
    corpus.learn(CorpusDocument("item-9", "Senators file bill", "en", off_topic), "x", wrong, True)
    after = assess(later, corpus, title="Senators propose AI rules for nuclear weapons")
    assert after.semantic == before.semantic
    assert after.relevance == before.relevance and not after.relevant


def test_a_syndicated_copy_under_the_same_headline_with_another_teaser_is_a_duplicate() -> None:
    # Two feeds carried the same story: one with its first paragraph, the other with
    # the aggregator's comments link. Their texts share no shingle; the headline is it.
    corpus = _seed_index()
    source = (
        "OpenAI lobbied European officials to water down parts of the AI Act, documents "
        "obtained by TIME show, so that its general-purpose systems would not be deemed "
        "high risk."
    )
    title = "Exclusive: OpenAI Lobbied the E.U. to Water Down AI Regulation"
    first = assess(source, corpus, title=title)
    corpus.learn(CorpusDocument("item-1", title, "en", source), "item-1", first, True)
    teaser = "Article URL: https://time.com/openai-eu-lobbying/ Comments URL: https://news.example"
    copy_title = "OpenAI Lobbied the E.U. To Water Down AI Regulation"
    alone = assess(teaser, _seed_index(), title=copy_title)
    result = assess(teaser, corpus, title=copy_title)
    assert first.verdict == "update" and alone.verdict == "update"
    assert result.verdict == "duplicate" and result.duplicate_of == "item-1"
    assert "the same headline" in result.reasons[0]


def _learn(corpus: CorpusIndex, key: str, title: str, text: str, published: str) -> Assessment:
    """Judge an article as the poller does and let the corpus take it in."""
    result = assess(text, corpus, title=title, published=published)
    document = CorpusDocument(key, title, result.language, text, published)
    corpus.learn(document, key, result, grow=True)
    return result


def test_in_a_language_the_embedder_lacks_stories_go_by_shared_names_figures_and_time() -> None:
    # Swedish is not among the embedder's languages: no sentence vectors. Two outlets
    # report the Commission's guidelines on the same day; a third, a day later, adds
    # a fine; a fourth that day is another development of the Act.
    corpus = _seed_index()
    first = _learn(
        corpus,
        "sv-1",
        "EU-kommissionen publicerar riktlinjer om förbjudna AI-metoder",
        "Europeiska kommissionen publicerade på tisdagen riktlinjer om förbjudna metoder "
        "enligt artikel 5 i AI-förordningen, förordning (EU) 2024/1689. Henna Virkkunen "
        "sade att reglerna om social poängsättning gäller redan.",
        "2025-02-04",
    )
    second = _learn(
        corpus,
        "sv-2",
        "Bryssel förklarar förbuden i AI-förordningen",
        "Kommissionens nya riktlinjer förklarar förbuden i artikel 5 i AI-förordningen "
        "(2024/1689). Enligt Henna Virkkunen ska företagen nu se över sina system.",
        "2025-02-04",
    )
    follow_up = _learn(
        corpus,
        "sv-3",
        "AI-förordningen: böter på 7 procent för brott mot förbuden",
        "Den som bryter mot förbuden i artikel 5 i AI-förordningen (2024/1689) riskerar "
        "böter på 35 miljoner euro eller 7 % av omsättningen, påminde Henna Virkkunen.",
        "2025-02-05",
    )
    other = _learn(
        corpus,
        "sv-4",
        "EU:s AI-kontor söker experter till ny panel",
        "AI-kontoret i Bryssel söker oberoende experter till en vetenskaplig panel enligt "
        "AI-förordningen, meddelade kommissionen.",
        "2025-02-05",
    )
    assert {r.language for r in (first, second, follow_up, other)} == {"sv"}
    assert first.verdict == "update" and not first.same_story
    assert second.verdict == "known" and second.nearest_document_id == "sv-1"
    assert "in common:" in second.reasons[0] and "2024/1689" in second.reasons[0]
    assert any("not covered by the embedder" in reason for reason in second.reasons)
    assert follow_up.verdict == "update" and follow_up.same_story
    assert "7%" in follow_up.reasons[0] and "€35 million" in follow_up.reasons[0]
    assert other.verdict == "update" and not other.same_story


def test_in_a_language_the_embedder_lacks_teasers_of_one_story_share_their_wording() -> None:
    # Two Swedish teasers of the deal, the same evening, share one name and no figure:
    # their words tell the story. A third, that evening, is another development.
    corpus = _seed_index()
    first = _learn(
        corpus,
        "sv-a",
        "EU enas om historiska AI-regler efter maratonförhandlingar",
        "Förhandlarna från Europaparlamentet och medlemsländerna kom överens sent på "
        "fredagskvällen om världens första heltäckande regler för artificiell intelligens.",
        "2023-12-08",
    )
    second = _learn(
        corpus,
        "sv-b",
        "Maratonförhandlingar gav EU historiska regler för artificiell intelligens",
        "Efter förhandlingar in på fredagskvällen kom Europaparlamentet och medlemsländerna "
        "överens om de första heltäckande reglerna.",
        "2023-12-08",
    )
    other = _learn(
        corpus,
        "sv-c",
        "EU:s AI-kontor söker experter till en ny panel",
        "AI-kontoret i Bryssel söker oberoende experter till en vetenskaplig panel, "
        "meddelade kommissionen.",
        "2023-12-08",
    )
    assert {r.language for r in (first, second, other)} == {"sv"}
    assert first.verdict == "update"
    assert second.verdict == "known" and second.nearest_document_id == "sv-a"
    assert "the words" in second.reasons[0] and "fredagskvällen" in second.reasons[0]
    assert other.verdict == "update" and not other.same_story


def test_a_follow_up_that_adds_dates_and_fines_to_a_retold_story_is_an_update() -> None:
    # Three of five sentences retell yesterday's report of the code; two bring the
    # dates and the fines. A retelling that adds one date stays `known`.
    corpus = _seed_index()
    retold = (
        "The European Commission published the code of practice for general-purpose AI "
        "models this week. The code was drafted by independent experts with input from "
        "about a thousand stakeholders. It covers transparency, copyright and the safety "
        "of the most capable models."
    )
    _learn(
        corpus,
        "gpai-code",
        "Commission publishes code of practice for general-purpose AI",
        "The European Commission published the code of practice for general-purpose AI "
        "models on Thursday. The code was drafted by independent experts with input from "
        "more than a thousand stakeholders. It covers transparency, copyright and the "
        "safety of the most capable models. Signing the code is voluntary, but signatories "
        "will face less paperwork when they show compliance. Several large technology "
        "companies have not yet said whether they will sign.",
        "2025-07-10",
    )
    follow_up = _learn(
        corpus,
        "gpai-follow",
        "EU code for AI models: what providers must do",
        f"{retold} Providers that break the rules from 2 August 2026 face fines of up to "
        "€15 million or 3% of their turnover. The AI Office said models placed on the "
        "market before 2 August 2025 have until 2 August 2027 to comply.",
        "2025-07-11",
    )
    again = _learn(
        corpus,
        "gpai-again",
        "EU code for AI models explained",
        f"{retold} Signing the code is voluntary, but those who sign face less paperwork. "
        "The code will be reviewed by 2 August 2027.",
        "2025-07-11",
    )
    assert follow_up.verdict == "update" and follow_up.same_story
    assert follow_up.nearest_document_id == "gpai-code"
    assert "follows up" in follow_up.reasons[0] and "2 of 5 sentences new" in follow_up.reasons[0]
    assert again.verdict == "known" and again.same_story


def test_two_full_texts_under_one_recurring_headline_are_not_copies() -> None:
    # A weekly column keeps its headline; each issue is its own story.
    corpus = _seed_index()
    title = "The week in EU tech policy: what Brussels decided"
    first_text = (
        "The European Commission published its guidelines on the AI Act's prohibited practices "
        "on Tuesday, covering social scoring and emotion recognition at work. Companies face "
        "fines of up to 7% of their turnover. The guidelines are not binding but show how the "
        "AI Office will read the ban."
    )
    second_text = (
        "EU countries and the Parliament agreed on Thursday to delay the AI Act's rules for "
        "high-risk systems by sixteen months, as part of the digital omnibus. Civil society "
        "groups called the delay a gift to industry, while the Commission said standards were "
        "not ready in time."
    )
    first = assess(first_text, corpus, title=title, published="2025-02-04")
    corpus.learn(CorpusDocument("week-1", title, "en", first_text), "week-1", first, True)
    second = assess(second_text, corpus, title=title, published="2025-11-20")
    assert first.verdict == "update"
    assert second.verdict != "duplicate", second.reasons


def test_pending_articles_are_judged_in_publication_order() -> None:
    rows = [
        {
            "item_id": "later",
            "published": "2025-07-11T12:00:00+02:00",
            "position": 1,
            "extracted_at": "2025-07-11T13:00:00Z",
        },
        {
            "item_id": "undated",
            "published": "",
            "position": 2,
            "extracted_at": "2025-07-11T09:30:00Z",
        },
        {
            "item_id": "earlier",
            "published": "2025-07-11T09:00:00Z",
            "position": 3,
            "extracted_at": "2025-07-11T13:00:00Z",
        },
        # Dated after it was read (a wrong clock): it counts as published when read.
        {
            "item_id": "future",
            "published": "2031-01-01T00:00:00Z",
            "position": 4,
            "extracted_at": "2025-07-11T09:45:00Z",
        },
        {
            "item_id": "garbled",
            "published": "yesterday",
            "position": 5,
            "extracted_at": "2025-07-11T09:50:00Z",
        },
    ]
    order = [r["item_id"] for r in in_publication_order(rows)]
    assert order == ["earlier", "undated", "future", "garbled", "later"]
