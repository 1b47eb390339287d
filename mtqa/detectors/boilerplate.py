"""Scraped boilerplate rules (family B)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from mtqa.detectors.base import Context, Detector, SettingsError, segment_span
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import resource_lines
from mtqa.rules import register
from mtqa.span import Applicability, Fix, Span

_CATALOGUE = "boilerplate.txt"
_FLAGS = regex.IGNORECASE | regex.VERSION1
# Whitespace of any kind (no-break and zero-width spaces included) collapses to one space.
_SPACES = regex.compile(r"[\s\u200b\u2060\ufeff]+")
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
        Seed article: all 3 gold boilerplate spans found ("Leave a Reply" 2198-2211, the
        comment-form line 2213-2283, and "See also" 1835-1843 inside the flagged link line);
        0 of 5 seed negatives flagged. Clean news (14 WMT19 documents, 4,346 words): 0 flags,
        0 of the 21 traps flagged.
        MQM TED zh-en target segments (7,935 segments, 130,282 words): 0 flags in all, so 0 on
        the 4,297 segments every rater marked No-error (58,834 words; 0.0 per 1,000 words).
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
        if len(raw) > 2 * settings.max_length and "›" not in raw and "»" not in raw:
            return  # running prose: furniture is short (cheap exit before any normalising)
        body = _SPACES.sub(" ", raw).strip()
        body = _BULLET.sub("", body, count=1) if _BULLET.match(body) else body
        kind = None
        if len(body) <= settings.max_length:
            kind = _furniture(body, settings.extra_phrases)
        if kind is None and _is_breadcrumb(body):
            kind = "breadcrumb trail"
        if kind is None:
            return
        span = segment_span(unit, start, end)
        deletion = _deletion(ctx.document.text, span)
        fix = Fix.replace(deletion, "", Applicability.UNSAFE, "Delete the scraped line")
        shown = body if len(body) <= 50 else body[:47] + "..."
        message = f"{shown!r} looks like page furniture ({kind}), not article text"
        yield self.issue(ctx, span, message, segment=unit, fix=fix, data={"kind": kind})


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
def _phrases(extra: tuple[str, ...]) -> tuple[tuple[_Phrase, ...], regex.Pattern[str]]:
    """The catalogue plus the configured phrases, and one alternation of them all as a prefilter."""
    phrases = _catalogue() + tuple(_Phrase("configured phrase", regex.compile(p, _FLAGS)) for p in extra)
    prefilter = regex.compile("|".join(f"(?:{p.pattern.pattern})" for p in phrases), _FLAGS)
    return phrases, prefilter


def _furniture(body: str, extra: tuple[str, ...]) -> str | None:
    """The group of the phrase that opens ``body`` when it is a run of catalogue phrases, else None.

    A left-to-right chart over positions: from each reachable position every phrase is tried
    once, anchored, so the cost is linear in the length times the number of phrases and no
    input can make it backtrack through combinations.
    """
    phrases, prefilter = _phrases(extra)
    if not prefilter.match(body):
        return None
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
