"""Digests: grouping by story, the "since the last digest" boundary, rendering, delivery."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest

from monitor.app import Monitor
from monitor.crontab import cron_trigger
from monitor.digest.model import DayVolume, Digest, DigestHealth, build_digest, daily_volume
from monitor.digest.publish import Digests
from monitor.digest.render import (
    CHART_WIDTH,
    chart_rows,
    render_atom,
    render_html,
    render_markdown,
    render_summary,
)
from monitor.events import (
    ArticleExtracted,
    FeedAdded,
    ItemDiscovered,
    UpdateFlagged,
    feed_stream,
    item_stream,
)
from monitor.templating import safe_url
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor

TRILOGUE = "en-2023-12-06-reuters-ai-act-trilogue"
META = "en-2024-09-25-zhitong-meta-ai-pact"


def flag(
    app: Monitor,
    item_id: str,
    title: str,
    follows: str = "",
    sentences: tuple[str, ...] = ("A new sentence.",),
    url: str = "",
    feed_id: str = "feed1",
) -> None:
    """Record an item, its article and its flagged update, as the poller would."""
    url = url or f"https://news.example/{item_id}"
    app.record(
        [
            (
                item_stream(item_id),
                [
                    ItemDiscovered(item_id, feed_id, url, [url], url, url, title),
                    ArticleExtracted(item_id, url, "feed", " ".join(sentences), "h", title=title),
                    UpdateFlagged(
                        item_id=item_id,
                        title=title,
                        url=url,
                        language="en",
                        published="2025-07-10",
                        follows_document_id=follows,
                        follows_title=f"Story {follows}" if follows else "",
                        similarity=0.7,
                        novel_sentences=[
                            {"index": i, "text": s, "similarity": 0.2}
                            for i, s in enumerate(sentences)
                        ],
                        reasons=["about the AI Act (relevance 0.9)", "62% of sentences new"],
                        feed_id=feed_id,
                    ),
                ],
            )
        ]
    )


@pytest.fixture
def app(tmp_path: Path) -> Any:
    with open_monitor(tmp_path, digest__output_dir=str(tmp_path / "out")) as monitor:
        monitor.init()
        monitor.record(
            [(feed_stream("feed1"), [FeedAdded("feed1", "https://wire.example/f", "The Wire")])]
        )
        yield monitor


# -- the digest itself ----------------------------------------------------------------


def test_updates_are_grouped_by_the_story_they_follow_newest_story_first(app: Monitor) -> None:
    flag(app, "a", "Trilogue follow-up one", TRILOGUE)
    flag(app, "b", "Meta and the AI Pact", META)
    flag(
        app,
        "c",
        "Trilogue follow-up two",
        TRILOGUE,
        ("Trilogue follow-up two", "First new.", "Second new."),
    )
    flag(app, "d", "Something nobody knew")
    digests = Digests(app)
    made = digests.collect(digests.window())
    assert [g.document_id for g in made.groups] == ["", TRILOGUE, META]
    trilogue = made.groups[1]
    assert [e.title for e in trilogue.entries] == [
        "Trilogue follow-up two",
        "Trilogue follow-up one",
    ]
    assert trilogue.entries[0].novel_sentences == ["First new.", "Second new."]
    assert trilogue.entries[0].source == "The Wire"
    assert trilogue.title == f"Story {TRILOGUE}"
    assert made.update_count == 4
    assert made.label == "all updates so far"
    assert made.health.feeds_active == 1
    assert made.health.updates == 4


def test_each_published_digest_covers_exactly_what_is_new_since_the_last(
    app: Monitor, tmp_path: Path
) -> None:
    clock = [datetime(2026, 11, 24, 7, 0, tzinfo=UTC)]
    digests = Digests(app, now=lambda: clock[0])
    flag(app, "a", "First update", TRILOGUE)
    first = digests.publish_now()
    assert first is not None and first.item_ids() == ["a"]

    flag(app, "b", "Second update", META)
    clock[0] += timedelta(days=1)
    second = digests.publish_now()
    assert second is not None and second.item_ids() == ["b"]
    assert second.label == "since the last digest"

    clock[0] += timedelta(days=1)
    third = digests.publish_now()
    assert third is not None and third.empty and third.item_ids() == []
    text = render_markdown(third)
    assert "No new update on the AI Act was flagged in this period." in text

    rows = app.query("SELECT digest_id, updates, empty FROM digests ORDER BY position")
    assert [(r["updates"], r["empty"]) for r in rows] == [(1, 0), (1, 0), (0, 1)]
    # Every digest was written into the output folder, with the Atom feed of updates.
    out = tmp_path / "out"
    written = sorted(p.name for p in out.iterdir())
    assert f"digest-{third.digest_id}.html" in written
    assert "updates.atom" in written
    assert "Second update" in (out / f"digest-{second.digest_id}.md").read_text()


def test_an_empty_digest_is_skipped_when_configured(tmp_path: Path) -> None:
    with open_monitor(tmp_path, digest__send_empty="false") as monitor:
        monitor.init()
        assert Digests(monitor).publish_now() is None
        assert monitor.store.count(["DigestPublished"]) == 0


def test_a_published_digest_is_rendered_again_exactly_from_the_log(app: Monitor) -> None:
    digests = Digests(app)
    flag(app, "a", "First update", TRILOGUE)
    made = digests.publish_now()
    assert made is not None
    app.rebuild()  # the read models are disposable; the digest is in the log
    assert digests.published_digest(made.digest_id) == made
    assert Digest.from_dict(json.loads(json.dumps(made.to_dict()))) == made


def test_the_digest_command_previews_publishes_and_lists(
    app: Monitor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flag(app, "a", "First update", TRILOGUE, ("The Council adopted its position.",))
    db = str(app.store_path)
    out_dir = str(tmp_path / "digests")  # the default: next to the store
    env = ["--db", db]
    code, out, _ = run(capsys, *env, "digest")
    assert code == 0 and "First update" in out and "The Council adopted its position." in out
    assert app.store.count(["DigestPublished"]) == 0  # a preview records nothing

    code, out, err = run(capsys, *env, "digest", "--publish", "--format", "json")
    assert code == 0, err
    published = json.loads(out)
    assert published["updates"] == 1 and published["groups"][0]["document_id"] == TRILOGUE
    assert "files: delivered to" in err and out_dir in err

    code, out, _ = run(capsys, *env, "digest", "list", "--json")
    [listed] = json.loads(out)
    assert listed["digest_id"] == published["digest_id"]
    assert listed["deliveries"][0]["status"] == "delivered"

    code, out, _ = run(capsys, *env, "digest", "--format", "md")
    assert "No new update" in out  # since the last digest

    code, out, _ = run(capsys, *env, "digest", "--period", "week", "--format", "md")
    assert "First update" in out

    code, out, _ = run(capsys, *env, "digest", "show", published["digest_id"], "--format", "html")
    assert code == 0 and "First update" in out and out.startswith("<!DOCTYPE html>")

    code, _, err = run(capsys, *env, "digest", "--since", "last tuesday")
    assert code == 2 and "--since" in err and "'last tuesday' is not a moment" in err


# -- rendering ----------------------------------------------------------------------


def _digest(entries: list[dict[str, Any]], volume: list[DayVolume] | None = None) -> Digest:
    return build_digest(
        until=datetime(2026, 11, 24, 7, tzinfo=UTC),
        since=datetime(2026, 11, 23, 7, tzinfo=UTC),
        label="the last day",
        updates=entries,
        health=DigestHealth(3, [], 10, 9, 1, 4, len(entries)),
        volume=volume or [],
    )


def _row(item_id: str, **fields: Any) -> dict[str, Any]:
    row = {
        "item_id": item_id,
        "title": f"Title {item_id}",
        "url": f"https://news.example/{item_id}",
        "language": "nl",
        "published": "2026-11-23",
        "flagged_at": "2026-11-23T10:00:00.000000Z",
        "follows_document_id": TRILOGUE,
        "follows_title": "EU agrees AI rules",
        "similarity": 0.61,
        "novel_sentences": json.dumps([{"text": "Nieuw: de Raad stemde in."}]),
        "reasons": json.dumps(["relevant"]),
        "position": 1,
    }
    row.update(fields)
    return row


def test_html_escapes_what_feeds_wrote_and_drops_script_links() -> None:
    made = _digest(
        [
            _row(
                "x",
                title="<script>alert(1)</script> & more",
                url="javascript:alert(1)",
                novel_sentences=json.dumps([{"text": "<img src=x onerror=alert(1)>"}]),
            )
        ]
    )
    html = render_html(made)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<img src=x" not in html
    assert 'href="#"' in html and "javascript:" not in html
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url("data:text/html,hi") == "#"


def test_times_are_shown_in_the_readers_time_zone() -> None:
    made = _digest([_row("x")])
    brussels = Digest.from_dict({**made.to_dict(), "timezone": "Europe/Brussels"})
    assert "2026-11-23 07:00 UTC to 2026-11-24 07:00 UTC" in render_markdown(made)
    assert "2026-11-23 08:00 CET to 2026-11-24 08:00 CET" in render_markdown(brussels)
    summary = render_summary(brussels)
    assert summary.startswith("1 update(s) on the AI Act (2026-11-23 08:00 CET")
    assert "[Title x](https://news.example/x) (news.example, nl; follows EU agrees" in summary


def test_markdown_escapes_link_syntax_in_titles() -> None:
    made = _digest([_row("x", title="Click [here](https://evil.example)")])
    text = render_markdown(made)
    assert "[Click \\[here\\](https://evil.example)](https://news.example/x)" in text
    assert "Nieuw: de Raad stemde in." in text
    assert "## Follows: EU agrees AI rules" in text


def test_the_html_chart_scales_bars_to_the_busiest_day() -> None:
    volume = daily_volume(
        [
            {"day": "2026-11-22", "articles": 40, "relevant": 10, "updates": 1},
            {"day": "2026-11-24", "articles": 20, "relevant": 0, "updates": 0},
        ],
        date(2026, 11, 22),
        date(2026, 11, 24),
    )
    assert [v.day for v in volume] == ["2026-11-22", "2026-11-23", "2026-11-24"]
    assert volume[1] == DayVolume("2026-11-23", 0, 0, 0)
    rows = chart_rows(volume, width=400)
    assert [(r.articles_width, r.relevant_width, r.updates_width) for r in rows] == [
        (400, 100, 10),
        (0, 0, 0),
        (200, 0, 0),
    ]
    html = render_html(_digest([_row("x")], volume))
    assert "Coverage per day" in html
    assert re.search(rf"width:{CHART_WIDTH}%;height:7px", html)  # the busiest day
    assert chart_rows([DayVolume("2026-11-24", 0, 0, 0)]) == []


def test_the_atom_feed_parses_back_with_feedparser() -> None:
    made = _digest(
        [
            _row("a", position=2),
            _row("b", follows_document_id="", follows_title="", title="Fresh & new", position=3),
        ]
    )
    parsed = feedparser.parse(render_atom(made, feed_url="https://me.example/updates.atom"))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "AI Act updates"
    assert [e.id for e in parsed.entries] == [
        "urn:ai-act-monitor:update:b",
        "urn:ai-act-monitor:update:a",
    ]
    assert parsed.entries[0].title == "Fresh & new"
    assert parsed.entries[1].link == "https://news.example/a"
    assert "Nieuw: de Raad stemde in." in parsed.entries[1].content[0].value
    assert {t.term for t in parsed.entries[1].tags} == {"nl", f"story:{TRILOGUE}"}
    assert parsed.entries[1].updated_parsed[:3] == (2026, 11, 23)


def test_the_daemon_publishes_a_digest_missed_while_it_was_down(tmp_path: Path) -> None:
    from monitor.daemon.scheduler import Daemon  # noqa: PLC0415 (only this test needs the scheduler)

    with open_monitor(tmp_path, digest__schedule="0 7 * * *") as monitor:
        monitor.init()
        Digests(monitor).publish_now()
        [published] = monitor.query("SELECT published_at FROM digests")
        last = datetime.fromisoformat(published["published_at"])

        def scheduled_at(now: datetime) -> list[str]:
            daemon = Daemon(monitor, now=lambda: now)
            daemon._schedule_digests()
            return sorted(job.id for job in daemon.scheduler.get_jobs())

        due = cron_trigger("0 7 * * *", "UTC").get_next_fire_time(None, last)
        # Started again before the next 07:00: only the schedule.
        assert scheduled_at(due - timedelta(minutes=1)) == ["digest"]
        # Started after a 07:00 passed with the daemon down: the missed one too.
        assert scheduled_at(due + timedelta(minutes=1)) == ["digest", "digest-missed"]
