"""RSS and Atom feeds: one document per item, title then content, HTML content through the HTML reader."""

from __future__ import annotations

from pathlib import Path

from mtqa.readers import ReaderOptions, read_data, read_file

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Example News</title>
    <link>https://news.example.com/</link>
    <description>World news, machine-translated</description>
    <language>en</language>
    <item>
      <title>Blinken cancels trip</title>
      <link>https://news.example.com/2024/blinken</link>
      <guid isPermaLink="false">news-1</guid>
      <description>Short teaser.</description>
      <content:encoded><![CDATA[<p>US Secretary of State <a href="/b">Anthony Blinken</a>He canceled the visit.</p>
<p>Talks resume <strong>next</strong> week.</p><script>track()</script>]]></content:encoded>
    </item>
    <item>
      <title>Kuleba &amp; Lavrov</title>
      <description>&lt;p&gt;The ministers met in &lt;em&gt;Antalya&lt;/em&gt;.&lt;/p&gt;</description>
    </item>
    <item><title></title><description></description></item>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Example Atom</title>
  <id>urn:uuid:feed</id>
  <updated>2024-03-01T10:00:00Z</updated>
  <entry>
    <title type="html">Talks in &lt;em&gt;Geneva&lt;/em&gt;</title>
    <id>urn:uuid:1</id>
    <updated>2024-03-01T10:00:00Z</updated>
    <link href="https://news.example.com/geneva"/>
    <content type="html">&lt;p&gt;The talks &lt;b&gt;ended&lt;/b&gt;Then both left.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Plain entry</title>
    <id>urn:uuid:2</id>
    <updated>2024-03-01T10:00:00Z</updated>
    <summary>First line of the summary.</summary>
  </entry>
</feed>
"""


def test_rss_items_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    results = read_file(path, ReaderOptions())
    assert all(r.error is None and r.format == "feed" for r in results)
    first, second = (r.document for r in results)  # the empty third item is skipped
    assert first.id == f"{path}#1" and second.id == f"{path}#2"
    assert first.text == (
        "Blinken cancels trip\n\nUS Secretary of State Anthony BlinkenHe canceled the visit.\nTalks resume next week."
    )
    assert [s.text for s in first.segments] == [
        "Blinken cancels trip",
        "US Secretary of State Anthony BlinkenHe canceled the visit.",
        "Talks resume next week.",
    ]
    for seg in first.segments:
        assert first.text[seg.span.start : seg.span.end] == seg.text
    assert first.boundaries_at(first.text.index("He canceled")) == ("a",)
    assert first.metadata["link"] == "https://news.example.com/2024/blinken" and first.metadata["id"] == "news-1"
    assert second.text == "Kuleba & Lavrov\n\nThe ministers met in Antalya."


def test_atom_entries_html_title_and_summary(tmp_path: Path) -> None:
    path = tmp_path / "news.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = (r.document for r in read_file(path, ReaderOptions()))
    assert first.text == "Talks in Geneva\n\nThe talks endedThen both left."
    assert first.boundaries_at(first.text.index("Then")) == ("b",)
    assert first.metadata["title"] == "Talks in Geneva"
    assert second.text == "Plain entry\n\nFirst line of the summary."


def test_xml_extension_is_sniffed() -> None:
    assert [r.format for r in read_data(ATOM.encode(), "export.xml")] == ["feed", "feed"]
    (result,) = read_data(b"<?xml version='1.0'?><catalog><book/></catalog>", "books.xml")
    assert result.document is None and "<catalog>" in result.error.message


def test_malformed_feed_names_the_line() -> None:
    broken = RSS.replace("<title>Kuleba &amp; Lavrov</title>", "<title>Kuleba & Lavrov</title>")
    (result,) = read_data(broken.encode(), "broken.rss")
    line = 1 + RSS.split("\n").index("      <title>Kuleba &amp; Lavrov</title>")
    assert result.document is None and result.error.line == line and "malformed XML" in result.error.message
    assert f"line {line}" in result.error.message and result.error.path == "broken.rss"


def test_not_a_feed() -> None:
    (result,) = read_data(b"<?xml version='1.0'?><html><body>x</body></html>", "page.rss")
    assert result.document is None and "not an RSS or Atom feed" in result.error.message


def test_undeclared_html_entities_in_a_feed_are_decoded_not_refused() -> None:
    rss = RSS.replace("Blinken cancels trip", "Blinken&nbsp;cancels trip &mdash; again")
    results = read_data(rss.encode(), "entities.rss")
    assert results[0].document is not None
    assert results[0].document.text.startswith("Blinken\u00a0cancels trip \u2014 again\n\n")
