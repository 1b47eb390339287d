"""XLIFF 1.2 and 2.0 through translate-toolkit: targets joined one a line, sources and ids kept."""

from __future__ import annotations

from pathlib import Path

from mtqa.readers import ReaderOptions, read_data, read_file

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="article.html" source-language="de" target-language="en-GB" datatype="html">
    <header><tool tool-id="mt" tool-name="Example MT"/></header>
    <body>
      <trans-unit id="t1">
        <source>Außenminister Kuleba traf Blinken.</source>
        <target state="translated">Foreign Minister Kuleba met Blinken.</target>
      </trans-unit>
      <group id="para2">
        <trans-unit id="t2">
          <source>US-Außenminister <g id="1">Anthony Blinken</g> Er sagte die Reise ab.</source>
          <target state="needs-review-translation"
            >US Secretary of State <g id="1">Anthony Blinken</g>He canceled the trip.</target>
          <alt-trans><target>An alternative that is not the target.</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="t3"><source>Noch nicht übersetzt.</source></trans-unit>
      <trans-unit id="t4"><source>Leer.</source><target></target></trans-unit>
      <trans-unit id="t5">
        <source>Zeile<ph id="2">&lt;br/&gt;</ph>Umbruch <x id="3"/>und<bpt
          id="4">&lt;b&gt;</bpt>fett<ept id="4">&lt;/b&gt;</ept>.</source>
        <target>Line<ph id="2">&lt;br/&gt;</ph> break <x id="3"/>and <bpt
          id="4">&lt;b&gt;</bpt>bold<ept id="4">&lt;/b&gt;</ept>.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="uk" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1" state="translated">
        <source>Міністр закордонних справ Дмитро Кулеба.</source>
        <target>Foreign Minister Dmytro Kuleba.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2">
        <source>Він зустрівся з <pc id="1">Блінкеном</pc>.</source>
        <target>He met <pc id="1">Blinken</pc>Then left<cp hex="0021"/></target>
      </segment>
    </unit>
    <unit id="u2"><segment><source>Не перекладено.</source></segment></unit>
    <unit id="u3"><segment><source>Порожньо.</source><target/></segment></unit>
  </file>
</xliff>
"""


def test_xliff12_targets_sources_ids_and_inline_codes(tmp_path: Path) -> None:
    path = tmp_path / "article.xlf"
    path.write_text(XLIFF12, encoding="utf-8")
    (result,) = read_file(path, ReaderOptions())
    assert result.error is None and result.format == "xliff"
    doc = result.document
    assert doc.text == (
        "Foreign Minister Kuleba met Blinken.\n"
        "US Secretary of State Anthony BlinkenHe canceled the trip.\n"
        "Line break and bold."
    )
    assert [s.id for s in doc.segments] == ["t1", "t2", "t5"]
    assert doc.segments[0].source == "Außenminister Kuleba traf Blinken."
    assert doc.segments[2].source == "ZeileUmbruch undfett."  # native codes (<ph>, <bpt>) are not text
    for seg in doc.segments:
        assert doc.text[seg.span.start : seg.span.end] == seg.text
    assert (doc.language, doc.source_language) == ("en-GB", "de")
    seam = doc.text.index("He canceled")
    assert doc.boundaries_at(seam) == ("g",)
    assert doc.boundaries_at(doc.text.index("Anthony")) == ("g",)


def test_xliff20_segments_units_and_cp(tmp_path: Path) -> None:
    path = tmp_path / "article.xliff"
    path.write_text(XLIFF20, encoding="utf-8")
    (result,) = read_file(path, ReaderOptions(language="de"))
    doc = result.document
    assert doc.text == "Foreign Minister Dmytro Kuleba.\nHe met BlinkenThen left!"
    assert [s.id for s in doc.segments] == ["u1::s1", "u1::s2"]
    assert doc.segments[1].source == "Він зустрівся з Блінкеном."
    assert (doc.language, doc.source_language) == ("en", "uk")  # the file's trgLang beats the default
    assert doc.boundaries_at(doc.text.index("Then")) == ("pc",)


def test_xliff21_is_read_as_xliff2() -> None:
    data = XLIFF20.replace('version="2.0"', 'version="2.1"').encode()
    (result,) = read_data(data, "v21.xlf")
    assert result.document is not None and len(result.document.segments) == 2


def test_untranslated_file_is_an_empty_document_not_an_error() -> None:
    data = XLIFF20.replace("<target>Foreign Minister Dmytro Kuleba.</target>", "")
    data = data.replace('<target>He met <pc id="1">Blinken</pc>Then left<cp hex="0021"/></target>', "")
    (result,) = read_data(data.encode(), "empty.xlf")
    assert result.error is None and result.document.text == "" and result.document.segments == ()


def test_malformed_xliff_names_line_and_column() -> None:
    broken = XLIFF12.replace(
        "</target>\n      </trans-unit>\n      <group", "</targt>\n      </trans-unit>\n      <group"
    )
    (result,) = read_data(broken.encode(), "broken.xlf")
    assert result.document is None
    err = result.error
    assert err.path == "broken.xlf" and err.line == 8 and "malformed XML" in err.message and "line 8" in err.message


def test_not_utf8_declared_encoding_is_honoured() -> None:
    data = XLIFF12.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    (result,) = read_data(data, "latin.xlf")
    assert result.document is not None and result.document.segments[0].source.startswith("Außenminister")
