"""Quotes with their speakers: spans (`marks`) x entity inventory (`entities`) x ranked candidates.

`read_article(text, lang)` parses the paragraphs that hold quotes once and builds the inventory;
`contexts(article)` describes each quotation span; `attribute(article, scorer)` walks the spans in
text order, ranks each one's candidates (`candidates.generate`, `scorer.Scorer.choose`) and decides
the kind (`kinds`). Training (`evals/train_speaker.py`) makes the same walk (`decide`), previous
speakers included, so the model is trained on exactly the features it sees at run time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from retrieval.lang import detect_lang
from retrieval.normalize import words as folded_words
from retrieval.quotes import kinds, partials
from retrieval.quotes.candidates import Candidate, QuoteContext, generate
from retrieval.quotes.cues import fold
from retrieval.quotes.entities import Inventory
from retrieval.quotes.layout import Paragraph, paragraphs, sentence_breaks
from retrieval.quotes.marks import Span, find_spans
from retrieval.quotes.nlp import load, model_lang, paragraph_lang
from retrieval.quotes.scorer import Scorer, default_scorer, strongly_tied
from retrieval.types import Quote

# "PARIS (AFP) - ", "WICHITA, Kansas, March 12 (Reuters) - ": not part of the first sentence's subject
_DATELINE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’. -]{2,}(?:,[^()\n]{0,60})?\s*\([\w .&-]{2,30}\)\s*[-—–]\s+")
_SPACES = " \u00a0\u202f"


class _Quoted:
    """Is a character offset inside a quote's words?"""

    def __init__(self, spans: list[Span]):
        self.starts = [s.start for s in spans]
        self.ends = [s.end for s in spans]

    def __call__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


@dataclass
class ParsedArticle:
    text: str
    lang: str
    pars: list[Paragraph]
    spans: list[Span]
    docs: dict[int, object]
    inventory: Inventory
    in_quote: _Quoted
    rules: list[str | None]  # the first-match rules' speaker per span, one feature among others
    main: list  # the article's two most-mentioned people or organisations


def read_article(text: str, lang: str | None = None) -> ParsedArticle | None:
    if not text or not text.strip():
        return None
    pars = paragraphs(text)
    lang = model_lang(lang or detect_lang(text))
    spans = find_spans(text, pars, lang)
    if not spans:
        return None
    in_quote = _Quoted(spans)
    used = pars[: max(s.paragraph for s in spans) + 1]
    parsed = _parse(text, used, lang)
    inv = Inventory.build(parsed, in_quote, lang, text)
    from retrieval.quotes.rules import rule_speakers

    rules = rule_speakers(text, pars, parsed, spans, lang, in_quote)
    return ParsedArticle(text, lang, pars, spans, {p.index: d for p, d in parsed}, inv, in_quote, rules,
                         main_sources(inv))


def _parse(text: str, used: list[Paragraph], lang: str) -> list:
    """Each paragraph parsed once, by the model of its own language, datelines left out."""
    starts = {}
    by_lang: dict[str, list[Paragraph]] = {}
    for par in used:
        m = _DATELINE.match(text, par.start, par.end)
        starts[par.index] = m.end() if m and not par.heading else par.start
        plang = paragraph_lang(text[par.start:par.end], lang) if not par.heading else lang
        by_lang.setdefault(plang, []).append(par)
    parsed = {}
    for plang, pars in by_lang.items():
        for par, doc in zip(pars, load(plang).pipe(text[starts[p.index]:p.end] for p in pars)):
            doc.user_data["offset"] = starts[par.index]
            doc.user_data["lang"] = plang
            parsed[par.index] = (par, doc)
    return [parsed[p.index] for p in used]


@dataclass
class SpanInfo:
    span: Span
    ctx: QuoteContext
    inner: str
    title_like: bool
    is_term: bool
    punct_after: bool  # punctuation right after the closing mark or at the quote's end
    rule: str | None  # the first-match rules' speaker for this span


def contexts(art: ParsedArticle) -> list[SpanInfo]:
    text, out = art.text, []
    breaks: dict[int, list[int]] = {}
    # a quote that is just a name the article uses is a term ("« Le Monde »", a film title quoted
    # throughout); not a word that is a name once, inside quotation marks ("« Chiche », a répondu X")
    names = {fold(n) for e in art.inventory.entities if len(e.mentions) > 1 or any(not m.quoted for m in e.mentions)
             for n in e.names}
    for span, rule in zip(art.spans, art.rules):
        par = art.pars[span.paragraph]
        if par.index not in breaks:
            quoted = [(s.open_at, s.start, s.end, s.close_at) for s in art.spans if s.paragraph == par.index]
            breaks[par.index] = sentence_breaks(text, par.start, par.end, quoted)
        lead_start = max([b for b in breaks[par.index] if b <= span.open_at], default=par.start)
        lead_text = text[lead_start:span.open_at].rstrip(_SPACES)
        inner = text[span.start:span.end]
        partial = kinds.is_partial(text, lead_start, span.open_at, inner) and not (span.continued or span.after_incise)
        ctx = QuoteContext(par=par.index, doc=art.docs[par.index], open_at=span.open_at, close_at=span.close_at,
                           start=span.start, end=span.end, continued=span.continued,
                           after_incise=span.after_incise, heading=par.heading,
                           lead_colon=lead_text.endswith(":"),
                           opens_par=not text[par.start:span.open_at].strip(), partial=partial,
                           incise=span.incise, lead=_lead(art, par, span))
        is_term = kinds.names_a_work(text[par.start:span.open_at], inner) or fold(inner.strip(" .,;:!?")) in names
        after = span.close_at + 1 if span.close_at >= 0 else span.end
        punct_after = inner.rstrip()[-1:] in ",.!?…" or text[after:after + 1] in ",.;:!?—–-"
        alone = ctx.opens_par and not text[after:par.end].strip(",!?…—–-.;: »”\"'")
        # "Absolutely." on its own line is somebody's answer, not a title
        title_like = kinds.is_title_like(inner) and not (alone and not par.heading)
        out.append(SpanInfo(span, ctx, inner, title_like, is_term, punct_after, rule))
    return out


def _lead(art: ParsedArticle, par: Paragraph, span: Span) -> tuple[int, object] | None:
    """The paragraph before, with its Doc, when it ends with a colon and introduces this quote, the
    first thing in its own paragraph."""
    text = art.text
    if par.heading or par.index == 0 or text[par.start:span.open_at].strip():
        return None
    before = art.pars[par.index - 1]
    if before.heading or before.index not in art.docs or not text[before.start:before.end].rstrip().endswith(":"):
        return None
    return before.index, art.docs[before.index]


def main_sources(inv: Inventory) -> list:
    people = [e for e in inv.entities if e.type in ("PER", "ORG")]
    return sorted(people, key=lambda e: -len(e.mentions))[:2]


def candidates_for(art: ParsedArticle, info: SpanInfo, previous) -> list[Candidate]:
    cands = generate(info.ctx, art.inventory, art.in_quote, art.lang, previous, art.main)
    rule = info.rule
    for c in cands:
        c.features["rule_agrees"] = float(bool(rule) and bool(c.name) and _same_name(rule, c.name))
        c.features["rule_none"] = float(not rule)
    return cands


def _same_name(a: str, b: str) -> bool:
    wa, wb = fold(a).split(), fold(b).split()
    return a == b or (bool(wa) and bool(wb) and wa[-1] == wb[-1])


@dataclass
class Decision:
    """One span's candidates as the ranker saw them (with the previous speaker as decided so far),
    the chosen one and the resulting speaker, kind and confidence."""

    info: SpanInfo
    candidates: list[Candidate]
    chosen: Candidate | None
    speaker: str | None
    kind: str
    confidence: float
    plausible: list[str]  # the candidates' names the ranker finds plausible (`Scorer.choose`)


def decide(art: ParsedArticle, scorer: Scorer | None = None) -> list[Decision]:
    """Every span in text order, each ranked with the speaker decided for the previous one: the
    walk `attribute` makes, and the one training makes, so a wrong previous speaker is seen in
    training as it is at run time."""
    scorer = scorer or default_scorer()
    out: list[Decision] = []
    previous = None  # (speaker, confidence, paragraph) of the last quote with a speaker
    for info in contexts(art):
        cands = candidates_for(art, info, previous)
        best, prob, plausible = scorer.choose(cands)
        chosen = cands[best] if best is not None else None
        speaker = chosen.name if chosen is not None else None
        cued = _cued(chosen)
        words = info.ctx.partial and not info.ctx.heading and not info.is_term and partials.are_words(
            partial_features(art, info, speaker, cued, prob), art.lang)
        kind = _kind(info, speaker, cued, words)
        if kind == "term":
            speaker, chosen = None, None
        out.append(Decision(info, cands, chosen, speaker, kind,
                            round(prob if speaker else 0.5 if kind != "term" else 0.2, 3),
                            plausible if kind != "term" else []))
        if speaker and kind != "term":
            previous = (speaker, prob, info.ctx.par)
    return out


def attribute(art: ParsedArticle, scorer: Scorer | None = None) -> list[Quote]:
    out: list[Quote] = []
    decisions = decide(art, scorer)
    for d in decisions:
        chosen, info = d.chosen, d.info
        mention = chosen.mention.text if chosen is not None and chosen.mention is not None else None
        if chosen is not None and chosen.kind == "previous" and out:
            mention = out[-1].speaker_mention
        out.append(Quote(text=info.inner, start=info.span.start, end=info.span.end, speaker=d.speaker,
                         speaker_mention=mention if d.speaker else None, cue=chosen.cue if chosen is not None else None,
                         kind=d.kind, confidence=d.confidence, speaker_candidates=d.plausible))
    _backfill(art.spans, out)
    _echoes([d.info for d in decisions], out)
    return out


def _echoes(infos: list[SpanInfo], quotes: list[Quote]) -> None:
    """A headline or a section heading in quotation marks (« Peu de garanties ») echoes words someone
    says further on, in the body: those words' speaker is the heading's, whoever spoke last before it."""
    for k, info in enumerate(infos):
        if not info.ctx.heading or quotes[k].kind == "term":
            continue
        words = [t.text for t in folded_words(info.inner)]
        if not words:
            continue
        n = len(words)
        for j in range(k + 1, len(quotes)):
            q = quotes[j]
            if infos[j].ctx.heading or not q.speaker or q.kind == "term":
                continue
            body = [t.text for t in folded_words(q.text)]
            if any(body[i:i + n] == words for i in range(len(body) - n + 1)):
                _take_attribution(quotes[k], q, with_cue=True)
                break


_ATTRIBUTION = ("speaker", "speaker_mention", "confidence", "speaker_candidates")


def _take_attribution(quote: Quote, source: Quote, with_cue: bool = False) -> None:
    """`quote` gets `source`'s speaker and what backs it (its mention, confidence, plausible speakers, and
    with `with_cue` its cue): a heading echoing a body quote, a piece of a quote attributed at its end."""
    for field in _ATTRIBUTION + (("cue",) if with_cue else ()):
        setattr(quote, field, getattr(source, field))


def _cued(chosen: Candidate | None) -> bool:
    """Is the chosen speaker tied to the quote by a speech verb (not just nearby)?"""
    f = chosen.features if chosen is not None else {}
    return strongly_tied(f) or bool(f.get("speech_verb") and f.get("governs"))


def partial_features(art: ParsedArticle, info: SpanInfo, speaker: str | None, cued: bool,
                     probability: float) -> dict[str, float]:
    """What `partials` reads about a phrase quoted inside the writer's sentence (training reads the same)."""
    s = info.span
    return partials.features(art.text, info.inner, s.open_at, s.close_at, s.start, s.end, info.ctx.doc, art.lang,
                             title_like=info.title_like, punct_after=info.punct_after, cued=cued,
                             speaker=bool(speaker), confidence=round(probability, 3))


def _kind(info: SpanInfo, speaker: str | None, cued: bool, words: bool) -> str:
    """`words`: for a phrase inside the writer's sentence, whether `partials` reads it as someone's
    words rather than a term ("une « boîte noire »", a song's title): someone's words even when nobody
    is named ("le comité « demeure préoccupé par… »" with no comité in reach: speaker unknown)."""
    if info.ctx.heading:
        return "term" if (info.title_like or info.is_term) and not speaker else "headline"
    if info.is_term:
        return "term"  # a title in marks ("le roman « Les Misérables »") is nobody's words
    if info.ctx.partial:
        return "partial" if words else "term"
    if info.title_like and not (cued or info.ctx.lead_colon):
        return "term"
    return "direct"


def _backfill(spans: list[Span], quotes: list[Quote]) -> None:
    """A quote run over several paragraphs and attributed at its end: the earlier pieces too."""
    for k in range(len(spans) - 1, 0, -1):
        q = quotes[k]
        if not q.speaker or not (spans[k].continued or spans[k].after_incise):
            continue
        j = k - 1
        while j >= 0 and not quotes[j].speaker and quotes[j].kind != "term":
            _take_attribution(quotes[j], q)
            if not (spans[j].continued or spans[j].after_incise):
                break
            j -= 1


def extract(text: str, lang: str | None = None, scorer: Scorer | None = None) -> list[Quote]:
    art = read_article(text, lang)
    return attribute(art, scorer) if art is not None else []
