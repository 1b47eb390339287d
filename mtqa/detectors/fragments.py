"""Sentence fragments (family F).

Machine translation splits a sentence where the source had a comma or nothing at all, most
often between a title or role and the name that fills it: Spanish "con el canciller de
Ucrania, Dmitro Kuleba" comes out as "with Ukraine's foreign minister. Dmitriy Kuleba.".
The evidence F101 wants is narrow on purpose: a title or role word right before the stray
full stop, a personal name right after it, and then a sign that the name does not open a
sentence of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from mtqa.detectors.base import Context, Detector, segment_span
from mtqa.document import Segment
from mtqa.issue import Issue, Severity
from mtqa.lexicon import abbreviations, common_lowercase, function_words, resource_lines, titles
from mtqa.rules import register
from mtqa.span import Applicability, Edit, Fix, Span

_PARTICLE = r"(?:de|da|di|du|van|von|der|den|la|le|dos|das|del|bin|ibn|al|el|y)"
_TOKEN = (
    r"(?:\p{Lu}\p{Ll}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*"
    r"|(?:al|el|bin|ibn|abu|ben)-\p{Lu}[\p{L}\p{M}'’]*)"
)
# A title or role word, a full stop, a name of two to four words (particles between them allowed).
_SITE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}.\-])(?P<title>\p{L}[\p{L}\p{M}’'\-]*\p{L})(?P<stop>\.)[ \t\u00a0]+"
    rf"(?P<name>{_TOKEN}(?:[ \t](?:{_PARTICLE}[ \t])?{_TOKEN}){{1,3}})(?![\p{{L}}\p{{M}}\p{{N}}'’\-])"
)
# What every site holds, in one cheap search (no overlapped scan, no backtracking over each word
# as a possible title): a letter, the full stop, spaces, then the openings of two name tokens.
# The full pattern runs only on a segment that has this (24 of the real MT pages' 789 segments).
_TOKEN_START = r"(?:\p{Lu}\p{Ll}|(?:al|el|bin|ibn|abu|ben)-\p{Lu})"
_MAY_SITE = regex.compile(
    rf"\p{{L}}\.[ \t\u00a0]+{_TOKEN_START}[\p{{L}}\p{{M}}'’\-]*+[ \t](?:{_PARTICLE}[ \t])?{_TOKEN_START}"
)
_AFTER_NAME = regex.compile(r"(?P<mark>[.,;:!?]?)[ \t\u00a0]*(?P<next>\p{L}[\p{L}\p{M}'’\-]*)?")
_WORD_BEFORE = regex.compile(r"(\p{L}[\p{L}\p{M}'’.\-]*|[,;:(—–])[ \t\u00a0]*$")
_MODIFIER = regex.compile(r"\p{Lu}[\p{L}\p{M}.'’\-]*|[\p{L}\p{M}]+['’]s")

# After "Name, ": words that cannot go on an apposition to a subject ("Sergey Lavrov, because
# of the ...": the name was split off a sentence that went on). Capitalised function words count
# too ("Lavrov, Because"). "who", "however", "the", a number, "in a statement" do not.
_NO_CONTINUATION = frozenset(["because", "due", "although", "though", "whereas", "unless", "regarding", "concerning"])
# Words before a title that make it a complete noun phrase ("the Prime Minister.", "Ukraine's
# foreign minister.", "was appointed Foreign Minister."): then a name after the full stop may open
# a sentence of its own ("He met the Prime Minister. Boris Johnson said ...").
_COMPLETERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "whose",
        "each",
        "every",
        "another",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "are",
        "am",
        "become",
        "became",
        "becomes",
        "becoming",
        "appointed",
        "named",
        "elected",
        "made",
        "remain",
        "remains",
        "remained",
        "as",
        "new",
        "former",
    }
)


@cache
def _roles() -> frozenset[str]:
    """Titles, honorifics and roles ("minister", "counterpart", "spokesman"), lower case."""
    return titles() | frozenset(resource_lines("roles.txt"))


def _is_role(word: str) -> bool:
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        return False
    roles = _roles()
    return lower in roles or (lower.endswith("s") and lower[:-1] in roles) or lower.split("-")[-1] in roles


def _is_name(name: str) -> bool:
    """Two to four capitalised words that read as a person's name: no function word, no title,
    and a last word (the surname) that is not a common lower-case word."""
    words = [w for w in name.split() if w[0].isupper() or "-" in w]
    if len(words) < 2:
        return False
    functions = function_words()
    roles = _roles()
    for w in words:
        lower = w.lower().replace("’", "'")
        if lower in functions or lower in roles:
            return False
    last = words[-1].lower().replace("’", "'")
    if last.endswith("'s"):
        return False
    return last not in common_lowercase()


def _bare_title(text: str, start: int) -> bool:
    """True when the title phrase that ends at the word at ``start`` has no determiner or verb
    before it ("Addressing the Assembly, Foreign Minister.", "between US President."): a noun
    phrase that cannot end a sentence."""
    pos = start
    for _ in range(6):
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if m is None:
            return True  # the title opens the paragraph
        token = m.group(1)
        if not token[0].isalpha():
            return True  # a comma, a colon, a dash, a bracket
        lower = token.lower().replace("’", "'")
        if lower in _COMPLETERS or lower.endswith("'s"):
            return False
        if _MODIFIER.fullmatch(token) or _is_role(token) or token.lower() in titles():
            pos = m.start(1)
            continue
        # A lower-case word that is not a modifier of the title: a preposition or a conjunction
        # leaves the title bare ("between US President."), anything else completes it.
        return lower in function_words()
    return False


@register
class SentenceFragment(Detector):
    """A stray full stop that cuts a name off its title: "Ukraine's foreign minister. Dmitriy Kuleba.".

    What it flags:
        A full stop right after a title or role word (minister, president, spokesman,
        counterpart...) and before a personal name of two to four words, when the name does
        not open a sentence of its own: the "sentence" is only the name ("foreign minister.
        Dmitriy Kuleba."); or the name is followed by a comma and a word that cannot go on an
        apposition ("Foreign Minister. Sergey Lavrov, Because of", "Lavrov, because of");
        or the title before the full stop is a bare noun phrase that cannot end a sentence,
        after a comma or a preposition, and the name goes on with its verb ("Addressing the
        Assembly, Foreign Minister. Walid al-Moualem also called on"). The span runs from the
        title to the end of the name (and the mark after it).

    Why it matters:
        A full stop inside a noun phrase turns one sentence into two broken ones; it is a
        typical trace of machine translation turning a source comma into a full stop.

    Example:
        "with Ukraine’s foreign minister. Dmitriy Kuleba." -> "with Ukraine’s foreign minister, Dmitriy Kuleba."
        "the Russian Foreign Minister. Sergey Lavrov, because" -> "the Russian Foreign Minister Sergey Lavrov, because"

    Leaves alone:
        Abbreviated titles and initials ("Mr. Smith", "Dr. Jones", "Gen. Milley", "J. R. R.
        Tolkien", "U.S. President Biden"); a complete sentence that ends with a title and is
        followed by one that opens with a name ("He met the Prime Minister. Boris Johnson
        said", "She was appointed Foreign Minister. Anna Lind took"); a name with "who",
        "however", a number or a noun phrase after its comma ("Boris Johnson, who", "Boris
        Johnson, 55,", "Boris Johnson, the prime minister,"); bylines and captions that are a
        name alone with no title before ("By John Smith.", "Dmitriy Kuleba."); answers and
        short sentences ("Yes. No."); lists of names; a single surname after the full stop.

    Fix safety:
        UNSAFE. The full stop is removed when the title is capitalised (a formal title before
        a name takes no comma: "Foreign Minister Sergey Lavrov") or when the name goes on with
        its verb; it becomes a comma after a lower-case role (an apposition: "Ukraine's foreign
        minister, Dmitriy Kuleba"). A comma is what the source usually had (Spanish, French,
        Russian set the apposition off with commas), and it is never ungrammatical after a
        lower-case role; a colon would be. The rule may still have met a real sentence break.

    Settings:
        None.

    Measured precision:
        Measured 2026-11-27 with benchmarks/quality.py (mtqa 0.1.0; synthetic: seed 0, 5
        trials, and 20 where said).
        Seed article: 2 flags, both on the gold `should` spans ("minister. Dmitriy Kuleba."
        877-902, overlapping the gold 887-902; "Minister. Sergey Lavrov," 281-305, exactly the
        gold span); 0 of the 5 negatives. Clean news (14 files, 4,346 words, with many title +
        name pairs such as "Foreign Minister Ri Yong-ho", "Mr Park said"): 0 flags. MQM TED zh-en: 0
        flags on the 5,387 distinct segments and on the 75 talks. Quiet on clean text, so stable.
        Synthetic fragment in clean news (a full stop put between a title and its name where the
        result cannot be read as two sentences): recall 1.00 (30/30; 120/120 at 20 trials);
        `mtqa fix --unsafe-fixes` restores the original in 30 of 30 texts.
        English only (measured 2026-12-07): its title and role words, completers and continuation
        words are English lists; with them on German, French and Spanish text it flags nothing on
        NTREX or MQM en-de, so nothing was measured that could show it precise there.
    """

    code = "F101"
    name = "sentence-fragment"
    summary = "A stray full stop between a title and the name that fills it"
    severity = Severity.WARNING
    category = "fragment"
    mqm = "Fluency/Punctuation"
    fixable = True

    def check(self, unit: Segment, ctx: Context) -> Iterator[Issue]:
        text = unit.text
        if ". " not in text and ".\t" not in text and ".\u00a0" not in text:
            return
        if _MAY_SITE.search(text) is None:
            return
        for m in _SITE.finditer(text, overlapped=True):
            issue = self._site(ctx, unit, m)
            if issue is not None:
                yield issue

    def _site(self, ctx: Context, seg: Segment, m: regex.Match[str]) -> Issue | None:
        text = seg.text
        title = m.group("title")
        if title.lower() in abbreviations() or len(title) < 3 or not _is_role(title):
            return None
        name = m.group("name")
        if not _is_name(name):
            return None
        after = _AFTER_NAME.match(text, m.end("name"))
        mark, nxt = after.group("mark"), after.group("next")
        end = m.end("name")
        bare = _bare_title(text, m.start("title"))
        if (mark == "." and (nxt is None or nxt[0].isupper())) or (mark == "" and nxt is None):
            kind = "name alone"
            end += len(mark)
        elif mark == "," and nxt is not None and _no_continuation(nxt):
            kind = "name, clause"
            end += 1
        elif bare and ((mark == "" and nxt is not None and nxt[0].islower()) or mark == ","):
            kind = "bare title"
        else:
            return None
        span = segment_span(seg, m.start("title"), end)
        stop = segment_span(seg, m.start("stop"), m.end("stop"))
        if title[0].isupper() or kind == "bare title":
            edit = Edit(Span(stop.start, stop.end + 1), " ") if text[m.end("stop")] != " " else Edit(stop, "")
            fix = Fix((edit,), Applicability.UNSAFE, "Remove the full stop")
        else:
            fix = Fix((Edit(stop, ","),), Applicability.UNSAFE, "Replace the full stop with a comma")
        message = f"a full stop cuts the name {name!r} off the title {title!r}"
        return self.issue(ctx, span, message, segment=seg, fix=fix, data={"title": title, "name": name, "kind": kind})


def _no_continuation(word: str) -> bool:
    lower = word.lower()
    if word[0].isupper() and lower in function_words() and lower not in ("i", "who", "which", "whose", "however"):
        return True
    return word[0].islower() and lower in _NO_CONTINUATION
