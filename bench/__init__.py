"""Benchmarks: `python -m bench` runs every bench/*_bench.py and bench/bench_*.py."""
