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


def test_merge_is_associative_and_picklable() -> None:
    rule = InconsistentNameAcrossDocuments()
    settings = rule.Settings()
    docs = [Document.from_text(t, id=str(n)) for n, t in enumerate(TEXTS)]
    parts = [rule.collect(d, Context(d, settings, None)) for d in docs]
    whole = rule.merge(parts)
    assert rule.merge([rule.merge(parts[:2]), rule.merge(parts[2:])]) == whole
    assert rule.merge([rule.merge(parts[:1]), rule.merge(parts[1:3]), rule.merge(parts[3:])]) == whole
    assert rule.merge([]) == {"documents": 0, "names": {}, "keys": {}}
    assert pickle.loads(pickle.dumps(whole)) == whole
    assert whole["documents"] == 4 and whole["names"]["Blinken"][:2] == [3, 3]


def test_one_document_is_left_to_n101() -> None:
    engine = Engine(RunOptions(selection=Selection(("N102",))))
    assert engine.check_documents([Document.from_text(TEXTS[2])]).issues == ()
    report = engine.check_documents([Document.from_text(t, id=str(n)) for n, t in enumerate(TEXTS)])
    assert [(i.document, i.text) for i in report.issues] == [("2", "Blinkin")]
