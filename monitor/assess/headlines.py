"""Copies by their headline (pure): a syndicated story keeps its headline when its text is cut.

Feeds carry copies of one wire or partner story with different teasers (a
comments link, the first paragraph, nothing at all), so the texts' shingles do
not meet; the headline is what the copies share, give or take a label
("Exclusive:"), the case, an apostrophe or a little word ("TikTok is hit with
…"). Two headlines are the same when their word sets are at least
``SAME_HEADLINE`` alike, and only headlines of ``MIN_WORDS`` words or more are
compared: "EU regulates AI" is a headline many stories share.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

MIN_WORDS = 5
#: Shared words over the longer headline's words: 10 of 11 (a label added) is the same.
SAME_HEADLINE = 0.9
_WORD = re.compile(r"\w+", re.UNICODE)


def headline_words(title: str) -> frozenset[str]:
    """The headline's words, case-folded and without accents or punctuation ("E.U." is "e u")."""
    folded = unicodedata.normalize("NFKD", title.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return frozenset(_WORD.findall(plain))


def likeness(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the longer headline's words (0 to 1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


@dataclass
class HeadlineIndex:
    """Headlines of known texts, looked up for the same headline through their rarest words."""

    _words: dict[str, frozenset[str]] = field(default_factory=dict)
    _postings: dict[str, set[str]] = field(default_factory=dict)
    _frequency: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, title: str) -> None:
        """Index a headline under a key (a second add of a key, or a short headline, is ignored)."""
        words = headline_words(title)
        if key in self._words or len(words) < MIN_WORDS:
            return
        self._words[key] = words
        for word in words:
            self._postings.setdefault(word, set()).add(key)
        self._frequency.update(words)

    def __len__(self) -> int:
        return len(self._words)

    def same(self, title: str) -> tuple[str, float] | None:
        """The known headline most like this one, if it is the same headline."""
        words = headline_words(title)
        if len(words) < MIN_WORDS or not self._words:
            return None
        # A match lacks at most this many of our words, so one of our rarest
        # ``missing + 1`` words is in it: their postings are the only candidates.
        missing = int(len(words) * (1 - SAME_HEADLINE))
        rarest = sorted(words, key=lambda w: (self._frequency[w], w))[: missing + 1]
        candidates = set().union(*(self._postings.get(w, set()) for w in rarest))
        best: tuple[str, float] | None = None
        for key in sorted(candidates):
            score = likeness(words, self._words[key])
            if score >= SAME_HEADLINE and (best is None or score > best[1]):
                best = (key, score)
        return best
