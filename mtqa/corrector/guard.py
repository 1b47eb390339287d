"""The guard: a model proposes, mtqa decides.

A proposal (a rewrite of one sentence) is kept only when all of these hold:

1. **Re-checked by mtqa** (the same rules, on the paragraph with the sentence replaced),
   it has no issue the original lacked, and fewer issues than the original. A free
   fluency rewrite (seq2seq or chat model) that fixes no rule issue but adds none is
   kept as a DISPLAY suggestion: shown, never applied. A proposal that fixes issues is
   an UNSAFE fix (``mtqa fix --unsafe-fixes``); nothing a model writes is ever SAFE.
2. It keeps every **number** and every **URL or e-mail address**, as many times as the
   original has them.
3. It keeps every **name**: the accept list's terms and the document's capitalised
   names (capitalised words the rules did not flag), and it introduces no capitalised
   word that is neither in the original sentence nor a known name ("Blinken" -> "Blinkin"
   is a renamed person and is rejected).
4. It stays in the document's **language** (langdetect, seeded; only for proposals of
   ``min_language_chars`` or more, and only when the original itself is detected as that
   language).
5. Its **edit ratio** (Levenshtein distance / length of the original) is at most
   ``max_edit_ratio`` and its **chrF** to the original (sacrebleu's sentence chrF) is at
   least ``min_chrf``.

Every failed check adds a reason to the verdict; a rejected proposal carries all of
them, so an editor (``--model-verbose``) or a program (the JSON report) can see why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import regex

from mtqa.issue import Issue
from mtqa.span import Applicability, Span

_NUMBER = regex.compile(r"\p{N}+(?:[.,:/]\p{N}+)*")
_URL = regex.compile(r"(?:https?://|www\.)[^\s<>\"“”]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", regex.IGNORECASE)
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*")


@dataclass(frozen=True)
class GuardSettings:
    """The guard's bounds; every one is configurable (``Corrector(guard=GuardSettings(...))``)."""

    #: Largest Levenshtein distance between original and proposal, as a share of the original's length.
    max_edit_ratio: float = 0.35
    #: Smallest chrF (sacrebleu sentence chrF, 0-100) of the proposal against the original.
    min_chrf: float = 55.0
    #: Proposals shorter than this are not language-checked (langdetect is unreliable on short text).
    min_language_chars: int = 40
    check_language: bool = True


@dataclass(frozen=True)
class Verdict:
    """What the guard decided about one proposal, and why."""

    accepted: bool
    applicability: Applicability | None
    reasons: tuple[str, ...] = ()
    issues_before: int = 0
    issues_after: int = 0
    fixed: tuple[str, ...] = ()
    edit_ratio: float = 0.0
    chrf: float = 100.0
    checks: dict[str, bool] = field(default_factory=dict)
    #: How the accepted rewrite relates to the rules' own fixes (set by the corrector).
    note: str = ""

    @property
    def label(self) -> str:
        return "accepted" if self.accepted else "rejected"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = self.label
        data["applicability"] = self.applicability.value if self.applicability else None
        data["reasons"] = list(self.reasons)
        data["fixed"] = list(self.fixed)
        data["edit_ratio"] = round(self.edit_ratio, 4)
        data["chrf"] = round(self.chrf, 2)
        return data


def numbers(text: str) -> Counter[str]:
    return Counter(_NUMBER.findall(text))


def urls(text: str) -> Counter[str]:
    return Counter(u.rstrip(".,;:!?)]}'’") for u in _URL.findall(text))


def capitalised(text: str) -> list[tuple[str, int]]:
    """Capitalised words with their offsets ("McDonald", "G7", "al-Moualem" as one word)."""
    return [(m.group(), m.start()) for m in _CAPITALISED.finditer(text)]


def document_names(
    text: str, sentence_starts: Iterable[int], flagged: Iterable[Span], accept: Iterable[str] = ()
) -> frozenset[str]:
    """The document's names: capitalised words not at a sentence start and not inside a flagged span.

    A capitalised word the rules flagged ("Because" after a comma, "BlinkenHe") is the
    artefact itself, not a name to protect; the accept list's terms are always names.
    """
    starts = frozenset(sentence_starts)
    spans = sorted(flagged)
    names = set(accept)
    for word, start in capitalised(text):
        if start in starts:
            continue
        end = start + len(word)
        if any(s.start < end and start < s.end for s in spans):
            continue
        names.add(word)
    return frozenset(names)


class Guard:
    """Reviews proposals with mtqa's own rules and the checks above.

    ``check(text)`` re-checks a piece of text (the paragraph holding the sentence) and
    returns its issues; the corrector passes the run's rules without the model.
    ``common`` is the set of lower-case common words: a capitalised sentence-initial
    word whose lower case is common ("The", "Because") is not treated as a name.
    """

    def __init__(
        self,
        check: Callable[[str], Sequence[Issue]],
        settings: GuardSettings | None = None,
        common: frozenset[str] = frozenset(),
    ) -> None:
        self.check = check
        self.settings = settings or GuardSettings()
        self.common = common
        self._cache: dict[str, tuple[Issue, ...]] = {}

    def issues(self, text: str) -> tuple[Issue, ...]:
        found = self._cache.get(text)
        if found is None:
            found = tuple(self.check(text))
            self._cache[text] = found
        return found

    def review(
        self,
        paragraph: str,
        sentence: Span,
        proposal: str,
        *,
        names: frozenset[str] = frozenset(),
        language: str = "en",
        fluency: bool = False,
    ) -> Verdict:
        """The verdict on replacing ``sentence`` (a span of ``paragraph``) by ``proposal``."""
        original = sentence.slice(paragraph)
        rewritten = paragraph[: sentence.start] + proposal + paragraph[sentence.end :]
        before, after = self.issues(paragraph), self.issues(rewritten)
        reasons: list[str] = []
        checks: dict[str, bool] = {}

        old, new = _keys(before), _keys(after)
        introduced = new - old
        checks["no_new_issues"] = not introduced
        for (code, text), n in sorted(introduced.items()):
            reasons.append(f"introduces {code} {text!r}" + (f" ({n} times)" if n > 1 else ""))
        fewer = len(after) < len(before)
        fixed = tuple(sorted({code for code, _ in (old - new)}))
        applicability: Applicability | None = Applicability.UNSAFE
        checks["fewer_issues"] = fewer
        if not fewer:
            if fluency:
                applicability = Applicability.DISPLAY
            else:
                reasons.append(f"fixes none of the {len(before)} issue(s) mtqa found")

        lost_numbers = numbers(original) - numbers(proposal)
        extra_numbers = numbers(proposal) - numbers(original)
        checks["numbers"] = not lost_numbers and not extra_numbers
        reasons += [f"drops or changes the number {n!r}" for n in sorted(lost_numbers)]
        reasons += [f"adds the number {n!r}" for n in sorted(extra_numbers)]

        lost_urls = urls(original) - urls(proposal)
        checks["urls"] = not lost_urls
        reasons += [f"drops or changes the address {u!r}" for u in sorted(lost_urls)]

        flagged = [
            Span(i.span.start - sentence.start, i.span.end - sentence.start)
            for i in before
            if i.span.start < sentence.end and sentence.start < i.span.end
        ]
        name_reasons = self._names(original, proposal, names, flagged)
        checks["names"] = not name_reasons
        reasons += name_reasons

        language_reason = self._language(original, proposal, language)
        checks["language"] = language_reason is None
        if language_reason:
            reasons.append(language_reason)

        ratio = edit_ratio(original, proposal)
        checks["edit_ratio"] = ratio <= self.settings.max_edit_ratio
        if not checks["edit_ratio"]:
            reasons.append(f"changes too much: edit ratio {ratio:.2f} > {self.settings.max_edit_ratio:.2f}")
        score = chrf(proposal, original)
        checks["chrf"] = score >= self.settings.min_chrf
        if not checks["chrf"]:
            reasons.append(f"too far from the original: chrF {score:.1f} < {self.settings.min_chrf:.1f}")

        accepted = not reasons
        return Verdict(
            accepted=accepted,
            applicability=applicability if accepted else None,
            reasons=tuple(reasons),
            issues_before=len(before),
            issues_after=len(after),
            fixed=fixed,
            edit_ratio=ratio,
            chrf=score,
            checks=checks,
        )

    def _names(self, original: str, proposal: str, names: frozenset[str], flagged: Sequence[Span]) -> list[str]:
        reasons = []
        orig_words = capitalised(original)
        prop_words = Counter(w for w, _ in capitalised(proposal))
        required: Counter[str] = Counter()
        inside: set[str] = set()  # names inside a flagged artefact: "Blinken" of "BlinkenHe"
        for word, start in orig_words:
            end = start + len(word)
            if any(s.start < end and start < s.end for s in flagged):
                inside.update(p for p in _GLUE.split(word) if len(p) > 2 and p.lower() not in self.common)
                continue  # the flagged artefact itself ("BlinkenHe", "Because" after a comma)
            at_start = start == 0 or not original[:start].strip()
            if word in names or (at_start and word.lower() not in self.common and len(word) > 1):
                required[word] += 1
        for word, n in sorted((required - prop_words).items()):
            reasons.append(f"drops or changes the name {word!r}" + (f" ({n} of {required[word]})" if n > 1 else ""))
        original_words = {w for w, _ in orig_words}
        respelt = any(w in names and w not in original_words for w in prop_words)  # "Blinkin" -> "Blinken"
        for part in sorted(inside):
            if part not in original_words and not _contains_word(proposal, part) and not respelt:
                reasons.append(f"drops or changes the name {part!r}")
        for word, start in capitalised(proposal):
            if word in original_words or word in names:
                continue
            if start == 0 or _after_sentence_end(proposal, start):
                continue  # a sentence may open with a capital
            if word in original or word.lower() in self.common:
                continue  # part of a split glued token, or a common word that gained a capital
            reasons.append(f"introduces the name {word!r}")
        return reasons

    def _language(self, original: str, proposal: str, language: str) -> str | None:
        s = self.settings
        if not s.check_language or len(proposal) < s.min_language_chars:
            return None
        found = detect_language(proposal)
        if found is None or found == language:
            return None
        if detect_language(original) != language:
            return None  # the original is not recognisably in the language either: no evidence
        return f"not in the document's language: detected {found!r}, expected {language!r}"


_GLUE = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|[^\p{L}\p{M}\p{N}]+")


def _contains_word(text: str, word: str) -> bool:
    return regex.search(rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])", text) is not None


def _keys(issues: Iterable[Issue]) -> Counter[tuple[str, str]]:
    return Counter((i.code, i.text) for i in issues)


def _after_sentence_end(text: str, start: int) -> bool:
    head = text[:start].rstrip()
    return not head or head[-1] in ".!?:;\"“”'‘’(["


def edit_ratio(original: str, proposal: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(original, proposal) / max(1, len(original))


def chrf(hypothesis: str, reference: str) -> float:
    from sacrebleu import sentence_chrf

    return float(sentence_chrf(hypothesis, [reference]).score)


def detect_language(text: str) -> str | None:
    """langdetect's best guess (seeded, so deterministic), or None when it cannot tell."""
    try:
        from langdetect import DetectorFactory, LangDetectException, detect
    except ImportError:  # pragma: no cover - langdetect is a core dependency
        return None
    DetectorFactory.seed = 0
    try:
        return detect(text)
    except LangDetectException:
        return None
