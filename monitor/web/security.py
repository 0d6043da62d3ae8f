"""Who may write through the web app, and proof that a form came from the app itself.

Rules, in order:
- Reading is open to whoever can reach the app. Without a token the app listens
  only on loopback (``serve`` refuses anything else), so that is this machine.
- Writing needs the token when one is set: ``Authorization: Bearer TOKEN`` from a
  script, or the session cookie the login form gives a browser. Without a token
  (loopback only), writing is open to this machine.
- Every form carries a CSRF token tied to a cookie (double submit): a page of
  another site cannot read the cookie, so it cannot forge the field, even
  against 127.0.0.1. The API takes writes only as ``application/json``, which a
  page of another site cannot send without a CORS preflight this app never grants.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

SESSION_COOKIE = "monitor_session"
CSRF_COOKIE = "monitor_csrf"
CSRF_FIELD = "csrf"


class WebSecurityError(Exception):
    """The app would be open to the network without a token."""


def is_loopback(host: str) -> bool:
    """Whether a listening address is loopback only (``localhost``, 127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_listen(host: str, token: str) -> None:
    """Refuse to listen beyond loopback without a token."""
    if not token and not is_loopback(host):
        raise WebSecurityError(
            f"web.host is {host!r}, beyond loopback, and web.token is empty: set a token "
            "(MONITOR_WEB__TOKEN) before serving to the network"
        )


class Guard:
    """Checks tokens, sessions and CSRF fields for one running app."""

    def __init__(self, token: str) -> None:
        self.token = token
        # Signs sessions and CSRF values; new at each start, so a restart logs out.
        self._key = secrets.token_bytes(32)

    @property
    def open_writes(self) -> bool:
        """Whether writing needs no token (none is set: the app is on loopback only)."""
        return not self.token

    def session_value(self) -> str:
        """The session cookie's value for a browser that gave the right token."""
        return hmac.new(self._key, b"session:" + self.token.encode(), hashlib.sha256).hexdigest()

    def token_matches(self, given: str) -> bool:
        """Whether a token given by a person or a script is the configured one."""
        return bool(self.token) and hmac.compare_digest(given.encode(), self.token.encode())

    def may_write(self, authorization: str, session: str) -> bool:
        """Whether a request with these headers and cookie may write."""
        if self.open_writes:
            return True
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() == "bearer" and self.token_matches(given.strip()):
            return True
        return bool(session) and hmac.compare_digest(session, self.session_value())

    def new_csrf(self) -> str:
        """A fresh CSRF cookie value."""
        return secrets.token_urlsafe(24)

    def csrf_matches(self, cookie: str, field: str) -> bool:
        """Whether a form's CSRF field is the one its cookie holds."""
        return bool(cookie) and bool(field) and hmac.compare_digest(cookie, field)
