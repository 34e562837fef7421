"""Whether a sentence holds the kind of answer a question asks for, other than the question's own words.

The question's kind (`question.expected_type`: amount, number, measure, date, person, place, org, name)
names a slot; a sentence fills it with
- amount: a sum with its currency;
- number: a number or number word that is not the question's own, nor a year ("en 2016" answers no
  "how many");
- measure: a number with a unit (km, mètres, %, heures, ans, "36-year-old"), or for an age "Smith, 36,";
- date: a year, month, weekday or relative day that the question does not already give, and not the day
  a statement was made ("a déclaré mardi") unless the question asks what was said;
- person, place, org, name: a proper name the question does not contain and that can be of that kind
  (`_fits`; a capitalised word that only opens the sentence is not one unless the passage writes it
  capitalised elsewhere), for a person with evidence of one (`_person_like`: a first name, a title or
  a role beside it) or a quotation's speaker; for a name, a title in quotation marks (a title only that).
`counts_focus` says whether a sentence numbers what a count question counts ("vingt-trois ARMES").
An on-topic question the sources cannot answer usually retrieves a sentence on its topic with an
empty slot: "how many votes" next to a sentence with no count, "quelle ville" next to one naming
only the question's own places.
"""

from __future__ import annotations

import re

from retrieval.exonyms import is_country
from retrieval.quotes.cues import COMPANY_NOUNS, GROUP_NOUNS, PERSON_ROLES
from retrieval.quotes.given_names import given_name
from retrieval.quotes.lexicon import speech_forms

from .question import _ELIDED, _NAME, _NUMBER, Question, fold, key, names_in

_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_NUMBER_WORD = (r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|cinquante|"
                r"soixante|cent|mille|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                r"forty|fifty|hundred|thousand|million|milliard|billion|dozen|douzaine|dizaine|centaine|dozens|"
                r"dizaines|centaines|hundreds|thousands|milliers)s?")
_NUMBER_WORDS = re.compile(r"\b" + _NUMBER_WORD + r"\b", re.I)
# a number, then at most "de"/"of" and one word, right before a noun: "1 240 votes", « vingt-trois armes »
_COUNT_BEFORE = re.compile(r"(?:\d[\d\s.,]*|\b" + _NUMBER_WORD + r")\s*(?:de\s+|d'|d’|of\s+)?(?:[^\W\d_]+\s+)?$", re.I)
_CURRENCY = re.compile(
    r"(\d[\d\s.,]*\s*(?:%|€|\$|£|¥|euros?|dollars?|yuans?|usd|eur|francs?|couronnes?|livres?|rands?|"
    r"(?:millions?|milliards?|billions?|mds?)\s+(?:de\s+)?(?:dollars?|euros?|yuans?|rands?)?)|(?:€|\$|£|¥|R)\s*\d)",
    re.I,
)
_UNIT = re.compile(
    r"(?:\d[\d\s.,]*|\b(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|vingt|trente|cent|mille|a|an|one|two|"
    r"three|four|five|six|seven|eight|nine|ten|twenty|thirty|hundred|thousand)\b)\s*-?\s*(?:de\s+|d'|d’)?"
    r"(?:%|°|pour\s?cent|per\s?cent|km/h|km|kilomètres?|kilometres?|kilometers?|m|mètres?|metres?|meters?|cm|mm|"
    r"miles?|feet|foot|pieds?|mph|nœuds?|knots?|kg|kilos?|grammes?|tonnes?|tons?|pounds?|degrés?|degrees?|"
    r"h|min|secondes?|seconds?|minutes?|heures?|hours?|jours?|days?|semaines?|weeks?|mois|months?|ans|années|years?|"
    r"hectares?|acres?|m2|m²|km2|km²|étages?|floors?|storeys?)(?!\w)",
    re.I,
)
_PERSON_TITLES = PERSON_ROLES | frozenset("""m mme mmes mlle mr mrs ms dr pr me maitre sir lord lady dame
    monsieur madame star""".split())
_LOCALITY = re.compile(r"\b(villes?|city|cities|towns?|communes?|villages?|quartiers?|district|neighbou?rhood|"
                       r"aéroports?|airports?|gares?|stations?|stades?|stadiums?|hôpital|hospital|états?|states?|"
                       r"régions?|regions?|provinces?|county|comtés?|départements?)\b", re.I)
# An English nationality adjective ("Russian", "Lebanese", "British", "African-American"): no place's name.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ese|ish|ean|ican)(?:-[\w-]+)?$")
_TITLE_ASKED = re.compile(r"\b(titre|title|intitulé|slogan)\b", re.I)
# Words of organisations' and places' names that no person's name holds.
_BODY_WORDS = frozenset("""nations unies united states etats cour tribunal court university universite ministere
    ministry police army armee republic republique kingdom royaume bureau agence news times post journal""".split())
_AGE_ASKED = re.compile(r"\b(how old|quel âge|what age|at what age|à quel âge)\b", re.I)
_AGE = re.compile(r"(?:,\s*\d{1,3}\s*,|\baged\s+\d{1,3}\b|\bâgée?s?\s+de\s+\d{1,3}\b)", re.I)  # "Smith, 36,"
_MONTHS = ("janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
           "decembre january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_DAYS = ("lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday "
         "sunday hier demain yesterday today tomorrow").split()
_MONTH_WORD = re.compile(r"\s*(?:er\s+)?(?:" + "|".join(_MONTHS) + r")\b")
_MONTH_WORD_END = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")\.?\s*$")
_DATE_WORD = re.compile(r"\b(?:1[5-9]\d\d|20\d\d|" + "|".join(_MONTHS + _DAYS) + r")\b", re.I)
_TITLE = re.compile(r"«\s*([^»]{2,80}?)\s*»|[\"“]([^\"”]{2,80})[\"”]")
_OF = frozenset({"de", "des", "du", "d'", "d’", "of"})
_SPEECH_FORMS = speech_forms("fr") | speech_forms("en")
GIVEN_NAME_FREQUENCY = 6  # a first name at least this common (1..13), before a surname, makes no place
PERSON_GIVEN_NAME = 3  # and one at least this common is evidence of a person


def holds(kind: str | None, text: str, question: Question, passage: str = "", speaker: str | None = None) -> bool:
    """Whether `text` fills the slot of `question` (see the module docstring); a question with no kind
    has no slot to fill. A quotation's stored `speaker` fills a person slot ("which professor said
    « … »": the professor is the quote's speaker) unless the question names them."""
    if kind is None:
        return True
    if kind == "person" and speaker and not _all_asked(speaker, set(question.terms)) and _fits(kind, speaker):
        return True
    if kind == "amount":
        return bool(_CURRENCY.search(text))
    if kind == "number":
        own = set(question.numbers)
        return any(m.group(0) not in own and not _YEAR.match(m.group(0)) and not _in_date(text, m)
                   for m in _NUMBER.finditer(text)) or bool(_NUMBER_WORDS.search(text))
    if kind == "measure":
        own = " ".join(question.numbers)
        if _AGE_ASKED.search(question.text) and _AGE.search(text):
            return True
        return any(m.group(0).split()[0] not in own for m in _UNIT.finditer(text))
    if kind == "date":
        return bool(_new_dates(text, question))
    keys = set(question.terms)
    if kind == "name" and any(not _all_asked(t, keys) and (t[:1].isupper() or t[:1].isdigit())
                              for m in _TITLE.finditer(text) for t in m.groups() if t):
        return True  # a title opens with a capital (« Citizen Carly »); a lowercase « coïncidence » is a scare quote
    if kind == "name" and _TITLE_ASKED.search(question.text):
        return False  # a title is written in quotation marks
    return any(not _all_asked(n, keys) and _fits(kind, n, question) and (kind != "person" or _person_like(n, text, passage))
               for n in proper_names(text, passage))


def _in_date(text: str, number: re.Match) -> bool:
    """"le 7 octobre", "March 30", "30 mars 2023": a day of the month is no count."""
    after = text[number.end():number.end() + 12].lower()
    before = text[max(0, number.start() - 12):number.start()].lower()
    return bool(_MONTH_WORD.match(after) or _MONTH_WORD_END.search(before))


def _new_dates(text: str, question: Question) -> list[str]:
    """The dates of `text` the question does not give: "mardi 5 mai" is the question's own "le 5 mai".
    Unless the question asks what was said, the date a statement was made ("a révélé le New York Times
    le mercredi 19 juillet", "said on Tuesday") dates the telling, not the event asked about."""
    asked = {fold(w) for w in _DATE_WORD.findall(question.text)}
    out = []
    for match in _DATE_WORD.finditer(text):
        word = fold(match.group(0))
        if word in asked:
            continue
        if not question.says and _told_on(text, match.start()):
            continue
        if word in _DAYS and any(fold(w) in asked for w in _DATE_WORD.findall(text[match.end():match.end() + 16])):
            continue  # the weekday of the question's own date
        out.append(match.group(0))
    return out


def _told_on(text: str, at: int) -> bool:
    """Whether the date at `at` follows a speech verb within a few words (its subject may stand between:
    "a déclaré jeudi", "said on Tuesday", "a révélé The New York Times le mercredi")."""
    before = re.findall(r"[^\W\d_][\w’'-]*", text[max(0, at - 60):at])[-6:]
    return any(w.lower() in _SPEECH_FORMS for w in before)


def _fits(kind: str, name: str, question: Question | None = None) -> bool:
    """Whether a name can be of the kind asked: a weekday or a month is none; an acronym, a country or
    an organisation's name ("United Nations", "Cour de cassation") is no person; a country is no
    organisation; a name with a common first name before its last word ("Vladimir Poutine") is no
    place or organisation."""
    words = name.split()
    if all(fold(w) in _MONTHS or fold(w) in _DAYS for w in words):
        return False
    if kind in ("person", "org") and is_country(name):
        return False
    if kind == "place" and question is not None and _LOCALITY.search(question.text) and (
            is_country(name) or name.replace(".", "").isupper()):
        return False  # "dans quelle COMMUNE belge", "which Louisiana city": a country (or "US") is no town
    if kind in ("place", "org") and _DEMONYM.match(name) and not is_country(name.split("-")[0]):
        return False  # "in Russian-occupied eastern Ukraine", "the Lebanese village"
    if kind == "person":
        return not (len(words) == 1 and words[0].isupper()) \
            and not any(fold(w) in COMPANY_NOUNS | GROUP_NOUNS | _BODY_WORDS for w in words)
    if kind in ("place", "org"):
        return not any((g := given_name(w)) is not None and g.frequency >= GIVEN_NAME_FREQUENCY for w in words[:-1])
    return True


def counts_focus(text: str, question: Question) -> bool:
    """Whether `text` gives a number of what a count question counts: the number right before the
    focus noun ("how many VOTES": "1 240 votes", « vingt-trois armes », "plus de 300 comptes")."""
    if question.kind != "number" or not question.focus:
        return False
    focus = key(question.focus[0])
    for m in re.finditer(r"[^\W_]+(?:[-'’][^\W_]+)*", text):
        if key(m.group(0)) != focus:
            continue
        if _COUNT_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            return True
    return False


def _all_asked(name: str, keys: set[str]) -> bool:
    words = re.findall(r"[^\W_]+", name)
    return all(key(w) in keys for w in words)


def proper_names(text: str, passage: str = "") -> list[str]:
    """The names of `text`. An elided article or pronoun is cut ("L’administration", "C’est": no name);
    a single capitalised word that opens a sentence ("Président d'une entreprise...", « Trois de mes
    clientes... ») is a name only if `passage` also writes it capitalised inside a sentence."""
    out = []
    for match in _NAME.finditer(text):
        raw = _ELIDED.sub("", match.group(0).strip())
        if not raw or not raw[0].isupper():
            continue
        found = names_in(raw)
        if not found:
            continue
        if " " not in raw and _opens_sentence(text, match.start()) and not _inside_sentence(raw, passage):
            continue
        out.extend(found)
    return out


_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]|[«“\"(—–-]|\n)\s*$")


def _opens_sentence(text: str, at: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, at - 4):at]))


def _inside_sentence(word: str, passage: str) -> bool:
    return any(not _opens_sentence(passage, m.start())
               for m in re.finditer(rf"(?<![\w’']){re.escape(word)}(?![\w’'])", passage))


def _person_like(name: str, text: str, passage: str) -> bool:
    """Positive evidence that a name is a person's: a common first name in it ("Jensen Huang"), a
    role or title just before it ("la star américaine Beyoncé", "Judge Salam"), or, for a surname
    alone, a first name before it elsewhere in the passage ("Valls" after "Manuel Valls")."""
    words = name.split()
    if fold(words[0]).strip(".") in _PERSON_TITLES:
        return True
    if any((g := given_name(w)) is not None and g.frequency >= PERSON_GIVEN_NAME for w in words[:-1]):
        return True
    around = text + " " + passage
    for m in re.finditer(rf"(?<![\w’']){re.escape(name)}(?![\w’'])", around):
        before = re.findall(r"[^\W\d_][\w’'.-]*", around[max(0, m.start() - 40):m.start()])
        after = re.match(r"\s*,\s*((?:[^\W\d_][\w’'.-]*\s+){0,2}[^\W\d_][\w’'.-]*)", around[m.end():m.end() + 60])
        if before and fold(before[-1]) in _OF:
            before = []  # "le ministre des Affaires étrangères": a title of something, not before a name
        if any(fold(w).strip(".") in _PERSON_TITLES
               for w in before[-3:] + (after.group(1).split() if after else [])):
            return True  # "la star américaine Beyoncé", "Malik Salemkour, président de la LDH"
    if len(words) == 1:
        for m in _NAME.finditer(passage):
            full = m.group(0).split()
            if len(full) >= 2 and full[-1] == words[0] and any(
                    (g := given_name(w)) is not None and g.frequency >= PERSON_GIVEN_NAME for w in full[:-1]):
                return True
    return False
