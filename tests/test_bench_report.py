"""A partial benchmark run (`--only`) replaces its own sections of the report and keeps the others."""

from benchmarks.__main__ import merge_report

OLD = """# quotecheck benchmarks

`python -m benchmarks --sizes 1000 --only search,extract` — old run.

## Summary

- **search @ 1000**: search p50 8.1 ms, p95 10.5 ms
- **extract**: extract 5,632 words/s, ratio 0.927

## search — 1,000 articles

search table

## extract

old extract table
"""

NEW = """# quotecheck benchmarks

`python -m benchmarks --sizes 1000 --only extract` — new run.

## Summary

- **extract**: extract 5,396 words/s, ratio 0.929

## extract

new extract table
"""


def test_a_partial_run_keeps_the_sections_it_did_not_measure():
    merged = merge_report(OLD, NEW)
    assert "new run." in merged and "old run." not in merged
    assert "- **search @ 1000**: search p50 8.1 ms, p95 10.5 ms (kept from an earlier run)" in merged
    assert "- **extract**: extract 5,396 words/s, ratio 0.929" in merged and "0.927" not in merged
    assert "search table" in merged and "new extract table" in merged and "old extract table" not in merged
    assert merged.index("## search") < merged.index("## extract")  # the order of the measurements
    assert merge_report(merged, NEW).count("(kept from an earlier run)") == 1  # said once, however many runs
