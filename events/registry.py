"""The registry from type names to event classes, with upcasters for old schema versions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from events.errors import UnknownEventTypeError, UpcastError
from events.event import Event, JSONDict, RecordedEvent

E = TypeVar("E", bound=type[Event])
Upcaster = Callable[[JSONDict], JSONDict]


@dataclass(frozen=True, slots=True)
class UnknownEvent:
    """A recorded event whose type no class is registered for: reported, never a crash."""

    recorded: RecordedEvent

    @property
    def event_type(self) -> str:
        """The type name as stored."""
        return self.recorded.event_type


class EventRegistry:
    """Maps type names to event classes and brings old payloads up to date when read."""

    def __init__(self, classes: Iterable[type[Event]] = ()) -> None:
        self._classes: dict[str, type[Event]] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        self.aliases: dict[str, str] = {}
        for cls in classes:
            self.register(cls)

    def register(self, cls: E) -> E:
        """Register an event class under its ``event_type``; usable as a decorator."""
        existing = self._classes.get(cls.event_type)
        if existing is not None and existing is not cls:
            raise ValueError(f"event type {cls.event_type!r} is registered twice")
        self._classes[cls.event_type] = cls
        return cls

    def alias(self, old_name: str, new_name: str) -> None:
        """Read events stored under ``old_name`` as ``new_name`` (for a renamed type)."""
        self.aliases[old_name] = new_name

    def upcaster(self, event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Register a function that turns a payload of ``from_version`` into the next version."""

        def decorate(fn: Upcaster) -> Upcaster:
            self._upcasters[(event_type, from_version)] = fn
            return fn

        return decorate

    def __contains__(self, event_type: object) -> bool:
        return event_type in self._classes

    def types(self) -> list[str]:
        """The registered type names, sorted."""
        return sorted(self._classes)

    def class_for(self, event_type: str) -> type[Event]:
        """The class registered for a type name (aliases followed)."""
        name = self.aliases.get(event_type, event_type)
        try:
            return self._classes[name]
        except KeyError:
            raise UnknownEventTypeError(
                f"no event class is registered for {event_type!r}"
            ) from None

    def upcast(self, event_type: str, schema_version: int, payload: JSONDict) -> JSONDict:
        """Bring a payload from its stored schema version to the class's current one."""
        name = self.aliases.get(event_type, event_type)
        target = self.class_for(name).schema_version
        if schema_version > target:
            raise UpcastError(
                f"{event_type} was stored with schema version {schema_version}, newer than "
                f"this program's {target}; upgrade the program"
            )
        version = schema_version
        while version < target:
            step = self._upcasters.get((name, version))
            if step is None:
                raise UpcastError(f"no upcaster for {name} from schema version {version}")
            payload = step(dict(payload))
            version += 1
        return payload

    def decode(self, recorded: RecordedEvent) -> Event | UnknownEvent:
        """The typed event for a recorded one, or ``UnknownEvent`` when its type is not known."""
        name = self.aliases.get(recorded.event_type, recorded.event_type)
        cls = self._classes.get(name)
        if cls is None:
            return UnknownEvent(recorded)
        payload = self.upcast(name, recorded.schema_version, recorded.payload)
        try:
            return cls.from_payload(payload)
        except TypeError as exc:
            raise UpcastError(
                f"event at position {recorded.position} ({name}) does not fit its class: {exc}"
            ) from exc


def decode_all(registry: EventRegistry, recorded: Iterable[RecordedEvent]) -> list[Any]:
    """Decode many recorded events (a convenience for tests and small reads)."""
    return [registry.decode(r) for r in recorded]
