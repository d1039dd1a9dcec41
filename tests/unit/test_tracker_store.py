"""Long conversations are compacted without losing what the bot knows (slots, an active form)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from uitstroom.stack import free_port
from uitstroom.tracker_store import BoundedInMemoryTrackerStore, BoundedRedisTrackerStore, compact

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))


def long_tracker(turns: int) -> DialogueStateTracker:
    events = [SlotSet("regio", "zuidoost-utrecht"), SlotSet("rol", "begeleider")]
    for i in range(turns):
        events += [
            ActionExecuted("action_listen"),
            UserUttered(f"vraag {i}", {"name": "vraag_procedure", "confidence": 1.0}),
            ActionExecuted("action_answer_knowledge"),
            BotUttered(f"antwoord {i}"),
        ]
    events += [ActiveLoop("criteria_form"), SlotSet("requested_slot", "criterium_2")]
    return DialogueStateTracker.from_events("long", events, DOMAIN.slots, domain=DOMAIN)


def test_compaction_keeps_slots_form_and_recent_turns():
    tracker = long_tracker(150)
    events = compact(tracker, keep=40)
    rebuilt = DialogueStateTracker.from_events("long", events, DOMAIN.slots, domain=DOMAIN)
    assert len(events) < 60
    assert rebuilt.get_slot("regio") == "zuidoost-utrecht"
    assert rebuilt.get_slot("rol") == "begeleider"
    assert rebuilt.active_loop_name == "criteria_form"
    assert rebuilt.latest_message.text == "vraag 149"


def test_store_bounds_what_it_keeps():
    store = BoundedInMemoryTrackerStore(DOMAIN, max_events=120, keep_events=40)
    asyncio.run(store.save(long_tracker(150)))
    stored = asyncio.run(store.retrieve("long"))
    assert len(stored.events) < 120
    assert stored.get_slot("regio") == "zuidoost-utrecht"


def test_short_conversations_are_untouched():
    store = BoundedInMemoryTrackerStore(DOMAIN)
    tracker = long_tracker(5)
    asyncio.run(store.save(tracker))
    assert len(asyncio.run(store.retrieve("long")).events) == len(tracker.events)


def tracker_with_bsn() -> DialogueStateTracker:
    text = "mijn bsn is 111222333, wanneer krijg ik een huis?"
    events = [
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": "deelt_bsn", "confidence": 1.0}, parse_data={"text": text}),
        SlotSet("open_vraag", text),  # an action copying the question into a slot
        ActionExecuted("action_geen_bsn"),
    ]
    return DialogueStateTracker.from_events("bsn", events, DOMAIN.slots, domain=DOMAIN)


def assert_no_bsn_kept(raw: str | bytes, stored: DialogueStateTracker) -> None:
    assert "111222333" not in (raw.decode() if isinstance(raw, bytes) else raw)
    assert stored.latest_message.text == "mijn bsn is [BSN], wanneer krijg ik een huis?"
    assert stored.get_slot("open_vraag") == "mijn bsn is [BSN], wanneer krijg ik een huis?"


def test_a_typed_bsn_is_not_stored():
    store = BoundedInMemoryTrackerStore(DOMAIN)
    asyncio.run(store.save(tracker_with_bsn()))
    assert_no_bsn_kept(store.store["bsn"], asyncio.run(store.retrieve("bsn")))


@pytest.fixture(scope="module")
def redis_port() -> Iterator[int]:
    """Debian's redis-server (installed by `make test`), memory only, on a free loopback port."""
    port = free_port()
    server = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""],
                              stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait()


def test_redis_store_shares_and_bounds_conversations(redis_port):
    """Two stores on one Redis = two Sanic workers: both see the same, bounded conversation."""
    worker_a = BoundedRedisTrackerStore(DOMAIN, host="127.0.0.1", port=redis_port)
    worker_b = BoundedRedisTrackerStore(DOMAIN, host="127.0.0.1", port=redis_port)
    asyncio.run(worker_a.save(long_tracker(150)))
    stored = asyncio.run(worker_b.retrieve("long"))
    assert len(stored.events) < 120
    assert stored.get_slot("regio") == "zuidoost-utrecht"
    assert stored.active_loop_name == "criteria_form"
    assert stored.latest_message.text == "vraag 149"


def test_a_typed_bsn_is_not_stored_in_redis(redis_port):
    store = BoundedRedisTrackerStore(DOMAIN, host="127.0.0.1", port=redis_port)
    asyncio.run(store.save(tracker_with_bsn()))
    assert_no_bsn_kept(store.red.get(store.key_prefix + "bsn"), asyncio.run(store.retrieve("bsn")))
