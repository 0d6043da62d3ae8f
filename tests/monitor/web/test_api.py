"""The HTTP API and the operators' endpoints, against the real app on a real port."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.app import Monitor
from monitor.heartbeat import heartbeat_path
from tests.monitor.web.support import WebServer, web_settings

TOKEN = "test-token-1234"


@pytest.fixture
def web(store: Path) -> Iterator[WebServer]:
    with WebServer(web_settings(store, web__token=TOKEN)) as served:
        yield served


DRAFT = "EU publishes first draft of code of practice for general-purpose AI"
PACT = "Plus de cent entreprises signent le pacte sur l'IA de la Commission"


def test_updates_page_by_cursor_with_stable_keys_and_filters(web: WebServer) -> None:
    client = web.client()
    reply = client.get("/api/v1/updates")
    assert reply.status == 200
    page = reply.json()
    assert page["next_cursor"] is None
    titles = [u["title"] for u in page["items"]]
    # The demo polls its two feeds at once, so which update came last may vary.
    assert sorted(titles) == [DRAFT, PACT]
    positions = [u["position"] for u in page["items"]]
    assert positions == sorted(positions, reverse=True)
    by_title = {u["title"]: u for u in page["items"]}
    new, follow_up = by_title[DRAFT], by_title[PACT]
    assert set(new) >= {"item_id", "position", "url", "language", "why", "story", "parts"}
    assert new["why"].startswith("Starts a new story") and new["new_story"] is True
    assert follow_up["why"].startswith("Follows “") and follow_up["story"]["document_id"]

    one = client.get("/api/v1/updates?limit=1").json()
    assert [u["title"] for u in one["items"]] == titles[:1] and one["next_cursor"]
    rest = client.get(f"/api/v1/updates?limit=1&cursor={one['next_cursor']}").json()
    assert [u["title"] for u in rest["items"]] == titles[1:] and rest["next_cursor"] is None

    french = client.get("/api/v1/updates?language=fr").json()["items"]
    assert [u["language"] for u in french] == ["fr"]
    found = client.get("/api/v1/updates?q=Bengio").json()["items"]
    assert [u["title"] for u in found] == [DRAFT]
    assert client.get("/api/v1/updates?since=2999-01-01").json()["items"] == []

    bad = client.get("/api/v1/updates?since=soon")
    assert bad.status == 400 and bad.json()["error"].startswith("since:")
    assert client.get("/api/v1/updates?part=nothing").status == 400


def test_an_article_and_its_story_are_served_whatever_their_verdict(web: WebServer) -> None:
    client = web.client()
    items = client.get("/api/v1/updates").json()["items"]
    update = next(u for u in items if u["title"] == PACT)
    story = client.get(f"/api/v1/stories/{update['story']['document_id']}").json()
    kinds = {r["title"]: r["kind"] for r in story["reports"]}
    assert kinds[PACT] == "update"
    assert "duplicate" not in kinds.values()
    assert "copy" in kinds.values() and "known" in kinds.values()

    known = next(r for r in story["reports"] if r["kind"] == "known")
    article = client.get(f"/api/v1/articles/{known['item_id']}").json()
    assert article["verdict"] == "known" and article["assessment"]["reasons"]
    assert "text" not in article
    assert "text" in client.get(f"/api/v1/articles/{known['item_id']}?text=true").json()

    missing = client.get("/api/v1/articles/no-such-item")
    assert missing.status == 404 and "no item" in missing.json()["error"]
    assert client.get("/api/v1/stories/no-such-story").status == 404


def test_a_correction_needs_the_token_and_json_and_is_recorded_as_an_event(
    web: WebServer, store: Path
) -> None:
    client = web.client()
    item = client.get("/api/v1/updates").json()["items"][0]["item_id"]
    path = f"/api/v1/articles/{item}/corrections"
    body = {"correction": "not-update", "note": "seen it", "by": "ana"}

    assert client.post(path, json_body=body).status == 401
    wrong = client.post(path, json_body=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status == 401
    as_form = client.post(
        path, body=json.dumps(body).encode(), headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert as_form.status == 415  # a page of another site can send text/plain, never JSON

    done = client.post(path, json_body=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert done.status == 201, done.body
    assert done.json()["withdrawn"] is True
    items = client.get("/api/v1/updates").json()["items"]
    assert item not in [u["item_id"] for u in items]
    bad = client.post(
        path, json_body={"correction": "maybe"}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert bad.status == 400 and "unknown correction" in bad.json()["error"]

    with Monitor(web_settings(store)) as app:
        (event,) = list(app.events(types=["VerdictCorrected"]))
        assert event.payload["by"] == "ana" and event.payload["item_id"] == item


def test_feeds_are_added_and_removed_through_the_api(web: WebServer) -> None:
    client = web.client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    added = client.post(
        "/api/v1/feeds",
        json_body={"url": "https://example.org/ai.xml", "tags": ["eu"]},
        headers=auth,
    )
    assert added.status == 201 and added.json()["added"] is True
    feeds = {f["url"]: f for f in client.get("/api/v1/feeds").json()}
    assert feeds["https://example.org/ai.xml"]["tags"] == ["eu"]
    feed_id = added.json()["feed_id"]
    assert client.request("DELETE", f"/api/v1/feeds/{feed_id}").status == 401
    assert client.request("DELETE", f"/api/v1/feeds/{feed_id}", headers=auth).status == 200
    assert "https://example.org/ai.xml" not in {
        f["url"] for f in client.get("/api/v1/feeds").json()
    }
    bad = client.post("/api/v1/feeds", json_body={"url": "ftp://x"}, headers=auth)
    assert bad.status == 400 and "not an http(s) feed URL" in bad.json()["error"]


def test_openapi_describes_the_api(web: WebServer) -> None:
    spec = web.client().get("/api/v1/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/v1/updates",
        "/api/v1/articles/{item_id}",
        "/api/v1/articles/{item_id}/corrections",
        "/api/v1/stories/{document_id}",
        "/api/v1/feeds",
        "/api/v1/digests",
        "/api/v1/status",
        "/healthz",
        "/metrics",
    } <= paths
    assert not any(p.startswith("/updates") for p in paths)  # pages are not the API


def test_healthz_follows_the_heartbeat(web: WebServer, store: Path) -> None:
    client = web.client()
    down = client.get("/healthz")
    assert down.status == 503 and "no heartbeat" in down.json()["problems"][0]
    now = datetime.now(UTC).isoformat()
    heartbeat_path(store).write_text(
        json.dumps({"pid": 1, "at": now, "started_at": now, "state": "running", "feeds": 2})
    )
    up = client.get("/healthz")
    assert up.status == 200 and up.json()["healthy"] is True


def test_metrics_count_what_the_log_holds(web: WebServer, store: Path) -> None:
    reply = web.client().get("/metrics")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/plain")
    lines = reply.text.splitlines()
    samples = dict(line.rsplit(" ", 1) for line in lines if line and not line.startswith("#"))
    with Monitor(web_settings(store)) as app:
        verdicts = [e.payload["verdict"] for e in app.events(types=["ArticleAssessed"])]
        polls = app.store.count(["FeedPolled"])
        timed = [e for e in app.events(types=["ArticleAssessed"]) if e.payload["elapsed_ms"]]
    for verdict in set(verdicts):
        assert samples[f'monitor_verdicts_total{{verdict="{verdict}"}}'] == str(
            verdicts.count(verdict)
        )
    assert samples["monitor_poll_duration_seconds_count"] == str(polls)
    assert samples['monitor_poll_duration_seconds_bucket{le="+Inf"}'] == str(polls)
    assert "# TYPE monitor_poll_duration_seconds histogram" in lines
    assert timed and samples["monitor_assessment_duration_seconds_count"] == str(len(timed))
    assert samples['monitor_projection_lag_events{projection="assessments"}'] == "0"


def test_the_atom_feed_and_the_latest_digest_are_served_with_their_own_address(
    store: Path,
) -> None:
    settings = web_settings(store, web__base_url="https://monitor.example.org/")
    with WebServer(settings) as served:
        client = served.client()
        atom = client.get("/updates.atom")
        assert atom.status == 200 and "atom+xml" in atom.headers["content-type"]
        assert 'href="https://monitor.example.org/updates.atom" rel="self"' in atom.text or (
            'rel="self" href="https://monitor.example.org/updates.atom"' in atom.text
        )
        latest = client.get("/digests/latest.html")
        assert latest.status == 200 and "<html" in latest.text
        digests = client.get("/api/v1/digests").json()
        assert digests[0]["deliveries"][0]["status"] == "delivered"
        one = client.get(f"/digests/{digests[0]['digest_id']}.html")
        assert one.status == 200


def test_every_assessed_article_is_listed_whatever_its_verdict(web: WebServer) -> None:
    client = web.client()
    everything = client.get("/api/v1/articles").json()
    verdicts = sorted(a["verdict"] for a in everything["items"])
    assert verdicts == ["duplicate", "irrelevant", "known", "update", "update"]
    assert all(a["reason"] for a in everything["items"])

    left_out = client.get("/api/v1/articles?verdict=irrelevant").json()["items"]
    assert [a["title"] for a in left_out] == [
        "Ireland fines LinkedIn 310 million euros over targeted advertising"
    ]
    first = client.get("/api/v1/articles?limit=2").json()
    rest = client.get(f"/api/v1/articles?limit=10&cursor={first['next_cursor']}").json()
    ids = [a["item_id"] for a in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(a["item_id"] for a in everything["items"])
    assert client.get("/api/v1/articles?verdict=maybe").status == 400
    assert client.get("/api/v1/articles?corrected=true").json()["items"] == []

    page = client.get("/articles?verdict=irrelevant").text
    assert "Ireland fines LinkedIn" in page and "Plus de cent" not in page
