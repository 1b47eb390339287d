"""``mtqa score``: corpus BLEU, chrF(++) and TER against references, as sacrebleu computes them.

The numbers and signatures are sacrebleu's own (``mtqa score hyp.txt --ref ref.txt``
prints what ``sacrebleu ref.txt -i hyp.txt -m bleu chrf ter -f text`` prints); what
mtqa adds is checking the input first (line counts, empty references, languages),
reading fields of JSONL/TSV/CSV files, and per-segment scores in the JSON output.

Exit status: 0 with scores printed, 2 when the input cannot be scored (the message
says which file and why) or on a usage error.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from mtqa.metrics import DEFAULT_METRICS, TOKENIZERS, ScoreError

SCHEMA = "mtqa.score/1"


class ScoreUsageError(click.ClickException):
    """Input that cannot be scored: exit status 2, the message on stderr."""

    exit_code = 2


def align_lines(lines: list[str]) -> list[str]:
    """Right-align the metric names on their '=' as sacrebleu's text output does."""
    widths = [line.index("=") - 1 if "=" in line else 0 for line in lines]
    w = max(widths, default=0)
    return [f"{line[:n]:>{w}}{line[n:]}" for n, line in zip(widths, lines, strict=True)]


@click.command("score")
@click.argument("hypotheses", nargs=-1, required=True, metavar="HYP...")
@click.option(
    "-r",
    "--ref",
    "refs",
    multiple=True,
    metavar="REF",
    help="Reference file; repeat for several references. Default: the reference field of a JSONL/TSV HYP.",
)
@click.option("-s", "--source", "source", default=None, metavar="SRC", help="Source file (checked for its line count).")
@click.option(
    "-m",
    "--metrics",
    "metric_specs",
    multiple=True,
    metavar="LIST",
    help=f"Metrics, comma-separated: bleu, chrf, chrf++, ter (default: {','.join(DEFAULT_METRICS)}).",
)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@click.option("--confidence", is_flag=True, help="Add 95% bootstrap confidence intervals (sacrebleu's resampler).")
@click.option(
    "--n-bootstrap",
    type=click.IntRange(min=2),
    default=None,
    help="Bootstrap resamples for --confidence (default 1000; giving it implies --confidence).",
)
@click.option("-l", "--language", default=None, help="Target language (picks BLEU's tokenizer: zh, ja, ko); checked.")
@click.option("--tokenize", type=click.Choice(TOKENIZERS), default=None, help="BLEU tokenizer (default: by language).")
@click.option("--hyp-field", default=None, help="JSONL/TSV/CSV field (or 1-based column) of the hypotheses.")
@click.option("--ref-field", default=None, help="JSONL/TSV/CSV field of the references (a JSON list: several).")
@click.option("--src-field", default=None, help="JSONL/TSV/CSV field of the sources.")
@click.option("--id-field", default=None, help="Field of segment ids: references are aligned to hypotheses by id.")
@click.option("--allow-empty-refs", is_flag=True, help="Score empty references as sacrebleu does instead of refusing.")
@click.option("--no-language-check", is_flag=True, help="Skip the check that all files are in one language.")
@click.option("--segments/--no-segments", default=True, help="JSON: include per-segment scores (default: yes).")
@click.option("-w", "--width", type=click.IntRange(0, 10), default=1, help="Decimals in text output (default 1).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the scores here.")
def score(
    hypotheses: tuple[str, ...],
    refs: tuple[str, ...],
    source: str | None,
    metric_specs: tuple[str, ...],
    fmt: str,
    confidence: bool,
    n_bootstrap: int | None,
    language: str | None,
    tokenize: str | None,
    hyp_field: str | None,
    ref_field: str | None,
    src_field: str | None,
    id_field: str | None,
    allow_empty_refs: bool,
    no_language_check: bool,
    segments: bool,
    width: int,
    output: Path | None,
) -> None:
    """Score HYP files (plain text, one segment a line, or JSONL/TSV/CSV) against references.

    \b
    Examples:
      mtqa score system.de --ref newstest.de
      mtqa score a.de b.de --ref ref1.de --ref ref2.de --metrics bleu,chrf++ --confidence
      mtqa score outputs.jsonl --hyp-field mt --ref-field ref --format json
    """
    from mtqa.metrics import parse_metrics, score_streams
    from mtqa.readers.parallel import load_parallel

    bootstrap = (n_bootstrap or 1000) if (confidence or n_bootstrap) else 1
    try:
        metrics = parse_metrics(metric_specs or DEFAULT_METRICS)
        inputs = load_parallel(
            hypotheses,
            refs,
            source,
            hyp_field=hyp_field,
            ref_field=ref_field,
            src_field=src_field,
            id_field=id_field,
        )
        results = [
            score_streams(
                item.hypotheses,
                item.references,
                item.source,
                metrics=metrics,
                language=language,
                tokenize=tokenize,
                n_bootstrap=bootstrap,
                segments=fmt == "json" and segments,
                language_check=not no_language_check,
                allow_empty_references=allow_empty_refs,
            )
            for item in inputs
        ]
    except ScoreError as exc:
        raise ScoreUsageError(str(exc)) from None
    if fmt == "json":
        payload = {
            "schema": SCHEMA,
            "metrics": list(metrics),
            "systems": [r.to_dict(segments=segments) for r in results],
        }
        text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    else:
        blocks = []
        for result in results:
            lines = align_lines([result.scores[m].format(width) for m in metrics])
            if len(results) > 1:
                lines = [f"{result.hypothesis}:", *(f"  {line}" for line in lines)]
            blocks.append("\n".join(lines))
        text = "\n".join(blocks) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
