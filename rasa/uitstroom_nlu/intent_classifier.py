"""Rasa's LogisticRegressionClassifier, but an empty message no longer crashes the whole NLU graph.

Rasa 3.6's version hands scikit-learn a 0-feature row for a message without
tokens (empty or whitespace-only text) and raises, so the user gets no reply at
all. Those messages are skipped here; InputGuard/GuardIntentOverride give them
the intent `onleesbaar` and a Dutch answer.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def _has_features(message: Message) -> bool:
    sparse = message.get_sparse_features(attribute=TEXT)[1]
    dense = message.get_dense_features(attribute=TEXT)[1]
    return any(f is not None and min(f.features.shape) > 0 for f in (sparse, dense))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafeLogisticRegressionClassifier(LogisticRegressionClassifier):
    def process(self, messages: list[Message]) -> list[Message]:
        with_features = [m for m in messages if _has_features(m)]
        if with_features:
            super().process(with_features)
        return messages
