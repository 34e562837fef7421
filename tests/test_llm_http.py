"""The real OpenAIChatModel, driven at the HTTP level through an injected httpx2 mock transport."""

from __future__ import annotations

import json

import httpx2
import pytest
from pydantic import BaseModel

from assistant.llm import OpenAIChatModel
from retrieval.errors import ConfigError, ModelError
from retrieval.settings import Settings

KEY = "sk-test-DO-NOT-LEAK-4242424242"
MESSAGES = [("system", "You answer questions."), ("user", "Which GPU?")]


class Reply(BaseModel):
    answer: str
    passage_ids: list[str]


def settings(**overrides) -> Settings:
    values = dict(
        openai_api_key=KEY,
        openai_base_url="http://llm.test/v1",
        quotecheck_chat_model="test-model",
        quotecheck_llm_max_retries=2,
        quotecheck_llm_timeout=5.0,
        quotecheck_llm_max_tokens=321,
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


def tool_reply(arguments: str) -> httpx2.Response:
    call = {"id": "call_1", "type": "function", "function": {"name": "Reply", "arguments": arguments}}
    message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return httpx2.Response(
        200,
        json={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1,
            "model": "test-model",
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": message}],
        },
    )


GOOD = json.dumps({"answer": "The H20.", "passage_ids": ["P1"]})


class Server:
    """A scripted fake server: each request gets the next response (or raises the next exception)."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        item = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        if callable(item):
            item = item(request)
        if isinstance(item, Exception):
            raise item
        return item

    def model(self, **overrides) -> OpenAIChatModel:
        client = httpx2.Client(transport=httpx2.MockTransport(self))
        return OpenAIChatModel(settings(**overrides), http_client=client)


def assert_no_secret(error: ModelError) -> None:
    text = f"{error} {error.body or ''} {error!r}"
    assert KEY not in text
    assert "DO-NOT-LEAK" not in text


def test_structured_reply_is_parsed_and_request_carries_model_and_max_tokens():
    server = Server(tool_reply(GOOD))
    reply = server.model().structured(MESSAGES, Reply)
    assert reply == Reply(answer="The H20.", passage_ids=["P1"])
    request = server.requests[0]
    assert request.url == "http://llm.test/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    body = json.loads(request.content)
    assert body["model"] == "test-model"
    assert body["max_tokens"] == 321
    assert body["tool_choice"]["function"]["name"] == "Reply"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]


def test_rate_limit_is_retried_then_succeeds():
    limited = httpx2.Response(429, headers={"retry-after-ms": "1"}, json={"error": {"message": "slow down"}})
    server = Server(limited, tool_reply(GOOD))
    assert server.model().structured(MESSAGES, Reply).answer == "The H20."
    assert len(server.requests) == 2


def echo_auth_500(request: httpx2.Request) -> httpx2.Response:
    # A hostile or buggy server that echoes the credentials back in its error body.
    echoed = {"error": {"message": f"internal error for {request.headers['authorization']}"}}
    return httpx2.Response(500, headers={"retry-after-ms": "1"}, json=echoed)


def test_server_error_after_retries_becomes_model_error_without_the_key():
    server = Server(echo_auth_500)
    with pytest.raises(ModelError) as caught:
        server.model().structured(MESSAGES, Reply)
    assert caught.value.status == 500
    assert "HTTP 500" in str(caught.value)
    assert "internal error" in caught.value.body
    assert len(server.requests) == 3  # first try + 2 retries
    assert_no_secret(caught.value)


def test_timeout_becomes_model_error():
    server = Server(lambda request: httpx2.ReadTimeout("read timed out", request=request))
    with pytest.raises(ModelError) as caught:
        server.model(quotecheck_llm_max_retries=0).structured(MESSAGES, Reply)
    assert caught.value.status is None
    assert "did not answer within 5s" in str(caught.value)
    assert_no_secret(caught.value)


def test_malformed_response_body_becomes_model_error():
    server = Server(httpx2.Response(200, content=b"{not json", headers={"content-type": "application/json"}))
    with pytest.raises(ModelError, match="malformed") as caught:
        server.model().structured(MESSAGES, Reply)
    assert_no_secret(caught.value)


def test_malformed_tool_arguments_become_model_error():
    server = Server(tool_reply('{"answer": "The H20", passage_ids'))
    with pytest.raises(ModelError, match="malformed JSON") as caught:
        server.model().structured(MESSAGES, Reply)
    assert "passage_ids" in caught.value.body


def test_reply_breaking_the_schema_becomes_model_error():
    server = Server(tool_reply(json.dumps({"answer": 3})))
    with pytest.raises(ModelError, match="does not match the expected Reply schema"):
        server.model().structured(MESSAGES, Reply)


def test_plain_text_instead_of_a_tool_call_becomes_model_error():
    message = {"role": "assistant", "content": ""}
    empty = httpx2.Response(
        200,
        json={"id": "c", "object": "chat.completion", "created": 1, "model": "m",
              "choices": [{"index": 0, "finish_reason": "stop", "message": message}]},
    )
    with pytest.raises(ModelError, match="no structured reply"):
        Server(empty).model().structured(MESSAGES, Reply)


def sse(*pieces: str) -> httpx2.Response:
    events = [
        "data: " + json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                               "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]})
        for piece in pieces
    ]
    body = "\n\n".join([*events, "data: [DONE]"]) + "\n\n"
    return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=body.encode())


def test_stream_yields_text_chunks():
    server = Server(sse("Le GPU ", "H20", "."))
    assert "".join(server.model().stream(MESSAGES)) == "Le GPU H20."
    assert json.loads(server.requests[0].content)["stream"] is True


def test_empty_stream_becomes_model_error():
    with pytest.raises(ModelError, match="empty"):
        list(Server(sse("")).model().stream(MESSAGES))


def test_stream_server_error_becomes_model_error_without_the_key():
    with pytest.raises(ModelError) as caught:
        list(Server(echo_auth_500).model(quotecheck_llm_max_retries=0).stream(MESSAGES))
    assert caught.value.status == 500
    assert_no_secret(caught.value)


def test_base_url_without_key_uses_a_placeholder_key():
    server = Server(tool_reply(GOOD))
    client = httpx2.Client(transport=httpx2.MockTransport(server))
    model = OpenAIChatModel(settings(openai_api_key=None), http_client=client)
    assert model.structured(MESSAGES, Reply).answer == "The H20."
    assert server.requests[0].headers["authorization"] == "Bearer not-needed"


def test_model_is_refused_when_nothing_is_configured():
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        OpenAIChatModel(Settings(_env_file=None, openai_api_key=None, openai_base_url=None))
