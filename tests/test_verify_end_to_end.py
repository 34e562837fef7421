"""verify / check / quotes through the CLI on a real store: the dev articles indexed with quote extraction."""

import json
from pathlib import Path

import pytest
from conftest import point_at_mode

from assistant.cli import main

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="module", params=["local", "server"])
def store(request, tmp_path_factory):
    """The dev articles indexed with quote extraction and the real embedder, in a local store or on
    the session's Chroma server (then QUOTECHECK_CHROMA_URL points every command at it)."""
    folder = tmp_path_factory.mktemp("store")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        env.delenv("QUOTECHECK_EMBEDDER", raising=False)
        point_at_mode(env, request, request.param)
        assert main(["--store", str(folder), "index", str(ARTICLES)]) == 0
        yield folder


def run_json(capsys, *argv) -> tuple[int, list[dict]]:
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


def test_verify_reports_verbatim_with_the_exact_source_passage(store, capsys):
    code, [result] = run_json(capsys, "--store", str(store), "verify",
                              "Nvidia espère commencer les livraisons bientôt", "--speaker", "Nvidia", "--json")
    assert code == 0
    assert result["verdict"] == "verbatim" and result["diff"] == []
    source = result["source"]
    text = (ARTICLES / "fr_nvidia_h20.txt").read_text(encoding="utf-8")
    assert text[source["start"] : source["end"]] == source["text"]
    assert source["text"] == "Nvidia espère commencer les livraisons bientôt"


def test_altered_quote_shows_word_diff(store, capsys):
    _, [result] = run_json(capsys, "--store", str(store), "verify",
                           "It takes a little longer now, but he's playing badly now", "--speaker", "Boudreau", "--json")
    assert result["verdict"] == "altered"
    assert {"op": "replace", "source": "well", "claim": "badly"} in result["diff"]
    assert result["source_speaker"] == "Bruce Boudreau"


def test_right_words_wrong_speaker_is_misattributed(store, capsys):
    _, [result] = run_json(capsys, "--store", str(store), "verify", "I haven't talked to the trainers at all",
                           "--speaker", "Ryan Suter", "--json")
    assert result["verdict"] == "misattributed"
    assert result["source_speaker"] == "Bruce Boudreau"


def test_words_found_outside_any_quotation_are_unattributed_with_the_exact_slice(store, capsys):
    # the writer's own sentence, claimed as a quote: in the source, but nobody is said to have said it
    claim = "doit assister mercredi à Pékin à la cérémonie d'ouverture"
    code, [result] = run_json(capsys, "--store", str(store), "verify", claim, "--speaker", "Jensen Huang", "--json")
    assert result["verdict"] == "unattributed" and result["speaker_status"] == "unknown"
    text = (ARTICLES / "fr_nvidia_h20.txt").read_text(encoding="utf-8")
    source, passage = result["source"], result["passage"]
    assert text[source["start"]:source["end"]] == source["text"] == claim
    assert text[passage["start"]:passage["end"]] == passage["text"] and claim in passage["text"]


def test_batch_verify_keeps_input_order(store, capsys, tmp_path):
    batch = tmp_path / "claims.jsonl"
    batch.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"claim": "Je n'ai enfreint aucune règle", "speaker": "Roman Prymula"},
        {"claim": "Nous n'abandonnerons jamais le marché chinois", "speaker": "Jensen Huang"},
        {"claim": "Les licences seraient accordées", "speaker": None},
    ]), encoding="utf-8")
    _, results = run_json(capsys, "--store", str(store), "verify", "--batch", str(batch), "--json")
    assert [r["verdict"] for r in results] == ["verbatim", "not_found", "verbatim"]
    assert results[2]["source_speaker"] == "Nvidia"


def test_check_flags_exactly_the_altered_and_the_invented_quote(store, capsys, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Nvidia et la Chine\n\n"
        "« Je n'ai enfreint aucune règle », a déclaré Roman Prymula.\n\n"
        "Jensen Huang a affirmé : « Les entreprises chinoises sont très talentueuses et très déterminées. »\n\n"
        "« Nous n'abandonnerons jamais le marché chinois », a assuré Jensen Huang.\n\n"
        "« Je n'ai pas l'intention de démissionner », a répété le ministre Roman Prymula.\n",
        encoding="utf-8",
    )
    code, [result] = run_json(capsys, "--store", str(store), "check", str(draft), "--json")
    assert code == 3
    verdicts = {q["claim"]: q["verdict"] for q in result["quotes"]}
    assert verdicts == {
        "Je n'ai enfreint aucune règle": "verbatim",
        "Les entreprises chinoises sont très talentueuses et très déterminées.": "altered",
        "Nous n'abandonnerons jamais le marché chinois": "not_found",
        "Je n'ai pas l'intention de démissionner": "verbatim",
    }
    text = draft.read_text(encoding="utf-8")
    for q in result["quotes"]:
        assert text[q["start"] : q["end"]] == q["claim"]


def test_quotes_by_surname_lists_only_that_speakers_quotes(store, capsys):
    code, quotes = run_json(capsys, "--store", str(store), "quotes", "--speaker", "Huang", "--json")
    assert code == 0 and quotes
    assert {q["speaker"] for q in quotes} == {"Jensen Huang"}
    texts = " ".join(q["text"] for q in quotes)
    assert "talentueuses" in texts and "H20" not in texts
