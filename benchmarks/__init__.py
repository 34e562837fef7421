"""`make bench`: throughput and latency of quotecheck, as ratios against a baseline run in the same process.

The machines are shared and noisy, so absolute figures drift with the load; each measurement is paired
with a reference measured in the same run (the raw embedder for indexing, the plain spaCy parse for
quote extraction) and the ratio is what the goals are about.

- `corpus`: a larger, deterministic corpus grown from examples/articles;
- `stores`: cached bench stores under `.store/bench-<N>-<key>`, built (and timed) once: one of passages
  only (to time passage indexing alone), one with quotes too (every other measurement runs on it: it
  holds the same passages);
- one module per measurement: `indexing`, `search`, `extract`, `verify`, `ask` (and `web`, by others);
- `__main__`: `python -m benchmarks [--sizes 1000,10000] [--only index,search,...] [--rebuild]`,
  writes benchmarks/REPORT.md and prints a summary.
"""
