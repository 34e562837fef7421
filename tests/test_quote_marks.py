"""Quotation marks -> quoted spans: pure string code, no model."""

from retrieval.quotes import extract_quotes
from retrieval.quotes.kinds import after_work_word, is_title_like
from retrieval.quotes.layout import paragraphs
from retrieval.quotes.marks import find_spans


def texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_spans(text)]


def test_guillemets_with_and_without_no_break_spaces():
    text = "Il a dit « bonjour » puis «\u202fau revoir\u202f» et «\u00a0merci\u00a0»."
    assert texts(text) == ["bonjour", "au revoir", "merci"]


def test_guillemets_typed_the_wrong_way_round():
    # web copy with » … « (no-break spaces on the wrong side too): the words between them are the quote,
    # and the text between two such quotes is not
    text = ("Le procès a repris. \u00a0» Pourquoi c'est à la dernière minute qu'on nous parle d'une vidéo ? «\u00a0, "
            "s'est interrogé \u00a0» l'avocat des causes difficiles «\u00a0, avant la pause.")
    assert texts(text) == ["Pourquoi c'est à la dernière minute qu'on nous parle d'une vidéo ?",
                           "l'avocat des causes difficiles"]
    # a closing » with nothing open, the next « opening a real quote, stays a stray mark
    assert texts("Il part » demain. Elle a dit « oui » hier.") == ["oui"]


def test_a_long_apposition_after_an_incise_is_not_the_quote():
    # « …, estime X, de Beta film, chargée des ventes…. Je ne dirais pas… »: the speaker's role and
    # affiliation run to the end of their sentence; the quote goes on after them
    text = ("« C'est le bon moment, estime Véra Novak, de Delta Films, chargée des ventes internationales et qui vise "
            "un lancement vers février. Je ne dirais pas que le public a oublié. »")
    assert texts(text) == ["C'est le bon moment", "Je ne dirais pas que le public a oublié."]
    text = ("« Le nom pèse lourd, observe Jean Morel, professeur à l'université de Lille et président de "
            "l'Observatoire des discriminations. En clair, rien ne change. »")
    assert texts(text) == ["Le nom pèse lourd", "En clair, rien ne change."]
    text = "« Les amendes restent faibles, affirme ainsi Jean Morel. Tant que rien ne change, on recommence. »"
    assert texts(text) == ["Les amendes restent faibles", "Tant que rien ne change, on recommence."]
    # what follows an incise and is not a role is still the quote
    text = "« Je pense, affirme Marie Dubois, que la réforme est mauvaise. Nous la combattrons. »"
    assert texts(text) == ["Je pense", "que la réforme est mauvaise. Nous la combattrons."]


def test_curly_double_quotes():
    assert texts("“We won,” she said.") == ["We won,"]


def test_straight_quotes_pair_by_position():
    assert texts('He said "yes" and then "no" twice.') == ["yes", "no"]


def test_straight_quote_after_elided_article():
    assert texts('Il avait qualifié d\'"échec" la mesure.') == ["échec"]


def test_german_low_high_quotes():
    assert texts("„Wir schaffen das“, sagte sie.") == ["Wir schaffen das"]


def test_single_guillemets():
    assert texts("Le mot ‹ crise › revient.") == ["crise"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "“He told me ‘never again’ and left,” she said. « Il a crié “stop” », dit-il."
    assert texts(text) == ["He told me ‘never again’ and left,", "Il a crié “stop”"]


def test_apostrophes_are_not_quote_marks():
    text = "L'état de l’économie, it's Parise’s stick and the players' bench."
    assert texts(text) == []


def test_straight_single_quotes_in_a_headline():
    assert texts("'Parasite' scores historic upset") == ["Parasite"]


def test_offsets_are_exact_and_exclude_marks():
    text = "Titre\n\nElle a dit : « Non merci. »"
    spans = find_spans(text)
    assert len(spans) == 1
    s = spans[0]
    assert text[s.start:s.end] == "Non merci."
    assert text[s.open_at] == "«" and text[s.close_at] == "»"


def test_quote_over_several_paragraphs_with_repeated_opening_mark():
    text = "“First part of it.\n\n“Second part of it.\n\n“Third and last.”\n\nAfter."
    spans = find_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["First part of it.", "Second part of it.", "Third and last."]
    assert spans[0].continues and spans[1].continued and spans[2].continued


def test_unbalanced_mark_does_not_swallow_the_next_paragraph():
    text = "Il a parlé d’un « problème sans fin.\n\nLe lendemain, il a dit « non »."
    assert texts(text) == ["non"]


def test_stray_straight_quote_is_dropped():
    text = 'Un écran de 5" et "un prix correct" selon lui.\n\nSuite "sans fin'
    assert texts(text) == ["et"] or "un prix correct" in texts(text)
    assert all("\n" not in t for t in texts(text))


def test_incise_splits_one_pair_into_two_quotes():
    text = "« Je pense, affirme-t-elle, que c'est une erreur. »"
    spans = find_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["Je pense", "que c'est une erreur."]
    assert text[spans[0].incise[0]:spans[0].incise[1]] == "affirme-t-elle"
    assert spans[1].after_incise


def test_incise_with_a_named_subject():
    text = "« Nous avancerons, poursuit le ministre, malgré tout. »"
    assert texts(text) == ["Nous avancerons", "malgré tout."]


def test_dialogue_dash_paragraph_is_a_quote_without_its_incise():
    text = "Titre\n\n— Je ne sais pas, répondit-il.\n\n— Alors partons, dit-elle, tout de suite."
    assert texts(text) == ["Je ne sais pas", "Alors partons", "tout de suite."]


def test_markup_attribute_values_are_not_quotes():
    text = ('<tweet id="7479869" author="@realDonaldTrump" datetime="2016-06-29">Big win tonight</tweet>. '
            'He said "thank you" twice.')
    assert texts(text) == ["thank you"]


def test_incise_verbs_in_every_form_of_the_lexicon():
    # an accent that changes in the present ("répète", "relève"), a doubled consonant ("grommelle"),
    # the plural ("précisent-ils")
    for verb in ("répète-t-il", "relève-t-elle", "grommelle-t-il", "précisent-ils"):
        assert texts(f"« Nous avancerons, {verb}, malgré tout. »") == ["Nous avancerons", "malgré tout."], verb


def test_straight_and_curly_marks_mixed_in_one_pair():
    text = '"We have to stand as one,” said Clinton. “Our roads are crumbling," she said.'
    assert texts(text) == ["We have to stand as one,", "Our roads are crumbling,"]
    # nested marks of the other kind stay nested
    assert texts('“He said "no," twice,” she said.') == ['He said "no," twice,']
    assert texts('"He called it “rigged” today," she said.') == ["He called it “rigged” today,"]
    # a stray curly mark inside straight pairs does not shift them
    text = 'Parmi eux, "une opération \'sous faux drapeau\'” menée par X", "des armes vendues", ou encore "8 milliards".'
    assert texts(text) == ["une opération 'sous faux drapeau'” menée par X", "des armes vendues", "8 milliards"]


def test_never_crashes_on_odd_input():
    for text in ["", "«", "»»", "“", '"', "'", "— ", "« »", "“ ”", "\n\n\n", "a « b\n« c"]:
        find_spans(text)


def test_title_line_and_subheading_are_headings():
    text = "Le titre de l'article\n\nUn paragraphe qui raconte quelque chose de long.\n\n\"Intertitre cité\"\n\nSuite."
    pars = paragraphs(text)
    assert [p.heading for p in pars] == [True, False, True, False]


def test_titles_of_works_look_like_titles():
    assert is_title_like("The Irishman") and is_title_like("Once Upon A Time in Hollywood")
    assert is_title_like("1917,") and is_title_like("Parasite")
    assert not is_title_like("It was a difficult part,") and not is_title_like("Un choc")
    assert after_work_word("Netflix domestic drama ") and after_work_word("dans le film ")
    assert not after_work_word("Le ministre a déclaré ")


def test_incise_after_a_comma_that_is_not_one_is_still_found():
    # the first comma (", notre désaccord est total,") reads like an incise but is not: it must not
    # hide the real one after it
    text = "« Là-dessus, notre désaccord est total, souligne-t-elle. La CGT a des solutions. »"
    assert texts(text) == ["Là-dessus, notre désaccord est total", "La CGT a des solutions."]


def test_incise_in_an_inverted_compound_tense():
    text = "« Nous continuerons, a-t-elle ajouté, à nous mobiliser. »"
    assert texts(text) == ["Nous continuerons", "à nous mobiliser."]


def test_incise_apposition_with_an_age_is_cut_with_the_name():
    text = ("« C'était important pour moi, explique Eugen Tunik, le créateur de la série, 31 ans. "
            "Quand la guerre a commencé, tout a changé. »")
    assert texts(text) == ["C'était important pour moi", "Quand la guerre a commencé, tout a changé."]


def test_an_incise_naming_its_addressee_first_and_an_affiliation_ends_at_its_sentence():
    # « …, explique à Reporterre Romain, du collectif X, formé …. Applaudir … » (the marks never closed
    # around the incise): two pieces of Romain's words, the writer's incise left out
    text = ("Confinement\n\n« Nous voulions politiser le moment de solidarité, explique à Reporterre Romain, du "
            "collectif Projections Covid-19, formé par des militants parisiens. Applaudir ne suffit plus. »\n")
    quotes = [q for q in extract_quotes(text, "fr") if q.kind != "term"]
    assert [q.text for q in quotes] == ["Nous voulions politiser le moment de solidarité", "Applaudir ne suffit plus."]
    assert quotes[0].speaker.endswith("Romain") and quotes[1].speaker == quotes[0].speaker
