"""normalize_figures: raw figures -> canonical units (GSO codes), fields and indices checked."""
from __future__ import annotations

from dataclasses import replace

from extractors.context import ExtractionContext
from extractors.figure import FIELDS, INDICES, METRICS, Figure, Unit
from normalizers.fields import field_of
from normalizers.units import province_code, resolve_unit


def normalize_unit(unit: Unit, ctx: ExtractionContext) -> Unit:
    """Resolve a unit as mentioned; the figure's own province hint wins over the source's."""
    if unit.code and unit.level in ("province", "district", "commune"):
        return unit  # already canonical
    province = unit.province_code or (province_code(ctx.province) if ctx.province else None)
    if unit.level == "province" and not unit.name:
        return resolve_unit(None, "province", province)
    if unit.level == "unknown" and not unit.name:
        return unit
    resolved = resolve_unit(unit.name, unit.level if unit.level != "unknown" else None, province)
    if unit.level == "unknown" and province and resolved.province_code and resolved.province_code != province:
        # a bare name of unknown level never becomes a namesake in another province than the document's
        return Unit("unknown", unit.name, None, province)
    if resolved.level == "unknown" and unit.level != "unknown":
        resolved = replace(resolved, level=unit.level)
    return resolved


def normalize_figures(figures: list[Figure], ctx: ExtractionContext | None = None) -> list[Figure]:
    ctx = ctx or ExtractionContext()
    out = []
    for f in figures:
        unit = normalize_unit(f.unit, ctx)
        field = f.field if f.field in FIELDS else field_of(f.field_raw)
        index = f.index if f.index in INDICES else "OTHER"
        if f.metric not in METRICS:
            continue
        new = object.__new__(Figure)  # a shallow copy: dataclasses.replace re-runs __init__, slowly
        new.__dict__.update(f.__dict__)
        new.unit, new.field, new.index = unit, field, index
        out.append(new)
    return out
