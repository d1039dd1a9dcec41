"""Dutch texts that only custom actions send, kept in messages.yml beside this file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from rasa_sdk.executor import CollectingDispatcher

_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def messages() -> dict[str, dict]:
    return yaml.safe_load(_FILE.read_text("utf-8"))


def say(dispatcher: CollectingDispatcher, key: str, audience: str | None = "client") -> None:
    """Sends message `key`; to a begeleider its `<key>_begeleider` variant where there is one."""
    variant = f"{key}_begeleider"
    message = messages()[variant if audience == "begeleider" and variant in messages() else key]
    dispatcher.utter_message(text=message["text"], buttons=message.get("buttons", []))
