"""Question-answering eval: the embedded default (no model) on the dev questions.

Every dev article (`examples/articles/`) is indexed in a temporary store, then each question of
`evals/data/*.questions.jsonl` is answered. A question is right when:
- answerable: the answer contains every expected word (case-insensitive) and one of the first three
  citations overlaps a gold evidence span of the right article;
- unanswerable: the answer abstains (`answerable: false`) with no citation.
Every citation of every answer must also be the exact article slice (`text == article[start:end]`).

Run: `python -m evals qa` (or `python -m evals.qa`).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "evals" / "data"
ARTICLES = ROOT / "examples" / "articles"


def load_questions() -> list[dict]:
    out = []
    for path in sorted(DATA.glob("*.questions.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def judge(case: dict, answer, article_texts: dict[str, str]) -> dict:
    """The checks of one answered question."""
    exact = all(article_texts.get(Path(c.source).name, "")[c.start : c.end] == c.text for c in answer.citations)
    if not case.get("answerable", True):
        ok = (not answer.answerable) and not answer.citations
        return {"ok": ok and exact, "words": None, "cited": None, "abstained": not answer.answerable, "exact": exact}
    words = all(w.lower() in answer.answer.lower() for w in case.get("answer_contains", []))
    cited = any(
        Path(c.source).name == ev["article"] and c.start < ev["span"][1] and ev["span"][0] < c.end
        for c in answer.citations[:3]
        for ev in case.get("evidence", [])
    )
    return {"ok": answer.answerable and words and cited and exact, "words": words, "cited": cited,
            "abstained": not answer.answerable, "exact": exact}


def run() -> str:
    from assistant.answer import answer_question
    from retrieval.index import Index
    from retrieval.settings import Settings

    questions = load_questions()
    article_texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))}
    rows, results = [], []
    with tempfile.TemporaryDirectory(prefix="quotecheck-qa-") as store:
        index = Index.open(Settings(_env_file=None, quotecheck_store=Path(store), openai_api_key=None,
                                    openai_base_url=None))
        index.add_paths([str(ARTICLES)])
        for case in questions:
            answer = answer_question(case["question"], index)
            verdict = judge(case, answer, article_texts)
            results.append(verdict)
            first = answer.citations[0] if answer.citations else None
            rows.append(
                f"| {'✓' if verdict['ok'] else '✗'} | {case['question']} | "
                f"{'yes' if case.get('answerable', True) else 'no'} | {'yes' if answer.answerable else 'no'} | "
                f"{_mark(verdict['words'])} | {_mark(verdict['cited'])} | {_mark(verdict['exact'])} | "
                f"{(f'{first.start}-{first.end}' if first else '—')} |"
            )
    right = sum(r["ok"] for r in results)
    answerable = [r for case, r in zip(questions, results) if case.get("answerable", True)]
    unanswerable = [r for case, r in zip(questions, results) if not case.get("answerable", True)]
    exact = sum(r["exact"] for r in results)
    summary = (
        f"QA: {right}/{len(results)} right; answerable with expected words and a top-3 citation on the evidence: "
        f"{sum(r['ok'] for r in answerable)}/{len(answerable)}; unanswerable abstained: "
        f"{sum(r['ok'] for r in unanswerable)}/{len(unanswerable)}; exact citations: {exact}/{len(results)}"
    )
    print(summary, file=sys.stderr)
    return "\n".join(
        [
            "## Questions and answers (embedded default, no model)",
            "",
            summary + ".",
            "",
            "| ok | question | answerable (gold) | answered | expected words | top-3 citation on evidence "
            "| citations exact | first citation |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


def _mark(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


if __name__ == "__main__":
    print(run())
