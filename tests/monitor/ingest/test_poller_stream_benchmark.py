"""The benchmark that reads real entries through the poller works on a small stream of its own."""

from __future__ import annotations

from pathlib import Path

from benchmarks.eval.poller_stream import FeedSite, poll_times, run
from benchmarks.eval.realnews import Entry, score_stream

TEXT = (
    "EU countries and the European Parliament reached a provisional deal on the AI Act on "
    "Friday after 36 hours of talks in Brussels. The rules ban social scoring and limit the "
    "police's use of real-time facial recognition, and set obligations for general-purpose AI "
    "models. Fines reach 35 million euros or 7% of global turnover."
)


def _entry(entry_id: str, source: str, published: str, **label: str) -> Entry:
    return Entry(
        id=entry_id,
        title=f"EU strikes deal on the AI Act ({entry_id})",
        summary=TEXT,
        published=published,
        source=source,
        language="en",
        pool="A-named",
        **label,
    )


def test_the_site_shows_each_feed_as_it_stood_at_the_clock() -> None:
    entries = [
        _entry("a", "http://one.example/rss", "2023-12-08T10:00:00Z"),
        _entry("b", "http://one.example/rss", "2023-12-15T10:00:00Z"),
    ]
    site = FeedSite(entries)
    try:
        # The weekly poll after the first entry and before the second.
        site.now = next(t for t in poll_times(7) if t.isoformat() >= "2023-12-08T10")
        assert site.now.isoformat() < "2023-12-15T10"
        shown = site.feed(0).decode()
        assert "<guid isPermaLink='false'>a</guid>" in shown and ">b<" not in shown
        site.now = site.now.replace(month=1, day=1)
        assert "before-2023-0" in site.feed(0).decode()
    finally:
        site.close()


def test_entries_are_polled_assessed_and_scored_from_the_store(tmp_path: Path) -> None:
    development = "2023-12-08-trilogue-deal"
    entries = [
        _entry(
            "a",
            "http://one.example/rss",
            "2023-12-08T10:00:00Z",
            relevance="aiact",
            development=development,
        ),
        _entry(
            "b",
            "http://two.example/rss",
            "2023-12-08T11:00:00Z",
            relevance="aiact",
            development=development,
            copy_of="a",
        ),
    ]
    verdicts, counts = run(entries, tmp_path, every_days=7)
    assert counts["feeds"] == 2 and counts["failed"] == 0
    assert counts.get("never_assessed", 0) == 0 and counts.get("backlog", 0) == 0
    assert [v.verdict for v in verdicts] == ["update", "duplicate"]
    # The copy names the entry it copies, read back from the store's copy key.
    assert verdicts[1].nearest_document_id == "a"
    # No development of these is in the seeds (the shared labels are not read here).
    scores = score_stream(entries, verdicts, seeded=set())
    assert scores.flags == 1 and scores.copies_flagged == 0
