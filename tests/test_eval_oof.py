"""The out-of-fold attribution eval counts errors as the shared scorer does (evals/speaker_oof.py).

The eval reads the shared scorer (`../shared/tools/score_quotes.py`, beside the checkout in CI); a
checkout without it skips these tests, naming the missing file."""

from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_quotes.py"
if not SCORER.exists():
    pytest.skip(f"the shared scorer is not beside this checkout: {SCORER}", allow_module_level=True)

from evals.speaker_oof import wrong  # noqa: E402
from evals.train_speaker import sq  # noqa: E402


def _doc(quotes):
    text = "« Nous partons », a dit Marie Curie. « Rien », a répondu Paul. « Plus tard », dit-on."
    return dict(id="x_fr_test.txt", lang="fr", text=text, quotes=quotes)


def _span(text, words):
    start = text.index(words)
    return start, start + len(words)


def test_wrong_lists_a_missed_or_mistaken_named_speaker_only():
    doc = _doc([])
    t = doc["text"]
    a, b, c = _span(t, "Nous partons"), _span(t, "Rien"), _span(t, "Plus tard")
    doc["quotes"] = [dict(start=a[0], end=a[1], aliases=["Marie Curie", "Curie"], named=True, optional=False, mention=None),
                     dict(start=b[0], end=b[1], aliases=["Paul"], named=True, optional=False, mention=None),
                     dict(start=c[0], end=c[1], aliases=[], named=False, optional=False, mention=None)]
    preds = [dict(start=a[0], end=a[1], speaker="Curie", kind="direct"),   # right (an alias)
             dict(start=b[0], end=b[1], speaker="Marie Curie", kind="direct"),  # wrong
             dict(start=c[0], end=c[1], speaker=None, kind="direct")]   # nobody named: not judged
    errors = wrong([doc], [preds])
    assert [(e["gold"], e["predicted"], e["lang"]) for e in errors] == [("Paul", "Marie Curie", "fr")]
    # and the shared scorer agrees: two judged quotes, one right
    assert sq.score([doc], [preds], 0.8)["speaker_acc"] == 0.5


def test_a_term_is_never_paired():
    doc = _doc([])
    a = _span(doc["text"], "Rien")
    doc["quotes"] = [dict(start=a[0], end=a[1], aliases=["Paul"], named=True, optional=False, mention=None)]
    assert wrong([doc], [[dict(start=a[0], end=a[1], speaker=None, kind="term")]]) == []
