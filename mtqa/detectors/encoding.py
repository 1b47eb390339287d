"""Encoding rules (family E): mojibake, text decoded with the wrong code page, found by ftfy."""

from __future__ import annotations
