"""Passes that assess one store at once: one verdict per article, one flag per development."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.app import Monitor
from monitor.assess.assessor import Assessor, CorpusMovedError, record_manual_article
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_poll_assess import NEW, OFF_TOPIC
from tests.support.postgres import fresh_schema, postgres_url

REWRITE = (
    "OpenAI, Google, Anthropic and Mistral are among the large AI companies that signed the "
    "European Union's voluntary code of practice for general-purpose AI models, the Commission "
    "announced on Friday. The code is meant to help them comply with AI Act rules that took "
    "effect on 2 August 2025. Meta refused to sign it, arguing it brings legal uncertainty."
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> dict[str, str]:
    """Where the passes' store is: settings for ``open_monitor`` (one schema per test)."""
    if request.param == "postgresql":
        return {"store__url": postgres_url(), "store__schema": fresh_schema("passes")}
    return {}


def _store_two_reports(tmp_path: Path, store: dict[str, str]) -> tuple[Monitor, str, str]:
    app = open_monitor(tmp_path, assessment__baseline="false", **store)
    app.init()
    first = record_manual_article(app, "a", "AI code signed", NEW, "", "2025-07-11")
    second = record_manual_article(app, "b", "Big AI firms sign EU code", REWRITE, "", "2025-07-11")
    return app, first, second


def _article(app: Monitor, item_id: str) -> dict[str, object]:
    return app.query(
        "SELECT a.*, i.feed_id, i.backlog FROM articles a JOIN items i USING (item_id) "
        "WHERE item_id = ?",
        (item_id,),
    )[0]


def test_a_pass_that_lost_the_race_for_an_article_writes_nothing(
    tmp_path: Path, store: dict[str, str]
) -> None:
    app, first, _ = _store_two_reports(tmp_path, store)
    with app, open_monitor(tmp_path, **store) as other:
        late = Assessor(other)
        late.refresh()
        article = _article(other, first)
        verdict = late.judge(article)  # judged before the other pass wrote anything

        summary = Assessor(app).assess_pending()
        assert summary.assessed == 2

        assert late.record(article, verdict) is False
        assert late.assess_pending().to_dict()["assessed"] == 0
        assert app.store.count(["ArticleAssessed"]) == 2
        assert app.store.count(["UpdateFlagged"]) == 1


def test_a_verdict_judged_against_a_corpus_that_grew_meanwhile_is_judged_again(
    tmp_path: Path, store: dict[str, str]
) -> None:
    app, first, second = _store_two_reports(tmp_path, store)
    with app, open_monitor(tmp_path, **store) as other:
        late = Assessor(other)
        late.refresh()
        stale = late.judge(_article(other, second))
        assert stale.verdict == "update"  # against the seeds alone it is news

        Assessor(app).assess_pending(limit=1)  # the other pass flags the first report
        assert app.query("SELECT item_id FROM updates") == [{"item_id": first}]

        with pytest.raises(CorpusMovedError):
            late.record(_article(other, second), stale)
        assert other.store.count(["ArticleAssessed"]) == 1

        summary = late.assess_pending()
        assert summary.verdicts == {"known": 1}
        assert app.store.count(["UpdateFlagged"]) == 1
        known = app.query(
            "SELECT verdict, nearest_document_id FROM assessments WHERE item_id = ?", (second,)
        )
        assert known == [{"verdict": "known", "nearest_document_id": f"item-{first}"}]


@pytest.mark.slow
def test_three_processes_assessing_one_store_record_one_verdict_per_article(
    tmp_path: Path,
) -> None:
    """Three ``check --store`` at once, each assessing everything pending, as the daemon would."""
    app, _, _ = _store_two_reports(tmp_path, {})
    with app:
        for number in range(12):
            text = f"{OFF_TOPIC} Item {number}: the vote was {number + 10} to {number}."
            record_manual_article(app, f"n{number}", f"Council {number}", text, "en", "")
        pending = app.store.count(["ArticleExtracted"])
    notes = []
    for number in range(3):
        note = tmp_path / f"note-{number}.txt"
        note.write_text(f"{OFF_TOPIC} Note {number} of the clerk, filed separately.")
        notes.append(note)
    environ = {
        **os.environ,
        "MONITOR_DB": str(tmp_path / "monitor.db"),
        "MONITOR_ASSESSMENT__BASELINE": "false",
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "monitor", "check", str(note), "--store", "--json"],
            env=environ,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for note in notes
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr.decode()
    with open_monitor(tmp_path) as app:
        assessed = [e.stream_id for e in app.store.read_all(types=["ArticleAssessed"])]
        assert len(assessed) == len(set(assessed)) == pending + len(notes)
        assert app.store.count(["UpdateFlagged"]) == 1
        assert app.query("SELECT COUNT(*) AS n FROM assessments WHERE times > 1") == [{"n": 0}]
