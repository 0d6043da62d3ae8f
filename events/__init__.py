"""A small, general event store: append-only streams of immutable, versioned events.

Two stores keep one contract: ``SQLiteEventStore`` (one file, the embedded default)
and ``PostgresEventStore`` (``events.postgres``, imported on demand so SQLite users
never load a PostgreSQL driver). It knows nothing of the application that uses it.
The public API is re-exported here.
"""

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
from events.projection import (
    BatchProjection,
    Checkpoint,
    Projection,
    ProjectionProgress,
    ProjectionRunner,
)
from events.registry import EventRegistry, UnknownEvent
from events.sqlite import SQLiteEventStore
from events.store import ANY_VERSION, NO_STREAM, EventStore, InMemoryEventStore, StreamAppend

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
