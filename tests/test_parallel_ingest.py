"""Extraction on a pool of worker processes: the same store as one process, in bounded memory."""

import errno
from pathlib import Path

import pytest

from assistant.cli import main
from ingest_helpers import store_contents
from retrieval.embeddings import HashEmbedder
from retrieval.index import Index, default_extractor
from retrieval.ingest import parallel
from retrieval.settings import Settings
from retrieval.store import MemoryStore

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


def memory_index() -> Index:
    return Index(Settings(_env_file=None), MemoryStore(), HashEmbedder(), default_extractor)


class CountingContext:
    """The real start-method context, counting the pools started; `refuse` makes starting one fail as a
    system out of memory does."""

    def __init__(self, refuse: bool = False):
        self.real, self.refuse, self.pools = parallel._context(), refuse, 0

    def get_start_method(self):
        return self.real.get_start_method()

    def Pool(self, *args, **kwargs):
        self.pools += 1
        if self.refuse:
            raise OSError(errno.ENOMEM, "Cannot allocate memory")
        return self.real.Pool(*args, **kwargs)


def test_two_workers_write_the_same_articles_passages_and_quotes_as_one_process(monkeypatch):
    monkeypatch.setattr("retrieval.index.writer.BATCH_ARTICLES", 2)  # several batches from five articles
    monkeypatch.setattr(parallel, "MIN_ARTICLES_PER_WORKER", 1)  # a pool even for two articles
    context = CountingContext()
    monkeypatch.setattr(parallel, "_context", lambda: context)
    one, two = memory_index(), memory_index()
    report_one = one.add_paths([str(ARTICLES)], workers=1)
    report_two = two.add_paths([str(ARTICLES)], workers=2)
    assert context.pools == 1  # one pool for the run, feeding several writer batches
    assert report_two.added == report_one.added and len(report_one.added) == 5
    assert report_two.quotes == report_one.quotes > 0
    contents = store_contents(one.store)
    assert store_contents(two.store) == contents  # ids, texts, offsets, speakers
    quote_ids = [row[0] for row in contents["quotes"]]
    assert len(quote_ids) == len(set(quote_ids))


def test_a_handful_of_articles_starts_no_process():
    assert parallel.pool_size(2, 5) == 1
    assert parallel.pool_size(2, 8) == 2
    assert parallel.pool_size(8, 12) == 3


def test_workers_the_system_refuses_leave_indexing_in_this_process_with_a_warning(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(parallel, "MIN_ARTICLES_PER_WORKER", 1)
    context = CountingContext(refuse=True)
    monkeypatch.setattr(parallel, "_context", lambda: context)
    one, two = memory_index(), memory_index()
    one.add_paths([str(ARTICLES)], workers=1)
    report = two.add_paths([str(ARTICLES)], workers=2)
    assert context.pools == 1 and len(report.added) == 5 and not report.errors
    assert store_contents(two.store) == store_contents(one.store)
    assert report.notices == ["could not start 2 worker processes (Cannot allocate memory); indexing in this "
                              "process instead (use --workers 1 to skip the attempt)"]
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    assert main(["--store", str(tmp_path / "store"), "index", "--no-quotes", "--workers", "2", str(ARTICLES)]) == 0
    out, err = capsys.readouterr()
    assert "5 added" in out
    assert "warning: could not start 2 worker processes (Cannot allocate memory)" in err


class FakePool:
    """`apply_async` run at once; records how many results were handed out but not yet taken."""

    def __init__(self):
        self.out = self.most = 0

    def apply_async(self, fn, args):
        self.out += 1
        self.most = max(self.most, self.out)
        pool, result = self, fn(*args)

        class Result:
            def get(self):
                pool.out -= 1
                return result

        return Result()


def test_the_pool_returns_records_in_article_order_with_a_bounded_number_in_flight(monkeypatch):
    from retrieval.ingest import read_file

    articles = [a for path in sorted(ARTICLES.glob("*.txt")) for a in read_file(path).articles] * 4
    monkeypatch.setattr(parallel, "_worker", (lambda text, lang: [], None))
    pool = FakePool()
    got = list(parallel.ordered(pool, articles, True, chunk=2, ahead=6))
    assert [p.article.id for p in got] == [a.id for a in articles]
    assert pool.most == 3  # 6 articles ahead, 2 per task


def test_workers_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["index", "--workers", "0", str(ARTICLES)])
    assert exit_.value.code == 2
    assert "at least 1" in capsys.readouterr().err
