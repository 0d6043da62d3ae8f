"""Parts of the Act, tagged in every official language, and filtered on in updates and digests."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from monitor.act_parts import PARTS, part_names
from monitor.assess.parts import PARTS_LANGUAGES, parts_of
from monitor.errors import ConfigError
from monitor.events import REGISTRY, UpdateFlagged, item_stream
from monitor.settings import load_settings
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor, stored

# One sentence a language, each naming a prohibition and a fine, as a report would.
PROHIBITION_AND_FINE = {
    "bg": "Забраната за социално точкуване вече важи, а глобите достигат 7 процента.",
    "cs": "Zákaz sociálního skórování platí a pokuty dosahují sedmi procent obratu.",
    "da": "Forbuddet mod social pointgivning gælder nu, og bøderne kan nå syv procent.",
    "de": "Das Verbot von Social Scoring gilt, Bußgelder erreichen sieben Prozent.",
    "el": "Η απαγόρευση ισχύει ήδη και τα πρόστιμα φτάνουν το επτά τοις εκατό.",
    "en": "The ban on social scoring applies and fines of up to 7 per cent follow.",
    "es": "La prohibición de la puntuación social ya rige y las multas llegan al 7 %.",
    "et": "Keeld kehtib nüüd ja trahvid võivad ulatuda seitsme protsendini.",
    "fi": "Kielto on voimassa, ja sakot voivat nousta seitsemään prosenttiin.",
    "fr": "L'interdiction de la notation sociale s'applique et les amendes atteignent 7 %.",
    "ga": "Tá an toirmeasc i bhfeidhm agus is féidir fíneáil suas le seacht faoin gcéad.",
    "hr": "Zabrana društvenog bodovanja vrijedi, a kazne dosežu sedam posto.",
    "hu": "A tilalom már érvényes, a bírság elérheti a forgalom hét százalékát.",
    "it": "Il divieto di punteggio sociale è in vigore e le sanzioni arrivano al 7 %.",
    "lt": "Draudžiama praktika jau galioja, o baudos siekia septynis procentus.",
    "lv": "Aizliegums jau ir spēkā, un sodi var sasniegt septiņus procentus.",
    "mt": "Il-projbizzjoni diġà tapplika u l-multi jistgħu jilħqu seba' fil-mija.",
    "nl": "Het verbod op sociale scoring geldt en boetes lopen op tot 7 procent.",
    "pl": "Zakaz scoringu społecznego obowiązuje, a kary sięgają siedmiu procent.",
    "pt": "A proibição da pontuação social aplica-se e as coimas chegam a 7 %.",
    "ro": "Interdicția punctajului social se aplică, iar amenzile ajung la 7 %.",
    "sk": "Zákaz sociálneho bodovania platí a pokuty dosahujú sedem percent.",
    "sl": "Prepoved družbenega točkovanja velja, globe pa dosežejo sedem odstotkov.",
    "sv": "Förbudet mot social poängsättning gäller och sanktionsavgifter når sju procent.",
}


LANGUAGES = Path(__file__).parents[2] / "data" / "languages"


def _cases(name: str, table: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = tomllib.loads((LANGUAGES / name).read_text("utf-8"))[table]
    return cases


# The reports the language tests use, with the parts each one's words name: a delay
# of the high-risk rules, a first probe of a general-purpose model's training data,
# the law entering into force (the first bans, the models' obligations), an AI
# Office headline, late harmonised standards, and the code on labelling AI content.
PARTS_CASES = [
    *(
        (case["language"], case["title"], case["text"], ("high-risk", "timeline"))
        for case in _cases("described.toml", "article")
        if case["text"] and not case.get("shape")
    ),
    *(
        (case["language"], case["title"], case["text"], ("gpai", "transparency"))
        for case in _cases("described.toml", "article")
        if case.get("shape") == "enforcement"
    ),
    *(
        (case["language"], case["title"], case["text"], ("prohibited", "gpai", "timeline"))
        for case in _cases("in_force.toml", "article")
    ),
    *(
        (case["language"], case["text"], "", ("governance",))
        for case in (*_cases("ai_office.toml", "title"), *_cases("ai_office.toml", "press"))
    ),
    *(
        (case["language"], "", case["text"], ("high-risk", "standards"))
        for case in _cases("standards.toml", "text")
    ),
    # The code on labelling AI-generated content, by its title alone.
    *(
        (case["language"], case["title"], "", ("transparency",))
        for case in _cases("developments_2025.toml", "labelling_code")
    ),
]


@pytest.mark.parametrize(
    ("language", "title", "text", "parts"),
    PARTS_CASES,
    ids=[f"{'-'.join(c[3])}-{c[0]}" for c in PARTS_CASES],
)
def test_each_language_tags_the_parts_its_reports_name(
    language: str, title: str, text: str, parts: tuple[str, ...]
) -> None:
    found = parts_of(text, title=title, language=language)
    assert set(parts) <= set(found), found


def test_the_parts_cases_cover_every_part_in_every_official_language() -> None:
    covered = {(language, part) for language, _, _, parts in PARTS_CASES for part in parts}
    languages = {language for language, *_ in PARTS_CASES}
    assert languages == PARTS_LANGUAGES
    missing = (
        {(lang, part) for lang in languages for part in PARTS}
        - covered
        - {(lang, part) for lang in PROHIBITION_AND_FINE for part in ("prohibited", "penalties")}
    )
    assert not missing, sorted(missing)


def test_every_official_language_has_words_for_the_parts() -> None:
    assert set(PROHIBITION_AND_FINE) == PARTS_LANGUAGES and len(PARTS_LANGUAGES) == 24


@pytest.mark.parametrize("language", sorted(PROHIBITION_AND_FINE))
def test_a_prohibition_and_a_fine_are_tagged_in_each_language(language: str) -> None:
    found = parts_of(PROHIBITION_AND_FINE[language], language=language)
    assert "prohibited" in found and "penalties" in found, found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A fine day in Vietnam: the new terminal opened.", "en"),
        ("Kariera i karta: normalny dzień na terminalu.", "pl"),
        ("Eine normale Standardlösung für alle.", "de"),
        ("Il reportage du vietnamien.", "fr"),
        ("Kieli ja kielioppi ovat tärkeitä.", "fi"),
        # "globoke" (deep) and "globalni" (global) begin like "globa" (a fine).
        ("Globoke spremembe na globalnem trgu.", "sl"),
        ("Глобалният пазар расте.", "bg"),
        # "tiltakozás" (a protest) begins like "tiltott" (banned).
        ("Tiltakozás Brüsszelben a mesterséges intelligencia ellen.", "hu"),
    ],
)
def test_ordinary_words_that_look_like_the_parts_are_not(text: str, language: str) -> None:
    assert parts_of(text, language=language) == ()


def test_the_title_counts_and_the_order_is_the_acts() -> None:
    found = parts_of(
        "Providers must publish a summary of training data.",
        title="AI Office fines a GPAI provider",
        language="en",
    )
    assert found == ("gpai", "transparency", "governance", "penalties")
    assert list(found) == [p for p in PARTS if p in found]
    assert part_names(["gpai", "penalties"]) == "general-purpose AI, penalties"


def test_an_unknown_part_in_the_settings_names_the_key() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={"MONITOR_DIGEST__PARTS": '["gpai", "robots"]'})
    assert "digest.parts" in str(caught.value) and "robots" in str(caught.value)


def test_version_2_updates_read_with_no_parts() -> None:
    recorded = stored(
        "UpdateFlagged",
        2,
        {
            "item_id": "x",
            "title": "t",
            "url": "",
            "language": "en",
            "published": "",
            "follows_document_id": "",
            "follows_title": "",
            "similarity": 0.0,
            "novel_sentences": [],
            "reasons": [],
            "new_story": True,
        },
        recorded_at="2025-01-01T00:00:00Z",
    )
    event = REGISTRY.decode(recorded)
    assert isinstance(event, UpdateFlagged) and event.parts == []


def _flag(app: object, item_id: str, title: str, parts: list[str]) -> None:
    event = UpdateFlagged(
        item_id=item_id,
        title=title,
        url=f"https://news.example/{item_id}",
        language="en",
        published="2025-07-10",
        follows_document_id="",
        follows_title="",
        similarity=0.0,
        novel_sentences=[],
        reasons=[],
        new_story=True,
        parts=parts,
    )
    app.record([(item_stream(item_id), [event])])  # type: ignore[attr-defined]


def test_updates_and_digests_filter_by_part(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_monitor(tmp_path) as app:
        app.init()
        _flag(app, "a", "Code of practice published", ["gpai"])
        _flag(app, "b", "First fine under the Act", ["penalties", "prohibited"])
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "monitor.db"))
    code, out, _ = run(capsys, "updates", "--part", "penalties", "--json")
    assert code == 0 and [u["title"] for u in json.loads(out)] == ["First fine under the Act"]
    assert json.loads(out)[0]["parts"] == ["penalties", "prohibited"]
    code, out, _ = run(capsys, "updates")
    assert "parts of the Act: penalties, prohibited practices" in out
    with open_monitor(tmp_path, digest__parts='["gpai"]') as app:
        from monitor.digest.publish import Digests  # noqa: PLC0415

        digests = Digests(app)
        digest = digests.collect(digests.window())
    assert [e.title for g in digest.groups for e in g.entries] == ["Code of practice published"]
