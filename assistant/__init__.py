"""quotecheck: what the user talks to (CLI, chat, answers, verification, web)."""
