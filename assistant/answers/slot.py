"""Whether a sentence holds the kind of answer a question asks for, other than the question's own words.

The question's kind (`question.expected_type`: amount, number, measure, date, person, place, org, name)
names a slot; a sentence fills it with
- amount: a sum with its currency;
- number: a number or number word that is not the question's own, nor a year ("en 2016" answers no
  "how many");
- measure: a number with a unit (km, mètres, %, heures, ans, "36-year-old"), or for an age "Smith, 36,";
- date: a year, month, weekday or relative day that the question does not already give;
- person, place, org, name: a proper name the question does not contain (a capitalised word that only
  opens the sentence is not one unless the passage writes it capitalised elsewhere), or, for a name, a
  title in quotation marks.
An on-topic question the sources cannot answer usually retrieves a sentence on its topic with an
empty slot: "how many votes" next to a sentence with no count, "quelle ville" next to one naming
only the question's own places.
"""

from __future__ import annotations

import re

from retrieval.quotes.given_names import given_name

from .question import _NAME, Question, fold, key, names_in

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\s]\d+)*(?![\w])")
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_NUMBER_WORDS = re.compile(r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|quarante|"
                           r"cinquante|soixante|cent|mille|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                           r"twelve|twenty|thirty|forty|fifty|hundred|thousand|million|milliard|billion|dozen|"
                           r"douzaine|dizaine|centaine|dozens|dizaines|centaines|hundreds|thousands|milliers)s?\b", re.I)
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
    r"secondes?|seconds?|minutes?|heures?|hours?|jours?|days?|semaines?|weeks?|mois|months?|ans|années|years?|"
    r"hectares?|acres?|m2|m²|km2|km²|étages?|floors?|storeys?)(?!\w)",
    re.I,
)
_AGE_ASKED = re.compile(r"\b(how old|quel âge|what age|at what age|à quel âge)\b", re.I)
_AGE = re.compile(r"(?:,\s*\d{1,3}\s*,|\baged\s+\d{1,3}\b|\bâgée?s?\s+de\s+\d{1,3}\b)", re.I)  # "Smith, 36,"
_MONTHS = ("janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre "
           "decembre january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec").split()
_DAYS = ("lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday "
         "sunday hier demain yesterday today tomorrow").split()
_DATE_WORD = re.compile(r"\b(?:1[5-9]\d\d|20\d\d|" + "|".join(_MONTHS + _DAYS) + r")\b", re.I)
_TITLE = re.compile(r"«\s*([^»]{2,80}?)\s*»|[\"“]([^\"”]{2,80})[\"”]")
GIVEN_NAME_FREQUENCY = 6  # a first name at least this common (1..13), before a surname, makes a person


def holds(kind: str | None, text: str, question: Question, passage: str = "") -> bool:
    """Whether `text` fills the slot of `question` (see the module docstring); a question with no kind
    has no slot to fill."""
    if kind is None:
        return True
    if kind == "amount":
        return bool(_CURRENCY.search(text))
    if kind == "number":
        own = set(question.numbers)
        return any(n not in own and not _YEAR.match(n) for n in _NUMBER.findall(text)) \
            or bool(_NUMBER_WORDS.search(text))
    if kind == "measure":
        own = " ".join(question.numbers)
        if _AGE_ASKED.search(question.text) and _AGE.search(text):
            return True
        return any(m.group(0).split()[0] not in own for m in _UNIT.finditer(text))
    if kind == "date":
        return bool(_new_dates(text, question))
    keys = set(question.terms)
    if kind == "name" and any(not _all_asked(t, keys) for m in _TITLE.finditer(text) for t in m.groups() if t):
        return True
    return any(not _all_asked(n, keys) and _fits(kind, n) for n in proper_names(text, passage))


def _new_dates(text: str, question: Question) -> list[str]:
    """The dates of `text` the question does not give: "mardi 5 mai" is the question's own "le 5 mai"."""
    asked = {fold(w) for w in _DATE_WORD.findall(question.text)}
    out = []
    for match in _DATE_WORD.finditer(text):
        word = fold(match.group(0))
        if word in asked:
            continue
        if word in _DAYS and any(fold(w) in asked for w in _DATE_WORD.findall(text[match.end():match.end() + 16])):
            continue  # the weekday of the question's own date
        out.append(match.group(0))
    return out


def _fits(kind: str, name: str) -> bool:
    """Whether a name can be of the kind asked: a weekday, a month or an acronym names no person, and a
    name with a common first name before its last word ("Vladimir Poutine") is no place or organisation."""
    words = name.split()
    if all(fold(w) in _MONTHS or fold(w) in _DAYS for w in words):
        return False
    if kind == "person":
        return not (len(words) == 1 and words[0].isupper())
    if kind in ("place", "org"):
        return not any((g := given_name(w)) is not None and g.frequency >= GIVEN_NAME_FREQUENCY for w in words[:-1])
    return True


def _all_asked(name: str, keys: set[str]) -> bool:
    words = re.findall(r"[^\W_]+", name)
    return all(key(w) in keys for w in words)


def proper_names(text: str, passage: str = "") -> list[str]:
    """The names of `text`, less a single capitalised word that only opens the sentence ("Président
    d'une entreprise...", "Hours after...") unless `passage` writes it capitalised elsewhere."""
    out = []
    for match in _NAME.finditer(text):
        found = names_in(match.group(0))
        if not found:
            continue
        if match.start() == len(text) - len(text.lstrip(" \t\"'«“(-—")) and " " not in match.group(0).strip():
            word = match.group(0).strip()
            elsewhere = [m for m in re.finditer(rf"(?<![\w]){re.escape(word)}(?![\w])", passage)
                         if not re.search(r"(^|[.!?:»”\"]\s*)$", passage[max(0, m.start() - 3):m.start()])]
            if not elsewhere:
                continue
        out.extend(found)
    return out
