"""The event store's exceptions: one base class, so callers catch what they mean."""

from __future__ import annotations


class EventStoreError(Exception):
    """Base class of every error the events library raises."""


class ConcurrencyError(EventStoreError):
    """A writer's expected stream version was stale; nothing was written."""

    def __init__(self, stream_id: str, expected: int | None, actual: int) -> None:
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"stream {stream_id!r} is at version {actual}, the writer expected {expected}"
        )


class IdempotencyConflictError(EventStoreError):
    """Some, but not all, idempotency keys of an append were used before; nothing was written.

    An append is one unit: a retry carries the same keys as the original, so a
    partial match means two different appends share a key, which is a bug in the
    producer rather than a retry.
    """

    def __init__(self, used_keys: list[str]) -> None:
        self.used_keys = used_keys
        super().__init__(f"idempotency keys already used by another append: {used_keys}")


class UnknownEventTypeError(EventStoreError):
    """An event type name has no registered class."""


class UpcastError(EventStoreError):
    """An old payload could not be brought to the current schema version."""


class StoreSchemaError(EventStoreError):
    """The store file has a schema this version of the library cannot use."""


class StoreUnavailableError(EventStoreError):
    """The store's database cannot be reached (wrong address, server down, refused login)."""
