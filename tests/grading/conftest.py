"""Fixtures of the grading tests: the shipped content packs."""

from __future__ import annotations

import pytest

from content import ContentBank, load_bank


@pytest.fixture(scope="module")
def bank() -> ContentBank:
    """The shipped packs, loaded once per test module."""
    return load_bank()
