"""The ``mtqa`` command line: check, fix, rules, rule.

Exit status: 0 when nothing is at or above ``--fail-on``, 1 when something is (or
an input was unreadable), 2 on a usage, configuration or internal error.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from mtqa import __version__
from mtqa.check_stream import check_streaming_jsonl, write_baseline
from mtqa.cli_common import ExitError, RunSetup, split_list
from mtqa.config import Config, ConfigError, discover, load
from mtqa.detectors.base import SettingsError
from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.fixes import FixError, atomic_write, fix_text, unified_diff
from mtqa.fork_server import SchedulerError
from mtqa.inputs import Input, InputOptions, InputSource, read_inputs
from mtqa.issue import Issue, Severity
from mtqa.model_cli import attach_model, model_options, report_model
from mtqa.parallel import CheckRun, ProgressBar
from mtqa.per_file_ignores import PerFileIgnores
from mtqa.readers.text import BOM
from mtqa.report import FORMATS, RenderOptions
from mtqa.report import render as render_report
from mtqa.report.model import InputError, Report
from mtqa.rules import Selection, UnknownRuleError, all_rules, resolve
from mtqa.span import Applicability

if TYPE_CHECKING:
    from mtqa.baseline import Baseline

FAIL_ON = ("info", "warning", "error", "never")


def selection_options(func):
    """Options shared by the commands that run rules."""
    options = [
        click.option(
            "--select", multiple=True, help="Rules to run: codes, prefixes (W, W1) or names; comma-separated."
        ),
        click.option("--extend-select", multiple=True, help="Rules to add to the configured selection."),
        click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or names."),
        click.option("--preview", is_flag=True, help="Also run rules that are not yet stable."),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Configuration file (default: nearest mtqa.toml, .mtqa.toml or pyproject.toml).",
        ),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
        click.option(
            "--language",
            default=None,
            help="Target language of the documents (default: what the file says, else found from the text).",
        ),
        click.option(
            "--source-language",
            default=None,
            help="Language the documents were translated from, where a file does not say (L101 names it).",
        ),
        click.option("--example", is_flag=True, help="Add the built-in example article to the inputs."),
        click.option(
            "--stdin-filename",
            default=None,
            help="Name to report for text read from '-'; its extension chooses the reader (page.html, a.xlf).",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(FAIL_ON),
            default=None,
            help="Lowest severity that makes the exit status 1 (default: warning).",
        ),
        click.option(
            "--include",
            multiple=True,
            help="In directories, read only files matching these gitignore-style patterns (default: every "
            "supported extension).",
        ),
        click.option(
            "--exclude",
            multiple=True,
            help="In directories, skip files and directories matching these patterns (besides .mtqaignore).",
        ),
        click.option("--field-id", default=None, help="JSONL/CSV/TSV field holding the record id (default: id)."),
        click.option("--field-text", default=None, help="Field holding the target text to check (default: text)."),
        click.option("--field-source", default=None, help="Field holding the source text (default: source)."),
        click.option("--field-reference", default=None, help="Field holding a reference (default: reference)."),
        click.option("--field-language", default=None, help="Field holding the target language (default: lang)."),
    ]
    func = _collect_input_options(_collect_run_args(func))
    for option in reversed(options):
        func = option(func)
    return func


INPUT_OPTIONS = "mtqa.input_options"


@dataclasses.dataclass(frozen=True)
class RunArgs:
    """The rule, configuration and input options that `check` and `fix` share, as one value."""

    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    preview: bool
    config_path: Path | None
    isolated: bool
    language: str | None
    source_language: str | None
    example: bool
    stdin_filename: str | None
    fail_on: str | None


def _collect_run_args(func):
    """Gather the shared options into one RunArgs, passed to the command as ``run_args``."""
    names = [f.name for f in dataclasses.fields(RunArgs)]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        values = {name: kwargs.pop(name) for name in names}
        return func(*args, run_args=RunArgs(**values), **kwargs)

    return wrapper


def _collect_input_options(func):
    """Gather --include/--exclude/--field-* into one InputOptions, kept in the click context
    (``input_options()`` reads it), so that the commands' signatures stay as they are."""

    @functools.wraps(func)
    def wrapper(*args, include, exclude, field_id, field_text, field_source, field_reference, field_language, **kwargs):
        click.get_current_context().meta[INPUT_OPTIONS] = InputOptions(
            include=split_list(include),
            exclude=split_list(exclude),
            id_field=field_id,
            text_field=field_text,
            source_field=field_source,
            reference_field=field_reference,
            language_field=field_language,
        )
        return func(*args, **kwargs)

    return wrapper


def input_options() -> InputOptions:
    """The input options of the running command (defaults outside one)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(INPUT_OPTIONS, InputOptions()) if ctx is not None else InputOptions()


def refuse_unwritable(inputs: Sequence[Input]) -> None:
    """``mtqa fix`` writes plain text back; other formats are refused before anything is changed."""
    other = sorted({(i.format, str(i.path) if i.path else "-") for i in inputs if i.format != "text"})
    if other:
        formats = ", ".join(sorted({fmt for fmt, _ in other}))
        names = ", ".join(name for _, name in other[:5]) + (f" and {len(other) - 5} more" if len(other) > 5 else "")
        raise ExitError(
            f"mtqa fix rewrites plain text only (.txt, .md); writing {formats} back is not supported yet, "
            f"so nothing was changed. Not plain text: {names}. Run `mtqa check` on these, or narrow a "
            "directory with --include '*.txt'."
        )


def build_setup(paths: Sequence[str], args: RunArgs) -> RunSetup:
    """Merge command line over configuration file over defaults, and prepare the engine."""
    try:
        if args.isolated:
            config = Config()
        else:
            found = args.config_path or discover(next((Path(p) for p in paths if p != "-"), None))
            config = load(found) if found else Config()
        base = split_list(args.select) or config.select or ("ALL",)
        selection = Selection(
            select=(*base, *config.extend_select, *split_list(args.extend_select)),
            ignore=(*config.ignore, *split_list(args.ignore)),
            preview=args.preview or config.preview,
        )
        for key in (*config.rules, *config.severity):
            resolve(key)
        options = RunOptions(
            selection=selection,
            rule_settings={resolve(k).name: v for k, v in config.rules.items()},
            severity_overrides={resolve(k).code: v for k, v in config.severity.items()},
            accept=config.accept,
            prefer=config.prefer,
            reject=config.reject,
            origin=config.origin,
        )
        engine = Engine(options)
        base = config.path.parent if config.path is not None else Path.cwd()
        try:
            ignores = PerFileIgnores.build(config.per_file_ignores, base)
        except UnknownRuleError as exc:
            raise ExitError(f"{config.origin}: [per-file-ignores]: {exc}") from None
    except (ConfigError, SettingsError, UnknownRuleError) as exc:
        raise ExitError(str(exc)) from None
    level = args.fail_on or config.fail_on or "warning"
    if level not in FAIL_ON:
        raise ExitError(f"{config.origin}: fail-on must be one of {', '.join(FAIL_ON)}")
    threshold = None if level == "never" else Severity.parse(level)
    resolved = Config(
        **{
            **config.__dict__,
            "language": args.language or config.language,
            "source_language": args.source_language or config.source_language,
        }
    )
    return RunSetup(engine, resolved, threshold, ignores)


def split_inputs(inputs: Sequence[Input]) -> tuple[list[Document], list[InputError]]:
    docs = [i.result.document for i in inputs if i.result.document is not None]
    errors = [i.result.error for i in inputs if i.result.error is not None]
    return docs, errors


def use_color(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text.encode("utf-8"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mtqa")
def cli() -> None:
    """Find and fix the artefacts that make machine-translated text unpublishable."""


@cli.command()
@click.argument("paths", nargs=-1)
@selection_options
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option("--statistics", is_flag=True, help="Show the number of issues per rule.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when issues are found.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only issues not recorded in this baseline file (SARIF lists the others as suppressed).",
)
@click.option(
    "--write-baseline",
    "write_baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record exactly the current issues in this file (dropping fixed ones); they count as baselined.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per core; a small run stays in one process). 1: check in this process.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Check on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' for a cluster of --jobs "
    "worker processes on this machine. Needs `pip install 'mtqa[dask]'`.",
)
@model_options
def check(
    paths: tuple[str, ...],
    run_args: RunArgs,
    fmt: str,
    output: Path | None,
    statistics: bool,
    exit_zero: bool,
    baseline_path: Path | None,
    write_baseline_path: Path | None,
    jobs: int | None,
    scheduler: str | None,
    **model_args,
) -> None:
    """Check PATHS (files, directories, or - for stdin) for MT artefacts.

    With --format jsonl each document's issues are written as soon as it is checked, and
    memory stays flat however big the input (JSONL is read a line at a time); the other
    formats keep every document for the report.
    """
    from mtqa.baseline import Baseline, BaselineError
    from mtqa.baseline import load as load_baseline

    if not paths and not run_args.example:
        raise click.UsageError("give at least one PATH, '-' for stdin, or --example")
    setup = build_setup(paths, run_args)
    if model_args.get("model") and scheduler is not None:
        raise click.UsageError("--model runs in this process; it cannot be combined with --scheduler")
    setup, corrector = attach_model(setup, model_args)
    baseline: Baseline | None = None
    if baseline_path is not None:
        try:
            baseline = load_baseline(baseline_path)
        except BaselineError as exc:
            raise ExitError(str(exc)) from None
    source = InputSource(
        paths,
        example=run_args.example,
        stdin_filename=run_args.stdin_filename,
        language=setup.config.language,
        options=input_options(),
        source_language=setup.config.source_language,
    )
    run = CheckRun(setup.engine, source, jobs=jobs, scheduler=scheduler, progress=ProgressBar(), ignores=setup.ignores)
    accept_all = write_baseline_path is not None
    with source:
        try:
            if fmt == "jsonl":
                outcome = check_streaming_jsonl(run, baseline, accept_all, output)
            else:
                report = run.report()
        except SchedulerError as exc:
            raise ExitError(str(exc)) from None
    report_model(corrector, model_args.get("model_verbose", False))
    if fmt == "jsonl":
        if write_baseline_path is not None:
            write_baseline(write_baseline_path, outcome.baseline)
        sys.exit(0 if exit_zero else outcome.tally.exit_code(setup.fail_on))
    if corrector is not None:
        from dataclasses import replace

        report = replace(report, scores={**report.scores, "corrector": corrector.summary()})
    if accept_all:
        report = Baseline.from_report(report).apply(report)
    elif baseline is not None:
        report = baseline.apply(report)
    if write_baseline_path is not None:
        write_baseline(write_baseline_path, report)
    emit(render(report, fmt, statistics, output), output)
    sys.exit(0 if exit_zero else report.exit_code(setup.fail_on))


def render(report: Report, fmt: str, statistics: bool, output: Path | None) -> str:
    options = RenderOptions(color=output is None and use_color(sys.stdout), statistics=statistics)
    return render_report(report, fmt, options)


@cli.command()
@click.argument("paths", nargs=-1)
@selection_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change a name or the meaning.")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
@model_options
def fix(
    paths: tuple[str, ...],
    run_args: RunArgs,
    unsafe_fixes: bool,
    diff: bool,
    **model_args,
) -> None:
    """Apply fixes to PATHS in place (atomically), or print them with --diff.

    Text from stdin ('-') and the example are written to stdout, never to a file.
    """
    if not paths and not run_args.example:
        raise click.UsageError("give at least one PATH, '-' for stdin, or --example")
    setup = build_setup(paths, run_args)
    if model_args.get("model") and not unsafe_fixes:
        click.echo(
            "mtqa: model rewrites are UNSAFE fixes: add --unsafe-fixes to apply them (model not loaded)", err=True
        )
        model_args["model"] = None
    setup, corrector = attach_model(setup, model_args)
    level = Applicability.UNSAFE if unsafe_fixes else Applicability.SAFE
    lang = setup.config.language
    inputs = read_inputs(
        paths, example=run_args.example, stdin_filename=run_args.stdin_filename, language=lang, options=input_options()
    )
    refuse_unwritable(inputs)
    status = 0
    changed_any = False
    for item in inputs:
        result = item.result
        if result.document is None:
            assert result.error is not None
            click.echo(f"{result.error.path}: {result.error.code} {result.error.message}", err=True)
            status = 1
            continue
        doc = result.document
        name = item.name

        def checked(text: str, doc_id: str = doc.id, name: str | None = name, lang: str = doc.language) -> list[Issue]:
            found = setup.engine.check_document(Document.from_text(text, id=doc_id, language=lang))
            return setup.ignores.apply(found, name)

        try:
            outcome = fix_text(doc.text, checked, level)
        except FixError as exc:
            click.echo(f"{doc.id}: not fixed: {exc}", err=True)
            status = 1
            continue
        remaining = checked(outcome.text)
        if setup.fail_on is not None and any(i.severity.rank >= setup.fail_on.rank for i in remaining):
            status = max(status, 1)
        if not outcome.changed:
            continue
        changed_any = True
        if diff:
            click.echo(unified_diff(doc.text, outcome.text, doc.id), nl=False)
        elif item.path is None:
            click.echo(outcome.text, nl=False)
        else:
            try:
                atomic_write(item.path, (BOM if result.had_bom else b"") + outcome.text.encode("utf-8"))
            except OSError as exc:  # a read-only folder, a full disk: say so and go on with the batch
                click.echo(f"{doc.id}: not written: {exc.strerror or exc}", err=True)
                status = 1
                continue
        click.echo(
            f"{doc.id}: {'would fix' if diff else 'fixed'} {len(outcome.applied)} issue(s), {len(remaining)} remaining",
            err=True,
        )
    report_model(corrector, model_args.get("model_verbose", False))
    if diff:
        status = max(status, int(changed_any))
    sys.exit(status)


@cli.command("config")
@click.argument("paths", nargs=-1)
@selection_options
@click.option("--show", is_flag=True, help="Print the resolved configuration.")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", help="Output format.")
def config_command(paths: tuple[str, ...], run_args: RunArgs, show: bool, fmt: str) -> None:
    """Show the configuration a check of PATHS would use: the file found (walking up from the
    first path, or from here), then every setting after the command line, the file and the
    defaults are merged, each enabled rule's settings included."""
    from mtqa.config_show import resolved, to_json, to_toml

    if not show:
        click.echo(click.get_current_context().get_help())
        return
    data = resolved(build_setup(paths, run_args), input_options())
    click.echo(to_json(data) if fmt == "json" else to_toml(data), nl=False)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, severity, fix availability, stability, languages, summary."""
    from mtqa.ruledocs import languages_label, rule_table

    rules = all_rules()
    if fmt == "markdown":
        click.echo(rule_table())
        return
    if fmt == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fix": r.fixable,
                "stability": r.stability.value,
                "scope": r.scope.value,
                "languages": list(r.languages),
                "category": r.category,
                "mqm": r.mqm,
                "summary": r.summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rules:
        click.echo(
            f"{r.code}  {r.name:<30} {r.severity.value:<8} {'fix' if r.fixable else '   '}  "
            f"{r.stability.value:<8} {languages_label(r.languages):<11} {r.summary}"
        )


@cli.command("rule")
@click.argument("key")
def rule_cmd(key: str) -> None:
    """Print the documentation of one rule, by code (W101) or name (merged-tokens)."""
    from mtqa.ruledocs import languages_label

    try:
        rule = resolve(key)
    except UnknownRuleError as exc:
        raise ExitError(str(exc)) from None
    click.echo(f"{rule.code} {rule.name} ({rule.severity.value}, {rule.stability.value}, scope: {rule.scope.value})")
    click.echo(f"MQM category: {rule.mqm}")
    click.echo(f"Languages: {languages_label(rule.languages)}\n")
    click.echo(rule.documentation())


from mtqa.eval_cli import eval_group  # noqa: E402  (the `eval` group lives in its own module)

cli.add_command(eval_group)


def main() -> None:
    """Entry point: click's own exit codes (2 for usage errors), and 2 for anything unexpected."""
    try:
        cli.main(prog_name="mtqa")
    except SystemExit:
        raise
    except Exception:  # the last line of defence: an internal error is exit status 2, not a traceback dump
        click.echo("mtqa: internal error, please report it with the traceback below:", err=True)
        click.echo(traceback.format_exc(), err=True)
        sys.exit(2)


from mtqa.score_cli import score  # noqa: E402  (the `score` command lives in its own module)

cli.add_command(score)
