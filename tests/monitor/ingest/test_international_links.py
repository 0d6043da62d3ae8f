"""Links with non-ASCII characters are fetched as browsers fetch them, and never stop a pass."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.ingest.feed_admin import add_feed
from monitor.ingest.fetch import FetchError, FetchLimits, fetch, to_uri
from monitor.ingest.poll import Poller
from tests.monitor.helpers import open_monitor
from tests.support.server import LocalServer, Reply

PAGE = (
    "<html><head><title>KI-Verordnung</title></head><body><article><h1>KI-Verordnung</h1>"
    + "<p>Die Europäische Kommission veröffentlichte Leitlinien zur KI-Verordnung. " * 8
    + "</p></article></body></html>"
).encode()


@pytest.mark.parametrize(
    ("iri", "uri"),
    [
        (
            "http://h.example/artikel/künstliche-intelligenz",
            "http://h.example/artikel/k%C3%BCnstliche-intelligenz",
        ),
        ("http://h.example/a b?q=ä&x=1", "http://h.example/a%20b?q=%C3%A4&x=1"),
        ("http://h.example/already%20escaped", "http://h.example/already%20escaped"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("http://[::1]:8080/ü", "http://[::1]:8080/%C3%BC"),
    ],
)
def test_links_are_encoded_as_browsers_do(iri: str, uri: str) -> None:
    assert to_uri(iri) == uri


def test_a_non_ascii_path_is_fetched(server: LocalServer) -> None:
    server.route("/artikel/k%C3%BCnstliche-intelligenz", Reply(200, PAGE))
    url = server.url("/artikel/künstliche-intelligenz")
    response = fetch(url, FetchLimits(allow_private_networks=True, deadline=5))
    assert response.status == 200 and response.body == PAGE


def test_a_host_idna_refuses_is_a_bad_url_not_a_crash() -> None:
    with pytest.raises(FetchError) as caught:
        fetch("http://a..b\u0301\u0000.example/", FetchLimits(deadline=2))
    assert caught.value.reason == "bad_url"


def test_one_link_with_umlauts_does_not_stop_the_pass(server: LocalServer, tmp_path: Path) -> None:
    server.route("/artikel/k%C3%BCnstliche-intelligenz", Reply(200, PAGE))
    server.route("/plain", Reply(200, PAGE))
    items = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title><link>{escape(link)}</link></item>"
        for guid, title, link in [
            ("g1", "Umlaut", server.url("/artikel/künstliche-intelligenz")),
            ("g2", "Bad host", "http://exa\u0000mple..com/x"),
            ("g3", "Plain", server.url("/plain")),
        ]
    )
    server.route(
        "/feed",
        Reply(200, f"<rss version='2.0'><channel><title>f</title>{items}</channel></rss>".encode()),
    )
    with open_monitor(tmp_path, assessment__enabled="false") as app:
        feed = add_feed(app, server.url("/feed"))
        poller = Poller(app)
        try:
            summary = poller.run([feed.feed_id])
        finally:
            poller.close()
        rows = {
            r["title"]: (r["extraction"], r["method"])
            for r in app.query("SELECT title, extraction, method FROM items")
        }
    assert summary.failed == 0 and summary.new_items == 3
    assert rows["Umlaut"] == ("extracted", "trafilatura")
    assert rows["Plain"] == ("extracted", "trafilatura")
    # The bad link costs its page only: the headline is kept as the article.
    assert rows["Bad host"][0] == "extracted"
