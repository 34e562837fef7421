"""How much of the span F1 on PolNeAR the shared scorer's gold construction leaves out of reach.

The shared scorer (`../shared/tools/score_quotes.py`) builds PolNeAR gold quotes from the quoted
sub-spans *inside one content segment* of an annotated attribution, with both marks in the segment.
PolNeAR often cuts a quoted passage into several segments (one per sentence), so such a quote is
annotated as an attribution yet is in no gold list: extracting it counts as a false positive. This
counts, on PolNeAR **train** (the dev split stays sealed), the false positives that lie inside an
annotated attribution's content, and the span F1 the extractor would have without them.

    python -m evals.polnear_ceiling [--limit N]      # about 2 minutes for the 840 articles
"""

from __future__ import annotations

import argparse
import json

from evals.train_speaker import POLNEAR_TRAIN, sq
from retrieval.quotes import extract_quotes


def _inside_attribution(span: tuple[int, int], attributions: list[dict]) -> bool:
    return any(max(0, min(span[1], c["end"]) - max(span[0], c["start"])) > 0.5 * (span[1] - span[0])
               for a in attributions for c in a["content"])


def run(limit: int | None = None) -> dict:
    docs = sq.load_gold(str(POLNEAR_TRAIN))[:limit]
    raw = {}
    with open(POLNEAR_TRAIN, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            raw[d["id"]] = d["quotes"]
    preds = [[q.model_dump(mode="json") for q in extract_quotes(d["text"], "en")] for d in docs]
    rep = sq.score(docs, preds, 0.8)
    unreachable = 0
    for d, pr in zip(docs, preds):
        gold = [sq.trim(d["text"], q["start"], q["end"]) for q in d["quotes"]]
        for q in pr:
            if q.get("kind") == "term":
                continue
            span = sq.trim(d["text"], q["start"], q["end"])
            if max((sq.overlap(span, g) for g in gold), default=0) < 0.8 and _inside_attribution(span, raw[d["id"]]):
                unreachable += 1
    tp, fp, fn = rep["tp"], rep["fp"], rep["fn"]
    recall = tp / (tp + fn)
    precision = tp / (tp + fp - unreachable)
    return {"articles": len(docs), "tp": tp, "fp": fp, "fn": fn, "span_f1": rep["f1"],
            "fp_inside_an_annotated_attribution": unreachable,
            "span_f1_without_them": round(2 * precision * recall / (precision + recall), 3)}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    print(json.dumps(run(ap.parse_args(argv).limit), indent=1))


if __name__ == "__main__":
    main()
