"""What the S rules compare between a source and its target: numbers, URLs and e-mail
addresses, placeholders and tags, each found with its span and normalised so that the
legitimate rewrites of a translation compare equal.

Kept apart from the rules (``mtqa.detectors.source``) because it is text analysis with no
rule logic: a number's possible values under every locale's separators, a time's 12- and
24-hour readings, whether a quantity is in imperial or metric units, and whether the other
side spells the number out (``mtqa/resources/number-words.toml``). Every pattern is linear:
each starts at a token boundary that a look-behind pins, and no quantified group nests another.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import regex

from mtqa.span import Span

# --------------------------------------------------------------------------------------------
# URLs, e-mail addresses, placeholders, tags
# --------------------------------------------------------------------------------------------

_URL = regex.compile(r"""(?<![\w/@.-])(?:(?:https?|ftp)://|www\.)[^\s<>"'“”‘’«»„‚‹›]+""", regex.I)
_EMAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL_TRAIL = ".,;:!?'\"»”’)]}"
#: printf (``%s %d %1$s %-5.2f %(name)s``), ``{0}`` ``{name}`` ``{0:.2f}``, ``{{var}}``, ``${var}``.
#: A bare ``%`` after a digit or before a space is a percent sign ("50 % des", "50%"), never a
#: placeholder, which is why printf flags exclude the space and a digit may not precede it.
_PLACEHOLDER = regex.compile(
    r"""
    %\(\w{1,40}\)[-+\#0]?\d{0,3}(?:\.\d{1,3})?[sdifuxXeEgGcr]
  | (?<![\p{N}%])%(?:\d{1,2}\$)?[-+\#0]?\d{0,3}(?:\.\d{1,3})?(?:ll|l|hh|h|z)?[sdifuxXeEgGcpo@](?![\p{L}\p{N}])
  | \$\{[^{}\s]{1,80}\}
  | \{\{[^{}]{1,80}\}\}
  | \{(?:\d{1,3}|[\p{L}_][\w.]{0,60})(?:[,:][^{}]{0,60})?\}
    """,
    regex.X,
)
#: A tag written in the text: ``<b>``, ``</b>``, ``<br/>``, ``<a href="...">``.
_TAG = regex.compile(r"</?([A-Za-z][\w:.-]{0,40})(?:\s[^<>]{0,500})?/?>")


@dataclass(frozen=True)
class Token:
    """A URL, address, placeholder or tag: where it is in its text and how it compares."""

    span: Span
    text: str
    key: str


def urls(text: str) -> list[Token]:
    """The URLs and e-mail addresses of ``text``, trailing sentence punctuation left out."""
    found: list[Token] = []
    for m in _URL.finditer(text):
        value = m.group()
        while value and value[-1] in _URL_TRAIL and not (value[-1] == ")" and "(" in value):
            value = value[:-1]
        if len(value) > 4:
            found.append(Token(Span(m.start(), m.start() + len(value)), value, value))
    taken = [t.span for t in found]
    for m in _EMAIL.finditer(text):
        span = Span(m.start(), m.end())
        if not any(span.overlaps(s) for s in taken):
            found.append(Token(span, m.group(), m.group().lower()))
    return sorted(found, key=lambda t: t.span)


def placeholders(text: str) -> list[Token]:
    """Placeholders and tags written in ``text``; a tag compares by its name and whether it closes
    (its attributes may be translated: ``alt``, ``title``)."""
    found = [Token(Span(m.start(), m.end()), m.group(), m.group()) for m in _PLACEHOLDER.finditer(text)]
    for m in _TAG.finditer(text):
        closing = "/" if m.group().startswith("</") else ""
        found.append(Token(Span(m.start(), m.end()), m.group(), f"<{closing}{m.group(1).lower()}>"))
    return sorted(found, key=lambda t: t.span)


def masked(text: str, spans: Iterable[Span]) -> str:
    """``text`` with ``spans`` blanked out by a non-digit, non-letter, non-space character."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = "\x1f" * (span.end - span.start)
    return "".join(chars)


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_GROUP_SEPARATORS = ",. \u00a0\u202f\u2009'’"
#: A number: grouped thousands ("1,000.5", "1.000,5", "1 000,5" with a (thin) no-break space)
#: or digits with an optional decimal part. Never glued to a letter on its left ("WW1", "A4",
#: "G7" are names, not quantities); ordinal and unit suffixes may follow ("1st", "2pm", "5km").
#: Letters of scripts that put spaces between words: a digit glued to one is part of a name.
#: (Chinese and Japanese glue every number to the characters around it: "有25万种".)
_SPACED_LETTER = r"\p{Latin}\p{Greek}\p{Cyrillic}\p{Armenian}\p{Georgian}\p{Arabic}\p{Hebrew}"
_NUMBER = regex.compile(
    rf"(?<![{_SPACED_LETTER}\p{{N}}_\x1f]|\p{{N}}[.,])"
    r"(?:\d{1,3}(?:[,.\u00a0\u202f\u2009'’ ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?!\p{N})"
)
#: A clock time: "02:30", "7.55am", "07h55", "19 h 00", "14.00 Uhr"; the hour and the minutes
#: are compared as two numbers, and ":00" minutes are optional ("2pm" = "14:00 Uhr").
_TIME = regex.compile(
    rf"(?<![{_SPACED_LETTER}\p{{N}}_.,:\x1f])(\d{{1,2}})"
    r"(?::(\d{2})|\s?h\s?(\d{2})|\.(\d{2})(?=\s?(?:[ap]\.?\s?m\b|Uhr\b)))(?![\p{N}:])",
    regex.I,
)
#: A numeric date: "12/05/2019", "05.12.2019", "2019-05-12" (the same separator twice): its day,
#: month and year are compared as three numbers, so that any order and separator compare equal.
_DATE = regex.compile(
    rf"(?<![{_SPACED_LETTER}\p{{N}}_.,/:\x1f-])(\d{{1,4}})([./-])(\d{{1,2}})\2(\d{{1,4}})(?![\p{{N}}]|[.,/-]\p{{N}})"
)
_AMPM = regex.compile(r"\s?([ap])\.?\s?m\b\.?", regex.I)
_AFTER_WORD = regex.compile(r"[\s\-\u00a0\u202f]{0,2}(°?[\p{L}/]{1,20})")
_IMPERIAL = frozenset(
    ("mile", "miles", "mi", "mph", "pound", "pounds", "lb", "lbs", "inch", "inches", "foot", "feet", "ft",
     "yard", "yards", "yd", "ounce", "ounces", "oz", "gallon", "gallons", "acre", "acres", "fahrenheit",
     "°f", "degree", "degrees", "stone", "stones")
)  # fmt: skip
_IMPERIAL_WORD = regex.compile(
    r"\b(?:miles?|mph|pounds?|lbs?|inch(?:es)?|foot|feet|ft|yards?|ounces?|oz|gallons?|acres?|fahrenheit|degrees?)\b|°F",
    regex.I,
)
#: "6-foot-6", "5 feet 10": the number after an imperial unit is part of the same quantity.
_IMPERIAL_BEFORE = regex.compile(r"(?:foot|feet|ft)\.?[\s-]$", regex.I)
_METRIC_EXACT = frozenset(("km", "km/h", "kg", "cm", "mm", "m", "g", "l", "ha", "°c", "°", "kmh"))
_METRIC_PREFIX = ("kilo", "zentim", "centim", "millim", "meter", "metre", "metro", "gram", "liter", "litre",
                  "litro", "hekt", "hect", "grad", "degre", "celsius")  # fmt: skip
_METRIC_WORD = regex.compile(
    r"\b(?:km|kg|cm|mm|kilo\w*|\w*(?:meter|metre|mètre|metro)s?|zentimeter\w*|gramm?\w*|grad|grados?|"
    r"degrés?|celsius|hektar|hectáreas?|hectares?|lit(?:er|re|ro)s?)\b|°C",
    regex.I,
)
#: Words of magnitude after a number: "£2.8bn" = "2,8 Milliarden" = "2800 millones"
#: ("2.800 millones": Spanish counts billions in thousands of millions).
_MAGNITUDES = {
    **dict.fromkeys(("billion", "billions", "bn", "milliarde", "milliarden", "milliard", "milliards", "mrd"), 1e9),
    **dict.fromkeys(("million", "millions", "millionen", "millones", "millón", "mio", "mn", "m"), 1e6),
    **dict.fromkeys(("thousand", "tausend", "mil", "mille"), 1e3),
}
#: Chinese and Japanese numerals: "三" (3), "十四" (14), "两千" (2000), and "140亿" (14 billion)
#: after digits. A numeral notation, not a word list, so it lives here rather than in the TOML.
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}  # fmt: skip
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_CJK_RUN = regex.compile("[" + "".join([*_CJK_DIGITS, *_CJK_UNITS, *_CJK_BIG]) + "]+")
_CLOCK_WORDS = frozenset({"uhr", "h", "o'clock"})
_ROMAN = regex.compile(r"\b([IVXL]{1,6})(?:e|er|ère|ème|es|º|\.)?(?![\p{L}\p{N}])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
#: Digits glued to letters ("WW1", "G7"): not numbers, but what the other side may write apart.
_GLUED_DIGITS = regex.compile(rf"(?<=[{_SPACED_LETTER}])\d+")


@dataclass(frozen=True)
class Number:
    """A number of a text: its span, what it may stand for, and what kind of quantity it is.

    ``values`` holds every reading: "1,127" is 1127 or 1.127 (English or German separators),
    "3 p.m." is 3 or 15, "1980s" is 1980 or 80. Two numbers match when their readings meet.
    """

    span: Span
    text: str
    values: frozenset[float]
    imperial: bool = False
    metric: bool = False
    optional: bool = False  # ":00" minutes of a time: "2pm" may become "14:00"
    clock: bool = False  # the hour of a clock time ("3 p.m.", "15:00", "15 Uhr"): matched with hours first


def _readings(token: str) -> set[float]:
    """Every value ``token`` can have under the separators of English, German, French, Spanish."""
    values: set[float] = set()
    seps = [c for c in token if c in _GROUP_SEPARATORS]
    if not seps:
        return {float(int(token))}
    last = seps[-1]
    head, _, tail = token.rpartition(last)
    grouped = set(seps[:-1])
    # ``last`` as a decimal mark, unless it is followed by "000" (a thousands separator then)
    if last in ".," and last not in grouped and not (len(tail) == 3 and tail == "000"):
        plain = "".join(c for c in head if c.isdigit())
        values.add(float(f"{plain}.{tail}"))
    # every separator a group separator (only when the tail is a group of three)
    if len(tail) == 3 and len(set(seps)) == 1:
        digits = "".join(c for c in token if c.isdigit())
        values.add(float(digits))
    if not values:  # "1,000.5" and "1.000,5": groups of one kind, then the other as the mark
        plain = "".join(c for c in head if c.isdigit())
        values.add(float(f"{plain}.{tail}"))
    return values


def _unit_after(text: str, end: int) -> str:
    m = _AFTER_WORD.match(text, end)
    return fold(m.group(1)) if m else ""


def _is_metric(word: str) -> bool:
    return word in _METRIC_EXACT or word.startswith(_METRIC_PREFIX)


def numbers(text: str) -> list[Number]:
    """The numbers of ``text`` (blank out URLs and placeholders first, see ``masked``)."""
    found: list[Number] = []
    taken: list[Span] = []
    for m in _DATE.finditer(text):
        for group in (1, 3, 4):
            part = m.group(group)
            found.append(Number(Span(m.start(group), m.end(group)), part, frozenset({float(int(part))})))
        taken.append(Span(m.start(), m.end()))
    text = masked(text, taken)
    for m in _TIME.finditer(text):
        hour, minutes = m.group(1), next(g for g in m.groups()[1:] if g is not None)
        end = m.end()
        ampm = _AMPM.match(text, end)
        h_values = _hour_values(int(hour), ampm.group(1).lower() if ampm else None)
        minute_start = m.end() - 2
        found.append(Number(Span(m.start(), m.start() + len(hour)), hour, h_values, clock=True))
        found.append(
            Number(Span(minute_start, m.end()), minutes, frozenset({float(int(minutes))}), optional=minutes == "00")
        )
        taken.append(Span(m.start(), m.end()))
    rest = masked(text, taken)
    for m in _NUMBER.finditer(rest):
        token = m.group()
        values = _readings(token)
        ampm = _AMPM.match(rest, m.end())
        clock = False
        if ampm and token.isdigit() and int(token) <= 12:
            values = set(_hour_values(int(token), ampm.group(1).lower()))
            clock = True
        if token.isdigit() and rest.startswith("s", m.end()) and len(token) == 4 and token.endswith("0"):
            values.add(float(int(token[2:])))  # "1980s" = "los años 80"
        before = rest[max(0, m.start() - 5) : m.start()]
        if token.isdigit() and len(before) == 5 and before[:4].isdigit() and before[4] in "-/–":
            if len(token) == 2:  # "2017-18" = "2017-2018"
                values.add(float(int(before[:2] + token)))
            elif len(token) == 4:
                values.add(float(int(token[2:])))
        unit = _unit_after(rest, m.end())
        scale = _MAGNITUDES.get(unit) or _CJK_BIG.get(unit[:1]) or _CJK_UNITS.get(unit[:1])
        if scale is not None:
            values |= {round(v * f, 6) for v in values for f in (1e3, scale)}
        imperial = unit in _IMPERIAL or _IMPERIAL_BEFORE.search(rest, max(0, m.start() - 6), m.start()) is not None
        clock = clock or unit in _CLOCK_WORDS
        found.append(
            Number(Span(m.start(), m.end()), token, frozenset(values), imperial, _is_metric(unit), clock=clock)
        )
    return _ranges_share_units(rest, sorted(found, key=lambda n: n.span))


_RANGE = regex.compile(r"\s*(?:-|–|to|bis|à|a|y|and|und|et|or|oder|ou|o)\s*", regex.I)


def _ranges_share_units(text: str, found: list[Number]) -> list[Number]:
    """The first number of a range takes the unit of the second: "2 to 4 inches", "5 bis 10 cm"."""
    from dataclasses import replace

    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        first, second = out[i], out[i + 1]
        if (second.imperial or second.metric) and _RANGE.fullmatch(text, first.span.end, second.span.start):
            out[i] = replace(first, imperial=first.imperial or second.imperial, metric=first.metric or second.metric)
    return out


def _hour_values(hour: int, ampm: str | None) -> frozenset[float]:
    if ampm == "p" and hour < 12:
        return frozenset({float(hour), float(hour + 12)})
    if ampm == "a" and hour == 12:
        return frozenset({12.0, 0.0})
    return frozenset({float(hour)})


def has_imperial(text: str) -> bool:
    """Whether ``text`` speaks of an imperial quantity ("a mile", "550 pounds")."""
    return _IMPERIAL_WORD.search(text) is not None


def has_metric(text: str) -> bool:
    """Whether ``text`` speaks of a metric quantity ("fünf Meter", "27 °C")."""
    return _METRIC_WORD.search(text) is not None


def glued_digits(text: str) -> frozenset[str]:
    """Digit runs glued to a letter on their left ("WW1" -> "1"), which ``numbers`` leaves out."""
    return frozenset(m.group().lstrip("0") or "0" for m in _GLUED_DIGITS.finditer(text))


# --------------------------------------------------------------------------------------------
# Numbers written as words
# --------------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents: the form number words are compared in."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


_WORD = regex.compile(r"\p{L}+")


@cache
def _number_words() -> dict[str, dict[int, tuple[tuple[str, ...], ...]]]:
    """language -> value -> the word forms of that value (each a tuple of words)."""
    data = tomllib.loads(files("mtqa.resources").joinpath("number-words.toml").read_text(encoding="utf-8"))
    table: dict[str, dict[int, tuple[tuple[str, ...], ...]]] = {}
    for language, entry in data.items():
        forms: dict[int, list[str]] = {}
        for value, word in enumerate(entry["cardinal"]):
            forms.setdefault(value, []).append(word)
        for value, word in enumerate(entry["ordinal"], 1):
            forms.setdefault(value, []).append(word)
        units = entry["cardinal"][1:10]
        for i, tens in enumerate(entry["tens"]):
            value = 20 + 10 * i
            forms.setdefault(value, []).append(tens)
            for u, unit in enumerate(units, 1):
                forms.setdefault(value + u, []).append(entry["compound"].format(tens=tens, unit=unit))
        forms.setdefault(100, []).append(entry["hundred"])
        forms.setdefault(1000, []).append(entry["thousand"])
        forms.setdefault(12, []).append(entry["dozen"])
        for value, words in entry.get("aliases", {}).items():
            forms.setdefault(int(value), []).extend(words)
        table[language] = {v: tuple(tuple(_WORD.findall(fold(w))) for w in ws) for v, ws in forms.items()}
    return table


def _word_matches(form: str, word: str) -> bool:
    if len(form) <= 3:
        return word == form
    return word.startswith(form if len(form) == 4 else form[:-1])


def spelled_out(value: float, words: tuple[str, ...]) -> bool:
    """Whether ``words`` (``fold``-ed words of a text) spell out ``value`` in a listed language.

    Every language is tried, not only the document's: a declared language is often wrong
    (a file's default), and a word that spells a number in another language only excuses."""
    if value != int(value):
        return False
    for forms in _number_words().values():
        for form in forms.get(int(value), ()):
            n = len(form)
            for i in range(len(words) - n + 1):
                if all(_word_matches(f, w) for f, w in zip(form, words[i : i + n], strict=True)):
                    return True
    return False


def cjk_values(text: str) -> frozenset[float]:
    """The values of the Chinese numerals in ``text`` ("十四亿" -> 1.4e9, "三" -> 3)."""
    values = set()
    for m in _CJK_RUN.finditer(text):
        total = section = digit = 0.0
        for ch in m.group():
            if ch in _CJK_DIGITS:
                digit = _CJK_DIGITS[ch]
            elif ch in _CJK_UNITS:
                section += (digit or 1) * _CJK_UNITS[ch]
                digit = 0
            else:
                total += (section + digit or 1) * _CJK_BIG[ch]
                section = digit = 0
        values.add(total + section + digit)
    return frozenset(values)


def text_words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text)))


def roman_values(text: str) -> frozenset[int]:
    """The Roman numerals standing alone in ``text`` ("la I Guerra Mundial", "au XIXe siècle")."""
    values = set()
    for m in _ROMAN.finditer(text):
        total, prev = 0, 0
        for c in reversed(m.group(1)):
            v = _ROMAN_VALUES[c]
            total = total - v if v < prev else total + v
            prev = max(prev, v)
        values.add(total)
    return frozenset(values)
