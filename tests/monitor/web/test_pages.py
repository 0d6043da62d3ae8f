"""The pages and their forms, against the real app on a real port: escaping, CSRF, tokens."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from monitor.app import Monitor
from monitor.events import UpdateFlagged, item_stream
from monitor.web.security import CSRF_COOKIE, SESSION_COOKIE, WebSecurityError, check_listen
from monitor.web.server import server_for
from tests.monitor.cli.test_cli import run
from tests.monitor.web.support import Client, WebServer, web_settings

TOKEN = "page-token-5678"
PAGES = ("/updates", "/articles", "/feeds", "/digests", "/status", "/login")


@pytest.fixture
def open_web(store: Path) -> Iterator[WebServer]:
    """Without a token: loopback only, and a person on this machine may write."""
    with WebServer(web_settings(store)) as served:
        yield served


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page's forms carry a CSRF field"
    return found.group(1)


class Outline(HTMLParser):
    """Headings in order, and every form control with its label."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.controls: list[dict[str, str]] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label" and values.get("for"):
            self.labelled.add(values["for"])
        if tag in {"input", "select", "textarea"} and values.get("type") != "hidden":
            self.controls.append(values)
        if tag == "button" and not values.get("aria-label"):
            self.controls.append({"type": "button-with-text"})


def test_every_page_has_labelled_controls_and_headings_in_order(open_web: WebServer) -> None:
    client = open_web.client()
    item = client.get("/api/v1/updates").json()["items"][0]
    pages = [
        *PAGES,
        f"/articles/{item['item_id']}",
        f"/stories/{item['story']['document_id'] or 'item-' + item['item_id']}",
    ]
    for path in pages:
        reply = client.get(path)
        assert reply.status == 200, path
        outline = Outline()
        outline.feed(reply.text)
        assert outline.headings[0] == 1, path
        for before, after in zip(outline.headings, outline.headings[1:], strict=False):
            assert after <= before + 1, f"{path}: h{before} then h{after}"
        for control in outline.controls:
            if control.get("type") == "button-with-text":
                continue
            assert control.get("id") in outline.labelled or control.get("aria-label"), (
                path,
                control,
            )
        assert '<meta name="viewport"' in reply.text


def test_marking_an_update_on_its_page_takes_it_off_and_records_the_event(
    open_web: WebServer, store: Path
) -> None:
    client = open_web.client()
    page = client.get("/updates").text
    item = client.get("/api/v1/updates").json()["items"][0]["item_id"]
    assert f'data-item="{item}"' in page
    form = {"csrf": csrf_of(page), "correction": "not-update", "back": "/updates"}
    reply = client.post(f"/articles/{item}/mark", form=form)
    assert reply.status == 303 and reply.headers["location"] == "/updates"
    assert f'data-item="{item}"' not in client.get("/updates").text
    article = client.get(f"/articles/{item}").text
    assert "not-update" in article and "as a reader corrected it" in article
    with Monitor(web_settings(store)) as app:
        assert app.store.count(["VerdictCorrected"]) == 1


def test_a_form_without_its_csrf_value_or_from_another_site_is_refused(open_web: WebServer) -> None:
    client = open_web.client()
    page = client.get("/updates").text
    item = client.get("/api/v1/updates").json()["items"][0]["item_id"]
    forged = client.post(f"/articles/{item}/mark", form={"correction": "not-update"})
    assert forged.status == 403 and "stale or forged" in forged.text
    stranger = Client(open_web.url)  # no cookie: a page elsewhere cannot read ours
    stolen = stranger.post(
        f"/articles/{item}/mark", form={"csrf": csrf_of(page), "correction": "not-update"}
    )
    assert stolen.status == 403
    elsewhere = client.post(
        f"/articles/{item}/mark",
        form={"csrf": csrf_of(page), "correction": "not-update"},
        headers={"Origin": "https://evil.example"},
    )
    assert elsewhere.status == 403 and "another site" in elsewhere.text
    assert len(client.get("/api/v1/updates").json()["items"]) == 2


def test_with_a_token_forms_need_a_login_and_the_login_needs_the_token(store: Path) -> None:
    with WebServer(web_settings(store, web__token=TOKEN)) as served:
        client = served.client()
        page = client.get("/updates").text
        assert "Not an update" not in page and "Log in" in page
        item = client.get("/api/v1/updates").json()["items"][0]["item_id"]
        form = {"csrf": csrf_of(client.get("/login").text), "correction": "not-update"}
        assert client.post(f"/articles/{item}/mark", form=form).status == 401

        login = client.get("/login").text
        wrong = client.post("/login", form={"csrf": csrf_of(login), "token": "guess"})
        assert wrong.status == 401 and "not the token" in wrong.text
        assert not client.cookie(SESSION_COOKIE)
        right = client.post(
            "/login", form={"csrf": csrf_of(login), "token": TOKEN, "next": "//evil.example"}
        )
        assert right.status == 303 and right.headers["location"] == "/updates"
        page = client.get("/updates").text
        assert "Not an update" in page
        done = client.post(f"/articles/{item}/mark", form={**form, "csrf": csrf_of(page)})
        assert done.status == 303
        assert client.cookie(CSRF_COOKIE)


def test_hostile_titles_and_links_from_feeds_are_escaped(store: Path) -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    with Monitor(web_settings(store)) as app:
        item = app.query("SELECT item_id FROM assessments WHERE verdict = 'irrelevant'")[0][
            "item_id"
        ]
        flag = UpdateFlagged(
            item_id=item,
            title=hostile,
            url="javascript:alert(document.cookie)",
            language="en",
            published="2024-10-01",
            follows_document_id="",
            follows_title="",
            similarity=0.0,
            novel_sentences=[{"index": 0, "text": hostile, "similarity": 0.1}],
            reasons=[hostile],
            new_story=True,
        )
        app.record([(item_stream(item), [flag])])
    with WebServer(web_settings(store)) as served:
        page = served.client().get("/updates").text
        assert "<script>" not in page and "<img" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert "javascript:" not in page
        assert 'href="#"' in page


def test_no_traceback_reaches_the_browser(store: Path, log_lines: list[str]) -> None:
    with WebServer(web_settings(store)) as served:
        with sqlite3.connect(store) as conn:
            conn.execute("UPDATE feeds SET tags = '{not json'")  # a damaged read model
        client = served.client()
        page = client.get("/feeds")
        assert page.status == 500
        assert "Traceback" not in page.text and "sqlite3" not in page.text
        api = client.get("/api/v1/feeds")
        assert api.status == 500 and api.json() == {
            "error": "something went wrong on our side; the log has the details"
        }
    assert any("web: GET /feeds failed" in line for line in log_lines)


def test_serving_beyond_loopback_needs_a_token(
    store: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for host in ("0.0.0.0", "::", "192.0.2.10"):
        with pytest.raises(WebSecurityError, match=r"web\.token is empty"):
            check_listen(host, "")
    check_listen("0.0.0.0", TOKEN)
    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        check_listen(host, "")
    with pytest.raises(WebSecurityError):
        server_for(web_settings(store), "0.0.0.0", 0)
    monkeypatch.setenv("MONITOR_DB", str(store))
    code, _, err = run(capsys, "serve", "--host", "0.0.0.0", "--port", "0")
    assert code == 1 and "web.token is empty" in err


def test_feeds_page_adds_removes_and_imports_opml(open_web: WebServer) -> None:
    client = open_web.client()
    page = client.get("/feeds").text
    csrf = csrf_of(page)
    added = client.post(
        "/feeds/add", form={"csrf": csrf, "url": "https://example.org/a.xml", "tags": "eu, law"}
    )
    assert added.status == 303
    feeds = {f["url"]: f for f in client.get("/api/v1/feeds").json()}
    assert feeds["https://example.org/a.xml"]["tags"] == ["eu", "law"]
    feed_id = feeds["https://example.org/a.xml"]["feed_id"]
    assert client.post(f"/feeds/{feed_id}/remove", form={"csrf": csrf}).status == 303
    assert "https://example.org/a.xml" not in {f["url"] for f in client.get("/api/v1/feeds").json()}

    opml = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline text="Law" type="rss" xmlUrl="https://example.org/law.xml"/></body></opml>'
    )
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="opml"; filename="f.opml"\r\n'
            "Content-Type: text/xml\r\n\r\n"
        ).encode()
        + opml
        + f"\r\n--{boundary}--\r\n".encode()
    )
    imported = client.post(
        "/feeds/import",
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert imported.status == 200 and "1 feed(s) added" in imported.text
    exported = client.get("/feeds.opml")
    assert exported.status == 200 and "https://example.org/law.xml" in exported.text
