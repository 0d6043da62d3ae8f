"""The n-gram scanner finds what py3langid's own automaton walk finds, and the identifier
built on it ranks languages as py3langid does (checked against the installed model,
so an upgrade of py3langid that changes its automaton fails here, not in the field)."""

from __future__ import annotations

import functools
import random
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier, visit_counts

from monitor.assess.langid_scan import SuffixScanner
from monitor.assess.text import _world_identifier

DATA = Path(__file__).parents[2] / "data" / "languages"


@functools.cache
def _reference() -> Any:
    """py3langid as it ships, with its full transition table."""
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def _texts() -> list[str]:
    texts = []
    for name in ("articles.toml", "described.toml"):
        for case in tomllib.loads((DATA / name).read_text("utf-8"))["article"]:
            texts += [case["title"], case["text"]]
    # Other scripts and languages, and text that is hardly language at all.
    texts += [
        "Yapay zekâ yasası Avrupa Parlamentosu'nda kabul edildi.",
        "أقر البرلمان الأوروبي قانون الذكاء الاصطناعي",
        "Европарламент принял закон об искусственном интеллекте.",
        "欧盟通过人工智能法案",
        "2024/1689 — 12.07.2024 — € 35 000 000",
        "🙂🙂🙂 ###",
        "x",
    ]
    return texts


def _counted(found: Any, counts: Any) -> Counter[int]:
    return Counter({int(f): int(c) for f, c in zip(found, counts, strict=True)})


def _grams(scanner: SuffixScanner) -> list[bytes]:
    """The byte strings of the scanner's trie nodes."""
    grams = []
    for key in scanner._keys.tolist():
        length = key >> 56
        grams.append((key & ((1 << 56) - 1)).to_bytes(7, "big")[7 - length :])
    return grams


def test_the_scanner_finds_the_features_the_automaton_outputs() -> None:
    reference = _reference()
    scanner = SuffixScanner(reference.tk_nextmove, reference.tk_row, reference.tk_output)
    rng = random.Random(1689)
    samples = [reference._encode(t) for t in _texts()]
    # Random bytes reach states no language's text reaches; the empty text none.
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))) for _ in range(40)]
    # Runs of the trie's own n-grams, the deepest (6 bytes) among them, which few texts reach.
    grams = _grams(scanner)
    longest = max(map(len, grams))
    deepest = [g for g in grams if len(g) == longest]
    samples += [b"".join(rng.choice(deepest) for _ in range(20)) for _ in range(20)]
    samples += [b"".join(rng.choice(grams) for _ in range(50)) for _ in range(40)]
    samples.append(b"")
    tables = reference.tk_nextmove, reference._rowbase, reference.tk_output
    for sample in samples:
        walked = visit_counts(*tables, sample)
        assert _counted(*scanner.features(sample)) == (walked or Counter()), sample[:60]


@pytest.mark.parametrize("text", _texts())
def test_the_identifier_ranks_languages_as_py3langid_does(text: str) -> None:
    theirs = _reference().rank(text)
    ours = _world_identifier().rank(text)
    assert [code for code, _ in ours[:3]] == [code for code, _ in theirs[:3]]
    assert np.allclose([p for _, p in ours], [p for _, p in theirs], atol=1e-5)


def test_the_identifier_holds_no_transition_table() -> None:
    identifier = _world_identifier()
    assert identifier.tk_nextmove is None and identifier._rowbase is None
