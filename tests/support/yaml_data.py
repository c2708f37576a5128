"""Plain data of a YAML file for tests that look inside packs, parsed by libyaml where it is installed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_data(path: Path) -> Any:
    """What ``yaml.safe_load`` gives for the file at ``path`` (the same data, several times faster)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
