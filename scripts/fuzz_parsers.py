"""Fuzz the parsers of untrusted input: ``python scripts/fuzz_parsers.py [--seconds 300]``.

Mutates real feeds (``tests/data/feeds``, ``../shared/data``), OPML files and
article pages (``tests/data/pages``) with insertions of hostile tokens,
deletions and random bytes, and feeds them to ``parse_feed``, ``parse_opml``,
the page chooser (``extract_page`` then ``choose_text``, as an extraction
worker runs them) and the pure readers of an article's text (the vocabulary,
named things, dates, sentences, the language: their patterns meet every text a feed
sends).
Each may only return, or raise its own error (``FeedParseError``,
``OpmlError``; a page that cannot be read is ``None``);
anything else is a crash, printed with its count and saved under ``--out`` to
become a case file in ``tests/data/``.
Run for minutes, not in the unit tests (they hold the cases it found).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import time
import tomllib
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from monitor.assess.dates import find_dates
from monitor.assess.entities import named_things
from monitor.assess.text import detect_language, split_sentences
from monitor.assess.vocabulary import lexical_signals
from monitor.ingest.extract import choose_text, extract_page
from monitor.ingest.feeds import FeedParseError, parse_feed
from monitor.ingest.opml import OpmlError, parse_opml

ROOT = Path(__file__).resolve().parents[1]
TOKENS = [
    b"\x00",
    b"&#0;",
    b"&",
    b"<",
    b"]]>",
    b"<![CDATA[",
    b"\xff\xfe",
    b"\xc3",
    b"<link>",
    b"</link>",
    b"<item>",
    b"<entry>",
    b"<link href='http://[::1'/>",
    b"<link>http://[x]/</link>",
    b"<?xml version='1.0' encoding='utf-16'?>",
    b"<title type='xhtml'>",
    b"<gml:pos>1 2</gml:pos>",
    b"<outline xmlUrl='",
    b"<!DOCTYPE x [<!ENTITY a 'aaaaaaaa'>]>&a;",
    b"<script>",
    b"<!--",
    b"</html>",
    b"<meta charset='utf-16'>",
    b"<meta http-equiv='content-type' content='text/html; charset=x-unknown'>",
    b"<html lang='\xff'>",
    b"<div>" * 400,
    b"<time datetime='99999-99-99'>",
    b'<script type="application/ld+json">{"datePublished": "x", "author": [{}]}</script>',
    b"<p>" + "é".encode() * 50,
    b" " * 64,
    b"2026. " * 20,
    b"2 " * 40,
    b"Ab dem 2. August 2026 gilt die KI-Verordnung (EU) 2024/1689, Artikel 5. ",
    b"Van der Von de la Le Du " * 8,
]


def _mutated(rng: random.Random, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(1, 6)):
        where = rng.randint(0, len(data))
        roll = rng.random()
        if roll < 0.4:
            data[where:where] = rng.choice(TOKENS)
        elif roll < 0.7 and len(data) > 10:
            del data[where : where + rng.randint(1, 40)]
        else:
            data[where:where] = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 8)))
    return bytes(data)


def _feed(data: bytes) -> None:
    with contextlib.suppress(FeedParseError):
        parse_feed(data, {"content-type": "application/rss+xml"}, "https://fuzz.example/feed")


def _opml(data: bytes) -> None:
    with contextlib.suppress(OpmlError):
        parse_opml(data, "fuzz.opml")


def _page(data: bytes) -> None:
    page = extract_page(data, "https://fuzz.example/artikel/k%C3%BCnstliche-intelligenz")
    choose_text(page, "A feed's own text of the article.", 200, title="A title")


def _text(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    for language in ("en", "lv", "hu", "el", "ga"):
        lexical_signals(text, title=text[:120], language=language)
        named_things(text, language)
        find_dates(text, language)
    split_sentences(text, "pl")
    detect_language(text, "de")


def main() -> None:
    """Fuzz until the time is up; print what crashed, save one input per kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("fuzz-crashes"))
    args = parser.parse_args()
    feeds = [p.read_bytes() for p in (ROOT / "tests" / "data" / "feeds").glob("*.xml")]
    shared = ROOT.parent / "shared" / "data"
    if shared.is_dir():
        feeds += [p.read_bytes() for p in sorted(shared.rglob("*.xml"))[:300]]
    opml = [
        b'<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="EU">'
        b'<outline text="A" type="rss" xmlUrl="https://a.example/f"/></outline></body></opml>'
    ]
    pages = [p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "pages").glob("*.html"))]
    languages = tomllib.loads((ROOT / "tests" / "data" / "languages" / "articles.toml").read_text())
    texts = [f"{a['title']}\n{a['text']}".encode() for a in languages["article"]]
    targets: list[tuple[str, Callable[[bytes], None], list[bytes]]] = [
        ("feed", _feed, feeds),
        ("opml", _opml, opml),
        ("page", _page, pages),
        ("text", _text, texts),
    ]
    # Each target once first: loading a model (language identification, about a
    # second) is not the slowness of an input.
    for _, target, seeds in targets:
        with contextlib.suppress(Exception):
            target(seeds[0])
    rng = random.Random(args.seed)
    crashes: Counter[str] = Counter()
    runs: Counter[str] = Counter()
    # The slowest input per target: slow is no crash (the workers' timeouts bound
    # it), but a parser that takes seconds on a small input is worth a look.
    slowest: dict[str, float] = {}
    deadline = time.monotonic() + args.seconds
    warnings.simplefilter("ignore")
    while time.monotonic() < deadline:
        name, target, seeds = rng.choice(targets)
        data = _mutated(rng, rng.choice(seeds))
        runs[name] += 1
        started = time.perf_counter()
        try:
            target(data)
        except Exception as exc:
            kind = f"{name}: {type(exc).__name__}: {str(exc)[:80]}"
            if not crashes[kind]:
                args.out.mkdir(parents=True, exist_ok=True)
                saved = args.out / f"{name}-{len(crashes)}.bin"
                saved.write_bytes(data)
                print(f"new crash, saved {saved}:\n{traceback.format_exc(limit=3)}")
            crashes[kind] += 1
        finally:
            took = time.perf_counter() - started
            if took > slowest.get(name, 0.0):
                slowest[name] = took
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"slowest-{name}.bin").write_bytes(data)
    print(f"runs: {dict(runs)}; crashes: {sum(crashes.values())}")
    print(
        "slowest input, s (saved as slowest-NAME.bin): "
        + ", ".join(f"{n} {t:.3f}" for n, t in sorted(slowest.items()))
    )
    for kind, count in crashes.most_common():
        print(f"  {count:6}  {kind}")


if __name__ == "__main__":
    main()
