"""The command-line contract (../shared/CONTRACT.md) as a user meets it: results on stdout, messages on stderr,
JSON alone with --json, --version, and a store that does not exist refused rather than created."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant import render
from assistant.cli import main
from retrieval.types import Citation

ARTICLE = ("Harbour council approves the bridge\n\n"
           "The harbour council approved the new bridge on Tuesday after a long debate. "
           '"This bridge will change the life of every family in the town," said the mayor, Anna Berg. '
           "The works start in May.\n")
DRAFT = 'Anna Berg spoke on Tuesday. "This bridge will change the life of every family in the town," said Anna Berg.\n'


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("QUOTECHECK_CHROMA_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    return tmp_path


@pytest.fixture
def store(env, capsys) -> Path:
    (env / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (env / "draft.txt").write_text(DRAFT, encoding="utf-8")
    assert main(["--store", str(env / "store"), "index", str(env / "bridge.txt")]) == 0
    capsys.readouterr()
    return env / "store"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_writes_the_report_on_stdout_so_it_can_be_saved(store, env, capsys):
    code, out, err = run(capsys, "--store", str(store), "check", str(env / "draft.txt"))
    assert code in (0, 3)
    assert "This bridge will change the life of every family in the town" in out
    assert "bridge.txt" in out and "1 quotes" in out
    assert "This bridge" not in err and "error" not in err


def test_check_redirected_to_a_file_saves_a_plain_text_report(store, env):
    """`quotecheck check draft.txt > report.txt` in a real shell: a report without terminal escapes."""
    report = env / "report.txt"
    with report.open("w") as out:
        proc = subprocess.run([sys.executable, "-m", "assistant.cli", "--store", str(store), "check", str(env / "draft.txt")],
                              stdout=out, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert proc.returncode in (0, 3), proc.stderr
    text = report.read_text()
    assert "This bridge will change the life" in text and "\x1b[" not in text


@pytest.mark.parametrize("argv", [
    ["search", "harbour bridge"],
    ["verify", "This bridge will change the life of every family in the town", "--speaker", "Anna Berg"],
    ["ask", "What did the mayor say about the bridge?"],
    ["quotes"],
    ["doctor"],
])
def test_every_command_prints_its_result_on_stdout(store, capsys, argv):
    code, out, err = run(capsys, "--store", str(store), *argv)
    assert code in (0, 3), err
    assert out.strip(), f"{argv[0]} printed nothing on stdout"
    assert "error" not in err


def test_index_and_remove_print_their_summary_on_stdout(env, capsys):
    (env / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "--store", str(env / "store"), "index", str(env / "a.txt"), "--no-quotes")
    assert code == 0 and "1 added" in out
    code, out, _ = run(capsys, "--store", str(env / "store"), "remove", str(env / "a.txt"))
    assert code == 0 and "1 source removed" in out


@pytest.mark.parametrize("argv", [
    ["search", "harbour bridge", "--json"],
    ["verify", "This bridge will change the life of every family in the town", "--json"],
    ["check", "DRAFT", "--json"],
    ["ask", "What did the mayor say about the bridge?", "--json"],
    ["quotes", "--json"],
    ["doctor", "--json"],
    ["index", "ARTICLE", "--json"],
    ["remove", "nowhere.txt", "--json"],
])
def test_with_json_stdout_carries_only_json(store, env, capsys, argv):
    argv = [str(env / "draft.txt") if a == "DRAFT" else str(env / "bridge.txt") if a == "ARTICLE" else a for a in argv]
    code, out, err = run(capsys, "--store", str(store), *argv)
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines, err
    for line in lines:
        json.loads(line)
    if argv[0] == "remove":
        assert code == 1 and "nowhere.txt" in err


def test_version_is_the_package_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotecheck {version('quotecheck')}"


COMMANDS = [
    ["search", "bridge"], ["verify", "a claim"], ["check", "DRAFT"], ["ask", "a question?"], ["quotes"],
    ["doctor"], ["remove", "a.txt"], ["serve", "--port", "1"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_missing_store_is_refused_and_nothing_is_created(store_mode, tmp_path, capsys, argv):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    argv = [str(draft) if a == "DRAFT" else a for a in argv]
    missing = tmp_path / "typo" / "stor"
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, out, err = run(capsys, "--store", str(missing), *argv)
    assert code == 1 and out == ""
    where = store_mode.quotecheck_chroma_url or missing
    assert " ".join(err.split()) == f"error: no store at {where}: run `quotecheck index` first"
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    if store_mode.quotecheck_chroma_url:  # no collection was created on the server either
        import chromadb

        port = int(store_mode.quotecheck_chroma_url.rsplit(":", 1)[1])
        assert not chromadb.HttpClient(host="127.0.0.1", port=port).list_collections()


def test_index_creates_the_store_it_is_given(env, capsys):
    (env / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, _ = run(capsys, "--store", str(env / "new" / "store"), "index", str(env / "a.txt"), "--no-quotes")
    assert code == 0 and (env / "new" / "store" / "chroma").is_dir()
    code, out, _ = run(capsys, "--store", str(env / "new" / "store"), "search", "harbour bridge", "--json")
    assert code == 0 and json.loads(out.splitlines()[0])["source"] == str(env / "a.txt")


def test_extract_needs_no_store(env, capsys):
    (env / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "--store", str(env / "none"), "extract", str(env / "a.txt"), "--json")
    assert code == 0, err
    assert json.loads(out)["quotes"] and not (env / "none").exists()


def test_verification_shows_the_speaker_finding_apart_from_the_wording(capsys):
    result = SimpleNamespace(
        verdict="misattributed", claim="We will build it", claimed_speaker="Berg", source_speaker="Tom Price",
        source=Citation(source="a.txt", title="Bridge", start=3, end=19, text="We will build it", sources=["a.txt", "b.txt"]),
        diff=[], translated=False, explanation="", speaker_status="other", other_speakers=["Tom Price", "Jo Lee"],
        speaker_match=None)
    render.verification(result)
    out = capsys.readouterr().out
    assert "MISATTRIBUTED" in out and "said by: Tom Price, Jo Lee" in out
    assert "a.txt [3:19] (also: b.txt)" in out and "speaker: other" in out


def test_a_close_speaker_match_is_said_and_an_unattributed_quote_says_nobody_is_named(capsys):
    fuzzy = SimpleNamespace(
        verdict="verbatim", claim="We will build it", claimed_speaker="Maria", source_speaker="Maria Lopez",
        source=Citation(source="a.txt", start=0, end=16, text="We will build it"), diff=[], translated=False,
        explanation="", speaker_status="confirmed", other_speakers=[], speaker_match="fuzzy")
    render.verification(fuzzy)
    unknown = fuzzy.__class__(**{**vars(fuzzy), "verdict": "unattributed", "speaker_status": "unknown",
                                 "source_speaker": None, "speaker_match": None})
    render.verification(unknown)
    out = capsys.readouterr().out
    assert "did you mean Maria Lopez?" in out
    assert "UNATTRIBUTED" in out and "the source does not say who said the words" in out
