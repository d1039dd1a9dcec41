"""`make bench`: speed, scale and accuracy of our set-up, side by side with a stock Rasa set-up.

Both profiles use the same domain, training data, action server and case store;
the baseline uses what `rasa init` gives (bench/config.baseline.yml). Profiles
run one after the other, never at the same time. Loopback only; every load is
bounded in messages and seconds.

Writes bench/results/<date>.json, <date>.md and <date>.png.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
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
from uitstroom.stack import Stack, free_port

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PROFILES = {"uitstroom": "config.yml", "baseline": "bench/config.baseline.yml"}
CONCURRENCY = [1, 10, 20, 50]
TURNS_PER_CONVERSATION = 14
SECRET = "bench-secret-not-for-production-0123456789"


def train(config: str, prefix: str) -> tuple[Path, float, float]:
    """(model, clean training seconds, unchanged-retrain seconds)."""
    env = dict(os.environ, UITSTROOM_CONFIG=config, UITSTROOM_MODEL_PREFIX=prefix)
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "rasa", "train", "--config", config, "--domain", "domain.yml",
             "--data", "rasa/data", "--out", out, "--fixed-model-name", "clean"],
            cwd=ROOT, env=dict(env, RASA_CACHE_DIRECTORY=cache), check=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        clean = time.perf_counter() - started
    subprocess.run([sys.executable, "scripts/train_if_changed.py"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    started = time.perf_counter()
    last = subprocess.run([sys.executable, "scripts/train_if_changed.py"], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip
    unchanged = time.perf_counter() - started
    return Path(last.stdout.strip().splitlines()[-1]), clean, unchanged


class PeakRss:
    """Samples the resident memory of a process every 200 ms."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, self.process.memory_info().rss)
            except psutil.Error:
                return
            time.sleep(0.2)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


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


def run_profile(name: str, config: str, db_url: str) -> dict:
    print(f"[{name}] training...", flush=True)
    model, clean, unchanged = train(config, "uitstroom" if name == "uitstroom" else "baseline")
    stack = Stack(model=model, rasa_port=free_port(), action_port=free_port(), web_port=None,
                  extra_env={"UITSTROOM_DATABASE_URL": db_url, "UITSTROOM_SECRET": SECRET})  # fmt: skip
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
        turns = asyncio.run(long_conversation(stack.rasa_url, 150, metadata))
        first10, last10 = statistics.median(turns[:10]), statistics.median(turns[-10:])
        return {
            "config": config,
            "train_clean_s": round(clean, 1),
            "retrain_unchanged_s": round(unchanged, 2),
            "cold_start_s": round(cold, 1),
            "rss_rasa_mb": round(rss_rasa.stop() / 2**20),
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
    from bench.eval_nlu import cross_validate

    return {"intent_macro_f1": cross_validate(config, folds=3)["intent_macro_f1"]}


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.2f}×" if base else "n/a"


def markdown(report: dict) -> str:
    ours, base = report["profiles"]["uitstroom"], report["profiles"]["baseline"]
    rows = [
        ("Cold start to first answer (s)", ours["cold_start_s"], base["cold_start_s"]),
        ("Clean training (s)", ours["train_clean_s"], base["train_clean_s"]),
        ("Unchanged retrain (s)", ours["retrain_unchanged_s"], base["retrain_unchanged_s"]),
        ("Rasa server peak RSS (MB)", ours["rss_rasa_mb"], base["rss_rasa_mb"]),
        ("Action server peak RSS (MB)", ours["rss_actions_mb"], base["rss_actions_mb"]),
        ("Turn 1 latency, median of turns 1-10 (ms)", ours["turn1_ms"], base["turn1_ms"]),
        ("Turn 150 latency, median of turns 141-150 (ms)", ours["turn150_ms"], base["turn150_ms"]),
        ("Turn 150 / turn 1", ours["turn150_vs_turn1"], base["turn150_vs_turn1"]),
    ]
    for o, b in zip(ours["load"], base["load"], strict=True):
        c = o["concurrency"]
        rows += [
            (f"{c} concurrent: p50 (ms)", o["p50_ms"], b["p50_ms"]),
            (f"{c} concurrent: p95 (ms)", o["p95_ms"], b["p95_ms"]),
            (f"{c} concurrent: p99 (ms)", o["p99_ms"], b["p99_ms"]),
            (f"{c} concurrent: throughput (msg/s)", o["throughput_msg_s"], b["throughput_msg_s"]),
            (f"{c} concurrent: errors", o["errors"], b["errors"]),
        ]
    if "accuracy" in report:
        a = report["accuracy"]
        rows.append(("NLU intent macro-F1 (3-fold CV)", a["uitstroom"]["intent_macro_f1"],
                     a["baseline"]["intent_macro_f1"]))  # fmt: skip
    lines = [f"# Benchmark {report['date']} ({report['machine']})", "",
             "| measure | ours | baseline (rasa init) | ours / baseline |", "|---|---|---|---|"]  # fmt: skip
    lines += [
        f"| {n} | {o} | {b} | {ratio(o, b) if isinstance(o, (int, float)) else ''} |" for n, o, b in rows
    ]
    if "knowledge" in report:
        k = report["knowledge"]
        lines += ["", f"Knowledge retrieval (same for both): top-1 {k['top1']}, top-3 {k['top3']}, "
                      f"wrong-region {k['wrong_region']}."]  # fmt: skip
    return "\n".join(lines) + "\n"


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    for name, style in (("uitstroom", "-o"), ("baseline", "--s")):
        loads = report["profiles"][name]["load"]
        left.plot([x["concurrency"] for x in loads], [x["p95_ms"] for x in loads], style, label=f"{name} p95")
        right.plot(report["profiles"][name]["turn_latencies_ms"], style[:-1], label=name, alpha=0.8)
    left.set(xlabel="concurrent conversations", ylabel="p95 latency (ms)", title="Latency under load")
    right.set(
        xlabel="turn in one conversation", ylabel="latency (ms)", title="Latency vs conversation length"
    )
    left.legend()
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    date = dt.date.today().isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{tmp}/bench.sqlite"
        setup(db_url)
        report = {
            "date": date,
            "machine": f"{os.cpu_count()} cores, {round(psutil.virtual_memory().total / 2**30)} GiB",
            "profiles": {name: run_profile(name, config, db_url) for name, config in PROFILES.items()},
        }
    if "--no-accuracy" not in sys.argv:
        report["accuracy"] = {name: accuracy(config) for name, config in PROFILES.items()}
        from bench.eval_knowledge import evaluate

        knowledge = evaluate()
        report["knowledge"] = {k: knowledge[k] for k in ("top1", "top3", "wrong_region")}
    (RESULTS / f"{date}.json").write_text(json.dumps(report, indent=2))
    (RESULTS / f"{date}.md").write_text(markdown(report))
    plot(report, RESULTS / f"{date}.png")
    print(markdown(report))


if __name__ == "__main__":
    main()
