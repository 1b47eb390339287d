"""Parallel text for scoring: plain text files, or fields of JSONL, TSV and CSV files.

- Plain text (any other suffix, ``.gz`` allowed): one segment a line, read as sacrebleu
  reads it: split on ``\\n`` only, trailing whitespace stripped, a UTF-8 BOM dropped.
- JSONL (``.jsonl``, ``.ndjson``; ``.json`` holding either JSON lines or one array of
  objects): one JSON object a line (blank lines skipped). A field
  is a key, or a dotted path into nested objects (``translation.de``). A reference field
  may hold a list of strings: several references per segment (shorter lists are padded,
  so the signature says ``nrefs:var`` as sacrebleu does).
- TSV (``.tsv``, ``.tab``) and CSV (``.csv``): the first row names the columns, unless
  every field asked of the file is a 1-based column number (``--hyp-field 2``, as
  ``cut -f 2``), in which case there is no header row. TSV is split on tabs (no quoting,
  as MT test sets are written); CSV follows the csv module's quoting.

Fields not given are looked up by their usual names (hypothesis: hyp, hypothesis, mt,
translation, output, system, prediction, target, tgt; reference: ref, reference,
references, refs; source: src, source; id: id, seg_id, segment_id, segid). A missing
field is an error that lists the fields the file has.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtqa.metrics import ScoreError, Stream

BOM = "\ufeff"
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "hyp": ("hyp", "hypothesis", "mt", "translation", "output", "system", "prediction", "target", "tgt"),
    "ref": ("ref", "reference", "references", "refs"),
    "src": ("src", "source"),
    "id": ("id", "seg_id", "segment_id", "segid"),
}
ROLE_NAMES = {"hyp": "hypothesis", "ref": "reference", "src": "source", "id": "id"}
TABLE_KINDS = ("jsonl", "tsv", "csv")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".tsv": "tsv", ".tab": "tsv", ".csv": "csv"}


def file_kind(path: str) -> str:
    """'jsonl', 'json', 'tsv', 'csv' or 'text', from the suffix (``.gz`` looked through)."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return SUFFIXES.get(Path(name).suffix, "text")


def read_text(path: str) -> str:
    """The whole file as text ('-' is stdin); bad UTF-8 is a ScoreError naming the line."""
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        elif path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read()
        else:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise ScoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ScoreError(f"{path}: not valid UTF-8 at byte {exc.start} (line {line}): {exc.reason}") from None
    return text[1:] if text.startswith(BOM) else text


def split_lines(text: str) -> list[str]:
    """Lines as iterating over a file opened with ``newline='\\n'`` yields them, without the newline."""
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


@dataclass
class ParallelFile:
    """One input file, read once; ``column`` takes the hypotheses, references or sources from it."""

    path: str
    kind: str
    lines: list[str] | None = None  # plain text
    records: list[Any] | None = None  # JSONL objects, or TSV/CSV rows (lists) after any header
    record_lines: list[int] | None = None
    header: list[str] | None = None

    @classmethod
    def open(cls, path: str, fields: Iterable[str | None] = ()) -> ParallelFile:
        """Read ``path``; ``fields`` are the field specs that will be asked of it (they decide on a header)."""
        kind = "text" if path == "-" else file_kind(path)
        text = read_text(path)
        if kind == "text":
            return cls(path, kind, lines=split_lines(text))
        if kind == "json" and text.lstrip().startswith("["):
            try:
                array = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ScoreError(f"{path}: not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
            return cls(path, "jsonl", records=list(array), record_lines=list(range(1, len(array) + 1)))
        if kind in ("json", "jsonl"):
            kind = "jsonl"
            records, numbers = [], []
            for n, line in enumerate(split_lines(text), 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ScoreError(f"{path}: line {n} is not JSON: {exc.msg} (column {exc.colno})") from None
                numbers.append(n)
            return cls(path, kind, records=records, record_lines=numbers)
        numbered_rows = _rows(text, kind)
        rows = [row for row, _ in numbered_rows]
        numbers = [n for _, n in numbered_rows]
        specs = [f for f in fields if f is not None]
        if (specs and all(f.isdigit() for f in specs)) or not rows:
            return cls(path, kind, records=rows, record_lines=numbers)
        header = [h.strip() for h in rows[0]]
        return cls(path, kind, records=rows[1:], record_lines=numbers[1:], header=header)

    @property
    def unit(self) -> str:
        return {"text": "lines", "jsonl": "records"}.get(self.kind, "rows")

    def fields(self) -> list[str]:
        """The field names the file offers (keys of the first record, or the header)."""
        if self.kind == "jsonl":
            first = next((r for r in self.records or [] if isinstance(r, dict)), {})
            return list(first)
        return list(self.header or [])

    def find_field(self, role: str, spec: str | None, required: bool = True) -> str | None:
        """The field to read for ``role``: ``spec`` if given (checked), else the first usual name present."""
        if self.kind == "text":
            return None
        known = self.fields()
        if spec is not None:
            if spec.isdigit() and self.kind != "jsonl":
                return spec
            head = spec.split(".")[0] if self.kind == "jsonl" else spec
            if head not in known:
                raise ScoreError(
                    f"{self.path} has no {ROLE_NAMES[role]} field {spec!r} (its fields: {', '.join(known) or 'none'})"
                )
            return spec
        for name in FIELD_NAMES[role]:
            if name in known:
                return name
        if required:
            flag = {"hyp": "--hyp-field", "ref": "--ref-field", "src": "--src-field", "id": "--id-field"}[role]
            raise ScoreError(
                f"{self.path}: no {ROLE_NAMES[role]} field among {', '.join(known) or 'no fields'}; name it with {flag}"
            )
        return None

    def _values(self, field: str) -> list[Any]:
        assert self.records is not None and self.record_lines is not None
        out = []
        if self.kind == "jsonl":
            path = field.split(".")
            for record, line in zip(self.records, self.record_lines, strict=True):
                value: Any = record
                for key in path:
                    if not isinstance(value, dict) or key not in value:
                        raise ScoreError(f"{self.path}: record on line {line} has no field {field!r}")
                    value = value[key]
                out.append(value)
            return out
        index = int(field) - 1 if field.isdigit() and self.header is None else (self.header or []).index(field)
        for row, line in zip(self.records, self.record_lines, strict=True):
            if index >= len(row):
                raise ScoreError(f"{self.path}: row on line {line} has {len(row)} columns, no column {index + 1}")
            out.append(row[index])
        return out

    def column(self, role: str, spec: str | None = None) -> list[Stream]:
        """The streams of ``role`` ('hyp', 'ref', 'src'): one, or several for a list-valued reference field."""
        name = self.path if self.path != "-" else "<stdin>"
        if self.kind == "text" and spec is not None:
            raise ScoreError(
                f"{name} is plain text (one segment a line): a {ROLE_NAMES[role]} field applies to JSONL, TSV and "
                "CSV files only"
            )
        if self.kind == "text":
            assert self.lines is not None
            texts = [line.rstrip() for line in self.lines]
            blank = next((k for k, t in enumerate(reversed(texts)) if t), len(texts))
            return [Stream(name, tuple(texts), tuple(range(1, len(texts) + 1)), None, "lines", blank)]
        field = self.find_field(role, spec)
        assert field is not None
        values = self._values(field)
        label = f"{name}[{field}]"
        lines = tuple(self.record_lines or ())
        ids = self.ids()
        if any(isinstance(v, list) for v in values):
            if role != "ref":
                raise ScoreError(f"{self.path}: {ROLE_NAMES[role]} field {field!r} holds a list; only references may")
            width = max(len(v) if isinstance(v, list) else 1 for v in values)
            streams = []
            for k in range(width):
                texts = [
                    _text(self.path, field, line, (v if isinstance(v, list) else [v])[k : k + 1], role)
                    for v, line in zip(values, lines, strict=True)
                ]
                streams.append(Stream(f"{label}#{k + 1}", tuple(texts), lines, ids, self.unit))
            return streams
        texts = [_text(self.path, field, line, [v], role) for v, line in zip(values, lines, strict=True)]
        return [Stream(label, tuple(texts), lines, ids, self.unit)]

    def has_field(self, role: str, spec: str | None = None) -> bool:
        if self.kind == "text":
            return False
        if spec is not None:
            return self.find_field(role, spec) is not None
        return self.find_field(role, None, required=False) is not None

    def ids(self, spec: str | None = None) -> tuple[str, ...] | None:
        """Segment ids from the id field, when the file has one."""
        if self.kind == "text":
            return None
        field = self.find_field("id", spec, required=spec is not None)
        if field is None:
            return None
        return tuple(str(v) for v in self._values(field))


def _text(path: str, field: str, line: int, value: list[Any], role: str) -> str | None:
    """A field value as text: strings as they are; null (and a short reference list) as missing."""
    if not value or value[0] is None:
        if role == "ref":
            return None
        raise ScoreError(f"{path}: line {line}: {ROLE_NAMES[role]} field {field!r} is empty (null)")
    item = value[0]
    if isinstance(item, str):
        return item
    if isinstance(item, (int, float)) and not isinstance(item, bool):
        return str(item)
    raise ScoreError(f"{path}: line {line}: {ROLE_NAMES[role]} field {field!r} holds {type(item).__name__}, not text")


def _rows(text: str, kind: str) -> list[tuple[list[str], int]]:
    """Non-blank rows with the line each starts on."""
    if kind == "tsv":
        return [(line.rstrip("\r").split("\t"), n) for n, line in enumerate(split_lines(text), 1) if line.strip()]
    reader = csv.reader(io.StringIO(text, newline=""))
    out = []
    line = 1
    for row in reader:
        if any(cell.strip() for cell in row):
            out.append((row, line))
        line = reader.line_num + 1
    return out


@dataclass(frozen=True)
class ParallelInput:
    """The streams for one hypothesis file: its hypotheses, references and (optional) source."""

    hypotheses: Stream
    references: list[Stream]
    source: Stream | None


def load_parallel(
    hyp_paths: Sequence[str],
    ref_paths: Sequence[str] = (),
    source_path: str | None = None,
    *,
    hyp_field: str | None = None,
    ref_field: str | None = None,
    src_field: str | None = None,
    id_field: str | None = None,
) -> list[ParallelInput]:
    """Read every hypothesis file with its references and source.

    References come from the ``ref_paths`` (each file one reference, or several for a
    JSONL list field); with none given, from the reference field of each hypothesis file
    itself. The source comes from ``source_path``, else from a source field of the
    hypothesis file when it has one. Files are read once however many roles they play.
    """
    cache: dict[str, ParallelFile] = {}

    def get(path: str) -> ParallelFile:
        if path not in cache:
            cache[path] = ParallelFile.open(path, (hyp_field, ref_field, src_field, id_field))
        return cache[path]

    shared_refs: list[Stream] = []
    for path in ref_paths:
        ref_file = get(path)
        streams = ref_file.column("ref", ref_field)
        ids = ref_file.ids(id_field)
        shared_refs.extend(Stream(s.name, s.texts, s.lines, ids, s.unit, s.trailing_blank) for s in streams)
    source: Stream | None = None
    if source_path is not None:
        src_file = get(source_path)
        source = src_file.column("src", src_field)[0]
    out = []
    for path in hyp_paths:
        hyp_file = get(path)
        hyp = hyp_file.column("hyp", hyp_field)[0]
        hyp = Stream(hyp.name, hyp.texts, hyp.lines, hyp_file.ids(id_field), hyp.unit, hyp.trailing_blank)
        if shared_refs:
            refs = shared_refs
        elif hyp_file.has_field("ref", ref_field):
            refs = hyp_file.column("ref", ref_field)
        else:
            where = f" (and {path} has no reference field)" if hyp_file.kind in TABLE_KINDS else ""
            raise ScoreError(f"no references for {hyp.name}: give --ref REF{where}")
        src = source
        if src is None and hyp_file.kind in TABLE_KINDS and hyp_file.has_field("src", src_field):
            src = hyp_file.column("src", src_field)[0]
        out.append(ParallelInput(hyp, list(refs), src))
    return out
