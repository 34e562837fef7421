import time

from assistant.verification.align import align

SRC_FR = (
    "Les entreprises locales (chinoises, ndlr) sont très très talentueuses et très déterminées, "
    "et le contrôle des exportations leur a donné l'état d'esprit nécessaire"
)
SRC_EN = "We are very proud of the team. We will open 3 new plants in Ohio next year, and hire locally."


def test_excerpt_is_exact_and_window_maps_to_source_offsets():
    a = align("Le contrôle des exportations leur a donné", SRC_FR)
    assert a.exact and a.similarity == 1.0 and a.diff == []
    assert SRC_FR[a.start : a.end] == "le contrôle des exportations leur a donné"


def test_ndlr_insertion_is_not_an_alteration():
    a = align("Les entreprises locales sont très très talentueuses", SRC_FR)
    assert a.exact
    assert SRC_FR[a.start : a.end].startswith("Les entreprises locales (chinoises, ndlr) sont")


def test_claim_keeping_the_editorial_insertion_is_still_exact():
    assert align("Les entreprises locales chinoises sont très très talentueuses", SRC_FR).exact


def test_curly_and_straight_apostrophes_align_exactly():
    assert align("leur a donné l’état d’esprit", SRC_FR).exact


def test_guillemets_and_unicode_spaces_do_not_matter():
    assert align("« We will open 3 new plants\u00a0»", SRC_EN).exact


def test_missing_accent_on_a_capital_is_typography():
    assert align("L'Etat tient", "l'État tient bon").exact


def test_negation_gives_insert_edits():
    a = align("Les entreprises locales ne sont pas très très talentueuses", SRC_FR)
    assert not a.exact
    assert [(e.op, e.claim) for e in a.diff] == [("insert", "ne"), ("insert", "pas")]
    assert a.similarity > 0.8


def test_changed_number_gives_replace_edit():
    a = align("We will open 5 new plants in Ohio", SRC_EN)
    assert [(e.op, e.source, e.claim) for e in a.diff] == [("replace", "3", "5")]


def test_changed_ending_pairs_with_the_source_ending():
    a = align("and hire abroad", "We will hire locally")
    assert not a.exact and any(e.op == "replace" and e.source == "locally" for e in a.diff)


def test_ellipsis_join_in_order_is_exact():
    for mark in ("…", "...", "[…]", "(...)"):
        a = align(f"We are very proud {mark} we will open 3 new plants", SRC_EN)
        assert a.exact, mark


def test_ellipsis_join_out_of_order_is_not_exact():
    a = align("We will open 3 new plants … We are very proud", SRC_EN)
    assert not a.exact and a.diff


def test_source_ellipsis_is_skipped():
    assert align("avertissent le public", "avertissent (...) le public des risques").exact


def test_claim_extending_past_the_quotation_edges_is_counted():
    a = align("J'apprécie le potentiel de l'économie chinoise", "le potentiel de l'économie chinoise")
    assert not a.exact and a.core_exact and a.outside_before == 2 and a.outside_after == 0


def test_unrelated_claim_has_low_similarity():
    assert align("Nous n'abandonnerons jamais ce marché", SRC_FR).similarity < 0.4


def test_alignment_is_fast_on_a_long_source():
    source = " ".join([SRC_FR] * 15)  # ~450 words
    start = time.perf_counter()
    for _ in range(20):
        align("Les entreprises locales ne sont pas très talentueuses et déterminées", source)
    assert (time.perf_counter() - start) / 20 < 0.02
