"""The training recipe end to end on a tiny corpus: corpus, split, pairs, training, card, metrics."""

from __future__ import annotations

import json
import random
from pathlib import Path

from mtqa.corrector import Corrector
from mtqa.corrector.train import Group, load_corpus, main, make_pair, units
from tests.corrector.tiny import SENTENCES

TINY = {
    "model_type": "bert",
    "hidden_size": 32,
    "num_hidden_layers": 1,
    "num_attention_heads": 2,
    "intermediate_size": 64,
    "max_position_embeddings": 128,
}


def test_corpus_reading_keeps_references_apart(tmp_path: Path) -> None:
    tsv = tmp_path / "mqm.tsv"
    tsv.write_text(
        "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
        "ref\ttalk.1\t1\t1\tr1\tx\tThe <v>light</v> bends.\tNo-error\tNo-error\n"
        "refB\ttalk.1\t1\t1\tr1\tx\tLight is bent.\tNo-error\tNo-error\n"
        "sysA\ttalk.1\t1\t1\tr1\tx\tLight bend.\tFluency\tMinor\n",
        encoding="utf-8",
    )
    txt = tmp_path / "news.txt"
    txt.write_text("First line.\n\nSecond line.\n", encoding="utf-8")
    groups = load_corpus([tsv, txt])
    assert groups[0].segments == ("The light bends.", "Light is bent.") and groups[0].alternatives
    assert groups[1].segments == ("First line.", "Second line.")
    made = units(groups)
    assert "The light bends. Light is bent." not in made  # two translations are not running text
    assert "First line. Second line." in made


def test_pairs_are_seeded() -> None:
    pool = units([Group("t", SENTENCES)])
    first = [make_pair(pool[i], random.Random(i)) for i in range(10)]
    assert first == [make_pair(pool[i], random.Random(i)) for i in range(10)]


def test_recipe_writes_a_loadable_model_with_its_card(tmp_path: Path) -> None:
    corpus = []
    for n in range(4):
        path = tmp_path / f"doc{n}.txt"
        path.write_text("\n".join(SENTENCES[2 * n : 2 * n + 2]) + "\n", encoding="utf-8")
        corpus.append(str(path))
    config = tmp_path / "config.json"
    config.write_text(json.dumps(TINY), encoding="utf-8")
    out = tmp_path / "model"
    args = [*corpus, "--out", str(out), "--config", str(config), "--steps", "3", "--batch-size", "8"]
    args += ["--window", "48", "--pool", "64", "--held-out", "50", "--variants", "1", "--validation", "8"]
    assert main(args) == 0
    names = {p.name for p in out.iterdir()}
    assert {"model.safetensors", "config.json", "char_tokenizer.json", "metrics.json", "README.md"} <= names
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["train"]["steps"] == 3 and metrics["evaluation"]["rows"]
    card = (out / "README.md").read_text()
    assert "Training data" in card and "rules, UNSAFE fixes" in card and metrics["revision"] in card
    corrector = Corrector.load(out)
    assert corrector.backend.threshold == metrics["threshold"]
