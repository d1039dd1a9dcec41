"""Domain logic of the uitstroom assistant, shared by the NLU components and the action server."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
