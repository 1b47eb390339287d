"""Readers turn input files into Documents; each format is one module."""

from mtqa.readers.text import ReadResult, read_bytes, read_path

__all__ = ["ReadResult", "read_bytes", "read_path"]
