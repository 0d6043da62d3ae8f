"""Which story an article retells, where several pass: the likeliest by the story model."""

from __future__ import annotations

import pytest

from monitor.assess.decision import CorpusDocument, Thresholds, _Story, _verdict, assess
from tests.monitor.assess.test_assess import _seed_index

# The paragraph every report of the Act carried in 2023.
BACKGROUND = (
    "The AI Act, first proposed by the European Commission in 2021, would be the world's "
    "first comprehensive law on artificial intelligence. It sorts AI systems by the risk "
    "they pose, from minimal to unacceptable. "
)


def test_the_story_named_is_yesterdays_report_not_the_older_one_sharing_the_background() -> None:
    """Before, the older report was named: the shared background made it the most
    similar (0.81, past ``known_story``), and content alone chose among the stories."""
    index = _seed_index()
    index.add(
        [
            CorpusDocument(
                "older",
                "Digital industry group criticises the scope of the EU AI Act",
                "en",
                "DigitalEurope said on Thursday that the scope of the AI Act has grown too "
                "wide for European start-ups. " + BACKGROUND,
                "2023-11-23",
                origin="flagged",
            ),
            CorpusDocument(
                "yesterday",
                "EU negotiators pause AI Act talks after 22 hours",
                "en",
                "Negotiators of the European Parliament and the member states paused their talks "
                "on the AI Act on Thursday after 22 hours without a deal. They will resume on "
                "Friday morning to settle the rules on facial recognition by the police.",
                "2023-12-07",
                origin="flagged",
            ),
        ]
    )
    result = assess(
        "Negotiators will resume talks on Friday after a 22-hour session ended without "
        "agreement on police use of facial recognition. " + BACKGROUND,
        index,
        title="EU lawmakers move closer to finalizing AI Act",
        published="2023-12-08",
    )
    assert result.verdict == "known"
    assert result.nearest_document_id == "yesterday", result.reasons


@pytest.mark.parametrize(
    ("fresh_facts", "fresh_names", "verdict"),
    [
        ((), (), "known"),
        (("€5 million",), (), "update"),
        ((), ("PimEyes",), "update"),
        ((), ("#30",), "update"),
    ],
)
def test_new_sentences_of_the_same_story_are_an_update_only_where_they_name_something_new(
    fresh_facts: tuple[str, ...], fresh_names: tuple[str, ...], verdict: str
) -> None:
    # Two sentences, neither aligned with the story's document: told anew, in other
    # words. Without a name, figure, date, reference or count the story lacked, it
    # is the story retold ("nothing new"), not a development.
    nearest = CorpusDocument("item-a", "Commission issues first AI Act fine", "en", "…")
    story = _Story(0, 0.3, 0.0, (0.2, 0.2), (0,), probability=0.6)
    found, reason = _verdict(
        nearest,
        story,
        True,
        True,
        2,
        2,
        Thresholds(),
        fresh_facts=fresh_facts,
        fresh_names=fresh_names,
    )
    assert found == verdict, reason
    assert "Commission issues first AI Act fine" in reason
