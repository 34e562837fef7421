"""Country names across French and English: "Belgium" is "Belgique", "Sweden" is "Suède".

A question in one language names the countries of an article in the other by their other name, and
no spelling rule links "Sweden" to "Suède" (nor do the embedder's word vectors: 0.39, below
"Norvège"). The names come from the Unicode CLDR, through Babel's locale data; each is folded (no
accents, lower case) and maps to its names in the other language.
"""

from __future__ import annotations

from functools import lru_cache

from retrieval.normalize import fold, strip_accents

__all__ = ["exonyms", "is_country"]


def _key(name: str) -> str:
    return strip_accents(fold(name)).replace("-", " ")


@lru_cache(maxsize=1)
def _table() -> dict[str, frozenset[str]]:
    """Every country name, French or English, -> its names in the other language (itself included)."""
    from babel import Locale

    fr, en = Locale("fr").territories, Locale("en").territories
    out: dict[str, set[str]] = {}
    for code in fr.keys() & en.keys():
        if not code.isalpha():
            continue  # "001" (World) and other regions: not names a text uses
        a, b = _key(fr[code]), _key(en[code])
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def exonyms(name: str) -> frozenset[str]:
    """The other language's names of a country (folded, accents stripped), empty for any other name
    and for a country both languages write alike ("France")."""
    key = _key(name)
    return _table().get(key, frozenset()) - {key}


# The short forms newsrooms write for a few countries (the United States, the United Kingdom, the
# United Arab Emirates, the DR Congo), which CLDR lists under no name, by their ISO code (dots dropped:
# "U.S." is "us").
_ABBREVIATION_CODES = {"us": "US", "usa": "US", "uk": "GB", "uae": "AE", "eau": "AE", "rdc": "CD", "drc": "CD"}


def _abbreviation_code(name: str) -> str | None:
    """The ISO code of a newsroom abbreviation written in capitals ("U.S." -> "US"), else None."""
    return _ABBREVIATION_CODES.get(_key(name).replace(".", "")) if name.replace(".", "").isupper() else None


def abbreviation_names(name: str) -> frozenset[str]:
    """The full names, in both languages (folded, accents stripped), of a country a newsroom abbreviation
    written in capitals stands for ("US", "U.S." -> "united states", "etats unis"); empty otherwise."""
    code = _abbreviation_code(name)
    if code is None:
        return frozenset()
    from babel import Locale

    return frozenset(_key(Locale(lang).territories[code]) for lang in ("fr", "en"))


def is_country(name: str) -> bool:
    """A country's name in either language, or its newsroom abbreviation written in capitals ("US",
    "U.K.": "us" and "eau" in lower case are words)."""
    return _abbreviation_code(name) is not None or _key(name) in _table()
