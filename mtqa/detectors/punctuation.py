"""Punctuation rules (family P)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import regex

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.detectors.memo import segments_with
from mtqa.document import Document, Segment
from mtqa.issue import Issue, Severity
from mtqa.languages import base_code, language_pack
from mtqa.lexicon import abbreviations, resource_lines
from mtqa.rules import register
from mtqa.span import Applicability, Fix, Span

# A mark, optional horizontal space, the same mark again. Full stops are handled apart
# because three or more of them (spaced or not) are an ellipsis.
_DOUBLED = re.compile(r"([,;:])[ \t\u00a0]*+\1")
_PERIOD_RUN = re.compile(r"\.(?:[ \t\u00a0]*+\.)+")
_NAMES = {",": "comma", ";": "semicolon", ":": "colon", ".": "full stop"}


@register
class DoubledPunctuation(Detector):
    """A punctuation mark repeated by mistake: "Efe. .", "however,, the", "note:: see".

    What it flags:
        Two full stops, commas, semicolons or colons in a row, with or without spaces
        between them. Machine translation and HTML scraping leave these behind when a
        sentence-final mark is added to text that already had one.

    Why it matters:
        A doubled mark is the most visible sign of unedited machine output; readers
        notice it at once.

    Example:
        "indicated in the data collected by Efe. ." -> "indicated in the data collected by Efe."

    Leaves alone:
        Ellipses of three or more full stops ("...", ". . ."); relative paths and ranges
        ("../data", "1..5"); "!!" and "?!" (emphatic, a style matter); "::" in code or
        IPv6 addresses (no space around it and a letter or digit on both sides).

    Fix safety:
        SAFE: the second mark and the space before it are deleted. The fix changes no
        word and applying it twice changes nothing more.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 3 flags, precision 0.33 (1 of 3 on a rater's span); 2 on
        the 2,238 segments every rater marked No-error (0.05 per 1,000 of 38,067 words);
        recall on Fluency/Punctuation: 1/514. Clean news (14 files, 4,346 words): 0 flags
        (0.00 per 1,000 words). Seed article: 1 flag, 1 on gold spans of its types, 0
        outside gold. Synthetic double_punct in clean news (70 injections): recall 1.00;
        `mtqa fix` restores the original in 70 (SAFE) / 70 (SAFE+UNSAFE) of 70 texts. The 2
        flags on No-error segments are real doubled full stops ('how clever it is..', 'like
        this..') that the raters passed.
        Measured 2026-12-07 for German, French and Spanish targets (issue 13; `mtqa eval clean` on NTREX
        de/fr/es, 69 edited documents each, 23,411/26,734/26,942 words; `mtqa eval mqm` on MQM TED
        en-de): NTREX 0/0/1 flags, a real doubled full stop in Spanish; MQM en-de 0: language-neutral
        ('...', German ordinals 'am 3. März' and 'z. B.' are left alone).
    """

    code = "P101"
    name = "doubled-punctuation"
    summary = "The same punctuation mark twice in a row"
    severity = Severity.ERROR
    category = "punctuation"
    mqm = "Fluency/Punctuation"
    languages = ("en", "de", "fr", "es")
    fixable = True

    def candidates(self, document: Document, ctx: Context) -> list[Segment] | None:
        # Both patterns stay on one line: searched over the document, they find every segment's.
        return segments_with(document, patterns=(_PERIOD_RUN, _DOUBLED))

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        for m in _PERIOD_RUN.finditer(text):
            if m.group().count(".") != 2 or _is_path_or_range(text, m.start(), m.end()):
                continue
            yield self._issue(ctx, unit, m.start(), m.end(), ".")
        for m in _DOUBLED.finditer(text):
            mark = m.group(1)
            if mark == ":" and m.group() == "::" and _word_char(text, m.start() - 1) and _word_char(text, m.end()):
                continue
            yield self._issue(ctx, unit, m.start(), m.end(), mark)

    def _issue(self, ctx: Context, seg: Segment, start: int, end: int, mark: str) -> Issue:
        span = segment_span(seg, start, end)
        fix = Fix.replace(Span(span.start + 1, span.end), "", Applicability.SAFE, f"Remove the second {_NAMES[mark]}")
        return self.issue(ctx, span, f"doubled {_NAMES[mark]} {seg.text[start:end]!r}", segment=seg, fix=fix)


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _is_path_or_range(text: str, start: int, end: int) -> bool:
    """'../x', 'a/..', '1..5': two dots that belong to a path or a numeric range."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return after in "/\\" or before in "/\\" or (before.isdigit() and after.isdigit())


# --------------------------------------------------------------------------------------------
# P102 stray-punctuation-run
# --------------------------------------------------------------------------------------------

# Two or more marks in a row, with or without spaces between them.
_MARK_RUN = re.compile(r"[.,;:!?](?:[ \t]*+[.,;:!?])+")  # standard library: faster on plain classes
_TERMINAL = "?!."
# Which mark a run keeps when the choice is a guess: the strongest of its class.
_STRENGTH = {".": 3, "?": 5, "!": 4, ";": 2, ":": 2, ",": 1}
_ABBREVIATED = regex.compile(r"(?:\p{L}\.)+\p{L}|\p{L}")  # U.S, p.m, e.g, Ph.D (less its last dot), F
_RUN_NAMES = {**_NAMES, "?": "question mark", "!": "exclamation mark"}


@cache
def _abbreviations() -> frozenset[str]:
    return abbreviations() | frozenset(w.lower() for w in resource_lines("comma-abbreviations.txt"))


@register
class StrayPunctuationRun(Detector):
    """Different punctuation marks run together by mistake: "alliance . , but", "said,.", "talks.,".

    What it flags:
        Two or more different marks in a row, with or without spaces between them: a comma,
        semicolon or colon before a full stop ("said,." "the talks;."), a full stop before a
        comma, semicolon or colon ("alliance . , but", "”.,"), a full stop after a question or
        exclamation mark ("Why?."), and mixed commas, semicolons and colons (",;"). MT and
        post-editing leave them when a clause is cut or joined and its old mark stays behind.

    Why it matters:
        A stray mark is an obvious, visible error that tells the reader nobody checked the text.

    Example:
        "the alliance ., but not" -> "the alliance, but not"; "he said,." -> "he said.".

    Leaves alone:
        An abbreviation's full stop followed by a comma or other mark ("etc.,", "Inc.,", "U.S.,",
        "p.m.,", "Calif.,", "8 ft.,", "John F.,", from the shipped abbreviation list and forms
        with inner full stops); "?!", "!?", "!!" and "??"; ellipses with or without other marks
        ("...", "...,", "?..."); a question or exclamation mark before a comma, semicolon or
        colon (a title: "Jeopardy!, the show", "Who's Afraid of Virginia Woolf?, a play"); a
        mark before or after a quote (".”", "?”,": quote placement is another rule's); the same
        mark twice (P101).

    Fix safety:
        SAFE where the intended mark is plain: a comma, semicolon or colon before a final full
        stop, question or exclamation mark is deleted (",." -> "."), and so is a full stop after
        a question or exclamation mark ("?." -> "?"). UNSAFE otherwise: for ".," the full stop is
        dropped when a lower-case word follows (the sentence goes on) and the comma when a
        capital follows; other runs keep their strongest mark.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 0 flags (no precision); 0 on the 2,238 segments every
        rater marked No-error (0.00 per 1,000 of 38,067 words); recall on
        Fluency/Punctuation: 0/514. Clean news (14 files, 4,346 words): 0 flags (0.00 per
        1,000 words). Seed article: 0 flags, 0 on gold spans of its types, 0 outside gold.
        Synthetic stray_punct in clean news (70 injections): recall 1.00; `mtqa fix`
        restores the original in 34 (SAFE) / 70 (SAFE+UNSAFE) of 70 texts. Technical text
        (the long descriptions of the 137 Python packages installed with mtqa, 133,314 words
        of Markdown and reStructuredText with code, `mtqa eval clean`): 1 flag, a real '.,'
        in a quoted example; the abbreviations there ('e.g.,', 'etc.,', 'et al.,', 'Smith,
        J.,') and code ('.:tests', '{n:.3f}', '::') are left alone. No flag on the shared
        data, so its precision there is unmeasured; it is stable on the 'at most 0.05 flags
        per 1,000 clean words' criterion.
        Measured 2026-12-07 for German, French and Spanish targets (issue 13; `mtqa eval clean` on NTREX
        de/fr/es, 69 edited documents each, 23,411/26,734/26,942 words; `mtqa eval mqm` on MQM TED
        en-de): NTREX 0/0/0 flags (7 in Spanish before the pack's abbreviations with inner spaces were
        read: 'EE. UU.,', 'EE.\u00a0UU.,'); MQM en-de 1 flag, on a rater's span ('. ?'), precision 1.00.
        The abbreviations come from the pack's [punctuation] table ('z. B.', 'd. h.', 'etc.', 'S. A.').
    """

    code = "P102"
    name = "stray-punctuation-run"
    summary = "Different punctuation marks run together"
    severity = Severity.ERROR
    category = "punctuation"
    mqm = "Fluency/Punctuation"
    languages = ("en", "de", "fr", "es")
    fixable = True

    def candidates(self, document: Document, ctx: Context) -> list[Segment] | None:
        return segments_with(document, patterns=(_MARK_RUN,))  # one line's marks, as P101's

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        lang = base_code(ctx.document.language)
        for m in _MARK_RUN.finditer(text):
            start, end = m.start(), m.end()
            marks = m.group().replace(" ", "").replace("\t", "")
            if ".." in marks or "::" in marks or (start > 0 and text[start - 1] == ".") or text.startswith(".", end):
                continue  # an ellipsis, P101's doubled full stop, a reST "::"
            if _in_code(text, start, end):
                continue  # "'.:tests'", "``,.!:;``", "{n:.3f}"
            if start > 0 and text[start - 1] in _CLOSING_QUOTES:
                continue  # "speed”., said": punctuation around a quote is P301's
            if marks[0] == "." and (_abbreviation_before(text, start) or language_abbreviation(text, start, lang)):
                start += 1
                while start < end and text[start] in " \t":
                    start += 1
                marks = marks[1:]
            if len(set(marks)) < 2 or set(marks) <= {"?", "!"}:
                continue  # "etc.,", "?!", ",,": fine or P101's
            if marks[0] in "?!" and marks[1] in ",;:":
                continue  # "Jeopardy!, the show": a title's own mark
            keep, safe = _kept_mark(marks, text, end)
            span = segment_span(unit, start, end)
            run = text[start:end]
            applicability = Applicability.SAFE if safe else Applicability.UNSAFE
            title = f"Keep only the {_RUN_NAMES[keep]}" if len(keep) == 1 else f"Replace {run!r} with {keep!r}"
            fix = Fix.replace(span, keep, applicability, title)
            yield self.issue(ctx, span, f"stray punctuation {run!r}", segment=unit, fix=fix)


_CLOSING_QUOTES = frozenset("”’»\"'")

# Quotes, backticks, braces and other code signs in the token around a run.
_CODE_SIGNS = regex.compile(r"[`'\"{}\[\]()<>=/\\_@#$%|]")


def _in_code(text: str, start: int, end: int) -> bool:
    """True when the run sits inside a token with code signs ("'.:tests'", "{n:.3f}")."""
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    token = (text[a:start] + text[end:b]).strip(_QUOTES_AND_BRACKETS)
    return _CODE_SIGNS.search(token) is not None


# Quotes and brackets around a word of prose ('he said "yes".,'): not code signs at a token's edges.
_QUOTES_AND_BRACKETS = "\"'“”‘’()[]"


def _abbreviation_before(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation ("etc.", "U.S.", "Calif.", "F.")."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot]
    return bool(word) and (bool(_ABBREVIATED.fullmatch(word)) or word.lower() in _abbreviations())


@cache
def _language_abbreviations(lang: str) -> tuple[str, ...]:
    """The pack's ``[punctuation] abbreviations`` of ``lang``, spaces as plain spaces, longest first."""
    pack = language_pack(lang)
    found = pack.section("punctuation").get("abbreviations", ()) if pack is not None else ()
    return tuple(sorted({a.replace("\u00a0", " ").replace("\u202f", " ") for a in found}, key=len, reverse=True))


def language_abbreviation(text: str, dot: int, lang: str) -> bool:
    """True when the full stop at ``dot`` ends one of the language's abbreviations, which may hold
    spaces, plain or no-break ("EE. UU.", "z. B.", "p. ex."): a mark after it is no stray run."""
    abbreviations = _language_abbreviations(lang)
    if not abbreviations:
        return False
    before = text[max(0, dot - 16) : dot + 1].replace("\u00a0", " ").replace("\u202f", " ")
    for abbreviation in abbreviations:
        if before.endswith(abbreviation):
            k = len(before) - len(abbreviation)
            if k == 0 or not before[k - 1].isalnum():
                return True
    return False


def within_language_abbreviation(text: str, dot: int, lang: str) -> bool:
    """True when the full stop at ``dot`` is any full stop of one of the language's abbreviations,
    the inner ones too (the first of "EE. UU.", of "z. B."): it ends no sentence."""
    plain = text[max(0, dot - 16) : dot + 16].replace("\u00a0", " ").replace("\u202f", " ")
    at = dot - max(0, dot - 16)
    for abbreviation in _language_abbreviations(lang):
        for k, c in enumerate(abbreviation):
            start = at - k
            found = c == "." and start >= 0 and plain.startswith(abbreviation, start)
            if found and (start == 0 or not plain[start - 1].isalnum()):
                return True
    return False


def _kept_mark(marks: str, text: str, end: int) -> tuple[str, bool]:
    """The mark a run should become, and whether that choice is certain (a SAFE fix)."""
    last = marks[-1]
    if last in _TERMINAL and all(c in ",;:" for c in marks[:-1]):
        return last, True  # ",." ";." ", ?": the weaker mark before a sentence end is stray
    if last == "." and all(c in "?!" for c in marks[:-1]):
        return marks[:-1], True  # "Why?." -> "Why?"
    rest = text[end:].lstrip(" \t")
    continues = bool(rest) and (rest[0].islower() or rest[0].isdigit())
    inner = [c for c in marks if c in ",;:"]
    final = [c for c in marks if c in _TERMINAL]
    pool = inner if continues and inner else final or inner
    return max(pool, key=lambda c: _STRENGTH[c]), False
