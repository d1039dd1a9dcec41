"""Our graph runner gives the trained model's exact answers, as Rasa's dask runner does."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.agent import Agent
from rasa.core.channels import UserMessage
from rasa.engine.runner.dask import DaskGraphRunner

from uitstroom import graph_runner
from uitstroom.stack import latest_model

MESSAGES = [
    "hoi",
    "ik woon in Emmeloord",
    "wat is omgekeerde plaatsing",
    "ik wil met een mens praten",
    "",
    "ja",
]


def _predictions(agent: Agent) -> list[tuple]:
    async def run() -> list[tuple]:
        out = []
        for i, text in enumerate(MESSAGES):
            parsed = await agent.parse_message(text)
            tracker = await agent.processor.fetch_tracker_and_update_session(f"runner-{i}")
            await agent.processor._handle_message_with_tracker(
                UserMessage(text, sender_id=f"runner-{i}"), tracker
            )
            prediction = agent.processor.predict_next_with_tracker_if_should(tracker)
            ranking = [(r["name"], round(r["confidence"], 6)) for r in parsed.get("intent_ranking", [])]
            entities = [(e["entity"], e["value"]) for e in parsed.get("entities", [])]
            out.append((parsed["intent"]["name"], ranking, entities, prediction[0].name()))
        return out

    return asyncio.run(run())


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(str(latest_model()))


def test_same_intents_entities_and_next_actions_as_dask(
    agent: Agent, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _predictions(agent)
    monkeypatch.setattr(DaskGraphRunner, "run", graph_runner.run_in_order)
    assert _predictions(agent) == expected
    assert expected[1][2] == [("plaats", "Noordoostpolder")]  # the comparison saw real output
