"""The project's promises: README commands, CI script, package data in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "bash scripts/setup.sh" in readme and "bash scripts/test.sh" in readme
    assert (ROOT / "scripts" / "setup.sh").exists() and (ROOT / "scripts" / "test.sh").exists()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "scripts/test.sh" in ci and "GONGJIAN_REQUIRE_ALL=1" in ci


def test_test_script_fails_when_no_test_ran():
    script = (ROOT / "scripts" / "test.sh").read_text("utf-8")
    assert '"$code" -eq 5' in script


def test_readme_commands_exist():
    from gongjian.cli import cli

    readme = (ROOT / "README.md").read_text("utf-8")
    for name in cli.commands:
        assert f"gongjian {name}" in readme


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    return next(out.glob("gongjian-*.whl"))


def test_wheel_contains_the_library_data(wheel, library):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "gongjian/clauses/data/lexicon.yaml" in names
    assert sum(n.startswith("gongjian/clauses/data/categories/") and n.endswith(".yaml") for n in names) == 25
    assert sum(n.startswith("gongjian/clauses/data/regimes/") for n in names) == 5
    for policy in library.policies:
        assert f"gongjian/clauses/data/policies/{policy}" in names
    assert "gongjian/cli.py" in names
    assert "gongjian/nlp/data/clause_model.npz" in names  # the clause model ships in the wheel
