"""File positions: every output names the input file's own line and column, and the unit.

Each fixture under ``fixtures/`` has one real artefact (a double space, W102) on a known line
and column of the file, after escapes and inline tags that shift the columns; the XLIFF 1.2
fixture also has inline placeholders between spaces ("Click <x id="1"/> to continue"), which
must raise no whitespace flag at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.readers import read_data
from mtqa.report import render
from mtqa.rules import Selection

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "sarif-2.1.0.json"

#: fixture -> (line, column, unit) of its one double space, counted by hand in the file.
ARTEFACTS = {
    "positions-1.2.xlf": (19, 37, "tools"),  # after "&amp;": the entity is 5 columns, 1 character
    "positions-2.0.xlf": (13, 73, "u2::s1"),  # after "&lt;", "&gt;" and a <pc> element
    "positions.tmx": (12, 104, "tu-salt"),  # after "&amp;" and native codes whose content is markup
    "positions.po": (14, 5, 'Er sagte "Hallo" und ging.'),  # on the continuation line of the msgstr
    "positions.jsonl": (2, 44, "r2"),  # after \" and \n escapes in the JSON string
}


def check(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", fmt, str(path)])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def w_flags(report: dict) -> list[dict]:
    return [dict(i, path=f["path"]) for f in report["files"] for i in f["issues"] if i["code"].startswith("W")]


@pytest.mark.parametrize("name", sorted(ARTEFACTS))
def test_json_reports_the_file_line_column_and_unit(name: str) -> None:
    line, column, unit = ARTEFACTS[name]
    (issue,) = w_flags(json.loads(check(FIXTURES / name, "json")))
    assert (issue["code"], issue["line"], issue["column"], issue["unit"]) == ("W102", line, column, unit)
    assert issue["exact_column"] is True and issue["end_line"] == line and issue["end_column"] == column + 2
    raw_line = (FIXTURES / name).read_text(encoding="utf-8").split("\n")[line - 1]
    assert raw_line[column - 1 : column + 1] == "  ", "the reported column is where the two spaces are in the file"


@pytest.mark.parametrize("name", sorted(ARTEFACTS))
def test_sarif_region_is_in_the_file_and_the_unit_is_a_logical_location(name: str) -> None:
    line, column, unit = ARTEFACTS[name]
    log = json.loads(check(FIXTURES / name, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    results = [r for r in log["runs"][0]["results"] if r["ruleId"].startswith("W")]
    (result,) = results
    (where,) = result["locations"]
    region = where["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
        line,
        column,
        line,
        column + 2,
    )
    assert "charOffset" not in region, "offsets into the joined targets are not offsets into the file"
    assert where["logicalLocations"][0]["name"] == unit
    assert result["properties"]["unit"] == unit
    # the fix deletes one space of a plain run of the file: it may be written back there
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["deletedRegion"]["startLine"] == line


@pytest.mark.parametrize("name", sorted(ARTEFACTS))
def test_text_report_names_the_file_line_and_unit(name: str) -> None:
    line, column, unit = ARTEFACTS[name]
    out = check(FIXTURES / name, "text")
    head = next(text for text in out.splitlines() if ": W102" in text)
    assert f":{line}:{column}: W102" in head
    assert f"unit {unit!r}" in head


def test_placeholders_between_spaces_raise_no_whitespace_flag() -> None:
    """'Click <x id="1"/> to continue', 'Version <ph/>.', '(<x/> NATO)': no W flag; the genuine
    double space of the same file still is one."""
    report = json.loads(check(FIXTURES / "positions-1.2.xlf", "json"))
    assert [(i["code"], i["unit"]) for i in w_flags(report)] == [("W102", "tools")]
    # the same targets without their markup are flagged: the placeholders are what spares them
    doc = read_data((FIXTURES / "positions-1.2.xlf").read_bytes(), "p.xlf")[0].document
    assert doc is not None and "Click  to continue." in doc.text
    plain = Engine(RunOptions(selection=Selection(("W",)))).check_document(Document.from_text(doc.text, id="plain"))
    assert {i.code for i in plain} >= {"W102", "W104", "W107"}


@pytest.mark.parametrize("name", ["positions-1.2.xlf", "positions-2.0.xlf", "positions.tmx"])
def test_every_character_of_an_xml_target_maps_to_itself_in_the_file(name: str) -> None:
    raw = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
    escaped = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    doc = read_data((FIXTURES / name).read_bytes(), name)[0].document
    assert doc is not None
    for seg in doc.segments:
        for i, char in enumerate(seg.text):
            at = doc.position(seg.span.start + i)
            assert at.exact and at.unit == seg.id
            assert raw[at.line - 1][at.column - 1 :].startswith(escaped.get(char, char)), (seg.id, i, char)


def test_every_character_of_a_po_string_and_a_json_string_maps_to_itself() -> None:
    escapes = {"\n": "\\n", '"': '\\"'}
    for name in ("positions.po", "positions.jsonl"):
        raw = (FIXTURES / name).read_text(encoding="utf-8").split("\n")
        for result in read_data((FIXTURES / name).read_bytes(), name):
            doc = result.document
            assert doc is not None
            for seg in doc.segments:
                for i, char in enumerate(seg.text):
                    at = doc.position(seg.span.start + i)
                    assert at.exact
                    assert raw[at.line - 1][at.column - 1 :].startswith(escapes.get(char, char)), (name, i, char)


def test_other_outputs_carry_the_file_line_and_the_unit() -> None:
    path = FIXTURES / "positions-2.0.xlf"
    doc = read_data(path.read_bytes(), str(path))[0].document
    assert doc is not None
    report = Engine(RunOptions(selection=Selection(("W102",)))).check_documents([doc])
    junit = render(report, "junit")
    assert f"{path}:13:73 (unit u2::s1): W102" in junit
    github = render(report, "github")
    assert "line=13,col=73,endLine=13,endColumn=75" in github and "(unit u2::s1)" in github
    (entry,) = json.loads(render(report, "gitlab"))
    assert entry["location"]["lines"] == {"begin": 13, "end": 13} and "unit u2::s1" in entry["description"]
    frame = report.to_dataframe()
    assert (frame.loc[0, "line"], frame.loc[0, "column"], frame.loc[0, "unit"]) == (13, 73, "u2::s1")


def test_html_report_escapes_the_unit_id(tmp_path: Path) -> None:
    xliff = (FIXTURES / "positions-1.2.xlf").read_text(encoding="utf-8")
    hostile = xliff.replace('id="tools"', 'id="&lt;b onclick=&quot;x()&quot;&gt;&amp;"')
    doc = read_data(hostile.encode("utf-8"), "hostile.xlf")[0].document
    assert doc is not None
    report = Engine(RunOptions(selection=Selection(("W102",)))).check_documents([doc])
    assert [doc.position(i.span.start).unit for i in report.issues] == ['<b onclick="x()">&']
    page = render(report, "html")
    label = "&lt;b onclick=&quot;x()&quot;&gt;&amp;"
    assert f'<span class="mq-unit" title="unit {label}">{label}</span>' in page
    assert '<b onclick="x()">' not in page


def test_a_quoted_csv_cell_is_placed_at_its_row() -> None:
    data = b'id,text\nr1,"He said ""yes""  twice"\nr2,plain  text\n'
    results = read_data(data, "rows.csv")
    quoted, plain = (r.document for r in results)
    assert quoted is not None and plain is not None
    at = quoted.position(quoted.text.index("  "))
    assert (at.line, at.column, at.unit, at.exact) == (2, 1, "r1", False)
    at = plain.position(plain.text.index("  "))
    assert (at.line, at.column, at.unit, at.exact) == (3, 9, "r2", True)
    log = json.loads(render(Engine(RunOptions(selection=Selection(("W102",)))).check_documents([quoted]), "sarif"))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 2 and "endColumn" not in region, "only the row's start is known"


def test_plain_text_keeps_its_own_lines() -> None:
    doc = read_data(b"First line.\nSecond  line.\n", "a.txt")[0].document
    assert doc is not None and doc.origin is None
    at = doc.position(doc.text.index("  "))
    assert (at.line, at.column, at.unit, at.exact) == (2, 7, None, True)


def test_a_feed_item_is_placed_in_the_feed_file() -> None:
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Site</title>\n'
        "<item><title>Talks in Geneva</title>\n"
        "<description><![CDATA[<p>The ministers <b>met</b> on  Friday.</p>]]></description></item>\n"
        "</channel></rss>\n"
    )
    (doc,) = (r.document for r in read_data(feed.encode("utf-8"), "news.rss"))
    assert doc is not None
    title, body = (doc.position(seg.span.start) for seg in doc.segments)
    assert (title.line, title.column, title.exact) == (3, 14, True)
    at = doc.position(doc.text.index("Friday"))  # after an inline tag and a run of spaces collapsed to one
    line = feed.split("\n")[at.line - 1]
    assert at.exact and line[at.column - 1 :].startswith("Friday"), (at, line)
    assert body.line == 4


def test_a_record_is_reported_in_its_file_not_under_its_document_id() -> None:
    """A JSONL record's document is ``file#r2``; an editor, a pull request and a code-scanning
    service need the file itself, and the record as the unit."""
    path = FIXTURES / "positions.jsonl"
    head = next(text for text in check(path, "text").splitlines() if ": W102" in text)
    assert head.startswith(f"{path}:2:44: W102") and "unit 'r2'" in head
    github = check(path, "github")
    assert f"file={path},line=2,col=44" in github.replace("%3A", ":")
    log = json.loads(check(path, "sarif"))
    (result,) = [r for r in log["runs"][0]["results"] if r["ruleId"] == "W102"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("positions.jsonl")
    (issue,) = w_flags(json.loads(check(path, "json")))
    assert issue["path"] == f"{path}#r2" and issue["file"] == str(path)


def test_only_the_pieces_of_a_run_beside_a_placeholder_are_judged() -> None:
    """'a <x/>  b': one space before the code, two after it: the two are still a double space;
    '<g>' wraps text and stands for nothing, so 'word <g> bold</g>' keeps its double space."""
    xliff = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="de" target-language="en" datatype="plaintext"><body>\n'
        '<trans-unit id="after"><source>a b</source><target>Press <x id="1"/>  now.</target></trans-unit>\n'
        '<trans-unit id="wrap"><source>a b</source><target>The word <g id="2"> bold</g> here.</target></trans-unit>\n'
        "</body></file></xliff>\n"
    )
    doc = read_data(xliff.encode("utf-8"), "runs.xlf")[0].document
    assert doc is not None
    found = Engine(RunOptions(selection=Selection(("W102",)))).check_document(doc)
    places = [(doc.position(i.span.start).unit, i.text) for i in found]
    assert places == [("after", "  "), ("wrap", "  ")]
    assert doc.position(found[0].span.start).column == xliff.split("\n")[2].index("  now") + 1


def test_json_lines_issue_lines_carry_the_file_position_and_unit() -> None:
    line, column, unit = ARTEFACTS["positions.po"]
    records = [json.loads(text) for text in check(FIXTURES / "positions.po", "jsonl").splitlines()]
    (issue,) = [r for r in records if r["type"] == "issue" and r["code"].startswith("W")]
    assert (issue["line"], issue["column"], issue["unit"], issue["exact_column"]) == (line, column, unit, True)
