"""The HTML report in a real browser: headless Chromium (Debian's ``chromium`` and ``chromium-driver``).

Offline by construction: Selenium is given the browser and driver paths, so its driver
manager has nothing to look up, and the report itself loads nothing. A screenshot of the
report is written to ``tests/report/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import applicable, apply_batch, non_overlapping
from mtqa.inputs import example_bytes
from mtqa.issue import Issue, Severity
from mtqa.report import render
from mtqa.report.model import Report
from mtqa.rules import Selection
from mtqa.span import Applicability, Edit, Fix, Span

CHROMIUM = Path(os.environ.get("MTQA_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("MTQA_CHROMEDRIVER", "/usr/bin/chromedriver"))
ARTIFACTS = Path(__file__).with_name("artifacts")

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        f"headless browser tests need {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

HOSTILE = (
    "Hostile <script>window.__pwned=1</script> text with  two spaces. .\n"
    'An image <img src=x onerror="window.__pwned=1"> and a link javascript:alert(1) here.\n'
    "Closing </script><script>window.__pwned=3</script> line \u2028 end,, done.\n"
)
HOSTILE_NAME = 'b-<img src=y onerror="window.__pwned=2">.txt'
EMOJI = "🙂 Emoji first  then doubled. . And 🎉 more  spaces,, here.\n"
FILES = {"a-article.txt": example_bytes().decode("utf-8"), HOSTILE_NAME: HOSTILE, "c-emoji.txt": EMOJI}


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager: never look anything up
    profile = tempfile.mkdtemp(prefix="mtqa-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1440,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    downloads = Path(profile) / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    drv.set_page_load_timeout(30)
    drv.downloads = downloads
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def cli_run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["--isolated" if a == "@iso" else a for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("feed")
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def page(corpus: Path, driver) -> dict:
    """``mtqa check --format html -o report.html`` over the folder, opened in the browser."""
    out = corpus.parent / "report.html"
    cli_run("check", str(corpus), "@iso", "--format", "html", "-o", str(out), "--exit-zero")
    cli_run("check", str(corpus), "@iso", "--format", "json", "-o", str(corpus.parent / "report.json"), "--exit-zero")
    report = json.loads((corpus.parent / "report.json").read_text(encoding="utf-8"))
    load(driver, out)
    return report


def load(driver, path: Path) -> None:
    driver.get(path.as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return (window.mtqaReports || []).length > 0"))
    driver.get_log("browser")  # start every page with an empty log (the assertions read it later)


def errors(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def issue_ids(driver, doc: int) -> list[int]:
    return sorted(
        driver.execute_script(
            "var out = []; document.querySelectorAll('.mq-doc[data-doc=\"' + arguments[0] + '\"] mark.mq-hl')"
            ".forEach(function (m) { m.getAttribute('data-i').split(' ').forEach(function (n) { out.push(+n); }); });"
            "return Array.from(new Set(out));",
            doc,
        )
    )


def visible_ids(driver) -> list[int]:
    return sorted(
        driver.execute_script(
            "var out = []; var d = window.mtqaReports[0].current();"
            "document.querySelectorAll('.mq-doc[data-doc=\"' + d + '\"] mark.mq-hl:not(.mq-off)')"
            ".forEach(function (m) { m.getAttribute('data-v').split(' ').forEach(function (n) { out.push(+n); }); });"
            "return Array.from(new Set(out));"
        )
    )


def shown_cards(driver) -> list[int]:
    cards = driver.find_elements(By.CSS_SELECTOR, ".mq-list .mq-card")
    return sorted(int(c.get_attribute("data-n")) for c in cards if c.is_displayed())


def numbered(report: dict) -> list[list[tuple[int, dict]]]:
    out, n = [], 0
    for f in report["files"]:
        items = []
        for issue in f["issues"]:
            items.append((n, issue))
            n += 1
        out.append(items)
    return out


def mtqa_fix(corpus: Path, name: str, tmp_path: Path, *extra: str) -> str:
    copy = tmp_path / name
    copy.write_text(FILES[name], encoding="utf-8")
    cli_run("fix", str(copy), "@iso", *extra)
    return copy.read_text(encoding="utf-8")


def show(driver, name: str) -> int:
    """Open a document by clicking its entry in the side panel; returns its index."""
    button = next(
        b for b in driver.find_elements(By.CSS_SELECTOR, ".mq-docbtn") if b.get_attribute("title").endswith(name)
    )
    button.click()
    return int(button.get_attribute("data-doc"))


def test_one_highlight_per_issue_and_one_card(page: dict, driver) -> None:
    docs = numbered(page)
    for d, items in enumerate(docs):
        assert issue_ids(driver, d) == [n for n, _ in items]
    total = sum(len(items) for items in docs)
    assert total == sum(len(f["issues"]) for f in page["files"]) > 10
    cards = driver.execute_script("return document.querySelectorAll('.mq-list .mq-card').length")
    assert cards == total
    # The highlighted text of each issue is exactly its span, emoji or not.
    texts = driver.execute_script(
        "var t = {}; document.querySelectorAll('.mq-text mark.mq-hl').forEach(function (m) {"
        "  m.getAttribute('data-i').split(' ').forEach(function (n) { t[n] = (t[n] || '') + m.textContent; }); });"
        "return t;"
    )
    for items in docs:
        for n, issue in items:
            assert texts[str(n)] == issue["text"]
    assert errors(driver) == []


def test_filters_hide_exactly_the_filtered_issues(page: dict, driver) -> None:
    d = show(driver, "a-article.txt")
    items = numbered(page)[d]
    everything = [n for n, _ in items]
    assert visible_ids(driver) == everything
    assert shown_cards(driver) == everything
    for code in sorted({i["code"] for _, i in items}):
        box = driver.find_element(By.CSS_SELECTOR, f'.mq-rulebox[data-code="{code}"]')
        box.click()
        expected = [n for n, i in items if i["code"] != code]
        assert visible_ids(driver) == expected, code
        assert shown_cards(driver) == expected, code
        count = driver.find_element(By.CSS_SELECTOR, f'[data-count-rule="{code}"]').text
        assert int(count) == sum(1 for _, i in items if i["code"] == code)
        box.click()
        assert visible_ids(driver) == everything
    driver.find_element(By.CSS_SELECTOR, '.mq-sevbox[data-sev="warning"]').click()
    assert visible_ids(driver) == [n for n, i in items if i["severity"] != "warning"]
    driver.find_element(By.CSS_SELECTOR, '.mq-sevbox[data-sev="warning"]').click()
    driver.find_element(By.CSS_SELECTOR, ".mq-no-rules").click()
    assert visible_ids(driver) == [] and shown_cards(driver) == []
    driver.find_element(By.CSS_SELECTOR, ".mq-all-rules").click()
    assert visible_ids(driver) == everything
    assert errors(driver) == []


@pytest.mark.parametrize("name", ["a-article.txt", "c-emoji.txt", HOSTILE_NAME])
def test_accepting_all_safe_fixes_gives_what_mtqa_fix_writes(page: dict, driver, corpus: Path, tmp_path, name) -> None:
    d = show(driver, name)
    driver.find_element(By.CSS_SELECTOR, ".mq-reject-all").click()
    assert driver.find_element(By.CSS_SELECTOR, ".mq-out").get_attribute("value") == FILES[name]
    driver.find_element(By.CSS_SELECTOR, ".mq-accept-safe").click()
    corrected = driver.execute_script("return window.mtqaReports[0].correctedText()")
    # What the Copy and Save buttons take (the textarea normalises line breaks: these files have no CR).
    assert driver.find_element(By.CSS_SELECTOR, ".mq-out").get_attribute("value") == corrected
    assert corrected == mtqa_fix(corpus, name, tmp_path)
    assert corrected != FILES[name]
    assert d == driver.execute_script("return window.mtqaReports[0].current()")
    assert errors(driver) == []


def one_pass(text: str, level: Applicability) -> str:
    """What the page computes: the fixes of one check, non-overlapping, in one batch."""
    issues = Engine(RunOptions(selection=Selection())).check_document(Document.from_text(text))
    batch = non_overlapping([(i.code, i.fix) for i in issues if applicable(i, level) and i.fix is not None])
    return apply_batch(text, [f for _, f in batch])


def test_accepting_everything_is_one_pass_and_says_what_it_skipped(page: dict, driver, corpus, tmp_path) -> None:
    """In the example a deleted boilerplate line covers an irregular space: ``mtqa fix --unsafe-fixes``
    deletes the line in a second pass; the page shows the first pass and says one fix was not applied."""
    show(driver, "a-article.txt")
    driver.find_element(By.CSS_SELECTOR, ".mq-accept-all").click()
    corrected = driver.execute_script("return window.mtqaReports[0].correctedText()")
    text = FILES["a-article.txt"]
    assert corrected == one_pass(text, Applicability.UNSAFE)
    assert corrected != mtqa_fix(corpus, "a-article.txt", tmp_path, "--unsafe-fixes")
    assert "not applied" in driver.find_element(By.CSS_SELECTOR, ".mq-status").text
    notes = [e for e in driver.find_elements(By.CSS_SELECTOR, ".mq-list .mq-skipnote") if e.is_displayed()]
    assert notes
    # Unticking one fix takes exactly that edit out.
    driver.find_element(By.CSS_SELECTOR, ".mq-reject-all").click()
    first = driver.find_elements(By.CSS_SELECTOR, ".mq-list .mq-card .mq-acc-box")[0]
    first.click()
    assert driver.execute_script("return window.mtqaReports[0].correctedText()").startswith(
        text[: text.index("MarchettiShe")] + "Marchetti. She"
    )
    driver.find_element(By.CSS_SELECTOR, ".mq-tab[data-view=corrected]").click()
    assert driver.find_elements(By.CSS_SELECTOR, ".mq-doc:not([hidden]) .mq-corr ins")
    driver.find_element(By.CSS_SELECTOR, ".mq-tab[data-view=marked]").click()
    driver.find_element(By.CSS_SELECTOR, ".mq-accept-safe").click()
    assert errors(driver) == []


def test_hovering_a_highlight_shows_message_rule_and_fix(page: dict, driver) -> None:
    d = show(driver, "a-article.txt")
    issue = next(i for _, i in numbered(page)[d] if i["code"] == "W101")
    mark = next(
        m for m in driver.find_elements(By.CSS_SELECTOR, ".mq-doc:not([hidden]) mark.mq-hl") if m.text == issue["text"]
    )
    ActionChains(driver).move_to_element(mark).perform()
    WebDriverWait(driver, 5).until(lambda drv: drv.find_element(By.CSS_SELECTOR, ".mq-pop").is_displayed())
    pop = driver.find_element(By.CSS_SELECTOR, ".mq-pop").text
    assert issue["message"] in pop and issue["code"] in pop and issue["name"] in pop
    assert issue["fix"]["title"] in pop
    ActionChains(driver).move_by_offset(0, 400).perform()
    driver.find_element(By.CSS_SELECTOR, ".mq-title").click()
    assert errors(driver) == []


def test_input_markup_is_shown_as_text_and_never_runs(page: dict, driver) -> None:
    show(driver, HOSTILE_NAME)
    shown = driver.execute_script("return document.querySelector('.mq-doc:not([hidden]) .mq-text').textContent")
    assert shown == HOSTILE
    assert driver.find_element(By.CSS_SELECTOR, ".mq-title").text.endswith(HOSTILE_NAME)
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img, iframe, a[href]').length") == 0
    assert driver.execute_script("return document.scripts.length") == 2
    assert errors(driver) == []


def test_hostile_messages_and_fixes_stay_text_in_every_view(driver, tmp_path: Path) -> None:
    """A made-up issue whose message, fix title and replacement carry markup, accepted and shown."""
    text = "Start <b>bold</b> end. .\n"
    doc = Document.from_text(text, id="<i>x</i>.txt")
    span = Span(text.index("<b>"), text.index(" end"))
    evil = '<img src=x onerror="window.__pwned=5"></script><script>window.__pwned=6</script>'
    issue = Issue(
        "W101",
        "merged-tokens",
        f"message {evil}",
        span,
        span.slice(text),
        Severity.ERROR,
        "whitespace",
        mqm=evil,
        document=doc.id,
        fix=Fix((Edit(span, evil),), Applicability.SAFE, f"title {evil}"),
        alternatives=(Fix.replace(span, "javascript:alert(1)", Applicability.UNSAFE, evil),),
    )
    engine = Engine(RunOptions(selection=Selection(("P101",))))
    real = engine.check_document(doc)
    report = Report((doc,), tuple(sorted((issue, *real), key=lambda i: i.sort_key)), engine.signature)
    out = tmp_path / "evil.html"
    out.write_text(render(report, "html"), encoding="utf-8")
    load(driver, out)
    driver.find_element(By.CSS_SELECTOR, ".mq-accept-all").click()
    driver.find_element(By.CSS_SELECTOR, ".mq-tab[data-view=corrected]").click()
    corrected = driver.execute_script("return window.mtqaReports[0].correctedText()")
    assert corrected == "Start " + evil + " end.\n"
    assert evil in driver.find_element(By.CSS_SELECTOR, ".mq-doc .mq-corr").get_attribute("textContent")
    driver.find_elements(By.CSS_SELECTOR, ".mq-list .mq-opt")[1].click()  # choose the alternative
    assert driver.execute_script("return window.mtqaReports[0].correctedText()") == "Start javascript:alert(1) end.\n"
    driver.find_element(By.CSS_SELECTOR, ".mq-tab[data-view=marked]").click()
    mark = driver.find_elements(By.CSS_SELECTOR, "mark.mq-hl")[0]
    mark.click()
    assert evil in driver.find_element(By.CSS_SELECTOR, ".mq-pop").text
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img, iframe, a[href]').length") == 0
    assert errors(driver) == []


def test_screenshot_for_review(page: dict, driver, corpus: Path) -> None:
    """Not an assertion on looks: a picture for a person (tests/report/artifacts/report.png)."""
    load(driver, corpus.parent / "report.html")
    mark = driver.find_elements(By.CSS_SELECTOR, ".mq-doc:not([hidden]) mark.mq-hl")[0]
    mark.click()
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "report.png"
    assert driver.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
    assert errors(driver) == []


def test_two_reports_on_one_page_work_independently(driver, tmp_path: Path) -> None:
    """The notebook case: ``Report._repr_html_`` fragments side by side, twice the same report."""
    from mtqa.report.html import document_view, fragment

    engine = Engine(RunOptions(selection=Selection()))
    one = engine.check_documents([Document.from_text("Two  spaces and a stop. .\n", id="one.txt")])
    two = engine.check_documents([Document.from_text(EMOJI, id="two.txt")])
    body = fragment(one) + "<p>between</p>" + fragment(one) + fragment(two) + document_view(two, "two.txt")
    out = tmp_path / "notebook.html"
    out.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>", "utf-8")
    load(driver, out)
    assert driver.execute_script("return window.mtqaReports.length") == 3
    roots = driver.find_elements(By.CSS_SELECTOR, ".mtqa-report[data-mq-ready]")
    assert len(roots) == 3
    roots[1].find_element(By.CSS_SELECTOR, ".mq-reject-all").click()
    texts = driver.execute_script("return window.mtqaReports.map(function (r) { return r.correctedText(); })")
    assert texts == ["Two spaces and a stop.\n", "Two  spaces and a stop. .\n", mtqa_fix_text(EMOJI)]
    assert errors(driver) == []


def mtqa_fix_text(text: str) -> str:
    import mtqa

    return mtqa.fix_text(text)


def test_keyboard_dismiss_and_save(page: dict, driver, corpus: Path) -> None:
    load(driver, corpus.parent / "report.html")
    d = show(driver, "a-article.txt")
    items = numbered(page)[d]
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    first = items[0][0]
    assert driver.find_element(By.CSS_SELECTOR, ".mq-list .mq-card.mq-sel").get_attribute("data-n") == str(first)
    assert driver.find_element(By.CSS_SELECTOR, ".mq-pop").is_displayed()
    before = driver.execute_script("return window.mtqaReports[0].correctedText()")
    body.send_keys("a")  # accept the selected (unsafe) fix
    assert driver.execute_script("return window.mtqaReports[0].correctedText()") != before
    body.send_keys("a")
    assert driver.execute_script("return window.mtqaReports[0].correctedText()") == before
    body.send_keys("d")  # dismiss: its highlight goes, its card greys out, the counts drop
    assert first not in visible_ids(driver)
    card = driver.find_element(By.CSS_SELECTOR, f'.mq-list .mq-card[data-n="{first}"]')
    assert "mq-dismissed" in card.get_attribute("class")
    card.find_element(By.CSS_SELECTOR, ".mq-dismiss").click()  # Restore
    assert first in visible_ids(driver)
    body.send_keys("k")
    assert driver.find_element(By.CSS_SELECTOR, ".mq-list .mq-card.mq-sel").get_attribute("data-n") == str(items[-1][0])
    driver.find_element(By.CSS_SELECTOR, ".mq-docfilter").send_keys("emoji")
    shown = [b for b in driver.find_elements(By.CSS_SELECTOR, ".mq-docbtn") if b.is_displayed()]
    assert [b.get_attribute("title").rsplit("/", 1)[-1] for b in shown] == ["c-emoji.txt"]
    driver.find_element(By.CSS_SELECTOR, ".mq-copy").click()
    driver.find_element(By.CSS_SELECTOR, ".mq-save").click()
    saved = driver.downloads / "a-article.fixed.txt"
    WebDriverWait(driver, 10).until(lambda _: saved.exists() and saved.stat().st_size > 0)
    assert saved.read_text(encoding="utf-8") == driver.execute_script("return window.mtqaReports[0].correctedText()")
    assert errors(driver) == []
