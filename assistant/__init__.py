"""quotecheck: what the user talks to (CLI, chat, answers, verification, web)."""

from __future__ import annotations


def version() -> str:
    """The installed version: package metadata, whose one source is `pyproject.toml`."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("quotecheck")
    except PackageNotFoundError:  # run from a checkout that was never installed
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, ValueError):
            return "unknown"
