"""`retrieval.quotes.extract_quotes` throughput on the dev articles, repeated, against the plain spaCy parse.

The reference is `nlp(text)` with the same model and all its pipes, timed on the same article right
before the extraction (interleaved, so both see the same load). Goal: ratio >= 0.8. If textacy is
installed, its `direct_quotations` (parse included) on the English dev articles is timed too.
"""

from __future__ import annotations

import importlib.util
import time

from .common import Context, Section, missing
from .corpus import EXAMPLES

GOAL = 0.8
REPEATS = 6
# What `pip install --dry-run textacy` said on 2026-11-28 (textacy is not a project dependency):
TEXTACY_DRY_RUN = ("`pip install --dry-run textacy` would add textacy-0.13.0 with scikit-learn, scipy, networkx, "
                   "cytoolz, floret, jellyfish, pyphen and others; no torch, spaCy 3.8.18 kept. Not installed: "
                   "it is not a project dependency and the venv is shared.")


def _dev_articles():
    from retrieval.ingest import read_file

    return [a for p in sorted(EXAMPLES.glob("*.txt")) for a in read_file(p).articles]


def run(ctx: Context, _size=None) -> Section:
    why = missing("retrieval.quotes:extract_quotes")
    if why:
        return Section.skip("extract", None, why)
    import spacy

    from retrieval.quotes import extract_quotes
    from retrieval.quotes.nlp import MODELS, model_lang

    sec = Section("extract", None)
    articles = _dev_articles()
    plain = {lang: spacy.load(name) for lang, name in MODELS.items()}  # all pipes
    words = {a.id: len(a.text.split()) for a in articles}
    for a in articles:  # warm-up: loads the extractor's models, fills caches
        plain[model_lang(a.lang)](a.text)
        extract_quotes(a.text, a.lang)
    t_parse = t_extract = 0.0
    n_words = n_quotes = 0
    per_lang: dict[str, list[float]] = {}
    for _ in range(REPEATS):
        for a in articles:
            t0 = time.perf_counter()
            plain[model_lang(a.lang)](a.text)
            t1 = time.perf_counter()
            quotes = extract_quotes(a.text, a.lang)
            t2 = time.perf_counter()
            t_parse += t1 - t0
            t_extract += t2 - t1
            n_words += words[a.id]
            n_quotes += len(quotes)
            acc = per_lang.setdefault(model_lang(a.lang), [0.0, 0.0, 0])
            acc[0] += t1 - t0
            acc[1] += t2 - t1
            acc[2] += words[a.id]
    ratio = t_parse / t_extract
    ok = ratio >= GOAL
    sec.figures.update(words=n_words, parse_s=round(t_parse, 2), extract_s=round(t_extract, 2), ratio=round(ratio, 3),
                       quotes_per_pass=n_quotes // REPEATS)
    sec.lines += [
        f"{len(articles)} dev articles × {REPEATS} passes = {n_words:,} words "
        f"({n_quotes // REPEATS} quotes per pass), interleaved article by article with the plain parse:",
        "",
        "| | words/s | seconds |",
        "|---|---|---|",
        f"| `extract_quotes` | {n_words / t_extract:,.0f} | {t_extract:.1f} |",
        f"| `nlp(text)`, same model, all pipes | {n_words / t_parse:,.0f} | {t_parse:.1f} |",
    ]
    for lang, (p, e, w) in sorted(per_lang.items()):
        sec.lines.append(f"| — {lang}: extract / parse | {w / e:,.0f} / {w / p:,.0f} | {e:.1f} / {p:.1f} |")
    sec.lines += ["", f"**ratio = {ratio:.3f}** (extract words/s ÷ parse words/s; goal ≥ {GOAL}: "
                      f"{'met' if ok else 'NOT met'}). `extract_quotes` runs the whole model (lemmas included: "
                      "speech verbs are matched by lemma) only on the paragraphs up to the last one with a quotation "
                      "mark, then the inventory, the candidates and the ranker.",
                  ""]
    summary = f"extract {n_words / t_extract:,.0f} words/s, ratio {ratio:.3f} vs spaCy parse (goal ≥ {GOAL}: {'ok' if ok else 'NOT met'})"
    if importlib.util.find_spec("textacy") is None:
        sec.lines.append(f"textacy: not installed. {TEXTACY_DRY_RUN}")
    else:
        summary += "; " + _textacy(sec, plain["en"], [a for a in articles if model_lang(a.lang) == "en"], words)
    sec.summary.append(summary)
    return sec


def _textacy(sec: Section, nlp, articles, words) -> str:
    from textacy.extract.triples import direct_quotations

    from retrieval.quotes import extract_quotes

    t_tx = t_qc = 0.0
    n_words = 0
    found_tx = found_qc = 0
    for _ in range(REPEATS):
        for a in articles:
            t0 = time.perf_counter()
            found_tx += len(list(direct_quotations(nlp(a.text))))
            t1 = time.perf_counter()
            found_qc += len(extract_quotes(a.text, a.lang))
            t2 = time.perf_counter()
            t_tx += t1 - t0
            t_qc += t2 - t1
            n_words += words[a.id]
    sec.lines.append(f"textacy `direct_quotations` (with its parse) on the English dev articles: "
                     f"{n_words / t_tx:,.0f} words/s, {found_tx // REPEATS} quotes per pass; `extract_quotes` "
                     f"{n_words / t_qc:,.0f} words/s, {found_qc // REPEATS} quotes; ratio {t_tx / t_qc:.3f}.")
    return f"vs textacy {t_tx / t_qc:.2f}×"
