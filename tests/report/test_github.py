"""GitHub workflow commands: one annotation line per issue, escaped as the Actions toolkit does."""

from __future__ import annotations

import re

from mtqa.report import RenderOptions, render
from mtqa.report.escaping import control_pictures
from mtqa.report.github import escape_data, escape_property
from mtqa.report.model import Report

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(value: str, prop: bool) -> str:
    """What the Actions runner does to a command's values (toolkit command.ts, in reverse)."""
    if prop:
        value = value.replace("%3A", ":").replace("%2C", ",")
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: unescape(v, True) for k, v in props.items()}, unescape(m.group(3), False)


def test_escaping_matches_the_toolkit() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("\x1b[31m") == "␛[31m"


def test_each_issue_is_an_annotation_with_its_position(example_report: Report) -> None:
    lines = render(example_report, "github").splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(example_report.issues)
    doc = example_report.documents[0]
    for (kind, props, message), issue in zip(commands, example_report.issues, strict=True):
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[issue.severity.value]
        line, col = doc.line_col(issue.span.start)
        end_line, end_col = doc.line_col(issue.span.end)
        assert props["file"] == doc.id and props["line"] == str(line) and props["endLine"] == str(end_line)
        if line == end_line:
            assert props["col"] == str(col) and props["endColumn"] == str(end_col)
        assert props["title"] == f"{issue.code} {issue.name}"
        assert message.startswith(issue.message)
    assert lines[-1].startswith("mtqa: ")


def test_hostile_text_cannot_break_out_of_a_command(hostile: Report, nasty) -> None:
    out = render(hostile, "github")
    assert "\x1b" not in out and "\x00" not in out and "\r" not in out
    lines = out.splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert len(commands) == len(hostile.issues) + len(hostile.errors)
    assert all(not line.startswith("::") or COMMAND.match(line) for line in lines)
    by_message = {message.split("\nfix")[0]: (kind, props) for kind, props, message in commands}
    kind, props = by_message[control_pictures(nasty.message)]
    assert kind == "error" and props["file"] == nasty.id and props["title"] == "W101 merged-tokens"
    info_kind, info_props = by_message["spans two lines"]
    assert info_kind == "notice" and "col" not in info_props and int(info_props["endLine"]) > int(info_props["line"])
    error_kind, error_props = next((k, p) for k, p, m in commands if p["title"].startswith("X001"))
    assert error_kind == "error" and error_props["file"] == hostile.errors[0].path
    assert (error_props["line"], error_props["col"]) == ("2", "3")
    assert "in the baseline" not in out


def test_statistics_adds_counts_per_rule(example_report: Report) -> None:
    plain = render(example_report, "github")
    with_stats = render(example_report, "github", RenderOptions(statistics=True))
    extra = [line for line in with_stats.splitlines() if line not in plain.splitlines()]
    counts = example_report.counts_by_rule()
    assert len(extra) == len(counts)
    for (code, name), n in counts.items():
        assert any(line.split() == [str(n), code, name] for line in extra)
