"""Named things in a text (pure): organisations and people, amounts, dates, legal references.

A light pattern-based extractor: enough to say which names, sums and dates an
article brings that its nearest known story lacks, in any of our languages.
Amounts (``amounts``), dates (``dates``) and legal references are written one
way in every language, so that they meet across languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from monitor.assess.amounts import find_amounts
from monitor.assess.dates import find_dates
from monitor.assess.wording import function_words

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "januari|februari|maart|mei|juni|juli|augustus|oktober|"
    "januar|februar|märz|mai|dezember|"
    "janvier|février|fevrier|mars|avril|juin|juillet|août|aout|septembre|octobre|novembre|décembre"
)
# Legal references, in one spelling whatever the language, so that they meet
# across languages: the Official Journal number ("2024/1689": "Regulation (EU)
# 2024/1689", "rozporządzenie (UE) 2024/1689" and "Verordnung (EU) 2024/1689"
# all hold it) and "Article 5" in the 24 languages
# ("artykuł 5", "článek 5", "5. cikk", "5 straipsnis", "άρθρο 5", "член 5").
_JOURNAL_NUMBER = re.compile(r"(?<![\d/])(20[0-4]\d|19[5-9]\d)/(\d{1,4})(?![\d/])")
_ARTICLE_BEFORE = re.compile(
    r"\b(?:articles?|artikel|artikeln|artikkel|artikli|artikla\w*|art[ií]culo|articolo|articolul\w*|"
    r"artigo|artykuł\w*|článk?\w*|člen\w*|član\w*|airteagal|artikolu|άρθρ\w*|член\w*|art\.)"
    r"\s+(\d{1,3})\b",
    re.IGNORECASE,
)
_ARTICLE_AFTER = re.compile(
    r"\b(\d{1,3})\.?\s+(?:cikk\w*|straipsn\w*|pant\w*|artikl\w*)\b", re.IGNORECASE
)


def _references(text: str) -> list[str]:
    """Official Journal numbers and article numbers, in one spelling for every language."""
    found = [f"{a}/{b}" for a, b in _JOURNAL_NUMBER.findall(text)]
    found += [f"article {n}" for n in _ARTICLE_BEFORE.findall(text)]
    found += [f"article {n}" for n in _ARTICLE_AFTER.findall(text)]
    return found


# Capital and small letters of the EU's scripts (Latin with its accents, Greek,
# Cyrillic): "Šefčovič", "Łukasz", "Βαρβιτσιώτης" and "Комисия" start names too.
_SCRIPTS = [chr(c) for c in (*range(0xC0, 0x250), *range(0x370, 0x400), *range(0x400, 0x530))]
_UP = "A-Z" + "".join(c for c in _SCRIPTS if c.isupper() and c.isalpha())
_LOW = "a-z" + "".join(c for c in _SCRIPTS if c.islower() and c.isalpha())
_JOINERS = ("van", "von", "der", "den", "de", "la", "le", "du", "of", "for", "für")
# Capitalised words in a row (allowing short joiners: "von der Leyen", "de la", "van").
_NAME = re.compile(
    rf"\b[{_UP}][\w&'\u2019.-]*(?:\s+(?:(?:{'|'.join(_JOINERS)})\s+)*"
    rf"[{_UP}][\w&'\u2019.-]*)+"
    r"|\b[A-Z]{2,}[a-z]?\b"
)
_STOP_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "it",
        "this",
        "that",
        "he",
        "she",
        "they",
        "we",
        "i",
        "but",
        "and",
        "or",
        "de",
        "het",
        "een",
        "die",
        "der",
        "das",
        "le",
        "la",
        "les",
        "il",
        "elle",
        "un",
        "une",
        "en",
        "op",
        "in",
        "im",
        "am",
        "au",
        "aux",
        "eu",
    ]
)


def _clean(value: str) -> str:
    value = re.sub(r"(?:'s|\u2019s)$", "", value.strip())
    return re.sub(r"\s+", " ", value.strip(" .,;:()'\u2019\"")).strip()


_MONTH_NAMES = frozenset(_MONTHS.split("|")) | frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        # Greek writes its weekdays with a capital ("την Τετάρτη"), in two cases.
        "δευτέρα",
        "τρίτη",
        "τετάρτη",
        "πέμπτη",
        "παρασκευή",
        "σάββατο",
        "κυριακή",
        "δευτέρας",
        "τρίτης",
        "τετάρτης",
        "πέμπτης",
        "παρασκευής",
        "σαββάτου",
        "κυριακής",
        # Irish and Maltese write their weekdays with a capital ("Dé Máirt", "it-Tlieta").
        "dé luain",
        "dé máirt",
        "dé céadaoin",
        "déardaoin",
        "dé haoine",
        "dé sathairn",
        "dé domhnaigh",
        "luain",
        "máirt",
        "céadaoin",
        "haoine",
        "aoine",
        "sathairn",
        "domhnaigh",
        "tnejn",
        "tlieta",
        "erbgħa",
        "ħamis",
        "ġimgħa",
        "sibt",
        "ħadd",
    ]
)
# Words that open a capitalised run but name nobody, and weekdays and months.
_NOT_NAMES = _STOP_NAMES | _MONTH_NAMES
_SINGLE = re.compile(rf"\b[{_UP}][{_LOW}]*[A-Z0-9][\w]*\b|\b[{_UP}][{_LOW}]{{2,}}\b")


def _single_is_name(word: str, language: str) -> bool:
    inner_capital = any(c.isupper() or c.isdigit() for c in word[1:])
    return inner_capital or language != "de"


def _function_words(language: str) -> frozenset[str]:
    """A language's most frequent words ("ani", "tudi", "auch", "nici"), lower-cased.

    English has none here: its list holds the words that open names ("New", "United",
    "European"), and English sentences seldom open on an adverb before a name.
    """
    return frozenset() if language == "en" else function_words(language)


_GLUED_ARTICLE = re.compile(r"^(?:I[lstrdnxżċz]|L)-[a-zċġħż]")

#: The letters of a name's word that are compared: "Microsoftu", "Microsofta" and
#: "Microsofttal" are Microsoft in Czech, Croatian and Hungarian, "Googlea" Google.
NAME_STEM = 5


def name_key(name: str) -> str:
    """A name as compared across languages: each word's first letters, before any hyphen.

    Inflected names keep their stem and change their ending ("Googlu", "Mistralu",
    "Google-lel", "ChatGPT:n"), so two reports in different languages, or cases, of
    one story meet on their names. Words of five letters or fewer are kept whole.
    """
    words = []
    for word in name.lower().split():
        stem = re.split(r"[-:'\u2019]", word, maxsplit=1)[0]
        words.append((stem if len(stem) >= 2 else word)[:NAME_STEM])
    return " ".join(words)


def named_things(text: str, language: str = "") -> dict[str, list[str]]:
    """Names, amounts, dates and legal references in a text, each list in order, deduplicated.

    A single capitalised word in mid-sentence counts as a name (Meta, Mistral),
    except in German, where every noun is capitalised; there only words with an
    inner capital or digit do (OpenAI, DeepMind).
    """
    found: dict[str, dict[str, str]] = {"names": {}, "amounts": {}, "dates": {}, "references": {}}
    # Sums, percentages and dates in English spelling whatever the language, so
    # that they meet across languages.
    for value in find_amounts(text):
        found["amounts"].setdefault(value.lower(), value)
    for value in find_dates(text, language):
        found["dates"].setdefault(value.lower(), value)
    for reference in _references(text):
        found["references"].setdefault(reference, reference)
    # A line break ends a sentence too: a title has no full stop before the text.
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    openers = _function_words(language)
    # Words written capitalised inside a sentence are names wherever they stand.
    inside = {
        m.group(0).lower()
        for sentence in sentences
        for m in _SINGLE.finditer(sentence)
        if m.start()
    }
    for sentence in sentences:
        for match in _NAME.finditer(sentence):
            value = _clean(match.group(0))
            words = value.split()
            # A capitalised first word of a sentence is not a name by itself.
            if match.start() == 0 and len(words) == 1:
                continue
            # Nor is a frequent word that opens one: "Ani Mistral", "Tudi Mistral",
            # "Nici Mistral" are "nor Mistral", "also Mistral" in Czech, Slovenian
            # and Romanian.
            # Maltese glues its article to a noun: "Il-ministru" is "the minister", no
            # name's first word ("L-Istati Membri", the Member States, is one).
            if words and _GLUED_ARTICLE.match(words[0]):
                words = words[1:]
                value = " ".join(words)
                if len(words) < 2 and not (words and match.start() > 0):
                    continue
            first = words[0].lower() if words else ""
            if match.start() == 0 and first in openers and first not in inside:
                value = " ".join(words[1:])
                words = words[1:]
                if len(words) == 1 and not _single_is_name(value, language):
                    continue
            if words and words[0].lower() in _STOP_NAMES:
                value = " ".join(words[1:])
                # "Die Kommission" less its article is one word: judged as a single word.
                if len(words) == 2 and not _single_is_name(value, language):
                    continue
            if len(value) > 2 and value.lower() not in _NOT_NAMES:
                found["names"].setdefault(value.lower(), value)
        for match in _SINGLE.finditer(sentence):
            word = match.group(0)
            if match.start() == 0 or not _single_is_name(word, language):
                continue
            lowered = word.lower()
            already = " ".join(v for kind in found.values() for v in kind).lower()
            if lowered in _STOP_NAMES or lowered in _MONTH_NAMES or lowered in already:
                continue
            found["names"].setdefault(word.lower(), word)
    return {kind: list(values.values()) for kind, values in found.items()}


# A count as a report writes it: two digits or more, thousands grouped or not
# ("523", "1 200"), not inside a word, a decimal, a date or a reference.
_COUNT = re.compile(
    r"(?<![\w.,/:-])\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?![\w.,/]?\d)"
    r"|(?<![\w.,/:-])\d{2,}(?![\w/]|[.,:]\d)"
)


def tallies(text: str, things: Mapping[str, list[str]]) -> frozenset[str]:
    """Counts in a text that ``named_things`` did not read as a sum, a date or a reference.

    "523 votes to 46", "36 hours of talks", "20 days after publication": the same
    digits in every language, which is what reports of one development share where
    no sentence can be compared. Years are dates' business and are left out, as are
    the digits of the text's amounts, dates and references.
    """
    taken = {d for values in things.values() for v in values for d in re.findall(r"\d+", v)}
    found = set()
    for match in _COUNT.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if (
            digits in taken
            or int(digits) < 10
            or (len(digits) == 4 and 1900 <= int(digits) <= 2100)
        ):
            continue
        found.add(str(int(digits)))
    return frozenset(found)


def new_things(article: dict[str, list[str]], known: dict[str, list[str]]) -> dict[str, list[str]]:
    """The named things of an article that the known texts do not mention.

    A name is known where the known texts hold it, or each of its words by its stem
    (``name_key``): "Microsoftu" is no news after "Microsoft".
    """
    known_text = " ".join(v.lower() for values in known.values() for v in values)
    known_words = {name_key(w) for v in known.get("names", []) for w in v.split()}

    def is_new(kind: str, value: str) -> bool:
        if value.lower() in known_text:
            return False
        return kind != "names" or not all(name_key(w) in known_words for w in value.split())

    return {kind: [v for v in values if is_new(kind, v)] for kind, values in article.items()}


def _of_the_act(word: str, act_words: set[str], context: Callable[[str], bool]) -> bool:
    """A word of the Act's name or of its context, elided article and all ("L'AI")."""
    bare = re.split(r"['\u2019]", word)[-1]
    return any(w.lower() in act_words or context(w) for w in {word, bare} if w)


def without_act_names(
    things: dict[str, list[str]],
    act_names: Sequence[str],
    context: Callable[[str], bool] = lambda word: False,
    language: str = "",
) -> dict[str, list[str]]:
    """Named things less the words of the Act's own name, as inflected, and weekdays.

    "Aktu", "Regulamentului" or "Intleacht Shaorga" is the Act's name in a case the
    corpus never wrote it in: no news to a reader, so its words leave the names a
    reader sees (nor does "Intleacht Shaorga Dé Máirt": a weekday is all it adds).
    Words that ``context`` calls the story's context (the EU's and AI's own names:
    "Akt EU", "Regulamentul UE") go the same way.
    """
    if "names" not in things:
        return things
    act_words = {w for name in act_names for w in re.findall(r"[\w'-]+", name.lower())}
    kept = []
    for value in things["names"]:
        rest = " ".join(w for w in value.split() if not _of_the_act(w, act_words, context))
        # What joined them is nothing by itself: "KI-Pakt der EU" less the Act and the EU.
        rest = "" if all(w.lower() in _JOINERS for w in rest.split()) else rest
        # A German noun beside the Act's name is no name: "Einhaltung der KI-Verordnung"
        # less the Act is "Einhaltung", a word every German noun is capitalised like.
        left = [w for w in rest.split() if w.lower() not in _JOINERS]
        if rest != value and len(left) == 1 and not _single_is_name(left[0], language):
            rest = ""
        # Kept whole unless all that is left of it is nothing, or a weekday: "AI
        # Office" stays "AI Office" beside an "AI Act".
        if rest and rest.lower() not in _MONTH_NAMES:
            kept.append(value)
    return {**things, "names": kept}
