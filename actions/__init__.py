"""rasa_sdk action server of the uitstroom assistant (`rasa run actions`)."""

import threading

from uitstroom.knowledge.retrieval import default_retriever

# Build the retrieval index and classifier (about a second) while the server starts,
# not during the first user's question.
threading.Thread(target=default_retriever, name="warm-retriever", daemon=True).start()
