"""A small forwarding proxy on 127.0.0.1 for tests: CONNECT tunnels and absolute-URI GETs.

It records every request line and Proxy-Authorization header it receives, and
can refuse tunnels, so tests see what a client asked of its proxy.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class ProxyLog:
    request_lines: list[str] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)


def _relay(one: socket.socket, other: socket.socket) -> None:
    sockets = [one, other]
    while True:
        readable, _, _ = select.select(sockets, [], [], 5)
        if not readable:
            return
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (other if sock is one else one).sendall(data)


class LocalProxy:
    """A threaded proxy; ``url`` is what a client is configured with."""

    def __init__(self, refuse_tunnels: bool = False) -> None:
        self.log = ProxyLog()
        proxy = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = self.request.recv(4096)
                    if not chunk:
                        return
                    head += chunk
                header, _, rest = head.partition(b"\r\n\r\n")
                lines = header.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
                proxy.log.request_lines.append(lines[0])
                proxy.log.authorizations.append(fields.get("Proxy-Authorization", ""))
                proxy.log.hosts.append(fields.get("Host", ""))
                if method == "CONNECT":
                    if refuse_tunnels:
                        self.request.sendall(b"HTTP/1.1 403 Forbidden\r\n\r\n")
                        return
                    host, _, port = target.rpartition(":")
                    upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=5)
                    self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    _relay(self.request, upstream)
                    upstream.close()
                    return
                parts = urlsplit(target)
                upstream = socket.create_connection(
                    (parts.hostname or "", parts.port or 80), timeout=5
                )
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                forwarded = [f"{method} {path} HTTP/1.1"] + [
                    line for line in lines[1:] if not line.startswith("Proxy-")
                ]
                upstream.sendall(("\r\n".join(forwarded) + "\r\n\r\n").encode("latin-1") + rest)
                _relay(self.request, upstream)
                upstream.close()

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
