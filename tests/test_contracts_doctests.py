"""Run the doctests of the domain-value modules of gongjian.contracts."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "gongjian.contracts.uscc",
    "gongjian.contracts.money",
    "gongjian.contracts.numbers",
    "gongjian.contracts.dates",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0
