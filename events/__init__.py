"""A small, general event store: append-only streams of immutable, versioned events.

Two stores keep one contract: ``SQLiteEventStore`` (one file, the embedded default)
and ``PostgresEventStore`` (``events.postgres``, imported on demand so SQLite users
never load a PostgreSQL driver). It knows nothing of the application that uses it.
The public API is re-exported here.
"""

from typing import TYPE_CHECKING, Any

from events.errors import (
    ConcurrencyError,
    EventStoreError,
    IdempotencyConflictError,
    StoreSchemaError,
    StoreUnavailableError,
    UnknownEventTypeError,
    UpcastError,
)
from events.event import AppendResult, Event, JSONDict, NewEvent, RecordedEvent
from events.registry import EventRegistry, UnknownEvent
from events.store import ANY_VERSION, NO_STREAM, EventStore, InMemoryEventStore, StreamAppend

if TYPE_CHECKING:
    from events.projection import (
        BatchProjection,
        Checkpoint,
        Projection,
        ProjectionProgress,
        ProjectionRunner,
    )
    from events.sqlite import SQLiteEventStore

# Imported when first used: they load sqlite-utils, which a program that only
# reads events or catches the library's errors (a health check) need not pay for.
_LAZY = {
    "BatchProjection": "events.projection",
    "Checkpoint": "events.projection",
    "Projection": "events.projection",
    "ProjectionProgress": "events.projection",
    "ProjectionRunner": "events.projection",
    "SQLiteEventStore": "events.sqlite",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'events' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    return getattr(importlib.import_module(module), name)


__all__ = [
    "ANY_VERSION",
    "NO_STREAM",
    "AppendResult",
    "BatchProjection",
    "Checkpoint",
    "ConcurrencyError",
    "Event",
    "EventRegistry",
    "EventStore",
    "EventStoreError",
    "IdempotencyConflictError",
    "InMemoryEventStore",
    "JSONDict",
    "NewEvent",
    "Projection",
    "ProjectionProgress",
    "ProjectionRunner",
    "RecordedEvent",
    "SQLiteEventStore",
    "StoreSchemaError",
    "StoreUnavailableError",
    "StreamAppend",
    "UnknownEvent",
    "UnknownEventTypeError",
    "UpcastError",
]
