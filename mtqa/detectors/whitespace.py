"""Placeholder: filled in by the rule-family work."""
