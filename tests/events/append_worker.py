"""A worker process for the store's multi-process and crash tests.

    python -m tests.events.append_worker DB MODE WORKER_ID COUNT

MODE ``contend``: append COUNT events, one at a time, to a shared stream with
optimistic concurrency (retrying on conflict) and to the worker's own stream.
MODE ``crash``: append batches of five events forever, each with its projections
caught up in the same transaction, until the parent kills the process.
"""

from __future__ import annotations

import sys

from events import ConcurrencyError, NewEvent, ProjectionRunner, SQLiteEventStore
from tests.events.support import StreamTally, TypeTally

BATCH = 5


def contend(store: SQLiteEventStore, worker: str, count: int) -> None:
    """Append to a shared stream under contention and to a stream of our own."""
    for n in range(count):
        while True:
            version = store.stream_version("shared")
            try:
                store.append(
                    "shared",
                    [NewEvent("Counted", {"worker": worker, "n": n, "value": 1})],
                    expected_version=version,
                )
                break
            except ConcurrencyError:
                continue
        store.append(f"own-{worker}", [NewEvent("Counted", {"worker": worker, "n": n})])


def crash_loop(store: SQLiteEventStore, worker: str) -> None:
    """Append whole batches with their projections, until killed."""
    runner = ProjectionRunner(store, [StreamTally(), TypeTally()])
    batch_no = 0
    while True:
        batch_no += 1
        events = [
            NewEvent(
                "Counted" if i % 2 else "Other",
                {"batch": f"{worker}-{batch_no}", "value": i},
                correlation_id=f"{worker}-{batch_no}",
            )
            for i in range(BATCH)
        ]
        with store.transaction():
            store.append(f"stream-{batch_no % 7}", events)
            runner.catch_up()
        if batch_no % 3 == 0:
            # Also append outside a projection transaction: catch-up must cope later.
            store.append("loose", [NewEvent("Counted", {"value": 1})] * 1)


def main() -> None:
    """Entry point: parse the arguments and run the chosen mode."""
    db, mode, worker, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = SQLiteEventStore(db, busy_timeout_ms=30_000)
    if mode == "contend":
        contend(store, worker, count)
    else:
        crash_loop(store, worker)
    store.close()


if __name__ == "__main__":
    main()
