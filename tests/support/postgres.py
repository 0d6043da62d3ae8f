"""A real PostgreSQL server for tests: its URL, and a fresh schema for every store.

``scripts/start-postgres`` starts one on 127.0.0.1 and prints the URL; ``.ci/run``
exports it as AI_ACT_MONITOR_TEST_POSTGRES_URL. Without that variable the PostgreSQL
tests skip and say how to run them; with it set but the server unreachable they
fail, so CI cannot pass by skipping them.
"""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from psycopg import sql

# Not a MONITOR_* name: the monitor would warn of an unknown setting in every process
# the tests start.
URL = os.environ.get("AI_ACT_MONITOR_TEST_POSTGRES_URL", "")
SKIP_REASON = (
    "no PostgreSQL for the tests: run scripts/start-postgres and export the "
    "AI_ACT_MONITOR_TEST_POSTGRES_URL it prints"
)

_created: list[str] = []


def postgres_url() -> str:
    """The test server's URL, or a skip with how to get one."""
    if not URL:
        pytest.skip(SKIP_REASON)
    return URL


def fresh_schema(prefix: str = "t") -> str:
    """The name of a new, empty schema on the test server (dropped when the tests end)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    _created.append(name)
    return name


def drop_created_schemas() -> None:
    """Drop every schema the tests made (called once, when the session ends)."""
    if not URL or not _created:
        return
    with psycopg.connect(URL, autocommit=True) as conn:
        for name in _created:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
    _created.clear()
