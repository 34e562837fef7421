"""Speaker attribution and within-article resolution, with the real spaCy models."""

import pytest

from quote_helpers import speakers, who

from retrieval.quotes import extract_quotes


pytestmark = pytest.mark.usefixtures("spacy_models")  # both models loaded before the first test


def quotes(text: str, lang: str):
    found = extract_quotes(text, lang)
    for q in found:
        assert text[q.start:q.end] == q.text
    return [q for q in found if q.kind != "term"]


def test_trailing_cue_attributes_to_subject_en():
    text = "Wild beat Sabres\n\nCoach Mike Yeo was pleased.\n\n“We played well,” Yeo said."
    assert who(text, "en") == [("We played well,", "Mike Yeo")]


def test_inverted_incise_attributes_to_subject():
    text = ("Une réforme contestée\n\nLa ministre du Travail Élisabeth Borne a défendu le texte mardi.\n\n"
            "« Nous irons jusqu'au bout », a-t-elle déclaré devant les députés.")
    assert who(text, "fr") == [("Nous irons jusqu'au bout", "Élisabeth Borne")]


def test_inverted_verb_then_description_resolves_to_named_minister():
    text = ("Démission\n\nLe ministre de l'Économie Bruno Le Maire était à Bercy.\n\n"
            "« Je reste à mon poste », a déclaré jeudi le ministre de l'Économie.")
    assert who(text, "fr") == [("Je reste à mon poste", "Bruno Le Maire")]


def test_quipped_with_inverted_name_en():
    text = "Awards night\n\nBrad Pitt won.\n\n“It was a hard role,” quipped Pitt of his part."
    assert who(text, "en") == [("It was a hard role,", "Brad Pitt")]


def test_colon_introduced_quote_en():
    text = "Game\n\nZach Parise scored twice.\n\nParise said: “We’ve been there. We know it.”"
    assert who(text, "en") == [("We’ve been there. We know it.", "Zach Parise")]


def test_colon_introduced_quote_fr_with_participle():
    text = ("Polémique\n\nL'actrice Charlotte Rampling a répondu sur Europe 1, balayant la critique : "
            "« Pourquoi classer les gens ? »")
    assert who(text, "fr") == [("Pourquoi classer les gens ?", "Charlotte Rampling")]


def test_participial_cue_takes_the_main_subject_fr():
    text = ("Crise\n\nLe Premier ministre Andrej Babiš a parlé vendredi. Il a critiqué la réunion, "
            "estimant que ce qui s'était produit était « impardonnable ».")
    assert who(text, "fr") == [("impardonnable", "Andrej Babiš")]


def test_partial_quote_after_cue_and_que():
    text = ("Titre\n\nRoman Prymula avait affirmé qu'il était prêt à partir « si le public le veut ».")
    q = quotes(text, "fr")
    assert [(x.text, x.speaker, x.kind) for x in q] == [("si le public le veut", "Roman Prymula", "partial")]


def test_partial_quote_en():
    text = "Hockey\n\nJack Eichel said he was “just trying to spark some energy.”"
    q = quotes(text, "en")
    assert [(x.speaker, x.kind) for x in q] == [("Jack Eichel", "partial")]


def test_pronoun_resolves_to_subject_of_previous_sentence_not_last_name_en():
    text = ("Team\n\nDefenseman Ryan Suter, who joked about Parise’s sticks, saw the frustration.\n\n"
            "“He’s used to scoring goals,” he said.")
    assert who(text, "en") == [("He’s used to scoring goals,", "Ryan Suter")]


def test_pronoun_resolves_by_gender_fr():
    text = ("Procès\n\nL'avocate Marie Dupont a rencontré le juge Paul Martin mardi.\n\n"
            "« Nous ferons appel », a-t-elle indiqué.")
    assert who(text, "fr") == [("Nous ferons appel", "Marie Dupont")]


def test_title_and_surname_resolve_to_full_name():
    text = ("Visite\n\nJensen Huang, patron de Nvidia, est à Pékin.\n\nM. Huang participera à la cérémonie.\n\n"
            "« La Chine est un marché clé », a expliqué M. Huang.")
    assert who(text, "fr") == [("La Chine est un marché clé", "Jensen Huang")]


def test_mr_surname_resolves_to_full_name_en():
    text = "Senate\n\nSenator Ryan Suter spoke on Tuesday.\n\n“We will vote,” Mr. Suter told reporters."
    assert who(text, "en") == [("We will vote,", "Ryan Suter")]


def test_appositive_description_defines_the_patron():
    text = ("Puces\n\nJensen Huang, patron de Nvidia, voyage beaucoup.\n\n"
            "« Nous sommes prêts », a assuré le patron de Nvidia.")
    assert who(text, "fr") == [("Nous sommes prêts", "Jensen Huang")]


def test_the_company_resolves_to_the_organisation_subject():
    text = ("Chips\n\nThe US chip giant Nvidia announced on Tuesday it would resume sales.\n\n"
            "“Licenses will be granted,” the company said in a statement.")
    assert who(text, "en") == [("Licenses will be granted,", "Nvidia")]


def test_la_societe_resolves_to_the_organisation_fr():
    text = ("Puces\n\nLe géant américain Nvidia a annoncé mardi reprendre ses ventes.\n\n"
            "\"Les licences seront accordées\", a déclaré la société dans un communiqué.")
    assert who(text, "fr") == [("Les licences seront accordées", "Nvidia")]


def test_split_quote_gives_two_quotes_same_speaker_en():
    text = "Talk\n\nCoach Bruce Boudreau was calm.\n\n“You can go either way,” Boudreau said. “I was going the other way.”"
    assert who(text, "en") == [("You can go either way,", "Bruce Boudreau"),
                               ("I was going the other way.", "Bruce Boudreau")]


def test_incise_inside_guillemets_gives_two_quotes_same_speaker():
    text = ("Santé\n\nLa directrice Anne Leroy a parlé lundi.\n\n"
            "« Nous manquons de lits, affirme-t-elle, et de personnel. »")
    assert who(text, "fr") == [("Nous manquons de lits", "Anne Leroy"), ("et de personnel.", "Anne Leroy")]


def test_next_paragraph_without_cue_continues_the_turn():
    text = ("Match\n\n“You’ve beaten good teams,” Boudreau said he told them. “Keep going.\n\n"
            "“I said the same thing in Washington.”\n\nThe Sabres lost again.")
    assert speakers(text, "en") == ["Boudreau"] * 3


def test_unknown_speaker_stays_none_across_paragraphs():
    text = ("Match\n\nJohn Smith scored twice.\n\nThe weather was bad all week in the city.\n\n"
            "“Nobody expected this.”")
    assert speakers(text, "en") == [None]


def test_titles_of_works_are_not_quotes():
    text = ("Awards\n\nSouth Korean thriller “Parasite” won, beating the movie “The Irishman” and “Joker.”\n\n"
            "“It is true that momentum is building,” director Bong Joon Ho said.")
    q = extract_quotes(text, "en")
    kinds = {x.text: x.kind for x in q}
    assert kinds["Parasite"] == "term" and kinds["The Irishman"] == "term" and kinds["Joker."] == "term"
    assert all(x.confidence < 0.5 for x in q if x.kind == "term")
    assert who(text, "en") == [("It is true that momentum is building,", "Bong Joon Ho")]


def test_scare_quote_without_cue_is_a_term_fr():
    text = "Réforme\n\nLe texte prévoit une « simplification » des règles pour les entreprises."
    assert quotes(text, "fr") == []


def test_selon_names_the_speaker():
    text = ("Enquête\n\nLe procureur Jean Moreau a ouvert une enquête.\n\n"
            "Les faits sont « très graves », selon Jean Moreau.")
    assert who(text, "fr") == [("très graves", "Jean Moreau")]


def test_according_to_names_the_speaker():
    text = "Probe\n\nProsecutor Jane Miller opened a case.\n\nThe facts are “very serious,” according to Miller."
    assert who(text, "en") == [("very serious,", "Jane Miller")]


def test_headline_quote_kind():
    text = "Macron : « Nous sommes en guerre »\n\nLe président a parlé lundi soir."
    q = quotes(text, "fr")
    assert [(x.text, x.kind) for x in q] == [("Nous sommes en guerre", "headline")]


def test_organisation_speaker_is_its_name():
    text = "Rapport\n\n« Les ventes ont reculé de 5 % », a indiqué Renault dans un communiqué."
    assert who(text, "fr") == [("Les ventes ont reculé de 5 %", "Renault")]


def test_dialogue_dash_quotes_are_attributed():
    text = "Récit\n\nPierre Durand regarda la mer.\n\n— Je ne sais pas, répondit-il."
    assert who(text, "fr") == [("Je ne sais pas", "Pierre Durand")]


def test_detects_language_when_not_given():
    text = "Match\n\nCoach Mike Yeo was pleased.\n\n“We played well tonight,” Yeo said after the game."
    assert [q.speaker for q in extract_quotes(text)] == ["Mike Yeo"]


def test_name_in_apposition_after_a_description_is_the_speaker():
    text = ("Grève\n\nLe secrétaire général de la CGT-Cheminots, Marc Lefèvre, a jugé ces propos "
            "« déconnectés de la réalité ».")
    assert who(text, "fr") == [("déconnectés de la réalité", "Marc Lefèvre")]


def test_incise_followed_by_a_new_sentence_splits_the_quote():
    text = ("Grève\n\nMarc Lefèvre dirige le syndicat.\n\n"
            "« Nous irons jusqu'au bout, poursuit-il. Personne ne nous fera reculer. »")
    assert who(text, "fr") == [("Nous irons jusqu'au bout", "Marc Lefèvre"),
                               ("Personne ne nous fera reculer.", "Marc Lefèvre")]


def test_text_without_a_title_line_keeps_its_first_sentence_attributed():
    # Drafts, wire copy and transcripts start with the body: a first line ending with a full stop is
    # not a headline, so its reporting clause is read like any other.
    assert who("Jean Dupont a déclaré mardi : « Nous reprendrons les livraisons. »", "fr") == \
        [("Nous reprendrons les livraisons.", "Jean Dupont")]
    assert who("John Smith said: “We will resume deliveries.”\n\nThe market rose.", "en") == \
        [("We will resume deliveries.", "John Smith")]


def test_headline_line_is_still_a_title():
    text = "Jensen Huang : « Les entreprises chinoises sont talentueuses »\n\nLe patron de Nvidia a parlé mardi."
    assert [q for q, _ in who(text, "fr")] == ["Les entreprises chinoises sont talentueuses"]
