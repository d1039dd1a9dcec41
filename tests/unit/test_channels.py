"""Teams and Slack are configured from the environment, never with a token written to disk."""

from __future__ import annotations

from pathlib import Path

import yaml

from uitstroom.channels.credentials import credentials_text

BASE = Path(__file__).resolve().parents[2] / "rasa" / "credentials.yml"


def test_web_channels_only_without_teams_or_slack_variables():
    channels = yaml.safe_load(credentials_text(BASE, {}))
    assert set(channels) == {"rest", "socketio"}


def test_teams_and_slack_are_added_by_reference_when_configured():
    env = {"TEAMS_APP_ID": "app", "TEAMS_APP_PASSWORD": "geheim-teams", "SLACK_TOKEN": "xoxb-geheim",
           "SLACK_SIGNING_SECRET": "geheim-slack"}  # fmt: skip
    text = credentials_text(BASE, env)
    channels = yaml.safe_load(text)
    assert channels["uitstroom.channels.teams.TeamsInput"]["app_password"] == "${TEAMS_APP_PASSWORD}"
    assert channels["slack"]["slack_token"] == "${SLACK_TOKEN}"
    assert not any(secret in text for secret in ("geheim-teams", "xoxb-geheim", "geheim-slack"))


def test_half_configured_channel_is_left_out():
    assert "TeamsInput" not in credentials_text(BASE, {"TEAMS_APP_ID": "app"})
