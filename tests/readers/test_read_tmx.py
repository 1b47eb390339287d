"""TMX through translate-toolkit: source and target variants chosen by language, inline codes dropped."""

from __future__ import annotations

from pathlib import Path

from mtqa.readers import ReaderOptions, read_data, read_file

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="mt-export" creationtoolversion="1.0" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="de" datatype="plaintext"/>
  <body>
    <tu tuid="1">
      <tuv xml:lang="de"><seg>Guten Tag.</seg></tuv>
      <tuv xml:lang="fr"><seg>Bonjour.</seg></tuv>
      <tuv xml:lang="en-US"><seg>Good day.</seg></tuv>
    </tu>
    <tu tuid="2">
      <tuv xml:lang="de"><seg>Der <bpt i="1">&lt;b&gt;</bpt>Minister<ept i="1">&lt;/b&gt;</ept> sprach.</seg></tuv>
      <tuv xml:lang="en-US"><seg>The <bpt i="1">&lt;b&gt;</bpt>minister<ept i="1">&lt;/b&gt;</ept>spoke.</seg></tuv>
    </tu>
    <tu tuid="3"><tuv xml:lang="de"><seg>Nur Quelle.</seg></tuv></tu>
    <tu tuid="4"><tuv xml:lang="de"><seg>Leer.</seg></tuv><tuv xml:lang="en-US"><seg></seg></tuv></tu>
  </body>
</tmx>
"""


def test_tmx_target_by_language_and_inline_codes(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    (result,) = read_file(path, ReaderOptions(language="en"))
    assert result.error is None and result.format == "tmx"
    doc = result.document
    assert doc.text == "Good day.\nThe ministerspoke."
    assert [s.id for s in doc.segments] == ["1", "2"]
    assert [s.source for s in doc.segments] == ["Guten Tag.", "Der Minister sprach."]
    assert (doc.language, doc.source_language) == ("en-US", "de")
    assert doc.boundaries_at(doc.text.index("spoke")) == ("ept",)


def test_tmx_other_target_language_and_first_variant_fallback() -> None:
    (result,) = read_data(TMX.encode(), "m.tmx", ReaderOptions(language="fr"))
    assert result.document.segments[0].text == "Bonjour."
    assert result.document.segments[1].text == "The ministerspoke."  # no French variant: the other one


def test_malformed_tmx_is_an_error_with_line() -> None:
    (result,) = read_data(TMX.replace('</tu>\n    <tu tuid="2">', '\n    <tu tuid="2">').encode(), "bad.tmx")
    assert result.document is None and result.error.line is not None and result.error.path == "bad.tmx"
