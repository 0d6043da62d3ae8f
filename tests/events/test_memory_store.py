"""The in-memory reference store keeps the store contract."""

from __future__ import annotations

from collections.abc import Sequence

from events import EventStore, InMemoryEventStore
from tests.events.contract import EventStoreContract


class TestInMemoryEventStore(EventStoreContract):
    def make_store(self) -> EventStore:
        return InMemoryEventStore()

    def handles(self, store: EventStore, n: int) -> Sequence[EventStore]:
        return [store] * n
