"""Who could have said each quote: candidate speakers with language-neutral features.

For one quotation, every person-like mention around it (names, pronouns, descriptions in the
quote's sentences and the ones next to them, outside any quotation) is a candidate, plus the
previous quote's speaker (a quote that carries on) and the article's main sources. Each candidate is
described by features the scorer weighs: its relation in the dependency tree to the verb that
governs the quote (whatever the verb and the distance), whether that verb is a speech verb, framings
("selon X", "according to X", "Pour X, « … »"), a colon after the clause, position, distance, entity
type and salience, whether the quote names the candidate, and whether it is the only candidate such a tie
binds to the quote. Nothing here decides: `scorer` ranks, `attribution` ties it together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from retrieval.quotes.cues import DOCUMENT_NOUNS, MEDIA_NOUNS, PERSON_ROLES, SPOKES_NOUNS, fold
from retrieval.quotes.entities import SUBJ_DEPS, Entity, Inventory, Mention
from retrieval.quotes.lexicon import (FRAMING_EN, FRAMING_FR, SPEECH_NOUNS, is_speech_predicate, is_speech_token,
                                      verb_group_start)
from retrieval.quotes.scorer import strongly_tied

_OBJ_DEPS = frozenset({"obj", "dobj", "obl:arg", "iobj", "attr", "dative", "oprd"})
_AGENT_DEPS = frozenset({"obl:agent", "agent"})
# the same referent: "le ministre Gérald Darmanin", "Price, a retired teacher" (never "du Conseil")
_CHAIN_DEPS = frozenset({"appos", "flat:name", "flat", "compound"})
_MAX_DIST = 60
# a clause hanging off another clause's verb ("…, écrit Le Canard enchaîné")
_CLAUSE_DEPS = frozenset({"advcl", "parataxis", "dep"})


@dataclass
class Candidate:
    kind: str  # "mention" | "previous" | "main"
    entity: Entity | None
    mention: Mention | None = None
    name: str | None = None  # the canonical speaker this candidate stands for
    cue: str | None = None
    features: dict[str, float] = field(default_factory=dict)
    lang: str = ""


@dataclass
class QuoteContext:
    """What the candidate generator needs about one quotation span."""

    par: int
    doc: object  # the paragraph's spaCy Doc
    open_at: int  # article offsets of the opening and closing marks (close -1: none)
    close_at: int
    start: int
    end: int
    continued: bool  # carries on a quote from the previous paragraph
    after_incise: bool  # the piece after an incise in the same marks
    heading: bool
    lead_colon: bool  # the text just before the quote ends with ":"
    opens_par: bool  # nothing but the quote's mark before it in the paragraph
    partial: bool  # a few words inside the writer's sentence
    incise: tuple[int, int] | None = None  # the incise inside the same marks, right after this piece
    # the paragraph before, when it ends with a colon and this quote opens its own: "…, comme l'explique
    # l'ingénieur Scott Saviz :" then the quote as a paragraph of its own; (paragraph index, its Doc)
    lead: tuple[int, object] | None = None


def _nominal_head(tok, inside):
    """Climb appositions and name parts to the noun phrase's head ("le ministre Gérald Darmanin"). A
    name that only modifies a person's role after it ("the SENATE minority leader") is not that
    person: no climbing from it (but "the CLINTON campaign", "an APPLE spokesman" speak for it)."""
    h = tok
    for _ in range(4):
        if h.dep_ == "compound" and h.pos_ == "PROPN" and h.i < h.head.i and h.head.pos_ == "NOUN" \
                and fold(h.head.text) in PERSON_ROLES and fold(h.head.text) not in SPOKES_NOUNS:
            break
        if h.dep_ in _CHAIN_DEPS and h.head.i != h.i and not inside(h.head):
            h = h.head
        else:
            break
    return h


_OWNER_CASES = frozenset({"de", "du", "des", "d'", "d’", "of", "from", "by"})


def _document_owner(h):
    """ "TNO's report said", « le rapport de la Défenseure des droits l'atteste », "a letter from the
    Conservatives said": the owner of a document that is the subject of the verb stands where the
    document stands (its subject), so it is that verb's speaker. Returns the document noun, or h."""
    doc_noun = None
    if h.dep_ in ("poss", "nmod:poss"):
        doc_noun = h.head
    elif h.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in _OWNER_CASES for c in h.children):
        doc_noun = h.head
    elif h.dep_ == "pobj" and h.head.lower_ in _OWNER_CASES and h.head.dep_ == "prep":
        doc_noun = h.head.head
    if doc_noun is not None and doc_noun.pos_ == "NOUN" and fold(doc_noun.text) in DOCUMENT_NOUNS \
            and doc_noun.dep_ in SUBJ_DEPS:
        return doc_noun
    return h


def _coordinated_cue(v, governs, lang: str, inside=lambda t: False):
    """ "X est nommée aux Oscars et a déclaré que « … »", "Smith arrived and said": a subject is also
    the subject of the verbs coordinated with its own that have none, so when its own verb is no
    speech verb, a coordinated speech verb that governs the quote is its cue (never a verb of the
    quoted words: "the candidate has “always run … and will continue to do so”")."""
    if is_speech_predicate(v, lang):
        return v
    for c in v.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(g.dep_ in SUBJ_DEPS for g in c.children) \
                and not inside(c) and is_speech_predicate(c, lang) and governs(c):
            return c
    return v


def _verb_of(h):
    v = h.head
    for _ in range(3):
        if v.pos_ in ("VERB", "AUX") or v.i == v.head.i:
            break
        if v.pos_ in ("ADP",) or v.dep_ in ("prep", "case"):
            v = v.head
        else:
            break
    return v


def _framed(tok, h, lang: str) -> bool:
    words = (FRAMING_FR if lang == "fr" else FRAMING_EN) | {"selon", "d'après"}
    doc, end = h.doc, _phrase_end(h)
    if any(c.dep_ in ("case", "prep") and _framing_word(doc, c, end, words) for c in h.children):
        return True
    if h.left_edge.i > 0 and _framing_word(doc, doc[h.left_edge.i - 1], end, words):
        return True
    p = h.head
    if p.lower_ == "to" and p.head.lower_ in ("according",):
        return True
    if _read_in(h):
        return True
    return p.lower_ in ("per", "selon") or (lang == "fr" and p.lower_ == "pour" and _pour_framing(doc, p.i, end))


# « … », peut-on lire dans Les Échos; "…," it wrote in The Lancet: the publication the words are read in
_READ_VERBS = frozenset({"lire", "écrire", "publier", "read", "write", "publish"})


def _read_in(h) -> bool:
    if not h.text[:1].isupper() and fold(h.text) not in MEDIA_NOUNS:
        return False  # "writing in a note to clients": a document, not a publication ("le quotidien du soir" is one)
    into = any(c.dep_ == "case" and c.lower_ == "dans" for c in h.children) or (
        h.head.lower_ == "in" and h.head.dep_ == "prep")
    return into and _verb_of(h).lemma_.lower() in _READ_VERBS


def _phrase_end(h) -> int:
    """The last word of h's noun phrase: its subtree up to the first punctuation ("Pour Émilie, « … »"
    where the parser hung the opening mark on the name)."""
    end = h.i
    for t in h.doc[h.i + 1:h.right_edge.i + 1]:
        if t.is_punct:
            break
        end = t.i
    return end


def _framing_word(doc, t, end: int, words) -> bool:
    """A framing preposition before a noun phrase ending at `end`: "selon", "according", "d'après"; "pour"
    only opening "Pour X, « … »" ("producteur pour Gaumont" frames nothing); "après" only after "d'"."""
    word = t.lower_.replace("’", "'")
    if word not in words:
        return False
    if word == "pour":
        return _pour_framing(doc, t.i, end)
    if word == "après":
        return t.i > 0 and doc[t.i - 1].lower_.replace("’", "'") == "d'"
    return True


def _pour_framing(doc, at: int, end: int) -> bool:
    """ "Pour X, « … »" opens its clause and closes X with a comma."""
    opens = at == 0 or doc[at - 1].is_punct or doc[at - 1].is_sent_start or doc[at].is_sent_start
    return opens and end + 1 < len(doc) and doc[end + 1].text in (",", ":")


_TO = frozenset({"à", "au", "aux", "auprès", "to"})


def _addressee(h) -> bool:
    """ "raconte Azur à Reporterre", "told reporters", "a-t-il déclaré au Monde": who was spoken to."""
    if any(c.dep_ in ("case", "prep") and c.lower_ in _TO for c in h.children):
        return True
    if h.head.lower_ in _TO and h.head.dep_ in ("prep", "case", "dative"):
        return True
    prev = h.doc[h.left_edge.i - 1] if h.left_edge.i > 0 else None
    return prev is not None and prev.lower_ in _TO or h.dep_ == "dative"


def _without_addressees(out: list[Candidate], verbs: dict[int, int]) -> list[Candidate]:
    """ "…, dit-elle à Reporterre", "raconte Azur à Reporterre", "told reporters": whom the speech verb
    governing the quote addresses is not its speaker when that verb has its own subject among the
    candidates (as subject, or as the inverted subject the parser took for an object)."""
    spoken = {verbs[id(c)] for c in out if (c.features.get("subj_speech_gov") or c.features.get("obj_after_speech_gov"))
              and not c.features.get("addressee")}
    return [c for c in out if not (c.features.get("addressee") and c.features.get("speech_verb")
                                   and c.features.get("governs") and not c.features.get("dep_subj")
                                   and verbs[id(c)] in spoken)]


def _inside_other(h, ent: Entity | None, inv: Inventory, par: int) -> bool:
    """Is the mention, from its noun phrase's head `h` (past its own appositions and name parts), within
    the noun phrase of a mention of another entity (up to its clause's verb)?"""
    t = h
    for _ in range(6):
        if t.head.i == t.i or t.head.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
        other = inv.mention_at(par, t.i)
        if other is not None and other.entity is not None and (ent is None or other.entity != ent.id):
            return True
    return False


def _aux_cue(v) -> str:
    aux = [c for c in v.children if c.dep_.startswith("aux") and c.i < v.i]
    return " ".join([a.text for a in aux] + [v.text]) if aux else v.text


def generate(ctx: QuoteContext, inv: Inventory, in_quote, lang: str, previous: tuple[str | None, float, int] | None,
             main: list[Entity]) -> list[Candidate]:
    doc = ctx.doc
    off = doc.user_data["offset"]

    def inside(tok) -> bool:
        p = off + tok.idx
        end = ctx.close_at if ctx.close_at >= 0 else ctx.end
        return ctx.open_at <= p <= end

    qtoks = [t for t in doc if inside(t)]
    if not qtoks:
        return _extra(ctx, previous, main, [], False)
    # the sentence of the quote's first word: the parser may hang an opening mark on the sentence before
    words = [t for t in qtoks if not t.is_punct] or qtoks
    first_sent, last_sent = words[0].sent, words[-1].sent
    sents = list(doc.sents)
    si = next(i for i, s in enumerate(sents) if s.start == first_sent.start)
    sj = next(i for i, s in enumerate(sents) if s.start == last_sent.start)
    # the sentences before and after, past any the segmenter made of a quotation mark alone ("…
    # de l'accusé. « Il venait … »" parsed as "…accusé." / "«" / "Il venait …")
    a, b = max(0, si - 1), min(len(sents) - 1, sj + 1)
    while a > 0 and all(t.is_punct or inside(t) for t in sents[a]):
        a -= 1
    while b < len(sents) - 1 and all(t.is_punct or inside(t) for t in sents[b]):
        b += 1
    window = range(sents[a].start, sents[b].end)
    # an opening mark the parser hung on the sentence before ("… à son tour. « Au total … », peut-on lire
    # dans Les Échos") ties nothing there to the quote
    glued = {t.i for t in qtoks if t.is_punct and t.sent.start not in (first_sent.start, last_sent.start)}
    roots = {t.i for t in qtoks if (not inside(t.head) or t.head.i == t.i) and t.i not in glued}
    attach = {doc[i].head.i for i in roots if not inside(doc[i].head)}
    q_first, q_last = qtoks[0].i, qtoks[-1].i

    close = ctx.close_at if ctx.close_at >= 0 else ctx.end

    def governs(v, adjacent: bool = False) -> bool:
        """Does v report the quote? `adjacent`: only as the verb right after the closing mark."""
        if v.i in attach and not adjacent:
            return True
        if v.dep_ == "xcomp" and v.head.i != v.i and not adjacent and governs(v.head):
            return True  # "peut-on lire", "tente d'expliquer", "a tenu à préciser": the modal verb's place
        first = verb_group_start(v)
        if 0 <= off + first.idx - close <= 4 and not doc.text[close - off + 1:first.idx].strip(" ,;—–-\u00a0\u202f"):
            return True  # "«…», dit-elle", "«…», a répondu X": the verb (its auxiliary first) right after the closing mark
        if adjacent:
            return False
        if inside(v.head) and v.head.i != v.i:
            return True  # an incise or a parataxis hanging off the quote ("…, s'agace-t-elle")
        if v.i > q_last and v.head.i in attach and v.dep_ in _CLAUSE_DEPS and doc[first.i - 1].text == ",":
            return True  # "X a fait les travaux « sans autorisation », écrit Le Canard": a closing reporting clause
        return any(v.is_ancestor(doc[r]) for r in roots)

    out: list[Candidate] = []
    verbs: dict[int, int] = {}  # id(candidate) -> its verb's token
    seen: set[int] = set()
    named: set[int] = set()
    speech_in_window = False
    for i in window:
        tok = doc[i]
        if in_quote(off + tok.idx) or inside(tok):
            continue
        if is_speech_token(tok, lang):
            speech_in_window = True
        m = inv.mention_at(ctx.par, i)
        if m is None or m.quoted:
            continue
        if m.kind == "name" and m.head != i:
            continue  # one candidate per name: its head token
        ent = inv.entity(m)
        key = ent.id if ent is not None else -1 - i
        h = _document_owner(_nominal_head(tok, inside))
        v = _verb_of(h)
        fronted = _fronted_subject_verb(doc, m, off) if m.kind == "name" else None
        if fronted is not None:
            h, v = tok, fronted
        # "« … », indique au Guardian Cliff Fluet", "Or, note Antoine Flahault, « … »": the speech
        # verb before the mention is its verb, whatever the parser hung the mention on
        inverted_cue = _inverted_cue(doc, m, off, i < q_first, ctx.open_at, close, governs, in_quote, lang) \
            if fronted is None and h.dep_ not in SUBJ_DEPS else None
        if inverted_cue is not None:
            h, v = tok, inverted_cue
        before = i < q_first
        dist = (q_first - i) if before else (i - q_last)
        if dist > _MAX_DIST:
            continue
        sent = tok.sent
        f: dict[str, float] = {}
        # "dit-elle", "a-t-il ajouté": an inverted clitic is its verb's subject, whatever the parser made of it
        inverted = m.kind == "pronoun" and m.text.startswith(("-", "‑"))
        dep = "nsubj" if fronted is not None or inverted or inverted_cue is not None else h.dep_
        if m.in_complement and dep in SUBJ_DEPS:
            dep = "nmod"  # "the letter to Daniel Greenberg, the standards commissioner, said": not the commissioner
        if dep in SUBJ_DEPS:
            v = _coordinated_cue(v, governs, lang, inside)
        f["dep_subj"] = float(dep in SUBJ_DEPS)
        f["dep_obj"] = float(dep in _OBJ_DEPS)
        f["dep_agent"] = float(dep in _AGENT_DEPS or (h.head.lower_ == "by" and h.dep_ == "pobj"))
        f["dep_other"] = float(not (f["dep_subj"] or f["dep_obj"] or f["dep_agent"]))
        f["chain"] = float(h.i != tok.i)
        f["pos_name"] = float(m.kind == "name")
        f["pos_pron"] = float(m.kind == "pronoun")
        f["pos_desc"] = float(m.kind == "description")
        sv = inverted_cue is not None or is_speech_predicate(v, lang) or (v.pos_ == "NOUN" and (
            v.lemma_.lower() in SPEECH_NOUNS or is_speech_token(v, lang) and any(c.dep_ in SUBJ_DEPS for c in v.children)))
        gv = inverted_cue is not None or governs(v)
        if sv and gv and not before and dep in _OBJ_DEPS and _inverted_subject(h, v, lang):
            f["dep_subj"], f["dep_obj"] = 1.0, 0.0  # "», rapporte ce dernier": the parser's object
        f["speech_verb"] = float(sv)
        f["governs"] = float(gv)
        f["verb_is_verb"] = float(v.pos_ in ("VERB", "AUX"))
        f["subj_speech_gov"] = f["dep_subj"] * sv * gv
        f["subj_gov"] = f["dep_subj"] * gv
        f["subj_speech"] = f["dep_subj"] * sv
        f["obj_after_speech_gov"] = f["dep_obj"] * sv * gv * float(not before)
        f["obj_speech"] = f["dep_obj"] * sv
        f["addressee"] = float(_addressee(h))
        # "« Le projet est cher, juge pour sa part Marc Tissier, et … »": the incise's own subject
        f["in_incise"] = float(ctx.incise is not None and ctx.incise[0] <= off + tok.idx <= ctx.incise[1])
        # "Sediq Sediqqi, le porte-parole du président Ashraf Ghani, souligne", "Israel's spokesman
        # said": a mention inside another entity's noun phrase is a modifier, not the one speaking,
        # and the verb right after it is that phrase's
        inside_np = _inside_other(h, ent, inv, ctx.par) if fronted is None else False
        if inside_np and _speech_verb_next(doc, m, off, lang):
            inside_np = False  # "the 19-year-old told Reuters", parsed as one noun phrase: a verb ends it
        cue_before, cue_after = _cue_near(doc, m, inside, in_quote, off, lang)
        if inside_np:
            cue_after = None
        f["cue_just_before"] = float(cue_before is not None)
        # "Or, note Antoine Flahault, « … »", "Says Smith: “…”": a cue, the mention, then only
        # punctuation before the opening mark, whatever the tagger made of the cue word
        f["inverted_before"] = float(cue_before is not None and before and _just_before_quote(doc, m, off, ctx.open_at))
        f["cue_just_after"] = float(cue_after is not None)
        f["cue_before_after_quote"] = float(cue_before is not None and not before)
        f["cue_after_before_quote"] = float(cue_after is not None and before)
        f["before"] = float(before)
        f["after"] = float(not before)
        f["log_dist"] = math.log1p(dist) / 4
        # (a reporting clause the parser split off right after the closing mark: "», peut-on lire dans X")
        split_off = not before and 0 <= off + sent.start_char - close <= 4 \
            and sent.start == sents[min(sj + 1, len(sents) - 1)].start
        f["same_sentence"] = float(sent.start in (first_sent.start, last_sent.start) or split_off)
        # "selon la Banque mondiale" frames its own sentence, not a quote in the next one
        f["framing"] = float(_framed(tok, h, lang)) * f["same_sentence"]
        f["colon_subj"] = float(ctx.lead_colon and before and f["dep_subj"] and sent.start == first_sent.start)
        f["colon_before"] = float(ctx.lead_colon and before)
        f["sent_subject_before"] = float(before and f["dep_subj"] and sent.start != first_sent.start)
        etype = ent.type if ent is not None else "NONE"
        for t in ("PER", "ORG", "LOC", "OTHER", "NONE"):
            f["type_" + t] = float(etype == t)
        f["salience"] = inv.salience(ent) if ent is not None else 0.0
        f["title"] = float(bool(m.title))
        f["in_other_np"] = float(inside_np)
        if m.kind == "name" and ent is not None:
            named.add(ent.id)
        f["prev_same"] = float(previous is not None and ent is not None and previous[0] == ent.canonical)
        f["partial"] = float(ctx.partial)
        f["partial_subj_gov"] = float(ctx.partial) * f["subj_gov"]
        f["heading"] = float(ctx.heading)
        f["continued"] = float(ctx.continued or ctx.after_incise)
        if key in seen:
            # the same entity twice: keep the better-placed mention's features
            prior = next(c for c in out if (c.entity.id if c.entity is not None else None) == (ent.id if ent else None))
            if _rank_key(f) <= _rank_key(prior.features):
                continue
            out.remove(prior)
        seen.add(key)
        cue = _aux_cue(v) if sv and v.pos_ in ("VERB", "AUX") else (v.text if sv else None)
        if cue is None:
            near = cue_before if cue_before is not None and not before else cue_after
            cue = near.text if near is not None else None
        out.append(Candidate("mention", ent, m, ent.canonical if ent is not None else None, cue, f))
        verbs[id(out[-1])] = v.i
    out = _without_addressees(out, verbs)
    for c in out:
        c.features["nearest"] = 0.0
        # the entity is named in the window, whichever of its mentions (a description, a pronoun) is the candidate
        c.features["named_near"] = float(c.entity is not None and c.entity.id in named)
    by_dist = sorted(out, key=lambda c: c.features["log_dist"])
    if by_dist:
        by_dist[0].features["nearest"] = 1.0
    subj = [c for c in by_dist if c.features["dep_subj"]]
    if subj:
        subj[0].features["nearest_subj"] = 1.0
    out = out + _lead_candidates(ctx, inv, in_quote, lang, previous, out)
    out = out + _extra(ctx, previous, main, out, speech_in_window)
    # "« … à aucun moment, Eugen n'est tombé dans … »": whoever the quote names is most often not its speaker
    named_inside = inv.named_between(ctx.start, ctx.end)
    # the one candidate a speech verb, a framing or a colon ties to the quote, and those that compete
    # with it through softer cues only (the previous speaker, a nearby subject)
    tied = [id(c) for c in out if strongly_tied(c.features)]
    for c in out:
        c.lang = lang
        c.features["named_in_quote"] = float(c.name in named_inside)
        c.features["sole_tie"] = float(tied == [id(c)])
        c.features["rival_tie"] = float(bool(tied) and id(c) not in tied)
    return out


_CLITICS = frozenset({"se", "s'", "s’", "ne", "n'", "n’", "y", "en", "lui", "leur", "l'", "l’", "le", "la", "les",
                      "nous", "vous", "me", "m'", "m’", "te", "t'", "t’"})


def _fronted_subject_verb(doc, m: Mention, off: int):
    """ "Professeur à l'EJMA de Lausanne, Martin Chabloz se dit effrayé": the parser hangs the name on
    the fronted description and makes the bare role noun the subject; a name followed by the finite
    verb (past its clitics) whose only subject is a sentence-opening noun without article is that
    verb's subject. So is a surname the tagger read as the verb's modal ("Will wrote")."""
    last = doc[_mention_tokens(doc, m, off)[1]]
    if last.dep_ in SUBJ_DEPS or doc[m.head].dep_ in SUBJ_DEPS:
        return None
    j = last.i + 1
    while j < len(doc) and doc[j].lower_ in _CLITICS:
        j += 1
    if j >= len(doc) or doc[j].pos_ not in ("VERB", "AUX"):
        return None
    # "Will described Trump as …": a surname read as a modal takes the verb's finiteness with it
    if "Fin" not in doc[j].morph.get("VerbForm") and not (last.dep_ == "aux" and last.head.i == j):
        return None
    v = doc[j] if doc[j].dep_ not in ("aux", "aux:tense", "aux:pass", "cop") else doc[j].head
    subjects = [c for c in v.children if c.dep_ in SUBJ_DEPS]
    if any(not (c.pos_ == "NOUN" and c.i == c.sent.start and not any(d.dep_ == "det" for d in c.children))
           for c in subjects):
        return None
    return v


def _speech_verb_next(doc, m: Mention, off: int, lang: str) -> bool:
    """The word right after the mention is a speech verb tagged as a verb."""
    _, last = _mention_tokens(doc, m, off)
    return last + 1 < len(doc) and doc[last + 1].pos_ == "VERB" and is_speech_token(doc[last + 1], lang)


def _mention_tokens(doc, m: Mention, off: int) -> tuple[int, int]:
    """The first and last token of a mention: from its head, as far as its characters go."""
    first = last = m.head
    while first > 0 and off + doc[first - 1].idx >= m.start:
        first -= 1
    while last + 1 < len(doc) and off + doc[last + 1].idx < m.end:
        last += 1
    return first, last


def _inverted_subject(h, v, lang: str) -> bool:
    """ "« … », rapporte ce dernier": after a quote, a French speech verb's subject follows it, and
    the quote is its object; the parser often takes that subject for an object. The noun phrase
    after the verb is its subject when the verb has no subject of its own."""
    return lang == "fr" and v.i < h.i and not any(c.dep_ in SUBJ_DEPS for c in v.children)


_DAY_WORDS = frozenset({"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "soir",
                        "matin", "midi", "today", "yesterday", "monday", "tuesday", "wednesday", "thursday",
                        "friday", "saturday", "sunday"})


def _inverted_cue(doc, m: Mention, off: int, before: bool, open_at: int, close: int, governs, in_quote, lang: str):
    """The speech verb of an inverted reporting clause, when the mention is its subject:
    "« … », a déclaré à la presse X" (the verb right after the quote), "Or, note X, « … »" and
    "Says X: “…”" (the mention right before the opening mark). Between the verb and the mention
    only a prepositional complement, a day or an adverb; the mention itself has no preposition and
    the verb no other subject. The small parsers hang such a subject on the complement or read the
    verb as a noun."""
    first, last = _mention_tokens(doc, m, off)
    if first == 0 or doc[first - 1].pos_ == "ADP" or doc[first - 1].dep_ in ("case", "prep"):
        return None
    if any(c.dep_ == "case" and c.i < m.head for c in doc[m.head].children):
        return None  # "…, a réagi RSF dans un tweet": the preposition is past the article, still its own
    cue = None
    for k in range(first - 1, max(-1, first - 7), -1):
        t = doc[k]
        if t.is_punct or in_quote(off + t.idx) or t.text in "«»“”\"":
            return None
        if is_speech_token(t, lang) and t.pos_ != "ADP":
            cue = t
            break
    if cue is None:
        return None
    for t in doc[cue.i + 1:first]:
        if t.pos_ in ("NOUN", "PROPN") and not (t.lower_ in _DAY_WORDS or any(
                d.pos_ == "ADP" and cue.i < d.i < t.i for d in doc[cue.i + 1:t.i + 1])):
            return None  # "a dit le ministre Jean Dupont": the noun phrase between is the subject
        if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ"):
            return None
    if any(c.dep_ in SUBJ_DEPS and not (first <= c.i <= last) for c in cue.children):
        return None
    if before:
        return cue if _just_before_quote(doc, m, off, open_at) and _opens_clause(doc, cue) else None
    if governs(cue, adjacent=True):
        return cue
    # "« C'est un débat » mais la guerre n'est qu'un décor, fait valoir X": a reporting clause closing
    # the quote's own sentence (not "« … à l'hôpital. » Or, note X, « … »": the next sentence's)
    lead = verb_group_start(cue, light=True)  # "a déclaré", "fait valoir"
    at = close - off  # the closing mark, in the paragraph's text
    between = doc.text[at + 1:lead.idx] if 0 <= at < lead.idx else "."
    ends = doc.text[:max(at, 0)].rstrip()[-1:] in (".", "!", "?", "…")
    clause = lead.i > 0 and doc[lead.i - 1].text == ","
    # (the clause may hang off any word of the sentence: "mais la guerre n'est qu'un décor")
    closing = cue.dep_ in _CLAUSE_DEPS and cue.sent.start <= _at_token(doc, at) < cue.i
    return cue if clause and not ends and not any(p in between for p in ".!?…") and (closing or governs(cue)) else None


def _at_token(doc, char: int) -> int:
    """The token at a character offset of the paragraph (the last one before it)."""
    return max((t.i for t in doc if t.idx <= char), default=0)


def _opens_clause(doc, t) -> bool:
    """The token starts its sentence or follows punctuation, an auxiliary or a connective ("Or, note")."""
    k = t.i - 1
    while k >= t.sent.start and doc[k].pos_ in ("AUX", "ADV"):
        k -= 1
    return k < t.sent.start or doc[k].is_punct or doc[k].pos_ == "CCONJ"


def _just_before_quote(doc, m: Mention, off: int, open_at: int) -> bool:
    between = doc.text[m.end - off:open_at - off] if 0 <= m.end - off <= open_at - off else None
    return between is not None and between.strip() in (",", ":", "")


def _cue_near(doc, m: Mention, inside, in_quote, off: int, lang: str):
    """A speech-verb token right before the mention ("…, juge pour sa part Marc Tissier", at most
    five words away) and right after it ("Price said", at most three), outside any quotation."""
    first, last = _mention_tokens(doc, m, off)
    found = []
    after = _past_apposition(doc, last)
    for rng in (range(first - 1, max(-1, first - 6), -1), range(after + 1, min(len(doc), after + 4))):
        hit = None
        for k in rng:
            t = doc[k]
            if inside(t) or in_quote(off + t.idx) or t.text in "«»“”\"":
                break
            if is_speech_token(t, lang):
                hit = t
                break
        found.append(hit)
    return found[0], found[1]


def _past_apposition(doc, last: int, longest: int = 12) -> int:
    """The last token of the mention's apposition between commas ("Ramos, 58, told AFP", "Price, a
    retired teacher in Leeds, said"), or the mention's own last token when none follows it."""
    if last + 1 >= len(doc) or doc[last + 1].text != ",":
        return last
    for k in range(last + 2, min(len(doc), last + 2 + longest)):
        t = doc[k]
        if t.text == ",":
            return k if k > last + 2 else last
        if t.text in "«»“”\"" or t.is_sent_start or t.text in ".;:!?":
            return last
    return last


def _rank_key(f: dict[str, float]) -> tuple:
    return (f.get("subj_speech_gov", 0), f.get("subj_gov", 0), f.get("same_sentence", 0), -f.get("log_dist", 0))


def _lead_candidates(ctx: QuoteContext, inv: Inventory, in_quote, lang: str, previous,
                     found: list[Candidate]) -> list[Candidate]:
    """The speaker announced by the paragraph before, when it ends with a colon ("…, as the engineer
    Scott Saviz explains:" and the quote as a paragraph of its own): the mentions of its last
    sentence, with whether each is the subject (or the inverted subject) of a speech verb there."""
    if ctx.lead is None:
        return []
    par, doc = ctx.lead
    off = doc.user_data["offset"]
    last = list(doc.sents)[-1]
    names = {c.name for c in found if c.name}
    out: list[Candidate] = []
    for tok in last:
        m = inv.mention_at(par, tok.i)
        if m is None or m.quoted or in_quote(off + tok.idx) or (m.kind == "name" and m.head != tok.i):
            continue
        ent = inv.entity(m)
        if ent is None or ent.canonical in names:
            continue
        h = _nominal_head(tok, lambda t: False)
        v = _verb_of(h)
        sv = is_speech_predicate(v, lang)
        subj = h.dep_ in SUBJ_DEPS or (sv and h.dep_ in _OBJ_DEPS and _inverted_subject(h, v, lang))
        f = {"lead_subj": float(subj), "speech_verb": float(sv), "lead_subj_speech": float(subj and sv),
             "pos_name": float(m.kind == "name"), "pos_pron": float(m.kind == "pronoun"),
             "pos_desc": float(m.kind == "description"), "in_other_np": float(_inside_other(h, ent, inv, par)),
             "prev_same": float(previous is not None and previous[0] == ent.canonical),
             "salience": inv.salience(ent)}
        for t in ("PER", "ORG", "LOC", "OTHER"):
            f["type_" + t] = float(ent.type == t)
        prior = next((c for c in out if c.entity is ent), None)
        if prior is not None:
            if prior.features["lead_subj_speech"] >= f["lead_subj_speech"]:
                continue
            out.remove(prior)
        out.append(Candidate("lead", ent, m, ent.canonical, _aux_cue(v) if sv and v.pos_ in ("VERB", "AUX") else None, f))
    return out


_FIRST_PERSON = frozenset("je j' j’ me m' m’ moi mon ma mes nous notre nos i me my mine we our us".split())


def _speaks_as_i(ctx: QuoteContext) -> bool:
    """Does the quotation speak in the first person ("Je voulais que les gens …", "We are not …")? An
    uncued one is then most often the words of whoever spoke last or of the person the article is about."""
    off = ctx.doc.user_data["offset"]
    words = ctx.doc.text[max(0, ctx.start - off):max(0, ctx.end - off)].lower().replace("’", "'").split()
    return any(w.strip(".,;:!?«»\"“”()") in _FIRST_PERSON or w.startswith(("j'", "m'")) for w in words)


def _extra(ctx: QuoteContext, previous, main: list[Entity], found: list[Candidate], speech_in_window: bool):
    out = []
    names = {c.name for c in found if c.name}
    first_person = float(_speaks_as_i(ctx))
    first_person_uncued = first_person * float(not speech_in_window)
    if previous is not None and previous[0] and previous[0] not in names:
        # the previous speaker named in the window is already a mention candidate (prev_same)
        name, conf, par = previous
        f = {"is_previous": 1.0, "prev_same_par": float(par == ctx.par), "prev_last_par": float(par == ctx.par - 1),
             "prev_far": float(ctx.par - par > 1), "continued": float(ctx.continued),
             "after_incise": float(ctx.after_incise), "opens_par": float(ctx.opens_par),
             "no_speech_in_window": float(not speech_in_window), "prev_conf": conf,
             "partial": float(ctx.partial), "heading": float(ctx.heading), "first_person": first_person,
             "first_person_uncued": first_person_uncued}
        out.append(Candidate("previous", None, None, name, None, f))
    for rank, ent in enumerate(main[:2]):
        if ent.canonical in names or (previous is not None and previous[0] == ent.canonical):
            continue
        f = {"is_main": 1.0, "main_rank": float(rank), "opens_par": float(ctx.opens_par),
             "no_speech_in_window": float(not speech_in_window), "heading": float(ctx.heading),
             "partial": float(ctx.partial), "first_person": first_person,
             "first_person_uncued": first_person_uncued}
        out.append(Candidate("main", ent, None, ent.canonical, None, f))
    return out
