"""Encoding rules (family E): mojibake and characters lost in a conversion.

Mojibake is UTF-8 decoded with the wrong code page: "cafÃ©" for "café", "donâ€™t" for
"don’t", "Â " where a no-break space was, "Ð¿Ñ€Ð¸" for "при". ``ftfy`` (the field's
library) decides what is mojibake and what the text was; a cheap prefilter keeps it away
from the text that cannot hold any (all ASCII, or no character pair that UTF-8 read as a
Latin or Cyrillic code page produces), so that clean text costs one scan.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator

import regex

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.detectors.codelike import INLINE_CODE, code_segments, shows_code
from mtqa.detectors.memo import segments_with
from mtqa.document import Document, Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import zipf
from mtqa.rules import register
from mtqa.span import Applicability, Fix

# Characters that the continuation bytes 0x80-0xBF of UTF-8 become in Latin-1 and cp1252.
_CONT_1252 = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# ... and in cp1251 (Cyrillic): "РџСЂРёРІРµС‚" for "Привет".
_CONT_1251 = (
    "\u0401-\u040f\u0451-\u045f\u0490\u0491\u00a0-\u00bb\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2116\u2122"
)
# Prefilter: a lead byte of a two- to four-byte UTF-8 sequence read as Latin-1/cp1252 (Â-ô)
# followed by a continuation byte read the same way; "Â" before a space (a no-break space
# whose A0 became a space); "Р"/"С" (0xD0/0xD1 in cp1251) followed by a cp1251 continuation;
# "â€" (the lead bytes of curly quotes and dashes) before anything; a GBK-read emoji (the
# lead bytes F0 9F of every emoji read as GBK are "馃").
_HINT = re.compile(
    f"[\u00c2-\u00f4][{_CONT_1252}]|\u00c2 |[\u0420\u0421][{_CONT_1251}]|\u00e2\u20ac|\u9983[\u3400-\u9fff]"
)
# 'â€' not followed by a cp1252 continuation: the third byte was 0x9D (”), which cp1252 lacks
# and a lossy decoder dropped ('â€œHelloâ€ said').
_LOST_9D = re.compile(f"\u00e2\u20ac(?![{_CONT_1252}])")
# 'Â' before a space where a no-break space (C2 A0) lost its second byte to a plain space, after
# something that is not a capital ('10Â km', 'saidÂ the'; 'ROMÂNIA', 'Âge' are words).
_STRAY_A_CIRC = regex.compile(r"(?<!\p{Lu})\u00c2(?=[ \u00a0])")
# Two CJK characters that are the four bytes of an emoji (F0 9F xx xx) read as GBK: "馃槉" for "😊".
_GBK_EMOJI = regex.compile(r"\u9983[\u3400-\u9fff]")
_MERGE_GAP = 1  # changed stretches one character apart are one mojibake run ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€")
_SAFE_STEPS = frozenset({"encode", "decode"})


def _describe(explanation: list[tuple[str, str]]) -> str:
    """'UTF-8 read as Windows-1252' from ftfy's explanation."""
    names = {
        "latin-1": "Latin-1",
        "sloppy-windows-1252": "Windows-1252",
        "windows-1252": "Windows-1252",
        "sloppy-windows-1251": "Windows-1251",
        "windows-1251": "Windows-1251",
        "sloppy-windows-1250": "Windows-1250",
        "iso-8859-2": "ISO 8859-2",
        "macroman": "Mac Roman",
        "cp437": "code page 437",
    }
    encodings = [names.get(arg, arg) for step, arg in explanation if step == "encode"]
    if not encodings:
        return "UTF-8 read in the wrong encoding"
    layers = " twice" if len(encodings) > 1 else ""
    return f"UTF-8 read as {encodings[0]}{layers}"


@register
class Mojibake(Detector):
    """Mojibake: UTF-8 text read in the wrong encoding, "cafÃ©", "donâ€™t", "10Â km", "馃槉".

    What it flags:
        Characters that are the bytes of UTF-8 text decoded as Latin-1, Windows-1252,
        Windows-1251 or another single-byte code page ("cafÃ©" for "café", "donâ€™t" for
        "don’t", "â€“" for "–", "Ð¿Ñ€Ð¸Ð²ÐµÑ‚" for "привет", "Â£5" for "£5"), as ftfy
        finds and repairs them; a stray "Â" before a space where a no-break space lost its
        second byte ("10Â km"); a curly closing quote whose last byte was dropped ("â€"
        before a space); and an emoji whose four bytes were read as Chinese GBK ("馃槉" for
        "😊"). Each run of mojibake is one issue, with the repaired text.

    Why it matters:
        Mojibake is garbage to every reader, breaks names and search, and shows that the text
        went through a broken pipeline; it is also the most mechanical thing to repair.

    Example:
        "the cafÃ© said" -> "the café said"; "donâ€™t" -> "don’t"; "Thank you 馃槉" ->
        "Thank you 😊".

    Leaves alone:
        Correct accented and non-Latin text ("café", "Müller", "São Paulo", "naïve",
        "Gdańsk", "ROMÂNIA", "Âge", Cyrillic, Greek, CJK, emoji), correct curly quotes and
        dashes, rare CJK characters that do not spell an emoji, and code blocks and inline
        code (a README that shows mojibake on purpose). Text that is all ASCII, or that has no
        pair of characters that mojibake is made of, is never given to ftfy.

    Fix safety:
        SAFE when ftfy's repair is a lossless re-decoding (encode in one code page, decode as
        UTF-8, nothing guessed) and the repaired text is stable under ftfy. UNSAFE when a lost
        byte had to be guessed: a no-break space restored from "Â " (ftfy's
        ``restore_byte_a0``, or the stray "Â" deleted), a lost closing quote, an emoji from
        GBK, or a sequence ftfy could only partly decode.

    Settings:
        None.

    Measured precision:
        Measured 2026-12-02 with `mtqa eval pages` and `mtqa eval mqm` (mtqa 0.1.0, ftfy 6.3). Real
        MT pages (93 files, 23,151 words): 1 flag, on the gold encoding span '馃槉', 0 outside gold.
        Clean news (14 files, 4,346 words) and the clean real pages (27 files, 8,472 words, 149
        traps): 0 flags. Seed article: 0 flags. Technical text (the long descriptions of 129
        installed Python packages, 181,151 words of Markdown and reStructuredText with code): 0
        flags (ftfy's own README shows mojibake in code examples: skipped as code). MQM TED zh-en
        and en-de targets, and NTREX English, German, French and Spanish (68 articles each, accented
        text throughout): 0 flags. The prefilter keeps ftfy away from clean text: a 1 MB line of
        accented prose is checked in about 20 ms.
    """

    code = "E101"
    name = "mojibake"
    summary = "UTF-8 text read in the wrong encoding (mojibake)"
    severity = Severity.ERROR
    category = "encoding"
    mqm = "Fluency/Character encoding"
    languages = ("*",)
    fixable = True

    def candidates(self, document: Document, ctx: Context) -> list[Segment] | None:
        return segments_with(document, beyond_marks=True)  # mojibake has letters outside ASCII

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if text.isascii() or not _HINT.search(text):
            return
        if unit.index in code_segments(ctx.document.segments):
            return
        masked = _masked_code(text, ctx.document.text)
        found: list[tuple[int, int, str, Applicability, str]] = []
        for lo, hi in _windows(masked):
            found.extend((s + lo, e + lo, *rest) for s, e, *rest in _ftfy_repairs(masked[lo:hi]))
        found.sort()
        starts = [f[0] for f in found]
        ends = [f[1] for f in found]

        def taken(i: int) -> bool:
            k = bisect_right(starts, i) - 1
            return k >= 0 and i < ends[k]

        extra = []
        for m in _STRAY_A_CIRC.finditer(masked):
            if not taken(m.start()):
                extra.append(
                    (m.start(), m.end(), "", Applicability.UNSAFE, "a no-break space that lost its second byte")
                )
        for m in _GBK_EMOJI.finditer(masked):
            repaired = _gbk_emoji(m.group())
            if repaired is not None and not taken(m.start()):
                extra.append((m.start(), m.end(), repaired, Applicability.UNSAFE, "an emoji read as Chinese GBK"))
        found.extend(extra)
        for start, end, replacement, applicability, why in sorted(found):
            span = segment_span(unit, start, end)
            shown = replacement if replacement.strip() else repr(replacement)
            title = f"Replace with '{shown}'" if replacement else "Delete the stray 'Â'"
            fix = Fix.replace(span, replacement, applicability, title)
            bad = text[start:end]
            message = f"'{bad}' is mojibake ({why}): " + (
                f"the text was '{replacement}'" if replacement.strip() else "delete it"
            )
            yield self.issue(ctx, span, message, segment=unit, fix=fix, data={"repair": replacement})


_WINDOW = 160  # characters of context either side of a hint that ftfy sees in a long paragraph
_WHOLE = 1000  # paragraphs up to this long go to ftfy whole


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` to give ftfy: the whole paragraph when it is short, else the
    context around each hint, cut at spaces and merged where they overlap (so that a long
    paragraph costs ftfy and the diff only around its mojibake)."""
    if len(text) <= _WHOLE:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    for m in _HINT.finditer(text):
        lo = max(0, m.start() - _WINDOW)
        hi = min(len(text), m.end() + _WINDOW)
        space = text.rfind(" ", lo, m.start())
        lo = space + 1 if space > lo else lo
        space = text.find(" ", m.end(), hi)
        hi = space if space != -1 else hi
        if out and lo <= out[-1][1] and hi - out[-1][0] <= _WHOLE:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        elif out and lo < out[-1][1]:
            out.append((out[-1][1], max(out[-1][1], hi)))  # a long run of mojibake: windows side by side
        else:
            out.append((lo, hi))
    return out


def _masked_code(text: str, document: str) -> str:
    """``text`` with inline code spans blanked (same length), in a document that shows code."""
    if "`" not in text or not shows_code(document):
        return text
    return INLINE_CODE.sub(lambda m: " " * len(m.group()), text)


def _gbk_emoji(pair: str) -> str | None:
    """The emoji whose UTF-8 bytes, read as GBK, give ``pair``; None when they spell no emoji."""
    try:
        decoded = pair.encode("gbk").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    if len(decoded) != 1 or not 0x1F000 <= ord(decoded) <= 0x1FAFF:
        return None
    return decoded if unicodedata.category(decoded) == "So" else None


def _ftfy_repairs(text: str) -> list[tuple[int, int, str, Applicability, str]]:
    """(start, end, repaired text, applicability, description) for every run ftfy repairs."""
    import ftfy

    inserted: list[int] = []  # offsets in ``text`` where a lost 0x9D byte was put back
    prepared = text
    if "\u00e2\u20ac" in text:
        parts: list[str] = []
        last = 0
        for m in _LOST_9D.finditer(text):
            parts.append(text[last : m.end()])
            parts.append("\x9d")
            inserted.append(m.end())
            last = m.end()
        parts.append(text[last:])
        prepared = "".join(parts)
    fixed, explanation = ftfy.fix_encoding_and_explain(prepared)
    if fixed == prepared:
        return []
    steps = {step for step, _ in explanation} | {arg for step, arg in explanation if step == "transcode"}
    lossless = steps <= _SAFE_STEPS and ftfy.fix_encoding(fixed) == fixed
    why = _describe(explanation)
    # Positions in ``prepared`` map back to ``text`` by the number of insertions before them.
    moved = [p + i for i, p in enumerate(inserted)]  # where each inserted byte sits in ``prepared``

    def back(p: int) -> int:
        return p - bisect_right(moved, p - 1)

    runs: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, prepared, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if runs and i1 - runs[-1][1] <= _MERGE_GAP:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in runs:
        # Widen the run over the non-ASCII characters around it (they are equal in both texts):
        # "Â£" -> "£" rather than the deletion of "Â" that the diff found.
        while i1 > 0 and j1 > 0 and not prepared[i1 - 1].isascii() and prepared[i1 - 1] == fixed[j1 - 1]:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(prepared) and j2 < len(fixed) and not prepared[i2].isascii() and prepared[i2] == fixed[j2]:
            i2, j2 = i2 + 1, j2 + 1
        repaired = fixed[j1:j2]
        start, end = back(i1), back(i2)
        if start == end or "\ufffd" in repaired or any(unicodedata.category(c) == "Cc" for c in repaired):
            continue  # nothing visible changed, or ftfy could only replace it with U+FFFD
        guessed = any(i1 <= p < i2 for p in moved)
        exact = lossless or _redecodes(prepared[i1:i2], repaired)
        applicability = Applicability.SAFE if exact and not guessed else Applicability.UNSAFE
        out.append((start, end, repaired, applicability, why))
    return out


_SINGLE_BYTE = ("latin-1", "sloppy-windows-1252", "sloppy-windows-1251", "sloppy-windows-1250")


def _redecodes(bad: str, repaired: str) -> bool:
    """True when ``bad`` is exactly ``repaired`` encoded as UTF-8 and read in one single-byte code page."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows codecs)

    for encoding in _SINGLE_BYTE:
        try:
            if bad.encode(encoding).decode("utf-8") == repaired:
                return True
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return False


# --------------------------------------------------------------------------------------------
# E102 lost-character
# --------------------------------------------------------------------------------------------

# U+FFFD, the replacement character: a byte the decoder could not read.
_REPLACEMENT = re.compile("\ufffd+")
# A question mark inside a lower-case word, or opening one after a space, where a ligature
# (ﬁ ﬂ ﬀ ﬃ ﬄ) was lost in a PDF or font conversion: "e?ective", "?nancial".
_LIGATURE_HOLE = regex.compile(r"(?:(?<=\p{Ll})|(?<=(?:^|[ (\"“])))[?\ufffd](?=\p{Ll}{2})")
_WORD_AROUND = regex.compile(r"[\p{L}\p{M}?\ufffd]+")
_LIGATURES = ("ff", "fi", "fl", "ffi", "ffl")
_LIGATURE_WORD_MIN = 3.0  # Zipf the repaired word needs ("effective" 4.6, "financial" 4.9)
_HINT_E102 = re.compile('[a-z]\\?[a-z]|(?:^|[ ("“])\\?[a-z]|\ufffd')


@register
class LostCharacter(Detector):
    """A character lost in a conversion: U+FFFD "�", or "?" where a ligature was ("e?ective").

    What it flags:
        The replacement character U+FFFD ("�"), which a decoder writes for bytes it could
        not read ("S�o Paulo", "the minister�s"); and a question mark inside a lower-case
        word, or opening one, where the repaired word with a lost ligature (ff, fi, fl, ffi,
        ffl) is a common word and the text as written is not ("the e?ective date",
        "?nancial results": PDF and font conversions drop the ﬀ and ﬁ glyphs).

    Why it matters:
        The reader sees a hole in the word; search, spell checking and MT downstream all
        fail on it. The source must be converted again or the word repaired by hand.

    Example:
        "the e?ective date" -> "the effective date"; "S�o Paulo" (no fix: the lost letter is
        not known).

    Leaves alone:
        Question marks between words or at a word end ("what?no", "why?"), in URLs and
        query strings ("index.php?id=5", "?page=2"), and in words that no ligature repairs
        into a common word; U+FFFD inside code blocks and inline code, and in a document that
        shows code (a README that documents the character).

    Fix safety:
        UNSAFE: the ligature letters are put back when exactly one of ff, fi, fl, ffi, ffl
        gives a common word (the most frequent when several do). U+FFFD has no fix unless the
        same ligature test repairs the word.

    Settings:
        None.

    Measured precision:
        Measured 2026-12-02 with `mtqa eval pages` and `mtqa eval mqm` (mtqa 0.1.0). Real MT pages
        (93 files, 23,151 words): 1 flag, on the gold encoding span 'e?ective', 0 outside gold.
        Clean news (14 files, 4,346 words) and the clean real pages (27 files, 8,472 words, 149
        traps): 0 flags. Seed article: 0 flags. Technical text (the long descriptions of 129
        installed Python packages, 181,151 words of Markdown and reStructuredText with code): 0
        flags. MQM TED zh-en and en-de targets, and NTREX English, German, French and Spanish: 0
        flags.
    """

    code = "E102"
    name = "lost-character"
    summary = "A replacement character, or a question mark where a ligature was lost"
    severity = Severity.WARNING
    category = "encoding"
    mqm = "Fluency/Character encoding"
    languages = ("*",)
    fixable = True

    def candidates(self, document: Document, ctx: Context) -> list[Segment] | None:
        return segments_with(document, ("?", "\ufffd"))

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if ("?" not in text and "\ufffd" not in text) or not _HINT_E102.search(text):
            return  # substring tests first: a scan for one character is far cheaper than the pattern
        if unit.index in code_segments(ctx.document.segments):
            return
        code_doc = shows_code(ctx.document.text)
        masked = _masked_code(text, ctx.document.text)
        seen: set[int] = set()
        for m in _LIGATURE_HOLE.finditer(masked):
            word = _WORD_AROUND.search(masked, _word_start(masked, m.start()))
            if word is None or _in_code_chunk(masked, word.start(), word.end()):
                continue
            repaired = _ligature(word.group(), m.start() - word.start(), ctx.document.language)
            if repaired is None:
                continue
            seen.update(range(word.start(), word.end()))
            span = segment_span(unit, word.start(), word.end())
            fix = Fix.replace(span, repaired, Applicability.UNSAFE, f"Write '{repaired}'")
            hole = "replacement character" if masked[m.start()] == "\ufffd" else "'?'"
            message = f"'{word.group()}': a {hole} where a ligature was lost; write '{repaired}'"
            yield self.issue(ctx, span, message, segment=unit, fix=fix, data={"repair": repaired})
        if code_doc or "\ufffd" not in masked:
            return
        for m in _REPLACEMENT.finditer(masked):
            if m.start() in seen:
                continue
            start = _word_start(masked, m.start())
            end = m.end()
            while end < len(masked) and (masked[end].isalpha() or masked[end] == "\ufffd"):
                end += 1
            span = segment_span(unit, start, end)
            message = f"replacement character U+FFFD in '{masked[start:end]}': a character was lost in a conversion"
            yield self.issue(ctx, span, message, segment=unit)


def _word_start(text: str, i: int) -> int:
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "?\ufffd" or unicodedata.category(text[j - 1]) == "Mn"):
        j -= 1
    return j


_CODE_CHARS = regex.compile(r"[=&/\\#@_%<>{}\[\]|`$]|://|\.\p{L}")


def _in_code_chunk(text: str, start: int, end: int) -> bool:
    """True when the whitespace-delimited chunk around [start, end) is a URL, a query or code."""
    s = start
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    e = end
    while e < len(text) and not text[e].isspace():
        e += 1
    return _CODE_CHARS.search(text, s, e) is not None


def _ligature(word: str, hole: int, language: str) -> str | None:
    """The word with a ligature in place of the hole at ``hole``, when that makes a common word."""
    if word.count("?") + word.count("\ufffd") != 1:
        return None
    lang = (language or "en").split("-")[0].lower()
    written = word[:hole] + word[hole + 1 :]
    if zipf(written.lower(), lang) >= _LIGATURE_WORD_MIN:
        return None  # "?it" -> "it" is a word already: a stray mark, not a lost ligature
    best, best_zipf = None, _LIGATURE_WORD_MIN
    for lig in _LIGATURES:
        candidate = word[:hole] + lig + word[hole + 1 :]
        z = zipf(candidate.lower(), lang)
        if z >= best_zipf:
            best, best_zipf = candidate, z
    return best
