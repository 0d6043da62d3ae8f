"""The portable SQL: placeholders turned into psycopg's, quoted text left alone."""

from __future__ import annotations

from events.sql import to_pyformat, upsert
from events.urls import safe_url


def test_question_marks_become_placeholders_outside_quoted_text_only() -> None:
    statement = "SELECT '?', \"odd?\" FROM t WHERE a = ? AND b LIKE '50%' AND c = ?"
    assert to_pyformat(statement) == (
        "SELECT '?', \"odd?\" FROM t WHERE a = %s AND b LIKE '50%%' AND c = %s"
    )


def test_named_placeholders_are_turned_only_when_asked_and_casts_are_kept() -> None:
    statement = "SELECT x::json FROM t WHERE a >= :since AND b = ':not'"
    assert to_pyformat(statement, True) == (
        "SELECT x::json FROM t WHERE a >= %(since)s AND b = ':not'"
    )
    assert to_pyformat(statement) == statement


def test_upsert_updates_every_column_but_the_key() -> None:
    assert upsert("t", ("k", "a", "b"), ("k",)) == (
        "INSERT INTO t (k, a, b) VALUES (?, ?, ?) "
        "ON CONFLICT (k) DO UPDATE SET a = excluded.a, b = excluded.b"
    )
    assert upsert("t", ("k",), ("k",)).endswith("ON CONFLICT (k) DO NOTHING")


def test_a_url_shown_to_people_has_no_password() -> None:
    assert safe_url("postgresql://u:p%40ss@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert safe_url("postgresql://h/db") == "postgresql://h/db"
