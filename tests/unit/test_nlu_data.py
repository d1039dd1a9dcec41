"""The generated NLU file follows the knowledge base."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_kennisvragen_is_in_sync_with_the_knowledge_base():
    result = subprocess.run([sys.executable, "scripts/sync_nlu_from_knowledge.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "run: python scripts/sync_nlu_from_knowledge.py"
