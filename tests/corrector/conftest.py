"""Tiny models for the corrector tests, built once per session from configs (no download)."""

from __future__ import annotations

from pathlib import Path

import pytest


def _needs_model_extra() -> None:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in these tests may reach the network or a user's Hugging Face cache."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def tagger_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _needs_model_extra()
    from tests.corrector.tiny import build_tagger

    return build_tagger(tmp_path_factory.mktemp("tagger"))


@pytest.fixture(scope="session")
def t5_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _needs_model_extra()
    from tests.corrector.tiny import build_t5

    return build_t5(tmp_path_factory.mktemp("t5"))


@pytest.fixture(scope="session")
def causal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _needs_model_extra()
    from tests.corrector.tiny import build_causal

    return build_causal(tmp_path_factory.mktemp("causal"))


@pytest.fixture
def bin_only_dir(tmp_path: Path) -> Path:
    """A checkpoint directory as old uploads have it: config.json and a pickle pytorch_model.bin."""
    (tmp_path / "config.json").write_text('{"model_type": "t5", "is_encoder_decoder": true}', encoding="utf-8")
    (tmp_path / "pytorch_model.bin").write_bytes(b"\x80\x04not really a pickle")
    return tmp_path
