"""Dates in a text, in the 24 official languages, written one way (pure).

A date is a fact that meets across languages: "2 August 2026", "2 sierpnia 2026",
"2. elokuuta 2026", "2026. augusztus 2." and "02.08.2026" are one day, and two
reports of a development in languages the embedder lacks share it. Each date
found is written as English writes it ("2 August 2026", "August 2026",
"2 August"), as legal references are ("article 5").

Month words are the language's own (with their inflections: Polish "sierpnia",
Finnish "elokuuta", Lithuanian "rugpjūčio"), plus English in every text, as
newsrooms everywhere write "August". The shapes: day month [year], month day
[year] (English), month year, year month day (Hungarian, Lithuanian, Latvian),
ISO dates and day.month.year in figures.
"""

from __future__ import annotations

import functools
import re

from monitor.assess.readings import Reading, longest_readings

ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Each language's twelve months, January first: words or stems (``\w*`` takes
# the inflections). Stems are safe here because a month counts only beside a
# day or a year in figures.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        r"jan(?:uary|\.)?",
        r"feb(?:ruary|\.)?",
        r"mar(?:ch|\.)?",
        r"apr(?:il|\.)?",
        r"(?-i:May)",  # capitalised: "the rules may 2026 …" is no date
        r"june?",
        r"july?",
        r"aug(?:ust|\.)?",
        r"sept?(?:ember|\.)?",
        r"oct(?:ober|\.)?",
        r"nov(?:ember|\.)?",
        r"dec(?:ember|\.)?",
    ),
    "bg": (
        r"януари",
        r"февруари",
        r"март",
        r"април",
        r"май",
        r"юни",
        r"юли",
        r"август",
        r"септември",
        r"октомври",
        r"ноември",
        r"декември",
    ),
    "cs": (
        r"led(?:en|na|nu)",
        r"únor\w*",
        r"břez(?:en|na|nu)",
        r"dub(?:en|na|nu)",
        r"květ(?:en|na|nu)",
        r"červ(?:en|na|nu)",
        r"červen(?:ec|ce|ci)",
        r"srp(?:en|na|nu)",
        r"září",
        r"říj(?:en|na|nu)",
        r"listopad\w*",
        r"prosin(?:ec|ce|ci)",
    ),
    "da": (
        r"januar",
        r"februar",
        r"marts",
        r"april",
        r"maj",
        r"juni",
        r"juli",
        r"august",
        r"september",
        r"oktober",
        r"november",
        r"december",
    ),
    "de": (
        r"januar|jänner",
        r"februar",
        r"märz",
        r"april",
        r"mai",
        r"juni",
        r"juli",
        r"august",
        r"september",
        r"oktober",
        r"november",
        r"dezember",
    ),
    "el": (
        r"ιανουάρ\w*|ιανουαρ\w*",
        r"φεβρουάρ\w*|φεβρουαρ\w*",
        r"μάρτ\w*|μαρτ\w*",
        r"απρίλ\w*|απριλ\w*",
        r"μαΐου|μαΐ\w*|μάι\w*|μαι\w*",
        r"ιούν\w*|ιουν\w*",
        r"ιούλ\w*|ιουλ\w*",
        r"αυγούστ\w*|αυγουστ\w*",
        r"σεπτέμβρ\w*|σεπτεμβρ\w*",
        r"οκτώβρ\w*|οκτωβρ\w*",
        r"νοέμβρ\w*|νοεμβρ\w*",
        r"δεκέμβρ\w*|δεκεμβρ\w*",
    ),
    "es": (
        r"enero",
        r"febrero",
        r"marzo",
        r"abril",
        r"mayo",
        r"junio",
        r"julio",
        r"agosto",
        r"se(?:p)?tiembre",
        r"octubre",
        r"noviembre",
        r"diciembre",
    ),
    "et": (
        r"jaanuar\w*",
        r"veebruar\w*",
        r"märts\w*",
        r"aprill\w*",
        r"mai\w*",
        r"juuni\w*",
        r"juuli\w*",
        r"august\w*",
        r"septemb\w*",
        r"oktoob\w*",
        r"novemb\w*",
        r"detsemb\w*",
    ),
    "fi": (
        r"tammikuu\w*",
        r"helmikuu\w*",
        r"maaliskuu\w*",
        r"huhtikuu\w*",
        r"toukokuu\w*",
        r"kesäkuu\w*",
        r"heinäkuu\w*",
        r"elokuu\w*",
        r"syyskuu\w*",
        r"lokakuu\w*",
        r"marraskuu\w*",
        r"joulukuu\w*",
    ),
    "fr": (
        r"janvier",
        r"f[ée]vrier",
        r"mars",
        r"avril",
        r"mai",
        r"juin",
        r"juillet",
        r"ao[ûu]t",
        r"septembre",
        r"octobre",
        r"novembre",
        r"d[ée]cembre",
    ),
    "ga": (
        r"eanáir",
        r"feabhra",
        r"márta",
        r"aibreán",
        r"bealtaine",
        r"meitheamh",
        r"iúil",
        r"lúnasa",
        r"meán\s+fómhair",
        r"deireadh\s+fómhair",
        r"samhain|samhna",
        r"nollaig|nollag",
    ),
    "hr": (
        r"siječ\w*",
        r"velj\w*",
        r"ožuj\w*",
        r"trav\w*",
        r"svib\w*",
        r"lip\w*",
        r"srp\w*",
        r"kolov\w*",
        r"ruj\w*",
        r"listopad\w*",
        r"studen\w*",
        r"prosin\w*",
    ),
    "hu": (
        r"január\w*",
        r"február\w*",
        r"március\w*|márc\w*",
        r"április\w*",
        r"május\w*",
        r"június\w*",
        r"július\w*",
        r"augusztus\w*",
        r"szeptember\w*",
        r"október\w*",
        r"november\w*",
        r"december\w*",
    ),
    "it": (
        r"gennaio",
        r"febbraio",
        r"marzo",
        r"aprile",
        r"maggio",
        r"giugno",
        r"luglio",
        r"agosto",
        r"settembre",
        r"ottobre",
        r"novembre",
        r"dicembre",
    ),
    "lt": (
        r"saus\w*",
        r"vasar\w*",
        r"kov\w*",
        r"baland\w*",
        r"gegu[žz]\w*",
        r"bir[žz]el\w*",
        r"liep\w*",
        r"rugpj\w*",
        r"rugs[ėe]j\w*",
        r"spal\w*",
        r"lapkri\w*",
        r"gruod\w*",
    ),
    "lv": (
        r"janvār\w*",
        r"februār\w*",
        r"mart\w*",
        r"aprīl\w*",
        r"maij\w*",
        r"jūnij\w*",
        r"jūlij\w*",
        r"august\w*",
        r"septembr\w*",
        r"oktobr\w*",
        r"novembr\w*",
        r"decembr\w*",
    ),
    "mt": (
        r"jannar",
        r"frar",
        r"marzu",
        r"april",
        r"mejju",
        r"[ġg]unju",
        r"lulju",
        r"awwissu",
        r"settembru",
        r"ottubru",
        r"novembru",
        r"di[ċc]embru",
    ),
    "nl": (
        r"januari",
        r"februari",
        r"maart",
        r"april",
        r"mei",
        r"juni",
        r"juli",
        r"augustus",
        r"september",
        r"oktober",
        r"november",
        r"december",
    ),
    "pl": (
        r"stycz\w*",
        r"lut\w*",
        r"mar(?:zec|ca|cu)",
        r"kwie[ct]\w*",
        r"maj\w*",
        r"czerw\w*",
        r"lip\w*",
        r"sierp\w*",
        r"wrze[sś]\w*",
        r"pa[źz]dziernik\w*",
        r"listopad\w*",
        r"grud\w*",
    ),
    "pt": (
        r"janeiro",
        r"fevereiro",
        r"mar[çc]o",
        r"abril",
        r"maio",
        r"junho",
        r"julho",
        r"agosto",
        r"setembro",
        r"outubro",
        r"novembro",
        r"dezembro",
    ),
    "ro": (
        r"ianuarie",
        r"februarie",
        r"martie",
        r"aprilie",
        r"mai",
        r"iunie",
        r"iulie",
        r"august",
        r"septembrie",
        r"octombrie",
        r"noiembrie",
        r"decembrie",
    ),
    "sk": (
        r"január\w*",
        r"február\w*",
        r"mar(?:ec|ca|ci)",
        r"apríl\w*",
        r"máj\w*",
        r"jún\w*",
        r"júl\w*",
        r"august\w*",
        r"septembr?\w*",
        r"októbr?\w*",
        r"novembr?\w*",
        r"decembr?\w*",
    ),
    "sl": (
        r"januar\w*",
        r"februar\w*",
        r"mar(?:ec|ca|cu)",
        r"april\w*",
        r"maj\w*",
        r"junij\w*",
        r"julij\w*",
        r"avgust\w*",
        r"septemb\w*",
        r"oktob\w*",
        r"novemb\w*",
        r"decemb\w*",
    ),
    "sv": (
        r"januari",
        r"februari",
        r"mars",
        r"april",
        r"maj",
        r"juni",
        r"juli",
        r"augusti",
        r"september",
        r"oktober",
        r"november",
        r"december",
    ),
}

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Between the parts: a space, "of" ("de", "di", Maltese "ta'"), a Lithuanian "m.",
# a Latvian "gada", an Irish "mí" (month).
# Possessive, each joiner a word of its own: a gap of optional parts repeated
# would try every split of a long run of spaces (it hung on 26 of them).
_GAP = r"(?:\s+(?:of|de|del|di|ta['\u2019]|m\.|gada|mí|na)(?!\w))*+\s*+"


@functools.cache
def _patterns(language: str) -> tuple[re.Pattern[str], ...]:
    months = MONTHS["en"] + (MONTHS.get(language, ()) if language != "en" else ())
    groups = "|".join(f"(?P<m{i % 12}_{i // 12}>{word})" for i, word in enumerate(months) if word)
    month = rf"(?:{groups})(?!\w)"
    shapes = (
        # 2 August 2026, 2. elokuuta 2026, le 2 août, 2 de agosto de 2026
        rf"(?<![\w.]){_DAY}{_GAP}{month}(?:,?{_GAP}{_YEAR})?(?!\d)",
        # August 2, 2026 (English)
        rf"(?<!\w){month}\s+{_DAY}(?:,?\s+{_YEAR})?(?![\d\w])",
        # 2026. augusztus 2., 2026 m. rugpjūčio 2 d., 2026. gada 2. augustā
        rf"(?<!\d){_YEAR}\.?{_GAP}(?:(?P<day_first>[0-3]?\d)\.\s*)?{month}"
        rf"(?:\s+(?P<day_after>[0-3]?\d)\.?(?:\s*d\.)?)?(?!\d)",
        # August 2026, sierpnia 2026
        rf"(?<!\w){month}{_GAP}{_YEAR}(?!\d)",
    )
    return tuple(re.compile(shape, re.IGNORECASE) for shape in shapes)


# In figures: ISO (2026-08-02) and day.month.year (02.08.2026, 2. 8. 2026).
_FIGURES = (
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
    re.compile(
        r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<month>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)(?![\d.])"
    ),
)


def _spelled(day: int | None, month: int, year: int | None) -> str:
    if day is not None and not 1 <= day <= 31:
        return ""
    parts = [str(day)] if day else []
    parts.append(ENGLISH_MONTHS[month])
    if year:
        parts.append(str(year))
    return " ".join(parts)


def _month_of(match: re.Match[str]) -> int:
    for name, value in match.groupdict().items():
        if value and name.startswith("m") and "_" in name:
            return int(name[1:].split("_")[0])
    raise ValueError("no month in the match")


def find_dates(text: str, language: str = "") -> list[str]:
    """The dates of a text in English spelling, in order of first mention, once each.

    Where two readings overlap the longer wins: "2026. gada 2. augustā" is one
    date with its year, not "2 August" and a stray year.
    """
    candidates: list[Reading] = []
    for figures in _FIGURES:
        for match in figures.finditer(text):
            day, month, year = (int(match.group(g)) for g in ("day", "month", "year"))
            if 1 <= month <= 12:
                candidates.append((match.start(), match.end(), _spelled(day, month - 1, year)))
    for pattern in _patterns(language):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            day_text = groups.get("day") or groups.get("day_first") or groups.get("day_after")
            year_text = groups.get("year")
            value = _spelled(
                int(day_text) if day_text else None,
                _month_of(match),
                int(year_text) if year_text else None,
            )
            candidates.append((match.start(), match.end(), value))
    return longest_readings(candidates)
