"""Reporting verbs (lemmas), framing words, titles and pronouns, in French and English.

Pure data. The attribution model reads these as features ("the candidate's verb is a speech verb"),
never as rules: a verb missing here still counts through the dependency tree, only with less weight.
Verbs are spaCy lemmas, so every tense and person is covered ("a-t-elle tranché", "quipped").
"""

from __future__ import annotations

from functools import lru_cache

from retrieval.names import HONORIFICS

_FR = """
accuser acquiescer admettre affirmer ajouter alerter alléguer annoncer anticiper appeler applaudir
apprécier argumenter arguer articuler assener asséner assurer attester avancer avertir aviser avouer
balayer baragouiner bougonner bredouiller cafouiller certifier chuchoter citer clamer commenter
communiquer compléter concéder conclure condamner confesser confier confirmer conseiller considérer
constater conter contester convenir corriger critiquer crier décider déclarer décréter décrire
défendre déplorer dénoncer détailler deviner dire discuter disserter écrire égrener éluder embrayer
enchaîner encourager énoncer énumérer épingler espérer estimer évoquer exhorter expliquer exposer
exprimer exiger fulminer fustiger garantir glisser grogner gronder hurler imaginer implorer indiquer
informer insister insinuer interpeller interroger interrompre ironiser jubiler juger jurer justifier
lâcher lancer marteler maintenir mentionner menacer minimiser murmurer narrer noter notifier objecter
observer opiner opposer pester plaider plaisanter poursuivre préciser prédire prévenir proclamer
professer promettre pronostiquer proposer protester publier questionner raconter railler rappeler
rapporter raisonner rassurer réagir recommander reconnaître rectifier redire réfuter regretter réitérer
relativiser relever remarquer remercier renchérir répéter répliquer répondre reprendre reprocher
résumer rétorquer revendiquer ricaner rigoler rire saluer signaler soulever souffler
souhaiter souligner soupirer sourire soutenir suggérer supplier supposer tacler témoigner tempérer
tempêter tonner trancher tweeter twitter persifler vanter vociférer avertir alarmer emporter
indigner inquiéter insurger agacer exclamer étonner féliciter réjouir interroger demander engager
excuser défendre targuer vanter lamenter plaindre offusquer émouvoir enthousiasmer amuser moquer
gausser réclamer prôner préconiser dénier nier démentir contredire s'avancer nuancer confesser
évaluer analyser conclure résumer détailler décrypter développer illustrer compléter poser
qualifier traiter taxer surnommer baptiser désigner appeler promettre prédire parier envisager
annoncer prévoir déclarer révéler dévoiler divulguer relater déduire penser croire parler souvenir
remémorer continuer surenchérir abonder approuver désoler écrier inviter expliciter invoquer rejeter
récuser dépeindre craindre redouter imputer
riposter contre-attaquer esclaffer balbutier bafouiller marmonner grommeler maugréer ronchonner
enquérir terminer achever synthétiser modérer recadrer râler étrangler exaspérer énerver impatienter
attrister extasier émerveiller exulter fanfaronner étriller égratigner vilipender cingler
attaquer enjoindre sommer esquiver rebondir appuyer enfoncer persister pointer temporiser
positiver philosopher prolonger présumer tancer sermonner admonester réprimander morigéner grincer
"""

_EN = """
accuse acknowledge add address admit advise affirm agree allege announce answer apologize argue ask
assert assure aver bark beg believe blame blast blurt boast brag call caution charge chide chime
claim clarify comment complain concede conclude confess confide confirm contend continue counter
crow cry decide declare decry defend demand deny describe detail dismiss disclose dispute echo
emphasize emphasise encourage estimate exclaim explain express fume gripe groan grumble gush hail
highlight hint hiss hold imply indicate inform inquire insist instruct interject interrupt joke
lament laugh lecture maintain mention moan mumble murmur muse mutter narrate note object observe
offer opine order plead point pledge posit post praise predict proclaim promise pronounce propose
protest quip quote rage rail rant reaffirm realize reason reassure rebut recall recount refute
reiterate reject relate remark remember remind repeat reply report respond retort reveal roar say
scoff scold scream shoot shout shriek sigh signal slam snap snarl sneer speak speculate spell state
stress suggest summarize swear taunt tease tell testify thank theorize threaten thunder tout tweet
twitter urge utter vent venture volunteer vow wail warn whisper wonder write yell concur reckon
think feel acknowledge marvel predict brand dub label term deride lambast laud welcome condemn
criticize criticise question challenge denounce insist pronounce characterize characterise
press prod probe persist query needle grill mock ridicule jeer heckle snipe jab quibble
surmise guess reminisce preach intone declaim bellow holler chant rave gloat sob stammer stutter drawl
rasp growl sputter gasp riposte elaborate expound demur attest vouch certify divulge blog email
pen grouse carp whine bemoan bewail deplore regret forecast implore beseech entreat hypothesize
hypothesise reassert recollect relay rejoin sniff huff admonish reprimand rebuke castigate
excoriate berate assail applaud commend congratulate dissent editorialize editorialise
"""

SPEECH_VERBS: dict[str, frozenset[str]] = {
    "fr": frozenset(_FR.split()),
    "en": frozenset(_EN.split()),
}

# Nouns that report speech: "selon un communiqué", "in a statement", "dans une interview".
SPEECH_NOUNS = frozenset("""
communiqué déclaration entretien interview tweet message courrier lettre discours conférence
allocution propos réaction réponse post publication note rapport statement interview tweet letter
speech remarks comments comment email e-mail memo release post message testimony briefing
""".split())

# Framings whose object is the speaker: "selon X", "pour X, « … »", "according to X".
FRAMING_FR = frozenset({"selon", "pour", "d'après", "après"})
FRAMING_EN = frozenset({"according", "per"})

TITLES = HONORIFICS  # (kept in `retrieval.names`, which drops them from names compared)
TITLE_GENDER = {"m.": "m", "m": "m", "mr": "m", "mr.": "m", "monsieur": "m", "sir": "m", "lord": "m",
                "mme": "f", "mme.": "f", "mlle": "f", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
                "madame": "f", "dame": "f", "lady": "f", "monseigneur": "m", "mgr": "m", "rabbin": "m"}

PRONOUN_GENDER = {"il": "m", "lui": "m", "he": "m", "him": "m", "elle": "f", "she": "f", "her": "f"}
# "rapporte ce dernier", "celle-ci a ajouté", "the latter said": the person mentioned last, whatever
# their role in the sentence (a subject is not preferred, as it is for "il" / "he")
LATEST_ANAPHORS = {"ce dernier": "m", "cette dernière": "f", "celui-ci": "m", "celle-ci": "f",
                   "the latter": None}
SINGULAR_PRONOUNS = frozenset({"il", "elle", "lui", "he", "she", "celui-ci", "celle-ci", "ce dernier",
                               "cette dernière"})
PLURAL_PRONOUNS = frozenset({"ils", "elles", "eux", "they", "we", "nous", "on"})
PRONOUNS = SINGULAR_PRONOUNS | PLURAL_PRONOUNS | {"i", "je", "j'", "you", "vous", "it"}


def pronoun_form(word: str) -> str:
    """ "-t-elle", "-elle", "-il" (inverted subjects) -> "elle", "il"."""
    w = word.lower().lstrip("-")
    return w[2:] if w.startswith("t-") else w


# A light verb and its complement that together report speech (« fait valoir », « met en garde »,
# "made clear"), either word the head: the parser hangs "fait" off "valoir" as often as the reverse.
_LOCUTIONS = {
    "fr": frozenset({("faire", "valoir"), ("faire", "savoir"), ("faire", "part"), ("faire", "état"),
                     ("mettre", "garde"), ("mettre", "exergue"), ("mettre", "avant"), ("tirer", "sonnette")}),
    "en": frozenset({("make", "clear"), ("point", "out")}),
}


def is_speech_locution(tok, lang: str) -> bool:
    pairs = _LOCUTIONS["fr" if lang == "fr" else "en"]
    head = tok.lemma_.lower()
    return any((head, c.lemma_.lower()) in pairs or (c.lemma_.lower(), head) in pairs for c in tok.children)


def is_speech_predicate(tok, lang: str) -> bool:
    """A token that reports speech as a predicate: a speech verb by its lemma, or a light verb with
    its complement (« fait valoir »)."""
    if is_speech_verb(tok.lemma_, lang) or is_speech_locution(tok, lang):
        return True
    # the lemmatizer gave up ("indique" for "indique"): a verb known by one of its inflected forms
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() == tok.lower_ and tok.lower_ in speech_forms(lang)


_AUXILIARIES = ("aux", "aux:tense", "aux:pass")


def verb_group_start(v, light: bool = False):
    """The verb group's first word: its auxiliary before it (« a déclaré », "has said"); with `light`,
    any auxiliary-like word before it too (« fait valoir », whatever the parser hung on which)."""
    before = [c for c in v.children if c.i < v.i and (
        c.dep_ in _AUXILIARIES or light and (c.dep_.startswith("aux") or c.pos_ == "AUX"))]
    return min([v] + before, key=lambda t: t.i)


def is_speech_verb(lemma: str, lang: str) -> bool:
    lemma = lemma.lower()
    if lemma.startswith(("se ", "s'")):
        lemma = lemma.split(" ", 1)[-1].removeprefix("s'")
    return lemma in SPEECH_VERBS["fr" if lang == "fr" else "en"]


def is_speech_token(tok, lang: str) -> bool:
    """A speech verb whatever the tagger made of it: the small models tag inverted cues
    ("…", note Antoine Flahault) as nouns; a French first-group form is tried as its infinitive."""
    if tok.pos_ in ("VERB", "AUX") and is_speech_predicate(tok, lang):
        return True
    if tok.pos_ in ("NOUN", "ADJ", "PROPN", "ADV", "X"):
        w = tok.lower_
        if lang == "fr":
            if w.endswith("é") and any(c.pos_ == "AUX" for c in tok.children):
                return is_speech_verb(w[:-1] + "er", lang)  # "a cité" tagged as the noun "cité"
            return w.endswith("e") and (is_speech_verb(w + "r", lang) or w in speech_forms(lang)) \
                or is_speech_verb(tok.lemma_, lang) and w.endswith("e")
        return is_speech_verb(tok.lemma_, lang) and w.endswith(("s", "ed"))
    return False


_EN_IRREGULAR = {"say": "said says", "tell": "told tells", "write": "wrote writes written", "speak": "spoke speaks",
                 "think": "thought thinks", "feel": "felt feels", "hold": "held holds", "swear": "swore swears",
                 "shoot": "shot shoots", "offer": "offered offers", "quip": "quipped quips", "snap": "snapped snaps",
                 "admit": "admitted admits", "rebut": "rebutted rebuts", "cry": "cried cries", "reply": "replied replies"}
_FR_IRREGULAR = {"dire": "dit disait déclare", "écrire": "écrit écrivait", "répondre": "répond répondait",
                 "conclure": "conclut", "admettre": "admet", "reconnaître": "reconnaît reconnait",
                 "poursuivre": "poursuit", "prévenir": "prévient", "soutenir": "soutient", "maintenir": "maintient",
                 "promettre": "promet", "reprendre": "reprend", "sourire": "sourit", "rire": "rit",
                 "décrire": "décrit", "convenir": "convient", "interrompre": "interrompt", "redire": "redit",
                 "prédire": "prédit", "contredire": "contredit", "défendre": "défend",
                 "émouvoir": "s'émeut", "plaindre": "plaint", "craindre": "craint craignent"}


def _forms(lemma: str, lang: str) -> set[str]:
    """Inflected forms a verb takes as a cue ("estime", "a estimé", "said", "adds")."""
    out = {lemma}
    if lang == "fr":
        out |= set(_FR_IRREGULAR.get(lemma, "").split())
        if lemma.endswith("er"):
            stem = lemma[:-2]
            out |= {stem + "e", stem + "é", stem + "ait", stem + "ant", stem + "a", stem + "ent"}
            if len(stem) > 2 and stem[-2] == "e" and stem[-1] not in "aeiouy":
                out.add(stem[:-2] + "è" + stem[-1] + "e")  # "relève", "achève", "soulève"
            if stem.endswith("g"):
                out |= {stem + "eait", stem + "eant"}
            if stem.endswith("c"):
                out |= {stem[:-1] + "çait", stem[:-1] + "çant"}
            if stem.endswith(("el", "et")):
                out.add(stem + stem[-1] + "e")  # "appelle", "grommelle", "jette"
        elif lemma.endswith("ir"):
            stem = lemma[:-2]
            out |= {stem + "it", stem + "i", stem + "issait", stem + "issent"}
        elif lemma.endswith("re"):
            stem = lemma[:-2]
            out |= {stem, stem + "u", stem + "ait", stem + "it", stem + "ent"}
        # accent alternations of the present: "répète", "achève", "lève"
        out |= {"è".join(f.rsplit("é", 1)) for f in list(out) if f.endswith("e") and "é" in f}
    else:
        out |= set(_EN_IRREGULAR.get(lemma, "").split())
        if lemma.endswith("e"):
            out |= {lemma + "s", lemma + "d"}
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        else:
            out |= {lemma + "s", lemma + "ed", lemma + "es"}
    return out


@lru_cache(maxsize=2)
def speech_forms(lang: str) -> frozenset[str]:
    """Every word form of the speech-verb lexicon, for string-level code that cannot parse."""
    return frozenset(f for lemma in SPEECH_VERBS["fr" if lang == "fr" else "en"] for f in _forms(lemma, lang))
