"""Sums of money and percentages in the 24 official languages, written one way (pure).

"€35 million", "35 milionów euro", "35 Millionen Euro", "35 millió euró" and
"EUR 35 mln" are one figure; so are "7%", "7 procent", "7 Prozent" and "7 τοις
εκατό". Each is written as English writes it ("€35 million", "€1.5 billion",
"$10,000", "7%"), as dates and legal references are, so that reports in
different languages meet on it and a follow-up's new figure is seen as new.
"""

from __future__ import annotations

import re

from monitor.assess.readings import Reading, longest_readings

# Thousands grouped by a comma, a dot or a (narrow) space, or a plain number with
# a decimal comma or dot.
_NUMBER = r"(?P<number>\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_MILLION = (
    r"millions?|million\w*|mln\.?|mio\.?|millionen|miljoen\w*|millones|millón|milioni|"
    r"milione|milhões|milhão|milion\w*|miljon\w*|miljoon\w*|milijon\w*|milijun\w*|miljun\w*|"
    r"millió\w*|milioane|милион\w*|εκατ\w*\.?"
)
_BILLION = (
    r"billions?|bn|bln\.?|mld\.?|mrd\.?|milliarden?|miljard\w*|milliards?|mil\s+millones|"
    r"miliard\w*|mil\s+milhões|milliárd\w*|miljardi\w*|milijard\w*|милиард\w*|δισ\w*\.?|biljun\w*"
)
# The euro in each language's cases ("euroa", "eurot", "eura", "eurų", "eurót",
# "evrov", "ewro"); "eur" (Czech, Slovak) is the code, matched as EUR. Endings are
# spelt out: "euro\w*" took "523 Europarlementariërs" and "523 európai képviselő"
# for sums of euros.
_EURO = (
    r"€|EUR|euro(?:s|a|n|t|ja|jen|ista|lla)?|eur[au]|euró(?:s|t|ra|ról|nak|ban|val|n)?|"
    r"eurų|eiro|evr(?:o|a|ov|ih|i|u)|ewro|евро|ευρώ"
)
_DOLLAR = r"\$|USD|dollars?|dolar\w*|dollár\w*|долар\w*|δολάρι\w*"
_POUND = r"£|GBP|pounds?"
_CURRENCY = rf"(?P<currency>{_EURO}|{_DOLLAR}|{_POUND})"
_SCALE = rf"(?P<scale>{_MILLION}|{_BILLION}|m\b)"
_PERCENT = (
    r"%|percent\w*|per\s*cent|procent\w*|proc\.|prozent|pour\s*cent|por\s*ciento|per\s*cento|"
    r"por\s*cento|százalék\w*|prosent\w*|protsent\w*|posto|odstot\w*|la\s+sută|процент\w*|"
    r"τοις\s+εκατό|на\s+сто|fil-mija|faoin\s+gcéad"
)

_SHAPES = tuple(
    re.compile(shape, re.IGNORECASE)
    for shape in (
        # €35 million, €35m, $1.2bn, EUR 35 mln
        rf"(?<!\w){_CURRENCY}\s?{_NUMBER}(?:\s*{_SCALE})?(?!\w)",
        # 35 million euros, 35 milionów euro, 35 de milioane de euro, 35 Millionen Euro
        rf"(?<![\w.,]){_NUMBER}\s*(?:(?:de\s+)?{_SCALE}\s*)?(?:(?:de|of)\s+)?{_CURRENCY}(?!\w)",
        # 35 million (no currency)
        rf"(?<![\w.,]){_NUMBER}\s*(?:de\s+)?(?P<scale>{_MILLION}|{_BILLION})(?!\w)",
        # 7%, 7 procent, 7 τοις εκατό
        rf"(?<![\w.,]){_NUMBER}\s*(?P<percent>{_PERCENT})",
    )
)
_SYMBOLS = (
    (re.compile(rf"^(?:{_EURO})$", re.IGNORECASE), "€"),
    (re.compile(rf"^(?:{_DOLLAR})$", re.IGNORECASE), "$"),
    (re.compile(rf"^(?:{_POUND})$", re.IGNORECASE), "£"),
)
_BILLION_WORD = re.compile(rf"^(?:{_BILLION})$", re.IGNORECASE)


def _value(number: str, scaled: bool) -> str:
    """A number in English spelling: "1,5" with a scale is 1.5, "10.000" is 10,000."""
    digits = number.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    separators = [c for c in digits if c in ".,"]
    if len(set(separators)) == 2:
        decimal = digits[max(digits.rfind("."), digits.rfind(","))]
        whole, _, fraction = digits.rpartition(decimal)
        whole = whole.replace(".", "").replace(",", "")
    elif separators:
        groups = re.split(r"[.,]", digits)
        thousands = all(len(g) == 3 for g in groups[1:]) and not (scaled and len(groups) == 2)
        if thousands:
            whole, fraction = "".join(groups), ""
        else:
            whole, fraction = "".join(groups[:-1]), groups[-1]
    else:
        whole, fraction = digits, ""
    fraction = fraction.rstrip("0")
    grouped = f"{int(whole or '0'):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def _symbol(currency: str) -> str:
    return next((symbol for pattern, symbol in _SYMBOLS if pattern.match(currency)), "")


def find_amounts(text: str) -> list[str]:
    """The sums and percentages of a text in English spelling, in order, once each.

    Where two readings overlap the longer wins ("35 million euros" over "35 million").
    """
    candidates: list[Reading] = []
    for pattern in _SHAPES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            scale = groups.get("scale") or ""
            value = _value(groups["number"], bool(scale))
            if groups.get("percent"):
                written = f"{value}%"
            else:
                size = ""
                if scale:
                    size = " billion" if _BILLION_WORD.match(scale.strip()) else " million"
                written = f"{_symbol(groups.get('currency') or '')}{value}{size}"
            candidates.append((match.start(), match.end(), written))
    return longest_readings(candidates)
