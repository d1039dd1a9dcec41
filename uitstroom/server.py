"""Starts the Rasa server with fixes for running it as a product.

1. When the action server is down or fails, Rasa 3.6 logs the error and the user
   gets no answer at all. We make every failed custom action answer with a calm
   Dutch message instead (and keep the conversation going).
2. Rasa checks every action server response with `jsonschema.validate`, which
   re-checks the schema itself on each call: measured with py-spy under load, that
   was about half of the Rasa server's CPU time. We compile the validator once.
3. Every stored event is turned back into its class by walking all Event subclasses
   (with `inspect.isabstract` on each) per event, on every message: about 10% of a
   worker's CPU under load (py-spy). We look the class up in a table instead.
4. The prediction graph runs in a fixed order instead of through dask (graph_runner.py).
5. Python's full garbage collection walks the ~500,000 objects Rasa and TensorFlow create
   at start-up: ~200 ms with the server standing still, the slowest replies under load.
   They live as long as the server, so once the model is loaded we freeze them out of
   the collector (gc.freeze). Sanic forks its workers after those imports, so we freeze
   before each fork as well: otherwise every worker's collector touches, and so copies,
   every inherited object (~70 MB per worker measured).

Usage: python -m uitstroom.server run [rasa run options]
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from typing import Any

import rasa.core.run
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import BotUttered, Event
from rasa.shared.utils.common import all_subclasses

from uitstroom import graph_runner

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


_response_validator: Any = None


def _validate_action_result_fast(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Same check as Rasa's, with the response schema compiled once instead of on every call."""
    global _response_validator
    if _response_validator is None:
        schema = self.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _response_validator = cls(schema)
    try:
        _response_validator.validate(result)
    except ValidationError as error:
        error.message += ". Failed to validate Action server response from API."
        raise
    return True


_original_resolve_by_type = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


def _resolve_by_type_cached(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type from a table, rebuilt when a name is missing (a class imported later)."""
    cls = _event_classes.get(type_name)
    if cls is None:
        # Reversed, so that the first subclass with a name wins, as in Rasa's own loop.
        _event_classes.update({sub.type_name: sub for sub in reversed(all_subclasses(Event))})
        cls = _event_classes.get(type_name)
    return cls if cls is not None else _original_resolve_by_type(type_name, default)


_original_load_agent_on_start = rasa.core.run.load_agent_on_start


async def _load_agent_then_freeze(*args: Any, **kwargs: Any) -> Any:
    agent = await _original_load_agent_on_start(*args, **kwargs)
    gc.freeze()
    return agent


def install_patches() -> None:
    RemoteAction.run = _run_or_apologise  # type: ignore[method-assign]
    RemoteAction._validate_action_result = _validate_action_result_fast  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type_cached)  # type: ignore[method-assign]
    graph_runner.install()
    rasa.core.run.load_agent_on_start = _load_agent_then_freeze


def main() -> None:
    install_patches()
    os.register_at_fork(before=gc.freeze)  # see 5. above
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
