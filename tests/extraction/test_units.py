"""resolve_unit on its own: names as sources write them -> canonical name and pre-2025 GSO code."""
from __future__ import annotations

import pytest

from normalizers.units import resolve_commune, resolve_unit


@pytest.mark.parametrize("name, level, province, expect", [
    ("Huyện Bạch Thông", None, "Bắc Kạn", ("district", "Huyện Bạch Thông", "063", "06")),
    ("huyện Bạch Thông", None, None, ("district", "Huyện Bạch Thông", "063", "06")),
    ("TP Bắc Kạn", None, "Bắc Kạn", ("district", "Thành phố Bắc Kạn", "058", "06")),
    ("UBND thành phố Bắc Kạn", None, None, ("district", "Thành phố Bắc Kạn", "058", "06")),
    ("TX. Sơn Tây", None, "Hà Nội", ("district", "Thị xã Sơn Tây", "269", "01")),
    ("Thừa Thiên Huế", None, None, ("province", "Tỉnh Thừa Thiên Huế", "46", "46")),
    ("tỉnh Quảng Ninh", None, None, ("province", "Tỉnh Quảng Ninh", "22", "22")),
    ("Quảng Ninh", None, None, ("province", "Tỉnh Quảng Ninh", "22", "22")),
    ("thành phố Hải Phòng", None, None, ("province", "Thành phố Hải Phòng", "31", "31")),
    ("TP.HCM", None, None, ("province", "Thành phố Hồ Chí Minh", "79", "79")),
    ("Bà Rịa - Vũng Tàu", None, None, ("province", "Tỉnh Bà Rịa - Vũng Tàu", "77", "77")),
    ("thành phố Thanh Hóa", None, None, ("district", "Thành phố Thanh Hóa", "380", "38")),
    ("Thanh Hoá", None, None, ("province", "Tỉnh Thanh Hóa", "38", "38")),
    ("Quận 1", None, "79", ("district", "Quận 1", "760", "79")),
    ("Bạch Thông", "district", "06", ("district", "Huyện Bạch Thông", "063", "06")),
    ("UBND tỉnh", None, "Bắc Kạn", ("province", "Tỉnh Bắc Kạn", "06", "06")),
    ("Sở Nội vụ", None, "Bắc Kạn", ("department", "Sở Nội vụ tỉnh Bắc Kạn", None, "06")),
    ("Sở Nội vụ tỉnh Bắc Kạn", None, None, ("department", "Sở Nội vụ tỉnh Bắc Kạn", None, "06")),
    ("Bộ Tư pháp", None, None, ("ministry", "Bộ Tư pháp", None, None)),
])
def test_resolve_unit(name, level, province, expect):
    u = resolve_unit(name, level, province)
    assert (u.level, u.name, u.code, u.province_code) == expect


def test_unresolvable_keeps_the_name_and_never_raises():
    u = resolve_unit("Chợ Mới", "district", None)  # two provinces have one: ambiguous without context
    assert (u.level, u.code) == ("district", None)
    for junk in ("", "   ", "tỉnh", "xyz", "\x00", "Sở", "Bộ", "1" * 1000):
        resolve_unit(junk, None, None)
        resolve_unit(junk, "commune", "Bắc Kạn")


def test_resolve_commune_needs_its_district():
    u = resolve_commune("xã N'Thol Hạ", "huyện Đức Trọng", "Lâm Đồng")
    assert u is not None and (u.code, u.name) == ("24973", "Xã N'Thol Hạ")
    assert resolve_commune("Phường 1", "Thành phố Trà Vinh", "Trà Vinh").code == "29239"


def test_normalize_figures_resolves_units_with_the_source_province():
    from extractors.context import ExtractionContext
    from extractors.figure import Figure, Unit
    from normalizers import normalize_figures

    raw = [Figure(doc="d", index="PAR", year=2023, unit=Unit("district", "TX. Sơn Tây"), field="total", field_raw=None,
                  metric="rank", value=1, denominator=30, kind="official", text="1/30", span=(0, 4), quote="1/30"),
           Figure(doc="d", index="PAR", year=2023, unit=Unit("province", None), field="total", field_raw=None,
                  metric="score", value=90.32, denominator=None, kind="official", text="90,32%", span=(5, 11),
                  quote="90,32%")]
    out = normalize_figures(raw, ExtractionContext(province="Hà Nội"))
    assert [(f.unit.name, f.unit.code) for f in out] == [("Thị xã Sơn Tây", "269"), ("Thành phố Hà Nội", "01")]
    assert raw[0].unit.code is None  # the input list is left as it was
