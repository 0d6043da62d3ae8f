"""Shared fixtures: a clean environment and a store path in a temporary folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from loguru import logger

from tests.support.postgres import drop_created_schemas
from tests.support.server import LocalServer


@pytest.fixture(autouse=True)
def clean_monitor_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No MONITOR_* variable of the developer's shell leaks into a test."""
    for name in list(os.environ):
        if name.startswith("MONITOR_"):
            monkeypatch.delenv(name)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store path in tmp_path, set as MONITOR_DB."""
    path = tmp_path / "store" / "monitor.db"
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path


@pytest.fixture
def log_lines() -> Iterator[list[str]]:
    """Loguru's records during the test, as formatted lines (loguru bypasses caplog)."""
    lines: list[str] = []
    sink_id = logger.add(lambda message: lines.append(str(message)), level="DEBUG")
    yield lines
    logger.remove(sink_id)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1, stopped after the test."""
    local = LocalServer()
    yield local
    local.stop()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Leave the PostgreSQL test database as it was: drop the schemas the tests made."""
    drop_created_schemas()
