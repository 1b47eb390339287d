"""`mtqa score`: JSON shape, per-segment scores, input formats, and clear errors (exit 2)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sacrebleu.metrics import BLEU, CHRF, TER

from mtqa.cli import cli

from .conftest import CHINESE, GERMAN, write_lines


def mtqa(*args: str | Path, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["score", *map(str, args)], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def mtqa_json(*args: str | Path) -> dict:
    code, out, err = mtqa(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_json_shape_and_segment_scores(corpus) -> None:
    report = mtqa_json(corpus.hyp, "--ref", corpus.ref, "--source", corpus.src, "--no-language-check")
    assert report["schema"] == "mtqa.score/1"
    assert report["metrics"] == ["bleu", "chrf", "ter"]
    (system,) = report["systems"]
    assert system["hypothesis"] == str(corpus.hyp)
    assert system["references"] == [str(corpus.ref)]
    assert system["source"] == str(corpus.src)
    assert system["n_segments"] == len(corpus.hyps)
    assert set(system["scores"]) == {"bleu", "chrf", "ter"}
    for entry in system["scores"].values():
        assert {"name", "score", "signature", "confidence"} <= set(entry)
        assert entry["signature"].startswith("nrefs:1|")
    segments = system["segments"]
    assert len(segments) == len(corpus.hyps)
    first = segments[0]
    assert set(first) == {"index", "line", "id", "bleu", "chrf", "ter", "hypothesis", "references", "source"}
    assert (first["index"], first["line"], first["id"]) == (0, 1, None)
    # The per-segment numbers are sacrebleu's sentence scores (BLEU with effective order, as `sacrebleu -sl`).
    bleu, chrf, ter = BLEU(effective_order=True), CHRF(), TER()
    for seg in random.Random(3).sample(segments, 25):
        hyp, refs = seg["hypothesis"], seg["references"]
        assert seg["bleu"] == pytest.approx(bleu.sentence_score(hyp, refs).score)
        assert seg["chrf"] == pytest.approx(chrf.sentence_score(hyp, refs).score)
        assert seg["ter"] == pytest.approx(ter.sentence_score(hyp, refs).score)
    worst = sorted(segments, key=lambda s: s["chrf"])[0]
    assert worst["chrf"] == min(s["chrf"] for s in segments)


def test_no_segments_and_several_systems(corpus, tmp_path: Path) -> None:
    other = write_lines(tmp_path / "other.en", corpus.refs2)
    report = mtqa_json(corpus.hyp, other, "--ref", corpus.ref, "--no-segments", "-m", "chrf")
    assert [s["hypothesis"] for s in report["systems"]] == [str(corpus.hyp), str(other)]
    assert all("segments" not in s for s in report["systems"])
    code, out, _ = mtqa(corpus.hyp, other, "--ref", corpus.ref, "-m", "bleu,chrf")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{corpus.hyp}:" and lines[3] == f"{other}:"
    assert lines[1].lstrip().startswith("BLEU|nrefs:1|") and lines[2].lstrip().startswith("chrF2|nrefs:1|")


def test_output_file_and_stdin(corpus, tmp_path: Path) -> None:
    out = tmp_path / "scores.json"
    code, stdout, _ = mtqa("-", "--ref", corpus.ref, "-f", "json", "-o", out, input=corpus.hyp.read_text("utf-8"))
    assert code == 0 and stdout == ""
    from_stdin = json.loads(out.read_text("utf-8"))["systems"][0]
    from_file = mtqa_json(corpus.hyp, "--ref", corpus.ref)["systems"][0]
    assert from_stdin["hypothesis"] == "<stdin>"
    assert from_stdin["scores"] == from_file["scores"]


def test_jsonl_with_ids_aligns_shuffled_references(tmp_path: Path, corpus) -> None:
    hyp = tmp_path / "hyp.jsonl"
    ref = tmp_path / "ref.jsonl"
    rows = [{"id": f"s{i}", "mt": h} for i, h in enumerate(corpus.hyps)]
    refs = [{"id": f"s{i}", "ref": r} for i, r in enumerate(corpus.refs)]
    random.Random(1).shuffle(refs)
    hyp.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    ref.write_text("".join(json.dumps(r) + "\n" for r in refs), encoding="utf-8")
    aligned = mtqa_json(hyp, "--ref", ref)["systems"][0]
    plain = mtqa_json(corpus.hyp, "--ref", corpus.ref)["systems"][0]
    assert {k: v["score"] for k, v in aligned["scores"].items()} == {k: v["score"] for k, v in plain["scores"].items()}
    assert aligned["segments"][5]["id"] == "s5"
    assert aligned["segments"][5]["references"] == [corpus.refs[5]]


def test_jsonl_list_field_gives_several_references(tmp_path: Path, corpus) -> None:
    data = tmp_path / "multi.jsonl"
    with data.open("w", encoding="utf-8") as fh:
        for h, r1, r2 in zip(corpus.hyps, corpus.refs, corpus.refs2, strict=True):
            fh.write(json.dumps({"translation": {"de": h}, "refs": [r1, r2]}) + "\n")
    ours = mtqa_json(data, "--hyp-field", "translation.de")["systems"][0]["scores"]
    two = mtqa_json(corpus.hyp, "--ref", corpus.ref, "--ref", corpus.ref2)["systems"][0]["scores"]
    assert ours["bleu"]["score"] == two["bleu"]["score"]
    assert "nrefs:2" in ours["bleu"]["signature"]


def test_tsv_with_header_and_numbered_columns(tmp_path: Path, corpus) -> None:
    with_header = tmp_path / "run.tsv"
    numbered = tmp_path / "cols.tsv"
    body = "".join(f"{h}\t{r}\n" for h, r in zip(corpus.hyps, corpus.refs, strict=True))
    with_header.write_text("mt\treference\n" + body, encoding="utf-8")
    numbered.write_text(body, encoding="utf-8")
    a = mtqa_json(with_header, "--hyp-field", "mt")["systems"][0]["scores"]
    b = mtqa_json(numbered, "--hyp-field", "1", "--ref-field", "2")["systems"][0]["scores"]
    c = mtqa_json(corpus.hyp, "--ref", corpus.ref)["systems"][0]["scores"]
    assert a["chrf"]["score"] == b["chrf"]["score"] == c["chrf"]["score"]


# ----------------------------------------------------------------------------- errors


def test_mismatched_line_counts_name_every_file(corpus, tmp_path: Path) -> None:
    short = write_lines(tmp_path / "short.en", corpus.refs[:-1])
    (tmp_path / "short.en").write_text(short.read_text("utf-8") + "\n\n", encoding="utf-8")
    code, out, err = mtqa(corpus.hyp, "--ref", short, "--source", corpus.src)
    assert code == 2 and out == ""
    assert f"{corpus.hyp} (hypotheses) has 300 lines" in err
    assert f"{short} (reference) has 301 lines, the last 2 lines blank" in err
    assert f"{corpus.src} (source) has 300 lines" in err


def test_empty_references_are_refused_with_their_lines(corpus, tmp_path: Path) -> None:
    refs = list(corpus.refs)
    refs[4] = refs[9] = "   "
    holes = write_lines(tmp_path / "holes.en", refs)
    code, _, err = mtqa(corpus.hyp, "--ref", holes)
    assert code == 2
    assert f"{holes} has 2 empty references (lines 5, 10)" in err
    assert "--allow-empty-refs" in err
    empty = tmp_path / "empty.en"
    empty.write_text("", encoding="utf-8")
    code, _, err = mtqa(corpus.hyp, "--ref", empty)
    assert code == 2 and f"reference {empty} is empty" in err
    code, _, err = mtqa(empty, "--ref", corpus.ref)
    assert code == 2 and f"{empty} is empty: there is nothing to score" in err


def test_hypothesis_in_another_language_is_refused(corpus) -> None:
    code, out, err = mtqa(corpus.src, "--ref", corpus.ref)
    assert code == 2 and out == ""
    assert "mixed languages" in err and "German (de)" in err and "English (en)" in err
    code, _, _ = mtqa(corpus.src, "--ref", corpus.ref, "--no-language-check")
    assert code == 0


def test_references_in_two_languages_are_refused(corpus) -> None:
    code, _, err = mtqa(corpus.hyp, "--ref", corpus.ref, "--ref", corpus.src)
    assert code == 2 and "mixed languages" in err and str(corpus.src) in err


def test_a_file_that_switches_language_half_way_is_refused(corpus, tmp_path: Path) -> None:
    mixed = write_lines(tmp_path / "mixed.en", corpus.hyps[:150] + [GERMAN[i % 6] for i in range(150)])
    code, _, err = mtqa(mixed, "--ref", corpus.ref)
    assert code == 2 and "German (de)" in err
    where = re.search(r"mixed languages: in lines (\d+)-(\d+)", err)
    assert where and int(where.group(2)) > 150, err  # the chunk named is in the German half


def test_declared_language_must_match_the_references(corpus, zh_corpus) -> None:
    code, _, err = mtqa(corpus.hyp, "--ref", corpus.ref, "--language", "zh")
    assert code == 2 and "the target language is Chinese (zh)" in err and "not in Chinese, Japanese or Korean" in err
    code, _, err = mtqa(corpus.hyp, "--ref", corpus.ref, "--language", "de")
    assert code == 2 and "German (de)" in err and "looks English (en)" in err
    hyp, ref = zh_corpus
    code, _, err = mtqa(hyp, "--ref", ref, "--language", "ko")
    assert code == 2 and "looks Chinese (zh)" in err
    assert mtqa(corpus.hyp, "--ref", corpus.ref, "--language", "en-GB")[0] == 0


def test_japanese_without_mecab_says_what_to_install(tmp_path: Path) -> None:
    pytest.importorskip("sacrebleu")
    try:
        import MeCab  # noqa: F401

        pytest.skip("MeCab is installed: ja-mecab works")
    except ImportError:
        pass
    lines = ["私は昨日東京で友達に会いました。", "会議は来週の月曜日に延期されました。"] * 10
    hyp = write_lines(tmp_path / "hyp.ja", lines)
    code, _, err = mtqa(hyp, "--ref", hyp, "-m", "bleu")
    assert code == 2 and "sacrebleu[ja]" in err and "--tokenize" in err
    assert mtqa(hyp, "--ref", hyp, "-m", "bleu", "--tokenize", "char")[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--metrics", "bleu,meteor"], "unknown metric 'meteor'"),
        (["--hyp-field", "nope"], "has no hypothesis field 'nope' (its fields: id, mt, ref)"),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    data = tmp_path / "run.jsonl"
    data.write_text(json.dumps({"id": 1, "mt": "A sentence.", "ref": "A sentence."}) + "\n", encoding="utf-8")
    code, _, err = mtqa(data, *args)
    assert code == 2 and message in err


def test_missing_references_and_bad_input(tmp_path: Path) -> None:
    plain = write_lines(tmp_path / "hyp.txt", ["One.", "Two."])
    code, _, err = mtqa(plain)
    assert code == 2 and "no references" in err and "--ref" in err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\n\xff\xfe broken\n")
    code, _, err = mtqa(bad, "--ref", plain)
    assert code == 2 and "not valid UTF-8" in err and "line 2" in err
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"mt": "x", "ref": "y"}\n{"mt": \n', encoding="utf-8")
    code, _, err = mtqa(broken)
    assert code == 2 and "line 2 is not JSON" in err
    dupes = tmp_path / "dupes.jsonl"
    dupes.write_text("".join(json.dumps({"id": "a", "mt": "x", "ref": "y"}) + "\n" for _ in range(2)), "utf-8")
    code, _, err = mtqa(dupes, "--ref", dupes)
    assert code == 2 and "repeats segment id 'a'" in err


def test_chinese_hypothesis_in_english_run_is_mixed(tmp_path: Path, corpus) -> None:
    zh = write_lines(tmp_path / "hyp.zh", [CHINESE[i % 6] for i in range(len(corpus.refs))])
    code, _, err = mtqa(zh, "--ref", corpus.ref)
    assert code == 2 and "Chinese (zh)" in err
