"""rasa_sdk action server of the uitstroom assistant (`rasa run actions`)."""
