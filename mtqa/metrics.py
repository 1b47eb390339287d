"""Reference-based scores: corpus BLEU, chrF, chrF++ and TER through sacrebleu.

Everything here is a thin, checked wrapper around sacrebleu, so that a score
printed by mtqa is the score ``sacrebleu`` prints for the same files, with the
same signature (``BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.x``).
What mtqa adds is the checking sacrebleu leaves to its users and per-segment
scores that come at almost no extra cost:

- ``validate`` refuses, with a message naming the file and the counts, streams whose
  line counts differ, empty hypotheses files and empty references;
- ``check_languages`` refuses a hypothesis and references that are not in the same
  language, or that are not in the ``--language`` given;
- ``score_corpus`` computes each metric's segment statistics once and derives the
  corpus score (with an optional bootstrap confidence interval) and the per-segment
  scores from them, exactly as sacrebleu's own ``corpus_score`` does;
- ``corpus_scores`` is the ``scores`` block of a ``mtqa check`` report for documents
  whose segments carry references;
- ``attach_references`` aligns references to a document's segments by id or by line.

Conventions (sacrebleu's, so that its users get what they expect):

- Plain text is read one segment a line, split on ``\\n`` only, trailing whitespace
  stripped (``line.rstrip()``). A UTF-8 byte-order mark is not text and is dropped.
- BLEU's tokenizer is ``13a``, or the one sacrebleu picks for the target language
  (``zh`` for Chinese, ``ja-mecab`` for Japanese, ``ko-mecab`` for Korean). When no
  language is given, mtqa looks at the references' script: Han → zh, kana → ja,
  Hangul → ko. The signature always says which tokenizer was used. chrF and TER take
  no tokenizer choice (TER keeps sacrebleu's defaults: case-insensitive, tercom).
- Segment-level BLEU uses ``effective_order=True`` (as ``sacrebleu --sentence-level``);
  segment chrF and TER are the sentence scores sacrebleu computes.
- Bootstrap resampling uses sacrebleu's own resampler, seeded by ``SACREBLEU_SEED``
  (default 12345), so intervals match ``sacrebleu --confidence``.
- References are cached by the metric's constructor, as sacrebleu's command line does,
  and Python's cyclic garbage collector is paused while the (acyclic) statistics are
  built: the same numbers, in less time than ``sacrebleu`` itself takes (see
  ``benchmarks/score_overhead.py``).

sacrebleu and langdetect are imported inside the functions that need them:
``import mtqa`` and ``import mtqa.metrics`` stay light.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mtqa.document import Document

#: Metric keys, in the order results are listed; ``chrf++`` is chrF with word bigrams.
METRICS: tuple[str, ...] = ("bleu", "chrf", "chrf++", "ter")
DEFAULT_METRICS: tuple[str, ...] = ("bleu", "chrf", "ter")
#: BLEU tokenizers sacrebleu knows (``--tokenize``).
TOKENIZERS: tuple[str, ...] = (
    "13a",
    "intl",
    "zh",
    "ja-mecab",
    "ko-mecab",
    "char",
    "none",
    "spm",
    "flores101",
    "flores200",
)
CJK_TOKENIZERS = {"zh": "zh", "ja": "ja-mecab", "ko": "ko-mecab"}

#: How many sampled chunks and how much text in each the language check compares.
LANGUAGE_CHUNKS = 12
LANGUAGE_CHUNK_CHARS = 3000
#: Character-trigram cosine similarity above which a hypothesis chunk and its reference
#: chunk are taken to be in one language without asking langdetect. Parallel text in one
#: language scores 0.84-0.97 at this chunk size; English against German, French or Spanish
#: 0.3-0.45. Below the gate langdetect decides, so a poor translation costs time, never a
#: false error.
SAME_LANGUAGE_GATE = 0.8
#: langdetect's probability needed before mtqa calls a language mismatch an error.
LANGUAGE_CONFIDENCE = 0.9


class ScoreError(ValueError):
    """Input that cannot be scored meaningfully; the message names the file and what is wrong."""


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Stream:
    """One column of parallel text: the hypotheses, one reference, or the sources.

    ``texts[i]`` is segment i (``None`` only for a missing reference among several);
    ``lines[i]`` is where it was in its file (1-based line number); ``ids`` are the
    segment ids when the file carries them. ``unit`` says what a segment is in this
    file ("lines", "records", "rows") for messages; ``trailing_blank`` counts the blank
    lines at the end of a plain-text file, the usual cause of an off-by-one count.
    """

    name: str
    texts: tuple[str | None, ...]
    lines: tuple[int, ...] = ()
    ids: tuple[str, ...] | None = None
    unit: str = "lines"
    trailing_blank: int = 0

    @classmethod
    def from_texts(cls, name: str, texts: Iterable[str | None], ids: Iterable[str] | None = None) -> Stream:
        items = tuple(texts)
        return cls(name, items, tuple(range(1, len(items) + 1)), tuple(ids) if ids is not None else None)

    def __len__(self) -> int:
        return len(self.texts)

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else index + 1


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit if n != 1 else unit.rstrip('s')}"


def _list_positions(positions: Sequence[int], limit: int = 8) -> str:
    shown = ", ".join(str(p) for p in positions[:limit])
    return shown + (f", … ({len(positions) - limit} more)" if len(positions) > limit else "")


def validate(
    hypotheses: Stream,
    references: Sequence[Stream],
    source: Stream | None = None,
    *,
    allow_empty_references: bool = False,
) -> None:
    """Raise ScoreError unless the streams can be scored together.

    Refused: no hypotheses, no references, streams of different lengths (every count
    is named, with the trailing blank lines that usually explain an off-by-one), and
    empty references (a blank line scores as a reference of nothing and silently
    lowers BLEU), unless ``allow_empty_references`` asks for sacrebleu's behaviour.
    """
    if len(hypotheses) == 0:
        raise ScoreError(f"{hypotheses.name} is empty: there is nothing to score")
    if not references:
        raise ScoreError(f"no references for {hypotheses.name}: give at least one reference file (--ref)")
    for ref in references:
        if len(ref) == 0:
            raise ScoreError(f"reference {ref.name} is empty")
    streams = [hypotheses, *references, *([source] if source is not None else [])]
    if len({len(s) for s in streams}) > 1:
        parts = []
        for s in streams:
            role = "hypotheses" if s is hypotheses else "source" if s is source else "reference"
            part = f"{s.name} ({role}) has {_plural(len(s), s.unit)}"
            if s.trailing_blank:
                part += f", the last {_plural(s.trailing_blank, 'lines')} blank"
            parts.append(part)
        raise ScoreError("segment counts differ: " + "; ".join(parts) + ". Every file needs one segment per line.")
    if not allow_empty_references:
        for ref in references:
            empty = [ref.line_of(i) for i, t in enumerate(ref.texts) if t is not None and not t.strip()]
            if empty:
                raise ScoreError(
                    f"{ref.name} has {_plural(len(empty), 'empty references')} ({ref.unit} {_list_positions(empty)}): "
                    "an empty reference scores any translation as wrong. Remove those segments from every file, "
                    "or pass --allow-empty-refs to score them as sacrebleu does"
                )
    missing = [hypotheses.line_of(i) for i in range(len(hypotheses)) if all(r.texts[i] is None for r in references)]
    if missing:
        raise ScoreError(
            f"{_plural(len(missing), 'segments')} of {hypotheses.name} have no reference at all "
            f"({hypotheses.unit} {_list_positions(missing)})"
        )


def align_by_id(hypotheses: Stream, references: Sequence[Stream]) -> list[Stream]:
    """Reorder references to the hypotheses' ids where both carry ids; others are left as they are.

    Duplicate ids, and hypothesis ids that a reference lacks, are errors that list them.
    """
    if hypotheses.ids is None:
        return list(references)
    _check_unique(hypotheses)
    aligned = []
    for ref in references:
        if ref.ids is None:
            aligned.append(ref)
            continue
        _check_unique(ref)
        where = {sid: i for i, sid in enumerate(ref.ids)}
        missing = [sid for sid in hypotheses.ids if sid not in where]
        if missing:
            raise ScoreError(
                f"{ref.name} has no segment with id {', '.join(map(repr, missing[:8]))}"
                + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
                + f" (ids of {hypotheses.name})"
            )
        extra = len(ref.ids) - len(hypotheses.ids)
        if extra > 0:
            unknown = [sid for sid in ref.ids if sid not in set(hypotheses.ids)]
            raise ScoreError(
                f"{ref.name} has {_plural(extra, 'segments')} more than {hypotheses.name}, "
                f"ids {', '.join(map(repr, unknown[:8]))}"
            )
        order = [where[sid] for sid in hypotheses.ids]
        aligned.append(
            replace(
                ref,
                texts=tuple(ref.texts[i] for i in order),
                lines=tuple(ref.line_of(i) for i in order),
                ids=hypotheses.ids,
            )
        )
    return aligned


def _check_unique(stream: Stream) -> None:
    assert stream.ids is not None
    counts = Counter(stream.ids)
    dupes = [sid for sid, n in counts.items() if n > 1]
    if dupes:
        raise ScoreError(f"{stream.name} repeats segment id {', '.join(map(repr, dupes[:8]))}: ids must be unique")


# --------------------------------------------------------------------------- languages

_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "bg": "Bulgarian",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}
#: Languages that langdetect cannot tell apart reliably; a "mismatch" inside a group is no error.
_SAME_GROUP = {"bs": "hr", "sr": "hr", "sh": "hr", "ms": "id", "nb": "no", "nn": "no", "da": "no"}


def normalise_language(code: str | None) -> str | None:
    """'zh-CN', 'zh_Hans', 'ZH' → 'zh'; 'pt-BR' → 'pt'; '' and None → None."""
    if not code:
        return None
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] or None


def language_name(code: str) -> str:
    name = _LANGUAGE_NAMES.get(code)
    return f"{name} ({code})" if name else code


def _same_language(a: str, b: str) -> bool:
    return _SAME_GROUP.get(a, a) == _SAME_GROUP.get(b, b)


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _sample(texts: Sequence[str | None], limit: int = 20000) -> str:
    """Up to ``limit`` characters of text taken from evenly spaced segments."""
    items = [t for t in texts if t]
    if not items:
        return ""
    step = max(1, len(items) // 200)
    out: list[str] = []
    size = 0
    for t in items[::step]:
        out.append(t)
        size += len(t)
        if size >= limit:
            break
    return "\n".join(out)


def script_language(texts: Sequence[str | None], min_letters: int = 20) -> str | None:
    """'zh', 'ja' or 'ko' when the text is written in that language's script, else None.

    Kana marks Japanese (Japanese prose is a third kana or more), Hangul Korean, and Han
    without kana Chinese. Cheap: it is what picks BLEU's tokenizer when no language is given.
    """
    sample = _sample(texts)
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < min_letters:
        return None
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    if hangul / letters > 0.3:
        return "ko"
    if kana / letters > 0.1:
        return "ja"
    if han / letters > 0.3:
        return "zh"
    return None


def _trigrams(text: str) -> Counter[str]:
    t = " " + " ".join(text.lower().split()) + " "
    return Counter(t[i : i + 3] for i in range(len(t) - 2))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 1.0


def _chunks(n: int) -> list[int]:
    """Start indices of the sampled chunks, evenly spread over ``n`` segments."""
    if n <= 0:
        return []
    k = min(LANGUAGE_CHUNKS, n)
    return sorted({(n * i) // k for i in range(k)})


def _chunk(texts: Sequence[str | None], start: int, end_limit: int) -> tuple[str, int]:
    """Consecutive segments from ``start`` up to LANGUAGE_CHUNK_CHARS characters; returns text and end index."""
    out: list[str] = []
    size = 0
    i = start
    while i < end_limit and size < LANGUAGE_CHUNK_CHARS:
        t = texts[i]
        if t:
            out.append(t)
            size += len(t)
        i += 1
    return "\n".join(out), i


_DETECTOR_READY = False


def detect_language(text: str) -> tuple[str, float] | None:
    """langdetect's best guess for ``text`` and its probability, or None for too little text."""
    global _DETECTOR_READY
    if sum(1 for ch in text if ch.isalpha()) < 60:
        return None
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    if not _DETECTOR_READY:
        DetectorFactory.seed = 0
        _DETECTOR_READY = True
    try:
        best = detect_langs(text[: LANGUAGE_CHUNK_CHARS * 2])[0]
    except LangDetectException:
        return None
    code = normalise_language(best.lang)
    return (code, best.prob) if code else None


def check_languages(hypotheses: Stream, references: Sequence[Stream], language: str | None = None) -> None:
    """Raise ScoreError when the hypotheses and references are not all in one language.

    Chunks of aligned segments, spread over the files, are compared pairwise (hypotheses
    against each reference, and each further reference against the first) by the cosine
    of their character-trigram profiles: parallel text in one language is far more alike
    than text in two. Only a chunk pair under SAME_LANGUAGE_GATE is given to langdetect,
    and only a confident, different answer is an error; so the common case costs a few
    milliseconds. With ``language`` given, the references must be in it: checked by script
    for Chinese, Japanese and Korean, by langdetect for the others. Closely related
    languages that langdetect confuses (Danish/Norwegian, Croatian/Serbian/Bosnian,
    Indonesian/Malay) are not told apart.
    """
    wanted = normalise_language(language)
    if wanted is not None:
        _check_declared_language(references, wanted)
    n = len(hypotheses)
    pairs = [(hypotheses, ref) for ref in references] + [(references[0], ref) for ref in references[1:]]
    for left, right in pairs:
        for start in _chunks(n):
            left_text, end = _chunk(left.texts, start, n)
            right_text, _ = _chunk(right.texts, start, end)
            if len(left_text) < 100 or len(right_text) < 100:
                continue
            if _cosine(_trigrams(left_text), _trigrams(right_text)) >= SAME_LANGUAGE_GATE:
                continue
            a, b = detect_language(left_text), detect_language(right_text)
            if a and b and min(a[1], b[1]) >= LANGUAGE_CONFIDENCE and not _same_language(a[0], b[0]):
                where = f"{left.unit} {left.line_of(start)}-{left.line_of(end - 1)}"
                raise ScoreError(
                    f"mixed languages: in {where}, {left.name} looks {language_name(a[0])} but {right.name} looks "
                    f"{language_name(b[0])}. A score across languages means nothing: check that each file is the "
                    "one you meant (a source given as hypotheses or reference is the usual cause), "
                    "or pass --no-language-check"
                )


def _check_declared_language(references: Sequence[Stream], wanted: str) -> None:
    for ref in references:
        script = script_language(ref.texts)
        if wanted in CJK_TOKENIZERS or script is not None:
            if script != wanted:
                seen = f"looks {language_name(script)}" if script else "is not in Chinese, Japanese or Korean script"
                raise ScoreError(
                    f"the target language is {language_name(wanted)} but the reference {ref.name} {seen}: "
                    "give the right --language (it picks BLEU's tokenizer), or the right reference"
                )
            continue
        found = detect_language(_sample(ref.texts, LANGUAGE_CHUNK_CHARS * 2))
        if found and found[1] >= LANGUAGE_CONFIDENCE and not _same_language(found[0], wanted):
            raise ScoreError(
                f"the target language is {language_name(wanted)} but the reference {ref.name} looks "
                f"{language_name(found[0])}: give the right --language, or the right reference"
            )


def target_language(references: Sequence[Stream], language: str | None) -> str | None:
    """The language that picks BLEU's tokenizer: the one given, else zh/ja/ko read from the script."""
    wanted = normalise_language(language)
    if wanted is not None:
        return wanted
    return script_language(references[0].texts) if references else None


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Confidence:
    """sacrebleu's bootstrap estimate: the mean of the resampled scores and the 95 % half-width."""

    mean: float
    ci: float
    n_bootstrap: int
    seed: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mean": self.mean,
            "ci": self.ci,
            "low": self.mean - self.ci,
            "high": self.mean + self.ci,
            "n_bootstrap": self.n_bootstrap,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class MetricScore:
    """One corpus score as sacrebleu reports it: name ('BLEU', 'chrF2', 'chrF2++', 'TER'), value, signature."""

    metric: str
    name: str
    score: float
    signature: str
    confidence: Confidence | None = None
    details: dict[str, Any] = field(default_factory=dict)
    verbose: str = ""

    def format(self, width: int = 1) -> str:
        """The line ``sacrebleu -f text`` prints: ``NAME|signature = score [verbose]``."""
        score = f"{self.score:.{width}f}"
        if self.confidence is not None:
            score += f" (μ = {self.confidence.mean:.{width}f} ± {self.confidence.ci:.{width}f})"
        line = f"{self.name}|{self.signature} = {score}"
        return f"{line} {self.verbose}" if self.verbose else line

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": self.score,
            "signature": self.signature,
            "confidence": self.confidence.to_dict() if self.confidence else None,
            **({"details": self.details} if self.details else {}),
        }


@dataclass(frozen=True)
class SegmentScore:
    """The sentence-level scores of one segment, with where it came from."""

    index: int
    scores: dict[str, float]
    line: int | None = None
    id: str | None = None
    hypothesis: str | None = None
    references: tuple[str | None, ...] = ()
    source: str | None = None

    def to_dict(self, texts: bool = True) -> dict[str, Any]:
        row: dict[str, Any] = {"index": self.index, "line": self.line, "id": self.id, **self.scores}
        if texts:
            row["hypothesis"] = self.hypothesis
            row["references"] = list(self.references)
            if self.source is not None:
                row["source"] = self.source
        return row


@dataclass(frozen=True)
class ScoreResult:
    """Corpus scores of one hypothesis stream and, when asked for, its per-segment scores."""

    hypothesis: str
    references: tuple[str, ...]
    scores: dict[str, MetricScore]
    segments: tuple[SegmentScore, ...] = ()
    source: str | None = None
    language: str | None = None
    n_segments: int = 0

    def worst(self, metric: str = "chrf", n: int = 10) -> list[SegmentScore]:
        """The ``n`` segments with the lowest ``metric`` (highest for TER, an error rate)."""
        rows = [s for s in self.segments if metric in s.scores]
        return sorted(rows, key=lambda s: s.scores[metric], reverse=metric == "ter")[:n]

    def segment_rows(self) -> list[dict[str, Any]]:
        """One flat dict per segment (index, line, id, one column per metric, texts): DataFrame-ready."""
        return [s.to_dict() for s in self.segments]

    def to_dataframe(self) -> Any:
        """The segments as a pandas DataFrame (needs the ``notebook`` extra)."""
        import pandas as pd

        return pd.DataFrame(self.segment_rows())

    def to_dict(self, segments: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "hypothesis": self.hypothesis,
            "references": list(self.references),
            "source": self.source,
            "language": self.language,
            "n_segments": self.n_segments,
            "scores": {k: v.to_dict() for k, v in self.scores.items()},
        }
        if segments:
            out["segments"] = self.segment_rows()
        return out


# --------------------------------------------------------------------------- scoring


def parse_metrics(spec: str | Iterable[str]) -> tuple[str, ...]:
    """'bleu,chrF,chrf++' (or several such strings) → ('bleu', 'chrf', 'chrf++'); unknown names are errors."""
    raw = [spec] if isinstance(spec, str) else list(spec)
    names: list[str] = []
    for item in raw:
        for part in item.split(","):
            key = part.strip().lower()
            if not key:
                continue
            key = {"chrf2": "chrf", "chrf2++": "chrf++", "chrfpp": "chrf++"}.get(key, key)
            if key not in METRICS:
                raise ScoreError(f"unknown metric {part.strip()!r} (known: {', '.join(METRICS)})")
            if key not in names:
                names.append(key)
    if not names:
        raise ScoreError(f"no metric given (known: {', '.join(METRICS)})")
    return tuple(names)


def bleu_tokenizer(language: str | None, tokenize: str | None = None) -> str:
    """The tokenizer sacrebleu uses for BLEU: the one asked for, else by target language, else 13a."""
    if tokenize:
        return tokenize
    return CJK_TOKENIZERS.get(normalise_language(language) or "", "13a")


def make_metric(
    metric: str,
    language: str | None = None,
    tokenize: str | None = None,
    sentence: bool = False,
    references: Sequence[Sequence[str | None]] | None = None,
) -> Any:
    """A sacrebleu metric object configured as sacrebleu's command line configures it.

    ``references`` are cached by the constructor, as sacrebleu's command line does.
    """
    from sacrebleu.metrics import BLEU, CHRF, TER

    try:
        if metric == "bleu":
            tok = bleu_tokenizer(language, tokenize)
            if tok not in TOKENIZERS:
                raise ScoreError(f"unknown BLEU tokenizer {tok!r} (known: {', '.join(TOKENIZERS)})")
            lang = normalise_language(language) or ""
            return BLEU(tokenize=tok, trg_lang=lang, effective_order=sentence, references=references)
        if metric == "chrf":
            return CHRF(references=references)
        if metric == "chrf++":
            return CHRF(word_order=2, references=references)
        if metric == "ter":
            return TER(references=references)
    except ScoreError:
        raise
    except Exception as exc:  # ja-mecab / ko-mecab / spm without their extras or their model files
        extra = {"ja-mecab": "ja", "ko-mecab": "ko"}.get(bleu_tokenizer(language, tokenize), "")
        hint = f"pip install 'sacrebleu[{extra}]'" if extra else f"{type(exc).__name__}: {str(exc).strip()[:200]}"
        raise ScoreError(
            f"BLEU's {bleu_tokenizer(language, tokenize)!r} tokenizer is not available ({hint}); "
            "choose another with --tokenize (char, intl)"
        ) from exc
    raise ScoreError(f"unknown metric {metric!r} (known: {', '.join(METRICS)})")


def _details(metric: str, score: Any) -> dict[str, Any]:
    if metric == "bleu":
        return {
            "counts": list(score.counts),
            "totals": list(score.totals),
            "precisions": list(score.precisions),
            "bp": score.bp,
            "ratio": score.ratio,
            "hyp_len": score.sys_len,
            "ref_len": score.ref_len,
        }
    if metric in ("chrf", "chrf++"):
        return {"char_order": score.char_order, "word_order": score.word_order, "beta": score.beta}
    if metric == "ter":
        return {"num_edits": score.num_edits, "ref_length": score.ref_length}
    return {}


def _uses_stats(metric_obj: Any) -> bool:
    return all(
        hasattr(metric_obj, name)
        for name in ("_extract_corpus_statistics", "_aggregate_and_compute", "_compute_score_from_stats")
    )


def score_corpus(
    hypotheses: Sequence[str],
    references: Sequence[Sequence[str | None]],
    *,
    metrics: Sequence[str] = DEFAULT_METRICS,
    language: str | None = None,
    tokenize: str | None = None,
    n_bootstrap: int = 1,
    segments: bool = False,
) -> tuple[dict[str, MetricScore], list[dict[str, float]]]:
    """Corpus scores of ``hypotheses`` against reference streams, and per-segment scores if asked.

    ``references`` is sacrebleu's layout: one sequence per reference, each as long as
    ``hypotheses``. Each metric's segment statistics are extracted once; the corpus
    score, its bootstrap interval (``n_bootstrap > 1``) and the segment scores all come
    from them, as in sacrebleu's ``Metric.corpus_score``. Returns the scores by metric
    key and, when ``segments``, one ``{metric: score}`` dict per segment.
    """
    hyps = list(hypotheses)
    refs = [list(r) for r in references]
    if not hyps:
        raise ScoreError("no hypotheses to score")
    if not refs or any(len(r) != len(hyps) for r in refs):
        raise ScoreError(f"{len(hyps)} hypotheses but references of lengths {[len(r) for r in refs]}")
    results: dict[str, MetricScore] = {}
    per_segment: list[dict[str, float]] = [{} for _ in hyps] if segments else []
    with _cyclic_gc_paused():
        for key in metrics:
            results[key] = _score_one(key, hyps, refs, language, tokenize, n_bootstrap, per_segment)
    return results, per_segment


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while sacrebleu builds its statistics.

    sacrebleu's n-gram caches are large and acyclic (dicts, lists and Counters of str
    and int): reference counting frees them, and the cyclic collector only traverses
    them again and again as they grow, a third of BLEU's time on 20,000 lines. The
    collector is restored afterwards, also on error.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _score_one(
    key: str,
    hyps: list[str],
    refs: list[list[str | None]],
    language: str | None,
    tokenize: str | None,
    n_bootstrap: int,
    per_segment: list[dict[str, float]],
) -> MetricScore:
    """One metric's corpus score (and, into ``per_segment`` when it is not empty, its segment scores)."""
    metric = make_metric(key, language, tokenize, references=refs)
    if _uses_stats(metric):
        stats = metric._extract_corpus_statistics(hyps, None)
        score = metric._aggregate_and_compute(stats)
        if n_bootstrap > 1:
            from sacrebleu.significance import _bootstrap_resample

            metric.n_bootstrap = n_bootstrap
            metric.seed, resampled = _bootstrap_resample(stats, metric, n_bootstrap)
            score.estimate_ci(resampled)
    else:  # a sacrebleu without the statistics API: the public, slower path
        stats = None
        score = metric.corpus_score(hyps, None, n_bootstrap=n_bootstrap)
    confidence = None
    if n_bootstrap > 1:
        confidence = Confidence(float(score._mean), float(score._ci), n_bootstrap, metric.seed)
    if per_segment:
        sentence_metric = make_metric(key, language, tokenize, sentence=True) if key == "bleu" else metric
        for i, row in enumerate(per_segment):
            if stats is not None:
                row[key] = float(sentence_metric._compute_score_from_stats(stats[i]).score)
            else:
                present = [r[i] for r in refs if r[i] is not None]
                row[key] = float(sentence_metric.sentence_score(hyps[i], present).score)  # type: ignore[arg-type]
    return MetricScore(
        metric=key,
        name=score.name,
        score=float(score.score),
        signature=metric.get_signature().format(),
        confidence=confidence,
        details=_details(key, score),
        verbose=score._verbose,
    )


def score_streams(
    hypotheses: Stream,
    references: Sequence[Stream],
    source: Stream | None = None,
    *,
    metrics: Sequence[str] = DEFAULT_METRICS,
    language: str | None = None,
    tokenize: str | None = None,
    n_bootstrap: int = 1,
    segments: bool = False,
    language_check: bool = True,
    allow_empty_references: bool = False,
) -> ScoreResult:
    """Validate, check languages, and score one hypothesis stream: what ``mtqa score`` does per HYP."""
    references = align_by_id(hypotheses, references)
    validate(hypotheses, references, source, allow_empty_references=allow_empty_references)
    if any(t is None for t in hypotheses.texts):
        bad = [hypotheses.line_of(i) for i, t in enumerate(hypotheses.texts) if t is None]
        raise ScoreError(f"{hypotheses.name} has missing hypotheses ({hypotheses.unit} {_list_positions(bad)})")
    if language_check:
        check_languages(hypotheses, references, language)
    lang = target_language(references, language)
    hyps = [t or "" for t in hypotheses.texts]
    scores, rows = score_corpus(
        hyps,
        [list(r.texts) for r in references],
        metrics=metrics,
        language=lang,
        tokenize=tokenize,
        n_bootstrap=n_bootstrap,
        segments=segments,
    )
    seg_scores = tuple(
        SegmentScore(
            index=i,
            scores=row,
            line=hypotheses.line_of(i),
            id=hypotheses.ids[i] if hypotheses.ids is not None else _common_id(references, i),
            hypothesis=hyps[i],
            references=tuple(r.texts[i] for r in references),
            source=source.texts[i] if source is not None else None,
        )
        for i, row in enumerate(rows)
    )
    return ScoreResult(
        hypothesis=hypotheses.name,
        references=tuple(r.name for r in references),
        scores=scores,
        segments=seg_scores,
        source=source.name if source is not None else None,
        language=lang,
        n_segments=len(hyps),
    )


def _common_id(references: Sequence[Stream], i: int) -> str | None:
    for ref in references:
        if ref.ids is not None:
            return ref.ids[i]
    return None


def sentence_scores(
    hypothesis: str,
    references: Sequence[str],
    metrics: Sequence[str] = ("chrf", "bleu"),
    language: str | None = None,
) -> dict[str, float]:
    """Sentence-level scores of one segment (BLEU with effective order, as ``sacrebleu -sl``)."""
    out: dict[str, float] = {}
    for key in metrics:
        metric = _sentence_metric(key, normalise_language(language) or "")
        out[key] = float(metric.sentence_score(hypothesis, list(references)).score)
    return out


def sentence_chrf(hypothesis: str, references: Sequence[str]) -> float:
    """sacrebleu's sentence chrF (chrF2) of one segment against its reference(s)."""
    return sentence_scores(hypothesis, references, ("chrf",))["chrf"]


_SENTENCE_METRICS: dict[tuple[str, str], Any] = {}


def _sentence_metric(key: str, language: str) -> Any:
    """Metric objects are reusable for sentence scores (no reference cache is kept); build each once."""
    found = _SENTENCE_METRICS.get((key, language))
    if found is None:
        found = _SENTENCE_METRICS[(key, language)] = make_metric(key, language, sentence=True)
    return found


# --------------------------------------------------------------------------- documents


def attach_references(document: Document, references: Sequence[str] | Mapping[str, str]) -> Document:
    """A copy of ``document`` whose segments carry their references.

    A mapping is aligned by segment id (every segment needs an id the mapping has). A
    sequence is aligned by line when it has one entry per line of the document (blank
    lines included: a reference file laid out like the translation), else by segment
    when it has one entry per segment; any other length is a ScoreError naming the counts.
    """
    segments = document.segments
    if isinstance(references, Mapping):
        missing = [s.id or f"#{s.index}" for s in segments if s.id is None or s.id not in references]
        if missing:
            raise ScoreError(
                f"{document.id}: no reference for segment id {', '.join(map(repr, missing[:8]))}"
                + (f" and {len(missing) - 8} more" if len(missing) > 8 else "")
            )
        refs = [references[s.id] for s in segments]  # type: ignore[index]
    else:
        lines = document.text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        items = list(references)
        if len(items) == len(lines):
            refs = [items[document.line_col(s.span.start)[0] - 1] for s in segments]
        elif len(items) == len(segments):
            refs = items
        else:
            raise ScoreError(
                f"{document.id} has {_plural(len(lines), 'lines')} ({_plural(len(segments), 'segments')}) "
                f"but there are {_plural(len(items), 'references')}"
            )
    return replace(document, segments=tuple(replace(s, reference=r) for s, r in zip(segments, refs, strict=True)))


def corpus_scores(
    documents: Sequence[Document],
    metrics: Sequence[str] = DEFAULT_METRICS,
    *,
    language: str | None = None,
    n_bootstrap: int = 1,
    language_check: bool = True,
) -> dict[str, Any]:
    """The ``scores`` block of a report: corpus scores over every segment that carries a reference.

    Shape (empty dict when no segment has a reference)::

        {"bleu": {"name": "BLEU", "score": 31.2, "signature": "nrefs:1|case:mixed|...", "confidence": null,
                  "details": {...}},
         "chrf": {...}, "ter": {...},
         "n_segments": 120,          # segments scored
         "unreferenced": 3,          # segments without a reference, left out
         "language": "en",           # the target language used for BLEU's tokenizer (None: 13a default)
         "segments": [{"document": "a.jsonl", "segment": 0, "id": "s1", "line": 1,
                       "chrf": 54.1, "bleu": 30.2, "ter": 41.0}, ...]}

    Segment BLEU is sentence BLEU with effective order; all values are floats on
    sacrebleu's 0-100 scale. Raises ScoreError for an empty reference, and for
    documents in several target languages (one corpus score over two languages means
    nothing: score them separately).
    """
    pairs = [(doc, seg) for doc in documents for seg in doc.segments if seg.reference is not None]
    if not pairs:
        return {}
    empty = [f"{doc.id} segment {seg.index + 1}" for doc, seg in pairs if not (seg.reference or "").strip()]
    if empty:
        raise ScoreError(f"empty reference in {', '.join(empty[:8])}" + (" …" if len(empty) > 8 else ""))
    declared = {normalise_language(doc.language) for doc, _ in pairs}
    if language is None and len(declared) > 1:
        langs = ", ".join(sorted(str(x) for x in declared))
        raise ScoreError(f"documents with references are in several languages ({langs}): score each language apart")
    hyp_stream = Stream.from_texts("translations", [seg.text for _, seg in pairs])
    ref_stream = Stream.from_texts("references", [seg.reference for _, seg in pairs])
    if language_check:
        check_languages(hyp_stream, [ref_stream])
    wanted = normalise_language(language) or next(iter(declared))
    lang = wanted if wanted in CJK_TOKENIZERS else script_language(ref_stream.texts)
    scores, rows = score_corpus(
        list(hyp_stream.texts),  # type: ignore[arg-type]
        [list(ref_stream.texts)],
        metrics=metrics,
        language=lang,
        n_bootstrap=n_bootstrap,
        segments=True,
    )
    out: dict[str, Any] = {key: value.to_dict() for key, value in scores.items()}
    out["n_segments"] = len(pairs)
    out["unreferenced"] = sum(1 for doc in documents for seg in doc.segments if seg.reference is None)
    out["language"] = lang
    out["segments"] = [
        {"document": doc.id, "segment": seg.index, "id": seg.id, "line": doc.position(seg.span.start).line, **row}
        for (doc, seg), row in zip(pairs, rows, strict=True)
    ]
    return out


def report_scores(documents: Sequence[Document]) -> dict[str, Any]:
    """The ``scores`` block of a check report: ``corpus_scores`` when segments carry references.

    A check must not fail because its references are unusable, and must never show a silent
    score either: a ScoreError becomes ``{"error": message}`` in the block, which every
    output format shows.
    """
    if not any(doc.has_references for doc in documents):
        return {}
    try:
        return corpus_scores(documents)
    except ScoreError as exc:
        return {"error": str(exc)}


def segment_score_rows(document: Document, metrics: Sequence[str] = ("chrf", "bleu")) -> list[dict[str, Any]]:
    """Sentence scores of each segment of one document that has a reference (for streamed output).

    The rows have the shape of ``corpus_scores(...)["segments"]``; a streamed run can write them
    document by document, where corpus scores would need every segment first.
    """
    rows = []
    for seg in document.segments:
        if seg.reference is None or not seg.reference.strip():
            continue
        line = document.text.count("\n", 0, seg.span.start) + 1
        scores = sentence_scores(seg.text, [seg.reference], metrics, document.language)
        rows.append({"document": document.id, "segment": seg.index, "id": seg.id, "line": line, **scores})
    return rows
