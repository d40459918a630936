"""The quality gate: evaluation figures on the shared gold data must stay at or above their floors."""
import pytest

from claimledger.evaluation.gate import FLOORS_FILE, check, data_hash, load_floors, run_gate


def test_gate_fails_when_a_figure_drops_below_its_floor():
    floors = {"timex.value_f1": 0.72, "geo.lgl.acc_161km": 0.70}
    results = {r.figure: r for r in check({"timex.value_f1": 0.71, "geo.lgl.acc_161km": 0.75}, floors)}
    assert not results["timex.value_f1"].ok
    assert results["geo.lgl.acc_161km"].ok


def test_gate_fails_when_a_figure_is_missing():
    (result,) = check({}, {"polnear.cue.exact.f1": 0.7})
    assert not result.ok and result.value is None


def test_floors_file_names_its_data_hash_and_subset():
    doc = load_floors()
    assert set(doc) >= {"floors", "data_hash", "subset", "corpora"}
    assert all(0 <= v <= 16 for v in doc["floors"].values())


@pytest.mark.model
@pytest.mark.shared
def test_quality_gate_on_shared_data(shared):
    doc = load_floors()
    root = shared / "data"
    actual_hash = data_hash(root, doc["corpora"])
    if actual_hash != doc["data_hash"]:
        pytest.skip(f"shared data differs from the data the floors were measured on ({actual_hash[:12]} != {doc['data_hash'][:12]})")
    results, _ = run_gate(root, doc)
    failed = [f"{r.figure}: {r.value} < {r.floor}" for r in results if not r.ok]
    assert not failed, "figures below their floors (see " + str(FLOORS_FILE) + "): " + "; ".join(failed)
