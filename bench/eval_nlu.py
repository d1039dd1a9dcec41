"""`make eval`, part 2: NLU cross-validation with `rasa test nlu --cross-validation`.

Intents: macro- and weighted-F1 from intent_report.json, the weakest intents and the
most frequent confusions (the "confused_with" counts Rasa adds to that report).
Entities: Rasa scores every entity extractor separately, token by token, against the
hand-annotated entities in the NLU data and writes <Extractor>_report.json. That report
lists every entity type that is annotated anywhere, so a rule-based extractor that only
knows one type (PlaceExtractor: plaats) would get F1 0 for all the others. We therefore
score each extractor on the entity types it is responsible for (EXTRACTOR_TYPES; an
extractor not listed there, such as DIETClassifier in a variant, is scored on all types)
and keep Rasa's all-types averages alongside.

Writes bench/results/eval-nlu[-<variant>]-<date>.json and prints a Markdown table. Also
used by the benchmark with another config for the side-by-side comparison.

    python -m bench.eval_nlu [--config bench/config.x.yml] [--folds 3] [--out DIR] [--timing]

--timing also trains one model on all the data (without Rasa's training cache) and reports
the median and p95 parse time per message (the whole NLU pipeline, as the server runs it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
NLU_DATA = "rasa/data/nlu"
HELD_OUT = "bench/nlu_test"
TARGETS = {"intent_macro_f1": 0.95, "entity_f1": 0.90}
# Entity types each of our rule-based extractors produces (see rasa/uitstroom_nlu/).
EXTRACTOR_TYPES = {"PlaceExtractor": ["plaats"], "RoleExtractor": ["rol"]}
NOT_EXTRACTORS = {"intent_report.json", "response_selection_report.json"}
AVERAGES = ("micro avg", "macro avg", "weighted avg", "accuracy")
# `rasa test nlu --cross-validation` shuffles the folds with numpy's global random state
# (StratifiedKFold(shuffle=True) without a seed): seed it, so that two runs, and two configs,
# are scored on the same folds. Unseeded, macro-F1 moves by about ±0.01 between runs.
SEEDED_RASA = "import sys, numpy; numpy.random.seed({seed}); from rasa.__main__ import main; sys.exit(main())"


def _labels(report: dict) -> dict[str, dict]:
    return {k: v for k, v in report.items() if k not in AVERAGES and isinstance(v, dict) and "f1-score" in v}


def intent_summary(report: dict, top: int = 12) -> dict:
    labels = _labels(report)
    confusions = [
        (true, predicted, count)
        for true, values in labels.items()
        for predicted, count in (values.get("confused_with") or {}).items()
    ]
    confusions.sort(key=lambda c: -c[2])
    return {
        "intent_macro_f1": round(report["macro avg"]["f1-score"], 4),
        "intent_weighted_f1": round(report["weighted avg"]["f1-score"], 4),
        "intent_accuracy": round(report.get("accuracy", 0.0), 4),
        "per_intent_f1": {name: round(v["f1-score"], 3) for name, v in labels.items()},
        "top_confusions": [{"intent": t, "predicted": p, "count": n} for t, p, n in confusions[:top]],
    }


def entity_summary(extractor: str, report: dict) -> dict:
    """F1 of one extractor over the entity types it owns (macro and support-weighted)."""
    labels = _labels(report)
    owned = [t for t in EXTRACTOR_TYPES.get(extractor, labels) if t in labels]
    per_type = {
        t: {k: round(labels[t][k], 4) for k in ("precision", "recall", "f1-score")}
        | {"support": labels[t]["support"]}
        for t in owned
    }
    support = sum(labels[t]["support"] for t in owned)
    macro = statistics.fmean(labels[t]["f1-score"] for t in owned) if owned else 0.0
    weighted = sum(labels[t]["f1-score"] * labels[t]["support"] for t in owned) / support if support else 0.0
    return {
        "entity_types": owned,
        "macro_f1": round(macro, 4),
        "weighted_f1": round(weighted, 4),
        "per_type": per_type,
        "rasa_all_types_macro_f1": round(report.get("macro avg", {}).get("f1-score", 0.0), 4),
        "rasa_all_types_weighted_f1": round(report.get("weighted avg", {}).get("f1-score", 0.0), 4),
    }


def fallback_threshold(config: str) -> float | None:
    import yaml

    pipeline = yaml.safe_load((ROOT / config).read_text("utf-8")).get("pipeline") or []
    return next((c.get("threshold", 0.3) for c in pipeline if c.get("name") == "FallbackClassifier"), None)


def fallback_share(out_dir: Path, config: str) -> dict:
    """How many test messages the FallbackClassifier would turn into nlu_fallback.

    Rasa undoes the fallback before scoring, so the F1 figures do not show it; a classifier
    with flatter confidences (e.g. logistic regression) loses answers here instead.
    """
    threshold = fallback_threshold(config)
    rows = []
    for name in ("intent_successes.json", "intent_errors.json"):
        path = out_dir / name
        if path.exists():
            rows += json.loads(path.read_text())
    if threshold is None or not rows:
        return {}
    kept = [r for r in rows if (r.get("intent_prediction") or {}).get("confidence", 0) >= threshold]
    correct = sum(r["intent"] == r["intent_prediction"]["name"] for r in kept)
    # Classifiers differ in how confident they are; compare them at the same coverage instead:
    # the accuracy on the 90% of messages with the highest confidence, and the threshold that gives.
    ranked = sorted(rows, key=lambda r: -(r.get("intent_prediction") or {}).get("confidence", 0))
    top = ranked[: int(0.9 * len(ranked))]
    return {
        "fallback_threshold": threshold,
        "fallback_share": round(1 - len(kept) / len(rows), 4),
        "accuracy_above_threshold": round(correct / len(kept), 4) if kept else 0.0,
        "accuracy_at_90pct_coverage": round(
            sum(r["intent"] == r["intent_prediction"]["name"] for r in top) / len(top), 4
        ),
        "threshold_for_90pct_coverage": round(top[-1]["intent_prediction"]["confidence"], 3),
    }


def cross_validate(
    config: str = "config.yml", folds: int = 3, out: str | None = None, nlu: str = NLU_DATA, seed: int = 42
) -> dict:
    out_dir = Path(out) if out else Path(tempfile.mkdtemp(prefix="nlu-cv-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable, "-c", SEEDED_RASA.format(seed=seed), "test", "nlu", "--nlu", nlu, "--config", config,
        "--cross-validation", "--folds", str(folds), "--out", str(out_dir), "--no-plot", "--successes",
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    result = {
        "date": dt.date.today().isoformat(),
        "config": config,
        "nlu": nlu,
        "folds": folds,
        "seed": seed,
        "cv_seconds": round(seconds),
        "out": str(out_dir),
    }
    result |= intent_summary(json.loads((out_dir / "intent_report.json").read_text()))
    result |= fallback_share(out_dir, config)
    result["entities"] = {
        path.name.removesuffix("_report.json"): entity_summary(
            path.name.removesuffix("_report.json"), json.loads(path.read_text())
        )
        for path in sorted(out_dir.glob("*_report.json"))
        if path.name not in NOT_EXTRACTORS
    }
    result["targets"] = TARGETS
    return result


def parse_timing(config: str, messages: int = 300, nlu: str = NLU_DATA) -> dict:
    """Train on all NLU data, then time the parse of `messages` training texts (ms per message)."""
    import asyncio
    import logging

    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # the server does not log every parse at debug level either
    logging.getLogger().setLevel(logging.WARNING)

    texts = [m.get("text") for m in load_data(str(ROOT / nlu)).nlu_examples]
    texts = texts[:: max(1, len(texts) // messages)][:messages]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RASA_CACHE_DIRECTORY"] = str(Path(tmp) / "cache")  # a clean training, not a cache hit
        started = time.perf_counter()
        model = train_nlu(str(ROOT / config), str(ROOT / nlu), tmp)
        train_s = time.perf_counter() - started
        agent = Agent.load(model)

        async def run() -> list[float]:
            for text in texts[:20]:  # warm-up
                await agent.parse_message(text)
            times = []
            for text in texts:
                t0 = time.perf_counter()
                await agent.parse_message(text)
                times.append((time.perf_counter() - t0) * 1000)
            return times

        times = sorted(asyncio.run(run()))
    return {
        "train_s": round(train_s, 1),
        "messages": len(times),
        "parse_ms_median": round(statistics.median(times), 2),
        "parse_ms_p95": round(times[int(0.95 * (len(times) - 1))], 2),
    }


def markdown(result: dict) -> str:
    lines = [
        f"NLU cross-validation ({result['folds']} folds, {result['config']})\n",
        "| measure | value | target |",
        "|---|---|---|",
        f"| intent macro-F1 | {result['intent_macro_f1']} | ≥ {TARGETS['intent_macro_f1']} |",
        f"| intent weighted-F1 | {result['intent_weighted_f1']} | |",
        f"| intent accuracy | {result['intent_accuracy']} | |",
    ]
    if "fallback_share" in result:
        lines.append(
            f"| share below the fallback threshold ({result['fallback_threshold']}) / accuracy of the rest | "
            f"{result['fallback_share']} / {result['accuracy_above_threshold']} | |"
        )
        lines.append(
            f"| accuracy of the 90% most confident (threshold that gives it) | "
            f"{result['accuracy_at_90pct_coverage']} ({result['threshold_for_90pct_coverage']}) | |"
        )
    for extractor, e in result["entities"].items():
        types = ", ".join(e["entity_types"])
        target = TARGETS["entity_f1"]
        lines.append(f"| entity macro-F1, {extractor} ({types}) | {e['macro_f1']} | ≥ {target} |")
        lines.append(f"| entity weighted-F1, {extractor} ({types}) | {e['weighted_f1']} | |")
        for t, v in e["per_type"].items():
            lines.append(
                f"| {extractor} {t}: precision / recall (support) | "
                f"{v['precision']} / {v['recall']} ({v['support']}) | |"
            )
    if not result["entities"]:
        lines.append("| entity F1 | no annotated entities or no extractor output | |")
    if "timing" in result:
        t = result["timing"]
        ms = f"{t['parse_ms_median']} / {t['parse_ms_p95']}"
        lines.append(f"| parse time per message, median / p95 (ms) | {ms} | |")
        lines.append(f"| training on all data (s) | {t['train_s']} | |")
    lines.append(f"| cross-validation wall time (s) | {result['cv_seconds']} | |")
    if "held_out" in result:
        h = result["held_out"]
        lines.append(
            f"| held-out set ({h['nlu']}, written without seeing the training data): "
            f"intent macro-F1 / accuracy | {h['intent_macro_f1']} / {h['intent_accuracy']} | |"
        )
        if "fallback_share" in h:
            lines.append(
                f"| held-out set: share below the fallback threshold / accuracy of the rest | "
                f"{h['fallback_share']} / {h['accuracy_above_threshold']} | |"
            )
    weakest = sorted(result["per_intent_f1"].items(), key=lambda kv: kv[1])[:6]
    lines.append("\nweakest intents: " + ", ".join(f"{k} {v}" for k, v in weakest))
    lines.append(
        "top confusions (true → predicted ×n): "
        + ", ".join(f"{c['intent']} → {c['predicted']} ×{c['count']}" for c in result["top_confusions"][:8])
    )
    return "\n".join(lines)


def inputs_fingerprint(config: str) -> str:
    """The model-cache hash of everything that shapes the NLU (config, data, our components)."""
    from uitstroom.model_inputs import fingerprint

    return fingerprint(config)


def held_out(model: Path, nlu: str = HELD_OUT, config: str = "config.yml") -> dict:
    """Scores a trained model on bench/nlu_test: messages written by someone who never saw the
    training data, never trained on. Cross-validation scores each training example with a model
    trained on the others, so it also measures how hard the examples we chose to write are."""
    out_dir = Path(tempfile.mkdtemp(prefix="nlu-held-out-"))
    cmd = [sys.executable, "-m", "rasa", "test", "nlu", "--nlu", nlu, "--model", str(model),
           "--out", str(out_dir), "--no-plot", "--successes"]  # fmt: skip
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    summary = intent_summary(json.loads((out_dir / "intent_report.json").read_text()), top=8)
    summary |= fallback_share(out_dir, config)  # the threshold of the config the model was trained with
    return {"nlu": nlu, "model": model.name, "out": str(out_dir)} | summary


def result_path(config: str, date: str) -> Path:
    variant = "" if config == "config.yml" else "-" + Path(config).stem.removeprefix("config.")
    return RESULTS / f"eval-nlu{variant}-{date}.json"


def cached_or_new(config: str) -> dict:
    """`make bench` reuses a 3-fold result of `make eval` for the same inputs (like the model cache)."""
    fingerprint = inputs_fingerprint(config)
    pattern = result_path(config, "*")
    for path in sorted(pattern.parent.glob(pattern.name), reverse=True):
        result = json.loads(path.read_text())
        key = (result.get("fingerprint"), result.get("folds"), result.get("nlu"))
        if key == (fingerprint, 3, NLU_DATA):
            return result
    result = cross_validate(config, folds=3)
    result["fingerprint"] = fingerprint
    RESULTS.mkdir(parents=True, exist_ok=True)
    result_path(config, result["date"]).write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42, help="seed of the fold split")
    parser.add_argument("--nlu", default=NLU_DATA, help="NLU data (file or directory)")
    parser.add_argument("--out", help="keep Rasa's reports and errors here (default: a temp dir)")
    parser.add_argument("--timing", action="store_true", help="also time parsing (model trained on all data)")
    args = parser.parse_args()
    result = cross_validate(args.config, args.folds, args.out, args.nlu, args.seed)
    result["fingerprint"] = inputs_fingerprint(args.config)
    if args.timing:
        result["timing"] = parse_timing(args.config, nlu=args.nlu)
    if args.config == "config.yml" and args.nlu == NLU_DATA:
        from uitstroom.model_inputs import model_path

        if model_path(args.config).exists():  # `make eval` trains it first
            result["held_out"] = held_out(model_path(args.config), config=args.config)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = result_path(args.config, result["date"])
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(markdown(result))
    print(f"\n{out.relative_to(ROOT)}; Rasa reports and errors in {result['out']}")


if __name__ == "__main__":
    main()
