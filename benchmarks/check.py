"""Time `check_file` on two 10-page .docx files against python-docx parsing plus jieba segmentation, and a cold start.

usage: .venv/bin/python benchmarks/check.py [--runs N] [--keep DIR]

Builds a ~10-page 组建协议 (.docx, about 15–20k characters: the complete test agreement of tests/agreements.py with
its annexes — an annual implementation plan and member profiles — as real tables and paragraphs), then prints in
one run:

* warm: the median time of ``gongjian.api.check_file`` with the library loaded once and a first call made (jieba,
  the matcher and the cues warm), next to the median time of ``docx.Document`` + extracting every paragraph and table
  cell + ``jieba.lcut`` of the text with jieba's dictionary loaded beforehand, and the ratio (aim: ≤ 2×);
* the same for a second agreement of plain paragraphs (the annex written as prose, no tables), and for both the
  share of the clause model (the check with ``use_model=False`` beside it);
* cold: the wall time of one ``gongjian check file.docx`` in a fresh process (median of a few runs).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import agreements as ag  # noqa: E402

GONGJIAN = Path(sys.executable).with_name("gongjian")

_WORK = (
    "完成{what}的方案设计与评审", "完成{what}的样品试制与内部测试", "完成{what}的第三方检测与问题整改",
    "完成{what}的小批量验证并提交阶段报告",
)
_WHAT = {
    "甲方": ("主驱功率模块封装工艺", "双面散热结构", "电驱系统集成接口"),
    "乙方": ("6英寸导电型衬底生长工艺", "外延片缺陷控制", "外延片小批量供应"),
    "丙方": ("电驱台架验证方案", "道路验证车队组织", "整车工况数据采集"),
    "丁方": ("沟槽栅MOSFET元胞结构", "栅氧可靠性机理", "器件仿真模型"),
    "戊方": ("高温反偏试验平台", "功率循环试验平台", "短路耐受试验平台"),
}


def annexes() -> str:
    """Return the annexes: an implementation plan by year and quarter (a table) and member profiles."""
    header = "\t".join(("年度", "季度", "承担单位", "工作内容", "考核节点"))
    lines = ["", "附件1 年度实施计划", "年度实施计划表", header]
    for year in (1, 2, 3):
        for quarter in (1, 2, 3, 4):
            for member, things in _WHAT.items():
                what = things[(year + quarter) % len(things)]
                work = _WORK[(quarter - 1) % len(_WORK)].format(what=what)
                lines.append("\t".join((f"第{ag.cn_number(year)}年", f"第{ag.cn_number(quarter)}季度", member, work,
                                        f"{2025 + year}年{quarter * 3}月底前提交执行办公室")))
    lines += ["", "附件2 成员单位基本情况"]
    for m in ag.MEMBERS:
        lines.append(f"{m.label}：{m.name}，统一社会信用代码{m.uscc}，法定代表人{m.legal_rep}，住所{m.address}。"
                     f"{m.label}在联合体中为{m.role}，联系人{m.contact}。{m.label}承诺其提供的资质证明、财务数据和"
                     "研发条件说明真实、准确、完整，并同意在联合体存续期间每年更新一次本表所列信息，"
                     "发生变更的应自变更之日起10日内书面通知甲方。")
    return "\n".join(lines) + "\n"


def build(path: Path, *, plain: bool = False) -> tuple[Path, int]:
    text = ag.complete().text
    body, _, signatures = text.partition(ag.complete().closing)
    extra = annexes()
    if plain:  # every table row as a sentence: the same content without a single table
        body = body.replace("\t", "，")
        extra = "\n".join("，".join(line.split("\t")) + "。" if "\t" in line else line for line in extra.split("\n"))
    full = body + ag.complete().closing + signatures + extra
    ag.to_docx(full, path)
    return path, len(full)


def median_time(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each warm measurement (median)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold-start processes (median)")
    parser.add_argument("--keep", type=Path, help="write the .docx here instead of a temporary folder")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="gongjian-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    docs = [build(folder / "组建协议-10页.docx"), build(folder / "组建协议-10页-无表格.docx", plain=True)]
    path = docs[0][0]

    import docx
    import jieba

    from gongjian import load_library
    from gongjian.nlp.check import check_file
    from gongjian.nlp.reading import read_document

    library = load_library()
    jieba.setLogLevel(60)
    jieba.initialize()

    for doc_path, chars in docs:
        report = check_file(doc_path, library)  # warm-up: the segmenter, the compiled patterns, the model
        extracted = read_document(doc_path).text
        pages = len(extracted) / 1700  # about 1,700 characters per A4 page of 小四 宋体

        def docx_plus_jieba(doc_path=doc_path) -> None:
            document = docx.Document(str(doc_path))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.extend(cell.text for cell in row.cells)
            jieba.lcut("\n".join(parts))

        docx_plus_jieba()
        t_check = median_time(lambda doc_path=doc_path: check_file(doc_path, library), args.runs)
        t_rules = median_time(lambda doc_path=doc_path: check_file(doc_path, library, use_model=False), args.runs)
        t_base = median_time(docx_plus_jieba, args.runs)
        ratio = t_check / t_base if t_base else float("inf")
        print(f"document: {doc_path.name}  {chars} characters written, {len(extracted)} extracted "
              f"(~{pages:.1f} pages), {len(report.findings)} findings")
        print(f"  warm check_file (rules + model) ........... {t_check * 1000:8.1f} ms  (median of {args.runs})")
        print(f"  warm check_file (rules only) .............. {t_rules * 1000:8.1f} ms  (model share "
              f"{(t_check - t_rules) / t_check:.0%})")
        print(f"  python-docx parse + jieba.lcut (dict loaded) {t_base * 1000:7.1f} ms  (median of {args.runs})")
        verdict = "met" if ratio <= 2 else "NOT met"
        print(f"  ratio check / (docx + jieba) .............. {ratio:8.2f}×  (aim ≤ 2×: {verdict})")

    cold = []
    code = None
    for _ in range(args.cold_runs):
        t = time.perf_counter()
        done = subprocess.run([str(GONGJIAN), "check", str(path), "--format", "json"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, check=False)
        cold.append(time.perf_counter() - t)
        code = done.returncode
    t_cold = statistics.median(cold)
    t_python = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 3)

    print(f"cold start: gongjian check file.docx ........ {t_cold * 1000:8.1f} ms  (median of {args.cold_runs}, "
          f"exit {code}; python -c pass {t_python * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
