"""py3langid's byte n-gram features, found without its 39 MB transition table (pure).

py3langid finds the n-grams of a text by walking an Aho-Corasick automaton
whose every state has a full row of 256 next states: 9.8 million 32-bit
entries, the largest thing a daemon holds after the sentence encoder. An
Aho-Corasick state after reading a text is, by construction, the longest
suffix of what was read that is a prefix of some n-gram (a node of its trie).
So the same state, and the same feature it outputs, can be found at each
position by looking up the text's last 1 to 6 bytes in a sorted array of the
trie's nodes: 104,000 nodes in 1.3 MB, looked up with ``numpy.searchsorted``
for every position at once. The nodes are recovered from the automaton once,
at load, by a breadth-first walk (in Aho-Corasick a transition that goes one
level deeper is a trie edge), so py3langid's model stays the one source.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Indices = npt.NDArray[np.intp]
Counts = npt.NDArray[np.float32]

#: A node's key: its bytes, big-endian, with its length in the top byte.
_LENGTH_SHIFT = np.uint64(56)
_BYTE = np.uint64(8)
#: States walked per step of the breadth-first walk: bounds the walk's own memory
#: (a step reads 256 next states per state).
_CHUNK = 2048


class SuffixScanner:
    """The features a py3langid automaton outputs on a text, from its trie's nodes."""

    def __init__(self, nextmove: Any, rows: Any, output: Any) -> None:
        """From py3langid's tables: ``nextmove`` holds rows of 256 next states,
        ``rows`` names each state's row, ``output`` each state's feature (or -1)."""
        table = np.frombuffer(nextmove, dtype=np.uint32).reshape(-1, 256)
        row_of = np.asarray(rows, dtype=np.intp)
        states = len(row_of)
        depth = np.full(states, -1, dtype=np.int64)
        key = np.zeros(states, dtype=np.uint64)
        depth[0] = 0
        frontier = np.zeros(1, dtype=np.intp)
        level = 0
        while len(frontier):
            found = []
            for start in range(0, len(frontier), _CHUNK):
                chunk = frontier[start : start + _CHUNK]
                following = table[row_of[chunk]]
                new = depth[following] == -1
                source, byte = np.nonzero(new)
                reached, first = np.unique(following[source, byte], return_index=True)
                # Marked at once, so a later chunk of this level does not take them again.
                depth[reached] = level + 1
                key[reached] = (key[chunk[source[first]]] << _BYTE) | byte[first].astype(np.uint64)
                found.append(reached)
            frontier = np.concatenate(found).astype(np.intp)
            level += 1
        if (depth < 0).any() or depth.max() > 7:
            raise ValueError(
                "the language model's automaton is not a trie of n-grams up to 7 bytes"
            )
        packed = key | (depth.astype(np.uint64) << _LENGTH_SHIFT)
        order = np.argsort(packed)
        self._keys = packed[order]
        self._features = np.asarray(output, dtype=np.int32)[order]
        self._longest = int(depth.max())

    def features(self, text: bytes) -> tuple[Indices, Counts]:
        """Each feature found in ``text`` and how often, as py3langid's walk counts them."""
        data = np.frombuffer(text, dtype=np.uint8).astype(np.uint64)
        size = len(data)
        state = np.full(size, -1, dtype=np.intp)
        window = data.copy()
        for length in range(1, min(self._longest, size) + 1):
            if length > 1:
                # The ``length`` bytes ending at each position, from the shorter ones.
                window[length - 1 :] = (window[length - 2 : size - 1] << _BYTE) | data[length - 1 :]
            wanted = window[length - 1 :] | np.uint64(length << 56)
            at = np.searchsorted(self._keys, wanted)
            at[at >= len(self._keys)] = 0
            hit = self._keys[at] == wanted
            # Longer suffixes come later and win: the automaton's state is the longest.
            state[np.flatnonzero(hit) + length - 1] = at[hit]
        outputs = self._features[state[state >= 0]]
        found, counts = np.unique(outputs[outputs >= 0], return_counts=True)
        return found.astype(np.intp), counts.astype(np.float32)
