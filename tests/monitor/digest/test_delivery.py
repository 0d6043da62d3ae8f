"""Delivering digests for real: files, a local SMTP server (aiosmtpd), Apprise over HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from pytest_httpserver import HTTPServer

from monitor.digest.publish import Digests
from monitor.errors import ConfigError
from monitor.events import DigestDeliveryClaimed, DigestPublished
from monitor.settings import load_settings
from tests.monitor.cli.test_cli import run
from tests.monitor.digest.test_digest import TRILOGUE, flag
from tests.monitor.helpers import open_monitor


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()


def email(port: int, **more: str) -> dict[str, str]:
    """Settings (as open_monitor keywords) for email through a relay on 127.0.0.1."""
    return {
        "digest__email__enabled": "true",
        "digest__email__host": "127.0.0.1",
        "digest__email__port": str(port),
        "digest__email__security": "none",
        "digest__email__from": "monitor@example.org",
        "digest__email__to": '["analyst@example.org"]',
        **{f"digest__email__{key}": value for key, value in more.items()},
    }


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_a_failed_file_delivery_is_recorded_and_retried_until_it_lands(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    clock = Clock()
    with open_monitor(tmp_path, digest__output_dir=str(blocker), digest__retry_base="10m") as app:
        app.init()
        flag(app, "a", "First update", TRILOGUE)
        digests = Digests(app, now=clock)
        made = digests.publish_now()
        assert made is not None
        [failed] = app.store.read_all(types=["DigestDeliveryFailed"])
        assert failed.payload["reason"] == "write_failed"
        assert str(blocker) in failed.payload["detail"]
        assert failed.payload["next_attempt_at"] == "2026-11-24T07:10:00.000000Z"

        # Not yet due: nothing is attempted.
        assert digests.deliver() == []
        clock.now += timedelta(minutes=10)
        [again] = digests.deliver()
        assert not again.delivered and again.attempt == 2
        assert again.next_attempt_at == "2026-11-24T07:30:00.000000Z"  # the wait doubled

        blocker.unlink()
        clock.now += timedelta(minutes=20)
        [landed] = digests.deliver()
        assert landed.delivered and landed.attempt == 3
        assert (blocker / f"digest-{made.digest_id}.md").read_text().count("First update") == 1
        [row] = app.query("SELECT status, attempts FROM deliveries")
        assert row == {"status": "delivered", "attempts": 3}
        assert digests.deliver(force=True) == []  # delivered once, never again


def test_delivery_gives_up_after_max_attempts_when_configured(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("x")
    with open_monitor(tmp_path, digest__output_dir=str(blocker), digest__max_attempts="2") as app:
        app.init()
        digests = Digests(app)
        digests.publish_now()
        [outcome] = digests.deliver(force=True)
        assert outcome.attempt == 2 and outcome.next_attempt_at == ""
        [row] = app.query("SELECT status FROM deliveries")
        assert row["status"] == "given_up"
        assert digests.deliver(force=True) == []


def test_a_digest_is_emailed_with_text_and_html_parts(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    recipients = '["analyst@example.org", "desk@example.org"]'
    with open_monitor(tmp_path, **email(port, to=recipients)) as app:
        app.init()
        flag(app, "a", "Council adopts its position", TRILOGUE, ("The Council agreed today.",))
        made = Digests(app).publish_now()
        assert made is not None
        [row] = app.query("SELECT * FROM deliveries WHERE channel = 'email'")
        assert row["status"] == "delivered", row
    [message] = inbox.messages
    assert inbox.recipients == [["analyst@example.org", "desk@example.org"]]
    assert message["Subject"] == "AI Act updates: 1 update(s) (all updates so far)"
    assert message["From"] == "monitor@example.org"
    parts = {part.get_content_type(): part for part in message.walk()}
    text = _decoded(parts["text/plain"])
    html = _decoded(parts["text/html"])
    assert "The Council agreed today." in text and "The Council agreed today." in html
    assert "<h1" in html


def test_an_smtp_server_that_is_down_fails_the_delivery_and_a_retry_sends_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    with open_monitor(tmp_path, **email(port, timeout="3")) as app:
        app.init()
        flag(app, "a", "First update", TRILOGUE)
        Digests(app).publish_now()
        [row] = app.query("SELECT * FROM deliveries WHERE channel = 'email'")
        assert row["status"] == "failed" and row["last_reason"] == "smtp_error"
        assert f"127.0.0.1:{port}" in row["last_detail"]
        files = app.query("SELECT status FROM deliveries WHERE channel = 'files'")
        assert files == [{"status": "delivered"}]  # one channel failing does not hold the other

        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            with pytest.MonkeyPatch.context() as patch:
                for key, value in email(port).items():
                    patch.setenv(f"MONITOR_{key.upper()}", value)
                code, _, err = run(capsys, "--db", str(app.store_path), "digest", "retry")
        finally:
            controller.stop()
        assert code == 0, err
        assert "email: delivered to smtp 127.0.0.1" in err
        assert len(inbox.messages) == 1
        [row] = app.query("SELECT status, attempts FROM deliveries WHERE channel = 'email'")
        assert row == {"status": "delivered", "attempts": 2}


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
@pytest.mark.parametrize("security", ["starttls", "tls"])
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_tls_with_login_against_a_relay_with_its_own_certificate(
    tmp_path: Path, security: str
) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(_s: Any, _ss: Any, _e: Any, _mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"s3cret")

    inbox = Inbox()
    port = free_port()
    # STARTTLS on a plain port (587), or TLS from the first byte (465).
    tls: dict[str, Any] = (
        {"tls_context": context, "require_starttls": True}
        if security == "starttls"
        # aiosmtpd cannot tell that an implicit-TLS session is encrypted.
        else {"ssl_context": context, "auth_require_tls": False}
    )
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_required=True,
        **tls,
    )
    controller.start()
    try:
        settings = email(
            port, security=security, ca_file=str(cert), username="monitor", password="s3cret"
        )
        with open_monitor(tmp_path, **settings) as app:
            app.init()
            Digests(app).publish_now()
            [row] = app.query("SELECT * FROM deliveries WHERE channel = 'email'")
    finally:
        controller.stop()
    assert row["status"] == "delivered", row
    assert logins == [(b"monitor", b"s3cret")]  # the password went over TLS only
    assert inbox.messages[0]["Subject"] == "AI Act updates: nothing new (all updates so far)"


def test_apprise_notifies_and_a_failed_notice_is_retried(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("down", 500)
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("ok", 200)
    url = f"json://127.0.0.1:{httpserver.port}/hook"
    with open_monitor(tmp_path, digest__apprise__urls=json.dumps([url])) as app:
        app.init()
        flag(app, "a", "First update", TRILOGUE)
        digests = Digests(app)
        digests.publish_now()
        [row] = app.query("SELECT * FROM deliveries WHERE channel = 'apprise'")
        assert row["status"] == "failed" and row["last_reason"] == "apprise_failed"
        assert row["target"] == "1 apprise URL(s) (json)"  # the URL's token is never shown
        [outcome] = digests.deliver(force=True)
        assert outcome.delivered
    bodies = [json.loads(request.get_data()) for request, _ in httpserver.log]
    assert len(bodies) == 2
    assert bodies[1]["title"] == "AI Act updates: 1 update(s) (all updates so far)"
    assert "First update" in bodies[1]["message"]
    assert "Why flagged" not in bodies[1]["message"]  # a notice, not the whole digest


def test_digest_settings_are_validated_with_the_key_named(tmp_path: Path) -> None:
    cases = {
        "MONITOR_DIGEST__SCHEDULE": ("every morning", "digest.schedule"),
        "MONITOR_DIGEST__TIMEZONE": ("Mars/Olympus", "digest.timezone"),
        "MONITOR_DIGEST__EMAIL__ENABLED": ("true", "digest.email.host and digest.email.from"),
        "MONITOR_DIGEST__FORMATS": ('["pdf"]', "digest.formats"),
    }
    for name, (value, key) in cases.items():
        with pytest.raises(ConfigError) as info:
            load_settings(environ={name: value})
        assert key in str(info.value), str(info.value)
        assert name in str(info.value) or "must be set too" in str(info.value)
    settings = load_settings(
        environ={
            "MONITOR_DIGEST__SCHEDULE": "30 6 * * mon-fri",
            "MONITOR_DIGEST__TIMEZONE": "Europe/Brussels",
        }
    )
    assert settings.digest.schedule == "30 6 * * mon-fri"


class SlowInbox(Inbox):
    """A relay that takes its time over each message, as the attack's did (3 s)."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        await asyncio.sleep(2)
        return await super().handle_DATA(server, session, envelope)


def _by_email(event: Any) -> bool:
    return bool(event.payload["channel"] == "email")


@pytest.mark.slow
def test_three_retries_at_once_against_a_slow_relay_deliver_the_digest_once(
    tmp_path: Path,
) -> None:
    port = free_port()
    with open_monitor(tmp_path, **email(port, timeout="3")) as app:
        app.init()
        flag(app, "a", "First update", TRILOGUE)
        Digests(app).publish_now()  # the relay is down: the email is owed
        store = app.store_path
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    environ = {
        **os.environ,
        "MONITOR_DB": str(store),
        **{f"MONITOR_{key.upper()}": value for key, value in email(port, timeout="10").items()},
    }
    try:
        retries = [
            subprocess.Popen(
                [sys.executable, "-m", "monitor", "digest", "retry", "--json"],
                env=environ,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(3)
        ]
        for retry in retries:
            retry.communicate(timeout=120)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    with open_monitor(tmp_path) as app:
        delivered = [
            e for e in app.events(types=["DigestDelivered"]) if e.payload["channel"] == "email"
        ]
        claims = [
            e
            for e in app.events(types=["DigestDeliveryClaimed"])
            if e.payload["channel"] == "email"
        ]
        assert len(delivered) == 1
        assert len({c.payload["attempt"] for c in claims}) == len(claims)  # one claim per attempt


def test_a_claim_whose_sender_died_runs_out_and_the_attempt_is_made_again(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    clock = Clock()
    with open_monitor(tmp_path, **email(port), digest__claim_lease="10m") as app:
        app.init()
        flag(app, "a", "First update", TRILOGUE)
        digests = Digests(app, now=clock)
        made = digests.collect(digests.window())
        published = DigestPublished(
            made.digest_id, made.label, made.since, made.until, 0, made.item_ids(),
            made.empty, "command", ["email"], made.to_dict(),
        )  # fmt: skip
        # A sender took attempt 1, then died before it said how it went.
        claimed = DigestDeliveryClaimed(
            made.digest_id, "email", 1, "gone:1", "2026-11-24T07:10:00.000000Z"
        )
        app.record([(f"digest-{made.digest_id}", [published, claimed])])
        assert digests.deliver(force=True) == []  # the claim holds: nobody sends
        clock.now += timedelta(minutes=11)
        [sent] = digests.deliver(force=True)
        assert sent.delivered and sent.attempt == 1
        assert len(inbox.messages) == 1


def test_every_copy_of_a_digest_has_one_message_id(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    with open_monitor(tmp_path, **email(port)) as app:
        app.init()
        flag(app, "a", "First update", TRILOGUE)
        digests = Digests(app)
        made = digests.publish_now()
        assert made is not None
        digests._send(made, "email")  # a second copy, as a retry after a lost answer sends
    ids = {message["Message-ID"] for message in inbox.messages}
    assert len(inbox.messages) == 2 and len(ids) == 1
    assert made.digest_id in ids.pop()
