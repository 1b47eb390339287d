"""The built-in example article (``mtqa check --example``)."""
