"""How readers find their fields: the names of the id, text, source, reference and language fields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderOptions:
    """Options every reader takes; the field names apply to JSONL, CSV and TSV records.

    A field name may be a dotted path into nested JSON objects (``translation.en``); a key
    that itself contains dots is looked up as is first. ``language`` is the target language
    used when the file does not say (a record's language field, an XLIFF ``trgLang``).
    """

    id_field: str = "id"
    text_field: str = "text"
    source_field: str = "source"
    reference_field: str = "reference"
    language_field: str = "lang"
    language: str = "auto"
