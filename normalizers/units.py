"""Administrative units: a unit name as a source writes it -> canonical name and pre-2025 GSO code.

The gazetteer is vietnamadminunits' LEGACY data (63 provinces, their districts), indexed here by
an accent-free key so "TP Bắc Kạn", "thành phố Bắc Kạn" and "Bac Kan" meet.  Communes go through
``parse_address`` (LEGACY mode) because they need the district to be unambiguous.  Our own alias
table covers what the library's legacy data gets wrong or never knew (Thừa Thiên Huế before 2025,
abbreviations such as "TP.HCM", "BR-VT").  Departments and ministries are not administrative
units: they keep their name and get code None.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from extractors.figure import Unit

# Province keys (folded) that must not be read through the library: it already knows the
# post-2025 "Thành phố Huế" whereas every PAR year before 2025 speaks of Thừa Thiên Huế.
_PROVINCE_ALIASES: dict[str, str] = {
    "thuathienhue": "46", "tthue": "46", "hue": "46", "thuathien": "46",
    "hcm": "79", "tphcm": "79", "hochiminh": "79", "saigon": "79", "tpsaigon": "79",
    "brvt": "77", "bariavungtau": "77", "vungtau": "77",
    "daklak": "66", "daclac": "66", "daclak": "66", "daknong": "67", "dacnong": "67",
}
# Canonical pre-2025 names where the library carries a later one.
_PROVINCE_NAMES = {"46": "Tỉnh Thừa Thiên Huế"}
# Pre-2025 districts the legacy data has already merged away.
_DISTRICT_ALIASES: dict[tuple[str, str], tuple[str, str]] = {
    ("46", "hue"): ("Thành phố Huế", "474"),
}
CENTRAL_CITIES = {"01", "31", "48", "79", "92"}  # Hà Nội, Hải Phòng, Đà Nẵng, TP.HCM, Cần Thơ

_KW = {
    "tinh": "province", "thanhpho": "city", "tp": "city", "huyen": "district", "thixa": "district",
    "tx": "district", "quan": "district", "xa": "commune", "phuong": "commune", "thitran": "commune",
    "tt": "commune",
}
_TYPE_OF_KW = {"thanhpho": "Thành phố", "tp": "Thành phố", "huyen": "Huyện", "thixa": "Thị xã",
               "tx": "Thị xã", "quan": "Quận"}
_PREFIX = re.compile(
    r"^\s*(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+)?"
    r"(?P<kw>tỉnh|thành phố|tp\.?|huyện|thị xã|tx\.?|quận|xã|phường|thị trấn)(?:\s+|(?<=\.)|\s*$)"
    r"(?:đảo\s+)?",  # "huyện đảo Cồn Cỏ": an island district
    re.IGNORECASE,
)
_DEPARTMENT = re.compile(
    r"^\s*(?:Sở|Ban Quản lý|Ban Dân tộc|Văn phòng (?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Đoàn)|"
    r"Thanh tra tỉnh|Thanh tra thành phố|Ban Tôn giáo|Công an tỉnh|Bảo hiểm xã hội tỉnh)\b",
    re.IGNORECASE)
_MINISTRY = re.compile(
    r"^\s*(?:Bộ\s|Ngân hàng Nhà nước|Thanh tra Chính phủ|Văn phòng Chính phủ|Ủy ban Dân tộc|"
    r"Uỷ ban Dân tộc|Bảo hiểm xã hội Việt Nam)", re.IGNORECASE)
_TRAILING_LEVEL = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)\s*$", re.IGNORECASE)
_DEPT_PROVINCE = re.compile(r"\s+(?:tỉnh|thành phố|TP\.?)\s+(?P<prov>.+)$", re.IGNORECASE)


def fold(text: str) -> str:
    """Accent-, case- and space-free key: "TP. Bắc Kạn" -> "tpbackan"."""
    text = unicodedata.normalize("NFD", text or "").casefold().replace("đ", "d").replace("\u0111", "d")
    return "".join(c for c in text if c.isalnum() and unicodedata.category(c) != "Mn")


@dataclass(frozen=True)
class _District:
    code: str
    name: str  # canonical "Huyện Bạch Thông"
    type_key: str  # folded type: "huyen", "thanhpho", "thixa", "quan"
    province_code: str


@dataclass(frozen=True)
class _Gazetteer:
    provinces: dict[str, tuple[str, str]]  # folded key -> (code, canonical name)
    province_short: dict[str, str]  # code -> short name ("Bắc Kạn")
    districts: dict[str, list[_District]]  # folded short/full key -> candidates


@functools.lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    data = json.loads(resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text("utf-8"))
    provinces: dict[str, tuple[str, str]] = {}
    short: dict[str, str] = {}
    key_to_code: dict[str, str] = {}
    for pkey, p in data["DICT_PROVINCE"].items():
        code = p["provinceCode"]
        name = _PROVINCE_NAMES.get(code, p["province"])
        short[code] = "Thừa Thiên Huế" if code == "46" else p["provinceShort"]
        key_to_code[pkey] = code
        for kw in p["provinceKeywords"]:
            if len(kw) > 3:  # "hn" and friends are too short to trust in prose
                provinces.setdefault(kw, (code, name))
    for alias, code in _PROVINCE_ALIASES.items():
        name = _PROVINCE_NAMES.get(code) or next(n for c, n in provinces.values() if c == code)
        provinces[alias] = (code, name)
        provinces["tinh" + alias] = (code, name)
        if code in CENTRAL_CITIES:
            provinces["thanhpho" + alias] = (code, name)
            provinces["tp" + alias] = (code, name)
    districts: dict[str, list[_District]] = {}
    for pkey, ds in data["DICT_PROVINCE_DISTRICT"].items():
        pcode = key_to_code[pkey]
        for d in ds.values():
            dtype, dshort = d["districtType"], d["districtShort"]
            name = dshort if fold(dshort).startswith(fold(dtype)) else f"{dtype} {dshort}"
            rec = _District(d["districtCode"], name, fold(dtype), pcode)
            for key in {fold(dshort), fold(name), *d["districtKeywords"]}:
                bucket = districts.setdefault(key, [])
                if rec not in bucket:
                    bucket.append(rec)
    for (pcode, key), (name, code) in _DISTRICT_ALIASES.items():
        rec = _District(code, name, fold(name.split()[0] + name.split()[1]), pcode)
        for k in (key, fold(name)):
            districts.setdefault(k, []).insert(0, rec)
    return _Gazetteer(provinces, short, districts)


def province_code(name: str | None) -> str | None:
    """GSO code of a province named any usual way ("Bắc Kạn", "tỉnh Bắc Kạn", "06"), else None."""
    if not name:
        return None
    name = name.strip()
    if re.fullmatch(r"\d{2}", name):
        return name if name in gazetteer().province_short else None
    hit = gazetteer().provinces.get(fold(name))
    return hit[0] if hit else None


def province_name(code: str | None) -> str | None:
    if not code:
        return None
    for c, n in gazetteer().provinces.values():
        if c == code:
            return n
    return None


def province_short(code: str | None) -> str | None:
    return gazetteer().province_short.get(code or "")


def _strip_kw(name: str) -> tuple[str | None, str]:
    m = _PREFIX.match(name)
    if not m:
        return None, name.strip()
    return fold(m.group("kw")), name[m.end():].strip(" .")


# Official spellings of department and ministry names, keyed by their folded form, so that
# "Lao động, Thương binh và Xã hội", "Văn hoá - Thể thao và Du lịch" meet the official one.
_AGENCY_BODIES = [
    "Nội vụ", "Tư pháp", "Kế hoạch và Đầu tư", "Tài chính", "Công Thương", "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường", "Giao thông vận tải", "Xây dựng", "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông", "Lao động - Thương binh và Xã hội", "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao", "Du lịch", "Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Y tế", "Ngoại vụ",
    "Ngoại giao", "Quốc phòng", "Công an", "Dân tộc và Tôn giáo", "Quy hoạch - Kiến trúc",
]
_AGENCY_CANON = {fold(b): b for b in _AGENCY_BODIES}
_AGENCY_HEAD = re.compile(r"^(?P<head>Sở|Bộ)\s+(?P<body>.+)$", re.IGNORECASE)


def canonical_agency(name: str) -> str:
    """ "Sở Lao động, Thương binh và Xã hội" -> "Sở Lao động - Thương binh và Xã hội"; others unchanged."""
    m = _AGENCY_HEAD.match(name)
    if not m:
        return name
    body = _AGENCY_CANON.get(fold(m.group("body")))
    return f"{m.group('head').capitalize()} {body}" if body else name


def _dept_name(name: str, pcode: str | None) -> tuple[str, str | None]:
    """Department names keep their own words, plus "tỉnh X" when the province is known."""
    name = " ".join(name.split())
    m = _DEPT_PROVINCE.search(name)
    if m:
        own = province_code(m.group("prov"))
        if own:
            pcode = own
            name = name[: m.start()]
    name = canonical_agency(name)
    # "Thanh tra tỉnh", "Văn phòng UBND tỉnh": the name already ends with its level word, which the
    # province's name completes (never "Thanh tra tỉnh tỉnh X")
    name = _TRAILING_LEVEL.sub("", name)
    if pcode:
        word = "thành phố" if pcode in CENTRAL_CITIES else "tỉnh"
        name = f"{name} {word} {province_short(pcode)}"
    return name, pcode


@functools.lru_cache(maxsize=4096)
def resolve_unit(name: str | None, level_hint: str | None = None, province: str | None = None) -> Unit:
    """A unit as written -> canonical Unit. ``province`` (name or GSO code) disambiguates districts.

    Never raises: what cannot be resolved keeps its written name, the hinted level and code None.
    """
    level_hint = level_hint or "unknown"
    pcode = province_code(province) if province else None
    if not name or not name.strip():
        if level_hint == "province" and pcode:
            return Unit("province", province_name(pcode), pcode, pcode)
        return Unit(level_hint, None, None, pcode if level_hint != "unknown" else None)
    name = " ".join(name.split())
    if _MINISTRY.match(name):
        return Unit("ministry", canonical_agency(name), None, None)
    if _DEPARTMENT.match(name) or level_hint == "department":
        dname, dpcode = _dept_name(name, pcode)
        return Unit("department", dname, None, dpcode)
    kw, bare = _strip_kw(name)
    if kw is None and fold(name) in _KW:  # a bare "tỉnh" / "huyện": the caller's context decides
        kw, bare = fold(name), ""
    kind = _KW.get(kw or "", None)
    key = fold(bare)
    if not key:
        if (kind == "province" or level_hint == "province") and pcode:
            return Unit("province", province_name(pcode), pcode, pcode)
        level = {"province": "province", "city": "district", "district": "district",
                 "commune": "commune"}.get(kind or "", level_hint)
        return Unit(level, None, None, pcode)
    gz = gazetteer()
    if kind == "commune" or level_hint == "commune":
        return _resolve_commune(name, bare, kw, pcode) or Unit("commune", name, None, pcode)
    want_province = kind == "province" or level_hint == "province"
    if kind == "city" or kind is None:
        hit = gz.provinces.get(key)
        if hit and (hit[0] in CENTRAL_CITIES or kind is None and level_hint in ("province", "unknown")):
            # "thành phố Hà Nội" is a province; "thành phố Bắc Kạn" is a district of one.
            if not (kind is None and level_hint == "district"):
                want_province = True
    if want_province:
        hit = gz.provinces.get(key)
        if hit:
            return Unit("province", hit[1], hit[0], hit[0])
        if kind == "province":
            return Unit("province", name, None, None)
    cands = gz.districts.get(key, []) or (gz.districts.get(fold(kw) + key, []) if kw else [])
    if pcode:
        alias = _DISTRICT_ALIASES.get((pcode, key))
        if alias:
            return Unit("district", alias[0], alias[1], pcode)
        inside = [d for d in cands if d.province_code == pcode]
        # a district of the hinted province wins; a name found only elsewhere (a reprinted article
        # about another province) keeps its own, when it is unique there
        if inside:
            cands = inside
    if kw and len(cands) > 1:
        typed = [d for d in cands if d.type_key == ("thanhpho" if kw == "tp" else "thixa" if kw == "tx" else kw)]
        cands = typed or cands
    if len(cands) == 1:
        d = cands[0]
        return Unit("district", d.name, d.code, d.province_code)
    if not want_province and kind is None:
        hit = gz.provinces.get(key)
        if hit:
            return Unit("province", hit[1], hit[0], hit[0])
    level = {"city": "district", "district": "district"}.get(kind or "", level_hint)
    return Unit(level, name, None, pcode)


@functools.lru_cache(maxsize=4096)
def resolve_commune(name: str, district: str | None, province: str | None) -> Unit | None:
    """A commune ("xã Tà Năng", "Phường 1") inside a known district; None when not found."""
    pcode = province_code(province) if province else None
    kw, bare = _strip_kw(name)
    if not bare:
        return None
    d = resolve_unit(district, "district", pcode) if district else None
    if d is not None and not d.code and district:
        # "huyện Thanh Trì" with no province: the commune tells which of the namesakes it is
        hits = [u for c in district_candidates(_strip_kw(district)[1], pcode)
                if (u := resolve_commune(name, c.name, c.province_code)) is not None]
        if len(hits) == 1:
            return hits[0]
    if d is None or not d.code:
        return _resolve_commune(name, bare, kw, pcode)
    wtype = {"xa": "Xã", "phuong": "Phường", "thitran": "Thị trấn", "tt": "Thị trấn"}.get(kw or "", "")
    if not wtype and re.match(r"Phường\s", name, re.IGNORECASE):
        wtype, bare = "Phường", name
    addr = f"{wtype} {bare}".strip() if not bare.lower().startswith("phường") else bare
    hit = _parse_legacy(f"{addr}, {d.name}, {province_name(d.province_code)}", 3)
    if hit and hit.get("ward_code") and hit.get("district_code") == d.code and \
            fold(hit.get("short_ward") or "").endswith(fold(bare)):
        short = hit["short_ward"]
        wname = short if fold(short).startswith(fold(hit["ward_type"] or "")) else f"{hit['ward_type']} {short}"
        return Unit("commune", wname, hit["ward_code"], hit["province_code"])
    return None


def _resolve_commune(name: str, bare: str, kw: str | None, pcode: str | None) -> Unit | None:
    if not pcode:
        return None
    wtype = {"xa": "Xã", "phuong": "Phường", "thitran": "Thị trấn", "tt": "Thị trấn"}.get(kw or "", "")
    hit = _parse_legacy(f"{wtype} {bare}".strip() + f", {province_name(pcode)}", 3)
    if hit and hit.get("ward_code") and fold(hit.get("short_ward") or "") == fold(bare):
        return Unit("commune", f"{hit['ward_type']} {hit['short_ward']}", hit["ward_code"], hit["province_code"])
    return None


@functools.lru_cache(maxsize=4096)
def _parse_legacy(address: str, level: int) -> dict | None:
    """vietnamadminunits in LEGACY mode, cached (each call walks its tables)."""
    try:
        from vietnamadminunits import ParseMode, parse_address
        return dict(parse_address(address, mode=ParseMode.LEGACY, level=level).__dict__)
    except Exception:  # the library raises on shapes it does not know; that is "unresolved"
        return None


def is_province_name(text: str) -> bool:
    """True when ``text`` (bare, as written) names one of the 63 provinces."""
    return fold(text) in gazetteer().provinces


def district_candidates(text: str, pcode: str | None = None) -> list[_District]:
    cands = gazetteer().districts.get(fold(text), [])
    return [d for d in cands if pcode is None or d.province_code == pcode]
