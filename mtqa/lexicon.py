"""Word lists: data, not code.

Shipped defaults live in ``mtqa/resources`` as plain text (one entry a line, ``#``
comments), each with its source in its header. A newsroom extends them through
configuration (``accept``); nothing here reads the network or the user's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import wordfreq


@cache
def resource_lines(name: str) -> tuple[str, ...]:
    """The entries of a shipped word list: stripped lines, without blanks and ``#`` comments."""
    text = files("mtqa.resources").joinpath(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Lexicon:
    """The word lists a run uses: shipped defaults plus the project's additions."""

    accept: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def default(cls, extra_accept: tuple[str, ...] = ()) -> Lexicon:
        return cls(accept=frozenset(resource_lines("accept.txt")) | frozenset(extra_accept))

    @property
    def accept_lower(self) -> frozenset[str]:
        return _lowered(self.accept)

    def is_accepted(self, token: str) -> bool:
        """True for a term whose casing is correct as written (McDonald, iPhone...)."""
        return token in self.accept or token.lower() in self.accept_lower


@cache
def _lowered(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@cache
def function_words() -> frozenset[str]:
    """Closed-class words: never a name when capitalised mid-sentence."""
    return frozenset(resource_lines("function-words.txt"))


@cache
def common_lowercase() -> frozenset[str]:
    """Common words that are not names (SCOWL lists them only in lower case)."""
    return frozenset(resource_lines("common-lowercase.txt"))


@cache
def house_capitals() -> frozenset[str]:
    """Nouns news style capitalises on purpose (the Minister, the Government)."""
    return frozenset(resource_lines("house-capitals.txt"))


@cache
def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency, cached: the detectors ask for the same words again and again."""
    return wordfreq.zipf_frequency(word, language)


@cache
def titles() -> frozenset[str]:
    """Titles and honorifics (Mr, President, midfielder): never half of a person's name."""
    return frozenset(resource_lines("titles.txt"))
