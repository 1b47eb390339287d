"""N102's map-reduce: merge is associative over document order, and a run of one document is silent."""

from __future__ import annotations

import pickle

from mtqa.detectors.base import Context
from mtqa.detectors.names import InconsistentNameAcrossDocuments
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection

TEXTS = [
    "Anthony Blinken met Sergey Lavrov.",
    "Blinken spoke in Kyiv.",
    "Blinkin said Ferdinand Marcos Jr. had won.",
    "Heydar Aliev ruled. Blinken left.",
]


def test_merge_is_associative_in_place_and_picklable() -> None:
    rule = InconsistentNameAcrossDocuments()
    settings = rule.Settings()
    docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(TEXTS)]
    parts = [rule.collect(d, Context(d, settings, None)) for d in docs]
    whole = rule.merge(parts)
    assert rule.merge([rule.merge(parts[:2]), rule.merge(parts[2:])]) == whole
    assert rule.merge([rule.merge(parts[:1]), rule.merge(parts[1:3]), rule.merge(parts[3:])]) == whole
    assert rule.merge([]) == {"documents": 0, "names": {}}
    # In place, group after group, as the parent of a run merges: the same data.
    total = rule.merge(parts[:1])
    for part in parts[1:]:
        total = rule.merge_into(total, rule.merge([part]))
    assert total == whole
    assert pickle.loads(pickle.dumps(whole)) == whole
    assert whole["documents"] == 4 and whole["names"]["Blinken"][:2] == (3, 3)


def test_one_document_is_left_to_n101() -> None:
    engine = Engine(RunOptions(selection=Selection(("N102",))))
    assert engine.check_documents([Document.from_text(TEXTS[2])]).issues == ()
    report = engine.check_documents([Document.from_text(t, id=str(n)) for n, t in enumerate(TEXTS)])
    assert [(i.document, i.text) for i in report.issues] == [("2", "Blinkin")]


def test_finish_keeps_only_spellings_check_can_flag_or_choose() -> None:
    rule = InconsistentNameAcrossDocuments()
    settings = rule.Settings()
    docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(TEXTS)]
    whole = rule.merge([rule.collect(d, Context(d, settings, None)) for d in docs])
    finished = rule.finish(whole)
    assert {"Blinken", "Blinkin"} <= set(finished["names"])
    assert "Lavrov" in whole["names"] and "Lavrov" not in finished["names"]  # no other spelling shares its keys
    assert "Aliev" in whole["names"] and "Aliev" not in finished["names"]  # one document, no wider look-alike
    assert all(len(spellings) > 1 for spellings in finished["keys"].values())
    assert rule.finish(finished) == finished  # idempotent
    assert finished["documents"] == whole["documents"]


def test_finished_data_flags_exactly_what_the_whole_data_flags() -> None:
    """check with the pruned data equals check with everything, on a run with many names."""
    import pathlib

    import pytest

    example = pathlib.Path(__file__).resolve().parents[2] / "mtqa" / "examples" / "article.txt"
    paragraphs = [p for p in example.read_text(encoding="utf-8").split("\n") if p.strip()]
    texts = [*TEXTS, *paragraphs, "Blinkin and Lavrov met again.", "Sergei Lavrov and Antony Blinken spoke."]
    docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(texts)]
    rule = InconsistentNameAcrossDocuments()
    settings = rule.Settings()
    whole = rule.merge([rule.collect(d, Context(d, settings, None)) for d in docs])
    finished = rule.finish(whole)
    if len(finished["names"]) >= len(whole["names"]):
        pytest.fail("finish dropped nothing: the test no longer tests pruning")
    for doc in docs:
        full = list(rule.check(doc, Context(doc, settings, None, {"N102": whole})))
        pruned = list(rule.check(doc, Context(doc, settings, None, {"N102": finished})))
        assert pruned == full
    assert any(rule.check(d, Context(d, settings, None, {"N102": finished})) for d in docs)


def test_finish_gives_the_same_issues_on_random_runs() -> None:
    """Random runs over names with look-alikes (used in one document or many, preferred by the
    lexicon or not): the pruned data flags exactly what the whole data flags."""
    import random

    spellings = [
        ["Blinken", "Blinkin", "Blinkn"],
        ["Zelensky", "Zelenskyy", "Zelenskiy"],
        ["Aliyev", "Aliev"],
        ["Kyiv", "Kiev"],
        ["Lavrov"],
        ["Marchetti", "Marcheti"],
    ]
    rule = InconsistentNameAcrossDocuments()
    for seed in range(12):
        rng = random.Random(seed)
        texts = []
        for _ in range(rng.randint(2, 14)):
            names = [rng.choice(rng.choice(spellings)) for _ in range(rng.randint(1, 3))]
            texts.append(" ".join(f"{n} spoke in the capital on Monday." for n in names))
        docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(texts)]
        for settings in (rule.Settings(), rule.Settings(min_documents=1), rule.Settings(min_documents=3)):
            whole = rule.merge([rule.collect(d, Context(d, settings, None)) for d in docs])
            finished = rule.finish(whole, settings)
            assert rule.finish(finished, settings) == finished
            for doc in docs:
                full = list(rule.check(doc, Context(doc, settings, None, {"N102": whole})))
                pruned = list(rule.check(doc, Context(doc, settings, None, {"N102": finished})))
                assert pruned == full, (seed, settings, doc.text)


def test_names_spilled_to_disk_merge_and_flag_as_in_memory(monkeypatch) -> None:
    """Past SPILL_AT names the parent's merged names move to a temporary SQLite file: the same
    merged data, the same finished data, the same issues through a whole run and a pool."""
    import random

    from mtqa.parallel import check_documents
    from mtqa.spill import SpilledMapping

    rng = random.Random(3)
    texts = list(TEXTS)
    for _ in range(40):
        made_up = "".join(rng.choice("aeioulmnrstk") for _letter in range(7)).capitalize()
        texts.append(f"{made_up} Korrin met Antony Blinken on Monday. Blinken said so.")
    texts.append("Blinkin spoke to the press.")
    docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(texts)]
    rule = InconsistentNameAcrossDocuments()
    settings = rule.Settings()
    parts = [rule.collect(d, Context(d, settings, None)) for d in docs]
    whole = rule.merge(parts)
    monkeypatch.setattr("mtqa.spill.SPILL_AT", 10)
    total = rule.merge(parts[:1])
    for start in range(1, len(parts), 5):
        total = rule.merge_into(total, rule.merge(parts[start : start + 5]))
    assert isinstance(total["names"], SpilledMapping) and len(total["names"]) > 10
    assert total == whole
    assert rule.finish(total, settings) == rule.finish(whole, settings)
    options = RunOptions(selection=Selection(("N102",)))
    reference = Engine(options).check_documents(docs).issues
    assert [(i.document, i.text) for i in reference] == [("2", "Blinkin"), (str(len(texts) - 1), "Blinkin")]
    import mtqa.detectors.names as names_module

    spilled = []

    def spy(mapping):
        out = spill_if_large(mapping)
        spilled.append(isinstance(out, SpilledMapping))
        return out

    spill_if_large = names_module.spill_if_large
    monkeypatch.setattr(names_module, "spill_if_large", spy)
    # One document a batch: more batches than the parent merges at a time, so it merges in place.
    for jobs in (1, 2):
        spilled.clear()
        assert check_documents(docs, options, jobs=jobs, batch_docs=1).issues == reference
        assert spilled and spilled[-1], jobs
