"""A question parsed once: its language, the kind of answer it expects, its names and numbers, its
content terms, and the speaker it asks about. Everything downstream reads this object; nobody
re-tokenises the question."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from retrieval.quotes.cues import PERSON_ROLES

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-ÞŠŽČŘ][\w&’'-]*(?:\s+(?:de |du |des |von |van |da |di |al-|bin |ben |le |la )?"
                   r"[A-ZÀ-ÖØ-ÞŠŽČŘ][\w&’'-]*)*")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\s]\d+)*(?![\w])")

STOP = frozenset(
    """
    a à au aux avec ce ces cet cette ceci cela ça d dans de des du elle elles en et est il ils je l la le
    les leur leurs lui m ma mais me même mes moi mon n ne ni nos notre nous on ou où par pas pour qu que
    quel quelle quels quelles qui quoi s sa se ses son sont sur t ta te tes toi ton tu un une vos votre
    vous y été être avait avoir ont ai as avons avez eu fait faire dit dire t-il t-elle est-ce
    comment combien pourquoi quand lequel laquelle lesquels était étaient sera seront
    ensuite alors aussi très plus moins bien selon après avant depuis entre sous chez lors autre
    an and are as at be been but by for from had has have he her his i if in into is it its me my
    no not of on or our she so than that the their them then there they this to was we were what
    when where which who whom whose why will with would you your did does do how about said say says
    tell told next also after before else other one
    """.split()
)
_NOT_NAMES = frozenset(
    """le la les l un une des il elle ils elles ce cette ces en au aux mais et selon pour par sous dans lors
    the a an he she they it this that in on at but and for by mr mrs ms m mme what who when where which how
    why whom qui que quel quelle quels quelles quand où comment combien pourquoi qu à a dans de du since
    according within during after before until from with without into over under between among against
    devant depuis pendant avant après vers chez avec sans sur outre parmi contre malgré jusqu est-ce""".split()
)

_EXPECT = [
    ("amount", re.compile(r"\b(quel(le)?s? (est |était |sera )?(le |la )?(prix|tarif|coût|montant|salaire|somme)|"
                          r"how much\b.*\b(pay|paid|cost|earn|spend|spent|worth)|"
                          r"what (is |was |will be )?(the )?(price|cost|salary|amount|sum)|"
                          r"combien .*(payé|coûté|coûte|coûtent|coûterait|dépensé|gagné|vaut|valait))", re.I)),
    ("measure", re.compile(r"^\W*((within|in|from|for) )?(how (far|old|long|tall|deep|high|fast)|quel âge|"
                           r"(à |dans |sur )?quel(le)? (est (le |la |l'|l’))?(âge|distance|durée|taille|hauteur|profondeur|"
                           r"vitesse|longueur|délai))\b", re.I)),
    ("number", re.compile(r"^\s*(combien|how (many|much)|quel (est le )?(nombre|score)|quelle (part|proportion)|"
                          r"what (is the )?(number|share|percentage|proportion)|by what percentage|à combien)\b|"
                          r"\b(combien|how many|what percentage|quelle part)\b", re.I)),
    ("person", re.compile(r"^\s*((à|a|avec|par|pour|de|chez) )?(qui|who|whom)\b|^\s*(with|by|to) whom\b|"
                          r"^\s*(quel(le)?|which|what) (?!(did|does|do|is|was|were|are|has|have|had|a-t-il|a-t-elle)\b)(\w+ ){0,3}?(élu|ministre|avocat|professeur|joueur|actrice|acteur|"
                          r"président|vice-président|star|player|lawyer|minister|actor|actress|official|"
                          r"sociologue|chercheur|expert|spokesperson|journaliste)s?\b", re.I)),
    ("place", re.compile(r"^\s*(où|d'où|where|dans quel(le)? (ville|pays|région|aéroport|lieu)|"
                         r"in which (city|country|airport))\b", re.I)),
    ("date", re.compile(r"^\s*(quand|when|depuis quand|since (what|when)|en quelle année|à quelle date|quel jour|"
                        r"what year|which year|what date|on what date|in what year)\b", re.I)),
]
_WHO_SAID = re.compile(r"^\s*(who|qui)\b", re.I)
_SAY = re.compile(r"\b(say|said|says|tell|told|describe|described|call|called|think|declare|declared|claim|warn|"
                  r"warned|react|reacted|respond|responded|comment|commented|announce|announced|argue|argued|"
                  r"admit|admitted|acknowledge|acknowledged|defend|defended|justify|justified|critici[sz]ed|"
                  r"denounce|denounced|condemn|condemned|praise|praised|blame|blamed|accuse|accused|write|wrote|"
                  r"predict|predicted|promise|promised|insist|insisted|stress|stressed|"
                  r"dit|déclaré|affirmé|estimé|jugé|dénoncé|expliqué|raconté|confié|assuré|qualifi\w*|"
                  r"compar\w*|pense|promis|répondu|accueilli|réagi|commenté|annoncé|averti|justifié|défendu|"
                  r"critiqué|accusé|reproch\w*|souligné|insisté|soutenu|admis|reconnu|condamné|salué|écrit|"
                  r"plaidé|prédit|lancé|martelé|regretté|déploré|prévenu|rétorqué|répliqué)\b", re.I)
_PRONOUNS = re.compile(
    r"\b(il|elle|ils|elles|lui|eux|celui-ci|celle-ci|he|she|they|him|her|them|his|its|their)\b", re.I)
_OTHER = re.compile(r"\b(the other( one)?|l'autre|the second|else|encore|d'autre|aussi|also)\b", re.I)


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(ch for ch in word if not unicodedata.combining(ch))


def key(word: str) -> str:
    """A crude cross-form key: folded, elided article cut, plural cut, first 6 letters."""
    word = fold(word)
    word = re.sub(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'", "", word)
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def surface_terms(text: str) -> dict[str, str]:
    """Content-word key -> one surface form (lowercase), for the words of `text`."""
    out: dict[str, str] = {}
    for raw in _WORD.findall(text):
        for part in re.split(r"[-'’]", raw):
            if len(fold(part)) >= 2 and part.lower() not in STOP:
                out.setdefault(key(part), part.lower())
    return out


def question_lang(question: str) -> str:
    """"fr" or "en" (the languages the notices exist in), from a question's words."""
    words = {w.lower() for w in _WORD.findall(question)}
    fr = len(words & {"qu", "quel", "quelle", "quels", "quelles", "qui", "où", "comment", "combien", "pourquoi",
                      "quand", "est-ce", "le", "la", "les", "des", "du", "de", "il", "elle", "a-t-il", "a-t-elle",
                      "et", "ensuite", "dit", "qu'a-t-il", "qu'a-t-elle", "que", "l'autre", "dans", "selon"})
    fr += sum(1 for w in words if w.startswith(("qu'", "d'", "l'")) or "-t-" in w)
    en = len(words & {"what", "who", "where", "when", "how", "which", "why", "did", "does", "do", "the", "is", "are",
                      "was", "about", "of", "and", "said", "say", "then", "he", "she", "they", "other", "else"})
    if fr != en:
        return "fr" if fr > en else "en"
    from retrieval.lang import detect_lang

    return "fr" if detect_lang(question) == "fr" else "en"


_ELIDED = re.compile(r"^(?:[LlDdCcJjNnSsMmTt]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]")


def names_in(text: str) -> list[str]:
    """Capitalised names in a text (function words and question words dropped)."""
    out = []
    for match in _NAME.finditer(text):
        words = [re.sub(r"['’]s$", "", w) for w in match.group(0).split()]
        if words and _ELIDED.match(words[0]):  # "Qu'a dit...", "L'Élysée": the elided word is no name
            rest = _ELIDED.sub("", words[0])
            words = ([rest] if rest[:1].isupper() else []) + words[1:]
        words = [w for w in words if fold(w).strip("'’") not in _NOT_NAMES]
        while words and fold(words[0]) in STOP:
            words.pop(0)
        if words and not (len(words) == 1 and len(words[0]) < 2):
            out.append(" ".join(words))
    return out


# The noun a wh-phrase asks for names the kind of answer: "quelle VILLE" a place, "which JUDGE" a person,
# "quel est le BUDGET" an amount, "quelle PROFONDEUR" a measure (a number with its unit), "quel est le
# TITRE" a name. Read when the patterns above say nothing.
_HEAD_KINDS = {
    kind: frozenset(words.split()) for kind, words in {
        "place": """ville villes city cities town towns village villages pays country countries état états state
            states région régions region regions quartier quartiers district commune communes aéroport aéroports
            airport airports gare gares port ports île îles island islands capitale capital province provinces
            département départements continent lieu lieux endroit stade stadium""",
        "person": """juge judge joueur joueuse player actrice actress acteur actor artiste artist chanteur
            chanteuse singer auteur autrice author écrivain writer réalisateur réalisatrice director député
            députée sénateur sénatrice senator lawmaker maire mayor médecin doctor entraîneur coach candidat
            candidate dirigeant dirigeante leader commandant commander général general chef militant militante
            activist analyste analyst économiste economist porte-parole ingénieur engineer victime victim
            suspect juriste élue officier officer policier agent patron boss pdg ceo fondateur founder
            identité identity figure figures personnalité personnalités""",
        "org": """agence agences agency entreprise entreprises company companies société sociétés firm firme
            université universités university école écoles school juridiction juridictions tribunal court
            journal newspaper quotidien parti party banque bank chaîne channel club équipe team marque brand
            association ong organisation organization institution institut institute laboratoire hôpital
            hôpitaux hospital clinique clinic""",
        "name": "nom name titre title surnom nickname",
        "measure": """taille size vitesse speed profondeur depth longueur length hauteur height distance durée
            duration poids weight superficie surface area température temperature capacité capacity altitude
            peine sentence""",
        "amount": "budget coût cost prix price salaire salary montant amount somme sum amende fine",
        "date": "date année year jour day mois month",
        "number": "score scores",
    }.items()
}


_DEMONYM = re.compile(r"^[A-ZÀ-Þ]\w+(?:ais|aise|ain|aine|ien|ienne|ois|oise|an|ans|ese)$")  # "Français", "American"
_NAME_OF = re.compile(r"\b(?:nom|name|identité|identity)\s+(?:de la |du |de l'|de l’|des |of the |of )"
                      r"((?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*)", re.I)


# A framing that opens the question ("Selon l'ingénieur X, à quelle profondeur …", "According to the
# report, how far …"): the kind is asked after it.
_FRAMED = re.compile(r"^\W*(?:selon|d['’]après|according to)\b[^,?]{1,80},\s*", re.I)


def expected_type(question: str) -> str | None:
    question = _FRAMED.sub("", question)
    for name, pattern in _EXPECT:
        if pattern.search(question):
            return name
    named = _NAME_OF.search(question)  # "le nom du SUSPECT", "the name of the COMMANDER": a person
    if named and any(w.lower() in _HEAD_KINDS["person"] or _is_role(w) or _DEMONYM.search(w)
                     for w in named.group(1).split()):
        return "person"
    if named:  # "le nom de l'ENTREPRISE", "the name of the TOWN": what is named
        for kind in ("org", "place"):
            if any(w.lower() in _HEAD_KINDS[kind] for w in named.group(1).split()):
                return kind
    match, english = _HEAD.match(question), _EN_HEAD.match(question)
    heads_asked = (english.group(1).split()[-1:] if english else []) + list(match.groups() if match else ())
    for word in heads_asked:
        for kind, heads in _HEAD_KINDS.items():
            if word and word.lower() in heads:
                return kind
        if word and _is_role(word):
            return "person"
    return None


def _is_role(word: str) -> bool:
    """A noun for a person by their role ("la Défenseure des droits", "the lawmaker"): the extractor's lexicon."""
    return fold(word) in PERSON_ROLES


@dataclass(frozen=True)
class Question:
    text: str  # as asked
    query: str  # what is searched: the question, plus the conversation's names for a follow-up
    lang: str
    kind: str | None  # amount, number, person, place, date, or None
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    terms: dict  # content-word key -> surface form, of the query
    who_said: bool  # "who said ...": the answer is a speaker
    says: bool  # the question asks what someone said
    follow_up: bool
    focus: tuple[str, ...] = ()  # surface forms of the head words of the wh-phrase ("votes" in "how many votes")


_HEAD = re.compile(
    r"^\W*(?:(?:à|a|de|dans|en|sur|pour|par|depuis|pendant|devant|chez|avec|vers|since|in|on|at|by|for|of|from|"
    r"within|during|after|before|until|with|to|into)\s+)?(?:how many|how much|combien(?: de| d'|d’)?|"
    r"quel(?:le)?s?(?: est| sont| était| étaient)?(?: le| la| les| l'| l’)?|what(?: is| was| are| were)?(?: the)?|which)"
    r"\s*([^\W\d_][\w'’-]*)(?:\s+(?:de |d'|d’|of )?([^\W\d_][\w'’-]*))?", re.I)
_EN_HEAD = re.compile(r"^\W*(?:(?:in|on|at|by|for|of|from|within|during|after|before|since|with|to)\s+)?"
                      r"(?:how many|what|which)\s+((?:[^\W\d_][\w'’-]*\s+){0,4}?)"
                      r"(?:did|do|does|were|was|are|is|have|has|had|will|would|can|could|should|must)\b", re.I)
_NOT_HEAD = frozenset("did does do is was are were had has have a an the le la les de du des un une per par by in "
                       "en à of".split())
# Words that name the kind of answer, not what it is about: the focus is the word after them.
_TYPE_WORDS = frozenset("""date jour année an mois heure montant nombre part proportion distance délai score âge
    pourcentage taux prix somme percentage number share amount proportion year day time age rate price sum""".split())


def focus_words(question: str) -> tuple[str, ...]:
    """The head of the wh-phrase: "votes" in "How many votes...", "montant" in "Quel montant de...";
    empty when the question opens otherwise (who, when, why...)."""
    english = _EN_HEAD.match(question)
    if english:  # English puts the head last: "how many secret Chinese police STATIONS did..."
        words = [w for w in english.group(1).split() if w.lower() not in _NOT_HEAD]
        if words and not words[-1][0].isupper():
            return () if words[-1].lower() in _TYPE_WORDS else (words[-1].lower(),)
    match = _HEAD.match(question)
    if not match:
        return ()
    out = []
    for word in match.groups():
        if word and word.lower() not in _NOT_HEAD and word.lower() not in STOP and not word[0].isupper() \
                and "-t-" not in word:
            out.append(word.lower())
    if out and out[0] in _TYPE_WORDS:
        out = out[1:]
    return tuple(out[:1])


def parse(question: str, history: list[tuple[str, str]] | None = None) -> Question:
    query, follow_up = rewrite_query(question, history)
    text = question.strip()
    return Question(
        text=text, query=query, lang=question_lang(text), kind=expected_type(text),
        names=tuple(dict.fromkeys(names_in(query))), numbers=tuple(_NUMBER.findall(text)),
        terms=surface_terms(query), who_said=bool(_WHO_SAID.match(text) and _SAY.search(text)),
        says=bool(_SAY.search(text)), follow_up=follow_up, focus=focus_words(text),
    )


def rewrite_query(question: str, history: list[tuple[str, str]] | None) -> tuple[str, bool]:
    """A follow-up ("and what else did he say?", "et l'autre ?") borrows the conversation's names and
    topic: the previous question's names (and the speakers its answer named), else its content words."""
    if not history:
        return question, False
    own = [t for t in surface_terms(question).values() if not _PRONOUNS.fullmatch(t)]
    if names_in(question) and not _PRONOUNS.search(question) and not _OTHER.search(question):
        return question, False
    if len(own) > 3 and not _PRONOUNS.search(question) and not _OTHER.search(question):
        return question, False
    previous_q, previous_a = history[-1]
    names = names_in(previous_q)
    if _OTHER.search(question) and not _PRONOUNS.search(question):
        # "and the other one?": the previous question again, about the other person or thing
        return f"{question} {previous_q}".strip(), True
    if not names:
        names = [n for n in names_in(previous_a.split(":")[0]) if len(n.split()) >= 2][:1]
    extra = " ".join(names) if names else " ".join(surface_terms(previous_q).values())
    return f"{question} {extra}".strip(), True
