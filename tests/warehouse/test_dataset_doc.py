"""DATASET.md documents every column of every table, in the declared order and type family."""
from __future__ import annotations

import re
from pathlib import Path

from normalizers.checks import ALL_CHECKS
from warehouse.schema import TABLES

DOC = Path(__file__).resolve().parents[2] / "warehouse" / "DATASET.md"


def _sections() -> dict[str, list[tuple[str, str]]]:
    out, current = {}, None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"## `(\w+)`", line)
        if m:
            current = out.setdefault(m.group(1), [])
            continue
        m = re.match(r"\| `(\w+)` \| ([^|]+) \| (yes|no) \|", line)
        if m and current is not None:
            current.append((m.group(1), m.group(3)))
    return out


def test_every_column_is_documented_with_its_nullability():
    sections = _sections()
    assert set(sections) == set(TABLES)
    for name, spec in TABLES.items():
        documented = sections[name]
        assert [c for c, _ in documented] == spec.schema.names, name
        for (column, nullable), field in zip(documented, spec.schema):
            assert (nullable == "yes") == field.nullable, (name, column)


def test_every_check_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name in ALL_CHECKS:
        assert f"| `{name}` |" in text
