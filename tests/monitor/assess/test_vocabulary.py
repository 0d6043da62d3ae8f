"""The AI Act vocabulary as newsrooms write it: names, descriptions, prominence, 24 languages."""

from __future__ import annotations

import re

import pytest

from monitor.assess.lexicon import LEXICON_LANGUAGES
from monitor.assess.relevance import lexical_relevance
from monitor.assess.vocabulary import _matchers, lexical_signals

# One headline a language that describes the EU's AI rules without naming the Act.
DESCRIBED = {
    "bg": "ЕС се договори за нови правила за изкуствения интелект",
    "cs": "EU schválila pravidla pro umělou inteligenci",
    "da": "EU enes om nye regler for kunstig intelligens",
    "de": "EU einigt sich auf Regeln für künstliche Intelligenz",
    "el": "Η ΕΕ συμφώνησε σε κανόνες για την τεχνητή νοημοσύνη",
    "en": "EU lawmakers agree tough measures over use of AI",
    "es": "La UE pacta las primeras normas sobre inteligencia artificial",
    "et": "EL leppis kokku tehisintellekti reeglites",
    "fi": "EU sopi tekoälyn sääntelystä",
    "fr": "L'UE s'accorde sur des règles pour l'intelligence artificielle",
    "ga": "Comhaontú AE ar rialacha don intleacht shaorga",
    "hr": "EU dogovorio pravila o umjetnoj inteligenciji",
    "hu": "Megállapodott az EU a mesterséges intelligencia szabályozásáról",
    "it": "L'UE approva le regole sull'intelligenza artificiale",
    "lt": "ES susitarė dėl dirbtinio intelekto taisyklių",
    "lv": "ES vienojas par mākslīgā intelekta noteikumiem",
    "mt": "L-UE taqbel fuq regoli għall-intelliġenza artifiċjali",
    "nl": "EU bereikt akkoord over regels voor kunstmatige intelligentie",
    "pl": '"Jest umowa!". Unia chce okiełznać AI',
    "pt": "UE chega a acordo sobre regras para a inteligência artificial",
    "ro": "UE a convenit asupra regulilor privind inteligența artificială",
    "sk": "EÚ schválila pravidlá pre umelú inteligenciu",
    "sl": "EU sprejela pravila o umetni inteligenci",
    "sv": "EU enas om nya regler för artificiell intelligens",
}

# The Act's own name in each language where newsrooms use one of their own.
NAMED = {
    "bg": "Европейският парламент прие Акта за изкуствения интелект",
    "cs": "Akt o umělé inteligenci vstoupil v platnost",
    "da": "AI-forordningen træder i kraft",
    "de": "Die KI-Verordnung gilt ab heute",
    "el": "Ο κανονισμός για την τεχνητή νοημοσύνη τέθηκε σε ισχύ",
    "es": "Entra en vigor la ley europea de inteligencia artificial",
    "fi": "Tekoälysäädös astui voimaan",
    "fr": "Le règlement sur l'IA entre en vigueur",
    "ga": "Tagann an tAcht um Intleacht Shaorga i bhfeidhm",
    "hr": "Akt o umjetnoj inteligenciji stupio je na snagu",
    "hu": "Hatályba lépett az MI-rendelet",
    "it": "Entra in vigore il regolamento sull'IA",
    "lt": "Įsigaliojo Dirbtinio intelekto aktas",
    "lv": "Stājas spēkā Mākslīgā intelekta akts",
    "mt": "L-Att dwar l-Intelliġenza Artifiċjali daħal fis-seħħ",
    "nl": "De AI-verordening treedt in werking",
    "pl": "Akt w sprawie sztucznej inteligencji wchodzi w życie",
    "pt": "Regulamento da Inteligência Artificial entra em vigor",
    "ro": "Actul privind inteligența artificială intră în vigoare",
    "sk": "Akt o umelej inteligencii nadobudol účinnosť",
    "sl": "Akt o umetni inteligenci je začel veljati",
    "sv": "AI-förordningen börjar gälla",
}


def test_every_official_language_has_words() -> None:
    assert len(LEXICON_LANGUAGES) == 24
    assert set(DESCRIBED) == LEXICON_LANGUAGES


@pytest.mark.parametrize("language", sorted(DESCRIBED))
def test_a_headline_that_describes_the_act_is_read_as_about_it(language: str) -> None:
    title = DESCRIBED[language]
    signals = lexical_signals(title, title=title, language=language)
    assert signals.described_in == "title", signals
    assert lexical_relevance(signals, title=title, title_only=True) >= 0.7


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("es", "La UE fija las reglas para la inteligencia artificial"),
        ("pt", "UE aprova normas para a inteligência artificial"),
        ("hr", "EU donosi nove propise o umjetnoj inteligenciji"),
        ("it", "Ue, scatta il divieto di riconoscimento delle emozioni con l'IA"),
        ("pl", "Unia ustala zasady dla sztucznej inteligencji"),
        ("fi", "EU:n säännöt yleiskäyttöisille tekoälymalleille tulevat voimaan"),
        ("ro", "UE adoptă normele privind inteligența artificială"),
    ],
)
def test_the_rules_are_read_in_each_languages_usual_forms(language: str, title: str) -> None:
    # Plurals and synonyms once missed: "reglas", "normas", "propisi", "divieto",
    # "zasady", Finnish "säännöt" (consonant gradation of "sääntö"), "normele".
    signals = lexical_signals("", title=title, language=language)
    assert signals.described_in == "title", signals


def test_the_romanian_name_is_read_in_the_genitive() -> None:
    text = "Respectarea Actului privind inteligența artificială va fi supravegheată de ANCOM."
    assert lexical_signals(text, language="ro").act_names == (
        "Actului privind inteligența artificială",
    )


def test_an_ordinary_word_or_a_name_is_no_rule() -> None:
    # "normal", "zasadniczo" (basically) begin like "norme" and "zasady".
    for language, title in (
        ("ro", "UE: o zi normală pentru inteligența artificială"),
        ("pl", "Unia zasadniczo o sztucznej inteligencji"),
        # "ley" (law) begins von der Leyen's name.
        ("es", "La UE y von der Leyen presentan gigafactorías de inteligencia artificial"),
        # Words that begin like a word for law or rules, or are one in another sense:
        # scientists, laid, promises, lends, settings, far, readers, language (model),
        # correctly, regularly, set (bet on), grants, legend, lawful, a protest.
        ("nl", "Europese wetenschappers bouwen open AI-taalmodel"),
        ("sv", "EU har lagt fram en plan för AI-fabriker"),
        ("da", "EU lover milliarder til kunstig intelligens"),
        ("fi", "EU lainaa miljardeja tekoälyyrityksille"),
        ("pl", "Nowe ustawienia prywatności w unijnej wersji czatu AI"),
        ("fr", "L'Europe loin derrière dans la course à l'IA"),
        ("pt", "Leitores europeus confiam pouco na IA"),
        ("fi", "EU rahoittaa suomalaista tekoälyn kielimallia"),
        ("et", "EL toetab eesti keele tehisintellekti mudelit"),
        ("bg", "ЕС правилно инвестира в изкуствен интелект"),
        ("hr", "EU pravilno ulaže u umjetnu inteligenciju"),
        ("sl", "EU pravilno vlaga v umetno inteligenco"),
        ("de", "EU prüft regelmäßig den Einsatz von KI"),
        ("sk", "EÚ pravidelne investuje do umelej inteligencie"),
        ("de", "Die EU hat früh auf KI gesetzt"),
        ("ro", "UE acordă un miliard de euro pentru IA"),
        ("ro", "Legenda europeană a IA"),
        ("el", "Νόμιμη η χρήση ΤΝ στην ΕΕ, λένε εταιρείες"),
        ("hu", "Tiltakozás az EU mesterséges intelligencia tervei ellen"),
        ("es", "La UE invierte regularmente en inteligencia artificial"),
        ("fr", "L'UE investit régulièrement dans l'IA"),
        ("cs", "EU pravidelně investuje do umělé inteligence"),
        # English: a name, a verb, business deals, plans and support measures.
        ("en", "Bill Gates praises Europe's AI push"),
        ("en", "Europe's AI champions must act fast, says Mistral boss"),
        ("en", "Microsoft signs deal with European AI start-up Mistral"),
        ("en", "European AI start-ups draft plans to raise capital"),
        ("en", "European Union's measures to boost AI chip production"),
        ("en", "EU approves Microsoft's deal to invest in Mistral AI"),
        # A firm's usage or privacy policy is not the EU's AI policy.
        ("en", "OpenAI changes its usage policy for ChatGPT in Europe"),
        ("en", "European AI start-up Mistral updates its privacy policy"),
        # Europe's firms, banks and clubs by the adjective, not the EU.
        ("en", "US chip export restrictions hit European AI firms"),
        ("en", "European banks tighten rules on staff use of ChatGPT"),
        ("en", "European football clubs ban AI-generated ads"),
    ):
        assert lexical_signals("", title=title, language=language).described_in == "", title


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "European startup Mistral releases AI that writes code on par with OpenAI"),
        ("en", "EU open-sources its AI code on GitHub"),
        ("fr", "Mistral lance une IA européenne qui écrit du code pour les développeurs"),
        ("es", "Una startup europea lanza una IA que escribe código para bancos"),
        ("pt", "Startup europeia lança IA que escreve código para bancos"),
        ("it", "Una startup europea lancia un'IA che scrive codice per le banche"),
        ("ro", "Un startup european lansează o IA care scrie cod pentru bănci"),
        # Requirements are "krav"; crawling and riots begin like it.
        ("sv", "Kravaller i Europa efter beslut om AI"),
        ("da", "EU-politikere kravler rundt om AI-spørgsmålet"),
    ],
)
def test_a_programs_code_is_no_code_of_rules(language: str, title: str) -> None:
    assert lexical_signals("", title=title, language=language).described_in == "", title


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "EU publishes code on labelling AI-generated content"),
        ("fr", "L'UE publie un code pour l'étiquetage des contenus générés par l'IA"),
        ("pt", "UE publica código para rotular conteúdos gerados por IA"),
        ("sv", "EU:s nya krav på AI börjar gälla"),
        ("da", "EU's krav til kunstig intelligens træder i kraft"),
    ],
)
def test_a_code_or_requirements_for_ai_are_rules(language: str, title: str) -> None:
    assert lexical_signals("", title=title, language=language).described_in == "title", title


@pytest.mark.parametrize(
    "title",
    [
        "Brazil approves AI bill modelled on the EU's",
        "Japan opts for lighter AI rules than the EU",
        "Canada drafts AI law similar to the EU's",
        "India rejects EU-style AI regulation",
        "UK won't copy EU's AI rules, says minister",
        "Unlike the EU, Singapore will not regulate AI with a single law",
        "South Korea passes AI law, following the EU's lead",
        "South Korea's AI Basic Act takes effect, the second comprehensive AI law after the EU's",
    ],
)
def test_the_eu_as_the_model_for_anothers_ai_rules_is_not_the_act(title: str) -> None:
    assert lexical_signals("", title=title, language="en").described_in == "", title


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Brazil's AI bill, modelled on the EU AI Act, passes Senate"),
        ("en", "Colorado's AI law mirrors the EU's AI Act"),
        ("en", "UK AI rules will be lighter than the AI Act, minister says"),
        ("de", "Südkorea verabschiedet KI-Gesetz nach dem Vorbild des AI Act"),
        ("pl", "Biały Dom na wzór europejskiego Aktu w sprawie sztucznej inteligencji"),
    ],
)
def test_the_act_as_the_model_for_anothers_rules_is_not_named(language: str, title: str) -> None:
    assert lexical_signals("", title=title, language=language).act_names == (), title


@pytest.mark.parametrize(
    "title",
    [
        "US tech firms scramble after the EU's AI law is approved",
        "U.S. officials lobby against EU's AI rules",
        # The EU's AI policy is its rules, whoever speaks of it.
        "Washington warns the E.U.'s landmark AI policy will favour Big Tech",
        "Chinese AI firms must comply with EU's new rules, Brussels says",
        # Europe's firms beside an AI law: the law is the EU's.
        "European companies sound alarm over draft AI law",
        # A figure between "than" and the EU compares no rules.
        "More than 100 EU firms back AI rules",
    ],
)
def test_the_eu_making_rules_beside_another_jurisdiction_is_still_the_act(title: str) -> None:
    assert lexical_signals("", title=title, language="en").described_in == "title", title


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("de", "Schweiz verzichtet auf eigenes KI-Gesetz"),
        ("fr", "La Suisse renonce à une loi sur l'IA"),
        ("it", "La Svizzera rinuncia a una legge sull'IA"),
        ("nl", "Zwitserland ziet af van AI-wet"),
        ("sv", "Schweiz avstår från en egen AI-lag"),
    ],
)
def test_switzerlands_ai_law_is_not_the_eus(language: str, title: str) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert (signals.act_names, signals.described_in) == ((), ""), signals


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("lt", "Gairės paaiškina, kas pagal AI aktą laikoma sistema.", "AI aktą"),
        ("cs", "Podle AI aktu musí firmy proškolit zaměstnance.", "AI aktu"),
        ("sv", "AI-akten gäller från augusti.", "AI-akten"),
        ("pl", "AI aktywnie wspiera lekarzy w szpitalach.", None),
    ],
)
def test_the_acronym_with_the_local_word_for_an_act_is_its_name(
    language: str, text: str, name: str | None
) -> None:
    assert lexical_signals(text, language=language).act_names == ((name,) if name else ())


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("pl", "Koniec z rozpoznawaniem twarzy? UE zakazuje"),
        ("de", "EU verbietet Gesichtserkennung in Echtzeit"),
        ("fr", "L'UE interdit la reconnaissance faciale en temps réel"),
        ("sv", "EU förbjuder ansiktsigenkänning i realtid"),
        ("pl", "Europa ujarzmia sztuczną inteligencję"),
    ],
)
def test_facial_recognition_is_ai_in_every_language(language: str, title: str) -> None:
    assert lexical_signals("", title=title, language=language).described_in == "title"


@pytest.mark.parametrize(
    ("language", "title", "described"),
    [
        # "how": the EU makes the rules.
        ("it", "Ecco come l'Ue vuole regolare l'IA", True),
        ("es", "Así es como la UE regulará la IA", True),
        ("pt", "Saiba como a UE vai regular a IA", True),
        ("de", "Warum und wie die EU KI reguliert", True),
        ("lt", "Štai kaip ES reguliuos DI", True),
        ("lv", "Lūk, kā ES regulēs MI", True),
        # "like", the EU ending the clause: another's rules.
        ("it", "Il Giappone regola l'IA come l'Ue", False),
        ("de", "Japan reguliert KI nicht so streng wie die EU", False),
        ("es", "Japón no regulará la IA como la UE", False),
        ("es", "Brasil aprueba una ley de IA como la de la UE y Corea", False),
        # At a title's head: "how" goes on with the EU's verb, "like" ends its clause.
        ("it", "Come l'Ue regola l'IA", True),
        ("es", "Cómo la UE regulará la IA", True),
        ("en", "Like the EU, Japan drafts AI rules", False),
        ("es", "Como la UE, Japón regulará la IA", False),
        # "as a member of the EU": the EU makes the rules it applies.
        ("cs", "Česko jako člen EU musí zavést pravidla pro AI", True),
        ("hr", "Hrvatska kao članica EU-a mora primijeniti pravila o UI", True),
        ("cs", "Británie chystá pravidla pro AI, stejně jako EU", False),
        # Irish "ar nós" is "like" and "such as"; "cosúil le" takes the article as "leis".
        ("ga", "An tSeapáin ag dréachtú rialacha don intleacht shaorga ar nós an AE", False),
        ("ga", "An tSeapáin ag dréachtú rialacha don intleacht shaorga, cosúil leis an AE", False),
        ("ga", "Rialacha an AE don intleacht shaorga ar nós iad siúd i gcomhair na mbanc", True),
        # "regularly" is no rule.
        ("it", "L'Ue investe regolarmente nell'IA", False),
        ("lv", "ES regulāri investē MI", False),
    ],
)
def test_a_word_for_like_that_also_means_how_compares_only_at_a_clauses_end(
    language: str, title: str, described: bool
) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert (signals.described_in == "title") is described, signals


@pytest.mark.parametrize("language", sorted(NAMED))
def test_the_acts_own_name_is_known_in_each_language(language: str) -> None:
    signals = lexical_signals("", title=NAMED[language], language=language)
    assert signals.named_in == "title", signals


@pytest.mark.parametrize(
    ("language", "title"),
    [
        # The names as newsrooms shorten them, with the acronym for AI or the word
        # for a law in the place of the full name.
        ("bg", "Регламентът за ИИ влиза в сила"),
        ("bg", "Какво означава Законът за изкуствения интелект за бизнеса"),
        ("cs", "Nařízení o AI vstupuje v platnost"),
        ("cs", "Co znamená zákon o umělé inteligenci pro firmy"),
        ("da", "Hvad AI-loven betyder for virksomhederne"),
        ("de", "KI-VO: Fristen im Überblick"),
        ("el", "Τι σημαίνει ο νόμος για την ΤΝ για τις επιχειρήσεις"),
        ("et", "AI määrus jõustub"),
        ("fr", "Ce que change le règlement IA pour les entreprises"),
        ("lv", "MI regula stājas spēkā"),
        ("mt", "X'tfisser il-liġi dwar l-IA għan-negozji"),
        ("ro", "Regulamentul privind IA intră în vigoare"),
        ("sk", "Nariadenie o AI nadobúda účinnosť"),
        # In a case a headline puts it in: Polish locative, Irish acronym.
        ("pl", "Zmiany w akcie o sztucznej inteligencji"),
        ("pl", "Polska spóźnia się z wdrożeniem aktu o AI"),
        ("ga", "Athruithe ar an Acht um IS"),
    ],
)
def test_the_acts_short_names_are_its_names(language: str, title: str) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert signals.named_in == "title", signals


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("bg", "Южна Корея прие закон за ИИ"),
        ("cs", "Jižní Korea přijala zákon o AI"),
        ("da", "Sydkoreas AI-lov træder i kraft"),
        ("el", "Η Νότια Κορέα ψηφίζει νόμο για την ΤΝ"),
        ("mt", "Il-Korea t'Isfel tgħaddi liġi dwar l-IA"),
        # "akt" is any legislature's act.
        ("pl", "Chiny przyjmują akt o sztucznej inteligencji"),
        ("cs", "Čína přijala akt o umělé inteligenci"),
        ("lt", "Kinija priėmė DI aktą"),
        ("bg", "Китай прие акт за изкуствения интелект"),
        ("el", "Η Κίνα ψηφίζει πράξη για την τεχνητή νοημοσύνη"),
        ("fi", "Kiina hyväksyi tekoälysäädöksen"),
        ("mt", "Iċ-Ċina tadotta Att dwar l-IA"),
        ("ro", "China adoptă Actul privind inteligența artificială"),
        ("da", "Kina vedtager en retsakt om kunstig intelligens"),
    ],
)
def test_a_short_name_that_is_only_a_law_on_ai_is_anothers_where_another_is_named(
    language: str, title: str
) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert signals.act_names == () and signals.elsewhere_in == "title", signals


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Virkkunen rules out pause of AI rules"),
        ("de", "Virkkunen schließt Pause der KI-Regeln aus"),
        ("fi", "Virkkusen mukaan tekoälysääntöjä ei tauoteta"),
        ("pl", "Virkkunen wyklucza wstrzymanie przepisów o AI"),
        ("it", "Benifei: le regole sull'IA non vanno annacquate"),
    ],
)
def test_the_eus_people_on_the_act_by_name_are_the_eu(language: str, title: str) -> None:
    # The Commission's tech chief since December 2024 and the Parliament's rapporteur,
    # as Breton and Vestager were before: headlines name them for the EU.
    signals = lexical_signals("", title=title, language=language)
    assert signals.described_in == "title", signals


@pytest.mark.parametrize(
    "text",
    [
        "Tagann an tAcht AE um Intleacht Shaorga i bhfeidhm inniu.",
        "Tagann Acht an AE um Intleacht Shaorga i bhfeidhm inniu.",
        "Tagann Acht an Aontais Eorpaigh um Intleacht Shaorga i bhfeidhm inniu.",
    ],
)
def test_the_irish_name_is_read_with_the_eu_in_the_genitive(text: str) -> None:
    (name,) = lexical_signals(text, language="ga").act_names
    assert name.endswith("Acht um Intleacht Shaorga"), name


def test_another_bill_called_ai_act_is_not_the_eus() -> None:
    signals = lexical_signals(
        "Senators introduced the Block Nuclear Launch by Autonomous AI Act on Wednesday.",
        title="Bill would bar AI from launching nuclear weapons",
        language="en",
    )
    assert signals.act_names == ()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("The A.I. Act sets rules for chatbots.", True),
        ("Microsoft adds AI to its office suite.", False),
        ("The US published an AI Action Plan.", False),
        ("The AI Office opened in Brussels.", True),
    ],
)
def test_names_are_whole_and_as_written(text: str, named: bool) -> None:
    assert bool(lexical_signals(text, language="en").act_names) is named


def test_a_passing_mention_further_down_scores_low() -> None:
    text = (
        "Nvidia beat expectations again. Revenue rose 94 per cent. Data centre sales "
        "doubled. Margins widened. The chief executive also said the EU AI Act would "
        "not change its plans."
    )
    title = "Nvidia earnings beat forecasts"
    signals = lexical_signals(text, title=title, language="en")
    assert signals.named_in == "body"
    assert lexical_relevance(signals, title=title) < 0.5


def test_other_eu_laws_are_not_rules_on_ai() -> None:
    title = "Apple holds back AI features in the EU, citing the Digital Markets Act"
    assert lexical_signals("", title=title, language="en").described_in == ""


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Another commission, and a text that never names the EU.
        (
            "Commission bans AI-generated voices in robocalls",
            "The Federal Communications Commission said the rule applies to US carriers.",
        ),
        # "commission" in lower case is a fee, whatever the text says of the EU.
        (
            "Apple cuts its commission on AI apps after new rules",
            "The EU's digital rules forced the change, Apple said.",
        ),
    ],
)
def test_a_bare_commission_is_the_eus_only_where_the_text_says_so(title: str, text: str) -> None:
    # The positive side, in each of the 24 languages: tests/data/languages/described.toml.
    assert lexical_signals(text, title=title, language="en").described_in != "title"


def test_the_same_headline_in_the_lead_counts_less_than_in_the_title() -> None:
    line = "EU agrees landmark rules on artificial intelligence."
    in_title = lexical_signals("Other news of the day.", title=line, language="en")
    in_lead = lexical_signals(line + " Other news.", title="Morning briefing", language="en")
    assert lexical_relevance(in_title, title=line) > lexical_relevance(
        in_lead, title="Morning briefing"
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Microsoft appeals for a new US agency to regulate AI"),
        ("pl", "USA wprowadzają regulacje dotyczące sztucznej inteligencji"),
        ("de", "Die USA planen eigene Regeln für künstliche Intelligenz"),
        ("fr", "Les États-Unis préparent leurs propres règles sur l'IA"),
        ("nl", "De VS werken aan eigen regels voor AI"),
    ],
)
def test_a_title_about_another_jurisdiction_is_seen(language: str, title: str) -> None:
    assert lexical_signals("", title=title, language=language).elsewhere_in == "title"


@pytest.mark.parametrize(
    "title",
    [
        "Biden signs sweeping executive order on AI",
        "Trump signs order to block state AI laws",
        "Sunak: Guardrails Needed to Regulate Growth of AI",
        "Schumer unveils framework for AI legislation",
    ],
)
def test_another_jurisdictions_leader_by_name_is_another_jurisdiction(title: str) -> None:
    assert lexical_signals("", title=title, language="en").elsewhere_in == "title"


def test_another_jurisdiction_weighs_against_relevance() -> None:
    eu = "EU lawmakers agree rules on artificial intelligence"
    us = "US lawmakers agree rules on artificial intelligence"
    assert lexical_relevance(lexical_signals("", title=eu), title=eu) > lexical_relevance(
        lexical_signals("", title=us), title=us
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "EU privacy regulators to create taskforce to investigate ChatGPT"),
        ("de", "EU-Datenschützer stellen Regeln für ChatGPT auf"),
        ("de", "EU-Wettbewerbshüter prüfen Microsofts KI-Deal nach Kartellrecht"),
        ("fr", "Bruxelles examine l'accord IA de Microsoft au regard du droit de la concurrence"),
        ("sv", "EU:s dataskyddsmyndigheter sätter regler för ChatGPT"),
        ("ro", "Autoritățile europene de protecție a datelor stabilesc reguli pentru ChatGPT"),
    ],
)
def test_rules_under_privacy_or_competition_law_do_not_describe_the_act(
    language: str, title: str
) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert signals.title_other_subject and signals.described_in != "title", signals


def test_competitiveness_and_copyright_under_the_acts_name_still_describe_it() -> None:
    for language, title in (
        ("de", "KI-Regeln der EU schaden der Wettbewerbsfähigkeit, warnen Firmen"),
        ("sv", "EU:s AI-regler hotar konkurrenskraften"),
        ("pl", "AI Act chce chronić dane objęte prawem autorskim. UE może ograniczyć innowacje"),
    ):
        assert lexical_signals("", title=title, language=language).described_in == "title"


@pytest.mark.parametrize(
    ("title", "signal"),
    [
        ("European Union Lawmakers Call for an AI Summit", "title_by_actors"),
        ("EU privacy regulators to create taskforce to investigate ChatGPT", "title_other_subject"),
        (
            "France: Mass surveillance at Olympics undermines EU efforts to regulate AI",
            "title_other_subject",
        ),
        ("Italy\u2019s ChatGPT Ban, A Precedent For The Rest Of Europe?", "title_other_subject"),
        ("UK Data Protection Bill advances despite warnings on AI", "title_other_subject"),
        (
            "This Week In XR: Epic Triumphs Over Google, Mistral AI Raises $415 Million",
            "title_roundup",
        ),
        ("EU regulates AI, huge Linux flaw, ZorinOS 17 & Linux BSOD", "title_roundup"),
        ("Nvidia earnings, EU AI Act, Fed minutes: what to watch this week", "title_roundup"),
        (
            "AI around the world: how the US, EU, and China plan to regulate AI software",
            "title_roundup",
        ),
    ],
)
def test_a_title_whose_subject_is_something_else_is_seen(title: str, signal: str) -> None:
    assert getattr(lexical_signals("", title=title, language="en"), signal)


@pytest.mark.parametrize(
    "title",
    [
        "EU lawmakers agree rules on artificial intelligence",
        "EU negotiators strike political deal on AI Act",
        "Europe Reaches a Deal on the World\u2019s First Comprehensive AI Rules",
        # Commas around an appositive or before a clause list no stories.
        "AI Office, the EU\u2019s new AI watchdog, opens consultation on model rules",
        "Henna Virkkunen, the EU's tech chief, defends delay to AI rules",
        "Meta, Google and OpenAI sign EU code on AI, while Apple waits",
    ],
)
def test_a_title_about_the_act_has_none_of_those_signals(title: str) -> None:
    signals = lexical_signals("", title=title, language="en")
    assert not (signals.title_by_actors or signals.title_other_subject or signals.title_roundup)


def test_a_title_about_something_else_weighs_against_relevance() -> None:
    about = "EU lawmakers agree rules on artificial intelligence"
    other = "EU lawmakers call for an AI summit"
    assert lexical_relevance(lexical_signals("", title=about), title=about) > lexical_relevance(
        lexical_signals("", title=other), title=other
    )


@pytest.mark.parametrize(
    ("title", "lead"),
    [
        (
            "How will AI be regulated?",
            "New EU rules would make companies liable for misuse of the technology.",
        ),
        (
            "Europe to ChatGPT: Disclose Your Sources",
            "Proposed legislation would require AI developers to list copyrighted material.",
        ),
    ],
)
def test_a_lead_that_goes_on_from_its_headline_describes_with_it(title: str, lead: str) -> None:
    # Neither says EU rules on AI alone; together they do, as a teaser reads.
    assert lexical_signals(lead, language="en").described_in == ""
    assert lexical_signals("", title=title, language="en").described_in == ""
    assert lexical_signals(lead, title=title, language="en").described_in == "lead"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        # The EU's own law: the EU opens the title, or owns what is "its own".
        ("en", "Europe gets its own AI law as MEPs approve the rules"),
        ("de", "Die EU gibt sich ein eigenes KI-Gesetz"),
        ("fr", "L'UE se dote de sa propre loi sur l'intelligence artificielle"),
        ("es", "La UE aprueba su propia ley de inteligencia artificial"),
        ("en", "Macron wants global AI rules as the European Union pushes ahead with its own laws"),
        # National laws beside the EU's: the EU's rules are still described.
        ("en", "EU AI rules to replace 27 national laws"),
    ],
)
def test_the_eus_own_ai_law_is_the_act(language: str, title: str) -> None:
    assert lexical_signals("", title=title, language=language).described_in == "title", title


def test_a_national_authority_under_the_act_keeps_its_name() -> None:
    signals = lexical_signals(
        "Italy names its national authorities under the AI Act.", title="", language="en"
    )
    assert signals.act_names == ("AI Act",), signals


@pytest.mark.parametrize(
    ("language", "title", "named"),
    [
        # The AI Office as headlines describe it names the Act's body.
        ("en", "EU's new AI watchdog to police the biggest language models", True),
        ("en", "Inside the bloc's AI regulator as the first rules apply", True),
        ("fr", "Le gendarme européen de l'IA surveillera les grands modèles", True),
        # Another regime's or a member state's watchdog does not.
        ("en", "EU privacy watchdog probes ChatGPT", False),
        ("en", "Italian AI watchdog fines OpenAI", False),
        ("fr", "Le gendarme de l'IA de la CNIL enquête sur un chatbot", False),
    ],
)
def test_the_ai_office_as_the_eus_ai_watchdog_is_named(
    language: str, title: str, named: bool
) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert bool(signals.act_names) is named, signals


@pytest.mark.parametrize(
    ("language", "title"),
    [
        # "what, officially": the spaced "MI Hivatal" is the name only with its capitals.
        ("hu", "Mi hivatalosan is bejelentettük az új MI-modellt"),
        # A company's AI office, lower case: not the acronym the press writes after "Biuro".
        ("pl", "Nasze biuro ai otwiera się w Krakowie"),
        # "Amt" alone is any office, "KI-Amt" the AI Office.
        ("de", "Das Amt für Statistik nutzt KI für Prognosen"),
    ],
)
def test_words_like_the_ai_offices_press_names_are_not_it(language: str, title: str) -> None:
    assert not lexical_signals("", title=title, language=language).act_names


@pytest.mark.parametrize(
    ("title", "describes"),
    [
        ("EU code for AI models: what providers must do", True),
        ("EU's AI code gets signatures from Google and OpenAI", True),
        ("Brussels' code for AI models is delayed again", True),
        # Software code is no rule, whoever writes it.
        ("EU start-up's AI code assistant raises $20 million", False),
        ("EU code generation start-up hires former OpenAI staff", False),
    ],
)
def test_the_eus_code_for_ai_models_is_its_rules(title: str, describes: bool) -> None:
    signals = lexical_signals("", title=title, language="en")
    assert (signals.described_in == "title") is describes, signals


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # The Act as the English press names it, in a lead as in a title.
        ("Under the bloc's artificial intelligence rules, providers must label deepfakes.", True),
        ("What the EU's landmark AI law means for start-ups", True),
        ("Europe's AI rulebook enters its second year", True),
        ("Brussels' AI rules face their first test", True),
        # Not a law: the EU's AI firms, or the EU's AI rules as another's model.
        ("EU AI start-ups raised a record €3bn", False),
        ("UK won't copy EU's AI rules, says minister", False),
    ],
)
def test_the_acts_english_press_names_are_its_names(text: str, named: bool) -> None:
    signals = lexical_signals(text, language="en")
    assert bool(signals.act_names) is named, signals


@pytest.mark.parametrize(
    ("language", "title", "described"),
    [
        # Firms before a verb and Europe's adjective: the EU's code, not Europe's firms.
        ("en", "Firms sign European code for AI models", True),
        ("cs", "Firmy podepisují evropský kodex pro obecné modely umělé inteligence", True),
        ("de", "Firmen unterzeichnen europäischen Kodex für KI-Modelle", True),
        ("pl", "Firmy podpisują europejski kodeks dla modeli AI", True),
        # Where the adjective follows its noun, Europe's firms stay Europe's own.
        ("fr", "Les banques centrales européennes durcissent leurs règles sur l'IA", False),
        ("it", "Le aziende europee chiedono regole più semplici per l'IA", False),
        # And before its noun in any language.
        ("de", "Europäische Banken verschärfen Regeln für ChatGPT", False),
    ],
)
def test_europes_firms_are_read_only_where_the_adjective_belongs_to_them(
    language: str, title: str, described: bool
) -> None:
    signals = lexical_signals("", title=title, language=language)
    assert (signals.described_in == "title") is described, signals


# The Act's general-purpose models by their official names, a word for AI where a
# text may have no other (a Greek report of the Commission's code of practice for
# the models of general use).
GENERAL_PURPOSE_MODELS = {
    "bg": "модели на ИИ с общо предназначение",
    "cs": "modely AI pro obecné účely",
    "da": "AI-modeller til almen brug",
    "de": "KI-Modelle mit allgemeinem Verwendungszweck",
    "el": "μοντέλα ΤΝ γενικού σκοπού",
    "en": "general-purpose models",
    "es": "modelos de IA de uso general",
    "et": "üldotstarbelised tehisintellektimudelid",
    "fi": "yleiskäyttöiset tekoälymallit",
    "fr": "modèles d'IA à usage général",
    "ga": "samhlacha IS ilchuspóireacha",
    "hr": "modeli umjetne inteligencije opće namjene",
    "hu": "általános célú MI-modellek",
    "it": "modelli di IA per finalità generali",
    "lt": "bendrosios paskirties DI modeliai",
    "lv": "vispārīga lietojuma MI modeļi",
    "mt": "mudelli tal-IA għal skopijiet ġenerali",
    "nl": "AI-modellen voor algemene doeleinden",
    "pl": "modele AI ogólnego przeznaczenia",
    "pt": "modelos de IA de finalidade geral",
    "ro": "modele de IA de uz general",
    "sk": "modely AI na všeobecné účely",
    "sl": "modeli UI za splošne namene",
    "sv": "AI-modeller för allmänna ändamål",
}


def test_every_official_language_names_general_purpose_models() -> None:
    assert sorted(GENERAL_PURPOSE_MODELS) == sorted(LEXICON_LANGUAGES)


@pytest.mark.parametrize(("language", "phrase"), sorted(GENERAL_PURPOSE_MODELS.items()))
def test_general_purpose_models_are_a_word_for_ai(language: str, phrase: str) -> None:
    # Every word of the phrase is read, not only an acronym inside it.
    found = lexical_signals(phrase, language=language)
    assert found.ai_mentions >= 1, found
    assert re.fullmatch(_matchers(language).ai, phrase), phrase


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        # The bare Commission is the EU's where the lead names the Act, not the EU.
        (
            "el",
            "Η Κομισιόν δημοσίευσε κώδικα πρακτικής για τα μοντέλα γενικής χρήσης",
            "Ο κώδικας βοηθά τους παρόχους να συμμορφωθούν με τον κανονισμό για την "
            "τεχνητή νοημοσύνη.",
        ),
        (
            "mt",
            "Il-Kummissjoni tippubblika linji gwida dwar il-prattiki pprojbiti tal-IA",
            "Il-linji gwida jispjegaw liema użi huma pprojbiti mill-Att dwar l-IA.",
        ),
        # "the European code for": the code is the EU's in the Romance languages too.
        ("es", "Las tecnológicas firman el código europeo para modelos de IA", ""),
        ("fr", "Les géants de la tech signent le code européen pour les modèles d'IA", ""),
        ("it", "Le big tech firmano il codice europeo per i modelli di IA", ""),
        ("pt", "Gigantes tecnológicas assinam código europeu para modelos de IA", ""),
    ],
)
def test_the_commission_or_the_european_code_in_a_title_is_the_eus(
    language: str, title: str, text: str
) -> None:
    signals = lexical_signals(text, title=title, language=language)
    assert signals.described_in == "title", signals


@pytest.mark.parametrize(
    ("language", "word"),
    [
        # The Parliament and its members by the one word the press writes for them.
        ("bg", "Европарламентът"),
        ("cs", "Europarlament"),
        ("el", "Ευρωβουλή"),
        ("es", "Eurocámara"),
        ("fi", "europarlamentti"),
        ("hr", "eurozastupnici"),
        ("it", "Europarlamento"),
        ("nl", "Europarlement"),
        ("pt", "Eurocâmara"),
        ("ro", "Europarlamentul"),
        ("sk", "Europarlament"),
        ("sl", "Evroparlament"),
    ],
)
def test_the_parliament_by_its_one_word_name_is_the_eu(language: str, word: str) -> None:
    assert lexical_signals(word, language=language).eu_mentions == 1, word
