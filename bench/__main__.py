"""Run every benchmark module in this folder (bench_*.py and *_bench.py), one after another."""
from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    sys.path.insert(0, str(HERE.parent))
    names = sorted({p.stem for p in HERE.glob("bench_*.py")} | {p.stem for p in HERE.glob("*_bench.py")})
    status = 0
    for name in names:
        print(f"== bench.{name}", flush=True)
        saved = sys.argv
        sys.argv = [f"bench.{name}"]
        try:
            runpy.run_module(f"bench.{name}", run_name="__main__")
        except SystemExit as e:
            if e.code not in (None, 0):
                status = 1
        finally:
            sys.argv = saved
    return status


if __name__ == "__main__":
    sys.exit(main())
