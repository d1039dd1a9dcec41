"""`make eval`, part 2: NLU cross-validation (intent macro-F1) with `rasa test nlu --cross-validation`.

Writes bench/results/eval-nlu-<date>.json and prints a Markdown table. Also used
by the benchmark with another config for the side-by-side comparison.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGETS = {"intent_macro_f1": 0.95}


def cross_validate(config: str = "config.yml", folds: int = 3) -> dict:
    out = Path(tempfile.mkdtemp(prefix="nlu-cv-"))
    cmd = [
        sys.executable, "-m", "rasa", "test", "nlu", "--nlu", "rasa/data/nlu", "--config", config,
        "--cross-validation", "--folds", str(folds), "--out", str(out), "--no-plot",
    ]  # fmt: skip
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = json.loads((out / "intent_report.json").read_text())
    per_intent = {
        name: round(values["f1-score"], 3)
        for name, values in report.items()
        if isinstance(values, dict) and "f1-score" in values and "avg" not in name
    }
    return {
        "date": dt.date.today().isoformat(),
        "config": config,
        "folds": folds,
        "intent_macro_f1": round(report["macro avg"]["f1-score"], 4),
        "intent_weighted_f1": round(report["weighted avg"]["f1-score"], 4),
        "intent_accuracy": round(report.get("accuracy", 0.0), 4),
        "per_intent_f1": per_intent,
        "targets": TARGETS,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--folds", type=int, default=3)
    args = parser.parse_args()
    result = cross_validate(args.config, args.folds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    variant = "" if args.config == "config.yml" else "-" + Path(args.config).stem.removeprefix("config.")
    out = RESULTS / f"eval-nlu{variant}-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2))
    print(f"NLU cross-validation ({args.folds} folds, {args.config})\n")
    print("| measure | value | target |\n|---|---|---|")
    print(f"| intent macro-F1 | {result['intent_macro_f1']} | ≥ {TARGETS['intent_macro_f1']} |")
    print(f"| intent weighted-F1 | {result['intent_weighted_f1']} | |")
    weakest = sorted(result["per_intent_f1"].items(), key=lambda kv: kv[1])[:5]
    print("\nweakest intents: " + ", ".join(f"{k} {v}" for k, v in weakest))


if __name__ == "__main__":
    main()
