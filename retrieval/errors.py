"""The exceptions quotecheck raises on purpose, each with a message that says what to do next.

    QuotecheckError            base: the CLI prints its message on one line, exit 1
     ├── InputError            a file or value the user gave cannot be used (names the file)
     ├── StoreError            the store cannot be opened or is in use
     │    ├── StoreLockedError another process is writing to this local store
     │    ├── StoreMissingError    no store there yet (only `index` creates one)
     │    └── EmbedderMismatchError  the store was built with another embedder
     ├── ConfigError           a setting is missing or wrong
     └── ModelError            the language model failed (status, body); callers fall back
"""

from __future__ import annotations


class QuotecheckError(Exception):
    """Base of every error quotecheck reports to the user."""


class InputError(QuotecheckError):
    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class StoreError(QuotecheckError):
    pass


class StoreLockedError(StoreError):
    pass


class EmbedderMismatchError(StoreError):
    pass


class StoreMissingError(StoreError):
    pass


class ConfigError(QuotecheckError):
    pass


class ModelError(QuotecheckError):
    def __init__(self, message: str, status: int | None = None, body: str | None = None):
        self.status = status
        self.body = body
        super().__init__(message)
