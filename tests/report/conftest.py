"""Reports for the format tests: a real one, and one full of text that must be escaped."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import SimpleNamespace

import pytest

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.issue import Issue, Severity
from mtqa.report.model import InputError, Report
from mtqa.rules import Selection
from mtqa.span import Applicability, Edit, Fix, Span

#: Markup, an entity, quotes, ANSI escapes, a NUL, a line separator, a format character
#: and a doubled comma and full stop that P101 really flags.
NASTY = 'He said <script>alert("x&y")</script> & \x1b[31mred\x1b[0m,, then\x00 gone\u2028 away. .'
HOSTILE_TEXT = f"Title\n\n{NASTY}\nÉtienne wrote 'ok' % 100:1, fine.\n"
HOSTILE_ID = 'dir/<we&ird> "name",a:b%.txt'
HOSTILE_MESSAGE = 'odd <script>alert("x&y")</script> & \x1b[31m\x00 50%\r\nsecond line, with: colons'


@pytest.fixture(autouse=True)
def isolated_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test here runs in an empty directory, so no configuration file is picked up."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def engine(select: tuple[str, ...] = ("ALL",)) -> Engine:
    return Engine(RunOptions(selection=Selection(select)))


def hostile_report() -> Report:
    """A report whose every string field carries something a format must escape.

    Two real P101 issues, one made-up issue whose message, text, fix and related span are
    hostile (an ERROR), an INFO issue on a two-line span, one baselined (suppressed) issue,
    and an unreadable input whose path and message are hostile.
    """
    doc = Document.from_text(HOSTILE_TEXT, id=HOSTILE_ID)
    real = engine(("P101",)).check_document(doc)
    assert {i.text for i in real} == {",,", ". ."}
    start = HOSTILE_TEXT.index("<script>")
    span = Span(start, HOSTILE_TEXT.index(",,"))
    fix = Fix((Edit(span, '<b>&amp;"\x1b'),), Applicability.UNSAFE, 'Replace "<script>" & \x1b[0m')
    made_up = Issue(
        code="W101",
        name="merged-tokens",
        message=HOSTILE_MESSAGE,
        span=span,
        text=span.slice(HOSTILE_TEXT),
        severity=Severity.ERROR,
        category="whitespace",
        mqm="Fluency/Spelling",
        document=doc.id,
        segment=1,
        fix=fix,
        alternatives=(Fix.replace(Span(span.start, span.start), " ", Applicability.DISPLAY, "Insert a space"),),
        related=(Span(HOSTILE_TEXT.index("Étienne"), HOSTILE_TEXT.index("Étienne") + 7),),
        confidence=0.5,
        data={"note": "<&>"},
    )
    two_lines = Span(HOSTILE_TEXT.index("gone"), HOSTILE_TEXT.index("Étienne") + 7)
    info = dataclasses.replace(
        made_up,
        code="C102",
        name="stray-capital",
        message="spans two lines",
        span=two_lines,
        text=two_lines.slice(HOSTILE_TEXT),
        severity=Severity.INFO,
        fix=None,
        alternatives=(),
        related=(),
        confidence=None,
    )
    suppressed = dataclasses.replace(info, code="C101", name="capital-after-comma", message="in the baseline")
    issues = tuple(sorted((*real, made_up, info), key=lambda i: i.sort_key))
    error = InputError('bad <dir>/"b&d",x:y.txt', "not valid UTF-8 \x1b[31m<here>", byte_offset=8, line=2, column=3)
    return Report((doc,), issues, engine().signature, (error,), suppressed=(suppressed,))


@pytest.fixture
def hostile() -> Report:
    return hostile_report()


@pytest.fixture
def nasty() -> SimpleNamespace:
    """The hostile strings, for tests to look for (test modules do not import conftest)."""
    return SimpleNamespace(inline=NASTY, text=HOSTILE_TEXT, id=HOSTILE_ID, message=HOSTILE_MESSAGE)


@pytest.fixture
def example_report() -> Report:
    from mtqa.inputs import EXAMPLE_NAME, example_bytes

    doc = Document.from_text(example_bytes().decode("utf-8"), id=EXAMPLE_NAME)
    return engine().check_documents([doc])
