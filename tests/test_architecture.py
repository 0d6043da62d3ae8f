"""The dependency direction: the events library never imports the application."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_events_never_imports_monitor() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "events").rglob("*.py")
        if "monitor" in imported_modules(p)
    ]
    assert offenders == []


def test_events_knows_no_news_words() -> None:
    words = ("feed", "article", "corpus", "digest")
    hits = [
        f"{p.name}: {w}"
        for p in (ROOT / "events").rglob("*.py")
        for w in words
        if w in p.read_text(encoding="utf-8").lower()
    ]
    assert hits == []


def test_the_shipped_seed_corpus_is_the_shared_one_unchanged() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        return
    for source in shared.iterdir():
        assert (ROOT / "config" / "seeds" / source.name).read_bytes() == source.read_bytes()
