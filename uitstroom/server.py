"""Starts the Rasa server with two fixes for running it as a product.

1. When the action server is down or fails, Rasa 3.6 logs the error and the user
   gets no answer at all. We make every failed custom action answer with a calm
   Dutch message instead (and keep the conversation going).
2. Rasa's `botframework` channel fetches Microsoft's signing keys while starting,
   so `rasa run` dies offline when Teams is configured; ours
   (uitstroom.channels.teams) fetches them on the first Teams message instead.

Usage: python -m uitstroom.server run [rasa run options]
"""

from __future__ import annotations

import logging
import sys

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import BotUttered

logger = logging.getLogger(__name__)

STORING = (
    "Er ging iets mis aan mijn kant. Probeer het zo nog eens. "
    "Lukt het niet? Neem dan contact op met je begeleider."
)

_original_run = RemoteAction.run


async def _run_or_apologise(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
    try:
        return await _original_run(self, output_channel, nlg, tracker, domain)
    except Exception as error:  # noqa: BLE001 - the user must never be left without an answer
        logger.error("custom action %s failed: %s", self.name(), type(error).__name__)
        return [BotUttered(STORING, metadata={"utter_action": "utter_storing"})]


def install_patches() -> None:
    RemoteAction.run = _run_or_apologise  # type: ignore[method-assign]


def main() -> None:
    install_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
