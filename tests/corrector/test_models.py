"""Tiny real models, trained a few steps here, saved, loaded through the public loader, run on a document."""

from __future__ import annotations

from pathlib import Path

from mtqa.corrector import CausalBackend, Corrector, Seq2SeqBackend
from mtqa.corrector.guard import numbers
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection

DOCUMENT = (
    "Secretary of State Antony Blinken met Sergey Lavrov in Geneva on 21 January.\n"
    "Talks with BlinkenHe lasted 90 minutes,, and both sides agreed to meet again.\n"
    "Officials said 100,000 troops had gathered near the border by Friday.\n"
)
CLEAN = "The meeting in Geneva ended without a breakthrough, but the door stayed open.\n"


def run(corrector: Corrector, text: str = DOCUMENT):
    engine = Engine(RunOptions(selection=Selection(select=("ALL", "M101")), corrector=corrector))
    return engine.check_document(Document.from_text(text, id="doc.txt"))


def assert_guarded(corrector: Corrector, issues) -> None:
    """Whatever the model proposed, no accepted proposal lost a number or a name."""
    model = [i for i in issues if i.code == "M101"]
    for issue in model:
        proposal = issue.data["proposal"]
        assert numbers(issue.data["sentence"]) == numbers(proposal)
        assert "Blinken" not in issue.data["sentence"] or "Blinken" in proposal
    for record in corrector.records:
        assert record.verdict.accepted or record.verdict.reasons


def test_tiny_tagger_corrects_a_document_through_the_loader(tagger_dir: Path) -> None:
    corrector = Corrector.load(tagger_dir, threshold=0.0)
    issues = run(corrector)
    assert corrector.calls == 1 and corrector.backend.sentences == 1  # only the flagged sentence
    assert_guarded(corrector, issues)
    for issue in (i for i in issues if i.code == "M101"):
        assert issue.fix is not None and issue.fix.applicability.value == "unsafe"


def test_tiny_tagger_makes_no_call_on_a_clean_document(tagger_dir: Path) -> None:
    corrector = Corrector.load(tagger_dir)
    assert run(corrector, CLEAN) == []
    assert corrector.calls == 0


def test_barely_trained_seq2seq_is_held_back_by_the_guard(t5_dir: Path) -> None:
    corrector = Corrector.load(t5_dir, max_new_tokens=24)
    assert isinstance(corrector.backend, Seq2SeqBackend)
    issues = run(corrector)
    assert corrector.calls == 1 and corrector.backend.sentences == 1
    assert corrector.records, "the barely trained model should have proposed something"
    assert not any(r.verdict.accepted for r in corrector.records)
    reasons = " ".join(r for rec in corrector.records for r in rec.verdict.reasons)
    assert "number" in reasons or "name" in reasons
    assert [i for i in issues if i.code == "M101"] == []


def test_causal_chat_model_gets_the_fixed_prompt_and_is_guarded(causal_dir: Path) -> None:
    corrector = Corrector.load(causal_dir, max_new_tokens=12, context=True)
    backend = corrector.backend
    assert isinstance(backend, CausalBackend)
    prompt = backend.prompt("Talks with BlinkenHe lasted.", ("Before.", "After."))
    assert prompt.startswith("<|user|>") and prompt.endswith("<|assistant|>")
    assert "corrected sentence only" in prompt and "Talks with BlinkenHe lasted." in prompt and "Before." in prompt
    issues = run(corrector)
    assert corrector.calls == 1
    assert_guarded(corrector, issues)
    assert not any(r.verdict.accepted for r in corrector.records)


def test_decoding_is_deterministic(t5_dir: Path) -> None:
    first = Corrector.load(t5_dir, max_new_tokens=16).backend.propose(["Talks with BlinkenHe lasted 90 minutes."])
    second = Corrector.load(t5_dir, max_new_tokens=16).backend.propose(["Talks with BlinkenHe lasted 90 minutes."])
    assert first == second
