"""Readers turn input files into Documents; each format is one module.

Every format module has ``read(data: bytes, name: str, options: ReaderOptions) -> list[ReadResult]``
(a file may give several documents: one per JSONL record or feed item); :func:`read_file`
and :func:`read_data` choose the module from the file name (see :mod:`mtqa.readers.dispatch`).
"""

from mtqa.readers.dispatch import format_for, is_supported, read_data, read_file
from mtqa.readers.options import ReaderOptions
from mtqa.readers.text import ReadResult, read_bytes, read_path

__all__ = [
    "ReadResult",
    "ReaderOptions",
    "format_for",
    "is_supported",
    "read_bytes",
    "read_data",
    "read_file",
    "read_path",
]
