"""The evaluation harness behind ``mtqa eval``: measure the rules on a team's own data.

- ``evaluate_mqm``: WMT MQM annotations (precision against rater spans, recall on the
  categories a rule can reach, false flags on segments every rater found clean);
- ``evaluate_gold``: text files with ``gold.jsonl`` spans (recall per type, flags outside
  gold, negatives flagged);
- ``evaluate_synth``: artefacts injected into clean text by ``mtqa.synth`` (recall per
  rule, how often ``mtqa fix`` restores the original);
- ``evaluate_clean``: flags per 1,000 words on clean, edited text.

Each returns a frozen result with ``to_dict()`` (for ``--format json``) and ``tables()``.
"""

from __future__ import annotations

from mtqa.evaluation.clean import CleanResult, evaluate_clean
from mtqa.evaluation.common import TYPE_RULES, make_engine
from mtqa.evaluation.gold import GoldResult, evaluate_gold, load_gold
from mtqa.evaluation.mqm import MQMResult, evaluate_mqm, read_mqm
from mtqa.evaluation.synth_eval import SynthEvalResult, evaluate_synth

__all__ = [
    "TYPE_RULES",
    "CleanResult",
    "GoldResult",
    "MQMResult",
    "SynthEvalResult",
    "evaluate_clean",
    "evaluate_gold",
    "evaluate_mqm",
    "evaluate_synth",
    "load_gold",
    "make_engine",
    "read_mqm",
]
