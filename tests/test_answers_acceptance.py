"""The "Answers" cases of the acceptance notes, each a test: real Chroma in a temp dir, the real
embedder, short texts written for them."""

from __future__ import annotations

import pytest

from assistant.answers import answer_question
from retrieval.index import Index
from retrieval.passages import sentences
from retrieval.settings import Settings

HARBOR = """Harbor towers plan divides the council

Councilman David Okafor opposed the harbor towers on Tuesday. "These towers would block the view of the bay for everyone who lives on the hill," Okafor said.
The traffic study is expected in March, city officials said. The nominations announced on Feb. 9 were not final.
"""
PISCINE = """La piscine de Villebrune sera rénovée

La rénovation de la piscine Jean-Bouin coûterait 4,2 millions d'euros, selon la mairie. La maire, Claire Fontaine, a promis une réouverture avant l'été.
« Nous rouvrirons la piscine en juin », a-t-elle assuré. M. Girard, adjoint aux sports, s'est félicité du projet.
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "harbor.txt").write_text(HARBOR, encoding="utf-8")
    (folder / "piscine.txt").write_text(PISCINE, encoding="utf-8")
    idx = Index.open(Settings(_env_file=None, quotecheck_store=tmp_path_factory.mktemp("store"),
                              openai_api_key=None, openai_base_url=None))
    idx.add_paths([str(folder)])
    return idx


def exact(index, answer) -> bool:
    return all(index.article_text(c.article_id)[c.start : c.end] == c.text for c in answer.citations)


def test_who_said_names_the_speaker_not_he_said(index):
    answer = answer_question("Who said the towers would block the view?", index)
    assert answer.answerable and "Okafor" in answer.answer and exact(index, answer)


def test_a_sentence_is_never_split_after_feb_or_an_initial():
    text = "The nominations announced on Feb. 9 were not final. M. Huang a parlé le 5 mars. Puis il est parti."
    got = [text[s.start : s.end] for s in sentences(text)]
    assert got == ["The nominations announced on Feb. 9 were not final.", "M. Huang a parlé le 5 mars.",
                   "Puis il est parti."]


def test_a_quotation_keeps_both_its_quotation_marks(index):
    answer = answer_question("What did David Okafor say about the towers?", index)
    assert answer.answerable and "block the view" in answer.answer
    body = answer.answer.split("block the view")[0]
    assert any(mark in body for mark in "\"“«")  # the opening mark is there
    assert any(mark in answer.answer.split("block the view")[1] for mark in "\"”»")


def test_french_question_about_an_english_article(index):
    answer = answer_question("Quand l'étude de circulation est-elle attendue ?", index)
    assert answer.answerable and "March" in answer.answer and exact(index, answer)


def test_english_question_about_a_french_article(index):
    answer = answer_question("How much would the renovation of the Jean-Bouin swimming pool cost?", index)
    assert answer.answerable and "4,2 millions" in answer.answer and exact(index, answer)


def test_what_did_x_say_in_french_names_the_speaker_and_cites(index):
    answer = answer_question("Qu'a promis la maire de Villebrune ?", index)
    assert answer.answerable and "juin" in answer.answer or "été" in answer.answer
    assert answer.citations and exact(index, answer)


def test_follow_up_is_answered_against_the_previous_turn(index):
    first = answer_question("What did David Okafor say about the towers?", index)
    follow = answer_question("What else did he say?", index, history=[("What did David Okafor say about the towers?",
                                                                         first.answer)])
    assert follow.answerable and "Okafor" in follow.answer + " ".join(c.text for c in follow.citations)


def test_on_topic_question_the_sources_do_not_answer_abstains(index):
    answer = answer_question("What is the salary of David Okafor?", index)
    assert not answer.answerable
