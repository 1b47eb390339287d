"""How often the token rules take a correct camel-case name or brand for glued words.

Each name of ``benchmarks/data/camelcase-names.txt`` (brands, products, companies, places and
people as their owners write them: iPhone, easyJet, McDonald's, DeSantis, GlaxoSmithKline...) is
checked in two prose contexts ("We met NAME yesterday." and "He said the NAME team won."), with
the rules that look inside tokens: W101 merged-tokens, W103 missing-space-after-punctuation,
W105 duplicated-run. Prints the names each rule flags. Every flag is a false positive, except
for the few glued multi-word names the list keeps on purpose (KualaLumpur, BuenosAires...).

Run: ``python benchmarks/camelcase.py [--rules W101,W103,W105]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mtqa.document import Document
from mtqa.engine import Engine, RunOptions
from mtqa.rules import Selection

NAMES = Path(__file__).parent / "data" / "camelcase-names.txt"
CONTEXTS = ("We met {} yesterday.", "He said the {} team won.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", default="W101,W103,W105", help="comma-separated rule codes")
    args = parser.parse_args(argv)
    codes = tuple(c.strip().upper() for c in args.rules.split(",") if c.strip())
    names = sorted(
        {
            line.strip()
            for line in NAMES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }
    )
    engine = Engine(RunOptions(selection=Selection(codes, preview=True)))
    flagged: dict[str, set[str]] = {c: set() for c in codes}
    for name in names:
        for context in CONTEXTS:
            for issue in engine.check_document(Document.from_text(context.format(name))):
                flagged[issue.code].add(name)
    print(f"{len(names)} names x {len(CONTEXTS)} contexts")
    for code in codes:
        found = sorted(flagged[code])
        print(f"{code}: {len(found)} flagged" + (f": {', '.join(found)}" if found else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
