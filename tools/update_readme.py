"""Regenerate the rule table in README.md from the registry (tests fail when it is stale)."""

from pathlib import Path

from mtqa.ruledocs import replace_table

README = Path(__file__).resolve().parent.parent / "README.md"

if __name__ == "__main__":
    README.write_text(replace_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
