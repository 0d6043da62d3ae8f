"""A feed server for the polling benchmark, run as its own process so it does not share our GIL.

    python -m benchmarks.feed_server FEEDS ENTRIES

Serves /feed/<n> for n < FEEDS, each an RSS document of ENTRIES new entries with
an ETag; a request carrying that ETag gets 304. Prints its port, then serves.
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def feed_document(number: int, entries: int) -> bytes:
    """The RSS document of feed ``number``: ``entries`` items, unique to the feed."""
    items = "".join(
        f"<item><guid isPermaLink='false'>feed-{number}-item-{i}</guid>"
        f"<link>https://news{number % 50}.example/articles/{number}/{i}?utm_source=rss</link>"
        f"<title>EU AI Act update {number}.{i}: the AI Office publishes guidance</title>"
        f"<description>&lt;p&gt;The European Commission's AI Office published guidance "
        f"number {i} on general-purpose AI models, feed {number}. Providers must document "
        f"training data and respect copyright.&lt;/p&gt;</description>"
        f"<pubDate>Mon, 0{1 + i % 9} Sep 2025 10:{i % 60:02d}:00 GMT</pubDate></item>"
        for i in range(entries)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Feed {number}</title><link>https://news{number % 50}.example/</link>"
        f"<language>en</language>{items}</channel></rss>"
    ).encode()


def main() -> None:
    """Serve the feeds until killed."""
    feeds, entries = int(sys.argv[1]), int(sys.argv[2])
    documents = [feed_document(n, entries) for n in range(feeds)]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            """Quiet."""

        def do_GET(self) -> None:
            number = int(self.path.rsplit("/", 1)[1])
            etag = f'"v1-{number}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = documents[number]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
