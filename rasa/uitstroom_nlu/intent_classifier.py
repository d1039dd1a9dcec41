"""Rasa's LogisticRegressionClassifier, but an empty message no longer crashes the whole NLU graph.

Rasa 3.6's version hands scikit-learn a 0-feature row for a message without
tokens (empty or whitespace-only text) and raises, so the user gets no reply at
all. Those messages are skipped here; InputGuard/GuardIntentOverride give them
the intent `onleesbaar` and a Dutch answer.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def _has_features(message: Message) -> bool:
    # Featurizers give features exactly when the tokenizer found tokens. Checking the tokens is
    # cheap; combining the features to look at them (as the classifier does again) cost ~4% CPU.
    return bool(message.get(TOKENS_NAMES[TEXT]))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafeLogisticRegressionClassifier(LogisticRegressionClassifier):
    def process(self, messages: list[Message]) -> list[Message]:
        with_features = [m for m in messages if _has_features(m)]
        if with_features:
            super().process(with_features)
        return messages
