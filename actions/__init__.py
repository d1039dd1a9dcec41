"""rasa_sdk action server of the uitstroom assistant (`rasa run actions`)."""

import logging
import threading

from actions.messages import messages
from uitstroom.gazetteer import default_gazetteer
from uitstroom.knowledge.retrieval import default_retriever


def _warm_up() -> None:
    """Build what the first questions need while the server starts, not during a user's question:
    the retrieval index and classifier (about a second), the gazetteer, the texts, and the case
    store's first query (SQLAlchemy sets up its mappings then)."""
    default_retriever()
    default_gazetteer()
    messages()
    try:
        from actions.identity import store

        store().client("warm-up")
    except Exception as error:  # noqa: BLE001 - a database that is down is reported when it is needed
        logging.getLogger(__name__).warning("case store not reachable at start: %s", type(error).__name__)


threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
