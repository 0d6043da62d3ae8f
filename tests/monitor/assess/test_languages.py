"""An AI Act development and an AI business story in each of the 24 official EU languages.

The cases (``tests/data/languages/articles.toml``) are written for the tests: a
report as feeds carry one (a headline and two sentences) must be an `update`,
the business story `irrelevant`, in every language, the 16 the embedder lacks
included. ``described.toml`` holds a report that describes the Act without
naming it ("EU delays AI rules") in each language: Finnish compounds
("tekoälysääntöjen") and Irish mutations ("na hintleachta saorga") included.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from monitor.assess.decision import Assessment, CorpusIndex, assess
from monitor.assess.embedding import UniversalSentenceEncoder
from monitor.assess.relevance import lexical_relevance
from monitor.assess.text import EU_LANGUAGES
from monitor.assess.vocabulary import lexical_signals
from tests.monitor.assess.test_assess import _seed_index

DATA = Path(__file__).parents[2] / "data" / "languages"
CASES: list[dict[str, Any]] = tomllib.loads((DATA / "articles.toml").read_text("utf-8"))["article"]
DESCRIBED: list[dict[str, Any]] = tomllib.loads((DATA / "described.toml").read_text("utf-8"))[
    "article"
]
AI_OFFICE: list[dict[str, Any]] = tomllib.loads((DATA / "ai_office.toml").read_text("utf-8"))[
    "title"
]
OFFICE_IN_PRESS: list[dict[str, Any]] = tomllib.loads((DATA / "ai_office.toml").read_text("utf-8"))[
    "press"
]
AI_PACT: list[dict[str, Any]] = tomllib.loads((DATA / "ai_pact.toml").read_text("utf-8"))["title"]
EU_IN_NAMES: list[dict[str, Any]] = tomllib.loads((DATA / "eu_in_names.toml").read_text("utf-8"))[
    "text"
]
COMPARED: list[dict[str, Any]] = tomllib.loads(
    (DATA / "compared_with_europe.toml").read_text("utf-8")
)["article"]
BORROWED: list[dict[str, Any]] = tomllib.loads((DATA / "ai_act_borrowed.toml").read_text("utf-8"))[
    "text"
]
IN_FORCE: list[dict[str, Any]] = tomllib.loads((DATA / "in_force.toml").read_text("utf-8"))[
    "article"
]
COUNCIL_OF_EUROPE: list[dict[str, Any]] = tomllib.loads(
    (DATA / "council_of_europe.toml").read_text("utf-8")
)["title"]
BANS_AND_FINES: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "bans_and_fines.toml").read_text("utf-8")
)
OTHER_EU_LAWS: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "other_eu_laws.toml").read_text("utf-8")
)
OTHER_JURISDICTIONS: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "other_jurisdictions.toml").read_text("utf-8")
)
OTHER_REGIMES: list[dict[str, Any]] = tomllib.loads(
    (DATA / "other_regimes.toml").read_text("utf-8")
)["privacy"]
EUROPES_OWN: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "europes_own.toml").read_text("utf-8")
)
SPENDING: list[dict[str, Any]] = tomllib.loads((DATA / "eu_spending.toml").read_text("utf-8"))[
    "spending"
]
PASSING_MENTIONS: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "passing_mentions.toml").read_text("utf-8")
)
MEMBER_STATES_OWN_TABLES: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "member_states_own.toml").read_text("utf-8")
)
MEMBER_STATES_OWN = MEMBER_STATES_OWN_TABLES["own"]
FIRST_MEMBER_STATE = MEMBER_STATES_OWN_TABLES["member_first"]
POSSESSIVE = MEMBER_STATES_OWN_TABLES["possessive"]
EU_POSSESSIVE = MEMBER_STATES_OWN_TABLES["eu_possessive"]
TAMED: list[dict[str, Any]] = tomllib.loads((DATA / "tamed.toml").read_text("utf-8"))["tamed"]
MEPS: list[dict[str, Any]] = tomllib.loads((DATA / "meps.toml").read_text("utf-8"))["article"]
REREPORTED: list[dict[str, Any]] = tomllib.loads((DATA / "rereported.toml").read_text("utf-8"))[
    "article"
]
DEVELOPMENTS_2025: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "developments_2025.toml").read_text("utf-8")
)
# The day each of them was reported.
REPORTED_ON = {
    "watchdogs": "2025-11-18",
    "stop_the_clock": "2025-07-03",
    "gpai_rules": "2025-08-02",
    "literacy": "2025-02-02",
    "labelling_code": "2025-12-17",
    "definition_guidelines": "2025-02-06",
}
# "Europe" as a text names it in each language, in the genitive where a headline
# would ("Europas lov", "zákon Evropy", "na hEorpa"): newsrooms write it for the EU.
EUROPE = {
    "bg": "на Европа",
    "cs": "Evropy",
    "da": "Europas",
    "de": "Europas",
    "el": "της Ευρώπης",
    "en": "Europe's",
    "es": "de Europa",
    "et": "Euroopa",
    "fi": "Euroopan",
    "fr": "de l'Europe",
    "ga": "na hEorpa",
    "hr": "Europe",
    "hu": "Európában",
    "it": "dell'Europa",
    "lt": "Europos",
    "lv": "Eiropas",
    "mt": "tal-Ewropa",
    "nl": "Europa's",
    "pl": "Europy",
    "pt": "da Europa",
    "ro": "Europei",
    "sk": "Európy",
    "sl": "Evrope",
    "sv": "Europas",
}


@pytest.fixture(scope="module")
def index() -> CorpusIndex:
    return _seed_index()


def _assess_case(index: CorpusIndex, case: dict[str, Any], published: str) -> Assessment:
    """A case of these tables judged as the poller would, its language declared."""
    return assess(
        case["text"],
        index,
        title=case["title"],
        published=published,
        language_hint=case["language"],
    )


def _assert_title_describes_an_update(
    index: CorpusIndex, case: dict[str, Any], published: str
) -> None:
    """The case's title reads as EU rules on AI, and the case is judged an update."""
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.described_in == "title", signals
    result = _assess_case(index, case, published)
    assert result.language == case["language"]
    assert result.verdict == "update", result.reasons


def test_every_official_language_has_both_cases() -> None:
    kinds = {(case["language"], case["kind"]) for case in CASES}
    assert kinds == {(code, kind) for code in EU_LANGUAGES for kind in ("update", "irrelevant")}


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{case['language']}-{case['kind']}" for case in CASES]
)
def test_each_language_tells_an_ai_act_development_from_ai_business_news(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    result = assess(case["text"], index, title=case["title"], published="2025-02-04")
    assert result.language == case["language"]
    assert result.verdict == case["kind"], result.reasons


def test_every_official_language_has_a_described_case() -> None:
    assert {case["language"] for case in DESCRIBED} == set(EU_LANGUAGES)


@pytest.mark.parametrize(
    "case",
    DESCRIBED,
    ids=[
        f"{case['language']}-{case.get('shape') or ('title' if not case['text'] else 'teaser')}"
        for case in DESCRIBED
    ],
)
def test_each_language_reads_eu_rules_on_ai_in_a_title_that_does_not_name_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.act_names == ()
    _assert_title_describes_an_update(index, case, "2025-11-19")


def test_every_official_language_has_the_act_named_with_the_eu_inside() -> None:
    assert sorted(case["language"] for case in EU_IN_NAMES) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", EU_IN_NAMES, ids=[case["language"] for case in EU_IN_NAMES])
def test_the_acts_name_is_read_with_the_eu_inside_it(case: dict[str, Any]) -> None:
    # "akt EU o umělé inteligenci", "Akt EU-a o umjetnoj inteligenciji": the EU's
    # acronym inside the name, as in "the EU AI Act".
    signals = lexical_signals(case["text"], language=case["language"])
    assert signals.act_names, signals
    assert signals.named_in == "lead"


@pytest.mark.parametrize(
    "case",
    [*AI_OFFICE, *OFFICE_IN_PRESS, *AI_PACT],
    ids=[f"office-{c['language']}" for c in AI_OFFICE]
    + [f"office-press-{i}-{c['language']}" for i, c in enumerate(OFFICE_IN_PRESS)]
    + [f"pact-{c['language']}" for c in AI_PACT],
)
def test_the_ai_office_and_the_ai_pact_are_known_by_their_names(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals("", title=case["text"], language=case["language"])
    assert signals.act_names, signals
    assert signals.named_in == "title"
    result = assess("", index, title=case["text"], language_hint=case["language"])
    assert result.verdict == "update", result.reasons


def test_every_official_language_has_an_ai_office_headline() -> None:
    assert sorted(case["language"] for case in AI_OFFICE) == sorted(EU_LANGUAGES)


def test_the_ai_pact_is_known_in_every_official_language() -> None:
    assert sorted(case["language"] for case in AI_PACT) == sorted(EU_LANGUAGES)


def test_every_official_language_has_the_in_force_and_council_of_europe_cases() -> None:
    assert sorted(case["language"] for case in IN_FORCE) == sorted(EU_LANGUAGES)
    assert sorted(case["language"] for case in COUNCIL_OF_EUROPE) == sorted(EU_LANGUAGES)
    assert sorted(EUROPE) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", IN_FORCE, ids=[case["language"] for case in IN_FORCE])
def test_europes_ai_law_entering_into_force_is_an_update(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.described_in == "title", signals
    result = _assess_case(index, case, "2024-08-01")
    assert result.verdict == "update", result.reasons


@pytest.mark.parametrize("language", sorted(EUROPE))
def test_europe_by_its_own_name_counts_as_the_eu(language: str) -> None:
    signals = lexical_signals(f"{EUROPE[language]} AI", language=language)
    assert signals.eu_mentions == 1, signals


@pytest.mark.parametrize(
    "case", COUNCIL_OF_EUROPE, ids=[case["language"] for case in COUNCIL_OF_EUROPE]
)
def test_the_council_of_europes_rules_on_ai_are_not_the_eus(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals("", title=case["text"], language=case["language"])
    assert signals.eu_mentions == 0 and signals.described_in == "", signals
    result = assess("", index, title=case["text"], language_hint=case["language"])
    assert result.verdict == "irrelevant", result.reasons


@pytest.mark.parametrize("case", BORROWED, ids=[case["language"] for case in BORROWED])
def test_the_english_name_is_read_as_each_language_borrows_and_inflects_it(
    case: dict[str, Any],
) -> None:
    signals = lexical_signals(case["text"], language=case["language"])
    assert signals.act_names, signals
    assert signals.named_in == "lead"


def test_every_official_language_borrows_the_english_name() -> None:
    assert sorted(case["language"] for case in BORROWED) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der AI Action Plan der USA wurde vorgestellt.", "de"),
        ("Amerykański AI Activity Report pokazuje wzrost.", "pl"),
        ("Senators introduce the Autonomous AI Act.", "en"),
        ("L'AI Actor Studio ouvre ses portes.", "fr"),
        # A possessive is the EU's only where the text speaks of the EU.
        ("Colorado delays its AI Act to June. The state's lawmakers voted on it.", "en"),
    ],
)
def test_other_names_that_begin_like_it_are_not_the_act(text: str, language: str) -> None:
    assert lexical_signals(text, language=language).act_names == ()


@pytest.mark.parametrize("case", COMPARED, ids=[case["language"] for case in COMPARED])
def test_europe_as_the_point_of_comparison_for_another_jurisdiction_is_not_the_eu(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.described_in == "", signals
    result = _assess_case(index, case, "2025-06-01")
    assert result.verdict == "irrelevant", result.reasons


def test_every_official_language_compares_another_jurisdiction_with_europe() -> None:
    assert sorted(case["language"] for case in COMPARED) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("kind", sorted(OTHER_JURISDICTIONS))
def test_every_official_language_has_other_jurisdictions_ai_laws(kind: str) -> None:
    languages = [case["language"] for case in OTHER_JURISDICTIONS[kind]]
    assert sorted(languages) == sorted(EU_LANGUAGES)


ANOTHERS_LAW = [
    case | {"kind": kind}
    for kind in ("modelled_on_the_eu", "their_own_ai_law")
    for case in OTHER_JURISDICTIONS[kind]
]


@pytest.mark.parametrize(
    "case", ANOTHERS_LAW, ids=[f"{case['kind']}-{case['language']}" for case in ANOTHERS_LAW]
)
def test_another_jurisdictions_ai_law_is_not_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    for text in (case["text"], ""):
        signals = lexical_signals(text, title=case["title"], language=case["language"])
        assert (signals.act_names, signals.described_in) == ((), ""), signals
        result = assess(
            text,
            index,
            title=case["title"],
            published="2026-01-22",
            language_hint=case["language"],
        )
        assert result.verdict == "irrelevant", result.reasons


@pytest.mark.parametrize(
    "case",
    OTHER_JURISDICTIONS["eus_law_criticised"],
    ids=[case["language"] for case in OTHER_JURISDICTIONS["eus_law_criticised"]],
)
def test_the_eus_ai_law_criticised_by_another_jurisdiction_is_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals("", title=case["title"], language=case["language"])
    assert signals.described_in == "title", signals
    result = assess(
        "", index, title=case["title"], published="2025-10-14", language_hint=case["language"]
    )
    assert result.verdict == "update", result.reasons


def test_a_possessive_names_the_eus_act_where_the_text_speaks_of_the_eu() -> None:
    signals = lexical_signals("Brussels finalises its AI Act.", language="en")
    assert signals.act_names == ("AI Act",), signals


@pytest.mark.parametrize("kind", ["ban", "fine"])
def test_every_official_language_has_the_bans_and_the_fines(kind: str) -> None:
    assert sorted(case["language"] for case in BANS_AND_FINES[kind]) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize(
    "case",
    [case | {"kind": kind} for kind, cases in BANS_AND_FINES.items() for case in cases],
    ids=[f"{kind}-{case['language']}" for kind, cases in BANS_AND_FINES.items() for case in cases],
)
def test_the_bans_taking_effect_and_the_fines_for_banned_ai_are_updates(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.described_in == "title", signals
    result = _assess_case(index, case, "2025-02-02")
    assert result.verdict == "update", result.reasons


@pytest.mark.parametrize("law", ["dsa", "gdpr"])
def test_every_official_language_has_ai_stories_under_the_other_laws(law: str) -> None:
    assert sorted(case["language"] for case in OTHER_EU_LAWS[law]) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize(
    "case",
    [case for cases in OTHER_EU_LAWS.values() for case in cases],
    ids=[f"{law}-{case['language']}" for law, cases in OTHER_EU_LAWS.items() for case in cases],
)
def test_an_ai_story_under_another_eu_law_is_not_about_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.described_in == "", signals
    result = _assess_case(index, case, "2025-06-01")
    assert result.verdict == "irrelevant", result.reasons


def test_every_official_language_has_its_meps_voting_on_the_rules() -> None:
    assert sorted(case["language"] for case in MEPS) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", MEPS, ids=[case["language"] for case in MEPS])
def test_meps_voting_on_ai_rules_is_an_update(index: CorpusIndex, case: dict[str, Any]) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.described_in == "title" and not signals.title_by_actors, signals
    result = _assess_case(index, case, "2025-12-01")
    assert result.verdict == "update", result.reasons


def test_the_rereported_story_is_in_every_official_language_but_the_seeds() -> None:
    # English is the seed's own language.
    assert sorted(case["language"] for case in REREPORTED) == sorted(set(EU_LANGUAGES) - {"en"})
    # The languages the embedder lacks, judged on names and time alone, are among them.
    assert set(EU_LANGUAGES) - UniversalSentenceEncoder.languages <= {
        case["language"] for case in REREPORTED
    }


@pytest.mark.parametrize("case", REREPORTED, ids=[c["language"] for c in REREPORTED])
def test_a_story_rereported_the_next_day_in_any_language_is_known(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    result = _assess_case(index, case, "2024-09-26")
    assert result.verdict == "known", result.reasons
    assert "seed-en-2024-09-25-zhitong-meta-ai-pact" in result.nearest_document_id


@pytest.mark.parametrize("kind", sorted(REPORTED_ON))
def test_every_official_language_has_the_developments_of_2025(kind: str) -> None:
    assert sorted(case["language"] for case in DEVELOPMENTS_2025[kind]) == sorted(EU_LANGUAGES)


# Each report with its lead, and on its title alone but for the watchdogs and the
# guidelines: a member state at the head of a bare title is a national story as a
# rule (the relevance model's weight), its lead naming the Act says otherwise; a bare
# "Commission" is the EU's only where the text names the EU.
DEVELOPMENT_CASES = [
    (case | {"kind": kind}, title_only)
    for kind, cases in DEVELOPMENTS_2025.items()
    for case in cases
    for title_only in (False, True)
    if not (title_only and kind in ("watchdogs", "definition_guidelines"))
]


@pytest.mark.parametrize(
    ("case", "title_only"),
    DEVELOPMENT_CASES,
    ids=[
        f"{case['kind']}-{case['language']}{'-title' if title_only else ''}"
        for case, title_only in DEVELOPMENT_CASES
    ],
)
def test_the_developments_of_2025_described_in_any_language_are_updates(
    index: CorpusIndex, case: dict[str, Any], title_only: bool
) -> None:
    text = "" if title_only else case["text"]
    _assert_title_describes_an_update(index, case | {"text": text}, REPORTED_ON[case["kind"]])


@pytest.mark.parametrize("kind", sorted(EUROPES_OWN))
def test_every_official_language_has_europes_own_firms(kind: str) -> None:
    assert sorted(case["language"] for case in EUROPES_OWN[kind]) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize(
    ("case", "verdict"),
    [(case, "irrelevant") for case in EUROPES_OWN["banks_own_rules"]]
    + [(case, "irrelevant") for case in EUROPES_OWN["deals_with_start_ups"]]
    + [(case, "update") for case in EUROPES_OWN["companies_on_the_act"]],
    ids=[f"banks-{c['language']}" for c in EUROPES_OWN["banks_own_rules"]]
    + [f"deals-{c['language']}" for c in EUROPES_OWN["deals_with_start_ups"]]
    + [f"companies-{c['language']}" for c in EUROPES_OWN["companies_on_the_act"]],
)
def test_europes_own_firms_are_not_the_eu_but_beside_the_act(
    index: CorpusIndex, case: dict[str, Any], verdict: str
) -> None:
    result = assess(
        "", index, title=case["title"], published="2025-07-03", language_hint=case["language"]
    )
    assert result.verdict == verdict, result.reasons


def test_every_official_language_has_rules_under_data_protection() -> None:
    assert sorted(case["language"] for case in OTHER_REGIMES) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", OTHER_REGIMES, ids=[c["language"] for c in OTHER_REGIMES])
def test_rules_for_chatgpt_under_data_protection_are_not_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals("", title=case["title"], language=case["language"])
    assert signals.title_other_subject and signals.described_in != "title", signals
    result = assess(
        "", index, title=case["title"], published="2025-10-14", language_hint=case["language"]
    )
    assert result.verdict == "irrelevant", result.reasons


@pytest.mark.parametrize("kind", sorted(PASSING_MENTIONS))
def test_every_official_language_has_the_act_named_in_passing(kind: str) -> None:
    languages = [case["language"] for case in PASSING_MENTIONS[kind]]
    assert sorted(languages) == sorted(EU_LANGUAGES)


IN_PASSING = [case | {"kind": kind} for kind, cases in PASSING_MENTIONS.items() for case in cases]


@pytest.mark.parametrize(
    "case", IN_PASSING, ids=[f"{case['kind']}-{case['language']}" for case in IN_PASSING]
)
def test_the_act_named_in_passing_in_a_story_about_something_else_is_not_news_of_it(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    # The Act is read (so the verdict is not for want of its name), but below the title.
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.act_names and signals.named_in in ("lead", "body"), signals
    result = _assess_case(index, case, "2025-02-04")
    assert result.language == case["language"]
    assert result.verdict == "irrelevant", result.reasons


def test_every_official_language_has_the_eu_spending_on_ai() -> None:
    assert sorted(case["language"] for case in SPENDING) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", SPENDING, ids=[case["language"] for case in SPENDING])
def test_the_eu_spending_on_ai_under_a_plan_is_no_rule_on_it(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert signals.eu_mentions and signals.ai_mentions, signals
    assert (signals.act_names, signals.described_in) == ((), ""), signals
    result = _assess_case(index, case, "2025-04-09")
    assert result.language == case["language"]
    assert result.verdict == "irrelevant", result.reasons


def test_every_official_language_has_a_member_states_own_ai_law() -> None:
    for table in (MEMBER_STATES_OWN, FIRST_MEMBER_STATE):
        assert sorted(case["language"] for case in table) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize(
    ("case", "lead_may_describe"),
    [(case, False) for case in (*MEMBER_STATES_OWN, *POSSESSIVE)]
    + [(case, True) for case in FIRST_MEMBER_STATE],
    ids=[case["language"] for case in MEMBER_STATES_OWN]
    + [f"possessive-{case['language']}" for case in POSSESSIVE]
    + [f"first-member-{case['language']}" for case in FIRST_MEMBER_STATE],
)
def test_a_member_states_own_ai_law_is_not_the_act(
    index: CorpusIndex, case: dict[str, Any], lead_may_describe: bool
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert not signals.act_names, signals
    if lead_may_describe:
        # "The first EU member state with its own AI law": the lead ("the Senate
        # approved the law") read with the title may hold the three words; the
        # title is what must not say the Act.
        assert signals.described_in != "title", signals
    else:
        assert signals.described_in == "", signals
    result = _assess_case(index, case, "2025-09-18")
    assert result.language == case["language"]
    assert result.verdict == "irrelevant", result.reasons


@pytest.mark.parametrize(
    "case", EU_POSSESSIVE, ids=[f"{c['language']}-{i}" for i, c in enumerate(EU_POSSESSIVE)]
)
def test_the_eus_own_ai_law_by_a_possessive_is_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    result = _assess_case(index, case, "2025-09-18")
    assert result.verdict == "update", result.reasons


def test_every_official_language_has_the_eu_taming_ai() -> None:
    assert sorted(case["language"] for case in TAMED) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("case", TAMED, ids=[case["language"] for case in TAMED])
def test_the_eu_taming_ai_is_its_rules_on_it(index: CorpusIndex, case: dict[str, Any]) -> None:
    signals = lexical_signals("", title=case["title"], language=case["language"])
    assert signals.described_in == "title", signals
    result = _assess_case(index, case, "2023-12-09")
    assert result.language == case["language"]
    assert result.verdict == "update", result.reasons


REQUIREMENTS: list[dict[str, Any]] = tomllib.loads((DATA / "requirements.toml").read_text("utf-8"))[
    "requirements"
]


def test_every_official_language_has_the_eus_ai_requirements() -> None:
    assert sorted(case["language"] for case in REQUIREMENTS) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize("title_only", [False, True], ids=["with-lead", "title"])
@pytest.mark.parametrize("case", REQUIREMENTS, ids=[case["language"] for case in REQUIREMENTS])
def test_the_eus_requirements_for_ai_are_its_rules(
    index: CorpusIndex, case: dict[str, Any], title_only: bool
) -> None:
    text = "" if title_only else case["text"]
    _assert_title_describes_an_update(index, case | {"text": text}, "2025-11-19")


NAMED_IN_THE_LEAD_TABLES: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (DATA / "named_in_the_lead.toml").read_text("utf-8")
)
NAMED_IN_THE_LEAD = NAMED_IN_THE_LEAD_TABLES["lead"]
NAMED_IN_PASSING = NAMED_IN_THE_LEAD_TABLES["in_passing"]
# The embedder puts the Polish teaser far from what the Act is (closeness 0.29), and
# its closeness outweighs the lead: known, and reported by the test if it changes.
LEAD_MISSED_WITH_THE_EMBEDDER = {"pl"}


@pytest.mark.parametrize("kind", ["lead", "in_passing"])
def test_every_official_language_has_the_act_named_under_a_title_on_ai(kind: str) -> None:
    cases = NAMED_IN_THE_LEAD_TABLES[kind]
    assert sorted(case["language"] for case in cases) == sorted(EU_LANGUAGES)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            case,
            id=case["language"],
            marks=pytest.mark.xfail(strict=True, reason="the embedder's closeness outweighs")
            if case["language"] in LEAD_MISSED_WITH_THE_EMBEDDER
            else (),
        )
        for case in NAMED_IN_THE_LEAD
    ],
)
def test_a_lead_that_names_the_act_under_a_title_on_ai_is_about_the_act(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert (signals.named_in, signals.named_first, signals.ai_in_title) == ("lead", True, True)
    assert signals.described_in != "title", signals
    result = _assess_case(index, case, "2025-02-03")
    assert result.language == case["language"]
    assert result.verdict == "update", result.reasons


@pytest.mark.parametrize("case", NAMED_IN_THE_LEAD, ids=[c["language"] for c in NAMED_IN_THE_LEAD])
def test_the_vocabulary_alone_reads_such_a_lead_as_about_the_act(case: dict[str, Any]) -> None:
    # The model for the languages the embedder lacks, for every language's wording.
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert lexical_relevance(signals, title=case["title"]) >= 0.5, signals


@pytest.mark.parametrize("case", NAMED_IN_THE_LEAD, ids=[c["language"] for c in NAMED_IN_THE_LEAD])
def test_under_a_title_on_something_else_the_same_lead_is_a_passing_mention(
    case: dict[str, Any],
) -> None:
    title = "Quarterly results beat expectations"
    signals = lexical_signals(case["text"], title=title, language=case["language"])
    assert not signals.ai_in_title
    assert lexical_relevance(signals, title=title) < 0.5, signals


@pytest.mark.parametrize("case", NAMED_IN_PASSING, ids=[c["language"] for c in NAMED_IN_PASSING])
def test_the_act_named_later_under_a_title_on_ai_is_still_in_passing(
    index: CorpusIndex, case: dict[str, Any]
) -> None:
    signals = lexical_signals(case["text"], title=case["title"], language=case["language"])
    assert (signals.named_in, signals.named_first, signals.ai_in_title) == ("lead", False, True)
    result = _assess_case(index, case, "2025-09-18")
    assert result.language == case["language"]
    assert result.verdict == "irrelevant", result.reasons
