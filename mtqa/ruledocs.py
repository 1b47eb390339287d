"""The rule table, generated from the registry so that the README can never drift from the code."""

from __future__ import annotations

from mtqa.rules import all_rules

START, END = "<!-- rules:start -->", "<!-- rules:end -->"


def languages_label(languages: tuple[str, ...]) -> str:
    """How a rule's languages are shown: 'all' for ``*``, else the codes ('en de fr es')."""
    return "all" if "*" in languages else " ".join(languages)


def rule_table() -> str:
    """A Markdown table of every rule: code, name, default severity, fix, stability, languages, summary."""
    rows = [
        "| code | name | severity | fix | stability | languages | what it flags |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in all_rules():
        fix = "yes" if r.fixable else ""
        rows.append(
            f"| {r.code} | `{r.name}` | {r.severity.value} | {fix} | {r.stability.value} | "
            f"{languages_label(r.languages)} | {r.summary} |"
        )
    return "\n".join(rows)


def replace_table(readme: str) -> str:
    """The README text with the block between the markers replaced by the current table."""
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{rule_table()}\n{END}{tail}"
