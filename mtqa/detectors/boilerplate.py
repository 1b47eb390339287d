"""Scraped boilerplate rules (family B)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from mtqa.detectors.base import Context, Detector, Scope, SettingsError, Stability, segment_span
from mtqa.document import Document, Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import function_words, resource_lines, zipf
from mtqa.rules import register
from mtqa.span import Applicability, Fix, Span

_CATALOGUE = "boilerplate.txt"
_FLAGS = regex.IGNORECASE | regex.VERSION1
# Whitespace of any kind (no-break and zero-width spaces included) collapses to one space.
_SPACES = regex.compile(r"[\s\u200b\u2060\ufeff]+")
# What _SPACES would change: anything but a single plain space (searching is cheaper than replacing).
_IRREGULAR_SPACE = re.compile(r"[^\S ]|  |[\u200b\u2060\ufeff]")
# A bullet or arrow a widget puts before its label.
_BULLET = regex.compile(r"[•·▪►*]\s*")
# What may stand between two phrases of one furniture line: "Facebook | Twitter | Email".
_SEPARATOR = regex.compile(r"\s*(?:[|•·/,–—-]\s*)?")
# Breadcrumb and link-trail separators: "Home › World › Europe", "… › Cuba › Granma".
_CRUMB = regex.compile(r" [›»] ")
_SENTENCE_END = regex.compile(r"[.!?]['\"”’)]*$")
# A line break and any blank lines after it; horizontal space.
_BREAK = regex.compile(r"[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)+")
_HSPACE = " \t\u00a0"


@dataclass(frozen=True)
class _Phrase:
    group: str
    pattern: regex.Pattern[str]


@register
class PageFurniture(Detector):
    """Comment forms, share buttons and link lines scraped into the article: "Leave a Reply".

    What it flags:
        A whole segment (one line or paragraph) that is page furniture rather than article
        text: the comment form ("Leave a Reply", "Your email address will not be published.
        Required fields are marked *"), share and print widgets ("Share this:", "Click to
        share on Twitter (Opens in new window)"), related-content and link lines ("Related
        Posts", "Read more", "Source link", "See also <title> › Cuba › Granma") and site
        furniture ("Advertisement", "All rights reserved"). The phrases live in
        ``mtqa/resources/boilerplate.txt``; a line may be a run of several of them ("Leave a
        Reply Cancel reply"). A breadcrumb trail (two or more "›" or "»" separators ending in
        short labels) is flagged as well.

    Why it matters:
        Scrapers that pull an article out of its HTML page also pull out the widgets around
        it. Translated and republished, the furniture reads as part of the story and marks
        the page as unedited machine output.

    Example:
        "...was reached.\\n\\nLeave a Reply\\n\\nYour email address will not be published." ->
        "...was reached."

    Leaves alone:
        Prose that uses the same words inside a sentence ("He said he would leave a reply to
        the letter on Monday.", "Read more books, the minister urged.", "See also the report
        by the UN, published on Friday." in a longer paragraph); a headline that contains
        "Reply" or "Share"; one-word answers that end a sentence ("Email."); French quotation
        marks used as quotes (« ... »); segments longer than ``max-length`` characters.

    Fix safety:
        UNSAFE: the whole segment is deleted, with its line break and the blank lines after it
        (or before it, when it is the last line). Deleting text is never typographic, so a
        person should glance at it; once deleted, nothing is left for the rule to flag.

    Settings:
        ``extra-phrases`` (list of patterns, default none): more furniture patterns, in the
        catalogue's syntax, matched against whole segments case-insensitively.
        ``max-length`` (int, default 250): longer segments are not compared with the
        catalogue (furniture is short).

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py. Seed article: all 3 gold boilerplate
        spans found ("Leave a Reply" 2198-2211, the comment-form line 2213-2283, and "See also"
        1835-1843 inside the flagged link line); 0 of 5 seed negatives flagged. MQM TED zh-en
        (5,387 distinct target segments, 130,282 words): 0 flags, so 0.00 per 1,000 of the 38,067
        No-error words. Clean news (14 files, 4,346 words): 0 flags, 0 of the 21 traps. Synthetic
        boilerplate (70 injections, English WordPress and Jetpack lines) and
        boilerplate_multilingual (70 injections: comment forms, read-more links and read
        counters in Spanish, Portuguese, German, French, Italian and Russian and their English
        machine translations, paywall, syndication and cookie lines): recall 1.00 for both, and
        SAFE+UNSAFE fixes give back the original in 140 of 140 texts.
    """

    code = "B101"
    name = "page-furniture"
    summary = "Scraped page furniture: comment forms, share buttons, link lines"
    severity = Severity.ERROR
    category = "boilerplate"
    mqm = "Accuracy/Addition"
    fixable = True

    @dataclass(frozen=True)
    class Settings:
        extra_phrases: tuple[str, ...] = ()
        max_length: int = 250

        def __post_init__(self) -> None:
            for phrase in self.extra_phrases:
                try:
                    regex.compile(phrase, _FLAGS)
                except regex.error as exc:
                    raise SettingsError(f"extra-phrases: {phrase!r} is not a valid pattern ({exc})") from None
            if self.max_length < 1:
                raise SettingsError(f"max-length must be positive, got {self.max_length}")

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        settings = ctx.settings if isinstance(ctx.settings, self.Settings) else self.Settings()
        text = unit.text
        start = len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if start >= end:
            return
        raw = text[start:end]
        kind = _kind(raw, settings.extra_phrases, settings.max_length)
        if kind is None:
            return
        body = _normalise(raw)
        span = segment_span(unit, start, end)
        deletion = _deletion(ctx.document.text, span)
        fix = Fix.replace(deletion, "", Applicability.UNSAFE, "Delete the scraped line")
        shown = body if len(body) <= 50 else body[:47] + "..."
        message = f"{shown!r} looks like page furniture ({kind}), not article text"
        yield self.issue(ctx, span, message, segment=unit, fix=fix, data={"kind": kind})


def _normalise(raw: str) -> str:
    """A line with its whitespace collapsed and a leading bullet removed."""
    # Every character _IRREGULAR_SPACE looks for but the double space is unprintable, so a
    # printable line without "  " (nearly every line) skips the search.
    irregular = "  " in raw or (not raw.isprintable() and _IRREGULAR_SPACE.search(raw) is not None)
    body = _SPACES.sub(" ", raw).strip() if irregular else raw.strip()
    return _BULLET.sub("", body, count=1) if _BULLET.match(body) else body


def _kind(raw: str, extra: tuple[str, ...] = (), max_length: int = 250) -> str | None:
    """What kind of page furniture a stripped line is ("comment form", "breadcrumb trail"...), or None."""
    if len(raw) > 2 * max_length and "›" not in raw and "»" not in raw:
        return None  # running prose: furniture is short (cheap exit before any normalising)
    body = _normalise(raw)
    kind = _furniture(body, extra) if len(body) <= max_length else None
    if kind is None and _is_breadcrumb(body):
        kind = "breadcrumb trail"
    return kind


@cache
def _catalogue() -> tuple[_Phrase, ...]:
    """The shipped phrase catalogue, compiled once."""
    phrases = []
    group = "page furniture"
    for line in resource_lines(_CATALOGUE):
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
            continue
        phrases.append(_Phrase(group, regex.compile(line, _FLAGS)))
    return tuple(phrases)


@cache
def _phrases(extra: tuple[str, ...]) -> tuple[_Phrase, ...]:
    """The catalogue plus the configured phrases."""
    return _catalogue() + tuple(_Phrase("configured phrase", regex.compile(p, _FLAGS)) for p in extra)


# How many leading characters of a line pick the phrases worth trying on it.
_PREFIX = 3


@lru_cache(maxsize=1 << 16)
def _opening(prefix: str, extra: tuple[str, ...]) -> tuple[regex.Pattern[str], ...]:
    """The phrases that can match a line starting with ``prefix`` (its first ``_PREFIX`` characters,
    as they are: the phrases ignore case).

    Worked out once per prefix with the ``regex`` module's partial matching, among the
    phrases that fit its first character (worked out once per character): a phrase that
    cannot even begin with ``prefix`` is left out, which leaves none or a handful for almost
    every line. This replaces one big alternation of the ~140 phrases, which took the
    ``regex`` module about a second to compile in every process that checks text.
    """
    candidates = _opening(prefix[:1], extra) if len(prefix) > 1 else tuple(p.pattern for p in _phrases(extra))
    return tuple(p for p in candidates if p.match(prefix, partial=True))


def _furniture(body: str, extra: tuple[str, ...]) -> str | None:
    """The group of the phrase that opens ``body`` when it is a run of catalogue phrases, else None.

    A left-to-right chart over positions: from each reachable position every phrase is tried
    once, anchored, so the cost is linear in the length times the number of phrases and no
    input can make it backtrack through combinations.
    """
    if not any(pattern.match(body) for pattern in _opening(body[:_PREFIX], extra)):
        return None
    phrases = _phrases(extra)
    n = len(body)
    reachable, done = {0}, set()
    while reachable:
        pos = min(reachable)
        reachable.discard(pos)
        done.add(pos)
        for phrase in phrases:
            m = phrase.pattern.match(body, pos)
            if m is None or m.end() == pos or not _boundary(body, m.end()):
                continue
            nxt = _SEPARATOR.match(body, m.end()).end()
            if nxt == n:
                return next(p.group for p in phrases if p.pattern.match(body))
            if nxt not in done:
                reachable.add(nxt)
    return None


def _boundary(body: str, end: int) -> bool:
    """A phrase must end at a word boundary: 'Share' does not match the start of 'Shareholders'."""
    return end >= len(body) or not (body[end - 1].isalnum() and body[end].isalnum())


def _is_breadcrumb(body: str) -> bool:
    """'See also X › Cuba › Granma', 'Home » World » Europe': short labels after two or more separators."""
    if "›" not in body and "»" not in body:
        return False
    if "«" in body or "‹" in body:  # guillemets used as quotation marks
        return False
    parts = _CRUMB.split(body)
    if len(parts) < 3 or any(not p.strip() for p in parts):
        return False
    if len(body.split()) > 40 or _SENTENCE_END.search(parts[-1]):
        return False
    return all(len(p.split()) <= 6 for p in parts[1:]) and len(parts[-1].split()) <= 4


def _deletion(text: str, span: Span) -> Span:
    """What deleting the segment removes: its whole line and the blank lines after it.

    When the segment does not stand alone on its line only the segment goes. When it is the
    last line, the line break before it goes instead, so the text ends where it ended before.
    """
    start, end = span.start, span.end
    line_start = start
    while line_start > 0 and text[line_start - 1] in _HSPACE:
        line_start -= 1
    line_end = end
    while line_end < len(text) and text[line_end] in _HSPACE:
        line_end += 1
    if line_start > 0 and text[line_start - 1] != "\n":
        return span
    if line_end < len(text) and text[line_end] not in "\r\n":
        return span
    after = _BREAK.match(text, line_end)
    rest = after.end() if after else line_end
    if rest < len(text):
        return Span(line_start, rest)
    before = line_start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    return Span(before, line_end)


# --------------------------------------------------------------------------------------------
# B102 off-topic-insert
# --------------------------------------------------------------------------------------------

# A "see also"-like cue that opens a line: what sets an inserted teaser apart from the article.
_CUE = regex.compile(
    r"(?:see also|read also|also read|read more|more on this(?: story)?|related(?: (?:posts?|articles?|stories|news"
    r"|content|coverage|reading))?|you (?:may|might) also (?:like|enjoy|be interested in)|recommended(?: for you)?"
    r"|don['’]t miss|further reading|más información|lea también|ver también|leia também|veja também"
    r"|lesen sie auch|siehe auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|leggi anche|vedi anche"
    r"|читайте также|см\. также|смотрите также)(?=$|[\s:›»→|…\-–—])",
    _FLAGS,
)
_CUE_TAIL = regex.compile(r"[\s:›»→|…\-–—]*")
_CONTENT = regex.compile(r"\p{L}[\p{L}\p{M}]{2,}")
# The fewest content words the rest of the article needs for a topic comparison to mean anything.
_MIN_CONTEXT = 12


@register
class OffTopicInsert(Detector):
    """A teaser for another article inserted after a "See also" cue, with nothing in common with this one.

    What it flags:
        A paragraph that opens with a "see also"-like cue ("See also", "Read also", "Related",
        "You may also like", "Lea también", "Lesen Sie auch", "Читайте также"...) and whose
        text shares almost no content words with the rest of the article (at most one in ten,
        ``max-shared-share``); or,
        when the cue stands alone on its line (B101 flags that line), the paragraph right
        after it, on the same condition. Content words are words of three letters or more
        that are not function words and not very frequent (Zipf frequency below
        ``common-zipf``), compared by their first six letters ("developed" and "development"
        are one word). The cue makes the rule precise; the topic test keeps it off a real
        cross-reference.

    Why it matters:
        News sites put teasers of unrelated stories between paragraphs. A scraper keeps them,
        the translation carries them, and the article suddenly talks about cochlear implants
        in Cuba. It is an addition (MQM Accuracy/Addition) no editor would let through.

    Example:
        "...Blinken said.\\n\\nSee also Cuba successfully developed the National Cochlear Implant
        Program for 25 years.\\n\\nThe US Secretary of State..." -> the teaser paragraph is deleted

    Leaves alone:
        A cross-reference that shares words with the article ("See also the report by the UN
        on the ceasefire, published on Friday." in a story about the UN and the ceasefire); a
        line that B101 already flags as page furniture (a short "See also ... › Cuba ›
        Granma" link line); a paragraph of fewer than ``min-words`` content words; an article
        with fewer than 12 content words besides the paragraph (too little to compare with);
        any paragraph without a cue, however unrelated (the cue is the evidence).

    Fix safety:
        UNSAFE: the paragraph is deleted with its line break (and the cue line before it, when
        the cue stands alone). Deleting text is never typographic, so a person confirms it;
        with the paragraph gone the rule is silent.

    Settings:
        ``max-shared-share`` (float, default 0.1): the paragraph may share at most this share
        of its content words with the article, rounded down (none for fewer than ten).
        ``min-words`` (int, default 4). ``common-zipf`` (float, default 5.5). Calibrated on
        clean news: a paragraph of one story put after a cue in another is flagged in 1,835 of
        the 2,366 pairs (78 %); a paragraph of the story itself (an on-topic cross-reference)
        in 3 of 182 (1.6 %).

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py. Seed article: 0 flags (its "See also"
        line is a short link line, flagged by B101). MQM TED zh-en (5,387 distinct target
        segments, and the 75 talks as documents): 0 flags, so 0.00 per 1,000 of the 38,067
        No-error words. Clean news (14 files, 4,346 words): 0 flags. Synthetic offtopic (65
        injections in clean news of a teaser for an unrelated story, after "See also"-like cues
        on its line or on a line of their own): recall 1.00, and SAFE+UNSAFE fixes (B101 and
        B102 together) give back the original in 65 of 65 texts.
    """

    code = "B102"
    name = "off-topic-insert"
    summary = "A paragraph after a 'See also' cue with nothing in common with the article"
    severity = Severity.WARNING
    category = "boilerplate"
    mqm = "Accuracy/Addition"
    scope = Scope.DOCUMENT
    fixable = True
    stability = Stability.STABLE

    @dataclass(frozen=True)
    class Settings:
        max_shared_share: float = 0.1
        min_words: int = 4
        common_zipf: float = 5.5

        def __post_init__(self) -> None:
            if not 0.0 <= self.max_shared_share < 1.0:
                raise SettingsError(f"max-shared-share must be in [0, 1), got {self.max_shared_share}")
            if self.min_words < 1:
                raise SettingsError(f"min-words must be at least 1, got {self.min_words}")

    def check(self, unit: Document, ctx: Context) -> Iterator[Issue]:
        settings = ctx.settings if isinstance(ctx.settings, self.Settings) else self.Settings()
        segments = unit.segments
        cues = [i for i, seg in enumerate(segments) if _CUE.match(_normalise(seg.text))]
        if not cues:
            return
        for i in cues:
            body, target = _teaser(segments, i)
            if target is None:
                continue
            others = [seg.text for j, seg in enumerate(segments) if j != target and j not in cues]
            verdict = _off_topic(body, others, unit.language, settings)
            if verdict is None:
                continue
            seg = segments[target]
            text = seg.text
            start = len(text) - len(text.lstrip())
            span = segment_span(seg, start, len(text.rstrip()))
            if target == i:
                deletion = _deletion(unit.text, span)
            else:  # the cue line goes too: B101's fix for it alone would orphan the teaser
                cue = segments[i]
                deletion = _deletion_from(unit.text, cue.span.start + len(cue.text) - len(cue.text.lstrip()), span)
            fix = Fix.replace(deletion, "", Applicability.UNSAFE, "Delete the off-topic paragraph")
            shown = body if len(body) <= 50 else body[:47] + "..."
            message = (
                f"{shown!r} follows a 'see also' cue and shares {verdict} content word(s) with the article: "
                "a teaser for another story?"
            )
            yield self.issue(ctx, span, message, segment=seg, fix=fix, data={"shared": verdict})


def _deletion_from(text: str, start: int, span: Span) -> Span:
    """Deleting a cue line and the teaser after it: from the end of the text before the cue.

    Starting before the cue, this fix is applied ahead of B101's for the cue line alone (fixes
    are taken left to right), so the two are never split. Where nothing precedes the cue, the
    blank lines after the teaser go instead.
    """
    before = start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before > 0:
        return Span(before, span.end)
    return Span(0, _deletion(text, span).end)


def _teaser(segments: tuple[Segment, ...], i: int) -> tuple[str, int | None]:
    """The teaser a cue introduces: (its text, the index of the segment that holds it), or (.., None)."""
    line = _normalise(segments[i].text)
    cue = _CUE.match(line)
    rest = line[_CUE_TAIL.match(line, cue.end()).end() :] if cue else ""
    if rest:
        if _kind(segments[i].text.strip()) is not None:
            return rest, None  # a link line: B101's
        return rest, i
    if i + 1 >= len(segments):
        return "", None
    nxt = segments[i + 1].text.strip()
    if _kind(nxt) is not None or _CUE.match(_normalise(nxt)):
        return nxt, None
    return nxt, i + 1


def _off_topic(body: str, others: list[str], language: str, settings: OffTopicInsert.Settings) -> int | None:
    """How many content words the teaser shares with the rest, when few enough to call it off-topic."""
    mine = _content_words(body, language, settings.common_zipf)
    if len(mine) < settings.min_words:
        return None
    theirs = _content_words("\n".join(others), language, settings.common_zipf)
    if len(theirs) < _MIN_CONTEXT:
        return None
    shared = len(mine & theirs)
    return shared if shared <= int(settings.max_shared_share * len(mine)) else None


def _content_words(text: str, language: str, common_zipf: float) -> frozenset[str]:
    """Six-letter stems of the words that carry a text's topic (no function words, no very common words)."""
    lang = (language or "en").split("-")[0].lower()
    stops = function_words()
    out = set()
    for m in _CONTENT.finditer(text):
        word = m.group().lower()
        if word in stops or zipf(word, lang) >= common_zipf:
            continue
        out.add(word[:6])
    return frozenset(out)
