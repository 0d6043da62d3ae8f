"""Digest cost as updates pile up: ``python -m benchmarks.digest``.

A store is filled with N flagged updates (items, their articles and
``UpdateFlagged`` events, across 40 stories and 20 feeds, with three new
sentences each), then a digest of all of them is collected from the read
models, rendered in every format and published (the event plus the files).
The baseline, measured in the same run on the same store, is the floor any
digest pays: one query of the same updates and a ``json.dumps`` of the rows.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from benchmarks.common import peak_rss_mb, report, timed
from monitor.app import Monitor
from monitor.digest import Digests
from monitor.digest.render import FORMATS, render
from monitor.events import (
    ArticleExtracted,
    FeedAdded,
    ItemDiscovered,
    UpdateFlagged,
    feed_stream,
    item_stream,
)
from monitor.settings import load_settings

SIZES = (100, 1_000, 10_000)
SENTENCE = (
    "The Commission's AI Office said on {day} that providers of general-purpose models "
    "number {n} and must document their training data under Article {article} of the Act."
)


def fill(app: Monitor, count: int) -> None:
    """Record ``count`` flagged updates, a thousand per transaction."""
    feeds = [
        (feed_stream(f"f{i}"), [FeedAdded(f"f{i}", f"https://n{i}.example/feed", f"News {i}")])
        for i in range(20)
    ]
    app.record(feeds)
    batch = []
    for n in range(count):
        item = f"i{n:06d}"
        url = f"https://n{n % 20}.example/{item}"
        sentences = [SENTENCE.format(day=f"day {n}", n=n + k, article=50 + k) for k in range(3)]
        batch.append(
            (
                item_stream(item),
                [
                    ItemDiscovered(item, f"f{n % 20}", url, [url], url, url, f"Update {n}"),
                    ArticleExtracted(item, url, "trafilatura", " ".join(sentences), "h"),
                    UpdateFlagged(
                        item_id=item,
                        title=f"Update {n} on the AI Act",
                        url=url,
                        language="en",
                        published="2025-07-10",
                        follows_document_id=f"story-{n % 40}",
                        follows_title=f"Story {n % 40}",
                        similarity=0.7,
                        novel_sentences=[
                            {"index": k, "text": s, "similarity": 0.2}
                            for k, s in enumerate(sentences)
                        ],
                        reasons=["follows up story", "vocabulary: AI Act"],
                        feed_id=f"f{n % 20}",
                    ),
                ],
            )
        )
        if len(batch) == 1000:
            app.record(batch)
            batch = []
    if batch:
        app.record(batch)


def measure(count: int, folder: Path) -> dict[str, float]:
    """Seconds for each step of one digest of ``count`` updates."""
    settings = load_settings(
        environ={},
        overrides={
            "store.path": str(folder / "monitor.db"),
            "digest.output_dir": str(folder / "digests"),
            "digest.formats": list(FORMATS),
        },
    )
    with Monitor(settings, create=True) as app:
        app.init()
        fill(app, count)
        with timed() as baseline:
            rows = app.query("SELECT * FROM updates ORDER BY position")
            json.dumps(rows)
        digests = Digests(app)
        with timed() as collect:
            digest = digests.collect(digests.window())
        assert digest.update_count == count
        times = {"baseline": baseline[0], "collect": collect[0]}
        for fmt in FORMATS:
            with timed() as took:
                render(digest, fmt)
            times[fmt] = took[0]
        with timed() as publish:
            digests.publish(digest, digests.window(), trigger="command")
        times["publish"] = publish[0]
        [payload] = app.query(
            "SELECT length(payload) AS n FROM events WHERE event_type = 'DigestPublished'"
        )
        times["event_bytes"] = float(payload["n"])
    return times


def main() -> None:
    """Print the cost of each step per size, and its ratio to the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    print("digest of N updates: collect from the read models, render, publish (event + files)")
    for count in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            t = measure(count, Path(folder))
        total = t["collect"] + sum(t[f] for f in FORMATS) + t["publish"]
        print(f"{count:,} updates")
        report(
            [
                ("baseline (query + json.dumps)", f"{t['baseline'] * 1000:.1f} ms"),
                ("collect", f"{t['collect'] * 1000:.1f} ms ({t['collect'] / t['baseline']:.1f}x)"),
                *[(f"render {fmt}", f"{t[fmt] * 1000:.1f} ms") for fmt in FORMATS],
                ("publish (event + 4 files)", f"{t['publish'] * 1000:.1f} ms"),
                ("all steps", f"{total * 1000:.1f} ms ({total / t['baseline']:.1f}x baseline)"),
                ("DigestPublished payload", f"{t['event_bytes'] / 1024:,.0f} KiB"),
                ("peak RSS so far", f"{peak_rss_mb():.0f} MB"),
            ]
        )


if __name__ == "__main__":
    main()
