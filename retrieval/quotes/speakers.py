"""Who said a quote: the reporting cue near it and that cue's grammatical subject.

Patterns: a cue after the quote ("…," Boudreau said / « … », a-t-il estimé / « … » a déclaré le
ministre / quipped Pitt), before it (Parise said: "…" / a déclaré que le boycott était « … »),
participial cues whose subject is the governing verb's (estimant que « … », balayant … : « … »),
"selon X" / "according to X", an incise inside the quote, and the words of a document an
organisation published (des recommandations, qui « … »). Resolution to the canonical name is
left to `coref.Resolver`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.quotes.coref import (
    PER_LABELS,
    SUBJ_DEPS,
    Resolved,
    Resolver,
    doc_lang,
    strip_name,
)
from retrieval.quotes.cues import (
    DOCUMENT_NOUNS,
    EN_WEAK_CUES,
    fold,
    is_en_cue_form,
    is_fr_cue_form,
)

_VERBAL = frozenset({"VERB", "AUX"})
_OTHER_CLAUSE = re.compile(
    r"\b(?:alors que|tandis que|pendant que|bien que|meme si|parce que|puisque|lorsque|quand|while|whereas|"
    r"although|though|because|since|when|as if)\b|,\s*(?:qui|dont|ou|who|which|where)\b")
_TRAIL_MAX_WORDS = 7
_EXPLETIVES = frozenset({"c'", "c’", "ce", "ça", "cela", "ceci", "it", "there", "il y"})


@dataclass
class Attribution:
    resolved: Resolved | None
    cue: str | None
    how: str  # trailing | leading | incise | selon | document | none


def is_cue(tok, lang: str) -> bool:
    low = tok.lower_
    if lang == "fr":
        if low == "selon" or (low == "après" and tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("d'", "d’")):
            return True
        return is_fr_cue_form(low) and (tok.pos_ in _VERBAL or tok.dep_ in ("ROOT", "parataxis"))
    if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        return True
    return is_en_cue_form(low) and (tok.pos_ in _VERBAL or tok.tag_.startswith("VB"))


def cue_text(tok) -> str:
    doc = tok.doc
    low = tok.lower_
    if low == "according":
        return "according to"
    if low == "après":
        return doc[tok.i - 1:tok.i + 1].text
    left = tok.i
    for c in tok.children:
        if c.dep_.startswith("aux") and c.i < tok.i and tok.i - c.i <= 4:
            left = min(left, c.i)
    return doc[left:tok.i + 1].text


def main_clause(verb) -> bool:
    """The verb heads the sentence (or is coordinated with the verb that does)."""
    for _ in range(3):
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ not in ("conj", "parataxis") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _nonfinite(v) -> bool:
    """Participles in -ant / -ing and infinitives have no subject of their own."""
    forms = v.morph.get("VerbForm")
    if v.tag_ in ("VBG", "VB") or "Inf" in forms or "Ger" in forms:
        return True
    return "Part" in forms and "Pres" in v.morph.get("Tense")


class Attributor:
    def __init__(self, text: str, resolver: Resolver, lang: str, in_quote):
        self.text = text
        self.r = resolver
        self.lang = lang
        self.in_quote = in_quote

    def cue(self, tok) -> bool:
        return is_cue(tok, doc_lang(tok.doc, self.lang))

    def cue_form(self, tok) -> bool:
        """The word is a reporting verb's form, whatever the tagger made of it."""
        low = tok.lower_
        return is_fr_cue_form(low) if doc_lang(tok.doc, self.lang) == "fr" else is_en_cue_form(low)

    def tokens(self, doc, a: int, b: int) -> list:
        off = doc.user_data["offset"]
        return [t for t in doc if a <= off + t.idx < b and not self.in_quote(off + t.idx)]

    # ----- the cue's subject ---------------------------------------------------------------
    def subject(self, v, trailing: bool, depth: int = 0):
        low = v.lower_
        if low in ("selon", "après"):
            head = v.head if v.dep_ == "case" else None
            if head is None or head.i == v.i:
                head = next((t for t in v.doc[v.i + 1:v.i + 6] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
            if head is not None and fold(head.text) in DOCUMENT_NOUNS:  # "selon un communiqué de X"
                issuer = next((c for c in head.children if c.dep_ == "nmod"
                               and any(g.lower_ in ("de", "du", "des", "d'", "d’") for g in c.children)), None)
                return issuer or head
            return head
        if low == "according":
            to = v.doc[v.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            return obj or next((t for t in v.doc[v.i + 2:v.i + 7] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        off = v.doc.user_data["offset"]
        subjects = [c for c in v.children if c.dep_ in SUBJ_DEPS and not self.in_quote(off + c.idx)]
        real = [c for c in subjects if c.lower_ not in _EXPLETIVES]
        nominal = [c for c in real if c.dep_ != "csubj" and c.pos_ not in _VERBAL]
        if not nominal and real:  # "Writing on X, the director …, Priya Nair, said": the name before the verb
            near = [t for t in v.doc[max(0, v.i - 3):v.i] if t.ent_type_ in PER_LABELS and not self.in_quote(off + t.idx)]
            if near:
                return near[-1]
        if nominal or real:
            return (nominal or real)[-1]
        # "Il estime que …": the parser calls the pronoun an expletive, but a reporting verb is
        # never impersonal
        personal = [c for c in v.children if c.dep_ == "expl:subj" and c.lower_ in ("il", "elle")
                    and not self.in_quote(off + c.idx)]
        if personal and self.cue(v):
            return personal[0]
        # "a-t-il ajouté" parsed with the inverted pronoun as an expletive subject of the verb
        hyphened = [c for c in v.children if c.lower_.startswith("-") and c.pos_ == "PRON" and c.lower_ != "-t"]
        if hyphened:
            return hyphened[0]
        # "a-t-elle assuré": the inverted pronoun hangs off the auxiliary
        inverted = [g for c in v.children if c.dep_.startswith("aux") for g in c.children
                    if g.lower_.startswith("-") and g.pos_ == "PRON"]
        named = [g for g in inverted if g.lower_ != "-t"]
        if named or inverted:
            return (named or inverted)[0]
        if trailing and not _nonfinite(v):
            for c in v.rights:
                if self.in_quote(off + c.idx):
                    continue
                if c.dep_ in ("obj", "dobj", "nsubj", "appos", "expl:subj", "attr", "npadvmod") \
                        and c.pos_ in ("NOUN", "PROPN", "PRON") \
                        and not any(g.dep_ == "case" for g in c.children):
                    return c
        if depth < 3 and v.dep_ in ("advcl", "conj", "xcomp", "acl", "ccomp", "parataxis") \
                and v.head.i != v.i and not self.in_quote(off + v.head.idx):
            found = self.subject(v.head, trailing=False, depth=depth + 1)
            if found is not None:
                return found
        if depth == 0 and _nonfinite(v):
            return self._nearest_subject_before(v)
        return None

    def _nearest_subject_before(self, v):
        """A participle cut off from its clause by a quote: the closest subject before it."""
        off = v.doc.user_data["offset"]
        cands = [t for t in reversed(v.doc[max(0, v.i - 80):v.i])
                 if t.dep_ in SUBJ_DEPS and t.lower_ not in _EXPLETIVES
                 and not self.in_quote(off + t.idx) and not _nonfinite(t.head)]
        main = [t for t in cands if main_clause(t.head)]
        return (main or cands or [None])[0]

    def _attribute_cue(self, v, par_index: int, trailing: bool, how: str) -> Attribution:
        s = self.subject(v, trailing)
        resolved = self.r.resolve_token(s, par_index, speaker=True) if s is not None else None
        if s is None and not trailing and not _nonfinite(v):
            resolved = self._phrase_before_verb(v, par_index)
        if resolved is not None and not resolved.name and v.lower_ == "selon" and s.pos_ == "NOUN" \
                and s.head.pos_ == "NOUN" and fold(s.head.text) in DOCUMENT_NOUNS:
            name = re.sub(r"^(?:l|d)['’]", "", strip_name(resolved.mention), flags=re.IGNORECASE)
            resolved = Resolved(name, resolved.mention, "ORG", "organisation")
        return Attribution(resolved, cue_text(v), how)

    def _phrase_before_verb(self, v, par_index: int) -> Resolved | None:
        """A finite cue the parser left without a subject ("À la sortie, l'association … (AVF) a
        jugé"): the noun phrase between the last comma and the verb group."""
        doc = v.doc
        k = v.i
        while k > 0 and doc[k - 1].pos_ == "AUX":
            k -= 1
        a = k
        while a > v.sent.start and doc[a - 1].text not in ",;:«»“”\"" and k - a < 14:
            a -= 1
        if a >= k or doc[a].pos_ != "DET" or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[a:k]):
            return None
        res = self.r.resolve_mention(doc, (a, k), doc.user_data["offset"] + doc[a].idx, par_index, speaker=True)
        return res if res.name else None

    def _named(self, att: Attribution | None) -> bool:
        return att is not None and att.resolved is not None and bool(att.resolved.name)

    def _inverted_subject(self, v, b: int, par_index: int) -> Resolved | None:
        """« … », a lancé à la tribune Sophie Garnier: the first person named after the verb."""
        doc = v.doc
        off = doc.user_data["offset"]
        for t in doc[v.i + 1:]:
            if off + t.idx >= b or self.in_quote(off + t.idx) or t.lower_ in ("selon", "according", "que", "that"):
                break
            if t.ent_type_ in PER_LABELS:
                res = self.r.resolve_token(t, par_index, speaker=True)
                if res is not None and res.name:
                    return res
        return None

    def _hyphen_pronoun(self, toks, par_index: int) -> Resolved | None:
        """« … », a-t-elle prévenu: the inverted pronoun names the speaker, however the parser
        attached it."""
        for t in toks:
            low = t.lower_
            if low.startswith("-t-"):
                low = low[2:]
            if low in ("-il", "-elle"):
                res = self.r.resolve_token(t, par_index, speaker=True)
                if res is not None and res.name:
                    return res
        return None

    def _noun_phrase_before(self, toks, par_index: int) -> Resolved | None:
        """"“…,” the 22-year-old told Reuters" misparsed: the words between the quote and the cue,
        a determiner and a noun phrase, are the subject."""
        if not toks or len(toks) > 6 or toks[0].pos_ != "DET" \
                or not all(t.pos_ in ("DET", "NUM", "NOUN", "ADJ", "PROPN", "PUNCT") for t in toks):
            return None
        res = self.r.resolve_mention(toks[0].doc, (toks[0].i, toks[-1].i + 1),
                                     toks[0].doc.user_data["offset"] + toks[0].idx, par_index, speaker=True)
        return res if res.name else None

    def _impersonal_source(self, v, b: int, par_index: int) -> Resolved | None:
        """« … », fait-on valoir au ministère / indique-t-on chez X: the place named after the
        impersonal "on" is the source."""
        doc = v.doc
        off = doc.user_data["offset"]
        if not any(c.lower_ in ("-on", "on") for c in v.subtree) and not any(
                t.lower_ in ("-on", "on") for t in doc[max(0, v.i - 2):v.i + 2]):
            return None
        for t in doc[v.i + 1:]:
            if off + t.idx >= b or self.in_quote(off + t.idx):
                break
            if t.lower_ in ("au", "aux", "chez", "à") and t.i + 1 < len(doc):
                k = t.i + 1
                while k < len(doc) and doc[k].pos_ == "DET":
                    k += 1
                if k >= len(doc) or not (doc[k].pos_ in ("NOUN", "PROPN")):
                    continue
                if fold(doc[k].text) in ("entourage", "cote", "sein"):  # "dans l'entourage de X"
                    continue
                end = k + 1
                while end < len(doc) and (doc[end].lower_ in ("de", "du", "des", "d'", "d’", "la", "l'", "l’")
                                          or doc[end].text[:1].isupper() or doc[end].pos_ == "ADJ") \
                        and off + doc[end].idx < b:
                    end += 1
                while end > k + 1 and doc[end - 1].lower_ in ("de", "du", "des", "d'", "d’", "la", "l'", "l’"):
                    end -= 1
                res = self.r.resolve_mention(doc, (k, end), off + doc[k].idx, par_index, speaker=True)
                if res.name:
                    return res
        return None

    # ----- windows -------------------------------------------------------------------------
    def trailing(self, doc, a: int, b: int, par_index: int, strict: bool,
                 incise: bool = False) -> Attribution | None:
        """The cue after a quote. With `incise` (the quote ends with a comma, or a comma follows
        it) the clause is a reporting clause whatever its verb: « … », a répété le ministre /
        "…," Whitfield cautioned."""
        count = 0
        toks = [t for t in self.tokens(doc, a, b) if not t.is_punct]
        for n, t in enumerate(toks):
            lexical = self.cue(t) and not (strict and t.lower_ in EN_WEAK_CUES)
            participle = t.pos_ == "ADJ" and any(x.pos_ == "AUX" for x in toks[:n])  # "a-t-il grincé" tagged ADJ
            structural = incise and n < 4 and (t.pos_ == "VERB" or participle) and not _nonfinite(t) \
                and all(x.pos_ in ("AUX", "PRON", "PROPN", "DET", "NOUN", "ADV", "PART") for x in toks[:n])
            if lexical or structural:
                att = self._attribute_cue(t, par_index, trailing=True, how="trailing")
                if not self._named(att):
                    res = self._inverted_subject(t, b, par_index) or self._hyphen_pronoun(toks[:n + 1], par_index) \
                        or self._impersonal_source(t, b, par_index) or self._noun_phrase_before(toks[:n], par_index)
                    if res is not None:
                        att = Attribution(res, att.cue, "trailing")
                return att
            count += 1
            if count >= _TRAIL_MAX_WORDS:
                break
        return None

    def colon(self, doc, a: int, b: int, par_index: int) -> Attribution | None:
        """"Subject VERB … : « … »": the clause that introduces the quote, whatever its verb."""
        toks = self.tokens(doc, a, b)
        verbs = [t for t in toks if t.pos_ in _VERBAL and t.dep_ not in ("aux", "aux:tense", "aux:pass", "cop")]
        for v in reversed(verbs[-3:]):
            att = self._attribute_cue(v, par_index, trailing=False, how="leading")
            if self._named(att):
                return att
        return None

    def leading(self, doc, a: int, b: int, par_index: int) -> Attribution | None:
        """The nearest cue before the quote whose subject names someone (a cue whose subject is a
        thing, "the hardest part had been writing", gives way to the one before it)."""
        toks = self.tokens(doc, a, b)
        first = None
        for t in reversed(toks):
            if self.cue(t):
                att = self._attribute_cue(t, par_index, trailing=False, how="leading")
                if self._named(att):
                    return att
                first = first or att
        if first is None:
            return self._cue_tagged_as_noun(toks, par_index)
        return first

    def _cue_tagged_as_noun(self, toks, par_index: int) -> Attribution | None:
        """"Claire Vautrin, chercheuse au CNRS, juge le modèle « … »": a cue form the tagger read
        as a noun ("juge", "note", "estime") in a verb's place, after a name and its apposition
        and before an object: the name is the subject."""
        for k in range(len(toks) - 2, 0, -1):
            t, prev, nxt = toks[k], toks[k - 1], toks[k + 1]
            if t.pos_ not in ("NOUN", "PROPN", "ADJ") or not self.cue_form(t) or t.text[:1].isupper():
                continue
            if prev.text not in "," and prev.ent_type_ not in PER_LABELS:
                continue
            if nxt.pos_ not in ("DET", "ADP", "SCONJ") and nxt.text not in "«“\"":
                continue
            names = [u for u in toks[:k] if u.ent_type_ in PER_LABELS and u.sent == t.sent]
            if names:
                res = self.r.resolve_token(names[-1], par_index, speaker=True)
                if res is not None and res.name:
                    return Attribution(res, t.text, "leading")
        return None

    def document(self, doc, a: int, b: int, par_index: int) -> Attribution | None:
        """« … » as the words of a statement, report or recommendations an organisation issued."""
        for t in reversed(self.tokens(doc, a, b)):
            if t.pos_ == "NOUN" and fold(t.text) in DOCUMENT_NOUNS:
                v = t
                for _ in range(4):
                    v = v.head
                    if v.pos_ in _VERBAL:
                        s = self.subject(v, trailing=False)
                        if s is not None:
                            res = self.r.resolve_token(s, par_index, speaker=True)
                            if res is not None and res.name:
                                return Attribution(res, None, "document")
                    if v.head.i == v.i:
                        break
        return None

    def other_clause(self, lead: str, inner: str, attr: Attribution) -> bool:
        """A few quoted words in a clause the writer opened after the cue ("a regretté …, alors que
        plusieurs « frondeurs » hésitent encore") are the writer's scare quotes, not the speaker's.
        `lead`: the sentence up to the opening mark."""
        if not attr.cue or len(inner.split()) > 3:
            return False
        at = lead.rfind(attr.cue)
        if at < 0:
            return False
        return bool(_OTHER_CLAUSE.search(fold(lead[at + len(attr.cue):])))

    def incise(self, doc, a: int, b: int, par_index: int) -> Attribution | None:
        off = doc.user_data["offset"]
        toks = [t for t in doc if a <= off + t.idx < b]
        cue = None
        for t in toks:
            if self.cue(t):
                found = self._attribute_cue(t, par_index, trailing=True, how="incise")
                if found.resolved is not None and found.resolved.name:
                    return found
                cue = cue or found
        for t in toks:  # "dit-il" may be split oddly: the pronoun still names the speaker
            if t.lower_.lstrip("-") in ("il", "elle", "he", "she"):
                return Attribution(self.r.resolve_token(t, par_index), cue.cue if cue else toks[0].text, "incise")
        for t in toks:  # "…, juge pour sa part Marc Tissier, …": the tagger missed the verb, the name is there
            if t.pos_ == "PROPN" and t.text[:1].isupper():
                res = self.r.resolve_token(t, par_index, speaker=True)
                if res is not None and res.name:
                    return Attribution(res, toks[0].text, "incise")
        return cue
