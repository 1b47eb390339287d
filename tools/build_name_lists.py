"""Build the two name lists C104 (lowercased-proper-noun) reads, from the SCOWL word lists.

- ``mtqa/resources/proper-names.txt``: words SCOWL lists only capitalised (london, monday,
  russian, june) and wordfreq rates at least Zipf 4.0, four letters or more, less a few that
  are also abbreviations, particles or words used in lower case (``EXCLUDE``), plus the
  spellings SCOWL 2020 does not know yet (``EXTRA``). C104 flags them written in lower case
  in running text.
- ``mtqa/resources/name-senses.txt``: words SCOWL lists both capitalised and in lower case
  (bush, rice, may, turkey, china, august) with Zipf 2.5 or more: a name the document
  capitalises elsewhere is still a common word when written in lower case, so C104 leaves them.

Why SCOWL: wordfreq knows how common a word is but not its case; SCOWL (Debian's
``wamerican`` and ``wbritish``, /usr/share/dict) lists proper nouns capitalised and common
words in lower case. The outputs are committed, so neither SCOWL nor this script is needed at
run time.

Run: ``apt-get install wamerican wbritish && python tools/build_name_lists.py``.
"""

from __future__ import annotations

from pathlib import Path

import wordfreq

DICTS = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
RESOURCES = Path(__file__).resolve().parent.parent / "mtqa" / "resources"
PROPER_ZIPF = 4.0
SENSE_ZIPF = 2.5
# Proper-only in SCOWL but abbreviations, particles, brand names written in lower case, or words
# with a common lower-case use that SCOWL does not list.
EXCLUDE = frozenset(
    {
        "bros",
        "java",
        "isis",
        "christ",
        "latin",
        "dutch",
        "angeles",
        "hong",
        "kong",
        "vegas",
        "santa",
        "jose",
        "juan",
        "diego",
        "carlos",
        "francisco",
        "antonio",
        "louis",
    }
)
EXTRA = ("kyiv", "kharkiv", "luhansk", "donetsk", "zelensky", "zelenskyy")

SOURCE = """\
# Source: SCOWL word lists (wamerican, wbritish 2020.12.07), Copyright 2000-2020 Kevin Atkinson,
# redistributable with this notice (see http://wordlist.aspell.net/scowl-readme/).
# Regenerate with tools/build_name_lists.py.
"""


def main() -> None:
    words = {w.strip() for path in DICTS for w in path.read_text(encoding="utf-8").splitlines()}
    words = {w for w in words if w and "'" not in w}
    lower = {w for w in words if w.islower()}
    capitalised = {w for w in words if w[:1].isupper() and w[1:].islower()}
    proper = sorted(
        {
            w.lower()
            for w in capitalised
            if w.lower() not in lower
            and len(w) >= 4
            and w.lower() not in EXCLUDE
            and wordfreq.zipf_frequency(w, "en") >= PROPER_ZIPF
        }
        | set(EXTRA)
    )
    senses = sorted(
        {w.lower() for w in capitalised if w.lower() in lower and wordfreq.zipf_frequency(w, "en") >= SENSE_ZIPF}
    )
    (RESOURCES / "proper-names.txt").write_text(
        "# Names SCOWL lists only capitalised (Zipf >= 4.0, four letters or more), lower case, one a line:\n"
        '# C104 flags them written in lower case in running text ("Moscow and kyiv").\n'
        + SOURCE
        + "\n".join(proper)
        + "\n",
        encoding="utf-8",
    )
    (RESOURCES / "name-senses.txt").write_text(
        "# Words SCOWL lists both as a name and in lower case (Zipf >= 2.5), lower case, one a line:\n"
        "# C104 never flags them in lower case (bush, rice, may, turkey, china).\n" + SOURCE + "\n".join(senses) + "\n",
        encoding="utf-8",
    )
    print(f"{len(proper)} proper names, {len(senses)} names with a common sense")


if __name__ == "__main__":
    main()
