"""Property: any sequence of loads leaves the table equal to 'last write per key wins', and a
load commits a version exactly when it changes something."""
from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warehouse import Warehouse

from .conftest import fetch_record

_dirs = itertools.count()

loads = st.lists(  # each load: (key number, status) pairs
    st.lists(st.tuples(st.integers(0, 6), st.sampled_from([200, 304, 404])), max_size=6),
    min_size=1, max_size=5)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loads=loads)
def test_loads_behave_like_a_dictionary(tmp_path, loads):
    wh = Warehouse(tmp_path / f"w{next(_dirs)}")
    model: dict[str, int] = {}
    for batch in loads:
        rows = [fetch_record(k, status=s) for k, s in batch]
        before_model, before_version = dict(model), wh.versions()["fetches"]
        for k, s in batch:
            model[f"f{k:05d}"] = s
        res = wh.merge("fetches", rows)
        changed = model != before_model or before_version == -1
        assert res.changed == (model != before_model)
        assert (wh.versions()["fetches"] != before_version) == changed
        stored = {r["fetch_id"]: r["status"] for r in wh.read("fetches").to_pylist()}
        assert stored == model
