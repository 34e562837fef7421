"""Quote extraction eval: span precision/recall/F1, speaker accuracy and end-to-end F1 on the dev set.

Gold: evals/data/*.quotes.jsonl (article, start, end, text, speaker, speaker_aliases, kind, optional)
for the articles in examples/articles/ (the dev set the rules were built on), and
evals/data/extra/*.quotes.jsonl for the articles next to them in evals/data/extra/, written for
quotecheck and never used to build the rules (reported as a separate slice), and evals/data/fresh/
(articles whose gold was committed before the extractor first saw them; a slice of its own). Spans are matched one-to-one by character overlap
(intersection over union, after trimming quote marks, spaces and punctuation from both spans) at
0.8 and at 0.3. Predictions of kind "term" are not quotes; a prediction matched to an optional gold
quote is ignored, and an unmatched optional gold quote is not a miss.

    python -m evals.quotes        # prints the Markdown report, a summary on stderr
"""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "evals" / "data"
ARTICLES = ROOT / "examples" / "articles"
EXTRA_DIR = GOLD_DIR / "extra"  # gold and texts together
EXTRA_LABEL = "written for quotecheck (not dev)"
FRESH_DIR = GOLD_DIR / "fresh"  # gold and texts together, gold committed before the first run
# (short name, title, folder with gold and texts): the slices reported beside the dev set
SLICES = [
    ("extra", f"{EXTRA_LABEL}: evals/data/extra", EXTRA_DIR),
    ("fresh", "fresh out-of-sample articles, gold committed before the first run: evals/data/fresh", FRESH_DIR),
]
_TRIM = " \t\r\n\u00a0\u202f\u2009«»“”„‘’‹›\"'.,;:!?…()[]—–-"
THRESHOLDS = (0.8, 0.3)


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def overlap(text: str, a: tuple[int, int], b: tuple[int, int]) -> float:
    a0, a1 = _trimmed(text, *a)
    b0, b1 = _trimmed(text, *b)
    inter = max(0, min(a1, b1) - max(a0, b0))
    union = max(a1, b1) - min(a0, b0)
    return inter / union if union > 0 else 0.0


def match(text: str, gold: list[dict], pred: list, threshold: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs, best overlaps first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            r = overlap(text, (g["start"], g["end"]), (p.start, p.end))
            if r >= threshold:
                pairs.append((r, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _r, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def speaker_ok(g: dict, speaker: str | None) -> bool:
    names = {_fold(n) for n in [g.get("speaker") or "", *(g.get("speaker_aliases") or [])] if n}
    if not names:
        return speaker is None
    return speaker is not None and _fold(speaker) in names


def load_gold(folder: Path = GOLD_DIR) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("*.quotes.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold.setdefault(row["article"], []).append(row)
    return gold


def _lang_of(article: str, text: str) -> str:
    for code in ("fr", "en"):
        if f"_{code}_" in f"_{article}" or article.startswith(f"{code}_"):
            return code
    from retrieval.lang import detect_lang

    return detect_lang(text)


def _new_counts() -> dict:
    return {t: {"tp": 0, "fp": 0, "fn": 0, "spk": 0, "e2e": 0} for t in THRESHOLDS}


def score(gold_dir: Path = GOLD_DIR, articles: Path = ARTICLES, predict=None) -> dict:
    """Score `predict(article_name, text) -> list[Quote]` (default: our extractor) against the gold."""
    from retrieval.quotes import extract_quotes

    predict = predict or (lambda _name, text: extract_quotes(text))

    totals: dict[str, dict] = {"all": _new_counts(), "fr": _new_counts(), "en": _new_counts()}
    errors: list[str] = []
    chars = 0
    started = time.perf_counter()
    for article, gold in load_gold(gold_dir).items():
        text = (articles / article).read_text(encoding="utf-8")
        bad = [g for g in gold if text[g["start"]:g["end"]] != g["text"]]
        if bad:
            raise ValueError(f"{article}: gold offsets do not match the text at {bad[0]['start']}")
        chars += len(text)
        lang = _lang_of(article, text)
        pred = [q for q in predict(article, text) if q.kind != "term"]
        for t in THRESHOLDS:
            pairs = match(text, gold, pred, t)
            matched_g = {gi for gi, _ in pairs}
            matched_p = {pi for _, pi in pairs}
            c = {"tp": 0, "fp": 0, "fn": 0, "spk": 0, "e2e": 0}
            for gi, pi in pairs:
                if gold[gi].get("optional"):
                    continue
                c["tp"] += 1
                if speaker_ok(gold[gi], pred[pi].speaker):
                    c["spk"] += 1
                elif t == THRESHOLDS[0]:
                    errors.append(f"{article} {gold[gi]['start']}: speaker {pred[pi].speaker!r}, "
                                  f"gold {gold[gi]['speaker']!r} ({gold[gi]['text'][:40]!r})")
            c["e2e"] = c["spk"]
            c["fn"] = sum(1 for gi, g in enumerate(gold) if gi not in matched_g and not g.get("optional"))
            c["fp"] = sum(1 for pi in range(len(pred)) if pi not in matched_p)
            if t == THRESHOLDS[0]:
                errors += [f"{article} {g['start']}: missed {g['text'][:50]!r}"
                           for gi, g in enumerate(gold) if gi not in matched_g and not g.get("optional")]
                errors += [f"{article} {pred[pi].start}: spurious {pred[pi].text[:50]!r} ({pred[pi].kind})"
                           for pi in range(len(pred)) if pi not in matched_p]
            for key in ("all", lang):
                if key in totals:
                    for k, v in c.items():
                        totals[key][t][k] += v
    return {"totals": totals, "errors": errors, "seconds": time.perf_counter() - started, "chars": chars}


def _prf(c: dict) -> tuple[float, float, float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    spk = c["spk"] / c["tp"] if c["tp"] else 0.0
    ep = c["e2e"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    er = c["e2e"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    ef = 2 * ep * er / (ep + er) if ep + er else 0.0
    return p, r, f, spk, ef


def run() -> str:
    """Score the dev set and the articles written for quotecheck; return a Markdown report and print
    a summary of each to stderr."""
    out = [_report("dev set (examples/articles, used to build the rules)", "dev", score())]
    for short, title, folder in SLICES:
        if any(folder.glob("*.quotes.jsonl")):
            out.append(_report(title, short, score(folder, folder)))
    return "\n".join(out)


def _report(title: str, short: str, result: dict) -> str:
    lines = [f"## Quote extraction (rule-based), {title}", "",
             "| slice | IoU | gold | pred | P | R | F1 | speaker acc | end-to-end F1 |",
             "|---|---|---|---|---|---|---|---|---|"]
    for key in ("all", "fr", "en"):
        for t in THRESHOLDS:
            c = result["totals"][key][t]
            p, r, f, spk, ef = _prf(c)
            lines.append(f"| {key} | {t} | {c['tp'] + c['fn']} | {c['tp'] + c['fp']} | {p:.3f} | {r:.3f} "
                         f"| {f:.3f} | {spk:.3f} | {ef:.3f} |")
    lines += ["", f"Extraction time: {result['seconds']:.2f} s for {result['chars']} characters "
              "(first call includes model loading).", ""]
    if result["errors"]:
        lines += ["Errors at IoU 0.8:", ""] + [f"- {e}" for e in result["errors"]] + [""]
    p, r, f, spk, ef = _prf(result["totals"]["all"][0.8])
    print(f"quotes [{short}]: span F1@0.8 {f:.3f} (P {p:.3f} R {r:.3f}), speaker acc {spk:.3f}, "
          f"end-to-end F1 {ef:.3f}, {len(result['errors'])} errors", file=sys.stderr)
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
