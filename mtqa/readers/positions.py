"""Where a segment's text sits in its input file: the readers' half of reporting file positions.

A reader's document text is not always the file's text: XLIFF, PO and TMX targets are joined
by "\\n", a JSONL record's text is a JSON string with escapes, an HTML page's text has lost
its markup. Each function here follows one format's raw text alongside the decoded text and
returns a ``Placement`` (see :mod:`mtqa.document`): the file line and column of the text's
first character, and the steps where the file position jumps (an escape, an inline tag, a
line break of the file). Every mapping is checked: the characters it walked must be exactly
the reader's text, otherwise it falls back to the unit's start (``exact`` False) rather than
report a wrong column.

- XML (XLIFF 1.2/2.x targets, TMX ``<seg>``): the line comes from lxml's ``sourceline``; the
  start tag is found in the raw text (the n-th start tag of that name outside comments,
  CDATA and processing instructions, checked against ``sourceline``), then its content is
  walked: character and entity references (``&amp;``, ``&#160;``), CDATA, inline elements
  (native codes' content skipped, ``<cp/>`` one character) as translate-toolkit's reader
  reads them. A file that does not decode with its declared encoding is placed by
  ``sourceline`` alone, column 1.
- PO: ``msgstr`` strings found by a scan of the file, escapes (``\\n``, ``\\"``) accounted for,
  a string continued over several quoted lines placed line by line.
- JSON Lines: the text field's string literal on the record's line, escapes accounted for.
- HTML and feeds: a segment's first characters searched for in the raw page after the
  previous segment, then followed through tags, entities and collapsed whitespace; where
  that fails (a feed's HTML held escaped inside XML, say) only the segment's start is known
  when the search found it, else the previous segment's.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from mtqa.document import Placement

# ---------------------------------------------------------------------------------------------
# Lines of a raw text
# ---------------------------------------------------------------------------------------------


class LineIndex:
    """1-based line and column (code points) of offsets in a raw decoded file."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def placement(index: LineIndex, marks: Sequence[tuple[int, int]], exact: bool = True) -> Placement:
    """A Placement from ``(offset in the text, offset in the raw file)`` marks, the first at 0.

    Between two marks the text and the file advance together; marks where they do are dropped.
    """
    _, first = marks[0]
    line, column = index.line_col(first)
    steps: list[tuple[int, int, int]] = []
    last = (0, line, column)
    for local, raw in marks[1:]:
        s_line, s_col = index.line_col(raw)
        base, b_line, b_col = last
        if s_line == b_line and s_col == b_col + local - base:
            continue  # continuous with the previous step: no jump
        last = (local, s_line, s_col)
        steps.append(last)
    return Placement(0, line, column, exact=exact, steps=tuple(steps))


def _text_marks(marks: list[tuple[int, int]], local: int, raw_start: int, text: str) -> None:
    """Marks for a run of ``text`` copied one to one from the file at ``raw_start``: one at its
    start and one after each line break."""
    marks.append((local, raw_start))
    i = text.find("\n")
    while i != -1:
        marks.append((local + i + 1, raw_start + i + 1))
        i = text.find("\n", i + 1)


# ---------------------------------------------------------------------------------------------
# XML
# ---------------------------------------------------------------------------------------------

_XML_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# Markup outside elements' content that may hold a "<target" that is no start tag.
_SKIP = r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
_ATTRS = r"""(?:[^>"'/]|/(?!>)|"[^"]*"|'[^']*')*"""
_START_TAG = re.compile(rf"{_SKIP}|<(?:[A-Za-z_][\w.-]*:)?(?P<local>[A-Za-z_][\w.-]*){_ATTRS}(?P<empty>/?)>", re.S)
_CONTENT = re.compile(
    rf"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    rf"|<(?P<close>/?)(?:[A-Za-z_][\w.-]*:)?(?P<local>[A-Za-z_][\w.-]*){_ATTRS}(?P<empty>/?)>"
    r"|&(?P<ref>#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);"
    r"|(?P<text>[^<&]+)",
    re.S,
)
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
#: Native codes: their content is markup of the original format, not text.
NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


def decode_xml(data: bytes) -> str | None:
    """The file as text with the encoding XML would use, or None when it cannot be told."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    else:
        match = _XML_DECL_ENCODING.match(data)
        codec = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        return None


class XmlText:
    """The raw text of an XML file, for placing the content of its elements.

    ``place(element, text)`` gives where an element's text (as ``inline_text`` read it) sits;
    elements are matched with their start tags by order among elements of the same local name.
    """

    def __init__(self, data: bytes, root: Any) -> None:
        self.raw = decode_xml(data)
        self.index = LineIndex(self.raw) if self.raw is not None else None
        self._tags: dict[str, list[tuple[int, int, bool]]] = {}
        self._order: dict[str, dict[int, int]] = {}
        self._keep: list[Any] = []  # lxml proxies kept alive, so that their ids stay theirs
        self.root = root

    def _start_tags(self, local: str) -> list[tuple[int, int, bool]]:
        """(start, end, empty) of every start tag named ``local``, in file order (one scan a name:
        a reader asks for one, ``target`` or ``seg``)."""
        found = self._tags.get(local)
        if found is None:
            assert self.raw is not None
            found = self._tags[local] = [
                (m.start(), m.end(), bool(m.group("empty")))
                for m in _START_TAG.finditer(self.raw)
                if m.group("local") == local
            ]
        return found

    def _nth(self, element: Any, local: str) -> int:
        order = self._order.get(local)
        if order is None:
            same = [e for e in self.root.iter() if isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == local]
            self._keep.extend(same)
            order = self._order[local] = {id(e): n for n, e in enumerate(same)}
        return order.get(id(element), -1)

    def place(self, element: Any, text: str) -> Placement:
        line = element.sourceline or 1
        fallback = Placement(0, line, 1, exact=False)
        if self.raw is None or self.index is None:
            return fallback
        local = element.tag.rsplit("}", 1)[-1]
        n = self._nth(element, local)
        tags = self._start_tags(local)
        if not 0 <= n < len(tags):
            return fallback
        start, end, empty = tags[n]
        if not self.index.line_col(start)[0] <= line <= self.index.line_col(end)[0]:
            return fallback  # a start tag of another namespace in between: trust sourceline alone
        if empty:
            return Placement(0, *self.index.line_col(end), exact=False)
        if self.raw.startswith(text, end) and self.raw.startswith("</", end + len(text)):
            marks = []  # plain content, no reference nor inline element: the text is the file's
            _text_marks(marks, 0, end, text)
            return placement(self.index, marks)
        marks, walked = _walk_content(self.raw, end)
        if walked != text or not marks:
            return Placement(0, *self.index.line_col(end), exact=False)
        return placement(self.index, marks)


def _walk_content(raw: str, pos: int) -> tuple[list[tuple[int, int]], str | None]:
    """Marks and text of the content of an element whose start tag ends at ``pos``, read as
    ``mtqa.readers.bilingual.inline_text`` reads it (None when the markup cannot be followed)."""
    marks: list[tuple[int, int]] = []
    pieces: list[str] = []
    length = 0
    depth = 0  # open inline elements inside the content
    skip = 0  # open elements inside a native code being skipped (its content is not text)
    match = _CONTENT.match
    while True:
        m = match(raw, pos)
        if m is None:
            return marks, None
        pos = m.end()
        local = m.group("local")
        if local is not None:
            closing, empty = bool(m.group("close")), bool(m.group("empty"))
            if skip:
                skip += 0 if empty else -1 if closing else 1
            elif closing:
                if depth == 0:
                    break  # the element's own end tag
                depth -= 1
            elif empty:
                char = _cp(m.group()) if local == "cp" else ""
                if char:
                    marks.append((length, m.start()))
                    pieces.append(char)
                    length += 1
            elif local in NATIVE_CODES:
                skip = 1
            else:
                depth += 1
            continue
        if skip:
            continue
        text = m.group("text")
        if text is not None:
            if "\r" in text:
                return marks, None  # XML turns CR LF into LF: not followed, the unit's start is reported
            _text_marks(marks, length, m.start(), text)
        elif m.group("cdata") is not None:
            text = m.group("cdata")
            if "\r" in text:
                return marks, None
            _text_marks(marks, length, m.start("cdata"), text)
        elif m.group("ref") is not None:
            text = _reference(m.group("ref"))
            if text is None:
                return marks, None
            marks.append((length, m.start()))
        else:
            continue  # a comment or processing instruction
        pieces.append(text)
        length += len(text)
    return marks, "".join(pieces)


def _reference(ref: str) -> str | None:
    if ref.startswith("#"):
        try:
            return chr(int(ref[2:], 16) if ref[1:2] in "xX" else int(ref[1:]))
        except (ValueError, OverflowError):
            return None
    return _PREDEFINED.get(ref)


_HEX_ATTR = re.compile(r"""\bhex\s*=\s*["']([0-9A-Fa-f]+)["']""")


def _cp(tag: str) -> str:
    m = _HEX_ATTR.search(tag)
    try:
        return chr(int(m.group(1), 16)) if m else ""
    except (ValueError, OverflowError):
        return ""


# ---------------------------------------------------------------------------------------------
# PO
# ---------------------------------------------------------------------------------------------

_PO_KEYWORD = re.compile(r'[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*"')
_PO_CONTINUATION = re.compile(r'[ \t]*"')
_PO_ESCAPE = re.compile(r"\\.")


def po_entries(text: str) -> list[list[tuple[str, Placement]]]:
    """The ``msgstr`` strings of a PO file, entry by entry in file order (obsolete ``#~``
    entries are comments and not listed): each entry's forms as (decoded text, placement)."""
    index = LineIndex(text)
    entries: list[list[tuple[str, Placement]]] = []
    lines = text.split("\n")
    starts = index.starts
    n = 0
    previous = ""
    while n < len(lines):
        m = _PO_KEYWORD.match(lines[n])
        if m is None:
            n += 1
            continue
        keyword = m.group(1)
        marks: list[tuple[int, int]] = []
        pieces: list[str] = []
        length = 0
        at = n
        first = True
        while at < len(lines):
            line = lines[at]
            q = m.end() if first else 0
            if not first:
                c = _PO_CONTINUATION.match(line)
                if c is None:
                    break
                q = c.end()
            first = False
            body = line.rstrip("\r")
            close = _po_close(body, q)
            if close is None:
                break
            literal = body[q:close]
            base = starts[at] + q
            marks.append((length, base))
            decoded: list[str] = []
            last = 0
            for e in _PO_ESCAPE.finditer(literal):
                decoded.append(literal[last : e.start()])
                length += e.start() - last
                marks.append((length, base + e.start()))
                decoded.append(_PO_UNESCAPE.get(e.group(), e.group()[1]))
                length += 1
                last = e.end()
                marks.append((length, base + last))
            decoded.append(literal[last:])
            length += len(literal) - last
            pieces.append("".join(decoded))
            at += 1
        if keyword.startswith("msgstr"):
            form = ("".join(pieces), placement(index, marks) if marks else Placement(0, n + 1, 1, exact=False))
            if previous.startswith("msgstr"):
                entries[-1].append(form)
            else:
                entries.append([form])
        previous = keyword
        n = max(at, n + 1)
    return entries


_PO_LOOKAHEAD = 64  # entries looked through for a unit's text before it is left unplaced
_PO_UNESCAPE = {"\\r": "\r", "\\t": "\t", '\\"': '"', "\\n": "\n", "\\\\": "\\"}


def _po_close(line: str, q: int) -> int | None:
    """The index of the quote that closes the string opened before ``q`` (None when there is none)."""
    i = q
    while True:
        j = line.find('"', i)
        if j == -1:
            return None
        backslashes = 0
        k = j - 1
        while k >= q and line[k] == "\\":
            backslashes += 1
            k -= 1
        if backslashes % 2 == 0:
            return j
        i = j + 1


def po_placements(text: str, units: Iterable[Sequence[str]]) -> list[list[Placement | None]]:
    """For each unit's target forms (in file order, header and untranslated ones included), the
    placement of each form: matched with the file's ``msgstr`` entries in order, each checked
    on its text (None where no entry has that text)."""
    entries = po_entries(text)
    texts = [[t for t, _ in entry] for entry in entries]
    out: list[list[Placement | None]] = []
    k = 0
    for forms in units:
        wanted = list(forms)
        found = k if k < len(entries) and texts[k] == wanted else None
        if found is None and any(wanted):  # an untranslated unit is never placed: it gives no segment
            found = next((j for j in range(k + 1, min(len(entries), k + _PO_LOOKAHEAD)) if texts[j] == wanted), None)
        if found is None:
            out.append([None] * len(forms))
            continue
        out.append([p for _, p in entries[found]])
        k = found + 1
    return out


# ---------------------------------------------------------------------------------------------
# JSON Lines
# ---------------------------------------------------------------------------------------------

_JSON_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.")
_WS = " \t\r\n"
_scanstring: Any = json.decoder.scanstring  # type: ignore[attr-defined]
_decoder = json.JSONDecoder()


def json_placement(line_text: str, line: int, field: str, value: str, unit: str | None = None) -> Placement:
    """Where a record's string field ``field`` (a key or a dotted path) sits on its JSONL line.

    The key is looked for as written (``"text":``), checked by decoding the string after it;
    a key written with escapes, or a dotted path, is found by walking the object. Escapes in
    the string (``\\"``, ``\\n``, ``\\u00e9``) each read one character: the columns after one
    are shifted accordingly. Called for every record read, so the common case (the key as
    written, no escape in the value) costs one search and one decoding of the value.
    """
    found = _find_string(line_text, field, value)
    if found is None:
        return Placement(0, line, 1, unit, False)
    quote, literal_end = found
    end = quote + 1
    if line_text.find("\\", end, literal_end) == -1:
        return Placement(0, line, end + 1, unit)
    steps: list[tuple[int, int, int]] = []
    local = 0
    last = end
    for e in _JSON_ESCAPE.finditer(line_text, end, literal_end):
        local += e.start() - last + 1
        last = e.end()
        steps.append((local, line, last + 1))
    if local + literal_end - last != len(value):
        return Placement(0, line, end + 1, unit, False)
    return Placement(0, line, end + 1, unit, True, tuple(steps))


@lru_cache(maxsize=64)
def _json_key(field: str) -> re.Pattern[str]:
    """The key as JSON writes it, then the colon and the opening quote of a string value."""
    return re.compile(re.escape(json.dumps(field, ensure_ascii=False)) + r'[ \t\r\n]*:[ \t\r\n]*"')


def _find_string(line_text: str, field: str, value: str) -> tuple[int, int] | None:
    """The indices of the opening and closing quotes of ``value`` under ``field`` in a JSON
    object line (None when it cannot be found)."""
    if "." not in field:
        for m in _json_key(field).finditer(line_text):
            decoded = _decode_at(line_text, m.end() - 1)
            if decoded is not None and decoded[0] == value:
                return m.end() - 1, decoded[1] - 1
    path = [field] if field in _top_keys(line_text) else field.split(".")
    quote = _walk_object(line_text, 0, path, value)
    if quote is None:
        return None
    decoded = _decode_at(line_text, quote)
    return (quote, decoded[1] - 1) if decoded is not None else None


def _decode_at(line_text: str, quote: int) -> tuple[str, int] | None:
    """The string whose opening quote is at ``quote``, and the index after its closing quote."""
    try:
        return _scanstring(line_text, quote + 1)
    except ValueError:
        return None


def _top_keys(line_text: str) -> set[str]:
    try:
        obj = json.loads(line_text)
    except ValueError:
        return set()
    return set(obj) if isinstance(obj, dict) else set()


def _walk_object(s: str, pos: int, path: list[str], value: str) -> int | None:
    """The opening quote of the string at ``path`` in the object that starts at or after ``pos``."""
    try:
        while s[pos] in _WS:
            pos += 1
        if s[pos] != "{":
            return None
        pos += 1
        while True:
            while s[pos] in _WS + ",":
                pos += 1
            if s[pos] == "}":
                return None
            key, pos = _scanstring(s, pos + 1)
            while s[pos] in _WS + ":":
                pos += 1
            if key == path[0]:
                if len(path) == 1:
                    decoded = _decode_at(s, pos) if s[pos] == '"' else None
                    return pos if decoded is not None and decoded[0] == value else None
                return _walk_object(s, pos, path[1:], value)
            _, pos = _decoder.raw_decode(s, pos)
    except (IndexError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------

_HTML_TAG = re.compile(rf"<!--.*?-->|</?[A-Za-z][^\s/>]*{_ATTRS}/?>|<![^>]*>|<\?[^>]*>", re.S)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?")
_HTML_WS = " \t\n\r\f"
_ANCHOR = 16


class MarkupText:
    """The raw text of an HTML page or a feed, for placing its segments in order (see the module doc)."""

    def __init__(self, raw: str, start: int = 0) -> None:
        self.raw = raw
        self.index = LineIndex(raw)
        self.cursor = start
        self.last = Placement(0, 1, 1, exact=False)

    def place(self, text: str) -> Placement:
        """Where ``text``, the next segment of the page, sits: followed character by character at
        the first place it can be, else the start of its first word, else where the last one was."""
        words = text[:_ANCHOR].split()
        anchor = words[0] if words else text[:_ANCHOR]
        first: int | None = None
        for candidate in dict.fromkeys((anchor, html.escape(anchor, quote=False), html.escape(anchor))):
            for at in self._find(candidate):
                if first is None:
                    first = at
                marks = _align(self.raw, at, text)
                if marks is not None:
                    self.cursor = at + 1
                    self.last = placement(self.index, marks)
                    return self.last
        if first is not None:
            self.cursor = first + 1
            self.last = Placement(0, *self.index.line_col(first), exact=False)
        return Placement(0, self.last.line, self.last.column, exact=False)

    def _find(self, needle: str) -> Iterable[int]:
        """Up to ``_TRIES`` places of ``needle`` after the cursor, outside tags."""
        raw = self.raw
        at = raw.find(needle, self.cursor)
        tries = 0
        while at != -1 and tries < _TRIES:
            if raw.rfind("<", 0, at) <= raw.rfind(">", 0, at):
                tries += 1
                yield at
            at = raw.find(needle, at + 1)


_TRIES = 8
_BODY = re.compile(r"<body\b", re.I)


def body_start(raw: str) -> int:
    """Where an HTML page's body starts (0 without a ``<body>``): its title is not a segment."""
    m = _BODY.search(raw)
    return m.start() if m else 0


def _align(raw: str, pos: int, text: str) -> list[tuple[int, int]] | None:
    """Marks following ``text`` through ``raw`` from ``pos`` (tags skipped, entities decoded,
    a run of whitespace read as one space), or None where the two part."""
    marks: list[tuple[int, int]] = [(0, pos)]
    i, r = 0, pos
    jumped = False
    while i < len(text):
        if r >= len(raw):
            return None
        c = raw[r]
        if c == "<":
            m = _HTML_TAG.match(raw, r)
            if m is None:
                return None
            r, jumped = m.end(), True
            continue
        if c == "&":
            m = _HTML_ENTITY.match(raw, r)
            if m is None:
                return None
            decoded = html.unescape(m.group())
            if not text.startswith(decoded, i):
                return None
            marks.append((i, r))
            i, r, jumped = i + len(decoded), m.end(), True
            continue
        t = text[i]
        if c in _HTML_WS:
            if t == " ":
                marks.append((i, r))
                i += 1
            while r < len(raw) and raw[r] in _HTML_WS:
                r += 1
            jumped = True
            continue
        if c != t:
            return None
        if jumped:
            marks.append((i, r))
            jumped = False
        i, r = i + 1, r + 1
    return marks
