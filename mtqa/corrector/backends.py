"""Model backends: each turns a list of sentences into one proposal per sentence.

Three kinds, one protocol (:class:`Backend`):

- :class:`TaggerBackend`: the character edit tagger (``mtqa.corrector.tagger``) for the
  local artefacts the rules name; its proposals can only edit characters in place.
- :class:`Seq2SeqBackend`: encoder-decoder rewriters (T5, BART, CoEdIT-style) with a
  configurable instruction prefix ("Fix grammatical errors in this sentence: ").
- :class:`CausalBackend`: instruction-tuned decoder models through their chat template
  and a short fixed prompt that asks for the corrected sentence only.

All of them batch sentences sorted by length (less padding), bound the new tokens,
and decode deterministically (greedy, no sampling), so a run is reproducible. Each
counts its model calls (``calls``: forward or generate calls; ``sentences``: sentences
sent), which is how the tests prove that a clean document costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from mtqa.corrector.loader import ModelInfo, ModelLoadError, _pretrained_kwargs


@dataclass(frozen=True)
class Proposal:
    """One backend's rewrite of one sentence, with its confidence when the model gives one."""

    text: str
    confidence: float | None = None


@runtime_checkable
class Backend(Protocol):
    """What the corrector needs from a model.

    ``kind`` is ``tagger``, ``seq2seq`` or ``causal``; ``fluency`` is True for free
    rewriters (their proposals that fix no rule issue may still be shown, as DISPLAY);
    ``info`` names the model and its weights hash.
    """

    kind: str
    fluency: bool
    info: ModelInfo
    calls: int
    sentences: int

    def propose(self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None) -> list[Proposal]:
        """One proposal per sentence, in order; ``contexts`` are optional (before, after) neighbours."""
        ...


def sorted_batches(texts: Sequence[str], batch_size: int) -> list[list[int]]:
    """Indices of ``texts`` grouped in batches of similar length (shortest first)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def _greedy_config(model: Any, max_new_tokens: int, tokenizer: Any) -> Any:
    """The model's generation config made deterministic: greedy, no sampling, bounded length."""
    import copy

    config = copy.deepcopy(model.generation_config)
    config.do_sample = False
    config.num_beams = 1
    config.temperature = None
    config.top_p = None
    config.top_k = None
    config.max_new_tokens = max_new_tokens
    config.max_length = None
    config.output_scores = True
    config.return_dict_in_generate = True
    if config.pad_token_id is None:
        config.pad_token_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    return config


def _sequence_confidence(model: Any, output: Any, new_tokens: Any, pad_id: int | None) -> list[float]:
    """exp(mean log-probability) of each generated sequence (the model's own certainty)."""
    import torch

    scores = model.compute_transition_scores(output.sequences, output.scores, normalize_logits=True)
    mask = torch.ones_like(scores, dtype=torch.bool) if pad_id is None else new_tokens != pad_id
    mask = mask & torch.isfinite(scores)
    total = torch.where(mask, scores, torch.zeros_like(scores)).sum(dim=1)
    count = mask.sum(dim=1).clamp(min=1)
    return torch.exp(total / count).float().cpu().tolist()


class TaggerBackend:
    """The character edit tagger: proposals that only edit characters in place."""

    kind = "tagger"
    fluency = False
    DEFAULT_THRESHOLD = 0.5

    def __init__(self, tagger: Any, info: ModelInfo, *, threshold: float | None = None, batch_size: int | None = None):
        self.tagger = tagger
        self.info = info
        configured = getattr(tagger.model.config, "mtqa_threshold", None)
        self.threshold = float(threshold if threshold is not None else configured or self.DEFAULT_THRESHOLD)
        self.batch_size = batch_size or 64
        self.calls = 0
        self.sentences = 0

    @classmethod
    def load(cls, info: ModelInfo, device: Any, dtype: Any, **options: Any) -> TaggerBackend:
        from transformers import AutoModelForTokenClassification

        from mtqa.corrector.tagger import CharTokenizer, TaggerModel

        try:
            tokenizer = CharTokenizer.load(info.path)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelLoadError(f"{info.path}: bad character tokenizer: {exc}") from None
        model = AutoModelForTokenClassification.from_pretrained(str(info.path), **_pretrained_kwargs(dtype))
        model.to(device).eval()
        return cls(TaggerModel(model, tokenizer, device), info, **options)

    def propose(self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None) -> list[Proposal]:
        if not sentences:
            return []
        self.calls += -(-len(sentences) // self.batch_size)
        self.sentences += len(sentences)
        tagged = self.tagger.tag(list(sentences), batch_size=self.batch_size)
        return [Proposal(t.corrected(self.threshold), t.confidence(self.threshold)) for t in tagged]


class _GenerativeBackend:
    """What the generating backends share: a model with its tokenizer, batching and call counts."""

    kind = "generative"
    fluency = True
    DEFAULT_BATCH_SIZE = 8

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        info: ModelInfo,
        device: Any = "cpu",
        *,
        batch_size: int | None = None,
        max_new_tokens: int | None = None,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.info = info
        self.device = device
        self.batch_size = batch_size or self.DEFAULT_BATCH_SIZE
        self.max_new_tokens = max_new_tokens or 128
        self.calls = 0
        self.sentences = 0


class Seq2SeqBackend(_GenerativeBackend):
    """Encoder-decoder rewriters (T5, BART, CoEdIT) with an instruction prefix."""

    kind = "seq2seq"
    DEFAULT_BATCH_SIZE = 16
    #: CoEdIT's own instruction for grammatical error correction.
    DEFAULT_PREFIX = "Fix grammatical errors in this sentence: "

    def __init__(self, *args: Any, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prefix = self.DEFAULT_PREFIX if prefix is None else prefix

    @classmethod
    def load(cls, info: ModelInfo, device: Any, dtype: Any, **options: Any) -> Seq2SeqBackend:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(info.path), local_files_only=True, trust_remote_code=False)
        model = AutoModelForSeq2SeqLM.from_pretrained(str(info.path), **_pretrained_kwargs(dtype))
        model.to(device).eval()
        return cls(model, tokenizer, info, device, **options)

    def propose(self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None) -> list[Proposal]:
        import torch

        out: list[Proposal | None] = [None] * len(sentences)
        for batch in sorted_batches(sentences, self.batch_size):
            enc = self.tokenizer(
                [self.prefix + sentences[i] for i in batch],
                return_tensors="pt",
                padding=True,
                truncation=True,
                max_length=512,
            ).to(self.device)
            limit = min(self.max_new_tokens, int(enc["input_ids"].shape[1] * 1.5) + 8)
            config = _greedy_config(self.model, limit, self.tokenizer)
            with torch.inference_mode():
                result = self.model.generate(**enc, generation_config=config)
            self.calls += 1
            self.sentences += len(batch)
            new_tokens = result.sequences[:, 1:]  # the decoder start token is not generated
            confidence = _sequence_confidence(self.model, result, new_tokens, config.pad_token_id)
            texts = self.tokenizer.batch_decode(result.sequences, skip_special_tokens=True)
            for i, text, conf in zip(batch, texts, confidence, strict=True):
                out[i] = Proposal(clean_output(text), conf)
        return [p if p is not None else Proposal(s) for p, s in zip(out, sentences, strict=True)]


class CausalBackend(_GenerativeBackend):
    """Instruction-tuned decoder models, prompted through their chat template."""

    kind = "causal"
    PROMPT = (
        "Correct the grammar, spelling and punctuation of the sentence below. Keep every name, "
        "number and URL exactly as written. Reply with the corrected sentence only, nothing else."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tokenizer = self.tokenizer
        tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token

    @classmethod
    def load(cls, info: ModelInfo, device: Any, dtype: Any, **options: Any) -> CausalBackend:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(str(info.path), local_files_only=True, trust_remote_code=False)
        model = AutoModelForCausalLM.from_pretrained(str(info.path), **_pretrained_kwargs(dtype))
        model.to(device).eval()
        return cls(model, tokenizer, info, device, **options)

    def prompt(self, sentence: str, context: tuple[str, str] | None = None) -> str:
        """The model input for one sentence: the chat template when the tokenizer has one."""
        user = self.PROMPT
        if context and any(context):
            user += f"\n\nContext, not to be corrected: {context[0]} [...] {context[1]}".rstrip()
        user += f"\n\nSentence: {sentence}"
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template(
                [{"role": "user", "content": user}], tokenize=False, add_generation_prompt=True
            )
        return f"{user}\nCorrected sentence:"

    def propose(self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None) -> list[Proposal]:
        import torch

        out: list[Proposal | None] = [None] * len(sentences)
        for batch in sorted_batches(sentences, self.batch_size):
            prompts = [self.prompt(sentences[i], contexts[i] if contexts else None) for i in batch]
            enc = self.tokenizer(prompts, return_tensors="pt", padding=True, add_special_tokens=False).to(self.device)
            longest = max(len(self.tokenizer(sentences[i], add_special_tokens=False)["input_ids"]) for i in batch)
            limit = min(self.max_new_tokens, int(longest * 1.5) + 8)
            config = _greedy_config(self.model, limit, self.tokenizer)
            with torch.inference_mode():
                result = self.model.generate(**enc, generation_config=config)
            self.calls += 1
            self.sentences += len(batch)
            new_tokens = result.sequences[:, enc["input_ids"].shape[1] :]
            confidence = _sequence_confidence(self.model, result, new_tokens, config.pad_token_id)
            texts = self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
            for i, text, conf in zip(batch, texts, confidence, strict=True):
                out[i] = Proposal(clean_output(text), conf)
        return [p if p is not None else Proposal(s) for p, s in zip(out, sentences, strict=True)]


_LEADS = ("corrected sentence:", "corrected:", "sentence:", "output:")


def clean_output(text: str) -> str:
    """The first non-empty line of a generation, without a restated label or wrapping quotes."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    first = lines[0] if lines else ""
    low = first.lower()
    for lead in _LEADS:
        if low.startswith(lead):
            first = first[len(lead) :].strip()
            break
    if len(first) >= 2 and first[0] == first[-1] and first[0] in "\"'`":
        first = first[1:-1].strip()
    return first
