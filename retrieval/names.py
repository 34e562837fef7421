"""Speaker alias matching: is "M. Huang" the same speaker as "Jensen Huang"?

A name is reduced to its significant words: case, accents, punctuation, titles (M., Mme, Dr.,
coach, président...), articles (le, la, the) and organisation descriptors (la société, the company,
Inc.) removed. Two names match when the words of the shorter are all in the longer one and they
end with the same word (the surname, or an organisation's head word): "Huang" == "Jensen Huang",
"Nvidia" == "la société Nvidia", but "Jensen" != "Jensen Huang" (a first name alone is not enough).
A role description names a person, not the organisation: "le PDG de Nvidia" != "Nvidia".
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.normalize import fold, strip_accents

__all__ = ["HONORIFICS", "same_speaker", "speaker_key", "name_words", "name_blocks", "acronym_of"]

# Honorifics written before a name ("Adv Tšosane", "Maj-Gen Gopaul Govender", « Me Dupond », « le colonel
# Doumbouya »), folded as `fold` gives them, with and without their dot. A word that also opens names of
# things or is a common surname ("General Motors", « général » folded alike, "Justice Department", John
# Major, « l'abbé Pierre » known by that name) is not one.
HONORIFICS = frozenset("""
m. m mme mme. mlle me me. dr dr. pr pr. mgr sr. jr. mr mr. mrs mrs. ms ms. mx mx. sen. sen rep. rep gov.
gov pres. gen. gen col. col lt. lt sgt. sgt capt. capt prof. prof sir dame lord lady madame monsieur
maitre docteur monseigneur adv adv. advocate hon hon. honourable honorable rev rev. reverend pastor bishop
archbishop imam sheikh rabbi maj maj. brig brig. brigadier colonel lieutenant sergeant corporal cpl cpl.
admiral adm adm. cmdr cmdr. insp insp. supt supt. det. constable major-gen maj-gen lt-gen lt-col brig-gen
commandant capitaine sergent adjudant marechal pasteur cheikh rabbin
""".split())
# Words dropped wherever they appear (all compared without accents, lowercase, no dots).
_TITLES = {
    "m", "mm", "mme", "mmes", "mlle", "mr", "mrs", "ms", "miss", "messrs", "dr", "pr", "prof", "me", "mgr", "st",
    "monsieur", "madame", "mademoiselle", "docteur", "professeur", "maitre", "sir", "dame", "lord", "lady",
    "coach", "president", "presidente", "senateur", "senatrice", "senator", "sen", "rep", "gov", "governor",
    "gouverneur", "depute", "deputee", "maire", "mayor", "ministre", "minister", "premier", "prime", "secretary",
    "secretaire", "general", "gen", "col", "capt", "captain", "lt", "sgt", "judge", "juge", "pope", "pape",
    "king", "queen", "roi", "reine", "prince", "princesse", "princess", "rabbi", "father", "soeur",
    "sister", "rev", "reverend", "hon", "honorable", "ambassador", "ambassadeur", "ambassadrice", "chancellor",
    "chanceliere", "chancelier", "vice", "former", "ancien", "ancienne", "ex",
} | {t.strip(".") for t in HONORIFICS if "-" not in t and t not in ("sr.", "jr.")}
_ARTICLES = {"le", "la", "les", "l", "the", "un", "une", "a", "an"}
_ORG_WORDS = {
    "societe", "entreprise", "groupe", "firme", "compagnie", "company", "firm", "group", "geant", "giant",
    "inc", "corp", "corporation", "ltd", "llc", "plc", "sa", "sas", "ag", "gmbh", "co", "cie",
    "constructeur", "fabricant", "maker", "editeur", "operateur",
}
# Words that turn a name into a role ("the CEO of Nvidia" is a person, not Nvidia).
_ROLES = {
    "pdg", "ceo", "patron", "patronne", "dirigeant", "dirigeante", "directeur", "directrice", "director",
    "chief", "executive", "chairman", "chairwoman", "chair", "cofondateur", "fondateur", "fondatrice", "founder",
    "cofounder", "porte", "parole", "spokesperson", "spokesman", "spokeswoman", "cfo", "coo", "cto", "manager",
    "entraineur", "head", "boss", "owner", "proprietaire", "avocat", "avocate", "lawyer", "attorney",
}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "fils"}
_CONNECT = {"de", "du", "des", "d", "of", "at", "chez", "for"}
_SPLIT = re.compile(r"[^\w']+")
# Spellings of the same institution word or country adjective.
_SYNONYMS = {
    "departement": "ministere", "department": "ministry", "ministere": "ministry", "dept": "ministry",
    "americain": "us", "americaine": "us", "american": "us", "usa": "us", "etats": "us", "unis": "",
    "gouvernement": "government", "administration": "government",
}


def _words(name: str) -> list[str]:
    text = strip_accents(fold(name)).replace(".", " ")
    out: list[str] = []
    for w in _SPLIT.split(text):
        w = w.strip("'-")
        if "'" in w:  # "l'entreprise" -> "entreprise"; "o'brien" stays
            head, _, tail = w.partition("'")
            w = tail if head in {"l", "d"} else w.replace("'", "")
        w = _SYNONYMS.get(w, w)
        w = _SYNONYMS.get(w, w)
        if w:
            out.append(w)
    return out


def name_words(name: str | None) -> tuple[list[str], bool]:
    """The significant words of a speaker name, and whether it describes a role
    ("le PDG de Nvidia" -> ([], True); "Jensen Huang, PDG de Nvidia" -> (["jensen", "huang"], True))."""
    if not name:
        return [], False
    ws, is_role = _name_words(name)
    return list(ws), is_role


@lru_cache(maxsize=65536)  # a store has a few thousand distinct speaker names, compared again and again
def _name_words(name: str) -> tuple[tuple[str, ...], bool]:
    ws = _words(name)
    is_role = any(w in _ROLES for w in ws)
    if is_role:
        kept: list[str] = []
        i = 0
        while i < len(ws):
            w = ws[i]
            if w in _ROLES:
                # English "Nvidia CEO": the word before the role is the organisation.
                if kept and i + 1 < len(ws) and ws[i + 1] not in _CONNECT and len(kept) == 1:
                    kept.pop()
                i += 1
                # "PDG de Nvidia": drop the connector and the organisation that follows.
                if i < len(ws) and ws[i] in _CONNECT:
                    i += 1
                    while i < len(ws) and (ws[i] in _ARTICLES or ws[i] in _ORG_WORDS):
                        i += 1
                    i += 1  # the organisation's name
                continue
            kept.append(w)
            i += 1
        ws = kept
    ws = [w for w in ws if w not in _TITLES and w not in _ARTICLES and w not in _ORG_WORDS and w not in _CONNECT]
    return tuple(ws), is_role


def _initial_match(short: str, long: str) -> bool:
    return short == long or (len(short) == 1 and long.startswith(short))


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when the two names plausibly designate the same speaker; False when either is unknown."""
    wa, role_a = name_words(a)
    wb, role_b = name_words(b)
    if not wa or not wb:
        # A bare role ("le PDG de Nvidia") only matches the same role written the same way.
        return bool(a and b and role_a and role_b and _words(a) == _words(b))
    if {w for w in wa if w in _SUFFIXES} != {w for w in wb if w in _SUFFIXES}:
        return False  # "Donald Trump Jr." is not "Donald Trump"
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) > 1 and set(short) <= set(long):
        return True  # also in another order: "Commerce Department" / "US Department of Commerce"
    if short[-1] != long[-1]:
        return False
    # Every other word of the shorter name is in the longer one, in order (initials allowed).
    j = 0
    for w in short[:-1]:
        while j < len(long) - 1 and not _initial_match(w, long[j]):
            j += 1
        if j >= len(long) - 1:
            return False
        j += 1
    return True


def speaker_key(name: str | None) -> str:
    """A coarse blocking key ("Jensen Huang", "M. Huang" -> "huang"): equal keys are (nearly always) necessary, not
    sufficient, for `same_speaker`; use it to pre-filter, then confirm with `same_speaker`.
    Organisation names written in another order ("Commerce Department") may get another key."""
    ws, _ = name_words(name)
    return ws[-1] if ws else ""


def name_blocks(name: str | None) -> set[str]:
    """Keys that two names always share when `same_speaker` holds (necessary, not sufficient): their
    significant words, or for a bare role ("le PDG de Nvidia") the role as written. A store looks up
    the names sharing a key with the claimed speaker instead of comparing it with every name."""
    ws, is_role = name_words(name)
    if ws:
        return set(ws)
    return {"\x00" + " ".join(_words(name))} if name and is_role else set()


_ACRONYM = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý&]{1,5}")
_SMALL_WORDS = {"of", "for", "the", "and", "on", "in", "de", "du", "des", "d", "la", "le", "les", "l", "et", "pour", "sur"}


def acronym_of(acronym: str, name: str) -> bool:
    """Whether `acronym` ("IDF", "FBI", "OMS") is the initials of `name`'s words, in order, with or
    without its small words ("Israel Defense Forces", "Federal Bureau of Investigation", "Organisation
    mondiale de la santé")."""
    if not _ACRONYM.fullmatch(acronym.strip()):
        return False
    letters = strip_accents(fold(acronym.strip().replace("&", "")))
    ws = [w for w in re.split(r"[\s'’-]+", strip_accents(fold(name))) if w and w[0].isalpha()]
    if len(ws) < 2:
        return False
    return letters in ("".join(w[0] for w in ws), "".join(w[0] for w in ws if w not in _SMALL_WORDS))

