"""py3langid's byte n-gram features, found without its 39 MB transition table (pure).

py3langid finds the n-grams of a text by walking an Aho-Corasick automaton
whose every state has a full row of 256 next states: 9.8 million 32-bit
entries, the largest thing a daemon holds after the sentence encoder. An
Aho-Corasick state after reading a text is, by construction, the longest
suffix of what was read that is a prefix of some n-gram (a node of its trie).
So the same state, and the same feature it outputs, can be found at each
position by looking up the text's last 1 to 6 bytes among the trie's nodes:
104,000 nodes in 1.3 MB, one- and two-byte runs in direct tables, longer ones
with ``numpy.searchsorted`` for all positions at once (as fast as the walk,
0.47 against 0.49 ms a text). The nodes are recovered from the automaton once,
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
        # The one- and two-byte nodes by their bytes, found without a search (every
        # position is looked up at these lengths; few reach the longer ones).
        lengths = self._keys >> _LENGTH_SHIFT
        self._one = np.full(1 << 8, -1, dtype=np.intp)
        self._two = np.full(1 << 16, -1, dtype=np.intp)
        for lookup, length in ((self._one, 1), (self._two, 2)):
            at = np.flatnonzero(lengths == length)
            lookup[(self._keys[at] & np.uint64(0xFFFF)).astype(np.intp)] = at
        self._longest = int(depth.max())

    def features(self, text: bytes) -> tuple[Indices, Counts]:
        """Each feature found in ``text`` and how often, as py3langid's walk counts them.

        A trie's nodes are closed under prefixes: the ``n`` bytes from a position
        can be a node only if their first ``n - 1`` are, so each length looks up
        only the positions whose shorter run was found.
        """
        data = np.frombuffer(text, dtype=np.uint8)
        size = len(data)
        if not size:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        # Longer runs come later and win: the automaton's state is the longest suffix.
        state = self._one[data]
        starts = np.flatnonzero(state[:-1] >= 0)
        pairs = (data[starts].astype(np.intp) << 8) | data[starts + 1]
        nodes = self._two[pairs]
        found = nodes >= 0
        starts, keys = starts[found], pairs[found].astype(np.uint64)
        state[starts + 1] = nodes[found]
        for length in range(3, self._longest + 1):
            inside = starts + length <= size
            starts, keys = starts[inside], keys[inside]
            if not len(starts):
                break
            keys = (keys << _BYTE) | data[starts + length - 1]
            wanted = keys | (np.uint64(length) << _LENGTH_SHIFT)
            at = np.searchsorted(self._keys, wanted)
            at[at >= len(self._keys)] = 0
            hit = self._keys[at] == wanted
            starts, keys = starts[hit], keys[hit]
            state[starts + length - 1] = at[hit]
        outputs = self._features[state[state >= 0]]
        features, counts = np.unique(outputs[outputs >= 0], return_counts=True)
        return features.astype(np.intp), counts.astype(np.float32)
