"""Shared fixtures: the packaged clause library, paths, and the GONGJIAN_REQUIRE_ALL switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
REQUIRE_ALL = os.environ.get("GONGJIAN_REQUIRE_ALL") == "1"


@pytest.fixture(scope="session")
def library():
    from gongjian import load_library

    return load_library(use_cache=False)


def require(module: str, reason: str = ""):
    """Import an optional module, or skip — a failure under GONGJIAN_REQUIRE_ALL=1 (CI installs everything)."""
    try:
        return __import__(module)
    except ImportError:
        if REQUIRE_ALL:
            pytest.fail(f"{module} is required under GONGJIAN_REQUIRE_ALL=1 {reason}")
        pytest.skip(f"{module} not installed {reason}")


def require_program(name: str) -> str:
    """Return the path of an external program, or skip (fail under GONGJIAN_REQUIRE_ALL=1)."""
    import shutil

    path = shutil.which(name)
    if path is None:
        if REQUIRE_ALL:
            pytest.fail(f"program {name!r} is required under GONGJIAN_REQUIRE_ALL=1 (scripts/test.sh installs it)")
        pytest.skip(f"program {name!r} not installed")
    return path
