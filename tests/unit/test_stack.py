"""Which model a stack loads, and that stacks do not pile up logs."""

from __future__ import annotations

import os

import pytest

from uitstroom import model_inputs, stack


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    monkeypatch.setattr(model_inputs, "PROJECT_ROOT", tmp_path)
    monkeypatch.delenv("UITSTROOM_CONFIG", raising=False)
    monkeypatch.delenv("UITSTROOM_MODEL_PREFIX", raising=False)
    (tmp_path / "config.yml").write_text("pipeline: []\n")
    (tmp_path / "models").mkdir()
    return tmp_path


def test_the_model_of_this_checkout_is_loaded_not_the_newest_file(checkout):
    ours = model_inputs.model_path()
    ours.write_bytes(b"model")
    newer = checkout / "models" / "uitstroom-0000000000000000.tar.gz"
    newer.write_bytes(b"other commit")
    os.utime(ours, (1, 1))
    assert stack.latest_model() == ours


def test_changed_inputs_without_training_say_what_to_do(checkout):
    model_inputs.model_path().write_bytes(b"model")
    (checkout / "config.yml").write_text("pipeline: [changed]\n")
    with pytest.raises(FileNotFoundError, match="make model"):
        stack.latest_model()


def test_old_logs_are_pruned(tmp_path):
    for i in range(12):
        log = tmp_path / f"rasa-{i}.log"
        log.write_text("x")
        os.utime(log, (i, i))
    stack.prune_logs(tmp_path, keep=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"rasa-{i}.log" for i in range(7, 12))
