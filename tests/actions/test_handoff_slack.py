"""A client's contact request reaches a begeleider on Slack as a direct message, and is never lost."""

from __future__ import annotations

from uitstroom.casestore.notify import SlackTransport
from uitstroom.stack import free_port


async def test_transport_sends_a_direct_message(slack_api) -> None:
    url, received, state = slack_api
    slack = SlackTransport("xoxb-test", url)
    assert await slack.deliver("U0DEMOLATIFA", "Joost wil contact met je.")
    sent = {"auth": "Bearer xoxb-test", "channel": "U0DEMOLATIFA", "text": "Joost wil contact met je."}
    assert received == [sent]
    state["refuse"] = True
    assert not await slack.deliver("U0ONBEKEND", "x")


def test_no_token_no_slack() -> None:
    assert SlackTransport.from_env({}) is None
    assert SlackTransport.from_env({"SLACK_TOKEN": "xoxb-1"}) is not None


async def test_begeleider_on_slack_gets_client_and_question(
    case_store, handoff, slack_api, monkeypatch
) -> None:
    url, received, _ = slack_api
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", url)
    messages = await handoff()
    assert "Latifa El Amrani" in messages[0]["text"]
    assert [m["channel"] for m in received] == ["U0DEMOLATIFA"]
    assert "Joost (C-3001) wil contact met je" in received[0]["text"]
    assert "perspectiefplan" in received[0]["text"]
    assert len(case_store.notifications_for("B-03")) == 1  # the inbox has it too


async def test_slack_down_loses_nothing(case_store, handoff, monkeypatch) -> None:
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api")  # nothing listens
    messages = await handoff()
    assert "Latifa El Amrani" in messages[0]["text"]
    assert "perspectiefplan" in case_store.notifications_for("B-03")[0].text
