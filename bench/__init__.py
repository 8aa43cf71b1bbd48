"""Benchmarks: `make bench SCALE=demo|city|province` (python -m bench)."""
