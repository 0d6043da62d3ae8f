"""Which parts of the AI Act an article concerns, in the 24 EU languages (pure).

Analysts read the Act by its parts: a compliance team follows the high-risk
obligations, a newsroom the prohibitions and the fines. Each part has words in
every official language (phrases matched case-insensitively on word
boundaries; stems end in ``\\w*``); English words are looked for in every text,
as newsrooms everywhere use them. A part is tagged when one of its words
appears in the title or in the text.
"""

from __future__ import annotations

import functools
import re

from monitor.act_parts import PARTS
from monitor.assess.lexicon import BY_LANGUAGE

_ENGLISH: dict[str, tuple[str, ...]] = {
    "prohibited": (
        r"prohibit\w*",
        r"banned\s+(?:AI|practices|uses)",
        r"bans?\s+on",
        r"(?:first|new)\s+bans",
        r"bans\s+(?:apply|take\s+effect|kick\s+in)",
        r"social\s+scoring",
        r"emotion\s+recognition",
        r"predictive\s+policing",
        r"(?:real-time\s+)?(?:remote\s+)?biometric\s+(?:identification|surveillance)",
        r"facial\s+recognition",
        r"untargeted\s+scraping",
    ),
    "high-risk": (r"high[- ]risk", r"conformity\s+assessments?", r"fundamental\s+rights\s+impact"),
    "gpai": (
        r"general[- ]purpose\s+AI",
        r"general[- ]purpose\s+models?",
        r"GPAI",
        r"foundation\s+models?",
        r"frontier\s+models?",
        r"systemic\s+risk",
        r"codes?\s+of\s+practice",
    ),
    "transparency": (
        r"transparen\w*",
        r"deepfakes?",
        r"watermark\w*",
        r"label(?:l)?ing",
        r"disclos\w*",
        r"copyright\w*",
        r"training\s+data",
    ),
    "governance": (
        r"AI\s+Office",
        r"AI\s+Board",
        r"market\s+surveillance",
        r"national\s+(?:competent\s+)?authorit\w*",
        r"supervis\w*",
        r"enforc\w*",
        r"regulatory\s+sandbox\w*",
    ),
    "penalties": (
        r"fine[sd]",
        r"fines?\s+(?:of|up\s+to)",
        r"fine\s+(?:\w+\s+){1,3}up\s+to",
        r"penalt\w*",
        r"sanction\w*",
        r"per\s*cent\s+of\s+(?:global\s+)?turnover",
    ),
    "timeline": (
        r"delay\w*",
        r"postpon\w*",
        r"stop[- ]the[- ]clock",
        r"digital\s+omnibus",
        r"(?:enters?|entered|entry)\s+into\s+force",
        r"deadlines?",
        r"phased?\s+in",
        r"(?:start|begin)s?\s+to\s+apply",
        r"appl(?:y|ies)\s+from",
        r"became\s+applicable",
    ),
    "standards": (
        r"harmoni[sz]ed\s+standards?",
        r"standardi[sz]ation",
        r"CEN[- ]CENELEC",
        r"standards?\s+bod\w*",
    ),
}

_BY_LANGUAGE: dict[str, dict[str, tuple[str, ...]]] = {
    "bg": {
        "prohibited": (r"забран\w*", r"социално\s+точкуване", r"биометрич\w*"),
        "high-risk": (r"висок\w*\s+риск\w*", r"високорисков\w*"),
        "gpai": (r"общ\w*\s+предназначение", r"кодекс\w*\s+за\s+добри\s+практики"),
        "transparency": (
            r"прозрачност\w*",
            r"дийпфейк\w*",
            r"авторск\w*\s+прав\w*",
            r"данни\w*\s+за\s+обучение",
            r"етикетиран\w*",
            r"маркиран\w*",
            r"дълбок\w*\s+фалшификат\w*",
        ),
        "governance": (r"надзор\w*",),
        # Fines ("глоба", "глоби"), not "глобален" (global).
        "penalties": (r"глоб(?:а|и|ата|ите)", r"санкци\w*"),
        "timeline": (r"отлага\w*", r"влиза\w*\s+в\s+сила", r"срок\w*"),
        "standards": (r"стандарт\w*",),
    },
    "cs": {
        "prohibited": (r"zakázan\w*", r"zákaz\w*", r"sociální\w*\s+skór\w*", r"biometri\w*"),
        "high-risk": (r"vysoce\s+rizikov\w*", r"vysok\w*\s+rizik\w*"),
        "gpai": (r"obecné\w*\s+účel\w*", r"kodex\w*\s+správné\w*\s+praxe"),
        "transparency": (
            r"transparentnost\w*",
            r"deepfake\w*",
            r"autorsk\w*\s+práv\w*",
            r"trénovací\w*\s+dat\w*",
            r"označová\w*",
            r"označovat\w*",
        ),
        "governance": (r"dozor\w*",),
        "penalties": (r"pokut\w*", r"sankc\w*"),
        "timeline": (
            r"odklad\w*",
            r"odlož\w*",
            r"vstup\w*\s+v\s+platnost",
            r"lhůt\w*",
            r"odklád\w*",
        ),
        "standards": (r"harmonizovan\w*\s+norm\w*", r"technick\w*\s+norm\w*"),
    },
    "da": {
        "prohibited": (r"forbud\w*", r"forbudt\w*", r"social\s+pointgivning", r"biometri\w*"),
        "high-risk": (r"højrisiko\w*",),
        "gpai": (r"almen\w*\s+formål", r"adfærdskodeks\w*", r"til\s+almen\s+brug"),
        "transparency": (
            r"gennemsigtighed\w*",
            r"deepfake\w*",
            r"ophavsret\w*",
            r"træningsdata\w*",
            r"mærkning\w*",
        ),
        "governance": (r"tilsyn\w*",),
        "penalties": (r"bøde\w*", r"sanktion\w*"),
        "timeline": (r"udsæt\w*", r"træder\s+i\s+kraft", r"frist\w*", r"udskyd\w*", r"udskud\w*"),
        "standards": (r"standard\w*",),
    },
    "de": {
        "prohibited": (
            r"Verbot\w*",
            r"verboten\w*",
            r"Social\s+Scoring",
            r"biometrisch\w*",
            r"Gesichtserkennung",
        ),
        "high-risk": (r"Hochrisiko\w*", r"Konformitätsbewertung\w*", r"hohe[mn]\s+Risik\w*"),
        "gpai": (r"allgemeine\w*\s+Verwendungszweck\w*", r"Basismodell\w*", r"\w*kodex\w*"),
        "transparency": (
            r"Transparenz\w*",
            r"Deepfake\w*",
            r"Kennzeichnung\w*",
            r"Urheberrecht\w*",
            r"Trainingsdaten",
            r"kennzeichn\w*",
        ),
        "governance": (r"Aufsicht\w*", r"Marktüberwachung\w*"),
        "penalties": (r"Bußgeld\w*", r"Strafe\w*", r"Sanktion\w*"),
        "timeline": (r"Verschieb\w*", r"verschoben", r"Aufschub\w*", r"in\s+Kraft", r"Frist\w*"),
        "standards": (r"harmonisierte\w*\s+Norm\w*", r"Normung\w*"),
    },
    "el": {
        "prohibited": (r"απαγόρευ\w*", r"απαγορευμέν\w*", r"βιομετρικ\w*", r"απαγορε\w*"),
        "high-risk": (r"υψηλού\s+κινδύνου",),
        "gpai": (r"γενικού\s+σκοπού", r"κώδικ\w*\s+πρακτικ\w*"),
        "transparency": (
            r"διαφάνει\w*",
            r"deepfake\w*",
            r"πνευματικ\w*\s+δικαιώματ\w*",
            r"δεδομέν\w*\s+εκπαίδευσης",
            r"σήμανσ\w*",
            r"επισήμανσ\w*",
        ),
        "governance": (r"εποπτεί\w*",),
        "penalties": (r"πρόστιμ\w*", r"κυρώσ\w*"),
        "timeline": (
            r"αναβολ\w*",
            r"τίθεται\s+σε\s+ισχύ",
            r"προθεσμί\w*",
            r"αναβάλλ\w*",
            r"αναβλήθ\w*",
        ),
        "standards": (r"πρότυπ\w*",),
    },
    "es": {
        "prohibited": (
            r"prohib\w*",
            r"puntuación\s+social",
            r"biométric\w*",
            r"reconocimiento\s+facial",
        ),
        "high-risk": (r"alto\s+riesgo", r"evaluación\s+de\s+(?:la\s+)?conformidad"),
        "gpai": (
            r"uso\s+general",
            r"modelos?\s+fundacionales?",
            r"código\w*\s+de\s+(?:buenas\s+prácticas|conducta)",
        ),
        "transparency": (
            r"transparencia",
            r"ultrafals\w*",
            r"deepfakes?",
            r"derechos\s+de\s+autor",
            r"datos\s+de\s+entrenamiento",
            r"etiquet\w*",
        ),
        "governance": (r"supervisión", r"AESIA"),
        "penalties": (r"multas?", r"sanci\w*"),
        "timeline": (
            r"aplaza\w*",
            r"retras\w*",
            r"entrada\s+en\s+vigor",
            r"plazos?",
            r"entra\w*\s+en\s+vigor",
        ),
        "standards": (r"normas?\s+armonizadas?", r"estándares?", r"normalización"),
    },
    "et": {
        "prohibited": (r"keela\w*", r"keeld\w*", r"keelu\w*", r"biomeetri\w*"),
        "high-risk": (r"suure\s+riskiga", r"kõrge\s+riski\w*", r"suure\s+riski\w*"),
        "gpai": (r"üldotstarbeli\w*", r"tegevusjuhend\w*"),
        "transparency": (
            r"läbipaistvus\w*",
            r"süvavõltsing\w*",
            r"autoriõigus\w*",
            r"treeningandme\w*",
            r"märgista\w*",
        ),
        "governance": (r"järelevalve\w*",),
        "penalties": (r"trahv\w*", r"sanktsioon\w*"),
        "timeline": (r"edasilükka\w*", r"jõustu\w*", r"tähtaeg\w*"),
        "standards": (r"standard\w*",),
    },
    "fi": {
        "prohibited": (r"kiell\w*", r"kielto\w*", r"biometri\w*", r"sosiaalinen\s+pisteytys"),
        "high-risk": (r"suuririski\w*", r"korkean\s+riskin"),
        "gpai": (r"yleiskäyttöi\w*", r"käytännesäänn\w*"),
        "transparency": (
            r"läpinäkyvyy\w*",
            r"syväväären\w*",
            r"tekijänoikeu\w*",
            r"koulutusdat\w*",
            r"opetusdat\w*",
            r"merkitsemi\w*",
            r"merkinn\w*",
        ),
        "governance": (r"valvon\w*",),
        "penalties": (r"sakko\w*", r"sakot\w*", r"seuraamus\w*"),
        "timeline": (r"lykkä\w*", r"voimaan", r"määräaj\w*"),
        "standards": (r"standardi\w*",),
    },
    "fr": {
        "prohibited": (
            r"interdi\w*",
            r"notation\s+sociale",
            r"biométrique\w*",
            r"reconnaissance\s+faciale",
        ),
        "high-risk": (r"haut\s+risque", r"évaluation\s+de\s+(?:la\s+)?conformité"),
        "gpai": (
            r"usage\s+général",
            r"modèles?\s+de\s+fondation",
            r"codes?\s+de\s+(?:bonnes\s+pratiques|conduite)",
        ),
        "transparency": (
            r"transparence",
            r"hypertrucage\w*",
            r"deepfakes?",
            r"droits?\s+d['\u2019]auteur",
            r"données\s+d['\u2019]entraînement",
            r"étiquet\w*",
            r"marquage\w*",
        ),
        "governance": (r"surveillance\s+du\s+marché", r"supervision"),
        "penalties": (r"amendes?", r"sanctions?"),
        "timeline": (
            r"report(?:é|ée|és|ées)",
            r"retard\w*",
            r"entrée\s+en\s+vigueur",
            r"échéances?",
            r"calendrier",
            r"repouss\w*",
            r"entr\w*\s+en\s+vigueur",
        ),
        "standards": (r"normes?\s+harmonisées?", r"normalisation", r"standards?"),
    },
    "ga": {
        "prohibited": (r"toirm\w*", r"bithmhéadrach\w*"),
        "high-risk": (r"ardriosca\w*",),
        "gpai": (r"ilchuspóir\w*", r"sh?amhl\w*\s+(?:gh?inearálta|ilchuspóireach\w*)"),
        "transparency": (
            r"trédhearcach\w*",
            r"cóipcheart\w*",
            r"sh?onraí\s+oiliúna",
            r"lipéad\w*",
            r"domhainbhréag\w*",
        ),
        "governance": (r"maoirseacht\w*",),
        "penalties": (r"fíneáil\w*", r"pionós\w*"),
        "timeline": (r"moill\w*", r"i\s+bhfeidhm"),
        "standards": (r"caighde\w*",),
    },
    "hr": {
        "prohibited": (r"zabran\w*", r"biometrij\w*", r"društven\w*\s+bodovanj\w*"),
        "high-risk": (r"visok\w*\s+rizik\w*", r"visokorizičn\w*"),
        "gpai": (r"opće\w*\s+namjen\w*", r"kodeks\w*\s+prakse"),
        "transparency": (
            r"transparentnost\w*",
            r"deepfake\w*",
            r"autorsk\w*\s+prav\w*",
            r"podat\w*\s+za\s+trenir\w*",
            r"označava\w*",
        ),
        "governance": (r"nadzor\w*",),
        "penalties": (r"kazn\w*", r"sankcij\w*"),
        "timeline": (
            r"odgod\w*",
            r"stupa\w*\s+na\s+snagu",
            r"rok(?:a|u|ovi|ova|om)?",
            r"odgađ\w*",
            r"odgodi\w*",
        ),
        "standards": (r"usklađen\w*\s+norm\w*",),
    },
    "hu": {
        # Bans ("tiltott", "betiltja"), not "tiltakozás" (a protest).
        "prohibited": (
            r"(?:be)?tilt(?:ott|ás|ja|ják|ani|andó|hat)\w*",
            r"tilalo?m\w*",
            r"biometrikus\w*",
            r"társadalmi\s+pontozás\w*",
        ),
        "high-risk": (r"nagy\s+kockázatú", r"magas\s+kockázatú"),
        "gpai": (r"általános\s+célú", r"gyakorlati\s+kódex\w*"),
        "transparency": (
            r"átláthatóság\w*",
            r"deepfake\w*",
            r"szerzői\s+jog\w*",
            r"tanítóadat\w*",
            r"címkéz\w*",
            r"mélyhamisítvány\w*",
        ),
        "governance": (r"felügyelet\w*",),
        "penalties": (r"bírság\w*", r"szankci\w*"),
        "timeline": (r"halaszt\w*", r"hatályba\s+lép\w*", r"határidő\w*", r"elhalaszt\w*"),
        "standards": (r"szabvány\w*",),
    },
    "it": {
        "prohibited": (
            r"divieti?",
            r"vietat\w*",
            r"proibit\w*",
            r"punteggio\s+sociale",
            r"biometric\w*",
            r"riconoscimento\s+facciale",
        ),
        "high-risk": (r"alto\s+rischio", r"valutazione\s+della\s+conformità"),
        "gpai": (
            r"(?:per\s+)?finalità\s+generali",
            r"uso\s+generale",
            r"codic[ei]\s+di\s+(?:buone\s+pratiche|condotta)",
        ),
        "transparency": (
            r"trasparenza",
            r"deepfake\w*",
            r"diritto\s+d['\u2019]autore",
            r"dati\s+di\s+addestramento",
            r"etichett\w*",
        ),
        "governance": (r"vigilanza",),
        "penalties": (r"sanzion\w*", r"multe?"),
        "timeline": (
            r"rinvi\w*",
            r"slitta\w*",
            r"entrata\s+in\s+vigore",
            r"scadenz\w*",
            r"entr\w*\s+in\s+vigore",
        ),
        "standards": (r"norme\s+armonizzate", r"standard"),
    },
    "lt": {
        # "draudimas" is a ban and an insurance: only the plural "bans" is taken.
        "prohibited": (r"draudž\w*", r"uždraust\w*", r"biometrin\w*", r"draudimai"),
        "high-risk": (r"didel\w*\s+rizik\w*",),
        "gpai": (r"bendrosios\s+paskirties", r"praktikos\s+kodeks\w*"),
        "transparency": (
            r"skaidrum\w*",
            r"autorių\s+teis\w*",
            r"mokymo\s+duomen\w*",
            r"žymė\w*",
            r"giliosios\s+klastot\w*",
            r"giliąsias\s+klastot\w*",
        ),
        "governance": (r"priežiūr\w*",),
        "penalties": (r"baud\w*", r"sankcij\w*"),
        "timeline": (r"atidė\w*", r"įsigalio\w*", r"termin\w*", r"atided\w*"),
        "standards": (r"standart\w*",),
    },
    "lv": {
        "prohibited": (r"aizliegt\w*", r"aizliegum\w*", r"biometrisk\w*"),
        "high-risk": (r"augsta\s+riska",),
        "gpai": (r"vispārēja\s+lietojuma", r"prakses\s+kodeks\w*"),
        "transparency": (
            r"pārredzamīb\w*",
            r"autortiesīb\w*",
            r"apmācības\s+dat\w*",
            r"marķē\w*",
            r"dziļviltojum\w*",
        ),
        "governance": (r"uzraudzīb\w*",),
        "penalties": (r"sod(?:s|a|i|u|iem|us)", r"sankcij\w*"),
        "timeline": (
            r"atlik\w*",
            r"stāsies\s+spēkā",
            r"termiņ\w*",
            r"atliek\w*",
            r"stāj\w*\s+spēkā",
        ),
        "standards": (r"standart\w*",),
    },
    "mt": {
        "prohibited": (r"projbit\w*", r"projbizzjon\w*", r"bijometrik\w*"),
        "high-risk": (r"riskju\s+għoli",),
        "gpai": (r"skop\s+ġenerali", r"skopijiet\s+ġenerali"),
        "transparency": (
            r"trasparenza",
            r"drittijiet\s+tal-awtur",
            r"data\s+tat-taħriġ",
            r"tikkett\w*",
            r"deepfake\w*",
        ),
        "governance": (r"sorveljanza",),
        "penalties": (r"multi?", r"sanzjonijiet"),
        "timeline": (
            r"dewmien",
            r"posponi\w*",
            r"jidħol\s+fis-seħħ",
            r"[tjn]ipposponi\w*",
            r"[tj]idħol\s+fis-seħħ",
            r"daħl\w*\s+fis-seħħ",
        ),
        "standards": (r"standards?", r"(?:l-)?istandard\w*"),
    },
    "nl": {
        "prohibited": (
            r"verbod\w*",
            r"verboden",
            r"sociale\s+scoring",
            r"biometrisch\w*",
            r"gezichtsherkenning",
        ),
        "high-risk": (r"hoog[- ]?risico\w*", r"conformiteitsbeoordeling\w*"),
        "gpai": (r"algemene\s+doeleinden", r"praktijkcode\w*", r"gedragscode\w*"),
        "transparency": (
            r"transparantie\w*",
            r"deepfakes?",
            r"auteursrecht\w*",
            r"trainingsdata",
            r"label(?:en|ing|s)",
            r"markering\w*",
        ),
        "governance": (r"toezicht\w*", r"Autoriteit\s+Persoonsgegevens"),
        "penalties": (r"boetes?", r"sancties?"),
        "timeline": (
            r"uitstel",
            r"uitgesteld",
            r"in\s+werking",
            r"termijn\w*",
            r"deadline\w*",
            r"uitstell\w*",
        ),
        "standards": (r"geharmoniseerde\s+normen", r"normen", r"standaard\w*"),
    },
    "pl": {
        "prohibited": (r"zakaz\w*", r"zakazan\w*", r"biometr\w*", r"scoring\w*\s+społeczn\w*"),
        "high-risk": (r"wysokiego\s+ryzyka", r"wysok\w*\s+ryzyk\w*"),
        "gpai": (r"ogólnego\s+przeznaczenia", r"kodeks\w*\s+(?:dobrych\s+)?praktyk"),
        "transparency": (
            r"przejrzystoś\w*",
            r"deepfake\w*",
            r"praw\w*\s+autorsk\w*",
            r"dan\w*\s+treningow\w*",
            r"oznaczani\w*",
            r"oznaczać",
        ),
        "governance": (r"nadz[oó]r\w*",),
        "penalties": (r"kar(?:a|y|ę|om|ami)", r"karn\w*", r"sankcj\w*"),
        "timeline": (
            r"odrocz\w*",
            r"opóźni\w*",
            r"wejści\w*\s+w\s+życie",
            r"wchodz\w*\s+w\s+życie",
            r"termin(?:u|ie|y|ów|em)?",
            r"odkład\w*",
            r"odłoż\w*",
        ),
        "standards": (r"norm\w*\s+zharmonizowan\w*", r"normalizac\w*"),
    },
    "pt": {
        "prohibited": (
            r"proib\w*",
            r"pontuação\s+social",
            r"biométric\w*",
            r"reconhecimento\s+facial",
        ),
        "high-risk": (r"risco\s+elevado", r"alto\s+risco"),
        "gpai": (
            r"finalidade\s+geral",
            r"uso\s+geral",
            r"códigos?\s+de\s+(?:boas\s+práticas|conduta)",
        ),
        "transparency": (
            r"transparência",
            r"deepfakes?",
            r"direitos\s+de\s+autor",
            r"dados\s+de\s+trein\w*",
            r"rotul\w*",
            r"marcação",
        ),
        "governance": (r"supervisão",),
        "penalties": (r"coimas?", r"multas?", r"sanç\w*"),
        "timeline": (
            r"adia\w*",
            r"atras\w*",
            r"entrada\s+em\s+vigor",
            r"prazos?",
            r"entr\w*\s+em\s+vigor",
        ),
        "standards": (r"normas\s+harmonizadas", r"normalização"),
    },
    "ro": {
        "prohibited": (r"interzi\w*", r"biometric\w*", r"punctaj\w*\s+social", r"interdicți\w*"),
        "high-risk": (r"risc\s+ridicat",),
        "gpai": (r"uz\s+general", r"cod\w*\s+de\s+bune\s+practici"),
        "transparency": (
            r"transparenț\w*",
            r"deepfake\w*",
            r"drepturi\w*\s+de\s+autor",
            r"date\w*\s+de\s+antrenament",
            r"etichet\w*",
            r"marcare\w*",
        ),
        "governance": (r"supraveghere\w*",),
        "penalties": (r"amenzi\w*", r"amendă", r"sancțiun\w*"),
        "timeline": (r"amân\w*", r"intră\s+în\s+vigoare", r"termen\w*"),
        "standards": (r"standard\w*",),
    },
    "sk": {
        "prohibited": (r"zakáza\w*", r"zákaz\w*", r"biometri\w*"),
        "high-risk": (r"vysoko\s+rizikov\w*", r"vysokorizikov\w*"),
        "gpai": (r"všeobecné\w*\s+účel\w*", r"kódex\w*\s+postupov"),
        "transparency": (
            r"transparentnos\w*",
            r"deepfake\w*",
            r"autorsk\w*\s+práv\w*",
            r"trénovací\w*\s+údaj\w*",
            r"označovan\w*",
            r"označovať",
        ),
        "governance": (r"dohľad\w*",),
        "penalties": (r"pokut\w*", r"sankci\w*"),
        "timeline": (r"odklad\w*", r"odlož\w*", r"nadob\w*\s+účinnosť", r"lehot\w*"),
        "standards": (r"harmonizovan\w*\s+norm\w*", r"technick\w*\s+norm\w*"),
    },
    "sl": {
        "prohibited": (r"prepoved\w*", r"prepovedan\w*", r"biometri\w*"),
        "high-risk": (r"visok\w*\s+tvegan\w*",),
        "gpai": (r"splošn\w*\s+namen\w*", r"kodeks\w*\s+prakse"),
        "transparency": (
            r"preglednost\w*",
            r"deepfake\w*",
            r"avtorsk\w*\s+pravic\w*",
            r"podatk\w*\s+za\s+učenje",
            r"označeva\w*",
            r"globok\w*\s+ponared\w*",
        ),
        "governance": (r"nadzor\w*",),
        # Fines ("globa", "globe"), not "globoke" (deep) or "globalni" (global).
        "penalties": (r"glob(?:a|e|i|o|ama|ami|ah)", r"sankcij\w*"),
        "timeline": (
            r"odlog\w*",
            r"začne\s+veljati",
            r"rok(?:a|u|i|om)?",
            r"odlaga\w*",
            r"odloži\w*",
            r"začn\w*\s+veljati",
            r"začenja\s+veljati",
        ),
        "standards": (r"standard\w*",),
    },
    "sv": {
        "prohibited": (
            r"förbud\w*",
            r"förbjud\w*",
            r"social\s+poängsättning",
            r"biometri\w*",
            r"ansiktsigenkänning",
        ),
        "high-risk": (r"hög\s+risk", r"högrisk\w*"),
        "gpai": (r"allmän\w*\s+ändamål", r"uppförandekod\w*"),
        "transparency": (
            r"transparens\w*",
            r"deepfake\w*",
            r"upphovsrätt\w*",
            r"träningsdata",
            r"märkning\w*",
        ),
        "governance": (r"tillsyn\w*",),
        "penalties": (r"böter", r"sanktion\w*", r"sanktionsavgift\w*"),
        "timeline": (r"skjut\w*\s+upp", r"uppskjut\w*", r"träder\s+i\s+kraft", r"tidsfrist\w*"),
        "standards": (r"standard\w*",),
    },
}

#: The languages whose own words for the parts are known, beside English.
PARTS_LANGUAGES = frozenset({"en", *_BY_LANGUAGE})


@functools.cache
def _matchers(language: str) -> dict[str, re.Pattern[str]]:
    codes = [language] if language in _BY_LANGUAGE else []
    if language not in PARTS_LANGUAGES:
        codes = list(_BY_LANGUAGE)  # unknown: every language's words
    own = [_BY_LANGUAGE[code] for code in codes]
    # The AI Office's names are the vocabulary's, so that what names the Act's
    # institution there is its governance here.
    offices = [p for code in codes if code in BY_LANGUAGE for p in BY_LANGUAGE[code].office]
    compiled = {}
    for part in PARTS:
        english = [p for p in _ENGLISH[part] if not p.isupper()]
        acronyms = [p for p in _ENGLISH[part] if p.isupper()]
        phrases = english + [p for table in own for p in table.get(part, ())]
        if part == "governance":
            phrases += offices
        pattern = "|".join(rf"(?:\b{p}\b)" for p in phrases)
        if acronyms:
            pattern = f"(?i:{pattern})|" + "|".join(rf"(?:\b{a}\b)" for a in acronyms)
            compiled[part] = re.compile(pattern)
        else:
            compiled[part] = re.compile(pattern, re.IGNORECASE)
    return compiled


def parts_of(text: str, *, title: str = "", language: str = "") -> tuple[str, ...]:
    """The parts of the Act an article concerns, in the order of ``PARTS``."""
    whole = f"{title}\n{text}" if title else text
    return tuple(part for part, m in _matchers(language).items() if m.search(whole))
