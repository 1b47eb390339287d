"""W101 names the inline element whose removal glued two words (HTML <a>, XLIFF <g>)."""

from __future__ import annotations

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection


def test_merged_token_at_markup_boundary_names_the_element() -> None:
    text = "Secretary Anthony BlinkenHe canceled the meeting."
    seam = text.index("He")
    doc = Document.from_text(text)
    doc = Document(doc.id, doc.text, doc.segments, boundaries=((seam, "a"),))
    [issue] = Engine(RunOptions(selection=Selection(("W101",)))).check_document(doc)
    assert issue.text == "BlinkenHe"
    assert "<a>" in issue.message
    assert issue.data["elements"] == ["a"]


def test_plain_text_message_has_no_element() -> None:
    [issue] = Engine(RunOptions(selection=Selection(("W101",)))).check_document(
        Document.from_text("Anthony BlinkenHe canceled the meeting.")
    )
    assert "element" not in issue.message and "elements" not in issue.data
