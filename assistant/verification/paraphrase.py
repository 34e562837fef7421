"""Paraphrase gate: does a passage say what the claim says, in other words? Pure (weights read once).

A small logistic regression over signals computed offline (`paraphrase_features`):
  cos_best / cos_quote  multilingual sentence cosine of the claim with its best-aligned unit (the
                        quotation, each of its sentences, each sentence of the paragraph) and with the quotation
  lex_unit / lex_passage share of the claim's content words found (accents folded, 5-letter prefix)
                        in the aligned unit and in the whole paragraph
  entities              share of the claim's names and numbers found in the paragraph
  neg_flip / num_flip   the claim's polarity differs from the aligned unit's; the claim states a
                        number the aligned unit does not (hard gates too: see `gated`)
  copy                  how far the claim copies the unit's words beyond 60%: a near-copy that the
                        wording rules did not call verbatim or altered is a changed quotation, not a paraphrase
  len_ratio             log of the claim's content words over the aligned unit's
  cross, cross_cos      the claim and the source are in two languages
Trained by `evals/train_paraphrase.py` on the tuning half of evals/data/real/paraphrases.jsonl; the
weights, training counts and thresholds (one for the same language, one across languages, each set
for zero false paraphrases in cross-validation) are in paraphrase_weights.json.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from retrieval.normalize import strip_accents, words
from retrieval.passages import sentences

from .candidate import Candidate
from .claim import content_words
from .polarity import is_negated, numbers, tokens

__all__ = ["FEATURES", "paraphrase_features", "paraphrase_score", "supports_paraphrase", "found_share", "is_cross",
           "aligned_unit", "load_weights", "gated", "candidate_units", "unit_texts", "decides_paraphrase"]

WEIGHTS = Path(__file__).with_name("paraphrase_weights.json")
NEG_GATE_LEX = 0.5
_CLAUSE = re.compile(r"[,;:–—]\s+|\s+(?:and|but|while|et|mais|alors que)\s+", re.I)
COPY_LEX = 0.6
FEATURES = ("cos_best", "cos_quote", "lex_unit", "copy", "lex_passage", "entities", "neg_flip", "num_flip", "len_ratio",
            "cross", "cross_cos")


def found_share(needles: Sequence[str], hay: Sequence[str]) -> float:
    """Share of `needles` found in `hay` up to accents or a shared 5-letter prefix (apprécie/apprécier)."""
    if not needles:
        return 0.0
    pool = {strip_accents(h) for h in hay}
    prefixes = {h[:5] for h in pool if len(h) >= 5}
    found = 0
    for w in needles:
        w = strip_accents(w)
        found += w in pool or (len(w) >= 5 and w[:5] in prefixes)
    return found / len(needles)


def is_cross(claim_lang: str | None, src_lang: str | None) -> bool:
    """Whether claim and source are in two different known languages."""
    known = {None, "", "und"}
    return claim_lang not in known and src_lang not in known and claim_lang != src_lang


def _names(text: str) -> list[str]:
    """Capitalised words not opening a sentence (people, places, organisations), folded."""
    out, prev_end = [], None
    for t in words(text):
        raw = text[t.start : t.end]
        opening = prev_end is None or text[prev_end : t.start].strip()[-1:] in (".", "!", "?", "«", '"', "“")
        if raw[:1].isupper() and len(raw) > 1 and not opening:
            out.append(strip_accents(t.text))
        prev_end = t.end
    return out


def unit_texts(quote: str, passage: str | None) -> list[str]:
    """What a claim is compared with: the quotation, its sentences (when several), the leading clauses of
    each ("Les entreprises locales sont très talentueuses" out of "…, et le contrôle des exportations leur
    a donné…": a claim often renders one part of a long quotation), the paragraph's sentences."""
    out = [quote]
    inner = [quote[s.start : s.end] for s in sentences(quote)]
    if len(inner) > 1:
        out += inner
    for sent in inner:
        cuts = [m.start() for m in _CLAUSE.finditer(sent) if len(sent[: m.start()].split()) >= 4]
        out += [sent[:c].strip() for c in cuts]
    if passage:
        out += [passage[s.start : s.end] for s in sentences(passage)]
    return list(dict.fromkeys(out))


def aligned_unit(claim_content: Sequence[str], units: Sequence[tuple[str, float]]) -> tuple[str, float]:
    """The unit (quotation or sentence) that best carries the claim: cosine plus shared words."""
    return max(units, key=lambda u: u[1] + 0.5 * found_share(claim_content, tokens(u[0])))


def paraphrase_features(claim: str, units: Sequence[tuple[str, float]], passage: str, cross: bool) -> dict[str, float]:
    """The gate's inputs. `units`: (text, cosine with the claim) for the quotation first, then its
    sentences and the paragraph's sentences; `passage`: the paragraph around the quotation.
    Polarity and numbers are compared with the quotation's sentence that best aligns with the claim
    (the writer's sentences around it say other things: "Roberts won't return to teaching")."""
    claim_toks = tokens(claim)
    content = content_words(claim_toks)
    quote = units[0][0]
    unit, _ = aligned_unit(content, [u for u in units if u[0] in quote])
    unit_toks = tokens(unit)
    passage_toks = tokens(passage)
    cos_best = max(c for _, c in units)
    claimed = set(_names(claim)) | numbers(claim_toks)
    known = set(passage_toks) | numbers(passage_toks)
    entities = (len([n for n in claimed if n in known]) / len(claimed)) if claimed else 1.0
    unit_content = content_words(unit_toks) or unit_toks
    # The claim's own words, without those it takes from the writer's attribution ("souligne Eugen
    # Tunik"): they are in the paragraph but not in the quotation, and say nothing of its content.
    quote_toks = tokens(quote)
    said = [w for w in content if not (found_share([w], passage_toks) and not found_share([w], quote_toks))] or content
    lex_unit = 0.0 if cross else found_share(said, unit_toks)
    return {
        "cos_best": cos_best,
        "cos_quote": units[0][1],
        "lex_unit": lex_unit,
        "copy": max(0.0, lex_unit - COPY_LEX),
        "lex_passage": 0.0 if cross else found_share(content, passage_toks),
        "entities": entities,
        "neg_flip": float(_polarity_differs(claim_toks, content, unit, cross)),
        "num_flip": float(bool(numbers(claim_toks) - numbers(unit_toks))),
        "len_ratio": math.log((len(content) + 1) / (len(unit_content) + 1)),
        "cross": float(cross),
        "cross_cos": cos_best if cross else 0.0,
    }


def _polarity_differs(claim_toks: list[str], content: list[str], unit: str, cross: bool) -> bool:
    """Whether the claim's polarity differs from the unit's clause that carries it: the clause sharing
    most of its words; across languages (no shared words), the claim must match some clause's polarity
    ("Nous sommes fiers de nos ingénieurs" carries the first clause of "We are proud of our engineers
    and we will never stop investing")."""
    negated = is_negated(claim_toks)
    clauses = [tokens(c) for c in _CLAUSE.split(unit) if c and c.strip()] or [tokens(unit)]
    whole = tokens(unit)
    if cross:
        return all(is_negated(c) != negated for c in clauses + [whole])
    best = max(clauses, key=lambda c: found_share(content, c))
    if found_share(content, best) == 0 or found_share(content, whole) > found_share(content, best) + 0.25:
        best = whole  # the claim shares no word with any clause, or draws on several
    return is_negated(best) != negated


def gated(feats: dict[str, float]) -> bool:
    """The hard gates, whatever the score: a number the source sentence does not state, no shared word
    at all in the same language, or a changed
    polarity where it can be read: across languages, or when the claim reuses the source's words
    (a reworded claim may say "quasi inutile" for "n'a pas servi à grand-chose": that is left to the model)."""
    if feats["num_flip"]:
        return True
    if not feats["cross"] and feats["lex_passage"] == 0:
        return True  # in the same language, a paraphrase shares some word with its paragraph (2 of 69 tuning ones do not)
    return bool(feats["neg_flip"]) and (bool(feats["cross"]) or feats["lex_unit"] >= NEG_GATE_LEX)


@lru_cache(maxsize=4)
def load_weights(path: str = str(WEIGHTS)) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def paraphrase_score(feats: dict[str, float], weights: dict | None = None) -> float:
    """The model's probability that the passage reports the claim's content."""
    w = weights or load_weights()
    z = w["bias"] + sum(w["coef"][k] * (feats[k] - w["mean"][k]) / w["scale"][k] for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def decides_paraphrase(feats: dict[str, float], weights: dict | None = None,
                       claimed: bool = True) -> tuple[bool, float]:
    """(paraphrase?, score): the hard gates (changed polarity or number), then the threshold. A claim
    with no speaker is compared with every quotation, not one person's: it has a higher bar, above the
    best-scoring statement of another article (`unclaimed_*`, evals/train_paraphrase.py)."""
    w = weights or load_weights()
    score = paraphrase_score(feats, w)
    if gated(feats):
        return False, score
    name = "cross" if feats["cross"] else "same"
    threshold = w["threshold"][name] if claimed else w["threshold"].get(f"unclaimed_{name}", w["threshold"][name])
    return score >= threshold, score


def candidate_units(c: Candidate) -> list[tuple[str, float]]:
    """The candidate's (text, cosine) units; a candidate with one cosine only is one unit."""
    if c.units:
        return list(c.units)
    return [(c.quote.text, float(c.dense or 0.0))]


def supports_paraphrase(claim: str, c: Candidate, cross: bool, weights: dict | None = None,
                        claimed: bool = True) -> bool:
    """Whether the model finds that the candidate's passage reports the claim's content."""
    if c.dense is None and not c.units:
        return False
    feats = paraphrase_features(claim, candidate_units(c), c.passage or c.quote.text, cross)
    return decides_paraphrase(feats, weights, claimed)[0]
