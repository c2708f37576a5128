"""Where things are: the repository root and the test data folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
TEST_PACKS = DATA / "packs"
