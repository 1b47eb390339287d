"""The HTML report without a browser: escaping, the embedded data, highlights, CSP, the CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.issue import Issue, Severity
from mtqa.report import FORMATS, render
from mtqa.report.html import JS, fragment, pieces, report_data, script_json
from mtqa.report.model import Report
from mtqa.rules import Selection
from mtqa.span import Applicability, Edit, Fix, Span

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "javascript:alert(1)",
    "</script><script>window.__pwned=3</script>",
    "<!--",
)
EVIL_ID = 'docs/<img src=y onerror="window.__pwned=2">&.txt'


def engine(*select: str) -> Engine:
    return Engine(RunOptions(selection=Selection(select or ("ALL",))))


def evil_report() -> Report:
    """Real issues next to markup, plus a made-up issue whose every string is hostile."""
    text = (
        f"Title {PAYLOADS[0]} with  two spaces. .\n"
        f"An image {PAYLOADS[1]} and a link {PAYLOADS[2]} here.\n"
        f"Closing {PAYLOADS[3]} line \u2028 and {PAYLOADS[4]} end,, done.\n"
    )
    doc = Document.from_text(text, id=EVIL_ID)
    real = engine().check_document(doc)
    start = text.index("<img")
    span = Span(start, start + len(PAYLOADS[1]))
    made_up = Issue(
        "W101",
        "merged-tokens",
        f"message {PAYLOADS[0]} & {PAYLOADS[3]}",
        span,
        span.slice(text),
        Severity.ERROR,
        "whitespace",
        mqm="Fluency/<b>",
        document=doc.id,
        fix=Fix((Edit(span, PAYLOADS[1] + PAYLOADS[3]),), Applicability.UNSAFE, f"title {PAYLOADS[0]}"),
        alternatives=(Fix.replace(span, PAYLOADS[2], Applicability.UNSAFE, f"alt {PAYLOADS[1]}"),),
        related=(Span(0, 5),),
    )
    issues = tuple(sorted((*real, made_up), key=lambda i: i.sort_key))
    return Report((doc,), issues, engine().signature)


def scripts(page: str) -> list[tuple[str, str]]:
    """(attributes, body) of every script element, as the HTML tokenizer would split them."""
    return re.findall(r"<script([^>]*)>(.*?)</script", page, flags=re.S | re.I)


class Marks(HTMLParser):
    """Collects the text under each ``mark`` (by issue number) and every script's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[list[int] | None] = []
        self.text: dict[int, str] = {}
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            ids = [int(n) for n in (dict(attrs).get("data-i") or "").split()]
            for n in ids:
                self.text.setdefault(n, "")
            self.stack.append(ids)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for ids in self.stack:
            for n in ids or ():
                self.text[n] += data


def parse(markup: str) -> Marks:
    parser = Marks()
    parser.feed(markup)
    return parser


def test_html_is_registered_and_a_standalone_page() -> None:
    assert FORMATS["html"] == "mtqa.report.html"
    page = render(evil_report(), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")


def test_every_input_string_is_escaped() -> None:
    report = evil_report()
    page = render(report, "html")
    for payload in (*PAYLOADS, EVIL_ID, "<b>"):
        if payload != "javascript:alert(1)":  # nothing to escape: it must stay text, never a link
            assert payload not in page, payload
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=y onerror=&quot;window.__pwned=2&quot;&gt;&amp;.txt" in page  # the document name
    # Only our two script elements: the JSON data block and the code; no tag from the input.
    found = scripts(page)
    assert len(found) == 2
    assert 'type="application/json"' in found[0][0]
    assert found[1][1] == JS
    tags = {tag for tag, _ in parse(page).tags}
    assert "img" not in tags and "a" not in tags and "iframe" not in tags
    assert not any(k.startswith("on") for _, attrs in parse(page).tags for k in attrs)
    links = [(tag, k, v) for tag, attrs in parse(page).tags for k, v in attrs.items() if k in ("href", "src", "action")]
    assert links == [("link", "href", "data:,")]  # the empty favicon that keeps the browser from asking for one
    assert "javascript:alert(1) here." in page


def test_embedded_json_cannot_break_out_and_round_trips() -> None:
    report = evil_report()
    page = render(report, "html")
    body = scripts(page)[0][1]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in body
    data = json.loads(body)
    assert data == json.loads(json.dumps(report_data(report)))
    doc = data["documents"][0]
    assert doc["id"] == EVIL_ID and doc["text"] == report.documents[0].text
    assert script_json({"a": "</script>\u2028"}) == '{"a":"\\u003c/script\\u003e\\u2028"}'


def test_content_security_policy_pins_the_inline_script_and_style() -> None:
    page = render(evil_report(), "html")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp is not None
    policy = dict(part.strip().split(" ", 1) for part in csp.group(1).split(";"))
    assert policy["default-src"] == "'none'"
    style = re.search(r"<style>(.*?)</style>", page, flags=re.S)
    assert style is not None

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy["script-src"] == digest(JS)
    assert policy["style-src"] == digest(style.group(1))
    # Nothing is fetched: no URL with a scheme anywhere but the input's own (escaped) text.
    assert re.findall(r"(?:https?|ftp)://", page) == []


def test_script_never_parses_strings_as_html() -> None:
    assert "innerHTML" not in JS and "outerHTML" not in JS and "insertAdjacentHTML" not in JS
    assert "eval(" not in JS and "new Function" not in JS
    assert "</" not in JS and "<!--" not in JS


def test_each_issue_is_highlighted_exactly_over_its_span(example_report: Report) -> None:
    marks = parse(fragment(example_report))
    assert sorted(marks.text) == list(range(len(example_report.issues)))
    for n, issue in enumerate(example_report.issues):
        assert marks.text[n] == issue.text


def test_overlapping_and_empty_spans_split_into_pieces() -> None:
    got = pieces(10, [(0, 5, 0), (3, 8, 1), (4, 4, 2), (8, 8, 3)])
    assert got == [
        (0, 3, (0,)),
        (3, 4, (0, 1)),
        (4, 4, (2,)),
        (4, 5, (0, 1)),
        (5, 8, (1,)),
        (8, 8, (3,)),
        (8, 10, ()),
    ]
    assert pieces(0, []) == []


def test_an_insertion_point_is_a_highlight_of_its_own() -> None:
    text = "BlinkenHe left."
    doc = Document.from_text(text, id="t")
    fix = Fix.replace(Span(7, 7), " ", Applicability.UNSAFE, "Insert a space")
    issue = Issue("W101", "merged-tokens", "glued", Span(7, 7), "", Severity.ERROR, "whitespace", document="t", fix=fix)
    html = fragment(Report((doc,), (issue,), engine().signature))
    assert 'class="mq-hl mq-error mq-empty" data-i="0"' in html


def test_offsets_are_utf16_for_the_script() -> None:
    text = "🙂 Emoji first  then doubled. . And 🎉 more  spaces.\n"
    report = engine().check_documents([Document.from_text(text, id="e")])
    assert report.issues
    data = report_data(report)
    units = text.encode("utf-16-le")
    for issue, item in zip(report.issues, data["documents"][0]["issues"], strict=True):
        assert units[2 * item["start"] : 2 * item["end"]].decode("utf-16-le") == issue.text
        for edit in item["fix"]["edits"]:
            assert 0 <= edit["start"] <= edit["end"] <= len(units) // 2


def test_invisible_characters_get_a_visible_symbol_but_keep_their_text() -> None:
    text = "See also\u00a0 Copper prices.\n"
    report = engine("W102").check_documents([Document.from_text(text, id="n")])
    html = fragment(report)
    assert 'data-s="⍽">\u00a0</span>' in html
    assert parse(html).text[0] == report.issues[0].text


def test_several_documents_and_unreadable_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("It ended. .\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Clean text here.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"bad \xff byte\n")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["check", str(tmp_path), "--isolated", "--format", "html", "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.count('class="mq-docbtn"') == 2
    assert "Unreadable inputs" in page and "c.txt" in page
    assert "No issues in this document." in page


def test_repr_html_is_the_same_renderer_without_the_page(example_report: Report) -> None:
    html = example_report._repr_html_()
    assert html.startswith('<div class="mtqa-report"')
    assert "<html" not in html and "Content-Security-Policy" not in html
    assert html == fragment(example_report)
    assert fragment(example_report) in render(example_report, "html").replace(" mq-page-root", "")


def test_rendering_is_deterministic(example_report: Report) -> None:
    assert render(example_report, "html") == render(example_report, "html")
