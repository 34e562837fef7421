"""Wiring: settings in, the index and (when configured) the language model out.

The CLI and the web app both build one `Runtime` and pass it down; nothing else reads the
environment.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from retrieval.index import Index
from retrieval.settings import Settings


class Runtime:
    def __init__(self, settings: Settings | None = None, *, store: str | Path | None = None, index: Index | None = None,
                 model=None, create_store: bool = True):
        settings = settings or Settings()
        if store is not None:
            settings = settings.model_copy(update={"quotecheck_store": Path(store)})
        self.settings = settings
        self.create_store = create_store  # False: a store that does not exist is refused (every command but index)
        if index is not None:
            self.__dict__["index"] = index
        if model is not None:
            self.__dict__["model"] = model

    @cached_property
    def index(self) -> Index:
        return Index.open(self.settings, create=self.create_store)

    @cached_property
    def model(self):
        """The chat model when a key or base URL is configured, else None (the embedded default)."""
        if not self.settings.llm_configured:
            return None
        from .llm import OpenAIChatModel

        return OpenAIChatModel(self.settings)
