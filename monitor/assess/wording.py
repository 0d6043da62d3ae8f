"""The wording two texts of one language share: a story's evidence without vectors (pure).

In the 16 official languages the embedder lacks, no sentence can be compared, and
teasers of one development seldom share two names or figures ("EU strikes deal
on landmark AI law", "EU negotiators strike political deal on AI Act"). They share
words. Each word is cut to its first ``PREFIX`` letters, a stemmer that needs no
model and holds for inflected languages ("riktlinjer", "riktlinjerna"; "tekoälyn",
"tekoälylle"), function words are left out, and what two texts share is weighed
by how rare each word is in the corpus (an IDF-weighted cosine): "AI" and "EU"
are in every report, "trilog" in few.

On pairs of AI Act entries of the labelled real 2023 half published within a day
of each other in one language, a similarity of 0.2 or more held 31 pairs of one
development and 2 of two (word weights from all 853 entries), where two named
things in common held 12 and 1.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable

import justext

#: The letters of a word that are compared: a stem for any inflected language.
PREFIX = 5
# Words shorter than this say nothing of a story ("EU", "AI", "ny").
MIN_LETTERS = 3
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")

# jusText's stop lists (a dependency of trafilatura's) by our language codes.
_STOPLISTS = {
    "bg": "Bulgarian",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "hr": "Croatian",
    "hu": "Hungarian",
    "it": "Italian",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mt": "Maltese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
}


@functools.cache
def function_words(language: str) -> frozenset[str]:
    """A language's most frequent words ("the", "ani", "tudi", "auch"), lower-cased."""
    name = _STOPLISTS.get(language)
    return frozenset(justext.get_stoplist(name)) if name else frozenset()


def word_keys(text: str, language: str) -> frozenset[str]:
    """The text's words as compared: lower-cased, cut to ``PREFIX`` letters, no function words."""
    stop = function_words(language)
    return frozenset(
        word[:PREFIX]
        for word in _WORD.findall(text.lower())
        if len(word) >= MIN_LETTERS and word not in stop
    )


class WordFrequencies:
    """In how many documents each word key occurs, for its weight (an IDF)."""

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()
        # Squared weights and documents' norms as of the last add: an article is
        # compared with many documents between two adds, and each ``log`` counts
        # (0.3 s an article against 10,000 documents of a day without them).
        self._squares: dict[str, float] = {}
        self._norms: dict[frozenset[str], float] = {}

    def add(self, keys: Iterable[str]) -> None:
        """Count one document's keys."""
        self.documents += 1
        self.counts.update(keys)
        self._squares.clear()
        self._norms.clear()

    def weight(self, key: str) -> float:
        """A smoothed IDF: rare words weigh most, a word in every document still counts."""
        return math.log((self.documents + 1) / (self.counts[key] + 1)) + 1.0

    def square(self, key: str) -> float:
        """The key's weight squared, as a cosine sums it."""
        found = self._squares.get(key)
        if found is None:
            found = self._squares[key] = self.weight(key) ** 2
        return found

    def norm(self, keys: frozenset[str]) -> float:
        """The length of a text's weighted key vector."""
        found = self._norms.get(keys)
        if found is None:
            found = self._norms[keys] = math.sqrt(sum(self.square(k) for k in keys))
        return found


def wording_similarity(mine: frozenset[str], theirs: frozenset[str], df: WordFrequencies) -> float:
    """The IDF-weighted cosine of two texts' word keys (0 to 1)."""
    shared = mine & theirs
    if not shared:
        return 0.0
    return sum(df.square(k) for k in shared) / (df.norm(mine) * df.norm(theirs))


def shared_words(
    text: str, language: str, theirs: frozenset[str], df: WordFrequencies, most: int = 4
) -> list[str]:
    """The text's rarest words whose keys ``theirs`` has too, as written, for a reason."""
    stop = function_words(language)
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        key = word.lower()[:PREFIX]
        if len(word) >= MIN_LETTERS and word.lower() not in stop and key in theirs:
            found.setdefault(key, word)
    rarest = sorted(found, key=lambda key: (-df.weight(key), key))[:most]
    return [found[key] for key in rarest]
