"""XLIFF 1.2 and 2.x, PO and TMX, through translate-toolkit: one document per file.

The document text is the translated targets joined by "\\n", one segment a line; each
Segment carries its ``source``, its unit ``id`` (XLIFF ``trans-unit``/``unit::segment`` id,
PO ``msgctxt::msgid`` with ``[n]`` for plural forms, TMX ``tuid``) and its span. Units
with no target or an empty one (untranslated) are skipped without an error; fuzzy PO
entries are checked like the others (machine output is often marked fuzzy).

translate-toolkit parses and enumerates the units (states, plurals, languages, ids). The
text of an XML target is taken from its element, so that inline markup is handled as a
translator sees it: the content of ``<g>``, ``<pc>``, ``<mrk>`` and ``<hi>`` is text, native
codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are not text, ``<cp>`` is its
character, and every inline element's position is kept in ``Document.boundaries`` (a
glued "Blinken<g/>He" shows where the markup was).

XML is screened by :mod:`mtqa.readers.xmlsafe` first (no entity declarations at all), then
parsed by translate-toolkit's lxml parser, which neither resolves entities nor uses the
network. Errors (malformed XML, a PO syntax error) name the file and the line.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections import Counter
from typing import Any

from mtqa.readers.common import Part, build_document, decode_utf8, error_at_byte, error_at_line, missing_extra
from mtqa.readers.options import ReaderOptions
from mtqa.readers.text import ReadResult
from mtqa.readers.xmlsafe import screen
from mtqa.report.model import InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Native codes: their content is markup of the original format, not text.
_NATIVE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
_XLIFF2_HEAD = re.compile(rb"<(?:[\w.-]+:)?xliff\b[^>]*>", re.S)
_XLIFF2_MARK = re.compile(rb"""urn:oasis:names:tc:xliff:document:2\.|version\s*=\s*["']2""")
_PO_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_PO_LINE = re.compile(r"\bon line (\d+)")


def _fail(name: str, fmt: str, error: InputError) -> list[ReadResult]:
    return [ReadResult(None, error, False, fmt)]


def _parse_error(name: str, what: str, exc: Exception) -> InputError:
    """An InputError from whatever translate-toolkit or lxml raised, with the line when it has one."""
    position = getattr(exc, "position", None)
    if isinstance(position, tuple) and len(position) == 2 and position[0]:
        line, column = position
        reason = str(getattr(exc, "msg", None) or exc).split(", line ")[0]
        return error_at_line(name, f"malformed {what}: {reason} at line {line}, column {column}", line, column or 1)
    match = _PO_LINE.search(str(exc))
    if match:
        line = int(match.group(1))
        return error_at_line(name, f"malformed {what}: {exc}", line)
    return InputError(name, f"cannot read {what}: {exc}")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_text(element: Any) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The text of an XLIFF/TMX content element and the offsets where its inline elements sit."""
    pieces: list[str] = []
    bounds: list[tuple[int, str]] = []
    length = 0

    def add(text: str | None) -> None:
        nonlocal length
        if text:
            pieces.append(text)
            length += len(text)

    def walk(node: Any) -> None:
        add(node.text)
        for child in node:
            name = _local(child.tag)
            if name:  # comments and processing instructions have no name: only their tail counts
                bounds.append((length, name))
                if name == "cp":
                    with contextlib.suppress(ValueError, OverflowError):
                        add(chr(int(child.get("hex", ""), 16)))
                elif name not in _NATIVE_CODES:
                    walk(child)
                bounds.append((length, name))
            add(child.tail)

    walk(element)
    text = "".join(pieces)
    inner = tuple(sorted({(o, n) for o, n in bounds if 0 < o < len(text)}))
    return text, inner


#: Inline codes that stand for markup of the original document (XLIFF 1.2, XLIFF 2, TMX): a
#: translation must keep each one. Annotations (``<mrk>``, ``<hi>``, ``<sm>``/``<em>``) and
#: characters (``<cp>``) are not codes.
_CODE_ELEMENTS = frozenset({"g", "x", "bx", "ex", "ph", "bpt", "ept", "it", "ut", "pc", "sc", "ec"})
#: Where each element keeps the id that pairs a source code with its target copy.
_CODE_IDS = ("id", "i", "x", "rid", "startRef")


def inline_codes(element: Any) -> tuple[str, ...]:
    """The inline codes inside a content element, as ``"name#id"`` in document order (S103)."""
    if element is None:
        return ()
    codes: list[str] = []
    for node in element.iterdescendants():
        name = _local(node.tag)
        if name in _CODE_ELEMENTS:
            ident = next((node.get(key) for key in _CODE_IDS if node.get(key)), "")
            codes.append(f"{name}#{ident}")
    return tuple(codes)


def _child(element: Any, name: str) -> Any:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _has_text(text: str | None) -> bool:
    return bool(text and text.strip())


# ---------------------------------------------------------------------------------------------
# XLIFF
# ---------------------------------------------------------------------------------------------


def is_xliff2(data: bytes) -> bool:
    head = _XLIFF2_HEAD.search(data[:65536])
    return bool(head and _XLIFF2_MARK.search(head.group()))


def read_xliff(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    refused = screen(data, name)
    if refused is not None:
        return _fail(name, "xliff", refused)
    try:
        from translate.storage import xliff, xliff2
    except ImportError:
        return _fail(name, "xliff", missing_extra(name, "XLIFF", "translate-toolkit"))
    version2 = is_xliff2(data)
    cls: Any = xliff2.Xliff2File if version2 else xliff.xlifffile
    what = "XLIFF 2" if version2 else "XLIFF 1.2"
    try:
        store = cls.parsestring(data)
    except Exception as exc:  # translate-toolkit raises lxml, ValueError, AssertionError...
        return _fail(name, "xliff", _parse_error(name, what, exc))
    parts: list[Part] = []
    for unit in store.units:
        if unit.isheader():
            continue
        element = unit.xmlelement
        target = _child(element, "target")
        if target is None:
            continue
        text, bounds = inline_text(target)
        if not _has_text(text):
            continue
        source_el = _child(element, "source")
        source = inline_text(source_el)[0] if source_el is not None else None
        unit_id = unit.getid() if version2 else (element.get("id") or unit.getid())
        parts.append(Part(text, source, None, unit_id, bounds, inline_codes(source_el), inline_codes(target)))
    language = store.gettargetlanguage() or options.language
    doc = build_document(
        name,
        parts,
        language=language,
        source_language=store.getsourcelanguage() or None,
        metadata={"format": what},
    )
    return [ReadResult(doc, None, False, "xliff")]


# ---------------------------------------------------------------------------------------------
# PO
# ---------------------------------------------------------------------------------------------


def _po_charset(data: bytes) -> str | None:
    match = _PO_CHARSET.search(data[:8192])
    if match is None:
        return None
    charset = match.group(1).decode("ascii").lower()
    return None if charset in {"charset", "utf-8", "utf8"} else charset


def _po_payload(data: bytes, name: str) -> bytes | InputError:
    """The PO bytes as UTF-8, decoding a declared legacy charset here, with a precise error.

    (translate-toolkit 3.20 restarts its parser for a declared charset without switching its
    decoder, so a legacy file is recoded to UTF-8 before it sees it.)
    """
    charset = _po_charset(data)
    if charset is None:  # UTF-8 declared or nothing declared: it must decode as UTF-8
        decoded = decode_utf8(data, name)
        return decoded if isinstance(decoded, InputError) else data
    match = _PO_CHARSET.search(data)
    assert match is not None
    try:
        codecs.lookup(charset)
    except LookupError:
        return error_at_byte(name, data, match.start(1), f"unknown charset '{charset}' declared in the header")
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 4].hex(" ")
        return error_at_byte(name, data, exc.start, f"not valid {charset} (bytes {bad}) at byte {exc.start}")
    return _PO_CHARSET.sub(b"charset=UTF-8", text.encode("utf-8"), count=1)


def read_po(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    payload = _po_payload(data, name)
    if isinstance(payload, InputError):
        return _fail(name, "po", payload)
    try:
        from translate.storage import po
    except ImportError:
        return _fail(name, "po", missing_extra(name, "PO", "translate-toolkit"))
    try:
        store = po.pofile.parsestring(payload)
    except Exception as exc:  # PoParseError (a ValueError), UnicodeDecodeError, LookupError...
        return _fail(name, "po", _parse_error(name, "PO", exc))
    parts: list[Part] = []
    for unit in store.units:
        if unit.isheader() or unit.isobsolete():
            continue
        context = unit.getcontext()
        if unit.hasplural():
            sources = [str(s) for s in unit.source.strings]
            targets = [str(t) for t in unit.target.strings]
            base = f"{context}::{sources[0]}" if context else sources[0]
            for i, text in enumerate(targets):
                if _has_text(text):
                    parts.append(Part(text, sources[min(i, len(sources) - 1)], None, f"{base}[{i}]"))
        else:
            text = str(unit.target or "")
            if _has_text(text):
                source = str(unit.source)
                parts.append(Part(text, source, None, f"{context}::{source}" if context else source))
    doc = build_document(
        name,
        parts,
        language=store.gettargetlanguage() or options.language,
        source_language=store.getsourcelanguage() or None,
        metadata={"format": "PO"},
    )
    return [ReadResult(doc, None, False, "po")]


# ---------------------------------------------------------------------------------------------
# TMX
# ---------------------------------------------------------------------------------------------


def _lang_of(tuv: Any) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()


def _same_language(a: str, b: str, exact: bool) -> bool:
    a, b = a.lower().replace("_", "-"), b.lower().replace("_", "-")
    return a == b if exact else a.split("-")[0] == b.split("-")[0]


def _pick(tuvs: list[tuple[str, Any]], language: str) -> int | None:
    for exact in (True, False):
        for i, (lang, _) in enumerate(tuvs):
            if lang and _same_language(lang, language, exact):
                return i
    return None


def read_tmx(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    """TMX: the source variant is the unit's (or header's) ``srclang``; the target is the variant
    in ``options.language`` when the unit has one, else the first other variant."""
    refused = screen(data, name)
    if refused is not None:
        return _fail(name, "tmx", refused)
    try:
        from translate.storage import tmx
    except ImportError:
        return _fail(name, "tmx", missing_extra(name, "TMX", "translate-toolkit"))
    try:
        store = tmx.tmxfile.parsestring(data)
    except Exception as exc:
        return _fail(name, "tmx", _parse_error(name, "TMX", exc))
    header = _child(store.document.getroot(), "header")
    header_src = header.get("srclang", "") if header is not None else ""
    parts: list[Part] = []
    languages: Counter[str] = Counter()
    source_languages: Counter[str] = Counter()
    for index, unit in enumerate(store.units, 1):
        tu = unit.xmlelement
        tuvs = [(_lang_of(tuv), tuv) for tuv in tu if _local(tuv.tag) == "tuv"]
        if len(tuvs) < 2:
            continue
        src_lang = tu.get("srclang") or header_src
        src = 0 if not src_lang or src_lang.lower() == "*all*" else _pick(tuvs, src_lang)
        src = 0 if src is None else src
        others = [t for i, t in enumerate(tuvs) if i != src]
        chosen = _pick(others, options.language)
        lang, tuv = others[chosen if chosen is not None else 0]
        seg = _child(tuv, "seg")
        if seg is None:
            continue
        text, bounds = inline_text(seg)
        if not _has_text(text):
            continue
        src_seg = _child(tuvs[src][1], "seg")
        source = inline_text(src_seg)[0] if src_seg is not None else None
        codes = (inline_codes(src_seg), inline_codes(seg))
        parts.append(Part(text, source, None, tu.get("tuid") or str(index), bounds, *codes))
        if lang:
            languages[lang] += 1
        if tuvs[src][0]:
            source_languages[tuvs[src][0]] += 1
    doc = build_document(
        name,
        parts,
        language=languages.most_common(1)[0][0] if languages else options.language,
        source_language=source_languages.most_common(1)[0][0] if source_languages else (header_src or None),
        metadata={"format": "TMX"},
    )
    return [ReadResult(doc, None, False, "tmx")]
