#!/usr/bin/env python3
"""Build the gold extraction corpus from annotated sources.

    .venv/bin/python tests/gold/build.py          # writes docs/*.txt and gold.jsonl
    .venv/bin/python tests/gold/build.py --check  # fails if the outputs are stale
    .venv/bin/python tests/gold/build.py --root tests/gold_holdout  # another corpus
                                      # (ROOT/src -> ROOT/docs + ROOT/gold.jsonl)

Each tests/gold/src/NNN_slug.src is a header, a line "---", then the document
text with inline marks.  The marks are removed from the text written to
docs/NNN_slug.txt; their offsets become the gold spans, and every record is
checked with doc_text[start:end] == text before anything is written.

Header lines (all optional except @doc):
    @doc 005_slug.txt                 output file name
    @index PAR | @year 2022 | @kind official
    @unit KEY = P Bắc Kạn             province (GSO code via vietnamadminunits LEGACY)
    @unit KEY = D Huyện Bạch Thông, Tỉnh Bắc Kạn   district
    @unit KEY = C Xã X, Huyện Y, Tỉnh Z          commune
    @unit KEY = S Sở Nội vụ tỉnh Bắc Kạn; Bắc Kạn department (code null)
    @unit KEY = M Bộ Tư pháp          ministry (code null)
    @unit KEY = P?                    a province the text never names
    @unit KEY = U                     unknown
    @default u=KEY;f=tot              spec tokens applied to every mark
    @cols NAME = SPEC | SPEC | ...     column specs of a ranking table

Marks in the body:
    {{TEXT|SPEC}}   a figure; TEXT is printed as is, SPEC is ';'-separated tokens
    {{TEXT|opt;note=...}}  a don't-care region (optional: true)
    {{=SPEC}}       sticky defaults from here on (e.g. {{=u=bt;y=2021}});
                    "cols=NAME" starts a table, "u=KEY" then starts a row
    {{TEXT|c;...}}  the next column of the active table (empty TEXT skips one)

SPEC tokens: r s p sd rd (metric rank, score, score_pct, score_delta,
rank_delta); f=FIELD (tot dir ins pro org civ fin egov imp sur oth or a full
name); u=KEY; y=YEAR; i=INDEX; k=self|prov|official; v=VALUE; d=DEN (d=- for
null); neg (negate the value read from TEXT); raw=FIELD_RAW.
Value and denominator are read from TEXT ("81,81/100", "7/8", "93,21%",
"92.83%"), so only words ("nhì", "dẫn đầu") need v=.
"""
from __future__ import annotations

import argparse
import functools
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC, DOCS, GOLD = HERE / "src", HERE / "docs", HERE / "gold.jsonl"

METRICS = {"r": "rank", "s": "score", "p": "score_pct", "sd": "score_delta", "rd": "rank_delta"}
FIELDS = {"tot": "total", "dir": "direction", "ins": "institutions", "pro": "procedures",
          "org": "organization", "civ": "civil_service", "fin": "public_finance",
          "egov": "e_government", "imp": "impact", "sur": "survey", "oth": "other"}
KINDS = {"official": "official", "self": "self_assessed", "prov": "provisional"}
INDICES = {"PAR", "SIPAS", "PAPI", "PCI", "DTI", "OTHER"}
MARK = re.compile(r"\{\{(.*?)\}\}", re.S)
# Pre-2025 names where the library already uses the post-2025 one.
PROVINCE_NAMES = {"46": "Tỉnh Thừa Thiên Huế"}


class AnnotationError(ValueError):
    pass


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d")
    return "".join(s.split())


@functools.lru_cache(maxsize=None)
def _parse(addr: str, level: int) -> dict:
    from vietnamadminunits import ParseMode, parse_address
    return parse_address(addr, mode=ParseMode.LEGACY, level=level).__dict__


def _typed(kind: str, short: str) -> str:
    """'Huyện' + 'Bạch Thông'; numbered units ('Phường 1') already carry the type."""
    return short if fold(short).startswith(fold(kind)) else f"{kind} {short}"


def resolve_unit(spec: str) -> dict:
    """A unit spec from a header line -> the contract's unit object."""
    kind, _, rest = spec.strip().partition(" ")
    rest = rest.strip()
    if kind == "P?":
        return {"code": None, "level": "province", "name": None, "province_code": None}
    if kind == "U":
        return {"code": None, "level": "unknown", "name": None, "province_code": None}
    if kind == "M":
        return {"code": None, "level": "ministry", "name": rest, "province_code": None}
    if kind == "S":
        name, _, prov = rest.partition(";")
        pc = resolve_unit("P " + prov.strip())["code"] if prov.strip() else None
        return {"code": None, "level": "department", "name": name.strip(), "province_code": pc}
    if kind == "P":
        d = _parse(rest, 1)
        if not d.get("province_code") or fold(d["short_province"]) not in fold(rest) and fold(rest) not in fold(d["province"]):
            raise AnnotationError(f"province {rest!r} resolved to {d.get('province')!r}")
        pc = d["province_code"]
        return {"code": pc, "level": "province", "name": PROVINCE_NAMES.get(pc, d["province"]), "province_code": pc}
    if kind == "D":
        d = _parse(rest, 2)
        if not d.get("district_code") or fold(d["short_district"]) not in fold(rest.split(",")[0]):
            raise AnnotationError(f"district {rest!r} resolved to {d.get('district')!r}")
        return {"code": d["district_code"], "level": "district",
                "name": _typed(d["district_type"], d["short_district"]), "province_code": d["province_code"]}
    if kind == "C":
        d = _parse(rest, 3)
        if not d.get("ward_code") or fold(d["short_ward"]) not in fold(rest.split(",")[0]):
            raise AnnotationError(f"commune {rest!r} resolved to {d.get('ward')!r}")
        return {"code": d["ward_code"], "level": "commune",
                "name": _typed(d["ward_type"], d["short_ward"]), "province_code": d["province_code"]}
    raise AnnotationError(f"unit spec {spec!r}: unknown kind {kind!r}")


def parse_number(s: str) -> float | int:
    """A figure's number as printed: decimal comma or point, no thousands."""
    s = s.strip()
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        raise AnnotationError(f"not a number: {s!r}")
    x = float(s.replace(",", "."))
    return int(x) if x.is_integer() and not re.search(r"[.,]", s) else x


def read_text_value(text: str) -> tuple[float | int | None, float | int | None]:
    t = text.strip().rstrip("%").strip()
    if "/" in t:
        a, b = t.split("/", 1)
        return parse_number(a), parse_number(b)
    try:
        return parse_number(t), None
    except AnnotationError:
        return None, None


def tokens(spec: str) -> dict:
    out: dict = {}
    for tok in filter(None, (t.strip() for t in spec.split(";"))):
        key, eq, val = tok.partition("=")
        out[key.strip()] = val.strip() if eq else True
    return out


@dataclass
class Source:
    path: Path
    header: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    cols: dict = field(default_factory=dict)


def parse_header(path: Path, lines: list[str]) -> Source:
    src = Source(path)
    for ln in lines:
        if not ln.strip():
            continue
        if not ln.startswith("@"):
            raise AnnotationError(f"{path.name}: header line without @: {ln!r}")
        key, _, val = ln[1:].partition(" ")
        val = val.strip()
        if key == "unit":
            k, _, spec = val.partition("=")
            src.units[k.strip()] = resolve_unit(spec)
        elif key == "cols":
            k, _, spec = val.partition("=")
            src.cols[k.strip()] = [s.strip() for s in spec.split("|")]
        else:
            src.header[key] = val
    if "doc" not in src.header:
        raise AnnotationError(f"{path.name}: no @doc")
    return src


def make_record(src: Source, text: str, start: int, spec: dict) -> dict:
    doc = src.header["doc"]
    where = f"{src.path.name}: {text!r} at {start}"
    kind = KINDS.get(spec.get("k", src.header.get("kind", "official")))
    if kind is None:
        raise AnnotationError(f"{where}: kind {spec.get('k')!r}")
    if spec.get("opt"):
        return {"doc": doc, "kind": kind, "note": spec.get("note", ""), "optional": True,
                "span": [start, start + len(text)], "text": text}
    metric = [METRICS[k] for k in spec if k in METRICS]
    if len(metric) != 1:
        raise AnnotationError(f"{where}: need exactly one metric, got {metric}")
    metric = metric[0]
    f = spec.get("f", "tot")
    fld = FIELDS.get(f, f)
    if fld not in FIELDS.values():
        raise AnnotationError(f"{where}: field {f!r}")
    index = spec.get("i", src.header.get("index", "PAR"))
    if index not in INDICES:
        raise AnnotationError(f"{where}: index {index!r}")
    ukey = spec.get("u")
    if ukey not in src.units:
        raise AnnotationError(f"{where}: unit key {ukey!r} not declared")
    year = spec.get("y", src.header.get("year"))
    value, den = read_text_value(text)
    if "v" in spec:
        value = parse_number(spec["v"].lstrip("-")) * (-1 if spec["v"].startswith("-") else 1)
    if value is None:
        raise AnnotationError(f"{where}: no value (words need v=)")
    if spec.get("neg"):
        value = -value
    if "d" in spec:
        den = None if spec["d"] == "-" else parse_number(spec["d"])
    if metric in ("score_pct", "score_delta", "rank_delta") and "d" not in spec:
        den = None
    rec = {"doc": doc, "index": index, "year": int(year) if year not in (None, "null") else None,
           "unit": dict(src.units[ukey]), "field": fld, "metric": metric, "value": value,
           "denominator": den, "kind": kind, "text": text, "span": [start, start + len(text)],
           "optional": False}
    if spec.get("raw"):
        rec["field_raw"] = spec["raw"]
    return rec


def build_one(path: Path) -> tuple[str, str, list[dict]]:
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        raise AnnotationError(f"{path.name}: no '---' line after the header")
    src = parse_header(path, head.splitlines())
    defaults = tokens(src.header.get("default", ""))
    sticky: dict = {}
    table: list[str] | None = None
    col = 0
    out: list[str] = []
    pos = 0
    length = 0
    records = []
    for m in MARK.finditer(body):
        chunk = body[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        inner = m.group(1)
        if inner.startswith("="):
            new = tokens(inner[1:])
            if "cols" in new:
                name = new.pop("cols")
                table = None if name in ("", "-", True) else src.cols[name]
                col = 0
            if "u" in new and table is not None:
                col = 0
            sticky.update(new)
            continue
        text, bar, spec_s = inner.rpartition("|")
        if not bar:
            raise AnnotationError(f"{path.name}: mark without '|': {inner!r}")
        spec = {**defaults, **sticky}
        own = tokens(spec_s)
        if own.pop("c", False):
            if table is None or col >= len(table):
                raise AnnotationError(f"{path.name}: column mark {text!r} outside a table or past its last column")
            spec.update(tokens(table[col]))
            col += 1
        spec.update(own)
        out.append(text)
        if text:
            records.append(make_record(src, text, length, spec))
        length += len(text)
    out.append(body[pos:])
    doc_text = "".join(out)
    if "{{" in doc_text or "}}" in doc_text:
        raise AnnotationError(f"{path.name}: unbalanced mark")
    if unicodedata.normalize("NFC", doc_text) != doc_text:
        raise AnnotationError(f"{path.name}: text is not NFC")
    for r in records:
        s, e = r["span"]
        assert doc_text[s:e] == r["text"], (path.name, r)
    return src.header["doc"], doc_text, records


def build_all(root: Path | None = None) -> tuple[dict[str, str], list[dict]]:
    """Build ROOT/src (default: this folder's src/)."""
    src_dir = SRC if root is None else Path(root) / "src"
    if not src_dir.is_dir():
        raise AnnotationError(f"{src_dir}: no such folder of .src files")
    docs: dict[str, str] = {}
    gold: list[dict] = []
    for path in sorted(src_dir.glob("*.src")):
        name, text, recs = build_one(path)
        if name in docs:
            raise AnnotationError(f"{path.name}: doc {name} built twice")
        docs[name] = text
        gold.extend(sorted(recs, key=lambda r: r["span"]))
    return docs, gold


def gold_lines(gold: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in gold)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare with the files on disk")
    ap.add_argument("--root", type=Path, default=HERE,
                    help="corpus folder holding src/; docs/ and gold.jsonl are written there (default: this folder)")
    a = ap.parse_args()
    root = a.root.resolve()
    DOCS, GOLD = root / "docs", root / "gold.jsonl"
    try:
        docs, gold = build_all(root)
    except AnnotationError as e:
        print(f"build.py: {e}", file=sys.stderr)
        return 2
    lines = gold_lines(gold)
    if a.check:
        stale = [n for n, t in docs.items() if not (DOCS / n).exists() or (DOCS / n).read_text(encoding="utf-8") != t]
        extra = sorted({p.name for p in DOCS.glob("*.txt")} - set(docs))
        if not GOLD.exists() or GOLD.read_text(encoding="utf-8") != lines:
            stale.append("gold.jsonl")
        if stale or extra:
            print(f"stale: {stale} extra: {extra}", file=sys.stderr)
            return 1
        return 0
    DOCS.mkdir(exist_ok=True)
    for old in DOCS.glob("*.txt"):
        if old.name not in docs:
            old.unlink()
    for n, t in docs.items():
        (DOCS / n).write_text(t, encoding="utf-8")
    GOLD.write_text(lines, encoding="utf-8")
    req = sum(1 for r in gold if not r["optional"])
    print(f"{len(docs)} documents, {req} required figures, {len(gold) - req} optional regions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
