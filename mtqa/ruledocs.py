"""The rule table, generated from the registry so that the README can never drift from the code."""

from __future__ import annotations

from mtqa.rules import all_rules

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def rule_table() -> str:
    """A Markdown table of every rule: code, name, default severity, fix, stability, summary."""
    rows = ["| code | name | severity | fix | stability | what it flags |", "|---|---|---|---|---|---|"]
    for r in all_rules():
        fix = "yes" if r.fixable else ""
        rows.append(f"| {r.code} | `{r.name}` | {r.severity.value} | {fix} | {r.stability.value} | {r.summary} |")
    return "\n".join(rows)


def replace_table(readme: str) -> str:
    """The README text with the block between the markers replaced by the current table."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_table()}\n{END}{tail}"
