"""The language model as paraphrase judge: shown only close candidates, never overrules wording, fails visibly."""

from assistant.llm import FakeChatModel
from assistant.verification.candidate import Candidate
from assistant.verification.closest import closest_statements
from assistant.verification.judge import JUDGE_MIN_SIMILARITY, judge_paraphrase
from assistant.verification.rules import decide
from retrieval.errors import ModelError
from retrieval.types import Quote

PASSAGE = "« Nous allons investir dans nos usines cette année », a déclaré Paul Durand."
QUOTE_TEXT = "Nous allons investir dans nos usines cette année"


def cand(cosine: float | None, speaker: str = "Paul Durand", text: str = QUOTE_TEXT, passage: str = PASSAGE) -> Candidate:
    start = passage.index(text)
    q = Quote(text=text, start=start, end=start + len(text), speaker=speaker, confidence=0.95, source="a.txt",
              article_id="a1")
    units = ((text, cosine),) if cosine is not None else ()
    return Candidate(quote=q, passage=passage, passage_start=0, lang="fr", dense=cosine, units=units)


CLAIM = "Paul Durand veut moderniser ses sites de production"


def test_judge_failure_is_a_visible_notice_and_the_rule_verdict_stands():
    c = cand(0.5)
    rule = decide(CLAIM, "Paul Durand", [c], claim_lang="fr")
    assert rule.verdict == "not_found"
    v = judge_paraphrase(CLAIM, "Paul Durand", [c], rule, FakeChatModel([ModelError("The model did not answer within 30s.")]),
                         claim_lang="fr")
    assert v.verdict == "not_found" and v.notice and "failed" in v.notice and "30s" in v.notice


def test_judge_sees_only_candidates_above_the_similarity_floor():
    low = cand(JUDGE_MIN_SIMILARITY - 0.1)
    rule = decide(CLAIM, "Paul Durand", [low], claim_lang="fr")
    model = FakeChatModel([{"supported": True, "passage": 1}])
    v = judge_paraphrase(CLAIM, "Paul Durand", [low], rule, model, claim_lang="fr")
    assert v.verdict == "not_found" and model.calls == []


def test_judge_supported_turns_not_found_into_paraphrase_with_the_passage():
    c = cand(0.5)
    rule = decide(CLAIM, "Paul Durand", [c], claim_lang="fr")
    v = judge_paraphrase(CLAIM, "Paul Durand", [c], rule, FakeChatModel([{"supported": True, "passage": 1}]), claim_lang="fr")
    assert v.verdict == "paraphrase" and v.source.text == PASSAGE


def test_judge_never_changes_a_wording_verdict():
    c = cand(0.9)
    for claim, speaker, verdict in [(QUOTE_TEXT, "Paul Durand", "verbatim"),
                                    ("Nous allons investir dans nos usines l'an prochain", "Paul Durand", "altered"),
                                    (QUOTE_TEXT, "Marie Roux", "misattributed")]:
        rule = decide(claim, speaker, [c], claim_lang="fr")
        assert rule.verdict == verdict
        model = FakeChatModel([{"supported": True, "passage": 1}])
        assert judge_paraphrase(claim, speaker, [c], rule, model).verdict == verdict and model.calls == []


def test_judge_is_not_shown_a_passage_with_a_changed_number():
    c = cand(0.6, text="Nous allons investir 3 millions dans nos usines",
             passage="« Nous allons investir 3 millions dans nos usines », a déclaré Paul Durand.")
    claim = "Paul Durand veut investir 5 millions dans ses sites"
    rule = decide(claim, "Paul Durand", [c], claim_lang="fr")
    model = FakeChatModel([{"supported": True, "passage": 1}])
    assert judge_paraphrase(claim, "Paul Durand", [c], rule, model, claim_lang="fr").verdict == "not_found"
    assert model.calls == []


def test_closest_statements_are_the_claimed_speakers_best_first_up_to_three():
    cands = [cand(0.2 + n / 10, text=f"Phrase numéro {n} de Paul", passage=f"« Phrase numéro {n} de Paul », a dit Paul Durand.")
             for n in range(4)] + [cand(0.95, speaker="Marie Roux")]
    got = closest_statements("Paul Durand", cands)
    assert [m.text for m in got] == ["Phrase numéro 3 de Paul", "Phrase numéro 2 de Paul", "Phrase numéro 1 de Paul"]
    assert [m.similarity for m in got] == [0.5, 0.4, 0.3] and {m.speaker for m in got} == {"Paul Durand"}
