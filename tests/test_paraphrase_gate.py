"""The paraphrase gate: negation as a construction, numbers, translations, and the trained model's decisions."""

from assistant.verification.candidate import Candidate
from assistant.verification.paraphrase import (decides_paraphrase, load_weights, paraphrase_features, unit_texts,
                                               supports_paraphrase)
from assistant.verification.polarity import is_negated, numbers, tokens
from assistant.verification.rules import decide
from retrieval.types import Quote


def negated(text: str) -> bool:
    return is_negated(tokens(text))


def test_french_negation_is_a_construction_around_the_verb():
    assert negated("Le médiateur n'a pas servi à grand-chose")
    assert negated("Je ne reviendrai jamais")
    assert negated("Personne n'est venu")
    assert negated("Aucun élève ne vient")
    assert negated("Je ne veux plus jamais ça")  # one negation, not two
    assert negated("C'est pas vrai")  # spoken French drops the "ne"


def test_french_personne_as_a_noun_and_non_are_not_negations():
    assert not negated("Une personne sur dix vivra cette expérience")
    assert not negated("Non, c'est une bonne décision")
    assert not negated("non seulement les soignants, mais aussi les patients")
    assert not negated("Il n'y a que la paix qui compte")  # "ne ... que" restricts
    assert not negated("Il a fait un pas en avant")


def test_english_negation_constructions():
    assert negated("We did not say much")
    assert negated("I don't know")
    assert negated("No one came")
    assert negated("They will never stop")
    assert not negated("not only the workers but the managers")


def test_numbers_are_read_as_digits_or_words():
    assert numbers(tokens("deux millions de personnes, 3,5 %")) == {"2", "million", "3.5"}
    assert numbers(tokens("une trentaine de minutes")) == numbers(tokens("thirty minutes")) == {"30"}


def cand(quote: str, passage: str, cosine: float, lang: str = "fr", speaker: str = "Paul Durand") -> Candidate:
    start = passage.index(quote)
    q = Quote(text=quote, start=start, end=start + len(quote), speaker=speaker, confidence=0.95, source="a.txt")
    return Candidate(quote=q, passage=passage, passage_start=0, lang=lang, dense=cosine, units=((quote, cosine),))


ROBOTS = cand("Nous avons livré 40 000 robots cette année, et nous ne fermerons aucune usine",
              "« Nous avons livré 40 000 robots cette année, et nous ne fermerons aucune usine », a déclaré Paul Durand.",
              0.8)


def test_a_changed_number_is_a_flip_whatever_the_similarity():
    feats = paraphrase_features("Paul Durand dit avoir livré 50 000 robots cette année", list(ROBOTS.units),
                                ROBOTS.passage, cross=False)
    assert feats["num_flip"] == 1.0
    assert decides_paraphrase(feats)[0] is False


def test_polarity_is_read_on_the_clause_that_carries_the_claim():
    # The claim keeps the first clause's words and polarity: the second clause's negation is not a flip.
    feats = paraphrase_features("Paul Durand explique que son groupe a livré 40 000 robots cette année",
                                list(ROBOTS.units), ROBOTS.passage, cross=False)
    assert feats["neg_flip"] == 0.0
    flipped = paraphrase_features("Paul Durand a dit que nous fermerons une usine",
                                  list(ROBOTS.units), ROBOTS.passage, cross=False)
    assert flipped["neg_flip"] == 1.0


def test_translation_with_a_high_cosine_is_a_paraphrase_marked_translated():
    c = cand("Nous sommes fiers de nos ingénieurs", "« Nous sommes fiers de nos ingénieurs », a dit Paul Durand.", 0.8)
    v = decide("Paul Durand said he is proud of his engineers", "Paul Durand", [c], claim_lang="en")
    assert v.verdict == "paraphrase" and v.translated and v.diff == []


def test_negated_translation_is_not_a_paraphrase():
    c = cand("Nous sommes fiers de nos ingénieurs", "« Nous sommes fiers de nos ingénieurs », a dit Paul Durand.", 0.8)
    assert not supports_paraphrase("Paul Durand said he is not proud of his engineers", c, cross=True)


def test_low_cosine_on_topic_claim_is_not_a_paraphrase():
    c = cand("Nous sommes fiers de nos ingénieurs", "« Nous sommes fiers de nos ingénieurs », a dit Paul Durand.", 0.25)
    v = decide("Paul Durand a annoncé le rachat de ses ingénieurs par un concurrent", "Paul Durand", [c], claim_lang="fr")
    assert v.verdict == "not_found"


def test_same_language_claim_sharing_no_word_with_the_passage_is_never_a_paraphrase():
    c = cand("Nous sommes fiers de nos ingénieurs", "« Nous sommes fiers de nos ingénieurs », a dit Paul Durand.", 0.9)
    assert not supports_paraphrase("Les usines fermeront demain matin", c, cross=False)


def test_weights_name_their_training_script_and_counts():
    w = load_weights()
    assert w["trained_by"] == "evals/train_paraphrase.py"
    assert w["counts"]["pairs"] > 100 and set(w["threshold"]) == {"same", "cross", "unclaimed_same", "unclaimed_cross"}


def test_a_claim_with_no_speaker_needs_more_than_a_distant_translation_to_be_a_paraphrase():
    # a French claim about nothing in the sources, whose closest quotation of all is an English one at a
    # dense similarity of 0.33 (measured with the embedder; the units are given here)
    claim, quote = "Cela relativise tout ça", "That’s a powerful combination,"
    feats = paraphrase_features(claim, [(quote, 0.33)], f"“{quote}” Forte said.", cross=True)
    thresholds = load_weights()["threshold"]
    assert thresholds["unclaimed_cross"] > thresholds["cross"]
    assert decides_paraphrase(feats, claimed=False)[0] is False
    close = paraphrase_features("Nous sommes fiers de nos ingénieurs", [("We are proud of our engineers", 0.86)],
                                "“We are proud of our engineers,” she said.", cross=True)
    assert decides_paraphrase(close, claimed=False)[0] is True


def test_a_distant_statement_in_the_other_language_is_no_translation_even_with_a_speaker_claimed():
    # a French claim about homework against the claimed speaker's English quotation about jobs (dense
    # similarity 0.07, measured): the gate had only ever seen translations across languages, and said yes
    claim = "Les devoirs à faire à la maison peuvent être un travail oral ou des leçons à apprendre."
    quote = "However, this basically brings employment back to where it was in January."
    for cosine in (0.07, 0.25):
        feats = paraphrase_features(claim, [(quote, cosine)], f"“{quote}” said Hencic.", cross=True)
        assert decides_paraphrase(feats, claimed=True)[0] is False


def test_a_claim_can_render_the_first_clause_of_a_long_quotation():
    # "Local companies are very, very talented and very determined" renders the first clause of a French
    # quotation that goes on about export controls: that clause is a unit the claim is aligned with
    quote = ("Les entreprises locales sont très très talentueuses et très déterminées, et le contrôle des "
             "exportations leur a donné l'état d'esprit et l'énergie pour accélérer leur développement")
    assert "Les entreprises locales sont très très talentueuses et très déterminées" in unit_texts(quote, None)
    assert unit_texts("Oui, merci.", None) == ["Oui, merci."]  # no clause of fewer than four words
