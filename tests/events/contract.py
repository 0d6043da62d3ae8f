"""The contract every ``EventStore`` implementation must keep.

Subclass ``EventStoreContract`` and implement ``make_store`` (a new, empty store)
and ``handles`` (several independent handles on one store, as separate processes
or connections would have). The tests make their own stores rather than use
fixtures, so hypothesis gets a fresh store for every example.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import (
    NO_STREAM,
    ConcurrencyError,
    EventStore,
    IdempotencyConflictError,
    NewEvent,
)


def counted(value: int = 1, key: str | None = None) -> NewEvent:
    """A small test event."""
    return NewEvent("Counted", {"value": value}, idempotency_key=key)


# Each store implementation subclasses this suite, so hypothesis sees one test
# method run from several classes: that is the point here, not a flaky setup.
CHECKS = [HealthCheck.differing_executors]


class EventStoreContract:
    """The promises of ``events.EventStore``, as tests."""

    def make_store(self) -> EventStore:
        """A new, empty store."""
        raise NotImplementedError

    def handles(self, store: EventStore, n: int) -> Sequence[EventStore]:
        """``n`` independent handles on the same store."""
        raise NotImplementedError

    def test_a_first_append_starts_the_stream_at_version_one(self) -> None:
        store = self.make_store()
        result = store.append("s", [counted(), counted()], expected_version=NO_STREAM)
        assert result.positions == (1, 2)
        assert result.stream_version == 2
        assert [e.stream_version for e in store.read_stream("s")] == [1, 2]
        assert store.last_position() == 2

    def test_a_stale_expected_version_raises_and_writes_nothing(self) -> None:
        store = self.make_store()
        store.append("s", [counted()])
        with pytest.raises(ConcurrencyError) as info:
            store.append("s", [counted(), counted()], expected_version=NO_STREAM)
        assert info.value.actual == 1
        assert store.count() == 1
        store.append("s", [counted()], expected_version=1)
        assert store.stream_version("s") == 2

    def test_a_retry_with_used_idempotency_keys_returns_the_earlier_positions(self) -> None:
        store = self.make_store()
        first = store.append("s", [counted(1, "k1"), counted(2, "k2")], expected_version=0)
        store.append("other", [counted()])
        # The retry's expected version is stale now; it must still be a quiet no-op.
        retry = store.append("s", [counted(1, "k1"), counted(2, "k2")], expected_version=0)
        assert retry.written is False
        assert retry.positions == first.positions
        assert store.count() == 3

    def test_a_partly_used_set_of_keys_is_a_conflict_and_writes_nothing(self) -> None:
        store = self.make_store()
        store.append("s", [counted(1, "k1")])
        with pytest.raises(IdempotencyConflictError):
            store.append("s", [counted(1, "k1"), counted(2, "k9")])
        assert store.count() == 1

    def test_a_given_event_id_is_unique(self) -> None:
        store = self.make_store()
        store.append("s", [NewEvent("Counted", {}, event_id="fixed")])
        with pytest.raises(IdempotencyConflictError):
            store.append("t", [NewEvent("Counted", {}, event_id="fixed")])
        assert store.count() == 1

    def test_payload_and_metadata_round_trip(self) -> None:
        store = self.make_store()
        payload = {"title": "AI-verordening: één stap", "n": [1, 2.5, None], "nested": {"a": True}}
        store.append(
            "s",
            [
                NewEvent(
                    "Noted",
                    payload,
                    schema_version=3,
                    correlation_id="corr",
                    causation_id="cause",
                    extra_metadata={"host": "h"},
                )
            ],
        )
        (event,) = store.read_stream("s")
        assert event.payload == payload
        assert event.schema_version == 3
        assert event.correlation_id == "corr"
        assert event.causation_id == "cause"
        assert event.extra_metadata == {"host": "h"}
        assert event.recorded_at.endswith("Z")
        assert event.metadata()["correlation_id"] == "corr"

    def test_read_all_filters_by_type_and_stream_and_pages_in_batches(self) -> None:
        store = self.make_store()
        for i in range(25):
            kind = "Counted" if i % 3 else "Other"
            store.append(f"s{i % 2}", [NewEvent(kind, {"i": i})])
        everything = list(store.read_all(batch_size=4))
        assert [e.position for e in everything] == list(range(1, 26))
        after = list(store.read_all(10, batch_size=4))
        assert [e.position for e in after] == list(range(11, 26))
        others = list(store.read_all(types=["Other"], batch_size=2))
        assert [e.payload["i"] for e in others] == [i for i in range(25) if i % 3 == 0]
        s1 = list(store.read_all(stream_id="s1", batch_size=3))
        assert all(e.stream_id == "s1" for e in s1) and len(s1) == 12
        assert [e.position for e in store.read_all(5, limit=7, batch_size=3)] == list(range(6, 13))
        assert list(store.read_all(types=[])) == []
        assert store.count(["Other"]) == len(others)

    def test_append_many_writes_several_streams_in_one_go(self) -> None:
        store = self.make_store()
        store.append("a", [counted(1)])
        results = store.append_many(
            [
                ("a", [counted(2), counted(3)], 1),
                ("b", [counted(4)], NO_STREAM),
                ("a", [counted(5)], None),
            ]
        )
        assert [r.positions for r in results] == [(2, 3), (4,), (5,)]
        assert [r.stream_version for r in results] == [3, 1, 4]
        assert [e.payload["value"] for e in store.read_stream("a")] == [1, 2, 3, 5]
        assert [e.stream_version for e in store.read_stream("a")] == [1, 2, 3, 4]

    def test_append_many_is_all_or_nothing(self) -> None:
        store = self.make_store()
        store.append("b", [counted(1)])
        with pytest.raises(ConcurrencyError):
            store.append_many([("a", [counted(2)], NO_STREAM), ("b", [counted(3)], NO_STREAM)])
        assert store.count() == 1 and store.stream_version("a") == 0

    def test_append_many_treats_each_stream_retry_on_its_own(self) -> None:
        store = self.make_store()
        store.append("a", [counted(1, "ka")])
        results = store.append_many(
            [("a", [counted(1, "ka")], NO_STREAM), ("b", [counted(2, "kb")], NO_STREAM)]
        )
        assert [r.written for r in results] == [False, True]
        assert results[0].positions == (1,) and results[1].positions == (2,)
        assert store.count() == 2

    def test_read_latest_returns_the_newest_events_oldest_first(self) -> None:
        store = self.make_store()
        for i in range(10):
            store.append(f"s{i % 2}", [NewEvent("Counted" if i % 3 else "Other", {"i": i})])
        assert [e.payload["i"] for e in store.read_latest(3)] == [7, 8, 9]
        assert [e.payload["i"] for e in store.read_latest(2, types=["Other"])] == [6, 9]
        assert [e.payload["i"] for e in store.read_latest(2, stream_id="s0")] == [6, 8]
        assert store.read_latest(0) == [] and store.read_latest(5, types=[]) == []
        assert len(store.read_latest(50)) == 10

    def test_read_stream_from_a_version(self) -> None:
        store = self.make_store()
        store.append("s", [counted(i) for i in range(5)])
        assert [e.payload["value"] for e in store.read_stream("s", from_version=4)] == [3, 4]
        assert store.read_stream("missing") == []
        assert store.stream_version("missing") == 0

    @settings(max_examples=25, deadline=None, suppress_health_check=CHECKS)
    @given(
        st.lists(
            st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(min_value=1, max_value=6)),
            min_size=1,
            max_size=15,
        )
    )
    def test_positions_increase_and_stream_versions_are_contiguous(
        self, appends: list[tuple[str, int]]
    ) -> None:
        store = self.make_store()
        last = 0
        for stream, size in appends:
            result = store.append(stream, [counted(i) for i in range(size)])
            assert result.positions[0] > last
            assert list(result.positions) == sorted(set(result.positions))
            last = result.positions[-1]
        everything = list(store.read_all(batch_size=7))
        positions = [e.position for e in everything]
        assert positions == sorted(set(positions))
        assert len(everything) == sum(size for _, size in appends)
        for stream in {s for s, _ in appends}:
            versions = [e.stream_version for e in store.read_stream(stream)]
            assert versions == list(range(1, len(versions) + 1))

    @settings(max_examples=10, deadline=None, suppress_health_check=CHECKS)
    @given(st.integers(min_value=2, max_value=6), st.integers(min_value=0, max_value=3))
    def test_concurrent_appends_with_the_same_expected_version_have_one_winner(
        self, writers: int, prefill: int
    ) -> None:
        store = self.make_store()
        if prefill:
            store.append("s", [counted() for _ in range(prefill)])
        handles = self.handles(store, writers)
        barrier = threading.Barrier(writers)
        outcomes: list[str] = []
        lock = threading.Lock()

        def write(handle: EventStore, n: int) -> None:
            barrier.wait()
            try:
                handle.append("s", [counted(n)], expected_version=prefill)
                outcome = "won"
            except ConcurrencyError:
                outcome = "lost"
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=write, args=(h, n)) for n, h in enumerate(handles)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["lost"] * (writers - 1) + ["won"]
        assert store.stream_version("s") == prefill + 1
