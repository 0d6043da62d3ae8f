"""The monitor's work as procrastinate jobs, on a queue in the store's own PostgreSQL schema.

The log and the queue are one system to run: procrastinate keeps its jobs in the
same database (and schema) as the events, so a cluster is PostgreSQL plus as
many ``monitor worker`` processes as the load needs.

Jobs: poll one feed (and extract what it found, up to its page cap), extract one
item a poll left pending, assess the articles not judged yet, publish a digest,
deliver what is owed. Every one is safe to run twice or to lose half-way: the feed's next poll is
in the log, so a re-delivered poll of a feed polled meanwhile does nothing;
extraction events carry an idempotency key; an assessment is written only if the
item has none yet and the corpus has not moved since it was judged (else it is
judged again); a digest job publishes only if its slot is still unpublished.

A ``tick`` every five seconds (procrastinate's periodic task: deferred once per
tick however many workers run, by a unique row per tick) looks at the read
models and defers what is due. It skips feeds that have a poll queued or
running, and hands the jobs of workers that stopped sending heartbeats (a
SIGKILL, a lost machine) back to the queue. Only digests take a job lock (one
publication at a time); polls carry a queueing lock (one pending poll per
feed), never a lock: locks serialise the queue (2,000 jobs took 57 s with one
each, 4.9 s without).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import procrastinate
from loguru import logger
from procrastinate.exceptions import AlreadyEnqueued

from monitor.app import Monitor
from monitor.cluster.politeness import SharedHostGate
from monitor.crontab import cron_trigger
from monitor.digest import Digests
from monitor.ingest import Poller
from monitor.times import iso_seconds, iso_z, parse_iso
from monitor.views import WORKER_STALLED_AFTER

#: The queues a worker serves by default, in the order they matter.
QUEUES = ("schedule", "poll", "extract", "assess", "digest")

# Tasks are declared on one app; a worker runs it with the store's connector
# (``App.replace_connector``), so nothing connects at import.
queue = procrastinate.App(connector=procrastinate.PsycopgConnector())


class WorkerState:
    """What one worker process keeps between jobs: its monitor and a poller, made once.

    Jobs run in threads (procrastinate runs sync tasks in a thread pool), and they
    share the poller as the daemon's threads do. Its per-host gate is shared with
    every other worker of the store (``SharedHostGate``).
    """

    def __init__(self, app: Monitor) -> None:
        self.app = app
        self._poller: Poller | None = None
        self._shared_gate: SharedHostGate | None = None
        self._lock = threading.Lock()

    @property
    def poller(self) -> Poller:
        """The process's poller (started on first use: it starts worker processes)."""
        with self._lock:
            if self._poller is None:
                self._poller = Poller(self.app, gate=self._gate())
            return self._poller

    def _gate(self) -> SharedHostGate | None:
        url = self.app.settings.store.postgres_url()
        if url is None:
            return None
        fetch = self.app.settings.fetch
        self._shared_gate = SharedHostGate(
            url,
            self.app.settings.store.schema_name,
            fetch.per_host_concurrency,
            fetch.per_host_delay,
        )
        return self._shared_gate

    def close(self) -> None:
        """Stop the poller's worker processes and the gate's connection."""
        with self._lock:
            if self._poller is not None:
                self._poller.close()
                self._poller = None
            if self._shared_gate is not None:
                self._shared_gate.close()
                self._shared_gate = None


@dataclass
class Plan:
    """What a tick found due."""

    feeds: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    assess: bool = False
    digest_slot: str = ""
    deliveries: bool = False


def plan_work(state: WorkerState, now: datetime) -> Plan:
    """The work due now, from the read models and the queue (feeds queued already skipped)."""
    app = state.app
    busy = {
        row["feed_id"]
        for row in app.query(
            "SELECT args->>'feed_id' AS feed_id FROM procrastinate_jobs "
            "WHERE task_name = ? AND status IN ('todo', 'doing')",
            (poll_feed.name,),
        )
    }
    poller = state.poller
    polling = app.settings.polling
    # The index on (status, next_poll_at) finds the due feeds; those whose next poll
    # lies beyond any wait we set (a wrong clock wrote it) are checked here too.
    beyond = now + timedelta(seconds=polling.backoff_cap * (1 + polling.jitter))
    candidates = app.query(
        "SELECT * FROM feeds WHERE status = 'active' AND (next_poll_at IS NULL "
        "OR next_poll_at <= ? OR next_poll_at > ?) ORDER BY next_poll_at",
        (iso_seconds(now), iso_seconds(beyond)),
    )
    feeds = [
        row["feed_id"]
        for row in candidates
        if row["feed_id"] not in busy and poller.due_at(row, now) <= now
    ]
    # Items a poll left pending (past its page cap, or its worker died), one job each;
    # not while their feed's poll is queued or running: that poll may be extracting them.
    items = [
        row["item_id"]
        for row in app.query(
            "SELECT item_id, feed_id FROM items WHERE extraction = 'pending' "
            "ORDER BY discovered_position LIMIT ?",
            (app.settings.extraction.pending_per_pass,),
        )
        if row["feed_id"] not in busy
    ]
    assess = app.settings.assessment.enabled and bool(
        app.query(
            "SELECT 1 FROM articles a LEFT JOIN assessments s USING (item_id) "
            "WHERE s.item_id IS NULL LIMIT 1"
        )
    )
    owed = bool(
        app.query(
            "SELECT 1 FROM deliveries WHERE status IN ('pending', 'failed') "
            "OR (status = 'sending' AND claimed_until <= ?) LIMIT 1",
            (iso_z(now),),
        )
    )
    return Plan(feeds, items, assess, digest_slot_due(app, now), owed)


def digest_slot_due(app: Monitor, now: datetime) -> str:
    """The digest slot that is due and unpublished (its time), or '' when none is."""
    digest = app.settings.digest
    if not digest.schedule:
        return ""
    trigger = cron_trigger(digest.schedule, digest.timezone)
    last = Digests(app).last_published()
    if last is None:
        # The first slot after the store began, so a new store does not publish at once.
        begun = app.store.read_all(limit=1)
        first = next(iter(begun), None)
        since = parse_iso(first.recorded_at) if first else now
    else:
        since = parse_iso(last["published_at"])
    slot = trigger.get_next_fire_time(None, since)
    return iso_z(slot) if slot is not None and slot <= now else ""


def _state(context: procrastinate.JobContext) -> WorkerState:
    state: WorkerState = context.additional_context["state"]
    return state


@queue.task(name="poll_feed", queue="poll", pass_context=True)
def poll_feed(context: procrastinate.JobContext, feed_id: str) -> str:
    """Poll one feed and extract its new items, unless it was polled meanwhile."""
    state = _state(context)
    rows = state.app.query("SELECT * FROM feeds WHERE feed_id = ?", (feed_id,))
    if not rows or rows[0]["status"] != "active":
        return "not active"
    poller = state.poller
    now = poller.now()
    if poller.due_at(rows[0], now) > now:
        return "not due"  # a re-delivered job: the poll it stands for is in the log
    poller.poll_one(rows[0])
    return "polled"


@queue.task(name="extract_item", queue="extract", pass_context=True)
def extract_item(context: procrastinate.JobContext, item_id: str) -> str:
    """Fetch and extract one item a poll left pending, unless it was extracted meanwhile."""
    done = _state(context).poller.articles.extract_one(item_id)
    return "extracted" if done else "extracted already"


@queue.task(name="assess_pending", queue="assess", pass_context=True)
def assess_pending(context: procrastinate.JobContext) -> int:
    """Judge the articles not assessed yet (safely alongside another worker doing the same)."""
    poller = _state(context).poller
    before = poller.summary.assessed
    poller.assess_pending()
    return poller.summary.assessed - before


@queue.task(name="publish_digest", queue="digest", pass_context=True, lock="digest")
def publish_digest(context: procrastinate.JobContext, slot: str) -> str:
    """Publish the digest of a slot, unless it was published meanwhile (one at a time)."""
    app = _state(context).app
    if not digest_slot_due(app, datetime.now(UTC)):
        return f"the digest of {slot} is published already"
    digest = Digests(app).publish_now(trigger="schedule")
    return "skipped empty" if digest is None else digest.digest_id


@queue.task(name="deliver_digests", queue="digest", pass_context=True)
def deliver_digests(context: procrastinate.JobContext) -> int:
    """Deliver every digest delivery that is owed and due."""
    return len(Digests(_state(context).app).deliver())


async def _defer(task: Any, lock: str, **kwargs: Any) -> bool:
    """Defer a job unless one with the same queueing lock is waiting already."""
    try:
        await task.configure(queueing_lock=lock).defer_async(**kwargs)
    except AlreadyEnqueued:
        return False
    return True


@queue.periodic(cron="* * * * * */5")
@queue.task(name="tick", queue="schedule", pass_context=True, queueing_lock="tick")
async def tick(context: procrastinate.JobContext, timestamp: int) -> dict[str, int]:
    """Hand back the jobs of dead workers, then defer what is due."""
    manager = context.app.job_manager
    stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=WORKER_STALLED_AFTER))
    for job in stalled:
        logger.bind(job=job.id, task=job.task_name).warning(
            "a worker stopped sending heartbeats: its job goes back to the queue"
        )
        await manager.retry_job(job)
    state = _state(context)
    plan = await asyncio.to_thread(plan_work, state, datetime.now(UTC))
    polls = 0
    for feed_id in plan.feeds:
        polls += await _defer(poll_feed, f"poll:{feed_id}", feed_id=feed_id)
    for item_id in plan.items:
        await _defer(extract_item, f"extract:{item_id}", item_id=item_id)
    if plan.assess:
        await _defer(assess_pending, "assess_pending")
    if plan.digest_slot:
        await _defer(publish_digest, "publish_digest", slot=plan.digest_slot)
    if plan.deliveries:
        await _defer(deliver_digests, "deliver_digests")
    return {"polls": polls, "stalled": len(stalled)}
