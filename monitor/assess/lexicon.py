"""The words for the EU, for AI, for rules and law, and the Act's own names, in the 24 EU languages.

Data, not logic: ``vocabulary`` compiles these into matchers. Newsrooms describe
the Act as often as they name it ("EU agrees landmark AI rules", "Unia chce
okiełznać AI"), so the vocabulary knows three kinds of word beside the names: the
EU and its institutions, AI, and rules or law-making. A sentence holding all
three describes EU rules on AI.

Phrases are matched case-insensitively on word boundaries; stems end in ``\\w*``
so that inflected forms (Polish, Czech, Finnish, Hungarian, Baltic cases) match.
Acronyms ("EU", "KI", "IA", "SI", "MI") are matched as written, in capitals, since
in lower case many are ordinary words. English terms are looked for in every
text (newsrooms everywhere write "AI Act"); the other languages' terms in texts
of that language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Terms:
    """One language's words: phrases (any case) and acronyms (as written)."""

    eu: tuple[str, ...] = ()
    eu_acronyms: tuple[str, ...] = ()
    ai: tuple[str, ...] = ()
    ai_acronyms: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    act_names: tuple[str, ...] = ()
    # The Act's AI Office by its official and press names: read as naming the Act,
    # and as the Act's governance part (``parts``).
    office: tuple[str, ...] = ()


# The English words for the EU, AI and rules, used for every language. The Act's
# English names are matched in ``vocabulary``: "AI Act" only where it is the EU's (an
# "X AI Act" with a capitalised word before it is another bill's name, the US "Block
# Nuclear Launch by Autonomous AI Act").
ENGLISH = Terms(
    eu=(
        r"European\s+(?:Union|Commission|Parliament|Council|lawmakers|legislators|regulators)",
        r"Council\s+of\s+the\s+EU",
        r"Brussels",
        r"Europe(?:['\u2019]s)?",
        r"European",
        r"(?:27|twenty-seven)[- ](?:nation|member|country)\s+bloc",
        r"the\s+bloc(?:['\u2019]s)?",
        r"MEPs?",
        r"Breton",
        r"Vestager",
        # The Commission's tech chief since December 2024, declined as Finnish does
        # ("Virkkusen"), and the Parliament's rapporteurs and president on the Act.
        r"Virkku(?:nen|s)\w*",
        r"Benifei",
        r"Tudorache",
        r"Metsola",
        r"von\s+der\s+Leyen",
    ),
    eu_acronyms=(r"EU(?:['\u2019]s)?", r"E\.U\.(?:['\u2019]s)?"),
    ai=(
        r"artificial\s+intelligence",
        r"ChatGPT",
        r"OpenAI",
        r"chatbots?",
        r"generative\s+AI",
        r"large\s+language\s+models?",
        r"foundation\s+models?",
        r"general[- ]purpose\s+AI",
        r"general[- ]purpose\s+models?",
        r"GPT-?4",
        r"deepfakes?",
        r"facial\s+recognition",
        r"emotion(?:al)?\s+recognition",
        r"biometric\s+(?:surveillance|identification)",
    ),
    ai_acronyms=(r"AI", r"A\.I\.", r"GPAI"),
    rules=(
        r"rules?",
        r"rulebook",
        r"laws?",
        r"lawmakers",
        r"legislat\w*",
        r"regulat\w*",
        r"bill(?!\s+Gates)",
        # The verb is no rule: "Europe's AI champions must act fast".
        r"(?<!\bmust\s)(?<!\bto\s)(?<!\bwill\s)(?<!\bshould\s)(?<!\bcan\s)act",
        r"crackdown",
        r"guardrails",
        r"bans?",
        r"banned",
        r"ban\s+on",
        r"prohibit\w*",
        r"guidelines",
        # The EU's code for AI models ("EU code for AI models", "Brussels' AI code",
        # "European code for AI models"):
        # a code named as the EU's, not software code ("EU start-up's AI code assistant").
        r"(?:(?<=\bEU\s)|(?<=\bEU['\u2019]s\s)|(?<=\bBrussels['\u2019]\s)|(?<=\bbloc['\u2019]s\s)"
        r"|(?<=\bEuropean\s))"
        r"(?:AI\s+)?code(?!\s+(?:assistants?|generation|models?|editors?)\b)",
        r"trilogues?",
        # "deal with" is business or coping: "Microsoft signs deal with Mistral".
        r"deal(?!\s+with\b)(?!\s+to\s+(?:buy|acquire|invest|take|merge|sell)\b)",
        r"draft(?!\s+plans?\b)",
        r"measures(?!\s+to\s+(?:boost|support|promote|attract|spur|fund|help|speed))",
        r"restrictions",
        r"obligations",
        r"requirements",
        r"compl(?:y|iance)",
        r"rein\s+in",
        r"tame",
        # The EU's AI policy is its rules; a firm's usage or privacy policy is not.
        r"(?<!\busage\s)(?<!\bprivacy\s)(?<!\bcontent\s)(?<!\bcookie\s)polic(?:y|ies)",
    ),
    # The English names are ``vocabulary.ENGLISH_ACT_NAMES``, matched as written
    # (case and the word before them decide whose "AI Act" it is), not here.
)

# The Act's names in the languages the first seeds came in (Dutch, German, French, Italian,
# Spanish): looked for in a text of any language, beside that language's own names.
SHARED_ACT_NAMES = (
    # The English acronym with the local word for an act, inflected: "pagal AI aktą"
    # (lt), "AI aktu" (cs, sk), "AI-akten" (sv); not "AI aktywnie" (pl, actively).
    r"A\.?I\.?[- ]?akt(?:a|ai|as|e|em|en|ens|et|i|o|om|ot|u|ui|us|y|ą|ų|ů)?",
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
    r"AI[- ]pact",
    r"KI[- ]Pakt",
    r"pacte\s+(?:sur\s+l['\u2019]\s*IA|IA)",
    r"AI[- ]bureau",
    r"Europees\s+AI[- ]bureau",
    r"KI[- ]Büro",
    r"Bureau\s+(?:européen\s+)?de\s+l['\u2019]\s*IA",
    r"Office\s+européen\s+de\s+l['\u2019]\s*IA",
)

# Inflection-tolerant stems for the other 23 languages.
BY_LANGUAGE: dict[str, Terms] = {
    "bg": Terms(
        eu=(
            r"Европейск\w*\s+съюз\w*",
            r"Европейск\w*\s+комиси\w*",
            r"Европейск\w*\s+парламент\w*",
            r"Брюксел\w*",
            r"европейск\w*",
            r"евродепутат\w*",
            r"Европарламент\w*",
        ),
        eu_acronyms=(r"ЕС",),
        ai=(
            r"изкуствен\w*\s+интелект\w*",
            r"лицево\s+разпознаване",
            r"разпознаване\s+на\s+емоци\w*",
            r"модел\w*\s+(?:на\s+ИИ\s+)?с\s+общо\s+предназначение",
        ),
        ai_acronyms=(r"ИИ", r"AI"),
        rules=(
            r"регламент\w*",
            r"закон\w*",
            r"правил(?:а|ата|о|ото|ник\w*)",
            r"регулир\w*",
            r"регулац\w*",
            r"законодател\w*",
            r"забран\w*",
            r"споразумени\w*",
            r"задължени\w*",
            r"насок\w*",
            r"изисквани\w*",
        ),
        act_names=(
            r"Пакт\w*\s+за\s+(?:ИИ|изкуствения\s+интелект)",
            # Newsrooms shorten the name to the acronym: "Регламентът за ИИ".
            r"(?:законодателен\s+)?акт\w*\s+за\s+(?:изкуствения\s+интелект|(?-i:ИИ))",
            r"(?:регламент|закон)\w*\s+за\s+(?:изкуствения\s+интелект|(?-i:ИИ))",
        ),
        office=(
            # The official "Служба по ИИ", and the press's "Офисът"/"Бюрото за ИИ".
            r"(?:Служба|Офис|Бюро)\w*\s+(?:по|за)\s+(?:ИИ|изкуствен\w*\s+интелект)",
        ),
    ),
    "cs": Terms(
        eu=(
            r"Evropsk\w*\s+uni\w*",
            r"Evropsk\w*\s+komis\w*",
            r"Evropsk\w*\s+parlament\w*",
            r"Brusel\w*",
            r"unijn\w*",
            r"evropsk\w*",
            r"europoslan\w*",
            r"Europarlament\w*",
        ),
        eu_acronyms=(r"EU",),
        ai=(
            r"uměl\w*\s+inteligenc\w*",
            r"rozpoznáván\w*\s+obličej\w*",
            r"rozpozn\w*\s+emoc\w*",
            r"model\w*\s+(?:AI\s+)?pro\s+obecné\s+účely",
        ),
        ai_acronyms=(r"AI", r"UI"),
        rules=(
            r"nařízení",
            r"zákon\w*",
            r"pravidl\w*",
            # "pravidel", the genitive plural ("podle nových pravidel"); not "pravidelně".
            r"pravidel",
            r"regula(?:ce|ci|cí|cemi|čn\w*|tor\w*)",
            r"regulov\w*",
            r"reguluj\w*",
            r"legislativ\w*",
            r"zákaz\w*",
            r"dohod\w*",
            r"zakáz\w*",
            r"povinnost\w*",
            r"pokyn(?:y|ů|ech|ům)",
            r"požadav\w*",
        ),
        act_names=(
            r"Pakt\w*\s+(?:o\s+|pro\s+)?(?:AI|umělé\s+inteligenci|umělou\s+inteligenci)",
            r"akt(?:u|em|y|ů)?\s+o\s+(?:uměl\w*\s+inteligenc\w*|(?-i:AI))",
            r"(?:nařízení|zákon\w*)\s+o\s+(?:uměl\w*\s+inteligenc\w*|(?-i:AI))",
        ),
        office=(r"[Úú]řad\w*\s+pro\s+(?:AI|umělou\s+inteligenci)",),
    ),
    "da": Terms(
        eu=(
            r"Den\s+Europæiske\s+Union",
            r"Europa-?Kommission\w*",
            r"Europa-?Parlament\w*",
            r"Bruxelles",
            r"europæisk\w*",
            # The possessive ("Europas lov"); "Europa" itself is in EUROPE_NAMES.
            r"Europas",
        ),
        eu_acronyms=(r"EU(?::s)?",),
        ai=(
            r"kunstig\w*\s+intelligens\w*",
            r"ansigtsgenkendelse\w*",
            r"følelsesgenkendelse\w*",
            r"[\w-]*modeller\s+til\s+alm(?:en\s+brug|ene\s+formål)",
        ),
        ai_acronyms=(r"AI", r"KI"),
        rules=(
            r"forordning\w*",
            r"lov(?:en|e|ene|s|ens|forslag\w*|pakke\w*)?",
            r"regler\w*",
            r"regulering\w*",
            r"reguler\w*",
            r"lovgivning\w*",
            r"forbud\w*",
            r"aftale\w*",
            r"forbyd\w*",
            r"forbudt\w*",
            r"forpligtelse\w*",
            # Requirements ("EU's første krav træder i kraft"), not "kravle" (to crawl).
            r"krav(?:et|ene|s)?",
            r"regelsæt\w*",
            r"regelværk\w*",
            r"retningslinje\w*",
        ),
        act_names=(
            r"AI-?pagt\w*",
            r"Kontor\w*\s+for\s+kunstig\s+intelligens",
            r"AI-forordning\w*",
            r"AI-lov(?:en|ens|s)?",
            r"forordning\w*\s+om\s+kunstig\s+intelligens",
            r"retsakt\w*\s+om\s+kunstig\s+intelligens",
        ),
        office=(r"AI-?kontor\w*",),
    ),
    "de": Terms(
        eu=(
            r"Europäisch\w*\s+Union",
            r"EU-?Kommission",
            r"Europäisch\w*\s+Kommission",
            r"Europaparlament\w*",
            r"Europäisch\w*\s+Parlament\w*",
            r"Brüssel\w*",
            r"europäisch\w*",
            r"Europa\w*",
        ),
        eu_acronyms=(r"EU",),
        ai=(
            r"künstlich\w*\s+Intelligenz",
            r"Gesichtserkennung\w*",
            r"Emotionserkennung\w*",
            r"[\w-]*Modell\w*\s+mit\s+allgemeinem\s+Verwendungszweck",
        ),
        ai_acronyms=(r"KI", r"AI"),
        rules=(
            r"Verordnung\w*",
            r"Gesetz(?:e|es|en|entw\w*|espaket\w*)?",
            r"Regel(?:n|ung|ungen|werk\w*)?",
            r"Regulierung\w*",
            r"reguli\w*",
            r"Gesetzgeb\w*",
            r"Verbot\w*",
            r"Einigung",
            r"Vorschrift\w*",
            r"verbiet\w*",
            r"verboten\w*",
            r"Pflichten",
            r"Auflagen",
            r"Leitlinie\w*",
            r"Anforderungen",
            r"Vorgaben",
        ),
        act_names=(
            r"KI-?Verordnung\w*",
            r"KI-?Gesetz\w*",
            r"(?-i:KI|AI)-VO",
            r"AI-?Verordnung\w*",
            r"KI-?Pakt",
        ),
        office=(
            r"Büro\s+für\s+künstliche\s+Intelligenz",
            r"KI-?Büro",
            # "das europäische KI-Amt" (heise and others), hyphenated: not "Amt" alone.
            r"KI-Amt(?:s|es)?",
        ),
    ),
    "el": Terms(
        eu=(
            r"Ευρωπαϊκ\w*\s+Ένωσ\w*",
            r"Κομισιόν",
            r"Ευρωπαϊκ\w*\s+Επιτροπ\w*",
            r"Ευρωπαϊκ\w*\s+Κοινοβούλι\w*",
            r"Βρυξέλλ\w*",
            r"ευρωπαϊκ\w*",
            r"ευρωβουλευτ\w*",
            r"Ευρωβουλ\w*",
        ),
        eu_acronyms=(r"ΕΕ",),
        ai=(
            r"τεχνητ\w*\s+νοημοσύν\w*",
            r"αναγνώριση\w*\s+προσώπ\w*",
            r"αναγνώρισ\w*\s+συναισθημ\w*",
            r"μοντέλ\w*\s+(?:ΤΝ\s+)?γενικ(?:ής\s+χρήσης|ού\s+σκοπού)",
        ),
        ai_acronyms=(r"ΤΝ", r"AI"),
        rules=(
            r"κανονισμ\w*",
            r"νόμ(?:ος|ο|ου|οι|ων|ους)",
            r"κανόν\w*",
            r"ρύθμισ\w*",
            r"ρυθμισ\w*",
            r"νομοθεσί\w*",
            r"απαγόρευσ\w*",
            r"συμφωνί\w*",
            r"απαγορ\w*",
            r"υποχρεώσ\w*",
            r"κατευθυντήρι\w*\s+γραμμ\w*",
            r"απαιτήσ\w*",
            r"απαίτησ\w*",
        ),
        act_names=(
            r"Σύμφων\w*\s+για\s+την\s+(?:ΤΝ|τεχνητή\s+νοημοσύνη)",
            r"(?:πράξ\w*|νόμο\w*)\s+για\s+την\s+(?:τεχνητή\s+νοημοσύνη|(?-i:ΤΝ))",
            r"κανονισμ\w*\s+για\s+την\s+(?:τεχνητή\s+νοημοσύνη|(?-i:ΤΝ))",
        ),
        office=(r"(?:Γραφεί|Υπηρεσί)\w*\s+(?:ΤΝ|Τεχνητής\s+Νοημοσύνης)",),
    ),
    "es": Terms(
        eu=(
            r"Unión\s+Europea",
            r"Comisión\s+Europea",
            r"Parlamento\s+Europeo",
            r"Bruselas",
            r"europe[oa]s?",
            r"eurodiputad\w*",
            r"Eurocámara",
        ),
        eu_acronyms=(r"UE",),
        ai=(
            r"inteligencia\s+artificial",
            r"reconocimiento\s+facial",
            r"reconocimiento\s+de\s+emociones",
            r"modelos?\s+(?:de\s+IA\s+)?de\s+(?:uso|propósito)\s+general",
        ),
        ai_acronyms=(r"IA", r"AI"),
        rules=(
            r"reglamento\w*",
            # "ley", "leyes"; not "von der Leyen".
            r"ley(?:es)?",
            r"reglas?",
            r"normas?",
            r"normativ\w*",
            r"regula(?!rmente|ridad)\w*",
            r"legisla\w*",
            r"prohibici\w*",
            r"acuerdo",
            r"proh[ií]b\w*",
            r"obligaciones",
            r"directrices",
            r"requisitos",
        ),
        act_names=(
            r"Pacto\s+(?:europeo\s+)?(?:sobre|de|por)\s+(?:la\s+)?(?:IA|inteligencia\s+artificial)",
            r"(?:ley|reglamento)\s+(?:europe[oa]\s+)?de\s+(?:IA|inteligencia\s+artificial)",
        ),
        office=(r"Oficina\s+(?:Europea\s+)?de\s+(?:IA|Inteligencia\s+Artificial)",),
    ),
    "et": Terms(
        eu=(
            r"Euroopa\s+Liit\w*",
            r"Euroopa\s+Komisjon\w*",
            r"Euroopa\s+Parlament\w*",
            r"Europarlamen\w*",
            r"eurosaadik\w*",
            r"Brüssel\w*",
            r"Euroopa",
        ),
        # Estonian declines the acronym without a hyphen: "ELi" (of the EU), "ELis", "ELile".
        eu_acronyms=(r"EL(?:i|is|ist|ile|il|ilt|iga)?",),
        ai=(
            r"tehisintellekt\w*",
            r"tehisaru\w*",
            r"näotuvastus\w*",
            r"emotsioonide\s+tuvast\w*",
            r"üldotstarbeli\w*\s+\w*mudel\w*",
        ),
        ai_acronyms=(r"AI", r"TI"),
        rules=(
            r"määrus\w*",
            r"seadus\w*",
            r"reegl\w*",
            r"regul\w*",
            r"õigusakt\w*",
            r"keel(?:d|u|a)\w*",
            r"kokkulep\w*",
            r"kohustus\w*",
            r"suunis\w*",
            r"nõu(?:e|de|et)\w*",
        ),
        # Estonian writes the name apart or as one word ("tehisintellektiseadus").
        act_names=(
            r"tehisintellekti\s*pakt\w*",
            r"AI-?pakt\w*",
            r"tehisintellekti\s*(?:määrus|õigusakt|seadus)\w*",
            r"(?-i:AI)[- ]?määrus\w*",
        ),
        office=(r"tehisintellekti\s*amet\w*",),
    ),
    "fi": Terms(
        eu=(
            r"Euroopan\s+unioni\w*",
            r"Euroopan\s+komissio\w*",
            r"Euroopan\s+parlamenti?\w*",
            r"mep(?:p|i)\w*",
            r"europarlamentaari\w*",
            r"Bryssel\w*",
            r"eurooppalai\w*",
            r"europarlament\w*",
        ),
        eu_acronyms=(r"EU(?::n)?",),
        ai=(
            r"tekoäly\w*",
            r"kasvojentunnistu\w*",
            r"tunteiden\s+tunnist\w*",
            r"yleiskäyttöi\w*\s+\w*mall\w*",
        ),
        ai_acronyms=(r"AI",),
        rules=(
            r"asetu\w*",
            r"säädö\w*",
            r"säädös\w*",
            r"laki\w*",
            r"lain",
            r"lainsää\w*",
            r"sääntel\w*",
            r"sääntö\w*",
            # Consonant gradation: "säännöt" (the rules), "lait" (the laws).
            r"säänn\w*",
            r"lait",
            # Finnish joins AI and its rules in one word ("tekoälysääntöjen",
            # "tekoälysääntely"): the word is AI and rules at once.
            r"tekoälysään\w*",
            r"kiell\w*",
            r"kielt\w*",
            r"sopimu\w*",
            r"velvoit\w*",
            r"suuntaviiv\w*",
            r"ohjeistu\w*",
            r"vaatimu\w*",
        ),
        act_names=(
            r"tekoälypakt\w*",
            r"AI-?pakt\w*",
            r"tekoälysäädö\w*",
            r"tekoälyasetu\w*",
            r"tekoälylai?\w*",
        ),
        office=(r"(?:tekoäly|AI-)toimisto\w*",),
    ),
    "fr": Terms(
        eu=(
            r"Union\s+européenne",
            r"Commission\s+européenne",
            r"Parlement\s+européen",
            r"Bruxelles",
            r"europée\w*",
            r"eurodéputé\w*",
        ),
        eu_acronyms=(r"UE",),
        ai=(
            r"intelligence\s+artificielle",
            r"reconnaissance\s+faciale",
            r"reconnaissance\s+(?:des\s+)?émotions?",
            r"modèles?\s+(?:d['\u2019]IA\s+)?à\s+usage\s+général",
        ),
        ai_acronyms=(r"IA", r"AI"),
        rules=(
            r"règlement\w*",
            r"lois?",
            r"règles?",
            r"régul(?:at\w*|er|e|ent|é\w*|ons)",
            r"réglement\w*",
            r"législat\w*",
            r"interdi\w*",
            r"accord",
            r"obligations",
            r"lignes\s+directrices",
            r"exigences",
        ),
        act_names=(
            r"(?:loi|législation)\s+(?:européenne\s+)?sur\s+l['\u2019]\s*(?:IA|intelligence\s+artificielle)",
            # "le règlement IA", as the legal press shortens it.
            r"règlement\s+(?:européen\s+)?(?-i:IA)",
        ),
        office=(
            r"(?:Bureau|Office)\s+(?:européen\s+)?de\s+l['\u2019]\s*IA",
            # The AI Office as the press calls it ("le gendarme européen de l'IA").
            r"gendarme\s+européen\s+de\s+l['\u2019]\s*(?:IA|intelligence\s+artificielle)",
        ),
    ),
    "ga": Terms(
        eu=(
            r"(?:an\s+t)?Aontas\s+Eorpach",
            r"Coimisiún\w*\s+Eorpach",
            r"Ph?arlaimint\w*\s+na\s+hEorpa",
            r"Eorpach\w*",
            # Brussels with its mutations: "an Bhruiséil", "ar an mBruiséil".
            r"(?:Bh?|mB)ruiséil",
        ),
        # "FPEanna": the MEPs (Feisirí de Pharlaimint na hEorpa).
        eu_acronyms=(r"AE", r"FPE(?:anna)?"),
        # Irish mutates the first letters: "intleacht shaorga", genitive "na
        # hintleachta saorga".
        ai=(
            r"h?intleacht\w*\s+sh?aorga",
            r"aithint\s+aghaidhe",
            r"aithint\s+m?h?othúchá\w*",
            r"s?h?amhl\w*\s+(?:IS\s+)?ilchuspóireach\w*",
        ),
        ai_acronyms=(r"IS", r"AI"),
        # The rule words with their mutations: "dhlí" and "ndlí", "chosc" and "gcosc",
        # "thoirmiscthe" and "dtoirmeasc", "n-oibleagáidí".
        rules=(
            r"rialachán\w*",
            r"(?:d|dh|nd)lí\w*",
            r"rialacha",
            r"reachtaíocht\w*",
            r"(?:c|ch|gc)osc\w*",
            r"(?:t|th|dt)oirm\w*sc\w*",
            r"(?:c|ch|gc)omhaontú\w*",
            r"(?:n-)?oibleagáid\w*",
            r"treoirlínte",
            r"treoracha",
            r"(?:c|ch|gc)eanglai?s\w*",
        ),
        act_names=(
            r"(?:an\s+)?t?-?Acht\w*\s+um\s+(?:h?Intleacht\w*\s+Sh?aorga|(?-i:IS))",
            # The Pact by the EU's word for a pact ("an Comhshocrú Cobhsaíochta agus
            # Fáis"), with its mutations: "an Comhshocrú IS", "sa Chomhshocrú", "i
            # gComhshocrú um Intleacht Shaorga".
            r"g?Ch?omhshocr\w*\s+(?:um\s+(?:an\s+)?)?(?:IS|h?Intleacht\w*\s+Sh?aorga)",
        ),
        office=(r"Oifig\w*\s+(?:Eorpach\s+)?(?:IS|um\s+h?Intleacht\w*\s+Sh?aorga)",),
    ),
    "hr": Terms(
        eu=(
            r"Europsk\w*\s+unij\w*",
            r"Europsk\w*\s+komisij\w*",
            r"Europsk\w*\s+parlament\w*",
            r"Bruxelles\w*",
            r"Brisel\w*",
            r"europsk\w*",
            r"europarlament\w*",
            r"eurozastupni\w*",
        ),
        eu_acronyms=(r"EU",),
        ai=(
            r"umjetn\w*\s+inteligencij\w*",
            r"prepoznavanj\w*\s+lica",
            r"prepoznavanj\w*\s+emocij\w*",
            r"model\w*\s+(?:umjetne\s+inteligencije\s+)?opće\s+namjene",
        ),
        ai_acronyms=(r"UI", r"AI"),
        rules=(
            r"uredb\w*",
            r"zakon\w*",
            r"pravil(?:a|o|u|ima|nik\w*)",
            r"regul\w*",
            r"zakonodav\w*",
            r"propis\w*",
            r"zabran\w*",
            r"sporazum\w*",
            r"obvez\w*",
            r"smjernic\w*",
            r"zahtjev\w*",
        ),
        act_names=(
            r"Pakt\w*\s+(?:o|za)\s+(?:UI|umjetn\w*\s+inteligencij\w*)",
            r"(?:akt(?:a|u|om|i|ima)?|zakon\w*|uredb\w*)\s+o\s+umjetnoj\s+inteligenciji",
        ),
        office=(r"Ured\w*\s+za\s+(?:UI|AI|umjetnu\s+inteligenciju)",),
    ),
    "hu": Terms(
        eu=(
            r"Európai\s+Unió\w*",
            r"Európai\s+Bizottság\w*",
            r"Európai\s+Parlament\w*",
            r"Brüsszel\w*",
            r"uniós",
            r"európai",
        ),
        # "az EP": the European Parliament, as Hungarian news writes it.
        eu_acronyms=(r"EU", r"EU-\w+", r"EP", r"EP-\w+"),
        # Hungarian may write it as one word before a hyphen ("mesterségesintelligencia-törvény").
        ai=(
            r"mesterséges\s*intelligenci\w*",
            r"arcfelismer\w*",
            r"érzelemfelismer\w*",
            r"általános\s+célú\s+[\w-]*modell\w*",
        ),
        ai_acronyms=(r"MI", r"AI", r"MI-\w+"),
        rules=(
            r"rendelet\w*",
            r"törvény\w*",
            r"szabály\w*",
            r"szabályoz\w*",
            r"jogszabály\w*",
            r"(?:be|meg)?tilt(?:ott|ás|ja|ják|ani|andó|hat|va)\w*",
            r"tilal\w*",
            r"megállapodás\w*",
            r"kötelezettség\w*",
            r"iránymutatás\w*",
            r"követelmény\w*",
        ),
        act_names=(
            r"(?:MI|AI)-?paktum\w*",
            r"(?:MI|AI|mesterséges\s*intelligencia)-(?:rendelet|törvény)\w*",
            r"mesterséges\s+intelligenciá(?:ról|ra)\s+(?:szóló\s+)?(?:rendelet|törvény)\w*",
        ),
        office=(
            r"(?:MI|AI)-?hivatal\w*",
            # "az Európai MI Hivatal", spaced: the capital H says it is the name, for
            # "mi hivatalosan" (what, officially) is not.
            r"(?-i:MI|AI)\s+(?-i:Hivatal)(?!os)\w*",
            r"Mesterséges\s+Intelligencia\s+Hivatal\w*",
        ),
    ),
    "it": Terms(
        eu=(
            r"Unione\s+europea",
            r"Commissione\s+europea",
            r"Parlamento\s+europeo",
            r"Bruxelles",
            r"europe[oai]",
            r"eurodeputat\w*",
            r"Europarlament[oi]",
        ),
        eu_acronyms=(r"UE", r"Ue"),  # "la Ue", "dell'Ue": as often as "UE"
        ai=(
            r"intelligenza\s+artificiale",
            r"riconoscimento\s+facciale",
            r"riconoscimento\s+(?:delle\s+)?emozioni",
            r"modell[oi]\s+(?:di\s+IA\s+)?(?:per\s+finalità|ad\s+uso|di\s+uso)\s+general[ei]",
        ),
        ai_acronyms=(r"IA", r"AI"),
        rules=(
            r"regolament\w*",
            r"legge",
            r"leggi",
            r"regole",
            r"normativ\w*",
            r"norme",
            r"legisla\w*",
            r"diviet[oi]",
            r"accordo",
            r"vietat\w*",
            r"vieta(?:no)?",
            r"obbligh\w*",
            r"linee\s+guida",
            r"orientamenti",
            r"regol(?:a|are|ano|erà|eranno|azione|azioni)",
            r"requisiti",
        ),
        act_names=(
            r"Patto\s+(?:europeo\s+)?(?:per|sull['\u2019])\s*(?:l['\u2019]\s*)?(?:IA|intelligenza\s+artificiale)",
            r"legge\s+(?:europea\s+)?sull['\u2019]\s*(?:IA|intelligenza\s+artificiale)",
        ),
        office=(r"Ufficio\s+(?:europeo\s+)?per\s+l['\u2019]\s*(?:IA|intelligenza\s+artificiale)",),
    ),
    "lt": Terms(
        eu=(
            r"Europos\s+Sąjung\w*",
            r"Europos\s+Komisij\w*",
            r"Europos\s+Parlament\w*",
            r"europarlament\w*",
            r"Briusel\w*",
        ),
        eu_acronyms=(r"ES",),
        ai=(
            r"dirbtin\w*\s+intelekt\w*",
            r"veido\s+atpažin\w*",
            r"emocijų\s+atpažinim\w*",
            r"bendrosios\s+paskirties\s+(?:DI\s+)?\w*model\w*",
        ),
        ai_acronyms=(r"DI", r"AI"),
        rules=(
            r"reglament\w*",
            r"įstatym\w*",
            r"taisykl\w*",
            r"reguliav\w*",
            r"reguliuo\w*",
            r"draud\w*",
            r"susitarim\w*",
            r"įpareigoj\w*",
            r"gairi?\w*",
            r"reikalavim\w*",
        ),
        act_names=(
            r"(?:DI|Dirbtinio\s+intelekto)\s+pakt\w*",
            r"dirbtinio\s+intelekto\s+(?:akt|reglament|įstatym)\w*",
            r"DI\s+akt\w*",
        ),
        office=(
            # The official "DI tarnyba", and the press's "DI biuras".
            r"(?:DI|Dirbtinio\s+intelekto)\s+(?:tarnyb|biur)\w*",
        ),
    ),
    "lv": Terms(
        eu=(
            r"Eiropas\s+Savienīb\w*",
            r"Eiropas\s+Komisij\w*",
            r"Eiropas\s+Parlament\w*",
            r"eiroparlament\w*",
            r"eirodeputāt\w*",
            r"Brisel\w*",
        ),
        eu_acronyms=(r"ES",),
        ai=(
            r"mākslīg\w*\s+intelekt\w*",
            r"sejas\s+atpazīšan\w*",
            r"emociju\s+atpazīšan\w*",
            r"visp[āa]r[ēī]\w*\s+lietojum\w*\s+(?:MI\s+)?\w*mode[lļ]\w*",
        ),
        ai_acronyms=(r"MI", r"AI"),
        rules=(
            r"regul(?:a|as|ai|u|ā|ām|ē\w*)",
            r"likum\w*",
            r"noteikum\w*",
            r"regulējum\w*",
            r"aizliegum\w*",
            r"vienošan\w*",
            r"aizlieg\w*",
            r"pienākum\w*",
            r"vadlīnij\w*",
            r"prasīb\w*",
        ),
        act_names=(
            r"(?:MI|Mākslīgā\s+intelekta)\s+pakt\w*",
            # "regula" is the Regulation, "regulēšana" any regulating: not the name.
            r"mākslīgā\s+intelekta\s+(?:akt\w*|regul(?:a|as|ai|u|ā)|likum\w*)",
            r"MI\s+akt\w*",
            r"(?-i:MI)\s+regul(?:a|as|ai|u|ā)",
        ),
        office=(r"(?:MI|Mākslīgā\s+intelekta)\s+biroj\w*",),
    ),
    "mt": Terms(
        eu=(
            r"(?:l-)?Unjoni\s+Ewropea",
            r"(?:il-)?Kummissjoni\s+Ewropea",
            r"(?:il-)?Parlament\s+Ewropew",
            r"Brussell",
            r"Ewropew",
            r"Ewropea",
        ),
        eu_acronyms=(r"UE",),
        ai=(
            r"intelli[ġg]enza\s+artifi[ċc]jali",
            r"rikonoxximent\s+tal-wiċċ",
            r"rikonoxximent\s+tal-emozzjonijiet",
            r"mudell\w*\s+(?:tal-IA\s+)?għal\s+skopijiet\s+[ġg]enerali",
        ),
        ai_acronyms=(r"IA", r"AI"),
        rules=(
            r"regolament\w*",
            r"li[ġg]i\w*",
            r"regoli",
            r"regolazzjoni",
            r"projbizzjoni\w*",
            r"ftehim\w*",
            r"(?:ji|ti)?p?projbi\w*",
            r"obbligi\w*",
            r"linji\s+gwida",
            r"rekwi[żz]it\w*",
        ),
        act_names=(
            r"(?:il-)?Patt\s+(?:dwar\s+l-|tal-)IA",
            r"(?:l-|il-|ir-)?(?:Att|Regolament|Li[ġg]i)\s+(?:Ewropew\s+|Ewropea\s+)?dwar\s+l-(?:IA|Intelli[ġg]enza\s+Artifi[ċc]jali)",
        ),
        office=(
            r"(?:l-)?Uffi[ċc][ċc]ju\s+(?:Ewropew\s+)?(?:għall-|tal-)(?:IA|Intelli[ġg]enza\s+Artifi[ċc]jali)",
        ),
    ),
    "nl": Terms(
        eu=(
            r"Europese\s+Unie",
            r"Europese\s+Commissie",
            r"Europees\s+Parlement",
            r"Brussel",
            r"Europese",
            r"Europees",
            r"Europarlementari\w*",
            r"Europarlement\w*",
        ),
        eu_acronyms=(r"EU",),
        ai=(
            r"kunstmatige\s+intelligentie",
            r"artifici[eë]le\s+intelligentie",
            r"gezichtsherkenning\w*",
            r"emotieherkenning\w*",
            r"[\w-]*modellen\s+voor\s+algemene\s+doeleinden",
        ),
        ai_acronyms=(r"AI", r"KI"),
        rules=(
            r"verordening\w*",
            r"wet(?:ten|s|tekst\w*|svoorstel\w*)?",
            r"regels",
            r"regelgeving",
            r"regulering\w*",
            r"reguleren",
            r"wetgev\w*",
            r"verbod\w*",
            r"akkoord",
            r"verbied\w*",
            r"verboden",
            r"verplichting\w*",
            r"richtsnoer\w*",
            r"richtlijn\w*",
            r"eisen",
        ),
        act_names=(
            r"AI-?verordening",
            r"AI-?wet",
            r"Europese\s+AI-?verordening",
            r"AI-?pact",
        ),
        office=(r"(?:Europees\s+)?AI-?bureau",),
    ),
    "pl": Terms(
        eu=(
            r"Uni\w*\s+Europejsk\w*",
            r"Komisj\w*\s+Europejsk\w*",
            r"Parlament\w*\s+Europejsk\w*",
            r"Bruksel\w*",
            r"unijn\w*",
            r"europejsk\w*",
            r"europos[łl]\w*",
            r"Europ\w*",
            r"Uni[aięą]",
        ),
        eu_acronyms=(r"UE",),
        ai=(
            r"sztuczn\w*\s+inteligencj\w*",
            r"rozpoznawani\w*\s+twarzy",
            r"rozpoznawani\w*\s+emocji",
            r"model\w*\s+(?:AI\s+)?ogólnego\s+przeznaczenia",
        ),
        ai_acronyms=(r"AI", r"SI"),
        rules=(
            r"rozporządzeni\w*",
            r"ustaw(?:a|y|ie|ę|ą|om|ach|ami|odaw\w*)",
            r"przepis\w*",
            # "zasady" (rules, principles), not "zasadniczo" (basically).
            r"zasad(?:a|y|om|ach|ami)?",
            r"regulac\w*",
            r"regul(?:acj\w*|ow\w*|uj\w*)",
            r"uregul\w*",
            r"okiełzn\w*",
            r"praw[oa]",
            r"zakaz\w*",
            r"umow\w*",
            r"porozumieni\w*",
            r"obowiąz\w*",
            r"wytyczn\w*",
            r"ujarzmi\w*",
            r"wymaga[nń]\w*",
            r"wymog\w*",
            r"wymóg",
        ),
        act_names=(
            r"Pakt\w*\s+(?:na\s+rzecz|w\s+sprawie|o)\s+(?:AI|SI|sztucznej\s+inteligencji)",
            r"Pakt\w*\s+AI",
            # "w akcie o ..." is the locative; "aktu o AI" the acronym for the words.
            r"(?:akt\w*|akcie)\s+(?:w\s+sprawie|o)\s+(?:sztucznej\s+inteligencji|(?-i:AI|SI))",
            r"rozporządzeni\w*\s+(?:w\s+sprawie|o)\s+(?:sztucznej\s+inteligencji|(?-i:AI|SI))",
        ),
        office=(
            r"(?:Urz[ąę]d|Biur)\w*\s+(?:ds\.|do\s+spraw)\s+(?:AI|SI|sztucznej\s+inteligencji)",
            # "unijne Biuro AI", "Urząd AI": the acronym as written.
            r"(?:Urz[ąę]d\w*|Biur(?:o|a|u|em|ze))\s+(?-i:AI|SI)",
        ),
    ),
    "pt": Terms(
        eu=(
            r"União\s+Europeia",
            r"Comissão\s+Europeia",
            r"Parlamento\s+Europeu",
            r"Bruxelas",
            r"europe[ui]a?s?",
            r"eurodeputad\w*",
            r"Eurocâmara",
        ),
        eu_acronyms=(r"UE",),
        ai=(
            r"intelig[êe]ncia\s+artificial",
            r"reconhecimento\s+facial",
            r"reconhecimento\s+de\s+emoções",
            r"modelos?\s+(?:de\s+IA\s+)?de\s+(?:finalidade|uso)\s+geral",
        ),
        ai_acronyms=(r"IA", r"AI"),
        rules=(
            r"regulamento\w*",
            r"leis?",
            r"regras",
            r"normas?",
            r"normativ\w*",
            r"regula(?!rmente|ridade)\w*",
            r"legisla\w*",
            r"proibi\w*",
            r"acordo",
            r"proíb\w*",
            r"obriga[çc]\w*",
            r"orientações",
            r"diretrizes",
            r"requisitos",
        ),
        act_names=(
            r"Pacto\s+(?:para\s+a|sobre\s+a|da)\s+(?:IA|intelig[êe]ncia\s+artificial)",
            r"(?:regulamento|lei)\s+(?:europeu\s+|europeia\s+)?(?:da|de|sobre(?:\s+a)?)\s+"
            r"(?:IA|intelig[êe]ncia\s+artificial)",
        ),
        office=(
            r"(?:Serviço|Gabinete)\s+(?:Europeu\s+)?(?:para\s+a|da|de)\s+(?:IA|Intelig[êe]ncia\s+Artificial)",
        ),
    ),
    "ro": Terms(
        eu=(
            r"Uniun\w*\s+European\w*",
            r"Comisi\w*\s+European\w*",
            r"Parlamentul\w*\s+European\w*",
            r"Bruxelles",
            r"europe\w*",
            r"europarlamentar\w*",
            r"eurodeputa\w*",
            r"Europarlament\w*",
        ),
        eu_acronyms=(r"UE",),
        ai=(
            r"inteligen[țţt]\w*\s+artificial\w*",
            r"recunoaștere\w*\s+facial\w*",
            r"recunoa[șş]ter\w*\s+emo[țţ]i\w*",
            r"model\w*\s+(?:de\s+IA\s+)?de\s+uz\s+general",
        ),
        ai_acronyms=(r"IA", r"AI"),
        rules=(
            r"regulament\w*",
            r"lege(?:a|i)?",
            r"legi(?:i|le|lor)?",
            r"reguli\w*",
            # "normele" (the rules), as Romanian headlines write them; not "normal".
            r"norm(?:ă|a|e|ele|elor|ei)",
            r"reglement\w*",
            r"legisla\w*",
            r"interzic\w*",
            r"interdic\w*",
            r"interzis\w*",
            r"acord(?:ul|ului|uri|urile)?",
            r"obliga[țţt]i\w*",
            r"orientări\w*",
            r"ghidur\w*",
            r"cerin[țţt]\w*",
        ),
        act_names=(
            r"Pact\w*\s+(?:privind|pentru)\s+(?:IA|inteligen[țţt]a\s+artificial[ăa])",
            r"(?:actul(?:ui)?|legea|legii|regulamentul(?:ui)?)\s+(?:privind|despre)\s+(?:inteligen[țţt]a\s+artificial[ăa]|(?-i:IA))",
            r"Legea\s+IA",
        ),
        office=(
            # The official "Oficiul pentru IA", and the press's "Biroul pentru IA".
            r"(?:Oficiul|Biroul)\w*\s+(?:European\s+)?pentru\s+(?:IA|Inteligen[țţt][ăa]\s+Artificial[ăa])",
        ),
    ),
    "sk": Terms(
        eu=(
            r"Európsk\w*\s+úni\w*",
            r"Európsk\w*\s+komisi\w*",
            r"Európsk\w*\s+parlament\w*",
            r"Brusel\w*",
            r"únijn\w*",
            r"európsk\w*",
            r"europoslan\w*",
            r"Europarlament\w*",
        ),
        eu_acronyms=(r"EÚ",),
        ai=(
            r"umel\w*\s+inteligenci\w*",
            r"rozpoznávan\w*\s+tvár\w*",
            r"rozpoznávani\w*\s+emóci\w*",
            r"model\w*\s+(?:AI\s+)?na\s+všeobecné\s+účely",
        ),
        ai_acronyms=(r"AI", r"UI"),
        rules=(
            r"nariaden\w*",
            r"zákon\w*",
            r"pravidl\w*",
            r"pravidiel",
            r"regulác\w*",
            r"regul\w*",
            r"legislatív\w*",
            r"zákaz\w*",
            r"dohod\w*",
            r"zakáz\w*",
            r"povinnost\w*",
            r"usmernen\w*",
            r"požiadav\w*",
        ),
        act_names=(
            r"Pakt\w*\s+(?:o\s+|pre\s+)?(?:AI|umelej\s+inteligencii|umelú\s+inteligenciu)",
            r"(?:akt(?:u|e|om|y|ov)?|nariaden\w*|zákon\w*)\s+o\s+(?:umelej\s+inteligencii|(?-i:AI))",
        ),
        office=(r"[Úú]rad\w*\s+pre\s+(?:AI|umelú\s+inteligenciu)",),
    ),
    "sl": Terms(
        eu=(
            r"Evropsk\w*\s+unij\w*",
            r"Evropsk\w*\s+komisij\w*",
            r"Evropsk\w*\s+parlament\w*",
            r"Bruselj\w*",
            r"evropsk\w*",
            r"evropsk\w*\s+poslan\w*",
            r"Evroparlament\w*",
        ),
        eu_acronyms=(r"EU",),
        ai=(
            r"umetn\w*\s+inteligenc\w*",
            r"prepoznavanj\w*\s+obraz\w*",
            r"prepoznavanj\w*\s+čustev",
            r"model\w*\s+(?:UI\s+)?za\s+splošne\s+namene",
        ),
        ai_acronyms=(r"UI", r"AI"),
        rules=(
            r"uredb\w*",
            r"zakon\w*",
            r"pravil(?:a|o|om|ih|i|ima|nik\w*)?",
            r"regul\w*",
            r"zakonodaj\w*",
            r"prepoved\w*",
            r"dogovor\w*",
            r"obveznost\w*",
            r"smernic\w*",
            r"zahtev\w*",
        ),
        act_names=(
            r"Pakt\w*\s+(?:o|za)\s+(?:UI|umetn\w*\s+inteligenc\w*)",
            r"(?:akt(?:a|u|om|i|ov)?|zakon\w*|uredb\w*)\s+o\s+umetni\s+inteligenci",
        ),
        office=(r"Urad\w*\s+za\s+(?:UI|AI|umetno\s+inteligenco)",),
    ),
    "sv": Terms(
        eu=(
            r"Europeiska\s+unionen",
            r"EU-?kommissionen",
            r"Europeiska\s+kommissionen",
            r"Europaparlamentet",
            r"Bryssel",
            r"europeisk\w*",
            r"Europa\w*",
        ),
        eu_acronyms=(r"EU(?::s)?",),
        ai=(
            r"artificiell\w*\s+intelligens\w*",
            r"ansiktsigenkänning\w*",
            r"känsloigenkänning\w*",
            r"[\w-]*modeller\s+för\s+allmänna\s+ändamål",
        ),
        ai_acronyms=(r"AI",),
        rules=(
            r"förordning\w*",
            r"lag(?:en|ar|arna|s|ens|förslag\w*|stift\w*)?",
            r"regler\w*",
            r"reglering\w*",
            r"regelverk\w*",
            r"lagstiftning\w*",
            r"förbud\w*",
            r"överenskommelse\w*",
            r"avtal\w*",
            r"förbjud\w*",
            r"skyldighet\w*",
            # Requirements ("när EU:s första krav börjar gälla"), not "kravaller" (riots).
            r"krav(?:et|en|s)?",
            r"riktlinje\w*",
        ),
        act_names=(
            r"AI-?pakt\w*",
            r"AI-?förordning\w*",
            r"AI-?akten",
            r"AI-?lag\w*",
            r"förordning\w*\s+om\s+artificiell\s+intelligens",
        ),
        office=(
            # The official "AI-byrån", and the press's "AI-kontoret".
            r"AI-?byrån\w*",
            r"AI-?kontor(?:et|ets)?",
        ),
    ),
}

#: The official EU languages: English and the 23 above.
LEXICON_LANGUAGES = frozenset({"en", *BY_LANGUAGE})


# Other jurisdictions (the US, the UK, China, Japan, India, Canada, the G7), in
# each language. An AI story whose title is about one of them is about their AI
# policy as a rule, even when the EU is in it ("Microsoft appeals for a new US
# agency to regulate AI"); the relevance model weighs it against the rest.
# Acronyms are matched as written; the English words in every language.
ELSEWHERE_ACRONYMS = (r"US", r"U\.S\.", r"USA", r"UK", r"U\.K\.", r"G-?7", r"G-?20")
# A language's own acronyms, looked for only in its texts ("SAD", "VS" are words elsewhere).
ELSEWHERE_LOCAL_ACRONYMS: dict[str, tuple[str, ...]] = {
    "bg": (r"САЩ",),
    "el": (r"ΗΠΑ",),
    "es": (r"EE\.?\s?UU\.?",),
    "hr": (r"SAD",),
    "lt": (r"JAV",),
    "lv": (r"ASV",),
    "nl": (r"VS",),
    "pt": (r"EUA",),
    "ro": (r"SUA",),
    "sl": (r"ZDA",),
}
ELSEWHERE: dict[str, tuple[str, ...]] = {
    "en": (
        r"United\s+States",
        r"America(?:n|ns)?",
        r"Washington",
        r"White\s+House",
        r"Congress",
        r"Senate",
        r"Britain",
        r"British",
        r"United\s+Kingdom",
        r"Downing\s+Street",
        r"China",
        r"Chinese",
        r"Beijing",
        r"Japan(?:ese)?",
        r"India(?:n)?",
        r"Canad(?:a|ian)",
        r"(?:South\s+)?Korea(?:n|ns)?",
        r"Seoul",
        r"Australia(?:n|ns)?",
        r"Brazil(?:ian)?",
        # Their leaders by name, as headlines write them ("Biden signs sweeping
        # executive order on AI"), in every language.
        r"Biden(?:['\u2019]s)?",
        r"Trump(?:['\u2019]s)?",
        r"Vance",
        r"Schumer",
        r"Newsom",
        r"Sunak(?:['\u2019]s)?",
        r"Starmer(?:['\u2019]s)?",
        r"Xi\s+Jinping",
        r"Modi",
        r"Kishida",
        r"Trudeau",
        r"Lula",
        # The US states with AI laws of their own ("Colorado delays its AI Act").
        r"California(?:n|ns)?",
        r"Colorado",
        r"Texas",
        r"Utah",
        r"Illinois",
        r"Switzerland",
        r"Swiss",
    ),
    "bg": (
        r"Америк\w*",
        r"Вашингтон\w*",
        r"Великобритани\w*",
        r"Британ\w*",
        r"Кита\w*",
        r"Пекин\w*",
        r"Япони\w*",
        r"Коре(?:я|йск\w*)",
        r"Бразили\w*",
        r"Канад\w*",
        r"Инди(?:я|йск\w*)",
        r"Австрали\w*",
        r"Калифорни\w*",
        r"Швейцари\w*",
    ),
    "cs": (
        r"Spojen\w+\s+stát\w*",
        r"Americ\w*",
        r"Amerik\w*",
        r"Británi\w*",
        r"Čín\w*",
        r"Peking\w*",
        r"Japons\w*",
        r"Kore(?:a|je|ji|jí)",
        r"Brazíli\w*",
        r"Kanad\w*",
        r"Indi(?:e|i|í)",
        r"Austráli\w*",
        r"Kaliforni\w*",
        r"Švýcar\w*",
    ),
    "da": (
        r"Amerika\w*",
        r"amerikansk\w*",
        r"Storbritannien",
        r"britisk\w*",
        r"Kina",
        r"kinesisk\w*",
        r"Japan\w*",
        r"Sydkorea\w*",
        r"Brasilien\w*",
        r"Indien\w*",
        r"Australien\w*",
        r"Californien\w*",
        r"Schweiz\w*",
    ),
    "de": (
        r"Vereinigte\w*\s+Staaten",
        r"Amerika\w*",
        r"amerikanisch\w*",
        r"Großbritannien\w*",
        r"britisch\w*",
        r"China\w*",
        r"chinesisch\w*",
        r"Peking\w*",
        r"Japan\w*",
        r"Südkorea\w*",
        r"Brasilien\w*",
        r"Kanada\w*",
        r"Indien\w*",
        r"Australien\w*",
        r"Kalifornien\w*",
        r"Schweiz\w*",
    ),
    "el": (
        r"Αμερικ\w*",
        r"Ουάσινγκτον",
        r"Βρετανί\w*",
        r"Ηνωμένο\s+Βασίλειο",
        r"Κίν\w*",
        r"Πεκίν\w*",
        r"Ιαπωνί\w*",
        r"Κορέ\w*",
        r"Βραζιλί\w*",
        r"Καναδ\w*",
        r"Ινδί\w*",
        r"Αυστραλί\w*",
        r"Καλιφόρνι\w*",
        r"Ελβετί\w*",
    ),
    "es": (
        r"Estados\s+Unidos",
        r"estadounidense\w*",
        r"Reino\s+Unido",
        r"británic\w*",
        r"China",
        r"chin[oa]s?",
        r"Pekín",
        r"Japón",
        r"Corea\w*",
        r"Brasil\w*",
        r"Canadá",
        r"Suiza",
    ),
    "et": (
        r"Ühendriigi\w*",
        r"Ameerika\w*",
        r"Suurbritannia\w*",
        r"Hiina\w*",
        r"Jaapani\w*",
        r"(?:Lõuna-)?Korea\w*",
        r"Brasiilia\w*",
        r"Kanada\w*",
        r"India\w*",
        r"Austraalia\w*",
        r"Šveits\w*",
    ),
    "fi": (
        r"Yhdysvall\w*",
        r"Yhdysvaltain",
        r"amerikkala\w*",
        r"Britanni\w*",
        r"Kiina\w*",
        r"Kiinan",
        r"Japani\w*",
        r"(?:Etelä-)?Korea\w*",
        r"Brasilia\w*",
        r"Kanada\w*",
        r"Intia\w*",
        r"Kalifornia\w*",
        r"Sveitsi\w*",
    ),
    "fr": (
        r"États-Unis",
        r"américain\w*",
        r"Royaume-Uni",
        r"britannique\w*",
        r"Chine",
        r"chinois\w*",
        r"Pékin",
        r"Japon\w*",
        r"Corée\w*",
        r"Brésil\w*",
        r"Inde",
        r"Australie\w*",
        r"Californie\w*",
        r"Suisse",
    ),
    "ga": (
        r"Stáit\s+Aontaithe",
        r"Meiriceá\w*",
        r"Ríocht\s+Aontaithe",
        r"Bh?reatain\w*",
        r"tSín",
        r"Síne\w*",
        r"Ch?óiré\w*",
        r"Bh?rasaíl",
        r"Ch?eanada",
        r"h?India",
        r"h?Astráil",
        r"Eilvéis\w*",
    ),
    "hr": (
        r"Sjedinjen\w+\s+Držav\w*",
        r"američk\w*",
        r"Amerik\w*",
        r"Britanij\w*",
        r"britansk\w*",
        r"Kin[aeiu]",
        r"kinesk\w*",
        r"Japan\w*",
        r"Kore(?:ja|je|ji|ju|jom)",
        r"Brazil\w*",
        r"Kanad\w*",
        r"Indij\w*",
        r"Australij\w*",
        r"Kalifornij\w*",
        r"Švicarsk\w*",
    ),
    "hu": (
        r"Egyesült\s+Államok\w*",
        r"amerikai",
        r"Egyesült\s+Királyság\w*",
        r"brit",
        r"Kína\w*",
        r"kínai",
        r"Japán\w*",
        r"(?:Dél-)?Koreá?\w*",
        r"Brazíli\w*",
        r"Kanad\w*",
        r"Indiá?\w*",
        r"Ausztráli\w*",
        r"Kaliforni\w*",
        r"Svájc\w*",
    ),
    "it": (
        r"Stati\s+Uniti",
        r"statunitens\w*",
        r"american\w*",
        r"Regno\s+Unito",
        r"britannic\w*",
        r"Cina",
        r"cines\w*",
        r"Pechino",
        r"Giappone",
        r"Corea\w*",
        r"Brasile",
        r"Svizzera",
    ),
    "lt": (
        r"Jungtin\w+\s+Valstij\w*",
        r"Amerik\w*",
        r"Britanij\w*",
        r"Kinij\w*",
        r"Japonij\w*",
        r"Korėj\w*",
        r"Brazilij\w*",
        r"Kanad\w*",
        r"Indij\w*",
        r"Australij\w*",
        r"Kalifornij\w*",
        r"Šveicarij\w*",
    ),
    "lv": (
        r"Savienot\w+\s+Valst\w*",
        r"Amerik\w*",
        r"Lielbritānij\w*",
        r"Ķīn\w*",
        r"Japān\w*",
        r"Korej\w*",
        r"Brazīlij\w*",
        r"Kanād\w*",
        r"Indij\w*",
        r"Austrālij\w*",
        r"Kalifornij\w*",
        r"Šveic\w*",
    ),
    "mt": (
        r"Stati\s+Uniti",
        r"Amerika\w*",
        r"Renju\s+Unit",
        r"Ingilterra",
        r"Ċina",
        r"Ġappun",
        r"(?:Gran\s+)?Brittanja",
        r"Korea",
        r"Brażil",
        r"Kanada",
        r"Indja",
        r"Awstralja",
        r"Kalifornja",
        r"Svizzera",
    ),
    "nl": (
        r"Verenigde\s+Staten",
        r"Amerika\w*",
        r"Verenigd\s+Koninkrijk",
        r"Brit\w+",
        r"China",
        r"Chinees\w*",
        r"Chinese",
        r"Peking",
        r"Japan\w*",
        r"Zuid-Korea\w*",
        r"Brazilië",
        r"Australië",
        r"Californië",
        r"Zwitser\w*",
    ),
    "pl": (
        r"Stan\w*\s+Zjednoczon\w*",
        r"Ameryk\w*",
        r"amerykańsk\w*",
        r"Waszyngton\w*",
        r"Wielk\w*\s+Brytani\w*",
        r"brytyjsk\w*",
        r"Chin\w*",
        r"chińsk\w*",
        r"Pekin\w*",
        r"Japoni\w*",
        r"Kore(?:a|i|ę|ą|ei|ańsk\w*)",
        r"Brazyli\w*",
        r"Kanad\w*",
        r"Indi(?:e|i|ach|om)",
        r"Australi\w*",
        r"Kaliforni\w*",
        r"Szwajcari\w*",
    ),
    "pt": (
        r"Estados\s+Unidos",
        r"norte-american\w*",
        r"american\w*",
        r"Reino\s+Unido",
        r"britânic\w*",
        r"China",
        r"chines\w*",
        r"Pequim",
        r"Japão",
        r"Coreia\w*",
        r"Brasil\w*",
        r"brasileir\w*",
        r"Canadá",
        r"Índia",
        r"Austrália",
        r"Califórnia",
        r"Suíça",
    ),
    "ro": (
        r"Statele\s+Unite",
        r"american\w*",
        r"Regatul\s+Unit",
        r"Marea\s+Britanie",
        r"britanic\w*",
        r"China",
        r"chinez\w*",
        r"Japonia",
        r"Core(?:ea|ei)\w*",
        r"Brazilia\w*",
        r"Elveți\w*",
    ),
    "sk": (
        r"Spojen\w+\s+štát\w*",
        r"americk\w*",
        r"Británi\w*",
        r"britsk\w*",
        r"Čín\w*",
        r"čínsk\w*",
        r"Japonsk\w*",
        r"Kóre\w*",
        r"Brazíli\w*",
        r"Kanad\w*",
        r"Indi(?:a|e|i|ou)",
        r"Austráli\w*",
        r"Kaliforni\w*",
        r"Švajčiar\w*",
    ),
    "sl": (
        r"Združen\w+\s+držav\w*",
        r"Amerik\w*",
        r"amerišk\w*",
        r"Britanij\w*",
        r"Kitajsk\w*",
        r"Japonsk\w*",
        r"Korej\w*",
        r"Brazilij\w*",
        r"Kanad\w*",
        r"Indij\w*",
        r"Avstralij\w*",
        r"Kalifornij\w*",
        r"Švic\w*",
    ),
    "sv": (
        r"Förenta\s+staterna",
        r"amerikansk\w*",
        r"Storbritannien",
        r"brittisk\w*",
        r"Kina",
        r"kinesisk\w*",
        r"Japan\w*",
        r"Sydkorea\w*",
        r"Brasilien\w*",
        r"Kanada\w*",
        r"Indien\w*",
        r"Australien\w*",
        r"Kalifornien\w*",
        r"Schweiz\w*",
    ),
}


# Taming, reining in, curbing: how headlines in every language put rules on AI without
# a word for rules ("EU zähmt die KI", "EU tyglar AI", "UE pune frâu inteligenței
# artificiale", "Az EU megzabolázza a mesterséges intelligenciát"). Looked for as words
# for rules, beside each language's ``rules`` (English keeps "rein in" and "tame").
TAMING: dict[str, tuple[str, ...]] = {
    "en": (r"curb(?:s|ing|ed)?", r"clamp(?:s|ing|ed)?\s+down"),
    "bg": (r"обузд\w*", r"укроти\w*", r"юзди"),
    "cs": (r"zkrot\w*", r"krotit\w*", r"krot[íi]", r"spout\w*"),
    "da": (r"tøjl\w*", r"tæmm\w*"),
    "de": (r"zähm\w*", r"bändig\w*", r"zügel\w*"),
    "el": (r"φρένο", r"χαλιναγωγ\w*", r"δαμάζ\w*", r"χαλινάρι\w*"),
    "es": (
        r"(?:pone|poner|ponen|pondrá)\s+(?:freno|coto|límites|riendas)",
        r"frena\w*",
        r"doma\w*",
    ),
    "et": (r"ohjeld\w*", r"taltsut\w*"),
    "fi": (r"suitsi\w*", r"kesyttä\w*", r"hillitse\w*", r"hillitä"),
    "fr": (
        r"brid\w*",
        r"(?:met|mettre|mettent)\s+(?:la\s+bride|un\s+frein|des\s+garde-fous)",
        r"dompt\w*",
        r"encadr\w*",
    ),
    "ga": (r"srian\w*",),
    "hr": (r"obuzda\w*", r"ukroti\w*", r"zauzda\w*"),
    "hu": (r"(?:meg)?zaboláz\w*", r"(?:meg)?fékez\w*", r"(?:meg)?szelídít\w*", r"gúzsba"),
    "it": (
        r"briglie",
        r"imbrigli\w*",
        r"(?:mette|mettere|mettono)\s+(?:un\s+)?freno",
        r"paletti",
        r"dom(?:a|are|ano|erà)",
    ),
    "lt": (r"pažab\w*", r"sutramdy\w*", r"tramdy\w*"),
    "lv": (r"savald\w*", r"pieradin\w*", r"grožos"),
    "mt": (r"trażżan\w*", r"trażżin\w*"),
    "nl": (r"aan\s+banden", r"temt", r"temmen", r"beteugel\w*", r"breidel\w*"),
    "pl": (
        r"poskromi\w*",
        r"poskrami\w*",
        r"ukróc\w*",
        r"(?:na\s+)?smycz\w*",
        r"cugl\w*",
    ),
    "pt": (
        r"(?:põe|pôr|por|poe)\s+(?:travão|travões|freio|limites|rédeas)",
        r"rédeas",
        r"dom(?:a|ar|am|ará)",
    ),
    "ro": (r"fr[âa]u", r"fr[âa]n[ăa]", r"[îi]mbl[âa]nz\w*", r"strun\w*"),
    "sk": (r"skrot\w*", r"krotiť", r"krot[íi]", r"spút\w*"),
    "sl": (r"ukroti\w*", r"krotit\w*", r"brzda\w*", r"zauzda\w*"),
    "sv": (r"tygl\w*", r"tämj\w*", r"t[äa]mjer"),
}

# Codes of practice and of conduct: the Act's instruments for general-purpose AI,
# and rules in their own right ("EU-Verhaltenskodex für KI"), in each language.
# Looked for as words for rules, beside each language's ``rules``. Where the bare word
# is also a program's code (English and the Romance languages), a headline's short
# form counts with the preposition that gives its subject and, where headlines keep
# it, an article ("code on labelling AI-generated content", "un código para
# etiquetar"), never as what a program is written in ("écrire du code pour").
CODES: dict[str, tuple[str, ...]] = {
    "en": (
        r"codes?\s+of\s+(?:practice|conduct)",
        r"codes?\s+on\s+(?!par\b|GitHub\b|the\s+fly\b)",
    ),
    "bg": (r"кодекс\w*",),
    "cs": (r"kodex\w*",),
    "da": (r"\w*kodeks\w*",),
    "de": (r"\w*kodex\w*",),
    "el": (r"κώδικ\w*",),
    "es": (
        r"códigos?\s+de\s+(?:conducta|buenas\s+prácticas)",
        r"(?:un|el|nuevo|su)\s+códigos?\s+(?:europeos?\s+)?(?:para|sobre)",
    ),
    "et": (r"tegevusjuhend\w*", r"käitumisjuhend\w*"),
    "fi": (r"käytännesäänn\w*", r"toimintaohje\w*"),
    "fr": (
        r"codes?\s+de\s+(?:conduite|bonnes\s+pratiques)",
        r"(?:un|le|son|nouveau)\s+codes?\s+(?:européens?\s+)?(?:pour|sur)",
    ),
    "ga": (r"cód\w*",),
    "hr": (r"kodeks\w*",),
    "hu": (r"\w*kódex\w*",),
    "it": (
        r"codic[ei]\s+di\s+(?:condotta|buone\s+pratiche)",
        r"(?:un|il|nuovo)\s+codic[ei]\s+(?:europe[oi]\s+)?(?:per|sul\w*)",
    ),
    "lt": (r"kodeks\w*",),
    "lv": (r"kodeks\w*",),
    "mt": (r"kodiċi\w*",),
    "nl": (r"gedragscode\w*", r"praktijkcode\w*"),
    "pl": (r"kodeks\w*",),
    "pt": (
        r"códigos?\s+de\s+(?:conduta|boas\s+práticas)",
        # Headlines drop the article ("UE publica código para rotular"); a program's
        # code is written or generated ("escreve código para").
        r"(?<!\bescreve\s)(?<!\bgera\s)(?<!\bde\s)(?<!\bescrever\s)(?<!\bgerar\s)"
        r"códigos?\s+(?:europeus?\s+)?(?:para|sobre)",
    ),
    "ro": (
        r"cod\w*\s+de\s+(?:conduită|bune\s+practici)",
        r"(?:un|noul)\s+cod\w*\s+(?:pentru|privind)",
    ),
    "sk": (r"kódex\w*",),
    "sl": (r"kodeks\w*",),
    "sv": (r"uppförandekod\w*",),
}


# The Commission by its bare name, as headlines shorten "the European Commission"
# ("Commission publishes guidelines on banned AI practices", "Komisja publikuje
# wytyczne…"). Bare, the word could be any commission, so a title's "Commission"
# counts as the EU only where the article's text names the EU itself. Matched in any
# case (Finnish and Swedish write "komissio", "kommissionen"), but for the English and
# French word, which in lower case is a fee or any panel.
COMMISSION: dict[str, tuple[str, ...]] = {
    "en": (r"(?-i:Commission)",),
    "bg": (r"Комисия\w*",),
    "cs": (r"Komis[ei]\w*",),
    "da": (r"Kommission\w*",),
    "de": (r"Kommission",),
    "el": (r"Επιτροπ\w*", r"Κομισιόν"),
    "es": (r"Comisión",),
    "et": (r"Komisjon\w*",),
    "fi": (r"Komissio\w*",),
    "fr": (r"(?-i:Commission)",),
    "ga": (r"[CG]h?oimisiún\w*",),
    "hr": (r"Komisij\w*",),
    "hu": (r"Bizottság\w*",),
    "it": (r"Commissione",),
    "lt": (r"Komisij\w*",),
    "lv": (r"Komisij\w*",),
    "mt": (r"(?:il-)?Kummissjoni",),
    "nl": (r"Commissie",),
    "pl": (r"Komisj\w*",),
    "pt": (r"Comissão",),
    "ro": (r"Comisi\w*",),
    "sk": (r"Komisi\w*",),
    "sl": (r"Komisij\w*",),
    "sv": (r"Kommissionen\w*",),
}


# Europe's own firms, banks, start-ups, publishers, users, researchers, carmakers,
# industry and clubs, by the adjective for Europe and the noun, in either order:
# "europäische Banken", "les banques européennes", "Evropské banky". The adjective
# there is no EU making rules ("Europäische Banken verschärfen Regeln für ChatGPT"),
# unless the sentence speaks of an AI law ("European companies sound alarm over
# draft AI law"); ``vocabulary`` checks that.
EUROPES_OWN: dict[str, tuple[str, str]] = {
    # language: (the adjective, the nouns)
    "en": (
        r"European",
        r"(?:AI\s+|tech\s+|technology\s+|football\s+)?(?:firms?|compan(?:y|ies)|banks?|"
        r"clubs?|start-?ups?|businesses|suppliers|publishers|users|consumers|investors|"
        r"universit(?:y|ies)|researchers|scientists|media|newspapers|airlines|carmakers|"
        r"telecoms?|champions|giants?|industry|manufacturers|developers|workers|unions)",
    ),
    "bg": (
        r"европейск\w*",
        r"(?:компани\w*|фирми\w*|банки\w*|стартъп\w*|издател\w*|потребител\w*|инвеститор\w*|университет\w*|учени\w*|медии\w*|автопроизводител\w*|индустри\w*|клубове\w*)",
    ),
    "cs": (
        r"evropsk\w*",
        r"(?:firm\w*|společnost\w*|podnik\w*|bank\w*|startup\w*|vydavatel\w*|uživatel\w*|investor\w*|univerzit\w*|vědc\w*|médi\w*|automobilk\w*|průmysl\w*|klub\w*)",
    ),
    "da": (
        r"europæisk\w*",
        r"(?:virksomhed\w*|selskab\w*|firma\w*|bank\w*|startup\w*|udgiver\w*|bruger\w*|investor\w*|universitet\w*|forsker\w*|medie\w*|bilproducent\w*|industri\w*|klub\w*)",
    ),
    "de": (
        r"europäisch\w*",
        r"(?:Unternehmen|Firmen|Konzern\w*|Bank\w*|Start-?ups?|Verlag\w*|Verleger\w*|Nutzer\w*|Verbraucher\w*|Investor\w*|Universität\w*|Forscher\w*|Medien|Autobauer\w*|Autohersteller\w*|Industrie\w*|Fußball\w*|Klubs?|Vereine)",
    ),
    "el": (
        r"ευρωπαϊκ\w*",
        r"(?:εταιρ\w*|επιχειρήσ\w*|τράπεζ\w*|νεοφυ\w*|εκδότ\w*|χρήστ\w*|καταναλωτ\w*|επενδυτ\w*|πανεπιστήμι\w*|ερευνητ\w*|μέσα|αυτοκινητοβιομηχαν\w*|βιομηχαν\w*|ομάδ\w*)",
    ),
    "es": (
        r"europe[oa]s?",
        r"(?:empresas?|compañías?|bancos?|start-?ups?|editor(?:es|iales)?|usuarios?|consumidores|inversores|universidades|investigadores|científicos|medios|fabricantes|industrias?|clubes|clubs)",
    ),
    "et": (
        r"Euroopa",
        r"(?:ettevõt\w*|firma\w*|pank\w*|pang\w*|idufirma\w*|kirjastaja\w*|kasutaja\w*|investor\w*|ülikool\w*|teadlas\w*|meedia\w*|autotootja\w*|tööstus\w*|klubi\w*)",
    ),
    "fi": (
        r"eurooppalai\w*",
        r"(?:yhtiö\w*|yritys\w*|yrityk\w*|pank\w*|startup\w*|kustantaj\w*|käyttäj\w*|sijoittaj\w*|yliopisto\w*|tutkij\w*|medi\w*|autonvalmistaj\w*|teollisuu\w*|seur\w*)",
    ),
    "fr": (
        r"europée\w*",
        r"(?:entreprises?|sociétés?|firmes?|banques?|start-?ups?|éditeurs?|utilisateurs?|consommateurs?|investisseurs?|universités?|chercheurs?|médias|constructeurs?|industries?|industriels|clubs?)",
    ),
    "ga": (
        r"Eorpach\w*",
        r"(?:g?ch?omhlacht\w*|g?ch?uideachta\w*|m?bh?ainc\w*|úsáideoir\w*|infheisteoir\w*|ollscoil\w*|taighdeoir\w*|meáin|tionscal\w*|gclub\w*|club\w*)",
    ),
    "hr": (
        r"europsk\w*",
        r"(?:tvrtk\w*|kompanij\w*|poduzeć\w*|bank\w*|startup\w*|izdavač\w*|korisni\w*|ulagač\w*|sveučiliš\w*|znanstven\w*|medij\w*|proizvođač\w*|industrij\w*|klub\w*)",
    ),
    "hu": (
        r"európai",
        r"(?:cég\w*|vállalat\w*|bank\w*|startup\w*|kiadó\w*|felhasznál\w*|befektet\w*|egyetem\w*|kutató\w*|médi\w*|autógyár\w*|ipar\w*|klub\w*)",
    ),
    "it": (
        r"europe[oaie]",
        r"(?:aziend\w*|societ\w*|imprese|banche|banca|startup|editori|utenti|consumatori|investitori|università|ricercatori|scienziati|media|case\s+automobilistiche|industri\w*|club|squadre)",
    ),
    "lt": (
        r"Europos",
        r"(?:įmon\w*|bendrov\w*|bank\w*|startuol\w*|leidėj\w*|vartotoj\w*|naudotoj\w*|investuotoj\w*|universitet\w*|mokslinink\w*|žiniasklaid\w*|gamintoj\w*|pramon\w*|klub\w*)",
    ),
    "lv": (
        r"Eiropas",
        r"(?:uzņēmum\w*|kompānij\w*|bank\w*|jaunuzņēmum\w*|izdevēj\w*|lietotāj\w*|investor\w*|universitāt\w*|zinātniek\w*|medij\w*|ražotāj\w*|rūpniecīb\w*|klub\w*)",
    ),
    "mt": (
        r"Ewrope(?:w|a|j)",
        r"(?:kumpaniji|kumpanija|negozji|banek|bank|startups?|pubblikaturi|utenti|konsumaturi|investituri|universitajiet|riċerkaturi|xjenzjati|midja|industrij\w*|klabbs?)",
    ),
    "nl": (
        r"Europe(?:se|es)",
        r"(?:bedrijven|bedrijf|ondernemingen|banken|bank|start-?ups?|uitgevers|gebruikers|consumenten|investeerders|universiteiten|onderzoekers|wetenschappers|media|autofabrikanten|industrie|clubs|voetbalclubs)",
    ),
    "pl": (
        r"europejsk\w*",
        r"(?:firm\w*|spółk\w*|przedsiębiorstw\w*|bank\w*|start-?up\w*|wydaw\w*|użytkowni\w*|konsument\w*|inwestor\w*|uczelni\w*|uniwersytet\w*|naukow\w*|medi\w*|koncern\w*|producent\w*|przemysł\w*|klub\w*)",
    ),
    "pt": (
        r"europe(?:u|us|ia|ias)",
        r"(?:empresas?|companhias?|bancos?|startups?|editoras?|utilizadores|usuários|consumidores|investidores|universidades|investigadores|pesquisadores|cientistas|media|mídia|fabricantes|indústrias?|clubes)",
    ),
    "ro": (
        r"europe\w*",
        r"(?:companii\w*|compani\w*|firme\w*|firmele|bănci\w*|băncile|start-?up\w*|editori\w*|utilizatori\w*|consumatori\w*|investitori\w*|universităț\w*|cercetători\w*|media|producători\w*|industri\w*|cluburi\w*)",
    ),
    "sk": (
        r"európsk\w*",
        r"(?:firm\w*|spoločnost\w*|podnik\w*|bank\w*|startup\w*|vydavateľ\w*|používateľ\w*|investor\w*|univerzit\w*|vedc\w*|médi\w*|automobilk\w*|priemysel\w*|klub\w*)",
    ),
    "sl": (
        r"evropsk\w*",
        r"(?:podjet\w*|družb\w*|bank\w*|zagonsk\w*|založnik\w*|uporabnik\w*|vlagatelj\w*|univerz\w*|raziskoval\w*|znanstvenik\w*|medij\w*|proizvajal\w*|industrij\w*|klub\w*)",
    ),
    "sv": (
        r"europeisk\w*",
        r"(?:företag\w*|bolag\w*|bank\w*|startup\w*|förlag\w*|användare\w*|konsument\w*|investerare\w*|universitet\w*|forskare\w*|medie\w*|biltillverkare\w*|industri\w*|klubb\w*)",
    ),
}


# Another regime in a title: privacy and data protection, competition law ("EU-
# Datenschützer stellen Regeln für ChatGPT auf", "droit de la concurrence"). An AI
# story under one of them is about that regime: a title naming one does not describe
# the Act unless it names it, and weighs against it. Regimes, not the authorities by
# name: a data-protection authority may be named to enforce the Act ("La France
# désigne la CNIL pour appliquer les règles européennes sur l'IA"). Competition as a regime, not competitiveness ("Wettbewerbs-
# fähigkeit", "konkurrenskraft"), which the Act's critics speak of.
OTHER_REGIMES: dict[str, tuple[str, ...]] = {
    "en": (
        r"privacy",
        r"data\s+protection",
        r"antitrust",
        r"competition\s+(?:law|probe|case)",
    ),
    "bg": (
        r"защит\w*\s+на\s+(?:личните\s+)?данни\w*",
        r"поверителност\w*",
        r"конкуренци\w*",
        r"антитръст\w*",
    ),
    "cs": (
        r"ochran\w*\s+(?:osobních\s+)?údajů",
        r"soukromí",
        r"hospodářsk\w*\s+soutěž\w*",
        r"antimonopol\w*",
    ),
    "da": (
        r"databeskyttelse\w*",
        r"privatliv\w*",
        r"konkurrencemyndighed\w*",
        r"konkurrenceret\w*",
        r"konkurrenceregl\w*",
    ),
    "de": (
        r"Datenschutz\w*",
        r"Datenschützer\w*",
        r"Wettbewerbshüter\w*",
        r"Wettbewerbsrecht\w*",
        r"Wettbewerbsbehörde\w*",
        r"Wettbewerbsverfahren\w*",
        r"Kartell\w*",
    ),
    "el": (
        r"προστασί\w*\s+(?:των\s+)?(?:προσωπικών\s+)?δεδομένων",
        r"ιδιωτικότητ\w*",
        r"ανταγωνισμ\w*",
        r"αντιμονοπωλ\w*",
    ),
    "es": (
        r"protección\s+de\s+datos",
        r"privacidad",
        r"antimonopolio",
        r"(?:derecho|autoridad|normas?|reglas)\s+de\s+(?:la\s+)?competencia",
    ),
    "et": (
        r"andmekaitse\w*",
        r"privaatsus\w*",
        r"konkurentsiamet\w*",
        r"konkurentsiõigus\w*",
        r"konkurentsireegl\w*",
    ),
    "fi": (
        r"tietosuoja\w*",
        r"yksityisyy\w*",
        r"kilpailuviranomai\w*",
        r"kilpailuoikeu\w*",
        r"kilpailusään\w*",
    ),
    "fr": (
        r"protection\s+des\s+données",
        r"vie\s+privée",
        r"(?:droit|règles?|autorité)\s+de\s+la\s+concurrence",
    ),
    "ga": (r"cosaint\s+sonraí", r"príobháideach\w*", r"iomaíochta?"),
    "hr": (
        r"zaštit\w*\s+(?:osobnih\s+)?podataka",
        r"privatnost\w*",
        r"tržišn\w*\s+natjecanj\w*",
        r"antimonopol\w*",
    ),
    "hu": (
        r"adatvédel\w*",
        r"magánszféra\w*",
        r"versenyjog\w*",
        r"versenyhivatal\w*",
        r"versenyfelügyel\w*",
        r"trösztellenes",
    ),
    "it": (r"protezione\s+dei\s+dati", r"concorrenza"),
    "lt": (
        r"asmens\s+duomenų\s+apsaug\w*",
        r"privatum\w*",
        r"konkurencij\w*",
        r"antimonopolin\w*",
    ),
    "lv": (r"datu\s+aizsardzīb\w*", r"privātum\w*", r"konkurenc\w*"),
    "mt": (
        r"protezzjoni\s+tad-data",
        r"privatezza",
        r"kompetizzjoni",
    ),
    "nl": (r"privacy\w*", r"gegevensbescherming\w*", r"mededinging\w*"),
    "pl": (
        r"ochron\w*\s+danych",
        r"prywatnoś\w*",
        r"antymonopol\w*",
        r"konkurencj\w*",
    ),
    "pt": (
        r"proteção\s+de\s+dados",
        r"privacidade",
        r"concorrência",
    ),
    "ro": (
        r"protecți\w*\s+(?:a\s+)?datelor",
        r"confidențialit\w*",
        r"concurenț\w*",
    ),
    "sk": (
        r"ochran\w*\s+(?:osobných\s+)?údajov",
        r"súkromi\w*",
        r"hospodársk\w*\s+súťaž\w*",
        r"antimonopol\w*",
    ),
    "sl": (
        r"varstv\w*\s+(?:osebnih\s+)?podatkov",
        r"zasebnost\w*",
        r"konkurenc\w*",
        r"protimonopol\w*",
    ),
    "sv": (
        r"dataskydd\w*",
        r"integritetsskydd\w*",
        r"konkurrensverk\w*",
        r"konkurrensrätt\w*",
        r"konkurrensregl\w*",
    ),
}

# Copyright, another regime too but a softer sign: the Act's rules for general-purpose
# models speak of it ("AI Act chce chronić dane objęte prawem autorskim"), so it only
# weighs against, where privacy and competition law keep a title from describing the Act.
COPYRIGHT: dict[str, tuple[str, ...]] = {
    "en": (r"copyright",),
    "bg": (r"авторск\w*\s+прав\w*",),
    "cs": (r"autorsk\w*\s+práv\w*",),
    "da": (r"ophavsret\w*",),
    "de": (r"Urheberrecht\w*",),
    "el": (r"πνευματικ\w*\s+(?:ιδιοκτησί|δικαιώματ)\w*",),
    "es": (r"derechos\s+de\s+autor",),
    "et": (r"autoriõigus\w*",),
    "fi": (r"tekijänoikeu\w*",),
    "fr": (r"droits?\s+d['\u2019]auteur",),
    "ga": (r"cóipcheart\w*",),
    "hr": (r"autorsk\w*\s+prav\w*",),
    "hu": (r"szerzői\s+jog\w*",),
    "it": (r"diritto\s+d['\u2019]autore",),
    "lt": (r"autorių\s+teis\w*",),
    "lv": (r"autortiesīb\w*",),
    "mt": (r"drittijiet\s+tal-awtur",),
    "nl": (r"auteursrecht\w*",),
    "pl": (r"praw\w*\s+autorsk\w*",),
    "pt": (r"direitos?\s+de\s+autor",),
    "ro": (r"drepturi\w*\s+de\s+autor",),
    "sk": (r"autorsk\w*\s+práv\w*",),
    "sl": (r"avtorsk\w*\s+pravic\w*",),
    "sv": (r"upphovsrätt\w*",),
}


# The words for a law, as opposed to a regulation, in the Act's usual names: "the AI
# law" ("KI-Gesetz", "AI-wet", "loi sur l'IA", "tekoälylaki", "zákon o umelej
# inteligencii") is what any country calls its own, so ``vocabulary`` takes such a
# name for the EU's only where the EU, not another jurisdiction, is its sentence's.
# "KI-Verordnung", "AI-förordningen" and the borrowed "AI Act" are the EU's alone.
GENERIC_LAW_WORDS = (
    r"\w*gesetz\w*",
    # The word for an act ("akt o sztucznej inteligencji", "DI aktas", "акт", "πράξη",
    # "tekoälysäädös", "Actul", "Att") is any legislature's too: "Chiny przyjmują
    # akt o AI", "Η Κίνα ψηφίζει πράξη για την τεχνητή νοημοσύνη".
    r"akt\w*",
    r"akcie",
    r"retsakt\w*",
    r"акт\w*",
    r"πράξ\w*",
    r"tekoälysäädö\w*",
    r"actul\w*",
    r"Att",
    r"закон\w*",
    r"lov(?:en|ens|s)?",
    r"li[ġg]i",
    r"νόμ\w*",
    r"ley",
    r"\w*seadus\w*",
    r"tekoälylai?\w*",
    r"loi",
    r"législation",
    r"zakon\w*",
    r"zákon\w*",
    r"\w*törvény\w*",
    r"legge",
    r"įstatym\w*",
    r"likum\w*",
    r"wet",
    r"lei",
    r"leg(?:ea|ii)",
    r"lag\w*",
)


# A member state's own AI law, not the EU's: a word for "own" or "national" next to
# the word for a law ("Italien verabschiedet ein eigenes KI-Gesetz", "L'Italie adopte
# sa propre loi sur l'IA", "ley nacional de IA"). The Act's usual name in most
# languages is "the AI law", and nothing else tells the EU's from Italy's where the
# state is named in its own language. Matched within a few words before the word for
# a law, or right after it (where adjectives follow the noun). The Romance languages'
# possessive alone says it too ("L'Italia ha la sua legge sull'IA", "España aprueba
# su ley de IA"); where the EU is the owner ("L'UE et sa loi sur l'IA"), the EU
# before it keeps the law the EU's.
OWN_LAW: dict[str, tuple[str, ...]] = {
    "en": (r"own", r"national", r"domestic"),
    "bg": (r"собствен\w*", r"национал\w*"),
    "cs": (r"vlastní\w*", r"národní\w*"),
    "da": (r"egen", r"eget", r"egne", r"national\w*"),
    "de": (r"eigene[nmrs]?", r"national\w*"),
    "el": (r"δικ[όήός]\w*", r"εθνικ\w*"),
    "es": (r"propi[ao]s?", r"su", r"nacional\w*"),
    "et": (r"oma", r"riiklik\w*"),
    "fi": (r"oma\w{0,4}", r"kansallis\w*"),
    "fr": (r"propres?", r"sa", r"national\w*"),
    "ga": (r"féin", r"náisiúnta"),
    "hr": (r"vlastit\w*", r"nacionaln\w*"),
    "hu": (r"saját\w*", r"nemzeti"),
    "it": (r"propri[ao]", r"sua", r"nazional\w*"),
    "lt": (r"savo", r"nacionalin\w*"),
    "lv": (r"sav\w{0,3}", r"nacionāl\w*"),
    "mt": (r"tagħha", r"tiegħu", r"nazzjonali"),
    "nl": (r"eigen", r"national\w*"),
    "pl": (r"własn\w*", r"krajow\w*", r"narodow\w*"),
    "pt": (r"própri[ao]s?", r"sua", r"nacional\w*"),
    "ro": (r"propri\w*", r"naționa\w*", r"nationa\w*"),
    "sk": (r"vlastn\w*", r"národn\w*"),
    "sl": (r"lasten", r"lastn\w*", r"nacionaln\w*"),
    "sv": (r"egen", r"eget", r"egna", r"nationell\w*"),
}
#: The words for a law that ``OWN_LAW`` looks beside, beside ``GENERIC_LAW_WORDS``.
OWN_LAW_NOUNS = (
    r"laws?",
    r"act",
    r"rules",
    r"bill",
    r"legislation",
    r"dlí\w*",
    r"acht",
    # "własną ustawą", "propria lege", "saját mesterségesintelligencia-törvénnyel".
    r"ustaw\w*",
    r"lege",
    r"\w*törvénn\w*",
)

# The EU as the point of comparison for another's rules ("Brazil adopts an AI law
# modelled on the EU's", "KI-Gesetz nach EU-Vorbild", "az EU mintájára"): the words
# that put it there, in each language, before the word for the EU (a couple of
# short words may stand between: "similar to the EU's", "calquée sur celle de
# l'UE") or right after it. A sentence whose every word for the EU is so placed
# describes someone else's rules. Words that also mean "how" or "as" ("wie",
# "jak", "ako", "kā") count only after another word, never opening a headline
# ("Wie die EU KI regulieren will" is about the EU's rules).
COMPARED_BEFORE: dict[str, tuple[str, ...]] = {
    "en": (
        r"unlike",
        r"than",
        r"modell?ed\s+on",
        r"patterned\s+on",
        r"based\s+on",
        r"inspired\s+by",
        r"similar\s+to",
        r"mirror(?:s|ed|ing)",
        r"cop(?:y|ies|ying)",
        r"emulat\w*",
        r"in\s+the\s+footsteps\s+of",
        r"diverg\w*\s+from",
        # "the second comprehensive AI law after the EU's"
        r"(?:second|third)\s+(?:[\w-]+\s+){0,4}after",
    ),
    "bg": (
        r"подобн\w*\s+на",
        r"по\s+(?:модела|примера|образеца)\s+на",
        r"за\s+разлика\s+от",
        r"вдъхновен\w*\s+от",
    ),
    "cs": (
        r"na\s+rozdíl\s+od",
        r"po\s+vzoru",
        r"podle\s+vzoru",
        r"inspirovan\w*",
        r"než",
    ),
    "da": (
        r"i\s+modsætning\s+til",
        r"efter\s+forbillede\s+fra",
        r"inspireret\s+af",
        r"\w{3,}ere\s+end",
    ),
    "de": (
        r"anders\s+als",
        r"im\s+Gegensatz\s+zu\w*",
        r"ähnlich\s+(?:wie|der|dem|den)",
        r"nach\s+(?:dem\s+)?Vorbild",
        r"\w{3,}er\s+als",
    ),
    "el": (
        r"σε\s+αντίθεση\s+με",
        r"στα\s+πρότυπα",
        r"κατά\s+το\s+πρότυπο",
        r"παρόμοι\w*\s+με",
        r"εμπνευσμέν\w*\s+από",
        r"πιο\s+\w+\s+(?:\w+\s+)?από",
    ),
    "es": (
        r"a\s+diferencia\s+de",
        r"al\s+contrario\s+que",
        r"inspirad\w*\s+en",
        r"basad\w*\s+en",
        r"similar\w*\s+a",
        r"siguiendo\s+(?:el\s+)?(?:modelo|ejemplo)\s+de",
        r"a\s+imagen\s+de",
        r"(?:más|menos)\s+\w+\s+que",
    ),
    "et": (
        r"erinevalt",
        r"sarnaselt",
    ),
    "fi": (
        r"toisin\s+kuin",
        r"\w+mpi\w*\s+kuin",
    ),
    "fr": (
        r"contrairement\s+à",
        r"à\s+la\s+différence\s+de",
        r"sur\s+le\s+modèle\s+de",
        r"à\s+l['\u2019]image\s+de",
        r"inspiré\w*\s+(?:de|par)",
        r"calqu\w*\s+sur",
        r"similaire\w*\s+à",
        r"(?:plus|moins)\s+\w+\s+que",
    ),
    "ga": (
        # "le" takes the article as "leis": "cosúil leis an AE".
        r"cosúil\s+le(?:is)?",
        r"murab\s+ionann\s+agus",
        r"seachas",
        r"bunaithe\s+ar\s+mh?únla",
        r"ar\s+mh?únla",
    ),
    "hr": (
        r"za\s+razliku\s+od",
        r"po\s+uzoru\s+na",
        r"nalik",
        r"slično",
    ),
    "hu": (),
    "it": (
        r"a\s+differenza\s+d\w*",
        r"sul\s+modello\s+d\w*",
        r"ispirat\w*\s+a\w*",
        r"simil\w*\s+a\w*",
        r"sulla\s+scia\s+d\w*",
        r"(?:più|meno)\s+\w+\s+(?:che|d\w*)",
    ),
    "lt": (
        r"skirtingai\s+nei",
        r"panaši\w*\s+į",
        r"\w+esn\w*\s+nei",
    ),
    "lv": (
        r"atšķirībā\s+no",
        r"līdzīg\w*",
        r"nekā",
    ),
    "mt": (
        r"b['\u2019]differenza\s+minn",
        r"b['\u2019]differenza\s+mill?",
        r"fuq\s+il-mudell",
        r"ispirat\w*\s+mill?",
        r"milli",
    ),
    "nl": (
        r"anders\s+dan",
        r"in\s+tegenstelling\s+tot",
        r"naar\s+(?:het\s+)?voorbeeld\s+van",
        r"geïnspireerd\s+(?:op|door)",
        r"vergelijkbaar\s+met",
        r"\w{3,}er\s+dan",
    ),
    "pl": (
        r"w\s+przeciwieństwie\s+do",
        r"wzorowan\w*\s+na",
        r"na\s+wzór",
        r"śladem",
        r"inspirowan\w*",
        r"niż",
    ),
    "pt": (
        r"ao\s+contrário\s+d\w*",
        r"à\s+semelhança\s+d\w*",
        r"inspirad\w*\s+n\w*",
        r"semelhante\w*\s+à",
        r"a\s+exemplo\s+d\w*",
        r"(?:mais|menos)\s+\w+\s+(?:do\s+)?que",
    ),
    "ro": (
        r"spre\s+deosebire\s+de",
        r"după\s+modelul",
        r"inspirat\w*\s+de",
        r"similar\w*\s+cu",
        r"decât",
    ),
    "sk": (
        r"na\s+rozdiel\s+od",
        r"podľa\s+vzoru",
        r"po\s+vzore",
        r"inšpirovan\w*",
        r"než",
    ),
    "sl": (
        r"za\s+razliko\s+od",
        r"po\s+zgledu",
        r"po\s+vzoru",
        r"navdihnjen\w*",
    ),
    "sv": (
        r"i\s+likhet\s+med",
        r"till\s+skillnad\s+från",
        r"inspirerad\w*\s+av",
        r"\w{3,}are\s+än",
    ),
}
# Words for "like" or "as", which also mean "how" or "as a" ("Así es como la UE
# regulará la IA", "Warum und wie die EU KI reguliert", "Česko jako člen EU"): they
# compare only where the word for the EU ends its clause ("Japón no regulará la IA
# como la UE", "nicht so streng wie die EU"), at the head of a title too ("Like the
# EU, Japan drafts AI rules"; "Come l'Ue regola l'IA" is how, not like).
COMPARED_BEFORE_AT_END: dict[str, tuple[str, ...]] = {
    "bg": (r"като",),
    "cs": (r"(?:podobně\s+)?jako",),
    "da": (r"ligesom",),
    "de": (r"wie",),
    "el": (r"όπως",),
    "en": (r"like",),
    "es": (r"como",),
    "et": (r"nagu",),
    "fi": (r"kuten",),
    "fr": (r"comme",),
    # "ar nós" is "like" and "such as" both ("rialacha ar nós Acht an AE ..."); Irish's
    # other comparisons are phrases that only compare ("cosúil le"), kept above.
    "ga": (r"ar\s+nós",),
    "hr": (r"kao", r"poput"),
    "hu": (r"mint", r"akárcsak"),
    "it": (r"come",),
    "lt": (r"kaip",),
    "lv": (r"kā", r"tāpat\s+kā"),
    "mt": (r"bħal",),
    "nl": (r"zoals", r"net\s+als"),
    "pl": (r"(?:podobnie|tak)\s+jak",),
    "pt": (r"como",),
    "ro": (r"asemenea",),
    "sk": (r"(?:podobne\s+)?ako",),
    "sl": (r"kot",),
    "sv": (r"liksom",),
}
# ... and right after it, where the language puts the comparison there ("EU-Vorbild",
# "ELi eeskujul", "EU:n mallin mukaan", "az EU-hoz hasonlóan", "ES pavyzdžiu").
COMPARED_AFTER: dict[str, tuple[str, ...]] = {
    "en": (r"-style", r"-inspired", r"-like", r"(?:['\u2019]s)?\s+(?:lead|example|footsteps)\b"),
    "bg": (),
    "cs": (),
    "da": (r"-model\w*", r"-forbillede\w*", r"(?:['\u2019]?s)?\s+(?:model|forbillede)\w*"),
    "de": (r"-Vorbild\w*", r"-Stil\w*", r"-Muster\w*"),
    "el": (),
    "es": (),
    "et": (r"\s+eeskujul", r"\s+mudeli\s+järgi"),
    "fi": (r"\s+mall\w*", r"\s+esimerkin\s+mukaisesti"),
    "fr": (),
    "ga": (),
    "hr": (),
    "hu": (r"\s+mintájára", r"\s+példáját", r"\s+hasonló\w*", r"\s+ellentétben"),
    "it": (),
    "lt": (r"\s+pavyzd\w*", r"\s+model\w*"),
    "lv": (r"\s+parau\w*", r"\s+model\w*"),
    "mt": (),
    "nl": (),
    "pl": (),
    "pt": (),
    "ro": (),
    "sk": (),
    "sl": (),
    "sv": (r"\s+modell\w*", r"\s+förebild\w*"),
}


# Europe by its own name, in the cases a comparison puts it in: a word for the EU in
# every language (``vocabulary`` joins these to each language's ``eu`` words, which
# hold only the possessives and longer forms beside them). Newsrooms write it for the
# EU, but beside another jurisdiction it is the point of comparison ("Britain drafts
# its own AI rules, diverging from Europe", "odlišná od Evropy"): there
# ``vocabulary`` does not take it for the EU's rules. A possessive owns the rules
# whoever else is named ("Europe's new AI law threatens US firms", "Europas lov"),
# so English, Danish, German, Dutch and Swedish possessives are not listed.
EUROPE_NAMES: dict[str, tuple[str, ...]] = {
    "en": (r"Europe",),
    "bg": (r"Европ(?:а|ата)",),
    "cs": (r"Evrop(?:a|ě|u|y|ou)",),
    "da": (r"Europa",),
    "de": (r"Europa",),
    "el": (r"Ευρώπη[ςν]?",),
    "es": (r"Europa",),
    "et": (r"Euroopa",),
    "fi": (r"Euroop(?:an|assa|aan|asta|alla)", r"Eurooppa\w*"),
    "fr": (r"Europe",),
    "ga": (r"(?:an\s+)?Eoraip", r"na\s+hEorpa"),
    "hr": (r"Europ(?:a|e|i|u|om)",),
    "hu": (r"Európ(?:a|ában|ába|ából|át|ának|ára|án)",),
    "it": (r"Europa",),
    "lt": (r"Europ(?:a|oje|ą|ai)", r"Europos"),
    "lv": (r"Eirop(?:a|ā|u|ai)", r"Eiropas"),
    "mt": (r"(?:l-)?Ewropa",),
    "nl": (r"Europa",),
    "pl": (r"Europ(?:a|y|ie|ę|ą)",),
    "pt": (r"Europa",),
    "ro": (r"Europa", r"Europei"),
    "sk": (r"Európ(?:a|e|u|y|ou)",),
    "sl": (r"Evrop(?:a|e|i|o)",),
    "sv": (r"Europa",),
}

# The Council of Europe is not the EU: its 46 states adopted their own treaty on AI
# (the Framework Convention of 2024), and "Council of Europe … AI rules" must not read
# as the EU's. ``vocabulary`` takes these names out before it looks for the EU. The
# EU's own councils are named apart in each language ("European Council", "Eurooppa-
# neuvosto", "Európai Tanács", "Eiropadome"), so these do not reach them.
COUNCIL_OF_EUROPE: dict[str, tuple[str, ...]] = {
    "en": (r"Council\s+of\s+Europe(?:['\u2019]s)?",),
    "bg": (r"Съвет\w*\s+на\s+Европа",),
    "cs": (r"Rad(?:a|y|ě|u|ou)\s+Evropy",),
    "da": (r"Europarådet\w*",),
    "de": (r"Europarat\w*",),
    "el": (r"Συμβούλι\w*\s+της\s+Ευρώπης",),
    "es": (r"Consejo\s+de\s+Europa",),
    "et": (r"Euroopa\s+Nõukogu\w*",),
    "fi": (r"Euroopan\s+neuvosto\w*",),
    "fr": (r"Conseil\s+de\s+l['\u2019]\s*Europe",),
    "ga": (r"Chomhairle\s+na\s+hEorpa", r"Comhairle\s+na\s+hEorpa"),
    "hr": (r"Vijeć\w*\s+Europe",),
    "hu": (r"Európa[- ]?[Tt]anács\w*",),
    "it": (r"Consiglio\s+d['\u2019]\s*Europa",),
    "lt": (r"Europos\s+Taryb\w*",),
    "lv": (r"Eiropas\s+Padom\w*",),
    "mt": (r"Kunsill\s+tal-Ewropa",),
    "nl": (r"Raad\s+van\s+Europa",),
    "pl": (r"Rad(?:a|y|zie|ę|ą)\s+Europy",),
    "pt": (r"Conselho\s+da\s+Europa",),
    "ro": (r"Consiliul\w*\s+Europei",),
    "sk": (r"Rad(?:a|y|e|u|ou)\s+Európy",),
    "sl": (r"Svet\w*\s+Evrope",),
    "sv": (r"Europarådet\w*",),
}

# The EU inside the Act's name, as newsrooms write "the EU AI Act" in their language:
# "akt EU o umělé inteligenci", "πράξη της ΕΕ για την τεχνητή νοημοσύνη", "Актът на ЕС
# за изкуствения интелект", "l-Att tal-UE dwar l-IA", "Akt EU-a o umjetnoj
# inteligenciji", "regolamento Ue sull'IA", "an tAcht AE um Intleacht Shaorga", "Pacto de la UE
# sobre IA", "pacte de l'UE sur l'IA". Irish also puts the EU in the genitive with its
# article, short or spelled out: "Acht an AE um Intleacht Shaorga", "Acht an Aontais
# Eorpaigh um ..."; "an" counts only before those, never as English "an EU".
# ``vocabulary`` takes it out before it looks for the names, so no name needs a form
# with it. As written: in capitals, and only before a space (not "EU." at a sentence's end).
EU_IN_NAME = (
    r"\s+(?:(?:της|на|da|do|de\s+la|della|del)\s+|(?:de\s+l|dell)['\u2019]\s*|tal-)?"
    r"(?:EU|EÚ|ЕС|ΕΕ|UE|Ue|AE|an\s+AE|an\s+Aontais\s+Eorpaigh)(?:-a|-u|-om)?(?=\s)"
)

# The EU's other digital laws by their names in each language: the Digital Services
# and Digital Markets Acts, the GDPR and the Data Act. Their names hold rule words
# ("Ley de Servicios Digitales", "förordningen om digitala tjänster"), but an AI story
# under the DSA or the GDPR is not about the AI Act, so ``vocabulary`` takes the names
# out before it looks for EU rules on AI, and a title that names one is about that law.
# A head noun (law, act, regulation) is taken with the name: it is the name's.
OTHER_EU_LAWS: dict[str, tuple[str, ...]] = {
    "en": (
        r"Digital\s+(?:Markets|Services)\s+Act",
        r"DMA",
        r"DSA",
        r"GDPR",
        r"Data\s+(?:Governance\s+)?Act",
        r"Chips\s+Act",
        r"Cyber\s+Resilience\s+Act",
        r"(?:European\s+)?Media\s+Freedom\s+Act",
        r"(?:General\s+)?Data\s+Protection\s+Regulation",
        r"Digital\s+Operational\s+Resilience\s+Act",
        r"DORA",
    ),
    "bg": (
        r"(?:\w+\s+)?(?:акт|закон)\w*\s+за\s+цифровите\s+(?:услуги|пазари)",
        r"(?:Общ\w*\s+)?регламент\w*\s+(?:на\s+ЕС\s+)?(?:за|относно)\s+защита\w*\s+на\s+(?:личните\s+)?данни\w*",
        r"ОРЗД",
    ),
    "cs": (
        r"\w+\s+o\s+digitálních\s+(?:služb|trz|trh)\w*",
        r"(?:obecn\w+\s+)?nařízení\s+(?:EU\s+)?o\s+ochraně\s+osobních\s+údajů",
    ),
    "da": (
        r"\w+\s+om\s+digitale\s+(?:tjenester|markeder)",
        r"(?:data|persondata)beskyttelsesforordning\w*",
    ),
    "de": (
        r"\w+\s+über\s+digitale\s+(?:Dienste|Märkte)",
        r"Datenschutz-?Grundverordnung",
        r"DSGVO",
        r"Daten(?:gesetz|verordnung)\w*",
    ),
    "el": (
        r"\w+\s+για\s+τις\s+ψηφιακές\s+(?:υπηρεσίες|αγορές)",
        r"(?:Γενικ\w+\s+)?Κανονισμ\w+\s+(?:για\s+την\s+)?Προστασία\w*\s+(?:των\s+)?Δεδομένων",
        r"ΓΚΠΔ",
    ),
    "es": (
        r"\w+\s+de\s+(?:Servicios|Mercados)\s+Digitales",
        r"Reglamento\s+General\s+de\s+Protección\s+de\s+Datos",
        r"RGPD",
    ),
    "et": (
        r"digi(?:teenuste|turgude)\s+(?:määrus|õigusakt|seadus)\w*",
        r"(?:isikuandmete\s+kaitse\s+)?üldmäärus\w*",
        r"IKÜM",
    ),
    "fi": (
        r"digi(?:palvelu|markkina)säädö\w*",
        r"(?:yleinen\s+)?tietosuoja-asetu\w*",
    ),
    "fr": (
        r"\w+\s+sur\s+les\s+(?:services|marchés)\s+numériques",
        r"(?:règlement\s+général\s+sur\s+la\s+)?protection\s+des\s+données",
        r"RGPD",
    ),
    "ga": (
        r"\w+\s+um\s+(?:Sh?eirbhísí|Mh?argaí)\s+Digiteacha",
        r"\w+\s+(?:Ginearálta\s+)?maidir\s+le\s+Cosaint\s+Sonraí",
    ),
    "hr": (
        r"\w+\s+o\s+digitalnim\s+(?:uslugama|tržištima)",
        r"(?:Opć\w+\s+)?uredb\w+\s+(?:EU-a\s+)?o\s+zaštiti\s+(?:osobnih\s+)?podataka",
    ),
    "hu": (
        r"digitális\s+(?:szolgáltatásokról|piacokról)\s+szóló\s+\w+",
        r"(?:általános\s+)?adatvédelmi\s+rendelet\w*",
    ),
    "it": (
        r"\w+\s+sui\s+(?:servizi|mercati)\s+digitali",
        r"(?:regolamento\s+generale\s+sulla\s+)?protezione\s+dei\s+dati",
    ),
    "lt": (
        r"Skaitmenini\w+\s+(?:paslaugų|rinkų)\s+akt\w*",
        r"(?:Bendr\w+\s+)?duomenų\s+apsaugos\s+reglament\w*",
        r"BDAR",
    ),
    "lv": (
        r"Digitāl\w+\s+(?:pakalpojumu|tirgu)\s+akt\w*",
        r"(?:Vispārīg\w+\s+)?datu\s+aizsardzības\s+regul\w*",
        r"VDAR",
    ),
    "mt": (
        r"\w+\s+dwar\s+(?:is-)?(?:Servizzi|Swieq)\s+Diġitali",
        r"Regolament\s+Ġenerali\s+dwar\s+il-Protezzjoni\s+tad-Data",
    ),
    "nl": (
        r"digitale\s*(?:diensten|markten)\w*",
        r"\w+\s+inzake\s+digitale\s+(?:diensten|markten)",
        r"(?:Algemene\s+)?verordening\s+gegevensbescherming",
        r"AVG",
    ),
    "pl": (
        r"\w+\s+o\s+(?:usługach|rynkach)\s+cyfrowych",
        r"(?:ogóln\w+\s+)?rozporządzeni\w*\s+o\s+ochronie\s+danych",
        r"RODO",
    ),
    "pt": (
        r"\w+\s+(?:dos|sobre\s+os)\s+(?:Serviços|Mercados)\s+Digitais",
        r"Regulamento\s+Geral\s+(?:sobre\s+a|de)\s+Proteção\s+de\s+Dados",
        r"RGPD",
    ),
    "ro": (
        r"\w+\s+privind\s+(?:serviciile|piețele|pieţele)\s+digitale",
        r"(?:Regulamentul\w*\s+general\s+privind\s+)?protecți\w+\s+datelor",
        r"RGPD",
    ),
    "sk": (
        r"\w+\s+o\s+digitálnych\s+(?:službách|trhoch)",
        r"(?:všeobecn\w+\s+)?nariadeni\w+\s+(?:EÚ\s+)?o\s+ochrane\s+(?:osobných\s+)?údajov",
    ),
    "sl": (
        r"\w+\s+o\s+digitalnih\s+(?:storitvah|trgih)",
        r"(?:Splošn\w+\s+)?uredb\w+\s+(?:EU\s+)?o\s+varstvu\s+(?:osebnih\s+)?podatkov",
    ),
    "sv": (
        r"\w+\s+om\s+digitala\s+(?:tjänster|marknader)",
        r"dataskyddsförordning\w*",
    ),
}
