"""Loading a correction model: local only by default, safetensors only, no remote code.

``resolve_model_dir`` turns what the user gave (a directory, the name of the embedded
default ``artefact-repair``, or a Hugging Face model id already in the local cache)
into a directory and checks it before anything is unpickled or executed:

- a directory holding only a pickle checkpoint (``pytorch_model.bin``, ``*.pt``,
  ``*.ckpt``) is refused: unpickling runs code, safetensors does not;
- a configuration that asks for custom code (``auto_map``) is refused: mtqa never
  passes ``trust_remote_code``;
- nothing is downloaded unless ``allow_download=True`` (``--allow-download``), and
  even then only the safetensors weights, configuration and tokenizer files.

``load_backend`` then builds the right backend (character tagger, sequence-to-sequence
or causal chat model) on the best device: CUDA, then Apple MPS, then CPU, in bf16 or
fp16 on a GPU and fp32 on the CPU.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: The name of the embedded default model (the artefact-repair tagger shipped as package data).
DEFAULT_NAME = "artefact-repair"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl", ".pickle")
#: What a download may fetch: never a pickle checkpoint.
DOWNLOAD_PATTERNS = (
    "*.json",
    "*.safetensors",
    "*.txt",
    "*.model",
    "*.tiktoken",
    "*.jinja",
    "README.md",
)


class ModelLoadError(RuntimeError):
    """The model cannot be loaded as mtqa requires; the message says why and what to do."""


@dataclass(frozen=True)
class ModelInfo:
    """Where a model lives, what kind it is, and the hash that identifies its weights."""

    name: str
    path: Path
    kind: str  # "tagger" | "seq2seq" | "causal"
    revision: str

    @property
    def label(self) -> str:
        """``name@revision``: how the run signature and the JSON report name the model."""
        return f"{self.name}@{self.revision}"


def default_model_dir() -> Path:
    """The embedded default model's directory (it may be absent: weights ship only when they qualify)."""
    return Path(__file__).parent / "default"


def resolve_model_dir(
    name_or_path: str | Path, *, allow_download: bool = False, hub_revision: str | None = None
) -> Path:
    """A checked local directory for ``name_or_path``; raises ModelLoadError with the reason."""
    raw = str(name_or_path)
    if raw == DEFAULT_NAME:
        path = default_model_dir()
        if not (path / "model.safetensors").is_file():
            raise ModelLoadError(
                f"the {DEFAULT_NAME!r} model is not shipped in this installation "
                "(its weights did not meet the shipping bar, see models/README.md); "
                "train one with `python -m mtqa.corrector.train` and pass its directory to --model"
            )
        return check_model_dir(path)
    path = Path(raw).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelLoadError(f"{path}: expected a model directory (config.json + *.safetensors), got a file")
        return check_model_dir(path)
    if raw.startswith((".", "/", "~")) or raw.count("/") > 1:
        raise ModelLoadError(f"{raw}: no such model directory")
    return check_model_dir(_from_hub(raw, allow_download, hub_revision))


def _from_hub(repo_id: str, allow_download: bool, revision: str | None) -> Path:
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import LocalEntryNotFoundError
    except ImportError as exc:  # pragma: no cover - huggingface_hub comes with transformers
        raise ModelLoadError(f"{repo_id}: not a directory, and huggingface_hub is not installed") from exc
    try:
        return Path(
            snapshot_download(
                repo_id,
                revision=revision,
                local_files_only=not allow_download,
                allow_patterns=list(DOWNLOAD_PATTERNS),
            )
        )
    except LocalEntryNotFoundError:
        raise ModelLoadError(
            f"{repo_id}: not a directory and not in the local Hugging Face cache; mtqa does not download "
            "by default. Download it yourself (e.g. `hf download "
            f"{repo_id} --include '*.safetensors' '*.json' '*.txt' '*.model'`) or pass --allow-download"
        ) from None
    except Exception as exc:  # network, authentication, unknown repository...
        raise ModelLoadError(f"{repo_id}: cannot fetch the model: {exc}") from None


def check_model_dir(path: Path) -> Path:
    """Refuse a directory without safetensors weights or one whose configuration needs custom code."""
    weights = sorted(path.glob("*.safetensors"))
    if not weights:
        pickles = sorted(p.name for p in path.iterdir() if p.suffix in PICKLE_SUFFIXES)
        if pickles:
            raise ModelLoadError(
                f"{path}: has only a pickle checkpoint ({', '.join(pickles)}); mtqa loads safetensors only, "
                "because loading a pickle file can run arbitrary code. Convert it once in a trusted "
                "environment (load it and call model.save_pretrained(dir, safe_serialization=True)) "
                "or use a checkpoint published with model.safetensors"
            )
        raise ModelLoadError(f"{path}: no *.safetensors weights found")
    config = path / "config.json"
    if not config.is_file():
        raise ModelLoadError(f"{path}: no config.json")
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"{config}: unreadable configuration: {exc}") from None
    if data.get("auto_map"):
        raise ModelLoadError(
            f"{path}: the model needs custom code (auto_map in config.json); mtqa never runs remote code"
        )
    return path


def model_kind(path: Path) -> str:
    """``tagger`` (an mtqa character tagger), ``seq2seq`` (encoder-decoder) or ``causal``."""
    from mtqa.corrector.tagger import TOKENIZER_FILE

    if (path / TOKENIZER_FILE).is_file():
        return "tagger"
    data = json.loads((path / "config.json").read_text(encoding="utf-8"))
    if data.get("is_encoder_decoder"):
        return "seq2seq"
    archs = " ".join(data.get("architectures") or [])
    if "ConditionalGeneration" in archs or "Seq2Seq" in archs:
        return "seq2seq"
    return "causal"


def revision(path: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the safetensors file(s): names the exact weights."""
    files = sorted(path.glob("*.safetensors"))
    stats = tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    return _hash_files(stats)


@cache
def _hash_files(stats: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in stats:
        with open(name, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


def model_info(name_or_path: str | Path, *, allow_download: bool = False, hub_revision: str | None = None) -> ModelInfo:
    """Resolve, check and identify a model: its display name, directory, kind and weights hash."""
    raw = str(name_or_path)
    path = resolve_model_dir(raw, allow_download=allow_download, hub_revision=hub_revision)
    if raw == DEFAULT_NAME:
        name = DEFAULT_NAME
    elif Path(raw).expanduser().exists():
        name = path.resolve().name
    else:
        name = raw  # a hub id keeps its owner/name
    return ModelInfo(name, path, model_kind(path), revision(path))


def pick_device(device: str | None = None) -> Any:
    """``device`` if given, else CUDA, then Apple MPS, then CPU."""
    import torch

    if device:
        return torch.device(device)
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def pick_dtype(device: Any) -> Any:
    """bf16 on a GPU that has it, else fp16 on a GPU; fp32 on the CPU."""
    import torch

    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.type == "mps":
        return torch.float16
    return torch.float32


def _pretrained_kwargs(dtype: Any) -> dict[str, Any]:
    return {
        "local_files_only": True,
        "use_safetensors": True,
        "trust_remote_code": False,
        "dtype": dtype,
    }


def load_backend(
    name_or_path: str | Path,
    *,
    allow_download: bool = False,
    device: str | None = None,
    batch_size: int | None = None,
    threshold: float | None = None,
    prefix: str | None = None,
    max_new_tokens: int | None = None,
    kind: str | None = None,
) -> Any:
    """Load a model and wrap it in the backend its kind needs (see ``mtqa.corrector.backends``)."""
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        raise ModelLoadError("the corrector needs torch and transformers: pip install 'mtqa[model]'") from None
    from transformers.utils import logging as hf_logging

    from mtqa.corrector import backends

    hf_logging.disable_progress_bar()  # a report on stdout/stderr is no place for loading bars
    info = model_info(name_or_path, allow_download=allow_download)
    if kind is not None and kind != info.kind:
        info = ModelInfo(info.name, info.path, kind, info.revision)
    dev = pick_device(device)
    dtype = pick_dtype(dev)
    try:
        if info.kind == "tagger":
            return backends.TaggerBackend.load(info, dev, dtype, batch_size=batch_size, threshold=threshold)
        if info.kind == "seq2seq":
            return backends.Seq2SeqBackend.load(
                info, dev, dtype, batch_size=batch_size, prefix=prefix, max_new_tokens=max_new_tokens
            )
        return backends.CausalBackend.load(info, dev, dtype, batch_size=batch_size, max_new_tokens=max_new_tokens)
    except ModelLoadError:
        raise
    except (OSError, ValueError, KeyError) as exc:
        raise ModelLoadError(f"{info.path}: cannot load the model: {exc}") from None
