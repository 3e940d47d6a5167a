"""The browse commands: regimes, regimes show, clauses, clauses show (CliRunner, exact contracts)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gongjian.cli import cli


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_regimes_lists_all_five(run):
    result = run("regimes")
    assert result.exit_code == 0
    for rid in ("js-fusion", "js-consortium", "js-tech-center", "jl-industry-center", "cq-liangjiang"):
        assert rid in result.output


def test_regimes_json_is_parseable(run):
    data = json.loads(run("regimes", "--format", "json").output)
    assert [r["id"] for r in data][-1] == "cq-liangjiang"
    assert all(r["requirements"] > 0 for r in data)


def test_regimes_show_quotes_requirements(run, library):
    result = run("regimes", "show", "cq-liangjiang")
    assert result.exit_code == 0
    assert "CQL-03" in result.output
    assert "法定代表人" in result.output and "公章" in result.output
    quote = library.regimes["cq-liangjiang"].requirements[0].quotes[0].text
    assert quote[:10] in result.output.replace("\n", "").replace(" ", "")


def test_regimes_show_json_has_every_requirement(run, library):
    data = json.loads(run("regimes", "show", "js-consortium", "--format", "json").output)
    assert len(data["requirements"]) == len(library.regimes["js-consortium"].requirements)
    assert any(r["id"] == "JSC-16" for r in data["requirements"])


def test_unknown_regime_exits_2_and_lists_choices(run):
    result = run("regimes", "show", "hainan")
    assert result.exit_code == 2
    assert "未知的制度“hainan”" in result.output
    assert "cq-liangjiang" in result.output
    assert "Traceback" not in result.output


def test_unknown_category_exits_2_and_lists_choices(run):
    result = run("clauses", "show", "C26")
    assert result.exit_code == 2
    assert "未知的条款类别“C26”" in result.output and "C01" in result.output


def test_clauses_matrix_has_all_categories(run):
    result = run("clauses")
    assert result.exit_code == 0
    for i in range(1, 26):
        assert f"C{i:02d}" in result.output


def test_clauses_json_matrix_for_one_regime(run, library):
    data = json.loads(run("clauses", "--regime", "cq-liangjiang", "--format", "json").output)
    assert len(data) == 25
    c13 = next(r for r in data if r["id"] == "C13")
    assert c13["required"] == {"cq-liangjiang": "MUST-A"}
    assert c13["required"]["cq-liangjiang"] == library.level("C13", "cq-liangjiang")


def test_clauses_with_unknown_regime_exits_2(run):
    result = run("clauses", "--regime", "nowhere")
    assert result.exit_code == 2 and "js-fusion" in result.output


def test_clauses_show_lists_elements_defects_and_alternatives(run, library):
    result = run("clauses", "show", "C07", "--regime", "cq-liangjiang")
    assert result.exit_code == 0
    cat = library.categories["C07"]
    for el in cat.elements:
        assert el.id in result.output
    for d in cat.defects:
        assert d.id in result.output
    for alt in ("creator", "co-owned", "lead"):
        assert alt in result.output
    assert "{{" not in result.output


def test_clauses_show_json(run):
    data = json.loads(run("clauses", "show", "c13", "--format", "json").output)
    assert data["id"] == "C13"
    assert {t["id"] for t in data["drafting"]["texts"]} == {"arbitration", "court"}


def _all_commands():
    out = [["--help"]]
    for name, command in sorted(cli.commands.items()):
        out.append([name, "--help"])
        for sub in sorted(getattr(command, "commands", {})):
            out.append([name, sub, "--help"])
    return out


COMMANDS = _all_commands()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_has_help_with_an_example(run, args):
    result = run(*args)
    assert result.exit_code == 0
    assert "示例" in result.output and "gongjian " in result.output
