"""The curated knowledge base: loading, validation and retrieval."""
