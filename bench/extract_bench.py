"""Extraction benchmark (issue 3): documents per second of `extract` on text documents.

    .venv/bin/python -m bench.extract_bench [--rounds 20] [--docs DIR ...]

Single process, single thread. Without --docs, two corpora, one JSON line each: "seeds" (the five
seeds of ../shared/seeds, mean ~3,800 characters: the seed-sized number the target is about) and
"mix" (the seeds plus our gold documents, tests/gold/docs, shorter on average). The floor, measured
in the same run on the same files, is the time to read them and run one compiled regex over them;
the result is extract's docs/s and its multiple of the floor. Target: >= 1,000 seed-sized documents
per second per core.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.model import Document  # noqa: E402
from extractors import extract_document  # noqa: E402
from extractors.context import ExtractionContext  # noqa: E402

FLOOR_REGEX = re.compile(r"\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?%?")


def corpus(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        files += sorted(d.glob("*.txt"))
    return files


# CPU time of this process: the machine may be shared (CI runners, other jobs), and wall-clock
# time would then measure the neighbours. Both are printed.
def floor(files: list[Path], rounds: int) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for _ in range(rounds):
        for f in files:
            text = f.read_text(encoding="utf-8")
            n += sum(1 for _ in FLOOR_REGEX.finditer(text))
    return time.perf_counter() - w0, time.process_time() - c0


def extract(files: list[Path], rounds: int) -> tuple[float, float, int]:
    ctx = ExtractionContext()
    w0, c0 = time.perf_counter(), time.process_time()
    figures = 0
    for _ in range(rounds):
        for f in files:
            doc = Document(doc_id=f.name, text=f.read_text(encoding="utf-8"), content_type="txt")
            figures += len(extract_document(doc, ctx))
    return time.perf_counter() - w0, time.process_time() - c0, figures


def linearity(files: list[Path]) -> dict:
    """CPU microseconds per character on the corpus text repeated 1x, 10x and 50x in one document:
    a linear extractor keeps the figure flat."""
    base = "\n\n".join(f.read_text(encoding="utf-8") for f in files[:5])
    out = {}
    for k in (1, 10, 50):
        doc = Document(doc_id="big.txt", text="\n\n".join([base] * k), content_type="txt")
        c0 = time.process_time()
        extract_document(doc, ExtractionContext())
        out[f"x{k}_us_per_char"] = round((time.process_time() - c0) * 1e6 / len(doc.text), 3)
    return out


def measure(files: list[Path], rounds: int, repeats: int) -> dict:
    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    extract(files, 1)  # warm-up: imports, gazetteer, compiled regexes, unit caches
    w_floor, c_floor = floor(files, rounds)
    # Extract in ``repeats`` batches of ``rounds``: the totals give the mean rate; the fastest
    # batch is the rate with the least interference from other jobs on a shared machine.
    batches = [extract(files, rounds) for _ in range(repeats)]
    w_extract, c_extract = sum(b[0] for b in batches), sum(b[1] for b in batches)
    figures = batches[0][2]
    ndocs = len(files) * rounds * repeats
    return {
        "documents": len(files), "rounds": rounds, "repeats": repeats, "mean_chars": round(chars / len(files)),
        "floor_docs_per_cpu_s": round(len(files) * rounds / c_floor), "extract_docs_per_cpu_s": round(ndocs / c_extract),
        "extract_docs_per_cpu_s_best": round(len(files) * rounds / min(b[1] for b in batches)),
        "floor_docs_per_wall_s": round(len(files) * rounds / w_floor), "extract_docs_per_wall_s": round(ndocs / w_extract),
        "extract_vs_floor": round(c_extract / repeats / c_floor, 1), "figures_per_round": figures // rounds,
        "target_docs_per_s": 1000, "meets_target": ndocs / c_extract >= 1000,
        "linearity": linearity(files),
    }


SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "gold" / "docs"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=5, help="batches of --rounds timed for extract")
    ap.add_argument("--docs", type=Path, nargs="*", help="folders of .txt documents (default: seeds, then seeds + gold)")
    a = ap.parse_args()
    runs = [("docs", a.docs)] if a.docs else [("seeds", [SEEDS]), ("mix", [SEEDS, GOLD])]
    for name, dirs in runs:
        files = corpus([d for d in dirs if d.is_dir()])
        if not files:
            print(f"extract_bench: no documents found for {name}", file=sys.stderr)
            return 1
        print(json.dumps({"corpus": name, **measure(files, a.rounds, a.repeats)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
