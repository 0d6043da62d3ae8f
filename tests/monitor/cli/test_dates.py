"""Every date option parses what people write, or exits 2 naming the option."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.times import parse_when
from tests.monitor.cli.test_cli import run

NOW = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2025-02-01", datetime(2025, 2, 1, tzinfo=UTC)),
        ("2025-02-01T09:30:00Z", datetime(2025, 2, 1, 9, 30, tzinfo=UTC)),
        ("today", datetime(2026, 12, 1, tzinfo=UTC)),
        ("Yesterday", datetime(2026, 11, 30, tzinfo=UTC)),
        ("12h", datetime(2026, 12, 1, 3, 30, tzinfo=UTC)),
        ("7d", datetime(2026, 11, 24, 15, 30, tzinfo=UTC)),
        ("2w", datetime(2026, 11, 17, 15, 30, tzinfo=UTC)),
    ],
)
def test_the_forms_people_write(value: str, moment: datetime) -> None:
    assert parse_when(value, NOW) == moment


@pytest.mark.parametrize("value", ["25.11.2026", "soon", "7 days ago", "2025-13-01", "12x"])
def test_anything_else_is_refused(value: str) -> None:
    with pytest.raises(ValueError):
        parse_when(value, NOW)


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["updates", "--since", "25.11.2026"], "--since"),
        (["digest", "--since", "last week"], "--since"),
        (["rescore", "--since", "yesterday-ish"], "--since"),
        (["check", "-", "--published", "25.11.2026"], "--published"),
    ],
)
def test_a_bad_date_exits_2_naming_the_option(
    db_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], option: str
) -> None:
    code, _, err = run(capsys, *command)
    assert code == 2 and option in err, err


def test_updates_since_yesterday_works(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init")[0] == 0
    code, out, _ = run(capsys, "updates", "--since", "yesterday")
    assert code == 0 and "no updates flagged since" in out
