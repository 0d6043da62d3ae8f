"""A reader's commands: see one article's verdict and why, and correct it."""

from __future__ import annotations

import click
from rich.markup import escape

from monitor.assess.article_view import article_view, resolve_item
from monitor.assess.feedback import CORRECTIONS, correct_verdict
from monitor.cli.support import CLIState, emit_json, pass_state, stdout


@click.command()
@click.argument("item")
@click.argument("correction", type=click.Choice(CORRECTIONS))
@click.argument("story", required=False, default="")
@click.option("--note", default="", help="Why, in a few words (kept with the correction).")
@click.option("--by", default="", help="Who corrects it (default: the user running the command).")
@click.option("--json", "as_json", is_flag=True, help="Print what the correction did as JSON.")
@pass_state
def mark(
    state: CLIState, item: str, correction: str, story: str, note: str, by: str, as_json: bool
) -> None:
    """Correct an article's verdict: it is an update, not an update, not about the Act,
    or the same story as a corpus document (STORY, with same-story).

    ITEM is an item id (or a unique prefix of one) or the article's URL. The
    correction is recorded as a VerdictCorrected event: an article marked an
    update is flagged and joins the corpus; one marked otherwise is withdrawn
    from the updates and leaves the corpus. `rescore` keeps corrected verdicts.

    \b
    Examples:
      monitor mark feed-3f2a9c1d not-update --note "a re-run of Monday's story"
      monitor mark https://example.org/news/ai-office update
      monitor mark feed-3f2a9c1d same-story seed-2024-08-entry-into-force --json
    """
    with state.monitor() as app:
        item_id = resolve_item(app, item)
        report = correct_verdict(app, item_id, correction, story=story, note=note, by=by)
    if as_json:
        emit_json(report.to_dict())
        return
    if not report.changed:
        click.echo(f"{item_id}: already marked {correction}; nothing recorded")
        return
    click.echo(f"{item_id}: {report.previous_verdict} -> {report.verdict} ({report.reason})")
    for done, what in (
        (report.flagged, "flagged as an update"),
        (report.withdrawn, "withdrawn from the updates"),
        (report.joined_corpus, "joined the corpus"),
        (report.left_corpus, "left the corpus"),
    ):
        if done:
            click.echo(f"  · {what}")


@click.command()
@click.argument("item")
@click.option("--text", "with_text", is_flag=True, help="Print the article's text too.")
@click.option("--json", "as_json", is_flag=True, help="Print the article as one JSON object.")
@pass_state
def article(state: CLIState, item: str, with_text: bool, as_json: bool) -> None:
    """One article: its verdict and why, the story it is nearest, its new sentences,
    and every correction of it.

    ITEM is an item id (or a unique prefix of one) or the article's URL.

    \b
    Examples:
      monitor article feed-3f2a9c1d
      monitor article https://example.org/news/ai-office --json
    """
    with state.monitor() as app:
        view = article_view(app, resolve_item(app, item))
    if as_json:
        if not with_text:
            view.pop("text")
        emit_json(view)
        return
    console = stdout()
    console.print(
        f"[bold]{view['title'] or view['url']}[/]  ({view['language']}, {view['published'][:10]})"
    )
    console.print(f"  {view['url']}")
    console.print(f"  item {view['item_id']} of feed {view['feed_id']}")
    assessed = view["assessment"]
    if assessed is None:
        console.print("  not assessed yet")
    else:
        flagged = ", flagged" if view["flagged"] else ""
        relevance = f"relevance {assessed['relevance']:.2f}"
        console.print(f"  verdict: [bold]{view['verdict']}[/]{flagged}  ({relevance})")
        if assessed["nearest_title"]:
            console.print(
                f"  nearest story: {escape(assessed['nearest_title'])} "
                f"({assessed['nearest_document_id']}, similarity {assessed['similarity']:.2f})"
            )
        for reason in assessed["reasons"]:
            console.print(f"  · {escape(reason)}")
        for sentence in assessed["novel_sentences"]:
            console.print(f"  [green]+[/] {escape(sentence['text'])}")
    for said in view["corrections"]:
        note = f": {escape(said['note'])}" if said["note"] else ""
        console.print(
            f"  corrected {said['recorded_at'][:16]} by {escape(said['by'] or 'a reader')}: "
            f"{said['previous_verdict']} -> {said['verdict']} ({said['correction']}{note})"
        )
    if with_text:
        console.print()
        console.print(view["text"], markup=False)
