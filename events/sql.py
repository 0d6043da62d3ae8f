"""One way to run SQL on the read models, whichever database holds them.

Projections and queries are written once, in SQL that SQLite and PostgreSQL both
accept (``INSERT … ON CONFLICT … DO UPDATE``, ``COALESCE``, ``CASE``), with ``?``
placeholders. ``Database`` runs that SQL: on SQLite as it is, on PostgreSQL with
the placeholders turned into psycopg's ``%s``. The few things the two spell
differently (walking a JSON array) are methods here, so the SQL that needs them
names what it wants rather than a dialect.

Raw DB-API calls, not an ORM or SQLAlchemy: a projection's batch is a handful of
``executemany`` calls on its hot path, and the SQL stays what a reader of the
database sees.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Literal, Protocol

import sqlite_utils

Dialect = Literal["sqlite", "postgresql"]
#: Positional parameters for ``?``, or a mapping for ``:name`` placeholders.
Params = Sequence[Any] | Mapping[str, Any]


class Cursor(Protocol):
    """What callers use of a DB-API cursor."""

    @property
    def description(self) -> Any:
        """Column descriptions; ``d[0]`` is each column's name."""
        ...

    @property
    def rowcount(self) -> int:
        """Rows changed by the last statement."""
        ...

    def fetchone(self) -> Any:
        """The next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        ...

    def __iter__(self) -> Iterator[Any]:
        """The remaining rows, one by one."""
        ...


class Database(Protocol):
    """A read-model database: the same SQL on SQLite and PostgreSQL."""

    @property
    def dialect(self) -> Dialect:
        """Which database this is, for the rare statement that must differ."""
        ...

    def execute(self, statement: str, params: Params = ()) -> Cursor:
        """Run one statement with ``?`` placeholders (or ``:name`` ones, given a mapping)."""
        ...

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        ...

    def rows(self, statement: str, params: Params = ()) -> list[dict[str, Any]]:
        """The statement's rows as dicts keyed by column name."""
        ...

    def json_elements(self, expression: str, alias: str) -> str:
        """A FROM item listing the text elements of a JSON array, as ``alias.value``."""
        ...

    def batch(self) -> AbstractContextManager[object]:
        """A block whose writes may go out without waiting for each one's answer."""
        ...


def _as_dicts(cursor: Cursor) -> list[dict[str, Any]]:
    if cursor.description is None:
        return []
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class SQLiteDatabase(sqlite_utils.Database):
    """sqlite-utils' handle on the store's connection, with the portable methods."""

    dialect: Dialect = "sqlite"

    def execute(self, statement: str, params: Params = ()) -> Cursor:  # type: ignore[override]
        """Run one statement."""
        return self.conn.execute(statement, params)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        self.conn.executemany(statement, rows)

    def rows(self, statement: str, params: Params = ()) -> list[dict[str, Any]]:
        """The statement's rows as dicts."""
        return _as_dicts(self.conn.execute(statement, params))

    def json_elements(self, expression: str, alias: str) -> str:
        """``json_each``: its ``value`` column is the element."""
        return f"json_each({expression}) AS {alias}"

    def batch(self) -> AbstractContextManager[object]:
        """Nothing to do: SQLite runs in this process, a statement costs no round trip."""
        return nullcontext()


# Quoted strings and identifiers are kept; a ``?`` or ``:name`` outside them is a
# placeholder (``::type`` is a cast). Every ``%`` becomes ``%%``: psycopg reads
# placeholders in the whole text, quoted or not.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|:[A-Za-z_]\w*|\?|%")


@functools.lru_cache(maxsize=1024)
def to_pyformat(statement: str, named: bool = False) -> str:
    """The statement with ``?`` (or, ``named``, ``:name``) placeholders as psycopg's."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if token.startswith(":") and token != "::":
            return f"%({token[1:]})s" if named else token
        return token.replace("%", "%%")

    return _TOKENS.sub(swap, statement)


class PostgresDatabase:
    """A psycopg connection that runs the read models' portable SQL."""

    dialect: Dialect = "postgresql"

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, statement: str, params: Params = ()) -> Cursor:
        """Run one statement."""
        if isinstance(params, Mapping):
            cursor: Cursor = self.conn.execute(to_pyformat(statement, True), dict(params))
        else:
            cursor = self.conn.execute(to_pyformat(statement), tuple(params))
        return cursor

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters (pipelined by psycopg)."""
        batch = [tuple(r) for r in rows]
        if batch:
            with self.conn.cursor() as cursor:
                cursor.executemany(to_pyformat(statement), batch)

    def rows(self, statement: str, params: Params = ()) -> list[dict[str, Any]]:
        """The statement's rows as dicts."""
        return _as_dicts(self.execute(statement, params))

    def json_elements(self, expression: str, alias: str) -> str:
        """``json_array_elements_text``, its column named ``value`` as in SQLite."""
        return f"json_array_elements_text(({expression})::json) AS {alias}(value)"

    def batch(self) -> AbstractContextManager[object]:
        """psycopg's pipeline mode: a read model's inserts and updates go out without
        waiting for each answer (measured: a rebuild 3 times as fast), in order; a failed
        one raises when the block ends, and its transaction rolls back."""
        pipeline: AbstractContextManager[object] = self.conn.pipeline()
        return pipeline


def upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """``INSERT … ON CONFLICT (key) DO UPDATE`` of every other column: a portable
    ``INSERT OR REPLACE`` for a row written whole."""
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    others = [c for c in columns if c not in key]
    action = (
        "DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in others)
        if others
        else "DO NOTHING"
    )
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({', '.join(key)}) {action}"
