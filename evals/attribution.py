"""Quote and speaker extraction scored as independent evaluation scores it: the shared scorer
(`../shared/tools/score_quotes.py`) driving `quotecheck extract --json`, on

- PolNeAR dev (real US political news; sealed: the ranker is trained on PolNeAR train only),
- the real French and English articles annotated by reading (`evals/data/real`), tuning part
  (the ranker is trained on it: in-sample) and sealed part (never trained or tuned on),
- the five dev articles (in-sample).

    python -m evals attribution      # or: python -m evals.attribution
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from evals.real import REAL_GOLD, REAL_TEXTS, SHARED, load_split

SCORER = SHARED / "tools" / "score_quotes.py"
POLNEAR_DEV = SHARED / "corpus" / "polnear" / "polnear_dev.jsonl"
DEV = SHARED / "corpus" / "dev"


def _command() -> str:
    exe = Path(sys.executable).with_name("quotecheck")
    return f"{exe if exe.exists() else 'quotecheck'} extract --json"


def score(gold: Path) -> dict:
    out = subprocess.run([sys.executable, str(SCORER), "--cmd", _command(), "--gold", str(gold)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def real_folder(names: list[str], dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(REAL_TEXTS / name, dest / name)
        shutil.copy(REAL_GOLD / name.replace(".txt", ".quotes.jsonl"), dest / name.replace(".txt", ".quotes.jsonl"))
    return dest


def _row(label: str, rep: dict, lang: str | None = None) -> str:
    a = rep["at_0_8"]
    if lang is not None:
        b = a["by_lang"].get(lang, {})
        return f"| {label} | {rep['docs']} | {b.get('f1', '-')} | {b.get('speaker_acc', '-')} | - |"
    return f"| {label} | {rep['docs']} | {a['f1']} | {a['speaker_acc']} ({a['speaker_n']}) | {a['e2e_f1']} |"


def run() -> str:
    split = load_split()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for part in ("sealed", "tuning"):
            for lang in ("fr", "en"):
                names = [n for n in split[part] if f"_{lang}_" in n]
                rep = score(real_folder(names, Path(tmp) / f"{part}_{lang}"))
                status = "sealed, never trained on" if part == "sealed" else "tuning, in-sample"
                rows.append(_row(f"real {lang.upper()} {part} ({status})", rep))
    rows.append(_row("PolNeAR dev (sealed; trained on PolNeAR train)", score(POLNEAR_DEV)))
    rows.append(_row("dev articles (in-sample)", score(DEV)))
    return "\n".join([
        "## Attribution, scored with the shared scorer",
        "",
        "`../shared/tools/score_quotes.py --cmd 'quotecheck extract --json'`: span F1 at overlap 0.8, speaker "
        "accuracy over the judged quotes (count), end-to-end F1 (span and speaker right).",
        "",
        "| set | articles | span F1 | speaker accuracy | end-to-end F1 |",
        "|---|---|---|---|---|",
        *rows,
    ])


if __name__ == "__main__":
    print(run())
