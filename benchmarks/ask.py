"""`assistant.answer.answer_question(question, index)` latency, embedded default (no model), at 1,000 articles.

Questions (French and English) are built from corpus sentences: about a person named in it, about a
content word of it, and off-topic ones that should be abstained from. Runs on the `extract=True`
store when quote extraction exists (answers use stored quotes), else on the passages store.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter

from .common import Context, Section, latency_table, missing, percentiles
from .corpus import FIRST, sample_sentences
from .stores import StoreNotBuilt, ensure_store, open_index

SIZES = (1000,)
N_QUESTIONS = 60
# The people of the generated corpus: an invented first name, then a surname.
_NAME = re.compile(r"\b(?:%s) [A-ZÀ-Þ][a-zß-ÿ]+\b" % "|".join(sorted({f for names in FIRST.values() for f in names})))
_WORD = re.compile(r"[^\W\d_]{7,}", re.UNICODE)
OFF_TOPIC = {"fr": ["Quelle est la recette de la tarte Tatin ?", "Combien de lunes a Jupiter ?"],
             "en": ["What is the boiling point of mercury?", "Who painted the Sistine Chapel ceiling?"]}


def make_questions(articles, count: int = N_QUESTIONS, seed: int = 0) -> list[tuple[str, str, str]]:
    rng = random.Random(f"{seed}:questions")
    people: dict[str, list[str]] = {}
    for a in articles[:200]:
        people.setdefault(a.lang, []).extend(_NAME.findall(a.text))
    out = []
    for i, (lang, sentence) in enumerate(sample_sentences(articles, count, seed + 1)):
        names, words = sorted(set(people.get(lang, []))), _WORD.findall(sentence)
        kind = ("person", "topic", "off_topic")[i % 3]
        if kind == "person" and names:
            name = rng.choice(names)
            q = f"Qu'a dit {name} ?" if lang == "fr" else f"What did {name} say?"
        elif kind in ("person", "topic") and words:
            kind, word = "topic", rng.choice(words)
            q = f"Que sait-on de {word} ?" if lang == "fr" else f"What do we know about {word}?"
        else:
            kind, q = "off_topic", rng.choice(OFF_TOPIC[lang if lang in OFF_TOPIC else "en"])
        out.append((lang, kind, q))
    return out


def run(ctx: Context, n: int) -> Section:
    if n not in SIZES:
        return Section.skip("ask", n, f"measured at {', '.join(map(str, SIZES))} articles only")
    why = missing("assistant.answer:answer_question")
    if why:
        return Section.skip("ask", n, why)
    from assistant.answer import answer_question

    extract = missing("retrieval.quotes:extract_quotes") is None
    note = "quote extraction not available"
    try:
        path, meta = ensure_store(ctx, n, extract=extract)
    except StoreNotBuilt as exc:
        extract, note = False, "the store with quotes is not built (see verify)"
        path, meta = ensure_store(ctx, n, extract=False)
    index = open_index(ctx, path)
    sec = Section("ask", n)
    questions = make_questions(ctx.corpus(n), seed=ctx.seed)
    for _lang, _kind, q in questions[:3]:  # warm-up
        answer_question(q, index)
    times: dict[str, list[float]] = {}
    answered: Counter = Counter()
    for lang, kind, q in questions:
        t0 = time.perf_counter()
        ans = answer_question(q, index)
        dt = time.perf_counter() - t0
        answered[(kind, "answered" if ans.answerable else "abstained")] += 1
        for key in ("all", lang, kind):
            times.setdefault(key, []).append(dt)
    stats = {k: percentiles(v) for k, v in times.items()}
    allp = stats["all"]
    sec.figures.update(stats=stats, outcomes={f"{k}/{v}": c for (k, v), c in answered.items()})
    store = f"{meta['quotes']:,} stored quotes" if extract else f"passages only, no stored quotes: {note}"
    sec.lines += [
        f"{allp['n']} questions on {n:,} articles ({store}), embedded default (no model):",
        "",
        *latency_table("questions", stats, ("all", "fr", "en", "person", "topic", "off_topic")),
    ]
    sec.lines += ["", "Outcomes: " + ", ".join(f"{k} {v}: {c}" for (k, v), c in sorted(answered.items()))]
    sec.summary.append(f"ask p50 {allp['p50_ms']} ms, p95 {allp['p95_ms']} ms" + ("" if extract else " (passages only, no stored quotes)"))
    return sec
