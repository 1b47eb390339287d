"""The public loader: local only, safetensors only, no remote code; kinds, revisions, devices."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.corrector import Corrector, ModelLoadError, load_backend, model_info
from mtqa.corrector.loader import DEFAULT_NAME, default_model_dir, pick_device, pick_dtype, resolve_model_dir


def test_a_bin_only_directory_is_refused(bin_only_dir: Path) -> None:
    with pytest.raises(ModelLoadError) as err:
        load_backend(bin_only_dir)
    message = str(err.value)
    assert "pytorch_model.bin" in message and "safetensors" in message and "pickle" in message


def test_remote_code_is_refused(tagger_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "custom"
    shutil.copytree(tagger_dir, copy)
    config = json.loads((copy / "config.json").read_text())
    config["auto_map"] = {"AutoModel": "modeling_evil.EvilModel"}
    (copy / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelLoadError, match="custom code"):
        load_backend(copy)


def test_missing_directory_and_uncached_hub_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ModelLoadError, match="no such model directory"):
        resolve_model_dir(tmp_path / "nope")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    import huggingface_hub.constants

    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    with pytest.raises(ModelLoadError, match="--allow-download"):
        resolve_model_dir("someone/not-downloaded-model")


def test_the_embedded_default_loads_or_says_why(tmp_path: Path) -> None:
    if (default_model_dir() / "model.safetensors").is_file():
        assert load_backend(DEFAULT_NAME).kind == "tagger"
    else:
        with pytest.raises(ModelLoadError, match="not shipped"):
            resolve_model_dir(DEFAULT_NAME)


def test_kinds_and_revisions(tagger_dir: Path, t5_dir: Path, causal_dir: Path, tmp_path: Path) -> None:
    assert model_info(tagger_dir).kind == "tagger"
    assert model_info(t5_dir).kind == "seq2seq"
    assert model_info(causal_dir).kind == "causal"
    info = model_info(tagger_dir)
    assert len(info.revision) == 12 and info.label == f"{tagger_dir.name}@{info.revision}"
    assert model_info(tagger_dir).revision == info.revision  # a hash of the weights: stable
    copy = tmp_path / "changed"
    shutil.copytree(tagger_dir, copy)
    weights = copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1
    weights.write_bytes(bytes(data))
    assert model_info(copy).revision != info.revision


def test_device_and_dtype_on_this_machine() -> None:
    import torch

    device = pick_device()
    assert device.type in ("cuda", "mps", "cpu")
    if device.type == "cpu":
        assert pick_dtype(device) == torch.float32
    assert pick_device("cpu").type == "cpu"


def test_loading_goes_through_the_public_loader(tagger_dir: Path) -> None:
    corrector = Corrector.load(tagger_dir, threshold=0.5, batch_size=4)
    assert corrector.backend.kind == "tagger"
    assert corrector.backend.threshold == 0.5 and corrector.backend.batch_size == 4
    assert corrector.model_id == model_info(tagger_dir).label


def test_import_mtqa_does_not_import_torch() -> None:
    code = "import sys, mtqa, mtqa.corrector, mtqa.cli; print('torch' in sys.modules, 'transformers' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
