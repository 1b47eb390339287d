"""Language packs: what the rules must know about a target language, kept as data.

Each pack is ``mtqa/resources/languages/<code>.toml``: the language's closed-class words
(written in lower case inside a sentence), its quotation-mark pairs, whether it capitalises
its nouns (German), the marks its typography puts a space before (French), whether a
question opens with an inverted mark (Spanish). Rules read a pack instead of hard-coding
one language's habits, so a new language is a new file, not new code.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from mtqa.lexicon import resource_lines

#: The languages mtqa ships a pack for.
PACKED: tuple[str, ...] = ("en", "de", "fr", "es")


@dataclass(frozen=True)
class LanguagePack:
    """One target language's conventions, as the rules consult them."""

    code: str
    name: str
    closed_class: frozenset[str]
    quote_pairs: tuple[tuple[str, str], ...] = ()
    nouns_capitalised: bool = False
    #: Marks that take a space (in print, a no-break one) before them: French ``; : ? ! »``.
    space_before: str = ""
    #: Whether questions and exclamations open with ``¿`` and ``¡`` (Spanish).
    inverted_marks: bool = False
    #: The pack's tables, by name (``[capitals]``, ``[furniture]``...): the data of one family
    #: of rules, which reads it with ``section``.
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)

    def section(self, name: str) -> Mapping[str, Any]:
        """The table ``[name]`` of the pack's file (empty when it has none)."""
        return self.sections.get(name, {})

    def words(self, name: str, key: str) -> frozenset[str]:
        """A word list of a table (``words("capitals", "lower-after-comma")``), empty when absent."""
        return frozenset(self.section(name).get(key, ()))


def base_code(code: str | None) -> str:
    """'de-DE' -> 'de', 'pt_BR' -> 'pt': packs are per language, not per region."""
    return (code or "").strip().lower().replace("_", "-").split("-", 1)[0]


def _data(name: str) -> dict:
    return tomllib.loads(files("mtqa.resources").joinpath("languages", name).read_text(encoding="utf-8"))


@cache
def language_pack(code: str | None) -> LanguagePack | None:
    """The pack of ``code`` (any region: 'de-AT' gives German), None when mtqa has none."""
    lang = base_code(code)
    if lang not in PACKED:
        return None
    data = _data(f"{lang}.toml")
    words = data.get("closed-class") or resource_lines(data["closed-class-file"])
    return LanguagePack(
        code=lang,
        name=data["name"],
        closed_class=frozenset(w.lower() for w in words),
        quote_pairs=tuple((p[0], p[1]) for p in data.get("quote-pairs", ())),
        nouns_capitalised=bool(data.get("nouns-capitalised", False)),
        space_before=data.get("space-before", ""),
        inverted_marks=bool(data.get("inverted-marks", False)),
        sections={k: v for k, v in data.items() if isinstance(v, dict)},
    )


@cache
def identification_words() -> dict[str, frozenset[str]]:
    """Closed-class words per language, packs and the identification-only lists together:
    what ``mtqa.language_id`` counts to tell the languages apart."""
    words = {code: pack.closed_class for code in PACKED if (pack := language_pack(code)) is not None}
    for code, entry in _data("identification.toml").items():
        words[code] = frozenset(entry["closed-class"])
    return words
