"""Given names: is this word a first name, how common, and which gender does it mark?

The small spaCy models tag rare first names LOC or MISC ("Émilie", "Élodie"), so a pronoun finds no
person to refer to and the name loses to any other candidate. A first name is a fact about the
language, not about one article: Jörg Michael's dictionary of 48,000 first names (shipped by the
`gender-guesser` package, GNU FDL) gives each one its gender and its frequency in 54 countries, on
a logarithmic scale from 1 (rare) to 13 (extremely common). It is read once, folded (no accents,
lower case), and only ever *votes* (`entities.Inventory._vote`): the article's other evidence (a
place preposition, the tagger's label on every mention) still counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from retrieval.normalize import fold, strip_accents


@dataclass(frozen=True)
class GivenName:
    frequency: int  # the highest frequency over the dictionary's countries, 1..13
    gender: str | None  # "m" | "f" | None (used for both)


_CODES = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f", "?": None}


def _parse(lines) -> dict[str, GivenName]:
    freq: dict[str, int] = {}
    genders: dict[str, set] = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line or line[0] in "#=":
            continue
        parts = line.split()
        if len(parts) < 2 or parts[0] not in _CODES:
            continue
        values = [int(c, 16) for c in line[30:-1] if c in "0123456789ABCDEFabcdef"]
        f = max(values, default=0)
        for form in {parts[1].replace("+", r) for r in ("", " ", "-")}:
            key = strip_accents(fold(form))
            freq[key] = max(freq.get(key, 0), f)
            genders.setdefault(key, set()).add(_CODES[parts[0]])
    return {k: GivenName(freq[k], next(iter(g)) if len(g) == 1 else None) for k, g in genders.items()}


@lru_cache(maxsize=1)
def _names() -> dict[str, GivenName]:
    try:
        path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
        with path.open(encoding="utf-8") as fh:
            return _parse(fh)
    except (ModuleNotFoundError, FileNotFoundError):  # the dictionary is a vote, never a requirement
        return {}


def given_name(word: str) -> GivenName | None:
    """The word as a first name ("Émilie" -> frequency 7, "f"), None if the dictionary lacks it."""
    return _names().get(strip_accents(fold(word))) if word[:1].isupper() else None
