"""TextIntentClassifier: sentence vectors only for messages it is unsure about, and it works without them."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from uitstroom_nlu import intent_features
from uitstroom_nlu.text_intent_classifier import TextIntentClassifier

from uitstroom import sentence_embeddings

EXAMPLES = {
    "groet": ["hoi", "hallo", "goedemorgen", "hey daar", "hallo allemaal", "goeiedag"],
    "afscheid": ["doei", "tot ziens", "dag hoor", "tot later", "fijne dag nog", "ik ga ervandoor"],
    "vraag_procedure": [
        "hoe werkt woningnet",
        "wat is een perspectiefplan",
        "wanneer is de uitstroomtafel",
        "wie betaalt de verhuizing",
        "wat kost het verlengen van woningnet",
        "welke papieren heb ik nodig voor urgentie",
    ],
}


def train(tmp_path) -> TextIntentClassifier:
    messages = [Message(data={"text": t, "intent": i}) for i, texts in EXAMPLES.items() for t in texts]
    storage = LocalModelStorage(tmp_path)
    classifier = TextIntentClassifier.create(
        TextIntentClassifier.get_default_config(), storage, Resource("intent"), ExecutionContext(None)
    )
    classifier.train(TrainingData(messages))
    return classifier


def classify(classifier: TextIntentClassifier, text: str) -> str:
    message = Message(data={"text": text})
    classifier.process([message])
    return message.get("intent")["name"]


def test_sentence_vectors_are_only_computed_for_unsure_messages(tmp_path, monkeypatch):
    if not sentence_embeddings.available():
        pytest.skip("sentence embeddings cannot run on this machine")
    classifier = train(tmp_path)
    assert classifier.model.dense is not None
    calls: list[str] = []
    original = intent_features.SentenceVectors.transform
    monkeypatch.setattr(
        intent_features.SentenceVectors,
        "transform",
        lambda self, texts: calls.append(texts[0]) or original(self, texts),
    )
    assert classify(classifier, "hoe werkt woningnet") == "vraag_procedure"  # seen in training: sure
    assert calls == []
    classifier.config["dense_below"] = 1.01  # everything counts as unsure now
    assert classify(classifier, "hoe werkt woningnet") == "vraag_procedure"
    assert calls == ["hoe werkt woningnet"]


def test_without_sentence_embeddings_the_classifier_still_trains_and_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(sentence_embeddings, "available", lambda: False)
    classifier = train(tmp_path)
    assert classifier.model.dense is None
    assert classify(classifier, "hallo") == "groet"
    assert classify(classifier, "wat kost woningnet verlengen") == "vraag_procedure"


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("ik ben ambulant begeleider", [True, True]),
        ("als pb'er wil ik iets weten", [True, True]),
        ("mijn begeleider belt niet terug", [False, True]),
        ("ik ben pleite", [False, False]),  # was read as giving a role (inform_rol 0.99)
        ("ik ben suïcidaal", [False, False]),
    ],
)
def test_role_feature_tells_a_role_from_any_ik_ben(text, row):
    assert intent_features.RoleMentions().row(text) == row
