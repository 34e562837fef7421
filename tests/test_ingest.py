"""Reading inputs: exact text, metadata, and one clear problem per bad file or line."""

from pathlib import Path

from retrieval.ingest import article_id, iter_files, read_file


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_txt_text_is_kept_exactly_and_first_line_is_the_title(tmp_path):
    raw = "Titre de l’article\r\n\r\n« Bonjour », a dit Marie.\u00a0Fin.\n"
    got = read_file(write(tmp_path, "a.txt", raw))
    assert not got.errors
    article = got.articles[0]
    assert article.text == raw  # no newline translation, no stripping
    assert article.title == "Titre de l’article"
    assert article.lang == "fr"


def test_same_content_has_the_same_id_wherever_it_is():
    assert article_id("abc") == article_id("abc") != article_id("abd")


def test_empty_binary_and_latin1_files_each_get_one_clear_problem(tmp_path):
    cases = {
        "empty.txt": b"   \n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        "latin1.txt": "Le ministre a déclaré : « Été ».".encode("latin-1"),
    }
    problems = {}
    for name, data in cases.items():
        got = read_file(write(tmp_path, name, data))
        assert not got.articles and len(got.errors) == 1
        problems[name] = got.errors[0]
    assert problems["empty.txt"].problem == "empty file"
    assert "binary" in problems["binary.txt"].problem
    assert "not UTF-8" in problems["latin1.txt"].problem
    assert all(str(tmp_path) in str(err) for err in problems.values())


def test_jsonl_bad_lines_are_named_and_good_lines_kept(tmp_path):
    lines = [
        '{"text": "First article body.", "title": "One", "url": "https://example.org/1", "lang": "en"}',
        "not json at all",
        '{"title": "no text"}',
        '{"text": "Second article body, in English.", "author": "A. Writer"}',
        '{"text": "truncated',
    ]
    got = read_file(write(tmp_path, "feed.jsonl", "\n".join(lines)))
    assert [a.title for a in got.articles] == ["One", "Second article body, in English."]
    assert got.articles[0].source == "https://example.org/1"
    assert got.articles[1].author == "A. Writer"
    where = [err.path.rsplit(":", 1)[1] for err in got.errors]
    assert where == ["2", "3", "5"]
    assert "truncated" in got.errors[-1].problem


def test_html_without_article_text_is_rejected(tmp_path):
    got = read_file(write(tmp_path, "page.html", "<html><head><script>var a=1;</script></head><body></body></html>"))
    assert not got.articles
    assert got.errors[0].problem == "no article text found in the HTML"


def test_html_article_gives_title_and_text(tmp_path):
    body = "".join(f"<p>Paragraph {n} of a real story about the harbour, with enough words to count as text.</p>" for n in range(8))
    html = f"<html><head><title>Harbour story</title><meta name='author' content='Jane Roe'></head><body><article><h1>Harbour story</h1>{body}</article></body></html>"
    got = read_file(write(tmp_path, "story.html", html))
    assert not got.errors
    article = got.articles[0]
    assert article.title == "Harbour story"
    assert "Paragraph 3 of a real story" in article.text


def test_folders_are_walked_recursively_and_unknown_types_skipped(tmp_path):
    write(tmp_path, "a.txt", "A\n\nbody")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.md", "# B\n\nbody")
    write(tmp_path / "sub", "c.pdf", b"%PDF")
    write(tmp_path, ".hidden.txt", "x")
    found = sorted(p.name for p in iter_files([str(tmp_path)]))
    assert found == ["a.txt", "b.md"]


def test_unsupported_file_named_explicitly_is_an_error(tmp_path):
    got = read_file(write(tmp_path, "c.pdf", b"%PDF-1.4"))
    assert "unsupported file type .pdf" in got.errors[0].problem


def test_a_100k_character_line_is_cut_into_passages_of_bounded_size():
    from retrieval.passages import chunk

    text = "Title\n\n" + "mot " * 25_000
    spans = chunk(text, max_chars=600)
    assert max(s.end - s.start for s in spans) <= 600
    covered = "".join(text[s.start : s.end] for s in spans)
    assert covered.replace(" ", "") == text.replace(" ", "").replace("\n", "")
