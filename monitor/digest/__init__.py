"""Digest: the flagged updates of a period, grouped by story, rendered and delivered.

``model`` builds a digest from read-model rows (pure), ``render`` writes it as
Markdown, HTML, Atom or JSON, ``publish`` collects, records (``DigestPublished``)
and retries, and ``delivery`` sends it to files, SMTP and Apprise. A digest
reads only the read models: nothing here imports ``monitor.ingest`` or
``monitor.assess``.
"""

from typing import TYPE_CHECKING

from monitor.lazy import lazy_exports

if TYPE_CHECKING:
    from monitor.digest.model import Digest, build_digest
    from monitor.digest.publish import ATOM_FILE, PERIODS, DeliveryOutcome, Digests
    from monitor.digest.render import FORMATS, SUFFIXES
else:
    __getattr__ = lazy_exports(
        __name__,
        {
            "model": ["Digest", "build_digest"],
            "publish": ["ATOM_FILE", "PERIODS", "DeliveryOutcome", "Digests"],
            "render": ["FORMATS", "SUFFIXES"],
        },
    )

__all__ = [
    "ATOM_FILE",
    "FORMATS",
    "PERIODS",
    "SUFFIXES",
    "DeliveryOutcome",
    "Digest",
    "Digests",
    "build_digest",
]
