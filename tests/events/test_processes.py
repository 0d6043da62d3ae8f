"""Several OS processes on one store file, and processes killed mid-append."""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from events import ProjectionRunner, SQLiteEventStore
from tests.events.append_worker import BATCH
from tests.events.support import StreamTally, TypeTally, table_rows

REPO = Path(__file__).resolve().parents[2]


def start_worker(db: Path, mode: str, worker: str, count: int = 0) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.events.append_worker", str(db), mode, worker, str(count)],
        cwd=REPO,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_processes_appending_at_once_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    SQLiteEventStore(db).close()
    workers, per_worker = 4, 150
    procs = [start_worker(db, "contend", f"w{i}", per_worker) for i in range(workers)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    store = SQLiteEventStore(db)
    shared = store.read_stream("shared")
    assert [e.stream_version for e in shared] == list(range(1, workers * per_worker + 1))
    seen = collections.Counter((e.payload["worker"], e.payload["n"]) for e in shared)
    assert len(seen) == workers * per_worker and set(seen.values()) == {1}
    for i in range(workers):
        own = store.read_stream(f"own-w{i}")
        assert [e.payload["n"] for e in own] == list(range(per_worker))
    positions = [e.position for e in store.read_all()]
    assert positions == sorted(set(positions)) and len(positions) == 2 * workers * per_worker


@pytest.mark.slow
def test_a_process_killed_mid_append_leaves_whole_appends_and_true_projections(
    tmp_path: Path,
) -> None:
    db = tmp_path / "crash.db"
    rng = random.Random(20261124)
    kills = 25
    for round_no in range(kills):
        proc = start_worker(db, "crash", f"r{round_no}")
        # Let it get going (imports take a while), then kill it at a random instant.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if db.exists() and SQLiteEventStore(db).count() > 0 and round_no == 0:
                break
            if round_no > 0:
                break
            time.sleep(0.02)
        time.sleep(0.25 + rng.random() * 0.4)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

        store = SQLiteEventStore(db)
        batches = collections.Counter(
            e.correlation_id for e in store.read_all() if e.correlation_id is not None
        )
        assert batches, "the worker wrote nothing before it was killed"
        assert set(batches.values()) == {BATCH}, f"a torn append after kill {round_no + 1}"
        runner = ProjectionRunner(store, [StreamTally(), TypeTally()])
        runner.catch_up()
        live = {t: table_rows(store.db, t) for t in ("tally", "type_tally")}
        runner.rebuild()
        rebuilt = {t: table_rows(store.db, t) for t in ("tally", "type_tally")}
        assert live == rebuilt, f"a projection drifted after kill {round_no + 1}"
        store.close()
