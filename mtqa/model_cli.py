"""Command-line options of the optional correction model (rule M101; `pip install 'mtqa[model]'`)."""

from __future__ import annotations

import click

from mtqa.cli_common import ExitError, RunSetup
from mtqa.engine import Engine


def model_options(func):
    """Options of the optional correction model (rule M101; needs `pip install 'mtqa[model]'`)."""
    options = [
        click.option(
            "--model",
            default=None,
            metavar="PATH|ID",
            help="Correction model: a local directory, 'artefact-repair' (the embedded tagger, when shipped) "
            "or a Hugging Face id already in the local cache. Its guarded rewrites are rule M101.",
        ),
        click.option("--allow-download", is_flag=True, help="Let --model fetch a Hugging Face id (safetensors only)."),
        click.option("--all-sentences", is_flag=True, help="Send every sentence to the model, not only flagged ones."),
        click.option(
            "--model-threshold", type=click.FloatRange(0, 1), default=None, help="Tagger confidence threshold."
        ),
        click.option("--model-batch-size", type=click.IntRange(min=1), default=None, help="Sentences per model batch."),
        click.option("--model-context", is_flag=True, help="Give the model each sentence's neighbours (chat models)."),
        click.option("--model-prefix", default=None, help="Instruction prefix of a seq2seq model (default: CoEdIT's)."),
        click.option("--model-verbose", is_flag=True, help="List every rejected model proposal and why, on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def attach_model(setup: RunSetup, model_args: dict) -> tuple[RunSetup, object | None]:
    """Load the correction model named by ``--model`` and add rule M101 to the run (unless ignored)."""
    from dataclasses import replace

    if not model_args.get("model"):
        return setup, None
    from mtqa.corrector import Corrector, ModelLoadError

    try:
        corrector = Corrector.load(
            model_args["model"],
            allow_download=model_args.get("allow_download", False),
            batch_size=model_args.get("model_batch_size"),
            threshold=model_args.get("model_threshold"),
            prefix=model_args.get("model_prefix"),
            all_sentences=model_args.get("all_sentences", False),
            context=model_args.get("model_context", False),
        )
    except ModelLoadError as exc:
        raise ExitError(str(exc)) from None
    options = setup.engine.options
    selection = replace(options.selection, select=(*options.selection.select, "M101"))
    engine = Engine(replace(options, selection=selection, corrector=corrector))
    return replace(setup, engine=engine), corrector


def report_model(corrector, verbose: bool) -> None:
    """With --model-verbose: every rejected proposal and the guard's reasons, on stderr."""
    if corrector is None or not verbose:
        return
    summary = corrector.summary()
    for review in summary["reviews"]:
        if review["verdict"] == "rejected":
            click.echo(
                f"{review['document']}:{review['start']}: M101 rejected {review['proposal']!r}: "
                + "; ".join(review["reasons"]),
                err=True,
            )
    click.echo(
        f"mtqa: model {summary['model']}@{summary['revision']}: {summary['calls']} call(s), "
        f"{summary['proposals']} proposal(s), {summary['accepted']} accepted, {summary['rejected']} rejected",
        err=True,
    )
