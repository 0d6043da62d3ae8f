"""``monitor run``: the scheduler that polls each feed at its own time, and its heartbeat.

One APScheduler (3.x) job per active feed, each a one-shot date job at the
feed's ``next_poll_at`` (its interval with jitter, or its backoff after
failures, or a server's Retry-After), rescheduled after every poll: a feed is
never polled twice at once, and a feed that fails waits its backoff. Feeds
overdue at start are spread over ``daemon.startup_spread`` so that a restart
does not fire them all at once. Periodic jobs extract and assess what is
pending, pick up feeds other commands added or removed, and write the
heartbeat that ``monitor health`` reads. The main thread writes the heartbeat
and watches the wall clock: when it steps (NTP, a resumed VM), every job is
moved by the step (``monitor.daemon.clock``).

One daemon per store: an exclusive ``flock`` on ``<store>.lock``. The kernel
releases it when the process dies, however it dies, so a crash never leaves a
stale lock behind. (On PostgreSQL, ``monitor run`` is a queue worker instead:
see ``monitor.cluster``.)
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import IO, Any
from urllib.parse import urlsplit

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from loguru import logger

from monitor.app import Monitor
from monitor.crontab import cron_trigger
from monitor.daemon.clock import ClockWatch
from monitor.daemon.notify import sd_notify
from monitor.digest import Digests
from monitor.errors import MonitorError
from monitor.heartbeat import write_heartbeat
from monitor.ingest import Poller
from monitor.store_care import describe_database_error
from monitor.times import iso_z, parse_iso_or_none

#: The longest a poll thread waits for a host's turn (``fetch.per_host_delay``): a
#: feed whose host is not free sooner is polled at its turn instead, and pages
#: whose host is not free are left to the pending pass, which runs at the turn on
#: a thread of its own. Poll threads never sleep for politeness.
POLITENESS_SLACK = 0.5


class DaemonError(MonitorError):
    """The daemon cannot start (another holds the store) or cannot go on."""


def next_run(job: Job) -> datetime | None:
    """When a job runs next; ``None`` when paused or not yet placed.

    APScheduler 3 gives a job added before the scheduler has started no
    ``next_run_time`` attribute at all until it is placed, so a look while the
    daemon starts must not raise.
    """
    due: datetime | None = getattr(job, "next_run_time", None)
    return due


def lock_path(store: Path) -> Path:
    """The lock file of a store."""
    return store.with_name(store.name + ".lock")


class StoreLock:
    """An exclusive, crash-safe lock on a store: one scheduler per store."""

    def __init__(self, store: Path) -> None:
        self.path = lock_path(store)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or say who holds it."""
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise DaemonError(
                f"another `monitor run` ({holder}) is already running on this store; "
                f"one scheduler per store (lock: {self.path})"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Let the lock go (the kernel does it too when the process ends)."""
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


class Daemon:
    """The long-running monitor: scheduler, jobs, heartbeat and a clean stop."""

    def __init__(
        self,
        app: Monitor,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.settings = app.settings.daemon
        self.now = now
        self.store = app.store_path  # this machine's files: the heartbeat, the SQLite lock
        self.lock = StoreLock(self.store)
        self.poller: Poller | None = None
        self.scheduler = BackgroundScheduler(
            # Polls on one pool; the rest on a small one of its own, so that polls
            # waiting on a slow or rate-limited host never hold up extraction,
            # assessment, feed changes, deliveries or the digest.
            executors={
                "default": ThreadPoolExecutor(max(1, app.settings.fetch.concurrency)),
                "housekeeping": ThreadPoolExecutor(2),
            },
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )
        self.started_at = now()
        self.state = "starting"
        self._stop = threading.Event()
        self._process_lock = threading.Lock()
        self._feeds: set[str] = set()
        self._random = random.Random()
        #: True when in-flight work was abandoned at shutdown (the caller should exit hard).
        self.abandoned = False
        self._signal: int | None = None
        self.clock = ClockWatch(wall)
        #: What keeps the daemon from recording its work, in one line ("" when nothing).
        self.trouble = ""
        self._beat_failed = False

    # -- jobs ---------------------------------------------------------------------

    def _feed_job_id(self, feed_id: str) -> str:
        return f"feed:{feed_id}"

    def _schedule_feed(self, feed: dict[str, Any], first: bool) -> None:
        now = self.now()
        assert self.poller is not None, "feeds are scheduled once the daemon runs"
        due = self.poller.due_at(feed, now)
        if due <= now:
            # Overdue (or never polled): spread, so that a restart does not fire them all.
            spread = min(self.settings.startup_spread, float(feed.get("interval_seconds") or 0))
            due = now + timedelta(seconds=self._random.uniform(0, spread) if first else 0)
        self._poll_at(feed["feed_id"], due, f"poll {feed['url']}")

    def _poll_at(self, feed_id: str, when: datetime, name: str) -> None:
        """The feed's one poll job, at ``when`` (replaced, never doubled)."""
        self.scheduler.add_job(
            self._poll_feed,
            "date",
            run_date=when,
            args=[feed_id],
            id=self._feed_job_id(feed_id),
            replace_existing=True,
            name=name,
        )

    def _poll_feed(self, feed_id: str) -> None:
        if self._stop.is_set() or self.poller is None:
            return
        try:
            self._poll_and_reschedule(feed_id)
        except Exception as exc:  # the store refused a write, or a bug: the feed stays scheduled
            self._trouble(f"polling feed {feed_id}", exc)
            self._poll_later(feed_id, self.settings.store_retry, "retry")
        else:
            self._cleared()

    def _poll_later(self, feed_id: str, seconds: float, why: str) -> None:
        """Run the feed's poll again in ``seconds``."""
        self._poll_at(feed_id, self.now() + timedelta(seconds=seconds), f"poll {feed_id} ({why})")

    def _pending_pass_in(self, seconds: float) -> None:
        """Run the pending pass (extraction, assessment) in ``seconds``, or sooner if due sooner."""
        run_at = self.now() + timedelta(seconds=seconds)
        job = self.scheduler.get_job("pages")
        due = next_run(job) if job is not None else None
        if due is not None and due <= run_at:
            return
        self.scheduler.add_job(
            self._guarded("process", self.process_pending),
            "date",
            run_date=run_at,
            id="pages",
            replace_existing=True,
            executor="housekeeping",
            # One may run while the next waits for it (the process lock): a pass that
            # is fetching must not make the next one be skipped.
            max_instances=2,
        )

    def _trouble(self, what: str, exc: Exception) -> None:
        """Say plainly what went wrong, and keep going.

        The store refusing writes is said once and kept as the daemon's trouble
        (``status`` shows it, ``health`` fails on it) until a write succeeds; any
        other error is a bug of one job, logged with its traceback each time.
        """
        if not isinstance(exc, sqlite3.Error):
            logger.bind(job=what).exception(f"{what} failed: {type(exc).__name__}: {exc}")
            return
        text = describe_database_error(self.store, exc)
        if "full" in str(exc).lower():
            text = (
                f"the store {self.store} is full ({exc}): nothing committed is lost; "
                f"free space: the daemon tries again every {self.settings.store_retry:g} s"
            )
        if text != self.trouble:
            logger.bind(job=what).error(f"{what}: {text}")
        self.trouble = text

    def _cleared(self) -> None:
        if self.trouble:
            logger.info(f"the store takes writes again (was: {self.trouble})")
            self.trouble = ""

    def _guarded(self, what: str, job: Callable[[], None]) -> Callable[[], None]:
        """A periodic job that reports a failure in one line and runs again at its next turn."""

        def run() -> None:
            try:
                job()
            except Exception as exc:  # next turn comes by itself: say what, and go on
                self._trouble(what, exc)

        return run

    def _poll_and_reschedule(self, feed_id: str) -> None:
        assert self.poller is not None
        rows = self.app.query("SELECT * FROM feeds WHERE feed_id = ?", (feed_id,))
        if not rows or rows[0]["status"] != "active":
            self._feeds.discard(feed_id)
            return
        # A host whose turn is seconds away: come back then, and let this thread poll
        # other hosts meanwhile instead of sleeping for politeness.
        host = urlsplit(rows[0]["url"]).hostname or ""
        wait = self.poller.gate.wait_for(host)
        if wait > POLITENESS_SLACK:
            self._poll_later(feed_id, wait, "host's turn")
            return
        self.poller.poll_one(rows[0])
        if self.app.query("SELECT 1 FROM items WHERE extraction = 'pending' LIMIT 1"):
            # Pages left for their host's turn: the pending pass fetches them then.
            self._pending_pass_in(self.poller.gate.wait_for(host))
        if self._stop.is_set():
            return
        fresh = self.app.query("SELECT * FROM feeds WHERE feed_id = ?", (feed_id,))
        if fresh and fresh[0]["status"] == "active":
            self._schedule_feed(fresh[0], first=False)
        else:
            self._feeds.discard(feed_id)

    def sync_feeds(self, first: bool = False) -> None:
        """Schedule feeds added since, unschedule those removed or gone."""
        self.app.catch_up()
        active = {
            row["feed_id"]: row
            for row in self.app.query("SELECT * FROM feeds WHERE status = 'active'")
        }
        for feed_id in self._feeds - set(active):
            job = self.scheduler.get_job(self._feed_job_id(feed_id))
            if job is not None:
                job.remove()
            logger.bind(feed=feed_id).info("feed no longer active: unscheduled")
        for feed_id in set(active) - self._feeds:
            self._schedule_feed(active[feed_id], first=first)
        self._feeds = set(active)

    def process_pending(self) -> None:
        """Extract what is pending and assess what is extracted (one at a time)."""
        if self.poller is None or self._stop.is_set():
            return
        with self._process_lock:
            self.poller.process_pending()

    def publish_digest(self) -> None:
        """The scheduled digest: what is new since the last one, published and delivered."""
        if self._stop.is_set():
            return
        with self._process_lock:
            # Assess what is pending first, so the digest does not miss an update by minutes.
            if self.poller is not None:
                self.poller.process_pending()
            Digests(self.app, now=self.now).publish_now(trigger="schedule")

    def retry_deliveries(self) -> None:
        """Deliver again what failed before and is due now."""
        if not self._stop.is_set():
            Digests(self.app, now=self.now).deliver()

    def _schedule_digests(self) -> None:
        digest = self.app.settings.digest
        if not digest.schedule:
            logger.info("no digest schedule (digest.schedule is empty)")
            return
        trigger = cron_trigger(digest.schedule, digest.timezone)
        job = self.scheduler.add_job(
            self._guarded("digest", self.publish_digest),
            trigger,
            id="digest",
            executor="housekeeping",
        )
        last = Digests(self.app, now=self.now).last_published()
        if last is not None:
            # A digest due while the daemon was down is published now, not skipped.
            since = parse_iso_or_none(last["published_at"]) or self.now()
            missed = trigger.get_next_fire_time(None, since)
            if missed is not None and missed <= self.now():
                logger.info(f"the digest due at {iso_z(missed)} was missed: publishing it now")
                self.scheduler.add_job(
                    self._guarded("digest", self.publish_digest),
                    "date",
                    id="digest-missed",
                    executor="housekeeping",
                )
        logger.info(
            f"digests on schedule {digest.schedule!r} ({digest.timezone}); "
            f"next at {job.trigger.get_next_fire_time(None, self.now())}"
        )

    def beat(self) -> None:
        """Write the heartbeat (atomically: a reader never sees half a file)."""
        data: dict[str, object] = {
            "pid": os.getpid(),
            "at": iso_z(self.now()),
            "started_at": iso_z(self.started_at),
            "state": self.state,
            "feeds": len(self._feeds),
            "trouble": self.trouble,
        }
        try:
            write_heartbeat(self.store, data)
        except OSError as exc:
            # A full disk takes the heartbeat too: `health` then sees it go stale. The
            # daemon goes on, and writes it again once there is room.
            if not self._beat_failed:
                logger.error(f"cannot write the heartbeat {self.store}.heartbeat: {exc}")
            self._beat_failed = True
            return
        self._beat_failed = False
        if self.state == "running":
            sd_notify("WATCHDOG=1")  # systemd's watchdog: alive, as the heartbeat says

    def clock_stepped(self, seconds: float) -> None:
        """Move the waiting jobs by the wall clock's step, so each waits what it was given.

        Stepped back an hour, a poll due in five minutes would otherwise wait an
        hour and five; stepped forward, everything due in between would fire at
        once. The digest keeps its hour: "07:00" is a time on the wall clock.
        """
        direction = "back" if seconds < 0 else "forward"
        moved = 0
        for job in self.scheduler.get_jobs():
            due = next_run(job)
            if due is not None and not isinstance(job.trigger, CronTrigger):
                job.modify(next_run_time=due + timedelta(seconds=seconds))
                moved += 1
        logger.bind(step_seconds=round(seconds, 1)).warning(
            f"the system clock stepped {direction} by {abs(seconds):.0f} s: "
            f"{moved} scheduled job(s) moved with it"
        )

    # -- life ---------------------------------------------------------------------

    def request_stop(self, signum: int | None = None, _frame: FrameType | None = None) -> None:
        """Ask the daemon to stop (the signal handler).

        Nothing is logged here: a handler runs between two bytecodes of the main
        thread, which may be inside the logger's lock at that moment.
        """
        self._signal = signum
        self._stop.set()

    def run(self, install_signals: bool = True) -> None:
        """Run until a stop is requested; then stop within ``shutdown_timeout``."""
        self.lock.acquire()
        try:
            if install_signals:
                signal.signal(signal.SIGTERM, self.request_stop)
                signal.signal(signal.SIGINT, self.request_stop)
            self.poller = Poller(self.app)
            self.poller.page_wait_limit = POLITENESS_SLACK
            self.sync_feeds(first=True)
            every = self.settings
            for job, seconds, name in (
                (self.process_pending, every.process_interval, "process"),
                (self.sync_feeds, every.sync_interval, "sync"),
                (self.retry_deliveries, every.process_interval, "deliveries"),
            ):
                self.scheduler.add_job(
                    self._guarded(name, job),
                    "interval",
                    seconds=seconds,
                    id=name,
                    executor="housekeeping",
                )
            self._schedule_digests()
            self.state = "running"
            self.beat()
            self.scheduler.start()
            where = self.app.store_location
            logger.info(f"monitor running: {len(self._feeds)} feed(s) scheduled on {where}")
            sd_notify(f"READY=1\nSTATUS={len(self._feeds)} feed(s) scheduled on {where}")
            # The heartbeat is written here, by the main thread, which does nothing
            # else: it never waits on work, however busy the pools are.
            next_beat = time.monotonic() + every.heartbeat_interval
            while not self._stop.wait(min(0.5, every.heartbeat_interval)):
                stepped = self.clock.step()
                if stepped:
                    self.clock_stepped(stepped)
                if time.monotonic() >= next_beat:
                    self.beat()
                    next_beat = time.monotonic() + every.heartbeat_interval
            if self._signal is not None:
                logger.info(f"received {signal.Signals(self._signal).name}: stopping")
            if install_signals:
                self._start_watchdog()
            self._shutdown()
        finally:
            self.lock.release()

    def _start_watchdog(self) -> None:
        """Exit hard if the stop itself hangs: the bound on shutdown holds whatever blocks."""
        grace = self.settings.shutdown_timeout + 15

        def force_exit() -> None:
            # Straight to the file descriptor: the logger's lock may be what hangs.
            os.write(2, f"monitor: not stopped {grace:.0f} s after the request; exiting\n".encode())
            os._exit(0)

        watchdog = threading.Timer(grace, force_exit)
        watchdog.daemon = True
        watchdog.start()

    def _shutdown(self) -> None:
        self.state = "stopping"
        self.beat()
        sd_notify("STOPPING=1")
        started = time.monotonic()
        done = threading.Event()

        def stop_scheduler() -> None:
            self.scheduler.shutdown(wait=True)
            done.set()

        threading.Thread(target=stop_scheduler, daemon=True).start()
        if not done.wait(self.settings.shutdown_timeout):
            self.abandoned = True
            logger.warning(
                f"in-flight work did not finish within {self.settings.shutdown_timeout:.0f} s; "
                "abandoned (the next start picks it up)"
            )
        if self.poller is not None:
            self.poller.close()
        self.state = "stopped"
        self.beat()
        logger.info(f"monitor stopped in {time.monotonic() - started:.1f} s")
