"""How verify latency grows with the store: the same claims at 1,000 and at 10,000 articles.

One store grows in one process: index 1,000 generated articles (with quote extraction), time
200 claims, index 9,000 more, time the same claims again. The growth ratio is therefore measured
under the same machine load and code. To keep the build within a session on 2 cores it uses the
hashing embedder (`--embedder use` for the product default): wording decisions, Chroma queries,
BM25 and speaker filtering — what grows with the store — are the same; only the dense scores of
the paraphrase step differ.

    python -m benchmarks.verify_scale [--sizes 1000,10000] [--embedder hash|use]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from .common import load_average, percentiles
from .corpus import make_corpus
from .verify import make_claims


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--embedder", default="hash", choices=["hash", "use"])
    ap.add_argument("--out", default=None, help="write the figures as JSON here too")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    from assistant.verification import verify_claim
    from retrieval.index import Index
    from retrieval.settings import Settings

    corpus = make_corpus(sizes[-1])
    results, claims, done = {}, None, 0
    with tempfile.TemporaryDirectory() as folder:
        index = Index.open(Settings(_env_file=None, quotecheck_store=Path(folder), quotecheck_embedder=args.embedder))
        for size in sizes:
            started = time.perf_counter()
            for i in range(done, size, 320):
                index.add_articles(corpus[i : min(i + 320, size)])
                print(f"indexed {min(i + 320, size)}/{sizes[-1]} ({time.perf_counter() - started:.0f} s, load {load_average()})",
                      file=sys.stderr, flush=True)
            done = size
            if claims is None:
                claims = make_claims(index.quotes())
            verify_claim(claims[0][1], claims[0][2], index)  # caches (BM25, quote records) built outside the timing
            samples = []
            for _kind, claim, speaker in claims:
                t = time.perf_counter()
                verify_claim(claim, speaker, index)
                samples.append(time.perf_counter() - t)
            results[size] = {"articles": size, "quotes": len(index.quotes()), "verify": percentiles(samples),
                             "load": load_average()}
            print(json.dumps(results[size]), file=sys.stderr, flush=True)
    if len(sizes) > 1:
        first, last = results[sizes[0]]["verify"], results[sizes[-1]]["verify"]
        results["growth_p50"] = round(last["p50_ms"] / first["p50_ms"], 2)
        results["growth_p95"] = round(last["p95_ms"] / first["p95_ms"], 2)
    print(json.dumps(results, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
