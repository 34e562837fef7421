from assistant.verification.rules import Candidate, decide
from retrieval.types import Quote

ARTICLE = (
    "Acme a publié un communiqué. "
    "\"Acme a livré 40 000 robots cette année et espère en livrer davantage bientôt\", a déclaré la société.\n"
    "Son patron Paul Durand s'est montré confiant. "
    "\"Nos ingénieurs sont très talentueux (français, ndlr) et très motivés\", a affirmé M. Durand.\n"
    "Il avait qualifié d'\"erreur\" la taxe sur les robots.\n"
    "\"We are proud of our engineers and we will never stop investing\", said Mary Lee, the minister."
)


def cand(text: str, speaker: str | None, kind: str = "direct", dense: float | None = None, lang: str = "fr"):
    start = ARTICLE.index(text)
    line_start = ARTICLE.rfind("\n", 0, start) + 1
    line_end = ARTICLE.find("\n", start)
    line_end = len(ARTICLE) if line_end < 0 else line_end
    quote = Quote(text=text, start=start, end=start + len(text), speaker=speaker, kind=kind, source="a.txt", title="A",
                  confidence=0.95 if speaker else 0.5)
    return Candidate(quote=quote, passage=ARTICLE[line_start:line_end], passage_start=line_start, dense=dense,
                     lang=lang)


ACME = cand("Acme a livré 40 000 robots cette année et espère en livrer davantage bientôt", "Acme")
DURAND = cand("Nos ingénieurs sont très talentueux (français, ndlr) et très motivés", "Paul Durand")
ERREUR = cand("erreur", "Paul Durand", kind="partial", dense=0.6)
LEE = cand("We are proud of our engineers and we will never stop investing", "Mary Lee", lang="en")
ALL = [ACME, DURAND, ERREUR, LEE]


def check_citation(v):
    assert v.source is not None and ARTICLE[v.source.start : v.source.end] == v.source.text


def test_excerpt_by_the_claimed_speaker_is_verbatim():
    v = decide("Acme a livré 40 000 robots cette année", "la société Acme", ALL)
    assert v.verdict == "verbatim" and v.similarity == 1.0 and v.diff == []
    check_citation(v)
    assert v.source.text == "Acme a livré 40 000 robots cette année"


def test_ndlr_insertion_is_not_an_alteration():
    v = decide("Nos ingénieurs sont très talentueux et très motivés", "Durand", ALL)
    assert v.verdict == "verbatim"
    check_citation(v)


def test_curly_and_straight_apostrophes_are_verbatim():
    v = decide("Acme a livré 40 000 robots", "Acme", [cand("Acme a livré 40 000 robots cette année et espère en livrer davantage bientôt", "Acme")])
    assert v.verdict == "verbatim"
    w = decide("we will never stop investing", "Mary Lee", [LEE])
    assert w.verdict == "verbatim"
    apostrophes = "L'État doit agir", "l’État doit agir"
    assert decide(apostrophes[1], "Paul Durand", [_standalone(apostrophes[0], "Paul Durand")]).verdict == "verbatim"


def _standalone(text: str, speaker: str, kind: str = "direct") -> Candidate:
    return Candidate(quote=Quote(text=text, start=0, end=len(text), speaker=speaker, kind=kind, source="b.txt",
                                 confidence=0.95 if speaker else 0.5))


def test_guillemets_vs_straight_quotes_are_verbatim():
    v = decide("« Nos ingénieurs sont très talentueux »", "M. Durand", ALL)
    assert v.verdict == "verbatim"


def test_number_written_with_narrow_space_is_verbatim():
    assert decide("Acme a livré 40\u202f000 robots", "Acme", ALL).verdict == "verbatim"


def test_ellipsis_join_in_order_is_verbatim():
    v = decide("Acme a livré 40 000 robots […] et espère en livrer davantage", "Acme", ALL)
    assert v.verdict == "verbatim"
    check_citation(v)


def test_ellipsis_join_out_of_order_is_not_verbatim():
    v = decide("espère en livrer davantage bientôt… Acme a livré 40 000 robots", "Acme", ALL)
    assert v.verdict != "verbatim"


def test_negation_is_altered_with_diff():
    v = decide("Nos ingénieurs ne sont pas très talentueux", "Paul Durand", ALL)
    assert v.verdict == "altered"
    assert {(e.op, e.claim) for e in v.diff} == {("insert", "ne"), ("insert", "pas")}
    assert 0 < v.similarity < 1
    check_citation(v)


def test_changed_number_is_altered():
    v = decide("Acme a livré 50 000 robots cette année", "Acme", ALL)
    assert v.verdict == "altered"
    assert [(e.op, e.source, e.claim) for e in v.diff] == [("replace", "40 000", "50 000")]


def test_english_antonym_is_altered():
    v = decide("We are ashamed of our engineers", "Lee", ALL, claim_lang="en")
    assert v.verdict == "altered" and v.diff[0].source == "proud"


def test_changed_ending_is_altered():
    v = decide("et espère en livrer davantage dès la semaine prochaine", "Acme", ALL)
    assert v.verdict == "altered"


def test_words_added_past_the_end_of_a_full_quote_are_altered():
    v = decide("We will never stop investing in Ohio and Texas", "Mary Lee", ALL, claim_lang="en")
    assert v.verdict == "altered" and v.diff[-1].op == "insert"


def test_right_words_wrong_speaker_is_misattributed():
    v = decide("Nos ingénieurs sont très talentueux", "Mary Lee", ALL)
    assert v.verdict == "misattributed" and v.source_speaker == "Paul Durand"


def test_company_and_ceo_are_different_speakers():
    v = decide("Acme a livré 40 000 robots cette année", "Paul Durand", ALL)
    assert v.verdict == "misattributed" and v.source_speaker == "Acme"


def test_same_speaker_candidate_is_preferred():
    twin = _standalone("Acme a livré 40 000 robots cette année", "Paul Durand")
    v = decide("Acme a livré 40 000 robots cette année", "Durand", [ACME, twin])
    assert v.verdict == "verbatim" and v.source_speaker == "Paul Durand"


def test_no_claimed_speaker_reports_the_source_speaker():
    v = decide("espère en livrer davantage bientôt", None, ALL)
    assert v.verdict == "verbatim" and v.source_speaker == "Acme" and v.claimed_speaker is None


def test_partial_quote_inside_writer_sentence_is_paraphrase():
    v = decide("La taxe sur les robots est une erreur", "Paul Durand", ALL)
    assert v.verdict == "paraphrase"
    check_citation(v)


def test_translation_is_paraphrase_and_marked_translated():
    lee = cand("We are proud of our engineers and we will never stop investing", "Mary Lee", dense=0.7, lang="en")
    v = decide("Nous sommes fiers de nos ingénieurs", "Mary Lee", [lee], claim_lang="fr")
    assert v.verdict == "paraphrase" and v.translated


def test_contradicting_paraphrase_is_not_a_paraphrase():
    lee = cand("We are proud of our engineers and we will never stop investing", "Mary Lee", dense=0.7, lang="en")
    v = decide("We will stop investing in engineers", "Mary Lee", [lee], claim_lang="en")
    assert v.verdict not in ("verbatim", "paraphrase")


def test_fabricated_quote_is_not_found():
    v = decide("Nous allons fermer toutes nos usines", "Paul Durand", ALL)
    assert v.verdict == "not_found" and v.source is None


def test_exact_words_with_no_identified_speaker_are_unattributed_with_their_passage():
    passage = "Un habitant a réagi : « Les robots ne remplaceront personne »."
    anon = Candidate(quote=Quote(text="Les robots ne remplaceront personne", start=25, end=60, source="b.txt"),
                     passage=passage, passage_start=0)
    v = decide("Les robots ne remplaceront personne", "Paul Durand", [anon])
    assert v.verdict == "unattributed" and v.speaker_status == "unknown"
    assert v.source is not None and v.source.text == "Les robots ne remplaceront personne"
    assert v.passage is not None and v.passage.text == passage
    assert v.source_speaker is None and v.other_speakers == []


def test_a_passage_naming_the_claimed_speaker_is_said_but_does_not_confirm():
    anon = _standalone("Les robots ne remplaceront personne", None)
    claim = "Les robots ne remplaceront personne"

    def check(passage: str):
        return decide(claim, "Paul Durand", [Candidate(quote=anon.quote, passage=passage)])

    for passage in ("M. Durand a réagi : « Les robots ne remplaceront personne ».",
                    "Le ministre Durand a réagi : « Les robots ne remplaceront personne ».",
                    "Selon Paul Durand, « Les robots ne remplaceront personne »."):
        v = check(passage)
        assert v.verdict == "unattributed" and v.speaker_status == "unknown"
        assert "mentions Paul Durand" in v.explanation
    namesake = check("Son frère Marc Durand a réagi : « Les robots ne remplaceront personne ».")
    assert namesake.verdict == "unattributed" and "mentions" not in namesake.explanation


def test_a_title_in_quotation_marks_is_nobodys_statement():
    text = "Once Upon a Time in Hollywood"
    passage = f"Brad Pitt won for his role in “{text},” the Quentin Tarantino film."
    title = Candidate(quote=Quote(text=text, start=0, end=len(text), speaker=None, kind="term", source="s.txt",
                                  title="S"), passage=passage)
    assert decide(text, "Brad Pitt", [title]).verdict != "verbatim"
    assert decide(text, None, [title]).verdict == "verbatim"  # the words are there; nobody claimed to say them


def test_no_candidates_is_not_found():
    assert decide("Anything at all", "Someone", []).verdict == "not_found"


def test_speaker_aliases_match_titles_articles_and_surnames():
    from retrieval.names import same_speaker, speaker_key

    assert same_speaker("Huang", "Jensen Huang") and same_speaker("M. Huang", "Jensen Huang")
    assert same_speaker("Nvidia", "la société Nvidia") and same_speaker("Coach Boudreau", "Bruce Boudreau")
    assert same_speaker("Mme Élisabeth Borne", "elisabeth borne")
    assert same_speaker("Commerce Department", "US Department of Commerce")
    assert speaker_key("M. Huang") == speaker_key("Jensen Huang") == "huang"


def test_different_people_and_bare_first_names_do_not_match():
    from retrieval.names import same_speaker

    assert not same_speaker("Nvidia", "Jensen Huang")
    assert not same_speaker("le PDG de Nvidia", "Nvidia")
    assert not same_speaker("Donald Trump", "Jensen Huang")
    assert not same_speaker("Jensen", "Jensen Huang")
    assert not same_speaker("Donald Trump Jr.", "Donald Trump")
    assert not same_speaker(None, "Jensen Huang")


def test_names_that_match_always_share_a_blocking_key():
    # The store compares a claimed speaker only with stored names sharing a key: a pair that
    # matches without one would be silently missed.
    from itertools import product

    from retrieval.names import name_blocks, same_speaker

    names = ["Huang", "Jensen Huang", "M. Huang", "J. Huang", "Nvidia", "la société Nvidia", "Coach Boudreau",
             "Bruce Boudreau", "Mme Élisabeth Borne", "elisabeth borne", "Commerce Department",
             "US Department of Commerce", "le PDG de Nvidia", "le PDG de Nvidia", "Nvidia CEO Jensen Huang",
             "Donald Trump Jr.", "Donald Trump", "Jensen", "the White House", "White House spokeswoman"]
    matching = [(a, b) for a, b in product(names, names) if same_speaker(a, b)]
    assert len(matching) > len(names)  # the list does contain aliases
    for a, b in matching:
        assert name_blocks(a) & name_blocks(b), (a, b)
    assert not name_blocks(None) and not name_blocks("")


# --- Claims too short to carry a statement (one or two content words) ---------------------------

SHORT_ARTICLE = (
    "Le maire a parlé d'un « scandale » lors du conseil.\n"
    "\"C'est inadmissible, et nous irons jusqu'au bout\", a déclaré Paul Durand.\n"
    "\"C'est un budget responsable\", a estimé Marie Roux.\n"
    "\"Trump has changed the rules for every exporter\", said Mary Lee.\n"
    "\"I like banana bread\", said the baker."
)


def short_cand(text: str, speaker: str | None, kind: str = "direct", lang: str = "fr", dense: float = 0.9):
    start = SHORT_ARTICLE.index(text)
    line_start = SHORT_ARTICLE.rfind("\n", 0, start) + 1
    line_end = SHORT_ARTICLE.find("\n", start)
    line_end = len(SHORT_ARTICLE) if line_end < 0 else line_end
    quote = Quote(text=text, start=start, end=start + len(text), speaker=speaker, kind=kind, source="s.txt",
                  confidence=0.9 if speaker else 0.5)
    return Candidate(quote=quote, passage=SHORT_ARTICLE[line_start:line_end], passage_start=line_start,
                     dense=dense, lang=lang)


SCANDALE = short_cand("scandale", None, kind="term")
INADMISSIBLE = short_cand("C'est inadmissible, et nous irons jusqu'au bout", "Paul Durand")
BUDGET = short_cand("C'est un budget responsable", "Marie Roux")
TRUMP = short_cand("Trump has changed the rules for every exporter", "Mary Lee", lang="en")
BANANA = short_cand("I like banana bread", None, lang="en")
SHORT_ALL = [SCANDALE, INADMISSIBLE, BUDGET, TRUMP, BANANA]


def test_one_word_claims_are_never_paraphrase_or_translated():
    # Every candidate has a high cosine, in both languages: a short claim still gets no paraphrase.
    for claim, speaker, lang in [("banana", "Mary Lee", "en"), ("Trump", "Jensen Huang", "en"),
                                 ("scandale", "Roman Prymula", "fr"), ("c'est inadmissible", "Marie Roux", "fr"),
                                 ("banane", None, "fr"), ("outrageous", "Paul Durand", "en")]:
        v = decide(claim, speaker, SHORT_ALL, claim_lang=lang)
        assert v.verdict not in ("paraphrase", "altered", "verbatim"), (claim, v.verdict)
        assert not v.translated, claim


def test_one_word_claim_inside_a_quotation_by_the_speaker_is_verbatim():
    v = decide("Trump", "Mary Lee", SHORT_ALL, claim_lang="en")
    assert (v.verdict, v.speaker_status, v.translated) == ("verbatim", "confirmed", False)
    assert v.source.text == "Trump"


def test_short_claim_by_someone_else_is_misattributed():
    v = decide("c'est inadmissible", "Marie Roux", SHORT_ALL, claim_lang="fr")
    assert v.verdict == "misattributed" and v.other_speakers == ["Paul Durand"]


def test_short_claim_in_scare_quotes_is_unattributed_with_its_passage():
    v = decide("scandale", "Roman Prymula", SHORT_ALL, claim_lang="fr")
    assert v.verdict == "unattributed" and v.passage is not None and "« scandale »" in v.passage.text


def test_short_claim_matched_on_its_stop_words_alone_is_not_altered():
    v = decide("c'est intolérable", "Marie Roux", [BUDGET, INADMISSIBLE], claim_lang="fr")
    assert v.verdict == "not_found" and v.source is None


def test_short_claim_with_a_changed_word_beside_a_kept_content_word_can_be_altered():
    v = decide("I like banana cake", None, [BANANA], claim_lang="en")
    assert v.verdict == "altered" and [(e.source, e.claim) for e in v.diff] == [("bread", "cake")]


def test_a_negated_statement_with_two_content_words_can_still_be_a_translation():
    quote = Quote(text="Je n'ai pas l'intention de démissionner", start=0, end=39, speaker="Roman Prymula",
                  confidence=0.9, source="p.txt")
    c = Candidate(quote=quote, passage="« Je n'ai pas l'intention de démissionner », a dit Roman Prymula.",
                  passage_start=0, dense=0.7, lang="fr")
    v = decide("I have no intention of resigning", "Roman Prymula", [c], claim_lang="en")
    assert v.verdict == "paraphrase" and v.translated and v.diff == []
