"""The pure decisions, without network or database: schedule, identity, walls, text choice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monitor.assess.text import EU_LANGUAGES
from monitor.ingest.extract import PageExtraction, choose_text, detect_wall
from monitor.ingest.feeds import FeedEntry, html_to_text
from monitor.ingest.identity import feed_id_for, keys_for_entries, new_entries, normalize_url
from monitor.ingest.politeness import HostGate
from monitor.ingest.schedule import (
    Backoff,
    believable_next_poll,
    failure_delay,
    next_after_failure,
    next_after_success,
)


def entry(guid: str = "", link: str = "", title: str = "t", summary: str = "s") -> FeedEntry:
    return FeedEntry(guid, link, title, summary, "", "", "", "")


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("HTTPS://News.Example:443/a?utm_source=x&id=3#frag", "https://news.example/a?id=3"),
        ("http://news.example:80", "http://news.example/"),
        ("http://news.example:8080/a?fbclid=1&gclid=2", "http://news.example:8080/a"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?b=2&a=1"),
        ("https://news.example/a/?sid=9f&id=3&PHPSESSID=x", "https://news.example/a?id=3"),
        ("https://news.example/a;jsessionid=ABC123?p=1", "https://news.example/a?p=1"),
        ("https://news.example/%7euser/%2fx%3a", "https://news.example/~user/%2Fx%3A"),
        (
            "https://news.example/künstliche-intelligenz/",
            "https://news.example/k%C3%BCnstliche-intelligenz",
        ),
        ("https://news.example/k%c3%bcnstliche", "https://news.example/k%C3%BCnstliche"),
        ("https://news.example/", "https://news.example/"),
        ("not a url", "not a url"),
    ],
)
def test_normalize_url(url: str, normal: str) -> None:
    assert normalize_url(url) == normal


def test_a_feed_id_survives_tracking_parameters_and_case() -> None:
    assert feed_id_for("https://Example.org/feed?utm_campaign=x") == feed_id_for(
        "https://example.org/feed"
    )


FEED_SPELLINGS = [
    "https://news.example/feeds/ai.xml",
    "HTTPS://NEWS.EXAMPLE/feeds/ai.xml",
    "https://News.Example:443/feeds/ai.xml",
    "https://news.example/feeds/ai.xml/",
    "https://news.example/feeds/ai.xml#top",
    "https://news.example/feeds/ai.xml?utm_source=newsletter",
    "https://news.example/feeds/ai.xml?utm_medium=rss&utm_campaign=x",
    "https://news.example/feeds/ai.xml?fbclid=abc",
    "https://news.example/feeds/%61i.xml",
    "https://news.example/%66eeds/ai.xml",
    "  https://news.example/feeds/ai.xml  ",
    "https://news.example/feeds/ai.xml?sid=123",
    "https://news.example:443/feeds/ai.xml/#x",
    "https://news.example/feeds/ai.xml;jsessionid=0AF",
]


def test_one_feed_under_fourteen_spellings_has_one_id() -> None:
    assert len(FEED_SPELLINGS) == 14
    assert len({feed_id_for(url) for url in FEED_SPELLINGS}) == 1


def test_keys_recorded_before_the_spelling_changed_still_know_their_entries() -> None:
    # A store holds the keys as the earlier spelling made them: a trailing slash
    # kept, a GUID that is a URL taken as it came.
    recorded = ["guid:https://n.example/a/", "link:https://n.example/b/"]
    entries = [
        entry(guid="https://n.example/a/", title="A"),
        entry(guid="fresh-guid", link="https://n.example/b/", title="B"),
        entry(guid="new", link="https://n.example/c/", title="C"),
    ]
    assert [e.title for e, _ in new_entries(entries, recorded)] == ["C"]


def test_a_guid_reused_for_different_links_is_no_identity_but_one_for_one_link_is() -> None:
    keys = keys_for_entries(
        [
            entry(guid="g", link="https://n.example/1"),
            entry(guid="g", link="https://n.example/2"),
            entry(guid="h", link="https://n.example/3"),
            entry(guid="h", link="https://n.example/3"),
        ]
    )
    assert [k.primary for k in keys] == [
        "link:https://n.example/1",
        "link:https://n.example/2",
        "guid:h",
        "guid:h",
    ]


def test_identity_prefers_guid_then_link_then_a_hash() -> None:
    keys = keys_for_entries(
        [entry(guid="g"), entry(link="https://n.example/a"), entry(title="only text")]
    )
    assert [k.kind for k in keys] == ["guid", "link", "hash"]


def test_a_link_shared_by_entries_is_not_identity() -> None:
    keys = keys_for_entries(
        [entry(guid="1", link="https://n.example/"), entry(guid="2", link="https://n.example/")]
    )
    assert all(not any(k.startswith("link:") for k in key.keys) for key in keys)


def test_new_entries_sees_churned_guids_by_their_links() -> None:
    first = [
        entry(guid="a1", link="https://n.example/x"),
        entry(guid="b1", link="https://n.example/y"),
    ]
    known = [k for keys in keys_for_entries(first) for k in keys.keys]
    churned = [
        entry(guid="a2", link="https://n.example/x?utm_medium=rss"),
        entry(guid="c", link="https://n.example/z"),
    ]
    fresh = new_entries(churned, known)
    assert [e.guid for e, _ in fresh] == ["c"]


def test_backoff_doubles_up_to_the_cap_and_keeps_retry_after() -> None:
    policy = Backoff(base=60, cap=600, jitter=0)
    assert [failure_delay(n, policy) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]
    assert failure_delay(1, policy, retry_after=300) == 300
    assert failure_delay(1, policy, retry_after=10**6) == 600, "held to the cap"


def test_jitter_spreads_feeds_but_is_repeatable() -> None:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    policy = Backoff(jitter=0.1)
    times = {next_after_success(f"feed{i}", at, 3600, policy) for i in range(20)}
    assert len(times) == 20
    assert all(at + timedelta(hours=1) <= t <= at + timedelta(hours=1.1) for t in times)
    assert next_after_failure("f", at, 2, policy) == next_after_failure("f", at, 2, policy)


def test_walls_are_short_and_made_of_their_phrases() -> None:
    assert detect_wall("We use cookies. Accept all. Reject all. Manage your choices.") == (
        "consent_wall"
    )
    assert detect_wall("Cet article est réservé aux abonnés. Abonnez-vous.") == "paywall"
    assert detect_wall("Please enable JavaScript to continue.") == "blocked_page"
    article = " ".join(
        ["Regulators say banners must offer reject as clearly as accept all."]
        + ["The AI Act adds transparency duties for chatbots and deepfakes."] * 8
    )
    assert detect_wall(article) == ""
    assert detect_wall("We use cookies. " * 300) == "", "past the length a page is not a wall"


# A cookie banner's two lines in each official language, as publishers write them.
BANNERS = {
    "bg": "Използваме бисквитки. Приеми всички или промени настройки на бисквитките.",
    "cs": "Používáme soubory cookies. Přijmout vše nebo odmítnout vše.",
    "da": "Vi bruger cookies til statistik og annoncer. Accepter alle eller afvis alle.",
    "de": "Wir verwenden Cookies. Alle akzeptieren.",
    "el": "Χρησιμοποιούμε cookies για τη λειτουργία του ιστότοπου. Αποδοχή όλων ή απόρριψη όλων.",
    "en": "We use cookies. Accept all.",
    "es": "Utilizamos cookies propias y de terceros. Aceptar todas o rechazar todas.",
    "et": "Kasutame küpsiseid, et veebileht toimiks. Nõustu kõigiga või muuda küpsiste seaded.",
    "fi": "Käytämme evästeitä sivuston toimintaan. Hyväksy kaikki tai hylkää kaikki.",
    "fr": "Nous utilisons des cookies. Tout accepter.",
    "ga": "Úsáidimid fianáin ar an suíomh seo. Glac le gach ceann.",
    "hr": "Koristimo kolačiće za rad stranice. Prihvati sve ili odbij sve.",
    "hu": "Az oldal sütiket használ a működéshez. Összes elfogadása.",
    "it": "Utilizziamo i cookie per migliorare il sito. Accetta tutti o rifiuta tutti.",
    "lt": "Naudojame slapukus svetainės veikimui. Priimti visus.",
    "lv": "Mēs izmantojam sīkdatnes vietnes darbībai. Pieņemt visus.",
    "mt": "Nużaw il-cookies biex is-sit jaħdem. Naċċetta kollox.",
    "nl": "Wij gebruiken cookies. Alle cookies accepteren.",
    "pl": "Ta strona używa plików cookie. Akceptuj wszystkie lub odrzuć wszystkie.",
    "pt": "Utilizamos cookies para melhorar a sua experiência. Aceitar todos ou rejeitar todos.",
    "ro": "Folosim cookie-uri pentru funcționarea site-ului. Accept toate.",
    "sk": "Používame súbory cookie. Prijať všetko alebo odmietnuť všetko.",
    "sl": "Uporabljamo piškotke za delovanje strani. Sprejmi vse ali zavrni vse.",
    "sv": "Vi använder cookies för statistik. Godkänn alla eller neka alla.",
}


def test_a_cookie_banner_is_a_wall_in_every_official_language() -> None:
    assert sorted(BANNERS) == sorted(EU_LANGUAGES)
    missed = {code: text for code, text in BANNERS.items() if detect_wall(text) != "consent_wall"}
    assert not missed


def test_choose_text_keeps_the_page_unless_it_is_missing_a_wall_or_too_short() -> None:
    page = PageExtraction(text="A long article text " * 30)
    assert choose_text(page, "feed text", 200).method == "trafilatura"
    assert choose_text(None, "feed text", 200) == choose_text(None, "feed text", 200)
    assert choose_text(None, "feed text", 200).fallback_reason == "page_had_no_main_text"
    short = PageExtraction(text="Read it in our app.")
    assert choose_text(short, "a much longer text from the feed itself", 200).method == "feed"
    assert choose_text(short, "", 200).method == "trafilatura", "short beats nothing"
    wall = PageExtraction(text="We use cookies. Accept all. Reject all.")
    assert choose_text(wall, "", 200).method == "", "a wall is never kept as text"
    headline = choose_text(None, "", 200, title="EU clinches deal on landmark AI Act")
    assert (headline.method, headline.text) == ("title", "EU clinches deal on landmark AI Act")
    assert choose_text(wall, "", 200, title="Headline").method == "title"
    assert choose_text(None, "", 200, title="  ").method == ""


def test_html_to_text_drops_markup_scripts_and_entities() -> None:
    assert html_to_text("<p>AI&nbsp;Act <b>deal</b></p><script>x()</script>") == "AI Act deal"
    assert html_to_text("plain   text") == "plain text"
    assert html_to_text("") == ""


def test_the_host_gate_spaces_requests_to_one_host() -> None:
    clock = {"now": 0.0}
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock["now"] += seconds

    gate = HostGate(per_host=1, min_delay=2.0, clock=lambda: clock["now"], sleep=sleep)
    for _ in range(3):
        with gate.slot("news.example"):
            pass
    with gate.slot("other.example"):
        pass
    assert slept == [2.0, 2.0], "the other host does not wait"


def test_opml_is_read_as_leniently_as_readers_write_it() -> None:
    from monitor.ingest.opml import parse_opml  # noqa: PLC0415

    data = (
        b"<?xml version='1.0'?><opml version='1.0'><body>"
        b"<outline text='Science & Tech'>"
        b"<outline text='A' xmlurl='https://a.example/feed?x=1&y=2'/>"
        b"<outline TEXT='B' XMLURL='https://b.example/rss' CATEGORY='/policy'/>"
        b"<outline text='C &amp; D' xmlUrl='https://c.example/atom'/>"
        b"</outline></body></opml>"
    )
    feeds = parse_opml(data)
    assert [(f.url, f.title, f.tags) for f in feeds] == [
        ("https://a.example/feed?x=1&y=2", "A", ["Science & Tech"]),
        ("https://b.example/rss", "B", ["Science & Tech", "policy"]),
        ("https://c.example/atom", "C & D", ["Science & Tech"]),
    ]


def test_a_pass_where_every_feed_failed_alike_gets_one_diagnosis() -> None:
    from monitor.ingest.summary import PollSummary, diagnosis  # noqa: PLC0415

    offline = PollSummary(feeds=12, failed=12, failures=[{"reason": "dns"}] * 12)
    assert (
        diagnosis(offline)
        == "12 of 12 feeds failed on dns: is the machine offline, or its DNS down?"
    )
    mixed = PollSummary(feeds=2, failed=2, failures=[{"reason": "dns"}, {"reason": "timeout"}])
    assert diagnosis(mixed) == ""
    assert diagnosis(PollSummary(feeds=3, failed=2, failures=[{"reason": "dns"}] * 2)) == ""
    assert diagnosis(PollSummary(feeds=1, failed=1, failures=[{"reason": "dns"}])) == ""


def test_a_next_poll_further_ahead_than_any_wait_is_believed_no_more() -> None:
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    backoff = Backoff(300, 86400, 0.1)
    hour = 3600.0
    soon = now + timedelta(hours=2)
    assert believable_next_poll(soon, now, hour, backoff) == soon
    at_cap = now + timedelta(days=1, hours=2)  # a failing feed's longest wait, with jitter
    assert believable_next_poll(at_cap, now, hour, backoff) == at_cap
    jumped = now + timedelta(days=400)  # set by a pass whose clock was 400 days ahead
    assert believable_next_poll(jumped, now, hour, backoff) == now
    assert believable_next_poll(None, now, hour, backoff) is None
