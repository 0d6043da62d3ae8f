"""Crontab lines as APScheduler triggers: when the daemon publishes a digest.

In the core, not in a stage: the settings validate ``digest.schedule`` with it
at start, and the daemon schedules with it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger


def cron_trigger(expression: str, timezone: str) -> CronTrigger:
    """An APScheduler trigger from a crontab line, read in ``timezone``.

    Five fields are standard crontab (minute hour day month weekday); six put
    seconds first, as Quartz and croniter allow ("*/30 * * * * *": every 30 s).
    """
    fields = expression.split()
    if len(fields) == 6:
        second, minute, hour, day, month, weekday = fields
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=weekday,
            timezone=ZoneInfo(timezone),
        )
    return CronTrigger.from_crontab(expression, timezone=ZoneInfo(timezone))
