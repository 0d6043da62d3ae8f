"""Is an article an update on the AI Act? The decision, as a pure function of its inputs.

Given an article's text, the reference corpus (as vectors, signatures and named
things) and an embedder, ``assess`` returns a verdict with its reasons:

- ``duplicate``: a near-copy of a known text (MinHash over shingles in the same
  language, or a document vector all but identical), looked for first: only
  corpus documents and relevant articles are indexed for copies, so a copy is
  about the Act whatever its own cut of the text says;
- ``irrelevant``: not about the AI Act, by the relevance model (``relevance``):
  where the vocabulary finds the Act named or described and, where the embedder
  covers the language, how close the text and title are to what the Act is;
- ``known``: the same story as a corpus document published before it, within
  the window (document vectors close) that says little the corpus does not
  already say;
- ``update``: about the AI Act and new, with the nearest story it follows and
  the sentences and named things the corpus lacks.

The story thresholds start from measurements on this embedder (translations of a story at
0.89-0.92 at document level against 0.52-0.66 for another story on the same
topic; sentences split old from new near 0.6) and are calibrated on the
evaluation set in ``benchmarks/eval``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np

from monitor.assess.embedding import Embedder, Vectors
from monitor.assess.entities import named_things, new_things, without_act_names
from monitor.assess.headlines import HeadlineIndex
from monitor.assess.neardup import DuplicateIndex
from monitor.assess.parts import parts_of
from monitor.assess.relevance import TITLE_WORDS, relevance_features, shipped_model
from monitor.assess.story import (
    count_set,
    shared_share,
    shipped_story_model,
    story_features,
    thing_key,
    thing_set,
)
from monitor.assess.text import detect_language, split_sentences
from monitor.assess.vocabulary import (
    VOCABULARY_LANGUAGES,
    LexicalSignals,
    is_context_word,
    lexical_signals,
)
from monitor.assess.wording import WordIndex, shared_words, word_keys
from monitor.seeds import SeedDocument

# What the Act is, in the languages the embedder covers: an article close to these
# is about it even when the corpus is small.
PROTOTYPES = (
    "The EU AI Act regulates artificial intelligence in the European Union.",
    "The European Commission's AI Office enforces the rules for general-purpose AI models.",
    "Providers of high-risk AI systems must meet obligations under the AI Act.",
    "De Europese AI-verordening regelt kunstmatige intelligentie in de Europese Unie.",
    "Die KI-Verordnung der EU regelt künstliche Intelligenz in der Europäischen Union.",
    "Le règlement européen sur l'intelligence artificielle encadre l'IA dans l'Union européenne.",
)


Mask = np.ndarray[Any, np.dtype[np.bool_]]


@dataclass(frozen=True)
class Thresholds:
    """The decision's thresholds; see the module's docstring for where they come from."""

    relevant: float = 0.5
    known_story: float = 0.80
    novel_sentence: float = 0.45
    novel_share_for_update: float = 0.6
    duplicate_containment: float = 0.7
    aligned_share_for_story: float = 0.4
    same_story: float = 0.5
    duplicate_vector: float = 0.97
    window_days: int = 120


#: Corpus documents the monitor took in by itself rather than a person chose.
LEARNED_ORIGINS = frozenset({"flagged", "baseline"})


@dataclass(frozen=True)
class CorpusDocument:
    """A document of the reference corpus, as the assessment needs it."""

    document_id: str
    title: str
    language: str
    text: str
    published: str = ""
    #: "seed", "manual", or learned: "flagged" (an update that joined the corpus)
    #: or "baseline" (an update of a feed's backlog).
    origin: str = "seed"

    @property
    def reference(self) -> bool:
        """Whether the document says what the Act is: chosen by a person, not learned."""
        return self.origin not in LEARNED_ORIGINS

    @classmethod
    def from_seed(cls, seed: SeedDocument) -> CorpusDocument:
        """A document of the seed corpus, as the assessment needs it."""
        return cls(seed.document_id, seed.title, seed.language, seed.text, seed.published)


#: Documents embedded and indexed per embedder call when the corpus index grows.
ADD_BATCH = 256


@dataclass(frozen=True)
class SentenceBlock:
    """One document's sentence vectors in 8 bits, each row with its own scale.

    A quarter of the float32 size (35 MB instead of 140 at 10,000 documents); the
    cosine similarities it gives differ from float32's by about 0.001 (the
    rounding of each component to 1/127 of the row's largest), far under any
    threshold's step.
    """

    codes: np.ndarray[Any, np.dtype[np.int8]]
    scales: np.ndarray[Any, np.dtype[np.float32]]

    @classmethod
    def of(cls, vectors: Vectors) -> SentenceBlock:
        """Quantise float32 rows."""
        peak = np.abs(vectors).max(axis=1, keepdims=True)
        scales = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
        codes = np.rint(vectors / scales).astype(np.int8)
        return cls(codes, scales)

    def vectors(self) -> Vectors:
        """The rows back in float32."""
        restored: Vectors = self.codes.astype(np.float32) * self.scales
        return restored

    def __len__(self) -> int:
        return len(self.codes)


@dataclass
class CorpusIndex:
    """The corpus as matrices: one vector per document and per sentence, signatures, things."""

    embedder: Embedder
    documents: list[CorpusDocument] = field(default_factory=list)
    doc_vectors: Vectors = field(default_factory=lambda: np.zeros((0, 512), dtype=np.float32))
    # Each document's sentence vectors, a block apiece, in 8 bits (``SentenceBlock``):
    # only the closest documents' sentences are ever compared, so no corpus-wide
    # matrix is needed, and adding a document copies nothing (a growing matrix
    # copied itself at every add, doubling the peak memory of a large corpus).
    sentence_blocks: list[SentenceBlock] = field(default_factory=list)
    sentence_count: int = 0
    things: list[dict[str, list[str]]] = field(default_factory=list)
    # The same, lower-cased as one set per document, for the story model's overlap.
    thing_sets: list[frozenset[str]] = field(default_factory=list)
    # Each document's counts ("523", "46": ``entities.tallies``), for matching a story
    # where no sentence vectors can be compared.
    tally_sets: list[frozenset[str]] = field(default_factory=list)
    # Each document's words (``wording.word_keys``), kept only for the languages the
    # embedder lacks, where they stand in for sentence vectors.
    words: WordIndex = field(default_factory=WordIndex)
    duplicates: DuplicateIndex = field(default_factory=DuplicateIndex)
    headlines: HeadlineIndex = field(default_factory=HeadlineIndex)
    titles: dict[str, str] = field(default_factory=dict)
    prototype_vectors: Vectors | None = None
    # Each document's date as a day number (-1: undated), for the window as one comparison.
    days: np.ndarray[Any, np.dtype[np.int64]] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )
    # Each document's date as the days it may fall on (a month-only date: the month).
    first_day: np.ndarray[Any, np.dtype[np.int64]] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )
    last_day: np.ndarray[Any, np.dtype[np.int64]] = field(
        default_factory=lambda: np.zeros(0, dtype=np.int64)
    )
    # Which documents were chosen by a person (seeds, corpus add) rather than learned.
    reference: Mask = field(default_factory=lambda: np.zeros(0, dtype=bool))

    def add_copy_source(self, key: str, title: str, text: str) -> None:
        """Index a text for near-copies only (an earlier article, not a corpus document)."""
        self.titles[key] = title
        self.duplicates.add(key, text)
        self.headlines.add(key, title)

    def add(self, documents: Sequence[CorpusDocument]) -> None:
        """Add documents: split, embed and index them, ``ADD_BATCH`` documents at a time.

        In batches, so that a start indexing 10,000 documents holds one batch's
        vectors in float32 at a time, never the whole corpus's (280 MB at that size).
        """
        for start in range(0, len(documents), ADD_BATCH):
            self._add_batch(documents[start : start + ADD_BATCH])

    def _add_batch(self, documents: Sequence[CorpusDocument]) -> None:
        """Add documents with one embedder call for all."""
        new_sentences: list[str] = []
        spans: list[tuple[int, int]] = []
        for document in documents:
            parts = split_sentences(document.text, document.language) or [document.text]
            spans.append((len(new_sentences), len(new_sentences) + len(parts)))
            new_sentences.extend(parts)
        vectors = self.embedder.embed(new_sentences)
        doc_rows = [_mean_vector(vectors[a:b]) for a, b in spans]
        for document, (a, b) in zip(documents, spans, strict=True):
            self.sentence_blocks.append(SentenceBlock.of(vectors[a:b]))
            self.duplicates.add(document.document_id, document.text)
            self.headlines.add(document.document_id, document.title)
            self.titles[document.document_id] = document.title
            things = named_things(document.text, document.language)
            self.things.append(things)
            self.thing_sets.append(thing_set(things))
            self.tally_sets.append(count_set(document.text, things))
            uncovered = document.language not in self.embedder.languages
            self.words.add(
                word_keys(with_title(document.title, document.text), document.language)
                if uncovered
                else None
            )
        self.sentence_count += len(new_sentences)
        # Kept without their texts: what is compared is indexed above (sentence vectors,
        # shingles, named things); a verdict names a document by id, title and language.
        # 10,000 real articles' texts are tens of MB the daemon held for nothing.
        self.documents.extend(replace(d, text="") for d in documents)
        dates = [_parse_date(d.published) if d.published else None for d in documents]
        self.days = np.concatenate(
            [self.days, np.asarray([d.toordinal() if d else -1 for d in dates], dtype=np.int64)]
        )
        spans_of = [_date_span(d.published) for d in documents]
        self.first_day = np.concatenate(
            [self.first_day, np.asarray([a for a, _ in spans_of], dtype=np.int64)]
        )
        self.last_day = np.concatenate(
            [self.last_day, np.asarray([b for _, b in spans_of], dtype=np.int64)]
        )
        self.reference = np.concatenate(
            [self.reference, np.asarray([d.reference for d in documents], dtype=bool)]
        )
        if doc_rows:
            self.doc_vectors = np.vstack([self.doc_vectors, np.vstack(doc_rows)])

    def learn(
        self, document: CorpusDocument, copy_key: str, result: Assessment, grow: bool
    ) -> None:
        """What the index takes in after a verdict (first-story detection).

        An update joins the corpus (when it grows), so later reports of it are
        known; any relevant article that is not itself a copy is indexed for
        copies, so later copies of it are duplicates.
        """
        if grow and result.verdict == "update":
            self.add([replace(document, origin="flagged")])
        if result.relevant and result.verdict != "duplicate":
            self.add_copy_source(copy_key, document.title, document.text)

    def prototypes(self) -> Vectors:
        """The vectors of the statements of what the Act is (embedded once)."""
        if self.prototype_vectors is None:
            self.prototype_vectors = self.embedder.embed(list(PROTOTYPES))
        return self.prototype_vectors

    def closeness(self, doc_vector: Vectors, same_story: float) -> float:
        """How close an article is to what the Act is, for relevance.

        Against the prototypes and the documents a person chose; a learned update
        counts only when the article tells its very story (a translation, a
        rewrite: at least ``same_story``), so that a false alarm that joined the
        corpus cannot make later articles on its subject look like AI Act news.
        """
        # One product over the corpus, split by origin (no copy of the matrix).
        sims = self.doc_vectors @ doc_vector
        best = float(np.max(self.prototypes() @ doc_vector))
        counted = self.reference | (sims >= same_story)
        if counted.any():
            best = max(best, float(np.max(sims[counted])))
        return best


def with_title(title: str, text: str) -> str:
    """The text with its headline first, unless it starts with it already."""
    if not title or text.lstrip().startswith(title.strip()):
        return text
    return f"{title}\n{text}"


def _mean_vector(vectors: Vectors) -> Vectors:
    mean = vectors.mean(axis=0) if len(vectors) else np.zeros(512, dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    result: Vectors = (mean / norm if norm else mean).astype(np.float32)
    return result


@dataclass(frozen=True)
class NovelSentence:
    """A sentence of the article the corpus does not already say, with its closeness to it."""

    index: int
    text: str
    similarity: float


@dataclass(frozen=True)
class Assessment:
    """The verdict on one article and everything a reader needs to trust it."""

    verdict: str
    language: str
    #: The relevance model's probability that the article is about the AI Act.
    relevance: float
    relevant: bool
    #: The same from the vocabulary alone; ``semantic``: closeness to what the Act is.
    lexical: float
    semantic: float | None
    nearest_document_id: str = ""
    nearest_title: str = ""
    similarity: float = 0.0
    duplicate_of: str = ""
    duplicate_similarity: float = 0.0
    novel_sentences: tuple[NovelSentence, ...] = ()
    sentences: int = 0
    new_things: dict[str, list[str]] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    embedder: str = ""
    #: True when the article tells the nearest document's story (a follow-up when an update).
    same_story: bool = False
    #: The parts of the Act the article concerns (``parts.PARTS``), for relevant articles.
    parts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data with stable keys (the ``ArticleAssessed`` payload's shape)."""
        data = asdict(self)
        data["novel_sentences"] = [asdict(s) for s in self.novel_sentences]
        data["reasons"] = list(self.reasons)
        data["parts"] = list(self.parts)
        return data


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        try:
            return date.fromisoformat(value[:7] + "-15")
        except ValueError:
            return None


# A report can only re-tell a story told before it; two days' grace for feeds whose
# dates are a time zone or a late edition apart.
LATER_GRACE_DAYS = 2


def _date_span(value: str) -> tuple[int, int]:
    """The first and last day a stored date may mean, as day numbers ((-1, -1): undated).

    "2023-07" (a month-only date) may be any day of July: a report of 20 July is
    0 days from it, not five days from the 15th.
    """
    if not value:
        return -1, -1
    try:
        day = date.fromisoformat(value[:10]).toordinal()
        return day, day
    except ValueError:
        pass
    try:
        first = date.fromisoformat(value[:7] + "-01")
    except ValueError:
        return -1, -1
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first.toordinal(), following.toordinal() - 1


def _days_apart(day: int | None, first: int, last: int) -> int | None:
    """Days from a document's date span to the article's day (None: either undated)."""
    if day is None or first < 0:
        return None
    if first <= day <= last:
        return 0
    return day - last if day > last else day - first


def _in_window(index: CorpusIndex, published: str, days: int) -> Mask:
    """Which corpus documents count as known for an article of this date (undated: all).

    The window reaches back ``days`` and forward only by ``LATER_GRACE_DAYS``: a
    report of August is not the story of a document dated December.
    """
    when = _parse_date(published) if published else None
    if when is None:
        return np.ones(len(index.documents), dtype=bool)
    age = when.toordinal() - index.days
    mask: Mask = (index.days < 0) | ((age <= days) & (age >= -LATER_GRACE_DAYS))
    return mask


def _novel_runs(similarities: Sequence[float], threshold: float) -> list[bool]:
    """Which sentences are novel, smoothed towards runs of consecutive sentences.

    TREC Novelty's assessors chose short runs; a sentence just over the line
    between two novel ones joins them.
    """
    novel = [s < threshold for s in similarities]
    for i in range(1, len(novel) - 1):
        if not novel[i] and novel[i - 1] and novel[i + 1] and similarities[i] < threshold + 0.08:
            novel[i] = True
    return novel


@dataclass(frozen=True)
class _Story:
    """How an article lines up with the corpus."""

    document: int | None
    similarity: float
    aligned_share: float
    sentence_similarity: tuple[float, ...]
    # The closest documents in the window: what the article's named things are checked against.
    documents: tuple[int, ...] = ()
    #: The story model's probability that the article tells ``document``'s story.
    probability: float = 0.0


@dataclass(frozen=True)
class Candidate:
    """One corpus document the article might re-tell, with the story model's inputs."""

    document: int
    similarity: float
    aligned_share: float
    features: dict[str, float]


TOP_DOCUMENTS = 50
# An article of at least this many sentences, ``aligned_share_for_story`` of them
# said by one document, re-tells it. Teasers of one or two sentences align by
# chance (on the real 2023 entries that rule picked the right development 20
# times in 56), so they are left to the story model.
RETOLD_SENTENCES = 3


def candidates(
    index: CorpusIndex,
    doc_vector: Vectors,
    sentence_vectors: Vectors,
    window: Mask,
    thresholds: Thresholds,
    *,
    day: int | None,
    things: dict[str, list[str]],
) -> tuple[list[Candidate], tuple[float, ...]]:
    """The closest documents in the window, and each sentence's closeness to them.

    Sentences are compared with the sentences of the closest documents only (a
    vector product over the corpus, then the top few): the cost per article stays
    flat as the corpus grows.
    """
    flat = tuple(0.0 for _ in range(len(sentence_vectors)))
    if not len(index.doc_vectors) or not window.any():
        return [], flat
    doc_sims = np.where(window, index.doc_vectors @ doc_vector, -1.0)
    top = np.argpartition(-doc_sims, min(TOP_DOCUMENTS, len(doc_sims)) - 1)[:TOP_DOCUMENTS]
    top = top[np.argsort(-doc_sims[top])]
    top = top[doc_sims[top] > -1.0]
    blocks = [index.sentence_blocks[int(doc)] for doc in top]
    if not blocks:
        return [], flat
    sims = sentence_vectors @ np.vstack([block.vectors() for block in blocks]).T
    ends = np.cumsum([len(block) for block in blocks])
    mine = thing_set(things)
    found = []
    for k, doc in enumerate(top):
        best = sims[:, ends[k] - len(blocks[k]) : ends[k]].max(axis=1)
        share = float((best >= thresholds.novel_sentence).mean())
        apart = _days_apart(day, int(index.first_day[doc]), int(index.last_day[doc]))
        features = story_features(
            similarity=float(doc_sims[doc]),
            aligned_share=share,
            best_sentence=float(best.max()),
            days_apart=apart,
            shared_things=shared_share(mine, index.thing_sets[int(doc)]),
        )
        found.append(Candidate(int(doc), float(doc_sims[doc]), share, features))
    per_sentence = tuple(round(float(v), 3) for v in sims.max(axis=1))
    return found, per_sentence


def _story(
    index: CorpusIndex,
    doc_vector: Vectors,
    sentence_vectors: Vectors,
    window: Mask,
    thresholds: Thresholds,
    *,
    day: int | None,
    things: dict[str, list[str]],
) -> _Story:
    """The story the article most likely tells, by the story model.

    Content alone decides where it is plain, at any distance in the window: a
    document at ``known_story`` similarity or more (a translation, a rewrite),
    or one that already says ``aligned_share_for_story`` of the sentences of an
    article of ``RETOLD_SENTENCES`` or more (a rewrite, a re-run weeks later).
    The model, which leans on time, decides the rest, and names the story where
    several pass.
    """
    found, per_sentence = candidates(
        index, doc_vector, sentence_vectors, window, thresholds, day=day, things=things
    )
    if not found:
        return _Story(None, 0.0, 0.0, per_sentence)
    model = shipped_story_model()

    said_already = len(sentence_vectors) >= RETOLD_SENTENCES

    def score(candidate: Candidate) -> float:
        if candidate.similarity >= thresholds.known_story:
            return 1.0 + candidate.similarity
        if said_already and candidate.aligned_share >= thresholds.aligned_share_for_story:
            return 1.0 + candidate.aligned_share / 2
        return model.probability(candidate.features)

    scores = [score(c) for c in found]
    top = max(scores)
    likeliest = found[scores.index(top)]
    passing = [c for c, s in zip(found, scores, strict=True) if s >= thresholds.same_story]
    copies = [c for c in found if c.similarity >= thresholds.duplicate_vector]
    if copies:
        best = max(copies, key=lambda c: c.similarity)
    elif passing:
        # Whether the article retells a story is decided above; which one it retells,
        # among those that pass, by the model, which weighs time: the background
        # every report of the Act carries ("the AI Act, proposed in 2021, ...") aligns
        # a teaser with a report of weeks before as well as with yesterday's. (On the
        # real 2023 stream, ``known`` named a report of the same development 16 times
        # in 19 this way, 15 in 20 when content alone chose.)
        best = max(passing, key=lambda c: (model.probability(c.features), c.similarity))
    else:
        best = likeliest
    return _Story(
        best.document,
        round(best.similarity, 3),
        round(best.aligned_share, 3),
        per_sentence,
        tuple(c.document for c in found),
        round(min(1.0, top), 3),
    )


#: The kinds of named thing that say what is new where sentences cannot be compared
#: (names are left out: inflected, "Virkkusen" is not "Virkkunen").
FACTS = ("amounts", "dates", "references")
#: Named things an article must share with a document, in a language the embedder
#: lacks, before time may call them one story: one name ("Bryssel") is any story.
#: (On the real 2023 stream read as if no language were covered: 2 gave 85 flags
#: for 95 without stories, 3 of 4 checkable ``known`` right; 1 gave 64 and 8 of 12.)
MIN_SHARED_THINGS = 2
#: The wording a document in the same language must share (``wording``) to be a
#: candidate story without named things in common: teasers of one development
#: share words more often than names. Chosen on the labelled real 2023 half read as
#: if no language were covered (``python -m benchmarks.eval --uncovered``).
WORDING_FOR_STORY = 0.2
#: The farthest the wording is looked for, in days: beyond it the story model could
#: not call two reports one story whatever they share (``_wording_reach``), and the
#: wording of every document in the window is the cost that bound saves.
WORDING_MAX_DAYS = 30


@functools.cache
def _wording_reach(same_story: float) -> int:
    """The most days apart at which the story model, content at nought and every
    named thing shared, still passes ``same_story`` (-1: at no distance)."""
    model = shipped_story_model()
    reach = -1
    for days in range(WORDING_MAX_DAYS + 1):
        features = story_features(
            similarity=0.0, aligned_share=0.0, best_sentence=0.0, days_apart=days, shared_things=1.0
        )
        if model.probability(features) >= same_story:
            reach = days
    return reach


def _story_by_things(
    index: CorpusIndex,
    things: dict[str, list[str]],
    window: Mask,
    *,
    day: int | None,
    counts: frozenset[str] = frozenset(),
    words: frozenset[str] = frozenset(),
    language: str = "",
    same_story: float = 0.5,
) -> _Story:
    """The story of an article in a language the embedder lacks: named things, words and time.

    Names, legal references ("2024/1689", "article 5" in any language), amounts,
    dates and counts ("523 votes to 46") it shares with a document, or in the same
    language its wording, and the days between them, go through the story model
    with the content measures at nought: reports of one development come within
    days and share their names and numbers, in any language, or their words.
    """
    mine = thing_set(things) | counts
    found: list[tuple[float, int, float, int]] = []
    reach = _wording_reach(same_story) if words and day is not None else -1
    query = index.words.query(words) if reach >= 0 else None
    if mine or query is not None:
        model = shipped_story_model()
        for doc in np.flatnonzero(window).tolist():
            theirs = index.thing_sets[doc] | index.tally_sets[doc]
            common = len(mine & theirs)
            apart = _days_apart(day, int(index.first_day[doc]), int(index.last_day[doc]))
            worded = 0.0
            if (
                query is not None
                and apart is not None
                and abs(apart) <= reach
                and index.documents[doc].language == language
            ):
                worded = index.words.similarity(query, doc)
            if common < MIN_SHARED_THINGS and worded < WORDING_FOR_STORY:
                continue
            features = story_features(
                similarity=0.0,
                aligned_share=0.0,
                best_sentence=0.0,
                days_apart=apart,
                shared_things=shared_share(mine, theirs),
            )
            found.append((model.probability(features), common, worded, doc))
    if not found:
        return _Story(None, 0.0, 0.0, ())
    found.sort(reverse=True)
    probability, _, _, best = found[0]
    return _Story(
        best,
        0.0,
        0.0,
        (),
        tuple(doc for *_, doc in found[:TOP_DOCUMENTS]),
        round(probability, 3),
    )


def _in_common(
    index: CorpusIndex,
    story: _Story,
    things: dict[str, list[str]],
    counts: frozenset[str] = frozenset(),
    wording: tuple[str, str] = ("", ""),
) -> list[str]:
    """The article's named things and counts that the story's document has too.

    Where they are fewer than ``MIN_SHARED_THINGS`` the story was found by its
    wording (``wording``: the article's body and language): its rarest shared words.
    """
    if story.document is None:
        return []
    theirs = index.thing_sets[story.document]
    shared = [v for kind, values in things.items() for v in values if thing_key(kind, v) in theirs]
    tallied = counts & index.tally_sets[story.document]
    found = shared + sorted((c[1:] for c in tallied), key=int)
    body, language = wording
    if len(found) < MIN_SHARED_THINGS and body:
        words = shared_words(body, language, index.words.keys_of(story.document), index.words)
        listed = {value.lower() for value in found}
        words = [word for word in words if word.lower() not in listed]
        found += [f"the words {', '.join(words)}"] if words else []
    return found


#: The new sentences a follow-up with new facts needs, whatever its share of new ones.
#: (Real 2023 stream: ``known`` right 20 of 23 became 21 of 22, flags 39 as before,
#: 1.58 per development for 1.5; with 1 sentence, 15 of 20 right. The evaluation
#: set's only held-out miss, en-gpai-obligations-apply, led to the rule, so its
#: held-out figure no longer counts for it.)
FOLLOW_UP_SENTENCES = 2


def _verdict(
    nearest: CorpusDocument | None,
    story: _Story,
    same_story: bool,
    covered: bool,
    novel: int,
    sentences: int,
    thresholds: Thresholds,
    in_common: Sequence[str] = (),
    fresh_facts: Sequence[str] = (),
    fresh_names: Sequence[str] = (),
) -> tuple[str, str]:
    """``known`` or ``update``, and the reason a reader sees first.

    Without sentence vectors (a language the embedder lacks) a story is matched
    on ``in_common`` (named things shared) and time, and what is new is told by
    ``fresh_facts``: figures, dates and legal references the story lacked. With
    vectors, new sentences make an update only where the article also names
    something the story lacked (``fresh_facts`` or ``fresh_names``: names and counts),
    and ``FOLLOW_UP_SENTENCES`` of them with new facts make one at any share.
    """
    where = ""
    if nearest is not None and covered:
        where = (
            f"{nearest.document_id} “{nearest.title}” (similarity {story.similarity:.2f}, "
            f"{story.aligned_share:.0%} of its sentences aligned)"
        )
    elif nearest is not None:
        where = f"{nearest.document_id} “{nearest.title}” (in common: {', '.join(in_common[:4])})"
    if same_story and not covered and fresh_facts:
        return "update", f"follows up {where} with {', '.join(fresh_facts[:4])}"
    if same_story and not covered:
        return "known", f"the same story as {where}"
    # A follow-up retells its story and adds to it: new sentences that name figures,
    # dates or references the story lacked make it an update even where most of its
    # sentences are the story's (a report of obligations applying, with the dates).
    follows_up = bool(fresh_facts) and novel >= FOLLOW_UP_SENTENCES
    if (
        same_story
        and novel / max(1, sentences) < thresholds.novel_share_for_update
        and not follows_up
    ):
        return "known", f"the same story as {where}; {novel} of {sentences} sentences new"
    # A re-telling in other words: its sentences are new, but it names nothing the
    # story lacked (no name, figure, date, reference or count). A development brings
    # one. (Real 2023 stream: 42 flags with 3 false alarms became 39 with 2; every
    # development still flagged; ``known`` right 16/19 became 19/22.)
    if same_story and not fresh_facts and not fresh_names:
        return "known", f"the same story as {where}, told anew: it names nothing new"
    if same_story:
        return "update", f"follows up {where} with {novel} of {sentences} sentences new"
    if nearest is not None:
        return "update", f"a story the corpus does not have; the nearest is {where}"
    return "update", "about the AI Act, and the corpus has nothing like it"


def _known_things(index: CorpusIndex, documents: Sequence[int]) -> dict[str, list[str]]:
    known: dict[str, list[str]] = {}
    for i in documents:
        for kind, values in index.things[int(i)].items():
            known.setdefault(kind, []).extend(values)
    return known


@dataclass(frozen=True)
class Reading:
    """What the assessment reads in an article before it compares it with the corpus."""

    language: str
    body: str
    lexical: LexicalSignals
    sentences: list[str]
    features: dict[str, float]
    #: The sentences' vectors and their mean, where the embedder covers the language.
    vectors: Vectors | None = None
    doc_vector: Vectors | None = None
    #: Not a word of AI nor of the Act: settled without the embedder.
    no_ai_at_all: bool = False


def read_article(
    text: str,
    index: CorpusIndex,
    *,
    title: str = "",
    language_hint: str = "",
    thresholds: Thresholds = Thresholds(),
) -> Reading:
    """Language, vocabulary, sentences, vectors and the relevance model's features.

    A text without a title is read with its first sentence as the headline, as
    a reader would.
    """
    body = with_title(title, text)
    language = detect_language(body, language_hint).code
    sentences = split_sentences(text, language) or [text]
    if title:
        lead_text = text[len(title) :].lstrip() if text.startswith(title) else text
    else:
        title = sentences[0]
        _, found, rest = text.partition(title)
        lead_text = rest.lstrip() if found else " ".join(sentences[1:])
    lexical = lexical_signals(lead_text, title=title, language=language)
    title_only = not lead_text.strip() or lead_text.strip() == title.strip()
    no_ai_at_all = not lexical.act_names and not lexical.topics and lexical.ai_mentions == 0
    if (no_ai_at_all and language in VOCABULARY_LANGUAGES) or (
        language not in index.embedder.languages
    ):
        features = relevance_features(lexical, title=title, title_only=title_only)
        return Reading(
            language,
            body,
            lexical,
            sentences,
            features,
            no_ai_at_all=no_ai_at_all and language in VOCABULARY_LANGUAGES,
        )
    # The title is embedded apart from the text where it says enough to embed: a
    # headline says what the article is about more plainly than the text's mean.
    long_title = len(title.split()) >= TITLE_WORDS
    separate_title = long_title and title.strip() != sentences[0].strip()
    embedded = index.embedder.embed([title, *sentences] if separate_title else sentences)
    vectors = embedded[1:] if separate_title else embedded
    doc_vector = _mean_vector(vectors)
    story = thresholds.known_story
    closeness = round(index.closeness(doc_vector, story), 3)
    title_closeness = round(index.closeness(embedded[0], story), 3) if long_title else None
    features = relevance_features(
        lexical,
        title=title,
        title_only=title_only,
        closeness=closeness,
        title_closeness=title_closeness,
    )
    return Reading(language, body, lexical, sentences, features, vectors, doc_vector)


#: A text of fewer shingles than this (about 35 words) is a teaser: under the same
#: headline as a known text it is a copy whatever it says. Two longer texts must
#: also share ``COLUMN_OVERLAP`` of their shingles.
TEASER_SHINGLES = 30
COLUMN_OVERLAP = 0.2


def _copy_of(
    index: CorpusIndex, body: str, title: str, thresholds: Thresholds
) -> tuple[str, float, str, str] | None:
    """The known text this one copies: its key, how alike, its title and the reason."""
    near = index.duplicates.nearest(body) if len(index.duplicates) else None
    if near is not None and near[1] >= thresholds.duplicate_containment:
        key, share = near
        title_of = index.titles.get(key, "")
        return (
            key,
            share,
            title_of,
            f"a near-copy of {key} “{title_of}” ({share:.0%} of it is there)",
        )
    # A syndicated copy under another teaser keeps the headline. Two full texts that
    # share nothing under one headline are a recurring column's issues, not copies.
    same = index.headlines.same(title)
    if same is not None:
        key, likeness = same
        compared = index.duplicates.compare(body, key)
        if compared is not None:
            share, mine, theirs = compared
            if share < COLUMN_OVERLAP and min(mine, theirs) >= TEASER_SHINGLES:
                return None
        title_of = index.titles.get(key, "")
        return key, likeness, title_of, f"a copy of {key} “{title_of}”: the same headline"
    return None


def assess(
    text: str,
    index: CorpusIndex,
    *,
    title: str = "",
    language_hint: str = "",
    published: str = "",
    thresholds: Thresholds = Thresholds(),
) -> Assessment:
    """Judge one article against the corpus."""
    reading = read_article(
        text, index, title=title, language_hint=language_hint, thresholds=thresholds
    )
    language, lexical, sentences = reading.language, reading.lexical, reading.sentences
    body, covered = reading.body, reading.vectors is not None
    vectors, doc_vector = reading.vectors, reading.doc_vector
    model = shipped_model()
    relevance = round(model.probability(reading.features), 3)
    lexical_relevance = round(model.lexical_only.probability(reading.features), 3)
    semantic = reading.features.get("closeness")
    reasons: list[str] = []
    no_ai_at_all = reading.no_ai_at_all
    if no_ai_at_all:
        relevance = lexical_relevance = 0.0
        reasons.append("no word of AI or of the AI Act in the text")
    elif not covered:
        reasons.append(
            f"language {language!r} is not covered by the embedder; judged on the AI Act "
            "vocabulary, on copies, and on the names, figures and dates it shares with "
            "earlier reports and when"
        )
    reasons.append(f"vocabulary: {lexical.summary()}")
    if semantic is not None:
        reasons.append(f"closeness to what the AI Act is: {semantic:.2f}")
    common: dict[str, Any] = {
        "language": language,
        "relevance": relevance,
        "lexical": lexical_relevance,
        "semantic": semantic,
        "sentences": len(sentences),
        "relevant": relevance >= thresholds.relevant,
        "embedder": getattr(index.embedder, "name", ""),
    }
    # Copies first: only corpus documents and relevant articles are indexed for
    # copies, so a copy is about the Act whatever its own cut of the text says (a
    # wire story's teaser that leaves out the Act's name is still that story).
    copy = None if no_ai_at_all else _copy_of(index, body, title, thresholds)
    if copy is not None:
        key, likeness, title_of, why = copy
        reasons.insert(0, why)
        return Assessment(
            verdict="duplicate",
            nearest_document_id=key,
            nearest_title=title_of,
            duplicate_of=key,
            duplicate_similarity=round(likeness, 3),
            reasons=tuple(reasons),
            **{**common, "relevant": True, "parts": parts_of(body, language=language)},
        )
    if relevance < thresholds.relevant:
        reasons.insert(
            0, f"not about the AI Act (relevance {relevance:.2f} < {thresholds.relevant:.2f})"
        )
        return Assessment(verdict="irrelevant", reasons=tuple(reasons), **common)

    common["parts"] = parts_of(body, language=language)  # the body holds the title
    window = _in_window(index, published, thresholds.window_days)
    things = named_things(body, language)
    when = _parse_date(published) if published else None
    counts: frozenset[str] = frozenset()
    if vectors is None or doc_vector is None:
        # Counts are read only where no sentence can be compared: the story's evidence.
        counts = count_set(body, things)
        story = _story_by_things(
            index,
            things,
            window,
            day=when.toordinal() if when else None,
            counts=counts,
            words=word_keys(body, language),
            language=language,
            same_story=thresholds.same_story,
        )
    else:
        story = _story(
            index,
            doc_vector,
            vectors,
            window,
            thresholds,
            day=when.toordinal() if when else None,
            things=things,
        )
    nearest = index.documents[story.document] if story.document is not None else None
    if (
        nearest is not None
        and story.similarity >= thresholds.duplicate_vector
        and (nearest.language == language)
    ):
        reasons.insert(
            0, f"a near-copy of {nearest.document_id} (similarity {story.similarity:.2f})"
        )
        return Assessment(
            verdict="duplicate",
            nearest_document_id=nearest.document_id,
            nearest_title=nearest.title,
            similarity=story.similarity,
            duplicate_of=nearest.document_id,
            duplicate_similarity=story.similarity,
            reasons=tuple(reasons),
            **common,
        )
    flags = _novel_runs(story.sentence_similarity, thresholds.novel_sentence) if covered else []
    novel = tuple(
        NovelSentence(i, sentences[i], story.sentence_similarity[i])
        for i, flag in enumerate(flags)
        if flag
    )
    # Named things are checked against the closest documents, or without vectors the
    # newest ones in the window: a bounded cost whatever the corpus size.
    compared = story.documents or tuple(np.flatnonzero(window)[-TOP_DOCUMENTS:])
    fresh = {
        kind: values
        for kind, values in without_act_names(
            new_things(things, _known_things(index, compared)),
            lexical.act_names,
            functools.partial(is_context_word, language=language),
            language,
        ).items()
        if values
    }
    same_story = nearest is not None and story.probability >= thresholds.same_story
    verdict, lead = _verdict(
        nearest,
        story,
        same_story,
        covered,
        len(novel),
        len(sentences),
        thresholds,
        in_common=_in_common(index, story, things, counts, (body, language)) if not covered else [],
        fresh_facts=[v for kind in FACTS for v in fresh.get(kind, [])],
        fresh_names=fresh.get("names", [])
        + sorted(count_set(body, things).difference(*(index.tally_sets[int(i)] for i in compared))),
    )
    reasons.insert(0, lead)
    if fresh:
        listed = "; ".join(f"{kind} {', '.join(values[:5])}" for kind, values in fresh.items())
        reasons.append(f"new named things: {listed}")
    return Assessment(
        verdict=verdict,
        nearest_document_id=nearest.document_id if nearest else "",
        nearest_title=nearest.title if nearest else "",
        similarity=story.similarity,
        novel_sentences=novel,
        new_things=fresh,
        reasons=tuple(reasons),
        same_story=same_story,
        **common,
    )
