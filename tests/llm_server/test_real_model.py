"""Whatever a weak real model (Gemma 3 270M) replies, no ungrounded citation reaches the user and
no verdict differs from the no-LLM mode. Each exchange is recorded for the report
(printed with -s, and written to $QUOTECHECK_LLM_RECORD or llm_server_record.json in the temp folder)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assistant.answer import answer_question
from assistant.runtime import Runtime
from assistant.verification import verify_claim
from retrieval.index import Index
from retrieval.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = [json.loads(line) for line in (ROOT / "evals/data/fr_nvidia_h20.verify.jsonl").read_text(encoding="utf-8").splitlines()
          if line.strip()][:8] + [
    # not_found without a model: the only verdict a model judgement may touch, so the model is consulted
    {"claim": "Nvidia va fermer toutes ses usines en Chine d'ici la fin de l'année", "speaker": "Jensen Huang"},
    {"claim": "Nous ne vendrons plus jamais de puces à la Chine", "speaker": "Jensen Huang"},
]
QUESTIONS = [json.loads(line)["question"] for line in (ROOT / "evals/data/fr_nvidia_h20.questions.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()][:4] + ["Quelle est la capitale de l'Australie ?"]
RECORD: list[dict] = []


class Recording:
    """The real model, with every reply (or error) kept for the record."""

    def __init__(self, model):
        self.model = model

    def structured(self, messages, schema):
        try:
            reply = self.model.structured(messages, schema)
        except Exception as exc:
            RECORD.append({"call": f"structured({schema.__name__})", "error": f"{type(exc).__name__}: {exc}",
                           "body": getattr(exc, "body", None)})
            raise
        RECORD.append({"call": f"structured({schema.__name__})", "reply": reply.model_dump(mode="json")})
        return reply

    def stream(self, messages):
        chunks = list(self.model.stream(messages))
        RECORD.append({"call": "stream", "reply": "".join(chunks)})
        yield from chunks


@pytest.fixture(scope="module")
def setup(llm_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("llm-store")
    settings = Settings(_env_file=None, quotecheck_store=folder / "store", openai_base_url=llm_server,
                        openai_api_key="sk-local-unused", quotecheck_chat_model="gemma-3-270m",
                        quotecheck_llm_timeout=300.0, quotecheck_llm_max_retries=0, quotecheck_llm_max_tokens=512)
    index = Index.open(settings)
    report = index.add_paths([str(ROOT / "examples/articles")])
    assert len(report.added) == 5
    runtime = Runtime(settings, index=index)
    return index, Recording(runtime.model)


@pytest.fixture(scope="module", autouse=True)
def write_record():
    yield
    out = Path(os.environ.get("QUOTECHECK_LLM_RECORD", "llm_server_record.json"))
    out.write_text(json.dumps(RECORD, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nrecord of {len(RECORD)} exchanges written to {out}")


def assert_grounded(index, citations):
    for c in citations:
        assert c.article_id and index.article(c.article_id).text[c.start:c.end] == c.text, c


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_with_a_real_weak_model_cite_only_exact_source_text(setup, question):
    index, model = setup
    before = len(RECORD)
    answer = answer_question(question, index, model=model)
    assert_grounded(index, answer.citations)
    if answer.answerable:
        assert answer.citations  # an answer the user sees as answered is backed by at least one exact citation
    RECORD.append({"question": question, "model_exchanges": RECORD[before:].copy(),
                   "user_saw": answer.model_dump(mode="json")})
    print(json.dumps(RECORD[-1], ensure_ascii=False)[:1500])


@pytest.mark.parametrize("case", CLAIMS, ids=[c["claim"][:40] for c in CLAIMS])
def test_verdicts_with_a_real_weak_model_equal_the_no_llm_verdicts(setup, case):
    index, model = setup
    without = verify_claim(case["claim"], case.get("speaker"), index)
    before = len(RECORD)
    with_model = verify_claim(case["claim"], case.get("speaker"), index, model=model)
    RECORD.append({"claim": case["claim"], "speaker": case.get("speaker"), "no_llm": without.verdict,
                   "with_llm": with_model.verdict, "model_exchanges": RECORD[before:].copy()})
    print(json.dumps(RECORD[-1], ensure_ascii=False)[:1000])
    assert with_model.verdict == without.verdict
    if with_model.source:
        assert index.article(with_model.source.article_id).text[with_model.source.start:with_model.source.end] == \
            with_model.source.text


def test_the_model_server_really_answered():
    """Guards the suite itself: fallbacks alone (server down, crashing) would pass the tests above."""
    replies = [r for r in RECORD if "reply" in r]
    failures = [r["error"] for r in RECORD if "error" in r]
    assert replies, f"no reply from the model server; errors: {failures[:3]}"
