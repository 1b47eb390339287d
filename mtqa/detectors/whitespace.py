"""Whitespace and token-boundary rules (family W)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import common_lowercase, function_words, zipf
from mtqa.rules import register
from mtqa.span import Applicability, Edit, Fix, Span

# --------------------------------------------------------------------------------------------
# W101 merged-tokens
# --------------------------------------------------------------------------------------------

# Prefilter: a lower-case letter directly followed by a capital and a lower-case letter. Text
# without one (nearly all text) costs one scan and no dictionary lookup.
_SEAM_HINT = regex.compile(r"\p{Ll}\p{M}*\p{Lu}\p{Ll}")
# A word: letters and combining marks, with inner apostrophes (O'Neill, McDonald's).
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
_POSSESSIVE = regex.compile(r"['’]s$")
# A capital right after a lower-case letter: where two words may have been glued.
_SEAM = regex.compile(r"(?<=\p{Ll}\p{M}*)\p{Lu}")
# The right-hand part must read as one capitalised word ("He", "In", "Russian"); "Ds" in "PhDs"
# is a plural acronym, not a word.
_RIGHT_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+")
_PLURAL_ACRONYM = regex.compile(r"\p{Lu}s")
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


@register
class MergedTokens(Detector):
    """Two words glued together where an HTML link or block was stripped: "Anthony BlinkenHe canceled".

    What it flags:
        A word with a lower-case letter directly followed by a capitalised word inside it
        ("BlinkenHe", "LuganskIn", "canceledThe", "KyivRussian"), when the whole token is not a
        known word or brand and the right-hand part is a real word. Scrapers produce these when
        the text of a link or paragraph is joined to the next one without a space.

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
        PriceSmart); a one-letter right part ("PlanB", even "BlinkenA").

    Fix safety:
        UNSAFE: the fix inserts ". " at the seam when the right part usually opens a sentence
        ("Blinken. He"), a space and a lower-case letter when it is a function word that
        continues the sentence ("Lugansk in"), and a plain space otherwise ("Kyiv Russian").
        Which break was lost is a guess, so the other readings are given as alternatives.

    Settings:
        None. Extend the accept list (`accept = [...]`) for house brands with inner capitals.

    Measured precision:
        Seed article: 2 flags, both gold spans ("BlinkenHe" 202-211, "LuganskIn" 1768-1777),
        no other flag and no negative touched. Clean news (14 files, 4,346 words): 0 flags
        (0.00 per 1,000 words; McGregor, McDonnell, McFaull, PawPaw, LiverpoolFC.com left alone).
        MQM TED zh-en: 0 flags on the 4,297 target segments every rater marked No-error
        (58,834 words, 0.00 per 1,000 words) and 0 flags on all 7,935 distinct target segments
        (their only inner capitals are the robot names MacroBot and DeciBot), so no flag can
        overlap a rater's <v> span. A stress list of 317 camel-case brands and names gives 5
        flags, all glued multi-word names (KualaLumpur, BuenosAires, SaoPaulo, AstonMartin, DouYin).
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
        if not _SEAM_HINT.search(text):
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
    if not _RIGHT_WORD.fullmatch(right) or _PLURAL_ACRONYM.fullmatch(right):
        return None
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
    if left[0].islower():
        # camelCase: only a sentence opener is evidence enough (canceledThe, not loggedIn).
        if lright not in _SENTENCE_STARTERS or zipf(lleft) <= _KNOWN:
            return None
    elif lright in _SENTENCE_STARTERS:
        pass
    elif strong:
        if lright in _CONTINUERS and lleft in common_lowercase():
            return None  # LogIn, CheckIn, AddOn, TakeOver: verb + particle compounds
    elif zipf(lright) < _RIGHT_CONTENT_MIN or zipf(lleft) <= _KNOWN:
        return None
    elif lleft in common_lowercase() or lright in common_lowercase():
        return None  # AirTag, ZoomInfo, PriceSmart: brands built from common words
    return start + k


# --------------------------------------------------------------------------------------------
# W102 irregular-whitespace
# --------------------------------------------------------------------------------------------

_ODD_SPACES = "\u1680\u2000-\u200a\u202f\u205f\u3000"
_ZERO_WIDTH = "\u200b\ufeff"
_HORIZONTAL = "\t \u00a0" + _ODD_SPACES
# Either a run of two or more horizontal or zero-width spaces, or a single odd or zero-width one.
# Runs are matched from their first character, so each match is a maximal run.
_IRREGULAR = regex.compile(f"[{_HORIZONTAL}{_ZERO_WIDTH}]{{2,}}|[{_ODD_SPACES}{_ZERO_WIDTH}]")
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
        Seed article: 1 flag, the gold span U+00A0 + space at 1843-1845 after "See also", no
        negative touched. Clean news (14 files, 4,346 words): 0 flags (0.00 per 1,000 words).
        MQM TED zh-en: 0 flags on the 4,297 target segments every rater marked No-error
        (58,834 words, 0.00 per 1,000 words) and 0 on all 7,935 distinct target segments (the
        data holds no irregular whitespace), so no flag can overlap a rater's <v> span.
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
