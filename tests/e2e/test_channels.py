"""Teams and Slack are configured in the e2e stack: it starts offline and refuses forged requests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def post(url: str, body: dict, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json",
                                                                       **(headers or {})})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_teams_request_without_a_valid_microsoft_token_is_refused(stack):
    activity = {"type": "message", "text": "hoi", "from": {"id": "29:x"}, "conversation": {"id": "c"},
                "serviceUrl": "http://127.0.0.1:9/"}  # fmt: skip
    assert post(stack.rasa_url + "/webhooks/botframework/webhook", activity) == 401
    assert post(stack.rasa_url + "/webhooks/botframework/webhook", activity,
                {"Authorization": "Bearer nep.token.hier"}) == 401  # fmt: skip


def test_slack_request_with_a_wrong_signature_is_refused(stack):
    event = {"type": "event_callback", "event": {"type": "message", "text": "hoi", "user": "U1"}}
    headers = {"X-Slack-Request-Timestamp": "1700000000", "X-Slack-Signature": "v0=nep"}
    assert post(stack.rasa_url + "/webhooks/slack/webhook", event, headers) in (400, 401, 403)


def test_web_channels_keep_working_with_teams_and_slack_configured(chat):
    assert "113" in chat.say("ik wil niet meer leven")
