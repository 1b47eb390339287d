"""`mtqa score` prints what sacrebleu's own command line prints for the same files.

Each test runs the real `sacrebleu` CLI (``python -m sacrebleu``) in a subprocess on
files written here and compares scores, signatures and confidence intervals.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli

WIDTH = 6


def sacrebleu(*args: str | Path) -> str:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("SACREBLEU_FORMAT", None)
    done = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *map(str, args)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def sacrebleu_json(*args: str | Path) -> list[dict]:
    out = json.loads(sacrebleu(*args, "-f", "json", "-w", str(WIDTH)))
    return out if isinstance(out, list) else [out]


def mtqa(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["score", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def mtqa_json(*args: str | Path) -> dict:
    code, out, err = mtqa(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def assert_same(ours: dict, theirs: dict) -> None:
    assert ours["name"] == theirs["name"]
    assert round(ours["score"], WIDTH) == pytest.approx(theirs["score"], abs=10**-WIDTH)
    assert ours["signature"] == theirs["signature"]


@pytest.mark.parametrize(
    ("metrics", "sacrebleu_args"),
    [
        ("bleu", ["-m", "bleu"]),
        ("chrf", ["-m", "chrf"]),
        ("chrf++", ["-m", "chrf", "--chrf-word-order", "2"]),
        ("ter", ["-m", "ter"]),
    ],
)
def test_each_metric_equals_sacrebleu(corpus, metrics: str, sacrebleu_args: list[str]) -> None:
    ours = mtqa_json(corpus.hyp, "--ref", corpus.ref, "--metrics", metrics)["systems"][0]["scores"][metrics]
    (theirs,) = sacrebleu_json(corpus.ref, "-i", corpus.hyp, *sacrebleu_args)
    assert_same(ours, theirs)


def test_multi_reference_equals_sacrebleu(corpus) -> None:
    ours = mtqa_json(corpus.hyp, "--ref", corpus.ref, "--ref", corpus.ref2)["systems"][0]["scores"]
    theirs = {
        d["name"]: d for d in sacrebleu_json(corpus.ref, corpus.ref2, "-i", corpus.hyp, "-m", "bleu", "chrf", "ter")
    }
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        assert_same(ours[key], theirs[name])
    assert "nrefs:2" in ours["bleu"]["signature"]


def test_text_output_is_sacrebleus_text_output(corpus) -> None:
    code, out, _ = mtqa(corpus.hyp, "--ref", corpus.ref, "--ref", corpus.ref2)
    assert code == 0
    assert out == sacrebleu(corpus.ref, corpus.ref2, "-i", corpus.hyp, "-m", "bleu", "chrf", "ter", "-f", "text")


def test_bootstrap_confidence_equals_sacrebleu(corpus) -> None:
    ours = mtqa_json(corpus.hyp, "--ref", corpus.ref, "--metrics", "bleu,chrf", "--confidence", "--n-bootstrap", "200")
    theirs = {
        d["name"]: d
        for d in sacrebleu_json(corpus.ref, "-i", corpus.hyp, "-m", "bleu", "chrf", "--confidence", "-cin", "200")
    }
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2")):
        mine = ours["systems"][0]["scores"][key]
        assert_same(mine, theirs[name])
        assert "bs:200" in mine["signature"] and "seed:12345" in mine["signature"]
        assert round(mine["confidence"]["mean"], WIDTH) == pytest.approx(theirs[name]["confidence_mean"], abs=1e-6)
        assert round(mine["confidence"]["ci"], WIDTH) == pytest.approx(theirs[name]["confidence_var"], abs=1e-6)


def test_chinese_target_uses_sacrebleus_zh_tokenizer(zh_corpus) -> None:
    hyp, ref = zh_corpus
    (theirs,) = sacrebleu_json(ref, "-i", hyp, "-m", "bleu", "-l", "en-zh")
    assert "tok:zh" in theirs["signature"]
    for extra in ([], ["--language", "zh"], ["--language", "zh-CN"]):  # from the script, or as given
        ours = mtqa_json(hyp, "--ref", ref, "--metrics", "bleu", *extra)["systems"][0]
        assert_same(ours["scores"]["bleu"], theirs)
        assert ours["language"] == "zh"
    (thirteen_a,) = sacrebleu_json(ref, "-i", hyp, "-m", "bleu")
    ours = mtqa_json(hyp, "--ref", ref, "--metrics", "bleu", "--tokenize", "13a")["systems"][0]["scores"]["bleu"]
    assert_same(ours, thirteen_a)
    assert ours["score"] != theirs["score"]


def test_empty_references_allowed_on_request_score_as_sacrebleu(tmp_path: Path, corpus) -> None:
    refs = list(corpus.refs)
    refs[3] = ""
    ref = tmp_path / "holes.en"
    ref.write_text("".join(r + "\n" for r in refs), encoding="utf-8")
    ours = mtqa_json(corpus.hyp, "--ref", ref, "--allow-empty-refs")["systems"][0]["scores"]
    theirs = {d["name"]: d for d in sacrebleu_json(ref, "-i", corpus.hyp, "-m", "bleu", "chrf", "ter")}
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        assert_same(ours[key], theirs[name])


def test_jsonl_fields_score_as_the_same_text_files(tmp_path: Path, corpus) -> None:
    data = tmp_path / "run.jsonl"
    with data.open("w", encoding="utf-8") as fh:
        for i, (h, r) in enumerate(zip(corpus.hyps, corpus.refs, strict=True)):
            fh.write(json.dumps({"id": f"s{i}", "mt": h, "ref": r}, ensure_ascii=False) + "\n")
    ours = mtqa_json(data, "--hyp-field", "mt")["systems"][0]["scores"]
    theirs = {d["name"]: d for d in sacrebleu_json(corpus.ref, "-i", corpus.hyp, "-m", "bleu", "chrf", "ter")}
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
        assert_same(ours[key], theirs[name])
