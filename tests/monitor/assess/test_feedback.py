"""A reader's corrections: recorded as events, followed by the read models, corpus and rescore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.eval.feedback import score_feedback
from monitor.app import Monitor
from monitor.assess.article_view import article_view, resolve_item
from monitor.assess.assessor import Assessor, record_manual_article
from monitor.assess.feedback import CorrectionError, correct_verdict
from tests.monitor.assess.test_concurrent_passes import REWRITE
from tests.monitor.cli.test_cli import run
from tests.monitor.helpers import open_monitor
from tests.monitor.ingest.test_poll_assess import NEW


def _stored(tmp_path: Path, *texts: tuple[str, str]) -> tuple[Monitor, list[str]]:
    app = open_monitor(tmp_path, assessment__baseline="false")
    app.init()
    ids = [
        record_manual_article(app, f"s{n}", title, text, "", "2025-07-11")
        for n, (title, text) in enumerate(texts)
    ]
    return app, ids


def _read_models(app: Monitor) -> dict[str, list[dict[str, object]]]:
    return {
        "assessments": app.query(
            "SELECT item_id, verdict, relevant, nearest_document_id, corrected, corrected_by, "
            "correction_note FROM assessments ORDER BY item_id"
        ),
        "updates": app.query("SELECT item_id, reasons FROM updates ORDER BY item_id"),
        "corpus": app.query(
            "SELECT document_id, removed_at IS NULL AS active FROM corpus_documents "
            "ORDER BY document_id"
        ),
    }


def test_an_update_marked_not_an_update_is_withdrawn_and_leaves_the_corpus(
    tmp_path: Path,
) -> None:
    app, (item,) = _stored(tmp_path, ("AI code signed", NEW))
    with app:
        Assessor(app).assess_pending()
        assert app.query("SELECT item_id FROM updates") == [{"item_id": item}]

        report = correct_verdict(app, item, "not-update", note="a re-run", by="ana")

        assert (report.previous_verdict, report.verdict) == ("update", "known")
        assert report.withdrawn and report.left_corpus and not report.flagged
        assert report.reason == "marked not an update by ana: a re-run"
        assert app.query("SELECT * FROM updates") == []
        row = app.query("SELECT * FROM assessments WHERE item_id = ?", (item,))[0]
        assert (row["verdict"], row["corrected"], row["corrected_by"]) == (
            "known",
            "not-update",
            "ana",
        )
        document = app.query(
            "SELECT removed_at FROM corpus_documents WHERE document_id = ?", (f"item-{item}",)
        )
        assert document[0]["removed_at"] is not None
        types = [e.event_type for e in app.events(stream_id=f"item-{item}")]
        assert types[-2:] == ["VerdictCorrected", "UpdateWithdrawn"]

        view = article_view(app, item)
        assert (view["verdict"], view["flagged"]) == ("known", False)
        assert [c["note"] for c in view["corrections"]] == ["a re-run"]

        before = _read_models(app)
        app.rebuild()
        assert _read_models(app) == before


def test_a_correction_reaches_the_model_the_next_report_of_the_story_is_news_again(
    tmp_path: Path,
) -> None:
    app, (first, second) = _stored(
        tmp_path, ("AI code signed", NEW), ("Big AI firms sign EU code", REWRITE)
    )
    with app:
        Assessor(app).assess_pending(limit=1)
        correct_verdict(app, first, "irrelevant", by="ana")
        # A new pass: the corrected article is no longer a known story.
        summary = Assessor(app).assess_pending()
        assert summary.verdicts == {"update": 1}
        assert app.query("SELECT item_id FROM updates") == [{"item_id": second}]


def test_a_known_report_marked_an_update_is_flagged_and_rescore_keeps_it(
    tmp_path: Path,
) -> None:
    app, (first, second) = _stored(
        tmp_path, ("AI code signed", NEW), ("Big AI firms sign EU code", REWRITE)
    )
    with app:
        Assessor(app).assess_pending()
        assert app.query("SELECT verdict FROM assessments WHERE item_id = ?", (second,)) == [
            {"verdict": "known"}
        ]
        report = correct_verdict(app, second, "update", note="the Meta refusal is new", by="bo")
        assert report.flagged and report.joined_corpus
        reasons = app.query("SELECT reasons FROM updates WHERE item_id = ?", (second,))
        assert json.loads(reasons[0]["reasons"])[0] == (
            "marked an update by bo: the Meta refusal is new"
        )

        summary = Assessor(app).rescore()
        assert summary.corrected == 1
        assert all(change["item_id"] != second for change in summary.changes)
        assert app.store.count(["UpdateWithdrawn"]) == 0
        assert {r["item_id"] for r in app.query("SELECT item_id FROM updates")} == {first, second}


def test_same_story_names_a_corpus_document_and_repeating_a_correction_records_nothing(
    tmp_path: Path,
) -> None:
    app, (item,) = _stored(tmp_path, ("AI code signed", NEW))
    with app:
        Assessor(app).assess_pending()
        seed = app.query("SELECT document_id, title FROM corpus_documents WHERE origin = 'seed'")[0]
        with pytest.raises(CorrectionError, match="no story 'seed-nope'"):
            correct_verdict(app, item, "same-story", story="seed-nope")
        with pytest.raises(CorrectionError, match="same-story needs"):
            correct_verdict(app, item, "same-story")
        with pytest.raises(CorrectionError, match="no article 'nothing'"):
            correct_verdict(app, "nothing", "update")

        report = correct_verdict(app, item, "same-story", story=seed["document_id"], by="ana")
        assert report.verdict == "known" and seed["title"] in report.reason
        row = app.query("SELECT nearest_document_id, nearest_title FROM assessments")[0]
        assert row == {"nearest_document_id": seed["document_id"], "nearest_title": seed["title"]}

        events = app.store.count()
        again = correct_verdict(app, item, "same-story", story=seed["document_id"], by="ana")
        assert not again.changed and app.store.count() == events


def _digested(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run(capsys, "digest", "--format", "json")
    assert code == 0, err
    return [entry["item_id"] for group in json.loads(out)["groups"] for entry in group["entries"]]


def test_mark_and_article_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, (item,) = _stored(tmp_path, ("AI code signed", NEW))
    with app:
        Assessor(app).assess_pending()
        url = app.query("SELECT url FROM articles")[0]["url"]
        assert resolve_item(app, item[:10]) == item
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "monitor.db"))
    assert _digested(capsys) == [item]

    code, out, err = run(capsys, "mark", item, "not-update", "--note", "old news", "--json")
    assert code == 0, err
    assert json.loads(out)["withdrawn"] is True
    assert _digested(capsys) == []

    code, out, err = run(capsys, "article", url, "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["verdict"] == "known" and shown["corrected"] == "not-update"
    assert shown["assessment"]["verdict"] == "update"  # what the monitor said stays visible
    assert "text" not in shown

    code, out, _ = run(capsys, "article", item)
    assert code == 0 and "not-update: old news" in out

    code, _, err = run(capsys, "mark", "no-such-item", "update")
    assert code != 0 and "no item 'no-such-item'" in err


def test_corrections_are_data_the_current_settings_are_scored_against(tmp_path: Path) -> None:
    app, (first, second) = _stored(
        tmp_path, ("AI code signed", NEW), ("Big AI firms sign EU code", REWRITE)
    )
    with app:
        Assessor(app).assess_pending()
        correct_verdict(app, first, "irrelevant", by="ana")  # the monitor said update
        correct_verdict(app, second, "update", by="ana")  # the monitor said known
        events = app.store.count()

        scores = score_feedback(app)

        assert app.store.count() == events  # a replay records nothing
    # Replayed in order: the first is still judged an update (a disagreement); the
    # second, with the first learned as the reader said (not a story), is news.
    assert scores.corrected == 2 and scores.agree == 1
    assert scores.confusion == {"irrelevant -> update": 1, "update -> update": 1}
    assert (scores.update_precision, scores.update_recall) == (0.5, 1.0)
    assert [d["item_id"] for d in scores.disagreements] == [first]
