"""Making document text safe for formats that cannot carry every character.

Input text is untrusted: it may hold ANSI escape sequences, NUL-free but otherwise
arbitrary control characters, markup, or characters that XML 1.0 forbids. JSON
formats escape all of that by themselves; line- and XML-based formats use these.
"""

from __future__ import annotations

import re

# C0 controls other than tab, newline and carriage return, plus DEL.
_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Not allowed anywhere in an XML 1.0 document, even as a character reference.
_NOT_XML = re.compile(r"[\ud800-\udfff\ufffe\uffff]")
# What str.splitlines() (and so many line readers) treat as a line break, besides \n and \r.
_EXTRA_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def control_pictures(text: str) -> str:
    """Replace C0 control characters (not tab, LF, CR) and DEL by their visible pictures (ESC → ␛)."""
    return _C0.sub(lambda m: "␡" if m.group() == "\x7f" else chr(0x2400 + ord(m.group())), text)


def xml_text(text: str) -> str:
    """Text that ElementTree can write as valid XML 1.0: controls made visible, the rest replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", control_pictures(text))


def json_line(text: str) -> str:
    """Escape, in a line of JSON, the characters that some line readers take for a line break.

    They can only occur inside JSON strings there, where the ``\\uXXXX`` escape means the same.
    """
    for raw, escaped in _EXTRA_BREAKS.items():
        text = text.replace(raw, escaped)
    return text
