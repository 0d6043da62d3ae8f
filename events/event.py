"""Events: the base class for typed facts, and the envelopes the store writes and reads."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class Event:
    """A typed fact, named in the past tense, immutable.

    Subclasses are frozen dataclasses whose fields are JSON values. ``event_type``
    defaults to the class name and ``schema_version`` to 1; bump the version when
    the payload's shape changes and register an upcaster for the old one.
    """

    event_type: ClassVar[str] = ""
    schema_version: ClassVar[int] = 1

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "event_type" not in cls.__dict__:
            cls.event_type = cls.__name__

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The names of the payload's fields (computed once per class: this is a hot path)."""
        names: tuple[str, ...] | None = cls.__dict__.get("_field_names")
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(cls))
            type.__setattr__(cls, "_field_names", names)
        return names

    def to_payload(self) -> JSONDict:
        """The event's fields as a JSON-ready dict."""
        return {name: getattr(self, name) for name in self.field_names()}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> Self:
        """Build the event from a payload of the current schema version."""
        names = cls.field_names()
        return cls(**{k: v for k, v in payload.items() if k in names})

    def to_new(
        self,
        *,
        event_id: str | None = None,
        idempotency_key: str | None = None,
        correlation_id: str | None = None,
        causation_id: str | None = None,
    ) -> NewEvent:
        """Wrap the event for appending."""
        return NewEvent(
            event_type=self.event_type,
            payload=self.to_payload(),
            schema_version=self.schema_version,
            event_id=event_id,
            idempotency_key=idempotency_key,
            correlation_id=correlation_id,
            causation_id=causation_id,
        )


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event on its way into the store: what the producer knows before it is recorded.

    ``event_id`` may be given where the producer can derive it deterministically
    (it is unique in the store); otherwise one is made from the idempotency key,
    or at random.
    """

    event_type: str
    payload: JSONDict
    schema_version: int = 1
    event_id: str | None = None
    idempotency_key: str | None = None
    correlation_id: str | None = None
    causation_id: str | None = None
    extra_metadata: JSONDict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as the store holds it: immutable, with its place in the log."""

    position: int
    event_id: str
    stream_id: str
    stream_version: int
    event_type: str
    schema_version: int
    payload: JSONDict
    recorded_at: str
    correlation_id: str | None = None
    causation_id: str | None = None
    idempotency_key: str | None = None
    extra_metadata: JSONDict = field(default_factory=dict)

    def metadata(self) -> JSONDict:
        """Recorded-at, correlation and causation ids and any extra metadata, as one dict."""
        return {
            "recorded_at": self.recorded_at,
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
            **self.extra_metadata,
        }

    def to_dict(self) -> JSONDict:
        """The envelope as a JSON-ready dict (stable keys, for ``--json`` output)."""
        return {
            "position": self.position,
            "event_id": self.event_id,
            "stream_id": self.stream_id,
            "stream_version": self.stream_version,
            "type": self.event_type,
            "schema_version": self.schema_version,
            "payload": self.payload,
            "metadata": self.metadata(),
            "idempotency_key": self.idempotency_key,
        }


@dataclass(frozen=True, slots=True)
class AppendResult:
    """What an append did: the positions of its events and whether it wrote them now.

    ``written`` is False when every idempotency key had been used before: the
    append was a retry, nothing was written, and the positions are the earlier ones.
    """

    stream_id: str
    positions: tuple[int, ...]
    stream_version: int
    written: bool = True
