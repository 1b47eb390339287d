"""Corrector speed: sentences per second and peak memory by batch size, for both kinds of model.

    python benchmarks/model.py                       # tagger + T5-small-sized seq2seq, random weights
    python benchmarks/model.py --tagger DIR --seq2seq DIR --batch-sizes 1,16,64,256

Each (model, batch size) runs in a fresh subprocess so that its peak resident memory
(``ru_maxrss``) is its own. Speed does not depend on what the weights learned, so by
default both models are built from configs with random weights: the artefact-repair
tagger (``models/artefact-repair/config.json``) and a sequence-to-sequence model with
t5-small's shape (60 M parameters), forced to generate as many tokens as its input has
(a rewrite is about as long as the sentence). Pass real checkpoints with --tagger /
--seq2seq. The rules' own speed on the same sentences is printed alongside: the model
only sees the sentences the rules flagged, so the rules are the cost to compare with.

Sentences: the clean-news and MQM reference sentences of ../shared/data, with one
synthetic artefact in each (``mtqa.synth``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")

T5_SMALL = {
    "d_model": 512,
    "d_kv": 64,
    "d_ff": 2048,
    "num_layers": 6,
    "num_decoder_layers": 6,
    "num_heads": 8,
    "vocab_size": 32128,
}


def sentences(n: int) -> list[str]:
    from mtqa.corrector.train import LOCAL_KINDS, load_corpus, make_pair, sentences_of

    files = [*sorted((DATA / "clean-news").glob("*.txt")), DATA / "mqm" / "mqm_ted_zhen.tsv"]
    pool = sentences_of(load_corpus(files))
    rng = random.Random(0)
    rng.shuffle(pool)
    out = []
    for s in pool[:n]:
        out.append(make_pair(s, rng, p_clean=0.0, kinds=LOCAL_KINDS).corrupted)
    return out


def worker(kind: str, batch: int, n: int, path: str | None, threads: int) -> dict:
    import torch

    torch.set_num_threads(threads)
    texts = sentences(n)
    if kind == "rules":
        from mtqa.document import Document
        from mtqa.engine import Engine

        engine = Engine()
        start = time.perf_counter()
        for t in texts:
            engine.check_document(Document.from_text(t))
        seconds = time.perf_counter() - start
        params = 0
    elif kind == "tagger":
        from mtqa.corrector.tagger import CharTokenizer, TaggerModel, build_model

        if path:
            from mtqa.corrector import load_backend

            tagger = load_backend(path, device="cpu").tagger
        else:
            arch = json.loads((ROOT / "models" / "artefact-repair" / "config.json").read_text())
            tokenizer = CharTokenizer.build(texts)
            model = build_model(tokenizer, arch).eval()
            model.config.mtqa_window = 96
            tagger = TaggerModel(model, tokenizer)
        params = sum(p.numel() for p in tagger.model.parameters())
        tagger.tag(texts[:batch], batch_size=batch)  # warm-up
        start = time.perf_counter()
        tagger.tag(texts, batch_size=batch)
        seconds = time.perf_counter() - start
    else:
        from transformers import AutoModelForSeq2SeqLM, T5Config, T5ForConditionalGeneration

        if path:
            from transformers import AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True, use_safetensors=True).eval()
        else:
            sys.path.insert(0, str(ROOT))
            from tests.corrector.tiny import bpe_tokenizer

            tokenizer = bpe_tokenizer(texts, vocab_size=2000)
            model = T5ForConditionalGeneration(T5Config(**T5_SMALL, decoder_start_token_id=0, pad_token_id=0)).eval()
        params = sum(p.numel() for p in model.parameters())
        from mtqa.corrector.backends import Seq2SeqBackend, sorted_batches

        prefix = Seq2SeqBackend.DEFAULT_PREFIX

        def run(chunk: list[str]) -> None:
            enc = tokenizer([prefix + t for t in chunk], return_tensors="pt", padding=True, truncation=True)
            length = int(tokenizer(chunk[0], return_tensors="pt")["input_ids"].shape[1])
            forced = {} if path else {"min_new_tokens": length}
            with torch.inference_mode():
                model.generate(**enc, max_new_tokens=length, do_sample=False, num_beams=1, **forced)

        run(texts[:batch])  # warm-up
        start = time.perf_counter()
        for idx in sorted_batches(texts, batch):
            run([texts[i] for i in idx])
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    row = {
        "kind": kind,
        "batch": batch,
        "sentences": len(texts),
        "seconds": seconds,
        "peak_mib": peak,
        "params": params,
    }
    return row


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tagger", default=None, help="a trained tagger directory (default: random weights)")
    p.add_argument("--seq2seq", default=None, help="a seq2seq checkpoint directory (default: t5-small shape, random)")
    p.add_argument("--batch-sizes", default="1,16,64,256")
    p.add_argument("--seq2seq-batch-sizes", default="1,8,32")
    p.add_argument("--sentences", type=int, default=256)
    p.add_argument("--seq2seq-sentences", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--json", action="store_true", help="print the rows as JSON too")
    p.add_argument("--worker", nargs=3, metavar=("KIND", "BATCH", "N"), help=argparse.SUPPRESS)
    p.add_argument("--path", default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.worker:
        kind, batch, n = args.worker
        print(json.dumps(worker(kind, int(batch), int(n), args.path, args.threads)))
        return
    jobs = [("rules", 1, args.sentences, None)]
    jobs += [("tagger", int(b), args.sentences, args.tagger) for b in args.batch_sizes.split(",")]
    jobs += [("seq2seq", int(b), args.seq2seq_sentences, args.seq2seq) for b in args.seq2seq_batch_sizes.split(",")]
    rows = []
    for kind, batch, n, path in jobs:
        cmd = [sys.executable, __file__, "--worker", kind, str(batch), str(n), "--threads", str(args.threads)]
        if path:
            cmd += ["--path", path]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            raise SystemExit(f"{kind} batch {batch} failed")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    device = f"CPU ({platform.machine()}), {args.threads} threads, {os.cpu_count()} cores"
    print(f"device: {device}; python {platform.python_version()}")
    print(f"{'model':<10} {'params':>11} {'batch':>6} {'sentences':>9} {'sent/s':>9} {'peak MiB':>9}")
    for r in rows:
        rate = r["sentences"] / r["seconds"]
        cells = f"{r['kind']:<10} {r['params']:>11,} {r['batch']:>6} {r['sentences']:>9}"
        print(f"{cells} {rate:>9.1f} {r['peak_mib']:>9.0f}")
    if args.json:
        print(json.dumps({"device": device, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
