"""Synthetic artefacts in German, French and Spanish text: the language's material, kinds that mean
nothing there left out, determinism, and the per-language evaluation."""

from __future__ import annotations

import pytest

from mtqa.engine import Engine, RunOptions
from mtqa.evaluation.synth_eval import evaluate_synth
from mtqa.rules import Selection
from mtqa.synth import KINDS, inject, sites
from mtqa.synth_material import ENGLISH_SENTENCES, material

CLEAN = {
    "de": (
        "Die Regierung kündigte am Dienstag neue Maßnahmen an, um die Energiepreise zu senken.\n"
        "Der Minister sagte, die Gespräche mit Warren würden in Genf fortgesetzt.\n"
        "Warren erklärte, dass sie „die Kandidatur genau prüfen“ werde, und die Polizei bestätigte das.\n"
        "Nach Angaben der Behörden traf sich Warren am Samstag mit Wählern in der Stadt.\n"
    ),
    "fr": (
        "Le gouvernement a annoncé mardi de nouvelles mesures pour faire baisser le prix de l'énergie.\n"
        "Le ministre a déclaré que les négociations avec Warren reprendraient à Genève.\n"
        "Warren a dit qu'elle allait « examiner la candidature », et la police l'a confirmé.\n"
        "Selon les autorités, Warren a rencontré samedi des électeurs dans la ville.\n"
    ),
    "es": (
        "El gobierno anunció el martes nuevas medidas para reducir el precio de la energía.\n"
        "El ministro dijo que las conversaciones con Warren continuarán en Ginebra.\n"
        "Warren dijo que iba a «estudiar la candidatura», y la policía lo confirmó.\n"
        "Según las autoridades, Warren se reunió el sábado con votantes en la ciudad.\n"
    ),
}


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_untranslated_is_an_english_sentence_and_boilerplate_is_the_languages(lang: str) -> None:
    text = CLEAN[lang]
    (untranslated,) = inject(text, ["untranslated"], seed=1, language=lang).injections
    assert untranslated.after.strip() in ENGLISH_SENTENCES and untranslated.variant == "English"
    (line,) = inject(text, ["boilerplate"], seed=2, language=lang).injections
    assert line.after.strip() in material(lang).boilerplate


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_quotes_are_the_languages_pairs(lang: str) -> None:
    result = inject(CLEAN[lang], ["unbalanced_quote"], seed=0, language=lang)
    (inj,) = result.injections
    assert inj.variant.split()[0] in "„“«»”", inj.variant
    assert sites(CLEAN[lang], "unbalanced_quote", lang) > 0


def test_comma_capital_draws_on_the_packs_closed_class_words_and_spares_the_formal_sie() -> None:
    text = "Er sagte, sie werde kommen, und die Minister stimmten zu, dass es gut sei.\n" * 2
    words = {
        inj.after for seed in range(20) for inj in inject(text, ["comma_capital"], seed=seed, language="de").injections
    }
    assert words and "S" not in words  # "sie" -> "Sie" is the formal address, no artefact
    assert words <= {"U", "D"}  # "und", "dass": the pack's closed-class words


def test_kinds_without_meaning_are_left_out_and_said() -> None:
    result = inject(CLEAN["de"], KINDS, seed=0, language="de")
    assert set(result.unsupported) == {"stray_capital", "preferred_spelling", "fragment"}
    assert not {i.kind for i in result.injections} & set(result.unsupported)
    assert sites(CLEAN["de"], "stray_capital", "de") == 0
    assert "stray_capital" not in inject(CLEAN["fr"], KINDS, seed=0, language="fr").unsupported


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_injection_is_deterministic(lang: str) -> None:
    first = inject(CLEAN[lang], KINDS, seed="x", language=lang)
    assert first == inject(CLEAN[lang], KINDS, seed="x", language=lang)


def test_english_material_is_the_original_one() -> None:
    text = "The talks failed, because both sides wanted more. The minister said so on Monday.\n"
    assert inject(text, KINDS, seed=3) == inject(text, KINDS, seed=3, language="en")
    assert material("it") is material("en")  # no pack with a [synth] table: the English material


def test_evaluation_runs_each_file_in_its_language(tmp_path) -> None:
    (tmp_path / "a.de.txt").write_text(CLEAN["de"], encoding="utf-8")
    engine = Engine(RunOptions(selection=Selection(select=("B101", "L101", "C102")), language="de"))
    result = evaluate_synth([tmp_path], engine, trials=1, kinds=("boilerplate", "untranslated", "stray_capital"))
    assert result.languages == (("de", 1),)
    assert result.kind("boilerplate").recall == 1.0 and result.kind("untranslated").recall == 1.0
    stray = result.kind("stray_capital")
    assert stray.injected == 0 and stray.skipped == 0 and stray.unsupported == (("de", 1),)
    notes = " ".join(result.tables()[0].notes)
    assert "stray_capital in de" in notes and "capitalises every noun" in notes
