"""The model's answers through the real OpenAIChatModel against a fake OpenAI-compatible server
(httpx MockTransport injected as http_client) that invents quotes, returns garbage, errors and hangs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx2
import pytest

from assistant.answers import answer_question
from assistant.llm import OpenAIChatModel
from retrieval.index import Index
from retrieval.settings import Settings

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
QUESTION = "Quel GPU Nvidia veut-elle vendre à nouveau à la Chine ?"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(ARTICLES / "fr_nvidia_h20.txt", folder)
    idx = Index.open(Settings(_env_file=None, quotecheck_store=tmp_path_factory.mktemp("store"),
                              openai_api_key=None, openai_base_url=None))
    idx.add_paths([str(folder)])
    return idx


def model(handler, **overrides) -> OpenAIChatModel:
    values = dict(openai_api_key="sk-test-0000000000", openai_base_url="http://llm.test/v1",
                  quotecheck_llm_max_retries=0, quotecheck_llm_timeout=2.0)
    values.update(overrides)
    return OpenAIChatModel(Settings(_env_file=None, **values),
                           http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))


def tool_reply(arguments: dict | str) -> httpx2.Response:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    call = {"id": "c1", "type": "function", "function": {"name": "ModelAnswer", "arguments": args}}
    return httpx2.Response(200, json={"id": "x", "object": "chat.completion", "created": 1, "model": "m",
                                      "choices": [{"index": 0, "finish_reason": "tool_calls",
                                                   "message": {"role": "assistant", "content": None,
                                                               "tool_calls": [call]}}]})


def passage_with(request: httpx2.Request, words: str) -> str:
    prompt = json.loads(request.content)["messages"][-1]["content"]
    for block in prompt.split("<passage id=")[1:]:
        if words in block:
            return block.split('"')[1]
    raise AssertionError(words)


def test_invented_quote_in_the_answer_text_is_removed_with_a_notice(index):
    def handler(request):
        pid = passage_with(request, "GPU Nvidia H20")
        return tool_reply({"answer": f"Nvidia veut vendre le H20 [{pid}]. Jensen Huang a dit « nous dominerons la "
                                     f"Chine pour toujours » [{pid}].", "answerable": True,
                           "citations": [{"passage_id": pid, "quote": "vendre à nouveau le GPU Nvidia H20"}]})

    answer = answer_question(QUESTION, index, model=model(handler))
    assert answer.answerable and "dominerons" not in answer.answer
    assert "nous dominerons la Chine pour toujours" in answer.notice
    assert [c.text for c in answer.citations] == ["vendre à nouveau le GPU Nvidia H20"]


def test_a_quote_found_in_the_cited_passage_is_kept(index):
    def handler(request):
        pid = passage_with(request, "GPU Nvidia H20")
        return tool_reply({"answer": f"Nvidia a déposé des demandes pour « vendre à nouveau le GPU Nvidia H20 » [{pid}].",
                           "answerable": True,
                           "citations": [{"passage_id": pid, "quote": "vendre à nouveau le GPU Nvidia H20"}]})

    answer = answer_question(QUESTION, index, model=model(handler))
    assert "« vendre à nouveau le GPU Nvidia H20 »" in answer.answer and answer.notice is None


def test_garbage_reply_falls_back_to_the_sources_in_plain_words(index):
    answer = answer_question(QUESTION, index, model=model(lambda r: tool_reply("{not json at all")))
    assert answer.answerable and "H20" in answer.answer
    assert "modèle" in answer.notice and "Traceback" not in answer.notice and "Error:" not in answer.notice


def test_server_error_falls_back_with_its_status_explained(index):
    answer = answer_question(QUESTION, index, model=model(lambda r: httpx2.Response(500, json={"error": "boom"})))
    assert "H20" in answer.answer and "HTTP 500" in answer.notice


def test_a_hanging_model_is_given_up_within_the_timeout(index):
    import time

    def hang(request):
        raise httpx2.ReadTimeout("timed out", request=request)

    started = time.perf_counter()
    answer = answer_question(QUESTION, index, model=model(hang))
    assert time.perf_counter() - started < 20
    assert "H20" in answer.answer and "did not answer within" in answer.notice


def test_default_model_timeout_is_at_most_20_seconds():
    assert Settings(_env_file=None).quotecheck_llm_timeout <= 20
