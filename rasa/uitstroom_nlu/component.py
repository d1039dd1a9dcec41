"""What our rule-based NLU components share: no training, no state, spans added as entities."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData


class StatelessComponent(GraphComponent):
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


def add_entities(message: Message, entity: str, spans: list[tuple[int, int, str]], extractor: str) -> None:
    """Adds (start, end, value) spans found by a rule-based extractor to the message's entities."""
    if not spans:
        return
    entities = list(message.get(ENTITIES) or [])
    entities += [
        {"entity": entity, "value": value, "start": start, "end": end, "confidence_entity": 1.0,
         "extractor": extractor}
        for start, end, value in spans
    ]  # fmt: skip
    message.set(ENTITIES, entities, add_to_output=True)
