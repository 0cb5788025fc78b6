"""scripts/history_fuzz.py: seeded office histories a cross-file change is judged by, seed by seed."""
import importlib.util
import json
from pathlib import Path

from backintime_assets.ingestion import survey

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "history_fuzz.py"
_spec = importlib.util.spec_from_file_location("history_fuzz", _SCRIPT)
history_fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(history_fuzz)


def test_a_seed_makes_its_history_again():
    files, truth = history_fuzz.history(16)
    assert (files, truth) == history_fuzz.history(16) and files != history_fuzz.history(17)[0]
    assert len(truth) == sum(len(data.decode().strip().splitlines()) - 1 for data in files.values())


def test_histories_load_on_their_days_and_spark_s_tasks_are_left_as_they_were(tmp_path, capsys):
    # Seed 16 is a French office's files, its volumes headed 'Quantité' (loaded NULL until canonical read it).
    before = survey.run_tasks
    counts = history_fuzz.run(str(tmp_path / "after.json"), 14, 18)
    assert survey.run_tasks is before and counts == {"ok": 4}
    seeds = json.loads((tmp_path / "after.json").read_text())
    worse = {**seeds, "16": {**seeds["16"], "status": "novol", "digest": "0"}}
    (tmp_path / "before.json").write_text(json.dumps(worse))
    history_fuzz.compare(str(tmp_path / "before.json"), str(tmp_path / "after.json"))
    assert capsys.readouterr().out.splitlines()[2:] == ["16 novol -> ok "]
