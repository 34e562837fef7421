"""The chat loop, driven through its input and output like a user at the keyboard."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from assistant.chat import run_chat
from assistant.llm import FakeChatModel
from retrieval.index import Index
from retrieval.settings import Settings
from retrieval.types import Citation, Verification

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(ARTICLES / "fr_nvidia_h20.txt", folder)
    store = tmp_path_factory.mktemp("store")
    idx = Index.open(Settings(_env_file=None, quotecheck_store=store, openai_api_key=None, openai_base_url=None))
    idx.add_paths([str(folder)])
    return idx


def scripted(lines: list[str]):
    """An input function that types `lines` then hits Ctrl-D."""
    pending = list(lines)

    def read(prompt: str) -> str:
        if not pending:
            raise EOFError
        return pending.pop(0)

    return read


def chat(index, lines, model=None, verify_fn=None) -> str:
    out = io.StringIO()
    assert run_chat(index, model, input_fn=scripted(lines), output=out, verify_fn=verify_fn) == 0
    return out.getvalue()


def test_three_turns_with_a_follow_up_then_sources_help_and_exit(index):
    text = chat(index, [
        "Qu'a dit Jensen Huang des entreprises chinoises ?",
        "Qui a-t-il rencontré en avril ?",  # follow-up: "il" is Jensen Huang
        "Quel est le prix de vente du GPU H20 ?",
        "/sources",
        "/help",
        "/exit",
        "never read",
    ])
    assert "talentueuses" in text
    assert "Gong Zheng" in text
    assert "Les sources indexées ne le disent pas" in text
    # /sources after an abstention: at most the closest passage, which the answer calls only that.
    assert "(no citations)" in text or "le passage le plus proche" in text
    assert "/quotes SPEAKER" in text  # the help
    assert "never read" not in text


def test_sources_lists_the_last_answer_citations_with_title_and_offsets(index):
    text = chat(index, ["Où Nvidia envisage-t-elle d'ouvrir un centre de recherche et développement ?", "/sources"])
    listing = text.split("/sources")[-1] if "/sources" in text else text
    assert "Nvidia annonce reprendre les ventes" in listing  # the article title
    assert "fr_nvidia_h20.txt, 2553-2687" in listing
    assert "Shanghai" in listing


def test_quotes_command_lists_a_speaker_quotes(index):
    text = chat(index, ["/quotes Jensen Huang", "/quotes Personne Inconnue"])
    assert "talentueuses" in text
    assert "No indexed quote by Personne Inconnue." in text


def test_verify_command_renders_the_verdict(index):
    seen = []

    def verify_fn(claim, speaker):
        seen.append((claim, speaker))
        source = Citation(source="fr_nvidia_h20.txt", title="Nvidia", start=1058, end=1127,
                          text="Les entreprises locales (chinoises, ndlr) sont très très talentueuses")
        return Verification(verdict="verbatim", claim=claim, claimed_speaker=speaker, source=source,
                            source_speaker="Jensen Huang", similarity=1.0)

    text = chat(index, ['/verify "Les entreprises locales sont très très talentueuses" Jensen Huang'])
    assert "not available" in text
    text = chat(index, ['/verify "Les entreprises locales sont très très talentueuses" Jensen Huang'],
                verify_fn=verify_fn)
    assert seen == [("Les entreprises locales sont très très talentueuses", "Jensen Huang")]
    assert "verdict: verbatim" in text and "1058-1127" in text


def test_llm_answer_streams_then_shows_grounded_citations_only(index):
    def reply(messages):  # cite the passage that holds the H20 statement, whatever its id
        blocks = messages[-1][1].split("<passage id=")[1:]
        pid = next(b.split('"')[1] for b in blocks if "GPU Nvidia H20" in b)
        return f'Nvidia veut vendre le GPU H20 [{pid}: "vendre à nouveau le GPU Nvidia H20"] et le H30 [{pid}: "le H30 en Inde"].'

    text = chat(index, ["Quel GPU Nvidia veut-elle vendre à nouveau à la Chine ?", "/sources"],
                model=FakeChatModel([reply]))
    assert "Nvidia veut vendre le GPU H20 et le H30." in text  # streamed, inline citations held back
    assert "[1] " in text and "vendre à nouveau le GPU Nvidia H20" in text
    assert "le H30 en Inde" not in text  # never found in the source: never shown
    assert "extractive" not in text


def test_model_failure_in_chat_shows_extractive_answer_and_notice(index):
    from retrieval.errors import ModelError

    text = chat(index, ["Quel GPU Nvidia veut-elle vendre à nouveau à la Chine ?"],
                model=FakeChatModel([ModelError("The model did not answer within 30s.")]))
    assert "H20" in text
    assert "did not answer within 30s" in text
    assert "Traceback" not in text


def test_ctrl_c_cancels_the_answer_not_the_session(index):
    class Interrupting(FakeChatModel):
        def stream(self, messages):
            yield "Nvidia "
            raise KeyboardInterrupt

    text = chat(index, ["Quel GPU Nvidia veut-elle vendre ?", "/help"], model=Interrupting())
    assert "(cancelled)" in text
    assert "/quotes SPEAKER" in text  # the session went on
