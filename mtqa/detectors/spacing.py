"""Spacing rules around marks, brackets, times and paragraph breaks (family W, W106 on)."""

from __future__ import annotations
