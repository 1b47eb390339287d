"""MQM evaluation: parsing the WMT TSV, grouping, and the arithmetic of precision, recall and clean flags."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import need_shared

from mtqa.evaluation.mqm import MQMFormatError, evaluate_mqm, read_mqm, strip_markers
from mtqa.span import Span

HEADER = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity"
ROWS = [
    "sysA\ttalk.1\t1\t1\tr1\tsrc one\tone <v>BAD</v> two BAD three\tFluency/Spelling\tMinor",
    "sysA\ttalk.1\t2\t2\tr1\tsrc two\tanother clean line\tNo-error\tNo-error",
    "sysB\ttalk.1\t1\t1\tr2\tsrc one\tall fine BAD here\tNo-error\tNo-error",
    "sysB\ttalk.1\t2\t2\tr2\tsrc two\t<v>an</v> BAD error\tFluency/Spelling\tMinor",
    "sysB\ttalk.1\t2\t2\tr2\tsrc two\tan BAD <v>error</v>\tAccuracy/Mistranslation\tMajor",
    "sysB\ttalk.1\t2\t2\tr2\tsrc two\tan BAD error\tAccuracy/Omission\tMajor",
]


def write_tsv(tmp_path: Path, rows: list[str], name: str = "mqm.tsv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("marked", "text", "spans"),
    [
        ("a <v>bc</v> d", "a bc d", [Span(2, 4)]),
        ("<v>x</v>y<v>z</v>", "xyz", [Span(0, 1), Span(2, 3)]),
        ("no markers", "no markers", []),
        ("<v>unclosed to the end", "unclosed to the end", [Span(0, 19)]),
        ("closed only</v> here", "closed only here", [Span(0, 11)]),
        ("empty <v></v>span", "empty span", [Span(6, 6)]),
    ],
)
def test_strip_markers(marked: str, text: str, spans: list[Span]) -> None:
    assert strip_markers(marked) == (text, spans)


def test_rows_group_into_segments_with_spans_in_the_stripped_text(tmp_path: Path) -> None:
    data = read_mqm(write_tsv(tmp_path, ROWS))
    assert data.rows == 6 and len(data.segments) == 4 and data.dropped_rows == 0
    by_key = {(s.system, s.seg_id): s for s in data.segments}
    a1 = by_key[("sysA", "1")]
    assert a1.target == "one BAD two BAD three" and not a1.clean
    assert [(e.span, e.category) for e in a1.errors] == [(Span(4, 7), "Fluency/Spelling")]
    assert a1.target[4:7] == "BAD"
    assert by_key[("sysA", "2")].clean and by_key[("sysB", "1")].clean
    b2 = by_key[("sysB", "2")]
    assert not b2.clean and b2.rows == 3
    assert [(e.span, e.category) for e in b2.errors] == [
        (Span(0, 2), "Fluency/Spelling"),
        (Span(7, 12), "Accuracy/Mistranslation"),
        (None, "Accuracy/Omission"),
    ]


def test_quotes_are_ordinary_characters(tmp_path: Path) -> None:
    row = 'sysA\ttalk.1\t1\t1\tr1\t"src"\the said "BAD" <v>loudly</v>\tStyle/Awkward\tMinor'
    seg = read_mqm(write_tsv(tmp_path, [row])).segments[0]
    assert seg.target == 'he said "BAD" loudly' and seg.errors[0].span == Span(14, 20)


@pytest.mark.parametrize("unit", ["segment", "document"])
def test_precision_recall_and_clean_flags_by_hand(tmp_path: Path, engine, unit: str) -> None:
    result = evaluate_mqm(write_tsv(tmp_path, ROWS), engine, unit=unit)
    # flags: 2 in "one BAD two BAD three" (one on the rater's span), 1 in the clean "all fine BAD here",
    # 1 in "an BAD error" (the raters marked "an" and "error", not "BAD")
    (rule,) = result.rules
    assert (rule.flags, rule.hits, rule.clean_flags) == (4, 1, 1)
    assert rule.precision == pytest.approx(0.25)
    assert dict(rule.categories) == {"Fluency/Spelling": 1, "unmarked": 2, "clean": 1}
    # recall on the rule's own category (Fluency/Spelling): "BAD" found, "an" missed
    assert (rule.recall_found, rule.recall_total) == (1, 2)
    assert result.clean_segments == 2 and result.clean_words == 4 + 3
    assert result.words == 5 + 3 + 4 + 3
    assert result.spans == 3 and result.unlocated_errors == 1
    assert result.to_dict()["rules"][0]["clean_per_1000_words"] == pytest.approx(1000 / 7)
    assert result.documents == (4 if unit == "segment" else 2)
    landed = sorted((f.landed, f.text) for f in result.flags)
    assert landed == [("clean", "BAD"), ("error", "BAD"), ("unmarked", "BAD"), ("unmarked", "BAD")]
    spelling = next(c for c in result.categories if c.category == "Fluency/Spelling")
    assert (spelling.spans, spelling.found) == (2, 1)


def test_identical_targets_are_pooled_and_clean_only_when_every_rater_says_so(tmp_path: Path, engine) -> None:
    extra = "sysC\ttalk.1\t1\t1\tr3\tsrc one\tall fine <v>BAD</v> here\tFluency/Spelling\tMinor"
    result = evaluate_mqm(write_tsv(tmp_path, [*ROWS, extra]), engine, unit="segment")
    (rule,) = result.rules
    assert result.segments == 5 and result.documents == 4
    assert (rule.flags, rule.hits, rule.clean_flags) == (4, 2, 0)
    assert result.clean_segments == 1 and result.clean_words == 3


def test_references_are_attached_from_the_reference_systems(tmp_path: Path) -> None:
    from mtqa.evaluation.mqm import _references

    rows = [r.replace("sysA", "ref") for r in ROWS]
    data = read_mqm(write_tsv(tmp_path, rows))
    refs = _references(data.segments, ("ref", "refB"))
    assert refs[("sysB", "talk.1", "1", "1")] == "one BAD two BAD three"
    assert ("ref", "talk.1", "1", "1") not in refs  # a reference is never its own reference


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("system\tdoc\ttarget\n", "missing column"),
        ("", "empty file"),
        (HEADER + "\nsysA\ttalk.1\t1\n", "line 2: 3 fields"),
    ],
)
def test_bad_files_are_reported_with_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MQMFormatError, match=message):
        read_mqm(path)


def test_shared_mqm_file_parses() -> None:
    path = need_shared("mqm", "mqm_ted_zhen.tsv")
    data = read_mqm(path)
    assert data.rows == 9915 and data.dropped_rows == 0
    assert len(data.segments) == 7935
    assert sum(s.clean for s in data.segments) == 4297
    for seg in data.segments:
        assert "<v>" not in seg.target and "</v>" not in seg.target
        for err in seg.errors:
            assert err.span is None or 0 <= err.span.start <= err.span.end <= len(seg.target)
