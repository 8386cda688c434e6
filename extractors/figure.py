"""The figure record of CONTRACT.md section 4, as one typed value."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

INDICES = ("PAR", "SIPAS", "PAPI", "PCI", "DTI", "OTHER")
LEVELS = ("province", "district", "commune", "department", "ministry", "unknown")
FIELDS = (
    "total", "direction", "institutions", "procedures", "organization", "civil_service",
    "public_finance", "e_government", "impact", "survey", "other",
)
METRICS = ("score", "rank", "score_pct", "score_delta", "rank_delta")
KINDS = ("official", "self_assessed", "provisional")


@dataclass(frozen=True)
class Unit:
    level: str = "unknown"
    name: str | None = None  # canonical after normalisation, as mentioned before it
    code: str | None = None  # GSO code of the pre-2025 unit
    province_code: str | None = None


@dataclass
class Figure:
    doc: str
    index: str
    year: int | None
    unit: Unit
    field: str
    field_raw: str | None
    metric: str
    value: float
    denominator: float | None
    kind: str
    text: str
    span: tuple[int, int]
    quote: str
    # provenance beyond the contract's keys
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    peer_group: str | None = None  # who the rank is among, as written ("huyện, thành phố", "khối tỉnh")
    extras: dict = field(default_factory=dict)

    def to_record(self) -> dict:
        """The contract's JSON object (plus provenance keys that are set)."""
        rec = asdict(self)
        rec["span"] = list(self.span)
        extras = rec.pop("extras")
        for key in ("page", "table", "row", "col", "peer_group"):
            if rec[key] is None:
                rec.pop(key)
        rec.update(extras)
        return rec

    def with_unit(self, unit: Unit) -> "Figure":
        return replace(self, unit=unit)
