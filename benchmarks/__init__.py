"""Benchmarks of the kiosk: `make bench`, or `python -m benchmarks` from the repository root.

Each `bench_*.py` module measures one figure and registers it with `registry.register`;
`run.py` finds them, runs them and prints one table. See README.md in this folder.
"""
