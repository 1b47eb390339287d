"""Whitespace and token-boundary rules (family W)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.detectors.codelike import shows_code
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import common_lowercase, function_words, zipf
from mtqa.rules import register
from mtqa.span import Applicability, Edit, Fix, Span

# --------------------------------------------------------------------------------------------
# W101 merged-tokens
# --------------------------------------------------------------------------------------------

# Prefilter: a lower-case letter directly followed by a capital and a lower-case letter. Text
# without one (nearly all text) costs one scan and no dictionary lookup. Written capital first,
# with the lower-case letter in a look-behind, so that the engine looks for the rare capitals and
# not at every lower-case letter: ten times faster on running text.
_SEAM_HINT = regex.compile(r"(?<=\p{Ll}\p{M}*)\p{Lu}(?=\p{Ll})")
# The same on ASCII text, where \p{Ll} is [a-z] and \p{Lu} [A-Z] (the standard library's
# engine, several times faster): most feeds are ASCII paragraph after paragraph.
_ASCII_SEAM_HINT = re.compile(r"[a-z][A-Z][a-z]")
# A word: letters and combining marks, with inner apostrophes (O'Neill, McDonald's).
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_POSSESSIVE = regex.compile(r"['’]s$")
# A capital right after a lower-case letter: where two words may have been glued.
_SEAM = regex.compile(r"(?<=\p{Ll}\p{M}*)\p{Lu}")
# The right-hand part must read as one capitalised word ("He", "In", "Russian"); "Ds" in "PhDs"
# is a plural acronym, not a word.
_RIGHT_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+")
_PLURAL_ACRONYM = regex.compile(r"\p{Lu}s")
_PLURAL_ACRONYM_WORD = regex.compile(r"\p{Lu}{2,}s")  # TVs, CEOs, MPs
# Signs that the whitespace-delimited chunk around a word is a URL, e-mail, handle, hashtag,
# path or code (www.PayPal.com, @JoeBiden, #BlackLivesMatter, user_id=fooBar, obj.getName).
_CODE_LIKE = regex.compile(r"[@#/\\_=<>{}|`$]|://|[\p{L}\p{N}]\.[\p{L}\p{N}]")
_SPACE = regex.compile(r"\s")

# fmt: off
# Left-hand parts that begin surnames and given names written with an inner capital:
# McTominay, MacArthur, DeSantis, DiCaprio, LeBron, LaGuardia, DuBois, VanDyke, FitzGerald.
# Left parts of one or two letters are skipped anyway (iPhone, eBay, DeAndre, JaVale).
_NAME_PREFIXES = frozenset({
    "mac", "van", "von", "der", "den", "del", "des", "dos", "das", "abu", "ibn", "bin", "ben", "fitz",
    "san", "sta", "ste"
})
# Words that usually open a sentence: the glue sits at a lost sentence break ("BlinkenHe").
_SENTENCE_STARTERS = frozenset({
    "he", "she", "it", "they", "we", "you", "the", "this", "that", "these", "those", "there", "his",
    "her", "their", "its", "our", "my", "an", "however", "meanwhile", "but", "yet", "also", "moreover",
    "furthermore", "nevertheless", "nonetheless", "thus", "therefore", "instead", "still", "later",
    "earlier", "today", "yesterday"
})
# Function words that continue the sentence: the glue sits at a lost space ("LuganskIn").
_CONTINUERS = frozenset({
    "in", "on", "at", "of", "and", "or", "nor", "for", "to", "with", "by", "from", "into", "onto",
    "over", "under", "about", "after", "before", "against", "between", "during", "without", "within",
    "through", "across", "among", "as", "than", "near", "until", "upon", "via", "per", "amid",
    "despite", "toward", "towards", "behind", "beyond", "below", "above"
})
# fmt: on
_KNOWN = 0.0  # wordfreq Zipf above this: the whole token is a word or brand (youtube 4.66)
_RIGHT_CONTENT_MIN = 3.0  # Zipf a content word needs to count as "a real word" on the right
_LEFT_COMMON_MIN = 3.5  # Zipf of a lower-case left part that is a plain word ("said", "citizenship")
_RIGHT_NAME_MIN = 2.0  # Zipf of a capitalised right part that is a known name ("Kepa", "Betfred")
# fmt: off
# Particles of phrasal verbs: after a verb form they make camel-case UI words (loggedIn, signUp).
_PARTICLES = frozenset({"in", "on", "out", "up", "off", "over", "down", "by", "away", "back", "through"})
_PARTICLE_VERBS = frozenset({
    "log", "sign", "check", "opt", "plug", "add", "walk", "drop", "pick", "roll", "pop", "set", "turn",
    "work", "lock", "tap", "zoom", "cash", "pay", "buy", "sell", "print", "call", "fade", "look", "stand",
    "start", "back", "shut", "cut", "drive", "fly", "take", "make", "break", "hand", "give", "get", "put",
    "run", "sit", "stay", "try", "wind", "warm", "cool", "clock", "punch", "swipe", "scroll",
})
# Head words of code identifiers (userName, setTimeout, useState, maxValue): glued to a common noun
# they are far more often a variable than a lost space.
_CODE_HEADS = frozenset({
    "get", "set", "has", "can", "should", "handle", "num", "max", "min", "str", "int", "bool", "user", "tmp",
    "temp", "default", "current", "prev", "init", "load", "save", "update", "remove", "add", "create",
    "delete", "fetch", "find", "parse", "render", "show", "hide", "toggle", "enable", "disable", "use",
    "page", "font", "file", "class", "text", "key", "item", "list", "data", "event", "error", "value",
    "inner", "outer", "base", "main", "app", "web", "node", "root", "child", "parent", "index", "input",
    "output", "button", "image", "audio", "video", "content", "layout", "style", "color", "border",
    "background", "margin", "padding", "total", "count", "last", "first", "next", "new", "old",
})
# fmt: on


@register
class MergedTokens(Detector):
    """Two words glued together where an HTML link or block was stripped: "Anthony BlinkenHe canceled".

    What it flags:
        A word with a lower-case letter directly followed by a capitalised word inside it
        ("BlinkenHe", "LuganskIn", "canceledThe", "KyivRussian"), when the whole token is not a
        known word or brand and the right-hand part is a real word. Scrapers produce these when
        the text of a link or paragraph is joined to the next one without a space. A common
        lower-case word glued to a capitalised one is flagged too ("saidTerry", "theChuuk",
        "nameVoters", "countryOn"): in prose that is where a link opened on a name or a
        paragraph break was lost; the right part must be a function word, a name (known to
        wordfreq or used elsewhere in the document) or a common word opening a sentence.

    Why it matters:
        A glued token hides a sentence break or a space; it reads as a typo, breaks search and
        name matching, and is the clearest sign of unedited scraped machine output.

    Example:
        "Anthony BlinkenHe canceled the meeting" -> "Anthony Blinken. He canceled the meeting";
        "Donetsk and LuganskIn eastern Ukraine" -> "Donetsk and Lugansk in eastern Ukraine".

    Leaves alone:
        Words and brands wordfreq knows as one token (YouTube, DeSantis, PayPal, LinkedIn,
        DiCaprio) and terms on the accept list; names with a short prefix (McTominay, MacArthur,
        LeBron, DeAndre, O'Neill) and left parts of one or two letters (iPhone, eBay, iOS);
        acronyms and plurals (CEOs, PhDs, NGOs, MPs, SpaceX, OpenAI); hashtags, handles, URLs,
        e-mail addresses and code (#BlackLivesMatter, @JoeBiden, www.PayPal.com, user_id,
        onClick, getElementById); camel case with several humps (GlaxoSmithKline), unless its
        left part is itself a known word ("DeSantisHe" is still flagged); verb + particle
        compounds (LogIn, CheckIn) and brands built from common words (AirTag, ZoomInfo,
        PriceSmart); a one-letter right part ("PlanB", even "BlinkenA"). For a lower-case left
        part: brands wordfreq or the accept list know (easyJet, airBaltic, deviantArt, bitFlyer);
        verb + particle UI words (loggedIn, signUp, optOut); code identifiers, a code-style head
        and a common noun (userName, setTimeout, useState, maxValue); and, in a document that
        shows code (backticks, calls, snake_case, braces, prompts), any camel case that does
        not end in a sentence opener (moveTo, varLib, glyphOrder; also BasicLatin, MinLen).

    Fix safety:
        UNSAFE: the fix inserts ". " at the seam when the right part usually opens a sentence
        ("Blinken. He"), a space and a lower-case letter when it is a function word that
        continues the sentence ("Lugansk in"), and a plain space otherwise ("Kyiv Russian").
        Which break was lost is a guess, so the other readings are given as alternatives.

    Settings:
        None. Extend the accept list (`accept = [...]`) for house brands with inner capitals.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 0 flags (no precision); 0 on the 2,238 segments every
        rater marked No-error (0.00 per 1,000 of 38,067 words); recall on Fluency/Spelling:
        0/109. Clean news (14 files, 4,346 words): 0 flags (0.00 per 1,000 words). Seed
        article: 2 flags, 2 on gold spans of its types, 0 outside gold. Synthetic
        merged_token in clean news (70 injections): recall 1.00; `mtqa fix` restores the
        original in 0 (SAFE) / 31 (SAFE+UNSAFE) of 70 texts. Before the lower-case + capital
        glue was added, synthetic recall was 0.24 (17 of 70: 1 of 34 'before capital', 16 of
        36 'paragraph break'); the clean-news, MQM and seed numbers did not change.
        Camel-case names and brands (benchmarks/camelcase.py: 310 names, each in two
        sentences): 6 flags, all glued multi-word names (KualaLumpur, BuenosAires, SaoPaulo,
        AstonMartin, KraftHeinz, DouYin), as before the change. Technical text (the long
        descriptions of the 137 Python packages installed with mtqa, 133,314 words of
        Markdown and reStructuredText with code, `mtqa eval clean`): 9 flags: 'BlinkenHe'
        and 'MarchettiShe' (artefact examples in mtqa's own README) and 'MarkdownIt' (14
        before the change).
    """

    code = "W101"
    name = "merged-tokens"
    summary = "Two words glued together with no space between them"
    severity = Severity.ERROR
    category = "whitespace"
    mqm = "Fluency/Spelling"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if not (_ASCII_SEAM_HINT if text.isascii() else _SEAM_HINT).search(text):
            return
        for m in _WORD.finditer(text):
            word = m.group()
            if not _SEAM_HINT.search(word):
                continue
            seam = _glue_point(text, m.start(), m.end(), ctx)
            if seam is not None:
                yield self._issue(ctx, unit, m.start(), m.end(), seam)

    def _issue(self, ctx: Context, seg: Segment, start: int, end: int, seam: int) -> Issue:
        word = seg.text[start:end]
        left, right = seg.text[start:seam], _POSSESSIVE.sub("", seg.text[seam:end])
        at = segment_span(seg, seam, seam)
        first = Span(at.start, at.start + 1)
        brk = Fix.replace(at, ". ", Applicability.UNSAFE, f"Insert a sentence break: '{left}. {right}'")
        space = Fix.replace(at, " ", Applicability.UNSAFE, f"Insert a space: '{left} {right}'")
        lower = Fix(
            (Edit(first, " " + right[0].lower()),),
            Applicability.UNSAFE,
            f"Insert a space and lower-case: '{left} {right[0].lower()}{right[1:]}'",
        )
        key = right.lower()
        if key in _SENTENCE_STARTERS:
            fix, alternatives = brk, (space,)
        elif key in _CONTINUERS:
            fix, alternatives = lower, (brk, space)
        elif key in function_words():
            fix, alternatives = space, (brk, lower)
        else:
            fix, alternatives = space, (brk,)
        elements = ctx.document.boundaries_at(at.start)
        where = f" at the edge of an <{elements[0]}> element (markup was stripped here)" if elements else ""
        data: dict[str, object] = {"left": left, "right": right}
        if elements:
            data["elements"] = list(elements)
        return self.issue(
            ctx,
            segment_span(seg, start, end),
            f"'{word}' looks like two words glued together{where}",
            segment=seg,
            fix=fix,
            alternatives=alternatives,
            data=data,
        )


def _glue_point(text: str, start: int, end: int, ctx: Context) -> int | None:
    """The offset in ``text`` where the word ``text[start:end]`` splits in two, or None."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isdigit() or after.isdigit() or after == "(" or before == ".":
        return None  # "3iPhone", "onClick(", ".getName": numbers and code
    chunk_start = start
    while chunk_start > 0 and not _SPACE.match(text[chunk_start - 1]):
        chunk_start -= 1
    chunk_end = end
    while chunk_end < len(text) and not _SPACE.match(text[chunk_end]):
        chunk_end += 1
    if _CODE_LIKE.search(text, chunk_start, chunk_end):
        return None

    word = text[start:end]
    core = _POSSESSIVE.sub("", word)
    seams = [m.start() for m in _SEAM.finditer(core)]
    if not seams:
        return None
    k = seams[-1]
    left, right = core[:k], core[k:]
    if not _RIGHT_WORD.fullmatch(right) or (_PLURAL_ACRONYM.fullmatch(right) and right.lower() not in function_words()):
        return None  # "PhDs", "CEOs" (but "ratesAs", "itIs" are glued words)
    lexicon = ctx.lexicon
    if lexicon.is_accepted(word) or lexicon.is_accepted(core):
        return None
    lleft, lright = left.lower(), right.lower()
    strong = lright in _SENTENCE_STARTERS or lright in _CONTINUERS or lright in function_words()
    if zipf(core.lower()) > _KNOWN and not (lleft in function_words() and lright in function_words()):
        return None  # a word or brand as a whole: YouTube, DeSantis ("ofThe" is a known typo, not a brand)
    if len(seams) > 1:
        # GlaxoSmithKline, getElementById: camel case, unless a known camel-case word was glued
        # to a sentence: "DeSantisHe".
        if not strong or not (lexicon.is_accepted(left) or zipf(lleft) > _KNOWN):
            return None
    elif len(left) <= 2 or lleft in _NAME_PREFIXES:
        return None  # iPhone, eBay, DeSantis, McTominay, MacArthur, VanDyke
    if _duplicate_length(text, start + k) >= _MIN_DUPLICATE:
        return None  # "RyuAlexander Ryumin": a duplicated run, W105's business
    if left[0].islower():
        if not _lower_glue(left, right, lleft, lright, ctx.document.text):
            return None
    elif lright in _SENTENCE_STARTERS:
        pass
    elif strong:
        if lright in _CONTINUERS and lleft in common_lowercase():
            return None  # LogIn, CheckIn, AddOn, TakeOver: verb + particle compounds
    elif zipf(lright) < _RIGHT_CONTENT_MIN or zipf(lleft) <= _KNOWN or shows_code(ctx.document.text):
        return None  # BasicLatin, MinLen in a text that shows code: identifiers
    elif lleft in common_lowercase() or lright in common_lowercase():
        return None  # AirTag, ZoomInfo, PriceSmart: brands built from common words
    return start + k


def _lower_glue(left: str, right: str, lleft: str, lright: str, document: str) -> bool:
    """A lower-case word glued to a capitalised one ("saidTerry", "nameVoters", "countryOn").

    In prose a common lower-case word followed directly by a capital is where a link, an
    inline element or a paragraph break was lost. The look-alikes are camel-case brands,
    which wordfreq or the accept list already know (easyJet, deviantArt, airBaltic), left
    parts of one or two letters (iPhone, eBay, onClick), code identifiers (userName,
    setTimeout, useState: a code-style head word and a common noun) and verb + particle
    compounds (loggedIn, signUp, optOut).
    """
    if lright in _SENTENCE_STARTERS:
        return zipf(lleft) > _KNOWN  # canceledThe
    if shows_code(document):
        return False  # moveTo, varLib, glyphOrder: identifiers, in a text that shows code
    if not (lleft in function_words() or lleft in common_lowercase() or zipf(lleft) >= _LEFT_COMMON_MIN):
        return False  # not a plain word on the left: a brand or a code name
    if lright in function_words() or lright in _CONTINUERS:
        return not (lright in _PARTICLES and (lleft.endswith("ed") or lleft in _PARTICLE_VERBS))
    if lright in common_lowercase():
        if lleft in _CODE_HEADS:
            return False  # userName, setTimeout, maxValue
        return zipf(lright) >= _RIGHT_CONTENT_MIN  # a common noun opening a sentence: nameVoters, paySources
    # A capitalised word that is not a common noun: a name (saidTerry, theKorean, electionsMoualem,
    # theChuuk: after a function word any name will do).
    return lleft in function_words() or zipf(lright) >= _RIGHT_NAME_MIN or _standalone(document, right)


def _standalone(document: str, word: str) -> bool:
    """True when ``word`` also stands on its own in the document (a name mentioned elsewhere)."""
    i = document.find(word)
    while i != -1:
        before = document[i - 1] if i > 0 else " "
        j = i + len(word)
        after = document[j] if j < len(document) else " "
        if not (before.isalnum() or after.isalnum()):
            return True
        i = document.find(word, i + 1)
    return False


# --------------------------------------------------------------------------------------------
# W102 irregular-whitespace
# --------------------------------------------------------------------------------------------

_ODD_SPACES = "\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\ufeff"
_HORIZONTAL = "\t \u00a0" + _ODD_SPACES
# Either a run of two or more horizontal or zero-width spaces, or a single odd or zero-width one.
# Runs are matched from their first character, so each match is a maximal run.
# Plain character classes: the standard library's engine scans them twice as fast as ``regex``.
_IRREGULAR = re.compile(f"[{_HORIZONTAL}{_ZERO_WIDTH}]{{2,}}|[{_ODD_SPACES}{_ZERO_WIDTH}]")
_ZW = regex.compile(f"[{_ZERO_WIDTH}]")
_NO_BREAK = frozenset("\u00a0\u202f\u2007")
# Scripts written without spaces between words, where a zero-width space is a word separator
# and an ideographic space is ordinary typography.
_NO_SPACE_SCRIPT = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}\p{Mongolian}]"
)
# A plain space belongs between these: after a letter or closing punctuation, before a letter or
# opening punctuation. Digits (10 km, 1 000), dashes and French spacing (mot ; « mot ») are left.
_SPACE_BEFORE = regex.compile(r"[\p{L}\p{M}.,;:!?)\]}”’\"']")
_SPACE_AFTER = regex.compile(r"[\p{L}(\[{“‘\"']")
_CHAR_NAMES = {
    " ": "space",
    "\t": "tab",
    "\u00a0": "no-break space",
    "\u202f": "narrow no-break space",
    "\u2009": "thin space",
    "\u200a": "hair space",
    "\u3000": "ideographic space",
    "\u200b": "zero-width space",
    "\ufeff": "zero-width no-break space",
}


@register
class IrregularWhitespace(Detector):
    """Doubled, mixed, odd or invisible spaces inside a line: "the  talks", a no-break space + a space.

    What it flags:
        Inside a line: a run of two or more horizontal whitespace characters ("the  talks"); a
        no-break space mixed with a space (the seed's "See also" + U+00A0 + space); a single odd
        Unicode space (thin, hair, en, em, ideographic...) between words where a plain space
        belongs; zero-width spaces (U+200B) and byte-order marks (U+FEFF) inside the text.

    Why it matters:
        Irregular spaces come from HTML entities and copy-paste; they show as uneven gaps,
        break search, tokenisers and diffing, and signal text nobody has proofread.

    Example:
        "See also" + U+00A0 + " Cuba" -> "See also Cuba"; "the  talks" -> "the talks".

    Leaves alone:
        A single no-break space ("10 km", "Mr Smith" with U+00A0); a narrow no-break or thin space
        by digits, dashes or French punctuation ("Bonjour !", "« mot »", "1 000" with U+202F); leading
        indentation and trailing spaces at the end of a line (a Markdown hard break); tabs in
        a line with several tabs (TSV columns); line breaks; zero-width spaces between characters
        of Thai, Khmer, Chinese or Japanese text and a byte-order mark at the start of a document.

    Fix safety:
        SAFE: the run becomes one space (one no-break space when every character of the run
        is a no-break space); zero-width characters are deleted, so a word they split is not
        cut in two. No word changes and applying the fix twice changes nothing more.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 0 flags (no precision); 0 on the 2,238 segments every
        rater marked No-error (0.00 per 1,000 of 38,067 words); recall on
        Fluency/Punctuation: 0/514. Clean news (14 files, 4,346 words): 0 flags (0.00 per
        1,000 words). Seed article: 1 flag, 1 on gold spans of its types, 0 outside gold.
        Synthetic spacing in clean news (70 injections): recall 1.00; `mtqa fix` restores
        the original in 70 (SAFE) / 70 (SAFE+UNSAFE) of 70 texts.
    """

    code = "W102"
    name = "irregular-whitespace"
    summary = "Doubled, mixed, odd or zero-width spaces inside a line"
    severity = Severity.WARNING
    category = "whitespace"
    mqm = "Fluency/Punctuation"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if text.isascii() and "  " not in text and "\t" not in text:
            return  # plain ASCII text with single spaces: nothing irregular, no scan
        for m in _IRREGULAR.finditer(text):
            start, end, run = m.start(), m.end(), m.group()
            line_start = start == 0 or text[start - 1] in "\r\n"
            if unit.span.start + start == 0 and run[0] == "\ufeff":
                start, run = start + 1, run[1:]  # a byte-order mark opening the document
                if not run:
                    continue
            replacement = _replacement(text, start, end, run, line_start)
            if replacement is None or replacement == run:
                continue
            span = segment_span(unit, start, end)
            title = "Delete the zero-width characters" if not replacement else "Replace with one space"
            fix = Fix.replace(span, replacement, Applicability.SAFE, title)
            yield self.issue(ctx, span, _describe(run), segment=unit, fix=fix)


def _replacement(text: str, start: int, end: int, run: str, line_start: bool) -> str | None:
    """What the run should become, or None when it is fine as it is."""
    cleaned = _ZW.sub("", run)
    has_zero_width = len(cleaned) != len(run)
    if line_start or end == len(text) or text[end] in "\r\n":
        return cleaned if has_zero_width else None  # indentation, trailing spaces: keep
    before, after = text[start - 1], text[end]
    if not cleaned:
        if _NO_SPACE_SCRIPT.match(before) or _NO_SPACE_SCRIPT.match(after):
            return None  # a word separator in Thai, Khmer, Chinese...
        return ""
    if "\t" in run and _line_tabs(text, start, end) >= 2:
        return cleaned if has_zero_width else None  # TSV columns
    if len(cleaned) == 1:
        if cleaned in " \t\u00a0" or not _plain_space_belongs(before, after):
            return cleaned
        return " "
    if all(c in _NO_BREAK for c in cleaned):
        return "\u00a0"
    return " "


def _plain_space_belongs(before: str, after: str) -> bool:
    """True between words, where an odd Unicode space stands for an ordinary one."""
    if _NO_SPACE_SCRIPT.match(before) or _NO_SPACE_SCRIPT.match(after):
        return False
    return bool(_SPACE_BEFORE.match(before) and _SPACE_AFTER.match(after))


def _line_tabs(text: str, start: int, end: int) -> int:
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = len(text)
    for brk in ("\n", "\r"):
        i = text.find(brk, end)
        if i != -1:
            line_end = min(line_end, i)
    return text.count("\t", line_start, line_end)


def _char_name(c: str) -> str:
    name = _CHAR_NAMES.get(c) or unicodedata.name(c, "").lower() or "space"
    return name if c in " \t" else f"{name} (U+{ord(c):04X})"


def _describe(run: str) -> str:
    """'2 spaces in a row', 'no-break space (U+00A0) + space', 'zero-width space (U+200B)'."""
    if len(run) == 1:
        c = run
        if c in _ZERO_WIDTH:
            return f"invisible {_char_name(c)} inside the text"
        return f"{_char_name(c)} where a plain space belongs"
    if set(run) == {" "}:
        return f"{len(run)} spaces in a row"
    parts: list[str] = []
    for g in regex.finditer(r"(.)\1*", run, flags=regex.DOTALL):
        n, name = len(g.group()), _char_name(g.group(1))
        parts.append(name if n == 1 else f"{n} x {name}")
    return "irregular whitespace: " + " + ".join(parts)


def _word_char(c: str) -> bool:
    return c.isalnum() or unicodedata.category(c) in ("Mn", "Mc")


def _chunk(text: str, i: int) -> tuple[int, int]:
    """The whitespace-delimited stretch of ``text`` around offset ``i``."""
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = i
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


# --------------------------------------------------------------------------------------------
# W103 missing-space-after-punctuation
# --------------------------------------------------------------------------------------------

# A full stop, comma, semicolon, colon, ! or ? right between a letter, digit or closing bracket
# and a letter; or a closing quote right after a mark and right before a letter ("said.”The").
_GLUED_MARK = regex.compile(r"(?<=[\p{L}\p{M}\p{N})\]])[.!?,;:](?=\p{L})|(?<=[.!?,])[”’](?=\p{L})")
# Prefilter (standard library, four times faster): a mark or closing quote right before a letter.
_GLUED_MARK_HINT = re.compile(r"[.!?,;:”’][^\W\d_]")
# URLs, e-mail addresses, handles, paths, markup, code and HTML entities around the mark.
_CODE_CHUNK = regex.compile(r"[@#/\\_=<>{}|`$~^*+&\[]|://|(?i:www\.)")
# Joins inside a chunk: a mark between two letters or digits ("U.S.A", "e.g.The", "www.bbc.co").
_INNER_JOIN = regex.compile(r"(?<=\p{L})[.,;:!?](?=[\p{L}\p{N}])|(?<=\p{N})[.,;:!?](?=\p{L})")
_TIME_BEFORE = regex.compile(r"\p{N}{1,2}:$")  # "15:16.Dwyer": a time, then the glued sentence
_MARK_NAMES = {
    ".": "full stop",
    ",": "comma",
    ";": "semicolon",
    ":": "colon",
    "!": "exclamation mark",
    "?": "question mark",
    "”": "closing quote",
    "’": "closing quote",
}
# fmt: off
# Capitalised endings of domain and file names: "Amazon.Com", "Report.Pdf", "VB.Net".
_DOT_ENDINGS = frozenset({
    "com", "net", "org", "gov", "edu", "mil", "info", "biz", "io", "tv", "fm", "ly", "ru", "cn", "uk", "de",
    "fr", "jp", "eu", "pdf", "doc", "docx", "txt", "jpg", "jpeg", "png", "gif", "html", "htm", "xml", "json",
    "csv", "xls", "xlsx", "ppt", "pptx", "zip", "exe", "py", "js", "md", "mp3", "mp4", "wav", "avi", "mov",
    "svg",
})
# Left parts of a colon that open a URI or a wiki page name: "mailto:Bob", "Category:Politics".
_COLON_PREFIXES = frozenset({
    "http", "https", "ftp", "mailto", "file", "tel", "urn", "data", "javascript", "sip", "git", "ssh",
    "news", "category", "talk", "user", "template", "wikipedia", "help", "portal", "special", "image",
    "media", "project", "module", "draft", "xmlns", "xml", "xsi", "xs", "dc", "og", "fb", "twitter",
})
# fmt: on
_DOT_RIGHT_MIN = 2.5  # Zipf of a capitalised word after "word." that is not a function word ("month.Egyptian")


@register
class MissingSpaceAfterPunctuation(Detector):
    """No space after a sentence mark between two words: "next month.Egyptian", "said,the".

    What it flags:
        A full stop, exclamation or question mark between a word and a capitalised word
        ("month.Egyptian", "Yahoo!News", "2018.The"); a comma or semicolon between two words
        ("said,the", "Beijing,China"); a colon between a lower-case word and a capitalised one
        ("said:The"); and a closing quote glued to the next word after a mark ("said.”The").
        MT and scrapers drop the space when they join sentences or paragraphs.

    Why it matters:
        The two words read as one token: search, tokenisers and readers trip over it, and it
        shows that nobody proofread the text.

    Example:
        "prices will rise next month.Egyptian officials said" -> "prices will rise next
        month. Egyptian officials said"; "he said,the talks" -> "he said, the talks".

    Leaves alone:
        Abbreviations and initials ("U.S.", "e.g.", "a.m.", "Ph.D.", "H.G.Wells": a one-letter
        part); decimals, times and thousands ("3.5", "10.30", "1,000", "10:30"); URLs, e-mail
        addresses, paths, handles and file or domain names ("www.bbc.co.uk", "Node.js",
        "LiverpoolFC.com", "Amazon.Com", "report.Pdf"); code ("System.Text.Json",
        "Console.WriteLine", "f(a,b)"); several joins in one token ("red,green,blue"); URI and
        wiki prefixes ("mailto:Bob", "Category:Politics"); ellipses ("wait...What"); numbered
        headings at a line start ("1.Introduction"); a straight quote, which may open or close;
        camel case on the left ("PaintSolid.Alpha"); a lower-case module and a class name
        ("pathlib.Path"): after a full stop a lower-case word needs a common word before it
        and a known word or a name used elsewhere after it, and in a document that shows code
        only a function word after it ("it.The") counts.

    Fix safety:
        SAFE: a space is inserted after the mark (after the closing quote). No word changes and
        applying the fix twice changes nothing more. Where the lost break was a paragraph break,
        the space is the best a fixer can do.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 8 flags, precision 0.62 (5 of 8 on a rater's span); 2 on
        the 2,238 segments every rater marked No-error (0.05 per 1,000 of 38,067 words);
        recall on Fluency/Punctuation: 3/514. Clean news (14 files, 4,346 words): 0 flags
        (0.00 per 1,000 words). Seed article: 0 flags, 0 on gold spans of its types, 0
        outside gold. Synthetic missing_space in clean news (70 injections): recall 1.00;
        `mtqa fix` restores the original in 30 (SAFE) / 30 (SAFE+UNSAFE) of 70 texts. All 8
        MQM flags are real missing spaces; 'you.Thank' and 'Africa.They' are in segments the
        raters passed and 'poetic.These' in one they marked elsewhere. Pooled over the MQM
        No-error segments and clean news: 2 flags in 42,413 words (0.047 per 1,000), within
        the 0.05 target, so the rule is stable. Technical text (the long descriptions of the
        137 Python packages installed with mtqa, 133,314 words of Markdown and
        reStructuredText with code, `mtqa eval clean`): 0 flags. Camel-case names
        (benchmarks/camelcase.py): 0 flags. The synthetic 'paragraph break' variant (40 of
        70) loses a line break that no fix can restore; the 'comma' variant is restored
        every time.
    """

    code = "W103"
    name = "missing-space-after-punctuation"
    summary = "No space after a full stop, comma or other mark between two words"
    severity = Severity.WARNING
    category = "whitespace"
    mqm = "Fluency/Punctuation"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if not _GLUED_MARK_HINT.search(text):
            return
        for m in _GLUED_MARK.finditer(text):
            found = _missing_space(text, m.start(), ctx.document.text)
            if found is None:
                continue
            start, end = found
            if ctx.lexicon.is_accepted(text[start:end]):
                continue  # a name written with the mark inside: "re:Invent"
            at = segment_span(unit, m.end(), m.end())
            mark = m.group()
            fix = Fix.replace(at, " ", Applicability.SAFE, f"Insert a space after the {_MARK_NAMES[mark]}")
            yield self.issue(
                ctx,
                segment_span(unit, start, end),
                f"no space after the {_MARK_NAMES[mark]} in '{text[start:end]}'",
                segment=unit,
                fix=fix,
            )


def _letters_before(text: str, i: int, stop: int) -> int:
    j = i
    while j > stop and (text[j - 1].isalpha() or unicodedata.category(text[j - 1]) in ("Mn", "Mc")):
        j -= 1
    return j


def _missing_space(text: str, i: int, document: str) -> tuple[int, int] | None:
    """The span of 'left<mark>right' when the mark at ``i`` lacks the space after it, else None."""
    mark = text[i]
    chunk_start, chunk_end = _chunk(text, i)
    if _CODE_CHUNK.search(text, chunk_start, chunk_end):
        return None
    k = i + 1
    while k < chunk_end and (text[k].isalpha() or unicodedata.category(text[k]) in ("Mn", "Mc")):
        k += 1
    right = text[i + 1 : k]
    after = text[k] if k < len(text) else " "
    if len(right) < 2 or after.isdigit() or after in "(":
        return None  # "H.G", "Windows10", "obj.method(": initials, models, code
    if mark in "”’":
        j = _letters_before(text, i - 1, chunk_start)
        if i - 1 - j < 2:
            return None
        return j, k
    if len(_INNER_JOIN.findall(text, chunk_start, chunk_end)) > 1:
        return None  # U.S.Army, e.g.The, www.bbc.co.uk, System.Text.Json, red,green,blue
    j = _letters_before(text, i, chunk_start)
    left = text[j:i]
    if not left and text[i - 1] in ")]":
        if i - 1 == chunk_start:
            return None
        j, left = chunk_start, text[i - 1]  # "(DMZ).The": the whole bracketed chunk
    elif not left:
        while j > chunk_start and text[j - 1].isdigit():
            j -= 1
        left = text[j:i]
        if mark in ".!?" and (len(left) < 2 or j == 0):
            return None  # "1.Introduction", "5.Five": numbering
        if j > chunk_start and text[j - 1] not in "([“‘\"'" and not _TIME_BEFORE.match(text, chunk_start, j):
            return None  # "v2.Beta", "A4.Paper": a code, not a number
    elif len(left) < 2 or (j > chunk_start and text[j - 1] in ".-'’"):
        return None  # "e.g", "a.m", "co-op.Net": a one-letter part or an inner piece
    elif not (left.islower() or left.isupper() or left[1:].islower() or _PLURAL_ACRONYM_WORD.fullmatch(left)):
        return None  # "PaintSolid.Alpha", "iOS.App": camel case, a code or brand name ("TVs" is fine)
    capitalised = right[0].isupper() and (right[1:].islower() or right.isupper())
    if mark in ".!?":
        if not (right[0].isupper() and right[1:].islower()) or right.lower() in _DOT_ENDINGS:
            return None  # "Node.js", "example.com", "ASP.NET", "Amazon.Com"
        if mark == "." and left.isupper() and right == "Net":
            return None
        lright = right.lower()
        if not (lright in _SENTENCE_STARTERS or lright in function_words()):
            if shows_code(document):
                return None  # "pathlib.Path", "pint.Unit": module and class in a text that shows code
            if left.islower() and not (
                zipf(left) >= _RIGHT_CONTENT_MIN and (zipf(lright) >= _DOT_RIGHT_MIN or _standalone(document, right))
            ):
                return None  # "ast.Attribute": not two plain words ("year.Moualem": a name used elsewhere)
    elif mark == ":":
        if not left.islower() or left in _COLON_PREFIXES:
            return None  # "Category:Politics", "mailto:Bob", "xmlns:xsi"
        if not (right[0].isupper() and right[1:].islower()):
            return None  # "rules:start", "xmlns:xsi": labels and code
    elif not (right.islower() or capitalised):
        return None  # "a,iPhone": mixed case on the right
    return j, k


# --------------------------------------------------------------------------------------------
# W104 space-before-punctuation
# --------------------------------------------------------------------------------------------

# Spaces or tabs between a word (letter, digit, %, closing bracket or quote) and a mark.
_SPACE_MARK = regex.compile(r"(?<=[\p{L}\p{M}\p{N}%)\]”’])[ \t]+[.,;:!?]")
# Prefilter (standard library, three times faster): a space or tab right before a mark.
_SPACE_MARK_HINT = re.compile(r"[ \t][.,;:!?]")
_CLOSERS = "\"'”’)]»"
_FRENCH_MARKS = ";:!?"
_ARTICLES = frozenset({"the", "a", "an"})
# fmt: off
# Commands whose argument may be the current directory: "pip install .", "cd .", "git add .".
_COMMAND_WORDS = frozenset({
    "install", "cd", "ls", "find", "cp", "mv", "add", "build", "develop", "run", "commit", "serve", "open",
    "code", "tree", "du", "grep", "rsync", "scp", "tar", "chmod", "chown", "import", "from",
})
# "the ; character", "a , separator": punctuation named in running text.
_MARK_NOUNS = frozenset({
    "character", "characters", "symbol", "symbols", "sign", "signs", "key", "keys", "operator",
    "operators", "mark", "marks", "separator", "separators", "delimiter", "delimiters", "button",
})
# fmt: on


@register
class SpaceBeforePunctuation(Detector):
    """A space before a full stop, comma or other mark: "said , the", "the word .", "alliance . , but".

    What it flags:
        One or more spaces or tabs between a word and a following full stop, comma, semicolon,
        colon, exclamation or question mark ("said , the", "in 1953 ."), and a comma or
        semicolon whose space went before it instead of after it ("said ,the"). Tokenised MT
        output and text re-joined from tokens leave these behind.

    Why it matters:
        English puts no space before these marks; a detached mark can wrap onto the next line
        and marks the text as unedited machine output.

    Example:
        "the alliance , but not" -> "the alliance, but not"; "he said ,the" -> "he said, the".

    Leaves alone:
        French spacing before ; : ! ? in a French document or next to guillemets ("Bonjour !",
        "« mot » :"), and any no-break or narrow no-break space before a mark (that is typography);
        ellipses (" ...", "wait . . ."); a mark that starts a token (".com", ".NET", ".5", ":30");
        emoticons (" :)", " ;)", " :-("); a mark after an opening bracket or quote ("( , )");
        punctuation named in running text ("the ; character", "a . separator"); " ?!" and " !!".

    Fix safety:
        SAFE: the spaces are deleted (for "said ,the" the space moves after the mark). No word
        changes and applying the fix twice changes nothing more.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 1 flag, precision 0.00 (0 of 1 on a rater's span); 1 on
        the 2,238 segments every rater marked No-error (0.03 per 1,000 of 38,067 words);
        recall on Fluency/Punctuation: 0/514. Clean news (14 files, 4,346 words): 0 flags
        (0.00 per 1,000 words). Seed article: 0 flags, 0 on gold spans of its types, 0
        outside gold. Synthetic space_before_punct in clean news (70 injections): recall
        1.00; `mtqa fix` restores the original in 70 (SAFE) / 70 (SAFE+UNSAFE) of 70 texts.
        The one MQM flag is a real error ('from 40 to 400 .', in a segment the raters
        passed); pooled over MQM No-error and clean news: 1 in 42,413 words (0.024 per
        1,000). Technical text (the long descriptions of the 137 Python packages installed
        with mtqa, 133,314 words of Markdown and reStructuredText with code, `mtqa eval
        clean`): 12 flags, all real spaces before a mark in quoted examples ('Guessing time
        !', 'Hello , World !', a tokenised sample); the shell commands ('pip install -e .'),
        URLs and numpydoc 'name : type' lines there are left alone.
    """

    code = "W104"
    name = "space-before-punctuation"
    summary = "A space before a full stop, comma or other mark"
    severity = Severity.WARNING
    category = "whitespace"
    mqm = "Fluency/Punctuation"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if not _SPACE_MARK_HINT.search(text):
            return
        french = None
        for m in _SPACE_MARK.finditer(text):
            start, end = m.start(), m.end()
            mark = text[end - 1]
            nxt = text[end] if end < len(text) else " "
            if mark in _FRENCH_MARKS:
                if french is None:
                    french = ctx.document.language.lower().startswith("fr") or "«" in text or "»" in text
                if french:
                    continue
            swap = False
            if nxt.isspace() or nxt in _CLOSERS:
                if mark in ":;" and nxt in ")]":
                    continue  # " :)", " ;]": emoticons
            elif mark in ",;" and nxt.isalpha():
                swap = True  # "said ,the"
            elif mark in ".,;:" and nxt in ".,;:!?" and nxt != mark:
                pass  # "alliance . , but": the run itself is P102's
            else:
                continue  # ".com", ".5", ":30", " ...", " ?!", " :-)"
            if _named_mark(text, start, end) or _code_mark(text, start, end, mark, ctx.document.text):
                continue
            span = segment_span(unit, start, end)
            spaces = Span(span.start, span.end - 1)
            what = "tab" if "\t" in m.group() else "space"
            name = _MARK_NAMES[mark]
            if swap:
                fix = Fix.replace(span, mark + " ", Applicability.SAFE, f"Move the space after the {name}")
            else:
                fix = Fix.replace(spaces, "", Applicability.SAFE, f"Delete the {what} before the {name}")
            yield self.issue(ctx, span, f"{what} before the {name}", segment=unit, fix=fix)


def _code_mark(text: str, start: int, end: int, mark: str, document: str) -> bool:
    """True for a mark that belongs to code, a command or a list of numbers, not to prose.

    "pip install -e .", "find . -name", "from . import x" (the current directory or package);
    "https://example.org ." (a space keeps the full stop out of the URL); "ESC [ 36 ; 45 m".
    """
    chunk_start, _ = _chunk(text, start)
    if _CODE_CHUNK.search(text, chunk_start, start):
        return True
    rest = text[end:].lstrip(" \t")
    if text[start - 1].isdigit() and rest[:1].isdigit():
        return True
    if mark == ":" and shows_code(document):
        return True  # numpydoc "name : type"
    if mark != ".":
        return False
    if rest[:1] == ".":
        return True  # ". . .": a spaced ellipsis
    if shows_code(document) or rest[:1] == "-" or rest[:1].islower() or text[chunk_start] == "-":
        return True
    word = text[chunk_start:start].lower()
    return word in _COMMAND_WORDS


def _named_mark(text: str, start: int, end: int) -> bool:
    """True for a mark named in running text: "the ; character", "use a , as separator"."""
    j = start
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    if text[j:start].lower() in _ARTICLES:
        return True
    k = end
    while k < len(text) and text[k] in " \t":
        k += 1
    m = k
    while m < len(text) and text[m].isalpha():
        m += 1
    return text[k:m].lower() in _MARK_NOUNS


# --------------------------------------------------------------------------------------------
# W105 duplicated-run
# --------------------------------------------------------------------------------------------

# A capital right after a lower-case letter or digit: where a copy may have been glued on.
_DUPLICATE_SEAM = regex.compile(r"(?<=[\p{Ll}\p{N}]\p{M}*)\p{Lu}")
_ASCII_DUPLICATE_SEAM = re.compile(r"[a-z0-9][A-Z]")  # the same on ASCII text, where it is exact
_MIN_DUPLICATE = 3  # shortest copy that counts (two-letter doubles are words: "LaLa", "GoGo")
_MIN_ONE_WORD_DUPLICATE = 4  # a one-word full copy: "MiuMiu", "PayPay" are brands, "HomeHome" is not
_MAX_DUPLICATE = 200


def _duplicate_length(text: str, p: int) -> int:
    """Length k of the longest stretch text[p-k:p], starting at a word start, that text repeats from p."""
    c = text[p]
    lo = max(0, p - _MAX_DUPLICATE)
    best = 0
    q = text.rfind(c, lo, p)
    while q != -1:
        if (q == 0 or not (_word_char(text[q - 1]) or text[q - 1] in "'’-")) and text.startswith(text[q:p], p):
            best = p - q
        q = text.rfind(c, lo, q)
    return best


@register
class DuplicatedRun(Detector):
    """A stretch of text glued to a copy of itself: "Send in e-mailSend in e-mail", "Alexander RyuAlexander Ryumin".

    What it flags:
        A run of text directly followed, with no space, by the same run again: a link or
        button label scraped twice ("Send in e-mailSend in e-mail", "ShareShare"), or a
        truncated copy glued before the full one ("Alexander RyuAlexander Ryumin", the first
        from a shortened link text). The copy must start at a word start and the join must
        be a lower-case letter or digit followed by a capital.

    Why it matters:
        The reader sees garbage where a name or a phrase should be; the name no longer
        matches other mentions, and the page's furniture leaks into the text.

    Example:
        "by Alexander RyuAlexander Ryumin" -> "by Alexander Ryumin";
        "Send in e-mailSend in e-mail" -> "Send in e-mail".

    Leaves alone:
        Reduplicated names and brands that are words of their own (PawPaw, TalkTalk, TomTom,
        BlaBlaCar, MahiMahi: wordfreq knows them) and one-word full copies of two or three
        letters ("LaLa", "MiuMiu", "PayPay"; a truncated three-letter copy before a longer word
        is flagged: "SunSunday"); a copy inside a longer camel-case identifier ("MarkMarkPos");
        doubles with a space or hyphen between them ("Walla Walla", "Baden-Baden", "New York,
        New York": R101 looks at repeated words); all-capital doubles ("HAHA"); terms on the
        accept list.

    Fix safety:
        UNSAFE: the first copy is deleted. That is right for a doubled label and for a
        truncated copy, but which copy is the intended text is a guess when they differ.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0). MQM TED zh-en (5,387
        distinct target segments): 0 flags (no precision); 0 on the 2,238 segments every
        rater marked No-error (0.00 per 1,000 of 38,067 words); recall on Accuracy/Addition:
        0/125. Clean news (14 files, 4,346 words): 0 flags (0.00 per 1,000 words). Seed
        article: 0 flags, 0 on gold spans of its types, 0 outside gold. Synthetic
        duplicated_run in clean news (70 injections): recall 1.00; `mtqa fix` restores the
        original in 0 (SAFE) / 70 (SAFE+UNSAFE) of 70 texts. Technical text (the long
        descriptions of the 137 Python packages installed with mtqa, 133,314 words of
        Markdown and reStructuredText with code, `mtqa eval clean`): 0 flags. Camel-case
        names of benchmarks/camelcase.py (PawPaw, TalkTalk, TomTom, BlaBlaCar, MiuMiu...): 0
        flags. The rule has no flag on the shared data, so its precision there is
        unmeasured; it is stable on the 'at most 0.05 flags per 1,000 clean words'
        criterion.
    """

    code = "W105"
    name = "duplicated-run"
    summary = "A stretch of text glued to a copy of itself"
    severity = Severity.ERROR
    category = "whitespace"
    mqm = "Accuracy/Addition"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if text.isascii() and not _ASCII_DUPLICATE_SEAM.search(text):
            return
        for m in _DUPLICATE_SEAM.finditer(text):
            p = m.start()
            k = _duplicate_length(text, p)
            if k < _MIN_DUPLICATE:
                continue
            q = p - k
            copy = text[q:p]
            end = p + k
            while end < len(text) and (_word_char(text[end]) or text[end] in "'’"):
                end += 1
            if not any(c.islower() for c in copy):
                continue  # "ABCABC"
            if not any(c.isspace() for c in copy):
                token = text[q:end]
                if (
                    (k < _MIN_ONE_WORD_DUPLICATE and end - (p + k) < 2)  # "MiuMiu"; "SunSunday" is a truncated copy
                    or any(c.isupper() for c in text[p + k : end])  # "MarkMarkPos": camel case
                    or zipf(token.lower()) > _KNOWN
                    or ctx.lexicon.is_accepted(token)
                    or ctx.lexicon.is_accepted(_POSSESSIVE.sub("", token))
                ):
                    continue
            longer = end > p + k
            what = "a longer copy of it" if longer else "a copy of itself"
            fix = Fix.replace(segment_span(unit, q, p), "", Applicability.UNSAFE, f"Delete the first copy of '{copy}'")
            yield self.issue(
                ctx,
                segment_span(unit, q, end),
                f"'{copy}' is glued to {what}",
                segment=unit,
                fix=fix,
                data={"copy": copy},
            )
