"""A stub backend for the corrector: proposals from a fixed table, calls counted.

It implements the backend protocol (``mtqa.corrector.backends.Backend``) without a
model, so that tests of the guard, the engine wiring and the case file of rule M101
can inject exactly the proposal they need.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from mtqa.corrector import Corrector, ModelInfo, Proposal


class StubBackend:
    """Proposes ``table[sentence]`` (or the sentence unchanged) for every sentence it is sent."""

    kind = "tagger"

    def __init__(self, table: Mapping[str, str], *, fluency: bool = False, name: str = "stub") -> None:
        self.table = dict(table)
        self.fluency = fluency
        self.kind = "seq2seq" if fluency else "tagger"
        self.info = ModelInfo(name, Path("."), self.kind, "0123456789ab")
        self.calls = 0
        self.sentences = 0
        self.seen: list[str] = []

    def propose(self, sentences: Sequence[str], contexts: Sequence[tuple[str, str]] | None = None) -> list[Proposal]:
        self.calls += 1
        self.sentences += len(sentences)
        self.seen.extend(sentences)
        return [Proposal(self.table.get(s, s), 0.99) for s in sentences]


def stub_corrector(table: Mapping[str, str], **options) -> Corrector:
    fluency = options.pop("fluency", False)
    return Corrector(StubBackend(table, fluency=fluency), **options)
