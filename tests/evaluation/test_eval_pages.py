"""Real-pages evaluation: targets, recall per type and detect, flags outside gold, clean controls."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.evaluation.common import make_engine
from mtqa.evaluation.gold import GoldFormatError, load_gold
from mtqa.evaluation.pages import evaluate_pages

REAL_PAGES = Path(__file__).resolve().parents[1] / "data" / "real-pages"

MT_A = "One BAD word here.\nA fine line.\nAnd BAD again.\n"
MT_B = "Nothing wrong. BAD outside gold.\n"
CLEAN = "A clean page with a BAD trap word.\nAnd a fine end.\nShare this BAD widget\n"


def write_pages(root: Path, gold: list[dict], with_clean: bool = True) -> Path:
    (root / "mt").mkdir(parents=True)
    (root / "mt" / "a.txt").write_text(MT_A, encoding="utf-8")
    (root / "mt" / "b.txt").write_text(MT_B, encoding="utf-8")
    (root / "mt" / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    if with_clean:
        (root / "clean").mkdir()
        (root / "clean" / "c.txt").write_text(CLEAN, encoding="utf-8")
        (root / "clean" / "NOTES.md").write_text("notes are not a page: BAD BAD\n", encoding="utf-8")
        trap = {"file": "c.txt", "text": "BAD trap", "why_not_an_error": "a trap"}
        (root / "clean" / "traps.jsonl").write_text(json.dumps(trap) + "\n", encoding="utf-8")
        known = {"file": "c.txt", "text": "Share this BAD widget", "kind": "furniture", "why": "a share widget"}
        (root / "clean" / "known.jsonl").write_text(json.dumps(known) + "\n", encoding="utf-8")
    return root


GOLD = [
    {"file": "a.txt", "type": "marker", "rules": ["Z901"], "text": "BAD", "start": 4, "end": 7, "detect": "pattern"},
    {"file": "a.txt", "type": "marker", "rules": ["Z901"], "text": "fine", "detect": "pattern"},
    {"file": "a.txt", "type": "other", "text": "line", "detect": "model"},
    {"file": "b.txt", "type": "other", "text": "wrong", "detect": "pattern"},  # 'other': never reachable
]


def test_targets_recall_outside_and_clean(tmp_path: Path, engine) -> None:
    result = evaluate_pages(write_pages(tmp_path, GOLD), engine)
    assert [(s.gold.text, s.found) for s in result.reachable()] == [("BAD", True), ("fine", False)]
    rows = {kind: (len(p), sum(s.found for s in p), len(m)) for kind, p, m in result.type_rows()}
    assert rows == {"marker": (2, 1, 0), "other": (1, 0, 1)}
    # "And BAD again" repeats a gold span's text: on its gold; "BAD outside gold" is outside
    assert [(o.file, o.text) for o in result.outside] == [("b.txt", "BAD")]
    words = len(MT_A.split()) + len(MT_B.split())
    assert result.outside_rate() == pytest.approx(1000 / words)
    assert result.clean is not None and result.clean.files == 1  # NOTES.md is not a page
    assert result.clean_rate() == pytest.approx(1000 / len(CLEAN.split()))
    assert result.clean.traps_flagged == 1
    # the BAD of the share widget is on a known artefact of the page: counted apart, not as false
    assert [(f.file, f.text) for f in result.clean.on_known] == [("c.txt", "BAD")]
    assert [(f.file, f.start) for f in result.clean_flags()] == [("c.txt", CLEAN.index("BAD"))]
    targets = {t.criterion: t for t in result.targets()}
    assert targets["recall of pattern-reachable spans"].measured == "0.50 (1/2)"
    assert not targets["recall of pattern-reachable spans"].met
    assert not targets["clean controls: traps flagged"].met
    assert not result.met
    data = result.to_dict()
    assert data["mt"]["reachable"] == {"found": 1, "total": 2}
    assert data["clean"]["traps_flagged"] == 1


def test_each_page_alone_or_as_one_run(tmp_path: Path) -> None:
    """A name spelled two ways across pages is a corpus finding only when the pages run together."""
    (tmp_path / "mt").mkdir()
    texts = ["Anthony Blinken met Sergey Lavrov.", "Blinken spoke in Kyiv.", "Blinkin said the talks went well."]
    for n, text in enumerate(texts):
        (tmp_path / "mt" / f"{n}.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "mt" / "gold.jsonl").write_text(
        json.dumps({"file": "2.txt", "type": "translit_inconsistency", "text": "Blinkin", "detect": "pattern"}) + "\n"
    )
    engine = make_engine(select=("N102",))
    alone = evaluate_pages(tmp_path, engine)
    together = evaluate_pages(tmp_path, engine, each_alone=False)
    assert alone.clean is None
    assert [s.found for s in alone.reachable()] == [False]
    assert [s.found for s in together.reachable()] == [True]


def test_detect_must_be_pattern_or_model(tmp_path: Path) -> None:
    bad = [dict(GOLD[0], detect="regex")]
    with pytest.raises(GoldFormatError, match="detect"):
        load_gold(write_pages(tmp_path, bad, with_clean=False) / "mt")


def test_missing_mt_folder_is_a_clear_error(tmp_path: Path, engine) -> None:
    with pytest.raises(GoldFormatError, match="no mt/ folder"):
        evaluate_pages(tmp_path, engine)


def test_cli_pages_json_and_text(tmp_path: Path) -> None:
    root = write_pages(tmp_path, GOLD)
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "pages", str(root), "--select", "W101", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["evaluation"] == "pages" and data["each_alone"] is True
    assert data["mt"]["files"] == 2 and data["clean"]["flags"] == 0
    text = runner.invoke(cli, ["eval", "pages", str(root), "--select", "W101", "--details", "--as-run"])
    assert text.exit_code == 0, text.output
    assert "Real pages: real-pages" not in text.output and "(targets)" in text.output
    assert "all pages checked as one run" in text.output
    missing = runner.invoke(cli, ["eval", "pages", str(tmp_path / "mt")])
    assert missing.exit_code == 2 and "no mt/ folder" in missing.output


def test_shipped_corpus_is_well_formed() -> None:
    """The project's real-pages corpus: enough pages and sites, every gold span exact and typed."""
    gold = load_gold(REAL_PAGES / "mt")
    with (REAL_PAGES / "mt" / "SOURCES.tsv").open(encoding="utf-8", newline="") as f:
        sources = list(csv.DictReader(f, delimiter="\t"))
    assert {s["file"] for s in sources} == set(gold.texts)
    assert len(gold.texts) >= 80 and len({s["site"] for s in sources}) >= 30
    assert all(g.detect in ("pattern", "model") and g.note for g in gold.gold)
    assert {g.type for g in gold.gold} <= {
        "merged_token",
        "spacing",
        "double_punct",
        "quote",
        "comma_capital",
        "stray_capital",
        "translit_inconsistency",
        "untranslated",
        "boilerplate",
        "encoding",
        "repeated_word",
        "other",
    }
