"""The guard and the engine wiring, with a stub backend: the guard is what is under test here."""

from __future__ import annotations

from mtqa.corrector import GuardSettings
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import fix_text
from mtqa.rules import Selection
from mtqa.span import Applicability
from tests.corrector.stubs import stub_corrector

ARTICLE = (
    "Secretary of State Antony Blinken met Sergey Lavrov in Geneva on 21 January. "
    "Talks with BlinkenHe canceled the trip on 12 March.\n"
    "Lavrov said, Because of the war, the talks would stop.\n"
)
GLUED = "Talks with BlinkenHe canceled the trip on 12 March."
CAPITAL = "Lavrov said, Because of the war, the talks would stop."
CLEAN = "The minister met his counterpart in Geneva on Thursday.\nBoth sides agreed to meet again in March.\n"


def engine(corrector, select=("ALL", "M101"), ignore=()) -> Engine:
    return Engine(RunOptions(selection=Selection(select=select, ignore=ignore), corrector=corrector))


def model_issues(corrector, text: str = ARTICLE, **kw):
    found = engine(corrector, **kw).check_document(Document.from_text(text))
    return [i for i in found if i.code == "M101"]


def test_a_correct_proposal_is_accepted_as_an_unsafe_fix() -> None:
    corrector = stub_corrector({GLUED: "Talks with Blinken. He canceled the trip on 12 March."})
    [issue] = model_issues(corrector)
    assert issue.text == "BlinkenHe" and issue.fix is not None
    assert issue.fix.applicability is Applicability.UNSAFE
    assert issue.data["model"] == "stub" and issue.data["revision"] == "0123456789ab"
    assert issue.data["guard"]["verdict"] == "accepted" and issue.data["guard"]["fixed"] == ["W101"]
    assert issue.confidence == 0.99
    [record] = corrector.records
    assert record.verdict.accepted and record.verdict.reasons == ()


def test_a_renamed_person_and_a_changed_number_are_rejected_with_reasons() -> None:
    corrector = stub_corrector({GLUED: "Talks with Blinkin. He canceled the trip on 13 March."})
    assert model_issues(corrector) == []
    [record] = corrector.records
    reasons = " | ".join(record.verdict.reasons)
    assert not record.verdict.accepted
    assert "introduces the name 'Blinkin'" in reasons
    assert "drops or changes the number '12'" in reasons and "adds the number '13'" in reasons
    summary = corrector.summary()
    assert summary["rejected"] == 1 and summary["reviews"][0]["reasons"] == list(record.verdict.reasons)


def test_a_dropped_name_is_rejected() -> None:
    corrector = stub_corrector({CAPITAL: "He said, because of the war, the talks would stop."})
    assert model_issues(corrector) == []
    assert any("drops or changes the name 'Lavrov'" in r for r in corrector.records[0].verdict.reasons)


def test_a_proposal_that_introduces_an_issue_is_rejected() -> None:
    corrector = stub_corrector({CAPITAL: "Lavrov said,, because of the war, the talks would stop."})
    assert model_issues(corrector) == []
    assert any(r.startswith("introduces P101") for r in corrector.records[0].verdict.reasons)


def test_a_proposal_in_another_language_is_rejected() -> None:
    text = "Lavrov said, Because of the war, the talks between the two ministers would stop for a long time.\n"
    french = "Lavrov a dit qu'à cause de la guerre, les discussions entre les deux ministres seraient suspendues."
    corrector = stub_corrector({text.strip(): french}, guard=GuardSettings(max_edit_ratio=1.0, min_chrf=0.0))
    assert model_issues(corrector, text) == []
    assert any("language" in r for r in corrector.records[0].verdict.reasons)


def test_edit_ratio_and_chrf_bounds_are_configurable() -> None:
    rewrite = "Lavrov said, because of the war, talks would stop."
    strict = stub_corrector({CAPITAL: rewrite}, guard=GuardSettings(max_edit_ratio=0.02, min_chrf=99.0))
    assert model_issues(strict) == []
    reasons = strict.records[0].verdict.reasons
    assert any("edit ratio" in r for r in reasons) and any("chrF" in r for r in reasons)
    loose = stub_corrector({CAPITAL: rewrite})
    assert len(model_issues(loose)) == 1


def test_a_tagger_proposal_that_fixes_nothing_is_rejected_but_a_fluency_rewrite_is_displayed() -> None:
    sentence = "Both sides agreed to meet again in March."
    text = f"Lavrov said, Because of it. {sentence}\n"
    table = {sentence: "Both sides agreed to meet once more in March."}
    tagger = stub_corrector(table, all_sentences=True)
    assert model_issues(tagger, text) == []
    assert "fixes none" in tagger.records[0].verdict.reasons[0]
    fluent = stub_corrector(table, all_sentences=True, fluency=True)
    [issue] = model_issues(fluent, text)
    assert issue.fix is not None and issue.fix.applicability is Applicability.DISPLAY
    assert issue.message.startswith("the model suggests")


def test_a_clean_document_makes_zero_model_calls() -> None:
    corrector = stub_corrector({})
    assert model_issues(corrector, CLEAN) == []
    assert corrector.calls == 0 and corrector.backend.sentences == 0


def test_only_flagged_sentences_go_to_the_model_unless_all_sentences() -> None:
    corrector = stub_corrector({})
    model_issues(corrector)
    assert corrector.backend.seen == [GLUED, CAPITAL]
    everything = stub_corrector({}, all_sentences=True)
    model_issues(everything)
    assert len(everything.backend.seen) == 3 and everything.calls == 1  # one batched call per document


def test_ignoring_m101_means_no_model_calls() -> None:
    corrector = stub_corrector({GLUED: "Talks with Blinken. He canceled the trip on 12 March."})
    assert model_issues(corrector, ignore=("M101",)) == []
    assert corrector.calls == 0


def test_m101_selected_alone_still_finds_sentences_with_the_default_rules() -> None:
    corrector = stub_corrector({GLUED: "Talks with Blinken. He canceled the trip on 12 March."})
    assert len(model_issues(corrector, select=("M101",))) == 1


def test_fix_applies_accepted_proposals_and_asks_the_model_once_per_sentence() -> None:
    table = {
        GLUED: "Talks with Blinken. He canceled the trip on 12 March.",
        CAPITAL: "Lavrov said, because of the war, the talks would stop.",
    }
    corrector = stub_corrector(table)
    run = engine(corrector, select=("M101",))

    def check(text: str):
        return [i for i in run.check_document(Document.from_text(text)) if i.code == "M101"]

    outcome = fix_text(ARTICLE, check, Applicability.UNSAFE)
    assert "Talks with Blinken. He canceled" in outcome.text and "said, because of" in outcome.text
    assert corrector.calls == 1
    assert fix_text(ARTICLE, check, Applicability.SAFE).text == ARTICLE  # never SAFE


def test_the_run_signature_names_the_model() -> None:
    corrector = stub_corrector({})
    assert engine(corrector).signature.model == "stub@0123456789ab"
    assert Engine(RunOptions()).signature.model is None


def test_a_rewrite_that_differs_from_the_rules_fixes_is_only_displayed() -> None:
    other = {GLUED: "Talks with Blinken he canceled the trip on 12 March."}
    [issue] = model_issues(stub_corrector(other))
    assert issue.fix is not None and issue.fix.applicability is Applicability.DISPLAY
    assert "differs from the rules' fixes" in issue.data["guard"]["note"]
    [issue] = model_issues(stub_corrector(other, prefer_rules=False))
    assert issue.fix is not None and issue.fix.applicability is Applicability.UNSAFE
