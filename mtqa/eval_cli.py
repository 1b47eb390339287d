"""``mtqa eval``: measure the rules on annotated data (MQM, gold spans), synthetic artefacts and clean text.

Each subcommand prints tables (``--format text`` or ``markdown``) or one JSON object
(``--format json``). The evaluation is a measurement, so the exit status is 0 whatever
the numbers; it is 2 on unusable input or options. Configuration files are not
discovered (a measurement must not depend on the working directory): pass ``--config``
to evaluate with a project's settings and word lists.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from mtqa.config import ConfigError, load
from mtqa.detectors.base import SettingsError
from mtqa.engine import Engine, RunOptions
from mtqa.evaluation.tables import render_all
from mtqa.rules import Selection, UnknownRuleError, resolve
from mtqa.synth import KINDS

FORMATS = ("text", "markdown", "json")


class EvalError(click.ClickException):
    """Unusable input or options: exit status 2."""

    exit_code = 2


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for raw in values for v in raw.split(",") if v.strip())


def build_engine(
    select: Sequence[str], ignore: Sequence[str], preview: bool, config_path: Path | None, language: str = "auto"
) -> Engine:
    """The engine of an evaluation run: options over an explicit configuration file over defaults."""
    try:
        if config_path is None:
            selection = Selection(_split(select) or ("ALL",), _split(ignore), preview)
            return Engine(RunOptions(selection=selection, language=language))
        config = load(config_path)
        selection = Selection(
            _split(select) or config.select or ("ALL",),
            (*config.ignore, *_split(ignore)),
            preview or config.preview,
        )
        return Engine(
            RunOptions(
                selection=selection,
                rule_settings={resolve(k).name: v for k, v in config.rules.items()},
                severity_overrides={resolve(k).code: v for k, v in config.severity.items()},
                accept=config.accept,
                prefer=config.prefer,
                reject=config.reject,
                origin=config.origin,
                language=config.language if language == "auto" else language,
            )
        )
    except (ConfigError, SettingsError, UnknownRuleError) as exc:
        raise EvalError(str(exc)) from None


def common_options(func):
    options = [
        click.option("--select", multiple=True, help="Rules to evaluate: codes, prefixes (W, W1) or names."),
        click.option("--ignore", multiple=True, help="Rules to leave out."),
        click.option("--preview", is_flag=True, help="Also evaluate rules that are not yet stable."),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="Use this configuration file (rule settings, word lists); none is discovered.",
        ),
        click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", help="Output format."),
        click.option("--details", is_flag=True, help="Also list the individual flags (or misses)."),
        click.option(
            "--language",
            default="auto",
            show_default=True,
            help="Target language of the texts; 'auto': found from each text (MQM: from the whole file).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def emit(result, fmt: str, details: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_all(result.tables(details=details), fmt), nl=False)


@click.group("eval")
def eval_group() -> None:
    """Measure the rules: precision and recall on annotated data, recall on synthetic artefacts."""


@eval_group.command("mqm")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@common_options
@click.option(
    "--unit",
    type=click.Choice(["segment", "document"]),
    default="segment",
    help="Check each distinct target segment alone (default), or each system's document as a whole.",
)
@click.option("--no-references", is_flag=True, help="Do not attach the ref/refB translations as references.")
def mqm_cmd(
    file: Path, select, ignore, preview, config_path, fmt, details, language, unit: str, no_references: bool
) -> None:
    """Precision, recall and false flags against WMT MQM annotations (a TSV with <v>…</v> spans)."""
    from mtqa.evaluation.mqm import REFERENCE_SYSTEMS, MQMFormatError, evaluate_mqm

    engine = build_engine(select, ignore, preview, config_path, language)
    try:
        result = evaluate_mqm(file, engine, unit=unit, reference_systems=() if no_references else REFERENCE_SYSTEMS)
    except MQMFormatError as exc:
        raise EvalError(str(exc)) from None
    emit(result, fmt, details)


@eval_group.command("gold")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@common_options
def gold_cmd(directory: Path, select, ignore, preview, config_path, fmt, details, language) -> None:
    """Recall per type and flags outside gold, on text files with a gold.jsonl (and negatives.jsonl)."""
    from mtqa.evaluation.gold import GoldFormatError, evaluate_gold

    engine = build_engine(select, ignore, preview, config_path, language)
    try:
        result = evaluate_gold(directory, engine)
    except GoldFormatError as exc:
        raise EvalError(str(exc)) from None
    emit(result, fmt, details)


@eval_group.command("pages")
@click.argument("directory", type=click.Path(file_okay=False, exists=True, path_type=Path))
@common_options
@click.option(
    "--as-run",
    is_flag=True,
    help="Check all pages as one run (cross-document rules see every page); default: each page alone.",
)
def pages_cmd(directory: Path, select, ignore, preview, config_path, fmt, details, language, as_run: bool) -> None:
    """Real pages: DIRECTORY/mt (gold.jsonl with 'detect') against the targets, DIRECTORY/clean as controls."""
    from mtqa.evaluation.gold import GoldFormatError
    from mtqa.evaluation.pages import evaluate_pages

    engine = build_engine(select, ignore, preview, config_path, language)
    try:
        result = evaluate_pages(directory, engine, each_alone=not as_run)
    except (GoldFormatError, UnicodeDecodeError) as exc:
        raise EvalError(str(exc)) from None
    emit(result, fmt, details)


@eval_group.command("synth")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@common_options
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the injections.")
@click.option(
    "--trials", type=click.IntRange(1, 1000), default=3, show_default=True, help="Injections per kind and file."
)
@click.option("--kind", "kinds", multiple=True, help=f"Artefact kinds to inject (default: all: {', '.join(KINDS)}).")
@click.option("--by-variant", is_flag=True, help="Break each kind down by variant.")
def synth_cmd(
    paths, select, ignore, preview, config_path, fmt, details, language, seed, trials, kinds, by_variant
) -> None:
    """Inject artefacts into clean PATHS: recall per rule and how often `mtqa fix` restores the original."""
    from mtqa.evaluation.gold import GoldFormatError
    from mtqa.evaluation.synth_eval import evaluate_synth

    engine = build_engine(select, ignore, preview, config_path, language)
    try:
        result = evaluate_synth(
            paths, engine, seed=seed, trials=trials, kinds=_split(kinds) or KINDS, by_variant=by_variant
        )
    except (GoldFormatError, ValueError, UnicodeDecodeError) as exc:
        raise EvalError(str(exc)) from None
    emit(result, fmt, details)


@eval_group.command("clean")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@common_options
def clean_cmd(paths, select, ignore, preview, config_path, fmt, details, language) -> None:
    """Flags per 1,000 words on clean, edited text (and traps.jsonl look-alikes flagged)."""
    from mtqa.evaluation.clean import evaluate_clean
    from mtqa.evaluation.gold import GoldFormatError

    engine = build_engine(select, ignore, preview, config_path, language)
    try:
        result = evaluate_clean(paths, engine)
    except (GoldFormatError, UnicodeDecodeError) as exc:
        raise EvalError(str(exc)) from None
    emit(result, fmt, details)
