"""The container files in the repository: the compose file, and the image's pinned packages."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml

from monitor.settings import load_settings
from tests.support.paths import REPO


def seconds(value: str) -> float:
    units = {"s": 1, "m": 60}
    return float(value[:-1]) * units[value[-1]]


def _runs_as_a_service_should(name: str, service: dict[str, Any]) -> None:
    """A monitor service: an init, rotated logs, a memory limit and the settings folder."""
    assert service["init"] is True, name
    assert service["logging"]["options"]["max-size"], name
    assert service["mem_limit"], name
    # The settings folder, not a file: a missing file would be mounted as a folder.
    assert "./monitor-config:/config:ro" in service["volumes"], name


def test_the_compose_file_stops_gracefully_rotates_logs_and_caps_memory() -> None:
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    shutdown = load_settings(environ={}).daemon.shutdown_timeout
    for name, service in compose["services"].items():
        _runs_as_a_service_should(name, service)
    assert seconds(compose["services"]["monitor"]["stop_grace_period"]) > shutdown
    assert compose["services"]["monitor"]["build"] == "."


def test_the_cluster_compose_file_runs_the_monitor_on_its_postgresql() -> None:
    compose = yaml.safe_load((REPO / "compose.cluster.yaml").read_text())
    shutdown = load_settings(environ={}).daemon.shutdown_timeout
    services = compose["services"]
    monitors = {name: s for name, s in services.items() if name != "db"}
    assert set(monitors) == {"scheduler", "worker", "web"}
    for name, service in monitors.items():
        _runs_as_a_service_should(name, service)
        assert seconds(service["stop_grace_period"]) > shutdown, name
        # Every one on the db service's store, never on a SQLite file of its own.
        assert service["environment"]["MONITOR_STORE__URL"].startswith("postgresql://"), name
        assert "@db:5432/" in service["environment"]["MONITOR_STORE__URL"], name
    assert monitors["scheduler"]["command"] == ["run"]
    assert monitors["worker"]["command"][0] == "worker"
    assert monitors["worker"]["deploy"]["replicas"] >= 2
    # Workers and the web app start after the scheduler, which initialises the store.
    assert monitors["worker"]["depends_on"] == monitors["web"]["depends_on"] == ["scheduler"]
    # No daemon heartbeat in the web container: its own check asks the server.
    assert "/api/v1/status" in " ".join(monitors["web"]["healthcheck"]["test"])


def test_the_image_pins_every_dependency_the_project_names() -> None:
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (REPO / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["notify"]]
    names = {
        re.split(r"[<>=\[;! ]", spec, maxsplit=1)[0].lower().replace("_", "-") for spec in wanted
    }
    assert names - pinned == set()
    assert "-c constraints.txt" in (REPO / "Dockerfile").read_text()
    # The build context holds only what .dockerignore lets through: the pins too.
    assert "!constraints.txt" in (REPO / ".dockerignore").read_text().splitlines()
