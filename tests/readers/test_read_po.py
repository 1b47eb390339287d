"""PO and POT through translate-toolkit: msgctxt, plurals, fuzzy, untranslated and obsolete entries."""

from __future__ import annotations

from pathlib import Path

from mtqa.readers import ReaderOptions, read_data, read_file

PO = r"""# French translation of the news site.
msgid ""
msgstr ""
"Project-Id-Version: news 1.0\n"
"Language: fr\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

#: templates/menu.html:12
msgctxt "menu"
msgid "Open"
msgstr "Ouvrir"

#: templates/door.html:3
msgctxt "door"
msgid "Open"
msgstr "Ouvert"

#: templates/list.html:8
#, python-format
msgid "%(count)d article"
msgid_plural "%(count)d articles"
msgstr[0] "%(count)d article"
msgstr[1] "%(count)d articles"

#, fuzzy
msgid "Leave a Reply"
msgstr "Laisser une réponse"

msgid "Untranslated"
msgstr ""

msgid "Two lines"
msgstr ""
"Première ligne\n"
"deuxième ligne"

#~ msgid "Old"
#~ msgstr "Vieux"
"""


def test_po_units_contexts_plurals_and_skips(tmp_path: Path) -> None:
    path = tmp_path / "fr.po"
    path.write_text(PO, encoding="utf-8")
    (result,) = read_file(path, ReaderOptions())
    assert result.error is None and result.format == "po"
    doc = result.document
    assert [s.text for s in doc.segments] == [
        "Ouvrir",
        "Ouvert",
        "%(count)d article",
        "%(count)d articles",
        "Laisser une réponse",
        "Première ligne\ndeuxième ligne",
    ]
    assert [s.id for s in doc.segments[:4]] == [
        "menu::Open",
        "door::Open",
        "%(count)d article[0]",
        "%(count)d article[1]",
    ]
    assert [s.source for s in doc.segments[2:4]] == ["%(count)d article", "%(count)d articles"]
    assert doc.language == "fr"
    for seg in doc.segments:
        assert doc.text[seg.span.start : seg.span.end] == seg.text


def test_pot_template_is_an_empty_document() -> None:
    pot = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\nmsgid "Open"\nmsgstr ""\n'
    (result,) = read_data(pot, "messages.pot")
    assert result.error is None and result.document.segments == ()


def test_syntax_error_names_the_line() -> None:
    bad = b'msgid "a"\nmsgstr "b"\n\nmsgid "unterminated\nmsgstr "d"\n'
    (result,) = read_data(bad, "bad.po")
    assert result.document is None and result.error.line == 4 and result.error.path == "bad.po"
    assert "malformed PO" in result.error.message


def test_invalid_utf8_names_the_byte() -> None:
    data = b'msgid "a"\nmsgstr "caf\xe9"\n'
    (result,) = read_data(data, "latin.po")
    assert result.error.byte_offset == data.index(b"\xe9") and result.error.line == 2


def test_declared_legacy_charset_is_decoded() -> None:
    data = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\nmsgid "a"\nmsgstr "café"\n'
    (result,) = read_data(data.encode("latin-1"), "latin.po", ReaderOptions())
    assert result.document.text == "café"
