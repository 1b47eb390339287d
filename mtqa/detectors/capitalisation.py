"""Capitalisation rules (family C).

Both rules look at the same thing, a word with a capital initial in the middle of a
sentence, and differ only in what comes before it: a comma (C101) or a word (C102).
One shared, cached analysis of the document finds the candidates, so that the two
rules never flag the same word and the document is scanned once for both.

The evidence that a capitalised word is an error and not a name is lexical: a
closed-class word (``function_words()``) is never a name, and an open-class word must
be one that SCOWL lists only in lower case (``common_lowercase()``) and must stand
between lower-case words. Everything else a newsroom capitalises on purpose (titles,
institutions, headlines, a word the document capitalises again and again) is left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from mtqa.detectors.base import Context, Detector, Scope, segment_span
from mtqa.document import Document, Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import common_lowercase, function_words, house_capitals, zipf
from mtqa.rules import register
from mtqa.segmentation import sentence_starts
from mtqa.span import Applicability, Fix, Span

# A word with a capital initial and lower-case letters after it, standing alone: not
# glued to a letter, digit, apostrophe or hyphen on either side ("LuganskIn", "O'Brien",
# "Pro-Russian" are other rules' business or names). All-caps words (NATO, US), single
# letters ("I", "Plan A") and internal capitals (McDonald, iPhone) cannot match.
_CAPITALISED = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_'’\-])\p{Lu}[\p{Ll}\p{M}]*\p{Ll}(?:['’]\p{Ll}+)?(?![\p{L}\p{M}\p{N}_\-])"
)
# The next word after a candidate: optional spaces, an optional opening quote or bracket.
_NEXT_WORD = regex.compile(r"[ \t\u00a0\u202f\u2009\u2007]+[“‘\"'(«]?(\p{L}[\p{L}\p{M}'’\-]*|\p{N}+)")
# Words of a line, for the title-case test.
_LINE_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")

_CLOSING_QUOTES = frozenset("”’\"'»›")
_SENTENCE_END = frozenset(".!?…")
_SPACE = frozenset(" \t\u00a0\u202f\u2009\u2007")  # the same spaces as in the patterns

COMMA, WORD = "comma", "word"
# "I" is capitalised everywhere: next to a candidate it says nothing about title case.
_FIRST_PERSON = frozenset({"I", "I'm", "I’m", "I'll", "I’ll", "I've", "I’ve", "I'd", "I’d"})


@cache
def _everyday() -> frozenset[str]:
    """Words that are never names when capitalised: closed-class and SCOWL lower-case words."""
    return function_words() | common_lowercase()


@dataclass(frozen=True)
class CapitalisationSettings:
    """Settings shared by C101 and C102.

    ``words``: extra capitalised words to leave alone (a newsroom's own house capitals,
    "Brexiteer", "Remainer"); ``house_style``: how many capitalised mid-sentence uses of an
    open-class word make it the document's house style rather than an error (0 turns
    the house-style exemption off).
    """

    words: tuple[str, ...] = ()
    house_style: int = 2
    min_zipf: float = 4.0


@dataclass(frozen=True, slots=True)
class _Candidate:
    segment: int
    start: int
    end: int
    word: str
    context: str
    closed_class: bool


def _context(text: str, start: int) -> str | None:
    """What stands before the word at ``start``: COMMA, WORD, or None.

    None means a place where a capital is normal: the line start, a line break, a quote or
    bracket opening on the word, a sentence end, a colon, a dash, a semicolon.
    A closing quote between the word and the comma or word before it is transparent.
    """
    if start == 0 or text[start - 1] not in _SPACE:
        return None
    j = start - 1
    while j >= 0 and text[j] in _SPACE:
        j -= 1
    if j < 0:
        return None
    ch = text[j]
    quoted = False
    if ch in _CLOSING_QUOTES:
        # A quote is closing only when it hangs on the word or mark before it.
        if j == 0 or text[j - 1].isspace():
            return None
        quoted = True
        j -= 1
        ch = text[j]
    if ch == ",":
        return COMMA
    if quoted and ch in _SENTENCE_END:
        return None
    if ch.isalnum():
        return WORD
    return None


# The word before a position: the word, then a closing quote and/or a comma in either order.
_PREVIOUS_WORD = regex.compile(
    r"(\p{L}[\p{L}\p{M}'’\-]*|\p{N}+)(?:[”’\"'»›],?|,[”’\"'»›]?)?[ \t\u00a0\u202f\u2009\u2007]+$"
)


def _previous_word(text: str, end: int) -> tuple[str, int] | None:
    """The word (or number) before offset ``end`` and its start, looking past spaces, one
    comma and one closing quote; None at the line start or after any other mark."""
    m = _PREVIOUS_WORD.search(text, max(0, end - 64), end)
    return (m.group(1), m.start()) if m else None


def _preceded_by_lowercase(text: str, end: int, functions: frozenset[str]) -> bool:
    """True when the content word before ``end`` is lower case, looking past lower-case
    function words ("finding Dialogue", "the path of the Light").

    A capitalised word there ("Ministry of Defence", "Gone With the Wind", "Lavrov, Dialogue")
    makes the candidate part of a name or title. The line start or a mark other than a
    comma or a closing quote before the content word counts as lower case; a number does not.
    """
    pos = end
    for _ in range(4):
        found = _previous_word(text, pos)
        if found is None:
            return True
        token, pos = found
        if token in _FIRST_PERSON:
            continue
        if not token[0].islower():
            return False
        if token not in functions:
            return True
    return True


def _in_title_run(text: str, end: int, starts: frozenset[int], words: frozenset[str]) -> bool:
    """True when the word before ``end`` is a capitalised common word that does not start a
    sentence: the candidate continues a title-case run ("the slogan Yes We Can was")."""
    found = _previous_word(text, end)
    if found is None:
        return False
    token, start = found
    if start in starts or not token[0].isupper():
        return False
    return any(form in words for form in _lookup_forms(token))


def _followed_by_lowercase(text: str, end: int, closed_class: bool, functions: frozenset[str]) -> bool:
    """True when running lower-case text follows: the next word is lower case, and the first
    word after any lower-case function words ("of the", "an") is not capitalised.

    "Because of the “beginning" and "finding Dialogue solution" pass; "Into the Woods",
    "World Cup", "Gone With the Wind" (a title inside a sentence) do not.
    """
    pos = end
    if closed_class and text.startswith(",", end):
        pos += 1  # "Lavrov, However, the talks": a sentence adverb keeps its comma
    for n in range(4):
        m = _NEXT_WORD.match(text, pos)
        if m is None:
            return n > 0
        token = m.group(1)
        pos = m.end()
        if token in _FIRST_PERSON:
            continue
        first = token[0]
        if first.isdigit():
            return closed_class or n > 0
        if not first.islower():
            return False
        if token not in functions:
            return True
    return True


def _is_title_case(text: str, functions: frozenset[str]) -> bool:
    """A headline or title-case line: most of its content words are capitalised.

    "Macedonians Go to Polls" and "US Secretary of State Anthony Blinken cancels meeting
    with Russian Foreign Minister" are; a sentence full of names ("Blinkin sees Russia not
    even “serious” Regarding the meeting with Lavrov.") is not, because it has a
    sentence-final mark and fewer than three capitals in four content words.
    """
    content = [w for w in _LINE_WORD.findall(text) if w.lower() not in functions]
    if len(content) < 2:
        return False
    capitals = sum(1 for w in content if w[0].isupper())
    share = capitals / len(content)
    stripped = text.rstrip().rstrip("”’\"')»")
    ends_sentence = bool(stripped) and stripped[-1] in _SENTENCE_END
    return share >= 0.75 or (not ends_sentence and share >= 0.5)


def _stem(word: str) -> str:
    """The word without a possessive or plural "s": "Habitat", "Habitats" and "Habitat's" count
    together for house style, and "Cardinals" is exempt because "Cardinal" is."""
    key = word.replace("’", "'")
    if key.endswith("'s"):
        key = key[:-2]
    if len(key) > 3 and key.endswith("s") and not key.endswith("ss"):
        key = key[:-1]
    return key


def _lookup_forms(word: str) -> tuple[str, ...]:
    """Lower-case forms to look up: the word, and the word without a possessive "'s"."""
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        return (lower, lower[:-2])
    return (lower,)


@lru_cache(maxsize=8)
def _analyse(segments: tuple[Segment, ...]) -> tuple[tuple[_Candidate, ...], Counter[str]]:
    """Candidates of both rules in a document, and how often each word is capitalised mid-sentence.

    Only what no setting changes is decided here; the rules apply the lexicon's accept
    list and their settings afterwards.
    """
    functions = function_words()
    common = common_lowercase()
    protected = house_capitals()
    everyday = _everyday()
    candidates: list[_Candidate] = []
    midsentence: Counter[str] = Counter()
    for seg in segments:
        text = seg.text
        starts: frozenset[int] | None = None
        for m in _CAPITALISED.finditer(text):
            where = _context(text, m.start())
            if where is None:
                continue
            if starts is None:
                # Paid for once per line, and only by lines with a capital after a word or comma.
                if _is_title_case(text, functions):
                    break
                starts = sentence_starts(text)
            if m.start() in starts:
                continue
            word = m.group()
            midsentence[_stem(word)] += 1
            forms = _lookup_forms(word)
            if word in protected or _stem(word) in protected:
                continue
            closed = forms[0] in functions
            if not closed and not any(f in common for f in forms):
                continue
            if closed:
                if _in_title_run(text, m.start(), starts, everyday):
                    continue
            elif not _preceded_by_lowercase(text, m.start(), functions):
                continue
            if not _followed_by_lowercase(text, m.end(), closed, functions):
                continue
            candidates.append(_Candidate(seg.index, m.start(), m.end(), word, where, closed))
    return tuple(candidates), midsentence


class _CapitalRule(Detector):
    """Shared machinery of C101 and C102 (not registered)."""

    severity = Severity.WARNING
    category = "capitalisation"
    mqm = "Fluency/Spelling"
    scope = Scope.DOCUMENT
    fixable = True
    Settings = CapitalisationSettings
    context_kind = ""

    def check(self, unit: Document, ctx: Context) -> Iterator[Issue]:
        settings: CapitalisationSettings = ctx.settings
        candidates, counts = _analyse(unit.segments)
        if not candidates:
            return
        extra = frozenset(settings.words)
        by_index = {seg.index: seg for seg in unit.segments}
        for cand in candidates:
            if cand.context != self.context_kind:
                continue
            word = cand.word
            stem = _stem(word)
            if word in extra or stem in extra or ctx.lexicon.is_accepted(word) or ctx.lexicon.is_accepted(stem):
                continue
            if not cand.closed_class:
                if 0 < settings.house_style <= counts[_stem(word)]:
                    continue
                if zipf(_lookup_forms(word)[-1], "en") < settings.min_zipf:
                    continue
            seg = by_index[cand.segment]
            yield self._issue(ctx, seg, cand)

    def _issue(self, ctx: Context, seg: Segment, cand: _Candidate) -> Issue:
        span = segment_span(seg, cand.start, cand.end)
        first = span.start
        lowered = cand.word[0].lower()
        fix = Fix.replace(Span(first, first + 1), lowered, Applicability.UNSAFE, f"Lower-case {cand.word!r}")
        return self.issue(ctx, span, self.message(cand), segment=seg, fix=fix, data={"word": cand.word})

    def message(self, cand: _Candidate) -> str:
        raise NotImplementedError


@register
class CapitalAfterComma(_CapitalRule):
    """A common word capitalised right after a comma: "Sergey Lavrov, Because of the".

    What it flags:
        A word with a capital initial right after a comma in the middle of a sentence,
        when the word cannot be a name: a closed-class word (because, as, however, who,
        the), or a common word that SCOWL lists only in lower case, is frequent (Zipf 4
        or more) and stands between lower-case words. A closing quote on either side of
        the comma does not hide it ("scenario”, As an attack"; "“We will not sign this,”
        The minister said"). Machine translation leaves these where the source had a
        full stop or a clause break, or where a sentence was split and glued back.

    Why it matters:
        A capital after a comma reads as a sentence start that is not there; the reader
        stumbles, and the text looks unedited.

    Example:
        "Sergey Lavrov, Because of the “beginning of the Russian invasion”"
        -> "Sergey Lavrov, because of the “beginning of the Russian invasion”"

    Leaves alone:
        Names and words that are not common lower-case words ("Kiev, Ukraine", "Smith,
        Brown and Rice", "Monday, November 5"); "I" and all-caps words ("NATO, US");
        brand names with inner capitals and the accept list (McDonald's, iPhone, PayPal,
        YouTube, DeSantis); a quotation that opens after the comma (`Kiev, “Always I
        will.”`); headlines and title-case lines ("Trump, Kim Agree To Meet"); house and
        house capitals ("In a statement, Labour said", "the Government, the Minister");
        capitalised lists and titles, where a capitalised word stands before the comma
        or after the candidate ("Flour, Sugar, Eggs", "Yes, No and Maybe", "Thinking,
        Fast and Slow"); rarer words that brands and names borrow (Zipf below 4); an
        open-class word the document capitalises mid-sentence twice or more (its house
        style: "Rangers", "Giants" in sports reports). A capital after a word and no
        comma is C102's.

    Fix safety:
        UNSAFE: the first letter is lower-cased ("Because" -> "because"). Very likely right,
        but the word may open a name or title that the word lists do not know.

    Settings:
        ``words`` (list of strings, default empty): capitalised words to leave alone, such as
        a newsroom's own house capitals ("Trust", "Fund").
        ``house-style`` (integer, default 2): mid-sentence capitalised uses of an open-class
        word (plural and possessive counted together) that make it house style and exempt
        it everywhere in the document; 0 turns the exemption off.
        ``min-zipf`` (number, default 4.0): the wordfreq Zipf frequency an open-class word
        needs; rarer common words (boutique 3.5, habitat 4.0 but "Habitats" 3.5) are often
        brand names. Closed-class words are flagged at any frequency.
        C102 has the same settings.

    Measured precision:
        Seed article: both gold spans found, "Because" (306-313) and "As" (1066-1068, inside
        the gold "As an attack"); 0 of the 5 negatives flagged; no other flag.
        Clean news (14 files, 4,346 words): 0 flags (0.00 per 1,000 words).
        MQM TED zh-en: 0 flags on the 4,297 No-error segments (58,834 words, 0.00 per
        1,000 words); 2 flags on all 7,935 rated segments, both (100%) on a rater's <v>
        span, both marked Fluency/Spelling ("for example, In orbit", "should have, You
        can see"). Without the Zipf floor the clean data gain no C101 flag; without the
        house-style exemption none either (measured with throwaway scripts, the same runs
        as C102's numbers).
    """

    code = "C101"
    name = "capital-after-comma"
    summary = "A common word capitalised right after a comma"
    context_kind = COMMA

    def message(self, cand: _Candidate) -> str:
        return f"{cand.word!r} is capitalised after a comma in the middle of a sentence"


@register
class StrayCapital(_CapitalRule):
    """A common word capitalised in the middle of a sentence: "finding Dialogue solution".

    What it flags:
        A word with a capital initial right after another word in the middle of a
        sentence, when the word cannot be a name: a closed-class word ("Donetsk and
        Lugansk And send the army"), or a common word that SCOWL lists only in lower case,
        is frequent (Zipf 4 or more) and has lower-case words on both sides ("finding
        Dialogue solution"). A closing quote between the two words is transparent ("not
        even “serious” Regarding the meeting"). A capital after a comma is C101's and is
        never flagged twice.

    Why it matters:
        A stray capital makes an ordinary word look like a name or a title; it is a typical
        trace of machine translation and of sentences glued from two pieces.

    Example:
        "the possibility of finding Dialogue solution to the conflict"
        -> "the possibility of finding dialogue solution to the conflict"

    Leaves alone:
        Names (Moscow, Putin, Blinken, Smith, Brown, Bush, Rice), "I", all-caps words (NATO,
        US), the accept list (McDonald's, iPhone, YouTube, DeSantis, PayPal); sentence
        starts, and capitals after ":", "(", a dash, a semicolon, an opening quote, a full
        stop ("in the U.S. The talks") or a line break; list items and bullets; headlines
        and title-case lines ("Attack on Kiev ‘worst case scenario’", "Macedonians Go to
        Polls", "US Troops Leave Syria As part of Peace Deal"); multiword names and titles,
        where a capitalised word stands next to the candidate, looking past "of", "the"
        ("the Russian Foreign Minister", "United States Secretary of State", "the Democratic
        Party", "World Cup", "Supreme Court", "Ministry of Defence", "Gone With the Wind",
        "Yes We Can"); house capitals ("the Minister said", "the Government", "said
        Labour would", "Mum said Dad would"); days, months, nationalities; rarer words that
        brands borrow ("its Boutique makeup range", Zipf below 4); an open-class word the
        document capitalises mid-sentence twice or more (its house style).

    Fix safety:
        UNSAFE: the first letter is lower-cased ("Dialogue" -> "dialogue"). Very likely
        right, but the word may belong to a name or title that the word lists do not know
        (a surname such as "Dan Rather" is flagged: add it to ``words`` or the accept list).

    Settings:
        ``words`` (list of strings, default empty): capitalised words to leave alone.
        ``house-style`` (integer, default 2): mid-sentence capitalised uses of an open-class
        word that make it house style; 0 turns the exemption off.
        ``min-zipf`` (number, default 4.0): the Zipf frequency an open-class word needs.
        The same settings as C101.

    Measured precision:
        Seed article: both gold spans found, "Dialogue" (606-614) and "Regarding"
        (1446-1455), plus "And" (449-452, "Lugansk And send", a real error the gold file
        does not list); 0 of the 5 negatives flagged.
        Clean news (14 files, 4,346 words): 0 flags (0.00 per 1,000 words). With
        ``min-zipf = 0`` it flags 2 brand names there ("its Boutique makeup range", "a
        number of Habitats"); with ``house-style = 0``, 6 club and shop names used
        repeatedly (Rangers twice, Hearts, Giants twice, Boots).
        MQM TED zh-en: 0 flags on the 4,297 No-error segments (58,834 words, 0.00 per
        1,000 words); 15 flags on all 7,935 rated segments, 14 (93%) on a rater's <v> span
        (6 Fluency/Spelling, 4 Accuracy/Mistranslation, 3 Fluency/Punctuation, 1
        Fluency/Grammar); the 15th ("the graph that I showed earlier We combine") is a
        missing full stop the rater did not mark. All 15 are real errors on reading.
        ``min-zipf = 0`` adds one flag on a No-error segment, "some Beetles like to mate",
        which is an error another rater marked in another system's output.
    """

    code = "C102"
    name = "stray-capital"
    summary = "A common word capitalised in the middle of a sentence"
    context_kind = WORD

    def message(self, cand: _Candidate) -> str:
        kind = "a closed-class word" if cand.closed_class else "a common word"
        return f"{cand.word!r} is {kind} capitalised in the middle of a sentence"
