"""Custom Rasa NLU components of the uitstroom assistant (referenced from config.yml)."""
