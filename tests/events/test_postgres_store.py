"""The PostgreSQL store keeps the store contract, and the promises only a server must make."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import psycopg
import pytest

from events import (
    EventStoreError,
    NewEvent,
    SQLiteEventStore,
    StoreSchemaError,
    StoreUnavailableError,
)
from events.postgres import PostgresEventStore
from events.urls import safe_url
from tests.events.contract import EventStoreContract
from tests.support.postgres import fresh_schema, postgres_url


def open_store(schema: str | None = None) -> PostgresEventStore:
    return PostgresEventStore(postgres_url(), schema=schema or fresh_schema("events"))


class TestPostgresEventStore(EventStoreContract):
    def make_store(self) -> PostgresEventStore:
        # A fresh schema per call: hypothesis runs many examples per test.
        return open_store()

    def handles(self, store: object, n: int) -> Sequence[PostgresEventStore]:
        assert isinstance(store, PostgresEventStore)
        return [PostgresEventStore(store.url, schema=store.schema) for _ in range(n)]


def test_events_cannot_be_updated_deleted_or_truncated_even_with_sql() -> None:
    store = open_store()
    store.append("s", [NewEvent("Counted", {"value": 1})])
    for statement in (
        "UPDATE events SET payload = '{}'",
        "DELETE FROM events",
        "TRUNCATE events",
    ):
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="immutable"):
            store.conn.execute(statement)
    assert store.read_stream("s")[0].payload == {"value": 1}


def test_reopening_a_store_keeps_its_events_and_a_newer_schema_is_refused() -> None:
    schema = fresh_schema("events")
    with open_store(schema) as store:
        store.append("s", [NewEvent("Counted", {"value": 1})])
    with open_store(schema) as store:
        assert store.type_counts() == {"Counted": 1}
        store.conn.execute("UPDATE event_store_meta SET value = '99'")
    with pytest.raises(StoreSchemaError, match="upgrade the program"):
        open_store(schema)


def test_a_failed_append_inside_a_transaction_rolls_back_everything() -> None:
    store = open_store()
    with pytest.raises(RuntimeError), store.transaction():
        store.append("s", [NewEvent("Counted", {"value": 1})])
        raise RuntimeError("crash between the append and the read model")
    assert store.count() == 0
    store.append("s", [NewEvent("Counted", {"value": 2})])
    assert [e.position for e in store.read_all()] == [1]


def test_a_duplicate_event_id_inside_a_callers_transaction_leaves_it_usable() -> None:
    store = open_store()
    store.append("s", [NewEvent("Counted", {}, event_id="fixed")])
    with store.transaction():
        with pytest.raises(Exception, match="idempotency"):
            store.append("t", [NewEvent("Counted", {}, event_id="fixed")])
        store.append("t", [NewEvent("Counted", {"ok": True})])
    assert store.stream_version("t") == 1


def test_payloads_keep_text_jsonb_would_refuse_and_timestamps_read_as_utc_iso() -> None:
    store = open_store()
    store.append("s", [NewEvent("Noted", {"text": "nul\u0000byte", "z": 1, "a": 2})])
    (event,) = store.read_stream("s")
    assert event.payload == {"text": "nul\u0000byte", "z": 1, "a": 2}
    assert list(event.payload) == ["text", "z", "a"]
    assert event.recorded_at.endswith("Z") and "T" in event.recorded_at


def test_schemas_keep_stores_apart_in_one_database() -> None:
    first, second = open_store(), open_store()
    first.append("s", [NewEvent("Counted", {})])
    assert second.count() == 0 and first.count() == 1


def test_an_unreachable_server_is_one_clear_error_without_the_password() -> None:
    url = "postgresql://monitor:secret@127.0.0.1:1/none"
    with pytest.raises(StoreUnavailableError) as info:
        PostgresEventStore(url, connect_timeout=2)
    message = str(info.value)
    assert "cannot connect to PostgreSQL at postgresql://monitor:***@127.0.0.1:1/none" in message
    assert "secret" not in message
    assert safe_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_a_reader_tailing_the_log_never_skips_or_repeats_an_event_while_writers_race() -> None:
    """Global order is commit order: a tailer reading ``position > last`` sees every event
    exactly once, even when many writers commit in a different order than they began."""
    schema = fresh_schema("events")
    open_store(schema).close()
    writers, appends_each = 6, 60
    done = threading.Event()
    seen: list[int] = []
    failures: list[BaseException] = []

    def write(n: int) -> None:
        try:
            with PostgresEventStore(postgres_url(), schema=schema) as store:
                for i in range(appends_each):
                    # Several streams, single and batched appends, transactions of
                    # different lengths: commits land in a different order than begins.
                    with store.transaction():
                        store.append(f"w{n}-{i % 3}", [NewEvent("Counted", {"n": n, "i": i})])
                        if i % 4 == 0:
                            store.conn.execute("SELECT pg_sleep(0.002)")
                        if i % 5 == 0:
                            store.append_many(
                                [(f"w{n}-x", [NewEvent("Counted", {"n": n})] * 2, None)]
                            )
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    def tail() -> None:
        with PostgresEventStore(postgres_url(), schema=schema) as store:
            last = 0
            while True:
                finished = done.is_set()
                for event in store.read_all(last, batch_size=7):
                    seen.append(event.position)
                    last = event.position
                if finished:
                    return

    reader = threading.Thread(target=tail)
    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join()
    assert not failures
    total = writers * (appends_each + 2 * len(range(0, appends_each, 5)))
    assert len(seen) == total, "the tailer skipped or repeated events"
    assert seen == list(range(1, total + 1))


def test_a_log_copied_between_sqlite_and_postgresql_comes_back_identical(tmp_path: Path) -> None:
    source = SQLiteEventStore(tmp_path / "source.db")
    for n in range(7):
        source.append(
            f"s{n % 3}",
            [
                NewEvent("Counted", {"n": n, "text": "één"}, idempotency_key=f"k{n}"),
                NewEvent("Noted", {}, correlation_id="c", extra_metadata={"host": "h"}),
            ],
        )
    middle = open_store()
    assert middle.copy_in(source.read_all(), batch_size=4) == 14
    back = SQLiteEventStore(tmp_path / "back.db")
    assert back.copy_in(middle.read_all()) == 14
    assert list(back.read_all()) == list(middle.read_all()) == list(source.read_all())
    # The copies go on as stores: versions, positions and keys carry over.
    retry = middle.append(
        "s0", [NewEvent("Counted", {"n": 0, "text": "één"}, idempotency_key="k0")]
    )
    assert retry.written is False and retry.positions == (1,)
    assert middle.append("s0", [NewEvent("Counted", {})], expected_version=6).positions == (15,)
    with pytest.raises(EventStoreError, match="copy into an empty store"):
        back.copy_in(source.read_all())
    assert back.count() == 14
