"""The character-level edit tagger: one edit label per input character.

The tagger is an encoder-only transformer (transformers' token-classification
models, trained from scratch) whose vocabulary is characters. It reads a sentence
and gives every character one label:

=============  =============================================================
label          effect on the character
=============  =============================================================
``KEEP``       unchanged
``DELETE``     removed
``LOWER``      lower-cased ("Because" -> "because")
``UPPER``      upper-cased
``APPEND_s``   kept, followed by the string ``s`` ("BlinkenHe": ``n`` gets
               ``APPEND_. `` -> "Blinken. He")
=============  =============================================================

Because it can only edit characters in place, it cannot invent words or rename a
person; what it can get wrong (a deleted letter, a wrong capital) the guard catches.
An edit whose softmax probability is below the confidence threshold is dropped
(the character is kept).

This module's tokenizer and label code is plain Python (no torch), so labels can be
derived and applied without the model; only :class:`TaggerModel` needs torch.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The strings an ``APPEND_`` label may add after a character.
APPENDS: tuple[str, ...] = (" ", ". ", ",", ", ", ".", "? ", "! ", ": ", "; ")
KEEP, DELETE, LOWER, UPPER = "KEEP", "DELETE", "LOWER", "UPPER"
LABELS: tuple[str, ...] = (KEEP, DELETE, LOWER, UPPER, *(f"APPEND_{s}" for s in APPENDS))

#: File names beside the weights.
TOKENIZER_FILE = "char_tokenizer.json"
PAD, UNK = "[PAD]", "[UNK]"


# --------------------------------------------------------------------------------------------
# The character tokenizer
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CharTokenizer:
    """Characters to ids and back: id 0 is padding, id 1 stands for any unknown character."""

    chars: tuple[str, ...]
    max_length: int = 512

    @classmethod
    def build(cls, texts: Sequence[str], max_length: int = 512, min_count: int = 1) -> CharTokenizer:
        """A vocabulary of printable ASCII plus every character seen ``min_count`` times in ``texts``."""
        counts: dict[str, int] = {}
        for text in texts:
            for ch in text:
                counts[ch] = counts.get(ch, 0) + 1
        base = [chr(c) for c in range(32, 127)] + ["\u00a0", "\t", "“", "”", "‘", "’", "—", "–", "…"]
        seen = sorted(ch for ch, n in counts.items() if n >= min_count and ch not in base and ch != "\n")
        return cls(tuple(dict.fromkeys(base + seen)), max_length)

    @property
    def vocab(self) -> dict[str, int]:
        return _vocab(self.chars)

    @property
    def vocab_size(self) -> int:
        return len(self.chars) + 2

    def encode(self, text: str) -> list[int]:
        vocab = self.vocab
        return [vocab.get(ch, 1) for ch in text]

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "mtqa-char-tokenizer",
            "version": 1,
            "special": [PAD, UNK],
            "max_length": self.max_length,
            "chars": list(self.chars),
        }

    def save(self, directory: str | Path) -> Path:
        path = Path(directory) / TOKENIZER_FILE
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, directory: str | Path) -> CharTokenizer:
        path = Path(directory) / TOKENIZER_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("type") != "mtqa-char-tokenizer":
            raise ValueError(f"{path}: not an mtqa character tokenizer")
        return cls(tuple(data["chars"]), int(data.get("max_length", 512)))


_VOCABS: dict[tuple[str, ...], dict[str, int]] = {}


def _vocab(chars: tuple[str, ...]) -> dict[str, int]:
    vocab = _VOCABS.get(chars)
    if vocab is None:
        vocab = {ch: i + 2 for i, ch in enumerate(chars)}
        _VOCABS[chars] = vocab
    return vocab


# --------------------------------------------------------------------------------------------
# Labels: derived from (corrupted, clean) pairs, applied to text
# --------------------------------------------------------------------------------------------


def _key(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def derive_labels(corrupted: str, clean: str) -> list[str] | None:
    """One label per character of ``corrupted`` such that applying them gives ``clean``.

    The two texts are aligned character by character (``difflib.SequenceMatcher`` on
    case-folded characters, so that "Because"/"because" align and become ``LOWER``).
    Returns None when the difference cannot be expressed with the label set (an
    insertion before the first character, a string no ``APPEND_`` label adds, or an
    append on a character that already changes case).
    """
    labels = [KEEP] * len(corrupted)
    a = [_key(c) for c in corrupted]
    b = [_key(c) for c in clean]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if corrupted[i] == clean[j]:
                    continue
                if corrupted[i].lower() == clean[j]:
                    labels[i] = LOWER
                elif corrupted[i].upper() == clean[j]:
                    labels[i] = UPPER
                else:
                    return None
            continue
        for i in range(i1, i2):
            labels[i] = DELETE
        added = clean[j1:j2]
        if added:
            if added not in APPENDS:
                return None
            k = i1 - 1
            if k < 0 or labels[k] != KEEP:
                return None
            labels[k] = f"APPEND_{added}"
    return labels if apply_labels(corrupted, labels) == clean else None


def apply_labels(text: str, labels: Sequence[str]) -> str:
    """The text with one label applied to each character."""
    out: list[str] = []
    for ch, label in zip(text, labels, strict=True):
        if label == KEEP:
            out.append(ch)
        elif label == DELETE:
            continue
        elif label == LOWER:
            out.append(ch.lower())
        elif label == UPPER:
            out.append(ch.upper())
        elif label.startswith("APPEND_"):
            out.append(ch + label[len("APPEND_") :])
        else:
            raise ValueError(f"unknown edit label {label!r}")
    return "".join(out)


def windows(length: int, size: int) -> list[tuple[int, int, int, int]]:
    """Overlapping windows over a text of ``length`` characters: ``(start, end, keep_from, keep_to)``.

    Each window is at most ``size`` characters and overlaps its neighbours by half; every
    character takes its label from the window where it sits furthest from an edge
    (``[keep_from, keep_to)``, in text coordinates), so no label is decided without context
    on both sides when the text is longer than one window.
    """
    if length <= size:
        return [(0, length, 0, length)]
    stride = max(1, size // 2)
    starts = [*range(0, length - size, stride), length - size]
    out = []
    for k, start in enumerate(starts):
        end = start + size
        keep_from = 0 if k == 0 else (start + starts[k - 1] + size) // 2
        keep_to = length if k == len(starts) - 1 else (end + starts[k + 1]) // 2
        out.append((start, end, keep_from, keep_to))
    return out


# --------------------------------------------------------------------------------------------
# The model (torch and transformers imported here only)
# --------------------------------------------------------------------------------------------

#: The tagger architecture of ``models/artefact-repair/config.json``: a small BERT encoder.
DEFAULT_ARCHITECTURE: dict[str, Any] = {
    "model_type": "bert",
    "hidden_size": 128,
    "num_hidden_layers": 3,
    "num_attention_heads": 4,
    "intermediate_size": 512,
    "max_position_embeddings": 512,
    "type_vocab_size": 1,
    "hidden_dropout_prob": 0.1,
    "attention_probs_dropout_prob": 0.1,
}


def build_config(tokenizer: CharTokenizer, architecture: dict[str, Any] | None = None) -> Any:
    """A transformers config for a token-classification tagger over ``tokenizer``'s characters."""
    from transformers import AutoConfig

    arch = dict(DEFAULT_ARCHITECTURE)
    arch.update({k: v for k, v in (architecture or {}).items() if not k.startswith("_")})
    model_type = arch.pop("model_type")
    arch.pop("architectures", None)
    arch.pop("vocab_size", None)
    config = AutoConfig.for_model(
        model_type,
        vocab_size=tokenizer.vocab_size,
        pad_token_id=0,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
        **arch,
    )
    config.max_position_embeddings = max(config.max_position_embeddings, tokenizer.max_length)
    return config


def build_model(tokenizer: CharTokenizer, architecture: dict[str, Any] | None = None, seed: int = 0) -> Any:
    """A freshly initialised tagger (random weights, seeded)."""
    import torch
    from transformers import AutoModelForTokenClassification

    torch.manual_seed(seed)
    return AutoModelForTokenClassification.from_config(build_config(tokenizer, architecture))


@dataclass(frozen=True)
class Tagged:
    """A sentence's predicted labels and each label's probability."""

    text: str
    labels: tuple[str, ...]
    probabilities: tuple[float, ...]

    def corrected(self, threshold: float = 0.0) -> str:
        """The text with the edits whose probability reaches ``threshold`` applied."""
        return apply_labels(self.text, self.kept_labels(threshold))

    def kept_labels(self, threshold: float) -> list[str]:
        return [
            lab if lab == KEEP or p >= threshold else KEEP
            for lab, p in zip(self.labels, self.probabilities, strict=True)
        ]

    def confidence(self, threshold: float = 0.0) -> float | None:
        """The lowest probability among the edits kept (None when nothing is edited)."""
        probs = [p for lab, p in zip(self.labels, self.probabilities, strict=True) if lab != KEEP and p >= threshold]
        return min(probs) if probs else None


class TaggerModel:
    """A token-classification model and its character tokenizer, ready to tag sentences."""

    def __init__(self, model: Any, tokenizer: CharTokenizer, device: Any = "cpu") -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.device = device
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}
        limit = int(getattr(model.config, "max_position_embeddings", tokenizer.max_length))
        #: Characters the model sees at once: the training window (``mtqa_window`` in config.json).
        self.window = min(int(getattr(model.config, "mtqa_window", None) or limit), limit)

    def tag(self, texts: Sequence[str], batch_size: int = 64) -> list[Tagged]:
        """Tag ``texts`` in batches sorted by length; a text longer than the window is tagged in overlapping pieces."""
        pieces: list[tuple[int, int, int, int, int]] = []  # (text index, start, end, keep_from, keep_to)
        for n, text in enumerate(texts):
            pieces.extend((n, *w) for w in windows(len(text), self.window))
        order = sorted(range(len(pieces)), key=lambda k: pieces[k][2] - pieces[k][1])
        labels: list[list[str]] = [[KEEP] * len(t) for t in texts]
        probs: list[list[float]] = [[1.0] * len(t) for t in texts]
        for b in range(0, len(order), batch_size):
            batch = order[b : b + batch_size]
            chunks = [texts[pieces[k][0]][pieces[k][1] : pieces[k][2]] for k in batch]
            for k, (labs, ps) in zip(batch, self._tag_batch(chunks), strict=True):
                n, start, _, keep_from, keep_to = pieces[k]
                labels[n][keep_from:keep_to] = labs[keep_from - start : keep_to - start]
                probs[n][keep_from:keep_to] = ps[keep_from - start : keep_to - start]
        return [Tagged(t, tuple(labels[n]), tuple(probs[n])) for n, t in enumerate(texts)]

    def _tag_batch(self, chunks: Sequence[str]) -> list[tuple[list[str], list[float]]]:
        import torch

        width = max((len(c) for c in chunks), default=0)
        if width == 0:
            return [([], []) for _ in chunks]
        ids = torch.zeros((len(chunks), width), dtype=torch.long)
        mask = torch.zeros((len(chunks), width), dtype=torch.long)
        for row, chunk in enumerate(chunks):
            encoded = self.tokenizer.encode(chunk)
            ids[row, : len(encoded)] = torch.tensor(encoded, dtype=torch.long)
            mask[row, : len(encoded)] = 1
        with torch.inference_mode():
            logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits
            p = torch.softmax(logits.float(), dim=-1)
            best, idx = p.max(dim=-1)
        best_l, idx_l = best.cpu().tolist(), idx.cpu().tolist()
        return [
            ([self.id2label[i] for i in idx_l[row][: len(c)]], best_l[row][: len(c)]) for row, c in enumerate(chunks)
        ]

    def save(self, directory: str | Path) -> Path:
        """Write config.json, model.safetensors and the character tokenizer."""
        from transformers.utils import logging as hf_logging

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        hf_logging.disable_progress_bar()
        self.model.save_pretrained(out, safe_serialization=True)
        self.tokenizer.save(out)
        return out
