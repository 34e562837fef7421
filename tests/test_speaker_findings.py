"""Words and speaker are two findings: who said it is confirmed, someone else, unknown, or not claimed.

Pure rules tests build candidate quotations from short texts written for the test (FR and EN); the
last tests run the real pipeline (extraction, Chroma in a temp folder) through the CLI.
"""

import json
from pathlib import Path

import pytest

from ingest_helpers import hash_indexed

from assistant.verification import speakers
from assistant.verification.rules import Candidate, decide
from assistant.verification.speakers import match_name
from retrieval.types import Quote, Verification

DATA = Path(__file__).parent / "data" / "speakers"

COUNCIL = (
    "HARBOR CITY — The council postponed the vote on Tuesday.\n"
    "\"If the traffic study is not ready, there will be no vote,\" said council president Maria Lopez.\n"
    "\"These towers would block the view,\" said Councilman David Okafor.\n"
    "\"We will appeal,\" said Maria Dupont, a resident."
)
WILD = (
    "Coach Bruce Boudreau was asked about the injury.\n"
    "\"I haven't talked to the trainers at all,\" Boudreau said.\n"
    "\"It was a good game for us,\" said Ryan Suter."
)
PRAGUE = (
    "Le ministre Jan Hamáček a réagi lundi.\n"
    "« Les règles sont valables pour tout le monde », a déclaré Jan Hamáček.\n"
    "« Je n'ai enfreint aucune règle », a répondu Roman Prymula."
)


def cand(article: str, text: str, speaker: str | None, confidence: float = 0.9, kind: str = "direct",
         speakers_of_article: tuple[str, ...] = (), dense: float | None = None, lang: str = "en",
         plausible: list[str] | None = None) -> Candidate:
    start = article.index(text)
    line_start = article.rfind("\n", 0, start) + 1
    line_end = article.find("\n", start)
    line_end = len(article) if line_end < 0 else line_end
    quote = Quote(text=text, start=start, end=start + len(text), speaker=speaker, confidence=confidence, kind=kind,
                  source="a.txt", title="A", article_id="a", speaker_candidates=plausible)
    return Candidate(quote=quote, passage=article[line_start:line_end], passage_start=line_start, dense=dense,
                     lang=lang, article_speakers=speakers_of_article, article_text=article)


COUNCIL_SPEAKERS = ("Maria Lopez", "David Okafor", "Maria Dupont")
TRAFFIC = cand(COUNCIL, "If the traffic study is not ready, there will be no vote", "Maria Lopez",
               speakers_of_article=COUNCIL_SPEAKERS)
TOWERS = cand(COUNCIL, "These towers would block the view", "David Okafor", speakers_of_article=COUNCIL_SPEAKERS)
APPEAL = cand(COUNCIL, "We will appeal", "Maria Dupont", speakers_of_article=COUNCIL_SPEAKERS)
TRAINERS = cand(WILD, "I haven't talked to the trainers at all", "Bruce Boudreau",
                speakers_of_article=("Bruce Boudreau", "Ryan Suter"))
RULES = cand(PRAGUE, "Les règles sont valables pour tout le monde", "Jan Hamáček", lang="fr",
             speakers_of_article=("Jan Hamáček", "Roman Prymula"))


def test_exact_name_is_confirmed_with_an_exact_match():
    v = decide("I haven't talked to the trainers at all", "Bruce Boudreau", [TRAINERS])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "confirmed", "exact")
    assert v.source_speaker == "Bruce Boudreau" and not v.speaker_guess and v.other_speakers == []


def test_misspelt_speaker_is_verbatim_with_a_fuzzy_match_and_a_did_you_mean():
    v = decide("I haven't talked to the trainers at all", "Bruce Boudrau", [TRAINERS])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "confirmed", "fuzzy")
    assert "did you mean Bruce Boudreau" in v.explanation


def test_misspelt_or_partial_speaker_is_never_misattributed():
    for claimed in ("Bruce Boudrau", "Boudrau", "Boudreau", "Coach Boudreau", "Bruce", "Brcue Boudreau"):
        v = decide("I haven't talked to the trainers at all", claimed, [TRAINERS])
        assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "confirmed", "fuzzy"), claimed
        assert "did you mean Bruce Boudreau" in v.explanation


def test_surname_alone_is_a_fuzzy_match():
    v = decide("I haven't talked to the trainers at all", "Boudreau", [TRAINERS])
    assert v.verdict == "verbatim" and v.speaker_match == "fuzzy" and "surname" in v.explanation


def test_dropped_accents_are_a_fuzzy_match_in_french():
    v = decide("Les règles sont valables pour tout le monde", "Jan Hamacek", [RULES])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "confirmed", "fuzzy")
    assert "did you mean Jan Hamáček" in v.explanation


def test_first_name_alone_confirms_when_one_speaker_of_the_article_has_it():
    v = decide("These towers would block the view", "David", [TOWERS])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "confirmed", "fuzzy")
    assert "first name" in v.explanation and "did you mean David Okafor" in v.explanation


def test_first_name_shared_by_two_speakers_of_the_article_is_not_confirmed():
    v = decide("If the traffic study is not ready, there will be no vote", "Maria", [TRAFFIC])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("unattributed", "unknown", "fuzzy")
    assert v.source_speaker == "Maria Lopez" and "Maria Dupont" in v.explanation
    assert v.source is not None and v.passage is not None and "Maria Lopez" in v.passage.text


def test_first_name_alone_confirms_when_the_other_namesake_is_elsewhere():
    alone = cand(COUNCIL, "If the traffic study is not ready, there will be no vote", "Maria Lopez",
                 speakers_of_article=("Maria Lopez", "David Okafor"))
    v = decide("If the traffic study is not ready, there will be no vote", "Maria", [alone])
    assert v.verdict == "verbatim" and v.speaker_match == "fuzzy"


def test_role_the_article_gives_the_speaker_is_a_fuzzy_match():
    v = decide("If the traffic study is not ready, there will be no vote", "council president", [TRAFFIC])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "confirmed", "fuzzy")
    assert "did you mean Maria Lopez" in v.explanation


def test_role_the_source_gives_nobody_is_not_an_accusation():
    v = decide("If the traffic study is not ready, there will be no vote", "the mayor", [TRAFFIC])
    assert (v.verdict, v.speaker_status) == ("unattributed", "unknown")
    assert "does not say whether Maria Lopez is 'the mayor'" in v.explanation


def test_claimed_name_of_another_speaker_of_the_article_is_not_fuzzily_matched():
    text = "« Nous verrons », a dit Paul Renard.\n« Rien n'est décidé », a dit Paul Renaud."
    both = ("Paul Renard", "Paul Renaud")
    renard = cand(text, "Nous verrons", "Paul Renard", speakers_of_article=both, lang="fr")
    v = decide("Nous verrons", "Paul Renaud", [renard])
    assert v.verdict == "misattributed" and v.speaker_status == "other" and v.other_speakers == ["Paul Renard"]


def test_right_words_wrong_speaker_is_misattributed_with_status_other():
    v = decide("I haven't talked to the trainers at all", "Ryan Suter", [TRAINERS])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("misattributed", "other", None)
    assert v.source_speaker == "Bruce Boudreau" and v.other_speakers == ["Bruce Boudreau"]


def test_misattributed_lists_every_speaker_who_said_the_words():
    text = ("\"We will not back down,\" said Anna Berg.\n\"We will not back down,\" said Tom Field.\n"
            "\"We will not back down,\" Mr. Field repeated.\n\"We will not back down,\" said Lena Moss.")
    said = [cand(text, "We will not back down", s) for s in ("Anna Berg", "Tom Field", "Field", "Lena Moss")]
    v = decide("We will not back down", "Maria Lopez", said)
    assert v.verdict == "misattributed" and v.speaker_status == "other"
    assert sorted(v.other_speakers) == ["Anna Berg", "Lena Moss", "Tom Field"]  # "Field" is Tom Field
    assert all(name in v.explanation for name in v.other_speakers)


def test_words_said_by_several_are_confirmed_for_one_and_list_the_others():
    text = "« On ne lâchera rien », a dit Julie Carré.\n« On ne lâchera rien », a dit Karim Benali."
    carre, benali = cand(text, "On ne lâchera rien", "Julie Carré", lang="fr"), cand(text, "On ne lâchera rien",
                                                                                     "Karim Benali", lang="fr")
    v = decide("On ne lâchera rien", "Julie Carré", [benali, carre])
    assert v.verdict == "verbatim" and v.source_speaker == "Julie Carré" and v.other_speakers == ["Karim Benali"]


def test_exact_words_with_an_unknown_speaker_are_unattributed_with_their_passage_en():
    text = "The session ended at midnight.\n\"Nothing is decided yet.\"\nThe council will meet again in May."
    anon = cand(text, "Nothing is decided yet.", None, confidence=0.5)
    v = decide("Nothing is decided yet.", "Helen Cho", [anon])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("unattributed", "unknown", None)
    assert v.source is not None and v.source.text.startswith("Nothing is decided yet")
    assert v.passage is not None and text[v.passage.start : v.passage.end] == v.passage.text
    assert "does not identify" in v.explanation


def test_exact_words_with_an_unknown_speaker_are_unattributed_with_their_passage_fr():
    text = "Le budget a été adopté.\n« Rien n'est encore décidé. »\nLa séance a été levée."
    anon = cand(text, "Rien n'est encore décidé.", None, confidence=0.5, lang="fr")
    v = decide("Rien n'est encore décidé", "Karim Benali", [anon])
    assert v.verdict == "unattributed" and v.source is not None and v.passage is not None


def test_altered_words_with_an_unknown_speaker_are_unattributed_with_the_diff():
    text = "Le budget a été adopté.\n« La rénovation coûterait 14 millions d'euros. »"
    anon = cand(text, "La rénovation coûterait 14 millions d'euros.", None, confidence=0.5, lang="fr")
    v = decide("La rénovation coûterait 40 millions d'euros", "Sophie Marchand", [anon])
    assert v.verdict == "unattributed" and [(e.source, e.claim) for e in v.diff] == [("14", "40")]


def test_unknown_speaker_words_without_a_claimed_speaker_are_verbatim():
    text = "The session ended.\n\"Nothing is decided yet.\""
    v = decide("Nothing is decided yet", None, [cand(text, "Nothing is decided yet.", None, confidence=0.5)])
    assert (v.verdict, v.speaker_status, v.source_speaker) == ("verbatim", "not_claimed", None)


def test_low_confidence_attribution_is_a_guess_never_a_confirmation():
    guessed = cand(WILD, "I haven't talked to the trainers at all", "Bruce Boudreau", confidence=0.3)
    v = decide("I haven't talked to the trainers at all", "Bruce Boudreau", [guessed])
    assert (v.verdict, v.speaker_status) == ("unattributed", "unknown")
    assert v.source_speaker == "Bruce Boudreau" and v.speaker_guess and v.speaker_confidence == 0.3
    assert "guess" in v.explanation


def test_low_confidence_attribution_to_someone_else_is_not_an_accusation():
    guessed = cand(WILD, "I haven't talked to the trainers at all", "Ryan Suter", confidence=0.3)
    v = decide("I haven't talked to the trainers at all", "Bruce Boudreau", [guessed])
    assert v.verdict == "unattributed" and v.speaker_guess and v.other_speakers == []


def test_a_guessed_quote_in_an_article_that_never_names_the_claimed_speaker_is_misattributed():
    # the words are in an article about other people: whoever said them, the claimed speaker did not
    guessed = cand(WILD, "I haven't talked to the trainers at all", "Ryan Suter", confidence=0.3,
                   speakers_of_article=("Bruce Boudreau", "Ryan Suter"))
    v = decide("I haven't talked to the trainers at all", "Maria Lopez", [guessed])
    assert (v.verdict, v.speaker_status) == ("misattributed", "other")
    assert v.speaker_guess and v.other_speakers == [] and "never names Maria Lopez" in v.explanation
    # a misspelt name of someone the article quotes is no accusation, nor a name the article holds
    for claimed in ("Bruce Boudrau", "Boudrau", "Ryan Sutter"):
        assert decide("I haven't talked to the trainers at all", claimed, [guessed]).verdict == "unattributed", claimed


def test_a_likely_guess_for_words_the_claimed_speaker_is_not_plausible_for_is_misattributed():
    # the extractor hesitates over who said it, but the claimed speaker is none of the speakers it weighed
    # and the passage does not mention them: whoever said the words, the claimed speaker did not
    game = "It was a good game for us"
    guessed = cand(WILD, game, "Ryan Suter", confidence=0.6, plausible=["Ryan Suter"],
                   speakers_of_article=("Bruce Boudreau", "Ryan Suter"))
    v = decide(game, "Bruce Boudreau", [guessed])
    assert (v.verdict, v.speaker_status) == ("misattributed", "other")
    assert v.source_speaker == "Ryan Suter" and v.speaker_guess and v.other_speakers == []
    assert "not Bruce Boudreau's in the source" in v.explanation and "guess" in v.explanation


@pytest.mark.parametrize("confidence, plausible, quote, claimed", [
    (0.6, ["Ryan Suter", "Bruce Boudreau"], "It was a good game for us", "Bruce Boudreau"),  # weighed: may be
    (0.6, ["Ryan Suter", "Coach Boudreau"], "It was a good game for us", "Bruce Boudreau"),  # a name word shared
    (0.6, ["Ryan Suter", "the coach"], "It was a good game for us", "Bruce Boudreau"),  # a description may be anyone
    (0.6, None, "It was a good game for us", "Bruce Boudreau"),  # not recorded (a store indexed before)
    (0.4, ["Ryan Suter"], "It was a good game for us", "Bruce Boudreau"),  # a guess less likely right than not
    (0.6, ["Ryan Suter"], "I haven't talked to the trainers at all", "Bruce Boudreau"),  # the passage names him
])
def test_a_guess_is_no_accusation_when_the_claimed_speaker_may_be_the_one(confidence, plausible, quote, claimed):
    guessed = cand(WILD, quote, "Ryan Suter", confidence=confidence, plausible=plausible,
                   speakers_of_article=("Bruce Boudreau", "Ryan Suter"))
    v = decide(quote, claimed, [guessed])
    assert (v.verdict, v.speaker_status) == ("unattributed", "unknown") and v.speaker_guess


def test_the_very_words_said_by_someone_else_outweigh_close_words_of_the_claimed_speaker():
    text = ("\"We will win this,\" said Anna Berg.\n"
            "\"We will not win this,\" said Tom Hale.")
    both = ("Anna Berg", "Tom Hale")
    v = decide("We will not win this", "Anna Berg",
               [cand(text, "We will win this", "Anna Berg", speakers_of_article=both),
                cand(text, "We will not win this", "Tom Hale", speakers_of_article=both)])
    assert (v.verdict, v.speaker_status, v.source_speaker) == ("misattributed", "other", "Tom Hale")
    assert v.other_speakers == ["Tom Hale"]


def test_confirmation_needs_the_one_named_confidence_threshold(monkeypatch):
    at = cand(WILD, "I haven't talked to the trainers at all", "Bruce Boudreau",
              confidence=speakers.CONFIRM_MIN_CONFIDENCE)
    assert decide("I haven't talked to the trainers at all", "Boudreau", [at]).verdict == "verbatim"
    monkeypatch.setattr(speakers, "CONFIRM_MIN_CONFIDENCE", at.quote.confidence + 0.1)
    assert decide("I haven't talked to the trainers at all", "Boudreau", [at]).verdict == "unattributed"


def test_no_claimed_speaker_reports_not_claimed_and_marks_a_guess():
    guessed = cand(WILD, "I haven't talked to the trainers at all", "Bruce Boudreau", confidence=0.3)
    v = decide("I haven't talked to the trainers at all", None, [guessed])
    assert (v.verdict, v.speaker_status, v.speaker_match) == ("verbatim", "not_claimed", None)
    assert v.source_speaker == "Bruce Boudreau" and v.speaker_guess


def test_a_title_in_quotation_marks_with_a_claimed_speaker_is_unattributed():
    text = "Brad Pitt won for his role in \"Once Upon a Time in Hollywood,\" the Quentin Tarantino film."
    title = cand(text, "Once Upon a Time in Hollywood", None, confidence=0.2, kind="term")
    v = decide("Once Upon a Time in Hollywood", "Brad Pitt", [title])
    assert v.verdict == "unattributed" and "title or a term" in v.explanation


def test_not_found_still_says_the_speaker_is_unknown():
    v = decide("Nous construirons une nouvelle piscine d'ici 2027", "Sophie Marchand", [RULES])
    assert v.verdict == "not_found" and v.speaker_status == "unknown" and v.source is None
    assert decide("Nous construirons une nouvelle piscine", None, [RULES]).speaker_status == "not_claimed"


def test_every_verification_with_a_claimed_speaker_has_a_speaker_status():
    assert Verification(verdict="verbatim", claim="x", claimed_speaker="A").speaker_status == "unknown"
    assert Verification(verdict="verbatim", claim="x").speaker_status == "not_claimed"


@pytest.mark.parametrize("claimed, stored, kind", [
    ("Jensen Huang", "Jensen Huang", "exact"),
    ("M. Jensen Huang", "Jensen Huang", "exact"),
    ("Huang", "Jensen Huang", "fuzzy"),
    ("J. Huang", "Jensen Huang", "fuzzy"),
    ("Bruce Boudrau", "Bruce Boudreau", "fuzzy"),
    ("Élisabeth Borne", "Elisabeth Borne", "fuzzy"),
    ("Maria", "Maria Lopez", "fuzzy"),
    ("Marc Durand", "Paul Durand", None),
    ("Mary Lee", "Mary Lea", None),
    ("Ryan Suter", "Bruce Boudreau", None),
    ("Sophie Marchand", "Paul Renaud", None),
    ("Donald Trump Jr.", "Donald Trump", None),
    ("IDF", "Israel Defense Forces", "fuzzy"),
    ("Israel Defense Forces", "IDF", "fuzzy"),
    ("FBI", "Federal Bureau of Investigation", "fuzzy"),
    ("OMS", "Organisation mondiale de la santé", "fuzzy"),
    ("IRA", "Israel Defense Forces", None),
])
def test_claimed_names_match_stored_names_exactly_fuzzily_or_not(claimed, stored, kind):
    assert match_name(claimed, stored).kind == kind


# ---------------------------------------------------------------- the real pipeline, through the CLI


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """tests/data/speakers indexed with quote extraction (local Chroma, the hash embedder)."""
    with hash_indexed(tmp_path_factory.mktemp("speakers-store"), DATA) as path:
        yield path


def verify(store, capsys, claim: str, speaker: str | None) -> tuple[int, dict]:
    from assistant.cli import main

    argv = ["--store", str(store), "verify", claim, "--json"] + (["--speaker", speaker] if speaker else [])
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_verify_exits_0_on_verbatim_and_3_on_any_other_verdict(store, capsys):
    code, v = verify(store, capsys, "We will not back down", "Anna Berg")
    assert (code, v["verdict"], v["speaker_status"]) == (0, "verbatim", "confirmed")
    code, v = verify(store, capsys, "We will never back down", "Anna Berg")
    assert code == 3 and v["verdict"] != "verbatim"


def test_verify_batch_exits_3_when_one_line_is_not_verbatim(store, capsys, tmp_path):
    from assistant.cli import main

    batch = tmp_path / "claims.jsonl"
    batch.write_text(json.dumps({"claim": "We will not back down", "speaker": "Anna Berg"}) + "\n"
                     + json.dumps({"claim": "banana", "speaker": None}) + "\n", encoding="utf-8")
    assert main(["--store", str(store), "verify", "--batch", str(batch), "--json"]) == 3
    verdicts = [json.loads(line)["verdict"] for line in capsys.readouterr().out.splitlines()]
    assert verdicts == ["verbatim", "not_found"]


def test_misattributed_through_the_cli_lists_every_speaker(store, capsys):
    code, v = verify(store, capsys, "We will not back down", "Maria Lopez")
    assert code == 3 and v["verdict"] == "misattributed" and v["speaker_status"] == "other"
    assert sorted(v["other_speakers"]) == ["Anna Berg", "Lena Moss", "Tom Field"]


def test_unknown_speaker_words_through_the_cli_come_with_their_passage(store, capsys):
    code, v = verify(store, capsys, "Rien n'est encore décidé", "Karim Benali")
    assert code == 3 and v["verdict"] == "unattributed" and v["speaker_status"] == "unknown"
    text = (DATA / "fr_seance_anonyme.txt").read_text(encoding="utf-8")
    assert text[v["source"]["start"] : v["source"]["end"]] == v["source"]["text"]
    assert v["passage"] and "Rien n'est encore décidé" in v["passage"]["text"]


def test_misspelt_speaker_through_the_cli_is_a_fuzzy_verbatim(store, capsys):
    code, v = verify(store, capsys, "We will not back down", "Tom Feild")
    assert (code, v["verdict"], v["speaker_status"], v["speaker_match"]) == (0, "verbatim", "confirmed", "fuzzy")
    assert "did you mean Tom Field" in v["explanation"]


def test_stored_quotes_keep_the_speakers_the_extractor_weighed(store):
    # what `verify` reads to say a guessed attribution is someone else's survives the store (local Chroma)
    from retrieval.embeddings import HashEmbedder
    from retrieval.index import Index
    from retrieval.settings import Settings

    ix = Index.open(Settings(_env_file=None, quotecheck_store=store), embedder=HashEmbedder())
    attributed = [q for q in ix.quotes() if q.speaker and q.kind != "term"]
    assert attributed
    for q in attributed:
        assert q.speaker_candidates and q.speaker_candidates[0] == q.speaker, (q.text, q.speaker_candidates)
