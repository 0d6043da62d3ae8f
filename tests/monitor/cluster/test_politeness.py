"""Per-host spacing that holds across workers: each request reserves the host's next turn."""

from __future__ import annotations

from itertools import pairwise

from events.postgres import PostgresEventStore
from monitor.cluster.politeness import SharedHostGate
from tests.support.postgres import fresh_schema, postgres_url


def test_two_workers_gates_hand_out_one_turn_per_delay_for_a_host() -> None:
    schema = fresh_schema("gate")
    PostgresEventStore(postgres_url(), schema=schema).close()  # the store the workers share
    one = SharedHostGate(postgres_url(), schema, per_host=2, min_delay=5.0)
    two = SharedHostGate(postgres_url(), schema, per_host=2, min_delay=5.0)
    try:
        waits = [gate.reserve("Example.org") for gate in (one, two, one, two, two)]
        other = two.reserve("example.net")
    finally:
        one.close()
        two.close()
    # Turns 0, 5, 10, 15, 20 s from now, whichever worker asks; less the time the
    # calls themselves took (milliseconds here).
    assert waits[0] == 0.0
    for earlier, later in pairwise(waits):
        assert 4.8 <= later - earlier <= 5.0, waits
    assert other == 0.0  # another host has its own turns


def test_an_unreachable_gate_falls_back_to_local_spacing(log_lines: list[str]) -> None:
    gate = SharedHostGate("postgresql://monitor@127.0.0.1:1/none", "x", per_host=1, min_delay=1)
    assert gate.reserve("example.org") == 0.0
    assert any("host gate unavailable, spacing locally" in line for line in log_lines)
