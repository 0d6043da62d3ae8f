"""Making, publishing and delivering digests: the I/O around ``monitor.digest.model``.

A published digest is a ``DigestPublished`` event that holds the whole digest,
so a delivery that fails is retried from the log, however long it takes and
whatever happened to the read models since. "Since the last digest" is exact:
each digest records the last log position it covers.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from loguru import logger

from monitor.app import Monitor
from monitor.digest.delivery import (
    DeliveryError,
    deliver_apprise,
    deliver_email,
    deliver_files,
    describe_urls,
    email_message,
    subject,
)
from monitor.digest.model import (
    SINCE_LAST,
    Digest,
    DigestHealth,
    FailingFeed,
    build_digest,
    daily_volume,
)
from monitor.digest.render import SUFFIXES, render, render_atom, render_summary
from monitor.errors import MonitorError
from monitor.events import (
    DigestDelivered,
    DigestDeliveryClaimed,
    DigestDeliveryFailed,
    DigestPublished,
    digest_stream,
)
from monitor.times import parse_iso, store_stamp

PERIODS = {"day": timedelta(days=1), "week": timedelta(days=7)}
ATOM_FILE = "updates.atom"


@dataclass(frozen=True)
class Window:
    """What a digest covers: updates after a position or from a time, up to ``through``."""

    label: str
    since: datetime | None
    after_position: int | None
    through: int


@dataclass(frozen=True)
class DeliveryOutcome:
    """One attempt at one channel."""

    digest_id: str
    channel: str
    delivered: bool
    target: str
    attempt: int
    reason: str = ""
    detail: str = ""
    next_attempt_at: str = ""


def _sender() -> str:
    """Who sends, as claims name it: this host and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Digests:
    """Collect a digest from the read models, publish it, deliver it, retry what failed."""

    def __init__(self, app: Monitor, now: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.app = app
        self.settings = app.settings.digest
        self.now = now

    # -- what a digest covers -----------------------------------------------------

    def last_published(self) -> dict[str, Any] | None:
        """The newest published digest's row, or None."""
        rows = self.app.query("SELECT * FROM digests ORDER BY position DESC LIMIT 1")
        return rows[0] if rows else None

    def window(self, since: datetime | None = None, period: str | None = None) -> Window:
        """From a date, over a period back from now, or else since the last digest."""
        self.app.catch_up()
        through = self.app.store.last_position()
        now = self.now()
        if since is not None:
            return Window(f"since {since:%Y-%m-%d}", since, None, through)
        if period is not None:
            if period not in PERIODS:
                raise MonitorError(f"unknown period {period!r}; one of {', '.join(PERIODS)}")
            label = {"day": "the last day", "week": "the last week"}[period]
            return Window(label, now - PERIODS[period], None, through)
        last = self.last_published()
        if last is None:
            return Window("all updates so far", None, None, through)
        return Window(SINCE_LAST, parse_iso(last["until"]), last["through_position"], through)

    def collect(self, window: Window) -> Digest:
        """The digest of a window, from the read models."""
        until = self.now()
        params: list[object]
        if window.after_position is not None:
            where, params = "u.position > ?", [window.after_position]
        elif window.since is not None:
            where, params = "u.flagged_at >= ?", [store_stamp(window.since)]
        else:
            where, params = "1", []
        updates = self.app.query(
            "SELECT u.*, f.name AS feed_name FROM updates u LEFT JOIN feeds f USING (feed_id) "
            f"WHERE {where} AND u.position <= ? ORDER BY u.position",
            (*params, window.through),
        )
        if self.settings.parts:
            # Only the parts the reader follows (digest.parts); the rest stay in `updates`.
            wanted = set(self.settings.parts)
            updates = [u for u in updates if wanted & set(json.loads(u.get("parts") or "[]"))]
        return build_digest(
            until=until,
            since=window.since,
            label=window.label,
            updates=updates,
            health=self._health(window.since),
            volume=self._volume(until),
            timezone=self.settings.timezone,
        )

    def _health(self, since: datetime | None) -> DigestHealth:
        start = store_stamp(since) if since else ""
        counts = self.app.query(
            "SELECT (SELECT count(*) FROM feeds WHERE status = 'active') AS feeds_active, "
            "(SELECT count(*) FROM items WHERE discovered_at >= :s) AS items, "
            "(SELECT count(*) FROM items WHERE extraction = 'extracted' AND extracted_at >= :s) "
            "AS articles, "
            "(SELECT count(*) FROM items WHERE extraction = 'failed' AND extracted_at >= :s) "
            "AS extraction_failures, "
            "(SELECT count(*) FROM assessments a JOIN items i USING (item_id) "
            " WHERE a.relevant = 1 AND i.extracted_at >= :s) AS relevant, "
            "(SELECT count(*) FROM updates WHERE flagged_at >= :s) AS updates, "
            "(SELECT count(*) FROM items WHERE backlog = 1 AND discovered_at >= :s) AS backlog, "
            "(SELECT count(*) FROM assessments WHERE baseline = 1 AND assessed_at >= :s) "
            "AS baseline",
            {"s": start},
        )[0]
        failing = self.app.query(
            "SELECT feed_id, name, url, status, last_error_reason, consecutive_failures "
            "FROM feeds WHERE (status = 'active' AND consecutive_failures > 0) "
            "OR status = 'gone' ORDER BY consecutive_failures DESC, url"
        )
        return DigestHealth(
            feeds_active=counts["feeds_active"],
            failing_feeds=[
                FailingFeed(
                    feed_id=row["feed_id"],
                    name=row["name"] or "",
                    url=row["url"],
                    status=row["status"],
                    reason=row["last_error_reason"]
                    or ("gone (410)" if row["status"] == "gone" else ""),
                    consecutive_failures=row["consecutive_failures"] or 0,
                )
                for row in failing
            ],
            items=counts["items"],
            articles=counts["articles"],
            extraction_failures=counts["extraction_failures"],
            relevant=counts["relevant"],
            updates=counts["updates"],
            backlog=counts["backlog"],
            baseline=counts["baseline"],
        )

    def _volume(self, until: datetime) -> list[Any]:
        days = self.settings.chart_days
        if days == 0:
            return []
        last = until.astimezone(UTC).date()
        first = last - timedelta(days=days - 1)
        start = first.isoformat()
        rows: dict[str, dict[str, Any]] = {}
        for column, sql in (
            (
                "articles",
                "SELECT substr(extracted_at, 1, 10) AS day, count(*) AS n FROM items "
                "WHERE extraction = 'extracted' AND extracted_at >= ? GROUP BY day",
            ),
            (
                "relevant",
                "SELECT substr(i.extracted_at, 1, 10) AS day, count(*) AS n FROM items i "
                "JOIN assessments a USING (item_id) WHERE a.relevant = 1 AND i.extracted_at >= ? "
                "GROUP BY day",
            ),
            (
                "updates",
                "SELECT substr(flagged_at, 1, 10) AS day, count(*) AS n FROM updates "
                "WHERE flagged_at >= ? GROUP BY day",
            ),
        ):
            for row in self.app.query(sql, (start,)):
                rows.setdefault(row["day"], {"day": row["day"]})[column] = row["n"]
        return daily_volume(rows.values(), first, last)

    # -- publishing and delivery ----------------------------------------------------

    def channels(self) -> list[str]:
        """The channels configured: files always, email and Apprise when set."""
        channels = ["files"]
        if self.settings.email.enabled:
            channels.append("email")
        if self.settings.apprise.urls:
            channels.append("apprise")
        return channels

    def publish(self, digest: Digest, window: Window, trigger: str) -> list[DeliveryOutcome] | None:
        """Record the digest as published and deliver it; None when that id was published."""
        event = DigestPublished(
            digest_id=digest.digest_id,
            label=digest.label,
            since=digest.since,
            until=digest.until,
            through_position=window.through,
            item_ids=digest.item_ids(),
            empty=digest.empty,
            trigger=trigger,
            channels=self.channels(),
            digest=digest.to_dict(),
        )
        [result] = self.app.record(
            [
                (
                    digest_stream(digest.digest_id),
                    [event.to_new(idempotency_key=f"digest:{digest.digest_id}")],
                )
            ]
        )
        if not result.written:
            return None
        logger.bind(digest=digest.digest_id).info(
            f"digest published: {digest.update_count} update(s), {digest.label}"
        )
        return self.deliver(digest_id=digest.digest_id, force=True)

    def publish_now(self, trigger: str = "schedule") -> Digest | None:
        """The scheduled digest: what is new since the last one (None when skipped empty)."""
        window = self.window()
        digest = self.collect(window)
        if digest.empty and not self.settings.send_empty:
            logger.info("digest skipped: nothing new, and digest.send_empty is false")
            return None
        self.publish(digest, window, trigger)
        return digest

    def published_digest(self, digest_id: str) -> Digest:
        """A published digest, exactly as it was recorded."""
        for recorded in self.app.store.read_stream(digest_stream(digest_id)):
            if recorded.event_type == "DigestPublished":
                return Digest.from_dict(recorded.payload["digest"])
        raise MonitorError(f"no published digest {digest_id!r}")

    def deliver(self, digest_id: str | None = None, force: bool = False) -> list[DeliveryOutcome]:
        """Attempt the deliveries that are owed and due (or all owed ones with ``force``)."""
        now = store_stamp(self.now())
        # Owed: never tried, failed, or claimed by a sender whose claim ran out.
        sql = (
            "SELECT * FROM deliveries WHERE (status IN ('pending', 'failed') "
            "OR (status = 'sending' AND claimed_until <= ?))"
        )
        params: list[Any] = [now]
        if digest_id is not None:
            sql += " AND digest_id = ?"
            params.append(digest_id)
        if not force:
            sql += " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
            params.append(now)
        outcomes = []
        read: dict[str, Digest] = {}  # a digest owed on several channels is read once
        for row in self.app.query(sql + " ORDER BY digest_id, channel", params):
            digest_id = row["digest_id"]
            if digest_id not in read:
                read[digest_id] = self.published_digest(digest_id)
            attempt = (row["attempts"] or 0) + 1
            if not self._claim(digest_id, row["channel"], attempt, row["claims"] or 0):
                continue  # another sender has this attempt in hand
            outcomes.append(self._attempt(read[digest_id], row["channel"], attempt))
        return outcomes

    def _claim(self, digest_id: str, channel: str, attempt: int, claims: int) -> bool:
        """Take this attempt for this process; False when another sender took it first.

        The idempotency key is the attempt and the number of claims made before:
        senders that read the same state race for one key, and only one append
        of it is written. A claim that ran out counts, so the next has a new key.
        """
        until = store_stamp(self.now() + timedelta(seconds=self.settings.claim_lease))
        claim = DigestDeliveryClaimed(digest_id, channel, attempt, _sender(), until)
        key = f"delivery-claim:{digest_id}:{channel}:{attempt}:{claims}"
        [result] = self.app.record(
            [(digest_stream(digest_id), [claim.to_new(idempotency_key=key)])]
        )
        return result.written

    def _target(self, channel: str) -> str:
        """Where a channel sends, in words and without secrets (known before it is tried)."""
        if channel == "files":
            return str(self.app.settings.digest_dir())
        if channel == "email":
            email = self.settings.email
            return f"smtp {email.host}:{email.port} to {', '.join(email.to)}"
        if channel == "apprise":
            return describe_urls(self.settings.apprise.urls)
        return channel

    def _attempt(self, digest: Digest, channel: str, attempt: int) -> DeliveryOutcome:
        target = self._target(channel)
        try:
            target = self._send(digest, channel)
        except DeliveryError as exc:
            return self._failed(digest, channel, target, attempt, exc.reason, exc.detail)
        except Exception as exc:  # a channel's library failing must not stop the daemon
            return self._failed(
                digest, channel, target, attempt, "unexpected", f"{type(exc).__name__}: {exc}"
            )
        self.app.record(
            [
                (
                    digest_stream(digest.digest_id),
                    [DigestDelivered(digest.digest_id, channel, target, attempt)],
                )
            ]
        )
        logger.bind(digest=digest.digest_id, channel=channel).info(f"digest delivered: {target}")
        return DeliveryOutcome(digest.digest_id, channel, True, target, attempt)

    def _failed(
        self, digest: Digest, channel: str, target: str, attempt: int, reason: str, detail: str
    ) -> DeliveryOutcome:
        limit = self.settings.max_attempts
        next_at = ""
        if limit == 0 or attempt < limit:
            wait = min(self.settings.retry_cap, self.settings.retry_base * 2 ** (attempt - 1))
            next_at = store_stamp(self.now() + timedelta(seconds=wait))
        event = DigestDeliveryFailed(
            digest.digest_id, channel, target, attempt, reason, detail, next_at
        )
        self.app.record([(digest_stream(digest.digest_id), [event])])
        logger.bind(digest=digest.digest_id, channel=channel, reason=reason).warning(
            f"digest delivery failed (attempt {attempt}): {detail}; "
            + (f"next attempt at {next_at}" if next_at else "no more attempts")
        )
        return DeliveryOutcome(
            digest.digest_id, channel, False, target, attempt, reason, detail, next_at
        )

    def _send(self, digest: Digest, channel: str) -> str:
        sentences = self.settings.max_sentences
        if channel == "files":
            files = {
                f"digest-{digest.digest_id}{SUFFIXES[fmt]}": render(digest, fmt, sentences)
                for fmt in self.settings.formats
            }
            files[ATOM_FILE] = self.atom_feed()
            return deliver_files(self.app.settings.digest_dir(), files)
        if channel == "email":
            email = self.settings.email
            message = email_message(
                email,
                digest,
                render(digest, "md", sentences),
                render(digest, "html", sentences),
            )
            return deliver_email(email, message)
        if channel == "apprise":
            urls = self.settings.apprise.urls
            if not urls:
                raise DeliveryError("not_configured", "digest.apprise.urls is empty now")
            return deliver_apprise(urls, subject(digest), render_summary(digest))
        raise DeliveryError("unknown_channel", f"no channel {channel!r}")

    def listing(self, limit: int = 20) -> list[dict[str, Any]]:
        """Published digests, newest first, each with its deliveries' state."""
        rows = self.app.query("SELECT * FROM digests ORDER BY position DESC LIMIT ?", (limit,))
        for row in rows:
            row["empty"] = bool(row["empty"])
            row["deliveries"] = self.app.query(
                "SELECT channel, status, target, attempts, last_reason, last_detail, "
                "next_attempt_at, delivered_at FROM deliveries WHERE digest_id = ? "
                "ORDER BY channel",
                (row["digest_id"],),
            )
        return rows

    def atom_digest(self) -> Digest:
        """The newest ``atom_entries`` updates, as the digest the Atom feed renders."""
        rows = self.app.query(
            "SELECT u.*, f.name AS feed_name FROM updates u LEFT JOIN feeds f USING (feed_id) "
            "ORDER BY u.position DESC LIMIT ?",
            (self.settings.atom_entries,),
        )
        return build_digest(
            until=self.now(),
            since=None,
            label=f"the newest {len(rows)} update(s)",
            updates=rows,
            health=DigestHealth(0, [], 0, 0, 0, 0, 0),
            volume=[],
        )

    def atom_feed(self) -> str:
        """The newest ``atom_entries`` updates as an Atom feed (the file readers subscribe to)."""
        return render_atom(self.atom_digest())
