"""Which criteria set (bộ tiêu chí) a figure was scored under, from its index, year and level.

Field names and maxima changed with each set, so a researcher comparing 2019 with 2023 needs to
know the two were scored under different sets. The PAR Index sets for provinces are the Ministry
of Home Affairs' (Bộ Nội vụ); for districts, communes and departments each province issues its
own set, usually following the ministry's revision of the same period, so those are labelled by
the province's code and the ministry period they follow.
"""
from __future__ import annotations

# (first year assessed, label) of the ministry's PAR Index criteria sets for provinces and
# ministries. 2012: the first Đề án (Quyết định 1294/QĐ-BNV); 2017: the revision that added
# "Tác động của CCHC"; 2020: Quyết định 1149/QĐ-BNV; 2022: Quyết định 876/QĐ-BNV
# ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số").
PAR_PERIODS: tuple[tuple[int, str], ...] = (
    (2012, "2012-2016"),
    (2017, "2017-2019"),
    (2020, "2020-2021"),
    (2022, "2022-"),
)


def par_period(year: int | None) -> str | None:
    if year is None or year < PAR_PERIODS[0][0]:
        return None
    label = None
    for first, name in PAR_PERIODS:
        if year >= first:
            label = name
    return label


def criteria_set(index: str, year: int | None, level: str, province_code: str | None = None) -> str | None:
    """A stable label, e.g. "PAR/province/2022-" or "PAR/district/06/2022-"; None when unknown.

    Only the PAR Index has versioned criteria sets here; SIPAS, PAPI, PCI and DTI figures get
    their index and year ("PAPI/2022"), which is what identifies their methodology.
    """
    if index != "PAR":
        return f"{index}/{year}" if year is not None and index != "OTHER" else None
    period = par_period(year)
    if period is None:
        return None
    if level in ("province", "ministry"):
        return f"PAR/{level}/{period}"
    if level in ("district", "commune", "department"):
        return f"PAR/{level}/{province_code or '??'}/{period}"
    return None
