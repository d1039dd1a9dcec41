"""Microsoft Teams through the Bot Framework, without fetching Microsoft's keys at start-up.

Rasa 3.6's BotFrameworkInput downloads Microsoft's signing keys in its
constructor, so `rasa run` dies when the machine is offline or Microsoft is
unreachable. This channel fetches them on the first Teams message instead (and
daily after that, as Rasa does); until they can be fetched, Teams requests get
401 and every other channel keeps working.

credentials.yml:  uitstroom.channels.teams.TeamsInput: {app_id: ..., app_password: ...}
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from rasa.core.channels.botframework import BotFrameworkInput
from requests import RequestException

logger = logging.getLogger(__name__)


class TeamsInput(BotFrameworkInput):
    def __init__(self, app_id: str, app_password: str) -> None:
        self.app_id = app_id
        self.app_password = app_password
        self.jwt_keys: dict[str, Any] = {}
        self.jwt_update_time = datetime.datetime.fromtimestamp(0)  # "stale": fetched on the first request

    def _update_cached_jwk_keys(self) -> None:
        try:
            super()._update_cached_jwk_keys()
        except RequestException as error:
            logger.warning("Microsoft signing keys unreachable (%s); Teams requests are refused for now.",
                           type(error).__name__)  # fmt: skip
