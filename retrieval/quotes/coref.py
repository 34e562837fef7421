"""Within-article resolution of a speaker mention to its canonical name.

The article is read once: people and organisations named by the entity recogniser, the
descriptions the article ties to them ("le ministre de la Santé Roman Prymula", "Jensen Huang,
patron de Nvidia"), titles and gendered nouns, and a timeline of who was mentioned, who was the
subject of a sentence and who was quoted. A mention is then resolved against what came before
it: a surname or a title to the fullest form of the name, a pronoun to the most recent
compatible subject or speaker, a description to the entity the article defined it as.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from retrieval.quotes.cues import (
    COMPANY_NOUNS,
    DOCUMENT_NOUNS,
    EN_PRONOUNS,
    FEMININE_NOUNS,
    MASCULINE_NOUNS,
    FR_PRONOUNS,
    GROUP_NOUNS,
    PERSON_ROLES,
    PLURAL_PRONOUNS,
    SPOKES_NOUNS,
    TITLES,
    WORK_WORDS,
    fold,
)

PER_LABELS = frozenset({"PER", "PERSON"})
ORG_LABELS = frozenset({"ORG"})
SUBJ_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
RELATIVES = frozenset({"qui", "who", "which", "that", "lequel", "laquelle"})
_DETS = frozenset("le la l' les un une des the a an son sa ses his her its their leur leurs ce cet "
                  "cette ces this that du de d'".split())
_DEFINITE = frozenset({"le", "la", "l'", "l’", "the"})
_OF = frozenset({"de", "du", "des", "d'", "d’", "of"})
_LATTER = ("ce dernier", "cette dernière", "the latter")


@dataclass
class Event:
    pos: int
    name: str
    type: str  # "PER" | "ORG"
    kind: str  # "mention" | "subject" | "speaker"
    para: int


@dataclass
class Resolved:
    name: str | None
    mention: str
    type: str | None = None
    how: str = "name"  # name | pronoun | description | organisation | unknown


def strip_name(s: str) -> str:
    """Drop possessives, titles and determiners around a name ("M. Huang", "Parise’s")."""
    s = re.sub(r"[’']s?$", "", s.strip(" ,.;:“”«»\"'’\u00a0\u202f"))
    words = s.split()
    while len(words) > 1 and (words[0].lower() in TITLES or fold(words[0]) in _DETS
                              or (fold(words[0]) in PERSON_ROLES and words[1][:1].isupper())):
        words = words[1:]
    return " ".join(words).strip()


def _core(ent):
    """The name inside an entity span: "Defenseman Ryan Suter" -> "Ryan Suter", "US chip giant
    Nvidia" -> "Nvidia", "Économie Bruno Le Maire" -> "Bruno Le Maire"."""
    toks = list(ent)
    start = 0
    for k, t in enumerate(toks[:-1]):
        role = fold(t.text) in PERSON_ROLES or fold(t.text) in COMPANY_NOUNS
        nxt = toks[k + 1]
        named = nxt.pos_ == "PROPN" or (nxt.pos_ == "NOUN" and nxt.text[:1].isupper() and k + 1 > 0)
        if (t.pos_ in ("NOUN", "ADJ") or role) and named and (
                t.text[:1].islower() or role or (k == 0 and ent.label_ not in PER_LABELS)):
            start = k + 1
    return ent.doc[ent.start + start: ent.end] if start else ent


def _with_first_names(ent):
    """"Nina [Okoro]": the recogniser caught the surname only; take the capitalised names before it."""
    start = ent.start
    while start > ent.sent.start and ent.doc[start - 1].pos_ == "PROPN" and ent.doc[start - 1].text[:1].isupper() \
            and fold(ent.doc[start - 1].text) not in PERSON_ROLES | COMPANY_NOUNS and not ent.doc[start - 1].ent_type_ \
            and ent.doc[start - 1].text.isalpha() and ent.doc[start - 1].lower_ not in TITLES:
        start -= 1
    return ent.doc[start:ent.end] if start < ent.start else ent


def _opening_word(ent, names: set[str]) -> bool:
    """"Debout à la barre, …", "Assise face au juge, …": a capitalised word that opens a sentence
    and is followed by a preposition is an adjective or a participle the recogniser took for a name
    (unless the word is part of a longer name elsewhere in the article)."""
    if len(ent) != 1 or ent.start != ent.sent.start or ent.end >= len(ent.doc):
        return False
    nxt = ent.doc[ent.end]
    return (nxt.pos_ == "ADP" or nxt.lower_ == "face") and fold(ent.text) not in names


def _author_of_work(ent) -> bool:
    """"le roman d'Émile Zola", "a film by Bong Joon-ho": the author of a work the text cites is
    not someone a later pronoun stands for."""
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("by", "of"):
        head = head.head
    elif root.dep_ not in ("nmod", "appos", "flat:name"):
        return False
    return head.i != root.i and fold(head.text) in WORK_WORDS


# Abbreviated roles and the head noun of the description they abbreviate
ROLE_ABBREVIATIONS = {"ceo": "executive", "cfo": "officer", "coo": "officer", "cto": "officer",
                      "pdg": "pdg", "dg": "directeur", "drh": "directeur"}
_AGE_DESCRIPTION = re.compile(r"^(?:the|le|la) (?:\d+[- ]year[- ]old|\w+g[ée]naire)$")


def _nounish(t) -> bool:
    """A common noun, including lower-case words the tagger called proper nouns ("tabloïd")."""
    return t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.text[:1].islower())


def doc_lang(doc, default: str) -> str:
    """The model family a paragraph was parsed with (a French article may hold an English paragraph)."""
    return doc.user_data.get("lang", default)


def _mention_gender(toks) -> str | None:
    """Gender a French or English description shows: its determiner, its title or a gendered noun."""
    for t in list(toks)[:2]:
        low = t.lower_
        if low in TITLES and TITLES[low]:
            return TITLES[low]
        if t.pos_ == "DET" and low not in ("l'", "l’", "les", "the", "a", "an"):
            g = t.morph.get("Gender")
            if g:
                return "f" if g[0] == "Fem" else "m"
        if fold(t.text) in FEMININE_NOUNS:
            return "f"
    return None


def _title_gender(s: str) -> str | None:
    first = s.split()[0].lower() if s.split() else ""
    return TITLES.get(first)


class Resolver:
    def __init__(self, text: str, docs: list, lang: str, in_quote):
        self.text = text
        self.lang = lang
        self.in_quote = in_quote  # pos -> bool
        self.persons: dict[str, str] = {}  # folded full form -> form
        self.orgs: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        self.descriptions: dict[str, list[tuple[int, str, str]]] = {}
        self.heads: dict[str, list[tuple[int, str, str]]] = {}
        self.events: list[Event] = []
        self.not_people: set[str] = set()  # "le tabloïd Blesk": a name that is a publication
        self.docs = docs  # [(paragraph, doc)]
        self._read_names()

    # ----- reading the article -------------------------------------------------------------
    def _read_names(self) -> None:
        found = []  # (pos, paragraph, doc, span, label)
        multi = {fold(w) for _, doc in self.docs for e in doc.ents if len(e) > 1 for w in e.text.split()}
        for par, doc in self.docs:
            for ent in doc.ents:
                if _opening_word(ent, multi):
                    continue
                label = "PER" if ent.label_ in PER_LABELS else "ORG" if ent.label_ in ORG_LABELS else None
                ent = _core(ent)
                role = self._role_before(ent)
                if role == "PER" and label != "PER":
                    label = "PER"
                elif role == "ORG" and label is None:
                    label = "ORG"  # "the chip giant Nvidia" tagged as a place
                if label is None:
                    continue
                if label == "PER":
                    ent = _with_first_names(ent)
                name = strip_name(ent.text)
                if label is None or not name or not name[0].isupper():
                    continue
                (self.persons if label == "PER" else self.orgs).setdefault(fold(name), name)
                found.append((par.start + ent.start_char, par, doc, ent, label))
        # the recogniser misses some occurrences of a name it knows elsewhere
        full_names = [n for n in self.persons.values() if len(n.split()) >= 2]
        for par, doc in self.docs:
            for name in full_names:
                for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
                    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                    if span is not None and not any(t.ent_type_ in PER_LABELS for t in span):
                        found.append((par.start + m.start(), par, doc, span, "PER"))
        found.sort(key=lambda f: f[0])
        for pos, par, doc, ent, label in found:
            if label == "PER":
                g = _title_gender(doc[ent.start - 1].text if ent.start else "") or _title_gender(ent.text)
                name = self.canonical_person(ent.text)
                if g:
                    self.gender.setdefault(fold(name), g)
            else:
                name = self.canonical_org(ent.text)
            if not self.in_quote(pos) and not _author_of_work(ent):
                self.events.append(Event(pos, name, label, "mention", par.index))
                self._read_descriptions(doc, ent, par.start, name, label)
        for key in self.not_people:
            self.orgs.setdefault(key, self.persons.pop(key, key))
            self.gender.pop(key, None)
        for e in self.events:
            if fold(e.name) in self.not_people:
                e.type = "ORG"

    def _role_before(self, ent) -> str | None:
        """"le ministre de l'Économie Bruno Le Maire" is a person's name, "the chip giant Nvidia"
        an organisation's, whatever the recogniser said."""
        toks = self._left_description(ent.doc, ent)
        nouns = [t for t in toks if _nounish(t)]
        if not nouns:
            return None
        head = fold(nouns[0 if doc_lang(ent.doc, self.lang) == "fr" else -1].text)
        return "PER" if head in PERSON_ROLES else "ORG" if head in COMPANY_NOUNS else None

    def _read_descriptions(self, doc, ent, off: int, name: str, typ: str) -> None:
        pos = off + ent.start_char
        for toks in (self._left_description(doc, ent), self._right_apposition(doc, ent),
                     self._comma_description(doc, ent)):
            if not toks:
                continue
            self._add_description(toks, pos, name, typ)

    def _left_description(self, doc, ent) -> list:
        """"le ministre de la Santé [Roman Prymula]", "Wild coach [Bruce Boudreau]"."""
        toks = []
        i = ent.start - 1
        start = ent.sent.start
        while i >= start:
            t = doc[i]
            if t.pos_ in ("NOUN", "ADJ") or (t.pos_ == "PROPN" and t.ent_type_ not in PER_LABELS):
                toks.insert(0, t)
                i -= 1
                continue
            if not toks or toks[-1].pos_ not in ("NOUN", "ADJ", "PROPN"):
                break
            # "de la Santé", "of State": only in front of a capitalised word
            j = i
            if t.pos_ == "DET" and j - 1 >= start and doc[j - 1].lower_ in ("de", "d'", "d’", "of"):
                j -= 1
            if doc[j].lower_ in ("de", "du", "des", "d'", "d’", "of") and toks[0].text[:1].isupper():
                toks[:0] = list(doc[j:i + 1])
                i = j - 1
                continue
            if t.lower_ in ("et", "and") and toks[0].pos_ == "NOUN" and i - 1 >= start \
                    and doc[i - 1].pos_ in ("NOUN", "ADJ", "PROPN"):
                toks.insert(0, t)
                i -= 1
                continue
            break
        while toks and (toks[0].pos_ in ("ADP", "CCONJ", "DET") or toks[0].lower_ in ("de", "et", "of", "and")):
            toks.pop(0)
        return toks if any(_nounish(t) for t in toks) else []

    def _comma_description(self, doc, ent) -> list:
        """"Le ministre du Travail, Marc Delorme, …", "its publisher, Penguin Random House"."""
        if ent.start < 2 or doc[ent.start - 1].text != ",":
            return []
        toks = []
        i = ent.start - 2
        while i >= max(ent.sent.start, ent.start - 10):
            t = doc[i]
            opener = t.pos_ == "DET" or (t.pos_ == "PRON" and t.dep_ in ("poss", "nmod:poss"))
            if not (opener or t.pos_ in ("NOUN", "ADJ", "PROPN", "ADP") or t.lower_ in _OF):
                break
            if t.ent_type_ in PER_LABELS:
                return []
            toks.insert(0, t)
            if opener and (i == 0 or doc[i - 1].lower_ not in _OF):
                toks.pop(0)  # the determiner that opens the description
                return toks if toks and _nounish(toks[0]) and toks[0].text[:1].islower() else []
            i -= 1
        return []

    def _right_apposition(self, doc, ent) -> list:
        if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
            return []
        toks = []
        for t in doc[ent.end + 1: ent.end + 10]:
            if t.is_punct:
                break
            if t.pos_ in ("VERB", "AUX", "PRON", "NUM", "SCONJ"):
                # "Bruno Castaing, ancien conseiller en gestion de patrimoine accusé de …": the
                # description ends where a participle or a relative clause starts
                if t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm") and len(toks) >= 2:
                    break
                return []
            toks.append(t)
        else:
            return []
        while toks and toks[0].pos_ == "DET":
            toks.pop(0)
        while toks and toks[-1].pos_ in ("ADP", "DET", "CCONJ"):
            toks.pop()
        # "the chief executive of Brightwell": an adjective may open the description
        first = next((t for t in toks if t.pos_ != "ADJ"), None)
        if not toks or first is None or first.pos_ != "NOUN" or not toks[0].text[0].islower():
            return []
        return toks

    def _add_description(self, toks, pos: int, name: str, typ: str) -> None:
        words = [t.text for t in toks]
        full = self.key(" ".join(words))
        self.descriptions.setdefault(full, []).append((pos, name, typ))
        # shorter keys after each "et"/"de": "vice-Premier ministre et ministre de l'Intérieur"
        for k, t in enumerate(toks):
            if t.lower_ in ("et", "and") and k + 1 < len(toks):
                sub = self.key(" ".join(words[k + 1:]))
                self.descriptions.setdefault(sub, []).append((pos, name, typ))
        nouns = [t for t in toks if _nounish(t)]
        if not nouns:
            return
        head = nouns[0] if doc_lang(toks[0].doc, self.lang) == "fr" else nouns[-1]
        self.heads.setdefault(fold(head.text), []).append((pos, name, typ))
        if typ == "PER" and (fold(head.text) in WORK_WORDS or fold(head.text) in COMPANY_NOUNS):
            self.not_people.add(fold(name))
        elif typ == "PER":
            det = toks[0].doc[toks[0].i - 1] if toks[0].i > 0 else None
            g = head.morph.get("Gender")
            if det is not None and det.pos_ == "DET" and det.morph.get("Gender"):
                g = det.morph.get("Gender")
            if fold(head.text) in FEMININE_NOUNS:
                self.gender.setdefault(fold(name), "f")
            elif fold(head.text) in MASCULINE_NOUNS:  # "whose husband Tom"
                self.gender.setdefault(fold(name), "m")
            elif doc_lang(head.doc, self.lang) == "fr" and g and fold(head.text) not in ("personne", "star", "vedette"):
                # "l'économiste", "un(e) analyste": behind "l'" or no article the noun's tag is a
                # guess for nouns of both genders; only a feminine form is a sure sign
                sure = det is not None and det.pos_ == "DET" and bool(det.morph.get("Gender"))
                if sure or g[0] == "Fem":
                    self.gender.setdefault(fold(name), "f" if g[0] == "Fem" else "m")

    @staticmethod
    def key(s: str) -> str:
        words = fold(s.replace("’", "'")).replace("l'", "l' ").replace("d'", "d' ").split()
        while words and words[0] in _DETS:
            words = words[1:]
        return " ".join(w.strip(".,;:") for w in words)

    def add_event(self, pos: int, name: str, typ: str, kind: str, para: int) -> None:
        i = bisect_left([e.pos for e in self.events], pos)
        self.events.insert(i, Event(pos, name, typ, kind, para))

    # ----- names ---------------------------------------------------------------------------
    def canonical_person(self, mention: str, pos: int | None = None) -> str | None:
        name = strip_name(mention)
        if not name:
            return None
        want = fold(name).split()
        best = None
        for key, form in self.persons.items():
            have = key.split()
            if all(w in have for w in want) and (best is None or len(have) > len(best[0].split())):
                best = (key, form)
        return best[1] if best else name

    def gender_of(self, name: str) -> str | None:
        return self.gender.get(fold(name))

    # ----- resolution ----------------------------------------------------------------------
    def resolve_token(self, tok, par_index: int, depth: int = 0, speaker: bool = False) -> Resolved | None:
        """The speaker a subject-like token stands for (`speaker`: the token is a reporting cue's
        subject, so even a description the article never defined names someone)."""
        doc = tok.doc
        off = self._offset(doc)
        pos = off + tok.idx
        low = tok.lower_
        if low == "-t":  # "a-t-il": the pronoun is the next token
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_.startswith("-"):
                tok, low = nxt, nxt.lower_
        if low.startswith("-t-"):  # "a-t-elle" tokenised as "a", "-t-elle"
            low = low[2:]
        lang = doc_lang(doc, self.lang)
        pron_table = FR_PRONOUNS if lang == "fr" else EN_PRONOUNS
        if low in PLURAL_PRONOUNS:
            return Resolved(None, tok.text.lstrip("-"), None, "unknown")
        if low in pron_table:
            name = self.resolve_pronoun(pron_table[low], pos, par_index)
            if name and pron_table[low] and speaker:
                self.gender.setdefault(fold(name), pron_table[low])  # "Mary Lee … she told": she from now on
            return Resolved(name, low.lstrip("-"), "PER" if name else None, "pronoun")
        if low in RELATIVES and tok.head.dep_ in ("acl:relcl", "relcl", "acl") and depth < 2:
            return self.resolve_token(tok.head.head, par_index, depth + 1, speaker)
        span = self.mention_span(tok)
        mention = doc[span[0]:span[1]].text
        folded = fold(mention)
        if any(folded.startswith(x) for x in _LATTER):
            name = self._latest(pos, par_index, kinds=("mention", "subject", "speaker"), typ="PER")
            return Resolved(name, mention, "PER" if name else None, "pronoun")
        if tok.pos_ == "PRON":
            return None
        return self.resolve_mention(doc, span, pos, par_index, speaker)

    def resolve_mention(self, doc, span: tuple[int, int], pos: int, par_index: int,
                        speaker: bool = False) -> Resolved:
        toks = doc[span[0]:span[1]]
        mention = toks.text
        for t in toks:
            if t.ent_type_ in PER_LABELS:
                ent = _core(next(e for e in doc.ents if e.start <= t.i < e.end))
                name = self.canonical_person(ent.text, pos)
                if fold(name) not in self.not_people:
                    return Resolved(name, mention, "PER", "name")
        # "le secrétaire général de la CGT, Marc Lefèvre, a jugé": the name in apposition
        # (or after a longer description: "l'adjoint au maire chargé du logement, Yannick Ferrand, a …")
        end = span[1]
        while end < min(len(doc), span[1] + 8) and doc[end].text != "," and not doc[end].is_sent_start \
                and doc[end].pos_ not in ("AUX",) and doc[end].ent_type_ not in PER_LABELS:
            end += 1
        if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ in PER_LABELS:
            ent = _core(next(e for e in doc.ents if e.start <= end + 1 < e.end))
            return Resolved(self.canonical_person(ent.text, pos), mention, "PER", "name")
        key = self.key(mention)
        lang = doc_lang(doc, self.lang)
        spokes = self._spokesperson(doc, toks, pos, par_index, lang)
        if spokes is not None:
            return spokes
        hit = self._description(key, pos, _mention_gender(toks))
        if hit:
            return Resolved(hit[0], mention, hit[1], "description")
        for full in self.persons.values():  # a known full name the recogniser missed here
            if len(full.split()) >= 2 and full in mention:
                return Resolved(full, mention, "PER", "name")
        for t in toks:
            if t.ent_type_ in ORG_LABELS:
                ent = _core(next(e for e in doc.ents if e.start <= t.i < e.end))
                if ent.end < toks.end and _nounish(doc[ent.end]) and fold(doc[ent.end].text) not in COMPANY_NOUNS:
                    continue  # "One A&E consultant": the organisation only qualifies a person
                if fold(ent.text) in self.persons:
                    return Resolved(self.canonical_person(ent.text, pos), mention, "PER", "name")
                return Resolved(self.canonical_org(ent.text), mention, "ORG", "organisation")
        propn = [t for t in toks if t.pos_ == "PROPN" and t.text[:1].isupper()]
        if propn:
            chain = doc[propn[0].i: propn[-1].i + 1].text
            name = strip_name(chain)
            if fold(name) in self.orgs:
                return Resolved(self.orgs[fold(name)], mention, "ORG", "organisation")
            org = self._org_by_first_word(name)
            if org and fold(name) not in self.persons:
                return Resolved(org, mention, "ORG", "organisation")
            known = self.canonical_person(name, pos)
            if known and (fold(known) in self.persons or len(name.split()) >= 2):
                if fold(known) in self.persons or not any(t.pos_ == "NOUN" for t in toks):
                    return Resolved(known, mention, "PER", "name")
        nouns = [t for t in toks if t.pos_ == "NOUN" or fold(t.text) in ROLE_ABBREVIATIONS]
        if nouns:
            head = nouns[0] if lang == "fr" else nouns[-1]
            hfold = fold(head.text)
            hfold = ROLE_ABBREVIATIONS.get(hfold, hfold)  # "CEO" -> "the chief executive of X"
            named_after = any(t.lower_ in _OF and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper()
                              for t in toks if t.i > head.i)
            if hfold in COMPANY_NOUNS or hfold in GROUP_NOUNS:
                # "l'association de défense des épargnants Aide aux victimes de la finance": the
                # name set after the description
                later = [t for t in toks if t.i > head.i + 1 and t.text[:1].isupper() and t.is_alpha
                         and doc[t.i - 1].lower_ not in _OF and doc[t.i - 1].pos_ != "DET"]
                if later and not any(t.ent_type_ in PER_LABELS for t in later):
                    return Resolved(self.canonical_org(doc[later[0].i:toks.end].text), mention, "ORG",
                                    "organisation")
            if hfold in DOCUMENT_NOUNS and speaker and len(key.split()) <= 3:
                # "“…,” the statement said": the organisation that issued it
                name = self._latest(pos, par_index, kinds=("subject", "speaker"), typ="ORG", span=1) \
                    or self._latest(pos, par_index, kinds=("mention",), typ="ORG", span=0)
                if name:
                    return Resolved(name, mention, "ORG", "organisation")
            if (hfold in COMPANY_NOUNS or hfold in GROUP_NOUNS) and len(key.split()) <= 3 and not named_after:
                name = self._latest(pos, par_index, kinds=("subject",), typ="ORG", span=3) \
                    or self._latest(pos, par_index, kinds=("mention", "subject"), typ="ORG", span=2)
                if name:
                    return Resolved(name, mention, "ORG", "description")
            if len(key.split()) <= 2 and hfold in self.heads:
                cands = self._agreeing(self.heads[hfold], _mention_gender(toks))
                cands = [c for c in cands if c[0] < pos] or cands
                if cands:
                    c = max(cands, key=lambda c: c[0])
                    return Resolved(c[1], mention, c[2], "description")
            # an institution named by its description ("le ministère américain du Commerce")
            if any(w[:1].isupper() for w in mention.split()[1:]) and len(mention.split()) <= 8 \
                    and hfold not in PERSON_ROLES and (hfold in GROUP_NOUNS or hfold in COMPANY_NOUNS or named_after):
                words = mention.split()
                while words and fold(words[0]) in _DETS:
                    words = words[1:]
                return Resolved(" ".join(words), mention, "ORG", "organisation")
        person = self._undefined_description(toks, pos, par_index) if speaker else None
        if person:
            return Resolved(person, mention, "PER", "description")
        return Resolved(None, mention, None, "unknown")

    def _undefined_description(self, toks, pos: int, par_index: int) -> str | None:
        """"le technicien", "the veteran": a singular definite description the article never tied
        to a name stands for the person of that gender the paragraph is about, like a pronoun."""
        toks = list(toks)
        if toks and _AGE_DESCRIPTION.match(fold(" ".join(t.text for t in toks).replace(" - ", "-"))):
            return self.resolve_pronoun(_mention_gender(toks), pos, par_index)  # "the 22-year-old"
        if len(toks) > 3 and toks[2].pos_ == "ADP":  # "le prévenu de 58 ans"
            toks = toks[:2]
        if len(toks) < 2 or len(toks) > 3 or toks[0].lower_ not in _DEFINITE or not _nounish(toks[1]) \
                or toks[1].dep_ not in SUBJ_DEPS | {"obj", "dobj", "appos", "expl:subj"}:
            return None
        head = fold(toks[1].text)
        if head in COMPANY_NOUNS or head in GROUP_NOUNS or head in SPOKES_NOUNS or head in WORK_WORDS \
                or head in DOCUMENT_NOUNS or "Plur" in toks[1].morph.get("Number") or toks[1].tag_ in ("NNS", "NNPS"):
            return None
        name = self.resolve_pronoun(_mention_gender(toks), pos, par_index)
        if name:  # "le prévenu" keeps standing for the same person further on
            self.heads.setdefault(head, []).append((pos, name, "PER"))
        return name

    def _org_by_first_word(self, name: str) -> str | None:
        """"Halvorsen" -> "Halvorsen Aerostructures", when no person has that name."""
        key = fold(name)
        if not key or any(key in p.split() for p in self.persons):
            return None
        hits = {form for k, form in self.orgs.items() if k.split()[:len(key.split())] == key.split() and k != key}
        return hits.pop() if len(hits) == 1 else None

    def canonical_org(self, s: str) -> str:
        name = strip_name(s)
        return self.orgs.get(fold(name), name)

    def _description(self, key: str, pos: int, gender: str | None = None) -> tuple[str, str] | None:
        words = key.split()
        for n in range(len(words), 0, -1):
            k = " ".join(words[:n])
            if k in self.descriptions and (n >= 2 or n == len(words)):
                cands = self._agreeing(self.descriptions[k], gender)
                cands = [c for c in cands if c[0] < pos] or cands
                if cands:
                    c = max(cands, key=lambda c: c[0])
                    return c[1], c[2]
        return None

    def _agreeing(self, cands: list, gender: str | None) -> list:
        """"le ministre" is not "la Première ministre": drop people of the other gender."""
        if gender is None:
            return cands
        return [c for c in cands if c[2] != "PER" or self.gender_of(c[1]) in (None, gender)]

    def _spokesperson(self, doc, toks, pos: int, par_index: int, lang: str) -> Resolved | None:
        """"a spokesman for the FAA", "analysts at Jefferies", "une porte-parole": the organisation
        they speak for, named after the noun or the last organisation the text was about."""
        nouns = [t for t in toks if _nounish(t)]
        if not nouns or fold(nouns[0].text) not in SPOKES_NOUNS:
            return None
        mention = toks.text
        head = nouns[0]
        # "A Department for Environment spokesperson": the organisation named before the noun
        i = head.i - 1
        while i >= 0 and doc[i].pos_ != "DET" and (doc[i].text[:1].isupper() or doc[i].lower_ in ("for", "of", "&", "and")) \
                and not doc[i].is_sent_start:
            i -= 1
        before = doc[i + 1:head.i]
        if len(before) and before[0].text[:1].isupper() and before[-1].text[:1].isupper():
            name = before.text
            return Resolved(self.canonical_org(name), mention, "ORG", "organisation")
        end = toks[-1].i + 1
        for t in doc[head.i + 1:min(len(doc), end + 8)]:
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break
            if t.lower_ in ("for", "of", "at", "from", "de", "du", "des", "d'", "d’", "chez", "auprès"):
                obj = next((o for o in doc[t.i + 1:t.i + 6] if o.pos_ in ("PROPN", "NOUN")), None)
                if obj is not None:
                    sub_end = obj.i + 1
                    while sub_end < len(doc) and doc[sub_end].pos_ == "PROPN":
                        sub_end += 1
                    res = self.resolve_mention(doc, (obj.i if obj.pos_ == "PROPN" else t.i + 1, sub_end),
                                               pos, par_index)
                    if res.name:
                        return Resolved(res.name, mention, "ORG" if res.type != "PER" else res.type,
                                        "organisation")
                    if obj.pos_ == "PROPN" and obj.text[:1].isupper():
                        return Resolved(self.canonical_org(doc[obj.i:sub_end].text), mention, "ORG",
                                        "organisation")
                break
        name = self._latest(pos, par_index, kinds=("subject", "speaker"), typ="ORG", span=1) \
            or self._latest(pos, par_index, kinds=("mention",), typ="ORG", span=0)
        if name:
            return Resolved(name, mention, "ORG", "organisation")
        # "le représentant de l'État", "la porte-parole de la mairie" with no organisation named:
        # a definite singular description of someone already in the text, like a pronoun
        if toks[0].lower_ in _DEFINITE and "Plur" not in head.morph.get("Number") and head.tag_ != "NNS":
            person = self.resolve_pronoun(_mention_gender(toks), pos, par_index)
            if person:
                return Resolved(person, mention, "PER", "description")
        return Resolved(None, mention, None, "unknown")

    def resolve_pronoun(self, gender: str | None, pos: int, par_index: int) -> str | None:
        """The person a pronoun stands for: the subject (or speaker) of this paragraph, else the
        person it last named, else the subject of the paragraphs before, else their last name."""

        def ok(e: Event) -> bool:
            g = self.gender_of(e.name)
            return gender is None or g is None or g == gender

        return (self._latest(pos, par_index, ("subject", "speaker"), "PER", span=0, ok=ok)
                or self._latest(pos, par_index, ("mention",), "PER", span=0, ok=ok)
                or self._latest(pos, par_index, ("subject", "speaker"), "PER", span=2, ok=ok)
                or self._latest(pos, par_index, ("mention",), "PER", span=1, ok=ok))

    def _latest(self, pos, par_index, kinds, typ, span=2, ok=None) -> str | None:
        for e in reversed(self.events):
            if e.pos >= pos:
                continue
            if e.para < par_index - span:
                break
            if e.kind in kinds and e.type == typ and (ok is None or ok(e)):
                return e.name
        return None

    # ----- spans ---------------------------------------------------------------------------
    def mention_span(self, tok) -> tuple[int, int]:
        doc = tok.doc
        if tok.ent_type_:
            ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
            if ent is not None and ent.label_ in PER_LABELS | ORG_LABELS:
                # keep a description in front of the name: "le ministre de la Santé Roman Prymula"
                left = min(ent.start, tok.left_edge.i) if tok.i == ent.root.i else ent.start
                return self._trim_left(doc, left, ent.start), ent.end
        right = tok.i + 1
        sub = {t.i for t in tok.subtree}
        while right in sub and right < len(doc):
            t = doc[right]
            if t.pos_ == "PUNCT" or t.dep_ in ("acl:relcl", "relcl", "acl", "advcl") \
                    or t.lower_ in RELATIVES or t.pos_ in ("VERB", "AUX"):
                break
            right += 1
        left = tok.left_edge.i
        return self._trim_left(doc, left, tok.i), right

    @staticmethod
    def _trim_left(doc, left: int, limit: int) -> int:
        for i in range(limit - 1, left - 1, -1):
            if doc[i].is_punct and doc[i].text not in "“”«»\"'‘’" or doc[i].pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "ADP"):
                return i + 1
        return left

    def _offset(self, doc) -> int:
        return doc.user_data.get("offset", 0)
