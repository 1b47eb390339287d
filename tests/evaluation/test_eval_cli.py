"""`mtqa eval` end to end through click, and the synthetic and clean evaluations behind it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import need_shared

from mtqa.cli import cli
from mtqa.evaluation.clean import evaluate_clean
from mtqa.evaluation.synth_eval import evaluate_synth
from mtqa.rules import all_rules

HEADER = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity"
TSV = (
    "\n".join(
        [
            HEADER,
            "sysA\ttalk.1\t1\t1\tr1\tsrc\tThe data were collected by <v>Efe. .</v>\tFluency/Punctuation\tMinor",
            "sysB\ttalk.1\t1\t1\tr2\tsrc\tThe data were collected by Efe.\tNo-error\tNo-error",
        ]
    )
    + "\n"
)
CLEAN = (
    "Officials said on Friday that the talks would continue, and that the ministers would meet again.\n"
    "The minister, who arrived in Geneva on Thursday, said the meeting had been useful.\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["eval", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_eval_mqm_json(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text(TSV, encoding="utf-8")
    code, out, _ = run("mqm", str(tmp_path / "m.tsv"), "--select", "P101", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["evaluation"] == "mqm" and data["rows"] == 2 and data["clean_segments"] == 1
    (rule,) = data["rules"]
    assert rule["code"] == "P101" and (rule["flags"], rule["hits"], rule["clean_flags"]) == (1, 1, 0)


def test_eval_mqm_text_and_markdown(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text(TSV, encoding="utf-8")
    code, out, _ = run("mqm", str(tmp_path / "m.tsv"), "--unit", "document", "--details")
    assert code == 0 and "MQM: m.tsv (per rule)" in out and "precision" in out and "Flags" in out
    code, out, _ = run("mqm", str(tmp_path / "m.tsv"), "--format", "markdown")
    assert code == 0 and "| rule | flags | precision |" in out


def test_eval_gold(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text("The data were collected by Efe. .\n", encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"type": "double_punct", "text": "Efe. ."}) + "\n")
    code, out, _ = run("gold", str(tmp_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["levels"] == {"must": {"found": 1, "total": 1}}


def test_eval_synth_and_clean(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run("synth", str(tmp_path / "clean.txt"), "--trials", "2", "--seed", "1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert kinds["double_punct"]["injected"] == 2 and data["seed"] == 1
    code, out, _ = run("synth", str(tmp_path), "--kind", "spacing", "--by-variant")
    assert code == 0 and "spacing" in out and "SAFE restored" in out
    code, out, _ = run("clean", str(tmp_path))
    assert code == 0 and "flags per 1,000 words" in out


@pytest.mark.parametrize(
    "args",
    [
        ("mqm", "MISSING.tsv"),
        ("gold", "."),  # no gold.jsonl here
        ("synth", ".", "--kind", "typo"),
        ("clean", ".", "--select", "NOPE999"),
    ],
)
def test_unusable_input_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text(CLEAN, encoding="utf-8")
    code, _, _ = run(*args)
    assert code == 2


def test_bad_mqm_header_exits_2(tmp_path: Path) -> None:
    (tmp_path / "m.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    code, _, err = run("mqm", str(tmp_path / "m.tsv"))
    assert code == 2 and "missing column" in err


def test_synth_safe_fixes_restore_typographic_artefacts(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    codes = {r.code for r in all_rules()}
    kinds = [k for k, c in (("double_punct", "P101"), ("spacing", "W102")) if c in codes]
    if not kinds:
        pytest.skip("neither P101 nor W102 is registered")
    from mtqa.evaluation.common import make_engine

    result = evaluate_synth([tmp_path], make_engine(), trials=3, kinds=kinds)
    for k in result.kinds:
        assert k.safe_worse == 0
        if k.kind in kinds:
            assert k.injected == 3 and k.safe_restored == 3, k


def test_clean_evaluation_counts_traps(tmp_path: Path, engine) -> None:
    (tmp_path / "a.txt").write_text("one BAD two\nthree BAD\n", encoding="utf-8")
    (tmp_path / "traps.jsonl").write_text(
        json.dumps({"file": "a.txt", "text": "BAD", "why_not_an_error": "test"})
        + "\n"
        + json.dumps({"file": "a.txt", "text": "three", "why_not_an_error": "test"})
        + "\n"
    )
    result = evaluate_clean([tmp_path], engine)
    assert result.words == 5 and result.total(True) == 2
    assert result.rate("Z901") == pytest.approx(400.0)
    assert [t.flagged_by for t in result.traps] == [("Z901",), ()]


def test_shared_clean_news_runs() -> None:
    path = need_shared("clean-news")
    code, out, _ = run("clean", str(path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["files"] == 14 and len(data["traps"]) >= 20


def test_eval_checks_each_text_in_its_language_unless_told(tmp_path: Path) -> None:
    german = (
        "Die Regierung hat am Montag neue Maßnahmen angekündigt, die ab dem kommenden Jahr gelten sollen.\n"
        "Der Minister sagte, dass die Kosten noch nicht bekannt seien und weitere Gespräche folgen würden.\n"
    )
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    _, found, _ = run("clean", str(tmp_path), "--format", "json", "--select", "L101")
    _, forced, _ = run("clean", str(tmp_path), "--format", "json", "--select", "L101", "--language", "en")
    assert json.loads(found)["stable_total"]["flags"] == 0  # found to be German: nothing untranslated
    assert json.loads(forced)["stable_total"]["flags"] == 2  # told it is English: both sentences are not
