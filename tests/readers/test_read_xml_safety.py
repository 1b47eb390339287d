"""XML safety: billion-laughs and external-entity (XXE) files are refused, nothing is expanded or read.

Every XML format (XLIFF, TMX, RSS/Atom, .xml) goes through the defusedxml screen; the
parsers behind it (translate-toolkit's lxml parser, feedparser) are checked to be safe on
their own as well, with the screen switched off.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtqa.cli import cli
from mtqa.readers import ReaderOptions, read_data, read_file
from mtqa.readers.xmlsafe import REFUSED

SECRET = "TOP-SECRET-PASSWORD-1234"


def billion_laughs(root: str) -> str:
    entities = ['<!ENTITY lol "lol">']
    entities += [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n ' + "\n ".join(entities) + "\n]>\n" + root.replace("BODY", "&lol9;")
    )


XLIFF_ROOT = (
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
    'source-language="de" target-language="en"><body><trans-unit id="1"><source>Hallo.</source>'
    "<target>Hello BODY.</target></trans-unit></body></file></xliff>"
)
TMX_ROOT = (
    '<tmx version="1.4"><header srclang="de" datatype="plaintext" segtype="sentence" o-tmf="x" adminlang="en" '
    'creationtool="x" creationtoolversion="1"/><body><tu><tuv xml:lang="de"><seg>Hallo.</seg></tuv>'
    '<tuv xml:lang="en"><seg>Hello BODY.</seg></tuv></tu></body></tmx>'
)
RSS_ROOT = '<rss version="2.0"><channel><title>News</title><item><title>BODY</title>\
<description>Text BODY.</description></item></channel></rss>'
ATOM_ROOT = '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>BODY</title>\
<id>urn:1</id><content type="text">BODY</content></entry></feed>'

CASES = [("doc.xlf", XLIFF_ROOT), ("memory.tmx", TMX_ROOT), ("feed.rss", RSS_ROOT), ("feed.xml", ATOM_ROOT)]


def xxe(root: str, secret_file: Path) -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE foo [\n <!ENTITY xxe SYSTEM "file://{secret_file}">\n]>\n' + root.replace(
        "BODY", "&xxe;"
    )


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _all_text(results) -> str:
    parts = []
    for r in results:
        if r.document is not None:
            parts.append(r.document.text)
            parts.extend(str(v) for v in r.document.metadata.values())
            parts.extend(s.source or "" for s in r.document.segments)
        if r.error is not None:
            parts.append(r.error.message)
    return "\n".join(parts)


@pytest.mark.parametrize(("name", "root"), CASES)
def test_billion_laughs_is_refused_quickly(tmp_path: Path, name: str, root: str) -> None:
    path = tmp_path / name
    path.write_text(billion_laughs(root), encoding="utf-8")
    start = time.perf_counter()
    results = read_file(path, ReaderOptions())
    assert time.perf_counter() - start < 2.0
    (result,) = results
    assert result.document is None
    err = result.error
    assert err.path == str(path) and err.message.startswith(REFUSED)
    assert err.line == 3  # the first <!ENTITY declaration
    assert "lollol" not in _all_text(results)


@pytest.mark.parametrize(("name", "root"), CASES)
def test_external_entity_is_refused_and_the_file_is_not_read(
    tmp_path: Path, secret_file: Path, name: str, root: str
) -> None:
    path = tmp_path / name
    path.write_text(xxe(root, secret_file), encoding="utf-8")
    (result,) = read_file(path, ReaderOptions())
    assert result.document is None and result.error.message.startswith(REFUSED)
    assert "xxe" in result.error.message and str(secret_file) in result.error.message
    assert SECRET not in _all_text([result])


def test_parameter_entity_and_external_dtd_do_not_leak(tmp_path: Path, secret_file: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY secret SYSTEM "file://{secret_file}">\n', encoding="utf-8")
    param = f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY % ext SYSTEM "file://{dtd}"> %ext;]>\n'
    (result,) = read_data((param + XLIFF_ROOT.replace("BODY", "&secret;")).encode(), "param.xlf")
    assert result.document is None and result.error.message.startswith(REFUSED)
    external = f'<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "file://{dtd}">\n'
    for name, root in CASES:
        results = read_data((external + root.replace("BODY", "&secret;")).encode(), name)
        assert SECRET not in _all_text(results)  # the DTD was never loaded, so &secret; stays undefined
        if name.endswith((".xlf", ".tmx")):
            assert all(r.document is None and "undefined entity" in r.error.message for r in results)


@pytest.mark.parametrize(("name", "root"), CASES)
def test_parsers_behind_the_screen_are_safe_too(
    monkeypatch: pytest.MonkeyPatch, secret_file: Path, name: str, root: str
) -> None:
    """Defence in depth: with the defusedxml screen off, translate-toolkit and feedparser still
    neither read the local file nor expand the bomb."""
    import mtqa.readers.bilingual as bilingual
    import mtqa.readers.feeds as feeds

    monkeypatch.setattr(bilingual, "screen", lambda data, name: None)
    monkeypatch.setattr(feeds, "screen", lambda data, name: None)
    results = read_data(xxe(root, secret_file).encode(), name)
    assert SECRET not in _all_text(results)
    start = time.perf_counter()
    results = read_data(billion_laughs(root).encode(), name)
    assert time.perf_counter() - start < 5.0
    assert "lol" * 1000 not in _all_text(results)


def test_a_refused_file_does_not_stop_the_batch(
    tmp_path: Path, secret_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bomb.xlf").write_text(billion_laughs(XLIFF_ROOT), encoding="utf-8")
    (tmp_path / "xxe.rss").write_text(xxe(RSS_ROOT, secret_file), encoding="utf-8")
    (tmp_path / "good.xlf").write_text(XLIFF_ROOT.replace("BODY", "world"), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--isolated", "--format", "json", "bomb.xlf", "xxe.rss", "good.xlf"], catch_exceptions=False
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == ["good.xlf"]
    assert sorted(e["path"] for e in report["errors"]) == ["bomb.xlf", "xxe.rss"]
    assert all(e["message"].startswith(REFUSED) for e in report["errors"])
    assert SECRET not in result.stdout + result.stderr
