"""Tiny models built from configs for the tests: a character tagger, a T5 and a causal LM.

Everything is built locally (no download): the tokenizers are trained on a few
sentences with the ``tokenizers`` library, the models are initialised from configs
and trained a few steps on synthetic (corrupted, clean) pairs from ``mtqa.synth``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

SENTENCES: tuple[str, ...] = (
    "Secretary of State Antony Blinken met Sergey Lavrov in Geneva on 21 January.",
    "The talks lasted 90 minutes, and both sides agreed to meet again.",
    "Lavrov said the proposals would be answered in writing next week.",
    "Blinken told reporters that the United States remained ready for dialogue.",
    "The foreign ministers spoke for the second time this month, because tensions were rising.",
    "Officials said 100,000 troops had gathered near the border by Friday.",
    "Kuleba thanked his partners for their support and called for calm.",
    "The meeting in Geneva ended without a breakthrough, but the door stayed open.",
)


def pairs(n: int, seed: int = 0) -> list[tuple[str, str]]:
    """(corrupted, clean) pairs of the tagger's local artefact kinds, and some clean ones."""
    from mtqa.corrector.train import Group, make_pair, units

    rng = random.Random(seed)
    pool = units([Group("tiny", SENTENCES)])
    out = []
    for _ in range(n):
        pair = make_pair(rng.choice(pool), rng, p_clean=0.2)
        out.append((pair.corrupted, pair.clean))
    return out


def build_tagger(directory: Path, steps: int = 6, seed: int = 0) -> Path:
    """A 2-layer, 32-wide character tagger trained ``steps`` steps; saved with its tokenizer."""
    from mtqa.corrector.tagger import CharTokenizer, TaggerModel
    from mtqa.corrector.train import Group, TrainSettings, train, units

    tokenizer = CharTokenizer.build(SENTENCES, max_length=128)
    settings = TrainSettings(
        steps=steps,
        batch_size=8,
        window=48,
        pool=64,
        warmup=2,
        learning_rate=3e-3,
        seed=seed,
        architecture={
            "hidden_size": 32,
            "num_hidden_layers": 2,
            "num_attention_heads": 2,
            "intermediate_size": 64,
            "max_position_embeddings": 128,
        },
    )
    model, _ = train(units([Group("tiny", SENTENCES)]), tokenizer, settings)
    model.config.mtqa_threshold = 0.0
    TaggerModel(model, tokenizer).save(directory)
    return directory


def bpe_tokenizer(texts: Sequence[str], vocab_size: int = 300):
    """A small BPE tokenizer (Metaspace, like SentencePiece) wrapped for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["<pad>", "</s>", "<unk>"])
    tok.train_from_iterator(list(texts), trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", tok.token_to_id("</s>"))]
    )
    return PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="</s>", unk_token="<unk>")


def build_t5(directory: Path, steps: int = 3, seed: int = 0) -> Path:
    """A one-layer, 32-wide T5 trained ``steps`` steps on (corrupted -> clean) pairs: barely trained."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    from mtqa.corrector.backends import Seq2SeqBackend

    torch.manual_seed(seed)
    data = pairs(16, seed)
    tokenizer = bpe_tokenizer([*SENTENCES, Seq2SeqBackend.DEFAULT_PREFIX])
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
    )
    model = T5ForConditionalGeneration(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for step in range(steps):
        batch = data[(step * 8) % len(data) :][:8]
        enc = tokenizer([Seq2SeqBackend.DEFAULT_PREFIX + c for c, _ in batch], return_tensors="pt", padding=True)
        labels = tokenizer([t for _, t in batch], return_tensors="pt", padding=True)["input_ids"]
        labels[labels == tokenizer.pad_token_id] = -100
        loss = model(**enc, labels=labels).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    model.eval()
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def build_causal(directory: Path, seed: int = 0) -> Path:
    """An untrained one-layer Llama with a chat template: it exercises the chat backend's plumbing."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from mtqa.corrector.backends import CausalBackend

    torch.manual_seed(seed)
    tokenizer = bpe_tokenizer([*SENTENCES, CausalBackend.PROMPT])
    tokenizer.chat_template = CHAT_TEMPLATE
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=512,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.eos_token_id,
    )
    model = LlamaForCausalLM(config)
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory
