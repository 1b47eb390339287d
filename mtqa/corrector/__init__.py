"""The optional corrector: model rewrites of flagged sentences, guarded by mtqa's own rules.

Install with ``pip install 'mtqa[model]'``. torch and transformers are imported only
inside this package, and only when a model is loaded; importing ``mtqa.corrector``
itself stays light.

- ``loader``: local directory, embedded default or local Hugging Face cache; offline by
  default, safetensors only, never remote code; device and dtype chosen automatically.
- ``backends``: the character edit tagger, sequence-to-sequence and causal chat models.
- ``tagger``: the character-level edit tagger (labels, character tokenizer, model).
- ``guard``: what a proposal must satisfy to be kept, with a reason for each rejection.
- ``correct``: the Corrector, which turns accepted proposals into M101 issues.
- ``train``: the recipe that trains the artefact-repair tagger from any clean corpus.
"""

from __future__ import annotations

from mtqa.corrector.backends import Backend, CausalBackend, Proposal, Seq2SeqBackend, TaggerBackend
from mtqa.corrector.correct import Corrector, Record
from mtqa.corrector.guard import Guard, GuardSettings, Verdict
from mtqa.corrector.loader import DEFAULT_NAME, ModelInfo, ModelLoadError, load_backend, model_info

__all__ = [
    "DEFAULT_NAME",
    "Backend",
    "CausalBackend",
    "Corrector",
    "Guard",
    "GuardSettings",
    "ModelInfo",
    "ModelLoadError",
    "Proposal",
    "Record",
    "Seq2SeqBackend",
    "TaggerBackend",
    "Verdict",
    "load_backend",
    "model_info",
]
