"""Writes the Rasa credentials file for a run: web channels always, Teams and Slack when configured.

Rasa fails on a `${VAR}` in credentials.yml when VAR is unset, so the Teams and
Slack sections are added only when their variables exist. The file refers to
the variables by name (Rasa substitutes them): no token is ever written to disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

TEAMS = ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD")
SLACK = ("SLACK_TOKEN", "SLACK_SIGNING_SECRET")


def credentials_text(base: Path, env: Mapping[str, str]) -> str:
    text = base.read_text("utf-8").rstrip() + "\n"
    if all(env.get(v) for v in TEAMS):
        text += (
            "\n# Microsoft Teams (Bot Framework); keys are fetched on the first Teams message.\n"
            "uitstroom.channels.teams.TeamsInput:\n"
            "  app_id: ${TEAMS_APP_ID}\n  app_password: ${TEAMS_APP_PASSWORD}\n"
        )
    if all(env.get(v) for v in SLACK):
        text += (
            "\n# Slack: begeleiders, mapped to their case-store record by their Slack user id.\n"
            "slack:\n  slack_token: ${SLACK_TOKEN}\n  slack_signing_secret: ${SLACK_SIGNING_SECRET}\n"
        )
    return text


def write_credentials(base: Path, target: Path, env: Mapping[str, str]) -> Path:
    target.write_text(credentials_text(base, env), "utf-8")
    return target
