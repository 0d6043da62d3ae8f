"""Reading the evaluation set: labelled articles, syndicated copies built from their sources."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from monitor.resources import bundled_config_dir
from monitor.seeds import SeedDocument, load_seed_corpus

ARTICLES = Path(__file__).with_name("articles.toml")
VERDICTS = ("update", "known", "duplicate", "irrelevant")


@dataclass(frozen=True)
class Case:
    """One labelled article of the stream."""

    id: str
    label: str
    kind: str
    split: str
    language: str
    published: str
    title: str
    text: str


def seeds() -> list[SeedDocument]:
    """The bundled seed corpus, the stream's starting point."""
    return load_seed_corpus(bundled_config_dir() / "seeds" / "seeds.toml")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text.strip()) if s.strip()]


def _copy(entry: dict[str, object], sources: dict[str, str]) -> str:
    """A syndicated copy: the source's text, cut and edited, with a new dateline and footer."""
    source = sources[str(entry["copy_of"])]
    for old, new in entry.get("replace", []):  # type: ignore[attr-defined]
        if old not in source:
            raise ValueError(f"{entry['id']}: {old!r} is not in {entry['copy_of']}")
        source = source.replace(old, new)
    parts = _sentences(source)
    drop = int(entry.get("drop_last", 0))  # type: ignore[call-overload]
    body = " ".join(parts[: len(parts) - drop])
    return "\n".join(p for p in (str(entry.get("lead", "")), body, str(entry.get("tail", ""))) if p)


def load_cases(path: Path = ARTICLES) -> list[Case]:
    """The articles in stream order (date, then file order), copies built and checked."""
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["article"]
    sources = {seed.document_id: seed.text for seed in seeds()}
    cases = []
    for entry in entries:
        if entry["label"] not in VERDICTS or entry["split"] not in {"tune", "heldout"}:
            raise ValueError(f"{entry['id']}: bad label or split")
        text = _copy(entry, sources) if "copy_of" in entry else entry["text"].strip()
        sources[entry["id"]] = text
        cases.append(
            Case(
                id=entry["id"],
                label=entry["label"],
                kind=entry["kind"],
                split=entry["split"],
                language=entry["language"],
                published=str(entry["published"]),
                title=entry["title"],
                text=text,
            )
        )
    if len({c.id for c in cases}) != len(cases):
        raise ValueError("article ids must be unique")
    return sorted(cases, key=lambda c: c.published)  # stable: file order within a day
