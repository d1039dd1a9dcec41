"""Who is asking: a Teams/Slack account is looked up once per action run."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.greeting import ActionGroet


def slack_tracker(user: str) -> Tracker:
    latest = {"text": "hoi", "intent": {"name": "groet"}, "entities": []}
    events = [{"event": "user", "text": "hoi", "parse_data": latest, "input_channel": "slack"}]
    return Tracker(user, {"rol": None, "regio": None}, latest, events, False, None, {}, "action_listen")


async def test_a_slack_begeleider_is_greeted_as_one_with_a_single_lookup(case_store, monkeypatch) -> None:
    lookups = []
    original = case_store.begeleider_for_channel_user

    def counted(channel: str, user: str):
        lookups.append((channel, user))
        return original(channel, user)

    monkeypatch.setattr(case_store, "begeleider_for_channel_user", counted)
    dispatcher = CollectingDispatcher()
    await ActionGroet().run(dispatcher, slack_tracker("U0DEMOANNA"), {})
    assert dispatcher.messages[0]["response"] == "utter_groet_begeleider"
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["Mijn cliënten"]  # identified
    assert lookups == [("slack", "U0DEMOANNA")]  # it was looked up twice
