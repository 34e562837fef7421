"""The first-match attribution rules, kept as one signal for the ranker (`candidates`, `scorer`).

`rule_speakers` runs the hand-written cascade (reporting cues in `speakers`, within-article
resolution in `coref`) on the parse `attribution` already made, and returns its speaker for each
span. The ranker learns how far to trust it: it is a feature (`rule_agrees`), never the decision.
"""

from __future__ import annotations

import re

from retrieval.quotes import kinds
from retrieval.quotes.coref import SUBJ_DEPS, Resolved, Resolver, strip_name
from retrieval.quotes.cues import PERSON_ROLES, fold
from retrieval.quotes.layout import Paragraph, sentence_breaks
from retrieval.quotes.marks import Span
from retrieval.quotes.speakers import Attribution, Attributor, main_clause
from retrieval.types import Quote

_TRAIL_PUNCT = ",!?…—–-"


def rule_speakers(text: str, pars, parsed, spans, lang: str, in_quote) -> list[str | None]:
    """The first-match rules' speaker for each span (a feature for the ranker, on the same parse)."""
    resolver = Resolver(text, parsed, lang, in_quote)
    _subject_events(resolver, parsed, in_quote)
    return [q.speaker for q in _Extractor(text, pars, parsed, spans, resolver, lang, in_quote).run()]


def _subject_events(resolver: Resolver, docs, in_quote) -> None:
    """Who each sentence is about, in text order (pronouns resolved as they come)."""
    for par, doc in docs:
        for tok in doc:
            pos = par.start + tok.idx
            noun = _dislocated(tok)
            if noun is not None and not in_quote(par.start + noun.idx):
                res = resolver.resolve_token(noun, par.index, speaker=True)
                if res is not None and res.name:
                    resolver.add_event(par.start + noun.idx, res.name, res.type or "PER", "subject", par.index)
                continue
            if tok.dep_ in SUBJ_DEPS and not in_quote(pos):
                # a subject may be a person's role never tied to a name ("le prévenu")
                res = resolver.resolve_token(tok, par.index, speaker=fold(tok.text) in PERSON_ROLES)
                if res is not None and res.name:
                    kind = "subject" if main_clause(tok.head) else "mention"
                    resolver.add_event(pos, res.name, res.type or "PER", kind, par.index)


def _dislocated(tok):
    """"La ministre, elle, a balayé …" / "Me Bessière, lui, …": the stressed pronoun repeats the
    noun that opens the sentence, which is the subject."""
    if tok.lower_ not in ("elle", "lui", "eux", "elles") or tok.i < 3 or tok.doc[tok.i - 1].text != "," \
            or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].text != ",":
        return None
    start = tok.sent.start
    nouns = [t for t in tok.doc[start:tok.i - 1] if t.pos_ in ("NOUN", "PROPN")]
    return nouns[0] if nouns and nouns[0].i - start <= 2 else None


class _Extractor:
    def __init__(self, text, pars: list[Paragraph], docs, spans: list[Span], resolver: Resolver,
                 lang: str, in_quote):
        self.text = text
        self.pars = pars
        self.docs = dict((p.index, d) for p, d in docs)
        self.spans = spans
        self.r = resolver
        self.lang = lang
        self.att = Attributor(text, resolver, lang, in_quote)
        self.breaks: dict[int, list[int]] = {}

    def _breaks(self, par: Paragraph) -> list[int]:
        if par.index not in self.breaks:
            quoted = [(s.open_at, s.start, s.end, s.close_at) for s in self.spans
                      if s.paragraph == par.index]
            self.breaks[par.index] = sentence_breaks(self.text, par.start, par.end, quoted)
        return self.breaks[par.index]

    def run(self) -> list[Quote]:
        out: list[Quote] = []
        self.out = out
        last: dict[int, Quote] = {}  # paragraph -> its last attributed quote
        prev: Quote | None = None
        for span in self.spans:
            q = self._one(span, prev, last)
            out.append(q)
            if q.kind != "term":
                prev = q
                if q.speaker:
                    last[span.paragraph] = q
                    self.r.add_event(span.start, q.speaker, "PER" if self.r.persons.get(fold(q.speaker)) or
                                     q.speaker not in self.r.orgs.values() else "ORG",
                                     "speaker", span.paragraph)
        return out

    def _one(self, span: Span, prev: Quote | None, last: dict[int, Quote]) -> Quote:
        text = self.text
        par = self.pars[span.paragraph]
        doc = self.docs[span.paragraph]
        inner = text[span.start:span.end]
        breaks = self._breaks(par)
        lead_start = max([b for b in breaks if b <= span.open_at], default=par.start)
        after = span.close_at + 1 if span.close_at >= 0 else span.end
        later_opens = [s.open_at for s in self.spans if s.paragraph == span.paragraph and s.open_at >= after]
        trail_end = min([b for b in breaks if b > after] + later_opens + [par.end])
        after_text = text[after:trail_end].lstrip(" \u00a0\u202f")
        lead_text = text[lead_start:span.open_at].rstrip(" \u00a0\u202f")
        title_like = kinds.is_title_like(inner)
        is_term = kinds.names_a_work(text[par.start:span.open_at], inner) or self._is_name(inner)
        end_char = inner.rstrip()[-1:] if inner.strip() else ""
        lead_colon = lead_text.endswith(":")

        alone = not text[par.start:span.open_at].strip() and not text[after:par.end].strip(_TRAIL_PUNCT + ".;: »”\"'")
        if alone and title_like and not par.heading and not is_term:
            title_like = False  # "Absolutely." on its own line is somebody's answer, not a title
        incise = end_char == "," or after_text[:1] == ","

        attr: Attribution | None = None
        if par.heading:
            if incise:  # "Retraites : « … », assure Marc Delorme"
                attr = self.att.trailing(doc, after, trail_end, par.index, strict=True, incise=True)
                if attr is not None and not self.att._named(attr):
                    attr = None
            if attr is None:
                attr = self._heading_speaker(lead_text[len(text[lead_start:par.start]):], span)
            if attr is None and lead_text and not lead_colon:
                attr = self.att.leading(doc, lead_start, span.open_at, par.index)
            if (attr is None or not self.att._named(attr)) and lead_text and not lead_colon:
                attr = self._headline_verb(doc, span)
            if attr is not None and not self.att._named(attr):
                attr = None
        elif span.incise:
            attr = self.att.incise(doc, span.incise[0], span.incise[1], par.index)
        elif span.continued and not span.after_incise:
            # the last paragraph of a long quote often carries the attribution
            if span.close_at >= 0 and incise:
                attr = self.att.trailing(doc, after, trail_end, par.index, strict=False, incise=True)
                if attr is not None and not self.att._named(attr):
                    attr = None
        elif span.mark in kinds.DIALOGUE_DASHES and not span.after_incise:
            attr = None  # a line of an interview or a dialogue: see _dialogue
        elif not span.after_incise:
            punct_after = end_char in _TRAIL_PUNCT or after_text[:1] in ",—–-"
            trailing_ok = punct_after or (after_text[:1].islower() and not title_like)
            if end_char in ".":
                trailing_ok = after_text[:1].islower()
            leading_ok = not title_like or lead_colon
            tries = []
            if trailing_ok:
                tries.append(lambda: self.att.trailing(doc, after, trail_end, par.index, strict=title_like,
                                                       incise=incise))
            if leading_ok:
                tries.append(lambda: self.att.leading(doc, lead_start, span.open_at, par.index))
            if lead_text:  # the quote sits inside the writer's clause: its own cue comes first
                tries.reverse()
            if leading_ok and lead_colon:  # "Subject VERB … :" introduces the quote, whatever the verb
                tries.insert(0, lambda: self.att.colon(doc, lead_start, span.open_at, par.index))
            for attempt in tries:
                attr = attempt()
                if attr:
                    break
            if attr is None and not title_like:
                attr = self.att.document(doc, lead_start, span.open_at, par.index)
            if attr is not None and title_like and not (punct_after or lead_colon):
                attr = None
            if attr is not None and kinds.is_partial(text, lead_start, span.open_at, inner) \
                    and self.att.other_clause(text[lead_start:span.open_at], inner, attr):
                attr, is_term = None, True  # a scare quote in a clause that is not the speaker's

        resolved: Resolved | None = attr.resolved if attr else None
        speaker = resolved.name if resolved else None
        mention = resolved.mention if resolved else None
        cue = attr.cue if attr else None
        how = resolved.how if resolved else None
        if attr is not None and span.continued and speaker:
            self._backfill(span, speaker, mention)
        if (attr is None or speaker is None) and not par.heading:
            if span.mark in kinds.DIALOGUE_DASHES:
                found = self._dialogue(span, inner)
                if found is not None:
                    speaker, mention, how = found, None, "inherit"
            elif attr is None and alone:
                found = self._setup_subject(span)
                if found is not None:
                    speaker, mention, how = found, None, "inherit"
            elif attr is None and not lead_text and not (span.continued or span.after_incise):
                found = self._sentence_subject_before(span)
                if found is not None:
                    speaker, mention, how = found, None, "inherit"
            if speaker is None and (attr is None or span.continued) and span.mark not in kinds.DIALOGUE_DASHES:
                inherited = self._inherit(span, lead_text, prev, last)
                if inherited is not None:
                    speaker, mention, how = inherited.speaker, inherited.speaker_mention, "inherit"

        if par.heading:
            kind = "term" if (title_like or is_term) else "headline"
        elif is_term or (title_like and attr is None and how != "inherit"):
            kind = "term"
        elif kinds.is_partial(text, lead_start, span.open_at, inner) and not (span.continued or span.after_incise):
            kind = "partial" if (attr is not None or how == "inherit") else "term"
        else:
            kind = "direct"
        if kind == "term":
            speaker = mention = cue = None
        return Quote(text=inner, start=span.start, end=span.end, speaker=speaker,
                     speaker_mention=mention, cue=cue, kind=kind,
                     confidence=_confidence(kind, speaker, how, attr))

    def _inherit(self, span: Span, lead_text: str, prev: Quote | None, last: dict[int, Quote]):
        """No cue: the same speaker as the quote this one carries on."""
        if prev is None or not prev.speaker:
            return None
        if span.continued or span.after_incise:
            return prev
        if span.paragraph in last and last[span.paragraph] is prev:
            return prev
        if not lead_text and span.paragraph - 1 in last and last[span.paragraph - 1] is prev:
            par = self.pars[span.paragraph]
            if not self.att.leading(self.docs[span.paragraph], span.end, par.end, par.index):
                return prev
        return None

    def _backfill(self, span: Span, speaker: str, mention: str | None) -> None:
        """A quote run over several paragraphs, attributed at its end: the earlier pieces too."""
        for q in reversed(self.out):
            if q.start >= span.start:
                continue
            piece = next(s for s in self.spans if s.start == q.start)
            if q.speaker is None and q.kind != "term":
                q.speaker, q.speaker_mention = speaker, mention
            if not piece.continued:
                break

    def _setup_subject(self, span: Span) -> str | None:
        """“Absolutely not.” alone, after a paragraph with no quote that ends on a person
        ("Asked …, Marsh was blunt."): that person."""
        k = span.paragraph - 1
        if k < 0 or any(s.paragraph == k for s in self.spans) or self.pars[k].heading:
            return None
        doc = self.docs.get(k)
        if doc is None:
            return None
        last_sent = list(doc.sents)[-1]
        off = doc.user_data["offset"]
        for e in reversed(self.r.events):
            if e.pos < off + last_sent.start_char:
                break
            if e.para == k and e.kind == "subject" and e.type == "PER":
                return e.name
        return None

    def _sentence_subject_before(self, span: Span) -> str | None:
        """"Lindqvist said her players had looked tired. “I trusted the players.”": a quote with no
        cue that opens a sentence belongs to the person the writer's sentences before it, in the
        same paragraph and after any earlier quote, are about."""
        earlier = [s.end for s in self.spans if s.paragraph == span.paragraph and s.end <= span.open_at]
        since = max(earlier, default=self.pars[span.paragraph].start)
        people = []
        for e in reversed(self.r.events):
            if e.pos >= span.open_at:
                continue
            if e.pos < since:
                break
            if e.para == span.paragraph and e.type == "PER":
                if e.kind == "subject":
                    return e.name
                people.append(e.name)
        # no subject the parser could find: the one person those sentences name
        return people[0] if len(set(people)) == 1 else None

    def _questioner(self, first: int) -> str | None:
        """"Interrogé par le président du tribunal, Jean-Marc Olivier, …" / "Asked by Judge X":
        the person named as the agent of the asking, in the paragraph before the exchange."""
        doc = self.docs.get(first - 1)
        if doc is None:
            return None
        for t in doc:
            if fold(t.text).startswith(("interroge", "questionne", "asked", "questioned", "pressed")) \
                    and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("par", "by"):
                for u in doc[t.i + 2:t.i + 12]:
                    if u.ent_type_ in ("PER", "PERSON"):
                        res = self.r.resolve_token(u, first - 1)
                        if res is not None and res.name:
                            return res.name
                    if u.text in ".;:":
                        break
        return None

    def _dialogue(self, span: Span, inner: str) -> str | None:
        """A dash line with no cue: an interview's answer is the interviewee's, the person the
        text before the exchange is about (the subject of its last sentence first); a question is
        the interviewer's, unnamed unless the text says who asks ("interrogé par X")."""
        first = span.paragraph
        while first > 0 and any(s.paragraph == first - 1 and s.mark in kinds.DIALOGUE_DASHES for s in self.spans):
            first -= 1
        asker = self._questioner(first)
        if inner.rstrip().endswith("?"):
            return asker
        setup = self._setup_subject(Span(span.start, span.end, span.open_at, -1, "—", first))
        if setup is not None and setup != asker:
            return setup
        start = self.pars[first].start
        counts: dict[str, int] = {}
        for e in self.r.events:
            if e.pos < start and e.para >= first - 2 and e.type == "PER" and e.name != asker:
                counts[e.name] = counts.get(e.name, 0) + (2 if e.kind == "subject" else 1)
        return max(counts, key=counts.get) if counts else None

    def _headline_verb(self, doc, span: Span) -> Attribution | None:
        """"Halvorsen pledges 'no shortcuts'": headlines drop articles and the tagger often reads
        the verb as a noun; a cue form right before the quote, after a name, is the cue."""
        off = doc.user_data["offset"]
        before = [t for t in doc if off + t.idx < span.open_at]
        if len(before) < 2 or not self.att.cue_form(before[-1]):
            return None
        k = len(before) - 2
        while k >= 0 and before[k].pos_ == "PROPN":
            k -= 1
        if k == len(before) - 2:
            return None
        res = self.r.resolve_mention(doc, (before[k + 1].i, before[-1].i), off + before[k + 1].idx, span.paragraph)
        return Attribution(res, before[-1].text, "leading") if res.name else None

    def _heading_speaker(self, lead: str, span: Span) -> Attribution | None:
        """`Macron : « … »` / `Parise: "…"` in a title."""
        m = re.fullmatch(r"\s*(.{2,60}?)\s*:", lead)
        if not m or not all(w[:1].isupper() for w in m.group(1).split()) or len(m.group(1).split()) > 5:
            return None
        name = self.r.canonical_person(m.group(1), span.start)
        if fold(name) not in self.r.persons and fold(strip_name(m.group(1))) not in self.r.orgs:
            return None  # "Fraude : « … »": a topic label, not a name the article knows
        return Attribution(Resolved(name, m.group(1), "PER", "name"), None, "heading")

    def _is_name(self, inner: str) -> bool:
        key = fold(strip_name(inner))
        return bool(key) and (key in self.r.persons or key in self.r.orgs)


def _confidence(kind: str, speaker: str | None, how: str | None, attr: Attribution | None) -> float:
    if kind == "term":
        return 0.2
    if speaker is None:
        return 0.4 if kind == "headline" else 0.5
    base = {"name": 0.92, "organisation": 0.88, "description": 0.85, "pronoun": 0.8,
            "inherit": 0.75}.get(how or "", 0.7)
    if attr is not None and attr.how == "document":
        base = 0.6
    return base
