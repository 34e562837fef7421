"""The extractor as a newsroom meets it, on articles its ranker never saw: out-of-fold, end to end.

`train_speaker` measures the ranker's out-of-fold choice per quote; the product does more after the
ranker (a heading's quote takes the speaker of the body quote it echoes, a quote run over paragraphs
takes its end's speaker, partial quotes are told from terms). Here the articles are split into the same
folds as `train_speaker` (PolNeAR train and our annotated articles, never PolNeAR dev nor the sealed
real articles); each fold's articles are extracted by `attribution.attribute` with a ranker fitted on
the other folds, and scored by the shared scorer (`../shared/tools/score_quotes.py`, same matching, same
speaker test) on our annotated articles, by language. This is the figure to develop against: the
sealed sets are for first runs only. `--errors PATH` writes every wrongly attributed quote (JSONL).

    python -m evals.speaker_oof [--polnear-limit N] [--errors PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evals.real import REAL_GOLD, gold_folders
from evals.train_speaker import L2, WEIGHT_OURS, _is_polnear, examples, fold_rankers, parse, sq, training_docs
from assistant.verification.speakers import CONFIRM_MIN_CONFIDENCE, UNLINKED_MIN_CONFIDENCE, may_be, distinct_speakers
from retrieval.names import same_speaker
from retrieval.quotes.attribution import attribute
from retrieval.quotes.scorer import default_scorer

FOLDS = 5


def _optional(doc_id: str) -> list[dict]:
    """The gold quotes marked optional (`our_docs` leaves them out): matched, never counted, as the scorer does."""
    for folder in [*gold_folders(), REAL_GOLD]:
        path = folder / doc_id.replace(".txt", ".quotes.jsonl")
        if path.exists():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            return [dict(start=q["start"], end=q["end"], aliases=[], named=False, optional=True, mention=None)
                    for q in rows if q.get("optional")]
    return []


def _gold_doc(doc_id: str, text: str, lang: str, gold: list[dict]) -> dict:
    quotes = [dict(start=g["span"][0], end=g["span"][1], aliases=g["aliases"], named=bool(g["aliases"]),
                  optional=False, mention=None) for g in gold]
    return dict(id=doc_id, lang=lang, text=text, quotes=quotes + _optional(doc_id))


def run_folds(polnear_limit: int | None = None, weight_ours: int = WEIGHT_OURS, l2: float = L2):
    ours, pn = training_docs(polnear_limit)
    parsed = parse(ours) + parse(pn)
    golds, preds = [], []
    committed = default_scorer()
    for held, scorer in fold_rankers(parsed, examples(parsed), FOLDS, weight_ours, l2):
        # the committed calibration (itself fitted out of fold) turns the fold ranker's choice into a confidence
        scorer.cal, scorer.confirm = committed.cal, committed.confirm
        for doc_id, text, lang, gold, art in parsed:
            if doc_id in held and not _is_polnear(doc_id):
                golds.append(_gold_doc(doc_id, text, lang, gold))
                preds.append([dict(start=q.start, end=q.end, speaker=q.speaker, kind=q.kind, confidence=q.confidence,
                                   speaker_candidates=q.speaker_candidates) for q in attribute(art, scorer)])
    return golds, preds


def _pairs(d: dict, pr: list[dict], thr: float = 0.8):
    """The scorer's greedy pairing of predicted and gold quotes: (gold quote, predicted quote)."""
    text = d["text"]
    pq = [(sq.trim(text, q["start"], q["end"]), q) for q in pr if q.get("kind") != "term"]
    gold = [(sq.trim(text, q["start"], q["end"]), q) for q in d["quotes"]]
    pairs = sorted(((sq.overlap(ps, gs), i, j) for i, (ps, _) in enumerate(pq) for j, (gs, _) in enumerate(gold)),
                   reverse=True)
    used_p, used_g = set(), set()
    for ov, i, j in pairs:
        if ov < thr or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        yield gold[j][1], pq[i][1]


def plausible(golds, preds) -> dict[str, dict[str, int]]:
    """What the verification's "other" for a guessed attribution rests on: for the quotes whose speaker is only
    a guess, by whether the guess reaches UNLINKED_MIN_CONFIDENCE, how often the right speaker, and how often
    another speaker of the article, is none of the plausible speakers (`Quote.speaker_candidates`)."""
    out = {band: dict(quotes=0, right_out=0, others=0, others_out=0) for band in ("above", "below")}
    for d, pr in zip(golds, preds):
        speakers = distinct_speakers(q["aliases"][0] for q in d["quotes"] if q["aliases"])
        for g, p in _pairs(d, pr):
            if not (g["named"] and g["aliases"] and p.get("speaker")) or p["confidence"] >= CONFIRM_MIN_CONFIDENCE:
                continue
            cands = p.get("speaker_candidates") or []
            o = out["above" if p["confidence"] >= UNLINKED_MIN_CONFIDENCE else "below"]
            o["quotes"] += 1
            o["right_out"] += not any(may_be(a, c, ()) for a in g["aliases"] for c in cands)
            for s in speakers:
                if not any(same_speaker(s, a) for a in g["aliases"]) and not may_be(s, p["speaker"], ()):
                    o["others"] += 1
                    o["others_out"] += not any(may_be(s, c, ()) for c in cands)
    return out


def wrong(golds, preds, thr: float = 0.8) -> list[dict]:
    """The matched quotes whose named gold speaker the extractor missed (the scorer's own pairing)."""
    out = []
    for d, pr in zip(golds, preds):
        for g, p in _pairs(d, pr, thr):
            if g["named"] and g["aliases"] and not sq.speaker_ok(p.get("speaker"), g["aliases"]):
                out.append({"article": d["id"], "lang": d["lang"], "start": g["start"], "gold": g["aliases"][0],
                            "predicted": p.get("speaker"), "text": d["text"][g["start"]:g["end"]][:80]})
    return out


def run() -> str:
    """The `make eval` section: the out-of-fold figures by language, and the misattributed quotes' count."""
    golds, preds = run_folds()
    r = sq.score(golds, preds, 0.8)
    errors = wrong(golds, preds)
    rows = [f"| {lang} | {v['f1']} | {v['speaker_acc']} | {sum(1 for e in errors if e['lang'] == lang)} |"
            for lang, v in sorted(r["by_lang"].items())]
    return "\n".join([
        "## Attribution out of fold (our annotated articles, rankers that never saw them)",
        "",
        f"`python -m evals.speaker_oof`: {len(golds)} articles (real tuning part, dev, written), {FOLDS} folds, each "
        "extracted end to end by the product with a ranker fitted on the other folds (PolNeAR train in every "
        "fold's training), scored by the shared scorer. Not a sealed figure, but one no article's own labels "
        f"shaped: all {r['speaker_n']} judged quotes, speaker accuracy {r['speaker_acc']}, span F1 {r['f1']}, "
        f"end-to-end F1 {r['e2e_f1']}.",
        "",
        "| language | span F1 | speaker accuracy | speaker wrong or missing |",
        "|---|---|---|---|",
        *rows,
        "",
        "Plausible speakers (`Quote.speaker_candidates`), on which `verify` says a guessed attribution is someone "
        "else's (`assistant/verification/speakers.py`): for the quotes whose speaker is only a guess (confidence below "
        f"{CONFIRM_MIN_CONFIDENCE}), how often the right speaker, and another speaker of the article, is none of them.",
        "",
        "| guess | quotes | right speaker not plausible | other speakers | not plausible |",
        "|---|---|---|---|---|",
        *[f"| {'>=' if band == 'above' else '<'} {UNLINKED_MIN_CONFIDENCE} | {v['quotes']} | {_share(v['right_out'], v['quotes'])} "
          f"| {v['others']} | {_share(v['others_out'], v['others'])} |" for band, v in plausible(golds, preds).items()],
        "",
    ])


def _share(k: int, n: int) -> str:
    return f"{k} ({k / n:.2f})" if n else "0"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear-limit", type=int, default=None)
    ap.add_argument("--errors", type=Path, default=None)
    a = ap.parse_args(argv)
    golds, preds = run_folds(a.polnear_limit)
    result = sq.score(golds, preds, 0.8)
    print(json.dumps({"articles": len(golds), "span_f1": result["f1"], "speaker_acc": result["speaker_acc"],
                      "speaker_n": result["speaker_n"], "e2e_f1": result["e2e_f1"], "by_lang": result["by_lang"]}, indent=1))
    if a.errors:
        a.errors.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in wrong(golds, preds)), encoding="utf-8")


if __name__ == "__main__":
    main()
