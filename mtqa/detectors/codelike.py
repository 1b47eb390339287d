"""Code inside prose: which paragraphs of a document are code, and where inline code spans are.

Quote, bracket and casing rules read prose. README-style documents (Markdown, reStructuredText)
mix prose with code blocks and inline code, where unbalanced brackets, straight quotes and
lower-case sentence starts are normal. These helpers let those rules skip code; plain news
text has none of these signs and loses nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from mtqa.detectors.memo import per_document
from mtqa.document import Segment

_FENCE = regex.compile(r"^\s*(?:```|~~~)")
_PROMPT = regex.compile(r"^\s*(?:>>> |In \[\d*\]:)")
_SHELL = regex.compile(r"^\s*(?:\.\.\. |\$ |% )")
_TECHNICAL = regex.compile(r"(?m)^\s*(?:```|~~~|>>>)|::\s*$|^\.\. [a-z-]+::")
# The standard library's engine: counting a plain character class in every paragraph is a
# third of the time it takes the regex module.
_SYMBOL = re.compile(r"[{}\[\]();=<>\\|]")
# Inline code: `x`, ``x`` (Markdown and reStructuredText).
INLINE_CODE = regex.compile(r"(`{1,3})(?!`)[^`\n]+?\1")


def _symbol_dense(text: str) -> bool:
    """A line of code: outside inline code spans, four or more code symbols, one character in
    ten or more ("x = f(a[0]) {", not "- [varLib] Fixed ``scaleUpem`` (#4097,")."""
    count = len(_SYMBOL.findall(text))
    if count < 4:
        return False
    stripped = mask_inline_code(text).strip()
    count = len(_SYMBOL.findall(stripped))
    return count >= 4 and count * 10 >= len(stripped)


@per_document()
def code_segments(segments: tuple[Segment, ...]) -> frozenset[int]:
    """Indexes of the segments that are code: fenced blocks, ">>>" prompts, lines dense with code
    symbols, and, in a document that shows code elsewhere (a fence, a prompt, an RST "::"
    block), indented lines and "$ " or "... " lines."""
    if not segments:
        return frozenset()
    technical = any(
        ("```" in t or "~~~" in t or ">>>" in t or "::" in t or ".. " in t) and _TECHNICAL.search(t)
        for t in (seg.text for seg in segments)
    )
    code: set[int] = set()
    fenced = False
    for seg in segments:
        text = seg.text
        if not technical and not fenced and "`" not in text and ">>>" not in text and len(_SYMBOL.findall(text)) < 4:
            continue  # plain prose: nothing below can match
        if _FENCE.match(text):
            code.add(seg.index)
            fenced = not fenced
            continue
        indented = text.startswith(("    ", "\t"))
        if fenced or _PROMPT.match(text) or _symbol_dense(text) or (technical and (indented or _SHELL.match(text))):
            code.add(seg.index)
    return frozenset(code)


def mask_inline_code(text: str) -> str:
    """``text`` with every inline code span replaced by underscores (same length, so offsets
    still hold; an underscore is neither a space nor a letter, so no word seems to start or end
    a sentence next to the code)."""
    if "`" not in text:
        return text
    return INLINE_CODE.sub(lambda m: "_" * len(m.group()), text)


# Signs that a document shows code: `inline code`, call(), snake_case, ::, ->, =>, braces, tags,
# shell and Python prompts. Camel case in such a text is far more often an identifier than glue.
_SHOWS_CODE = regex.compile(
    r"`[^`\s]+`|\w\(\)|\b\p{Ll}+_\p{Ll}+|::|->|=>|[{}]|</?\p{Ll}+[ >/]|^[ \t]*(?:\$ \p{Ll}|>>> )",
    regex.MULTILINE,
)


@lru_cache(maxsize=16)
def shows_code(document: str) -> bool:
    """True when the document shows code (a README, a changelog, software strings)."""
    return _SHOWS_CODE.search(document) is not None
