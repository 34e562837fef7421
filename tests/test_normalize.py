from retrieval.normalize import fold, strip_accents, words


def texts(s: str) -> list[str]:
    return [t.text for t in words(s)]


def test_quote_marks_are_unified():
    assert fold("«\u00a0Bonjour\u00a0»") == fold('" Bonjour "') == '" bonjour "'
    assert fold("“Hello” „Hallo“ ‹salut›") == '"hello" "hallo" "salut"'


def test_curly_and_straight_apostrophes_fold_the_same():
    assert fold("l’état d‘esprit") == fold("l'état d'esprit") == "l'état d'esprit"


def test_unicode_spaces_collapse_to_one_space():
    assert fold("5\u202f%  et\u00a0demi\u2009!\n ok") == "5 % et demi ! ok"


def test_ellipsis_dashes_and_case_are_folded_but_accents_kept():
    assert fold("Et… — Voilà – ÉTAT") == "et... - voilà - état"
    assert strip_accents("État, déjà, Hamáček") == "Etat, deja, Hamacek"


def test_tokens_keep_offsets_into_the_original_text():
    src = "« L’État, c’est moi »"
    toks = words(src)
    assert [t.text for t in toks] == ["l'", "état", "c'", "est", "moi"]
    assert [src[t.start : t.end] for t in toks] == ["L’", "État", "c’", "est", "moi"]


def test_french_elisions_are_their_own_tokens():
    assert texts("l'état n'a qu'un jusqu'à") == ["l'", "état", "n'", "a", "qu'", "un", "jusqu'", "à"]


def test_english_contractions_and_words_with_apostrophes_stay_whole():
    assert texts("don’t Nvidia's aujourd'hui") == ["don't", "nvidia's", "aujourd'hui"]


def test_punctuation_is_not_a_word_and_hyphens_split():
    assert texts("Bon, alors... (oui) ? États-Unis!") == ["bon", "alors", "oui", "états", "unis"]


def test_numbers_are_normalised_across_typography():
    assert texts("1\u202f000 1,000 1.000 1000") == ["1000"] * 4
    assert texts("3,5 3.5") == ["3.5", "3.5"]
    assert texts("d'environ 5%") == ["d'", "environ", "5", "%"]


def test_decomposed_accents_stay_in_the_word():
    assert texts("E\u0301tat") == ["état"]


def test_country_abbreviations_only_in_capitals():
    # "US", "U.S.", "EAU" are countries; "us" and "eau" in lower case are words
    from retrieval.exonyms import abbreviation_names, is_country

    assert all(is_country(n) for n in ("US", "U.S.", "USA", "U.K.", "EAU", "RDC", "France"))
    assert not any(is_country(n) for n in ("us", "eau", "Foo"))
    assert abbreviation_names("U.S.") == {"united states", "etats unis"}
    assert abbreviation_names("us") == frozenset()
