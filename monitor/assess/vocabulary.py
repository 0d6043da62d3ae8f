"""The AI Act's vocabulary in the languages we follow (pure): lexical relevance signals.

Lexical signals carry the decision where the embedder cannot (a language it does
not cover) and back it up where it can. Terms are matched case-insensitively on
word boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Names of the Act itself and of its institutions: one of these makes a text about it.
ACT_NAMES = (
    r"(?:EU\s+)?AI\s*Act",
    r"Artificial\s+Intelligence\s+Act",
    r"Regulation\s+\(EU\)\s+2024/1689",
    r"\b2024/1689\b",
    r"AI[- ]wet",
    r"AI[- ]verordening",
    r"wet\s+op\s+(?:de\s+)?(?:artifici[eë]le|kunstmatige)\s+intelligentie",
    r"Europese\s+AI[- ]verordening",
    r"KI[- ]Verordnung",
    r"KI[- ]Gesetz",
    r"AI[- ]Verordnung",
    r"Verordnung\s+über\s+künstliche\s+Intelligenz",
    r"Gesetz\s+über\s+künstliche\s+Intelligenz",
    r"règlement\s+(?:européen\s+)?sur\s+l['\u2019]\s*(?:IA|intelligence\s+artificielle)",
    r"(?:loi|législation|législation\s+européenne)\s+sur\s+l['\u2019]\s*(?:IA|intelligence\s+artificielle)",
    r"regolamento\s+(?:europeo\s+)?sull['\u2019]\s*(?:IA|intelligenza\s+artificiale)",
    r"(?:ley|reglamento)\s+(?:europeo\s+)?de\s+(?:IA|inteligencia\s+artificial)",
    r"AI\s+Pact",
    r"AI[- ]pact",
    r"KI[- ]Pakt",
    r"pacte\s+(?:sur\s+l['\u2019]\s*IA|IA)",
    r"(?:European\s+)?AI\s+Office",
    r"AI[- ]bureau",
    r"Europees\s+AI[- ]bureau",
    r"KI[- ]Büro",
    r"Bureau\s+(?:européen\s+)?de\s+l['\u2019]\s*IA",
    r"Office\s+européen\s+de\s+l['\u2019]\s*IA",
    r"AI\s+Board",
    r"European\s+Artificial\s+Intelligence\s+Board",
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

EU_CONTEXT = (
    r"\bEU\b",
    r"\bE\.U\.",
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
    r"\bUE\b",
    r"member\s+states",
    r"lidstaten",
    r"Mitgliedstaaten",
    r"États\s+membres",
)

AI_CONTEXT = (
    r"artificial\s+intelligence",
    r"\bAI\b",
    r"kunstmatige\s+intelligentie",
    r"artifici[eë]le\s+intelligentie",
    r"künstliche[rn]?\s+Intelligenz",
    r"\bKI\b",
    r"intelligence\s+artificielle",
    r"\bIA\b",
    r"intelligenza\s+artificiale",
    r"inteligencia\s+artificial",
    r"chatbots?",
    r"ChatGPT",
    r"large\s+language\s+models?",
    r"generative\s+AI",
    r"generatieve\s+AI",
    r"generative\s+KI",
    r"IA\s+générative",
)


#: Languages the vocabulary covers well: a text in one of them with no word of AI at all
#: is not about the AI Act, and need not be embedded to say so.
VOCABULARY_LANGUAGES = frozenset({"en", "nl", "de", "fr", "it", "es"})


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_ACT = _compile(ACT_NAMES)
_TOPIC = _compile(ACT_TOPICS)
_EU = _compile(EU_CONTEXT)
# "AI", "KI" and "IA" are matched as written: in lower case they are common words.
_AI = re.compile("|".join(f"(?:{p})" for p in AI_CONTEXT))


@dataclass(frozen=True)
class LexicalSignals:
    """What the vocabulary found in a text, and the score it adds up to (0 to 1)."""

    act_names: tuple[str, ...]
    topics: tuple[str, ...]
    eu_mentions: int
    ai_mentions: int
    score: float

    def summary(self) -> str:
        """The signals in words, for a reader."""
        parts = []
        if self.act_names:
            parts.append("names the Act: " + ", ".join(self.act_names[:4]))
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


def lexical_signals(text: str) -> LexicalSignals:
    """Find the Act's names and topics and the EU and AI context in a text."""
    act = _distinct(_ACT.findall(text))
    topics = _distinct(_TOPIC.findall(text))
    eu = len(_EU.findall(text))
    ai = len(_AI.findall(text))
    # The Act named: near certain. Its topics in an EU and AI context: likely. EU and
    # AI together without either: a hint only.
    score = 0.0
    if act:
        score = min(1.0, 0.7 + 0.1 * len(act) + 0.05 * len(topics))
    elif topics and eu and ai:
        score = min(0.65, 0.35 + 0.1 * len(topics))
    elif topics and (eu or ai):
        score = min(0.4, 0.2 + 0.05 * len(topics))
    elif eu and ai:
        score = min(0.3, 0.05 * min(eu, ai) + 0.1)
    return LexicalSignals(act, topics, eu, ai, round(score, 3))
