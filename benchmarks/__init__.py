"""Benchmarks: scripts that print figures; none of them assert on time."""
