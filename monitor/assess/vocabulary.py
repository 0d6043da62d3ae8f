"""The AI Act's vocabulary in the languages we follow (pure): lexical relevance signals.

Lexical signals carry the decision where the embedder cannot (a language it does
not cover) and back it up where it can. Words are the lexicon's (``lexicon``), in
the 24 EU languages; phrases are matched case-insensitively on word boundaries,
acronyms and the English names of the Act as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from monitor.assess.lexicon import (
    BY_LANGUAGE,
    CODES,
    COMMISSION,
    COMPARED_AFTER,
    COMPARED_BEFORE,
    COMPARED_BEFORE_AT_END,
    COPYRIGHT,
    COUNCIL_OF_EUROPE,
    ELSEWHERE,
    ELSEWHERE_ACRONYMS,
    ELSEWHERE_LOCAL_ACRONYMS,
    ENGLISH,
    EU_IN_NAME,
    EUROPE_NAMES,
    EUROPES_OWN,
    GENERIC_LAW_WORDS,
    LEXICON_LANGUAGES,
    OTHER_EU_LAWS,
    OTHER_REGIMES,
    OWN_LAW,
    OWN_LAW_NOUNS,
    SHARED_ACT_NAMES,
    TAMING,
)

# The English names, as written: "AI Act", "A.I. Act", "AI Office", "AI Pact", "AI Board".
# An "X AI Act" with a capitalised X is another bill ("Autonomous AI Act") unless X
# is the EU's: the look-behind below and the EU check in ``lexical_signals``.
ENGLISH_ACT_NAMES = (
    r"\bA\.?I\.?\s*[Aa]ct\b",
    r"\bArtificial\s+Intelligence\s+Act\b",
    r"\bRegulation\s+\(EU\)\s+2024/1689",
    r"\b2024/1689\b",
    r"\bAI\s+Pact\b",
    r"\bAI\s+Office\b",
    r"\bAI\s+Board\b",
    r"\bEuropean\s+Artificial\s+Intelligence\s+Board\b",
    # The AI Office as headlines describe it: "the EU's new AI watchdog".
    r"\b(?:EU|E\.U\.|European|Europe['\u2019]s|EU['\u2019]s|E\.U\.['\u2019]s|[Bb]loc['\u2019]s)"
    r"\s+(?:new\s+)?AI\s+(?:watchdog|regulator)\b",
    # The Act as the press names it: "the bloc's artificial intelligence rules",
    # "the EU's landmark AI law", "Europe's AI rulebook".
    r"\b(?:EU|E\.U\.|EU['\u2019]s|E\.U\.['\u2019]s|Europe['\u2019]s|[Bb]loc['\u2019]s|Brussels['\u2019])"
    r"\s+(?:(?:new|landmark|flagship|sweeping|first|own)\s+)?(?:AI|A\.I\.|artificial\s+intelligence)"
    r"\s+(?:law|rules|rulebook|regulation)\b",
)
# The English name as other languages write and inflect it: "AI Actu" (pl, cs, sk),
# "AI Acie" (pl), "AI Actin", "AI Actia" (fi), "AI Acti" (et), "AI Acto" (lt),
# "AI Actens", "AI Act:s" (sv), "AI Act'en" (da), "AI Act-et", "AI Acttel" (hu),
# "AI Act-ul" (ro). Not "AI Action", "AI Actor": the ending must end the word.
FOREIGN_AI_ACT = (
    r"\bA\.?I\.?[\s-]*[Aa](?:cie|ct(?:u|a|ie|em|om|y|ów|in|ia|iin|issa|ista|ille|ilta|iksi|i|o|e|"
    r"ens|en|et|tel|-et|-tel|-ul|-ului|-ot|-ban|-ben|-nak|-ről|-ról|-a|-u|-om|-e|-i|-s|"
    r"['\u2019:](?:en|ens|et|s|n))?)\b"
)

# Topics of the Act: telling, but also used of AI rules elsewhere.
ACT_TOPICS = (
    r"general[- ]purpose\s+AI",
    r"\bGPAI\b",
    r"foundation\s+models?",
    r"frontier\s+models?",
    r"AI[- ]modellen\s+voor\s+algemene\s+doeleinden",
    r"KI[- ]Modelle\s+mit\s+allgemeinem\s+Verwendungszweck",
    r"(?:IA|modèles?)\s+à\s+usage\s+général",
    r"high[- ]risk\s+AI",
    r"high[- ]risk\s+(?:systems|applications|uses)",
    r"hoog[- ]?risico",
    r"Hochrisiko",
    r"à\s+haut\s+risque",
    r"codes?\s+of\s+practice",
    r"praktijkcode",
    r"gedragscode",
    r"Verhaltenskodex",
    r"Praxisleitfaden",
    r"code\s+de\s+(?:bonnes\s+)?pratiques?",
    r"prohibited\s+(?:AI\s+)?practices",
    r"verboden\s+(?:AI[- ])?praktijken",
    r"verbotene\s+(?:KI[- ])?Praktiken",
    r"pratiques\s+(?:d['\u2019]IA\s+)?interdites",
    r"social\s+scoring",
    r"sociale\s+scoring",
    r"Social\s+Scoring",
    r"notation\s+sociale",
    r"biometric\s+(?:identification|surveillance|categori[sz]ation)",
    r"biometrische",
    r"biométrique",
    r"facial\s+recognition",
    r"gezichtsherkenning",
    r"Gesichtserkennung",
    r"reconnaissance\s+faciale",
    r"trilogues?",
    r"triloog",
    r"Trilog",
    r"conformity\s+assessments?",
    r"conformiteitsbeoordeling",
    r"Konformitätsbewertung",
    r"évaluation\s+de\s+(?:la\s+)?conformité",
    r"harmoni[sz]ed\s+standards",
    r"CEN[- ]CENELEC",
    r"regulatory\s+sandbox(?:es)?",
    r"AI\s+literacy",
    r"AI[- ]geletterdheid",
    r"KI[- ]Kompetenz",
    r"digital\s+omnibus",
    r"digitale?\s+omnibus",
    r"omnibus\s+numérique",
    r"deepfakes?",
)

# The EU in the first seeds' languages, beside the lexicon's (its acronyms are the lexicon's).
EU_CONTEXT_PHRASES = (
    r"European\s+(?:Union|Commission|Parliament|Council)",
    r"Europese\s+(?:Unie|Commissie)",
    r"Europees\s+Parlement",
    r"Europäische\s+(?:Union|Kommission)",
    r"Europäisches\s+Parlament",
    r"Union\s+européenne",
    r"Commission\s+européenne",
    r"Parlement\s+européen",
    r"\bBrussels\b",
    r"\bBrussel\b",
    r"\bBrüssel\b",
    r"\bBruxelles\b",
    r"member\s+states",
    r"lidstaten",
    r"Mitgliedstaaten",
    r"États\s+membres",
)

#: Languages the vocabulary covers: a text in one of them with no word of AI at all
#: is not about the AI Act, and need not be embedded to say so.
VOCABULARY_LANGUAGES = LEXICON_LANGUAGES

# Words before "AI Act" that keep it the EU's in a headline's Title Case.
_EU_OWNERS = frozenset(
    [
        "the",
        "eu",
        "e.u.",
        "eu's",
        "e.u.'s",
        "europe's",
        "european",
        "bloc's",
        "landmark",
        "its",
        "new",
        "draft",
        "incoming",
        "proposed",
        "planned",
        "upcoming",
        "final",
        "whole",
        "with",
    ]
)
_POSSESSIVES = frozenset(["its", "their"])
# A sentence ends at . ! ? or a line break, not after an initial ("A.I. Act", "E.U. rules").
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)\s+|\n+")


def _phrases(patterns: tuple[str, ...]) -> str:
    return "|".join(rf"(?:\b{p}\b)" for p in patterns)


def _acronyms(patterns: tuple[str, ...]) -> str:
    # A capital acronym as written, not inside a longer word ("AI" in "OpenAI" is not AI).
    return "|".join(rf"(?<![\w.])(?:{p})(?![\w])" for p in patterns)


def _either(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts if p))


@dataclass(frozen=True)
class _Matchers:
    act: re.Pattern[str]
    english_act: re.Pattern[str]
    topic: re.Pattern[str]
    eu: re.Pattern[str]
    ai: re.Pattern[str]
    rules: re.Pattern[str]
    elsewhere: re.Pattern[str]
    commission: re.Pattern[str]
    #: A capitalised word before "AI Act" makes another bill's name ("Autonomous AI
    #: Act"): read so in English only; elsewhere it is an article or a noun ("Der AI Act").
    bill_names: bool
    #: Europe by its own name, whole ("Europa", "Evropy"): the EU unless compared.
    europe: re.Pattern[str]
    #: Names with "Europe" in them that are not the EU (the Council of Europe).
    not_eu: re.Pattern[str]
    #: The EU's other digital laws by name (the DSA, the GDPR, ...).
    other_laws: re.Pattern[str]
    #: What puts the EU as the point of comparison, before a word for it (matched at
    #: the end of the text before it) and after it (at the start of the text after).
    compared_before: re.Pattern[str]
    compared_after: re.Pattern[str]
    #: A word for "like" that also means "how": it compares where the EU ends a clause.
    compared_before_at_end: re.Pattern[str]
    #: Europe's own firms, banks, clubs ("europäische Banken", "banques européennes").
    europes_own: re.Pattern[str]
    #: Privacy and competition law: another regime ("EU-Datenschützer").
    other_regimes: re.Pattern[str]
    #: Copyright: another regime too, which the Act's rules for models speak of.
    copyright: re.Pattern[str]
    #: A member state's own or national law ("ein eigenes KI-Gesetz", "ley nacional").
    own_law: re.Pattern[str]


@functools.cache
def _matchers(language: str) -> _Matchers:
    """The matchers for a text in ``language``: English terms and that language's."""
    own = [ENGLISH, *([BY_LANGUAGE[language]] if language in BY_LANGUAGE else [])]
    if language not in LEXICON_LANGUAGES:
        own = [ENGLISH, *BY_LANGUAGE.values()]  # unknown: every language's words

    def joined(field: str) -> tuple[str, ...]:
        return tuple(p for terms in own for p in getattr(terms, field))

    flags = re.IGNORECASE
    act_names = SHARED_ACT_NAMES + tuple(p for t in own[1:] for p in (*t.act_names, *t.office))
    places = [language] if language in LEXICON_LANGUAGES else list(ELSEWHERE)

    def with_english(table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """A per-language table's terms for the text's language, and English's always."""
        return table["en"] + tuple(p for c in places if c != "en" for p in table[c])

    elsewhere = with_english(ELSEWHERE)
    europe = with_english(EUROPE_NAMES)
    foreign = language in LEXICON_LANGUAGES and language != "en"
    english_names = (FOREIGN_AI_ACT,) if foreign else ()
    local = tuple(p for c in places for p in ELSEWHERE_LOCAL_ACRONYMS.get(c, ()))
    laws = with_english(OTHER_EU_LAWS)
    law_acronyms = tuple(p for p in laws if p.isalpha() and p.isupper())
    return _Matchers(
        act=re.compile(_phrases(act_names), flags),
        english_act=re.compile("|".join(f"(?:{p})" for p in (*english_names, *ENGLISH_ACT_NAMES))),
        topic=re.compile(_phrases(ACT_TOPICS), flags),
        eu=_either(
            "(?i:" + _phrases(joined("eu") + europe + EU_CONTEXT_PHRASES) + ")",
            _acronyms(joined("eu_acronyms")),
        ),
        ai=_either("(?i:" + _phrases(joined("ai")) + ")", _acronyms(joined("ai_acronyms"))),
        rules=re.compile(
            _phrases(joined("rules") + with_english(CODES) + with_english(TAMING)),
            flags,
        ),
        elsewhere=_either(
            "(?i:" + _phrases(elsewhere) + ")", _acronyms(ELSEWHERE_ACRONYMS + local)
        ),
        commission=re.compile(_phrases(with_english(COMMISSION)), flags),
        not_eu=re.compile(_phrases(with_english(COUNCIL_OF_EUROPE)), flags),
        other_laws=_either(
            "(?i:" + _phrases(tuple(p for p in laws if p not in law_acronyms)) + ")",
            _acronyms(law_acronyms),
        ),
        bill_names=not foreign,
        europe=re.compile("|".join(f"(?:{p})" for p in europe), flags),
        compared_before=re.compile(
            f"(?:{_phrases(with_english(COMPARED_BEFORE))}){_COMPARISON_FILLER}$", flags
        ),
        other_regimes=re.compile(_phrases(with_english(OTHER_REGIMES)), flags),
        copyright=re.compile(_phrases(with_english(COPYRIGHT)), flags),
        own_law=_own_law(with_english(OWN_LAW)),
        europes_own=re.compile(_europes_own(["en", *places]), flags),
        compared_before_at_end=re.compile(
            f"(?:{_phrases(with_english(COMPARED_BEFORE_AT_END))}){_COMPARISON_FILLER}$", flags
        ),
        # After a case ending the word for the EU may carry ("EU:n mallin mukaan").
        compared_after=re.compile(
            "(?::\\w+)?(?:" + "|".join(f"(?:{p})" for p in with_english(COMPARED_AFTER)) + ")"
        ),
    )


def _own_law(own: tuple[str, ...]) -> re.Pattern[str]:
    """A word for "own" or "national" up to two words before a word for a law, or right after."""
    law = "|".join(f"(?:{p})" for p in (*GENERIC_LAW_WORDS, *OWN_LAW_NOUNS))
    words = _phrases(own)
    return re.compile(
        rf"(?:{words})\s+(?:[\w'\u2019-]+\s+){{0,2}}?[\w'\u2019-]*?(?:{law})\b"
        rf"|\b(?:{law})\s+(?:{words})",
        re.IGNORECASE,
    )


# The languages that write compounds as one word ("Datenschutzbehörde", "tekoälyyhtiö").
_COMPOUNDING = frozenset({"da", "de", "et", "fi", "hu", "nl", "sv"})


def _europes_own(languages: list[str]) -> str:
    """Europe's adjective and a noun for its firms, in either order, in these languages.

    The noun may head a compound: "AI-start-up", "AI-bolag", "tekoälyyhtiön".
    """
    alternatives = []
    for language in dict.fromkeys(languages):
        if language not in EUROPES_OWN:
            continue
        adjective, nouns = EUROPES_OWN[language]
        glued = r"\w*?" if language in _COMPOUNDING else ""
        noun = rf"(?:\w+-)?{glued}{nouns}"
        alternatives.append(rf"\b{adjective}\s+(?:\w+\s+)?{noun}\b")
        if language in _ADJECTIVE_AFTER:
            alternatives.append(rf"\b{noun}\s+(?:\w+\s+)?{adjective}\b")
    return "|".join(alternatives)


# The languages that put the adjective after its noun ("les banques centrales
# européennes"). Elsewhere the noun before it is another part of the sentence:
# "Firms sign European code for AI models", "Firmy podepisují evropský kodex" are
# the EU's code, not Europe's firms.
_ADJECTIVE_AFTER = frozenset({"es", "fr", "ga", "it", "mt", "pt", "ro"})


# Between the word that compares and the word for the EU: a few letters of short words
# ("similar to the EU's", "calquée sur celle de l'UE"), no figures ("more than 100 EU
# firms" compares no rules).
_COMPARISON_FILLER = r"(?:[^\W\d_]|[\s'\u2019-]){0,16}"


@dataclass(frozen=True)
class LexicalSignals:
    """What the vocabulary found in a text, and where (the relevance model weighs it).

    ``named_in`` and ``described_in`` say where the Act is first named, or described
    (a word for the EU, one for AI and one for rules or law together): in the
    ``title``, the ``lead`` (the first two sentences, read as one) or only in a
    later sentence of the ``body``. Prominence is what tells an article about the Act from one that
    mentions it in passing. ``elsewhere_in`` says the same of another jurisdiction
    (the US, the UK, China, ...): an AI story about them is about their policy.
    """

    act_names: tuple[str, ...]
    topics: tuple[str, ...]
    eu_mentions: int
    ai_mentions: int
    named_in: str = ""
    described_in: str = ""
    elsewhere_in: str = ""
    #: The share of the text's sentences that name the Act.
    named_share: float = 0.0
    #: The title describes EU rules on AI only through who makes rules ("EU lawmakers
    #: call for an AI summit", "EU privacy regulators … ChatGPT"), not through a rule.
    title_by_actors: bool = False
    #: The title is about another EU law or regime, or about one member state
    #: ("France: mass surveillance at Olympics …", "Italy's ChatGPT ban").
    title_other_subject: bool = False
    #: The title lists several stories (a newsletter, a week in review, a podcast's
    #: rundown): whatever it says of the Act is one item among others.
    title_roundup: bool = False
    #: The title has a word for AI.
    ai_in_title: bool = False
    #: The text's first sentence names the Act (a teaser's lead sentence).
    named_first: bool = False

    def summary(self) -> str:
        """The signals in words, for a reader."""
        parts = []
        if self.act_names:
            where = {"title": "in the title", "lead": "in the lead", "body": "further down"}
            parts.append(
                "names the Act "
                + where.get(self.named_in, "")
                + ": "
                + ", ".join(self.act_names[:4])
            )
        elif self.described_in:
            where = {"title": "in the title", "lead": "in the lead", "body": "in the text"}
            parts.append(f"describes EU rules on AI {where[self.described_in]}")
        if self.topics:
            parts.append("its topics: " + ", ".join(self.topics[:4]))
        if not parts:
            parts.append(
                f"{self.eu_mentions} EU and {self.ai_mentions} AI mentions, no term of the Act"
            )
        return "; ".join(parts)


def _distinct(matches: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for match in matches:
        seen.setdefault(
            re.sub(r"\s+", " ", match.strip()).lower(), re.sub(r"\s+", " ", match.strip())
        )
    return tuple(seen.values())


_EU_IN_NAME = re.compile(EU_IN_NAME)
_GENERIC_LAW = re.compile(_phrases(GENERIC_LAW_WORDS), re.IGNORECASE)


def _names(text: str, m: _Matchers, eu_anywhere: bool) -> list[str]:
    """The Act's names in a text; an English "AI Act" only where it is the EU's."""
    text = _without_own_laws(text, m)
    bare = _EU_IN_NAME.sub("", text)
    # "Brazil's AI bill, modelled on the EU AI Act", "lighter than the AI Act": the Act
    # as the model for another's rules names no news of it.
    found = [
        x.group(0) for x in m.act.finditer(bare) if not m.compared_before.search(bare[: x.start()])
    ]
    if any(_GENERIC_LAW.search(name) for name in found) and _someone_elses(text, m):
        found = [name for name in found if not _GENERIC_LAW.search(name)]
    for match in m.english_act.finditer(text):
        if m.compared_before.search(text[: match.start()]):
            continue
        words = text[max(0, match.start() - 40) : match.start()].split()
        before = words[-1].replace("\u2019", "'").strip("\"'(").lower() if words else ""
        # "Autonomous AI Act": a capitalised word before it makes it another bill's
        # name, unless that word is the EU's own or the text speaks of the EU.
        capitalised = m.bill_names and bool(words) and words[-1][:1].isupper()
        # "Colorado delays its AI Act": a possessive is the EU's only where the text
        # speaks of the EU at all.
        foreign_owner = before in _POSSESSIVES and not eu_anywhere
        if foreign_owner:
            continue
        if not capitalised or before in _EU_OWNERS or eu_anywhere:
            found.append(match.group(0))
    return found


# Who makes rules, not rules: "lawmakers call for a summit" is no rule on AI.
_ACTORS = re.compile(
    r"\b(?:law-?makers?|legislators?|regulators?|watchdogs?|MEPs?)\b", re.IGNORECASE
)
# The member states by their English names and adjectives, which many languages'
# newsrooms also write; a title led by one is a national story as a rule.
_MEMBER_STATES = re.compile(
    r"\b(?:Austria|Austrian|Belgi(?:um|an)|Bulgaria|Bulgarian|Croatia|Croatian|Cyprus|Cypriot|"
    r"Czechia|Czech|Denmark|Danish|Estonia|Estonian|Finland|Finnish|France|French|Germany|"
    r"German|Greece|Greek|Hungary|Hungarian|Ireland|Irish|Italy|Italian|Latvia|Latvian|"
    r"Lithuania|Lithuanian|Luxembourg|Malta|Maltese|Netherlands|Dutch|Poland|Polish|Portugal|"
    r"Portuguese|Romania|Romanian|Slovakia|Slovak|Slovenia|Slovenian|Spain|Spanish|Sweden|"
    r"Swedish)(?:['\u2019]s)?\b"
)


# A rundown's title: three items or more, or a series' name ("This Week in …").
_ROUNDUP_NAMES = re.compile(
    r"\b(?:this\s+week\s+in|week\s+in\s+review|weekly|newsletter|round-?up|digest|"
    r"briefing|podcast|episode|live\s+updates|news\s+wrap)\b",
    re.IGNORECASE,
)


# What opens a part of one sentence rather than another story: an appositive ("AI
# Office, the EU's new AI watchdog, opens …"), a relative or subordinate clause
# ("…, while Apple waits"), a speaker ("…, says Breton").
_CLAUSE_OPENERS = re.compile(
    r"\s*(?:the|a|an|its|his|her|their|who|which|while|as|but|after|before|"
    r"despite|with|says?|said|according)\b",
    re.IGNORECASE,
)


def _title_roundup(title: str) -> bool:
    """A title that lists several stories."""
    parts = [p for p in re.split(r",|;|\s&\s|\s\|\s", title) if p.strip()]
    items = [parts[0], *(p for p in parts[1:] if not _CLAUSE_OPENERS.match(p))] if parts else []
    return len(items) >= 3 or bool(_ROUNDUP_NAMES.search(title))


# The other laws a title may be about, by their English names: the relevance model's
# weight for them was fitted on English titles. Every language's names (a Polish title
# weighing the Act's fines against RODO's) cost it cross-validated F1 (.932 to .926).
_TITLE_OTHER_LAWS = re.compile(_phrases(OTHER_EU_LAWS["en"]), re.IGNORECASE)


def _title_other_subject(title: str, m: _Matchers) -> bool:
    """Another law or regime in the title, or a member state at its head."""
    if (
        _TITLE_OTHER_LAWS.search(title)
        or m.other_regimes.search(title)
        or m.copyright.search(title)
    ):
        return True
    head = title.split(":", maxsplit=1)[0] if ":" in title[:30] else " ".join(title.split()[:2])
    return bool(_MEMBER_STATES.search(head))


def _describes(sentence: str, m: _Matchers) -> bool:
    """A word for the EU, one for AI and one for rules or law, in one stretch of text."""
    # An AI story under the DMA or the GDPR is not about the AI Act: their names hold
    # "Act" and "regulation", but they are no rule word here.
    sentence = m.not_eu.sub(" ", m.other_laws.sub(" ", _without_own_laws(sentence, m)))
    if not (m.ai.search(sentence) and m.rules.search(sentence)):
        return False
    return _eu_acts(sentence, m) is True


def _without_own_laws(text: str, m: _Matchers) -> str:
    """The text with a member state's own or national law blanked out (positions kept).

    "Italien verabschiedet als erstes EU-Land ein eigenes KI-Gesetz": the law is
    Italy's, whatever its name. A text that opens with the EU ("Die EU gibt sich
    ein eigenes KI-Gesetz", "Europe gets its own AI law") speaks of the EU's own.
    """
    if not m.own_law.search(text):
        return text  # as nearly every sentence: no other work on the hot path
    head = " ".join(text.lstrip(" \"'\u201c\u201e\u00ab").split()[:2])
    if m.eu.search(m.not_eu.sub(" ", head)):
        return text

    def blank(found: re.Match[str]) -> str:
        # "the European Union pushes forward with its own laws": the EU owns them,
        # unless the EU before is a country's ("als erstes EU-Land ein eigenes").
        before = " ".join(text[: found.start()].split()[-8:])
        bare = m.not_eu.sub(" ", before)
        owners = list(m.eu.finditer(bare))
        if owners and not (
            _EU_COUNTRY.match(bare, owners[-1].end())
            or _COUNTRY_OF.search(bare[: owners[-1].start()])
        ):
            return found.group(0)
        return " " * len(found.group(0))

    return m.own_law.sub(blank, text)


# What makes the EU before "own" a member state's, not the law's owner: a word for a
# country or a member after it ("EU-Land", "EU country", "EU-Mitgliedstaat") ...
_EU_COUNTRY = re.compile(
    r"(?:[:'\u2019-]\w*)?[\s-]*(?:countr\w*|states?|members?|Land|Länder|lande?t?|länder\w*|"
    r"pays|país\w*|paes\w*|stat[oi]|miembro\w*|membre\w*|Mitglied\w*|lidstaat\w*|"
    r"maa\w*|valti\w*|riik\w*|orsz\w*|valstyb\w*|valst\w*|držav\w*|държав\w*|χώρ\w*|"
    r"țar\w*|tar[aă]\w*|stát\w*|štát\w*|kraj\w*|zem\w*|"
    # A member state glued to its word for member: "EU-medlemsstat", "EU:n
    # jäsenvaltio", "EL-i liikmesriik", "ES dalībvalsts", "uniós tagállam".
    r"medlem\w*|jäsen\w*|liikmes\w*|dalībvalst\w*|tagállam\w*)\b",
    re.IGNORECASE,
)
# ... or before it ("země EU", "pays de l'UE", "państwo członkowskie UE"), a word for
# member between ("État membre de l'UE", "država članica EU", "Stat Membru tal-UE").
_COUNTRY_OF = re.compile(
    r"\b(?:countr\w*|pays|país\w*|paes\w*|stat[oi]|země|zemí|krajin\w*|kraj\w*|państw\w*|"
    r"członkowsk\w*|držav\w*|държав\w*|χώρ\w*|țar\w*|tar[aă]\w*|stát\w*|štát\w*|"
    r"estados?|[ée]tats?|stat|κράτ\w*|b?h?allstát\w*|members?|membr\w*|miembros?|membru)"
    r"(?:[\s-]+(?:membr\w*|miembros?|membru|članic\w*|членк\w*|μέλ\w*))?"
    r"\s+(?:(?:of|de|da|do|dos|del|della|dell'|de\s+la|de\s+l'|the|la|l'|al|на|της|"
    r"tal-|den)\s*)*$",
    re.IGNORECASE,
)


def _eu_acts(sentence: str, m: _Matchers) -> bool | None:
    """Does the EU act in this sentence, or is it only compared with? None: not named.

    "Britain drafts its own AI rules, diverging from Europe": Europe, and no other
    word for the EU, beside another jurisdiction is a comparison. "Brazil adopts an
    AI law modelled on the EU's": every word for the EU is placed as the model.
    """
    hits = list(m.eu.finditer(sentence))
    if not hits:
        return None
    if all(m.europe.fullmatch(hit.group(0)) for hit in hits) and m.elsewhere.search(sentence):
        return False
    owns = [hit.span() for hit in m.europes_own.finditer(sentence)]
    if owns and not (_AI_LAW.search(sentence) or m.act.search(sentence)):
        # "US chip export restrictions hit European AI firms", "Europäische Banken
        # verschärfen Regeln für ChatGPT": Europe's firms, not the EU. (With an AI law
        # in the sentence, "European companies sound alarm over draft AI law", the
        # law is the EU's.)
        hits = [h for h in hits if not any(a <= h.start() < b for a, b in owns)]
        if not hits:
            return False
    return not all(_compared(sentence, hit, m) for hit in hits)


# An AI law named as such, whoever's: "draft AI law", "rules on AI".
_AI_LAW = re.compile(
    r"\b(?:AI|A\.I\.)\s+(?:law|act|rules?|rulebook|regulations?|bill)s?\b"
    r"|\b(?:laws?|rules|regulations?)\s+(?:on|for|governing)\s+(?:AI|A\.I\.|artificial\s+intelligence)\b",
    re.IGNORECASE,
)


def _compared(sentence: str, hit: re.Match[str], m: _Matchers) -> bool:
    """The word for the EU at ``hit`` is the point of a comparison, not who makes rules."""
    before, after = sentence[: hit.start()], sentence[hit.end() :]
    if m.compared_before.search(before) or m.compared_after.match(after):
        return True
    return bool(m.compared_before_at_end.search(before) and _CLAUSE_END.match(after))


# What may follow the word for the EU at the end of a clause: a case ending or a
# possessive, then punctuation, the end, or "and" ("como la UE y China").
_CLAUSE_END = re.compile(
    r"(?:[:'\u2019-]\w*)?(?:\s*[,.;:!?)\]\u00bb\u201d\"]|\s*$"
    r"|\s+(?:and|und|e|y|i|ir|un|in|a|og|och|en|et|és|ja)\b)",
    re.IGNORECASE,
)


def _someone_elses(sentence: str, m: _Matchers) -> bool:
    """A law named in this sentence is another jurisdiction's, not the EU's.

    The Act's usual names in most languages are "the AI law" ("KI-Gesetz", "AI-lag",
    "loi sur l'IA"), which any country's law is called too: "Großbritannien
    verschiebt KI-Gesetz", "Brasilien beschließt KI-Gesetz nach EU-Vorbild".
    """
    acts = _eu_acts(m.not_eu.sub(" ", sentence), m)
    return acts is False or (acts is None and bool(m.elsewhere.search(sentence)))


def _describes_title(title: str, text: str, m: _Matchers, *, text_names_act: bool) -> bool:
    """A title describes EU rules on AI: by itself, or through the bare "Commission".

    "Commission publishes guidelines on banned AI practices" says "the European
    Commission" as headlines do; the word alone could be any commission, so it
    counts only where the text names the EU, or the Act ("Il-Kummissjoni
    tippubblika linji gwida …" over a lead on "l-Att dwar l-IA").
    """
    if _describes(title, m):
        return True
    return (
        bool(m.commission.search(title))
        and (text_names_act or bool(m.eu.search(m.not_eu.sub(" ", text))))
        and _describes(m.commission.sub(" EU ", title), m)
    )


def _first(places: dict[str, bool]) -> str:
    return next((where for where, hit in places.items() if hit), "")


def is_context_word(word: str, language: str = "") -> bool:
    """A word that names the EU or AI ("EU's", "UE", "ELi", "MEPs", "IA"): context, no news.

    Reports of the Act name both throughout; a reader told of "new names" wants the
    people, companies and bodies, not "Akt EU" or "Regulamentul UE" less the Act.
    """
    m = _matchers(language)
    word = word.strip(".,;:()\"'")
    # Declined after a hyphen as hr, hu and sl write it ("EU-a", "EU-s"), or after
    # Maltese's glued preposition ("tal-UE").
    parts = word.split("-")
    return any(
        bool(w) and bool(m.eu.fullmatch(w) or m.ai.fullmatch(w))
        for w in {word, parts[0], parts[-1]}
    )


def lexical_signals(text: str, *, title: str = "", language: str = "") -> LexicalSignals:
    """Find the Act's names, its description and topics, and the EU and AI context in a text."""
    m = _matchers(language)
    whole = f"{title}\n{text}" if title else text
    eu = len(m.eu.findall(m.not_eu.sub(" ", whole)))
    ai = len(m.ai.findall(whole))
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()] or [text]
    lead = " ".join(sentences[:2])
    names_by_sentence = [_names(s, m, eu > 0) for s in sentences]
    title_names = _names(title, m, eu > 0) if title else []
    act = _distinct(title_names + [n for names in names_by_sentence for n in names])
    topics = _distinct(m.topic.findall(whole))
    named_sentences = sum(bool(names) for names in names_by_sentence)
    named_in = _first(
        {"title": bool(title_names), "lead": any(names_by_sentence[:2]), "body": bool(act)}
    )
    # The Act's name says "EU rules on AI" by itself: where it is named, it is described.
    described_in = _first(
        {
            # "EU-Datenschützer stellen Regeln für ChatGPT auf": rules under another
            # regime, unless the title names the Act.
            "title": bool(title_names)
            or (
                bool(title)
                and _describes_title(title, text, m, text_names_act=named_sentences > 0)
                and not m.other_regimes.search(title)
            ),
            # The lead goes on from the headline: "How will AI be regulated?" and
            # "New EU rules would make companies liable…" say EU rules on AI together.
            "lead": any(names_by_sentence[:2])
            or _describes(lead, m)
            or (bool(title) and _describes(f"{title}\n{lead}", m)),
            "body": bool(act) or any(_describes(s, m) for s in sentences[2:]),
        }
    )
    elsewhere_in = _first(
        {
            "title": bool(title) and bool(m.elsewhere.search(title)),
            "lead": bool(m.elsewhere.search(lead)),
            "body": any(m.elsewhere.search(s) for s in sentences[2:]),
        }
    )
    share = named_sentences / len(sentences)
    # "EU lawmakers call for an AI summit": the only rule word is who makes rules. "MEPs
    # back delay to AI rules" names a rule; its actors are only its word for the EU.
    by_actors = (
        described_in == "title"
        and not title_names
        and not m.rules.search(m.other_laws.sub(" ", _ACTORS.sub(" ", title)))
    )
    return LexicalSignals(
        act,
        topics,
        eu,
        ai,
        named_in,
        described_in,
        elsewhere_in,
        round(share, 3),
        title_by_actors=by_actors,
        title_other_subject=bool(title) and _title_other_subject(title, m),
        title_roundup=bool(title) and _title_roundup(title),
        ai_in_title=bool(title) and bool(m.ai.search(title)),
        named_first=bool(names_by_sentence[0]),
    )
