"""Item identity (pure): a stable id per entry, robust to GUID churn and title edits.

An entry is the same item as one seen before when its GUID matches, or when its
normalised link does. Links are ignored for identity in a poll where several
entries share one link (feeds that point every entry at their home page), so
that distinct entries are never merged; a content hash stands in only when an
entry has neither GUID nor link.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from monitor.ingest.feeds import FeedEntry

_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "wt.mc_id",
        "wt_mc",
        "cmpid",
        "ocid",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "ito",
        "spm",
        "sr_share",
        "s_cid",
    }
)
_TRACKING_PREFIXES = ("utm_", "ns_", "pk_", "mtm_", "hmb_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Scheme and host in lower case, default port, fragment and tracking parameters removed."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not scheme or not host:
        return url
    netloc = host if ":" not in host else f"[{host}]"
    if parts.username or parts.password:
        netloc = f"{parts.username or ''}{':' + parts.password if parts.password else ''}@{netloc}"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_EXACT and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def content_key(entry: FeedEntry) -> str:
    """A hash of an entry's title and text, for entries with neither GUID nor link."""
    text = "\n".join((entry.title, entry.summary or entry.content))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class ItemKeys:
    """The keys an entry is known by within its feed; ``primary`` names the item."""

    primary: str
    keys: tuple[str, ...]

    @property
    def kind(self) -> str:
        """Which key names the item: guid, link or hash."""
        return self.primary.split(":", 1)[0]


def keys_for_entries(entries: Sequence[FeedEntry]) -> list[ItemKeys]:
    """The identity keys of every entry of one poll, in order."""
    links = [normalize_url(e.link) if e.link else "" for e in entries]
    link_counts = Counter(link for link in links if link)
    result = []
    for entry, link in zip(entries, links, strict=True):
        keys: list[str] = []
        if entry.guid:
            keys.append("guid:" + entry.guid)
        if link and link_counts[link] == 1:
            keys.append("link:" + link)
        if not keys:
            keys.append("hash:" + content_key(entry))
        result.append(ItemKeys(primary=keys[0], keys=tuple(keys)))
    return result


def item_id(feed_id: str, primary_key: str) -> str:
    """A deterministic item id: the feed's id, then a hash of the item's primary key.

    The feed's id comes first so that one feed's items sit together in every index
    (items, streams, idempotency keys): a poll then touches a few pages, not dozens.
    """
    digest = hashlib.sha256(f"{feed_id}\n{primary_key}".encode()).hexdigest()[:16]
    return f"{feed_id}-{digest}"


def feed_id_for(url: str) -> str:
    """A deterministic feed id from its normalised URL (it stays when the URL later moves)."""
    return hashlib.sha256(normalize_url(url).encode()).hexdigest()[:12]


def new_entries(
    entries: Sequence[FeedEntry], known_keys: Iterable[str]
) -> list[tuple[FeedEntry, ItemKeys]]:
    """The entries none of whose keys are known, each once (duplicates within a poll dropped)."""
    known = set(known_keys)
    fresh = []
    for entry, keys in zip(entries, keys_for_entries(entries), strict=True):
        if known.intersection(keys.keys):
            continue
        known.update(keys.keys)
        fresh.append((entry, keys))
    return fresh
