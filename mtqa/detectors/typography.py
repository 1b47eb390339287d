"""Typography of one target language (W110 French spacing, P103 Spanish inverted marks, P104
German abbreviations without their full stops).

Each rule here checks a convention that one language's typography has and English lacks, so it
declares that language alone: French puts a no-break space before ``; : ? ! »`` and after ``«``;
Spanish opens a question with ``¿`` and an exclamation with ``¡``; German writes "d. h." and "z. B."
with their full stops. Text that is not in the language
inside such a document (a line in English, an English quotation, code, a web address) follows its
own rules and is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from mtqa.detectors.base import Context, Detector, SettingsError, segment_span
from mtqa.detectors.chunks import chunk_at
from mtqa.detectors.codelike import code_segments, mask_inline_code
from mtqa.detectors.memo import segments_with
from mtqa.detectors.punctuation import within_language_abbreviation
from mtqa.document import Document, Segment
from mtqa.issue import Issue, Severity
from mtqa.languages import base_code, language_pack
from mtqa.lexicon import function_words
from mtqa.rules import register
from mtqa.span import Applicability, Fix

NBSP, NNBSP = "\u00a0", "\u202f"
_NO_BREAK = NBSP + NNBSP + "\u2009\u2007"  # no-break, narrow no-break, thin, figure spaces

# A quotation in straight or curly double quotes, on one line (bounded: linear time).
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,300})[\"”]")
_WORDS = regex.compile(r"\p{L}+")
# A chunk of text with no space that is a web address, an e-mail, a handle, a path or code.
_ADDRESS = re.compile(r"://|www\.|@|[/\\=_<>{}\[\]|`#]")


def _english(words: list[str], lang: str) -> bool:
    """Whether a run of words reads as English rather than ``lang``: more English function words
    than the language's closed-class words (a quoted English title, a line left in English)."""
    pack = language_pack(lang)
    if pack is None or not words:
        return False
    low = [w.lower() for w in words]
    theirs = sum(1 for w in low if w in pack.closed_class)
    english = sum(1 for w in low if w in function_words() and w not in pack.closed_class)
    return english > theirs


def _foreign_quotes(text: str, lang: str) -> list[tuple[int, int]]:
    """The spans of the quotations in ``text`` that are in English: their marks are English's."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text) if _english(_WORDS.findall(m.group(1)), lang)]


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    """Whether ``i`` falls in one of ``spans`` (sorted, not overlapping): a binary search."""
    k = bisect_right(spans, (i, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


# --------------------------------------------------------------------------------------------
# W110 french-spacing
# --------------------------------------------------------------------------------------------

# A mark that French spaces, glued to the word, number, bracket or quote before it; and « glued to
# what follows it (a » also after a full stop, question or exclamation mark). ``?`` and ``!`` in a
# run ("?!", "!!!") count once, at the run's first mark: a mark is never one before them.
_GLUED_BEFORE = regex.compile(r"(?<=[\p{L}\p{N}\p{M})\]”’\"'%…*])[;:?!»]|(?<=[.?!])»")
_GLUED_AFTER = regex.compile(r"«(?=[\p{L}\p{N}(\[“‘\"'])")
# An ordinary space or tab where the no-break one belongs (only with ``require-no-break``).
_PLAIN_BEFORE = regex.compile(r"(?<=[\p{L}\p{N}\p{M})\]”’\"'%…*])[ \t]+(?=[;:?!»])|(?<=[.?!])[ \t]+(?=»)")
_PLAIN_AFTER = regex.compile(r"«[ \t]+(?=\S)")
_HINT = re.compile(r"[;:?!»«]")
# Emoticons: ":)", ";-)", ":D", ":P", ":/" after a word.
_EMOTICON_TAIL = re.compile(r"[-']?[()DPpOo3|/\\*\]\[]")
_FRENCH_NAMES = {";": "semicolon", ":": "colon", "?": "question mark", "!": "exclamation mark", "»": "»", "«": "«"}
# Which no-break space the Imprimerie nationale's Lexique puts where: a narrow one before ; ? !,
# a full one before : and inside guillemets.
_LEXIQUE = {";": NNBSP, "?": NNBSP, "!": NNBSP, ":": NBSP, "»": NBSP, "«": NBSP}


@register
class FrenchSpacing(Detector):
    """A French mark without its space: "Pourquoi?", "il a dit: oui", "«Bonjour»".

    What it flags:
        In a French target, no space before ``;``, ``:``, ``?``, ``!`` or ``»``, or after ``«``
        ("Vraiment?", "Belfast: inculpation", "«toute sa perspective»"). French typography puts a
        no-break space there (a narrow one before ``; ? !``); machine translation trained on
        English text drops it. With ``require-no-break`` also an ordinary space there (it lets
        the mark wrap onto the next line, away from its word).

    Why it matters:
        A missing space is the most visible sign that French text was produced or edited with
        English habits; French editors and style guides (Imprimerie nationale, Le Monde) all
        require it.

    Example:
        "Vous venez?" -> "Vous venez\u202f?"; "« Oui», dit-il" -> "« Oui\u00a0», dit-il".

    Leaves alone:
        Times and ratios ("15:30", "3:2", "Jean 3:16"); web addresses, e-mails, handles, paths
        and code ("https://…", "@elysee:", "a:b=c", inline code, code blocks); emoticons (":)",
        ";-)", ":D"); the inner gap of a run of marks ("?!", "!!!": only the run's first mark
        needs the space); quotations and lines in English inside French text ("“Why not?” he
        asked", their marks are English's); a mark after another mark or at a line start; any
        no-break, narrow, thin or figure space. An ordinary space unless ``require-no-break``:
        much French published online uses one, and it is no error to the reader.

    Fix safety:
        SAFE: a no-break space is inserted (or replaces the ordinary one). Which one: the kind the
        document already uses before such marks (most of NTREX's French uses U+00A0), so that a
        fix never mixes two kinds in one text; in a document with none, the Imprimerie
        nationale's choice, U+202F (narrow no-break) before ``; ? !`` and U+00A0 before ``:`` and
        inside guillemets. No word changes and applying the fix twice changes nothing more.

    Settings:
        ``require-no-break`` (default false): also flag an ordinary space where a no-break one
        belongs.

    Measured precision:
        Measured 2026-12-07 (mtqa 0.1.0, `mtqa eval clean`). NTREX French (69 documents, 26,734
        words, edited): 1 flag, a real missing space ('Belfast: inculpation', a headline),
        0.04 per 1,000 words. The text puts U+00A0 at these places (638 of them: 612 U+00A0, no
        U+202F, 21 ordinary spaces in 7 documents, 5 glued colons: 4 match times '3:35', left
        alone, and the headline); with ``require-no-break`` it gives 22 flags, the 21 ordinary
        spaces and the headline, 13 of them in one document (reuters.218861) that mixes both.
        NTREX German, Spanish and English: silent (French only). No French MT with rater spans
        is in the shared data, so its precision on MT output is unmeasured.
    """

    code = "W110"
    name = "french-spacing"
    summary = "A French mark without its (no-break) space"
    severity = Severity.WARNING
    category = "whitespace"
    mqm = "Fluency/Punctuation"
    languages = ("fr",)
    fixable = True

    @dataclass(frozen=True)
    class Settings:
        require_no_break: bool = False

        def __post_init__(self) -> None:
            if not isinstance(self.require_no_break, bool):
                raise SettingsError(f"require-no-break must be true or false, got {self.require_no_break!r}")

    def candidates(self, document: Document, ctx: Context) -> list[Segment] | None:
        return segments_with(document, patterns=(_HINT,))

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        if unit.index in code_segments(ctx.document.segments):
            return
        text = mask_inline_code(unit.text)
        if not _HINT.search(text) or _english(_WORDS.findall(text), "fr"):
            return
        english = _foreign_quotes(text, "fr") if ('"' in text or "“" in text) else []
        space = _document_space(ctx.document.text)
        found: list[tuple[int, int, str, str]] = []  # start, end, mark, replacement
        for m in _GLUED_BEFORE.finditer(text):
            i, mark = m.start(), m.group()
            if not _excused(text, i, mark) and not _inside(english, i):
                found.append((i, i, mark, space.get(mark, _LEXIQUE[mark])))
        for m in _GLUED_AFTER.finditer(text):
            i = m.start()
            if not _address(text, i) and not _inside(english, i):
                found.append((i + 1, i + 1, "«", space.get("«", NBSP)))
        if ctx.settings.require_no_break:
            for m in _PLAIN_BEFORE.finditer(text):
                mark = text[m.end()]
                if not _excused(text, m.end(), mark) and not _inside(english, m.start()):
                    found.append((m.start(), m.end(), mark, space.get(mark, _LEXIQUE[mark])))
            for m in _PLAIN_AFTER.finditer(text):
                if not _inside(english, m.start()):
                    found.append((m.start() + 1, m.end(), "«", space.get("«", NBSP)))
        for start, end, mark, replacement in sorted(found):
            yield self._issue(ctx, unit, start, end, mark, replacement)

    def _issue(self, ctx: Context, seg: Segment, start: int, end: int, mark: str, replacement: str) -> Issue:
        name = "U+202F narrow no-break space" if replacement == NNBSP else "U+00A0 no-break space"
        where = "after" if mark == "«" else "before"
        if start == end:  # a missing space: the span is the mark
            at = start - 1 if mark == "«" else start
            span = segment_span(seg, at, at + 1)
            message = f"no space {where} the French {_FRENCH_NAMES[mark]} (French typography puts a {name} there)"
            title = f"Insert a {name} {where} {mark!r}"
        else:
            span = segment_span(seg, start, end)
            message = f"an ordinary space {where} the French {_FRENCH_NAMES[mark]}: a {name} keeps it on its line"
            title = f"Make it a {name}"
        edit_at = segment_span(seg, start, end)
        fix = Fix.replace(edit_at, replacement, Applicability.SAFE, title)
        return self.issue(ctx, span, message, segment=seg, fix=fix, data={"mark": mark})


def _excused(text: str, i: int, mark: str) -> bool:
    """Whether the mark at ``i`` keeps no space before it by right: a time or ratio, an address or
    code, an emoticon, a mark after a mark."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if mark == ":" and before.isdigit() and after.isdigit():
        return True  # 15:30, 3:2, Jean 3:16
    if mark in ":;" and _EMOTICON_TAIL.match(text, i + 1) and (i + 2 >= len(text) or not text[i + 2].isalnum()):
        return True  # ":)", ";-)", ":D"
    return _address(text, i)


_CHUNK_REACH = 200  # how far either side of a mark the chunk it sits in is looked at


def _address(text: str, i: int) -> bool:
    window = max(0, i - _CHUNK_REACH)
    piece = text[window : i + _CHUNK_REACH]  # bounded: a line without spaces stays linear
    start, end = chunk_at(piece, i - window)
    return _ADDRESS.search(piece, start, end) is not None


@cache
def _space_choice(sample: str) -> dict[str, str]:
    choice: dict[str, str] = {}
    for mark in ";:?!»":
        nb, nnb = sample.count(NBSP + mark), sample.count(NNBSP + mark)
        if nb or nnb:
            choice[mark] = NNBSP if nnb > nb else NBSP
    nb, nnb = sample.count("«" + NBSP), sample.count("«" + NNBSP)
    if nb or nnb:
        choice["«"] = NNBSP if nnb > nb else NBSP
    if choice:  # a kind the document uses for some marks is its choice for the others too
        kinds = list(choice.values())
        common = max(set(kinds), key=kinds.count)
        for mark in ";:?!»«":
            choice.setdefault(mark, common)
    return choice


def _document_space(text: str) -> dict[str, str]:
    """The no-break space a document already puts before each mark (after «), where it does."""
    if NBSP not in text and NNBSP not in text:
        return {}
    return _space_choice(text)


# --------------------------------------------------------------------------------------------
# P103 inverted-marks
# --------------------------------------------------------------------------------------------

# The end of a question or exclamation: one or more ? and ! (a run counts once), and what may
# close around it.
_END_RUN = re.compile(r"[?!]+")
# Where a sentence starts again: after a full stop, a question or exclamation mark, an ellipsis or
# a colon, and the quotes, brackets and dashes that may open it.
_BOUNDARY = re.compile(r"[.?!…:;]")
_OPENERS = "\"'“‘«(—–-[¿¡ "
_INVERTED = {"?": "¿", "!": "¡"}
_MARK_NAMES = {"?": "question", "!": "exclamation"}


@register
class InvertedMarks(Detector):
    """A Spanish question or exclamation without its opening mark: "Vienes mañana?", "Qué bien!".

    What it flags:
        In a Spanish target, a question or exclamation that ends in ``?`` or ``!`` with no ``¿``
        or ``¡`` before it in its sentence ("Vienes mañana?"); Spanish can open one mid-sentence
        ("Si vienes, ¿me avisas?"), so any opening mark between the sentence start and the end
        counts. Also an opening ``¿`` or ``¡`` that nothing closes before the sentence ends
        ("¿Vienes mañana."). MT systems trained on English drop the opening marks.

    Why it matters:
        The RAE's Ortografía makes the opening marks obligatory; a reader of Spanish needs them
        to read the sentence as a question from its start.

    Example:
        "Vienes mañana?" -> "¿Vienes mañana?"; "—Qué bien!" -> "—¡Qué bien!".

    Leaves alone:
        A question opened and closed with the other kind ("¡Qué dices?", "¿Qué haces!"): the RAE
        allows the two combined when a sentence asks and exclaims at once; brand names with a
        mark ("Yahoo!", "Jeopardy!") and editorial "(?)", "(!)"; web addresses and code
        ("?id=3"); quotations and lines in English inside Spanish text ("“Why not?” he asked");
        the inner marks of a run ("?!", "!!!").

    Fix safety:
        UNSAFE, and only where the clause start is certain: the sentence is one clause (no comma,
        colon, semicolon or dash between its start and its end), so the mark goes at its start,
        after any opening quote, bracket or dash ("“¿Vienes?”"). Otherwise no fix: where the
        question starts in "Si vienes me avisas?" is a matter of meaning. An unclosed opening
        mark gets no fix either.

    Settings:
        None.

    Measured precision:
        Measured 2026-12-07 (mtqa 0.1.0, `mtqa eval clean`). NTREX Spanish (69 documents, 26,942
        words, edited): 0 flags (its 27 questions and exclamations all open with ¿ or ¡). NTREX
        German, French and English: silent (Spanish only). No Spanish MT with rater spans is in
        the shared data, so its precision on MT output is unmeasured; stable on the clean-text
        criterion.
    """

    code = "P103"
    name = "inverted-marks"
    summary = "A Spanish question or exclamation without its opening ¿ or ¡"
    severity = Severity.WARNING
    category = "punctuation"
    mqm = "Fluency/Punctuation"
    languages = ("es",)
    fixable = True

    def candidates(self, document: Document, ctx: Context) -> list[Segment] | None:
        return segments_with(document, patterns=(re.compile(r"[?!¿¡]"),))

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        if unit.index in code_segments(ctx.document.segments):
            return
        text = mask_inline_code(unit.text)
        if _english(_WORDS.findall(text), "es"):
            return
        english = _foreign_quotes(text, "es") if ('"' in text or "“" in text) else []
        start = 0
        for m in _END_RUN.finditer(text):
            end_at = m.start()
            sentence_start = _sentence_start(text, start, end_at)
            start = m.end()
            if _inside(english, end_at) or _excused_end(text, m):
                continue
            run = m.group()
            opened = [c for c in text[sentence_start:end_at] if c in "¿¡"]
            if opened:
                continue  # ¿…? ¡…! and the RAE's ¡…? ¿…!
            mark = run[-1] if len(set(run)) == 1 else run[0]
            yield self._missing(ctx, unit, text, sentence_start, m.start(), m.end(), mark)
        yield from self._unclosed(ctx, unit, text, english)

    def _missing(self, ctx: Context, seg: Segment, text: str, start: int, end_at: int, end: int, mark: str) -> Issue:
        inverted = _INVERTED[mark]
        span = segment_span(seg, end_at, end)
        message = f"the {_MARK_NAMES[mark]} ends in {text[end_at:end]!r} but has no opening {inverted}"
        at = start
        while at < end_at and text[at] in _OPENERS:
            at += 1
        body = text[at:end_at]
        fix = None
        if body and not any(c in body for c in ",;:—–") and body[0].isalpha():
            first = segment_span(seg, at, at)
            fix = Fix.replace(first, inverted, Applicability.UNSAFE, f"Open the {_MARK_NAMES[mark]} with {inverted}")
        return self.issue(ctx, span, message, segment=seg, fix=fix, data={"mark": mark})

    def _unclosed(self, ctx: Context, seg: Segment, text: str, english: list[tuple[int, int]]) -> Iterator[Issue]:
        """An opening ¿ or ¡ with no ? or ! after it before the sentence ends."""
        if "¿" not in text and "¡" not in text:
            return
        ends = _sentence_ends(text)
        for i, c in enumerate(text):
            if c not in "¿¡" or _inside(english, i):
                continue
            j = ends[i + 1]
            if j < len(text) and text[j] in "?!":
                continue
            if j < len(text) and text[j] == "." and text.startswith("..", j):
                continue  # "¿Y entonces...?": an ellipsis inside the question
            if j >= len(text) and not text[i + 1 :].strip(' "”»)'):
                continue
            name = "question" if c == "¿" else "exclamation"
            closer = "?" if c == "¿" else "!"
            span = segment_span(seg, i, i + 1)
            message = f"the {name} opened with {c} is never closed with {closer}"
            yield self.issue(ctx, span, message, segment=seg, data={"mark": c})


def _sentence_ends(text: str) -> list[int]:
    """For each offset, where the next ``. ? ! …`` that ends a sentence is (``len(text)`` when none):
    one pass from the end, so that every opening mark finds its end in constant time."""
    ends = [len(text)] * (len(text) + 1)
    nxt = len(text)
    for j in range(len(text) - 1, -1, -1):
        if text[j] in ".?!…" and not _abbreviation_dot(text, j):
            nxt = j
        ends[j] = nxt
    return ends


def _sentence_start(text: str, floor: int, end_at: int) -> int:
    """Where the sentence that ends at ``end_at`` starts: after the last boundary mark before it
    (not before ``floor``, the end of the previous question or exclamation)."""
    k = end_at - 1
    while k >= floor:
        c = text[k]
        if c in ".?!…" and k + 1 < len(text) and text[k + 1].isspace() and not _abbreviation_dot(text, k):
            return k + 1
        k -= 1
    return floor


def _abbreviation_dot(text: str, k: int) -> bool:
    """A full stop of an abbreviation ("EE. UU.", "Sr.", "p. ej.", an initial), which ends no sentence."""
    if text[k] != ".":
        return False
    if within_language_abbreviation(text, k, "es"):
        return True
    return k > 0 and text[k - 1].isupper() and (k < 2 or not text[k - 2].isalpha())


def _excused_end(text: str, m: re.Match[str]) -> bool:
    """A ? or ! that ends no Spanish question or exclamation: a brand ("Yahoo!"), an editorial
    "(?)", a web address or code ("?id=3"), a mark at a line start."""
    i = m.start()
    before = text[:i].rstrip()
    after = text[m.end() :]
    if not before:
        return True
    if before[-1] == "(" and after.startswith(")"):
        return True  # "(?)", "(!)"
    if _address(text, i):
        return True
    word = _WORDS.findall(before[-20:])
    # "Yahoo! ofrece", "Jeopardy! es": a name with its mark, the sentence going on.
    return m.group() == "!" and bool(word) and word[-1][0].isupper() and after[:2].strip()[:1].islower()


# --------------------------------------------------------------------------------------------
# P104 abbreviation-without-stops
# --------------------------------------------------------------------------------------------


@cache
def _stopless(lang: str) -> tuple[dict[str, str], regex.Pattern[str] | None]:
    """The pack's ``[punctuation.stopless]`` table (form without its full stops -> the written
    form) and a pattern that finds those forms as whole words, not before a full stop."""
    pack = language_pack(lang)
    table = dict(pack.section("punctuation").get("stopless", {})) if pack is not None else {}
    if not table:
        return table, None
    words = "|".join(regex.escape(w) for w in sorted(table, key=len, reverse=True))
    return table, regex.compile(rf"(?<![\p{{L}}\p{{N}}.\-'’])(?:{words})(?![\p{{L}}\p{{N}}.\-'’])")


@register
class AbbreviationWithoutStops(Detector):
    """An abbreviation written without its full stops: "alle Gräser, dh alle Getreidepflanzen".

    What it flags:
        In a German target, an abbreviation that German always writes with full stops, written
        without them ("dh", "zB", "ua", "usw", "bzw", "ggf", "vgl"), from the pack's table of forms
        that are no German word. Machine translation and speech transcripts (TED subtitles) drop
        the stops; the MQM raters of TED en-de mark them as punctuation errors.

    Why it matters:
        "dh" and "zB" read as typing slips; the Duden writes "d. h." and "z. B.", with a space
        inside the two-letter abbreviations.

    Example:
        "Alle Gräser, dh alle Getreidepflanzen" -> "Alle Gräser, d. h. alle Getreidepflanzen".

    Leaves alone:
        The abbreviations with their stops, spaced or not ("d. h.", "d.h.", "z.B.": the unspaced
        form is common and no error to the reader); forms that are German words ("sog", er sog);
        a form inside a longer word, a name or code ("dhl", "ZB-Bank", "zb_2", "vgl.de"); other
        languages (the table is German's).

    Fix safety:
        SAFE: the form is replaced by the written one from the table ("dh" -> "d. h."); no word
        changes, and the fixed text no longer matches.

    Settings:
        None.

    Measured precision:
        Measured 2026-12-07 (mtqa 0.1.0). MQM TED en-de (`mtqa eval mqm`, 4,528 distinct target
        texts, 86,775 words): 5 flags ('dh' 3, 'zB' 2), all 5 on a rater's span (4
        Fluency/Punctuation, 1 Accuracy/Addition), precision 1.00; 0 on the segments every rater
        found clean. NTREX German (69 documents, 23,411 words, edited): 0 flags. Other languages:
        silent.
    """

    code = "P104"
    name = "abbreviation-without-stops"
    summary = "An abbreviation written without its full stops (German 'dh', 'zB')"
    severity = Severity.WARNING
    category = "punctuation"
    mqm = "Fluency/Punctuation"
    languages = ("de",)
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        table, pattern = _stopless(base_code(ctx.document.language))
        if pattern is None:
            return
        text = unit.text
        for m in pattern.finditer(text):
            if _address(text, m.start()):
                continue
            form = m.group()
            written = table[form]
            span = segment_span(unit, m.start(), m.end())
            fix = Fix.replace(span, written, Applicability.SAFE, f"Write {written!r}")
            message = f"'{form}' is written without its full stops: '{written}'"
            yield self.issue(ctx, span, message, segment=unit, fix=fix, data={"written": written})
