"""Delivering a rendered digest: files in a folder, email over SMTP, Apprise notifications.

Each channel either returns a description of where the digest went (never a
secret) or raises ``DeliveryError`` with a stable reason code and the detail;
the caller records either as an event and schedules the retry.
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
import tempfile
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

from monitor.digest.model import Digest
from monitor.settings import EmailSettings


class DeliveryError(Exception):
    """A channel could not take the digest; ``reason`` is a stable code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def subject(digest: Digest) -> str:
    """The subject line or notification title."""
    if digest.empty:
        return f"AI Act updates: nothing new ({digest.label})"
    return f"AI Act updates: {digest.update_count} update(s) ({digest.label})"


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that a reader sees the old one or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def deliver_files(directory: Path, files: Mapping[str, str]) -> str:
    """Write each ``name -> text`` into ``directory`` (created if needed)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomically(directory / name, text)
    except OSError as exc:
        raise DeliveryError("write_failed", f"cannot write into {directory}: {exc}") from None
    return str(directory)


def email_message(settings: EmailSettings, digest: Digest, text: str, html: str) -> EmailMessage:
    """The email: a plain-text part (the Markdown) and an HTML alternative."""
    message = EmailMessage()
    message["Subject"] = subject(digest)
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=False)
    domain = settings.sender.rpartition("@")[2] or "ai-act-monitor.local"
    # One Message-ID per digest, whatever the attempt: a copy that a retry sends after
    # an SMTP server took the first without saying so folds into it in mail clients.
    message["Message-ID"] = f"<ai-act-monitor.digest-{digest.digest_id}@{domain}>"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def deliver_email(settings: EmailSettings, message: EmailMessage) -> str:
    """Send over SMTP with TLS (implicit or STARTTLS) and log in when a username is set."""
    target = f"smtp {settings.host}:{settings.port} to {', '.join(settings.to)}"
    context = ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    try:
        smtp: smtplib.SMTP
        if settings.security == "tls":
            smtp = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with smtp:
            if settings.security == "starttls":
                smtp.starttls(context=context)
            if settings.username:
                smtp.login(settings.username, settings.password.get_secret_value())
            refused = smtp.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError("smtp_auth", f"{target}: login refused ({exc.smtp_code})") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise DeliveryError("smtp_refused", f"{target}: every recipient refused") from exc
    except smtplib.SMTPNotSupportedError as exc:
        # Raised when the relay offers no STARTTLS, or no AUTH (to log in with).
        reason = "smtp_auth" if "AUTH" in str(exc) else "smtp_tls"
        raise DeliveryError(reason, f"{target}: {exc}") from None
    except ssl.SSLError as exc:
        raise DeliveryError("smtp_tls", f"{target}: TLS failed: {exc}") from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = "timeout" if isinstance(exc, TimeoutError | socket.timeout) else "smtp_error"
        raise DeliveryError(reason, f"{target}: {exc}") from None
    if refused:
        # Some recipients took it: a retry would send it twice to them.
        return f"{target} (refused by {', '.join(sorted(refused))})"
    return target


def describe_urls(urls: list[str]) -> str:
    """Apprise URLs without their tokens: only the schemes are shown."""
    schemes = sorted({urlsplit(url).scheme or "?" for url in urls})
    return f"{len(urls)} apprise URL(s) ({', '.join(schemes)})"


def deliver_apprise(urls: list[str], title: str, body: str) -> str:
    """Notify every Apprise URL; a URL Apprise does not know, or a failed notice, raises."""
    import apprise  # noqa: PLC0415 (optional: the `notify` extra)

    target = describe_urls(urls)
    notifier = apprise.Apprise()
    for url in urls:
        if not notifier.add(url):
            scheme = urlsplit(url).scheme or "?"
            raise DeliveryError("apprise_url", f"Apprise does not accept a {scheme}:// URL")
    with apprise.LogCapture(level=apprise.logging.WARNING) as log:  # type: ignore[no-untyped-call]
        sent = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat.MARKDOWN)
        detail = " ".join(str(log.getvalue()).split())
    if not sent:
        raise DeliveryError("apprise_failed", f"{target}: {detail or 'notification not sent'}")
    return target
