"""The "Attribution" cases of ../shared/acceptance/README.md, each on a short text written for it.

Each names a general mechanism (an incise inside one pair of marks, a quote carried over a
paragraph, a pronoun cue after a description, a framing "Pour X", a surname that is a common
word, canonical names without titles), not the acceptance file's words.
"""

from __future__ import annotations

from tests.quote_helpers import who


def test_incise_inside_one_pair_of_guillemets_goes_to_the_incise_speaker_and_leaves_the_quote():
    text = ("Le port de Brémont agrandi\n\n"
            "La présidente du syndicat mixte, Anne Lefort, a salué le vote. « C'est une étape », a-t-elle dit.\n\n"
            "« Le projet est trop cher, juge pour sa part Marc Tissier, et il faudra le revoir. »")
    assert who(text, "fr") == [("C'est une étape", "Anne Lefort"),
                               ("Le projet est trop cher", "Marc Tissier"),
                               ("et il faudra le revoir.", "Marc Tissier")]


def test_inverted_incise_with_an_apposition_is_cut_out_of_the_quote():
    text = ("Stade\n\n« Nous verrons, répond Luc Moreau, directeur des sports. Rien n'est signé. »")
    assert who(text, "fr") == [("Nous verrons", "Luc Moreau"), ("Rien n'est signé.", "Luc Moreau")]


def test_quote_continued_in_the_next_paragraph_keeps_its_speaker():
    text = ("Budget\n\n« Nous devons économiser, a expliqué le maire, Paul Girard. Les dépenses ont doublé.\n\n"
            "» Je préfère le dire maintenant. »")
    got = who(text, "fr")
    assert got[-1] == ("Je préfère le dire maintenant.", "Paul Girard")
    assert all(speaker == "Paul Girard" for _, speaker in got)


def test_pronoun_cue_after_a_description_of_a_named_person():
    text = ("Piscine\n\nLa maire, Claire Dubois, a présenté le plan lundi.\n\n"
            "La maire a promis une étude. « Nous en reparlerons au printemps », a-t-elle indiqué.")
    assert who(text, "fr") == [("Nous en reparlerons au printemps", "Claire Dubois")]


def test_pour_x_framing_gives_the_partial_quote_to_x():
    text = ("Opposition\n\nPour Jean Vasseur, chef de l'opposition, la majorité « a laissé filer la dette ».")
    assert who(text, "fr") == [("a laissé filer la dette", "Jean Vasseur")]


def test_surname_that_is_a_common_word_is_still_the_speaker():
    for surname in ("Price", "Young", "Hope"):
        text = (f"Rail budget\n\nTransport minister Alan {surname} defended the cuts on Wednesday.\n\n"
                f"\"We inherited a railway that was running out of money,\" {surname} said.")
        assert who(text, "en") == [("We inherited a railway that was running out of money,", f"Alan {surname}")]


def test_canonical_speaker_is_the_name_without_its_title():
    text = ("Harbor plan\n\nCouncilwoman Rita Okoye, who represents the east side, was blunt. "
            "\"This plan would block the view,\" she said.")
    assert who(text, "en") == [("This plan would block the view,", "Rita Okoye")]
