"""Run the doctests of every gongjian module; the domain-value modules must have some."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import gongjian

MODULES = sorted(m.name for m in pkgutil.walk_packages(gongjian.__path__, "gongjian.") if not m.ispkg)
MUST_HAVE_DOCTESTS = {"gongjian.contracts.uscc", "gongjian.contracts.money", "gongjian.contracts.numbers",
                      "gongjian.contracts.dates", "gongjian.contracts.text", "gongjian.clauses.checks"}


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests_pass(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if name in MUST_HAVE_DOCTESTS:
        assert result.attempted > 0
