"""Train the artefact-repair character tagger from any clean corpus (``python -m mtqa.corrector.train``).

The recipe:

1. **Corpus.** Clean text the user has: ``.txt`` files (one sentence or paragraph a
   line; a file is a document) and MQM-style ``.tsv`` files (the ``target`` column of
   the reference systems, ``<v>`` markers stripped; a ``doc``/``seg_id`` pair is a group).
2. **Held-out split** by group (a file, or a TSV segment with all its references), by a
   stable hash, so that no held-out sentence is seen in training.
3. **Pairs.** Units of one or two consecutive sentences; ``mtqa.synth.inject`` adds one
   to three local artefacts (glued tokens, doubled punctuation, irregular spacing,
   capital after a comma, stray capital) at seeded offsets, or none (a clean unit, so
   that the tagger learns to leave text alone). Labels come from aligning the corrupted
   unit with the clean one (``tagger.derive_labels``). Fresh pairs are drawn every step.
4. **Model.** A small BERT token-classification encoder over characters
   (``models/artefact-repair/config.json``), trained from scratch with AdamW, warm-up and
   cosine decay, for a time budget (``--minutes``) or a number of steps.
5. **Threshold** chosen on validation pairs drawn from the training groups: the edit
   probability threshold that maximises restoration minus five times the share of clean
   units changed (a changed clean sentence costs an editor more than a missed repair).
6. **Measured** on the held-out pairs (``evaluate``): exact restoration and clean units
   changed, for the tagger alone, for the UNSAFE rule fixes, and for ``mtqa fix
   --unsafe-fixes`` with the model (rules + guarded tagger). The output directory gets
   ``model.safetensors``, ``config.json``, ``char_tokenizer.json``, ``metrics.json`` and
   a model card ``README.md`` that records data, settings and numbers.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import platform
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mtqa.corrector.tagger import LABELS, CharTokenizer, derive_labels

#: The artefacts the tagger learns to repair: local, character-level ones.
LOCAL_KINDS: tuple[str, ...] = ("merged_token", "double_punct", "spacing", "comma_capital", "stray_capital")
REFERENCE_SYSTEMS = ("ref", "refB")
_MARKER = re.compile(r"</?v>")


# --------------------------------------------------------------------------------------------
# Corpus and split
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Clean segments that belong together: a file's consecutive lines, or one TSV segment's references.

    ``alternatives`` marks segments that are translations of the same source (not running
    text): they are never joined into one training unit.
    """

    key: str
    segments: tuple[str, ...]
    alternatives: bool = False


def load_corpus(paths: Iterable[str | Path]) -> list[Group]:
    """Groups of clean segments from ``.txt`` files and MQM ``.tsv`` files (reference systems only)."""
    groups: list[Group] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix == ".tsv":
            groups.extend(_tsv_groups(path))
        else:
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
            groups.append(Group(path.name, tuple(line for line in lines if line)))
    return groups


def _tsv_groups(path: Path) -> list[Group]:
    by_key: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("system") not in REFERENCE_SYSTEMS:
                continue
            key = f"{path.name}:{row['doc']}:{int(row['seg_id']):06d}"
            text = _MARKER.sub("", row["target"]).strip()
            if text:
                by_key.setdefault(key, {})[row["system"]] = text
    return [Group(k, tuple(dict.fromkeys(v[s] for s in sorted(v))), True) for k, v in sorted(by_key.items())]


def held_out(group: Group, percent: float) -> bool:
    """Stable split: the same group is held out on every machine and every run."""
    digest = hashlib.sha256(group.key.encode()).digest()
    return int.from_bytes(digest[:4], "big") % 10000 < percent * 100


def split(groups: Sequence[Group], percent: float = 12.0) -> tuple[list[Group], list[Group]]:
    train = [g for g in groups if not held_out(g, percent)]
    test = [g for g in groups if held_out(g, percent)]
    return train, test


def units(groups: Sequence[Group], max_chars: int = 320) -> list[str]:
    """Training units: every sentence, and every pair of consecutive sentences, of at most ``max_chars``."""
    from mtqa.segmentation import sentence_spans

    out: list[str] = []
    for group in groups:
        texts = [[seg] for seg in group.segments] if group.alternatives else [list(group.segments)]
        for text in texts:
            sentences = [s.slice(seg) for seg in text for s in sentence_spans(seg)]
            for i, sent in enumerate(sentences):
                if len(sent) <= max_chars:
                    out.append(sent)
                if i + 1 < len(sentences):
                    pair = f"{sent} {sentences[i + 1]}"
                    if len(pair) <= max_chars:
                        out.append(pair)
    return list(dict.fromkeys(out))


def sentences_of(groups: Sequence[Group]) -> list[str]:
    from mtqa.segmentation import sentence_spans

    return list(dict.fromkeys(s.slice(seg) for g in groups for seg in g.segments for s in sentence_spans(seg)))


# --------------------------------------------------------------------------------------------
# Synthetic pairs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    corrupted: str
    clean: str
    kinds: tuple[str, ...]

    @property
    def is_clean(self) -> bool:
        return self.corrupted == self.clean


def make_pair(unit: str, rng: random.Random, p_clean: float = 0.3, kinds: Sequence[str] = LOCAL_KINDS) -> Pair:
    """One (corrupted, clean) pair: 1-3 injected artefacts of random kinds, or none."""
    from mtqa.synth import inject

    if rng.random() < p_clean:
        return Pair(unit, unit, ())
    chosen = [rng.choice(kinds) for _ in range(rng.choice((1, 1, 2, 3)))]
    result = inject(unit, chosen, seed=rng.randrange(1 << 30))
    return Pair(result.corrupted, unit, tuple(i.kind for i in result.injections))


def make_pairs(units_: Sequence[str], n: int, seed: int, p_clean: float = 0.3) -> list[Pair]:
    rng = random.Random(seed)
    return [make_pair(rng.choice(units_), rng, p_clean) for _ in range(n)]


def held_out_pairs(units_: Sequence[str], variants: int = 3, seed: int = 1234) -> list[Pair]:
    """Corrupted held-out pairs: ``variants`` seeded corruptions of every unit (clean results dropped)."""
    rng = random.Random(seed)
    pairs = []
    for unit in units_:
        for _ in range(variants):
            pair = make_pair(unit, rng, p_clean=0.0)
            if not pair.is_clean:
                pairs.append(pair)
    return list({(p.corrupted, p.clean): p for p in pairs}.values())


# --------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------


@dataclass
class TrainSettings:
    minutes: float = 5.0
    steps: int | None = None
    batch_size: int = 32
    learning_rate: float = 5e-4
    warmup: int = 20
    #: Loss weight of the edit labels against KEEP (edits are ~2 % of characters; without a weight a
    #: short CPU run learns to keep everything). The threshold then trims the extra edits.
    edit_weight: float = 2.0
    weight_decay: float = 0.01
    p_clean: float = 0.3
    seed: int = 0
    max_chars: int = 320
    #: Characters per training example (a window around an edit); also the inference window.
    window: int = 64
    #: Labelled pairs drawn once before training and sampled from (drawing them costs more than a step).
    pool: int = 30000
    #: torch CPU threads: 1 is fastest on a busy machine (threads that wait for each other cost more).
    threads: int | None = 1
    architecture: dict[str, Any] = field(default_factory=dict)


@dataclass
class TrainResult:
    steps: int
    seconds: float
    final_loss: float
    examples: int
    pool: int
    losses: list[tuple[int, float]]


def _window(labels: Sequence[str], size: int, rng: random.Random) -> tuple[int, int]:
    """A training window of ``size`` characters, around a random edit when there is one."""
    n = len(labels)
    if n <= size:
        return 0, n
    edits = [i for i, label in enumerate(labels) if label != "KEEP"]
    if edits:
        at = rng.choice(edits)
        margin = min(8, size // 4)
        start = at - rng.randint(margin, size - 1 - margin)
    else:
        start = rng.randint(0, n - size)
    start = max(0, min(start, n - size))
    return start, start + size


def labelled_pool(train_units: Sequence[str], n: int, seed: int, p_clean: float) -> list[tuple[str, list[str]]]:
    """``n`` training pairs drawn once, with their labels (pairs the labels cannot express are skipped)."""
    rng = random.Random(seed)
    pool: list[tuple[str, list[str]]] = []
    for _ in range(n * 5):
        if len(pool) >= n:
            break
        pair = make_pair(rng.choice(train_units), rng, p_clean)
        labels = derive_labels(pair.corrupted, pair.clean)
        if labels is not None:
            pool.append((pair.corrupted, labels))
    return pool


def _batch_tensors(
    pairs: Sequence[tuple[str, list[str]]], tokenizer: CharTokenizer, window: int, rng: random.Random
) -> tuple[Any, Any, Any]:
    import torch

    label_id = {label: i for i, label in enumerate(LABELS)}
    rows = []
    for corrupted, labels in pairs:
        start, end = _window(labels, window, rng)
        rows.append((tokenizer.encode(corrupted[start:end]), [label_id[x] for x in labels[start:end]]))
    width = max(len(r[0]) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    target = torch.full((len(rows), width), -100, dtype=torch.long)
    for i, (enc, lab) in enumerate(rows):
        ids[i, : len(enc)] = torch.tensor(enc)
        mask[i, : len(enc)] = 1
        target[i, : len(lab)] = torch.tensor(lab)
    return ids, mask, target


def train(
    train_units: Sequence[str],
    tokenizer: CharTokenizer,
    settings: TrainSettings,
    log: Any = None,
) -> tuple[Any, TrainResult]:
    """Train a fresh tagger on pairs drawn from ``train_units``; returns the model and a summary."""
    import torch

    from mtqa.corrector.tagger import build_model

    if settings.threads:
        torch.set_num_threads(settings.threads)
    model = build_model(tokenizer, settings.architecture, seed=settings.seed)
    model.config.mtqa_window = settings.window
    model.train()
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")
    params = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": settings.weight_decay,
        },
        {"params": [p for n, p in model.named_parameters() if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(params, lr=settings.learning_rate)
    weights = torch.full((len(LABELS),), float(settings.edit_weight))
    weights[LABELS.index("KEEP")] = 1.0
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights, ignore_index=-100)
    rng = random.Random(settings.seed)
    pool = labelled_pool(train_units, settings.pool, settings.seed + 1, settings.p_clean)
    start = time.perf_counter()
    budget = settings.minutes * 60
    planned = settings.steps
    losses: list[tuple[int, float]] = []
    examples = 0
    step = 0
    smooth = None
    while True:
        elapsed = time.perf_counter() - start
        if (planned is not None and step >= planned) or (planned is None and elapsed >= budget):
            break
        # the schedule follows the steps when they are fixed, else the clock (a shared CPU slows down unevenly)
        progress = step / planned if planned is not None else elapsed / budget
        batch = [rng.choice(pool) for _ in range(settings.batch_size)]
        ids, mask, target = _batch_tensors(batch, tokenizer, settings.window, rng)
        examples += ids.shape[0]
        lr = _lr(step, progress, settings)
        for group in optimizer.param_groups:
            group["lr"] = lr
        logits = model(input_ids=ids, attention_mask=mask).logits
        loss_t = loss_fn(logits.reshape(-1, logits.shape[-1]), target.reshape(-1))
        loss_t.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        loss = float(loss_t.detach())
        smooth = loss if smooth is None else 0.95 * smooth + 0.05 * loss
        step += 1
        if step % 25 == 0:
            losses.append((step, round(smooth, 5)))
            if log:
                elapsed = time.perf_counter() - start
                log(f"step {step}  loss {smooth:.4f}  lr {lr:.2e}  {elapsed:.0f}s")
    model.eval()
    seconds = time.perf_counter() - start
    return model, TrainResult(step, seconds, float(smooth or 0.0), examples, len(pool), losses)


def _lr(step: int, progress: float, s: TrainSettings) -> float:
    """Linear warm-up over ``warmup`` steps, then cosine decay to 5 % over the run's ``progress`` (0 to 1)."""
    if step < s.warmup:
        return s.learning_rate * (step + 1) / s.warmup
    return s.learning_rate * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """Restoration of corrupted pairs and changes to clean units, for one way of fixing."""

    name: str
    pairs: int
    restored: int
    unchanged: int
    clean: int
    clean_changed: int

    @property
    def restoration(self) -> float:
        return self.restored / max(1, self.pairs)

    @property
    def broken(self) -> float:
        """Pairs left neither restored nor as they were (a wrong edit)."""
        return (self.pairs - self.restored - self.unchanged) / max(1, self.pairs)

    @property
    def clean_change_rate(self) -> float:
        return self.clean_changed / max(1, self.clean)

    def row(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "pairs": self.pairs,
            "restored": self.restored,
            "restoration": round(self.restoration, 4),
            "wrong": round(self.broken, 4),
            "clean": self.clean,
            "clean_changed": self.clean_changed,
            "clean_change_rate": round(self.clean_change_rate, 4),
        }


def _outcome(name: str, pairs: Sequence[Pair], fixed: Sequence[str], clean: Sequence[str], clean_fixed: Sequence[str]):
    restored = sum(f == p.clean for p, f in zip(pairs, fixed, strict=True))
    unchanged = sum(f == p.corrupted for p, f in zip(pairs, fixed, strict=True))
    changed = sum(a != b for a, b in zip(clean, clean_fixed, strict=True))
    return Outcome(name, len(pairs), restored, unchanged, len(clean), changed)


def tagger_outputs(tagger: Any, texts: Sequence[str], threshold: float, batch_size: int = 64) -> list[str]:
    return [t.corrected(threshold) for t in tagger.tag(list(texts), batch_size=batch_size)]


def fix_outputs(texts: Sequence[str], corrector: Any = None, rules: bool = True) -> list[str]:
    """What ``mtqa fix --unsafe-fixes`` (with ``--model`` when a corrector is given) makes of each text."""
    from mtqa.document import Document
    from mtqa.engine import Engine, RunOptions
    from mtqa.fixes import FixError, fix_text
    from mtqa.rules import Selection
    from mtqa.span import Applicability

    select = ("ALL", "M101") if corrector is not None else ("ALL",)
    engine = Engine(RunOptions(selection=Selection(select=select), corrector=corrector))
    out = []
    for text in texts:

        def check(t: str) -> list:
            found = engine.check_document(Document.from_text(t))
            return found if rules else [i for i in found if i.code == "M101"]

        try:
            out.append(fix_text(text, check, Applicability.UNSAFE).text)
        except FixError:
            out.append(text)
    return out


def evaluate(
    tagger: Any,
    info: Any,
    pairs: Sequence[Pair],
    clean: Sequence[str],
    threshold: float,
    all_sentences: bool = False,
) -> dict[str, Any]:
    """Every way of fixing on the same held-out pairs and clean units; one row each."""
    from mtqa.corrector.backends import TaggerBackend
    from mtqa.corrector.correct import Corrector

    corrupted = [p.corrupted for p in pairs]
    rows = []
    rows.append(
        _outcome(
            "tagger, no threshold",
            pairs,
            tagger_outputs(tagger, corrupted, 0.0),
            clean,
            tagger_outputs(tagger, clean, 0.0),
        )
    )
    rows.append(
        _outcome(
            f"tagger, threshold {threshold:g}",
            pairs,
            tagger_outputs(tagger, corrupted, threshold),
            clean,
            tagger_outputs(tagger, clean, threshold),
        )
    )
    rows.append(_outcome("rules, UNSAFE fixes", pairs, fix_outputs(corrupted), clean, fix_outputs(clean)))

    def corrector(prefer_rules: bool = True) -> Corrector:
        backend = TaggerBackend(tagger, info, threshold=threshold)
        return Corrector(backend, all_sentences=all_sentences, prefer_rules=prefer_rules)

    c1, c2 = corrector(prefer_rules=False), corrector(prefer_rules=False)
    rows.append(
        _outcome(
            "tagger + guard (M101 fixes only)",
            pairs,
            fix_outputs(corrupted, c1, rules=False),
            clean,
            fix_outputs(clean, c2, rules=False),
        )
    )
    c3, c4 = corrector(), corrector()
    rows.append(
        _outcome(
            "rules + tagger + guard (mtqa fix --model --unsafe-fixes)",
            pairs,
            fix_outputs(corrupted, c3),
            clean,
            fix_outputs(clean, c4),
        )
    )
    by_kind: dict[str, list[bool]] = {}
    raw = tagger_outputs(tagger, corrupted, threshold)
    for p, f in zip(pairs, raw, strict=True):
        for kind in set(p.kinds):
            by_kind.setdefault(kind, []).append(f == p.clean)
    return {
        "rows": [r.row() for r in rows],
        "by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())},
        "guard": {
            "corrupted": {"accepted": sum(r.verdict.accepted for r in c3.records), "reviewed": len(c3.records)},
            "clean": {"accepted": sum(r.verdict.accepted for r in c4.records), "reviewed": len(c4.records)},
        },
    }


def choose_threshold(tagger: Any, pairs: Sequence[Pair], clean: Sequence[str], grid: Sequence[float]) -> dict[str, Any]:
    """Restoration and clean change rate of the tagger alone at each threshold; the pick maximises
    restoration minus five times the clean change rate (a changed clean sentence costs an editor more)."""
    corrupted = [p.corrupted for p in pairs]
    tagged_c = tagger.tag(corrupted)
    tagged_k = tagger.tag(list(clean))
    table = []
    for t in grid:
        restored = sum(x.corrected(t) == p.clean for x, p in zip(tagged_c, pairs, strict=True)) / max(1, len(pairs))
        changed = sum(x.corrected(t) != x.text for x in tagged_k) / max(1, len(clean))
        table.append({"threshold": t, "restoration": round(restored, 4), "clean_change_rate": round(changed, 4)})
    best = max(table, key=lambda r: (r["restoration"] - 5 * r["clean_change_rate"], r["threshold"]))
    return {"threshold": best["threshold"], "grid": table}


# --------------------------------------------------------------------------------------------
# Model card
# --------------------------------------------------------------------------------------------


def model_card(meta: dict[str, Any]) -> str:
    """The README.md written beside the weights."""
    ev = meta["evaluation"]
    lines = [
        "# artefact-repair: a character-level edit tagger for MT artefacts",
        "",
        "Trained with `python -m mtqa.corrector.train` (mtqa "
        f"{meta['mtqa']}). It gives every character of a sentence one edit label "
        "(KEEP, DELETE, LOWER, UPPER, APPEND_<s>) and repairs the local artefacts mtqa's rules name: "
        "glued tokens, doubled punctuation, irregular spacing, a capital after a comma, a stray capital. "
        "It cannot invent words or rename people: it only edits characters in place. Use it through "
        "`mtqa check|fix --model DIR`, where its proposals are UNSAFE fixes reviewed by the guard.",
        "",
        "## Model",
        "",
        f"- Architecture: transformers `{meta['architecture_class']}` "
        f"({meta['parameters']:,} parameters), character vocabulary of {meta['vocab_size']} symbols "
        f"(`char_tokenizer.json`), {len(LABELS)} labels.",
        f"- Weights: `model.safetensors`, {meta['size_bytes'] / 1e6:.1f} MB (fp32), revision `{meta['revision']}`.",
        f"- Confidence threshold: {meta['threshold']:g} (edits below it are dropped; stored as "
        "`mtqa_threshold` in config.json).",
        "",
        "## Training data",
        "",
        f"- Corpus: {', '.join(meta['corpus'])}.",
        f"- {meta['groups']['train']} training groups ({meta['sentences']['train']} sentences), "
        f"{meta['groups']['test']} held-out groups ({meta['sentences']['test']} sentences), split by a stable hash "
        f"of the group ({meta['held_out_percent']:g} % held out).",
        f"- Pairs made by `mtqa.synth.inject` with kinds {', '.join(LOCAL_KINDS)}; "
        f"{meta['settings']['p_clean']:.0%} of training units left clean.",
        "",
        "## Settings",
        "",
        f"- Device: {meta['device']}; {meta['train']['steps']} steps of {meta['settings']['batch_size']} units in "
        f"{meta['train']['seconds'] / 60:.1f} min; AdamW, learning rate {meta['settings']['learning_rate']:g}, "
        f"warm-up {meta['settings']['warmup']} steps, cosine decay; seed {meta['settings']['seed']}; "
        f"final training loss {meta['train']['final_loss']:.4f}.",
        "",
        "## Measured on held-out synthetic pairs",
        "",
        f"{ev['rows'][0]['pairs']} corrupted held-out units (1-3 artefacts each) and {ev['rows'][0]['clean']} clean "
        "held-out units. *Restored*: the output equals the clean text exactly. *Wrong*: changed, but not into "
        "the clean text. *Clean changed*: clean units the method changed at all.",
        "",
        "| method | restored | wrong | clean changed |",
        "|---|---:|---:|---:|",
    ]
    for row in ev["rows"]:
        lines.append(
            f"| {row['name']} | {row['restoration']:.1%} ({row['restored']}/{row['pairs']}) | {row['wrong']:.1%} | "
            f"{row['clean_change_rate']:.1%} ({row['clean_changed']}/{row['clean']}) |"
        )
    lines += [
        "",
        "Exact restoration of the tagger alone (at the threshold) by artefact kind: "
        + ", ".join(f"{k} {v:.0%}" for k, v in ev["by_kind"].items())
        + ".",
        "",
        "## Limits",
        "",
        "Trained for minutes on a small corpus of news and TED-talk references: it knows English "
        'punctuation and casing patterns, not names or meaning. Whether ". " or a space separates a glued '
        "token is often ambiguous from the characters alone. Always use it behind the guard.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def device_name() -> str:
    import os

    import torch

    if torch.cuda.is_available():
        return torch.cuda.get_device_name(0)
    return f"CPU ({platform.machine()}), {torch.get_num_threads()} threads of {os.cpu_count()} cores"


def run(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    from mtqa import __version__
    from mtqa.corrector.loader import ModelInfo, revision
    from mtqa.corrector.tagger import TaggerModel

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    architecture = json.loads(Path(args.config).read_text(encoding="utf-8")) if args.config else {}
    settings = TrainSettings(
        minutes=args.minutes,
        steps=args.steps,
        batch_size=args.batch_size,
        window=args.window,
        pool=args.pool,
        p_clean=args.p_clean,
        learning_rate=args.lr,
        edit_weight=args.edit_weight,
        seed=args.seed,
        threads=args.threads,
        architecture=architecture,
    )
    groups = load_corpus(args.corpus)
    train_groups, test_groups = split(groups, args.held_out)
    train_units = units(train_groups, settings.max_chars)
    test_units = units(test_groups, settings.max_chars)
    log(f"corpus: {len(groups)} groups, {len(train_units)} training units, {len(test_units)} held-out units")
    tokenizer = CharTokenizer.build([u for g in train_groups for u in g.segments])
    model, result = train(train_units, tokenizer, settings, log)
    tagger = TaggerModel(model, tokenizer)

    val = make_pairs(train_units, args.validation, seed=settings.seed + 99, p_clean=0.0)
    val = [p for p in val if not p.is_clean]
    val_clean = random.Random(settings.seed + 98).sample(train_units, min(len(train_units), args.validation))
    chosen = choose_threshold(tagger, val, val_clean, (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98))
    threshold = args.threshold if args.threshold is not None else chosen["threshold"]
    model.config.mtqa_threshold = threshold
    out = Path(args.out)
    tagger.save(out)
    info = ModelInfo(out.name, out, "tagger", revision(out))

    test_sentences = sentences_of(test_groups)
    pairs = held_out_pairs(test_units, variants=args.variants, seed=settings.seed + 7)
    log(f"evaluating on {len(pairs)} corrupted and {len(test_sentences)} clean held-out units")
    evaluation = evaluate(tagger, info, pairs, test_sentences, threshold)
    size = sum(f.stat().st_size for f in out.glob("*.safetensors"))
    meta = {
        "mtqa": __version__,
        "torch": torch.__version__,
        "device": args.device_label or device_name(),
        "architecture_class": type(model).__name__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "vocab_size": tokenizer.vocab_size,
        "size_bytes": size,
        "revision": info.revision,
        "threshold": threshold,
        "threshold_selection": chosen,
        "corpus": [str(Path(p).name) for p in args.corpus],
        "held_out_percent": args.held_out,
        "groups": {"train": len(train_groups), "test": len(test_groups)},
        "sentences": {"train": len(sentences_of(train_groups)), "test": len(test_sentences)},
        "units": {"train": len(train_units), "test": len(test_units)},
        "settings": {k: v for k, v in asdict(settings).items() if k != "architecture"},
        "architecture": architecture,
        "train": asdict(result),
        "evaluation": evaluation,
    }
    (out / "metrics.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "README.md").write_text(model_card(meta), encoding="utf-8")
    for row in evaluation["rows"]:
        log(
            f"{row['name']:<58} restored {row['restoration']:6.1%}  wrong {row['wrong']:5.1%}  "
            f"clean changed {row['clean_change_rate']:5.1%}"
        )
    return meta


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m mtqa.corrector.train", description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", nargs="*", help="clean text: .txt files (a line a sentence/paragraph) or MQM .tsv files")
    p.add_argument("--out", required=True, help="output directory for the model")
    p.add_argument("--config", help="tagger architecture JSON (default: models/artefact-repair/config.json values)")
    p.add_argument("--minutes", type=float, default=5.0, help="training time budget (default 5)")
    p.add_argument("--steps", type=int, default=None, help="train exactly this many steps instead")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--window", type=int, default=64, help="characters per training example (default 64)")
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--edit-weight", type=float, default=2.0, help="loss weight of edit labels against KEEP")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1)")
    p.add_argument("--pool", type=int, default=30000, help="labelled training pairs drawn before training")
    p.add_argument("--p-clean", type=float, default=0.3, help="share of training units left clean (default 0.3)")
    p.add_argument("--held-out", type=float, default=12.0, help="percent of groups held out (default 12)")
    p.add_argument("--variants", type=int, default=3, help="corruptions per held-out unit (default 3)")
    p.add_argument("--validation", type=int, default=400, help="validation pairs for the threshold (default 400)")
    p.add_argument("--threshold", type=float, default=None, help="fix the threshold instead of choosing it")
    p.add_argument("--device-label", default=None, help="how to name the device in the model card")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not args.corpus:
        p.error("give at least one clean corpus file")
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
