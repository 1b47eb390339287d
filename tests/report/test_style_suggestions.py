"""House style apart from artefacts: N201 reports at info, reports list it as style suggestions,
``--fail-on warning`` passes on it, and a project that raises its severity makes it an issue again."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine
from mtqa.issue import Severity
from mtqa.report import html as html_report
from mtqa.report import text as text_report
from mtqa.report.model import is_style_suggestion
from mtqa.rules import resolve

STYLE_ONLY = "Shelling was reported in Kiev on Monday, officials said.\n"
BOTH = "Shelling was reported in Kiev on Monday. Anthony BlinkenHe said so.\n"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout


def test_n201_is_house_style_at_info() -> None:
    rule = resolve("N201")
    assert rule.house_style and rule.severity is Severity.INFO
    assert not resolve("W101").house_style


def test_text_report_lists_style_suggestions_after_the_artefacts() -> None:
    report = Engine().check_documents([Document.from_text(BOTH, id="story.txt")])
    assert [i.code for i in report.style_suggestions()] == ["N201"]
    assert "N201" not in [i.code for i in report.artefacts()]
    out = text_report.render(report)
    head = out.index("Style suggestions")
    assert out.index("W101") < head < out.index("N201")
    assert out.rstrip().endswith("and 1 style suggestion. 2 fixable with `mtqa fix --unsafe-fixes`.")
    assert report.summary()["style_suggestions"] == 1


def test_html_report_groups_style_cards_apart() -> None:
    report = Engine().check_documents([Document.from_text(BOTH, id="story.txt")])
    page = html_report.render(report)
    group = page.index('class="mq-group"')
    w101 = re.search(r'<li class="mq-card [^"]*" data-n="\d+" data-code="W101"', page).start()
    n201 = re.search(r'<li class="mq-card [^"]*" data-n="\d+" data-code="N201"', page).start()
    assert w101 < group < n201
    assert 'class="mq-card mq-info mq-style"' in page
    assert '<span class="mq-sumtotal">1 issue</span>' in page and "1 style suggestion</span>" in page


def test_fail_on_warning_passes_on_style_suggestions(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STYLE_ONLY, encoding="utf-8")
    code, out = run("check", str(story), "--fail-on", "warning")
    assert code == 0 and "Style suggestions" in out and "Found 0 issues" in out
    code, _ = run("check", str(story), "--fail-on", "info")
    assert code == 1


def test_raised_severity_makes_it_an_issue_again(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STYLE_ONLY, encoding="utf-8")
    config = tmp_path / "mtqa.toml"
    config.write_text('[severity]\nN201 = "warning"\n', encoding="utf-8")
    code, out = run("check", str(story), "--config", str(config), "--fail-on", "warning")
    assert code == 1 and "Style suggestions" not in out and "(non-preferred-spelling, warning)" in out
    code, out = run("check", str(story), "--config", str(config), "--format", "json")
    data = json.loads(out)
    assert data["summary"]["style_suggestions"] == 0
    assert not any(is_style_suggestion(i) for i in Engine().check_documents([]).issues)
