"""The compose file in the repository: what an operator gets by ``docker compose up``."""

from __future__ import annotations

import yaml

from monitor.settings import load_settings
from tests.support.paths import REPO


def seconds(value: str) -> float:
    units = {"s": 1, "m": 60}
    return float(value[:-1]) * units[value[-1]]


def test_the_compose_file_stops_gracefully_rotates_logs_and_caps_memory() -> None:
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    shutdown = load_settings(environ={}).daemon.shutdown_timeout
    for name, service in compose["services"].items():
        assert service["init"] is True, name
        assert service["logging"]["options"]["max-size"], name
        assert service["mem_limit"], name
        # The settings folder, not a file: a missing file would be mounted as a folder.
        assert "./monitor-config:/config:ro" in service["volumes"], name
    assert seconds(compose["services"]["monitor"]["stop_grace_period"]) > shutdown
    assert compose["services"]["monitor"]["build"] == "."
