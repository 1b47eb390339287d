"""mtqa.metrics as a library: corpus scores of documents, references attached to segments, R201."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sacrebleu.metrics import BLEU, CHRF, TER

from mtqa.detectors.base import SettingsError
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.issue import Severity
from mtqa.metrics import (
    ScoreError,
    Stream,
    attach_references,
    corpus_scores,
    parse_metrics,
    score_corpus,
    score_streams,
    sentence_chrf,
)
from mtqa.report.json import render
from mtqa.report.model import Report
from mtqa.rules import Selection

from .conftest import CHINESE

TRANSLATION = (
    "The minister arrived in Kyiv on Monday.\n"
    "\n"
    "The cat sat quietly on the mat.\n"
    "Talks on grain exports were postponed until June.\n"
)
REFERENCE = (
    "The minister arrived in Kyiv on Monday.\n"
    "\n"
    "Stock markets fell sharply on Tuesday.\n"
    "The talks on grain exports were postponed until June.\n"
)


def document() -> Document:
    return attach_references(Document.from_text(TRANSLATION, id="news.txt"), REFERENCE.split("\n")[:-1])


def r201(settings: dict | None = None) -> Engine:
    return Engine(RunOptions(Selection(("R201",)), rule_settings={"low-chrf-vs-reference": settings or {}}))


# ----------------------------------------------------------------------------- library scoring


def test_segment_scores_from_statistics_equal_sentence_scores(corpus) -> None:
    refs = [corpus.refs, corpus.refs2]
    scores, rows = score_corpus(corpus.hyps, refs, metrics=("bleu", "chrf", "chrf++", "ter"), segments=True)
    assert scores["bleu"].score == pytest.approx(BLEU().corpus_score(corpus.hyps, refs).score)
    assert scores["chrf++"].name == "chrF2++"
    bleu, chrf, chrfpp, ter = BLEU(effective_order=True), CHRF(), CHRF(word_order=2), TER()
    for i in range(0, len(corpus.hyps), 17):
        pair = [corpus.refs[i], corpus.refs2[i]]
        assert rows[i]["bleu"] == pytest.approx(bleu.sentence_score(corpus.hyps[i], pair).score)
        assert rows[i]["chrf"] == pytest.approx(chrf.sentence_score(corpus.hyps[i], pair).score)
        assert rows[i]["chrf++"] == pytest.approx(chrfpp.sentence_score(corpus.hyps[i], pair).score)
        assert rows[i]["ter"] == pytest.approx(ter.sentence_score(corpus.hyps[i], pair).score)


def test_bootstrap_equals_sacrebleus_corpus_score(corpus) -> None:
    scores, _ = score_corpus(corpus.hyps, [corpus.refs], metrics=("chrf",), n_bootstrap=100)
    theirs = CHRF().corpus_score(corpus.hyps, [corpus.refs], n_bootstrap=100)
    assert scores["chrf"].confidence is not None
    assert scores["chrf"].confidence.mean == pytest.approx(theirs._mean)
    assert scores["chrf"].confidence.ci == pytest.approx(theirs._ci)
    assert scores["chrf"].format(2).startswith("chrF2|nrefs:1|bs:100|seed:12345|")


def test_score_result_sorts_worst_segments_and_makes_a_dataframe(corpus) -> None:
    result = score_streams(
        Stream.from_texts("hyp", corpus.hyps), [Stream.from_texts("ref", corpus.refs)], segments=True
    )
    worst = result.worst("chrf", 5)
    assert [w.scores["chrf"] for w in worst] == sorted(s.scores["chrf"] for s in result.segments)[:5]
    assert result.worst("ter", 1)[0].scores["ter"] == max(s.scores["ter"] for s in result.segments)
    pd = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.sort_values("chrf")["index"][:5]) == [w.index for w in worst]


def test_parse_metrics() -> None:
    assert parse_metrics(["bleu, chrF", "chrf++", "TER", "bleu"]) == ("bleu", "chrf", "chrf++", "ter")
    with pytest.raises(ScoreError, match="unknown metric 'rouge'"):
        parse_metrics("bleu,rouge")


def test_importing_mtqa_and_its_cli_does_not_import_sacrebleu_or_langdetect() -> None:
    code = (
        "import sys, mtqa.cli, mtqa.metrics, mtqa.readers.parallel; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sacrebleu', 'langdetect')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ----------------------------------------------------------------------------- documents


def test_attach_references_by_line_by_segment_and_by_id() -> None:
    doc = document()
    assert [s.reference for s in doc.segments] == [
        "The minister arrived in Kyiv on Monday.",
        "Stock markets fell sharply on Tuesday.",
        "The talks on grain exports were postponed until June.",
    ]
    by_segment = attach_references(Document.from_text(TRANSLATION), ["a", "b", "c"])
    assert [s.reference for s in by_segment.segments] == ["a", "b", "c"]
    base = Document.from_text("One.\nTwo.\n", id="ids.jsonl")
    from dataclasses import replace

    with_ids = replace(base, segments=tuple(replace(s, id=f"s{s.index}") for s in base.segments))
    by_id = attach_references(with_ids, {"s1": "Deux.", "s0": "Un."})
    assert [s.reference for s in by_id.segments] == ["Un.", "Deux."]
    with pytest.raises(ScoreError, match=r"ids\.jsonl: no reference for segment id 's1'"):
        attach_references(with_ids, {"s0": "Un."})
    with pytest.raises(ScoreError, match=r"news.txt has 4 lines \(3 segments\) but there are 2 references"):
        attach_references(Document.from_text(TRANSLATION, id="news.txt"), ["a", "b"])


def test_corpus_scores_block() -> None:
    doc = document()
    plain = Document.from_text("A segment without any reference.\n", id="plain.txt")
    scores = corpus_scores([doc, plain])
    hyps = [s.text for s in doc.segments]
    refs = [[s.reference for s in doc.segments]]
    assert scores["bleu"]["score"] == pytest.approx(BLEU().corpus_score(hyps, refs).score)
    assert scores["chrf"]["score"] == pytest.approx(CHRF().corpus_score(hyps, refs).score)
    assert scores["ter"]["score"] == pytest.approx(TER().corpus_score(hyps, refs).score)
    assert scores["bleu"]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|")
    assert scores["n_segments"] == 3 and scores["unreferenced"] == 1
    rows = scores["segments"]
    assert [(r["document"], r["segment"], r["line"]) for r in rows] == [
        ("news.txt", 0, 1),
        ("news.txt", 1, 3),
        ("news.txt", 2, 4),
    ]
    assert rows[0]["chrf"] == pytest.approx(100.0) and rows[1]["chrf"] < 30
    assert corpus_scores([plain]) == {}
    # The block travels in the JSON report as it is.
    report = Report((doc,), (), Engine().signature, scores=scores)
    assert json.loads(render(report))["scores"]["segments"][1]["chrf"] == pytest.approx(rows[1]["chrf"])


def test_corpus_scores_refuses_empty_references_and_mixed_languages() -> None:
    doc = attach_references(Document.from_text("One sentence here.\n", id="a.txt"), [" "])
    with pytest.raises(ScoreError, match=r"empty reference in a\.txt segment 1"):
        corpus_scores([doc])
    en = document()
    de = attach_references(Document.from_text("Ein Satz.\n", id="b.txt", language="de"), ["Ein Satz."])
    with pytest.raises(ScoreError, match=r"several languages \(de, en\)"):
        corpus_scores([en, de])


def test_corpus_scores_pick_the_chinese_tokenizer() -> None:
    text = "".join(c + "\n" for c in CHINESE)
    hyp = "".join(c.replace("。", "了。") + "\n" for c in CHINESE)
    doc = attach_references(Document.from_text(hyp, id="zh.txt", language="zh"), text.split("\n")[:-1])
    scores = corpus_scores([doc])
    assert "tok:zh" in scores["bleu"]["signature"] and scores["language"] == "zh"
    undeclared = attach_references(Document.from_text(hyp, id="zh.txt"), text.split("\n")[:-1])
    assert corpus_scores([undeclared])["bleu"]["score"] == scores["bleu"]["score"]


# ----------------------------------------------------------------------------- R201


def test_r201_flags_the_segment_with_low_chrf() -> None:
    doc = document()
    issues = r201().check_document(doc)
    assert [i.text for i in issues] == ["The cat sat quietly on the mat."]
    (issue,) = issues
    assert issue.code == "R201" and issue.severity is Severity.INFO and issue.fix is None
    assert issue.segment == 1 and issue.mqm == "Accuracy/Mistranslation"
    assert issue.data["chrf"] == pytest.approx(sentence_chrf(issue.text, ["Stock markets fell sharply on Tuesday."]))
    assert issue.data["reference"] == "Stock markets fell sharply on Tuesday."
    assert issue.data["threshold"] == 30.0 and "bleu" in issue.data
    assert "chrF 15.1 against the reference is below 30" in issue.message


def test_r201_threshold_is_a_setting() -> None:
    doc = document()
    assert len(r201({"threshold": 95.0}).check_document(doc)) == 2  # the paraphrase of the last line too
    assert r201({"threshold": 5.0}).check_document(doc) == []
    with pytest.raises(SettingsError, match="between 0 and 100"):
        r201({"threshold": 150.0})
    with pytest.raises(SettingsError, match="expects float"):
        r201({"threshold": "high"})


def test_r201_is_silent_without_references_and_off_unless_selected() -> None:
    assert r201().check_document(Document.from_text(TRANSLATION)) == []
    assert [i.code for i in Engine().check_document(document()) if i.code == "R201"] == []  # preview
