"""`verify_claim`: find candidate source quotations for a claim, then let the rules decide.

Candidates come from the index without scanning the corpus: quotes near the claim (BM25 over
folded terms + dense), the claimed speaker's quotes near it, and the quotes inside the passages
nearest to it (paraphrase and indirect speech). Each candidate carries the paragraph around it.
Dense similarities are computed only when the wording alone does not decide (paraphrase), so the
common verbatim / altered / misattributed cases cost two quote searches (all quotes, the claimed
speaker's) and a few alignments.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from retrieval.lang import detect_lang
from retrieval.passages import paragraphs
from retrieval.types import Quote, Verification

from .candidate import Candidate
from .claim import is_short_claim
from .closest import closest_statements
from .in_text import found_in_text, unattributed_in_text
from .paraphrase import unit_texts
from .rules import decide
from .speakers import match_name

QUOTES_K = 8
PASSAGES_K = 4
MAX_CANDIDATES = 16
# Candidates that get a cosine (the claimed speaker's, best-ranked first). Each costs the embedding
# of its quotation and of its paragraph's sentences; a paraphrase source ranked below the sixth by
# both dense and BM25 search is unlikely.
DENSE_CANDIDATES = 6


def _key(q: Quote) -> tuple:
    return (q.article_id, q.start, q.end)


def find_candidates(claim: str, speaker: str | None, index) -> list[Quote]:
    """Source quotations that share the claim's words or meaning, best first, without duplicates:
    those near the claim, then the claimed speaker's near it. Enough for the wording decisions
    (verbatim, altered, misattributed)."""
    found: dict[tuple, Quote] = {}
    pools = [index.search_quotes(claim, k=QUOTES_K)]
    if speaker:
        pools.append(index.search_quotes(claim, k=QUOTES_K, speaker=speaker))
    for pool in pools:
        for quote, _score in pool:
            found.setdefault(_key(quote), quote)
    return list(found.values())[:MAX_CANDIDATES]


def widen(quotes: list[Quote], passages, index) -> list[Quote]:
    """`quotes` followed by the quotations inside the passages nearest to the claim (`passages()`:
    indirect speech, partial quotes, translations), up to MAX_CANDIDATES; no search when `quotes`
    already fill it."""
    if len(quotes) >= MAX_CANDIDATES:
        return quotes[:MAX_CANDIDATES]
    found = {_key(q): q for q in quotes}
    for hit in passages():
        for quote in index.quotes(article_id=hit.article_id):
            if hit.start <= quote.start < hit.end:
                found.setdefault(_key(quote), quote)
    return list(found.values())[:MAX_CANDIDATES]


def _context(quote: Quote, text: str, paras: list) -> tuple[str, int]:
    """The paragraph that holds the quotation (the writer's sentences around it) and its offset."""
    for para in paras:
        if para.start <= quote.start < para.end:
            return text[para.start : max(para.end, quote.end)], para.start
    return quote.text, quote.start


def build_candidates(claim: str, quotes: list[Quote], index, *, dense: bool, speaker: str | None = None) -> list[Candidate]:
    """Candidates with their paragraph; with `dense`, also the claim's cosine to them. Only the
    first DENSE_CANDIDATES quotations that could be the claimed speaker's get a cosine: a paraphrase
    must be attributed to that speaker, and the other verdicts are decided by wording alone."""
    candidates = []
    texts = index.article_texts([q.article_id for q in quotes])
    paras = {aid: paragraphs(text) for aid, text in texts.items()}
    # With a claimed speaker, each article's speakers: a fuzzy match ("Maria") must fit only one.
    people = {aid: _speakers(index, aid) for aid in texts} if speaker else {}
    for quote in quotes:
        passage, start = _context(quote, texts[quote.article_id], paras[quote.article_id])
        candidates.append(Candidate(quote=quote, passage=passage, passage_start=start, lang=_article_lang(index, quote),
                                    article_speakers=people.get(quote.article_id, ()),
                                    article_text=texts[quote.article_id] if speaker else None))
    if not dense or not candidates:
        return candidates
    # Cosine of the claim with the quotation, its sentences and each sentence of its paragraph: the
    # paraphrase gate aligns the claim with the best of them (paraphrase.unit_texts).
    pieces: list[str] = []
    owners: list[int] = []
    scored = 0
    for n, c in enumerate(candidates):
        if speaker and c.quote.speaker and not match_name(speaker, c.quote.speaker, (c.passage or "",)).kind:
            continue
        if scored >= DENSE_CANDIDATES:
            break
        scored += 1
        parts = unit_texts(c.quote.text, c.passage)
        pieces.extend(parts)
        owners.extend([n] * len(parts))
    vectors = index.embed_cached([claim] + pieces)
    sims = vectors[1:] @ vectors[0]
    units: list[list[tuple[str, float]]] = [[] for _ in candidates]
    for owner, piece, sim in zip(owners, pieces, sims):
        units[owner].append((piece, float(sim)))
    return [replace(c, dense=max(s for _, s in units[n]), units=tuple(units[n])) if units[n] else c
            for n, c in enumerate(candidates)]


def _speakers(index, article_id: str) -> tuple[str, ...]:
    """The distinct speakers of an article's quotations."""
    return tuple(dict.fromkeys(q.speaker for q in index.quotes(article_id=article_id) if q.speaker))


def _article_lang(index, quote: Quote) -> str | None:
    return index.article_lang(quote.article_id) if quote.article_id else None


def verify_claim(claim: str, speaker: str | None, index, model=None) -> Verification:
    """The verdict on a claimed quote (CONTRACT.md, `verify`). The model, when given, may only
    turn `not_found` into `paraphrase` after its judgement is validated; never into `verbatim`.
    A `not_found` verdict lists the closest statements by the claimed speaker (`closest`)."""
    claim = claim.strip()
    speaker = (speaker or "").strip() or None
    if not claim:
        return Verification(verdict="not_found", claim=claim, claimed_speaker=speaker, explanation="empty claim")
    claim_lang = detect_lang(claim)

    @cache
    def passages():  # the passages nearest to the claim, searched once, only if needed
        return index.search(claim, k=PASSAGES_K)

    quotes = find_candidates(claim, speaker, index)
    candidates = build_candidates(claim, quotes, index, dense=False, speaker=speaker)
    result = decide(claim, speaker, candidates, claim_lang=claim_lang)
    if result.verdict in ("not_found", "paraphrase"):
        # Wording did not decide: widen to the quotations in the passages nearest to the claim
        # (indirect speech, partial quotes, translations) and bring in dense similarity.
        quotes = widen(quotes, passages, index)
        if quotes:
            candidates = build_candidates(claim, quotes, index, dense=True, speaker=speaker)
            result = decide(claim, speaker, candidates, claim_lang=claim_lang)
    if (result.verdict == "not_found" or result.verdict == "paraphrase" and result.translated) and not is_short_claim(claim):
        # the claim's own words in a source's text, in no attributed quotation: found, speaker unknown
        # (never "not found", nor a translation of some other statement)
        found = found_in_text(claim, passages())
        if found is not None:
            return unattributed_in_text(claim, speaker, *found)
    if model is not None and result.verdict == "not_found" and quotes and not is_short_claim(claim):
        from .judge import judge_paraphrase

        result = judge_paraphrase(claim, speaker, candidates, result, model, claim_lang=claim_lang)
    if result.verdict == "not_found" and not is_short_claim(claim):
        result.closest = closest_statements(speaker, candidates)
    return result
