"""train.replay reruns the pipeline with kept fold models; it refuses what it cannot replay."""
from __future__ import annotations

import json

from stripper.features import feature_names
from train import replay


def test_replay_refuses_a_folder_with_no_fold_models(tmp_path, capsys):
    assert replay.replay(tmp_path, "text", tmp_path, jobs=1, save=None) == 2
    assert "crossval --save-models" in capsys.readouterr().err


def test_replay_refuses_models_trained_on_other_features(tmp_path, capsys):
    model = {"features": feature_names("text")[:-1], "held_out": []}
    (tmp_path / "text-fold0.json").write_text(json.dumps(model), encoding="utf-8")
    assert replay.replay(tmp_path, "text", tmp_path, jobs=1, save=None) == 2
    assert "other features" in capsys.readouterr().err
