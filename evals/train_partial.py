"""Fit `retrieval/quotes/partials.py`'s model: is a phrase quoted inside the writer's sentence someone's words?

Every such phrase the extractor finds (not a heading, not a title of a work or a name of the article) in
our annotated articles (dev, extra, fresh, and the TUNING part of the real ones; the sealed part is never
read) and in PolNeAR train is labelled by the gold: someone's words when a gold quotation covers it (IoU
>= 0.8; optional gold quotes are left out), a term otherwise. PolNeAR's gold marks every quoted phrase inside
an attribution, titles of shows included, so our own articles count three times. A logistic regression
(numpy, L2) is fitted on `partials.vector`; the report gives its errors out of fold (5 folds by article,
4 fold assignments) beside the first-match rule it replaces (words when a speech verb governs them, or when a
speaker was found and they are not capitalised like a title).

The features "speaker", "cued" and "conf" come from the committed speaker ranker, which was fitted on
these same articles: those three are in-sample.

Run: `python -m evals.train_partial` (writes retrieval/quotes/partial_weights.json).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

from retrieval.quotes import partials
from retrieval.quotes.attribution import _cued, decide, partial_features, read_article

from .real import REAL_GOLD, gold_folders, load_split
from .train_speaker import SHARED, polnear_docs

sys.path.insert(0, str(SHARED / "tools"))
import score_quotes as sq  # noqa: E402

L2 = 3e-3
WEIGHT_OURS = 3
STEPS = 1500


def our_docs():
    """(id, text, lang, [(gold span, optional)]) for our annotated articles (tuning part only)."""
    tuning = set(load_split()["tuning"])
    for folder, only in [(f, None) for f in gold_folders()] + [(REAL_GOLD, tuning)]:
        for gq in sorted(folder.glob("*.quotes.jsonl")):
            name = gq.name.replace(".quotes.jsonl", ".txt")
            if only is not None and name not in only:
                continue
            txt = next(p for p in (folder / name, SHARED / "corpus" / "real" / name, SHARED / "corpus" / "dev" / name)
                       if p.exists())
            text = txt.read_text(encoding="utf-8")
            gold = [json.loads(line) for line in gq.read_text(encoding="utf-8").splitlines() if line.strip()]
            lang = "fr" if "_fr_" in name or name.startswith("fr_") else "en"
            yield "ours:" + name, text, lang, [(sq.trim(text, q["start"], q["end"]), bool(q.get("optional"))) for q in gold]


def rows_of(docs):
    """(article id, language, features, label, the old rule's answer) per quoted phrase."""
    out = []
    for doc_id, text, lang, gold in docs:
        art = read_article(text, lang)
        if art is None:
            continue
        for d in decide(art):
            info = d.info
            if info.ctx.heading or not info.ctx.partial or info.is_term:
                continue
            span = sq.trim(text, info.span.start, info.span.end)
            best = max(gold, key=lambda g: sq.overlap(span, g[0]), default=None)
            covered = best is not None and sq.overlap(span, best[0]) >= 0.8
            if covered and best[1]:
                continue  # an optional gold quote: either reading is right
            cued = _cued(d.chosen)
            f = partial_features(art, info, d.speaker, cued, d.confidence)
            rule = cued or (bool(d.speaker) and not info.title_like)  # the rule this model replaced
            out.append((doc_id, art.lang, f, covered, rule))
    return out


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = L2) -> np.ndarray:
    c = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ c)))
        c -= 0.5 * (x.T @ ((p - y) * w) / w.sum() + l2 * c)
    return c


def _group(doc_id: str, lang: str) -> str:
    return "polnear" if doc_id.startswith("pn:") else f"ours {lang}"


def out_of_fold(rows, x, y, w, seeds: int = 4) -> dict[str, dict[str, float]]:
    """Mean errors per group over fold assignments, the model's and the old rule's."""
    docs = sorted({r[0] for r in rows})
    groups = [_group(r[0], r[1]) for r in rows]
    errors: dict[str, list[int]] = {}
    for seed in range(seeds):
        order = docs[:]
        random.Random(seed).shuffle(order)
        fold = {d: i % 5 for i, d in enumerate(order)}
        k_of = np.array([fold[r[0]] for r in rows])
        prob = np.zeros(len(rows))
        for k in range(5):
            c = fit(x[k_of != k], y[k_of != k], w[k_of != k])
            prob[k_of == k] = 1 / (1 + np.exp(-(x[k_of == k] @ c)))
        for g in sorted(set(groups)):
            sel = np.array([gg == g for gg in groups])
            said = np.array([partials.decide(r[2], p) for r, p, s in zip(rows, prob, sel) if s])
            errors.setdefault(g, []).append(int((said != (y[sel] > 0)).sum()))
    rule = {g: sum(r[4] != r[3] for r, gg in zip(rows, groups) if gg == g) for g in set(groups)}
    return {g: {"phrases": groups.count(g), "model_errors": round(float(np.mean(v)), 1), "rule_errors": rule[g]}
            for g, v in sorted(errors.items())}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=partials.WEIGHTS)
    a = ap.parse_args(argv)
    docs = list(our_docs()) + [("pn:" + i, t, lang, [(g["span"], False) for g in gold])
                               for i, t, lang, gold in polnear_docs(None)]
    rows = rows_of(docs)
    x = np.array([partials.vector(r[2], r[1]) for r in rows])
    y = np.array([float(r[3]) for r in rows])
    w = np.array([float(WEIGHT_OURS) if r[0].startswith("ours:") else 1.0 for r in rows])
    report = out_of_fold(rows, x, y, w)
    c = fit(x, y, w)
    names = [*partials.FEATURES, *("fr|" + f for f in partials.FEATURES), "bias", "fr|bias"]
    out = {"meta": {"script": "evals/train_partial.py", "l2": L2, "weight_ours": WEIGHT_OURS,
                    "features": names, "out_of_fold": report,
                    "note": "speaker, cued and conf come from the committed speaker ranker (in-sample)"},
           "weights": [round(float(v), 4) for v in c]}
    a.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    partials.default_model.cache_clear()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
