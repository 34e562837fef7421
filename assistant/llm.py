"""The chat-model edge: one narrow interface, a real implementation and a fake one.

    ChatModel          the interface the rest of quotecheck speaks
     ├── OpenAIChatModel   langchain-openai `ChatOpenAI` (OpenAI or any OpenAI-compatible server)
     └── FakeChatModel     scripted, deterministic replies for tests and examples

Messages are plain `(role, content)` pairs, role one of "system", "user", "assistant", so no
caller depends on langchain. Every failure of the real model (timeout, HTTP error after the
SDK's retries with backoff, malformed or schema-breaking output, empty output) is raised as
`retrieval.errors.ModelError`; the API key never appears in its message or body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from retrieval.errors import ConfigError, ModelError
from retrieval.settings import Settings

Message = tuple[str, str]
T = TypeVar("T", bound=BaseModel)

# A base URL without a key (a local OpenAI-compatible server) still needs a non-empty key.
PLACEHOLDER_API_KEY = "not-needed"
_BODY_LIMIT = 500


class ChatModel(Protocol):
    def structured(self, messages: Sequence[Message], schema: type[T]) -> T:
        """One reply, validated against `schema` (a pydantic model)."""
        ...

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply as text chunks, as they arrive."""
        ...


def redact(text: str, secrets: Sequence[str] = ()) -> str:
    """`text` without any of `secrets`, bearer tokens or OpenAI-style keys."""
    for secret in secrets:
        if secret and secret != PLACEHOLDER_API_KEY:
            text = text.replace(secret, "***")
    text = re.sub(r"(?i)(bearer\s+)\S+", r"\1***", text)
    return re.sub(r"\bsk-[A-Za-z0-9_\-]{6,}", "sk-***", text)


class OpenAIChatModel:
    """`ChatOpenAI` behind the `ChatModel` interface. Build it only when `settings.llm_configured`."""

    def __init__(self, settings: Settings, http_client: Any | None = None):
        if not settings.llm_configured:
            raise ConfigError(
                "No language model configured: set OPENAI_API_KEY or OPENAI_BASE_URL "
                "(or run without a model for the extractive answers)."
            )
        from langchain_openai import ChatOpenAI  # imported here: the default path never needs it

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        self._secrets = (key,) if key else ()
        self.model_name = settings.quotecheck_chat_model
        self.timeout = settings.quotecheck_llm_timeout
        self._chat = ChatOpenAI(
            model=settings.quotecheck_chat_model,
            api_key=key or PLACEHOLDER_API_KEY,
            base_url=settings.openai_base_url,
            # The timeout is the user's whole wait: split between the first try and the retries.
            timeout=settings.quotecheck_llm_timeout / (1 + max(settings.quotecheck_llm_max_retries, 0)),
            max_retries=settings.quotecheck_llm_max_retries,
            http_client=http_client,
            temperature=0,
            extra_body={"max_tokens": settings.quotecheck_llm_max_tokens},
        )

    def structured(self, messages: Sequence[Message], schema: type[T]) -> T:
        runnable = self._chat.with_structured_output(schema, method="function_calling", include_raw=True)
        try:
            result = runnable.invoke(list(messages))
        except Exception as exc:  # noqa: BLE001 - every SDK failure becomes a ModelError
            raise self._model_error(exc) from None
        if result.get("parsing_error") is not None:
            raw = _raw_arguments(result.get("raw"))
            raise ModelError(
                f"The model's reply does not match the expected {schema.__name__} schema.",
                body=self._clip(raw or str(result["parsing_error"])),
            )
        parsed = result.get("parsed")
        if parsed is None:
            raw = _raw_arguments(result.get("raw"))
            problem = "malformed JSON" if raw else "no structured reply"
            raise ModelError(f"The model gave {problem} instead of a {schema.__name__}.", body=self._clip(raw))
        return parsed

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        empty = True
        try:
            for chunk in self._chat.stream(list(messages)):
                text = chunk.content if isinstance(chunk.content, str) else chunk.text
                if text:
                    empty = False
                    yield text
        except Exception as exc:  # noqa: BLE001
            raise self._model_error(exc) from None
        if empty:
            raise ModelError("The model returned an empty reply.")

    def _clip(self, text: str | None) -> str | None:
        return redact(text[:_BODY_LIMIT], self._secrets) if text else text

    def _model_error(self, exc: Exception) -> ModelError:
        import openai

        if isinstance(exc, ModelError):
            return exc
        if isinstance(exc, openai.APITimeoutError):
            return ModelError(
                f"The model did not answer within {self.timeout:g}s (after retries); "
                "try again or raise QUOTECHECK_LLM_TIMEOUT."
            )
        if isinstance(exc, openai.APIStatusError):
            body = exc.body if isinstance(exc.body, str) else json.dumps(exc.body, ensure_ascii=False)
            hint = {
                401: "check OPENAI_API_KEY",
                403: "check OPENAI_API_KEY",
                404: "check QUOTECHECK_CHAT_MODEL and OPENAI_BASE_URL",
                429: "rate limited even after retries; wait and try again",
            }.get(exc.status_code, "the model server failed; try again later")
            return ModelError(
                f"The model server answered HTTP {exc.status_code} ({hint}).",
                status=exc.status_code,
                body=self._clip(body),
            )
        if isinstance(exc, openai.APIConnectionError):
            return ModelError("Could not reach the model server; check OPENAI_BASE_URL and the network.")
        if isinstance(exc, (ValueError, ValidationError)):  # includes json.JSONDecodeError
            return ModelError(
                "The model server sent a malformed response.", body=self._clip(f"{type(exc).__name__}: {exc}")
            )
        return ModelError(self._clip(f"The model call failed: {type(exc).__name__}: {exc}") or "")


def _raw_arguments(raw: Any) -> str | None:
    """The tool-call arguments (or text) the model actually sent, for the error body."""
    if raw is None:
        return None
    for call in getattr(raw, "invalid_tool_calls", None) or []:
        if call.get("args"):
            return str(call["args"])
    for call in getattr(raw, "tool_calls", None) or []:
        return json.dumps(call.get("args"), ensure_ascii=False)
    content = getattr(raw, "content", None)
    return content if isinstance(content, str) and content else None


class FakeChatModel:
    """Scripted replies, one per call, in order: deterministic, no network.

    A reply is a pydantic model or a dict (returned by `structured`, validated against the schema),
    a string (streamed word by word; for `structured`, parsed as JSON), an exception (raised), or a
    function of the messages returning one of those (a reply that depends on the prompt).
    `calls` keeps every message list received, so tests can inspect the prompts.
    """

    def __init__(self, replies: Sequence[Any] = ()):
        self.replies = list(replies)
        self.calls: list[list[Message]] = []

    def _next(self, messages: Sequence[Message]) -> Any:
        self.calls.append(list(messages))
        if not self.replies:
            raise ModelError("FakeChatModel has no scripted reply left.")
        reply = self.replies.pop(0)
        if callable(reply) and not isinstance(reply, type):
            reply = reply(list(messages))
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def structured(self, messages: Sequence[Message], schema: type[T]) -> T:
        reply = self._next(messages)
        try:
            if isinstance(reply, schema):
                return reply
            if isinstance(reply, BaseModel):
                reply = reply.model_dump()
            if isinstance(reply, str):
                return schema.model_validate_json(reply)
            return schema.model_validate(reply)
        except ValidationError as exc:
            raise ModelError(
                f"The model's reply does not match the expected {schema.__name__} schema.", body=str(exc)[:500]
            ) from None

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        reply = self._next(messages)
        if isinstance(reply, BaseModel):
            reply = getattr(reply, "answer", None) or reply.model_dump_json()
        elif isinstance(reply, dict):
            reply = str(reply.get("answer") or json.dumps(reply, ensure_ascii=False))
        if not reply:
            raise ModelError("The model returned an empty reply.")
        yield from re.findall(r"\S+\s*|\s+", reply)
