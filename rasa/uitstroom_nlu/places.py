"""Entity extractor for places (gemeenten, woonplaatsen, nicknames) from our own gazetteer."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from uitstroom.gazetteer import default_gazetteer

ENTITY = "plaats"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PlaceExtractor(GraphComponent):
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

    def process(self, messages: list[Message]) -> list[Message]:
        gazetteer = default_gazetteer()
        for message in messages:
            places = gazetteer.find(message.get(TEXT) or "")
            if not places:
                continue
            entities = list(message.get(ENTITIES) or [])
            entities += [
                {
                    "entity": ENTITY,
                    "value": p.gemeente,
                    "start": p.start,
                    "end": p.end,
                    "confidence_entity": 1.0,
                    "extractor": self.__class__.__name__,
                }
                for p in places
            ]
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
