"""The language a document is written in, when neither the configuration nor the file says.

Why not langdetect alone: loading its profiles costs about half a second, and a run of
English documents (the common case) would pay it for nothing. Counting closed-class words
("the", "der", "le", "el") is a set lookup per word and, on a paragraph or more, separates
the languages mtqa has packs for by a wide margin; langdetect is asked only when that count
is not clear, and the default stands when the text is too short to tell.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from mtqa.languages import base_code, identification_words

#: Language codes that mean "find it from the text".
AUTO = frozenset({"", "auto", "und", "mul", "zxx"})
_MIN_WORDS = 8
_MIN_SHARE = 0.12
_MARGIN = 1.5
_SAMPLE = 20_000
_DROP = str.maketrans({c: " " for c in '"“”‘’«»‹›„‚()[]{}.,;:!?¿¡…—–-*/|#%&+=<>@\\^_`~0123456789'})


def is_auto(language: str | None) -> bool:
    """Whether ``language`` asks for detection ('auto', empty, or an 'undetermined' code)."""
    return (language or "").strip().lower() in AUTO


@lru_cache(maxsize=16)  # a fix loop asks again for the same text; a feed must not keep its texts alive
def detect_language(text: str, default: str = "en") -> str:
    """The base language code of ``text``: the language of most of its lines by their
    closed-class words, then langdetect on the whole, else ``default``.

    Lines vote, not words, so that a document half left in the source language (a long
    untranslated passage in a short story) is still taken for the language of its other
    half when that is the default: a tie goes to ``default``.
    """
    votes: Counter[str] = Counter()
    for line in text[:_SAMPLE].splitlines():
        lang = _closed_class_language(line)
        if lang:
            votes[lang] += 1
    if votes:
        ranked = votes.most_common()
        best, count = ranked[0]
        tied = [lang for lang, n in ranked if n == count]
        if len(tied) == 1:
            return best
        if default in tied:
            return default
    words = _words(text[:_SAMPLE])
    if len(words) < _MIN_WORDS:
        return default
    return _closed_class_language(words) or _langdetect(text[:5000]) or default


def _words(text: str) -> list[str]:
    return [w for w in (w.strip("'") for w in text.lower().translate(_DROP).split()) if w]


def _closed_class_language(text: str | list[str]) -> str:
    """The language whose closed-class words make a clear share of the words (of ``text``, or
    ``text`` itself when it is already split into words), or ''."""
    words = _words(text) if isinstance(text, str) else text
    if len(words) < _MIN_WORDS:
        return ""
    shares = sorted(
        ((sum(w in closed for w in words) / len(words), code) for code, closed in identification_words().items()),
        reverse=True,
    )
    (best, code), (second, _) = shares[0], shares[1]
    return code if best >= _MIN_SHARE and best >= _MARGIN * second else ""


def _langdetect(sample: str) -> str:
    """langdetect's guess when it is confident (p >= 0.8), else ''."""
    from mtqa.detectors.language import _langdetect as ranked

    langs = ranked(sample)
    return base_code(langs[0][0]) if langs and langs[0][1] >= 0.8 else ""
