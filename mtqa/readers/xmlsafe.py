"""XML safety: every XML input is screened with defusedxml before any other parser sees it.

Entity declarations (the billion-laughs expansion bomb, external entities that read local
files or fetch URLs: XXE) are refused outright with an InputError naming the file; nothing
is expanded and nothing is fetched. The parsers used afterwards are safe on their own too
(translate-toolkit's lxml parser has ``resolve_entities=False, no_network=True``, feedparser
turns off external general entities), so the screen is a second, library-independent wall.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import errors as expat_errors

from mtqa.readers.common import error_at_byte, error_at_line
from mtqa.report.model import InputError

REFUSED = "refused: XML entity declarations are not allowed"

_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)")
_UNDEFINED_ENTITY = expat_errors.codes[expat_errors.XML_ERROR_UNDEFINED_ENTITY]


class _Discard:
    """An ElementTree parser target that keeps nothing: the screen costs no tree."""

    def start(self, tag, attrib):  # pragma: no cover - called by expat
        return None

    def end(self, tag):  # pragma: no cover
        return None

    def data(self, data):  # pragma: no cover
        return None

    def close(self):
        return None


def screen(data: bytes, name: str, *, allow_undefined_entities: bool = False) -> InputError | None:
    """None when ``data`` is well-formed XML without entity declarations, else the error to report.

    ``allow_undefined_entities`` lets through a file whose only fault is a reference to an
    undeclared entity (``&nbsp;`` in an RSS feed, common in the wild and decoded by feedparser as
    HTML): the DOCTYPE, where declarations live, has been read and found clean by then.
    """
    try:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import DefusedXMLParser
    except ImportError:  # pragma: no cover - defusedxml is in the formats extra
        return InputError(name, "reading XML needs the 'defusedxml' package: pip install 'mtqa[formats]'")
    parser = DefusedXMLParser(target=_Discard(), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        parser.close()
    except DefusedXmlException as exc:
        return refusal(data, name, exc)
    except ParseError as exc:
        if allow_undefined_entities and getattr(exc, "code", None) == _UNDEFINED_ENTITY:
            return None
        line, column = getattr(exc, "position", (1, 0))
        reason = str(exc).split(":", 1)[0]
        return error_at_line(name, f"malformed XML: {reason} at line {line}, column {column + 1}", line, column + 1)
    return None


def refusal(data: bytes, name: str, exc: Exception) -> InputError:
    """The InputError for a file refused by the screen, at its first entity declaration when it can be found."""
    entity = getattr(exc, "name", None)
    what = f"{REFUSED} (entity '{entity}'" if entity else f"{REFUSED} ({type(exc).__name__}"
    system_id = getattr(exc, "sysid", None)
    if system_id:
        what += f" refers to external '{system_id}'"
    what += "); the file was not expanded"
    match = _ENTITY_DECL.search(data)
    if match is None:
        return InputError(name, what)
    return error_at_byte(name, data, match.start(), what)


_PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S)
_ROOT = re.compile(rb"\s*<([A-Za-z_][\w:.-]*)")


def sniff_root(data: bytes) -> str | None:
    """The local name of the root element, lower-cased ("rss", "feed", "rdf", "xliff", "tmx"), or None.

    A cheap look at the first 64 KiB, used only to choose a reader for ``.xml`` files; the
    chosen reader screens and parses the whole file.
    """
    head = data[:65536].removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while True:
        match = _PROLOG.match(head, pos)
        if match is None:
            break
        pos = match.end()
    root = _ROOT.match(head, pos)
    if root is None:
        return None
    return root.group(1).decode("ascii", "replace").rsplit(":", 1)[-1].lower()
