"""Word lists the extractor reasons with: reporting cues, work titles, company nouns, pronouns.

Pure data plus tiny predicates on lower-cased strings; nothing here loads a model.
"""

from __future__ import annotations

import unicodedata

from retrieval.quotes.roles import DESCRIPTIVE_NOUNS, ROLE_NOUNS

# French reporting verbs, matched by stem on the lower-cased form (covers every tense and the
# participles used as cues: "estimant", "balayant", "a-t-il réagi").
FR_CUE_STEMS = (
    "déclar", "affirm", "estim", "ajout", "expliqu", "soulign", "précis", "gliss", "lanc", "lanç",
    "confi", "assur", "indiqu", "qualifi", "répond", "répondu", "réag", "jug", "poursui", "balay",
    "martel", "martèl", "insist", "racont", "comment", "confess", "reconn", "admet", "admis", "avou",
    "observ", "noté", "notai", "notant", "annonc", "prévien", "prévenu", "tranch", "lâch", "résum", "ironis", "regrett",
    "dénonc", "avert", "clam", "argu", "interrog", "demand", "écri", "écriv", "tweet", "exclam",
    "concéd", "concèd", "promet", "promis", "plaid", "conclu", "renchér", "détaill", "énumér",
    "rétorqu", "répliqu", "s'interrog", "murmur", "soupir", "rappel", "rappell", "cit",
    "prédi", "témoign", "rassur", "fustig", "critiqu", "salu", "s'emport", "s'indign",
    "répét", "répèt", "félicit", "réjoui", "considér", "consid", "soufl", "souffl", "conclu",
    "ajout", "s'exclam", "écrit", "postu", "déplor", "protest", "s'insurg", "s'alarm",
    "s'inquièt", "s'inquiét", "alert", "plaisant", "sourit", "sourir",
    "nuanc", "tempér", "relativis", "reconnai", "reconnaî", "explicit", "défend", "défendu",
    "s'agac", "tonn", "peste", "raill", "ironis", "persist", "signal", "relev", "relèv", "enchaîn",
    "enchain", "complét", "résum", "certifi", "garanti", "jure", "juré", "jurant", "s'engag", "s'interrog",
    "se demand", "interpell", "accus", "pointé", "épingl",
)
FR_CUE_WORDS = frozenset({
    "dit", "dis", "dire", "disait", "disaient", "disent", "dira", "dirait", "disant", "dise",
    "dites", "disons", "selon", "note", "notent",
})
# Lower-cased forms that start like a cue but are not one.
FR_NOT_CUES = frozenset({"notamment", "jugement", "commentaire", "commentaires", "assurance", "confiance",
                         "lancement", "publicité", "publique", "public", "publics", "publiques", "signalé",
                         "mettre", "jury", "jurés", "juré", "relevé", "avance", "avancée", "avancé", "accusé",
                         "accusée", "certificat", "garantie", "garanties", "alerte", "défense", "signal",
                         "signaux", "considérable", "considérables", "demande", "demandes", "citoyen",
                         "citoyens", "cité", "cités", "cite", "salut", "salue", "écrits"})

EN_CUE_WORDS = frozenset(
    f
    for base in (
        "say says said saying", "tell tells told telling", "add adds added adding",
        "explain explains explained explaining", "note notes noted noting",
        "acknowledge acknowledges acknowledged acknowledging", "quip quips quipped quipping",
        "insist insists insisted insisting", "claim claims claimed claiming",
        "state states stated stating", "declare declares declared declaring",
        "remark remarks remarked remarking", "reply replies replied replying",
        "respond responds responded responding", "answer answers answered answering",
        "ask asks asked asking", "write writes wrote writing written",
        "recall recalls recalled recalling", "joke jokes joked joking",
        "admit admits admitted admitting", "continue continues continued continuing",
        "argue argues argued arguing", "warn warns warned warning", "tweet tweets tweeted tweeting",
        "conclude concludes concluded concluding", "concede concedes conceded conceding",
        "exclaim exclaims exclaimed exclaiming", "shout shouts shouted shouting",
        "whisper whispers whispered whispering", "mutter mutters muttered muttering",
        "complain complains complained complaining", "boast boasts boasted boasting",
        "vow vows vowed vowing", "promise promises promised promising",
        "stress stresses stressed stressing", "emphasize emphasizes emphasized emphasizing",
        "emphasise emphasises emphasised emphasising", "confirm confirms confirmed confirming",
        "announce announces announced announcing", "predict predicts predicted predicting",
        "observe observes observed observing", "call calls called calling",
        "describe describes described describing", "recount recounts recounted recounting",
        "suggest suggests suggested suggesting", "agree agrees agreed agreeing",
        "cry cries cried", "yell yells yelled", "sigh sighs sighed", "laugh laughs laughed",
        "testify testifies testified", "assert asserts asserted", "maintain maintains maintained",
        "reiterate reiterates reiterated", "deny denies denied", "counter counters countered",
        "retort retorts retorted", "snap snaps snapped", "quote quotes quoted",
        "urge urges urged", "chime chimed", "concur concurred", "pointed",
        "repeat repeats repeated repeating", "post posts posted posting", "reply replies replied",
        "wonder wonders wondered wondering", "pledge pledges pledged pledging",
        "caution cautions cautioned cautioning", "insist insists insisted", "contend contends contended",
        "explain explains explained", "affirm affirms affirmed", "allege alleges alleged",
        "elaborate elaborates elaborated", "summarize summarized summarise summarised",
        "lament laments lamented", "scoff scoffs scoffed", "grumble grumbles grumbled",
        "reflect reflects reflected", "marvel marvels marveled marvelled", "beam beamed",
        "shrug shrugged", "smile smiled", "chuckle chuckled", "tease teases teased",
        "predict predicts predicted", "demand demands demanded", "plead pleads pleaded",
        "reassure reassures reassured", "recall recalls recalled", "vent vented", "fume fumed",
        "criticize criticized criticise criticised", "blast blasted", "slam slammed",
        "hail hailed", "welcome welcomed", "praise praised", "reveal revealed reveals",
        "mention mentioned mentions", "indicate indicated indicates",
    )
    for f in base.split()
)
EN_WEAK_CUES = frozenset({"called", "call", "calls", "calling", "describe", "described",
                          "describes", "agree", "agreed", "continue", "continued", "pointed",
                          "maintain", "maintained", "quote", "quoted", "counter", "countered",
                          "post", "posted", "smile", "smiled", "beam", "beamed", "shrug", "shrugged",
                          "welcome", "welcomed", "hail", "hailed", "praise", "praised", "reveal", "revealed",
                          "mention", "mentioned", "indicate", "indicated", "reflect", "reflected",
                          "demand", "demanded", "vent", "vented"})

# Words after which a quoted span is the title of a work, not somebody's words.
WORK_WORDS = frozenset("""
film films movie movies drama dramas thriller thrillers comedy comedies series show shows sitcom
documentary documentaries book books novel novels memoir album albums song songs single play
musical opera painting poem magazine newspaper tabloid daily column podcast episode biopic
blockbuster franchise sequel remake adaptation satire game titled entitled dubbed named
série séries feuilleton téléfilm livre livres roman romans essai émission émissions documentaire
chanson chansons pièce spectacle tableau poème journal quotidien hebdomadaire mensuel revue
titre intitulé intitulée baptisé baptisée nommé nommée album albums jeu opéra comédie
slogan slogans motto hashtag nickname surnom surnommé surnommée devise mot-dièse
signifie signifient signifiait signifiant
""".split())

# Nouns that describe an organisation speaking ("la société", "the company").
COMPANY_NOUNS = frozenset("""
société entreprise groupe firme compagnie géant constructeur fabricant start-up startup
multinationale laboratoire banque opérateur éditeur assureur distributeur enseigne
company firm group giant maker manufacturer carrier retailer bank automaker chipmaker
corporation conglomerate operator publisher insurer brand airline utility lender regulator
""".split())

# Nouns that describe a publication ("le quotidien du soir", "the newspaper"): an organisation that
# speaks through what it prints, so counted among COMPANY_NOUNS too.
MEDIA_NOUNS = frozenset("""
quotidien journal hebdomadaire mensuel magazine
newspaper daily tabloid weekly outlet broadcaster
""".split())
COMPANY_NOUNS = COMPANY_NOUNS | MEDIA_NOUNS

# Nouns for a body that speaks as one: "the team", "la direction", "the agency" -> the organisation
# the text was last about, never a person.
GROUP_NOUNS = frozenset("""
équipe club direction ministère agence syndicat fédération association gouvernement institution
parquet tribunal mairie préfecture commission conseil cabinet parti organisation ong autorité
confédération centrale coalition alliance collectif fondation institut comité observatoire cour
justice
team club management agency ministry department union federation association government board
office council committee commission party organisation organization authority regulator court
administration campaign confederation coalition alliance foundation institute charity
""".split())

# Nouns for people who speak on behalf of an organisation: "a spokesman for X", "analysts at X".
SPOKES_NOUNS = frozenset("""
porte-parole représentant représentante représentants responsable responsables analystes
spokesman spokeswoman spokesperson representative representatives analysts official officials
source sources
""".split())

# Nouns that point at a written source whose words an organisation is responsible for.
DOCUMENT_NOUNS = frozenset("""
communiqué communiqués recommandation recommandations rapport rapports lettre lettres texte
décret arrêté déclaration avis note courrier message messages tweet tweets publication
statement statements report reports letter letters recommendation recommendations guidance
memo notice filing release post posts ruling order
""".split())

FR_PRONOUNS = {"il": "m", "elle": "f", "-il": "m", "-elle": "f", "lui": "m", "celui-ci": "m",
               "celle-ci": "f", "ce dernier": "m", "cette dernière": "f"}
EN_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
PLURAL_PRONOUNS = frozenset({"ils", "elles", "-ils", "-elles", "they", "them", "nous", "we", "on"})

TITLES = {
    "m.": "m", "mr": "m", "mr.": "m", "monsieur": "m", "sir": "m",
    "mme": "f", "mme.": "f", "madame": "f", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
    "mlle": "f", "miss": "f", "dr": None, "dr.": None, "pr": None, "me": None, "maître": None,
    "prof": None, "prof.": None, "pr.": None, "gov.": None, "sen.": None, "rep.": None, "gen.": None,
    "rev.": None, "lord": "m", "lady": "f", "dame": "f", "mgr": "m",
}
# Nouns for a person's role (`roles.py`): a name they describe is a person's, whatever the recogniser said.
PERSON_ROLES = ROLE_NOUNS
PERSON_NOUNS = DESCRIPTIVE_NOUNS
MASCULINE_NOUNS = frozenset("""
husband father son brother boy man men king prince grandfather uncle widower boyfriend
mari père fils frère grand-père oncle veuf
""".split())
FEMININE_NOUNS = frozenset("""
actress woman women mother wife daughter sister girl queen princess chairwoman businesswoman
femme épouse mère fille sœur grand-mère tante veuve
spokeswoman congresswoman sportswoman lady grandmother aunt widow girlfriend
""".split())

FUNCTION_WORDS = frozenset("""
a an the of in on at to for and or but with from by as is it its de du des la le les l d un une
et ou en au aux sur dans pour par avec y à of's vs
""".split())


def _folded(words: frozenset) -> frozenset:
    return frozenset(fold(w) for w in words)


def fold(s: str) -> str:
    """Lower-case and strip accents, for comparisons that must ignore typography."""
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


def is_fr_cue_form(lower: str) -> bool:
    """A French word form that can be a reporting cue (the caller checks it is a verb)."""
    lower = lower.replace("’", "'")
    if lower in FR_CUE_WORDS:
        return True
    if lower.startswith("-") or lower in FR_NOT_CUES:
        return False
    return lower.startswith(FR_CUE_STEMS)


def is_en_cue_form(lower: str) -> bool:
    return lower.replace("’", "'") in EN_CUE_WORDS


WORK_WORDS = _folded(WORK_WORDS)
COMPANY_NOUNS = _folded(COMPANY_NOUNS)
MEDIA_NOUNS = _folded(MEDIA_NOUNS)
DOCUMENT_NOUNS = _folded(DOCUMENT_NOUNS)
FUNCTION_WORDS = _folded(FUNCTION_WORDS)
PERSON_ROLES = _folded(PERSON_ROLES)
PERSON_NOUNS = _folded(PERSON_NOUNS)
GROUP_NOUNS = _folded(GROUP_NOUNS)
SPOKES_NOUNS = _folded(SPOKES_NOUNS)
