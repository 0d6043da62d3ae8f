"""Dates, sums and percentages in the 24 official languages, written one way."""

from __future__ import annotations

import threading

import pytest

from monitor.assess.amounts import find_amounts
from monitor.assess.dates import MONTHS, find_dates
from monitor.assess.decision import CorpusDocument, CorpusIndex, assess
from monitor.assess.entities import named_things
from monitor.assess.text import EU_LANGUAGES
from tests.monitor.assess.test_assess import _seed_index

# "The rules apply from 2 August 2026", as each language writes the date.
AUGUST_2 = {
    "bg": "Правилата се прилагат от 2 август 2026 г.",
    "cs": "Pravidla platí od 2. srpna 2026.",
    "da": "Reglerne gælder fra den 2. august 2026.",
    "de": "Die Regeln gelten ab dem 2. August 2026.",
    "el": "Οι κανόνες ισχύουν από τις 2 Αυγούστου 2026.",
    "en": "The rules apply from 2 August 2026.",
    "es": "Las normas se aplican a partir del 2 de agosto de 2026.",
    "et": "Reeglid kehtivad alates 2. augustist 2026.",
    "fi": "Säännöt ovat voimassa 2. elokuuta 2026 alkaen.",
    "fr": "Les règles s'appliquent à partir du 2 août 2026.",
    "ga": "Beidh na rialacha i bhfeidhm ón 2 Lúnasa 2026.",
    "hr": "Pravila se primjenjuju od 2. kolovoza 2026.",
    "hu": "A szabályok 2026. augusztus 2-től alkalmazandók.",
    "it": "Le norme si applicano dal 2 agosto 2026.",
    "lt": "Taisyklės taikomos nuo 2026 m. rugpjūčio 2 d.",
    "lv": "Noteikumi piemērojami no 2026. gada 2. augusta.",
    "mt": "Ir-regoli japplikaw mit-2 ta' Awwissu 2026.",
    "nl": "De regels gelden vanaf 2 augustus 2026.",
    "pl": "Przepisy obowiązują od 2 sierpnia 2026 r.",
    "pt": "As regras aplicam-se a partir de 2 de agosto de 2026.",
    "ro": "Normele se aplică de la 2 august 2026.",
    "sk": "Pravidlá platia od 2. augusta 2026.",
    "sl": "Pravila se uporabljajo od 2. avgusta 2026.",
    "sv": "Reglerna gäller från den 2 augusti 2026.",
}


def test_every_official_language_has_its_months() -> None:
    assert sorted(MONTHS) == sorted(EU_LANGUAGES)
    assert all(len(months) == 12 for months in MONTHS.values())


@pytest.mark.parametrize("language", sorted(AUGUST_2))
def test_a_date_in_each_language_is_written_as_english_writes_it(language: str) -> None:
    assert find_dates(AUGUST_2[language], language) == ["2 August 2026"]


def test_the_shapes_of_a_date_and_what_is_no_date() -> None:
    text = (
        "On 2 February 2025 the bans began; on August 2, 2026 the rest follows, "
        "and by March 2027 the last (2026-08-02 again). Version 3.11.2 shipped; "
        "the rules may 2026 be late."
    )
    assert find_dates(text, "en") == ["2 February 2025", "2 August 2026", "March 2027"]
    assert find_dates("Ab dem 02.08.2026 gilt sie.", "de") == ["2 August 2026"]
    # Czech June ("června") and July ("července") share a stem.
    assert find_dates("Od 2. června 2025 a od 2. července 2025.", "cs") == [
        "2 June 2025",
        "2 July 2025",
    ]
    # Croatian "lipanj" is June, Polish "lipiec" July: months are the language's own.
    assert find_dates("Od 2. lipnja 2025.", "hr") == ["2 June 2025"]
    assert find_dates("Od 2 lipca 2025.", "pl") == ["2 July 2025"]
    assert named_things("Since 2 August 2026.", "en")["dates"] == ["2 August 2026"]


def test_two_reports_in_languages_the_embedder_lacks_meet_on_a_date_and_a_reference() -> None:
    """A Finnish report of a development a Swedish one already told is the same story.

    Before dates were written one way, "2. elokuuta 2026" and "2 augusti 2026"
    were two things (or none), and one shared reference was too little.
    """
    index: CorpusIndex = _seed_index()
    index.add(
        [
            CorpusDocument(
                "flagged-sv",
                "EU-kommissionen skjuter upp AI-reglerna för system med hög risk",
                "sv",
                "EU-kommissionen föreslår att reglerna i förordning (EU) 2024/1689 för AI-system "
                "med hög risk ska gälla först från den 2 augusti 2026 i stället. Förslaget ingår "
                "i ett digitalt omnibuspaket.",
                "2025-11-19",
                origin="flagged",
            )
        ]
    )
    result = assess(
        "Euroopan komissio ehdottaa, että asetuksen (EU) 2024/1689 suuririskisiä "
        "tekoälyjärjestelmiä koskevat säännöt tulisivat voimaan vasta 2. elokuuta 2026.",
        index,
        title="EU lykkää tekoälysääntöjen voimaantuloa",
        published="2025-11-20",
        language_hint="fi",
    )
    assert result.language == "fi"
    assert result.verdict == "known", result.reasons
    assert result.nearest_document_id == "flagged-sv"


def test_long_runs_of_spaces_and_figures_are_read_at_once() -> None:
    """Runs of spaces after a day or a year once made the gap's regex try every split.

    A liveness bound, far above the milliseconds it takes: a thread, so that a
    regression fails the test instead of hanging the suite.
    """
    hostile = ["2" + " " * 40 + "x", "2026." + " " * 5000 + "x", " ".join(["2026. 2."] * 3000)]
    results: list[list[str]] = []
    reader = threading.Thread(
        target=lambda: results.extend(find_dates(text, "lv") for text in hostile), daemon=True
    )
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "find_dates did not return"
    assert results[0] == []


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("fined OpenAI €35 million, or 7% of turnover", ["€35 million", "7%"]),
        ("kary do 35 milionów euro lub 7 procent obrotu", ["€35 million", "7%"]),
        ("Bußgelder bis zu 35 Millionen Euro oder 7 Prozent", ["€35 million", "7%"]),
        ("bírság 35 millió euró vagy 7 százalék", ["€35 million", "7%"]),
        ("amenzi de până la 35 de milioane de euro", ["€35 million"]),
        ("πρόστιμα έως 35 εκατ. ευρώ ή 7 τοις εκατό", ["€35 million", "7%"]),
        ("EUR 35 mln, $1.2bn and £300", ["€35 million", "$1.2 billion", "£300"]),
        ("von 1,5 Milliarden Euro; 10.000 euro; 5 000 €", ["€1.5 billion", "€10,000", "€5,000"]),
        ("20 million users, 1,000 jobs", ["20 million"]),
        ("kazne do 35 milijuna eura ili 7 posto prometa", ["€35 million", "7%"]),
        ("baudos iki 35 mln. eurų arba 7 proc. apyvartos", ["€35 million", "7%"]),
        ("globe do 7 odstotkov, 7 la sută, 7 процента, 7 percent", ["7%"]),
        ("35 miljoonaa euroa, 35 miljonit eurot, 35 millió eurót", ["€35 million"]),
        ("35 milijonov evrov; 35 miljun ewro", ["€35 million"]),
        # Europe's words are no euros: "523 Europarlementariërs", "523 európai képviselő".
        ("523 Europarlementariërs, 523 európai képviselő, 523 evropskih poslancev", []),
    ],
)
def test_sums_and_percentages_are_written_as_english_writes_them(
    text: str, written: list[str]
) -> None:
    assert find_amounts(text) == written


def test_reports_in_languages_the_embedder_lacks_meet_on_their_counts() -> None:
    """Slovak and Hungarian reports of the vote a Czech one told: "523 votes to 46".

    Before counts were read, they shared no name, sum or date with it and each was
    flagged as a story of its own.
    """
    index: CorpusIndex = _seed_index()
    index.add(
        [
            CorpusDocument(
                "flagged-cs",
                "Europarlament schválil akt o umělé inteligenci",
                "cs",
                "Poslanci Evropského parlamentu ve středu schválili akt o umělé inteligenci "
                "poměrem 523 hlasů proti 46. Nařízení musí ještě potvrdit členské státy.",
                "2024-03-13",
                origin="flagged",
            )
        ]
    )
    reports = {
        "sk": (
            "Európsky parlament schválil akt o umelej inteligencii",
            "Poslanci v stredu schválili akt o umelej inteligencii pomerom 523 hlasov proti 46. "
            "Nariadenie ešte musia potvrdiť členské štáty.",
        ),
        "hu": (
            "Megszavazta az Európai Parlament a mesterséges intelligenciáról szóló rendeletet",
            "A képviselők szerdán 523 szavazattal, 46 ellenében fogadták el a rendeletet. "
            "A tagállamoknak még jóvá kell hagyniuk.",
        ),
    }
    for language, (title, text) in reports.items():
        result = assess(text, index, title=title, published="2024-03-14", language_hint=language)
        assert result.verdict == "known", result.reasons
        assert result.nearest_document_id == "flagged-cs"
        assert "in common: 46, 523" in result.reasons[0]
    other = assess(
        "Ministri členských štátov v utorok definitívne schválili akt o umelej inteligencii. "
        "Nariadenie nadobudne účinnosť 20 dní po uverejnení.",
        index,
        title="Rada definitívne schválila akt o umelej inteligencii",
        published="2024-05-21",
        language_hint="sk",
    )
    assert other.verdict == "update", other.reasons
