"""Build ``mtqa/resources/common-lowercase.txt`` from the SCOWL word lists.

Why: casing rules must tell a common word capitalised by mistake ("finding
Dialogue solution") from a name ("met Putin in Moscow"). wordfreq knows how common
a word is but not its case. SCOWL (Debian's ``wamerican`` and ``wbritish``
packages, /usr/share/dict) lists proper nouns capitalised and common words in
lower case. A word is "common lowercase" when SCOWL has it only in lower case and
wordfreq rates it at least Zipf 2.5 (about once per 3 million words). The output is
committed, so neither SCOWL nor this script is needed at run time.

Run: ``apt-get install wamerican wbritish && python tools/build_common_lowercase.py``.
"""

from __future__ import annotations

from pathlib import Path

import wordfreq

DICTS = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
OUT = Path(__file__).resolve().parent.parent / "mtqa" / "resources" / "common-lowercase.txt"
MIN_ZIPF = 2.5

HEADER = """\
# Common English words that are not names: SCOWL lists them only in lower case.
# Source: SCOWL word lists (wamerican, wbritish 2020.12.07), Copyright 2000-2020 Kevin Atkinson,
# redistributable with this notice (see http://wordlist.aspell.net/scowl-readme/).
# Filtered to wordfreq Zipf >= 2.5. Regenerate with tools/build_common_lowercase.py.
"""


def main() -> None:
    words = {w.strip() for path in DICTS for w in path.read_text(encoding="utf-8").splitlines()}
    words = {w for w in words if w and "'" not in w}
    capitalised = {w.lower() for w in words if w[:1].isupper()}
    common = sorted(
        w
        for w in words
        if w.islower() and len(w) > 1 and w not in capitalised and wordfreq.zipf_frequency(w, "en") >= MIN_ZIPF
    )
    OUT.write_text(HEADER + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {OUT}")


if __name__ == "__main__":
    main()
