"""Language identification and sentence splitting (pure, with lazily loaded models)."""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import simplemma
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from monitor.assess.langid_scan import SuffixScanner

#: The languages identification chooses among: the EU's official languages.
EU_LANGUAGES = (
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
)


class _ScanningIdentifier(LanguageIdentifier):  # type: ignore[misc]
    """py3langid's identifier with its n-grams found by ``SuffixScanner``: the same
    features and scores without the 39 MB transition table, which is dropped."""

    def _raw_score(self, text: bytes) -> Any:
        found, counts = self.scanner.features(text)
        if len(found):
            return np.log1p(counts) @ self.nb_ptc[found] + self.nb_pc
        # No feature: a uniform score, as py3langid gives under ``norm_probs``.
        return np.zeros(len(self.nb_classes), dtype=np.float32)


@functools.cache
def _world_identifier() -> Any:
    """py3langid's model over all its 97 languages, loaded once (about a second) on first use."""
    identifier = _ScanningIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.scanner = SuffixScanner(
        identifier.tk_nextmove, identifier.tk_row, identifier.tk_output
    )
    identifier.tk_nextmove = identifier.tk_row = identifier._rowbase = identifier.tk_output = None
    return identifier


def load_language_models() -> None:
    """Load the language identifier now rather than at the first article.

    Its load reads py3langid's 39 MB transition table before dropping it: done
    before a large corpus is indexed, that passing peak does not stack on the
    corpus's own memory (a 10,000-document daemon peaked 40 MB higher).
    """
    _world_identifier()


@functools.cache
def _eu_identifier() -> Any:
    """The world identifier restricted to the EU's languages: a shallow copy (the
    tokenizer's tables are shared), only the restricted class weights are new."""
    identifier = copy.copy(_world_identifier())
    identifier.set_languages(list(EU_LANGUAGES))
    return identifier


# How sure the unrestricted identifier must be that a text is in another language
# before the EU-only one is not asked: Turkish and Arabic news were labelled
# Estonian, Maltese or Croatian when only EU languages could be chosen.
ELSEWHERE_CONFIDENCE = 0.8


# Languages outside the EU whose identifier splits its confidence among their written
# standards: a Norwegian headline came out "no" 0.74, "nn" 0.12, and, the EU-only
# identifier then asked, Swedish. Their shares are summed before the test above.
_VARIETIES = {
    "no": ("no", "nn", "nb"),
    "nn": ("no", "nn", "nb"),
    "nb": ("no", "nn", "nb"),
    "bs": ("bs", "sr"),
    "sr": ("bs", "sr"),
}


# The letters of the scripts the EU's languages are written in: Latin (with its
# extensions), Greek and Cyrillic. A text mostly in others (Arabic, Hebrew, Chinese)
# is in no EU language however its identifier splits its confidence among varieties
# ("ar" 0.66, "ary" 0.31 for a short Arabic headline, which the EU-only identifier
# then called English).
_LETTER = re.compile(r"[^\W\d_]")
_EU_SCRIPT_LETTER = re.compile(
    r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff\u0400-\u04ff]"
)


def _in_eu_scripts(text: str) -> bool:
    """Whether at least half the text's letters are Latin, Greek or Cyrillic."""
    letters = len(_LETTER.findall(text))
    return letters == 0 or 2 * len(_EU_SCRIPT_LETTER.findall(text)) >= letters


@dataclass(frozen=True)
class Language:
    """A detected language and how sure the identifier is (0 to 1)."""

    code: str
    confidence: float


def detect_language(text: str, hint: str = "") -> Language:
    """The text's language; a declared ``hint`` wins when the text is too short to tell.

    The EU's languages are told apart by an identifier restricted to them (all
    97 confuse near ones); a text plainly in another language (Turkish, Arabic,
    Russian) is named as such, not forced into the nearest EU one.
    """
    sample = text[:4000]
    hint = hint.lower()[:2]
    if len(sample.split()) < 4 and hint:
        return Language(hint, 0.5)
    ranked = _world_identifier().rank(sample)
    world, world_confidence = ranked[0]
    if world in _VARIETIES:
        world_confidence = sum(p for code, p in ranked if code in _VARIETIES[world])
    if world not in EU_LANGUAGES and (
        world_confidence >= ELSEWHERE_CONFIDENCE or not _in_eu_scripts(sample)
    ):
        return Language(str(world), float(world_confidence))
    # Restricted to the EU's languages: naive Bayes over fewer classes is the same
    # scores renormalised over them (measured at 0.05-0.3 ms a text, and right on
    # every test article, where all 97 confuse near ones).
    ours = [(code, p) for code, p in ranked if code in EU_LANGUAGES]
    total = sum(p for _, p in ours)
    if total > 0:
        code, confidence = ours[0][0], ours[0][1] / total
    else:
        # Every EU language's share underflowed: score them apart (rarely built).
        code, confidence = _eu_identifier().classify(sample)
    if confidence < 0.5 and hint in EU_LANGUAGES:
        return Language(hint, 0.5)
    return Language(str(code), float(confidence))


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "vs",
        "etc",
        "eg",
        "ie",
        "al",
        "no",
        "nr",
        "art",
        "para",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dhr",
        "mevr",
        "mw",
        "drs",
        "ir",
        "ing",
        "bzw",
        "z.b",
        "ca",
        "vgl",
        "ggf",
        "usw",
        "hr",
        "fr",
        "mme",
        "mlle",
        "cf",
        "pp",
        "vol",
        "fig",
        "o.a",
        "i.e",
        "e.g",
    ]
)
_LAST_WORD = re.compile(r"(\S+)\.$")


def _glue(previous: str, fragment: str) -> bool:
    """Whether a fragment continues the previous sentence (a split after an abbreviation)."""
    if not fragment or fragment[0].islower() or fragment[0].isdigit():
        return True
    match = _LAST_WORD.search(previous)
    if not match:
        return False
    word = match.group(1).strip("(")
    # An initial ("M. Breton", "J. Smith") is a capital letter alone; "€35 m." ends a sentence.
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def split_sentences(text: str, language: str = "") -> list[str]:
    """Sentences of a text, in order; lines and paragraphs always end a sentence."""
    sentences: list[str] = []
    lang = language if language in simplemma.__dict__.get("SUPPORTED_LANGUAGES", ()) else None
    for raw in re.split(r"\n\s*", text):
        paragraph = raw.strip()
        if not paragraph:
            continue
        try:
            parts = simplemma.split_sentences(paragraph, lang=lang or language or None)
        except (ValueError, KeyError):
            parts = simplemma.split_sentences(paragraph)
        merged: list[str] = []
        for part in (p.strip() for p in parts):
            if merged and _glue(merged[-1], part):
                merged[-1] = f"{merged[-1]} {part}"
            elif part:
                merged.append(part)
        sentences.extend(merged)
    return sentences
