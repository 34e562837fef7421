"""Where the evaluation data lives: the shared corpus, our gold folders and the real-article split."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_TEXTS = SHARED / "corpus" / "real"
REAL_GOLD = ROOT / "evals" / "data" / "real" / "gold"
SPLIT = ROOT / "evals" / "data" / "real" / "split.json"


def load_split() -> dict[str, list[str]]:
    """{"tuning": [...], "sealed": [...]}: article file names, fixed once before annotation."""
    return json.loads(SPLIT.read_text(encoding="utf-8"))


def gold_folders() -> list[Path]:
    """The hand-annotated folders other than the real articles: dev, and articles written for us."""
    data = ROOT / "evals" / "data"
    return [data, data / "extra", data / "fresh"]
