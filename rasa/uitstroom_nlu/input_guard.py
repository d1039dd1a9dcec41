"""Two pipeline components that keep unreadable input and crises out of the learned model's hands.

`InputGuard` runs first: it notes what kind of input this is (empty, emoji
only, binary, another language, a crisis) on the full text, then clips very
long text so the rest of the pipeline stays fast. `GuardIntentOverride` runs
after the intent classifier and replaces its guess where the guard knows better.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from uitstroom.input_check import classify, clip
from uitstroom.safety import is_crisis

GUARD = "uitstroom_guard"
# Which intent each kind of input is answered with (all in domain.yml).
OVERRIDES = {
    "crisis": "crisis",
    "leeg": "onleesbaar",
    "geen_tekst": "onleesbaar",
    "onleesbaar": "onleesbaar",
    "andere_taal": "andere_taal",
}


class _Stateless(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class InputGuard(_Stateless):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kind = "crisis" if is_crisis(text) else classify(text)
            message.set(GUARD, {"kind": kind, "length": len(text)}, add_to_output=True)
            if text != clip(text):
                message.set(TEXT, clip(text))
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GuardIntentOverride(_Stateless):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            kind = (message.get(GUARD) or {}).get("kind")
            intent = OVERRIDES.get(kind or "")
            if intent is None:
                continue
            overridden = {"name": intent, "confidence": 1.0}
            ranking = [overridden] + [
                r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != intent
            ]
            message.set(INTENT, overridden, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
