"""What must not change between a claim and its source: polarity (negation) and numbers. Pure.

Negation is a construction, not a word list:
  French   ne/n' ... pas | jamais | plus | rien | personne | aucun(e) | guère | nullement | point | ni;
           "personne ne", "rien ne", "aucun(e) ... ne"; spoken French drops the "ne": "c'est pas",
           "jamais", "aucun", "rien" still negate. `personne` alone is a noun ("une personne") and `non`
           is not a negation ("non seulement", "non-violent", "non, ..." answering a question).
  English  not, n't, never, no + noun, no one, nobody, nothing, none, neither/nor, cannot;
           "not only" is not a negation. ("sans"/"without" are left out on both sides.)
Numbers are read as digits or as number words ("deux", "two", "million"), so a translation that
writes "two" for "2" keeps its number, and a changed number is seen.
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.normalize import strip_accents, words

__all__ = ["negations", "is_negated", "numbers", "tokens"]

_FR_AFTER_NE = frozenset("pas jamais plus rien personne aucun aucune guere nullement point ni".split())
_FR_ALONE = frozenset("jamais aucun aucune rien nullement".split())  # negate even without "ne"
_FR_SUBJECT = frozenset("personne rien aucun aucune nul".split())  # "personne ne", "rien n'"
_EN = frozenset("not never nobody nothing none neither nor cannot nowhere".split())
_NOT_A_PAS = frozenset("un le les ce du au premier petit grand faux meme mon son".split())  # "un pas", "le pas"
_NE_REACH = 5  # words between "ne" and its second part ("ne l'a toujours pas", "n'en a jamais")

_NUMBER_WORDS = {
    "zero": "0", "un": "1", "une": "1", "one": "1", "deux": "2", "two": "2", "trois": "3", "three": "3",
    "quatre": "4", "four": "4", "cinq": "5", "five": "5", "six": "6", "sept": "7", "seven": "7",
    "huit": "8", "eight": "8", "neuf": "9", "nine": "9", "dix": "10", "ten": "10", "onze": "11",
    "eleven": "11", "douze": "12", "twelve": "12", "quinze": "15", "fifteen": "15", "vingt": "20",
    "twenty": "20", "trente": "30", "thirty": "30", "quarante": "40", "forty": "40", "cinquante": "50",
    "fifty": "50", "cent": "100", "hundred": "100", "mille": "1000", "thousand": "1000",
    "million": "million", "millions": "million", "milliard": "billion", "milliards": "billion",
    "billion": "billion", "billions": "billion", "moitie": "half", "half": "half", "tiers": "third",
    "third": "third", "quart": "quarter", "quarter": "quarter", "dizaine": "10", "dozen": "12",
    "douzaine": "12", "centaine": "100", "hundreds": "100", "centaines": "100", "quinzaine": "15",
    "vingtaine": "20", "trentaine": "30", "quarantaine": "40", "cinquantaine": "50",
}
_ARTICLES = frozenset("un une one".split())  # "un" is far more often an article than a number


def tokens(text: str) -> list[str]:
    """Folded, accent-free word tokens."""
    return [strip_accents(t.text) for t in words(text)]


def negations(toks: Sequence[str]) -> int:
    """How many negation constructions the (folded, accent-free) tokens hold."""
    count, n = 0, len(toks)
    absorbed: set[int] = set()  # second parts ("pas" of "ne ... pas") and the "ne" of "personne ne"
    last_alone = -10  # where the last negative word standing alone was ("aucun élève ne ...")
    for i, t in enumerate(toks):
        if i in absorbed:
            continue
        if t in ("ne", "n'"):
            if i - last_alone <= _NE_REACH:
                continue  # "aucun ... ne", "jamais je ne": one negation
            reach = toks[i + 1 : i + 1 + _NE_REACH]
            second = next((i + 1 + k for k, w in enumerate(reach) if w in _FR_AFTER_NE or w in ("que", "qu'")), None)
            if second is not None and toks[second] in ("que", "qu'"):
                continue  # "ne ... que" restricts, it does not negate ("il n'y a que")
            # every second part in reach belongs to this "ne" ("ne ... plus jamais rien")
            absorbed.update(i + 1 + k for k, w in enumerate(reach) if w in _FR_AFTER_NE)
            count += 1  # "ne" alone still negates in writing ("je ne saurais dire")
        elif t in _FR_SUBJECT and i + 1 < n and toks[i + 1] in ("ne", "n'"):
            absorbed.add(i + 1)  # "personne ne vient", "rien n'a changé"
            count += 1
        elif t in _FR_ALONE:
            count += 1
            last_alone = i
        elif t == "pas" and not (i and toks[i - 1] in _NOT_A_PAS):
            count += 1  # spoken French: "c'est pas"
        elif t == "not" and i + 1 < n and toks[i + 1] == "only":
            continue
        elif t in _EN or t.endswith("n't"):
            count += 1
        elif t == "no" and not (i + 1 < n and toks[i + 1] == "doubt"):
            count += 1  # "no one", "no longer", "no intention"
    return count


def is_negated(toks: Sequence[str]) -> bool:
    """Odd polarity: a negation (a double negation is counted as two)."""
    return negations(toks) % 2 == 1


def numbers(toks: Sequence[str]) -> set[str]:
    """The numbers a text states, as digits or normalised number words ("deux" -> "2")."""
    out = set()
    for i, t in enumerate(toks):
        if t[:1].isdigit():
            out.add(t.rstrip("."))
        elif t in _NUMBER_WORDS and t not in _ARTICLES:
            out.add(_NUMBER_WORDS[t])
    return out
