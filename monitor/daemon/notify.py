"""systemd's notify protocol (``sd_notify``): ready, alive, stopping, as datagrams.

Under ``Type=notify`` systemd sets NOTIFY_SOCKET and waits for ``READY=1`` before it
counts the service as started; with ``WatchdogSec=`` it restarts a service whose
``WATCHDOG=1`` pings stop. Elsewhere (no NOTIFY_SOCKET) every call does nothing.
A few lines of the documented protocol rather than a dependency.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping


def sd_notify(message: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send one notification; True when a socket was there to take it."""
    env = os.environ if environ is None else environ
    address = env.get("NOTIFY_SOCKET", "")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]  # an abstract socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError:
        return False  # systemd gone or the socket wrong: the daemon goes on regardless
    return True
