"""Typed events: registry, schema versions, upcasters, aliases and unknown types."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from events import (
    Event,
    EventRegistry,
    InMemoryEventStore,
    NewEvent,
    UnknownEvent,
    UnknownEventTypeError,
    UpcastError,
)


@dataclass(frozen=True)
class ThingNamed(Event):
    schema_version = 3
    name: str
    language: str


registry = EventRegistry([ThingNamed])


@registry.upcaster("ThingNamed", 1)
def _v1_to_v2(payload: dict[str, object]) -> dict[str, object]:
    return {"name": payload["title"]}


@registry.upcaster("ThingNamed", 2)
def _v2_to_v3(payload: dict[str, object]) -> dict[str, object]:
    return {**payload, "language": "en"}


def test_the_type_name_defaults_to_the_class_name() -> None:
    assert ThingNamed.event_type == "ThingNamed"
    assert "ThingNamed" in registry and registry.types() == ["ThingNamed"]


def test_a_typed_event_round_trips_through_the_store() -> None:
    store = InMemoryEventStore()
    store.append("s", [ThingNamed("AI Act", "nl")])
    (recorded,) = store.read_stream("s")
    assert recorded.schema_version == 3
    assert registry.decode(recorded) == ThingNamed("AI Act", "nl")


def test_old_payloads_are_upcast_step_by_step_when_read() -> None:
    store = InMemoryEventStore()
    store.append("s", [NewEvent("ThingNamed", {"title": "old"}, schema_version=1)])
    (recorded,) = store.read_stream("s")
    assert registry.decode(recorded) == ThingNamed("old", "en")
    assert recorded.payload == {"title": "old"}, "the stored event itself is never rewritten"


def test_a_renamed_type_is_read_through_its_alias() -> None:
    aliased = EventRegistry([ThingNamed])
    aliased.alias("ThingCalled", "ThingNamed")
    store = InMemoryEventStore()
    store.append("s", [NewEvent("ThingCalled", {"name": "x", "language": "de"}, schema_version=3)])
    assert aliased.decode(store.read_stream("s")[0]) == ThingNamed("x", "de")


def test_an_unknown_type_is_reported_not_a_crash() -> None:
    store = InMemoryEventStore()
    store.append("s", [NewEvent("SomethingElse", {})])
    decoded = registry.decode(store.read_stream("s")[0])
    assert isinstance(decoded, UnknownEvent) and decoded.event_type == "SomethingElse"
    with pytest.raises(UnknownEventTypeError):
        registry.class_for("SomethingElse")


def test_a_payload_from_a_newer_program_or_with_a_missing_upcaster_is_an_error() -> None:
    store = InMemoryEventStore()
    store.append("s", [NewEvent("ThingNamed", {"name": "x", "language": "en"}, schema_version=9)])
    with pytest.raises(UpcastError, match="upgrade the program"):
        registry.decode(store.read_stream("s")[0])
    bare = EventRegistry([ThingNamed])
    store.append("t", [NewEvent("ThingNamed", {"title": "x"}, schema_version=1)])
    with pytest.raises(UpcastError, match="no upcaster"):
        bare.decode(store.read_stream("t")[0])


def test_registering_two_classes_under_one_name_is_refused() -> None:
    @dataclass(frozen=True)
    class Other(Event):
        event_type = "ThingNamed"

    with pytest.raises(ValueError, match="twice"):
        EventRegistry([ThingNamed, Other])
