"""HTML: the visible running text of a page, with the places where inline markup was.

The DOM (selectolax's lexbor parser, HTML5 rules, entities decoded) is walked once:

- Page furniture is dropped: ``script``, ``style``, ``noscript``, ``template``, ``head``,
  ``nav``, ``aside``, ``footer``, forms' controls (``button``, ``select``, ``textarea``),
  embedded objects (``svg``, ``math``, ``iframe``, ``object``, ``canvas``, ``audio``, ``video``),
  and elements marked ``hidden`` or ``aria-hidden="true"``. ``header`` is dropped too, except
  inside ``article`` or ``main``, where it holds the article's own headline (HTML's
  sectioning rule), which is text to check.
- Block elements (``p``, ``div``, ``li``, ``h1``-``h6``, ``br``, ``tr``, ``td``, ``blockquote``...)
  end a segment: the document text is the segments joined by "\\n", one a line.
- Inline elements (``a``, ``strong``, ``em``, ``b``, ``i``, ``span``... and unknown tags, which
  CSS displays inline) do not; each place where one opens or closes inside a segment is
  kept in ``Document.boundaries`` as ``(offset, tag)``, the offset being that of the next
  visible character. "Anthony <a>Blinken</a>He" gives the text "Anthony BlinkenHe" with a
  boundary ``(15, "a")`` exactly at the seam, which is how "BlinkenHe" is born.
- Whitespace collapses as a browser collapses it (runs of ASCII whitespace become one
  space, none at the ends of a segment); no-break spaces are kept. ``pre`` keeps its
  spaces, and its newlines end segments.

Each segment is placed in the page (see :mod:`mtqa.readers.positions`): its first word is
looked for after the previous segment and the text followed through tags, entities and
collapsed whitespace, so reports give the page's own line and column; where the markup
cannot be followed (an element dropped in mid-paragraph), the segment's start is given.

Bytes are decoded with the charset of a byte-order mark, a ``<meta charset>`` (or
``http-equiv`` content type, or XML declaration) in the first 1,024 bytes, else UTF-8.
Bytes that do not decode are an error naming the byte offset, never a guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from typing import Any

from mtqa.readers.common import Part, build_document, error_at_byte, missing_extra
from mtqa.readers.options import ReaderOptions
from mtqa.readers.positions import MarkupText, body_start
from mtqa.readers.text import ReadResult
from mtqa.report.model import InputError

DROP = frozenset(
    {
        "script", "style", "noscript", "template", "head", "nav", "aside", "footer",
        "button", "select", "textarea", "svg", "math", "iframe", "object", "embed",
        "canvas", "audio", "video", "map", "dialog",
    }
)  # fmt: skip
BLOCK = frozenset(
    {
        "address", "article", "blockquote", "body", "br", "caption", "center", "dd", "details",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol",
        "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "title", "tr", "ul", "listing", "plaintext", "xmp",
    }
)  # fmt: skip
SECTIONING = frozenset({"article", "main"})
PREFORMATTED = frozenset({"pre", "listing", "plaintext", "xmp"})

_WS = re.compile(r"[ \t\n\r\f]+")
_ASCII_WS = " \t\n\r\f"
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# WHATWG Encoding: labels that browsers map to another decoder.
_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "windows-1252": "cp1252",
    "utf-16": "utf-8",  # a meta tag can't declare UTF-16: the bytes would not be ASCII-readable
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "unicode": "utf-8",
}


@dataclass
class _Walker:
    """Turns DOM events into segments with boundaries."""

    parts: list[Part] = field(default_factory=list)
    chunks: list[str] = field(default_factory=list)
    length: int = 0
    pending_space: bool = False
    pending_bounds: list[str] = field(default_factory=list)
    bounds: list[tuple[int, str]] = field(default_factory=list)
    sectioning: int = 0
    preformatted: int = 0

    def end_segment(self) -> None:
        text = "".join(self.chunks)
        if text.strip():
            inner = tuple(sorted({(o, t) for o, t in self.bounds if 0 < o < len(text)}))
            self.parts.append(Part(text, boundaries=inner))
        self.chunks, self.length, self.bounds = [], 0, []
        self.pending_space, self.pending_bounds = False, []

    def boundary(self, tag: str) -> None:
        self.pending_bounds.append(tag)

    def _emit(self, text: str) -> None:
        if self.pending_space and self.length:
            self.chunks.append(" ")
            self.length += 1
        self.pending_space = False
        for tag in self.pending_bounds:
            self.bounds.append((self.length, tag))
        self.pending_bounds = []
        self.chunks.append(text)
        self.length += len(text)

    def text(self, text: str) -> None:
        if self.preformatted:
            lines = text.replace("\r\n", "\n").split("\n")
            for i, line in enumerate(lines):
                if i:
                    self.end_segment()
                if line:
                    self._emit(line)
            return
        if not text:
            return
        if text[0] in _ASCII_WS:
            self.pending_space = True
        body = _WS.sub(" ", text).strip(" ")  # runs of whitespace are one space, as a browser shows them
        if body:
            self._emit(body)
        if text[-1] in _ASCII_WS:
            self.pending_space = True


def _dropped(node: Any, tag: str, walker: _Walker) -> bool:
    if tag in DROP or (tag == "header" and not walker.sectioning):
        return True
    attrs = node.attributes
    return "hidden" in attrs or (attrs.get("aria-hidden") or "").strip().lower() == "true"


def extract(html: str) -> tuple[list[Part], str | None]:
    """The segments of the visible text of ``html`` (with inline boundaries), and the page title."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = _WS.sub(" ", title_node.text(deep=True)).strip() if title_node is not None else None
    walker = _Walker()
    root = tree.root
    if root is None:
        return [], title
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            _leave(walker, tag)
            continue
        if tag == "-text":
            walker.text(node.text(deep=False) or "")
            continue
        if tag.startswith(("-", "!")) or _dropped(node, tag, walker):
            continue
        _enter(walker, tag)
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    walker.end_segment()
    return walker.parts, title or None


def _enter(walker: _Walker, tag: str) -> None:
    if tag in BLOCK:
        walker.end_segment()
        walker.sectioning += tag in SECTIONING
        walker.preformatted += tag in PREFORMATTED
    else:
        walker.boundary(tag)


def _leave(walker: _Walker, tag: str) -> None:
    if tag in BLOCK:
        walker.end_segment()
        walker.sectioning -= tag in SECTIONING
        walker.preformatted -= tag in PREFORMATTED
    else:
        walker.boundary(tag)


def declared_charset(data: bytes) -> tuple[str, str] | None:
    """(codec, where it was declared) from a BOM, a meta tag or an XML declaration, else None."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "byte-order mark"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "byte-order mark"
    head = data[:1024]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    where = "XML declaration" if match.re is _XML_ENCODING else "<meta> charset"
    return _LABELS.get(label, label), where


def decode(data: bytes, name: str) -> tuple[str, str] | InputError:
    """(text, codec) or an InputError naming the byte that does not decode."""
    declared = declared_charset(data)
    codec, where = declared or ("utf-8", "")
    try:
        codecs.lookup(codec)
    except LookupError:
        return InputError(name, f"unknown charset '{codec}' declared in the {where}", line=1, column=1)
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        said = f"declared in the {where}" if declared else "no charset declared, so UTF-8"
        bad = data[exc.start : exc.start + 4].hex(" ")
        return error_at_byte(name, data, exc.start, f"not valid {codec} ({said}): bytes {bad} at byte {exc.start}")


def to_parts(html: str) -> list[Part]:
    """The segments of an HTML fragment (a feed item's content): used by the feed reader."""
    return extract(html)[0]


def read_html(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    decoded = decode(data, name)
    if isinstance(decoded, InputError):
        return [ReadResult(None, decoded, False, "html")]
    html, codec = decoded
    try:
        parts, title = extract(html)
    except ImportError:
        return [ReadResult(None, missing_extra(name, "HTML", "selectolax"), False, "html")]
    metadata = {"format": "HTML", "charset": codec}
    if title:
        metadata["title"] = title
    if not parts:
        error = InputError(name, "no visible text in the page (after dropping scripts, navigation and footers)")
        return [ReadResult(None, error, False, "html")]
    page = MarkupText(html, body_start(html))
    parts = [replace(part, placement=page.place(part.text)) for part in parts]
    doc = build_document(name, parts, language=options.language, metadata=metadata)
    return [ReadResult(doc, None, False, "html")]


read = read_html  # the reader interface every format module has
