"""Load generator for the REST channel: concurrent conversations, bounded in count and time, loopback only."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

# Turns that exercise custom actions: knowledge answers, region, case queries (with a token).
SCRIPT = [
    "ik woon in Zeist",
    "wat is omgekeerde plaatsing",
    "wat moet ik nog regelen?",
    "hoeveel kost woningnet verlengen",
    "wanneer is de eerste uitstroomtafel",
    "wat is mijn volgende stap",
    "bedankt",
]


@dataclass
class LoadResult:
    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))], 1) if lat else float("nan")

        return {
            "concurrency": self.concurrency,
            "messages": len(lat),
            "errors": self.errors,
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "mean_ms": round(statistics.fmean(lat), 1) if lat else float("nan"),
            "throughput_msg_s": round(len(lat) / self.seconds, 1) if self.seconds else 0.0,
        }


async def _send(session: aiohttp.ClientSession, url: str, sender: str, text: str, metadata: dict) -> float:
    started = time.perf_counter()
    async with session.post(url, json={"sender": sender, "message": text, "metadata": metadata}) as response:
        await response.read()
        if response.status != 200:
            raise RuntimeError(response.status)
    return (time.perf_counter() - started) * 1000


async def run_load(
    rasa_url: str, concurrency: int, turns: int, metadata: dict | None = None, max_seconds: float = 60.0
) -> LoadResult:
    url = rasa_url + "/webhooks/rest/webhook"
    result = LoadResult(concurrency)
    deadline = time.perf_counter() + max_seconds
    timeout = aiohttp.ClientTimeout(total=60)

    async def conversation(session: aiohttp.ClientSession) -> None:
        sender = "bench-" + uuid.uuid4().hex[:10]
        for i in range(turns):
            if time.perf_counter() > deadline:
                return
            try:
                result.latencies_ms.append(
                    await _send(session, url, sender, SCRIPT[i % len(SCRIPT)], metadata or {})
                )
            except Exception:  # noqa: BLE001 - counted, reported
                result.errors += 1

    connector = aiohttp.TCPConnector(limit=concurrency + 4)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(conversation(session) for _ in range(concurrency)))
        result.seconds = time.perf_counter() - started
    return result


async def long_conversation(rasa_url: str, turns: int = 150, metadata: dict | None = None) -> list[float]:
    """Latency of every turn of one conversation."""
    url = rasa_url + "/webhooks/rest/webhook"
    sender = "bench-long-" + uuid.uuid4().hex[:8]
    out = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        for i in range(turns):
            out.append(await _send(session, url, sender, SCRIPT[i % len(SCRIPT)], metadata or {}))
    return out
