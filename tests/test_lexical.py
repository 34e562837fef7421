"""BM25 over folded terms: ranking, and ranking restricted to a subset of documents."""

from retrieval.index.lexical import LexicalIndex


def make_index() -> LexicalIndex:
    texts = {
        "a": "Les exportations de puces vers la Chine reprendront bientôt",
        "b": "Les exportations de puces vers la Chine reprendront bientôt, dit-il",
        "c": "La Chine achète des puces",
        "d": "Rien à voir avec le sujet",
        "e": "Les exportations de puces reprendront",
    }
    return LexicalIndex.build(list(texts), list(texts.values()))


def test_search_ranks_by_bm25_and_drops_non_matching_documents():
    hits = make_index().search("exportations de puces vers la Chine", k=10)
    ids = [i for i, _ in hits]
    assert ids[0] in {"a", "b"} and "d" not in ids
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_search_among_a_subset_ranks_only_that_subset_exactly():
    index = make_index()
    among = index.positions(["c", "d", "e", "unknown"])
    query = "exportations de puces vers la Chine"
    hits = index.search(query, k=2, among=among)
    # The full ranking filtered to the subset: c and e, though a and b match better and a global
    # top 2 filtered afterwards would hold nothing of the subset.
    everything = index.search(query, k=5)
    assert [i for i, _ in everything][:2] != [i for i, _ in hits]
    assert hits == [(i, s) for i, s in everything if i in {"c", "d", "e"}][:2]
    assert {i for i, _ in hits} == {"c", "e"}
    assert index.search("exportations", k=5, among=index.positions([])) == []
