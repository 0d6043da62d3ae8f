"""One HTTP layer for feeds and pages: timeouts, a deadline, size caps, redirects, SSRF guard.

Built on the standard library's ``http.client`` over a socket we connect
ourselves, so that the address we connect to is exactly the address the guard
checked (a client that resolves the name again leaves a DNS-rebinding gap).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from base64 import b64encode
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit, urlunsplit

from monitor.errors import MonitorError

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
_CHUNK = 64 * 1024

Resolver = Callable[[str, int], Sequence[str]]
AddressPolicy = Callable[[str], bool]


class FetchError(MonitorError):
    """A fetch that did not give a usable response; ``reason`` is a stable code.

    Reasons: bad_url, bad_scheme, dns, blocked_address, connect, tls, timeout,
    too_large, too_many_redirects, redirect_loop, http_status, gone, rate_limited,
    protocol, decoding.
    """

    def __init__(
        self,
        reason: str,
        url: str,
        detail: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.reason = reason
        self.url = url
        self.detail = detail
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"{reason}: {detail} ({url})")


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of one fetch."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = "ai-act-monitor"
    allow_private_networks: bool = False
    #: Proxies by the target's scheme ("" for none): ``http://[user:pass@]host:port``.
    http_proxy: str = ""
    https_proxy: str = ""
    #: Hosts (and their subdomains) reached directly, as in NO_PROXY; "*" for all.
    no_proxy: tuple[str, ...] = ()

    def proxy_for(self, scheme: str, host: str) -> str:
        """The proxy a request to ``host`` goes through, or "" to connect directly."""
        proxy = self.https_proxy if scheme == "https" else self.http_proxy
        if not proxy or bypasses_proxy(host, self.no_proxy):
            return ""
        return proxy


@dataclass(frozen=True)
class Redirect:
    """One redirect hop."""

    status: int
    url: str
    location: str


@dataclass(frozen=True)
class FetchResponse:
    """A response with status 2xx or 304, its body decoded and within the cap."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    redirects: tuple[Redirect, ...] = ()
    elapsed: float = 0.0
    raw_bytes: int = 0

    @property
    def not_modified(self) -> bool:
        """The server said the resource did not change (304)."""
        return self.status == 304

    @property
    def permanent_url(self) -> str | None:
        """Where a leading chain of permanent redirects (301/308) ended, if there was one."""
        url = None
        for hop in self.redirects:
            if hop.status not in PERMANENT_REDIRECTS:
                break
            url = hop.location
        return url


@dataclass
class _Budget:
    """The time left of the overall deadline."""

    deadline: float
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def remaining(self, url: str) -> float:
        left = self.deadline - (self.clock() - self.started)
        if left <= 0:
            raise self.expired(url)
        return left

    def expired(self, url: str) -> FetchError:
        """The error of a request that outlived the deadline."""
        return FetchError("timeout", url, f"no complete response within {self.deadline:g} s")


class _Watchdog:
    """Shuts a connection's socket when the deadline passes, whatever read is blocked then.

    Socket timeouts bound each read, not the whole: a server that sends a byte
    every half second meets every one. And once a response with
    ``Connection: close`` is read, http.client holds the socket itself, out of
    reach of a check between reads. A timer that shuts the socket down ends any
    read; ``fired`` then tells a cut-off body from a complete one.
    """

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        with contextlib.suppress(OSError):  # already closed: nothing left to stop
            self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        """Stop the timer (the response was read, or given up)."""
        self._timer.cancel()


def default_resolver(host: str, port: int) -> list[str]:
    """The host's addresses, as the system resolver gives them."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# getaddrinfo cannot be interrupted; a small pool lets a fetch give up on a slow
# lookup when its deadline passes (the lookup thread finishes on its own).
_DNS_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dns")


# IPv6 prefixes whose addresses carry an IPv4 address in their last 32 bits:
# NAT64 well-known (RFC 6052) and local-use (RFC 8215).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it is one of the forms that embed one.

    IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), 6to4
    (2002:AABB:CCDD::), NAT64 (64:ff9b::/96, 64:ff9b:1::/48) and Teredo
    (2001::/32, the client's address inverted): each reaches the IPv4 address
    inside it, so each is judged by it.
    """
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in net for net in _NAT64) or (ip in _IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address; False for loopback, private and the rest.

    An IPv6 address that embeds an IPv4 one must be public on both counts.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            return inner.is_global and not inner.is_multicast
    return ip.is_global and not ip.is_multicast


def _resolve_and_check(
    url: str,
    host: str,
    port: int,
    limits: FetchLimits,
    resolver: Resolver,
    policy: AddressPolicy,
    budget: _Budget,
) -> str:
    try:
        future = _DNS_POOL.submit(resolver, host, port)
        addresses = future.result(timeout=min(limits.connect_timeout, budget.remaining(url)))
    except FutureTimeout:
        raise FetchError("timeout", url, f"looking up {host} took too long") from None
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("dns", url, f"cannot resolve {host}: {exc}") from None
    if not addresses:
        raise FetchError("dns", url, f"{host} has no addresses")
    if not limits.allow_private_networks:
        blocked = [a for a in addresses if not policy(a)]
        if blocked:
            raise FetchError(
                "blocked_address",
                url,
                f"{host} resolves to a non-public address {blocked[0]}; "
                "set fetch.allow_private_networks to allow it",
            )
    return addresses[0]


def bypasses_proxy(host: str, no_proxy: Sequence[str]) -> bool:
    """Whether NO_PROXY's entries send ``host`` direct: "*", the host, or a parent domain."""
    name = host.lower().rstrip(".")
    for raw in no_proxy:
        entry = raw.strip().lower().lstrip(".")
        if entry == "*" or (entry and (name == entry or name.endswith("." + entry))):
            return True
    return False


def _open_socket(
    url: str, where: tuple[str, int], what: str, limits: FetchLimits, budget: _Budget
) -> socket.socket:
    """A TCP connection to ``where`` (``what`` names it in errors), within the budget."""
    timeout = min(limits.connect_timeout, budget.remaining(url))
    try:
        return socket.create_connection(where, timeout=timeout)
    except TimeoutError:
        raise FetchError("timeout", url, f"connecting to {what} timed out") from None
    except OSError as exc:
        raise FetchError("connect", url, f"cannot connect to {what}: {exc}") from None


def _proxy_authorization(proxy: str) -> str:
    parts = urlsplit(proxy)
    if parts.username is None:
        return ""
    login = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
    return "Basic " + b64encode(login.encode()).decode("ascii")


def _connect_tunnel(
    url: str, sock: socket.socket, proxy: str, address: str, port: int, budget: _Budget
) -> None:
    """Ask the proxy for a tunnel to the checked ``address:port``, never the host's
    name: the proxy reaches the address the guard approved, not one it resolves
    again. Raise unless it answers 200."""
    target = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
    lines = [f"CONNECT {target} HTTP/1.1", f"Host: {target}"]
    authorization = _proxy_authorization(proxy)
    if authorization:
        lines.append(f"Proxy-Authorization: {authorization}")
    try:
        sock.settimeout(budget.remaining(url))
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("ascii"))
        reply = b""
        while b"\r\n\r\n" not in reply:
            chunk = sock.recv(4096)
            if not chunk or len(reply) > 16384:
                break
            reply += chunk
    except OSError as exc:
        sock.close()
        raise FetchError("connect", url, f"the proxy did not open a tunnel: {exc}") from None
    status_line = reply.split(b"\r\n", 1)[0].decode("latin-1")
    fields = status_line.split()
    if len(fields) < 2 or fields[1] != "200":
        sock.close()
        raise FetchError(
            "connect", url, f"the proxy refused a tunnel to {target}: {status_line or 'no reply'}"
        )


def _through_http_proxy(
    parts: SplitResult,
    address: str,
    port: int,
    path: str,
    headers: Mapping[str, str],
    proxy: str,
) -> tuple[str, dict[str, str]]:
    """A plain-HTTP request through a proxy names its target in the request line: the
    checked address (the proxy resolves nothing), with the host's own name as Host."""
    where = f"[{address}]" if ":" in address else address
    host = parts.hostname or ""
    named = f"[{host}]" if ":" in host else host
    extra = {"Host": named if parts.port in (None, 80) else f"{named}:{parts.port}"}
    authorization = _proxy_authorization(proxy)
    if authorization:
        extra["Proxy-Authorization"] = authorization
    return f"http://{where}:{port}{path}", {**extra, **headers}


def _connect(
    url: str,
    scheme: str,
    host: str,
    address: str,
    port: int,
    proxy: str,
    limits: FetchLimits,
    budget: _Budget,
) -> http.client.HTTPConnection:
    if proxy:
        # The proxy is the operator's own: the guard is for targets, not for it.
        parts = urlsplit(proxy)
        proxy_host = parts.hostname or ""
        where = (proxy_host, parts.port or 8080)
        sock = _open_socket(url, where, f"the proxy {proxy_host}", limits, budget)
        if scheme == "https":
            _connect_tunnel(url, sock, proxy, address, port, budget)
    else:
        sock = _open_socket(url, (address, port), f"{host} ({address})", limits, budget)
    if scheme == "https":
        try:
            context = ssl.create_default_context()
            sock = context.wrap_socket(sock, server_hostname=host)
        except (ssl.SSLError, ssl.CertificateError, OSError) as exc:
            sock.close()
            raise FetchError("tls", url, f"TLS with {host} failed: {exc}") from None
    conn = http.client.HTTPConnection(host, port)
    # A pre-connected socket: http.client only calls connect() when sock is None,
    # and still sends the Host header for the name, not the address.
    conn.sock = sock
    return conn


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


class _Decoder:
    """Undo Content-Encoding while counting, so the cap holds after decompression."""

    def __init__(self, encoding: str, url: str, max_bytes: int) -> None:
        self.url = url
        self.max_bytes = max_bytes
        self.size = 0
        self.parts: list[bytes] = []
        encoding = encoding.strip().lower()
        if encoding in {"gzip", "x-gzip"}:
            self._inflater: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = zlib.decompressobj()
            self._deflate_probe = True
        elif encoding in {"", "identity"}:
            self._inflater = None
        else:
            raise FetchError("decoding", url, f"unsupported Content-Encoding {encoding!r}")

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.max_bytes:
            raise FetchError(
                "too_large", self.url, f"body exceeds {self.max_bytes:,} bytes after decoding"
            )
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self._inflater is None:
            self._keep(chunk)
            return
        data = chunk
        while data:
            # Inflate at most one byte past the cap at a time: a small gzip bomb
            # never gets the chance to become gigabytes in memory.
            try:
                out = self._inflater.decompress(data, self.max_bytes - self.size + 1)
            except zlib.error as exc:
                if getattr(self, "_deflate_probe", False) and not self.parts:
                    # Some servers send raw deflate without the zlib header.
                    self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._deflate_probe = False
                    continue
                raise FetchError("decoding", self.url, f"bad compressed body: {exc}") from None
            self._deflate_probe = False
            self._keep(out)
            data = self._inflater.unconsumed_tail

    def finish(self) -> bytes:
        if self._inflater is not None:
            self._keep(self._inflater.flush())
        return b"".join(self.parts)


def _read_body(
    response: http.client.HTTPResponse,
    conn: http.client.HTTPConnection,
    url: str,
    limits: FetchLimits,
    budget: _Budget,
    watchdog: _Watchdog,
) -> tuple[bytes, int]:
    length = response.getheader("content-length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(
            "too_large", url, f"Content-Length {int(length):,} exceeds {limits.max_bytes:,} bytes"
        )
    decoder = _Decoder(response.getheader("content-encoding") or "", url, limits.max_bytes)
    raw = 0
    while True:
        if conn.sock is not None:
            conn.sock.settimeout(min(limits.read_timeout, budget.remaining(url)))
        try:
            # read1 returns after one read of the socket, so a server that drips a
            # byte at a time still meets the deadline check on every byte.
            chunk = response.read1(_CHUNK)
        except TimeoutError:
            raise FetchError("timeout", url, f"no data for {limits.read_timeout:g} s") from None
        except (http.client.HTTPException, OSError, ValueError) as exc:
            if watchdog.fired:
                raise budget.expired(url) from None
            raise FetchError("protocol", url, f"broken response body: {exc!r}") from None
        if watchdog.fired:
            raise budget.expired(url)
        if not chunk:
            break
        raw += len(chunk)
        if raw > limits.max_bytes:
            raise FetchError("too_large", url, f"body exceeds {limits.max_bytes:,} bytes")
        decoder.feed(chunk)
    return decoder.finish(), raw


# What may stay as written in a path and in a query: RFC 3986's reserved and
# unreserved characters, and "%" so that what is already escaped stays so.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def to_uri(url: str) -> str:
    """A URL as a browser sends it: IDNA host, non-ASCII and spaces percent-encoded (UTF-8).

    Feeds link to ``/artikel/künstliche-intelligenz`` and ``https://bücher.example/``;
    http.client sends only ASCII. Raises ``ValueError`` on a host IDNA refuses.
    """
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if host and not host.isascii():
        host = host.encode("idna").decode("ascii")
    netloc = host
    if ":" in netloc:  # an IPv6 literal
        netloc = f"[{netloc}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username is not None:
        user = quote(parts.username, safe="")
        password = f":{quote(parts.password, safe='')}" if parts.password is not None else ""
        netloc = f"{user}{password}@{netloc}"
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_PATH_SAFE),
            quote(parts.query, safe=_QUERY_SAFE),
            quote(parts.fragment, safe=_QUERY_SAFE),
        )
    )


def _request_once(
    url: str,
    headers: Mapping[str, str],
    limits: FetchLimits,
    resolver: Resolver,
    policy: AddressPolicy,
    budget: _Budget,
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection, _Watchdog]:
    try:
        parts = urlsplit(to_uri(url))
        port = parts.port
    except (ValueError, UnicodeError) as exc:
        raise FetchError("bad_url", url, f"not a URL that can be fetched: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError("bad_scheme", url, f"only http and https are fetched, not {scheme!r}")
    host = parts.hostname
    if not host:
        raise FetchError("bad_url", url, "the URL has no host")
    port = port or (443 if scheme == "https" else 80)
    address = _resolve_and_check(url, host, port, limits, resolver, policy, budget)
    proxy = limits.proxy_for(scheme, host)
    conn = _connect(url, scheme, host, address, port, proxy, limits, budget)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    proxied = scheme == "http" and bool(proxy)
    if proxied:
        path, headers = _through_http_proxy(parts, address, port, path, headers, proxy)
    assert conn.sock is not None
    watchdog = _Watchdog(conn.sock, budget.remaining(url))
    try:
        conn.sock.settimeout(min(limits.read_timeout, budget.remaining(url)))
        conn.putrequest("GET", path, skip_host=proxied, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
    except TimeoutError:
        watchdog.cancel()
        conn.close()
        raise FetchError("timeout", url, f"no response within {limits.read_timeout:g} s") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        watchdog.cancel()
        conn.close()
        if watchdog.fired:
            raise budget.expired(url) from None
        raise FetchError("protocol", url, f"bad response: {exc!r}") from None
    except BaseException:
        watchdog.cancel()
        conn.close()
        raise
    if watchdog.fired:
        watchdog.cancel()
        conn.close()
        raise budget.expired(url)
    return response, conn, watchdog


def fetch(
    url: str,
    limits: FetchLimits,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = "*/*",
    resolver: Resolver = default_resolver,
    address_policy: AddressPolicy = is_public_address,
    clock: Callable[[], float] = time.monotonic,
) -> FetchResponse:
    """GET a URL within the limits; returns 2xx and 304 responses, raises ``FetchError`` else.

    Unless ``limits.allow_private_networks``, every hop's host must resolve only
    to addresses that ``address_policy`` accepts (by default: public ones), and
    the connection goes to the address that was checked.
    """
    budget = _Budget(limits.deadline, clock)
    headers = {
        "User-Agent": limits.user_agent,
        "Accept": accept,
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    seen = {url}
    redirects: list[Redirect] = []
    while True:
        response, conn, watchdog = _request_once(
            current, headers, limits, resolver, address_policy, budget
        )
        try:
            status = response.status
            if status in REDIRECT_STATUSES:
                location = response.getheader("location")
                if not location:
                    raise FetchError("protocol", current, f"HTTP {status} without a Location")
                target = urljoin(current, location.strip())
                if target in seen:
                    raise FetchError("redirect_loop", url, f"redirect loop back to {target}")
                if len(redirects) >= limits.max_redirects:
                    raise FetchError(
                        "too_many_redirects", url, f"more than {limits.max_redirects} redirects"
                    )
                redirects.append(Redirect(status, current, target))
                seen.add(target)
                current = target
                continue
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            if status == 304:
                return FetchResponse(
                    url,
                    current,
                    status,
                    response_headers,
                    b"",
                    tuple(redirects),
                    clock() - budget.started,
                )
            if 200 <= status < 300:
                body, raw = _read_body(response, conn, current, limits, budget, watchdog)
                return FetchResponse(
                    url,
                    current,
                    status,
                    response_headers,
                    body,
                    tuple(redirects),
                    clock() - budget.started,
                    raw,
                )
            retry_after = parse_retry_after(response.getheader("retry-after"))
            if status == 410:
                raise FetchError("gone", current, "HTTP 410 Gone", status=status)
            if status in {429, 503} and retry_after is not None:
                raise FetchError(
                    "rate_limited",
                    current,
                    f"HTTP {status}, retry after {retry_after:g} s",
                    status=status,
                    retry_after=retry_after,
                )
            raise FetchError(
                "http_status",
                current,
                f"HTTP {status} {response.reason}",
                status=status,
                retry_after=retry_after,
            )
        finally:
            watchdog.cancel()
            conn.close()
