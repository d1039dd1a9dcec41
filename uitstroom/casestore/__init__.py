"""The case store: each client's dossier (SQLAlchemy models, repository, rules)."""
