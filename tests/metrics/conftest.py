"""Parallel test corpora written to tmp_path: deterministic, generated here, no downloads."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest

SUBJECTS = [
    "The minister",
    "Officials",
    "The president",
    "Rescue teams",
    "The company",
    "Local residents",
    "The foreign ministry",
    "Investors",
    "The court",
    "Health workers",
    "Blinken",
    "Lavrov",
]
VERBS = ["said", "announced", "denied", "confirmed", "reported", "warned", "agreed", "claimed"]
OBJECTS = [
    "the talks would resume on Monday",
    "prices rose by 4.5% in March",
    "the bridge was closed",
    "the agreement covered grain exports",
    "3,000 people had been evacuated",
    "no decision was taken",
    "the border crossing reopened",
    "the vote was postponed until June",
    "the plan would cost $2 billion",
    "the investigation was still open",
    "the ceasefire held overnight",
    "the report was incomplete",
]
TAILS = ["", " on Tuesday", " in Geneva", " after a long meeting", " according to Reuters", " (AFP)"]
SYNONYMS = {
    "said": "stated",
    "announced": "declared",
    "denied": "rejected",
    "confirmed": "verified",
    "warned": "cautioned",
    "talks": "negotiations",
    "closed": "shut",
    "people": "residents",
    "postponed": "delayed",
    "plan": "project",
    "open": "ongoing",
    "held": "lasted",
}

GERMAN = [
    "Der Minister sagte am Dienstag, dass die Gespräche am Montag fortgesetzt werden.",
    "Die Preise sind im März um 4,5 Prozent gestiegen, teilte das Statistikamt mit.",
    "Die Brücke wurde nach dem Unfall für den gesamten Verkehr gesperrt.",
    "Das Abkommen umfasst auch die Ausfuhr von Getreide über die Häfen am Schwarzen Meer.",
    "Nach Angaben der Behörden mussten mehr als dreitausend Menschen ihre Häuser verlassen.",
    "Eine Entscheidung über die Zukunft des Werkes wurde noch nicht getroffen.",
]
CHINESE = [
    "部长星期二表示，会谈将于周一恢复。",
    "统计局称，三月份物价上涨了百分之四点五。",
    "事故发生后，这座桥对所有车辆关闭。",
    "该协议还包括通过黑海港口出口粮食。",
    "据当局称，三千多人不得不离开家园。",
    "关于工厂未来的决定尚未作出。",
]


def reference_sentences(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.choice(OBJECTS)}{rng.choice(TAILS)}." for _ in range(n)
    ]


def perturb(sentence: str, rng: random.Random, strength: float = 0.3) -> str:
    """A plausible 'system output': some synonyms, a dropped word, a lower-cased start, a lost full stop."""
    words = sentence.split()
    out = []
    for w in words:
        core = w.strip(".,()")
        if core in SYNONYMS and rng.random() < strength * 2:
            w = w.replace(core, SYNONYMS[core])
        if rng.random() < strength / 4 and len(words) > 4:
            continue
        out.append(w)
    text = " ".join(out)
    if rng.random() < strength / 2:
        text = text.rstrip(".")
    if rng.random() < strength / 3:
        text = text[:1].lower() + text[1:]
    return text


def chinese_hypothesis(sentence: str, rng: random.Random) -> str:
    chars = list(sentence)
    if len(chars) > 4 and rng.random() < 0.7:
        del chars[rng.randrange(len(chars) - 1)]
    if rng.random() < 0.5:
        chars.insert(rng.randrange(len(chars)), "的")
    return "".join(chars)


@dataclass
class Corpus:
    hyp: Path
    ref: Path
    ref2: Path
    src: Path
    hyps: list[str]
    refs: list[str]
    refs2: list[str]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """300 English segments: a hypothesis, two references, and a (German-ish) source placeholder."""
    rng = random.Random(11)
    refs = reference_sentences(300)
    refs2 = [perturb(r, rng, 0.2) for r in refs]
    hyps = [perturb(r, rng, 0.4) for r in refs]
    src = [GERMAN[i % len(GERMAN)] for i in range(len(refs))]
    return Corpus(
        write_lines(tmp_path / "hyp.en", hyps),
        write_lines(tmp_path / "ref.en", refs),
        write_lines(tmp_path / "ref2.en", refs2),
        write_lines(tmp_path / "src.de", src),
        hyps,
        refs,
        refs2,
    )


@pytest.fixture
def zh_corpus(tmp_path: Path) -> tuple[Path, Path]:
    rng = random.Random(5)
    refs = [CHINESE[i % len(CHINESE)] for i in range(120)]
    hyps = [chinese_hypothesis(r, rng) for r in refs]
    return write_lines(tmp_path / "hyp.zh", hyps), write_lines(tmp_path / "ref.zh", refs)
