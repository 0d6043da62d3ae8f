"""The assessment's commands: check one article, list updates, the corpus, rescore."""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from monitor.act_parts import PARTS, part_names
from monitor.assess import (
    Assessor,
    CorpusDocument,
    CorpusIndex,
    add_document,
    assess,
    corpus_rows,
    default_embedder,
    record_manual_article,
    remove_document,
    thresholds_from,
)
from monitor.cli.support import (
    WHEN_FORMS,
    CLIState,
    date_option,
    emit_json,
    pass_state,
    stdout,
    when_option,
    working,
)
from monitor.digest.model import story_of, why_flagged
from monitor.errors import MonitorError
from monitor.ingest import extract_page, fetch_limits
from monitor.ingest.fetch import fetch
from monitor.seeds import load_seed_corpus
from monitor.settings import Settings
from monitor.times import iso_z, store_stamp


def _article_from(source: str, app_settings: Settings) -> tuple[str, str, str]:
    """(title, text, language hint) of a file (HTML or plain text) or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        response = fetch(
            source,
            fetch_limits(app_settings, page=True),
            accept="text/html, */*;q=0.5",
        )
        page = extract_page(response.body, response.final_url)
        if page is None:
            raise MonitorError(f"no article text found at {source}")
        return page.title, page.text, page.language
    path = Path(source)
    if not path.is_file():
        raise MonitorError(f"no such file: {source} (give a file or an http(s) URL)")
    data = path.read_bytes()
    if path.suffix.lower() in {".html", ".htm"} or data.lstrip()[:1] == b"<":
        page = extract_page(data, path.as_uri())
        if page is None:
            raise MonitorError(f"no article text found in {source}")
        return page.title, page.text, page.language
    text = data.decode("utf-8", errors="replace")
    return "", text, ""


def _corpus_for_check(state: CLIState) -> tuple[Assessor | None, CorpusIndex]:
    settings = state.settings()
    if settings.store_path().exists():
        app = state.monitor()
        assessor = Assessor(app)
        assessor.refresh()
        return assessor, assessor.index
    index = CorpusIndex(default_embedder())
    index.add([CorpusDocument.from_seed(s) for s in load_seed_corpus(settings.corpus.seeds)])
    return None, index


@click.command()
@click.argument("source")
@click.option(
    "--language", default="", help="The article's language, if detection should not decide."
)
@click.option(
    "--published",
    default="",
    callback=date_option,
    help="The article's date (YYYY-MM-DD), for the time window.",
)
@click.option(
    "--store",
    "keep",
    is_flag=True,
    help="Record the article and its verdict in the store (an update is flagged).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the assessment as one JSON object.")
@pass_state
def check(
    state: CLIState, source: str, language: str, published: str, keep: bool, as_json: bool
) -> None:
    """Assess one article (a file or a URL) against the corpus; nothing is stored.

    The corpus is the store's when there is one, else the bundled seed corpus.
    With --store the article is recorded as an item of the pseudo-feed "manual"
    and assessed like a polled one.

    \b
    Examples:
      monitor check article.html
      monitor check https://example.org/news/ai-act-deal --json
      monitor check notes.txt --language nl --published 2025-02-02
      monitor check https://example.org/news/gpai-code --store
    """
    settings = state.settings()
    with working(f"fetching {source}", not as_json) if "://" in source else nullcontext():
        title, text, hint = _article_from(source, settings)
    if keep:
        with (
            working("judging it (the sentence model loads first)", not as_json),
            state.monitor() as app,
        ):
            item_id = record_manual_article(app, source, title, text, language or hint, published)
            # In log order with anything else pending, so first-story detection holds.
            Assessor(app).assess_pending()
            rows = app.query("SELECT * FROM assessments WHERE item_id = ?", (item_id,))
        if as_json:
            emit_json({"source": source, "title": title, "item_id": item_id, **rows[0]})
        else:
            click.echo(f"recorded as item {item_id}: {rows[0]['verdict']}")
            for reason in json.loads(rows[0]["reasons"]):
                click.echo(f"  · {reason}")
        return
    with working("loading the corpus and the sentence model", not as_json):
        assessor, index = _corpus_for_check(state)
    try:
        result = assess(
            text,
            index,
            title=title,
            language_hint=language or hint,
            published=published,
            thresholds=thresholds_from(settings.assessment),
        )
    finally:
        if assessor is not None:
            assessor.app.close()
    if as_json:
        emit_json({"source": source, "title": title, **result.to_dict()})
        return
    console = stdout()
    style = {"update": "bold green", "known": "yellow", "duplicate": "magenta"}.get(
        result.verdict, "dim"
    )
    console.print(f"[{style}]{result.verdict.upper()}[/]  {title or source}")
    console.print(f"language {result.language} · relevance {result.relevance:.2f}")
    if result.nearest_document_id:
        console.print(
            f"nearest story: {result.nearest_title or result.nearest_document_id} "
            f"(similarity {result.similarity:.2f})"
        )
    for reason in result.reasons:
        console.print(f"  · {reason}")
    if result.novel_sentences:
        console.print("new sentences:")
        for sentence in result.novel_sentences:
            console.print(f"  [green]+[/] {sentence.text}")


@click.command()
@click.option(
    "--since",
    callback=when_option,
    help=f"Only updates flagged on or after this moment ({WHEN_FORMS}).",
)
@click.option(
    "--part",
    "parts",
    multiple=True,
    type=click.Choice(PARTS),
    help="Only updates concerning this part of the Act (repeatable).",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the updates as a JSON array.")
@pass_state
def updates(
    state: CLIState, since: datetime | None, parts: tuple[str, ...], limit: int, as_json: bool
) -> None:
    """The flagged updates on the AI Act, newest first, with the story each follows.

    \b
    Examples:
      monitor updates
      monitor updates --since 2025-02-01 --json
      monitor updates --since 7d
      monitor updates --part gpai --part penalties
    """
    # The part filter in SQL too, so LIMIT counts only the updates that match.
    with state.monitor() as app:
        concerning = f" AND {app.json_array_has('updates.parts', len(parts))}" if parts else ""
        rows = app.query(
            f"SELECT * FROM updates WHERE flagged_at >= ?{concerning} "
            "ORDER BY position DESC LIMIT ?",
            (store_stamp(since) if since else "", *parts, limit),
        )
    for row in rows:
        row["novel_sentences"] = json.loads(row["novel_sentences"] or "[]")
        row["reasons"] = json.loads(row["reasons"] or "[]")
        row["parts"] = json.loads(row.get("parts") or "[]")
    if as_json:
        emit_json(rows)
        return
    console = stdout()
    if not rows:
        console.print("no updates flagged" + (f" since {iso_z(since)}" if since else ""))
    for row in rows:
        console.print(
            f"[bold]{row['title'] or row['url']}[/]  ({row['language']}, {row['flagged_at'][:10]})"
        )
        console.print(f"  {row['url']}")
        _, follows = story_of(row)
        console.print(f"  {why_flagged(follows, len(row['novel_sentences']))}")
        if row["parts"]:
            console.print(f"  parts of the Act: {part_names(row['parts'])}")
        for sentence in row["novel_sentences"][:3]:
            console.print(f"  [green]+[/] {sentence['text']}")


@click.command()
@click.option(
    "--since",
    callback=date_option,
    help="Only articles extracted on or after this date (YYYY-MM-DD); default all.",
)
@click.option("--dry-run", is_flag=True, help="Print what would change; record nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@pass_state
def rescore(state: CLIState, since: str, dry_run: bool, as_json: bool) -> None:
    """Assess stored articles again with the current corpus and settings.

    New verdicts are appended as events (the old ones stay in the log); an
    update that no longer holds is withdrawn, a new one is flagged. Prints
    which verdicts changed and why.

    \b
    Examples:
      monitor rescore --since 2025-02-01
      monitor rescore --dry-run --json
    """
    with state.monitor() as app:
        summary = Assessor(app).rescore(since, dry_run=dry_run)
    if as_json:
        emit_json(summary.to_dict())
        return
    verb = "would change" if dry_run else "changed"
    click.echo(
        f"rescored {summary.rescored} article(s): {len(summary.changes)} {verb}, "
        f"{summary.unchanged} unchanged"
        + (f", {summary.corrected} kept as a reader corrected them" if summary.corrected else "")
    )
    for change in summary.changes:
        click.echo(
            f"  {change['old_verdict'] or '(none)'} -> {change['new_verdict']}  "
            f"{change['title'] or change['item_id']}"
        )
        click.echo(f"      {change['reason']}")


@click.group()
def corpus() -> None:
    """The reference corpus that articles are compared against.

    \b
    Examples:
      monitor corpus list
      monitor corpus add statement.txt --language en --date 2025-07-10
      monitor corpus remove manual-3f2a9c0d1e2b4a5c
    """


@corpus.command("list")
@click.option("--all", "include_removed", is_flag=True, help="Include removed documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the documents as a JSON array.")
@pass_state
def corpus_list(state: CLIState, include_removed: bool, as_json: bool) -> None:
    """The corpus documents, in the order they joined (seed, flagged, manual).

    \b
    Examples:
      monitor corpus list
      monitor corpus list --all --json
    """
    with state.monitor() as app:
        rows = corpus_rows(app, include_removed)
    if as_json:
        emit_json(rows)
        return
    table = Table("id", "origin", "lang", "published", "title", box=None)
    for row in rows:
        removed = " (removed)" if row["removed_at"] else ""
        table.add_row(
            row["document_id"],
            row["origin"],
            row["language"],
            row["published"] or "",
            (row["title"] or "") + removed,
        )
    stdout().print(table)
    click.echo(f"{len(rows)} document(s)")


@corpus.command("add")
@click.argument("source")
@click.option("--language", default="", help="The document's language (default: detected).")
@click.option("--date", "published", callback=date_option, help="Its date (YYYY-MM-DD).")
@click.option("--title", default="", help="A title (default: the page's, or the first line).")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@pass_state
def corpus_add(
    state: CLIState, source: str, language: str, published: str, title: str, as_json: bool
) -> None:
    """Add a text (a file or a URL) to the corpus by hand.

    \b
    Examples:
      monitor corpus add commission-statement.html --date 2025-07-10
      monitor corpus add https://example.org/ai-act-guidelines --language en
    """
    page_title, text, hint = _article_from(source, state.settings())
    url = source if source.startswith(("http://", "https://")) else ""
    with state.monitor() as app:
        outcome = add_document(
            app,
            text,
            title=title or page_title,
            language=language or hint,
            published=published,
            url=url,
            source=source,
        )
    if as_json:
        emit_json(asdict(outcome))
    elif outcome.added:
        click.echo(f"added {outcome.document_id} ({outcome.language})")
    else:
        click.echo(f"not added: {outcome.reason} as {outcome.document_id}")


@corpus.command("remove")
@click.argument("document_id")
@click.option("--reason", default="", help="Why (kept in the log).")
@pass_state
def corpus_remove(state: CLIState, document_id: str, reason: str) -> None:
    """Take a document out of the corpus (its events stay in the log).

    \b
    Example:
      monitor corpus remove seed-en-2024-09-25-zhitong-meta-ai-pact --reason "outdated"
    """
    with state.monitor() as app:
        row = remove_document(app, document_id, reason)
    click.echo(f"removed {row['document_id']} ({row['title']})")
