"""Word lists: data, not code.

Shipped defaults live in ``mtqa/resources`` as plain text (one entry a line, ``#``
comments), each with its source in its header. A newsroom extends them through
configuration (``accept``, ``prefer``, ``reject``); nothing here reads the network or the
user's files.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib.resources import files
from typing import Any

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
    #: Preferred spellings (``prefer.toml`` with the configuration's ``[prefer]`` over it), one per variant.
    prefer: tuple[Preference, ...] = ()
    #: Terms the project bans outright (configuration ``reject``); N201 flags them.
    reject: tuple[str, ...] = ()

    @classmethod
    def default(
        cls,
        extra_accept: tuple[str, ...] = (),
        prefer: tuple[Preference, ...] = (),
        reject: tuple[str, ...] = (),
    ) -> Lexicon:
        return cls(
            accept=frozenset(resource_lines("accept.txt")) | frozenset(extra_accept),
            prefer=merge_preferences(shipped_preferences(), prefer),
            reject=tuple(reject),
        )

    def preferred(self, spelling: str) -> str | None:
        """The preferred spelling of a one-word variant ("Lugansk" -> "Luhansk"), or None."""
        return self._single_words.get(spelling)

    @cached_property
    def _single_words(self) -> dict[str, str]:
        return {p.variant: p.prefer for p in self.prefer if " " not in p.variant and " " not in p.prefer}

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


@lru_cache(maxsize=1 << 18)
def zipf(word: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency, cached: the detectors ask for the same words again and again.

    Bounded (262,144 words, about 40 MB at most), so that a long feed with an ever-growing
    vocabulary of names and typos is checked in flat memory.
    """
    return wordfreq.zipf_frequency(word, language)


@lru_cache(maxsize=1 << 16)
def zipf_common(word: str, language: str) -> float:
    """Zipf frequency from wordfreq's small list: 0 below Zipf 3 (one in a million words).

    For a guess about another language ("is every word of this label a common Spanish
    word?"), where only common words count: the small list loads in about 20 ms where the
    full one takes 150 ms or more, and a page with one foreign-looking line may try several.
    """
    return wordfreq.zipf_frequency(word, language, wordlist="small")


@cache
def titles() -> frozenset[str]:
    """Titles and honorifics (Mr, President, midfielder): never half of a person's name."""
    return frozenset(resource_lines("titles.txt"))


@dataclass(frozen=True)
class Preference:
    """One variant and the spelling to use instead, with the contexts where the variant stays.

    ``keep``: phrases in which the variant is right ("chicken Kiev"); ``requires``: words one of
    which the document must contain for the entry to apply (Odessa is Odesa only in a text about
    Ukraine); ``not_after_name``: the variant right after a capitalised name is a surname.
    """

    variant: str
    prefer: str
    source: str = ""
    keep: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    not_after_name: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "prefer": self.prefer,
            "except": list(self.keep),
            "requires": list(self.requires),
            "not-after-name": self.not_after_name,
        }


class PreferenceError(ValueError):
    """A ``prefer`` entry that cannot be used; the message names where it came from."""


_ENTRY_KEYS = frozenset({"prefer", "except", "requires", "not-after-name", "source"})


def _text_list(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PreferenceError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _entry_options(entry: Mapping[str, Any], where: str) -> dict[str, Any]:
    unknown = sorted(set(entry) - _ENTRY_KEYS - {"variants"})
    if unknown:
        raise PreferenceError(f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(_ENTRY_KEYS))})")
    prefer = entry.get("prefer")
    if not isinstance(prefer, str) or not prefer.strip():
        raise PreferenceError(f"{where}: 'prefer' must be a non-empty string")
    not_after = entry.get("not-after-name", False)
    if not isinstance(not_after, bool):
        raise PreferenceError(f"{where}: 'not-after-name' must be true or false")
    source = entry.get("source", "")
    if not isinstance(source, str):
        raise PreferenceError(f"{where}: 'source' must be a string")
    return {
        "prefer": prefer.strip(),
        "source": source,
        "keep": _text_list(entry.get("except", []), f"{where}: 'except'"),
        "requires": _text_list(entry.get("requires", []), f"{where}: 'requires'"),
        "not_after_name": not_after,
    }


def parse_preferences(table: Mapping[str, Any], where: str) -> tuple[Preference, ...]:
    """The configuration's ``[prefer]`` table: ``"Kiev" = "Kyiv"`` or ``"Odessa" = {prefer = ..., ...}``.

    A variant mapped to itself switches a shipped entry off. Errors name ``where`` and the key.
    """
    out = []
    for variant, value in table.items():
        key = f"{where}: [prefer] {variant!r}"
        if not variant.strip():
            raise PreferenceError(f"{where}: [prefer] has an empty variant")
        if isinstance(value, str):
            if not value.strip():
                raise PreferenceError(f"{key}: the preferred spelling is empty")
            out.append(Preference(variant.strip(), value.strip(), "configuration"))
        elif isinstance(value, Mapping):
            options = _entry_options(value, key)
            options["source"] = options["source"] or "configuration"
            out.append(Preference(variant.strip(), **options))
        else:
            raise PreferenceError(f"{key}: expected a string or a table, got {type(value).__name__}")
    return tuple(out)


@cache
def shipped_preferences() -> tuple[Preference, ...]:
    """The entries of ``mtqa/resources/prefer.toml``, one Preference per variant."""
    text = files("mtqa.resources").joinpath("prefer.toml").read_text(encoding="utf-8")
    out = []
    for n, entry in enumerate(tomllib.loads(text).get("spelling", [])):
        where = f"prefer.toml: spelling {n + 1}"
        options = _entry_options(entry, where)
        for variant in _text_list(entry.get("variants", []), f"{where}: 'variants'"):
            out.append(Preference(variant, **options))
    return tuple(out)


def merge_preferences(shipped: tuple[Preference, ...], overrides: tuple[Preference, ...]) -> tuple[Preference, ...]:
    """The shipped entries with the configuration's over them; a variant mapped to itself is dropped."""
    by_variant = {p.variant: p for p in shipped}
    for p in overrides:
        by_variant[p.variant] = p
    return tuple(p for p in by_variant.values() if p.prefer != p.variant)


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations whose full stop does not end a sentence ("approx.", "No.", "Wash."), lower-cased."""
    return frozenset(w.lower() for w in resource_lines("abbreviations.txt"))
