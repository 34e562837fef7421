"""The verdict on a claimed quote, decided from a few candidate source quotations. Pure: no I/O.

Wording and speaker are two findings. `decide(claim, speaker, candidates)` aligns the claim with
every candidate quotation (`align.align`) and grades its wording:

  exact     every claimed word is in the quotation, in order (excerpt or ellipsis join)
  close     a quotation matches closely but words were changed, added or removed
  embedded  the claim contains a short quotation verbatim and its other words come from the
            writer's sentence around it ("il avait qualifié d'« échec » les restrictions...")
  extended  the claim is a quotation plus words found nowhere around it (added words)
  similar   no close wording, but the passage says the same thing (dense + lexical evidence)

and judges its speaker (`speakers.speaker_finding`): `same` (confidently attributed to the claimed
speaker, maybe through a fuzzy match), `other`, `unknown` (not attributed, only guessed, or the
claimed name fits several speakers), `unclaimed`. Then it picks a verdict (CONTRACT.md, `verify`):

  same / unclaimed:  exact -> verbatim; close -> altered; embedded -> paraphrase; extended -> altered
  unknown:           exact, when the claimed speaker may be the one (guessed, named, ambiguous) -> unattributed
  other:             exact -> misattributed, before a close quotation of the claimed speaker
  other:             close / extended -> misattributed (every such speaker listed)
  unknown:           exact / close / extended -> unattributed (the passage shown)
  same / unclaimed:  similar -> paraphrase (also unknown when the passage names the claimed speaker)
  otherwise not_found.

A claim of one or two content words is too short to carry a statement: no paraphrase (embedded or
similar), and no `altered` unless one of its content words is among the matched words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.verification.align import Alignment, align
from retrieval.names import same_speaker
from retrieval.normalize import words
from retrieval.types import Citation, Verification

from .candidate import Candidate
from .claim import content_words, is_short_claim
from .explain import describe_edits, fuzzy_note, unattributed_note
from .paraphrase import found_share, is_cross, supports_paraphrase
from .speakers import CONFIRM_MIN_CONFIDENCE, SpeakerFinding, confident, distinct_speakers, mentions, speaker_finding  # noqa: F401

__all__ = ["Candidate", "decide", "ALTER_MIN_SIMILARITY", "supports_paraphrase", "CONFIRM_MIN_CONFIDENCE"]

# --- Thresholds -------------------------------------------------------------------------------
# altered: word-level similarity 2*matched/(claim words + window words) of the best window, with a
# run of >= 2 consecutive matched words (a negation "ne ... pas" splits runs) and at least half the
# claim's words found; a quotation extended by unexplained words needs >= 3 of its words kept. Dev claims that
# are alterations score 0.67 ("... livraisons dès la semaine prochaine" vs "... livraisons bientôt"),
# 0.84, 0.86, 0.875, 0.90; fabricated / paraphrased claims against the same quotations score
# <= 0.27 (20 dev claims x 8 gold quotes of fr_nvidia_h20).
ALTER_MIN_SIMILARITY = 0.6
ALTER_MIN_RUN = 2
EXTENDED_MIN_CORE = 3
# embedded partial quote: share of the claim's extra content words found in the writer's text.
EMBEDDED_MIN_EXPLAINED = 0.5

WORDING = ("exact", "close", "extended")  # grades where the claimed words are in the quotation
_RANK = {"exact": 5, "close": 4, "embedded": 3, "extended": 2, "similar": 1, "none": 0}
_KIND_PREF = {"direct": 3, "partial": 2, "indirect": 1, "term": 1, "headline": 0}


@dataclass
class _Graded:
    cand: Candidate
    grade: str  # exact | close | embedded | extended | similar | none
    al: Alignment
    score: float  # the similarity reported for this candidate
    who: SpeakerFinding
    quote_in_passage: int  # offset of the quotation inside the passage, -1 if unknown

    @property
    def relation(self) -> str:
        return self.who.relation


def _quote_offset(c: Candidate) -> int:
    if c.passage is None:
        return -1
    if c.passage_start is not None and 0 <= c.quote.start - c.passage_start <= len(c.passage):
        return c.quote.start - c.passage_start
    return c.passage.find(c.quote.text)


def _writer_words(c: Candidate, q_off: int) -> list[str]:
    """The passage's words outside the quotation (the writer's own words)."""
    if c.passage is None:
        return []
    if q_off < 0:
        return [t.text for t in words(c.passage)]
    q_end = q_off + len(c.quote.text)
    return [t.text for t in words(c.passage) if t.end <= q_off or t.start >= q_end]


def _claim_outside(claim: str, al: Alignment) -> list[str]:
    """The claim's words beyond the quotation's edges (folded)."""
    toks = [t.text for t in words(claim)]
    return toks[: al.outside_before] + (toks[len(toks) - al.outside_after :] if al.outside_after else [])


def _matches_content(claim: str, al: Alignment) -> bool:
    """Whether a content word of the claim is among the matched words: a short claim matched on
    its stop words alone ("c'est" of "c'est inadmissible") is no evidence of anything."""
    content = content_words([t.text for t in words(claim)])
    edited = [w for e in al.diff for w in content_words([t.text for t in words(e.claim)])]
    return len(content) > len(edited)


def _finding(claimed: str | None, c: Candidate) -> SpeakerFinding:
    texts = tuple(t for t in (c.passage, c.article_text) if t)
    # Whether the passage names the claimed speaker matters only when the source does not say it.
    named = bool(claimed) and c.quote.kind != "term" and not confident(c.quote) and mentions(c.passage, claimed)
    return speaker_finding(claimed, c.quote, texts, c.article_speakers, named=named, article_text=c.article_text)


def _grade(claim: str, claimed: str | None, c: Candidate, claim_lang: str | None, source_lang: str | None,
           short: bool) -> _Graded:
    al = align(claim, c.quote.text)
    q_off = _quote_offset(c)
    g = _Graded(c, "none", al, al.similarity, _finding(claimed, c), q_off)
    n = al.claim_words
    if al.exact:
        g.grade = "exact"
        return g
    if short and not _matches_content(claim, al):
        return g  # too short for anything but its own words in a quotation
    outside = _claim_outside(claim, al)
    if al.core_exact and al.outside:
        extra = content_words(outside) or outside
        writer = _writer_words(c, q_off)
        if not short and writer and found_share(extra, writer) >= EMBEDDED_MIN_EXPLAINED:
            g.grade, g.score = "embedded", max(al.similarity, c.dense or 0.0)
            return g
        core = n - al.outside
        if core >= EXTENDED_MIN_CORE and core * 2 >= n:
            g.grade = "extended"
            return g
    elif (
        al.similarity >= ALTER_MIN_SIMILARITY
        and al.longest_run >= min(ALTER_MIN_RUN, max(1, n - 1))
        and al.matched * 2 >= n
    ):
        g.grade = "close"
        return g
    if not short and supports_paraphrase(claim, c, is_cross(claim_lang, c.lang or source_lang), claimed=bool(claimed)):
        g.grade, g.score = "similar", float(c.dense or 0.0)
    return g


def _citation(g: _Graded, whole_passage: bool) -> Citation:
    q = g.cand.quote
    if whole_passage:
        passage = _passage(g)
        if passage is not None:
            return passage
    if g.al.end > g.al.start:
        s, e = g.al.start, g.al.end
    else:
        s, e = 0, len(q.text)
    return Citation(source=q.source or "", title=q.title or "", start=q.start + s, end=q.start + e,
                    text=q.text[s:e], article_id=q.article_id)


def _passage(g: _Graded) -> Citation | None:
    """The paragraph around the source quotation (the writer's sentences, with the attribution)."""
    q, p = g.cand.quote, g.cand.passage
    if p is None or g.quote_in_passage < 0:
        return None
    start = q.start - g.quote_in_passage
    return Citation(source=q.source or "", title=q.title or "", start=start, end=start + len(p), text=p,
                    article_id=q.article_id)


def _pick(graded: list[_Graded], grades: tuple[str, ...], relations: tuple[str, ...], when=None) -> _Graded | None:
    pool = [g for g in graded if g.grade in grades and g.relation in relations and (when is None or when(g))]
    if not pool:
        return None
    return max(pool, key=lambda g: (_RANK[g.grade], -relations.index(g.relation), g.score,
                                    _KIND_PREF.get(g.cand.quote.kind, 0)))


def _carriers(graded: list[_Graded], chosen: _Graded, claimed: str | None) -> list[str]:
    """Every distinct speaker, confidently attributed, whose quotation carries the claimed words
    (word for word when the chosen one does), other than the claimed speaker (or, with none
    claimed, than the chosen quotation's speaker)."""
    grades = ("exact",) if chosen.grade == "exact" else WORDING
    pool = sorted((g for g in graded if g.grade in grades and confident(g.cand.quote)),
                  key=lambda g: (-_RANK[g.grade], -g.score))
    if claimed:
        return distinct_speakers(g.cand.quote.speaker for g in pool if g.relation == "other")
    mine = chosen.cand.quote.speaker if confident(chosen.cand.quote) else None
    return [n for n in distinct_speakers(g.cand.quote.speaker for g in pool) if not (mine and same_speaker(mine, n))]


def decide(
    claim: str,
    speaker: str | None,
    candidates: Sequence[Candidate],
    claim_lang: str | None = None,
    source_lang: str | None = None,
) -> Verification:
    """The verdict on `claim` attributed to `speaker` (None: no speaker claimed), from `candidates`.

    `source_lang` is used for candidates that carry no `lang` of their own.
    """
    short = is_short_claim(claim)
    graded = [_grade(claim, speaker, c, claim_lang, source_lang, short) for c in candidates]
    own = ("same", "unclaimed")
    base = dict(claim=claim, claimed_speaker=speaker)

    def result(verdict: str, g: _Graded, explanation: str, whole_passage: bool = False) -> Verification:
        q = g.cand.quote
        exact = verdict == "verbatim"
        status = {"same": "confirmed", "unclaimed": "not_claimed", "other": "other"}.get(g.relation, "unknown")
        known = q.speaker if q.kind != "term" else None
        guess = bool(known) and not confident(q)
        note = fuzzy_note(speaker, g.who, known) if verdict != "misattributed" else ""
        return Verification(
            verdict=verdict, **base, source=_citation(g, whole_passage), source_speaker=known,
            similarity=1.0 if exact else round(float(g.score), 4),
            diff=[] if exact or verdict == "paraphrase" else list(g.al.diff),
            translated=verdict == "paraphrase" and is_cross(claim_lang, g.cand.lang or source_lang),
            explanation=" ".join(p for p in (explanation, note) if p),
            passage=_passage(g), speaker_status=status, other_speakers=_carriers(graded, g, speaker),
            speaker_match=g.who.match.kind if known else None, speaker_guess=guess,
            speaker_confidence=round(float(q.confidence), 3) if known else None,
        )

    def who(g: _Graded) -> str:
        q = g.cand.quote
        if not q.speaker or q.kind == "term":
            return "an unidentified speaker"
        return q.speaker if confident(q) else f"{q.speaker} (the extractor's guess)"

    def unattributed(g: _Graded) -> Verification:
        v = result("unattributed", g, unattributed_note(g.cand.quote, g.who, speaker, exact=g.grade == "exact",
                                                        edits=describe_edits(g.al.diff)))
        if v.other_speakers:
            v.explanation += f" The same words are attributed to {', '.join(v.other_speakers)} in another quotation."
        return v

    def misattributed(g: _Graded) -> Verification:
        how = "word for word" if g.grade == "exact" else "with changes"
        v = result("misattributed", g, "")
        said = ", ".join(v.other_speakers) or who(g)
        v.explanation = f"These words ({how}) were said by {said}, not {speaker}."
        if g.who.absent:
            v.explanation = (f"These words ({how}) are in an article that never names {speaker}; it attributes "
                             f"them to {who(g)}.")
        elif g.who.unlinked:
            v.explanation = (f"These words ({how}) are not {speaker}'s in the source: it may give them to "
                             f"{' or '.join(g.cand.quote.speaker_candidates or [])}, not to {speaker} (the likeliest: "
                             f"{who(g)}).")
        return v

    def linked(g: _Graded) -> bool:  # the claimed speaker may be the one: guessed, named, a role, ambiguous
        return g.who.named or g.who.guess or g.who.unverifiable or bool(g.who.ambiguous)

    g = _pick(graded, ("exact",), own)
    if g:
        return result("verbatim", g, f"Found word for word in a quotation by {who(g)}.")
    g = _pick(graded, ("exact",), ("unknown",), when=linked)
    if g:
        return unattributed(g)
    # The very words, said by someone else, outweigh close words of the claimed speaker's.
    g = _pick(graded, ("exact",), ("other",))
    if g:
        return misattributed(g)
    g = _pick(graded, ("close",), own)
    if g:
        return result("altered", g, f"A quotation by {who(g)} matches closely but words differ: {describe_edits(g.al.diff)}.")
    g = _pick(graded, ("embedded",), own)
    if g:
        return result("paraphrase", g, f"Only part is quoted from {who(g)}; the other words are the writer's.",
                      whole_passage=True)
    g = _pick(graded, ("extended",), own)
    if g:
        return result("altered", g, f"A quotation by {who(g)} with words added: {describe_edits(g.al.diff)}.")
    # Before accusing anyone: close words in a quotation that may be the claimed speaker's.
    g = _pick(graded, WORDING, ("unknown",), when=linked)
    if g:
        return unattributed(g)
    g = _pick(graded, WORDING, ("other",))
    if g:
        return misattributed(g)
    g = _pick(graded, WORDING, ("unknown",))
    if g:
        return unattributed(g)
    g = _pick(graded, ("similar",), own) or _pick(graded, ("similar",), ("unknown",), when=lambda g: g.who.named)
    if g:
        lang = " (in another language)" if is_cross(claim_lang, g.cand.lang or source_lang) else ""
        return result("paraphrase", g, f"No matching wording, but the source reports {who(g)} saying this{lang}.",
                      whole_passage=True)
    others = _pick(graded, ("embedded", "similar"), ("other",))
    if short:
        why = "Too short to judge as a paraphrase, and not found in a quotation."
    elif others:
        why = f"Nothing attributes this to {speaker}; similar content is attributed to {who(others)}."
    else:
        why = "Nothing in the candidate sources supports this quote."
    best = max((g.score for g in graded if g.grade != "none"), default=0.0)
    return Verification(verdict="not_found", **base, similarity=round(float(best), 4), explanation=why,
                        speaker_status="unknown" if speaker else "not_claimed")
