"""Channels for begeleiders beyond the web: Microsoft Teams (Bot Framework) and Slack."""
