"""Projections: checkpoints with their rows, catch-up, rebuild, version changes.

Every test runs on both read-model databases: a SQLite file and a PostgreSQL schema.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import NewEvent, ProjectionRunner, SQLiteEventStore
from events.projection import ReadModelStore
from tests.events.support import StreamTally, TypeTally, table_rows
from tests.support.postgres import fresh_schema, postgres_url

MakeStore = Callable[[], ReadModelStore]


def sqlite_store() -> ReadModelStore:
    return SQLiteEventStore(Path(tempfile.mkdtemp(prefix="projections-")) / "e.db")


def postgres_store() -> ReadModelStore:
    from events.postgres import PostgresEventStore  # noqa: PLC0415 (needs a server)

    return PostgresEventStore(postgres_url(), schema=fresh_schema("projections"))


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request: pytest.FixtureRequest) -> MakeStore:
    if request.param == "postgresql":
        postgres_url()
        return postgres_store
    return sqlite_store


def test_catch_up_applies_new_events_once_and_saves_the_checkpoint(make_store: MakeStore) -> None:
    store = make_store()
    runner = ProjectionRunner(store, [StreamTally()], batch_size=3)
    store.append("a", [NewEvent("Counted", {"value": v}) for v in (1, 2, 3, 4)])
    assert runner.catch_up() == {"tally": 4}
    assert runner.catch_up() == {"tally": 0}
    store.append("b", [NewEvent("Counted", {"value": 10})])
    runner.catch_up()
    assert table_rows(store.db, "tally") == [("a", 4, 10, 4), ("b", 1, 10, 1)]
    assert runner.checkpoint("tally").position == 5


def test_a_typed_projection_moves_its_checkpoint_past_other_events(make_store: MakeStore) -> None:
    store = make_store()
    runner = ProjectionRunner(store, [TypeTally()], batch_size=2)
    store.append("a", [NewEvent("Other", {})] * 5 + [NewEvent("Counted", {"value": 2})])
    store.append("a", [NewEvent("Other", {})] * 3)
    assert runner.catch_up() == {"type_tally": 1}
    assert runner.checkpoint("type_tally").position == 9
    assert table_rows(store.db, "type_tally") == [("a", 1, 2, 6)]


def test_a_projection_whose_version_changed_is_rebuilt_on_catch_up(make_store: MakeStore) -> None:
    store = make_store()
    store.append("a", [NewEvent("Counted", {"value": 1})] * 3)
    ProjectionRunner(store, [StreamTally()]).catch_up()
    # Corrupt the read model, as a buggy old version of it might have.
    store.db.execute("UPDATE tally SET total = 999")

    class StreamTallyV2(StreamTally):
        version = 2

    runner = ProjectionRunner(store, [StreamTallyV2()])
    runner.catch_up()
    assert table_rows(store.db, "tally") == [("a", 3, 3, 3)]
    assert runner.checkpoint("tally").version == 2


def test_rebuild_reports_progress_and_reproduces_the_read_model(make_store: MakeStore) -> None:
    store = make_store()
    runner = ProjectionRunner(store, [StreamTally()], batch_size=10)
    for i in range(35):
        store.append(f"s{i % 4}", [NewEvent("Counted", {"value": i})])
    runner.catch_up()
    live = table_rows(store.db, "tally")
    seen: list[tuple[str, int, int]] = []
    assert runner.rebuild(progress=lambda *a: seen.append(a)) == {"tally": 35}
    assert table_rows(store.db, "tally") == live
    assert seen[-1] == ("tally", 35, 35) and len(seen) == 4


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]),
            st.lists(
                st.tuples(st.sampled_from(["Counted", "Other"]), st.integers(-50, 50)),
                min_size=1,
                max_size=4,
            ),
            st.booleans(),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_replaying_all_events_into_fresh_projections_reproduces_the_live_ones(
    make_store: MakeStore, appends: list[tuple[str, list[tuple[str, int]], bool]]
) -> None:
    store = make_store()
    live = ProjectionRunner(store, [StreamTally(), TypeTally()], batch_size=3)
    for stream, events, catch_up_now in appends:
        with store.transaction():
            store.append(stream, [NewEvent(kind, {"value": v}) for kind, v in events])
            if catch_up_now:
                live.catch_up()
    live.catch_up()
    before = {t: table_rows(store.db, t) for t in ("tally", "type_tally")}
    # A fresh file fed the same log must come out the same.
    fresh = make_store()
    for event in store.read_all():
        fresh.append(event.stream_id, [NewEvent(event.event_type, event.payload)])
    ProjectionRunner(fresh, [StreamTally(), TypeTally()], batch_size=5).catch_up()
    assert {t: table_rows(fresh.db, t) for t in ("tally", "type_tally")} == before
    live.rebuild()
    assert {t: table_rows(store.db, t) for t in ("tally", "type_tally")} == before
