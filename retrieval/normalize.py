"""Typography folding shared by search and verification.

`fold` makes two renderings of the same words compare equal (quote marks, apostrophes, unicode
spaces, ellipsis, dashes, case); accents are kept, `strip_accents` removes them when wanted.
`words` cuts a text into word tokens that keep their offsets into the ORIGINAL text, so a match or a
diff computed on folded words maps back to the exact source characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Token", "fold", "fold_word", "strip_accents", "words"]

_QUOTES = "«»“”„‟\"‹›〝〞＂"
_APOSTROPHES = "'‘’‚‛ʼ′´`＇"
_DASHES = "‐‑‒–—―−⸺⸻"
_SPACES = "\u00a0\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000\t\r\n\f\v"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TABLE = str.maketrans(
    {
        **{c: '"' for c in _QUOTES},
        **{c: "'" for c in _APOSTROPHES},
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
        **{c: "" for c in _ZERO_WIDTH},
        "…": "...",
    }
)
_WS = re.compile(r" {2,}")


def fold(text: str) -> str:
    """Typography-insensitive form of `text`: unified quotes/apostrophes/dashes/spaces, lowercase."""
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    return _WS.sub(" ", text).strip().lower()


@lru_cache(maxsize=65536)
def strip_accents(text: str) -> str:
    """`text` without diacritics ("État" -> "Etat"); other characters unchanged."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


class Token(NamedTuple):
    """A word: its folded form and its [start, end) offsets in the original text."""

    text: str
    start: int
    end: int


_APOS = "'’ʼ‘´`′＇"
_L = r"(?:[^\W\d_][\u0300-\u036f]*)"  # a letter, possibly followed by combining accents
_W = r"(?:[^\W_][\u0300-\u036f]*)"  # a letter or digit
# French elisions: l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu' quoiqu' presqu'
_ELISION = rf"(?<![^\W_])(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)[{_APOS}](?={_L})"
_NUMBER = r"\d+(?:[.,]\d+|[\u00a0\u202f\u2009 ]\d{3}(?!\d))*"
_WORD = rf"{_W}+(?:[{_APOS}]{_W}+)*"  # "aujourd'hui", "don't", "Nvidia's" stay whole
_TOKEN = re.compile(rf"(?P<el>{_ELISION})|(?P<num>{_NUMBER})(?!{_L})|(?P<w>{_WORD})|(?P<pct>%)", re.I)
_THOUSANDS = re.compile(r"[.,\u00a0\u202f\u2009 ](?=\d{3}(?:\D|$))")


def _fold_number(raw: str) -> str:
    """"1 000" / "1,000" / "1.000" -> "1000"; "3,5" -> "3.5"."""
    return _THOUSANDS.sub("", raw).replace(",", ".").translate({0xA0: None, 0x202F: None, 0x2009: None, 0x20: None})


def fold_word(raw: str) -> str:
    """Folded form of one word as `words` produces it."""
    return unicodedata.normalize("NFC", raw).translate(_TABLE).lower()


def words(text: str) -> list[Token]:
    """Word tokens of `text` with offsets into `text`; punctuation is not a word.

    French elisions are their own token ("l'état" -> "l'", "état"); hyphenated words are split
    ("États-Unis" -> "états", "unis"); numbers are normalised ("1 000" -> "1000", "3,5" -> "3.5");
    "%" is kept as a token because it carries meaning.
    """
    return list(_words(text))


@lru_cache(maxsize=4096)  # verification tokenises the same claim and passages again and again
def _words(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        folded = _fold_number(raw) if m.lastgroup == "num" else fold_word(raw)
        out.append(Token(folded, m.start(), m.end()))
    return tuple(out)
