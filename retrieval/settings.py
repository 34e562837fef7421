"""The one settings object: environment variables and `.env`, read once and passed down."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_store() -> Path:
    return Path(user_data_dir("quotecheck", appauthor=False)) / "store"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Where the index lives.
    quotecheck_store: Path = Field(default_factory=default_store)
    quotecheck_chroma_url: str | None = None  # http://host:port of a Chroma server
    quotecheck_ray_address: str | None = None  # `quotecheck index` on this Ray cluster (auto, local or host:port)

    # Embeddings: "use" (multilingual USE, offline, default) or "openai".
    quotecheck_embedder: str = "use"
    quotecheck_openai_embedding_model: str = "text-embedding-3-small"

    # Language model: used only when a key or a base URL is set.
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    quotecheck_chat_model: str = "gpt-4o-mini"
    quotecheck_llm_timeout: float = 20.0  # seconds, the whole wait for one answer (retries included)
    quotecheck_llm_max_retries: int = 2
    quotecheck_llm_max_tokens: int = 1024

    # Web server: bearer token required on every request when set.
    quotecheck_token: SecretStr | None = None

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_api_key) or bool(self.openai_base_url)
