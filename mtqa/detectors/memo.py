"""A per-document cache for the analyses that several rules share (quotes, capitals, code lines).

Several rules ask for the same analysis of the same document in turn (C101 and C102 share
one pass over the capitals, P201 and P301 one matching of the quotes). ``functools.lru_cache``
keyed on the segments tuple hashes and compares every Segment of the document on every call,
which cost more than some of the analyses it saved. The engine hands every rule the same
``Document.segments`` tuple, so its identity is the key here: the cache holds a reference to
the tuple, so the identity cannot be reused while the entry lives, and an equal tuple that is
another object (a re-built document) is simply analysed again.
"""

from __future__ import annotations

import functools
import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import regex

R = TypeVar("R")


def per_document(maxsize: int = 8) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Cache ``func(segments, *args)`` on the identity of ``segments`` and the other (hashable) args."""

    def decorate(func: Callable[..., R]) -> Callable[..., R]:
        entries: OrderedDict[tuple[int, tuple[Any, ...]], tuple[Any, R]] = OrderedDict()
        lock = threading.Lock()
        # The latest entry, read without the lock (one tuple, replaced whole): the rules of a
        # document ask in turn, so nearly every call is answered here.
        latest: list[tuple[Any, tuple[Any, ...], R] | None] = [None]

        @functools.wraps(func)
        def cached(segments: Any, *args: Any) -> R:
            last = latest[0]
            if last is not None and last[0] is segments and last[1] == args:
                return last[2]
            key = (id(segments), args)
            with lock:
                hit = entries.get(key)
                if hit is not None and hit[0] is segments:
                    entries.move_to_end(key)
                    latest[0] = (segments, args, hit[1])
                    return hit[1]
            result = func(segments, *args)
            with lock:
                entries[key] = (segments, result)
                entries.move_to_end(key)
                while len(entries) > maxsize:
                    entries.popitem(last=False)
                latest[0] = (segments, args, result)
            return result

        return cached

    return decorate


def per_text(max_chars: int) -> Callable[[Callable[[str], R]], Callable[[str], R]]:
    """Cache ``func(text)`` on the text, least recently used first out, holding at most
    ``max_chars`` characters of text in all (a text longer than that is not kept).

    For an analysis that a run needs in both of its passes: a corpus rule's ``collect`` reads
    every document of a batch before any is checked, and a document rule then asks for the
    same analysis again (N102 and N101 each want a document's capitalised words). A cache of a
    few entries is empty again by then; one bounded by the size of what it holds keeps a
    feed of that size whole, and stays flat in memory on any larger one."""

    def decorate(func: Callable[[str], R]) -> Callable[[str], R]:
        entries: OrderedDict[str, R] = OrderedDict()
        held = [0]
        lock = threading.Lock()

        @functools.wraps(func)
        def cached(text: str) -> R:
            with lock:
                try:
                    result = entries[text]
                except KeyError:
                    pass
                else:
                    entries.move_to_end(text)
                    return result
            result = func(text)
            if len(text) <= max_chars:
                with lock:
                    if text not in entries:
                        entries[text] = result
                        held[0] += len(text)
                        while held[0] > max_chars:
                            old, _ = entries.popitem(last=False)
                            held[0] -= len(old)
            return result

        def cache_clear() -> None:
            with lock:
                entries.clear()
                held[0] = 0

        cached.cache_clear = cache_clear  # type: ignore[attr-defined]
        return cached

    return decorate


# --------------------------------------------------------------------------------------------
# Finding the few segments a rule must look at, with one pass over the document
# --------------------------------------------------------------------------------------------

#: Each ASCII character's class: "a" for a lower-case letter, "A" for a capital, "0" for a digit;
#: every other ASCII character stands for itself. See ``ascii_shape``.
SHAPE = bytes(
    ord("a") if 97 <= c <= 122 else ord("A") if 65 <= c <= 90 else ord("0") if 48 <= c <= 57 else c for c in range(256)
)


def shape_table(classes: dict[str, str], other: str = "") -> bytes:
    """A byte table for ``ascii_shape``: ``{"chars": "c"}`` maps each of the ASCII ``chars`` to
    ``c``; every other byte stands for itself, or for ``other`` when given."""
    table = bytearray(range(256)) if not other else bytearray(ord(other) for _ in range(256))
    for chars, cls in classes.items():
        for ch in chars:
            table[ord(ch)] = ord(cls)
    return bytes(table)


@functools.lru_cache(maxsize=32)
def ascii_shape(text: str, table: bytes = SHAPE) -> bytes:
    """``text`` as one byte a character, each mapped through ``table`` (by default, each letter or
    digit turned into its class: "Kyiv, 2024." -> b"Aaaa, 0000."): a rule finds the few places
    where a mark may be ("aA", two capitals glued; "0:0", a time) with C-level ``bytes.find``
    over the whole document instead of a pattern run on every paragraph. A character outside
    ASCII reads as "?" before the table maps it (one byte, so offsets stay those of the text):
    a shape says something only about ASCII text, unless the table makes "?" stand for whatever
    the rule's mark may hold outside ASCII. Keyed on the text: the rules of one document share
    the shapes."""
    return text.encode("ascii", "replace").translate(table)


@per_document()
def _layout(segments: tuple[Any, ...], text: str, trusted: bool) -> tuple[int, ...] | None:
    """The segments' start offsets in ``text``, or None when some segment is not the slice of the
    text its span names, or the spans are out of order (then no offset can name a segment)."""
    starts = tuple(seg.span.start for seg in segments)
    if trusted:
        return starts  # a paragraph document: its segments were cut from its text
    end = 0
    for seg in segments:
        if seg.span.start < end or not text.startswith(seg.text, seg.span.start):
            return None
        end = seg.span.end
    return starts


@per_document()
def _non_ascii(segments: tuple[Any, ...]) -> tuple[int, ...]:
    """The positions of the segments that hold a character outside ASCII."""
    return tuple(i for i, seg in enumerate(segments) if not seg.text.isascii())


#: Marks outside ASCII that English text is full of (curly quotes, dashes, the ellipsis, a few
#: symbols): none is a letter, a digit, a combining mark or a space, and none is in the range of
#: a mojibake lead (U+00C2-U+00F4). A segment whose only characters outside ASCII are these has
#: its letters, digits and spaces in ASCII, where ``ascii_shape`` says all about them.
PLAIN_MARKS = "‘’‚“”„«»‹›–—―…•·°€£©®™−"
_BEYOND_MARKS = regex.compile("[^\x00-\x7f" + regex.escape(PLAIN_MARKS) + "]")


@per_document()
def _beyond_marks(segments: tuple[Any, ...]) -> tuple[int, ...]:
    """The positions of the segments with a character outside ASCII that is not in ``PLAIN_MARKS``."""
    search = _BEYOND_MARKS.search
    return tuple(i for i in _non_ascii(segments) if search(segments[i].text))


def segments_with(
    document: Any,
    needles: tuple[str, ...] = (),
    *,
    shape: tuple[bytes, ...] = (),
    table: bytes = SHAPE,
    patterns: tuple[Any, ...] = (),
    offsets: Iterable[int] = (),
    non_ascii: bool = False,
    beyond_marks: bool = False,
) -> list[Any] | None:
    """What ``Detector.candidates`` returns for a rule whose issues all need a mark that few
    segments hold: the segments of ``document`` whose text holds one of ``needles``, whose
    ``ascii_shape(text, table)`` holds one of the ``shape`` needles, or where one of
    ``patterns`` (compiled) matches, that hold one of the text ``offsets`` (found by the rule
    itself), and with ``non_ascii`` every segment that has a character outside ASCII (where a
    shape may say nothing), or with ``beyond_marks`` only those with a character outside ASCII
    that is not one of ``PLAIN_MARKS`` (for a rule whose marks are letters, digits and ASCII
    punctuation, and whose shape needles let "?", a character outside ASCII, stand for any of
    ``PLAIN_MARKS`` it cares about). Once each, in document order. A few C-level
    searches over the whole document, at most one a segment and needle (a search goes on after
    the segment of its find).

    The document's text is searched, not each segment's: whatever a segment holds must be
    found at its place in the document, so a pattern must not need the start or the end of
    the string (``^``, ``$``, a lookahead that fails on a line break), and a needle must hold
    no line break. None (check every segment) when the segments' spans do not index the
    document's text, or when every segment is taken anyway."""
    segments = document.segments
    text = document.text
    starts = _layout(segments, text, document.paragraphs)
    if starts is None:
        return None
    picked: set[int] = set()
    if (non_ascii or beyond_marks) and not text.isascii():
        others = _non_ascii(segments) if non_ascii else _beyond_marks(segments)
        if len(others) == len(segments):
            return None
        picked.update(others)
    if shape:
        shaped = ascii_shape(text, table)
        for needle in shape:
            _pick(shaped.find, needle, starts, segments, picked)
    for needle in needles:
        _pick(text.find, needle, starts, segments, picked)
    for pattern in patterns:
        _pick(_searcher(pattern, text), None, starts, segments, picked)
    for offset in offsets:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < segments[k].span.end:
            picked.add(k)
    return [segments[i] for i in sorted(picked)]


def _searcher(pattern: Any, text: str) -> Callable[[None, int], int]:
    search = pattern.search

    def find(_: None, pos: int) -> int:
        m = search(text, pos)
        return -1 if m is None else m.start()

    return find


def _pick(
    find: Callable[[Any, int], int], needle: Any, starts: tuple[int, ...], segments: Any, picked: set[int]
) -> None:
    """Add to ``picked`` the position of each segment where ``find(needle, pos)`` finds something."""
    i = find(needle, 0)
    while i != -1:
        k = bisect_right(starts, i) - 1
        if k >= 0 and i < segments[k].span.end:
            picked.add(k)
            i = find(needle, segments[k].span.end)
        else:
            i = find(needle, i + 1)  # before the first segment or between two (a blank line)
