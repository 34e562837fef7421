"""Word-level alignment of a claimed quote against a source quotation.

`align(claim, source)` finds the window of `source` that the claim corresponds to (the claim may be
an excerpt), up to typography (`retrieval.normalize`), first-letter case and editorial insertions in
the source ("(chinoises, ndlr)", "[sic]", "(...)", any bracketed or parenthesised words, which the
claim may keep or omit). A claim joined by ellipses ("…", "...", "[…]", "(...)") is cut into pieces
that must each be found, in order, in the same source quotation.

Words are compared as token ids: exact excerpts are found with `str.find` on the id strings, close
ones with difflib's matching blocks (linear-ish for quotes of a few hundred words), never with a
Python loop over every (claim word, source word) pair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from retrieval.normalize import Token, strip_accents, words
from retrieval.types import WordEdit

__all__ = ["Alignment", "align", "claim_pieces"]

# An ellipsis in a claim joins two excerpts; in a source it marks words the newsroom left out.
_ELLIPSIS = r"\[\s*(?:…|\.{2,})\s*\]|\(\s*(?:…|\.{2,})\s*\)|…|\.{3,}"
# Editorial insertions: anything in square brackets or parentheses ("(chinoises, ndlr)", "[sic]").
_EDITORIAL = r"\[[^\[\]]*\]|\([^()]*\)"
_CLAIM_SPLIT = re.compile(rf"(?P<ell>{_ELLIPSIS})|(?P<ed>{_EDITORIAL})")
_SOURCE_SKIP = re.compile(rf"{_ELLIPSIS}|{_EDITORIAL}")


@dataclass(frozen=True)
class Alignment:
    """How a claim lines up with one source quotation.

    `start`/`end` are offsets into the source of the matched window (exact original characters;
    both 0 when nothing matched). `outside_before`/`outside_after` count claim words that lie beyond
    the source quotation's first/last word (the claim extends past its edges).
    """

    exact: bool
    similarity: float
    diff: list[WordEdit] = field(default_factory=list)
    start: int = 0
    end: int = 0
    outside_before: int = 0
    outside_after: int = 0
    matched: int = 0  # claim words found in the window (in order)
    claim_words: int = 0
    core_exact: bool = False  # the only differences are claim words beyond the source's edges
    longest_run: int = 0  # longest run of consecutive matched words

    @property
    def outside(self) -> int:
        return self.outside_before + self.outside_after


@dataclass
class _Side:
    text: str
    tokens: list[Token]
    # position in `tokens` -> folded words of the editorial insertion skipped just before it
    insertions: dict[int, list[str]] = field(default_factory=dict)


def _source_side(source: str) -> _Side:
    spans = [m.span() for m in _SOURCE_SKIP.finditer(source)]
    toks: list[Token] = []
    insertions: dict[int, list[str]] = {}
    si = 0
    for t in words(source):
        while si < len(spans) and spans[si][1] <= t.start:
            si += 1
        if si < len(spans) and spans[si][0] <= t.start < spans[si][1]:
            insertions.setdefault(len(toks), []).append(t.text)
        else:
            toks.append(t)
    return _Side(source, toks, insertions)


def claim_pieces(claim: str) -> list[list[Token]]:
    """The claim's words, cut at ellipses; editorial insertions in the claim are dropped."""
    pieces: list[list[Token]] = [[]]
    marks = list(_CLAIM_SPLIT.finditer(claim))
    mi = 0
    for t in words(claim):
        while mi < len(marks) and marks[mi].end() <= t.start:
            if marks[mi].lastgroup == "ell" and pieces[-1]:
                pieces.append([])
            mi += 1
        if mi < len(marks) and marks[mi].start() <= t.start < marks[mi].end():
            continue
        pieces[-1].append(t)
    return [p for p in pieces if p]


def _typo_equal(a: Token, a_text: str, b: Token, b_text: str) -> bool:
    """Same word up to a missing accent on a capital ("Etat" / "État")."""
    if a.text == b.text:
        return True
    if len(a.text) != len(b.text) or a.text[1:] != b.text[1:]:
        return False
    capital = a_text[a.start : a.start + 1].isupper() or b_text[b.start : b.start + 1].isupper()
    return capital and strip_accents(a.text[0]) == strip_accents(b.text[0])


class _Codec:
    """Maps folded words to single characters so that token lists become strings."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}

    def encode(self, toks: list[Token]) -> str:
        out = []
        for t in toks:
            c = self.ids.get(t.text)
            if c is None:
                c = self.ids[t.text] = chr(0x4E00 + len(self.ids))  # plain BMP characters
            out.append(c)
        return "".join(out)


@dataclass
class _Piece:
    matched: int
    src_len: int
    claim_len: int
    ws: int  # window in source token indices
    we: int
    diff: list[WordEdit]
    lead_out: int  # claim words before the source's first word
    trail_out: int  # claim words after the source's last word
    core_edits: int  # edits that are not edge extensions
    run: int


def _span_text(text: str, toks: list[Token], i: int, j: int) -> str:
    return text[toks[i].start : toks[j - 1].end] if j > i else ""


def _best_cluster(blocks: list[tuple[int, int, int]], claim_len: int) -> list[tuple[int, int, int]]:
    """Group matching blocks that sit close together in the source; keep the group matching most words."""
    tol = max(3, claim_len // 2)
    groups: list[list[tuple[int, int, int]]] = []
    for b in blocks:
        if groups and b[0] - (groups[-1][-1][0] + groups[-1][-1][2]) <= tol:
            groups[-1].append(b)
        else:
            groups.append([b])
    return max(groups, key=lambda g: sum(b[2] for b in g)) if groups else []


def _align_piece(claim: str, ctoks: list[Token], src: _Side, s_str: str, c_str: str, lo: int, hi: int) -> _Piece:
    n_total = len(src.tokens)
    m = len(ctoks)
    found = s_str.find(c_str, lo, hi)
    if found >= 0:
        return _Piece(m, m, m, found, found + m, [], 0, 0, 0, m)
    sm = SequenceMatcher(None, s_str[lo:hi], c_str, autojunk=False)
    blocks = [(a + lo, b, size) for a, b, size in sm.get_matching_blocks() if size]
    group = _best_cluster(blocks, m)
    if not group:
        return _Piece(0, 0, m, lo, lo, [WordEdit(op="insert", claim=_span_text(claim, ctoks, 0, m))], 0, 0, 1, 0)
    ws, we = group[0][0], group[-1][0] + group[-1][2]
    cs, ce = group[0][1], group[-1][1] + group[-1][2]
    # Unmatched claim words at the edges pair with the neighbouring source words, if any.
    ws -= min(cs, ws - lo)
    we += min(m - ce, hi - we)
    ops = SequenceMatcher(None, s_str[ws:we], c_str, autojunk=False).get_opcodes()
    diff: list[WordEdit] = []
    matched = src_matched = 0
    lead_out = trail_out = core = run = 0
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        i1, i2 = i1 + ws, i2 + ws
        if tag == "replace" and i2 - i1 == j2 - j1 and all(
            _typo_equal(src.tokens[i1 + x], src.text, ctoks[j1 + x], claim) for x in range(i2 - i1)
        ):
            tag = "equal"
        if tag == "insert":
            skipped = src.insertions.get(i1, [])
            claim_words = [t.text for t in ctoks[j1:j2]]
            if skipped and _is_subsequence(claim_words, skipped):
                matched += j2 - j1  # the claim kept an editorial insertion: fine
                continue
        if tag == "equal":
            matched += j2 - j1
            src_matched += i2 - i1
            run = max(run, j2 - j1)
            continue
        if tag == "insert" and k == 0 and i1 == 0:
            lead_out += j2 - j1
        elif tag == "insert" and k == len(ops) - 1 and i1 == n_total:
            trail_out += j2 - j1
        else:
            core += 1
        diff.append(
            WordEdit(op=tag, source=_span_text(src.text, src.tokens, i1, i2), claim=_span_text(claim, ctoks, j1, j2))
        )
    return _Piece(matched, we - ws, m, ws, we, diff, lead_out, trail_out, core, run)


def _is_subsequence(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(w in it for w in needle)


def _combine(pieces: list[_Piece], src: _Side, n_claim: int) -> Alignment:
    matched = sum(p.matched for p in pieces)
    src_len = sum(p.src_len for p in pieces)
    diff = [e for p in pieces for e in p.diff]
    located = [p for p in pieces if p.we > p.ws]
    if located:
        start, end = src.tokens[located[0].ws].start, src.tokens[located[-1].we - 1].end
    else:
        start = end = 0
    lead = pieces[0].lead_out
    trail = pieces[-1].trail_out
    # Edge extensions of inner pieces are not at the quotation's edges: they count as core edits.
    core = sum(p.core_edits for p in pieces) + sum(bool(p.lead_out) for p in pieces[1:])
    core += sum(bool(p.trail_out) for p in pieces[:-1])
    sim = (matched + min(matched, src_len)) / (n_claim + src_len) if n_claim + src_len else 0.0
    exact = not diff
    return Alignment(
        exact=exact,
        similarity=1.0 if exact else round(min(sim, 0.999), 4),
        diff=diff,
        start=start,
        end=end,
        outside_before=lead,
        outside_after=trail,
        matched=matched,
        claim_words=n_claim,
        core_exact=exact or (core == 0 and matched > 0),
        longest_run=max((p.run for p in pieces), default=0),
    )


@lru_cache(maxsize=2048)  # verification grades the same candidates again when it widens the search
def align(claim: str, source: str) -> Alignment:
    """Align `claim` with the best-matching window of the source quotation `source`."""
    src = _source_side(source)
    pieces = claim_pieces(claim)
    n_claim = sum(len(p) for p in pieces)
    if not pieces or not src.tokens:
        return Alignment(exact=False, similarity=0.0, claim_words=n_claim,
                         diff=[WordEdit(op="insert", claim=claim.strip())] if n_claim else [])
    codec = _Codec()
    s_str = codec.encode(src.tokens)
    n = len(src.tokens)
    if len(pieces) == 1:
        c_str = codec.encode(pieces[0])
        return _combine([_align_piece(claim, pieces[0], src, s_str, c_str, 0, n)], src, n_claim)
    # Ellipsis join: each piece in order, each after the previous one.
    done: list[_Piece] = []
    pos = 0
    for piece in pieces:
        p = _align_piece(claim, piece, src, s_str, codec.encode(piece), pos, n)
        done.append(p)
        pos = max(pos, p.we)
    best = _combine(done, src, n_claim)
    if best.exact:
        return best
    joined = [t for p in pieces for t in p]
    whole = _combine([_align_piece(claim, joined, src, s_str, codec.encode(joined), 0, n)], src, n_claim)
    return whole if whole.similarity > best.similarity else best
