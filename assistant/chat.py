"""The interactive chat: questions answered with citations, plus a few slash commands.

    /sources           the citations of the last answer (title, offsets, exact text)
    /quotes SPEAKER    the indexed quotes of a speaker
    /verify "CLAIM" [SPEAKER]   check a claimed quote against the sources
    /help, /exit

On a terminal it uses prompt_toolkit (line editing, history file); otherwise plain `input()`, so
tests and pipes drive it through stdin/stdout. With a model, answers stream as they are written
(their inline citations held back until grounded); Ctrl-C cancels the current answer, not the session.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from retrieval.errors import QuotecheckError
from retrieval.types import Answer, Verification

from .answer import answer_question, stream_answer
from .llm import ChatModel

HELP = """Ask a question about the indexed articles, or:
  /sources                 citations of the last answer
  /quotes SPEAKER          quotes of a speaker in the sources
  /verify "CLAIM" [SPEAKER]  check a quote against the sources
  /help                    this help
  /exit                    leave (Ctrl-D too)"""

MAX_HISTORY = 4  # previous turns passed along for follow-up questions


def _prompt_fn(history_path: Path | None) -> Callable[[str], str]:
    """prompt_toolkit on a terminal (with a history file), plain input() otherwise."""
    if sys.stdin.isatty() and sys.stdout.isatty():
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory, InMemoryHistory

        history = InMemoryHistory()
        if history_path is not None:
            try:
                history_path.parent.mkdir(parents=True, exist_ok=True)
                history = FileHistory(str(history_path))
            except OSError:
                pass
        session = PromptSession(history=history)
        return session.prompt
    return input


def render_citations(answer: Answer) -> str:
    if not answer.citations:
        return "(no citations)"
    lines = []
    for n, c in enumerate(answer.citations, 1):
        title = c.title or c.source
        lines.append(f"[{n}] {title} ({c.source}, {c.start}-{c.end})\n    {' '.join(c.text.split())}")
    return "\n".join(lines)


def render_verification(v: Verification) -> str:
    out = [f"verdict: {v.verdict}"]
    if v.source_speaker:
        out.append(f"speaker in the source: {v.source_speaker}")
    if v.source is not None:
        out.append(f"source: {v.source.title or v.source.source} ({v.source.start}-{v.source.end})")
        out.append(f"    {' '.join(v.source.text.split())}")
    if v.diff:
        edits = ", ".join(f"{e.op}: {e.source!r} -> {e.claim!r}" for e in v.diff)
        out.append(f"changes: {edits}")
    if v.explanation:
        out.append(v.explanation)
    return "\n".join(out)


class ChatSession:
    """One conversation: the state (history, last answer) and the handling of one input line."""

    def __init__(self, index: Any, model: ChatModel | None, out: TextIO,
                 verify_fn: Callable[[str, str | None], Verification] | None = None):
        self.index = index
        self.model = model
        self.out = out
        self.verify_fn = verify_fn
        self.history: list[tuple[str, str]] = []
        self.last: Answer | None = None

    def say(self, text: str = "", end: str = "\n") -> None:
        self.out.write(text + end)
        self.out.flush()

    def handle(self, line: str) -> bool:
        """Handle one line; False when the session should end."""
        line = line.strip()
        if not line:
            return True
        if line.startswith("/"):
            return self.command(line)
        self.ask(line)
        return True

    def command(self, line: str) -> bool:
        name, _, rest = line.partition(" ")
        rest = rest.strip()
        if name in ("/exit", "/quit"):
            return False
        if name == "/help":
            self.say(HELP)
        elif name == "/sources":
            self.say(render_citations(self.last) if self.last else "No answer yet: ask a question first.")
        elif name == "/quotes":
            if not rest:
                self.say("Usage: /quotes SPEAKER")
                return True
            quotes = self.index.quotes(speaker=rest)
            if not quotes:
                self.say(f"No indexed quote by {rest}.")
            for q in quotes:
                self.say(f"- {q.speaker}: « {' '.join(q.text.split())} » ({q.title or q.source}, {q.start}-{q.end})")
        elif name == "/verify":
            self.verify(rest)
        else:
            self.say(f"Unknown command {name}; /help lists the commands.")
        return True

    def verify(self, rest: str) -> None:
        if self.verify_fn is None:
            self.say("Verification is not available in this session.")
            return
        try:
            parts = shlex.split(rest.replace("«", '"').replace("»", '"').replace("“", '"').replace("”", '"'))
        except ValueError:
            parts = [rest.strip('"')]
        if not parts:
            self.say('Usage: /verify "CLAIM" [SPEAKER]')
            return
        claim, speaker = parts[0], (" ".join(parts[1:]) or None)
        self.say(render_verification(self.verify_fn(claim, speaker)))

    def ask(self, question: str) -> None:
        history = self.history[-MAX_HISTORY:]
        if self.model is None:
            answer = answer_question(question, self.index, history=history)
            self.say(answer.answer)
        else:
            from .answers import waiting_notice

            seconds = getattr(self.model, "timeout", None)
            if seconds:
                sys.stderr.write(waiting_notice(question, seconds) + "\n")
            answer = None
            streamed = False
            for item in stream_answer(question, self.index, self.model, history=history):
                if isinstance(item, Answer):
                    answer = item
                else:
                    streamed = True
                    self.say(item, end="")
            assert answer is not None
            if streamed:
                self.say()
            if answer.notice or not streamed:
                # Nothing usable was streamed, or it was replaced: show the answer actually kept.
                self.say(answer.answer)
        if answer.notice:
            self.say(f"({answer.notice})")
        if answer.citations:
            self.say(render_citations(answer))
        self.last = answer
        self.history.append((question, answer.answer))


def run_chat(index: Any, model: ChatModel | None = None, *,
             verify_fn: Callable[[str, str | None], Verification] | None = None,
             input_fn: Callable[[str], str] | None = None, output: TextIO | None = None,
             history_path: Path | None = None) -> int:
    """Run the chat loop until /exit or end of input. Returns 0."""
    out = output or sys.stdout
    read = input_fn or _prompt_fn(history_path)
    session = ChatSession(index, model, out, verify_fn)
    session.say("quotecheck chat: ask about the indexed articles (/help for commands).")
    while True:
        try:
            line = read("> ")
        except EOFError:
            session.say()
            return 0
        except KeyboardInterrupt:  # at the prompt: clear the line, keep the session
            session.say()
            continue
        try:
            if not session.handle(line):
                return 0
        except KeyboardInterrupt:
            session.say("\n(cancelled)")
        except QuotecheckError as exc:
            session.say(f"error: {exc}")
