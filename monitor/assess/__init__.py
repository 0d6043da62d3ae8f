"""Assess: is an article an update on the AI Act?

Text in, verdict out. ``text`` finds the language and the sentences,
``vocabulary`` the Act's names, ``neardup`` copies (MinHash), ``entities``
named things, ``embedding`` sentence vectors; ``decision`` weighs them into a
verdict as a pure function. ``assessor`` is the use case around it: it keeps
the corpus index, records ``ArticleAssessed`` and ``UpdateFlagged``, and grows
the corpus; ``corpus_admin`` adds and removes corpus documents by hand. Nothing
here imports ``monitor.ingest``: the assessment takes text, wherever it came from.
"""

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.assess.assessor import (
        Assessor,
        AssessSummary,
        RescoreSummary,
        record_manual_article,
        thresholds_from,
    )
    from monitor.assess.corpus_admin import (
        CorpusAddOutcome,
        add_document,
        corpus_rows,
        remove_document,
    )
    from monitor.assess.decision import (
        Assessment,
        CorpusDocument,
        CorpusIndex,
        Thresholds,
        assess,
    )
    from monitor.assess.embedding import Embedder, default_embedder
else:
    __getattr__ = lazy_exports(
        __name__,
        {
            "assessor": [
                "AssessSummary",
                "Assessor",
                "RescoreSummary",
                "record_manual_article",
                "thresholds_from",
            ],
            "corpus_admin": ["CorpusAddOutcome", "add_document", "corpus_rows", "remove_document"],
            "decision": ["Assessment", "CorpusDocument", "CorpusIndex", "Thresholds", "assess"],
            "embedding": ["Embedder", "default_embedder"],
        },
    )

__all__ = [
    "AssessSummary",
    "Assessment",
    "Assessor",
    "CorpusAddOutcome",
    "CorpusDocument",
    "CorpusIndex",
    "Embedder",
    "RescoreSummary",
    "Thresholds",
    "add_document",
    "assess",
    "corpus_rows",
    "default_embedder",
    "record_manual_article",
    "remove_document",
    "thresholds_from",
]
