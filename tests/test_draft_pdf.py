"""The drafted .docx as a reader sees it: LibreOffice converts every regime's draft to PDF, a CJK font is embedded
and the PDF's text holds the title and every member's full name.

Needs soffice (libreoffice-writer-nogui), fonts-noto-cjk and pdffonts/pdftotext (poppler-utils); scripts/test.sh
installs them from scripts/debian-packages.txt. Skipped when missing, a failure under GONGJIAN_REQUIRE_ALL=1.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from gongjian.cli import cli
from gongjian.templates.samples import sample_path, sample_regimes, scaled_sample
from tests.conftest import require_program

pytestmark = pytest.mark.slow
FONTS_CONF = Path(__file__).resolve().parents[1] / "gongjian" / "templates" / "fonts.conf"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, tuple[dict, Path]]:
    """Draft every regime's sample (and a 12-member spec), convert them all with one soffice run."""
    soffice = require_program("soffice")
    require_program("pdffonts")
    require_program("pdftotext")
    folder = tmp_path_factory.mktemp("pdf")
    specs = {regime: yaml.safe_load(sample_path(regime).read_text("utf-8")) for regime in sample_regimes()}
    specs["12-members"] = scaled_sample("jl-industry-center", 12)
    docs = []
    for name, data in specs.items():
        spec = folder / f"{name}.yaml"
        spec.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        result = CliRunner().invoke(cli, ["draft", str(spec), "-o", str(folder / f"{name}.docx")])
        assert result.exit_code == 0, result.output
        docs.append(str(folder / f"{name}.docx"))
    # Debian has no 宋体/黑体: fontconfig would pick DejaVu and LibreOffice fall back to Noto Sans CJK JP for every
    # CJK glyph; the shipped alias file maps them to Noto Serif/Sans CJK SC (spec/dependency-notes.md §4).
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(folder)}
    profile = (folder / "lo-profile").as_uri()
    run = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(folder), *docs], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return {name: (data, folder / f"{name}.pdf") for name, data in specs.items()}


def fonts(pdf: Path) -> list[dict[str, str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:  # two header lines
        name, *rest = line.split()
        rows.append({"name": name, "emb": rest[-5]})  # … emb sub uni object ID
    return rows


def text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", "", raw)  # lines wrap mid-sentence; join them without spaces


@pytest.mark.parametrize("name", [*sample_regimes(), "12-members"])
def test_pdf_embeds_cjk_fonts_serif_body_and_sans_titles(pdfs, name):
    _, pdf = pdfs[name]
    embedded = [f["name"] for f in fonts(pdf) if f["emb"] == "yes"]
    cjk = [n for n in embedded if "CJK" in n]
    assert cjk, embedded
    assert any("SerifCJK" in n for n in cjk), cjk  # 宋体 → Noto Serif CJK SC
    assert any("SansCJK" in n for n in cjk), cjk  # 黑体 → Noto Sans CJK SC


@pytest.mark.parametrize("name", [*sample_regimes(), "12-members"])
def test_pdf_text_has_the_title_and_every_member(pdfs, name):
    data, pdf = pdfs[name]
    content = text(pdf)
    assert re.sub(r"\s+", "", data["title"]) in content
    for member in data["members"]:
        assert content.count(member["full_name"]) >= 2, member["full_name"]  # the parties' clause and the seal
    assert content.count("（公章）") == len(data["members"])
    assert "第1页" in content


@pytest.mark.parametrize("regime", sample_regimes())
def test_the_pdf_checks_as_the_docx(pdfs, regime, library):
    """A reviewer often gets the PDF: it must give the same verdict as the .docx it was made from (tables as rows,
    a line wrapped before a reference such as “第二条列明的……” not taken for an article)."""
    from gongjian.nlp.check import check_file

    _, pdf = pdfs[regime]
    reports = [check_file(p, library) for p in (pdf.with_suffix(".docx"), pdf)]
    docx_report, pdf_report = reports
    assert [c.status for c in pdf_report.categories] == [c.status for c in docx_report.categories]
    assert sorted(f.rule_id for f in pdf_report.findings) == sorted(f.rule_id for f in docx_report.findings)
    assert pdf_report.signatures == docx_report.signatures
