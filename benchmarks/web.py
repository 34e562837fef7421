"""Web latency: page load (GET /) and `/api/check` on a 1,000-word draft with 10 quotes, via TestClient.

`run(index) -> dict` is called by `python -m benchmarks` with an index that already holds articles.
The draft quotes what the index holds (stored quotes, every third with a word changed) and ends
with invented quotes (at least two), so the verbatim, altered and not-found paths are all timed.
"""

from __future__ import annotations

import statistics
import time

PAGE_RUNS = 30
CHECK_RUNS = 10
DRAFT_WORDS = 1000
DRAFT_QUOTES = 10
FILLER = ("The council met again on Tuesday to discuss the budget, the schools and the plans for the coming "
          "year, and several members asked for more time before the final vote. ")


def _draft(index) -> str:
    stored = [q for q in index.quotes() if q.speaker and q.kind in ("direct", "partial") and 4 <= len(q.text.split()) <= 60]
    lines = []
    for n in range(DRAFT_QUOTES):
        if n < min(len(stored), DRAFT_QUOTES - 2):  # the last two are always invented
            q = stored[n]
            words = q.text.split()
            if n % 3 == 1:  # an altered copy: one word changed
                words[len(words) // 2] = "absolutely"
            lines.append(f"\"{' '.join(words)},\" said {q.speaker}.")
        else:
            lines.append(f"\"We will open {n + 2} new offices before the end of the year,\" said Jane Doe.")
    quoted = sum(len(line.split()) for line in lines)
    filler_words = FILLER.split()
    per_gap = max((DRAFT_WORDS - quoted) // DRAFT_QUOTES, 0)
    parts = []
    for line in lines:
        gap = (filler_words * (per_gap // len(filler_words) + 1))[:per_gap]
        parts.append(" ".join(gap) + "\n\n" + line + "\n\n")
    return "".join(parts)


def _percentiles(samples: list[float]) -> dict:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"p50_ms": round(statistics.median(ms), 1), "p95_ms": round(p95, 1), "runs": len(ms)}


def _timed(call, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = call()
        out.append(time.perf_counter() - t0)
        response.raise_for_status()
    return out


def run(index) -> dict:
    from fastapi.testclient import TestClient

    from assistant.runtime import Runtime
    from assistant.web.app import create_app
    from retrieval.settings import Settings

    runtime = Runtime(Settings(quotecheck_store=index.settings.quotecheck_store, quotecheck_token=None,
                               openai_api_key=None, openai_base_url=None), index=index)
    client = TestClient(create_app(runtime))
    draft = _draft(index)
    client.get("/").raise_for_status()  # warm-up: templates compiled, embedder loaded
    first = client.post("/api/check", json={"text": draft})
    first.raise_for_status()
    page = _timed(lambda: client.get("/"), PAGE_RUNS)
    check = _timed(lambda: client.post("/api/check", json={"text": draft}), CHECK_RUNS)
    verdicts: dict[str, int] = {}
    for q in first.json()["quotes"]:
        verdicts[q["verdict"]] = verdicts.get(q["verdict"], 0) + 1
    return {"page_load": _percentiles(page), "api_check": _percentiles(check),
            "draft_words": len(draft.split()), "draft_quotes_found": len(first.json()["quotes"]), "verdicts": verdicts}


if __name__ == "__main__":  # python -m benchmarks.web STORE
    import json
    import sys

    from retrieval.index import Index
    from retrieval.settings import Settings

    print(json.dumps(run(Index.open(Settings(quotecheck_store=sys.argv[1]))), indent=2))
