"""Train the artefact-repair tagger with this directory's architecture (config.json).

    python models/artefact-repair/train.py --out /tmp/artefact-repair --minutes 10
    python models/artefact-repair/train.py --out DIR --minutes 10 my-clean-corpus/*.txt

Without corpus files it uses the project's shared data: the clean-news documents and the
human reference translations (systems ``ref`` and ``refB``) of the MQM TED file. Every
other option is ``python -m mtqa.corrector.train``'s (``--help``); the recipe itself lives
in ``mtqa/corrector/train.py`` so that it is installed with the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared" / "data"


def default_corpus() -> list[str]:
    files = [*sorted((SHARED / "clean-news").glob("*.txt")), SHARED / "mqm" / "mqm_ted_zhen.tsv"]
    return [str(f) for f in files if f.exists()]


def main(argv: list[str]) -> int:
    from mtqa.corrector.train import parser, run

    args = parser().parse_args(argv)
    args.corpus = args.corpus or default_corpus()
    args.config = args.config or str(HERE / "config.json")
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
