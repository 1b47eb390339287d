"""The S rules end to end: real PO and XLIFF files through ``mtqa check``, and the inline codes
that the XLIFF reader keeps for S103."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.readers import ReaderOptions, read_file

DATA = Path(__file__).parent / "data"


def check(path: Path, select: str) -> list[dict]:
    args = ["check", str(path), "--select", select, "--preview", "--format", "json", "--isolated", "-j", "1"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    return [issue for file in report["files"] for issue in file["issues"]]


def test_po_number_changed_is_flagged_and_locale_formats_and_times_are_not() -> None:
    issues = check(DATA / "source-pairs.po", "S101")
    assert [(i["code"], i["text"]) for i in issues] == [("S101", "4")]
    assert "'3' became '4'" in issues[0]["message"]


def test_po_dropped_placeholder() -> None:
    issues = check(DATA / "source-pairs.po", "S103")
    assert [i["code"] for i in issues] == ["S103"]
    assert "%(name)s" in issues[0]["message"]


def test_xliff_inline_codes_are_kept_per_side() -> None:
    (result,) = read_file(DATA / "source-pairs.xlf", ReaderOptions())
    first, second = result.document.segments
    assert first.source_codes == ("g#1", "x#2") and first.target_codes == ("g#1",)
    assert second.source_codes == ("ph#1", "ph#2") and second.target_codes == ("ph#2", "ph#1")


def test_xliff_end_to_end() -> None:
    issues = check(DATA / "source-pairs.xlf", "S101,S102,S103")
    found = sorted((i["code"], i["text"]) for i in issues)
    # the year changed; <x id="2"/> dropped; the reordered <ph> codes and the address are fine
    assert found == [("S101", "2018"), ("S103", "Cliquez ici pour lire le rapport de 2018.")]


def test_inline_codes_survive_the_trip_to_a_worker_process() -> None:
    from mtqa.parallel import pack, unpack

    (result,) = read_file(DATA / "source-pairs.xlf", ReaderOptions())
    (again,) = unpack(pack([result.document]))
    assert again.segments == result.document.segments


def test_jsonl_with_a_source_field(tmp_path: Path) -> None:
    records = [
        {"id": "a", "source": "Call +1 555 0100 before 5 p.m.", "text": "Rufen Sie vor 17 Uhr +1 555 0100 an."},
        {"id": "b", "source": "The report is due on 12 May.", "text": "Der Bericht ist am 21. Mai fällig."},
        {"id": "c", "source": "Please contact our support team.", "text": "Please contact our support team."},
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    args = ["check", str(path), "--select", "S", "--preview", "--format", "json", "--isolated", "-j", "1"]
    result = CliRunner().invoke(cli, [*args, "--language", "de", "--source-language", "en"], catch_exceptions=False)
    report = json.loads(result.output)
    found = sorted((i["code"], i["text"]) for f in report["files"] for i in f["issues"])
    assert found == [("S101", "21"), ("S104", "Please contact our support team.")]
