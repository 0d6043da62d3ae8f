"""The reference corpus: reading the seed documents and their metadata (pure, no store)."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from monitor.errors import CorpusError


@dataclass(frozen=True)
class SeedDocument:
    """One document of the seed corpus, its text exactly as received."""

    document_id: str
    file: str
    title: str
    language: str
    text: str
    source: str = ""
    published: str = ""
    date_precision: str = "day"
    topics: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, to tell a changed seed from the same one."""
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """SHA-256 of a text in UTF-8, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


_REQUIRED = ("file", "language", "title")


def load_seed_corpus(index: Path) -> list[SeedDocument]:
    """Read ``seeds.toml`` and the texts it names; a bad entry names the file and entry."""
    try:
        with index.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise CorpusError(f"seed corpus index not found: {index}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"seed corpus index {index} is not valid TOML: {exc}") from None
    entries = data.get("document", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{index}: 'document' must be an array of tables ([[document]])")
    documents = []
    for number, entry in enumerate(entries, start=1):
        missing = [key for key in _REQUIRED if not entry.get(key)]
        if missing:
            raise CorpusError(f"{index}: document #{number} lacks {', '.join(missing)}")
        path = index.parent / entry["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CorpusError(f"{index}: document #{number} names a missing file {path}") from None
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path} is not UTF-8 text: {exc}") from None
        documents.append(
            SeedDocument(
                document_id="seed-" + _slug(Path(entry["file"]).stem),
                file=entry["file"],
                title=entry["title"],
                language=entry["language"],
                text=text,
                source=entry.get("source", ""),
                published=str(entry.get("published", "")),
                date_precision=entry.get("date_precision", "day"),
                topics=list(entry.get("topics", [])),
            )
        )
    return documents
