"""`make bench`: speed, scale and accuracy of our set-up, side by side with a stock Rasa set-up.

All profiles use the same domain, training data, action server and case store.
"uitstroom" is `make run` (one Rasa worker, conversations in memory);
"production" is the same model with two Sanic workers sharing a private Redis
(lock and tracker store); "baseline" is what `rasa init` gives
(bench/config.baseline.yml), run the stock way. Profiles run one after the other,
never at the same time. Loopback only; every load is bounded in messages and seconds.

Writes bench/results/<date>.json, <date>.md and <date>.png.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from bench.load import long_conversation, run_load
from uitstroom.casestore.access import issue_token
from uitstroom.casestore.setup import setup
from uitstroom.model_inputs import model_path
from uitstroom.stack import Stack, free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# name: (config, model prefix, Sanic workers)
PROFILES = {
    "uitstroom": ("config.yml", "uitstroom", 1),
    "production": ("config.yml", "uitstroom", 2),
    "baseline": ("bench/config.baseline.yml", "baseline", 1),
}
CONCURRENCY = [1, 10, 20, 50]
TURNS_PER_CONVERSATION = 14
LONG_RUNS = 3
SECRET = "bench-secret-not-for-production-0123456789"


def train(config: str, prefix: str) -> tuple[Path, float, float]:
    """(model, clean training seconds, unchanged-retrain seconds).

    Trains once with an empty Rasa cache into the file name `make model` uses, so
    the unchanged retrain right after is the hash check a developer gets.
    """
    env = dict(os.environ, UITSTROOM_CONFIG=config, UITSTROOM_MODEL_PREFIX=prefix)
    name = model_path(config, prefix).name.removesuffix(".tar.gz")
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rasa", "train", "--config", config, "--domain", "domain.yml",
             "--data", "rasa/data", "--out", out, "--fixed-model-name", name],
            cwd=ROOT, env=dict(env, RASA_CACHE_DIRECTORY=cache), check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        clean = time.perf_counter() - started
        (ROOT / "models").mkdir(exist_ok=True)
        shutil.copy(Path(out) / f"{name}.tar.gz", ROOT / "models" / f"{name}.tar.gz")
    started = time.perf_counter()
    last = subprocess.run([sys.executable, "scripts/train_if_changed.py"], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip
    unchanged = time.perf_counter() - started
    return Path(last.stdout.strip().splitlines()[-1]), clean, unchanged


class PeakRss:
    """Samples every 200 ms the resident memory of a process and its children (Sanic workers):
    the peak of their sum, and the peak of the largest single process."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                sizes = [p.memory_info().rss for p in self._tree()]
            except psutil.Error:
                return
            self.peak = max(self.peak, sum(sizes))
            self.peak_single = max(self.peak_single, max(sizes))
            time.sleep(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def pss(self) -> int:
        """Proportional set size of the process tree now: shared pages (the Sanic workers share what
        they inherited from the parent) counted once, so the sum is the memory the server really takes."""
        return sum(p.memory_full_info().pss for p in self._tree())

    def _tree(self) -> list[psutil.Process]:
        return [self.process, *self.process.children(recursive=True)]


def first_answer_seconds(stack: Stack, started: float, timeout: float = 240) -> float:
    import urllib.request

    body = json.dumps({"sender": "bench-cold", "message": "hoi"}).encode()
    while time.perf_counter() - started < timeout:
        try:
            request = urllib.request.Request(stack.rasa_url + "/webhooks/rest/webhook", body,
                                             {"Content-Type": "application/json"})  # fmt: skip
            with urllib.request.urlopen(request, timeout=5) as response:
                if json.loads(response.read()):
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError("no first answer")


def run_profile(name: str, config: str, prefix: str, workers: int, db_url: str, trained: dict) -> dict:
    if prefix not in trained:
        print(f"[{name}] training...", flush=True)
        trained[prefix] = train(config, prefix)
    model, clean, unchanged = trained[prefix]
    env = {"UITSTROOM_DATABASE_URL": db_url, "UITSTROOM_SECRET": SECRET}
    stack = Stack(model=model, rasa_port=free_port(), action_port=free_port(), web_port=None, workers=workers,
                  stock=name == "baseline", extra_env=env)  # fmt: skip
    stack.start_actions()
    stack.wait_ready(timeout=60)
    started = time.perf_counter()
    stack.start_rasa()
    try:
        cold = first_answer_seconds(stack, started)
        print(f"[{name}] first answer after {cold:.1f}s", flush=True)
        rss_rasa = PeakRss(stack.processes["rasa"].pid)
        rss_actions = PeakRss(stack.processes["actions"].pid)
        metadata = {"token": issue_token("client", "C-3001", key=SECRET)}
        loads = []
        for concurrency in CONCURRENCY:
            result = asyncio.run(run_load(stack.rasa_url, concurrency, TURNS_PER_CONVERSATION, metadata, 60))
            loads.append(result.summary())
            print(f"[{name}] {loads[-1]}", flush=True)
        # Three 150-turn conversations, the median of each turn: one conversation's windows of ten
        # turns moved by ±25% between runs, enough to hide or fake a 20% slowdown.
        runs = [asyncio.run(long_conversation(stack.rasa_url, 150, metadata)) for _ in range(LONG_RUNS)]
        turns = [statistics.median(turn) for turn in zip(*runs, strict=True)]
        first10, last10 = statistics.median(turns[:10]), statistics.median(turns[-10:])
        pss_rasa = rss_rasa.pss()
        rss_rasa_total = rss_rasa.stop()
        return {
            "config": config,
            "workers": workers,
            "train_clean_s": round(clean, 1),
            "retrain_unchanged_s": round(unchanged, 2),
            "cold_start_s": round(cold, 1),
            "rss_rasa_mb": round(rss_rasa_total / 2**20),
            "rss_rasa_largest_process_mb": round(rss_rasa.peak_single / 2**20),
            "pss_rasa_after_load_mb": round(pss_rasa / 2**20),
            "rss_actions_mb": round(rss_actions.stop() / 2**20),
            "load": loads,
            "turn1_ms": round(first10, 1),
            "turn150_ms": round(last10, 1),
            "turn150_vs_turn1": round(last10 / first10, 2),
            "turn_latencies_ms": [round(t, 1) for t in turns],
        }
    finally:
        stack.stop()


def accuracy(config: str) -> dict:
    from bench.eval_nlu import cached_or_new

    result = cached_or_new(config)
    return {k: result[k] for k in ("intent_macro_f1", "intent_weighted_f1", "intent_accuracy")}


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if isinstance(value, (int, float)) and base else ""


OURS = ("uitstroom", "production")


def rows(report: dict) -> list[tuple[str, list]]:
    """(measure, [uitstroom, production, baseline]) for the table."""
    profiles = [report["profiles"][n] for n in (*OURS, "baseline")]

    def each(key: str) -> list:
        return [p[key] for p in profiles]

    out = [
        ("Sanic workers", each("workers")),
        ("Cold start to first answer (s)", each("cold_start_s")),
        ("Clean training (s)", each("train_clean_s")),
        ("Unchanged retrain (s)", each("retrain_unchanged_s")),
        ("Rasa server peak RSS, all processes (MB)", each("rss_rasa_mb")),
        ("Rasa server peak RSS, largest process (MB)", each("rss_rasa_largest_process_mb")),
        ("Rasa server PSS after the loads, all processes (MB)", each("pss_rasa_after_load_mb")),
        ("Action server peak RSS (MB)", each("rss_actions_mb")),
        ("Turn 1 latency, turns 1-10 (ms; median of 3 conversations)", each("turn1_ms")),
        ("Turn 150 latency, turns 141-150 (ms; median of 3 conversations)", each("turn150_ms")),
        ("Turn 150 / turn 1", each("turn150_vs_turn1")),
    ]
    for i, load in enumerate(profiles[0]["load"]):
        c = load["concurrency"]
        for key, label in (("p50_ms", "p50 (ms)"), ("p95_ms", "p95 (ms)"), ("p99_ms", "p99 (ms)"),
                           ("throughput_msg_s", "throughput (msg/s)"), ("errors", "errors")):  # fmt: skip
            out.append((f"{c} concurrent: {label}", [p["load"][i][key] for p in profiles]))
    if "accuracy" in report:
        a = report["accuracy"]
        for key, label in (("intent_macro_f1", "NLU intent macro-F1 (3-fold CV)"),
                           ("intent_accuracy", "NLU intent accuracy (3-fold CV)")):  # fmt: skip
            out.append((label, [a["uitstroom"][key], a["uitstroom"][key], a["baseline"][key]]))
    return out


def target_checks(report: dict) -> list[str]:
    """Issue 7's targets, checked on the production profile (make run's profile in brackets)."""
    base = report["profiles"]["baseline"]

    def at20(profile: dict) -> dict:
        return next(x for x in profile["load"] if x["concurrency"] == 20)

    lines = []
    for name in ("production", "uitstroom"):
        p = report["profiles"][name]
        checks = [
            ("20 concurrent: throughput ≥ 2× baseline",
             at20(p)["throughput_msg_s"] >= 2 * at20(base)["throughput_msg_s"]),
            ("20 concurrent: p95 ≤ 300 ms", at20(p)["p95_ms"] <= 300),
            ("turn 150 within 20% of turn 1", p["turn150_vs_turn1"] <= 1.2),
            ("start to first answer ≤ 15 s", p["cold_start_s"] <= 15),
            ("Rasa server RSS ≤ 1 GB (all its processes)", p["rss_rasa_mb"] <= 1024),
        ]  # fmt: skip
        if "accuracy" in report:
            a = report["accuracy"]
            ours, base_f1 = a["uitstroom"]["intent_macro_f1"], a["baseline"]["intent_macro_f1"]
            checks.append(("no loss of NLU accuracy vs baseline", ours >= base_f1))
        lines += [f"- {name}: {label}: {'met' if ok else 'NOT met'}" for label, ok in checks]
    return lines


def markdown(report: dict) -> str:
    lines = [
        f"# Benchmark {report['date']} ({report['machine']})",
        "",
        "uitstroom = `make run` (1 worker, in-memory); production = same model, 2 Sanic workers + Redis; "
        "baseline = `rasa init` pipeline and policies on the same data, stock tracker store.",
        "",
        "| measure | uitstroom | production | baseline (rasa init) | uitstroom / baseline "
        "| production / baseline |",
        "|---|---|---|---|---|---|",
    ]
    for name, (ours, prod, base) in rows(report):
        lines.append(f"| {name} | {ours} | {prod} | {base} | {ratio(ours, base)} | {ratio(prod, base)} |")
    if "knowledge" in report:
        k = report["knowledge"]
        lines += ["", f"Knowledge retrieval (our action server, the same for every profile): "
                      f"top-1 {k['top1']}, top-3 {k['top3']}, wrong-region {k['wrong_region']}."]  # fmt: skip
    lines += ["", "Targets:", *target_checks(report)]
    return "\n".join(lines) + "\n"


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(16, 4.5))
    for name, style in (("uitstroom", "-o"), ("production", "-^"), ("baseline", "--s")):
        profile = report["profiles"][name]
        load = profile["load"]
        concurrency = [x["concurrency"] for x in load]
        left.plot(concurrency, [x["p95_ms"] for x in load], style, label=name)
        middle.plot(concurrency, [x["throughput_msg_s"] for x in load], style, label=name)
        right.plot(profile["turn_latencies_ms"], style[:-1], label=name, alpha=0.8)
    left.set(xlabel="concurrent conversations", ylabel="p95 latency (ms)", title="p95 latency under load")
    middle.set(xlabel="concurrent conversations", ylabel="messages/s", title="Throughput")
    right.set(
        xlabel="turn in one conversation", ylabel="latency (ms)", title="Latency vs conversation length"
    )
    for axis in (left, middle, right):
        axis.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    date = dt.date.today().isoformat()
    trained: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.sqlite"
        setup(db_url)
        report = {
            "date": date,
            "machine": f"{os.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB",
            "profiles": {
                name: run_profile(name, config, prefix, workers, db_url, trained)
                for name, (config, prefix, workers) in PROFILES.items()
            },
        }
    if "--no-accuracy" not in sys.argv:
        report["accuracy"] = {name: accuracy(PROFILES[name][0]) for name in ("uitstroom", "baseline")}
        from bench.eval_knowledge import evaluate

        knowledge = evaluate()
        report["knowledge"] = {k: knowledge[k] for k in ("top1", "top3", "wrong_region")}
    (RESULTS / f"{date}.json").write_text(json.dumps(report, indent=2))
    (RESULTS / f"{date}.md").write_text(markdown(report))
    plot(report, RESULTS / f"{date}.png")
    print(markdown(report))


if __name__ == "__main__":
    main()
