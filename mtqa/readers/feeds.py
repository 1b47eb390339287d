"""RSS and Atom feeds from files, through feedparser: one document per item.

An item's document is its title, a blank line, then its content, one segment a line. The
content is the item's full content (``content:encoded``, Atom ``<content>``) when it has
one, else its description/summary; HTML in it goes through :mod:`mtqa.readers.html`, so
inline boundaries are kept ("Blinken</a>He") and scripts and navigation are dropped.
Document ids are ``<file>#<n>``, n counting items from 1; the item's link, id and title are
in ``Document.metadata``. Items with neither title nor content are skipped.

The file is screened by :mod:`mtqa.readers.xmlsafe` first: entity declarations are refused
and malformed XML is an error with its line (feedparser would otherwise guess its way
through a broken feed). References to undeclared HTML entities (``&nbsp;``, ``&mdash;``),
common in real feeds, are let through: feedparser decodes them. feedparser gets the bytes
in a file object, so it never treats them as a URL or a path, and it loads no external
entity or DTD.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

from mtqa.readers.common import Part, build_document, missing_extra
from mtqa.readers.options import ReaderOptions
from mtqa.readers.positions import MarkupText, decode_xml
from mtqa.readers.text import ReadResult
from mtqa.readers.xmlsafe import screen, sniff_root
from mtqa.report.model import InputError

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_WS = re.compile(r"[ \t\n\r\f]+")  # ASCII whitespace only: a no-break space is kept for W102
_ASCII_WS = " \t\n\r\f"


def _is_html(detail: Any) -> bool:
    kind = (detail or {}).get("type", "") or ""
    return "html" in kind


def _parts(value: str, html: bool) -> list[Part]:
    if html:
        from mtqa.readers.html import to_parts

        return to_parts(value)
    lines = value.replace("\r\n", "\n").split("\n")
    return [Part(line.strip(_ASCII_WS)) for line in lines if line.strip(_ASCII_WS)]


def _title(entry: Any) -> Part | None:
    title = entry.get("title") or ""
    if not title.strip():
        return None
    if _is_html(entry.get("title_detail")):
        parts = _parts(title, html=True)
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return Part(" ".join(p.text for p in parts))
    return Part(_WS.sub(" ", title).strip(_ASCII_WS))


def _content(entry: Any) -> list[Part]:
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if contents:
        best = next((c for c in contents if _is_html(c)), contents[0])
        return _parts(best.get("value", ""), _is_html(best))
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {"type": "text/html"}
        return _parts(summary, _is_html(detail))
    return []


_ITEM = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)\b")


def _first_item(raw: str) -> int:
    """Where the first item starts: the channel's own title and description are not checked."""
    m = _ITEM.search(raw)
    return m.start() if m else 0


def read_feed(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]:
    refused = screen(data, name, allow_undefined_entities=True)
    if refused is not None:
        return [ReadResult(None, refused, False, "feed")]
    try:
        import feedparser
    except ImportError:
        return [ReadResult(None, missing_extra(name, "RSS and Atom feeds", "feedparser"), False, "feed")]
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        root = sniff_root(data) or "?"
        message = f"not an RSS or Atom feed (root element <{root}>)"
        return [ReadResult(None, InputError(name, message, line=1, column=1), False, "feed")]
    results: list[ReadResult] = []
    raw = decode_xml(data)
    page = MarkupText(raw, _first_item(raw)) if raw is not None else None
    for index, entry in enumerate(parsed.entries, 1):
        title = _title(entry)
        content = _content(entry)
        parts = ([title] if title else []) + content
        if not parts:
            continue
        if page is not None:
            parts = [replace(part, placement=page.place(part.text)) for part in parts]
        metadata = {"item": str(index)}
        if title:
            metadata["title"] = title.text
        for key in ("link", "id"):
            value = entry.get(key)
            if isinstance(value, str) and value:
                metadata[key] = value
        doc = build_document(
            f"{name}#{index}",
            parts,
            language=options.language,
            metadata=metadata,
            separators=("\n\n",) if title and content else (),
            file=name,
        )
        results.append(ReadResult(doc, None, False, "feed"))
    return results


read = read_feed  # the reader interface every format module has
