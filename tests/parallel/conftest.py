"""Documents and options shared by the tests of pools, streaming and Dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.document import Document
from mtqa.engine import RunOptions
from mtqa.rules import Selection
from mtqa.synth import inject
from tests.parallel.corpus_rule import CorpusNameVariant

CLEAN = Path(__file__).resolve().parents[3] / "shared" / "data" / "clean-news"


def corpus_documents(n: int = 45) -> list[Document]:
    """``n`` documents: paragraphs of clean news with seeded artefacts, and a name that one
    document (far from the others, in another batch or partition) spells differently."""
    paragraphs: list[str] = []
    for path in sorted(CLEAN.glob("*.txt")):
        paragraphs.extend(p for p in path.read_text(encoding="utf-8").split("\n") if len(p) > 80)
    docs = []
    for k in range(n):
        text = "\n".join(paragraphs[(3 * k + j) % len(paragraphs)] for j in range(3))
        if k % 3 == 0:
            text = inject(text, seed=k).corrupted
        if k in (1, 7, 30):
            text += "\nAntony Blinken met the ministers on Tuesday."
        if k == n - 2:
            text += "\nAntony Blinkin met the ministers on Tuesday."
        docs.append(Document.from_text(text, id=f"doc{k:03d}.txt"))
    return docs


@pytest.fixture(scope="session")
def documents() -> list[Document]:
    if not CLEAN.is_dir():
        pytest.skip(f"shared data not found at {CLEAN}")
    return corpus_documents()


@pytest.fixture(scope="session")
def options() -> RunOptions:
    """Every stable shipped rule plus the test corpus rule (registered nowhere)."""
    return RunOptions(selection=Selection(extra=(CorpusNameVariant,)))
