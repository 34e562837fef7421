"""A larger, deterministic benchmark corpus grown from the dev articles in examples/articles.

Each generated article keeps the language of its material: a title paragraph from one dev article,
then paragraphs drawn (shuffled) from every dev article of that language. People's names found in the
dev articles are swapped for invented ones, consistently within an article (the full name and the
surname alone), and every number is redrawn with the same count of digits, so no two articles are
the same text (and so no two share an id). Same `n` and `seed`, same corpus, on any machine.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

from retrieval.ingest import make_article, read_file
from retrieval.passages import paragraphs
from retrieval.types import Article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
SEED = 20240611

_UPPER = "A-ZÀ-ÖØ-ÞČŘŠŽĎŤŇĽĹŔ"
_LOWER = "a-zß-öø-ÿčřšžďťňľĺŕěůý"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)?"
# Two or three capitalised words in a row: the candidate full names.
_FULL_NAME = re.compile(rf"\b{_WORD}(?: {_WORD}){{1,2}}\b")
_NUMBER = re.compile(r"\d+")

FIRST = {
    "fr": "Amélie Bastien Camille Damien Élodie Fabrice Gaëlle Hugues Inès Julien Karine Laurent Manon Nicolas "
          "Océane Pascal Quentin Rachida Sébastien Thérèse Ulysse Valérie Xavier Yasmine Zoé".split(),
    "en": "Alice Brandon Chloe Derek Emily Frank Grace Harold Isabel Jacob Kayla Logan Megan Nathan Olivia Peter "
          "Quinn Rachel Samuel Tracy Victor Wendy Tyler Hannah Owen".split(),
}
LAST = {
    "fr": "Arnaud Bonnet Chevalier Dufresne Lefebvre Fontaine Garnier Hamel Joly Lambert Marchand Noël Perrin "
          "Roussel Sauvage Tessier Vidal Baptiste Moulin Renaud Carpentier Delorme Guérin Lacroix Masson".split(),
    "en": "Anderson Brooks Carter Dawson Ellison Fletcher Griffin Hayes Irwin Jenkins Keller Lawson Mitchell "
          "Norris Owens Parker Quincy Russell Sullivan Turner Underwood Vaughn Walsh Young Zimmerman".split(),
}


@dataclass
class Source:
    lang: str
    paragraphs: list[str]  # the first one is the title


def load_sources(folder: Path = EXAMPLES) -> list[Source]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        for article in read_file(path).articles:
            paras = [article.text[s.start : s.end] for s in paragraphs(article.text)]
            out.append(Source(article.lang if article.lang in ("fr", "en") else "en", paras))
    return out


def sources_digest(folder: Path = EXAMPLES) -> str:
    """Hash of the dev articles' bytes: part of a bench store's cache key."""
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.txt")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


_NOT_FIRST_NAMES = frozenset(
    """A An And As At But By For From He Her His How If In It Its Le La Les L Un Une Des Du De Ce Ces Cette
    Mais Pour Par Sur Sous Selon Si En Et Au Aux Avec Dans Elle Il Ils On Nous The This That These Those
    Their They We What When Where While Who With Right Barely Despite Speaking Hours South North
    Los New San Saint Golden Screen Premier Monsieur Madame Mr Mrs Ms Dr""".split()
)


def person_names(texts: list[str]) -> dict[str, str]:
    """Likely people: a capitalised 2-3 word name, named again by its last word alone or in full.

    Returns full name -> surname. A heuristic, good enough for varying a benchmark corpus.
    """
    joined = "\n".join(texts)
    out = {}
    lower_words = set(re.findall(rf"\b[{_LOWER}]+\b", joined))
    for match in _FULL_NAME.finditer(joined):
        words = match.group(0).split()
        if len(words) == 3 and joined.count(" ".join(words[1:])) > joined.count(match.group(0)):
            words = words[1:]  # "Santé Roman Prymula": a capitalised noun before the name
        name, surname = " ".join(words), words[-1]
        if words[0] in _NOT_FIRST_NAMES or any(w.isupper() for w in words) or surname.lower() in lower_words:
            continue
        if joined.count(surname) > joined.count(name) or joined.count(name) >= 2:
            out[name] = surname
    return out


class CorpusMaker:
    def __init__(self, seed: int = SEED, folder: Path = EXAMPLES):
        self.seed = seed
        self.by_lang: dict[str, list[Source]] = {}
        for src in load_sources(folder):
            self.by_lang.setdefault(src.lang, []).append(src)
        self.langs = sorted(self.by_lang)
        all_texts = [p for srcs in self.by_lang.values() for s in srcs for p in s.paragraphs]
        names = person_names(all_texts)
        # Longest first so "Jada Pinkett Smith" is replaced before "Smith".
        self.names = sorted(names.items(), key=lambda kv: -len(kv[0]))
        alternatives = "|".join(re.escape(n) for n, _ in self.names)
        surnames = "|".join(sorted({re.escape(s) for _, s in self.names}, key=len, reverse=True))
        self._name_re = re.compile(rf"\b(?:{alternatives})\b|\b(?:{surnames})\b") if self.names else None
        self._surname_of = dict(self.names)

    def article(self, i: int) -> Article:
        rng = random.Random(f"{self.seed}:{i}")
        lang = self.langs[i % len(self.langs)] if rng.random() < 0.5 else rng.choice(self.langs)
        sources = self.by_lang[lang]
        base = rng.choice(sources)
        pool = [p for s in sources for p in s.paragraphs[1:]]
        count = max(4, min(len(pool), int(rng.gauss(len(base.paragraphs) - 1, 4))))
        body = rng.sample(pool, count)
        text = "\n\n".join([base.paragraphs[0], *body]) + "\n"
        text = self._substitute(text, lang, rng)
        return make_article(text, f"bench/{lang}/{i:06d}.txt", lang=lang)

    def _substitute(self, text: str, lang: str, rng: random.Random) -> str:
        if self._name_re is not None:
            chosen: dict[str, tuple[str, str]] = {}

            def person(surname: str) -> tuple[str, str]:
                if surname not in chosen:
                    chosen[surname] = (rng.choice(FIRST[lang]), rng.choice(LAST[lang]))
                return chosen[surname]

            def swap(m: re.Match) -> str:
                found = m.group(0)
                if found in self._surname_of:
                    first, last = person(self._surname_of[found])
                    return f"{first} {last}"
                return person(found)[1]

            text = self._name_re.sub(swap, text)

        def number(m: re.Match) -> str:
            digits = len(m.group(0))
            low = 10 ** (digits - 1) if digits > 1 else 0
            return str(rng.randrange(low, 10**digits))

        return _NUMBER.sub(number, text)


def make_corpus(n: int, seed: int = SEED) -> list[Article]:
    """n distinct articles (distinct ids); deterministic for (n, seed, dev articles)."""
    maker = CorpusMaker(seed)
    out, seen, i = [], set(), 0
    while len(out) < n:
        article = maker.article(i)
        i += 1
        if article.id not in seen:
            seen.add(article.id)
            out.append(article)
    return out


def sample_sentences(articles: list[Article], count: int, seed: int = SEED) -> list[tuple[str, str]]:
    """(lang, sentence) pairs drawn from the corpus, for building queries and claims."""
    from retrieval.passages import sentences

    rng = random.Random(f"{seed}:sentences")
    out = []
    while len(out) < count:
        article = rng.choice(articles)
        spans = sentences(article.text)
        if len(spans) < 2:
            continue
        span = rng.choice(spans[1:])
        text = article.text[span.start : span.end]
        if len(text.split()) >= 6:
            out.append((article.lang, text))
    return out
